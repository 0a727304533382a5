//! Loading AWS configuration and credentials, and turning SDK errors into one readable line.

use std::borrow::Cow;
use std::error::Error as StdError;
use std::time::Duration;

use anyhow::{Result, anyhow, bail};
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::error::CredentialsError;
use aws_runtime::env_config::file::EnvConfigFiles;
use aws_sdk_iam::config::http::HttpResponse;
use aws_sdk_iam::config::{ProvideCredentials, SharedCredentialsProvider};
use aws_sdk_iam::error::{ProvideErrorMetadata, SdkError};
use aws_types::origin::Origin;
use aws_types::os_shim_internal::{Env, Fs};

use crate::api::Call;

/// IAM is a global service signed for us-east-1; any region works for it, but STS and the
/// signer need one, so a machine without a configured region still gets a working default.
pub const FALLBACK_REGION: &str = "us-east-1";

/// A blackholed endpoint must fail within 10 s even after the SDK's three attempts and
/// their backoff (1.5 + 1 + 1.5 + 2 + 1.5 s at worst).
const CONNECT_TIMEOUT: Duration = Duration::from_millis(1500);
const CREDENTIALS_TIMEOUT: Duration = Duration::from_secs(10);

/// Where requests go and as whom, as the user gave it (flags; the environment and the AWS
/// config files fill in the rest).
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
}

/// The SDK configuration for every client of this run, with credentials resolved once.
///
/// A named profile (`--profile`, else `AWS_PROFILE`) selects exactly that profile's
/// credentials: the SDK's default chain would read `AWS_ACCESS_KEY_ID` first and silently
/// audit, or change, another account.
///
/// `call_timeout` bounds each call, retries included.
pub async fn load_config(args: &Options, call_timeout: Duration) -> Result<SdkConfig> {
    if let Some(region) = &args.region {
        validate_region("--region", region)?;
    }
    let profile = args
        .profile
        .clone()
        .or_else(|| std::env::var("AWS_PROFILE").ok())
        .filter(|p| !p.is_empty());
    let retry = sdk_settings(args, profile.as_deref(), &Env::real(), &Fs::real()).await?;
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(retry)
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(CONNECT_TIMEOUT.min(call_timeout))
                .operation_timeout(call_timeout)
                .build(),
        );
    if let Some(name) = &profile {
        loader = loader.profile_name(name).credentials_provider(
            aws_config::profile::ProfileFileCredentialsProvider::builder()
                .profile_name(name)
                .build(),
        );
        if std::env::var_os("AWS_ACCESS_KEY_ID").is_some() {
            crate::output::stderr_line(format!(
                "note: using profile {}; AWS_ACCESS_KEY_ID in the environment is ignored",
                crate::text::printable(name)
            ));
        }
    } else if std::env::var_os("AWS_PROFILE").is_some_and(|p| p.is_empty())
        && std::env::var_os("AWS_ACCESS_KEY_ID").is_some()
    {
        // An empty AWS_PROFILE counts as unset (as the AWS CLI has it), but a script that
        // meant to name one must see that the environment's keys are used instead.
        crate::output::stderr_line(
            "note: AWS_PROFILE is empty, so it names no profile; using AWS_ACCESS_KEY_ID \
             from the environment",
        );
    }
    if let Some(region) = &args.region {
        loader = loader.region(Region::new(region.clone()));
    }
    if let Some(url) = &args.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    let mut config = loader.load().await;
    match config.region() {
        Some(region) => validate_region("the configured region", region.as_ref())?,
        None => {
            config = config
                .into_builder()
                .region(Region::from_static(FALLBACK_REGION))
                .build();
        }
    }
    resolve_credentials(config, profile.as_deref()).await
}

