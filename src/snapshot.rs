//! Fetch once, decide purely: one concurrent, read-only pass over the account fills a plain
//! `Snapshot`, and every check is a function of it. Each source keeps its own error, so one
//! denied call turns only the checks that need it into `error`.

use std::collections::BTreeSet;

use aws_sdk_iam::types::{EntityType, SummaryKeyType};
use serde::Serialize;

use crate::aws::{FailureKind, describe_sdk_error};

/// Roles that IAM Identity Center creates for its permission sets live under this path.
const IDENTITY_CENTER_ROLE_PATH: &str = "/aws-reserved/sso.amazonaws.com/";
const IDENTITY_CENTER_ROLE_PREFIX: &str = "AWSReservedSSO_";

/// One API call whose answer could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    /// The API call, for example `GetAccountSummary`.
    pub call: &'static str,
    /// The IAM permission the call needs, for example `iam:GetAccountSummary`.
    pub permission: &'static str,
    pub kind: FailureKind,
    /// `Code: message` from AWS, or the root cause of a transport failure.
    pub message: String,
}

impl FetchError {
    /// The sentence a check shows when it cannot decide.
    pub fn reason(&self) -> String {
        format!(
            "could not call {} (needs {}): {}",
            self.call, self.permission, self.message
        )
    }
}

pub type Fetched<T> = Result<T, FetchError>;

/// Who is asking: STS GetCallerIdentity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallerIdentity {
    pub account: String,
    pub arn: String,
}

/// The fields of GetAccountSummary the checks use. `None` means the key was absent, which
/// must be read as "unknown", never as 0.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountSummary {
    pub root_access_keys_present: Option<bool>,
    pub root_mfa_enabled: Option<bool>,
    pub root_password_present: Option<bool>,
    pub users: Option<u32>,
    pub identity_providers: Option<u32>,
}

/// The account password policy as IAM reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PasswordPolicy {
    pub minimum_password_length: u32,
    pub require_uppercase_characters: bool,
    pub require_lowercase_characters: bool,
    pub require_numbers: bool,
    pub require_symbols: bool,
    pub allow_users_to_change_password: bool,
    pub password_reuse_prevention: Option<u32>,
    pub max_password_age: Option<u32>,
    pub hard_expiry: bool,
}

/// Where a user's permissions come from, by policy name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserPermissions {
    pub name: String,
    pub attached_policies: Vec<String>,
    pub inline_policies: Vec<String>,
    pub groups: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupPermissions {
    pub name: String,
    pub attached_policies: Vec<String>,
    pub inline_policies: Vec<String>,
}

impl GroupPermissions {
    pub fn carries_policy(&self) -> bool {
        !self.attached_policies.is_empty() || !self.inline_policies.is_empty()
    }
}

/// Users and groups with their policies, from GetAccountAuthorizationDetails.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Authorization {
    pub users: Vec<UserPermissions>,
    pub groups: Vec<GroupPermissions>,
}

/// Everything the checks need, read in one pass.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub identity: Fetched<CallerIdentity>,
    pub summary: Fetched<AccountSummary>,
    /// `Ok(None)`: the account has no password policy (IAM answers NoSuchEntity).
    pub password_policy: Fetched<Option<PasswordPolicy>>,
    pub aliases: Fetched<Vec<String>>,
    pub authorization: Fetched<Authorization>,
    /// Names of IAM Identity Center roles (`AWSReservedSSO_*`), at most one page.
    pub identity_center_roles: Fetched<Vec<String>>,
}

impl Snapshot {
    /// Every call failed for want of an answer: the endpoint is unreachable, and a
    /// five-line table of identical errors would only hide that.
    pub fn unreachable(&self) -> Option<&FetchError> {
        let errors = [
            self.identity.as_ref().err(),
            self.summary.as_ref().err(),
            self.password_policy.as_ref().err(),
            self.aliases.as_ref().err(),
            self.authorization.as_ref().err(),
            self.identity_center_roles.as_ref().err(),
        ];
        if errors
            .iter()
            .all(|e| e.is_some_and(|e| e.kind == FailureKind::Unreachable))
        {
            errors[1]
        } else {
            None
        }
    }
}

/// The clients of one run.
pub struct Clients {
    pub iam: aws_sdk_iam::Client,
    pub sts: aws_sdk_sts::Client,
}

