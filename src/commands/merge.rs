//! `iam-harden merge`: the JSON reports of shards (or of separate runs) as one sweep, in any
//! format. An account reported twice is refused: which of two reports is right cannot be
//! told. Reports of another tool version are merged and noted.

use crate::document::{Document, OutputSpec, emit, outputs, read};
use crate::global::GlobalArgs;
use crate::report::{Report, Tool};
use crate::sweep::{AccountError, RootAccess, Sweep};
use crate::text::Data;
use anyhow::{Result, bail};
use clap::Args;
use std::collections::BTreeMap;

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// JSON reports of `audit --format json`: one account's or a sweep's.
    #[arg(required = true, value_name = "REPORT.json")]
    pub reports: Vec<std::path::PathBuf>,

    /// Orange items at this severity or above exit 1 [default: low].
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<crate::checks::FailOn>,

    /// Also write the merged report to a file: FORMAT=PATH (repeatable).
    #[arg(long, short = 'o', value_name = "[FORMAT=]PATH")]
    pub output: Vec<OutputSpec>,
}

pub fn run(global: &GlobalArgs, args: &MergeArgs) -> Result<u8> {
    let inputs: Vec<&std::path::Path> = args.reports.iter().map(|p| p.as_path()).collect();
    let (stdout_format, files) = outputs(global.format, &args.output, &inputs)?;
    let this = Tool::this();
    let mut reports: Vec<Report> = Vec::new();
    let mut errors: Vec<AccountError> = Vec::new();
    let mut notes: Vec<Data> = Vec::new();
    let mut root_access: Option<RootAccess> = None;
    // Which file reported each account, to name both files of an overlap.
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for path in &args.reports {
        let (tool, accounts, unreadable) = read(path, &mut notes, &mut root_access)?;
        if tool.version != this.version {
            notes.push(
                format!(
                    "{} was written by iam-harden {} (this is {})",
                    path.display(),
                    tool.version,
                    this.version
                )
                .into(),
            );
        }
        let ids = accounts
            .iter()
            .map(|r| r.account.id.clone().unwrap_or_default())
            .chain(unreadable.iter().map(|e| e.account.clone()));
        for id in ids {
            if let Some(first) = seen.insert(id.clone(), path.display().to_string()) {
                bail!(
                    "account {id} is in both {first} and {}: merge refuses overlapping reports",
                    path.display()
                );
            }
        }
        reports.extend(accounts);
        errors.extend(unreadable);
    }
    let region = global
        .region
        .clone()
        .unwrap_or_else(|| crate::aws::FALLBACK_REGION.to_string());
    // (What green means and why it matters, not in the JSON, were set by `admit`.)
    for report in &mut reports {
        report.region = region.clone();
    }
    let generated_at = crate::report::rfc3339(time::OffsetDateTime::now_utc());
    let sweep = Sweep::new(reports, errors, generated_at, root_access, notes);
    emit(global, false, stdout_format, &files, Document::Many(&sweep))?;
    for note in &sweep.notes {
        crate::output::stderr_line(format!("note: {note}"));
    }
    Ok(sweep.exit_code(args.fail_on.unwrap_or_default()))
}
