//! The search on accounts built in code: what the end-to-end tests cannot set up on the
//! local server (principal tags in conditions, NotPrincipal, a Deny in a trust, a Deny of a
//! few actions beside an admin grant), each asserted with its negative.

use time::OffsetDateTime;

use super::graph::*;
use super::*;
use crate::credentials::CredentialReport;
use crate::model::Authorization;
use crate::model::{CustomerPolicy, InlinePolicy, ManagedPolicy, RolePermissions, UserPermissions};
use crate::policy::Library;

const ACCOUNT: &str = "111122223333";

fn at(text: &str) -> OffsetDateTime {
    OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .expect("RFC 3339 time")
}

fn user(name: &str, inline: &[&str], tags: &[(&str, &str)]) -> UserPermissions {
    UserPermissions {
        name: name.into(),
        arn: format!("arn:aws:iam::{ACCOUNT}:user/{name}"),
        id: format!("AIDA{}", name.to_uppercase()),
        tags: tags
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        inline_policies: inline
            .iter()
            .enumerate()
            .map(|(i, d)| InlinePolicy {
                name: format!("p{i}"),
                document: d.to_string(),
            })
            .collect(),
        ..UserPermissions::default()
    }
}

fn role(name: &str, trust: &str, attached: &[&str]) -> RolePermissions {
    RolePermissions {
        name: name.into(),
        arn: format!("arn:aws:iam::{ACCOUNT}:role/{name}"),
        id: format!("AROA{}", name.to_uppercase()),
        path: "/".into(),
        trust_policy: trust.into(),
        attached_policies: attached
            .iter()
            .map(|a| ManagedPolicy {
                name: a.rsplit('/').next().unwrap_or(a).into(),
                arn: a.to_string(),
            })
            .collect(),
        ..RolePermissions::default()
    }
}

fn customer(name: &str, document: &str) -> CustomerPolicy {
    CustomerPolicy {
        name: name.into(),
        arn: format!("arn:aws:iam::{ACCOUNT}:policy/{name}"),
        attachment_count: 1,
        document: Some(document.into()),
        other_versions: Vec::new(),
    }
}

/// (name, certainty, steps) of every escalation in the account.
fn escalations(auth: &Authorization) -> Vec<(String, Certainty, Vec<String>)> {
    let library = Library::new(auth, &[]);
    let extras = Extras::new(auth);
    let report = CredentialReport {
        generated_at: at("2026-12-06T12:00:00Z"),
        rows: Vec::new(),
    };
    let now = at("2026-12-06T12:00:00Z");
    let analyser = Analyser::new(auth, &library, &extras, Some(&report), now).expect("evaluable");
    let mut found: Vec<_> = analyser
        .run()
        .escalations
        .into_iter()
        .map(|e| {
            (
                e.name,
                e.certainty,
                e.path.into_iter().map(|h| h.step).collect(),
            )
        })
        .collect();
    found.sort();
    found
}

const ADMIN: &str = r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#;

fn assume(principal: &str) -> String {
    format!(
        r#"{{"Statement":[{{"Effect":"Allow","Principal":{principal},"Action":"sts:AssumeRole"}}]}}"#
    )
}

#[test]
fn trusts_admit_by_name_everyone_or_the_account_and_deny_by_name() {
    let admin = format!("arn:aws:iam::{ACCOUNT}:policy/admin");
    let allow_assume =
        r#"{"Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}}"#;
    let trust_with_deny = format!(
        r#"{{"Statement":[{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}},"Action":"sts:AssumeRole"}},{{"Effect":"Deny","Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:user/shunned"}},"Action":"sts:AssumeRole"}}]}}"#
    );
    let not_principal = format!(
        r#"{{"Statement":[{{"Effect":"Allow","NotPrincipal":{{"AWS":"arn:aws:iam::{ACCOUNT}:user/excluded"}},"Action":"sts:AssumeRole"}}]}}"#
    );
    let auth = Authorization {
        users: vec![
            user("anyone", &[], &[]),
            user("excluded", &[], &[]),
            user("shunned", &[allow_assume], &[]),
            user("welcome", &[allow_assume], &[]),
        ],
        roles: vec![
            role("guarded", &trust_with_deny, &[&admin]),
            role("open-to-all-but-one", &not_principal, &[&admin]),
        ],
        policies: vec![customer("admin", ADMIN)],
        ..Authorization::default()
    };
    assert_eq!(
        escalations(&auth),
        [
            (
                "anyone".to_string(),
                Certainty::Definite,
                vec!["sts:AssumeRole → open-to-all-but-one".to_string()]
            ),
            (
                "shunned".to_string(),
                Certainty::Definite,
                vec!["sts:AssumeRole → open-to-all-but-one".to_string()]
            ),
            (
                "welcome".to_string(),
                Certainty::Definite,
                vec!["sts:AssumeRole → guarded".to_string()]
            ),
        ]
    );
}

