//! iam-harden: audit and harden the identity basics of an AWS account.

mod aws;
mod checks;
mod cli;
mod commands;
mod config;
mod fix;
mod output;
mod permissions;
mod render;
mod reply;
mod report;
#[cfg(test)]
mod sdk_test;
mod security_hub;
mod snapshot;
mod sweep;
mod text;

use std::process::ExitCode;

use cli::Command;

/// Exit status for anything that kept the tool from deciding.
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            output::stderr_line(format!(
                "iam-harden: error: cannot start the async runtime: {err}"
            ));
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let result = runtime.block_on(async {
        match &cli.command {
            Command::Audit(args) => commands::audit::run(&cli.global, args).await,
            Command::Merge(args) => commands::merge::run(&cli.global, args),
            Command::Fix(args) => fix::run(&cli.global, args).await,
            Command::Init { path } => commands::init(path),
            Command::Permissions {
                command,
                all,
                security_hub,
            } => {
                let policy = permissions::policy(*command, *all, *security_hub);
                output::stdout_line(serde_json::to_string_pretty(&policy)?);
                Ok(0)
            }
            Command::Checks { all } => commands::checks::list(cli.global.format, *all),
            Command::Explain { id } => commands::checks::explain(id),
            Command::Completions { shell } => commands::completions(*shell),
            Command::Man => commands::man(),
        }
    });
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            // One line, whatever the error carries from the server or a file.
            output::stderr_line(format!(
                "iam-harden: error: {}",
                text::printable(&format!("{err:#}"))
            ));
            ExitCode::from(EXIT_ERROR)
        }
    }
}
