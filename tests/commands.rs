//! Every command, every exit status and each class of error message, as a script or a
//! support engineer runs them.

mod common;

use assert_cmd::Command;
// Every run here has the worked example's certificate in the environment, unless the
// test removes it.
use common::cmd::sigtoken_with_certificate as sigtoken;
use common::example::{
    ACCOUNT, AN_HOUR_BEFORE, APP_CERTIFICATE, APP_ID, BEFORE, EXPIRED_TIME, EXPIRY, EXPIRY_IN_MS,
    PUBLISHED_TOKEN, WORKED_SIGN, WORKED_TOKEN,
};
use predicates::prelude::*;

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn generate_reproduces_every_vector_from_utf8_arguments() {
    for v in common::vectors() {
        if v.account.contains('\0') {
            continue; // no argument can hold a NUL; batch covers it
        }
        let out = stdout(
            sigtoken()
                .env("AGORA_APP_CERTIFICATE", &v.app_certificate)
                .args(["generate", "--app-id", &v.app_id, "--account", &v.account])
                .args(["--expiry", &v.expired_time, "--now", BEFORE])
                // Some vectors are broken inputs, reproduced on purpose.
                .arg("--allow-invalid"),
        );
        assert_eq!(out, format!("{}\n", v.token), "vector {}", v.id);
    }
}

#[test]
fn generate_json_and_show_input() {
    let out = sigtoken()
        .args(["generate", "--app-id", APP_ID, "--account", ACCOUNT])
        .args([
            "--expiry",
            "+1h",
            "--now",
            AN_HOUR_BEFORE,
            "--json",
            "--show-input",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["token"], WORKED_TOKEN);
    assert_eq!(v["expired_time"], EXPIRED_TIME);
    assert_eq!(v["sign"], WORKED_SIGN);
    assert_eq!(v["app_id"], APP_ID);
    assert_eq!(v["account"], ACCOUNT);
    let hex = v["md5_input_hex"].as_str().unwrap();
    assert!(hex.starts_with(&hex::encode(ACCOUNT)));
    assert!(hex.contains("<certificate:32-bytes>"));
    assert!(
        !hex.contains(&hex::encode(APP_CERTIFICATE)),
        "never the certificate, even in hex"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains(&format!("MD5 input (87 bytes): {ACCOUNT}")),
        "{err}"
    );
    assert!(!err.contains(APP_CERTIFICATE));
}

#[test]
fn generate_warns_on_stderr_and_keeps_stdout_clean() {
    let out = sigtoken()
        .args([
            "generate",
            "--app-id",
            &APP_ID.to_lowercase(),
            "--account",
            "john doe",
        ])
        .args(["--expiry", EXPIRY_IN_MS, "--now", BEFORE])
        .arg("--allow-invalid")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("milliseconds"), "{err}");
    assert!(
        !err.contains("App ID"),
        "a lower-case App ID is normal: {err}"
    );
    assert!(err.contains("spaces"), "{err}");
}

#[test]
fn input_errors_are_one_line_naming_the_flag_with_status_2() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--expiry", "15462719990000x"],
            "sigtoken: error: --expiry: '15462719990000x' is not an expiry",
        ),
        (
            &["--expiry", "007"],
            "sigtoken: error: --expiry: '007' has leading zeros",
        ),
        (
            &["--expiry", "+1y"],
            "sigtoken: error: --expiry: '+1y' is not a duration",
        ),
        (
            &["--expiry", "1", "--now", "later"],
            "sigtoken: error: --now: 'later'",
        ),
    ];
    for (args, message) in cases {
        let out = sigtoken()
            .args(["generate", "--app-id", APP_ID, "--account", "a"])
            .args(*args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with(message), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"));
    }
}

