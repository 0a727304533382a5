//! The fault suite of what the data means: a gate that compares runs (`--baseline`, `diff`),
//! a file of authorization details that is not a whole account, a principal that is an
//! administrator by `NotAction`, and outputs that must not corrupt or replace what they
//! should not. Each case is a false green or a lost file that an earlier build let through;
//! each group writes its tally to `target/fault-suite/`.

mod support;

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};
use support::fault::{Expect, Suite};
use support::world::{
    ACCOUNT, ADMIN_ARN, World, administrator_access, arn, attach, document, inline, statement,
    trust,
};
use support::{LocalIam, Run, binary, temp_dir};

/// The binary with no credentials and an endpoint nothing listens on, in `dir`.
fn offline_in(dir: &Path, args: &[&str]) -> Run {
    let mut command = support::offline_binary();
    command.current_dir(dir).args(args);
    Run::of(command)
}

/// `audit --format json --from-authorization-details FILE --checks CHECKS --now NOW EXTRA`
/// in `dir`.
fn audit_json(dir: &Path, file: &Path, checks: &str, now: &str, extra: &[&str]) -> Run {
    let file = file.to_str().expect("utf-8");
    let mut args = vec![
        "--format",
        "json",
        "audit",
        "--from-authorization-details",
        file,
    ];
    args.extend(["--checks", checks, "--now", now]);
    args.extend(extra);
    offline_in(dir, &args)
}

/// `audit_json` with no more arguments, its JSON report saved as `save`.
fn audit_file(dir: &Path, file: &Path, checks: &str, now: &str, save: &str) -> Run {
    let run = audit_json(dir, file, checks, now, &[]);
    std::fs::write(dir.join(save), &run.stdout).expect("save the report");
    run
}

/// Exit `code`, and stderr says `because` (a refusal of the run, not a report's content).
fn exits(code: i32, because: &'static str) -> Expect<'static> {
    Box::new(move |run: &Run| {
        if run.code == code && run.stderr.contains(because) {
            return Ok(());
        }
        let green = if run.code == 0 { "green: " } else { "" };
        Err(format!(
            "{green}exit {} where {code} naming {because:?} was due",
            run.code
        ))
    })
}

/// The new run is worse than the baseline at high: exit 1, never 0.
fn orange() -> Expect<'static> {
    Box::new(|run: &Run| match run.code {
        1 => Ok(()),
        0 => Err("green: exit 0 where a new high finding was due".into()),
        code => Err(format!("exit {code} where 1 was due")),
    })
}

