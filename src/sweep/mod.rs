//! Several accounts in one report: one audit report per account that could be read, the
//! accounts that could not (and why), and totals per check across them; `read.rs` reads
//! them (`audit --org`, `audit --accounts`).

pub mod read;

use serde::{Deserialize, Serialize};

use crate::checks::{FailOn, Status};
use crate::report::{Report, SCHEMA_VERSION, Tool, exit_code};

#[derive(Debug, Clone, Serialize)]
pub struct Sweep {
    pub schema_version: u32,
    pub tool: Tool,
    /// When the sweep decided, RFC 3339.
    pub generated_at: String,
    /// One report per account read, by account id.
    pub accounts: Vec<Report>,
    /// The accounts that could not be read, by account id.
    pub errors: Vec<AccountError>,
    pub summary: SweepSummary,
    /// Things worth a look across the sweep (waivers that matched nothing anywhere, reports
    /// of other tool versions in a merge).
    pub notes: Vec<crate::text::Data>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountError {
    pub account: String,
    pub error: crate::text::Data,
}

#[derive(Debug, Clone, Serialize)]
pub struct SweepSummary {
    /// Accounts in the sweep: read or not.
    pub accounts: usize,
    pub read: usize,
    pub unreadable: usize,
    /// Per check, in checklist order: how many accounts are green, orange, undecided, waived.
    pub checks: Vec<CheckTotals>,
    /// Centralized root access of the organization (`--org` from the management account).
    pub root_access: Option<RootAccess>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckTotals {
    pub id: &'static str,
    pub title: &'static str,
    pub pass: usize,
    pub fail: usize,
    pub error: usize,
    pub waived: usize,
}

/// IAM's organization features (`ListOrganizationsFeatures`): with root credentials
/// management, member accounts have no root credentials, so their root items pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RootAccess {
    pub root_credentials_management: Option<bool>,
    pub root_sessions: Option<bool>,
    /// Why the features could not be read, when they could not.
    pub error: Option<String>,
}

impl Sweep {
    /// Reports and errors in account-id order, with their totals.
    pub fn new(
        mut accounts: Vec<Report>,
        mut errors: Vec<AccountError>,
        generated_at: String,
        root_access: Option<RootAccess>,
        notes: Vec<crate::text::Data>,
    ) -> Self {
        accounts.sort_by(|a, b| a.account.id.cmp(&b.account.id));
        errors.sort_by(|a, b| a.account.cmp(&b.account));
        let summary = SweepSummary {
            accounts: accounts.len() + errors.len(),
            read: accounts.len(),
            unreadable: errors.len(),
            checks: totals(&accounts),
            root_access,
        };
        Self {
            schema_version: SCHEMA_VERSION,
            tool: Tool::this(),
            generated_at,
            accounts,
            errors,
            summary,
            notes,
        }
    }

    /// 2 when any account could not be read or decided, else 1 when any account has an
    /// orange item at or above `fail_on`, else 0.
    pub fn exit_code(&self, fail_on: FailOn) -> u8 {
        if !self.errors.is_empty() {
            return crate::exit::ERROR;
        }
        self.accounts
            .iter()
            .map(|report| exit_code(report, fail_on))
            .max()
            .unwrap_or(crate::exit::GREEN)
    }
}

/// Totals per check over the reports, in the order the checks first appear.
fn totals(reports: &[Report]) -> Vec<CheckTotals> {
    let mut totals: Vec<CheckTotals> = Vec::new();
    for report in reports {
        for check in &report.checks {
            let index = match totals.iter().position(|t| t.id == check.id) {
                Some(index) => index,
                None => {
                    totals.push(CheckTotals {
                        id: check.id,
                        title: check.title,
                        pass: 0,
                        fail: 0,
                        error: 0,
                        waived: 0,
                    });
                    totals.len() - 1
                }
            };
            let total = &mut totals[index];
            match check.status {
                Status::Pass => total.pass += 1,
                Status::Fail => total.fail += 1,
                Status::Error => total.error += 1,
                Status::Waived => total.waived += 1,
            }
        }
    }
    totals
}
