//! CI gating end to end: report files and their schemas, severities and `--fail-on`, the
//! config file and its waivers, and the least-privilege policy.

mod support;

use std::path::Path;

use support::{
    LocalIam, Run, binary, check, role_with_policy, seed, status, temp_dir, validate_report,
    with_test_credentials,
};

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_str().expect("utf-8 path").to_string()
}

const WAIVE_ROOT_MFA: &str = r#"
[[waiver]]
check = "root-mfa"
reason = "root sign-in is blocked by an SCP (SEC-123)"
expires = 2026-12-31
"#;

#[tokio::test]
async fn one_run_writes_valid_junit_sarif_and_markdown() {
    let server = LocalIam::start();
    seed::weak_account(&server.iam()).await.expect("seed");
    let dir = temp_dir("reports");
    let config = write(&dir, "iam-harden.toml", WAIVE_ROOT_MFA);
    let (junit, sarif, markdown) = (
        dir.join("iam.xml"),
        dir.join("iam.sarif"),
        dir.join("iam.md"),
    );
    let run = server.audit(&[
        "--config",
        &config,
        "--now",
        "2026-11-28",
        "--format",
        "json",
        "--output",
        &format!("junit={}", junit.display()),
        "--output",
        &format!("sarif={}", sarif.display()),
        "--output",
        &format!("markdown={}", markdown.display()),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = run.json();
    assert_eq!(status(&report, "root-mfa"), "waived");
    assert_eq!(check(&report, "root-mfa")["severity"], "critical");
    assert_eq!(report["summary"]["waived"], 1);

    validate_report("junit", &junit).expect("JUnit matches junit-10.xsd");
    let xml = std::fs::read_to_string(&junit).expect("junit");
    assert!(
        xml.contains(r#"tests="5" failures="2" errors="0" skipped="1""#),
        "{xml}"
    );
    assert!(xml.contains(r#"<testcase classname="iam-harden" name="groups""#));
    assert!(xml.contains("<skipped message=\"Activate MFA on your root account"));

    validate_report("sarif", &sarif).expect("SARIF matches the 2.1.0 schema");
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).expect("sarif")).expect("json");
    let run0 = &log["runs"][0];
    assert_eq!(
        run0["tool"]["driver"]["rules"].as_array().map(Vec::len),
        Some(5)
    );
    let results = run0["results"].as_array().expect("results");
    let ids: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().expect("id"))
        .collect();
    // One result per finding: groups names alice, deploy-bot and the missing policy group.
    assert_eq!(
        ids,
        ["root-mfa", "groups", "groups", "groups", "password-policy"]
    );
    assert_eq!(results[0]["suppressions"][0]["status"], "accepted");
    assert_eq!(results[1]["level"], "note");
    assert_eq!(results[4]["level"], "warning");
    assert_eq!(
        run0["tool"]["driver"]["rules"][0]["properties"]["security-severity"],
        "9.5"
    );
    assert_eq!(
        results[0]["locations"][0]["logicalLocations"][0]["name"],
        support::ACCOUNT_ID,
        "root MFA is about the account"
    );
    assert_eq!(
        results[1]["locations"][0]["logicalLocations"][0]["name"],
        "alice"
    );

    let md = std::fs::read_to_string(&markdown).expect("markdown");
    assert!(
        md.contains("| | Check | Severity | Controls | Status | Reason | Fix |"),
        "{md}"
    );
    assert!(md.contains("`iam-harden fix groups`"));
    assert!(md.contains("| waived |"));
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[test]
fn the_validators_reject_broken_reports() {
    let dir = temp_dir("broken-reports");
    let junit = dir.join("bad.xml");
    std::fs::write(
        &junit,
        r#"<testsuite name="x" tests="1"><testcase/></testsuite>"#,
    )
    .expect("write");
    assert!(validate_report("junit", &junit).is_err());
    let sarif = dir.join("bad.sarif");
    std::fs::write(&sarif, r#"{"runs": []}"#).expect("write");
    assert!(validate_report("sarif", &sarif).is_err());
    // ASFF without required members, or with a value outside an enum.
    let asff = dir.join("bad-asff.json");
    std::fs::write(&asff, r#"[{"SchemaVersion": "2018-10-08", "Id": "x"}]"#).expect("write");
    assert!(validate_report("asff", &asff).is_err());
    std::fs::write(
        &asff,
        r#"[{"SchemaVersion": "2018-10-08", "Id": "x", "ProductArn": "p", "GeneratorId": "g",
            "AwsAccountId": "123456789012", "CreatedAt": "2026-01-01T00:00:00Z",
            "UpdatedAt": "2026-01-01T00:00:00Z", "Title": "t", "Description": "d",
            "Resources": [{"Type": "Other", "Id": "x"}], "RecordState": "GONE"}]"#,
    )
    .expect("write");
    let reason = validate_report("asff", &asff).expect_err("enum");
    assert!(reason.contains("RecordState"), "{reason}");
    // OCSF: an event of another class, and one whose time is in seconds.
    let ocsf = dir.join("bad-ocsf.json");
    std::fs::write(&ocsf, r#"[{"class_uid": 2004}]"#).expect("write");
    assert!(validate_report("ocsf", &ocsf).is_err());
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[tokio::test]
async fn errors_are_valid_in_every_format() {
    let server = LocalIam::start();
    let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:GetAccountSummary","iam:ListAccountAliases","iam:GetAccountAuthorizationDetails","iam:ListRoles"],"Resource":"*"}]}"#;
    let (key, secret, token) = role_with_policy(&server, policy).await;
    let dir = temp_dir("error-reports");
    let (junit, sarif) = (dir.join("iam.xml"), dir.join("iam.sarif"));
    let run = server.audit_with_session(
        &key,
        &secret,
        Some(&token),
        &[
            "--output",
            &format!("junit={}", junit.display()),
            "--output",
            &format!("sarif={}", sarif.display()),
            "--format",
            "markdown",
        ],
    );
    assert_eq!(run.code, 2, "{}\n{}", run.stdout, run.stderr);
    support::assert_contains(&run.stdout, "| :x: | Apply an IAM password policy");
    validate_report("junit", &junit).expect("valid JUnit");
    let xml = std::fs::read_to_string(&junit).expect("junit");
    assert!(xml.contains(r#"errors="1""#), "{xml}");
    assert!(
        xml.contains("<error message=\"Apply an IAM password policy"),
        "{xml}"
    );
    validate_report("sarif", &sarif).expect("valid SARIF");
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).expect("sarif")).expect("json");
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(
        invocation["toolExecutionNotifications"][0]["associatedRule"]["id"],
        "password-policy"
    );
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[tokio::test]
async fn fail_on_sets_the_threshold_for_each_severity() {
    let server = LocalIam::start();
    seed::weak_account(&server.iam()).await.expect("seed");
    // One orange item at a time: root-mfa critical, password-policy medium, groups low.
    let cases = [
        (
            "root-mfa",
            [
                ("critical", 1),
                ("high", 1),
                ("medium", 1),
                ("low", 1),
                ("none", 0),
            ],
        ),
        (
            "password-policy",
            [
                ("critical", 0),
                ("high", 0),
                ("medium", 1),
                ("low", 1),
                ("none", 0),
            ],
        ),
        (
            "groups",
            [
                ("critical", 0),
                ("high", 0),
                ("medium", 0),
                ("low", 1),
                ("none", 0),
            ],
        ),
    ];
    for (id, levels) in cases {
        for (level, code) in levels {
            let run = server.audit(&["--checks", id, "--fail-on", level, "--format", "json"]);
            assert_eq!(
                run.code, code,
                "{id} with --fail-on {level}: {}",
                run.stderr
            );
            assert_eq!(run.json()["checks"].as_array().map(Vec::len), Some(1));
        }
    }
    // A severity override in the config file moves groups over a threshold.
    let dir = temp_dir("severity");
    let config = write(
        &dir,
        "c.toml",
        "fail-on = \"high\"\n[severity]\ngroups = \"high\"\n",
    );
    let run = server.audit(&[
        "--config", &config, "--checks", "groups", "--format", "json",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(check(&run.json(), "groups")["severity"], "high");
    // The flag wins over the file.
    let run = server.audit(&[
        "--config",
        &config,
        "--checks",
        "groups",
        "--fail-on",
        "critical",
    ]);
    assert_eq!(run.code, 0);
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[test]
fn waivers_hold_through_their_expiry_date_and_then_lapse() {
    let server = LocalIam::start();
    let dir = temp_dir("waivers");
    let config = write(&dir, "c.toml", WAIVE_ROOT_MFA);
    let audit = |now: &str| {
        server.audit(&[
            "--config", &config, "--now", now, "--checks", "root-mfa", "--format", "json",
        ])
    };
    for now in ["2026-11-28", "2026-12-31"] {
        let run = audit(now);
        assert_eq!(run.code, 0, "{now}: {}", run.stderr);
        let report = run.json();
        let item = check(&report, "root-mfa");
        assert_eq!(item["status"], "waived", "{now}");
        assert_eq!(item["waiver"]["expires"], "2026-12-31");
        assert_eq!(
            item["waiver"]["reason"],
            "root sign-in is blocked by an SCP (SEC-123)"
        );
    }
    let run = audit("2027-01-01");
    assert_eq!(run.code, 1);
    let report = run.json();
    let item = check(&report, "root-mfa");
    assert_eq!(item["status"], "fail");
    assert_eq!(item["waiver"]["expired"], true);
    assert!(
        item["reason"]
            .as_str()
            .expect("reason")
            .ends_with("(waiver expired on 2026-12-31)"),
        "{item}"
    );
    // The table says so too.
    let table = server.audit(&[
        "--config",
        &config,
        "--now",
        "2027-01-01",
        "--checks",
        "root-mfa",
    ]);
    support::assert_contains(&table.stdout, "waiver expired on 2026-12-31");
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

/// Config mistakes exit 2 naming the file and key, before any AWS call: the endpoint here
/// does not exist, so any call would end in "cannot reach" instead.
#[test]
fn config_errors_are_pinned_to_their_messages() {
    let dir = temp_dir("config-errors");
    let cases = [
        ("verbose = true\n", "c.toml:1: unknown field `verbose`"),
        (
            "fail-on = \"sometimes\"\n",
            "c.toml:1: unknown variant `sometimes`",
        ),
        (
            "[password-policy]\nmin-length = \"long\"\n",
            "c.toml:2: invalid type: string \"long\", expected u32",
        ),
        (
            "[password-policy]\nmin-length = 200\n",
            "c.toml:2: password-policy.min-length = 200 is out of range (6-128)",
        ),
        (
            "checks = [\"root-mfa\", \"mfa\"]\n",
            "c.toml:1: checks: unknown check id \"mfa\"",
        ),
        (
            "[[waiver]]\ncheck = \"groups\"\nreason = \"legacy\"\nexpires = 2026-13-01\n",
            "c.toml:4:",
        ),
        (
            "[[waiver]]\ncheck = \"password\"\nreason = \"x\"\nexpires = 2027-01-01\n",
            "c.toml:2: waiver.check: unknown check id \"password\"",
        ),
        (
            "[[waiver]]\ncheck = \"groups\"\nexpires = 2027-01-01\n",
            "missing field `reason`",
        ),
    ];
    for (i, (text, message)) in cases.iter().enumerate() {
        let path = write(&dir, "c.toml", text);
        let mut command = binary();
        with_test_credentials(&mut command).args([
            "--endpoint-url",
            "http://127.0.0.1:9",
            "audit",
            "--config",
            &path,
        ]);
        let run = Run::of(command);
        assert_eq!(run.code, 2, "case {i}");
        assert!(run.stdout.is_empty());
        assert!(
            run.stderr.contains(message),
            "case {i}: {}\nwanted: {message}",
            run.stderr
        );
        assert!(!run.stderr.contains("cannot reach"), "case {i} called AWS");
    }
    let mut missing = binary();
    missing.args(["audit", "--config", "/nonexistent/iam-harden.toml"]);
    let run = Run::of(missing);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("cannot read config file /nonexistent/iam-harden.toml")
    );
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[test]
fn init_writes_a_default_config_that_audit_reads_and_never_overwrites() {
    let server = LocalIam::start();
    let dir = temp_dir("init");
    let first = server.cli_in(&dir, &["init"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let text = std::fs::read_to_string(dir.join("iam-harden.toml")).expect("written");
    assert!(text.contains("fail-on = \"low\""));
    let again = server.cli_in(&dir, &["init"]);
    assert_eq!(again.code, 2);
    support::assert_contains(&again.stderr, "must not exist yet");
    // Picked up from the current directory without --config.
    std::fs::write(
        dir.join("iam-harden.toml"),
        format!(
            "{text}\n[[waiver]]\ncheck = \"root-mfa\"\nreason = \"test\"\nexpires = 2099-01-01\n"
        ),
    )
    .expect("edit");
    let run = server.cli_in(&dir, &["audit", "--format", "json", "--checks", "root-mfa"]);
    assert_eq!(status(&run.json(), "root-mfa"), "waived");
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[tokio::test]
async fn a_bare_output_path_takes_the_format_and_leaves_the_table_on_stdout() {
    let server = LocalIam::start();
    let dir = temp_dir("bare-output");
    let path = dir.join("report.json");
    let run = server.audit(&["--format", "json", "--output", path.to_str().expect("path")]);
    assert_eq!(run.code, 1);
    support::assert_contains(&run.stdout, "IAM security status");
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("file")).expect("json");
    assert_eq!(file["schema_version"], 2);
    // With the table on stdout, a known extension names the file's format...
    std::fs::remove_file(&path).expect("remove");
    let inferred = server.audit(&["--output", path.to_str().expect("path")]);
    assert_eq!(inferred.code, 1, "{}", inferred.stderr);
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("file")).expect("json");
    assert_eq!(file["schema_version"], 2);
    // ...and an unknown one needs the format said.
    let unknown = dir.join("report.txt");
    let table_only = server.audit(&["--output", unknown.to_str().expect("path")]);
    assert_eq!(table_only.code, 2);
    support::assert_contains(&table_only.stderr, "needs a format");
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

const AUDIT_POLICY_PREFIX: &str = r#""Sid": "IamHardenAudit""#;

fn audit_policy() -> serde_json::Value {
    let mut command = binary();
    command.args(["permissions", "audit"]);
    let run = Run::of(command);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains(AUDIT_POLICY_PREFIX), "{}", run.stdout);
    run.json()
}

/// The generated policy is enough, and every action in it is needed: without any one of
/// them the audit cannot decide. The account has no IAM users (the audit runs as a role),
/// so the Identity Center lookup is needed too.
#[tokio::test]
async fn the_generated_audit_policy_is_exactly_enough() {
    let policy = audit_policy();
    let actions: Vec<String> = policy["Statement"][0]["Action"]
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| a.as_str().expect("action").to_string())
        .collect();
    assert!(actions.len() >= 5, "{actions:?}");

    let server = LocalIam::start();
    let (key, secret, token) = role_with_policy(&server, &policy.to_string()).await;
    let run = server.audit_with_session(&key, &secret, Some(&token), &["--format", "json"]);
    let report = run.json();
    assert_eq!(report["summary"]["error"], 0, "{report}");
    assert_eq!(report["account"]["errors"], serde_json::json!([]));
    assert_eq!(run.code, 1, "orange items, nothing undecided");

    for removed in &actions {
        let mut reduced = policy.clone();
        reduced["Statement"][0]["Action"] = actions
            .iter()
            .filter(|a| *a != removed)
            .map(|a| serde_json::Value::String(a.clone()))
            .collect();
        let server = LocalIam::start();
        let (key, secret, token) = role_with_policy(&server, &reduced.to_string()).await;
        let run = server.audit_with_session(&key, &secret, Some(&token), &["--format", "json"]);
        assert_eq!(run.code, 2, "without {removed}: {}", run.stdout);
        let report = run.json();
        let undecided = report["summary"]["error"].as_u64().unwrap_or(0) > 0
            || !report["account"]["errors"]
                .as_array()
                .expect("errors")
                .is_empty();
        assert!(undecided, "without {removed}: {report}");
        let permission = removed.as_str();
        assert!(
            run.stdout.contains(permission),
            "the error names {permission}: {}",
            run.stdout
        );
    }
}

#[test]
fn the_fix_policy_includes_the_audit_policy() {
    let mut command = binary();
    command.args(["permissions", "fix"]);
    let fix = Run::of(command).json();
    let fix_actions = fix["Statement"][0]["Action"]
        .as_array()
        .expect("actions")
        .clone();
    for action in audit_policy()["Statement"][0]["Action"]
        .as_array()
        .expect("actions")
    {
        assert!(fix_actions.contains(action), "{action}");
    }
    assert!(fix_actions.contains(&serde_json::json!("iam:UpdateAccountPasswordPolicy")));
}

/// The audit step of action.yml, run as GitHub would: inputs as INPUT_* variables, the
/// job summary and step outputs as files.
#[tokio::test]
async fn the_action_step_gates_and_appends_the_job_summary() {
    let server = LocalIam::start();
    seed::weak_account(&server.iam()).await.expect("seed");
    let dir = temp_dir("action");
    let run_step = |fail_on: &str| {
        let mut command = support::action_audit_step(&dir, &server.endpoint);
        command
            .env("INPUT_FORMAT", "table")
            .env("INPUT_FAIL_ON", fail_on)
            .env("INPUT_CONFIG", "")
            .env(
                "INPUT_OUTPUT",
                "junit=iam.xml\n  sarif=iam.sarif  \nasff=findings.json\nocsf=events.json\n",
            );
        Run::of(command)
    };
    let gate = run_step("low");
    assert_eq!(gate.code, 1, "{}\n{}", gate.stdout, gate.stderr);
    assert!(gate.stdout.contains("IAM security status"));
    let outputs = support::github_outputs(&dir.join("github-output"));
    assert_eq!(outputs["exit-code"], "1");
    // Every format's path, resolved: ASFF's and OCSF's too.
    assert_eq!(
        outputs["reports"],
        "iam.xml\niam.sarif\nfindings.json\nevents.json"
    );
    assert_eq!(outputs["sarif"], "iam.sarif");
    assert_eq!(outputs.len(), 3, "{outputs:?}");
    validate_report("junit", &dir.join("iam.xml")).expect("valid JUnit");
    validate_report("sarif", &dir.join("iam.sarif")).expect("valid SARIF");

    let pass = run_step("none");
    assert_eq!(pass.code, 0);
    let summary = std::fs::read_to_string(dir.join("step-summary.md")).expect("summary");
    assert_eq!(
        summary.matches("## IAM security status").count(),
        2,
        "appended"
    );
    // With the accepted run as the baseline input, the same orange backlog passes the gate,
    // and the summary leads with what is new.
    let accepted = server.audit(&["--format", "json"]);
    std::fs::write(dir.join("accepted.json"), &accepted.stdout).expect("accepted run");
    let mut command = support::action_audit_step(&dir, &server.endpoint);
    command
        .env("INPUT_FAIL_ON", "low")
        .env("INPUT_BASELINE", "accepted.json");
    let against = Run::of(command);
    assert_eq!(against.code, 0, "{}\n{}", against.stdout, against.stderr);
    let summary = std::fs::read_to_string(dir.join("step-summary.md")).expect("summary");
    assert!(
        summary.contains("**0 new since the baseline of "),
        "{summary}"
    );
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

/// Waivers per resource: one of two offenders waived keeps the check orange, both waived
/// makes it waived, a new offender turns it orange again, a waiver that matches nothing is
/// a note, quoted and plain dates both work, and a per-resource check's waiver must name
/// its resources.
#[tokio::test]
async fn waivers_cover_resources_not_whole_checks() {
    let server = LocalIam::start();
    let iam = server.iam();
    for user in ["ci-deploy", "legacy-bob"] {
        seed::create_user(&iam, user).await.expect("user");
        seed::attach_user_policy(&iam, user, seed::READ_ONLY_POLICY_ARN)
            .await
            .expect("policy");
    }
    let dir = temp_dir("resource-waivers");
    let audit = |config: &str| {
        let path = write(&dir, "w.toml", config);
        server.audit(&[
            "--config",
            &path,
            "--checks",
            "no-user-policies",
            "--now",
            "2026-11-28",
            "--format",
            "json",
        ])
    };
    const CI: &str = "[[waiver]]\ncheck = \"no-user-policies\"\nreason = \"CI user, tracked in SEC-1\"\nexpires = 2027-03-31\nresources = [\"ci-*\"]\n";
    const LEGACY: &str = "[[waiver]]\ncheck = \"no-user-policies\"\nreason = \"legacy, until migration\"\nexpires = \"2027-01-31\"\nresources = [\"arn:aws:iam::*:user/legacy-*\"]\n";

    let one = audit(CI);
    assert_eq!(one.code, 1, "{}", one.stderr);
    let report = one.json();
    let item = check(&report, "no-user-policies");
    assert_eq!(item["status"], "fail");
    assert!(
        item["reason"]
            .as_str()
            .expect("reason")
            .ends_with("(1 waived)"),
        "{item}"
    );
    let findings = item["findings"].as_array().expect("findings");
    assert_eq!(
        findings[0]["resource"]["name"], "legacy-bob",
        "unwaived first"
    );
    assert_eq!(findings[0]["waiver"], serde_json::Value::Null);
    assert_eq!(findings[1]["resource"]["name"], "ci-deploy");
    assert_eq!(findings[1]["waiver"]["reason"], "CI user, tracked in SEC-1");

    let both = audit(&format!("{CI}{LEGACY}"));
    assert_eq!(both.code, 0, "{}", both.stderr);
    let report = both.json();
    assert_eq!(status(&report, "no-user-policies"), "waived");
    assert_eq!(
        check(&report, "no-user-policies")["waiver"]["expires"],
        "2027-01-31",
        "waived until the first waiver ends (a quoted date)"
    );

    // A new offender is not hidden by the waivers of the others.
    seed::create_user(&iam, "mallory").await.expect("user");
    seed::attach_user_policy(&iam, "mallory", seed::ADMIN_POLICY_ARN)
        .await
        .expect("policy");
    let new = audit(&format!("{CI}{LEGACY}"));
    assert_eq!(new.code, 1, "{}", new.stderr);
    let report = new.json();
    assert_eq!(status(&report, "no-user-policies"), "fail");
    assert_eq!(
        check(&report, "no-user-policies")["findings"][0]["resource"]["name"],
        "mallory"
    );

    // A waiver that matches nothing is reported, in JSON and on stderr.
    let stale = "[[waiver]]\ncheck = \"no-user-policies\"\nreason = \"gone\"\nexpires = 2027-01-01\nresources = [\"old-*\"]\n";
    let run = audit(&format!("{CI}{LEGACY}{stale}"));
    support::assert_contains(
        &run.stderr,
        "note: the waiver for no-user-policies for old-* (until 2027-01-01) matched nothing in this run",
    );
    assert_eq!(run.json()["notes"].as_array().map(Vec::len), Some(1));
    // One pattern of a waiver that still matches something is reported on its own.
    let partly = "[[waiver]]\ncheck = \"no-user-policies\"\nreason = \"mixed\"\nexpires = 2027-01-01\nresources = [\"ci-*\", \"contractor-*\"]\n";
    let run = audit(&format!("{LEGACY}{partly}"));
    assert_eq!(
        run.json()["notes"],
        serde_json::json!([
            "the waiver for no-user-policies (until 2027-01-01) has resource patterns that matched nothing in this run: contractor-*: remove them?"
        ])
    );

    // Without resources, a per-resource check's waiver is a config error showing the way.
    let missing =
        audit("[[waiver]]\ncheck = \"no-user-policies\"\nreason = \"all\"\nexpires = 2027-01-01\n");
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("w.toml:2: waiver.resources:")
            && missing.stderr.contains("resources = [\"*\"]"),
        "{}",
        missing.stderr
    );
}

/// The reports' real consumers: the JSON of several scenarios against the published schema
/// (schema/report.schema.json), the SARIF through Microsoft's SARIF Multitool with GitHub's
/// rules, and a CSV whose cells cannot run as spreadsheet formulas.
#[tokio::test]
async fn reports_pass_their_consumers() {
    let server = LocalIam::start();
    let iam = server.iam();
    seed::weak_account(&iam).await.expect("seed");
    // IAM allows `=` and `+` in names: a spreadsheet must not run them.
    seed::create_user(&iam, "=HYPERLINK").await.expect("user");
    seed::attach_user_policy(&iam, "=HYPERLINK", seed::READ_ONLY_POLICY_ARN)
        .await
        .expect("policy");
    let dir = temp_dir("consumers");
    let config = write(
        &dir,
        "waive.toml",
        "[[waiver]]\ncheck = \"groups\"\nreason = \"bot, tracked in SEC-2\"\nexpires = 2099-01-01\nresources = [\"deploy-bot\"]\n",
    );
    // Failing, waived and erroring checks (root-recent-use and access-analyzer cannot be
    // decided on the local server), the console's five, and a single check.
    let scenarios: [&[&str]; 3] = [
        &["--config", &config, "--all"],
        &["--config", &config],
        &["--checks", "password-policy"],
    ];
    for (i, args) in scenarios.iter().enumerate() {
        let json = dir.join(format!("report-{i}.json"));
        let sarif = dir.join(format!("report-{i}.sarif"));
        let mut all = args.to_vec();
        let outputs = [
            format!("json={}", json.display()),
            format!("sarif={}", sarif.display()),
        ];
        for output in &outputs {
            all.extend(["--output", output.as_str()]);
        }
        let run = server.audit(&all);
        assert!(matches!(run.code, 1 | 2), "{}", run.stderr);
        validate_report("report", &json).unwrap_or_else(|e| panic!("{args:?}: {e}"));
        validate_report("sarif", &sarif).unwrap_or_else(|e| panic!("{args:?}: {e}"));
        // Only the Azure DevOps pipeline identity, which exists only inside an Azure
        // DevOps pipeline, is missing (see docs/reports.md, "Reports for CI").
        let diagnostics: Vec<String> = support::sarif_multitool_diagnostics(&sarif)
            .into_iter()
            .filter(|d| !d.contains("GHAzDO1019") && !d.contains("GHAzDO1020"))
            .collect();
        assert!(
            diagnostics.is_empty(),
            "{args:?}:\n{}",
            diagnostics.join("\n")
        );
    }

    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report-0.sarif")).expect("sarif"))
            .expect("json");
    let run = &sarif["runs"][0];
    assert_eq!(
        run["automationDetails"]["id"],
        format!("iam-harden/{}/", support::ACCOUNT_ID)
    );
    let results = run["results"].as_array().expect("results");
    let groups: Vec<&serde_json::Value> =
        results.iter().filter(|r| r["ruleId"] == "groups").collect();
    assert!(
        groups.iter().any(
            |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                == format!("aws/{}/iam/user/deploy-bot", support::ACCOUNT_ID)
                && r["suppressions"][0]["kind"] == "external"
        ),
        "the waived finding is a suppressed result: {groups:?}"
    );
    assert!(
        groups.iter().any(
            |r| r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
                == format!("arn:aws:iam::{}:user/alice", support::ACCOUNT_ID)
                && r.get("suppressions").is_none()
        ),
        "{groups:?}"
    );

    let csv_path = dir.join("report.csv");
    let run = server.audit(&[
        "--checks",
        "no-user-policies",
        "--output",
        &format!("csv={}", csv_path.display()),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let mut reader = csv::Reader::from_path(&csv_path).expect("csv");
    let names: Vec<String> = reader
        .records()
        .map(|r| r.expect("record")[6].to_string())
        .collect();
    assert!(names.contains(&"'=HYPERLINK".to_string()), "{names:?}");
    assert!(names.contains(&"alice".to_string()), "{names:?}");
}
