//! The fault suite of the audit's reads and the fixes' writes: the built binary against the
//! local IAM server through a fault-injecting proxy (`tests/fault/proxy.py`): errors,
//! throttling, hangs, resets, lost answers, replies cut short or rewritten, hostile names.
//! Every case also checks the invariants no fault may break (`support::fault`); the other
//! input surfaces have their groups in `tests/surfaces.rs`.

mod support;

use std::time::Duration;

use serde_json::{Value, json};
use support::fault::{
    Expect, Proxy, Suite, answer, check_errors, iam_error, interrupt_during, one_line_error,
    replace, weak_server, written,
};
use support::{LocalIam, Run, binary, seed, status, validate_report};

/// Every read the five-item audit makes, broken every way the proxy can break it: the
/// checks that read it must say `error` (exit 2), never green.
#[tokio::test]
async fn malformed_and_failed_reads_never_turn_green() {
    let server = weak_server().await;
    let proxy = Proxy::start(&server.endpoint);
    let mut suite = Suite::new("reads");
    let audit = ["audit", "--format", "json"];
    let mut case = |name: &str, rules: Value, expect: Expect<'_>| {
        proxy.rules(&rules);
        let run = proxy.cli(&audit);
        suite.case(name, &run, expect);
    };

    // Unbroken: the weak account is orange, which the cases below must not turn green.
    case(
        "no fault",
        json!([]),
        Box::new(|run: &Run| match run.code {
            1 => Ok(()),
            code => Err(format!("exit {code}")),
        }),
    );

    const SUMMARY: &str = "GetAccountSummary";
    const DETAILS: &str = "GetAccountAuthorizationDetails";
    let summary_key = |key: &str| format!("<entry><key>{key}</key><value>\\d+</value></entry>");
    case(
        "summary cut before AccountMFAEnabled",
        json!([{ "action": SUMMARY, "fault": "truncate_before", "marker": "<entry><key>AccountMFAEnabled" }]),
        check_errors("root-mfa", "malformed reply"),
    );
    for bytes in [0, 60, 200, 600, 1200, 2000, 2300] {
        case(
            &format!("summary cut after {bytes} bytes"),
            json!([{ "action": SUMMARY, "fault": "truncate_bytes", "bytes": bytes }]),
            check_errors("root-mfa", "GetAccountSummary"),
        );
    }
    case(
        "summary without ResponseMetadata",
        replace(SUMMARY, "<ResponseMetadata>.*</ResponseMetadata>", ""),
        check_errors("root-access-keys", "ResponseMetadata"),
    );
    case(
        "summary without AccountMFAEnabled, closed",
        replace(SUMMARY, &summary_key("AccountMFAEnabled"), ""),
        check_errors("root-mfa", "did not report AccountMFAEnabled"),
    );
    case(
        "summary without AccountAccessKeysPresent, closed",
        replace(SUMMARY, &summary_key("AccountAccessKeysPresent"), ""),
        check_errors(
            "root-access-keys",
            "did not report AccountAccessKeysPresent",
        ),
    );
    case(
        "AccountMFAEnabled = 7",
        replace(
            SUMMARY,
            &summary_key("AccountMFAEnabled"),
            "<entry><key>AccountMFAEnabled</key><value>7</value></entry>",
        ),
        check_errors("root-mfa", "AccountMFAEnabled is 7"),
    );
    case(
        "AccountAccessKeysPresent = -1",
        replace(
            SUMMARY,
            &summary_key("AccountAccessKeysPresent"),
            "<entry><key>AccountAccessKeysPresent</key><value>-1</value></entry>",
        ),
        check_errors("root-access-keys", "AccountAccessKeysPresent is -1"),
    );
    case(
        "summary answer not XML",
        answer(SUMMARY, 200, "this is not XML"),
        check_errors("root-mfa", "GetAccountSummary"),
    );
    case(
        "summary answer empty",
        answer(SUMMARY, 200, ""),
        check_errors("root-mfa", "GetAccountSummary"),
    );

    case(
        "authorization cut before the first user",
        json!([{ "action": DETAILS, "fault": "truncate_before", "marker": "<member>" }]),
        check_errors("groups", "malformed reply"),
    );
    for bytes in [100, 500, 900] {
        case(
            &format!("authorization cut after {bytes} bytes"),
            json!([{ "action": DETAILS, "fault": "truncate_bytes", "bytes": bytes }]),
            check_errors("groups", "GetAccountAuthorizationDetails"),
        );
    }
    case(
        "authorization page without IsTruncated",
        replace(DETAILS, "<IsTruncated>false</IsTruncated>", ""),
        check_errors("groups", "IsTruncated"),
    );
    case(
        "authorization truncated without a Marker",
        replace(
            DETAILS,
            "<IsTruncated>false</IsTruncated>",
            "<IsTruncated>true</IsTruncated>",
        ),
        check_errors("groups", "names no page token"),
    );
    case(
        "authorization repeats its Marker",
        replace(
            DETAILS,
            "<IsTruncated>false</IsTruncated>",
            "<IsTruncated>true</IsTruncated><Marker>again</Marker>",
        ),
        check_errors("groups", "repeats an earlier page token"),
    );
    case(
        "a user without UserName",
        replace(DETAILS, "<UserName>alice</UserName>", ""),
        check_errors("groups", "without UserName"),
    );
    case(
        "an attached policy without PolicyArn",
        replace(DETAILS, "<PolicyArn>[^<]*</PolicyArn>", ""),
        check_errors("groups", "without PolicyArn"),
    );
    case(
        "an inline policy without PolicyDocument",
        replace(DETAILS, "<PolicyDocument>[^<]*</PolicyDocument>", ""),
        check_errors("groups", "without PolicyDocument"),
    );

    for (action, id) in [
        (SUMMARY, "root-mfa"),
        ("GetAccountPasswordPolicy", "password-policy"),
        (DETAILS, "groups"),
    ] {
        case(
            &format!("{action} answers 500"),
            answer(action, 500, &iam_error("ServiceFailure")),
            check_errors(id, "ServiceFailure"),
        );
        case(
            &format!("{action} resets the connection"),
            json!([{ "action": action, "fault": "reset" }]),
            check_errors(id, action),
        );
        case(
            &format!("{action} throttled on every attempt"),
            answer(action, 400, &iam_error("Throttling")),
            check_errors(id, "Throttling"),
        );
    }
    // Without the caller's identity the report cannot name its account.
    case(
        "GetCallerIdentity answers 500",
        answer("GetCallerIdentity", 500, &iam_error("ServiceFailure")),
        one_line_error("cannot tell which account was read"),
    );
    case(
        "GetCallerIdentity resets the connection",
        json!([{ "action": "GetCallerIdentity", "fault": "reset" }]),
        one_line_error("cannot tell which account was read"),
    );
    case(
        "summary throttled twice, then answered",
        json!([{ "action": SUMMARY, "fault": "status", "status": 400, "body": iam_error("Throttling"), "times": 2 }]),
        Box::new(|run: &Run| {
            let report: Value = serde_json::from_str(&run.stdout).map_err(|e| e.to_string())?;
            match (status(&report, "root-mfa"), run.code) {
                ("fail", 1) => Ok(()),
                (verdict, code) => Err(format!("root-mfa {verdict}, exit {code}")),
            }
        }),
    );

    case(
        "GetCallerIdentity without Account",
        replace("GetCallerIdentity", "<Account>\\d+</Account>", ""),
        one_line_error("no Account"),
    );
    case(
        "GetCallerIdentity with an account id that is not one",
        replace(
            "GetCallerIdentity",
            "<Account>\\d+</Account>",
            "<Account>12345</Account>",
        ),
        one_line_error("not a 12-digit account id"),
    );
    case(
        "an alias that would move the sign-in URL to another host",
        replace(
            "ListAccountAliases",
            "<AccountAliases/>",
            "<AccountAliases><member>evil.com/phish?x=</member></AccountAliases>",
        ),
        Box::new(|run: &Run| {
            let report: Value = serde_json::from_str(&run.stdout).map_err(|e| e.to_string())?;
            let url = report["account"]["sign_in_url"]
                .as_str()
                .unwrap_or_default();
            if url
                != format!(
                    "https://{}.signin.aws.amazon.com/console",
                    support::ACCOUNT_ID
                )
            {
                return Err(format!("sign-in URL {url}"));
            }
            if !report["account"]["errors"]
                .to_string()
                .contains("invalid account alias")
            {
                return Err("the alias is not reported as invalid".into());
            }
            Ok(())
        }),
    );
    suite.finish();
}

