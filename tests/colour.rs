//! Colour in the commands' output and the form of their errors: `--color`, `NO_COLOR`,
//! `CLICOLOR_FORCE`, a pipe and a terminal; every error `sigtoken: error: …` with its
//! `help:` line, as cargo and git print theirs.

mod common;

use common::cmd::{sigtoken, sigtoken_with_certificate};
use common::example::{
    ACCOUNT, APP_CERTIFICATE, APP_ID, BEFORE, EXPIRY, EXPIRY_IN_MS, PUBLISHED_TOKEN,
};
use common::pty::Session;

// The SGR sequences a terminal receives, written out here (not taken from the code
// under test): bold, the colours, the reset.
const BOLD_RED: &str = "\x1b[1m\x1b[31m";
const BOLD_GREEN: &str = "\x1b[1m\x1b[32m";
const BOLD_YELLOW: &str = "\x1b[1m\x1b[33m";
const BOLD_CYAN: &str = "\x1b[1m\x1b[36m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";
const MAGENTA: &str = "\x1b[35m";
const GREEN: &str = "\x1b[32m";
const RESET: &str = "\x1b[0m";

/// Text without its SGR sequences (`ESC [ … m`): what a reader sees.
fn strip(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            assert_eq!(chars.next(), Some('['), "only SGR sequences: {text:?}");
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
                assert!(
                    c.is_ascii_digit() || c == ';',
                    "only SGR sequences: {text:?}"
                );
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The diagnosis of the vendor's published token (rejected, a cause, an error finding).
const DIAGNOSE: &[&str] = &[
    "diagnose",
    "--app-id",
    APP_ID,
    "--account",
    ACCOUNT,
    "--now",
    BEFORE,
    PUBLISHED_TOKEN,
];
const VERIFY: &[&str] = &[
    "verify",
    "--account",
    ACCOUNT,
    "--now",
    BEFORE,
    PUBLISHED_TOKEN,
];
/// A token with the MD5 input shown, and a warning (a 30-day duration as the expiry).
const GENERATE: &[&str] = &[
    "generate",
    "--show-input",
    "--app-id",
    APP_ID,
    "--account",
    ACCOUNT,
    "--expiry",
    "2592000",
    "--now",
    "1970-01-01T00:00:00Z",
];
/// A failing command: no certificate, an error and its help.
const NO_CERTIFICATE: &[&str] = &[
    "generate",
    "--app-id",
    APP_ID,
    "--account",
    "a",
    "--expiry",
    "1",
];

struct Output {
    status: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], color: Option<&str>, env: &[(&str, &str)]) -> Output {
    let mut cmd = if args == NO_CERTIFICATE {
        sigtoken()
    } else {
        sigtoken_with_certificate()
    };
    cmd.args(args);
    if let Some(color) = color {
        cmd.args(["--color", color]);
    }
    cmd.envs(env.iter().copied());
    let out = cmd.output().unwrap();
    Output {
        status: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
fn color_always_styles_the_verdict_the_severities_and_the_md5_input() {
    let out = run(DIAGNOSE, Some("always"), &[]);
    assert_eq!(out.status, Some(1));
    let verdict = format!("Verdict: {BOLD_RED}rejected with 206 LOGIN_E_TOKENWRONG");
    assert!(out.stdout.contains(&verdict), "{:?}", out.stdout);
    assert!(
        out.stdout
            .contains(&format!("Cause: {BOLD_YELLOW}Your server hashed"))
    );
    assert!(
        out.stdout
            .contains(&format!("  {BOLD_RED}error  {RESET} sign_mismatch"))
    );

    let out = run(VERIFY, Some("always"), &[]);
    assert!(
        out.stdout
            .starts_with(&format!("{BOLD_RED}invalid{RESET}: 206"))
    );

    let out = run(GENERATE, Some("always"), &[]);
    assert_eq!(out.status, Some(0), "{}", out.stderr);
    let parts = format!(
        "{YELLOW}{ACCOUNT}{RESET}{CYAN}{APP_ID}{RESET}{MAGENTA}{}{RESET}{GREEN}2592000{RESET}",
        "•".repeat(32)
    );
    assert!(out.stderr.contains(&parts), "{:?}", out.stderr);
    assert!(
        out.stderr
            .contains(&format!("sigtoken: {BOLD_YELLOW}warning:{RESET} Expiry"))
    );

    // An accepted verdict is green.
    let worked = common::example::WORKED_TOKEN;
    let out = sigtoken_with_certificate()
        .args([
            "verify",
            "--account",
            ACCOUNT,
            "--now",
            BEFORE,
            worked,
            "--color=always",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with(&format!("{BOLD_GREEN}valid{RESET}: until")),
        "{stdout:?}"
    );

    // Errors are labelled as cargo labels them.
    let out = run(NO_CERTIFICATE, Some("always"), &[]);
    assert!(
        out.stderr
            .starts_with(&format!("sigtoken: {BOLD_RED}error:{RESET} no App"))
    );
    assert!(
        out.stderr
            .contains(&format!("\n{BOLD_CYAN}help:{RESET} set AGORA_APP"))
    );
}

#[test]
fn without_colour_the_words_are_the_same_and_no_escape_is_left() {
    for args in [DIAGNOSE, VERIFY, GENERATE, NO_CERTIFICATE] {
        let coloured = run(args, Some("always"), &[]);
        assert!(coloured.stdout.contains('\x1b') || coloured.stderr.contains('\x1b'));
        // --color never, a pipe (auto), NO_COLOR, and CLICOLOR=0: none.
        let plain = [
            run(args, Some("never"), &[]),
            run(args, None, &[]),
            run(args, Some("auto"), &[("NO_COLOR", "1")]),
            run(args, None, &[("CLICOLOR", "0")]),
            // NO_COLOR wins over CLICOLOR_FORCE, and --color never over both.
            run(args, None, &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]),
            run(args, Some("never"), &[("CLICOLOR_FORCE", "1")]),
        ];
        for out in plain {
            assert_eq!(out.stdout, strip(&coloured.stdout), "{args:?}");
            assert_eq!(out.stderr, strip(&coloured.stderr), "{args:?}");
            assert_eq!(out.status, coloured.status);
        }
    }
    // CLICOLOR_FORCE colours even a pipe, as --color always does.
    let forced = run(VERIFY, None, &[("CLICOLOR_FORCE", "1")]);
    assert!(forced.stdout.starts_with(&format!("{BOLD_RED}invalid")));
}

#[test]
fn json_never_carries_colour() {
    let mut diagnose = DIAGNOSE.to_vec();
    diagnose.push("--json");
    let generate = [
        "generate",
        "--json",
        "--app-id",
        APP_ID,
        "--account",
        ACCOUNT,
        "--expiry",
        EXPIRY,
    ];
    for args in [&diagnose[..], &generate] {
        for env in [&[][..], &[("CLICOLOR_FORCE", "1")]] {
            let out = run(args, Some("always"), env);
            assert!(!out.stdout.contains('\x1b'), "{args:?}: {:?}", out.stdout);
            let _: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON");
        }
    }
}

#[test]
fn color_is_taken_before_the_command_too() {
    let mut args = vec!["--color", "always"];
    args.extend_from_slice(VERIFY);
    let out = sigtoken_with_certificate().args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with(&format!("{BOLD_RED}invalid")),
        "{stdout:?}"
    );
    // A value clap refuses is a usage error, in the same form as every error.
    let out = sigtoken()
        .args(["verify", "--color", "sometimes"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("sigtoken: error: invalid value 'sometimes' for '--color"));
}

/// Whether a line of stderr is one of the labelled lines, or part of the usage block
/// clap prints under its own errors (indented details, `Usage:`, its continuation, the
/// pointer to --help, blank lines), as cargo prints it under its usage errors too.
fn labelled(line: &str, after_clap_error: bool) -> bool {
    let labels = [
        "sigtoken: error: ",
        "sigtoken: warning: ",
        "sigtoken: note: ",
        "help: ",
    ];
    if labels.iter().any(|l| line.starts_with(l)) {
        return true;
    }
    after_clap_error
        && (line.is_empty()
            || line.starts_with("  ")
            || line.starts_with("Usage: sigtoken")
            || line == "For more information, try '--help'.")
}

#[test]
fn every_stderr_line_of_a_failing_command_is_labelled_like_cargo() {
    let with_certificate: &[&[&str]] = &[
        // Findings (error, warning), then the error and its help.
        &[
            "generate",
            "--app-id",
            APP_ID,
            "--account",
            "a b",
            "--expiry",
            EXPIRY_IN_MS,
        ],
        &[
            "generate",
            "--app-id",
            APP_ID,
            "--account",
            "a",
            "--expiry",
            "007",
        ],
        &["explain", "999"],
        &[
            "batch",
            "--app-id",
            APP_ID,
            "--expiry",
            "+1h",
            "--certificate-file",
            "-",
        ],
        &["--certificate", APP_CERTIFICATE],
        &[
            "report",
            "--app-id",
            APP_ID,
            "--account",
            "a",
            "--expiry",
            "1",
            "--output",
            "/",
        ],
        // clap's own: a missing argument, a typo, an unknown flag.
        &["diagnose"],
        &["verfy"],
        &["verify", "--bogus", "x"],
    ];
    let cases = with_certificate
        .iter()
        .map(|args| (*args, true))
        .chain([(NO_CERTIFICATE, false)]);
    for (args, certificate) in cases {
        let mut cmd = if certificate {
            sigtoken_with_certificate()
        } else {
            sigtoken()
        };
        let out = cmd.args(args).write_stdin("").output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("sigtoken: error: "), "{args:?}: {stderr}");
        let clap = stderr.contains("For more information, try '--help'.");
        for line in stderr.lines() {
            assert!(labelled(line, clap), "{args:?}: {line:?} in\n{stderr}");
        }
        // The failure is said last: the error, or the help under it.
        let last = stderr.lines().last().unwrap_or_default();
        assert!(
            clap || last.starts_with("sigtoken: error: ") || last.starts_with("help: "),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains(APP_CERTIFICATE), "{args:?}");
    }
}

#[test]
fn a_fix_to_suggest_is_a_help_line_under_the_error() {
    let cases: &[(&[&str], &str, &str)] = &[
        (
            NO_CERTIFICATE,
            "sigtoken: error: no App Certificate",
            "help: set AGORA_APP_CERTIFICATE or use --certificate-file PATH (- reads stdin), \
             or run in a terminal to type it",
        ),
        (
            &["--certificate", "x"],
            "sigtoken: error: the App Certificate is never taken on the command line, where \
             other users can read it",
            "help: set AGORA_APP_CERTIFICATE or use --certificate-file PATH",
        ),
        (
            &["explain", "999"],
            "sigtoken: error: explain: '999' is not a Signaling code; the codes are 100–108 \
             (logout) and 200–209 (login)",
            "help: `sigtoken explain` lists them",
        ),
        (
            &["verfy"],
            "sigtoken: error: unrecognized subcommand 'verfy'",
            "help: a similar subcommand exists: 'verify'",
        ),
    ];
    for (args, error, help) in cases {
        let out = sigtoken().args(*args).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        let lines: Vec<&str> = stderr.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines[0], *error, "{stderr}");
        assert_eq!(lines[1], *help, "{stderr}");
    }
}

