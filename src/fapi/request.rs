//! Request building (WIRE.md §2–§4): path, query in its stable order, method tunnelling, form body.
//! Pure, so every byte a call sends is tested on the host.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::fapi::config::{AuthMode, Config};

/// Everything but unreserved characters is encoded in a path segment, `.` included, so an id such as
/// `..`, `a/b` or `x?y` can never change which resource is addressed (WIRE.md §1).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~');

/// The HTTP method a call means (the one in `_method` when it is tunnelled).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Sent as GET.
    Get,
    /// Sent as POST.
    Post,
    /// Sent as POST with `_method=PATCH`.
    Patch,
    /// Sent as POST with `_method=DELETE`.
    Delete,
}

impl Method {
    /// The method on the wire: GET stays GET, everything else is POST (CORS-simple, WIRE.md §3).
    pub fn transport(self) -> &'static str {
        match self {
            Method::Get => "GET",
            _ => "POST",
        }
    }

    fn tunnelled(self) -> Option<&'static str> {
        match self {
            Method::Patch => Some("PATCH"),
            Method::Delete => Some("DELETE"),
            Method::Get | Method::Post => None,
        }
    }
}

/// One Frontend API call, before the configuration's parameters are added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// What the call means.
    pub method: Method,
    /// Below `/v1`, segments percent-encoded, e.g. `/organizations/org_1/memberships/user_1`.
    pub path: String,
    /// The call's own query parameters, in order.
    pub query: Vec<(String, String)>,
    /// Form fields (snake_case keys), in order; none for GET.
    pub form: Vec<(String, String)>,
}

impl Request {
    /// A call to the path made of `segments`, each percent-encoded.
    pub fn new(method: Method, segments: &[&str]) -> Request {
        let path = segments.iter().fold(String::new(), |mut path, segment| {
            path.push('/');
            path.extend(utf8_percent_encode(segment, SEGMENT));
            path
        });
        Request {
            method,
            path,
            query: Vec::new(),
            form: Vec::new(),
        }
    }

    /// Adds a query parameter (repeat the key for a list, as `role` filters do).
    pub fn query(mut self, key: &str, value: &str) -> Request {
        self.query.push((key.to_owned(), value.to_owned()));
        self
    }

    /// Adds a form field.
    pub fn form(mut self, key: &str, value: &str) -> Request {
        self.form.push((key.to_owned(), value.to_owned()));
        self
    }

    /// The full URL: the call's parameters, then the configuration's, in WIRE.md §2's order.
    pub fn url(
        &self,
        config: &Config,
        session_id: Option<&str>,
        dev_browser: Option<&str>,
    ) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.extend_pairs(&self.query);
        query.append_pair("__clerk_api_version", &config.api_version);
        query.append_pair("_clerk_js_version", &config.clerk_js_version);
        if let Some(method) = self.method.tunnelled() {
            query.append_pair("_method", method);
        }
        // clerk-js leaves the session out of client-level paths.
        let client_level = self.path.starts_with("/client") || self.path.starts_with("/waitlist");
        if let (Some(session), false) = (session_id, client_level) {
            query.append_pair("_clerk_session_id", session);
        }
        match (config.auth_mode, dev_browser) {
            (AuthMode::Cookie, Some(token)) if config.uses_dev_browser() => {
                query.append_pair("__clerk_db_jwt", token);
            }
            (AuthMode::Header, _) => {
                query.append_pair("_is_native", "1");
            }
            _ => {}
        }
        format!("{}{}?{}", config.base_url, self.path, query.finish())
    }

    /// The form-encoded body (`None` when the call has no fields).
    pub fn body(&self) -> Option<String> {
        if self.form.is_empty() {
            return None;
        }
        Some(
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&self.form)
                .finish(),
        )
    }
}

/// `initialPage`/`pageSize` → `limit`/`offset` (WIRE.md §4).
pub fn limit_offset(request: Request, initial_page: u32, page_size: u32) -> Request {
    let offset = u64::from(initial_page.saturating_sub(1)) * u64::from(page_size);
    request
        .query("limit", &page_size.to_string())
        .query("offset", &offset.to_string())
}
