//! The finished audit: what the renderers print and what the exit code is computed from.

use serde::Serialize;

use crate::checks::{CHECKS, Settings, Status};
use crate::snapshot::Snapshot;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema_version: u32,
    pub tool: Tool,
    pub account: Account,
    pub checks: Vec<CheckResult>,
    pub summary: Summary,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Account {
    pub id: Option<String>,
    pub alias: Option<String>,
    pub sign_in_url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    pub id: &'static str,
    pub title: &'static str,
    pub status: Status,
    pub reason: String,
    pub details: Vec<String>,
    pub fix: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub pass: usize,
    pub fail: usize,
    pub error: usize,
}

impl Summary {
    pub fn total(&self) -> usize {
        self.pass + self.fail + self.error
    }
}

/// The console's sign-in address: the alias when there is one, else the account id.
pub fn sign_in_url(alias: Option<&str>, account_id: Option<&str>) -> Option<String> {
    alias
        .or(account_id)
        .map(|name| format!("https://{name}.signin.aws.amazon.com/console"))
}

/// Run every check on the snapshot.
pub fn build(snapshot: &Snapshot, settings: &Settings) -> Report {
    let checks: Vec<CheckResult> = CHECKS
        .iter()
        .map(|check| {
            let outcome = (check.run)(snapshot, settings);
            CheckResult {
                id: check.id,
                title: check.title,
                status: outcome.status,
                reason: outcome.reason,
                details: outcome.details,
                fix: check.fix_command(),
            }
        })
        .collect();
    let mut summary = Summary::default();
    for check in &checks {
        match check.status {
            Status::Pass => summary.pass += 1,
            Status::Fail => summary.fail += 1,
            Status::Error => summary.error += 1,
        }
    }
    let id = snapshot
        .identity
        .as_ref()
        .ok()
        .map(|i| i.account.clone())
        .filter(|a| !a.is_empty());
    let alias = snapshot
        .aliases
        .as_ref()
        .ok()
        .and_then(|a| a.first().cloned());
    Report {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        },
        account: Account {
            sign_in_url: sign_in_url(alias.as_deref(), id.as_deref()),
            id,
            alias,
        },
        checks,
        summary,
    }
}

/// The process exit status for a finished audit: 0 all green, 1 orange items, 2 undecided.
pub fn exit_code(summary: &Summary) -> u8 {
    if summary.error > 0 {
        2
    } else if summary.fail > 0 {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::test_support::{denied, green_snapshot};

    #[test]
    fn exit_code_follows_the_worst_status() {
        let s = |pass, fail, error| Summary { pass, fail, error };
        assert_eq!(exit_code(&s(5, 0, 0)), 0);
        assert_eq!(exit_code(&s(4, 1, 0)), 1);
        assert_eq!(exit_code(&s(0, 5, 0)), 1);
        assert_eq!(exit_code(&s(4, 0, 1)), 2);
        assert_eq!(exit_code(&s(0, 4, 1)), 2);
    }

    #[test]
    fn sign_in_url_prefers_the_alias() {
        assert_eq!(
            sign_in_url(Some("acme-prod"), Some("123456789012")).as_deref(),
            Some("https://acme-prod.signin.aws.amazon.com/console")
        );
        assert_eq!(
            sign_in_url(None, Some("123456789012")).as_deref(),
            Some("https://123456789012.signin.aws.amazon.com/console")
        );
        assert_eq!(sign_in_url(None, None), None);
    }

    #[test]
    fn green_snapshot_gives_a_clean_report() {
        let report = build(&green_snapshot(), &Settings::default());
        assert_eq!(
            report.summary,
            Summary {
                pass: 5,
                fail: 0,
                error: 0
            }
        );
        assert_eq!(report.account.id.as_deref(), Some("123456789012"));
        assert_eq!(exit_code(&report.summary), 0);
    }

    #[test]
    fn json_has_the_documented_shape() {
        let mut snapshot = green_snapshot();
        snapshot.aliases = Ok(vec!["acme".into()]);
        snapshot.password_policy = Ok(None);
        let value =
            serde_json::to_value(build(&snapshot, &Settings::default())).expect("serializable");
        assert_eq!(value["schema_version"], 1);
        assert_eq!(value["tool"]["name"], "iam-harden");
        assert_eq!(value["account"]["alias"], "acme");
        assert_eq!(
            value["account"]["sign_in_url"],
            "https://acme.signin.aws.amazon.com/console"
        );
        let checks = value["checks"].as_array().expect("checks array");
        assert_eq!(checks.len(), 5);
        let last = &checks[4];
        assert_eq!(last["id"], "password-policy");
        assert_eq!(last["status"], "fail");
        assert_eq!(last["fix"], "iam-harden fix password-policy");
        let keys: Vec<&String> = last.as_object().expect("object").keys().collect();
        assert_eq!(keys, ["id", "title", "status", "reason", "details", "fix"]);
        assert_eq!(
            value["summary"],
            serde_json::json!({"pass": 4, "fail": 1, "error": 0})
        );
    }

    #[test]
    fn unknown_account_id_leaves_alias_url() {
        let mut snapshot = green_snapshot();
        snapshot.identity = Err(denied("GetCallerIdentity", "sts:GetCallerIdentity"));
        let report = build(&snapshot, &Settings::default());
        assert_eq!(report.account.id, None);
        assert_eq!(report.account.sign_in_url, None);
    }
}
