//! Colour in the commands' human output: `--color auto|always|never`, and the shared
//! colours (src/palette.rs) as anstyle styles. Styled text is written through anstream,
//! which drops the styles when the stream is no terminal, with `NO_COLOR`, or with
//! `CLICOLOR=0` (and keeps them with `CLICOLOR_FORCE`), unless `--color` says otherwise.

use crate::palette::{Hue, Look};
use anstyle::{AnsiColor, Effects, Style};
use clap::ColorChoice;
use std::ffi::OsString;

/// `--color`'s help, for every command.
pub const COLOR_HELP: &str = "When to colour the output: auto (on a terminal, unless NO_COLOR \
                              is set), always or never";

/// The `--color` choice on a command line, looked for before clap parses it, so clap's
/// own help and errors follow it too. The last one given counts, as clap takes it; a
/// value clap will refuse counts as `auto`.
pub fn choice_in(args: impl IntoIterator<Item = OsString>) -> ColorChoice {
    let mut choice = ColorChoice::Auto;
    let mut args = args.into_iter().skip(1);
    while let Some(arg) = args.next() {
        let arg = arg.to_string_lossy().into_owned();
        if arg == "--" {
            break;
        }
        let value = match arg.strip_prefix("--color") {
            Some("") => args.next().map(|v| v.to_string_lossy().into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        if let Some(value) = value {
            choice = parse(&value).unwrap_or(ColorChoice::Auto);
        }
    }
    choice
}

fn parse(value: &str) -> Option<ColorChoice> {
    match value {
        "auto" => Some(ColorChoice::Auto),
        "always" => Some(ColorChoice::Always),
        "never" => Some(ColorChoice::Never),
        _ => None,
    }
}

/// Makes every anstream stream of the process follow the choice.
pub fn apply(choice: ColorChoice) {
    let global = match choice {
        ColorChoice::Auto => anstream::ColorChoice::Auto,
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
    };
    global.write_global();
}

/// Whether the console draws without colours: `--color never`, or `NO_COLOR` unless
/// `--color always` overrides it.
pub fn console_without_colour(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => false,
        ColorChoice::Never => true,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    }
}

/// A shared colour as an anstyle style.
pub const fn style(look: Look) -> Style {
    let color = match look.hue {
        Hue::Red => AnsiColor::Red,
        Hue::Green => AnsiColor::Green,
        Hue::Yellow => AnsiColor::Yellow,
        Hue::Magenta => AnsiColor::Magenta,
        Hue::Cyan => AnsiColor::Cyan,
        Hue::DarkGray => AnsiColor::BrightBlack,
    };
    let style = Style::new().fg_color(Some(anstyle::Color::Ansi(color)));
    if look.bold {
        style.effects(Effects::BOLD)
    } else {
        style
    }
}

/// `text` in a shared colour: the words stay as they are, only styles are added.
pub fn paint(look: Look, text: &str) -> String {
    let style = style(look);
    format!("{style}{text}{style:#}")
}

/// A label in bold, as cargo writes `error:` and `help:`.
pub fn label(look: Look, text: &str) -> String {
    paint(Look::bold(look.hue), text)
}

/// A heading in bold and underlined, as clap writes `Usage:`.
pub fn heading(text: &str) -> String {
    let style = Style::new().effects(Effects::BOLD.insert(Effects::UNDERLINE));
    format!("{style}{text}{style:#}")
}

/// The command line with a `--color` given before the command moved after the
/// command's name: `sigtoken --color never verify …` reads as `sigtoken verify --color
/// never …`, as `cargo --color never build` does (clap lets no flag of the console's
/// stand before a command). Any other command line is left as it is.
pub fn color_after_the_command(args: Vec<OsString>, commands: &[String]) -> Vec<OsString> {
    let mut colors = Vec::new();
    let mut i = 1;
    while i < args.len() {
        let arg = args[i].to_string_lossy();
        if arg == "--color" && i + 1 < args.len() {
            colors.extend_from_slice(&args[i..i + 2]);
            i += 2;
        } else if arg.starts_with("--color=") {
            colors.push(args[i].clone());
            i += 1;
        } else if !colors.is_empty() && commands.iter().any(|c| *c == arg) {
            let mut moved = vec![args[0].clone(), args[i].clone()];
            moved.extend(colors);
            moved.extend_from_slice(&args[i + 1..]);
            return moved;
        } else {
            break;
        }
    }
    args
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::palette;

    fn choice(args: &[&str]) -> ColorChoice {
        choice_in(
            std::iter::once("sigtoken")
                .chain(args.iter().copied())
                .map(OsString::from),
        )
    }

    #[test]
    fn the_color_flag_is_found_in_every_spelling() {
        assert_eq!(choice(&[]), ColorChoice::Auto);
        assert_eq!(
            choice(&["verify", "--color", "never", "T"]),
            ColorChoice::Never
        );
        assert_eq!(choice(&["--color=always"]), ColorChoice::Always);
        assert_eq!(
            choice(&["--color=never", "--color", "always"]),
            ColorChoice::Always
        );
        assert_eq!(choice(&["--color", "sometimes"]), ColorChoice::Auto);
        // After `--`, everything is a value.
        assert_eq!(choice(&["--", "--color=never"]), ColorChoice::Auto);
    }

    #[test]
    fn a_color_before_the_command_goes_after_its_name() {
        let commands = ["verify".to_string(), "diagnose".to_string()];
        let moved = |args: &[&str]| {
            let args = args.iter().map(OsString::from).collect();
            color_after_the_command(args, &commands)
        };
        assert_eq!(
            moved(&[
                "sigtoken",
                "--color",
                "never",
                "--color=always",
                "verify",
                "T"
            ]),
            [
                "sigtoken",
                "verify",
                "--color",
                "never",
                "--color=always",
                "T"
            ]
        );
        // The console's flags, a command without --color and a value named like a
        // command stay where they are.
        for args in [
            &["sigtoken", "--color", "never", "--blank"][..],
            &["sigtoken", "verify", "--color", "never", "T"],
            &["sigtoken", "--account", "verify", "--color", "never"],
        ] {
            assert_eq!(moved(args), args);
        }
    }

    #[test]
    fn each_shared_colour_is_its_sgr_number() {
        for hue in Hue::ALL {
            let painted = paint(Look::plain(hue), "x");
            assert_eq!(painted, format!("\x1b[{}mx\x1b[0m", hue.sgr()));
        }
        assert_eq!(paint(palette::REJECTED, "no"), "\x1b[1m\x1b[31mno\x1b[0m");
    }
}
