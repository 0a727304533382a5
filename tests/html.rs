//! The HTML report in a real browser: Debian's headless Chromium driven by Selenium
//! (`tests/html/check_report.py`). A report of the local server's weak account, and a merged
//! sweep of 200 accounts: the visible text, the filter and the drill-down, no console error,
//! no network request, markup from AWS and the config file shown as text. Screenshots are kept
//! in target/html-artifacts/ (artifacts to look at, not snapshots to compare).

mod support;

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};
use support::{LocalIam, binary, repo_root, seed, temp_dir};

fn browse(report: &Path, screenshot: &str, filter: Option<&str>) -> Value {
    let root = repo_root();
    let artifacts = root.join("target/html-artifacts");
    std::fs::create_dir_all(&artifacts).expect("artifacts dir");
    let mut command = Command::new(root.join(".venv/bin/python"));
    command
        .arg(root.join("tests/html/check_report.py"))
        .arg(report)
        .arg(artifacts.join(screenshot));
    if let Some(filter) = filter {
        command.arg(filter);
    }
    let output = command
        .output()
        .expect("run the browser (scripts/local-iam install-test)");
    assert!(
        output.status.success(),
        "browser: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the browser's JSON")
}

/// What no report may do in a browser: log an error or fetch anything.
fn assert_quiet(page: &Value) {
    assert_eq!(page["console"], json!([]), "console: {}", page["console"]);
    assert_eq!(
        page["requests"],
        json!([]),
        "requests: {}",
        page["requests"]
    );
    assert_eq!(page["images"], 0, "no markup from data became an element");
}

const HOSTILE_ALIAS: &str = "<img src=x onerror=alert(1)>";
const HOSTILE_REASON: &str = "<script>alert(2)</script> tracked in SEC-9";

#[tokio::test]
async fn one_accounts_report_in_a_browser() {
    let server = LocalIam::start();
    let iam = server.iam();
    seed::weak_account(&iam).await.expect("seed");
    // The local server takes any alias; real IAM would not: the report must not care.
    iam.create_account_alias()
        .account_alias(HOSTILE_ALIAS)
        .send()
        .await
        .expect("alias");
    let dir = temp_dir("html");
    let config = dir.join("waive.toml");
    std::fs::write(
        &config,
        format!("[[waiver]]\ncheck = \"groups\"\nreason = \"{HOSTILE_REASON}\"\nexpires = 2099-01-01\nresources = [\"deploy-bot\"]\n"),
    )
    .expect("config");
    let report = dir.join("report.html");
    let run = server.audit(&[
        "--config",
        config.to_str().expect("utf-8"),
        "--output",
        &format!("html={}", report.display()),
    ]);
    // The alias breaks IAM's rule: the account's details are an error (exit 2), and its
    // text, markup included, is shown as text.
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    let html = std::fs::read_to_string(&report).expect("html");
    assert!(!html.contains("\\x0a"), "facts keep their line breaks");
    assert!(
        html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
    );
    let page = browse(&report, "weak-account.png", None);
    assert_quiet(&page);
    assert_eq!(page["scripts"], 0, "a single report needs no script");
    // WCAG AA for text: 4.5:1; and the checklist works from the keyboard.
    assert!(
        page["contrast"].as_f64().expect("contrast") >= 4.5,
        "{}",
        page["contrast"]
    );
    assert_eq!(
        page["keyboard"], true,
        "Tab reaches a check, Enter opens it"
    );
    let text = page["text"].as_str().expect("text");
    for seen in [
        "IAM security status: account 123456789012",
        &format!(
            "✖ could not call ListAccountAliases (needs iam:ListAccountAliases): malformed reply: invalid account alias \"{HOSTILE_ALIAS}\""
        ),
        "⚠ orange Activate MFA on your root account root-mfa critical CIS 1.4 · IAM.9",
        "⚠ orange Apply an IAM password policy password-policy medium",
        "✔ green Delete your root access keys",
        "2 of 5 checks green",
    ] {
        assert!(text.contains(seen), "{seen:?} in\n{text}");
    }
    // Findings are behind each check's disclosure; the waiver's reason is there as text.
    assert!(html.contains(&format!(
        "waived until 2099-01-01: {}",
        "&lt;script&gt;alert(2)&lt;/script&gt; tracked in SEC-9"
    )));
}

