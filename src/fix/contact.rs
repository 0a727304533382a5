//! `fix security-contact`: register the account's SECURITY alternate contact (CIS 1.2),
//! with the usual plan, confirm, apply and verify.

use anyhow::{Result, bail};
use clap::Args;

use super::plan::{Action, AlternateContact, CallPlan};
use super::{Applied, FixEnv, execute, present, verify};
use crate::settings::Settings;
use crate::snapshot::account::fetch_security_contact;

const CHECK: &str = "security-contact";

#[derive(Debug, Args)]
pub struct SecurityContactFixArgs {
    /// Who AWS should reach about security issues: a person or a team (1-64 characters).
    #[arg(long, value_name = "NAME")]
    pub name: String,

    /// The contact's email address, ideally a team mailbox.
    #[arg(long, value_name = "ADDRESS")]
    pub email: String,

    /// The contact's phone number (digits, spaces, +, -, parentheses).
    #[arg(long, value_name = "NUMBER")]
    pub phone: String,

    /// The contact's title (1-50 characters).
    #[arg(long, value_name = "TITLE", default_value = "Security")]
    pub title: String,
}

/// The Account API's rules for an alternate contact, checked before any call.
pub fn validate(args: &SecurityContactFixArgs) -> Result<()> {
    let length = |what: &str, value: &str, max: usize| {
        if value.trim().is_empty() || value.chars().count() > max {
            bail!("--{what} must be 1 to {max} characters");
        }
        if value.chars().any(char::is_control) {
            bail!("--{what} must not contain control characters");
        }
        Ok(())
    };
    length("name", &args.name, 64)?;
    length("title", &args.title, 50)?;
    length("email", &args.email, 254)?;
    length("phone", &args.phone, 25)?;
    let email_ok = args.email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !args.email.chars().any(char::is_whitespace)
    });
    if !email_ok {
        bail!("--email {:?} is not an email address", args.email);
    }
    let phone_ok = args
        .phone
        .chars()
        .all(|c| c.is_ascii_digit() || " ()+-".contains(c))
        && args.phone.chars().any(|c| c.is_ascii_digit());
    if !phone_ok {
        bail!(
            "--phone {:?} may hold only digits, spaces, +, - and parentheses",
            args.phone
        );
    }
    Ok(())
}

pub async fn run(env: &FixEnv, args: &SecurityContactFixArgs) -> Result<u8> {
    let settings = Settings::default();
    let current = fetch_security_contact(&env.clients.account).await?;
    let wanted = (&args.name, &args.email, &args.phone);
    if current
        .as_ref()
        .is_some_and(|c| (&c.name, &c.email, &c.phone) == wanted)
    {
        env.say("The security contact is already registered as given: nothing to change.");
        return Ok(verify(env, CHECK, &settings).await);
    }
    let was = match &current {
        Some(c) => format!("{} <{}>, {}", c.name, c.email, c.phone),
        None => "none".into(),
    };
    let plan = CallPlan {
        summary: vec![format!(
            "security contact: {was} -> {} <{}>, {}",
            args.name, args.email, args.phone
        )],
        calls: vec![Action::PutAlternateContact(AlternateContact {
            alternate_contact_type: "SECURITY".into(),
            name: args.name.clone(),
            title: args.title.clone(),
            email_address: args.email.clone(),
            phone_number: args.phone.clone(),
        })],
        before: Some(match &current {
            Some(c) => serde_json::json!({
                "AlternateContactType": "SECURITY",
                "Name": c.name,
                "EmailAddress": c.email,
                "PhoneNumber": c.phone,
            }),
            None => serde_json::Value::Null,
        }),
    };
    present(env, CHECK, &plan);
    let question = match current {
        Some(_) => "Replace the security contact?",
        None => "Register this security contact?",
    };
    Ok(match execute(env, CHECK, &plan, question).await? {
        Applied::All => verify(env, CHECK, &settings).await,
        Applied::Stopped(code) => code,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(name: &str, email: &str, phone: &str) -> SecurityContactFixArgs {
        SecurityContactFixArgs {
            name: name.into(),
            email: email.into(),
            phone: phone.into(),
            title: "Security".into(),
        }
    }

    #[test]
    fn contact_details_are_checked_before_any_call() {
        assert!(
            validate(&args(
                "Security team",
                "sec@example.com",
                "+1 (555) 010-0100"
            ))
            .is_ok()
        );
        for (bad, why) in [
            (args("", "sec@example.com", "+1 555"), "--name"),
            (args("Team", "not-an-address", "+1 555"), "--email"),
            (args("Team", "sec@localhost", "+1 555"), "--email"),
            (args("Team", "sec @example.com", "+1 555"), "--email"),
            (args("Team", "sec@example.com", "call me"), "--phone"),
            (args("Team\n99. x", "sec@example.com", "+1 555"), "--name"),
        ] {
            let err = validate(&bad).expect_err(why).to_string();
            assert!(err.starts_with(why), "{err}");
        }
    }
}
