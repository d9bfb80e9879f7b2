//! The byte layouts of AccessToken (006) and AccessToken2 (007) bodies, read as far as
//! the bytes go: little-endian integers, strings as a uint16 length and the bytes.

use std::fmt;

/// The zlib stream of an AccessToken2 is inflated to at most this many bytes.
pub const MAX_INFLATED: usize = 64 * 1024;
/// At most this many bytes of a token are decoded; the rest is left alone.
pub const MAX_INPUT: usize = 64 * 1024;

/// Where and why decoding stopped before the end of the layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Character `at` of the token (counting from 0) is not base64, or the base64 ends
    /// part-way through a byte there.
    Base64 { at: usize },
    /// The token has `chars` bytes; only the first [`MAX_INPUT`] were decoded.
    TooLong { chars: usize },
    /// The zlib stream is cut off or broken after `inflated` bytes.
    Zlib { inflated: usize },
    /// The zlib stream inflates past [`MAX_INFLATED`] bytes.
    TooLarge,
    /// The bytes end inside `field`, which starts at byte `offset` of the body.
    Truncated { field: &'static str, offset: usize },
    /// A service of a type whose fields are not known, at byte `offset`.
    UnknownService { kind: u16, offset: usize },
    /// `bytes` bytes are left over after the layout ends.
    Trailing { bytes: usize },
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stop::Base64 { at } => write!(f, "the base64 breaks off at character {}", at + 1),
            Stop::TooLong { chars } => write!(
                f,
                "the token is {chars} bytes long; only the first {} were decoded",
                MAX_INPUT
            ),
            Stop::Zlib { inflated } => {
                write!(f, "the zlib stream breaks off after {inflated} bytes")
            }
            Stop::TooLarge => write!(
                f,
                "the zlib stream inflates past {} KiB; only that much was read",
                MAX_INFLATED / 1024
            ),
            Stop::Truncated { field, offset } => {
                write!(f, "the bytes end in the {field} (at byte {offset})")
            }
            Stop::UnknownService { kind, offset } => write!(
                f,
                "a service of unknown type {kind} (at byte {offset}) whose fields cannot be read"
            ),
            Stop::Trailing { bytes } => write!(f, "{bytes} bytes are left over at the end"),
        }
    }
}

/// A privilege and its expiry, as the token writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Privilege {
    pub id: u16,
    /// 006: Unix seconds. 007: the value as written (the layout does not say its unit).
    pub expiry: u32,
}

/// An AccessToken (006), as far as it could be read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccessToken {
    pub app_id: String,
    /// The signature's length in bytes (32 for HMAC-SHA256); never checked.
    pub signature_len: Option<usize>,
    pub crc_channel: Option<u32>,
    pub crc_uid: Option<u32>,
    pub salt: Option<u32>,
    /// The issue time, Unix seconds.
    pub ts: Option<u32>,
    pub privileges: Vec<Privilege>,
    /// Where and why decoding stopped, in order; empty when it read to the end.
    pub stops: Vec<Stop>,
}

impl AccessToken {
    /// The expiry of RTM login, else of join channel, else the latest of any privilege;
    /// 0 is no expiry.
    pub fn own_expiry(&self) -> Option<i64> {
        let of = |id| self.privileges.iter().find(|p| p.id == id);
        of(1000)
            .or_else(|| of(1))
            .map(|p| p.expiry)
            .or_else(|| self.privileges.iter().map(|p| p.expiry).max())
            .filter(|&e| e > 0)
            .map(i64::from)
    }
}

/// An AccessToken2 (007), as far as it could be read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccessToken2 {
    pub signature_len: Option<usize>,
    /// The App ID as written (any bytes, read as UTF-8 with replacement characters).
    pub app_id: Option<String>,
    pub issue_ts: Option<u32>,
    /// Seconds after `issue_ts`.
    pub expire: Option<u32>,
    pub salt: Option<u32>,
    pub services: Vec<Service>,
    /// The bytes the zlib stream inflated to (at most [`MAX_INFLATED`]).
    pub inflated: usize,
    pub stops: Vec<Stop>,
}

