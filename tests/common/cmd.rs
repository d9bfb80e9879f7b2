//! The `sigtoken` binary as a command (assert_cmd), in a clean environment: nothing the
//! host has set reaches a test unless the test sets it.

use super::HOST_VARIABLES;
use super::example::APP_CERTIFICATE;

/// The binary as a plain `std` command without the host's variables, for a test that
/// spawns and pipes it itself.
pub fn std_command() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_sigtoken"));
    for var in HOST_VARIABLES {
        cmd.env_remove(var);
    }
    cmd
}

/// The binary, with no certificate, App ID or colour setting from the host.
pub fn sigtoken() -> assert_cmd::Command {
    assert_cmd::Command::from_std(std_command())
}

/// The same, with the worked example's certificate in `AGORA_APP_CERTIFICATE`, as a
/// user who exported it.
pub fn sigtoken_with_certificate() -> assert_cmd::Command {
    let mut cmd = sigtoken();
    cmd.env("AGORA_APP_CERTIFICATE", APP_CERTIFICATE);
    cmd
}
