//! What a restart must keep (`--state FILE`): the organizations, users, memberships, roles,
//! permissions, invitations, membership requests and suggestions as they are now (in the seed's format),
//! the signed-in clients with their sessions and tokens, and the clock. One serde type, written whole by [`crate::persist`].

use super::auth::Client;
use crate::seed::Seed;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// Everything the emulator changes, as one value.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    /// Organizations, users, memberships, roles and permissions, in the seed's format.
    pub(super) data: Seed,
    /// Signed-in clients with their sessions.
    pub(super) clients: Vec<Client>,
    /// Dev-browser token → client id.
    pub(super) dev_tokens: BTreeMap<String, String>,
    /// `__client` cookie (or `Authorization` value) → client id.
    pub(super) client_tokens: BTreeMap<String, String>,
    /// The last ms the strictly increasing clock handed out, so `updated_at` keeps moving after a restart.
    pub(super) clock_ms: i64,
}

impl State {
    /// The state a seed starts: its data, nobody signed in.
    pub fn from_seed(seed: Seed, clock_ms: i64) -> State {
        State {
            data: seed.without_stated_counts(),
            clients: Vec::new(),
            dev_tokens: BTreeMap::new(),
            client_tokens: BTreeMap::new(),
            clock_ms,
        }
    }

    /// Checks what the emulator relies on: the data is a valid seed, ids are unique, and every token,
    /// session and active organization names something that exists.
    pub fn validate(&self) -> Result<(), String> {
        self.data.validate()?;
        let mut client_ids = HashSet::new();
        let mut session_ids = HashSet::new();
        for client in &self.clients {
            if !client_ids.insert(client.id.as_str()) {
                return Err(format!("client {} appears twice", client.id));
            }
            for session in &client.sessions {
                if !session_ids.insert(session.id.as_str()) {
                    return Err(format!("session {} appears twice", session.id));
                }
                if !self.data.users.iter().any(|u| u.id == session.user_id) {
                    return Err(format!(
                        "session {} names unknown user {}",
                        session.id, session.user_id
                    ));
                }
            }
            if let Some(last) = &client.last_active_session_id {
                if !client.sessions.iter().any(|s| &s.id == last) {
                    return Err(format!(
                        "client {} names unknown last active session {last}",
                        client.id
                    ));
                }
            }
        }
        let tokens = self.dev_tokens.iter().chain(self.client_tokens.iter());
        for (token, client_id) in tokens {
            if !client_ids.contains(client_id.as_str()) {
                return Err(format!("token {token} names unknown client {client_id}"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn a_state_round_trips_through_json_and_stays_valid() {
        let mut store = Store::new(Seed::default_seed());
        store.sign_in(None, None).expect("signed in");
        let json = serde_json::to_string(store.state()).expect("json");
        let back: State = serde_json::from_str(&json).expect("parses");
        back.validate().expect("valid");
        assert_eq!(back.clients.len(), 1);
        assert_eq!(back.dev_tokens.len(), 1);
        assert_eq!(back.clock_ms, store.state().clock_ms);
    }

    #[test]
    fn dangling_references_are_refused() {
        let mut store = Store::new(Seed::default_seed());
        store.sign_in(None, None).expect("signed in");
        let mut state = store.state().clone();
        state
            .dev_tokens
            .insert("dvb_x".into(), "client_gone".into());
        let err = state.validate().expect_err("invalid");
        assert!(err.contains("unknown client client_gone"), "{err}");

        let mut state = store.state().clone();
        state.clients[0].sessions[0].user_id = "user_gone".into();
        let err = state.validate().expect_err("invalid");
        assert!(err.contains("unknown user user_gone"), "{err}");
    }

    #[test]
    fn unknown_keys_are_refused() {
        let store = Store::new(Seed::default_seed());
        let mut json = serde_json::to_value(store.state()).expect("json");
        json["surprise"] = true.into();
        assert!(serde_json::from_value::<State>(json).is_err());
    }
}
