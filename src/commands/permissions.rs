//! `iam-harden permissions`: least-privilege IAM policies, generated from the checks table
//! and the fixes' own lists, so that the documented policy cannot drift from the code.

use std::collections::BTreeSet;

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde_json::{Value, json};

use crate::api::Call;
use crate::checks::{CHECKS, sources_for};

#[derive(Debug, Args)]
pub struct PermissionsArgs {
    #[arg(value_enum, default_value_t = PermissionsFor::Audit)]
    command: PermissionsFor,
    /// For `audit --all`: the extended checks' reads too.
    #[arg(long)]
    all: bool,
    /// For `audit --security-hub`: importing and reading back findings too.
    #[arg(long)]
    security_hub: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PermissionsFor {
    /// Read-only: what `iam-harden audit` calls.
    Audit,
    /// What every `iam-harden fix` may call, reads included.
    Fix,
}

pub fn run(args: &PermissionsArgs) -> Result<u8> {
    let policy = policy(args.command, args.all, args.security_hub);
    crate::output::stdout_line(serde_json::to_string_pretty(&policy)?);
    Ok(crate::exit::GREEN)
}

/// What `audit` reads: the sources of its checks (the console's five, or all with `all`),
/// and the account's alias for the sign-in URL. `sts:GetCallerIdentity` needs no permission.
pub fn audit_actions(all: bool) -> BTreeSet<&'static str> {
    sources_for(CHECKS.iter().filter(|c| all || !c.extended))
        .into_iter()
        .flat_map(|s| s.calls())
        .filter(|call| call.needs_permission())
        .map(|call| call.permission())
        .collect()
}

/// What every fix may call, with the reads it verifies with.
pub fn fix_actions() -> BTreeSet<&'static str> {
    let mut actions = audit_actions(false);
    actions.extend(
        crate::fix::PERMISSIONS
            .iter()
            .flat_map(|(_, calls)| calls.iter().map(|call| call.permission())),
    );
    actions
}

/// What `audit --security-hub` adds: importing findings and reading back its earlier ones.
pub const SECURITY_HUB_CALLS: &[Call] = &[Call::BatchImportFindings, Call::GetFindings];

pub fn policy(for_command: PermissionsFor, all: bool, security_hub: bool) -> Value {
    let (sid, mut actions) = match for_command {
        PermissionsFor::Audit => ("IamHardenAudit", audit_actions(all)),
        PermissionsFor::Fix => ("IamHardenFix", fix_actions()),
    };
    if security_hub {
        actions.extend(SECURITY_HUB_CALLS.iter().map(|call| call.permission()));
    }
    json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": sid,
            "Effect": "Allow",
            "Action": actions.into_iter().collect::<Vec<_>>(),
            "Resource": "*",
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::action::ActionKind;

    #[test]
    fn audit_is_read_only() {
        let actions = audit_actions(false);
        assert_eq!(
            actions.iter().copied().collect::<Vec<_>>(),
            [
                "iam:GetAccountAuthorizationDetails",
                "iam:GetAccountPasswordPolicy",
                "iam:GetAccountSummary",
                "iam:ListAccountAliases",
                "iam:ListRoles",
            ]
        );
    }

    /// Every call a fix plan can contain is allowed by the fix policy.
    #[test]
    fn fix_policy_covers_every_planned_call() {
        use strum::IntoEnumIterator;
        let allowed = fix_actions();
        for kind in ActionKind::iter() {
            let name: &str = kind.into();
            let call = Call::named(name).unwrap_or_else(|| panic!("{name} is not in api::Call"));
            assert!(
                allowed.contains(call.permission()),
                "{} missing",
                call.permission()
            );
        }
    }

    #[test]
    fn audit_all_adds_the_extended_reads() {
        let all = audit_actions(true);
        for action in [
            "iam:GenerateCredentialReport",
            "iam:GetCredentialReport",
            "iam:ListVirtualMFADevices",
            "iam:ListServerCertificates",
        ] {
            assert!(all.contains(action), "{action}");
        }
        assert!(audit_actions(false).is_subset(&all));
    }

    #[test]
    fn security_hub_adds_importing_and_reading_back() {
        let doc = policy(PermissionsFor::Audit, false, true);
        let actions = doc["Statement"][0]["Action"].as_array().expect("actions");
        for call in SECURITY_HUB_CALLS {
            assert!(actions.iter().any(|a| a == call.permission()), "{call}");
        }
        assert_eq!(actions.len(), 5 + SECURITY_HUB_CALLS.len());
    }

    #[test]
    fn the_policy_document_is_well_formed() {
        let doc = policy(PermissionsFor::Audit, false, false);
        assert_eq!(doc["Version"], "2012-10-17");
        assert_eq!(doc["Statement"][0]["Effect"], "Allow");
        assert_eq!(doc["Statement"][0]["Resource"], "*");
        assert_eq!(
            doc["Statement"][0]["Action"].as_array().map(Vec::len),
            Some(5)
        );
    }
}
