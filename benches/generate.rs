//! Token generation against a bare MD5 of the same 85-byte input, and `batch` end to
//! end over 1,000,000 accounts, on one thread and on all of them: the bare pipeline,
//! and the path the command takes when stderr is no terminal (a hidden progress bar
//! fed by the file's reads and each block's line count), for a file and for stdin.
//! Run: cargo bench --bench generate

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use md5::{Digest, Md5};
use sigtoken::cli::batch::{Maker, stream, stream_with_progress};
use sigtoken::cli::progress::{BatchProgress, Source};
use sigtoken::token::{Inputs, worked_example as ex};
use std::hint::black_box;

fn generation(c: &mut Criterion) {
    let inputs = Inputs::new(
        ex::APP_ID,
        ex::APP_CERTIFICATE,
        "user0000042",
        ex::EXPIRED_TIME,
    );
    let bytes = inputs.md5_input().bytes;
    assert_eq!(bytes.len(), 85);
    let mut group = c.benchmark_group("generation");
    group.throughput(Throughput::Elements(1));
    group.bench_function("bare_md5_85_bytes", |b| {
        b.iter(|| Md5::digest(black_box(&bytes)))
    });
    group.bench_function("sign", |b| b.iter(|| black_box(&inputs).sign()));
    group.bench_function("token_string", |b| b.iter(|| black_box(&inputs).token()));
    let maker = Maker::new(ex::APP_ID, ex::APP_CERTIFICATE, ex::EXPIRED_TIME);
    let mut out = Vec::with_capacity(128);
    group.bench_function("batch_token_into_buffer", |b| {
        b.iter(|| {
            out.clear();
            maker.write_token(black_box(b"user0000042"), &mut out);
        })
    });
    group.finish();
}

fn batch(c: &mut Criterion) {
    let accounts: String = (0..1_000_000).map(|i| format!("user{i:07}\n")).collect();
    let maker = Maker::new(ex::APP_ID, ex::APP_CERTIFICATE, ex::EXPIRED_TIME);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut group = c.benchmark_group("batch_1m_accounts");
    group.sample_size(10);
    group.throughput(Throughput::Elements(1_000_000));
    let len = accounts.len() as u64;
    for threads in [1, cores] {
        group.bench_function(format!("{threads}_threads"), |b| {
            b.iter(|| {
                let mut sink = std::io::sink();
                stream(
                    &maker,
                    false,
                    false,
                    threads,
                    accounts.as_bytes(),
                    &mut sink,
                    |_| {},
                )
                .unwrap()
            })
        });
        // The command into a pipe: stderr is no terminal, so the progress is hidden.
        for (name, source) in [("file", Source::File(len)), ("stdin", Source::Stream)] {
            group.bench_function(format!("{threads}_threads_command_path_{name}"), |b| {
                b.iter(|| {
                    let progress = BatchProgress::new(source, false);
                    let mut sink = std::io::sink();
                    stream_with_progress(
                        &maker,
                        false,
                        false,
                        threads,
                        accounts.as_bytes(),
                        &mut sink,
                        &progress,
                    )
                    .unwrap()
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, generation, batch);
criterion_main!(benches);
