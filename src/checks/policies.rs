//! Policies and attachments across users, groups and roles (from the full authorization
//! details), and server certificates.

use super::finding::{Finding, Resource, ResourceType};
use super::outcome::Outcome;
use crate::settings::Settings;
use std::collections::BTreeMap;

use crate::snapshot::{Authorization, ManagedPolicy, RolePermissions, Snapshot, UserPermissions};
use iam_analysis::policy::catalogue::catalogue;
use iam_analysis::policy::condition::{Context, Principal};
use iam_analysis::policy::document::Actions;
use iam_analysis::policy::evaluate::{Decision, Target};
use iam_analysis::policy::{
    Admin, AdminLevel, Document, Library, NOT_EVALUATED, Policy, PolicyRef, PolicySet,
};

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

/// Every way policies were judged against "full administrative privileges".
#[derive(Default)]
struct AdminVerdicts {
    /// The run's clock: decides time-bound grants (`aws:CurrentTime`).
    now: Option<time::OffsetDateTime>,
    admin: Vec<Finding>,
    /// Near it but not counted: every action but some, or every action under a condition.
    near: Vec<String>,
    unreadable: Vec<String>,
}

impl AdminVerdicts {
    /// Judge one policy (its parse result) by evaluation: allowed every action (of the
    /// catalogue, and any it does not list) on any resource, without condition.
    fn judge(&mut self, name: &str, finding: Finding, parsed: Result<&Policy, String>) {
        let policy = match parsed {
            Ok(policy) => policy,
            Err(reason) => return self.unreadable.push(reason),
        };
        let context = Context {
            now: self.now,
            ..Context::default()
        };
        let admin = PolicySet::of(policy).within(context).full_admin();
        match admin.level {
            AdminLevel::Full => {
                let statements: Vec<&str> = admin
                    .via
                    .iter()
                    .map(|g| g.statement.label.as_str())
                    .collect();
                let mut why = format!(
                    "every action on every resource, by {} {}",
                    if statements.len() == 1 {
                        "statement"
                    } else {
                        "statements together"
                    },
                    statements.join(", ")
                );
                if !admin.except_on.is_empty() {
                    why.push_str(&format!(
                        " (named exceptions it may lift itself: {})",
                        admin.except_on.join(", ")
                    ));
                }
                let unknown = unknown_exclusions(&admin);
                if !unknown.is_empty() {
                    why.push_str(&format!(
                        " (NotAction names no action AWS has: {}, so it excludes nothing)",
                        unknown.join(", ")
                    ));
                }
                let message = format!("{}: {why}", finding.message);
                let mut finding = finding
                    .fact("statements", &admin.via)
                    .fact("except_on", &admin.except_on)
                    .fact("unknown_actions", &unknown)
                    .fact("not_evaluated", NOT_EVALUATED);
                finding.message = message;
                self.admin.push(finding);
            }
            AdminLevel::AllBut => self.near.push(format!(
                "{name} allows everything except {}",
                summary(&admin.left_out)
            )),
            AdminLevel::Conditional => {
                let mut keys: Vec<&str> = admin.conditions.iter().map(|c| c.key).collect();
                keys.dedup();
                self.near.push(format!(
                    "{name} allows every action only under conditions ({})",
                    keys.join(", ")
                ));
            }
            AdminLevel::Limited => {}
        }
    }

    /// `what` names what was judged, singular and plural: ("attached policy", "attached
    /// policies").
    fn outcome(self, (one, many): (&str, &str)) -> Outcome {
        if !self.unreadable.is_empty() {
            let (documents, document) = (format!("{one} documents"), format!("{one} document"));
            return unevaluable(self.unreadable, &document, &documents);
        }
        let near = match self.near.len() {
            0 => String::new(),
            _ => format!("; not full admin, not counted: {}", self.near.join("; ")),
        };
        if self.admin.is_empty() {
            Outcome::pass(format!(
                "No {one} allows every action on every resource{near}"
            ))
        } else {
            Outcome::fail(
                format!(
                    "{} every action on every resource (full admin){near}",
                    count(
                        self.admin.len(),
                        &format!("{one} allows"),
                        &format!("{many} allow")
                    )
                ),
                self.admin,
            )
        }
    }
}

