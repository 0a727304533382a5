//! The fetch layer against real-shaped IAM, STS and Account replies, through the SDK's own
//! HTTP stack and deserializers, for states the local server cannot produce: malformed and
//! cut replies, denials, the credential report's generation states, expired reports.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::*;
use crate::checks::{CHECKS, sources_for};
use crate::test_support::{
    at, caller_identity_xml, clients, error_xml, filtered_details, fixture, response_xml,
    summary_xml,
};

fn ok_answer(action: &str) -> (u16, String) {
    let body = match action {
        "GetCallerIdentity" => caller_identity_xml("arn:aws:iam::111122223333:root"),
        "GetAccountSummary" => summary_xml(&[
            ("Users", 2),
            ("Providers", 0),
            ("AccountMFAEnabled", 1),
            ("AccountAccessKeysPresent", 1),
            ("AccountPasswordPresent", 1),
        ]),
        "GetAccountPasswordPolicy" => fixture!("iam/get-account-password-policy.xml").to_string(),
        "ListAccountAliases" => fixture!("iam/list-account-aliases.xml").to_string(),
        "ListRoles" => fixture!("iam/list-roles.xml").to_string(),
        "GetAccountAuthorizationDetails" => authorization_page("alice", Some("page2")),
        other => panic!("unexpected action {other}"),
    };
    (200, body)
}

fn authorization_page(user: &str, marker: Option<&str>) -> String {
    let (truncated, marker) = match marker {
        Some(m) => ("true", format!("<Marker>{m}</Marker>")),
        None => ("false", String::new()),
    };
    fixture!("iam/get-account-authorization-details-page.xml")
        .replace("{marker}", &marker)
        .replace("{truncated}", truncated)
        .replace("{user}", user)
}

fn paged(action: &str, body: &str) -> (u16, String) {
    if action == "GetAccountAuthorizationDetails" && body.contains("Marker=page2") {
        (200, authorization_page("bob", None))
    } else {
        ok_answer(action)
    }
}

#[tokio::test]
async fn reads_root_state_that_moto_cannot_produce() {
    let (clients, _) = clients(paged);
    let snapshot = fetch(&clients, &crate::checks::console_sources()).await;
    let summary = snapshot.summary.expect("summary");
    assert_eq!(summary.root_mfa_enabled, Some(true));
    assert_eq!(summary.root_access_keys_present, Some(true));
    assert_eq!(summary.root_password_present, Some(true));
    assert_eq!(summary.users, Some(2));
    let identity = snapshot.identity.expect("identity");
    assert!(identity.arn.ends_with(":root"));
    assert_eq!(snapshot.aliases.expect("aliases"), ["acme-prod"]);
    let policy = snapshot.password_policy.expect("policy").expect("present");
    assert_eq!(policy.minimum_password_length, 16);
    assert_eq!(policy.max_password_age, Some(90));
    assert_eq!(
        snapshot.identity_center_roles.expect("roles"),
        ["AWSReservedSSO_AdministratorAccess_0123456789abcdef"]
    );
}

#[tokio::test]
async fn follows_authorization_pages_and_sends_the_filters() {
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&bodies);
    let (clients, seen) = clients(move |action, body| {
        if action == "GetAccountAuthorizationDetails" {
            record.lock().expect("bodies").push(body.to_string());
        }
        paged(action, body)
    });
    let snapshot = fetch(&clients, &crate::checks::console_sources()).await;
    let authorization = snapshot.authorization.expect("authorization");
    let users: Vec<&str> = authorization
        .users
        .iter()
        .map(|u| u.name.as_str())
        .collect();
    assert_eq!(users, ["alice", "bob"]);
    let alice = &authorization.users[0];
    assert_eq!(alice.attached_policies[0].name, "ReadOnlyAccess");
    assert_eq!(
        alice.attached_policies[0].arn,
        "arn:aws:iam::aws:policy/ReadOnlyAccess"
    );
    assert_eq!(alice.inline_policies[0].name, "inline-alice");
    assert_eq!(
        alice.inline_policies[0].document, r#"{"Version":"2012-10-17","Statement":[]}"#,
        "URL-decoded"
    );
    assert_eq!(authorization.groups.len(), 2);
    assert!(authorization.groups[0].carries_policy());
    let bodies = bodies.lock().expect("bodies");
    assert_eq!(bodies.len(), 2);
    assert!(bodies[0].contains("Filter.member.1=User"));
    assert!(bodies[0].contains("Filter.member.2=Group"));
    assert!(
        !bodies[0].contains("Role"),
        "roles are not loaded: {}",
        bodies[0]
    );
    // Six first requests plus one more page: no per-user calls.
    assert_eq!(seen.lock().expect("seen").len(), 7);
}

