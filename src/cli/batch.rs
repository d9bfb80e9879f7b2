//! `sigtoken batch`: a token for every account on stdin (or in a file), in order, at
//! MD5 speed on every core, in bounded memory: input is read and output written one
//! block at a time.

use super::args::{CertificateArgs, TokenInputs};
use super::input::LINE_LIMIT;
use super::out::{fail, warn};
use super::progress::{self, BatchProgress, Source};
use crate::checks::{self, Severity, Subject};
use clap::Args;
use md5::{Digest, Md5};
use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex, mpsc};

const AFTER_HELP: &str = "\
Reads one account per line (only \\n separates lines; a \\r before it is stripped and
counted) and writes one token per line, in the same order.

Examples:
  export AGORA_APP_CERTIFICATE=fe1a0437bf217bdd34cd65053fb0fe1d
  printf 'alice\\nbob\\n' | sigtoken batch \\
      --app-id C5D15F8FD394285DA5227B533302A518 --expiry +24h
  sigtoken batch --app-id \"$APP_ID\" --expiry 2030-01-01T00:00:00Z \\
      --accounts users.txt --csv > tokens.csv";

#[derive(Args)]
#[command(after_help = AFTER_HELP)]
pub struct BatchArgs {
    #[command(flatten)]
    inputs: TokenInputs,

    /// Read the accounts from this file instead of stdin
    #[arg(long, value_name = "FILE")]
    accounts: Option<PathBuf>,

    /// Write CSV lines `account,token` (RFC 4180 quoting)
    #[arg(long, conflicts_with = "json")]
    csv: bool,

    /// Write JSON lines {"account": ..., "token": ...}
    #[arg(long)]
    json: bool,

    /// Worker threads, 1 to 256 (default: every core)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    threads: Option<u16>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Plain,
    Csv,
    Json,
}

/// What every token shares: the MD5 suffix and the token's text before the sign.
pub struct Maker {
    suffix: Vec<u8>,
    head: Vec<u8>,
}

impl Maker {
    pub fn new(app_id: &str, certificate: &str, expired_time: i64) -> Maker {
        let expiry = expired_time.to_string();
        Maker {
            suffix: [app_id.as_bytes(), certificate.as_bytes(), expiry.as_bytes()].concat(),
            head: format!("1:{app_id}:{expiry}:").into_bytes(),
        }
    }

    /// Appends the token for `account` (raw bytes) to `out`.
    pub fn write_token(&self, account: &[u8], out: &mut Vec<u8>) {
        let mut md5 = Md5::new();
        md5.update(account);
        md5.update(&self.suffix);
        let digest = md5.finalize();
        let mut hex = [0u8; 32];
        // 16 bytes always fit 32 hex digits.
        let _ = hex::encode_to_slice(digest, &mut hex);
        out.extend_from_slice(&self.head);
        out.extend_from_slice(&hex);
    }
}

