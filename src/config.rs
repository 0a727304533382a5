//! `iam-harden.toml`: the baseline, which checks run, severities, the failure threshold and
//! waivers. Strict: an unknown key, a wrong type, an out-of-range value, a bad date or an
//! unknown check id is an error naming the file, the line and the key, before any AWS call.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use serde::Deserialize;
use toml::Spanned;

use crate::checks::{self, FailOn, Severity};
use crate::settings::{
    BaselineOverrides, Bounded, MIN_LENGTH, Overrides, REUSE_PREVENTION, ROOT_RECENT_DAYS,
    ROTATION_DAYS, ThresholdOverrides, UNUSED_DAYS,
};

/// The file read from the current directory when `--config` is not given.
pub const DEFAULT_FILE: &str = "iam-harden.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    fail_on: Option<FailOn>,
    all: Option<bool>,
    checks: Option<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    severity: BTreeMap<Spanned<String>, Severity>,
    password_policy: Option<BaselineOverrides<Spanned<u32>>>,
    thresholds: Option<ThresholdOverrides<Spanned<u32>>>,
    #[serde(default)]
    waiver: Vec<RawWaiver>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawWaiver {
    check: Spanned<String>,
    reason: Spanned<String>,
    /// A TOML date (`2027-03-31`) or the same date quoted (`"2027-03-31"`).
    expires: Spanned<toml::Value>,
    resources: Option<Spanned<Vec<String>>>,
    accounts: Option<Spanned<Vec<String>>>,
}

/// An accepted orange item, until its expiry date (inclusive): the whole check (account
/// items), or the resources whose names or ARNs match `resources` (`*` matches any text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiver {
    pub check: String,
    pub reason: String,
    pub expires: time::Date,
    /// `None`: the check's one account-level finding.
    pub resources: Option<Vec<String>>,
    /// The accounts (ids, or `*`) it applies to, in every mode; `None`: every account.
    pub accounts: Option<Vec<String>>,
}

impl Waiver {
    /// Does this waiver apply in `account`?
    pub fn applies_in(&self, account: &str) -> bool {
        match &self.accounts {
            None => true,
            Some(ids) => ids.iter().any(|id| id == "*" || id == account),
        }
    }

    /// Does this waiver cover a finding about `resource`?
    pub fn covers(&self, resource: &crate::checks::Resource) -> bool {
        match &self.resources {
            None => true,
            Some(patterns) => patterns.iter().any(|p| pattern_covers(p, resource)),
        }
    }

    /// The waiver's resource patterns that cover none of `resources`: left over from
    /// resources since removed or renamed.
    pub fn unmatched_patterns<'a>(
        &'a self,
        resources: &[&crate::checks::Resource],
    ) -> Vec<&'a str> {
        self.resources
            .iter()
            .flatten()
            .filter(|p| !resources.iter().any(|r| pattern_covers(p, r)))
            .map(String::as_str)
            .collect()
    }
}

/// A waiver's resource pattern covers a resource by its name or its ARN.
fn pattern_covers(pattern: &str, resource: &crate::checks::Resource) -> bool {
    glob_match(pattern, &resource.name) || glob_match(pattern, &resource.arn)
}

/// `*` matches any run of characters (`/` included); everything else matches itself.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let mut parts: Vec<&str> = parts.collect();
    let Some(last) = parts.pop() else {
        return rest.is_empty();
    };
    for part in parts {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

/// The validated configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Where it came from, for messages; `None` when no file was read.
    pub source: Option<PathBuf>,
    pub fail_on: Option<FailOn>,
    /// `all = true`: the extended checks too, as `--all`.
    pub all: bool,
    /// Which checks run, in checklist order; `None` means all.
    pub checks: Option<Vec<String>>,
    pub severity: BTreeMap<String, Severity>,
    /// The baseline and day counts it sets.
    pub settings: Overrides,
    pub waivers: Vec<Waiver>,
}

