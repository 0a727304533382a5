//! The account password policy, measured against a baseline (CIS AWS Foundations and
//! Security Hub IAM.7 by default). Expiry is never required: NIST SP 800-63B advises
//! against forced periodic rotation.

use super::{Finding, Outcome, Resource, Settings};
use crate::settings::Baseline;
use crate::snapshot::{PasswordPolicy, Snapshot};

/// A setting of the password policy the baseline sets a floor on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Floor {
    MinLength,
    Uppercase,
    Lowercase,
    Numbers,
    Symbols,
    ReusePrevention,
    UsersMayChange,
}

/// The settings where `policy` falls short of `baseline`, in the policy's order: the one
/// comparison the check and the fix's plan both make.
pub fn short_of(policy: &PasswordPolicy, baseline: &Baseline) -> Vec<Floor> {
    [
        (
            policy.minimum_password_length < baseline.min_length,
            Floor::MinLength,
        ),
        (
            baseline.require_uppercase && !policy.require_uppercase_characters,
            Floor::Uppercase,
        ),
        (
            baseline.require_lowercase && !policy.require_lowercase_characters,
            Floor::Lowercase,
        ),
        (
            baseline.require_numbers && !policy.require_numbers,
            Floor::Numbers,
        ),
        (
            baseline.require_symbols && !policy.require_symbols,
            Floor::Symbols,
        ),
        (
            policy.password_reuse_prevention.unwrap_or(0) < baseline.reuse_prevention,
            Floor::ReusePrevention,
        ),
        (
            baseline.allow_users_to_change && !policy.allow_users_to_change_password,
            Floor::UsersMayChange,
        ),
    ]
    .into_iter()
    .filter_map(|(short, floor)| short.then_some(floor))
    .collect()
}

/// Every way `policy` falls short of `baseline`, one sentence each.
pub fn shortfalls(policy: &PasswordPolicy, baseline: &Baseline) -> Vec<String> {
    let requires = |what: &str| format!("does not require {what}");
    short_of(policy, baseline)
        .into_iter()
        .map(|floor| match floor {
            Floor::MinLength => format!(
                "minimum length is {}, the baseline wants at least {}",
                policy.minimum_password_length, baseline.min_length
            ),
            Floor::Uppercase => requires("an uppercase letter"),
            Floor::Lowercase => requires("a lowercase letter"),
            Floor::Numbers => requires("a number"),
            Floor::Symbols => requires("a symbol"),
            Floor::ReusePrevention => match policy.password_reuse_prevention.unwrap_or(0) {
                0 => format!(
                    "does not prevent password reuse, the baseline wants the last {} remembered",
                    baseline.reuse_prevention
                ),
                remembered => format!(
                    "remembers {remembered} previous passwords, the baseline wants {}",
                    baseline.reuse_prevention
                ),
            },
            Floor::UsersMayChange => "does not let users change their own password".to_string(),
        })
        .collect()
}

