//! `iam-harden fix`: plan, show, confirm, apply, verify. Each remediation builds a plan of
//! IAM calls from fresh reads; this module shows it, asks, applies it in order, reports a
//! partial failure exactly, and re-reads the account to prove the item's new status.
//!
//! With `--format json` every fix prints one JSON object per line on stdout (the plan for a
//! dry run, the verified status otherwise), so `fix all` yields JSON Lines; everything for
//! people goes to stderr.

pub mod action;
pub mod alias;
pub mod contact;
pub mod groups;
pub mod journal;
pub mod mfa;
pub mod password;
pub mod password_policy;
pub mod plan;
pub mod root;
pub mod target;
pub mod users;

use std::io::IsTerminal;

use anyhow::{Result, bail};
use serde_json::json;

use crate::api::Call;
use crate::checks::{Outcome, Status};
use crate::exit::{ERROR, GREEN, INTERRUPTED, ORANGE};
use crate::output::{stderr_line, stdout_line, wrap_for_terminal};
use crate::render::Format;
use crate::settings::Settings;
use crate::snapshot::{CallerIdentity, Clients, fetch, fetch_identity};
use crate::text::{Said, Untrusted, printable};
use plan::{CallPlan, CallState, Produced, Stop, apply_all};

/// The IAM actions each fix may call, beyond the reads `audit` needs to verify. Kept beside
/// the dispatch below; `iam-harden permissions fix` and the README are built from it.
pub const PERMISSIONS: &[(&str, &[Call])] = &[
    (
        "password-policy",
        &[
            Call::GetAccountPasswordPolicy,
            Call::UpdateAccountPasswordPolicy,
            // --undo of a first policy
            Call::DeleteAccountPasswordPolicy,
        ],
    ),
    (
        "groups",
        &[
            Call::GetAccountAuthorizationDetails,
            Call::CreateGroup,
            Call::AttachGroupPolicy,
            Call::PutGroupPolicy,
            Call::AddUserToGroup,
            Call::DetachUserPolicy,
            Call::DeleteUserPolicy,
        ],
    ),
    (
        "individual-users",
        &[
            Call::GetAccountAuthorizationDetails,
            Call::GetAccountPasswordPolicy,
            Call::ListAccountAliases,
            Call::CreateGroup,
            Call::AttachGroupPolicy,
            Call::CreateUser,
            Call::AddUserToGroup,
            Call::CreateLoginProfile,
            Call::GetLoginProfile,
            Call::ListAccessKeys,
            Call::CreateAccessKey,
        ],
    ),
    (
        "root-access-keys",
        &[
            Call::GetAccountSummary,
            Call::ListAccessKeys,
            Call::GetAccessKeyLastUsed,
            Call::UpdateAccessKey,
            Call::DeleteAccessKey,
        ],
    ),
    ("root-mfa", &[Call::GetAccountSummary]),
    (
        "user-mfa",
        &[
            Call::GetUser,
            Call::ListMFADevices,
            Call::ListAccountAliases,
            Call::CreateVirtualMFADevice,
            Call::EnableMFADevice,
            Call::DeleteVirtualMFADevice,
        ],
    ),
    (
        "security-contact",
        &[Call::GetAlternateContact, Call::PutAlternateContact],
    ),
    (
        "sign-in-url",
        &[
            Call::ListAccountAliases,
            Call::CreateAccountAlias,
            Call::DeleteAccountAlias,
        ],
    ),
];

/// How often `fix root-mfa --wait` asks GetAccountSummary.
pub const POLL_INTERVAL: std::time::Duration = std::time::Duration::from_secs(5);