/// Read `--config PATH` (which must exist), or `iam-harden.toml` in the current directory
/// when there is one.
pub fn load(explicit: Option<&Path>) -> Result<Config> {
    let path = match explicit {
        Some(path) => path.to_path_buf(),
        None => {
            let default = PathBuf::from(DEFAULT_FILE);
            if !default.exists() {
                return Ok(Config::default());
            }
            default
        }
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| anyhow!("cannot read config file {}: {e}", path.display()))?;
    parse(&text, &path)
}

/// The file being parsed, for messages that name the line.
struct ConfigFile<'a> {
    text: &'a str,
    path: &'a Path,
}

impl ConfigFile<'_> {
    /// `path:line` of a span of the text.
    fn at(&self, span: std::ops::Range<usize>) -> String {
        format!("{}:{}", self.path.display(), line_of(self.text, span.start))
    }

    /// The check an id names, or an error at its line.
    fn known(&self, id: &Spanned<String>, key: &str) -> Result<String> {
        match checks::lookup(id.get_ref()) {
            Ok(check) => Ok(check.id.to_string()),
            Err(message) => bail!("{}: {key}: {message}", self.at(id.span())),
        }
    }

    /// A number within its bounds, or an error at its line.
    fn ranged(
        &self,
        value: Option<Spanned<u32>>,
        key: &str,
        bounds: Bounded,
    ) -> Result<Option<u32>> {
        let range = bounds.range();
        match value {
            Some(v) if !range.contains(v.get_ref()) => Err(anyhow!(
                "{}: {key} = {} is out of range ({}-{})",
                self.at(v.span()),
                v.get_ref(),
                range.start(),
                range.end()
            )),
            v => Ok(v.map(|v| *v.get_ref())),
        }
    }
}

/// Parse and validate a config file's text; `path` is only for messages.
pub fn parse(text: &str, path: &Path) -> Result<Config> {
    let file = ConfigFile { text, path };
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let location = match e.span() {
            Some(span) => file.at(span),
            None => path.display().to_string(),
        };
        anyhow!("{location}: {}", e.message().trim_end())
    })?;
    let checks = checks_of(&file, raw.checks)?;
    let mut severity = BTreeMap::new();
    for (id, level) in raw.severity {
        severity.insert(file.known(&id, "severity")?, level);
    }
    Ok(Config {
        source: Some(path.to_path_buf()),
        fail_on: raw.fail_on,
        all: raw.all.unwrap_or(false),
        checks,
        severity,
        settings: Overrides {
            baseline: baseline_of(&file, raw.password_policy.unwrap_or_default())?,
            thresholds: thresholds_of(&file, raw.thresholds.unwrap_or_default())?,
        },
        waivers: raw
            .waiver
            .into_iter()
            .map(|w| waiver_of(&file, w))
            .collect::<Result<_>>()?,
    })
}

/// `checks = [...]`: known ids, at least one.
fn checks_of(
    file: &ConfigFile,
    list: Option<Spanned<Vec<Spanned<String>>>>,
) -> Result<Option<Vec<String>>> {
    let Some(list) = list else {
        return Ok(None);
    };
    if list.get_ref().is_empty() {
        bail!(
            "{}: checks: the list is empty, so nothing would run",
            file.at(list.span())
        );
    }
    let ids = list
        .get_ref()
        .iter()
        .map(|id| file.known(id, "checks"))
        .collect::<Result<_>>()?;
    Ok(Some(ids))
}

/// `[password-policy]`: the baseline's values, each within its range.
fn baseline_of(file: &ConfigFile, b: BaselineOverrides<Spanned<u32>>) -> Result<BaselineOverrides> {
    Ok(BaselineOverrides {
        min_length: file.ranged(b.min_length, "password-policy.min-length", MIN_LENGTH)?,
        reuse_prevention: file.ranged(
            b.reuse_prevention,
            "password-policy.reuse-prevention",
            REUSE_PREVENTION,
        )?,
        require_uppercase: b.require_uppercase,
        require_lowercase: b.require_lowercase,
        require_numbers: b.require_numbers,
        require_symbols: b.require_symbols,
        allow_users_to_change: b.allow_users_to_change,
    })
}

