//! Reads beyond IAM for the CIS IAM section: the account's security contact (Account
//! `GetAlternateContact`, CIS 1.2) and IAM Access Analyzer in every enabled region (Account
//! `ListRegions`, Access Analyzer `ListAnalyzers` per region, CIS 1.19). Both APIs speak JSON,
//! whose parser refuses a reply cut short.

use aws_sdk_accessanalyzer::types::{AnalyzerStatus, Type as AnalyzerType};
use aws_sdk_account::types::{AlternateContactType, RegionOptStatus};

use crate::api::Call;
use crate::pages::Pager;

use super::read::{FetchError, Fetched, fetch_error, malformed, required};

/// Pages of a listing this tool follows at most (regions and analyzers are few).
const MAX_PAGES: usize = 100;

/// The SECURITY alternate contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityContact {
    pub name: String,
    pub email: String,
    pub phone: String,
}

/// One enabled region and the names of its ACTIVE external access analyzers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionAnalyzers {
    pub region: String,
    pub active: Vec<String>,
}

/// `Ok(None)`: no security contact is registered (the API answers ResourceNotFound).
pub async fn fetch_security_contact(
    account: &aws_sdk_account::Client,
) -> Fetched<Option<SecurityContact>> {
    let out = match account
        .get_alternate_contact()
        .alternate_contact_type(AlternateContactType::Security)
        .send()
        .await
    {
        Ok(out) => out,
        Err(e)
            if e.as_service_error()
                .is_some_and(|s| s.is_resource_not_found_exception()) =>
        {
            return Ok(None);
        }
        Err(e) => return Err(fetch_error(Call::GetAlternateContact, &e)),
    };
    let contact = out
        .alternate_contact()
        .ok_or_else(|| malformed(Call::GetAlternateContact, "no AlternateContact"))?;
    Ok(Some(SecurityContact {
        name: required(
            Call::GetAlternateContact,
            "a contact without Name",
            contact.name(),
        )?,
        email: required(
            Call::GetAlternateContact,
            "a contact without EmailAddress",
            contact.email_address(),
        )?,
        phone: contact.phone_number().unwrap_or_default().to_string(),
    }))
}

/// The enabled regions (enabled by default or opted in), then each region's analyzers,
/// all regions at once: one request per region.
pub async fn fetch_access_analyzers(
    account: &aws_sdk_account::Client,
    analyzer_config: &aws_sdk_accessanalyzer::Config,
) -> Fetched<Vec<RegionAnalyzers>> {
    let regions = enabled_regions(account).await?;
    let mut reads = tokio::task::JoinSet::new();
    for region in regions {
        let config = analyzer_config
            .to_builder()
            .region(aws_sdk_accessanalyzer::config::Region::new(region.clone()))
            .build();
        let client = aws_sdk_accessanalyzer::Client::from_conf(config);
        reads.spawn(async move { analyzers_in(&client, region).await });
    }
    let mut found = Vec::new();
    while let Some(read) = reads.join_next().await {
        found.push(read.map_err(|e| malformed(Call::ListAnalyzers, &e.to_string()))??);
    }
    found.sort_by(|a, b| a.region.cmp(&b.region));
    Ok(found)
}

async fn enabled_regions(account: &aws_sdk_account::Client) -> Fetched<Vec<String>> {
    let mut regions = Vec::new();
    let mut token: Option<String> = None;
    let mut pager = Pager::new(MAX_PAGES, None);
    loop {
        let out = account
            .list_regions()
            .region_opt_status_contains(RegionOptStatus::Enabled)
            .region_opt_status_contains(RegionOptStatus::EnabledByDefault)
            .set_next_token(token.take())
            .send()
            .await
            .map_err(|e| fetch_error(Call::ListRegions, &e))?;
        for region in out.regions() {
            let name = required(
                Call::ListRegions,
                "a region without RegionName",
                region.region_name(),
            )?;
            // It becomes part of an endpoint's host name.
            if !crate::aws::is_region_name(&name) {
                return Err(malformed(
                    Call::ListRegions,
                    &format!("{:?} is not a region name", crate::text::printable(&name)),
                ));
            }
            regions.push(name);
        }
        token = pager
            .next(out.next_token())
            .map_err(|stop| malformed(Call::ListRegions, &stop.to_string()))?;
        if token.is_none() {
            return Ok(regions);
        }
    }
}

/// ACTIVE analyzers of the external-access kinds (account or organization).
async fn analyzers_in(
    client: &aws_sdk_accessanalyzer::Client,
    region: String,
) -> Fetched<RegionAnalyzers> {
    let mut active = Vec::new();
    let mut token: Option<String> = None;
    let mut pager = Pager::new(MAX_PAGES, None);
    loop {
        let out = client
            .list_analyzers()
            .set_next_token(token.take())
            .send()
            .await
            .map_err(|e| in_region(fetch_error(Call::ListAnalyzers, &e), &region))?;
        for analyzer in out.analyzers() {
            let external = matches!(
                analyzer.r#type(),
                AnalyzerType::Account | AnalyzerType::Organization
            );
            if external && *analyzer.status() == AnalyzerStatus::Active {
                active.push(analyzer.name().to_string());
            }
        }
        token = pager.next(out.next_token()).map_err(|stop| {
            in_region(malformed(Call::ListAnalyzers, &stop.to_string()), &region)
        })?;
        if token.is_none() {
            return Ok(RegionAnalyzers { region, active });
        }
    }
}

