//! The system clipboard (arboard) on a thread of its own, so that a clipboard that never
//! answers (an X server that takes the connection and stays silent) cannot freeze the
//! console. One long-lived thread owns the handle (on X11 the copied text lives only as
//! long as the handle does); requests go to it over a channel and its answers come back
//! to be polled. A request not answered within [`ANSWER_WITHIN`] times out, and from then
//! on the clipboard counts as stuck for the session: nothing more is sent to it, so
//! nothing ever queues behind the stuck call, and nothing waits for it at the end.

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// How long the system clipboard has to answer before a copy goes another way.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(2);

/// How long quitting waits for a healthy clipboard thread to let go of its handle (on
/// X11 that hands the copied text over to a clipboard manager, if one runs).
const CLOSE_WITHIN: Duration = Duration::from_millis(500);

/// A system clipboard that can take text.
pub trait SystemClipboard {
    fn set_text(&mut self, text: &str) -> Result<(), String>;
    fn get_text(&mut self) -> Result<String, String>;
}

/// arboard, opened on the first use and kept until the program ends.
#[derive(Default)]
pub struct Arboard(Option<arboard::Clipboard>);

impl Arboard {
    fn handle(&mut self) -> Result<&mut arboard::Clipboard, String> {
        if self.0.is_none() {
            self.0 = Some(arboard::Clipboard::new().map_err(|e| e.to_string())?);
        }
        self.0.as_mut().ok_or_else(|| "no clipboard".to_string())
    }
}

impl SystemClipboard for Arboard {
    fn set_text(&mut self, text: &str) -> Result<(), String> {
        self.handle()?.set_text(text).map_err(|e| e.to_string())
    }

    fn get_text(&mut self) -> Result<String, String> {
        self.handle()?.get_text().map_err(|e| e.to_string())
    }
}

/// What the clipboard thread is asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    Set(String),
    /// Clear the clipboard if it still holds this text (what sigtoken put there), as
    /// pass and KeePassXC do.
    ClearIfUnchanged(String),
}

/// What came of a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Done, or the clipboard's error. For a clear, whether it cleared (false: it holds
    /// something else now); a set that worked is `Ok(true)`.
    Answered(Result<bool, String>),
    /// No answer within [`ANSWER_WITHIN`].
    TimedOut,
}

/// Carries out one request.
fn carry_out(system: &mut impl SystemClipboard, request: Request) -> Answer {
    match request {
        Request::Set(text) => Answer::Answered(system.set_text(&text).map(|()| true)),
        Request::ClearIfUnchanged(text) => {
            Answer::Answered(system.get_text().and_then(|now| match now == text {
                true => system.set_text("").map(|()| true),
                false => Ok(false),
            }))
        }
    }
}

/// The thread's side: requests until the channel closes, then the handle is dropped.
fn serve(
    mut system: impl SystemClipboard,
    requests: Receiver<(u64, Request)>,
    answers: Sender<(u64, Answer)>,
) {
    while let Ok((id, request)) = requests.recv() {
        // A panic inside the clipboard library is an answer, not the end of copying.
        let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            carry_out(&mut system, request)
        }))
        .unwrap_or_else(|_| Answer::Answered(Err("the clipboard library panicked".into())));
        if answers.send((id, answer)).is_err() {
            break;
        }
    }
    // The handle goes first (on X11 that hands the text to a clipboard manager); the
    // closed answer channel then tells a waiting runtime the thread is done.
    drop(system);
    drop(answers);
}

/// Why a request was not sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotAsked {
    /// An earlier request went unanswered.
    Stuck,
    /// The clipboard thread could not be started (the system's reason, when it gave one).
    NoThread(Option<String>),
}

/// The two ends of the channels to a running clipboard thread.
struct Link {
    requests: Sender<(u64, Request)>,
    answers: Receiver<(u64, Answer)>,
}

