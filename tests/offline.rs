//! `audit --from-authorization-details`: the JSON that `aws iam
//! get-account-authorization-details` prints, dumped from the local server with the AWS CLI's
//! own library (botocore's paginator), judged without calling AWS. Every check that needs only
//! that file gives the live audit's verdict; every other one says it is not in the file.

mod support;

use std::path::Path;
use std::process::Command;

use support::{LocalIam, check, repo_root, seed, temp_dir};

/// The checks an authorization details file decides on its own.
const FROM_THE_FILE: [&str; 7] = [
    "public-role-trust",
    "groups",
    "no-user-policies",
    "no-admin-star-policies",
    "no-admin-inline-policies",
    "support-role",
    "cloudshell-full-access",
];

fn dump(server: &LocalIam, out: &Path) {
    let root = repo_root();
    let status = Command::new(root.join(".venv/bin/python"))
        .arg(root.join("tests/support/dump_authorization_details.py"))
        .arg(&server.endpoint)
        .arg(out)
        .status()
        .expect("run the dump (scripts/local-iam install)");
    assert!(status.success(), "dump failed");
}

/// The binary with no credentials and an endpoint nothing listens on: any call to AWS
/// would fail the run.
fn offline(args: &[&str]) -> support::Run {
    let mut command = support::offline_binary();
    command.arg("audit").args(args);
    support::Run::of(command)
}

