//! `sigtoken man`: the manual page sigtoken(1), made by clap_mangen from the one clap
//! definition `--help` comes from: the console's page, then one section per command.

use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};
use std::process::ExitCode;

/// The examples under `sigtoken man --help`.
pub const AFTER_HELP: &str = "\
One page, sigtoken(1): the console's flags, then a section for each command.

Examples:
  sigtoken man | man -l -
  sigtoken man > ~/.local/share/man/man1/sigtoken.1";

/// The date of the page's last change of substance, for its title line (clap_mangen
/// drops an empty date, and the fields after it shift).
const PAGE_DATE: &str = "2026-12-03";

/// Characters of the help texts that a terminal without UTF-8 (`LC_ALL=C`, groff's
/// ascii device) has no glyph for, and what it shows instead. (groff knows its own
/// fallbacks for dashes and quotes.)
const ASCII_FALLBACKS: &[(char, &str)] = &[('…', "...")];

/// Writes the page for `cli` (the whole command line, `Cli::command()`) to stdout.
pub fn run(cli: clap::Command) -> ExitCode {
    super::out::print(&page(cli));
    ExitCode::SUCCESS
}

/// The whole page in roff: NAME, SYNOPSIS, DESCRIPTION and OPTIONS of the console,
/// its EXAMPLES, the list of COMMANDS, a section per command, and VERSION.
pub fn page(cli: clap::Command) -> String {
    // The synopsis says `[command]`, as the usage line of --help says `[COMMAND]`.
    let mut cli = cli.subcommand_value_name("COMMAND");
    cli.build();
    let man = Man::new(cli.clone())
        .title("SIGTOKEN")
        .date(PAGE_DATE)
        .manual("User Commands");
    let (prose, examples) = split_after_help(&cli);
    // The roff crate's preamble (it defines the apostrophe), once.
    let mut page = Roff::new().render();
    page += &rendered(|w| man.render_title(w));
    // No hyphenation and a ragged right edge: a flag is never split across lines (a
    // pager's search finds it whole), and lines of long values keep plain spaces.
    page += ".nh\n.ad l\n";
    for (c, ascii) in ASCII_FALLBACKS {
        // Where the output device lacks the glyph (LC_ALL=C), groff shows the fallback.
        let name = format!("\\[u{:04X}]", u32::from(*c));
        page += &format!(".if !c{name} .char {name} {ascii}\n");
    }
    page += &rendered(|w| man.render_name_section(w));
    page += &rendered(|w| man.render_synopsis_section(w));
    page += &rendered(|w| man.render_description_section(w));
    page += &paragraphs(&prose);
    page += &rendered(|w| man.render_options_section(w));
    page += &examples_block(&examples, "SH", "EXAMPLES");
    page += &command_list(&cli);
    for sub in commands(&cli).filter(|sub| sub.get_name() != "help") {
        page += &command_section(sub);
    }
    page += &rendered(|w| man.render_version_section(w));
    page
}

/// The commands the page describes: every one `--help` lists.
fn commands(cli: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cli.get_subcommands().filter(|s| !s.is_hide_set())
}

/// COMMANDS: each command's name and what it does; each but clap's `help` has its own
/// section below.
fn command_list(cli: &clap::Command) -> String {
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    roff.text([roman(
        "Each command has a section of its own below, with its options and examples.",
    )]);
    for sub in commands(cli) {
        roff.control("TP", []);
        if sub.get_name() == "help" {
            // clap's own command: its "Print this message" means the terminal's help.
            roff.text([
                bold(bin_name(sub)),
                roman(" ["),
                italic("COMMAND"),
                roman("]"),
            ]);
            roff.text([roman(
                "The same as --help: the help of sigtoken, or of COMMAND",
            )]);
            continue;
        }
        roff.text([bold(bin_name(sub))]);
        roff.text([roman(about(sub))]);
    }
    without_preamble(roff.render())
}

