//! The HTTP types the server and the handlers share: the request as received, the response type, and
//! the JSON and error answers. A leaf module: it knows no handler and no server.

use crate::error::ApiError;
use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{self, HeaderMap, HeaderValue};
use hyper::{Method, Response, StatusCode};
use serde::Serialize;

/// The response type of every handler.
pub type HttpResponse = Response<Full<Bytes>>;

/// The parts of a request every handler may need.
pub struct ReceivedRequest {
    /// Transport method.
    pub method: Method,
    /// `_method` for a POST, else the transport method.
    pub effective_method: String,
    /// Raw path.
    pub path: String,
    /// Raw query string.
    pub raw_query: String,
    /// Decoded query pairs.
    pub query: Vec<(String, String)>,
    /// Headers.
    pub headers: HeaderMap,
    /// Body.
    pub body: Bytes,
}

impl ReceivedRequest {
    /// The first value of a query parameter.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// A JSON answer.
pub fn json_response<T: Serialize>(status: StatusCode, value: &T) -> HttpResponse {
    match serde_json::to_vec(value) {
        Ok(bytes) => {
            let mut response = Response::new(Full::new(Bytes::from(bytes)));
            *response.status_mut() = status;
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            response
        }
        Err(e) => {
            let mut response =
                Response::new(Full::new(Bytes::from(format!("serialization failed: {e}"))));
            *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            response
        }
    }
}

/// An error answer in Clerk's shape, with its trace id.
pub fn error_response(error: &ApiError, trace_id: &str) -> HttpResponse {
    let status = StatusCode::from_u16(error.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    json_response(status, &error.body(trace_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::BodyExt;

    #[tokio::test]
    async fn an_error_answer_has_clerks_shape_and_status() {
        let response = error_response(&ApiError::managed_by_scim(), "trace_1");
        assert_eq!(response.status(), StatusCode::CONFLICT);
        assert_eq!(
            response.headers().get(header::CONTENT_TYPE),
            Some(&HeaderValue::from_static("application/json"))
        );
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let json: serde_json::Value = serde_json::from_slice(&body).expect("json");
        assert_eq!(
            json["errors"][0]["code"],
            "organization_membership_managed_by_scim"
        );
        assert_eq!(json["clerk_trace_id"], "trace_1");
    }

    #[test]
    fn query_params_and_headers_are_looked_up_by_name() {
        let mut headers = HeaderMap::new();
        headers.insert("origin", HeaderValue::from_static("http://localhost:8080"));
        let request = ReceivedRequest {
            method: Method::GET,
            effective_method: "GET".into(),
            path: "/v1/client".into(),
            raw_query: "a=1&a=2".into(),
            query: vec![("a".into(), "1".into()), ("a".into(), "2".into())],
            headers,
            body: Bytes::new(),
        };
        assert_eq!(request.query_param("a"), Some("1"));
        assert_eq!(request.query_param("b"), None);
        assert_eq!(request.header("origin"), Some("http://localhost:8080"));
    }
}
