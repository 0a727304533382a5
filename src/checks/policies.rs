//! Policies and attachments across users, groups and roles (from the full authorization
//! details), and server certificates.

use iam_analysis::checks::policies as judged;
use iam_analysis::verdict::count;

use super::finding::{Finding, Resource, ResourceType};
use super::outcome::Outcome;
use crate::settings::Settings;
use crate::snapshot::{Authorization, CustomerPolicy, Snapshot};

fn authorization(snapshot: &Snapshot) -> Result<&Authorization, Outcome> {
    snapshot
        .full_authorization
        .as_ref()
        .map_err(|e| Outcome::error(e.reason()))
}

/// The AWS managed documents in use, or the outcome that says why they are unknown.
fn aws_managed(snapshot: &Snapshot) -> Result<&[CustomerPolicy], Outcome> {
    snapshot
        .attached_aws_policies
        .as_deref()
        .map_err(|e| Outcome::error(e.reason()))
}

pub fn no_admin_star(snapshot: &Snapshot, settings: &Settings) -> Outcome {
    authorization(snapshot)
        .and_then(|auth| {
            Ok(judged::no_admin_star(
                auth,
                aws_managed(snapshot)?,
                settings.now,
            ))
        })
        .unwrap_or_else(|o| o)
}

pub fn no_admin_inline(snapshot: &Snapshot, settings: &Settings) -> Outcome {
    authorization(snapshot).map_or_else(|o| o, |auth| judged::no_admin_inline(auth, settings.now))
}

pub fn public_role_trust(snapshot: &Snapshot, _: &Settings) -> Outcome {
    authorization(snapshot).map_or_else(|o| o, judged::public_role_trust)
}

pub fn support_role(snapshot: &Snapshot, _: &Settings) -> Outcome {
    authorization(snapshot).map_or_else(
        |o| o,
        |auth| judged::support_role(auth, super::finding::account_resource(snapshot)),
    )
}

