//! The checks that are pure functions of the account model: each takes what it judges and
//! returns an [`Outcome`](crate::verdict::Outcome). The binary reads the account, hands the
//! parts in, and puts the outcomes into its report.

pub mod escalation;
pub mod policies;
