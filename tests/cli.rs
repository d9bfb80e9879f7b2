//! The binary outside a terminal: it must refuse cleanly, never draw into a pipe, and
//! never take the certificate as an argument.

mod common;

use common::cmd::sigtoken;
use common::example::APP_CERTIFICATE;
use predicates::prelude::*;

#[test]
fn without_a_terminal_it_exits_2_with_one_error_line_a_help_line_and_no_escape_codes() {
    let out = sigtoken().write_stdin("").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing on stdout");
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("sigtoken: error: the console needs a terminal"),
        "{err}"
    );
    assert!(
        lines[1].starts_with("help: run it in a terminal window"),
        "{err}"
    );
    assert!(!err.contains('\x1b'), "no escape codes: {err:?}");
}

#[test]
fn the_certificate_is_refused_on_the_command_line() {
    for flag in ["--certificate", "--app-certificate", "--cert"] {
        sigtoken()
            .args([flag, APP_CERTIFICATE])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("never taken on the command line"))
            .stderr(predicate::str::contains("AGORA_APP_CERTIFICATE"))
            .stderr(predicate::str::contains(&APP_CERTIFICATE[..8]).not());
    }
}

#[test]
fn help_documents_flags_and_environment() {
    sigtoken()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("--app-id"))
        .stdout(predicate::str::contains("--account"))
        .stdout(predicate::str::contains("--expiry"))
        .stdout(predicate::str::contains("--certificate-file"))
        .stdout(predicate::str::contains("--show-certificate"))
        .stdout(predicate::str::contains("--blank"))
        .stdout(predicate::str::contains("AGORA_APP_CERTIFICATE"))
        .stdout(predicate::str::contains("AGORA_APP_ID"));
}

#[test]
fn environment_values_never_show_in_help() {
    sigtoken()
        .env("AGORA_APP_ID", "0123456789ABCDEF0123456789ABCDEF")
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("AGORA_APP_ID"))
        .stdout(predicate::str::contains("0123456789ABCDEF").not());
}

#[test]
fn a_stray_value_is_not_echoed_in_case_it_is_the_certificate() {
    sigtoken()
        .arg(APP_CERTIFICATE)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<value not shown>"))
        .stderr(predicate::str::contains(&APP_CERTIFICATE[..8]).not());
    sigtoken()
        .args(["--account", "alice", APP_CERTIFICATE])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(&APP_CERTIFICATE[..8]).not());
    // A mistyped subcommand is shown as typed, with the suggestion.
    sigtoken()
        .arg("genrate")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unrecognized subcommand 'genrate'",
        ))
        .stderr(predicate::str::contains("'generate'"));
}

#[test]
fn a_missing_certificate_file_is_one_clear_line() {
    let out = sigtoken()
        .args(["--certificate-file", "/nonexistent/cert"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("--certificate-file /nonexistent/cert"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn version_works() {
    sigtoken()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("sigtoken "));
}

#[test]
fn a_bad_now_is_a_usage_error() {
    sigtoken()
        .args(["--now", "yesterday"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "sigtoken: error: --now: 'yesterday'",
        ));
}

#[test]
fn the_console_reads_its_candidate_files_before_it_takes_the_terminal() {
    sigtoken()
        .args(["--candidate-certificates", "/nonexistent/certs.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "sigtoken: error: --candidate-certificates /nonexistent/certs.txt: No such file",
        ));
    sigtoken()
        .arg("--help")
        .assert()
        .stdout(predicate::str::contains("--candidate-certificates <FILE>"))
        .stdout(predicate::str::contains("--candidate-accounts <FILE>"));
}

#[test]
fn every_help_fits_80_columns_and_no_example_is_broken() {
    for command in [
        "",
        "generate",
        "batch",
        "verify",
        "diagnose",
        "report",
        "explain",
        "completions",
        "man",
    ] {
        let out = sigtoken()
            .args(command.split_whitespace())
            .arg("--help")
            .output()
            .unwrap();
        let help = String::from_utf8(out.stdout).unwrap();
        for line in help.lines() {
            assert!(line.chars().count() <= 80, "{command}: {line:?}");
        }
        // Every example line is a command, or continues one that ends with '\'.
        let examples = help.split("Examples:\n").nth(1).unwrap_or_default();
        let mut continues = false;
        for line in examples.lines().filter(|l| !l.is_empty()) {
            let starts = ["sigtoken", "export", "echo", "printf", "AGORA_"]
                .iter()
                .any(|w| line.trim_start().starts_with(w));
            assert!(starts || continues, "{command}: a broken example: {line:?}");
            continues = line.ends_with('\\');
        }
    }
}

#[test]
fn a_dumb_terminal_is_refused_with_one_error_line_and_its_help() {
    let out = sigtoken().env("TERM", "dumb").output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[0].starts_with("sigtoken: error: "), "{err}");
    assert!(lines[0].contains("TERM=dumb"), "{err}");
    assert!(lines[1].starts_with("help: "), "{err}");
    assert!(lines[1].contains("sigtoken --help"), "{err}");
    assert!(out.stdout.is_empty());
}
