//! The graph the search walks: every user and role as a node with its policy set, boundary,
//! trust and credentials, reduced to the escalation actions it may call at all; and the
//! questions the search asks of the evaluator about one hop.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;
use std::sync::LazyLock;

use time::OffsetDateTime;

use super::node::*;
use super::path::*;
use super::primitives::{self, Family, PRIMITIVES, Primitive};
use super::reach::Reach;
use super::support::*;
use crate::credentials::CredentialReport;
use crate::model::{Authorization, CustomerPolicy};
use crate::policy::document::{Effect, Statement};
use crate::policy::evaluate::{Decision, Target, takes_action, with_variables};
use crate::policy::resource_matches;
use crate::policy::{Document, Library, Policy, PolicyRef, PolicySet};

/// The AWS managed policy an attacker attaches (it exists in every account).
pub(super) const ADMINISTRATOR_ACCESS: &str = "iam::aws:policy/AdministratorAccess";

/// The search over one input, its documents parsed once: [`Analyser::run`] finds every path, [`Analyser::explain`] one principal's.
#[derive(Clone)]
pub struct Analyser<'p> {
    pub(super) auth: &'p Authorization,
    pub(super) library: &'p Library,
    pub(super) nodes: Vec<Node<'p>>,
    pub(super) actions: Vec<&'static str>,
    pub(super) action_at: HashMap<&'static str, usize>,
    /// By action (as in `actions`): the principals whose policies may call it at all.
    pub(super) holders: Vec<Vec<usize>>,
    /// By action: the same holders indexed by the resources their Allow statements name.
    pub(super) by_resource: Vec<ByResource>,
    /// The administrator document an attacker writes (a new version, an inline policy).
    pub(super) admin_document: &'p Policy,
    /// Stored non-default versions by policy ARN, parsed.
    pub(super) versions: &'p BTreeMap<String, Vec<(String, Policy)>>,
    pub(super) by_arn: HashMap<&'p str, usize>,
    pub(super) by_id: HashMap<&'p str, usize>,
    /// Whether a set of policies makes an administrator, judged once per distinct set (and
    /// principal, where its conditions name one): the writes of every principal that may
    /// change others ask it of the same few sets again and again.
    admins: RefCell<HashMap<AdminKey, Result<Support, String>>>,
    /// By node: its best self edges, once asked (the closure asks before the search does).
    pub(super) best_self: RefCell<HashMap<usize, Vec<Edge>>>,
    /// By resource pattern of an Allow statement (its variables filled in): the principals it
    /// names.
    named: RefCell<HashMap<String, Rc<[usize]>>>,
    /// Nodes below this index are the account's users and roles; from it on, the states
    /// they can change themselves into (`closure`).
    pub(super) base: usize,
    /// By user or role: the nodes of its changed states.
    pub(super) variants: Vec<Vec<usize>>,
    /// By principal: how it may be become (see `ways_into`).
    pub(super) ways: Vec<Ways>,
}

/// How a principal may be become: by everyone (a trust of `*`), by the principals its trust
/// names, and by the holders of these actions (indexes into `actions`).
#[derive(Clone, Default)]
pub(super) struct Ways {
    pub(super) everyone: bool,
    pub(super) named: Vec<usize>,
    pub(super) actions: Vec<usize>,
}

type AdminKey = ((Vec<*const Policy>, Option<*const Policy>), Option<String>);

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
pub(super) struct Extras {
    pub(super) admin_document: Policy,
    pub(super) versions: BTreeMap<String, Vec<(String, Policy)>>,
}

