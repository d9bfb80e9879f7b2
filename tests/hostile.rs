//! Hostile inputs, one row each: the arguments (and stdin) an attacker or an accident
//! gives, and the outcome required. A new case is one line in `CASES`, or in `STREAMS`
//! when stdin is a device or stdout is closed.

mod common;

use common::cmd::{sigtoken_with_certificate, std_command};
use common::example::{ACCOUNT, APP_CERTIFICATE, APP_ID, BEFORE, EXPIRY, GENERATE, WORKED_TOKEN};
use std::os::unix::process::CommandExt;
use std::process::{Output, Stdio};

/// One hostile input: arguments, stdin, the exit status and words stderr must hold.
struct Case {
    args: &'static [&'static str],
    stdin: &'static str,
    status: i32,
    stderr: &'static str,
}

const CASES: &[Case] = &[
    // An unset shell variable, not a token a client sent.
    Case {
        args: &[
            "report",
            "--app-id",
            APP_ID,
            "--account",
            "a",
            "--expiry",
            "1",
            "--client-token",
            "",
        ],
        stdin: "",
        status: 2,
        stderr: "--client-token is empty (an unset shell variable?)",
    },
    Case {
        args: &[
            "diagnose",
            WORKED_TOKEN,
            "--app-id",
            APP_ID,
            "--account",
            "a",
            "--candidate-accounts",
            "/dev/zero",
        ],
        stdin: "",
        status: 2,
        stderr: "--candidate-accounts /dev/zero: line 1 is longer than 65536 bytes",
    },
    Case {
        args: &[
            "diagnose",
            WORKED_TOKEN,
            "--app-id",
            APP_ID,
            "--account",
            "a",
            "--candidate-certificates",
            "/dev/zero",
        ],
        stdin: "",
        status: 2,
        stderr: "line 1 is longer than 65536 bytes",
    },
    Case {
        args: &[
            "generate",
            "--certificate-file",
            APP_CERTIFICATE,
            "--app-id",
            APP_ID,
            "--account",
            "a",
            "--expiry",
            "1",
        ],
        stdin: "",
        status: 2,
        stderr: "--certificate-file <value not shown>: No such file",
    },
    // The certificate a character short: still never echoed, in the same words.
    Case {
        args: &[
            "generate",
            "--certificate-file",
            "5CFd2fd1755d40ecb72977518be15d3",
            "--app-id",
            APP_ID,
            "--account",
            "a",
            "--expiry",
            "1",
        ],
        stdin: "",
        status: 2,
        stderr: "--certificate-file <value not shown>: No such file",
    },
    Case {
        args: &[
            "batch",
            "--app-id",
            APP_ID,
            "--expiry",
            "1",
            "--threads",
            APP_CERTIFICATE,
        ],
        stdin: "",
        status: 2,
        stderr: "--threads <N>",
    },
    Case {
        args: &[
            "generate",
            "--app-id",
            APP_ID,
            "--account",
            "a",
            "--expiry",
            APP_CERTIFICATE,
        ],
        stdin: "",
        status: 2,
        stderr: "--expiry",
    },
    Case {
        args: &[
            "batch",
            "--threads",
            "100000",
            "--app-id",
            APP_ID,
            "--expiry",
            "1",
        ],
        stdin: "alice\n",
        status: 2,
        stderr: "100000 is not in 1..=256",
    },
    Case {
        args: &[
            "batch",
            "--threads",
            "0",
            "--app-id",
            APP_ID,
            "--expiry",
            "1",
        ],
        stdin: "alice\n",
        status: 2,
        stderr: "0 is not in 1..=256",
    },
    Case {
        args: &[
            "batch",
            "--app-id",
            APP_ID,
            "--expiry",
            "1",
            "--accounts",
            "/dev/zero",
        ],
        stdin: "",
        status: 2,
        stderr: "--accounts /dev/zero: line 1 is longer than 65536 bytes",
    },
    Case {
        args: &["--clear-clipboard-after", "18446744073709551615"],
        stdin: "",
        status: 2,
        stderr: "is not in 1..=86400",
    },
    Case {
        args: &[
            "verify",
            WORKED_TOKEN,
            "--account",
            ACCOUNT,
            "--now",
            "x\u{1b}[2J",
        ],
        stdin: "",
        status: 2,
        stderr: "--now: 'x\\u{1b}[2J'",
    },
];

/// A hostile stream: stdin read from a file (a device), or stdout closed (`>&-`).
struct Stream {
    args: &'static [&'static str],
    /// The file stdin reads; `None`: empty.
    stdin: Option<&'static str>,
    close_stdout: bool,
    status: i32,
    stderr: &'static str,
}

/// Every command that writes its result to stdout, with stdout closed.
const fn closed(args: &'static [&'static str]) -> Stream {
    Stream {
        args,
        stdin: None,
        close_stdout: true,
        status: 1,
        stderr: "sigtoken: error: stdout is closed: what this command prints would be lost",
    }
}