/// Silent endpoints end the run within `--timeout`, with one line.
#[tokio::test]
async fn a_silent_endpoint_ends_within_the_timeout() {
    let server = weak_server().await;
    let proxy = Proxy::start(&server.endpoint);
    let mut suite = Suite::new("timeouts");
    for action in ["GetAccountSummary", "GetCallerIdentity", "*"] {
        proxy.rules(&json!([{ "action": action, "fault": "hang" }]));
        let run = proxy.cli(&["--timeout", "2", "audit", "--format", "json"]);
        let elapsed = run.elapsed;
        suite.case(
            &format!("{action} never answers"),
            &run,
            Box::new(move |run: &Run| {
                // Bounded by the flag, not by the SDK's 3 x 20 s attempts; the margin is
                // for a loaded machine, not a speed claim.
                if elapsed > Duration::from_secs(15) {
                    return Err(format!("took {elapsed:?}"));
                }
                one_line_error("2 s")(run)
            }),
        );
    }
    proxy.rules(&json!([{ "action": "UpdateAccountPasswordPolicy", "fault": "hang" }]));
    let run = proxy.cli(&["--timeout", "2", "fix", "password-policy", "--yes"]);
    suite.case(
        "a write never answered",
        &run,
        Box::new(|run: &Run| {
            if run.code != 2 || !run.stderr.contains("[FAILED] UpdateAccountPasswordPolicy") {
                return Err(format!("exit {}", run.code));
            }
            Ok(())
        }),
    );
    suite.finish();
}