/// Runs a command in a pseudo-terminal and returns its exit code and all it wrote.
fn on_a_terminal(args: &[&str], env: &[(&str, &str)]) -> (u32, String) {
    let mut env = env.to_vec();
    env.push(("AGORA_APP_CERTIFICATE", APP_CERTIFICATE));
    let mut session = Session::start(args, &env, 200, 40);
    let code = session.wait_exit();
    (
        code,
        String::from_utf8_lossy(&session.raw_output()).into_owned(),
    )
}

#[test]
fn verify_and_diagnose_are_coloured_on_a_terminal_unless_no_color() {
    let (code, raw) = on_a_terminal(VERIFY, &[]);
    assert_eq!(code, 1);
    assert!(
        raw.contains(&format!("{BOLD_RED}invalid{RESET}")),
        "{raw:?}"
    );
    let (code, raw) = on_a_terminal(DIAGNOSE, &[]);
    assert_eq!(code, 1);
    assert!(
        raw.contains(&format!("Verdict: {BOLD_RED}rejected")),
        "{raw:?}"
    );
    assert!(
        raw.contains(&format!("{BOLD_RED}error  {RESET}")),
        "{raw:?}"
    );
    for (args, env) in [
        (VERIFY, &[("NO_COLOR", "1")][..]),
        (DIAGNOSE, &[("NO_COLOR", "1")]),
        (DIAGNOSE, &[("CLICOLOR", "0")]),
    ] {
        let (code, raw) = on_a_terminal(args, env);
        assert_eq!(code, 1);
        assert!(!raw.contains('\x1b'), "{args:?} {env:?}: {raw:?}");
        assert!(
            raw.contains("invalid") || raw.contains("Verdict: rejected"),
            "{raw:?}"
        );
    }
    let mut never = VERIFY.to_vec();
    never.extend(["--color", "never"]);
    let (_, raw) = on_a_terminal(&never, &[]);
    assert!(!raw.contains('\x1b'), "{raw:?}");
}

