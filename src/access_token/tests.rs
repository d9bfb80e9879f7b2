//! The decoder's tests: the public vectors, a built AccessToken2, cut and corrupt input,
//! the caps, and arbitrary input (proptest).

use super::testing::*;
use super::*;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use proptest::prelude::*;

fn access_token(token: &str) -> AccessToken {
    match recognise(token) {
        Some(Decoded::AccessToken(t)) => t,
        other => panic!("not an AccessToken: {other:?}"),
    }
}

fn access_token2(token: &str) -> AccessToken2 {
    match recognise(token) {
        Some(Decoded::AccessToken2(t)) => t,
        other => panic!("not an AccessToken2: {other:?}"),
    }
}

#[test]
fn the_public_006_vector_decodes_to_its_documented_fields() {
    let t = access_token(V006);
    assert_eq!(
        t,
        AccessToken {
            app_id: APP_ID.to_string(),
            signature_len: Some(32),
            crc_channel: Some(crc32fast::hash(b"7d72365eb983485397e3e3f9d460bdda")),
            crc_uid: Some(crc32fast::hash(b"2882341273")),
            salt: Some(1),
            ts: Some(1_111_111),
            privileges: vec![Privilege {
                id: 1,
                expiry: 1_446_455_471
            }],
            stops: vec![],
        }
    );
    assert_eq!(privilege_name_006(1), Some("join channel"));
    assert_eq!(t.own_expiry(), Some(1_446_455_471));
}

#[test]
fn the_public_007_vector_decodes_to_its_documented_fields() {
    let t = access_token2(V007);
    assert_eq!(t.signature_len, Some(32));
    assert_eq!(t.app_id.as_deref(), Some(APP_ID));
    assert_eq!(t.issue_ts, Some(1_111_111));
    assert_eq!(t.expire, Some(600));
    assert_eq!(t.salt, Some(1));
    assert_eq!(t.services, vec![]);
    assert_eq!(t.stops, vec![]);
    assert_eq!(t.own_expiry(), Some(1_111_711));
}

#[test]
fn a_007_with_an_rtm_service_decodes() {
    let token = token_007(&rtm_body());
    let t = access_token2(&token);
    assert_eq!(t.app_id.as_deref(), Some(APP_ID));
    assert_eq!(
        (t.issue_ts, t.expire, t.salt),
        (Some(1_700_000_000), Some(86_400), Some(42))
    );
    assert_eq!(
        t.services,
        vec![Service {
            kind: 2,
            privileges: vec![Privilege {
                id: 1,
                expiry: 3600
            }],
            fields: vec![("user id", Field::Text("bob".into()))],
        }]
    );
    assert_eq!(service_name(2), Some("RTM"));
    assert_eq!(privilege_name_007(2, 1), Some("login"));
    assert_eq!(t.stops, vec![]);
    // The URL-safe alphabet without padding decodes the same.
    let url = format!("007{}", URL_SAFE_NO_PAD.encode(zlib(&rtm_body())));
    assert_eq!(access_token2(&url).services, t.services);
}

#[test]
fn every_known_service_reads_its_own_fields() {
    let body = Writer::default()
        .string(b"")
        .string(b"A")
        .u32(1)
        .u32(2)
        .u32(3)
        .u16(4);
    let body = body.u16(1).u16(0).string(b"room").string(b"");
    let body = body.u16(4).u16(0);
    let body = body.u16(5).u16(0).string(b"chatter");
    let body = body.u16(7).u16(0).string(b"r").string(b"u").u16(0xffff);
    let t = access_token2(&token_007(&body.0));
    let fields: Vec<_> = t.services.iter().map(|s| s.fields.clone()).collect();
    assert_eq!(
        fields,
        vec![
            vec![
                ("channel name", Field::Text("room".into())),
                ("uid", Field::Text("".into()))
            ],
            vec![],
            vec![("user id", Field::Text("chatter".into()))],
            vec![
                ("room uuid", Field::Text("r".into())),
                ("user uuid", Field::Text("u".into())),
                ("role", Field::Int(-1))
            ],
        ]
    );
}

#[test]
fn a_truncated_006_decodes_as_far_as_it_goes() {
    // Cut inside the crc32 of the uid: 35 + 4 characters of base64 = 3 bytes … the
    // signature string alone is 34 bytes; 52 characters are 39 bytes.
    let t = access_token(&V006[..35 + 52]);
    assert_eq!(t.signature_len, Some(32));
    assert_eq!(
        t.crc_channel,
        Some(crc32fast::hash(b"7d72365eb983485397e3e3f9d460bdda"))
    );
    assert_eq!(t.crc_uid, None);
    assert_eq!(
        t.stops,
        vec![Stop::Truncated {
            field: "crc32 of the uid",
            offset: 38
        }]
    );
    assert_eq!(
        t.stops[0].to_string(),
        "the bytes end in the crc32 of the uid (at byte 38)"
    );
}

#[test]
fn a_cut_privilege_list_keeps_what_was_read() {
    let t = access_token(&V006[..V006.len() - 4]);
    assert_eq!((t.salt, t.ts), (Some(1), Some(1_111_111)));
    assert_eq!(t.privileges, vec![]);
    assert!(
        matches!(
            t.stops.last(),
            Some(Stop::Truncated {
                field: "privileges",
                ..
            })
        ),
        "{:?}",
        t.stops
    );
}

