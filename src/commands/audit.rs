//! `iam-harden audit`: read the config, fetch, decide, render.

use std::io::{self, IsTerminal};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Args;

use crate::aws::load_config;
use crate::checks::{CHECKS, sources_for};
use crate::config::{self, Config};
use crate::document::{Document, OutputSpec, emit, load, outputs};
use crate::fix::target::{all, until_signalled};
use crate::global::GlobalArgs;
use crate::live::read_account;
use crate::report::{Scope, build, exit_code};
use crate::settings::{BaselineArgs, Overrides, Settings, ThresholdArgs};
use crate::sweep::read::{Setup, SweepArgs, sweep};

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Config file [default: iam-harden.toml in the current directory, when present].
    #[arg(long, value_name = "PATH", env = "IAM_HARDEN_CONFIG")]
    pub config: Option<std::path::PathBuf>,

    /// Orange items at this severity or above exit 1 [default: low, or the config file's].
    #[arg(long, value_enum, value_name = "SEVERITY", env = "IAM_HARDEN_FAIL_ON")]
    pub fail_on: Option<crate::checks::FailOn>,

    /// Also run the extended CIS AWS Foundations checks (credential report, policies,
    /// certificates).
    #[arg(long)]
    pub all: bool,

    /// Run only these checks (comma-separated ids) [default: the console's five, or the
    /// config file's].
    #[arg(
        long,
        value_name = "IDS",
        value_delimiter = ',',
        conflicts_with = "all"
    )]
    pub checks: Vec<String>,

    #[command(flatten)]
    pub thresholds: ThresholdArgs,

    /// Also write a report to a file: FORMAT=PATH (repeatable), or PATH for the --format
    /// format while the table goes to stdout (with the table, a known extension names the
    /// format: .json, .xml, .sarif, .md, .csv, .html).
    #[arg(long, short = 'o', value_name = "[FORMAT=]PATH")]
    pub output: Vec<OutputSpec>,

    /// The date (YYYY-MM-DD, midnight UTC) waivers and day counts are measured against
    /// (tests only).
    #[arg(long, hide = true, value_name = "YYYY-MM-DD")]
    pub now: Option<String>,

    #[command(flatten)]
    pub sweep: SweepArgs,

    /// Compare with an earlier run (its JSON report): each finding is marked new or
    /// unchanged, what was resolved since is counted, and --fail-on applies to new findings
    /// only. Evidence, not a waiver: the report names the baseline's date.
    #[arg(long = "baseline", value_name = "OLD.json")]
    pub baseline_report: Option<std::path::PathBuf>,

    /// Compare with a baseline generated after this run (refused otherwise: a baseline from
    /// the future would read what got worse as resolved).
    #[arg(long, requires = "baseline_report")]
    pub allow_newer_baseline: bool,

    /// Read users, groups, roles and policies from this file instead of AWS: the JSON that
    /// `aws iam get-account-authorization-details` prints (all pages merged). Checks that need
    /// anything else are `error`, saying it is not in the file. No call to AWS is made.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["org", "accounts", "security_hub", "fix"])]
    pub from_authorization_details: Option<std::path::PathBuf>,

    /// Import the findings into the account's AWS Security Hub (default product) in the
    /// run's region, and archive those this tool imported earlier that no longer appear.
    #[arg(long, conflicts_with_all = ["org", "accounts"])]
    pub security_hub: bool,

    /// After the audit, fix every orange item in checklist order (as `fix all`).
    #[arg(long)]
    pub fix: bool,

    /// With --fix: show the plans, change nothing.
    #[arg(long, requires = "fix")]
    pub dry_run: bool,

    /// With --fix: apply without asking.
    #[arg(long, short = 'y', requires = "fix")]
    pub yes: bool,

    /// With --fix: the change log to append to (as `fix --journal`).
    #[arg(long, requires = "fix", value_name = "PATH")]
    pub journal: Option<std::path::PathBuf>,

    // Last: its help heading applies to what follows it.
    #[command(flatten)]
    pub baseline: BaselineArgs,
}

