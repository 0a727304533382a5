//! The root user's items, read from GetAccountSummary (fresh, unlike the credential report).

use super::finding::{Finding, Resource, ResourceType};
use super::outcome::{Outcome, days_between};
use crate::settings::Settings;
use crate::snapshot::{AccountSummary, FetchError, Snapshot};

fn summary(snapshot: &Snapshot) -> Result<&AccountSummary, Outcome> {
    snapshot
        .summary
        .as_ref()
        .map_err(|e: &FetchError| Outcome::error(e.reason()))
}

/// A decision from GetAccountSummary alone: the check's verdict and the fix's verification
/// are the same function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RootVerdict {
    Green(&'static str),
    Orange(&'static str),
    /// The summary lacked this key.
    Unknown(&'static str),
}

impl RootVerdict {
    pub fn is_green(self) -> bool {
        matches!(self, RootVerdict::Green(_))
    }

    /// What the verdict says, for people.
    pub fn reason(self) -> String {
        match self {
            RootVerdict::Green(reason) | RootVerdict::Orange(reason) => reason.into(),
            RootVerdict::Unknown(key) => {
                format!(
                    "GetAccountSummary did not report {key}, so the root user's state is unknown"
                )
            }
        }
    }

    /// The check's outcome: an orange verdict is a finding on the account, with the
    /// summary's root facts.
    fn outcome(self, snapshot: &Snapshot, summary: &AccountSummary) -> Outcome {
        match self {
            RootVerdict::Green(reason) => Outcome::pass(reason),
            RootVerdict::Orange(reason) => Outcome::fail(
                reason,
                vec![
                    Finding::new(crate::checks::finding::account_resource(snapshot), reason)
                        .fact("AccountMFAEnabled", summary.root_mfa_enabled)
                        .fact("AccountAccessKeysPresent", summary.root_access_keys_present)
                        .fact("AccountPasswordPresent", summary.root_password_present),
                ],
            ),
            RootVerdict::Unknown(_) => Outcome::error(self.reason()),
        }
    }
}

pub fn access_keys(snapshot: &Snapshot, _: &Settings) -> Outcome {
    match summary(snapshot) {
        Ok(s) => access_keys_verdict(s).outcome(snapshot, s),
        Err(outcome) => outcome,
    }
}

pub fn access_keys_verdict(summary: &AccountSummary) -> RootVerdict {
    match summary.root_access_keys_present {
        Some(false) => RootVerdict::Green("The root user has no access keys"),
        Some(true) => RootVerdict::Orange(
            "The root user has access keys: anyone holding them controls the whole account",
        ),
        None => RootVerdict::Unknown("AccountAccessKeysPresent"),
    }
}

pub fn mfa(snapshot: &Snapshot, _: &Settings) -> Outcome {
    match summary(snapshot) {
        Ok(s) => mfa_verdict(s).outcome(snapshot, s),
        Err(outcome) => outcome,
    }
}

pub fn mfa_verdict(summary: &AccountSummary) -> RootVerdict {
    match summary.root_mfa_enabled {
        Some(true) => RootVerdict::Green("MFA is active on the root user"),
        // Centralized root access (AWS Organizations) removes root's password and keys:
        // there is no sign-in left to protect (Security Hub IAM.9 passes too).
        Some(false) if root_has_no_credentials(summary) => RootVerdict::Green(
            "The root user has no password and no access keys, so it cannot sign in: \
             nothing for MFA to protect",
        ),
        Some(false) => RootVerdict::Orange("MFA is not active on the root user"),
        None => RootVerdict::Unknown("AccountMFAEnabled"),
    }
}

/// Root with neither password nor keys cannot sign in: nothing for MFA to protect.
fn root_has_no_credentials(summary: &AccountSummary) -> bool {
    summary.root_password_present == Some(false) && summary.root_access_keys_present == Some(false)
}

/// CIS 1.5 / IAM.6: root's MFA must not be a virtual device. A virtual device assigned to
/// root shows up in ListVirtualMFADevices with root's ARN as its user.
pub fn hardware_mfa(snapshot: &Snapshot, _: &Settings) -> Outcome {
    let summary = match summary(snapshot) {
        Ok(s) => s,
        Err(outcome) => return outcome,
    };
    match summary.root_mfa_enabled {
        None => RootVerdict::Unknown("AccountMFAEnabled").outcome(snapshot, summary),
        Some(false) if root_has_no_credentials(summary) => {
            Outcome::pass("The root user has no password and no access keys, so it cannot sign in")
        }
        Some(false) => {
            RootVerdict::Orange("The root user has no MFA at all").outcome(snapshot, summary)
        }
        Some(true) => {
            let devices = match &snapshot.virtual_mfa_devices {
                Ok(d) => d,
                Err(e) => return Outcome::error(e.reason()),
            };
            match devices
                .iter()
                .find(|d| d.user_arn.as_deref().is_some_and(|a| a.ends_with(":root")))
            {
                Some(device) => Outcome::fail(
                    "The root user's MFA is a virtual (app) device",
                    vec![
                        Finding::new(
                            crate::checks::finding::account_resource(snapshot),
                            format!("virtual MFA device {}", device.serial),
                        )
                        .fact("virtual_mfa_serial", &device.serial),
                    ],
                ),
                None => Outcome::pass("The root user's MFA is a hardware device"),
            }
        }
    }
}

/// CIS 1.6: root's password and keys unused in the last N days, from the credential report
/// (the only source of root's last use; it may be up to four hours old).
pub fn recent_use(snapshot: &Snapshot, settings: &Settings) -> Outcome {
    let report = match &snapshot.credential_report {
        Ok(r) => r,
        Err(e) => return Outcome::error(e.reason()),
    };
    let Some(root) = report.root() else {
        return Outcome::error(
            "the credential report has no <root_account> row, so root's last use is unknown",
        );
    };
    let limit = i64::from(settings.thresholds.root_recent_days);
    let mut uses = Vec::new();
    if let Some(t) = root.password_last_used {
        uses.push(("password".to_string(), "password", t));
    }
    for (slot, key) in root.access_keys.iter().enumerate() {
        if let Some(t) = key.last_used {
            uses.push((format!("access key {}", slot + 1), "access-key", t));
        }
    }
    let account = crate::checks::finding::account_resource(snapshot);
    let recent: Vec<Finding> = uses
        .iter()
        .filter_map(|(what, kind, t)| {
            let days = days_between(*t, settings.now);
            (days < limit).then(|| {
                let name = format!("{}/{}", account.name, what.replace(' ', "-"));
                let resource = match *kind {
                    "password" => Resource::new(ResourceType::AwsAccount, &account.arn, name),
                    _ => Resource::new(ResourceType::AwsIamAccessKey, &account.arn, name),
                };
                Finding::new(
                    resource,
                    format!("root {what} used {days} days ago ({})", t.date()),
                )
                .fact("last_used", t.date().to_string())
                .fact("days_ago", days)
            })
        })
        .collect();
    let as_of = format!("credential report of {}", report.generated_at.date());
    match recent.first() {
        None => Outcome::pass(format!(
            "The root user was not used in the last {limit} days ({as_of})"
        )),
        Some(first) => Outcome::fail(format!("The {} ({as_of})", first.message), recent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Status;
    use crate::test_support::{denied, green_snapshot};

    fn with_summary(edit: impl FnOnce(&mut AccountSummary)) -> Snapshot {
        let mut snapshot = green_snapshot();
        edit(snapshot.summary.as_mut().expect("green summary"));
        snapshot
    }

    #[test]
    fn access_keys_outcomes() {
        let s = Settings::default();
        assert_eq!(access_keys(&green_snapshot(), &s).status, Status::Pass);
        let present = with_summary(|m| m.root_access_keys_present = Some(true));
        assert_eq!(access_keys(&present, &s).status, Status::Fail);
        let missing = with_summary(|m| m.root_access_keys_present = None);
        let outcome = access_keys(&missing, &s);
        assert_eq!(outcome.status, Status::Error);
        assert!(outcome.reason.contains("AccountAccessKeysPresent"));
    }

    #[test]
    fn mfa_outcomes() {
        let s = Settings::default();
        assert_eq!(mfa(&green_snapshot(), &s).status, Status::Pass);

        let off = with_summary(|m| m.root_mfa_enabled = Some(false));
        assert_eq!(mfa(&off, &s).status, Status::Fail);

        // An older account that does not report AccountPasswordPresent: root may have one.
        let off_unknown_password = with_summary(|m| {
            m.root_mfa_enabled = Some(false);
            m.root_password_present = None;
        });
        assert_eq!(mfa(&off_unknown_password, &s).status, Status::Fail);

        let no_credentials = with_summary(|m| {
            m.root_mfa_enabled = Some(false);
            m.root_password_present = Some(false);
            m.root_access_keys_present = Some(false);
        });
        let outcome = mfa(&no_credentials, &s);
        assert_eq!(outcome.status, Status::Pass);
        assert!(outcome.reason.contains("no password and no access keys"));

        // Keys but no password: keys can still be used, MFA or not: orange.
        let keys_only = with_summary(|m| {
            m.root_mfa_enabled = Some(false);
            m.root_password_present = Some(false);
            m.root_access_keys_present = Some(true);
        });
        assert_eq!(mfa(&keys_only, &s).status, Status::Fail);

        let missing = with_summary(|m| m.root_mfa_enabled = None);
        assert_eq!(mfa(&missing, &s).status, Status::Error);
    }

    #[test]
    fn denied_summary_is_an_error_naming_the_permission() {
        let mut snapshot = green_snapshot();
        snapshot.summary = Err(denied("GetAccountSummary", "iam:GetAccountSummary"));
        for check in [access_keys, mfa] {
            let outcome = check(&snapshot, &Settings::default());
            assert_eq!(outcome.status, Status::Error);
            assert!(outcome.reason.contains("iam:GetAccountSummary"));
            assert!(outcome.reason.contains("AccessDenied"));
        }
    }

    mod extended {
        use super::*;
        use crate::snapshot::VirtualMfaDevice;
        use crate::test_support::{at, row, with_rows};

        const NOW: &str = "2026-11-28T12:00:00Z";

        fn settings() -> Settings {
            Settings {
                now: at(NOW),
                ..Settings::default()
            }
        }

        fn with_devices(devices: Vec<VirtualMfaDevice>) -> Snapshot {
            let mut snapshot = green_snapshot();
            snapshot.virtual_mfa_devices = Ok(devices);
            snapshot
        }

        #[test]
        fn hardware_mfa_outcomes() {
            // MFA on, no virtual device assigned to root: hardware.
            let other_user = VirtualMfaDevice {
                serial: "arn:aws:iam::123456789012:mfa/alice".into(),
                user_arn: Some("arn:aws:iam::123456789012:user/alice".into()),
            };
            let outcome = hardware_mfa(&with_devices(vec![other_user.clone()]), &settings());
            assert_eq!(outcome.status, Status::Pass);

            let root_virtual = VirtualMfaDevice {
                serial: "arn:aws:iam::123456789012:mfa/root-account-mfa-device".into(),
                user_arn: Some("arn:aws:iam::123456789012:root".into()),
            };
            let outcome = hardware_mfa(&with_devices(vec![other_user, root_virtual]), &settings());
            assert_eq!(outcome.status, Status::Fail);
            assert_eq!(
                outcome.details,
                ["virtual MFA device arn:aws:iam::123456789012:mfa/root-account-mfa-device"]
            );

            // An unassigned leftover device does not count.
            let unassigned = VirtualMfaDevice {
                serial: "arn:aws:iam::123456789012:mfa/root-account-mfa-device".into(),
                user_arn: None,
            };
            assert_eq!(
                hardware_mfa(&with_devices(vec![unassigned]), &settings()).status,
                Status::Pass
            );

            let mut no_mfa = with_devices(vec![]);
            no_mfa.summary.as_mut().expect("summary").root_mfa_enabled = Some(false);
            let outcome = hardware_mfa(&no_mfa, &settings());
            assert_eq!(outcome.status, Status::Fail);
            assert_eq!(outcome.reason, "The root user has no MFA at all");
        }

        fn root_used(password_days: Option<i64>, key_days: Option<i64>) -> Snapshot {
            let mut root = row("<root_account>");
            root.password_enabled = None;
            root.password_last_used = password_days.map(|d| at(NOW) - time::Duration::days(d));
            root.access_keys[0].last_used = key_days.map(|d| at(NOW) - time::Duration::days(d));
            with_rows(vec![root, row("alice")])
        }

        #[test]
        fn root_recent_use_at_the_90_day_boundary() {
            for (days, status) in [(89, Status::Fail), (90, Status::Pass), (91, Status::Pass)] {
                let outcome = recent_use(&root_used(Some(days), None), &settings());
                assert_eq!(outcome.status, status, "{days} days");
            }
            let outcome = recent_use(&root_used(Some(3), Some(40)), &settings());
            assert_eq!(
                outcome.reason,
                "The root password used 3 days ago (2026-11-25) (credential report of 2026-11-28)"
            );
            let names: Vec<&str> = outcome
                .findings
                .iter()
                .map(|f| f.resource.name.as_str())
                .collect();
            assert_eq!(
                names,
                ["123456789012/password", "123456789012/access-key-1"]
            );
            assert_eq!(
                outcome.details,
                [
                    "root password used 3 days ago (2026-11-25)",
                    "root access key 1 used 40 days ago (2026-10-19)",
                ]
            );
        }

        #[test]
        fn root_never_used_passes_and_a_missing_root_row_is_unknown() {
            assert_eq!(
                recent_use(&root_used(None, None), &settings()).status,
                Status::Pass
            );
            let outcome = recent_use(&with_rows(vec![row("alice")]), &settings());
            assert_eq!(outcome.status, Status::Error);
            assert!(outcome.reason.contains("<root_account>"));
        }
    }
}
