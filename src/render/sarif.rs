//! SARIF 2.1.0 as GitHub code scanning takes it: one rule per check, one result per finding
//! (waived ones carry a suppression) with a physical location naming its resource and a
//! fingerprint that follows it across runs. Checks in error become tool
//! notifications, and the invocation is marked unsuccessful.

use std::io::{self, Write};

use serde_json::{Value, json};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::common::Render;
use crate::checks::{Resource, ResourceType, Severity, Status};
use crate::report::{CheckResult, FindingResult, Report};
use crate::sweep::Sweep;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub struct Sarif;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

/// `Delete your root access keys` -> `DeleteYourRootAccessKeys`.
fn rule_name(title: &str) -> String {
    title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn rule(check: &CheckResult) -> Value {
    let (green_when, why) = (check.green_when, check.why);
    let mut tags = vec![
        "security".to_string(),
        "aws-iam".to_string(),
        format!("severity-{}", check.severity.as_str()),
    ];
    tags.extend(
        check
            .security_hub
            .iter()
            .map(|control| format!("security-hub-{control}")),
    );
    tags.extend(
        check
            .cis
            .iter()
            .map(|c| format!("cis-aws-foundations-v5.0.0-{c}")),
    );
    let fix = match &check.fix {
        Some(fix) => (format!(" To fix: {fix}"), format!("\n\nTo fix: `{fix}`")),
        None => (String::new(), String::new()),
    };
    json!({
        "id": check.id,
        "name": rule_name(check.title),
        "shortDescription": { "text": check.title },
        "fullDescription": { "text": format!("Green when {green_when}. {why}") },
        "help": {
            "text": format!("{why}{}", fix.0),
            "markdown": format!("{why}{}", fix.1),
        },
        "defaultConfiguration": { "level": level(check.severity) },
        "properties": {
            "security-severity": check.severity.score(),
            "tags": tags,
            "cis": check.cis,
            "securityHub": check.security_hub,
        },
    })
}

/// A stable relative URI naming the resource, as GitHub code scanning needs a physical
/// location: `aws/123456789012/iam/user/alice`.
fn resource_uri(account: &str, resource: &Resource) -> String {
    const KEEP: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    let kind = match resource.kind {
        ResourceType::AwsAccount => "account",
        ResourceType::AwsIamUser => "user",
        ResourceType::AwsIamGroup => "group",
        ResourceType::AwsIamRole => "role",
        ResourceType::AwsIamPolicy => "policy",
        ResourceType::AwsIamAccessKey => "access-key",
        ResourceType::Other => "other",
    };
    format!(
        "aws/{account}/iam/{kind}/{}",
        utf8_percent_encode(&resource.name, KEEP)
    )
}

fn result(account: &str, index: usize, check: &CheckResult, finding: &FindingResult) -> Value {
    let resource = &finding.finding.resource;
    let mut result = json!({
        "ruleId": check.id,
        "ruleIndex": index,
        "level": level(check.severity),
        "message": { "text": finding.finding.message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": resource_uri(account, resource) },
                "region": { "startLine": 1 },
            },
            "logicalLocations": [{
                "name": resource.name,
                "fullyQualifiedName": resource.arn,
                "kind": "resource",
            }],
        }],
        "partialFingerprints": {
            "iamHardenFinding/v2": crate::report::fingerprint(account, check.id, resource, finding.finding.route().as_deref()),
        },
        "properties": {
            "severity": check.severity.as_str(),
            "fix": check.fix,
            "resourceType": resource.kind,
            "facts": finding.finding.facts,
        },
    });
    // A path (privilege escalation): one step per hop, which GitHub shows as a code flow; a
    // path that holds only under open conditions is a warning, not an error.
    let hops = super::common::escalation_path(&finding.finding.facts);
    if !hops.is_empty() {
        result["codeFlows"] = json!([{ "threadFlows": [{ "locations": hops
            .iter()
            .enumerate()
            .map(|(order, hop)| thread_flow_location(account, order, hop))
            .collect::<Vec<_>>() }] }]);
        if finding.finding.facts.get("certainty") == Some(&json!("conditional")) {
            result["level"] = json!("warning");
        }
    }
    // Against a baseline: GitHub code scanning and the SARIF viewers show what is new.
    if let Some(state) = finding.baseline {
        result["baselineState"] = json!(state);
    }
    if let Some(waiver) = finding.waiver.as_ref().filter(|w| !w.expired) {
        result["suppressions"] = json!([{
            "kind": "external",
            "status": "accepted",
            "justification": format!("{} (until {})", waiver.reason, waiver.expires),
        }]);
    }
    result
}

