//! The spinner on stderr while a read waits on IAM (the credential report): drawn only when
//! stderr is a terminal, cleared when the read ends.

use std::sync::Mutex;
use std::time::Duration;

use crate::snapshot::Waiting;

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
