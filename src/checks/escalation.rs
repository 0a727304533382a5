//! Privilege escalation: which users and roles that are not administrators can become one,
//! by the shortest path, hop by hop (the search is `iam_analysis::privesc`).

use std::collections::BTreeMap;

use super::finding::{Finding, Resource, ResourceType};
use super::outcome::Outcome;
use crate::settings::Settings;
use crate::snapshot::{Authorization, CustomerPolicy, Snapshot};
use iam_analysis::policy::PolicyRef;
use iam_analysis::privesc::primitives::Entity;
use iam_analysis::privesc::{
    Administrator, Certainty, Escalation, Hop, Input, OpenKey, last_segment,
};

/// What the analysis cannot see, said in every verdict.
pub const NOT_EVALUATED: &str = "SCPs not evaluated (read only with --org), nor resource policies";

pub fn privilege_escalation(snapshot: &Snapshot, settings: &Settings) -> Outcome {
    let input = match snapshot.escalation_input(settings.now) {
        Ok(input) => input,
        Err(reason) => return Outcome::error(reason),
    };
    let analysis = match input.analyse(|analyser| analyser.run()) {
        Ok(analysis) => analysis,
        Err(problems) => {
            let mut outcome = Outcome::error(format!(
                "{} could not be evaluated, so no verdict on who can become an administrator",
                plural(problems.len(), "policy document", "policy documents")
            ));
            outcome.details = problems;
            return outcome;
        }
    };
    let mut fixes = least_privilege_cut(&analysis.escalations);
    verify(&mut fixes, &input);
    let mut findings: Vec<Finding> = analysis
        .escalations
        .iter()
        .map(|e| finding(e, &fixes))
        .collect();
    findings.extend(analysis.unnamed_administrators.iter().map(administrator));
    let mut judged = format!(
        "{} judged, {} already one; SCPs not evaluated",
        analysis.principals, analysis.administrators
    );
    if input.report.is_none() {
        judged.push_str("; no credential report, so other users' keys and passwords are open");
    }
    let mut outcome = if findings.is_empty() {
        Outcome::pass(format!(
            "No user or role can become an administrator ({judged})"
        ))
    } else {
        let escalating = analysis.escalations.len();
        let definite = analysis
            .escalations
            .iter()
            .filter(|e| e.certainty == Certainty::Definite)
            .count();
        let unnamed = analysis.unnamed_administrators.len();
        let unnamed = plural(unnamed, "user or role is", "users and roles are");
        let unnamed = format!("{unnamed} an administrator that no single policy makes one");
        let reason = match (escalating, analysis.unnamed_administrators.is_empty()) {
            (0, _) => format!("{unnamed} ({judged})"),
            (_, unnamed_none) => {
                let mut reason = format!(
                    "{} can become an administrator ({definite} definite, {} conditional; {judged})",
                    plural(escalating, "user or role", "users and roles"),
                    escalating - definite
                );
                if !unnamed_none {
                    reason.push_str(&format!("; {unnamed}"));
                }
                reason
            }
        };
        Outcome::fail(reason, findings)
    };
    // Paths through resources the snapshot does not list: notes, the first few by name.
    const NOTES_SHOWN: usize = 20;
    outcome.details.extend(
        analysis
            .needs
            .iter()
            .take(NOTES_SHOWN)
            .map(|n| format!("note: {n}")),
    );
    if analysis.needs.len() > NOTES_SHOWN {
        outcome.details.push(format!(
            "note: and {} more such principals (explain --principal NAME shows one)",
            analysis.needs.len() - NOTES_SHOWN
        ));
    }
    outcome
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn finding(escalation: &Escalation, fixes: &[Fix]) -> Finding {
    let (kind, word) = match escalation.kind {
        Entity::User => (ResourceType::AwsIamUser, "user"),
        _ => (ResourceType::AwsIamRole, "role"),
    };
    let steps = escalation.path.len();
    let hops: Vec<&str> = escalation.path.iter().map(|h| h.step.as_str()).collect();
    let mut message = format!(
        "{word} {} can become an administrator in {}: {}",
        escalation.name,
        plural(steps, "step", "steps"),
        hops.join("; ")
    );
    if escalation.certainty == Certainty::Conditional {
        message.push_str(&only_if(&escalation.conditions));
    }
    let sink = escalation
        .path
        .last()
        .map(|h| h.to.clone())
        .unwrap_or_default();
    let own_fixes: Vec<&Fix> = fixes
        .iter()
        .filter(|f| f.protects.contains(&escalation.arn))
        .collect();
    Finding::new(
        Resource::new(kind, &escalation.arn, &escalation.name),
        message,
    )
    .fact("route", route(escalation))
    .fact("certainty", escalation.certainty)
    .fact("admin", sink)
    .fact("existing_admin", &escalation.existing_admin)
    .fact("path", &escalation.path)
    .fact("conditions", &escalation.conditions)
    .fact("fix", own_fixes)
    .fact("not_evaluated", NOT_EVALUATED)
}

/// An administrator the policy checks cannot name (no single policy of it is full admin):
/// reported here, at this check's severity, so that every administrator is named by some
/// check.
fn administrator(admin: &Administrator) -> Finding {
    let (kind, word) = match admin.kind {
        Entity::User => (ResourceType::AwsIamUser, "user"),
        _ => (ResourceType::AwsIamRole, "role"),
    };
    let via: Vec<String> = admin.via.iter().map(|p| p.to_string()).collect();
    let how = match admin.left_out.is_empty() {
        true => format!("every action, by {}", via.join(" and ")),
        false => format!(
            "every action but {} and all of IAM, so it may grant itself the rest, by {}",
            admin.left_out.join(", "),
            via.join(" and ")
        ),
    };
    let mut message = format!(
        "{word} {} is an administrator that no single policy makes one: {how}",
        admin.name
    );
    if admin.certainty == Certainty::Conditional {
        message.push_str(&only_if(&admin.conditions));
    }
    Finding::new(Resource::new(kind, &admin.arn, &admin.name), message)
        .fact(
            "route",
            format!(
                "{} is an administrator ({})",
                admin.arn,
                admin.certainty.as_str()
            ),
        )
        .fact("certainty", admin.certainty)
        .fact("admin", &admin.arn)
        .fact("path", Vec::<Hop>::new())
        .fact("left_out", &admin.left_out)
        .fact("via", &admin.via)
        .fact("conditions", &admin.conditions)
        .fact("not_evaluated", NOT_EVALUATED)
}

/// Start, administrator, primitives and certainty: what the fingerprint covers (a path that
/// needed MFA and now needs nothing is a new finding).
fn route(escalation: &Escalation) -> String {
    let primitives: Vec<&str> = escalation
        .path
        .iter()
        .map(|h| h.primitive.as_str())
        .collect();
    let sink = escalation.path.last().map_or("", |h| h.to.as_str());
    format!(
        "{} → {sink} by {} ({})",
        escalation.arn,
        primitives.join(", "),
        escalation.certainty.as_str()
    )
}

/// What a conditional verdict holds under, for its message: ` (only if KEY, ...)`.
fn only_if(conditions: &[OpenKey]) -> String {
    let keys: Vec<&str> = conditions.iter().map(|c| c.key.as_str()).collect();
    format!(" (only if {})", dedup(keys).join(", "))
}

fn dedup(mut items: Vec<&str>) -> Vec<&str> {
    items.sort_unstable();
    items.dedup();
    items
}

/// One statement to change, and the escalating principals whose shortest path it cuts.
#[derive(Debug, serde::Serialize)]
pub struct Fix {
    pub policy: String,
    pub statement: String,
    pub action: String,
    pub change: String,
    /// The principals whose shortest path goes through this statement.
    #[serde(skip)]
    protects: Vec<String>,
    #[serde(skip)]
    source: PolicyRef,
    pub cuts_shortest_path_of: usize,
    /// How many of those have no path left once the statement is gone (the analysis run
    /// again without it); `None` where that was not run.
    pub loses_every_path: Option<usize>,
}

/// The fixes that cut more than one shortest path, the largest first, are checked by running
/// the analysis again without their statement (each run is a whole analysis, so a few).
const VERIFIED_FIXES: usize = 8;

fn verify(fixes: &mut [Fix], input: &Input<'_>) {
    for fix in fixes
        .iter_mut()
        .filter(|f| f.cuts_shortest_path_of > 1)
        .take(VERIFIED_FIXES)
    {
        let Some((auth, aws_managed)) =
            without(input.auth, input.aws_managed, &fix.source, &fix.statement)
        else {
            continue;
        };
        let changed = Input {
            auth: &auth,
            aws_managed: &aws_managed,
            ..*input
        };
        let Ok(analysis) = changed.analyse(|analyser| analyser.run()) else {
            continue;
        };
        let still: Vec<String> = analysis.escalations.into_iter().map(|e| e.arn).collect();
        fix.loses_every_path = Some(fix.protects.iter().filter(|p| !still.contains(p)).count());
    }
}

/// The account with one statement taken out of one policy (a managed, inline or trust
/// policy), or `None` when it cannot be found.
fn without(
    auth: &Authorization,
    aws_managed: &[CustomerPolicy],
    source: &PolicyRef,
    statement: &str,
) -> Option<(Authorization, Vec<CustomerPolicy>)> {
    let mut auth = auth.clone();
    let mut aws_managed = aws_managed.to_vec();
    let document: &mut String = match source {
        PolicyRef::Trust(role) => &mut auth.roles.iter_mut().find(|r| r.arn == *role)?.trust_policy,
        PolicyRef::Managed(arn) => auth
            .policies
            .iter_mut()
            .chain(aws_managed.iter_mut())
            .find(|p| p.arn == *arn)?
            .document
            .as_mut()?,
        PolicyRef::Inline { owner, name } => {
            let users = auth
                .users
                .iter_mut()
                .map(|u| (&u.arn, &mut u.inline_policies));
            let groups = auth
                .groups
                .iter_mut()
                .map(|g| (&g.arn, &mut g.inline_policies));
            let roles = auth
                .roles
                .iter_mut()
                .map(|r| (&r.arn, &mut r.inline_policies));
            let (_, policies) = users
                .chain(groups)
                .chain(roles)
                .find(|(arn, _)| *arn == owner)?;
            &mut policies.iter_mut().find(|p| p.name == *name)?.document
        }
    };
    *document = without_statement(document, statement)?;
    Some((auth, aws_managed))
}

/// A policy document without the statement of this label (its `Sid`, or `#N`).
fn without_statement(document: &str, label: &str) -> Option<String> {
    let mut value: serde_json::Value = serde_json::from_str(document).ok()?;
    let statements = value.get_mut("Statement")?;
    if statements.is_object() {
        *statements = serde_json::Value::Array(vec![statements.take()]);
    }
    let list = statements.as_array_mut()?;
    let at = list.iter().enumerate().position(|(i, s)| {
        s.get("Sid")
            .and_then(|v| v.as_str())
            .map_or(format!("#{}", i + 1), str::to_string)
            == label
    })?;
    list.remove(at);
    serde_json::to_string(&value).ok()
}

/// The smallest greedy set of statements that cuts every shortest path: each round takes
/// the statement on the most uncut paths. (Another, longer path may remain: the next run
/// shows it.)
fn least_privilege_cut(escalations: &[Escalation]) -> Vec<Fix> {
    // Each statement, and the hop that names it (for the wording of the change).
    let mut on_paths: BTreeMap<(PolicyRef, String), (Vec<String>, &Hop)> = BTreeMap::new();
    for escalation in escalations {
        for hop in &escalation.path {
            for statement in &hop.statements {
                let entry = on_paths
                    .entry(statement.clone())
                    .or_insert_with(|| (Vec::new(), hop));
                if !entry.0.contains(&escalation.arn) {
                    entry.0.push(escalation.arn.clone());
                }
            }
        }
    }
    let mut uncut: Vec<&str> = escalations.iter().map(|e| e.arn.as_str()).collect();
    let mut fixes = Vec::new();
    while !uncut.is_empty() {
        let best = on_paths
            .iter()
            .map(|(statement, (principals, hop))| {
                let cut = principals
                    .iter()
                    .filter(|p| uncut.contains(&p.as_str()))
                    .count();
                (cut, statement, principals, *hop)
            })
            .filter(|(cut, ..)| *cut > 0)
            .max_by_key(|(cut, ..)| *cut);
        let Some((cut, (policy, statement), principals, hop)) = best else {
            break;
        };
        uncut.retain(|p| !principals.iter().any(|q| q == p));
        fixes.push(Fix {
            policy: policy.to_string(),
            statement: statement.clone(),
            action: hop.primitive.clone(),
            change: change_for(hop, policy),
            protects: principals.clone(),
            source: policy.clone(),
            cuts_shortest_path_of: cut,
            loses_every_path: None,
        });
    }
    fixes
}

/// The least-privilege change for a statement that allows this hop.
fn change_for(hop: &Hop, policy: &PolicyRef) -> String {
    let primitive = hop.primitive.as_str();
    let target = last_segment(&hop.target);
    if let PolicyRef::Trust(_) = policy {
        return format!(
            "name in role {target}'s trust policy only the principals that must assume it"
        );
    }
    if primitive.contains("iam:PassRole") {
        return format!(
            "scope iam:PassRole to the roles this principal must pass and add a Condition \
             iam:PassedToService; {target} is passed today"
        );
    }
    if primitive.contains("PermissionsBoundary") {
        return "deny iam:DeleteUserPermissionsBoundary, iam:DeleteRolePermissionsBoundary and \
                iam:Put*PermissionsBoundary in the boundary itself"
            .into();
    }
    if primitive.starts_with("iam:SetDefaultPolicyVersion") {
        return format!("delete the stored non-default versions of {target} that grant more");
    }
    if primitive.starts_with("iam:CreateRole") || primitive.starts_with("iam:CreateUser") {
        return "require a Condition iam:PermissionsBoundary on creating principals".into();
    }
    if primitive.contains("AccessKey") || primitive.contains("LoginProfile") {
        return "scope Resource to arn:aws:iam::*:user/${aws:username} (own credentials only)"
            .into();
    }
    format!(
        "scope Resource of {} so that it excludes {target} (and every policy or principal the \
         holder itself uses)",
        primitive.split('+').next().unwrap_or(primitive)
    )
}
