//! `iam-harden fix`: which fix to run, with what, and the walk of `fix all`. The fixes
//! themselves, and what they share (plans, the change log, verification), are in `crate::fix`.

use crate::fix::target::{FixTarget, run_target, until_signalled};
use crate::fix::{FixEnv, ensure_may_apply, journal};
use crate::global::GlobalArgs;
use crate::render::Format;
use anyhow::{Result, bail};
use clap::Args;
use std::io::IsTerminal;

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