/// The `NotAction` entries of the granting statements that match no action the catalogue
/// lists (a typo such as `ima:*`): they exclude nothing.
fn unknown_exclusions(admin: &Admin<'_>) -> Vec<String> {
    let mut unknown: Vec<String> = admin
        .via
        .iter()
        .filter_map(|g| match &g.statement.actions {
            Actions::NotAction(list) => Some(list),
            Actions::Action(_) => None,
        })
        .flatten()
        .filter(|p| !catalogue().matches_any(p))
        .map(|p| p.written.clone())
        .collect();
    unknown.dedup();
    unknown
}

/// Documents that could not be read or parsed: never a verdict, each named.
fn unevaluable(reasons: Vec<String>, one: &str, many: &str) -> Outcome {
    let mut outcome = Outcome::error(format!(
        "{} could not be evaluated",
        count(reasons.len(), one, many)
    ));
    outcome.details = reasons;
    outcome
}

/// A list of left-out actions, the first few and how many more.
fn summary(left_out: &[String]) -> String {
    const SHOWN: usize = 5;
    match left_out.len() {
        n if n <= SHOWN => left_out.join(", "),
        n => format!("{} and {} more", left_out[..SHOWN].join(", "), n - SHOWN),
    }
}

/// The account's policies parsed once, or the outcome that says why they cannot be. Without
/// `aws_managed`, the AWS managed documents are not needed (and not looked up).
fn library(snapshot: &Snapshot, aws_managed: bool) -> Result<(&Authorization, Library), Outcome> {
    let auth = authorization(snapshot)?;
    let aws_policies = match (aws_managed, &snapshot.attached_aws_policies) {
        (false, _) => &[][..],
        (true, Ok(policies)) => policies.as_slice(),
        (true, Err(e)) => return Err(Outcome::error(e.reason())),
    };
    Ok((auth, Library::new(auth, aws_policies)))
}

