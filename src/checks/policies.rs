//! Policies and attachments across users, groups and roles (from the full authorization
//! details), and server certificates.

use super::policy_document::allows_full_admin;
use super::{Finding, Outcome, Resource, ResourceType, Settings};
use std::collections::BTreeMap;

use crate::snapshot::{Authorization, ManagedPolicy, Snapshot};

const SUPPORT_POLICY: &str = "AWSSupportAccess";
const CLOUDSHELL_POLICY: &str = "AWSCloudShellFullAccess";

fn authorization(snapshot: &Snapshot) -> Result<&Authorization, Outcome> {
    snapshot
        .full_authorization
        .as_ref()
        .map_err(|e| Outcome::error(e.reason()))
}

/// An AWS managed policy by name, in any partition (`arn:aws:`, `arn:aws-cn:`, ...).
fn is_aws_managed(policy: &ManagedPolicy, name: &str) -> bool {
    policy.arn.starts_with("arn:aws")
        && policy
            .arn
            .split_once(":iam::aws:policy/")
            .is_some_and(|(_, rest)| rest.rsplit('/').next() == Some(name))
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// CIS 1.15: no policy attached to a user, group or role, AWS managed (such as
/// `AdministratorAccess`), customer managed or inline, allows `"*"` on `"*"`. A Condition on
/// such a statement does not make it less than admin: the grant itself is the finding.
pub fn no_admin_star(snapshot: &Snapshot, _: &Settings) -> Outcome {
    let auth = match authorization(snapshot) {
        Ok(a) => a,
        Err(o) => return o,
    };
    let aws_policies = match &snapshot.attached_aws_policies {
        Ok(p) => p,
        Err(e) => return Outcome::error(e.reason()),
    };
    // Who each managed policy is attached to.
    let mut attached: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let principals = auth
        .users
        .iter()
        .map(|u| ("user", &u.name, &u.attached_policies))
        .chain(
            auth.groups
                .iter()
                .map(|g| ("group", &g.name, &g.attached_policies)),
        )
        .chain(
            auth.roles
                .iter()
                .map(|r| ("role", &r.name, &r.attached_policies)),
        );
    for (kind, name, policies) in principals {
        for policy in policies {
            attached
                .entry(policy.arn.as_str())
                .or_default()
                .push(format!("{kind} {name}"));
        }
    }
    let mut findings = Vec::new();
    let mut unreadable = Vec::new();
    let mut judge = |finding: Finding, document: Option<&str>| match document.map(allows_full_admin)
    {
        Some(Ok(true)) => findings.push(finding),
        Some(Ok(false)) => {}
        Some(Err(e)) => unreadable.push(format!("{}: {e}", finding.message)),
        None => unreadable.push(format!(
            "{}: its document was not returned",
            finding.message
        )),
    };
    // Every attached managed policy must have been read: one without its document is an
    // error, never a pass.
    for (arn, principals) in &attached {
        let read = auth
            .policies
            .iter()
            .map(|p| ("customer managed", p))
            .chain(aws_policies.iter().map(|p| ("AWS managed", p)))
            .find(|(_, p)| p.arn == *arn);
        let (kind, name, document) = match read {
            Some((kind, policy)) => (kind, policy.name.as_str(), policy.document.as_deref()),
            None => ("managed", *arn, None),
        };
        judge(
            Finding::new(
                Resource::new(ResourceType::AwsIamPolicy, *arn, name),
                format!(
                    "{kind} policy {name}, attached to {}",
                    principals.join(", ")
                ),
            )
            .fact("attached_to", principals),
            document,
        );
    }
    let inline = auth
        .users
        .iter()
        .flat_map(|u| {
            u.inline_policies
                .iter()
                .map(move |p| ("user", &u.name, &u.arn, p))
        })
        .chain(auth.groups.iter().flat_map(|g| {
            g.inline_policies
                .iter()
                .map(move |p| ("group", &g.name, &g.arn, p))
        }))
        .chain(auth.roles.iter().flat_map(|r| {
            r.inline_policies
                .iter()
                .map(move |p| ("role", &r.name, &r.arn, p))
        }));
    for (kind, owner, owner_arn, policy) in inline {
        // An inline policy has no ARN: its owner's, and a name that says which.
        judge(
            Finding::new(
                Resource::new(
                    ResourceType::AwsIamPolicy,
                    owner_arn,
                    format!("{owner}/inline/{}", policy.name),
                ),
                format!("inline policy {} of {kind} {owner}", policy.name),
            )
            .fact("owner_arn", owner_arn),
            Some(&policy.document),
        );
    }
    if !unreadable.is_empty() {
        let mut outcome = Outcome::error(format!(
            "{} could not be read",
            count(unreadable.len(), "policy document", "policy documents")
        ));
        outcome.details = unreadable;
        return outcome;
    }
    if findings.is_empty() {
        Outcome::pass(
            "No policy attached to a user, group or role, nor any inline policy, grants \"*\" on \"*\"",
        )
    } else {
        Outcome::fail(
            format!(
                "{} grant{} \"Action\": \"*\" on \"Resource\": \"*\" (full admin, whatever any Condition says)",
                count(findings.len(), "policy", "policies"),
                if findings.len() == 1 { "s" } else { "" }
            ),
            findings,
        )
    }
}

pub fn support_role(snapshot: &Snapshot, _: &Settings) -> Outcome {
    let auth = match authorization(snapshot) {
        Ok(a) => a,
        Err(o) => return o,
    };
    let roles: Vec<&str> = auth
        .roles
        .iter()
        .filter(|r| {
            r.attached_policies
                .iter()
                .any(|p| is_aws_managed(p, SUPPORT_POLICY))
        })
        .map(|r| r.name.as_str())
        .collect();
    if roles.is_empty() {
        Outcome::fail(
            format!("No role has {SUPPORT_POLICY} attached"),
            vec![
                Finding::new(
                    Resource::account(snapshot),
                    format!(
                        "create a role for incident responders and attach arn:aws:iam::aws:policy/{SUPPORT_POLICY}"
                    ),
                )
                .fact("roles", auth.roles.len()),
            ],
        )
    } else {
        Outcome::pass(format!(
            "{SUPPORT_POLICY} is attached to role{} {}",
            if roles.len() == 1 { "" } else { "s" },
            roles.join(", ")
        ))
    }
}

pub fn cloudshell_full_access(snapshot: &Snapshot, _: &Settings) -> Outcome {
    let auth = match authorization(snapshot) {
        Ok(a) => a,
        Err(o) => return o,
    };
    let has = |policies: &[ManagedPolicy]| {
        policies
            .iter()
            .any(|p| is_aws_managed(p, CLOUDSHELL_POLICY))
    };
    let principal = |kind: ResourceType, word: &str, name: &str, arn: &str| {
        Finding::new(Resource::new(kind, arn, name), format!("{word} {name}"))
            .fact("policy", CLOUDSHELL_POLICY)
    };
    let findings: Vec<Finding> = auth
        .users
        .iter()
        .filter(|u| has(&u.attached_policies))
        .map(|u| principal(ResourceType::AwsIamUser, "user", &u.name, &u.arn))
        .chain(
            auth.groups
                .iter()
                .filter(|g| has(&g.attached_policies))
                .map(|g| principal(ResourceType::AwsIamGroup, "group", &g.name, &g.arn)),
        )
        .chain(
            auth.roles
                .iter()
                .filter(|r| has(&r.attached_policies))
                .map(|r| principal(ResourceType::AwsIamRole, "role", &r.name, &r.arn)),
        )
        .collect();
    if findings.is_empty() {
        Outcome::pass(format!("{CLOUDSHELL_POLICY} is attached to no identity"))
    } else {
        Outcome::fail(
            format!(
                "{CLOUDSHELL_POLICY} is attached to {}",
                count(findings.len(), "identity", "identities")
            ),
            findings,
        )
    }
}

pub fn expired_server_certificates(snapshot: &Snapshot, settings: &Settings) -> Outcome {
    let certificates = match &snapshot.server_certificates {
        Ok(c) => c,
        Err(e) => return Outcome::error(e.reason()),
    };
    // A certificate whose expiry is not known cannot be judged as current.
    if let Some(unknown) = certificates.iter().find(|c| c.expiration.is_none()) {
        return Outcome::error(format!(
            "ListServerCertificates gave no Expiration for server certificate {}",
            unknown.name
        ));
    }
    let findings: Vec<Finding> = certificates
        .iter()
        .filter_map(|c| {
            c.expiration
                .filter(|expired| *expired < settings.now)
                .map(|expired| {
                    Finding::new(
                        Resource::new(ResourceType::Other, &c.arn, &c.name),
                        format!(
                            "server certificate {}: expired on {}",
                            c.name,
                            expired.date()
                        ),
                    )
                    .fact("expiration", expired.date().to_string())
                })
        })
        .collect();
    if findings.is_empty() {
        Outcome::pass(format!(
            "No expired server certificates ({} stored)",
            certificates.len()
        ))
    } else {
        Outcome::fail(
            format!(
                "{} expired",
                count(
                    findings.len(),
                    "server certificate has",
                    "server certificates have"
                )
            ),
            findings,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Status;
    use crate::snapshot::{CustomerPolicy, InlinePolicy, RolePermissions, ServerCertificate};
    use crate::test_support::{at, green_snapshot};

    const ADMIN: &str =
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
    const NOT_ACTION: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}"#;

    fn with(edit: impl FnOnce(&mut Authorization)) -> Snapshot {
        let mut snapshot = green_snapshot();
        edit(snapshot.full_authorization.as_mut().expect("authorization"));
        snapshot
    }

    fn aws(name: &str) -> ManagedPolicy {
        ManagedPolicy {
            name: name.into(),
            arn: format!("arn:aws:iam::aws:policy/{name}"),
        }
    }

    fn role(
        name: &str,
        attached: Vec<ManagedPolicy>,
        inline: Vec<InlinePolicy>,
    ) -> RolePermissions {
        RolePermissions {
            name: name.into(),
            arn: format!("arn:aws:iam::123456789012:role/{name}"),
            path: "/".into(),
            attached_policies: attached,
            inline_policies: inline,
        }
    }

    #[test]
    fn admin_star_in_attached_customer_policies_and_inline_policies() {
        let snapshot = with(|a| {
            a.policies = vec![
                CustomerPolicy {
                    name: "full".into(),
                    arn: "arn:aws:iam::123456789012:policy/full".into(),
                    attachment_count: 2,
                    document: Some(ADMIN.into()),
                },
                // Not attached anywhere: CIS 1.15 is about attached policies.
                CustomerPolicy {
                    name: "draft".into(),
                    arn: "arn:aws:iam::123456789012:policy/draft".into(),
                    attachment_count: 0,
                    document: Some(ADMIN.into()),
                },
                CustomerPolicy {
                    name: "almost".into(),
                    arn: "arn:aws:iam::123456789012:policy/almost".into(),
                    attachment_count: 1,
                    document: Some(NOT_ACTION.into()),
                },
            ];
            let customer = |name: &str| ManagedPolicy {
                name: name.into(),
                arn: format!("arn:aws:iam::123456789012:policy/{name}"),
            };
            a.groups[0].attached_policies.push(customer("full"));
            a.users[0].attached_policies.push(customer("almost"));
            a.roles = vec![role(
                "ops",
                vec![customer("full")],
                vec![InlinePolicy {
                    name: "everything".into(),
                    document: ADMIN.into(),
                }],
            )];
        });
        let outcome = no_admin_star(&snapshot, &Settings::default());
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(
            outcome.details,
            [
                "customer managed policy full, attached to group Administrators, role ops",
                "inline policy everything of role ops",
            ]
        );
        assert_eq!(
            outcome.reason,
            "2 policies grant \"Action\": \"*\" on \"Resource\": \"*\" (full admin, whatever any Condition says)"
        );
    }

    /// CIS 1.15 covers every attached policy: AWS managed AdministratorAccess on a group
    /// fails it, and an attached policy whose document was not read is an error.
    #[test]
    fn attached_aws_managed_administrator_access_fails() {
        assert_eq!(
            no_admin_star(&green_snapshot(), &Settings::default()).status,
            Status::Pass,
            "ReadOnlyAccess is not admin"
        );
        let mut snapshot = with(|a| {
            a.groups[0]
                .attached_policies
                .push(aws("AdministratorAccess"))
        });
        let unread = no_admin_star(&snapshot, &Settings::default());
        assert_eq!(unread.status, Status::Error);
        assert_eq!(
            unread.details,
            [
                "managed policy arn:aws:iam::aws:policy/AdministratorAccess, attached to group Administrators: its document was not returned"
            ]
        );
        snapshot
            .attached_aws_policies
            .as_mut()
            .expect("policies")
            .push(CustomerPolicy {
                name: "AdministratorAccess".into(),
                arn: "arn:aws:iam::aws:policy/AdministratorAccess".into(),
                attachment_count: 1,
                document: Some(ADMIN.into()),
            });
        let outcome = no_admin_star(&snapshot, &Settings::default());
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(
            outcome.details,
            ["AWS managed policy AdministratorAccess, attached to group Administrators"]
        );
    }

    #[test]
    fn support_role_outcomes() {
        let missing = with(|a| a.roles = vec![role("ops", vec![aws("ReadOnlyAccess")], vec![])]);
        assert_eq!(
            support_role(&missing, &Settings::default()).status,
            Status::Fail
        );
        let present = with(|a| {
            a.roles = vec![role("support", vec![aws("AWSSupportAccess")], vec![])];
        });
        let outcome = support_role(&present, &Settings::default());
        assert_eq!(outcome.status, Status::Pass);
        assert!(outcome.reason.ends_with("role support"));
        // A customer policy that happens to share the name is not AWS's.
        let lookalike = with(|a| {
            a.roles = vec![role(
                "fake",
                vec![ManagedPolicy {
                    name: "AWSSupportAccess".into(),
                    arn: "arn:aws:iam::123456789012:policy/AWSSupportAccess".into(),
                }],
                vec![],
            )];
        });
        assert_eq!(
            support_role(&lookalike, &Settings::default()).status,
            Status::Fail
        );
    }

    #[test]
    fn cloudshell_full_access_names_every_identity() {
        let snapshot = with(|a| {
            a.users[0]
                .attached_policies
                .push(aws("AWSCloudShellFullAccess"));
            a.roles = vec![role("dev", vec![aws("AWSCloudShellFullAccess")], vec![])];
        });
        let outcome = cloudshell_full_access(&snapshot, &Settings::default());
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(outcome.details, ["user alice", "role dev"]);
        assert_eq!(
            cloudshell_full_access(&green_snapshot(), &Settings::default()).status,
            Status::Pass
        );
    }

    #[test]
    fn expired_certificates() {
        let settings = Settings {
            now: at("2026-11-28T12:00:00Z"),
            ..Settings::default()
        };
        let mut snapshot = green_snapshot();
        snapshot.server_certificates = Ok(vec![
            ServerCertificate {
                name: "old".into(),
                arn: "arn:aws:iam::123456789012:server-certificate/old".into(),
                expiration: Some(at("2026-11-28T11:59:59Z")),
            },
            ServerCertificate {
                name: "current".into(),
                arn: "arn:aws:iam::123456789012:server-certificate/current".into(),
                expiration: Some(at("2027-01-01T00:00:00Z")),
            },
        ]);
        let outcome = expired_server_certificates(&snapshot, &settings);
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(
            outcome.details,
            ["server certificate old: expired on 2026-11-28"]
        );
        assert_eq!(outcome.reason, "1 server certificate has expired");
    }
}
