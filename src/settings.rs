//! The settings a run is measured against: the password-policy baseline and the day counts,
//! from the flags, then the config file, then the defaults.

use clap::Args;

use crate::checks::password_policy::Baseline;

/// The password-policy baseline that `password-policy` is measured against. Each flag wins
/// over the config file, which wins over the defaults (CIS AWS Foundations and Security Hub
/// IAM.7; expiry is never required, as NIST SP 800-63B advises against forced rotation).
#[derive(Debug, Args)]
#[command(next_help_heading = "Password-policy baseline")]
pub struct BaselineArgs {
    /// Minimum password length the policy must require [default: 14].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(6..=128))]
    pub min_length: Option<u32>,

    /// Passwords the policy must remember against reuse, 0: not required [default: 24].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=24))]
    pub reuse_prevention: Option<u32>,

    #[command(flatten)]
    pub requirements: RequirementFlags,
}

/// The `--require-*` / `--no-require-*` pairs shared by the audit baseline and the
/// password-policy fix; each pair is `None` unless one of its flags was given.
#[derive(Debug, Args)]
pub struct RequirementFlags {
    /// Require an uppercase letter (default).
    #[arg(long, overrides_with = "no_require_uppercase")]
    pub require_uppercase: bool,
    /// Do not require an uppercase letter.
    #[arg(long)]
    pub no_require_uppercase: bool,

    /// Require a lowercase letter (default).
    #[arg(long, overrides_with = "no_require_lowercase")]
    pub require_lowercase: bool,
    /// Do not require a lowercase letter.
    #[arg(long)]
    pub no_require_lowercase: bool,

    /// Require a number (default).
    #[arg(long, overrides_with = "no_require_numbers")]
    pub require_numbers: bool,
    /// Do not require a number.
    #[arg(long)]
    pub no_require_numbers: bool,

    /// Require a symbol (default).
    #[arg(long, overrides_with = "no_require_symbols")]
    pub require_symbols: bool,
    /// Do not require a symbol.
    #[arg(long)]
    pub no_require_symbols: bool,

    /// Let users change their own password (default).
    #[arg(long, overrides_with = "no_allow_users_to_change")]
    pub allow_users_to_change: bool,
    /// Do not require that users may change their own password.
    #[arg(long)]
    pub no_allow_users_to_change: bool,
}

/// The five requirements as given on the command line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Requirements {
    pub uppercase: Option<bool>,
    pub lowercase: Option<bool>,
    pub numbers: Option<bool>,
    pub symbols: Option<bool>,
    pub users_may_change: Option<bool>,
}

impl RequirementFlags {
    pub fn given(&self) -> Requirements {
        Requirements {
            uppercase: pair(self.require_uppercase, self.no_require_uppercase),
            lowercase: pair(self.require_lowercase, self.no_require_lowercase),
            numbers: pair(self.require_numbers, self.no_require_numbers),
            symbols: pair(self.require_symbols, self.no_require_symbols),
            users_may_change: pair(self.allow_users_to_change, self.no_allow_users_to_change),
        }
    }
}

/// A `--x` / `--no-x` pair: `Some` when either was given.
fn pair(yes: bool, no: bool) -> Option<bool> {
    match (yes, no) {
        (_, true) => Some(false),
        (true, false) => Some(true),
        (false, false) => None,
    }
}

impl BaselineArgs {
    /// Flags first, then the config file, then the defaults.
    pub fn baseline(&self, file: &crate::config::BaselineOverrides) -> Baseline {
        let d = Baseline::default();
        let given = self.requirements.given();
        Baseline {
            min_length: self.min_length.or(file.min_length).unwrap_or(d.min_length),
            reuse_prevention: self
                .reuse_prevention
                .or(file.reuse_prevention)
                .unwrap_or(d.reuse_prevention),
            require_uppercase: given
                .uppercase
                .or(file.require_uppercase)
                .unwrap_or(d.require_uppercase),
            require_lowercase: given
                .lowercase
                .or(file.require_lowercase)
                .unwrap_or(d.require_lowercase),
            require_numbers: given
                .numbers
                .or(file.require_numbers)
                .unwrap_or(d.require_numbers),
            require_symbols: given
                .symbols
                .or(file.require_symbols)
                .unwrap_or(d.require_symbols),
            allow_users_to_change: given
                .users_may_change
                .or(file.allow_users_to_change)
                .unwrap_or(d.allow_users_to_change),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    /// The baseline flags as `audit` takes them.
    #[derive(Debug, Parser)]
    struct Cli {
        #[command(flatten)]
        baseline: BaselineArgs,
    }

    #[test]
    fn baseline_flags_relax_the_default() {
        let cli = Cli::try_parse_from(["audit", "--min-length", "10", "--no-require-symbols"])
            .expect("valid arguments");
        let baseline = cli.baseline.baseline(&Default::default());
        assert_eq!(baseline.min_length, 10);
        assert!(!baseline.require_symbols);
        assert!(baseline.require_uppercase);
        assert_eq!(baseline.reuse_prevention, 24);
    }

    #[test]
    fn flags_win_over_the_file_which_wins_over_defaults() {
        let file = crate::config::BaselineOverrides {
            min_length: Some(20),
            require_symbols: Some(false),
            require_numbers: Some(false),
            ..Default::default()
        };
        let cli = Cli::try_parse_from(["audit", "--min-length", "16", "--require-symbols"])
            .expect("valid arguments");
        let baseline = cli.baseline.baseline(&file);
        assert_eq!(baseline.min_length, 16, "flag wins");
        assert!(baseline.require_symbols, "flag wins");
        assert!(!baseline.require_numbers, "file wins over default");
        assert_eq!(baseline.reuse_prevention, 24, "default");
    }

    #[test]
    fn out_of_range_baseline_is_a_usage_error() {
        for args in [["--min-length", "5"], ["--reuse-prevention", "25"]] {
            let err = Cli::try_parse_from(["audit", args[0], args[1]]).expect_err("out of range");
            assert_eq!(err.exit_code(), 2);
        }
    }
}
