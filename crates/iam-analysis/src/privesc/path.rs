//! What the search finds, as data: paths of hops from a principal to an administrator, their
//! certainty and open conditions, what blocked the other attempts, and the administrators
//! no single policy makes one.

use serde::Serialize;

use super::primitives::{Entity, Primitive};
use crate::policy::PolicyRef;
use crate::policy::document::Effect;

/// Whether a path needs something to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    /// The path needs nothing.
    Definite,
    /// The path needs conditions to hold (or facts the input lacks).
    Conditional,
}

impl Certainty {
    /// As the JSON spells it: `definite`, `conditional`.
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Definite => "definite",
            Certainty::Conditional => "conditional",
        }
    }
}

/// A condition a hop depends on that the snapshot cannot decide.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct OpenKey {
    /// The policy (or trust policy) that holds it, or what else it is about.
    pub policy: String,
    /// The statement holding the condition.
    pub statement: String,
    /// Whether it is an Allow's or a Deny's condition.
    pub effect: Effect,
    /// The condition's operator.
    pub operator: String,
    /// The condition's key.
    pub key: String,
    /// The values it compares with.
    pub values: Vec<String>,
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hop {
    /// The principal the step starts as.
    pub from: String,
    /// The principal the step ends as (the same as `from` when it only adds permissions).
    pub to: String,
    /// The action or actions used, joined by `+`.
    pub primitive: String,
    /// The hop in words: `sts:AssumeRole → deployer`, or `iam:CreatePolicyVersion on
    /// ci-policy` when it only adds permissions.
    pub step: String,
    /// The pathfinding.cloud id of the primitive, where it has one.
    pub pathfinding: Option<&'static str>,
    /// What the step acts on (a policy, a group, a user, a role; a new one as a prefix).
    pub target: String,
    /// The policies whose statements allow the step.
    pub via: Vec<PolicyRef>,
    /// What must hold for the step.
    pub conditions: Vec<OpenKey>,
    /// For a step that changes the principal itself without making it an administrator
    /// (joining a group, shedding a Deny...): the escalation actions it gains, in words.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gains: Vec<String>,
    /// (policy, statement) of each granting statement, for the fix.
    #[serde(skip)]
    pub statements: Vec<(PolicyRef, String)>,
}

/// One user or role that can become an administrator, by its shortest path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Escalation {
    /// User or role.
    pub kind: Entity,
    /// The principal's ARN.
    pub arn: String,
    /// The principal's name.
    pub name: String,
    /// Whether the path needs conditions.
    pub certainty: Certainty,
    /// The steps, in order.
    pub path: Vec<Hop>,
    /// Every open condition on the path (and the administrator's own, if it has some).
    pub conditions: Vec<OpenKey>,
    /// The administrator the path ends at when it was one already; `None` when the path
    /// makes its end an administrator (itself, another principal, or a new one).
    pub existing_admin: Option<String>,
}

/// A primitive a principal could try, and what stops it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Blocked {
    /// The action or actions it would use, joined by `+`.
    pub primitive: String,
    /// What it would act on.
    pub target: String,
    /// Why it cannot.
    pub why: String,
}

impl Blocked {
    pub(super) fn new(primitive: &Primitive, target: &str, why: String) -> Self {
        let actions: Vec<&str> = primitive.actions.iter().map(|step| step[0]).collect();
        Self {
            primitive: actions.join("+"),
            target: target.to_string(),
            why,
        }
    }
}

/// One principal explained: an administrator already (with the conditions that holds
/// under), its shortest path if it can become one, and what blocks each other way.
#[derive(Debug, Serialize)]
pub struct Explanation {
    /// User or role.
    pub kind: Entity,
    /// The principal's ARN.
    pub arn: String,
    /// The principal's name.
    pub name: String,
    /// When it is an administrator already: what must hold for it to be (empty: nothing).
    pub administrator: Option<Vec<OpenKey>>,
    /// Its shortest path to an administrator, if it has one.
    pub escalation: Option<Escalation>,
    /// What it could try and what stops each.
    pub blocked: Vec<Blocked>,
    /// Paths through resources the input does not list (notes).
    pub needs: Vec<String>,
}

/// What the analysis found, and what it could not decide.
#[derive(Debug, Default)]
pub struct Analysis {
    /// Every escalating principal with its shortest path.
    pub escalations: Vec<Escalation>,
    /// Paths through resources the snapshot does not list (functions, instances): notes.
    pub needs: Vec<String>,
    /// How many users and roles were judged, and how many are administrators already.
    pub principals: usize,
    /// How many of them are administrators already.
    pub administrators: usize,
    /// Service-linked roles, not judged: only their AWS service can assume them.
    pub service_linked: usize,
    /// Administrators that no single policy makes one (every action but some, several
    /// policies together, or under conditions): the policy checks, which judge one policy at
    /// a time, cannot name them, so this check does.
    pub unnamed_administrators: Vec<Administrator>,
}

/// A user or role that is an administrator although none of its policies alone grants full
/// admin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Administrator {
    /// User or role.
    pub kind: Entity,
    /// The principal's ARN.
    pub arn: String,
    /// The principal's name.
    pub name: String,
    /// Whether it needs conditions to be one.
    pub certainty: Certainty,
    /// What it may not do (the rest it may grant itself through IAM); empty when it may do
    /// everything, by several policies together or under conditions.
    pub left_out: Vec<String>,
    /// The policies whose statements make it one.
    pub via: Vec<PolicyRef>,
    /// What must hold for it to be one.
    pub conditions: Vec<OpenKey>,
}

/// The last segment of an ARN: a principal's or policy's name.
pub fn last_segment(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}
