//! The evaluator over real-shaped documents: every form the checks rely on, each with the
//! outcome IAM's evaluation logic gives it.

use super::condition::{Context, Principal};
use super::evaluate::{Decision, Target};
use super::*;
use crate::model::{GroupPermissions, ManagedPolicy, RolePermissions, UserPermissions};

fn policy(document: &str) -> Policy {
    Policy::new(
        PolicyRef::Managed("arn:aws:iam::123456789012:policy/p".into()),
        Document::identity(document).expect("valid document"),
    )
}

fn admin_level(document: &str) -> AdminLevel {
    PolicySet::of(&policy(document)).full_admin().level
}

const STAR: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;

#[test]
fn full_admin_in_every_spelling() {
    for document in [
        STAR,
        r#"{"Statement":{"Effect":"Allow","Action":["s3:*","*"],"Resource":["*"]}}"#,
        r#"{"Statement":[{"Effect":"Allow","Action":"*:*","Resource":"*"}]}"#,
        r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:*"}]}"#,
        // NotAction naming only services that do not exist allows everything.
        r#"{"Statement":[{"Effect":"Allow","NotAction":["ima:*","organisations:*"],"Resource":"*"}]}"#,
        // Two statements that together cover every action, in any case.
        r#"{"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"},{"Effect":"Allow","Action":"IAM:*","Resource":"*"}]}"#,
        // Every service by a wildcard in the service part.
        r#"{"Statement":[{"Effect":"Allow","Action":"*:*","Resource":"*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::secret/*"}]}"#,
    ] {
        assert_eq!(admin_level(document), AdminLevel::Full, "{document}");
    }
}

