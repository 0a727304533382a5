//! A fix is a plan: the IAM calls it will make (`action.rs`), with their parameters, shown
//! before anything happens and applied in order.

use std::fmt;

use aws_sdk_iam::config::http::HttpResponse;
use aws_sdk_iam::error::{ProvideErrorMetadata, SdkError};
use serde::Serialize;

pub use super::action::{Action, AlternateContact, Secret};
use super::journal::Change;
use crate::aws::describe_sdk_error;
use crate::snapshot::Clients;

/// What a call handed back that the user must see once.
#[derive(Debug)]
pub enum Produced {
    Nothing,
    AccessKey { id: String, secret: Secret },
    VirtualMfa { serial: String, seed: Secret },
}

/// A call that failed: `Call: Code: message`.
#[derive(Debug)]
pub struct CallError {
    pub call: &'static str,
    pub text: String,
}

impl fmt::Display for CallError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.call, self.text)
    }
}

impl std::error::Error for CallError {}

/// Await one request of `call`: its answer, or the error named after the call.
async fn sent<T, E>(
    call: &'static str,
    request: impl Future<Output = Result<T, SdkError<E, HttpResponse>>>,
) -> Result<T, CallError>
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    request.await.map_err(|err| CallError {
        call,
        text: describe_sdk_error(&err).1,
    })
}

/// Make one call; what its answer carries for the user (a new key, an MFA seed) comes back.
pub async fn apply(clients: &Clients, action: &Action) -> Result<Produced, CallError> {
    let iam = &clients.iam;
    let call = action.call();
    let malformed = |what: &str| CallError {
        call,
        text: format!("the answer carried no {what}"),
    };
    match action {
        Action::CreateAccessKey { user_name } => {
            let out = sent(call, iam.create_access_key().user_name(user_name).send()).await?;
            let key = out.access_key().ok_or_else(|| malformed("access key"))?;
            Ok(Produced::AccessKey {
                id: key.access_key_id().to_string(),
                secret: Secret::new(key.secret_access_key().to_string()),
            })
        }
        Action::CreateVirtualMFADevice {
            virtual_mfa_device_name,
        } => {
            let out = sent(
                call,
                iam.create_virtual_mfa_device()
                    .virtual_mfa_device_name(virtual_mfa_device_name)
                    .send(),
            )
            .await?;
            let device = out
                .virtual_mfa_device()
                .ok_or_else(|| malformed("device"))?;
            let seed = device
                .base32_string_seed()
                .map(|b| String::from_utf8_lossy(b.as_ref()).into_owned())
                .ok_or_else(|| malformed("seed"))?;
            Ok(Produced::VirtualMfa {
                serial: device.serial_number().to_string(),
                seed: Secret::new(seed),
            })
        }
        other => write(clients, other).await.map(|()| Produced::Nothing),
    }
}

/// Make one of the calls whose answer carries nothing the user needs.
async fn write(clients: &Clients, action: &Action) -> Result<(), CallError> {
    match action {
        Action::UpdateAccountPasswordPolicy(_)
        | Action::DeleteAccountPasswordPolicy
        | Action::CreateAccountAlias { .. }
        | Action::DeleteAccountAlias { .. }
        | Action::PutAlternateContact(_) => write_account(clients, action).await,
        Action::CreateGroup { .. }
        | Action::AttachGroupPolicy { .. }
        | Action::PutGroupPolicy { .. }
        | Action::AddUserToGroup { .. }
        | Action::DetachUserPolicy { .. }
        | Action::DeleteUserPolicy { .. } => write_permissions(clients, action).await,
        Action::CreateUser { .. }
        | Action::CreateLoginProfile { .. }
        | Action::UpdateAccessKey { .. }
        | Action::DeleteAccessKey { .. }
        | Action::EnableMFADevice { .. }
        | Action::DeleteVirtualMFADevice { .. } => write_credentials(clients, action).await,
        // Their answers carry a secret: `apply` makes them and hands it back.
        Action::CreateAccessKey { .. } | Action::CreateVirtualMFADevice { .. } => Err(CallError {
            call: action.call(),
            text: "its answer must be handed back: made through apply".into(),
        }),
    }
}

