//! Where a principal's Allow statements let it call an action: the resources they name, for
//! finding a target's candidates by its ARN instead of asking the evaluator of every holder.

use crate::policy::PolicySet;
use crate::policy::document::{Effect, Resources};
use crate::policy::evaluate::takes_action;
use crate::policy::resource_matches;

/// Where a principal's Allow statements let it call one action: anywhere (a `*`, a
/// `NotResource`), or only on the resources these patterns match (a pattern with a policy
/// variable matches anything until the principal's values fill it in).
#[derive(Clone, Debug)]
pub(super) enum Reach<'p> {
    Anywhere,
    Only(Vec<&'p str>),
}

impl<'p> Reach<'p> {
    pub(super) fn of(set: &PolicySet<'p>, action: &str) -> Self {
        let mut patterns = Vec::new();
        let allows = set.identity.iter().flat_map(|p| &p.document.statements);
        for statement in allows.filter(|s| s.effect == Effect::Allow) {
            if !takes_action(&statement.actions, action) {
                continue;
            }
            match &statement.resources {
                Resources::NotResource(_) => return Reach::Anywhere,
                Resources::Resource(list) => {
                    for pattern in list {
                        if pattern == "*" {
                            return Reach::Anywhere;
                        }
                        patterns.push(pattern.as_str());
                    }
                }
            }
        }
        Reach::Only(patterns)
    }

    /// Does it name nothing `other` does not (so a change from `other` to it gains nothing)?
    pub(super) fn within(&self, other: &Reach<'_>) -> bool {
        match (self, other) {
            (_, Reach::Anywhere) => true,
            (Reach::Anywhere, Reach::Only(_)) => false,
            (Reach::Only(mine), Reach::Only(theirs)) => mine.iter().all(|p| theirs.contains(p)),
        }
    }

    pub(super) fn covers(&self, arn: &str) -> bool {
        match self {
            Reach::Anywhere => true,
            // A policy variable is the principal's to fill in: it may name anything here.
            Reach::Only(patterns) => patterns
                .iter()
                .any(|p| p.contains("${") || resource_matches(p, arn)),
        }
    }
}
