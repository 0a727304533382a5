//! `fix individual-users`: an IAM user for daily work, in the admin group, with a generated
//! console password that must be changed at first sign-in. Secrets go to a terminal once or
//! to a 0600 file, never into JSON, logs or a pipe.

use std::fs::{File, OpenOptions};
use std::io::{IsTerminal, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Args;
use serde_json::json;

use super::password::{generate, satisfies};
use super::plan::{Action, CallPlan, Produced, Secret};
use super::{FixEnv, execute_all, present, report_status};
use crate::api::Call;
use crate::aws::call_failed;
use crate::checks::Status;
use crate::render::Format;
use crate::report::sign_in_url;
use crate::settings::Settings;
use crate::snapshot::fetch;
use crate::text::Untrusted;

#[derive(Debug, Args)]
pub struct IndividualUsersFixArgs {
    /// Name of the new user (asked at a terminal when missing).
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,

    /// Group the user joins; created with --policy-arn when missing.
    #[arg(long, value_name = "NAME", default_value = super::groups::ADMIN_GROUP)]
    pub group: String,

    /// The policy a newly created group carries.
    #[arg(long, value_name = "ARN", default_value = super::groups::ADMIN_POLICY_ARN)]
    pub policy_arn: String,

    /// Also create an access key (off by default: CIS advises none at initial setup).
    #[arg(long)]
    pub access_key: bool,

    /// Write the new credentials to this file (mode 0600, never overwritten) instead of
    /// showing them on the terminal.
    #[arg(long, value_name = "PATH")]
    pub credentials_file: Option<std::path::PathBuf>,
}

const CHECK: &str = "individual-users";

/// Where the new user's secrets go, decided before any call.
enum SecretsTo {
    File(PathBuf, File),
    Terminal,
}

/// Create the credentials file now (0600, never overwriting) so that a bad path fails
/// before the account changes.
fn open_credentials_file(path: &Path) -> Result<File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| {
            format!(
                "cannot create credentials file {} (it must not exist yet)",
                path.display()
            )
        })
}

/// The console's CSV layout for new users' credentials, written by a CSV writer: IAM names
/// may hold `,` and a generated password may hold `"`.
fn credentials_csv(
    user: &str,
    password: &Secret,
    key: Option<(&str, &Secret)>,
    url: &str,
) -> Result<String> {
    let (id, secret) = key.map_or(("", ""), |(id, s)| (id, s.expose()));
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "User name",
        "Password",
        "Access key ID",
        "Secret access key",
        "Console login link",
    ])?;
    writer.write_record([user, password.expose(), id, secret, url])?;
    let bytes = writer
        .into_inner()
        .map_err(|e| anyhow::anyhow!("{}", e.error()))?;
    Ok(String::from_utf8(bytes)?)
}

pub async fn run(env: &FixEnv, args: &IndividualUsersFixArgs) -> Result<u8> {
    let snapshot = fetch(&env.clients, &crate::checks::console_sources()).await;
    let outcome = crate::checks::users::individual_users(&snapshot, &Settings::default());
    if args.user.is_none() && outcome.status == Status::Pass {
        env.say("Individual identities already exist: nothing to change.");
        return Ok(report_status(env, CHECK, &outcome));
    }
    let user = user_name(env, args)?;
    let (mut plan, password) = plan(env, args, &snapshot, &user).await?;
    if plan.is_empty() {
        env.say(crate::said!(
            "User {} is already set up in group {}: nothing to change.",
            Untrusted(&user),
            Untrusted(&args.group)
        ));
        return Ok(report_status(env, CHECK, &outcome));
    }
    let secrets_to = secrets_destination(env, args, &plan)?;

    let alias = snapshot
        .aliases
        .as_ref()
        .ok()
        .and_then(|a| a.first().cloned());
    let account = snapshot.identity.as_ref().ok().map(|i| i.account.clone());
    let url = sign_in_url(alias.as_deref(), account.as_deref()).unwrap_or_default();
    plan.summary.insert(
        0,
        format!(
            "New identity: user {user} in group {} (console sign-in at {url})",
            args.group
        ),
    );
    present(env, CHECK, &plan);

    let run = execute_all(
        env,
        CHECK,
        &plan,
        crate::said!("Create user {}?", Untrusted(&user)),
    )
    .await?;
    let key = run.produced.iter().find_map(|p| match p {
        Produced::AccessKey { id, secret } => Some((id.as_str(), secret)),
        Produced::Nothing | Produced::VirtualMfa { .. } => None,
    });
    // A stopped plan may still have set the password or made the key: those secrets exist
    // only here, so they are handed over whatever came after.
    let password_created = run.applied(&plan, |c| matches!(c, Action::CreateLoginProfile { .. }));
    if let Some(code) = run.stopped
        && !password_created
        && key.is_none()
    {
        if let Some(SecretsTo::File(path, _)) = &secrets_to {
            // Nothing was written to it: leave no empty file behind.
            let _ = std::fs::remove_file(path);
        }
        return Ok(code);
    }
    let credentials = NewCredentials {
        user: &user,
        password: password_created.then_some(&password),
        key,
        url: &url,
    };
    hand_over(env, secrets_to, &credentials)?;
    if let Some(code) = run.stopped {
        return Ok(code);
    }
    verify_user(env, args, &user, &url).await
}

