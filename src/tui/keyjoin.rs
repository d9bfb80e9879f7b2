//! Joins an escape code's tail back into the key it encodes.
//!
//! crossterm reads ESC ESC as one Esc key and forgets the bytes it had: Esc followed at
//! once by F8 (`\x1b\x1b[19~`, one write from `tmux send-keys Escape F8` or a fast
//! hand) arrives as Esc and then the characters `[`, `1`, `9`, `~`. Typed into a field,
//! they would put the escape code's tail there. The joiner sits between crossterm and
//! the key table: after an Esc, the characters of the same burst (the events waiting
//! together, see [`KeyJoiner::patience`]) that form a CSI tail (`[` parameters, final
//! byte) or an SS3 tail (`O` and a letter) become the key they encode, acted on after
//! the Esc; a tail that encodes no key known here is dropped, never typed. Characters
//! held back that turn out to be no tail are let through in order, as typed.
//! A bracketed paste is one `Event::Paste`, not keys: it passes untouched.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::time::Duration;

/// How long a burst waits for its next event: a little longer while a tail may be
/// coming, so a write the terminal split in two is still joined.
const BURST_GAP: Duration = Duration::from_millis(1);
const TAIL_GAP: Duration = Duration::from_millis(10);

/// The longest tail kept: a key's code is under 10 characters. A longer CSI (a colour
/// or mouse report) is still recognised as a tail and dropped whole, in bounded memory.
const MAX_TAIL: usize = 32;

/// The joiner's state within one burst of events.
#[derive(Default)]
pub struct KeyJoiner {
    /// An Esc came, and nothing since: a tail may start.
    after_esc: bool,
    /// The characters of a tail so far (`[`… or `O`), as typed, to let through if they
    /// turn out to be no tail.
    held: Vec<KeyEvent>,
    /// The tail ran past [`MAX_TAIL`]: it is dropped when it ends.
    overlong: bool,
}

impl KeyJoiner {
    /// Takes the next event of the burst (`None`: the burst ended); returns the events
    /// to act on now, in order.
    pub fn take(&mut self, event: Option<Event>) -> Vec<Event> {
        match event {
            Some(event) => self.feed(event),
            None => self.end_burst(),
        }
    }

    /// How long to wait for the burst's next event before it ends.
    pub fn patience(&self) -> Duration {
        if self.after_esc || !self.held.is_empty() {
            TAIL_GAP
        } else {
            BURST_GAP
        }
    }

    /// The burst ended: characters still held were no complete tail; they are let
    /// through as typed.
    pub fn end_burst(&mut self) -> Vec<Event> {
        self.after_esc = false;
        self.release()
    }

    /// Takes one event; returns the events to act on now, in order.
    pub fn feed(&mut self, event: Event) -> Vec<Event> {
        let Event::Key(key) = event else {
            return self.pass(event);
        };
        if key.kind == KeyEventKind::Release {
            return vec![event];
        }
        if key.code == KeyCode::Esc && key.modifiers.is_empty() {
            let out = self.pass(event);
            self.after_esc = true;
            return out;
        }
        let Some(c) = tail_char(&key) else {
            return self.pass(event);
        };
        let tail = self.tail();
        let started = tail.is_empty() && self.after_esc && (c == '[' || c == 'O');
        let ss3_final = tail == "O" && c.is_ascii_alphabetic();
        let linux_final = tail == "[[" && ('\x40'..='\x7e').contains(&c);
        let csi_more = tail.starts_with('[') && !linux_final && (' '..='?').contains(&c);
        let csi_final = tail.starts_with('[') && ('\x40'..='\x7e').contains(&c);
        if started || csi_more || (tail == "[" && c == '[') {
            self.hold(key);
            Vec::new()
        } else if ss3_final || linux_final || csi_final {
            let joined = (!self.overlong).then(|| decode(&tail, c)).flatten();
            self.reset();
            joined.map(Event::Key).into_iter().collect()
        } else {
            self.pass(event)
        }
    }

    /// The characters held, as text.
    fn tail(&self) -> String {
        self.held.iter().filter_map(tail_char).collect()
    }

    fn hold(&mut self, key: KeyEvent) {
        if self.held.len() < MAX_TAIL {
            self.held.push(key);
        } else {
            self.overlong = true;
        }
        self.after_esc = false;
    }

    /// `event` is no part of a tail: what was held goes first, as typed, then `event`.
    fn pass(&mut self, event: Event) -> Vec<Event> {
        let mut out = self.release();
        out.push(event);
        out
    }

    /// Lets the held characters through as typed and starts over.
    fn release(&mut self) -> Vec<Event> {
        let held = std::mem::take(&mut self.held);
        let overlong = self.overlong;
        self.reset();
        if overlong {
            // Past MAX_TAIL characters of CSI: an escape code, never typing.
            return Vec::new();
        }
        held.into_iter().map(Event::Key).collect()
    }

    fn reset(&mut self) {
        self.held.clear();
        self.after_esc = false;
        self.overlong = false;
    }
}

