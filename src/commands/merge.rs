//! `iam-harden merge`: the JSON reports of shards (or of separate runs) as one sweep, in any
//! format. An account reported twice is refused: which of two reports is right cannot be
//! told. Reports of another tool version are merged and noted.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use clap::Args;
use serde::Deserialize;

use super::audit::{Document, emit};
use super::{GlobalArgs, OutputSpec, outputs};
use crate::checks::Status;
use crate::report::{Report, SCHEMA_VERSION, Tool};
use crate::sweep::{AccountError, RootAccess, Sweep};
use crate::text::Data;

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

/// A sweep as `audit --org --format json` wrote it.
#[derive(Deserialize)]
struct SweepFile {
    tool: Tool,
    accounts: Vec<Report>,
    errors: Vec<AccountError>,
    summary: SweepSummaryFile,
    notes: Vec<Data>,
}

#[derive(Deserialize)]
struct SweepSummaryFile {
    root_access: Option<RootAccess>,
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

/// One file: a single account's report or a sweep, each account admitted as `merge` admits
/// it (also what `diff` compares).
pub fn read(
    path: &Path,
    notes: &mut Vec<Data>,
    root_access: &mut Option<RootAccess>,
) -> Result<(Tool, Vec<Report>, Vec<AccountError>)> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
    if value["schema_version"] != SCHEMA_VERSION {
        bail!(
            "{} is not an iam-harden JSON report of schema_version {SCHEMA_VERSION}",
            path.display()
        );
    }
    let shape = || format!("{} is not an iam-harden JSON report", path.display());
    if value.get("accounts").is_some() {
        let sweep: SweepFile = serde_json::from_value(value).with_context(shape)?;
        notes.extend(sweep.notes);
        if root_access.is_none() {
            *root_access = sweep.summary.root_access;
        }
        Ok((sweep.tool, sweep.accounts, sweep.errors))
    } else {
        let report: Report = serde_json::from_value(value).with_context(shape)?;
        Ok((report.tool.clone(), vec![report], Vec::new()))
    }
    .and_then(|(tool, reports, errors)| {
        let reports = reports
            .into_iter()
            .map(admit)
            .collect::<Result<Vec<_>>>()
            .with_context(|| format!("{} is refused", path.display()))?;
        for error in &errors {
            if !crate::names::is_account_id(&error.account) {
                bail!(
                    "{} is refused: an unreadable account's id {:?} is not 12 digits",
                    path.display(),
                    crate::text::printable(&error.account)
                );
            }
        }
        Ok((tool, reports, errors))
    })
}

/// A shard's account report, admitted only as the audit would have produced it: a 12-digit
/// account id, checks this build knows (their titles, controls and fix commands taken from
/// its own table, not from the file), each once, at least one, with findings that agree with
/// their status; the summary recomputed from the checks. The rest (reasons, names, aliases)
/// stays data, escaped wherever it is rendered.
fn admit(mut report: Report) -> Result<Report> {
    let id = report.account.id.as_deref().unwrap_or_default();
    if !crate::names::is_account_id(id) {
        bail!(
            "an account id {:?} is not 12 digits",
            crate::text::printable(id)
        );
    }
    if let Some(alias) = &report.account.alias {
        // The rule the audit holds IAM's own answer to.
        crate::names::validate_alias(alias.raw()).with_context(|| format!("account {id}"))?;
    }
    // Derived, never copied: the address a person would follow.
    report.account.sign_in_url =
        crate::report::sign_in_url(report.account.alias.as_ref().map(|a| a.raw()), Some(id));
    if report.checks.is_empty() {
        bail!("account {id} has no checks: an empty report decides nothing");
    }
    let mut seen = std::collections::BTreeSet::new();
    for check in &mut report.checks {
        let known = crate::checks::lookup(check.id).map_err(|message| {
            anyhow::anyhow!("account {id}: {}", crate::text::printable(&message))
        })?;
        if !seen.insert(known.id) {
            bail!("account {id}: check {} appears twice", known.id);
        }
        check.id = known.id;
        check.title = known.title;
        check.green_when = known.green_when;
        check.why = known.why;
        check.cis = known.cis.to_vec();
        check.security_hub = known.security_hub;
        check.fix = known.fix_command();
        let unwaived = check.findings.iter().filter(|f| !f.is_waived()).count();
        let consistent = match check.status {
            Status::Pass => check.findings.is_empty(),
            // A check that could not decide may still name what it saw.
            Status::Error => true,
            Status::Waived => !check.findings.is_empty() && unwaived == 0,
            Status::Fail => unwaived > 0 || check.findings.is_empty(),
        };
        if !consistent {
            bail!(
                "account {id}: check {} is {} with {} findings, {unwaived} of them unwaived: \
                 the audit never reports that",
                known.id,
                format!("{:?}", check.status).to_lowercase(),
                check.findings.len()
            );
        }
    }
    report.summary = crate::report::summarize(&report.checks);
    Ok(report)
}
