//! The IAM and Account API calls a fix may make, as data: each with its parameters, its
//! name and its description, shown before anything happens. Secrets in them are redacted
//! wherever they are printed.

use std::fmt;

use serde::{Serialize, Serializer};
use strum::{EnumDiscriminants, IntoStaticStr};

use crate::snapshot::PasswordPolicy;

/// A value that must never be printed: `Debug` and `Serialize` both redact it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Self {
        Self(value)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str("<redacted>")
    }
}

/// One IAM call with its parameters, named as in the IAM API. `ActionKind` is the same list
/// without the parameters (derived, to enumerate every call a plan can hold).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, EnumDiscriminants)]
#[serde(tag = "call", content = "parameters", rename_all_fields = "PascalCase")]
#[strum_discriminants(name(ActionKind), derive(IntoStaticStr))]
#[strum_discriminants(cfg_attr(test, derive(strum::EnumIter)))]
pub enum Action {
    UpdateAccountPasswordPolicy(PasswordPolicy),
    /// Only to undo a first password policy: the account had none before.
    DeleteAccountPasswordPolicy,
    CreateGroup {
        group_name: String,
    },
    AttachGroupPolicy {
        group_name: String,
        policy_arn: String,
    },
    PutGroupPolicy {
        group_name: String,
        policy_name: String,
        policy_document: String,
    },
    AddUserToGroup {
        user_name: String,
        group_name: String,
    },
    DetachUserPolicy {
        user_name: String,
        policy_arn: String,
    },
    DeleteUserPolicy {
        user_name: String,
        policy_name: String,
    },
    CreateUser {
        user_name: String,
    },
    CreateLoginProfile {
        user_name: String,
        password: Secret,
        password_reset_required: bool,
    },
    CreateAccessKey {
        user_name: String,
    },
    CreateAccountAlias {
        account_alias: String,
    },
    DeleteAccountAlias {
        account_alias: String,
    },
    UpdateAccessKey {
        access_key_id: String,
        status: String,
    },
    DeleteAccessKey {
        access_key_id: String,
    },
    CreateVirtualMFADevice {
        virtual_mfa_device_name: String,
    },
    EnableMFADevice {
        user_name: String,
        serial_number: String,
        authentication_code1: Secret,
        authentication_code2: Secret,
    },
    DeleteVirtualMFADevice {
        serial_number: String,
    },
    /// Account API: the account's SECURITY alternate contact.
    PutAlternateContact(AlternateContact),
}

/// An alternate contact as the Account API's PutAlternateContact takes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AlternateContact {
    pub alternate_contact_type: String,
    pub name: String,
    pub title: String,
    pub email_address: String,
    pub phone_number: String,
}

impl Action {
    /// The call's name in the IAM API.
    pub fn call(&self) -> &'static str {
        ActionKind::from(self).into()
    }

    /// One line for people.
    pub fn describe(&self) -> String {
        match self {
            Action::UpdateAccountPasswordPolicy(_) => {
                "write the account password policy (every field, once)".into()
            }
            Action::DeleteAccountPasswordPolicy => {
                "delete the account password policy (IAM's defaults apply)".into()
            }
            Action::CreateGroup { group_name } => format!("create group {group_name}"),
            Action::AttachGroupPolicy {
                group_name,
                policy_arn,
            } => format!("attach {policy_arn} to group {group_name}"),
            Action::PutGroupPolicy {
                group_name,
                policy_name,
                ..
            } => format!("copy inline policy {policy_name} to group {group_name}"),
            Action::AddUserToGroup {
                user_name,
                group_name,
            } => format!("add user {user_name} to group {group_name}"),
            Action::DetachUserPolicy {
                user_name,
                policy_arn,
            } => format!("detach {policy_arn} from user {user_name}"),
            Action::DeleteUserPolicy {
                user_name,
                policy_name,
            } => format!("delete inline policy {policy_name} from user {user_name}"),
            Action::CreateUser { user_name } => format!("create user {user_name}"),
            Action::CreateLoginProfile { user_name, .. } => format!(
                "give user {user_name} a console password (generated, to be changed at first sign-in)"
            ),
            Action::CreateAccessKey { user_name } => {
                format!("create an access key for user {user_name}")
            }
            Action::CreateAccountAlias { account_alias } => {
                format!("create account alias {account_alias}")
            }
            Action::DeleteAccountAlias { account_alias } => {
                format!("delete account alias {account_alias}")
            }
            Action::UpdateAccessKey {
                access_key_id,
                status,
            } => format!("set access key {access_key_id} to {status}"),
            Action::DeleteAccessKey { access_key_id } => {
                format!("delete access key {access_key_id}")
            }
            Action::CreateVirtualMFADevice {
                virtual_mfa_device_name,
            } => format!("create virtual MFA device {virtual_mfa_device_name}"),
            Action::EnableMFADevice { user_name, .. } => {
                format!("assign the device to user {user_name} with two consecutive codes")
            }
            Action::DeleteVirtualMFADevice { serial_number } => {
                format!("delete virtual MFA device {serial_number}")
            }
            Action::PutAlternateContact(c) => format!(
                "register {} <{}>, {} as the {} contact",
                c.name,
                c.email_address,
                c.phone_number,
                c.alternate_contact_type.to_lowercase()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted_in_json_and_debug() {
        let action = Action::CreateLoginProfile {
            user_name: "alice".into(),
            password: Secret::new("hunter2-Secret!".into()),
            password_reset_required: true,
        };
        let json = serde_json::to_string(&action).expect("json");
        assert_eq!(
            json,
            r#"{"call":"CreateLoginProfile","parameters":{"UserName":"alice","Password":"<redacted>","PasswordResetRequired":true}}"#
        );
        assert!(!format!("{action:?}").contains("hunter2"));
        assert!(!action.describe().contains("hunter2"));
    }
}