#[test]
fn principal_tags_and_trust_conditions_are_decided_per_principal() {
    let admin = format!("arn:aws:iam::{ACCOUNT}:policy/admin");
    // Writing its own policy only when tagged team=platform.
    let tagged = r#"{"Statement":{"Effect":"Allow","Action":"iam:PutUserPolicy","Resource":"arn:aws:iam::*:user/${aws:username}","Condition":{"StringEquals":{"aws:PrincipalTag/team":"platform"}}}}"#;
    // A trust of the account that only lets in ARNs like user/ops-*.
    let ops_only = format!(
        r#"{{"Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{ACCOUNT}"}},"Action":"sts:AssumeRole","Condition":{{"ArnLike":{{"aws:PrincipalArn":"arn:aws:iam::{ACCOUNT}:user/ops-*"}}}}}}]}}"#
    );
    let allow_assume =
        r#"{"Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}}"#;
    let auth = Authorization {
        users: vec![
            user("platform-dev", &[tagged], &[("team", "platform")]),
            user("web-dev", &[tagged], &[("team", "web")]),
            user("ops-alice", &[allow_assume], &[]),
            user("dev-bob", &[allow_assume], &[]),
        ],
        roles: vec![role("ops-admin", &ops_only, &[&admin])],
        policies: vec![customer("admin", ADMIN)],
        ..Authorization::default()
    };
    assert_eq!(
        escalations(&auth),
        [
            (
                "ops-alice".to_string(),
                Certainty::Definite,
                vec!["sts:AssumeRole → ops-admin".to_string()]
            ),
            (
                "platform-dev".to_string(),
                Certainty::Definite,
                vec!["iam:PutUserPolicy on platform-dev".to_string()]
            ),
        ]
    );
}

