//! One principal explained: its shortest path, what blocked every other attempt, and what
//! the input cannot decide; and those answers as lines for a person.

use crate::policy::document::Effect;
use crate::policy::evaluate::{Target, takes_action};

use super::path::*;
use super::primitives::{Entity, Family, PRIMITIVES};

use super::graph::*;

impl<'p> Analyser<'p> {
    /// One principal in full, for `explain --principal`: its shortest path if it has one,
    /// and every primitive it could try that is blocked, with what blocks it.
    /// `who` is a name or an ARN; the error lists the ARNs it names when that is not exactly
    /// one (none, or a user and a role of one name).
    pub fn explain(&self, who: &str) -> Result<Explanation, Vec<String>> {
        let named: Vec<usize> = (0..self.base)
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
            for q in (0..probe.base).filter(|&q| q != at) {
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
    pub(super) fn trying_all_it_names(&self, at: usize) -> Self {
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
    pub(super) fn needs(&self, at: usize) -> Vec<String> {
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
            if !hop.gains.is_empty() {
                lines.push(format!("     gains {}", hop.gains.join(", ")));
            }
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
