//! The search: backwards from the administrators (Dijkstra on hop counts), edges into a
//! principal worked out only when the search reaches it, definite edges first.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use crate::policy::condition::Context;
use crate::policy::{AdminLevel, Policy, PolicySet};

use super::path::*;
use super::primitives::Entity;

use super::graph::*;
use super::support::*;

/// A principal's shortest path: its certainty, hops, open conditions and the existing
/// administrator it ends at (if it ends at one).
pub(super) type Found = (Certainty, Vec<Hop>, Vec<OpenKey>, Option<String>);

pub(super) enum Step {
    Sink,
    Own(usize),
    Through(usize, Edge),
}

impl<'p> Analyser<'p> {
    /// The principals that may be able to become Q: named by its trust, or whose policies
    /// allow one of the primitives that reach it on some resource (sorted, each once).
    pub(super) fn candidates(&self, q: usize) -> Vec<usize> {
        let mut candidates = Vec::new();
        self.each_candidate(q, false, |_| true, |p| candidates.push(p));
        candidates.sort_unstable();
        candidates.dedup();
        candidates
    }

    /// [`Self::candidates`] as a visit, a principal possibly more than once: a trust of the
    /// account is one class (the holders of `sts:AssumeRole`), never a list built per role.
    /// `exact` leaves out the holders whose Allow statements name the action only on other
    /// resources (the search's filter; `explain` says why those are blocked). `wanted` is
    /// asked first, being the cheaper question.
    fn each_candidate(
        &self,
        q: usize,
        exact: bool,
        wanted: impl Fn(usize) -> bool,
        mut visit: impl FnMut(usize),
    ) {
        let ways = &self.ways[q];
        if ways.everyone {
            return (0..self.nodes.len()).filter(|&p| wanted(p)).for_each(visit);
        }
        ways.named
            .iter()
            .copied()
            .filter(|&p| wanted(p))
            .for_each(&mut visit);
        let arn = self.nodes[q].arn;
        for &i in &ways.actions {
            match exact {
                true => self.by_resource[i].each(arn, |p| {
                    if wanted(p) {
                        visit(p)
                    }
                }),
                false => self.holders[i]
                    .iter()
                    .copied()
                    .filter(|&p| wanted(p))
                    .for_each(&mut visit),
            }
        }
    }

    /// Is P one of Q's candidates (as the search filters them)?
    pub(super) fn may_become(&self, p: usize, q: usize) -> bool {
        let ways = &self.ways[q];
        let arn = self.nodes[q].arn;
        ways.everyone
            || ways.named.contains(&p)
            || ways
                .actions
                .iter()
                .any(|&i| self.nodes[p].capable[i] && self.nodes[p].reach[i].covers(arn))
    }

