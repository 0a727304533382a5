//! May this principal call action A on resource R? Explicit deny wins over any allow; an
//! allow under a Condition is reported as conditional with the conditions left open; a
//! permissions boundary caps what identity policies allow. Service control policies and
//! resource policies are outside one account's IAM snapshot and are not evaluated here.

use std::fmt;

use serde::Serialize;
use serde::ser::SerializeMap;

use super::catalogue::{UNKNOWN_ACTION, UNKNOWN_SERVICE, catalogue};
use super::document::{ActionPattern, Actions, Document, Effect, Resources, Statement};
use super::glob::{action_matches, resource_matches};

/// What the evaluation cannot see, said wherever a verdict is reported.
pub const NOT_EVALUATED: &str =
    "service control policies and resource policies (outside the account's IAM snapshot)";

/// Where a policy comes from: a managed policy's ARN, or an inline policy's owner and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PolicyRef {
    Managed(String),
    Inline { owner: String, name: String },
}

impl fmt::Display for PolicyRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyRef::Managed(arn) => f.write_str(arn),
            PolicyRef::Inline { owner, name } => write!(f, "{owner} inline {name}"),
        }
    }
}

impl Serialize for PolicyRef {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match self {
            PolicyRef::Managed(arn) => map.serialize_entry("policy", arn)?,
            PolicyRef::Inline { owner, name } => {
                map.serialize_entry("owner", owner)?;
                map.serialize_entry("inline", name)?;
            }
        }
        map.end()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub source: PolicyRef,
    pub document: Document,
}

/// The resource a question is about: a named ARN, or any resource no policy names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    Any,
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "privilege escalation asks about named resources")
    )]
    Arn(&'a str),
}

/// A statement that takes part in a decision, and the policy it is in.
#[derive(Debug, Clone, Copy)]
pub struct Grant<'p> {
    pub policy: &'p PolicyRef,
    pub statement: &'p Statement,
}

impl PartialEq for Grant<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.policy == other.policy && std::ptr::eq(self.statement, other.statement)
    }
}

impl Serialize for Grant<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        write_source(&mut map, self)?;
        map.end()
    }
}

fn write_source<M: SerializeMap>(map: &mut M, grant: &Grant<'_>) -> Result<(), M::Error> {
    match grant.policy {
        PolicyRef::Managed(arn) => map.serialize_entry("policy", arn)?,
        PolicyRef::Inline { owner, name } => {
            map.serialize_entry("owner", owner)?;
            map.serialize_entry("inline", name)?;
        }
    }
    map.serialize_entry("statement", &grant.statement.label)
}

/// A condition the snapshot cannot decide: under an Allow it must hold, under a Deny it must
/// not. A policy variable in a resource (`${aws:username}`) is one too.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Open<'p> {
    pub grant: Grant<'p>,
    pub operator: &'p str,
    pub key: &'p str,
    pub values: &'p [String],
}

impl Serialize for Open<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        write_source(&mut map, &self.grant)?;
        map.serialize_entry("effect", &self.grant.statement.effect)?;
        map.serialize_entry("operator", self.operator)?;
        map.serialize_entry("key", self.key)?;
        map.serialize_entry("values", self.values)?;
        map.end()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Decision<'p> {
    /// Allowed whatever the request's context.
    Allowed { via: Vec<Grant<'p>> },
    /// Allowed only if the open conditions hold (allows) and do not hold (denies).
    Conditional {
        via: Vec<Grant<'p>>,
        conditions: Vec<Open<'p>>,
    },
    /// An explicit Deny applies whatever the context.
    Denied { by: Grant<'p> },
    /// No statement allows it (or the permissions boundary does not).
    NotAllowed { outside_boundary: bool },
}

/// The policies that decide for one principal: its identity policies (a user's include its
/// groups'), and its permissions boundary if it has one. A single policy is a set of one.
#[derive(Debug, Clone, Default)]
pub struct PolicySet<'p> {
    pub identity: Vec<&'p Policy>,
    pub boundary: Option<&'p Policy>,
}

impl<'p> PolicySet<'p> {
    pub fn of(policy: &'p Policy) -> Self {
        Self {
            identity: vec![policy],
            boundary: None,
        }
    }

