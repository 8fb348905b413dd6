//! The one way JSON becomes a model value: serde_json over bytes, with the path of the first
//! problem and a message that names the resource. `fromJSON` and every Frontend API answer go
//! through here.

use serde::de::DeserializeOwned;

use crate::model::fields::{METADATA_PROBLEM, NOT_AN_OBJECT};

/// Why a JSON text is not the resource it should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// The resource expected, for messages: `organization membership`, `page of roles`, …
    pub what: &'static str,
    /// The JSON path of the first problem (`organization.id`, `data[3].public_user_data.user_id`);
    /// empty for the whole value.
    pub path: String,
    /// What is wrong there.
    pub problem: String,
}

impl Invalid {
    /// A problem with the value as a whole.
    pub fn whole(what: &'static str, problem: impl Into<String>) -> Invalid {
        Invalid {
            what,
            path: String::new(),
            problem: problem.into(),
        }
    }

    /// The same problem, with a path inside `prefix` made relative to it (`response.data[1]` of an
    /// envelope is `data[1]` of the resource); a problem with `prefix` itself keeps its name.
    pub fn within(mut self, prefix: &str) -> Invalid {
        match self.path.strip_prefix(prefix) {
            Some(rest) if rest.starts_with('[') => self.path = rest.to_owned(),
            Some(rest) if rest.starts_with('.') => self.path = rest[1..].to_owned(),
            _ => {}
        }
        self
    }
}

/// Reads `json` as a `T`; `what` names it in the error.
///
/// The path of a problem comes from where serde_json stopped: [`path_at`] reads the text up to that
/// position. That costs nothing when the JSON is right, where serde_path_to_error wraps every
/// visitor (it tripled the size of the deserialization code in the wasm: README › Size).
pub fn parse<T: DeserializeOwned>(json: &[u8], what: &'static str) -> Result<T, Invalid> {
    // Only `T::deserialize` is generic (`Slot`); the rest is one copy for every `T`.
    let mut value = None;
    read(json, what, &mut Slot(&mut value))?;
    // `read` returns `Ok` only once the slot holds the value.
    value.ok_or_else(|| Invalid::whole(what, "the JSON ends too early"))
}

/// serde_json's `StrRead` deserializer, the one [`parse`] reads every type with.
type Reader<'a> = serde_json::Deserializer<serde_json::de::StrRead<'a>>;

/// Where [`read`] puts the value it reads: a trait object with one method, where a `dyn FnMut`
/// would also ship a `call_once` shim for every type.
trait ReadValue {
    fn read_value(&mut self, reader: &mut Reader<'_>) -> Result<(), serde_json::Error>;
}

struct Slot<'a, T>(&'a mut Option<T>);

impl<T: DeserializeOwned> ReadValue for Slot<'_, T> {
    fn read_value(&mut self, reader: &mut Reader<'_>) -> Result<(), serde_json::Error> {
        *self.0 = Some(T::deserialize(reader)?);
        Ok(())
    }
}

/// What `serde_json::from_str` does around `T::deserialize`: `slot` reads the value, then the text
/// must end; each problem as an [`Invalid`].
fn read(json: &[u8], what: &'static str, slot: &mut dyn ReadValue) -> Result<(), Invalid> {
    // One UTF-8 check of the whole text, then serde_json's `str` reader, which does not check each
    // string again (that was a tenth of the parse time).
    let text = core::str::from_utf8(json).map_err(|error| {
        let offset = error.valid_up_to();
        Invalid {
            what,
            path: path_at(json, offset),
            problem: "not valid UTF-8".to_owned(),
        }
    })?;
    let mut reader = serde_json::Deserializer::from_str(text);
    slot.read_value(&mut reader)
        .and_then(|()| reader.end())
        .map_err(|error| describe(what, json, &error))
}