pub fn cloudshell_full_access(snapshot: &Snapshot, _: &Settings) -> Outcome {
    authorization(snapshot).map_or_else(|o| o, judged::cloudshell_full_access)
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
    use crate::snapshot::{InlinePolicy, ManagedPolicy, ServerCertificate};
    use crate::test_support::{at, green_snapshot};
    use iam_analysis::checks::policies::holders;
    use iam_analysis::model::RolePermissions;
    use iam_analysis::policy::Library;

    const ADMIN: &str =
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
    const TRUST_ACCOUNT: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}"#;
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
            permissions_boundary: None,
            trust_policy: TRUST_ACCOUNT.into(),
            ..RolePermissions::default()
        }
    }

    fn customer(name: &str, attachments: u32, document: &str) -> CustomerPolicy {
        CustomerPolicy {
            name: name.into(),
            arn: format!("arn:aws:iam::123456789012:policy/{name}"),
            attachment_count: attachments,
            document: Some(document.into()),
            other_versions: Vec::new(),
        }
    }

    fn attach(name: &str) -> ManagedPolicy {
        ManagedPolicy {
            name: name.into(),
            arn: format!("arn:aws:iam::123456789012:policy/{name}"),
        }
    }

    #[test]
    fn attached_policies_are_judged_by_evaluation_and_inline_ones_apart() {
        let snapshot = with(|a| {
            a.policies = vec![
                customer("full", 2, ADMIN),
                // Not attached anywhere: CIS 1.15 is about attached policies.
                customer("draft", 0, ADMIN),
                customer("almost", 1, NOT_ACTION),
            ];
            a.users[0].arn = "arn:aws:iam::123456789012:user/alice".into();
            a.groups[0].attached_policies.push(attach("full"));
            a.users[0].attached_policies.push(attach("almost"));
            a.roles = vec![role(
                "ops",
                vec![attach("full")],
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
                "customer managed policy full, attached to group Administrators, role ops: every action on every resource, by statement #1"
            ]
        );
        assert_eq!(
            outcome.reason,
            "1 attached policy allows every action on every resource (full admin); not full admin, not counted: almost allows everything except iam:*"
        );
        let facts = &outcome.findings[0].facts;
        assert_eq!(
            facts["statements"],
            serde_json::json!([{"policy": "arn:aws:iam::123456789012:policy/full", "statement": "#1"}])
        );
        assert_eq!(
            facts["holders"],
            serde_json::json!([
                {"arn": "arn:aws:iam::123456789012:user/alice", "full_admin": "full"},
                {"arn": "arn:aws:iam::123456789012:role/ops", "full_admin": "full"}
            ])
        );
        let inline = no_admin_inline(&snapshot, &Settings::default());
        assert_eq!(inline.status, Status::Fail);
        assert_eq!(
            inline.details,
            [
                "inline policy everything of role ops: every action on every resource, by statement #1"
            ]
        );
        assert_eq!(inline.findings[0].resource.name, "ops/inline/everything");
    }

    /// CIS 1.15 on an account whose one group holds a customer policy `p` with `document`.
    fn judged_on_the_group(document: &str) -> Outcome {
        let snapshot = with(|a| {
            a.policies = vec![customer("p", 1, document)];
            a.groups[0].attached_policies.push(attach("p"));
        });
        no_admin_star(&snapshot, &Settings::default())
    }

    /// The three false greens of spelling-based detection are full admin by evaluation; their
    /// look-alikes are not, and are said as near it.
    #[test]
    fn full_admin_that_is_not_spelled_star_on_star() {
        for (document, detail) in [
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"*","NotResource":"arn:aws:s3:::payroll"}]}"#,
                "every action on every resource, by statement #1 (named exceptions it may lift itself: not granted on arn:aws:s3:::payroll)",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","NotAction":["ima:*","organisations:*"],"Resource":"*"}]}"#,
                "every action on every resource, by statement #1 (NotAction names no action AWS has: ima:*, organisations:*, so it excludes nothing)",
            ),
            (
                r#"{"Statement":[{"Sid":"AllButIam","Effect":"Allow","NotAction":"iam:*","Resource":"*"},{"Sid":"Iam","Effect":"Allow","Action":"iam:*","Resource":"*"}]}"#,
                "every action on every resource, by statements together AllButIam, Iam",
            ),
        ] {
            let outcome = judged_on_the_group(document);
            assert_eq!(outcome.status, Status::Fail, "{document}");
            assert_eq!(
                outcome.details,
                [format!(
                    "customer managed policy p, attached to group Administrators: {detail}"
                )]
            );
        }
        for (document, reason) in [
            (
                r#"{"Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}]}"#,
                "No attached policy allows every action on every resource; not full admin, not counted: p allows everything except iam:*, organizations:*",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#,
                "No attached policy allows every action on every resource; not full admin, not counted: p allows every action only under conditions (aws:MultiFactorAuthPresent)",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*"}]}"#,
                "No attached policy allows every action on every resource",
            ),
        ] {
            let outcome = judged_on_the_group(document);
            assert_eq!(outcome.status, Status::Pass, "{document}");
            assert_eq!(outcome.reason, reason);
        }
    }

    /// Conditions the snapshot decides are decided: the clock for every policy, the
    /// principal for each holder.
    #[test]
    fn time_bound_and_principal_bound_grants() {
        let settings = Settings {
            now: at("2026-12-06T12:00:00Z"),
            ..Settings::default()
        };
        let until = |date: &str| {
            format!(
                r#"{{"Statement":[{{"Effect":"Allow","Action":"*","Resource":"*","Condition":{{"DateLessThan":{{"aws:CurrentTime":"{date}"}}}}}}]}}"#
            )
        };
        let judged = |document: &str| {
            let snapshot = with(|a| {
                a.policies = vec![customer("p", 1, document)];
                a.groups[0].attached_policies.push(attach("p"));
            });
            no_admin_star(&snapshot, &settings)
        };
        // Still in force: full admin, orange.
        assert_eq!(judged(&until("2027-01-01T00:00:00Z")).status, Status::Fail);
        // Expired: it grants nothing any more.
        assert_eq!(
            judged(&until("2026-01-01T00:00:00Z")).reason,
            "No attached policy allows every action on every resource"
        );
        // Open for the policy; decided for each holder that holds it.
        let only_ops = r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::123456789012:role/ops"}}}]}"#;
        let snapshot = with(|a| {
            a.policies = vec![customer("p", 2, only_ops)];
            a.roles = vec![
                role("ops", vec![attach("p")], vec![]),
                role("other", vec![attach("p")], vec![]),
            ];
        });
        let outcome = no_admin_star(&snapshot, &settings);
        assert_eq!(
            outcome.reason,
            "No attached policy allows every action on every resource; not full admin, not counted: p allows every action only under conditions (aws:PrincipalArn)"
        );
        let mut library_auth = snapshot.full_authorization.clone().expect("authorization");
        library_auth.policies[0].attachment_count = 2;
        let library = Library::new(&library_auth, &[]);
        let held = |policies: &[ManagedPolicy]| {
            policies
                .iter()
                .any(|p| p.arn == "arn:aws:iam::123456789012:policy/p")
        };
        let levels = holders(
            &library_auth,
            &library,
            settings.now,
            |u| held(&u.attached_policies),
            |r| held(&r.attached_policies),
        );
        assert_eq!(
            serde_json::json!(levels),
            serde_json::json!([
                {"arn": "arn:aws:iam::123456789012:role/ops", "full_admin": "full"},
                {"arn": "arn:aws:iam::123456789012:role/other", "full_admin": "limited"}
            ])
        );
    }

    /// A boundary that caps a holder is said in the finding; the policy is still admin.
    #[test]
    fn holders_capped_by_a_boundary() {
        let snapshot = with(|a| {
            a.policies = vec![
                customer("full", 1, ADMIN),
                customer(
                    "cap",
                    0,
                    r#"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#,
                ),
            ];
            a.roles = vec![role("capped", vec![attach("full")], vec![])];
            a.roles[0].permissions_boundary = Some("arn:aws:iam::123456789012:policy/cap".into());
        });
        let outcome = no_admin_star(&snapshot, &Settings::default());
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(
            outcome.findings[0].facts["holders"],
            serde_json::json!([{"arn": "arn:aws:iam::123456789012:role/capped", "full_admin": "limited"}])
        );
    }

    /// CIS 1.15 covers every attached policy: AWS managed AdministratorAccess on a group
    /// fails it, and an attached policy whose document was not read or does not parse is an
    /// error naming it.
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
            unread.reason,
            "1 attached policy document could not be evaluated"
        );
        assert_eq!(
            unread.details,
            ["policy arn:aws:iam::aws:policy/AdministratorAccess: its document was not read"]
        );
        let policies = snapshot.attached_aws_policies.as_mut().expect("policies");
        policies.push(CustomerPolicy {
            name: "AdministratorAccess".into(),
            arn: "arn:aws:iam::aws:policy/AdministratorAccess".into(),
            attachment_count: 1,
            document: Some(ADMIN.into()),
            other_versions: Vec::new(),
        });
        let outcome = no_admin_star(&snapshot, &Settings::default());
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(
            outcome.details,
            [
                "AWS managed policy AdministratorAccess, attached to group Administrators: every action on every resource, by statement #1"
            ]
        );
        let policies = snapshot.attached_aws_policies.as_mut().expect("policies");
        policies.last_mut().expect("one").document =
            Some(r#"{"Statement":[{"Effect":"Allow","Action":"*"}]}"#.into());
        let garbled = no_admin_star(&snapshot, &Settings::default());
        assert_eq!(garbled.status, Status::Error);
        assert_eq!(
            garbled.details,
            [
                "policy arn:aws:iam::aws:policy/AdministratorAccess: statement 1: neither Resource nor NotResource"
            ]
        );
    }

    #[test]
    fn roles_anyone_may_assume() {
        let trusted = |name: &str, trust: &str| {
            let mut r = role(name, vec![], vec![]);
            r.trust_policy = trust.into();
            r
        };
        let statement = |principal: &str, extra: &str| {
            format!(
                r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow",{principal},"Action":"sts:AssumeRole"{extra}}}]}}"#
            )
        };
        let snapshot = with(|a| {
            a.roles = vec![
                trusted("open", &statement(r#""Principal":"*""#, "")),
                trusted(
                    "open-aws",
                    &statement(
                        r#""Principal":{"AWS":["arn:aws:iam::111122223333:root","*"]}"#,
                        "",
                    ),
                ),
                trusted(
                    "all-but-one",
                    &statement(
                        r#""NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"}"#,
                        "",
                    ),
                ),
                trusted(
                    "vendor",
                    &statement(
                        r#""Principal":{"AWS":"*"}"#,
                        r#","Condition":{"StringEquals":{"sts:ExternalId":"x"}}"#,
                    ),
                ),
                trusted("mine", TRUST_ACCOUNT),
                trusted(
                    "lambda",
                    &statement(r#""Principal":{"Service":"lambda.amazonaws.com"}"#, ""),
                ),
                trusted(
                    "closed",
                    r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"},{"Effect":"Deny","Principal":"*","Action":"sts:*"}]}"#,
                ),
            ];
        });
        let outcome = public_role_trust(&snapshot, &Settings::default());
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(
            outcome.details,
            [
                "role open: any AWS principal may assume it (trust policy statement #1)",
                "role open-aws: any AWS principal may assume it (trust policy statement #1)",
                "role all-but-one: any AWS principal may assume it (trust policy statement #1)",
            ]
        );
        assert_eq!(
            outcome.reason,
            "3 roles' trust policies let any AWS principal assume them; any principal may assume role vendor only under conditions (sts:ExternalId)"
        );
        assert_eq!(outcome.findings[0].resource.kind, ResourceType::AwsIamRole);
        let broken = with(|a| a.roles = vec![trusted("broken", "{")]);
        let outcome = public_role_trust(&broken, &Settings::default());
        assert_eq!(outcome.status, Status::Error);
        assert!(
            outcome.details[0].starts_with("role broken: trust policy: not a JSON"),
            "{:?}",
            outcome.details
        );
        assert_eq!(
            public_role_trust(&green_snapshot(), &Settings::default()).status,
            Status::Pass
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
