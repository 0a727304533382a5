//! The fault suite of every input surface beyond the audit's reads: waivers, the environment,
//! signals, the change log, Security Hub, sweeps, `merge` and report files. Each group runs
//! the built binary against a local IAM server (through the fault-injecting proxy where a
//! reply must lie) and keeps the invariants of `support::fault` (no panic, no green from a
//! malformed input, output that stays valid and escaped); each writes its tally to
//! `target/fault-suite/`.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};
use support::fault::{Expect, Proxy, Suite, one_line_error, signal_during, weak_server, written};
use support::{ACCOUNT_ID, LocalIam, Run, binary, seed, temp_dir, validate_report};

/// Exit 2 with `because` on stderr (an error of the run, not of a check).
fn refused(because: &str) -> Expect<'_> {
    Box::new(move |run: &Run| match run.code {
        2 if run.stderr.contains(because) => Ok(()),
        code => Err(format!("exit {code}; stderr lacks {because:?}")),
    })
}

/// `command` run with a full disk: it may write nothing to a regular file (`ulimit -f 0`),
/// and such a write fails (EFBIG) instead of raising SIGXFSZ. Pipes are not affected.
fn on_a_full_disk(command: &Command) -> Command {
    let mut full = Command::new("bash");
    full.args(["-c", "trap '' XFSZ; ulimit -f 0; exec \"$0\" \"$@\""])
        .arg(command.get_program())
        .args(command.get_args());
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => full.env(key, value),
            None => full.env_remove(key),
        };
    }
    if let Some(dir) = command.get_current_dir() {
        full.current_dir(dir);
    }
    full
}

fn write_config(dir: &Path, text: &str) -> String {
    let path = dir.join("iam-harden.toml");
    std::fs::write(&path, text).expect("config");
    path.to_str().expect("utf-8").to_string()
}

fn waiver(accounts: &str) -> String {
    format!(
        "[[waiver]]\ncheck = \"password-policy\"\nreason = \"accepted, SEC-1\"\nexpires = 2099-01-01\n{accounts}\n"
    )
}

/// A waiver naming accounts holds only where the audited account is listed: in a
/// single-account audit as in a sweep, and in what Security Hub would import.
#[tokio::test]
async fn waivers_hold_only_in_the_accounts_they_name() {
    let server = weak_server().await;
    let dir = temp_dir("surface-waivers");
    let mut suite = Suite::new("waivers");
    // (name, the waiver's accounts line, whether it must hold in the local account)
    let cases = [
        ("another account", "accounts = [\"111111111111\"]", false),
        (
            "two other accounts",
            "accounts = [\"111111111111\", \"222222222222\"]",
            false,
        ),
        (
            "this account",
            &format!("accounts = [\"{ACCOUNT_ID}\"]"),
            true,
        ),
        ("every account", "accounts = [\"*\"]", true),
        ("no accounts line", "", true),
    ];
    for (name, accounts, holds) in cases {
        let config = write_config(&dir, &waiver(accounts));
        let run = server.audit(&["--format", "json", "--config", &config]);
        suite.case(
            &format!("waiver for {name}"),
            &run,
            Box::new(move |run: &Run| {
                let report = run.json();
                let status = support::status(&report, "password-policy");
                match (holds, status) {
                    (true, "waived") | (false, "fail") => Ok(()),
                    (false, _) => Err(format!("green: waived in {ACCOUNT_ID}: {status}")),
                    (true, _) => Err(format!("not waived: {status}")),
                }
            }),
        );
        // The findings Security Hub would import: suppressed only where the waiver holds.
        let run = server.audit(&["--format", "asff", "--config", &config]);
        suite.case(
            &format!("asff with a waiver for {name}"),
            &run,
            Box::new(move |run: &Run| {
                let findings = run.json();
                let suppressed = findings
                    .as_array()
                    .ok_or("no ASFF array")?
                    .iter()
                    .filter(|f| f["GeneratorId"] == "password-policy")
                    .any(|f| f["Workflow"]["Status"] == "SUPPRESSED");
                match suppressed == holds {
                    true => Ok(()),
                    false if suppressed => Err("green: imported as SUPPRESSED".into()),
                    false => Err("not suppressed".into()),
                }
            }),
        );
    }
    suite.finish();
}