    /// How principal Q may be become at all: by whom its trust names, and by the holders of
    /// which actions.
    pub(super) fn ways_into(&self, q: usize) -> Ways {
        let other = &self.nodes[q];
        let mut ways = Ways::default();
        // A changed state is reached only from the state before it; a service-linked role
        // by no one but its service.
        if other.origin.is_some() || other.service_linked {
            return ways;
        }
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
                        ways.everyone = true;
                    } else if value == account || value.ends_with(&format!(":{account}:root")) {
                        wants.push("sts:AssumeRole");
                    } else if let Some(&n) = self
                        .by_arn
                        .get(value.as_str())
                        .or_else(|| self.by_id.get(value.as_str()))
                    {
                        ways.named.push(n);
                        ways.named
                            .extend(self.variants.get(n).into_iter().flatten());
                    }
                }
            }
        }
        for action in wants {
            match self.action_at.get(action) {
                Some(&i) => ways.actions.push(i),
                None => ways.everyone = true,
            }
        }
        ways.actions.sort_unstable();
        ways.actions.dedup();
        ways
    }

    /// The search: shortest paths (in hops) to the administrators, definite edges first.
    pub fn run(&self) -> Analysis {
        let self_edges = self.all_best_self_edges();
        // Only the account's users and roles are reported; their changed states are steps.
        let mut results: Vec<Option<Found>> = vec![None; self.base];
        for definite in [true, false] {
            let next = self.search(definite, &self_edges);
            for at in 0..self.base {
                if results[at].is_some() || matches!(next[at], None | Some(Step::Sink)) {
                    continue;
                }
                results[at] = Some(self.path_from(at, &next, &self_edges));
            }
        }
        let mut analysis = Analysis {
            principals: self.base,
            administrators: self.nodes[..self.base]
                .iter()
                .filter(|n| n.admin.as_ref().is_some_and(Support::definite))
                .count(),
            ..Analysis::default()
        };
        analysis.unnamed_administrators = self.unnamed_administrators();
        for (at, result) in results.into_iter().enumerate() {
            let node = &self.nodes[at];
            if node.service_linked {
                analysis.service_linked += 1;
                continue;
            }
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

    /// The users and roles (ARNs) that have some path to an administrator, definite or not:
    /// one pass of the search over all edges, no path written out (what the cut's check
    /// asks of the account without a statement).
    pub fn escalating(&self) -> Vec<&'p str> {
        let self_edges = self.all_best_self_edges();
        let next = self.search(false, &self_edges);
        (0..self.base)
            .filter(|&at| !self.nodes[at].service_linked)
            .filter(|&at| matches!(next[at], Some(Step::Own(_) | Step::Through(..))))
            .map(|at| self.nodes[at].arn)
            .collect()
    }

    /// Every node's best self edges (none for a definite administrator).
    fn all_best_self_edges(&self) -> Vec<Vec<Edge>> {
        (0..self.nodes.len())
            .map(|at| {
                if self.nodes[at].admin.as_ref().is_some_and(Support::definite) {
                    Vec::new()
                } else {
                    self.best_self_edges(at)
                }
            })
            .collect()
    }

    /// One pass of the search (definite edges only, or all): how each principal reached
    /// goes on. Edges into Q are worked out when Q is settled, and only from principals
    /// whose distance they could still shorten; the pass ends once no distance can change,
    /// so a class of principals that all reach one administrator costs one visit each.
    fn search(&self, definite: bool, self_edges: &[Vec<Edge>]) -> Vec<Option<Step>> {
        let n = self.nodes.len();
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
        let mut unreached = dist.iter().filter(|d| d.is_none()).count();
        let mut farthest = dist.iter().flatten().copied().max().unwrap_or(0);
        // Which candidates of the node being settled were visited already (by its index).
        let mut visited: Vec<usize> = vec![usize::MAX; n];
        while let Some(Reverse((d, q))) = heap.pop() {
            if dist[q] != Some(d) {
                continue;
            }
            // Every edge is one hop or more: nothing reached so far can get shorter.
            if unreached == 0 && farthest <= d + 1 {
                break;
            }
            let edges: Vec<(usize, Edge)> = match &self.nodes[q].origin {
                Some(origin) => vec![(
                    origin.parent,
                    Edge {
                        hops: vec![origin.hop.clone()],
                    },
                )],
                None => {
                    let mut improvable = Vec::new();
                    self.each_candidate(
                        q,
                        true,
                        |p| self.base_of(p) != q && dist[p].is_none_or(|old| old > d + 1),
                        |p| {
                            if visited[p] != q {
                                visited[p] = q;
                                improvable.push(p);
                            }
                        },
                    );
                    improvable
                        .into_iter()
                        .filter_map(|p| self.become_(p, q).ok().map(|e| (p, e)))
                        .collect()
                }
            };
            for (p, edge) in edges {
                if definite && !edge.definite() {
                    continue;
                }
                let nd = d + edge.hops.len();
                if dist[p].is_none_or(|old| nd < old) {
                    if dist[p].is_none() {
                        unreached -= 1;
                    }
                    farthest = farthest.max(nd);
                    dist[p] = Some(nd);
                    next[p] = Some(Step::Through(q, edge));
                    heap.push(Reverse((nd, p)));
                }
            }
        }
        next
    }

    /// The path from `at` along the steps the search recorded, its certainty and open
    /// conditions, and the administrator it ends at when that was one already.
    fn path_from(&self, at: usize, next: &[Option<Step>], self_edges: &[Vec<Edge>]) -> Found {
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
                    // A changed state of the principal is no administrator that existed.
                    if self.nodes[here].origin.is_none() {
                        existing = Some(self.nodes[here].arn.to_string());
                    }
                    break;
                }
                Step::Own(i) => {
                    path.extend(self_edges[here][*i].hops.iter().cloned());
                    break;
                }
                Step::Through(q, edge) => {
                    path.extend(edge.hops.iter().cloned());
                    here = *q;
                }
            }
        }
        let mut conditions: Vec<OpenKey> = path.iter().flat_map(|h| h.conditions.clone()).collect();
        conditions.extend(sink_conditions);
        conditions.sort();
        conditions.dedup();
        let certainty = if conditions.is_empty() {
            Certainty::Definite
        } else {
            Certainty::Conditional
        };
        (certainty, path, conditions, existing)
    }

    /// The administrators none of whose policies alone allows every action on every
    /// resource (as the policy checks judge one policy: by the run's clock only).
    pub(super) fn unnamed_administrators(&self) -> Vec<Administrator> {
        let mut alone: HashMap<*const Policy, bool> = HashMap::new();
        let mut found = Vec::new();
        for node in &self.nodes[..self.base] {
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
}