/// The account-wide settings: the password policy, the alias, the security contact.
async fn write_account(clients: &Clients, action: &Action) -> Result<(), CallError> {
    let iam = &clients.iam;
    let call = action.call();
    match action {
        Action::UpdateAccountPasswordPolicy(p) => {
            sent(
                call,
                iam.update_account_password_policy()
                    .minimum_password_length(p.minimum_password_length as i32)
                    .require_uppercase_characters(p.require_uppercase_characters)
                    .require_lowercase_characters(p.require_lowercase_characters)
                    .require_numbers(p.require_numbers)
                    .require_symbols(p.require_symbols)
                    .allow_users_to_change_password(p.allow_users_to_change_password)
                    .set_password_reuse_prevention(p.password_reuse_prevention.map(|v| v as i32))
                    .set_max_password_age(p.max_password_age.map(|v| v as i32))
                    .hard_expiry(p.hard_expiry)
                    .send(),
            )
            .await?;
        }
        Action::DeleteAccountPasswordPolicy => {
            sent(call, iam.delete_account_password_policy().send()).await?;
        }
        Action::CreateAccountAlias { account_alias } => {
            sent(
                call,
                iam.create_account_alias()
                    .account_alias(account_alias)
                    .send(),
            )
            .await?;
        }
        Action::DeleteAccountAlias { account_alias } => {
            sent(
                call,
                iam.delete_account_alias()
                    .account_alias(account_alias)
                    .send(),
            )
            .await?;
        }
        Action::PutAlternateContact(c) => {
            sent(
                call,
                clients
                    .account
                    .put_alternate_contact()
                    .alternate_contact_type(c.alternate_contact_type.as_str().into())
                    .name(&c.name)
                    .title(&c.title)
                    .email_address(&c.email_address)
                    .phone_number(&c.phone_number)
                    .send(),
            )
            .await?;
        }
        other => return Err(not_made_here(other)),
    }
    Ok(())
}

/// Groups and who holds which policy.
async fn write_permissions(clients: &Clients, action: &Action) -> Result<(), CallError> {
    let iam = &clients.iam;
    let call = action.call();
    match action {
        Action::CreateGroup { group_name } => {
            sent(call, iam.create_group().group_name(group_name).send()).await?;
        }
        Action::AttachGroupPolicy {
            group_name,
            policy_arn,
        } => {
            sent(
                call,
                iam.attach_group_policy()
                    .group_name(group_name)
                    .policy_arn(policy_arn)
                    .send(),
            )
            .await?;
        }
        Action::PutGroupPolicy {
            group_name,
            policy_name,
            policy_document,
        } => {
            sent(
                call,
                iam.put_group_policy()
                    .group_name(group_name)
                    .policy_name(policy_name)
                    .policy_document(policy_document)
                    .send(),
            )
            .await?;
        }
        Action::AddUserToGroup {
            user_name,
            group_name,
        } => {
            sent(
                call,
                iam.add_user_to_group()
                    .user_name(user_name)
                    .group_name(group_name)
                    .send(),
            )
            .await?;
        }
        Action::DetachUserPolicy {
            user_name,
            policy_arn,
        } => {
            sent(
                call,
                iam.detach_user_policy()
                    .user_name(user_name)
                    .policy_arn(policy_arn)
                    .send(),
            )
            .await?;
        }
        Action::DeleteUserPolicy {
            user_name,
            policy_name,
        } => {
            sent(
                call,
                iam.delete_user_policy()
                    .user_name(user_name)
                    .policy_name(policy_name)
                    .send(),
            )
            .await?;
        }
        other => return Err(not_made_here(other)),
    }
    Ok(())
}

