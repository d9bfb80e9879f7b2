#![no_main]
//! `diagnose` takes any client token and any expected inputs without panicking. The
//! long searches are cut short (a cancelled control) so that each run is fast; the
//! checks that run before them are all exercised.

use libfuzzer_sys::fuzz_target;
use sigtoken::diagnose::{Control, Request, diagnose_with};
use sigtoken::policy::ProjectSettings;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // token \x1f app id \x1f account \x1f certificate \x1f flags
    let mut parts = text.split('\u{1f}');
    let token = parts.next().unwrap_or("");
    let app_id = parts.next().unwrap_or("C5D15F8FD394285DA5227B533302A518");
    let account = parts.next().unwrap_or("test@agora.io");
    let certificate = parts.next().unwrap_or("fe1a0437bf217bdd34cd65053fb0fe1d");
    let flags = parts.next().map_or(0, |f| f.len());
    let control = Control::default();
    control.cancel();
    let request = Request {
        client_token: token,
        app_id,
        account,
        certificate,
        expected_expiry: None,
        settings: ProjectSettings {
            certificate_enabled: flags % 2 == 0,
            debug_switch: flags % 3 == 0,
        },
        now: chrono::DateTime::from_timestamp(1_546_000_000, 0).unwrap_or_default(),
        candidate_certificates: &[],
        candidate_accounts: &[],
    };
    let report = diagnose_with(&request, &control);
    for f in &report.findings {
        assert!(!f.message.is_empty());
    }
});