/// The IAM User Guide: "Action": "*" with NotResource "even allows the user to add a policy
/// to themselves", so it is full admin; the excepted resources are said.
#[test]
fn not_resource_with_every_action_is_full_admin_with_its_exceptions() {
    let document = policy(
        r#"{"Statement":[{"Sid":"AllButOne","Effect":"Allow","Action":"*","NotResource":"arn:aws:s3:::payroll"}]}"#,
    );
    let admin = PolicySet::of(&document).full_admin();
    assert_eq!(admin.level, AdminLevel::Full);
    assert_eq!(admin.except_on, ["not granted on arn:aws:s3:::payroll"]);
    assert_eq!(admin.via.len(), 1);
    assert_eq!(admin.via[0].statement.label, "AllButOne");
    // NotResource "*" grants on nothing.
    assert_eq!(
        admin_level(r#"{"Statement":[{"Effect":"Allow","Action":"*","NotResource":"*"}]}"#),
        AdminLevel::Limited
    );
}

#[test]
fn everything_but_real_services_is_not_full_admin_and_says_what_is_left_out() {
    let document = policy(
        r#"{"Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}]}"#,
    );
    let admin = PolicySet::of(&document).full_admin();
    assert_eq!(admin.level, AdminLevel::AllBut);
    assert_eq!(admin.left_out, ["iam:*", "organizations:*"]);
    // One action left out is named as such.
    let one = policy(
        r#"{"Statement":[{"Effect":"Allow","NotAction":"iam:CreatePolicyVersion","Resource":"*"}]}"#,
    );
    let admin = PolicySet::of(&one).full_admin();
    assert_eq!(admin.level, AdminLevel::AllBut);
    assert_eq!(admin.left_out, ["iam:CreatePolicyVersion"]);
}

#[test]
fn a_condition_makes_full_admin_conditional_and_lists_the_condition() {
    let document = policy(
        r#"{"Statement":[{"Sid":"WithMfa","Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#,
    );
    let admin = PolicySet::of(&document).full_admin();
    assert_eq!(admin.level, AdminLevel::Conditional);
    assert_eq!(admin.conditions.len(), 1);
    assert_eq!(
        serde_json::to_value(admin.conditions[0]).expect("json"),
        serde_json::json!({"policy": "arn:aws:iam::123456789012:policy/p", "statement": "WithMfa",
            "effect": "Allow", "operator": "Bool", "key": "aws:MultiFactorAuthPresent", "values": ["true"]})
    );
    // A Deny under a condition beside a plain grant: admin only when the deny does not apply.
    let unless = policy(
        r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},
            {"Effect":"Deny","Action":"*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}"#,
    );
    let admin = PolicySet::of(&unless).full_admin();
    assert_eq!(admin.level, AdminLevel::Conditional);
    assert_eq!(admin.conditions[0].operator, "BoolIfExists");
}

#[test]
fn not_admin_forms() {
    for (document, level) in [
        // The admin statement denied beside it.
        (
            r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*"}]}"#,
            AdminLevel::Limited,
        ),
        (
            r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"iam:*","NotResource":"arn:aws:iam::123456789012:user/me"}]}"#,
            AdminLevel::AllBut,
        ),
        (
            r#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#,
            AdminLevel::Limited,
        ),
        (
            r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::bucket/*"}]}"#,
            AdminLevel::Limited,
        ),
        (
            r#"{"Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*","Sid":"\"Action\": \"*\""}]}"#,
            AdminLevel::Limited,
        ),
        (
            r#"{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#,
            AdminLevel::Limited,
        ),
        (r#"{"Statement":[]}"#, AdminLevel::Limited),
    ] {
        assert_eq!(admin_level(document), level, "{document}");
    }
}

#[test]
fn decisions_on_named_actions_and_resources() {
    let document = policy(
        r#"{"Statement":[
            {"Sid":"Pass","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/app-*"},
            {"Sid":"Mine","Effect":"Allow","Action":"iam:*AccessKey*","Resource":"arn:aws:iam::123456789012:user/${aws:username}"},
            {"Sid":"FromOffice","Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}},
            {"Sid":"NoProd","Effect":"Deny","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/app-prod"}]}"#,
    );
    let set = PolicySet::of(&document);
    let role = |name: &str| format!("arn:aws:iam::123456789012:role/{name}");
    assert!(
        matches!(set.decide("iam:passrole", Target::Arn(&role("app-dev"))), Decision::Allowed { via } if via[0].statement.label == "Pass")
    );
    assert!(
        matches!(set.decide("iam:PassRole", Target::Arn(&role("app-prod"))), Decision::Denied { by } if by.statement.label == "NoProd")
    );
    assert_eq!(
        set.decide("iam:PassRole", Target::Arn(&role("admin"))),
        Decision::NotAllowed {
            outside_boundary: false
        }
    );
    let Decision::Conditional { conditions, .. } =
        set.decide("s3:GetObject", Target::Arn("arn:aws:s3:::b/k"))
    else {
        panic!("conditional")
    };
    assert_eq!(
        (conditions[0].key, conditions[0].values),
        ("aws:SourceIp", &["192.0.2.0/24".to_string()][..])
    );
    let Decision::Conditional { conditions, .. } = set.decide(
        "iam:CreateAccessKey",
        Target::Arn("arn:aws:iam::123456789012:user/bob"),
    ) else {
        panic!("conditional on the policy variable")
    };
    assert_eq!(conditions[0].operator, "PolicyVariable");
}

#[test]
fn a_permissions_boundary_caps_identity_policies() {
    let identity = policy(STAR);
    let boundary = Policy::new(
        PolicyRef::Managed("arn:aws:iam::123456789012:policy/boundary".into()),
        Document::identity(
            r#"{"Statement":[{"Effect":"Allow","Action":["s3:*","iam:Get*"],"Resource":"*"},
                {"Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}},
                {"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}"#,
        )
        .expect("valid"),
    );
    let set = PolicySet {
        identity: vec![&identity],
        boundary: Some(&boundary),
        ..Default::default()
    };
    assert!(matches!(
        set.decide("s3:GetObject", Target::Any),
        Decision::Allowed { .. }
    ));
    assert_eq!(
        set.decide("iam:CreateUser", Target::Any),
        Decision::NotAllowed {
            outside_boundary: true
        }
    );
    assert!(
        matches!(set.decide("s3:DeleteBucket", Target::Any), Decision::Denied { by } if by.policy.to_string().ends_with("/boundary"))
    );
    assert!(
        matches!(set.decide("ec2:RunInstances", Target::Any), Decision::Conditional { conditions, .. } if conditions[0].key == "aws:RequestedRegion")
    );
    assert_eq!(set.full_admin().level, AdminLevel::Limited);
    // The boundary never grants: without an identity allow, nothing is allowed.
    let empty = policy(r#"{"Statement":[]}"#);
    let only_boundary = PolicySet {
        identity: vec![&empty],
        boundary: Some(&boundary),
        ..Default::default()
    };
    assert_eq!(
        only_boundary.decide("s3:GetObject", Target::Any),
        Decision::NotAllowed {
            outside_boundary: false
        }
    );
}

fn auth() -> Authorization {
    let managed = |name: &str| ManagedPolicy {
        name: name.into(),
        arn: format!("arn:aws:iam::123456789012:policy/{name}"),
    };
    Authorization {
        users: vec![UserPermissions {
            name: "dev".into(),
            arn: "arn:aws:iam::123456789012:user/dev".into(),
            attached_policies: vec![managed("read")],
            inline_policies: vec![],
            groups: vec!["ops".into()],
            permissions_boundary: Some("arn:aws:iam::123456789012:policy/cap".into()),
            ..UserPermissions::default()
        }],
        groups: vec![GroupPermissions {
            name: "ops".into(),
            arn: "arn:aws:iam::123456789012:group/ops".into(),
            attached_policies: vec![],
            inline_policies: vec![InlinePolicy {
                name: "everything".into(),
                document: STAR.into(),
            }],
        }],
        roles: vec![RolePermissions {
            name: "broken".into(),
            arn: "arn:aws:iam::123456789012:role/broken".into(),
            path: "/".into(),
            attached_policies: vec![managed("unread")],
            inline_policies: vec![InlinePolicy {
                name: "bad".into(),
                document: "{".into(),
            }],
            permissions_boundary: None,
            trust_policy: String::new(),
            ..RolePermissions::default()
        }],
        policies: vec![
            CustomerPolicy {
                name: "read".into(),
                arn: "arn:aws:iam::123456789012:policy/read".into(),
                attachment_count: 1,
                document: Some(
                    r#"{"Statement":{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}}"#.into(),
                ),
                other_versions: Vec::new(),
            },
            CustomerPolicy {
                name: "cap".into(),
                arn: "arn:aws:iam::123456789012:policy/cap".into(),
                attachment_count: 0,
                document: Some(
                    r#"{"Statement":{"Effect":"Allow","Action":["s3:*","sts:*"],"Resource":"*"}}"#
                        .into(),
                ),
                other_versions: Vec::new(),
            },
            CustomerPolicy {
                name: "unread".into(),
                arn: "arn:aws:iam::123456789012:policy/unread".into(),
                attachment_count: 1,
                document: None,
                other_versions: Vec::new(),
            },
        ],
    }
}

/// A user's policies are its own and its groups', capped by its boundary; a principal with
/// a policy that cannot be evaluated is an error naming each such policy.
#[test]
fn principals_from_the_snapshot() {
    let auth = auth();
    let library = Library::new(&auth, &[]);
    let user = library.user(&auth, &auth.users[0]).expect("evaluable");
    assert_eq!(
        user.identity.len(),
        2,
        "attached read, and the group's inline policy"
    );
    assert!(user.boundary.is_some());
    assert!(
        matches!(user.decide("sts:AssumeRole", Target::Any), Decision::Allowed { via } if via[0].policy.to_string() == "arn:aws:iam::123456789012:group/ops inline everything")
    );
    assert_eq!(
        user.decide("iam:CreateUser", Target::Any),
        Decision::NotAllowed {
            outside_boundary: true
        }
    );
    assert_eq!(user.full_admin().level, AdminLevel::Limited);
    let problems = library.role(&auth.roles[0]).expect_err("unevaluable");
    assert_eq!(problems.len(), 2);
    assert!(problems[0].starts_with("policy arn:aws:iam::123456789012:policy/unread: its default version's document was not returned"), "{problems:?}");
    assert!(
        problems[1].starts_with(
            "inline policy bad of arn:aws:iam::123456789012:role/broken: not a JSON policy document"
        ),
        "{problems:?}"
    );
    // A boundary that was not read makes the user unevaluable too, never uncapped.
    let mut auth = auth.clone();
    auth.users[0].permissions_boundary = Some("arn:aws:iam::aws:policy/Unread".into());
    let library = Library::new(&auth, &[]);
    assert!(library.user(&auth, &auth.users[0]).is_err());
}

/// An IAM call is made in IAM's one region of the caller's partition, so a condition on
/// `aws:RequestedRegion` decides it; another service's region is the caller's choice, so the
/// same condition stays open there.
#[test]
fn the_region_of_an_iam_call_is_decided() {
    let in_region = |region: &str| {
        policy(&format!(
            r#"{{"Statement":[{{"Effect":"Allow","Action":["iam:CreateAccessKey","s3:GetObject"],"Resource":"*","Condition":{{"StringEquals":{{"aws:RequestedRegion":"{region}"}}}}}}]}}"#
        ))
    };
    let context = |arn: &str| Context {
        principal: Some(Principal::user(arn, "ci")),
        ..Context::default()
    };
    let commercial = context("arn:aws:iam::123456789012:user/ci");
    let elsewhere = in_region("eu-west-1");
    let set = PolicySet::of(&elsewhere).within(commercial.clone());
    assert!(matches!(
        set.decide("iam:CreateAccessKey", Target::Any),
        Decision::NotAllowed { .. }
    ));
    assert!(matches!(
        set.decide("s3:GetObject", Target::Any),
        Decision::Conditional { .. }
    ));
    let iam_region = in_region("us-east-1");
    let set = PolicySet::of(&iam_region).within(commercial);
    assert!(matches!(
        set.decide("iam:CreateAccessKey", Target::Any),
        Decision::Allowed { .. }
    ));
    // China's partition calls IAM in cn-north-1.
    let set = PolicySet::of(&iam_region).within(context("arn:aws-cn:iam::123456789012:user/ci"));
    assert!(matches!(
        set.decide("iam:CreateAccessKey", Target::Any),
        Decision::NotAllowed { .. }
    ));
}
