use std::io::{self, Write};

use super::common::{Render, RenderOptions};
use crate::report::Report;
use crate::sweep::Sweep;

pub struct Json {
    pub options: RenderOptions,
}

impl Json {
    fn write(&self, value: &impl serde::Serialize, out: &mut dyn Write) -> io::Result<()> {
        if self.options.compact {
            serde_json::to_writer(&mut *out, value)?;
        } else {
            serde_json::to_writer_pretty(&mut *out, value)?;
        }
        writeln!(out)
    }
}

impl Render for Json {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        self.write(report, out)
    }

    fn render_sweep(&self, sweep: &Sweep, out: &mut dyn Write) -> io::Result<()> {
        self.write(sweep, out)
    }
}
