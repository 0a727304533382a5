//! The command line: every flag, its help text and its value checks live here.

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::checks::password_policy::Baseline;

pub const EXIT_CODES: &str = "\
Exit codes:
  0  every check is green
  1  at least one check is orange, none errored
  2  could not decide: usage error, no credentials, endpoint unreachable,
     or a check whose data could not be read";

#[derive(Debug, Parser)]
#[command(
    name = "iam-harden",
    version,
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

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Named profile from the AWS config files (default: AWS_PROFILE or "default").
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Region used for signing and for STS (IAM itself is global; default: us-east-1
    /// when no region is configured).
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,

    /// Send every request to this endpoint instead of AWS (a local IAM server, a proxy).
    /// AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins.
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,

    /// Output format: a checklist for people, or JSON for machines (stdout only).
    #[arg(long, global = true, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// When to colour the output; "auto" colours a terminal unless NO_COLOR is set.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read the account and print the five-item security checklist.
    Audit(AuditArgs),
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub baseline: BaselineArgs,
}

/// The password-policy baseline that `password-policy` is measured against.
/// Defaults follow CIS AWS Foundations and Security Hub IAM.7; expiry is never
/// required (NIST SP 800-63B advises against forced rotation).
#[derive(Debug, Args)]
#[command(next_help_heading = "Password-policy baseline")]
pub struct BaselineArgs {
    /// Minimum password length the policy must require.
    #[arg(long, value_name = "N", default_value_t = Baseline::default().min_length,
          value_parser = clap::value_parser!(u32).range(6..=128))]
    pub min_length: u32,

    /// Passwords the policy must remember against reuse (0: not required).
    #[arg(long, value_name = "N", default_value_t = Baseline::default().reuse_prevention,
          value_parser = clap::value_parser!(u32).range(0..=24))]
    pub reuse_prevention: u32,

    /// Do not require the policy to demand an uppercase letter.
    #[arg(long)]
    pub no_require_uppercase: bool,

    /// Do not require the policy to demand a lowercase letter.
    #[arg(long)]
    pub no_require_lowercase: bool,

    /// Do not require the policy to demand a number.
    #[arg(long)]
    pub no_require_numbers: bool,

    /// Do not require the policy to demand a symbol.
    #[arg(long)]
    pub no_require_symbols: bool,

    /// Do not require the policy to let users change their own password.
    #[arg(long)]
    pub no_allow_users_to_change: bool,
}

impl BaselineArgs {
    pub fn baseline(&self) -> Baseline {
        Baseline {
            min_length: self.min_length,
            reuse_prevention: self.reuse_prevention,
            require_uppercase: !self.no_require_uppercase,
            require_lowercase: !self.no_require_lowercase,
            require_numbers: !self.no_require_numbers,
            require_symbols: !self.no_require_symbols,
            allow_users_to_change: !self.no_allow_users_to_change,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Parse the process arguments; help texts that come from the checks table are added here.
pub fn parse() -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    let audit_help = format!("{}\n{EXIT_CODES}", crate::checks::help_text());
    let matches = Cli::command()
        .mut_subcommand("audit", |audit| audit.after_help(audit_help))
        .get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit())
}

impl ColorChoice {
    /// `auto` colours only a terminal, and never when NO_COLOR is set to a non-empty value
    /// (no-color.org); an explicit `always` wins over NO_COLOR.
    pub fn enabled(self, is_terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && no_color.is_none_or(|v| v.is_empty()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use std::ffi::OsStr;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn color_auto_follows_terminal_and_no_color() {
        assert!(ColorChoice::Auto.enabled(true, None));
        assert!(!ColorChoice::Auto.enabled(false, None));
        assert!(!ColorChoice::Auto.enabled(true, Some(OsStr::new("1"))));
        assert!(ColorChoice::Auto.enabled(true, Some(OsStr::new(""))));
        assert!(ColorChoice::Always.enabled(false, Some(OsStr::new("1"))));
        assert!(!ColorChoice::Never.enabled(true, None));
    }

    #[test]
    fn baseline_flags_relax_the_default() {
        let cli = Cli::try_parse_from([
            "iam-harden",
            "audit",
            "--min-length",
            "10",
            "--no-require-symbols",
        ])
        .expect("valid arguments");
        let Command::Audit(args) = cli.command;
        let baseline = args.baseline.baseline();
        assert_eq!(baseline.min_length, 10);
        assert!(!baseline.require_symbols);
        assert!(baseline.require_uppercase);
        assert_eq!(baseline.reuse_prevention, 24);
    }

    #[test]
    fn out_of_range_baseline_is_a_usage_error() {
        for args in [["--min-length", "5"], ["--reuse-prevention", "25"]] {
            let err = Cli::try_parse_from(["iam-harden", "audit", args[0], args[1]])
                .expect_err("out of range");
            assert_eq!(err.exit_code(), 2);
        }
    }
}
