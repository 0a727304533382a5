//! May this principal call action A on resource R? Explicit deny wins over any allow; an
//! allow under a Condition is reported as conditional with the conditions left open; a
//! permissions boundary caps what identity policies allow. Service control policies and
//! resource policies are outside one account's IAM snapshot and are not evaluated here.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use serde::Serialize;
use serde::ser::SerializeMap;

use super::catalogue::{UNKNOWN_ACTION, UNKNOWN_SERVICE, catalogue};
use super::condition::{
    Context, Principal, Verdict, decide as decide_condition, iam_region, is_principal_key,
};
use super::document::{ActionPattern, Actions, Document, Effect, Resources, Statement};
use super::glob::{action_matches, covers_all_under, may_name_under, resource_matches};

/// What the evaluation cannot see, said wherever a verdict is reported.
pub const NOT_EVALUATED: &str =
    "service control policies and resource policies (outside the account's IAM snapshot)";

/// The request key of the region a call is made in (lower case, as contexts hold keys).
const REQUESTED_REGION: &str = "aws:requestedregion";

/// The region an IAM call of the context's principal is made in, when condition `c` asks
/// for it: IAM's one region of the principal's partition. `None` for another service, another
/// key, or an unknown principal.
fn iam_call_region(
    service: &str,
    c: &super::document::Condition,
    context: &Context,
) -> Option<&'static str> {
    if service != "iam" || !c.key.eq_ignore_ascii_case(REQUESTED_REGION) {
        return None;
    }
    let partition = context.principal.as_ref()?.arn.split(':').nth(1)?;
    iam_region(partition)
}

/// Where a policy comes from: a managed policy's ARN, an inline policy's owner and name, or
/// a role's trust policy (by the role's ARN).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PolicyRef {
    /// A managed policy, by ARN.
    Managed(String),
    /// An inline policy.
    Inline {
        /// The ARN of the user, group or role holding it.
        owner: String,
        /// Its name.
        name: String,
    },
    /// A role's trust policy, by the role's ARN.
    Trust(String),
}

impl PolicyRef {
    /// The fields that name it: `policy`, `owner` and `inline`, or `trust`.
    fn write_into<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        match self {
            PolicyRef::Managed(arn) => map.serialize_entry("policy", arn),
            PolicyRef::Inline { owner, name } => {
                map.serialize_entry("owner", owner)?;
                map.serialize_entry("inline", name)
            }
            PolicyRef::Trust(role) => map.serialize_entry("trust", role),
        }
    }
}

impl fmt::Display for PolicyRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyRef::Managed(arn) => f.write_str(arn),
            PolicyRef::Inline { owner, name } => write!(f, "{owner} inline {name}"),
            PolicyRef::Trust(role) => write!(f, "trust policy of {role}"),
        }
    }
}

impl Serialize for PolicyRef {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        self.write_into(&mut map)?;
        map.end()
    }
}

/// A parsed policy and where it comes from.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Where the policy comes from.
    pub source: PolicyRef,
    /// The parsed document.
    pub document: Document,
    /// Per statement, its actions indexed by catalogue service: worked out once per policy,
    /// on first use.
    index: OnceLock<Vec<ActionIndex>>,
}

impl Policy {
    /// A policy from `source` with `document`.
    pub fn new(source: PolicyRef, document: Document) -> Self {
        Self {
            source,
            document,
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> &[ActionIndex] {
        self.index.get_or_init(|| {
            self.document
                .statements
                .iter()
                .map(|s| ActionIndex::new(&s.actions))
                .collect()
        })
    }
}

/// The resource a question is about: a named ARN, any resource no policy names, or a new
/// resource the caller names (a function, a role) under an ARN prefix: any name an Allow
/// admits will do, and only a Deny of every name under the prefix blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// Any resource.
    Any,
    /// This resource ARN.
    Arn(&'a str),
    /// A resource the caller names itself (a new role, a new user): any name a statement admits.
    Chosen(&'a str),
}

/// A statement that takes part in a decision, and the policy it is in.
#[derive(Debug, Clone, Copy)]
pub struct Grant<'p> {
    /// The policy holding the statement.
    pub policy: &'p PolicyRef,
    /// The statement.
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
    grant.policy.write_into(map)?;
    map.serialize_entry("statement", &grant.statement.label)
}

/// A condition the snapshot cannot decide: under an Allow it must hold, under a Deny it must
/// not. A policy variable in a resource (`${aws:username}`) is one too.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Open<'p> {
    /// The statement holding the condition.
    pub grant: Grant<'p>,
    /// The condition's operator.
    pub operator: &'p str,
    /// The condition's key.
    pub key: &'p str,
    /// The values it compares with.
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

/// Whether a principal may take an action on a resource.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision<'p> {
    /// Allowed whatever the request's context.
    Allowed {
        /// The statements that allow it.
        via: Vec<Grant<'p>>,
    },
    /// Allowed only if the open conditions hold (allows) and do not hold (denies).
    Conditional {
        /// The statements that allow it.
        via: Vec<Grant<'p>>,
        /// What must hold for them to.
        conditions: Vec<Open<'p>>,
    },
    /// An explicit Deny applies whatever the context.
    Denied {
        /// The statement that denies it.
        by: Grant<'p>,
    },
    /// No statement allows it (or the permissions boundary does not).
    NotAllowed {
        /// Whether the identity policies allow it and the boundary is what lacks it.
        outside_boundary: bool,
    },
}

/// The policies that decide for one principal: its identity policies (a user's include its
/// groups'), and its permissions boundary if it has one. A single policy is a set of one.
#[derive(Debug, Clone, Default)]
pub struct PolicySet<'p> {
    /// The identity policies (attached, inline, through groups).
    pub identity: Vec<&'p Policy>,
    /// The permissions boundary, if any.
    pub boundary: Option<&'p Policy>,
    /// What is known of the requests asked about: decides the conditions it can.
    pub context: Context,
}