/// Names no console would allow, from the server, and text from the config file: shown
/// escaped on one line in every human format, the plan cannot be forged, XML stays valid.
/// (Raw control characters in an XML reply are refused by the SDK's own parser, so a
/// line break as `&#10;` is what a hostile server can deliver; a waiver reason can carry
/// anything TOML can.)
#[tokio::test]
async fn hostile_names_cannot_forge_output() {
    let server = weak_server().await;
    let proxy = Proxy::start(&server.endpoint);
    let mut suite = Suite::new("hostile-names");
    let forged_line = "99. DeleteUser delete user root";
    let newline_name = replace(
        "GetAccountAuthorizationDetails",
        "<UserName>deploy-bot</UserName>",
        &format!("<UserName>deploy-bot&#10;{forged_line}&#13;</UserName>"),
    );
    let no_forged_line = |run: &Run| match run
        .stdout
        .lines()
        .chain(run.stderr.lines())
        .find(|l| l.trim_start().starts_with("99."))
    {
        Some(line) => Err(format!("forged line: {line}")),
        None => Ok(()),
    };
    let dir = support::temp_dir("hostile");
    let config = dir.join("iam-harden.toml");
    std::fs::write(
        &config,
        "[[waiver]]\ncheck = \"password-policy\"\nreason = \"ok\\u001b]0;pwned\\u0007\\u001b[2J\\n99. DeleteUser delete user root\\r\"\nexpires = 2999-12-31\n",
    )
    .expect("config");
    let config_arg = config.display().to_string();

    for format in ["table", "markdown", "json", "sarif", "junit"] {
        proxy.rules(&newline_name);
        let run = proxy.cli(&["audit", "--config", &config_arg, "--format", format]);
        suite.case(
            &format!("audit --format {format}"),
            &run,
            Box::new(|run: &Run| {
                no_forged_line(run)?;
                if !run.stdout.contains("deploy-bot") || !run.stdout.contains("pwned") {
                    return Err("the hostile values are not shown at all".into());
                }
                Ok(())
            }),
        );
    }
    let junit = dir.join("report.xml");
    proxy.rules(&newline_name);
    let run = proxy.cli(&[
        "audit",
        "--config",
        &config_arg,
        "--output",
        &format!("junit={}", junit.display()),
    ]);
    suite.case(
        "audit --output junit, schema-checked",
        &run,
        Box::new(|_: &Run| validate_report("junit", &junit)),
    );
    for args in [
        &["fix", "groups", "--dry-run"][..],
        &["fix", "groups", "--dry-run", "--format", "json"][..],
    ] {
        proxy.rules(&newline_name);
        let run = proxy.cli(args);
        suite.case(
            &args.join(" "),
            &run,
            Box::new(|run: &Run| {
                no_forged_line(run)?;
                if !run.stdout.contains("deploy-bot") {
                    return Err("the plan does not name the user".into());
                }
                Ok(())
            }),
        );
    }
    suite.finish();
}