const STREAMS: &[Stream] = &[
    Stream {
        args: &["batch", "--app-id", APP_ID, "--expiry", "1"],
        stdin: Some("/dev/zero"),
        close_stdout: false,
        status: 2,
        stderr: "sigtoken: error: stdin: line 1 is longer than 65536 bytes",
    },
    closed(GENERATE),
    closed(&["batch", "--app-id", APP_ID, "--expiry", "1"]),
    // A valid token at --now: the verdict alone would exit 0.
    closed(&[
        "verify",
        WORKED_TOKEN,
        "--account",
        ACCOUNT,
        "--now",
        BEFORE,
    ]),
    closed(&[
        "diagnose",
        WORKED_TOKEN,
        "--app-id",
        APP_ID,
        "--account",
        ACCOUNT,
        "--now",
        BEFORE,
    ]),
    closed(&[
        "report",
        "--app-id",
        APP_ID,
        "--account",
        ACCOUNT,
        "--expiry",
        EXPIRY,
    ]),
    closed(&["explain", "206"]),
    closed(&["explain"]),
    closed(&["completions", "bash"]),
    closed(&["man"]),
    closed(&[]),
    closed(&["--blank"]),
    // Help and the version are output too.
    closed(&["--help"]),
    closed(&["--version"]),
    closed(&["generate", "--help"]),
];

/// The outcome every hostile row requires: its status and words, no panic, no
/// certificate, no raw escape.
fn assert_outcome(args: &[&str], out: &Output, status: i32, words: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(status), "{args:?}: {err}");
    assert!(err.contains(words), "{args:?}: {err}");
    assert!(!err.contains("panicked"), "{args:?}: {err}");
    assert!(!err.contains(&APP_CERTIFICATE[..12]), "{args:?}: {err}");
    assert!(!err.contains('\u{1b}'), "{args:?}: raw escape in {err:?}");
}

/// The binary with the worked example's certificate exported, stdin from `stdin` (or
/// empty), and fd 1 closed before it starts when `close_stdout`.
fn run_stream(args: &[&str], stdin: Option<&str>, close_stdout: bool) -> Output {
    let mut cmd = std_command();
    cmd.env("AGORA_APP_CERTIFICATE", APP_CERTIFICATE).args(args);
    cmd.stdin(match stdin {
        Some(path) => Stdio::from(std::fs::File::open(path).unwrap()),
        None => Stdio::null(),
    });
    if close_stdout {
        // SAFETY: close(2) only, between fork and exec: `>&-` as a shell does it.
        unsafe {
            cmd.pre_exec(|| {
                libc::close(1);
                Ok(())
            });
        }
    }
    cmd.output().unwrap()
}

#[test]
fn every_hostile_stream_gets_its_outcome() {
    for row in STREAMS {
        let out = run_stream(row.args, row.stdin, row.close_stdout);
        assert_outcome(row.args, &out, row.status, row.stderr);
        assert!(out.stdout.is_empty(), "{:?}", row.args);
    }
}

#[test]
fn a_report_to_a_file_needs_no_stdout() {
    let dir = std::env::temp_dir().join(format!("sigtoken-closed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("report.md");
    let _ = std::fs::remove_file(&path);
    let path_text = path.to_str().unwrap();
    let args = [
        "report",
        "--app-id",
        APP_ID,
        "--account",
        ACCOUNT,
        "--expiry",
        EXPIRY,
        "--output",
        path_text,
    ];
    let out = run_stream(&args, None, true);
    assert_outcome(&args, &out, 0, "");
    let report = std::fs::read_to_string(&path).unwrap();
    assert!(report.contains(APP_ID), "{report}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_token_on_stdin_is_read_only_so_far() {
    // 70,000 bytes with no line break: refused, without reading on.
    for command in [
        vec!["diagnose", "-", "--app-id", APP_ID, "--account", "a"],
        vec!["verify", "-", "--account", "a"],
    ] {
        let out = sigtoken_with_certificate()
            .args(&command)
            .write_stdin("0".repeat(70_000))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command:?}: {err}");
        assert!(err.contains("stdin holds more than 65536 bytes"), "{err}");
    }
}

#[test]
fn every_hostile_input_gets_its_outcome_and_no_panic() {
    for case in CASES {
        let out = sigtoken_with_certificate()
            .args(case.args)
            .write_stdin(case.stdin)
            .output()
            .unwrap();
        assert_outcome(case.args, &out, case.status, case.stderr);
    }
}

#[test]
fn a_non_utf8_argument_is_refused_without_a_panic() {
    use std::os::unix::ffi::OsStrExt;
    let bad = std::ffi::OsStr::from_bytes(b"\xff\xfe");
    for command in [
        &["explain"][..],
        &["verify"],
        &["diagnose"],
        &["generate", "--account"],
    ] {
        let out = sigtoken_with_certificate()
            .args(command)
            .arg(bad)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command:?}: {err}");
        assert!(err.contains("invalid UTF-8"), "{command:?}: {err}");
        assert!(!err.contains("panicked"), "{command:?}: {err}");
    }
}
