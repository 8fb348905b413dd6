//! What the store's unit tests share.

use crate::error::ApiError;
use crate::seed::Seed;
use crate::store::{Caller, Store};

/// The default seed with each of `users` signed in on a client of their own.
pub(crate) fn store_with<const N: usize>(users: [&str; N]) -> (Store, [Caller; N]) {
    let mut store = Store::new(Seed::default_seed());
    let callers = users.map(|user| {
        let signed = store.sign_in(Some(user), None).expect("signed in");
        Caller {
            client_id: signed.client_id,
            session_id: signed.session_id,
            user_id: signed.user_id,
        }
    });
    (store, callers)
}

/// `"ok"`, or the error's code.
pub(crate) fn code<T>(result: Result<T, ApiError>) -> &'static str {
    result.map(|_| "ok").unwrap_or_else(|e| e.code)
}
