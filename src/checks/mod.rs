//! The checks: one static table drives the audit, the checklist order, `--help`, the README
//! and the `fix` command names. Each check is a pure function of the snapshot.

pub mod account;
pub mod credentials;
pub mod escalation;
pub mod finding;
pub mod groups;
pub mod outcome;
pub mod password_policy;
pub mod policies;
pub mod root;
pub mod users;

use std::collections::BTreeSet;

pub use finding::{Finding, Resource, ResourceType, account_of};
pub use outcome::{FailOn, Outcome, Severity, Status};

use crate::settings::Settings;
use crate::snapshot::{Snapshot, Source};

/// The check with this id.
pub fn by_id(id: &str) -> Option<&'static Check> {
    CHECKS.iter().find(|c| c.id == id)
}

/// The check with this id, or the message every place that takes ids from users shows.
pub fn lookup(id: &str) -> Result<&'static Check, String> {
    by_id(id).ok_or_else(|| {
        let ids: Vec<&str> = CHECKS.iter().map(|c| c.id).collect();
        format!("unknown check id {id:?} (known: {})", ids.join(", "))
    })
}

/// What one check reads (plus the account's identity and alias).
pub fn sources_of(id: &str) -> BTreeSet<Source> {
    sources_for(by_id(id))
}

/// Everything a run of these checks reads: their sources, and the account's identity and
/// alias for the sign-in URL.
pub fn sources_for<'a>(checks: impl IntoIterator<Item = &'a Check>) -> BTreeSet<Source> {
    let mut sources: BTreeSet<Source> = checks
        .into_iter()
        .flat_map(|c| c.sources.iter().copied())
        .collect();
    sources.extend([Source::CallerIdentity, Source::AccountAliases]);
    sources
}

/// What the five console items read: the fixes verify with this.
pub fn console_sources() -> BTreeSet<Source> {
    sources_for(CHECKS.iter().filter(|c| !c.extended))
}

/// One item of the checklist.
#[derive(Debug)]
pub struct Check {
    /// Stable kebab-case id: part of the JSON output and the `fix` command. Never renamed.
    pub id: &'static str,
    /// The console's wording of the item.
    pub title: &'static str,
    /// What green means, for `--help` and the README.
    pub green_when: &'static str,
    /// Why it matters, for SARIF and the README.
    pub why: &'static str,
    pub severity: Severity,
    /// CIS AWS Foundations Benchmark v5.0.0 recommendations it covers.
    pub cis: &'static [&'static str],
    /// The matching AWS Security Hub controls, the closest first (empty where none exists).
    pub security_hub: &'static [&'static str],
    /// Beyond the console's five: runs with `audit --all` or when selected by id.
    pub extended: bool,
    /// One finding per offending resource (users, keys, policies...), rather than one for
    /// the account: a waiver must then name the resources it covers.
    pub per_resource: bool,
    /// The command that fixes it, where one exists.
    pub fix: Option<&'static str>,
    /// The reads the check decides from (for least-privilege policies).
    pub sources: &'static [Source],
    /// Checks that judge part of the same thing on other terms (for `explain`).
    pub see_also: &'static [&'static str],
    pub run: fn(&Snapshot, &Settings) -> Outcome,
}

impl Check {
    pub fn fix_command(&self) -> Option<String> {
        self.fix.map(str::to_string)
    }
}