/// The settings the SDK reads for this tool's clients from the environment and the AWS
/// config files (the selected profile and its `[services]` section), each parsed once here
/// before any client exists: the SDK panics on some invalid values (`AWS_MAX_ATTEMPTS=0`,
/// `retry_mode = bogus`, an empty endpoint URL) and turns others into a failure of every
/// call. Returns the retry configuration they ask for, which the loader then takes as given
/// (so the SDK's own, panicking, parse of it never runs).
async fn sdk_settings(
    args: &Options,
    profile: Option<&str>,
    env: &Env,
    fs: &Fs,
) -> Result<RetryConfig> {
    use aws_runtime::env_config::EnvConfigValue;
    // A config file the SDK cannot parse is ignored by its settings providers too.
    let sections = aws_config::profile::load(
        fs,
        env,
        &EnvConfigFiles::default(),
        profile.map(|p| Cow::Owned(p.to_string())),
    )
    .await
    .ok();
    // A named profile that is not in the files: say which ones are, before anything else.
    if let (Some(name), Some(sections)) = (profile, &sections)
        && sections.get_profile(name).is_none()
    {
        let mut known: Vec<&str> = sections.profiles().collect();
        known.sort_unstable();
        let there = match known.is_empty() {
            true => "they define no profile".to_string(),
            false => format!("profiles there: {}", known.join(", ")),
        };
        bail!(
            "profile {} is not in ~/.aws/config or ~/.aws/credentials ({there}); nothing was \
             sent",
            crate::text::Untrusted(name)
        );
    }
    let setting =
        |env_key: &'static str, profile_key: &'static str, service: Option<&'static str>| {
            let mut value = EnvConfigValue::new().env(env_key).profile(profile_key);
            if let Some(service) = service {
                value = value.service_id(service);
            }
            let (value, source) = value.load(env, sections.as_ref())?;
            // Where it came from, in the words a user would search their setup for.
            let origin: Origin = (&source).into();
            let profile = sections
                .as_ref()
                .map_or("default", |s| s.selected_profile());
            let service = service.unwrap_or_default();
            let source = if origin == Origin::service_environment_variable() {
                format!("{env_key}_{}", service.to_uppercase())
            } else if origin == Origin::shared_environment_variable() {
                env_key.to_string()
            } else if origin == Origin::service_profile_file() {
                format!(
                    "{profile_key} of {} in the [services] section of profile {profile}",
                    service.to_lowercase()
                )
            } else {
                format!("{profile_key} in profile {profile}")
            };
            Some((value.into_owned(), source))
        };
    let invalid = |value: &str, source: &str, expected: &str| {
        anyhow!("{source} {}: {expected}", printable_quoted(value))
    };

    let mut given: Vec<(String, String)> = args
        .endpoint_url
        .iter()
        .map(|url| (url.clone(), "--endpoint-url".to_string()))
        .collect();
    for service in Call::SERVICE_IDS {
        given.extend(setting("AWS_ENDPOINT_URL", "endpoint_url", Some(service)));
    }
    for (url, source) in given {
        if !is_endpoint_url(&url) {
            return Err(invalid(
                &url,
                &source,
                "not an http(s) URL with a host, such as http://127.0.0.1:5000",
            ));
        }
    }

    let mut retry = match setting("AWS_RETRY_MODE", "retry_mode", None) {
        None => RetryConfig::standard(),
        Some((value, source)) => match value.trim().to_ascii_lowercase().as_str() {
            "standard" => RetryConfig::standard(),
            "adaptive" => RetryConfig::adaptive(),
            _ => {
                return Err(invalid(
                    &value,
                    &source,
                    "the retry mode is standard or adaptive",
                ));
            }
        },
    };
    if let Some((value, source)) = setting("AWS_MAX_ATTEMPTS", "max_attempts", None) {
        match value.trim().parse::<u32>() {
            Ok(attempts) if (1..=MAX_ATTEMPTS).contains(&attempts) => {
                retry = retry.with_max_attempts(attempts);
            }
            _ => {
                return Err(invalid(
                    &value,
                    &source,
                    &format!("the number of attempts is a whole number from 1 to {MAX_ATTEMPTS}"),
                ));
            }
        }
    }
    Ok(retry)
}

/// More attempts than this would hold a run for minutes on one throttled call.
const MAX_ATTEMPTS: u32 = 100;

