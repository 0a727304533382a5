//! The command line: every flag, its help text and its value checks live here.

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::checks::password_policy::Baseline;

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

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Named profile from the AWS config files (default: AWS_PROFILE or "default").
    #[arg(long, global = true, value_name = "NAME", display_order = 900)]
    pub profile: Option<String>,

    /// Region used for signing and for STS (IAM itself is global; default: us-east-1
    /// when no region is configured).
    #[arg(long, global = true, value_name = "REGION", display_order = 901)]
    pub region: Option<String>,

    /// Send every request to this endpoint instead of AWS (a local IAM server, a proxy).
    /// AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_IAM are honoured too; this flag wins.
    #[arg(long, global = true, value_name = "URL", display_order = 902)]
    pub endpoint_url: Option<String>,

    /// Output format on stdout (`fix` prints table or json only).
    #[arg(long, global = true, value_enum, default_value_t = Format::Table, display_order = 903)]
    pub format: Format,

    /// When to colour the output; "auto" colours a terminal unless NO_COLOR is set.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, display_order = 904)]
    pub color: ColorChoice,

    /// Seconds the account may take to answer: the whole read of an audit, and each call
    /// of a fix. A silent endpoint ends the run with exit 2 after this long.
    #[arg(long, global = true, value_name = "SECS", default_value_t = 20,
          value_parser = clap::value_parser!(u64).range(1..=3600), display_order = 905)]
    pub timeout: u64,
}

impl GlobalArgs {
    pub fn timeout(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.timeout)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read the account and print the five-item security checklist (--all: nineteen CIS checks).
    Audit(AuditArgs),
    /// Remediate one item: show the plan, confirm, apply, verify.
    Fix(FixArgs),
    /// Write a commented default iam-harden.toml (never overwrites).
    Init {
        /// Where to write it.
        #[arg(long, value_name = "PATH", default_value = crate::config::DEFAULT_FILE)]
        path: std::path::PathBuf,
    },
    /// Combine JSON reports (of shards, or of separate runs) into one and render it in any
    /// --format; reports of the same account are refused, other tool versions noted.
    Merge(MergeArgs),
    /// Print the least-privilege IAM policy a command needs.
    Permissions {
        #[arg(value_enum, default_value_t = PermissionsFor::Audit)]
        command: PermissionsFor,
        /// For `audit --all`: the extended checks' reads too.
        #[arg(long)]
        all: bool,
        /// For `audit --security-hub`: importing and reading back findings too.
        #[arg(long)]
        security_hub: bool,
    },
    /// List the checks: id, severity, CIS and Security Hub ids, title (--format table, json
    /// or markdown).
    Checks {
        /// The extended checks too.
        #[arg(long)]
        all: bool,
    },
    /// Explain one check: what green means, why it matters, what it reads, how to fix it.
    Explain {
        /// A check id, such as root-mfa.
        id: String,
    },
    /// Print a completion script for a shell.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) on stdout.
    Man,
}

