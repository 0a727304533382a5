//! The checks: one static table drives the audit, the checklist order, `--help`, the README
//! and the `fix` command names. Each check is a pure function of the snapshot.

pub mod groups;
pub mod password_policy;
pub mod root;
pub mod users;

use serde::Serialize;

use crate::snapshot::{self, Snapshot, Source};
use password_policy::Baseline;

/// What a check concluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Green.
    Pass,
    /// Orange: the account falls short.
    Fail,
    /// The data could not be read: never green.
    Error,
    /// Orange, but covered by an unexpired waiver in the config file. Set by the report;
    /// checks never return it.
    Waived,
}

/// How much a failing check matters, following AWS Security Hub where a control matches.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// The CVSS-like score GitHub code scanning reads from SARIF's `security-severity`.
    pub fn score(self) -> &'static str {
        match self {
            Severity::Low => "3.0",
            Severity::Medium => "5.5",
            Severity::High => "8.0",
            Severity::Critical => "9.5",
        }
    }
}

/// The least severity of an orange item that makes the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Critical,
    High,
    Medium,
    #[default]
    Low,
    /// Orange items never fail the run; errors still do.
    None,
}

impl FailOn {
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Critical => severity >= Severity::Critical,
            FailOn::High => severity >= Severity::High,
            FailOn::Medium => severity >= Severity::Medium,
            FailOn::Low => true,
            FailOn::None => false,
        }
    }
}

/// A check's verdict on one snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub status: Status,
    /// One line for the checklist.
    pub reason: String,
    /// Everything behind the reason (all offending principals, every shortfall).
    pub details: Vec<String>,
}

impl Outcome {
    pub fn pass(reason: impl Into<String>) -> Self {
        Self {
            status: Status::Pass,
            reason: reason.into(),
            details: Vec::new(),
        }
    }

    pub fn fail(reason: impl Into<String>, details: Vec<String>) -> Self {
        Self {
            status: Status::Fail,
            reason: reason.into(),
            details,
        }
    }

    pub fn error(reason: impl Into<String>) -> Self {
        Self {
            status: Status::Error,
            reason: reason.into(),
            details: Vec::new(),
        }
    }
}

/// Settings the checks are measured against.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub baseline: Baseline,
}

/// The check with this id.
pub fn by_id(id: &str) -> Option<&'static Check> {
    CHECKS.iter().find(|c| c.id == id)
}

/// One item of the checklist.
#[derive(Debug)]
pub struct Check {
    /// Stable kebab-case id: part of the JSON output and the `fix` command. Never renamed.
    pub id: &'static str,
    /// The console's wording of the item.
    pub title: &'static str,
    /// What green means, for `--help` and the README.
    pub green_when: &'static str,
    /// Why it matters, for SARIF and the README.
    pub why: &'static str,
    pub severity: Severity,
    /// The matching AWS Security Hub control, if there is one.
    pub security_hub: Option<&'static str>,
    /// The reads the check decides from (for least-privilege policies).
    pub sources: &'static [Source],
    pub run: fn(&Snapshot, &Settings) -> Outcome,
}

impl Check {
    pub fn fix_command(&self) -> String {
        format!("iam-harden fix {}", self.id)
    }
}

/// The checklist, in the console's order.
pub static CHECKS: &[Check] = &[
    Check {
        id: "root-access-keys",
        title: "Delete your root access keys",
        green_when: "the root user has no access keys",
        why: "Root access keys cannot be limited by any policy: a leaked key owns the account.",
        severity: Severity::Critical,
        security_hub: Some("IAM.4"),
        sources: &[snapshot::ACCOUNT_SUMMARY],
        run: root::access_keys,
    },
    Check {
        id: "root-mfa",
        title: "Activate MFA on your root account",
        green_when: "the root user has MFA, or has no password and no access keys at all",
        why: "A phished or guessed root password is the worst breach an account can have.",
        severity: Severity::Critical,
        security_hub: Some("IAM.9"),
        sources: &[snapshot::ACCOUNT_SUMMARY],
        run: root::mfa,
    },
    Check {
        id: "individual-users",
        title: "Create individual IAM users",
        green_when: "an IAM user exists, or the account federates (SAML, IAM Identity Center)",
        why: "Shared logins make every action anonymous and every departure a password change.",
        severity: Severity::Medium,
        security_hub: None,
        sources: &[snapshot::ACCOUNT_SUMMARY, snapshot::IDENTITY_CENTER_ROLES],
        run: users::individual_users,
    },
    Check {
        id: "groups",
        title: "Use groups to assign permissions",
        green_when: "a group carries a policy and no user has a policy of its own",
        why: "Policies attached to single users drift and are never reviewed.",
        severity: Severity::Low,
        security_hub: Some("IAM.2"),
        sources: &[
            snapshot::AUTHORIZATION_DETAILS,
            snapshot::ACCOUNT_SUMMARY,
            snapshot::IDENTITY_CENTER_ROLES,
        ],
        run: groups::groups,
    },
    Check {
        id: "password-policy",
        title: "Apply an IAM password policy",
        green_when: "a password policy meets the baseline (length, character classes, reuse, self-service change)",
        why: "Without a policy, IAM users may choose short, guessable passwords.",
        severity: Severity::Medium,
        security_hub: Some("IAM.7"),
        sources: &[snapshot::PASSWORD_POLICY],
        run: password_policy::password_policy,
    },
];

/// The help text listing every check, generated from the table.
pub fn help_text() -> String {
    let width = CHECKS.iter().map(|c| c.id.len()).max().unwrap_or(0);
    let mut text = String::from("Checks (in checklist order):\n");
    for check in CHECKS {
        text.push_str(&format!(
            "  {:width$}  {}: green when {}\n",
            check.id, check.title, check.green_when
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_kebab_case() {
        let mut seen = HashSet::new();
        for check in CHECKS {
            assert!(seen.insert(check.id), "duplicate id {}", check.id);
            assert!(
                check.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{} is not kebab-case",
                check.id
            );
        }
    }

    #[test]
    fn fail_on_thresholds() {
        use Severity::*;
        let failing = |t: FailOn| -> Vec<Severity> {
            [Low, Medium, High, Critical]
                .into_iter()
                .filter(|s| t.fails(*s))
                .collect()
        };
        assert_eq!(failing(FailOn::Low), [Low, Medium, High, Critical]);
        assert_eq!(failing(FailOn::Medium), [Medium, High, Critical]);
        assert_eq!(failing(FailOn::High), [High, Critical]);
        assert_eq!(failing(FailOn::Critical), [Critical]);
        assert!(failing(FailOn::None).is_empty());
    }

    #[test]
    fn checklist_order_is_the_consoles() {
        let ids: Vec<&str> = CHECKS.iter().map(|c| c.id).collect();
        assert_eq!(
            ids,
            [
                "root-access-keys",
                "root-mfa",
                "individual-users",
                "groups",
                "password-policy"
            ]
        );
        assert_eq!(CHECKS[3].fix_command(), "iam-harden fix groups");
    }
}
