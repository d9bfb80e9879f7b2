//! `sigtoken man`: the page names every command and every flag of the clap definition
//! (walked, not listed here), and a man formatter renders it without a warning.

mod common;

use clap::CommandFactory;
use common::cmd::sigtoken;
use std::io::Write;
use std::process::{Command, Stdio};

/// The page as `sigtoken man` writes it.
fn page() -> String {
    let out = sigtoken().arg("man").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stderr.is_empty(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The roff source as text: escaped dashes, apostrophes, font changes and backslashes
/// undone.
fn plain(roff: &str) -> String {
    roff.replace("\\-", "-")
        .replace("\\*(Aq", "'")
        .replace("\\fB", "")
        .replace("\\fI", "")
        .replace("\\fR", "")
        .replace("\\\\", "\\")
}

/// The page cut at its sections: (heading, body), in order.
fn sections(page: &str) -> Vec<(String, String)> {
    let mut sections = Vec::new();
    for chunk in page.split("\n.SH ").skip(1) {
        let (heading, body) = chunk.split_once('\n').unwrap_or((chunk, ""));
        sections.push((heading.trim_matches('"').to_string(), body.to_string()));
    }
    sections
}

/// What the page must name for one command: each visible flag, long and short, and
/// each positional's value name.
fn names(cmd: &clap::Command) -> Vec<String> {
    let mut names = Vec::new();
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        if let Some(long) = arg.get_long() {
            names.push(format!("--{long}"));
        }
        if let Some(short) = arg.get_short() {
            names.push(format!("-{short}"));
        }
        if arg.is_positional() {
            let value = arg.get_value_names().map(|v| v.join(" "));
            names.push(value.unwrap_or_else(|| arg.get_id().to_string()));
        }
    }
    names
}

#[test]
fn the_page_names_every_command_and_every_flag_of_the_clap_definition() {
    let page = plain(&page());
    assert!(page.contains(".TH SIGTOKEN 1 "), "{page}");
    let sections = sections(&page);
    let body = |heading: &str| {
        let found = sections.iter().find(|(h, _)| h == heading);
        found.map(|(_, b)| b.clone()).unwrap_or_default()
    };
    let mut cli = sigtoken::cli::Cli::command();
    cli.build();
    // The console: its flags in OPTIONS, its examples in EXAMPLES.
    for name in names(&cli) {
        assert!(body("OPTIONS").contains(&name), "console: {name}");
    }
    assert!(body("EXAMPLES").contains("sigtoken --blank"));
    let commands: Vec<_> = cli.get_subcommands().filter(|s| !s.is_hide_set()).collect();
    assert!(commands.len() >= 9, "{}", commands.len());
    for sub in commands {
        let name = format!("sigtoken {}", sub.get_name());
        assert!(body("COMMANDS").contains(&name), "COMMANDS lacks {name}");
        if sub.get_name() == "help" {
            // clap's own command has a line in COMMANDS and no section.
            continue;
        }
        let about = sub.get_about().unwrap().to_string();
        assert!(body("COMMANDS").contains(&about), "{name}: {about}");
        let section = body(&name.to_uppercase());
        assert!(section.contains(&about), "no section for {name}");
        assert!(section.contains(&format!("{name} ")), "{name}: no synopsis");
        for flag in names(sub) {
            assert!(section.contains(&flag), "{name}: {flag}");
        }
        // Every example of `--help` is in the section, one line each (as indented
        // under the first, less the two spaces of --help).
        let help = sub
            .get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default();
        if let Some(examples) = help.split_once("Example") {
            for line in examples.1.lines().skip(1) {
                let line = format!("\n{}\n", line.strip_prefix("  ").unwrap_or(line));
                assert!(section.contains(&line), "{name}: {line:?}");
            }
        }
    }
}

#[test]
fn the_page_is_the_same_whatever_the_environment_holds() {
    // The examples show the vendor's public worked example; a user's own certificate
    // and App ID never reach the page (clap's env values are hidden).
    let certificate = "0123456789abcdef0123456789abcdef";
    let app_id = "fedcba9876543210fedcba9876543210";
    let out = sigtoken()
        .arg("man")
        .env("AGORA_APP_CERTIFICATE", certificate)
        .env("AGORA_APP_ID", app_id)
        .output()
        .unwrap();
    let with_env = String::from_utf8(out.stdout).unwrap();
    assert_eq!(with_env, page());
    assert!(!with_env.contains(certificate) && !with_env.contains(app_id));
}

#[test]
fn the_page_never_names_a_hidden_flag() {
    // `--certificate` is hidden: it exists only to be refused.
    let page = plain(&page());
    assert!(!page.contains("--certificate "), "{page}");
    assert!(!page.contains("--certificate\n"), "{page}");
    assert!(!page.contains("--cert "), "{page}");
}

/// The formatters to render with: `man` in a UTF-8 and in the C locale (ASCII), else
/// groff for both devices, else mandoc's linter; none (and a note) when the machine has
/// none of them.
fn formatters() -> Vec<(String, Command)> {
    let found = |name: &str| {
        Command::new("sh")
            .args(["-c", &format!("command -v {name}")])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let mut formatters = Vec::new();
    if found("man") {
        for locale in ["C.UTF-8", "C"] {
            let mut man = Command::new("man");
            // w: every groff warning; MANWIDTH: the width of a common terminal.
            man.args(["--warnings=w", "-l", "-"])
                .env("MANWIDTH", "80")
                .env("LC_ALL", locale)
                .env_remove("MANPAGER")
                .env_remove("PAGER");
            formatters.push((format!("LC_ALL={locale} man --warnings=w -l -"), man));
        }
    } else if found("groff") {
        for device in ["-Tutf8", "-Tascii"] {
            let mut groff = Command::new("groff");
            groff.args(["-k", "-man", device, "-ww"]);
            formatters.push((format!("groff -k -man {device} -ww"), groff));
        }
    } else if found("mandoc") {
        let mut mandoc = Command::new("mandoc");
        mandoc.args(["-Tlint", "-Wwarning"]);
        formatters.push(("mandoc -Tlint -Wwarning".to_string(), mandoc));
    }
    formatters
}

#[test]
fn man_renders_the_page_without_a_warning() {
    let formatters = formatters();
    if formatters.is_empty() {
        eprintln!("note: no man, groff or mandoc on this machine: the page was not rendered");
    }
    let page = page();
    for (name, mut formatter) in formatters {
        eprintln!("note: rendering with {name}");
        let mut child = formatter
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(page.as_bytes()).unwrap();
        drop(stdin);
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{name}: {err}");
        assert!(err.trim().is_empty(), "{name} warned: {err}");
        if name.starts_with("mandoc") {
            continue;
        }
        // The rendered text: headings, commands and a flag whole (never hyphenated).
        let text = String::from_utf8_lossy(&out.stdout);
        for words in [
            "SIGTOKEN(1)",
            "SIGTOKEN GENERATE",
            "--candidate-certificates <FILE>",
            "sigtoken man | man -l -",
        ] {
            assert!(text.contains(words), "{name}: {words}\n{text}");
        }
    }
}

/// Each command's synopsis is the usage line its `--help` prints, values and all: the
/// page and the help cannot tell a user different things.
#[test]
fn each_synopsis_is_the_usage_line_of_help() {
    let page = plain(&page());
    let mut cli = sigtoken::cli::Cli::command();
    cli.build();
    for sub in cli.get_subcommands().filter(|s| s.get_name() != "help") {
        let usage = sub.clone().render_usage().to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        let first = usage.lines().next().unwrap_or_default();
        assert!(
            page.contains(&format!("Synopsis\n{first}")),
            "{}: the synopsis is not {first:?}",
            sub.get_name()
        );
    }
}
