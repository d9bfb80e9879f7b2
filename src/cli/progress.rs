//! Progress on stderr for the long commands, drawn by indicatif and only when stderr is
//! a terminal: `batch` shows a bar over its accounts file (or a spinner over stdin),
//! `diagnose` a bar over its search of candidate files. In a pipe the bar is hidden: no
//! byte of it reaches stderr, and updating it costs a lock per 4 MiB block.

use crate::diagnose::{self, Control, Report, Request};
use indicatif::{HumanCount, ProgressBar, ProgressState, ProgressStyle};
use std::io::{IsTerminal, Read};
use std::sync::mpsc;
use std::time::Duration;

/// How often a shown bar redraws on its own (the spinner spins, the time left moves)
/// while the work does not report.
const TICK: Duration = Duration::from_millis(100);

/// Whether progress is drawn: only on a terminal stderr, never in a pipe or a file.
pub fn on_terminal() -> bool {
    std::io::stderr().is_terminal()
}

/// Where `batch` reads its accounts, for the kind of progress it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A file of this many bytes: a bar with the bytes read, the rate and the time left.
    File(u64),
    /// A stream of unknown length: a spinner with the lines read and their rate.
    Stream,
}

/// `batch`'s progress: a bar over a file, a spinner over a stream, or hidden.
pub struct BatchProgress {
    bar: ProgressBar,
    source: Source,
}

impl BatchProgress {
    /// Progress for `source`, drawn on stderr when `shown` (else hidden, at no cost
    /// but a lock per block).
    pub fn new(source: Source, shown: bool) -> BatchProgress {
        if !shown {
            return BatchProgress {
                bar: ProgressBar::hidden(),
                source,
            };
        }
        let bar = match source {
            Source::File(len) => ProgressBar::new(len).with_style(file_style()),
            Source::Stream => ProgressBar::new_spinner().with_style(stream_style()),
        };
        // The first frame now, whatever the speed of the rest.
        bar.tick();
        bar.enable_steady_tick(TICK);
        BatchProgress { bar, source }
    }

    /// `input`, counting the bytes read into the bar when the source is a file.
    pub fn reader<'a>(&self, input: impl Read + 'a) -> Box<dyn Read + 'a> {
        match self.source {
            Source::File(_) => Box::new(self.bar.wrap_read(input)),
            Source::Stream => Box::new(input),
        }
    }

    /// Called once per block with the lines read so far.
    pub fn lines(&self, lines: u64) {
        match self.source {
            Source::File(_) => self.bar.set_message(format!("{} lines", HumanCount(lines))),
            Source::Stream => self.bar.set_position(lines),
        }
    }

    /// Takes the bar off the screen, before the summary and any warning are printed.
    pub fn clear(&self) {
        self.bar.finish_and_clear();
    }
}

fn file_style() -> ProgressStyle {
    ProgressStyle::with_template(
        "[{wide_bar}] {bytes}/{total_bytes}, {bytes_per_sec}, {eta} left, {msg}",
    )
    .expect("a valid template")
    .progress_chars("=> ")
}

fn stream_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {human_pos} lines read, {rate} lines/s")
        .expect("a valid template")
        .with_key("rate", rate)
}

/// The rate as a whole count per second (indicatif's own `{per_sec}` has decimals).
fn rate(state: &ProgressState, w: &mut dyn std::fmt::Write) {
    let _ = write!(w, "{}", HumanCount(state.per_sec() as u64));
}

/// The line `batch` ends with on a terminal, where the bar was.
pub fn batch_summary(lines: u64, tokens: u64, warnings: u64) -> String {
    let counted = |n: u64, what: &str| {
        let s = if n == 1 { "" } else { "s" };
        format!("{} {what}{s}", indicatif::HumanCount(n))
    };
    format!(
        "{} read, {} written, {}",
        counted(lines, "line"),
        counted(tokens, "token"),
        counted(warnings, "warning")
    )
}

/// Runs `request`'s diagnosis; with `shown`, a bar of the candidates tried out of the
/// search's total is drawn on stderr while it runs and cleared before it returns.
pub fn diagnose(request: &Request, shown: bool) -> Report {
    if !shown {
        return diagnose::diagnose(request);
    }
    let control = Control::default();
    let (done_tx, done_rx) = mpsc::channel::<()>();
    std::thread::scope(|scope| {
        let control = &control;
        let worker = scope.spawn(move || {
            let report = diagnose::diagnose_with(request, control);
            let _ = done_tx.send(());
            report
        });
        // The total is known before the search starts: the first frame is drawn at once.
        let bar = ProgressBar::new(diagnose::search_size(request)).with_style(search_style());
        bar.tick();
        bar.enable_steady_tick(TICK);
        loop {
            let (tried, total) = control.progress();
            bar.set_length(total.max(tried).max(bar.length().unwrap_or(0)));
            bar.set_position(tried);
            // Done, or the search thread panicked (join passes its panic on).
            if !matches!(
                done_rx.recv_timeout(TICK),
                Err(mpsc::RecvTimeoutError::Timeout)
            ) {
                break;
            }
        }
        bar.finish_and_clear();
        worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

fn search_style() -> ProgressStyle {
    ProgressStyle::with_template(
        "[{wide_bar}] {human_pos}/{human_len} candidates tried, {rate}/s, {eta} left",
    )
    .expect("a valid template")
    .with_key("rate", rate)
    .progress_chars("=> ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_lines_tokens_and_warnings() {
        assert_eq!(
            batch_summary(3, 3, 1),
            "3 lines read, 3 tokens written, 1 warning"
        );
        assert_eq!(
            batch_summary(1, 1, 2),
            "1 line read, 1 token written, 2 warnings"
        );
        assert_eq!(
            batch_summary(2_000_000, 2_000_000, 0),
            "2,000,000 lines read, 2,000,000 tokens written, 0 warnings"
        );
    }

    #[test]
    fn a_hidden_bar_counts_bytes_from_a_file_only() {
        let progress = BatchProgress::new(Source::File(5), false);
        let mut text = String::new();
        progress
            .reader(&b"a\nbc\n"[..])
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "a\nbc\n");
        assert_eq!(progress.bar.position(), 5);
        let progress = BatchProgress::new(Source::Stream, false);
        progress
            .reader(&b"a\nbc\n"[..])
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(progress.bar.position(), 0);
        progress.lines(2);
        assert_eq!(progress.bar.position(), 2);
    }
}