/// CIS 1.15: no managed policy attached to a user, group or role (AWS managed such as
/// `AdministratorAccess`, or customer managed) grants full administrative privileges, decided
/// by evaluating each policy, not by how its `Action` and `Resource` are spelled.
pub fn no_admin_star(snapshot: &Snapshot, settings: &Settings) -> Outcome {
    let (auth, library) = match library(snapshot, true) {
        Ok(l) => l,
        Err(o) => return o,
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
    let mut verdicts = AdminVerdicts {
        now: Some(settings.now),
        ..AdminVerdicts::default()
    };
    // Every attached managed policy must have been read and parsed: one that was not is an
    // error, never a pass.
    for (arn, principals) in &attached {
        let (kind, name) = match auth.policies.iter().find(|p| p.arn == *arn) {
            Some(policy) => ("customer managed", policy.name.as_str()),
            None if crate::snapshot::is_aws_managed_arn(arn) => {
                ("AWS managed", arn.rsplit('/').next().unwrap_or(arn))
            }
            None => ("managed", *arn),
        };
        let finding = Finding::new(
            Resource::new(ResourceType::AwsIamPolicy, *arn, name),
            format!(
                "{kind} policy {name}, attached to {}",
                principals.join(", ")
            ),
        )
        .fact("attached_to", principals);
        let found = verdicts.admin.len();
        verdicts.judge(name, finding, library.managed(arn));
        if let Some(finding) = verdicts.admin.get_mut(found) {
            let has = |policies: &[ManagedPolicy]| policies.iter().any(|p| p.arn == *arn);
            let holders = holders(
                auth,
                &library,
                settings.now,
                |u| {
                    has(&u.attached_policies)
                        || auth
                            .groups
                            .iter()
                            .any(|g| u.groups.contains(&g.name) && has(&g.attached_policies))
                },
                |r| has(&r.attached_policies),
            );
            set_route(finding, principals.clone(), &holders);
        }
    }
    verdicts.outcome(("attached policy", "attached policies"))
}

/// The users (directly or through a group) and roles that hold a policy (`user_holds`,
/// `role_holds`), each with what all its policies together, under its permissions boundary,
/// come to: a boundary may cap an admin policy below full admin.
fn holders(
    auth: &Authorization,
    library: &Library,
    now: time::OffsetDateTime,
    user_holds: impl Fn(&UserPermissions) -> bool,
    role_holds: impl Fn(&RolePermissions) -> bool,
) -> Vec<serde_json::Value> {
    // Holders that share a group share a policy set: each distinct set is judged once, unless
    // its conditions name the principal (then each holder is judged as itself).
    let mut judged = std::collections::HashMap::new();
    let mut level = |set: Result<PolicySet<'_>, Vec<String>>, principal: Principal| match set {
        Ok(set) => {
            let own = set.depends_on_principal().then(|| principal.arn.clone());
            let context = Context {
                now: Some(now),
                principal: Some(principal),
                ..Context::default()
            };
            let set = set.within(context);
            let level = *judged
                .entry((set.key(), own))
                .or_insert_with(|| set.full_admin().level);
            serde_json::json!(level)
        }
        Err(_) => serde_json::json!("not evaluable"),
    };
    let mut holders = Vec::new();
    for user in auth.users.iter().filter(|u| user_holds(u)) {
        let principal = Principal::user(&user.arn, &user.name);
        let full_admin = level(library.user(auth, user), principal);
        holders.push(serde_json::json!({"arn": user.arn, "full_admin": full_admin}));
    }
    for role in auth.roles.iter().filter(|r| role_holds(r)) {
        let full_admin = level(library.role(role), Principal::role(&role.arn));
        holders.push(serde_json::json!({"arn": role.arn, "full_admin": full_admin}));
    }
    holders
}

/// The holders of an admin policy, and what its route (its identity in baselines, diffs and
/// SARIF) is made of: each principal it is attached to, and each holder it makes more than
/// an ordinary principal. A new member of the group that holds it, or a boundary lifted from
/// a holder, is then a new part, so a new finding; a holder capped or gone resolves nothing.
fn set_route(finding: &mut Finding, attached_to: Vec<String>, holders: &[serde_json::Value]) {
    let mut route = attached_to;
    route.extend(
        holders
            .iter()
            .filter(|h| h["full_admin"] != serde_json::json!(AdminLevel::Limited))
            .filter_map(|h| h["arn"].as_str())
            .map(|arn| format!("held by {arn}")),
    );
    route.sort();
    route.dedup();
    finding.facts.insert("holders", serde_json::json!(holders));
    finding.facts.insert("route", serde_json::json!(route));
}

/// Inline policies of users, groups and roles that grant full administrative privileges:
/// outside CIS 1.15's scope (attached managed policies), judged the same way.
pub fn no_admin_inline(snapshot: &Snapshot, settings: &Settings) -> Outcome {
    let (auth, library) = match library(snapshot, false) {
        Ok(l) => l,
        Err(o) => return o,
    };
    let owners = auth
        .users
        .iter()
        .map(|u| ("user", &u.name, &u.arn, &u.inline_policies))
        .chain(
            auth.groups
                .iter()
                .map(|g| ("group", &g.name, &g.arn, &g.inline_policies)),
        )
        .chain(
            auth.roles
                .iter()
                .map(|r| ("role", &r.name, &r.arn, &r.inline_policies)),
        );
    let mut verdicts = AdminVerdicts {
        now: Some(settings.now),
        ..AdminVerdicts::default()
    };
    for (kind, owner, owner_arn, policies) in owners {
        // Who holds the owner's inline policies: the user or role itself, or the group's
        // members.
        let owns = |arn: &str| arn == owner_arn.as_str();
        let member = |u: &UserPermissions| kind == "group" && u.groups.contains(owner);
        for (policy, parsed) in policies.iter().zip(library.inline(owner_arn)) {
            // An inline policy has no ARN: its owner's, and a name that says which.
            let finding = Finding::new(
                Resource::new(
                    ResourceType::AwsIamPolicy,
                    owner_arn,
                    format!("{owner}/inline/{}", policy.name),
                ),
                format!("inline policy {} of {kind} {owner}", policy.name),
            )
            .fact("owner_arn", owner_arn);
            let name = format!("{owner}/inline/{}", policy.name);
            let found = verdicts.admin.len();
            verdicts.judge(&name, finding, parsed.as_ref().map_err(Clone::clone));
            if let Some(finding) = verdicts.admin.get_mut(found) {
                let holders = holders(
                    auth,
                    &library,
                    settings.now,
                    |u| owns(&u.arn) || member(u),
                    |r| owns(&r.arn),
                );
                set_route(finding, vec![format!("{kind} {owner}")], &holders);
            }
        }
    }
    verdicts.outcome(("inline policy", "inline policies"))
}

