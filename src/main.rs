//! iam-harden: audit and harden the identity basics of an AWS account.

mod api;
mod aws;
mod checks;
mod cli;
mod commands;
mod config;
mod diff;
mod document;
mod exit;
mod fix;
mod global;
mod interned;
mod live;
#[allow(unsafe_code)]
mod memory;
mod names;
mod output;
mod pages;
mod render;
mod reply;
mod report;
mod security_hub;
mod settings;
mod snapshot;
mod sweep;
#[cfg(test)]
mod test_support;
mod text;

use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: memory::Counted = memory::Counted;

fn main() -> ExitCode {
    let cli = cli::parse();
    if let Some(mib) = cli.global.max_memory {
        memory::cap(mib);
    }
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            output::stderr_line(format!(
                "iam-harden: error: cannot start the async runtime: {err}"
            ));
            return ExitCode::from(exit::ERROR);
        }
    };
    let result = runtime.block_on(cli::run(&cli));
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            // One line, whatever the error carries from the server or a file.
            output::stderr_line(format!(
                "iam-harden: error: {}",
                text::printable(&format!("{err:#}"))
            ));
            ExitCode::from(exit::ERROR)
        }
    }
}
