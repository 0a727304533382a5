//! `audit --all`, the extended CIS checks, against the local IAM server for everything it
//! can represent. (It has no <root_account> row in its credential report, so
//! root-recent-use is undecided there; that state is covered at the SDK level.)

mod support;

use support::{LocalIam, check, check_ids, seed, status};

const FULL_ADMIN: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
const TRUST_ACCOUNT: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}"#;

async fn seed_extended(server: &LocalIam) {
    let iam = server.iam();
    seed::create_user(&iam, "alice").await.expect("alice");
    iam.create_login_profile()
        .user_name("alice")
        .password("Only-for-the-local-server-1!")
        .send()
        .await
        .expect("console password");
    // A key handed out with the console user, never used (CIS 1.10).
    iam.create_access_key()
        .user_name("alice")
        .send()
        .await
        .expect("alice's key");
    seed::create_user(&iam, "bob").await.expect("bob");
    for _ in 0..2 {
        iam.create_access_key()
            .user_name("bob")
            .send()
            .await
            .expect("key");
    }
    seed::create_user(&iam, "carol").await.expect("carol");
    seed::attach_user_policy(
        &iam,
        "carol",
        "arn:aws:iam::aws:policy/AWSCloudShellFullAccess",
    )
    .await
    .expect("cloudshell");
    let policy = seed::create_policy(&iam, "full-admin", FULL_ADMIN)
        .await
        .expect("policy");
    for role in ["ops", "support"] {
        iam.create_role()
            .role_name(role)
            .assume_role_policy_document(TRUST_ACCOUNT)
            .send()
            .await
            .expect("role");
    }
    iam.attach_role_policy()
        .role_name("ops")
        .policy_arn(&policy)
        .send()
        .await
        .expect("attach admin");
    iam.attach_role_policy()
        .role_name("support")
        .policy_arn("arn:aws:iam::aws:policy/AWSSupportAccess")
        .send()
        .await
        .expect("attach support");
    // The local server accepts any body and reports every certificate as expired in 2012.
    iam.upload_server_certificate()
        .server_certificate_name("old-site")
        .certificate_body("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")
        .private_key("placeholder")
        .send()
        .await
        .expect("certificate");
}

fn details(report: &serde_json::Value, id: &str) -> Vec<String> {
    check(report, id)["details"]
        .as_array()
        .expect("details")
        .iter()
        .map(|d| d.as_str().expect("detail").to_string())
        .collect()
}

#[tokio::test]
async fn audit_all_reports_every_extended_check() {
    let server = LocalIam::start();
    seed_extended(&server).await;
    let run = server.audit(&["--all", "--format", "json"]);
    // root-recent-use cannot be decided on this server.
    assert_eq!(run.code, 2, "{}", run.stderr);
    let report = run.json();
    assert_eq!(report["checks"].as_array().map(Vec::len), Some(25));
    assert_eq!(status(&report, "security-contact"), "fail");
    // The local server has no Access Analyzer (nor Account ListRegions): undecided, never
    // green. Its states are covered at the SDK level.
    assert_eq!(status(&report, "access-analyzer"), "error");
    assert!(report["credential_report"]["generated_at"].is_string());

    assert_eq!(status(&report, "root-recent-use"), "error");
    assert!(
        check(&report, "root-recent-use")["reason"]
            .as_str()
            .expect("reason")
            .contains("<root_account>")
    );
    assert_eq!(status(&report, "root-hardware-mfa"), "fail");
    assert_eq!(
        details(&report, "user-console-mfa"),
        ["user alice: console password without MFA (iam-harden fix user-mfa --user alice)"]
    );
    assert_eq!(
        details(&report, "single-active-key"),
        ["user bob: two active access keys"]
    );
    assert_eq!(
        details(&report, "no-admin-star-policies"),
        [
            "customer managed policy full-admin, attached to role ops: every action on every resource, by statement #1"
        ]
    );
    assert_eq!(status(&report, "support-role"), "pass");
    assert_eq!(details(&report, "cloudshell-full-access"), ["user carol"]);
    assert_eq!(
        details(&report, "initial-access-keys").len(),
        1,
        "{:?}",
        details(&report, "initial-access-keys")
    );
    assert!(
        details(&report, "initial-access-keys")[0]
            .starts_with("user alice: access key 1 was created with the user")
    );
    // CIS 1.14 on its own: carol has a policy of her own.
    assert_eq!(status(&report, "no-user-policies"), "fail");
    assert!(
        details(&report, "no-user-policies")
            .iter()
            .any(|d| d.starts_with("user carol: attached")),
        "{:?}",
        details(&report, "no-user-policies")
    );
    assert_eq!(
        details(&report, "expired-server-certificates"),
        ["server certificate old-site: expired on 2012-05-08"]
    );
    // Everything was created just now.
    assert_eq!(status(&report, "unused-credentials"), "pass");
    assert_eq!(status(&report, "access-key-rotation"), "pass");
    let controls = check(&report, "user-console-mfa");
    assert_eq!(controls["cis"], serde_json::json!(["1.9"]));
    assert_eq!(controls["security_hub"], serde_json::json!(["IAM.5"]));
    assert_eq!(controls["fix"], "iam-harden fix user-mfa --user NAME");
    assert_eq!(
        check(&report, "support-role")["fix"],
        serde_json::Value::Null
    );
}

