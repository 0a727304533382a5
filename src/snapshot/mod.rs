//! Fetch once, decide purely: one concurrent, read-only pass over the account fills a plain
//! `Snapshot`, and every check is a function of it. Each source keeps its own error, so one
//! denied call turns only the checks that need it into `error`.

use std::collections::BTreeSet;

pub mod account;
pub mod credential_report;
pub mod offline;

use aws_sdk_iam::types::{EntityType, SummaryKeyType};
use serde::Serialize;
use time::OffsetDateTime;

pub use account::{RegionAnalyzers, SecurityContact};
pub use credential_report::CredentialReport;

use crate::api::Call;
use crate::aws::{FailureKind, describe_sdk_error};
use crate::reply::CompleteReply;
use crate::settings::{IAM_MAX_AGE, IAM_MIN_LENGTH, IAM_REUSE_PREVENTION};

/// Roles that IAM Identity Center creates for its permission sets live under this path.
const IDENTITY_CENTER_ROLE_PATH: &str = "/aws-reserved/sso.amazonaws.com/";
const IDENTITY_CENTER_ROLE_PREFIX: &str = "AWSReservedSSO_";

/// One read the snapshot can make. The checks table names the sources each check decides
/// from; a run fetches only what its checks need, and `iam-harden permissions` is built from
/// the same list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    CallerIdentity,
    AccountSummary,
    PasswordPolicy,
    AccountAliases,
    /// Users and groups with their policies.
    Authorization,
    /// IAM Identity Center roles, from one ListRoles page (or from `FullAuthorization`).
    IdentityCenterRoles,
    /// Users, groups, roles and customer managed policies, with policy documents.
    FullAuthorization,
    /// The documents of the AWS managed policies attached to a user, group or role (read
    /// after `FullAuthorization`, which says which are attached).
    AttachedAwsPolicies,
    CredentialReport,
    VirtualMfaDevices,
    ServerCertificates,
    /// The account's SECURITY alternate contact (Account API).
    SecurityContact,
    /// The enabled regions and their IAM Access Analyzers.
    AccessAnalyzers,
}

impl Source {
    /// The IAM permissions the read needs. `sts:GetCallerIdentity` is allowed to every
    /// identity, so it needs none.
    pub fn calls(self) -> &'static [Call] {
        match self {
            Source::CallerIdentity => &[Call::GetCallerIdentity],
            Source::AccountSummary => &[Call::GetAccountSummary],
            Source::PasswordPolicy => &[Call::GetAccountPasswordPolicy],
            Source::AccountAliases => &[Call::ListAccountAliases],
            Source::Authorization | Source::FullAuthorization => {
                &[Call::GetAccountAuthorizationDetails]
            }
            Source::IdentityCenterRoles => &[Call::ListRoles],
            Source::AttachedAwsPolicies => &[Call::GetPolicy, Call::GetPolicyVersion],
            Source::CredentialReport => {
                &[Call::GenerateCredentialReport, Call::GetCredentialReport]
            }
            Source::VirtualMfaDevices => &[Call::ListVirtualMFADevices],
            Source::ServerCertificates => &[Call::ListServerCertificates],
            Source::SecurityContact => &[Call::GetAlternateContact],
            Source::AccessAnalyzers => &[Call::ListRegions, Call::ListAnalyzers],
        }
    }
}

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
    /// A source with no answer because none was asked for: not needed by the run
    /// (`NotRead`), or not in the file the run read instead (`NotInFile`).
    pub fn absent(source: Source, kind: FailureKind, message: String) -> Self {
        let call = match kind {
            FailureKind::NotInFile => "(not in the file)",
            _ => "(not read)",
        };
        Self {
            call,
            permission: source.calls().first().map_or("none", |c| c.permission()),
            kind,
            message,
        }
    }

    /// The sentence a check shows when it cannot decide.
    pub fn reason(&self) -> String {
        match self.kind {
            FailureKind::NotInFile => self.message.clone(),
            // No permission is missing: the credentials themselves were refused.
            FailureKind::Credentials => format!(
                "could not call {}: {}: {}",
                self.call,
                self.message,
                crate::aws::RENEW_CREDENTIALS
            ),
            _ if self.call == Call::GetCallerIdentity.name() => {
                format!("could not call {}: {}", self.call, self.message)
            }
            _ => format!(
                "could not call {} (needs {}): {}",
                self.call, self.permission, self.message
            ),
        }
    }
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason())
    }
}

