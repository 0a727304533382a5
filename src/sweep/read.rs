//! `audit --org` and `audit --accounts`: the same audit in many accounts. Each account is read
//! through a role assumed in it (the caller's own account with its own credentials), at most
//! `--concurrency` at a time, each within `--timeout`; an account that cannot be read is an
//! error row and the others still report. Each account's snapshot is dropped once its
//! checks are decided: memory grows with the results, not with the reads.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use aws_config::SdkConfig;
use aws_config::retry::RetryConfig;
use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use clap::Args;
use futures_util::StreamExt;

use super::{AccountError, RootAccess, Sweep};
use crate::api::Call;
use crate::aws::{call_failed, describe_sdk_error};
use crate::pages::Pager;
use crate::report::{Report, Scope, build};
use crate::snapshot::Source;
use crate::snapshot::{CallerIdentity, Clients, fetch, fetch_identity};

/// Account ids from `--accounts`, in the order given, without repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountList(pub Vec<String>);

pub fn parse_accounts(text: &str) -> Result<AccountList, String> {
    let (source, listed): (String, Vec<(usize, String)>) = match text.strip_prefix('@') {
        Some(path) => {
            let content =
                std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            let lines = content
                .lines()
                .enumerate()
                .map(|(i, line)| {
                    (
                        i + 1,
                        line.split('#').next().unwrap_or("").trim().to_string(),
                    )
                })
                .filter(|(_, id)| !id.is_empty())
                .collect();
            (format!("{path} line "), lines)
        }
        None => (
            "item ".into(),
            text.split(',')
                .enumerate()
                .map(|(i, id)| (i + 1, id.trim().to_string()))
                .collect(),
        ),
    };
    let mut ids: Vec<String> = Vec::new();
    for (at, id) in listed {
        if !crate::names::is_account_id(&id) {
            return Err(format!(
                "{source}{at}: {:?} is not a 12-digit account id",
                crate::text::printable(&id)
            ));
        }
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err("no account ids".into());
    }
    Ok(AccountList(ids))
}

/// `--shard I/N`: the I-th of N shards, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    pub fn holds(&self, account: &str) -> bool {
        account
            .parse::<u64>()
            .is_ok_and(|id| id % self.count == self.index - 1)
    }
}

pub fn parse_shard(text: &str) -> Result<Shard, String> {
    let shape = || format!("{text:?} is not I/N with 1 <= I <= N (such as 2/4)");
    let (index, count) = text.split_once('/').ok_or_else(shape)?;
    let (index, count) = (
        index.parse::<u64>().map_err(|_| shape())?,
        count.parse::<u64>().map_err(|_| shape())?,
    );
    if index == 0 || index > count {
        return Err(shape());
    }
    Ok(Shard { index, count })
}

/// Organizations answers at most 20 accounts a page; more pages than this is a reply to
/// distrust (a million accounts).
const MAX_ORG_PAGES: usize = 50_000;

/// The flags of `audit --org` and `audit --accounts`.
#[derive(Debug, Args)]
pub struct SweepArgs {
    /// Audit every ACTIVE account of the organization (Organizations ListAccounts, from the
    /// management account or a delegated administrator), each through --role-name.
    #[arg(long, requires = "role_name", conflicts_with_all = ["accounts", "fix"], help_heading = "Several accounts")]
    pub org: bool,

