//! What fixes changed, end to end against the local IAM server: `changes` in each fix's JSON
//! result and dry run, the change log (JSON Lines, private, written before it is needed),
//! and `--undo` of password-policy and sign-in-url changes.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use support::{ACCOUNT_ID, LocalIam, Run, password_policy, seed, temp_dir};

/// The caller moto reports for the tests' keys.
const CALLER: &str = "arn:aws:sts::123456789012:user/moto";
const ROOT: &str = "arn:aws:iam::123456789012:root";

fn log_in(dir: &Path) -> PathBuf {
    dir.join("changes.jsonl")
}

/// `fix TARGET ARGS --yes --format json --journal LOG`.
fn fix(server: &LocalIam, journal: &Path, args: &[&str]) -> Run {
    let mut all = vec!["--format", "json", "fix"];
    all.extend(args);
    all.extend(["--yes", "--journal", journal.to_str().expect("utf-8")]);
    server.cli(&all)
}

/// The last JSON line a fix printed.
fn result(run: &Run) -> Value {
    let line = run.stdout.lines().last().expect("a JSON line");
    serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

fn entries(journal: &Path) -> Vec<Value> {
    std::fs::read_to_string(journal)
        .expect("change log")
        .lines()
        .map(|l| serde_json::from_str(l).expect("entry"))
        .collect()
}

fn calls(changes: &Value) -> Vec<&str> {
    changes
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| c["call"].as_str().expect("call"))
        .collect()
}

