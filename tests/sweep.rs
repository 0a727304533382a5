//! Many accounts in one run, end to end against the local server's Organizations, STS and
//! IAM: `audit --org` and `--accounts` through an assumed role, an account whose role cannot
//! be assumed as an error row, waivers per account, every format's multi-account shape
//! checked by its consumer, shards that cover every account once, and `merge`.

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use support::{ACCOUNT_ID, LocalIam, Run, binary, seed, temp_dir, validate_report};

const ROLE: &str = "Auditor";

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("json")
}

fn ids(values: &Value, key: &str) -> Vec<String> {
    values
        .as_array()
        .expect("array")
        .iter()
        .map(|v| {
            v.pointer(key)
                .and_then(Value::as_str)
                .expect("id")
                .to_string()
        })
        .collect()
}

fn status<'a>(sweep: &'a Value, account: &str, check: &str) -> &'a str {
    let report = sweep["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .find(|r| r["account"]["id"] == account)
        .unwrap_or_else(|| panic!("no report for {account}"));
    support::status(report, check)
}

/// An organization of three members: a weak one, a hardened one, and one whose role the
/// sweeping user is denied. The sweeping user's keys, with the server's authorization on.
async fn organization(server: &LocalIam) -> (Vec<String>, String, String) {
    let audited = support::audited_organization(&server.endpoint, 3, ROLE, ACCOUNT_ID)
        .await
        .expect("organization");
    for (i, (_, iam)) in audited.iter().enumerate() {
        match i {
            0 => seed::weak_account(iam).await.expect("weak"),
            1 => seed::hardened_account(iam).await.expect("hardened"),
            _ => {}
        }
    }
    let members: Vec<String> = audited.into_iter().map(|(id, _)| id).collect();
    let iam = server.iam();
    seed::create_user(&iam, "sweeper").await.expect("user");
    let denied = format!("arn:aws:iam::{}:role/{ROLE}", members[2]);
    iam.put_user_policy()
        .user_name("sweeper")
        .policy_name("sweep")
        .policy_document(format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"*","Resource":"*"}},{{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"{denied}"}}]}}"#
        ))
        .send()
        .await
        .expect("policy");
    let key = iam
        .create_access_key()
        .user_name("sweeper")
        .send()
        .await
        .expect("key");
    let key = key.access_key().expect("key");
    // From here on, every request is authorized as the server's IAM says.
    server.control("/moto-api/reset-auth", "0");
    (
        members,
        key.access_key_id().to_string(),
        key.secret_access_key().to_string(),
    )
}

