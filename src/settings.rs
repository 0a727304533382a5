//! What the checks are measured against (the password-policy baseline, the day counts, the
//! clock), resolved once: a flag wins over the config file, which wins over the defaults.
//! The defaults and allowed ranges are defined here and nowhere else: the flags, the config
//! file parser and `iam-harden init`'s template all read them from these constants.

use std::ops::RangeInclusive;

use clap::Args;
use serde::Deserialize;

/// A number the user may set: its default and the values allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounded {
    pub default: u32,
    pub min: u32,
    pub max: u32,
}

impl Bounded {
    const fn new(default: u32, range: RangeInclusive<u32>) -> Self {
        Self {
            default,
            min: *range.start(),
            max: *range.end(),
        }
    }

    pub const fn range(self) -> RangeInclusive<u32> {
        self.min..=self.max
    }

    /// For a flag: a value outside the range is a usage error.
    pub fn parser(self) -> clap::builder::RangedI64ValueParser<u32> {
        parser(self.range())
    }
}

/// A flag's parser for a number without a default: outside `range` is a usage error.
pub fn parser(range: RangeInclusive<u32>) -> clap::builder::RangedI64ValueParser<u32> {
    clap::value_parser!(u32).range(i64::from(*range.start())..=i64::from(*range.end()))
}

/// What IAM accepts in an account password policy (UpdateAccountPasswordPolicy).
pub const IAM_MIN_LENGTH: RangeInclusive<u32> = 6..=128;
pub const IAM_REUSE_PREVENTION: RangeInclusive<u32> = 1..=24;
pub const IAM_MAX_AGE: RangeInclusive<u32> = 1..=1095;

/// The baseline (CIS AWS Foundations, Security Hub IAM.7): at least 14 characters, the last
/// 24 passwords remembered (0: reuse is not checked).
pub const MIN_LENGTH: Bounded = Bounded::new(14, IAM_MIN_LENGTH);
pub const REUSE_PREVENTION: Bounded = Bounded::new(24, 0..=*IAM_REUSE_PREVENTION.end());
/// What `fix password-policy` writes by default: the baseline, within IAM's limits.
pub const FIX_REUSE_PREVENTION: Bounded =
    Bounded::new(REUSE_PREVENTION.default, IAM_REUSE_PREVENTION);

/// Day counts of the extended checks (CIS AWS Foundations v5.0.0 defaults).
pub const UNUSED_DAYS: Bounded = Bounded::new(45, 1..=3650);
pub const ROTATION_DAYS: Bounded = Bounded::new(90, 1..=3650);
pub const ROOT_RECENT_DAYS: Bounded = Bounded::new(90, 1..=3650);

/// Settings the checks are measured against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub baseline: Baseline,
    pub thresholds: Thresholds,
    /// The clock the day counts use (injectable for tests).
    pub now: time::OffsetDateTime,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            baseline: Baseline::default(),
            thresholds: Thresholds::default(),
            now: time::OffsetDateTime::now_utc(),
        }
    }
}

impl Settings {
    /// The flags over the config file's values over the defaults.
    pub fn resolve(flags: &Overrides, file: &Overrides, now: time::OffsetDateTime) -> Self {
        Self {
            baseline: flags.baseline.or(&file.baseline).resolve(),
            thresholds: flags.thresholds.or(&file.thresholds).resolve(),
            now,
        }
    }
}

/// What a password policy must demand. `reuse_prevention` 0 means reuse is not checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Baseline {
    pub min_length: u32,
    pub reuse_prevention: u32,
    pub require_uppercase: bool,
    pub require_lowercase: bool,
    pub require_numbers: bool,
    pub require_symbols: bool,
    pub allow_users_to_change: bool,
}

impl Default for Baseline {
    fn default() -> Self {
        BaselineOverrides::default().resolve()
    }
}

/// Day counts of the extended checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// Passwords and keys unused this many days or more are orange (CIS 1.11).
    pub unused_days: u32,
    /// Active keys this many days old or more are orange (CIS 1.13).
    pub rotation_days: u32,
    /// Root use within this many days is orange (CIS 1.6).
    pub root_recent_days: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        ThresholdOverrides::default().resolve()
    }
}

/// The values one source gives (the flags, or the config file); `None` leaves the next
/// source in force.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub baseline: BaselineOverrides,
    pub thresholds: ThresholdOverrides,
}

/// Baseline values one source gives. `N` is `u32`, or the config file's spanned number
/// before its range is checked.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BaselineOverrides<N = u32> {
    pub min_length: Option<N>,
    pub reuse_prevention: Option<N>,
    pub require_uppercase: Option<bool>,
    pub require_lowercase: Option<bool>,
    pub require_numbers: Option<bool>,
    pub require_symbols: Option<bool>,
    pub allow_users_to_change: Option<bool>,
}

// By hand: nothing given is the default whatever `N` is.
impl<N> Default for BaselineOverrides<N> {
    fn default() -> Self {
        Self {
            min_length: None,
            reuse_prevention: None,
            require_uppercase: None,
            require_lowercase: None,
            require_numbers: None,
            require_symbols: None,
            allow_users_to_change: None,
        }
    }
}

impl BaselineOverrides {
    /// These values, then `next`'s where these give none.
    pub fn or(&self, next: &Self) -> Self {
        Self {
            min_length: self.min_length.or(next.min_length),
            reuse_prevention: self.reuse_prevention.or(next.reuse_prevention),
            require_uppercase: self.require_uppercase.or(next.require_uppercase),
            require_lowercase: self.require_lowercase.or(next.require_lowercase),
            require_numbers: self.require_numbers.or(next.require_numbers),
            require_symbols: self.require_symbols.or(next.require_symbols),
            allow_users_to_change: self.allow_users_to_change.or(next.allow_users_to_change),
        }
    }

