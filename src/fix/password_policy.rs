//! `fix password-policy`: merge the baseline into the current policy so that nothing gets
//! weaker, show before and after, and write every field in one UpdateAccountPasswordPolicy
//! (IAM has no partial update: an omitted field reverts to its default).

use anyhow::{Context, Result, bail};
use clap::Args;

use super::plan::{Action, CallPlan};
use super::{Applied, FixEnv, execute, present, verify};
use crate::settings::{
    self, Baseline, BaselineOverrides, FIX_REUSE_PREVENTION, IAM_MAX_AGE, IAM_MIN_LENGTH,
    IAM_REUSE_PREVENTION, MIN_LENGTH, RequirementFlags, Settings,
};
use crate::snapshot::{PasswordPolicy, fetch_password_policy};
use crate::text::Said;

#[derive(Debug, Args)]
pub struct PasswordPolicyFixArgs {
    #[arg(long, value_name = "N", default_value_t = MIN_LENGTH.default,
          value_parser = MIN_LENGTH.parser(),
          help = format!("Minimum password length ({}-{}); a longer current minimum is kept", MIN_LENGTH.min, MIN_LENGTH.max))]
    pub min_length: u32,

    #[arg(long, value_name = "N", default_value_t = FIX_REUSE_PREVENTION.default,
          value_parser = FIX_REUSE_PREVENTION.parser(),
          help = format!("Previous passwords to remember ({}-{}); a larger current value is kept",
                         FIX_REUSE_PREVENTION.min, FIX_REUSE_PREVENTION.max))]
    pub reuse_prevention: u32,

    #[arg(long, value_name = "DAYS", value_parser = settings::parser(IAM_MAX_AGE),
          help = format!("Days before a password expires ({}-{}). Not set by default: NIST SP 800-63B \
                          advises against forced rotation. A shorter current value is kept", IAM_MAX_AGE.start(), IAM_MAX_AGE.end()))]
    pub max_age: Option<u32>,

    /// Requirements to add; a requirement the current policy has is always kept.
    #[command(flatten)]
    pub requirements: RequirementFlags,

    /// Expired passwords need an administrator to reset them.
    #[arg(long)]
    pub hard_expiry: bool,

    /// Restore the policy recorded before the last password-policy change in the change
    /// log; refused when the policy has changed since.
    #[arg(long, conflicts_with_all = ["min_length", "reuse_prevention", "max_age", "hard_expiry"])]
    pub undo: bool,
}

const CHECK: &str = "password-policy";

/// The values the user asked for (flags), before merging with the current policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// What the result is verified against.
    pub baseline: Baseline,
    pub max_age: Option<u32>,
    pub hard_expiry: bool,
}

impl From<&PasswordPolicyFixArgs> for Target {
    fn from(a: &PasswordPolicyFixArgs) -> Self {
        let given = BaselineOverrides {
            min_length: Some(a.min_length),
            reuse_prevention: Some(a.reuse_prevention),
            ..a.requirements.overrides()
        };
        Self {
            baseline: given.resolve(),
            max_age: a.max_age,
            hard_expiry: a.hard_expiry,
        }
    }
}

/// The proposed policy: the target merged with the current policy so that no current
/// setting gets weaker (longer minimum, more remembered passwords, shorter expiry and hard
/// expiry are all kept).
pub fn merge(current: Option<&PasswordPolicy>, target: &Target) -> PasswordPolicy {
    let Some(c) = current else {
        return PasswordPolicy {
            minimum_password_length: target.baseline.min_length,
            require_uppercase_characters: target.baseline.require_uppercase,
            require_lowercase_characters: target.baseline.require_lowercase,
            require_numbers: target.baseline.require_numbers,
            require_symbols: target.baseline.require_symbols,
            allow_users_to_change_password: target.baseline.allow_users_to_change,
            password_reuse_prevention: Some(target.baseline.reuse_prevention),
            max_password_age: target.max_age,
            hard_expiry: target.hard_expiry,
        };
    };
    PasswordPolicy {
        minimum_password_length: c.minimum_password_length.max(target.baseline.min_length),
        require_uppercase_characters: c.require_uppercase_characters
            || target.baseline.require_uppercase,
        require_lowercase_characters: c.require_lowercase_characters
            || target.baseline.require_lowercase,
        require_numbers: c.require_numbers || target.baseline.require_numbers,
        require_symbols: c.require_symbols || target.baseline.require_symbols,
        allow_users_to_change_password: c.allow_users_to_change_password
            || target.baseline.allow_users_to_change,
        password_reuse_prevention: Some(
            c.password_reuse_prevention
                .unwrap_or(0)
                .max(target.baseline.reuse_prevention),
        ),
        max_password_age: match (c.max_password_age, target.max_age) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        },
        hard_expiry: c.hard_expiry || target.hard_expiry,
    }
}