impl AccessToken2 {
    /// `issue_ts + expire`, when both were read and `expire` is not 0.
    pub fn own_expiry(&self) -> Option<i64> {
        let (issued, expire) = (self.issue_ts?, self.expire.filter(|&e| e > 0)?);
        Some(i64::from(issued) + i64::from(expire))
    }
}

/// A service of an AccessToken2: its type, privileges and own fields (as far as read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    pub kind: u16,
    pub privileges: Vec<Privilege>,
    pub fields: Vec<(&'static str, Field)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    /// A string, read as UTF-8 with replacement characters.
    Text(String),
    Int(i16),
}

#[derive(Clone, Copy)]
enum FieldType {
    Text,
    Int16,
}

/// A service type's name.
pub fn service_name(kind: u16) -> Option<&'static str> {
    Some(match kind {
        1 => "RTC",
        2 => "RTM",
        3 => "Streaming",
        4 => "FPA",
        5 => "Chat",
        7 => "Education",
        _ => return None,
    })
}

/// A service type's own fields, in order; `None` for a type that is not known.
fn service_fields(kind: u16) -> Option<&'static [(&'static str, FieldType)]> {
    use FieldType::{Int16, Text};
    Some(match kind {
        1 | 3 => &[("channel name", Text), ("uid", Text)],
        2 | 5 => &[("user id", Text)],
        4 => &[],
        7 => &[("room uuid", Text), ("user uuid", Text), ("role", Int16)],
        _ => return None,
    })
}

/// An AccessToken's (006) privilege name.
pub fn privilege_name_006(id: u16) -> Option<&'static str> {
    match id {
        1000 => Some("RTM login"),
        id => rtc_privilege(id),
    }
}

/// An AccessToken2's (007) privilege name, for a service type.
pub fn privilege_name_007(kind: u16, id: u16) -> Option<&'static str> {
    match (kind, id) {
        (1, id) => rtc_privilege(id),
        (2, 1) => Some("login"),
        _ => None,
    }
}

fn rtc_privilege(id: u16) -> Option<&'static str> {
    Some(match id {
        1 => "join channel",
        2 => "publish audio",
        3 => "publish video",
        4 => "publish data",
        _ => return None,
    })
}