#[test]
fn the_certificate_comes_from_env_file_or_stdin_and_never_an_argument() {
    let base = [
        "generate",
        "--app-id",
        APP_ID,
        "--account",
        ACCOUNT,
        "--expiry",
        EXPIRY,
        "--now",
        BEFORE,
    ];
    // stdin, with its newline stripped
    let out = stdout(
        sigtoken()
            .env_remove("AGORA_APP_CERTIFICATE")
            .args(base)
            .args(["--certificate-file", "-"])
            .write_stdin(format!("{APP_CERTIFICATE}\n")),
    );
    assert_eq!(out.trim(), WORKED_TOKEN);
    // a file
    let dir = tempdir();
    let file = dir.join("cert");
    std::fs::write(&file, format!("{APP_CERTIFICATE}\r\n")).unwrap();
    let out = stdout(
        sigtoken()
            .env_remove("AGORA_APP_CERTIFICATE")
            .args(base)
            .arg("--certificate-file")
            .arg(&file),
    );
    assert_eq!(out.trim(), WORKED_TOKEN);
    // none: a clear error (no terminal here to prompt on)
    sigtoken()
        .env_remove("AGORA_APP_CERTIFICATE")
        .args(base)
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "sigtoken: error: no App Certificate\n",
        ))
        .stderr(predicate::str::contains(
            "\nhelp: set AGORA_APP_CERTIFICATE or use --certificate-file PATH",
        ));
    // an argument: refused, for every command
    for cmd in [
        &[
            "generate",
            "--app-id",
            APP_ID,
            "--account",
            "a",
            "--expiry",
            "1",
        ][..],
        &["batch", "--app-id", APP_ID, "--expiry", "1"][..],
        &["verify", WORKED_TOKEN, "--account", "a"][..],
        &[
            "diagnose",
            WORKED_TOKEN,
            "--app-id",
            APP_ID,
            "--account",
            "a",
        ][..],
        &[
            "report",
            "--app-id",
            APP_ID,
            "--account",
            "a",
            "--expiry",
            "1",
        ][..],
    ] {
        sigtoken()
            .args(cmd)
            .args(["--certificate", APP_CERTIFICATE])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("never taken on the command line"))
            .stderr(predicate::str::contains(APP_CERTIFICATE).not());
    }
}

fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "sigtoken-cmd-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn batch_agrees_with_generate_line_by_line() {
    let vectors: Vec<_> = common::vectors()
        .into_iter()
        .filter(|v| {
            v.app_id == APP_ID && v.app_certificate == APP_CERTIFICATE && v.expired_time == EXPIRY
        })
        .filter(|v| !v.account.contains('\n'))
        .collect();
    let input: String = vectors.iter().map(|v| format!("{}\n", v.account)).collect();
    let out = stdout(
        sigtoken()
            .args([
                "batch", "--app-id", APP_ID, "--expiry", EXPIRY, "--now", BEFORE,
            ])
            .write_stdin(input),
    );
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), vectors.len());
    for (line, v) in lines.iter().zip(&vectors) {
        assert_eq!(*line, v.token, "vector {}", v.id);
    }
}

#[test]
fn batch_csv_json_file_and_crlf() {
    let dir = tempdir();
    let file = dir.join("accounts");
    std::fs::write(&file, format!("{ACCOUNT}\r\na,b\n")).unwrap();
    let out = sigtoken()
        .args([
            "batch", "--app-id", APP_ID, "--expiry", EXPIRY, "--now", BEFORE, "--csv",
        ])
        .arg("--accounts")
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.lines().next(),
        Some(format!("{ACCOUNT},{WORKED_TOKEN}").as_str())
    );
    assert!(text.lines().nth(1).unwrap().starts_with("\"a,b\",1:"));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("1 of 2 lines ended in \\r"), "{err}");
    let out = stdout(
        sigtoken()
            .args([
                "batch", "--app-id", APP_ID, "--expiry", EXPIRY, "--now", BEFORE, "--json",
            ])
            .write_stdin(format!("{ACCOUNT}\n")),
    );
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["token"], WORKED_TOKEN);
    sigtoken()
        .args([
            "batch",
            "--app-id",
            APP_ID,
            "--expiry",
            "1",
            "--accounts",
            "/nonexistent",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "sigtoken: error: --accounts /nonexistent:",
        ));
    sigtoken()
        .env_remove("AGORA_APP_CERTIFICATE")
        .args([
            "batch",
            "--app-id",
            APP_ID,
            "--expiry",
            "1",
            "--certificate-file",
            "-",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot both come from stdin"));
}

#[test]
fn verify_exits_0_1_2() {
    sigtoken()
        .args([
            "verify",
            WORKED_TOKEN,
            "--account",
            ACCOUNT,
            "--now",
            BEFORE,
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "valid: until 2018-12-31 15:59:59 UTC",
        ));
    sigtoken()
        .args([
            "verify",
            WORKED_TOKEN,
            "--account",
            ACCOUNT,
            "--now",
            "2019-06-01T00:00:00Z",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "invalid: 204 LOGIN_E_TOKENEXPIRED",
        ));
    sigtoken()
        .args([
            "verify",
            WORKED_TOKEN,
            "--account",
            "someone",
            "--now",
            BEFORE,
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "invalid: 206 LOGIN_E_TOKENWRONG",
        ));
    sigtoken()
        .args(["verify", "1:x", "--account", "a", "--now", BEFORE])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("malformed"));
    sigtoken().args(["verify", WORKED_TOKEN]).assert().code(2);
}

