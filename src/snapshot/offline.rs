//! A snapshot from a file instead of AWS: the JSON that `aws iam
//! get-account-authorization-details` prints (all pages merged, as Cloudsplaining's
//! `download` writes it). Parsed and validated once, before anything is judged: every user,
//! group, role and customer managed policy must name the same account. What the file cannot
//! hold (the account summary, the credential report, ...) is an error saying so, never a guess.

use serde::Deserialize;
use serde_json::Value;

use super::{
    Authorization, CallerIdentity, CustomerPolicy, FetchError, Fetched, GroupPermissions,
    InlinePolicy, ManagedPolicy, RolePermissions, Snapshot, Source, UserPermissions,
    default_versions, identity_center_role_names, is_aws_managed_arn, policy_name, trust_document,
    url_decoded,
};
use crate::aws::FailureKind;

#[derive(Debug, Deserialize)]
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
    is_truncated: Option<bool>,
    marker: Option<String>,
    /// What the AWS CLI prints after a page that `--max-items` cut short.
    next_token: Option<String>,
}

impl Dump {
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

#[derive(Debug, Deserialize)]
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
    permissions_boundary: Option<BoundaryDetail>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GroupDetail {
    group_name: String,
    arn: String,
    #[serde(default)]
    group_policy_list: Vec<InlineDetail>,
    #[serde(default)]
    attached_managed_policies: Vec<AttachedDetail>,
}

#[derive(Debug, Deserialize)]
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
    path: Option<String>,
    assume_role_policy_document: Value,
    #[serde(default)]
    role_policy_list: Vec<InlineDetail>,
    #[serde(default)]
    attached_managed_policies: Vec<AttachedDetail>,
    permissions_boundary: Option<BoundaryDetail>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct TagDetail {
    key: String,
    value: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct InstanceProfileDetail {
    arn: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct InlineDetail {
    policy_name: String,
    policy_document: Value,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AttachedDetail {
    policy_name: Option<String>,
    policy_arn: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct BoundaryDetail {
    permissions_boundary_arn: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PolicyDetail {
    policy_name: Option<String>,
    arn: String,
    attachment_count: Option<u32>,
    #[serde(default)]
    policy_version_list: Vec<VersionDetail>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct VersionDetail {
    document: Option<Value>,
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

/// The file's snapshot, or why the file cannot be one.
pub fn snapshot(text: &str) -> Result<Snapshot, String> {
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
    let named = dump
        .user_detail_list
        .iter()
        .map(|u| &u.arn)
        .chain(dump.group_detail_list.iter().map(|g| &g.arn))
        .chain(dump.role_detail_list.iter().map(|r| &r.arn))
        .chain(
            dump.policies
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
    let (partition, account) = account.ok_or(
        "the file names no account: it has no user, group, role or customer managed policy",
    )?;
    let identity = CallerIdentity {
        account: account.to_string(),
        // No caller: the account's root ARN stands for the account (and its partition).
        arn: format!("arn:{partition}:iam::{account}:root"),
    };
    let auth = authorization(&dump);
    if let Some(problem) = auth.contradictions() {
        return Err(problem);
    }
    // Members of groups the file lacks: every check that needs the groups says so.
    let judged: Fetched<Authorization> = match auth.missing_groups() {
        Some(problem) => Err(FetchError::absent(
            Source::FullAuthorization,
            FailureKind::NotInFile,
            problem,
        )),
        None => Ok(auth.clone()),
    };
    let identity_center_roles = identity_center_role_names(
        auth.roles
            .iter()
            .map(|r| (r.path.as_str(), r.name.as_str())),
    );
    Ok(Snapshot {
        identity: Ok(identity),
        summary: not_in_file(Source::AccountSummary),
        password_policy: not_in_file(Source::PasswordPolicy),
        aliases: not_in_file(Source::AccountAliases),
        authorization: judged.clone(),
        attached_aws_policies: Ok(aws_managed_documents(&dump, &auth)),
        full_authorization: judged,
        identity_center_roles: Ok(identity_center_roles),
        credential_report: not_in_file(Source::CredentialReport),
        virtual_mfa_devices: not_in_file(Source::VirtualMfaDevices),
        server_certificates: not_in_file(Source::ServerCertificates),
        security_contact: not_in_file(Source::SecurityContact),
        access_analyzers: not_in_file(Source::AccessAnalyzers),
    })
}

/// What a check that needs `source` shows: the file cannot hold it.
fn not_in_file<T>(source: Source) -> Fetched<T> {
    Err(FetchError::absent(
        source,
        FailureKind::NotInFile,
        format!(
            "{source:?} is not in an authorization details file: audit the account itself for it"
        ),
    ))
}

fn inline(list: &[InlineDetail]) -> Vec<InlinePolicy> {
    list.iter()
        .map(|p| InlinePolicy {
            name: p.policy_name.clone(),
            document: document_text(&p.policy_document),
        })
        .collect()
}

fn attached(list: &[AttachedDetail]) -> Vec<ManagedPolicy> {
    list.iter()
        .map(|p| ManagedPolicy {
            name: policy_name(p.policy_name.as_deref(), &p.policy_arn),
            arn: p.policy_arn.clone(),
        })
        .collect()
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
                attached_policies: attached(&u.attached_managed_policies),
                inline_policies: inline(&u.user_policy_list),
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
                attached_policies: attached(&g.attached_managed_policies),
                inline_policies: inline(&g.group_policy_list),
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
                attached_policies: attached(&r.attached_managed_policies),
                inline_policies: inline(&r.role_policy_list),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Documents as IAM sends them (URL-encoded strings) or as the AWS CLI prints them
    /// (objects); only the default version counts; an AWS managed policy in use but absent
    /// from the file is kept without a document, so that the check names it.
    #[test]
    fn documents_in_either_form_and_what_the_file_lacks() {
        let text = r#"{
            "UserDetailList": [{"UserName": "dev", "Arn": "arn:aws:iam::111122223333:user/dev",
                "UserPolicyList": [{"PolicyName": "own", "PolicyDocument": "%7B%22Statement%22%3A%5B%5D%7D"}],
                "AttachedManagedPolicies": [{"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}],
                "PermissionsBoundary": {"PermissionsBoundaryType": "PermissionsBoundaryPolicy", "PermissionsBoundaryArn": "arn:aws:iam::111122223333:policy/cap"}}],
            "Policies": [{"PolicyName": "cap", "Arn": "arn:aws:iam::111122223333:policy/cap", "AttachmentCount": 0,
                "PolicyVersionList": [
                    {"Document": {"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}, "IsDefaultVersion": false},
                    {"Document": {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}, "IsDefaultVersion": true}]}]
        }"#;
        let snapshot = snapshot(text).expect("one account's details");
        let identity = snapshot.identity.as_ref().expect("identity");
        assert_eq!(identity.account, "111122223333");
        let auth = snapshot.full_authorization.as_ref().expect("authorization");
        assert_eq!(
            auth.users[0].inline_policies[0].document,
            r#"{"Statement":[]}"#
        );
        assert_eq!(
            auth.users[0].permissions_boundary.as_deref(),
            Some("arn:aws:iam::111122223333:policy/cap")
        );
        assert_eq!(
            auth.policies[0].document.as_deref(),
            Some(r#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#)
        );
        let aws = snapshot
            .attached_aws_policies
            .as_ref()
            .expect("aws managed");
        assert_eq!(aws.len(), 1);
        assert_eq!(aws[0].arn, "arn:aws:iam::aws:policy/ReadOnlyAccess");
        assert_eq!(aws[0].document, None);
        let summary = snapshot.summary.as_ref().expect_err("not in the file");
        assert_eq!(summary.kind, FailureKind::NotInFile);
        assert_eq!(
            summary.reason(),
            "AccountSummary is not in an authorization details file: audit the account itself for it"
        );
    }
}
