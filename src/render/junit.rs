//! JUnit XML: one test suite, one test case per check (classname `iam-harden`, name = id).
//! Orange items are failures, errors are errors, waived items are skipped.

use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::common::Render;
use crate::checks::Status;
use crate::report::{CheckResult, Report, controls};
use crate::sweep::Sweep;
use crate::text::printable;

pub struct Junit;

/// Control characters are not allowed in XML 1.0 even as references: values from the
/// server are made printable, so the report stays valid XML for any name.
fn body(check: &CheckResult) -> String {
    let mut text = format!("{}\nseverity: {}", check.reason, check.severity.as_str());
    let controls = controls(check);
    if !controls.is_empty() {
        text.push_str(&format!("\ncontrols: {controls}"));
    }
    if let Some(fix) = &check.fix {
        text.push_str(&format!("\nfix: {fix}"));
    }
    for line in &check.details {
        text.push_str(&format!("\n- {}", check.detail_shown(line)));
    }
    text
}

fn test_case<W: Write>(w: &mut Writer<W>, check: &CheckResult) -> io::Result<()> {
    let case = w.create_element("testcase").with_attributes([
        ("classname", "iam-harden"),
        ("name", check.id),
        ("time", "0"),
    ]);
    let message = format!("{}: {}", check.title, check.reason);
    let kind = format!("severity-{}", check.severity.as_str());
    let element = match check.status {
        Status::Pass => {
            case.write_empty()?;
            return Ok(());
        }
        Status::Fail => "failure",
        Status::Error => "error",
        Status::Waived => "skipped",
    };
    case.write_inner_content(|w| {
        w.create_element(element)
            .with_attributes([("message", message.as_str()), ("type", kind.as_str())])
            .write_text_content(BytesText::new(&body(check)))?;
        Ok(())
    })?;
    Ok(())
}

impl Render for Junit {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut writer = Writer::new_with_indent(&mut *out, b' ', 2);
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        suite(&mut writer, report)?;
        writeln!(out)
    }

    /// One test suite per account; an account that could not be read is a suite whose
    /// one test case, `read-account`, is an error saying why.
    fn render_sweep(&self, sweep: &Sweep, out: &mut dyn Write) -> io::Result<()> {
        let mut writer = Writer::new_with_indent(&mut *out, b' ', 2);
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        writer
            .create_element("testsuites")
            .with_attribute(("name", "iam-harden audit"))
            .write_inner_content(|w| {
                for report in &sweep.accounts {
                    suite(w, report)?;
                }
                for error in &sweep.errors {
                    let name = format!("iam-harden audit of account {}", error.account);
                    w.create_element("testsuite")
                        .with_attributes([
                            ("name", name.as_str()),
                            ("tests", "1"),
                            ("failures", "0"),
                            ("errors", "1"),
                            ("skipped", "0"),
                            ("time", "0"),
                        ])
                        .write_inner_content(|w| {
                            w.create_element("testcase")
                                .with_attributes([
                                    ("classname", "iam-harden"),
                                    ("name", "read-account"),
                                    ("time", "0"),
                                ])
                                .write_inner_content(|w| {
                                    w.create_element("error")
                                        .with_attributes([
                                            ("message", "the account could not be read"),
                                            ("type", "unreadable"),
                                        ])
                                        .write_text_content(BytesText::new(
                                            &error.error.to_string(),
                                        ))?;
                                    Ok(())
                                })?;
                            Ok(())
                        })?;
                }
                Ok(())
            })?;
        writeln!(out)
    }
}

/// One account's test suite.
fn suite<W: Write>(writer: &mut Writer<W>, report: &Report) -> io::Result<()> {
    let count = |status: Status| {
        report
            .checks
            .iter()
            .filter(|c| c.status == status)
            .count()
            .to_string()
    };
    let account = report
        .account
        .id
        .clone()
        .unwrap_or_else(|| "unknown".into());
    let suite_name = format!("iam-harden audit of account {account}");
    let tests = report.checks.len().to_string();
    let (failures, errors, skipped) = (
        count(Status::Fail),
        count(Status::Error),
        count(Status::Waived),
    );
    let properties = [
        ("account", report.account.id.as_deref().map(printable)),
        (
            "alias",
            report.account.alias.as_ref().map(|a| a.to_string().into()),
        ),
        (
            "sign-in-url",
            report.account.sign_in_url.as_deref().map(printable),
        ),
        ("tool-version", Some(report.tool.version.into())),
        (
            "baseline",
            report.baseline.as_ref().map(|b| b.summary().into()),
        ),
    ];
    writer
        .create_element("testsuite")
        .with_attributes([
            ("name", suite_name.as_str()),
            ("tests", tests.as_str()),
            ("failures", failures.as_str()),
            ("errors", errors.as_str()),
            ("skipped", skipped.as_str()),
            ("time", "0"),
        ])
        .write_inner_content(|w| {
            w.create_element("properties").write_inner_content(|w| {
                for (name, value) in properties {
                    if let Some(value) = value {
                        w.create_element("property")
                            .with_attributes([("name", name), ("value", &*value)])
                            .write_empty()?;
                    }
                }
                Ok(())
            })?;
            for check in &report.checks {
                test_case(w, check)?;
            }
            if !report.account.errors.is_empty() {
                w.create_element("system-err")
                    .write_text_content(BytesText::new(
                        &report
                            .account
                            .errors
                            .iter()
                            .map(|e| e.to_string())
                            .collect::<Vec<_>>()
                            .join("\n"),
                    ))?;
            }
            Ok(())
        })?;
    Ok(())
}