fn in_region(mut err: FetchError, region: &str) -> FetchError {
    err.message = format!("in {region}: {}", err.message);
    err
}

/// The Account and Access Analyzer reads against real-shaped JSON through the SDK (the local
/// server has no Access Analyzer).
#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::{Status, by_id};
    use crate::settings::Settings;
    use crate::snapshot::{Source, fetch};
    use crate::test_support::json_clients;
    use std::collections::BTreeSet;

    fn analyzer(name: &str, kind: &str, status: &str) -> String {
        format!(
            r#"{{"arn":"arn:aws:access-analyzer:us-east-1:111122223333:analyzer/{name}","name":"{name}","type":"{kind}","createdAt":"2024-01-01T00:00:00Z","status":"{status}"}}"#
        )
    }

    /// us-east-1 (enabled by default) has an active account analyzer; eu-west-1 (opted in)
    /// only an unused-access analyzer, which does not watch external access.
    fn answer(method: &str, target: &str, host: &str) -> (u16, String) {
        match (method, target) {
            ("POST", "/listRegions") => (
                200,
                r#"{"Regions":[{"RegionName":"us-east-1","RegionOptStatus":"ENABLED_BY_DEFAULT"},{"RegionName":"eu-west-1","RegionOptStatus":"ENABLED"}]}"#.into(),
            ),
            ("GET", t) if t.starts_with("/analyzer") => {
                let list = if host.contains("us-east-1") {
                    analyzer("account-analyzer", "ACCOUNT", "ACTIVE")
                } else {
                    analyzer("unused", "ACCOUNT_UNUSED_ACCESS", "ACTIVE")
                };
                (200, format!(r#"{{"analyzers":[{list}]}}"#))
            }
            ("POST", "/getAlternateContact") => (
                404,
                r#"{"__type":"ResourceNotFoundException","message":"No contact of the inputted alternate contact type found."}"#.into(),
            ),
            other => panic!("unexpected request {other:?} to {host}"),
        }
    }

    fn sources() -> BTreeSet<Source> {
        [Source::AccessAnalyzers, Source::SecurityContact].into()
    }

    #[tokio::test]
    async fn every_enabled_region_is_asked_once() {
        let (clients, seen) = json_clients(answer);
        let snapshot = fetch(&clients, &sources()).await;
        let regions = snapshot.access_analyzers.clone().expect("analyzers");
        assert_eq!(
            regions,
            [
                RegionAnalyzers {
                    region: "eu-west-1".into(),
                    active: vec![],
                },
                RegionAnalyzers {
                    region: "us-east-1".into(),
                    active: vec!["account-analyzer".into()],
                },
            ]
        );
        let outcome =
            (by_id("access-analyzer").expect("check").run)(&snapshot, &Settings::default());
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(
            outcome.details,
            ["region eu-west-1: no ACTIVE external access analyzer"]
        );
        // One ListRegions, one ListAnalyzers per enabled region, one GetAlternateContact.
        let seen = seen.lock().expect("seen");
        assert_eq!(seen.len(), 4, "{seen:?}");
        assert!(
            seen.iter()
                .any(|r| r.contains("access-analyzer.eu-west-1.")),
            "{seen:?}"
        );

        assert_eq!(
            snapshot.security_contact,
            Ok(None),
            "ResourceNotFound is no contact"
        );
        let contact =
            (by_id("security-contact").expect("check").run)(&snapshot, &Settings::default());
        assert_eq!(contact.status, Status::Fail);
    }

    #[tokio::test]
    async fn a_region_that_cannot_be_read_is_an_error_naming_it() {
        let (clients, _) = json_clients(|method, target, host| {
            if host.contains("eu-west-1") {
                (
                    403,
                    r#"{"__type":"AccessDeniedException","message":"not authorized to perform: access-analyzer:ListAnalyzers"}"#.into(),
                )
            } else {
                answer(method, target, host)
            }
        });
        let snapshot = fetch(&clients, &sources()).await;
        let err = snapshot.access_analyzers.clone().expect_err("denied");
        assert_eq!(err.permission, "access-analyzer:ListAnalyzers");
        assert!(
            err.message.starts_with("in eu-west-1: AccessDenied"),
            "{}",
            err.message
        );
        let outcome =
            (by_id("access-analyzer").expect("check").run)(&snapshot, &Settings::default());
        assert_eq!(outcome.status, Status::Error);
    }
}