#[test]
fn an_administrator_is_one_whose_denies_spare_the_identity_plane() {
    let admin = format!("arn:aws:iam::{ACCOUNT}:policy/admin");
    let no_bucket_deletes = format!("arn:aws:iam::{ACCOUNT}:policy/no-bucket-deletes");
    let no_iam = format!("arn:aws:iam::{ACCOUNT}:policy/no-iam");
    let allow_assume =
        r#"{"Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}}"#;
    let auth = Authorization {
        users: vec![user("climber", &[allow_assume], &[])],
        roles: vec![
            // Allow-all beside a Deny of deleting buckets: still an administrator.
            role(
                "almost",
                &assume(&format!(r#"{{"AWS":"{ACCOUNT}"}}"#)),
                &[&admin, &no_bucket_deletes],
            ),
            // Allow-all beside a Deny of IAM: not an administrator itself.
            role(
                "fenced",
                &assume(&format!(r#"{{"AWS":"{ACCOUNT}"}}"#)),
                &[&admin, &no_iam],
            ),
        ],
        policies: vec![
            customer("admin", ADMIN),
            customer(
                "no-bucket-deletes",
                r#"{"Statement":{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}}"#,
            ),
            customer(
                "no-iam",
                r#"{"Statement":{"Effect":"Deny","Action":"iam:*","Resource":"*"}}"#,
            ),
        ],
        ..Authorization::default()
    };
    // "fenced" is not one, but all it is allowed besides IAM includes assuming "almost".
    assert_eq!(
        escalations(&auth),
        [
            (
                "climber".to_string(),
                Certainty::Definite,
                vec!["sts:AssumeRole → almost".to_string()]
            ),
            (
                "fenced".to_string(),
                Certainty::Definite,
                vec!["sts:AssumeRole → almost".to_string()]
            ),
        ]
    );
}

/// A trust that names the principal is the Allow: an Allow of its own that holds only with
/// MFA does not make the path conditional; through a trust of the account it does (found by
/// the invariants on generated accounts, `tests/invariants.rs`).
#[test]
fn a_trust_by_name_needs_no_allow_so_the_allows_conditions_do_not_count() {
    let admin = format!("arn:aws:iam::{ACCOUNT}:policy/admin");
    let with_mfa = r#"{"Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}}"#;
    let by_name = assume(&format!(r#"{{"AWS":"arn:aws:iam::{ACCOUNT}:user/named"}}"#));
    let by_account = assume(&format!(r#"{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}}"#));
    let auth = Authorization {
        users: vec![
            user("member", &[with_mfa], &[]),
            user("named", &[with_mfa], &[]),
        ],
        roles: vec![
            role("by-account", &by_account, &[&admin]),
            role("by-name", &by_name, &[&admin]),
        ],
        policies: vec![customer("admin", ADMIN)],
        ..Authorization::default()
    };
    assert_eq!(
        escalations(&auth),
        [
            (
                "member".to_string(),
                Certainty::Conditional,
                vec!["sts:AssumeRole → by-account".to_string()]
            ),
            (
                "named".to_string(),
                Certainty::Definite,
                vec!["sts:AssumeRole → by-name".to_string()]
            ),
        ]
    );
}

/// Administrators that no single policy makes one are listed, with what they may not do;
/// one that holds a full-admin policy is not (the policy checks name it).
#[test]
fn administrators_no_single_policy_makes_one_are_listed() {
    let arn = |name: &str| format!("arn:aws:iam::{ACCOUNT}:policy/{name}");
    let trust = assume(&format!(r#"{{"AWS":"{ACCOUNT}"}}"#));
    let auth = Authorization {
        roles: vec![
            role("all-but-s3", &trust, &[&arn("all-but-s3")]),
            role("split", &trust, &[&arn("all-but-iam"), &arn("iam")]),
            role("whole", &trust, &[&arn("admin")]),
            role("no-iam", &trust, &[&arn("all-but-iam")]),
        ],
        policies: vec![
            customer("admin", ADMIN),
            customer(
                "all-but-s3",
                r#"{"Statement":{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}}"#,
            ),
            customer(
                "all-but-iam",
                r#"{"Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}"#,
            ),
            customer(
                "iam",
                r#"{"Statement":{"Effect":"Allow","Action":"iam:*","Resource":"*"}}"#,
            ),
        ],
        ..Authorization::default()
    };
    let library = Library::new(&auth, &[]);
    let extras = Extras::new(&auth);
    let now = at("2026-12-06T12:00:00Z");
    let analyser = Analyser::new(&auth, &library, &extras, None, now).expect("evaluable");
    let unnamed: Vec<(String, Vec<String>)> = analyser
        .run()
        .unnamed_administrators
        .into_iter()
        .map(|a| (a.name, a.left_out))
        .collect();
    assert_eq!(
        unnamed,
        [
            ("all-but-s3".to_string(), vec!["s3:*".to_string()]),
            ("split".to_string(), Vec::new()),
        ]
    );
}

/// A trust that names a user is a resource-based grant to that user's ARN, which the user's
/// permissions boundary does not cap ("Permissions boundaries do not define the maximum
/// permissions that a resource-based policy can grant to an entity": the IAM API Reference,
/// PutUserPermissionsBoundary); a trust naming the account needs the user's own Allow, which
/// the boundary does cap. A role's sessions stay within the role's boundary either way.
#[test]
fn a_users_boundary_caps_what_it_allows_itself_not_what_a_trust_grants_it_by_name() {
    let admin = format!("arn:aws:iam::{ACCOUNT}:policy/admin");
    let cap = format!("arn:aws:iam::{ACCOUNT}:policy/s3-only");
    let allow_assume =
        r#"{"Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}}"#;
    let named = |kind: &str, name: &str| {
        assume(&format!(
            r#"{{"AWS":"arn:aws:iam::{ACCOUNT}:{kind}/{name}"}}"#
        ))
    };
    let mut bounded = user("bounded", &[allow_assume], &[]);
    bounded.permissions_boundary = Some(cap.clone());
    let mut capped_role = role("capped", &assume(r#"{"Service":"ec2.amazonaws.com"}"#), &[]);
    capped_role.inline_policies = vec![InlinePolicy {
        name: "assume".into(),
        document: allow_assume.into(),
    }];
    capped_role.permissions_boundary = Some(cap.clone());
    let auth = Authorization {
        users: vec![bounded],
        roles: vec![
            role("names-the-user", &named("user", "bounded"), &[&admin]),
            role("names-the-role", &named("role", "capped"), &[&admin]),
            role(
                "names-the-account",
                &assume(&format!(r#"{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}}"#)),
                &[&admin],
            ),
            capped_role,
        ],
        policies: vec![
            customer("admin", ADMIN),
            customer(
                "s3-only",
                r#"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#,
            ),
        ],
        ..Authorization::default()
    };
    assert_eq!(
        escalations(&auth),
        [(
            "bounded".to_string(),
            Certainty::Definite,
            vec!["sts:AssumeRole → names-the-user".to_string()]
        )]
    );
}

/// A write scoped by a policy variable (`${aws:PrincipalTag/team}`) reaches the roles the
/// variable names for the writer: modifying such a role, then assuming it, is a path; a
/// writer whose tag names no role has none.
#[test]
fn a_write_scoped_by_a_policy_variable_reaches_the_roles_it_names() {
    let writes_team_roles = format!(
        r#"{{"Statement":{{"Effect":"Allow","Action":["iam:PutRolePolicy","sts:AssumeRole"],"Resource":"arn:aws:iam::{ACCOUNT}:role/${{aws:PrincipalTag/team}}-*"}}}}"#
    );
    let account = assume(&format!(r#"{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}}"#));
    let auth = Authorization {
        users: vec![
            user("ci-writer", &[&writes_team_roles], &[("team", "ci")]),
            user("web-writer", &[&writes_team_roles], &[("team", "web")]),
        ],
        roles: vec![role("ci-deploy", &account, &[])],
        ..Authorization::default()
    };
    assert_eq!(
        escalations(&auth),
        [(
            "ci-writer".to_string(),
            Certainty::Definite,
            vec![
                "iam:PutRolePolicy on ci-deploy".to_string(),
                "sts:AssumeRole → ci-deploy".to_string()
            ]
        )]
    );
}