fn csv_field(field: &[u8], out: &mut Vec<u8>) {
    if field
        .iter()
        .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
    {
        out.push(b'"');
        for &b in field {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(field);
    }
}

/// Writes one output line for `account`. Fails only for JSON with non-UTF-8 input.
fn write_line(maker: &Maker, format: Format, account: &[u8], out: &mut Vec<u8>) -> Result<(), ()> {
    match format {
        Format::Plain => maker.write_token(account, out),
        Format::Csv => {
            csv_field(account, out);
            out.push(b',');
            maker.write_token(account, out);
        }
        Format::Json => {
            let text = std::str::from_utf8(account).map_err(|_| ())?;
            out.extend_from_slice(b"{\"account\":");
            // Writing JSON of a &str into a Vec cannot fail.
            let _ = serde_json::to_writer(&mut *out, text);
            out.extend_from_slice(b",\"token\":\"");
            maker.write_token(account, out);
            out.extend_from_slice(b"\"}");
        }
    }
    out.push(b'\n');
    Ok(())
}

/// Counts kept while streaming.
#[derive(Default, Debug, PartialEq, Eq)]
pub struct Summary {
    pub lines: u64,
    pub carriage_returns: u64,
}

const BLOCK: usize = 4 << 20;
// A block holds an unfinished line of LINE_LIMIT bytes and room to read on.
const _: () = assert!(BLOCK as u64 > 2 * LINE_LIMIT);

/// One piece of hashing work: lines `ranges` of `block`, the first being line
/// `first_line` of the input.
struct Job {
    seq: u64,
    block: Arc<Vec<u8>>,
    ranges: Vec<(usize, usize)>,
    first_line: u64,
}

/// A job's output, or the input line number (1-based) that JSON could not take.
type Done = (u64, Result<Vec<u8>, u64>);

/// Why a batch stopped before the end of its input.
#[derive(Debug, PartialEq, Eq)]
pub enum Stop {
    /// This line (1-based) is longer than [`LINE_LIMIT`]: no list of accounts.
    LineTooLong(u64),
    /// This line is not UTF-8, and JSON output needs text.
    NotText(u64),
    /// Reading the accounts failed.
    Io(String),
    /// Writing the tokens failed (a full disk): an output error, status 1.
    Write(String),
}

impl Stop {
    /// The message, naming `source` (the accounts file, or stdin) for a line's fault.
    pub fn message(&self, source: &str) -> String {
        match self {
            Stop::LineTooLong(line) => super::input::line_too_long(source, *line),
            Stop::NotText(line) => format!(
                "{source}: line {line} is not UTF-8: JSON output needs text (plain and --csv \
                 output take any bytes)"
            ),
            Stop::Io(e) => e.clone(),
            Stop::Write(e) => format!("writing to stdout: {e}"),
        }
    }
}

/// Streams `input` to `output`. The pure heart of `batch`, testable without a process.
///
/// A pipeline: this thread reads blocks and writes results in order while `threads`
/// long-lived workers hash, so reading and writing overlap the hashing. At most a few
/// jobs are in flight, so memory stays bounded however long the input.
pub fn stream(
    maker: &Maker,
    csv: bool,
    json: bool,
    threads: usize,
    mut input: impl Read,
    output: &mut impl Write,
    mut progress: impl FnMut(u64),
) -> Result<Summary, Stop> {
    let format = if csv {
        Format::Csv
    } else if json {
        Format::Json
    } else {
        Format::Plain
    };
    let threads = threads.max(1);
    let in_flight_max = 2 * threads;
    let (job_tx, job_rx) = mpsc::channel::<Job>();
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (job_rx, done_tx) = (&job_rx, done_tx.clone());
            scope.spawn(move || {
                loop {
                    let job = match job_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok(job) = job else {
                        return; // no more work
                    };
                    let mut out = Vec::with_capacity(job.ranges.len() * (maker.head.len() + 40));
                    let mut result = Ok(());
                    for (i, &(a, b)) in job.ranges.iter().enumerate() {
                        if write_line(maker, format, &job.block[a..b], &mut out).is_err() {
                            result = Err(job.first_line + i as u64 + 1);
                            break;
                        }
                    }
                    let _ = done_tx.send((job.seq, result.map(|()| out)));
                }
            });
        }
        drop(done_tx);
        let outcome = feed(
            &mut input,
            output,
            &mut progress,
            threads,
            in_flight_max,
            &job_tx,
            &done_rx,
        );
        drop(job_tx); // the workers finish what they have and stop
        outcome
    })
}

/// Reads the input one block at a time, each ending on a line boundary.
struct Blocks<'a, R: Read> {
    input: &'a mut R,
    /// What the last block left unfinished: the start of its last line.
    carry: Vec<u8>,
    eof: bool,
}

impl<R: Read> Blocks<'_, R> {
    /// The next block of whole lines; `None` once the input is done. `line` is the
    /// number of the first line it starts, for a line too long to take.
    fn next_block(&mut self, line: u64) -> Result<Option<Vec<u8>>, Stop> {
        if self.eof {
            return Ok(None);
        }
        // The last block's unfinished line, already too long: refused before it grows.
        if self.carry.len() as u64 > LINE_LIMIT {
            return Err(Stop::LineTooLong(line));
        }
        // Fill a block, starting with what the last one left unfinished.
        let mut block = std::mem::take(&mut self.carry);
        let mut filled = block.len();
        block.resize(BLOCK, 0);
        while filled < block.len() {
            match self.input.read(&mut block[filled..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => filled += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(Stop::Io(format!("reading the accounts: {e}"))),
            }
        }
        block.truncate(filled);
        if self.eof {
            return Ok(Some(block));
        }
        match block.iter().rposition(|&b| b == b'\n') {
            Some(i) => {
                self.carry = block[i + 1..].to_vec();
                block.truncate(i + 1);
                Ok(Some(block))
            }
            // A whole block without a line break (/dev/zero): its line is far too long.
            None => Err(Stop::LineTooLong(line)),
        }
    }
}