    /// Audit these accounts: ID,ID,... or @FILE (one id per line, # comments).
    #[arg(long, value_name = "IDS|@FILE", value_parser = parse_accounts,
          requires = "role_name", conflicts_with = "fix", help_heading = "Several accounts")]
    pub accounts: Option<AccountList>,

    /// The role to assume in each account: arn:PARTITION:iam::ACCOUNT:role/NAME (the
    /// caller's own account is read with its own credentials).
    #[arg(long, value_name = "NAME", value_parser = crate::names::parse_role_name, help_heading = "Several accounts")]
    pub role_name: Option<String>,

    /// The session name of each assumed role, as CloudTrail shows it.
    #[arg(long, value_name = "NAME", default_value = "iam-harden", value_parser = crate::names::parse_session_name,
          help_heading = "Several accounts")]
    pub role_session_name: String,

    /// The external id the roles' trust policies ask for.
    #[arg(long, value_name = "ID", help_heading = "Several accounts")]
    pub external_id: Option<String>,

    /// Accounts read at once (1-256).
    #[arg(long, value_name = "N", default_value_t = 16,
          value_parser = clap::value_parser!(u16).range(1..=256), help_heading = "Several accounts")]
    pub concurrency: u16,

    /// Audit only shard I of N (1-based): accounts whose id modulo N is I-1, so that N CI
    /// jobs cover every account exactly once.
    #[arg(long, value_name = "I/N", value_parser = parse_shard, help_heading = "Several accounts")]
    pub shard: Option<Shard>,
}

/// What the sweep needs besides the audit's scope.
pub struct Setup<'a> {
    /// The sweep's flags.
    pub args: &'a SweepArgs,
    /// Bounds each account's assume and read.
    pub timeout: Duration,
    pub sources: BTreeSet<Source>,
}

/// Read every account of the sweep and decide its checks.
pub async fn sweep(base: &SdkConfig, setup: &Setup<'_>, scope: &Scope) -> Result<Sweep> {
    // Many accounts at once meet throttling: adaptive retries slow the whole sweep down
    // instead of failing accounts.
    let base = base
        .to_builder()
        .retry_config(RetryConfig::adaptive())
        .build();
    let clients = Clients::new(&base);
    let own = fetch_identity(&clients.sts)
        .await
        .context("cannot tell which account the caller is in")?;
    let args = setup.args;
    let mut ids = match &args.accounts {
        Some(list) => list.0.clone(),
        None => organization_accounts(&base, Instant::now() + setup.timeout).await?,
    };
    if let Some(shard) = args.shard {
        ids.retain(|id| shard.holds(id));
    }
    let root_access = match args.org {
        true => Some(root_access(&clients).await),
        false => None,
    };
    let caller = Caller {
        config: &base,
        sts: &clients.sts,
        identity: &own,
    };
    let progress = Progress::new(ids.len());
    let results: Vec<Result<Report, AccountError>> = futures_util::stream::iter(&ids)
        .map(|id| async {
            let result =
                tokio::time::timeout(setup.timeout, read_account(&caller, id, setup, scope))
                    .await
                    .unwrap_or_else(|_| {
                        Err(format!(
                            "did not answer within {} s (--timeout)",
                            setup.timeout.as_secs()
                        ))
                    })
                    .map_err(|error| AccountError {
                        account: id.clone(),
                        error: error.into(),
                    });
            progress.done(result.is_err());
            result
        })
        .buffer_unordered(usize::from(args.concurrency))
        .collect()
        .await;
    progress.finish();
    let (mut reports, mut errors): (Vec<Report>, Vec<AccountError>) = (Vec::new(), Vec::new());
    for result in results {
        match result {
            Ok(report) => reports.push(report),
            Err(error) => errors.push(error),
        }
    }
    let region = base.region().map(|r| r.to_string());
    for report in &mut reports {
        if let Some(region) = &region {
            report.region = region.clone();
        }
    }
    let generated_at = crate::report::rfc3339(time::OffsetDateTime::now_utc());
    Ok(Sweep::new(
        reports,
        errors,
        generated_at,
        root_access,
        Vec::new(),
    ))
}

