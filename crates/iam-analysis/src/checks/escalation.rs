//! Privilege escalation: which users and roles that are not administrators can become one,
//! by the shortest path, hop by hop (the search is `crate::privesc`).

use crate::privesc::cut::{Fix, least_privilege_cut};
use crate::privesc::primitives::Entity;
use crate::privesc::{Administrator, Certainty, Escalation, Hop, Input, OpenKey};
use crate::verdict::{Finding, Outcome, Resource, ResourceType, count};

/// What the analysis cannot see, said in every verdict.
pub const NOT_EVALUATED: &str = "SCPs not evaluated (read only with --org), nor resource policies";

/// `privilege-escalation`: orange when a user or role that is not an administrator can
/// become one (a finding per principal, with its path, certainty and the cut that removes
/// it) or when an administrator no single policy makes one exists; undecided when a
/// document cannot be evaluated.
pub fn privilege_escalation(input: &Input<'_>) -> Outcome {
    let analysis = match input.analyse(|analyser| analyser.run()) {
        Ok(analysis) => analysis,
        Err(problems) => {
            let mut outcome = Outcome::error(format!(
                "{} could not be evaluated, so no verdict on who can become an administrator",
                count(problems.len(), "policy document", "policy documents")
            ));
            outcome.details = problems;
            return outcome;
        }
    };
    let fixes = least_privilege_cut(&analysis.escalations, input);
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
        let unnamed = count(unnamed, "user or role is", "users and roles are");
        let unnamed = format!("{unnamed} an administrator that no single policy makes one");
        let reason = match (escalating, analysis.unnamed_administrators.is_empty()) {
            (0, _) => format!("{unnamed} ({judged})"),
            (_, unnamed_none) => {
                let mut reason = format!(
                    "{} can become an administrator ({definite} definite, {} conditional; {judged})",
                    count(escalating, "user or role", "users and roles"),
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
    if analysis.service_linked > 0 {
        outcome.details.push(format!(
            "note: {} (path /aws-service-role/) not judged: only their AWS service can assume them, and IAM refuses changes to their trust and policies",
            count(analysis.service_linked, "service-linked role", "service-linked roles")
        ));
    }
    if analysis.needs.len() > NOTES_SHOWN {
        outcome.details.push(format!(
            "note: and {} more such principals (explain --principal NAME shows one)",
            analysis.needs.len() - NOTES_SHOWN
        ));
    }
    outcome
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
        count(steps, "step", "steps"),
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
