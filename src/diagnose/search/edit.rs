//! Mistakes as composable edits of how a sign is made ([`Edit`]): one input's bytes,
//! the order and separator of the parts, or the hash. A [`Recipe`] applies any of them
//! to the expected inputs and hashes the result, so that the search can try each edit
//! alone and `combined` can try two at once.

use super::ctx::{Hit, Parts, hit};
use super::hashing::{Algorithm, Digest, State, Target};
use crate::token::Part;

/// One change to how the sign is made.
#[derive(Clone, Debug)]
pub(super) enum Edit {
    /// One input's bytes replaced.
    Input(Part, Vec<u8>),
    /// The parts joined in another order (indices into the hash order), with a separator.
    Layout([usize; 4], &'static str),
    /// Another hash.
    Algorithm(Algorithm),
}

/// Where an edit changes the sign's making: two edits in one place are never paired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Place {
    Input(Part),
    Layout,
    Algorithm,
}

/// An edit, and how the cause names it when it reproduces the sign.
#[derive(Clone, Debug)]
pub(super) struct Variant {
    pub(super) edit: Edit,
    pub(super) field: Option<Part>,
    pub(super) detail: String,
}

impl Variant {
    pub(super) fn new(edit: Edit, field: Option<Part>, detail: String) -> Variant {
        Variant {
            edit,
            field,
            detail,
        }
    }

    /// One input's bytes replaced; the cause is in that input.
    pub(super) fn input(part: Part, bytes: Vec<u8>, detail: String) -> Variant {
        Variant::new(Edit::Input(part, bytes), Some(part), detail)
    }

    pub(super) fn place(&self) -> Place {
        match self.edit {
            Edit::Input(part, _) => Place::Input(part),
            Edit::Layout(..) => Place::Layout,
            Edit::Algorithm(_) => Place::Algorithm,
        }
    }

    /// True when this edit and `other` can be made together: in different places, and
    /// not an HMAC (which has its own layout: the certificate is its key) with a layout.
    pub(super) fn pairs_with(&self, other: &Variant) -> bool {
        let hmac_layout = |a: &Variant, b: &Variant| {
            matches!(a.edit, Edit::Algorithm(alg) if alg.is_hmac())
                && matches!(b.edit, Edit::Layout(..))
        };
        self.place() != other.place() && !hmac_layout(self, other) && !hmac_layout(other, self)
    }

    pub(super) fn hit(&self) -> Hit {
        hit(self.field, self.detail.clone())
    }
}

/// The usual order of the parts: account, App ID, certificate, expiry.
pub(super) const USUAL_ORDER: [usize; 4] = [0, 1, 2, 3];

/// The slot of an input in the hash order.
pub(super) fn slot(part: Part) -> usize {
    match part {
        Part::Account => 0,
        Part::AppId => 1,
        Part::AppCertificate => 2,
        Part::ExpiredTime => 3,
    }
}

/// How one candidate sign is made: the four inputs' bytes, their order and separator,
/// and the hash.
#[derive(Clone, Copy)]
pub(super) struct Recipe<'a> {
    parts: [&'a [u8]; 4],
    order: [usize; 4],
    separator: &'a [u8],
    algorithm: Algorithm,
}

impl<'a> Recipe<'a> {
    /// The sign as the format makes it from `base`.
    pub(super) fn new(base: &'a Parts) -> Recipe<'a> {
        Recipe {
            parts: base.ordered(),
            order: USUAL_ORDER,
            separator: b"",
            algorithm: Algorithm::Md5,
        }
    }

    /// The recipe with `edit` made.
    pub(super) fn with(mut self, edit: &'a Edit) -> Recipe<'a> {
        match edit {
            Edit::Input(part, bytes) => self.parts[slot(*part)] = bytes,
            Edit::Layout(order, separator) => {
                self.order = *order;
                self.separator = separator.as_bytes();
            }
            Edit::Algorithm(algorithm) => self.algorithm = *algorithm,
        }
        self
    }

    /// The slots hashed, in order: an HMAC takes the certificate as its key instead.
    fn slots(&self) -> impl Iterator<Item = usize> + '_ {
        let hmac = self.algorithm.is_hmac();
        self.order
            .iter()
            .copied()
            .filter(move |&i| !(hmac && i == 2))
    }

    fn state(&self) -> State {
        State::new(self.algorithm, self.parts[2])
    }

    pub(super) fn digest(&self) -> Digest {
        let mut state = self.state();
        for (n, i) in self.slots().enumerate() {
            if n > 0 {
                state.update(self.separator);
            }
            state.update(self.parts[i]);
        }
        state.finish()
    }

    /// The hash state of everything before the expiry, and the bytes after it, so that
    /// trying an expiry costs only the rest.
    pub(super) fn expiry_scan(&self) -> ExpiryScan {
        let mut state = self.state();
        let mut suffix = Vec::new();
        let mut after = false;
        for (n, i) in self.slots().enumerate() {
            let separator: &[u8] = if n > 0 { self.separator } else { b"" };
            if after {
                suffix.extend_from_slice(separator);
                suffix.extend_from_slice(self.parts[i]);
            } else {
                state.update(separator);
                if i == 3 {
                    after = true;
                } else {
                    state.update(self.parts[i]);
                }
            }
        }
        ExpiryScan { state, suffix }
    }
}

/// A recipe with the expiry left open.
pub(super) struct ExpiryScan {
    state: State,
    suffix: Vec<u8>,
}

impl ExpiryScan {
    /// True when the sign with `expiry` written in base 10 in the expiry's place is the
    /// client's. An MD5 takes a short path: no other hash's state, and a raw digest.
    pub(super) fn matches(&self, expiry: i64, target: &Target) -> bool {
        let mut digits = itoa::Buffer::new();
        let digits = digits.format(expiry).as_bytes();
        if let State::Md5(md5) = &self.state {
            let mut md5 = md5.clone();
            md5::Digest::update(&mut md5, digits);
            md5::Digest::update(&mut md5, &self.suffix);
            let sign: [u8; 16] = md5::Digest::finalize(md5).into();
            return target.md5.is_some_and(|m| m.0 == sign);
        }
        let mut state = self.state.clone();
        state.update(digits);
        state.update(&self.suffix);
        target.matches(state.finish().as_slice())
    }
}

/// The first of `variants` that reproduces `target` alone, and whether it did so only
/// through the sign's other encoding.
pub(super) fn first_alone(
    base: &Parts,
    target: &Target,
    variants: &[Variant],
) -> Option<(Hit, bool)> {
    variants.iter().find_map(|v| {
        let digest = Recipe::new(base).with(&v.edit).digest();
        let digest = digest.as_slice();
        target
            .matches(digest)
            .then(|| (v.hit(), target.through_encoding(digest)))
    })
}

/// Edits of one input each: (the input, its bytes, the detail).
pub(super) fn inputs(variants: impl IntoIterator<Item = (Part, Vec<u8>, String)>) -> Vec<Variant> {
    variants
        .into_iter()
        .map(|(part, bytes, detail)| Variant::input(part, bytes, detail))
        .collect()
}
