//! Renderers take a finished report and a writer; they decide nothing.

pub mod asff;
mod common;
mod csv;
mod html;
mod json;
mod junit;
mod markdown;
mod ocsf;
mod rows;
mod sarif;
mod table;

pub use common::{Render, RenderOptions, stdout_width};
pub use html::diff as html_diff;
pub use markdown::cell as markdown_cell;

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
