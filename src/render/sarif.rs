//! SARIF 2.1.0: one rule per check, one result per orange item (waived ones carry a
//! suppression), the account as the logical location. Checks in error become tool
//! notifications, and the invocation is marked unsuccessful.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::Render;
use crate::checks::{self, Severity, Status};
use crate::report::{CheckResult, Report};

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
    let definition = checks::by_id(check.id);
    let green_when = definition.map_or("", |d| d.green_when);
    let why = definition.map_or("", |d| d.why);
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

fn message(check: &CheckResult) -> String {
    let mut text = check.reason.clone();
    for line in &check.details {
        text.push_str(&format!("\n- {line}"));
    }
    text
}

impl Render for Sarif {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let account = report
            .account
            .id
            .clone()
            .unwrap_or_else(|| "unknown".into());
        let location = json!({
            "logicalLocations": [{
                "name": account,
                "fullyQualifiedName": format!("aws:account/{account}"),
                "kind": "resource",
            }]
        });
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
                Status::Fail | Status::Waived => {
                    let mut result = json!({
                        "ruleId": check.id,
                        "ruleIndex": index,
                        "level": level(check.severity),
                        "message": { "text": message(check) },
                        "locations": [location.clone()],
                        "partialFingerprints": {
                            "iamHardenFinding/v1": format!("{account}/{}", check.id),
                        },
                        "properties": {
                            "severity": check.severity.as_str(),
                            "fix": check.fix,
                        },
                    });
                    if let (Status::Waived, Some(waiver)) = (check.status, &check.waiver) {
                        result["suppressions"] = json!([{
                            "kind": "external",
                            "status": "accepted",
                            "justification": format!("{} (until {})", waiver.reason, waiver.expires),
                        }]);
                    }
                    results.push(result);
                }
            }
        }
        let log = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": report.tool.name,
                        "version": report.tool.version,
                        "rules": rules,
                    }
                },
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
            }],
        });
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
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
