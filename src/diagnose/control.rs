//! How a long search runs: progress and cancellation from another thread ([`Control`]),
//! the three-state result ([`Search`]), and the scans of candidates, on one core or all.

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

/// Progress and cancellation for a search running on another thread.
#[derive(Debug, Default)]
pub struct Control {
    cancelled: AtomicBool,
    /// Candidates tried so far.
    tried: AtomicU64,
    /// Candidates the whole search will try.
    total: AtomicU64,
}

impl Control {
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// `(tried, total)`.
    pub fn progress(&self) -> (u64, u64) {
        (
            self.tried.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    pub(super) fn set_total(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
    }

    pub(super) fn add(&self, n: u64) {
        self.tried.fetch_add(n, Ordering::Relaxed);
    }
}

/// The result of a search: what it found, that nothing matched, or that it was cut short.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Search<T> {
    Found(T),
    NotFound,
    Cancelled,
}

impl<T> Search<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Search<U> {
        match self {
            Search::Found(t) => Search::Found(f(t)),
            Search::NotFound => Search::NotFound,
            Search::Cancelled => Search::Cancelled,
        }
    }

    /// What was found, if anything.
    pub fn found(self) -> Option<T> {
        match self {
            Search::Found(t) => Some(t),
            Search::NotFound | Search::Cancelled => None,
        }
    }
}

/// A search that cannot be cancelled: it found something or it did not.
impl<T> From<Option<T>> for Search<T> {
    fn from(found: Option<T>) -> Search<T> {
        found.map_or(Search::NotFound, Search::Found)
    }
}

/// Candidates tried between two looks at the cancel flag (and two progress reports).
const BATCH: u64 = 4096;

/// The first of `values` for which `test` holds, tried in order on this thread.
pub fn scan<T>(
    control: &Control,
    values: impl Iterator<Item = T>,
    test: impl Fn(&T) -> bool,
) -> Search<T> {
    if control.is_cancelled() {
        return Search::Cancelled;
    }
    let mut n = 0u64;
    for v in values {
        if test(&v) {
            control.add(n);
            return Search::Found(v);
        }
        n += 1;
        if n == BATCH {
            control.add(BATCH);
            n = 0;
            if control.is_cancelled() {
                return Search::Cancelled;
            }
        }
    }
    control.add(n);
    Search::NotFound
}

/// The first index in `0..n` for which `test` holds, searched on every core.
pub fn parallel_find(
    n: usize,
    control: &Control,
    test: impl Fn(usize) -> bool + Sync,
) -> Search<usize> {
    if n == 0 {
        return Search::NotFound;
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(n.div_ceil(BATCH as usize))
        .max(1);
    let chunk = n.div_ceil(threads);
    let best = AtomicUsize::new(usize::MAX);
    std::thread::scope(|scope| {
        for t in 0..threads {
            let (best, test) = (&best, &test);
            scope.spawn(move || {
                let range = t * chunk..((t + 1) * chunk).min(n);
                let mut since = 0u64;
                for i in range {
                    // Another thread found an earlier one, or the user gave up.
                    if i > best.load(Ordering::Relaxed) {
                        break;
                    }
                    if test(i) {
                        best.fetch_min(i, Ordering::Relaxed);
                        break;
                    }
                    since += 1;
                    if since == BATCH {
                        control.add(since);
                        since = 0;
                        if control.is_cancelled() {
                            break;
                        }
                    }
                }
                control.add(since);
            });
        }
    });
    if control.is_cancelled() {
        return Search::Cancelled;
    }
    let best = best.into_inner();
    (best != usize::MAX).then_some(best).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_earliest_candidate_wins_across_threads() {
        let control = Control::default();
        let found = parallel_find(100_000, &control, |i| i % 7_000 == 6_999);
        assert_eq!(found, Search::Found(6_999));
        assert_eq!(parallel_find(10, &control, |_| false), Search::NotFound);
        assert_eq!(parallel_find(0, &control, |_| true), Search::NotFound);
        control.cancel();
        assert_eq!(
            parallel_find(100_000, &control, |_| false),
            Search::Cancelled
        );
    }

    #[test]
    fn a_scan_counts_what_it_tried_and_stops_when_cancelled() {
        let control = Control::default();
        assert_eq!(
            scan(&control, 0..10_000, |&v| v == 9_000),
            Search::Found(9_000)
        );
        assert_eq!(control.progress().0, 9_000);
        assert_eq!(scan(&control, 0..10, |_| false), Search::NotFound);
        assert_eq!(control.progress().0, 9_010);
        control.cancel();
        assert_eq!(scan(&control, 0..10, |_| true), Search::Cancelled);
    }
}