/// `--version`: the version and the commit it was built from.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("IAM_HARDEN_COMMIT"),
    ")"
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PermissionsFor {
    /// Read-only: what `iam-harden audit` calls.
    Audit,
    /// What every `iam-harden fix` may call, reads included.
    Fix,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// JSON reports of `audit --format json`: one account's or a sweep's.
    #[arg(required = true, value_name = "REPORT.json")]
    pub reports: Vec<std::path::PathBuf>,

    /// Orange items at this severity or above exit 1 [default: low].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<crate::checks::FailOn>,

    /// Also write the merged report to a file: FORMAT=PATH (repeatable).
    #[arg(long, value_name = "[FORMAT=]PATH")]
    pub output: Vec<OutputSpec>,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Config file [default: iam-harden.toml in the current directory, when present].
    #[arg(long, value_name = "PATH")]
    pub config: Option<std::path::PathBuf>,

    /// Orange items at this severity or above exit 1 [default: low, or the config file's].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<crate::checks::FailOn>,

    /// Also run the extended CIS AWS Foundations checks (credential report, policies,
    /// certificates).
    #[arg(long)]
    pub all: bool,

    /// Run only these checks (comma-separated ids) [default: the console's five, or the
    /// config file's].
    #[arg(
        long,
        value_name = "IDS",
        value_delimiter = ',',
        conflicts_with = "all"
    )]
    pub checks: Vec<String>,

    /// unused-credentials: days without use that make a password or key orange [default: 45].
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub unused_days: Option<u32>,

    /// access-key-rotation: age in days that makes an active key orange [default: 90].
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub rotation_days: Option<u32>,

    /// root-recent-use: root use within this many days is orange [default: 90].
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub root_recent_days: Option<u32>,

    /// Also write a report to a file: FORMAT=PATH (repeatable), or PATH for the --format
    /// format while the table goes to stdout.
    #[arg(long, value_name = "[FORMAT=]PATH")]
    pub output: Vec<OutputSpec>,

    /// The date (YYYY-MM-DD, midnight UTC) waivers and day counts are measured against
    /// (tests only).
    #[arg(long, hide = true, value_name = "YYYY-MM-DD")]
    pub now: Option<String>,

    /// Audit every ACTIVE account of the organization (Organizations ListAccounts, from the
    /// management account or a delegated administrator), each through --role-name.
    #[arg(long, requires = "role_name", conflicts_with_all = ["accounts", "fix"], help_heading = "Several accounts")]
    pub org: bool,

    /// Audit these accounts: ID,ID,... or @FILE (one id per line, # comments).
    #[arg(long, value_name = "IDS|@FILE", value_parser = parse_accounts,
          requires = "role_name", conflicts_with = "fix", help_heading = "Several accounts")]
    pub accounts: Option<AccountList>,

    /// The role to assume in each account: arn:PARTITION:iam::ACCOUNT:role/NAME (the
    /// caller's own account is read with its own credentials).
    #[arg(long, value_name = "NAME", value_parser = parse_role_name, help_heading = "Several accounts")]
    pub role_name: Option<String>,

    /// The session name of each assumed role, as CloudTrail shows it.
    #[arg(long, value_name = "NAME", default_value = "iam-harden", value_parser = parse_session_name,
          help_heading = "Several accounts")]
    pub role_session_name: String,

    /// The external id the roles' trust policies ask for.
    #[arg(long, value_name = "ID", help_heading = "Several accounts")]
    pub external_id: Option<String>,

    /// Accounts read at once (1-256).
    #[arg(long, value_name = "N", default_value_t = 16,
          value_parser = clap::value_parser!(u16).range(1..=256), help_heading = "Several accounts")]
    pub concurrency: u16,

    /// Audit only shard I of N (1-based): accounts whose id modulo N is I-1, so that N CI
    /// jobs cover every account exactly once.
    #[arg(long, value_name = "I/N", value_parser = parse_shard, help_heading = "Several accounts")]
    pub shard: Option<Shard>,

    /// Import the findings into the account's AWS Security Hub (default product) in the
    /// run's region, and archive those this tool imported earlier that no longer appear.
    #[arg(long, conflicts_with_all = ["org", "accounts"])]
    pub security_hub: bool,

    /// After the audit, fix every orange item in checklist order (as `fix all`).
    #[arg(long)]
    pub fix: bool,

    /// With --fix: show the plans, change nothing.
    #[arg(long, requires = "fix")]
    pub dry_run: bool,

    /// With --fix: apply without asking.
    #[arg(long, short = 'y', requires = "fix")]
    pub yes: bool,

    /// With --fix: the change log to append to (as `fix --journal`).
    #[arg(long, requires = "fix", value_name = "PATH")]
    pub journal: Option<std::path::PathBuf>,

    // Last: its help heading applies to what follows it.
    #[command(flatten)]
    pub baseline: BaselineArgs,
}

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
    #[arg(long, global = true, value_name = "PATH", display_order = 802)]
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
  130  interrupted by Ctrl-C during the writes (the calls are listed)";