/// An endpoint must be an http(s) URL with a host: the SDK panics on an empty one and turns
/// a malformed one into a failure of every call.
fn is_endpoint_url(url: &str) -> bool {
    url.parse::<http::Uri>().is_ok_and(|u| {
        matches!(u.scheme_str(), Some("http" | "https")) && u.host().is_some_and(|h| !h.is_empty())
    })
}

/// Region names are lowercase words joined by hyphens (`us-east-1`, `us-gov-west-1`).
pub fn is_region_name(region: &str) -> bool {
    !region.is_empty()
        && region.len() <= 64
        && region.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn validate_region(source: &str, region: &str) -> Result<()> {
    if !is_region_name(region) {
        bail!(
            "{source} {}: not a region name such as us-east-1",
            printable_quoted(region)
        );
    }
    Ok(())
}

fn printable_quoted(text: &str) -> String {
    format!("\"{}\"", crate::text::printable(text))
}

/// Resolve credentials up front: one clear message instead of the same failure from every
/// concurrent call, and every client then signs with the same, already resolved identity.
async fn resolve_credentials(config: SdkConfig, profile: Option<&str>) -> Result<SdkConfig> {
    let provider = config
        .credentials_provider()
        .ok_or_else(|| no_credentials(profile, None))?;
    let credentials = tokio::time::timeout(CREDENTIALS_TIMEOUT, provider.provide_credentials())
        .await
        .map_err(|_| {
            end_credential_helpers();
            match profile {
                Some(name) => anyhow!("profile {name}: timed out resolving its credentials"),
                None => anyhow!("timed out looking for AWS credentials: {HOW_TO_PROVIDE}"),
            }
        })?
        .map_err(|err| no_credentials(profile, Some(err)))?;
    Ok(config
        .into_builder()
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .build())
}

/// End what a `credential_process` started once the run gives up on it: the SDK runs it as
/// `sh -c` and does not kill it when its future is dropped, nor says its process id. While
/// credentials are resolved the tool has no other child, so every descendant of this process
/// is the helper (and what it started): each is sent SIGKILL. Read from `/proc` (Linux);
/// elsewhere nothing is found and nothing is sent.
fn end_credential_helpers() {
    use rustix::process::{Pid, Signal, getpid, kill_process};
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return;
    };
    // (pid, parent pid) of every process, from /proc/PID/stat: "PID (COMM) STATE PPID ...",
    // where COMM may hold spaces and parentheses, so the fields are read after the last ')'.
    let parents: Vec<(i32, i32)> = entries
        .filter_map(|entry| {
            let pid: i32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let (_, fields) = stat.rsplit_once(')')?;
            let parent = fields.split_whitespace().nth(1)?.parse().ok()?;
            Some((pid, parent))
        })
        .collect();
    let mut ours = vec![getpid().as_raw_nonzero().get()];
    let mut at = 0;
    while at < ours.len() {
        let parent = ours[at];
        ours.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(pid, _)| *pid),
        );
        at += 1;
    }
    for pid in ours.into_iter().skip(1).filter_map(Pid::from_raw) {
        let _ = kill_process(pid, Signal::KILL);
    }
}

const HOW_TO_PROVIDE: &str = "provide them with --profile or AWS_PROFILE, AWS_ACCESS_KEY_ID \
                              and AWS_SECRET_ACCESS_KEY, or `aws sso login`";