/// The new user's name: `--user`, or asked at a terminal; never invented.
fn user_name(env: &FixEnv, args: &IndividualUsersFixArgs) -> Result<String> {
    Ok(match &args.user {
        Some(user) => user.clone(),
        None if env.interactive() => dialoguer::Input::<String>::new()
            .with_prompt("Name of the IAM user for daily work")
            .validate_with(|n: &String| {
                crate::names::validate_name(crate::names::Entity::User, n)
                    .map_err(|e| e.to_string())
            })
            .interact_text()?,
        None => bail!("pass --user NAME (asked only at a terminal); nothing was changed"),
    })
}

/// The calls that leave `user` in the group with a console password (and a key when asked),
/// skipping what exists; and the generated password, which meets the account's policy.
async fn plan(
    env: &FixEnv,
    args: &IndividualUsersFixArgs,
    snapshot: &crate::snapshot::Snapshot,
    user: &str,
) -> Result<(CallPlan, Secret)> {
    // The first read already holds the users, groups and password policy.
    let authorization = snapshot.authorization.as_ref().map_err(Clone::clone)?;
    let policy = snapshot.password_policy.as_ref().map_err(Clone::clone)?;
    let existing = authorization.users.iter().find(|u| u.name == user);
    let group_exists = authorization.groups.iter().any(|g| g.name == args.group);
    let has_login = match existing {
        Some(_) => login_profile_exists(env, user).await?,
        None => false,
    };
    let key_count = match existing {
        Some(_) if args.access_key => access_key_count(env, user).await?,
        _ => 0,
    };

    let mut plan = CallPlan::default();
    if !group_exists {
        plan.calls.push(Action::CreateGroup {
            group_name: args.group.clone(),
        });
        plan.calls.push(Action::AttachGroupPolicy {
            group_name: args.group.clone(),
            policy_arn: args.policy_arn.clone(),
        });
    }
    if existing.is_none() {
        plan.calls.push(Action::CreateUser {
            user_name: user.to_string(),
        });
    }
    if !existing.is_some_and(|u| u.groups.contains(&args.group)) {
        plan.calls.push(Action::AddUserToGroup {
            user_name: user.to_string(),
            group_name: args.group.clone(),
        });
    }
    let password = generate(policy.as_ref())?;
    if let Some(p) = policy
        && !satisfies(password.expose(), p)
    {
        bail!("the generated password does not satisfy the account's password policy");
    }
    if !has_login {
        plan.calls.push(Action::CreateLoginProfile {
            user_name: user.to_string(),
            password: password.clone(),
            password_reset_required: true,
        });
    } else {
        plan.summary.push(format!(
            "{user} already has a console password: it is left as it is."
        ));
    }
    if args.access_key {
        if key_count == 0 {
            plan.calls.push(Action::CreateAccessKey {
                user_name: user.to_string(),
            });
        } else {
            plan.summary.push(format!(
                "{user} already has {key_count} access key(s): no new one is made."
            ));
        }
    }
    Ok((plan, password))
}

/// Where the secrets the plan creates will go, decided (and the file created) before any
/// change: never a pipe or JSON.
fn secrets_destination(
    env: &FixEnv,
    args: &IndividualUsersFixArgs,
    plan: &CallPlan,
) -> Result<Option<SecretsTo>> {
    let creates_secret = plan.calls.iter().any(|c| {
        matches!(
            c,
            Action::CreateLoginProfile { .. } | Action::CreateAccessKey { .. }
        )
    });
    Ok(if env.dry_run || !creates_secret {
        None
    } else if let Some(path) = &args.credentials_file {
        Some(SecretsTo::File(path.clone(), open_credentials_file(path)?))
    } else if env.stdout_terminal && env.format != Format::Json {
        Some(SecretsTo::Terminal)
    } else {
        bail!(
            "the new password would be printed to a pipe or JSON: pass --credentials-file PATH \
             to receive it in a 0600 file; nothing was changed"
        );
    })
}

/// What the applied calls created, to hand over once.
struct NewCredentials<'a> {
    user: &'a str,
    /// `None` when the password was not set (the user had one, or the call did not apply).
    password: Option<&'a Secret>,
    key: Option<(&'a str, &'a Secret)>,
    url: &'a str,
}