/// Reads a body front to back; every read names the field, so that running out of
/// bytes says where.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, field: &'static str) -> Result<&'a [u8], Stop> {
        let truncated = Stop::Truncated {
            field,
            offset: self.pos,
        };
        let end = self.pos.checked_add(n).ok_or(truncated.clone())?;
        let slice = self.bytes.get(self.pos..end).ok_or(truncated)?;
        self.pos = end;
        Ok(slice)
    }

    fn u16(&mut self, field: &'static str) -> Result<u16, Stop> {
        let b = self.take(2, field)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&mut self, field: &'static str) -> Result<u32, Stop> {
        let b = self.take(4, field)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A uint16 length, then that many bytes.
    fn string(&mut self, field: &'static str) -> Result<&'a [u8], Stop> {
        let start = self.pos;
        let n = self.u16(field)?;
        self.take(n as usize, field).map_err(|_| Stop::Truncated {
            field,
            offset: start,
        })
    }

    fn text(&mut self, field: &'static str) -> Result<String, Stop> {
        self.string(field)
            .map(|b| String::from_utf8_lossy(b).into_owned())
    }

    /// A uint16 count, then as many (uint16 id, uint32 expiry) pairs, pushed as read.
    fn privileges(&mut self, out: &mut Vec<Privilege>) -> Result<(), Stop> {
        let count = self.u16("privilege count")?;
        for _ in 0..count {
            let id = self.u16("privileges")?;
            let expiry = self.u32("privileges")?;
            out.push(Privilege { id, expiry });
        }
        Ok(())
    }

    fn left(&self) -> usize {
        self.bytes.len().saturating_sub(self.pos)
    }
}

/// An AccessToken's (006) body: signature · crc32 of the channel name · crc32 of the
/// uid · message (string: salt · ts · privileges).
pub(super) fn access_token(app_id: &str, body: &[u8]) -> AccessToken {
    let mut token = AccessToken {
        app_id: app_id.to_string(),
        ..AccessToken::default()
    };
    let mut r = Reader {
        bytes: body,
        pos: 0,
    };
    if let Err(stop) = read_006(&mut r, &mut token) {
        token.stops.push(stop);
    } else if r.left() > 0 {
        token.stops.push(Stop::Trailing { bytes: r.left() });
    }
    token
}

fn read_006(r: &mut Reader, t: &mut AccessToken) -> Result<(), Stop> {
    t.signature_len = Some(r.string("signature")?.len());
    t.crc_channel = Some(r.u32("crc32 of the channel name")?);
    t.crc_uid = Some(r.u32("crc32 of the uid")?);
    // The message is a string; one cut short is still read as far as it goes.
    let offset = r.pos;
    let len = r.u16("message")? as usize;
    let avail = len.min(r.left());
    let mut m = Reader {
        bytes: &r.bytes[..r.pos + avail],
        pos: r.pos,
    };
    r.pos += avail;
    t.salt = Some(m.u32("salt")?);
    t.ts = Some(m.u32("issue time")?);
    m.privileges(&mut t.privileges)?;
    if avail < len {
        return Err(Stop::Truncated {
            field: "message",
            offset,
        });
    }
    match m.left() {
        0 => Ok(()),
        bytes => Err(Stop::Trailing { bytes }),
    }
}

/// An AccessToken2's (007) inflated body: signature · App ID · issue_ts · expire ·
/// salt · services.
pub(super) fn access_token2(body: &[u8]) -> AccessToken2 {
    let mut token = AccessToken2 {
        inflated: body.len(),
        ..AccessToken2::default()
    };
    let mut r = Reader {
        bytes: body,
        pos: 0,
    };
    if let Err(stop) = read_007(&mut r, &mut token) {
        token.stops.push(stop);
    } else if r.left() > 0 {
        token.stops.push(Stop::Trailing { bytes: r.left() });
    }
    token
}

fn read_007(r: &mut Reader, t: &mut AccessToken2) -> Result<(), Stop> {
    t.signature_len = Some(r.string("signature")?.len());
    t.app_id = Some(r.text("App ID")?);
    t.issue_ts = Some(r.u32("issue time")?);
    t.expire = Some(r.u32("expire")?);
    t.salt = Some(r.u32("salt")?);
    let count = r.u16("service count")?;
    for _ in 0..count {
        let offset = r.pos;
        let kind = r.u16("service type")?;
        let fields = service_fields(kind).ok_or(Stop::UnknownService { kind, offset })?;
        t.services.push(Service {
            kind,
            privileges: Vec::new(),
            fields: Vec::new(),
        });
        let Some(service) = t.services.last_mut() else {
            break;
        };
        r.privileges(&mut service.privileges)?;
        for &(name, ty) in fields {
            let value = match ty {
                FieldType::Text => Field::Text(r.text(name)?),
                FieldType::Int16 => Field::Int(r.u16(name)? as i16),
            };
            service.fields.push((name, value));
        }
    }
    Ok(())
}

/// A DynamicKey5's body as far as its App ID: service type (uint16), signature
/// (string), App ID (string of 16 raw bytes). `None` when not even the service type and
/// signature can be read; the App ID as upper-case hex when it can.
pub(super) fn dynamic_key_5(body: &[u8]) -> Option<(u16, Option<String>)> {
    let mut r = Reader {
        bytes: body,
        pos: 0,
    };
    let service = r.u16("service type").ok()?;
    r.string("signature").ok()?;
    let app_id = r
        .string("App ID")
        .ok()
        .filter(|b| b.len() == 16)
        .map(hex::encode_upper);
    Some((service, app_id))
}