/// The settings of `policy` weaker than `baseline` asks, by their labels in `compare`.
pub fn below_baseline(policy: &PasswordPolicy, baseline: &Baseline) -> Vec<&'static str> {
    use crate::checks::password_policy::{Floor, short_of};
    short_of(policy, baseline)
        .into_iter()
        .map(|floor| match floor {
            Floor::MinLength => LABELS[0],
            Floor::Uppercase => LABELS[1],
            Floor::Lowercase => LABELS[2],
            Floor::Numbers => LABELS[3],
            Floor::Symbols => LABELS[4],
            Floor::ReusePrevention => LABELS[5],
            Floor::UsersMayChange => LABELS[6],
        })
        .collect()
}

const LABELS: [&str; 9] = [
    "minimum length",
    "require uppercase",
    "require lowercase",
    "require numbers",
    "require symbols",
    "remember passwords",
    "users may change",
    "expire after",
    "hard expiry",
];

/// Field-by-field before and after, for the plan's summary; a value after the fix that is
/// weaker than `baseline` says so on its row.
pub fn compare(
    current: Option<&PasswordPolicy>,
    proposed: &PasswordPolicy,
    baseline: &Baseline,
) -> Vec<String> {
    let rows = |p: Option<&PasswordPolicy>| -> Vec<String> {
        match p {
            None => vec!["(no policy)".to_string(); 9],
            Some(p) => vec![
                p.minimum_password_length.to_string(),
                yes_no(p.require_uppercase_characters),
                yes_no(p.require_lowercase_characters),
                yes_no(p.require_numbers),
                yes_no(p.require_symbols),
                p.password_reuse_prevention
                    .map_or("off".into(), |v| v.to_string()),
                yes_no(p.allow_users_to_change_password),
                p.max_password_age
                    .map_or("never".into(), |v| format!("{v} days")),
                yes_no(p.hard_expiry),
            ],
        }
    };
    let before = rows(current);
    let after = rows(Some(proposed));
    let below = below_baseline(proposed, baseline);
    let mut lines = vec![format!("{:<20} {:<13} {}", "", "now", "after the fix")];
    for ((label, b), a) in LABELS.iter().zip(before).zip(after) {
        let mark = match (b != a, below.contains(label)) {
            (true, true) => "<- changes, BELOW THE BASELINE",
            (false, true) => "<- BELOW THE BASELINE",
            (true, false) => "<- changes",
            (false, false) => "",
        };
        lines.push(
            format!("{label:<20} {b:<13} {a:<13}{mark}")
                .trim_end()
                .to_string(),
        );
    }
    lines
}

fn yes_no(v: bool) -> String {
    if v { "yes".into() } else { "no".into() }
}

pub async fn run(env: &FixEnv, args: &PasswordPolicyFixArgs) -> Result<u8> {
    if args.undo {
        return undo(env).await;
    }
    let target = Target::from(args);
    let settings = Settings {
        baseline: target.baseline.clone(),
        ..Settings::default()
    };
    let current = fetch_password_policy(&env.clients.iam).await?;
    let mut proposed = merge(current.as_ref(), &target);
    if current.as_ref() == Some(&proposed) {
        env.say("The password policy already meets the baseline: nothing to change.");
        return Ok(verify(env, CHECK, &settings).await);
    }
    let plan_for = |proposed: &PasswordPolicy| CallPlan {
        summary: compare(current.as_ref(), proposed, &target.baseline),
        calls: vec![Action::UpdateAccountPasswordPolicy(proposed.clone())],
        before: Some(serde_json::json!(current)),
    };
    // The plan first, so that what is asked about is on the screen above the question.
    let mut plan = plan_for(&proposed);
    present(env, CHECK, &plan);
    if env.interactive() && !env.dry_run && wants_to_adjust()? {
        proposed = adjust(current.as_ref(), proposed)?;
        plan = plan_for(&proposed);
        present(env, CHECK, &plan);
    }
    let below = below_baseline(&proposed, &target.baseline);
    // Values adjusted below the baseline are written only when asked for knowingly.
    let question = match below.is_empty() {
        true => "Write this password policy?",
        false => {
            env.say(Said::own(format!(
                "Below the baseline: {}.",
                below.join(", ")
            )));
            "Write this password policy anyway?"
        }
    };
    Ok(match execute(env, CHECK, &plan, question).await? {
        Applied::All => verify(env, CHECK, &settings).await,
        Applied::Stopped(code) => code,
    })
}