/// The checklist: the console's five in its order, then the extended CIS checks.
pub static CHECKS: &[Check] = &[
    Check {
        id: "root-access-keys",
        title: "Delete your root access keys",
        green_when: "the root user has no access keys",
        why: "Root access keys cannot be limited by any policy: a leaked key owns the account.",
        severity: Severity::Critical,
        cis: &["1.3"],
        security_hub: &["IAM.4"],
        extended: false,
        per_resource: false,
        fix: Some("iam-harden fix root-access-keys"),
        sources: &[Source::AccountSummary],
        see_also: &[],
        run: root::access_keys,
    },
    Check {
        id: "root-mfa",
        title: "Activate MFA on your root account",
        green_when: "the root user has MFA, or has no password and no access keys at all",
        why: "A phished or guessed root password is the worst breach an account can have.",
        severity: Severity::Critical,
        cis: &["1.4"],
        security_hub: &["IAM.9"],
        extended: false,
        per_resource: false,
        fix: Some("iam-harden fix root-mfa"),
        sources: &[Source::AccountSummary],
        see_also: &[],
        run: root::mfa,
    },
    Check {
        id: "individual-users",
        title: "Create individual IAM users",
        green_when: "an IAM user exists, or the account federates (SAML, IAM Identity Center)",
        why: "Shared logins make every action anonymous and every departure a password change.",
        severity: Severity::Medium,
        cis: &[],
        security_hub: &[],
        extended: false,
        per_resource: false,
        fix: Some("iam-harden fix individual-users"),
        sources: &[Source::AccountSummary, Source::IdentityCenterRoles],
        see_also: &[],
        run: users::individual_users,
    },
    Check {
        id: "groups",
        title: "Use groups to assign permissions",
        green_when: "a group carries a policy and no user has a policy of its own (the console's \
                     item, stricter than CIS 1.14: see no-user-policies)",
        why: "Policies attached to single users drift and are never reviewed.",
        severity: Severity::Low,
        cis: &[],
        security_hub: &[],
        extended: false,
        per_resource: true,
        fix: Some("iam-harden fix groups"),
        sources: &[
            Source::Authorization,
            Source::AccountSummary,
            Source::IdentityCenterRoles,
        ],
        see_also: &[],
        run: groups::groups,
    },
    Check {
        id: "password-policy",
        title: "Apply an IAM password policy",
        green_when: "a password policy meets the baseline (length, character classes, reuse, self-service change); stricter than any one CIS or Security Hub control, so it carries none of their ids",
        why: "Without a policy, IAM users may choose short, guessable passwords.",
        severity: Severity::Medium,
        cis: &[],
        security_hub: &[],
        extended: false,
        per_resource: false,
        fix: Some("iam-harden fix password-policy"),
        sources: &[Source::PasswordPolicy],
        see_also: &["password-length", "password-reuse", "password-strength"],
        run: password_policy::password_policy,
    },
    Check {
        id: "security-contact",
        title: "Register a security contact",
        green_when: "a SECURITY alternate contact with an email address is registered for the account",
        why: "AWS tells the security contact about abuse and compromise; without one the notice may go unread.",
        severity: Severity::Medium,
        cis: &["1.2"],
        security_hub: &["Account.1"],
        extended: true,
        per_resource: false,
        fix: Some("iam-harden fix security-contact --name NAME --email EMAIL --phone PHONE"),
        sources: &[Source::SecurityContact],
        see_also: &[],
        run: account::security_contact,
    },
    Check {
        id: "root-hardware-mfa",
        title: "Use a hardware MFA device for root",
        green_when: "root's MFA is active and is not a virtual (app) device",
        why: "A virtual MFA lives on a phone that can be lost, cloned or phished; a hardware key cannot.",
        severity: Severity::Critical,
        cis: &["1.5"],
        security_hub: &["IAM.6"],
        extended: true,
        per_resource: false,
        fix: None,
        sources: &[Source::AccountSummary, Source::VirtualMfaDevices],
        see_also: &[],
        run: root::hardware_mfa,
    },
    Check {
        id: "root-recent-use",
        title: "Do not use the root user",
        green_when: "root's password and keys were last used N days ago or earlier (default 90: a use 89 days ago is orange, 90 days ago green)",
        why: "Daily work as root bypasses every permission boundary and leaves no individual trail.",
        severity: Severity::Medium,
        cis: &["1.6"],
        security_hub: &[],
        extended: true,
        per_resource: false,
        fix: None,
        sources: &[Source::CredentialReport],
        see_also: &[],
        run: root::recent_use,
    },
    Check {
        id: "password-length",
        title: "Require passwords of at least 14 characters",
        green_when: "the password policy's minimum length is 14 or more (CIS 1.7 on its own; the other settings are not judged here)",
        why: "Length is what makes a password hard to guess or crack.",
        severity: Severity::Medium,
        cis: &["1.7"],
        security_hub: &["IAM.15"],
        extended: true,
        per_resource: false,
        fix: Some("iam-harden fix password-policy"),
        sources: &[Source::PasswordPolicy],
        see_also: &["password-policy"],
        run: password_policy::length,
    },
    Check {
        id: "password-reuse",
        title: "Prevent password reuse",
        green_when: "the password policy remembers the last 24 passwords or more (CIS 1.8 on its own)",
        why: "A reused password is one that may already be in a breach corpus.",
        severity: Severity::Low,
        cis: &["1.8"],
        security_hub: &["IAM.16"],
        extended: true,
        per_resource: false,
        fix: Some("iam-harden fix password-policy"),
        sources: &[Source::PasswordPolicy],
        see_also: &["password-policy"],
        run: password_policy::reuse,
    },
    Check {
        id: "password-strength",
        title: "Require strong passwords",
        green_when: "the password policy requires an uppercase letter, a lowercase letter, a number and a symbol, and a length of 8 or more (Security Hub IAM.7 with its default parameters)",
        why: "Character classes and a floor on length keep out the passwords guessed first.",
        severity: Severity::Medium,
        cis: &[],
        security_hub: &["IAM.7"],
        extended: true,
        per_resource: false,
        fix: Some("iam-harden fix password-policy"),
        sources: &[Source::PasswordPolicy],
        see_also: &["password-policy"],
        run: password_policy::strength,
    },
    Check {
        id: "user-console-mfa",
        title: "Require MFA for console users",
        green_when: "every IAM user with a console password has an MFA device",
        why: "A password alone is phished or guessed; MFA stops most account takeovers.",
        severity: Severity::Medium,
        cis: &["1.9"],
        security_hub: &["IAM.5"],
        extended: true,
        per_resource: true,
        fix: Some("iam-harden fix user-mfa --user NAME"),
        sources: &[Source::CredentialReport],
        see_also: &[],
        run: credentials::console_mfa,
    },
    Check {
        id: "initial-access-keys",
        title: "No access keys created with a console user",
        green_when: "no IAM user with a console password has an active key that was created within 10 minutes of the user and never used",
        why: "Keys handed out with a new console user are rarely needed and rarely removed.",
        severity: Severity::Medium,
        cis: &["1.10"],
        security_hub: &[],
        extended: true,
        per_resource: true,
        fix: None,
        sources: &[Source::CredentialReport],
        see_also: &[],
        run: credentials::initial_access_keys,
    },
    Check {
        id: "unused-credentials",
        title: "Remove unused credentials",
        green_when: "no IAM user's password or active key went unused for N days or more (default 45: 44 days green, 45 orange; never-used ones count from their creation); root's use is root-recent-use",
        why: "Forgotten credentials are the ones nobody notices being used by someone else.",
        severity: Severity::Medium,
        cis: &["1.11"],
        security_hub: &["IAM.22"],
        extended: true,
        per_resource: true,
        fix: None,
        sources: &[Source::CredentialReport],
        see_also: &[],
        run: credentials::unused,
    },
    Check {
        id: "single-active-key",
        title: "One active access key per user",
        green_when: "no IAM user, and not the root user, has two active access keys",
        why: "A second active key doubles the exposure and is usually a rotation left half done.",
        severity: Severity::Low,
        cis: &["1.12"],
        security_hub: &[],
        extended: true,
        per_resource: true,
        fix: None,
        sources: &[Source::CredentialReport],
        see_also: &[],
        run: credentials::single_active_key,
    },
    Check {
        id: "access-key-rotation",
        title: "Rotate access keys",
        green_when: "every active access key, the root user's included, was created N days ago or less (default 90: 90 days green, 91 orange)",
        why: "The longer a key lives, the more places it has been copied to.",
        severity: Severity::Medium,
        cis: &["1.13"],
        security_hub: &["IAM.3"],
        extended: true,
        per_resource: true,
        fix: None,
        sources: &[Source::CredentialReport],
        see_also: &[],
        run: credentials::key_rotation,
    },
    Check {
        id: "no-user-policies",
        title: "Grant permissions only through groups or roles",
        green_when: "no IAM user has a directly attached or inline policy",
        why: "Policies attached to single users drift and are never reviewed.",
        severity: Severity::Low,
        cis: &["1.14"],
        security_hub: &["IAM.2"],
        extended: true,
        per_resource: true,
        fix: Some("iam-harden fix groups"),
        sources: &[Source::Authorization],
        see_also: &[],
        run: groups::user_policies,
    },
    Check {
        id: "no-admin-star-policies",
        title: "No policies granting full administrative privileges",
        green_when: "no managed policy attached to a user, group or role (AWS managed such as AdministratorAccess, or customer managed) allows every action on every resource without a condition, by evaluation: NotAction, NotResource and statements that add up count, a Deny beside them subtracts",
        why: "A *:* grant gives full control of the account to every principal that holds it.",
        severity: Severity::High,
        cis: &["1.15"],
        security_hub: &[],
        extended: true,
        per_resource: true,
        fix: None,
        sources: &[Source::FullAuthorization, Source::AttachedAwsPolicies],
        see_also: &["no-admin-inline-policies", "privilege-escalation"],
        run: policies::no_admin_star,
    },
    Check {
        id: "no-admin-inline-policies",
        title: "No inline policies granting full administrative privileges",
        green_when: "no inline policy of a user, group or role allows every action on every resource without a condition (judged as no-admin-star-policies judges attached ones)",
        why: "An inline full-admin grant is the same power as AdministratorAccess, hidden from every list of managed policies.",
        severity: Severity::High,
        cis: &[],
        security_hub: &[],
        extended: true,
        per_resource: true,
        fix: None,
        sources: &[Source::FullAuthorization],
        see_also: &["no-admin-star-policies"],
        run: policies::no_admin_inline,
    },
    Check {
        id: "privilege-escalation",
        title: "No user or role can make itself an administrator",
        green_when: "no user or role that is not an administrator can become one through IAM (new policy versions, attaching or writing policies, joining groups, lifting its boundary, keys or passwords of other users, assuming or re-trusting roles, passing roles to services, creating principals), each hop evaluated with denies, boundaries, trust policies and conditions",
        why: "A principal that can become an administrator is one: an attacker who takes it takes the account.",
        severity: Severity::High,
        cis: &[],
        security_hub: &[],
        extended: true,
        per_resource: true,
        fix: None,
        sources: &[
            Source::FullAuthorization,
            Source::AttachedAwsPolicies,
            Source::CredentialReport,
        ],
        see_also: &["no-admin-star-policies"],
        run: escalation::privilege_escalation,
    },
    Check {
        id: "public-role-trust",
        title: "No role that any AWS account can assume",
        green_when: "no role's trust policy allows sts:AssumeRole to every AWS principal (\"Principal\": \"*\", {\"AWS\": \"*\"}, or an Allow with NotPrincipal) without a condition; one that does so only under a condition (an external id, an organization) is named in the reason",
        why: "Anyone with an AWS account can assume such a role and hold its permissions.",
        severity: Severity::Critical,
        cis: &[],
        security_hub: &[],
        extended: true,
        per_resource: true,
        fix: None,
        sources: &[Source::FullAuthorization],
        see_also: &[],
        run: policies::public_role_trust,
    },
    Check {
        id: "support-role",
        title: "Have a role for AWS Support",
        green_when: "a role has the AWSSupportAccess policy attached",
        why: "Incidents need someone who can open support cases without root or full admin rights.",
        severity: Severity::Low,
        cis: &["1.16"],
        security_hub: &["IAM.18"],
        extended: true,
        per_resource: false,
        fix: None,
        sources: &[Source::FullAuthorization],
        see_also: &[],
        run: policies::support_role,
    },
    Check {
        id: "expired-server-certificates",
        title: "Remove expired server certificates",
        green_when: "no server certificate stored in IAM has expired",
        why: "An expired certificate can still be deployed by mistake and breaks trust for clients.",
        severity: Severity::Medium,
        cis: &["1.18"],
        security_hub: &["IAM.26"],
        extended: true,
        per_resource: true,
        fix: None,
        sources: &[Source::ServerCertificates],
        see_also: &[],
        run: policies::expired_server_certificates,
    },
    Check {
        id: "access-analyzer",
        title: "Enable IAM Access Analyzer in every region",
        green_when: "every enabled region (ListRegions: enabled by default or opted in) has an ACTIVE account or organization access analyzer",
        why: "Access Analyzer finds resources shared outside the account; a region without one is unwatched.",
        severity: Severity::Medium,
        cis: &["1.19"],
        security_hub: &["IAM.28"],
        extended: true,
        per_resource: true,
        fix: None,
        sources: &[Source::AccessAnalyzers],
        see_also: &[],
        run: account::access_analyzer,
    },
    Check {
        id: "cloudshell-full-access",
        title: "Restrict AWS CloudShell",
        green_when: "AWSCloudShellFullAccess is attached to no user, group or role",
        why: "CloudShell full access allows uploading and downloading files, a path for data exfiltration.",
        severity: Severity::Medium,
        cis: &["1.21"],
        security_hub: &["IAM.27"],
        extended: true,
        per_resource: true,
        fix: None,
        sources: &[Source::FullAuthorization],
        see_also: &[],
        run: policies::cloudshell_full_access,
    },
];

