//! Fault injection and the request log: the reliability levers of `/__emulator/`.

use hyper::header::{HeaderName, HeaderValue};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// A fault as posted to `POST /__emulator/faults`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSpec {
    /// Effective method to match (`_method` counts); any method (but not a CORS preflight) when absent.
    #[serde(default)]
    pub method: Option<String>,
    /// Exact path, without the query string.
    pub path: String,
    /// How many matching requests it applies to.
    #[serde(default = "one")]
    pub count: u32,
    /// Answer with this status instead of handling the request; absent = handle normally.
    #[serde(default)]
    pub status: Option<u16>,
    /// Headers added to the answer (the faked one, or the real one when there is no `status`).
    #[serde(default)]
    pub headers: serde_json::Map<String, serde_json::Value>,
    /// Raw body of the faked answer.
    #[serde(default)]
    pub body: Option<String>,
    /// Wait this long first.
    #[serde(default)]
    pub delay_ms: u64,
    /// Close the connection without any HTTP answer.
    #[serde(default)]
    pub drop: bool,
    /// Pad the body (the faked one, or the real one when there is no `status`) with spaces to this many
    /// bytes: JSON whitespace, so a valid JSON body stays valid at any size.
    #[serde(default)]
    pub size: Option<usize>,
    /// Send the body in chunks (`Transfer-Encoding: chunked`), without `Content-Length`.
    #[serde(default)]
    pub chunked: bool,
}

/// The largest body `size` may ask for (256 MiB).
pub const MAX_SIZE: usize = 256 << 20;

fn one() -> u32 {
    1
}

impl FaultSpec {
    /// Checks what would otherwise fail when the answer is built.
    pub fn validate(&mut self) -> Result<(), String> {
        if !self.path.starts_with('/') {
            return Err("path must start with /".to_owned());
        }
        if self.path.contains('?') {
            return Err("path must not contain a query string".to_owned());
        }
        if self.count == 0 {
            return Err("count must be at least 1".to_owned());
        }
        if let Some(status) = self.status {
            if !(200..=599).contains(&status) {
                return Err("status must be from 200 to 599".to_owned());
            }
        }
        if self.delay_ms > 120_000 {
            return Err("delay_ms must be at most 120000".to_owned());
        }
        if self.size.is_some_and(|size| size > MAX_SIZE) {
            return Err("size must be at most 268435456".to_owned());
        }
        if (self.size.is_some() || self.chunked) && matches!(self.status, Some(204 | 304)) {
            return Err("a 204 or 304 has no body: size and chunked do not apply".to_owned());
        }
        if self.chunked
            && self
                .headers
                .keys()
                .any(|name| name.eq_ignore_ascii_case("content-length"))
        {
            return Err("a chunked body has no Content-Length header".to_owned());
        }
        self.method = self.method.as_ref().map(|m| m.to_ascii_uppercase());
        for (name, value) in &self.headers {
            let value = value
                .as_str()
                .ok_or_else(|| format!("header {name} must be a string"))?;
            HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| format!("invalid header name {name}"))?;
            HeaderValue::from_str(value).map_err(|_| format!("invalid value for header {name}"))?;
        }
        Ok(())
    }

    /// The headers as name/value pairs (validated on insertion).
    pub fn header_pairs(&self) -> impl Iterator<Item = (HeaderName, HeaderValue)> + '_ {
        self.headers.iter().filter_map(|(name, value)| {
            let name = HeaderName::from_bytes(name.as_bytes()).ok()?;
            let value = HeaderValue::from_str(value.as_str()?).ok()?;
            Some((name, value))
        })
    }
}

/// A queued fault with what is left of its count.
#[derive(Debug, Clone, Serialize)]
pub struct Fault {
    /// `fault_N`
    pub id: String,
    /// What was asked for.
    #[serde(flatten)]
    pub spec: FaultSpec,
    /// Matching requests it still applies to.
    pub remaining: u32,
}

