//! The subcommands, one module each with its flags (`audit` and its `sweep` of many accounts,
//! `merge`, `diff`, `fix`, `permissions`, `checks`/`explain`), the small ones here (`init`,
//! `completions`, `man`), and what they share: the global flags and `--output`.

pub mod audit;
pub mod checks;
pub mod diff;
pub mod fix;
pub mod merge;
pub mod permissions;

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
    Ok(crate::exit::GREEN)
}

/// `iam-harden completions SHELL`: generated from the command-line definition.
pub fn completions(shell: clap_complete::Shell, mut definition: clap::Command) -> Result<u8> {
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut definition, "iam-harden", &mut buffer);
    write_stdout(&buffer)
}

/// `iam-harden man`: the man page, roff, generated from the command-line definition; with a
/// directory, every page the main page refers to (one per subcommand) is written there.
pub fn man(definition: clap::Command, dir: Option<&std::path::Path>) -> Result<u8> {
    // Pages name the release, not the commit: the ones shipped in the archives are
    // generated once per release and must not change with every commit.
    fn release_version(command: clap::Command) -> clap::Command {
        command
            .version(env!("CARGO_PKG_VERSION"))
            .mut_subcommands(release_version)
    }
    let definition = release_version(definition);
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
        clap_mangen::generate_to(definition, dir)
            .map_err(|e| anyhow::anyhow!("cannot write the man pages to {}: {e}", dir.display()))?;
        return Ok(crate::exit::GREEN);
    }
    let mut buffer = Vec::new();
    clap_mangen::Man::new(definition).render(&mut buffer)?;
    write_stdout(&buffer)
}

/// Generated text to stdout; a reader that stops early is not an error.
fn write_stdout(bytes: &[u8]) -> Result<u8> {
    match std::io::stdout().lock().write_all(bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(crate::exit::GREEN),
    }
}
