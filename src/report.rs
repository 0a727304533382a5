//! The finished audit: what the renderers print and what the exit code is computed from.

use serde::{Deserialize, Serialize};

use crate::checks::{Check, FailOn, Finding, Severity, Status};
use crate::config::Waiver;
use crate::settings::Settings;
use crate::snapshot::Snapshot;
use crate::text::Data;

pub const SCHEMA_VERSION: u32 = 2;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    pub schema_version: u32,
    pub tool: Tool,
    /// When the run decided, RFC 3339.
    pub generated_at: String,
    pub account: Account,
    /// When the credential report the extended checks read was generated; `null` when the
    /// run did not read it.
    pub credential_report: Option<ReportAge>,
    pub checks: Vec<CheckResult>,
    pub summary: Summary,
    /// Things worth a look that change no verdict: waivers that matched nothing this run.
    pub notes: Vec<Data>,
    /// With `audit --baseline`: the run it was compared with, and what changed since.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineNote>,
    /// The region the run's clients used: where Security Hub findings belong (IAM itself
    /// is global). Not part of the JSON report.
    #[serde(skip, default = "fallback_region")]
    pub region: String,
}

fn fallback_region() -> String {
    crate::aws::FALLBACK_REGION.to_string()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportAge {
    /// RFC 3339.
    pub generated_at: String,
    pub age_seconds: i64,
}

/// Text of this build (the checks table, the version), or of a report read back by `merge`.
/// An alias, so that serde does not take the fields for borrowed input.
pub type Text = &'static str;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tool {
    #[serde(deserialize_with = "crate::interned::str")]
    pub name: Text,
    #[serde(deserialize_with = "crate::interned::str")]
    pub version: Text,
}

impl Tool {
    /// This build.
    pub fn this() -> Self {
        Self {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Account {
    pub id: Option<String>,
    /// `aws`, `aws-cn` or `aws-us-gov`, from the caller's ARN.
    pub partition: String,
    pub alias: Option<Data>,
    pub sign_in_url: Option<String>,
    /// Reads about the account itself that failed: the sign-in URL may then be wrong, so
    /// the run cannot count as decided.
    pub errors: Vec<Data>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CheckResult {
    #[serde(deserialize_with = "crate::interned::str")]
    pub id: Text,
    #[serde(deserialize_with = "crate::interned::str")]
    pub title: Text,
    /// What green means and why it matters, for the formats that describe each check
    /// (SARIF rules); not part of the JSON report.
    #[serde(skip)]
    pub green_when: &'static str,
    #[serde(skip)]
    pub why: &'static str,
    pub status: Status,
    pub severity: Severity,
    pub reason: Data,
    pub details: Vec<Data>,
    /// One per offending resource, waived ones last.
    pub findings: Vec<FindingResult>,
    /// The command that fixes it; `null` where no fix exists.
    pub fix: Option<String>,
    /// CIS AWS Foundations Benchmark v5.0.0 recommendations.
    #[serde(deserialize_with = "crate::interned::strs")]
    pub cis: Vec<&'static str>,
    /// The matching AWS Security Hub control.
    #[serde(deserialize_with = "crate::interned::slice")]
    pub security_hub: &'static [&'static str],
    /// The config file's waiver for this item, when one applied or has expired.
    pub waiver: Option<WaiverNote>,
}

/// A finding as reported: the resource, message and facts, and the waiver that covers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingResult {
    #[serde(flatten)]
    pub finding: Finding,
    pub waiver: Option<WaiverNote>,
    /// With `audit --baseline`: whether the baseline had this finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineState>,
}

/// A finding against the baseline run: new since it, or already in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BaselineState {
    New,
    Unchanged,
}

/// What the baseline an audit was compared with says: evidence, not a waiver.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineNote {
    /// The baseline run's date (RFC 3339).
    pub generated_at: Data,
    pub new: usize,
    pub unchanged: usize,
    /// Its findings this run decided are gone.
    pub resolved: usize,
    /// Checks the comparison left out, and why (a check one run lacks or could not decide).
    pub not_compared: Vec<Data>,
}