pub async fn run(global: &GlobalArgs, args: &AuditArgs) -> Result<u8> {
    // Everything the user wrote is checked before any call to AWS.
    let config = config::load(args.config.as_deref())?;
    let scope = scope(args, &config)?;
    let fail_on = args.fail_on.or(config.fail_on).unwrap_or_default();
    let inputs: Vec<&std::path::Path> = [&args.baseline_report, &args.from_authorization_details]
        .into_iter()
        .flatten()
        .map(|p| p.as_path())
        .collect();
    let (stdout_format, files) = outputs(global.format, &args.output, &inputs)?;
    let baseline = args.baseline_report.as_deref().map(load).transpose()?;
    if let Some(baseline) = &baseline {
        let this_run = crate::diff::Side {
            path: crate::text::Data::from("this run".to_string()),
            generated_at: crate::text::Data::from(crate::report::rfc3339(scope.settings.now)),
        };
        crate::diff::check_order(&baseline.side, &this_run, args.allow_newer_baseline)
            .map_err(anyhow::Error::msg)?;
    }
    let mut journal = None;
    if args.fix {
        crate::fix::ensure_may_apply(args.dry_run, args.yes, io::stdin().is_terminal())?;
        if !args.dry_run {
            journal = Some(crate::fix::journal::Journal::open(args.journal.as_deref())?);
        }
    }

    if args.sweep.org || args.sweep.accounts.is_some() {
        let sdk_config =
            load_config(&global.aws(), global.timeout() + crate::live::CALL_MARGIN).await?;
        let setup = Setup {
            args: &args.sweep,
            timeout: global.timeout(),
            sources: sources_for(scope.checks.iter().copied()),
        };
        let mut sweep = sweep(&sdk_config, &setup, &scope).await?;
        if let Some(baseline) = &baseline {
            for report in &mut sweep.accounts {
                crate::diff::apply_baseline(report, baseline);
            }
        }
        emit(global, false, stdout_format, &files, Document::Many(&sweep))?;
        return Ok(sweep.exit_code(fail_on));
    }

    // The account's snapshot: from a file of authorization details (no call to AWS), or read.
    let (snapshot, sdk_config) = match &args.from_authorization_details {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let snapshot = crate::snapshot::offline::snapshot(&text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            (snapshot, None)
        }
        None => {
            let sources = sources_for(scope.checks.iter().copied());
            let (snapshot, sdk_config) = read_account(global, &sources).await?;
            (snapshot, Some(sdk_config))
        }
    };
    let mut report = build(&snapshot, &scope);
    if let Some(baseline) = &baseline {
        crate::diff::apply_baseline(&mut report, baseline);
    }
    if let Some(region) = sdk_config.as_ref().and_then(|c| c.region()) {
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
        crate::output::stderr_line(format!("note: {note}"));
    }
    // (--security-hub and --fix are refused with a file: they always have the SDK's config.)
    if let (true, Some(sdk_config)) = (args.security_hub, &sdk_config) {
        publish(sdk_config, &report, Instant::now() + global.timeout()).await?;
    }
    if let (true, Some(sdk_config)) = (args.fix, &sdk_config)
        && report.summary.total() != report.summary.pass
    {
        let env =
            crate::fix::FixEnv::new(sdk_config, global.format, args.dry_run, args.yes, journal)
                .await?;
        return until_signalled(&env, Box::pin(all(&env))).await;
    }
    Ok(exit_code(&report, fail_on))
}

/// Send the findings to Security Hub; one line on stderr says what happened. Findings it
/// refused twice make the run fail (exit 2), whatever the audit found.
async fn publish(
    sdk_config: &aws_config::SdkConfig,
    report: &crate::report::Report,
    deadline: Instant,
) -> Result<()> {
    let client = aws_sdk_securityhub::Client::from_conf(
        aws_sdk_securityhub::config::Builder::from(sdk_config)
            .interceptor(crate::aws::ToolInterceptor)
            .build(),
    );
    let published = crate::security_hub::publish(&client, report, deadline).await?;
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
fn scope(args: &AuditArgs, config: &Config) -> Result<Scope> {
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
    let flags = Overrides {
        baseline: args.baseline.overrides(),
        thresholds: args.thresholds.overrides(),
    };
    Ok(Scope {
        settings: Settings::resolve(&flags, &config.settings, now),
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
