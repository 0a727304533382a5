//! `iam-harden audit` end to end: the built binary against a real local IAM server.

mod support;

use std::time::Duration;

use support::{
    ACCOUNT_ID, LocalIam, Run, binary, check, check_ids, seed, status, with_test_credentials,
};

const ALL: [&str; 5] = [
    "root-access-keys",
    "root-mfa",
    "individual-users",
    "groups",
    "password-policy",
];

#[test]
fn fresh_account_is_orange_with_exit_1() {
    let server = LocalIam::start();
    let run = server.audit(&["--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = run.json();
    assert_eq!(report["schema_version"], 2);
    assert_eq!(report["tool"]["name"], "iam-harden");
    assert_eq!(report["account"]["id"], ACCOUNT_ID);
    assert_eq!(report["account"]["alias"], serde_json::Value::Null);
    assert_eq!(
        report["account"]["sign_in_url"],
        format!("https://{ACCOUNT_ID}.signin.aws.amazon.com/console")
    );
    assert_eq!(check_ids(&report), ALL);
    // moto always reports AccountAccessKeysPresent=0 and AccountMFAEnabled=0.
    assert_eq!(status(&report, "root-access-keys"), "pass");
    assert_eq!(status(&report, "root-mfa"), "fail");
    assert_eq!(status(&report, "individual-users"), "fail");
    assert_eq!(status(&report, "groups"), "fail");
    assert_eq!(status(&report, "password-policy"), "fail");
    assert_eq!(
        report["summary"],
        serde_json::json!({"pass": 1, "fail": 4, "error": 0, "waived": 0})
    );
    assert_eq!(check(&report, "groups")["fix"], "iam-harden fix groups");
    assert!(run.stderr.is_empty(), "nothing on stderr: {}", run.stderr);
}

#[tokio::test]
async fn hardened_account_is_green_where_the_server_can_say() {
    let server = LocalIam::start();
    seed::hardened_account(&server.iam()).await.expect("seed");
    let run = server.audit(&["--format", "json"]);
    let report = run.json();
    for id in [
        "root-access-keys",
        "individual-users",
        "groups",
        "password-policy",
    ] {
        assert_eq!(status(&report, id), "pass", "{id}: {}", check(&report, id));
    }
    // Root MFA cannot be enabled on the local server: the only orange item.
    assert_eq!(status(&report, "root-mfa"), "fail");
    assert_eq!(run.code, 1);
    assert_eq!(report["account"]["alias"], "acme-hardened");
    assert_eq!(
        report["account"]["sign_in_url"],
        "https://acme-hardened.signin.aws.amazon.com/console"
    );
    assert_eq!(
        check(&report, "individual-users")["reason"],
        "1 IAM user exists"
    );
}

#[tokio::test]
async fn direct_user_policies_fail_groups_naming_every_user() {
    let server = LocalIam::start();
    let iam = server.iam();
    seed::weak_account(&iam).await.expect("seed");
    let report = server.audit(&["--format", "json"]).json();
    let groups = check(&report, "groups");
    assert_eq!(groups["status"], "fail");
    assert_eq!(
        groups["details"],
        serde_json::json!([
            "user alice: attached AdministratorAccess",
            "user deploy-bot: inline list-buckets",
            "no group carries a policy"
        ])
    );
    assert_eq!(status(&report, "individual-users"), "pass");

    // The table names the users and prints the fix command.
    let table = server.audit(&[]);
    assert_eq!(table.code, 1);
    support::assert_contains(&table.stdout, "alice");
    assert!(table.stdout.contains("iam-harden fix groups"));
    assert!(table.stdout.contains("iam-harden fix password-policy"));
    support::assert_contains(&table.stdout, "2 of 5 checks green");
    assert!(!table.stdout.contains('\x1b'), "no colour into a pipe");
}

#[tokio::test]
async fn weak_password_policy_lists_each_shortfall_and_flags_relax_the_baseline() {
    let server = LocalIam::start();
    server
        .iam()
        .update_account_password_policy()
        .minimum_password_length(10)
        .require_uppercase_characters(true)
        .require_lowercase_characters(true)
        .require_numbers(true)
        .allow_users_to_change_password(true)
        .send()
        .await
        .expect("weak policy");
    let report = server.audit(&["--format", "json"]).json();
    let policy = check(&report, "password-policy");
    assert_eq!(policy["status"], "fail");
    // One finding, the account's password policy, with every shortfall.
    let findings = policy["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["resource"]["type"], "AwsAccount");
    assert_eq!(
        findings[0]["resource"]["arn"],
        format!("arn:aws:iam::{}:root", support::ACCOUNT_ID)
    );
    assert_eq!(
        findings[0]["facts"]["shortfalls"],
        serde_json::json!([
            "minimum length is 10, the baseline wants at least 14",
            "does not require a symbol",
            "does not prevent password reuse, the baseline wants the last 24 remembered"
        ])
    );
    assert_eq!(
        findings[0]["facts"]["password_policy"]["MinimumPasswordLength"],
        10
    );

    let relaxed = server.audit(&[
        "--format",
        "json",
        "--min-length",
        "10",
        "--no-require-symbols",
        "--reuse-prevention",
        "0",
    ]);
    assert_eq!(status(&relaxed.json(), "password-policy"), "pass");
}

#[tokio::test]
async fn federation_counts_as_individual_identities() {
    let server = LocalIam::start();
    let iam = server.iam();
    iam.create_role()
        .role_name("AWSReservedSSO_AdministratorAccess_0123456789abcdef")
        .path("/aws-reserved/sso.amazonaws.com/")
        .assume_role_policy_document(r#"{"Version":"2012-10-17","Statement":[]}"#)
        .send()
        .await
        .expect("role");
    let report = server.audit(&["--format", "json"]).json();
    let users = check(&report, "individual-users");
    assert_eq!(users["status"], "pass", "{users}");
    assert!(
        users["reason"]
            .as_str()
            .expect("reason")
            .contains("IAM Identity Center")
    );
}

#[tokio::test]
async fn access_denied_turns_one_check_into_an_error_with_exit_2() {
    let server = LocalIam::start();
    let iam = server.iam();
    seed::create_user(&iam, "auditor").await.expect("user");
    iam.put_user_policy()
        .user_name("auditor")
        .policy_name("audit-without-password-policy")
        .policy_document(
            r#"{"Version":"2012-10-17","Statement":[
                {"Effect":"Allow","Action":["iam:Get*","iam:List*","sts:GetCallerIdentity"],"Resource":"*"},
                {"Effect":"Deny","Action":"iam:GetAccountPasswordPolicy","Resource":"*"}]}"#,
        )
        .send()
        .await
        .expect("policy");
    let key = iam
        .create_access_key()
        .user_name("auditor")
        .send()
        .await
        .expect("key");
    let key = key.access_key().expect("key in answer");
    // From here on the server checks signatures and evaluates IAM policies.
    server.control("/moto-api/reset-auth", "0");

    let run = server.audit_as(
        key.access_key_id(),
        key.secret_access_key(),
        &["--format", "json"],
    );
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    let report = run.json();
    let policy = check(&report, "password-policy");
    assert_eq!(policy["status"], "error");
    let reason = policy["reason"].as_str().expect("reason");
    // moto words its AccessDenied in a shape the SDK cannot read (`<Errors><Error>`), so
    // the status is what is left; real IAM's shape is covered at the SDK level.
    assert_eq!(
        reason,
        "could not call GetAccountPasswordPolicy (needs iam:GetAccountPasswordPolicy): \
         HTTP 403 with no readable AWS error code"
    );
    assert!(!reason.contains("SdkError"), "no Debug dump: {reason}");
    // The other checks still decided.
    assert_eq!(status(&report, "groups"), "fail");
    assert_eq!(status(&report, "individual-users"), "pass");
    assert_eq!(report["summary"]["error"], 1);
}

#[test]
fn unreachable_endpoint_is_one_line_and_exit_2() {
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    let mut command = binary();
    with_test_credentials(&mut command).args([
        "--endpoint-url",
        &format!("http://127.0.0.1:{port}"),
        "audit",
    ]);
    let run = Run::of(command);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    support::assert_contains(&run.stderr, "cannot reach");
    assert!(run.elapsed < Duration::from_secs(10), "{:?}", run.elapsed);
}

#[test]
fn missing_credentials_say_how_to_provide_them() {
    let mut command = binary();
    command.args(["--endpoint-url", "http://127.0.0.1:9", "audit"]);
    let run = Run::of(command);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    support::assert_contains(&run.stderr, "no AWS credentials");
    support::assert_contains(&run.stderr, "--profile");
}

#[test]
fn standard_endpoint_variable_is_honoured() {
    let server = LocalIam::start();
    let mut command = binary();
    with_test_credentials(&mut command)
        .env("AWS_ENDPOINT_URL", &server.endpoint)
        .args(["audit", "--format", "json"]);
    let run = Run::of(command);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.json()["account"]["id"], ACCOUNT_ID);
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let server = LocalIam::start();
    assert!(server.audit(&["--color", "always"]).stdout.contains('\x1b'));
    assert!(!server.audit(&["--color", "never"]).stdout.contains('\x1b'));
    let mut command = binary();
    with_test_credentials(&mut command)
        .env("NO_COLOR", "1")
        .args(["--endpoint-url", &server.endpoint, "audit"]);
    assert!(!Run::of(command).stdout.contains('\x1b'));
}

#[test]
fn usage_errors_exit_2_and_help_documents_exit_codes() {
    let mut bad = binary();
    bad.args(["audit", "--format", "yaml"]);
    let run = Run::of(bad);
    assert_eq!(run.code, 2);
    support::assert_contains(&run.stderr, "yaml");

    let mut help = binary();
    help.args(["audit", "--help"]);
    let run = Run::of(help);
    assert_eq!(run.code, 0);
    support::assert_contains(&run.stdout, "Exit codes:");
    for id in ALL {
        assert!(run.stdout.contains(id), "help lists {id}");
    }

    // The exact text, commit included, is pinned in tests/cli.rs.
    let mut version = binary();
    version.arg("--version");
    let run = Run::of(version);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.starts_with(&format!(
            "iam-harden {} (commit ",
            env!("CARGO_PKG_VERSION")
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let server = LocalIam::start();
    let mut command = binary();
    with_test_credentials(&mut command)
        .args(["--endpoint-url", &server.endpoint, "audit"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().expect("spawn");
    // Close the reading end before the tool has fetched anything to print.
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait");
    assert_eq!(output.status.code(), Some(1), "the audit's own exit code");
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
