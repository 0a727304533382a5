//! What a check concludes: its status, a finding's severity, the `--fail-on` threshold, and
//! the outcome that carries them with the findings.

pub use iam_analysis::verdict::{Outcome, Status, days_between};
use serde::Serialize;

/// How much a failing check matters, following AWS Security Hub where a control matches.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// As ASFF and OCSF labels spell it: `CRITICAL`.
    pub fn as_str_upper(self) -> &'static str {
        match self {
            Severity::Low => "LOW",
            Severity::Medium => "MEDIUM",
            Severity::High => "HIGH",
            Severity::Critical => "CRITICAL",
        }
    }

    /// The CVSS-like score GitHub code scanning reads from SARIF's `security-severity`.
    pub fn score(self) -> &'static str {
        match self {
            Severity::Low => "3.0",
            Severity::Medium => "5.5",
            Severity::High => "8.0",
            Severity::Critical => "9.5",
        }
    }
}

/// The least severity of an orange item that makes the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Critical,
    High,
    Medium,
    #[default]
    Low,
    /// Orange items never fail the run; errors still do.
    None,
}

impl FailOn {
    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Critical => severity >= Severity::Critical,
            FailOn::High => severity >= Severity::High,
            FailOn::Medium => severity >= Severity::Medium,
            FailOn::Low => true,
            FailOn::None => false,
        }
    }
}