/// `[thresholds]`: days, each within its range.
fn thresholds_of(
    file: &ConfigFile,
    t: ThresholdOverrides<Spanned<u32>>,
) -> Result<ThresholdOverrides> {
    Ok(ThresholdOverrides {
        unused_days: file.ranged(t.unused_days, "thresholds.unused-days", UNUSED_DAYS)?,
        rotation_days: file.ranged(t.rotation_days, "thresholds.rotation-days", ROTATION_DAYS)?,
        root_recent_days: file.ranged(
            t.root_recent_days,
            "thresholds.root-recent-days",
            ROOT_RECENT_DAYS,
        )?,
    })
}

/// One `[[waiver]]`: a known check, a reason, a date, and the resources and accounts it
/// covers (never an empty list; every resource of a per-resource check only when asked).
fn waiver_of(file: &ConfigFile, w: RawWaiver) -> Result<Waiver> {
    let check = file.known(&w.check, "waiver.check")?;
    if w.reason.get_ref().trim().is_empty() {
        bail!(
            "{}: waiver.reason: say why the item is accepted",
            file.at(w.reason.span())
        );
    }
    let expires = match w.expires.get_ref() {
        toml::Value::Datetime(d) => date_of(d),
        toml::Value::String(s) => s.parse().ok().and_then(|d| date_of(&d)),
        _ => None,
    }
    .ok_or_else(|| {
        anyhow!(
            "{}: waiver.expires: {} is not a date like 2027-03-31",
            file.at(w.expires.span()),
            shown(w.expires.get_ref())
        )
    })?;
    let per_resource = checks::by_id(&check).is_some_and(|c| c.per_resource);
    let resources = match w.resources {
        Some(list) if list.get_ref().is_empty() => bail!(
            "{}: waiver.resources: the list is empty, so the waiver covers nothing",
            file.at(list.span())
        ),
        Some(list) => Some(list.into_inner()),
        None if per_resource => bail!(
            "{}: waiver.resources: {check} reports each resource on its own: list the \
             names or ARNs this waiver covers (\"ci-*\" and \"arn:aws:iam::*:user/legacy/*\" \
             are globs), or write resources = [\"*\"] if it really is meant for all",
            file.at(w.check.span())
        ),
        None => None,
    };
    let accounts = match w.accounts {
        Some(list) if list.get_ref().is_empty() => bail!(
            "{}: waiver.accounts: the list is empty, so the waiver applies nowhere",
            file.at(list.span())
        ),
        Some(list) => {
            if let Some(bad) = list
                .get_ref()
                .iter()
                .find(|id| *id != "*" && !crate::names::is_account_id(id))
            {
                bail!(
                    "{}: waiver.accounts: {bad:?} is not a 12-digit account id or \"*\"",
                    file.at(list.span()),
                );
            }
            Some(list.into_inner())
        }
        None => None,
    };
    Ok(Waiver {
        check,
        reason: w.reason.into_inner(),
        expires,
        resources,
        accounts,
    })
}

/// A TOML value as the file wrote it, for messages.
fn shown(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => format!("{s:?}"),
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => f.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        toml::Value::Array(_) => "a list".into(),
        toml::Value::Table(_) => "a table".into(),
    }
}

/// A TOML local date (no time, no offset) as a calendar date.
fn date_of(value: &toml::value::Datetime) -> Option<time::Date> {
    if value.time.is_some() || value.offset.is_some() {
        return None;
    }
    let d = value.date?;
    let month = time::Month::try_from(d.month).ok()?;
    time::Date::from_calendar_date(i32::from(d.year), month, d.day).ok()
}

