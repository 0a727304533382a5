//! `iam-harden audit`: read the config, fetch, decide, render.

use std::fs::File;
use std::io::{self, IsTerminal, Write};

use anyhow::{Context, Result, bail};

use crate::aws::load_config;
use crate::checks::{CHECKS, Settings, Thresholds, sources_for};
use crate::cli::{AuditArgs, Format, GlobalArgs};
use crate::config::{self, Config};
use crate::render::{RenderOptions, renderer};
use crate::report::{Plan, build, exit_code};
use crate::snapshot::{Clients, fetch};

/// How much longer than the whole read one call may take.
const CALL_MARGIN: std::time::Duration = std::time::Duration::from_secs(1);

pub async fn run(global: &GlobalArgs, args: &AuditArgs) -> Result<u8> {
    // Everything the user wrote is checked before any call to AWS.
    let config = config::load(args.config.as_deref())?;
    let plan = plan(args, &config)?;
    let fail_on = args.fail_on.or(config.fail_on).unwrap_or_default();
    let (stdout_format, files) = outputs(global.format, &args.output)?;
    let mut journal = None;
    if args.fix {
        crate::fix::ensure_may_apply(args.dry_run, args.yes, io::stdin().is_terminal())?;
        if !args.dry_run {
            journal = Some(crate::fix::journal::Journal::open(args.journal.as_deref())?);
        }
    }

    if args.org || args.accounts.is_some() {
        let sdk_config = load_config(global, global.timeout() + CALL_MARGIN).await?;
        let setup = crate::commands::sweep::Setup {
            args,
            timeout: global.timeout(),
            sources: sources_for(plan.checks.iter().copied()),
        };
        let sweep = crate::commands::sweep::sweep(&sdk_config, &setup, &plan).await?;
        emit(global, false, stdout_format, &files, Document::Many(&sweep))?;
        return Ok(sweep.exit_code(fail_on));
    }

    // The read as a whole is bounded by --timeout; each call gets a second more, so that a
    // silent endpoint ends the run with one line rather than a table of per-call errors.
    let sdk_config = load_config(global, global.timeout() + CALL_MARGIN).await?;
    let endpoint = sdk_config.endpoint_url().unwrap_or("the AWS endpoint");
    // One bound for the whole read, retries and pages included.
    let snapshot = tokio::time::timeout(
        global.timeout(),
        fetch(
            &Clients::new(&sdk_config),
            &sources_for(plan.checks.iter().copied()),
        ),
    )
    .await
    .ok();
    let Some(snapshot) = snapshot else {
        bail!(
            "{endpoint} did not answer the audit's reads within {} s (--timeout)",
            global.timeout
        );
    };
    if let Some(err) = snapshot.unreachable() {
        bail!("cannot reach {endpoint}: {}", err.message);
    }
    // A report must name the account it is about.
    if let Err(err) = &snapshot.identity {
        bail!("cannot tell which account was read: {}", err.reason());
    }
    let mut report = build(&snapshot, &plan);
    if let Some(region) = sdk_config.region() {
        report.region = region.to_string();
    }

    emit(
        global,
        args.fix,
        stdout_format,
        &files,
        Document::One(&report),
    )?;
    for note in &report.notes {
        crate::output::stderr_line(format!("note: {}", crate::text::printable(note)));
    }
    if args.security_hub {
        publish(&sdk_config, &report).await?;
    }
    if args.fix && report.summary.total() != report.summary.pass {
        let env =
            crate::fix::FixEnv::new(&sdk_config, global.format, args.dry_run, args.yes, journal)
                .await?;
        return crate::fix::all(&env).await;
    }
    Ok(exit_code(&report, fail_on))
}

