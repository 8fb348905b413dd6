//! Session tokens: HS256 JWTs signed with a fixed, public emulator secret ([`SECRET`]).
//!
//! clerk-js only decodes a session token (base64url JSON header and payload); it never checks the signature.
//! The tokens are still properly signed so that a test may verify them: HMAC-SHA-256 from the RustCrypto
//! crates `hmac` and `sha2`, base64url from `base64`, the header and claims from serde types.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use serde::Serialize;
use sha2::Sha256;

/// The HS256 key of every token the emulator mints. Public on purpose: these tokens prove nothing.
pub const SECRET: &[u8] = b"clerk-fapi-emulator-not-a-secret";

/// `kid` in the JWT header.
pub const KEY_ID: &str = "ins_2aEmulatorInstance0000";

/// The JOSE header of every token (RFC 7515 §4).
#[derive(Serialize)]
struct Header {
    alg: &'static str,
    kid: &'static str,
    typ: &'static str,
}

const HEADER: Header = Header {
    alg: "HS256",
    kid: KEY_ID,
    typ: "JWT",
};

/// Encodes and signs `claims` as a compact HS256 JWT.
pub fn encode<T: Serialize>(claims: &T) -> Result<String, serde_json::Error> {
    let signing_input = format!(
        "{}.{}",
        base64url(&serde_json::to_vec(&HEADER)?),
        base64url(&serde_json::to_vec(claims)?)
    );
    let signature = hmac_sha256(SECRET, signing_input.as_bytes());
    Ok(format!("{signing_input}.{}", base64url(&signature)))
}

/// Base64url without padding (RFC 7515 §2).
pub fn base64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// HMAC-SHA-256 (RFC 2104) of `message` under `key`.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    // HMAC takes a key of any length (a longer one is hashed first), so there is no error to handle.
    let mut mac = match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC accepts keys of every length"),
    };
    mac.update(message);
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::Digest;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn sha256_vectors() {
        // FIPS 180-4 examples (NIST CSRC "SHA256.pdf"): empty, "abc", and the two-block message.
        let sha256 = |m: &[u8]| hex(&Sha256::digest(m));
        assert_eq!(
            sha256(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            sha256(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
    }

    #[test]
    fn hmac_vectors() {
        // RFC 4231 test cases 2 and 6 (a key longer than a block), through the signer tokens use.
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(
            hex(&hmac_sha256(
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            )),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn base64url_without_padding() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn jwt_has_three_parts_and_a_valid_signature() {
        let token = encode(&serde_json::json!({ "sub": "user_1" })).expect("encodes");
        let parts: Vec<&str> = token.split('.').collect();
        assert_eq!(parts.len(), 3);
        assert_eq!(
            parts[0],
            base64url(br#"{"alg":"HS256","kid":"ins_2aEmulatorInstance0000","typ":"JWT"}"#)
        );
        assert_eq!(parts[1], base64url(br#"{"sub":"user_1"}"#));
        let input = format!("{}.{}", parts[0], parts[1]);
        assert_eq!(parts[2], base64url(&hmac_sha256(SECRET, input.as_bytes())));
    }
}