/// What every fix needs: the clients and how to talk to the user.
pub struct FixEnv {
    pub clients: Clients,
    /// The account and caller every write of this run goes to.
    pub identity: CallerIdentity,
    pub format: Format,
    pub dry_run: bool,
    pub yes: bool,
    pub stdin_terminal: bool,
    pub stdout_terminal: bool,
    /// The columns of the terminal stdout is, `None` when it is not one.
    pub terminal_width: Option<usize>,
    /// The access key this session signs with, so that root-key fixes handle it last.
    pub access_key_id: Option<String>,
    /// How often `--wait` asks GetAccountSummary.
    pub poll_interval: std::time::Duration,
    /// The change log every applied call is appended to; `None` for a dry run.
    pub journal: Option<journal::Journal>,
    /// This run's id in the change log.
    pub run: String,
    /// Is this run an `--undo`?
    pub undo: bool,
    /// Changes applied since the last result was printed: the next result carries them.
    applied: std::sync::Mutex<Vec<journal::Change>>,
    /// Set when a change could not be written to the change log.
    journal_failed: std::sync::atomic::AtomicBool,
}

impl FixEnv {
    /// Resolve who is asking before anything else: every plan names the account and caller
    /// it is about to change, and a reply that does not say is an error.
    pub async fn new(
        config: &aws_config::SdkConfig,
        format: Format,
        dry_run: bool,
        yes: bool,
        journal: Option<journal::Journal>,
    ) -> Result<Self> {
        use aws_sdk_iam::config::ProvideCredentials;
        let access_key_id = match config.credentials_provider() {
            // Already resolved by load_config: a static provider, no further lookup.
            Some(provider) => provider
                .provide_credentials()
                .await
                .ok()
                .map(|c| c.access_key_id().to_string()),
            None => None,
        };
        let clients = Clients::new(config);
        let identity = fetch_identity(&clients.sts).await?;
        let stdout_terminal = std::io::stdout().is_terminal();
        Ok(Self {
            clients,
            identity,
            format,
            dry_run,
            yes,
            stdin_terminal: std::io::stdin().is_terminal(),
            stdout_terminal,
            terminal_width: stdout_terminal.then(|| usize::from(crate::render::stdout_width())),
            access_key_id,
            poll_interval: POLL_INTERVAL,
            journal,
            run: journal::run_id(),
            undo: false,
            applied: Default::default(),
            journal_failed: Default::default(),
        })
    }

    /// Record the calls of `plan` that took effect: in the change log, and in the next
    /// result. A log that fails now (a full disk) is reported, and the run cannot end
    /// green (`journal_failed`); the changes stand.
    pub fn record(&self, fix: &str, plan: &CallPlan, states: &[CallState]) {
        let changes: Vec<(journal::Change, CallState)> = plan
            .calls
            .iter()
            .zip(states)
            .filter(|(_, state)| state.is_applied())
            .map(|(call, state)| (call.change(&self.identity, plan.before.as_ref()), *state))
            .collect();
        if changes.is_empty() {
            return;
        }
        if let Some(log) = &self.journal {
            let time = crate::report::rfc3339(time::OffsetDateTime::now_utc());
            let entries: Vec<journal::Entry> = changes
                .iter()
                .map(|(change, state)| journal::Entry {
                    time: time.clone(),
                    tool: concat!("iam-harden/", env!("CARGO_PKG_VERSION")).into(),
                    account: self.identity.account.clone(),
                    caller_arn: self.identity.arn.clone(),
                    fix: fix.to_string(),
                    undo: self.undo,
                    run: self.run.clone(),
                    change: change.clone(),
                    state: state.label().to_string(),
                })
                .collect();
            if let Err(err) = log.append(&entries) {
                self.journal_failed
                    .store(true, std::sync::atomic::Ordering::SeqCst);
                stderr_line(printable(&format!(
                    "error: {err:#}: these {} changes are not in the log",
                    entries.len()
                )));
            }
        }
        if let Ok(mut applied) = self.applied.lock() {
            applied.extend(changes.into_iter().map(|(change, _)| change));
        }
    }