/// The runtime's side: sends requests, polls for answers, times them out.
pub struct SystemThread<S: SystemClipboard + Send + 'static> {
    /// The clipboard before the thread starts (on the first request).
    idle: Option<S>,
    link: Option<Link>,
    /// Requests sent and not answered yet, oldest first, with their deadlines.
    pending: VecDeque<(u64, Instant)>,
    next_id: u64,
    stuck: bool,
}

impl<S: SystemClipboard + Send + 'static> SystemThread<S> {
    pub fn new(system: S) -> Self {
        SystemThread {
            idle: Some(system),
            link: None,
            pending: VecDeque::new(),
            next_id: 0,
            stuck: false,
        }
    }

    /// Whether a request once went unanswered: the clipboard is not asked again.
    pub fn is_stuck(&self) -> bool {
        self.stuck
    }

    /// Whether a request waits for its answer.
    pub fn is_waiting(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Sends `request`, to be answered by [`SystemThread::poll`] under the returned id,
    /// or says why it was not sent.
    pub fn ask(&mut self, request: Request, now: Instant) -> Result<u64, NotAsked> {
        if self.stuck {
            return Err(NotAsked::Stuck);
        }
        if self.link.is_none() {
            let system = self.idle.take().ok_or(NotAsked::NoThread(None))?;
            let link = start(system).map_err(|e| NotAsked::NoThread(Some(e.to_string())))?;
            self.link = Some(link);
        }
        let Some(link) = &self.link else {
            return Err(NotAsked::NoThread(None));
        };
        let id = self.next_id;
        self.next_id += 1;
        // A thread that ended cannot answer: the request then times out like a stuck one.
        let _ = link.requests.send((id, request));
        self.pending.push_back((id, now + ANSWER_WITHIN));
        Ok(id)
    }

    /// The answers that came in, and a [`Answer::TimedOut`] for each request that is past
    /// its deadline at `now`, or behind one that is (the thread takes them in order).
    /// A late answer to a request that timed out is dropped.
    pub fn poll(&mut self, now: Instant) -> Vec<(u64, Answer)> {
        let mut done = Vec::new();
        if let Some(link) = &self.link {
            while let Ok((id, answer)) = link.answers.try_recv() {
                if let Some(at) = self.pending.iter().position(|(p, _)| *p == id) {
                    self.pending.remove(at);
                    done.push((id, answer));
                }
            }
        }
        if self.pending.front().is_some_and(|(_, due)| now >= *due) {
            self.stuck = true;
            done.extend(self.pending.drain(..).map(|(id, _)| (id, Answer::TimedOut)));
        }
        done
    }
}

fn start<S: SystemClipboard + Send + 'static>(system: S) -> std::io::Result<Link> {
    let (requests, inbox) = mpsc::channel();
    let (outbox, answers) = mpsc::channel();
    std::thread::Builder::new()
        .name("clipboard".into())
        .spawn(move || serve(system, inbox, outbox))?;
    Ok(Link { requests, answers })
}

impl<S: SystemClipboard + Send + 'static> Drop for SystemThread<S> {
    /// A healthy thread is told to stop and given a moment to drop its handle; a stuck
    /// one (or one still busy) is left behind, never waited for: it ends with the process.
    fn drop(&mut self) {
        let Some(link) = self.link.take() else {
            return;
        };
        if self.stuck || !self.pending.is_empty() {
            return;
        }
        drop(link.requests);
        let until = Instant::now() + CLOSE_WITHIN;
        loop {
            let left = until.saturating_duration_since(Instant::now());
            match link.answers.recv_timeout(left) {
                Ok(_) => continue,
                Err(RecvTimeoutError::Disconnected | RecvTimeoutError::Timeout) => return,
            }
        }
    }
}

/// A system clipboard for tests, shared by this module's tests and the clipboard's.
#[cfg(test)]
pub(crate) mod fake {
    use super::SystemClipboard;
    use std::sync::mpsc::{self, Receiver, Sender};
    use std::sync::{Arc, Mutex};

