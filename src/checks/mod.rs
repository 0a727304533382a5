//! The checks: one static table drives the audit, the checklist order, `--help`, the README
//! and the `fix` command names. Each check is a pure function of the snapshot.

pub mod groups;
pub mod password_policy;
pub mod root;
pub mod users;

use serde::Serialize;

use crate::snapshot::Snapshot;
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

/// One item of the checklist.
pub struct Check {
    /// Stable kebab-case id: part of the JSON output and the `fix` command. Never renamed.
    pub id: &'static str,
    /// The console's wording of the item.
    pub title: &'static str,
    /// What green means, for `--help` and the README.
    pub green_when: &'static str,
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
        run: root::access_keys,
    },
    Check {
        id: "root-mfa",
        title: "Activate MFA on your root account",
        green_when: "the root user has MFA, or has no password and no access keys at all",
        run: root::mfa,
    },
    Check {
        id: "individual-users",
        title: "Create individual IAM users",
        green_when: "an IAM user exists, or the account federates (SAML, IAM Identity Center)",
        run: users::individual_users,
    },
    Check {
        id: "groups",
        title: "Use groups to assign permissions",
        green_when: "a group carries a policy and no user has a policy of its own",
        run: groups::groups,
    },
    Check {
        id: "password-policy",
        title: "Apply an IAM password policy",
        green_when: "a password policy meets the baseline (length, character classes, reuse, self-service change)",
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
