//! What changed between two runs: findings matched by their fingerprint (account, check,
//! resource) into new, resolved and unchanged, and checks whose status changed, per account.
//! Only what both runs decided is compared: a check or an account one side could not read is
//! named, never counted as resolved.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::checks::{FailOn, Resource, Severity, Status};
use crate::report::{BaselineNote, BaselineState, CheckResult, Report, Tool, fingerprint};
use crate::sweep::AccountError;
use crate::text::Data;

/// Version of the diff's JSON (`schema/diff.schema.json`).
pub const SCHEMA_VERSION: u32 = 1;

/// One of the two runs: where it was read from and when it decided.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub path: Data,
    pub generated_at: Data,
}

/// A run as read: its accounts' reports and the accounts it could not read.
pub struct Run {
    pub side: Side,
    pub reports: Vec<Report>,
    pub unreadable: Vec<AccountError>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub check: &'static str,
    pub severity: Severity,
    pub fingerprint: String,
    pub resource: Resource,
    pub message: Data,
    /// Covered by an unexpired waiver in that run.
    pub waived: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusChange {
    pub check: &'static str,
    pub old: Status,
    pub new: Status,
}

#[derive(Debug, Clone, Serialize)]
pub struct AccountDiff {
    pub id: String,
    pub alias: Option<Data>,
    /// Findings of the new run that the old one did not have.
    pub new: Vec<Change>,
    /// Findings of the old run that the new one decided are gone.
    pub resolved: Vec<Change>,
    pub unchanged: Vec<Change>,
    pub checks_changed: Vec<StatusChange>,
    /// Checks one run has and the other has not, or that one run could not decide: named,
    /// their findings not compared.
    pub not_compared: Vec<NotCompared>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NotCompared {
    /// A check id, or `account` when the whole account is missing or unreadable.
    pub check: &'static str,
    pub why: Data,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct DiffSummary {
    pub new: usize,
    pub resolved: usize,
    pub unchanged: usize,
    pub checks_changed: usize,
    pub not_compared: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub schema_version: u32,
    pub tool: Tool,
    pub old: Side,
    pub new: Side,
    pub accounts: Vec<AccountDiff>,
    pub summary: DiffSummary,
}

impl Diff {
    /// 2 when the new run left something undecided (a check in error, an account it could
    /// not read): the gate cannot say nothing got worse. Else 1 when a new unwaived finding
    /// is at or above `fail_on`, else 0.
    pub fn exit_code(&self, fail_on: FailOn) -> u8 {
        let undecided = self
            .accounts
            .iter()
            .flat_map(|a| &a.not_compared)
            .any(|n| n.why.raw().starts_with(UNDECIDED_IN_NEW));
        if undecided {
            return crate::exit::ERROR;
        }
        let worse = self
            .accounts
            .iter()
            .flat_map(|a| &a.new)
            .any(|c| !c.waived && fail_on.fails(c.severity));
        if worse {
            crate::exit::ORANGE
        } else {
            crate::exit::GREEN
        }
    }
}

/// How a reason starts when the new run could not decide: what makes `diff` exit 2.
const UNDECIDED_IN_NEW: &str = "the new run could not decide";

/// Why a check of the new run was compared with nothing.
const NOT_IN_OLD: &str =
    "only in the new run: the old run did not check it, so every finding counts as new";

/// The old run must not be later than the new one: reports swapped by mistake, or a baseline
/// from the future, would read what got worse as resolved. Both dates are named; `allow`
/// (an explicit flag) accepts the order.
pub fn check_order(old: &Side, new: &Side, allow: bool) -> Result<(), String> {
    // A run that holds no report (every account unreadable) decided nothing to be ordered.
    if old.generated_at.raw().is_empty() || new.generated_at.raw().is_empty() {
        return Ok(());
    }
    let parse = |side: &Side| {
        crate::report::parse_rfc3339(side.generated_at.raw()).ok_or_else(|| {
            format!(
                "{}: generated_at {:?} is not RFC 3339",
                side.path,
                side.generated_at.raw()
            )
        })
    };
    let (was, is) = (parse(old)?, parse(new)?);
    if was > is && !allow {
        return Err(format!(
            "{} ({}) is newer than {} ({}): the earlier run must come first \
             (--allow-newer-baseline compares them anyway)",
            old.path, old.generated_at, new.path, new.generated_at
        ));
    }
    Ok(())
}

/// A check's findings as changes, each with the keys it is matched by: one per part of its
/// route (or the fingerprint alone when it has none).
fn changes(account: &str, check: &CheckResult) -> Vec<(Vec<String>, Change)> {
    check
        .findings
        .iter()
        .map(|f| {
            let resource = &f.finding.resource;
            let print = fingerprint(account, check.id, resource, f.finding.route().as_deref());
            let parts = f.finding.route_parts();
            let keys = match parts.is_empty() {
                true => vec![print.clone()],
                false => parts
                    .into_iter()
                    .map(|part| fingerprint(account, check.id, resource, Some(part)))
                    .collect(),
            };
            let change = Change {
                check: check.id,
                severity: check.severity,
                fingerprint: print,
                resource: resource.clone(),
                message: Data::from(f.finding.message.clone()),
                waived: f.is_waived(),
            };
            (keys, change)
        })
        .collect()
}

fn by_account(reports: &[Report]) -> BTreeMap<String, &Report> {
    reports
        .iter()
        .map(|r| (r.account.id.clone().unwrap_or_default(), r))
        .collect()
}

fn not_compared(check: &'static str, why: String) -> NotCompared {
    NotCompared {
        check,
        why: why.into(),
    }
}

/// Compare two runs, account by account.
pub fn compare(old: Run, new: Run) -> Diff {
    let (old_reports, new_reports) = (by_account(&old.reports), by_account(&new.reports));
    let unreadable = |run: &Run| -> BTreeMap<String, String> {
        run.unreadable
            .iter()
            .map(|e| (e.account.clone(), e.error.raw().to_string()))
            .collect()
    };
    let (old_unreadable, new_unreadable) = (unreadable(&old), unreadable(&new));
    let ids: BTreeSet<&String> = old_reports
        .keys()
        .chain(new_reports.keys())
        .chain(old_unreadable.keys())
        .chain(new_unreadable.keys())
        .collect();
    let mut accounts = Vec::new();
    for id in ids {
        let (was, is) = (old_reports.get(id), new_reports.get(id));
        let mut diff = AccountDiff {
            id: id.clone(),
            alias: is.or(was).and_then(|r| r.account.alias.clone()),
            new: Vec::new(),
            resolved: Vec::new(),
            unchanged: Vec::new(),
            checks_changed: Vec::new(),
            not_compared: Vec::new(),
        };
        match (was, is) {
            (_, None) => {
                let why = match new_unreadable.get(id) {
                    Some(error) => {
                        format!("{UNDECIDED_IN_NEW}: the account could not be read ({error})")
                    }
                    None => "the account is not in the new run".to_string(),
                };
                diff.not_compared.push(not_compared("account", why));
            }
            (None, Some(is)) => {
                if let Some(error) = old_unreadable.get(id) {
                    let why = format!(
                        "the old run could not read the account ({error}): every finding counts as new"
                    );
                    diff.not_compared.push(not_compared("account", why));
                }
                for check in &is.checks {
                    compare_check(&mut diff, None, check);
                }
            }
            (Some(was), Some(is)) => {
                for check in &is.checks {
                    match was.checks.iter().find(|c| c.id == check.id) {
                        Some(before) => compare_check(&mut diff, Some(before), check),
                        // A check the old run never ran saw nothing: every finding of it
                        // is new, and the comparison says the baseline did not cover it.
                        None => {
                            diff.not_compared
                                .push(not_compared(check.id, NOT_IN_OLD.into()));
                            compare_check(&mut diff, None, check);
                        }
                    }
                }
                for check in was
                    .checks
                    .iter()
                    .filter(|c| !is.checks.iter().any(|n| n.id == c.id))
                {
                    diff.not_compared.push(not_compared(
                        check.id,
                        "only in the old run: not checked by the new one".into(),
                    ));
                }
            }
        }
        accounts.push(diff);
    }
    let mut summary = DiffSummary::default();
    for account in &accounts {
        summary.new += account.new.len();
        summary.resolved += account.resolved.len();
        summary.unchanged += account.unchanged.len();
        summary.checks_changed += account.checks_changed.len();
        summary.not_compared += account.not_compared.len();
    }
    Diff {
        schema_version: SCHEMA_VERSION,
        tool: Tool::this(),
        old: old.side,
        new: new.side,
        accounts,
        summary,
    }
}

/// One check of one account: its findings new, resolved or unchanged when both runs decided
/// it (or the old run never saw the account).
fn compare_check(diff: &mut AccountDiff, before: Option<&CheckResult>, check: &CheckResult) {
    if check.status == Status::Error {
        diff.not_compared.push(not_compared(
            check.id,
            format!("{UNDECIDED_IN_NEW}: {}", check.reason.raw()),
        ));
        return;
    }
    let was = match before {
        Some(before) if before.status == Status::Error => {
            diff.not_compared.push(not_compared(
                check.id,
                format!(
                    "the old run could not decide ({}): its findings count as new",
                    before.reason.raw()
                ),
            ));
            Vec::new()
        }
        Some(before) => {
            if before.status != check.status {
                diff.checks_changed.push(StatusChange {
                    check: check.id,
                    old: before.status,
                    new: check.status,
                });
            }
            changes(&diff.id, before)
        }
        None => Vec::new(),
    };
    // A finding is unchanged only when every part of it was there before (a policy with a
    // new holder is new); an old finding is resolved when no part of it is left.
    let old_keys: BTreeSet<&String> = was.iter().flat_map(|(keys, _)| keys).collect();
    let is = changes(&diff.id, check);
    let new_keys: BTreeSet<&String> = is.iter().flat_map(|(keys, _)| keys).collect();
    for (keys, change) in &is {
        match keys.iter().all(|k| old_keys.contains(k)) {
            true => diff.unchanged.push(change.clone()),
            false => diff.new.push(change.clone()),
        }
    }
    diff.resolved.extend(
        was.iter()
            .filter(|(keys, _)| !keys.iter().any(|k| new_keys.contains(k)))
            .map(|(_, change)| change.clone()),
    );
}

/// Mark each finding new or unchanged against `baseline` (the same comparison as `diff`),
/// and note what the baseline says.
pub fn apply_baseline(report: &mut Report, baseline: &Run) {
    let generated_at = baseline.side.generated_at.clone();
    let id = report.account.id.clone().unwrap_or_default();
    // Only this account's part of the baseline: a sweep's baseline holds every account.
    let was = Run {
        side: baseline.side.clone(),
        reports: baseline
            .reports
            .iter()
            .filter(|r| r.account.id.as_deref() == Some(id.as_str()))
            .cloned()
            .collect(),
        unreadable: baseline
            .unreadable
            .iter()
            .filter(|e| e.account == id)
            .cloned()
            .collect(),
    };
    let this = Run {
        side: baseline.side.clone(),
        reports: vec![report.clone()],
        unreadable: Vec::new(),
    };
    let diff = compare(was, this);
    let Some(account) = diff.accounts.iter().find(|a| a.id == id) else {
        return;
    };
    let new: std::collections::BTreeSet<&str> =
        account.new.iter().map(|c| c.fingerprint.as_str()).collect();
    for check in &mut report.checks {
        for finding in &mut check.findings {
            let print = fingerprint(
                &id,
                check.id,
                &finding.finding.resource,
                finding.finding.route().as_deref(),
            );
            finding.baseline = Some(match new.contains(print.as_str()) {
                true => BaselineState::New,
                false => BaselineState::Unchanged,
            });
        }
    }
    report.baseline = Some(BaselineNote {
        generated_at,
        new: account.new.len(),
        unchanged: account.unchanged.len(),
        resolved: account.resolved.len(),
        not_compared: account
            .not_compared
            .iter()
            .map(|n| Data::from(format!("{}: {}", n.check, n.why.raw())))
            .collect(),
    });
}
