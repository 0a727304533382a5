//! `iam-harden diff`: two audits of the local server, a finding added and one resolved
//! between them; the JSON checked against schema/diff.schema.json by `jsonschema`.

mod support;

use std::path::Path;

use serde_json::Value;
use support::{LocalIam, binary, seed, temp_dir, validate_report};

fn audit_to(server: &LocalIam, path: &Path, args: &[&str]) {
    let run = server.audit(&[args, &["--format", "json"]].concat());
    assert!(run.code <= 1, "{}", run.stderr);
    std::fs::write(path, &run.stdout).expect("write report");
}

/// Between the runs: a password policy (resolves one finding), and a user with a policy of
/// its own (a new one).
async fn between_the_runs(iam: &aws_sdk_iam::Client) {
    seed::baseline_password_policy(iam)
        .await
        .expect("password policy");
    seed::create_user(iam, "eve").await.expect("eve");
    seed::attach_user_policy(iam, "eve", "arn:aws:iam::aws:policy/ReadOnlyAccess")
        .await
        .expect("attach");
}

fn diff(args: &[&str]) -> support::Run {
    let mut command = binary();
    command.arg("diff").args(args);
    support::Run::of(command)
}

fn messages(account: &Value, key: &str) -> Vec<String> {
    account[key]
        .as_array()
        .expect(key)
        .iter()
        .map(|c| {
            format!(
                "{}: {}",
                c["check"].as_str().expect("check"),
                c["message"].as_str().expect("message")
            )
        })
        .collect()
}

#[tokio::test]
async fn a_new_finding_fails_the_gate_a_resolved_one_is_reported_the_backlog_passes() {
    let server = LocalIam::start();
    let iam = server.iam();
    seed::weak_account(&iam).await.expect("seed");
    let dir = temp_dir("diff");
    let (old, new) = (dir.join("old.json"), dir.join("new.json"));
    audit_to(&server, &old, &[]);
    between_the_runs(&iam).await;
    audit_to(&server, &new, &[]);
    let (old, new) = (old.to_str().expect("utf-8"), new.to_str().expect("utf-8"));

    let run = diff(&[old, new, "--format", "json"]);
    assert_eq!(run.code, 1, "a new finding fails the gate: {}", run.stderr);
    let out = dir.join("diff.json");
    std::fs::write(&out, &run.stdout).expect("write");
    validate_report("diff", &out).unwrap_or_else(|e| panic!("diff schema: {e}"));
    let report = run.json();
    let account = &report["accounts"][0];
    assert_eq!(account["id"], support::ACCOUNT_ID);
    assert_eq!(
        messages(account, "new"),
        ["groups: user eve: attached ReadOnlyAccess"]
    );
    assert_eq!(
        messages(account, "resolved"),
        ["password-policy: No password policy: IAM users may choose weak passwords"]
    );
    assert!(
        messages(account, "unchanged")
            .contains(&"groups: user alice: attached AdministratorAccess".to_string())
    );
    assert_eq!(
        account["checks_changed"],
        serde_json::json!([{"check": "password-policy", "old": "fail", "new": "pass"}])
    );
    assert_eq!(report["summary"]["new"], 1);
    assert_eq!(report["summary"]["resolved"], 1);

    // The same finding is low: a gate on high passes it.
    assert_eq!(diff(&[old, new, "--fail-on", "high"]).code, 0);
    // An unchanged backlog passes.
    let same = diff(&[new, new, "--format", "json"]);
    assert_eq!(same.code, 0, "{}", same.stdout);
    assert_eq!(same.json()["summary"]["new"], 0);

    let table = diff(&[old, new]);
    for line in [
        "  new       low      groups                     user eve: attached ReadOnlyAccess",
        "  resolved  medium   password-policy            No password policy: IAM users may choose weak passwords",
        "1 new, 1 resolved,",
    ] {
        assert!(table.stdout.contains(line), "{line:?} in\n{}", table.stdout);
    }
    let markdown = diff(&[old, new, "--format", "markdown"]);
    assert!(
        markdown.stdout.starts_with("## 1 new since "),
        "{}",
        markdown.stdout
    );
    assert!(
        markdown
            .stdout
            .contains("| new | low | `groups` | user eve: attached ReadOnlyAccess |"),
        "{}",
        markdown.stdout
    );
}