impl Clients {
    pub fn new(config: &aws_config::SdkConfig) -> Self {
        Self {
            iam: aws_sdk_iam::Client::new(config),
            sts: aws_sdk_sts::Client::new(config),
        }
    }
}

/// Read the account: six independent calls issued concurrently (plus further pages of
/// GetAccountAuthorizationDetails on large accounts). Read-only.
pub async fn fetch(clients: &Clients) -> Snapshot {
    let (identity, summary, password_policy, aliases, authorization, identity_center_roles) = tokio::join!(
        fetch_identity(&clients.sts),
        fetch_summary(&clients.iam),
        fetch_password_policy(&clients.iam),
        fetch_aliases(&clients.iam),
        fetch_authorization(&clients.iam),
        fetch_identity_center_roles(&clients.iam),
    );
    Snapshot {
        identity,
        summary,
        password_policy,
        aliases,
        authorization,
        identity_center_roles,
    }
}

fn fetch_error<E, R>(
    call: &'static str,
    permission: &'static str,
    err: &aws_sdk_iam::error::SdkError<E, R>,
) -> FetchError
where
    E: aws_sdk_iam::error::ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    let (kind, message) = describe_sdk_error(err);
    FetchError {
        call,
        permission,
        kind,
        message,
    }
}

async fn fetch_identity(sts: &aws_sdk_sts::Client) -> Fetched<CallerIdentity> {
    let out = sts
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| fetch_error("GetCallerIdentity", "sts:GetCallerIdentity", &e))?;
    Ok(CallerIdentity {
        account: out.account().unwrap_or_default().to_string(),
        arn: out.arn().unwrap_or_default().to_string(),
    })
}

async fn fetch_summary(iam: &aws_sdk_iam::Client) -> Fetched<AccountSummary> {
    let out = iam
        .get_account_summary()
        .send()
        .await
        .map_err(|e| fetch_error("GetAccountSummary", "iam:GetAccountSummary", &e))?;
    let map = out.summary_map();
    let value = |key: SummaryKeyType| {
        map.and_then(|m| m.get(&key))
            .map(|v| u32::try_from(*v).unwrap_or(0))
    };
    Ok(AccountSummary {
        root_access_keys_present: value(SummaryKeyType::AccountAccessKeysPresent).map(|v| v > 0),
        root_mfa_enabled: value(SummaryKeyType::AccountMfaEnabled).map(|v| v > 0),
        // Newer accounts report this key; the SDK may not model it yet.
        root_password_present: value(SummaryKeyType::from("AccountPasswordPresent")).map(|v| v > 0),
        users: value(SummaryKeyType::Users),
        identity_providers: value(SummaryKeyType::Providers),
    })
}

async fn fetch_password_policy(iam: &aws_sdk_iam::Client) -> Fetched<Option<PasswordPolicy>> {
    const CALL: &str = "GetAccountPasswordPolicy";
    const PERMISSION: &str = "iam:GetAccountPasswordPolicy";
    let out = match iam.get_account_password_policy().send().await {
        Ok(out) => out,
        Err(err)
            if err
                .as_service_error()
                .is_some_and(|e| e.is_no_such_entity_exception()) =>
        {
            return Ok(None);
        }
        Err(err) => return Err(fetch_error(CALL, PERMISSION, &err)),
    };
    let Some(policy) = out.password_policy() else {
        return Ok(None);
    };
    let positive = |v: Option<i32>| v.and_then(|v| u32::try_from(v).ok()).filter(|v| *v > 0);
    Ok(Some(PasswordPolicy {
        // IAM's documented default when the field is absent.
        minimum_password_length: positive(policy.minimum_password_length()).unwrap_or(6),
        require_uppercase_characters: policy.require_uppercase_characters(),
        require_lowercase_characters: policy.require_lowercase_characters(),
        require_numbers: policy.require_numbers(),
        require_symbols: policy.require_symbols(),
        allow_users_to_change_password: policy.allow_users_to_change_password(),
        password_reuse_prevention: positive(policy.password_reuse_prevention()),
        max_password_age: positive(policy.max_password_age()),
        hard_expiry: policy.hard_expiry().unwrap_or(false),
    }))
}