/// `--undo`: restore the policy the change log recorded before the last password-policy
/// change in this account, if the policy is still what that change left.
async fn undo(env: &FixEnv) -> Result<u8> {
    const CALLS: &[&str] = &["UpdateAccountPasswordPolicy", "DeleteAccountPasswordPolicy"];
    let (_, last_entry) = env.last_logged_run(CHECK, CALLS)?;
    let last = &last_entry.change;
    let current = fetch_password_policy(&env.clients.iam).await?;
    if serde_json::json!(current) != last.after {
        bail!(
            "the password policy has changed since the logged change of {}: refusing to undo; \
             nothing was changed",
            last_entry.time
        );
    }
    let restored: Option<PasswordPolicy> = serde_json::from_value(last.before.clone())
        .context("the logged policy before the change is not a password policy")?;
    let (summary, call) = match &restored {
        Some(policy) => (
            compare(current.as_ref(), policy, &Baseline::default()),
            Action::UpdateAccountPasswordPolicy(policy.clone()),
        ),
        None => (
            vec!["the account had no password policy: delete it".to_string()],
            Action::DeleteAccountPasswordPolicy,
        ),
    };
    let plan = CallPlan {
        summary,
        calls: vec![call],
        before: Some(serde_json::json!(current)),
    };
    present(env, CHECK, &plan);
    if let Applied::Stopped(code) =
        execute(env, CHECK, &plan, "Restore the earlier password policy?").await?
    {
        return Ok(code);
    }
    let now = fetch_password_policy(&env.clients.iam).await?;
    if now != restored {
        env.say("The call was applied, but the policy read back differs from the logged one: not verified.");
        return Ok(crate::exit::ERROR);
    }
    env.say("The earlier password policy is restored.");
    // The item's own status after the undo, as every fix reports it.
    verify(env, CHECK, &Settings::default()).await;
    Ok(crate::exit::GREEN)
}

/// At a terminal: accept the proposal or adjust each value, never below the current one.
/// Take the proposed policy as it is, or adjust its values first?
fn wants_to_adjust() -> Result<bool> {
    let choice = dialoguer::Select::new()
        .with_prompt("Use this policy?")
        .items(["Yes, use it", "Adjust the values"])
        .default(0)
        .interact()?;
    Ok(choice == 1)
}