impl<'p> PolicySet<'p> {
    /// The set made of `policy` alone, with no boundary.
    pub fn of(policy: &'p Policy) -> Self {
        Self {
            identity: vec![policy],
            boundary: None,
            context: Context::default(),
        }
    }

    /// The same policies, asked about requests in `context`.
    pub fn within(self, context: Context) -> Self {
        Self { context, ..self }
    }

    /// Does any condition of these policies depend on who asks? Then a verdict is the
    /// principal's own, not shared by every principal with the same policies.
    pub fn depends_on_principal(&self) -> bool {
        self.statements()
            .flat_map(|s| &s.conditions)
            .any(|c| is_principal_key(&c.key))
    }

    /// Which policies the set is made of (the same for two principals whose policies are
    /// the same parsed documents): for judging each distinct set once.
    pub fn key(&self) -> (Vec<*const Policy>, Option<*const Policy>) {
        let mut identity: Vec<*const Policy> =
            self.identity.iter().map(|p| *p as *const Policy).collect();
        identity.sort();
        (identity, self.boundary.map(|p| p as *const Policy))
    }

    /// May the principal call `action` (`service:Name`, any case) on `target`?
    pub fn decide(&self, action: &str, target: Target<'_>) -> Decision<'p> {
        let (service, name) = action.split_once(':').unwrap_or((action, ""));
        let service = service.to_ascii_lowercase();
        let index = catalogue()
            .services()
            .binary_search_by(|s| s.prefix.cmp(service.as_str()))
            .ok();
        self.decide_parts(
            ServiceAt {
                prefix: &service,
                index,
            },
            name,
            target,
        )
    }

    fn decide_parts(&self, service: ServiceAt<'_>, name: &str, target: Target<'_>) -> Decision<'p> {
        let identity = layer(&self.identity, service, name, target, &self.context);
        let Some(boundary) = self.boundary else {
            return identity;
        };
        match (
            identity,
            layer(&[boundary], service, name, target, &self.context),
        ) {
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

    /// Must the service be asked action by action? Only when a statement that takes part of
    /// it can change the answer: a Deny, or an Allow where no plain Allow takes it whole.
    /// Otherwise one stand-in action answers for the whole service.
    fn in_part(&self, service: usize) -> bool {
        let layer_in_part = |policies: &[&Policy]| {
            let mut whole = false;
            let mut part_allow = false;
            for policy in policies {
                for (statement, index) in policy.document.statements.iter().zip(policy.index()) {
                    match (statement.effect, index.coverage[service]) {
                        (Effect::Deny, Coverage::Part) => return true,
                        (Effect::Allow, Coverage::Part) => part_allow = true,
                        (Effect::Allow, Coverage::Whole) => {
                            whole |= statement.conditions.is_empty()
                                && applies(statement, Target::Any, None)
                                    .is_some_and(|v| v.is_empty())
                        }
                        _ => {}
                    }
                }
            }
            part_allow && !whole
        };
        layer_in_part(&self.identity) || self.boundary.is_some_and(|b| layer_in_part(&[b]))
    }

    /// Is every action (every one the catalogue lists, and any it does not) allowed on any
    /// resource? Services no statement names in part are decided by one stand-in action;
    /// only the others are expanded action by action, so a policy is judged in microseconds.
    pub fn full_admin(&self) -> Admin<'p> {
        let mut admin = Admin {
            level: AdminLevel::Limited,
            via: Vec::new(),
            conditions: Vec::new(),
            left_out: Vec::new(),
            except_on: Vec::new(),
        };
        // Actions of services newer than the catalogue first: a grant that does not reach
        // them is an ordinary one, and nothing more needs asking.
        let services = catalogue().services();
        let unknown_service = ServiceAt {
            prefix: UNKNOWN_SERVICE,
            index: Some(services.len()),
        };
        let unknown = self.decide_parts(unknown_service, UNKNOWN_ACTION, Target::Any);
        if matches!(
            unknown,
            Decision::Denied { .. } | Decision::NotAllowed { .. }
        ) {
            return admin;
        }
        for (index, service) in services.iter().enumerate() {
            let names: &[&str] = if self.in_part(index) {
                &service.actions
            } else {
                &[]
            };
            let mut missing: Vec<&str> = Vec::new();
            for name in names.iter().copied().chain([UNKNOWN_ACTION]) {
                let at = ServiceAt {
                    prefix: service.prefix,
                    index: Some(index),
                };
                if !admin.take(self.decide_parts(at, name, Target::Any)) {
                    missing.push(name);
                }
            }
            let unknown_missing = missing.last() == Some(&UNKNOWN_ACTION);
            if unknown_missing && (names.is_empty() || missing.len() == names.len() + 1) {
                admin.left_out.push(format!("{}:*", service.prefix));
                continue;
            }
            let prefix = service.prefix;
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
        admin.take(unknown);
        // Every conditional decision carries its open conditions.
        admin.level = match (admin.left_out.is_empty(), !admin.conditions.is_empty()) {
            (true, false) => AdminLevel::Full,
            (true, true) => AdminLevel::Conditional,
            (false, _) => AdminLevel::AllBut,
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

/// How far a principal's policies make it an administrator.
#[derive(Debug, Clone)]
pub struct Admin<'p> {
    /// Full, conditional, or limited.
    pub level: AdminLevel,
    /// The Allow statements that grant what is allowed.
    pub via: Vec<Grant<'p>>,
    /// What must hold for a conditional administrator.
    pub conditions: Vec<Open<'p>>,
    /// What is not allowed: `service:*` for a whole service, else single actions.
    pub left_out: Vec<String>,
    /// Named resources excepted from the grant or denied.
    pub except_on: Vec<String>,
}

impl<'p> Admin<'p> {
    /// The one definition of administrator every check shares: every action (`Full`), every
    /// action under open conditions (`Conditional`), or every action but some while every
    /// IAM and STS action stays allowed (`AllBut`): a principal that can do everything in IAM
    /// can grant itself the rest.
    pub fn is_administrator(&self) -> bool {
        match self.level {
            AdminLevel::Full | AdminLevel::Conditional => true,
            AdminLevel::AllBut => self
                .left_out
                .iter()
                .all(|a| !(a.starts_with("iam") || a.starts_with("sts"))),
            AdminLevel::Limited => false,
        }
    }

    /// Take in one decision of the sweep over all actions: its grants and open conditions.
    /// False when the action is not allowed.
    fn take(&mut self, decision: Decision<'p>) -> bool {
        match decision {
            Decision::Allowed { via } => push_new(&mut self.via, via),
            Decision::Conditional { via, conditions } => {
                push_new(&mut self.via, via);
                push_new(&mut self.conditions, conditions);
            }
            Decision::Denied { .. } | Decision::NotAllowed { .. } => return false,
        }
        true
    }
}

/// Append the items `into` does not hold yet, in order.
pub(crate) fn push_new<T: PartialEq>(into: &mut Vec<T>, items: Vec<T>) {
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
    service: ServiceAt<'_>,
    name: &str,
    target: Target<'_>,
    context: &Context,
) -> Decision<'p> {
    let mut allowed = Vec::new();
    let mut conditionally = Vec::new();
    let mut conditions = Vec::new();
    let mut unless = Vec::new();
    for policy in policies {
        for (statement, index) in policy.document.statements.iter().zip(policy.index()) {
            if !index.matches(&statement.actions, service, name) {
                continue;
            }
            let principal = context.principal.as_ref();
            let Some(variables) = applies(statement, target, principal) else {
                continue;
            };
            let grant = Grant {
                policy: &policy.source,
                statement,
            };
            // Conditions the context decides drop out (true) or void the statement (false).
            let mut open = Vec::new();
            let mut voided = false;
            for c in &statement.conditions {
                let verdict = match iam_call_region(service.prefix, c, context) {
                    Some(region) => {
                        decide_condition(c, &context.with(REQUESTED_REGION, Some(region)))
                    }
                    None => decide_condition(c, context),
                };
                match verdict {
                    Verdict::Holds => {}
                    Verdict::Fails => voided = true,
                    Verdict::Open => open.push(Open {
                        grant,
                        operator: &c.operator,
                        key: &c.key,
                        values: &c.values,
                    }),
                }
            }
            if voided {
                continue;
            }
            let open: Vec<Open<'p>> = open
                .into_iter()
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

/// Does an `Action` / `NotAction` take `service:name` (any case)?
pub fn takes_action(actions: &Actions, action: &str) -> bool {
    let (service, name) = action.split_once(':').unwrap_or((action, ""));
    action_in(actions, service, name)
}

fn action_in(actions: &Actions, service: &str, name: &str) -> bool {
    let (list, negated) = actions.patterns();
    list.iter().any(|p| pattern_matches(p, service, name)) != negated
}

/// A service prefix (lower case) and its place in the catalogue (the unknown service's is
/// one past the last); `None` for a prefix the catalogue does not list.
#[derive(Debug, Clone, Copy)]
struct ServiceAt<'a> {
    prefix: &'a str,
    index: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Coverage {
    Whole,
    Part,
    Nothing,
}

/// A statement's `Action` / `NotAction` indexed by catalogue service: how much of each
/// service it takes (the unknown service last), and which patterns name each service in
/// part, so that a policy of a thousand patterns is matched against the few of one service.
#[derive(Debug, Clone)]
struct ActionIndex {
    coverage: Vec<Coverage>,
    /// Patterns (by position) with a literal service, by that service's index.
    by_service: BTreeMap<usize, Vec<usize>>,
    /// Patterns with a wildcard in the service: they may name any service.
    wildcard: Vec<usize>,
}

impl ActionIndex {
    fn new(actions: &Actions) -> Self {
        let services = catalogue().services();
        let unknown = services.len();
        let (list, negated) = actions.patterns();
        let mut index = Self {
            coverage: vec![Coverage::Nothing; unknown + 1],
            by_service: BTreeMap::new(),
            wildcard: Vec::new(),
        };
        let mark = |coverage: &mut Vec<Coverage>, at: usize, pattern: &ActionPattern| {
            if coverage[at] != Coverage::Whole {
                coverage[at] = if pattern.every_name() {
                    Coverage::Whole
                } else {
                    Coverage::Part
                };
            }
        };
        for (position, pattern) in list.iter().enumerate() {
            if pattern.service.contains(['*', '?']) {
                index.wildcard.push(position);
                for (at, service) in services.iter().enumerate() {
                    if action_matches(&pattern.service, service.prefix) {
                        mark(&mut index.coverage, at, pattern);
                    }
                }
                if action_matches(&pattern.service, UNKNOWN_SERVICE) {
                    mark(&mut index.coverage, unknown, pattern);
                }
            } else if let Ok(at) =
                services.binary_search_by(|s| s.prefix.cmp(pattern.service.as_str()))
            {
                index.by_service.entry(at).or_default().push(position);
                mark(&mut index.coverage, at, pattern);
            }
        }
        if negated {
            for coverage in &mut index.coverage {
                *coverage = match *coverage {
                    Coverage::Whole => Coverage::Nothing,
                    Coverage::Nothing => Coverage::Whole,
                    Coverage::Part => Coverage::Part,
                };
            }
        }
        index
    }

    /// Does the statement take `service:name`? Whole and Nothing answer at once; in part,
    /// only the patterns that may name the service are matched.
    fn matches(&self, actions: &Actions, service: ServiceAt<'_>, name: &str) -> bool {
        let Some(at) = service.index else {
            return action_in(actions, service.prefix, name);
        };
        match self.coverage[at] {
            Coverage::Whole => true,
            Coverage::Nothing => false,
            Coverage::Part => {
                let (list, negated) = actions.patterns();
                let named = self.by_service.get(&at).into_iter().flatten();
                let hit = named
                    .chain(&self.wildcard)
                    .any(|&p| pattern_matches(&list[p], service.prefix, name));
                hit != negated
            }
        }
    }
}

/// ARNs of different shapes a pattern must all match to mean "every resource".
const EVERY_SHAPE: [&str; 3] = [
    "arn:aws:iam::123456789012:user/any",
    "arn:aws:s3:::any-bucket/any-key",
    "arn:aws:ec2:us-east-1:123456789012:instance/i-0",
];

/// Whether an action pattern covers every action (`*`, `*:*`).
pub fn is_everything(pattern: &str) -> bool {
    pattern == "*" || EVERY_SHAPE.iter().all(|arn| resource_matches(pattern, arn))
}

/// Does a statement's `Resource` / `NotResource` take in the target? `Some` with the patterns
/// whose policy variables decide it (empty when none do), `None` when it does not. With a
/// known principal, its variables (`${aws:username}`...) are put in; a variable it lacks
/// makes the pattern match nothing.
fn applies<'p>(
    statement: &'p Statement,
    target: Target<'_>,
    principal: Option<&Principal>,
) -> Option<Vec<&'p str>> {
    let (list, negated) = match &statement.resources {
        Resources::Resource(list) => (list, false),
        Resources::NotResource(list) => (list, true),
    };
    // With a known principal, each pattern with its variables put in (`None`: one it lacks);
    // patterns without variables are borrowed as they are.
    let resolved: Option<Vec<Option<Cow<'_, str>>>> = principal.map(|principal| {
        list.iter()
            .map(|pattern| match pattern.contains("${") {
                true => with_variables(pattern, principal).map(Cow::Owned),
                false => Some(Cow::Borrowed(pattern.as_str())),
            })
            .collect()
    });
    match target {
        Target::Any => {
            let every = list.iter().any(|p| is_everything(p));
            (every != negated).then(Vec::new)
        }
        Target::Chosen(prefix) => {
            let patterns: Vec<Cow<'_, str>> = match resolved {
                Some(resolved) => resolved.into_iter().flatten().collect(),
                None => list
                    .iter()
                    .map(|p| Cow::Owned(without_variables(p)))
                    .collect(),
            };
            let may = patterns.iter().any(|p| may_name_under(p, prefix));
            let all = patterns.iter().any(|p| covers_all_under(p, prefix));
            let takes = match (statement.effect, negated) {
                (Effect::Allow, false) => may,
                (Effect::Allow, true) => !all,
                (Effect::Deny, false) => all,
                (Effect::Deny, true) => !may,
            };
            takes.then(Vec::new)
        }
        Target::Arn(arn) if resolved.is_some() => {
            let hit = resolved
                .iter()
                .flatten()
                .flatten()
                .any(|p| resource_matches(p, arn));
            (hit != negated).then(Vec::new)
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

/// A pattern with the principal's policy variables put in; `None` when it lacks one. The
/// escapes `${*}`, `${?}` and `${$}` stand for the character itself, which IAM then matches
/// literally; here it matches as the wildcard would (over-reporting, never under).
pub(crate) fn with_variables(pattern: &str, principal: &Principal) -> Option<String> {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}')?;
        let name = &rest[start + 2..start + end];
        match name {
            "*" | "?" | "$" => out.push_str(name),
            _ => out.push_str(&principal.variable(name.split(',').next()?.trim())?),
        }
        rest = &rest[start + end + 1..];
    }
    out.push_str(rest);
    Some(out)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The index answers exactly as matching every pattern would, for every action of the
    /// catalogue and for a service it does not list.
    #[test]
    fn the_action_index_is_exact() {
        let lists = [
            r#"{"Effect":"Allow","Action":["s3:Get*","*:List*","iam:?etUser","EC2:*","ima:*"],"Resource":"*"}"#,
            r#"{"Effect":"Allow","NotAction":["iam:*","s?:Get*","*:*Tag*"],"Resource":"*"}"#,
            r#"{"Effect":"Allow","Action":"*","Resource":"*"}"#,
        ];
        let services = catalogue().services();
        for statement in lists {
            let document =
                Document::identity(&format!(r#"{{"Statement":[{statement}]}}"#)).expect("valid");
            let actions = &document.statements[0].actions;
            let index = ActionIndex::new(actions);
            for (at, service) in services.iter().enumerate() {
                for name in service.actions.iter().copied().chain([UNKNOWN_ACTION]) {
                    let service_at = ServiceAt {
                        prefix: service.prefix,
                        index: Some(at),
                    };
                    assert_eq!(
                        index.matches(actions, service_at, name),
                        action_in(actions, service.prefix, name),
                        "{statement}: {}:{name}",
                        service.prefix
                    );
                }
            }
            let unknown = ServiceAt {
                prefix: UNKNOWN_SERVICE,
                index: Some(services.len()),
            };
            assert_eq!(
                index.matches(actions, unknown, UNKNOWN_ACTION),
                action_in(actions, UNKNOWN_SERVICE, UNKNOWN_ACTION),
                "{statement}"
            );
        }
    }
}
