//! sigtoken: a debugging console for Agora's legacy Signaling SDK tokens.
//!
//! The core (`token`, `expiry`, `visible`, `secret`, `policy`, `codes`, `checks`,
//! `access_token`, `diagnose`, `present`, `report`, `palette`) is pure and knows nothing of terminals; `tui` is the
//! interactive console and `cli` the command line, both built on it.

pub mod access_token;
pub mod checks;
pub mod cli;
pub mod codes;
pub mod diagnose;
pub mod expiry;
pub mod palette;
pub mod policy;
pub mod present;
pub mod report;
pub mod secret;
pub mod token;
#[cfg(unix)]
pub mod tty;
pub mod tui;
pub mod visible;
