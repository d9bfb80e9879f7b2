//! The shared public vectors through the pure core: every token byte for byte, the
//! faulty generators' outputs, and the findings each vector raises.

mod common;

use sigtoken::token::{Inputs, parse_token};

fn inputs(v: &common::Vector) -> Inputs {
    let expiry: i64 = v.expired_time.parse().expect("vector expiry is an integer");
    Inputs::new(&v.app_id, &v.app_certificate, &v.account, expiry)
}

#[test]
fn every_vector_reproduces_byte_for_byte() {
    for v in common::vectors() {
        assert_eq!(inputs(&v).token(), v.token, "vector {}", v.id);
    }
}

#[test]
fn every_vector_token_parses_and_round_trips() {
    for v in common::vectors() {
        let parsed = parse_token(&v.token).unwrap_or_else(|e| panic!("{}: {e}", v.id));
        assert_eq!(parsed.version, "1", "{}", v.id);
        assert_eq!(parsed.app_id, v.app_id, "{}", v.id);
        assert_eq!(parsed.expired_time.to_string(), v.expired_time, "{}", v.id);
        assert_eq!(parsed.sign, inputs(&v).sign(), "{}", v.id);
        assert_eq!(parsed.to_token(), v.token, "{}", v.id);
    }
}

#[test]
fn md5_input_is_the_utf8_concatenation() {
    for v in common::vectors() {
        let expected = format!(
            "{}{}{}{}",
            v.account, v.app_id, v.app_certificate, v.expired_time
        );
        assert_eq!(
            inputs(&v).md5_input().bytes,
            expected.as_bytes(),
            "{}",
            v.id
        );
    }
}

/// The wrapped outputs of 32-bit generators are themselves well-formed tokens of the
/// wrapped expiry: the core reproduces them from the wrapped value.
#[test]
fn wrapped_expiry_outputs_are_reproduced_from_the_wrapped_value() {
    let mut checked = 0;
    for v in common::vectors() {
        for other in v.other_outputs.iter().filter(|o| !o.starts_with("ERROR")) {
            let parsed = parse_token(other).unwrap();
            if parsed.expired_time.to_string() != v.expired_time {
                let wrapped = Inputs {
                    expired_time: parsed.expired_time,
                    ..inputs(&v)
                };
                assert_eq!(&wrapped.token(), other, "{}", v.id);
                checked += 1;
            }
        }
    }
    assert!(checked >= 6, "only {checked} wrapped outputs found");
}

/// A Java server with a non-UTF-8 default charset turns non-ASCII characters into '?'.
#[test]
fn java_question_mark_outputs_are_reproduced() {
    let mut checked = 0;
    for v in common::vectors().iter().filter(|v| !v.account.is_ascii()) {
        let questioned: String = v
            .account
            .chars()
            .map(|c| if c.is_ascii() { c } else { '?' })
            .collect();
        let token = Inputs {
            account: questioned,
            ..inputs(v)
        }
        .token();
        assert!(v.other_outputs.contains(&token), "{}: {token}", v.id);
        checked += 1;
    }
    assert!(checked >= 5);
}

/// Every shared vector through the checks: each raises what it is about, and the
/// clean ones raise nothing but the notes they should.
#[test]
fn checks_on_every_vector() {
    use sigtoken::checks::{Subject, assess};
    use sigtoken::expiry;
    let now = expiry::parse_now("2018-12-31T00:00:00Z").unwrap();
    for v in common::vectors() {
        let parsed = expiry::parse(&v.expired_time, now).unwrap();
        let subject = Subject {
            app_id: &v.app_id,
            certificate: &v.app_certificate,
            account: Some(&v.account),
            expiry: Ok(&parsed),
        };
        // What the clock says of each expiry is tested in the checks' own tests: here,
        // only what the inputs themselves raise.
        let codes: Vec<&str> = assess(&subject, now, now)
            .iter()
            .map(|f| f.code)
            .filter(|code| !["expired", "expiry_far_future"].contains(code))
            .collect();
        let expected: &[&str] = match v.id.as_str() {
            "doc_example" => &["worked_example"],
            // Mixed and lower case are as real as upper case: no finding.
            "tools_repo_test_go_py_perl" | "tools_repo_test_java_csharp" => &[],
            "empty_account" => &["account_empty"],
            "unicode_cjk_account" | "emoji_account" => &["account_non_ascii"],
            "latin1_range_account" => &["account_spaces", "account_non_ascii", "account_nfc"],
            "nfd_account_e_combining" => &["account_nfd", "account_non_ascii"],
            "nfc_account_e_precomposed" => &["account_non_ascii", "account_nfc"],
            "account_with_spaces" => &["account_spaces"],
            "account_leading_trailing_spaces" => &[
                "account_edge_whitespace",
                "account_edge_whitespace",
                "account_spaces",
            ],
            "account_with_colons" => &[],
            "account_with_tab_newline" => &["account_edge_whitespace", "account_control"],
            "account_with_nul" => &["account_control"],
            "lowercase_appid" | "uppercase_cert" => &[],
            "empty_appid_and_cert" => &["app_id_empty", "certificate_empty"],
            "long_account_1000" => &["account_too_long"],
            "expiry_0" | "expiry_negative_1" => &["expiry_not_positive"],
            "expiry_int32_max" => &[],
            "expiry_int32_max_plus_1" | "expiry_uint32_max" => &["expiry_int32_wrap"],
            "expiry_uint32_max_plus_1" | "expiry_9999999999" => &["expiry_uint32_wrap"],
            "expiry_13digit_ms" => &["expiry_milliseconds", "expiry_uint32_wrap"],
            other => panic!("no expectation for vector {other}: add one"),
        };
        assert_eq!(codes, expected, "vector {}", v.id);
    }
}

/// The other tests take the worked example from the library: this pins those constants,
/// and the known answer written in tests/common, to the public vector file.
#[test]
fn the_worked_example_is_the_public_vector_doc_example() {
    use common::example::{
        ACCOUNT, APP_CERTIFICATE, APP_ID, EXPIRY, PUBLISHED_SIGN, PUBLISHED_SIGN_EXPIRY,
        WORKED_SIGN, WORKED_TOKEN,
    };
    let vectors = common::vectors();
    let v = vectors.iter().find(|v| v.id == "doc_example").unwrap();
    assert_eq!(v.app_id, APP_ID);
    assert_eq!(v.app_certificate, APP_CERTIFICATE);
    assert_eq!(v.account, ACCOUNT);
    assert_eq!(v.expired_time, EXPIRY);
    assert_eq!(v.token, WORKED_TOKEN);
    // The file's note on the vendor's erratum names the published sign and its expiry.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/signaling-token-vectors.json"
    );
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let erratum = file["documented_example_erratum"].as_str().unwrap();
    assert!(erratum.contains(&format!("sign {PUBLISHED_SIGN} for expiredTime {EXPIRY}")));
    assert!(erratum.contains(&format!("md5 of that input is {WORKED_SIGN}")));
    assert!(erratum.contains(&format!("expiredTime {PUBLISHED_SIGN_EXPIRY}")));
}
