//! Mutated fixtures: one field of `membership-admin.json` changed (removed, `null`, another type,
//! huge or negative numbers, floats, long or non-ASCII strings, lone surrogates, deep nesting), in
//! a bare membership, a page, an envelope or an envelope of a page. The outcome is checked exactly:
//! a missing required field is refused at its path as missing, an absent or `null` optional takes
//! its default, a wrong type is refused at that exact path, and an array names the element.

use core::fmt;

use clerk_membership::fapi::Envelope;
use clerk_membership::model::{parse, Invalid, Membership, Page, PublicUserData};
use proptest::prelude::*;
use serde_json::{json, Value};

use crate::common::{fixture, snapshot};
use crate::support::{check_invalid, json, number, text, MISSING};

/// How a field reads (docs/wire.md §6), as the wire contract describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A string that must be there.
    RequiredText,
    /// A string, `null` or absent (kept as `null`).
    OptionalText,
    /// A string; `null` or absent is `""`.
    DefaultText,
    /// Integer milliseconds within a JS `Date`, required.
    RequiredTime,
    /// A boolean; `null` or absent is `false`.
    DefaultBool,
    /// A `u32`; `null` or absent is `0`.
    DefaultCount,
    /// An array of strings; `null` or absent is `[]`.
    Permissions,
    /// An object; `null` or absent is `{}`.
    Metadata,
    /// The embedded organization, required.
    Organization,
    /// `public_user_data`, optional and nullable.
    UserData,
    /// Not read: `object`, the user data's `id`, unknown keys.
    Ignored,
}

use Kind::*;

/// Every field of the fixture, and keys it does not have, with how each reads.
const FIELDS: &[(&str, Kind)] = &[
    ("object", Ignored),
    ("id", RequiredText),
    ("public_metadata", Metadata),
    ("role", RequiredText),
    ("role_name", OptionalText),
    ("permissions", Permissions),
    ("created_at", RequiredTime),
    ("updated_at", RequiredTime),
    ("organization", Organization),
    ("public_user_data", UserData),
    ("a_future_key", Ignored),
    ("organization/object", Ignored),
    ("organization/id", RequiredText),
    ("organization/name", RequiredText),
    ("organization/slug", OptionalText),
    ("organization/image_url", DefaultText),
    ("organization/has_image", DefaultBool),
    ("organization/members_count", DefaultCount),
    ("organization/pending_invitations_count", DefaultCount),
    ("organization/max_allowed_memberships", DefaultCount),
    ("organization/admin_delete_enabled", DefaultBool),
    ("organization/self_serve_sso_enabled", DefaultBool),
    ("organization/exclusive_membership", DefaultBool),
    ("organization/public_metadata", Metadata),
    ("organization/created_at", RequiredTime),
    ("organization/updated_at", RequiredTime),
    ("organization/a_future_key", Ignored),
    ("public_user_data/object", Ignored),
    ("public_user_data/id", Ignored),
    ("public_user_data/first_name", OptionalText),
    ("public_user_data/last_name", OptionalText),
    ("public_user_data/image_url", DefaultText),
    ("public_user_data/has_image", DefaultBool),
    ("public_user_data/identifier", DefaultText),
    ("public_user_data/user_id", OptionalText),
    ("public_user_data/username", OptionalText),
    ("public_user_data/banned", DefaultBool),
    ("public_user_data/deprovisioned", DefaultBool),
];

