//! What every renderer shares: the trait, its options, and how an escalation path is read
//! from a finding's facts.

use std::io::{self, Write};

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
pub(super) fn json_array<T: serde::Serialize>(
    items: impl IntoIterator<Item = T>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let items: Vec<T> = items.into_iter().collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)
}

/// A privilege-escalation finding's path: its hops as the check wrote them into the facts
/// (empty for any other finding, and for a report from a file that has none).
pub(super) fn escalation_path(facts: &crate::checks::finding::Facts) -> &[serde_json::Value] {
    facts
        .get("path")
        .and_then(serde_json::Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// A text field of a hop, empty when it has none.
pub(super) fn hop_text<'a>(hop: &'a serde_json::Value, key: &str) -> &'a str {
    hop.get(key)
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default()
}

/// The resource type of a principal's ARN: a user or a role, or neither.
pub(super) fn principal_type(arn: &str) -> Option<crate::checks::ResourceType> {
    use crate::checks::ResourceType;
    match (arn.contains(":role/"), arn.contains(":user/")) {
        (true, _) => Some(ResourceType::AwsIamRole),
        (_, true) => Some(ResourceType::AwsIamUser),
        _ => None,
    }
}
