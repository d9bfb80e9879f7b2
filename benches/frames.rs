//! One keystroke in the console: `update` plus a full render on a TestBackend, at
//! 100x30 and at 200x60; and a clock tick, which must not recompute the token.
//! Run: cargo bench --bench frames

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use sigtoken::tui::action::Action;
use sigtoken::tui::app::App;
use sigtoken::tui::model::{Config, Focus};
use sigtoken::tui::{keymap, ui};

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_795_910_400, 0).unwrap()
}

fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke");
    for (w, h) in [(100u16, 30u16), (200, 60)] {
        let mut app = App::new(Config::worked_example(now()));
        app.update(Action::Focus(Focus::Account));
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        let mut toggle = false;
        group.bench_function(format!("update_and_render_{w}x{h}"), |b| {
            b.iter(|| {
                // Type a character, or take it back: the token changes every time.
                toggle = !toggle;
                let key = if toggle {
                    KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)
                } else {
                    KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)
                };
                if let Some(action) = keymap::dispatch(&app.scopes(), &key) {
                    app.update(action);
                }
                terminal
                    .draw(|frame| {
                        ui::render(&app, frame);
                    })
                    .unwrap();
            })
        });
    }
    let mut app = App::new(Config::worked_example(now()));
    let mut t = now();
    group.bench_function("clock_tick", |b| {
        b.iter(|| {
            t += chrono::Duration::seconds(1);
            app.update(Action::Tick(t));
        })
    });
    group.finish();
}

criterion_group!(benches, keystroke);
criterion_main!(benches);
