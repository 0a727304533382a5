//! Findings: one per offending resource, each naming the resource as data (AWS Security Hub
//! ASFF resource type, ARN, short name) with the facts its verdict came from. Reasons and
//! `details` of every format are derived from them.

pub use iam_analysis::verdict::{Facts, Finding, Resource, ResourceType};

use crate::snapshot::{CallerIdentity, Snapshot};

/// The partition of the caller's ARN (`aws`, `aws-cn`, `aws-us-gov`).
fn partition_of(identity: &CallerIdentity) -> String {
    identity
        .arn
        .split(':')
        .nth(1)
        .filter(|p| !p.is_empty())
        .unwrap_or("aws")
        .to_string()
}

/// The partition and account id the run read, from the caller's identity.
pub fn account_of(snapshot: &Snapshot) -> (String, String) {
    match &snapshot.identity {
        Ok(identity) => (partition_of(identity), identity.account.clone()),
        Err(_) => ("aws".into(), "unknown".into()),
    }
}

/// The account itself, for account-level items (root, password policy, contacts): its root
/// ARN, named by the account id.
pub fn account_resource(snapshot: &Snapshot) -> Resource {
    let (partition, account) = account_of(snapshot);
    Resource::for_account(&partition, account)
}

/// The account of a known caller (a fix's), as `account_resource` names it.
pub fn identity_resource(identity: &CallerIdentity) -> Resource {
    Resource::for_account(&partition_of(identity), identity.account.clone())
}