/// Settings the SDK reads from the environment and the AWS config files, broken: one line
/// and exit 2 before any request, never a panic (exit 101).
#[tokio::test]
async fn no_setting_of_the_environment_panics_or_picks_other_credentials() {
    let server = weak_server().await;
    let proxy = Proxy::start(&server.endpoint);
    let dir = temp_dir("surface-environment");
    let mut suite = Suite::new("environment");
    // Every service the tool calls: an empty endpoint variable of each.
    let services = [
        "IAM",
        "STS",
        "ACCOUNT",
        "ACCESSANALYZER",
        "ORGANIZATIONS",
        "SECURITYHUB",
    ];
    // (name, environment, what the error line names)
    type Case = (String, Vec<(String, String)>, String);
    let mut cases: Vec<Case> = services
        .iter()
        .map(|s| {
            let name = format!("AWS_ENDPOINT_URL_{s}");
            (
                format!("{name}=\"\""),
                vec![(name.clone(), String::new())],
                name,
            )
        })
        .collect();
    for (name, value, because) in [
        ("AWS_MAX_ATTEMPTS", "0", "AWS_MAX_ATTEMPTS"),
        ("AWS_MAX_ATTEMPTS", "abc", "AWS_MAX_ATTEMPTS"),
        ("AWS_MAX_ATTEMPTS", "-1", "AWS_MAX_ATTEMPTS"),
        ("AWS_RETRY_MODE", "bogus", "AWS_RETRY_MODE"),
        ("AWS_RETRY_MODE", "", "AWS_RETRY_MODE"),
    ] {
        cases.push((
            format!("{name}={value:?}"),
            vec![(name.into(), value.into())],
            because.into(),
        ));
    }
    // The same settings in the config file of the profile in use.
    for (setting, because) in [
        ("max_attempts = 0", "max_attempts in profile default"),
        ("retry_mode = bogus", "retry_mode in profile default"),
        ("endpoint_url =", "endpoint_url in profile default"),
        (
            "services = local\n[services local]\norganizations =\n  endpoint_url =",
            "endpoint_url of organizations in the [services] section",
        ),
    ] {
        let file = dir.join(format!("config-{}", cases.len()));
        std::fs::write(&file, format!("[default]\n{setting}\n")).expect("config file");
        cases.push((
            format!(
                "config file: {}",
                setting.lines().next().unwrap_or_default()
            ),
            vec![(
                "AWS_CONFIG_FILE".into(),
                file.to_str().expect("utf-8").into(),
            )],
            because.into(),
        ));
    }
    for (name, env, because) in &cases {
        for args in [&["audit"][..], &["fix", "password-policy", "--yes"][..]] {
            let mut command = proxy.command(args);
            command.envs(env.iter().map(|(k, v)| (k, v)));
            proxy.rules(&json!([]));
            let run = Run::of(command);
            let requests = proxy.actions().len();
            let expect = one_line_error(because);
            suite.case(
                &format!("{name}: {}", args.join(" ")),
                &run,
                Box::new(move |run: &Run| {
                    expect(run)?;
                    match requests {
                        0 => Ok(()),
                        n => Err(format!("{n} requests were sent")),
                    }
                }),
            );
        }
    }

    // `--profile "$UNSET"`: a usage error before any request, never the environment's keys.
    proxy.rules(&json!([]));
    let run = proxy.cli(&["--profile", "", "fix", "password-policy", "--yes"]);
    let requests = proxy.actions();
    suite.case(
        "--profile \"\"",
        &run,
        Box::new(move |run: &Run| {
            if run.code != 2 || !run.stderr.contains("profile name is empty") {
                return Err(format!("exit {}", run.code));
            }
            match requests.is_empty() {
                true => Ok(()),
                false => Err(format!("requests were sent: {requests:?}")),
            }
        }),
    );
    // An empty AWS_PROFILE is unset, and the first line says which keys are used.
    let mut command = proxy.command(&["audit"]);
    command.env("AWS_PROFILE", "");
    suite.case(
        "AWS_PROFILE=\"\" beside AWS_ACCESS_KEY_ID",
        &Run::of(command),
        Box::new(|run: &Run| {
            let first = run.stderr.lines().next().unwrap_or_default();
            match run.code == 1 && first.contains("AWS_PROFILE is empty") {
                true => Ok(()),
                false => Err(format!("exit {}, first line {first:?}", run.code)),
            }
        }),
    );
    suite.finish();
}