impl CheckResult {
    /// Is the finding this detail line names new since the baseline? (Detail lines are the
    /// findings' messages.)
    pub fn is_new(&self, detail: &Data) -> bool {
        self.findings
            .iter()
            .any(|f| f.baseline == Some(BaselineState::New) && f.finding.message == detail.raw())
    }

    /// A detail line as the table and Markdown show it: marked when new since the baseline.
    pub fn detail_shown(&self, detail: &Data) -> String {
        match self.is_new(detail) {
            true => format!("new: {detail}"),
            false => detail.to_string(),
        }
    }
}

impl BaselineState {
    /// As the JSON spells it: `new`, `unchanged`.
    pub fn as_str(self) -> &'static str {
        match self {
            BaselineState::New => "new",
            BaselineState::Unchanged => "unchanged",
        }
    }
}

impl BaselineNote {
    /// One line for people: how this run compares with the baseline.
    pub fn summary(&self) -> String {
        format!(
            "{} new since the baseline of {}, {} unchanged, {} of its findings resolved",
            self.new, self.generated_at, self.unchanged, self.resolved
        )
    }
}

impl FindingResult {
    /// Covered by a waiver that has not expired.
    pub fn is_waived(&self) -> bool {
        self.waiver.as_ref().is_some_and(|w| !w.expired)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaiverNote {
    pub reason: Data,
    /// Last day the waiver applies, `YYYY-MM-DD`.
    pub expires: String,
    pub expired: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub pass: usize,
    pub fail: usize,
    pub error: usize,
    pub waived: usize,
}

impl Summary {
    pub fn total(&self) -> usize {
        self.pass + self.fail + self.error + self.waived
    }
}

/// What an audit runs and how it judges: the checks, their severities, the waivers, and the
/// date waivers are measured against.
#[derive(Debug, Clone)]
pub struct Scope {
    pub settings: Settings,
    pub checks: Vec<&'static Check>,
    pub severity: std::collections::BTreeMap<String, Severity>,
    pub waivers: Vec<Waiver>,
    pub today: time::Date,
}

#[cfg(test)]
impl Scope {
    /// The console's five, default severities, no waivers.
    pub fn console(settings: Settings, today: time::Date) -> Self {
        Self {
            settings,
            checks: crate::checks::CHECKS
                .iter()
                .filter(|c| !c.extended)
                .collect(),
            severity: Default::default(),
            waivers: Vec::new(),
            today,
        }
    }
}

/// `CIS 1.4 · IAM.9`: the compliance controls of a result, for one-cell outputs.
pub fn controls(check: &CheckResult) -> String {
    let mut parts = Vec::new();
    if !check.cis.is_empty() {
        parts.push(format!("CIS {}", check.cis.join(", ")));
    }
    if !check.security_hub.is_empty() {
        parts.push(check.security_hub.join(", "));
    }
    parts.join(" · ")
}

/// The console's sign-in address: the alias when there is one, else the account id.
pub fn sign_in_url(alias: Option<&str>, account_id: Option<&str>) -> Option<String> {
    alias
        .or(account_id)
        .map(|name| format!("https://{name}.signin.aws.amazon.com/console"))
}

/// The account, the check and the resource, hashed (ASFF's and OCSF's finding ids, which
/// stay one record per resource), and with the finding's route where it has one (SARIF's
/// partial fingerprint, baselines and diffs: a new escalation path is a new finding).
pub fn fingerprint(
    account: &str,
    check: &str,
    resource: &crate::checks::Resource,
    route: Option<&str>,
) -> String {
    let mut text = format!("{account}\n{check}\n{}\n{}", resource.arn, resource.name);
    if let Some(route) = route {
        text.push_str(&format!("\n{route}"));
    }
    let digest = <sha2::Sha256 as sha2::Digest>::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Run the scope's checks on the snapshot, applying severities and waivers.
pub fn build(snapshot: &Snapshot, scope: &Scope) -> Report {
    let id = snapshot
        .identity
        .as_ref()
        .ok()
        .map(|i| i.account.clone())
        .filter(|a| !a.is_empty());
    // A waiver naming accounts holds only where the audited account is one of them, in
    // every mode: a config shared by per-account jobs must not hide another account's
    // findings, and an account the run could not name matches no list.
    let waivers: Vec<&Waiver> = scope
        .waivers
        .iter()
        .filter(|w| w.accounts.is_none() || id.as_deref().is_some_and(|a| w.applies_in(a)))
        .collect();
    let checks: Vec<CheckResult> = scope
        .checks
        .iter()
        .map(|check| {
            let started = std::time::Instant::now();
            let outcome = (check.run)(snapshot, &scope.settings);
            // --verbose: what each check cost, the evaluation of policies included.
            if crate::aws::is_verbose() {
                crate::output::stderr_line(format!(
                    "check: {} {:?} in {:.1} ms",
                    check.id,
                    outcome.status,
                    started.elapsed().as_secs_f64() * 1000.0
                ));
            }
            let mut result = CheckResult {
                id: check.id,
                title: check.title,
                green_when: check.green_when,
                why: check.why,
                status: outcome.status,
                severity: scope
                    .severity
                    .get(check.id)
                    .copied()
                    .unwrap_or(check.severity),
                reason: outcome.reason.into(),
                details: outcome.details.into_iter().map(Data::from).collect(),
                findings: outcome
                    .findings
                    .into_iter()
                    .map(|finding| FindingResult {
                        finding,
                        waiver: None,
                        baseline: None,
                    })
                    .collect(),
                fix: check.fix_command(),
                cis: check.cis.to_vec(),
                security_hub: check.security_hub,
                waiver: None,
            };
            if result.status == Status::Fail {
                let for_check: Vec<&Waiver> = waivers
                    .iter()
                    .filter(|w| w.check == check.id)
                    .copied()
                    .collect();
                apply_waivers(&mut result, &for_check, scope.today);
            }
            result
        })
        .collect();
    let summary = summarize(&checks);
    let (alias_error, alias_note) = alias_outcome(snapshot);
    let alias = snapshot
        .aliases
        .as_ref()
        .ok()
        .and_then(|a| a.first().cloned());
    Report {
        schema_version: SCHEMA_VERSION,
        tool: Tool::this(),
        credential_report: snapshot.credential_report.as_ref().ok().map(|r| ReportAge {
            generated_at: rfc3339(r.generated_at),
            age_seconds: (scope.settings.now - r.generated_at).whole_seconds(),
        }),
        generated_at: rfc3339(scope.settings.now),
        region: crate::aws::FALLBACK_REGION.to_string(),
        account: Account {
            partition: crate::checks::account_of(snapshot).0,
            sign_in_url: sign_in_url(alias.as_deref(), id.as_deref()),
            id,
            alias: alias.map(Data::from),
            errors: [snapshot.identity.as_ref().err(), alias_error]
                .into_iter()
                .flatten()
                .map(|e| e.reason().into())
                .collect(),
        },
        notes: alias_note
            .into_iter()
            .chain(stale_waivers(&checks, &waivers, scope.today))
            .collect(),
        checks,
        summary,
        baseline: None,
    }
}

/// The alias read's error for the account's errors, or, when the run read a file of
/// authorization details (which holds no alias: that is what the file is, not a failed read,
/// so it does not make the run undecided), the note that says the sign-in URL names the
/// account by id.
fn alias_outcome(snapshot: &Snapshot) -> (Option<&crate::snapshot::FetchError>, Option<Data>) {
    match snapshot.aliases.as_ref().err() {
        Some(e) if e.kind == crate::aws::FailureKind::NotInFile => (
            None,
            Some(Data::from(
                "the account's alias is not in an authorization details file: the sign-in URL \
                 names the account by id"
                    .to_string(),
            )),
        ),
        error => (error, None),
    }
}

/// How many checks have each status: computed, never read from a file.
pub fn summarize(checks: &[CheckResult]) -> Summary {
    let mut summary = Summary::default();
    for check in checks {
        match check.status {
            Status::Pass => summary.pass += 1,
            Status::Fail => summary.fail += 1,
            Status::Error => summary.error += 1,
            Status::Waived => summary.waived += 1,
        }
    }
    summary
}

/// A time as the reports and logs write it: RFC 3339.
pub fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// A date as `rfc3339` writes it, read back; `None` when it is not RFC 3339.
pub fn parse_rfc3339(text: &str) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()
}

/// Waivers, finding by finding: a finding is waived when an unexpired waiver for its check
/// covers its resource (the latest-expiring one counts). The check is `waived` only when
/// every finding is; otherwise it stays orange, unwaived findings first, and says how many
/// are waived. A covering waiver that has expired leaves the finding orange, with a note.
fn apply_waivers(result: &mut CheckResult, waivers: &[&Waiver], today: time::Date) {
    let note = |w: &Waiver| WaiverNote {
        reason: w.reason.as_str().into(),
        expires: w.expires.to_string(),
        expired: today > w.expires,
    };
    for finding in &mut result.findings {
        finding.waiver = waivers
            .iter()
            .filter(|w| w.covers(&finding.finding.resource))
            .max_by_key(|w| w.expires)
            .map(|w| note(w));
    }
    // Unwaived findings first, in their order; a stable sort keeps it. The details that are
    // no finding's message (an escalation's notes on paths through existing resources, with
    // their count) stay after the findings'.
    let messages: std::collections::HashSet<&str> = result
        .findings
        .iter()
        .map(|f| f.finding.message.as_str())
        .collect();
    let notes: Vec<Data> = result
        .details
        .iter()
        .filter(|d| !messages.contains(d.raw()))
        .cloned()
        .collect();
    result.findings.sort_by_key(FindingResult::is_waived);
    result.details = result
        .findings
        .iter()
        .map(|f| f.finding.message.as_str().into())
        .chain(notes)
        .collect();
    let count = result.findings.iter().filter(|f| f.is_waived()).count();
    let lapsed = result
        .findings
        .iter()
        .filter_map(|f| f.waiver.as_ref().filter(|w| w.expired))
        .max_by(|a, b| a.expires.cmp(&b.expires))
        .cloned();
    if count > 0 && count == result.findings.len() {
        // The check is waived until its first finding's waiver ends.
        let first_to_end = result
            .findings
            .iter()
            .filter_map(|f| f.waiver.clone())
            .min_by(|a, b| a.expires.cmp(&b.expires));
        if let Some(waiver) = first_to_end {
            result.status = Status::Waived;
            result
                .details
                .push(format!("waived until {}: {}", waiver.expires, waiver.reason.raw()).into());
            result.waiver = Some(waiver);
        }
        return;
    }
    if count > 0 {
        result.reason = format!("{} ({count} waived)", result.reason.raw()).into();
    }
    if let Some(expired) = lapsed {
        result
            .details
            .push(format!("its waiver expired on {}", expired.expires).into());
        result.reason = format!(
            "{} (waiver expired on {})",
            result.reason.raw(),
            expired.expires
        )
        .into();
        result.waiver = Some(expired);
    }
}

/// Unexpired waivers that covered no finding of a check that ran: exceptions outlive their
/// reason this way, so the run says so.
fn stale_waivers(checks: &[CheckResult], waivers: &[&Waiver], today: time::Date) -> Vec<Data> {
    let mut notes = Vec::new();
    for waiver in waivers.iter().filter(|w| today <= w.expires) {
        // A check that did not run leaves its waivers unjudged.
        let Some(check) = checks.iter().find(|c| c.id == waiver.check) else {
            continue;
        };
        let resources: Vec<&crate::checks::Resource> =
            check.findings.iter().map(|f| &f.finding.resource).collect();
        let unmatched = waiver.unmatched_patterns(&resources);
        let note = if !resources.iter().any(|r| waiver.covers(r)) {
            let scope = match &waiver.resources {
                Some(patterns) => format!(" for {}", patterns.join(", ")),
                None => String::new(),
            };
            format!(
                "the waiver for {}{scope} (until {}) matched nothing in this run: remove it?",
                waiver.check, waiver.expires
            )
        } else if !unmatched.is_empty() {
            format!(
                "the waiver for {} (until {}) has resource patterns that matched nothing in this run: {}: remove them?",
                waiver.check,
                waiver.expires,
                unmatched.join(", ")
            )
        } else {
            continue;
        };
        notes.push(Data::from(note));
    }
    notes
}

/// The process exit status for a finished audit: 2 when any check could not decide (or the
/// account's own details could not be read), 1 when an orange item reaches the `fail_on`
/// severity (with a baseline: a finding new since it), else 0. Waived items never count.
pub fn exit_code(report: &Report, fail_on: FailOn) -> u8 {
    if report.checks.iter().any(|c| c.status == Status::Error) || !report.account.errors.is_empty()
    {
        crate::exit::ERROR
    } else if report.checks.iter().any(|c| {
        // Against a baseline, only what is new since it counts.
        let new_since =
            |f: &FindingResult| !f.is_waived() && f.baseline == Some(BaselineState::New);
        let counts = report.baseline.is_none() || c.findings.iter().any(new_since);
        c.status == Status::Fail && fail_on.fails(c.severity) && counts
    }) {
        crate::exit::ORANGE
    } else {
        crate::exit::GREEN
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{denied, green_snapshot};

    fn today() -> time::Date {
        crate::config::parse_date("2026-11-28").expect("date")
    }

    fn scope() -> Scope {
        Scope::console(Settings::default(), today())
    }

    /// A report whose checks have these statuses and severities.
    fn report_with(items: &[(Status, Severity)]) -> Report {
        let mut report = build(&green_snapshot(), &scope());
        report.checks.truncate(items.len());
        for (check, (status, severity)) in report.checks.iter_mut().zip(items) {
            check.status = *status;
            check.severity = *severity;
        }
        report
    }

    #[test]
    fn exit_code_follows_status_and_threshold() {
        use Severity::*;
        use Status::*;
        let all_green = report_with(&[(Pass, Critical), (Pass, Low)]);
        assert_eq!(exit_code(&all_green, FailOn::Low), 0);
        let low_orange = report_with(&[(Pass, Critical), (Fail, Low)]);
        assert_eq!(exit_code(&low_orange, FailOn::Low), 1);
        assert_eq!(exit_code(&low_orange, FailOn::Medium), 0);
        assert_eq!(exit_code(&low_orange, FailOn::None), 0);
        let critical_orange = report_with(&[(Fail, Critical)]);
        for (fail_on, code) in [
            (FailOn::Low, 1),
            (FailOn::Medium, 1),
            (FailOn::High, 1),
            (FailOn::Critical, 1),
            (FailOn::None, 0),
        ] {
            assert_eq!(exit_code(&critical_orange, fail_on), code, "{fail_on:?}");
        }
        let errored = report_with(&[(Pass, Low), (Error, Low)]);
        assert_eq!(exit_code(&errored, FailOn::None), 2, "errors always give 2");
        let waived = report_with(&[(Waived, Critical), (Pass, Low)]);
        assert_eq!(exit_code(&waived, FailOn::Low), 0);
    }

    fn waiver(expires: &str) -> Waiver {
        Waiver {
            check: "root-mfa".into(),
            reason: "blocked by SCP".into(),
            expires: crate::config::parse_date(expires).expect("date"),
            resources: None,
            accounts: None,
        }
    }

    fn with_waiver(expires: &str) -> CheckResult {
        let mut snapshot = green_snapshot();
        snapshot.summary.as_mut().expect("summary").root_mfa_enabled = Some(false);
        let mut scope = scope();
        scope.waivers = vec![waiver(expires)];
        build(&snapshot, &scope).checks[1].clone()
    }

    #[test]
    fn a_waiver_applies_through_its_expiry_date() {
        for expires in ["2026-11-28", "2027-01-01"] {
            let check = with_waiver(expires);
            assert_eq!(check.status, Status::Waived, "{expires}");
            let note = check.waiver.expect("note");
            assert!(!note.expired);
            assert_eq!(note.expires, expires);
        }
    }

    #[test]
    fn an_expired_waiver_shows_the_item_orange_with_a_note() {
        let check = with_waiver("2026-11-27");
        assert_eq!(check.status, Status::Fail);
        assert!(check.waiver.expect("note").expired);
        assert!(
            check
                .reason
                .raw()
                .ends_with("(waiver expired on 2026-11-27)"),
            "{}",
            check.reason
        );
        assert!(
            check
                .details
                .contains(&"its waiver expired on 2026-11-27".into())
        );
    }

    #[test]
    fn a_waiver_on_a_green_item_changes_nothing() {
        let mut scope = scope();
        scope.waivers = vec![waiver("2027-01-01")];
        let report = build(&green_snapshot(), &scope);
        assert_eq!(report.checks[1].status, Status::Pass);
        assert_eq!(report.checks[1].waiver, None);
    }

    #[test]
    fn selected_checks_and_severity_overrides() {
        let mut scope = scope();
        scope.checks = vec![&crate::checks::CHECKS[4], &crate::checks::CHECKS[0]];
        scope
            .severity
            .insert("password-policy".into(), Severity::Critical);
        let report = build(&green_snapshot(), &scope);
        let ids: Vec<&str> = report.checks.iter().map(|c| c.id).collect();
        assert_eq!(ids, ["password-policy", "root-access-keys"]);
        assert_eq!(report.checks[0].severity, Severity::Critical);
        assert_eq!(report.checks[1].severity, Severity::Critical);
        assert_eq!(report.summary.total(), 2);
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
        let report = build(&green_snapshot(), &scope());
        assert_eq!(
            report.summary,
            Summary {
                pass: 5,
                ..Default::default()
            }
        );
        assert_eq!(report.account.id.as_deref(), Some("123456789012"));
        assert_eq!(exit_code(&report, FailOn::Low), 0);
    }

    #[test]
    fn json_has_the_documented_shape() {
        let mut snapshot = green_snapshot();
        snapshot.aliases = Ok(vec!["acme".into()]);
        snapshot.password_policy = Ok(None);
        let value = serde_json::to_value(build(&snapshot, &scope())).expect("serializable");
        assert_eq!(value["schema_version"], 2);
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
        assert_eq!(
            keys,
            [
                "id",
                "title",
                "status",
                "severity",
                "reason",
                "details",
                "findings",
                "fix",
                "cis",
                "security_hub",
                "waiver"
            ]
        );
        assert_eq!(last["severity"], "medium");
        assert_eq!(last["waiver"], serde_json::Value::Null);
        // The checklist's password item is stricter than any one control: no control ids.
        assert_eq!(last["cis"], serde_json::json!([]));
        assert_eq!(last["security_hub"], serde_json::json!([]));
        assert_eq!(
            value["credential_report"]["generated_at"],
            "1970-01-01T00:00:00Z"
        );
        assert_eq!(
            value["summary"],
            serde_json::json!({"pass": 4, "fail": 1, "error": 0, "waived": 0})
        );
    }

    #[test]
    fn unknown_account_id_leaves_alias_url() {
        let mut snapshot = green_snapshot();
        snapshot.identity = Err(denied("GetCallerIdentity", "sts:GetCallerIdentity"));
        let report = build(&snapshot, &scope());
        assert_eq!(report.account.id, None);
        assert_eq!(report.account.sign_in_url, None);
        assert!(
            report.account.errors[0]
                .raw()
                .contains("sts:GetCallerIdentity")
        );
        assert_eq!(exit_code(&report, FailOn::None), 2);
    }
}