impl Extras {
    pub(super) fn new(auth: &Authorization) -> Self {
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
    pub(super) fn new(
        auth: &'p Authorization,
        library: &'p Library,
        extras: &'p Extras,
        report: Option<&CredentialReport>,
        now: OffsetDateTime,
    ) -> Result<Self, Vec<String>> {
        let mut problems = Vec::new();
        let mut nodes = Vec::new();
        let customer: HashSet<&str> = auth.policies.iter().map(|p| p.arn.as_str()).collect();
        let rows: HashMap<&str, &crate::credentials::CredentialRow> = report
            .into_iter()
            .flat_map(CredentialReport::users)
            .map(|r| (r.arn.as_str(), r))
            .collect();
        for user in &auth.users {
            match Node::user(auth, library, user, &customer, &rows, now) {
                Ok(node) => nodes.push(node),
                Err(p) => problems.extend(p),
            }
        }
        for role in &auth.roles {
            match Node::role(library, role, &customer, now) {
                Ok(node) => nodes.push(node),
                Err(p) => problems.extend(p),
            }
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
            by_resource: Vec::new(),
            admin_document: &extras.admin_document,
            versions: &extras.versions,
            admins: RefCell::default(),
            ways: Vec::new(),
            base: 0,
            variants: Vec::new(),
            named: RefCell::default(),
            best_self: RefCell::default(),
        };
        analyser.index();
        Ok(analyser)
    }

    /// Capabilities and administrators, each distinct policy set judged once (unless its
    /// conditions name the principal); then the states each principal can change itself
    /// into, and the indexes the search reads.
    pub(super) fn index(&mut self) {
        self.action_at = self
            .actions
            .iter()
            .enumerate()
            .map(|(i, a)| (*a, i))
            .collect();
        let mut judged: HashMap<_, Judged<'p>> = HashMap::new();
        for at in 0..self.nodes.len() {
            let node = &self.nodes[at];
            let own = node.set.depends_on_principal().then_some(node.arn);
            let key = (node.set.key(), own);
            let verdict = judged
                .entry(key)
                .or_insert_with(|| self.judge(&node.set))
                .clone();
            self.by_arn.insert(node.arn, at);
            if !node.id.is_empty() {
                self.by_id.insert(node.id, at);
            }
            self.nodes[at].judged(verdict);
        }
        self.base = self.nodes.len();
        self.variants = vec![Vec::new(); self.base];
        self.link();
        self.add_changed_states();
        self.link();
    }

    /// The indexes from what each node may do: holders by action (and by resource), and
    /// the ways into each principal.
    fn link(&mut self) {
        self.holders = vec![Vec::new(); self.actions.len()];
        for at in 0..self.nodes.len() {
            let capable = self.nodes[at].capable.iter().enumerate();
            for (action, _) in capable.filter(|(_, can)| **can) {
                self.holders[action].push(at);
            }
        }
        self.ways = (0..self.nodes.len()).map(|q| self.ways_into(q)).collect();
        self.by_resource = (0..self.actions.len())
            .map(|i| ByResource::new(&self.nodes, &self.holders[i], i))
            .collect();
    }

    /// What a set of policies may do: the escalation actions it may call at all (its
    /// boundary aside: a boundary that lets itself be lifted does not stop what comes
    /// after), the rows it may take, whether it is an administrator, where its Allows reach.
    pub(super) fn judge(&self, set: &PolicySet<'p>) -> Judged<'p> {
        let identity = self.variant(set, None, &[], false);
        let reach: Rc<[Reach<'p>]> = self.actions.iter().map(|a| Reach::of(set, a)).collect();
        // No Allow names the action: not capable, and the evaluator need not be asked.
        let capable: Vec<bool> = self
            .actions
            .iter()
            .zip(reach.iter())
            .map(|(a, reach)| {
                !matches!(reach, Reach::Only(patterns) if patterns.is_empty())
                    && !matches!(
                        identity.decide(a, Target::Chosen("")),
                        Decision::Denied { .. } | Decision::NotAllowed { .. }
                    )
            })
            .collect();
        let possible = possible_primitives(&self.action_at, &capable);
        (capable, possible, self.admin(set).ok(), reach)
    }

    /// The principal a node stands for (itself, or the principal whose changed state it is).
    pub(super) fn base_of(&self, at: usize) -> usize {
        self.nodes[at].origin.as_ref().map_or(at, |o| o.principal)
    }

    /// [`admin_of`], remembered by the set's policies (its context is a node's: the clock and
    /// the principal, which counts only where a condition names it).
    pub(super) fn admin(&self, set: &PolicySet<'p>) -> Result<Support, String> {
        if !set.context.request.is_empty() {
            return admin_of(set);
        }
        let principal = match set.depends_on_principal() {
            true => set.context.principal.as_ref().map(|p| p.arn.clone()),
            false => None,
        };
        let key = (set.key(), principal);
        if let Some(known) = self.admins.borrow().get(&key) {
            return known.clone();
        }
        let judged = admin_of(set);
        self.admins.borrow_mut().insert(key, judged.clone());
        judged
    }

    pub(super) fn capable(&self, at: usize, action: &str) -> bool {
        match self.action_at.get(action) {
            Some(&i) => self.nodes[at].capable[i],
            None => true,
        }
    }

    /// May P's Allow statements name `action` on `arn` at all (what stops it is the
    /// evaluator's to say)? A cheap filter before the evaluator is asked.
    pub(super) fn may_target(&self, at: usize, action: &str, arn: &str) -> bool {
        match self.action_at.get(action) {
            Some(&i) => self.nodes[at].reach[i].covers(arn),
            None => true,
        }
    }

    /// The users and roles P's Allow statements name for `action` (indexes, sorted): each
    /// pattern's principals found once, however many hold it.
    pub(super) fn named_by(&self, at: usize, action: &str) -> Rc<[usize]> {
        let everyone = || (0..self.base).collect::<Rc<[usize]>>();
        let Some(&i) = self.action_at.get(action) else {
            return everyone();
        };
        if !self.nodes[at].capable[i] {
            return Rc::from([]);
        }
        let patterns = match &self.nodes[at].reach[i] {
            Reach::Anywhere => return everyone(),
            Reach::Only(patterns) => patterns,
        };
        let mut named: Vec<usize> = Vec::new();
        for pattern in patterns {
            // A variable is the writer's to fill in; one it has no value for may name anyone.
            let Some(pattern) = filled_in(pattern, &self.nodes[at]) else {
                return everyone();
            };
            let mut cache = self.named.borrow_mut();
            let found = cache.entry(pattern).or_insert_with_key(|pattern| {
                (0..self.base)
                    .filter(|&q| resource_matches(pattern, self.nodes[q].arn))
                    .collect()
            });
            named.extend(found.iter().copied());
        }
        named.sort_unstable();
        named.dedup();
        named.into()
    }

    /// Could P take every step of the primitive (some alternative of each), on some resource?
    pub(super) fn could(&self, at: usize, primitive: &Primitive) -> bool {
        primitive
            .actions
            .iter()
            .all(|step| step.iter().any(|a| self.capable(at, a)))
    }

    /// May node `at` call `action` on `target`, with these request keys fixed?
    pub(super) fn ask(
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

    pub(super) fn hop(
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
            gains: Vec::new(),
        }
    }

    /// Every step of a primitive asked in turn, each step's alternatives tried in order.
    pub(super) fn steps<'t>(
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
    pub(super) fn variant(
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

    pub(super) fn row(&self, family: Family) -> impl Iterator<Item = &'static Primitive> {
        PRIMITIVES.iter().filter(move |p| p.family == family)
    }

    pub(super) fn prefix(&self, at: usize, kind: &str) -> String {
        let arn = &self.nodes[at].arn;
        let mut parts = arn.splitn(6, ':');
        let partition = parts.nth(1).unwrap_or("aws");
        let account = parts.nth(2).unwrap_or_default();
        format!("arn:{partition}:iam::{account}:{kind}/")
    }

    pub(super) fn admin_policy_arn(&self, at: usize) -> String {
        let partition = self.nodes[at].arn.split(':').nth(1).unwrap_or("aws");
        format!("arn:{partition}:{ADMINISTRATOR_ACCESS}")
    }
}

/// A write that would leave P with more: what it takes, on what, with which `iam:PolicyARN`,
/// and the policy it replaces (a new version) or the ones it adds.
pub(super) struct Write<'p> {
    pub(super) primitive: &'static Primitive,
    pub(super) target: String,
    pub(super) policy_arn: Option<String>,
    pub(super) replaces: Option<&'p str>,
    pub(super) adds: Vec<&'p Policy>,
}

/// Which rows of `PRIMITIVES` a principal may take at all, given the actions it may call.
pub(super) fn possible_primitives(
    action_at: &HashMap<&'static str, usize>,
    capable: &[bool],
) -> u128 {
    let can = |action: &str| action_at.get(action).is_none_or(|&i| capable[i]);
    PRIMITIVES
        .iter()
        .enumerate()
        .filter(|(_, p)| p.actions.iter().all(|step| step.iter().any(|a| can(a))))
        .fold(0, |mask, (row, _)| mask | 1 << row)
}

/// The rows that change what a principal itself holds, and those through resources that
/// already exist: masks worked out once.
pub(super) static CHANGES_ONESELF: LazyLock<u128> =
    LazyLock::new(|| rows_where(Family::changes_oneself));

pub(super) static THROUGH_EXISTING: LazyLock<u128> =
    LazyLock::new(|| rows_where(|f| matches!(f, Family::Existing { .. })));

/// The rows of `PRIMITIVES` whose family is so, as a mask.
pub(super) fn rows_where(wanted: impl Fn(Family) -> bool) -> u128 {
    PRIMITIVES
        .iter()
        .enumerate()
        .filter(|(_, p)| wanted(p.family))
        .fold(0, |mask, (row, _)| mask | 1 << row)
}

pub(super) fn statement_takes_assume(statement: &Statement) -> bool {
    takes_action(&statement.actions, "sts:AssumeRole")
}

/// The service principals a role's trust lets assume it (`lambda.amazonaws.com`...).
pub(super) fn trusted_services(trust: &Document) -> Vec<&str> {
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

/// The holders of one action by the resources their Allow statements name: a target's
/// candidates are found by its ARN, never by matching every holder's patterns against it.
#[derive(Clone, Default)]
pub(super) struct ByResource {
    anywhere: Vec<usize>,
    exact: HashMap<String, Vec<usize>>,
    wildcards: Vec<(String, Vec<usize>)>,
}

/// A resource pattern with the principal's own values put in for its policy variables, as
/// the evaluator puts them in; `None` when it holds one the principal has no value for.
fn filled_in(pattern: &str, node: &Node<'_>) -> Option<String> {
    match pattern.contains("${") {
        false => Some(pattern.to_string()),
        true => with_variables(pattern, node.set.context.principal.as_ref()?),
    }
}

impl ByResource {
    fn new(nodes: &[Node<'_>], holders: &[usize], action: usize) -> Self {
        let mut index = Self::default();
        let mut wildcards: HashMap<String, Vec<usize>> = HashMap::new();
        for &p in holders {
            let Reach::Only(patterns) = &nodes[p].reach[action] else {
                index.anywhere.push(p);
                continue;
            };
            for pattern in patterns {
                let Some(pattern) = filled_in(pattern, &nodes[p]) else {
                    index.anywhere.push(p);
                    break;
                };
                let list = match pattern.contains(['*', '?']) {
                    true => wildcards.entry(pattern).or_default(),
                    false => index.exact.entry(pattern).or_default(),
                };
                if list.last() != Some(&p) {
                    list.push(p);
                }
            }
        }
        index.wildcards = wildcards.into_iter().collect();
        index.wildcards.sort_unstable();
        index
    }

    /// The holders whose Allow statements name `arn` (some more than once).
    pub(super) fn each(&self, arn: &str, mut visit: impl FnMut(usize)) {
        self.anywhere.iter().copied().for_each(&mut visit);
        self.exact
            .get(arn)
            .into_iter()
            .flatten()
            .copied()
            .for_each(&mut visit);
        for (pattern, holders) in &self.wildcards {
            if resource_matches(pattern, arn) {
                holders.iter().copied().for_each(&mut visit);
            }
        }
    }
}
