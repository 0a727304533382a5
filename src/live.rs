//! Reading the live account for one command: the SDK configured from the global flags, the
//! whole read within `--timeout`, and a spinner on stderr while it waits (drawn only when
//! stderr is a terminal, cleared when the read ends).

use std::collections::BTreeSet;
use std::sync::Mutex;
use std::time::Duration;

use anyhow::{Result, bail};

use crate::aws::load_config;
use crate::global::GlobalArgs;
use crate::snapshot::{Clients, Snapshot, Source, Waiting, fetch};

/// Each call's own bound beyond the run's --timeout: a second more, so that a silent endpoint
/// ends the run with one line rather than a table of per-call errors.
pub const CALL_MARGIN: Duration = Duration::from_secs(1);

/// How long a read runs before the spinner shows: a quick one draws nothing.
pub const DELAY: Duration = Duration::from_millis(700);

#[derive(Default)]
pub struct Spinner {
    bar: Mutex<Option<indicatif::ProgressBar>>,
}

impl Waiting for Spinner {
    fn started(&self, what: &str) {
        let Ok(mut bar) = self.bar.lock() else {
            return;
        };
        if let Some(spinner) = bar.as_ref() {
            spinner.set_message(what.to_string());
        } else {
            // indicatif draws nothing when stderr is not a terminal.
            let spinner = indicatif::ProgressBar::new_spinner();
            spinner.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            spinner.set_message(what.to_string());
            spinner.enable_steady_tick(Duration::from_millis(120));
            *bar = Some(spinner);
        }
    }

    fn ended(&self) {
        if let Some(spinner) = self.bar.lock().ok().and_then(|mut bar| bar.take()) {
            spinner.finish_and_clear();
        }
    }
}

/// A read cut short by `--timeout` never says it ended: clear the line anyway.
impl Drop for Spinner {
    fn drop(&mut self) {
        self.ended();
    }
}

/// Read the account through the SDK, within --timeout (each call a second more, so that a
/// silent endpoint ends the run with one line rather than a table of per-call errors); a
/// spinner on a terminal when it takes more than a moment. The snapshot must name its account.
pub async fn read_account(
    global: &GlobalArgs,
    sources: &BTreeSet<Source>,
) -> Result<(Snapshot, aws_types::SdkConfig)> {
    let sdk_config = load_config(&global.aws(), global.timeout() + CALL_MARGIN).await?;
    let endpoint = sdk_config.endpoint_url().unwrap_or("the AWS endpoint");
    let mut clients = Clients::new(&sdk_config);
    let spinner = std::sync::Arc::new(Spinner::default());
    clients.waiting = spinner.clone();
    // One bound for the whole read, retries and pages included.
    let read = tokio::time::timeout(global.timeout(), fetch(&clients, sources));
    let snapshot = tokio::select! {
        snapshot = read => snapshot.ok(),
        never = async {
            tokio::time::sleep(DELAY).await;
            Waiting::started(
                &*spinner,
                &format!("Reading the account at {endpoint} (at most {} s)", global.timeout),
            );
            std::future::pending().await
        } => match never {},
    };
    Waiting::ended(&*spinner);
    let Some(snapshot) = snapshot else {
        bail!(
            "{endpoint} did not answer the audit's reads within {} s (--timeout)",
            global.timeout
        );
    };
    if let Some(err) = snapshot.unreachable() {
        bail!("cannot reach {endpoint}: {}", err.message);
    }
    // A report must name the account it is about.
    if let Err(err) = &snapshot.identity {
        bail!("cannot tell which account was read: {}", err.reason());
    }
    Ok((snapshot, sdk_config))
}
