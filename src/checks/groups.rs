//! The console's "Use groups to assign permissions" (a group carries a policy, and no user
//! has one of its own), and its CIS 1.14 / Security Hub IAM.2 part on its own: no user has a
//! policy of its own, whatever the groups.

use super::finding::{Finding, Resource, ResourceType};
use super::outcome::Outcome;
use super::users::{federation, plural};
use crate::settings::Settings;
use crate::snapshot::{Snapshot, UserPermissions};

/// How many offending users the one-line reason names; `details` lists all of them.
const NAMED_IN_REASON: usize = 3;

/// Users with a directly attached or inline policy.
fn offenders(users: &[UserPermissions]) -> Vec<&UserPermissions> {
    users
        .iter()
        .filter(|u| !u.attached_policies.is_empty() || !u.inline_policies.is_empty())
        .collect()
}

/// CIS 1.14 / IAM.2: permissions come through groups or roles, never attached to a user.
pub fn user_policies(snapshot: &Snapshot, _: &Settings) -> Outcome {
    let authorization = match &snapshot.authorization {
        Ok(a) => a,
        Err(e) => return Outcome::error(e.reason()),
    };
    let offenders = offenders(&authorization.users);
    if offenders.is_empty() {
        return Outcome::pass("No user has a policy of its own");
    }
    Outcome::fail(
        offenders_reason(&offenders),
        offenders.iter().map(|u| user_finding(u)).collect(),
    )
}

/// "2 users have policies of their own (alice, bob)", naming the first few.
fn offenders_reason(offenders: &[&UserPermissions]) -> String {
    let names: Vec<&str> = offenders
        .iter()
        .take(NAMED_IN_REASON)
        .map(|u| u.name.as_str())
        .collect();
    let more = offenders.len().saturating_sub(NAMED_IN_REASON);
    let mut named = names.join(", ");
    if more > 0 {
        named.push_str(&format!(" and {more} more"));
    }
    format!(
        "{} user{} {} policies of {} own ({named})",
        offenders.len(),
        plural(offenders.len()),
        if offenders.len() == 1 { "has" } else { "have" },
        if offenders.len() == 1 { "its" } else { "their" },
    )
}

/// The console's item: both parts, the reason saying which failed.
pub fn groups(snapshot: &Snapshot, _: &Settings) -> Outcome {
    let authorization = match &snapshot.authorization {
        Ok(a) => a,
        Err(e) => return Outcome::error(e.reason()),
    };
    let offenders = offenders(&authorization.users);
    let policy_groups = authorization
        .groups
        .iter()
        .filter(|g| g.carries_policy())
        .count();

    if offenders.is_empty() && policy_groups > 0 {
        return Outcome::pass(format!(
            "{policy_groups} group{} carr{} policies and no user has a policy of its own",
            plural(policy_groups),
            if policy_groups == 1 { "ies" } else { "y" }
        ));
    }
    // With no IAM users at all, a federated account has nothing to put into groups.
    if authorization.users.is_empty()
        && let Ok(Some(how)) = federation(snapshot)
    {
        return Outcome::pass(format!("No IAM users to put into groups: {how}"));
    }

    let mut reasons = Vec::new();
    let mut findings: Vec<Finding> = offenders.iter().map(|u| user_finding(u)).collect();
    if !offenders.is_empty() {
        reasons.push(offenders_reason(&offenders));
    }
    if policy_groups == 0 {
        let text = "no group carries a policy";
        findings.push(
            Finding::new(crate::checks::finding::account_resource(snapshot), text)
                .fact("groups", authorization.groups.len())
                .fact("groups_with_policies", 0),
        );
        reasons.push(text.to_string());
    }
    let mut reason = reasons.join("; ");
    if let Some(first) = reason.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    Outcome::fail(reason, findings)
}

/// A user with policies of its own, and which.
fn user_finding(user: &UserPermissions) -> Finding {
    Finding::new(
        Resource::new(ResourceType::AwsIamUser, &user.arn, &user.name),
        describe(user),
    )
    .fact(
        "attached_policy_arns",
        user.attached_policies
            .iter()
            .map(|p| p.arn.as_str())
            .collect::<Vec<_>>(),
    )
    .fact(
        "inline_policy_names",
        user.inline_policies
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
    )
}

fn describe(user: &UserPermissions) -> String {
    let mut parts = Vec::new();
    if !user.attached_policies.is_empty() {
        parts.push(format!(
            "attached {}",
            names(&user.attached_policies, |p| &p.name)
        ));
    }
    if !user.inline_policies.is_empty() {
        parts.push(format!(
            "inline {}",
            names(&user.inline_policies, |p| &p.name)
        ));
    }
    format!("user {}: {}", user.name, parts.join("; "))
}

