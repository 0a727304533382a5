//! Who can become an administrator: every user and role, the ways one gains what another
//! holds (the primitives), and one search backwards from the administrators. Pure: it reads
//! the snapshot through the policy evaluator and calls nothing.
//!
//! The search never pairs every principal with every other. Each principal is reduced to
//! the escalation actions it may call at all (its capabilities); the edges into a principal
//! are worked out only when the search reaches it, and only from the principals capable of
//! the primitives that reach it (or named by its trust policy). Definite edges are searched
//! first, then all, so a definite path is never reported as conditional.

mod closure;
pub mod cut;
mod edges;
mod explain;
mod graph;
mod hops;
mod node;
mod path;
pub mod primitives;
mod reach;
mod search;
mod support;

pub use explain::explanation_lines;
pub use graph::{Analyser, Input};
pub use path::{
    Administrator, Analysis, Blocked, Certainty, Escalation, Explanation, Hop, OpenKey,
    last_segment,
};

#[cfg(test)]
mod tests;
