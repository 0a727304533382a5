//! `iam-harden audit`: fetch, decide, render.

use std::io::{self, IsTerminal, Write};

use anyhow::{Result, bail};

use crate::aws::load_config;
use crate::checks::Settings;
use crate::cli::{AuditArgs, GlobalArgs};
use crate::render::{RenderOptions, renderer};
use crate::report::{build, exit_code};
use crate::snapshot::{Clients, fetch};

pub async fn run(global: &GlobalArgs, args: &AuditArgs) -> Result<u8> {
    if args.fix {
        crate::fix::ensure_may_apply(args.dry_run, args.yes, std::io::stdin().is_terminal())?;
    }
    let config = load_config(global).await?;
    let snapshot = fetch(&Clients::new(&config)).await;
    if let Some(err) = snapshot.unreachable() {
        let endpoint = config.endpoint_url().unwrap_or("the AWS endpoint");
        bail!("cannot reach {endpoint}: {}", err.message);
    }
    let settings = Settings {
        baseline: args.baseline.baseline(),
    };
    let report = build(&snapshot, &settings);

    let stdout = io::stdout();
    let options = RenderOptions {
        color: global.color.enabled(
            stdout.is_terminal(),
            std::env::var_os("NO_COLOR").as_deref(),
        ),
    };
    let mut out = io::BufWriter::new(stdout.lock());
    let written = renderer(global.format, options)
        .render(&report, &mut out)
        .and_then(|()| out.flush());
    match written {
        // A reader that stops early (`| head`) is not a failure of the audit.
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => return Err(err.into()),
        _ => {}
    }
    drop(out);
    if args.fix && report.summary.total() != report.summary.pass {
        let env = crate::fix::FixEnv::new(&config, global.format, args.dry_run, args.yes).await;
        return crate::fix::all(&env).await;
    }
    Ok(exit_code(&report.summary))
}