/// JSON text with no `Value` of its own.
#[derive(Debug, Clone)]
enum Raw {
    /// Another spelling of a value: `"\u00e9"`, a surrogate pair, `1E3`.
    Spelling(&'static str, Value),
    /// A string with a lone surrogate escape, which no Rust string can hold.
    LoneSurrogate(&'static str),
    /// `depth` nested arrays (`[[…]]`) or objects (`{"a":{…}}`).
    Deep { depth: usize, objects: bool },
    /// A number beyond `f64` (`1e400`).
    OutOfRange(&'static str),
}

impl Raw {
    fn text(&self) -> String {
        match self {
            Raw::Spelling(text, _) | Raw::LoneSurrogate(text) | Raw::OutOfRange(text) => {
                (*text).to_owned()
            }
            Raw::Deep {
                depth,
                objects: false,
            } => format!("{}{}", "[".repeat(*depth), "]".repeat(*depth)),
            Raw::Deep {
                depth,
                objects: true,
            } => format!(
                "{}{{}}{}",
                r#"{"a":"#.repeat(depth - 1),
                "}".repeat(depth - 1)
            ),
        }
    }
}

#[derive(Clone)]
enum Mutation {
    Delete,
    Set(Value),
    Raw(Raw),
}

/// Long values are shortened, so that a failure's report stays readable.
impl fmt::Debug for Mutation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Mutation::Delete => return f.write_str("Delete"),
            Mutation::Set(value) => format!("Set({value})"),
            Mutation::Raw(raw) => format!("Raw({})", raw.text()),
        };
        match text.char_indices().nth(200) {
            Some((cut, _)) => write!(f, "{}… ({} bytes)", &text[..cut], text.len()),
            None => f.write_str(&text),
        }
    }
}