#[tokio::test]
async fn access_denied_spoils_only_its_own_source() {
    let (clients, _) = clients(|action, body| {
        if action == "GetAccountPasswordPolicy" {
            (
                403,
                error_xml(
                    "AccessDenied",
                    "User: arn:aws:iam::111122223333:user/audit is not authorized to perform: iam:GetAccountPasswordPolicy",
                ),
            )
        } else {
            paged(action, body)
        }
    });
    let snapshot = fetch(&clients, &crate::checks::console_sources()).await;
    let err = snapshot.password_policy.clone().expect_err("denied");
    assert_eq!(err.kind, FailureKind::Service);
    assert_eq!(err.permission, "iam:GetAccountPasswordPolicy");
    assert!(
        err.message
            .starts_with("AccessDenied: User: arn:aws:iam::111122223333:user/audit"),
        "{}",
        err.message
    );
    assert!(snapshot.summary.is_ok());
    assert!(snapshot.authorization.is_ok());
    assert!(snapshot.unreachable().is_none());
}

#[tokio::test]
async fn missing_password_policy_is_none_not_an_error() {
    let (clients, _) = clients(|action, body| {
        if action == "GetAccountPasswordPolicy" {
            (
                404,
                error_xml(
                    "NoSuchEntity",
                    "The Password Policy with domain name 111122223333 cannot be found.",
                ),
            )
        } else {
            paged(action, body)
        }
    });
    assert_eq!(
        fetch(&clients, &crate::checks::console_sources())
            .await
            .password_policy,
        Ok(None)
    );
}

#[tokio::test]
async fn throttling_is_retried_then_reported_by_code() {
    let attempts = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&attempts);
    let (clients, _) = clients(move |action, body| {
        if action == "GetAccountSummary" {
            counter.fetch_add(1, Ordering::SeqCst);
            (400, error_xml("Throttling", "Rate exceeded"))
        } else {
            paged(action, body)
        }
    });
    let snapshot = fetch(&clients, &crate::checks::console_sources()).await;
    let err = snapshot.summary.expect_err("throttled");
    assert_eq!(err.message, "Throttling: Rate exceeded");
    assert_eq!(err.call, "GetAccountSummary");
    // The SDK's standard retry mode: three attempts in all.
    assert_eq!(attempts.load(Ordering::SeqCst), 3);
}

/// Values IAM never returns are a malformed reply, not a weaker or stronger policy.
#[tokio::test]
async fn a_password_policy_outside_iams_limits_is_an_error() {
    for (field, good, bad) in [
        ("MinimumPasswordLength", 16, 3),
        ("PasswordReusePrevention", 24, 99),
    ] {
        let (clients, _) = clients(move |action, body| {
            let (status, xml) = paged(action, body);
            let xml = xml.replace(
                &format!("<{field}>{good}</{field}>"),
                &format!("<{field}>{bad}</{field}>"),
            );
            (status, xml)
        });
        let err = fetch(&clients, &crate::checks::console_sources())
            .await
            .password_policy
            .expect_err(field);
        assert!(
            err.message.contains(&format!("{field} is {bad}")),
            "{}",
            err.message
        );
    }
}

