//! Who can become an administrator: every user and role, the ways one gains what another
//! holds (the primitives), and one search backwards from the administrators. Pure: it reads
//! the snapshot through the policy evaluator and calls nothing.
//!
//! The search never pairs every principal with every other. Each principal is reduced to
//! the escalation actions it may call at all (its capabilities); the edges into a principal
//! are worked out only when the search reaches it, and only from the principals capable of
//! the primitives that reach it (or named by its trust policy). Definite edges are searched
//! first, then all, so a definite path is never reported as conditional.

pub mod primitives;

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use std::sync::LazyLock;

use serde::Serialize;
use time::OffsetDateTime;

use crate::credentials::CredentialReport;
use crate::model::{Authorization, CustomerPolicy};
use crate::policy::condition::{Context, Principal, Verdict, decide as decide_condition};
use crate::policy::document::{Effect, Statement};
use crate::policy::evaluate::{Decision, Grant, Open, Target, push_new, takes_action};
use crate::policy::{AdminLevel, Document, Library, Policy, PolicyRef, PolicySet};
use primitives::{Entity, Family, INSTANCE_PROFILE, PRIMITIVES, Primitive};

/// The AWS managed policy an attacker attaches (it exists in every account).
const ADMINISTRATOR_ACCESS: &str = "iam::aws:policy/AdministratorAccess";

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
    fn new(primitive: &Primitive, target: &str, why: String) -> Self {
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

/// The answer to "may this principal do this", with what allows it.
#[derive(Debug, Clone, Default)]
struct Support {
    statements: Vec<(PolicyRef, String)>,
    conditions: Vec<OpenKey>,
}

impl Support {
    /// The statements that grant, and the conditions left open.
    fn new(via: &[Grant<'_>], conditions: &[Open<'_>]) -> Support {
        Support {
            statements: via
                .iter()
                .map(|g| (g.policy.clone(), g.statement.label.clone()))
                .collect(),
            conditions: conditions.iter().map(open_key).collect(),
        }
    }

    fn of(decision: Decision<'_>) -> Result<Support, String> {
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

    fn and(mut self, other: Support) -> Support {
        push_new(&mut self.statements, other.statements);
        push_new(&mut self.conditions, other.conditions);
        self
    }

    fn definite(&self) -> bool {
        self.conditions.is_empty()
    }

    /// The policies whose statements allow it, each once, in the order they grant.
    fn policies(&self) -> Vec<PolicyRef> {
        let mut via: Vec<PolicyRef> = Vec::new();
        for (policy, _) in &self.statements {
            if !via.contains(policy) {
                via.push(policy.clone());
            }
        }
        via
    }
}

fn open_key(open: &Open<'_>) -> OpenKey {
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
fn best<T>(
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

/// A user or role of the account, with what decides for it.
#[derive(Clone)]
struct Node<'p> {
    kind: Entity,
    arn: &'p str,
    name: &'p str,
    id: &'p str,
    set: PolicySet<'p>,
    /// Users: the groups it is in (indexes into `auth.groups`).
    groups: Vec<usize>,
    /// Customer managed policies it holds (its own and its groups').
    held: Vec<&'p str>,
    /// Roles: the trust policy; users: none.
    trust: Option<Document>,
    instance_profiles: bool,
    /// Users: what the credential report says of their keys, password and MFA; `None` when
    /// the report does not list the user (or was not read): then unknown, never "none".
    credentials: Option<Credentials>,
    /// Which of the escalation actions it may call at all (by `primitives::actions()`).
    capable: Vec<bool>,
    /// Which rows of `PRIMITIVES` it may take at all (bit i for row i).
    possible: u64,
    /// An administrator already: what makes it one (conditional when conditions are open).
    admin: Option<Support>,
}

/// A user's credentials as the credential report lists them.
#[derive(Debug, Clone, Copy)]
struct Credentials {
    /// Access keys that exist, active or not (two is IAM's limit).
    keys: usize,
    password: bool,
    mfa: bool,
}

/// A condition on a hop that only the credential report could decide, when it does not
/// list the user.
fn unlisted(user: &str, what: &str) -> OpenKey {
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
struct Edge {
    hops: Vec<Hop>,
}

impl Edge {
    fn definite(&self) -> bool {
        self.hops.iter().all(|h| h.conditions.is_empty())
    }
}

/// The search over one input, its documents parsed once: [`Analyser::run`] finds every path, [`Analyser::explain`] one principal's.
#[derive(Clone)]
pub struct Analyser<'p> {
    auth: &'p Authorization,
    library: &'p Library,
    nodes: Vec<Node<'p>>,
    actions: Vec<&'static str>,
    action_at: HashMap<&'static str, usize>,
    /// By action (as in `actions`): the principals whose policies may call it at all.
    holders: Vec<Vec<usize>>,
    /// The administrator document an attacker writes (a new version, an inline policy).
    admin_document: &'p Policy,
    /// Stored non-default versions by policy ARN, parsed.
    versions: &'p BTreeMap<String, Vec<(String, Policy)>>,
    by_arn: HashMap<&'p str, usize>,
    by_id: HashMap<&'p str, usize>,
}

/// What an analysis reads: the account's principals and policies, the AWS managed documents
/// in use, the credential report (`None` when the input has none), and the run's clock.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    /// The principals and customer managed policies.
    pub auth: &'a Authorization,
    /// The AWS managed policies in use, with their documents.
    pub aws_managed: &'a [CustomerPolicy],
    /// The credential report (`None` when the input has none: paths through keys and passwords stay conditional).
    pub report: Option<&'a CredentialReport>,
    /// The run's clock (dates in conditions, keys' ages).
    pub now: OffsetDateTime,
}

impl<'a> Input<'a> {
    /// The analyser over this input, its documents parsed once, handed to `use_it`; the
    /// documents that cannot be evaluated are the error.
    pub fn analyse<R>(&self, use_it: impl FnOnce(&Analyser<'_>) -> R) -> Result<R, Vec<String>> {
        let library = Library::new(self.auth, self.aws_managed);
        let extras = Extras::new(self.auth);
        let analyser = Analyser::new(self.auth, &library, &extras, self.report, self.now)?;
        Ok(use_it(&analyser))
    }
}

/// What the analysis keeps alive while it runs: documents it made up or parsed itself.
struct Extras {
    admin_document: Policy,
    versions: BTreeMap<String, Vec<(String, Policy)>>,
}

impl Extras {
    fn new(auth: &Authorization) -> Self {
        let admin_document = Policy::new(
            PolicyRef::Inline {
                owner: "(written by the attacker)".into(),
                name: "admin".into(),
            },
            Document::identity(r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#)
                .expect("a valid document"),
        );
        let mut versions = BTreeMap::new();
        for policy in &auth.policies {
            let parsed: Vec<(String, Policy)> = policy
                .other_versions
                .iter()
                .filter_map(|(id, text)| {
                    let source = PolicyRef::Managed(format!("{} version {id}", policy.arn));
                    Some((
                        id.clone(),
                        Policy::new(source, Document::identity(text).ok()?),
                    ))
                })
                .collect();
            if !parsed.is_empty() {
                versions.insert(policy.arn.clone(), parsed);
            }
        }
        Self {
            admin_document,
            versions,
        }
    }
}

impl<'p> Analyser<'p> {
    /// Every user and role with its policies; the documents that cannot be evaluated are
    /// named in the error (the verdict would depend on them).
    fn new(
        auth: &'p Authorization,
        library: &'p Library,
        extras: &'p Extras,
        report: Option<&CredentialReport>,
        now: OffsetDateTime,
    ) -> Result<Self, Vec<String>> {
        let mut problems = Vec::new();
        let mut nodes = Vec::new();
        let customer: std::collections::HashSet<&str> =
            auth.policies.iter().map(|p| p.arn.as_str()).collect();
        let rows: HashMap<&str, &crate::credentials::CredentialRow> = report
            .into_iter()
            .flat_map(CredentialReport::users)
            .map(|r| (r.arn.as_str(), r))
            .collect();
        for user in &auth.users {
            let set = match library.user(auth, user) {
                Ok(set) => set,
                Err(p) => {
                    problems.extend(p);
                    continue;
                }
            };
            let groups: Vec<usize> = auth
                .groups
                .iter()
                .enumerate()
                .filter(|(_, g)| user.groups.contains(&g.name))
                .map(|(i, _)| i)
                .collect();
            let held = user
                .attached_policies
                .iter()
                .chain(
                    groups
                        .iter()
                        .flat_map(|&g| &auth.groups[g].attached_policies),
                )
                .map(|p| p.arn.as_str())
                .filter(|arn| customer.contains(arn))
                .collect();
            let row = rows.get(user.arn.as_str());
            let principal = Principal::user(&user.arn, &user.name).known(&user.id, &user.tags);
            nodes.push(Node {
                kind: Entity::User,
                arn: &user.arn,
                name: &user.name,
                id: &user.id,
                set: set.within(context(now, principal)),
                groups,
                held,
                trust: None,
                instance_profiles: false,
                credentials: row.map(|r| Credentials {
                    keys: r
                        .access_keys
                        .iter()
                        .filter(|k| k.last_rotated.is_some() || k.active)
                        .count(),
                    password: r.password_enabled == Some(true),
                    mfa: r.mfa_active,
                }),
                capable: Vec::new(),
                possible: 0,
                admin: None,
            });
        }
        for role in &auth.roles {
            let set = match library.role(role) {
                Ok(set) => set,
                Err(p) => {
                    problems.extend(p);
                    continue;
                }
            };
            let trust = match Document::trust(&role.trust_policy) {
                Ok(trust) => trust,
                Err(e) => {
                    problems.push(format!("trust policy of role {}: {e}", role.name));
                    continue;
                }
            };
            let principal = Principal::role(&role.arn).known(&role.id, &role.tags);
            nodes.push(Node {
                kind: Entity::Role,
                arn: &role.arn,
                name: &role.name,
                id: &role.id,
                set: set.within(context(now, principal)),
                groups: Vec::new(),
                held: role
                    .attached_policies
                    .iter()
                    .map(|p| p.arn.as_str())
                    .filter(|arn| customer.contains(arn))
                    .collect(),
                trust: Some(trust),
                instance_profiles: !role.instance_profiles.is_empty(),
                credentials: None,
                capable: Vec::new(),
                possible: 0,
                admin: None,
            });
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut analyser = Self {
            auth,
            library,
            by_arn: HashMap::new(),
            by_id: HashMap::new(),
            nodes,
            actions: primitives::actions(),
            action_at: HashMap::new(),
            holders: Vec::new(),
            admin_document: &extras.admin_document,
            versions: &extras.versions,
        };
        analyser.index();
        Ok(analyser)
    }

    /// Capabilities and administrators, each distinct policy set judged once (unless its
    /// conditions name the principal).
    fn index(&mut self) {
        self.action_at = self
            .actions
            .iter()
            .enumerate()
            .map(|(i, a)| (*a, i))
            .collect();
        self.holders = vec![Vec::new(); self.actions.len()];
        type Judged = (Vec<bool>, u64, Option<Support>);
        let mut judged: HashMap<_, Judged> = HashMap::new();
        for at in 0..self.nodes.len() {
            let node = &self.nodes[at];
            let own = node.set.depends_on_principal().then_some(node.arn);
            let key = (node.set.key(), own);
            let (capable, possible, admin) = judged
                .entry(key)
                .or_insert_with(|| {
                    // Capable ignores the boundary: a boundary that lets itself be lifted
                    // does not stop what comes after.
                    let identity = self.variant(&node.set, None, &[], false);
                    let capable: Vec<bool> = self
                        .actions
                        .iter()
                        .map(|a| {
                            !matches!(
                                identity.decide(a, Target::Chosen("")),
                                Decision::Denied { .. } | Decision::NotAllowed { .. }
                            )
                        })
                        .collect();
                    let possible = possible_primitives(&self.action_at, &capable);
                    (capable, possible, admin_of(&node.set).ok())
                })
                .clone();
            self.by_arn.insert(node.arn, at);
            if !node.id.is_empty() {
                self.by_id.insert(node.id, at);
            }
            for (action, _) in capable.iter().enumerate().filter(|(_, can)| **can) {
                self.holders[action].push(at);
            }
            let node = &mut self.nodes[at];
            node.capable = capable;
            node.possible = possible;
            node.admin = admin;
        }
    }

    fn capable(&self, at: usize, action: &str) -> bool {
        match self.action_at.get(action) {
            Some(&i) => self.nodes[at].capable[i],
            None => true,
        }
    }

    /// Could P take every step of the primitive (some alternative of each), on some resource?
    fn could(&self, at: usize, primitive: &Primitive) -> bool {
        primitive
            .actions
            .iter()
            .all(|step| step.iter().any(|a| self.capable(at, a)))
    }

    /// May node `at` call `action` on `target`, with these request keys fixed?
    fn ask(
        &self,
        set: &PolicySet<'p>,
        action: &str,
        target: Target<'_>,
        request: &[(&'static str, Option<&str>)],
    ) -> Result<Support, String> {
        let decision = if request.is_empty() {
            set.decide(action, target)
        } else {
            let mut context = set.context.clone();
            for (key, value) in request {
                context = context.with(key, *value);
            }
            set.clone().within(context).decide(action, target)
        };
        Support::of(decision).map_err(|why| format!("{action}: {why}"))
    }

    fn hop(
        &self,
        from: usize,
        to: &str,
        primitive: &Primitive,
        used: &[&str],
        target: &str,
        support: Support,
    ) -> Hop {
        let via = support.policies();
        let primitive_name = used.join("+");
        let from = self.nodes[from].arn;
        let step = match from == to {
            true => format!("{primitive_name} on {}", last_segment(target)),
            false => format!("{primitive_name} → {}", last_segment(to)),
        };
        Hop {
            from: from.to_string(),
            to: to.to_string(),
            primitive: primitive_name,
            step,
            pathfinding: primitive.id,
            target: target.to_string(),
            via,
            conditions: support.conditions,
            statements: support.statements,
        }
    }

    /// Every step of a primitive asked in turn, each step's alternatives tried in order.
    fn steps<'t>(
        &self,
        set: &PolicySet<'p>,
        primitive: &Primitive,
        target: impl Fn(usize) -> (Target<'t>, Vec<(&'static str, Option<&'t str>)>),
    ) -> Result<(Vec<&'static str>, Support), String> {
        let mut used = Vec::new();
        let mut support = Support::default();
        for (at, step) in primitive.actions.iter().enumerate() {
            let (target, request) = target(at);
            let (action, found) = best(step.iter().map(|action| {
                self.ask(set, action, target, &request)
                    .map(|s| (*action, s))
            }))?;
            used.push(action);
            support = support.and(found);
        }
        Ok((used, support))
    }

    /// P's set with one policy taken out and others put in, and its boundary kept or not.
    fn variant(
        &self,
        set: &PolicySet<'p>,
        remove: Option<&str>,
        add: &[&'p Policy],
        boundary: bool,
    ) -> PolicySet<'p> {
        let mut identity: Vec<&'p Policy> = set
            .identity
            .iter()
            .copied()
            .filter(|p| !matches!((&p.source, remove), (PolicyRef::Managed(a), Some(r)) if a == r))
            .collect();
        identity.extend(add.iter().copied());
        PolicySet {
            identity,
            boundary: if boundary { set.boundary } else { None },
            context: set.context.clone(),
        }
    }

    fn row(&self, family: Family) -> impl Iterator<Item = &'static Primitive> {
        PRIMITIVES.iter().filter(move |p| p.family == family)
    }

    fn prefix(&self, at: usize, kind: &str) -> String {
        let arn = &self.nodes[at].arn;
        let mut parts = arn.splitn(6, ':');
        let partition = parts.nth(1).unwrap_or("aws");
        let account = parts.nth(2).unwrap_or_default();
        format!("arn:{partition}:iam::{account}:{kind}/")
    }

    fn admin_policy_arn(&self, at: usize) -> String {
        let partition = self.nodes[at].arn.split(':').nth(1).unwrap_or("aws");
        format!("arn:{partition}:{ADMINISTRATOR_ACCESS}")
    }

    /// The ways P makes itself an administrator, best first: each a list of hops ending at
    /// P as an administrator (or at a principal P creates).
    fn self_edges(&self, at: usize, why_not: &mut Vec<Blocked>) -> Vec<Edge> {
        let node = &self.nodes[at];
        // Most principals can take none of the primitives that change their own standing.
        if node.possible & *CHANGES_ONESELF == 0 {
            return Vec::new();
        }
        let mut edges = Vec::new();
        let admin_arn = self.admin_policy_arn(at);
        // Lifting P's boundary: a hop of its own, before any write that needs it.
        let lift = node.set.boundary.and_then(|_| {
            let family = Family::LiftBoundary(node.kind);
            let primitive = self.row(family).next()?;
            let request = vec![("iam:permissionsboundary", Some(admin_arn.as_str()))];
            let steps = self.steps(&node.set, primitive, |_| {
                (Target::Arn(self.nodes[at].arn), request.clone())
            });
            match steps {
                Ok((used, support)) => {
                    Some(self.hop(at, node.arn, primitive, &used, node.arn, support))
                }
                Err(why) => {
                    why_not.push(Blocked::new(primitive, node.arn, why));
                    None
                }
            }
        });
        let uncapped = self.variant(&node.set, None, &[], false);
        if let Some(lift) = &lift
            && admin_of(&uncapped).is_ok()
        {
            edges.push(Edge {
                hops: vec![lift.clone()],
            });
        }
        let mut writes: Vec<Write<'p>> = Vec::new();
        let admin_doc = vec![self.admin_document];
        for family in [Family::NewPolicyVersion, Family::SetDefaultVersion] {
            for p in self.row(family).filter(|p| self.could(at, p)) {
                let stored = node.held.iter().any(|arn| self.versions.contains_key(*arn));
                let why = match family {
                    _ if node.held.is_empty() => {
                        "it holds no customer managed policy (of its own or its groups') to change"
                    }
                    Family::SetDefaultVersion if !stored => {
                        "no policy it holds has a stored version besides the default"
                    }
                    _ => continue,
                };
                why_not.push(Blocked::new(p, node.arn, why.into()));
            }
        }
        for arn in &node.held {
            for p in self.row(Family::NewPolicyVersion) {
                writes.push(Write {
                    primitive: p,
                    target: arn.to_string(),
                    policy_arn: None,
                    replaces: Some(arn),
                    adds: admin_doc.clone(),
                });
            }
            for (_, version) in self.versions.get(*arn).into_iter().flatten() {
                for p in self.row(Family::SetDefaultVersion) {
                    writes.push(Write {
                        primitive: p,
                        target: arn.to_string(),
                        policy_arn: None,
                        replaces: Some(arn),
                        adds: vec![version],
                    });
                }
            }
        }
        let own = |entity| match (entity, node.kind) {
            (Entity::Group, _) => node
                .groups
                .iter()
                .map(|&g| self.auth.groups[g].arn.clone())
                .collect(),
            (e, k) if e == k => vec![node.arn.to_string()],
            _ => Vec::new(),
        };
        for entity in [Entity::User, Entity::Group, Entity::Role] {
            for target in own(entity) {
                for p in self.row(Family::AttachToSelf(entity)) {
                    let key = Some(admin_arn.clone());
                    writes.push(Write {
                        primitive: p,
                        target: target.clone(),
                        policy_arn: key,
                        replaces: None,
                        adds: admin_doc.clone(),
                    });
                }
                for p in self.row(Family::PutToSelf(entity)) {
                    writes.push(Write {
                        primitive: p,
                        target: target.clone(),
                        policy_arn: None,
                        replaces: None,
                        adds: admin_doc.clone(),
                    });
                }
            }
        }
        let join = self.row(Family::JoinGroup).next().expect("a join row");
        if node.kind == Entity::User && self.could(at, join) {
            for (g, group) in self.auth.groups.iter().enumerate() {
                if node.groups.contains(&g) {
                    continue;
                }
                let mut policies: Vec<&'p Policy> = Vec::new();
                let managed = group
                    .attached_policies
                    .iter()
                    .map(|p| self.library.managed(&p.arn));
                let inline = self
                    .library
                    .inline(&group.arn)
                    .iter()
                    .map(|p| p.as_ref().map_err(Clone::clone));
                for policy in managed.chain(inline).flatten() {
                    policies.push(policy);
                }
                for p in self.row(Family::JoinGroup) {
                    writes.push(Write {
                        primitive: p,
                        target: group.arn.clone(),
                        policy_arn: None,
                        replaces: None,
                        adds: policies.clone(),
                    });
                }
            }
        }
        for Write {
            primitive,
            target,
            policy_arn,
            replaces: remove,
            adds: add,
        } in writes
        {
            if !self.could(at, primitive) {
                continue;
            }
            let request: Vec<(&'static str, Option<&str>)> = policy_arn
                .as_deref()
                .map(|a| vec![("iam:policyarn", Some(a))])
                .unwrap_or_default();
            for (boundary, first) in [(true, None), (false, lift.as_ref())] {
                if !boundary && first.is_none() {
                    continue;
                }
                let set = if boundary { &node.set } else { &uncapped };
                let lifted = if boundary {
                    ""
                } else {
                    " (its boundary lifted)"
                };
                let (used, support) = match self
                    .steps(set, primitive, |_| (Target::Arn(&target), request.clone()))
                {
                    Ok(found) => found,
                    Err(why) => {
                        why_not.push(Blocked::new(primitive, &target, format!("{why}{lifted}")));
                        continue;
                    }
                };
                let after = self.variant(set, remove, &add, boundary);
                let granted = match admin_of(&after) {
                    Ok(granted) => granted,
                    Err(why) => {
                        let why =
                            format!("allowed, but it would not be an administrator{lifted}: {why}");
                        why_not.push(Blocked::new(primitive, &target, why));
                        continue;
                    }
                };
                let mut hops: Vec<Hop> = first.into_iter().cloned().collect();
                let mut hop = self.hop(at, node.arn, primitive, &used, &target, support);
                hop.conditions.extend(granted.conditions);
                hops.push(hop);
                edges.push(Edge { hops });
                break;
            }
        }
        edges.extend(self.create_principal(at, why_not));
        edges.extend(self.modify_then_become(at, why_not));
        edges.sort_by_key(|e| (!e.definite(), e.hops.len()));
        edges
    }

    /// A new role (or user) of P's making, with an admin policy, that P then becomes. A
    /// new role's trust names P, so assuming it needs no Allow of P's, only no Deny.
    fn create_principal(&self, at: usize, why_not: &mut Vec<Blocked>) -> Vec<Edge> {
        let node = &self.nodes[at];
        let admin_arn = self.admin_policy_arn(at);
        let mut edges = Vec::new();
        for entity in [Entity::Role, Entity::User] {
            let kind = if entity == Entity::Role {
                "role"
            } else {
                "user"
            };
            let prefix = self.prefix(at, kind);
            for primitive in self.row(Family::CreatePrincipal(entity)) {
                let request = vec![
                    ("iam:permissionsboundary", None),
                    ("iam:policyarn", Some(admin_arn.as_str())),
                ];
                let last = primitive.actions.len() - 1;
                let make = Primitive {
                    id: primitive.id,
                    family: primitive.family,
                    actions: &primitive.actions[..last],
                };
                if !self.could(at, &make) {
                    continue;
                }
                let steps = self
                    .steps(&node.set, &make, |_| {
                        (Target::Chosen(&prefix), request.clone())
                    })
                    .and_then(|(mut used, support)| {
                        let become_ = primitive.actions[last][0];
                        let more = match entity {
                            Entity::Role => self.named(at, become_, Target::Chosen(&prefix))?,
                            _ => self.ask(&node.set, become_, Target::Chosen(&prefix), &[])?,
                        };
                        used.push(become_);
                        Ok((used, support.and(more)))
                    });
                let target = format!("{prefix}*");
                if let Err(why) = &steps {
                    why_not.push(Blocked::new(primitive, &target, why.clone()));
                }
                if let Ok((used, support)) = steps {
                    let new = format!("{prefix}(new)");
                    let hop = self.hop(at, &new, primitive, &used, &target, support);
                    edges.push(Edge { hops: vec![hop] });
                }
            }
        }
        edges
    }

    /// P makes another principal Q an administrator and becomes Q in one more hop
    /// (pathfinding's iam-014 to iam-021).
    fn modify_then_become(&self, at: usize, why_not: &mut Vec<Blocked>) -> Vec<Edge> {
        let writes = [
            "iam:AttachRolePolicy",
            "iam:PutRolePolicy",
            "iam:AttachUserPolicy",
            "iam:PutUserPolicy",
        ];
        if !writes.iter().any(|a| self.capable(at, a)) {
            return Vec::new();
        }
        let node = &self.nodes[at];
        let admin_arn = self.admin_policy_arn(at);
        let mut edges = Vec::new();
        // Another user is become only through its keys or password: without a right to
        // either, changing users leads nowhere (a role's trust may name P, so roles stay).
        let becomes_users = [
            "iam:CreateAccessKey",
            "iam:CreateLoginProfile",
            "iam:UpdateLoginProfile",
        ]
        .iter()
        .any(|a| self.capable(at, a));
        for (q, other) in self.nodes.iter().enumerate() {
            if q == at || other.admin.is_some() || (other.kind == Entity::User && !becomes_users) {
                continue;
            }
            for primitive in self.row(Family::ModifyThenBecome(other.kind)) {
                let write = primitive.actions[0][0];
                if !self.capable(at, write) {
                    continue;
                }
                let request = vec![("iam:policyarn", Some(admin_arn.as_str()))];
                let Ok(support) = self.ask(&node.set, write, Target::Arn(other.arn), &request)
                else {
                    continue;
                };
                let after = self.variant(&other.set, None, &[self.admin_document], true);
                let Ok(granted) = admin_of(&after) else {
                    continue;
                };
                let mut become_q = match self.become_(at, q) {
                    Ok(edge) => edge,
                    Err(reasons) => {
                        let reasons: Vec<String> = reasons.into_iter().map(|b| b.why).collect();
                        let why = format!(
                            "may change {} but cannot become it: {}",
                            other.name,
                            reasons.join("; ")
                        );
                        why_not.push(Blocked::new(primitive, other.arn, why));
                        continue;
                    }
                };
                let single = Primitive {
                    id: primitive.id,
                    family: primitive.family,
                    actions: &primitive.actions[..1],
                };
                let mut hop = self.hop(at, node.arn, &single, &[write], other.arn, support);
                hop.conditions.extend(granted.conditions);
                let mut hops = vec![hop];
                hops.append(&mut become_q.hops);
                edges.push(Edge { hops });
                break;
            }
        }
        edges
    }

    /// The best single hop by which P becomes Q (a different user or role).
    fn become_(&self, at: usize, q: usize) -> Result<Edge, Vec<Blocked>> {
        let node = &self.nodes[at];
        let other = &self.nodes[q];
        let mut found: Vec<Edge> = Vec::new();
        let mut blocked: Vec<Blocked> = Vec::new();
        let mut take = |primitive: &Primitive, result: Result<Hop, String>| match result {
            Ok(hop) => found.push(Edge { hops: vec![hop] }),
            Err(why) => blocked.push(Blocked::new(primitive, other.arn, why)),
        };
        match other.kind {
            Entity::User => {
                let known = other.credentials;
                if self.capable(at, "iam:CreateAccessKey") {
                    let two = known.is_some_and(|c| c.keys >= 2);
                    let primitive = self
                        .row(Family::AccessKey)
                        .find(|p| (p.actions.len() > 1) == two)
                        .expect("a row per key count");
                    take(
                        primitive,
                        self.steps(&node.set, primitive, |_| {
                            (Target::Arn(other.arn), Vec::new())
                        })
                        .map(|(used, mut s)| {
                            if known.is_none() {
                                s.conditions
                                    .push(unlisted(other.name, "fewer than two access keys"));
                            }
                            self.hop(at, other.arn, primitive, &used, other.arn, s)
                        }),
                    );
                }
                // A console password: set one (none yet) or change it; both when unknown.
                let existing: &[bool] = match known {
                    Some(c) if c.password => &[true],
                    Some(_) => &[false],
                    None => &[false, true],
                };
                for &existing in existing {
                    let primitive = self
                        .row(Family::LoginProfile { existing })
                        .next()
                        .expect("a login row");
                    if !self.could(at, primitive) {
                        continue;
                    }
                    take(
                        primitive,
                        self.steps(&node.set, primitive, |_| {
                            (Target::Arn(other.arn), Vec::new())
                        })
                        .map(|(mut used, mut s)| {
                            if known.is_none_or(|c| c.mfa) {
                                let deactivate = self.ask(
                                    &node.set,
                                    "iam:DeactivateMFADevice",
                                    Target::Arn(other.arn),
                                    &[],
                                );
                                match (deactivate, known) {
                                    (Ok(more), _) => {
                                        used.push("iam:DeactivateMFADevice");
                                        s = s.and(more);
                                    }
                                    (Err(_), Some(_)) => s.conditions.push(OpenKey {
                                        policy: format!(
                                            "the console sign-in of user {}",
                                            other.name
                                        ),
                                        statement: "its MFA device".into(),
                                        effect: Effect::Allow,
                                        operator: "Bool".into(),
                                        key: "aws:MultiFactorAuthPresent".into(),
                                        values: vec!["true".into()],
                                    }),
                                    (Err(_), None) => s.conditions.push(unlisted(
                                        other.name,
                                        "a console password and no MFA device",
                                    )),
                                }
                            }
                            self.hop(at, other.arn, primitive, &used, other.arn, s)
                        }),
                    );
                }
            }
            Entity::Role => {
                let trust = other.trust.as_ref().expect("a role has a trust policy");
                let primitive = self.row(Family::AssumeRole).next().expect("assume row");
                take(
                    primitive,
                    self.assume(at, q, trust).map(|s| {
                        self.hop(at, other.arn, primitive, &["sts:AssumeRole"], other.arn, s)
                    }),
                );
                if self.capable(at, "iam:UpdateAssumeRolePolicy") {
                    let primitive = self.row(Family::RewriteTrust).next().expect("rewrite row");
                    let rewrite = self
                        .ask(
                            &node.set,
                            "iam:UpdateAssumeRolePolicy",
                            Target::Arn(other.arn),
                            &[],
                        )
                        .and_then(|s| {
                            Ok(s.and(self.named(at, "sts:AssumeRole", Target::Arn(other.arn))?))
                        });
                    take(
                        primitive,
                        rewrite.map(|s| {
                            self.hop(
                                at,
                                other.arn,
                                primitive,
                                &["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"],
                                other.arn,
                                s,
                            )
                        }),
                    );
                }
                if self.capable(at, "iam:PassRole") {
                    for service in trusted_services(trust) {
                        for primitive in PRIMITIVES.iter().filter(|p| {
                            matches!(p.family, Family::Launch { service: s, .. } if s == service)
                        }) {
                            take(primitive, self.launch(at, q, primitive));
                        }
                    }
                }
            }
            Entity::Group => {}
        }
        found.sort_by_key(|e| (!e.definite(), e.hops.len()));
        found.into_iter().next().ok_or(blocked)
    }

    /// P passes role Q to a service and runs code there.
    fn launch(&self, at: usize, q: usize, primitive: &Primitive) -> Result<Hop, String> {
        let Family::Launch {
            service,
            creates,
            assumes,
        } = primitive.family
        else {
            return Err("not a launch".into());
        };
        let node = &self.nodes[at];
        let other = &self.nodes[q];
        let request = vec![("iam:passedtoservice", Some(service))];
        let (mut used, mut support) = self.steps(&node.set, primitive, |step| match step {
            0 => (Target::Arn(other.arn), request.clone()),
            _ => (Target::Chosen(creates), Vec::new()),
        })?;
        if service == "ec2.amazonaws.com" && !other.instance_profiles {
            let profiles = self.prefix(at, "instance-profile");
            for action in INSTANCE_PROFILE {
                support =
                    support.and(self.ask(&node.set, action, Target::Chosen(&profiles), &[])?);
                used.push(action);
            }
        }
        if let Some(resource) = assumes {
            support.conditions.push(OpenKey {
                policy: "resources outside the IAM snapshot".into(),
                statement: primitive.id.unwrap_or_default().into(),
                effect: Effect::Allow,
                operator: "Exists".into(),
                key: "resource".into(),
                values: vec![resource.into()],
            });
        }
        Ok(self.hop(at, other.arn, primitive, &used, other.arn, support))
    }

    /// P assumes role Q: Q's trust must admit P; a trust that names the account also needs
    /// P's own Allow, one that names P needs only the absence of P's Deny.
    fn assume(&self, at: usize, q: usize, trust: &Document) -> Result<Support, String> {
        let node = &self.nodes[at];
        let other = &self.nodes[q];
        let account = other.arn.split(':').nth(4).unwrap_or_default();
        let mut named: Option<Support> = None;
        let mut through_account: Option<Support> = None;
        let mut denies = Vec::new();
        let trust_name = format!("trust policy of role {}", other.name);
        for statement in &trust.statements {
            if !statement_takes_assume(statement) {
                continue;
            }
            let Some(principals) = &statement.principals else {
                continue;
            };
            let mut how = None;
            for (kind, value) in &principals.entries {
                if kind != "AWS" && kind != "*" {
                    continue;
                }
                let is_account = value == account
                    || value
                        == &format!(
                            "arn:{}:iam::{account}:root",
                            node.arn.split(':').nth(1).unwrap_or("aws")
                        );
                if value == "*" || value == node.arn || (!node.id.is_empty() && value == node.id) {
                    how = Some(true);
                } else if is_account && how.is_none() {
                    how = Some(false);
                }
            }
            let how = match (principals.negated, how) {
                (false, how) => how,
                // NotPrincipal: everyone it does not name.
                (true, Some(_)) => None,
                (true, None) => Some(true),
            };
            let Some(direct) = how else { continue };
            let mut open = Vec::new();
            let mut voided = false;
            for c in &statement.conditions {
                match decide_condition(c, &node.set.context) {
                    Verdict::Holds => {}
                    Verdict::Fails => voided = true,
                    Verdict::Open => open.push(OpenKey {
                        policy: trust_name.clone(),
                        statement: statement.label.clone(),
                        effect: statement.effect,
                        operator: c.operator.clone(),
                        key: c.key.clone(),
                        values: c.values.clone(),
                    }),
                }
            }
            if voided {
                continue;
            }
            let support = Support {
                statements: vec![(
                    PolicyRef::Trust(other.arn.to_string()),
                    statement.label.clone(),
                )],
                conditions: open,
            };
            match (statement.effect, direct) {
                (Effect::Deny, _) if support.definite() => {
                    return Err(format!(
                        "denied by the {trust_name}, statement {}",
                        statement.label
                    ));
                }
                (Effect::Deny, _) => denies.extend(support.conditions),
                (Effect::Allow, true) => keep_better(&mut named, support),
                (Effect::Allow, false) => keep_better(&mut through_account, support),
            }
        }
        let assume = Target::Arn(other.arn);
        let via_named = named.map(|trusted| {
            self.named(at, "sts:AssumeRole", assume)
                .map(|own| trusted.and(own))
        });
        let via_account = through_account.map(|trusted| {
            Support::of(node.set.decide("sts:AssumeRole", assume))
                .map(|own| trusted.and(own))
                .map_err(|why| format!("the trust names the account, and sts:AssumeRole: {why}"))
        });
        let options: Vec<Result<((), Support), String>> = via_named
            .into_iter()
            .chain(via_account)
            .map(|r| r.map(|s| ((), s)))
            .collect();
        let mut result = match options.is_empty() {
            true => Err(format!("the {trust_name} does not admit it")),
            false => best(options).map(|((), s)| s),
        };
        if let Ok(support) = &mut result {
            for mut deny in denies {
                deny.effect = Effect::Deny;
                support.conditions.push(deny);
            }
        }
        result
    }

    /// An action on a role whose trust names P (after P rewrote it, or made the role): no
    /// Allow of P's is needed, only no Deny; a role's sessions stay capped by its boundary.
    fn named(&self, at: usize, action: &str, target: Target<'_>) -> Result<Support, String> {
        let node = &self.nodes[at];
        let identity = node.set.decide(action, target);
        if let Decision::Denied { .. } = identity {
            return Support::of(identity).map_err(|w| format!("{action}: {w}"));
        }
        // The trust is the Allow: an Allow of its own that holds only under conditions adds
        // nothing (the path must not read as conditional for it); only its Denies' open
        // conditions stay.
        let mut support = Support::of(identity).unwrap_or_default();
        support.statements.clear();
        support.conditions.retain(|c| c.effect == Effect::Deny);
        if node.kind == Entity::Role
            && let Some(boundary) = node.set.boundary
        {
            let capped = PolicySet {
                identity: vec![boundary],
                boundary: None,
                context: node.set.context.clone(),
            };
            let allowed = Support::of(capped.decide(action, target))
                .map_err(|w| format!("{action}: outside its permissions boundary ({w})"))?;
            support = support.and(allowed);
        }
        Ok(support)
    }

    /// The edges into Q: every principal that can become Q in one hop.
    fn edges_into(&self, q: usize) -> Vec<(usize, Edge)> {
        self.candidates(q)
            .into_iter()
            .filter(|&p| p != q)
            .filter_map(|p| self.become_(p, q).ok().map(|e| (p, e)))
            .collect()
    }

    /// The principals that may be able to become Q: named by its trust, or whose policies
    /// allow one of the primitives that reach it on some resource.
    fn candidates(&self, q: usize) -> Vec<usize> {
        let other = &self.nodes[q];
        let mut candidates: Vec<usize> = Vec::new();
        let mut wants: Vec<&str> = match other.kind {
            Entity::User => vec![
                "iam:CreateAccessKey",
                "iam:CreateLoginProfile",
                "iam:UpdateLoginProfile",
            ],
            _ => vec!["iam:UpdateAssumeRolePolicy"],
        };
        if let Some(trust) = &other.trust {
            if !trusted_services(trust).is_empty() {
                wants.push("iam:PassRole");
            }
            let account = other.arn.split(':').nth(4).unwrap_or_default();
            // Named principals may assume without an Allow of their own; a trust of the
            // account admits those whose own policies allow it.
            for statement in trust
                .statements
                .iter()
                .filter(|s| statement_takes_assume(s))
            {
                let Some(principals) = &statement.principals else {
                    continue;
                };
                for (kind, value) in &principals.entries {
                    if kind == "*" || value == "*" || principals.negated {
                        candidates.extend(0..self.nodes.len());
                    } else if value == account || value.ends_with(&format!(":{account}:root")) {
                        wants.push("sts:AssumeRole");
                    } else if let Some(&n) = self
                        .by_arn
                        .get(value.as_str())
                        .or_else(|| self.by_id.get(value.as_str()))
                    {
                        candidates.push(n);
                    }
                }
            }
        }
        for action in wants {
            match self.action_at.get(action) {
                Some(&i) => candidates.extend(&self.holders[i]),
                None => candidates.extend(0..self.nodes.len()),
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
    }

    /// The search: shortest paths (in hops) to the administrators, definite edges first.
    pub fn run(&self) -> Analysis {
        let n = self.nodes.len();
        let self_edges: Vec<Vec<Edge>> = (0..n)
            .map(|at| {
                if self.nodes[at].admin.as_ref().is_some_and(Support::definite) {
                    Vec::new()
                } else {
                    self.self_edges(at, &mut Vec::new())
                }
            })
            .collect();
        let mut into: HashMap<usize, Vec<(usize, Edge)>> = HashMap::new();
        let mut results: Vec<Option<Found>> = vec![None; n];
        for definite in [true, false] {
            // dist, and how each node goes on: (edge index into its self edges) or (next node, edge).
            let mut dist: Vec<Option<usize>> = vec![None; n];
            let mut next: Vec<Option<Step>> = (0..n).map(|_| None).collect();
            let mut heap = BinaryHeap::new();
            for at in 0..n {
                let node = &self.nodes[at];
                if let Some(admin) = &node.admin
                    && (admin.definite() || !definite)
                {
                    dist[at] = Some(0);
                    next[at] = Some(Step::Sink);
                    heap.push(Reverse((0, at)));
                    continue;
                }
                if let Some((i, edge)) = self_edges[at]
                    .iter()
                    .enumerate()
                    .find(|(_, e)| e.definite() || !definite)
                {
                    dist[at] = Some(edge.hops.len());
                    next[at] = Some(Step::Own(i));
                    heap.push(Reverse((edge.hops.len(), at)));
                }
            }
            while let Some(Reverse((d, q))) = heap.pop() {
                if dist[q] != Some(d) {
                    continue;
                }
                let edges = into.entry(q).or_insert_with(|| self.edges_into(q));
                for (i, (p, edge)) in edges.iter().enumerate() {
                    if definite && !edge.definite() {
                        continue;
                    }
                    let nd = d + edge.hops.len();
                    if dist[*p].is_none_or(|old| nd < old) {
                        dist[*p] = Some(nd);
                        next[*p] = Some(Step::Through(q, i));
                        heap.push(Reverse((nd, *p)));
                    }
                }
            }
            for at in 0..n {
                if results[at].is_some() || dist[at].is_none_or(|d| d == 0) {
                    continue;
                }
                let mut path = Vec::new();
                let mut here = at;
                let mut sink_conditions = Vec::new();
                let mut existing = None;
                loop {
                    match next[here]
                        .as_ref()
                        .expect("a reached node knows its next step")
                    {
                        Step::Sink => {
                            let admin = self.nodes[here].admin.as_ref().expect("a sink");
                            sink_conditions = admin.conditions.clone();
                            existing = Some(self.nodes[here].arn.to_string());
                            break;
                        }
                        Step::Own(i) => {
                            path.extend(self_edges[here][*i].hops.iter().cloned());
                            break;
                        }
                        Step::Through(q, i) => {
                            let edge = &into[q][*i].1;
                            path.extend(edge.hops.iter().cloned());
                            here = *q;
                        }
                    }
                }
                let mut conditions: Vec<OpenKey> =
                    path.iter().flat_map(|h| h.conditions.clone()).collect();
                conditions.extend(sink_conditions);
                conditions.sort();
                conditions.dedup();
                let certainty = if conditions.is_empty() {
                    Certainty::Definite
                } else {
                    Certainty::Conditional
                };
                results[at] = Some((certainty, path, conditions, existing));
            }
        }
        let mut analysis = Analysis {
            principals: n,
            administrators: self
                .nodes
                .iter()
                .filter(|n| n.admin.as_ref().is_some_and(Support::definite))
                .count(),
            ..Analysis::default()
        };
        analysis.unnamed_administrators = self.unnamed_administrators();
        for (at, result) in results.into_iter().enumerate() {
            let node = &self.nodes[at];
            match result {
                Some((certainty, path, conditions, existing_admin)) => {
                    analysis.escalations.push(Escalation {
                        existing_admin,
                        kind: node.kind,
                        arn: node.arn.to_string(),
                        name: node.name.to_string(),
                        certainty,
                        path,
                        conditions,
                    })
                }
                None if node.admin.is_none() => analysis.needs.extend(self.needs(at)),
                None => {}
            }
        }
        analysis
    }

    /// The administrators none of whose policies alone allows every action on every
    /// resource (as the policy checks judge one policy: by the run's clock only).
    fn unnamed_administrators(&self) -> Vec<Administrator> {
        let mut alone: HashMap<*const Policy, bool> = HashMap::new();
        let mut found = Vec::new();
        for node in &self.nodes {
            let Some(support) = &node.admin else {
                continue;
            };
            let clock = Context {
                now: node.set.context.now,
                ..Context::default()
            };
            let named = node.set.identity.iter().any(|policy| {
                *alone.entry(*policy as *const Policy).or_insert_with(|| {
                    let set = PolicySet::of(policy).within(clock.clone());
                    set.full_admin().level == AdminLevel::Full
                })
            });
            if named {
                continue;
            }
            found.push(Administrator {
                kind: node.kind,
                arn: node.arn.to_string(),
                name: node.name.to_string(),
                certainty: match support.definite() {
                    true => Certainty::Definite,
                    false => Certainty::Conditional,
                },
                // What it may not do is not kept with the verdict: asked again, for the few.
                left_out: node.set.full_admin().left_out,
                via: support.policies(),
                conditions: support.conditions.clone(),
            });
        }
        found
    }

    /// One principal in full, for `explain --principal`: its shortest path if it has one,
    /// and every primitive it could try that is blocked, with what blocks it.
    /// `who` is a name or an ARN; the error lists the ARNs it names when that is not exactly
    /// one (none, or a user and a role of one name).
    pub fn explain(&self, who: &str) -> Result<Explanation, Vec<String>> {
        let named: Vec<usize> = (0..self.nodes.len())
            .filter(|&at| self.nodes[at].arn == who || self.nodes[at].name == who)
            .collect();
        let [at] = named[..] else {
            return Err(named
                .iter()
                .map(|&at| self.nodes[at].arn.to_string())
                .collect());
        };
        let node = &self.nodes[at];
        let mut blocked = Vec::new();
        if node.admin.is_none() || node.admin.as_ref().is_some_and(|a| !a.definite()) {
            // Every primitive some Allow of the principal names is tried, so that what a
            // Deny or a boundary blocks is said too (the search skips those at once).
            let probe = self.trying_all_it_names(at);
            probe.self_edges(at, &mut blocked);
            for q in (0..probe.nodes.len()).filter(|&q| q != at) {
                if !probe.candidates(q).contains(&at) {
                    continue;
                }
                if let Err(reasons) = probe.become_(at, q) {
                    blocked.extend(reasons);
                }
            }
        }
        let analysis = self.run();
        Ok(Explanation {
            kind: node.kind,
            arn: node.arn.to_string(),
            name: node.name.to_string(),
            administrator: node.admin.as_ref().map(|a| a.conditions.clone()),
            escalation: analysis.escalations.into_iter().find(|e| e.arn == node.arn),
            blocked,
            needs: self.needs(at),
        })
    }

    /// The same analysis, with principal `at` taken as capable of every escalation action an
    /// Allow statement of its own policies names, whatever denies or caps it.
    fn trying_all_it_names(&self, at: usize) -> Self {
        let mut probe = self.clone();
        let node = &self.nodes[at];
        let named: Vec<bool> =
            self.actions
                .iter()
                .zip(&node.capable)
                .map(|(action, capable)| {
                    *capable
                        || node.set.identity.iter().any(|policy| {
                            policy.document.statements.iter().any(|s| {
                                s.effect == Effect::Allow && takes_action(&s.actions, action)
                            })
                        })
                })
                .collect();
        for (i, _) in named
            .iter()
            .enumerate()
            .filter(|(i, n)| **n && !node.capable[*i])
        {
            probe.holders[i].push(at);
        }
        probe.nodes[at].possible = possible_primitives(&self.action_at, &named);
        probe.nodes[at].capable = named;
        probe
    }

    /// Primitives through resources that already exist, which the snapshot does not list.
    fn needs(&self, at: usize) -> Vec<String> {
        let node = &self.nodes[at];
        let mut notes = Vec::new();
        if node.possible & *THROUGH_EXISTING == 0 {
            return notes;
        }
        for primitive in PRIMITIVES {
            let Family::Existing { resource } = primitive.family else {
                continue;
            };
            if !self.could(at, primitive) {
                continue;
            }
            if let Ok((used, _)) = self.steps(&node.set, primitive, |_| {
                (Target::Chosen("arn:"), Vec::new())
            }) {
                let kind = if node.kind == Entity::User {
                    "user"
                } else {
                    "role"
                };
                notes.push(format!(
                    "{kind} {} may run code as the roles of existing {resource} ({}, pathfinding {}): which exist is not in the IAM snapshot",
                    node.name,
                    used.join("+"),
                    primitive.id.unwrap_or("-")
                ));
            }
        }
        notes
    }
}

/// A write that would leave P with more: what it takes, on what, with which `iam:PolicyARN`,
/// and the policy it replaces (a new version) or the ones it adds.
struct Write<'p> {
    primitive: &'static Primitive,
    target: String,
    policy_arn: Option<String>,
    replaces: Option<&'p str>,
    adds: Vec<&'p Policy>,
}

/// A principal's shortest path: its certainty, hops, open conditions and the existing
/// administrator it ends at (if it ends at one).
type Found = (Certainty, Vec<Hop>, Vec<OpenKey>, Option<String>);

/// An explanation for people: who, its path hop by hop, then what blocks each other way.
pub fn explanation_lines(explanation: &Explanation) -> Vec<String> {
    let kind = match explanation.kind {
        Entity::User => "user",
        _ => "role",
    };
    let mut lines = vec![format!("{kind} {} ({})", explanation.name, explanation.arn)];
    match (&explanation.administrator, &explanation.escalation) {
        (Some(open), _) if open.is_empty() => {
            lines.push("Already an administrator (every action allowed).".into())
        }
        (Some(open), _) => lines.push(format!(
            "An administrator only under conditions ({}).",
            open.iter()
                .map(|c| c.key.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        (None, None) => lines.push("Cannot become an administrator.".into()),
        _ => {}
    }
    if let Some(escalation) = &explanation.escalation {
        let steps = escalation.path.len();
        lines.push(format!(
            "Can become an administrator in {steps} step{} ({}):",
            if steps == 1 { "" } else { "s" },
            escalation.certainty.as_str()
        ));
        for (n, hop) in escalation.path.iter().enumerate() {
            let via: Vec<String> = hop.via.iter().map(ToString::to_string).collect();
            lines.push(format!(
                "  {}. {} [{}] allowed by {}",
                n + 1,
                hop.step,
                hop.pathfinding.unwrap_or("-"),
                via.join(", ")
            ));
            for c in &hop.conditions {
                lines.push(format!(
                    "     only if {} {} {:?} ({} {})",
                    c.operator, c.key, c.values, c.policy, c.statement
                ));
            }
        }
    }
    if !explanation.blocked.is_empty() {
        lines.push("Blocked:".into());
        for blocked in &explanation.blocked {
            lines.push(format!(
                "  {} on {}: {}",
                blocked.primitive,
                last_segment(&blocked.target),
                blocked.why
            ));
        }
    }
    for need in &explanation.needs {
        lines.push(format!("Not decided here: {need}"));
    }
    lines.push("SCPs and resource policies are not evaluated.".into());
    lines
}

enum Step {
    Sink,
    Own(usize),
    Through(usize, usize),
}

/// The last segment of an ARN: a principal's or policy's name.
pub fn last_segment(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

/// Which rows of `PRIMITIVES` a principal may take at all, given the actions it may call.
fn possible_primitives(action_at: &HashMap<&'static str, usize>, capable: &[bool]) -> u64 {
    let can = |action: &str| action_at.get(action).is_none_or(|&i| capable[i]);
    PRIMITIVES
        .iter()
        .enumerate()
        .filter(|(_, p)| p.actions.iter().all(|step| step.iter().any(|a| can(a))))
        .fold(0, |mask, (row, _)| mask | 1 << row)
}

/// The rows that change what a principal itself holds, and those through resources that
/// already exist: masks worked out once.
static CHANGES_ONESELF: LazyLock<u64> = LazyLock::new(|| rows_where(Family::changes_oneself));
static THROUGH_EXISTING: LazyLock<u64> =
    LazyLock::new(|| rows_where(|f| matches!(f, Family::Existing { .. })));

/// The rows of `PRIMITIVES` whose family is so, as a mask.
fn rows_where(wanted: impl Fn(Family) -> bool) -> u64 {
    PRIMITIVES
        .iter()
        .enumerate()
        .filter(|(_, p)| wanted(p.family))
        .fold(0, |mask, (row, _)| mask | 1 << row)
}

fn context(now: OffsetDateTime, principal: Principal) -> Context {
    Context {
        now: Some(now),
        principal: Some(principal),
        request: Vec::new(),
    }
}

fn keep_better(slot: &mut Option<Support>, support: Support) {
    if slot
        .as_ref()
        .is_none_or(|s| !s.definite() && support.definite())
    {
        *slot = Some(support);
    }
}

fn statement_takes_assume(statement: &Statement) -> bool {
    takes_action(&statement.actions, "sts:AssumeRole")
}

/// The service principals a role's trust lets assume it (`lambda.amazonaws.com`...).
fn trusted_services(trust: &Document) -> Vec<&str> {
    let mut services = Vec::new();
    for statement in &trust.statements {
        if statement.effect != Effect::Allow || !statement_takes_assume(statement) {
            continue;
        }
        for (kind, value) in statement.principals.iter().flat_map(|p| &p.entries) {
            if kind == "Service" && !services.contains(&value.as_str()) {
                services.push(value.as_str());
            }
        }
    }
    services
}

/// Is this set an administrator: every action allowed (a Deny of a few actions outside the
/// IAM and STS write plane does not demote it)? `Err` says why not.
fn admin_of(set: &PolicySet<'_>) -> Result<Support, String> {
    let admin = set.full_admin();
    match admin.level {
        _ if admin.is_administrator() => Ok(Support::new(&admin.via, &admin.conditions)),
        AdminLevel::Limited => Err("not every action".into()),
        _ => Err(format!("allows all but {}", admin.left_out.join(", "))),
    }
}

#[cfg(test)]
mod tests;
