//! The checklist for people: one row per item with a green or orange mark.

use std::io::{self, Write};

use comfy_table::{
    Cell, Color, ColumnConstraint, ContentArrangement, Table as Grid, Width, presets,
};

use super::common::{Render, RenderOptions};
use crate::checks::Status;
use crate::report::{Report, controls};
use crate::sweep::Sweep;
use crate::text::Data;

/// How many detail lines a failing item shows under its reason; JSON has all of them.
const DETAILS_SHOWN: usize = 5;
/// "To fix" aligns its comments after commands up to this long; a longer one is not padded.
const FIX_COLUMN: usize = 32;
const ORANGE: Color = Color::AnsiValue(208);

pub struct Table {
    pub options: RenderOptions,
}

fn mark(status: Status) -> (&'static str, Color) {
    let color = match status {
        Status::Pass => Color::Green,
        Status::Fail => ORANGE,
        Status::Error => Color::Red,
        Status::Waived => Color::Blue,
    };
    (status.glyph(), color)
}

impl Table {
    /// An empty grid of the terminal's width, coloured as asked.
    fn grid(&self) -> Grid {
        let mut grid = Grid::new();
        grid.load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(self.options.width);
        if self.options.color {
            grid.enforce_styling();
        } else {
            grid.force_no_tty();
        }
        grid
    }

    fn paint(&self, text: &str, color: Color) -> Cell {
        let cell = Cell::new(text);
        if self.options.color {
            cell.fg(color)
        } else {
            cell
        }
    }

    fn paint_text(&self, text: &str, color: Color) -> String {
        if !self.options.color {
            return text.to_string();
        }
        let code = match color {
            Color::Red => "31",
            Color::Green => "32",
            Color::Blue => "34",
            ORANGE => "38;5;208",
            _ => "0",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    }

    fn bold(&self, text: &str) -> String {
        if self.options.color {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

impl Render for Table {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut grid = self.grid();
        let shown = |c: &&crate::report::CheckResult| {
            !self.options.quiet || matches!(c.status, Status::Fail | Status::Error)
        };
        if self.options.quiet && !report.checks.iter().any(|c| shown(&c)) {
            return Ok(());
        }
        for check in report.checks.iter().filter(shown) {
            let (symbol, color) = mark(check.status);
            let mut text = check.reason.to_string();
            // A single detail the reason already says is not repeated.
            let repeats =
                check.details.len() == 1 && check.reason.raw().contains(check.details[0].raw());
            if check.status != Status::Pass && !check.details.is_empty() && !repeats {
                for line in check.details.iter().take(DETAILS_SHOWN) {
                    text.push_str(&format!("\n  • {}", check.detail_shown(line)));
                }
                let hidden = check.details.len().saturating_sub(DETAILS_SHOWN);
                if hidden > 0 {
                    text.push_str(&format!("\n  … and {hidden} more (see --format json)"));
                }
            }
            grid.add_row(vec![
                self.paint(symbol, color),
                Cell::new(check.title),
                Cell::new({
                    let controls = controls(check);
                    if controls.is_empty() {
                        check.severity.as_str().to_string()
                    } else {
                        format!("{}\n{controls}", check.severity.as_str())
                    }
                }),
                self.paint(
                    &text,
                    if check.status == Status::Pass {
                        Color::Reset
                    } else {
                        color
                    },
                ),
            ]);
        }
        // A word (an ARN, a user name) is never cut: the reasons' column is at least as wide
        // as its longest word, as far as the width allows.
        // (Measured on the escaped text: a raw line break is one visible word with its
        // neighbours once escaped.)
        let longest_word = report
            .checks
            .iter()
            .flat_map(|c| std::iter::once(&c.reason).chain(&c.details))
            .flat_map(|text| {
                text.to_string()
                    .split_whitespace()
                    .map(unicode_width::UnicodeWidthStr::width)
                    .collect::<Vec<_>>()
            })
            .max()
            .unwrap_or(0);
        let most = usize::from(self.options.width).saturating_sub(40);
        if let Some(column) = grid.column_mut(3) {
            let least = u16::try_from(longest_word.min(most) + 2).unwrap_or(u16::MAX);
            column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(least)));
        }
        if self.options.quiet {
            writeln!(out, "{grid}")?;
            return self.to_fix(report, out);
        }
        writeln!(out, "{}", self.bold("IAM security status"))?;
        writeln!(out, "{grid}")?;
        writeln!(out)?;

        let unknown = "unknown".to_string();
        writeln!(
            out,
            "Sign-in URL: {}",
            report.account.sign_in_url.as_ref().unwrap_or(&unknown)
        )?;
        writeln!(
            out,
            "Account:     {}{}",
            report.account.id.as_ref().unwrap_or(&unknown),
            report
                .account
                .alias
                .as_ref()
                .map(|a| format!(" (alias {a})"))
                .unwrap_or_default()
        )?;
        for error in &report.account.errors {
            writeln!(
                out,
                "{}",
                self.paint_text(&format!("✖ {error}"), Color::Red)
            )?;
        }
        if let Some(baseline) = &report.baseline {
            writeln!(out, "Baseline:    {}", baseline.summary())?;
        }
        let summary = &report.summary;
        let mut line = format!("{} of {} checks green", summary.pass, summary.total());
        if summary.waived > 0 {
            line.push_str(&format!(", {} waived", summary.waived));
        }
        if summary.error > 0 {
            line.push_str(&format!(", {} could not be checked", summary.error));
        }
        writeln!(out, "{}", self.bold(&line))?;
        self.to_fix(report, out)
    }

    /// A matrix: one row per account, one column per check (numbered, with a legend),
    /// then the totals per check and the accounts that could not be read.
    fn render_sweep(&self, sweep: &Sweep, out: &mut dyn Write) -> io::Result<()> {
        let checks = &sweep.summary.checks;
        writeln!(out, "{}", self.bold("IAM security status across accounts"))?;
        self.matrix(sweep, out)?;
        writeln!(out)?;
        let width = checks.iter().map(|t| t.id.len()).max().unwrap_or(0);
        for (n, total) in checks.iter().enumerate() {
            let line = format!(
                "{:>2} {:width$}  ✔ {} ⚠ {} ✖ {} ⊘ {}  ",
                n + 1,
                total.id,
                total.pass,
                total.fail,
                total.error,
                total.waived,
            );
            let hanging = unicode_width::UnicodeWidthStr::width(line.as_str());
            self.line(out, &format!("{line}{}", total.title), Some(hanging))?;
        }
        if let Some(root) = &sweep.summary.root_access {
            writeln!(out)?;
            self.line(
                out,
                &format!("Centralized root access: {}", root_access_line(root)),
                None,
            )?;
        }
        if !sweep.errors.is_empty() {
            writeln!(out)?;
            writeln!(out, "Could not be read:")?;
            for error in &sweep.errors {
                writeln!(
                    out,
                    "{}",
                    self.paint_text(
                        &format!("  ✖ {}: {}", error.account, error.error),
                        Color::Red
                    )
                )?;
            }
        }
        let s = &sweep.summary;
        let green = sweep
            .accounts
            .iter()
            .filter(|r| r.summary.pass == r.summary.total())
            .count();
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            self.bold(&format!(
                "{} accounts: {} read ({green} all green), {} could not be read",
                s.accounts, s.read, s.unreadable
            ))
        )?;
        Ok(())
    }
}