#[tokio::test]
async fn every_fix_reports_its_changes_and_logs_them() {
    let server = LocalIam::start();
    let iam = server.iam();
    seed::weak_account(&iam).await.expect("seed");
    let dir = temp_dir("journal-fixes");
    let journal = log_in(&dir);

    // A dry run plans the same entries and writes no log.
    let dry = server.cli(&["--format", "json", "fix", "password-policy", "--dry-run"]);
    assert_eq!(dry.code, 1, "{}", dry.stderr);
    let planned = result(&dry);
    assert_eq!(planned["dry_run"], true);
    assert_eq!(calls(&planned["changes"]), ["UpdateAccountPasswordPolicy"]);
    assert_eq!(planned["changes"][0]["before"], Value::Null);
    assert!(!journal.exists());

    let run = fix(&server, &journal, &["password-policy"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let policy = result(&run);
    assert_eq!(policy["changes"], planned["changes"], "applied as planned");
    let change = &policy["changes"][0];
    assert_eq!(change["resource"], ROOT);
    assert_eq!(change["after"]["MinimumPasswordLength"], 14);

    let run = fix(&server, &journal, &["groups"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let groups = result(&run);
    let group_calls = calls(&groups["changes"]);
    for call in [
        "CreateGroup",
        "AttachGroupPolicy",
        "AddUserToGroup",
        "DetachUserPolicy",
    ] {
        assert!(group_calls.contains(&call), "{group_calls:?}");
    }
    let detach = groups["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .find(|c| c["call"] == "DetachUserPolicy")
        .expect("detach");
    assert_eq!(
        detach["resource"],
        format!("arn:aws:iam::{ACCOUNT_ID}:user/alice")
    );
    assert_eq!(detach["after"], Value::Null);
    assert!(detach["before"]["PolicyArn"].is_string());

    let credentials = dir.join("bob.csv");
    let run = fix(
        &server,
        &journal,
        &[
            "individual-users",
            "--user",
            "bob",
            "--credentials-file",
            credentials.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let users = result(&run);
    assert_eq!(
        calls(&users["changes"]),
        ["CreateUser", "AddUserToGroup", "CreateLoginProfile"]
    );
    assert_eq!(users["changes"][2]["after"]["Password"], "<redacted>");

    let run = fix(&server, &journal, &["sign-in-url", "--alias", "acme-prod"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let alias = result(&run);
    assert_eq!(
        alias["changes"],
        json!([{
            "call": "CreateAccountAlias",
            "resource": ROOT,
            "before": { "AccountAlias": null },
            "after": { "AccountAlias": "acme-prod" },
        }])
    );

    let run = fix(
        &server,
        &journal,
        &[
            "security-contact",
            "--name",
            "Sec Team",
            "--email",
            "sec@example.com",
            "--phone",
            "+1 555 0100",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let contact = result(&run);
    assert_eq!(calls(&contact["changes"]), ["PutAlternateContact"]);
    assert_eq!(contact["changes"][0]["before"], Value::Null);
    assert_eq!(
        contact["changes"][0]["after"]["EmailAddress"],
        "sec@example.com"
    );

    // root-mfa only guides: it changes nothing, and says so.
    let run = server.cli(&["--format", "json", "fix", "root-mfa"]);
    assert_eq!(result(&run)["changes"], json!([]));

    // The log: every applied change once, in order, with who, where and which tool.
    let logged = entries(&journal);
    let all_changes: Vec<Value> = [&policy, &groups, &users, &alias, &contact]
        .iter()
        .flat_map(|r| r["changes"].as_array().expect("changes").clone())
        .collect();
    assert_eq!(logged.len(), all_changes.len());
    for (entry, change) in logged.iter().zip(&all_changes) {
        for field in ["call", "resource", "before", "after"] {
            assert_eq!(entry[field], change[field], "{entry}");
        }
        assert_eq!(entry["account"], ACCOUNT_ID);
        assert_eq!(entry["caller_arn"], CALLER);
        assert_eq!(
            entry["tool"],
            concat!("iam-harden/", env!("CARGO_PKG_VERSION"))
        );
        assert_eq!(entry["state"], "applied");
        assert!(entry["time"].as_str().expect("time").ends_with('Z'));
    }
    let fixes: Vec<&str> = logged
        .iter()
        .map(|e| e["fix"].as_str().expect("fix"))
        .collect();
    assert_eq!(fixes[0], "password-policy");
    assert_eq!(*fixes.last().expect("last"), "security-contact");
    // The generated password reached the credentials file, never the log.
    let password = std::fs::read_to_string(&credentials)
        .expect("credentials")
        .lines()
        .nth(1)
        .and_then(|row| row.split(',').nth(1).map(str::to_string))
        .expect("password cell");
    assert!(password.len() >= 14);
    let text = std::fs::read_to_string(&journal).expect("log");
    assert!(!text.contains(&password));
    let mode = std::fs::metadata(&journal)
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[tokio::test]
async fn an_unwritable_change_log_stops_the_fix_before_any_call() {
    let server = LocalIam::start();
    let dir = temp_dir("journal-unwritable");
    let file = dir.join("a-file");
    std::fs::write(&file, "").expect("file");
    // A log "inside" a regular file cannot be created.
    let run = fix(&server, &file.join("changes.jsonl"), &["password-policy"]);
    assert_eq!(run.code, 2);
    support::assert_contains(&run.stderr, "change log");
    support::assert_contains(&run.stderr, "nothing was changed");
    assert!(
        support::password_policy(&server.iam()).await.is_none(),
        "no policy was written"
    );
}

#[tokio::test]
async fn the_default_change_log_is_private_in_the_state_directory() {
    let server = LocalIam::start();
    let state = temp_dir("journal-state");
    let mut command = support::binary();
    support::with_test_credentials(&mut command)
        .env("XDG_STATE_HOME", &state)
        .args(["--endpoint-url", &server.endpoint, "fix", "sign-in-url"])
        .args(["--alias", "acme-state", "--yes"]);
    let run = Run::of(command);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let journal = state.join("iam-harden/changes.jsonl");
    assert_eq!(entries(&journal).len(), 1);
    let mode = std::fs::metadata(&journal)
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let dir_mode = std::fs::metadata(state.join("iam-harden"))
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(dir_mode & 0o777, 0o700);
}

async fn min_length(server: &LocalIam) -> Option<i32> {
    server
        .iam()
        .get_account_password_policy()
        .send()
        .await
        .ok()
        .and_then(|p| {
            p.password_policy()
                .map(|p| p.minimum_password_length().unwrap_or(0))
        })
}

#[tokio::test]
async fn undo_restores_the_password_policy_and_refuses_after_a_change() {
    let server = LocalIam::start();
    let iam = server.iam();
    let journal = log_in(&temp_dir("journal-undo-policy"));

    // From no policy: the undo deletes the one the fix wrote.
    assert_eq!(fix(&server, &journal, &["password-policy"]).code, 0);
    assert_eq!(min_length(&server).await, Some(14));
    let undo = fix(&server, &journal, &["password-policy", "--undo"]);
    assert_eq!(undo.code, 0, "{}", undo.stderr);
    assert_eq!(min_length(&server).await, None);
    assert_eq!(
        calls(&result(&undo)["changes"]),
        ["DeleteAccountPasswordPolicy"]
    );

    // From a weak policy: the undo writes it back, every value.
    iam.update_account_password_policy()
        .minimum_password_length(8)
        .require_numbers(true)
        .max_password_age(30)
        .send()
        .await
        .expect("weak policy");
    let before = password_policy(&iam).await;
    assert_eq!(fix(&server, &journal, &["password-policy"]).code, 0);
    let dry = server.cli(&[
        "--format",
        "json",
        "fix",
        "password-policy",
        "--undo",
        "--dry-run",
        "--journal",
        journal.to_str().expect("utf-8"),
    ]);
    assert_eq!(
        result(&dry)["changes"][0]["after"]["MinimumPasswordLength"],
        8
    );
    assert_eq!(
        min_length(&server).await,
        Some(14),
        "a dry run changes nothing"
    );
    let undo = fix(&server, &journal, &["password-policy", "--undo"]);
    assert_eq!(undo.code, 0, "{}", undo.stderr);
    let after = password_policy(&iam).await;
    assert_eq!(after, before);
    let last = entries(&journal).pop().expect("entry");
    assert_eq!(last["undo"], true);
    assert_eq!(last["fix"], "password-policy");

    // Changed by someone else since the logged change: refused, nothing written.
    assert_eq!(fix(&server, &journal, &["password-policy"]).code, 0);
    iam.update_account_password_policy()
        .minimum_password_length(20)
        .send()
        .await
        .expect("someone else's change");
    let refused = fix(&server, &journal, &["password-policy", "--undo"]);
    assert_eq!(refused.code, 2);
    support::assert_contains(&refused.stderr, "has changed since");
    assert_eq!(min_length(&server).await, Some(20));
}

#[tokio::test]
async fn undo_restores_the_sign_in_alias() {
    let server = LocalIam::start();
    let iam = server.iam();
    let journal = log_in(&temp_dir("journal-undo-alias"));
    let empty = fix(&server, &journal, &["sign-in-url", "--undo"]);
    assert_eq!(empty.code, 2);
    support::assert_contains(&empty.stderr, "nothing to undo");

    iam.create_account_alias()
        .account_alias("old-name")
        .send()
        .await
        .expect("alias");
    let run = fix(&server, &journal, &["sign-in-url", "--alias", "new-name"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let undo = fix(&server, &journal, &["sign-in-url", "--undo"]);
    assert_eq!(undo.code, 0, "{}", undo.stderr);
    assert_eq!(
        calls(&result(&undo)["changes"]),
        ["DeleteAccountAlias", "CreateAccountAlias"]
    );
    let aliases = iam.list_account_aliases().send().await.expect("aliases");
    assert_eq!(aliases.account_aliases(), ["old-name"]);
}