/// What must come of a mutation.
#[derive(Debug, Clone, PartialEq)]
enum Expect {
    /// Read, with this value in the [`view`] where the field is, and everything else unchanged.
    Keeps(Value),
    /// Read as if the field were not mutated.
    Unchanged,
    /// Refused at the field's path followed by a suffix (`[3]`, `.id`), with a problem containing this.
    Refused(String, &'static str),
    /// Refused or read: only the rules of every refusal apply.
    Either,
}

const MAX_TEXT: usize = 16 * 1024;
const MAX_PERMISSIONS: usize = 1_000;
const MAX_METADATA_BYTES: usize = 64 * 1024;
const MAX_METADATA_DEPTH: usize = 32;
const MAX_DATE_MS: i64 = 8_640_000_000_000_000;

fn depth(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
        Value::Object(map) => 1 + map.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

fn is_text(kind: Kind) -> bool {
    matches!(kind, RequiredText | OptionalText | DefaultText)
}

/// The oracle: what a field of `kind` must make of `mutation`, from the wire contract.
fn expect(kind: Kind, mutation: &Mutation) -> Expect {
    use Expect::{Either, Keeps, Unchanged};
    if kind == Ignored {
        return Unchanged;
    }
    match mutation {
        Mutation::Delete => match kind {
            RequiredText | RequiredTime | Organization => refused(MISSING),
            OptionalText | UserData => Keeps(Value::Null),
            DefaultText => Keeps(json!("")),
            DefaultBool => Keeps(json!(false)),
            DefaultCount => Keeps(json!(0)),
            Permissions => Keeps(json!([])),
            Metadata => Keeps(json!("{}")),
            Ignored => Unchanged,
        },
        Mutation::Set(value) => expect_value(kind, value),
        Mutation::Raw(Raw::Spelling(_, value)) => expect_value(kind, value),
        Mutation::Raw(Raw::LoneSurrogate(_)) => match kind {
            Metadata => refused("expected a plain object"),
            _ if is_text(kind) || kind == Permissions => refused("lone surrogate"),
            // Read as the wrong type, but the string is read first: refused at the field either way.
            _ => refused(""),
        },
        Mutation::Raw(Raw::OutOfRange(_)) => match kind {
            Metadata => refused("expected a plain object"),
            _ => refused("number out of range"),
        },
        Mutation::Raw(raw @ Raw::Deep { depth, objects }) => match (kind, objects, depth) {
            (Metadata, false, _) => refused("expected a plain object"),
            (Metadata, true, _) if raw.text().len() > MAX_METADATA_BYTES => {
                refused("larger than the limit")
            }
            (Metadata, true, &depth) if depth > MAX_METADATA_DEPTH => {
                refused("nested deeper than the limit")
            }
            (Metadata, true, _) => Keeps(Value::from(raw.text())),
            (Permissions, false, 1) => Keeps(json!([])),
            (Permissions | Organization | UserData, false, _) => {
                if kind == Organization && *depth == 1 {
                    refused("invalid length 0")
                } else if kind == UserData && *depth == 1 {
                    // serde reads a struct from an array too: `[]` is user data with every default.
                    Either
                } else {
                    refused_at("[0]", "invalid type: sequence")
                }
            }
            (Organization, true, _) => refused_at(".id", MISSING),
            (UserData, true, _) => Keeps(snapshot(&PublicUserData::default())),
            (_, false, _) => refused("invalid type: sequence"),
            (_, true, _) => refused("invalid type: map"),
        },
    }
}

fn expect_value(kind: Kind, value: &Value) -> Expect {
    use Expect::{Either, Keeps, Unchanged};
    match (kind, value) {
        (Ignored, _) => Unchanged,
        (RequiredText | RequiredTime | Organization, Value::Null) => refused("invalid type: null"),
        (OptionalText | UserData, Value::Null) => Keeps(Value::Null),
        (DefaultText, Value::Null) => Keeps(json!("")),
        (DefaultBool, Value::Null) => Keeps(json!(false)),
        (DefaultCount, Value::Null) => Keeps(json!(0)),
        (Permissions, Value::Null) => Keeps(json!([])),
        (Metadata, Value::Null) => Keeps(json!("{}")),
        (_, Value::String(s)) if is_text(kind) && s.len() > MAX_TEXT => {
            refused("longer than the limit")
        }
        (_, Value::String(_)) if is_text(kind) => Keeps(value.clone()),
        (RequiredTime, Value::Number(n)) => match n.as_i64() {
            Some(ms) if (-MAX_DATE_MS..=MAX_DATE_MS).contains(&ms) => Keeps(value.clone()),
            Some(_) => refused("within the range of a Date"),
            None if n.is_u64() => refused("within the range of a Date"),
            None => refused("invalid type: floating point"),
        },
        (DefaultBool, Value::Bool(_)) => Keeps(value.clone()),
        (DefaultCount, Value::Number(n)) => match (n.as_u64(), n.is_f64()) {
            (Some(count), _) if count <= u64::from(u32::MAX) => Keeps(value.clone()),
            (_, false) => refused("invalid value"),
            (_, true) => refused("invalid type: floating point"),
        },
        (Permissions, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let problem = match item {
                    Value::String(s) if s.len() > MAX_TEXT => Some("longer than the limit"),
                    Value::String(_) => None,
                    _ => Some("invalid type"),
                };
                match (problem, i) {
                    (Some(problem), _) => return refused_at(&format!("[{i}]"), problem),
                    (None, MAX_PERMISSIONS) => return refused("more than 1000 items"),
                    (None, _) => {}
                }
            }
            Keeps(value.clone())
        }
        (Metadata, Value::Object(_)) if value.to_string().len() > MAX_METADATA_BYTES => {
            refused("larger than the limit")
        }
        (Metadata, Value::Object(_)) if depth(value) > MAX_METADATA_DEPTH => {
            refused("nested deeper than the limit")
        }
        (Metadata, Value::Object(_)) => Keeps(Value::from(value.to_string())),
        (Metadata, _) => refused("expected a plain object"),
        // An object as the organization or user data is a document of its own: any rule may apply.
        (Organization | UserData, Value::Object(_) | Value::Array(_)) => Either,
        _ => refused("invalid type"),
    }
}

/// Refused at the field itself.
fn refused(problem: &'static str) -> Expect {
    Expect::Refused(String::new(), problem)
}

/// Refused at a place inside the field: `[3]` of a list, `.id` of an object.
fn refused_at(suffix: &str, problem: &'static str) -> Expect {
    Expect::Refused(suffix.to_owned(), problem)
}

/// Where the mutated membership is: alone, in a page, in an envelope, in an envelope of a page.
#[derive(Debug, Clone, Copy)]
enum Container {
    Bare,
    Page { items: usize, at: usize },
    BareArray { items: usize, at: usize },
    Envelope,
    EnvelopeOfPage { items: usize, at: usize },
}

impl Container {
    /// The path of the membership, relative to what a refusal names (`response` is left out).
    fn prefix(self) -> String {
        match self {
            Container::Bare | Container::Envelope => String::new(),
            Container::Page { at, .. } | Container::EnvelopeOfPage { at, .. } => {
                format!("data[{at}]")
            }
            Container::BareArray { at, .. } => format!("[{at}]"),
        }
    }

