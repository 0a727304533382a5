//! The universe of actions: AWS service prefixes and their actions, vendored from the Service
//! Authorization Reference (`aws-actions.txt`: source, date and how to regenerate it are in
//! its header; `scripts/aws-actions` rewrites it). Wildcards and `NotAction` are expanded
//! against it. An action or service it does not list may still exist (AWS adds services every
//! month), so every question about "all actions" also asks about an unknown one.

use std::sync::OnceLock;

use super::document::ActionPattern;
use super::glob::action_matches;

/// The catalogue's text, compiled in: about 440 KB.
const ACTIONS: &str = include_str!("aws-actions.txt");

/// A service prefix no catalogue lists: stands for every service AWS has not yet published.
pub const UNKNOWN_SERVICE: &str = "iam-harden-unknown-service";
/// An action name no service has: stands for actions a service adds after the catalogue.
pub const UNKNOWN_ACTION: &str = "IamHardenUnknownAction";

/// One AWS service in the catalogue.
#[derive(Debug)]
pub struct Service {
    /// The service's prefix in actions (`iam`, `s3`).
    pub prefix: &'static str,
    /// The service's actions, without the prefix.
    pub actions: Vec<&'static str>,
}

/// Every known action of every service, for expanding wildcards and `NotAction`.
#[derive(Debug)]
pub struct Catalogue {
    services: Vec<Service>,
}

impl Catalogue {
    fn parse(text: &'static str) -> Self {
        let mut services: Vec<Service> = text
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| {
                let mut words = line.split_ascii_whitespace();
                Some(Service {
                    prefix: words.next()?,
                    actions: words.collect(),
                })
            })
            .collect();
        services.sort_by(|a, b| a.prefix.cmp(b.prefix));
        Self { services }
    }

    /// The services, in the catalogue's order.
    pub fn services(&self) -> &[Service] {
        &self.services
    }

    /// Does any action the catalogue lists match `pattern`? `false` for a typo such as
    /// `ima:*` or `organisations:*`, which `NotAction` then excludes nothing with.
    pub fn matches_any(&self, pattern: &ActionPattern) -> bool {
        self.services.iter().any(|s| {
            action_matches(&pattern.service, s.prefix)
                && s.actions.iter().any(|a| action_matches(&pattern.name, a))
        })
    }
}

/// The vendored catalogue, parsed once per process.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| Catalogue::parse(ACTIONS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vendored_catalogue_is_whole_and_well_formed() {
        let catalogue = catalogue();
        assert!(
            catalogue.services().len() > 400,
            "{}",
            catalogue.services().len()
        );
        let actions: usize = catalogue.services().iter().map(|s| s.actions.len()).sum();
        assert!(actions > 15_000, "{actions}");
        for service in catalogue.services() {
            assert!(
                service
                    .prefix
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                service.prefix
            );
            assert!(
                !service.actions.is_empty(),
                "{} has no actions",
                service.prefix
            );
            assert!(service.actions.iter().all(|a| {
                a.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            }));
        }
        let knows =
            |action: &str| ActionPattern::parse(action).is_ok_and(|p| catalogue.matches_any(&p));
        for known in [
            "iam:CreatePolicyVersion",
            "IAM:passrole",
            "sts:AssumeRole",
            "lambda:InvokeFunction",
            "organizations:LeaveOrganization",
        ] {
            assert!(knows(known), "{known}");
        }
        for unknown in [
            "ima:CreatePolicyVersion",
            "organisations:LeaveOrganization",
            "iam:Nothing",
            "iam",
            "",
        ] {
            assert!(!knows(unknown), "{unknown}");
        }
        assert!(!knows(&format!("{UNKNOWN_SERVICE}:*")));
        assert!(!knows(&format!("iam:{UNKNOWN_ACTION}")));
        assert!(knows("iam:*") && knows("*") && knows("s3:Get*"));
    }
}