/// Users and their credentials: passwords, access keys, MFA devices.
async fn write_credentials(clients: &Clients, action: &Action) -> Result<(), CallError> {
    let iam = &clients.iam;
    let call = action.call();
    match action {
        Action::CreateUser { user_name } => {
            sent(call, iam.create_user().user_name(user_name).send()).await?;
        }
        Action::CreateLoginProfile {
            user_name,
            password,
            password_reset_required,
        } => {
            sent(
                call,
                iam.create_login_profile()
                    .user_name(user_name)
                    .password(password.expose())
                    .password_reset_required(*password_reset_required)
                    .send(),
            )
            .await?;
        }
        Action::UpdateAccessKey {
            access_key_id,
            status,
        } => {
            sent(
                call,
                iam.update_access_key()
                    .access_key_id(access_key_id)
                    .status(status.as_str().into())
                    .send(),
            )
            .await?;
        }
        Action::DeleteAccessKey { access_key_id } => {
            sent(
                call,
                iam.delete_access_key().access_key_id(access_key_id).send(),
            )
            .await?;
        }
        Action::EnableMFADevice {
            user_name,
            serial_number,
            authentication_code1,
            authentication_code2,
        } => {
            sent(
                call,
                iam.enable_mfa_device()
                    .user_name(user_name)
                    .serial_number(serial_number)
                    .authentication_code1(authentication_code1.expose())
                    .authentication_code2(authentication_code2.expose())
                    .send(),
            )
            .await?;
        }
        Action::DeleteVirtualMFADevice { serial_number } => {
            sent(
                call,
                iam.delete_virtual_mfa_device()
                    .serial_number(serial_number)
                    .send(),
            )
            .await?;
        }
        other => return Err(not_made_here(other)),
    }
    Ok(())
}

/// A call routed to a group of writes that does not make it: a defect of the routing, said
/// as a failed call rather than a panic.
fn not_made_here(action: &Action) -> CallError {
    CallError {
        call: action.call(),
        text: "not made by this group of writes".into(),
    }
}

/// The calls a fix will make, in order, with a short human summary in front.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CallPlan {
    /// Lines such as "minimum length: 8 -> 14", shown before the calls.
    pub summary: Vec<String>,
    pub calls: Vec<Action>,
    /// The setting the calls replace whole (a password policy, a contact), as read before
    /// planning; `null` when there was none. The change record's `before`.
    #[serde(skip)]
    pub before: Option<serde_json::Value>,
}

impl CallPlan {
    pub fn is_empty(&self) -> bool {
        self.calls.is_empty()
    }

    /// What each call will change.
    pub fn changes(&self, identity: &crate::snapshot::CallerIdentity) -> Vec<Change> {
        self.calls
            .iter()
            .map(|call| call.change(identity, self.before.as_ref()))
            .collect()
    }
}

/// What became of one call of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallState {
    Applied,
    /// The answer was lost or was an error, but a re-read shows the change in place.
    AppliedOnReread,
    Failed,
    /// The call failed and a re-read could not tell whether it took effect.
    Unknown,
    NotApplied,
}

impl CallState {
    pub fn is_applied(self) -> bool {
        matches!(self, CallState::Applied | CallState::AppliedOnReread)
    }

    pub fn label(self) -> &'static str {
        match self {
            CallState::Applied => "applied",
            CallState::AppliedOnReread => "applied, confirmed by re-reading",
            CallState::Failed => "FAILED",
            CallState::Unknown => "UNKNOWN",
            CallState::NotApplied => "not applied",
        }
    }
}

/// Why a plan stopped before its end.
#[derive(Debug)]
pub enum Stop {
    Failed(CallError),
    /// A signal asked to stop; the exit code that reports it (`exit::is_signal`).
    Signalled(u8),
}

/// A plan that did not run to its end: the state of every call, and why it stopped.
#[derive(Debug)]
pub struct PartialFailure {
    pub states: Vec<CallState>,
    pub stop: Stop,
    /// What the applied calls handed back (a new key's secret must still reach the user).
    pub produced: Vec<Produced>,
}

