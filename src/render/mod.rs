//! Renderers take a finished report and a writer; they decide nothing.

pub mod asff;
mod csv;
mod html;
mod json;
mod junit;
mod markdown;
mod ocsf;
mod rows;
mod sarif;
mod table;

use std::io::{self, Write};

pub use html::diff as html_diff;
pub use markdown::cell as markdown_cell;

use crate::report::Report;
use crate::sweep::Sweep;

pub trait Render {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()>;
    /// Several accounts in one document.
    fn render_sweep(&self, sweep: &Sweep, out: &mut dyn Write) -> io::Result<()>;
}

/// Options every renderer may use.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    pub color: bool,
    /// One line of JSON instead of an indented document, so that `audit --fix` prints JSON
    /// Lines (the report, then each fix's result).
    pub compact: bool,
    /// Columns the table may use; its reasons wrap to fit.
    pub width: u16,
    /// The table shows only what is orange or undecided (`--quiet`).
    pub quiet: bool,
}

/// The table's width where there is no usable terminal width: a file, a pipe, a CI log, or
/// a terminal that reports nonsense (0 columns).
pub const FALLBACK_WIDTH: u16 = 100;
/// Narrower than this, a four-column table cannot be read: the fallback is used instead.
const MIN_WIDTH: u16 = 40;

impl Default for RenderOptions {
    fn default() -> Self {
        Self {
            color: false,
            compact: false,
            width: FALLBACK_WIDTH,
            quiet: false,
        }
    }
}

/// The width of the terminal on stdout, when it is one and reports a usable width.
pub fn stdout_width() -> u16 {
    terminal_size::terminal_size_of(std::io::stdout())
        .map(|(terminal_size::Width(columns), _)| columns)
        .filter(|columns| *columns >= MIN_WIDTH)
        .unwrap_or(FALLBACK_WIDTH)
}

/// One JSON array of items (ASFF findings, OCSF events), as import APIs and SIEMs take them.
fn json_array<T: serde::Serialize>(
    items: impl IntoIterator<Item = T>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let items: Vec<T> = items.into_iter().collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)
}

pub fn renderer(format: Format, options: RenderOptions) -> Box<dyn Render> {
    match format {
        Format::Table => Box::new(table::Table { options }),
        Format::Json => Box::new(json::Json { options }),
        Format::Junit => Box::new(junit::Junit),
        Format::Sarif => Box::new(sarif::Sarif),
        Format::Markdown => Box::new(markdown::Markdown),
        Format::Csv => Box::new(csv::Csv),
        Format::Asff => Box::new(asff::Asff),
        Format::Ocsf => Box::new(ocsf::Ocsf),
        Format::Html => Box::new(html::Html),
    }
}

/// What a report is written as, on stdout or into an `--output` file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The checklist, for people.
    Table,
    /// The report as JSON (schema/report.schema.json, described in docs/reports.md).
    Json,
    /// JUnit XML: one test case per check, for Jenkins, GitLab and JUnit report actions.
    Junit,
    /// SARIF 2.1.0: one rule per check, one result per orange item (code scanning).
    Sarif,
    /// A Markdown table, for $GITHUB_STEP_SUMMARY and pull-request comments.
    Markdown,
    /// CSV, one row per finding (RFC 4180), for spreadsheets and inventories.
    Csv,
    /// AWS Security Finding Format: a JSON array for Security Hub's BatchImportFindings.
    Asff,
    /// OCSF 1.8.0 Compliance Finding events (a JSON array), for SIEMs and data lakes.
    Ocsf,
    /// One self-contained HTML file (no fetch of any kind), for people: the checklist, or
    /// the account matrix of a sweep with a filter and each account's checklist.
    Html,
}

impl Format {
    /// The format a file's extension names: `.json`, `.xml` (JUnit), `.sarif`, `.md`, `.csv`,
    /// `.html`.
    pub fn for_extension(path: &std::path::Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match extension.as_str() {
            "json" => Format::Json,
            "xml" => Format::Junit,
            "sarif" => Format::Sarif,
            "md" => Format::Markdown,
            "csv" => Format::Csv,
            "html" | "htm" => Format::Html,
            _ => return None,
        })
    }
}

/// A privilege-escalation finding's path: its hops as the check wrote them into the facts
/// (empty for any other finding, and for a report from a file that has none).
fn escalation_path(facts: &crate::checks::finding::Facts) -> &[serde_json::Value] {
    facts
        .get("path")
        .and_then(serde_json::Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// A text field of a hop, empty when it has none.
fn hop_text<'a>(hop: &'a serde_json::Value, key: &str) -> &'a str {
    hop.get(key)
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default()
}

/// The resource type of a principal's ARN: a user or a role, or neither.
fn principal_type(arn: &str) -> Option<crate::checks::ResourceType> {
    use crate::checks::ResourceType;
    match (arn.contains(":role/"), arn.contains(":user/")) {
        (true, _) => Some(ResourceType::AwsIamRole),
        (_, true) => Some(ResourceType::AwsIamUser),
        _ => None,
    }
}
