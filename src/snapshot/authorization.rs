//! The principals and their policies, converted from the SDK's pages into the account
//! model (`iam_analysis::model`): GetAccountAuthorizationDetails, the AWS managed policies in
//! use (GetPolicy, GetPolicyVersion), and the roles of IAM Identity Center.

use std::collections::BTreeSet;

use aws_sdk_iam::types::EntityType;
use iam_analysis::model::{
    Authorization, CustomerPolicy, GroupPermissions, InlinePolicy, ManagedPolicy, RolePermissions,
    UserPermissions, default_versions, policy_name, trust_document, url_decoded,
};

use super::read::{Fetched, fetch_error, malformed, page, paginate, required};
use crate::api::Call;

/// Roles that IAM Identity Center creates for its permission sets live under this path.
const IDENTITY_CENTER_ROLE_PATH: &str = "/aws-reserved/sso.amazonaws.com/";

const IDENTITY_CENTER_ROLE_PREFIX: &str = "AWSReservedSSO_";

pub(super) fn identity_center_role_names<'a>(
    roles: impl Iterator<Item = (&'a str, &'a str)>,
) -> Vec<String> {
    let names: BTreeSet<String> = roles
        .filter(|(path, name)| {
            path.starts_with(IDENTITY_CENTER_ROLE_PATH)
                && name.starts_with(IDENTITY_CENTER_ROLE_PREFIX)
        })
        .map(|(_, name)| name.to_string())
        .collect();
    names.into_iter().collect()
}

/// Users and groups; with `full`, roles and customer managed policies too. Names and ARNs
/// feed verdicts and the writes of `fix`: an entry without them is a malformed reply.
pub async fn fetch_authorization(iam: &aws_sdk_iam::Client, full: bool) -> Fetched<Authorization> {
    // Users and groups in one stream of pages, roles and customer managed policies in
    // another, read at once: on a large account the pages, one after the other, are the
    // read's critical path, and two streams halve it for the same number of pages.
    let stream = |filters: [EntityType; 2]| {
        let request = iam
            .get_account_authorization_details()
            .filter(filters[0].clone())
            .filter(filters[1].clone())
            .max_items(1000);
        paginate(DETAILS, move |marker| {
            page(DETAILS, request.clone().set_marker(marker).send())
        })
    };
    let people = stream([EntityType::User, EntityType::Group]);
    let pages = match full {
        false => people.await?,
        true => {
            let (mut people, others) = tokio::try_join!(
                people,
                stream([EntityType::Role, EntityType::LocalManagedPolicy])
            )?;
            people.extend(others);
            people
        }
    };
    let mut authorization = Authorization::default();
    for page in &pages {
        for user in page.user_detail_list() {
            authorization.users.push(user_of(user)?);
        }
        for group in page.group_detail_list() {
            authorization.groups.push(group_of(group)?);
        }
        for role in page.role_detail_list() {
            authorization.roles.push(role_of(role)?);
        }
        for policy in page.policies() {
            authorization.policies.push(policy_of(policy)?);
        }
    }
    if let Some(problem) = authorization.incomplete() {
        return Err(malformed(DETAILS, &problem));
    }
    Ok(authorization)
}

/// The pages' call, named in every malformed reply.
const DETAILS: Call = Call::GetAccountAuthorizationDetails;

/// A user of the pages as the model holds it.
fn user_of(user: &aws_sdk_iam::types::UserDetail) -> Fetched<UserPermissions> {
    let mut groups = Vec::new();
    for group in user.group_list() {
        groups.push(required(
            DETAILS,
            "an empty group name in a user's GroupList",
            Some(group),
        )?);
    }
    Ok(UserPermissions {
        name: required(DETAILS, "a user without UserName", user.user_name())?,
        arn: required(DETAILS, "a user without Arn", user.arn())?,
        id: user.user_id().unwrap_or_default().to_string(),
        tags: tags(user.tags()),
        attached_policies: managed(user.attached_managed_policies())?,
        inline_policies: inline_list(
            user.user_policy_list()
                .iter()
                .map(|p| (p.policy_name(), p.policy_document())),
        )?,
        groups,
        permissions_boundary: boundary(user.permissions_boundary()),
    })
}