pub fn password_policy(snapshot: &Snapshot, settings: &Settings) -> Outcome {
    match &snapshot.password_policy {
        Err(e) => Outcome::error(e.reason()),
        Ok(None) => {
            let reason = "No password policy: IAM users may choose weak passwords";
            Outcome::fail(
                reason,
                vec![
                    Finding::new(Resource::account(snapshot), reason)
                        .fact("password_policy", None::<()>),
                ],
            )
        }
        Ok(Some(policy)) => {
            let found = shortfalls(policy, &settings.baseline);
            // One finding: the account's one password policy, with every shortfall.
            let finding = || {
                Finding::new(
                    Resource::account(snapshot),
                    format!("The password policy {}", found.join("; ")),
                )
                .fact("password_policy", policy)
                .fact("shortfalls", &found)
            };
            match found.len() {
                0 => Outcome::pass("The password policy meets the baseline"),
                1 => Outcome::fail(format!("The password policy {}", found[0]), vec![finding()]),
                n => Outcome::fail(
                    format!("The password policy falls short of the baseline in {n} ways"),
                    vec![finding()],
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Status;
    use crate::test_support::{denied, green_snapshot};

    fn policy(edit: impl FnOnce(&mut PasswordPolicy)) -> Snapshot {
        let mut snapshot = green_snapshot();
        edit(
            snapshot
                .password_policy
                .as_mut()
                .expect("readable")
                .as_mut()
                .expect("present"),
        );
        snapshot
    }

    fn outcome(snapshot: &Snapshot) -> Outcome {
        password_policy(snapshot, &Settings::default())
    }

    #[test]
    fn baseline_policy_passes() {
        assert_eq!(outcome(&green_snapshot()).status, Status::Pass);
    }

    #[test]
    fn expiry_is_not_required_and_does_not_hurt() {
        let snapshot = policy(|p| {
            p.max_password_age = Some(90);
            p.hard_expiry = true;
        });
        assert_eq!(outcome(&snapshot).status, Status::Pass);
    }

    #[test]
    fn missing_policy_fails() {
        let mut snapshot = green_snapshot();
        snapshot.password_policy = Ok(None);
        let o = outcome(&snapshot);
        assert_eq!(o.status, Status::Fail);
        assert!(o.reason.starts_with("No password policy"));
    }

    #[test]
    fn each_shortfall_is_reported_alone() {
        type Edit = fn(&mut PasswordPolicy);
        let cases: [(Edit, &str); 8] = [
            (
                |p| p.minimum_password_length = 13,
                "minimum length is 13, the baseline wants at least 14",
            ),
            (
                |p| p.require_uppercase_characters = false,
                "does not require an uppercase letter",
            ),
            (
                |p| p.require_lowercase_characters = false,
                "does not require a lowercase letter",
            ),
            (|p| p.require_numbers = false, "does not require a number"),
            (|p| p.require_symbols = false, "does not require a symbol"),
            (
                |p| p.password_reuse_prevention = Some(5),
                "remembers 5 previous passwords, the baseline wants 24",
            ),
            (
                |p| p.password_reuse_prevention = None,
                "does not prevent password reuse, the baseline wants the last 24 remembered",
            ),
            (
                |p| p.allow_users_to_change_password = false,
                "does not let users change their own password",
            ),
        ];
        for (edit, expected) in cases {
            let o = outcome(&policy(edit));
            assert_eq!(o.status, Status::Fail, "{expected}");
            assert_eq!(o.reason, format!("The password policy {expected}"));
            assert_eq!(o.details, std::slice::from_ref(&o.reason));
            assert_eq!(
                o.findings[0].facts["shortfalls"],
                serde_json::json!([expected])
            );
        }
    }

    #[test]
    fn several_shortfalls_are_counted_and_listed() {
        let o = outcome(&policy(|p| {
            p.minimum_password_length = 8;
            p.require_symbols = false;
            p.password_reuse_prevention = None;
        }));
        assert_eq!(
            o.reason,
            "The password policy falls short of the baseline in 3 ways"
        );
        assert_eq!(o.findings.len(), 1, "one password policy");
        assert_eq!(
            o.findings[0].facts["shortfalls"].as_array().map(Vec::len),
            Some(3)
        );
        assert_eq!(
            o.findings[0].facts["password_policy"]["MinimumPasswordLength"],
            8
        );
    }

    #[test]
    fn a_relaxed_baseline_accepts_a_weaker_policy() {
        let snapshot = policy(|p| {
            p.minimum_password_length = 10;
            p.require_symbols = false;
            p.password_reuse_prevention = None;
            p.allow_users_to_change_password = false;
        });
        let settings = Settings {
            baseline: Baseline {
                min_length: 10,
                reuse_prevention: 0,
                require_symbols: false,
                allow_users_to_change: false,
                ..Baseline::default()
            },
            ..Settings::default()
        };
        assert_eq!(password_policy(&snapshot, &settings).status, Status::Pass);
    }

    #[test]
    fn unreadable_policy_is_an_error() {
        let mut snapshot = green_snapshot();
        snapshot.password_policy = Err(denied(
            "GetAccountPasswordPolicy",
            "iam:GetAccountPasswordPolicy",
        ));
        let o = outcome(&snapshot);
        assert_eq!(o.status, Status::Error);
        assert!(o.reason.contains("iam:GetAccountPasswordPolicy"));
    }
}
