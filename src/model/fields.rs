//! The value types the resources are made of, each with its wire rule and its limit in one place:
//! bounded strings, millisecond timestamps, `null`-means-default fields, bounded lists and metadata
//! kept as raw JSON. The limits are documented in the README (Reliability and security).

use core::fmt;
use core::marker::PhantomData;
use core::ops::Deref;

use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};
use serde::Serialize;
use serde_json::value::RawValue;

/// The longest string any field may hold, in UTF-8 bytes (ids, names, URLs, role keys).
pub const MAX_TEXT_BYTES: usize = 16 * 1024;
/// The most entries a `permissions` list (of a membership or of a role) may have.
pub const MAX_PERMISSIONS: usize = 1_000;
/// The most items one page of a list may have (the Frontend API's own `limit` is at most 500).
pub const MAX_PAGE_ITEMS: usize = 500;
/// The largest `public_metadata` object, in bytes of JSON.
pub const MAX_METADATA_BYTES: usize = 64 * 1024;
/// The deepest nesting of arrays and objects inside `public_metadata` (the object itself is level 1).
pub const MAX_METADATA_DEPTH: usize = 32;
/// The range of a JS `Date`: ±100,000,000 days from the epoch, in milliseconds (ECMA-262 §21.4.1.1).
pub const MAX_DATE_MS: i64 = 8_640_000_000_000_000;

/// A string of at most [`MAX_TEXT_BYTES`]; serde_json has already refused invalid UTF-8 and lone
/// surrogates, so what is kept is exactly what was sent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Text(String);

impl Text {
    /// The string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Text {
    fn from(value: &str) -> Text {
        Text(value.to_owned())
    }
}

// The limits are checked in visitors, inside serde_json's own call: it then places the error
// right after the value. Checked after the call, an error of an object's last key is placed after
// the object, and its path named the object instead of the key.
impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        struct Bounded;

        impl Visitor<'_> for Bounded {
            type Value = Text;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Text, E> {
                check_text(text.len())?;
                Ok(Text(text.to_owned()))
            }

            fn visit_string<E: de::Error>(self, text: String) -> Result<Text, E> {
                check_text(text.len())?;
                Ok(Text(text))
            }
        }

        deserializer.deserialize_string(Bounded)
    }
}

fn check_text<E: de::Error>(len: usize) -> Result<(), E> {
    if len > MAX_TEXT_BYTES {
        return Err(E::custom(format_args!(
            "a string of {len} bytes is longer than the limit of {MAX_TEXT_BYTES}"
        )));
    }
    Ok(())
}

/// Milliseconds since the epoch: an integer within the range of a JS `Date` (WIRE.md §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        struct Milliseconds;

        impl Visitor<'_> for Milliseconds {
            type Value = Timestamp;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an integer number of milliseconds within the range of a Date")
            }

            fn visit_i64<E: de::Error>(self, ms: i64) -> Result<Timestamp, E> {
                // Not `ms.abs()`: it overflows for i64::MIN (a panic in debug builds, accepted in release).
                if !(-MAX_DATE_MS..=MAX_DATE_MS).contains(&ms) {
                    return Err(E::custom(
                        "expected an integer number of milliseconds within the range of a Date",
                    ));
                }
                Ok(Timestamp(ms))
            }

            fn visit_u64<E: de::Error>(self, ms: u64) -> Result<Timestamp, E> {
                self.visit_i64(i64::try_from(ms).unwrap_or(i64::MAX))
            }
        }

        deserializer.deserialize_i64(Milliseconds)
    }
}

/// For fields whose absence or `null` means their default (`0`, `false`, `""`, `[]`, `{}`):
/// `#[serde(default, deserialize_with = "nullable")]`. A present value of another type is refused.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

/// A list of at most `MAX` items; longer ones are refused as they are read, before they grow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct List<T, const MAX: usize>(pub Vec<T>);

impl<T, const MAX: usize> Default for List<T, MAX> {
    fn default() -> Self {
        List(Vec::new())
    }
}

impl<T, const MAX: usize> Deref for List<T, MAX> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<'de, T: Deserialize<'de>, const MAX: usize> Deserialize<'de> for List<T, MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Items<T, const MAX: usize>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>, const MAX: usize> Visitor<'de> for Items<T, MAX> {
            type Value = List<T, MAX>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "an array of at most {MAX} items")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    if items.len() == MAX {
                        // Skipped (not kept) to the end, so that serde_json places the error after
                        // the list and the path names the list, not the item after the one read.
                        while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                        return Err(de::Error::custom(format_args!(
                            "more than {MAX} items, the limit"
                        )));
                    }
                    items.push(item);
                }
                Ok(List(items))
            }
        }

        deserializer.deserialize_seq(Items(PhantomData))
    }
}