/// A group of the pages as the model holds it.
fn group_of(group: &aws_sdk_iam::types::GroupDetail) -> Fetched<GroupPermissions> {
    Ok(GroupPermissions {
        name: required(DETAILS, "a group without GroupName", group.group_name())?,
        arn: required(DETAILS, "a group without Arn", group.arn())?,
        attached_policies: managed(group.attached_managed_policies())?,
        inline_policies: inline_list(
            group
                .group_policy_list()
                .iter()
                .map(|p| (p.policy_name(), p.policy_document())),
        )?,
    })
}

/// A role of the pages as the model holds it, its trust decoded.
fn role_of(role: &aws_sdk_iam::types::RoleDetail) -> Fetched<RolePermissions> {
    Ok(RolePermissions {
        name: required(DETAILS, "a role without RoleName", role.role_name())?,
        arn: required(DETAILS, "a role without Arn", role.arn())?,
        id: role.role_id().unwrap_or_default().to_string(),
        tags: tags(role.tags()),
        path: role.path().unwrap_or("/").to_string(),
        instance_profiles: role
            .instance_profile_list()
            .iter()
            .map(|p| p.arn().to_string())
            .collect(),
        attached_policies: managed(role.attached_managed_policies())?,
        inline_policies: inline_list(
            role.role_policy_list()
                .iter()
                .map(|p| (p.policy_name(), p.policy_document())),
        )?,
        permissions_boundary: boundary(role.permissions_boundary()),
        trust_policy: trust_document(&required(
            DETAILS,
            "a role without AssumeRolePolicyDocument",
            role.assume_role_policy_document(),
        )?),
    })
}

/// A customer managed policy of the pages: its default version's document and every stored
/// version besides; two default versions are a malformed reply.
fn policy_of(policy: &aws_sdk_iam::types::ManagedPolicyDetail) -> Fetched<CustomerPolicy> {
    let default_document = policy
        .policy_version_list()
        .iter()
        .find(|v| v.is_default_version())
        .and_then(|v| v.document())
        .map(url_decoded);
    let other_versions = policy
        .policy_version_list()
        .iter()
        .filter(|v| !v.is_default_version())
        .filter_map(|v| Some((v.version_id()?.to_string(), url_decoded(v.document()?))))
        .collect();
    let arn = required(DETAILS, "a managed policy without Arn", policy.arn())?;
    let defaults = policy
        .policy_version_list()
        .iter()
        .filter(|v| v.is_default_version())
        .count();
    if let Some(problem) = default_versions(&arn, defaults) {
        return Err(malformed(DETAILS, &problem));
    }
    Ok(CustomerPolicy {
        other_versions,
        name: policy_name(policy.policy_name(), &arn),
        attachment_count: policy
            .attachment_count()
            .and_then(|c| u32::try_from(c).ok())
            .unwrap_or(0),
        arn,
        document: default_document,
    })
}

fn tags(list: &[aws_sdk_iam::types::Tag]) -> Vec<(String, String)> {
    list.iter()
        .map(|t| (t.key().to_string(), t.value().to_string()))
        .collect()
}

/// A permissions boundary's policy ARN (a boundary without one caps nothing we can read).
fn boundary(attached: Option<&aws_sdk_iam::types::AttachedPermissionsBoundary>) -> Option<String> {
    attached
        .and_then(|b| b.permissions_boundary_arn())
        .map(str::to_string)
}

/// Attached managed policies; the ARN is what a fix attaches, so it must be there.
fn managed(list: &[aws_sdk_iam::types::AttachedPolicy]) -> Fetched<Vec<ManagedPolicy>> {
    list.iter()
        .map(|p| {
            let arn = required(
                Call::GetAccountAuthorizationDetails,
                "an attached policy without PolicyArn",
                p.policy_arn(),
            )?;
            Ok(ManagedPolicy {
                name: policy_name(p.policy_name(), &arn),
                arn,
            })
        })
        .collect()
}