    /// Record call `index` of `plan` alone, as it returns.
    fn record_call(&self, fix: &str, plan: &CallPlan, index: usize, state: CallState) {
        let mut states = vec![CallState::NotApplied; plan.calls.len()];
        states[index] = state;
        self.record(fix, plan, &states);
    }

    /// The run's exit code, given what the fixes returned: when a change log entry could
    /// not be written, `exit::ERROR` at best (a change without its record is no success).
    pub fn exit_code(&self, code: u8) -> u8 {
        let lost = self
            .journal_failed
            .load(std::sync::atomic::Ordering::SeqCst);
        match lost && !crate::exit::is_signal(code) {
            true => {
                stderr_line("error: a change is missing from the change log (see above)");
                code.max(ERROR)
            }
            false => code,
        }
    }

    /// Apply one call outside a plan's run (MFA enrolment's steps) and record it.
    pub async fn apply_recorded(
        &self,
        fix: &str,
        action: &plan::Action,
    ) -> Result<Produced, plan::CallError> {
        let produced = plan::apply(&self.clients, action).await?;
        let single = CallPlan {
            calls: vec![action.clone()],
            ..CallPlan::default()
        };
        self.record(fix, &single, &[CallState::Applied]);
        Ok(produced)
    }

    /// For `--undo`: the first and last change log entries of the latest run of `fix` in
    /// this account that made one of `calls`; an error when the log records none.
    pub fn last_logged_run(
        &self,
        fix: &str,
        calls: &[&str],
    ) -> Result<(journal::Entry, journal::Entry)> {
        let log = self
            .journal
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("--undo reads the change log, and there is none"))?;
        let entries = log.entries()?;
        match journal::last_run(&entries, &self.identity.account, fix, calls) {
            Some(run) => Ok(run),
            None => bail!(
                "the change log {} records no {fix} change in account {}: nothing to undo",
                log.path().display(),
                self.identity.account
            ),
        }
    }

    /// The changes recorded since the last result, handed over once.
    fn take_changes(&self) -> Vec<journal::Change> {
        self.applied
            .lock()
            .map(|mut applied| std::mem::take(&mut *applied))
            .unwrap_or_default()
    }

    /// Human output: stdout for the checklist format, stderr when stdout carries a report
    /// (JSON, or the SARIF, JUnit... of `audit --fix`), so that it stays only the report. The
    /// tool's own words are shown as written (a guide keeps its lines); data in them was
    /// escaped when the `Said` was made, so values from the server cannot add lines to a plan
    /// or colour the terminal.
    /// On a terminal, lines are wrapped at its width between words (see
    /// `output::wrap_for_terminal`); elsewhere (a CI log) they are left whole.
    pub fn say(&self, line: impl Into<Said>) {
        self.say_hanging(line.into(), None);
    }

    /// As `say`, continuation lines indented by `hanging` columns.
    fn say_hanging(&self, line: Said, hanging: Option<usize>) {
        match (self.format, self.terminal_width) {
            (Format::Table, Some(width)) => {
                stdout_line(wrap_for_terminal(line.as_str(), width, hanging))
            }
            (Format::Table, None) => stdout_line(line),
            _ => stderr_line(line),
        }
    }

    /// A fix's verified result as JSON, one shape for every fix: the item's status, reason,
    /// details and findings as the audit reports them, plus what this fix adds (`extra`:
    /// the new user, the alias...), and the account.
    pub fn result(&self, check_id: &str, outcome: &Outcome, extra: serde_json::Value) {
        let mut doc = json!({
            "fix": check_id,
            "status": outcome.status,
            "reason": outcome.reason,
            "details": outcome.details,
            "findings": outcome.findings,
            "changes": self.take_changes(),
        });
        if let (Some(doc), Some(extra)) = (doc.as_object_mut(), extra.as_object()) {
            doc.extend(extra.clone());
        }
        self.json(doc);
    }

    /// One JSON object on stdout, naming the account and caller it is about.
    pub fn json(&self, mut doc: serde_json::Value) {
        if let Some(object) = doc.as_object_mut() {
            object.insert(
                "account".into(),
                json!({ "id": self.identity.account, "caller_arn": self.identity.arn }),
            );
        }
        stdout_line(doc.to_string());
    }

    /// May prompts be shown? Only with a person at a terminal and no `--yes`.
    pub fn interactive(&self) -> bool {
        !self.yes && self.stdin_terminal
    }

    /// Ask before a change; `--yes` answers for the user.
    /// Ask before a write. The answer defaults to No and takes Enter to count: a stray
    /// Enter, or a key typed ahead, never writes.
    pub fn confirm(&self, question: impl Into<Said>) -> Result<bool> {
        if self.yes {
            return Ok(true);
        }
        Ok(dialoguer::Confirm::new()
            .with_prompt(question.into().as_str())
            .default(false)
            .wait_for_newline(true)
            .interact()?)
    }
}