/// The character a key event types, if it can be part of a tail: printable ASCII
/// without Ctrl or Alt (crossterm marks upper-case letters with Shift).
fn tail_char(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c)
            if (' '..='~').contains(&c) && (key.modifiers - KeyModifiers::SHIFT).is_empty() =>
        {
            Some(c)
        }
        _ => None,
    }
}

/// The key a complete tail encodes (`tail` without its final character `last`), as
/// xterm and the Linux console send it; `None` for any other code.
fn decode(tail: &str, last: char) -> Option<KeyEvent> {
    if tail == "O" {
        return cursor_or_pf(last).map(KeyEvent::from);
    }
    if tail == "[[" {
        return match last {
            'A'..='E' => Some(KeyCode::F(last as u8 - b'A' + 1).into()),
            _ => None,
        };
    }
    let params = tail.strip_prefix('[')?;
    let (number, modifier) = match params.split_once(';') {
        Some((number, modifier)) => (number, Some(modifier)),
        None => (params, None),
    };
    let modifiers = match modifier {
        Some(m) => modifiers(m.parse().ok().filter(|m| (1..=16).contains(m))?),
        None => KeyModifiers::NONE,
    };
    let code = match last {
        '~' => tilde_key(number.parse().ok()?)?,
        'Z' if params.is_empty() => KeyCode::BackTab,
        // The cursor keys and F1-F4: no parameters, or `1;` and the modifiers.
        _ if params.is_empty() || (number == "1" && modifier.is_some()) => cursor_or_pf(last)?,
        _ => return None,
    };
    let modifiers = match code {
        // crossterm marks Shift-Tab with Shift; the key table takes it either way.
        KeyCode::BackTab => KeyModifiers::SHIFT,
        _ => modifiers,
    };
    Some(KeyEvent::new(code, modifiers))
}

/// `A`–`D`, `H`, `F` and `P`–`S`: the cursor keys, Home, End and F1–F4.
fn cursor_or_pf(last: char) -> Option<KeyCode> {
    Some(match last {
        'A' => KeyCode::Up,
        'B' => KeyCode::Down,
        'C' => KeyCode::Right,
        'D' => KeyCode::Left,
        'H' => KeyCode::Home,
        'F' => KeyCode::End,
        'P'..='S' => KeyCode::F(last as u8 - b'P' + 1),
        _ => return None,
    })
}

/// The keys sent as `CSI n ~`.
fn tilde_key(n: u8) -> Option<KeyCode> {
    Some(match n {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        11..=15 => KeyCode::F(n - 10),
        17..=21 => KeyCode::F(n - 11),
        23..=26 => KeyCode::F(n - 12),
        28..=29 => KeyCode::F(n - 15),
        31..=34 => KeyCode::F(n - 17),
        _ => return None,
    })
}

