//! The hops a principal takes on itself or makes: changing its own policies, boundary or
//! groups, creating a principal, or changing another one and then becoming it.

use crate::policy::evaluate::{Decision, Target};
use crate::policy::{Policy, PolicySet};

use super::path::*;
use super::primitives::{Entity, Family, Primitive};

use super::graph::*;
use super::support::*;

impl<'p> Analyser<'p> {
    /// The ways P makes itself an administrator, best first: each a list of hops ending at
    /// P as an administrator (or at a principal P creates). Every way is tried, and why each
    /// other fails kept, for `explain`.
    pub(super) fn self_edges(&self, at: usize, why_not: &mut Vec<Blocked>) -> Vec<Edge> {
        self.self_edges_until(at, why_not, false)
    }

    /// The best of [`Self::self_edges`] for the search: the tries stop at the first definite
    /// edge of one hop, which nothing beats (the first in the order `self_edges` sorts).
    pub(super) fn best_self_edges(&self, at: usize) -> Vec<Edge> {
        if let Some(known) = self.best_self.borrow().get(&at) {
            return known.clone();
        }
        let edges = self.self_edges_until(at, &mut Vec::new(), true);
        self.best_self.borrow_mut().insert(at, edges.clone());
        edges
    }

    fn self_edges_until(&self, at: usize, why_not: &mut Vec<Blocked>, shortest: bool) -> Vec<Edge> {
        let node = &self.nodes[at];
        // Most principals can take none of the primitives that change their own standing.
        if node.possible & *CHANGES_ONESELF == 0 {
            return Vec::new();
        }
        let unbeatable =
            |edges: &[Edge]| shortest && edges.iter().any(|e| e.definite() && e.hops.len() == 1);
        let mut edges = Vec::new();
        let admin_arn = self.admin_policy_arn(at);
        // Lifting P's boundary: a hop of its own, before any write that needs it.
        let lift = self.lift_own_boundary(at, &admin_arn, why_not);
        let uncapped = self.variant(&node.set, None, &[], false);
        if let Some(lift) = &lift
            && self.admin(&uncapped).is_ok()
        {
            edges.push(Edge {
                hops: vec![lift.clone()],
            });
        }
        let mut writes = self.version_writes(at, why_not);
        writes.extend(self.own_writes(at, &admin_arn));
        writes.extend(self.join_writes(at));
        for write in writes {
            if unbeatable(&edges) {
                break;
            }
            if let Some(edge) = self.write_edge(at, write, lift.as_ref(), &uncapped, why_not) {
                edges.push(edge);
            }
        }
        if !unbeatable(&edges) {
            edges.extend(self.create_principal(at, why_not));
        }
        if !unbeatable(&edges) {
            edges.extend(self.modify_then_become(at, why_not, shortest));
        }
        edges.sort_by_key(|e| (!e.definite(), e.hops.len()));
        edges
    }

    /// P lifting its own boundary (a hop that only adds permissions), if it may.
    fn lift_own_boundary(
        &self,
        at: usize,
        admin_arn: &str,
        why_not: &mut Vec<Blocked>,
    ) -> Option<Hop> {
        let node = &self.nodes[at];
        node.set.boundary.and_then(|_| {
            let family = Family::LiftBoundary(node.kind);
            let primitive = self.row(family).next()?;
            let request = vec![("iam:permissionsboundary", Some(admin_arn))];
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
        })
    }

