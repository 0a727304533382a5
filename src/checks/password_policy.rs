//! The account password policy, measured against the console checklist's baseline (the
//! five-item `password-policy`), and against each control that judges a part of it on its
//! own terms: CIS 1.7 (length), CIS 1.8 (reuse) and Security Hub IAM.7 (its default
//! parameters). Expiry is never required: NIST SP 800-63B advises against forced periodic
//! rotation.

use super::finding::Finding;
use super::outcome::Outcome;
use crate::settings::Baseline;
use crate::settings::Settings;
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

/// Every way `policy` falls short of `baseline`, one sentence each, naming who wants the
/// floor (`by`: "the baseline", "CIS 1.7", ...).
pub fn shortfalls(policy: &PasswordPolicy, baseline: &Baseline, by: &str) -> Vec<String> {
    let requires = |what: &str| format!("does not require {what}");
    short_of(policy, baseline)
        .into_iter()
        .map(|floor| match floor {
            Floor::MinLength => format!(
                "minimum length is {}, {by} wants at least {}",
                policy.minimum_password_length, baseline.min_length
            ),
            Floor::Uppercase => requires("an uppercase letter"),
            Floor::Lowercase => requires("a lowercase letter"),
            Floor::Numbers => requires("a number"),
            Floor::Symbols => requires("a symbol"),
            Floor::ReusePrevention => match policy.password_reuse_prevention.unwrap_or(0) {
                0 => format!(
                    "does not prevent password reuse, {by} wants the last {} remembered",
                    baseline.reuse_prevention
                ),
                remembered => format!(
                    "remembers {remembered} previous passwords, {by} wants {}",
                    baseline.reuse_prevention
                ),
            },
            Floor::UsersMayChange => "does not let users change their own password".to_string(),
        })
        .collect()
}

/// A floor on nothing: each control below raises only the settings it judges.
const NO_FLOOR: Baseline = Baseline {
    min_length: 0,
    reuse_prevention: 0,
    require_uppercase: false,
    require_lowercase: false,
    require_numbers: false,
    require_symbols: false,
    allow_users_to_change: false,
};

/// CIS 1.7 (Security Hub IAM.15): minimum length at least 14.
pub const CIS_LENGTH: Baseline = Baseline {
    min_length: 14,
    ..NO_FLOOR
};

/// CIS 1.8 (Security Hub IAM.16): the last 24 passwords remembered.
pub const CIS_REUSE: Baseline = Baseline {
    reuse_prevention: 24,
    ..NO_FLOOR
};

/// Security Hub IAM.7 with the control's default parameters: upper, lower, number, symbol,
/// minimum length 8.
pub const IAM7: Baseline = Baseline {
    min_length: 8,
    require_uppercase: true,
    require_lowercase: true,
    require_numbers: true,
    require_symbols: true,
    ..NO_FLOOR
};

/// The account's one password policy against one set of floors.
fn judge(snapshot: &Snapshot, baseline: &Baseline, by: &str) -> Outcome {
    match &snapshot.password_policy {
        Err(e) => Outcome::error(e.reason()),
        Ok(None) => {
            let reason = "No password policy: IAM users may choose weak passwords";
            Outcome::fail(
                reason,
                vec![
                    Finding::new(crate::checks::finding::account_resource(snapshot), reason)
                        .fact("password_policy", None::<()>),
                ],
            )
        }
        Ok(Some(policy)) => {
            let found = shortfalls(policy, baseline, by);
            // One finding: the account's one password policy, with every shortfall.
            let finding = || {
                Finding::new(
                    crate::checks::finding::account_resource(snapshot),
                    format!("The password policy {}", found.join("; ")),
                )
                .fact("password_policy", policy)
                .fact("shortfalls", &found)
            };
            match found.len() {
                0 => Outcome::pass(format!("The password policy meets {by}")),
                1 => Outcome::fail(format!("The password policy {}", found[0]), vec![finding()]),
                n => Outcome::fail(
                    format!("The password policy falls short of {by} in {n} ways"),
                    vec![finding()],
                ),
            }
        }
    }
}