/// Ctrl-C at a prompt: the terminal library reports the interrupted read as an error.
pub fn is_interrupted(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let io = cause.downcast_ref::<std::io::Error>().or_else(|| {
            match cause.downcast_ref::<dialoguer::Error>() {
                Some(dialoguer::Error::IO(e)) => Some(e),
                _ => None,
            }
        });
        io.is_some_and(|e| e.kind() == std::io::ErrorKind::Interrupted)
    })
}

/// Refuse before any call when nobody could answer a prompt.
pub fn ensure_may_apply(dry_run: bool, yes: bool, stdin_terminal: bool) -> Result<()> {
    if !dry_run && !yes && !stdin_terminal {
        bail!(
            "no terminal to confirm on: pass --yes to apply without asking, or --dry-run to \
             see the plan; nothing was changed"
        );
    }
    Ok(())
}

/// Show the plan: the account it changes, a summary and the numbered calls, or JSON for
/// `--dry-run --format json`.
pub fn present(env: &FixEnv, fix: &str, plan: &CallPlan) {
    if env.dry_run && env.format == Format::Json {
        env.json(json!({
            "fix": fix,
            "dry_run": true,
            "plan": plan,
            "changes": plan.changes(&env.identity),
        }));
        return;
    }
    env.say(crate::said!(
        "Account {} (as {})",
        Untrusted(&env.identity.account),
        Untrusted(&env.identity.arn)
    ));
    for line in &plan.summary {
        env.say(Said::data(line));
    }
    env.say(crate::said!(
        "Plan: {} call{}:",
        plan.calls.len(),
        if plan.calls.len() == 1 { "" } else { "s" }
    ));
    // Numbers right-aligned to the widest, so that call 10 lines up with call 9.
    let width = plan.calls.len().to_string().len();
    for (i, call) in plan.calls.iter().enumerate() {
        let number = Said::own(format!("{:>width$}.", i + 1));
        // Continuation lines start under the description.
        let column = 2 + number.as_str().len() + 1 + 28 + 1;
        env.say_hanging(
            crate::said!(
                "  {} {:<28} {}",
                number,
                call.call(),
                Untrusted(&call.describe())
            ),
            Some(column),
        );
    }
}

/// How a shown plan ended.
pub enum Applied {
    /// Every call took effect.
    All,
    /// Stopped with this exit status: declined, a dry run, a failed call, or Ctrl-C.
    Stopped(u8),
}

/// Apply a shown plan.
pub async fn execute(
    env: &FixEnv,
    fix: &str,
    plan: &CallPlan,
    question: impl Into<Said>,
) -> Result<Applied> {
    let run = execute_all(env, fix, plan, question).await?;
    Ok(match run.stopped {
        None => Applied::All,
        Some(code) => Applied::Stopped(code),
    })
}

/// How far a shown plan got: what the applied calls handed back, each call's state, and
/// the exit code when it stopped early (declined, partial failure, interrupted).
pub struct Execution {
    pub produced: Vec<Produced>,
    pub states: Vec<CallState>,
    pub stopped: Option<u8>,
}

