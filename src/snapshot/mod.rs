//! Fetch once, decide purely: one concurrent, read-only pass over the account fills a plain
//! `Snapshot`, and every check is a function of it. Each source keeps its own error, so one
//! denied call turns only the checks that need it into `error`.

use std::collections::BTreeSet;

pub mod account;
mod authorization;
pub mod credential_report;
pub mod offline;
mod read;

use aws_sdk_iam::types::SummaryKeyType;
use serde::Serialize;
use time::OffsetDateTime;

pub use account::{RegionAnalyzers, SecurityContact};
pub use authorization::fetch_authorization;
use authorization::{
    fetch_attached_aws_policies, fetch_identity_center_roles, identity_center_role_names,
};
pub use credential_report::CredentialReport;
pub use iam_analysis::model::{
    Authorization, CustomerPolicy, GroupPermissions, InlinePolicy, ManagedPolicy, UserPermissions,
    is_aws_managed_arn,
};
use iam_analysis::privesc::Input;
pub use read::{FetchError, Fetched, Silent, Source, Waiting, malformed};
use read::{fetch_error, not_read, page, paginate, read_if, read_needed, required, to_time};

use crate::api::Call;
use crate::aws::FailureKind;
use crate::reply::CompleteReply;
use crate::settings::{IAM_MAX_AGE, IAM_MIN_LENGTH, IAM_REUSE_PREVENTION};

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

/// The account password policy as IAM reports it (serialized with IAM's parameter names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
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

/// A virtual MFA device and the user it is assigned to, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VirtualMfaDevice {
    pub serial: String,
    pub user_arn: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerCertificate {
    pub name: String,
    pub arn: String,
    pub expiration: Option<OffsetDateTime>,
}

/// Everything the checks need, read in one pass.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub identity: Fetched<CallerIdentity>,
    pub summary: Fetched<AccountSummary>,
    /// `Ok(None)`: the account has no password policy (IAM answers NoSuchEntity).
    pub password_policy: Fetched<Option<PasswordPolicy>>,
    pub aliases: Fetched<Vec<String>>,
    /// Users and groups with their policies (`roles` and `policies` may be empty: read the
    /// full details for those).
    pub authorization: Fetched<Authorization>,
    /// Users, groups, roles and customer managed policies: `not read` unless the run read
    /// `Source::FullAuthorization`, so no check can judge roles from a partial read.
    pub full_authorization: Fetched<Authorization>,
    /// The AWS managed policies attached to someone or used as a boundary, with their default
    /// documents.
    pub attached_aws_policies: Fetched<Vec<CustomerPolicy>>,
    /// Names of IAM Identity Center roles (`AWSReservedSSO_*`), at most one page.
    pub identity_center_roles: Fetched<Vec<String>>,
    pub credential_report: Fetched<CredentialReport>,
    pub virtual_mfa_devices: Fetched<Vec<VirtualMfaDevice>>,
    pub server_certificates: Fetched<Vec<ServerCertificate>>,
    /// `Ok(None)`: no security contact is registered.
    pub security_contact: Fetched<Option<SecurityContact>>,
    pub access_analyzers: Fetched<Vec<RegionAnalyzers>>,
}

