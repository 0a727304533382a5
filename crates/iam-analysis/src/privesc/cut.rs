//! The least-privilege cut: the fewest statements whose change removes every shortest path
//! (greedy: each round the statement on the most uncut paths), each worded as the change to
//! make, and the largest checked by running the analysis again without them.
//!
//! ```
//! use iam_analysis::model::details::Details;
//! use iam_analysis::privesc::{Input, cut::least_privilege_cut};
//!
//! let text = r#"{"UserDetailList": [
//!   {"UserName": "a", "Arn": "arn:aws:iam::111122223333:user/a", "GroupList": ["dev"]},
//!   {"UserName": "b", "Arn": "arn:aws:iam::111122223333:user/b", "GroupList": ["dev"]}],
//!  "GroupDetailList": [{"GroupName": "dev", "Arn": "arn:aws:iam::111122223333:group/dev",
//!   "GroupPolicyList": [{"PolicyName": "self-service", "PolicyDocument": {"Statement": [
//!     {"Sid": "OwnPolicies", "Effect": "Allow", "Action": "iam:PutUserPolicy", "Resource": "*"}]}}]}]}"#;
//! let details = Details::from_json(text).expect("one account");
//! let input = Input {
//!     auth: &details.authorization,
//!     aws_managed: &details.aws_managed,
//!     report: None,
//!     now: time::OffsetDateTime::UNIX_EPOCH,
//! };
//! let analysis = input.analyse(|analyser| analyser.run()).expect("documents parse");
//! let fixes = least_privilege_cut(&analysis.escalations, &input);
//! // One statement gives both users their path; without it neither has one.
//! assert_eq!(fixes.len(), 1);
//! assert_eq!(fixes[0].statement, "OwnPolicies");
//! assert_eq!(fixes[0].loses_every_path, Some(2));
//! ```

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use super::graph::Input;
use super::path::{Escalation, Hop, last_segment};
use crate::model::{Authorization, CustomerPolicy};
use crate::policy::PolicyRef;

/// One statement to change, and the escalating principals whose shortest path it cuts.
#[derive(Debug, Serialize)]
pub struct Fix {
    /// The policy holding the statement (an ARN, `inline OWNER NAME`, or a role's trust).
    pub policy: String,
    /// The statement's label: its `Sid`, or `#N` (its position from 1).
    pub statement: String,
    /// The action or actions of the hop the statement allows, joined by `+`.
    pub action: String,
    /// The least-privilege change, in words.
    pub change: String,
    /// The principals whose shortest path goes through this statement.
    #[serde(skip)]
    pub protects: Vec<String>,
    #[serde(skip)]
    source: PolicyRef,
    /// How many escalating principals' shortest paths the change cuts.
    pub cuts_shortest_path_of: usize,
    /// How many of those have no path left once the statement is gone (the analysis run
    /// again without it); `None` where that was not run.
    pub loses_every_path: Option<usize>,
}

/// The fixes that cut more than one shortest path, the largest first, are checked by running
/// the analysis again without their statement (one pass of its search: does each still
/// have some path?): at most eight, and no more than this many principals judged again in
/// all (the largest fix alone at 10,000 principals, eight up to 1,250), so that the check
/// stays linear in the account's size.
const VERIFIED_FIXES: usize = 8;
const VERIFIED_PRINCIPALS: usize = 10_000;

fn verify(fixes: &mut [Fix], input: &Input<'_>) {
    let principals = (input.auth.users.len() + input.auth.roles.len()).max(1);
    let runs = (VERIFIED_PRINCIPALS / principals).clamp(1, VERIFIED_FIXES);
    for fix in fixes
        .iter_mut()
        .filter(|f| f.cuts_shortest_path_of > 1)
        .take(runs)
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
        let protects = &fix.protects;
        let Ok(lose) = changed.analyse(|analyser| {
            let still: HashSet<&str> = analyser.escalating().into_iter().collect();
            protects
                .iter()
                .filter(|p| !still.contains(p.as_str()))
                .count()
        }) else {
            continue;
        };
        fix.loses_every_path = Some(lose);
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
pub fn least_privilege_cut(escalations: &[Escalation], input: &Input<'_>) -> Vec<Fix> {
    let mut fixes = greedy_cut(escalations);
    verify(&mut fixes, input);
    fixes
}

/// The statements of the cut, largest first, not yet verified. Principals are counted by
/// their place in `escalations`, so each round is linear in the statements' principals.
fn greedy_cut(escalations: &[Escalation]) -> Vec<Fix> {
    // Each statement, the escalations whose path it is on, and the hop that names it (for
    // the wording of the change).
    type OnPaths<'e> = BTreeMap<(PolicyRef, String), (Vec<usize>, &'e Hop)>;
    let mut on_paths: OnPaths = BTreeMap::new();
    for (at, escalation) in escalations.iter().enumerate() {
        for hop in &escalation.path {
            for statement in &hop.statements {
                let entry = on_paths
                    .entry(statement.clone())
                    .or_insert_with(|| (Vec::new(), hop));
                // One escalation's hops come together: a repeat is the last one pushed.
                if entry.0.last() != Some(&at) {
                    entry.0.push(at);
                }
            }
        }
    }
    let mut uncut = vec![true; escalations.len()];
    let mut fixes = Vec::new();
    loop {
        let best = on_paths
            .iter()
            .map(|(statement, (principals, hop))| {
                let cut = principals.iter().filter(|&&p| uncut[p]).count();
                (cut, statement, principals, *hop)
            })
            .filter(|(cut, ..)| *cut > 0)
            .max_by_key(|(cut, ..)| *cut);
        let Some((cut, (policy, statement), principals, hop)) = best else {
            break;
        };
        for &p in principals {
            uncut[p] = false;
        }
        fixes.push(Fix {
            policy: policy.to_string(),
            statement: statement.clone(),
            action: hop.primitive.clone(),
            change: change_for(hop, policy),
            protects: principals
                .iter()
                .map(|&p| escalations[p].arn.clone())
                .collect(),
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
