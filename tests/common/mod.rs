//! What the integration tests share: the worked example, the public vectors, and the
//! builders for the binary as a command, in a pseudo-terminal, and for the console's App.
#![allow(dead_code)]

pub mod app;
pub mod cmd;
pub mod example;
pub mod pty;

/// Variables a host may have set that change what the binary does (the certificate and
/// App ID it picks up, colour, where a copy goes, a requested panic): every run here
/// starts without them, and a test that wants one sets it.
pub const HOST_VARIABLES: &[&str] = &[
    "AGORA_APP_ID",
    "AGORA_APP_CERTIFICATE",
    "NO_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "SIGTOKEN_TEST_PANIC",
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "SSH_CONNECTION",
    "SSH_TTY",
    "SSH_CLIENT",
    "TMUX",
    // A CI runner may say TERM=dumb, which the console refuses: a test sets TERM itself.
    "TERM",
];

use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct VectorFile {
    pub vectors: Vec<Vector>,
}

#[derive(Debug, Deserialize)]
pub struct Vector {
    pub id: String,
    #[serde(rename = "appId")]
    pub app_id: String,
    #[serde(rename = "appCertificate")]
    pub app_certificate: String,
    pub account: String,
    #[serde(rename = "expiredTime")]
    pub expired_time: String,
    pub token: String,
    #[serde(default)]
    pub other_outputs: Vec<String>,
}

/// The public vectors, as copied into `assets/`.
pub fn vectors() -> Vec<Vector> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/signaling-token-vectors.json"
    );
    let text = std::fs::read_to_string(path).expect("assets/signaling-token-vectors.json");
    let file: VectorFile = serde_json::from_str(&text).expect("vector file parses");
    assert!(file.vectors.len() >= 20, "the vector file lost vectors");
    file.vectors
}