#[tokio::test]
async fn absent_summary_keys_are_unknown() {
    let (clients, _) = clients(|action, body| {
        if action == "GetAccountSummary" {
            (200, summary_xml(&[("Users", 0)]))
        } else {
            paged(action, body)
        }
    });
    let summary = fetch(&clients, &crate::checks::console_sources())
        .await
        .summary
        .expect("summary");
    assert_eq!(summary.root_mfa_enabled, None);
    assert_eq!(summary.root_access_keys_present, None);
    assert_eq!(summary.users, Some(0));
}

const CSV: &str = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated
<root_account>,arn:aws:iam::111122223333:root,2019-01-01T00:00:00+00:00,not_supported,2026-11-20T08:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
alice,arn:aws:iam::111122223333:user/alice,2024-01-01T00:00:00+00:00,true,2026-11-27T09:00:00+00:00,2024-01-02T00:00:00+00:00,N/A,false,true,2025-01-01T00:00:00+00:00,2026-11-27T09:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
";

fn ok(action: &str) -> String {
    match action {
        "GetCallerIdentity" => caller_identity_xml("arn:aws:iam::111122223333:user/audit"),
        "GetAccountSummary" => summary_xml(&[
            ("Users", 1),
            ("Providers", 0),
            ("AccountMFAEnabled", 1),
            ("AccountAccessKeysPresent", 0),
        ]),
        "GetAccountPasswordPolicy" => error_xml("NoSuchEntity", "no policy"),
        "ListAccountAliases" => response_xml(
            "ListAccountAliases",
            "<AccountAliases/><IsTruncated>false</IsTruncated>",
        ),
        "GetAccountAuthorizationDetails" => fixture!("iam/get-account-authorization-details.xml").into(),
        "ListVirtualMFADevices" => fixture!("iam/list-virtual-mfa-devices.xml").into(),
        "ListServerCertificates" => fixture!("iam/list-server-certificates.xml").into(),
        "GenerateCredentialReport" => response_xml(
            "GenerateCredentialReport",
            "<State>COMPLETE</State><Description>ok</Description>",
        ),
        "GetCredentialReport" => response_xml(
            "GetCredentialReport",
            &format!(
                "<Content>{}</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>2026-11-28T08:00:00Z</GeneratedTime>",
                aws_smithy_types::base64::encode(CSV.as_bytes())
            ),
        ),
        "GetAlternateContact" => r#"{"AlternateContact":{"AlternateContactType":"SECURITY","EmailAddress":"security@example.com","Name":"Security team","PhoneNumber":"+1 555 0100","Title":"Security"}}"#.into(),
        "ListRegions" => r#"{"Regions":[{"RegionName":"us-east-1","RegionOptStatus":"ENABLED_BY_DEFAULT"}]}"#.into(),
        "ListAnalyzers" => r#"{"analyzers":[{"arn":"arn:aws:access-analyzer:us-east-1:111122223333:analyzer/a","name":"a","type":"ACCOUNT","createdAt":"2024-01-01T00:00:00Z","status":"ACTIVE"}]}"#.into(),
        // The one AWS managed policy attached in these details (to the Identity Center role).
        "GetPolicy" => fixture!("iam/get-policy.xml").into(),
        "GetPolicyVersion" => fixture!("iam/get-policy-version.xml").into(),
        other => panic!("unexpected call {other}"),
    }
}

fn status(action: &str, body: &str) -> u16 {
    if body.starts_with("<ErrorResponse") {
        if action == "GetAccountPasswordPolicy" {
            404
        } else {
            400
        }
    } else {
        200
    }
}

fn all_sources() -> BTreeSet<Source> {
    sources_for(CHECKS.iter())
}