/// The line ranges of a block, with a `\r` before the `\n` stripped and counted; a line
/// longer than [`LINE_LIMIT`] is refused by its number (the block's first line is
/// `summary.lines + 1`).
fn line_ranges(block: &[u8], summary: &mut Summary) -> Result<Vec<(usize, usize)>, Stop> {
    let mut ranges = Vec::new();
    let mut begin = 0;
    for (i, &b) in block.iter().enumerate() {
        if b == b'\n' {
            ranges.push((begin, i));
            begin = i + 1;
        }
    }
    if begin < block.len() {
        ranges.push((begin, block.len()));
    }
    for (i, r) in ranges.iter_mut().enumerate() {
        if (r.1 - r.0) as u64 > LINE_LIMIT {
            return Err(Stop::LineTooLong(summary.lines + i as u64 + 1));
        }
        if r.1 > r.0 && block[r.1 - 1] == b'\r' {
            r.1 -= 1;
            summary.carriage_returns += 1;
        }
    }
    Ok(ranges)
}

/// Writes finished jobs in the order they were handed out.
struct InOrder<'a, W: Write> {
    output: &'a mut W,
    done: &'a mpsc::Receiver<Done>,
    /// The next job to write.
    next_write: u64,
    waiting: std::collections::BTreeMap<u64, Vec<u8>>,
}

impl<W: Write> InOrder<'_, W> {
    fn take(&mut self, (seq, result): Done) -> Result<(), Stop> {
        match result {
            Ok(out) => {
                self.waiting.insert(seq, out);
                Ok(())
            }
            Err(line) => Err(Stop::NotText(line)),
        }
    }

    /// Writes every finished job that is next in order; with `wait`, first waits for one.
    fn collect(&mut self, wait: bool) -> Result<(), Stop> {
        if wait {
            let done = self.done.recv().map_err(|_| stopped())?;
            self.take(done)?;
        }
        while let Ok(done) = self.done.try_recv() {
            self.take(done)?;
        }
        while let Some(out) = self.waiting.remove(&self.next_write) {
            self.output
                .write_all(&out)
                .map_err(|e| Stop::Write(e.to_string()))?;
            self.next_write += 1;
        }
        Ok(())
    }
}

/// Reads blocks, hands their lines out as jobs, and writes the results in order.
fn feed(
    input: &mut impl Read,
    output: &mut impl Write,
    progress: &mut impl FnMut(u64),
    threads: usize,
    in_flight_max: usize,
    jobs: &mpsc::Sender<Job>,
    done: &mpsc::Receiver<Done>,
) -> Result<Summary, Stop> {
    let mut summary = Summary::default();
    let mut next_seq = 0u64; // the next job to hand out
    let mut blocks = Blocks {
        input,
        carry: Vec::new(),
        eof: false,
    };
    let mut writer = InOrder {
        output,
        done,
        next_write: 0,
        waiting: Default::default(),
    };
    while let Some(block) = blocks.next_block(summary.lines + 1)? {
        let ranges = line_ranges(&block, &mut summary)?;
        let block = Arc::new(block);
        let per = ranges.len().div_ceil(threads).max(1);
        for chunk in ranges.chunks(per) {
            while next_seq - writer.next_write >= in_flight_max as u64 {
                writer.collect(true)?;
            }
            let job = Job {
                seq: next_seq,
                block: block.clone(),
                ranges: chunk.to_vec(),
                first_line: summary.lines,
            };
            summary.lines += chunk.len() as u64;
            next_seq += 1;
            jobs.send(job).map_err(|_| stopped())?;
        }
        writer.collect(false)?;
        progress(summary.lines);
    }
    while writer.next_write < next_seq {
        writer.collect(true)?;
    }
    writer
        .output
        .flush()
        .map_err(|e| Stop::Write(e.to_string()))?;
    Ok(summary)
}

fn stopped() -> Stop {
    Stop::Io("the hashing threads stopped".into())
}

impl BatchArgs {
    pub fn certificate(&self) -> &CertificateArgs {
        &self.inputs.certificate
    }
}

/// [`stream`] as the command runs it: the bytes read and the lines count into
/// `progress` (a hidden bar when stderr is no terminal) once per block.
pub fn stream_with_progress(
    maker: &Maker,
    csv: bool,
    json: bool,
    threads: usize,
    input: impl Read,
    output: &mut impl Write,
    progress: &BatchProgress,
) -> Result<Summary, Stop> {
    let input = progress.reader(input);
    stream(maker, csv, json, threads, input, output, |lines| {
        progress.lines(lines)
    })
}

