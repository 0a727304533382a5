//! Per-user credential hygiene from the credential report: console MFA, unused credentials,
//! one active key, key age. Day counts use the injected clock.

use super::finding::{Finding, Resource, ResourceType};
use iam_analysis::verdict::count;

use super::outcome::{Outcome, days_between};
use crate::settings::Settings;
use crate::snapshot::credential_report::{CredentialRow, KeyUse, ROOT_ROW};
use crate::snapshot::{CredentialReport, Snapshot};

fn report(snapshot: &Snapshot) -> Result<&CredentialReport, Outcome> {
    snapshot
        .credential_report
        .as_ref()
        .map_err(|e| Outcome::error(e.reason()))
}

fn date(t: time::OffsetDateTime) -> String {
    t.date().to_string()
}

/// Who a row is about, in messages: the root user, named by its ARN, or an IAM user.
fn principal(row: &CredentialRow) -> String {
    if row.user == ROOT_ROW {
        format!("the root user ({})", row.arn)
    } else {
        format!("user {}", row.user)
    }
}

/// The row's principal as a resource: the account for the root row, else the IAM user.
fn principal_resource(row: &CredentialRow) -> Resource {
    if row.user == ROOT_ROW {
        let account = row.arn.split(':').nth(4).unwrap_or_default();
        Resource::new(ResourceType::AwsAccount, &row.arn, account)
    } else {
        Resource::new(ResourceType::AwsIamUser, &row.arn, &row.user)
    }
}

/// An access key slot of a row (the report names no key id): the owner's ARN, and the name
/// `alice/access-key-1` (`root/access-key-1` for the root user).
fn key_resource(row: &CredentialRow, slot: usize) -> Resource {
    let owner = if row.user == ROOT_ROW {
        "root"
    } else {
        &row.user
    };
    Resource::new(
        ResourceType::AwsIamAccessKey,
        &row.arn,
        format!("{owner}/access-key-{}", slot + 1),
    )
}

/// The facts a key's verdict comes from.
fn key_facts(finding: Finding, key: &KeyUse) -> Finding {
    finding
        .fact("active", key.active)
        .fact("last_rotated", key.last_rotated.map(date))
        .fact("last_used", key.last_used.map(date))
}

/// Fail with the findings (counted as `one` or `many`), or pass with `ok`.
fn verdict(findings: Vec<Finding>, one: &str, many: &str, ok: &str) -> Outcome {
    match findings.len() {
        0 => Outcome::pass(ok),
        n => Outcome::fail(count(n, one, many), findings),
    }
}

pub fn console_mfa(snapshot: &Snapshot, _: &Settings) -> Outcome {
    let report = match report(snapshot) {
        Ok(r) => r,
        Err(o) => return o,
    };
    let findings: Vec<Finding> = report
        .users()
        .filter(|r| r.password_enabled == Some(true) && !r.mfa_active)
        .map(|r| {
            Finding::new(
                principal_resource(r),
                format!(
                    "user {}: console password without MFA (iam-harden fix user-mfa --user {})",
                    r.user, r.user
                ),
            )
            .fact("password_enabled", true)
            .fact("mfa_active", false)
        })
        .collect();
    verdict(
        findings,
        "console user without MFA",
        "console users without MFA",
        "Every user with a console password has MFA",
    )
}

/// When a credential was last used, or, never used, since when it exists.
fn idle_since(
    last_used: Option<time::OffsetDateTime>,
    created: Option<time::OffsetDateTime>,
) -> Option<(time::OffsetDateTime, bool)> {
    last_used.map(|t| (t, true)).or(created.map(|t| (t, false)))
}

