//! The model's file format: the JSON that `aws iam get-account-authorization-details`
//! prints (all pages merged, as Cloudsplaining's `download` writes it), read whole and
//! validated once ([`Details::from_json`]), and written back in the same shape
//! ([`Details::to_json`]).
//!
//! ```
//! use iam_analysis::model::details::Details;
//!
//! let text = r#"{"UserDetailList": [{"UserName": "dev",
//!     "Arn": "arn:aws:iam::111122223333:user/dev", "GroupList": ["ops"]}],
//!   "GroupDetailList": [{"GroupName": "ops", "Arn": "arn:aws:iam::111122223333:group/ops"}]}"#;
//! let details = Details::from_json(text).expect("one account");
//! assert_eq!(details.account, "111122223333");
//! assert_eq!(details.authorization.users[0].groups, ["ops"]);
//! // Written back, it reads as the same model.
//! assert_eq!(Details::from_json(&details.to_json()).expect("again"), details);
//! ```

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{
    Authorization, CustomerPolicy, GroupPermissions, InlinePolicy, ManagedPolicy, RolePermissions,
    UserPermissions, default_versions, is_aws_managed_arn, policy_name, trust_document,
    url_decoded,
};

/// One account's authorization details, whole: no page of them, no contradictory entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Details {
    /// The partition the ARNs name (`aws`, `aws-cn`, `aws-us-gov`).
    pub partition: String,
    /// The account every user, group, role and customer managed policy belongs to.
    pub account: String,
    /// The principals and customer managed policies. Members of groups the details lack
    /// are kept: [`Authorization::missing_groups`] says which, for the checks that need them.
    pub authorization: Authorization,
    /// The AWS managed policies in use (attached or as a boundary), with their documents
    /// where the details hold them; one they lack is kept without a document.
    pub aws_managed: Vec<CustomerPolicy>,
}