#[tokio::test]
async fn an_organization_is_swept_account_by_account_and_a_denied_role_is_an_error_row() {
    let server = LocalIam::start();
    let (members, key, secret) = organization(&server).await;
    let (weak, hardened, denied) = (&members[0], &members[1], &members[2]);
    let dir = temp_dir("sweep-org");
    let config = dir.join("iam-harden.toml");
    std::fs::write(
        &config,
        format!(
            "[[waiver]]\ncheck = \"groups\"\nreason = \"legacy, SEC-9\"\nexpires = 2099-01-01\nresources = [\"*\"]\naccounts = [\"{weak}\"]\n"
        ),
    )
    .expect("config");
    let path = |name: &str| dir.join(name);
    let outputs: Vec<String> = ["json", "sarif", "junit", "csv", "asff", "ocsf", "markdown"]
        .iter()
        .map(|f| format!("{f}={}", path(f).display()))
        .collect();
    let mut args = vec![
        "--org",
        "--role-name",
        ROLE,
        "--config",
        config.to_str().expect("utf-8"),
    ];
    for output in &outputs {
        args.extend(["--output", output.as_str()]);
    }
    let run = server.audit_as(&key, &secret, &args);
    assert_eq!(run.code, 2, "an account could not be read: {}", run.stderr);

    let sweep = read_json(&path("json"));
    validate_report("report", &path("json")).unwrap_or_else(|e| panic!("schema: {e}"));
    let mut read = vec![ACCOUNT_ID.to_string(), weak.clone(), hardened.clone()];
    read.sort();
    assert_eq!(ids(&sweep["accounts"], "/account/id"), read);
    assert_eq!(
        ids(&sweep["errors"], "/account"),
        std::slice::from_ref(denied)
    );
    let error = sweep["errors"][0]["error"].as_str().expect("error");
    assert!(
        error.contains(&format!("cannot assume arn:aws:iam::{denied}:role/{ROLE}")),
        "{error}"
    );
    assert_eq!(sweep["summary"]["accounts"], 4);
    assert_eq!(sweep["summary"]["unreadable"], 1);
    // Each account as it is: the weak one orange, the hardened one green.
    assert_eq!(status(&sweep, weak, "password-policy"), "fail");
    assert_eq!(status(&sweep, hardened, "password-policy"), "pass");
    assert_eq!(status(&sweep, hardened, "groups"), "pass");
    // The waiver names one account: it holds there and nowhere else.
    assert_eq!(status(&sweep, weak, "groups"), "waived");
    assert_eq!(status(&sweep, ACCOUNT_ID, "groups"), "fail");
    let totals = sweep["summary"]["checks"]
        .as_array()
        .expect("totals")
        .iter()
        .find(|t| t["id"] == "password-policy")
        .expect("password-policy totals");
    assert_eq!(
        (totals["pass"].as_u64(), totals["fail"].as_u64()),
        (Some(1), Some(2))
    );

    // Every format holds every account, and passes its consumer.
    validate_report("sarif", &path("sarif")).unwrap_or_else(|e| panic!("sarif: {e}"));
    let diagnostics: Vec<String> = support::sarif_multitool_diagnostics(&path("sarif"))
        .into_iter()
        .filter(|d| !d.contains("GHAzDO1019") && !d.contains("GHAzDO1020"))
        .collect();
    assert!(diagnostics.is_empty(), "{}", diagnostics.join("\n"));
    let sarif = read_json(&path("sarif"));
    let automation: BTreeSet<String> = ids(&sarif["runs"], "/automationDetails/id")
        .into_iter()
        .collect();
    let expected: BTreeSet<String> = read
        .iter()
        .chain([denied])
        .map(|id| format!("iam-harden/{id}/"))
        .collect();
    assert_eq!(automation, expected, "one run per account");
    validate_report("junit", &path("junit")).unwrap_or_else(|e| panic!("junit: {e}"));
    let junit = std::fs::read_to_string(path("junit")).expect("junit");
    assert_eq!(junit.matches("<testsuite ").count(), 4);
    assert!(junit.contains(&format!("iam-harden audit of account {denied}")));
    validate_report("asff", &path("asff")).unwrap_or_else(|e| panic!("asff: {e}"));
    let asff_accounts: BTreeSet<String> = ids(&read_json(&path("asff")), "/AwsAccountId")
        .into_iter()
        .collect();
    assert_eq!(asff_accounts, read.iter().cloned().collect());
    validate_report("ocsf", &path("ocsf")).unwrap_or_else(|e| panic!("ocsf: {e}"));
    let csv = std::fs::read_to_string(path("csv")).expect("csv");
    assert!(
        csv.lines()
            .any(|l| l.starts_with(&format!("{denied},,,error,"))),
        "{csv}"
    );
    let markdown = std::fs::read_to_string(path("markdown")).expect("markdown");
    assert!(
        markdown.contains("across 4 accounts: 3 read, 1 could not be read"),
        "{markdown}"
    );
    assert!(markdown.contains(&format!("`{denied}`")), "{markdown}");

    // The table on stdout: one row per account read, the unreadable one listed.
    support::assert_contains(&run.stdout, "IAM security status across accounts");
    for id in &read {
        assert!(run.stdout.contains(id.as_str()), "{}", run.stdout);
    }
    assert!(
        run.stdout.contains(&format!("✖ {denied}: cannot assume")),
        "{}",
        run.stdout
    );
}

