//! A single-line text field with shell-like editing. The cursor is a `char` index,
//! so no edit can ever split a UTF-8 sequence.

/// Edits a text field understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    Left,
    Right,
    WordLeft,
    WordRight,
    Home,
    End,
    Backspace,
    Delete,
    /// Ctrl-U: clear the whole field.
    Clear,
    /// Ctrl-W: delete the word before the cursor (and the spaces after it).
    DeleteWordBack,
    /// Ctrl-K: delete from the cursor to the end.
    KillToEnd,
}

#[derive(Clone, Default, PartialEq, Eq)]
pub struct TextField {
    value: String,
    /// Cursor position in chars, 0..=char count.
    cursor: usize,
}

/// What an insertion did, so the caller can tell the user when text was cut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Inserted {
    pub kept: usize,
    pub dropped: usize,
}

impl Drop for TextField {
    // A field may hold the certificate: wipe it when the field goes.
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.value);
    }
}

impl std::fmt::Debug for TextField {
    // A field may hold the certificate: a debug dump shows its shape only.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "TextField(<{} chars>, cursor {})",
            self.char_count(),
            self.cursor
        )
    }
}

impl TextField {
    pub fn new(value: impl Into<String>) -> TextField {
        let value = value.into();
        let cursor = value.chars().count();
        TextField { value, cursor }
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn char_count(&self) -> usize {
        self.value.chars().count()
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.value
            .char_indices()
            .nth(char_index)
            .map_or(self.value.len(), |(i, _)| i)
    }

    /// Inserts `text` at the cursor, keeping at most `max_chars` chars in the field.
    pub fn insert_str(&mut self, text: &str, max_chars: usize) -> Inserted {
        let room = max_chars.saturating_sub(self.char_count());
        let total = text.chars().count();
        let kept = total.min(room);
        let cut = text.char_indices().nth(kept).map_or(text.len(), |(i, _)| i);
        let at = self.byte_at(self.cursor);
        self.value.insert_str(at, &text[..cut]);
        self.cursor += kept;
        Inserted {
            kept,
            dropped: total - kept,
        }
    }

    /// Applies one edit. Returns true when the value changed.
    pub fn apply(&mut self, edit: &Edit, max_chars: usize) -> bool {
        let len = self.char_count();
        match edit {
            Edit::Insert(c) => {
                let mut buf = [0u8; 4];
                return self.insert_str(c.encode_utf8(&mut buf), max_chars).kept > 0;
            }
            Edit::Left => self.cursor = self.cursor.saturating_sub(1),
            Edit::Right => self.cursor = (self.cursor + 1).min(len),
            Edit::WordLeft => self.cursor = self.word_start_before(self.cursor),
            Edit::WordRight => self.cursor = self.word_end_after(self.cursor),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = len,
            Edit::Backspace => {
                if self.cursor > 0 {
                    return self.delete_chars(self.cursor - 1, self.cursor);
                }
            }
            Edit::Delete => {
                if self.cursor < len {
                    return self.delete_chars(self.cursor, self.cursor + 1);
                }
            }
            Edit::Clear => return self.delete_chars(0, len),
            Edit::DeleteWordBack => {
                let start = self.word_start_before(self.cursor);
                return self.delete_chars(start, self.cursor);
            }
            Edit::KillToEnd => return self.delete_chars(self.cursor, len),
        }
        false
    }

    fn delete_chars(&mut self, from: usize, to: usize) -> bool {
        if from >= to {
            return false;
        }
        let (a, b) = (self.byte_at(from), self.byte_at(to));
        self.value.replace_range(a..b, "");
        self.cursor = from;
        true
    }

    /// Start of the word before `pos`: skip whitespace backwards, then non-whitespace.
    fn word_start_before(&self, pos: usize) -> usize {
        let chars: Vec<char> = self.value.chars().take(pos).collect();
        let mut i = chars.len();
        while i > 0 && chars[i - 1].is_whitespace() {
            i -= 1;
        }
        while i > 0 && !chars[i - 1].is_whitespace() {
            i -= 1;
        }
        i
    }

    fn word_end_after(&self, pos: usize) -> usize {
        let chars: Vec<char> = self.value.chars().collect();
        let mut i = pos;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX: usize = 100;

    fn field_at(value: &str, cursor: usize) -> TextField {
        let mut f = TextField::new(value);
        f.cursor = cursor;
        f
    }

    #[test]
    fn inserts_at_the_cursor_in_chars_not_bytes() {
        let mut f = field_at("用户", 1);
        f.apply(&Edit::Insert('x'), MAX);
        assert_eq!(f.value(), "用x户");
        assert_eq!(f.cursor(), 2);
    }

    #[test]
    fn moves_and_deletes_like_a_shell() {
        let mut f = TextField::new("hello world");
        f.apply(&Edit::Home, MAX);
        f.apply(&Edit::Delete, MAX);
        assert_eq!(f.value(), "ello world");
        f.apply(&Edit::End, MAX);
        f.apply(&Edit::Backspace, MAX);
        assert_eq!(f.value(), "ello worl");
        f.apply(&Edit::DeleteWordBack, MAX);
        assert_eq!(f.value(), "ello ");
        f.apply(&Edit::DeleteWordBack, MAX);
        assert_eq!(f.value(), "");
        assert!(!f.apply(&Edit::Backspace, MAX));
        assert_eq!(f.cursor(), 0);
    }

    #[test]
    fn clear_and_kill() {
        let mut f = field_at("abcdef", 2);
        f.apply(&Edit::KillToEnd, MAX);
        assert_eq!((f.value(), f.cursor()), ("ab", 2));
        f.apply(&Edit::Clear, MAX);
        assert_eq!((f.value(), f.cursor()), ("", 0));
    }

    #[test]
    fn cursor_stays_in_bounds() {
        let mut f = TextField::new("ab");
        for _ in 0..5 {
            f.apply(&Edit::Right, MAX);
        }
        assert_eq!(f.cursor(), 2);
        for _ in 0..5 {
            f.apply(&Edit::Left, MAX);
        }
        assert_eq!(f.cursor(), 0);
    }

    #[test]
    fn word_moves() {
        let mut f = TextField::new("one two  three");
        f.apply(&Edit::WordLeft, MAX);
        assert_eq!(f.cursor(), 9);
        f.apply(&Edit::WordLeft, MAX);
        assert_eq!(f.cursor(), 4);
        f.apply(&Edit::WordRight, MAX);
        assert_eq!(f.cursor(), 7);
    }

    #[test]
    fn insertion_is_capped_and_reports_what_was_cut() {
        let mut f = TextField::new("ab");
        let r = f.insert_str("cdé€", 5);
        assert_eq!(
            r,
            Inserted {
                kept: 3,
                dropped: 1
            }
        );
        assert_eq!(f.value(), "abcdé");
        assert!(!f.apply(&Edit::Insert('z'), 5));
    }
}
