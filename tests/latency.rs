//! Measured end to end, not asserted: startup, keystroke latency in a real
//! pseudo-terminal, and peak memory. Ignored by `cargo test`; `scripts/bench.sh` runs it
//! on the release build:
//!   cargo test --release --test latency -- --ignored --nocapture

mod common;

use common::example::{ACCOUNT, APP_CERTIFICATE, APP_ID, EXPIRED_TIME, EXPIRY, WORKED_TOKEN};
use common::pty::Session;
use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Peak resident memory of a finished child, from the kernel's accounting.
fn children_max_rss_kib() -> i64 {
    // SAFETY: getrusage fills a plain C struct.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage.ru_maxrss
    }
}

fn vm_hwm_kib(pid: u32) -> i64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(-1)
}

#[test]
#[ignore = "a measurement: run by scripts/bench.sh"]
fn console_startup_keystrokes_and_memory() {
    let start = Instant::now();
    let mut s = Session::start(&[], &[], 100, 30);
    s.wait_for_text(WORKED_TOKEN);
    let startup = start.elapsed();

    // Account, at its end: type 'x' and take it back, 1,000 times, timing each until
    // the screen shows the new token.
    s.send(b"\t\t\x05");
    let with_x =
        sigtoken::token::Inputs::new(APP_ID, APP_CERTIFICATE, format!("{ACCOUNT}x"), EXPIRED_TIME)
            .token();
    let mut times = Vec::with_capacity(1000);
    for i in 0..1000 {
        let (key, expect): (&[u8], &str) = if i % 2 == 0 {
            (b"x", &with_x)
        } else {
            (b"\x7f", WORKED_TOKEN)
        };
        let t = Instant::now();
        s.send(key);
        loop {
            if s.screen().contains(expect) {
                break;
            }
            assert!(t.elapsed() < Duration::from_secs(5), "key {i} never showed");
            std::thread::sleep(Duration::from_micros(50));
        }
        times.push(t.elapsed());
    }
    times.sort();
    let rss = vm_hwm_kib(s.pid());
    s.send(b"\x03");
    s.wait_exit();
    println!(
        "\n| startup to first full frame | {:.1} ms |",
        startup.as_secs_f64() * 1e3
    );
    println!(
        "\n| keystroke to new token on screen, p50 | {:.2} ms |",
        percentile(&times, 0.5).as_secs_f64() * 1e3
    );
    println!(
        "\n| keystroke to new token on screen, p99 | {:.2} ms |",
        percentile(&times, 0.99).as_secs_f64() * 1e3
    );
    println!(
        "\n| peak RSS of the console session | {:.1} MB |",
        rss as f64 / 1024.0
    );
}

fn batch_peak_rss(lines: u64) -> (Duration, i64) {
    let mut child = common::cmd::std_command()
        .args(["batch", "--app-id", APP_ID, "--expiry", EXPIRY])
        .env("AGORA_APP_CERTIFICATE", APP_CERTIFICATE)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut stdin = child.stdin.take().unwrap();
    let mut block = Vec::with_capacity(1 << 20);
    let mut written = 0;
    while written < lines {
        block.clear();
        while block.len() < (1 << 20) - 32 && written < lines {
            writeln!(block, "user{written:010}@example.com").unwrap();
            written += 1;
        }
        stdin.write_all(&block).unwrap();
    }
    drop(stdin);
    let pid = child.id();
    let status = child.wait().unwrap();
    assert!(status.success(), "batch {pid} failed");
    (start.elapsed(), children_max_rss_kib())
}

#[test]
#[ignore = "a measurement: run by scripts/bench.sh"]
fn batch_memory_is_flat_in_the_number_of_lines() {
    let (t1, rss1) = batch_peak_rss(1_000_000);
    let (t10, rss10) = batch_peak_rss(10_000_000);
    println!(
        "\n| batch, 1,000,000 lines through a pipe | {:.2} s | {:.1} MB peak |",
        t1.as_secs_f64(),
        rss1 as f64 / 1024.0
    );
    println!(
        "\n| batch, 10,000,000 lines through a pipe | {:.2} s | {:.1} MB peak |",
        t10.as_secs_f64(),
        rss10 as f64 / 1024.0
    );
}