    /// What the fake saw and holds, for the test to read (and change: the user copies).
    #[derive(Default)]
    pub struct Seen {
        /// Each call: `set <text>` or `get`, logged as it starts.
        pub calls: Vec<String>,
        pub held: String,
        /// Set when the fake was dropped (the handle let go).
        pub dropped: bool,
    }

    pub type Shared = Arc<Mutex<Seen>>;

    /// Waits until the fake has seen `calls` calls (a gated one waits inside the last).
    pub fn wait_for_calls(seen: &Shared, calls: usize) -> Vec<String> {
        let give_up = std::time::Instant::now() + std::time::Duration::from_secs(20);
        loop {
            let now = seen.lock().unwrap().calls.clone();
            if now.len() >= calls {
                return now;
            }
            assert!(std::time::Instant::now() < give_up, "calls: {now:?}");
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }

    /// Answers at once, or after a gate opens (never, if the test never opens it).
    pub struct Fake {
        seen: Shared,
        gate: Option<Receiver<()>>,
        fail: Option<String>,
    }

    impl Fake {
        /// Answers every call at once.
        pub fn at_once() -> (Fake, Shared) {
            let seen = Shared::default();
            let fake = Fake {
                seen: seen.clone(),
                gate: None,
                fail: None,
            };
            (fake, seen)
        }

        /// Each call waits for a `()` on the returned sender before it answers.
        pub fn gated() -> (Fake, Shared, Sender<()>) {
            let (open, gate) = mpsc::channel();
            let (mut fake, seen) = Fake::at_once();
            fake.gate = Some(gate);
            (fake, seen, open)
        }

        /// Every call fails with `why`.
        pub fn failing(why: &str) -> (Fake, Shared) {
            let (mut fake, seen) = Fake::at_once();
            fake.fail = Some(why.to_string());
            (fake, seen)
        }

        fn call(&mut self, what: String) -> Result<(), String> {
            self.seen.lock().unwrap().calls.push(what);
            if let Some(gate) = &self.gate {
                // A closed gate (the test dropped the sender) counts as open.
                let _ = gate.recv();
            }
            self.fail.clone().map_or(Ok(()), Err)
        }
    }

    impl SystemClipboard for Fake {
        fn set_text(&mut self, text: &str) -> Result<(), String> {
            self.call(format!("set {text}"))?;
            self.seen.lock().unwrap().held = text.to_string();
            Ok(())
        }

        fn get_text(&mut self) -> Result<String, String> {
            self.call("get".to_string())?;
            Ok(self.seen.lock().unwrap().held.clone())
        }
    }

    impl Drop for Fake {
        fn drop(&mut self) {
            if let Ok(mut seen) = self.seen.lock() {
                seen.dropped = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fake::Fake;
    use super::*;

    /// Polls at `now` (before any deadline) until something is answered.
    fn answers(thread: &mut SystemThread<Fake>, now: Instant) -> Vec<(u64, Answer)> {
        let give_up = Instant::now() + Duration::from_secs(20);
        loop {
            let done = thread.poll(now);
            if !done.is_empty() {
                return done;
            }
            assert!(
                Instant::now() < give_up,
                "the clipboard thread never answered"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    #[test]
    fn a_prompt_answer_comes_back_under_its_id() {
        let (fake, seen) = Fake::at_once();
        let mut thread = SystemThread::new(fake);
        let now = Instant::now();
        let id = thread.ask(Request::Set("token".into()), now).unwrap();
        assert!(thread.is_waiting());
        assert_eq!(
            answers(&mut thread, now),
            [(id, Answer::Answered(Ok(true)))]
        );
        assert!(!thread.is_waiting() && !thread.is_stuck());
        let id = thread
            .ask(Request::ClearIfUnchanged("token".into()), now)
            .unwrap();
        assert_eq!(
            answers(&mut thread, now),
            [(id, Answer::Answered(Ok(true)))]
        );
        assert_eq!(seen.lock().unwrap().calls, ["set token", "get", "set "]);
    }

    #[test]
    fn an_unanswered_request_times_out_with_those_behind_it_and_nothing_more_is_sent() {
        let (fake, seen, _never_opened) = Fake::gated();
        let mut thread = SystemThread::new(fake);
        let now = Instant::now();
        let first = thread.ask(Request::Set("a".into()), now).unwrap();
        let later = now + Duration::from_millis(500);
        let second = thread.ask(Request::Set("b".into()), later).unwrap();
        // Before the deadline: nothing yet, nothing decided.
        assert!(thread.poll(now + ANSWER_WITHIN / 2).is_empty());
        assert!(!thread.is_stuck());
        assert_eq!(
            thread.poll(now + ANSWER_WITHIN),
            [(first, Answer::TimedOut), (second, Answer::TimedOut)]
        );
        assert!(thread.is_stuck() && !thread.is_waiting());
        assert_eq!(
            thread.ask(Request::Set("c".into()), later),
            Err(NotAsked::Stuck)
        );
        // The thread is inside the first call for good: the second waits behind it.
        assert_eq!(super::fake::wait_for_calls(&seen, 1), ["set a"]);
    }

    #[test]
    fn a_late_answer_is_dropped_and_the_clipboard_stays_skipped() {
        let (fake, seen, open) = Fake::gated();
        let mut thread = SystemThread::new(fake);
        let now = Instant::now();
        thread.ask(Request::Set("a".into()), now).unwrap();
        assert_eq!(thread.poll(now + ANSWER_WITHIN).len(), 1);
        open.send(()).unwrap();
        // Wait for the late answer, then put it back where `poll` looks.
        let link = thread.link.as_mut().unwrap();
        let (resend, answers) = mpsc::channel();
        let old = std::mem::replace(&mut link.answers, answers);
        let late = old
            .recv_timeout(Duration::from_secs(20))
            .expect("a late answer");
        assert_eq!(late.1, Answer::Answered(Ok(true)));
        resend.send(late).unwrap();
        assert!(thread.poll(now + ANSWER_WITHIN).is_empty(), "dropped");
        assert!(thread.is_stuck());
        assert_eq!(seen.lock().unwrap().held, "a");
    }

    #[test]
    fn quitting_lets_a_healthy_thread_drop_its_handle_and_leaves_a_stuck_one() {
        let (fake, seen) = Fake::at_once();
        let mut thread = SystemThread::new(fake);
        let now = Instant::now();
        thread.ask(Request::Set("a".into()), now).unwrap();
        answers(&mut thread, now);
        drop(thread);
        assert!(
            seen.lock().unwrap().dropped,
            "the handle was let go before quitting"
        );

        let (fake, seen, _never_opened) = Fake::gated();
        let mut thread = SystemThread::new(fake);
        thread.ask(Request::Set("a".into()), now).unwrap();
        thread.poll(now + ANSWER_WITHIN);
        drop(thread); // Returns without waiting for the stuck call.
        assert!(!seen.lock().unwrap().dropped);
    }

    #[test]
    fn a_panic_in_the_clipboard_library_is_an_answer() {
        struct Panics;
        impl SystemClipboard for Panics {
            fn set_text(&mut self, _: &str) -> Result<(), String> {
                panic!("inside the clipboard library")
            }
            fn get_text(&mut self) -> Result<String, String> {
                Ok(String::new())
            }
        }
        let mut thread = SystemThread::new(Panics);
        let now = Instant::now();
        let id = thread.ask(Request::Set("a".into()), now).unwrap();
        let give_up = Instant::now() + Duration::from_secs(20);
        let done = loop {
            let done = thread.poll(now);
            if !done.is_empty() || Instant::now() > give_up {
                break done;
            }
            std::thread::sleep(Duration::from_millis(1));
        };
        assert_eq!(
            done,
            [(
                id,
                Answer::Answered(Err("the clipboard library panicked".into()))
            )]
        );
    }
}
