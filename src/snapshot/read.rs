//! What every read of the account shares: the sources a run may read, the error each keeps
//! (so that one denied call turns only the checks that need it into `error`), the waiting
//! signal, and the one pager of IAM listings.

use std::collections::BTreeSet;

use time::OffsetDateTime;

use crate::api::Call;
use crate::aws::{FailureKind, describe_sdk_error};

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
pub(super) async fn read_if<T>(
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
pub(super) fn read_needed<T>(
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
pub(super) fn not_read<T>(source: Source) -> Fetched<T> {
    Err(FetchError::absent(
        source,
        FailureKind::NotRead,
        format!("{source:?} was not read in this run"),
    ))
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

/// AWS timestamps as `time` values.
pub(super) fn to_time(value: &aws_sdk_iam::primitives::DateTime) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(value.secs()).ok()
}

/// More pages than any account has (1,000 pages of up to 1,000 entries): a server that
/// never stops is an error, not an endless read.
pub(super) const MAX_PAGES: usize = 1000;

/// A page of an IAM listing: whether more follow, and where they start.
pub(super) trait Page {
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
pub(super) async fn page<T: Page, E>(
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
pub(super) async fn paginate<T: Page, Fut>(
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
pub fn malformed(call: Call, problem: &str) -> FetchError {
    FetchError {
        call: call.name(),
        permission: call.permission(),
        kind: FailureKind::Other,
        message: format!("malformed reply: {problem}"),
    }
}

/// A string field the reply must carry, non-empty.
pub(super) fn required(call: Call, missing: &str, value: Option<&str>) -> Fetched<String> {
    value
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .ok_or_else(|| malformed(call, missing))
}

pub(super) fn fetch_error<E>(
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