/// `audit --baseline`: a finding of `check` marked new, and the run not green. (A file of
/// authorization details holds no alias, so such a run exits 2, never 0.)
fn marked_new(check: &'static str) -> Expect<'static> {
    Box::new(move |run: &Run| {
        let report: Value = serde_json::from_str(&run.stdout).map_err(|e| e.to_string())?;
        let states: Vec<&Value> = support::check(&report, check)["findings"]
            .as_array()
            .map(|f| f.iter().map(|f| &f["baseline"]).collect())
            .unwrap_or_default();
        if !states.iter().any(|s| *s == "new") {
            return Err(format!(
                "green: {check}'s findings marked {states:?}, none new"
            ));
        }
        match run.code {
            0 => Err("green: exit 0".into()),
            _ => Ok(()),
        }
    })
}

const ADMIN_CHECKS: &str = "no-admin-star-policies,no-admin-inline-policies,privilege-escalation";

/// The gate compares like with like: a new holder of an admin policy, a path whose
/// certainty rose, a check the baseline never ran, a check the old run lacked in error, a
/// baseline from the future.
#[test]
fn a_gate_never_reads_something_worse_as_unchanged() {
    let dir = temp_dir("meaning-gate");
    let mut suite = Suite::new("meaning-gate");
    let base = World::default()
        .policy(administrator_access())
        .group("Admins", |g| attach(g, ADMIN_ARN))
        .user("alice", |u| u["GroupList"] = json!(["Admins"]))
        .user("mallory", |_| {});
    let with_mallory = {
        let mut world = base.clone();
        attach(&mut world.users[1], ADMIN_ARN);
        world
    };
    let old = base.write(&dir, "base.json");
    let new = with_mallory.write(&dir, "mallory.json");
    audit_file(&dir, &old, ADMIN_CHECKS, "2026-01-01", "old.json");
    audit_file(&dir, &new, ADMIN_CHECKS, "2026-01-02", "new.json");
    let gated = |file: &Path, baseline: &str, checks: &str, now: &str| {
        audit_json(
            &dir,
            file,
            checks,
            now,
            &["--baseline", baseline, "--fail-on", "high"],
        )
    };
    let diff = |old: &str, new: &str| {
        offline_in(
            &dir,
            &["--format", "json", "diff", old, new, "--fail-on", "high"],
        )
    };
    suite.case(
        "an admin policy gains a holder: audit --baseline",
        &gated(&new, "old.json", ADMIN_CHECKS, "2026-01-02"),
        marked_new("no-admin-star-policies"),
    );
    suite.case(
        "an admin policy gains a holder: diff",
        &diff("old.json", "new.json"),
        orange(),
    );
    // Held through a group, or once a boundary is lifted: a new administrator too.
    let member = |world: &World, user: &str| {
        let mut world = world.clone();
        world
            .users
            .iter_mut()
            .filter(|u| u["UserName"] == user)
            .for_each(|u| {
                u["GroupList"] = json!(["Admins"]);
            });
        world
    };
    let boundary = json!({"PermissionsBoundaryType": "PermissionsBoundaryPolicy",
        "PermissionsBoundaryArn": arn("policy", "s3-only")});
    let s3_only = json!({"PolicyName": "s3-only", "Arn": arn("policy", "s3-only"),
        "AttachmentCount": 0, "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
            "Document": document(vec![statement("Allow", json!("s3:*"), "*")])}]});
    let capped = with_mallory.clone().policy(s3_only.clone());
    let mut capped = capped;
    capped.users[1]["PermissionsBoundary"] = boundary;
    let uncapped = with_mallory.clone().policy(s3_only);
    let inline_admins = World::default()
        .group("Admins", |g| {
            inline(
                g,
                "GroupPolicyList",
                "all",
                document(vec![statement("Allow", json!("*"), "*")]),
            )
        })
        .user("alice", |u| u["GroupList"] = json!(["Admins"]))
        .user("mallory", |_| {});
    for (name, before, after) in [
        (
            "a user joins the group that holds an admin policy",
            base.clone(),
            member(&base, "mallory"),
        ),
        (
            "a boundary that capped an admin policy is lifted",
            capped,
            uncapped,
        ),
        (
            "a user joins the group that holds an admin inline policy",
            inline_admins.clone(),
            member(&inline_admins, "mallory"),
        ),
    ] {
        let (was, is) = (before.write(&dir, "was.json"), after.write(&dir, "is.json"));
        audit_file(&dir, &was, ADMIN_CHECKS, "2026-01-01", "was-report.json");
        audit_file(&dir, &is, ADMIN_CHECKS, "2026-01-02", "is-report.json");
        suite.case(name, &diff("was-report.json", "is-report.json"), orange());
    }

    // The other way round is no new finding: the policy keeps a holder it had.
    audit_file(&dir, &new, ADMIN_CHECKS, "2026-01-01", "two-holders.json");
    audit_file(&dir, &old, ADMIN_CHECKS, "2026-01-02", "one-holder.json");
    suite.case(
        "an admin policy loses a holder: diff",
        &diff("two-holders.json", "one-holder.json"),
        Box::new(|run: &Run| {
            let diff: Value = serde_json::from_str(&run.stdout).map_err(|e| e.to_string())?;
            match (
                run.code,
                &diff["summary"]["new"],
                &diff["summary"]["resolved"],
            ) {
                (0, new, resolved) if *new == 0 && *resolved == 0 => Ok(()),
                (code, new, resolved) => {
                    Err(format!("exit {code}, {new} new, {resolved} resolved"))
                }
            }
        }),
    );

    // A path that needed MFA now needs nothing: the same hops, a higher certainty.
    let escalation = |condition: Option<Value>| {
        World::default()
            .policy(administrator_access())
            // A trust of the account: the user's own Allow (and its condition) decides.
            .role(
                "admin",
                trust(&format!("arn:aws:iam::{ACCOUNT}:root")),
                |r| attach(r, ADMIN_ARN),
            )
            .user("dev", |u| {
                let mut grant = statement("Allow", json!("sts:AssumeRole"), &arn("role", "admin"));
                if let Some(condition) = condition {
                    grant["Condition"] = condition;
                }
                inline(u, "UserPolicyList", "assume", document(vec![grant]));
            })
    };
    let mfa = json!({"Bool": {"aws:MultiFactorAuthPresent": "true"}});
    let conditional = escalation(Some(mfa)).write(&dir, "conditional.json");
    let definite = escalation(None).write(&dir, "definite.json");
    audit_file(
        &dir,
        &conditional,
        "privilege-escalation",
        "2026-01-01",
        "conditional-report.json",
    );
    audit_file(
        &dir,
        &definite,
        "privilege-escalation",
        "2026-01-02",
        "definite-report.json",
    );
    suite.case(
        "a conditional path becomes definite: audit --baseline",
        &gated(
            &definite,
            "conditional-report.json",
            "privilege-escalation",
            "2026-01-02",
        ),
        marked_new("privilege-escalation"),
    );
    suite.case(
        "a conditional path becomes definite: diff",
        &diff("conditional-report.json", "definite-report.json"),
        orange(),
    );

    // A baseline that never ran privilege-escalation.
    audit_file(&dir, &definite, "groups", "2026-01-01", "groups-only.json");
    let run = gated(
        &definite,
        "groups-only.json",
        "groups,privilege-escalation",
        "2026-01-02",
    );
    suite.case(
        "a baseline without the check: audit --baseline",
        &run,
        Box::new(|run: &Run| {
            marked_new("privilege-escalation")(run)?;
            let report: Value = serde_json::from_str(&run.stdout).map_err(|e| e.to_string())?;
            let findings = &support::check(&report, "privilege-escalation")["findings"];
            match findings.to_string().contains("\"unchanged\"") {
                false => Ok(()),
                true => Err("green: an escalation marked unchanged".into()),
            }
        }),
    );
    audit_file(
        &dir,
        &definite,
        "groups,privilege-escalation",
        "2026-01-02",
        "both.json",
    );
    suite.case(
        "a baseline without the check: diff",
        &diff("groups-only.json", "both.json"),
        orange(),
    );

    // The new run has a check in error that the old one lacked.
    audit_file(
        &dir,
        &definite,
        "groups,root-mfa",
        "2026-01-02",
        "undecided.json",
    );
    suite.case(
        "diff: a new check undecided",
        &diff("groups-only.json", "undecided.json"),
        Box::new(
            |run: &Run| match (run.code, run.stdout.contains("root-mfa")) {
                (2, true) => Ok(()),
                (0, _) => Err("green: exit 0".into()),
                (code, named) => Err(format!("exit {code}, root-mfa named: {named}")),
            },
        ),
    );

    // Dates the wrong way round.
    suite.case(
        "diff with its reports swapped",
        &diff("new.json", "old.json"),
        exits(2, "2026-01-01"),
    );
    audit_file(&dir, &old, ADMIN_CHECKS, "2099-01-01", "future.json");
    suite.case(
        "a baseline from 2099",
        &gated(&new, "future.json", ADMIN_CHECKS, "2026-01-02"),
        exits(2, "2099-01-01"),
    );
    suite.finish();
}