/// Write the new credentials to the file, or show them once on the terminal.
fn hand_over(env: &FixEnv, to: Option<SecretsTo>, new: &NewCredentials) -> Result<()> {
    let user = new.user;
    match to {
        Some(SecretsTo::File(path, mut file)) => {
            let empty = Secret::new(String::new());
            let csv = credentials_csv(user, new.password.unwrap_or(&empty), new.key, new.url)?;
            file.write_all(csv.as_bytes())
                .and_then(|()| file.sync_all())
                .with_context(|| format!("writing {}", path.display()))?;
            env.say(crate::said!(
                "Credentials for {} written to {} (mode 0600). Hand them over in person; \
                 the password must be changed at first sign-in.",
                Untrusted(user),
                Untrusted(&path.display().to_string())
            ));
        }
        Some(SecretsTo::Terminal) => {
            // Only reached with stdout on a terminal: shown once, never logged.
            let mut out = std::io::stdout();
            if out.is_terminal() {
                writeln!(out, "Sign-in URL:  {}", new.url)?;
                writeln!(out, "User name:    {user}")?;
                if let Some(password) = new.password {
                    writeln!(
                        out,
                        "Password:     {}   (shown once; must be changed at first sign-in)",
                        password.expose()
                    )?;
                }
                if let Some((id, secret)) = new.key {
                    writeln!(out, "Access key:   {}", crate::text::printable(id))?;
                    writeln!(out, "Secret key:   {}   (shown once)", secret.expose())?;
                }
            }
        }
        None => {}
    }
    Ok(())
}

/// Verify with direct calls: the user, its group and its console access.
async fn verify_user(
    env: &FixEnv,
    args: &IndividualUsersFixArgs,
    user: &str,
    url: &str,
) -> Result<u8> {
    let verified = fetch(&env.clients, &crate::checks::console_sources()).await;
    let outcome = crate::checks::users::individual_users(&verified, &Settings::default());
    let in_group = verified.authorization.as_ref().is_ok_and(|a| {
        a.users
            .iter()
            .any(|u| u.name == user && u.groups.contains(&args.group))
    });
    let login = login_profile_exists(env, user).await?;
    if env.format == Format::Json {
        env.result(
            CHECK,
            &outcome,
            json!({
                "user": user,
                "group": args.group,
                "console_access": login,
                "sign_in_url": url,
            }),
        );
    } else {
        env.say(crate::said!(
            "Verified: user {} {} group {}, console access {}.",
            Untrusted(user),
            if in_group { "is in" } else { "is NOT in" },
            Untrusted(&args.group),
            if login { "on" } else { "MISSING" }
        ));
        env.say(crate::said!(
            "{} is {}: {}",
            CHECK,
            status_word(outcome.status),
            Untrusted(&outcome.reason)
        ));
        env.say(crate::said!("Sign-in URL: {}", Untrusted(url)));
    }
    Ok(match outcome.status {
        Status::Pass if in_group && login => crate::exit::GREEN,
        Status::Error => crate::exit::ERROR,
        _ => crate::exit::ORANGE,
    })
}

fn status_word(status: Status) -> &'static str {
    match status {
        Status::Pass => "green",
        Status::Fail | Status::Waived => "still orange",
        Status::Error => "not verified",
    }
}

async fn login_profile_exists(env: &FixEnv, user: &str) -> Result<bool> {
    match env
        .clients
        .iam
        .get_login_profile()
        .user_name(user)
        .send()
        .await
    {
        Ok(_) => Ok(true),
        Err(e)
            if e.as_service_error()
                .is_some_and(|s| s.is_no_such_entity_exception()) =>
        {
            Ok(false)
        }
        Err(e) => Err(call_failed(Call::GetLoginProfile, &e)),
    }
}

async fn access_key_count(env: &FixEnv, user: &str) -> Result<usize> {
    let out = env
        .clients
        .iam
        .list_access_keys()
        .user_name(user)
        .send()
        .await
        .map_err(|e| call_failed(Call::ListAccessKeys, &e))?;
    Ok(out.access_key_metadata().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_file_uses_the_console_layout() {
        let csv = credentials_csv(
            "alice",
            &Secret::new("Pw-1234567890abcdefgh!".into()),
            Some(("AKIAEXAMPLE", &Secret::new("secret/key".into()))),
            "https://acme.signin.aws.amazon.com/console",
        );
        assert_eq!(
            csv.expect("csv"),
            "User name,Password,Access key ID,Secret access key,Console login link\n\
             alice,Pw-1234567890abcdefgh!,AKIAEXAMPLE,secret/key,https://acme.signin.aws.amazon.com/console\n"
        );
    }

    #[test]
    fn a_name_with_a_comma_and_a_password_with_a_quote_stay_in_their_columns() {
        let csv = credentials_csv(
            "ops,admin",
            &Secret::new("Pw\"1234567890abcdefgh!".into()),
            None,
            "https://acme.signin.aws.amazon.com/console",
        )
        .expect("csv");
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let row = reader.records().next().expect("row").expect("record");
        assert_eq!(&row[0], "ops,admin");
        assert_eq!(&row[1], "Pw\"1234567890abcdefgh!");
        assert_eq!(row.len(), 5);
    }

    #[test]
    fn credentials_file_is_private_and_never_overwritten() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("iam-harden-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("creds.csv");
        let _ = std::fs::remove_file(&path);
        drop(open_credentials_file(&path).expect("created"));
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert!(open_credentials_file(&path).is_err(), "no overwrite");
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }
}
