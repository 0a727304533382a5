//! Renderers take a finished report and a writer; they decide nothing.

mod json;
mod junit;
mod markdown;
mod sarif;
mod table;

use std::io::{self, Write};

use crate::cli::Format;
use crate::report::Report;

pub trait Render {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()>;
}

/// Options every renderer may use.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    pub color: bool,
    /// One line of JSON instead of an indented document, so that `audit --fix` prints JSON
    /// Lines (the report, then each fix's result).
    pub compact: bool,
}

pub fn renderer(format: Format, options: RenderOptions) -> Box<dyn Render> {
    match format {
        Format::Table => Box::new(table::Table { options }),
        Format::Json => Box::new(json::Json { options }),
        Format::Junit => Box::new(junit::Junit),
        Format::Sarif => Box::new(sarif::Sarif),
        Format::Markdown => Box::new(markdown::Markdown),
    }
}
