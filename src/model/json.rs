//! The one abstraction the model reads and writes through: a JSON value, field by field.
//!
//! In the browser it is the caller's own JS value (`crate::js::value`), so nothing is serialised or
//! copied wholesale and `public_metadata` stays the caller's object; host tests implement it for
//! `serde_json::Value`. One mapping, tested on the host, shipped to the browser; and far smaller in
//! wasm than serde's generic visitors (see the README's size notes).

use crate::error::Error;

/// A JSON value as the model needs to see it.
pub trait Json: Clone {
    /// The member `key` of an object; `None` when it is absent (or `undefined`, or cannot be read).
    fn get(&self, key: &str) -> Option<Self>;
    /// Whether this is `null`.
    fn is_null(&self) -> bool;
    /// Whether this is a plain object (not an array, not `null`).
    fn is_object(&self) -> bool;
    /// The string, if this is one.
    fn string(&self) -> Option<String>;
    /// The number, if this is one.
    fn number(&self) -> Option<f64>;
    /// The boolean, if this is one.
    fn boolean(&self) -> Option<bool>;
    /// The elements, if this is an array.
    fn items(&self) -> Option<Vec<Self>>;
    /// What this is, for error messages: "a string", "null", "an array", …
    fn kind(&self) -> &'static str;

    /// A new empty object.
    fn object() -> Self;
    /// Adds `key: value` to an object made by [`Json::object`] (insertion order is kept).
    fn insert(&mut self, key: &str, value: Self);
    /// A string value.
    fn text(value: &str) -> Self;
    /// A number value.
    fn num(value: f64) -> Self;
    /// A boolean value.
    fn flag(value: bool) -> Self;
    /// `null`.
    fn null() -> Self;
    /// An array.
    fn list(items: Vec<Self>) -> Self;
}

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Reads the fields of one object of the input, naming `at` + key in every error.
pub(crate) struct Fields<'a, J> {
    object: &'a J,
    at: &'static str,
}

impl<'a, J: Json> Fields<'a, J> {
    /// `value` must be a plain object; `at` is its path with a trailing dot ("organization.").
    pub(crate) fn of(value: &'a J, at: &'static str) -> Result<Self, Error> {
        if value.is_object() {
            Ok(Fields { object: value, at })
        } else {
            let path = at.strip_suffix('.').unwrap_or(at);
            Err(invalid(
                path.to_owned(),
                format!("expected an object, got {}", value.kind()),
            ))
        }
    }

    /// A field that must be there and not `null`.
    pub(crate) fn required<T>(&self, key: &str, read: Read<J, T>) -> Result<T, Error> {
        match self.object.get(key) {
            Some(value) if !value.is_null() => self.read(key, &value, read),
            Some(_) => Err(invalid(self.path(key), "must not be null".to_owned())),
            None => Err(invalid(
                self.path(key),
                "required field is missing".to_owned(),
            )),
        }
    }

    /// A field that may be absent or `null` (both give `None`).
    pub(crate) fn optional<T>(&self, key: &str, read: Read<J, T>) -> Result<Option<T>, Error> {
        match self.object.get(key) {
            Some(value) if !value.is_null() => self.read(key, &value, read).map(Some),
            _ => Ok(None),
        }
    }

    /// A field whose absence or `null` means its default (`0`, `false`, `""`, `[]`).
    pub(crate) fn or_default<T: Default>(&self, key: &str, read: Read<J, T>) -> Result<T, Error> {
        self.optional(key, read).map(Option::unwrap_or_default)
    }

    fn read<T>(&self, key: &str, value: &J, read: Read<J, T>) -> Result<T, Error> {
        read(value).map_err(|(index, expected)| {
            let path = match index {
                Some(i) => format!("{}[{i}]", self.path(key)),
                None => self.path(key),
            };
            let got = match index.and_then(|i| value.items()?.into_iter().nth(i)) {
                Some(item) => item.kind(),
                None => value.kind(),
            };
            invalid(path, format!("expected {expected}, got {got}"))
        })
    }

    fn path(&self, key: &str) -> String {
        format!("{}{key}", self.at)
    }
}

/// How to read one field: the value, or the index of a bad array element and what was expected.
pub(crate) type Read<J, T> = fn(&J) -> Result<T, (Option<usize>, &'static str)>;

pub(crate) fn string<J: Json>(v: &J) -> Result<String, (Option<usize>, &'static str)> {
    v.string().ok_or((None, "a string"))
}

pub(crate) fn boolean<J: Json>(v: &J) -> Result<bool, (Option<usize>, &'static str)> {
    v.boolean().ok_or((None, "a boolean"))
}

pub(crate) fn count<J: Json>(v: &J) -> Result<u32, (Option<usize>, &'static str)> {
    v.number()
        .filter(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n))
        .map(|n| n as u32)
        .ok_or((None, "a whole number from 0"))
}

/// Milliseconds since the epoch: an integer that a JS number holds exactly.
pub(crate) fn timestamp<J: Json>(v: &J) -> Result<i64, (Option<usize>, &'static str)> {
    v.number()
        .filter(|n| n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER)
        .map(|n| n as i64)
        .ok_or((None, "an integer (milliseconds since the epoch)"))
}

pub(crate) fn strings<J: Json>(v: &J) -> Result<Vec<String>, (Option<usize>, &'static str)> {
    let items = v.items().ok_or((None, "an array of strings"))?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| item.string().ok_or((Some(i), "a string")))
        .collect()
}

/// A plain object, kept as it is (metadata).
pub(crate) fn object<J: Json>(v: &J) -> Result<J, (Option<usize>, &'static str)> {
    if v.is_object() {
        Ok(v.clone())
    } else {
        Err((None, "an object"))
    }
}

pub(crate) fn invalid(path: String, problem: String) -> Error {
    Error::InvalidJson { path, problem }
}

/// Builds a snapshot object field by field, in order.
pub(crate) struct Snapshot<J>(J);

impl<J: Json> Snapshot<J> {
    pub(crate) fn new(object: &str) -> Self {
        let mut json = J::object();
        json.insert("object", J::text(object));
        Snapshot(json)
    }

    pub(crate) fn plain() -> Self {
        Snapshot(J::object())
    }

    pub(crate) fn put(mut self, key: &str, value: J) -> Self {
        self.0.insert(key, value);
        self
    }

    pub(crate) fn text(self, key: &str, value: &str) -> Self {
        self.put(key, J::text(value))
    }

    pub(crate) fn maybe(self, key: &str, value: Option<&str>) -> Self {
        self.put(key, value.map_or_else(J::null, J::text))
    }

    pub(crate) fn num(self, key: &str, value: f64) -> Self {
        self.put(key, J::num(value))
    }

    pub(crate) fn flag(self, key: &str, value: bool) -> Self {
        self.put(key, J::flag(value))
    }

    pub(crate) fn done(self) -> J {
        self.0
    }
}