    /// May the principal call `action` (`service:Name`, any case) on `target`?
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "privilege escalation asks about single actions")
    )]
    pub fn decide(&self, action: &str, target: Target<'_>) -> Decision<'p> {
        let (service, name) = action.split_once(':').unwrap_or((action, ""));
        self.decide_parts(service, name, target)
    }

    fn decide_parts(&self, service: &str, name: &str, target: Target<'_>) -> Decision<'p> {
        let identity = layer(&self.identity, service, name, target);
        let Some(boundary) = self.boundary else {
            return identity;
        };
        match (identity, layer(&[boundary], service, name, target)) {
            (denied @ Decision::Denied { .. }, _) | (_, denied @ Decision::Denied { .. }) => denied,
            (not @ Decision::NotAllowed { .. }, _) => not,
            (_, Decision::NotAllowed { .. }) => Decision::NotAllowed {
                outside_boundary: true,
            },
            (Decision::Allowed { via }, Decision::Allowed { .. }) => Decision::Allowed { via },
            (identity, capped) => {
                let (via, mut conditions) = open_parts(identity);
                conditions.extend(open_parts(capped).1);
                Decision::Conditional { via, conditions }
            }
        }
    }

    fn statements(&self) -> impl Iterator<Item = &'p Statement> + '_ {
        self.identity
            .iter()
            .chain(self.boundary.iter())
            .flat_map(|p| &p.document.statements)
    }

    /// Is every action (every one the catalogue lists, and any it does not) allowed on any
    /// resource? Asked per service: a service every statement matches wholly or not at all is
    /// decided by one stand-in action; only a service some statement names in part is
    /// expanded action by action.
    pub fn full_admin(&self) -> Admin<'p> {
        let mut admin = Admin {
            level: AdminLevel::Full,
            via: Vec::new(),
            conditions: Vec::new(),
            left_out: Vec::new(),
            except_on: Vec::new(),
        };
        let services = catalogue()
            .services()
            .iter()
            .map(|s| (s.prefix, s.actions.as_slice()))
            .chain([(UNKNOWN_SERVICE, &[][..])]);
        let mut unknown_allowed = false;
        let mut conditional = false;
        for (prefix, actions) in services {
            let in_part = self
                .statements()
                .any(|s| coverage(&s.actions, prefix) == Coverage::Part);
            let names: &[&str] = if in_part { actions } else { &[] };
            let mut missing: Vec<&str> = Vec::new();
            for name in names.iter().copied().chain([UNKNOWN_ACTION]) {
                match self.decide_parts(prefix, name, Target::Any) {
                    Decision::Allowed { via } => push_new(&mut admin.via, via),
                    Decision::Conditional { via, conditions } => {
                        conditional = true;
                        push_new(&mut admin.via, via);
                        push_new(&mut admin.conditions, conditions);
                    }
                    Decision::Denied { .. } | Decision::NotAllowed { .. } => missing.push(name),
                }
            }
            let unknown_missing = missing.last() == Some(&UNKNOWN_ACTION);
            if prefix == UNKNOWN_SERVICE {
                unknown_allowed = !unknown_missing;
                if unknown_missing {
                    admin
                        .left_out
                        .push("services newer than the catalogue".into());
                }
            } else if unknown_missing && (!in_part || missing.len() == actions.len() + 1) {
                admin.left_out.push(format!("{prefix}:*"));
            } else {
                admin.left_out.extend(
                    missing
                        .iter()
                        .filter(|n| **n != UNKNOWN_ACTION)
                        .map(|n| format!("{prefix}:{n}")),
                );
                if unknown_missing && missing.len() == 1 {
                    admin
                        .left_out
                        .push(format!("{prefix} actions newer than the catalogue"));
                }
            }
        }
        admin.level = match (admin.left_out.is_empty(), conditional, unknown_allowed) {
            (true, false, _) => AdminLevel::Full,
            (true, true, _) => AdminLevel::Conditional,
            (false, _, true) => AdminLevel::AllBut,
            (false, _, false) => AdminLevel::Limited,
        };
        admin.except_on = self.resource_exceptions(&admin.via);
        admin
    }

    /// Resources the granting statements leave out (`NotResource`) and resources a Deny names.
    fn resource_exceptions(&self, via: &[Grant<'p>]) -> Vec<String> {
        let mut out = Vec::new();
        for grant in via {
            if let Resources::NotResource(list) = &grant.statement.resources {
                out.extend(list.iter().map(|r| format!("not granted on {r}")));
            }
        }
        for statement in self.statements() {
            if statement.effect == Effect::Deny
                && let Resources::Resource(list) = &statement.resources
                && !list.iter().any(|r| is_everything(r))
            {
                out.extend(list.iter().map(|r| format!("denied on {r}")));
            }
        }
        out.dedup();
        out
    }
}

/// How much of "all actions" a set of policies allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AdminLevel {
    /// Every action on any resource, whatever the context: full administrative privileges.
    Full,
    /// Every action, but only when conditions hold.
    Conditional,
    /// Every action except some (a `NotAction` grant): powerful, but not `*:*`.
    AllBut,
    /// An ordinary set of actions.
    Limited,
}

#[derive(Debug, Clone)]
pub struct Admin<'p> {
    pub level: AdminLevel,
    /// The Allow statements that grant what is allowed.
    pub via: Vec<Grant<'p>>,
    pub conditions: Vec<Open<'p>>,
    /// What is not allowed: `service:*` for a whole service, else single actions.
    pub left_out: Vec<String>,
    /// Named resources excepted from the grant or denied.
    pub except_on: Vec<String>,
}

fn push_new<T: PartialEq>(into: &mut Vec<T>, items: Vec<T>) {
    for item in items {
        if !into.contains(&item) {
            into.push(item);
        }
    }
}

fn open_parts(decision: Decision<'_>) -> (Vec<Grant<'_>>, Vec<Open<'_>>) {
    match decision {
        Decision::Allowed { via } => (via, Vec::new()),
        Decision::Conditional { via, conditions } => (via, conditions),
        Decision::Denied { .. } | Decision::NotAllowed { .. } => (Vec::new(), Vec::new()),
    }
}