impl Table {
    /// The account × check matrix as a plain grid: an account's id and alias on its row,
    /// one three-column cell per check, numbered. Ids and numbers are never split: when the
    /// checks do not fit the width, they go into column groups, one grid after another.
    fn matrix(&self, sweep: &Sweep, out: &mut dyn Write) -> io::Result<()> {
        const CELL: usize = 3;
        let checks = &sweep.summary.checks;
        let alias = |report: &Report| -> String {
            report
                .account
                .alias
                .as_ref()
                .map(|a| a.to_string())
                .unwrap_or_default()
        };
        let alias_width = sweep
            .accounts
            .iter()
            .map(|r| unicode_width::UnicodeWidthStr::width(alias(r).as_str()))
            .chain(["Alias".len()])
            .max()
            .unwrap_or(0);
        let lead = 12 + 2 + alias_width + 1;
        let per_group = (usize::from(self.options.width).saturating_sub(lead) / CELL).max(1);
        let numbered: Vec<usize> = (1..=checks.len()).collect();
        for (group, numbers) in numbered.chunks(per_group).enumerate() {
            if group > 0 {
                writeln!(out)?;
            }
            let mut header = format!("{:<12}  {:<alias_width$} ", "Account", "Alias");
            for n in numbers {
                header.push_str(&format!("{n:>CELL$}"));
            }
            writeln!(out, "{}", header.trim_end())?;
            let shown = sweep.accounts.iter().filter(|r| {
                !self.options.quiet
                    || r.checks
                        .iter()
                        .any(|c| matches!(c.status, Status::Fail | Status::Error))
            });
            for report in shown {
                let id = report.account.id.as_deref().unwrap_or("unknown");
                let name = alias(report);
                let padding = alias_width - unicode_width::UnicodeWidthStr::width(name.as_str());
                let mut row = format!("{id:<12}  {name}{} ", " ".repeat(padding));
                for n in numbers {
                    let total = &checks[n - 1];
                    let cell = match report.checks.iter().find(|c| c.id == total.id) {
                        Some(check) => {
                            let (symbol, color) = mark(check.status);
                            self.paint_text(symbol, color)
                        }
                        None => " ".to_string(),
                    };
                    row.push_str(&format!("{}{cell}", " ".repeat(CELL - 1)));
                }
                writeln!(out, "{}", row.trim_end())?;
            }
        }
        Ok(())
    }