impl std::error::Error for FetchError {}

pub type Fetched<T> = Result<T, FetchError>;

/// `read` when the run needs `source`, else the not-read placeholder. The read is a future:
/// it does nothing unless awaited here.
async fn read_if<T>(
    needed: bool,
    source: Source,
    read: impl Future<Output = Fetched<T>>,
) -> Fetched<T> {
    match needed {
        true => read.await,
        false => not_read(source),
    }
}

/// `read` when `needs` holds `source`, else the not-read placeholder.
fn read_needed<T>(
    needs: &BTreeSet<Source>,
    source: Source,
    read: impl Future<Output = Fetched<T>>,
) -> impl Future<Output = Fetched<T>> {
    // Not an async fn: one more state machine around every read would enlarge the fetch
    // future (debug builds poll it deep in `fix all`'s stack).
    read_if(needs.contains(&source), source, read)
}

/// The placeholder for a source this run did not need; a check that reads it anyway shows
/// an error rather than a wrong answer.
fn not_read<T>(source: Source) -> Fetched<T> {
    Err(FetchError::absent(
        source,
        FailureKind::NotRead,
        format!("{source:?} was not read in this run"),
    ))
}

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

/// A managed policy attached to a user or group.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ManagedPolicy {
    pub name: String,
    pub arn: String,
}

/// An inline policy with its JSON document (URL-decoded).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InlinePolicy {
    pub name: String,
    pub document: String,
}

/// Where a user's permissions come from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserPermissions {
    pub name: String,
    pub arn: String,
    /// The unique id (`AIDA...`): trust policies may name a user by it.
    pub id: String,
    /// Tags, as `aws:PrincipalTag/KEY` conditions see them.
    pub tags: Vec<(String, String)>,
    pub attached_policies: Vec<ManagedPolicy>,
    pub inline_policies: Vec<InlinePolicy>,
    pub groups: Vec<String>,
    /// The ARN of the managed policy that caps the user's permissions, if any.
    pub permissions_boundary: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupPermissions {
    pub name: String,
    pub arn: String,
    pub attached_policies: Vec<ManagedPolicy>,
    pub inline_policies: Vec<InlinePolicy>,
}