fn action_of(body: &str) -> String {
    body.split('&')
        .find_map(|kv| kv.strip_prefix("Action="))
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn all_checks_read_everything_in_a_handful_of_requests() {
    let (clients, seen) = clients(|action, request| {
        let body = match action {
            "GetAccountAuthorizationDetails" => filtered_details(request, &ok(action)),
            _ => ok(action),
        };
        (status(action, &body), body)
    });
    let snapshot = fetch(&clients, &all_sources()).await;

    let report = snapshot.credential_report.expect("credential report");
    let root = report.root().expect("root row");
    assert!(root.password_last_used.is_some());
    assert_eq!(report.users().count(), 1);
    let auth = snapshot.full_authorization.expect("authorization");
    assert_eq!(auth.roles.len(), 1);
    assert_eq!(auth.policies[0].attachment_count, 1);
    assert!(
        auth.policies[0]
            .document
            .as_deref()
            .is_some_and(|d| d.contains(r#""Action":"*""#)),
        "the default version, URL-decoded: {:?}",
        auth.policies[0].document
    );
    assert_eq!(
        snapshot.identity_center_roles.expect("roles"),
        ["AWSReservedSSO_Admin_1"],
        "taken from the full details"
    );
    let devices = snapshot.virtual_mfa_devices.expect("devices");
    assert_eq!(
        devices[0].user_arn.as_deref(),
        Some("arn:aws:iam::111122223333:root")
    );
    let certificates = snapshot.server_certificates.expect("certificates");
    assert_eq!(certificates[0].name, "old-site");

    let bodies = seen.lock().expect("seen").clone();
    let actions: Vec<String> = bodies.iter().map(|b| action_of(b)).collect();
    assert!(!actions.contains(&"ListRoles".to_string()), "{actions:?}");
    // Two streams of pages, read at once: users and groups, roles and customer policies.
    let mut filters: Vec<&str> = bodies
        .iter()
        .filter(|b| b.contains("Action=GetAccountAuthorizationDetails"))
        .map(|b| b.split_once("&Filter").map_or("", |(_, f)| f))
        .collect();
    filters.sort();
    assert_eq!(
        filters,
        [
            ".member.1=Role&Filter.member.2=LocalManagedPolicy&MaxItems=1000",
            ".member.1=User&Filter.member.2=Group&MaxItems=1000",
        ]
    );
    // The budget on real IAM: at most 16 requests plus one per 1,000 entities, plus two per
    // attached AWS managed policy (its default version, then its document), plus one per
    // enabled region (its analyzers): 15 here, with one region and one AWS managed policy.
    assert_eq!(actions.len(), 15, "{actions:?}");
    assert!(
        bodies
            .iter()
            .any(|b| b.contains("Action=GetPolicyVersion") && b.contains("VersionId=v3")),
        "the default version's document is read"
    );
    let aws = snapshot
        .attached_aws_policies
        .as_ref()
        .expect("AWS policies");
    assert!(
        aws[0]
            .document
            .as_deref()
            .is_some_and(|d| d.contains("support:*"))
    );
}

#[tokio::test]
async fn the_report_is_polled_until_complete_and_waits_out_in_progress_answers() {
    let calls = Arc::new(Mutex::new(Vec::<String>::new()));
    let log = Arc::clone(&calls);
    let (clients, _) = clients(move |action, _| {
        let mut log = log.lock().expect("log");
        log.push(action.to_string());
        let n = log.iter().filter(|a| *a == action).count();
        let body = match (action, n) {
            ("GenerateCredentialReport", 1) => {
                response_xml("GenerateCredentialReport", "<State>STARTED</State>")
            }
            ("GenerateCredentialReport", 2) => {
                error_xml("LimitExceeded", "Report generation is already in progress")
            }
            ("GetCredentialReport", 1) => {
                error_xml("ReportInProgress", "Report is being generated")
            }
            _ => ok(action),
        };
        let code = match body.contains("<ErrorResponse") {
            true if action == "GetCredentialReport" => 404,
            true => 409,
            false => 200,
        };
        (code, body)
    });
    let needs = BTreeSet::from([Source::CredentialReport]);
    let snapshot = fetch(&clients, &needs).await;
    let report = snapshot.credential_report.expect("report after polling");
    assert_eq!(report.rows.len(), 2);
    let calls = calls.lock().expect("calls").clone();
    assert_eq!(
        calls,
        [
            "GenerateCredentialReport",
            "GenerateCredentialReport",
            "GenerateCredentialReport",
            "GetCredentialReport",
            "GetCredentialReport",
        ]
    );
}

#[tokio::test]
async fn a_denied_report_is_an_error_naming_the_permission() {
    let (clients, _) = clients(|action, _| {
        if action == "GenerateCredentialReport" {
            (
                403,
                error_xml(
                    "AccessDenied",
                    "not authorized to perform: iam:GenerateCredentialReport",
                ),
            )
        } else {
            let body = ok(action);
            (status(action, &body), body)
        }
    });
    let snapshot = fetch(&clients, &BTreeSet::from([Source::CredentialReport])).await;
    let err = snapshot.credential_report.expect_err("denied");
    assert_eq!(err.permission, "iam:GenerateCredentialReport");
    assert!(err.message.starts_with("AccessDenied"), "{}", err.message);
}

#[tokio::test]
async fn only_the_needed_sources_are_read() {
    let (clients, seen) = clients(|action, _| {
        let body = ok(action);
        (status(action, &body), body)
    });
    let needs = BTreeSet::from([Source::PasswordPolicy, Source::CallerIdentity]);
    let snapshot = fetch(&clients, &needs).await;
    assert_eq!(snapshot.password_policy, Ok(None));
    assert_eq!(
        snapshot.summary.expect_err("not read").kind,
        FailureKind::NotRead
    );
    let mut actions: Vec<String> = seen
        .lock()
        .expect("seen")
        .iter()
        .map(|b| action_of(b))
        .collect();
    actions.sort();
    assert_eq!(actions, ["GetAccountPasswordPolicy", "GetCallerIdentity"]);
}

#[tokio::test]
async fn an_expired_report_is_generated_again_within_the_request_budget() {
    let calls = Arc::new(Mutex::new(Vec::<String>::new()));
    let log = Arc::clone(&calls);
    let (clients, _) = clients(move |action, _| {
        let mut log = log.lock().expect("log");
        log.push(action.to_string());
        let gets = log.iter().filter(|a| *a == "GetCredentialReport").count();
        if action == "GetCredentialReport" && gets == 1 {
            (
                410,
                error_xml("ReportExpired", "The report is older than 4 hours"),
            )
        } else {
            let body = ok(action);
            (status(action, &body), body)
        }
    });
    let snapshot = fetch(&clients, &BTreeSet::from([Source::CredentialReport])).await;
    assert!(snapshot.credential_report.is_ok());
    assert_eq!(
        calls.lock().expect("calls").clone(),
        [
            "GenerateCredentialReport",
            "GetCredentialReport",
            "GenerateCredentialReport",
            "GetCredentialReport",
        ]
    );
}

#[tokio::test]
async fn a_report_that_never_completes_gives_up_within_the_budget() {
    let calls = Arc::new(Mutex::new(0usize));
    let count = Arc::clone(&calls);
    let (clients, _) = clients(move |action, _| {
        *count.lock().expect("count") += 1;
        assert_eq!(action, "GenerateCredentialReport");
        (
            200,
            response_xml("GenerateCredentialReport", "<State>INPROGRESS</State>"),
        )
    });
    let snapshot = fetch(&clients, &BTreeSet::from([Source::CredentialReport])).await;
    let err = snapshot.credential_report.expect_err("gave up");
    assert!(
        err.message.contains("still being generated"),
        "{}",
        err.message
    );
    assert!(
        *calls.lock().expect("count") < 8,
        "leaves room for the download within 8"
    );
}

/// A date that is not one of the documented values spoils the report for every check that
/// reads it, naming the row and the column, instead of reading as "never used".
#[tokio::test]
async fn an_undocumented_date_makes_the_report_checks_error() {
    let (clients, _) = clients(|action, _| {
        let body = if action == "GetCredentialReport" {
            let bad = CSV.replace(
                "alice,arn:aws:iam::111122223333:user/alice,2024-01-01T00:00:00+00:00,true,2026-11-27T09:00:00+00:00",
                "alice,arn:aws:iam::111122223333:user/alice,2024-01-01T00:00:00+00:00,true,last tuesday",
            );
            response_xml(
                "GetCredentialReport",
                &format!(
                    "<Content>{}</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>2026-11-28T08:00:00Z</GeneratedTime>",
                    aws_smithy_types::base64::encode(bad.as_bytes())
                ),
            )
        } else {
            ok(action)
        };
        (status(action, &body), body)
    });
    let snapshot = fetch(&clients, &all_sources()).await;
    let settings = crate::settings::Settings::default();
    for id in [
        "unused-credentials",
        "access-key-rotation",
        "root-recent-use",
    ] {
        let check = crate::checks::by_id(id).expect("check");
        let outcome = (check.run)(&snapshot, &settings);
        assert_eq!(outcome.status, crate::checks::Status::Error, "{id}");
        assert!(
            outcome
                .reason
                .contains("line 3 (user alice), column password_last_used"),
            "{id}: {}",
            outcome.reason
        );
    }
}

/// The root row's key columns, through the SDK (the local server writes no root row): one
/// old active key fails rotation, a second active key fails one-active-key.
#[tokio::test]
async fn the_root_rows_keys_are_judged_like_a_users() {
    const ROOT_ONE_KEY: &str = "<root_account>,arn:aws:iam::111122223333:root,2019-01-01T00:00:00+00:00,not_supported,2026-11-20T08:00:00+00:00,not_supported,not_supported,true,true,2020-01-01T00:00:00+00:00,2026-11-01T00:00:00+00:00,us-east-1,iam,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";
    const ROOT_TWO_KEYS: &str = "<root_account>,arn:aws:iam::111122223333:root,2019-01-01T00:00:00+00:00,not_supported,2026-11-20T08:00:00+00:00,not_supported,not_supported,true,true,2026-11-01T00:00:00+00:00,N/A,N/A,N/A,true,2026-08-29T12:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A";
    let original_root = CSV.lines().nth(1).expect("root row");
    let settings = crate::settings::Settings {
        now: at("2026-11-28T12:00:00Z"),
        ..Default::default()
    };
    let judge = |root_row: &'static str| {
        let csv = CSV.replace(original_root, root_row);
        let (clients, _) = clients(move |action, _| {
            let body = if action == "GetCredentialReport" {
                response_xml(
                    "GetCredentialReport",
                    &format!(
                        "<Content>{}</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>2026-11-28T08:00:00Z</GeneratedTime>",
                        aws_smithy_types::base64::encode(csv.as_bytes())
                    ),
                )
            } else {
                ok(action)
            };
            (status(action, &body), body)
        });
        async move { fetch(&clients, &all_sources()).await }
    };
    let run = |snapshot: &Snapshot, id: &str| {
        let check = crate::checks::by_id(id).expect("check");
        (check.run)(snapshot, &settings)
    };

    let one = judge(ROOT_ONE_KEY).await;
    let rotation = run(&one, "access-key-rotation");
    assert_eq!(rotation.status, crate::checks::Status::Fail);
    assert_eq!(
        rotation.details,
        [
            "the root user (arn:aws:iam::111122223333:root): access key 1 is 2523 days old (created 2020-01-01)",
            "user alice: access key 1 is 696 days old (created 2025-01-01)",
        ]
    );
    assert_eq!(
        run(&one, "single-active-key").status,
        crate::checks::Status::Pass
    );

    // Keys 27 and 91 days old: the second is just past the 90-day boundary.
    let two = judge(ROOT_TWO_KEYS).await;
    let rotation = run(&two, "access-key-rotation");
    assert_eq!(
        rotation.details,
        [
            "the root user (arn:aws:iam::111122223333:root): access key 2 is 91 days old (created 2026-08-29)",
            "user alice: access key 1 is 696 days old (created 2025-01-01)",
        ]
    );
    let single = run(&two, "single-active-key");
    assert_eq!(single.status, crate::checks::Status::Fail);
    assert_eq!(
        single.details,
        ["the root user (arn:aws:iam::111122223333:root): two active access keys"]
    );
}

/// A check that judges roles or customer managed policies cannot decide from the console's
/// partial read (users and groups only): it says the data was not read.
#[tokio::test]
async fn checks_of_roles_never_decide_from_a_partial_read() {
    let (clients, _) = clients(|action, _| {
        let body = match action {
            "ListRoles" => response_xml("ListRoles", "<Roles/><IsTruncated>false</IsTruncated>"),
            _ => ok(action),
        };
        (status(action, &body), body)
    });
    let snapshot = fetch(&clients, &crate::checks::console_sources()).await;
    assert!(snapshot.authorization.is_ok());
    for id in [
        "support-role",
        "no-admin-star-policies",
        "cloudshell-full-access",
    ] {
        let check = crate::checks::by_id(id).expect("check");
        let outcome = (check.run)(&snapshot, &crate::settings::Settings::default());
        assert_eq!(outcome.status, crate::checks::Status::Error, "{id}");
        assert!(
            outcome.reason.contains("not read"),
            "{id}: {}",
            outcome.reason
        );
    }
}

/// Credentials AWS refuses (an expired session) are not a missing permission: the reason
/// says to renew them and names no permission.
#[tokio::test]
async fn refused_credentials_say_renew_not_a_missing_permission() {
    let (clients, _) = clients(|_, _| {
        (
            403,
            error_xml(
                "ExpiredToken",
                "The security token included in the request is expired",
            ),
        )
    });
    let snapshot = fetch(&clients, &BTreeSet::from([Source::CallerIdentity])).await;
    let reason = snapshot.identity.expect_err("refused").reason();
    assert!(!reason.contains("needs"), "{reason}");
    assert!(reason.contains("ExpiredToken"), "{reason}");
    assert!(reason.contains("aws sso login"), "{reason}");
}

/// Permission boundaries of users (the local server drops them) and roles are read from the
/// same authorization details; an AWS managed policy used only as a boundary is read like an
/// attached one, and a boundary caps what each holder of an admin policy ends up with.
#[tokio::test]
async fn permission_boundaries_are_read_and_cap_holders() {
    let asked_for: Arc<Mutex<Vec<String>>> = Arc::default();
    let asked = asked_for.clone();
    let (clients, _) = clients(move |action, body| {
        let answer = match action {
            "GetAccountAuthorizationDetails" => filtered_details(
                body,
                fixture!("iam/get-account-authorization-details-boundaries.xml"),
            ),
            "GetPolicy" => {
                asked.lock().expect("lock").push(body.to_string());
                fixture!("iam/get-policy.xml").to_string()
            }
            other => ok(other),
        };
        (status(action, &answer), answer)
    });
    let sources = crate::checks::sources_of("no-admin-star-policies");
    let snapshot = fetch(&clients, &sources).await;
    let auth = snapshot.full_authorization.as_ref().expect("authorization");
    assert_eq!(
        auth.users[0].permissions_boundary.as_deref(),
        Some("arn:aws:iam::aws:policy/AWSSupportAccess")
    );
    assert_eq!(
        auth.roles[0].permissions_boundary.as_deref(),
        Some("arn:aws:iam::111122223333:policy/cap")
    );
    let aws_managed = snapshot
        .attached_aws_policies
        .as_ref()
        .expect("aws policies");
    assert_eq!(aws_managed.len(), 1, "the boundary's document");
    assert!(asked_for.lock().expect("lock")[0].contains("AWSSupportAccess"));
    let outcome = crate::checks::policies::no_admin_star(&snapshot, &Default::default());
    assert_eq!(
        outcome.status,
        crate::checks::Status::Fail,
        "{}",
        outcome.reason
    );
    assert_eq!(
        outcome.findings[0].facts["holders"],
        serde_json::json!([
            {"arn": "arn:aws:iam::111122223333:user/dev", "full_admin": "limited"},
            {"arn": "arn:aws:iam::111122223333:role/ops", "full_admin": "limited"}
        ])
    );
}

/// Privilege escalation where users have boundaries (the local server drops them): a user
/// capped by a boundary that blocks the admin policy it may write has no path; one whose
/// boundary lets it remove the boundary has two hops; a trust that names a user admits it
/// whatever its boundary, while a role it names stays capped by its own.
#[tokio::test]
async fn user_boundaries_block_escalation_unless_they_can_be_lifted() {
    let (clients, _) = clients(move |action, body| {
        let answer = match action {
            "GetAccountAuthorizationDetails" => filtered_details(
                body,
                fixture!("iam/get-account-authorization-details-escalation.xml"),
            ),
            other => ok(other),
        };
        (status(action, &answer), answer)
    });
    let sources = crate::checks::sources_of("privilege-escalation");
    let snapshot = fetch(&clients, &sources).await;
    let auth = snapshot.full_authorization.as_ref().expect("authorization");
    assert_eq!(auth.users[0].id, "AIDACAPPED");
    let settings = crate::settings::Settings {
        now: at("2026-12-06T12:00:00Z"),
        ..Default::default()
    };
    let outcome = crate::checks::escalation::privilege_escalation(&snapshot, &settings);
    assert_eq!(
        outcome.status,
        crate::checks::Status::Fail,
        "{}",
        outcome.reason
    );
    let found: Vec<(&str, &str)> = outcome
        .findings
        .iter()
        .map(|f| (f.resource.name.as_str(), f.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "loose-dev",
                "user loose-dev can become an administrator in 2 steps: \
                 iam:DeleteUserPermissionsBoundary on loose-dev; iam:PutUserPolicy on loose-dev"
            ),
            (
                "named-bounded",
                "user named-bounded can become an administrator in 1 step: sts:AssumeRole → named-target"
            ),
        ]
    );
    assert_eq!(
        outcome.findings[0].facts["fix"][0]["change"],
        "deny iam:DeleteUserPermissionsBoundary, iam:DeleteRolePermissionsBoundary and \
         iam:Put*PermissionsBoundary in the boundary itself"
    );
    assert_eq!(
        outcome.reason,
        "2 users and roles can become an administrator (2 definite, 0 conditional; 5 judged, 1 \
         already one; SCPs not evaluated)"
    );
}

/// Contradictory entries and members of groups the details lack are named, never resolved
/// by letting one copy replace another.
#[test]
fn duplicates_and_unknown_groups_are_named() {
    let user = |name: &str, groups: &[&str]| UserPermissions {
        name: name.into(),
        arn: format!("arn:aws:iam::111122223333:user/{name}"),
        groups: groups.iter().map(|g| g.to_string()).collect(),
        ..UserPermissions::default()
    };
    let twice = Authorization {
        users: vec![user("alice", &[]), user("alice", &[]), user("bob", &[])],
        ..Authorization::default()
    };
    assert_eq!(twice.duplicates(), ["user alice is listed twice"]);
    assert!(twice.incomplete().is_some_and(|why| why.contains("alice")));
    let orphan = Authorization {
        users: vec![user("bob", &["Admins", "Dev"])],
        groups: vec![GroupPermissions {
            name: "Dev".into(),
            ..GroupPermissions::default()
        }],
        ..Authorization::default()
    };
    assert!(orphan.duplicates().is_empty());
    assert_eq!(orphan.unknown_groups(), ["Admins"]);
    assert!(
        orphan
            .incomplete()
            .is_some_and(|why| why.contains("(Admins)"))
    );
}