#[tokio::test]
async fn a_dump_gives_the_live_verdicts_of_what_it_holds() {
    let server = LocalIam::start();
    let iam = server.iam();
    seed::weak_account(&iam).await.expect("seed");
    let admin = seed::create_policy(
        &iam,
        "all-but-a-bucket",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","NotResource":"arn:aws:s3:::payroll"}]}"#,
    )
    .await
    .expect("policy");
    iam.create_role()
        .role_name("ops")
        .assume_role_policy_document(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}"#)
        .permissions_boundary("arn:aws:iam::aws:policy/ReadOnlyAccess")
        .send()
        .await
        .expect("role");
    iam.attach_role_policy()
        .role_name("ops")
        .policy_arn(&admin)
        .send()
        .await
        .expect("attach");
    // One that can make keys for any user, alice (an administrator) included.
    seed::create_user(&iam, "keymaker").await.expect("user");
    seed::put_user_document(&iam, "keymaker", "keys", support::ANY_KEYS)
        .await
        .expect("policy");
    let dir = temp_dir("offline");
    let file = dir.join("authorization-details.json");
    dump(&server, &file);

    let live = server.audit(&["--all", "--format", "json"]).json();
    let run = offline(&[
        "--all",
        "--from-authorization-details",
        file.to_str().expect("utf-8"),
        "--format",
        "json",
    ]);
    assert_eq!(
        run.code, 2,
        "checks not in the file are errors: {}",
        run.stderr
    );
    let report = run.json();
    assert_eq!(report["account"]["id"], live["account"]["id"]);
    for item in report["checks"].as_array().expect("checks") {
        let id = item["id"].as_str().expect("id");
        if FROM_THE_FILE.contains(&id) {
            for key in ["status", "reason", "details", "findings"] {
                assert_eq!(item[key], check(&live, id)[key], "{id}: {key}");
            }
        } else if id == "privilege-escalation" {
            // Without the credential report, a path through another user's keys holds
            // only if that user has fewer than two: conditional offline, definite live.
            assert_eq!(item["status"], "fail");
            let offline = &item["findings"][0];
            let live = &check(&live, id)["findings"][0];
            assert_eq!(
                offline["facts"]["path"][0]["step"],
                live["facts"]["path"][0]["step"]
            );
            assert_eq!(live["facts"]["certainty"], "definite");
            assert_eq!(offline["facts"]["certainty"], "conditional");
            assert_eq!(
                offline["facts"]["conditions"][0]["key"],
                "fewer than two access keys"
            );
            assert!(
                item["reason"].as_str().is_some_and(|r| r.ends_with(
                    "no credential report, so other users' keys and passwords are open)"
                )),
                "{}",
                item["reason"]
            );
        } else {
            assert_eq!(item["status"], "error", "{id}");
            assert!(
                item["reason"]
                    .as_str()
                    .is_some_and(|r| r.contains("is not in an authorization details file")),
                "{id}: {}",
                item["reason"]
            );
        }
    }
    // The role's boundary (ReadOnlyAccess, from the file) caps the admin policy it holds.
    let admin_check = check(&report, "no-admin-star-policies");
    assert_eq!(admin_check["status"], "fail");
    let finding = admin_check["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["resource"]["name"] == "all-but-a-bucket")
        .expect("the NotResource policy");
    assert_eq!(
        finding["facts"]["holders"],
        serde_json::json!([{"arn": "arn:aws:iam::123456789012:role/ops", "full_admin": "limited"}])
    );
}

/// An offline run gates CI on what its checks decide: the file holds no alias, which is a
/// note (the sign-in URL names the account by id), not an error. With no one escalating,
/// `--checks privilege-escalation` is green (exit 0); once a user may make keys for an
/// administrator, orange (exit 1).
#[tokio::test]
async fn an_offline_escalation_check_gates_on_its_verdict_alone() {
    let server = LocalIam::start();
    let iam = server.iam();
    seed::hardened_account(&iam).await.expect("seed");
    let dir = temp_dir("offline-gate");
    let file = dir.join("authorization-details.json");
    let gate = |file: &Path| {
        offline(&[
            "--checks",
            "privilege-escalation",
            "--from-authorization-details",
            file.to_str().expect("utf-8"),
            "--format",
            "json",
        ])
    };
    dump(&server, &file);
    let green = gate(&file);
    assert_eq!(green.code, 0, "{}\n{}", green.stdout, green.stderr);
    let report = green.json();
    assert_eq!(check(&report, "privilege-escalation")["status"], "pass");
    assert_eq!(report["account"]["errors"], serde_json::json!([]));
    assert_eq!(
        report["notes"][0],
        "the account's alias is not in an authorization details file: the sign-in URL names the account by id"
    );
    seed::create_user(&iam, "keymaker").await.expect("user");
    seed::put_user_document(&iam, "keymaker", "keys", support::ANY_KEYS)
        .await
        .expect("policy");
    dump(&server, &file);
    let orange = gate(&file);
    assert_eq!(orange.code, 1, "{}\n{}", orange.stdout, orange.stderr);
    assert_eq!(
        check(&orange.json(), "privilege-escalation")["status"],
        "fail"
    );
}

#[test]
fn a_file_that_is_not_one_accounts_details_is_refused() {
    let dir = temp_dir("offline-bad");
    let user = |account: &str, name: &str| {
        format!(r#"{{"UserName":"{name}","Arn":"arn:aws:iam::{account}:user/{name}"}}"#)
    };
    for (content, error) in [
        (
            "not json".to_string(),
            "not the JSON of get-account-authorization-details",
        ),
        (
            format!(
                r#"{{"UserDetailList":[{},{}]}}"#,
                user("111122223333", "a"),
                user("444455556666", "b")
            ),
            "the file mixes accounts: arn:aws:iam::444455556666:user/b is not in account 111122223333",
        ),
        (
            r#"{"UserDetailList":[]}"#.to_string(),
            "the file names no account",
        ),
        (
            r#"{"UserDetailList":[{"UserName":"a","Arn":"arn:aws:s3:::a"}]}"#.to_string(),
            "\"arn:aws:s3:::a\" is not an IAM ARN of an account",
        ),
        (
            r#"{"UserDetailList":[{"Arn":"arn:aws:iam::111122223333:user/a"}]}"#.to_string(),
            "missing field `UserName`",
        ),
    ] {
        let file = dir.join("details.json");
        std::fs::write(&file, &content).expect("write");
        let run = offline(&[
            "--from-authorization-details",
            file.to_str().expect("utf-8"),
        ]);
        assert_eq!(run.code, 2, "{content}");
        assert!(run.stdout.is_empty(), "no report: {}", run.stdout);
        assert!(run.stderr.contains(error), "{content}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    }
    let missing = offline(&["--from-authorization-details", "/nonexistent/details.json"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .contains("cannot read /nonexistent/details.json"),
        "{}",
        missing.stderr
    );
    // Nothing of it makes sense with a write or another account.
    let conflict = offline(&["--from-authorization-details", "x.json", "--fix"]);
    assert_eq!(conflict.code, 2, "{}", conflict.stderr);
}