/// Writes that fail, get lost or meet a malformed read: the fix reports what is actually
/// in place, never writes from a malformed read, and a rerun finishes.
#[tokio::test]
async fn interrupted_and_uncertain_writes_are_reported_as_they_are() {
    let server = LocalIam::start();
    let proxy = Proxy::start(&server.endpoint);
    let mut suite = Suite::new("writes");
    let fresh_weak_account = || async {
        server.control("/moto-api/reset", "");
        seed::weak_account(&server.iam()).await.expect("seed");
    };

    fresh_weak_account().await;
    proxy.rules(&json!([{ "action": "UpdateAccountPasswordPolicy", "fault": "lose_response" }]));
    let run = proxy.cli(&["fix", "password-policy", "--yes"]);
    suite.case(
        "password policy written, every answer lost",
        &run,
        Box::new(|run: &Run| {
            if run.code != 0 || !run.stderr.contains("counts as applied") {
                return Err(format!("exit {}", run.code));
            }
            Ok(())
        }),
    );

    fresh_weak_account().await;
    proxy.rules(&json!([{ "action": "UpdateAccountPasswordPolicy", "fault": "reset" }]));
    let run = proxy.cli(&["fix", "password-policy", "--yes"]);
    suite.case(
        "password policy never reached the server",
        &run,
        Box::new(|run: &Run| {
            if run.code != 2
                || !run.stderr.contains("0 of 1 calls were applied")
                || !run.stderr.contains("[FAILED] UpdateAccountPasswordPolicy")
            {
                return Err(format!("exit {}", run.code));
            }
            Ok(())
        }),
    );

    fresh_weak_account().await;
    proxy.rules(&json!([{ "action": "CreateGroup", "fault": "lose_response", "times": 1 }]));
    let run = proxy.cli(&["fix", "groups", "--yes"]);
    let groups = server.iam().list_groups().send().await.expect("groups");
    let groups: Vec<String> = groups
        .groups()
        .iter()
        .map(|g| g.group_name().to_string())
        .collect();
    suite.case(
        "the group was created, its answer lost, the retry found it",
        &run,
        Box::new(move |run: &Run| {
            if run.code != 0
                || groups != ["Administrators", "list-buckets"]
                || !run.stderr.contains("EntityAlreadyExists")
                || !run.stderr.contains("counts as applied")
            {
                return Err(format!("exit {}, groups {groups:?}", run.code));
            }
            Ok(())
        }),
    );

    fresh_weak_account().await;
    proxy.rules(&answer(
        "AttachGroupPolicy",
        500,
        &iam_error("ServiceFailure"),
    ));
    let run = proxy.cli(&["fix", "groups", "--yes"]);
    suite.case(
        "a write fails for good",
        &run,
        Box::new(|run: &Run| {
            let listed = run.stderr.contains("[applied] CreateGroup")
                && run.stderr.contains("[FAILED] AttachGroupPolicy")
                && run.stderr.contains("[not applied] AddUserToGroup")
                && run
                    .stderr
                    .contains(&format!("in account {}", support::ACCOUNT_ID));
            if run.code != 2 || !listed {
                return Err(format!("exit {}", run.code));
            }
            Ok(())
        }),
    );
    proxy.rules(&json!([]));
    let run = proxy.cli(&["fix", "groups", "--yes"]);
    suite.case(
        "the rerun finishes",
        &run,
        Box::new(|run: &Run| match run.code {
            0 => Ok(()),
            code => Err(format!("exit {code}")),
        }),
    );

    for (name, rules) in [
        (
            "an attached policy without PolicyArn",
            replace(
                "GetAccountAuthorizationDetails",
                "<PolicyArn>[^<]*</PolicyArn>",
                "",
            ),
        ),
        (
            "a user without UserName",
            replace(
                "GetAccountAuthorizationDetails",
                "<UserName>alice</UserName>",
                "",
            ),
        ),
        (
            "no account id",
            replace("GetCallerIdentity", "<Account>\\d+</Account>", ""),
        ),
    ] {
        fresh_weak_account().await;
        proxy.rules(&rules);
        let run = proxy.cli(&["fix", "groups", "--yes"]);
        let written = written(&proxy);
        suite.case(
            &format!("fix groups on {name}"),
            &run,
            Box::new(move |run: &Run| {
                if run.code != 2 || !written.is_empty() {
                    return Err(format!("exit {}, writes {written:?}", run.code));
                }
                Ok(())
            }),
        );
    }

    // The password was set, the key then failed: the password still reaches its file.
    fresh_weak_account().await;
    let dir = support::temp_dir("partial-credentials");
    let file = dir.join("bob.csv");
    proxy.rules(&answer(
        "CreateAccessKey",
        500,
        &iam_error("ServiceFailure"),
    ));
    let run = proxy.cli(&[
        "fix",
        "individual-users",
        "--yes",
        "--user",
        "bob",
        "--access-key",
        "--credentials-file",
        &file.display().to_string(),
    ]);
    let saved = std::fs::read_to_string(&file).unwrap_or_default();
    suite.case(
        "a new user's password survives a failed key",
        &run,
        Box::new(move |run: &Run| {
            let mut rows = csv::Reader::from_reader(saved.as_bytes()).into_records();
            let row = rows.next().and_then(Result::ok);
            let password = row.as_ref().and_then(|r| r.get(1)).unwrap_or_default();
            if run.code != 2 || password.len() < 20 {
                return Err(format!(
                    "exit {}, password of {} chars",
                    run.code,
                    password.len()
                ));
            }
            Ok(())
        }),
    );

    fresh_weak_account().await;
    proxy.rules(&json!([]));
    let run = proxy.cli(&["fix", "password-policy", "--dry-run", "--format", "json"]);
    suite.case(
        "the plan names the account and caller",
        &run,
        Box::new(|run: &Run| {
            let plan: Value = serde_json::from_str(&run.stdout).map_err(|e| e.to_string())?;
            if plan["account"]["id"] != support::ACCOUNT_ID
                || !plan["account"]["caller_arn"]
                    .as_str()
                    .is_some_and(|a| a.starts_with("arn:aws:"))
            {
                return Err(format!("account {}", plan["account"]));
            }
            Ok(())
        }),
    );
    let run = proxy.cli(&["fix", "password-policy", "--dry-run"]);
    suite.case(
        "the table plan names the account",
        &run,
        Box::new(|run: &Run| {
            if !run
                .stdout
                .contains(&format!("Account {} (as arn:aws:", support::ACCOUNT_ID))
            {
                return Err("no account line".into());
            }
            Ok(())
        }),
    );
    suite.finish();
}