impl Snapshot {
    /// What the escalation analysis reads from this snapshot, or the reason a source it needs
    /// could not be read. A file of authorization details has no credential report: then
    /// paths through other users' keys and passwords stay conditional on what it would have
    /// said; a report that could not be read is an error.
    pub fn escalation_input(&self, now: OffsetDateTime) -> Result<Input<'_>, String> {
        Ok(Input {
            auth: self.full_authorization.as_ref().map_err(|e| e.reason())?,
            aws_managed: self
                .attached_aws_policies
                .as_ref()
                .map_err(|e| e.reason())?,
            report: match &self.credential_report {
                Ok(report) => Some(report),
                Err(e) if e.kind == FailureKind::NotInFile => None,
                Err(e) => return Err(e.reason()),
            },
            now,
        })
    }

    /// Every ARN the account's replies named (AWS managed policies' included), for checking
    /// that the replies came from the account that was asked.
    pub fn arns(&self) -> Vec<&str> {
        let mut arns: Vec<&str> = Vec::new();
        for authorization in [&self.authorization, &self.full_authorization]
            .into_iter()
            .filter_map(|a| a.as_ref().ok())
        {
            for user in &authorization.users {
                arns.push(&user.arn);
                arns.extend(user.attached_policies.iter().map(|p| p.arn.as_str()));
            }
            for group in &authorization.groups {
                arns.push(&group.arn);
                arns.extend(group.attached_policies.iter().map(|p| p.arn.as_str()));
            }
            for role in &authorization.roles {
                arns.push(&role.arn);
                arns.extend(role.attached_policies.iter().map(|p| p.arn.as_str()));
            }
            arns.extend(authorization.policies.iter().map(|p| p.arn.as_str()));
        }
        if let Ok(policies) = &self.attached_aws_policies {
            arns.extend(policies.iter().map(|p| p.arn.as_str()));
        }
        if let Ok(report) = &self.credential_report {
            arns.extend(report.rows.iter().map(|r| r.arn.as_str()));
        }
        if let Ok(devices) = &self.virtual_mfa_devices {
            for device in devices {
                arns.push(&device.serial);
                arns.extend(device.user_arn.as_deref());
            }
        }
        if let Ok(certificates) = &self.server_certificates {
            arns.extend(certificates.iter().map(|c| c.arn.as_str()));
        }
        arns
    }

    /// The first ARN in the replies that names an account other than `account` (AWS's own,
    /// `aws`, aside): the credentials read some other account than the one asked for.
    pub fn foreign_arn(&self, account: &str) -> Option<&str> {
        self.arns().into_iter().find(|arn| {
            let owner = arn.split(':').nth(4).unwrap_or_default();
            owner != account && owner != "aws"
        })
    }

    /// The error of every source, read or not.
    fn errors(&self) -> [Option<&FetchError>; 13] {
        [
            self.identity.as_ref().err(),
            self.summary.as_ref().err(),
            self.password_policy.as_ref().err(),
            self.aliases.as_ref().err(),
            self.authorization.as_ref().err(),
            self.full_authorization.as_ref().err(),
            self.attached_aws_policies.as_ref().err(),
            self.identity_center_roles.as_ref().err(),
            self.credential_report.as_ref().err(),
            self.virtual_mfa_devices.as_ref().err(),
            self.server_certificates.as_ref().err(),
            self.security_contact.as_ref().err(),
            self.access_analyzers.as_ref().err(),
        ]
    }

    /// Every call failed for want of an answer: the endpoint is unreachable, and a
    /// five-line table of identical errors would only hide that.
    pub fn unreachable(&self) -> Option<&FetchError> {
        let attempted: Vec<Option<&FetchError>> = self
            .errors()
            .into_iter()
            .filter(|e| !e.is_some_and(|e| e.kind == FailureKind::NotRead))
            .collect();
        if attempted.iter().all(|e| {
            e.is_some_and(|e| matches!(e.kind, FailureKind::Unreachable | FailureKind::TimedOut))
        }) {
            attempted.first().copied().flatten()
        } else {
            None
        }
    }
}

/// The clients of one run.
pub struct Clients {
    /// Told when a read has to wait, for a front end to show; silent by default.
    pub waiting: std::sync::Arc<dyn Waiting>,
    pub iam: aws_sdk_iam::Client,
    pub sts: aws_sdk_sts::Client,
    pub account: aws_sdk_account::Client,
    /// Access Analyzer is regional: one client per enabled region is made from this.
    pub analyzer_config: aws_sdk_accessanalyzer::Config,
}

impl Clients {
    pub fn new(config: &aws_config::SdkConfig) -> Self {
        Self::from_builders(config.into(), config.into(), config.into(), config.into())
    }

    /// Every IAM and STS client checks that each XML reply is complete before it is
    /// believed (the JSON APIs' parser refuses a cut reply by itself); every request names
    /// the tool in its User-Agent.
    pub fn from_builders(
        iam: aws_sdk_iam::config::Builder,
        sts: aws_sdk_sts::config::Builder,
        account: aws_sdk_account::config::Builder,
        analyzer: aws_sdk_accessanalyzer::config::Builder,
    ) -> Self {
        use crate::aws::ToolInterceptor;
        Self {
            waiting: std::sync::Arc::new(Silent),
            iam: aws_sdk_iam::Client::from_conf(
                iam.interceptor(CompleteReply)
                    .interceptor(ToolInterceptor)
                    .build(),
            ),
            sts: aws_sdk_sts::Client::from_conf(
                sts.interceptor(CompleteReply)
                    .interceptor(ToolInterceptor)
                    .build(),
            ),
            account: aws_sdk_account::Client::from_conf(
                account.interceptor(ToolInterceptor).build(),
            ),
            analyzer_config: analyzer.interceptor(ToolInterceptor).build(),
        }
    }
}