/// The queue of faults, first match wins.
#[derive(Debug, Default)]
pub struct Faults {
    list: Vec<Fault>,
    next: u64,
}

impl Faults {
    /// Queues a fault.
    pub fn add(&mut self, spec: FaultSpec) -> Fault {
        self.next += 1;
        let fault = Fault {
            id: format!("fault_{}", self.next),
            remaining: spec.count,
            spec,
        };
        self.list.push(fault.clone());
        fault
    }

    /// The queued faults.
    pub fn list(&self) -> &[Fault] {
        &self.list
    }

    /// Drops every fault; answers how many there were.
    pub fn clear(&mut self) -> usize {
        std::mem::take(&mut self.list).len()
    }

    /// Takes one use of the first fault matching the request, if any.
    pub fn take(
        &mut self,
        method: &str,
        raw_path: &str,
        decoded_path: &str,
        preflight: bool,
    ) -> Option<FaultSpec> {
        let index = self.list.iter().position(|f| {
            let method_ok = match &f.spec.method {
                Some(m) => m == method,
                // A fault for "any method" is meant for the real call, not the browser's preflight.
                None => !preflight,
            };
            method_ok && (f.spec.path == raw_path || f.spec.path == decoded_path)
        })?;
        let fault = self.list.get_mut(index)?;
        fault.remaining = fault.remaining.saturating_sub(1);
        let spec = fault.spec.clone();
        if fault.remaining == 0 {
            self.list.remove(index);
        }
        Some(spec)
    }
}

/// One `/v1/` request as received, for `GET /__emulator/requests`.
#[derive(Debug, Clone, Serialize)]
pub struct LoggedRequest {
    /// The transport method (a tunnelled PATCH is logged as POST).
    pub method: String,
    /// The raw path.
    pub path: String,
    /// Decoded query pairs in received order, as `[name, value]`.
    pub query: Vec<(String, String)>,
    /// The query string as received.
    pub raw_query: String,
    /// `content-type`, `authorization`, `origin`, `cookie` when present (lowercase names).
    pub headers: serde_json::Map<String, serde_json::Value>,
    /// The raw body (lossy UTF-8).
    pub body: String,
}

impl LoggedRequest {
    /// What the entry holds, in bytes: what [`RequestLog`] bounds.
    fn weight(&self) -> usize {
        let pairs = |list: &mut dyn Iterator<Item = (&str, &str)>| -> usize {
            list.map(|(k, v)| k.len() + v.len()).sum()
        };
        let query = pairs(&mut self.query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let headers = pairs(
            &mut self
                .headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str().unwrap_or_default())),
        );
        self.method.len()
            + self.path.len()
            + self.raw_query.len()
            + self.body.len()
            + query
            + headers
    }
}

/// The newest `/v1/` requests that fit in a number of bytes and of entries; older ones are dropped.
#[derive(Debug)]
pub struct RequestLog {
    entries: VecDeque<LoggedRequest>,
    bytes: usize,
    dropped: u64,
    max_bytes: usize,
    max_entries: usize,
}

impl RequestLog {
    /// An empty log bounded by both limits.
    pub fn new(max_bytes: usize, max_entries: usize) -> RequestLog {
        RequestLog {
            entries: VecDeque::new(),
            bytes: 0,
            dropped: 0,
            max_bytes,
            max_entries,
        }
    }

    /// Adds an entry, dropping the oldest ones it needs room for (itself, when it alone is too big).
    pub fn push(&mut self, entry: LoggedRequest) {
        let weight = entry.weight();
        if weight > self.max_bytes {
            self.dropped += 1;
            return;
        }
        while self.bytes + weight > self.max_bytes || self.entries.len() >= self.max_entries {
            let Some(oldest) = self.entries.pop_front() else {
                break;
            };
            self.bytes -= oldest.weight();
            self.dropped += 1;
        }
        self.bytes += weight;
        self.entries.push_back(entry);
    }