async fn fetch_aliases(iam: &aws_sdk_iam::Client) -> Fetched<Vec<String>> {
    let out = iam
        .list_account_aliases()
        .send()
        .await
        .map_err(|e| fetch_error("ListAccountAliases", "iam:ListAccountAliases", &e))?;
    Ok(out.account_aliases().to_vec())
}

async fn fetch_authorization(iam: &aws_sdk_iam::Client) -> Fetched<Authorization> {
    const CALL: &str = "GetAccountAuthorizationDetails";
    const PERMISSION: &str = "iam:GetAccountAuthorizationDetails";
    let mut pages = iam
        .get_account_authorization_details()
        .filter(EntityType::User)
        .filter(EntityType::Group)
        .max_items(1000)
        .into_paginator()
        .send();
    let mut authorization = Authorization::default();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| fetch_error(CALL, PERMISSION, &e))?;
        for user in page.user_detail_list() {
            authorization.users.push(UserPermissions {
                name: user.user_name().unwrap_or_default().to_string(),
                attached_policies: user
                    .attached_managed_policies()
                    .iter()
                    .map(|p| p.policy_name().unwrap_or_default().to_string())
                    .collect(),
                inline_policies: user
                    .user_policy_list()
                    .iter()
                    .map(|p| p.policy_name().unwrap_or_default().to_string())
                    .collect(),
                groups: user.group_list().to_vec(),
            });
        }
        for group in page.group_detail_list() {
            authorization.groups.push(GroupPermissions {
                name: group.group_name().unwrap_or_default().to_string(),
                attached_policies: group
                    .attached_managed_policies()
                    .iter()
                    .map(|p| p.policy_name().unwrap_or_default().to_string())
                    .collect(),
                inline_policies: group
                    .group_policy_list()
                    .iter()
                    .map(|p| p.policy_name().unwrap_or_default().to_string())
                    .collect(),
            });
        }
    }
    Ok(authorization)
}

/// One page is enough: the check needs to know whether such roles exist, not all of them.
async fn fetch_identity_center_roles(iam: &aws_sdk_iam::Client) -> Fetched<Vec<String>> {
    let out = iam
        .list_roles()
        .path_prefix(IDENTITY_CENTER_ROLE_PATH)
        .send()
        .await
        .map_err(|e| fetch_error("ListRoles", "iam:ListRoles", &e))?;
    let names: BTreeSet<String> = out
        .roles()
        .iter()
        .map(|r| r.role_name().to_string())
        .filter(|name| name.starts_with(IDENTITY_CENTER_ROLE_PREFIX))
        .collect();
    Ok(names.into_iter().collect())
}

#[cfg(test)]
pub mod test_support {
    use super::*;

    /// A snapshot on which every check is green.
    pub fn green_snapshot() -> Snapshot {
        Snapshot {
            identity: Ok(CallerIdentity {
                account: "123456789012".into(),
                arn: "arn:aws:iam::123456789012:user/alice".into(),
            }),
            summary: Ok(AccountSummary {
                root_access_keys_present: Some(false),
                root_mfa_enabled: Some(true),
                root_password_present: Some(true),
                users: Some(1),
                identity_providers: Some(0),
            }),
            password_policy: Ok(Some(PasswordPolicy {
                minimum_password_length: 14,
                require_uppercase_characters: true,
                require_lowercase_characters: true,
                require_numbers: true,
                require_symbols: true,
                allow_users_to_change_password: true,
                password_reuse_prevention: Some(24),
                max_password_age: None,
                hard_expiry: false,
            })),
            aliases: Ok(vec![]),
            authorization: Ok(Authorization {
                users: vec![UserPermissions {
                    name: "alice".into(),
                    groups: vec!["Administrators".into()],
                    ..Default::default()
                }],
                groups: vec![GroupPermissions {
                    name: "Administrators".into(),
                    attached_policies: vec!["AdministratorAccess".into()],
                    inline_policies: vec![],
                }],
            }),
            identity_center_roles: Ok(vec![]),
        }
    }

    pub fn denied(call: &'static str, permission: &'static str) -> FetchError {
        FetchError {
            call,
            permission,
            kind: FailureKind::Service,
            message: format!("AccessDenied: not authorized to perform: {permission}"),
        }
    }
}
