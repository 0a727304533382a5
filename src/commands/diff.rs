//! `iam-harden diff OLD.json NEW.json`: what changed between two runs (single-account
//! reports, sweeps or merged reports alike), as a table, Markdown or JSON
//! (`schema/diff.schema.json`). Each file is read and admitted as `merge` admits it.

use crate::diff::{AccountDiff, Change, Diff, compare};
use crate::document::load;
use crate::global::GlobalArgs;
use crate::render::Format;
use crate::render::markdown_cell as cell;
use crate::text::Data;
use anyhow::{Result, bail};
use clap::Args;
use std::io::{self, Write};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier run: a JSON report of `audit --format json` (one account's or a sweep's).
    #[arg(value_name = "OLD.json")]
    pub old: PathBuf,

    /// The later run, in the same form.
    #[arg(value_name = "NEW.json")]
    pub new: PathBuf,

    /// New findings at this severity or above exit 1 [default: low: any new finding].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<crate::checks::FailOn>,

    /// Compare even when OLD.json was generated after NEW.json (refused otherwise: reports
    /// swapped by mistake would read what got worse as resolved).
    #[arg(long)]
    pub allow_newer_baseline: bool,
}

pub fn run(global: &GlobalArgs, args: &DiffArgs) -> Result<u8> {
    if !matches!(
        global.format,
        Format::Table | Format::Markdown | Format::Json | Format::Html
    ) {
        bail!(
            "diff prints table, markdown, json or html, not {:?}",
            global.format
        );
    }
    let (old, new) = (load(&args.old)?, load(&args.new)?);
    crate::diff::check_order(&old.side, &new.side, args.allow_newer_baseline)
        .map_err(anyhow::Error::msg)?;
    let diff = compare(old, new);
    let mut text = Vec::new();
    match global.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut text, &diff)?;
            text.push(b'\n');
        }
        Format::Markdown => markdown(&diff, &mut text)?,
        Format::Html => crate::render::html_diff(&diff, &mut text)?,
        _ => table(&diff, &mut text)?,
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match out.write_all(&text).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    Ok(diff.exit_code(args.fail_on.unwrap_or_default()))
}

fn account_name(account: &AccountDiff) -> String {
    match &account.alias {
        Some(alias) => format!("{} ({alias})", account.id),
        None => account.id.clone(),
    }
}

/// The changes a reader looks for, labelled: what is new first, then what was resolved.
fn new_then_resolved(account: &AccountDiff) -> impl Iterator<Item = (&'static str, &Change)> {
    let new = account.new.iter().map(|c| ("new", c));
    new.chain(account.resolved.iter().map(|c| ("resolved", c)))
}

fn counts(account: &AccountDiff) -> String {
    format!(
        "{} new, {} resolved, {} unchanged",
        account.new.len(),
        account.resolved.len(),
        account.unchanged.len()
    )
}

/// For a person, and a CI log: one line per change, escaped.
fn table(diff: &Diff, out: &mut Vec<u8>) -> io::Result<()> {
    writeln!(
        out,
        "Compared {} ({}) with {} ({})",
        diff.old.path, diff.old.generated_at, diff.new.path, diff.new.generated_at
    )?;
    for account in &diff.accounts {
        writeln!(out)?;
        writeln!(
            out,
            "Account {}: {}",
            account_name(account),
            counts(account)
        )?;
        let line = |out: &mut Vec<u8>, what: &str, change: &Change| {
            writeln!(
                out,
                "  {what:<9} {:<8} {:<26} {}{}",
                change.severity.as_str(),
                change.check,
                change.message,
                if change.waived { " (waived)" } else { "" }
            )
        };
        for (what, change) in new_then_resolved(account) {
            line(out, what, change)?;
        }
        for status in &account.checks_changed {
            writeln!(
                out,
                "  status    {:<35} {:?} -> {:?}",
                status.check, status.old, status.new
            )?;
        }
        for skipped in &account.not_compared {
            writeln!(out, "  not compared {}: {}", skipped.check, skipped.why)?;
        }
    }
    let s = diff.summary;
    writeln!(out)?;
    writeln!(
        out,
        "{} new, {} resolved, {}",
        s.new,
        s.resolved,
        the_rest(diff)
    )
}

/// What neither got worse nor better, in the summaries of both forms.
fn the_rest(diff: &Diff) -> String {
    let s = diff.summary;
    format!(
        "{} unchanged; {} checks changed status; {} not compared",
        s.unchanged, s.checks_changed, s.not_compared
    )
}

/// For a pull request or a job summary: what is new first.
fn markdown(diff: &Diff, out: &mut Vec<u8>) -> io::Result<()> {
    let s = diff.summary;
    writeln!(
        out,
        "## {} new since {}, {} resolved",
        s.new,
        cell([&diff.old.path]),
        s.resolved
    )?;
    writeln!(out)?;
    writeln!(out, "| account | change | severity | check | finding |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    for account in &diff.accounts {
        let name = Data::from(account_name(account));
        for (what, change) in new_then_resolved(account) {
            writeln!(
                out,
                "| {} | {what} | {} | `{}` | {}{} |",
                cell([&name]),
                change.severity.as_str(),
                change.check,
                cell([&change.message]),
                if change.waived { " (waived)" } else { "" }
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}.", the_rest(diff))?;
    for account in &diff.accounts {
        for skipped in &account.not_compared {
            writeln!(
                out,
                "- {}: `{}` not compared: {}",
                cell([&Data::from(account_name(account))]),
                skipped.check,
                cell([&skipped.why])
            )?;
        }
    }
    Ok(())
}
