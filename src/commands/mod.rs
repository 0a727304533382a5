pub mod audit;

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// `iam-harden init`: a commented default config file, never over an existing one.
pub fn init(path: &Path) -> Result<u8> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("cannot create {} (it must not exist yet)", path.display()))?;
    file.write_all(crate::config::default_file().as_bytes())
        .with_context(|| format!("writing {}", path.display()))?;
    crate::output::stderr_line(format!("wrote {}", path.display()));
    Ok(0)
}