impl GroupPermissions {
    pub fn carries_policy(&self) -> bool {
        !self.attached_policies.is_empty() || !self.inline_policies.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RolePermissions {
    pub name: String,
    pub arn: String,
    /// The unique id (`AROA...`): trust policies may name a role by it.
    pub id: String,
    pub tags: Vec<(String, String)>,
    pub path: String,
    /// The instance profiles holding the role (by ARN): EC2 can run with it only through one.
    pub instance_profiles: Vec<String>,
    pub attached_policies: Vec<ManagedPolicy>,
    pub inline_policies: Vec<InlinePolicy>,
    /// The ARN of the managed policy that caps the role's permissions, if any.
    pub permissions_boundary: Option<String>,
    /// Who may assume the role: its trust policy (`AssumeRolePolicyDocument`), decoded.
    pub trust_policy: String,
}

/// A managed policy (customer managed, or AWS managed and attached) and its default
/// version's document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerPolicy {
    pub name: String,
    pub arn: String,
    pub attachment_count: u32,
    pub document: Option<String>,
    /// The stored versions that are not the default, (version id, document): any of them
    /// becomes the policy with one SetDefaultPolicyVersion.
    pub other_versions: Vec<(String, String)>,
}

/// Principals with their policies, from GetAccountAuthorizationDetails. `roles` and
/// `policies` are filled only when the run reads `Source::FullAuthorization`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Authorization {
    pub users: Vec<UserPermissions>,
    pub groups: Vec<GroupPermissions>,
    pub roles: Vec<RolePermissions>,
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

/// Hears about a read that waits on IAM (the credential report being generated). The
/// snapshot draws nothing itself: a terminal front end shows a spinner, others stay quiet.
pub trait Waiting: Send + Sync {
    /// The wait begins, described in a few words.
    fn started(&self, what: &str);
    /// The read is over, whether it waited or not.
    fn ended(&self);
}

/// Shows nothing.
pub struct Silent;

impl Waiting for Silent {
    fn started(&self, _: &str) {}
    fn ended(&self) {}
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

fn identity_center_role_names<'a>(roles: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<String> {
    let names: BTreeSet<String> = roles
        .filter(|(path, name)| {
            path.starts_with(IDENTITY_CENTER_ROLE_PATH)
                && name.starts_with(IDENTITY_CENTER_ROLE_PREFIX)
        })
        .map(|(_, name)| name.to_string())
        .collect();
    names.into_iter().collect()
}

/// AWS timestamps as `time` values.
fn to_time(value: &aws_sdk_iam::primitives::DateTime) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(value.secs()).ok()
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

/// More pages than any account has (1,000 pages of up to 1,000 entries): a server that
/// never stops is an error, not an endless read.
const MAX_PAGES: usize = 1000;

/// A page of an IAM listing: whether more follow, and where they start.
trait Page {
    fn truncated(&self) -> bool;
    fn next_marker(&self) -> Option<&str>;
}

macro_rules! pages {
    ($($output:ty),*) => {
        $(impl Page for $output {
            fn truncated(&self) -> bool {
                self.is_truncated()
            }
            fn next_marker(&self) -> Option<&str> {
                self.marker()
            }
        })*
    };
}

pages!(
    aws_sdk_iam::operation::list_virtual_mfa_devices::ListVirtualMfaDevicesOutput,
    aws_sdk_iam::operation::list_server_certificates::ListServerCertificatesOutput,
    aws_sdk_iam::operation::get_account_authorization_details::GetAccountAuthorizationDetailsOutput
);

/// One page of `call`, its SDK error made a `FetchError`.
async fn page<T: Page, E>(
    call: Call,
    request: impl Future<
        Output = Result<
            T,
            aws_sdk_iam::error::SdkError<E, aws_sdk_iam::config::http::HttpResponse>,
        >,
    >,
) -> Fetched<T>
where
    E: aws_sdk_iam::error::ProvideErrorMetadata + std::error::Error + 'static,
{
    request.await.map_err(|e| fetch_error(call, &e))
}

/// Read every page of an IAM listing: `read(marker)` returns a page. The pages follow
/// through `pages::Pager` (a marker seen before, a truncated page without one, or more than
/// `MAX_PAGES` pages is an error); the caller bounds the time, as the audit's read does.
async fn paginate<T: Page, Fut>(
    call: Call,
    mut read: impl FnMut(Option<String>) -> Fut,
) -> Fetched<Vec<T>>
where
    Fut: std::future::Future<Output = Fetched<T>>,
{
    let mut pages = Vec::new();
    let mut pager = crate::pages::Pager::new(MAX_PAGES, None);
    let mut marker = None;
    loop {
        let page = read(marker.take()).await?;
        let next = pager
            .next_marked(page.truncated(), page.next_marker())
            .map_err(|stop| malformed(call, &stop.to_string()))?;
        pages.push(page);
        match next {
            Some(next) => marker = Some(next),
            None => return Ok(pages),
        }
    }
}

/// A reply that lacks what a verdict or a write needs.
pub(crate) fn malformed(call: Call, problem: &str) -> FetchError {
    FetchError {
        call: call.name(),
        permission: call.permission(),
        kind: FailureKind::Other,
        message: format!("malformed reply: {problem}"),
    }
}

/// A string field the reply must carry, non-empty.
fn required(call: Call, missing: &str, value: Option<&str>) -> Fetched<String> {
    value
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .ok_or_else(|| malformed(call, missing))
}

fn fetch_error<E>(
    call: Call,
    err: &aws_sdk_iam::error::SdkError<E, aws_sdk_iam::config::http::HttpResponse>,
) -> FetchError
where
    E: aws_sdk_iam::error::ProvideErrorMetadata + std::error::Error + 'static,
{
    let (kind, message) = describe_sdk_error(err);
    FetchError {
        call: call.name(),
        permission: call.permission(),
        kind,
        message,
    }
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

/// Users and groups; with `full`, roles and customer managed policies too. Names and ARNs
/// feed verdicts and the writes of `fix`: an entry without them is a malformed reply.
pub async fn fetch_authorization(iam: &aws_sdk_iam::Client, full: bool) -> Fetched<Authorization> {
    const CALL: Call = Call::GetAccountAuthorizationDetails;
    // Users and groups in one stream of pages, roles and customer managed policies in
    // another, read at once: on a large account the pages, one after the other, are the
    // read's critical path, and two streams halve it for the same number of pages.
    let stream = |filters: [EntityType; 2]| {
        let request = iam
            .get_account_authorization_details()
            .filter(filters[0].clone())
            .filter(filters[1].clone())
            .max_items(1000);
        paginate(CALL, move |marker| {
            page(CALL, request.clone().set_marker(marker).send())
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
            let mut groups = Vec::new();
            for group in user.group_list() {
                groups.push(required(
                    CALL,
                    "an empty group name in a user's GroupList",
                    Some(group),
                )?);
            }
            authorization.users.push(UserPermissions {
                name: required(CALL, "a user without UserName", user.user_name())?,
                arn: required(CALL, "a user without Arn", user.arn())?,
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
            });
        }
        for group in page.group_detail_list() {
            authorization.groups.push(GroupPermissions {
                name: required(CALL, "a group without GroupName", group.group_name())?,
                arn: required(CALL, "a group without Arn", group.arn())?,
                attached_policies: managed(group.attached_managed_policies())?,
                inline_policies: inline_list(
                    group
                        .group_policy_list()
                        .iter()
                        .map(|p| (p.policy_name(), p.policy_document())),
                )?,
            });
        }
        for role in page.role_detail_list() {
            authorization.roles.push(RolePermissions {
                name: required(CALL, "a role without RoleName", role.role_name())?,
                arn: required(CALL, "a role without Arn", role.arn())?,
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
                    CALL,
                    "a role without AssumeRolePolicyDocument",
                    role.assume_role_policy_document(),
                )?),
            });
        }
        for policy in page.policies() {
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
            let arn = required(CALL, "a managed policy without Arn", policy.arn())?;
            let defaults = policy
                .policy_version_list()
                .iter()
                .filter(|v| v.is_default_version())
                .count();
            if let Some(problem) = default_versions(&arn, defaults) {
                return Err(malformed(CALL, &problem));
            }
            authorization.policies.push(CustomerPolicy {
                other_versions,
                name: policy_name(policy.policy_name(), &arn),
                attachment_count: policy
                    .attachment_count()
                    .and_then(|c| u32::try_from(c).ok())
                    .unwrap_or(0),
                arn,
                document: default_document,
            });
        }
    }
    if let Some(problem) = authorization.incomplete() {
        return Err(malformed(CALL, &problem));
    }
    Ok(authorization)
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
fn url_decoded(raw: &str) -> String {
    percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .map(|d| d.into_owned())
        .unwrap_or_else(|_| raw.to_string())
}

/// How many policies are read at once: a handful of requests in flight, not one per policy.
const POLICY_READS_IN_FLIGHT: usize = 8;

/// The AWS managed policies attached to a user, group or role, each read with GetPolicy
/// (for its default version) and GetPolicyVersion (for the document): only those attached,
/// not the 1,300 AWS publishes.
async fn fetch_attached_aws_policies(
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

/// An AWS managed policy's ARN, in any partition (`arn:aws:iam::aws:policy/...`).
pub fn is_aws_managed_arn(arn: &str) -> bool {
    arn.starts_with("arn:aws") && arn.contains(":iam::aws:policy/")
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
async fn fetch_identity_center_roles(iam: &aws_sdk_iam::Client) -> Fetched<Vec<String>> {
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

#[cfg(test)]
mod tests;