/// A file of authorization details is the whole account or nothing: a page, contradictory
/// duplicates and a member of a group the file lacks are never judged as if complete.
#[test]
fn a_file_is_the_whole_account_or_refused() {
    let dir = temp_dir("meaning-file");
    let mut suite = Suite::new("meaning-file");
    let audit = |world: &World, name: &str| {
        let path = world.write(&dir, name);
        audit_file(&dir, &path, ADMIN_CHECKS, "2026-01-02", "report.json")
    };
    let clean = World::default().user("alice", |_| {});
    suite.case(
        "a page with a Marker",
        &audit(
            &clean
                .clone()
                .with("IsTruncated", json!(true))
                .with("Marker", json!("page-2")),
            "marker.json",
        ),
        exits(2, "one page"),
    );
    suite.case(
        "a page with a NextToken",
        &audit(
            &clean
                .clone()
                .with("NextToken", json!("eyJNYXJrZXIiOiAiMiJ9")),
            "token.json",
        ),
        exits(2, "one page"),
    );

    let admin_inline = |u: &mut Value| {
        inline(
            u,
            "UserPolicyList",
            "all",
            document(vec![statement("Allow", json!("*"), "*")]),
        )
    };
    suite.case(
        "a user listed twice, the first an admin",
        &audit(
            &World::default()
                .user("alice", admin_inline)
                .user("alice", |_| {}),
            "user-twice.json",
        ),
        exits(2, "alice"),
    );
    let customer = |statements: Vec<Value>| {
        json!({"PolicyName": "ops", "Arn": arn("policy", "ops"), "AttachmentCount": 1,
            "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
                "Document": document(statements)}]})
    };
    suite.case(
        "a policy listed twice",
        &audit(
            &World::default()
                .policy(customer(vec![statement("Allow", json!("*"), "*")]))
                .policy(customer(vec![statement(
                    "Allow",
                    json!("s3:GetObject"),
                    "*",
                )]))
                .user("alice", |u| attach(u, &arn("policy", "ops"))),
            "policy-twice.json",
        ),
        exits(2, "policy/ops"),
    );
    let mut two_defaults = customer(vec![statement("Allow", json!("s3:GetObject"), "*")]);
    two_defaults["PolicyVersionList"]
        .as_array_mut()
        .expect("versions")
        .push(json!({
        "VersionId": "v2", "IsDefaultVersion": true,
        "Document": document(vec![statement("Allow", json!("*"), "*")])}));
    suite.case(
        "a policy with two default versions",
        &audit(
            &World::default()
                .policy(two_defaults)
                .user("alice", |u| attach(u, &arn("policy", "ops"))),
            "two-defaults.json",
        ),
        exits(2, "policy/ops"),
    );

    // What `--filter User` prints: users naming groups the file does not hold.
    let run = audit(
        &World::default().user("alice", |u| u["GroupList"] = json!(["Admins"])),
        "no-group.json",
    );
    suite.case(
        "a member of a group the file lacks",
        &run,
        Box::new(|run: &Run| {
            let report: Value = serde_json::from_str(&run.stdout).map_err(|e| e.to_string())?;
            for id in ADMIN_CHECKS.split(',') {
                let check = support::check(&report, id);
                if check["status"] != "error" || !check["reason"].to_string().contains("Admins") {
                    let green = if check["status"] == "pass" {
                        "green: "
                    } else {
                        ""
                    };
                    return Err(format!(
                        "{green}{id} is {} ({})",
                        check["status"], check["reason"]
                    ));
                }
            }
            match run.code {
                2 => Ok(()),
                code => Err(format!("exit {code} where 2 was due")),
            }
        }),
    );

    // Allowed everything but S3: an administrator to privilege-escalation, so some check
    // must report it at high.
    let run = audit(
        &World::default().role("ops", trust(&arn("user", "alice")), |r| {
            inline(
                r,
                "RolePolicyList",
                "all-but-s3",
                document(vec![
                    json!({"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}),
                ]),
            )
        }),
        "not-action.json",
    );
    suite.case(
        "an administrator by NotAction",
        &run,
        Box::new(|run: &Run| {
            if run.code == 0 {
                return Err("green: exit 0".into());
            }
            let report: Value = serde_json::from_str(&run.stdout).map_err(|e| e.to_string())?;
            let named = report["checks"].as_array().into_iter().flatten().any(|c| {
                ["high", "critical"].contains(&c["severity"].as_str().unwrap_or_default())
                    && c["findings"].to_string().contains(&arn("role", "ops"))
            });
            match named {
                true => Ok(()),
                false => Err("green: no high check names role ops".into()),
            }
        }),
    );
    suite.finish();
}

/// Report files land where they are asked to and nowhere else: through a FIFO and a
/// symlink, never over the run's own input; a report format on stdout is only the report.
#[tokio::test]
async fn outputs_never_replace_or_corrupt_what_they_should_not() {
    let dir = temp_dir("meaning-outputs");
    let mut suite = Suite::new("meaning-outputs");
    let world = World::default()
        .policy(administrator_access())
        .user("alice", |u| attach(u, ADMIN_ARN))
        .write(&dir, "world.json");
    let world = world.to_str().expect("utf-8");
    let audit_to = |output: &str, extra: &[&str]| {
        let mut args = vec!["audit", "--from-authorization-details", world, "--checks"];
        args.extend(["no-admin-star-policies", "--output", output]);
        args.extend(extra);
        offline_in(&dir, &args)
    };

    // A FIFO: written through, still a FIFO.
    let fifo = dir.join("report.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    // A second name for the FIFO, to unblock the reader even if the run replaces the first.
    let handle = dir.join("report.fifo.handle");
    std::fs::hard_link(&fifo, &handle).expect("link the fifo");
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap_or_default())
    };
    let run = audit_to("json=report.fifo", &[]);
    // Unblock the reader when the run never opened the FIFO (without blocking when the
    // reader is already gone).
    std::thread::sleep(std::time::Duration::from_millis(100));
    let _ = std::os::unix::fs::OpenOptionsExt::custom_flags(
        std::fs::OpenOptions::new().write(true),
        libc::O_NONBLOCK,
    )
    .open(&handle);
    let read = reader.join().expect("reader");
    let still_fifo = std::os::unix::fs::FileTypeExt::is_fifo(
        &std::fs::symlink_metadata(&fifo).expect("fifo").file_type(),
    );
    suite.case(
        "--output onto a FIFO",
        &run,
        Box::new(move |run: &Run| match (run.code, still_fifo) {
            (2, true) if run.stderr.contains("FIFO") => Ok(()),
            (1 | 2, true) if serde_json::from_str::<Value>(&read).is_ok() => Ok(()),
            _ => Err(format!(
                "exit {}, still a FIFO: {still_fifo}, the reader got {} bytes",
                run.code,
                read.len()
            )),
        }),
    );

    // A symlink: the target gets the report, the link stays.
    let target = dir.join("target.json");
    std::fs::write(&target, "last run's report\n").expect("target");
    std::os::unix::fs::symlink("target.json", dir.join("link.json")).expect("symlink");
    let run = audit_to("json=link.json", &[]);
    let is_link = std::fs::symlink_metadata(dir.join("link.json"))
        .map(|m| m.file_type().is_symlink())
        .unwrap_or(false);
    let landed = std::fs::read_to_string(&target).unwrap_or_default();
    suite.case(
        "--output through a symlink",
        &run,
        Box::new(move |run: &Run| {
            match (
                run.code,
                is_link,
                serde_json::from_str::<Value>(&landed).is_ok(),
            ) {
                (1 | 2, true, true) => Ok(()),
                _ => Err(format!(
                    "exit {}, link kept: {is_link}, target now {:?}",
                    run.code,
                    landed.lines().next()
                )),
            }
        }),
    );

    // `/dev/stdout` names the run's own stdout: a pipe, or a log the shell appends to.
    let run = audit_to("markdown=/dev/stdout", &[]);
    suite.case(
        "--output onto /dev/stdout, a pipe",
        &run,
        Box::new(
            |run: &Run| match run.stdout.starts_with("## IAM security status") {
                true if !run.stderr.contains("cannot write") => Ok(()),
                _ => Err(format!("exit {}: the report is not on stdout", run.code)),
            },
        ),
    );
    let log = dir.join("audit.log");
    std::fs::write(&log, "an earlier line\n").expect("log");
    let mut command = support::offline_binary();
    command
        .current_dir(&dir)
        .args(["audit", "--from-authorization-details", world, "--checks"])
        .args(["no-admin-star-policies", "--output", "markdown=/dev/stdout"])
        .stdout(
            std::fs::OpenOptions::new()
                .append(true)
                .open(&log)
                .expect("log"),
        );
    let run = Run::of(command);
    let kept = std::fs::read_to_string(&log).unwrap_or_default();
    suite.case(
        "--output onto /dev/stdout, a log appended to",
        &run,
        Box::new(move |run: &Run| {
            match kept.starts_with("an earlier line\n## IAM security status") {
                true => Ok(()),
                false => Err(format!(
                    "exit {}: the log now {:?}",
                    run.code,
                    kept.lines().next()
                )),
            }
        }),
    );

    // The run's own input as its output.
    let before = std::fs::read_to_string(world).expect("world");
    let run = audit_to(&format!("json={world}"), &[]);
    let unchanged = std::fs::read_to_string(world).expect("world") == before;
    suite.case(
        "--output onto the authorization details it reads",
        &run,
        Box::new(move |run: &Run| match (run.code, unchanged) {
            (2, true) if run.stderr.contains("input") => Ok(()),
            _ => Err(format!("exit {}, input unchanged: {unchanged}", run.code)),
        }),
    );
    std::fs::write(dir.join("baseline.json"), {
        let run = offline_in(
            &dir,
            &[
                "--format",
                "json",
                "audit",
                "--from-authorization-details",
                world,
            ],
        );
        run.stdout
    })
    .expect("baseline");
    let before = std::fs::read_to_string(dir.join("baseline.json")).expect("baseline");
    let run = audit_to("json=./baseline.json", &["--baseline", "baseline.json"]);
    let unchanged = std::fs::read_to_string(dir.join("baseline.json")).expect("b") == before;
    suite.case(
        "--output onto the baseline it compares with",
        &run,
        Box::new(move |run: &Run| match (run.code, unchanged) {
            (2, true) if run.stderr.contains("input") => Ok(()),
            _ => Err(format!(
                "exit {}, baseline unchanged: {unchanged}",
                run.code
            )),
        }),
    );

    // Live: the fix's narration never lands inside a report on stdout.
    let server = support::fault::weak_server().await;
    for format in ["sarif", "junit"] {
        let run = server.cli(&["--format", format, "audit", "--fix", "--dry-run"]);
        let whole = match format {
            "sarif" => serde_json::from_str::<Value>(&run.stdout).is_ok(),
            _ => {
                let text = run.stdout.trim_end();
                text.starts_with("<?xml")
                    && (text.ends_with("</testsuite>") || text.ends_with("</testsuites>"))
            }
        };
        suite.case(
            &format!("audit --fix --format {format}"),
            &run,
            Box::new(move |run: &Run| match whole {
                true => Ok(()),
                false => Err(format!(
                    "exit {}: stdout is not only the {format} report",
                    run.code
                )),
            }),
        );
    }

    // A user and a role of one name.
    let iam = server.iam();
    support::seed::create_user(&iam, "ops").await.expect("user");
    iam.create_role()
        .role_name("ops")
        .assume_role_policy_document(
            trust(&format!("arn:aws:iam::{}:root", support::ACCOUNT_ID)).to_string(),
        )
        .send()
        .await
        .expect("role");
    suite.case(
        "explain --principal naming a user and a role",
        &server.cli(&["explain", "--principal", "ops"]),
        Box::new(|run: &Run| {
            let both = run.stderr.contains(":user/ops") && run.stderr.contains(":role/ops");
            match (run.code, both) {
                (2, true) => Ok(()),
                _ => Err(format!("exit {}, both ARNs named: {both}", run.code)),
            }
        }),
    );
    suite.finish();
}

