//! Hostile inputs, one row each: the arguments (and stdin) an attacker or an accident
//! gives, and the outcome required. A new case is one line in `CASES`.

mod common;

use common::cmd::sigtoken_with_certificate;
use common::example::{ACCOUNT, APP_CERTIFICATE, APP_ID, WORKED_TOKEN};

/// One hostile input: arguments, stdin, the exit status and words stderr must hold.
struct Case {
    args: &'static [&'static str],
    stdin: &'static str,
    status: i32,
    stderr: &'static str,
}

const CASES: &[Case] = &[
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
        stderr: "--certificate-file <the App Certificate, not shown>: No such file",
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
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(case.status),
            "{:?}: {err}",
            case.args
        );
        assert!(err.contains(case.stderr), "{:?}: {err}", case.args);
        assert!(!err.contains("panicked"), "{:?}: {err}", case.args);
        assert!(
            !err.contains(&APP_CERTIFICATE[..12]),
            "{:?}: {err}",
            case.args
        );
        assert!(
            !err.contains('\u{1b}'),
            "{:?}: raw escape in {err:?}",
            case.args
        );
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
