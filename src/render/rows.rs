//! The finding-per-resource view that security data lakes take (ASFF, OCSF): every finding
//! of an orange check, and one row on the account for a check that passed or could not
//! decide, so that a consumer sees the passing state too and resolves what was fixed.

use std::borrow::Cow;

use crate::checks::{Resource, Status};
use crate::report::{BaselineState, CheckResult, Report, WaiverNote, fingerprint};

/// What one row says of its resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Passed,
    Failed,
    /// The check could not read what it decides from.
    Undecided,
}

pub struct Row<'a> {
    pub check: &'a CheckResult,
    pub verdict: Verdict,
    pub resource: Cow<'a, Resource>,
    pub message: &'a str,
    /// The unexpired waiver that covers a failed finding.
    pub waiver: Option<&'a WaiverNote>,
    /// With a baseline: whether the baseline had this finding.
    pub baseline: Option<BaselineState>,
    /// The finding's facts (none on a row for the account).
    pub facts: Option<&'a crate::checks::finding::Facts>,
}

/// Every finding id of this tool starts so: what the archiving of old Security Hub findings
/// keys on, so that it never touches another provider's findings under the shared default
/// product.
pub const ID_PREFIX: &str = "iam-harden/";

impl Row<'_> {
    /// The finding's id in ASFF and OCSF: `iam-harden/ACCOUNT/CHECK/FINGERPRINT`.
    pub fn finding_id(&self, account: &str) -> String {
        format!(
            "{ID_PREFIX}{account}/{}/{}",
            self.check.id,
            self.fingerprint(account)
        )
    }

    /// Stable for the account, the check and the resource, whatever the verdict: a consumer
    /// updates one record as the resource goes orange and green again.
    pub fn fingerprint(&self, account: &str) -> String {
        fingerprint(account, self.check.id, &self.resource, None)
    }
}

/// The report's account id, or `unknown` (a report always names one when it was built).
pub fn account_id(report: &Report) -> &str {
    report.account.id.as_deref().unwrap_or("unknown")
}

pub fn rows(report: &Report) -> Vec<Row<'_>> {
    let account = Resource::for_account(&report.account.partition, account_id(report).into());
    let mut rows = Vec::new();
    for check in &report.checks {
        let on_account = |verdict| Row {
            check,
            verdict,
            resource: Cow::Owned(account.clone()),
            message: check.reason.raw(),
            waiver: None,
            baseline: None,
            facts: None,
        };
        match check.status {
            Status::Pass => rows.push(on_account(Verdict::Passed)),
            Status::Error => rows.push(on_account(Verdict::Undecided)),
            Status::Fail | Status::Waived => {
                rows.extend(check.findings.iter().map(|finding| Row {
                    check,
                    verdict: Verdict::Failed,
                    resource: Cow::Borrowed(&finding.finding.resource),
                    message: &finding.finding.message,
                    waiver: finding.waiver.as_ref().filter(|w| !w.expired),
                    baseline: finding.baseline,
                    facts: Some(&finding.finding.facts),
                }))
            }
        }
    }
    rows
}
