//! What a hop or an administrator rests on: the statements that allow it and the conditions
//! still open; an edge of the graph as hops; and the evaluator's context for a principal.

use time::OffsetDateTime;

use super::path::{Hop, OpenKey};
use crate::policy::condition::{Context, Principal};
use crate::policy::document::Effect;
use crate::policy::evaluate::{Decision, Grant, Open, push_new};
use crate::policy::{AdminLevel, PolicyRef, PolicySet};

/// The answer to "may this principal do this", with what allows it.
#[derive(Debug, Clone, Default)]
pub(super) struct Support {
    pub(super) statements: Vec<(PolicyRef, String)>,
    pub(super) conditions: Vec<OpenKey>,
}

impl Support {
    /// The statements that grant, and the conditions left open.
    pub(super) fn new(via: &[Grant<'_>], conditions: &[Open<'_>]) -> Support {
        Support {
            statements: via
                .iter()
                .map(|g| (g.policy.clone(), g.statement.label.clone()))
                .collect(),
            conditions: conditions.iter().map(open_key).collect(),
        }
    }

    pub(super) fn of(decision: Decision<'_>) -> Result<Support, String> {
        match decision {
            Decision::Allowed { via } => Ok(Support::new(&via, &[])),
            Decision::Conditional { via, conditions } => Ok(Support::new(&via, &conditions)),
            Decision::Denied { by } => Err(format!(
                "denied by {} statement {}",
                by.policy, by.statement.label
            )),
            Decision::NotAllowed {
                outside_boundary: true,
            } => Err("outside its permissions boundary".into()),
            Decision::NotAllowed { .. } => Err("no policy allows it".into()),
        }
    }

    pub(super) fn and(mut self, other: Support) -> Support {
        push_new(&mut self.statements, other.statements);
        push_new(&mut self.conditions, other.conditions);
        self
    }

    pub(super) fn definite(&self) -> bool {
        self.conditions.is_empty()
    }

    /// The policies whose statements allow it, each once, in the order they grant.
    pub(super) fn policies(&self) -> Vec<PolicyRef> {
        let mut via: Vec<PolicyRef> = Vec::new();
        for (policy, _) in &self.statements {
            if !via.contains(policy) {
                via.push(policy.clone());
            }
        }
        via
    }
}

pub(super) fn open_key(open: &Open<'_>) -> OpenKey {
    OpenKey {
        policy: open.grant.policy.to_string(),
        statement: open.grant.statement.label.clone(),
        effect: open.grant.statement.effect,
        operator: open.operator.to_string(),
        key: open.key.to_string(),
        values: open.values.to_vec(),
    }
}

/// The first alternative allowed without condition, else the first allowed at all.
pub(super) fn best<T>(
    options: impl IntoIterator<Item = Result<(T, Support), String>>,
) -> Result<(T, Support), String> {
    let mut conditional = None;
    let mut why = None;
    for option in options {
        match option {
            Ok(found) if found.1.definite() => return Ok(found),
            Ok(found) => {
                conditional.get_or_insert(found);
            }
            Err(reason) => {
                why.get_or_insert(reason);
            }
        }
    }
    conditional.ok_or_else(|| why.unwrap_or_else(|| "nothing to try".into()))
}

/// A condition on a hop that only the credential report could decide, when it does not
/// list the user.
pub(super) fn unlisted(user: &str, what: &str) -> OpenKey {
    OpenKey {
        policy: "the credential report".into(),
        statement: format!("user {user} is not in it"),
        effect: Effect::Allow,
        operator: "Unknown".into(),
        key: what.into(),
        values: Vec::new(),
    }
}

/// A way from one principal to another, or to the administrators.
#[derive(Clone)]
pub(super) struct Edge {
    pub(super) hops: Vec<Hop>,
}

impl Edge {
    pub(super) fn definite(&self) -> bool {
        self.hops.iter().all(|h| h.conditions.is_empty())
    }
}

pub(super) fn keep_better(slot: &mut Option<Support>, support: Support) {
    if slot
        .as_ref()
        .is_none_or(|s| !s.definite() && support.definite())
    {
        *slot = Some(support);
    }
}

pub(super) fn context(now: OffsetDateTime, principal: Principal) -> Context {
    Context {
        now: Some(now),
        principal: Some(principal),
        request: Vec::new(),
    }
}

/// Is this set an administrator: every action allowed (a Deny of a few actions outside the
/// IAM and STS write plane does not demote it)? `Err` says why not.
pub(super) fn admin_of(set: &PolicySet<'_>) -> Result<Support, String> {
    let admin = set.full_admin();
    match admin.level {
        _ if admin.is_administrator() => Ok(Support::new(&admin.via, &admin.conditions)),
        AdminLevel::Limited => Err("not every action".into()),
        _ => Err(format!("allows all but {}", admin.left_out.join(", "))),
    }
}