#[test]
fn report_to_stdout_and_to_a_file_never_holds_the_certificate() {
    let out = stdout(
        sigtoken()
            .args([
                "report",
                "--app-id",
                APP_ID,
                "--account",
                ACCOUNT,
                "--expiry",
                EXPIRY,
            ])
            .args(["--client-token", PUBLISHED_TOKEN])
            .args(["--now", BEFORE]),
    );
    assert!(out.starts_with("# sigtoken report"));
    assert!(out.contains("fingerprint `11674756`"));
    assert!(out.contains("expiry_as_duration"));
    assert!(!out.contains(APP_CERTIFICATE));
    let dir = tempdir();
    let file = dir.join("ticket.md");
    sigtoken()
        .args([
            "report",
            "--app-id",
            APP_ID,
            "--account",
            ACCOUNT,
            "--expiry",
            "+1h",
            "--output",
        ])
        .arg(&file)
        .assert()
        .code(0)
        .stdout("");
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("## Checks"));
    assert!(!written.contains(APP_CERTIFICATE));
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let out = stdout(sigtoken().args(["completions", shell]));
        assert!(
            out.contains("generate") && out.contains("diagnose"),
            "{shell}"
        );
    }
    sigtoken().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn every_command_has_help_with_an_example() {
    for cmd in [
        "generate",
        "batch",
        "verify",
        "diagnose",
        "report",
        "explain",
        "completions",
        "man",
    ] {
        sigtoken()
            .args([cmd, "--help"])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("Example"));
    }
}

/// Every command run with the certificate in the environment: not one byte of any
/// output, nor of any file written, holds it.
#[test]
fn no_output_of_any_command_holds_the_certificate() {
    let dir = tempdir();
    let report = dir.join("r.md");
    let runs: Vec<Vec<String>> = vec![
        vec![
            "generate",
            "--app-id",
            APP_ID,
            "--account",
            "a",
            "--expiry",
            EXPIRY,
            "--json",
            "--show-input",
        ],
        vec!["batch", "--app-id", APP_ID, "--expiry", EXPIRY, "--json"],
        vec!["verify", PUBLISHED_TOKEN, "--account", ACCOUNT],
        vec![
            "diagnose",
            PUBLISHED_TOKEN,
            "--app-id",
            APP_ID,
            "--account",
            ACCOUNT,
            "--json",
        ],
        vec![
            "diagnose",
            PUBLISHED_TOKEN,
            "--app-id",
            APP_ID,
            "--account",
            ACCOUNT,
        ],
        vec![
            "report",
            "--app-id",
            APP_ID,
            "--account",
            "a",
            "--expiry",
            "1",
            "--output",
            report.to_str().unwrap(),
        ],
        vec![
            "generate",
            "--app-id",
            APP_ID,
            "--account",
            "a",
            "--expiry",
            "bad",
        ],
    ]
    .into_iter()
    .map(|v| v.into_iter().map(String::from).collect())
    .collect();
    for args in runs {
        let out = sigtoken()
            .args(&args)
            .write_stdin("a\nb\n")
            .output()
            .unwrap();
        for stream in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(stream);
            assert!(!text.contains(APP_CERTIFICATE), "{args:?}: {text}");
            assert!(
                !text.contains(&hex::encode(APP_CERTIFICATE)),
                "{args:?}: {text}"
            );
        }
    }
    let written = std::fs::read_to_string(&report).unwrap();
    assert!(!written.contains(APP_CERTIFICATE));
}