fn names<T>(items: &[T], name: impl Fn(&T) -> &String) -> String {
    items
        .iter()
        .map(|i| name(i).as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Status;
    use crate::snapshot::{Authorization, GroupPermissions, InlinePolicy, ManagedPolicy};
    use crate::test_support::{denied, green_snapshot};

    fn with_authorization(edit: impl FnOnce(&mut Authorization)) -> Snapshot {
        let mut snapshot = green_snapshot();
        edit(snapshot.authorization.as_mut().expect("authorization"));
        snapshot
    }

    fn user(name: &str, attached: &[&str], inline: &[&str]) -> UserPermissions {
        UserPermissions {
            name: name.into(),
            arn: format!("arn:aws:iam::123456789012:user/{name}"),
            attached_policies: attached
                .iter()
                .map(|s| ManagedPolicy {
                    name: s.to_string(),
                    arn: format!("arn:aws:iam::aws:policy/{s}"),
                })
                .collect(),
            inline_policies: inline
                .iter()
                .map(|s| InlinePolicy {
                    name: s.to_string(),
                    document: "{}".into(),
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn policy_group_and_no_direct_policies_passes() {
        let outcome = groups(&green_snapshot(), &Settings::default());
        assert_eq!(outcome.status, Status::Pass);
        assert_eq!(
            outcome.reason,
            "1 group carries policies and no user has a policy of its own"
        );
    }

    #[test]
    fn directly_attached_policy_fails_naming_the_user() {
        let snapshot = with_authorization(|a| {
            a.users.push(user("bob", &["AdministratorAccess"], &[]));
        });
        let outcome = groups(&snapshot, &Settings::default());
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(outcome.reason, "1 user has policies of its own (bob)");
        assert_eq!(outcome.details, ["user bob: attached AdministratorAccess"]);
    }

    #[test]
    fn inline_policy_fails() {
        let snapshot = with_authorization(|a| {
            a.users.push(user("carol", &[], &["deploy"]));
        });
        let outcome = groups(&snapshot, &Settings::default());
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(outcome.details, ["user carol: inline deploy"]);
    }

    #[test]
    fn reason_names_a_few_details_name_all() {
        let snapshot = with_authorization(|a| {
            for i in 0..5 {
                a.users.push(user(&format!("u{i}"), &["P"], &["I"]));
            }
        });
        let outcome = groups(&snapshot, &Settings::default());
        assert_eq!(
            outcome.reason,
            "5 users have policies of their own (u0, u1, u2 and 2 more)"
        );
        assert_eq!(outcome.details.len(), 5);
        assert_eq!(outcome.details[4], "user u4: attached P; inline I");
    }

    #[test]
    fn group_without_policy_does_not_count() {
        let snapshot = with_authorization(|a| {
            a.groups = vec![GroupPermissions {
                name: "empty".into(),
                ..Default::default()
            }];
        });
        let outcome = groups(&snapshot, &Settings::default());
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(outcome.reason, "No group carries a policy");
    }

    #[test]
    fn both_shortfalls_are_reported() {
        let snapshot = with_authorization(|a| {
            a.groups.clear();
            a.users.push(user("bob", &["ReadOnlyAccess"], &[]));
        });
        let outcome = groups(&snapshot, &Settings::default());
        assert_eq!(
            outcome.reason,
            "1 user has policies of its own (bob); no group carries a policy"
        );
        assert_eq!(outcome.details.len(), 2);
    }

    #[test]
    fn fresh_account_fails() {
        let snapshot = with_authorization(|a| *a = Authorization::default());
        assert_eq!(groups(&snapshot, &Settings::default()).status, Status::Fail);
    }

    #[test]
    fn federated_account_without_users_passes() {
        let mut snapshot = with_authorization(|a| *a = Authorization::default());
        snapshot.identity_center_roles = Ok(vec!["AWSReservedSSO_ReadOnly_1".into()]);
        let outcome = groups(&snapshot, &Settings::default());
        assert_eq!(outcome.status, Status::Pass);
        assert!(outcome.reason.contains("IAM Identity Center"));
    }

    #[test]
    fn unreadable_details_are_an_error() {
        let mut snapshot = green_snapshot();
        snapshot.authorization = Err(denied(
            "GetAccountAuthorizationDetails",
            "iam:GetAccountAuthorizationDetails",
        ));
        let outcome = groups(&snapshot, &Settings::default());
        assert_eq!(outcome.status, Status::Error);
        assert!(
            outcome
                .reason
                .contains("iam:GetAccountAuthorizationDetails")
        );
    }

    /// CIS 1.14 alone: a user with a policy of its own fails whatever the groups; no group
    /// carrying a policy is the console's concern only.
    #[test]
    fn the_cis_part_judges_only_user_policies() {
        let no_groups = with_authorization(|a| {
            a.groups.clear();
            a.users[0].groups.clear();
        });
        assert_eq!(
            user_policies(&no_groups, &Settings::default()).status,
            Status::Pass
        );
        let console = groups(&no_groups, &Settings::default());
        assert_eq!(console.status, Status::Fail);
        assert_eq!(console.reason, "No group carries a policy");

        let attached = with_authorization(|a| {
            a.users[0]
                .attached_policies
                .push(crate::snapshot::ManagedPolicy {
                    name: "ReadOnlyAccess".into(),
                    arn: "arn:aws:iam::aws:policy/ReadOnlyAccess".into(),
                });
        });
        let outcome = user_policies(&attached, &Settings::default());
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(outcome.reason, "1 user has policies of its own (alice)");
        assert_eq!(outcome.details, ["user alice: attached ReadOnlyAccess"]);
    }
}