#[tokio::test]
async fn a_200_account_sweep_in_a_browser() {
    let server = LocalIam::start();
    seed::weak_account(&server.iam()).await.expect("seed");
    let one: Value = server.audit(&["--format", "json"]).json();
    // 200 accounts from one real report, as a sweep file `merge` admits, with one account
    // that could not be read.
    let accounts: Vec<Value> = (0..200)
        .map(|i| {
            let mut report = one.clone();
            report["account"]["id"] = json!(format!("{:012}", 100_000_000_000u64 + i));
            report["account"]["alias"] = json!(format!("acct-{i:03}"));
            // Every third account has its password policy: one orange item fewer.
            if i % 3 == 0 {
                let checks = report["checks"].as_array_mut().expect("checks");
                let policy = checks
                    .iter_mut()
                    .find(|c| c["id"] == "password-policy")
                    .expect("policy");
                policy["status"] = json!("pass");
                policy["findings"] = json!([]);
                policy["details"] = json!([]);
                policy["reason"] = json!("The password policy meets the baseline");
            }
            report
        })
        .collect();
    let sweep = json!({
        "schema_version": one["schema_version"],
        "tool": one["tool"],
        "generated_at": one["generated_at"],
        "accounts": accounts,
        "errors": [{"account": "999999999999", "error": "AccessDenied: <b>not</b> allowed"}],
        "summary": {"root_access": null},
        "notes": [],
    });
    let dir = temp_dir("html-sweep");
    let input = dir.join("sweep.json");
    std::fs::write(&input, sweep.to_string()).expect("sweep");
    let report = dir.join("sweep.html");
    let mut command = binary();
    command
        .args(["merge", input.to_str().expect("utf-8"), "--output"])
        .arg(format!("html={}", report.display()));
    let run = support::Run::of(command);
    assert_eq!(run.code, 2, "the unreadable account: {}", run.stderr);
    let page = browse(&report, "sweep-200.png", Some("acct-01"));
    assert_quiet(&page);
    assert_eq!(page["scripts"], 1);
    let text = page["text"].as_str().expect("text");
    for seen in [
        "IAM security status across 201 accounts",
        "✖ 999999999999",
        "could not be read: AccessDenied: <b>not</b> allowed",
        "Account 100000000199 (acct-199)",
    ] {
        assert!(text.contains(seen), "{seen:?} in the page");
    }
    assert_eq!(page["shown"], 10, "acct-010 to acct-019");
    assert_eq!(page["status"], "10 of 201 accounts shown");
    assert_eq!(
        page["drilled"], true,
        "the account's checklist is on screen"
    );
    // Sorted by orange items, the most first; the unreadable account (none counted) last.
    let sorted: Vec<u64> = page["sorted"]
        .as_array()
        .expect("sorted")
        .iter()
        .map(|n| n.as_u64().expect("count"))
        .collect();
    assert_eq!(sorted.len(), 201);
    assert!(sorted.windows(2).all(|w| w[0] >= w[1]), "{sorted:?}");
    assert_eq!(
        (sorted[0], sorted[199], sorted[200]),
        (3, 2, 0),
        "{sorted:?}"
    );
}

/// `diff --format html` of two runs of the local server: what is new leads, in a browser.
#[tokio::test]
async fn a_diff_in_a_browser() {
    let server = LocalIam::start();
    let iam = server.iam();
    seed::weak_account(&iam).await.expect("seed");
    let dir = temp_dir("html-diff");
    let (old, new) = (dir.join("old.json"), dir.join("new.json"));
    std::fs::write(&old, server.audit(&["--format", "json"]).stdout).expect("old");
    seed::create_user(&iam, "eve").await.expect("eve");
    seed::attach_user_policy(&iam, "eve", "arn:aws:iam::aws:policy/ReadOnlyAccess")
        .await
        .expect("attach");
    std::fs::write(&new, server.audit(&["--format", "json"]).stdout).expect("new");
    let mut command = binary();
    command
        .arg("diff")
        .arg(&old)
        .arg(&new)
        .args(["--format", "html"]);
    let run = support::Run::of(command);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let page_file = dir.join("diff.html");
    std::fs::write(&page_file, &run.stdout).expect("html");
    let page = browse(&page_file, "diff.png", None);
    assert_quiet(&page);
    let text = page["text"].as_str().expect("text");
    assert!(text.starts_with("1 new since "), "{text}");
    assert!(
        text.contains("⚠ new low groups user eve: attached ReadOnlyAccess"),
        "{text}"
    );
}
