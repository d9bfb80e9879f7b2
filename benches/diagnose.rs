//! The mistake search: the default search for a token no mistake explains (the worst
//! case: every candidate is tried, the pairs of `combined` included), the same with an
//! expected expiry that differs from the token's (the full search: at most 0.3 s on one
//! core), and a 1,000,000-account candidate file.
//! Run: cargo bench --bench diagnose

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use sigtoken::diagnose::{Request, default_search_size, diagnose};
use sigtoken::policy::ProjectSettings;
use sigtoken::token::worked_example as ex;
use std::hint::black_box;

fn request<'a>(token: &'a str, accounts: &'a [String]) -> Request<'a> {
    Request {
        client_token: token,
        app_id: ex::APP_ID,
        account: ex::ACCOUNT,
        certificate: ex::APP_CERTIFICATE,
        expected_expiry: None,
        settings: ProjectSettings::default(),
        now: chrono::DateTime::from_timestamp(1_500_000_000, 0).unwrap(),
        candidate_certificates: &[],
        candidate_accounts: accounts,
    }
}

fn benches(c: &mut Criterion) {
    // A sign nothing reproduces: the search runs to the end.
    let unexplained = format!("1:{}:{}:{}", ex::APP_ID, ex::EXPIRED_TIME, "0".repeat(32));
    let mut group = c.benchmark_group("diagnose");
    group.sample_size(10);
    group.throughput(Throughput::Elements(default_search_size()));
    group.bench_function("default_search", |b| {
        b.iter(|| diagnose(black_box(&request(&unexplained, &[]))))
    });
    group.bench_function("full_search", |b| {
        let request = Request {
            expected_expiry: Some(ex::EXPIRED_TIME + 3 * 86_400),
            ..request(&unexplained, &[])
        };
        b.iter(|| diagnose(black_box(&request)))
    });
    let accounts: Vec<String> = (0..1_000_000)
        .map(|i| format!("user{i:07}@example.com"))
        .collect();
    group.throughput(Throughput::Elements(
        default_search_size() + accounts.len() as u64,
    ));
    group.bench_function("default_search_plus_1m_accounts", |b| {
        b.iter(|| diagnose(black_box(&request(&unexplained, &accounts))))
    });
    group.finish();
}

criterion_group!(diagnosis, benches);
criterion_main!(diagnosis);
