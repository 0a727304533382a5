//! Every AWS API call this tool makes, as data: its name and the IAM action that allows it,
//! written once. Error messages, `iam-harden permissions` and the permission tests all read
//! them from here.

/// Declares `Call` with one variant per API call, named exactly as the API names it, grouped
/// by the service prefix of its IAM action.
macro_rules! calls {
    ($($service:literal ($sdk_id:literal): [$($call:ident),* $(,)?],)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Call {
            $($($call,)*)*
        }

        impl Call {
            /// Every call, for tests that must cover them all.
            #[cfg(test)]
            pub const ALL: &'static [Call] = &[$($(Call::$call,)*)*];

            /// The SDK's id of every service the tool calls (`IAM`, `SecurityHub`): the key
            /// of its settings (`AWS_ENDPOINT_URL_IAM`, a `[services]` section's `iam`).
            pub const SERVICE_IDS: &'static [&'static str] = &[$($sdk_id,)*];

            /// The API's name for it, such as `GetAccountSummary`.
            pub const fn name(self) -> &'static str {
                match self {
                    $($(Call::$call => stringify!($call),)*)*
                }
            }

            /// The IAM action that allows it, such as `iam:GetAccountSummary`.
            pub const fn permission(self) -> &'static str {
                match self {
                    $($(Call::$call => concat!($service, ":", stringify!($call)),)*)*
                }
            }
        }
    };
}

calls! {
    "sts" ("STS"): [GetCallerIdentity, AssumeRole],
    "iam" ("IAM"): [
        // Reads
        GetAccountSummary,
        GetAccountPasswordPolicy,
        ListAccountAliases,
        GetAccountAuthorizationDetails,
        ListRoles,
        GetPolicy,
        GetPolicyVersion,
        GenerateCredentialReport,
        GetCredentialReport,
        ListVirtualMFADevices,
        ListServerCertificates,
        ListOrganizationsFeatures,
        GetUser,
        GetLoginProfile,
        ListAccessKeys,
        GetAccessKeyLastUsed,
        ListMFADevices,
        // Writes
        UpdateAccountPasswordPolicy,
        DeleteAccountPasswordPolicy,
        CreateGroup,
        AttachGroupPolicy,
        PutGroupPolicy,
        AddUserToGroup,
        DetachUserPolicy,
        DeleteUserPolicy,
        CreateUser,
        CreateLoginProfile,
        CreateAccessKey,
        CreateAccountAlias,
        DeleteAccountAlias,
        UpdateAccessKey,
        DeleteAccessKey,
        CreateVirtualMFADevice,
        EnableMFADevice,
        DeleteVirtualMFADevice,
    ],
    "account" ("Account"): [GetAlternateContact, PutAlternateContact, ListRegions],
    "access-analyzer" ("AccessAnalyzer"): [ListAnalyzers],
    "organizations" ("Organizations"): [ListAccounts],
    "securityhub" ("SecurityHub"): [BatchImportFindings, GetFindings],
}

#[cfg(test)]
impl Call {
    /// The call an API name stands for.
    pub fn named(name: &str) -> Option<Call> {
        Call::ALL.iter().find(|call| call.name() == name).copied()
    }
}

impl Call {
    /// STS answers GetCallerIdentity to every identity, whatever its policies say.
    pub const fn needs_permission(self) -> bool {
        !matches!(self, Call::GetCallerIdentity)
    }
}

impl std::fmt::Display for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_are_the_service_and_the_name() {
        assert_eq!(
            Call::GetAccountSummary.permission(),
            "iam:GetAccountSummary"
        );
        assert_eq!(
            Call::CreateVirtualMFADevice.permission(),
            "iam:CreateVirtualMFADevice"
        );
        assert_eq!(
            Call::ListAnalyzers.permission(),
            "access-analyzer:ListAnalyzers"
        );
        for call in Call::ALL {
            let (service, name) = call.permission().split_once(':').expect("service:name");
            assert!(!service.is_empty());
            assert_eq!(name, call.name());
        }
    }
}