/// The organization's ACTIVE accounts, in id order; the listing ends by `deadline`.
async fn organization_accounts(base: &SdkConfig, deadline: Instant) -> Result<Vec<String>> {
    let orgs = aws_sdk_organizations::Client::from_conf(
        aws_sdk_organizations::config::Builder::from(base)
            .interceptor(crate::aws::ToolInterceptor)
            .build(),
    );
    let mut ids = Vec::new();
    let mut token: Option<String> = None;
    let mut pager = Pager::new(MAX_ORG_PAGES, Some(deadline));
    loop {
        let page = orgs
            .list_accounts()
            .set_next_token(token.clone())
            .send()
            .await
            .map_err(|e| {
                call_failed(Call::ListAccounts, &e).context(
                    "cannot list the organization's accounts (from the management account or a \
                     delegated administrator)",
                )
            })?;
        for account in page.accounts() {
            let active = match account.state() {
                Some(state) => state.as_str() == "ACTIVE",
                None => account.status().is_some_and(|s| s.as_str() == "ACTIVE"),
            };
            match account.id() {
                Some(id) if crate::names::is_account_id(id) => {
                    if active {
                        ids.push(id.to_string());
                    }
                }
                other => bail!("ListAccounts answered an account id {other:?}"),
            }
        }
        token = pager
            .next(page.next_token())
            .map_err(|stop| anyhow::anyhow!("ListAccounts: {stop}"))?;
        if token.is_none() {
            // An organization has at least its management account.
            if ids.is_empty() {
                bail!("ListAccounts answered no ACTIVE account");
            }
            ids.sort();
            ids.dedup();
            return Ok(ids);
        }
    }
}

/// Centralized root access (IAM organization features), as far as it can be read.
async fn root_access(clients: &Clients) -> RootAccess {
    match clients.iam.list_organizations_features().send().await {
        Ok(out) => {
            let enabled = |name: &str| {
                Some(
                    out.enabled_features()
                        .iter()
                        .any(|feature| feature.as_str() == name),
                )
            };
            RootAccess {
                root_credentials_management: enabled("RootCredentialsManagement"),
                root_sessions: enabled("RootSessions"),
                error: None,
            }
        }
        Err(err) => RootAccess {
            root_credentials_management: None,
            root_sessions: None,
            error: Some(format!(
                "{}: {}",
                Call::ListOrganizationsFeatures,
                describe_sdk_error(&err).1
            )),
        },
    }
}

/// Who sweeps: the caller's configuration, its STS client and its identity.
struct Caller<'a> {
    config: &'a SdkConfig,
    sts: &'a aws_sdk_sts::Client,
    identity: &'a CallerIdentity,
}

/// One account: credentials (its role, or the caller's own), the reads, the checks.
async fn read_account(
    caller: &Caller<'_>,
    id: &str,
    setup: &Setup<'_>,
    scope: &Scope,
) -> Result<Report, String> {
    let (config, assumed) = match id == caller.identity.account {
        true => (caller.config.clone(), None),
        false => {
            let (config, identity) = assume(caller, id, setup).await?;
            (config, Some(identity))
        }
    };
    // STS already said, in AssumeRole's answer, which account the role's credentials act in:
    // GetCallerIdentity would only ask it again.
    let mut sources = setup.sources.clone();
    if assumed.is_some() {
        sources.remove(&Source::CallerIdentity);
    }
    let mut snapshot = fetch(&Clients::new(&config), &sources).await;
    if let Some(identity) = assumed {
        snapshot.identity = Ok(identity);
    }
    if let Some(err) = snapshot.unreachable() {
        return Err(format!("cannot reach the account: {}", err.message));
    }
    match &snapshot.identity {
        Err(err) => {
            return Err(format!(
                "cannot tell which account was read: {}",
                err.reason()
            ));
        }
        // The role's credentials must act in the account they were asked for.
        Ok(identity) if identity.account != id => {
            return Err(format!(
                "the credentials act in account {} ({}), not in {id}",
                identity.account, identity.arn
            ));
        }
        Ok(_) => {}
    }
    // The replies must be that account's too: a role, proxy or endpoint that answers for
    // another account would file its users under this one.
    if let Some(arn) = snapshot.foreign_arn(id) {
        return Err(format!(
            "the replies name another account than {id} ({}): not filed under it",
            crate::text::printable(arn)
        ));
    }
    Ok(build(&snapshot, scope))
}

