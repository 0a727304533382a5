//! The account's security contact (CIS 1.2) and IAM Access Analyzer in every enabled region
//! (CIS 1.19).

use super::finding::account_of;
use super::finding::{Finding, Resource, ResourceType};
use super::outcome::Outcome;
use crate::settings::Settings;
use crate::snapshot::Snapshot;

pub fn security_contact(snapshot: &Snapshot, _: &Settings) -> Outcome {
    match &snapshot.security_contact {
        Err(e) => Outcome::error(e.reason()),
        Ok(None) => {
            let reason = "No security contact is registered: AWS has nobody to tell about a \
                          security issue in this account";
            Outcome::fail(
                reason,
                vec![
                    Finding::new(crate::checks::finding::account_resource(snapshot), reason)
                        .fact("alternate_contact_type", "SECURITY"),
                ],
            )
        }
        Ok(Some(contact)) => Outcome::pass(format!(
            "Security contact: {} <{}>",
            contact.name, contact.email
        )),
    }
}

pub fn access_analyzer(snapshot: &Snapshot, _: &Settings) -> Outcome {
    let regions = match &snapshot.access_analyzers {
        Ok(r) => r,
        Err(e) => return Outcome::error(e.reason()),
    };
    // Every account has enabled regions: an empty list is a reply that cannot be judged.
    if regions.is_empty() {
        return Outcome::error("ListRegions returned no enabled region, so nothing was checked");
    }
    let (partition, account) = account_of(snapshot);
    let missing: Vec<Finding> = regions
        .iter()
        .filter(|r| r.active.is_empty())
        .map(|r| {
            Finding::new(
                Resource::new(
                    ResourceType::Other,
                    format!(
                        "arn:{partition}:access-analyzer:{}:{account}:analyzer",
                        r.region
                    ),
                    &r.region,
                ),
                format!("region {}: no ACTIVE external access analyzer", r.region),
            )
            .fact("region", &r.region)
        })
        .collect();
    if missing.is_empty() {
        Outcome::pass(format!(
            "Every enabled region ({}) has an active IAM Access Analyzer",
            regions.len()
        ))
    } else {
        Outcome::fail(
            format!(
                "{} of {} enabled regions have no active IAM Access Analyzer",
                missing.len(),
                regions.len()
            ),
            missing,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::Status;
    use crate::snapshot::RegionAnalyzers;
    use crate::test_support::{denied, green_snapshot};

    #[test]
    fn security_contact_outcomes() {
        let green = green_snapshot();
        let outcome = security_contact(&green, &Settings::default());
        assert_eq!(outcome.status, Status::Pass);
        assert_eq!(
            outcome.reason,
            "Security contact: Security team <security@example.com>"
        );
        let mut missing = green_snapshot();
        missing.security_contact = Ok(None);
        assert_eq!(
            security_contact(&missing, &Settings::default()).status,
            Status::Fail
        );
        missing.security_contact =
            Err(denied("GetAlternateContact", "account:GetAlternateContact"));
        assert_eq!(
            security_contact(&missing, &Settings::default()).status,
            Status::Error
        );
    }

    #[test]
    fn every_enabled_region_needs_an_active_analyzer() {
        let region = |name: &str, active: &[&str]| RegionAnalyzers {
            region: name.into(),
            active: active.iter().map(|a| a.to_string()).collect(),
        };
        let mut snapshot = green_snapshot();
        snapshot.access_analyzers = Ok(vec![region("eu-west-1", &[]), region("us-east-1", &["a"])]);
        let outcome = access_analyzer(&snapshot, &Settings::default());
        assert_eq!(outcome.status, Status::Fail);
        assert_eq!(
            outcome.reason,
            "1 of 2 enabled regions have no active IAM Access Analyzer"
        );
        assert_eq!(
            outcome.details,
            ["region eu-west-1: no ACTIVE external access analyzer"]
        );
        snapshot.access_analyzers = Ok(vec![]);
        assert_eq!(
            access_analyzer(&snapshot, &Settings::default()).status,
            Status::Error
        );
        assert_eq!(
            access_analyzer(&green_snapshot(), &Settings::default()).status,
            Status::Pass
        );
    }
}
