//! `sigtoken diagnose` and `sigtoken explain` as a support engineer runs them: exit
//! statuses, JSON fields, stdin, candidate files.

mod common;

use assert_cmd::Command;
use common::cmd::{sigtoken, sigtoken_with_certificate};
use common::example::{
    ACCOUNT, APP_CERTIFICATE, APP_ID, BEFORE, EXPIRED_TIME, PUBLISHED_SIGN, PUBLISHED_SIGN_EXPIRY,
    PUBLISHED_TOKEN, WORKED_TOKEN,
};
use predicates::prelude::*;

fn diagnose_at(token: &str, now: &str) -> Command {
    let mut cmd = sigtoken_with_certificate();
    cmd.args(["diagnose", token, "--app-id", APP_ID, "--account", ACCOUNT])
        .args(["--now", now]);
    cmd
}

/// A diagnosis a month before the worked example expires.
fn diagnose(token: &str) -> Command {
    diagnose_at(token, BEFORE)
}

fn json(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.arg("--json").output().unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn a_good_token_is_accepted_with_exit_0() {
    diagnose(WORKED_TOKEN)
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("Verdict: accepted"));
}

#[test]
fn the_published_example_is_caught_as_a_duration() {
    diagnose(PUBLISHED_TOKEN)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "rejected with 206 LOGIN_E_TOKENWRONG",
        ))
        .stdout(predicate::str::contains(format!(
            "Cause: Your server hashed a duration where the expiry time belongs: expiry \
             {PUBLISHED_SIGN_EXPIRY} (30 days, a duration) instead of {EXPIRED_TIME}.\n       \
             (expiry_as_duration, Expiry)",
        )));
    let v = json(&mut diagnose(PUBLISHED_TOKEN));
    assert_eq!(v["verdict"], "rejected");
    assert_eq!(v["error_code"], 206);
    assert_eq!(v["error_name"], "LOGIN_E_TOKENWRONG");
    assert_eq!(v["cause"]["code"], "expiry_as_duration");
    assert_eq!(v["cause"]["field"], "expired_time");
    assert_eq!(v["token"]["sign"], PUBLISHED_SIGN);
    assert_eq!(v["token"]["expired_time"], EXPIRED_TIME);
    assert_eq!(v["expected_token"], WORKED_TOKEN);
    assert_eq!(v["findings"][0]["code"], "sign_mismatch");
    assert_eq!(v["findings"][0]["severity"], "error");
}

#[test]
fn an_expired_token_gets_204() {
    let v = json(&mut diagnose_at(WORKED_TOKEN, "2019-01-01T00:00:00Z"));
    assert_eq!(v["error_code"], 204);
    assert_eq!(v["findings"][0]["code"], "expired");
}

#[test]
fn no_need_token_follows_the_switch() {
    diagnose("_no_need_token").assert().code(1);
    diagnose("_no_need_token")
        .args(["--debug-switch", "on"])
        .assert()
        .code(0);
    let v = json(diagnose("_no_need_token").args(["--debug-switch", "on"]));
    assert_eq!(v["findings"][0]["code"], "no_need_token_accepted");
    assert_eq!(v["error_code"], serde_json::Value::Null);
}

#[test]
fn without_a_certificate_anything_goes() {
    let mut cmd = diagnose("anything at all");
    cmd.env_remove("AGORA_APP_CERTIFICATE")
        .args(["--certificate-enabled", "no"]);
    cmd.assert()
        .code(0)
        .stdout(predicate::str::contains("certificate_not_enabled"));
}

