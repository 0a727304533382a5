//! `audit --security-hub`: import the run's ASFF findings into the account's Security Hub
//! (default product), and archive the findings this tool imported earlier whose resources no
//! longer appear, so that Security Hub shows what the last run of each check saw.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::Instant;

use anyhow::{Result, bail};
use aws_sdk_securityhub::Client;
use aws_sdk_securityhub::config::http::HttpResponse;
use aws_sdk_securityhub::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_securityhub::types::{
    AwsSecurityFinding, AwsSecurityFindingFilters, Compliance, ComplianceStatus,
    FindingProviderFields, FindingProviderSeverity, Partition, Recommendation, RecordState,
    Remediation, Resource, Severity, SeverityLabel, StringFilter, StringFilterComparison, Workflow,
    WorkflowStatus,
};

use crate::api::Call;
use crate::aws::call_failed;
use crate::checks::Status;
use crate::pages::Pager;
use crate::render::asff::{self, ID_PREFIX};
use crate::report::Report;

/// BatchImportFindings takes at most 100 findings a request.
const BATCH: usize = 100;
/// GetFindings pages of 100; more than this many pages is a reply to distrust.
const MAX_PAGES: usize = 1_000;

/// What an import did, for the run's summary line.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Published {
    pub imported: usize,
    pub archived: usize,
    /// Findings Security Hub refused twice: id and error.
    pub failed: Vec<(String, String)>,
}

/// Import `report`'s findings and archive this tool's earlier ones that are gone; reading
/// the earlier ones stops at `deadline`.
pub async fn publish(client: &Client, report: &Report, deadline: Instant) -> Result<Published> {
    let current = asff::findings(report);
    let Some(first) = current.first() else {
        return Ok(Published::default());
    };
    let (product_arn, account) = (first.product_arn.clone(), first.aws_account_id.clone());
    let earlier = earlier_findings(client, &product_arn, &account, deadline).await?;
    let now = report.generated_at.clone();

    let mut findings: Vec<AwsSecurityFinding> = current
        .iter()
        .map(|finding| {
            let mut sdk = to_sdk(finding);
            // A finding keeps the time it was first seen.
            if let Some(created) = earlier.get(&finding.id).and_then(|f| f.created_at.clone()) {
                sdk.created_at = Some(created);
            }
            sdk
        })
        .collect();
    let imported = findings.len();
    // Archived: what a check that decided this run no longer reports. A check that did not
    // run, or could not decide, leaves its earlier findings as they are.
    let decided: Vec<&str> = report
        .checks
        .iter()
        .filter(|c| c.status != Status::Error)
        .map(|c| c.id)
        .collect();
    let gone: Vec<AwsSecurityFinding> = earlier
        .into_iter()
        .filter(|(id, finding)| {
            !current.iter().any(|f| &f.id == id)
                && finding
                    .generator_id
                    .as_deref()
                    .is_some_and(|g| decided.contains(&g))
        })
        .map(|(_, mut finding)| {
            finding.record_state = Some(RecordState::Archived);
            finding.updated_at = Some(now.clone());
            finding
        })
        .collect();
    let archived = gone.len();
    findings.extend(gone);

    let mut failed = import(client, &findings).await?;
    if !failed.is_empty() {
        // Once more for what was refused: a refusal can be a passing throttle.
        let retry: Vec<AwsSecurityFinding> = findings
            .into_iter()
            .filter(|f| failed.contains_key(f.id.as_deref().unwrap_or_default()))
            .collect();
        failed = import(client, &retry).await?;
    }
    Ok(Published {
        imported,
        archived,
        failed: failed.into_iter().collect(),
    })
}