/// The change log of the fix run, one JSON value a line.
fn log_entries(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|line| serde_json::from_str(line).expect("a change log line"))
        .collect()
}

fn logged_calls(path: &Path) -> Vec<String> {
    log_entries(path)
        .iter()
        .map(|e| e["call"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// SIGTERM and SIGHUP during a fix stop it like Ctrl-C (after the call in flight, the
/// calls listed), and every applied call is in the change log as soon as it returned, even
/// when the process is killed outright.
#[tokio::test]
async fn signals_during_a_fix_lose_no_change_record() {
    let server = weak_server().await;
    let proxy = Proxy::start(&server.endpoint);
    let dir = temp_dir("surface-signals");
    let mut suite = Suite::new("signals");
    for (signal, code) in [("TERM", 143), ("HUP", 129), ("INT", 130)] {
        server.control("/moto-api/reset", "");
        seed::weak_account(&server.iam()).await.expect("seed");
        let log = dir.join(format!("{signal}.jsonl"));
        let journal = log.to_str().expect("utf-8");
        let command = proxy.command(&["fix", "groups", "--yes", "--journal", journal]);
        let run = signal_during(command, &proxy, "CreateGroup", signal);
        let (writes, logged) = (written(&proxy), logged_calls(&log));
        suite.case(
            &format!("SIG{signal} while CreateGroup is in flight"),
            &run,
            Box::new(move |run: &Run| {
                if run.code != code
                    || writes != ["CreateGroup"]
                    || logged != ["CreateGroup"]
                    || !run.stderr.contains("[applied] CreateGroup")
                    || !run.stderr.contains("[not applied] AttachGroupPolicy")
                {
                    return Err(format!(
                        "exit {}, writes {writes:?}, logged {logged:?}",
                        run.code
                    ));
                }
                Ok(())
            }),
        );
    }
    // Killed outright during the second write: the first is on record already.
    server.control("/moto-api/reset", "");
    seed::weak_account(&server.iam()).await.expect("seed");
    let log = dir.join("KILL.jsonl");
    let command = proxy.command(&[
        "fix",
        "groups",
        "--yes",
        "--journal",
        log.to_str().expect("utf-8"),
    ]);
    let run = signal_during(command, &proxy, "AttachGroupPolicy", "KILL");
    let logged = logged_calls(&log);
    suite.case(
        "SIGKILL while AttachGroupPolicy is in flight",
        &run,
        Box::new(move |_: &Run| match logged.as_slice() {
            [first] if first == "CreateGroup" => Ok(()),
            _ => Err(format!("logged {logged:?}")),
        }),
    );
    suite.finish();
}

/// The change log: a full disk after the change is no success; a shared log is made
/// private, a linked one refused, and a relative XDG_STATE_HOME ignored, before any call.
#[tokio::test]
async fn the_change_log_is_kept_or_the_run_says_so() {
    let server = weak_server().await;
    let proxy = Proxy::start(&server.endpoint);
    let dir = temp_dir("surface-change-log");
    let mut suite = Suite::new("change-log");

    let log = dir.join("full.jsonl");
    let command = proxy.command(&[
        "fix",
        "password-policy",
        "--yes",
        "--journal",
        log.to_str().expect("utf-8"),
    ]);
    suite.case(
        "the disk is full when the change is logged",
        &Run::of(on_a_full_disk(&command)),
        Box::new(
            |run: &Run| match run.code == 2 && run.stderr.contains("not in the log") {
                true => Ok(()),
                false => Err(format!("green: exit {} with the change unlogged", run.code)),
            },
        ),
    );

    server.control("/moto-api/reset", "");
    seed::weak_account(&server.iam()).await.expect("seed");
    let shared = dir.join("shared.jsonl");
    std::fs::write(&shared, "").expect("log");
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let run = proxy.cli(&[
        "fix",
        "password-policy",
        "--yes",
        "--journal",
        shared.to_str().expect("utf-8"),
    ]);
    let mode = std::fs::metadata(&shared)
        .expect("log")
        .permissions()
        .mode()
        & 0o777;
    suite.case(
        "an existing log readable by others",
        &run,
        Box::new(move |run: &Run| match (run.code, mode) {
            (0, 0o600) => Ok(()),
            (code, mode) => Err(format!("exit {code}, mode {mode:o}")),
        }),
    );

    server.control("/moto-api/reset", "");
    seed::weak_account(&server.iam()).await.expect("seed");
    let target = dir.join("elsewhere.jsonl");
    let link = dir.join("link.jsonl");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    proxy.rules(&json!([]));
    let run = proxy.cli(&[
        "fix",
        "password-policy",
        "--yes",
        "--journal",
        link.to_str().expect("utf-8"),
    ]);
    let (writes, created) = (written(&proxy), target.exists());
    suite.case(
        "a log path that is a symbolic link",
        &run,
        Box::new(move |run: &Run| {
            if run.code != 2 || !run.stderr.contains("symbolic link") {
                return Err(format!("exit {}", run.code));
            }
            match (writes.is_empty(), created) {
                (true, false) => Ok(()),
                _ => Err(format!(
                    "writes {writes:?}, log created through the link: {created}"
                )),
            }
        }),
    );

    // XDG_STATE_HOME=relative: the log goes under HOME, not under the working directory.
    let home = dir.join("home");
    let work = dir.join("work");
    std::fs::create_dir_all(&work).expect("work dir");
    let mut command = proxy.command(&["fix", "password-policy", "--yes"]);
    command
        .current_dir(&work)
        .env("XDG_STATE_HOME", "relative-state")
        .env("HOME", &home);
    let run = Run::of(command);
    let (in_home, in_work) = (
        home.join(".local/state/iam-harden/changes.jsonl").exists(),
        work.join("relative-state").exists(),
    );
    suite.case(
        "a relative XDG_STATE_HOME",
        &run,
        Box::new(move |run: &Run| match (run.code, in_home, in_work) {
            (0, true, false) => Ok(()),
            _ => Err(format!(
                "exit {}, log under HOME {in_home}, under the working directory {in_work}",
                run.code
            )),
        }),
    );
    suite.finish();
}

/// Security Hub answers that do not account for every finding sent, and a GetFindings
/// listing that goes round in a circle: exit 2 naming what could not be confirmed.
#[tokio::test]
async fn security_hub_loses_nothing_silently() {
    let server = weak_server().await;
    let proxy = Proxy::start(&server.endpoint);
    support::security_hub_client(&server.endpoint)
        .enable_security_hub()
        .send()
        .await
        .expect("enable");
    let mut suite = Suite::new("security-hub");
    let import = |body: Value| {
        json!([{ "action": "BatchImportFindings", "fault": "status", "status": 200,
                  "content_type": "application/json", "body": body.to_string() }])
    };
    let cases = [
        (
            "a refused id that is not in the batch",
            import(json!({ "FailedCount": 1, "SuccessCount": 4,
                "FailedFindings": [{ "Id": "not-in-the-batch", "ErrorCode": "x", "ErrorMessage": "y" }] })),
            "cannot be confirmed",
        ),
        (
            "two refused, none named",
            import(json!({ "FailedCount": 2, "SuccessCount": 3, "FailedFindings": [] })),
            "cannot be confirmed",
        ),
        (
            "more imported than sent",
            import(json!({ "FailedCount": 0, "SuccessCount": 500, "FailedFindings": [] })),
            "cannot be confirmed",
        ),
        (
            "GetFindings page tokens a, b, a, b",
            json!([{ "action": "GetFindings", "fault": "cycle",
                     "bodies": [r#"{"Findings":[],"NextToken":"a"}"#, r#"{"Findings":[],"NextToken":"b"}"#] }]),
            "repeats an earlier page token",
        ),
    ];
    for (name, rules, because) in cases {
        proxy.rules(&rules);
        let run = proxy.cli(&["audit", "--security-hub"]);
        suite.case(name, &run, refused(because));
    }
    suite.finish();
}

const ROLE: &str = "iam-harden-audit";

/// A sweep files an account's replies under it only when they name it, and a listing of
/// accounts that goes round in a circle ends at once.
#[tokio::test]
async fn a_sweep_never_files_one_accounts_replies_under_another() {
    let server = LocalIam::start();
    let audited = support::audited_organization(&server.endpoint, 2, ROLE, ACCOUNT_ID)
        .await
        .expect("organization");
    for (_, iam) in &audited {
        seed::weak_account(iam).await.expect("weak");
    }
    let members: Vec<String> = audited.into_iter().map(|(id, _)| id).collect();
    seed::weak_account(&server.iam()).await.expect("weak");
    let proxy = Proxy::start(&server.endpoint);
    let mut suite = Suite::new("sweeps");

    // Every account's users answered as another account's.
    proxy.rules(
        &json!([{ "action": "GetAccountAuthorizationDetails", "fault": "replace",
        "pattern": r"arn:aws:iam::\d{12}:", "with": "arn:aws:iam::999999999999:" }]),
    );
    let run = proxy.cli(&["--format", "json", "audit", "--org", "--role-name", ROLE]);
    let mut everyone = members.clone();
    everyone.push(ACCOUNT_ID.to_string());
    everyone.sort();
    suite.case(
        "replies that name another account",
        &run,
        Box::new(move |run: &Run| {
            let sweep = run.json();
            let read = sweep["accounts"].as_array().map_or(0, Vec::len);
            let mut errors: Vec<String> = sweep["errors"]
                .as_array()
                .ok_or("no errors array")?
                .iter()
                .filter(|e| {
                    e["error"]
                        .as_str()
                        .is_some_and(|m| m.contains("name another account"))
                })
                .map(|e| e["account"].as_str().unwrap_or_default().to_string())
                .collect();
            errors.sort();
            match (run.code, read, errors == everyone) {
                (2, 0, true) => Ok(()),
                _ => Err(format!(
                    "green: exit {}, {read} accounts filed, error rows {errors:?}",
                    run.code
                )),
            }
        }),
    );

    // The same two pages of accounts, again and again.
    let page = |token: &str| {
        json!({ "Accounts": [{ "Id": ACCOUNT_ID, "Status": "ACTIVE", "State": "ACTIVE" }],
                "NextToken": token })
        .to_string()
    };
    proxy.rules(&json!([{ "action": "ListAccounts", "fault": "cycle",
        "content_type": "application/x-amz-json-1.1", "bodies": [page("a"), page("b")] }]));
    let run = proxy.cli(&["--timeout", "5", "audit", "--org", "--role-name", ROLE]);
    let listed = proxy
        .actions()
        .iter()
        .filter(|a| *a == "ListAccounts")
        .count();
    suite.case(
        "ListAccounts page tokens a, b, a, b",
        &run,
        Box::new(move |run: &Run| {
            refused("repeats an earlier page token")(run)?;
            match listed {
                3 => Ok(()),
                n => Err(format!("{n} pages were read")),
            }
        }),
    );
    suite.finish();
}

/// `merge` admits a shard only as the audit would have written it: forged summaries are
/// recomputed, inconsistent or malformed shards refused, text from them rendered escaped.
#[tokio::test]
async fn merge_trusts_nothing_it_reads() {
    let server = weak_server().await;
    let dir = temp_dir("surface-merge");
    let run = server.audit(&["--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let shard = run.json();
    let mut suite = Suite::new("merge");
    let failing = |report: &Value| {
        report["checks"]
            .as_array()
            .expect("checks")
            .iter()
            .position(|c| {
                c["status"] == "fail" && !c["findings"].as_array().expect("findings").is_empty()
            })
            .expect("a failing check with findings")
    };
    let i = failing(&shard);
    type Forge = Box<dyn Fn(&mut Value)>;
    // (name, the forgery, what the run must show)
    let cases: Vec<(&str, Forge, Expect)> = vec![
        (
            "a summary that says all green",
            Box::new(|r| r["summary"] = json!({ "pass": 5, "fail": 0, "error": 0, "waived": 0 })),
            Box::new(|run: &Run| {
                let merged = run.json();
                let fail = &merged["accounts"][0]["summary"]["fail"];
                match (run.code, fail.as_u64()) {
                    (1, Some(n)) if n > 0 => Ok(()),
                    _ => Err(format!("green: exit {}, fail {fail}", run.code)),
                }
            }),
        ),
        (
            "no checks",
            Box::new(|r| r["checks"] = json!([])),
            refused("has no checks"),
        ),
        (
            "a pass carrying an unwaived finding",
            Box::new(move |r| r["checks"][i]["status"] = json!("pass")),
            refused("the audit never reports that"),
        ),
        (
            "a check twice",
            Box::new(move |r| {
                let check = r["checks"][i].clone();
                r["checks"].as_array_mut().expect("checks").push(check);
            }),
            refused("appears twice"),
        ),
        (
            "an unknown check",
            Box::new(move |r| r["checks"][i]["id"] = json!("groups\u{202e}")),
            refused("unknown check id"),
        ),
        (
            "account id 12345",
            Box::new(|r| r["account"]["id"] = json!("12345")),
            refused("is not 12 digits"),
        ),
        (
            "account id null",
            Box::new(|r| r["account"]["id"] = Value::Null),
            refused("is not 12 digits"),
        ),
        (
            "account id with a trailing space",
            Box::new(|r| r["account"]["id"] = json!("123456789012 ")),
            refused("is not 12 digits"),
        ),
        (
            "account id with an escape",
            Box::new(|r| r["account"]["id"] = json!("1234567890\u{1b}[2J")),
            refused("is not 12 digits"),
        ),
        (
            "a title with control and bidi characters",
            Box::new(move |r| r["checks"][i]["title"] = json!("\u{1b}[32mAll good\u{202e}")),
            Box::new(
                |run: &Run| match run.code == 1 && !run.stdout.contains("All good") {
                    true => Ok(()),
                    false => Err(format!("exit {}; the forged title was shown", run.code)),
                },
            ),
        ),
    ];
    for (name, forge, expect) in cases {
        let mut forged = shard.clone();
        forge(&mut forged);
        let path = dir.join("shard.json");
        std::fs::write(&path, forged.to_string()).expect("shard");
        let mut command = binary();
        command.args(["--format", "json", "merge"]).arg(&path);
        suite.case(name, &Run::of(command), expect);
    }

    // An alias the audit would never have accepted from IAM.
    let mut forged = shard.clone();
    forged["account"]["alias"] = json!("evil\u{1b}]0;owned\u{7}<b>\u{202e}</b>");
    let path = dir.join("alias.json");
    std::fs::write(&path, forged.to_string()).expect("shard");
    let mut command = binary();
    command.arg("merge").arg(&path);
    suite.case(
        "an alias with markup and escapes",
        &Run::of(command),
        refused("invalid account alias"),
    );

    // Hostile text that stays data (reasons, details): escaped in the table, and JUnit
    // stays valid XML.
    let mut hostile = shard.clone();
    hostile["checks"][i]["reason"] = json!("fine\u{1b}[2J\u{0}]]>&<script>");
    hostile["checks"][i]["details"] = json!(["\u{202e}evil\u{7}"]);
    let path = dir.join("hostile.json");
    std::fs::write(&path, hostile.to_string()).expect("shard");
    let junit = dir.join("merged.xml");
    let mut command = binary();
    command
        .arg("merge")
        .arg(&path)
        .arg("--output")
        .arg(format!("junit={}", junit.display()));
    let run = Run::of(command);
    let valid = validate_report("junit", &junit);
    suite.case(
        "a reason and details with markup and escapes",
        &run,
        Box::new(move |run: &Run| match (run.code, &valid) {
            (1, Ok(())) => Ok(()),
            (code, valid) => Err(format!("exit {code}, JUnit: {valid:?}")),
        }),
    );
    suite.finish();
}

/// Report files are whole or absent: a full disk leaves the earlier file as it was, and
/// two spellings of one path are refused.
#[tokio::test]
async fn report_files_are_all_or_nothing() {
    let server = weak_server().await;
    let dir = temp_dir("surface-report-files");
    let mut suite = Suite::new("report-files");

    let mut command = binary();
    support::with_test_credentials(&mut command)
        .current_dir(&dir)
        .args([
            "--endpoint-url",
            &server.endpoint,
            "--format",
            "json",
            "audit",
        ])
        .args(["--output", "json=r.out", "--output", "sarif=./r.out"]);
    suite.case(
        "one file by two spellings",
        &Run::of(command),
        Box::new(|run: &Run| {
            refused("names one file twice")(run)?;
            Ok(())
        }),
    );

    let report = dir.join("report.json");
    std::fs::write(&report, "the earlier report\n").expect("earlier");
    let mut command = binary();
    support::with_test_credentials(&mut command)
        .args(["--endpoint-url", &server.endpoint, "audit", "--output"])
        .arg(format!("json={}", report.display()));
    let run = Run::of(on_a_full_disk(&command));
    let after = std::fs::read_to_string(&report).unwrap_or_default();
    let leftovers: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".iam-harden-"))
        .collect();
    suite.case(
        "the disk fills while the report is written",
        &run,
        Box::new(
            move |run: &Run| match (run.code, after.as_str(), leftovers.is_empty()) {
                (2, "the earlier report\n", true) => Ok(()),
                _ => Err(format!(
                    "exit {}, file now {} bytes, temporary files left {leftovers:?}",
                    run.code,
                    after.len()
                )),
            },
        ),
    );
    suite.finish();
}

/// An account whose 4,000 roles all trust the account and may all assume any role, one of
/// them an administrator, as `get-account-authorization-details` prints it.
fn dense_account(roles: usize) -> String {
    let trust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"AWS": format!("arn:aws:iam::{ACCOUNT_ID}:root")}, "Action": "sts:AssumeRole"}]});
    let assume_any = json!({"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]});
    let admin = json!({"Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]});
    let roles: Vec<Value> = (0..roles)
        .map(|i| {
            let mut attached = vec![json!({"PolicyName": "assume-any",
                "PolicyArn": format!("arn:aws:iam::{ACCOUNT_ID}:policy/assume-any")})];
            if i == 0 {
                attached.push(json!({"PolicyName": "AdministratorAccess",
                    "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}));
            }
            json!({"RoleName": format!("role-{i:05}"), "RoleId": format!("AROA{i:017}"),
                "Arn": format!("arn:aws:iam::{ACCOUNT_ID}:role/role-{i:05}"), "Path": "/",
                "AssumeRolePolicyDocument": trust, "AttachedManagedPolicies": attached,
                "RolePolicyList": [], "InstanceProfileList": []})
        })
        .collect();
    let policy = |arn: String, document: &Value| {
        json!({"PolicyName": arn.rsplit('/').next(), "Arn": arn, "DefaultVersionId": "v1",
            "PolicyVersionList": [{"Document": document, "VersionId": "v1", "IsDefaultVersion": true}]})
    };
    json!({"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": roles,
    "Policies": [
        policy(format!("arn:aws:iam::{ACCOUNT_ID}:policy/assume-any"), &assume_any),
        policy("arn:aws:iam::aws:policy/AdministratorAccess".into(), &admin),
    ]})
    .to_string()
}

/// Out of memory is never a crash: past `--max-memory`, or when the system refuses memory
/// (a data limit of the process), the run ends with exit 2 and one error line, nothing on
/// stdout; with room enough, the same input is judged.
#[test]
fn out_of_memory_is_one_line_and_exit_2() {
    let dir = temp_dir("surface-memory");
    let file = dir.join("dense.json");
    std::fs::write(&file, dense_account(4000)).expect("account file");
    let file = file.to_str().expect("utf-8 path");
    let mut suite = Suite::new("memory");
    let audit = [
        "audit",
        "--from-authorization-details",
        file,
        "--checks",
        "privilege-escalation",
        "--format",
        "json",
    ];
    let out_of_memory = |because: &'static str| -> Expect<'static> {
        Box::new(move |run: &Run| {
            let errors: Vec<&str> = run
                .stderr
                .lines()
                .filter(|l| l.contains("error:"))
                .collect();
            match (run.code, errors.as_slice()) {
                (2, [line])
                    if run.stdout.is_empty()
                        && line.starts_with("iam-harden: error: out of memory")
                        && line.contains(because) =>
                {
                    Ok(())
                }
                _ => Err(format!(
                    "expected exit 2, no stdout and one out-of-memory line naming {because:?}"
                )),
            }
        })
    };
    let mut capped = support::offline_binary();
    capped.args(["--max-memory", "8"]).args(audit);
    suite.case(
        "--max-memory 8",
        &Run::of(capped),
        out_of_memory("--max-memory"),
    );
    let mut env_capped = support::offline_binary();
    env_capped.env("IAM_HARDEN_MAX_MEMORY", "8").args(audit);
    suite.case(
        "IAM_HARDEN_MAX_MEMORY=8",
        &Run::of(env_capped),
        out_of_memory("--max-memory"),
    );
    // The system refusing: a data limit below what the analysis needs (ulimit -d, in KiB).
    // The same offline environment, through a shell that lowers the limit first.
    let offline = support::offline_binary();
    let mut limited = Command::new("/bin/sh");
    for (key, value) in offline.get_envs() {
        match value {
            Some(value) => limited.env(key, value),
            None => limited.env_remove(key),
        };
    }
    limited
        .args(["-c", r#"ulimit -d 12000 && exec "$0" "$@""#])
        .arg(offline.get_program())
        .args(audit);
    suite.case(
        "ulimit -d 12000",
        &Run::of(limited),
        out_of_memory("the system refused"),
    );
    let mut roomy = support::offline_binary();
    roomy.args(["--max-memory", "1024"]).args(audit);
    suite.case(
        "--max-memory 1024",
        &Run::of(roomy),
        Box::new(|run: &Run| {
            let report: Value =
                serde_json::from_str(&run.stdout).map_err(|e| format!("no report: {e}"))?;
            let found = support::check(&report, "privilege-escalation")["findings"]
                .as_array()
                .map_or(0, Vec::len);
            match (run.code, found) {
                (1, 3999) => Ok(()),
                (code, found) => Err(format!(
                    "exit {code}, {found} findings; expected exit 1 and 3999"
                )),
            }
        }),
    );
    suite.finish();
}