#[test]
fn a_malformed_token_is_named() {
    let v = json(&mut diagnose("1:abc"));
    assert_eq!(v["findings"][0]["code"], "malformed_token");
    assert_eq!(v["token"], serde_json::Value::Null);
    assert!(
        v["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("this one has 2")
    );
}

#[test]
fn the_token_can_come_on_stdin() {
    diagnose("-")
        .write_stdin(format!("{WORKED_TOKEN}\n"))
        .assert()
        .code(0);
}

/// A token mangled on its way to the client is named in the token itself, in JSON too:
/// here the server's token went through JavaScript's `encodeURIComponent` twice.
#[test]
fn a_mangled_token_is_named_in_the_token_field() {
    let twice = WORKED_TOKEN.replace(':', "%253A");
    let out = diagnose(&twice).arg("--json").output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout.contains(r#""field":"token""#), "{stdout}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["verdict"], "rejected");
    assert_eq!(v["error_code"], 206);
    assert_eq!(v["cause"]["code"], "url_encoded");
    assert_eq!(v["cause"]["field"], "token");
    assert_eq!(
        v["cause"]["detail"],
        "percent-encoded twice; decoded, it is a valid token"
    );
    assert_eq!(v["token"], serde_json::Value::Null, "the token as sent");
    assert_eq!(v["expected_token"], WORKED_TOKEN, "the token to send");
    assert_eq!(v["findings"][0]["code"], "url_encoded");
}

/// `echo` ends the line it writes on stdin: that newline is not the client's, and is
/// not a mangling. A space before it is.
#[test]
fn the_newline_of_echo_is_not_a_mangling() {
    let v = json(diagnose("-").write_stdin(format!("{WORKED_TOKEN}\n")));
    assert_eq!(v["verdict"], "accepted");
    assert_eq!(v["cause"], serde_json::Value::Null);
    let v = json(diagnose("-").write_stdin(format!("{WORKED_TOKEN} \n")));
    assert_eq!(v["verdict"], "rejected");
    assert_eq!(v["cause"]["code"], "whitespace");
    assert_eq!(v["cause"]["field"], "token");
    assert_eq!(
        v["cause"]["detail"],
        "followed by a space (U+0020); trimmed, it is a valid token"
    );
}

#[test]
fn candidates_come_from_files() {
    let dir = std::env::temp_dir().join(format!("sigtoken-diag-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let accounts = dir.join("accounts");
    std::fs::write(&accounts, format!("alice\r\nbob\n{ACCOUNT}\n")).unwrap();
    let bob = sigtoken::token::Inputs::new(APP_ID, APP_CERTIFICATE, "bob", EXPIRED_TIME).token();
    let v = json(diagnose(&bob).arg("--candidate-accounts").arg(&accounts));
    assert_eq!(v["cause"]["code"], "other_account");
    assert!(v["cause"]["detail"].as_str().unwrap().contains("'bob'"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn usage_errors_exit_2_and_the_certificate_is_never_an_argument() {
    let mut cmd = diagnose(WORKED_TOKEN);
    cmd.env_remove("AGORA_APP_CERTIFICATE");
    cmd.assert()
        .code(2)
        .stderr(predicate::str::contains("no App Certificate"));
    diagnose(WORKED_TOKEN)
        .args(["--certificate", APP_CERTIFICATE])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("never taken on the command line"))
        .stderr(predicate::str::contains(APP_CERTIFICATE).not());
    diagnose_at(WORKED_TOKEN, "soon")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("sigtoken: error: --now:"));
    diagnose(WORKED_TOKEN)
        .args(["--debug-switch", "maybe"])
        .assert()
        .code(2);
}

#[test]
fn explain_prints_one_code_or_all() {
    let mut cmd = sigtoken();
    cmd.args(["explain", "206"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "206 LOGIN_E_TOKENWRONG: token invalid",
        ))
        .stdout(predicate::str::contains("What to check:"));
    let out = sigtoken().arg("explain").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 19);
    assert!(text.contains("104 LOGOUT_E_PACKET"));
    sigtoken()
        .args(["explain", "210"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a Signaling code"));
}

#[test]
fn expiry_names_the_expiry_the_client_should_have_had() {
    // The published token, diagnosed against the expiry its ticket asked for: a day
    // later than the one in the token.
    let later = EXPIRED_TIME + 86_400;
    let v = json(diagnose(PUBLISHED_TOKEN).args(["--expiry", &later.to_string()]));
    assert_eq!(v["findings"][0]["code"], "expiry_differs");
    assert_eq!(v["findings"][0]["field"], "expired_time");
    assert_eq!(v["token"]["expired_time"], EXPIRED_TIME);
    let expected = v["expected_token"].as_str().expect("an expected token");
    assert!(expected.contains(&format!(":{later}:")), "{expected}");
    diagnose(WORKED_TOKEN)
        .args(["--expiry", "next tuesday"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--expiry:"));
}

/// The vendor's public AccessToken (006) vector, pasted where a SignalingToken belongs.
const ACCESS_TOKEN_006: &str = "006970CA35de60c44645bbae8a215061b33IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfRBXoFHlEAABAAAAR/QQAAEAAQCvKDdW";

#[test]
fn an_access_token_is_named_and_a_signaling_token_offered() {
    let offered =
        sigtoken::token::Inputs::new(APP_ID, APP_CERTIFICATE, ACCOUNT, 1_446_455_471).token();
    let v = json(&mut diagnose(ACCESS_TOKEN_006));
    assert_eq!(v["verdict"], "rejected");
    assert_eq!(v["error_code"], 206);
    assert_eq!(v["cause"]["code"], "access_token");
    assert_eq!(v["cause"]["field"], "token");
    assert_eq!(
        v["cause"]["detail"],
        "an AccessToken (006) for App ID 970CA35de60c44645bbae8a215061b33, issued 1970-01-13 \
         20:38:31 UTC, join channel"
    );
    assert_eq!(v["expected_token"], offered.as_str());
    assert_eq!(v["findings"][0]["code"], "access_token");
    let why = v["findings"][0]["why"].as_str().unwrap_or_default();
    assert!(
        why.contains("salt 1; issued 1970-01-13 20:38:31 UTC (1111111)"),
        "{why}"
    );
    diagnose(ACCESS_TOKEN_006)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "Cause: The client sent another kind of token, not a SignalingToken: an AccessToken (006)",
        ))
        .stdout(predicate::str::contains(format!(
            "Expected token  {offered}"
        )));
}

#[test]
fn json_lists_the_causes_of_a_combined_mistake() {
    // A certificate read with its trailing newline, and 30 days written as the expiry.
    let sign = sigtoken::token::sign_of(&[
        ACCOUNT.as_bytes(),
        APP_ID.as_bytes(),
        format!("{APP_CERTIFICATE}\n").as_bytes(),
        b"2592000",
    ]);
    let token = sigtoken::token::format_token(APP_ID, EXPIRED_TIME, &sign);
    let v = json(&mut diagnose(&token));
    assert_eq!(v["error_code"], 206);
    assert_eq!(v["cause"]["code"], "combined");
    assert_eq!(v["cause"]["field"], serde_json::Value::Null);
    let causes = v["cause"]["causes"].as_array().expect("a causes list");
    assert_eq!(causes.len(), 2);
    assert_eq!(causes[0]["code"], "whitespace");
    assert_eq!(causes[0]["field"], "app_certificate");
    assert_eq!(causes[0]["detail"], "certificate + '\\n'");
    assert_eq!(causes[1]["code"], "expiry_as_duration");
    assert_eq!(causes[1]["field"], "expired_time");
    assert_eq!(
        causes[1]["detail"],
        format!("expiry 2592000 (30 days, a duration) instead of {EXPIRED_TIME}")
    );
}

#[test]
fn a_hostile_or_secret_bearing_token_is_shown_safely() {
    // Escape codes in the token reach the output as visible characters, never raw.
    let hostile = format!("1:\x1b]0;pwned\x07{APP_ID}:{EXPIRED_TIME}:{PUBLISHED_SIGN}");
    let out = diagnose(&hostile).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
    assert!(text.contains("pwned"), "{text}");
    // A generator that put the certificate where the App ID belongs: never echoed.
    let swapped =
        sigtoken::token::Inputs::new(APP_CERTIFICATE, APP_ID, ACCOUNT, EXPIRED_TIME).token();
    for json_too in [false, true] {
        let mut cmd = diagnose(&swapped);
        if json_too {
            cmd.arg("--json");
        }
        let out = cmd.output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap().to_lowercase();
        assert!(
            !text.contains(&APP_CERTIFICATE.to_lowercase()[..12]),
            "{text}"
        );
        assert!(text.contains("not shown"), "{text}");
    }
}