/// Why there are no credentials, in one line. A named profile never falls back to other
/// credentials, so its failure names it; for the default chain, a source that failed
/// (expired SSO session, instance metadata) says why, in case the user meant to use it.
fn no_credentials(profile: Option<&str>, err: Option<CredentialsError>) -> anyhow::Error {
    let cause = err.as_ref().map(|e| {
        let chain = error_chain(e);
        chain.lines().next().unwrap_or_default().to_string()
    });
    // An IAM Identity Center session that ran out: the one command that renews it.
    let sso_expired = cause.as_deref().is_some_and(|c| {
        let c = c.to_ascii_lowercase();
        c.contains("sso") && (c.contains("expired") || c.contains("token"))
    });
    match (profile, err) {
        (Some(name), _) if sso_expired => anyhow!(
            "profile {name}: its IAM Identity Center session has expired or is missing: run \
             `aws sso login --profile {name}` ({})",
            cause.unwrap_or_default()
        ),
        (Some(name), _) => anyhow!(
            "profile {name} gives no usable credentials (is it in ~/.aws/config or \
             ~/.aws/credentials?): {}",
            cause.unwrap_or_else(|| "no credentials provider".into())
        ),
        (None, None | Some(CredentialsError::CredentialsNotLoaded(_))) => {
            anyhow!("no AWS credentials found: {HOW_TO_PROVIDE}")
        }
        (None, Some(_)) => anyhow!(
            "no usable AWS credentials: {HOW_TO_PROVIDE} (the last source tried said: {})",
            cause.unwrap_or_default()
        ),
    }
}

/// The kind of failure, so that callers can tell "cannot reach AWS at all" from a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// No answer: connection refused or reset, DNS, TLS.
    Unreachable,
    /// No answer within the time allowed (`--timeout`, or the connect timeout).
    TimedOut,
    /// AWS answered with an error code.
    Service,
    /// AWS refused the credentials themselves (expired, unknown, badly signed): no
    /// permission is missing, the credentials must be renewed.
    Credentials,
    /// Anything else (a request that could not be built, a response that could not be read).
    Other,
    /// Not attempted: the run did not need this read.
    NotRead,
    /// Not in the file the run read instead of AWS (`--from-authorization-details`).
    NotInFile,
}

/// One line for a person: `Code: message` for AWS errors, the root cause otherwise.
pub fn describe_sdk_error<E>(err: &SdkError<E, HttpResponse>) -> (FailureKind, String)
where
    E: ProvideErrorMetadata + StdError + 'static,
{
    match err {
        SdkError::ServiceError(service) => {
            let inner = service.err();
            let refused = inner
                .code()
                .is_some_and(|code| CREDENTIAL_ERRORS.contains(&code));
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
            match refused {
                true => (FailureKind::Credentials, text),
                false => (FailureKind::Service, text),
            }
        }
        SdkError::TimeoutError(_) => (FailureKind::TimedOut, "request timed out".into()),
        SdkError::DispatchFailure(failure) => {
            let text = error_chain(err);
            if failure.is_timeout() {
                (FailureKind::TimedOut, text)
            } else if failure.is_io() {
                (FailureKind::Unreachable, text)
            } else {
                (FailureKind::Other, text)
            }
        }
        _ => (FailureKind::Other, error_chain(err)),
    }
}

/// The error codes with which AWS refuses the credentials rather than the request.
const CREDENTIAL_ERRORS: [&str; 7] = [
    "ExpiredToken",
    "ExpiredTokenException",
    "RequestExpired",
    "InvalidClientTokenId",
    "UnrecognizedClientException",
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
];

/// What to do about credentials AWS refused.
pub const RENEW_CREDENTIALS: &str = "the credentials have expired or are not valid: renew them \
     (`aws sso login --profile NAME` for an IAM Identity Center profile, new keys or a new \
     session otherwise) and run again";

