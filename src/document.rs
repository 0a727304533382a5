//! A report as a document: the files and stdout a run writes (`--output`, `emit`), and a
//! JSON report read back and admitted (`read`, `load`) for `audit --baseline`, `merge` and
//! `diff`. Below the commands, so that none of them reaches into another to load a report.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use clap::ValueEnum;
use serde::Deserialize;

use crate::checks::Status;
use crate::diff::{Run, Side};
use crate::global::GlobalArgs;
use crate::render::{Format, RenderOptions, renderer};
use crate::report::{Report, SCHEMA_VERSION, Tool};
use crate::sweep::{AccountError, RootAccess, Sweep};
use crate::text::Data;

/// `--output FORMAT=PATH`, or `--output PATH` for the `--format` format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputSpec {
    pub format: Option<Format>,
    pub path: std::path::PathBuf,
}

impl std::str::FromStr for OutputSpec {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        // FORMAT=PATH: a word before the `=` is a format's name (a path with `=` in it is
        // written `./a=b.json`).
        if let Some((name, path)) = text.split_once('=')
            && !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            let format = Format::from_str(name, true).map_err(|_| {
                let known: Vec<String> = Format::value_variants()
                    .iter()
                    .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_string()))
                    .collect();
                format!(
                    "unknown format {name:?} (known: {}); a file with '=' in its name is \
                     written ./{text}",
                    known.join(", ")
                )
            })?;
            if path.is_empty() {
                return Err(format!("{name}= needs a file path"));
            }
            return Ok(Self {
                format: Some(format),
                path: path.into(),
            });
        }
        if text.is_empty() {
            return Err("needs a file path".into());
        }
        Ok(Self {
            format: None,
            path: text.into(),
        })
    }
}

/// The stdout format and the files to write. A bare `--output PATH` takes the `--format`
/// format and leaves the checklist on stdout.
pub fn outputs(
    format: Format,
    specs: &[OutputSpec],
    inputs: &[&std::path::Path],
) -> Result<(Format, Vec<(Format, std::path::PathBuf)>)> {
    let mut stdout = format;
    let mut files = Vec::new();
    for spec in specs {
        match spec.format {
            Some(f) => files.push((f, spec.path.clone())),
            None if format == Format::Table => match Format::for_extension(&spec.path) {
                Some(f) => files.push((f, spec.path.clone())),
                None => bail!(
                    "--output {} needs a format: use FORMAT=PATH (json, junit, sarif, markdown, csv, asff, ocsf, html), a known extension (.json, .xml, .sarif, .md, .csv, .html) or --format",
                    spec.path.display()
                ),
            },
            None => {
                files.push((format, spec.path.clone()));
                stdout = Format::Table;
            }
        }
    }
    // Compared by where they lead, not by spelling: `r.out` and `./r.out` are one file.
    let targets: Vec<std::path::PathBuf> = files
        .iter()
        .map(|(_, path)| crate::output::canonical_target(path))
        .collect();
    for (i, (_, path)) in files.iter().enumerate() {
        if let Some(j) = targets[..i].iter().position(|t| *t == targets[i]) {
            bail!(
                "--output names one file twice: {} and {}",
                files[j].1.display(),
                path.display()
            );
        }
        // A report over the file the run reads (a baseline, authorization details, a shard)
        // would destroy the evidence it is compared with.
        if let Some(input) = inputs
            .iter()
            .find(|input| crate::output::canonical_target(input) == targets[i])
        {
            bail!(
                "--output {} is the run's own input {}: write the report elsewhere",
                path.display(),
                input.display()
            );
        }
    }
    Ok((stdout, files))
}

/// What a run renders: one account's report, or a sweep's.
#[derive(Clone, Copy)]
pub enum Document<'a> {
    One(&'a Report),
    Many(&'a Sweep),
}

/// Write the report files, then the report on stdout.
pub fn emit(
    global: &GlobalArgs,
    compact: bool,
    stdout_format: Format,
    files: &[(Format, std::path::PathBuf)],
    document: Document,
) -> Result<()> {
    let render = |format, options, out: &mut dyn Write| {
        let renderer = renderer(format, options);
        match document {
            Document::One(report) => renderer.render(report, out),
            Document::Many(sweep) => renderer.render_sweep(sweep, out),
        }
    };
    for (format, path) in files {
        crate::output::write_file_atomically(path, |out| {
            render(*format, RenderOptions::default(), out)
        })
        .with_context(|| format!("cannot write report {}", path.display()))?;
    }
    let stdout = io::stdout();
    let options = RenderOptions {
        color: global.colored(stdout.is_terminal()),
        compact,
        width: crate::render::stdout_width(),
        quiet: global.quiet,
    };
    let mut out = io::BufWriter::new(stdout.lock());
    match render(stdout_format, options, &mut out).and_then(|()| out.flush()) {
        // A reader that stops early (`| head`) is not a failure of the audit.
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => Err(err.into()),
        _ => Ok(()),
    }
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

/// A JSON report (one account's or a sweep's) as one side of a comparison.
pub fn load(path: &std::path::Path) -> Result<Run> {
    let mut notes = Vec::new();
    let mut root_access = None;
    let (_, reports, unreadable) = read(path, &mut notes, &mut root_access)?;
    // When the run decided: the latest of its reports (a sweep's share one date, merged
    // shards each have their own); a date that does not parse is kept, so that the order
    // check names it; empty when the run holds no report.
    let parsed = |r: &crate::report::Report| crate::report::parse_rfc3339(&r.generated_at);
    let generated_at = match reports.iter().find(|r| parsed(r).is_none()) {
        Some(unparsed) => unparsed.generated_at.clone(),
        None => reports
            .iter()
            .max_by_key(|r| parsed(r))
            .map(|r| r.generated_at.clone())
            .unwrap_or_default(),
    };
    Ok(Run {
        side: Side {
            path: Data::from(path.display().to_string()),
            generated_at: Data::from(generated_at),
        },
        reports,
        unreadable,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_specs() {
        use std::str::FromStr;
        let junit = OutputSpec::from_str("junit=reports/iam.xml").expect("spec");
        assert_eq!(junit.format, Some(Format::Junit));
        assert_eq!(junit.path, std::path::Path::new("reports/iam.xml"));
        let bare = OutputSpec::from_str("report.json").expect("spec");
        assert_eq!(bare.format, None);
        let odd = OutputSpec::from_str("./a=b.json").expect("a path with '='");
        assert_eq!(odd.format, None);
        assert_eq!(odd.path, std::path::Path::new("./a=b.json"));
        assert!(OutputSpec::from_str("sarif=").is_err());
        let unknown = OutputSpec::from_str("foo=bar").expect_err("unknown format");
        assert!(unknown.starts_with("unknown format \"foo\""), "{unknown}");
        let (stdout, files) = outputs(
            Format::Table,
            &[bare, OutputSpec::from_str("r.sarif").expect("spec")],
            &[],
        )
        .expect("extensions name the formats");
        assert_eq!(stdout, Format::Table);
        assert_eq!(files[0].0, Format::Json);
        assert_eq!(files[1].0, Format::Sarif);
        assert!(
            outputs(
                Format::Table,
                &[OutputSpec::from_str("report.txt").expect("spec")],
                &[]
            )
            .is_err()
        );
    }
}
