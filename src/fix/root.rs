//! The root user's items. Root MFA can only be enabled in the console (AWS offers no API),
//! and root's access keys can only be removed by root itself: where the tool cannot act it
//! guides, and with `--wait` it watches GetAccountSummary until the change is observed.

use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use clap::Args;

use super::plan::{Action, CallPlan};
use super::{Applied, FixEnv, execute, present};
use crate::api::Call;
use crate::aws::call_failed;
use crate::checks::{Finding, Outcome};
use crate::exit::ORANGE;
use crate::snapshot::{AccountSummary, fetch_identity, fetch_summary};

/// How long `--wait` polls when given without a value.
pub const DEFAULT_WAIT_SECONDS: &str = "600";

#[derive(Debug, Args)]
pub struct RootAccessKeysFixArgs {
    /// Delete the keys (after deactivating them) instead of only deactivating them.
    #[arg(long)]
    pub delete: bool,

    /// When not signed in as root: poll until the root keys are gone (default 600 s).
    #[arg(long, value_name = "SECONDS", num_args = 0..=1, default_missing_value = DEFAULT_WAIT_SECONDS)]
    pub wait: Option<u64>,
}

#[derive(Debug, Args)]
pub struct RootMfaFixArgs {
    /// Poll until root MFA is active (default 600 s).
    #[arg(long, value_name = "SECONDS", num_args = 0..=1, default_missing_value = DEFAULT_WAIT_SECONDS)]
    pub wait: Option<u64>,
}

// One line per step: on a terminal, lines wrap at its width under the step's text.
const MFA_STEPS: &str = "\
AWS lets the root user enable MFA only in the console, so this fix guides you:
  1. Sign in as the root user (email address and password) at https://console.aws.amazon.com/
  2. Open Security credentials: https://console.aws.amazon.com/iam/home#/security_credentials
  3. Under \"Multi-factor authentication (MFA)\" choose \"Assign MFA device\".
  4. Pick \"Authenticator app\" (or a security key, which is stronger), scan the QR code with the app, and enter two consecutive codes.
  5. Keep a recovery plan: a second MFA device, or the account's contact details up to date.";