/// The help text listing every check, generated from the table.
pub fn help_text() -> String {
    let width = CHECKS.iter().map(|c| c.id.len()).max().unwrap_or(0);
    let mut text =
        String::from("Checks (the console's five; with --all also the extended ones):\n");
    for check in CHECKS {
        text.push_str(&format!(
            "  {:width$}  {}: green when {}\n",
            check.id, check.title, check.green_when
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_kebab_case() {
        let mut seen = HashSet::new();
        for check in CHECKS {
            assert!(seen.insert(check.id), "duplicate id {}", check.id);
            assert!(
                check.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{} is not kebab-case",
                check.id
            );
        }
    }

    #[test]
    fn see_also_names_known_checks_both_ways() {
        for check in CHECKS {
            for id in check.see_also {
                let related = by_id(id).unwrap_or_else(|| panic!("{}: unknown {id}", check.id));
                assert!(
                    related.see_also.contains(&check.id),
                    "{id} does not point back to {}",
                    check.id
                );
            }
        }
    }

    /// A CIS recommendation or Security Hub control is carried by the one check that gives
    /// exactly its verdict.
    #[test]
    fn each_control_id_belongs_to_one_check() {
        let mut seen = HashSet::new();
        for check in CHECKS {
            for id in check.cis.iter().chain(check.security_hub) {
                assert!(seen.insert(*id), "{id} is carried twice ({})", check.id);
            }
        }
    }

    #[test]
    fn fail_on_thresholds() {
        use Severity::*;
        let failing = |t: FailOn| -> Vec<Severity> {
            [Low, Medium, High, Critical]
                .into_iter()
                .filter(|s| t.fails(*s))
                .collect()
        };
        assert_eq!(failing(FailOn::Low), [Low, Medium, High, Critical]);
        assert_eq!(failing(FailOn::Medium), [Medium, High, Critical]);
        assert_eq!(failing(FailOn::High), [High, Critical]);
        assert_eq!(failing(FailOn::Critical), [Critical]);
        assert!(failing(FailOn::None).is_empty());
    }

    #[test]
    fn checklist_order_is_the_consoles() {
        let ids: Vec<&str> = CHECKS.iter().map(|c| c.id).collect();
        let console: Vec<&str> = CHECKS
            .iter()
            .filter(|c| !c.extended)
            .map(|c| c.id)
            .collect();
        assert_eq!(
            console,
            [
                "root-access-keys",
                "root-mfa",
                "individual-users",
                "groups",
                "password-policy"
            ]
        );
        assert_eq!(&ids[..5], &console[..], "the console's five come first");
        assert_eq!(
            CHECKS[3].fix_command().as_deref(),
            Some("iam-harden fix groups")
        );
    }
}