/// Ctrl-C in the middle of a fix: the call in flight finishes, nothing more is sent, the
/// applied and not applied calls are listed, exit 130.
#[tokio::test]
async fn ctrl_c_stops_a_fix_after_the_call_in_flight() {
    let server = weak_server().await;
    let proxy = Proxy::start(&server.endpoint);
    let mut suite = Suite::new("interrupt");
    let run = interrupt_during(&proxy, &["fix", "groups", "--yes"], "CreateGroup");
    let writes = written(&proxy);
    suite.case(
        "SIGINT while CreateGroup is in flight",
        &run,
        Box::new(move |run: &Run| {
            if run.code != 130
                || writes != ["CreateGroup"]
                || !run.stderr.contains("[applied] CreateGroup")
                || !run.stderr.contains("[not applied] AttachGroupPolicy")
            {
                return Err(format!("exit {}, writes {writes:?}", run.code));
            }
            Ok(())
        }),
    );

    // `fix all` walks groups, then the password policy: Ctrl-C in the first ends the walk.
    server.control("/moto-api/reset", "");
    seed::weak_account(&server.iam()).await.expect("seed");
    let run = interrupt_during(&proxy, &["fix", "all", "--yes"], "CreateGroup");
    let writes = written(&proxy);
    suite.case(
        "SIGINT during fix all",
        &run,
        Box::new(move |run: &Run| {
            if run.code != 130 || writes.iter().any(|w| w == "UpdateAccountPasswordPolicy") {
                return Err(format!("exit {}, writes {writes:?}", run.code));
            }
            Ok(())
        }),
    );
    suite.finish();
}

