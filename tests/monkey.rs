//! A monkey drives the console: 100,000 random keys, pastes, resizes and clock ticks
//! from a fixed seed, through the keymap into `update()` and onto a `TestBackend`.
//! After every step the state's invariants hold, and the token on screen is the core's
//! token for the fields as they stand.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::example::{ACCOUNT, APP_CERTIFICATE, APP_ID, EXPIRY, PUBLISHED_TOKEN};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sigtoken::diagnose::{Control, diagnose_with};
use sigtoken::expiry;
use sigtoken::token::Inputs;
use sigtoken::tui::action::{Action, Effect};
use sigtoken::tui::app::{App, MAX_FIELD_CHARS};
use sigtoken::tui::model::{Config, Focus};
use sigtoken::tui::{keymap, ui};

/// xorshift64*: small, fast, and the same sequence everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const CHARS: &[char] = &[
    'a', 'Z', '0', '9', '1', '5', '4', '+', '-', ':', 'T', 'h', 'm', ' ', '@', '.', '用', '😀',
    '\u{301}', '\u{200B}', '\u{FEFF}', '\u{202E}', 'é', '?', 'q', 'j', 'k', 'ｗ',
];

const CERTIFICATE_WITH_NEWLINE: &str = common::example::join!(APP_CERTIFICATE, "\n");

const PASTES: &[&str] = &[
    APP_ID,
    CERTIFICATE_WITH_NEWLINE,
    ACCOUNT,
    EXPIRY,
    "+1h30m",
    "2018-12-31T23:59:59+08:00",
    PUBLISHED_TOKEN,
    "_no_need_token",
    "a\0b\tc\r\n",
    "\u{1b}[31mred",
    "",
];

fn random_key(rng: &mut Rng) -> KeyEvent {
    use KeyCode as K;
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let ctrl = |c| KeyEvent::new(K::Char(c), KeyModifiers::CONTROL);
    match rng.below(10) {
        0..=4 => plain(K::Char(rng.pick(CHARS))),
        5 => plain(rng.pick(&[
            K::Tab,
            K::BackTab,
            K::Up,
            K::Down,
            K::Enter,
            K::Esc,
            K::Left,
            K::Right,
            K::Home,
            K::End,
            K::Backspace,
            K::Delete,
            K::PageUp,
            K::PageDown,
        ])),
        6 => plain(K::F(rng.below(10) as u8 + 1)),
        7 => ctrl(rng.pick(&['u', 'w', 'k', 'a', 'e', 'b', 'f', 'h', 'd', 'r', 't', 's'])),
        8 => KeyEvent::new(
            rng.pick(&[K::Left, K::Right, K::Backspace]),
            KeyModifiers::ALT,
        ),
        _ => plain(K::Char(' ')),
    }
}

fn random_paste(rng: &mut Rng) -> String {
    if rng.below(20) == 0 {
        // Now and then something big, beyond the field's cap.
        return "x".repeat(rng.below(3 * MAX_FIELD_CHARS));
    }
    let mut s = String::new();
    for _ in 0..rng.below(3) + 1 {
        s.push_str(rng.pick(PASTES));
    }
    s
}

/// Runs what `update` asked for, as the runtime would, but with the mistake search
/// cut short: the result path is exercised without a full search per step.
fn run_effect(app: &mut App, effects: Vec<Effect>, rng: &mut Rng) {
    for effect in effects {
        let Effect::Diagnose { generation, job } = effect else {
            continue;
        };
        // Most results never come (superseded by the next edit, as when typing); the
        // rest arrive, from a search cut short.
        if rng.below(8) != 0 {
            continue;
        }
        let control = Control::default();
        control.cancel();
        let report = diagnose_with(&job.request(), &control);
        let follow = app.update(Action::Diagnosed(generation, Box::new(report)));
        assert!(matches!(follow[..], [] | [Effect::Diagnose { .. }]));
    }
}

fn check_invariants(app: &App, anchorless: &mut Option<String>) {
    for focus in Focus::FIELDS {
        let field = app.field(focus).unwrap();
        assert!(
            field.char_count() <= MAX_FIELD_CHARS,
            "{focus:?} over the cap"
        );
        assert!(
            field.cursor() <= field.char_count(),
            "{focus:?} cursor out of range"
        );
    }
    assert!(app.help_scroll() <= sigtoken::tui::help::line_count());
    // The token is the core's token for the fields as they stand. A relative expiry is
    // resolved against a moment the test cannot see, so it is checked by shape.
    let text = app.value(Focus::Expiry);
    if text.starts_with('+') {
        *anchorless = app.token().map(str::to_string);
        if let (Some(token), Some(unix)) = (app.token(), app.expiry_unix()) {
            let expected = Inputs::new(
                app.value(Focus::AppId),
                app.value(Focus::Certificate),
                app.value(Focus::Account),
                unix,
            )
            .token();
            assert_eq!(token, expected);
        }
    } else {
        let expected = expiry::parse(text, app.now()).ok().map(|e| {
            Inputs::new(
                app.value(Focus::AppId),
                app.value(Focus::Certificate),
                app.value(Focus::Account),
                e.unix,
            )
            .token()
        });
        assert_eq!(app.token().map(str::to_string), expected);
    }
}

#[test]
fn a_hundred_thousand_random_steps() {
    let start: DateTime<Utc> = common::app::now();
    let mut app = App::new(Config::worked_example(start));
    let mut rng = Rng(0x5EED_5EED_1234_5678);
    let (mut width, mut height) = (100u16, 30u16);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut now = start;
    let mut anchorless = None;
    let mut frames = 0;
    // MONKEY_STEPS shortens a local run; CI runs the full hundred thousand.
    let steps: u32 = std::env::var("MONKEY_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    for step in 0..steps {
        let mut resized = false;
        let effect = match rng.below(100) {
            0..=79 => keymap::dispatch(&app.scopes(), &random_key(&mut rng))
                .map_or_else(Vec::new, |a| app.update(a)),
            80..=89 => app.update(Action::Paste(random_paste(&mut rng))),
            90..=94 => {
                (width, height) = match rng.below(6) {
                    0 => (1, 1),
                    1 => (0, 0),
                    2 => (500, 200),
                    3 => (60, 24),
                    4 => (80, 24),
                    _ => (rng.below(220) as u16, rng.below(70) as u16),
                };
                terminal.backend_mut().resize(width, height);
                resized = true;
                app.update(Action::Resize(width, height))
            }
            _ => {
                now += Duration::seconds(rng.below(90_000) as i64);
                app.update(Action::Tick(now))
            }
        };
        run_effect(&mut app, effect, &mut rng);
        // Quitting is just another key here: start again.
        if app.should_quit() {
            app = App::new(Config::worked_example(now));
        }
        check_invariants(&app, &mut anchorless);
        // Ordinary screens are drawn after every step. A huge one (500x200 is 100,000
        // cells, most of the cost in the test backend itself) right after the resize to
        // it, and then every 50th step.
        let huge = u32::from(width) * u32::from(height) > 120 * 40;
        if !huge || resized || step % 50 == 0 {
            terminal
                .draw(|frame| {
                    ui::render(&app, frame);
                })
                .unwrap_or_else(|e| panic!("step {step}: {e}"));
            frames += 1;
        }
    }
    assert!(frames > steps / 3, "only {frames} frames drawn");
}