/// xterm's modifier parameter: 1 + a bit each for Shift, Alt, Ctrl and Super.
fn modifiers(parameter: u8) -> KeyModifiers {
    let bits = parameter.saturating_sub(1);
    [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
        (8, KeyModifiers::SUPER),
    ]
    .into_iter()
    .filter(|(bit, _)| bits & bit != 0)
    .fold(KeyModifiers::NONE, |all, (_, m)| all | m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use KeyCode as K;

    const NONE: KeyModifiers = KeyModifiers::NONE;

    /// A character as crossterm reports it: upper case with Shift.
    fn char_key(c: char) -> Event {
        let mods = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            NONE
        };
        Event::Key(KeyEvent::new(K::Char(c), mods))
    }

    fn esc() -> Event {
        Event::Key(KeyEvent::new(K::Esc, NONE))
    }

    fn key(code: KeyCode, mods: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, mods))
    }

    /// The events crossterm gives for ESC ESC and then `tail`: Esc, then each character.
    fn esc_then(tail: &str) -> Vec<Event> {
        std::iter::once(esc())
            .chain(tail.chars().map(char_key))
            .collect()
    }

    /// Feeds one burst through a joiner; returns what it lets through, in order.
    fn burst(events: Vec<Event>) -> Vec<Event> {
        let mut joiner = KeyJoiner::default();
        let mut out: Vec<Event> = events
            .into_iter()
            .flat_map(|e| joiner.take(Some(e)))
            .collect();
        out.extend(joiner.take(None));
        out
    }

    #[test]
    fn each_tail_after_esc_becomes_its_key() {
        let ctrl = KeyModifiers::CONTROL;
        let shift = KeyModifiers::SHIFT;
        let alt = KeyModifiers::ALT;
        let cases = [
            ("[19~", K::F(8), NONE),
            ("[A", K::Up, NONE),
            ("[B", K::Down, NONE),
            ("[C", K::Right, NONE),
            ("[D", K::Left, NONE),
            ("OA", K::Up, NONE),
            ("OD", K::Left, NONE),
            ("OP", K::F(1), NONE),
            ("OQ", K::F(2), NONE),
            ("OR", K::F(3), NONE),
            ("OS", K::F(4), NONE),
            ("OH", K::Home, NONE),
            ("OF", K::End, NONE),
            ("[H", K::Home, NONE),
            ("[F", K::End, NONE),
            ("[1~", K::Home, NONE),
            ("[4~", K::End, NONE),
            ("[2~", K::Insert, NONE),
            ("[3~", K::Delete, NONE),
            ("[5~", K::PageUp, NONE),
            ("[6~", K::PageDown, NONE),
            ("[11~", K::F(1), NONE),
            ("[15~", K::F(5), NONE),
            ("[17~", K::F(6), NONE),
            ("[21~", K::F(10), NONE),
            ("[23~", K::F(11), NONE),
            ("[24~", K::F(12), NONE),
            ("[[A", K::F(1), NONE),
            ("[[E", K::F(5), NONE),
            ("[1;5C", K::Right, ctrl),
            ("[1;2A", K::Up, shift),
            ("[1;3D", K::Left, alt),
            ("[1;6H", K::Home, ctrl | shift),
            ("[1;3P", K::F(1), alt),
            ("[3;5~", K::Delete, ctrl),
            ("[15;2~", K::F(5), shift),
            ("[19;5~", K::F(8), ctrl),
            ("[Z", K::BackTab, shift),
        ];
        for (tail, code, mods) in cases {
            assert_eq!(
                burst(esc_then(tail)),
                vec![esc(), key(code, mods)],
                "Esc then {tail:?}"
            );
        }
    }

    #[test]
    fn a_tail_that_is_no_known_key_is_dropped() {
        for tail in [
            "[99~",
            "[200~",
            "[1;5X",
            "[<0;10;5M",
            "[38;2;1;2;3m",
            "[1;99A",
            "[2A",
            "[;5A",
            "Ox",
            "[[1A",
        ] {
            assert_eq!(burst(esc_then(tail)), vec![esc()], "Esc then {tail:?}");
        }
        // Longer than any key's code: dropped whole, also when it never ends.
        let long = format!("[{}", "1;".repeat(40));
        assert_eq!(burst(esc_then(&format!("{long}m"))), vec![esc()]);
        assert_eq!(
            burst(esc_then(&format!("{long}é"))),
            vec![esc(), char_key('é')]
        );
    }

    #[test]
    fn keys_after_esc_that_form_no_tail_are_typed_in_order() {
        // Esc and then letters in the same burst (no Alt prefix meant).
        assert_eq!(burst(esc_then("xy")), esc_then("xy"));
        // `O` not followed by a letter, `[` followed by what no CSI holds.
        assert_eq!(burst(esc_then("O1")), esc_then("O1"));
        assert_eq!(burst(esc_then("[é")), esc_then("[é"));
        let ctrl_c = key(K::Char('c'), KeyModifiers::CONTROL);
        let mut events = esc_then("[1");
        events.push(ctrl_c.clone());
        let mut expected = esc_then("[1");
        expected.push(ctrl_c);
        assert_eq!(burst(events), expected);
    }

    #[test]
    fn a_burst_ending_mid_tail_lets_the_held_characters_through() {
        let mut joiner = KeyJoiner::default();
        assert_eq!(joiner.take(Some(esc())), vec![esc()]);
        assert_eq!(joiner.patience(), TAIL_GAP, "a tail may follow an Esc");
        assert_eq!(joiner.take(Some(char_key('['))), vec![]);
        assert_eq!(joiner.take(Some(char_key('1'))), vec![]);
        assert_eq!(joiner.patience(), TAIL_GAP);
        assert_eq!(joiner.take(None), vec![char_key('['), char_key('1')]);
        assert_eq!(joiner.patience(), BURST_GAP);
        // The next burst starts afresh: its `~` is typed.
        assert_eq!(joiner.take(Some(char_key('~'))), vec![char_key('~')]);
    }

    #[test]
    fn a_bracket_in_the_next_burst_is_typed_at_once() {
        let mut joiner = KeyJoiner::default();
        assert_eq!(joiner.take(Some(esc())), vec![esc()]);
        assert_eq!(joiner.take(None), vec![]);
        assert_eq!(joiner.take(Some(char_key('['))), vec![char_key('[')]);
        assert_eq!(joiner.take(Some(char_key('A'))), vec![char_key('A')]);
    }

    #[test]
    fn keys_in_a_row_and_other_events_keep_their_order() {
        let mut events = esc_then("[A");
        events.extend(esc_then("[19~"));
        events.push(char_key('z'));
        assert_eq!(
            burst(events),
            vec![
                esc(),
                key(K::Up, NONE),
                esc(),
                key(K::F(8), NONE),
                char_key('z')
            ]
        );
        // A paste or a resize in the middle of a tail: the tail was none.
        let paste = Event::Paste("\u{1b}[19~".into());
        let mut events = esc_then("[");
        events.push(paste.clone());
        let mut expected = esc_then("[");
        expected.push(paste.clone());
        assert_eq!(burst(events), expected);
        assert_eq!(burst(vec![paste.clone()]), vec![paste]);
        // No Esc before: `[A` is typing.
        assert_eq!(
            burst(esc_then("[A")[1..].to_vec()),
            esc_then("[A")[1..].to_vec()
        );
    }
}
