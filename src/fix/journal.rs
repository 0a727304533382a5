//! The record of what fixes changed: one `Change` per applied call (the call, the resource's
//! ARN, the values before and after, secrets redacted), carried in each fix's JSON result and
//! appended to a change log (JSON Lines) that `--undo` reads back.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::action::Action;
use crate::snapshot::CallerIdentity;

/// What one call changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub call: String,
    /// The ARN of what changed: the account (its root ARN) for account settings.
    pub resource: String,
    /// `null` where the call creates something.
    pub before: Value,
    /// `null` where the call deletes something.
    pub after: Value,
}

/// One line of the change log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// RFC 3339, UTC.
    pub time: String,
    /// `iam-harden/VERSION`.
    pub tool: String,
    pub account: String,
    pub caller_arn: String,
    /// The fix that made the change; `undo` is set when it was an undo.
    pub fix: String,
    #[serde(default)]
    pub undo: bool,
    /// Changes of one fix run share this id.
    pub run: String,
    #[serde(flatten)]
    pub change: Change,
    /// `applied`, or `applied, confirmed by re-reading`.
    pub state: String,
}

/// ARNs of the caller's account.
fn arn(identity: &CallerIdentity, resource: &str) -> String {
    let partition = identity.arn.split(':').nth(1).unwrap_or("aws");
    format!("arn:{partition}:iam::{}:{resource}", identity.account)
}

/// What one call changes: the resource, and its state before and after.
type Delta = (String, Value, Value);

impl Action {
    /// What this call changes. `before` is the state a plan replaces whole (a password
    /// policy, a contact), read before the plan was made; other calls' prior state follows
    /// from the call. Users and groups are named with IAM's default path `/`.
    pub fn change(&self, identity: &CallerIdentity, before: Option<&Value>) -> Change {
        let (resource, before, after) = self
            .account_change(identity, before)
            .or_else(|| self.permission_change(identity))
            .or_else(|| self.credential_change(identity))
            .expect("every call is in one group");
        Change {
            call: self.call().to_string(),
            resource,
            before,
            after,
        }
    }

    /// The account-wide settings: the password policy, the alias, the security contact.
    fn account_change(&self, identity: &CallerIdentity, before: Option<&Value>) -> Option<Delta> {
        let root = arn(identity, "root");
        let prior = || before.cloned().unwrap_or(Value::Null);
        Some(match self {
            Action::UpdateAccountPasswordPolicy(policy) => (root, prior(), json!(policy)),
            Action::DeleteAccountPasswordPolicy => (root, prior(), Value::Null),
            Action::CreateAccountAlias { account_alias } => (
                root,
                json!({ "AccountAlias": null }),
                json!({ "AccountAlias": account_alias }),
            ),
            Action::DeleteAccountAlias { account_alias } => (
                root,
                json!({ "AccountAlias": account_alias }),
                json!({ "AccountAlias": null }),
            ),
            Action::PutAlternateContact(contact) => (root, prior(), json!(contact)),
            _ => return None,
        })
    }

    /// Groups, users, and who holds which policy.
    fn permission_change(&self, identity: &CallerIdentity) -> Option<Delta> {
        let user = |name: &str| arn(identity, &format!("user/{name}"));
        let group = |name: &str| arn(identity, &format!("group/{name}"));
        Some(match self {
            Action::CreateGroup { group_name } => (
                group(group_name),
                Value::Null,
                json!({ "GroupName": group_name }),
            ),
            Action::AttachGroupPolicy {
                group_name,
                policy_arn,
            } => (
                group(group_name),
                Value::Null,
                json!({ "PolicyArn": policy_arn }),
            ),
            Action::PutGroupPolicy {
                group_name,
                policy_name,
                policy_document,
            } => (
                group(group_name),
                Value::Null,
                json!({ "PolicyName": policy_name, "PolicyDocument": policy_document }),
            ),
            Action::AddUserToGroup {
                user_name,
                group_name,
            } => (
                user(user_name),
                Value::Null,
                json!({ "GroupName": group_name }),
            ),
            Action::DetachUserPolicy {
                user_name,
                policy_arn,
            } => (
                user(user_name),
                json!({ "PolicyArn": policy_arn }),
                Value::Null,
            ),
            Action::DeleteUserPolicy {
                user_name,
                policy_name,
            } => (
                user(user_name),
                json!({ "PolicyName": policy_name }),
                Value::Null,
            ),
            Action::CreateUser { user_name } => (
                user(user_name),
                Value::Null,
                json!({ "UserName": user_name }),
            ),
            _ => return None,
        })
    }

