//! Loading AWS configuration and credentials, and turning SDK errors into one readable line.

use std::error::Error as StdError;
use std::time::Duration;

use anyhow::{Result, anyhow};
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_iam::config::http::HttpResponse;
use aws_sdk_iam::config::{ProvideCredentials, SharedCredentialsProvider};
use aws_sdk_iam::error::{ProvideErrorMetadata, SdkError};

use crate::cli::GlobalArgs;

/// IAM is a global service signed for us-east-1; any region works for it, but STS and the
/// signer need one, so a machine without a configured region still gets a working default.
const FALLBACK_REGION: &str = "us-east-1";

/// A blackholed endpoint must fail within 10 s even after the SDK's three attempts and
/// their backoff (1.5 + 1 + 1.5 + 2 + 1.5 s at worst).
const CONNECT_TIMEOUT: Duration = Duration::from_millis(1500);
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(20);
const CREDENTIALS_TIMEOUT: Duration = Duration::from_secs(10);

/// The SDK configuration for every client of this run, with credentials resolved once.
pub async fn load_config(args: &GlobalArgs) -> Result<SdkConfig> {
    let mut loader = aws_config::defaults(BehaviorVersion::latest()).timeout_config(
        TimeoutConfig::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .operation_attempt_timeout(ATTEMPT_TIMEOUT)
            .build(),
    );
    if let Some(profile) = &args.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(region) = &args.region {
        loader = loader.region(Region::new(region.clone()));
    }
    if let Some(url) = &args.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    let mut config = loader.load().await;
    if config.region().is_none() {
        config = config
            .into_builder()
            .region(Region::from_static(FALLBACK_REGION))
            .build();
    }
    resolve_credentials(config).await
}

/// Resolve credentials up front: one clear message instead of the same failure from every
/// concurrent call, and every client then signs with the same, already resolved identity.
async fn resolve_credentials(config: SdkConfig) -> Result<SdkConfig> {
    const HOW: &str = "provide them with --profile or AWS_PROFILE, AWS_ACCESS_KEY_ID and \
                       AWS_SECRET_ACCESS_KEY, or `aws sso login`";
    let provider = config
        .credentials_provider()
        .ok_or_else(|| anyhow!("no AWS credentials found: {HOW}"))?;
    let credentials = tokio::time::timeout(CREDENTIALS_TIMEOUT, provider.provide_credentials())
        .await
        .map_err(|_| anyhow!("timed out looking for AWS credentials: {HOW}"))?
        .map_err(|err| match err {
            CredentialsError::CredentialsNotLoaded(_) => anyhow!("no AWS credentials found: {HOW}"),
            // A source that failed (expired SSO session, bad profile, instance metadata):
            // its reason helps when the user meant to use it.
            other => {
                let cause = error_chain(&other);
                let first_line = cause.lines().next().unwrap_or_default();
                anyhow!(
                    "no usable AWS credentials: {HOW} (the last source tried said: {first_line})"
                )
            }
        })?;
    Ok(config
        .into_builder()
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .build())
}

/// The kind of failure, so that callers can tell "cannot reach AWS at all" from a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// No answer: connection refused, DNS, TLS, timeout.
    Unreachable,
    /// AWS answered with an error code.
    Service,
    /// Anything else (a request that could not be built, a response that could not be read).
    Other,
    /// Not attempted: the run did not need this read.
    NotRead,
}

/// One line for a person: `Code: message` for AWS errors, the root cause otherwise.
pub fn describe_sdk_error<E>(err: &SdkError<E, HttpResponse>) -> (FailureKind, String)
where
    E: ProvideErrorMetadata + StdError + 'static,
{
    match err {
        SdkError::ServiceError(service) => {
            let inner = service.err();
            let text = match (inner.code(), inner.message()) {
                (Some(code), Some(message)) if !message.is_empty() => format!("{code}: {message}"),
                (Some(code), _) => code.to_string(),
                // An answer in a shape the SDK cannot read (some emulators, proxies): the
                // HTTP status is the one fact left.
                (None, _) => format!(
                    "HTTP {} with no readable AWS error code",
                    service.raw().status().as_u16()
                ),
            };
            (FailureKind::Service, text)
        }
        SdkError::TimeoutError(_) => (FailureKind::Unreachable, "request timed out".into()),
        SdkError::DispatchFailure(failure) => {
            let text = error_chain(err);
            if failure.is_io() || failure.is_timeout() {
                (FailureKind::Unreachable, text)
            } else {
                (FailureKind::Other, text)
            }
        }
        _ => (FailureKind::Other, error_chain(err)),
    }
}

/// The innermost informative messages of an error chain, joined: the SDK's own top-level
/// Display ("dispatch failure", "service error") says nothing useful by itself.
pub fn error_chain(err: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    // Drop generic wrapper texts when something more specific follows.
    const GENERIC: [&str; 4] = [
        "dispatch failure",
        "service error",
        "io error",
        "other error",
    ];
    let specific: Vec<&String> = parts
        .iter()
        .filter(|p| !GENERIC.contains(&p.as_str()))
        .collect();
    if specific.is_empty() {
        parts.join(": ")
    } else {
        specific
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(": ")
    }
}