/// One hop as a step of a code flow: located at the principal that takes it.
fn thread_flow_location(account: &str, order: usize, hop: &Value) -> Value {
    let from = super::common::hop_text(hop, "from");
    let kind = super::common::principal_type(from).unwrap_or(ResourceType::AwsIamUser);
    let name = iam_analysis::privesc::last_segment(from);
    json!({
        "executionOrder": order + 1,
        "location": {
            "physicalLocation": {
                "artifactLocation": { "uri": resource_uri(account, &Resource::new(kind, from, name)) },
                "region": { "startLine": 1 },
            },
            "logicalLocations": [{ "name": name, "fullyQualifiedName": from, "kind": "resource" }],
            "message": { "text": super::common::hop_text(hop, "step") },
        },
    })
}

impl Render for Sarif {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        document(vec![run(report)], out)
    }

    /// One run per account, each with its own `automationDetails.id`; an account that
    /// could not be read is a run whose invocation failed, saying why.
    fn render_sweep(&self, sweep: &Sweep, out: &mut dyn Write) -> io::Result<()> {
        let mut runs: Vec<Value> = sweep.accounts.iter().map(run).collect();
        runs.extend(sweep.errors.iter().map(|error| {
            json!({
                "tool": { "driver": driver(&sweep.tool, Vec::new()) },
                "automationDetails": { "id": format!("iam-harden/{}/", error.account) },
                "invocations": [{
                    "executionSuccessful": false,
                    "toolExecutionNotifications": [{
                        "level": "error",
                        "message": {
                            "text": format!("account {}: {}", error.account, error.error),
                        },
                    }],
                }],
                "results": [],
                "properties": { "account": { "id": error.account } },
            })
        }));
        document(runs, out)
    }
}

fn document(runs: Vec<Value>, out: &mut dyn Write) -> io::Result<()> {
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": runs,
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn driver(tool: &crate::report::Tool, rules: Vec<Value>) -> Value {
    json!({
        "name": tool.name,
        "fullName": format!("{} {}", tool.name, tool.version),
        "version": tool.version,
        "semanticVersion": tool.version,
        "informationUri": env!("CARGO_PKG_HOMEPAGE"),
        "rules": rules,
    })
}

/// One account's run: its rules, results and notifications.
fn run(report: &Report) -> Value {
    let account = report
        .account
        .id
        .clone()
        .unwrap_or_else(|| "unknown".into());
    let rules: Vec<Value> = report.checks.iter().map(rule).collect();
    let mut results = Vec::new();
    let mut notifications: Vec<Value> = report
        .account
        .errors
        .iter()
        .map(|e| json!({ "level": "error", "message": { "text": e } }))
        .collect();
    for (index, check) in report.checks.iter().enumerate() {
        match check.status {
            Status::Pass => {}
            Status::Error => notifications.push(json!({
                "level": "error",
                "message": { "text": format!("{}: {}", check.id, check.reason) },
                "associatedRule": { "id": check.id, "index": index },
            })),
            // One result per finding: an alert opens and closes with its resource.
            Status::Fail | Status::Waived => results.extend(
                check
                    .findings
                    .iter()
                    .map(|finding| result(&account, index, check, finding)),
            ),
        }
    }
    json!({
        "tool": { "driver": driver(&report.tool, rules) },
        // Several accounts' uploads stand side by side in code scanning.
        "automationDetails": { "id": format!("iam-harden/{account}/") },
        "invocations": [{
            "executionSuccessful": notifications.is_empty(),
            "toolExecutionNotifications": notifications,
        }],
        "results": results,
        "properties": {
            "account": {
                "id": report.account.id,
                "alias": report.account.alias,
                "signInUrl": report.account.sign_in_url,
            },
            "summary": report.summary,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(
            rule_name("Delete your root access keys"),
            "DeleteYourRootAccessKeys"
        );
        assert_eq!(
            rule_name("Apply an IAM password policy"),
            "ApplyAnIAMPasswordPolicy"
        );
    }
}
