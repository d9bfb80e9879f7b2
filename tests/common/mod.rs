//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod pty;

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
