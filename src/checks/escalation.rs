//! Privilege escalation: the check is `iam_analysis::checks::escalation`, judged on what the
//! snapshot read (the account's principals and policies, the AWS managed documents in use,
//! the credential report).

use super::outcome::Outcome;
use crate::settings::Settings;
use crate::snapshot::Snapshot;

pub fn privilege_escalation(snapshot: &Snapshot, settings: &Settings) -> Outcome {
    match snapshot.escalation_input(settings.now) {
        Ok(input) => iam_analysis::checks::escalation::privilege_escalation(&input),
        Err(reason) => Outcome::error(reason),
    }
}
