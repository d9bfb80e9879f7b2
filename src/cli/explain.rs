//! `sigtoken explain [CODE]`: the error code reference, one entry or the list, in the
//! words the console's reference uses.

use super::out::fail;
use crate::codes;
use crate::present;
use clap::Args;
use std::process::ExitCode;

#[derive(Args)]
#[command(after_help = "Examples:\n  sigtoken explain 206\n  sigtoken explain")]
pub struct ExplainArgs {
    /// A login (200–209) or logout (100–108) code; without it, all are listed
    #[arg(value_name = "CODE")]
    code: Option<String>,
}

pub fn run(args: &ExplainArgs) -> ExitCode {
    let Some(code) = &args.code else {
        for e in codes::CODES {
            super::out::println(&present::code_summary(e));
        }
        return ExitCode::SUCCESS;
    };
    let entry = code.parse::<u16>().ok().and_then(codes::lookup);
    match entry {
        Some(e) => {
            super::out::print(&present::code_entry_text(e));
            ExitCode::SUCCESS
        }
        None => fail(super::out::with_help(
            format!(
                "explain: '{}' is not a Signaling code; the codes are 100–108 (logout) and \
                 200–209 (login)",
                crate::visible::quote(code, 20)
            ),
            "`sigtoken explain` lists them",
        )),
    }
}