/// What a run renders: one account's report, or a sweep's.
#[derive(Clone, Copy)]
pub enum Document<'a> {
    One(&'a crate::report::Report),
    Many(&'a crate::sweep::Sweep),
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
        let mut file = File::create(path)
            .with_context(|| format!("cannot write report {}", path.display()))?;
        render(*format, RenderOptions::default(), &mut file)
            .and_then(|()| file.flush())
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let stdout = io::stdout();
    let options = RenderOptions {
        color: global.color.enabled(
            stdout.is_terminal(),
            std::env::var_os("NO_COLOR").as_deref(),
        ),
        compact,
        width: crate::render::stdout_width(),
    };
    let mut out = io::BufWriter::new(stdout.lock());
    match render(stdout_format, options, &mut out).and_then(|()| out.flush()) {
        // A reader that stops early (`| head`) is not a failure of the audit.
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => Err(err.into()),
        _ => Ok(()),
    }
}

/// Send the findings to Security Hub; one line on stderr says what happened. Findings it
/// refused twice make the run fail (exit 2), whatever the audit found.
async fn publish(sdk_config: &aws_config::SdkConfig, report: &crate::report::Report) -> Result<()> {
    let client = aws_sdk_securityhub::Client::from_conf(
        aws_sdk_securityhub::config::Builder::from(sdk_config)
            .interceptor(crate::aws::ToolUserAgent)
            .build(),
    );
    let published = crate::security_hub::publish(&client, report).await?;
    crate::output::stderr_line(format!(
        "Security Hub ({}): {} findings imported, {} earlier ones archived",
        report.region, published.imported, published.archived
    ));
    if !published.failed.is_empty() {
        for (id, error) in &published.failed {
            crate::output::stderr_line(crate::text::printable(&format!(
                "  refused: {id}: {error}"
            )));
        }
        bail!(
            "Security Hub refused {} findings twice",
            published.failed.len()
        );
    }
    Ok(())
}

/// Which checks run, how they are judged, and the date waivers are measured against.
fn plan(args: &AuditArgs, config: &Config) -> Result<Plan> {
    let selected: Option<&[String]> = if args.checks.is_empty() {
        config.checks.as_deref()
    } else {
        for id in &args.checks {
            crate::checks::lookup(id).map_err(|message| anyhow::anyhow!("--checks: {message}"))?;
        }
        Some(&args.checks)
    };
    let now = match &args.now {
        Some(date) => config::parse_date(date)?.midnight().assume_utc(),
        None => time::OffsetDateTime::now_utc(),
    };
    let defaults = Thresholds::default();
    let file = &config.thresholds;
    Ok(Plan {
        settings: Settings {
            baseline: args.baseline.baseline(&config.baseline),
            thresholds: Thresholds {
                unused_days: args
                    .unused_days
                    .or(file.unused_days)
                    .unwrap_or(defaults.unused_days),
                rotation_days: args
                    .rotation_days
                    .or(file.rotation_days)
                    .unwrap_or(defaults.rotation_days),
                root_recent_days: args
                    .root_recent_days
                    .or(file.root_recent_days)
                    .unwrap_or(defaults.root_recent_days),
            },
            now,
        },
        // Always in checklist order, whatever order the ids were given in.
        checks: CHECKS
            .iter()
            .filter(|c| match selected {
                Some(ids) => ids.iter().any(|id| id == c.id),
                None => args.all || config.all || !c.extended,
            })
            .collect(),
        severity: config.severity.clone(),
        waivers: config.waivers.clone(),
        today: now.date(),
    })
}

/// The stdout format and the files to write. A bare `--output PATH` takes the `--format`
/// format and leaves the checklist on stdout.
pub fn outputs(
    format: Format,
    specs: &[crate::cli::OutputSpec],
) -> Result<(Format, Vec<(Format, std::path::PathBuf)>)> {
    let mut stdout = format;
    let mut files = Vec::new();
    for spec in specs {
        match spec.format {
            Some(f) => files.push((f, spec.path.clone())),
            None if format == Format::Table => bail!(
                "--output {} needs a format: use FORMAT=PATH (json, junit, sarif, markdown, csv, asff, ocsf) or --format",
                spec.path.display()
            ),
            None => {
                files.push((format, spec.path.clone()));
                stdout = Format::Table;
            }
        }
    }
    for (i, (_, path)) in files.iter().enumerate() {
        if files[..i].iter().any(|(_, p)| p == path) {
            bail!("--output names {} twice", path.display());
        }
    }
    Ok((stdout, files))
}