/// What a finished batch prints on stderr after its tokens.
struct Finished {
    summary: Summary,
    /// The warnings the checks of the shared inputs printed before the tokens.
    warnings: u64,
    /// Whether stderr is a terminal: the summary line then ends the output, where the
    /// bar (if any) was.
    shown: bool,
}

pub fn run(args: &BatchArgs) -> ExitCode {
    match batch(args) {
        Ok(done) => {
            let summary = &done.summary;
            let mut warnings = done.warnings;
            if summary.carriage_returns > 0 {
                warnings += 1;
                warn(format!(
                    "{} of {} lines ended in \\r (CRLF); the \\r was stripped before hashing",
                    summary.carriage_returns, summary.lines
                ));
            }
            if done.shown {
                eprintln!(
                    "sigtoken: {}",
                    progress::batch_summary(summary.lines, summary.lines, warnings)
                );
            }
            ExitCode::SUCCESS
        }
        Err(Failure::Input(e)) => fail(e),
        Err(Failure::Stdout(e)) => super::out::stdout_failed(&e),
    }
}

/// Why `batch` made no list: its input (status 2), or a stdout it could not write
/// (status 1, as every command).
enum Failure {
    Input(String),
    Stdout(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure::Input(message)
    }
}

/// The accounts, and the progress that suits them: a bar over a regular file, a
/// spinner over anything else, and `None` while a person types them (a spinner would
/// draw over what they type).
fn open_accounts(path: Option<&PathBuf>) -> Result<(Box<dyn Read>, Option<Source>), String> {
    match path {
        Some(path) => {
            let file = std::fs::File::open(path)
                .map_err(|e| format!("--accounts {}: {e}", path.display()))?;
            let source = match file.metadata() {
                Ok(m) if m.is_file() => Source::File(m.len()),
                _ => Source::Stream,
            };
            Ok((Box::new(file), Some(source)))
        }
        None => {
            let stdin = std::io::stdin();
            let typed = stdin.is_terminal();
            Ok((Box::new(stdin.lock()), (!typed).then_some(Source::Stream)))
        }
    }
}

