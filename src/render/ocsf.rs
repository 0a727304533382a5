//! OCSF 1.8.0 Compliance Finding events (class 2003, `cloud` profile), a JSON array with one
//! event per row of `rows`, for SIEMs and security data lakes that speak OCSF. The finding
//! uid is the ASFF `Id`, so the two formats name the same finding alike.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::common::{Render, json_array};
use super::rows::{Row, Verdict, account_id, rows};
use crate::checks::Severity;
use crate::report::Report;
use crate::sweep::Sweep;

/// The OCSF schema version the events follow (tests validate against its vendored schema).
pub const OCSF_VERSION: &str = "1.8.0";
const CLASS_UID: u32 = 2003;
const CATEGORY_UID: u32 = 2;
/// Every event reports a finding as created: the tool keeps no state between runs.
const ACTIVITY_CREATE: u32 = 1;
const CIS: &str = "CIS AWS Foundations Benchmark v5.0.0";

pub struct Ocsf;

impl Render for Ocsf {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        json_array(events(report), out)
    }

    /// The events of every account read, in one array.
    fn render_sweep(&self, sweep: &Sweep, out: &mut dyn Write) -> io::Result<()> {
        json_array(sweep.accounts.iter().flat_map(events), out)
    }
}

fn events(report: &Report) -> Vec<Value> {
    let time = millis(&report.generated_at);
    rows(report)
        .iter()
        .map(|row| event(report, row, time))
        .collect()
}

/// OCSF timestamps are milliseconds since the epoch.
fn millis(rfc3339: &str) -> i64 {
    crate::report::parse_rfc3339(rfc3339)
        .map(|t| (t.unix_timestamp_nanos() / 1_000_000) as i64)
        .unwrap_or_default()
}

fn severity(row: &Row) -> (u32, &'static str) {
    if row.verdict == Verdict::Passed {
        return (1, "Informational");
    }
    match row.check.severity {
        Severity::Low => (2, "Low"),
        Severity::Medium => (3, "Medium"),
        Severity::High => (4, "High"),
        Severity::Critical => (5, "Critical"),
    }
}

fn event(report: &Report, row: &Row, time: i64) -> Value {
    let account = account_id(report);
    let check = row.check;
    let (compliance_id, compliance) = match row.verdict {
        Verdict::Passed => (1, "Pass"),
        // OCSF: "did not yield a result due to missing information".
        Verdict::Undecided => (2, "Warning"),
        Verdict::Failed => (3, "Fail"),
    };
    let (status_id, status) = match row.waiver {
        Some(_) => (3, "Suppressed"),
        None => (1, "New"),
    };
    let (severity_id, severity) = severity(row);
    let mut compliance_object = json!({
        "control": check.title,
        "status_id": compliance_id,
        "status": compliance,
        "checks": [{
            "uid": check.id,
            "name": check.title,
            "status_id": compliance_id,
            "status": compliance,
        }],
    });
    if !check.cis.is_empty() {
        compliance_object["standards"] = json!([CIS]);
        compliance_object["requirements"] = json!(check.cis);
    }
    if row.verdict == Verdict::Undecided {
        compliance_object["status_details"] = json!([row.message]);
    }
    let mut event = json!({
        "activity_id": ACTIVITY_CREATE,
        "activity_name": "Create",
        "category_uid": CATEGORY_UID,
        "category_name": "Findings",
        "class_uid": CLASS_UID,
        "class_name": "Compliance Finding",
        "type_uid": CLASS_UID * 100 + ACTIVITY_CREATE,
        "type_name": "Compliance Finding: Create",
        "time": time,
        "severity_id": severity_id,
        "severity": severity,
        "status_id": status_id,
        "status": status,
        "message": row.message,
        "metadata": {
            "version": OCSF_VERSION,
            "profiles": ["cloud"],
            "event_code": check.id,
            "product": {
                "name": report.tool.name,
                "uid": report.tool.name,
                "vendor_name": report.tool.name,
                "version": report.tool.version,
            },
        },
        "finding_info": {
            "uid": row.finding_id(account),
            "title": check.title,
            "desc": format!("Green when {}. {}", check.green_when, check.why),
            "created_time": time,
        },
        "compliance": compliance_object,
        "resources": [{
            "uid": row.resource.arn,
            "name": row.resource.name,
            "type": row.resource.kind.as_str(),
            "cloud_partition": report.account.partition,
            "region": report.region,
            "role_id": 1,
            "role": "Target",
        }],
        "cloud": {
            "provider": "AWS",
            "region": report.region,
            "account": { "uid": account, "type_id": 10, "type": "AWS Account" },
        },
        "unmapped": {
            "security_hub_controls": check.security_hub,
        },
    });
    if row.verdict != Verdict::Passed
        && let Some(fix) = &check.fix
    {
        event["remediation"] = json!({ "desc": format!("Run `{fix}`.") });
    }
    if let Some(state) = row.baseline {
        event["unmapped"]["baseline"] = json!(state);
    }
    if let Some(waiver) = row.waiver {
        event["comment"] = json!(format!("waived: {}", waiver.reason));
        event["unmapped"]["waiver"] = json!({ "reason": waiver.reason, "expires": waiver.expires });
    }
    event
}
