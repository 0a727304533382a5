//! What a principal can make of itself before it moves on: the states it reaches by
//! changes that add rights (joining a group, making a stored version the default, lifting
//! its own boundary) or take a Deny away (detaching or deleting the policy that holds it,
//! leaving the group that does). Each state is a node of its own, reached from the one
//! before by a hop, so the search takes the next hop (assuming a role, passing one,
//! writing a policy) from what the principal holds after the change: the fixpoint of its
//! changes, not only the ones that make it an administrator at once.

use std::collections::{HashSet, VecDeque};
use std::sync::LazyLock;

use crate::model::is_aws_managed_arn;
use crate::policy::document::{Effect, Statement};
use crate::policy::evaluate::{Decision, Target, takes_action};
use crate::policy::{Policy, PolicyRef, PolicySet};

use super::graph::*;
use super::node::{Node, Origin};
use super::path::Hop;
use super::primitives::{Entity, Family, Primitive};
use super::support::Support;

/// The most states kept per principal, nearest first (a principal that may join any of
/// 300 groups has 300 states one change away, and their combinations beyond).
pub(super) const MOST_STATES: usize = 256;

/// The rows that change what a principal holds without a write of an admin document.
static ACCRUES: LazyLock<u128> = LazyLock::new(|| {
    rows_where(|f| {
        matches!(
            f,
            Family::JoinGroup
                | Family::SetDefaultVersion
                | Family::ShedDeny(_)
                | Family::LiftBoundary(_)
        )
    })
});

/// One change a principal may make to itself: the hop, the node after it, and what it
/// takes away (Deny statements, or the boundary).
struct Change<'p> {
    hop: Hop,
    after: Node<'p>,
    removed: Removed<'p>,
}