#[tokio::test]
async fn day_counts_follow_the_clock_and_the_thresholds() {
    let server = LocalIam::start();
    seed_extended(&server).await;
    let checks = "unused-credentials,access-key-rotation";
    // Six months on, nothing was used: every credential is stale and every key old.
    let later = server.audit(&[
        "--checks",
        checks,
        "--now",
        "2027-06-01",
        "--format",
        "json",
    ]);
    assert_eq!(later.code, 1, "{}", later.stderr);
    let report = later.json();
    let unused = details(&report, "unused-credentials");
    assert!(
        unused
            .iter()
            .any(|d| d.starts_with("user alice: password never used, created")),
        "{unused:?}"
    );
    assert_eq!(
        unused
            .iter()
            .filter(|d| d.starts_with("user bob: access key"))
            .count(),
        2
    );
    // bob's two keys and alice's one.
    assert_eq!(details(&report, "access-key-rotation").len(), 3);

    // Thresholds from the flags move the boundaries.
    let lenient = server.audit(&[
        "--checks",
        checks,
        "--now",
        "2027-06-01",
        "--unused-days",
        "400",
        "--rotation-days",
        "400",
        "--format",
        "json",
    ]);
    assert_eq!(lenient.code, 0, "{}", lenient.stdout);
}

#[tokio::test]
async fn selected_extended_checks_need_no_other_reads() {
    let server = LocalIam::start();
    seed_extended(&server).await;
    let run = server.audit(&[
        "--checks",
        "user-console-mfa,support-role",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = run.json();
    assert_eq!(check_ids(&report), ["user-console-mfa", "support-role"]);
}

/// CIS 1.15's real scope against the local server: AWS managed AdministratorAccess, read
/// with GetPolicy and GetPolicyVersion because it is attached, fails the check.
#[tokio::test]
async fn attached_administrator_access_fails_cis_1_15() {
    let server = LocalIam::start();
    seed::hardened_account(&server.iam()).await.expect("seed");
    let run = server.audit(&["--checks", "no-admin-star-policies", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = run.json();
    assert_eq!(
        details(&report, "no-admin-star-policies"),
        [
            "AWS managed policy AdministratorAccess, attached to group Administrators: every action on every resource, by statement #1"
        ]
    );
}

/// Full admin decided by evaluation, end to end: the three spellings that are not `"*"` on
/// `"*"` fail CIS 1.15; their look-alikes pass it and are named as near it; an inline grant
/// fails the inline check.
#[tokio::test]
async fn full_admin_by_evaluation_against_the_local_server() {
    let server = LocalIam::start();
    let iam = server.iam();
    seed::hardened_account(&iam).await.expect("seed");
    // The hardened account's group holds AdministratorAccess: take it off, to judge ours.
    iam.detach_group_policy()
        .group_name("Administrators")
        .policy_arn("arn:aws:iam::aws:policy/AdministratorAccess")
        .send()
        .await
        .expect("detach");
    let policies = [
        (
            "not-resource",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","NotResource":"arn:aws:s3:::payroll"}]}"#,
        ),
        (
            "typo-not-action",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["ima:*","organisations:*"],"Resource":"*"}]}"#,
        ),
        (
            "split",
            r#"{"Version":"2012-10-17","Statement":[{"Sid":"AllButIam","Effect":"Allow","NotAction":"iam:*","Resource":"*"},{"Sid":"Iam","Effect":"Allow","Action":"iam:*","Resource":"*"}]}"#,
        ),
        (
            "all-but-iam",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}]}"#,
        ),
        (
            "with-mfa",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#,
        ),
        (
            "until-2099",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"2099-01-01T00:00:00Z"}}}]}"#,
        ),
        (
            "expired",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}}]}"#,
        ),
        (
            "denied",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*"}]}"#,
        ),
    ];
    for (name, document) in policies {
        let arn = seed::create_policy(&iam, name, document)
            .await
            .expect("policy");
        iam.attach_group_policy()
            .group_name("Administrators")
            .policy_arn(arn)
            .send()
            .await
            .expect("attach");
    }
    iam.put_group_policy()
        .group_name("Administrators")
        .policy_name("inline-admin")
        .policy_document(FULL_ADMIN)
        .send()
        .await
        .expect("inline");
    let run = server.audit(&[
        "--checks",
        "no-admin-star-policies,no-admin-inline-policies",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = run.json();
    let attached = "attached to group Administrators: every action on every resource, by";
    assert_eq!(
        details(&report, "no-admin-star-policies"),
        [
            format!(
                "customer managed policy not-resource, {attached} statement #1 (named exceptions it may lift itself: not granted on arn:aws:s3:::payroll)"
            ),
            format!("customer managed policy split, {attached} statements together AllButIam, Iam"),
            format!(
                "customer managed policy typo-not-action, {attached} statement #1 (NotAction names no action AWS has: ima:*, organisations:*, so it excludes nothing)"
            ),
            // Its condition is on the clock, which the run knows: in force until 2099.
            format!("customer managed policy until-2099, {attached} statement #1"),
        ]
    );
    assert_eq!(
        check(&report, "no-admin-star-policies")["reason"],
        "4 attached policies allow every action on every resource (full admin); not full admin, not counted: \
         all-but-iam allows everything except iam:*, organizations:*; \
         with-mfa allows every action only under conditions (aws:MultiFactorAuthPresent)"
    );
    let finding = &check(&report, "no-admin-star-policies")["findings"][0];
    assert_eq!(
        finding["facts"]["not_evaluated"],
        "service control policies and resource policies (outside the account's IAM snapshot)"
    );
    // Its holders are judged with all their policies: the same group carries `denied`, whose
    // Deny of everything leaves each member with nothing.
    assert_eq!(finding["facts"]["holders"][0]["full_admin"], "limited");
    assert_eq!(
        details(&report, "no-admin-inline-policies"),
        [
            "inline policy inline-admin of group Administrators: every action on every resource, by statement #1"
        ]
    );
}

/// A role any AWS principal may assume, against the local server: the open trust is orange,
/// the one behind an external id is named as conditional, the account's own is green.
#[tokio::test]
async fn roles_that_any_account_may_assume() {
    let server = LocalIam::start();
    let iam = server.iam();
    for (role, trust) in [
        (
            "open",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#,
        ),
        (
            "vendor",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"a-secret"}}}]}"#,
        ),
        ("ops", TRUST_ACCOUNT),
    ] {
        iam.create_role()
            .role_name(role)
            .assume_role_policy_document(trust)
            .send()
            .await
            .expect("role");
    }
    let run = server.audit(&["--checks", "public-role-trust", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = run.json();
    assert_eq!(
        details(&report, "public-role-trust"),
        ["role open: any AWS principal may assume it (trust policy statement #1)"]
    );
    assert_eq!(
        check(&report, "public-role-trust")["reason"],
        "1 role's trust policy lets any AWS principal assume it; any principal may assume role vendor only under conditions (sts:ExternalId)"
    );
}

/// Each password control gives its own verdict under its own ids in every format: for a
/// policy that passes CIS 1.7 and fails CIS 1.8 and IAM.7, and one the other way round.
#[tokio::test]
async fn password_controls_carry_their_own_verdicts_and_ids() {
    let server = LocalIam::start();
    let iam = server.iam();
    let checks = "password-policy,password-length,password-reuse,password-strength";
    for (length, classes, reuse, expected) in [
        (
            14,
            false,
            0,
            [
                ("password-length", "PASSED"),
                ("password-reuse", "FAILED"),
                ("password-strength", "FAILED"),
            ],
        ),
        (
            8,
            true,
            24,
            [
                ("password-length", "FAILED"),
                ("password-reuse", "PASSED"),
                ("password-strength", "PASSED"),
            ],
        ),
    ] {
        let mut update = iam
            .update_account_password_policy()
            .minimum_password_length(length)
            .require_uppercase_characters(classes)
            .require_lowercase_characters(classes)
            .require_numbers(classes)
            .require_symbols(classes);
        if reuse > 0 {
            update = update.password_reuse_prevention(reuse);
        }
        update.send().await.expect("password policy");
        let run = server.audit(&["--checks", checks, "--format", "asff"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        let findings = run.json();
        let by_check = |id: &str| {
            findings
                .as_array()
                .expect("findings")
                .iter()
                .find(|f| f["GeneratorId"] == id)
                .unwrap_or_else(|| panic!("{id}"))
                .clone()
        };
        for (id, status) in expected {
            let finding = by_check(id);
            assert_eq!(
                finding["Compliance"]["Status"], status,
                "{id} at length {length}"
            );
        }
        let ids = |id: &str| {
            let finding = by_check(id);
            (
                finding["Compliance"]["RelatedRequirements"].clone(),
                finding["Compliance"]["SecurityControlId"].clone(),
            )
        };
        use serde_json::json;
        assert_eq!(
            ids("password-length"),
            (
                json!(["CIS AWS Foundations Benchmark v5.0.0/1.7"]),
                json!("IAM.15")
            )
        );
        assert_eq!(
            ids("password-reuse"),
            (
                json!(["CIS AWS Foundations Benchmark v5.0.0/1.8"]),
                json!("IAM.16")
            )
        );
        assert_eq!(ids("password-strength"), (json!([]), json!("IAM.7")));
        // The checklist's item is stricter than each and carries none of their ids.
        assert_eq!(
            by_check("password-policy")["Compliance"]["Status"],
            "FAILED"
        );
        assert_eq!(ids("password-policy"), (json!([]), serde_json::Value::Null));
        // JSON and SARIF carry the same ids.
        let report = server
            .audit(&["--checks", checks, "--format", "json"])
            .json();
        assert_eq!(check(&report, "password-length")["cis"], json!(["1.7"]));
        assert_eq!(
            check(&report, "password-strength")["security_hub"],
            json!(["IAM.7"])
        );
        let sarif = server
            .audit(&["--checks", checks, "--format", "sarif"])
            .json();
        let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .expect("rules")
            .clone();
        let rule = |id: &str| {
            rules
                .iter()
                .find(|r| r["id"] == id)
                .unwrap_or_else(|| panic!("{id}"))
                .clone()
        };
        assert_eq!(rule("password-reuse")["properties"]["cis"], json!(["1.8"]));
        assert_eq!(
            rule("password-policy")["properties"]["securityHub"],
            json!([])
        );
    }
}

/// Every check with per-resource findings names real resources of the local server: the
/// resource type and the ARN IAM reported for it.
#[tokio::test]
async fn findings_carry_the_resources_arns() {
    let server = LocalIam::start();
    seed_extended(&server).await;
    // Half a year on, so that unused credentials and old keys are findings too.
    let run = server.audit(&["--all", "--now", "2027-06-01", "--format", "json"]);
    let report = run.json();
    let account = support::ACCOUNT_ID;
    let user = |name: &str| format!("arn:aws:iam::{account}:user/{name}");
    let expected: [(&str, &str, String, &str); 10] = [
        ("groups", "AwsIamUser", user("carol"), "carol"),
        ("user-console-mfa", "AwsIamUser", user("alice"), "alice"),
        (
            "initial-access-keys",
            "AwsIamAccessKey",
            user("alice"),
            "alice/access-key-1",
        ),
        ("unused-credentials", "AwsIamUser", user("alice"), "alice"),
        ("single-active-key", "AwsIamUser", user("bob"), "bob"),
        (
            "access-key-rotation",
            "AwsIamAccessKey",
            user("bob"),
            "bob/access-key-2",
        ),
        ("no-user-policies", "AwsIamUser", user("carol"), "carol"),
        (
            "no-admin-star-policies",
            "AwsIamPolicy",
            format!("arn:aws:iam::{account}:policy/full-admin"),
            "full-admin",
        ),
        (
            "expired-server-certificates",
            "Other",
            format!("arn:aws:iam::{account}:server-certificate/old-site"),
            "old-site",
        ),
        (
            "cloudshell-full-access",
            "AwsIamUser",
            user("carol"),
            "carol",
        ),
    ];
    for (id, kind, arn, name) in expected {
        let findings = check(&report, id)["findings"]
            .as_array()
            .unwrap_or_else(|| panic!("{id} has findings"))
            .clone();
        assert!(
            findings.iter().any(|f| f["resource"]["type"] == kind
                && f["resource"]["arn"] == arn.as_str()
                && f["resource"]["name"] == name),
            "{id}: no {kind} {arn} ({name}) in {findings:?}"
        );
    }
    // Account-level items name the account.
    let root = &check(&report, "root-hardware-mfa")["findings"][0]["resource"];
    assert_eq!(root["type"], "AwsAccount");
    assert_eq!(root["arn"], format!("arn:aws:iam::{account}:root"));
}
