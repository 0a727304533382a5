//! What a check concludes, as data: its status and one-line reason, and a finding per
//! offending resource naming the resource (AWS Security Hub ASFF type, ARN, short name) with
//! the facts its verdict came from. Every report format is derived from these.
//!
//! ```
//! use iam_analysis::verdict::{Finding, Outcome, Resource, ResourceType, Status};
//!
//! let user = Resource::new(ResourceType::AwsIamUser, "arn:aws:iam::111122223333:user/ci", "ci");
//! let finding = Finding::new(user, "user ci has an inline policy").fact("policies", ["deploy"]);
//! let outcome = Outcome::fail("1 user holds its own policies", vec![finding]);
//! assert_eq!(outcome.status, Status::Fail);
//! assert_eq!(outcome.details, ["user ci has an inline policy"]);
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

/// The resource types of AWS Security Hub's finding format (ASFF), `Other` where none fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ResourceType {
    /// The account itself.
    AwsAccount,
    /// An IAM user.
    AwsIamUser,
    /// An IAM group.
    AwsIamGroup,
    /// An IAM role.
    AwsIamRole,
    /// A managed policy.
    AwsIamPolicy,
    /// An access key (named by its owner and slot).
    AwsIamAccessKey,
    /// Anything else (a server certificate, a contact).
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
    /// Its ASFF type.
    #[serde(rename = "type")]
    pub kind: ResourceType,
    /// Its ARN (the owner's for an access key or an inline policy).
    pub arn: String,
    /// Its short name.
    pub name: String,
}

impl Resource {
    /// A resource of this type, ARN and name.
    pub fn new(kind: ResourceType, arn: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            kind,
            arn: arn.into(),
            name: name.into(),
        }
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

/// The values a verdict came from, by name.
pub type Facts = BTreeMap<&'static str, serde_json::Value>;

/// One offending resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The offending resource.
    pub resource: Resource,
    /// One line for people; the check's `details` are these messages.
    pub message: String,
    /// The values the verdict came from, by name.
    #[serde(deserialize_with = "leaked_keys")]
    pub facts: Facts,
}

impl Finding {
    /// A finding about `resource`, with no fact yet.
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

/// What a check concluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Green.
    Pass,
    /// Orange: the account falls short.
    Fail,
    /// The data could not be read: never green.
    Error,
    /// Orange, but covered by an unexpired waiver in the config file. Set by the report;
    /// checks never return it.
    Waived,
}

impl Status {
    /// The mark people see beside the status, wherever they read it (terminal, HTML), so that
    /// status is never told by colour alone.
    pub fn glyph(self) -> &'static str {
        match self {
            Status::Pass => "✔",
            Status::Fail => "⚠",
            Status::Error => "✖",
            Status::Waived => "⊘",
        }
    }
}

/// A check's verdict on one snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Green, orange, or undecided.
    pub status: Status,
    /// One line for the checklist.
    pub reason: String,
    /// One line per finding: the findings' messages.
    pub details: Vec<String>,
    /// One per offending resource (empty when green or undecided).
    pub findings: Vec<Finding>,
}

impl Outcome {
    /// Green, for this reason.
    pub fn pass(reason: impl Into<String>) -> Self {
        Self {
            status: Status::Pass,
            reason: reason.into(),
            details: Vec::new(),
            findings: Vec::new(),
        }
    }

    /// Orange, with the resources that make it so; `details` are their messages.
    pub fn fail(reason: impl Into<String>, findings: Vec<Finding>) -> Self {
        // Orange always names what is orange: consumers key on the findings.
        debug_assert!(!findings.is_empty(), "an orange outcome without findings");
        Self {
            status: Status::Fail,
            reason: reason.into(),
            details: findings.iter().map(|f| f.message.clone()).collect(),
            findings,
        }
    }

    /// Undecided, for this reason (never green).
    pub fn error(reason: impl Into<String>) -> Self {
        Self {
            status: Status::Error,
            reason: reason.into(),
            details: Vec::new(),
            findings: Vec::new(),
        }
    }
}

/// Whole days from `then` to `now` (0 when `then` is in the future).
pub fn days_between(then: time::OffsetDateTime, now: time::OffsetDateTime) -> i64 {
    (now - then).whole_days().max(0)
}

/// `n` with the word that agrees with it: `count(1, "user", "users")` is "1 user".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Facts read back from a report: their names live as long as the process (reports are read
/// once per run), so the report types can hold `&'static str` as the checks write them.
fn leaked_keys<'de, D: Deserializer<'de>>(d: D) -> Result<Facts, D::Error> {
    Ok(BTreeMap::<String, serde_json::Value>::deserialize(d)?
        .into_iter()
        .map(|(k, v)| (&*Box::leak(k.into_boxed_str()), v))
        .collect())
}
