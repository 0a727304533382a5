use std::io::{self, Write};

use super::{Render, RenderOptions};
use crate::report::Report;

pub struct Json {
    pub options: RenderOptions,
}

impl Render for Json {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        if self.options.compact {
            serde_json::to_writer(&mut *out, report)?;
        } else {
            serde_json::to_writer_pretty(&mut *out, report)?;
        }
        writeln!(out)
    }
}