#[test]
fn corrupt_base64_says_where_it_stopped() {
    let broken = format!("{}!{}", &V006[..35 + 52], &V006[35 + 52..]);
    let t = access_token(&broken);
    assert_eq!(t.stops[0], Stop::Base64 { at: 35 + 52 });
    assert!(t.crc_channel.is_some());
    assert_eq!(
        t.stops[0].to_string(),
        "the base64 breaks off at character 88"
    );
}

#[test]
fn a_cut_007_stops_in_the_zlib_stream() {
    let t = access_token2(&V007[..63]);
    assert_eq!(t.signature_len, Some(32));
    assert_eq!(
        t.stops,
        vec![
            Stop::Zlib { inflated: 41 },
            Stop::Truncated {
                field: "App ID",
                offset: 34
            }
        ]
    );
}

#[test]
fn a_zlib_bomb_is_cut_at_the_cap() {
    let token = token_007(&vec![0u8; 10 * MAX_INFLATED]);
    let t = access_token2(&token);
    assert_eq!(t.inflated, MAX_INFLATED);
    assert!(t.stops.contains(&Stop::TooLarge), "{:?}", t.stops);
}

#[test]
fn an_unknown_service_type_stops_the_reading() {
    let body = Writer::default()
        .string(b"")
        .string(b"A")
        .u32(1)
        .u32(2)
        .u32(3)
        .u16(1)
        .u16(6);
    let t = access_token2(&token_007(&body.0));
    assert_eq!(
        t.stops,
        vec![Stop::UnknownService {
            kind: 6,
            offset: 19
        }]
    );
}

#[test]
fn older_dynamic_keys_are_named() {
    let sign = "a".repeat(40);
    let key4 = format!("004{sign}{APP_ID}1446455471123456780000000000");
    assert_eq!(
        recognise(&key4),
        Some(Decoded::DynamicKey {
            generation: 4,
            app_id: Some(APP_ID.into())
        })
    );
    assert_eq!(
        recognise(&format!("003{sign}")),
        Some(Decoded::DynamicKey {
            generation: 3,
            app_id: None
        })
    );
    let body = Writer::default()
        .u16(1)
        .string(&[b'A'; 40])
        .string(&hex::decode(APP_ID).unwrap())
        .u32(1);
    let key5 = format!("005{}", STANDARD.encode(&body.0));
    assert_eq!(
        recognise(&key5),
        Some(Decoded::DynamicKey {
            generation: 5,
            app_id: Some(APP_ID.to_uppercase())
        })
    );
}

#[test]
fn look_alikes_are_named_as_what_they_look_like() {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(br#"{"sub":"bob"}"#);
    let jwt = format!("{header}.{payload}.c2lnbmF0dXJl");
    assert_eq!(
        recognise(&jwt),
        Some(Decoded::Jwt {
            alg: Some("HS256".into())
        })
    );
    assert_eq!(
        recognise(&STANDARD.encode([1u8; 30])),
        Some(Decoded::Base64 { bytes: 30 })
    );
}

#[test]
fn other_text_is_not_recognised() {
    for token in [
        "",
        "1:C5D15F8FD394285DA5227B533302A518:1546271999:2d572d6e3a75ebde5a06626f40fe9684",
        "_no_need_token",
        "garbage",
        "2d572d6e3a75ebde5a06626f40fe9684",
        "006",
        "006notanappid",
        "007",
        "007AAAAAAAA",
        "005AAAA",
        "a.b.c",
    ] {
        assert_eq!(recognise(token), None, "{token:?}");
    }
}

/// What a decoding holds stays within the caps, whatever the input.
fn assert_within_caps(token: &str) {
    match recognise(token) {
        Some(Decoded::AccessToken2(t)) => {
            assert!(t.inflated <= MAX_INFLATED);
            assert!(t.services.len() <= MAX_INFLATED / 2);
        }
        Some(Decoded::AccessToken(t)) => {
            assert!(t.privileges.len() * 6 <= MAX_INPUT);
        }
        Some(Decoded::Base64 { bytes }) => assert!(bytes <= MAX_INPUT),
        _ => {}
    }
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        assert_within_caps(&text);
    }

    #[test]
    fn arbitrary_bytes_as_tokens_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        assert_within_caps(&String::from_utf8_lossy(&bytes));
        assert_within_caps(&format!("006{APP_ID}{}", STANDARD.encode(&bytes)));
        assert_within_caps(&format!("007{}", STANDARD.encode(&bytes)));
        assert_within_caps(&token_007(&bytes));
        assert_within_caps(&format!("005{}", URL_SAFE_NO_PAD.encode(&bytes)));
    }

    #[test]
    fn arbitrary_cuts_and_changes_of_the_vectors_never_panic(
        cut in 0usize..200, at in 0usize..200, c in any::<char>()
    ) {
        for vector in [V006, V007] {
            let cut = &vector[..cut.min(vector.len())];
            assert_within_caps(cut);
            let mut changed: Vec<char> = vector.chars().collect();
            let i = at.min(changed.len() - 1);
            changed[i] = c;
            assert_within_caps(&changed.into_iter().collect::<String>());
        }
    }
}
