//! The policy checks: policies and attachments across users, groups and roles, judged by
//! evaluation (`crate::policy`), never by how a document is spelled.

use std::collections::BTreeMap;

use time::OffsetDateTime;

use crate::model::{
    Authorization, CustomerPolicy, ManagedPolicy, RolePermissions, UserPermissions,
};
use crate::policy::catalogue::catalogue;
use crate::policy::condition::{Context, Principal};
use crate::policy::document::Actions;
use crate::policy::evaluate::{Decision, Target};
use crate::policy::{
    Admin, AdminLevel, Document, Library, NOT_EVALUATED, Policy, PolicyRef, PolicySet,
};
use crate::verdict::{Finding, Outcome, Resource, ResourceType, count};

const SUPPORT_POLICY: &str = "AWSSupportAccess";

const CLOUDSHELL_POLICY: &str = "AWSCloudShellFullAccess";

/// An AWS managed policy by name, in any partition (`arn:aws:`, `arn:aws-cn:`, ...).
fn is_aws_managed(policy: &ManagedPolicy, name: &str) -> bool {
    policy.arn.starts_with("arn:aws")
        && policy
            .arn
            .split_once(":iam::aws:policy/")
            .is_some_and(|(_, rest)| rest.rsplit('/').next() == Some(name))
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

/// CIS 1.15: no managed policy attached to a user, group or role (AWS managed such as
/// `AdministratorAccess`, or customer managed) grants full administrative privileges, decided
/// by evaluating each policy, not by how its `Action` and `Resource` are spelled.
pub fn no_admin_star(
    auth: &Authorization,
    aws_managed: &[CustomerPolicy],
    now: OffsetDateTime,
) -> Outcome {
    let library = Library::new(auth, aws_managed);
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
        now: Some(now),
        ..AdminVerdicts::default()
    };
    // Every attached managed policy must have been read and parsed: one that was not is an
    // error, never a pass.
    for (arn, principals) in &attached {
        let (kind, name) = match auth.policies.iter().find(|p| p.arn == *arn) {
            Some(policy) => ("customer managed", policy.name.as_str()),
            None if crate::model::is_aws_managed_arn(arn) => {
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
                now,
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
pub fn holders(
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
pub fn no_admin_inline(auth: &Authorization, now: OffsetDateTime) -> Outcome {
    let library = Library::new(auth, &[]);
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
        now: Some(now),
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
                    now,
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
pub fn public_role_trust(auth: &Authorization) -> Outcome {
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

/// CIS 1.16: some role holds `AWSSupportAccess`, so incident responders can open support
/// cases; the finding, when none does, is about `account`.
pub fn support_role(auth: &Authorization, account: Resource) -> Outcome {
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
                    account,
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

/// CIS 1.21: no user, group or role holds `AWSCloudShellFullAccess` (file transfer in and
/// out of a shell with the holder's credentials).
pub fn cloudshell_full_access(auth: &Authorization) -> Outcome {
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