impl Details {
    /// The details in `text`, or why they cannot be one whole account: not this JSON, one
    /// page of it, two accounts, no account, or contradictory entries.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let dump: Dump = serde_json::from_str(text)
            .map_err(|e| format!("not the JSON of get-account-authorization-details: {e}"))?;
        if let Some(how) = dump.a_page() {
            return Err(format!(
                "the file is one page of the account's authorization details ({how}), not the whole \
                 account: dump every page (aws iam get-account-authorization-details without \
                 --max-items or --no-paginate)"
            ));
        }
        for policy in &dump.policies {
            let defaults = policy
                .policy_version_list
                .iter()
                .filter(|v| v.is_default_version)
                .count();
            if let Some(problem) = default_versions(&policy.arn, defaults) {
                return Err(problem);
            }
        }
        let (partition, account) = dump.account()?;
        let authorization = authorization(&dump);
        if let Some(problem) = authorization.contradictions() {
            return Err(problem);
        }
        Ok(Self {
            partition: partition.to_string(),
            account: account.to_string(),
            aws_managed: aws_managed_documents(&dump, &authorization),
            authorization,
        })
    }

    /// The details as `aws iam get-account-authorization-details` prints them: documents
    /// as JSON objects (or, when one is not JSON, URL-encoded as IAM sends it), AWS managed
    /// policies in use beside the customer managed ones.
    pub fn to_json(&self) -> String {
        let auth = &self.authorization;
        let dump = Dump {
            user_detail_list: auth.users.iter().map(UserDetail::of).collect(),
            group_detail_list: auth.groups.iter().map(GroupDetail::of).collect(),
            role_detail_list: auth.roles.iter().map(RoleDetail::of).collect(),
            policies: auth
                .policies
                .iter()
                .chain(self.aws_managed.iter().filter(|p| p.document.is_some()))
                .map(PolicyDetail::of)
                .collect(),
            is_truncated: None,
            marker: None,
            next_token: None,
        };
        serde_json::to_string_pretty(&dump).expect("plain JSON values serialize")
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Dump {
    #[serde(default)]
    user_detail_list: Vec<UserDetail>,
    #[serde(default)]
    group_detail_list: Vec<GroupDetail>,
    #[serde(default)]
    role_detail_list: Vec<RoleDetail>,
    #[serde(default)]
    policies: Vec<PolicyDetail>,
    /// Set on one page of a paginated answer (`--max-items`, `--no-paginate`).
    #[serde(skip_serializing_if = "Option::is_none")]
    is_truncated: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    marker: Option<String>,
    /// What the AWS CLI prints after a page that `--max-items` cut short.
    #[serde(skip_serializing_if = "Option::is_none")]
    next_token: Option<String>,
}

impl Dump {
    /// The one account (partition, id) every user, group, role and customer managed policy
    /// names, or why there is not exactly one.
    fn account(&self) -> Result<(&str, &str), String> {
        let named = self
            .user_detail_list
            .iter()
            .map(|u| &u.arn)
            .chain(self.group_detail_list.iter().map(|g| &g.arn))
            .chain(self.role_detail_list.iter().map(|r| &r.arn))
            .chain(
                self.policies
                    .iter()
                    .map(|p| &p.arn)
                    .filter(|arn| !is_aws_managed_arn(arn)),
            );
        let mut account: Option<(&str, &str)> = None;
        for arn in named {
            let found = account_of_arn(arn)
                .ok_or_else(|| format!("{arn:?} is not an IAM ARN of an account"))?;
            match account {
                Some(first) if first != found => {
                    return Err(format!(
                        "the file mixes accounts: {arn} is not in account {} ({})",
                        first.1, first.0
                    ));
                }
                _ => account = Some(found),
            }
        }
        account.ok_or_else(|| {
            "the file names no account: it has no user, group, role or customer managed policy"
                .to_string()
        })
    }

    /// Why the file is one page of the account rather than all of it, if it is.
    fn a_page(&self) -> Option<String> {
        if let Some(token) = &self.next_token {
            return Some(format!("NextToken {token:?}"));
        }
        match (self.is_truncated, &self.marker) {
            (Some(true), Some(marker)) => Some(format!("IsTruncated with Marker {marker:?}")),
            (Some(true), None) => Some("IsTruncated".into()),
            _ => None,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct UserDetail {
    user_name: String,
    arn: String,
    #[serde(default)]
    user_id: String,
    #[serde(default)]
    tags: Vec<TagDetail>,
    #[serde(default)]
    user_policy_list: Vec<InlineDetail>,
    #[serde(default)]
    group_list: Vec<String>,
    #[serde(default)]
    attached_managed_policies: Vec<AttachedDetail>,
    #[serde(skip_serializing_if = "Option::is_none")]
    permissions_boundary: Option<BoundaryDetail>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GroupDetail {
    group_name: String,
    arn: String,
    #[serde(default)]
    group_policy_list: Vec<InlineDetail>,
    #[serde(default)]
    attached_managed_policies: Vec<AttachedDetail>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RoleDetail {
    role_name: String,
    arn: String,
    #[serde(default)]
    role_id: String,
    #[serde(default)]
    tags: Vec<TagDetail>,
    #[serde(default)]
    instance_profile_list: Vec<InstanceProfileDetail>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    assume_role_policy_document: Value,
    #[serde(default)]
    role_policy_list: Vec<InlineDetail>,
    #[serde(default)]
    attached_managed_policies: Vec<AttachedDetail>,
    #[serde(skip_serializing_if = "Option::is_none")]
    permissions_boundary: Option<BoundaryDetail>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct TagDetail {
    key: String,
    value: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct InstanceProfileDetail {
    arn: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct InlineDetail {
    policy_name: String,
    policy_document: Value,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AttachedDetail {
    #[serde(skip_serializing_if = "Option::is_none")]
    policy_name: Option<String>,
    policy_arn: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct BoundaryDetail {
    #[serde(skip_serializing_if = "Option::is_none")]
    permissions_boundary_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    permissions_boundary_arn: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PolicyDetail {
    #[serde(skip_serializing_if = "Option::is_none")]
    policy_name: Option<String>,
    arn: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    attachment_count: Option<u32>,
    #[serde(default)]
    policy_version_list: Vec<VersionDetail>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct VersionDetail {
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version_id: Option<String>,
    #[serde(default)]
    is_default_version: bool,
}

/// A policy document as the file holds it: a JSON object (the AWS CLI and boto3 decode
/// them), or the string IAM sends (URL-encoded JSON).
fn document_text(value: &Value) -> String {
    match value {
        Value::String(text) => url_decoded(text),
        other => other.to_string(),
    }
}

/// `arn:PARTITION:iam::ACCOUNT:...` of an entity of the account: (partition, account).
fn account_of_arn(arn: &str) -> Option<(&str, &str)> {
    let mut parts = arn.splitn(6, ':');
    let (prefix, partition, service, region, account) = (
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
        parts.next()?,
    );
    let is_account = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
    (prefix == "arn"
        && service == "iam"
        && region.is_empty()
        && is_account
        && parts.next().is_some())
    .then_some((partition, account))
}

/// Each entry of `list` in the other form (the file's, or the model's).
fn all<'a, T: 'a, U: From<&'a T>>(list: &'a [T]) -> Vec<U> {
    list.iter().map(U::from).collect()
}

impl From<&InlineDetail> for InlinePolicy {
    fn from(p: &InlineDetail) -> Self {
        let document = document_text(&p.policy_document);
        Self {
            name: p.policy_name.clone(),
            document,
        }
    }
}

impl From<&AttachedDetail> for ManagedPolicy {
    fn from(p: &AttachedDetail) -> Self {
        let name = policy_name(p.policy_name.as_deref(), &p.policy_arn);
        Self {
            name,
            arn: p.policy_arn.clone(),
        }
    }
}

impl From<&InlinePolicy> for InlineDetail {
    fn from(p: &InlinePolicy) -> Self {
        let policy_document = document_value(&p.document);
        Self {
            policy_name: p.name.clone(),
            policy_document,
        }
    }
}

impl From<&ManagedPolicy> for AttachedDetail {
    fn from(p: &ManagedPolicy) -> Self {
        let policy_name = Some(p.name.clone());
        Self {
            policy_name,
            policy_arn: p.arn.clone(),
        }
    }
}

fn boundary(detail: &Option<BoundaryDetail>) -> Option<String> {
    detail
        .as_ref()
        .and_then(|b| b.permissions_boundary_arn.clone())
}

/// A managed policy with its default version's document (`None` when the file has none).
fn managed(policy: &PolicyDetail) -> CustomerPolicy {
    CustomerPolicy {
        name: policy_name(policy.policy_name.as_deref(), &policy.arn),
        arn: policy.arn.clone(),
        attachment_count: policy.attachment_count.unwrap_or(0),
        document: policy
            .policy_version_list
            .iter()
            .find(|v| v.is_default_version)
            .and_then(|v| v.document.as_ref())
            .map(document_text),
        other_versions: policy
            .policy_version_list
            .iter()
            .filter(|v| !v.is_default_version)
            .filter_map(|v| Some((v.version_id.clone()?, document_text(v.document.as_ref()?))))
            .collect(),
    }
}

fn tags(list: &[TagDetail]) -> Vec<(String, String)> {
    list.iter()
        .map(|t| (t.key.clone(), t.value.clone()))
        .collect()
}

fn authorization(dump: &Dump) -> Authorization {
    Authorization {
        users: dump
            .user_detail_list
            .iter()
            .map(|u| UserPermissions {
                name: u.user_name.clone(),
                arn: u.arn.clone(),
                id: u.user_id.clone(),
                tags: tags(&u.tags),
                attached_policies: all(&u.attached_managed_policies),
                inline_policies: all(&u.user_policy_list),
                groups: u.group_list.clone(),
                permissions_boundary: boundary(&u.permissions_boundary),
            })
            .collect(),
        groups: dump
            .group_detail_list
            .iter()
            .map(|g| GroupPermissions {
                name: g.group_name.clone(),
                arn: g.arn.clone(),
                attached_policies: all(&g.attached_managed_policies),
                inline_policies: all(&g.group_policy_list),
            })
            .collect(),
        roles: dump
            .role_detail_list
            .iter()
            .map(|r| RolePermissions {
                name: r.role_name.clone(),
                arn: r.arn.clone(),
                id: r.role_id.clone(),
                tags: tags(&r.tags),
                instance_profiles: r
                    .instance_profile_list
                    .iter()
                    .map(|p| p.arn.clone())
                    .collect(),
                path: r.path.clone().unwrap_or_else(|| "/".into()),
                attached_policies: all(&r.attached_managed_policies),
                inline_policies: all(&r.role_policy_list),
                permissions_boundary: boundary(&r.permissions_boundary),
                trust_policy: match &r.assume_role_policy_document {
                    Value::String(raw) => trust_document(raw),
                    document => document.to_string(),
                },
            })
            .collect(),
        policies: dump
            .policies
            .iter()
            .filter(|p| !is_aws_managed_arn(&p.arn))
            .map(managed)
            .collect(),
    }
}

/// The AWS managed policies in use (attached or as a boundary), with their documents where
/// the file has them; one it lacks is kept without a document, so that a check needing it
/// says which policy is missing.
fn aws_managed_documents(dump: &Dump, auth: &Authorization) -> Vec<CustomerPolicy> {
    let in_use = auth.aws_managed_in_use();
    in_use
        .into_iter()
        .map(|arn| match dump.policies.iter().find(|p| p.arn == arn) {
            Some(policy) => managed(policy),
            None => CustomerPolicy {
                name: policy_name(None, arn),
                arn: arn.to_string(),
                attachment_count: 0,
                document: None,
                other_versions: Vec::new(),
            },
        })
        .collect()
}

/// A document as the AWS CLI prints it: a JSON object, or the URL-encoded text IAM sends
/// when it is not JSON (so that reading it back gives the same text).
fn document_value(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| {
        Value::String(
            percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC)
                .to_string(),
        )
    })
}

fn boundary_detail(arn: &Option<String>) -> Option<BoundaryDetail> {
    arn.as_ref().map(|arn| BoundaryDetail {
        permissions_boundary_type: Some("PermissionsBoundaryPolicy".into()),
        permissions_boundary_arn: Some(arn.clone()),
    })
}

fn tag_details(tags: &[(String, String)]) -> Vec<TagDetail> {
    tags.iter()
        .map(|(key, value)| TagDetail {
            key: key.clone(),
            value: value.clone(),
        })
        .collect()
}

impl UserDetail {
    fn of(user: &UserPermissions) -> Self {
        Self {
            user_name: user.name.clone(),
            arn: user.arn.clone(),
            user_id: user.id.clone(),
            tags: tag_details(&user.tags),
            user_policy_list: all(&user.inline_policies),
            group_list: user.groups.clone(),
            attached_managed_policies: all(&user.attached_policies),
            permissions_boundary: boundary_detail(&user.permissions_boundary),
        }
    }
}

impl GroupDetail {
    fn of(group: &GroupPermissions) -> Self {
        Self {
            group_name: group.name.clone(),
            arn: group.arn.clone(),
            group_policy_list: all(&group.inline_policies),
            attached_managed_policies: all(&group.attached_policies),
        }
    }
}

impl RoleDetail {
    fn of(role: &RolePermissions) -> Self {
        Self {
            role_name: role.name.clone(),
            arn: role.arn.clone(),
            role_id: role.id.clone(),
            tags: tag_details(&role.tags),
            instance_profile_list: role
                .instance_profiles
                .iter()
                .map(|arn| InstanceProfileDetail { arn: arn.clone() })
                .collect(),
            path: Some(role.path.clone()),
            assume_role_policy_document: document_value(&role.trust_policy),
            role_policy_list: all(&role.inline_policies),
            attached_managed_policies: all(&role.attached_policies),
            permissions_boundary: boundary_detail(&role.permissions_boundary),
        }
    }
}

impl PolicyDetail {
    fn of(policy: &CustomerPolicy) -> Self {
        // The model keeps the default version's document, not its id: none is made up.
        let default = policy.document.as_ref().map(|document| VersionDetail {
            document: Some(document_value(document)),
            version_id: None,
            is_default_version: true,
        });
        let others = policy
            .other_versions
            .iter()
            .map(|(id, document)| VersionDetail {
                document: Some(document_value(document)),
                version_id: Some(id.clone()),
                is_default_version: false,
            });
        Self {
            policy_name: Some(policy.name.clone()),
            arn: policy.arn.clone(),
            attachment_count: Some(policy.attachment_count),
            policy_version_list: default.into_iter().chain(others).collect(),
        }
    }
}