/// `--profile` (or AWS_PROFILE) selects that profile's keys even when the environment has
/// others; a missing profile stops before any request.
#[tokio::test]
async fn the_named_profile_and_nothing_else() {
    let server = weak_server().await;
    let proxy = Proxy::start(&server.endpoint);
    let mut suite = Suite::new("profiles");
    let dir = support::temp_dir("profiles");
    let credentials = dir.join("credentials");
    std::fs::write(
        &credentials,
        "[prod]\naws_access_key_id = AKIAPRODPROFILE00001\naws_secret_access_key = prod-secret\n",
    )
    .expect("credentials file");
    let run_with = |args: &[&str], env: &[(&str, &str)]| {
        let mut command = proxy.command(args);
        command
            .env("AWS_SHARED_CREDENTIALS_FILE", &credentials)
            .env("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENT00001")
            .envs(env.iter().copied());
        Run::of(command)
    };
    let signed_only_by_profile = |proxy: &Proxy| {
        let keys: Vec<Value> = proxy.log().iter().map(|e| e["key"].clone()).collect();
        (
            !keys.is_empty() && keys.iter().all(|k| k == "AKIAPRODPROFILE00001"),
            keys,
        )
    };

    for (name, args, env) in [
        (
            "--profile prod",
            &["--profile", "prod", "audit"][..],
            &[][..],
        ),
        (
            "AWS_PROFILE=prod",
            &["audit"][..],
            &[("AWS_PROFILE", "prod")][..],
        ),
        (
            "fix with --profile prod",
            &["--profile", "prod", "fix", "password-policy", "--yes"][..],
            &[][..],
        ),
    ] {
        proxy.rules(&json!([]));
        let run = run_with(args, env);
        let (only_profile, keys) = signed_only_by_profile(&proxy);
        suite.case(
            name,
            &run,
            Box::new(move |run: &Run| {
                if !only_profile || !matches!(run.code, 0 | 1) {
                    return Err(format!("exit {}, signed with {keys:?}", run.code));
                }
                if !run
                    .stderr
                    .contains("AWS_ACCESS_KEY_ID in the environment is ignored")
                {
                    return Err("no note that the environment's key is ignored".into());
                }
                Ok(())
            }),
        );
    }
    for (name, args, env) in [
        (
            "--profile nonexistent",
            &["--profile", "nonexistent", "audit"][..],
            &[][..],
        ),
        (
            "AWS_PROFILE=nonexistent fix",
            &["fix", "password-policy", "--yes"][..],
            &[("AWS_PROFILE", "nonexistent")][..],
        ),
    ] {
        proxy.rules(&json!([]));
        let run = run_with(args, env);
        let requests = proxy.log().len();
        suite.case(
            name,
            &run,
            Box::new(move |run: &Run| {
                if requests != 0 {
                    return Err(format!("{requests} requests were sent"));
                }
                let mut lines = run.stderr.lines().filter(|l| !l.starts_with("note: "));
                match (lines.next(), lines.next(), run.code) {
                    (Some(line), None, 2) if line.contains("profile nonexistent") => Ok(()),
                    _ => Err(format!("exit {}", run.code)),
                }
            }),
        );
    }
    suite.finish();
}

/// CloudTrail's `userAgent` must say which tool made a change: every request, read or write,
/// names iam-harden and its version.
#[tokio::test]
async fn every_request_names_the_tool_in_its_user_agent() {
    let server = weak_server().await;
    let proxy = Proxy::start(&server.endpoint);
    let tool = concat!(" iam-harden/", env!("CARGO_PKG_VERSION"));
    let journal = support::temp_dir("agent").join("changes.jsonl");
    for args in [
        &["audit", "--all"][..],
        &[
            "fix",
            "password-policy",
            "--yes",
            "--journal",
            journal.to_str().expect("utf-8"),
        ][..],
    ] {
        proxy.rules(&json!([]));
        proxy.cli(args);
        let log = proxy.log();
        assert!(log.len() > 2, "{args:?}: {log:?}");
        for entry in &log {
            let agent = entry["agent"].as_str().unwrap_or_default();
            assert!(
                agent.starts_with("aws-sdk-rust/") && agent.ends_with(tool),
                "{args:?}: {entry}"
            );
        }
    }
}

