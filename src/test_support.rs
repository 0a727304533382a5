//! Test support in one place: SDK clients whose HTTP layer answers with real-shaped IAM, STS
//! and JSON-API replies (so that the SDK's own deserializers and retry logic run on states no
//! emulator produces), reply fixtures, and snapshots for the checks' unit tests.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_sdk_iam::config::{BehaviorVersion, Credentials, Region};
use aws_smithy_http_client::test_util::infallible_client_fn;
use aws_smithy_types::retry::RetryConfig;

use time::OffsetDateTime;

use crate::aws::FailureKind;
use crate::snapshot::credential_report;
use crate::snapshot::*;

/// A recorded reply under `tests/fixtures/`, compiled in. `{name}` placeholders in a
/// fixture are filled by the test with `str::replace`.
macro_rules! fixture {
    ($path:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/",
            $path
        ))
    };
}
pub(crate) use fixture;

pub const NS: &str = "https://iam.amazonaws.com/doc/2010-05-08/";

pub fn summary_xml(entries: &[(&str, i32)]) -> String {
    let entries: String = entries
        .iter()
        .map(|(k, v)| format!("<entry><key>{k}</key><value>{v}</value></entry>"))
        .collect();
    format!(
        r#"<GetAccountSummaryResponse xmlns="{NS}"><GetAccountSummaryResult><SummaryMap>{entries}</SummaryMap></GetAccountSummaryResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetAccountSummaryResponse>"#
    )
}

/// A successful IAM answer: `<{action}Response><{action}Result>{result}</...>`.
pub fn response_xml(action: &str, result: &str) -> String {
    format!(
        r#"<{action}Response xmlns="{NS}"><{action}Result>{result}</{action}Result><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></{action}Response>"#
    )
}

/// STS GetCallerIdentity for `arn` in account 111122223333.
pub fn caller_identity_xml(arn: &str) -> String {
    format!(
        r#"<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>{arn}</Arn><UserId>AIDAEXAMPLE</UserId><Account>111122223333</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>s1</RequestId></ResponseMetadata></GetCallerIdentityResponse>"#
    )
}

pub fn error_xml(code: &str, message: &str) -> String {
    format!(
        r#"<ErrorResponse xmlns="{NS}"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>e1</RequestId></ErrorResponse>"#
    )
}

/// The operation of a JSON API request (Account, Access Analyzer), from its path.
fn rest_action(request: &http::Request<aws_smithy_types::body::SdkBody>) -> String {
    match request.uri().path() {
        "/analyzer" => "ListAnalyzers".into(),
        path => {
            let name = path.trim_start_matches('/');
            let mut chars = name.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        }
    }
}

/// Clients whose HTTP layer answers with `answer(action, body)`: the query protocol's form
/// body (`Action=...`) for IAM and STS, the path's operation for the JSON APIs. Records
/// every request's body (or, for JSON APIs, the action), in order. Answers starting with
/// `{` are sent as JSON, others as XML.
pub fn clients(
    answer: impl Fn(&str, &str) -> (u16, String) + Send + Sync + 'static,
) -> (Clients, Arc<Mutex<Vec<String>>>) {
    let (http, seen) = recording_http(answer);
    (clients_over(http), seen)
}

/// A Security Hub client over `recording_http`, as `clients` makes the others.
pub fn security_hub(
    answer: impl Fn(&str, &str) -> (u16, String) + Send + Sync + 'static,
) -> (aws_sdk_securityhub::Client, Arc<Mutex<Vec<String>>>) {
    let (http, seen) = recording_http(answer);
    let config = aws_sdk_securityhub::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(
            "AKIDEXAMPLE",
            "secret",
            None,
            None,
            "test",
        ))
        .http_client(http)
        .retry_config(RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)))
        .build();
    (aws_sdk_securityhub::Client::from_conf(config), seen)
}

