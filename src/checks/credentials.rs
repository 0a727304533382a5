//! Per-user credential hygiene from the credential report: console MFA, unused credentials,
//! one active key, key age. Day counts use the injected clock.

use super::{Outcome, Settings, days_between};
use crate::snapshot::credential_report::CredentialRow;
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

/// Fail with one detail per finding (counted as `one` or `many`), or pass with `ok`.
fn verdict(findings: Vec<String>, one: &str, many: &str, ok: &str) -> Outcome {
    match findings.len() {
        0 => Outcome::pass(ok),
        1 => Outcome::fail(format!("1 {one}"), findings),
        n => Outcome::fail(format!("{n} {many}"), findings),
    }
}

pub fn console_mfa(snapshot: &Snapshot, _: &Settings) -> Outcome {
    let report = match report(snapshot) {
        Ok(r) => r,
        Err(o) => return o,
    };
    let findings: Vec<String> = report
        .users()
        .filter(|r| r.password_enabled == Some(true) && !r.mfa_active)
        .map(|r| {
            format!(
                "user {}: console password without MFA (iam-harden fix user-mfa --user {})",
                r.user, r.user
            )
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
    let mut judge =
        |row: &CredentialRow, what: String, since: Option<(time::OffsetDateTime, bool)>| {
            if let Some((t, used)) = since {
                let days = days_between(t, now);
                if days >= limit {
                    findings.push(if used {
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
                    });
                }
            }
        };
    for row in report.users() {
        if row.password_enabled == Some(true) {
            let created = row.password_last_changed.or(row.user_creation_time);
            judge(
                row,
                "password".into(),
                idle_since(row.password_last_used, created),
            );
        }
        for (slot, key) in row.access_keys.iter().enumerate() {
            if key.active {
                let created = key.last_rotated.or(row.user_creation_time);
                judge(
                    row,
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

pub fn single_active_key(snapshot: &Snapshot, _: &Settings) -> Outcome {
    let report = match report(snapshot) {
        Ok(r) => r,
        Err(o) => return o,
    };
    let findings: Vec<String> = report
        .users()
        .filter(|r| r.access_keys.iter().all(|k| k.active))
        .map(|r| format!("user {}: two active access keys", r.user))
        .collect();
    verdict(
        findings,
        "user with two active access keys",
        "users with two active access keys",
        "No user has more than one active access key",
    )
}

pub fn key_rotation(snapshot: &Snapshot, settings: &Settings) -> Outcome {
    let report = match report(snapshot) {
        Ok(r) => r,
        Err(o) => return o,
    };
    let limit = i64::from(settings.thresholds.rotation_days);
    let mut findings = Vec::new();
    for row in report.users() {
        for (slot, key) in row.access_keys.iter().enumerate() {
            if let (true, Some(created)) = (key.active, key.last_rotated) {
                let days = days_between(created, settings.now);
                if days >= limit {
                    findings.push(format!(
                        "user {}: access key {} is {days} days old (created {})",
                        row.user,
                        slot + 1,
                        date(created)
                    ));
                }
            }
        }
    }
    verdict(
        findings,
        &format!("active access key {limit} days old or more"),
        &format!("active access keys {limit} days old or more"),
        &format!("Every active access key is younger than {limit} days"),
    )
}
