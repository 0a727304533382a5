//! `iam-harden fix` end to end against a real local IAM server: dry runs change nothing,
//! fixes turn items green, reruns are no-ops, and nothing happens without a terminal or
//! `--yes`.

mod support;

use std::os::unix::fs::PermissionsExt;

use support::{LocalIam, account_state, assert_console_admin, effective_permissions, seed, status};

fn audit_status(server: &LocalIam, id: &str) -> String {
    status(&server.audit(&["--format", "json"]).json(), id).to_string()
}

#[tokio::test]
async fn password_policy_dry_run_refusal_apply_and_rerun() {
    let server = LocalIam::start();
    let iam = server.iam();
    let before = account_state(&iam).await;

    let dry = server.cli(&["--format", "json", "fix", "password-policy", "--dry-run"]);
    assert_eq!(dry.code, 1, "{}", dry.stderr);
    let plan = dry.json();
    assert_eq!(plan["dry_run"], true);
    let call = &plan["plan"]["calls"][0];
    assert_eq!(call["call"], "UpdateAccountPasswordPolicy");
    assert_eq!(call["parameters"]["MinimumPasswordLength"], 14);
    assert_eq!(call["parameters"]["PasswordReusePrevention"], 24);
    assert_eq!(call["parameters"]["RequireSymbols"], true);
    assert_eq!(
        account_state(&iam).await,
        before,
        "dry run changed the account"
    );

    let refused = server.cli(&["fix", "password-policy"]);
    assert_eq!(refused.code, 2);
    support::assert_contains(&refused.stderr, "--yes");
    assert_eq!(
        account_state(&iam).await,
        before,
        "refusal changed the account"
    );

    let applied = server.cli(&["fix", "password-policy", "--yes"]);
    assert_eq!(applied.code, 0, "{}\n{}", applied.stdout, applied.stderr);
    support::assert_contains(&applied.stdout, "password-policy is green");
    assert_eq!(audit_status(&server, "password-policy"), "pass");

    let after = account_state(&iam).await;
    let again = server.cli(&["fix", "password-policy", "--yes"]);
    assert_eq!(again.code, 0);
    support::assert_contains(&again.stdout, "nothing to change");
    assert_eq!(
        account_state(&iam).await,
        after,
        "rerun changed the account"
    );
}