/// One layer of policies (identity, or boundary) on one action and target.
fn layer<'p>(
    policies: &[&'p Policy],
    service: &str,
    name: &str,
    target: Target<'_>,
) -> Decision<'p> {
    let mut allowed = Vec::new();
    let mut conditionally = Vec::new();
    let mut conditions = Vec::new();
    let mut unless = Vec::new();
    for policy in policies {
        for statement in &policy.document.statements {
            if !action_in(&statement.actions, service, name) {
                continue;
            }
            let Some(variables) = applies(&statement.resources, target) else {
                continue;
            };
            let grant = Grant {
                policy: &policy.source,
                statement,
            };
            let open: Vec<Open<'p>> = statement
                .conditions
                .iter()
                .map(|c| Open {
                    grant,
                    operator: &c.operator,
                    key: &c.key,
                    values: &c.values,
                })
                .chain(variables.into_iter().map(|pattern| Open {
                    grant,
                    operator: "PolicyVariable",
                    key: pattern,
                    values: &[],
                }))
                .collect();
            match (statement.effect, open.is_empty()) {
                (Effect::Deny, true) => return Decision::Denied { by: grant },
                (Effect::Deny, false) => unless.extend(open),
                (Effect::Allow, true) => allowed.push(grant),
                (Effect::Allow, false) => {
                    conditionally.push(grant);
                    conditions.extend(open);
                }
            }
        }
    }
    match (allowed.is_empty(), conditionally.is_empty()) {
        (false, _) if unless.is_empty() => Decision::Allowed { via: allowed },
        (false, _) => Decision::Conditional {
            via: allowed,
            conditions: unless,
        },
        (true, false) => {
            conditions.extend(unless);
            Decision::Conditional {
                via: conditionally,
                conditions,
            }
        }
        (true, true) => Decision::NotAllowed {
            outside_boundary: false,
        },
    }
}

fn pattern_matches(pattern: &ActionPattern, service: &str, name: &str) -> bool {
    action_matches(&pattern.service, service) && action_matches(&pattern.name, name)
}

fn action_in(actions: &Actions, service: &str, name: &str) -> bool {
    match actions {
        Actions::Action(list) => list.iter().any(|p| pattern_matches(p, service, name)),
        Actions::NotAction(list) => !list.iter().any(|p| pattern_matches(p, service, name)),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coverage {
    Whole,
    Part,
    Nothing,
}

/// Does a statement's `Action` / `NotAction` take all of a service's actions, some, or none?
fn coverage(actions: &Actions, service: &str) -> Coverage {
    let (list, negated) = match actions {
        Actions::Action(list) => (list, false),
        Actions::NotAction(list) => (list, true),
    };
    let mut named = list.iter().filter(|p| action_matches(&p.service, service));
    let matched = match named.clone().any(|p| p.every_name()) {
        true => Coverage::Whole,
        false if named.next().is_some() => Coverage::Part,
        false => Coverage::Nothing,
    };
    match (matched, negated) {
        (Coverage::Whole, true) => Coverage::Nothing,
        (Coverage::Nothing, true) => Coverage::Whole,
        (coverage, _) => coverage,
    }
}

/// ARNs of different shapes a pattern must all match to mean "every resource".
const EVERY_SHAPE: [&str; 3] = [
    "arn:aws:iam::123456789012:user/any",
    "arn:aws:s3:::any-bucket/any-key",
    "arn:aws:ec2:us-east-1:123456789012:instance/i-0",
];

pub fn is_everything(pattern: &str) -> bool {
    pattern == "*" || EVERY_SHAPE.iter().all(|arn| resource_matches(pattern, arn))
}

/// Does a statement's `Resource` / `NotResource` take in the target? `Some` with the patterns
/// whose policy variables decide it (empty when none do), `None` when it does not.
fn applies<'p>(resources: &'p Resources, target: Target<'_>) -> Option<Vec<&'p str>> {
    let (list, negated) = match resources {
        Resources::Resource(list) => (list, false),
        Resources::NotResource(list) => (list, true),
    };
    match target {
        Target::Any => {
            let every = list.iter().any(|p| is_everything(p));
            (every != negated).then(Vec::new)
        }
        Target::Arn(arn) => {
            let mut variables = Vec::new();
            let mut hit = false;
            for pattern in list {
                if pattern.contains("${") {
                    if resource_matches(&without_variables(pattern), arn) {
                        variables.push(pattern.as_str());
                    }
                } else if resource_matches(pattern, arn) {
                    hit = true;
                }
            }
            match (hit, negated) {
                (true, false) => Some(Vec::new()),
                (false, false) if !variables.is_empty() => Some(variables),
                (false, false) => None,
                (true, true) => None,
                (false, true) => Some(variables),
            }
        }
    }
}

/// A pattern with each `${...}` policy variable widened to `*`.
fn without_variables(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        match rest[start..].find('}') {
            Some(end) => {
                out.push('*');
                rest = &rest[start + end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}