pub fn unused(snapshot: &Snapshot, settings: &Settings) -> Outcome {
    let report = match report(snapshot) {
        Ok(r) => r,
        Err(o) => return o,
    };
    let limit = i64::from(settings.thresholds.unused_days);
    let now = settings.now;
    let mut findings = Vec::new();
    let mut judge = |row: &CredentialRow,
                     resource: Resource,
                     what: String,
                     since: Option<(time::OffsetDateTime, bool)>| {
        if let Some((t, used)) = since {
            let days = days_between(t, now);
            if days >= limit {
                let message = if used {
                    format!(
                        "user {}: {what} unused for {days} days (last used {})",
                        row.user,
                        date(t)
                    )
                } else {
                    format!(
                        "user {}: {what} never used, created {days} days ago ({})",
                        row.user,
                        date(t)
                    )
                };
                findings.push(
                    Finding::new(resource, message)
                        .fact("days_unused", days)
                        .fact(if used { "last_used" } else { "created" }, date(t)),
                );
            }
        }
    };
    for row in report.users() {
        if row.password_enabled == Some(true) {
            let created = row.password_last_changed.or(row.user_creation_time);
            judge(
                row,
                principal_resource(row),
                "password".into(),
                idle_since(row.password_last_used, created),
            );
        }
        for (slot, key) in row.access_keys.iter().enumerate() {
            if key.active {
                let created = key.last_rotated.or(row.user_creation_time);
                judge(
                    row,
                    key_resource(row, slot),
                    format!("access key {}", slot + 1),
                    idle_since(key.last_used, created),
                );
            }
        }
    }
    verdict(
        findings,
        &format!("credential unused for {limit} days or more"),
        &format!("credentials unused for {limit} days or more"),
        &format!("No password or active key went unused for {limit} days or more"),
    )
}

/// How close to the user's creation a key counts as created with the user (CIS 1.10).
const INITIAL_KEY_WINDOW: time::Duration = time::Duration::minutes(10);

/// CIS 1.10: a console user whose active key was created with the user (within
/// `INITIAL_KEY_WINDOW` of `user_creation_time`) and never used (`N/A`).
pub fn initial_access_keys(snapshot: &Snapshot, _: &Settings) -> Outcome {
    let report = match report(snapshot) {
        Ok(r) => r,
        Err(o) => return o,
    };
    let mut findings = Vec::new();
    for row in report.users().filter(|r| r.password_enabled == Some(true)) {
        let Some(created) = row.user_creation_time else {
            continue;
        };
        for (slot, key) in row.access_keys.iter().enumerate() {
            let with_user = key
                .last_rotated
                .is_some_and(|t| (t - created).abs() <= INITIAL_KEY_WINDOW);
            if key.active && with_user && key.last_used.is_none() {
                findings.push(key_facts(
                    Finding::new(
                        key_resource(row, slot),
                        format!(
                            "user {}: access key {} was created with the user ({}) and never used",
                            row.user,
                            slot + 1,
                            date(created)
                        ),
                    )
                    .fact("user_creation_time", date(created)),
                    key,
                ));
            }
        }
    }
    verdict(
        findings,
        "console user with an unused access key from its creation",
        "console users with unused access keys from their creation",
        "No console user has an unused access key created with the user",
    )
}

/// CIS 1.12 reads every row of the report, the root user's included: its key columns mean
/// the same as a user's.
pub fn single_active_key(snapshot: &Snapshot, _: &Settings) -> Outcome {
    let report = match report(snapshot) {
        Ok(r) => r,
        Err(o) => return o,
    };
    let findings: Vec<Finding> = report
        .rows
        .iter()
        .filter(|r| r.access_keys.iter().all(|k| k.active))
        .map(|r| {
            Finding::new(
                principal_resource(r),
                format!("{}: two active access keys", principal(r)),
            )
            .fact("active_access_keys", 2)
        })
        .collect();
    verdict(
        findings,
        "user with two active access keys",
        "users with two active access keys",
        "No user, root included, has more than one active access key",
    )
}

