//! Individual identities: IAM users, or federation (SAML providers, IAM Identity Center).

use super::finding::Finding;
use super::outcome::Outcome;
use crate::settings::Settings;
use crate::snapshot::{FetchError, Snapshot};

/// How the account federates, if it does: `Ok(None)` means it does not; `Err` says why it
/// cannot be told.
pub fn federation(snapshot: &Snapshot) -> Result<Option<String>, String> {
    let summary = snapshot.summary.as_ref().map_err(FetchError::reason)?;
    // An absent key is unknown, never 0.
    let providers = summary
        .identity_providers
        .ok_or("GetAccountSummary did not report Providers, so federation is unknown")?;
    if providers > 0 {
        return Ok(Some(format!(
            "the account federates through {providers} identity provider{}",
            plural(providers as usize)
        )));
    }
    let roles = snapshot
        .identity_center_roles
        .as_ref()
        .map_err(FetchError::reason)?;
    Ok(roles
        .first()
        .map(|first| format!("the account uses IAM Identity Center (roles such as {first})")))
}

pub fn individual_users(snapshot: &Snapshot, _: &Settings) -> Outcome {
    let users = match &snapshot.summary {
        Ok(summary) => summary.users,
        Err(e) => return Outcome::error(e.reason()),
    };
    match users {
        Some(1) => Outcome::pass("1 IAM user exists"),
        Some(n) if n > 1 => Outcome::pass(format!("{n} IAM users exist")),
        Some(_) => match federation(snapshot) {
            Ok(Some(how)) => Outcome::pass(format!("No IAM users, but {how}")),
            Ok(None) => {
                let reason = "No IAM users and no federation: everyone who works in the account \
                              signs in as root";
                Outcome::fail(
                    reason,
                    vec![
                        Finding::new(crate::checks::finding::account_resource(snapshot), reason)
                            .fact("Users", 0)
                            .fact("Providers", 0),
                    ],
                )
            }
            Err(reason) => Outcome::error(reason),
        },
        None => Outcome::error("GetAccountSummary did not report Users"),
    }
}

pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Status;
    use crate::test_support::{denied, green_snapshot};

    fn no_users() -> Snapshot {
        let mut snapshot = green_snapshot();
        snapshot.summary.as_mut().expect("summary").users = Some(0);
        snapshot
    }

    #[test]
    fn users_exist() {
        let outcome = individual_users(&green_snapshot(), &Settings::default());
        assert_eq!(outcome.status, Status::Pass);
        assert_eq!(outcome.reason, "1 IAM user exists");
    }

    #[test]
    fn no_users_no_federation_fails() {
        let outcome = individual_users(&no_users(), &Settings::default());
        assert_eq!(outcome.status, Status::Fail);
    }

    #[test]
    fn saml_federation_passes() {
        let mut snapshot = no_users();
        snapshot
            .summary
            .as_mut()
            .expect("summary")
            .identity_providers = Some(2);
        let outcome = individual_users(&snapshot, &Settings::default());
        assert_eq!(outcome.status, Status::Pass);
        assert!(
            outcome.reason.contains("2 identity providers"),
            "{}",
            outcome.reason
        );
    }

    #[test]
    fn identity_center_passes() {
        let mut snapshot = no_users();
        snapshot.identity_center_roles = Ok(vec![
            "AWSReservedSSO_AdministratorAccess_0123456789abcdef".into(),
        ]);
        let outcome = individual_users(&snapshot, &Settings::default());
        assert_eq!(outcome.status, Status::Pass);
        assert!(outcome.reason.contains("IAM Identity Center"));
    }

    #[test]
    fn unreadable_federation_is_an_error_only_when_needed() {
        let mut snapshot = green_snapshot();
        snapshot.identity_center_roles = Err(denied("ListRoles", "iam:ListRoles"));
        assert_eq!(
            individual_users(&snapshot, &Settings::default()).status,
            Status::Pass
        );
        snapshot.summary.as_mut().expect("summary").users = Some(0);
        let outcome = individual_users(&snapshot, &Settings::default());
        assert_eq!(outcome.status, Status::Error);
        assert!(outcome.reason.contains("iam:ListRoles"));
    }
}