/// An HTTP layer that answers with `answer(action, body)` and records every request.
fn recording_http(
    answer: impl Fn(&str, &str) -> (u16, String) + Send + Sync + 'static,
) -> (
    aws_sdk_iam::config::SharedHttpClient,
    Arc<Mutex<Vec<String>>>,
) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let http = infallible_client_fn(
        move |request: http::Request<aws_smithy_types::body::SdkBody>| {
            let body = std::str::from_utf8(request.body().bytes().expect("in-memory body"))
                .expect("utf-8 body")
                .to_string();
            let (action, logged) = match body.split('&').find_map(|kv| kv.strip_prefix("Action=")) {
                Some(action) => (action.to_string(), body.clone()),
                None => {
                    let action = rest_action(&request);
                    (action.clone(), format!("Action={action}&{body}"))
                }
            };
            log.lock().expect("log").push(logged);
            let (status, answer) = answer(&action, &body);
            let content_type = if answer.starts_with('{') {
                "application/json"
            } else {
                "text/xml"
            };
            http::Response::builder()
                .status(status)
                .header("content-type", content_type)
                .body(answer)
                .expect("response")
        },
    );
    (http, seen)
}

/// Every client of a run over `http`, with test credentials and quick retries.
fn clients_over(http: aws_sdk_iam::config::SharedHttpClient) -> Clients {
    let credentials = Credentials::new("AKIDEXAMPLE", "secret", None, None, "test");
    let retry = RetryConfig::standard().with_initial_backoff(Duration::from_millis(1));
    let region = Region::new("us-east-1");
    let iam = aws_sdk_iam::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(region.clone())
        .credentials_provider(credentials.clone())
        .http_client(http.clone())
        .retry_config(retry.clone());
    let sts = aws_sdk_sts::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(region.clone())
        .credentials_provider(credentials.clone())
        .http_client(http.clone())
        .retry_config(retry.clone());
    let account = aws_sdk_account::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(region.clone())
        .credentials_provider(credentials.clone())
        .http_client(http.clone())
        .retry_config(retry.clone());
    let analyzer = aws_sdk_accessanalyzer::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(region)
        .credentials_provider(credentials)
        .http_client(http)
        .retry_config(retry);
    Clients::from_builders(iam, sts, account, analyzer)
}

/// Clients whose Account and Access Analyzer calls are answered by `answer(method, path and
/// query, host)` with JSON; the IAM and STS clients are unused. Records every request.
pub fn json_clients(
    answer: impl Fn(&str, &str, &str) -> (u16, String) + Send + Sync + 'static,
) -> (Clients, Arc<Mutex<Vec<String>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let http = infallible_client_fn(
        move |request: http::Request<aws_smithy_types::body::SdkBody>| {
            let target = request
                .uri()
                .path_and_query()
                .map(|p| p.as_str().to_string())
                .unwrap_or_default();
            let host = request.uri().host().unwrap_or_default().to_string();
            log.lock()
                .expect("log")
                .push(format!("{} {host}{target}", request.method()));
            let (status, json) = answer(request.method().as_str(), &target, &host);
            http::Response::builder()
                .status(status)
                .header("content-type", "application/json")
                .body(json)
                .expect("response")
        },
    );
    (clients_over(http), seen)
}