/// The section of one command: what it does, its synopsis, options and examples, the
/// headings clap_mangen writes as sections turned into subsections.
fn command_section(sub: &clap::Command) -> String {
    // The synopsis is the usage line of --help, values and all (clap_mangen's own lists
    // a flag without its value: `[--now]`, `<--app-id>`).
    let usage = sub.clone().render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).to_string();
    let man = Man::new(sub.clone().override_usage(usage));
    let (prose, examples) = split_after_help(sub);
    let mut roff = Roff::new();
    roff.control("SH", [bin_name(sub).to_uppercase().as_str()]);
    let mut section = without_preamble(roff.render());
    let description = sub.get_long_about().or_else(|| sub.get_about());
    for line in description
        .map(|a| a.to_string())
        .unwrap_or_default()
        .lines()
    {
        let mut text = Roff::new();
        text.text([roman(line)]);
        section += &without_preamble(text.render());
    }
    section += &paragraphs(&prose);
    section += &demoted(&rendered(|w| man.render_synopsis_section(w)));
    if sub.get_arguments().any(|a| !a.is_hide_set()) {
        section += &demoted(&rendered(|w| man.render_options_section(w)));
    }
    section + &examples_block(&examples, "SS", "Examples")
}

/// `sigtoken generate`, as clap names a built subcommand.
fn bin_name(cmd: &clap::Command) -> String {
    cmd.get_bin_name().unwrap_or(cmd.get_name()).to_string()
}

/// A command's one-line description.
fn about(cmd: &clap::Command) -> String {
    let about = cmd.get_about().or_else(|| cmd.get_long_about());
    about.map(|a| a.to_string()).unwrap_or_default()
}

/// A command's text after its options, as prose paragraphs and the example lines (the
/// paragraph that opens with `Examples:` or `Example:`, its lines unindented).
fn split_after_help(cmd: &clap::Command) -> (Vec<String>, Vec<String>) {
    let text = cmd.get_after_long_help().or_else(|| cmd.get_after_help());
    let text = text.map(|t| t.to_string()).unwrap_or_default();
    let (mut prose, mut examples) = (Vec::new(), Vec::new());
    for paragraph in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let mut lines = paragraph.lines();
        let first = lines.next().unwrap_or_default();
        if matches!(first.trim(), "Examples:" | "Example:") {
            examples.extend(lines.map(|l| l.strip_prefix("  ").unwrap_or(l).to_string()));
        } else {
            prose.push(paragraph.to_string());
        }
    }
    (prose, examples)
}

/// Prose paragraphs, filled by the formatter.
fn paragraphs(prose: &[String]) -> String {
    let mut roff = Roff::new();
    for paragraph in prose {
        roff.control("PP", []);
        for line in paragraph.lines() {
            roff.text([roman(line)]);
        }
    }
    without_preamble(roff.render())
}

/// Example command lines under a heading, each kept on its own line.
fn examples_block(examples: &[String], heading: &str, title: &str) -> String {
    if examples.is_empty() {
        return String::new();
    }
    let mut roff = Roff::new();
    roff.control(heading, [title]);
    roff.control("nf", []);
    for line in examples {
        roff.text([roman(line.as_str())]);
    }
    roff.control("fi", []);
    without_preamble(roff.render())
}

/// clap_mangen's sections (`.SH OPTIONS`) as subsections (`.SS Options`) of a command's
/// section.
fn demoted(roff: &str) -> String {
    let mut text = String::new();
    for line in roff.lines() {
        match line.strip_prefix(".SH ") {
            Some(title) => {
                let title = title.to_lowercase();
                let mut chars = title.chars();
                let first = chars.next().map(|c| c.to_uppercase().to_string());
                text += &format!(".SS {}{}\n", first.unwrap_or_default(), chars.as_str());
            }
            None => text += &format!("{line}\n"),
        }
    }
    text
}

/// What a clap_mangen renderer writes, without the preamble. Writing into a `Vec` never
/// fails.
fn rendered(render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut buf = Vec::new();
    render(&mut buf).expect("writing into a Vec");
    without_preamble(String::from_utf8_lossy(&buf).into_owned())
}

/// The roff crate starts every rendering with the same preamble; the page has it once.
fn without_preamble(roff: String) -> String {
    let preamble = Roff::new().render();
    match roff.strip_prefix(&preamble) {
        Some(rest) => rest.to_string(),
        None => roff,
    }
}