    fn wrap(self, original: &Value, mutated: Value) -> Value {
        let page = |items: usize, at: usize| -> Vec<Value> {
            (0..items)
                .map(|i| {
                    if i == at {
                        mutated.clone()
                    } else {
                        original.clone()
                    }
                })
                .collect()
        };
        match self {
            Container::Bare => mutated,
            Container::Page { items, at } => json!({ "data": page(items, at), "total_count": 99 }),
            Container::BareArray { items, at } => Value::Array(page(items, at)),
            Container::Envelope => json!({ "response": mutated, "client": null }),
            Container::EnvelopeOfPage { items, at } => {
                json!({ "response": { "data": page(items, at), "total_count": 99 } })
            }
        }
    }

    /// The memberships read from `text`, or the refusal (paths relative to `response`).
    fn read(self, text: &str) -> Result<Vec<Membership>, Invalid> {
        let envelope = |error: clerk_membership::Error| match error {
            clerk_membership::Error::InvalidResponse(invalid) => invalid,
            other => panic!("an envelope refuses with InvalidResponse, not {other:?}"),
        };
        const WHAT: &str = "organization membership";
        match self {
            Container::Bare => parse::<Membership>(text.as_bytes(), WHAT).map(|m| vec![m]),
            Container::Page { .. } | Container::BareArray { .. } => {
                parse::<Page<Membership>>(text.as_bytes(), WHAT).map(|page| page.data)
            }
            Container::Envelope => Envelope::<Membership>::parse(text.as_bytes(), WHAT)
                .map(|e| vec![e.response])
                .map_err(envelope),
            Container::EnvelopeOfPage { .. } => {
                Envelope::<Page<Membership>>::parse(text.as_bytes(), WHAT)
                    .map(|e| e.response.data)
                    .map_err(envelope)
            }
        }
    }

