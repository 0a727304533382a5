//! CSV: one row per finding (and one per check that could not decide), RFC 4180 through the
//! `csv` crate, for joining with an inventory. Cells a spreadsheet would run as a formula
//! are neutralised: IAM names may legally start with `=` or `+`.

use std::borrow::Cow;
use std::io::{self, Write};

use super::common::Render;
use crate::checks::Status;
use crate::report::{BaselineState, Report};
use crate::sweep::Sweep;

pub struct Csv;

const HEADER: [&str; 11] = [
    "account",
    "check",
    "severity",
    "status",
    "resource_type",
    "arn",
    "name",
    "message",
    "waiver",
    "waiver_expires",
    "baseline",
];

/// A leading `=`, `+`, `-`, `@`, tab or carriage return makes spreadsheets evaluate the
/// cell (OWASP "CSV injection"): a leading apostrophe keeps it text.
fn neutral(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

impl Render for Csv {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(HEADER)?;
        rows(&mut writer, report)?;
        writer.flush()
    }

    /// Every account's rows under one header; an account that could not be read is one
    /// `error` row.
    fn render_sweep(&self, sweep: &Sweep, out: &mut dyn Write) -> io::Result<()> {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(HEADER)?;
        for report in &sweep.accounts {
            rows(&mut writer, report)?;
        }
        for error in &sweep.errors {
            let row = [
                &error.account,
                "",
                "",
                "error",
                "",
                "",
                "",
                error.error.raw(),
                "",
                "",
                "",
            ];
            writer.write_record(row.map(neutral).iter().map(|c| c.as_ref()))?;
        }
        writer.flush()
    }
}

fn rows(writer: &mut csv::Writer<&mut dyn Write>, report: &Report) -> io::Result<()> {
    {
        let account = report.account.id.as_deref().unwrap_or("");
        for check in &report.checks {
            let severity = check.severity.as_str();
            if check.status == Status::Error {
                let row = [
                    account,
                    check.id,
                    severity,
                    "error",
                    "",
                    "",
                    "",
                    check.reason.raw(),
                    "",
                    "",
                    "",
                ];
                writer.write_record(row.map(neutral).iter().map(|c| c.as_ref()))?;
                continue;
            }
            for finding in &check.findings {
                let resource = &finding.finding.resource;
                let waiver = finding.waiver.as_ref().filter(|w| !w.expired);
                let status = if waiver.is_some() { "waived" } else { "fail" };
                let row = [
                    account,
                    check.id,
                    severity,
                    status,
                    resource.kind.as_str(),
                    &resource.arn,
                    &resource.name,
                    &finding.finding.message,
                    waiver.map_or("", |w| w.reason.raw()),
                    waiver.map_or("", |w| w.expires.as_str()),
                    finding.baseline.map_or("", BaselineState::as_str),
                ];
                writer.write_record(row.map(neutral).iter().map(|c| c.as_ref()))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(neutral("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutral("+cmd"), "'+cmd");
        assert_eq!(neutral("-1"), "'-1");
        assert_eq!(neutral("@sum"), "'@sum");
        assert_eq!(neutral("alice"), "alice");
    }
}