/// Read what `needs` asks for, all calls concurrently (plus further pages on large
/// accounts). Read-only. What is not needed is marked as not read.
pub async fn fetch(clients: &Clients, needs: &BTreeSet<Source>) -> Snapshot {
    let need = |source| needs.contains(&source);
    let full = need(Source::FullAuthorization);
    let iam = &clients.iam;
    // The reads' futures together are large: on the heap, not in every caller's frame.
    let (
        identity,
        summary,
        password_policy,
        aliases,
        authorization,
        listed_roles,
        credential_report,
        virtual_mfa_devices,
        server_certificates,
        security_contact,
        access_analyzers,
    ) = Box::pin(async {
        tokio::join!(
            read_needed(needs, Source::CallerIdentity, fetch_identity(&clients.sts)),
            read_needed(needs, Source::AccountSummary, fetch_summary(iam)),
            read_needed(needs, Source::PasswordPolicy, fetch_password_policy(iam)),
            read_needed(needs, Source::AccountAliases, fetch_aliases(iam)),
            read_if(
                full || need(Source::Authorization),
                Source::Authorization,
                fetch_authorization(iam, full),
            ),
            // With the roles already in the full details, ListRoles is not needed.
            read_if(
                need(Source::IdentityCenterRoles) && !full,
                Source::IdentityCenterRoles,
                fetch_identity_center_roles(iam),
            ),
            read_needed(
                needs,
                Source::CredentialReport,
                credential_report::fetch(iam, clients.waiting.as_ref())
            ),
            read_needed(
                needs,
                Source::VirtualMfaDevices,
                fetch_virtual_mfa_devices(iam)
            ),
            read_needed(
                needs,
                Source::ServerCertificates,
                fetch_server_certificates(iam)
            ),
            read_needed(
                needs,
                Source::SecurityContact,
                account::fetch_security_contact(&clients.account)
            ),
            read_needed(
                needs,
                Source::AccessAnalyzers,
                account::fetch_access_analyzers(&clients.account, &clients.analyzer_config)
            ),
        )
    })
    .await;
    let identity_center_roles = if full && need(Source::IdentityCenterRoles) {
        authorization
            .as_ref()
            .map(|a| {
                identity_center_role_names(
                    a.roles.iter().map(|r| (r.path.as_str(), r.name.as_str())),
                )
            })
            .map_err(Clone::clone)
    } else {
        listed_roles
    };
    let full_authorization = match full {
        true => authorization.clone(),
        false => not_read(Source::FullAuthorization),
    };
    let attached_aws_policies = match (&full_authorization, need(Source::AttachedAwsPolicies)) {
        (Ok(auth), true) => fetch_attached_aws_policies(iam, auth).await,
        (Err(e), true) => Err(e.clone()),
        (_, false) => not_read(Source::AttachedAwsPolicies),
    };
    Snapshot {
        identity,
        summary,
        password_policy,
        aliases,
        authorization,
        full_authorization,
        attached_aws_policies,
        identity_center_roles,
        credential_report,
        virtual_mfa_devices,
        server_certificates,
        security_contact,
        access_analyzers,
    }
}

async fn fetch_virtual_mfa_devices(iam: &aws_sdk_iam::Client) -> Fetched<Vec<VirtualMfaDevice>> {
    const CALL: Call = Call::ListVirtualMFADevices;
    let pages = paginate(CALL, |marker| {
        page(
            CALL,
            iam.list_virtual_mfa_devices()
                .max_items(1000)
                .set_marker(marker)
                .send(),
        )
    })
    .await?;
    let mut devices = Vec::new();
    for device in pages.iter().flat_map(|p| p.virtual_mfa_devices()) {
        devices.push(VirtualMfaDevice {
            serial: required(
                CALL,
                "a device without SerialNumber",
                Some(device.serial_number()),
            )?,
            // An assigned device must say to whom: an empty ARN would hide root's.
            user_arn: device
                .user()
                .map(|u| required(CALL, "a device's User without Arn", Some(u.arn())))
                .transpose()?,
        });
    }
    Ok(devices)
}

async fn fetch_server_certificates(iam: &aws_sdk_iam::Client) -> Fetched<Vec<ServerCertificate>> {
    const CALL: Call = Call::ListServerCertificates;
    let pages = paginate(CALL, |marker| {
        page(
            CALL,
            iam.list_server_certificates()
                .max_items(1000)
                .set_marker(marker)
                .send(),
        )
    })
    .await?;
    let mut certificates = Vec::new();
    for certificate in pages
        .iter()
        .flat_map(|p| p.server_certificate_metadata_list())
    {
        certificates.push(ServerCertificate {
            name: required(
                CALL,
                "a certificate without ServerCertificateName",
                Some(certificate.server_certificate_name()),
            )?,
            arn: required(CALL, "a certificate without Arn", Some(certificate.arn()))?,
            expiration: certificate.expiration().and_then(to_time),
        });
    }
    Ok(certificates)
}

