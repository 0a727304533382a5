//! The invariants a security gate keeps, on generated accounts (`support::world`): more
//! rights never make a verdict greener, fewer never name anyone worse, a baseline gate sees
//! every added weakness, every administrator is named by a check, and a dump of an account
//! judged offline gives the live audit's verdicts. proptest shrinks a failure to the smallest
//! world and keeps its seed in `tests/proptest-regressions/` as a regression case.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, FileFailurePersistence};
use serde_json::Value;
use support::world::{ACCOUNT, Holds, Model, Stmt, Target, Who, Widen, strategy};
use support::{LocalIam, Run, binary, repo_root};

/// Every check an authorization details file decides.
const CHECKS: &str = "public-role-trust,groups,no-user-policies,no-admin-star-policies,\
no-admin-inline-policies,support-role,cloudshell-full-access,privilege-escalation";

/// The checks judged on rights, which the monotonic properties hold for. `groups` and
/// `no-user-policies` judge how rights are organised: attaching a policy to a group is their
/// fix, and a Deny in a new inline policy of a user their finding.
const RIGHTS: [&str; 4] = [
    "public-role-trust",
    "no-admin-star-policies",
    "no-admin-inline-policies",
    "privilege-escalation",
];

fn config(cases: u32) -> Config {
    Config {
        cases,
        // Relative to the crate (where cargo runs tests): kept and replayed first.
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/proptest-regressions/invariants.txt",
        ))),
        ..Config::default()
    }
}

/// A directory of its own per property (cases of one property run one after the other).
fn workdir(name: &str) -> PathBuf {
    let dir = repo_root().join("target/invariants").join(name);
    std::fs::create_dir_all(&dir).expect("work dir");
    dir
}

/// `audit --from-authorization-details` of `model`, its JSON report kept as `NAME.report`.
fn audit(dir: &Path, model: &Model, name: &str, now: &str, extra: &[&str]) -> (Run, Value) {
    let world = model.world().write(dir, &format!("{name}.json"));
    let mut command = support::offline_binary();
    command
        .current_dir(dir)
        .args(["--format", "json", "audit", "--from-authorization-details"])
        .arg(&world)
        .args(["--checks", CHECKS, "--now", now])
        .args(extra);
    let run = Run::of(command);
    std::fs::write(dir.join(format!("{name}.report")), &run.stdout).expect("keep the report");
    let report = serde_json::from_str(&run.stdout).unwrap_or(Value::Null);
    (run, report)
}

fn rank(severity: &str) -> u8 {
    match severity {
        "critical" => 4,
        "high" => 3,
        "medium" => 2,
        "low" => 1,
        _ => 0,
    }
}

fn checks(report: &Value) -> impl Iterator<Item = &Value> {
    report["checks"].as_array().into_iter().flatten()
}