/// CIS 1.13: an active key created `limit` days ago or less is compliant; older fails (as
/// in the CIS audit and Prowler). Every row counts, the root user's included.
pub fn key_rotation(snapshot: &Snapshot, settings: &Settings) -> Outcome {
    let report = match report(snapshot) {
        Ok(r) => r,
        Err(o) => return o,
    };
    let limit = i64::from(settings.thresholds.rotation_days);
    let mut findings = Vec::new();
    for row in &report.rows {
        for (slot, key) in row.access_keys.iter().enumerate() {
            if let (true, Some(created)) = (key.active, key.last_rotated) {
                let days = days_between(created, settings.now);
                if days > limit {
                    findings.push(key_facts(
                        Finding::new(
                            key_resource(row, slot),
                            format!(
                                "{}: access key {} is {days} days old (created {})",
                                principal(row),
                                slot + 1,
                                date(created)
                            ),
                        )
                        .fact("key_age_days", days),
                        key,
                    ));
                }
            }
        }
    }
    verdict(
        findings,
        &format!("active access key older than {limit} days"),
        &format!("active access keys older than {limit} days"),
        &format!("Every active access key, root's included, is {limit} days old or less"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Status;
    use crate::snapshot::credential_report::KeyUse;
    use crate::test_support::{at, row, with_rows};

    const NOW: &str = "2026-11-28T12:00:00Z";

    fn settings() -> Settings {
        Settings {
            now: at(NOW),
            ..Settings::default()
        }
    }

    /// `days` whole days before NOW.
    fn days_ago(days: i64) -> time::OffsetDateTime {
        at(NOW) - time::Duration::days(days)
    }

    #[test]
    fn console_users_need_mfa() {
        let mut with_password = row("alice");
        with_password.password_enabled = Some(true);
        let mut with_mfa = row("bob");
        with_mfa.password_enabled = Some(true);
        with_mfa.mfa_active = true;
        let keys_only = row("ci");
        let snapshot = with_rows(vec![with_password, with_mfa, keys_only]);
        let outcome = console_mfa(&snapshot, &settings());
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(outcome.reason, "1 console user without MFA");
        assert_eq!(
            outcome.details,
            ["user alice: console password without MFA (iam-harden fix user-mfa --user alice)"]
        );
    }

    #[test]
    fn the_root_row_is_not_a_console_user() {
        let mut root = row("<root_account>");
        root.password_enabled = None;
        let outcome = console_mfa(&with_rows(vec![root]), &settings());
        assert_eq!(outcome.status, Status::Pass);
    }

    fn password_used(days: i64) -> crate::snapshot::credential_report::CredentialRow {
        let mut r = row("alice");
        r.password_enabled = Some(true);
        r.password_last_changed = Some(days_ago(400));
        r.password_last_used = Some(days_ago(days));
        r
    }

    #[test]
    fn unused_passwords_at_the_45_day_boundary() {
        for (days, status) in [(44, Status::Pass), (45, Status::Fail), (46, Status::Fail)] {
            let outcome = unused(&with_rows(vec![password_used(days)]), &settings());
            assert_eq!(outcome.status, status, "{days} days");
        }
        let outcome = unused(&with_rows(vec![password_used(46)]), &settings());
        assert_eq!(
            outcome.details,
            ["user alice: password unused for 46 days (last used 2026-10-13)"]
        );
    }

    #[test]
    fn never_used_credentials_count_from_their_creation() {
        let mut fresh = row("new");
        fresh.password_enabled = Some(true);
        fresh.password_last_changed = Some(days_ago(10));
        let mut stale = row("old");
        stale.password_enabled = Some(true);
        stale.password_last_changed = Some(days_ago(45));
        stale.access_keys[0] = KeyUse {
            active: true,
            last_rotated: Some(days_ago(60)),
            last_used: None,
        };
        // An inactive key is not a usable credential.
        stale.access_keys[1] = KeyUse {
            active: false,
            last_rotated: Some(days_ago(300)),
            last_used: None,
        };
        let outcome = unused(&with_rows(vec![fresh, stale]), &settings());
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(outcome.reason, "2 credentials unused for 45 days or more");
        assert_eq!(
            outcome.details,
            [
                "user old: password never used, created 45 days ago (2026-10-14)",
                "user old: access key 1 never used, created 60 days ago (2026-09-29)",
            ]
        );
    }

    #[test]
    fn a_custom_unused_threshold() {
        let mut custom = settings();
        custom.thresholds.unused_days = 90;
        let outcome = unused(&with_rows(vec![password_used(60)]), &custom);
        assert_eq!(outcome.status, Status::Pass);
        assert!(outcome.reason.contains("90 days"));
    }

    fn key_created(days: i64) -> crate::snapshot::credential_report::CredentialRow {
        let mut r = row("deploy");
        r.access_keys[0] = KeyUse {
            active: true,
            last_rotated: Some(days_ago(days)),
            last_used: Some(days_ago(1)),
        };
        r
    }

    #[test]
    fn key_rotation_at_the_90_day_boundary() {
        // CIS 1.13: created 90 days ago or less is compliant.
        for (days, status) in [(89, Status::Pass), (90, Status::Pass), (91, Status::Fail)] {
            let outcome = key_rotation(&with_rows(vec![key_created(days)]), &settings());
            assert_eq!(outcome.status, status, "{days} days");
        }
        let outcome = key_rotation(&with_rows(vec![key_created(91)]), &settings());
        assert_eq!(
            outcome.details,
            ["user deploy: access key 1 is 91 days old (created 2026-08-29)"]
        );
    }

    fn root_with_keys(ages: &[i64]) -> CredentialRow {
        let mut root = row(ROOT_ROW);
        root.arn = "arn:aws:iam::123456789012:root".into();
        root.password_enabled = None;
        for (slot, days) in ages.iter().enumerate() {
            root.access_keys[slot] = KeyUse {
                active: true,
                last_rotated: Some(days_ago(*days)),
                last_used: None,
            };
        }
        root
    }

    #[test]
    fn the_root_users_keys_count_for_rotation_and_one_active_key() {
        let outcome = key_rotation(&with_rows(vec![root_with_keys(&[2523])]), &settings());
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(
            outcome.details,
            [
                "the root user (arn:aws:iam::123456789012:root): access key 1 is 2523 days old (created 2020-01-01)"
            ]
        );
        for (days, status) in [(90, Status::Pass), (91, Status::Fail)] {
            let outcome = key_rotation(&with_rows(vec![root_with_keys(&[days])]), &settings());
            assert_eq!(outcome.status, status, "root key {days} days");
        }

        let one = single_active_key(&with_rows(vec![root_with_keys(&[10])]), &settings());
        assert_eq!(one.status, Status::Pass);
        let two = single_active_key(&with_rows(vec![root_with_keys(&[10, 400])]), &settings());
        assert_eq!(two.status, Status::Fail);
        assert_eq!(
            two.details,
            ["the root user (arn:aws:iam::123456789012:root): two active access keys"]
        );
        // Unused-credentials stays about IAM users (CIS 1.11); root's use is root-recent-use.
        assert_eq!(
            unused(&with_rows(vec![root_with_keys(&[400])]), &settings()).status,
            Status::Pass
        );
    }

    #[test]
    fn initial_access_keys_at_the_ten_minute_boundary() {
        let console_user_with_key = |minutes_after: i64, used: bool| {
            let mut r = row("alice");
            r.password_enabled = Some(true);
            r.user_creation_time = Some(days_ago(30));
            r.access_keys[0] = KeyUse {
                active: true,
                last_rotated: Some(days_ago(30) + time::Duration::minutes(minutes_after)),
                last_used: used.then(|| days_ago(1)),
            };
            r
        };
        for (minutes, used, status) in [
            (0, false, Status::Fail),
            (10, false, Status::Fail),
            (11, false, Status::Pass),
            (0, true, Status::Pass),
        ] {
            let snapshot = with_rows(vec![console_user_with_key(minutes, used)]);
            let outcome = initial_access_keys(&snapshot, &settings());
            assert_eq!(outcome.status, status, "{minutes} min, used {used}");
        }
        let outcome = initial_access_keys(
            &with_rows(vec![console_user_with_key(2, false)]),
            &settings(),
        );
        assert_eq!(
            outcome.details,
            ["user alice: access key 1 was created with the user (2026-10-29) and never used"]
        );
        // Without a console password, a key is the user's only credential: not this check.
        let mut keys_only = console_user_with_key(0, false);
        keys_only.password_enabled = Some(false);
        assert_eq!(
            initial_access_keys(&with_rows(vec![keys_only]), &settings()).status,
            Status::Pass
        );
    }

    #[test]
    fn an_inactive_old_key_needs_no_rotation() {
        let mut r = key_created(500);
        r.access_keys[0].active = false;
        assert_eq!(
            key_rotation(&with_rows(vec![r]), &settings()).status,
            Status::Pass
        );
    }

    #[test]
    fn two_active_keys_fail() {
        let mut r = key_created(1);
        r.access_keys[1] = r.access_keys[0];
        let outcome = single_active_key(&with_rows(vec![r, key_created(1)]), &settings());
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(outcome.details, ["user deploy: two active access keys"]);
    }

    #[test]
    fn an_unreadable_report_is_an_error() {
        let mut snapshot = with_rows(vec![]);
        snapshot.credential_report = Err(crate::test_support::denied(
            "GenerateCredentialReport",
            "iam:GenerateCredentialReport",
        ));
        for check in [console_mfa, unused, single_active_key, key_rotation] {
            let outcome = check(&snapshot, &settings());
            assert_eq!(outcome.status, Status::Error);
            assert!(outcome.reason.contains("iam:GenerateCredentialReport"));
        }
    }
}