/// Inline policies as (name, document); a fix copies both, so both must be there.
fn inline_list<'a>(
    list: impl Iterator<Item = (Option<&'a str>, Option<&'a str>)>,
) -> Fetched<Vec<InlinePolicy>> {
    list.map(|(name, document)| {
        Ok(InlinePolicy {
            name: required(
                Call::GetAccountAuthorizationDetails,
                "an inline policy without PolicyName",
                name,
            )?,
            document: url_decoded(
                required(
                    Call::GetAccountAuthorizationDetails,
                    "an inline policy without PolicyDocument",
                    document,
                )?
                .as_str(),
            ),
        })
    })
    .collect()
}

/// How many policies are read at once: a handful of requests in flight, not one per policy.
const POLICY_READS_IN_FLIGHT: usize = 8;

/// The AWS managed policies attached to a user, group or role, each read with GetPolicy
/// (for its default version) and GetPolicyVersion (for the document): only those attached,
/// not the 1,300 AWS publishes.
pub(super) async fn fetch_attached_aws_policies(
    iam: &aws_sdk_iam::Client,
    auth: &Authorization,
) -> Fetched<Vec<CustomerPolicy>> {
    let arns = auth.aws_managed_in_use();
    let arns: Vec<String> = arns.into_iter().map(str::to_string).collect();
    let mut policies = Vec::new();
    for chunk in arns.chunks(POLICY_READS_IN_FLIGHT) {
        let mut reads = tokio::task::JoinSet::new();
        for arn in chunk {
            let (iam, arn) = (iam.clone(), arn.clone());
            reads.spawn(async move { fetch_policy_document(&iam, arn).await });
        }
        while let Some(read) = reads.join_next().await {
            let policy = read.map_err(|e| malformed(Call::GetPolicy, &e.to_string()))??;
            policies.push(policy);
        }
    }
    policies.sort_by(|a, b| a.arn.cmp(&b.arn));
    Ok(policies)
}

async fn fetch_policy_document(iam: &aws_sdk_iam::Client, arn: String) -> Fetched<CustomerPolicy> {
    let policy = iam
        .get_policy()
        .policy_arn(&arn)
        .send()
        .await
        .map_err(|e| fetch_error(Call::GetPolicy, &e))?;
    let policy = policy
        .policy()
        .ok_or_else(|| malformed(Call::GetPolicy, "no Policy"))?;
    let version = required(
        Call::GetPolicy,
        "a policy without DefaultVersionId",
        policy.default_version_id(),
    )?;
    let out = iam
        .get_policy_version()
        .policy_arn(&arn)
        .version_id(version)
        .send()
        .await
        .map_err(|e| fetch_error(Call::GetPolicyVersion, &e))?;
    let document = required(
        Call::GetPolicyVersion,
        "a policy version without Document",
        out.policy_version().and_then(|v| v.document()),
    )?;
    Ok(CustomerPolicy {
        name: policy_name(policy.policy_name(), &arn),
        attachment_count: policy
            .attachment_count()
            .and_then(|c| u32::try_from(c).ok())
            .unwrap_or(0),
        document: Some(url_decoded(&document)),
        other_versions: Vec::new(),
        arn,
    })
}

/// One page is enough: the check needs to know whether such roles exist, not all of them.
pub(super) async fn fetch_identity_center_roles(iam: &aws_sdk_iam::Client) -> Fetched<Vec<String>> {
    let out = iam
        .list_roles()
        .path_prefix(IDENTITY_CENTER_ROLE_PATH)
        .send()
        .await
        .map_err(|e| fetch_error(Call::ListRoles, &e))?;
    Ok(identity_center_role_names(
        out.roles().iter().map(|r| (r.path(), r.role_name())),
    ))
}