#[test]
fn no_need_token_is_answered_by_the_settings_alone() {
    // No certificate is needed: the settings decide. No "malformed", the code said once.
    let run = |extra: &[&str]| {
        let out = common::cmd::sigtoken()
            .env_remove("AGORA_APP_CERTIFICATE")
            .args(["verify", "_no_need_token", "--account", ACCOUNT])
            .args(extra)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap();
        (out.status.code(), text)
    };
    let (code, text) = run(&[]);
    assert_eq!(code, Some(1), "{text}");
    assert_eq!(text.matches("206").count(), 1, "{text}");
    assert!(text.contains("Token Debugging Switch is off"), "{text}");
    let (code, text) = run(&["--debug-switch", "on"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.starts_with("valid: _no_need_token is accepted"),
        "{text}"
    );
    let out = common::cmd::sigtoken()
        .env_remove("AGORA_APP_CERTIFICATE")
        .args([
            "diagnose",
            "_no_need_token",
            "--app-id",
            APP_ID,
            "--account",
            ACCOUNT,
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("Client token    _no_need_token, the literal the Token Debugging Switch"),
        "{text}"
    );
    assert!(
        !text.contains("malformed") && !text.contains("field"),
        "{text}"
    );
}

#[test]
fn date_times_as_tickets_write_them_and_the_zone_less_note() {
    let generate = |expiry: &str, extra: &[&str]| {
        let out = sigtoken()
            .args(["generate", "--app-id", APP_ID, "--account", ACCOUNT])
            .args(["--expiry", expiry, "--now", BEFORE])
            .args(extra)
            .output()
            .unwrap();
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    for expiry in [
        "2018-12-31 23:59:59 +08:00",
        "2018-12-31 23:59:59 +0800",
        "2018-12-31 23:59:59 UTC+8",
        "2018-12-31 23:59:59 Asia/Shanghai",
    ] {
        let (out, err) = generate(expiry, &[]);
        assert_eq!(out.trim(), WORKED_TOKEN, "{expiry}: {err}");
        assert!(!err.contains("read as UTC"), "{err}");
    }
    // Without a zone: read as UTC, and said so on stderr.
    let (out, err) = generate("2018-12-31 15:59:59", &[]);
    assert_eq!(out.trim(), WORKED_TOKEN);
    assert!(
        err.contains("sigtoken: note: Expiry has no time zone: read as UTC"),
        "{err}"
    );
    // --tz reads it in the zone given.
    let (out, err) = generate("2018-12-31 23:59:59", &["--tz", "Asia/Shanghai"]);
    assert_eq!(out.trim(), WORKED_TOKEN, "{err}");
    assert!(!err.contains("read as UTC"), "{err}");
    // A near miss says what to write instead.
    let (out, err) = generate("2018-12-31 23:59:59 Asia/Shangai", &[]);
    assert!(out.is_empty());
    assert!(err.contains("is not a time zone: write an offset"), "{err}");
    // diagnose --expiry says the same note.
    let out = sigtoken()
        .args([
            "diagnose",
            WORKED_TOKEN,
            "--app-id",
            APP_ID,
            "--account",
            ACCOUNT,
        ])
        .args(["--expiry", "2018-12-31 15:59:59", "--now", BEFORE])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("note: Expiry has no time zone"), "{err}");
}

#[test]
fn an_account_that_begins_with_a_dash_works_the_same_everywhere() {
    let token = sigtoken::token::Inputs::new(APP_ID, APP_CERTIFICATE, "-bob", EXPIRED_TIME).token();
    for command in ["generate", "verify", "diagnose"] {
        let mut outputs = Vec::new();
        for account in [vec!["--account", "-bob"], vec!["--account=-bob"]] {
            let mut cmd = sigtoken();
            cmd.arg(command).args(&account).args(["--now", BEFORE]);
            match command {
                "generate" => cmd.args(["--app-id", APP_ID, "--expiry", EXPIRY]),
                "verify" => cmd.arg(&token),
                _ => cmd.args(["--app-id", APP_ID, &token]),
            };
            let out = cmd.output().unwrap();
            assert_eq!(out.status.code(), Some(0), "{command} {account:?}: {out:?}");
            outputs.push(out.stdout);
        }
        assert_eq!(outputs[0], outputs[1], "{command}");
    }
}

#[test]
fn a_full_disk_is_one_error_line_and_status_1() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    for args in [
        vec!["explain", "206"],
        vec!["completions", "bash"],
        vec!["--help"],
        vec!["--version"],
        vec!["batch", "--help"],
        // Tokens written by batch's own writer, not the shared one.
        vec![
            "batch",
            "--app-id",
            APP_ID,
            "--expiry",
            EXPIRY,
            "--accounts",
            "Cargo.toml",
        ],
        vec!["man"],
        vec![
            "generate",
            "--app-id",
            APP_ID,
            "--account",
            ACCOUNT,
            "--expiry",
            EXPIRY,
        ],
        vec![
            "diagnose",
            WORKED_TOKEN,
            "--app-id",
            APP_ID,
            "--account",
            ACCOUNT,
        ],
        vec![
            "verify",
            WORKED_TOKEN,
            "--account",
            ACCOUNT,
            "--now",
            BEFORE,
        ],
    ] {
        let out = common::cmd::std_command()
            .env("AGORA_APP_CERTIFICATE", APP_CERTIFICATE)
            .args(&args)
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("sigtoken: error: writing to stdout: No space left on device"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn input_errors_make_no_token_unless_allowed_and_a_past_expiry_is_no_error() {
    let generate = |certificate: &str, now: &str, extra: &[&str]| {
        common::cmd::sigtoken()
            .env("AGORA_APP_CERTIFICATE", certificate)
            .args(["generate", "--app-id", APP_ID, "--account", ACCOUNT])
            .args(["--expiry", EXPIRY, "--now", now])
            .args(extra)
            .output()
            .unwrap()
    };
    // An empty certificate is an input error: status 2, the findings, no token.
    let out = generate("", BEFORE, &[]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(out.stdout.is_empty());
    assert!(err.contains("App Certificate is empty"), "{err}");
    assert!(err.contains("--allow-invalid"), "{err}");
    // --allow-invalid makes it anyway, the findings still on stderr.
    let out = generate("", BEFORE, &["--allow-invalid"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("App Certificate is empty")
    );
    // A past expiry reproduces an old token, with the warning.
    let out = generate(APP_CERTIFICATE, "2026-01-01T00:00:00Z", &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), WORKED_TOKEN);
    // A warning, not an error: the command succeeds, as cargo's warnings do.
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("sigtoken: warning: Expiry"), "{err}");
    assert!(err.contains("in the past"), "{err}");
    assert!(!err.contains("error:"), "{err}");
}

#[test]
fn a_certificate_file_says_what_it_left_out() {
    let dir = std::env::temp_dir().join(format!("sigtoken-cert-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("cert.txt");
    std::fs::write(&file, format!("{APP_CERTIFICATE}\nsecond line\n")).unwrap();
    let out = common::cmd::sigtoken()
        .args(["generate", "--app-id", APP_ID, "--account", ACCOUNT])
        .args(["--expiry", EXPIRY, "--now", BEFORE])
        .arg("--certificate-file")
        .arg(&file)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), WORKED_TOKEN);
    assert!(err.contains("its trailing newline was stripped"), "{err}");
    assert!(err.contains("only its first line is used"), "{err}");
    assert!(!err.contains(APP_CERTIFICATE), "{err}");
}

#[test]
fn report_output_never_overwrites_or_follows_a_link_unless_forced() {
    let dir = std::env::temp_dir().join(format!("sigtoken-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("ticket.md");
    let report = |extra: &[&str]| {
        sigtoken()
            .args(["report", "--app-id", APP_ID, "--account", ACCOUNT])
            .args(["--expiry", EXPIRY, "--now", BEFORE])
            .arg("--output")
            .arg(&file)
            .args(extra)
            .output()
            .unwrap()
    };
    assert_eq!(report(&[]).status.code(), Some(0));
    let again = report(&[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(report(&["--force"]).status.code(), Some(0));
    // A link planted where the report goes is never followed, --force or not.
    let target = dir.join("target.txt");
    std::fs::write(&target, "keep me").unwrap();
    std::fs::remove_file(&file).unwrap();
    std::os::unix::fs::symlink(&target, &file).unwrap();
    assert_eq!(report(&[]).status.code(), Some(2));
    assert_eq!(report(&["--force"]).status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    let _ = std::fs::remove_dir_all(&dir);
}
