pub mod audit;
pub mod checks;
pub mod merge;
pub mod sweep;

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

/// `iam-harden completions SHELL`: generated from the command-line definition.
pub fn completions(shell: clap_complete::Shell) -> Result<u8> {
    use clap::CommandFactory;
    let mut buffer = Vec::new();
    clap_complete::generate(
        shell,
        &mut crate::cli::Cli::command(),
        "iam-harden",
        &mut buffer,
    );
    write_stdout(&buffer)
}

/// `iam-harden man`: the man page, roff, generated from the command-line definition.
pub fn man() -> Result<u8> {
    use clap::CommandFactory;
    let mut buffer = Vec::new();
    clap_mangen::Man::new(crate::cli::Cli::command()).render(&mut buffer)?;
    write_stdout(&buffer)
}

/// Generated text to stdout; a reader that stops early is not an error.
fn write_stdout(bytes: &[u8]) -> Result<u8> {
    match std::io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(0),
    }
}