/// Raw JSON, kept as the text it came in: `public_metadata` (always an object; `{}` when absent or
/// `null`) and the values of an error's `meta`. It becomes a JS value only when it is read.
#[derive(Debug, Clone, Default)]
pub struct RawJson(Option<Box<RawValue>>);

impl RawJson {
    /// The JSON text (`{}` for the default).
    pub fn get(&self) -> &str {
        self.0.as_ref().map_or("{}", |raw| raw.get())
    }
}

impl From<Box<RawValue>> for RawJson {
    /// Any JSON value (error `meta` values); `public_metadata` goes through [`metadata`] instead.
    fn from(raw: Box<RawValue>) -> RawJson {
        RawJson(Some(raw))
    }
}

impl PartialEq for RawJson {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

/// The problems [`metadata`] gives: `parse` knows them by these words (see `parse::describe`).
pub(crate) const NOT_AN_OBJECT: &str = "expected a plain object";
pub(crate) const METADATA_PROBLEM: &str = "metadata ";

/// Reads metadata: absent or `null` → `{}`; otherwise an object within the size and depth limits.
pub fn metadata<'de, D: Deserializer<'de>>(deserializer: D) -> Result<RawJson, D::Error> {
    let Some(raw) = Option::<Box<RawValue>>::deserialize(deserializer)? else {
        return Ok(RawJson::default());
    };
    let text = raw.get();
    if !text.starts_with('{') {
        return Err(de::Error::custom(NOT_AN_OBJECT));
    }
    if text.len() > MAX_METADATA_BYTES {
        return Err(de::Error::custom(format_args!(
            "{METADATA_PROBLEM}of {} bytes is larger than the limit of {MAX_METADATA_BYTES}",
            text.len()
        )));
    }
    if depth(text) > MAX_METADATA_DEPTH {
        return Err(de::Error::custom(format_args!(
            "{METADATA_PROBLEM}nested deeper than the limit of {MAX_METADATA_DEPTH} levels"
        )));
    }
    Ok(RawJson(Some(raw)))
}

/// The deepest nesting of `[`/`{` in a JSON text that serde_json has already checked.
fn depth(json: &str) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for byte in json.bytes() {
        match (in_string, escaped, byte) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') => in_string = false,
            (true, false, _) => {}
            (false, _, b'"') => in_string = true,
            (false, _, b'[' | b'{') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (false, _, b']' | b'}') => depth = depth.saturating_sub(1),
            (false, _, _) => {}
        }
    }
    deepest
}

/// The host writes metadata back as the JSON it holds; in the browser `crate::js::edge` writes it
/// as a plain JS object instead.
#[cfg(not(target_arch = "wasm32"))]
impl Serialize for RawJson {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Some(raw) => raw.serialize(serializer),
            None => serde::ser::SerializeMap::end(serializer.serialize_map(Some(0))?),
        }
    }
}

/// The `object` key the Frontend API writes first in every resource (`"organization_membership"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Object(pub &'static str);

#[cfg(test)]
mod tests {
    use super::depth;

    #[test]
    fn depth_counts_brackets_outside_strings() {
        assert_eq!(depth("{}"), 1);
        assert_eq!(depth(r#"{"a":[1,{"b":[]}]}"#), 4);
        assert_eq!(depth(r#"{"a":"[[[{{{\"]]]"}"#), 1);
        assert_eq!(depth(r#"{"a\\":"{"}"#), 1);
    }
}

/// When a value was read, in the order of everything this module instance read or learned
/// (`Stamp::default()` is the next one): a count learned from a later event is newer than what a
/// resource was read with. Not part of the value's identity (two stamps are always equal) nor of
/// its JSON.
#[derive(Debug, Clone, Copy)]
pub struct Stamp(pub u64);

impl Stamp {
    /// The next stamp.
    pub fn next() -> Stamp {
        STAMPS.with(|stamps| {
            let next = stamps.get() + 1;
            stamps.set(next);
            Stamp(next)
        })
    }
}

impl Default for Stamp {
    fn default() -> Stamp {
        Stamp::next()
    }
}

impl PartialEq for Stamp {
    fn eq(&self, _: &Stamp) -> bool {
        true
    }
}

std::thread_local! {
    static STAMPS: core::cell::Cell<u64> = const { core::cell::Cell::new(0) };
}
