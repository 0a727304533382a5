//! Findings: one per offending resource, each naming the resource as data (AWS Security Hub
//! ASFF resource type, ARN, short name) with the facts its verdict came from. Reasons and
//! `details` of every format are derived from them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::snapshot::{CallerIdentity, Snapshot};

/// The resource types of AWS Security Hub's finding format (ASFF), `Other` where none fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ResourceType {
    AwsAccount,
    AwsIamUser,
    AwsIamGroup,
    AwsIamRole,
    AwsIamPolicy,
    AwsIamAccessKey,
    Other,
}

impl ResourceType {
    /// The ASFF name, as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            ResourceType::AwsAccount => "AwsAccount",
            ResourceType::AwsIamUser => "AwsIamUser",
            ResourceType::AwsIamGroup => "AwsIamGroup",
            ResourceType::AwsIamRole => "AwsIamRole",
            ResourceType::AwsIamPolicy => "AwsIamPolicy",
            ResourceType::AwsIamAccessKey => "AwsIamAccessKey",
            ResourceType::Other => "Other",
        }
    }
}

/// What a finding is about. Access key slots and inline policies have no ARN of their own:
/// theirs is the owner's, and the name says which one (`alice/access-key-2`,
/// `alice/inline/deploy`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Resource {
    #[serde(rename = "type")]
    pub kind: ResourceType,
    pub arn: String,
    pub name: String,
}

impl Resource {
    pub fn new(kind: ResourceType, arn: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            kind,
            arn: arn.into(),
            name: name.into(),
        }
    }

    /// The account itself, for account-level items (root, password policy, contacts): its
    /// root ARN, named by the account id.
    pub fn account(snapshot: &Snapshot) -> Self {
        let (partition, account) = account_of(snapshot);
        Self::for_account(&partition, account)
    }

    /// The account of a known caller (a fix's), as `account` names it.
    pub fn of_identity(identity: &CallerIdentity) -> Self {
        Self::for_account(&partition_of(identity), identity.account.clone())
    }

    /// An account's own resource: its root ARN, named by its id.
    pub fn for_account(partition: &str, account: String) -> Self {
        Self::new(
            ResourceType::AwsAccount,
            format!("arn:{partition}:iam::{account}:root"),
            account,
        )
    }
}

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

/// The values a verdict came from, by name.
pub type Facts = BTreeMap<&'static str, serde_json::Value>;

/// One offending resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub resource: Resource,
    /// One line for people; the check's `details` are these messages.
    pub message: String,
    /// The values the verdict came from, by name.
    #[serde(deserialize_with = "crate::interned::keys")]
    pub facts: Facts,
}

impl Finding {
    pub fn new(resource: Resource, message: impl Into<String>) -> Self {
        Self {
            resource,
            message: message.into(),
            facts: BTreeMap::new(),
        }
    }

    /// What besides its resource tells this finding apart, in parts: an escalation's start,
    /// administrator, primitives and certainty (one part); each principal that holds an admin
    /// policy (one part each). A finding is new when any of its parts is.
    pub fn route_parts(&self) -> Vec<&str> {
        match self.facts.get("route") {
            Some(serde_json::Value::String(route)) => vec![route.as_str()],
            Some(serde_json::Value::Array(parts)) => {
                parts.iter().filter_map(|v| v.as_str()).collect()
            }
            _ => Vec::new(),
        }
    }

    /// The parts of the route as one text: part of the fingerprint, so a new route is a new
    /// finding.
    pub fn route(&self) -> Option<String> {
        let parts = self.route_parts();
        (!parts.is_empty()).then(|| parts.join("\n"))
    }

    /// Add a fact the verdict came from.
    pub fn fact(mut self, name: &'static str, value: impl Serialize) -> Self {
        self.facts.insert(
            name,
            serde_json::to_value(value).unwrap_or(serde_json::Value::Null),
        );
        self
    }
}
