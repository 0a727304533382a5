//! The command line as a whole: the subcommands, the help texts, parsing and dispatch. Each
//! command's own flags live beside it in `commands/`, the shared ones in `global::GlobalArgs`.

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::commands;
use crate::global::GlobalArgs;

pub const EXIT_CODES: &str = "\
Exit codes:
  0  every check is green, waived, or orange below --fail-on
  1  at least one orange item at or above --fail-on (default: any), none errored
  2  could not decide: usage error, no credentials, endpoint unreachable or
     silent past --timeout, a malformed reply, or a check whose data could
     not be read";

#[derive(Debug, Parser)]
#[command(
    name = "iam-harden",
    version = VERSION,
    about = "Audit and harden the identity basics of an AWS account",
    long_about = "Audit and harden the identity basics of an AWS account: the five items of the \
                  IAM console's security checklist, read live through the IAM API.",
    after_help = EXIT_CODES,
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read the account and print the five-item security checklist (--all: every check,
    /// the CIS ones and beyond).
    Audit(commands::audit::AuditArgs),
    /// Remediate one item: show the plan, confirm, apply, verify.
    Fix(commands::fix::FixArgs),
    /// Write a commented default iam-harden.toml (never overwrites).
    Init {
        /// Where to write it.
        #[arg(long, value_name = "PATH", default_value = crate::config::DEFAULT_FILE)]
        path: std::path::PathBuf,
    },
    /// Combine JSON reports (of shards, or of separate runs) into one and render it in any
    /// --format; reports of the same account are refused, other tool versions noted.
    Merge(commands::merge::MergeArgs),
    /// Compare two JSON reports: new, resolved and unchanged findings, and checks whose status
    /// changed, per account; exit 1 when a new finding is at or above --fail-on.
    Diff(commands::diff::DiffArgs),
    /// Print the least-privilege IAM policy a command needs.
    Permissions(commands::permissions::PermissionsArgs),
    /// List the checks: id, severity, CIS and Security Hub ids, title (--format table, json
    /// or markdown).
    Checks {
        /// The extended checks too.
        #[arg(long)]
        all: bool,
    },
    /// Explain one check: what green means, why it matters, what it reads, how to fix it;
    /// or, with --principal, how one user or role can become an administrator and what
    /// blocks every other way (read from the account).
    Explain {
        /// A check id (root-mfa), a CIS recommendation (1.4) or a Security Hub control
        /// (IAM.9).
        #[arg(required_unless_present = "principal")]
        id: Option<String>,
        /// A user or role (ARN or name): its shortest path to administrator, and each
        /// escalation it could try that is blocked, with what blocks it (--format table or
        /// json).
        #[arg(long, value_name = "ARN_OR_NAME", conflicts_with = "id")]
        principal: Option<String>,
    },
    /// Print a completion script for a shell.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) on stdout, or write every page (one per subcommand, as
    /// the main page names them) into a directory.
    Man {
        /// Write iam-harden.1 and a page for each subcommand (iam-harden-audit.1, ...) here.
        #[arg(long, value_name = "DIR")]
        dir: Option<std::path::PathBuf>,
    },
}

/// `--version`: the version and the commit it was built from.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("IAM_HARDEN_COMMIT"),
    ")"
);

/// Parse the process arguments; help texts that come from the checks table are added here.
pub fn parse() -> Cli {
    use clap::FromArgMatches;
    let matches = command().get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit())
}

/// The whole command-line definition, with the help texts built from the checks table: what
/// parsing, completions and the man page all start from.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let audit_help = format!("{}\n{EXIT_CODES}", crate::checks::help_text());
    Cli::command().mut_subcommand("audit", |audit| audit.after_help(audit_help))
}

/// Run the parsed command; its exit status, or the error that kept it from deciding.
pub async fn run(cli: &Cli) -> Result<u8> {
    let global = &cli.global;
    crate::aws::set_verbose(global.verbose);
    match &cli.command {
        Command::Audit(args) => commands::audit::run(global, args).await,
        Command::Merge(args) => commands::merge::run(global, args),
        Command::Diff(args) => commands::diff::run(global, args),
        Command::Fix(args) => commands::fix::run(global, args).await,
        Command::Init { path } => commands::init(path),
        Command::Permissions(args) => commands::permissions::run(args),
        Command::Checks { all } => commands::checks::list(global.format, *all),
        Command::Explain {
            principal: Some(who),
            ..
        } => commands::checks::explain_principal(global, who).await,
        Command::Explain { id, .. } => commands::checks::explain(id.as_deref().unwrap_or_default()),
        Command::Completions { shell } => commands::completions(*shell, command()),
        Command::Man { dir } => commands::man(command(), dir.as_deref()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        command().debug_assert();
    }
}