/// A failed call as one line, `Call (needs permission): Code: message`, or for refused
/// credentials what to do about them (no permission is missing then): how a failed call is
/// reported wherever its parts need not be kept apart (the snapshot keeps them, for reports).
pub fn call_failed<E>(call: Call, err: &SdkError<E, HttpResponse>) -> anyhow::Error
where
    E: ProvideErrorMetadata + StdError + 'static,
{
    match describe_sdk_error(err) {
        (FailureKind::Credentials, text) => anyhow!("{call}: {text}: {RENEW_CREDENTIALS}"),
        (_, text) if !call.needs_permission() => anyhow!("{call}: {text}"),
        (_, text) => anyhow!("{call} (needs {}): {text}", call.permission()),
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

/// The tool's hooks on every AWS call: its name in each request's User-Agent
/// (`... iam-harden/VERSION`), so that CloudTrail's `userAgent` says which tool made a
/// change (added after signing: SigV4 does not sign the User-Agent header); and with
/// `--verbose` (or `RUST_LOG` set), one line on stderr per call: its name, the HTTP status,
/// the time it took and AWS's request id. Never a request or an answer body: they carry
/// secrets (new keys, passwords, MFA seeds).
#[derive(Debug)]
pub struct ToolInterceptor;

pub const USER_AGENT: &str = concat!("iam-harden/", env!("CARGO_PKG_VERSION"));

static VERBOSE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Log each AWS call on stderr from now on (`--verbose`), or when `RUST_LOG` is set.
pub fn set_verbose(verbose: bool) {
    let asked = verbose || std::env::var_os("RUST_LOG").is_some_and(|v| !v.is_empty());
    VERBOSE.store(asked, std::sync::atomic::Ordering::Relaxed);
}

pub fn is_verbose() -> bool {
    VERBOSE.load(std::sync::atomic::Ordering::Relaxed)
}

/// When the call started, kept in the call's own configuration bag.
#[derive(Debug, Clone)]
struct Started(std::time::Instant);

impl aws_smithy_types::config_bag::Storable for Started {
    type Storer = aws_smithy_types::config_bag::StoreReplace<Self>;
}

impl aws_sdk_iam::config::Intercept for ToolInterceptor {
    fn name(&self) -> &'static str {
        "ToolInterceptor"
    }

    fn read_before_execution(
        &self,
        _: &aws_sdk_iam::config::interceptors::BeforeSerializationInterceptorContextRef<'_>,
        cfg: &mut aws_sdk_iam::config::ConfigBag,
    ) -> Result<(), aws_sdk_iam::error::BoxError> {
        if VERBOSE.load(std::sync::atomic::Ordering::Relaxed) {
            cfg.interceptor_state()
                .store_put(Started(std::time::Instant::now()));
        }
        Ok(())
    }

    fn read_after_execution(
        &self,
        context: &aws_sdk_iam::config::interceptors::FinalizerInterceptorContextRef<'_>,
        _: &aws_sdk_iam::config::RuntimeComponents,
        cfg: &mut aws_sdk_iam::config::ConfigBag,
    ) -> Result<(), aws_sdk_iam::error::BoxError> {
        if !VERBOSE.load(std::sync::atomic::Ordering::Relaxed) {
            return Ok(());
        }
        use aws_smithy_runtime_api::client::orchestrator::Metadata;
        let call = cfg.load::<Metadata>().map_or("a call", |m| m.name());
        let took = cfg.load::<Started>().map_or(String::new(), |s| {
            format!(" in {} ms", s.0.elapsed().as_millis())
        });
        let line = match context.response() {
            Some(response) => {
                let headers = response.headers();
                let id = headers
                    .get("x-amzn-requestid")
                    .or_else(|| headers.get("x-amz-request-id"))
                    .map_or(String::new(), |id| format!(", request id {id}"));
                format!("aws: {call} HTTP {}{took}{id}", response.status().as_u16())
            }
            None => format!("aws: {call} no answer{took}"),
        };
        crate::output::stderr_line(crate::text::printable(&line));
        Ok(())
    }

    fn modify_before_transmit(
        &self,
        context: &mut aws_sdk_iam::config::interceptors::BeforeTransmitInterceptorContextMut<'_>,
        _: &aws_sdk_iam::config::RuntimeComponents,
        _: &mut aws_sdk_iam::config::ConfigBag,
    ) -> Result<(), aws_sdk_iam::error::BoxError> {
        let headers = context.request_mut().headers_mut();
        let value = match headers.get("user-agent") {
            Some(existing) => format!("{existing} {USER_AGENT}"),
            None => USER_AGENT.to_string(),
        };
        headers.insert("user-agent", value);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_config::retry::RetryMode;

    async fn settings(env: &[(&str, &str)], config: Option<&str>) -> Result<RetryConfig> {
        let files: Vec<(&str, &str)> = config
            .map(|c| ("/home/.aws/config", c))
            .into_iter()
            .collect();
        let mut env = env.to_vec();
        env.push(("HOME", "/home"));
        sdk_settings(
            &Options::default(),
            None,
            &Env::from_slice(&env),
            &Fs::from_slice(&files),
        )
        .await
    }

    /// Every service of the calls table: an empty endpoint of it, in the environment or in
    /// the config file's `[services]` section, is refused by name before any client exists.
    #[tokio::test]
    async fn every_services_endpoint_is_checked() {
        for service in Call::SERVICE_IDS {
            let variable = format!("AWS_ENDPOINT_URL_{}", service.to_uppercase());
            let err = settings(&[(&variable, "")], None)
                .await
                .expect_err(&variable);
            assert!(err.to_string().starts_with(&variable), "{err}");
            let config = format!(
                "[default]\nservices = local\n[services local]\n{} =\n  endpoint_url = not a url\n",
                service.to_lowercase()
            );
            let err = settings(&[], Some(&config)).await.expect_err(service);
            assert!(
                err.to_string().contains(&format!(
                    "of {} in the [services] section",
                    service.to_lowercase()
                )),
                "{err}"
            );
        }
        assert!(
            settings(&[("AWS_ENDPOINT_URL_IAM", "http://127.0.0.1:5000")], None)
                .await
                .is_ok()
        );
    }

    #[tokio::test]
    async fn retry_settings_are_parsed_once_and_refused_out_of_range() {
        let retry = settings(
            &[("AWS_MAX_ATTEMPTS", "5"), ("AWS_RETRY_MODE", "Adaptive")],
            None,
        )
        .await
        .expect("valid");
        assert_eq!(
            (retry.max_attempts(), retry.mode()),
            (5, RetryMode::Adaptive)
        );
        let retry = settings(&[], Some("[default]\nmax_attempts = 2\n"))
            .await
            .expect("valid");
        assert_eq!(retry.max_attempts(), 2);
        // The environment wins over the file, as in the SDK.
        let retry = settings(
            &[("AWS_MAX_ATTEMPTS", "4")],
            Some("[default]\nmax_attempts = 0\n"),
        )
        .await
        .expect("the environment wins");
        assert_eq!(retry.max_attempts(), 4);
        for (env, config, names) in [
            (vec![("AWS_MAX_ATTEMPTS", "0")], None, "AWS_MAX_ATTEMPTS"),
            (vec![("AWS_MAX_ATTEMPTS", "101")], None, "AWS_MAX_ATTEMPTS"),
            (vec![("AWS_RETRY_MODE", "legacy")], None, "AWS_RETRY_MODE"),
            (
                vec![],
                Some("[default]\nretry_mode = bogus\n"),
                "retry_mode in profile default",
            ),
        ] {
            let err = settings(&env, config).await.expect_err(names);
            assert!(err.to_string().starts_with(names), "{err}");
        }
    }

    #[tokio::test]
    async fn an_unknown_profile_names_the_ones_that_exist() {
        let files = [(
            "/home/.aws/config",
            "[default]\nregion = us-east-1\n[profile prod]\nregion = eu-west-1\n",
        )];
        let env = Env::from_slice(&[("HOME", "/home")]);
        let options = Options::default();
        let err = sdk_settings(&options, Some("prd"), &env, &Fs::from_slice(&files))
            .await
            .expect_err("unknown");
        assert_eq!(
            err.to_string(),
            "profile prd is not in ~/.aws/config or ~/.aws/credentials (profiles there: \
             default, prod); nothing was sent"
        );
        assert!(
            sdk_settings(&options, Some("prod"), &env, &Fs::from_slice(&files))
                .await
                .is_ok()
        );
    }

    #[test]
    fn an_expired_sso_session_says_how_to_renew_it() {
        let err =
            CredentialsError::provider_error("failed to load SSO token: the SSO token has expired");
        let message = no_credentials(Some("prod"), Some(err)).to_string();
        assert!(
            message.contains("aws sso login --profile prod"),
            "{message}"
        );
        let other = CredentialsError::provider_error("no access key in the profile");
        let message = no_credentials(Some("prod"), Some(other)).to_string();
        assert!(!message.contains("sso login"), "{message}");
    }
}