/// Whether a console's output sets any foreground or background colour (crossterm
/// writes them as `38;5;N`, `48;5;N` or the basic `3N`/`4N` codes).
fn sets_a_colour(raw: &str) -> bool {
    raw.split("\x1b[").skip(1).any(|seq| {
        let Some(end) = seq.find(|c: char| c.is_ascii_alphabetic()) else {
            return false;
        };
        seq[end..].starts_with('m')
            && seq[..end].split(';').any(|n| {
                let n: u32 = n.parse().unwrap_or(0);
                (30..=37).contains(&n)
                    || (40..=47).contains(&n)
                    || n == 38
                    || n == 48
                    || (90..=97).contains(&n)
            })
    })
}

#[test]
fn the_console_follows_color_never_and_no_color_and_color_always_overrides_no_color() {
    type Env<'a> = &'a [(&'a str, &'a str)];
    let cases: &[(&[&str], Env, bool)] = &[
        (&[], &[], true),
        (&["--color", "never"], &[], false),
        (&[], &[("NO_COLOR", "1")], false),
        (&["--color", "always"], &[("NO_COLOR", "1")], true),
    ];
    for (args, env, coloured) in cases {
        let mut session = Session::start(args, env, 100, 30);
        session.wait_for_text(common::example::WORKED_TOKEN);
        session.send(b"\x03");
        assert_eq!(session.wait_exit(), 0);
        let raw = String::from_utf8_lossy(&session.raw_output()).into_owned();
        assert_eq!(sets_a_colour(&raw), *coloured, "{args:?} {env:?}");
    }
}