    /// Passwords, access keys and MFA devices.
    fn credential_change(&self, identity: &CallerIdentity) -> Option<Delta> {
        let user = |name: &str| arn(identity, &format!("user/{name}"));
        Some(match self {
            Action::CreateLoginProfile {
                user_name,
                password,
                password_reset_required,
            } => (
                user(user_name),
                Value::Null,
                json!({ "Password": password, "PasswordResetRequired": password_reset_required }),
            ),
            Action::CreateAccessKey { user_name } => (
                user(user_name),
                Value::Null,
                json!({ "AccessKey": "<created>" }),
            ),
            // Without a user name, key calls act on the caller's own keys (root's, in the
            // root-access-keys fix).
            Action::UpdateAccessKey {
                access_key_id,
                status,
            } => (
                identity.arn.clone(),
                json!({
                    "AccessKeyId": access_key_id,
                    "Status": if status == "Inactive" { "Active" } else { "Inactive" },
                }),
                json!({ "AccessKeyId": access_key_id, "Status": status }),
            ),
            Action::DeleteAccessKey { access_key_id } => (
                identity.arn.clone(),
                json!({ "AccessKeyId": access_key_id }),
                Value::Null,
            ),
            Action::CreateVirtualMFADevice {
                virtual_mfa_device_name,
            } => (
                arn(identity, &format!("mfa/{virtual_mfa_device_name}")),
                Value::Null,
                json!({ "VirtualMFADeviceName": virtual_mfa_device_name }),
            ),
            Action::EnableMFADevice {
                user_name,
                serial_number,
                ..
            } => (
                user(user_name),
                Value::Null,
                json!({ "SerialNumber": serial_number }),
            ),
            Action::DeleteVirtualMFADevice { serial_number } => (
                serial_number.clone(),
                json!({ "SerialNumber": serial_number }),
                Value::Null,
            ),
            _ => return None,
        })
    }
}

/// The change log, open for appending. Opened before a fix makes any call, so that a log
/// that cannot be written stops the fix before it changes anything.
pub struct Journal {
    path: PathBuf,
    /// `None` for a dry run, which writes nothing but may read the log (an undo's plan).
    file: Option<Mutex<File>>,
}

/// Where the change log lives unless `--journal` says: the XDG state directory.
pub fn default_path() -> Result<PathBuf> {
    // The XDG spec: a relative path in XDG_STATE_HOME is invalid and ignored.
    let state = match std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|v| v.is_absolute())
    {
        Some(dir) => dir,
        None => match std::env::var_os("HOME").filter(|v| !v.is_empty()) {
            Some(home) => PathBuf::from(home).join(".local/state"),
            None => bail!(
                "no place for the change log: neither XDG_STATE_HOME nor HOME is set; pass \
                 --journal PATH; nothing was changed"
            ),
        },
    };
    Ok(state.join("iam-harden/changes.jsonl"))
}

impl Journal {
    /// The log for reading only, created by nothing: a dry run's.
    pub fn locate(path: Option<&Path>) -> Result<Self> {
        Ok(Self {
            path: resolve(path)?,
            file: None,
        })
    }

