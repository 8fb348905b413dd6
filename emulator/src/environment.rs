//! `GET|PATCH /v1/environment`: the instance's settings, as clerk-js reads them on `load()`.
//!
//! Only what clerk-js 6.x needs to start, with the values of a plain Clerk instance: email + password sign-in,
//! organizations on, no captcha (its key is null, so clerk-js loads no captcha script), no billing, no API keys.
//! Not enveloped, as in FAPI.

use crate::config::InstanceType;
use crate::seed::DEFAULT_ROLE;
use serde_json::{json, Value};

/// The environment JSON; `max_allowed_memberships` is the instance default for new organizations.
pub fn json(instance: InstanceType, max_allowed_memberships: u64) -> Value {
    let development = instance == InstanceType::Development;
    let accounts = "https://emulator.accounts.dev";
    let attribute = |enabled: bool, required: bool, first: bool, factors: &[&str]| {
        json!({
            "enabled": enabled,
            "required": required,
            "used_for_first_factor": first,
            "first_factors": factors,
            "used_for_second_factor": false,
            "second_factors": [],
            "verifications": factors,
            "verify_at_sign_up": first && enabled,
        })
    };
    json!({
        "object": "environment",
        "id": "env_2aEmulatorEnvironment01",
        "auth_config": {
            "object": "auth_config",
            "id": "aac_2aEmulatorAuthConfig001",
            "single_session_mode": false,
            "claimed_at": null,
            "reverification": true,
            "session_minter": false,
            "preferred_channels": null,
        },
        "display_config": {
            "object": "display_config",
            "id": "display_config_2aEmulatorDisplay0001",
            "instance_environment_type": instance.as_str(),
            "application_name": "Clerk FAPI emulator",
            "theme": {},
            "preferred_sign_in_strategy": "password",
            "logo_image_url": "",
            "favicon_image_url": "",
            "home_url": "",
            "sign_in_url": format!("{accounts}/sign-in"),
            "sign_up_url": format!("{accounts}/sign-up"),
            "user_profile_url": format!("{accounts}/user"),
            "waitlist_url": format!("{accounts}/waitlist"),
            "after_sign_in_url": "",
            "after_sign_up_url": "",
            "after_sign_out_one_url": format!("{accounts}/sign-in/choose"),
            "after_sign_out_all_url": format!("{accounts}/sign-in"),
            "after_switch_session_url": "",
            "after_join_waitlist_url": "",
            "organization_profile_url": format!("{accounts}/organization"),
            "create_organization_url": format!("{accounts}/create-organization"),
            "after_leave_organization_url": "",
            "after_create_organization_url": "",
            "support_email": null,
            "branded": true,
            "clerk_js_version": "6",
            "show_devmode_warning": development,
            "google_one_tap_client_id": null,
            "privacy_policy_url": "",
            "terms_url": "",
            "captcha_public_key": null,
            "captcha_public_key_invisible": null,
            "captcha_widget_type": null,
            "captcha_provider": "turnstile",
            "captcha_oauth_bypass": [],
            "captcha_heartbeat": false,
        },
        "user_settings": {
            "attributes": {
                "email_address": attribute(true, true, true, &["email_code"]),
                "phone_number": attribute(false, false, false, &[]),
                "username": attribute(true, false, true, &[]),
                "web3_wallet": attribute(false, false, false, &[]),
                "first_name": attribute(true, false, false, &[]),
                "last_name": attribute(true, false, false, &[]),
                "password": attribute(true, true, false, &[]),
                "authenticator_app": attribute(false, false, false, &[]),
                "backup_code": attribute(false, false, false, &[]),
                "passkey": attribute(false, false, false, &[]),
            },
            "actions": { "delete_self": true, "create_organization": true },
            "attack_protection": { "enumeration_protection": { "enabled": false } },
            "enterprise_sso": { "enabled": false, "self_serve_sso": false, "self_serve_directory_sync": false },
            "passkey_settings": { "allow_autofill": false, "show_sign_in_button": false },
            "password_settings": {
                "disable_hibp": false,
                "min_length": 8,
                "max_length": 72,
                "require_special_char": false,
                "require_numbers": false,
                "require_uppercase": false,
                "require_lowercase": false,
                "show_zxcvbn": false,
                "min_zxcvbn_strength": 0,
                "enforce_hibp_on_sign_in": false,
                "allowed_special_characters": "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
            },
            "sign_in": { "second_factor": { "required": false, "enabled": false } },
            "sign_up": {
                "allowlist_only": false,
                "captcha_enabled": false,
                "legal_consent_enabled": false,
                "mode": "public",
                "progressive": true,
                "mfa": { "required": false },
            },
            "social": {},
            "username_settings": { "min_length": 4, "max_length": 64 },
        },
        "organization_settings": {
            "enabled": true,
            "max_allowed_memberships": max_allowed_memberships,
            "actions": { "admin_delete": true },
            "domains": { "enabled": false, "enrollment_modes": [], "default_role": DEFAULT_ROLE },
            "slug": { "disabled": false },
            "creator_role": "org:admin",
            "force_organization_selection": false,
            "organization_creation_defaults": { "enabled": false },
        },
        "commerce_settings": {
            "billing": {
                "stripe_publishable_key": null,
                "organization": { "enabled": false, "has_paid_plans": false },
                "user": { "enabled": false, "has_paid_plans": false },
            },
        },
        "api_keys_settings": { "user_api_keys_enabled": false, "orgs_api_keys_enabled": false },
        "maintenance_mode": false,
        "client_debug_mode": false,
        "partitioned_cookies": false,
    })
}
