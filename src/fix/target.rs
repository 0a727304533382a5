//! Which fix to run, with what options (`fix <item>`'s subcommands), and the walk of
//! `fix all` (and `audit --fix`): every orange item in checklist order.

use anyhow::Result;
use clap::{Parser, Subcommand};

use super::{FixEnv, alias, contact, groups, is_interrupted, mfa, password_policy, root, users};
use crate::checks::{CHECKS, Status};
use crate::exit::{ERROR, GREEN, INTERRUPTED, ORANGE};
use crate::names::{Entity, validate_alias, validate_name, validate_policy_arn};
use crate::settings::Settings;
use crate::snapshot::fetch;
use crate::text::Untrusted;

#[derive(Debug, Subcommand)]
pub enum FixTarget {
    /// Write a password policy that meets the baseline without weakening any current value.
    PasswordPolicy(password_policy::PasswordPolicyFixArgs),
    /// Create an admin group and move users' own policies into groups, without lost access.
    Groups(groups::GroupsFixArgs),
    /// Create an IAM user for daily work, in the admin group, with a console password.
    IndividualUsers(users::IndividualUsersFixArgs),
    /// Deactivate (or delete) the root user's access keys; only root itself can.
    RootAccessKeys(root::RootAccessKeysFixArgs),
    /// Guide through enabling root MFA in the console (AWS offers no API) and verify it.
    RootMfa(root::RootMfaFixArgs),
    /// Set the account alias that makes the sign-in URL readable.
    SignInUrl(alias::SignInUrlFixArgs),
    /// Enrol a virtual MFA device for a user, in the terminal (QR code, two codes).
    UserMfa(mfa::UserMfaFixArgs),
    /// Register the account's security contact (AWS Account API).
    SecurityContact(contact::SecurityContactFixArgs),
    /// Every orange item, in checklist order, with default options.
    All,
}

impl FixTarget {
    /// The fix with its default options for a check id.
    pub fn default_for(check_id: &str) -> Option<FixTarget> {
        /// `fix` alone, to parse a check id as its subcommand.
        #[derive(Parser)]
        struct Fix {
            #[command(subcommand)]
            target: FixTarget,
        }
        Fix::try_parse_from(["fix", check_id])
            .ok()
            .map(|fix| fix.target)
    }

    /// Is this an `--undo` of an earlier change?
    pub fn undo(&self) -> bool {
        match self {
            FixTarget::PasswordPolicy(a) => a.undo,
            FixTarget::SignInUrl(a) => a.undo,
            _ => false,
        }
    }

    /// Check every name and value before any call.
    pub fn validate(&self) -> anyhow::Result<()> {
        match self {
            FixTarget::Groups(a) => {
                validate_name(Entity::Group, &a.group)?;
                validate_policy_arn(&a.policy_arn)
            }
            FixTarget::IndividualUsers(a) => {
                if let Some(user) = &a.user {
                    validate_name(Entity::User, user)?;
                }
                validate_name(Entity::Group, &a.group)?;
                validate_policy_arn(&a.policy_arn)
            }
            FixTarget::UserMfa(a) => validate_name(Entity::User, &a.user),
            FixTarget::SignInUrl(a) => match &a.alias {
                Some(name) => validate_alias(name),
                None => Ok(()),
            },
            FixTarget::SecurityContact(a) => contact::validate(a),
            FixTarget::PasswordPolicy(_)
            | FixTarget::RootAccessKeys(_)
            | FixTarget::RootMfa(_)
            | FixTarget::All => Ok(()),
        }
    }
}

/// Run a fix (or `fix all`) until it ends or a signal stops it: Ctrl-C at a prompt, or
/// SIGINT, SIGTERM or SIGHUP while it reads, ends it at once with 130, 143 or 129 and the
/// terminal restored; sections that write handle signals themselves and report what they
/// applied.
pub async fn until_signalled(
    env: &FixEnv,
    fix: impl std::future::Future<Output = Result<u8>>,
) -> Result<u8> {
    let signalled = crate::fix::first_signal()?;
    let interrupted = |code| {
        crate::output::say_interrupted();
        Ok(code)
    };
    tokio::select! {
        biased;
        result = fix => match result {
            Err(err) if is_interrupted(&err) => interrupted(INTERRUPTED),
            Ok(code) => Ok(env.exit_code(code)),
            Err(err) => Err(err),
        },
        code = signalled => interrupted(code),
    }
}

pub async fn run_target(env: &FixEnv, target: &FixTarget) -> Result<u8> {
    match target {
        FixTarget::PasswordPolicy(a) => password_policy::run(env, a).await,
        FixTarget::Groups(a) => groups::run(env, a).await,
        FixTarget::IndividualUsers(a) => users::run(env, a).await,
        FixTarget::RootAccessKeys(a) => root::access_keys(env, a).await,
        FixTarget::RootMfa(a) => root::mfa(env, a).await,
        FixTarget::SignInUrl(a) => alias::run(env, a).await,
        FixTarget::SecurityContact(a) => contact::run(env, a).await,
        FixTarget::UserMfa(a) => mfa::run(env, a).await,
        FixTarget::All => all(env).await,
    }
}

/// Every orange item of the checklist, in order, each with its default options: the
/// console's five, the checks whose sources it read.
pub async fn all(env: &FixEnv) -> Result<u8> {
    let snapshot = fetch(&env.clients, &crate::checks::console_sources()).await;
    let settings = Settings::default();
    let mut worst = GREEN;
    for check in CHECKS.iter().filter(|c| !c.extended) {
        let outcome = (check.run)(&snapshot, &settings);
        if outcome.status == Status::Pass {
            continue;
        }
        env.say("");
        env.say(crate::said!(
            "== {} ({})",
            check.title,
            check.fix.unwrap_or(check.id)
        ));
        let Some(target) = FixTarget::default_for(check.id) else {
            continue;
        };
        if matches!(&target, FixTarget::IndividualUsers(a) if a.user.is_none())
            && !env.interactive()
        {
            // The new user's name is the user's choice: never invent one.
            env.say("Skipped: run `iam-harden fix individual-users --user NAME` to create one.");
            worst = worst.max(ORANGE);
            continue;
        }
        let code = match Box::pin(run_target(env, &target)).await {
            Ok(code) => code,
            Err(err) if is_interrupted(&err) => {
                crate::output::restore_terminal();
                INTERRUPTED
            }
            Err(err) => {
                env.say(crate::said!("error: {}", Untrusted(&format!("{err:#}"))));
                ERROR
            }
        };
        // A signal ends the whole walk: no further item is read, asked or written.
        if crate::exit::is_signal(code) {
            return Ok(code);
        }
        worst = worst.max(code);
    }
    if worst == GREEN {
        env.say("Every item is green.");
    }
    Ok(worst)
}