const ROOT_KEY_STEPS: &str = "\
Only the root user can remove root access keys, and you are not signed in as root:
  1. Sign in as the root user at https://console.aws.amazon.com/
  2. Open Security credentials: https://console.aws.amazon.com/iam/home#/security_credentials
  3. Under \"Access keys\", for each key: Actions > Deactivate, check nothing breaks, then Actions > Delete.
  (Or run `iam-harden fix root-access-keys` with the root user's own keys.)";

pub async fn mfa(env: &FixEnv, args: &RootMfaFixArgs) -> Result<u8> {
    let summary = fetch_summary(&env.clients.iam).await?;
    let verdict = crate::checks::root::mfa_verdict(&summary);
    if verdict.is_green() {
        env.say("Nothing to do.");
        return Ok(finish(env, "root-mfa", true, &verdict.reason()));
    }
    env.say(MFA_STEPS);
    let Some(seconds) = args.wait else {
        env.say("Run again with --wait to watch for the change.");
        return Ok(finish(
            env,
            "root-mfa",
            false,
            "MFA is not active on the root user",
        ));
    };
    let seen = wait_until(
        env,
        "Waiting for root MFA to become active",
        Duration::from_secs(seconds),
        env.poll_interval,
        mfa_done,
    )
    .await?;
    Ok(if seen {
        finish(
            env,
            "root-mfa",
            true,
            "MFA is active on the root user (observed)",
        )
    } else {
        finish(
            env,
            "root-mfa",
            false,
            &format!("MFA was not active after {seconds} s of waiting"),
        )
    })
}

/// A fix is verified by its check's own verdict, never by a looser condition.
fn mfa_done(summary: &AccountSummary) -> bool {
    crate::checks::root::mfa_verdict(summary).is_green()
}

fn keys_gone(summary: &AccountSummary) -> bool {
    crate::checks::root::access_keys_verdict(summary).is_green()
}

pub async fn access_keys(env: &FixEnv, args: &RootAccessKeysFixArgs) -> Result<u8> {
    let (summary, identity) = tokio::join!(
        fetch_summary(&env.clients.iam),
        fetch_identity(&env.clients.sts)
    );
    if keys_gone(&summary?) {
        env.say("The root user has no access keys.");
        return Ok(finish(
            env,
            "root-access-keys",
            true,
            "The root user has no access keys",
        ));
    }
    let identity = identity?;
    if !identity.arn.ends_with(":root") {
        env.say(ROOT_KEY_STEPS);
        let Some(seconds) = args.wait else {
            env.say("Run again with --wait to watch for the change.");
            return Ok(finish(
                env,
                "root-access-keys",
                false,
                "The root user has access keys",
            ));
        };
        let seen = wait_until(
            env,
            "Waiting for the root access keys to be deleted",
            Duration::from_secs(seconds),
            env.poll_interval,
            keys_gone,
        )
        .await?;
        return Ok(finish(
            env,
            "root-access-keys",
            seen,
            if seen {
                "The root user has no access keys (observed)"
            } else {
                "The root user still has access keys"
            },
        ));
    }
    as_root(env, args).await
}

/// The caller is root with its own long-term keys: ListAccessKeys and friends without a
/// user name act on root itself.
async fn as_root(env: &FixEnv, args: &RootAccessKeysFixArgs) -> Result<u8> {
    let mut keys = root_keys(env).await?;
    // The key this session signs with goes last: everything else is done before it stops.
    let own = env.access_key_id.as_deref();
    keys.sort_by_key(|(id, _)| Some(id.as_str()) == own);
    let signs_with_root_key = keys.iter().any(|(id, _)| Some(id.as_str()) == own);

    let plan = plan_keys(env, args, &keys).await;
    if plan.is_empty() {
        env.say("Every root key is already inactive. Delete them with --delete.");
        return Ok(finish(
            env,
            "root-access-keys",
            false,
            "The root user has inactive access keys",
        ));
    }
    present(env, "root-access-keys", &plan);
    if args.delete
        && env.interactive()
        && !env.dry_run
        && !env.confirm("Deleting keys cannot be undone. Delete them?")?
    {
        env.say("Nothing was changed.");
        return Ok(ORANGE);
    }
    let applied = execute(
        env,
        "root-access-keys",
        &plan,
        "Apply these changes to the root access keys?",
    )
    .await?;
    match applied {
        Applied::Stopped(code) => Ok(code),
        Applied::All if !args.delete => Ok(finish(
            env,
            "root-access-keys",
            false,
            "The root keys are inactive but still exist: delete them with --delete once \
             nothing broke",
        )),
        // IAM confirmed each deletion; this session's key is among them, so no further
        // read is possible with it.
        Applied::All if signs_with_root_key => Ok(finish(
            env,
            "root-access-keys",
            true,
            "Every root key was deleted (IAM confirmed each call); re-check with another \
             identity",
        )),
        Applied::All => {
            let summary = fetch_summary(&env.clients.iam).await?;
            let gone = keys_gone(&summary);
            Ok(finish(
                env,
                "root-access-keys",
                gone,
                if gone {
                    "The root user has no access keys"
                } else {
                    "GetAccountSummary still reports root access keys"
                },
            ))
        }
    }
}

/// Root's own access keys (id, active?). A key the reply does not identify cannot be
/// handled: fail rather than skip it.
async fn root_keys(env: &FixEnv) -> Result<Vec<(String, bool)>> {
    let listed = env
        .clients
        .iam
        .list_access_keys()
        .send()
        .await
        .map_err(|e| call_failed(Call::ListAccessKeys, &e))?;
    listed
        .access_key_metadata()
        .iter()
        .map(|k| {
            let id = k
                .access_key_id()
                .filter(|id| !id.is_empty())
                .ok_or_else(|| {
                    anyhow!(
                        "{}: malformed reply: a key without AccessKeyId",
                        Call::ListAccessKeys
                    )
                })?;
            Ok((
                id.to_string(),
                k.status().is_some_and(|s| s.as_str() == "Active"),
            ))
        })
        .collect()
}

/// Deactivate each active key (and with --delete, delete each), this session's key last;
/// the summary says when each was last used.
async fn plan_keys(
    env: &FixEnv,
    args: &RootAccessKeysFixArgs,
    keys: &[(String, bool)],
) -> CallPlan {
    let own = env.access_key_id.as_deref();
    let mut plan = CallPlan::default();
    for (id, active) in keys {
        let last_used = env
            .clients
            .iam
            .get_access_key_last_used()
            .access_key_id(id)
            .send()
            .await
            .ok()
            .and_then(|o| {
                o.access_key_last_used()
                    .and_then(|u| u.last_used_date())
                    .map(|d| d.to_string())
            })
            .unwrap_or_else(|| "never".into());
        let is_own = Some(id.as_str()) == own;
        plan.summary.push(format!(
            "root key {id}: {}, last used {last_used}{}",
            if *active { "active" } else { "inactive" },
            if is_own {
                " (this session's key: handled last)"
            } else {
                ""
            }
        ));
        // This session's key signs every call: deactivated, nothing after it could be
        // sent. With --delete it is deleted last, as the plan's final call, unchanged
        // before; the others are deactivated, then deleted, one key at a time.
        if *active && !(args.delete && is_own) {
            plan.calls.push(Action::UpdateAccessKey {
                access_key_id: id.clone(),
                status: "Inactive".into(),
            });
        }
        if args.delete {
            plan.calls.push(Action::DeleteAccessKey {
                access_key_id: id.clone(),
            });
        }
    }
    if keys.iter().any(|(id, _)| Some(id.as_str()) == own) {
        plan.summary.push(
            "This session signs with a root key: once it is deactivated, this session ends and \
             the result must be checked with another identity (iam-harden audit)."
                .into(),
        );
    }
    plan
}

/// Poll GetAccountSummary until `done` holds or `limit` passes, with a spinner on stderr.
pub async fn wait_until(
    env: &FixEnv,
    message: &str,
    limit: Duration,
    interval: Duration,
    done: impl Fn(&AccountSummary) -> bool,
) -> Result<bool> {
    let spinner = indicatif::ProgressBar::new_spinner();
    spinner.enable_steady_tick(Duration::from_millis(120));
    let started = Instant::now();
    let deadline = started + limit;
    // Poll every `interval` until the deadline, the last poll at the deadline itself: the
    // wait takes the time it says.
    let result = loop {
        spinner.set_message(format!(
            "{message} ({} s of {} s)",
            started.elapsed().as_secs(),
            limit.as_secs()
        ));
        match fetch_summary(&env.clients.iam).await {
            Ok(summary) if done(&summary) => break Ok(true),
            Ok(_) => {}
            Err(err) => break Err(anyhow!(err)),
        }
        let now = Instant::now();
        if now >= deadline {
            break Ok(false);
        }
        tokio::time::sleep(interval.min(deadline - now)).await;
    };
    spinner.finish_and_clear();
    result
}

/// The root item's status as observed, in the shape every fix reports: an orange one is a
/// finding on the account.
fn finish(env: &FixEnv, id: &str, green: bool, reason: &str) -> u8 {
    let outcome = if green {
        Outcome::pass(reason)
    } else {
        let resource = crate::checks::finding::identity_resource(&env.identity);
        Outcome::fail(reason, vec![Finding::new(resource, reason)])
    };
    super::report_status(env, id, &outcome)
}

/// The root flows no emulator can represent, through the SDK with real-shaped XML.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::GREEN;
    use crate::render::Format;
    use crate::test_support::{NS, caller_identity_xml, clients, fixture, summary_xml};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    const OWN_KEY: &str = "AKIAROOTOWN000000001";
    const OTHER_KEY: &str = "AKIAROOTOTHER0000002";

    fn env(clients: crate::snapshot::Clients) -> FixEnv {
        FixEnv {
            clients,
            identity: crate::snapshot::CallerIdentity {
                account: "111122223333".into(),
                arn: "arn:aws:iam::111122223333:root".into(),
            },
            format: Format::Table,
            dry_run: false,
            yes: true,
            stdin_terminal: false,
            stdout_terminal: false,
            terminal_width: None,
            access_key_id: Some(OWN_KEY.into()),
            poll_interval: Duration::from_millis(5),
            journal: None,
            run: "test".into(),
            undo: false,
            applied: Default::default(),
            journal_failed: Default::default(),
        }
    }

    fn root_answer(action: &str) -> (u16, String) {
        let body = match action {
            "GetAccountSummary" => summary_xml(&[
                ("AccountMFAEnabled", 0),
                ("AccountAccessKeysPresent", 1),
                ("Users", 0),
            ]),
            "GetCallerIdentity" => caller_identity_xml("arn:aws:iam::111122223333:root"),
            "ListAccessKeys" => fixture!("iam/list-access-keys.xml")
                .replace("{OTHER_KEY}", OTHER_KEY)
                .replace("{OWN_KEY}", OWN_KEY),
            "GetAccessKeyLastUsed" => fixture!("iam/get-access-key-last-used.xml").to_string(),
            "UpdateAccessKey" => format!(
                r#"<UpdateAccessKeyResponse xmlns="{NS}"><ResponseMetadata><RequestId>x1</RequestId></ResponseMetadata></UpdateAccessKeyResponse>"#
            ),
            "DeleteAccessKey" => format!(
                r#"<DeleteAccessKeyResponse xmlns="{NS}"><ResponseMetadata><RequestId>d1</RequestId></ResponseMetadata></DeleteAccessKeyResponse>"#
            ),
            other => panic!("unexpected call {other}"),
        };
        (200, body)
    }

    async fn remove_keys(env: &FixEnv, delete: bool) -> u8 {
        access_keys(env, &RootAccessKeysFixArgs { delete, wait: None })
            .await
            .expect("fix")
    }

    /// The key-changing calls, in order, as `Action KeyId [Status]`.
    fn key_calls(bodies: &[String]) -> Vec<String> {
        bodies
            .iter()
            .filter(|b| {
                b.contains("Action=UpdateAccessKey") || b.contains("Action=DeleteAccessKey")
            })
            .map(|b| {
                let field = |name: &str| {
                    b.split('&')
                        .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
                        .unwrap_or("")
                        .to_string()
                };
                format!(
                    "{} {} {}",
                    field("Action"),
                    field("AccessKeyId"),
                    field("Status")
                )
                .trim_end()
                .to_string()
            })
            .collect()
    }

    #[tokio::test]
    async fn root_deletes_other_keys_deactivating_first_and_its_own_key_last() {
        let (clients, seen) = clients(|action, _| root_answer(action));
        let dir = std::env::temp_dir().join(format!("iam-harden-root-log-{}", std::process::id()));
        let log = dir.join("changes.jsonl");
        let _ = std::fs::remove_file(&log);
        let mut env = env(clients);
        env.journal = Some(super::super::journal::Journal::open(Some(&log)).expect("log"));
        let code = remove_keys(&env, true).await;
        assert_eq!(code, GREEN);
        // Each key call is in the change log, on root's ARN, with the key's states.
        let logged = env
            .journal
            .as_ref()
            .expect("log")
            .entries()
            .expect("entries");
        let logged: Vec<(String, String, serde_json::Value)> = logged
            .into_iter()
            .map(|e| (e.change.call, e.change.resource, e.change.after))
            .collect();
        let root = "arn:aws:iam::111122223333:root".to_string();
        assert_eq!(
            logged,
            [
                (
                    "UpdateAccessKey".into(),
                    root.clone(),
                    serde_json::json!({ "AccessKeyId": OTHER_KEY, "Status": "Inactive" })
                ),
                (
                    "DeleteAccessKey".into(),
                    root.clone(),
                    serde_json::Value::Null
                ),
                ("DeleteAccessKey".into(), root, serde_json::Value::Null),
            ]
        );
        let _ = std::fs::remove_dir_all(&dir);
        let bodies = seen.lock().expect("seen").clone();
        let list = bodies
            .iter()
            .find(|b| b.contains("Action=ListAccessKeys"))
            .expect("listed");
        assert!(
            !list.contains("UserName"),
            "acts on the caller, root: {list}"
        );
        assert_eq!(
            key_calls(&bodies),
            [
                format!("UpdateAccessKey {OTHER_KEY} Inactive"),
                format!("DeleteAccessKey {OTHER_KEY}"),
                // Deactivating the signing key first would leave its deletion unsigned.
                format!("DeleteAccessKey {OWN_KEY}"),
            ]
        );
    }

    #[tokio::test]
    async fn deactivating_only_leaves_the_item_orange() {
        let (clients, seen) = clients(|action, _| root_answer(action));
        let code = remove_keys(&env(clients), false).await;
        assert_eq!(code, ORANGE, "inactive keys still count as present");
        let calls = key_calls(&seen.lock().expect("seen"));
        assert_eq!(calls.len(), 2);
        assert!(calls.iter().all(|c| c.starts_with("UpdateAccessKey")));
    }

    #[tokio::test]
    async fn dry_run_changes_no_root_key() {
        let (clients, seen) = clients(|action, _| root_answer(action));
        let mut env = env(clients);
        env.dry_run = true;
        let code = remove_keys(&env, true).await;
        assert_eq!(code, ORANGE);
        assert!(key_calls(&seen.lock().expect("seen")).is_empty());
    }

    #[tokio::test]
    async fn a_non_root_caller_changes_nothing_and_is_guided() {
        let (clients, seen) = clients(|action, _| {
            if action == "GetCallerIdentity" {
                (
                    200,
                    caller_identity_xml("arn:aws:iam::111122223333:user/admin"),
                )
            } else {
                root_answer(action)
            }
        });
        let code = remove_keys(&env(clients), true).await;
        assert_eq!(code, ORANGE);
        let bodies = seen.lock().expect("seen");
        assert!(bodies.iter().all(|b| !b.contains("Action=ListAccessKeys")));
        assert!(key_calls(&bodies).is_empty());
    }

    #[tokio::test]
    async fn wait_observes_root_mfa_turning_on() {
        let polls = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&polls);
        let (clients, _) = clients(move |action, _| {
            assert_eq!(action, "GetAccountSummary");
            let n = counter.fetch_add(1, Ordering::SeqCst);
            // Off for the first read and two polls, then the user finishes in the console.
            let enabled = i32::from(n >= 3);
            (
                200,
                summary_xml(&[
                    ("AccountMFAEnabled", enabled),
                    ("AccountAccessKeysPresent", 0),
                ]),
            )
        });
        let code = mfa(&env(clients), &RootMfaFixArgs { wait: Some(30) })
            .await
            .expect("fix");
        assert_eq!(code, GREEN);
        assert_eq!(polls.load(Ordering::SeqCst), 4);
    }

    #[tokio::test]
    async fn wait_times_out_orange_without_claiming_success() {
        let (clients, _) = clients(|_, _| {
            (
                200,
                summary_xml(&[("AccountMFAEnabled", 0), ("AccountAccessKeysPresent", 0)]),
            )
        });
        let mut env = env(clients);
        env.poll_interval = Duration::from_millis(300);
        let code = mfa(&env, &RootMfaFixArgs { wait: Some(1) })
            .await
            .expect("fix");
        assert_eq!(code, ORANGE);
    }

    /// `--wait N` takes N seconds: polls every interval, the last one at the deadline (an
    /// interval longer than the wait no longer ends it at once).
    #[tokio::test]
    async fn a_wait_lasts_as_long_as_it_says_and_polls_at_its_end() {
        let polls = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&polls);
        let (clients, _) = clients(move |_, _| {
            counter.fetch_add(1, Ordering::SeqCst);
            (
                200,
                summary_xml(&[("AccountMFAEnabled", 0), ("AccountAccessKeysPresent", 0)]),
            )
        });
        let mut env = env(clients);
        env.poll_interval = Duration::from_secs(5);
        let started = Instant::now();
        let seen = wait_until(
            &env,
            "waiting",
            Duration::from_secs(1),
            env.poll_interval,
            mfa_done,
        )
        .await
        .expect("wait");
        assert!(!seen);
        assert!(
            started.elapsed() >= Duration::from_secs(1),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(
            polls.load(Ordering::SeqCst),
            2,
            "one at the start, one at the deadline"
        );
    }

    /// The fix's verification is the check: root without password and keys is green for
    /// both, though AccountMFAEnabled is 0.
    #[tokio::test]
    async fn root_mfa_fix_agrees_with_the_check_on_a_root_without_credentials() {
        let (clients, _) = clients(|_, _| {
            (
                200,
                summary_xml(&[
                    ("AccountMFAEnabled", 0),
                    ("AccountAccessKeysPresent", 0),
                    ("AccountPasswordPresent", 0),
                ]),
            )
        });
        let code = mfa(&env(clients), &RootMfaFixArgs { wait: None })
            .await
            .expect("fix");
        assert_eq!(code, GREEN);
    }
}