/// Endpoints and regions that cannot work are usage errors before any request, never a
/// panic inside the SDK.
#[test]
fn unusable_endpoints_and_regions_are_one_line_errors() {
    let mut suite = Suite::new("endpoints");
    // (name, arguments, environment, what the error line names)
    type Case<'a> = (&'a str, &'a [&'a str], &'a [(&'a str, &'a str)], &'a str);
    let cases: [Case; 7] = [
        (
            "--endpoint-url \"\"",
            &["--endpoint-url", "", "audit"],
            &[],
            "--endpoint-url",
        ),
        (
            "--endpoint-url not a url",
            &["--endpoint-url", "not a url", "audit"],
            &[],
            "--endpoint-url",
        ),
        (
            "--endpoint-url ftp",
            &["--endpoint-url", "ftp://127.0.0.1:1", "audit"],
            &[],
            "--endpoint-url",
        ),
        (
            "AWS_ENDPOINT_URL=\"\"",
            &["audit"],
            &[("AWS_ENDPOINT_URL", "")],
            "AWS_ENDPOINT_URL",
        ),
        (
            "AWS_ENDPOINT_URL_IAM=\"\"",
            &["fix", "password-policy", "--yes"],
            &[("AWS_ENDPOINT_URL_IAM", "")],
            "AWS_ENDPOINT_URL_IAM",
        ),
        ("--region \"\"", &["--region", "", "audit"], &[], "--region"),
        (
            "--region with a slash",
            &["--region", "us-east-1/x", "audit"],
            &[],
            "--region",
        ),
    ];
    for (name, args, env, because) in cases {
        let mut command = binary();
        support::with_test_credentials(&mut command)
            .args(args)
            .envs(env.iter().copied());
        suite.case(name, &Run::of(command), one_line_error(because));
    }
    suite.finish();
}

/// Every command's output into a reader that has already gone: no panic, and the exit
/// status is the command's own.
#[tokio::test]
async fn a_closed_stdout_is_not_a_crash() {
    let server = weak_server().await;
    let mut suite = Suite::new("closed-pipe");
    // Each with the exit status it has with a reader that stays: a closed pipe changes none.
    let commands: [(&[&str], i32); 10] = [
        (&["audit"], 1),
        (&["audit", "--format", "json"], 1),
        // root-recent-use and access-analyzer cannot be decided on the local server.
        (&["audit", "--all", "--format", "sarif"], 2),
        (&["fix", "password-policy", "--dry-run"], 1),
        (&["fix", "groups", "--dry-run", "--format", "json"], 1),
        (&["fix", "all", "--dry-run"], 1),
        (&["fix", "password-policy", "--yes"], 0),
        (&["permissions"], 0),
        (&["permissions", "fix", "--all"], 0),
        (&["--help"], 0),
    ];
    for (args, expected) in commands {
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let mut command = binary();
        support::with_test_credentials(&mut command)
            .args(["--endpoint-url", &server.endpoint])
            .args(args)
            .stdout(writer);
        let output = command.output().expect("run");
        let run = Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::new(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            elapsed: Duration::ZERO,
        };
        suite.case(
            &args.join(" "),
            &run,
            Box::new(move |run: &Run| match run.code {
                code if code == expected => Ok(()),
                code => Err(format!("exit {code}, expected {expected}")),
            }),
        );
    }
    // The password policy written with stdout gone: applied and verified all the same.
    let policy = server.iam().get_account_password_policy().send().await;
    assert!(policy.is_ok(), "the fix ran to its end");
    suite.finish();
}