impl Execution {
    /// Did the first call that matches `which` take effect?
    pub fn applied(&self, plan: &CallPlan, which: impl Fn(&plan::Action) -> bool) -> bool {
        plan.calls
            .iter()
            .zip(&self.states)
            .any(|(call, state)| which(call) && state.is_applied())
    }
}

/// As `execute`, keeping what a stopped plan applied: a fix whose applied calls created a
/// secret must still hand it over.
pub async fn execute_all(
    env: &FixEnv,
    fix: &str,
    plan: &CallPlan,
    question: impl Into<Said>,
) -> Result<Execution> {
    let not_applied = |code| Execution {
        produced: Vec::new(),
        states: vec![CallState::NotApplied; plan.calls.len()],
        stopped: Some(code),
    };
    if env.dry_run {
        env.say("Dry run: nothing was changed.");
        return Ok(not_applied(ORANGE));
    }
    if !env.confirm(question)? {
        env.say("Nothing was changed.");
        return Ok(not_applied(ORANGE));
    }
    // From the first write on, Ctrl-C, SIGTERM (a CI cancel, `timeout`, `docker stop`) and
    // SIGHUP stop before the next call instead of killing the process in the middle: the
    // call in flight finishes (or times out), each applied call is already in the change
    // log, and the user learns exactly what was applied.
    let stop = std::sync::atomic::AtomicU8::new(0);
    let _handled = SignalsHandledHere::enter();
    let record = |index, state| env.record_call(fix, plan, index, state);
    let result = tokio::select! {
        result = apply_all(&env.clients, plan, &stop, record) => result,
        // Never completes: it only raises the flag apply_all reads between calls.
        never = stop_on_signal(&stop)? => match never {},
    };
    let failure = match result {
        Ok(produced) => {
            return Ok(Execution {
                states: vec![CallState::Applied; plan.calls.len()],
                produced,
                stopped: None,
            });
        }
        Err(failure) => failure,
    };
    let applied = failure.states.iter().filter(|s| s.is_applied()).count();
    let code = match &failure.stop {
        Stop::Failed(error) => {
            stderr_line(format!("error: {}", printable(&error.to_string())));
            ERROR
        }
        Stop::Signalled(code) => *code,
    };
    stderr_line(format!(
        "{applied} of {} calls were applied in account {} (each failed call re-read: FAILED \
         is not in place, UNKNOWN could not be told):",
        plan.calls.len(),
        env.identity.account
    ));
    for (i, (call, state)) in plan.calls.iter().zip(&failure.states).enumerate() {
        stderr_line(printable(&format!(
            "  {}. [{}] {} {}",
            i + 1,
            state.label(),
            call.call(),
            call.describe()
        )));
    }
    stderr_line("Run the same command again to finish: it starts from the account as it is now.");
    if env.format == Format::Json {
        // What did change must reach a JSON reader too.
        env.json(json!({
            "fix": fix,
            "status": if crate::exit::is_signal(code) { "interrupted" } else { "error" },
            "changes": env.take_changes(),
        }));
    }
    Ok(Execution {
        produced: failure.produced,
        states: failure.states,
        stopped: Some(code),
    })
}

/// How many running sections handle SIGINT, SIGTERM and SIGHUP themselves (a plan's writes
/// stop after the call in flight; MFA enrolment deletes its unassigned device): outside
/// them, a signal ends the fix at once (`first_signal`).
static SECTIONS_HANDLING_SIGNALS: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(0);

/// Marks a section that handles signals itself, for as long as it lives.
pub struct SignalsHandledHere(());

impl SignalsHandledHere {
    pub fn enter() -> Self {
        SECTIONS_HANDLING_SIGNALS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Self(())
    }
}

