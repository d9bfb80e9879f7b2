//! Reading what the commands are given besides flags: a certificate file's first line,
//! a token from stdin, and candidate lists, each bounded and checked.

use std::io::{BufRead, Read};
use std::path::Path;

/// A certificate is 32 characters: never read more than a little of a huge file (or
/// of /dev/zero).
const READ_LIMIT: u64 = 64 * 1024;

pub fn read_limited(source: impl Read, what: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    source
        .take(READ_LIMIT)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{what}: {e}"))?;
    String::from_utf8(bytes).map_err(|_| format!("{what}: not UTF-8 text"))
}

/// The first line of `text`, the line ending that was stripped from it, and whether
/// more lines follow.
pub fn first_line(text: &str) -> (&str, Option<&'static str>, bool) {
    let first = text.split_inclusive('\n').next().unwrap_or("");
    let more_lines = text.len() > first.len();
    if let Some(v) = first.strip_suffix("\r\n") {
        (v, Some("CRLF line ending"), more_lines)
    } else if let Some(v) = first.strip_suffix('\n') {
        (v, Some("newline"), more_lines)
    } else {
        (first, None, more_lines)
    }
}

/// Reads a list file: one entry per line, `\n` separated, a `\r` before it stripped.
/// Entry `i` is on line `i + 1`: blank lines are kept (as empty entries) so that line
/// numbers in messages are right.
/// A line is an account or a certificate: at most [`LINE_LIMIT`] bytes, so that a file
/// without line breaks (/dev/zero) is refused at its first line instead of filling
/// memory.
pub fn read_lines(path: &Path, flag: &str) -> Result<Vec<String>, String> {
    let what = format!("{flag} {}", path.display());
    let file = std::fs::File::open(path).map_err(|e| format!("{what}: {e}"))?;
    let mut reader = std::io::BufReader::new(file);
    let mut lines = Vec::new();
    loop {
        let mut line = Vec::new();
        let read = (&mut reader)
            .take(LINE_LIMIT + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("{what}: {e}"))?;
        if read == 0 {
            return Ok(lines);
        }
        let number = lines.len() + 1;
        if line.last() != Some(&b'\n') && line.len() as u64 > LINE_LIMIT {
            return Err(line_too_long(&what, number as u64));
        }
        let text = String::from_utf8(line)
            .map_err(|_| format!("{what}: line {number} is not UTF-8 text"))?;
        let text = text.strip_suffix('\n').unwrap_or(&text);
        lines.push(text.strip_suffix('\r').unwrap_or(text).to_string());
    }
}

/// The longest line a list may hold (candidate files, `batch`'s accounts): far more
/// than any account or certificate, and little enough that a file without line breaks
/// (/dev/zero) is refused at once.
pub const LINE_LIMIT: u64 = 64 * 1024;

/// The message for a line past [`LINE_LIMIT`]: `what` names the file or stream.
pub fn line_too_long(what: &str, number: u64) -> String {
    format!("{what}: line {number} is longer than {LINE_LIMIT} bytes: not a list of values")
}

/// The client's token: the argument, or with `-` the first line of stdin.
/// `certificate_from_stdin`: whether stdin is already taken by the certificate.
pub fn read_token(arg: &str, certificate_from_stdin: bool) -> Result<String, String> {
    if arg != "-" {
        return Ok(arg.to_string());
    }
    if certificate_from_stdin {
        return Err("TOKEN and --certificate-file cannot both be read from stdin (-)".into());
    }
    let text = read_limited(std::io::stdin().lock(), "TOKEN: stdin")?;
    let (first, _, more) = first_line(&text);
    if !more && text.len() as u64 >= READ_LIMIT {
        return Err(format!(
            "TOKEN: stdin holds more than {READ_LIMIT} bytes on its first line: a token is \
             under 100"
        ));
    }
    if more {
        super::out::warn("TOKEN: stdin has more than one line; only the first is used");
    }
    Ok(first.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_line_strips_one_line_ending() {
        assert_eq!(first_line("abc\n"), ("abc", Some("newline"), false));
        assert_eq!(
            first_line("abc\r\n"),
            ("abc", Some("CRLF line ending"), false)
        );
        assert_eq!(first_line("abc"), ("abc", None, false));
        assert_eq!(first_line("abc\nxyz\n"), ("abc", Some("newline"), true));
        assert_eq!(first_line("abc \n"), ("abc ", Some("newline"), false));
        assert_eq!(first_line(""), ("", None, false));
    }
}
