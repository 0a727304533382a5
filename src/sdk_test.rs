//! Test support: SDK clients whose HTTP layer answers with real-shaped IAM and STS XML, so
//! that the SDK's own deserializers and retry logic run on states no emulator produces.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_sdk_iam::config::{BehaviorVersion, Credentials, Region};
use aws_smithy_http_client::test_util::infallible_client_fn;
use aws_smithy_types::retry::RetryConfig;

use crate::snapshot::Clients;

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