/// The active findings this tool imported earlier for the account, by id. Security Hub
/// filters by product, account, state and id prefix; the same conditions are checked here
/// again, so that a server that ignores a filter cannot make this archive another
/// provider's findings.
async fn earlier_findings(
    client: &Client,
    product_arn: &str,
    account: &str,
    deadline: Instant,
) -> Result<BTreeMap<String, AwsSecurityFinding>> {
    let prefix = format!("{ID_PREFIX}{account}/");
    let equals = |value: &str| {
        StringFilter::builder()
            .comparison(StringFilterComparison::Equals)
            .value(value)
            .build()
    };
    let filters = AwsSecurityFindingFilters::builder()
        .product_arn(equals(product_arn))
        .aws_account_id(equals(account))
        .record_state(equals(RecordState::Active.as_str()))
        .id(StringFilter::builder()
            .comparison(StringFilterComparison::Prefix)
            .value(&prefix)
            .build())
        .build();
    let mut found = BTreeMap::new();
    let mut token: Option<String> = None;
    let mut pager = Pager::new(MAX_PAGES, Some(deadline));
    loop {
        let page = client
            .get_findings()
            .filters(filters.clone())
            .max_results(100)
            .set_next_token(token.clone())
            .send()
            .await
            .map_err(|e| sdk_error(Call::GetFindings, &e))?;
        for finding in page.findings() {
            let ours = finding
                .id
                .as_deref()
                .is_some_and(|id| id.starts_with(&prefix))
                && finding.product_arn.as_deref() == Some(product_arn)
                && finding.aws_account_id.as_deref() == Some(account)
                && finding.record_state.as_ref() != Some(&RecordState::Archived);
            if let (true, Some(id)) = (ours, finding.id.clone()) {
                found.insert(id, finding.clone());
            }
        }
        token = pager
            .next(page.next_token())
            .map_err(|stop| anyhow::anyhow!("GetFindings: {stop}: refusing to archive from it"))?;
        if token.is_none() {
            return Ok(found);
        }
    }
}

/// Import in batches; the findings Security Hub refused, by id, with its error. An answer
/// whose counts or ids do not add up to its batch is an error: a finding it does not account
/// for may be lost, and the run must not say it was imported.
async fn import(
    client: &Client,
    findings: &[AwsSecurityFinding],
) -> Result<HashMap<String, String>> {
    let mut failed = HashMap::new();
    for batch in findings.chunks(BATCH) {
        let out = client
            .batch_import_findings()
            .set_findings(Some(batch.to_vec()))
            .send()
            .await
            .map_err(|e| sdk_error(Call::BatchImportFindings, &e))?;
        let sent: HashSet<&str> = batch.iter().filter_map(|f| f.id.as_deref()).collect();
        let mut refused_here = HashSet::new();
        for refused in out.failed_findings() {
            let id = refused.id().unwrap_or_default();
            if !sent.contains(id) || !refused_here.insert(id) {
                bail!(
                    "BatchImportFindings named a refused finding {:?} that is not once in its \
                     batch of {}: which findings were imported cannot be confirmed",
                    crate::text::printable(id),
                    batch.len()
                );
            }
            failed.insert(
                id.to_string(),
                format!(
                    "{}: {}",
                    refused.error_code().unwrap_or("error"),
                    refused.error_message().unwrap_or("")
                ),
            );
        }
        let count = |n: Option<i32>| n.and_then(|n| usize::try_from(n).ok());
        let (succeeded, failed_count) = (out.success_count(), out.failed_count());
        let named = refused_here.len();
        if count(failed_count) != Some(named) || count(succeeded) != Some(batch.len() - named) {
            let shown = |n: Option<i32>| n.map_or("none".to_string(), |n| n.to_string());
            bail!(
                "BatchImportFindings answered SuccessCount {} and FailedCount {} and named \
                 {named} refused findings for a batch of {}: which findings were imported \
                 cannot be confirmed",
                shown(succeeded),
                shown(failed_count),
                batch.len()
            );
        }
    }
    Ok(failed)
}

/// One line for a failed call; Security Hub switched off in the region says so.
fn sdk_error<E>(call: Call, err: &SdkError<E, HttpResponse>) -> anyhow::Error
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    if err.code() == Some("InvalidAccessException")
        && err.message().is_some_and(|m| m.contains("not subscribed"))
    {
        return anyhow::anyhow!(
            "Security Hub is not enabled for this account in the region of the run: enable it \
             there, or name its region with --region ({call}: {})",
            err.message().unwrap_or_default()
        );
    }
    call_failed(call, err)
}