    /// New versions of the customer managed policies P holds, and their stored versions made
    /// default; why P cannot where it could call the action.
    fn version_writes(&self, at: usize, why_not: &mut Vec<Blocked>) -> Vec<Write<'p>> {
        let node = &self.nodes[at];
        let admin_doc = vec![self.admin_document];
        let mut writes: Vec<Write<'p>> = Vec::new();
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
        writes
    }

    /// An admin policy attached to or put on P itself or one of its groups.
    fn own_writes(&self, at: usize, admin_arn: &str) -> Vec<Write<'p>> {
        let node = &self.nodes[at];
        let admin_doc = vec![self.admin_document];
        let mut writes = Vec::new();
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
                    let key = Some(admin_arn.to_string());
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
        writes
    }

    /// P (a user) joining a group it is not in, gaining the group's policies.
    fn join_writes(&self, at: usize) -> Vec<Write<'p>> {
        let node = &self.nodes[at];
        let mut writes = Vec::new();
        let join = self.row(Family::JoinGroup).next().expect("a join row");
        if node.kind == Entity::User && self.could(at, join) {
            for (g, group) in self.auth.groups.iter().enumerate() {
                if node.groups.contains(&g) {
                    continue;
                }
                let policies = self.group_policies(g);
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
        writes
    }

    /// Group `g`'s policies (attached and inline) that could be evaluated.
    pub(super) fn group_policies(&self, g: usize) -> Vec<&'p Policy> {
        let group = &self.auth.groups[g];
        let managed = group
            .attached_policies
            .iter()
            .map(|p| self.library.managed(&p.arn));
        let inline = self
            .library
            .inline(&group.arn)
            .iter()
            .map(|p| p.as_ref().map_err(Clone::clone));
        managed.chain(inline).flatten().collect()
    }

    /// The edge one write gives P, under its boundary or, failing that, after lifting it;
    /// `None` (with the reason kept) when neither makes P an administrator.
    fn write_edge(
        &self,
        at: usize,
        write: Write<'p>,
        lift: Option<&Hop>,
        uncapped: &PolicySet<'p>,
        why_not: &mut Vec<Blocked>,
    ) -> Option<Edge> {
        let node = &self.nodes[at];
        let Write {
            primitive,
            target,
            policy_arn,
            replaces: remove,
            adds: add,
        } = write;
        if !self.could(at, primitive) {
            return None;
        }
        let request: Vec<(&'static str, Option<&str>)> = policy_arn
            .as_deref()
            .map(|a| vec![("iam:policyarn", Some(a))])
            .unwrap_or_default();
        for (boundary, first) in [(true, None), (false, lift)] {
            if !boundary && first.is_none() {
                continue;
            }
            let set = if boundary { &node.set } else { uncapped };
            let lifted = if boundary {
                ""
            } else {
                " (its boundary lifted)"
            };
            let (used, support) =
                match self.steps(set, primitive, |_| (Target::Arn(&target), request.clone())) {
                    Ok(found) => found,
                    Err(why) => {
                        why_not.push(Blocked::new(primitive, &target, format!("{why}{lifted}")));
                        continue;
                    }
                };
            let after = self.variant(set, remove, &add, boundary);
            let granted = match self.admin(&after) {
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
            return Some(Edge { hops });
        }
        None
    }

    /// A new role (or user) of P's making, with an admin policy, that P then becomes. A
    /// new role's trust names P, so assuming it needs no Allow of P's, only no Deny.
    pub(super) fn create_principal(&self, at: usize, why_not: &mut Vec<Blocked>) -> Vec<Edge> {
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
    /// (pathfinding's iam-014 to iam-021); with `shortest`, only the first definite way (all
    /// are two hops).
    pub(super) fn modify_then_become(
        &self,
        at: usize,
        why_not: &mut Vec<Blocked>,
        shortest: bool,
    ) -> Vec<Edge> {
        let writes = [
            "iam:AttachRolePolicy",
            "iam:PutRolePolicy",
            "iam:AttachUserPolicy",
            "iam:PutUserPolicy",
            "iam:DeleteRolePermissionsBoundary",
            "iam:DeleteUserPermissionsBoundary",
        ];
        let node = &self.nodes[at];
        // Capable ignores the boundary (it may be lifted first: that is a state of its own);
        // these writes are made under it, so one it blocks on every resource is no write.
        let writes: Vec<&str> = writes
            .into_iter()
            .filter(|a| self.capable(at, a))
            .filter(|a| {
                !matches!(
                    node.set.decide(a, Target::Chosen("")),
                    Decision::Denied { .. } | Decision::NotAllowed { .. }
                )
            })
            .collect();
        if writes.is_empty() {
            return Vec::new();
        }
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
        let mut targets: Vec<usize> = writes
            .iter()
            .flat_map(|write| self.named_by(at, write).to_vec())
            .collect();
        targets.sort_unstable();
        targets.dedup();
        for q in targets {
            let other = &self.nodes[q];
            if q == at
                || other.admin.is_some()
                || other.service_linked
                || (other.kind == Entity::User && !becomes_users)
            {
                continue;
            }
            for primitive in self.row(Family::ModifyThenBecome(other.kind)) {
                let write = primitive.actions[0][0];
                if !writes.contains(&write)
                    || !self.may_target(at, write, other.arn)
                    || !self.may_become(at, q)
                {
                    continue;
                }
                // A boundary deleted leaves Q its own policies; anything else adds the admin one.
                let lifts = write.ends_with("PermissionsBoundary");
                if lifts && other.set.boundary.is_none() {
                    continue;
                }
                let request = match lifts {
                    true => Vec::new(),
                    false => vec![("iam:policyarn", Some(admin_arn.as_str()))],
                };
                let Ok(support) = self.ask(&node.set, write, Target::Arn(other.arn), &request)
                else {
                    continue;
                };
                let after = match lifts {
                    true => self.variant(&other.set, None, &[], false),
                    false => self.variant(&other.set, None, &[self.admin_document], true),
                };
                let Ok(granted) = self.admin(&after) else {
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
                let edge = Edge { hops };
                if shortest && edge.definite() {
                    return vec![edge];
                }
                edges.push(edge);
                break;
            }
        }
        edges
    }
}
