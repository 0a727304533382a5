//! `fix sign-in-url`: set the account alias that makes the console sign-in URL readable.

use anyhow::{Result, bail};
use clap::Args;
use serde_json::json;

use super::plan::{Action, CallPlan};
use super::{Applied, FixEnv, execute, present};
use crate::exit::{ERROR, GREEN};
use crate::render::Format;
use crate::report::sign_in_url;
use crate::snapshot::{fetch_aliases, fetch_identity};
use crate::text::Untrusted;

#[derive(Debug, Args)]
pub struct SignInUrlFixArgs {
    /// The account alias (3-63 lowercase letters, digits and single hyphens).
    #[arg(long, value_name = "NAME")]
    pub alias: Option<String>,

    /// Restore the alias recorded before the last sign-in-url change in the change log;
    /// refused when the alias has changed since.
    #[arg(long, conflicts_with = "alias")]
    pub undo: bool,
}

const FIX: &str = "sign-in-url";

pub async fn run(env: &FixEnv, args: &SignInUrlFixArgs) -> Result<u8> {
    if args.undo {
        return undo(env).await;
    }
    let (aliases, identity) = tokio::join!(
        fetch_aliases(&env.clients.iam),
        fetch_identity(&env.clients.sts)
    );
    let current = aliases?.into_iter().next();
    let account = identity.ok().map(|i| i.account);
    let alias = match &args.alias {
        Some(alias) => alias.clone(),
        None if env.interactive() => dialoguer::Input::<String>::new()
            .with_prompt("Account alias")
            .validate_with(|a: &String| crate::names::validate_alias(a).map_err(|e| e.to_string()))
            .interact_text()?,
        None => bail!("pass --alias NAME (asked only at a terminal)"),
    };
    let old_url = sign_in_url(current.as_deref(), account.as_deref());
    let new_url = sign_in_url(Some(&alias), None);
    if current.as_deref() == Some(alias.as_str()) {
        env.say(crate::said!(
            "The account alias is already {}: nothing to change.",
            Untrusted(&alias)
        ));
        return Ok(show_url(env, &alias));
    }
    let mut plan = CallPlan {
        summary: vec![
            format!(
                "sign-in URL now:       {}",
                old_url.as_deref().unwrap_or("unknown")
            ),
            format!(
                "sign-in URL after fix: {}",
                new_url.as_deref().unwrap_or("unknown")
            ),
        ],
        calls: Vec::new(),
        before: None,
    };
    // An account has at most one alias: replacing it means deleting the old one first.
    if let Some(old) = &current {
        plan.summary.push(format!(
            "The current alias {old} stops working for sign-in as soon as it is replaced."
        ));
        plan.calls.push(Action::DeleteAccountAlias {
            account_alias: old.clone(),
        });
    }
    plan.calls.push(Action::CreateAccountAlias {
        account_alias: alias.clone(),
    });
    present(env, FIX, &plan);
    let question = if current.is_some() {
        "Replace the account alias?"
    } else {
        "Create this account alias?"
    };
    match execute(env, FIX, &plan, question).await? {
        Applied::All => {
            let now = fetch_aliases(&env.clients.iam).await?;
            if now.first() == Some(&alias) {
                Ok(show_url(env, &alias))
            } else {
                env.say(crate::said!(
                    "The alias was set, but ListAccountAliases answers {}: not verified.",
                    Untrusted(&format!("{now:?}"))
                ));
                Ok(ERROR)
            }
        }
        Applied::Stopped(code) => Ok(code),
    }
}

/// `--undo`: give the account back the alias the change log recorded before the last
/// sign-in-url change (or none), if the alias is still what that change left.
async fn undo(env: &FixEnv) -> Result<u8> {
    const CALLS: &[&str] = &["CreateAccountAlias", "DeleteAccountAlias"];
    let (first, last) = env.last_logged_run(FIX, CALLS)?;
    let alias_of = |value: &serde_json::Value| value["AccountAlias"].as_str().map(str::to_string);
    let (before, after) = (alias_of(&first.change.before), alias_of(&last.change.after));
    if let Some(alias) = &before {
        // The log is a file anyone with access may edit: its alias is checked as typed ones are.
        crate::names::validate_alias(alias)?;
    }
    let current = fetch_aliases(&env.clients.iam).await?.into_iter().next();
    if current != after {
        bail!(
            "the account alias has changed since the logged change of {}: refusing to undo; \
             nothing was changed",
            last.time
        );
    }
    let mut plan = CallPlan {
        summary: vec![format!(
            "account alias: {} -> {}",
            current.as_deref().unwrap_or("none"),
            before.as_deref().unwrap_or("none")
        )],
        ..CallPlan::default()
    };
    if let Some(alias) = &current {
        plan.calls.push(Action::DeleteAccountAlias {
            account_alias: alias.clone(),
        });
    }
    if let Some(alias) = &before {
        plan.calls.push(Action::CreateAccountAlias {
            account_alias: alias.clone(),
        });
    }
    present(env, FIX, &plan);
    // The alias in use stops working for sign-in: "no" is the default, as for a replace.
    if let Applied::Stopped(code) =
        execute(env, FIX, &plan, "Restore the earlier account alias?").await?
    {
        return Ok(code);
    }
    let now = fetch_aliases(&env.clients.iam).await?.into_iter().next();
    if now != before {
        env.say(crate::said!(
            "The calls were applied, but ListAccountAliases answers {}: not verified.",
            Untrusted(&format!("{now:?}"))
        ));
        return Ok(ERROR);
    }
    match &before {
        Some(alias) => Ok(show_url(env, alias)),
        None => {
            let outcome = crate::checks::Outcome::pass(
                "The account alias is removed: the sign-in URL names the account id",
            );
            if env.format == Format::Json {
                env.result(FIX, &outcome, json!({ "alias": null }));
            } else {
                env.say(crate::text::Said::data(&outcome.reason));
            }
            Ok(GREEN)
        }
    }
}

fn show_url(env: &FixEnv, alias: &str) -> u8 {
    let url = sign_in_url(Some(alias), None).unwrap_or_default();
    if env.format == Format::Json {
        let outcome = crate::checks::Outcome::pass(format!("The sign-in URL is {url}"));
        env.result(FIX, &outcome, json!({ "alias": alias, "sign_in_url": url }));
    } else {
        env.say(crate::said!("sign-in-url is green: {}", Untrusted(&url)));
    }
    GREEN
}