/// Credentials of `--role-name` in `id`, and the identity STS says they act as.
async fn assume(
    caller: &Caller<'_>,
    id: &str,
    setup: &Setup<'_>,
) -> Result<(SdkConfig, CallerIdentity), String> {
    let args = setup.args;
    let partition = caller.identity.arn.split(':').nth(1).unwrap_or("aws");
    let role_name = args.role_name.as_deref().unwrap_or_default();
    let role = format!("arn:{partition}:iam::{id}:role/{role_name}");
    let out = caller
        .sts
        .assume_role()
        .role_arn(&role)
        .role_session_name(&args.role_session_name)
        .set_external_id(args.external_id.clone())
        .send()
        .await
        .map_err(|e| {
            format!(
                "cannot assume {role}: {}",
                call_failed(Call::AssumeRole, &e)
            )
        })?;
    let Some(credentials) = out.credentials() else {
        return Err(format!("AssumeRole of {role} answered no credentials"));
    };
    // arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION
    let arn = out
        .assumed_role_user()
        .map(|user| user.arn())
        .unwrap_or_default();
    let account = arn.split(':').nth(4).unwrap_or_default();
    if !crate::names::is_account_id(account) || !arn.starts_with("arn:") {
        return Err(format!(
            "AssumeRole of {role} answered no assumed-role ARN naming an account ({:?})",
            crate::text::printable(arn)
        ));
    }
    let identity = CallerIdentity {
        account: account.to_string(),
        arn: arn.to_string(),
    };
    let credentials = Credentials::new(
        credentials.access_key_id(),
        credentials.secret_access_key(),
        Some(credentials.session_token().to_string()),
        std::time::SystemTime::try_from(*credentials.expiration()).ok(),
        "AssumeRole",
    );
    let config = caller
        .config
        .to_builder()
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .build();
    Ok((config, identity))
}

/// Accounts done of total on stderr, when stderr is a terminal; nothing otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    errors: std::sync::atomic::AtomicUsize,
}

impl Progress {
    fn new(total: usize) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{pos}/{len} accounts read{msg}")
            {
                bar.set_style(style);
            }
            bar
        });
        Self {
            bar,
            errors: Default::default(),
        }
    }

    fn done(&self, failed: bool) {
        use std::sync::atomic::Ordering;
        let Some(bar) = &self.bar else { return };
        if failed {
            let errors = self.errors.fetch_add(1, Ordering::Relaxed) + 1;
            bar.set_message(format!(", {errors} could not be read"));
        }
        bar.inc(1);
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{clients, error_xml, response_xml};

    #[tokio::test]
    async fn centralized_root_access_is_read_from_the_organization_features() {
        let (clients, _) = clients(|action, _| match action {
            "ListOrganizationsFeatures" => (
                200,
                response_xml(
                    action,
                    "<OrganizationId>o-a1b2c3d4e5</OrganizationId><EnabledFeatures><member>RootCredentialsManagement</member></EnabledFeatures>",
                ),
            ),
            other => panic!("unexpected {other}"),
        });
        assert_eq!(
            root_access(&clients).await,
            RootAccess {
                root_credentials_management: Some(true),
                root_sessions: Some(false),
                error: None,
            }
        );
    }

    #[tokio::test]
    async fn unreadable_organization_features_say_why_and_decide_nothing() {
        let (clients, _) = clients(|_, _| {
            (
                409,
                error_xml(
                    "ServiceAccessNotEnabledException",
                    "The organization has not enabled trusted access for IAM",
                ),
            )
        });
        let access = root_access(&clients).await;
        assert_eq!(
            (access.root_credentials_management, access.root_sessions),
            (None, None)
        );
        let error = access.error.expect("error");
        assert!(
            error.starts_with("ListOrganizationsFeatures: ServiceAccessNotEnabledException"),
            "{error}"
        );
    }
}
