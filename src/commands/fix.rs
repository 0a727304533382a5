//! `iam-harden fix`: which fix to run, with what, and the walk of `fix all`. The fixes
//! themselves, and what they share (plans, the change log, verification), are in `crate::fix`.

use std::io::IsTerminal;

use anyhow::{Result, bail};
use clap::{Args, Parser, Subcommand};

use super::GlobalArgs;
use crate::checks::{CHECKS, Status};
use crate::exit::{ERROR, GREEN, INTERRUPTED, ORANGE};
use crate::fix::{
    FixEnv, alias, contact, ensure_may_apply, groups, is_interrupted, journal, mfa,
    password_policy, root, users,
};
use crate::names::{Entity, validate_alias, validate_name, validate_policy_arn};
use crate::render::Format;
use crate::settings::Settings;
use crate::snapshot::fetch;
use crate::text::Untrusted;

#[derive(Debug, Args)]
#[command(after_help = FIX_HELP)]
pub struct FixArgs {
    #[command(subcommand)]
    pub target: FixTarget,

    /// Print the plan (as JSON with --format json) and change nothing.
    #[arg(long, global = true, display_order = 800)]
    pub dry_run: bool,

    /// Apply without asking: for automation. Without a terminal on stdin, fixes refuse
    /// to run unless this or --dry-run is given.
    #[arg(long, short = 'y', global = true, display_order = 801)]
    pub yes: bool,

    /// The change log every applied call is appended to (JSON Lines, created 0600); a
    /// log that cannot be written stops the fix before any call [default:
    /// $XDG_STATE_HOME/iam-harden/changes.jsonl, else ~/.local/state/...].
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        env = "IAM_HARDEN_JOURNAL",
        display_order = 802
    )]
    pub journal: Option<std::path::PathBuf>,

    /// Accepted only to refuse with a reason: a fix changes one account at a time.
    #[arg(long, global = true, hide = true)]
    pub org: bool,
    #[arg(long, global = true, hide = true, value_name = "IDS")]
    pub accounts: Option<String>,
}

pub const FIX_HELP: &str = "\
Every fix shows its plan (the IAM calls, secrets redacted), asks, applies the calls in order,
then re-reads the account and reports the item's status.

Exit codes:
  0  the item is green (after the fix, or already)
  1  the item is still orange (declined, dry run, or a guided fix not completed)
  2  error: bad input, no terminal without --yes, or a call failed (the calls are listed)
  2  also when an applied change could not be written to the change log
  130  interrupted by Ctrl-C during the writes (the calls are listed);
       143 for SIGTERM, 129 for SIGHUP";

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

pub async fn run(global: &GlobalArgs, args: &FixArgs) -> Result<u8> {
    let stdin_terminal = std::io::stdin().is_terminal();
    // Input first, then the terminal rule: both before any call. Root MFA only guides and
    // watches, so it runs anywhere.
    if !matches!(global.format, Format::Table | Format::Json) {
        bail!("fix prints --format table or json");
    }
    if args.org || args.accounts.is_some() {
        bail!(
            "fix changes one account at a time: run it per account (--profile, or credentials \
             of that account) for the items `audit --org` showed; nothing was changed"
        );
    }
    args.target.validate()?;
    if !matches!(args.target, FixTarget::RootMfa(_)) {
        ensure_may_apply(args.dry_run, args.yes, stdin_terminal)?;
    }
    // Enrolment needs a person at a terminal to scan and type codes, --yes or not; and the
    // seed may only be shown on a terminal.
    if matches!(args.target, FixTarget::UserMfa(_))
        && !args.dry_run
        && !(stdin_terminal && std::io::stdout().is_terminal())
    {
        bail!(
            "fix user-mfa needs a terminal: the QR code is scanned and two codes typed; nothing was changed"
        );
    }
    // The log before any call: one that cannot be written stops the fix here.
    let journal = match args.dry_run {
        true => journal::Journal::locate(args.journal.as_deref())?,
        false => journal::Journal::open(args.journal.as_deref())?,
    };
    let config = crate::aws::load_config(&global.aws(), global.timeout()).await?;
    let mut env = FixEnv::new(
        &config,
        global.format,
        args.dry_run,
        args.yes,
        Some(journal),
    )
    .await?;
    env.undo = args.target.undo();
    until_signalled(&env, Box::pin(run_target(&env, &args.target))).await
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

async fn run_target(env: &FixEnv, target: &FixTarget) -> Result<u8> {
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
