//! A Markdown table of the checklist, for `$GITHUB_STEP_SUMMARY` and pull-request comments.

use std::io::{self, Write};

use super::common::Render;
use crate::checks::Status;
use crate::report::{Report, controls};
use crate::sweep::Sweep;
use crate::text::Data;

pub struct Markdown;

/// A table cell of one or more lines: no pipe, line break, HTML tag or control character
/// in a value may escape it.
pub fn cell<'a>(lines: impl IntoIterator<Item = &'a Data>) -> String {
    lines
        .into_iter()
        .map(|line| {
            line.to_string()
                .replace('\\', "\\\\")
                .replace('|', "\\|")
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

impl Render for Markdown {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let s = &report.summary;
        // Against a baseline, what is new leads.
        if let Some(baseline) = &report.baseline {
            writeln!(out, "**{}**", cell([&Data::from(baseline.summary())]))?;
            writeln!(out)?;
        }
        writeln!(
            out,
            "## IAM security status: {} of {} checks green",
            s.pass,
            s.total()
        )?;
        writeln!(out)?;
        writeln!(
            out,
            "| | Check | Severity | Controls | Status | Reason | Fix |"
        )?;
        writeln!(out, "|---|---|---|---|---|---|---|")?;
        for check in &report.checks {
            let (mark, status) = mark(check.status);
            let mut reason = vec![check.reason.clone()];
            if check.status != Status::Pass {
                reason.extend(check.details.iter().map(|line| match check.is_new(line) {
                    true => Data::from(format!("• new: {}", line.raw())),
                    false => Data::from(format!("• {}", line.raw())),
                }));
            }
            let fix = match (&check.fix, check.status) {
                (Some(fix), Status::Fail) => format!("`{fix}`"),
                _ => String::new(),
            };
            writeln!(
                out,
                "| {mark} | {} (`{}`) | {} | {} | {status} | {} | {fix} |",
                cell([&Data::from(check.title)]),
                check.id,
                check.severity.as_str(),
                controls(check),
                cell(&reason)
            )?;
        }
        writeln!(out)?;
        let account = report.account.id.as_deref().unwrap_or("unknown");
        let alias = report
            .account
            .alias
            .as_ref()
            .map(|a| format!(" (alias {})", cell([a])))
            .unwrap_or_default();
        let url = report.account.sign_in_url.as_deref().unwrap_or("unknown");
        writeln!(out, "Account `{account}`{alias} · sign-in URL: <{url}>")?;
        for error in &report.account.errors {
            writeln!(out, "\n:x: {}", cell([error]))?;
        }
        if s.waived > 0 || s.error > 0 {
            writeln!(out)?;
            writeln!(
                out,
                "{} waived, {} could not be checked.",
                s.waived, s.error
            )?;
        }
        writeln!(
            out,
            "\n<sub>{} {}</sub>",
            report.tool.name, report.tool.version
        )
    }

    /// The matrix of the table format: accounts by checks, totals, unreadable accounts.
    fn render_sweep(&self, sweep: &Sweep, out: &mut dyn Write) -> io::Result<()> {
        let s = &sweep.summary;
        writeln!(
            out,
            "## IAM security status across {} accounts: {} read, {} could not be read",
            s.accounts, s.read, s.unreadable
        )?;
        writeln!(out)?;
        let numbers: Vec<String> = (1..=s.checks.len()).map(|n| n.to_string()).collect();
        writeln!(out, "| Account | {} |", numbers.join(" | "))?;
        writeln!(out, "|---|{}", "---|".repeat(s.checks.len()))?;
        for report in &sweep.accounts {
            let mut name = format!("`{}`", report.account.id.as_deref().unwrap_or("unknown"));
            if let Some(alias) = &report.account.alias {
                name.push_str(&format!(" ({})", cell([alias])));
            }
            let marks: Vec<&str> = s
                .checks
                .iter()
                .map(|total| {
                    report
                        .checks
                        .iter()
                        .find(|c| c.id == total.id)
                        .map_or("", |c| mark(c.status).0)
                })
                .collect();
            writeln!(out, "| {name} | {} |", marks.join(" | "))?;
        }
        writeln!(out)?;
        writeln!(
            out,
            "| # | Check | green | orange | could not decide | waived |"
        )?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        for (n, total) in s.checks.iter().enumerate() {
            writeln!(
                out,
                "| {} | {} (`{}`) | {} | {} | {} | {} |",
                n + 1,
                cell([&Data::from(total.title)]),
                total.id,
                total.pass,
                total.fail,
                total.error,
                total.waived
            )?;
        }
        if let Some(root) = &s.root_access {
            writeln!(out)?;
            writeln!(
                out,
                "Centralized root access: {}",
                cell([&super::table::root_access_line(root)])
            )?;
        }
        if !sweep.errors.is_empty() {
            writeln!(out)?;
            writeln!(out, "Could not be read:")?;
            writeln!(out)?;
            for error in &sweep.errors {
                writeln!(out, "- :x: `{}`: {}", error.account, cell([&error.error]))?;
            }
        }
        writeln!(
            out,
            "\n<sub>{} {}</sub>",
            sweep.tool.name, sweep.tool.version
        )
    }
}

/// The mark and word of a status.
fn mark(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::Pass => (":white_check_mark:", "pass"),
        Status::Fail => (":warning:", "fail"),
        Status::Error => (":x:", "error"),
        Status::Waived => (":pause_button:", "waived"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        let (a, c) = (Data::from("a | b"), Data::from("c"));
        assert_eq!(cell([&a, &c]), "a \\| b<br>c");
        // A value's own line breaks, escapes and tags stay inside its line.
        assert_eq!(
            cell([&Data::from("x\ny\r\x1b[31m<img src=a>")]),
            r"x\\x0ay\\x0d\\x1b[31m&lt;img src=a&gt;"
        );
    }
}
