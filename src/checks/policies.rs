//! Policies and attachments across users, groups and roles (from the full authorization
//! details), and server certificates.

use super::policy_document::allows_full_admin;
use super::{Outcome, Settings};
use crate::snapshot::{Authorization, ManagedPolicy, Snapshot};

const SUPPORT_POLICY: &str = "AWSSupportAccess";
const CLOUDSHELL_POLICY: &str = "AWSCloudShellFullAccess";

fn authorization(snapshot: &Snapshot) -> Result<&Authorization, Outcome> {
    snapshot
        .authorization
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

pub fn no_admin_star(snapshot: &Snapshot, _: &Settings) -> Outcome {
    let auth = match authorization(snapshot) {
        Ok(a) => a,
        Err(o) => return o,
    };
    let mut findings = Vec::new();
    let mut unreadable = Vec::new();
    let mut judge = |what: String, document: &str| match allows_full_admin(document) {
        Ok(true) => findings.push(what),
        Ok(false) => {}
        Err(e) => unreadable.push(format!("{what}: {e}")),
    };
    for policy in auth.policies.iter().filter(|p| p.attachment_count > 0) {
        if let Some(document) = &policy.document {
            judge(
                format!(
                    "customer managed policy {} (attached {} time{})",
                    policy.name,
                    policy.attachment_count,
                    if policy.attachment_count == 1 {
                        ""
                    } else {
                        "s"
                    }
                ),
                document,
            );
        }
    }
    let inline = auth
        .users
        .iter()
        .flat_map(|u| u.inline_policies.iter().map(move |p| ("user", &u.name, p)))
        .chain(
            auth.groups
                .iter()
                .flat_map(|g| g.inline_policies.iter().map(move |p| ("group", &g.name, p))),
        )
        .chain(
            auth.roles
                .iter()
                .flat_map(|r| r.inline_policies.iter().map(move |p| ("role", &r.name, p))),
        );
    for (kind, owner, policy) in inline {
        judge(
            format!("inline policy {} of {kind} {owner}", policy.name),
            &policy.document,
        );
    }
    if !unreadable.is_empty() {
        let mut outcome = Outcome::error(format!(
            "{} could not be parsed",
            count(unreadable.len(), "policy document", "policy documents")
        ));
        outcome.details = unreadable;
        return outcome;
    }
    if findings.is_empty() {
        Outcome::pass("No attached customer managed or inline policy grants \"*\" on \"*\"")
    } else {
        Outcome::fail(
            format!(
                "{} grant{} \"Action\": \"*\" on \"Resource\": \"*\"",
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
            vec![format!(
                "create a role for incident responders and attach arn:aws:iam::aws:policy/{SUPPORT_POLICY}"
            )],
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
    let findings: Vec<String> = auth
        .users
        .iter()
        .filter(|u| has(&u.attached_policies))
        .map(|u| format!("user {}", u.name))
        .chain(
            auth.groups
                .iter()
                .filter(|g| has(&g.attached_policies))
                .map(|g| format!("group {}", g.name)),
        )
        .chain(
            auth.roles
                .iter()
                .filter(|r| has(&r.attached_policies))
                .map(|r| format!("role {}", r.name)),
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
    let findings: Vec<String> = certificates
        .iter()
        .filter_map(|c| {
            c.expiration
                .filter(|expired| *expired < settings.now)
                .map(|expired| {
                    format!(
                        "server certificate {}: expired on {}",
                        c.name,
                        expired.date()
                    )
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
