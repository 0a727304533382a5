//! What a check concludes: its status, a finding's severity, the `--fail-on` threshold, and
//! the outcome that carries them with the findings.

use serde::Serialize;

use super::finding::Finding;

/// What a check concluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Green.
    Pass,
    /// Orange: the account falls short.
    Fail,
    /// The data could not be read: never green.
    Error,
    /// Orange, but covered by an unexpired waiver in the config file. Set by the report;
    /// checks never return it.
    Waived,
}

impl Status {
    /// The mark people see beside the status, wherever they read it (terminal, HTML), so that
    /// status is never told by colour alone.
    pub fn glyph(self) -> &'static str {
        match self {
            Status::Pass => "✔",
            Status::Fail => "⚠",
            Status::Error => "✖",
            Status::Waived => "⊘",
        }
    }
}

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

/// A check's verdict on one snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub status: Status,
    /// One line for the checklist.
    pub reason: String,
    /// One line per finding: the findings' messages.
    pub details: Vec<String>,
    /// One per offending resource (empty when green or undecided).
    pub findings: Vec<Finding>,
}

impl Outcome {
    pub fn pass(reason: impl Into<String>) -> Self {
        Self {
            status: Status::Pass,
            reason: reason.into(),
            details: Vec::new(),
            findings: Vec::new(),
        }
    }

    /// Orange, with the resources that make it so; `details` are their messages.
    pub fn fail(reason: impl Into<String>, findings: Vec<Finding>) -> Self {
        // Orange always names what is orange: consumers key on the findings.
        debug_assert!(!findings.is_empty(), "an orange outcome without findings");
        Self {
            status: Status::Fail,
            reason: reason.into(),
            details: findings.iter().map(|f| f.message.clone()).collect(),
            findings,
        }
    }

    pub fn error(reason: impl Into<String>) -> Self {
        Self {
            status: Status::Error,
            reason: reason.into(),
            details: Vec::new(),
            findings: Vec::new(),
        }
    }
}

/// Whole days from `then` to `now` (0 when `then` is in the future).
pub fn days_between(then: time::OffsetDateTime, now: time::OffsetDateTime) -> i64 {
    (now - then).whole_days().max(0)
}