/// A `credential_process` that hangs is ended with the run that gave up on it.
#[test]
fn a_hung_credential_process_does_not_outlive_the_run() {
    let dir = temp_dir("meaning-credential-process");
    let mut suite = Suite::new("meaning-credentials");
    let pid_file = dir.join("helper.pid");
    let helper = dir.join("helper.sh");
    std::fs::write(
        &helper,
        format!(
            "#!/bin/sh\necho $$ > {}\nexec sleep 120\n",
            pid_file.display()
        ),
    )
    .expect("helper");
    let made = Command::new("chmod")
        .arg("+x")
        .arg(&helper)
        .status()
        .expect("chmod");
    assert!(made.success());
    let config = dir.join("config");
    std::fs::write(
        &config,
        format!(
            "[profile hung]\ncredential_process = {}\nregion = us-east-1\n",
            helper.display()
        ),
    )
    .expect("config");
    let server = LocalIam::start();
    let mut command = binary();
    command
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", &config)
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .args([
            "--endpoint-url",
            &server.endpoint,
            "--profile",
            "hung",
            "audit",
        ]);
    let run = Run::of(command);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let pid = std::fs::read_to_string(&pid_file).unwrap_or_default();
    // Running, not a zombie waiting to be reaped by whoever inherited it.
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", pid.trim())).unwrap_or_default();
    let state = stat
        .rsplit_once(')')
        .and_then(|(_, rest)| rest.split_whitespace().next());
    let alive = !pid.trim().is_empty() && state.is_some_and(|s| s != "Z");
    if alive {
        let _ = Command::new("kill").arg(pid.trim()).status();
    }
    suite.case(
        "a credential_process that never answers",
        &run,
        Box::new(move |run: &Run| match (run.code, alive) {
            (2, false) => Ok(()),
            _ => Err(format!("exit {}, the helper still runs: {alive}", run.code)),
        }),
    );
    suite.finish();
}