/// Apply every call in order. Before each call, `stop` is asked (the exit code of a signal
/// that arrived, 0 for none): the call in flight finishes, the next is not started. Each
/// call that takes effect is handed to `applied` as it returns, so that it is on record
/// before the next starts. A failed call is followed by a re-read of what it should have
/// changed: a write whose answer was lost, or a retried create that found its own earlier
/// attempt (`EntityAlreadyExists`), counts as applied when the account shows it, and the
/// plan goes on.
pub async fn apply_all(
    clients: &Clients,
    plan: &CallPlan,
    stop: &std::sync::atomic::AtomicU8,
    applied: impl Fn(usize, CallState),
) -> Result<Vec<Produced>, PartialFailure> {
    use std::sync::atomic::Ordering;
    let mut produced = Vec::new();
    let mut states = vec![CallState::NotApplied; plan.calls.len()];
    let signalled = || match stop.load(Ordering::SeqCst) {
        0 => None,
        code => Some(Stop::Signalled(code)),
    };
    for (i, action) in plan.calls.iter().enumerate() {
        if let Some(stop) = signalled() {
            return Err(PartialFailure {
                states,
                stop,
                produced,
            });
        }
        match apply(clients, action).await {
            Ok(p) => {
                states[i] = CallState::Applied;
                applied(i, states[i]);
                produced.push(p);
            }
            Err(error) => match reread(clients, action).await {
                Some(true) => {
                    crate::output::stderr_line(crate::text::printable(&format!(
                        "{error}; re-reading shows the change in place, so it counts as applied"
                    )));
                    states[i] = CallState::AppliedOnReread;
                    applied(i, states[i]);
                    produced.push(Produced::Nothing);
                }
                found => {
                    states[i] = match found {
                        Some(_) => CallState::Failed,
                        None => CallState::Unknown,
                    };
                    return Err(PartialFailure {
                        states,
                        stop: Stop::Failed(error),
                        produced,
                    });
                }
            },
        }
    }
    // A signal during the last call: everything is applied, but the run still ends as
    // stopped, so nothing after the plan (verification, the next fix) runs.
    if let Some(stop) = signalled() {
        return Err(PartialFailure {
            states,
            stop,
            produced,
        });
    }
    Ok(produced)
}

/// How long a re-read waits before looking a second time: IAM is eventually consistent, so
/// a change just made may not show at once.
const REREAD_DELAY: std::time::Duration = std::time::Duration::from_secs(1);

/// `in_place`, asked a second time after `REREAD_DELAY` when the first answer is "not yet".
async fn reread(clients: &Clients, action: &Action) -> Option<bool> {
    match in_place(clients, action).await {
        Some(false) => {
            tokio::time::sleep(REREAD_DELAY).await;
            in_place(clients, action).await
        }
        found => found,
    }
}

/// Is the change `action` makes in place now? `None` when the account cannot tell: the
/// re-read failed, or the call hands back something only its answer carried (a new access
/// key's secret, a new MFA device's seed), so the call cannot count as applied.
pub async fn in_place(clients: &Clients, action: &Action) -> Option<bool> {
    use crate::snapshot::{fetch_aliases, fetch_password_policy};
    let iam = &clients.iam;
    match action {
        Action::CreateGroup { .. }
        | Action::AttachGroupPolicy { .. }
        | Action::PutGroupPolicy { .. }
        | Action::AddUserToGroup { .. }
        | Action::DetachUserPolicy { .. }
        | Action::DeleteUserPolicy { .. }
        | Action::CreateUser { .. } => permissions_in_place(iam, action).await,
        Action::CreateLoginProfile { .. }
        | Action::UpdateAccessKey { .. }
        | Action::DeleteAccessKey { .. }
        | Action::EnableMFADevice { .. } => credentials_in_place(iam, action).await,
        Action::UpdateAccountPasswordPolicy(policy) => {
            let current = fetch_password_policy(iam).await.ok()?;
            Some(current.as_ref() == Some(policy))
        }
        Action::DeleteAccountPasswordPolicy => {
            Some(fetch_password_policy(iam).await.ok()?.is_none())
        }
        Action::CreateAccountAlias { account_alias } => {
            Some(fetch_aliases(iam).await.ok()?.contains(account_alias))
        }
        Action::DeleteAccountAlias { account_alias } => {
            Some(!fetch_aliases(iam).await.ok()?.contains(account_alias))
        }
        Action::PutAlternateContact(wanted) => {
            let contact = crate::snapshot::account::fetch_security_contact(&clients.account)
                .await
                .ok()?;
            Some(contact.is_some_and(|c| {
                c.name == wanted.name
                    && c.email == wanted.email_address
                    && c.phone == wanted.phone_number
            }))
        }
        // Their answers carry what the user must receive (a secret, a seed): without the
        // answer the call is no success, whatever the account shows.
        Action::CreateAccessKey { .. } | Action::CreateVirtualMFADevice { .. } => None,
        Action::DeleteVirtualMFADevice { .. } => None,
    }
}