impl Drop for SignalsHandledHere {
    fn drop(&mut self) {
        SECTIONS_HANDLING_SIGNALS.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// The handlers of the signals that stop a run: SIGINT (Ctrl-C), SIGTERM (a CI cancel,
/// `timeout`, `docker stop`) and SIGHUP (a closed terminal).
struct Signals {
    int: tokio::signal::unix::Signal,
    term: tokio::signal::unix::Signal,
    hup: tokio::signal::unix::Signal,
}

impl Signals {
    fn install() -> Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        let install = |kind: SignalKind| {
            signal(kind).map_err(|e| anyhow::anyhow!("installing a signal handler: {e}"))
        };
        Ok(Self {
            int: install(SignalKind::interrupt())?,
            term: install(SignalKind::terminate())?,
            hup: install(SignalKind::hangup())?,
        })
    }

    /// The next signal: the exit code that reports it, and its name for people.
    async fn next(&mut self) -> (u8, &'static str) {
        tokio::select! {
            _ = self.int.recv() => (INTERRUPTED, "Interrupted"),
            _ = self.term.recv() => (crate::exit::TERMINATED, "Terminated (SIGTERM)"),
            _ = self.hup.recv() => (crate::exit::HUNG_UP, "Hung up (SIGHUP)"),
        }
    }
}

/// The exit code of the first SIGINT, SIGTERM or SIGHUP that arrives outside a section that
/// handles signals itself. With the handlers installed, a prompt interrupted by Ctrl-C
/// returns an error instead of the process dying with the terminal in raw mode.
pub fn first_signal() -> Result<impl std::future::Future<Output = u8>> {
    let mut signals = Signals::install()?;
    Ok(async move {
        loop {
            let (code, _) = signals.next().await;
            if SECTIONS_HANDLING_SIGNALS.load(std::sync::atomic::Ordering::SeqCst) == 0 {
                return code;
            }
        }
    })
}

/// Handlers for SIGINT, SIGTERM and SIGHUP, and a future that, on the first of them, stores
/// its exit code in `stop` and then never completes.
fn stop_on_signal(
    stop: &std::sync::atomic::AtomicU8,
) -> Result<impl std::future::Future<Output = std::convert::Infallible> + '_> {
    let mut signals = Signals::install()?;
    Ok(async move {
        let (code, name) = signals.next().await;
        stop.store(code, std::sync::atomic::Ordering::SeqCst);
        stderr_line(format!("{name}: stopping after the call in flight."));
        std::future::pending().await
    })
}

/// Re-read the account with direct calls and report the item's status.
pub async fn verify(env: &FixEnv, check_id: &str, settings: &Settings) -> u8 {
    let Some(check) = crate::checks::by_id(check_id) else {
        return ERROR;
    };
    let snapshot = fetch(&env.clients, &crate::checks::sources_for([check])).await;
    let outcome = (check.run)(&snapshot, settings);
    report_status(env, check_id, &outcome)
}

pub fn report_status(env: &FixEnv, check_id: &str, outcome: &Outcome) -> u8 {
    let (word, code) = match outcome.status {
        Status::Pass => ("green", GREEN),
        Status::Fail | Status::Waived => ("still orange", ORANGE),
        Status::Error => ("could not be verified", ERROR),
    };
    if env.format == Format::Json {
        env.result(check_id, outcome, json!({}));
    } else {
        env.say(crate::said!(
            "{} is {}: {}",
            Untrusted(check_id),
            word,
            Untrusted(&outcome.reason)
        ));
        // A single detail the reason already says is not repeated (as in the checklist).
        let repeats = outcome.details.len() == 1 && outcome.reason.contains(&outcome.details[0]);
        for line in outcome.details.iter().filter(|_| !repeats) {
            env.say(crate::said!("  • {}", Untrusted(line)));
        }
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_without_terminal_or_yes() {
        assert!(ensure_may_apply(false, false, false).is_err());
        assert!(ensure_may_apply(true, false, false).is_ok());
        assert!(ensure_may_apply(false, true, false).is_ok());
        assert!(ensure_may_apply(false, false, true).is_ok());
    }
}
