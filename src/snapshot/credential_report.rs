//! The IAM credential report: per-user facts (password and key use, MFA) for the whole
//! account in one CSV, instead of several calls per user. It can be up to four hours old;
//! the report says when it was generated, and root state never comes from it.

use std::time::Duration;

use aws_sdk_iam::types::ReportStateType;
pub use iam_analysis::credentials::{CredentialReport, CredentialRow, KeyUse, ROOT_ROW, parse};

use super::read::{FetchError, Fetched, Waiting, fetch_error, malformed, to_time};
use crate::api::Call;
use crate::aws::FailureKind;

const GENERATE: Call = Call::GenerateCredentialReport;
const GET: Call = Call::GetCredentialReport;

/// Requests this read may spend in all (generating, polling, downloading): with the audit's
/// seven other requests, `audit --all` stays within 15 plus one per further page.
const MAX_REQUESTS: u32 = 8;
const FIRST_DELAY: Duration = Duration::from_millis(250);
const MAX_DELAY: Duration = Duration::from_secs(4);

/// Generate (IAM reuses a report younger than four hours), poll with backoff (telling
/// `waiting`), then download and parse.
pub async fn fetch(iam: &aws_sdk_iam::Client, waiting: &dyn Waiting) -> Fetched<CredentialReport> {
    let result = generate_and_get(iam, waiting).await;
    waiting.ended();
    result
}

async fn generate_and_get(
    iam: &aws_sdk_iam::Client,
    waiting: &dyn Waiting,
) -> Fetched<CredentialReport> {
    let mut delay = FIRST_DELAY;
    let mut requests = 0;
    let wait = |delay: &mut Duration| {
        let current = *delay;
        *delay = (*delay * 2).min(MAX_DELAY);
        waiting.started("Waiting for IAM to generate the credential report");
        tokio::time::sleep(current)
    };
    // Generate until IAM says COMPLETE.
    loop {
        requests += 1;
        match iam.generate_credential_report().send().await {
            Ok(out) if out.state() == Some(&ReportStateType::Complete) => break,
            Ok(_) => {}
            // Someone else's generation is under way: wait for it like for ours.
            Err(e)
                if e.as_service_error()
                    .is_some_and(|s| s.is_limit_exceeded_exception()) => {}
            Err(e) => return Err(fetch_error(GENERATE, &e)),
        }
        if requests + 1 >= MAX_REQUESTS {
            return Err(still_generating(requests));
        }
        wait(&mut delay).await;
    }
    // Download; a report that expires or is regenerated meanwhile is waited for again.
    loop {
        requests += 1;
        let err = match iam.get_credential_report().send().await {
            Ok(out) => {
                // The report's age decides whether its facts are current: no date, no report.
                let generated_at = out
                    .generated_time()
                    .and_then(to_time)
                    .ok_or_else(|| malformed(GET, "the credential report has no GeneratedTime"))?;
                let content = out
                    .content()
                    .map(|b| b.as_ref())
                    .ok_or_else(|| malformed(GET, "the credential report has no Content"))?;
                return parse(content, generated_at).map_err(|message| FetchError {
                    call: GET.name(),
                    permission: GET.permission(),
                    kind: FailureKind::Other,
                    message,
                });
            }
            Err(e) => e,
        };
        let service = err.as_service_error();
        let not_ready = service.is_some_and(|s| s.is_credential_report_not_ready_exception());
        let gone = service.is_some_and(|s| {
            s.is_credential_report_expired_exception()
                || s.is_credential_report_not_present_exception()
        });
        if !(not_ready || gone) || requests + 2 > MAX_REQUESTS {
            return Err(fetch_error(GET, &err));
        }
        if gone {
            // Expired or gone meanwhile: ask for a new one, then download again.
            requests += 1;
            if let Err(e) = iam.generate_credential_report().send().await {
                return Err(fetch_error(GENERATE, &e));
            }
        }
        wait(&mut delay).await;
    }
}

fn still_generating(requests: u32) -> FetchError {
    FetchError {
        call: GENERATE.name(),
        permission: GENERATE.permission(),
        kind: FailureKind::Other,
        message: format!(
            "the credential report was still being generated after {requests} requests; try again in a minute"
        ),
    }
}
