//! AWS Security Finding Format (ASFF 2018-10-08), as `BatchImportFindings` takes it: one
//! finding per row of `rows` (failed resources, and the account for checks that passed or
//! could not decide), under the account's default product. `audit --security-hub` imports
//! the same values.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::common::{Render, json_array};
use super::rows::{Row, Verdict, account_id, rows};
use crate::report::{CheckResult, Report};
use crate::sweep::Sweep;

pub const SCHEMA_VERSION: &str = "2018-10-08";
pub use super::rows::ID_PREFIX;
/// ASFF's limits on free text.
const TITLE_MAX: usize = 256;
const DESCRIPTION_MAX: usize = 1024;
const RECOMMENDATION_MAX: usize = 512;
/// A ProductFields value holds at most this many characters.
const PRODUCT_FIELD_MAX: usize = 2048;

pub struct Asff;

impl Render for Asff {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        json_array(findings(report), out)
    }

    /// The findings of every account read, in one array.
    fn render_sweep(&self, sweep: &Sweep, out: &mut dyn Write) -> io::Result<()> {
        json_array(sweep.accounts.iter().flat_map(findings), out)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Finding {
    pub schema_version: &'static str,
    pub id: String,
    pub product_arn: String,
    pub product_name: &'static str,
    pub company_name: &'static str,
    pub generator_id: String,
    pub aws_account_id: String,
    pub types: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
    pub severity: Severity,
    pub title: String,
    pub description: String,
    pub remediation: Remediation,
    pub product_fields: BTreeMap<String, String>,
    pub resources: Vec<Resource>,
    pub compliance: Compliance,
    pub workflow: Workflow,
    pub record_state: &'static str,
    /// Security Hub takes Severity and Types from here when a finding is updated.
    pub finding_provider_fields: FindingProviderFields,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Severity {
    pub label: &'static str,
    pub original: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Remediation {
    pub recommendation: Recommendation,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Recommendation {
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Resource {
    #[serde(rename = "Type")]
    pub kind: String,
    pub id: String,
    pub partition: String,
    pub region: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Compliance {
    pub status: &'static str,
    pub related_requirements: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security_control_id: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Workflow {
    pub status: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct FindingProviderFields {
    pub severity: Severity,
    pub types: Vec<String>,
}

/// The default product of an account's Security Hub in a region: where an account's own
/// findings go.
pub fn product_arn(partition: &str, region: &str, account: &str) -> String {
    format!("arn:{partition}:securityhub:{region}:{account}:product/{account}/default")
}

pub fn findings(report: &Report) -> Vec<Finding> {
    rows(report)
        .iter()
        .map(|row| finding(report, row))
        .collect()
}

fn finding(report: &Report, row: &Row) -> Finding {
    let account = account_id(report);
    let partition = &report.account.partition;
    let check = row.check;
    let path = row
        .facts
        .map(super::common::escalation_path)
        .filter(|p| !p.is_empty());
    let types = types_of(check, path.is_some());
    let severity = Severity {
        // A passing control is informational, as Security Hub's own control findings are.
        label: match row.verdict {
            Verdict::Passed => "INFORMATIONAL",
            _ => check.severity.as_str_upper(),
        },
        original: check.severity.as_str(),
    };
    let product_fields = product_fields_of(report, row, path);
    let resources = resources_of(report, row, path);
    let recommendation = match &check.fix {
        Some(fix) => format!("Run `{fix}`; `iam-harden explain {}` says why.", check.id),
        None => format!(
            "No automatic fix: `iam-harden explain {}` says what to do.",
            check.id
        ),
    };
    Finding {
        schema_version: SCHEMA_VERSION,
        id: row.finding_id(account),
        product_arn: product_arn(partition, &report.region, account),
        product_name: "iam-harden",
        company_name: "iam-harden",
        generator_id: check.id.to_string(),
        aws_account_id: account.to_string(),
        types: types.clone(),
        created_at: report.generated_at.clone(),
        updated_at: report.generated_at.clone(),
        severity: severity.clone(),
        title: clip(check.title, TITLE_MAX),
        description: clip(
            &format!(
                "{}. Green when {}. {}",
                row.message, check.green_when, check.why
            ),
            DESCRIPTION_MAX,
        ),
        remediation: Remediation {
            recommendation: Recommendation {
                text: clip(&recommendation, RECOMMENDATION_MAX),
            },
        },
        product_fields,
        resources,
        compliance: Compliance {
            status: match row.verdict {
                Verdict::Passed => "PASSED",
                Verdict::Failed => "FAILED",
                Verdict::Undecided => "WARNING",
            },
            related_requirements: check
                .cis
                .iter()
                .map(|c| format!("CIS AWS Foundations Benchmark v5.0.0/{c}"))
                .collect(),
            security_control_id: check.security_hub.first().copied(),
        },
        workflow: Workflow {
            status: if row.waiver.is_some() {
                "SUPPRESSED"
            } else {
                "NEW"
            },
        },
        record_state: "ACTIVE",
        finding_provider_fields: FindingProviderFields { severity, types },
    }
}

/// The finding's types: the CIS benchmark's or AWS best practice, and privilege escalation
/// for a path.
fn types_of(check: &CheckResult, escalation: bool) -> Vec<String> {
    let mut types = vec![
        if check.cis.is_empty() {
            "Software and Configuration Checks/AWS Security Best Practices"
        } else {
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"
        }
        .to_string(),
    ];
    if escalation {
        types.push("TTPs/Privilege Escalation".to_string());
    }
    types
}

/// The tool's own fields: who made the finding, for which check and resource, its baseline
/// state, an escalation's steps and certainty, a waiver's reason and expiry.
fn product_fields_of(
    report: &Report,
    row: &Row,
    path: Option<&[serde_json::Value]>,
) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::from([
        ("ProviderName".to_string(), "iam-harden".to_string()),
        (
            "ProviderVersion".to_string(),
            report.tool.version.to_string(),
        ),
        ("iam-harden/Check".to_string(), row.check.id.to_string()),
        (
            "iam-harden/ResourceName".to_string(),
            row.resource.name.clone(),
        ),
    ]);
    if let Some(state) = row.baseline {
        fields.insert("iam-harden/Baseline".into(), state.as_str().to_string());
    }
    if let Some(path) = path {
        let steps: Vec<&str> = path
            .iter()
            .map(|hop| super::common::hop_text(hop, "step"))
            .collect();
        fields.insert(
            "iam-harden/Path".into(),
            clip(&steps.join("; "), PRODUCT_FIELD_MAX),
        );
        if let Some(certainty) = row
            .facts
            .and_then(|f| f.get("certainty"))
            .and_then(|c| c.as_str())
        {
            fields.insert("iam-harden/Certainty".into(), certainty.to_string());
        }
    }
    if let Some(waiver) = row.waiver {
        fields.insert(
            "iam-harden/WaiverReason".into(),
            waiver.reason.raw().to_string(),
        );
        fields.insert("iam-harden/WaiverExpires".into(), waiver.expires.clone());
    }
    fields
}

/// The resource the finding is about, and for an escalation every existing principal on
/// its path (one the attacker would create has no ARN yet).
fn resources_of(report: &Report, row: &Row, path: Option<&[serde_json::Value]>) -> Vec<Resource> {
    let partition = &report.account.partition;
    let mut resources = vec![Resource {
        kind: row.resource.kind.as_str().to_string(),
        id: row.resource.arn.clone(),
        partition: partition.clone(),
        region: report.region.clone(),
    }];
    for hop in path.into_iter().flatten() {
        let to = super::common::hop_text(hop, "to");
        let Some(kind) = super::common::principal_type(to) else {
            continue;
        };
        if to.ends_with("(new)") || resources.iter().any(|r| r.id == to) {
            continue;
        }
        resources.push(Resource {
            kind: kind.as_str().to_string(),
            id: to.to_string(),
            partition: partition.clone(),
            region: report.region.clone(),
        });
    }
    resources
}

/// At most `max` characters, cut at a character boundary with an ellipsis.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut clipped: String = text.chars().take(max - 1).collect();
    clipped.push('…');
    clipped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_clipped_to_the_limit() {
        let long = "é".repeat(2000);
        let clipped = clip(&long, DESCRIPTION_MAX);
        assert_eq!(clipped.chars().count(), DESCRIPTION_MAX);
        assert!(clipped.ends_with('…'));
        assert_eq!(clip("short", 10), "short");
    }

    #[test]
    fn the_default_product_is_the_accounts_own() {
        assert_eq!(
            product_arn("aws", "eu-west-1", "123456789012"),
            "arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default"
        );
    }
}