/// Whether a change to groups, users or who holds which policy shows in the account.
async fn permissions_in_place(iam: &aws_sdk_iam::Client, action: &Action) -> Option<bool> {
    let authorization = crate::snapshot::fetch_authorization(iam, false)
        .await
        .ok()?;
    let user = |name: &str| authorization.users.iter().find(|u| u.name == name);
    let group = |name: &str| authorization.groups.iter().find(|g| g.name == name);
    match action {
        Action::CreateGroup { group_name } => Some(group(group_name).is_some()),
        Action::AttachGroupPolicy {
            group_name,
            policy_arn,
        } => Some(
            group(group_name)
                .is_some_and(|g| g.attached_policies.iter().any(|p| &p.arn == policy_arn)),
        ),
        Action::PutGroupPolicy {
            group_name,
            policy_name,
            policy_document,
        } => Some(group(group_name).is_some_and(|g| {
            g.inline_policies
                .iter()
                .any(|p| &p.name == policy_name && same_json(&p.document, policy_document))
        })),
        Action::AddUserToGroup {
            user_name,
            group_name,
        } => Some(user(user_name).is_some_and(|u| u.groups.contains(group_name))),
        Action::DetachUserPolicy {
            user_name,
            policy_arn,
        } => Some(
            user(user_name)
                .is_some_and(|u| !u.attached_policies.iter().any(|p| &p.arn == policy_arn)),
        ),
        Action::DeleteUserPolicy {
            user_name,
            policy_name,
        } => Some(
            user(user_name)
                .is_some_and(|u| !u.inline_policies.iter().any(|p| &p.name == policy_name)),
        ),
        Action::CreateUser { user_name } => Some(user(user_name).is_some()),
        _ => None,
    }
}

/// Whether a change to a user's password, access keys or MFA devices shows in the account.
async fn credentials_in_place(iam: &aws_sdk_iam::Client, action: &Action) -> Option<bool> {
    match action {
        Action::CreateLoginProfile { user_name, .. } => {
            match iam.get_login_profile().user_name(user_name).send().await {
                Ok(_) => Some(true),
                Err(e)
                    if e.as_service_error()
                        .is_some_and(|s| s.is_no_such_entity_exception()) =>
                {
                    Some(false)
                }
                Err(_) => None,
            }
        }
        Action::UpdateAccessKey {
            access_key_id,
            status,
        } => {
            let keys = iam.list_access_keys().send().await.ok()?;
            Some(keys.access_key_metadata().iter().any(|k| {
                k.access_key_id() == Some(access_key_id.as_str())
                    && k.status().is_some_and(|s| s.as_str() == status)
            }))
        }
        Action::DeleteAccessKey { access_key_id } => {
            let keys = iam.list_access_keys().send().await.ok()?;
            Some(
                !keys
                    .access_key_metadata()
                    .iter()
                    .any(|k| k.access_key_id() == Some(access_key_id.as_str())),
            )
        }
        Action::EnableMFADevice {
            user_name,
            serial_number,
            ..
        } => {
            let devices = iam
                .list_mfa_devices()
                .user_name(user_name)
                .send()
                .await
                .ok()?;
            Some(
                devices
                    .mfa_devices()
                    .iter()
                    .any(|d| d.serial_number() == serial_number),
            )
        }
        _ => None,
    }
}

/// Policy documents compare as JSON values: IAM may re-serialize them.
fn same_json(a: &str, b: &str) -> bool {
    match (
        serde_json::from_str::<serde_json::Value>(a),
        serde_json::from_str::<serde_json::Value>(b),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