/// The console checklist's item, against the configured baseline (stricter than any one
/// control: its verdict is none of theirs).
pub fn password_policy(snapshot: &Snapshot, settings: &Settings) -> Outcome {
    judge(snapshot, &settings.baseline, "the baseline")
}

pub fn length(snapshot: &Snapshot, _: &Settings) -> Outcome {
    judge(snapshot, &CIS_LENGTH, "CIS 1.7")
}

pub fn reuse(snapshot: &Snapshot, _: &Settings) -> Outcome {
    judge(snapshot, &CIS_REUSE, "CIS 1.8")
}

pub fn strength(snapshot: &Snapshot, _: &Settings) -> Outcome {
    judge(snapshot, &IAM7, "Security Hub IAM.7")
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

    /// CIS 1.7, CIS 1.8 and Security Hub IAM.7 each judge their own settings: for every
    /// pair, a policy passes one and fails the other.
    #[test]
    fn each_control_is_decided_by_its_own_settings() {
        type Control = fn(&Snapshot, &Settings) -> Outcome;
        let controls: [(&str, Control); 3] =
            [("length", length), ("reuse", reuse), ("strength", strength)];
        // Length 14, reuse 24, no classes: only IAM.7 fails. Length 8 with every class and
        // no reuse rule: only IAM.7 passes. Length 14 with classes, no reuse: reuse fails.
        let cases: [(u32, bool, Option<u32>, [Status; 3]); 4] = [
            (
                14,
                false,
                Some(24),
                [Status::Pass, Status::Pass, Status::Fail],
            ),
            (8, true, None, [Status::Fail, Status::Fail, Status::Pass]),
            (14, true, None, [Status::Pass, Status::Fail, Status::Pass]),
            (
                8,
                false,
                Some(24),
                [Status::Fail, Status::Pass, Status::Fail],
            ),
        ];
        let mut pairs_split = std::collections::BTreeSet::new();
        for (min_length, classes, remembered, expected) in cases {
            let snapshot = policy(|p| {
                p.minimum_password_length = min_length;
                p.require_uppercase_characters = classes;
                p.require_lowercase_characters = classes;
                p.require_numbers = classes;
                p.require_symbols = classes;
                p.password_reuse_prevention = remembered;
            });
            let got: Vec<Status> = controls
                .iter()
                .map(|(_, run)| run(&snapshot, &Settings::default()).status)
                .collect();
            assert_eq!(
                got, expected,
                "length {min_length}, classes {classes}, reuse {remembered:?}"
            );
            for (a, b) in [(0, 1), (0, 2), (1, 2)] {
                if got[a] != got[b] {
                    let (pass, fail) = if got[a] == Status::Pass {
                        (a, b)
                    } else {
                        (b, a)
                    };
                    pairs_split.insert((controls[pass].0, controls[fail].0));
                }
            }
        }
        assert_eq!(
            pairs_split.len(),
            6,
            "every control passes while each other fails: {pairs_split:?}"
        );
        let short = policy(|p| p.minimum_password_length = 12);
        assert_eq!(
            length(&short, &Settings::default()).reason,
            "The password policy minimum length is 12, CIS 1.7 wants at least 14"
        );
        // A length-12 policy fails the checklist's baseline, passes IAM.7.
        assert_eq!(
            password_policy(&short, &Settings::default()).status,
            Status::Fail
        );
        assert_eq!(strength(&short, &Settings::default()).status, Status::Pass);
        let no_policy = {
            let mut s = green_snapshot();
            s.password_policy = Ok(None);
            s
        };
        for (name, run) in controls {
            assert_eq!(
                run(&no_policy, &Settings::default()).status,
                Status::Fail,
                "{name}"
            );
        }
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