/// Roles whose trust policy lets any AWS principal, in any account, assume them: an Allow of
/// `sts:AssumeRole` to `"*"` (or `{"AWS": "*"}`, or through `NotPrincipal`) without a
/// condition, decided by evaluating those statements (a Deny to everyone subtracts).
pub fn public_role_trust(snapshot: &Snapshot, _: &Settings) -> Outcome {
    let auth = match authorization(snapshot) {
        Ok(a) => a,
        Err(o) => return o,
    };
    let mut findings = Vec::new();
    let mut near = Vec::new();
    let mut unreadable = Vec::new();
    for role in &auth.roles {
        let trust = match Document::trust(&role.trust_policy) {
            Ok(trust) => trust,
            Err(e) => {
                unreadable.push(format!("role {}: trust policy: {e}", role.name));
                continue;
            }
        };
        // What an unnamed principal of another account may do: the statements that speak
        // of everyone (a NotPrincipal speaks of everyone it does not name).
        let everyone = Document {
            statements: trust
                .statements
                .into_iter()
                .filter(|s| {
                    s.principals
                        .as_ref()
                        .is_some_and(|p| p.names_everyone() || p.negated)
                })
                .collect(),
        };
        let source = PolicyRef::Inline {
            owner: role.arn.clone(),
            name: "trust policy".into(),
        };
        let policy = Policy::new(source, everyone);
        match PolicySet::of(&policy).decide("sts:AssumeRole", Target::Any) {
            Decision::Allowed { via } => {
                let statements: Vec<&str> =
                    via.iter().map(|g| g.statement.label.as_str()).collect();
                findings.push(
                    Finding::new(
                        Resource::new(ResourceType::AwsIamRole, &role.arn, &role.name),
                        format!(
                            "role {}: any AWS principal may assume it (trust policy statement {})",
                            role.name,
                            statements.join(", ")
                        ),
                    )
                    .fact("statements", statements),
                );
            }
            Decision::Conditional { conditions, .. } => {
                let mut keys: Vec<&str> = conditions.iter().map(|c| c.key).collect();
                keys.dedup();
                near.push(format!(
                    "role {} only under conditions ({})",
                    role.name,
                    keys.join(", ")
                ));
            }
            Decision::Denied { .. } | Decision::NotAllowed { .. } => {}
        }
    }
    if !unreadable.is_empty() {
        return unevaluable(unreadable, "trust policy", "trust policies");
    }
    let near = match near.len() {
        0 => String::new(),
        _ => format!("; any principal may assume {}", near.join("; ")),
    };
    if findings.is_empty() {
        Outcome::pass(format!(
            "No role's trust policy lets any AWS principal assume it ({} roles){near}",
            auth.roles.len()
        ))
    } else {
        Outcome::fail(
            format!(
                "{} any AWS principal assume {}{near}",
                count(
                    findings.len(),
                    "role's trust policy lets",
                    "roles' trust policies let"
                ),
                if findings.len() == 1 { "it" } else { "them" }
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