#[tokio::test]
async fn what_cannot_be_compared_is_named_and_never_passes_as_resolved() {
    let server = LocalIam::start();
    seed::weak_account(&server.iam()).await.expect("seed");
    let dir = temp_dir("diff-undecided");
    let (old, new) = (dir.join("old.json"), dir.join("new.json"));
    audit_to(&server, &old, &["--checks", "groups"]);
    audit_to(&server, &new, &[]);
    // Different check sets: compared on the one both have, the rest named.
    let run = diff(&[
        old.to_str().expect("utf-8"),
        new.to_str().expect("utf-8"),
        "--format",
        "json",
    ]);
    let report = run.json();
    let skipped: Vec<&str> = report["accounts"][0]["not_compared"]
        .as_array()
        .expect("not compared")
        .iter()
        .map(|n| n["check"].as_str().expect("check"))
        .collect();
    assert_eq!(
        skipped,
        [
            "root-access-keys",
            "root-mfa",
            "individual-users",
            "password-policy"
        ]
    );
    assert_eq!(report["accounts"][0]["resolved"], serde_json::json!([]));
    // The new run could not decide a check that had findings: not resolved, and exit 2.
    let mut undecided: Value =
        serde_json::from_str(&std::fs::read_to_string(&new).expect("read")).expect("json");
    let groups = undecided["checks"]
        .as_array_mut()
        .expect("checks")
        .iter_mut()
        .find(|c| c["id"] == "groups")
        .expect("groups");
    groups["status"] = "error".into();
    groups["findings"] = serde_json::json!([]);
    groups["details"] = serde_json::json!([]);
    groups["reason"] = "could not call GetAccountAuthorizationDetails: Throttling".into();
    let broken = dir.join("undecided.json");
    std::fs::write(&broken, undecided.to_string()).expect("write");
    let run = diff(&[
        new.to_str().expect("utf-8"),
        broken.to_str().expect("utf-8"),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    let report = run.json();
    assert_eq!(
        report["summary"]["resolved"], 0,
        "an undecided check resolves nothing"
    );
    assert!(
        report["accounts"][0]["not_compared"][0]["why"]
            .as_str()
            .expect("why")
            .starts_with(
                "the new run could not decide: could not call GetAccountAuthorizationDetails"
            )
    );
    // Unreadable input: exit 2, one line.
    let missing = diff(&[old.to_str().expect("utf-8"), "/nonexistent/new.json"]);
    assert_eq!(missing.code, 2);
    support::assert_contains(&missing.stderr, "cannot read /nonexistent/new.json");
    let sarif = diff(&[
        old.to_str().expect("utf-8"),
        new.to_str().expect("utf-8"),
        "--format",
        "sarif",
    ]);
    assert_eq!(sarif.code, 2);
    assert!(
        sarif
            .stderr
            .contains("diff prints table, markdown, json or html"),
        "{}",
        sarif.stderr
    );
}

/// `audit --baseline`: the same comparison inside an audit; every format marks each finding,
/// and the gate fails only on what is new.
#[tokio::test]
async fn an_audit_against_a_baseline_gates_on_what_is_new() {
    let server = LocalIam::start();
    let iam = server.iam();
    seed::weak_account(&iam).await.expect("seed");
    let dir = temp_dir("baseline");
    let old = dir.join("old.json");
    audit_to(&server, &old, &[]);
    let old = old.to_str().expect("utf-8");
    // Against itself, the orange backlog passes the gate.
    let same = server.audit(&["--baseline", old, "--format", "json"]);
    assert_eq!(same.code, 0, "{}", same.stderr);
    assert_eq!(same.json()["baseline"]["new"], 0);

    between_the_runs(&iam).await;
    let files = ["json", "sarif", "csv", "asff", "ocsf", "junit", "markdown"]
        .map(|f| (f, dir.join(format!("report.{f}"))));
    let mut args = vec!["--baseline", old, "--format", "json"];
    let outputs: Vec<String> = files
        .iter()
        .map(|(f, p)| format!("{f}={}", p.display()))
        .collect();
    for output in &outputs {
        args.extend(["--output", output.as_str()]);
    }
    let run = server.audit(&args);
    assert_eq!(run.code, 1, "a new finding fails: {}", run.stderr);
    let report = run.json();
    assert_eq!(report["baseline"]["new"], 1);
    assert_eq!(
        report["baseline"]["resolved"], 1,
        "the password policy finding"
    );
    let groups = support::check(&report, "groups");
    let states: Vec<(String, String)> = groups["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["resource"]["name"].as_str().expect("name").to_string(),
                f["baseline"].as_str().expect("state").to_string(),
            )
        })
        .collect();
    assert!(states.contains(&("eve".into(), "new".into())), "{states:?}");
    assert!(
        states.contains(&("alice".into(), "unchanged".into())),
        "{states:?}"
    );
    for (kind, path) in [
        ("report", &files[0].1),
        ("sarif", &files[1].1),
        ("asff", &files[3].1),
        ("ocsf", &files[4].1),
        ("junit", &files[5].1),
    ] {
        validate_report(kind, path).unwrap_or_else(|e| panic!("{kind}: {e}"));
    }
    let read = |i: usize| std::fs::read_to_string(&files[i].1).expect("read");
    let sarif: Value = serde_json::from_str(&read(1)).expect("sarif");
    let states: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["baselineState"].as_str())
        .collect();
    assert!(
        states.contains(&"new") && states.contains(&"unchanged"),
        "{states:?}"
    );
    assert!(
        read(2)
            .lines()
            .next()
            .expect("header")
            .ends_with(",baseline")
    );
    assert!(
        read(2).contains(",eve,user eve: attached ReadOnlyAccess,,,new"),
        "{}",
        read(2)
    );
    assert!(
        read(3).contains("\"iam-harden/Baseline\": \"new\"")
            || read(3).contains("\"iam-harden/Baseline\":\"new\""),
        "{}",
        read(3)
    );
    assert!(
        read(4).contains("\"baseline\""),
        "ocsf marks it in unmapped"
    );
    assert!(
        read(5).contains("- new: user eve: attached ReadOnlyAccess"),
        "{}",
        read(5)
    );
    let markdown = read(6);
    assert!(
        markdown.starts_with("**1 new since the baseline of "),
        "{markdown}"
    );
    assert!(
        markdown.contains("• new: user eve: attached ReadOnlyAccess"),
        "{markdown}"
    );
    let table = server.audit(&["--baseline", old]);
    support::assert_contains(&table.stdout, "• new: user eve: attached");
    assert!(
        table
            .stdout
            .contains("Baseline:    1 new since the baseline of "),
        "{}",
        table.stdout
    );
    // Only new findings gate: a high threshold passes the low one.
    assert_eq!(
        server
            .audit(&["--baseline", old, "--fail-on", "high", "--format", "json"])
            .code,
        0
    );
    // A baseline that is not a report is refused before any call.
    let bad = server.audit(&["--baseline", "/nonexistent/old.json"]);
    assert_eq!(bad.code, 2);
    support::assert_contains(&bad.stderr, "cannot read /nonexistent/old.json");
}