pub async fn fetch_identity(sts: &aws_sdk_sts::Client) -> Fetched<CallerIdentity> {
    let out = sts
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| fetch_error(Call::GetCallerIdentity, &e))?;
    let account = required(Call::GetCallerIdentity, "no Account", out.account())?;
    if !crate::names::is_account_id(&account) {
        return Err(malformed(
            Call::GetCallerIdentity,
            &format!(
                "Account {:?} is not a 12-digit account id",
                crate::text::printable(&account)
            ),
        ));
    }
    let arn = required(Call::GetCallerIdentity, "no Arn", out.arn())?;
    if !arn.starts_with("arn:") || arn.chars().any(char::is_control) {
        return Err(malformed(Call::GetCallerIdentity, "Arn is not an ARN"));
    }
    Ok(CallerIdentity { account, arn })
}

pub async fn fetch_summary(iam: &aws_sdk_iam::Client) -> Fetched<AccountSummary> {
    let out = iam
        .get_account_summary()
        .send()
        .await
        .map_err(|e| fetch_error(Call::GetAccountSummary, &e))?;
    let map = out.summary_map();
    // Absent keys are unknown (`None`); a value outside the key's range is a malformed reply,
    // never read as 0.
    let value = |key: SummaryKeyType, max: i32| -> Fetched<Option<u32>> {
        match map.and_then(|m| m.get(&key)) {
            None => Ok(None),
            Some(v) if (0..=max).contains(v) => Ok(u32::try_from(*v).ok()),
            Some(v) => Err(malformed(
                Call::GetAccountSummary,
                &format!("{} is {v}", key.as_str()),
            )),
        }
    };
    let flag = |key| value(key, 1).map(|v| v.map(|v| v == 1));
    Ok(AccountSummary {
        root_access_keys_present: flag(SummaryKeyType::AccountAccessKeysPresent)?,
        root_mfa_enabled: flag(SummaryKeyType::AccountMfaEnabled)?,
        // Newer accounts report this key; the SDK may not model it yet.
        root_password_present: flag(SummaryKeyType::from("AccountPasswordPresent"))?,
        users: value(SummaryKeyType::Users, i32::MAX)?,
        identity_providers: value(SummaryKeyType::Providers, i32::MAX)?,
    })
}

pub async fn fetch_password_policy(iam: &aws_sdk_iam::Client) -> Fetched<Option<PasswordPolicy>> {
    let out = match iam.get_account_password_policy().send().await {
        Ok(out) => out,
        Err(err)
            if err
                .as_service_error()
                .is_some_and(|e| e.is_no_such_entity_exception()) =>
        {
            return Ok(None);
        }
        Err(err) => return Err(fetch_error(Call::GetAccountPasswordPolicy, &err)),
    };
    let Some(policy) = out.password_policy() else {
        return Ok(None);
    };
    // IAM's own limits: a value outside them is a malformed reply, not a weaker policy.
    let within = |name: &str, v: Option<i32>, range: std::ops::RangeInclusive<u32>| match v {
        None => Ok(None),
        Some(v) if u32::try_from(v).is_ok_and(|v| range.contains(&v)) => Ok(u32::try_from(v).ok()),
        Some(v) => Err(malformed(
            Call::GetAccountPasswordPolicy,
            &format!("{name} is {v}"),
        )),
    };
    // 0 stands for "not set" in these two fields.
    let positive = |name: &str, v: Option<i32>, range| within(name, v.filter(|v| *v != 0), range);
    Ok(Some(PasswordPolicy {
        // IAM's documented default when the field is absent.
        minimum_password_length: within(
            "MinimumPasswordLength",
            policy.minimum_password_length(),
            IAM_MIN_LENGTH,
        )?
        .unwrap_or(*IAM_MIN_LENGTH.start()),
        require_uppercase_characters: policy.require_uppercase_characters(),
        require_lowercase_characters: policy.require_lowercase_characters(),
        require_numbers: policy.require_numbers(),
        require_symbols: policy.require_symbols(),
        allow_users_to_change_password: policy.allow_users_to_change_password(),
        password_reuse_prevention: positive(
            "PasswordReusePrevention",
            policy.password_reuse_prevention(),
            IAM_REUSE_PREVENTION,
        )?,
        max_password_age: positive("MaxPasswordAge", policy.max_password_age(), IAM_MAX_AGE)?,
        hard_expiry: policy.hard_expiry().unwrap_or(false),
    }))
}

pub async fn fetch_aliases(iam: &aws_sdk_iam::Client) -> Fetched<Vec<String>> {
    let out = iam
        .list_account_aliases()
        .send()
        .await
        .map_err(|e| fetch_error(Call::ListAccountAliases, &e))?;
    // The alias goes into the sign-in URL: only what AWS accepts as an alias is one.
    for alias in out.account_aliases() {
        crate::names::validate_alias(alias)
            .map_err(|e| malformed(Call::ListAccountAliases, &e.to_string()))?;
    }
    Ok(out.account_aliases().to_vec())
}

#[cfg(test)]
mod live_model_tests;
#[cfg(test)]
mod tests;
