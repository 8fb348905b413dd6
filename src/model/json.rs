//! The one abstraction the model reads and writes through: a JSON value, field by field.
//!
//! In the browser it is the caller's own JS value (`crate::js::value`), so nothing is serialised or
//! copied wholesale and `public_metadata` stays the caller's object; host tests implement it for
//! `serde_json::Value`. One mapping, tested on the host, shipped to the browser; and far smaller in
//! wasm than serde's generic visitors (see the README's size notes).

use crate::error::Error;

/// A JSON value as the model needs to see it. Readers never fail: a value that cannot be read
/// (a throwing getter, a revoked Proxy) reads as absent or as the wrong kind.
pub trait Json: Clone {
    /// The member `key` of an object; `None` when it is absent (or `undefined`, or cannot be read).
    fn get(&self, key: &str) -> Option<Self>;
    /// Whether this is `null`.
    fn is_null(&self) -> bool;
    /// Whether this is an object (not an array, not `null`).
    fn is_object(&self) -> bool;
    /// Whether this is a plain object: an object whose prototype is `Object.prototype` or `null`.
    fn is_plain_object(&self) -> bool;
    /// The string, if this is one.
    fn string(&self) -> Option<String>;
    /// The number, if this is one.
    fn number(&self) -> Option<f64>;
    /// The boolean, if this is one.
    fn boolean(&self) -> Option<bool>;
    /// The elements, if this is an array (and every one can be read).
    fn items(&self) -> Option<Vec<Self>>;
    /// The own enumerable `(key, value)` pairs, if this is an object.
    fn entries(&self) -> Option<Vec<(String, Self)>>;
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

/// The range of a JS `Date`: ±100,000,000 days from the epoch, in milliseconds (ECMA-262 §21.4.1.1).
const MAX_DATE_MS: f64 = 8.64e15;

/// Reads the fields of one object of the input, naming `at` + key in every error.
pub(crate) struct Fields<J> {
    object: J,
    at: &'static str,
}

/// Why a value was refused: the index of the bad array element, what was expected, what came.
pub(crate) struct Refusal {
    index: Option<usize>,
    expected: &'static str,
    got: &'static str,
}

/// How to read one field.
pub(crate) type Read<J, T> = fn(&J) -> Result<T, Refusal>;

impl<J: Json> Fields<J> {
    /// The root of the input, which must be an object.
    pub(crate) fn root(value: &J) -> Result<Self, Error> {
        if value.is_object() {
            Ok(Fields {
                object: value.clone(),
                at: "",
            })
        } else {
            Err(invalid(
                String::new(),
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

    /// A metadata field: the input's own plain object, or a new `{}` when absent or `null`.
    pub(crate) fn metadata(&self, key: &str) -> Result<J, Error> {
        self.optional(key, plain_object)
            .map(|m| m.unwrap_or_else(J::object))
    }

    /// A required nested object, whose fields are named `at` + key (`at` = "organization.").
    pub(crate) fn nested(&self, key: &str, at: &'static str) -> Result<Fields<J>, Error> {
        self.required(key, object)
            .map(|object| Fields { object, at })
    }

    /// An optional nested object (absent or `null` give `None`).
    pub(crate) fn optional_nested(
        &self,
        key: &str,
        at: &'static str,
    ) -> Result<Option<Fields<J>>, Error> {
        Ok(self
            .optional(key, object)?
            .map(|object| Fields { object, at }))
    }

    fn read<T>(&self, key: &str, value: &J, read: Read<J, T>) -> Result<T, Error> {
        read(value).map_err(
            |Refusal {
                 index,
                 expected,
                 got,
             }| {
                let path = match index {
                    Some(i) => format!("{}[{i}]", self.path(key)),
                    None => self.path(key),
                };
                invalid(path, format!("expected {expected}, got {got}"))
            },
        )
    }

    fn path(&self, key: &str) -> String {
        format!("{}{key}", self.at)
    }
}

fn refuse<J: Json>(value: &J, expected: &'static str) -> Refusal {
    Refusal {
        index: None,
        expected,
        got: value.kind(),
    }
}

pub(crate) fn string<J: Json>(v: &J) -> Result<String, Refusal> {
    v.string().ok_or_else(|| refuse(v, "a string"))
}

pub(crate) fn boolean<J: Json>(v: &J) -> Result<bool, Refusal> {
    v.boolean().ok_or_else(|| refuse(v, "a boolean"))
}

pub(crate) fn count<J: Json>(v: &J) -> Result<u32, Refusal> {
    v.number()
        .filter(|n| n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(n))
        .map(|n| n as u32)
        .ok_or_else(|| refuse(v, "a whole number from 0"))
}

/// Milliseconds since the epoch: an integer within the range of a JS `Date`.
pub(crate) fn timestamp<J: Json>(v: &J) -> Result<i64, Refusal> {
    v.number()
        .filter(|n| n.fract() == 0.0 && n.abs() <= MAX_DATE_MS)
        .map(|n| n as i64)
        .ok_or_else(|| {
            refuse(
                v,
                "an integer number of milliseconds within the range of a Date",
            )
        })
}

pub(crate) fn strings<J: Json>(v: &J) -> Result<Vec<String>, Refusal> {
    let items = v.items().ok_or_else(|| refuse(v, "an array of strings"))?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.string().ok_or(Refusal {
                index: Some(i),
                expected: "a string",
                got: item.kind(),
            })
        })
        .collect()
}

fn object<J: Json>(v: &J) -> Result<J, Refusal> {
    if v.is_object() {
        Ok(v.clone())
    } else {
        Err(refuse(v, "an object"))
    }
}

fn plain_object<J: Json>(v: &J) -> Result<J, Refusal> {
    if v.is_plain_object() {
        Ok(v.clone())
    } else {
        Err(refuse(v, "a plain object"))
    }
}

fn invalid(path: String, problem: String) -> Error {
    Error::InvalidJson { path, problem }
}

/// Builds a snapshot object field by field, in order.
pub(crate) struct Snapshot<J>(J);

impl<J: Json> Snapshot<J> {
    /// An object whose first key is `object` (the resource type, as the Frontend API writes it).
    pub(crate) fn new(object: &str) -> Self {
        Snapshot::plain().text("object", object)
    }

    /// An object without an `object` key.
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
