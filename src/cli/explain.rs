//! `sigtoken explain [CODE]`: the error code reference.

use super::fail;
use crate::codes::{self, CodeEntry};
use clap::Args;
use std::process::ExitCode;

#[derive(Args)]
#[command(after_help = "Examples:\n  sigtoken explain 206\n  sigtoken explain")]
pub struct ExplainArgs {
    /// A login (200–209) or logout (100–108) code; without it, all are listed
    #[arg(value_name = "CODE")]
    code: Option<String>,
}

pub fn entry_text(e: &CodeEntry) -> String {
    let mut out = format!("{} {}: {}\n", e.code, e.name, e.meaning);
    out.push_str("Likely causes:\n");
    for c in e.causes {
        out.push_str(&format!("  - {c}\n"));
    }
    out.push_str("What to check:\n");
    for c in e.check {
        out.push_str(&format!("  - {c}\n"));
    }
    out
}

pub fn run(args: &ExplainArgs) -> ExitCode {
    let Some(code) = &args.code else {
        for e in codes::CODES {
            println!("{} {:<24} {}", e.code, e.name, e.meaning);
        }
        return ExitCode::SUCCESS;
    };
    let entry = code.parse::<u16>().ok().and_then(codes::lookup);
    match entry {
        Some(e) => {
            print!("{}", entry_text(e));
            ExitCode::SUCCESS
        }
        None => fail(format!(
            "explain: '{}' is not a Signaling code; the codes are 100–108 (logout) and 200–209 (login). \
             `sigtoken explain` lists them.",
            crate::visible::quote(code, 20)
        )),
    }
}