    fn at(self) -> usize {
        match self {
            Container::Bare | Container::Envelope => 0,
            Container::Page { at, .. }
            | Container::BareArray { at, .. }
            | Container::EnvelopeOfPage { at, .. } => at,
        }
    }
}

fn container() -> impl Strategy<Value = Container> {
    let sized = (1usize..4).prop_flat_map(|items| (Just(items), 0..items));
    prop_oneof![
        Just(Container::Bare),
        Just(Container::Envelope),
        sized
            .clone()
            .prop_map(|(items, at)| Container::Page { items, at }),
        sized
            .clone()
            .prop_map(|(items, at)| Container::BareArray { items, at }),
        sized.prop_map(|(items, at)| Container::EnvelopeOfPage { items, at }),
    ]
}

/// A string of `count` copies of one character, to land on either side of the 16 KiB limit.
fn long_text() -> impl Strategy<Value = Value> {
    (
        proptest::sample::select(vec!['x', 'é', '€', '😀', '"', '\n']),
        -3i64..=3,
    )
        .prop_map(|(c, off)| {
            let count = (MAX_TEXT / c.len_utf8()) as i64 + off;
            Value::from(c.to_string().repeat(count as usize))
        })
}

/// Metadata objects around 64 KiB and around 32 levels.
fn big_metadata() -> impl Strategy<Value = Value> {
    prop_oneof![
        (-2i64..=2).prop_map(|off| {
            // `{"k":"…"}` is the string and 8 bytes.
            let len = (MAX_METADATA_BYTES as i64 - 8 + off) as usize;
            json!({ "k": "m".repeat(len) })
        }),
        (
            MAX_METADATA_DEPTH - 2..=MAX_METADATA_DEPTH + 2,
            any::<bool>()
        )
            .prop_map(|(levels, arrays)| {
                let mut value = json!({});
                for _ in 1..levels {
                    value = if arrays {
                        json!({ "a": [value] })
                    } else {
                        json!({ "a": value })
                    };
                }
                value
            }),
    ]
}

/// Permission lists around 1,000 entries, some with one entry of the wrong type.
fn big_permissions() -> impl Strategy<Value = Value> {
    (
        MAX_PERMISSIONS - 2..=MAX_PERMISSIONS + 2,
        proptest::option::of((0usize..MAX_PERMISSIONS + 2, json())),
    )
        .prop_map(|(len, odd)| {
            let mut items: Vec<Value> = (0..len).map(|i| json!(format!("org:p{i}"))).collect();
            if let Some((at, value)) = odd {
                if at < len {
                    items[at] = value;
                }
            }
            Value::Array(items)
        })
}

fn raw() -> impl Strategy<Value = Raw> {
    prop_oneof![
        proptest::sample::select(vec![
            Raw::Spelling(r#""\u00e9""#, json!("é")),
            Raw::Spelling(r#""\ud83d\ude00""#, json!("😀")),
            Raw::Spelling(r#""a\/b""#, json!("a/b")),
            Raw::Spelling("1E3", json!(1000.0)),
            Raw::Spelling("1.0e0", json!(1.0)),
            Raw::Spelling("18446744073709551616", json!(18446744073709551616.0)),
            Raw::LoneSurrogate(r#""\ud800""#),
            Raw::LoneSurrogate(r#""\udfff""#),
            Raw::LoneSurrogate(r#""a\ud83dz""#),
            Raw::LoneSurrogate(r#""\ud83d\u0041""#),
            Raw::LoneSurrogate(r#""\udc00\ud800""#),
            Raw::OutOfRange("1e400"),
            Raw::OutOfRange("-1e400"),
        ]),
        (
            proptest::sample::select(vec![1usize, 2, 32, 33, 127, 128, 129, 10_000, 11_000]),
            any::<bool>()
        )
            .prop_map(|(depth, objects)| Raw::Deep { depth, objects }),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let scalar = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        number(),
        text().prop_map(Value::from),
    ];
    prop_oneof![
        3 => Just(Mutation::Delete),
        3 => Just(Mutation::Set(Value::Null)),
        6 => scalar.clone().prop_map(Mutation::Set),
        2 => long_text().prop_map(Mutation::Set),
        2 => proptest::collection::vec(scalar, 0..4).prop_map(|v| Mutation::Set(Value::Array(v))),
        2 => json().prop_map(Mutation::Set),
        1 => big_metadata().prop_map(Mutation::Set),
        1 => big_permissions().prop_map(Mutation::Set),
        3 => raw().prop_map(Mutation::Raw),
    ]
}

/// A membership as `toJSON` writes it, with both metadata as the JSON text kept: compared as text,
/// because parsing a float again can move its last digit.
fn view(membership: &Membership) -> Value {
    let mut view = snapshot(membership);
    view["public_metadata"] = Value::from(membership.public_metadata.get());
    view["organization"]["public_metadata"] =
        Value::from(membership.organization.public_metadata.get());
    view
}

/// The fixture with `field` mutated, as JSON text, and as a value where the mutation has one.
fn mutate(
    original: &Value,
    field: &str,
    mutation: &Mutation,
    container: Container,
    last: bool,
) -> (String, Option<Value>) {
    const SLOT: &str = "\u{1}raw\u{1}";
    let mut mutated = original.clone();
    let (parent, key) = match field.rsplit_once('/') {
        Some((parent, key)) => (format!("/{parent}"), key),
        None => (String::new(), field),
    };
    let object = mutated
        .pointer_mut(&parent)
        .and_then(Value::as_object_mut)
        .expect("the fixture has the parent object");
    match mutation {
        Mutation::Delete => drop(object.shift_remove(key)),
        Mutation::Set(value) => drop(object.insert(key.to_owned(), value.clone())),
        Mutation::Raw(_) => drop(object.insert(key.to_owned(), json!(SLOT))),
    }
    // The last key of an object is where serde_json places some errors after the object.
    if last {
        if let Some(value) = object.shift_remove(key) {
            object.insert(key.to_owned(), value);
        }
    }
    let whole = container.wrap(original, mutated);
    match mutation {
        Mutation::Raw(raw) => {
            let slot = serde_json::to_string(SLOT).expect("a string");
            (whole.to_string().replacen(&slot, &raw.text(), 1), None)
        }
        _ => (whole.to_string(), Some(whole)),
    }
}

proptest! {
    #![proptest_config(crate::run())]

    #[test]
    fn one_mutated_field_has_exactly_the_outcome_the_wire_contract_gives(
        field in 0..FIELDS.len(),
        mutation in mutation(),
        container in container(),
        last in any::<bool>(),
    ) {
        let original = fixture("membership-admin.json");
        let before = view(&parse::<Membership>(original.to_string().as_bytes(), "m").expect("the fixture"));
        let (name, kind) = FIELDS[field];
        let (text, input) = mutate(&original, name, &mutation, container, last);
        let expected = expect(kind, &mutation);
        let path = [container.prefix(), name.replace('/', ".")]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(".");
        let read = container.read(&text);
        match (&expected, read) {
            (Expect::Refused(suffix, problem), Err(invalid)) => {
                prop_assert_eq!(&invalid.path, &format!("{path}{suffix}"), "{}", invalid.problem);
                prop_assert!(invalid.problem.contains(problem), "{:?} lacks {:?}", invalid.problem, problem);
            }
            (Expect::Either, Err(invalid)) => {
                let input = input.expect("Either comes of values only");
                let response = input.get("response").unwrap_or(&input);
                check_invalid(response, &invalid, "organization membership")?;
            }
            (Expect::Either, Ok(_)) => {}
            (Expect::Keeps(_) | Expect::Unchanged, Ok(memberships)) => {
                for (i, membership) in memberships.iter().enumerate() {
                    let mut after = before.clone();
                    if let (Expect::Keeps(value), true) = (&expected, i == container.at()) {
                        *after.pointer_mut(&format!("/{name}")).expect("a field of the view") = value.clone();
                    }
                    prop_assert_eq!(&view(membership), &after);
                }
            }
            (expected, read) => {
                return Err(TestCaseError::fail(format!(
                    "{name} ({kind:?}) {mutation:?} in {container:?}: expected {expected:?}, got {:?}",
                    read.map(|m| m.len())
                )));
            }
        }
    }

    #[test]
    fn the_envelope_s_own_keys_take_any_client_and_refuse_a_meta_that_is_not_an_object(
        client in json(),
        meta in json(),
    ) {
        let mut envelope = fixture("envelope-update.json");
        envelope["client"] = client.clone();
        envelope["meta"] = meta.clone();
        let read = Envelope::<Membership>::parse(envelope.to_string().as_bytes(), "organization membership");
        match (&meta, read) {
            (Value::Null | Value::Object(_), Ok(read)) => {
                let meta_client = meta.get("client").filter(|c| c.is_object());
                let expected = Some(&client).filter(|c| c.is_object()).or(meta_client);
                // The client is kept as the JSON text sent.
                prop_assert_eq!(read.client().map(str::to_owned), expected.map(Value::to_string));
            }
            // serde reads a struct from an array too; anything else is refused at `meta`.
            (Value::Array(_), _) => {}
            (_, Err(error)) => prop_assert_eq!(error.path(), Some("meta")),
            (meta, Ok(_)) => return Err(TestCaseError::fail(format!("meta {meta} was accepted"))),
        }
    }
}