/// Each value asked for, never below the current policy's (the baseline is not a floor
/// here: the plan shown afterwards marks what falls below it, and the question says so).
fn adjust(current: Option<&PasswordPolicy>, proposed: PasswordPolicy) -> Result<PasswordPolicy> {
    let floor = current.cloned();
    let mut p = proposed;
    let (lowest, highest) = (*IAM_MIN_LENGTH.start(), *IAM_MIN_LENGTH.end());
    let min_length = floor.as_ref().map_or(lowest, |c| c.minimum_password_length);
    p.minimum_password_length = dialoguer::Input::<u32>::new()
        .with_prompt(format!("Minimum length ({min_length}-{highest})"))
        .default(p.minimum_password_length)
        .validate_with(move |v: &u32| -> Result<(), String> {
            if (min_length..=highest).contains(v) {
                Ok(())
            } else {
                Err(format!("between {min_length} and {highest}"))
            }
        })
        .interact_text()?;
    let min_reuse = floor
        .as_ref()
        .and_then(|c| c.password_reuse_prevention)
        .unwrap_or(*IAM_REUSE_PREVENTION.start());
    let most = *IAM_REUSE_PREVENTION.end();
    p.password_reuse_prevention = Some(
        dialoguer::Input::<u32>::new()
            .with_prompt(format!("Passwords to remember ({min_reuse}-{most})"))
            .default(p.password_reuse_prevention.unwrap_or(most))
            .validate_with(move |v: &u32| -> Result<(), String> {
                if (min_reuse..=most).contains(v) {
                    Ok(())
                } else {
                    Err(format!("between {min_reuse} and {most}"))
                }
            })
            .interact_text()?,
    );
    type Field = fn(&mut PasswordPolicy) -> &mut bool;
    const QUESTIONS: [(&str, Field); 5] = [
        ("Require an uppercase letter?", |p| {
            &mut p.require_uppercase_characters
        }),
        ("Require a lowercase letter?", |p| {
            &mut p.require_lowercase_characters
        }),
        ("Require a number?", |p| &mut p.require_numbers),
        ("Require a symbol?", |p| &mut p.require_symbols),
        ("Let users change their own password?", |p| {
            &mut p.allow_users_to_change_password
        }),
    ];
    for (question, field) in QUESTIONS {
        // Required now: turning it off would weaken the policy, so it is not asked.
        if let Some(mut current) = floor.clone()
            && *field(&mut current)
        {
            continue;
        }
        let proposed = *field(&mut p);
        // Enter confirms: a key typed ahead never answers this question and the next.
        *field(&mut p) = dialoguer::Confirm::new()
            .with_prompt(question)
            .default(proposed)
            .wait_for_newline(true)
            .interact()?;
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_target() -> Target {
        Target {
            baseline: Baseline {
                min_length: 14,
                reuse_prevention: 24,
                require_uppercase: true,
                require_lowercase: true,
                require_numbers: true,
                require_symbols: true,
                allow_users_to_change: true,
            },
            max_age: None,
            hard_expiry: false,
        }
    }

    fn weak() -> PasswordPolicy {
        PasswordPolicy {
            minimum_password_length: 8,
            require_uppercase_characters: false,
            require_lowercase_characters: true,
            require_numbers: false,
            require_symbols: false,
            allow_users_to_change_password: false,
            password_reuse_prevention: None,
            max_password_age: None,
            hard_expiry: false,
        }
    }

    #[test]
    fn no_policy_gets_the_baseline_without_expiry() {
        let p = merge(None, &default_target());
        assert_eq!(p.minimum_password_length, 14);
        assert_eq!(p.password_reuse_prevention, Some(24));
        assert!(p.require_symbols && p.require_uppercase_characters);
        assert!(p.allow_users_to_change_password);
        assert_eq!(p.max_password_age, None);
        assert!(!p.hard_expiry);
    }

    #[test]
    fn stricter_current_values_are_kept() {
        let current = PasswordPolicy {
            minimum_password_length: 20,
            password_reuse_prevention: Some(24),
            max_password_age: Some(60),
            hard_expiry: true,
            ..weak()
        };
        let target = Target {
            max_age: Some(90),
            ..default_target()
        };
        let p = merge(Some(&current), &target);
        assert_eq!(p.minimum_password_length, 20);
        assert_eq!(p.max_password_age, Some(60), "shorter expiry kept");
        assert!(p.hard_expiry, "hard expiry kept");
        assert!(p.require_numbers, "baseline added");
    }

    #[test]
    fn relaxed_flags_never_remove_a_current_requirement() {
        let current = PasswordPolicy {
            require_symbols: true,
            password_reuse_prevention: Some(12),
            ..weak()
        };
        let target = Target {
            baseline: Baseline {
                require_symbols: false,
                min_length: 6,
                reuse_prevention: 5,
                ..default_target().baseline
            },
            ..default_target()
        };
        let p = merge(Some(&current), &target);
        assert!(p.require_symbols);
        assert_eq!(p.minimum_password_length, 8);
        assert_eq!(p.password_reuse_prevention, Some(12));
    }

    #[test]
    fn merging_twice_changes_nothing() {
        let once = merge(Some(&weak()), &default_target());
        assert_eq!(merge(Some(&once), &default_target()), once);
    }

    #[test]
    fn comparison_marks_changed_rows() {
        let lines = compare(
            Some(&weak()),
            &merge(Some(&weak()), &default_target()),
            &Baseline::default(),
        );
        let length = lines
            .iter()
            .find(|l| l.starts_with("minimum length"))
            .expect("row");
        assert!(length.contains("8") && length.contains("14") && length.contains("<- changes"));
        let lower = lines
            .iter()
            .find(|l| l.starts_with("require lowercase"))
            .expect("row");
        assert!(!lower.contains("<- changes"));
    }
}