fn batch(args: &BatchArgs) -> Result<Finished, Failure> {
    let i = &args.inputs;
    if args.accounts.is_none() && i.certificate.reads_stdin() {
        return Err(Failure::Input(super::out::with_help(
            "the accounts and --certificate-file cannot both come from stdin",
            "use --accounts FILE",
        )));
    }
    let now = i.now.now()?;
    let expiry = i.expiry(now)?;
    let (input, source) = open_accounts(args.accounts.as_ref())?;
    let certificate = i.certificate.require()?;
    // The accounts are many: only what they share is checked.
    let findings = checks::assess(
        &Subject {
            app_id: &i.app_id,
            certificate: certificate.value.expose(),
            account: None,
            expiry: Ok(&expiry),
        },
        now,
        now,
    );
    i.check(&findings)?;
    let warnings = findings
        .iter()
        .filter(|f| f.severity_beside_a_token() == Severity::Warning)
        .count() as u64;
    let maker = Maker::new(&i.app_id, certificate.value.expose(), expiry.unix);
    let threads = args.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        usize::from,
    );
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    let source_name = match &args.accounts {
        Some(path) => format!("--accounts {}", path.display()),
        None => "stdin".into(),
    };
    let shown = progress::on_terminal();
    // Tokens written to the same terminal would run through the bar: they are progress
    // enough there.
    let drawn = shown && source.is_some() && !std::io::stdout().is_terminal();
    let progress = BatchProgress::new(source.unwrap_or(Source::Stream), drawn);
    let summary = stream_with_progress(
        &maker, args.csv, args.json, threads, input, &mut out, &progress,
    );
    progress.clear();
    Ok(Finished {
        summary: summary.map_err(|stop| match stop {
            Stop::Write(e) => Failure::Stdout(e),
            other => Failure::Input(other.message(&source_name)),
        })?,
        warnings,
        shown,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::{Inputs, worked_example as ex};

    fn maker() -> Maker {
        Maker::new(ex::APP_ID, ex::APP_CERTIFICATE, ex::EXPIRED_TIME)
    }

    fn run(input: &[u8], csv: bool, json: bool, threads: usize) -> (String, Summary) {
        let mut out = Vec::new();
        let summary = stream(&maker(), csv, json, threads, input, &mut out, |_| {}).unwrap();
        (String::from_utf8(out).unwrap(), summary)
    }

    fn token(account: &str) -> String {
        Inputs::new(ex::APP_ID, ex::APP_CERTIFICATE, account, ex::EXPIRED_TIME).token()
    }

    #[test]
    fn one_token_per_line_in_order() {
        for threads in [1, 2, 7] {
            let (out, summary) = run(b"test@agora.io\nalice\r\n\nbob", false, false, threads);
            let expected = [
                token("test@agora.io"),
                token("alice"),
                token(""),
                token("bob"),
            ];
            assert_eq!(out.lines().collect::<Vec<_>>(), expected);
            assert_eq!(
                summary,
                Summary {
                    lines: 4,
                    carriage_returns: 1
                }
            );
        }
    }

    #[test]
    fn csv_and_json_lines() {
        let (out, _) = run("a,b\n\"q\"\n用户\n".as_bytes(), true, false, 2);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], format!("\"a,b\",{}", token("a,b")));
        assert_eq!(lines[1], format!("\"\"\"q\"\"\",{}", token("\"q\"")));
        assert_eq!(lines[2], format!("用户,{}", token("用户")));
        let (out, _) = run("x\"y\n".as_bytes(), false, true, 1);
        let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(v["account"], "x\"y");
        assert_eq!(v["token"], token("x\"y"));
    }

    #[test]
    fn json_refuses_bytes_that_are_not_text() {
        let mut out = Vec::new();
        let err = stream(
            &maker(),
            false,
            true,
            2,
            &b"ok\n\xff\xfe\n"[..],
            &mut out,
            |_| {},
        )
        .unwrap_err();
        assert_eq!(err, Stop::NotText(2));
        assert!(
            err.message("stdin")
                .starts_with("stdin: line 2 is not UTF-8")
        );
        // Plain output hashes the bytes as they are.
        let (out, _) = run(b"\xff\n", false, false, 1);
        assert_eq!(out.lines().count(), 1);
    }

    #[test]
    fn lines_up_to_the_limit_and_many_blocks() {
        let long = "x".repeat(LINE_LIMIT as usize);
        // The limit counts a line's bytes before its `\n`, a `\r` included.
        let crlf = &long[1..];
        let input = format!("{long}\nshort\n{crlf}\r\n{long}");
        let (out, summary) = run(input.as_bytes(), false, false, 2);
        assert_eq!(summary.lines, 4);
        assert_eq!(out.lines().nth(1), Some(token("short").as_str()));
        assert_eq!(out.lines().nth(2), Some(token(crlf).as_str()));
        assert_eq!(out.lines().nth(3), Some(token(&long).as_str()));
        let many: String = (0..300_000).map(|i| format!("user{i}\n")).collect();
        let (out, summary) = run(many.as_bytes(), false, false, 2);
        assert_eq!(summary.lines, 300_000);
        assert_eq!(out.lines().nth(123_456), Some(token("user123456").as_str()));
    }

    fn stop(input: impl Read) -> Stop {
        let mut out = Vec::new();
        stream(&maker(), false, false, 2, input, &mut out, |_| {}).unwrap_err()
    }

    #[test]
    fn a_line_past_the_limit_is_refused_by_its_number() {
        // /dev/zero: no line break ever; refused at the first block.
        assert_eq!(stop(std::io::repeat(0)), Stop::LineTooLong(1));
        let long = "y".repeat(LINE_LIMIT as usize + 1);
        assert_eq!(
            stop(format!("a\nb\n{long}\nc\n").as_bytes()),
            Stop::LineTooLong(3)
        );
        // At the end of the input, without a line break.
        assert_eq!(stop(format!("a\n{long}").as_bytes()), Stop::LineTooLong(2));
        // In a later block, and across a block's end.
        let lines = BLOCK / 8 - 100;
        let input = format!("{}{long}\n", "1234567\n".repeat(lines));
        assert_eq!(stop(input.as_bytes()), Stop::LineTooLong(lines as u64 + 1));
        // The first block ends 80,000 bytes into a line of 100,000.
        let lines = BLOCK / 8 - 10_000;
        let input = format!("{}{}\n", "1234567\n".repeat(lines), "w".repeat(100_000));
        assert_eq!(stop(input.as_bytes()), Stop::LineTooLong(lines as u64 + 1));
        // Followed by a block without any line break.
        let input = format!("a\n{}", "z".repeat(2 * BLOCK));
        assert_eq!(stop(input.as_bytes()), Stop::LineTooLong(2));
        let message = Stop::LineTooLong(7).message("--accounts f.txt");
        assert_eq!(
            message,
            "--accounts f.txt: line 7 is longer than 65536 bytes: not a list of values"
        );
    }

    #[test]
    fn empty_input_writes_nothing() {
        assert_eq!(run(b"", false, false, 2).0, "");
    }
}