fn describe(what: &'static str, json: &[u8], error: &serde_json::Error) -> Invalid {
    let text = error.to_string();
    // serde_json appends the position; the path says more, and positions in a JS value mean nothing.
    let text = match text.rfind(" at line ") {
        Some(at) => &text[..at],
        None => &text,
    };
    let mut at = offset(json, error.line(), error.column());
    // A syntax error's column counts the byte it stopped at; the path is that of the value before
    // it (a `[` there would open an array that is not in the input).
    if error.is_syntax() {
        at = at.saturating_sub(1);
    }
    let mut path = path_at(json, at);
    // serde reports a missing field just after the object that lacks it: name the field itself.
    let problem = match text
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        Some(field) => {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(field);
            "required field is missing".to_owned()
        }
        // The metadata checks run once serde_json has read the value, and serde_json places their
        // error after the object holding the key when the key is its last: name the key then
        // (it is `public_metadata` in a membership and in an organization alike). Not after a `]`:
        // serde also reads a struct from an array, whose elements have no keys.
        None if text == NOT_AN_OBJECT || text.starts_with(METADATA_PROBLEM) => {
            let after_object = json[..at.min(json.len())].trim_ascii_end().last() == Some(&b'}');
            if after_object && !path.ends_with("public_metadata") {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str("public_metadata");
            }
            text.to_owned()
        }
        None if text.contains("surrogate") || text.contains("hex escape") => {
            "a string with a lone surrogate (not valid Unicode) cannot be kept exactly".to_owned()
        }
        None if error.is_eof() => "the JSON ends too early".to_owned(),
        None if error.is_syntax() => format!("not valid JSON ({text})"),
        None => text.to_owned(),
    };
    Invalid {
        what,
        path,
        problem,
    }
}

/// The byte offset of serde_json's 1-based line and column (bytes within the line).
fn offset(json: &[u8], line: usize, column: usize) -> usize {
    let start: usize = json
        .split(|&b| b == b'\n')
        .take(line.saturating_sub(1))
        .map(|l| l.len() + 1)
        .sum();
    (start + column).min(json.len())
}

/// The JSON path of the value being read at byte `end` of `json` (`data[3].public_user_data`).
pub(crate) fn path_at(json: &[u8], end: usize) -> String {
    enum Frame {
        Object(Option<String>),
        Array(usize),
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut expect_key = false;
    let mut i = 0;
    while i < end.min(json.len()) {
        match json[i] {
            b'{' => {
                stack.push(Frame::Object(None));
                expect_key = true;
            }
            b'[' => {
                stack.push(Frame::Array(0));
                expect_key = false;
            }
            b'}' | b']' => {
                stack.pop();
                expect_key = false;
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object(key)) => {
                    *key = None;
                    expect_key = true;
                }
                Some(Frame::Array(index)) => *index += 1,
                None => {}
            },
            b':' => expect_key = false,
            b'"' => {
                let (text, next) = string_at(json, i + 1);
                if let (true, Some(Frame::Object(key))) = (expect_key, stack.last_mut()) {
                    *key = Some(text);
                }
                expect_key = false;
                i = next;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object(None) => {}
            Frame::Array(index) => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// The string starting at `start` (just after its `"`), decoded enough to name a key, and the
/// index just after its closing quote.
fn string_at(json: &[u8], start: usize) -> (String, usize) {
    let mut bytes = Vec::new();
    let mut i = start;
    while let Some(&b) = json.get(i) {
        match b {
            b'"' => return (String::from_utf8_lossy(&bytes).into_owned(), i + 1),
            b'\\' => {
                let escaped = json.get(i + 1).copied().unwrap_or(b'\\');
                let plain = match escaped {
                    b'n' => b'\n',
                    b't' => b'\t',
                    b'r' => b'\r',
                    b'b' => 8,
                    b'f' => 12,
                    b'u' => {
                        // Keys are ASCII in practice; anything else shows as `?` in a path.
                        let hex = json
                            .get(i + 2..i + 6)
                            .and_then(|h| core::str::from_utf8(h).ok());
                        let code = hex.and_then(|h| u8::from_str_radix(h, 16).ok());
                        i += 4;
                        code.filter(u8::is_ascii).unwrap_or(b'?')
                    }
                    other => other,
                };
                bytes.push(plain);
                i += 2;
            }
            _ => {
                bytes.push(b);
                i += 1;
            }
        }
    }
    (String::from_utf8_lossy(&bytes).into_owned(), i)
}

#[cfg(test)]
mod tests {
    use super::path_at;

    fn at(json: &str, marker: &str) -> String {
        path_at(
            json.as_bytes(),
            json.find(marker).expect("marker") + marker.len(),
        )
    }

    #[test]
    fn paths_follow_keys_and_indices() {
        let json = r#"{"data":[{"a":1},{"b":{"c":[true,"x"]}}],"n":2}"#;
        assert_eq!(at(json, r#""a":1"#), "data[0].a");
        assert_eq!(at(json, r#"true,"x""#), "data[1].b.c[1]");
        assert_eq!(at(json, r#"]}}"#), "data[1]");
        assert_eq!(at(json, r#""n":2"#), "n");
        assert_eq!(at(json, r#"{"data":["#), "data[0]");
        assert_eq!(at("{\"k\\\"ey\":{\"a\":1}", "1"), "k\"ey.a");
    }
}