#[derive(Debug, Subcommand)]
pub enum FixTarget {
    /// Write a password policy that meets the baseline without weakening any current value.
    PasswordPolicy(PasswordPolicyFixArgs),
    /// Create an admin group and move users' own policies into groups, without lost access.
    Groups(GroupsFixArgs),
    /// Create an IAM user for daily work, in the admin group, with a console password.
    IndividualUsers(IndividualUsersFixArgs),
    /// Deactivate (or delete) the root user's access keys; only root itself can.
    RootAccessKeys(RootAccessKeysFixArgs),
    /// Guide through enabling root MFA in the console (AWS offers no API) and verify it.
    RootMfa(RootMfaFixArgs),
    /// Set the account alias that makes the sign-in URL readable.
    SignInUrl(SignInUrlFixArgs),
    /// Enrol a virtual MFA device for a user, in the terminal (QR code, two codes).
    UserMfa(UserMfaFixArgs),
    /// Register the account's security contact (AWS Account API).
    SecurityContact(SecurityContactFixArgs),
    /// Every orange item, in checklist order, with default options.
    All,
}

impl FixTarget {
    /// The fix with its default options for a check id.
    pub fn default_for(check_id: &str) -> Option<FixTarget> {
        let parse =
            |args: &[&str]| Cli::try_parse_from(["iam-harden", "fix"].iter().chain(args)).ok();
        let cli = parse(&[check_id])?;
        match cli.command {
            Command::Fix(fix) => Some(fix.target),
            _ => None,
        }
    }

    /// Check every name and value before any call.
    /// Is this an `--undo` of an earlier change?
    pub fn undo(&self) -> bool {
        match self {
            FixTarget::PasswordPolicy(a) => a.undo,
            FixTarget::SignInUrl(a) => a.undo,
            _ => false,
        }
    }

    pub fn validate(&self) -> anyhow::Result<()> {
        use crate::fix::{alias, users};
        match self {
            FixTarget::Groups(a) => {
                users::validate_name("group", &a.group)?;
                users::validate_policy_arn(&a.policy_arn)
            }
            FixTarget::IndividualUsers(a) => {
                if let Some(user) = &a.user {
                    users::validate_name("user", user)?;
                }
                users::validate_name("group", &a.group)?;
                users::validate_policy_arn(&a.policy_arn)
            }
            FixTarget::UserMfa(a) => users::validate_name("user", &a.user),
            FixTarget::SignInUrl(a) => match &a.alias {
                Some(name) => alias::validate(name),
                None => Ok(()),
            },
            FixTarget::SecurityContact(a) => crate::fix::contact::validate(a),
            FixTarget::PasswordPolicy(_)
            | FixTarget::RootAccessKeys(_)
            | FixTarget::RootMfa(_)
            | FixTarget::All => Ok(()),
        }
    }
}

#[derive(Debug, Args)]
pub struct PasswordPolicyFixArgs {
    /// Minimum password length (6-128); a longer current minimum is kept.
    #[arg(long, value_name = "N", default_value_t = 14,
          value_parser = clap::value_parser!(u32).range(6..=128))]
    pub min_length: u32,

    /// Previous passwords to remember (1-24); a larger current value is kept.
    #[arg(long, value_name = "N", default_value_t = 24,
          value_parser = clap::value_parser!(u32).range(1..=24))]
    pub reuse_prevention: u32,

    /// Days before a password expires (1-1095). Not set by default: NIST SP 800-63B
    /// advises against forced rotation. A shorter current value is kept.
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=1095))]
    pub max_age: Option<u32>,

    /// Requirements to add; a requirement the current policy has is always kept.
    #[command(flatten)]
    pub requirements: RequirementFlags,

    /// Expired passwords need an administrator to reset them.
    #[arg(long)]
    pub hard_expiry: bool,

    /// Restore the policy recorded before the last password-policy change in the change
    /// log; refused when the policy has changed since.
    #[arg(long, conflicts_with_all = ["min_length", "reuse_prevention", "max_age", "hard_expiry"])]
    pub undo: bool,
}