/// Policy documents the evaluator cannot read: the checks that judge them say `error`
/// naming why, never green (the weak account's AdministratorAccess would otherwise be
/// orange, and its inline policy judged).
/// A path to administrator that depends on a document the run could not read is never
/// cleared: the check errs, naming what it could not read, rather than pass. (Readable, the
/// account has a finding: keymaker may make keys for alice, an administrator.)
#[tokio::test]
async fn unreadable_sources_never_clear_an_escalation() {
    let server = weak_server().await;
    let iam = server.iam();
    seed::create_user(&iam, "keymaker").await.expect("user");
    seed::put_user_document(&iam, "keymaker", "keys", support::ANY_KEYS)
        .await
        .expect("policy");
    iam.create_role()
        .role_name("ops")
        .assume_role_policy_document(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}"#)
        .send()
        .await
        .expect("role");
    let proxy = Proxy::start(&server.endpoint);
    let audit = [
        "audit",
        "--checks",
        "privilege-escalation",
        "--format",
        "json",
    ];
    let readable = proxy.cli(&audit);
    assert_eq!(readable.code, 1, "{}", readable.stderr);
    let mut suite = Suite::new("escalation");
    let mut case = |name: &str, rules: Value, because: &str| {
        proxy.rules(&rules);
        let run = proxy.cli(&audit);
        suite.case(name, &run, check_errors("privilege-escalation", because));
    };
    case(
        "the administrator's policy cut to one brace",
        replace(
            "GetPolicyVersion",
            "<Document>[^<]*</Document>",
            "<Document>%7B</Document>",
        ),
        "could not be evaluated",
    );
    case(
        "a role's trust policy cut to one brace",
        replace(
            "GetAccountAuthorizationDetails",
            "<AssumeRolePolicyDocument>[^<]*</AssumeRolePolicyDocument>",
            "<AssumeRolePolicyDocument>%7B</AssumeRolePolicyDocument>",
        ),
        "could not be evaluated",
    );
    case(
        "the credential report denied",
        answer("GetCredentialReport", 403, &iam_error("AccessDenied")),
        "GetCredentialReport",
    );
    case(
        "a statement's Effect in lower case",
        replace("GetAccountAuthorizationDetails", "Allow", "allow"),
        "could not be evaluated",
    );
    suite.finish();
}

#[tokio::test]
async fn unreadable_policy_documents_never_turn_green() {
    let server = weak_server().await;
    let proxy = Proxy::start(&server.endpoint);
    let mut suite = Suite::new("policies");
    let audit = [
        "audit",
        "--checks",
        "no-admin-star-policies,no-admin-inline-policies",
        "--format",
        "json",
    ];
    let mut case = |name: &str, rules: Value, id: &str, detail: &str| {
        proxy.rules(&rules);
        let run = proxy.cli(&audit);
        let details = |run: &Run| -> Result<(), String> {
            check_errors(id, "could not be evaluated")(run)?;
            let report: Value = serde_json::from_str(&run.stdout).map_err(|e| e.to_string())?;
            let said = support::check(&report, id)["details"].to_string();
            match said.contains(detail) {
                true => Ok(()),
                false => Err(format!("{id}'s details lack {detail:?}: {said}")),
            }
        };
        suite.case(name, &run, Box::new(details));
    };
    case(
        "an attached policy's document cut to one brace",
        replace(
            "GetPolicyVersion",
            "<Document>[^<]*</Document>",
            "<Document>%7B</Document>",
        ),
        "no-admin-star-policies",
        "policy arn:aws:iam::aws:policy/AdministratorAccess: not a JSON policy document",
    );
    case(
        "an attached policy whose statements lost their Action",
        replace("GetPolicyVersion", "Action", "Actio"),
        "no-admin-star-policies",
        "neither Action nor NotAction",
    );
    case(
        "an inline policy that is a JSON list",
        replace(
            "GetAccountAuthorizationDetails",
            "<PolicyDocument>[^<]*</PolicyDocument>",
            "<PolicyDocument>%5B%5D</PolicyDocument>",
        ),
        "no-admin-inline-policies",
        "inline policy list-buckets of arn:aws:iam::123456789012:user/deploy-bot: the policy document is not a JSON object",
    );
    case(
        "an inline policy whose Effect is lower case",
        replace("GetAccountAuthorizationDetails", "Allow", "allow"),
        "no-admin-inline-policies",
        "Effect \\\"allow\\\" is neither Allow nor Deny",
    );
    suite.finish();
}