/// `YYYY-MM-DD`, for the hidden `--now` test clock.
pub fn parse_date(text: &str) -> Result<time::Date> {
    let value: toml::value::Datetime = text
        .parse()
        .map_err(|_| anyhow!("{text:?} is not a date like 2027-03-31"))?;
    date_of(&value).ok_or_else(|| anyhow!("{text:?} is not a date like 2027-03-31"))
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The commented default file `iam-harden init` writes.
pub fn default_file() -> String {
    let ids: Vec<String> = checks::CHECKS
        .iter()
        .map(|c| format!("#     \"{}\",", c.id))
        .collect();
    let severities: Vec<String> = checks::CHECKS
        .iter()
        .map(|c| format!("# {} = \"{}\"", c.id, c.severity.as_str()))
        .collect();
    format!(
        r#"# iam-harden configuration. Command-line flags win over this file.
# Unknown keys, wrong types and out-of-range values are errors, never ignored.

# Orange items at this severity or above make `iam-harden audit` exit 1:
# critical | high | medium | low | none. Checks in error always exit 2.
fail-on = "low"

# Which checks run (listing ids here is like `--checks`). Without this key the console's
# five run; `audit --all` adds the extended CIS checks.
# checks = [
{}
# ]

# Severity per check (the defaults follow AWS Security Hub).
[severity]
{}

# The password-policy baseline (CIS AWS Foundations, Security Hub IAM.7).
[password-policy]
min-length = {min_length:<13} # {min_length_min}-{min_length_max}
reuse-prevention = {reuse:<7} # {reuse_min}-{reuse_max}, 0: reuse is not checked
require-uppercase = true
require-lowercase = true
require-numbers = true
require-symbols = true
allow-users-to-change = true

# Day counts of the extended checks (CIS AWS Foundations v5.0.0 defaults).
[thresholds]
unused-days = {unused:<12} # unused-credentials, {unused_min}-{unused_max}
rotation-days = {rotation:<10} # access-key-rotation, {rotation_min}-{rotation_max}
root-recent-days = {recent:<7} # root-recent-use, {recent_min}-{recent_max}

# A waiver accepts an orange item until its expiry date (inclusive); after that the item
# is orange again, with a note. Every waiver needs a reason.
# [[waiver]]
# check = "root-mfa"
# reason = "root sign-in is blocked by an SCP; hardware MFA ordered (SEC-123)"
# expires = 2027-03-31
"#,
        ids.join("\n"),
        severities.join("\n"),
        min_length = MIN_LENGTH.default,
        min_length_min = MIN_LENGTH.min,
        min_length_max = MIN_LENGTH.max,
        reuse = REUSE_PREVENTION.default,
        reuse_min = REUSE_PREVENTION.min,
        reuse_max = REUSE_PREVENTION.max,
        unused = UNUSED_DAYS.default,
        unused_min = UNUSED_DAYS.min,
        unused_max = UNUSED_DAYS.max,
        rotation = ROTATION_DAYS.default,
        rotation_min = ROTATION_DAYS.min,
        rotation_max = ROTATION_DAYS.max,
        recent = ROOT_RECENT_DAYS.default,
        recent_min = ROOT_RECENT_DAYS.min,
        recent_max = ROOT_RECENT_DAYS.max,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Config> {
        parse(text, Path::new("iam-harden.toml"))
    }

    fn error(text: &str) -> String {
        format!("{:#}", parse_text(text).expect_err("invalid config"))
    }

    #[test]
    fn the_default_file_parses_to_the_defaults() {
        let config = parse_text(&default_file()).expect("valid");
        assert_eq!(config.fail_on, Some(FailOn::Low));
        assert_eq!(config.checks, None, "commented out: the console's five");
        assert_eq!(config.settings.thresholds.unused_days, Some(45));
        assert!(config.severity.is_empty(), "listed as comments");
        assert_eq!(config.settings.baseline.min_length, Some(14));
        assert!(config.waivers.is_empty());
    }

    #[test]
    fn a_full_file() {
        let config = parse_text(
            r#"
fail-on = "high"
checks = ["password-policy", "root-mfa"]
[severity]
groups = "high"
[password-policy]
min-length = 16
require-symbols = false
[[waiver]]
check = "root-mfa"
reason = "blocked by SCP"
expires = 2027-03-31
"#,
        )
        .expect("valid");
        assert_eq!(config.fail_on, Some(FailOn::High));
        assert_eq!(
            config.checks,
            Some(vec!["password-policy".into(), "root-mfa".into()])
        );
        assert_eq!(config.severity.get("groups"), Some(&Severity::High));
        assert_eq!(config.settings.baseline.min_length, Some(16));
        assert_eq!(config.settings.baseline.require_symbols, Some(false));
        assert_eq!(config.waivers[0].expires.to_string(), "2027-03-31");
    }

    #[test]
    fn errors_name_the_file_line_and_key() {
        let cases = [
            (
                "colour = \"red\"\n",
                "iam-harden.toml:1: unknown field `colour`",
            ),
            (
                "[password-policy]\nmin-lenght = 14\n",
                "iam-harden.toml:2: unknown field `min-lenght`",
            ),
            ("fail-on = 3\n", "iam-harden.toml:1:"),
            ("fail-on = \"sometimes\"\n", "unknown variant `sometimes`"),
            (
                "[password-policy]\nmin-length = 5\n",
                "iam-harden.toml:2: password-policy.min-length = 5 is out of range (6-128)",
            ),
            (
                "[password-policy]\nreuse-prevention = 25\n",
                "password-policy.reuse-prevention = 25 is out of range (0-24)",
            ),
            (
                "[password-policy]\nrequire-symbols = \"yes\"\n",
                "iam-harden.toml:2: invalid type: string \"yes\", expected a boolean",
            ),
            (
                "checks = [\"root-mfa\", \"mfa\"]\n",
                "iam-harden.toml:1: checks: unknown check id \"mfa\"",
            ),
            ("checks = []\n", "checks: the list is empty"),
            (
                "[severity]\nroot = \"high\"\n",
                "severity: unknown check id \"root\"",
            ),
            (
                "[severity]\ngroups = \"severe\"\n",
                "unknown variant `severe`",
            ),
            (
                "[[waiver]]\ncheck = \"mfa\"\nreason = \"x\"\nexpires = 2027-01-01\n",
                "iam-harden.toml:2: waiver.check: unknown check id \"mfa\"",
            ),
            (
                "[[waiver]]\ncheck = \"root-mfa\"\nexpires = 2027-01-01\n",
                "missing field `reason`",
            ),
            (
                "[[waiver]]\ncheck = \"root-mfa\"\nreason = \"x\"\n",
                "missing field `expires`",
            ),
            (
                "[[waiver]]\ncheck = \"root-mfa\"\nreason = \" \"\nexpires = 2027-01-01\n",
                "iam-harden.toml:3: waiver.reason: say why",
            ),
            (
                "[[waiver]]\ncheck = \"root-mfa\"\nreason = \"x\"\nexpires = 2027-02-30\n",
                "iam-harden.toml:4:",
            ),
            (
                "[[waiver]]\ncheck = \"root-mfa\"\nreason = \"x\"\nexpires = 2027-01-01T10:00:00\n",
                "waiver.expires: 2027-01-01T10:00:00 is not a date",
            ),
            (
                "[[waiver]]\ncheck = \"root-mfa\"\nreason = \"x\"\nexpires = \"2027-31-01\"\n",
                "iam-harden.toml:4: waiver.expires: \"2027-31-01\" is not a date",
            ),
            (
                "[[waiver]]\ncheck = \"root-mfa\"\nreason = \"x\"\nexpires = 20270101\n",
                "iam-harden.toml:4: waiver.expires: 20270101 is not a date",
            ),
            (
                "[[waiver]]\ncheck = \"user-console-mfa\"\nreason = \"x\"\nexpires = 2027-01-01\n",
                "iam-harden.toml:2: waiver.resources: user-console-mfa reports each resource on its own",
            ),
            (
                "[[waiver]]\ncheck = \"user-console-mfa\"\nreason = \"x\"\nexpires = 2027-01-01\nresources = []\n",
                "iam-harden.toml:5: waiver.resources: the list is empty",
            ),
        ];
        for (text, expected) in cases {
            let message = error(text);
            assert!(
                message.contains(expected),
                "{text:?}\n  got: {message}\n  want: {expected}"
            );
        }
    }

    #[test]
    fn globs_match_names_and_arns() {
        assert!(glob_match("ci-*", "ci-deploy"));
        assert!(glob_match("ci-*", "ci-"));
        assert!(!glob_match("ci-*", "xci-deploy"));
        assert!(glob_match(
            "arn:aws:iam::*:user/legacy/*",
            "arn:aws:iam::123456789012:user/legacy/bob"
        ));
        assert!(!glob_match(
            "arn:aws:iam::*:user/legacy/*",
            "arn:aws:iam::123456789012:user/bob"
        ));
        assert!(glob_match("*", "anything"));
        assert!(glob_match("alice", "alice"));
        assert!(!glob_match("alice", "alice2"));
        assert!(glob_match("a*b*c", "aXbYc"));
        assert!(!glob_match("a*b*c", "aXcYb"));
        assert!(
            !glob_match("ab*ab", "ab"),
            "the prefix and suffix may not overlap"
        );
    }

    #[test]
    fn quoted_and_plain_dates_and_all() {
        let config = parse_text(
            "all = true\n[[waiver]]\ncheck = \"root-mfa\"\nreason = \"x\"\nexpires = \"2027-03-31\"\n\
             [[waiver]]\ncheck = \"no-user-policies\"\nreason = \"y\"\nexpires = 2027-04-01\nresources = [\"ci-*\"]\n",
        )
        .expect("valid");
        assert!(config.all);
        assert_eq!(config.waivers[0].expires.to_string(), "2027-03-31");
        assert_eq!(config.waivers[0].resources, None);
        assert_eq!(config.waivers[1].expires.to_string(), "2027-04-01");
        assert_eq!(
            config.waivers[1].resources.as_deref(),
            Some(&["ci-*".to_string()][..])
        );
    }

    #[test]
    fn waivers_may_name_the_accounts_they_hold_in() {
        let config = parse_text(
            "[[waiver]]\ncheck = \"root-mfa\"\nreason = \"x\"\nexpires = 2027-03-31\n\
             accounts = [\"111122223333\"]\n",
        )
        .expect("valid");
        let waiver = &config.waivers[0];
        assert!(waiver.applies_in("111122223333"));
        assert!(!waiver.applies_in("444455556666"));
        let everywhere = Waiver {
            accounts: Some(vec!["*".into()]),
            ..waiver.clone()
        };
        assert!(everywhere.applies_in("444455556666"));
        assert!(
            Waiver {
                accounts: None,
                ..waiver.clone()
            }
            .applies_in("444455556666")
        );
        for (accounts, message) in [
            (
                "[\"1111\"]",
                "waiver.accounts: \"1111\" is not a 12-digit account id",
            ),
            ("[]", "waiver.accounts: the list is empty"),
        ] {
            let err = parse_text(&format!(
                "[[waiver]]\ncheck = \"root-mfa\"\nreason = \"x\"\nexpires = 2027-03-31\naccounts = {accounts}\n"
            ))
            .expect_err("refused");
            assert!(err.to_string().contains(message), "{err}");
        }
    }

    #[test]
    fn the_test_clock_takes_plain_dates_only() {
        assert_eq!(
            parse_date("2027-03-31").expect("date").to_string(),
            "2027-03-31"
        );
        assert!(parse_date("2027-02-30").is_err());
        assert!(parse_date("tomorrow").is_err());
    }
}