fn statuses(report: &Value) -> BTreeMap<String, String> {
    checks(report)
        .map(|c| {
            (
                c["id"].as_str().unwrap_or_default().to_string(),
                c["status"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The users, roles and groups of the account an ARN-bearing text names.
fn arns_in(text: &str) -> BTreeSet<String> {
    let prefix = format!("arn:aws:iam::{ACCOUNT}:");
    let mut found = BTreeSet::new();
    for (at, _) in text.match_indices(&prefix) {
        let rest = &text[at + prefix.len()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '/' || c == '-'))
            .unwrap_or(rest.len());
        let name = &rest[..end];
        let kind_and_name = name.split_once('/').filter(|(_, n)| !n.is_empty());
        if kind_and_name.is_some_and(|(kind, _)| ["user", "role", "group"].contains(&kind)) {
            found.insert(format!("{prefix}{name}"));
        }
    }
    found
}

/// Whom a finding is about (not what it merely mentions, such as a path's targets): its
/// resource, and the holders and principals an admin policy is attached to.
fn subjects(finding: &Value) -> BTreeSet<String> {
    let mut text = finding["resource"]["arn"].to_string();
    text.push_str(&finding["facts"]["holders"].to_string());
    for attached in finding["facts"]["attached_to"]
        .as_array()
        .into_iter()
        .flatten()
    {
        if let Some((kind, name)) = attached.as_str().and_then(|a| a.split_once(' ')) {
            text.push_str(&support::world::arn(kind, name));
            text.push(' ');
        }
    }
    arns_in(&text)
}

/// Who the report names, at the highest severity a failing check of `only` names each: any
/// user, role or group in a finding, and a group's members with it.
fn named(report: &Value, model: &Model, only: Option<&[&str]>) -> BTreeMap<String, u8> {
    let mut named: BTreeMap<String, u8> = BTreeMap::new();
    let world = model.world().json();
    for check in checks(report).filter(|c| c["status"] == "fail") {
        let id = check["id"].as_str().unwrap_or_default();
        if only.is_some_and(|only| !only.contains(&id)) {
            continue;
        }
        let severity = rank(check["severity"].as_str().unwrap_or_default());
        for finding in check["findings"].as_array().into_iter().flatten() {
            let mut arns = subjects(finding);
            for user in world["UserDetailList"].as_array().into_iter().flatten() {
                let member = user["GroupList"].as_array().into_iter().flatten().any(|g| {
                    arns.contains(&support::world::arn(
                        "group",
                        g.as_str().unwrap_or_default(),
                    ))
                });
                if member {
                    arns.insert(user["Arn"].as_str().unwrap_or_default().to_string());
                }
            }
            for arn in arns {
                let slot = named.entry(arn).or_default();
                *slot = (*slot).max(severity);
            }
        }
    }
    named
}

/// Escalating principals whose path is definite.
fn definite(report: &Value) -> BTreeSet<String> {
    escalations(report)
        .filter(|f| f["facts"]["certainty"] == "definite")
        .map(|f| {
            f["resource"]["arn"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

fn escalations(report: &Value) -> impl Iterator<Item = &Value> {
    checks(report)
        .filter(|c| c["id"] == "privilege-escalation")
        .flat_map(|c| c["findings"].as_array().into_iter().flatten())
}

/// One definition of administrator: whoever privilege-escalation reaches as an
/// administrator is named by some check at high severity or above.
fn administrators_named(report: &Value, model: &Model) -> Result<(), String> {
    let named = named(report, model, None);
    for finding in escalations(report) {
        // Only a path that ends at an administrator names one; a path that makes its end an
        // administrator (itself, another principal, a new one) names none.
        let Some(admin) = finding["facts"]["existing_admin"].as_str() else {
            continue;
        };
        if named.get(admin).copied().unwrap_or(0) < rank("high") {
            return Err(format!("administrator {admin} is named by no high check"));
        }
    }
    Ok(())
}

fn decided(run: &Run, report: &Value) -> Result<(), TestCaseError> {
    prop_assert!(
        report.is_object() && run.code != 101,
        "no report (exit {}): {}",
        run.code,
        run.stderr
    );
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    /// Monotonic risk: an added Allow, membership, trust or attachment never turns a check
    /// from orange to green, never makes a definite path conditional, and never stops naming
    /// a principal unless it is then named at the same or a higher severity.
    #[test]
    fn more_rights_never_make_it_greener(model in strategy::model(true), change in strategy::widen()) {
        let Some(wider) = model.widened(&change) else { return Ok(()) };
        prop_assume!(wider.world().json() != model.world().json());
        let dir = workdir("widen");
        let (run, before) = audit(&dir, &model, "before", "2026-01-01", &[]);
        decided(&run, &before)?;
        let (run, after) = audit(&dir, &wider, "after", "2026-01-01", &[]);
        decided(&run, &after)?;
        // A check may turn green only when every principal it named moved to another check
        // at the same or a higher severity (an escalating principal became an administrator).
        let after_status = statuses(&after);
        let named_after = named(&after, &wider, Some(&RIGHTS));
        for (id, status) in statuses(&before).into_iter().filter(|(id, _)| RIGHTS.contains(&id.as_str())) {
            if status == "fail" && after_status.get(&id).map(String::as_str) == Some("pass") {
                let moved = named(&before, &model, Some(&[id.as_str()]));
                prop_assert!(!moved.is_empty(), "{} turned green", id);
                for (arn, severity) in moved {
                    let now = named_after.get(&arn).copied().unwrap_or(0);
                    prop_assert!(now >= severity, "{} turned green and {} is named at {} only", id, arn, now);
                }
            }
        }
        for (arn, severity) in named(&before, &model, Some(&RIGHTS)) {
            let now = named_after.get(&arn).copied().unwrap_or(0);
            prop_assert!(now >= severity, "{} named at {} before, {} after", arn, severity, now);
        }
        let still_escalating: BTreeSet<String> = escalations(&after)
            .map(|f| f["resource"]["arn"].as_str().unwrap_or_default().to_string())
            .collect();
        let definite_after = definite(&after);
        for arn in definite(&before) {
            if still_escalating.contains(&arn) {
                prop_assert!(definite_after.contains(&arn), "{}'s definite path became conditional", arn);
            }
        }
        administrators_named(&before, &model).map_err(TestCaseError::fail)?;
        administrators_named(&after, &wider).map_err(TestCaseError::fail)?;
    }

    /// An added Deny or boundary never names a principal worse on the checks judged on
    /// rights.
    #[test]
    fn fewer_rights_never_name_anyone_worse(model in strategy::model(true), change in strategy::narrow()) {
        let Some(narrower) = model.narrowed(&change) else { return Ok(()) };
        let dir = workdir("narrow");
        let (run, before) = audit(&dir, &model, "before", "2026-01-01", &[]);
        decided(&run, &before)?;
        let (run, after) = audit(&dir, &narrower, "after", "2026-01-01", &[]);
        decided(&run, &after)?;
        let named_before = named(&before, &model, Some(&RIGHTS));
        for (arn, severity) in named(&after, &narrower, Some(&RIGHTS)) {
            let was = named_before.get(&arn).copied().unwrap_or(0);
            prop_assert!(severity <= was, "{} named at {} after, {} before", arn, severity, was);
        }
        administrators_named(&after, &narrower).map_err(TestCaseError::fail)?;
    }

    /// Gate soundness: an administrator's rights given to someone (an `*` Allow, the
    /// AdministratorAccess policy, or membership of a group that holds it) make `audit
    /// --baseline` mark a high finding new, and `diff` exit 1 at --fail-on high.
    #[test]
    fn the_gate_sees_every_added_administrator(
        model in strategy::model(true),
        who in strategy::who(),
        how in 0..3usize,
    ) {
        let mut model = model;
        let change = match how {
            0 => Widen::Allow(who, Stmt { allow: true, not_action: false, actions: vec![0], target: Target::Any, not_resource: false, condition: None }),
            1 => Widen::Attach(who, Holds::AdministratorAccess),
            _ => {
                // The group holds the policy in both worlds; only the membership is new (of
                // a user nothing caps).
                let (Who::User(user) | Who::Group(user) | Who::Role(user)) = who;
                prop_assume!(!model.user_may_be_capped(user));
                let Some(group) = model.groups.first_mut() else { return Ok(()) };
                group.attached.push(Holds::AdministratorAccess);
                Widen::Join(user, 0)
            }
        };
        let Some(weaker) = model.widened(&change) else { return Ok(()) };
        prop_assume!(weaker.world().json() != model.world().json());
        let dir = workdir("gate");
        let (run, old) = audit(&dir, &model, "old", "2026-01-01", &[]);
        decided(&run, &old)?;
        if how == 2 {
            let (Who::User(user) | Who::Group(user) | Who::Role(user)) = who;
            // A weakness only when the user was no administrator already.
            let arn = support::world::arn("user", &Model::user_name(user % model.users.len()));
            let already = named(&old, &model, None).get(&arn).copied().unwrap_or(0);
            prop_assume!(already < rank("high"));
        }
        let (run, new) = audit(&dir, &weaker, "new", "2026-01-02", &["--baseline", "old.report", "--fail-on", "high"]);
        decided(&run, &new)?;
        prop_assert_ne!(run.code, 0, "the gate passed");
        let marked_new = checks(&new)
            .filter(|c| rank(c["severity"].as_str().unwrap_or_default()) >= rank("high"))
            .flat_map(|c| c["findings"].as_array().into_iter().flatten())
            .any(|f| f["baseline"] == "new");
        prop_assert!(marked_new, "no high finding marked new");
        let mut command = binary();
        command.current_dir(&dir).args(["--format", "json", "diff", "old.report", "new.report", "--fail-on", "high"]);
        let diff = Run::of(command);
        prop_assert_eq!(diff.code, 1, "diff disagrees: {}", diff.stderr);
    }
}

/// Offline equals live: a world held by the local server, dumped as the AWS CLI dumps it
/// (botocore's paginator), gives the live audit's verdicts and findings for every check the
/// file decides; the file's escalations include the live ones (without the credential report
/// a path through another user's keys stays open, never dropped: offline fails where live
/// passes only on such open paths).
#[test]
fn a_dump_judged_offline_gives_the_live_verdicts() {
    let server = LocalIam::start();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = workdir("offline-live");
    let mut runner = proptest::test_runner::TestRunner::new(config(10));
    let result = runner.run(&strategy::model(false), |model| {
        server.control("/moto-api/reset", "");
        runtime
            .block_on(support::world::seed(&server.iam(), &model))
            .map_err(|e| TestCaseError::fail(format!("seed: {e:#}")))?;
        let dump = dir.join("dump.json");
        let status = std::process::Command::new(repo_root().join(".venv/bin/python"))
            .arg(repo_root().join("tests/support/dump_authorization_details.py"))
            .arg(&server.endpoint)
            .arg(&dump)
            .status()
            .expect("dump");
        prop_assert!(status.success());
        let live = server.cli(&["--format", "json", "audit", "--checks", CHECKS]);
        let mut command = binary();
        command
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .args(["--format", "json", "audit", "--from-authorization-details"])
            .arg(&dump)
            .args(["--checks", CHECKS]);
        let offline = Run::of(command);
        let (live, offline) = (live.json(), offline.json());
        for id in CHECKS.split(',') {
            let (l, o) = (support::check(&live, id), support::check(&offline, id));
            // Without the credential report, a path through another user's keys or
            // password is open: offline it may fail on such paths alone where live passes.
            let open_on_the_report = |c: &Value| {
                c["findings"].as_array().into_iter().flatten().all(|f| {
                    f["facts"]["certainty"] == "conditional"
                        && f["facts"]["conditions"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .any(|k| k["policy"] == "the credential report")
                })
            };
            if id == "privilege-escalation" && l["status"] == "pass" && open_on_the_report(o) {
                continue;
            }
            prop_assert_eq!(
                &l["status"],
                &o["status"],
                "{}: {} / {}",
                id,
                l["reason"],
                o["reason"]
            );
            let resources = |c: &Value| -> BTreeSet<String> {
                c["findings"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|f| f["resource"]["arn"].to_string())
                    .collect()
            };
            if id == "privilege-escalation" {
                prop_assert!(
                    resources(l).is_subset(&resources(o)),
                    "{}: live {:?}, offline {:?}",
                    id,
                    resources(l),
                    resources(o)
                );
            } else {
                let findings = |c: &Value| -> BTreeSet<String> {
                    c["findings"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|f| format!("{} {}", f["resource"], f["message"]))
                        .collect()
                };
                prop_assert_eq!(findings(l), findings(o), "{}", id);
            }
        }
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
}

/// Every generated world parses, and the generator reaches the shapes that matter: NotAction,
/// conditions, Denies, boundaries, stored versions, trusts of users and roles.
#[test]
fn the_generator_reaches_every_shape() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut seen = BTreeSet::new();
    for _ in 0..300 {
        let model = strategy::model(true)
            .new_tree(&mut runner)
            .expect("a world")
            .current();
        let text = model.world().json().to_string();
        for shape in [
            "NotAction",
            "Condition",
            "\"Deny\"",
            "PermissionsBoundary",
            "\"v2\"",
            ":user/u",
            "NotResource",
            "AdministratorAccess",
        ] {
            if text.contains(shape) {
                seen.insert(shape);
            }
        }
    }
    assert_eq!(seen.len(), 8, "shapes reached: {seen:?}");
}