    /// The defaults where no source gave a value: every requirement on.
    pub fn resolve(&self) -> Baseline {
        Baseline {
            min_length: self.min_length.unwrap_or(MIN_LENGTH.default),
            reuse_prevention: self.reuse_prevention.unwrap_or(REUSE_PREVENTION.default),
            require_uppercase: self.require_uppercase.unwrap_or(true),
            require_lowercase: self.require_lowercase.unwrap_or(true),
            require_numbers: self.require_numbers.unwrap_or(true),
            require_symbols: self.require_symbols.unwrap_or(true),
            allow_users_to_change: self.allow_users_to_change.unwrap_or(true),
        }
    }
}

/// Day counts one source gives.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ThresholdOverrides<N = u32> {
    pub unused_days: Option<N>,
    pub rotation_days: Option<N>,
    pub root_recent_days: Option<N>,
}

// By hand: nothing given is the default whatever `N` is.
impl<N> Default for ThresholdOverrides<N> {
    fn default() -> Self {
        Self {
            unused_days: None,
            rotation_days: None,
            root_recent_days: None,
        }
    }
}

impl ThresholdOverrides {
    /// These values, then `next`'s where these give none.
    pub fn or(&self, next: &Self) -> Self {
        Self {
            unused_days: self.unused_days.or(next.unused_days),
            rotation_days: self.rotation_days.or(next.rotation_days),
            root_recent_days: self.root_recent_days.or(next.root_recent_days),
        }
    }

    pub fn resolve(&self) -> Thresholds {
        Thresholds {
            unused_days: self.unused_days.unwrap_or(UNUSED_DAYS.default),
            rotation_days: self.rotation_days.unwrap_or(ROTATION_DAYS.default),
            root_recent_days: self.root_recent_days.unwrap_or(ROOT_RECENT_DAYS.default),
        }
    }
}

/// `audit`'s day-count flags.
#[derive(Debug, Args)]
pub struct ThresholdArgs {
    #[arg(long, value_name = "DAYS", value_parser = UNUSED_DAYS.parser(),
          help = format!("unused-credentials: days without use that make a password or key orange [default: {}]", UNUSED_DAYS.default))]
    pub unused_days: Option<u32>,

    #[arg(long, value_name = "DAYS", value_parser = ROTATION_DAYS.parser(),
          help = format!("access-key-rotation: age in days that makes an active key orange [default: {}]", ROTATION_DAYS.default))]
    pub rotation_days: Option<u32>,

    #[arg(long, value_name = "DAYS", value_parser = ROOT_RECENT_DAYS.parser(),
          help = format!("root-recent-use: root use within this many days is orange [default: {}]", ROOT_RECENT_DAYS.default))]
    pub root_recent_days: Option<u32>,
}

impl ThresholdArgs {
    pub fn overrides(&self) -> ThresholdOverrides {
        ThresholdOverrides {
            unused_days: self.unused_days,
            rotation_days: self.rotation_days,
            root_recent_days: self.root_recent_days,
        }
    }
}

/// The password-policy baseline that `password-policy` is measured against. Each flag wins
/// over the config file, which wins over the defaults (CIS AWS Foundations and Security Hub
/// IAM.7; expiry is never required, as NIST SP 800-63B advises against forced rotation).
#[derive(Debug, Args)]
#[command(next_help_heading = "Password-policy baseline")]
pub struct BaselineArgs {
    #[arg(long, value_name = "N", value_parser = MIN_LENGTH.parser(),
          help = format!("Minimum password length the policy must require [default: {}]", MIN_LENGTH.default))]
    pub min_length: Option<u32>,

    #[arg(long, value_name = "N", value_parser = REUSE_PREVENTION.parser(),
          help = format!("Passwords the policy must remember against reuse, 0: not required [default: {}]", REUSE_PREVENTION.default))]
    pub reuse_prevention: Option<u32>,

    #[command(flatten)]
    pub requirements: RequirementFlags,
}

impl BaselineArgs {
    pub fn overrides(&self) -> BaselineOverrides {
        BaselineOverrides {
            min_length: self.min_length,
            reuse_prevention: self.reuse_prevention,
            ..self.requirements.overrides()
        }
    }
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

impl RequirementFlags {
    /// The requirements given on the command line, each `None` unless one of its pair was.
    pub fn overrides(&self) -> BaselineOverrides {
        BaselineOverrides {
            require_uppercase: pair(self.require_uppercase, self.no_require_uppercase),
            require_lowercase: pair(self.require_lowercase, self.no_require_lowercase),
            require_numbers: pair(self.require_numbers, self.no_require_numbers),
            require_symbols: pair(self.require_symbols, self.no_require_symbols),
            allow_users_to_change: pair(self.allow_users_to_change, self.no_allow_users_to_change),
            ..BaselineOverrides::default()
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
        let baseline = cli.baseline.overrides().resolve();
        assert_eq!(baseline.min_length, 10);
        assert!(!baseline.require_symbols);
        assert!(baseline.require_uppercase);
        assert_eq!(baseline.reuse_prevention, 24);
    }

    #[test]
    fn flags_win_over_the_file_which_wins_over_defaults() {
        let file = BaselineOverrides {
            min_length: Some(20),
            require_symbols: Some(false),
            require_numbers: Some(false),
            ..Default::default()
        };
        let cli = Cli::try_parse_from(["audit", "--min-length", "16", "--require-symbols"])
            .expect("valid arguments");
        let baseline = cli.baseline.overrides().or(&file).resolve();
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
