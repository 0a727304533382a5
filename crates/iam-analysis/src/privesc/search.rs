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
    Through(usize, usize),
}

impl<'p> Analyser<'p> {
    /// The edges into Q: every principal that can become Q in one hop.
    pub(super) fn edges_into(&self, q: usize) -> Vec<(usize, Edge)> {
        self.candidates(q)
            .into_iter()
            .filter(|&p| p != q)
            .filter_map(|p| self.become_(p, q).ok().map(|e| (p, e)))
            .collect()
    }

    /// The principals that may be able to become Q: named by its trust, or whose policies
    /// allow one of the primitives that reach it on some resource.
    pub(super) fn candidates(&self, q: usize) -> Vec<usize> {
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
                results[at] = Some(self.path_from(at, &next, &self_edges, &into));
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

    /// The path from `at` along the steps the search recorded, its certainty and open
    /// conditions, and the administrator it ends at when that was one already.
    fn path_from(
        &self,
        at: usize,
        next: &[Option<Step>],
        self_edges: &[Vec<Edge>],
        into: &HashMap<usize, Vec<(usize, Edge)>>,
    ) -> Found {
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
}