    pub fn open(path: Option<&Path>) -> Result<Self> {
        let path = resolve(path)?;
        let refuse = |what: &str, err: std::io::Error| {
            anyhow::anyhow!(
                "cannot {what} the change log {}: {err}; pass --journal PATH; nothing was \
                 changed",
                path.display()
            )
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(|e| refuse("create the directory of", e))?;
        }
        // Private: the log names users, keys and contacts of the account. Never through a
        // symbolic link: whoever placed it would choose where the record goes.
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&path)
            .map_err(|e| match e.raw_os_error() {
                Some(libc::ELOOP) => anyhow::anyhow!(
                    "the change log {} is a symbolic link: refused (name the file itself with \
                     --journal PATH); nothing was changed",
                    path.display()
                ),
                _ => refuse("open", e),
            })?;
        // A log created earlier with looser permissions (or by hand) is made private first.
        let metadata = file.metadata().map_err(|e| refuse("inspect", e))?;
        if !metadata.is_file() {
            bail!(
                "the change log {} is not a regular file; nothing was changed",
                path.display()
            );
        }
        if metadata.permissions().mode() & 0o077 != 0 {
            file.set_permissions(std::fs::Permissions::from_mode(0o600))
                .map_err(|e| refuse("make private (mode 0600)", e))?;
        }
        Ok(Self {
            path,
            file: Some(Mutex::new(file)),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Append entries, one line each, written and synced to the disk before this returns:
    /// a process killed right after keeps the record.
    pub fn append(&self, entries: &[Entry]) -> Result<()> {
        let mut text = String::new();
        for entry in entries {
            text.push_str(&serde_json::to_string(entry)?);
            text.push('\n');
        }
        let Some(file) = &self.file else {
            bail!("the change log was opened for reading only");
        };
        let mut file = file
            .lock()
            .map_err(|_| anyhow::anyhow!("change log lock poisoned"))?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.flush())
            .and_then(|()| file.sync_data())
            .with_context(|| format!("writing the change log {}", self.path.display()))
    }

    /// Every entry of the log, oldest first. A line that is not an entry is an error that
    /// names it: an undo must not act on a log it cannot read.
    pub fn entries(&self) -> Result<Vec<Entry>> {
        let file = File::open(&self.path).with_context(|| {
            format!(
                "reading the change log {} (--journal names another)",
                self.path.display()
            )
        })?;
        let mut entries = Vec::new();
        for (number, line) in std::io::BufReader::new(file).lines().enumerate() {
            let line = line.with_context(|| format!("reading {}", self.path.display()))?;
            if line.trim().is_empty() {
                continue;
            }
            entries.push(serde_json::from_str(&line).with_context(|| {
                format!(
                    "{} line {} is not a change log entry",
                    self.path.display(),
                    number + 1
                )
            })?);
        }
        Ok(entries)
    }
}

fn resolve(path: Option<&Path>) -> Result<PathBuf> {
    match path {
        Some(path) => Ok(path.to_path_buf()),
        None => default_path(),
    }
}

/// The first and the last entry of the latest run of `fix` in `account` that made one of
/// `calls`: what an undo restores (the state before the first, after the last).
pub fn last_run(
    entries: &[Entry],
    account: &str,
    fix: &str,
    calls: &[&str],
) -> Option<(Entry, Entry)> {
    let last = entries.iter().rev().find(|e| {
        e.account == account && e.fix == fix && calls.contains(&e.change.call.as_str())
    })?;
    let mut run = entries
        .iter()
        .filter(|e| e.run == last.run && e.account == account && e.fix == fix);
    let first = run.next()?;
    let final_entry = run.next_back().unwrap_or(first);
    Some((first.clone(), final_entry.clone()))
}

/// A fresh id for one fix run's entries.
pub fn run_id() -> String {
    let mut bytes = [0u8; 8];
    // Only distinguishes runs: a clock-based id is fine when randomness is unavailable.
    if getrandom::fill(&mut bytes).is_err() {
        bytes = (time::OffsetDateTime::now_utc().unix_timestamp_nanos() as u64).to_be_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::action::Secret;

    fn identity() -> CallerIdentity {
        CallerIdentity {
            account: "123456789012".into(),
            arn: "arn:aws-us-gov:iam::123456789012:root".into(),
        }
    }

    #[test]
    fn changes_name_the_resource_in_the_callers_partition_and_redact_secrets() {
        let change = Action::CreateLoginProfile {
            user_name: "alice".into(),
            password: Secret::new("hunter2-secret".into()),
            password_reset_required: true,
        }
        .change(&identity(), None);
        assert_eq!(
            change.resource,
            "arn:aws-us-gov:iam::123456789012:user/alice"
        );
        assert_eq!(change.before, Value::Null);
        let text = serde_json::to_string(&change).expect("json");
        assert!(!text.contains("hunter2"), "{text}");
        assert!(text.contains("<redacted>"), "{text}");

        let change = Action::UpdateAccessKey {
            access_key_id: "AKIA1".into(),
            status: "Inactive".into(),
        }
        .change(&identity(), None);
        assert_eq!(change.resource, "arn:aws-us-gov:iam::123456789012:root");
        assert_eq!(change.before["Status"], "Active");
        assert_eq!(change.after["Status"], "Inactive");
    }

    #[test]
    fn a_replaced_setting_carries_the_value_read_before() {
        let before = json!({ "MinimumPasswordLength": 8 });
        let change = Action::UpdateAccountPasswordPolicy(crate::test_support::baseline_policy(14))
            .change(&identity(), Some(&before));
        assert_eq!(change.before, before);
        assert_eq!(change.after["MinimumPasswordLength"], 14);
    }

    #[test]
    fn the_log_is_private_appends_and_reads_back() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("iam-harden-journal-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("state/changes.jsonl");
        let journal = Journal::open(Some(&path)).expect("open");
        let entry = Entry {
            time: "2026-11-28T00:00:00Z".into(),
            tool: "iam-harden/0.1.0".into(),
            account: "123456789012".into(),
            caller_arn: "arn:aws:iam::123456789012:user/admin".into(),
            fix: "sign-in-url".into(),
            undo: false,
            run: run_id(),
            change: Action::CreateAccountAlias {
                account_alias: "acme".into(),
            }
            .change(&identity(), None),
            state: "applied".into(),
        };
        journal
            .append(&[entry.clone(), entry.clone()])
            .expect("append");
        assert_eq!(journal.entries().expect("read"), vec![entry.clone(), entry]);
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        std::fs::write(&path, "not json\n").expect("write");
        let err = journal.entries().expect_err("garbage");
        assert!(format!("{err:#}").contains("line 1"), "{err:#}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_log_that_cannot_be_created_is_refused() {
        let err = Journal::open(Some(Path::new("/proc/iam-harden/changes.jsonl")))
            .err()
            .expect("refused");
        assert!(err.to_string().contains("nothing was changed"), "{err}");
    }

    #[test]
    fn a_shared_log_is_made_private_and_a_linked_one_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir =
            std::env::temp_dir().join(format!("iam-harden-journal-modes-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("changes.jsonl");
        std::fs::write(&path, "").expect("create");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        Journal::open(Some(&path)).expect("open");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "made private before any call");

        let link = dir.join("link.jsonl");
        std::os::unix::fs::symlink(&path, &link).expect("symlink");
        let err = Journal::open(Some(&link)).err().expect("refused");
        assert!(err.to_string().contains("symbolic link"), "{err}");
        let dangling = dir.join("dangling.jsonl");
        std::os::unix::fs::symlink(dir.join("nowhere"), &dangling).expect("symlink");
        assert!(
            Journal::open(Some(&dangling)).is_err(),
            "a link is refused even to nothing"
        );
        assert!(
            !dir.join("nowhere").exists(),
            "and nothing is created through it"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