/// A snapshot on which every check is green.
pub fn green_snapshot() -> Snapshot {
    // One user in one group that carries a policy.
    let authorization = Authorization {
        users: vec![UserPermissions {
            name: "alice".into(),
            groups: vec!["Administrators".into()],
            ..Default::default()
        }],
        groups: vec![GroupPermissions {
            name: "Administrators".into(),
            arn: "arn:aws:iam::123456789012:group/Administrators".into(),
            attached_policies: vec![ManagedPolicy {
                name: "ReadOnlyAccess".into(),
                arn: "arn:aws:iam::aws:policy/ReadOnlyAccess".into(),
            }],
            inline_policies: vec![],
        }],
        ..Default::default()
    };
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
        password_policy: Ok(Some(baseline_policy(14))),
        aliases: Ok(vec![]),
        authorization: Ok(authorization.clone()),
        full_authorization: Ok(authorization),
        attached_aws_policies: Ok(vec![CustomerPolicy {
            name: "ReadOnlyAccess".into(),
            arn: "arn:aws:iam::aws:policy/ReadOnlyAccess".into(),
            attachment_count: 1,
            document: Some(
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:Get*","s3:List*"],"Resource":"*"}]}"#
                    .into(),
            ),
            other_versions: Vec::new(),
        }]),
        identity_center_roles: Ok(vec![]),
        credential_report: Ok(CredentialReport {
            generated_at: OffsetDateTime::UNIX_EPOCH,
            rows: vec![],
        }),
        virtual_mfa_devices: Ok(vec![]),
        server_certificates: Ok(vec![]),
        security_contact: Ok(Some(SecurityContact {
            name: "Security team".into(),
            email: "security@example.com".into(),
            phone: "+1 555 0100".into(),
        })),
        access_analyzers: Ok(vec![RegionAnalyzers {
            region: "us-east-1".into(),
            active: vec!["account-analyzer".into()],
        }]),
    }
}

/// A policy that meets the default baseline, with the given minimum length.
pub fn baseline_policy(minimum_password_length: u32) -> PasswordPolicy {
    PasswordPolicy {
        minimum_password_length,
        require_uppercase_characters: true,
        require_lowercase_characters: true,
        require_numbers: true,
        require_symbols: true,
        allow_users_to_change_password: true,
        password_reuse_prevention: Some(24),
        max_password_age: None,
        hard_expiry: false,
    }
}

/// A point in time from RFC 3339, for day-count tests.
pub fn at(text: &str) -> OffsetDateTime {
    OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .expect("RFC 3339 time")
}

/// A credential-report row for a user with nothing enabled.
pub fn row(user: &str) -> credential_report::CredentialRow {
    credential_report::CredentialRow {
        user: user.into(),
        arn: format!("arn:aws:iam::123456789012:user/{user}"),
        user_creation_time: Some(at("2026-01-01T00:00:00Z")),
        password_enabled: Some(false),
        password_last_used: None,
        password_last_changed: None,
        mfa_active: false,
        access_keys: Default::default(),
    }
}

/// The green snapshot with these credential-report rows.
pub fn with_rows(rows: Vec<credential_report::CredentialRow>) -> Snapshot {
    let mut snapshot = green_snapshot();
    snapshot.credential_report = Ok(CredentialReport {
        generated_at: at("2026-11-28T08:00:00Z"),
        rows,
    });
    snapshot
}

pub fn denied(call: &'static str, permission: &'static str) -> FetchError {
    FetchError {
        call,
        permission,
        kind: FailureKind::Service,
        message: format!("AccessDenied: not authorized to perform: {permission}"),
    }
}

/// A GetAccountAuthorizationDetails reply as IAM shapes it for the request's `Filter`: the
/// lists of entity types not asked for are empty (the audit reads users and groups in one
/// stream of pages, roles and policies in another).
pub fn filtered_details(request: &str, reply: &str) -> String {
    let asked = |kind: &str| {
        request.contains(&format!("={kind}&")) || request.ends_with(&format!("={kind}"))
    };
    let mut reply = reply.to_string();
    for (kind, list) in [
        ("User", "UserDetailList"),
        ("Group", "GroupDetailList"),
        ("Role", "RoleDetailList"),
        ("LocalManagedPolicy", "Policies"),
    ] {
        let (open, close) = (format!("<{list}>"), format!("</{list}>"));
        if !asked(kind)
            && let (Some(start), Some(end)) = (reply.find(&open), reply.find(&close))
        {
            reply.replace_range(start..end + close.len(), &format!("<{list}/>"));
        }
    }
    reply
}