/// The SDK's shape of one ASFF finding: the same values the `asff` format prints.
fn to_sdk(finding: &asff::Finding) -> AwsSecurityFinding {
    let severity = &finding.severity;
    AwsSecurityFinding::builder()
        .schema_version(finding.schema_version)
        .id(&finding.id)
        .product_arn(&finding.product_arn)
        .product_name(finding.product_name)
        .company_name(finding.company_name)
        .generator_id(&finding.generator_id)
        .aws_account_id(&finding.aws_account_id)
        .set_types(Some(finding.types.clone()))
        .created_at(&finding.created_at)
        .updated_at(&finding.updated_at)
        .severity(
            Severity::builder()
                .label(SeverityLabel::from(severity.label))
                .original(severity.original)
                .build(),
        )
        .title(&finding.title)
        .description(&finding.description)
        .remediation(
            Remediation::builder()
                .recommendation(
                    Recommendation::builder()
                        .text(&finding.remediation.recommendation.text)
                        .build(),
                )
                .build(),
        )
        .set_product_fields(Some(
            finding
                .product_fields
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ))
        .set_resources(Some(
            finding
                .resources
                .iter()
                .map(|r| {
                    Resource::builder()
                        .r#type(&r.kind)
                        .id(&r.id)
                        .partition(Partition::from(r.partition.as_str()))
                        .region(&r.region)
                        .build()
                })
                .collect(),
        ))
        .compliance(
            Compliance::builder()
                .status(ComplianceStatus::from(finding.compliance.status))
                .set_related_requirements(Some(finding.compliance.related_requirements.clone()))
                .set_security_control_id(finding.compliance.security_control_id.map(str::to_string))
                .build(),
        )
        .workflow(
            Workflow::builder()
                .status(WorkflowStatus::from(finding.workflow.status))
                .build(),
        )
        .record_state(RecordState::from(finding.record_state))
        .finding_provider_fields(
            FindingProviderFields::builder()
                .severity(
                    FindingProviderSeverity::builder()
                        .label(SeverityLabel::from(severity.label))
                        .original(severity.original)
                        .build(),
                )
                .set_types(Some(finding.finding_provider_fields.types.clone()))
                .build(),
        )
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Scope, build};
    use crate::settings::Settings;
    use crate::test_support;
    use crate::test_support::green_snapshot;

    fn report() -> Report {
        let today = crate::config::parse_date("2026-11-28").expect("date");
        build(
            &green_snapshot(),
            &Scope::console(Settings::default(), today),
        )
    }

    /// A GetFindings answer holding these findings (id, product ARN, generator).
    fn findings_page(findings: &[(&str, &str, &str)]) -> String {
        let items: Vec<serde_json::Value> = findings
            .iter()
            .map(|(id, product, generator)| {
                serde_json::json!({
                    "SchemaVersion": "2018-10-08", "Id": id, "ProductArn": product,
                    "GeneratorId": generator, "AwsAccountId": "123456789012",
                    "CreatedAt": "2026-01-01T00:00:00Z", "UpdatedAt": "2026-01-01T00:00:00Z",
                    "Title": "t", "Description": "d", "RecordState": "ACTIVE",
                    "Resources": [{ "Type": "AwsIamUser", "Id": "arn:aws:iam::123456789012:user/gone" }]
                })
            })
            .collect();
        serde_json::json!({ "Findings": items }).to_string()
    }

    fn far_deadline() -> Instant {
        Instant::now() + std::time::Duration::from_secs(60)
    }

    /// How many findings an import request carries.
    fn batch_size(body: &str) -> usize {
        body.matches("\"SchemaVersion\"").count()
    }

    /// Security Hub's answer to an import it took whole.
    fn imported(body: &str) -> String {
        serde_json::json!({ "FailedCount": 0, "SuccessCount": batch_size(body), "FailedFindings": [] })
            .to_string()
    }

    #[tokio::test]
    async fn security_hub_switched_off_is_one_clear_line() {
        let (client, _) = test_support::security_hub(|_, _| {
            (
                401,
                r#"{"__type":"InvalidAccessException","Code":"InvalidAccessException","Message":"Account 123456789012 is not subscribed to AWS Security Hub"}"#.into(),
            )
        });
        let err = publish(&client, &report(), far_deadline())
            .await
            .expect_err("refused");
        let text = err.to_string();
        assert!(
            text.starts_with("Security Hub is not enabled for this account in the region"),
            "{text}"
        );
    }

    #[tokio::test]
    async fn only_this_tools_findings_of_decided_checks_are_archived() {
        let ours = "iam-harden/123456789012/root-mfa/0000";
        let other_check = "iam-harden/123456789012/no-such-check/0001";
        let product = "arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default";
        let page = findings_page(&[
            (ours, product, "root-mfa"),
            // Another provider under the same default product, as a server that ignores
            // the filters would return it.
            ("other-tool/finding-1", product, "root-mfa"),
            // A check that did not run this time.
            (other_check, product, "no-such-check"),
        ]);
        let (client, seen) = test_support::security_hub(move |action, body| match action {
            "Findings" => (200, page.clone()),
            _ => (200, imported(body)),
        });
        let published = publish(&client, &report(), far_deadline())
            .await
            .expect("published");
        assert_eq!(published.archived, 1);
        assert_eq!(published.imported, 5);
        let seen = seen.lock().expect("seen");
        let import = seen
            .iter()
            .find(|r| r.contains("Findings/import"))
            .expect("import");
        assert!(
            import.contains(ours) && import.contains("\"ARCHIVED\""),
            "{import}"
        );
        assert!(!import.contains("other-tool/finding-1"), "{import}");
        assert!(!import.contains(other_check), "{import}");
    }

    #[tokio::test]
    async fn refused_findings_are_retried_once_then_reported() {
        let refused = "iam-harden/123456789012/root-mfa/";
        let (client, seen) = test_support::security_hub(move |action, body| match action {
            "Findings" => (200, r#"{"Findings":[]}"#.into()),
            _ => {
                // Refuse the root-mfa finding wherever it is sent.
                let id = body
                    .split('"')
                    .find(|s| s.starts_with(refused))
                    .unwrap_or_default()
                    .to_string();
                (
                    200,
                    serde_json::json!({
                        "FailedCount": 1, "SuccessCount": batch_size(body) - 1,
                        "FailedFindings": [{ "Id": id, "ErrorCode": "InvalidInput", "ErrorMessage": "Title too long" }]
                    })
                    .to_string(),
                )
            }
        });
        let published = publish(&client, &report(), far_deadline())
            .await
            .expect("published");
        assert_eq!(published.failed.len(), 1);
        assert!(published.failed[0].0.starts_with(refused));
        assert_eq!(published.failed[0].1, "InvalidInput: Title too long");
        let seen = seen.lock().expect("seen");
        let imports: Vec<&String> = seen
            .iter()
            .filter(|r| r.contains("Findings/import"))
            .collect();
        assert_eq!(imports.len(), 2, "one import, one retry");
        // The retry carries only the refused finding.
        assert_eq!(imports[1].matches("\"SchemaVersion\"").count(), 1);
    }

    /// Answers whose counts or refused ids do not add up to the batch sent.
    #[tokio::test]
    async fn an_import_answer_that_does_not_add_up_is_an_error() {
        let answers: [fn(usize) -> serde_json::Value; 4] = [
            // A refused id that was not in the batch.
            |n| {
                serde_json::json!({ "FailedCount": 1, "SuccessCount": n - 1,
                "FailedFindings": [{ "Id": "not-sent", "ErrorCode": "x", "ErrorMessage": "y" }] })
            },
            // Two refused, none named.
            |n| serde_json::json!({ "FailedCount": 2, "SuccessCount": n - 2, "FailedFindings": [] }),
            // More imported than sent.
            |n| serde_json::json!({ "FailedCount": 0, "SuccessCount": n + 1, "FailedFindings": [] }),
            // No counts at all.
            |_| serde_json::json!({ "FailedFindings": [] }),
        ];
        for answer in answers {
            let (client, _) = test_support::security_hub(move |action, body| match action {
                "Findings" => (200, r#"{"Findings":[]}"#.into()),
                _ => (200, answer(batch_size(body)).to_string()),
            });
            let err = publish(&client, &report(), far_deadline())
                .await
                .expect_err("not confirmed");
            assert!(err.to_string().contains("cannot be confirmed"), "{err}");
        }
    }

    /// GetFindings answering tokens a, b, a, b: the listing stops at the first repeat.
    #[tokio::test]
    async fn alternating_page_tokens_end_the_read() {
        let (client, seen) = test_support::security_hub(|action, body| match action {
            "Findings" if body.contains("\"NextToken\":\"a\"") => {
                (200, r#"{"Findings":[],"NextToken":"b"}"#.into())
            }
            "Findings" => (200, r#"{"Findings":[],"NextToken":"a"}"#.into()),
            _ => (200, imported(body)),
        });
        let err = publish(&client, &report(), far_deadline())
            .await
            .expect_err("loop");
        assert!(
            err.to_string().contains("repeats an earlier page token"),
            "{err}"
        );
        assert_eq!(
            seen.lock().expect("seen").len(),
            3,
            "a, b, then a again ends it"
        );
    }
}