#[tokio::test]
async fn password_policy_merge_never_weakens_a_stricter_value() {
    let server = LocalIam::start();
    let iam = server.iam();
    iam.update_account_password_policy()
        .minimum_password_length(20)
        .password_reuse_prevention(5)
        .max_password_age(60)
        .hard_expiry(true)
        .require_uppercase_characters(true)
        .send()
        .await
        .expect("strict but incomplete policy");

    let run = server.cli(&["fix", "password-policy", "--yes", "--max-age", "90"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let p = support::password_policy(&iam).await.expect("present");
    assert_eq!(p.minimum_password_length(), Some(20), "longer minimum kept");
    assert_eq!(
        p.max_password_age(),
        Some(60),
        "shorter expiry kept over --max-age 90"
    );
    assert_eq!(p.hard_expiry(), Some(true), "hard expiry kept");
    assert_eq!(
        p.password_reuse_prevention(),
        Some(24),
        "raised to the baseline"
    );
    assert!(p.require_symbols() && p.require_numbers() && p.require_lowercase_characters());
    assert!(p.allow_users_to_change_password());
}

#[tokio::test]
async fn out_of_range_values_are_rejected_before_any_call() {
    let server = LocalIam::start();
    let before = account_state(&server.iam()).await;
    for args in [
        ["--min-length", "5"],
        ["--min-length", "129"],
        ["--reuse-prevention", "0"],
        ["--reuse-prevention", "25"],
        ["--max-age", "0"],
        ["--max-age", "1096"],
    ] {
        let run = server.cli(&["fix", "password-policy", "--yes", args[0], args[1]]);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains(args[1]), "{args:?}: {}", run.stderr);
    }
    assert_eq!(account_state(&server.iam()).await, before);
}

#[tokio::test]
async fn groups_fix_moves_permissions_without_changing_what_anyone_may_do() {
    let server = LocalIam::start();
    let iam = server.iam();
    seed::weak_account(&iam).await.expect("seed");
    // A second admin: alice and carol share one group.
    seed::create_user(&iam, "carol").await.expect("carol");
    seed::attach_user_policy(&iam, "carol", seed::ADMIN_POLICY_ARN)
        .await
        .expect("attach");
    let permissions_before = effective_permissions(&iam).await;
    let before = account_state(&iam).await;

    let dry = server.cli(&["fix", "groups", "--dry-run"]);
    assert_eq!(dry.code, 1);
    support::assert_contains(&dry.stdout, "alice, carol -> group Administrators");
    assert_eq!(
        account_state(&iam).await,
        before,
        "dry run changed the account"
    );

    let run = server.cli(&["fix", "groups", "--yes"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert_eq!(audit_status(&server, "groups"), "pass");
    assert_eq!(
        effective_permissions(&iam).await,
        permissions_before,
        "a user's effective permissions changed"
    );
    let admins = iam
        .get_group()
        .group_name("Administrators")
        .send()
        .await
        .expect("group");
    let mut members: Vec<&str> = admins.users().iter().map(|u| u.user_name()).collect();
    members.sort();
    assert_eq!(members, ["alice", "carol"]);

    let after = account_state(&iam).await;
    let again = server.cli(&["fix", "groups", "--yes"]);
    assert_eq!(again.code, 0);
    support::assert_contains(&again.stdout, "nothing to change");
    assert_eq!(account_state(&iam).await, after);
}

#[tokio::test]
async fn groups_fix_rejects_bad_input_before_any_call() {
    let server = LocalIam::start();
    let before = account_state(&server.iam()).await;
    let bad_name = server.cli(&["fix", "groups", "--yes", "--group", "ops/admins"]);
    assert_eq!(bad_name.code, 2);
    support::assert_contains(&bad_name.stderr, "invalid group name");
    let bad_arn = server.cli(&[
        "fix",
        "groups",
        "--yes",
        "--policy-arn",
        "AdministratorAccess",
    ]);
    assert_eq!(bad_arn.code, 2);
    support::assert_contains(&bad_arn.stderr, "invalid policy ARN");
    assert_eq!(account_state(&server.iam()).await, before);
}

#[tokio::test]
async fn individual_users_secrets_reach_only_the_credentials_file() {
    let server = LocalIam::start();
    let iam = server.iam();
    seed::baseline_password_policy(&iam).await.expect("policy");
    let before = account_state(&iam).await;

    // Without a credentials file the password would go into a pipe: refused, unchanged.
    let refused = server.cli(&["fix", "individual-users", "--yes", "--user", "bob"]);
    assert_eq!(refused.code, 2);
    support::assert_contains(&refused.stderr, "--credentials-file");
    assert_eq!(account_state(&iam).await, before);

    let bad = server.cli(&["fix", "individual-users", "--yes", "--user", "bad name"]);
    assert_eq!(bad.code, 2);
    support::assert_contains(&bad.stderr, "invalid user name");

    let dir = std::env::temp_dir().join(format!("iam-harden-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("bob.csv");
    let _ = std::fs::remove_file(&file);
    let path = file.to_str().expect("utf-8 path");
    let run = server.cli(&[
        "--format",
        "json",
        "fix",
        "individual-users",
        "--yes",
        "--user",
        "bob",
        "--access-key",
        "--credentials-file",
        path,
    ]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let result = run.json();
    assert_eq!(result["status"], "pass");
    assert_eq!(result["console_access"], true);

    let csv = std::fs::read_to_string(&file).expect("credentials file");
    assert_eq!(
        std::fs::metadata(&file).expect("meta").permissions().mode() & 0o777,
        0o600
    );
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("User name,Password,Access key ID,Secret access key,Console login link")
    );
    let fields: Vec<&str> = lines.next().expect("row").split(',').collect();
    let (password, key_id, secret) = (fields[1], fields[2], fields[3]);
    assert_eq!(fields[0], "bob");
    assert!(password.len() >= 20);
    assert!(password.chars().any(|c| c.is_ascii_uppercase()));
    assert!(password.chars().any(|c| c.is_ascii_lowercase()));
    assert!(password.chars().any(|c| c.is_ascii_digit()));
    assert!(password.chars().any(|c| c.is_ascii_punctuation()));
    assert!(
        key_id.starts_with("AKIA") || key_id.starts_with("ASIA"),
        "{key_id}"
    );
    for secret_value in [password, secret] {
        assert!(!run.stdout.contains(secret_value), "secret in stdout");
        assert!(!run.stderr.contains(secret_value), "secret in stderr");
    }

    // Verified directly: the user is in the admin group with console access.
    assert_console_admin(&iam, "bob").await;
    assert_eq!(audit_status(&server, "individual-users"), "pass");

    // A rerun reuses everything and writes no new secret.
    let after = account_state(&iam).await;
    let second = dir.join("again.csv");
    let again = server.cli(&[
        "fix",
        "individual-users",
        "--yes",
        "--user",
        "bob",
        "--credentials-file",
        second.to_str().expect("path"),
    ]);
    assert_eq!(again.code, 0, "{}\n{}", again.stdout, again.stderr);
    support::assert_contains(&again.stdout, "nothing to change");
    assert!(!second.exists());
    assert_eq!(account_state(&iam).await, after);
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[tokio::test]
async fn sign_in_url_alias_is_validated_set_and_replaced_only_with_consent() {
    let server = LocalIam::start();
    let iam = server.iam();

    // The local server itself would accept this alias: the tool must refuse it first.
    let bad = server.cli(&["fix", "sign-in-url", "--yes", "--alias", "Bad_Alias!"]);
    assert_eq!(bad.code, 2);
    support::assert_contains(&bad.stderr, "invalid account alias");
    let aliases = iam.list_account_aliases().send().await.expect("aliases");
    assert!(aliases.account_aliases().is_empty());

    let set = server.cli(&["fix", "sign-in-url", "--yes", "--alias", "acme-prod"]);
    assert_eq!(set.code, 0, "{}\n{}", set.stdout, set.stderr);
    assert!(
        set.stdout
            .contains("https://acme-prod.signin.aws.amazon.com/console")
    );
    let report = server.audit(&["--format", "json"]).json();
    assert_eq!(report["account"]["alias"], "acme-prod");

    let again = server.cli(&["fix", "sign-in-url", "--yes", "--alias", "acme-prod"]);
    assert_eq!(again.code, 0);
    support::assert_contains(&again.stdout, "already acme-prod");

    let refused = server.cli(&["fix", "sign-in-url", "--alias", "acme-new"]);
    assert_eq!(refused.code, 2);
    let replaced = server.cli(&["fix", "sign-in-url", "--yes", "--alias", "acme-new"]);
    assert_eq!(replaced.code, 0, "{}", replaced.stderr);
    support::assert_contains(&replaced.stdout, "DeleteAccountAlias");
    let aliases = iam.list_account_aliases().send().await.expect("aliases");
    assert_eq!(aliases.account_aliases(), ["acme-new"]);
}

#[test]
fn root_mfa_is_guided_and_never_claims_success() {
    let server = LocalIam::start();
    let guided = server.cli(&["fix", "root-mfa"]);
    assert_eq!(guided.code, 1, "{}", guided.stderr);
    support::assert_contains(&guided.stdout, "Assign MFA device");
    assert!(guided.stdout.contains("still orange"));

    let waited = server.cli(&["--format", "json", "fix", "root-mfa", "--wait", "1"]);
    assert_eq!(waited.code, 1);
    assert_eq!(waited.json()["status"], "fail");
}

#[test]
fn root_access_keys_already_green_on_the_local_server() {
    let server = LocalIam::start();
    let run = server.cli(&["fix", "root-access-keys", "--yes"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("no access keys"));
}

#[tokio::test]
async fn fix_all_and_audit_fix_walk_the_orange_items() {
    let server = LocalIam::start();
    seed::weak_account(&server.iam()).await.expect("seed");
    let run = server.cli(&["fix", "all", "--yes"]);
    // Root MFA stays orange: the local server cannot enable it.
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    let report = server.audit(&["--format", "json"]).json();
    assert_eq!(status(&report, "groups"), "pass");
    assert_eq!(status(&report, "password-policy"), "pass");
    assert_eq!(status(&report, "root-mfa"), "fail");

    let fresh = LocalIam::start();
    let refused = fresh.cli(&["audit", "--fix"]);
    assert_eq!(refused.code, 2);
    let before = account_state(&fresh.iam()).await;
    assert!(before.contains("policy None"), "{before}");
    // With JSON, every line of stdout is one JSON document: the report, then each fix.
    let lines = fresh.cli(&["--format", "json", "audit", "--fix", "--yes", "--dry-run"]);
    assert_eq!(lines.code, 1, "{}", lines.stderr);
    let documents: Vec<serde_json::Value> = lines
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(documents[0]["schema_version"], 2);
    let plans: Vec<&serde_json::Value> = documents
        .iter()
        .filter(|d| d["dry_run"] == true)
        .map(|d| &d["fix"])
        .collect();
    assert_eq!(plans, ["groups", "password-policy"], "{documents:?}");
    let fixed = fresh.cli(&["audit", "--fix", "--yes"]);
    assert_eq!(fixed.code, 1, "{}\n{}", fixed.stdout, fixed.stderr);
    support::assert_contains(&fixed.stdout, "fix individual-users --user NAME");
    assert_eq!(audit_status(&fresh, "password-policy"), "pass");
    assert_eq!(audit_status(&fresh, "groups"), "pass");
}

#[tokio::test]
async fn a_partial_failure_lists_what_was_applied_and_a_rerun_finishes() {
    let server = LocalIam::start();
    let missing = "arn:aws:iam::aws:policy/NoSuchPolicyAnywhere";
    let run = server.cli(&["fix", "groups", "--yes", "--policy-arn", missing]);
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    support::assert_contains(&run.stderr, "1 of 2 calls were applied");
    support::assert_contains(&run.stderr, "1. [applied] CreateGroup");
    support::assert_contains(&run.stderr, "2. [FAILED] AttachGroupPolicy");
    support::assert_contains(&run.stderr, "NoSuchEntity");

    // The rerun starts from the account as it is: the group exists, only the policy is due.
    let rerun = server.cli(&["fix", "groups", "--yes"]);
    assert_eq!(rerun.code, 0, "{}\n{}", rerun.stdout, rerun.stderr);
    assert!(!rerun.stdout.contains("CreateGroup"), "{}", rerun.stdout);
    support::assert_contains(&rerun.stdout, "AttachGroupPolicy");
    let groups = server.iam().list_groups().send().await.expect("groups");
    assert_eq!(
        groups.groups().len(),
        1,
        "the group was reused, not duplicated"
    );
}

/// CIS 1.2 against the local server's Account API: orange without a security contact, the
/// fix registers it (account shown in the plan), the audit turns green, a rerun changes
/// nothing, and bad input changes nothing.
#[tokio::test]
async fn security_contact_is_registered_and_verified() {
    let server = LocalIam::start();
    let audit = || server.audit(&["--checks", "security-contact", "--format", "json"]);
    let before = audit();
    assert_eq!(before.code, 1, "{}", before.stderr);

    let bad = server.cli(&[
        "fix",
        "security-contact",
        "--yes",
        "--name",
        "Security team",
        "--email",
        "not-an-address",
        "--phone",
        "+1 555 0100",
    ]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    support::assert_contains(&bad.stderr, "--email");
    assert_eq!(audit().code, 1, "bad input changed nothing");

    let args = [
        "fix",
        "security-contact",
        "--yes",
        "--name",
        "Security team",
        "--email",
        "security@example.com",
        "--phone",
        "+1 555 0100",
    ];
    let fixed = server.cli(&args);
    assert_eq!(fixed.code, 0, "{}\n{}", fixed.stdout, fixed.stderr);
    support::assert_contains(&fixed.stdout, "PutAlternateContact");
    support::assert_contains(&fixed.stdout, "security-contact is green");
    let after = audit();
    assert_eq!(after.code, 0, "{}", after.stdout);

    let rerun = server.cli(&args);
    assert_eq!(rerun.code, 0);
    support::assert_contains(&rerun.stdout, "nothing to change");
    assert!(
        !rerun.stdout.contains("PutAlternateContact"),
        "{}",
        rerun.stdout
    );
}

/// Every fix reports its verified result in one JSON shape, the audit's (status, reason,
/// details, findings), with the account it changed.
#[tokio::test]
async fn fix_results_share_the_audits_shape() {
    let server = LocalIam::start();
    seed::weak_account(&server.iam()).await.expect("seed");
    for args in [
        &["--format", "json", "fix", "password-policy", "--yes"][..],
        &["--format", "json", "fix", "root-mfa"][..],
        &[
            "--format",
            "json",
            "fix",
            "sign-in-url",
            "--yes",
            "--alias",
            "acme-shape",
        ][..],
    ] {
        let run = server.cli(args);
        let last = run.stdout.lines().last().expect("a result line");
        let result: serde_json::Value = serde_json::from_str(last).expect("JSON");
        for key in ["fix", "status", "reason", "details", "findings", "account"] {
            assert!(result.get(key).is_some(), "{args:?}: no {key} in {result}");
        }
        assert_eq!(result["account"]["id"], support::ACCOUNT_ID, "{args:?}");
    }
    // Orange names its resource, as in the audit.
    let run = server.cli(&["--format", "json", "fix", "root-mfa"]);
    let result: serde_json::Value =
        serde_json::from_str(run.stdout.lines().last().expect("line")).expect("JSON");
    assert_eq!(result["status"], "fail");
    assert_eq!(result["findings"][0]["resource"]["type"], "AwsAccount");
}
