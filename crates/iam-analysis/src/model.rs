//! The account model: principals and policies shaped like IAM's
//! `GetAccountAuthorizationDetails` (users with their groups, groups, roles with trusts and
//! instance profiles, managed policies with every stored version, boundaries and tags), as
//! plain data. The live read converts the SDK's pages into it; a file that `aws iam
//! get-account-authorization-details` wrote is read into it by [`details`]. Both are
//! validated by the same methods ([`Authorization::incomplete`]).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

pub mod details;

/// A managed policy attached to a user or group.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ManagedPolicy {
    /// The policy's name.
    pub name: String,
    /// The policy's ARN.
    pub arn: String,
}

/// An inline policy with its JSON document (URL-decoded).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct InlinePolicy {
    /// The policy's name, unique for its owner.
    pub name: String,
    /// The policy document, as JSON text.
    pub document: String,
}

/// Where a user's permissions come from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPermissions {
    /// The user's name.
    pub name: String,
    /// The user's ARN.
    pub arn: String,
    /// The unique id (`AIDA...`): trust policies may name a user by it.
    pub id: String,
    /// Tags, as `aws:PrincipalTag/KEY` conditions see them.
    pub tags: Vec<(String, String)>,
    /// The managed policies attached to the user.
    pub attached_policies: Vec<ManagedPolicy>,
    /// The user's inline policies.
    pub inline_policies: Vec<InlinePolicy>,
    /// The names of the groups the user is a member of.
    pub groups: Vec<String>,
    /// The ARN of the managed policy that caps the user's permissions, if any.
    pub permissions_boundary: Option<String>,
}

/// A group and the policies it gives its members.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupPermissions {
    /// The group's name.
    pub name: String,
    /// The group's ARN.
    pub arn: String,
    /// The managed policies attached to the group.
    pub attached_policies: Vec<ManagedPolicy>,
    /// The group's inline policies.
    pub inline_policies: Vec<InlinePolicy>,
}

impl GroupPermissions {
    /// Whether the group gives its members any policy.
    pub fn carries_policy(&self) -> bool {
        !self.attached_policies.is_empty() || !self.inline_policies.is_empty()
    }
}

/// A role: its policies, boundary, trust policy and instance profiles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RolePermissions {
    /// The role's name.
    pub name: String,
    /// The role's ARN.
    pub arn: String,
    /// The unique id (`AROA...`): trust policies may name a role by it.
    pub id: String,
    /// Tags, as `aws:PrincipalTag/KEY` conditions see them.
    pub tags: Vec<(String, String)>,
    /// The role's path (`/`, `/service-role/`, ...).
    pub path: String,
    /// The instance profiles holding the role (by ARN): EC2 can run with it only through one.
    pub instance_profiles: Vec<String>,
    /// The managed policies attached to the role.
    pub attached_policies: Vec<ManagedPolicy>,
    /// The role's inline policies.
    pub inline_policies: Vec<InlinePolicy>,
    /// The ARN of the managed policy that caps the role's permissions, if any.
    pub permissions_boundary: Option<String>,
    /// Who may assume the role: its trust policy (`AssumeRolePolicyDocument`), decoded.
    pub trust_policy: String,
}

/// A managed policy (customer managed, or AWS managed and attached) and its default
/// version's document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerPolicy {
    /// The policy's name.
    pub name: String,
    /// The policy's ARN.
    pub arn: String,
    /// How many users, groups and roles it is attached to.
    pub attachment_count: u32,
    /// The default version's document (`None` when it could not be read).
    pub document: Option<String>,
    /// The stored versions that are not the default, (version id, document): any of them
    /// becomes the policy with one SetDefaultPolicyVersion.
    pub other_versions: Vec<(String, String)>,
}

/// Principals with their policies, from GetAccountAuthorizationDetails. `roles` and
/// `policies` are filled only when the run reads `Source::FullAuthorization`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authorization {
    /// The users.
    pub users: Vec<UserPermissions>,
    /// The groups.
    pub groups: Vec<GroupPermissions>,
    /// The roles.
    pub roles: Vec<RolePermissions>,
    /// The customer managed policies (AWS managed ones are read separately, only those in use).
    pub policies: Vec<CustomerPolicy>,
}