    /// "To fix": one line per fix command, naming every item it fixes.
    fn to_fix(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut to_fix: Vec<(&str, Vec<&str>)> = Vec::new();
        for check in report.checks.iter().filter(|c| c.status == Status::Fail) {
            let Some(fix) = check.fix.as_deref() else {
                continue;
            };
            match to_fix.iter_mut().find(|(f, _)| *f == fix) {
                Some((_, titles)) => titles.push(check.title),
                None => to_fix.push((fix, vec![check.title])),
            }
        }
        if !to_fix.is_empty() {
            writeln!(out)?;
            writeln!(out, "To fix:")?;
            // Commands aligned, but a long one does not push every comment far right.
            let width = to_fix
                .iter()
                .map(|(fix, _)| fix.len())
                .filter(|len| *len <= FIX_COLUMN)
                .max()
                .unwrap_or(0);
            for (fix, titles) in to_fix {
                let titles = titles.join("; ");
                if fix.len() > FIX_COLUMN {
                    // A long command on its own line, what it fixes under it.
                    writeln!(out, "  {fix}")?;
                    self.line(out, &format!("      # {titles}"), Some(8))?;
                } else {
                    let line = format!("  {fix:width$}  # ");
                    self.line(out, &format!("{line}{titles}"), Some(line.len()))?;
                }
            }
        }
        Ok(())
    }

    /// A line of text under a table, wrapped between words at the table's width.
    fn line(&self, out: &mut dyn Write, text: &str, hanging: Option<usize>) -> io::Result<()> {
        let width = usize::from(self.options.width);
        writeln!(
            out,
            "{}",
            crate::output::wrap_for_terminal(text, width, hanging)
        )
    }
}

/// `root credentials management on, root sessions off`, or why it is unknown.
pub fn root_access_line(root: &crate::sweep::RootAccess) -> Data {
    let state = |value: Option<bool>| match value {
        Some(true) => "on",
        Some(false) => "off",
        None => "unknown",
    };
    match &root.error {
        Some(error) => format!("unknown ({error})").into(),
        None => format!(
            "root credentials management {}, root sessions {}",
            state(root.root_credentials_management),
            state(root.root_sessions)
        )
        .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::build;
    use crate::settings::Settings;
    use crate::test_support::green_snapshot;

    fn render(snapshot: &crate::snapshot::Snapshot, color: bool) -> String {
        let today = crate::config::parse_date("2026-11-28").expect("date");
        let report = build(
            snapshot,
            &crate::report::Scope::console(Settings::default(), today),
        );
        let mut out = Vec::new();
        Table {
            options: RenderOptions {
                color,
                ..Default::default()
            },
        }
        .render(&report, &mut out)
        .expect("render");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn green_account_lists_five_marks_and_no_fixes() {
        let text = render(&green_snapshot(), false);
        assert_eq!(text.matches('✔').count(), 5, "{text}");
        assert!(text.contains("5 of 5 checks green"));
        assert!(text.contains("https://123456789012.signin.aws.amazon.com/console"));
        assert!(!text.contains("To fix:"));
        assert!(!text.contains('\x1b'), "no colour when disabled");
    }

    #[test]
    fn the_table_fits_its_width_and_wraps_long_reasons() {
        let mut snapshot = green_snapshot();
        snapshot.password_policy = Ok(None);
        for width in [80, 100] {
            let today = crate::config::parse_date("2026-11-28").expect("date");
            let report = build(
                &snapshot,
                &crate::report::Scope::console(Settings::default(), today),
            );
            let mut out = Vec::new();
            Table {
                options: RenderOptions {
                    width,
                    ..Default::default()
                },
            }
            .render(&report, &mut out)
            .expect("render");
            let text = String::from_utf8(out).expect("utf-8");
            let widest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            assert!(widest <= usize::from(width), "{widest} > {width}:\n{text}");
            assert!(text.contains("No password policy"), "{text}");
        }
    }

    #[test]
    fn orange_items_get_their_fix_command() {
        let mut snapshot = green_snapshot();
        snapshot.password_policy = Ok(None);
        let text = render(&snapshot, true);
        assert!(text.contains('⚠'));
        assert!(text.contains("4 of 5 checks green"));
        assert!(text.contains("iam-harden fix password-policy"));
        assert!(!text.contains("iam-harden fix groups"));
        assert!(text.contains('\x1b'), "colour when enabled");
    }
}