pub const ADMIN_GROUP: &str = "Administrators";
pub const ADMIN_POLICY_ARN: &str = "arn:aws:iam::aws:policy/AdministratorAccess";

#[derive(Debug, Args)]
pub struct GroupsFixArgs {
    /// The admin group to create when missing.
    #[arg(long, value_name = "NAME", default_value = ADMIN_GROUP)]
    pub group: String,

    /// The policy the admin group carries.
    #[arg(long, value_name = "ARN", default_value = ADMIN_POLICY_ARN)]
    pub policy_arn: String,
}

#[derive(Debug, Args)]
pub struct IndividualUsersFixArgs {
    /// Name of the new user (asked at a terminal when missing).
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,

    /// Group the user joins; created with --policy-arn when missing.
    #[arg(long, value_name = "NAME", default_value = ADMIN_GROUP)]
    pub group: String,

    /// The policy a newly created group carries.
    #[arg(long, value_name = "ARN", default_value = ADMIN_POLICY_ARN)]
    pub policy_arn: String,

    /// Also create an access key (off by default: CIS advises none at initial setup).
    #[arg(long)]
    pub access_key: bool,

    /// Write the new credentials to this file (mode 0600, never overwritten) instead of
    /// showing them on the terminal.
    #[arg(long, value_name = "PATH")]
    pub credentials_file: Option<std::path::PathBuf>,
}

/// How long `--wait` polls when given without a value.
pub const DEFAULT_WAIT_SECONDS: &str = "600";

#[derive(Debug, Args)]
pub struct RootAccessKeysFixArgs {
    /// Delete the keys (after deactivating them) instead of only deactivating them.
    #[arg(long)]
    pub delete: bool,

    /// When not signed in as root: poll until the root keys are gone (default 600 s).
    #[arg(long, value_name = "SECONDS", num_args = 0..=1, default_missing_value = DEFAULT_WAIT_SECONDS)]
    pub wait: Option<u64>,
}

#[derive(Debug, Args)]
pub struct RootMfaFixArgs {
    /// Poll until root MFA is active (default 600 s).
    #[arg(long, value_name = "SECONDS", num_args = 0..=1, default_missing_value = DEFAULT_WAIT_SECONDS)]
    pub wait: Option<u64>,
}

#[derive(Debug, Args)]
pub struct UserMfaFixArgs {
    /// The user to enrol.
    #[arg(long, value_name = "NAME")]
    pub user: String,
}

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

/// `--output FORMAT=PATH`, or `--output PATH` for the `--format` format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSpec {
    pub format: Option<Format>,
    pub path: std::path::PathBuf,
}

impl std::str::FromStr for OutputSpec {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if let Some((name, path)) = text.split_once('=')
            && let Ok(format) = Format::from_str(name, true)
        {
            if path.is_empty() {
                return Err(format!("{name}= needs a file path"));
            }
            return Ok(Self {
                format: Some(format),
                path: path.into(),
            });
        }
        if text.is_empty() {
            return Err("needs a file path".into());
        }
        Ok(Self {
            format: None,
            path: text.into(),
        })
    }
}

/// Account ids from `--accounts`, in the order given, without repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountList(pub Vec<String>);