impl Authorization {
    /// Entries that contradict each other: a user, group or role listed twice, a customer
    /// managed policy listed twice. Later copies must never silently replace earlier ones
    /// (the first may hold the admin grant), so each is named and refused.
    pub fn duplicates(&self) -> Vec<String> {
        // IAM names are unique per kind in an account, whatever the path.
        let entries = self
            .users
            .iter()
            .map(|u| ("user", &u.name))
            .chain(self.groups.iter().map(|g| ("group", &g.name)))
            .chain(self.roles.iter().map(|r| ("role", &r.name)))
            .chain(self.policies.iter().map(|p| ("policy", &p.arn)));
        let mut seen = BTreeSet::new();
        let mut twice: Vec<String> = entries
            .filter(|(kind, name)| !seen.insert((*kind, name.as_str())))
            .map(|(kind, name)| format!("{kind} {name} is listed twice"))
            .collect();
        twice.dedup();
        twice
    }

    /// Groups that users are members of but that the details do not hold (what a dump with
    /// `--filter User` gives): a membership whose policies are unknown.
    pub fn unknown_groups(&self) -> Vec<String> {
        let known: BTreeSet<&str> = self.groups.iter().map(|g| g.name.as_str()).collect();
        let mut unknown: Vec<String> = self
            .users
            .iter()
            .flat_map(|u| &u.groups)
            .filter(|g| !known.contains(g.as_str()))
            .cloned()
            .collect();
        unknown.sort();
        unknown.dedup();
        unknown
    }

    /// Why the details contradict themselves, if they do: entries listed twice.
    pub fn contradictions(&self) -> Option<String> {
        let duplicates = self.duplicates();
        (!duplicates.is_empty()).then(|| contradictory(&duplicates.join("; ")))
    }

    /// Why the details lack what their users are members of, if they do.
    pub fn missing_groups(&self) -> Option<String> {
        let unknown = self.unknown_groups();
        (!unknown.is_empty()).then(|| {
            format!(
                "users are members of groups the authorization details do not hold ({}), so what those groups grant is unknown",
                unknown.join(", ")
            )
        })
    }

    /// Why the details cannot be judged as one whole account, if they cannot: contradictory
    /// duplicates, or members of groups they do not hold.
    pub fn incomplete(&self) -> Option<String> {
        self.contradictions().or_else(|| self.missing_groups())
    }

    /// The AWS managed policies someone uses: attached to a user, group or role, or a
    /// user's or role's permissions boundary.
    pub fn aws_managed_in_use(&self) -> BTreeSet<&str> {
        let attached = self
            .users
            .iter()
            .flat_map(|u| &u.attached_policies)
            .chain(self.groups.iter().flat_map(|g| &g.attached_policies))
            .chain(self.roles.iter().flat_map(|r| &r.attached_policies))
            .map(|p| p.arn.as_str());
        let boundaries = self
            .users
            .iter()
            .filter_map(|u| u.permissions_boundary.as_deref())
            .chain(
                self.roles
                    .iter()
                    .filter_map(|r| r.permissions_boundary.as_deref()),
            );
        attached
            .chain(boundaries)
            .filter(|arn| is_aws_managed_arn(arn))
            .collect()
    }
}

/// Entries of the authorization details that contradict each other, said once for the live
/// read and the file alike.
fn contradictory(what: &str) -> String {
    format!("contradictory entries: {what}")
}

/// A policy may have one default version; more is a contradiction (which one applies?).
pub fn default_versions(arn: &str, defaults: usize) -> Option<String> {
    (defaults > 1).then(|| contradictory(&format!("policy {arn} has {defaults} default versions")))
}

/// A managed policy's name: the one given, else its ARN's last segment (some emulators omit
/// `PolicyName`; the name is always the ARN's end).
pub fn policy_name(given: Option<&str>, arn: &str) -> String {
    given
        .unwrap_or_else(|| arn.rsplit('/').next().unwrap_or(arn))
        .to_string()
}

/// A trust policy: URL-encoded from IAM, plain JSON from some emulators; decoded only when
/// encoded, so that a literal `%` in plain JSON stays as written.
pub fn trust_document(raw: &str) -> String {
    if raw.trim_start().starts_with('{') {
        raw.to_string()
    } else {
        url_decoded(raw)
    }
}

/// IAM returns policy documents URL-encoded (RFC 3986).
pub fn url_decoded(raw: &str) -> String {
    percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .map(|d| d.into_owned())
        .unwrap_or_else(|_| raw.to_string())
}

/// An AWS managed policy's ARN, in any partition (`arn:aws:iam::aws:policy/...`).
pub fn is_aws_managed_arn(arn: &str) -> bool {
    arn.starts_with("arn:aws") && arn.contains(":iam::aws:policy/")
}