    /// Empties the log (and its count of dropped entries); answers how many entries it held.
    pub fn clear(&mut self) -> usize {
        let held = self.entries.len();
        *self = RequestLog::new(self.max_bytes, self.max_entries);
        held
    }

    /// The entries, oldest first.
    pub fn entries(&self) -> &VecDeque<LoggedRequest> {
        &self.entries
    }

    /// The bytes the entries hold, the bound, and how many entries were dropped since the last clear.
    pub fn usage(&self) -> (usize, usize, u64) {
        (self.bytes, self.max_bytes, self.dropped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(method: Option<&str>, count: u32) -> FaultSpec {
        FaultSpec {
            method: method.map(str::to_owned),
            path: "/v1/x".into(),
            count,
            status: Some(500),
            headers: Default::default(),
            body: None,
            delay_ms: 0,
            drop: false,
            size: None,
            chunked: false,
        }
    }

    #[test]
    fn count_is_used_up_and_method_filters() {
        let mut faults = Faults::default();
        faults.add(spec(Some("PATCH"), 2));
        assert!(faults.take("GET", "/v1/x", "/v1/x", false).is_none());
        assert!(faults.take("PATCH", "/v1/y", "/v1/y", false).is_none());
        assert!(faults.take("PATCH", "/v1/x", "/v1/x", false).is_some());
        assert!(faults.take("PATCH", "/v1/x", "/v1/x", false).is_some());
        assert!(faults.take("PATCH", "/v1/x", "/v1/x", false).is_none());
    }

    #[test]
    fn preflight_only_matches_an_options_fault() {
        let mut faults = Faults::default();
        faults.add(spec(None, 1));
        assert!(faults.take("OPTIONS", "/v1/x", "/v1/x", true).is_none());
        assert!(faults.take("DELETE", "/v1/x", "/v1/x", false).is_some());
    }

    fn entry(body: usize) -> LoggedRequest {
        LoggedRequest {
            method: "POST".into(),
            path: "/v1".into(),
            query: Vec::new(),
            raw_query: String::new(),
            headers: Default::default(),
            body: "x".repeat(body),
        }
    }

    #[test]
    fn the_log_keeps_the_newest_entries_that_fit() {
        let mut log = RequestLog::new(1000, 3);
        for _ in 0..5 {
            log.push(entry(300));
        }
        assert_eq!(log.entries().len(), 3);
        assert_eq!(log.usage(), (3 * 307, 1000, 2));
        log.push(entry(600));
        assert_eq!(log.entries().len(), 2, "room made for the big one");
        log.push(entry(2000));
        assert_eq!(
            log.entries().len(),
            2,
            "too big alone: not kept, nothing dropped for it"
        );
        assert_eq!(log.usage(), (307 + 607, 1000, 5));
        assert_eq!(log.clear(), 2);
        assert_eq!(log.usage(), (0, 1000, 0));
    }

    #[test]
    fn validation() {
        assert!(spec(None, 0).validate().is_err());
        let mut bad = spec(None, 1);
        bad.headers.insert("Bad Name".into(), "x".into());
        assert!(bad.validate().is_err());
        let mut ok = spec(Some("patch"), 1);
        ok.validate().expect("valid");
        assert_eq!(ok.method.as_deref(), Some("PATCH"));
    }

    #[test]
    fn size_and_chunked_need_a_body_and_a_bound() {
        let mut huge = spec(None, 1);
        huge.size = Some(MAX_SIZE + 1);
        assert!(huge.validate().is_err());
        let mut largest = spec(None, 1);
        largest.size = Some(MAX_SIZE);
        assert!(largest.validate().is_ok());
        let mut empty = spec(None, 1);
        empty.status = Some(204);
        empty.chunked = true;
        assert!(empty.validate().is_err());
        let mut declared = spec(None, 1);
        declared.chunked = true;
        declared.headers.insert("Content-Length".into(), "5".into());
        assert!(declared.validate().is_err());
    }
}