enum Removed<'p> {
    Nothing,
    Denies(Vec<&'p Statement>),
    Boundary(&'p Policy),
}

impl<'p> Analyser<'p> {
    /// Every principal's states, breadth first, each distinct policy set once, kept when
    /// it gains an escalation action (or a wider one) over the state it comes from.
    pub(super) fn add_changed_states(&mut self) {
        let mut added: Vec<Node<'p>> = Vec::new();
        for at in 0..self.base {
            let node = &self.nodes[at];
            if node.admin.is_some() || node.service_linked || node.possible & *ACCRUES == 0 {
                continue;
            }
            // Nothing beats a definite path of one hop.
            let best = self.best_self_edges(at);
            if best.iter().any(|e| e.definite() && e.hops.len() == 1) {
                continue;
            }
            let mut seen = HashSet::from([node.set.key()]);
            let mut queue = VecDeque::from([at]);
            let mut kept = 0;
            while let Some(from) = queue.pop_front() {
                let state = match from < self.base {
                    true => self.nodes[from].clone(),
                    false => added[from - self.base].clone(),
                };
                if state.admin.is_some() {
                    continue;
                }
                for Change {
                    mut hop,
                    mut after,
                    removed,
                } in self.changes(at, &state)
                {
                    if kept == MOST_STATES || !seen.insert(after.set.key()) {
                        continue;
                    }
                    after.judged(self.judge(&after.set));
                    hop.gains = self.gains(&state, &after, &removed);
                    if hop.gains.is_empty() {
                        continue;
                    }
                    after.origin = Some(Origin {
                        principal: at,
                        parent: from,
                        hop,
                    });
                    let index = self.base + added.len();
                    added.push(after);
                    self.variants[at].push(index);
                    queue.push_back(index);
                    kept += 1;
                }
            }
        }
        self.nodes.extend(added);
    }

    /// The changes principal `at`, in `state`, may make to itself.
    fn changes(&self, at: usize, state: &Node<'p>) -> Vec<Change<'p>> {
        let mut changes = self.joins(at, state);
        changes.extend(self.versions_made_default(at, state));
        changes.extend(self.denies_shed(at, state));
        changes.extend(self.boundary_lifted(at, state));
        changes
    }

    /// May the state call `action` on `target` (its Allows name it, nothing denies it)?
    fn may(
        &self,
        state: &Node<'p>,
        action: &str,
        target: &str,
        request: &[(&'static str, Option<&str>)],
    ) -> Option<Support> {
        let i = *self.action_at.get(action)?;
        if !state.capable[i] || !state.reach[i].covers(target) {
            return None;
        }
        self.ask(&state.set, action, Target::Arn(target), request)
            .ok()
    }

    fn change(
        &self,
        at: usize,
        primitive: &Primitive,
        (action, target): (&'static str, &str),
        support: Support,
        after: Node<'p>,
        removed: Removed<'p>,
    ) -> Change<'p> {
        let arn = self.nodes[at].arn;
        Change {
            hop: self.hop(at, arn, primitive, &[action], target, support),
            after,
            removed,
        }
    }

    /// A user joining a group it is not in.
    fn joins(&self, at: usize, state: &Node<'p>) -> Vec<Change<'p>> {
        let mut changes = Vec::new();
        if state.kind != Entity::User {
            return changes;
        }
        let join = self.row(Family::JoinGroup).next().expect("a join row");
        for (g, group) in self.auth.groups.iter().enumerate() {
            if state.groups.contains(&g) {
                continue;
            }
            let Some(support) = self.may(state, "iam:AddUserToGroup", &group.arn, &[]) else {
                continue;
            };
            let mut after = state.clone();
            after.set = self.variant(&state.set, None, &self.group_policies(g), true);
            after.groups.push(g);
            after.held.extend(
                group
                    .attached_policies
                    .iter()
                    .map(|p| p.arn.as_str())
                    .filter(|arn| !is_aws_managed_arn(arn)),
            );
            let action = ("iam:AddUserToGroup", group.arn.as_str());
            changes.push(self.change(at, join, action, support, after, Removed::Nothing));
        }
        changes
    }

    /// A stored version of a policy it holds made the default (once per policy).
    fn versions_made_default(&self, at: usize, state: &Node<'p>) -> Vec<Change<'p>> {
        let mut changes = Vec::new();
        let row = self.row(Family::SetDefaultVersion).next().expect("a row");
        for &arn in &state.held {
            let Some(stored) = self.versions.get(arn) else {
                continue;
            };
            let Some(support) = self.may(state, "iam:SetDefaultPolicyVersion", arn, &[]) else {
                continue;
            };
            for (_, version) in stored {
                let mut after = state.clone();
                after.set = self.variant(&state.set, Some(arn), &[version], true);
                after.held.retain(|h| *h != arn);
                let action = ("iam:SetDefaultPolicyVersion", arn);
                changes.push(self.change(
                    at,
                    row,
                    action,
                    support.clone(),
                    after,
                    Removed::Nothing,
                ));
            }
        }
        changes
    }

    /// A policy that denies it an escalation action detached or deleted (from itself or
    /// from its group), or the group that holds one left.
    fn denies_shed(&self, at: usize, state: &Node<'p>) -> Vec<Change<'p>> {
        let mut changes = Vec::new();
        let own = self.row(Family::ShedDeny(state.kind)).next();
        let from_group = self
            .row(Family::ShedDeny(Entity::Group))
            .next()
            .expect("a row");
        let groups: Vec<(usize, Vec<&'p Policy>)> = state
            .groups
            .iter()
            .map(|&g| (g, self.group_policies(g)))
            .collect();
        let mut seen: Vec<*const Policy> = Vec::new();
        for &policy in &state.set.identity {
            let denies = self.escalation_denies(policy);
            if denies.is_empty() || seen.contains(&(policy as *const Policy)) {
                continue;
            }
            seen.push(policy);
            let (detach, delete) = match state.kind {
                Entity::User => ("iam:DetachUserPolicy", "iam:DeleteUserPolicy"),
                _ => ("iam:DetachRolePolicy", "iam:DeleteRolePolicy"),
            };
            let (mine, request): (&'static str, Vec<_>) = match &policy.source {
                PolicyRef::Managed(arn) => (detach, vec![("iam:policyarn", Some(arn.as_str()))]),
                _ => (delete, Vec::new()),
            };
            let held_by_me = match &policy.source {
                PolicyRef::Managed(arn) => state.direct.contains(&arn.as_str()),
                PolicyRef::Inline { owner, .. } => owner == state.arn,
                PolicyRef::Trust(_) => false,
            };
            let mut after = state.clone();
            after.set = without(&state.set, &[policy]);
            if let PolicyRef::Managed(arn) = &policy.source {
                after.held.retain(|held| held != arn);
                after.direct.retain(|held| held != arn);
            }
            if held_by_me
                && let Some(row) = own
                && let Some(support) = self.may(state, mine, state.arn, &request)
            {
                let removed = Removed::Denies(denies.clone());
                let action = (mine, state.arn);
                changes.push(self.change(at, row, action, support, after.clone(), removed));
            }
            for (g, policies) in &groups {
                if !policies.iter().any(|p| std::ptr::eq(*p, policy)) {
                    continue;
                }
                let group = &self.auth.groups[*g].arn;
                let action = match policy.source {
                    PolicyRef::Managed(_) => "iam:DetachGroupPolicy",
                    _ => "iam:DeleteGroupPolicy",
                };
                if let Some(support) = self.may(state, action, group, &request) {
                    let removed = Removed::Denies(denies.clone());
                    let step = (action, group.as_str());
                    changes.push(self.change(
                        at,
                        from_group,
                        step,
                        support,
                        after.clone(),
                        removed,
                    ));
                }
            }
        }
        // Leaving a group that denies something takes all its policies away.
        for (g, policies) in groups {
            let denies: Vec<&'p Statement> = policies
                .iter()
                .flat_map(|p| self.escalation_denies(p))
                .collect();
            let group = &self.auth.groups[g];
            if denies.is_empty() {
                continue;
            }
            let Some(support) = self.may(state, "iam:RemoveUserFromGroup", &group.arn, &[]) else {
                continue;
            };
            let mut after = state.clone();
            after.set = without(&state.set, &policies);
            after.groups.retain(|&other| other != g);
            let direct = &state.direct;
            after.held.retain(|arn| {
                direct.contains(arn) || !group.attached_policies.iter().any(|p| p.arn == *arn)
            });
            let action = ("iam:RemoveUserFromGroup", group.arn.as_str());
            let removed = Removed::Denies(denies);
            changes.push(self.change(at, from_group, action, support, after, removed));
        }
        changes
    }

    /// Its own boundary deleted (or replaced by the administrator policy).
    fn boundary_lifted(&self, at: usize, state: &Node<'p>) -> Option<Change<'p>> {
        let boundary = state.set.boundary?;
        let row = self.row(Family::LiftBoundary(state.kind)).next()?;
        let admin_arn = self.admin_policy_arn(at);
        let request = vec![("iam:permissionsboundary", Some(admin_arn.as_str()))];
        let (used, support) = self
            .steps(&state.set, row, |_| {
                (Target::Arn(state.arn), request.clone())
            })
            .ok()?;
        let mut after = state.clone();
        after.set = self.variant(&state.set, None, &[], false);
        let arn = self.nodes[at].arn;
        Some(Change {
            hop: self.hop(at, arn, row, &used, arn, support),
            after,
            removed: Removed::Boundary(boundary),
        })
    }

    /// A policy's Deny statements that take an escalation action.
    fn escalation_denies(&self, policy: &'p Policy) -> Vec<&'p Statement> {
        policy
            .document
            .statements
            .iter()
            .filter(|s| s.effect == Effect::Deny)
            .filter(|s| self.actions.iter().any(|a| takes_action(&s.actions, a)))
            .collect()
    }

    /// What the state after a change may do that the one before may not, in words; empty
    /// when nothing (the change is then of no use to an attacker).
    fn gains(&self, before: &Node<'p>, after: &Node<'p>, removed: &Removed<'p>) -> Vec<String> {
        if after.admin.is_some() {
            return vec!["every action (an administrator)".into()];
        }
        let mut gains = Vec::new();
        for (i, action) in self.actions.iter().enumerate() {
            if !after.capable[i] {
                continue;
            }
            let unblocked = match removed {
                Removed::Nothing => false,
                Removed::Denies(denies) => denies.iter().any(|s| takes_action(&s.actions, action)),
                Removed::Boundary(boundary) => {
                    let capped = PolicySet {
                        identity: vec![*boundary],
                        boundary: None,
                        context: before.set.context.clone(),
                    };
                    matches!(
                        capped.decide(action, Target::Chosen("")),
                        Decision::Denied { .. } | Decision::NotAllowed { .. }
                    )
                }
            };
            let gain = match removed {
                Removed::Denies(_) if unblocked => format!("{action} no longer denied"),
                Removed::Boundary(_) if unblocked => format!("{action} beyond its former boundary"),
                _ if !before.capable[i] => action.to_string(),
                _ if !after.reach[i].within(&before.reach[i]) => {
                    format!("{action} on more resources")
                }
                _ => continue,
            };
            gains.push(gain);
        }
        gains
    }
}

/// The set without these policies (each taken out once, by identity).
fn without<'p>(set: &PolicySet<'p>, gone: &[&'p Policy]) -> PolicySet<'p> {
    let mut identity = set.identity.clone();
    for policy in gone {
        if let Some(at) = identity.iter().position(|p| std::ptr::eq(*p, *policy)) {
            identity.remove(at);
        }
    }
    PolicySet {
        identity,
        boundary: set.boundary,
        context: set.context.clone(),
    }
}