fn parse_accounts(text: &str) -> Result<AccountList, String> {
    let (source, listed): (String, Vec<(usize, String)>) = match text.strip_prefix('@') {
        Some(path) => {
            let content =
                std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            let lines = content
                .lines()
                .enumerate()
                .map(|(i, line)| {
                    (
                        i + 1,
                        line.split('#').next().unwrap_or("").trim().to_string(),
                    )
                })
                .filter(|(_, id)| !id.is_empty())
                .collect();
            (format!("{path} line "), lines)
        }
        None => (
            "item ".into(),
            text.split(',')
                .enumerate()
                .map(|(i, id)| (i + 1, id.trim().to_string()))
                .collect(),
        ),
    };
    let mut ids: Vec<String> = Vec::new();
    for (at, id) in listed {
        if !crate::aws::is_account_id(&id) {
            return Err(format!(
                "{source}{at}: {:?} is not a 12-digit account id",
                crate::text::printable(&id)
            ));
        }
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err("no account ids".into());
    }
    Ok(AccountList(ids))
}

/// IAM role names: 1-64 of letters, digits and `+=,.@_-`.
fn parse_role_name(text: &str) -> Result<String, String> {
    let valid = (1..=64).contains(&text.len())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c));
    match valid {
        true => Ok(text.to_string()),
        false => Err("a role name is 1-64 letters, digits and +=,.@_- (no path)".into()),
    }
}

/// STS session names: 2-64 of letters, digits and `+=,.@-`.
fn parse_session_name(text: &str) -> Result<String, String> {
    let valid = (2..=64).contains(&text.len())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@-".contains(c));
    match valid {
        true => Ok(text.to_string()),
        false => Err("a session name is 2-64 letters, digits and +=,.@-".into()),
    }
}

/// `--shard I/N`: the I-th of N shards, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    pub fn holds(&self, account: &str) -> bool {
        account
            .parse::<u64>()
            .is_ok_and(|id| id % self.count == self.index - 1)
    }
}

fn parse_shard(text: &str) -> Result<Shard, String> {
    let shape = || format!("{text:?} is not I/N with 1 <= I <= N (such as 2/4)");
    let (index, count) = text.split_once('/').ok_or_else(shape)?;
    let (index, count) = (
        index.parse::<u64>().map_err(|_| shape())?,
        count.parse::<u64>().map_err(|_| shape())?,
    );
    if index == 0 || index > count {
        return Err(shape());
    }
    Ok(Shard { index, count })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The checklist, for people.
    Table,
    /// The report as JSON (schema/report.schema.json, described in docs/reports.md).
    Json,
    /// JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions.
    Junit,
    /// SARIF 2.1.0: one rule per check, one result per orange item (code scanning).
    Sarif,
    /// A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments.
    Markdown,
    /// CSV, one row per finding (RFC 4180), for spreadsheets and inventories.
    Csv,
    /// AWS Security Finding Format: a JSON array for Security Hub's BatchImportFindings.
    Asff,
    /// OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes.
    Ocsf,
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
        let Command::Audit(args) = cli.command else {
            panic!("audit expected");
        };
        let baseline = args.baseline.baseline(&Default::default());
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
        let cli = Cli::try_parse_from([
            "iam-harden",
            "audit",
            "--min-length",
            "16",
            "--require-symbols",
        ])
        .expect("valid arguments");
        let Command::Audit(args) = cli.command else {
            panic!("audit expected");
        };
        let baseline = args.baseline.baseline(&file);
        assert_eq!(baseline.min_length, 16, "flag wins");
        assert!(baseline.require_symbols, "flag wins");
        assert!(!baseline.require_numbers, "file wins over default");
        assert_eq!(baseline.reuse_prevention, 24, "default");
    }

    #[test]
    fn output_specs() {
        use std::str::FromStr;
        let junit = OutputSpec::from_str("junit=reports/iam.xml").expect("spec");
        assert_eq!(junit.format, Some(Format::Junit));
        assert_eq!(junit.path, std::path::Path::new("reports/iam.xml"));
        let bare = OutputSpec::from_str("report.json").expect("spec");
        assert_eq!(bare.format, None);
        let odd = OutputSpec::from_str("a=b.json").expect("a path with '='");
        assert_eq!(odd.format, None);
        assert_eq!(odd.path, std::path::Path::new("a=b.json"));
        assert!(OutputSpec::from_str("sarif=").is_err());
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
