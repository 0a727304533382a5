//! Where findings go: ASFF for Security Hub and OCSF for SIEMs, each checked by its real
//! consumer (botocore's Security Hub model, the OCSF schema), and `audit --security-hub`
//! importing into the local server's Security Hub and archiving what was fixed.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;
use support::{ACCOUNT_ID, LocalIam, seed, temp_dir, validate_report};

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("json")
}

const WAIVE_BOT: &str = "[[waiver]]\ncheck = \"no-user-policies\"\nreason = \"bot, tracked in SEC-2\"\nexpires = 2099-01-01\nresources = [\"deploy-bot\"]\n";

/// ASFF findings by (check, resource ARN).
fn by_check_and_resource(findings: &Value) -> BTreeMap<(String, String), &Value> {
    findings
        .as_array()
        .expect("array")
        .iter()
        .map(|f| {
            let key = (
                f["GeneratorId"].as_str().expect("generator").to_string(),
                f["Resources"][0]["Id"]
                    .as_str()
                    .expect("resource")
                    .to_string(),
            );
            (key, f)
        })
        .collect()
}

#[tokio::test]
async fn asff_and_ocsf_pass_their_consumers_field_by_field() {
    let server = LocalIam::start();
    seed::weak_account(&server.iam()).await.expect("seed");
    let dir = temp_dir("export");
    let config = dir.join("waive.toml");
    std::fs::write(&config, WAIVE_BOT).expect("config");
    let (asff, ocsf, json) = (dir.join("a.json"), dir.join("o.json"), dir.join("r.json"));
    let outputs = [
        format!("asff={}", asff.display()),
        format!("ocsf={}", ocsf.display()),
        format!("json={}", json.display()),
    ];
    let mut args = vec!["--all", "--config", config.to_str().expect("utf-8")];
    for output in &outputs {
        args.extend(["--output", output.as_str()]);
    }
    let run = server.audit(&args);
    // access-analyzer and root-recent-use cannot be decided on the local server.
    assert_eq!(run.code, 2, "{}", run.stderr);
    validate_report("asff", &asff).unwrap_or_else(|e| panic!("asff: {e}"));
    validate_report("ocsf", &ocsf).unwrap_or_else(|e| panic!("ocsf: {e}"));

    let (asff, ocsf, report) = (read_json(&asff), read_json(&ocsf), read_json(&json));
    // One finding per failed resource, one for each check that passed or could not decide.
    let expected: usize = report["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|c| match c["status"].as_str() {
            Some("fail" | "waived") => c["findings"].as_array().expect("findings").len(),
            _ => 1,
        })
        .sum();
    let findings = asff.as_array().expect("array");
    assert_eq!(findings.len(), expected);
    let ids: BTreeSet<&str> = findings
        .iter()
        .map(|f| f["Id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids.len(), findings.len(), "ids are unique");
    let product =
        format!("arn:aws:securityhub:us-east-1:{ACCOUNT_ID}:product/{ACCOUNT_ID}/default");
    for finding in findings {
        assert_eq!(finding["AwsAccountId"], ACCOUNT_ID);
        assert_eq!(finding["ProductArn"], product.as_str());
        assert_eq!(finding["CreatedAt"], report["generated_at"]);
        assert_eq!(finding["RecordState"], "ACTIVE");
        assert_eq!(finding["Resources"][0]["Partition"], "aws");
    }

    let by_key = by_check_and_resource(&asff);
    let root = format!("arn:aws:iam::{ACCOUNT_ID}:root");
    let root_mfa = by_key[&("root-mfa".into(), root.clone())];
    assert_eq!(root_mfa["Compliance"]["Status"], "FAILED");
    assert_eq!(
        root_mfa["Compliance"]["RelatedRequirements"],
        serde_json::json!(["CIS AWS Foundations Benchmark v5.0.0/1.4"])
    );
    assert_eq!(root_mfa["Compliance"]["SecurityControlId"], "IAM.9");
    assert_eq!(root_mfa["Severity"]["Label"], "CRITICAL");
    assert_eq!(
        root_mfa["FindingProviderFields"]["Severity"]["Label"],
        "CRITICAL"
    );
    assert_eq!(root_mfa["Resources"][0]["Type"], "AwsAccount");
    assert_eq!(root_mfa["Workflow"]["Status"], "NEW");
    assert!(
        root_mfa["Types"][0]
            .as_str()
            .expect("type")
            .ends_with("/CIS AWS Foundations Benchmark")
    );
    assert!(
        root_mfa["Remediation"]["Recommendation"]["Text"]
            .as_str()
            .expect("text")
            .contains("iam-harden fix root-mfa")
    );
    let keys = by_key[&("root-access-keys".into(), root.clone())];
    assert_eq!(keys["Compliance"]["Status"], "PASSED");
    assert_eq!(keys["Severity"]["Label"], "INFORMATIONAL");
    let analyzer = by_key[&("access-analyzer".into(), root.clone())];
    assert_eq!(analyzer["Compliance"]["Status"], "WARNING");
    let alice = format!("arn:aws:iam::{ACCOUNT_ID}:user/alice");
    let bot = format!("arn:aws:iam::{ACCOUNT_ID}:user/deploy-bot");
    let alice_policies = by_key[&("no-user-policies".into(), alice)];
    assert_eq!(alice_policies["Resources"][0]["Type"], "AwsIamUser");
    assert_eq!(alice_policies["Compliance"]["Status"], "FAILED");
    assert_eq!(alice_policies["Workflow"]["Status"], "NEW");
    let waived = by_key[&("no-user-policies".into(), bot)];
    assert_eq!(waived["Compliance"]["Status"], "FAILED");
    assert_eq!(waived["Workflow"]["Status"], "SUPPRESSED");
    assert_eq!(
        waived["ProductFields"]["iam-harden/WaiverReason"],
        "bot, tracked in SEC-2"
    );

    // OCSF: the same findings under the same ids.
    let events = ocsf.as_array().expect("array");
    let uids: BTreeSet<&str> = events
        .iter()
        .map(|e| e["finding_info"]["uid"].as_str().expect("uid"))
        .collect();
    assert_eq!(uids, ids);
    let event = |id: &Value| {
        events
            .iter()
            .find(|e| e["finding_info"]["uid"] == *id)
            .expect("event")
    };
    let mfa = event(&root_mfa["Id"]);
    assert_eq!(mfa["compliance"]["status_id"], 3);
    assert_eq!(
        mfa["compliance"]["requirements"],
        serde_json::json!(["1.4"])
    );
    assert_eq!(mfa["severity_id"], 5);
    assert_eq!(mfa["cloud"]["account"]["uid"], ACCOUNT_ID);
    assert_eq!(mfa["resources"][0]["uid"], root.as_str());
    assert_eq!(event(&keys["Id"])["compliance"]["status_id"], 1);
    assert_eq!(event(&analyzer["Id"])["compliance"]["status_id"], 2);
    let suppressed = event(&waived["Id"]);
    assert_eq!(suppressed["status_id"], 3);
    assert_eq!(suppressed["compliance"]["status_id"], 3);
    assert_eq!(suppressed["unmapped"]["waiver"]["expires"], "2099-01-01");
    assert_eq!(
        mfa["metadata"]["product"]["version"],
        report["tool"]["version"]
    );

    // The ids follow the resources: a second run of the same account names them alike.
    let again = dir.join("again.json");
    let output = format!("asff={}", again.display());
    server.audit(&[
        "--all",
        "--config",
        config.to_str().expect("utf-8"),
        "--output",
        &output,
    ]);
    let again = read_json(&again);
    let again_ids: BTreeSet<&str> = again
        .as_array()
        .expect("array")
        .iter()
        .map(|f| f["Id"].as_str().expect("id"))
        .collect();
    assert_eq!(again_ids, ids);
}

/// Every finding the local Security Hub holds, by id.
async fn hub_findings(
    hub: &aws_sdk_securityhub::Client,
) -> BTreeMap<String, aws_sdk_securityhub::types::AwsSecurityFinding> {
    let mut found = BTreeMap::new();
    let mut token = None;
    loop {
        let page = hub
            .get_findings()
            .set_next_token(token)
            .send()
            .await
            .expect("GetFindings");
        for finding in page.findings() {
            found.insert(finding.id.clone().expect("id"), finding.clone());
        }
        match page.next_token() {
            Some(next) if !next.is_empty() => token = Some(next.to_string()),
            _ => return found,
        }
    }
}

fn ids_of(path: &Path) -> BTreeSet<String> {
    read_json(path)
        .as_array()
        .expect("array")
        .iter()
        .map(|f| f["Id"].as_str().expect("id").to_string())
        .collect()
}

/// Another provider's finding under the account's default product.
fn foreign_finding(product: &str) -> aws_sdk_securityhub::types::AwsSecurityFinding {
    use aws_sdk_securityhub::types::RecordState;
    aws_sdk_securityhub::types::AwsSecurityFinding::builder()
        .schema_version("2018-10-08")
        .id("other-tool/1")
        .product_arn(product)
        .generator_id("no-user-policies")
        .aws_account_id(ACCOUNT_ID)
        .created_at("2026-01-01T00:00:00Z")
        .updated_at("2026-01-01T00:00:00Z")
        .title("t")
        .description("d")
        .record_state(RecordState::Active)
        .resources(
            aws_sdk_securityhub::types::Resource::builder()
                .r#type("Other")
                .id("x")
                .build(),
        )
        .build()
}

#[tokio::test]
async fn security_hub_import_reads_back_and_archives_what_was_fixed() {
    use aws_sdk_securityhub::types::{ComplianceStatus, RecordState};

    let server = LocalIam::start();
    seed::weak_account(&server.iam()).await.expect("seed");
    let hub = support::security_hub_client(&server.endpoint);
    hub.enable_security_hub().send().await.expect("enable");
    // Another provider's finding under the same default product: never archived by us.
    let product =
        format!("arn:aws:securityhub:us-east-1:{ACCOUNT_ID}:product/{ACCOUNT_ID}/default");
    let foreign = foreign_finding(&product);
    hub.batch_import_findings()
        .findings(foreign)
        .send()
        .await
        .expect("import foreign");

    let dir = temp_dir("security-hub");
    let first = dir.join("first.json");
    let output = format!("asff={}", first.display());
    let run = server.audit(&["--all", "--security-hub", "--output", &output]);
    assert_eq!(
        run.code, 2,
        "access-analyzer cannot be decided here: {}",
        run.stderr
    );
    let first_ids = ids_of(&first);
    assert!(
        run.stderr.contains(&format!(
            "Security Hub (us-east-1): {} findings imported, 0 earlier ones archived",
            first_ids.len()
        )),
        "{}",
        run.stderr
    );
    let stored = Box::pin(hub_findings(&hub)).await;
    let ours: BTreeSet<String> = stored
        .keys()
        .filter(|id| id.starts_with("iam-harden/"))
        .cloned()
        .collect();
    assert_eq!(ours, first_ids, "read back: exactly what the run found");
    // Field by field for one finding, as Security Hub holds it.
    let written = by_check_and_resource(&read_json(&first))[&(
        "no-user-policies".into(),
        format!("arn:aws:iam::{ACCOUNT_ID}:user/alice"),
    )]
        .clone();
    let held = &stored[written["Id"].as_str().expect("id")];
    assert_eq!(held.generator_id.as_deref(), Some("no-user-policies"));
    assert_eq!(held.product_arn.as_deref(), Some(product.as_str()));
    assert_eq!(
        held.compliance.as_ref().and_then(|c| c.status.clone()),
        Some(ComplianceStatus::Failed)
    );
    assert_eq!(
        held.resources()[0].id(),
        written["Resources"][0]["Id"].as_str()
    );
    assert_eq!(held.title.as_deref(), written["Title"].as_str());
    let first_created = held.created_at.clone();

    // Fix: the users' own policies move to groups, so their findings disappear.
    let fix = server.cli(&["fix", "groups", "--yes"]);
    assert_eq!(fix.code, 0, "{}{}", fix.stdout, fix.stderr);
    let second = dir.join("second.json");
    let output = format!("asff={}", second.display());
    let run = server.audit(&["--all", "--security-hub", "--output", &output]);
    let second_ids = ids_of(&second);
    let gone: BTreeSet<&String> = first_ids.difference(&second_ids).collect();
    assert!(!gone.is_empty());
    assert!(
        run.stderr
            .contains(&format!("{} earlier ones archived", gone.len())),
        "{}",
        run.stderr
    );
    let stored = Box::pin(hub_findings(&hub)).await;
    assert!(gone.contains(&written["Id"].as_str().expect("id").to_string()));
    for id in &gone {
        assert_eq!(
            stored[*id].record_state,
            Some(RecordState::Archived),
            "{id}"
        );
    }
    for id in &second_ids {
        assert_eq!(stored[id].record_state, Some(RecordState::Active), "{id}");
    }
    assert_eq!(
        stored["other-tool/1"].record_state,
        Some(RecordState::Active)
    );
    // A finding seen in both runs keeps the time it was first seen.
    assert!(first_created.is_some());
    let root_mfa = by_check_and_resource(&read_json(&second))
        [&("root-mfa".into(), format!("arn:aws:iam::{ACCOUNT_ID}:root"))]
        .clone();
    let first_root_mfa = by_check_and_resource(&read_json(&first))
        [&("root-mfa".into(), format!("arn:aws:iam::{ACCOUNT_ID}:root"))]
        .clone();
    assert_eq!(
        stored[root_mfa["Id"].as_str().expect("id")]
            .created_at
            .as_deref(),
        first_root_mfa["CreatedAt"].as_str()
    );
}