#[tokio::test]
async fn shards_cover_every_account_once_and_merge_into_the_whole_sweep() {
    let server = LocalIam::start();
    let members = seed::organization(&server.endpoint, 5)
        .await
        .expect("organization");
    let dir = temp_dir("sweep-shards");
    let list = dir.join("accounts.txt");
    let mut text = String::from("# the whole organization\n");
    for id in &members {
        text.push_str(&format!("{id}  # member\n"));
    }
    text.push_str(&format!("{ACCOUNT_ID}\n"));
    std::fs::write(&list, text).expect("list");
    let accounts = format!("@{}", list.display());
    let sweep_args = |extra: &[&str]| {
        let mut args = vec![
            "--accounts",
            accounts.as_str(),
            "--role-name",
            ROLE,
            "--concurrency",
            "2",
            "--format",
            "json",
        ];
        args.extend(extra);
        args.iter().map(|a| a.to_string()).collect::<Vec<_>>()
    };
    let whole = server.audit(
        &sweep_args(&[])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert_eq!(whole.code, 1, "{}", whole.stderr);
    let whole = whole.json();
    assert_eq!(ids(&whole["accounts"], "/account/id").len(), 6);

    let mut files = Vec::new();
    let mut covered = Vec::new();
    for shard in ["1/3", "2/3", "3/3"] {
        let run = server.audit(
            &sweep_args(&["--shard", shard])
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        );
        let file = dir.join(format!("shard-{}.json", &shard[..1]));
        std::fs::write(&file, &run.stdout).expect("shard report");
        covered.extend(ids(&run.json()["accounts"], "/account/id"));
        files.push(file);
    }
    covered.sort();
    let mut all = ids(&whole["accounts"], "/account/id");
    all.sort();
    assert_eq!(covered, all, "every account in exactly one shard");

    let mut merge = binary();
    merge.arg("--format").arg("json").arg("merge").args(&files);
    let merged = Run::of(merge);
    assert_eq!(merged.code, 1, "{}", merged.stderr);
    let merged = merged.json();
    assert_eq!(merged["summary"], whole["summary"]);
    assert_eq!(ids(&merged["accounts"], "/account/id"), all);
    for (a, b) in merged["accounts"]
        .as_array()
        .expect("merged")
        .iter()
        .zip(whole["accounts"].as_array().expect("whole"))
    {
        assert_eq!(a["checks"], b["checks"]);
    }

    // The same account twice is refused, naming both files.
    let mut overlap = binary();
    overlap.arg("merge").args([&files[0], &files[0]]);
    let overlap = Run::of(overlap);
    assert_eq!(overlap.code, 2);
    support::assert_contains(&overlap.stderr, "refuses overlapping reports");
}

#[test]
fn bad_account_lists_and_fix_across_accounts_are_refused_before_any_call() {
    // Port 9 (discard) on loopback: any request would fail differently.
    let unreachable = "http://127.0.0.1:9";
    for (args, message) in [
        (
            vec!["audit", "--accounts", "12345678901x", "--role-name", ROLE],
            "is not a 12-digit account id",
        ),
        (vec!["audit", "--org"], "--role-name"),
        (
            vec!["audit", "--org", "--role-name", ROLE, "--shard", "4/3"],
            "is not I/N",
        ),
        (
            vec!["audit", "--org", "--role-name", "bad/name"],
            "a role name is",
        ),
        (
            vec!["fix", "groups", "--org"],
            "fix changes one account at a time",
        ),
    ] {
        let mut command = binary();
        support::with_test_credentials(&mut command)
            .args(["--endpoint-url", unreachable])
            .args(&args);
        let run = Run::of(command);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
    }
}

/// `audit --org --baseline`: each account against its own part of the baseline sweep.
#[tokio::test]
async fn a_sweep_against_a_baseline_sweep_marks_what_is_new_per_account() {
    let server = LocalIam::start();
    let audited = support::audited_organization(&server.endpoint, 2, ROLE, ACCOUNT_ID)
        .await
        .expect("organization");
    for (_, iam) in &audited {
        seed::weak_account(iam).await.expect("weak");
    }
    let dir = temp_dir("sweep-baseline");
    let old = dir.join("old.json");
    let sweep = ["--org", "--role-name", ROLE, "--format", "json"];
    let before = server.audit(&sweep);
    std::fs::write(&old, &before.stdout).expect("baseline");
    let (changed, iam) = &audited[0];
    seed::create_user(iam, "eve").await.expect("eve");
    seed::attach_user_policy(iam, "eve", "arn:aws:iam::aws:policy/ReadOnlyAccess")
        .await
        .expect("attach");
    let run = server.audit(&[&sweep[..], &["--baseline", old.to_str().expect("utf-8")]].concat());
    assert_eq!(run.code, 1, "eve is new: {}", run.stderr);
    let report = run.json();
    for account in report["accounts"].as_array().expect("accounts") {
        let id = account["account"]["id"].as_str().expect("id");
        let new: Vec<&str> = account["checks"]
            .as_array()
            .expect("checks")
            .iter()
            .flat_map(|c| c["findings"].as_array().expect("findings"))
            .filter(|f| f["baseline"] == "new")
            .map(|f| f["resource"]["name"].as_str().expect("name"))
            .collect();
        match id == changed {
            true => assert_eq!(new, ["eve"], "{id}"),
            false => assert!(new.is_empty(), "{id}: {new:?}"),
        }
    }
}
