//! `fix groups`: give the account a group that carries a policy, and move every user's own
//! policies into groups without a moment of lost access. Users with the same permissions
//! (the same attached policies and the same inline policies) share one group; the group gets
//! the policies and the users first, and only then are the policies taken off the users.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;
use clap::Args;

use super::plan::{Action, CallPlan};
use super::{Applied, FixEnv, execute, present, verify};
use crate::checks::Status;
use crate::settings::Settings;
use crate::snapshot::{Authorization, GroupPermissions, InlinePolicy, ManagedPolicy};

const CHECK: &str = "groups";
pub const ADMIN_GROUP: &str = "Administrators";
pub const ADMIN_POLICY_ARN: &str = "arn:aws:iam::aws:policy/AdministratorAccess";

#[derive(Debug, Args)]
pub struct GroupsFixArgs {
    /// The admin group to create when missing.
    #[arg(long, value_name = "NAME", default_value = ADMIN_GROUP)]
    pub group: String,

    /// The policy the admin group carries.
    #[arg(long, value_name = "ARN", default_value = ADMIN_POLICY_ARN)]
    pub policy_arn: String,
}

/// IAM's limit for group names.
const GROUP_NAME_MAX: usize = 128;

/// A set of permissions: what a user has of its own, or what a group carries.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Permissions {
    pub attached: BTreeSet<ManagedPolicy>,
    pub inline: BTreeSet<InlinePolicy>,
}

impl Permissions {
    fn of_group(group: &GroupPermissions) -> Self {
        Self {
            attached: group.attached_policies.iter().cloned().collect(),
            inline: group.inline_policies.iter().cloned().collect(),
        }
    }

    /// A group name from the policy names: `ReadOnlyAccess`, `ReadOnlyAccess-deploy`.
    fn proposed_group_name(&self) -> String {
        let names: Vec<&str> = self
            .attached
            .iter()
            .map(|p| p.name.as_str())
            .chain(self.inline.iter().map(|p| p.name.as_str()))
            .collect();
        let mut name: String = names
            .join("-")
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(*c))
            .collect();
        name.truncate(GROUP_NAME_MAX - 3);
        if name.is_empty() {
            name.push_str("users");
        }
        name
    }
}

/// One group the plan fills, and the users who move into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub group: String,
    pub group_exists: bool,
    pub permissions: Permissions,
    pub users: Vec<String>,
}

/// Compute the plan from the account's users and groups. `name_for` may rename a new group
/// (at a terminal); it gets the proposed name.
pub fn plan(
    authorization: &Authorization,
    args: &GroupsFixArgs,
    name_for: impl FnMut(&Permissions, String) -> Result<String>,
) -> Result<(CallPlan, Vec<Move>)> {
    let mut plan = CallPlan::default();
    let mut groups: BTreeMap<String, Permissions> = authorization
        .groups
        .iter()
        .map(|g| (g.name.clone(), Permissions::of_group(g)))
        .collect();
    if !authorization.groups.iter().any(|g| g.carries_policy()) {
        admin_group(&mut plan, &mut groups, args);
    }
    let moves = moves(authorization, &mut groups, name_for)?;
    grant_then_revoke(&mut plan, authorization, &moves);
    for m in &moves {
        plan.summary.push(m.summary());
    }
    Ok((plan, moves))
}

/// (a) A group that carries a policy: the admin group, created or completed.
fn admin_group(
    plan: &mut CallPlan,
    groups: &mut BTreeMap<String, Permissions>,
    args: &GroupsFixArgs,
) {
    if !groups.contains_key(&args.group) {
        plan.calls.push(Action::CreateGroup {
            group_name: args.group.clone(),
        });
    }
    let entry = groups.entry(args.group.clone()).or_insert(Permissions {
        attached: BTreeSet::new(),
        inline: BTreeSet::new(),
    });
    if entry.attached.iter().any(|p| p.arn == args.policy_arn) {
        return;
    }
    if crate::snapshot::is_aws_managed_arn(&args.policy_arn)
        && policy_name(&args.policy_arn) == "AdministratorAccess"
    {
        // The console's old advice meets CIS 1.15: say so before asking.
        plan.summary.push(format!(
            "Note: {} grants \"*\" on \"*\"; on group {} it satisfies this item but \
             turns no-admin-star-policies (CIS 1.15, audit --all) orange. Use \
             --policy-arn with a narrower policy to avoid that.",
            args.policy_arn, args.group
        ));
    }
    plan.calls.push(Action::AttachGroupPolicy {
        group_name: args.group.clone(),
        policy_arn: args.policy_arn.clone(),
    });
    entry.attached.insert(ManagedPolicy {
        name: policy_name(&args.policy_arn),
        arn: args.policy_arn.clone(),
    });
}

/// (b) Users with policies of their own, grouped by identical permissions, each group
/// either one that carries exactly those permissions or a new one.
fn moves(
    authorization: &Authorization,
    groups: &mut BTreeMap<String, Permissions>,
    mut name_for: impl FnMut(&Permissions, String) -> Result<String>,
) -> Result<Vec<Move>> {
    let mut by_permissions: BTreeMap<Permissions, Vec<String>> = BTreeMap::new();
    for user in &authorization.users {
        if user.attached_policies.is_empty() && user.inline_policies.is_empty() {
            continue;
        }
        let permissions = Permissions {
            attached: user.attached_policies.iter().cloned().collect(),
            inline: user.inline_policies.iter().cloned().collect(),
        };
        by_permissions
            .entry(permissions)
            .or_default()
            .push(user.name.clone());
    }

    let mut moves = Vec::new();
    for (permissions, users) in by_permissions {
        // Reuse a group that carries exactly these permissions: a rerun finds the group
        // it created the first time.
        let existing = groups
            .iter()
            .find(|(_, p)| **p == permissions)
            .map(|(name, _)| name.clone());
        let (group, group_exists) = match existing {
            Some(name) => (name, true),
            None => {
                let proposed = unique_name(groups, permissions.proposed_group_name());
                let name = name_for(&permissions, proposed)?;
                crate::names::validate_name(crate::names::Entity::Group, &name)?;
                if groups.contains_key(&name) {
                    anyhow::bail!(
                        "group {name} exists with other permissions: moving users into it \
                         would change what they may do; choose another name"
                    );
                }
                groups.insert(name.clone(), permissions.clone());
                (name, false)
            }
        };
        moves.push(Move {
            group,
            group_exists,
            permissions,
            users,
        });
    }
    Ok(moves)
}

/// The calls of the moves: first grant (groups, their policies, their members), then revoke
/// the users' own copies, so that no one loses access in between.
fn grant_then_revoke(plan: &mut CallPlan, authorization: &Authorization, moves: &[Move]) {
    let is_member = |user: &str, group: &str| {
        authorization
            .users
            .iter()
            .any(|u| u.name == user && u.groups.iter().any(|g| g == group))
    };
    for m in moves {
        if !m.group_exists {
            plan.calls.push(Action::CreateGroup {
                group_name: m.group.clone(),
            });
            for policy in &m.permissions.attached {
                plan.calls.push(Action::AttachGroupPolicy {
                    group_name: m.group.clone(),
                    policy_arn: policy.arn.clone(),
                });
            }
            for policy in &m.permissions.inline {
                plan.calls.push(Action::PutGroupPolicy {
                    group_name: m.group.clone(),
                    policy_name: policy.name.clone(),
                    policy_document: policy.document.clone(),
                });
            }
        }
        for user in &m.users {
            if !is_member(user, &m.group) {
                plan.calls.push(Action::AddUserToGroup {
                    user_name: user.clone(),
                    group_name: m.group.clone(),
                });
            }
        }
    }
    for m in moves {
        for user in &m.users {
            for policy in &m.permissions.attached {
                plan.calls.push(Action::DetachUserPolicy {
                    user_name: user.clone(),
                    policy_arn: policy.arn.clone(),
                });
            }
            for policy in &m.permissions.inline {
                plan.calls.push(Action::DeleteUserPolicy {
                    user_name: user.clone(),
                    policy_name: policy.name.clone(),
                });
            }
        }
    }
}

impl Move {
    /// One line for the plan: who moves where, with which policies.
    fn summary(&self) -> String {
        let policies: Vec<String> = self
            .permissions
            .attached
            .iter()
            .map(|p| p.name.clone())
            .chain(
                self.permissions
                    .inline
                    .iter()
                    .map(|p| format!("{} (inline)", p.name)),
            )
            .collect();
        format!(
            "{} -> group {}{}: {}",
            self.users.join(", "),
            self.group,
            if self.group_exists {
                " (exists)"
            } else {
                " (new)"
            },
            policies.join(", ")
        )
    }
}

fn policy_name(arn: &str) -> String {
    arn.rsplit('/').next().unwrap_or(arn).to_string()
}

fn unique_name(groups: &BTreeMap<String, Permissions>, base: String) -> String {
    if !groups.contains_key(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|name| !groups.contains_key(name))
        .unwrap_or(base)
}

pub async fn run(env: &FixEnv, args: &GroupsFixArgs) -> Result<u8> {
    let settings = Settings::default();
    let snapshot = crate::snapshot::fetch(&env.clients, &crate::checks::sources_of(CHECK)).await;
    let outcome = crate::checks::groups::groups(&snapshot, &settings);
    match outcome.status {
        Status::Pass => {
            env.say("Groups are already in use: nothing to change.");
            return Ok(super::report_status(env, CHECK, &outcome));
        }
        Status::Error => return Ok(super::report_status(env, CHECK, &outcome)),
        Status::Fail | Status::Waived => {}
    }
    let authorization = snapshot.authorization?;
    let interactive = env.interactive() && !env.dry_run;
    let (plan, _) = plan(&authorization, args, |permissions, proposed| {
        if !interactive {
            return Ok(proposed);
        }
        Ok(dialoguer::Input::<String>::new()
            .with_prompt(format!(
                "Name of the new group for {}",
                permissions.proposed_group_name()
            ))
            .default(proposed)
            .interact_text()?)
    })?;
    present(env, CHECK, &plan);
    Ok(
        match execute(env, CHECK, &plan, "Apply these group changes?").await? {
            Applied::All => verify(env, CHECK, &settings).await,
            Applied::Stopped(code) => code,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::UserPermissions;

    fn args() -> GroupsFixArgs {
        GroupsFixArgs {
            group: ADMIN_GROUP.into(),
            policy_arn: ADMIN_POLICY_ARN.into(),
        }
    }

    fn managed(name: &str) -> ManagedPolicy {
        ManagedPolicy {
            name: name.into(),
            arn: format!("arn:aws:iam::aws:policy/{name}"),
        }
    }

    fn user(name: &str, attached: &[&str], inline: &[(&str, &str)]) -> UserPermissions {
        UserPermissions {
            name: name.into(),
            arn: format!("arn:aws:iam::123456789012:user/{name}"),
            attached_policies: attached.iter().map(|n| managed(n)).collect(),
            inline_policies: inline
                .iter()
                .map(|(n, d)| InlinePolicy {
                    name: n.to_string(),
                    document: d.to_string(),
                })
                .collect(),
            ..Default::default()
        }
    }

    fn calls(plan: &CallPlan) -> Vec<String> {
        plan.calls.iter().map(|c| c.describe()).collect()
    }

    #[test]
    fn fresh_account_gets_the_admin_group() {
        let (plan, moves) =
            super::plan(&Authorization::default(), &args(), |_, n| Ok(n)).expect("plan");
        assert!(moves.is_empty());
        assert_eq!(
            calls(&plan),
            [
                "create group Administrators",
                "attach arn:aws:iam::aws:policy/AdministratorAccess to group Administrators"
            ]
        );
        assert!(
            plan.summary
                .iter()
                .any(|l| l.contains("turns no-admin-star-policies (CIS 1.15, audit --all) orange")),
            "{:?}",
            plan.summary
        );
        let narrower = GroupsFixArgs {
            group: "readers".into(),
            policy_arn: "arn:aws:iam::aws:policy/ReadOnlyAccess".into(),
        };
        let (plan, _) =
            super::plan(&Authorization::default(), &narrower, |_, n| Ok(n)).expect("plan");
        assert!(plan.summary.iter().all(|l| !l.contains("CIS 1.15")));
    }

    #[test]
    fn same_permissions_share_a_group_and_grants_come_before_revokes() {
        let authorization = Authorization {
            users: vec![
                user("alice", &["AdministratorAccess"], &[]),
                user("bob", &["ReadOnlyAccess"], &[]),
                user("carol", &["ReadOnlyAccess"], &[]),
                user("dave", &[], &[("deploy", "{}")]),
            ],
            groups: vec![],
            ..Default::default()
        };
        let (plan, moves) = super::plan(&authorization, &args(), |_, n| Ok(n)).expect("plan");
        let by_group: Vec<(&str, Vec<String>)> = moves
            .iter()
            .map(|m| (m.group.as_str(), m.users.clone()))
            .collect();
        assert_eq!(
            by_group,
            [
                ("deploy", vec!["dave".to_string()]),
                ("Administrators", vec!["alice".to_string()]),
                (
                    "ReadOnlyAccess",
                    vec!["bob".to_string(), "carol".to_string()]
                ),
            ]
        );
        let c = calls(&plan);
        let first_revoke = c
            .iter()
            .position(|s| s.starts_with("detach") || s.starts_with("delete"))
            .expect("revokes");
        let last_grant = c
            .iter()
            .rposition(|s| {
                s.starts_with("add")
                    || s.starts_with("attach")
                    || s.starts_with("create")
                    || s.starts_with("copy")
            })
            .expect("grants");
        assert!(last_grant < first_revoke, "{c:#?}");
        assert!(c.contains(&"copy inline policy deploy to group deploy".to_string()));
        assert!(c.contains(&"delete inline policy deploy from user dave".to_string()));
        assert!(c.contains(&"add user carol to group ReadOnlyAccess".to_string()));
        // The admin group is created once, for both (a) and alice's move.
        assert_eq!(
            c.iter()
                .filter(|s| *s == "create group Administrators")
                .count(),
            1
        );
    }

    #[test]
    fn a_rerun_after_partial_failure_reuses_the_group() {
        // The first run created ReadOnlyAccess and added bob, then failed before detaching.
        let mut bob = user("bob", &["ReadOnlyAccess"], &[]);
        bob.groups = vec!["ReadOnlyAccess".into()];
        let authorization = Authorization {
            users: vec![bob],
            groups: vec![GroupPermissions {
                name: "ReadOnlyAccess".into(),
                arn: "arn:aws:iam::123456789012:group/ReadOnlyAccess".into(),
                attached_policies: vec![managed("ReadOnlyAccess")],
                inline_policies: vec![],
            }],
            ..Default::default()
        };
        let (plan, _) = super::plan(&authorization, &args(), |_, n| Ok(n)).expect("plan");
        assert_eq!(
            calls(&plan),
            ["detach arn:aws:iam::aws:policy/ReadOnlyAccess from user bob"]
        );
    }

    #[test]
    fn a_taken_name_gets_a_suffix() {
        let authorization = Authorization {
            users: vec![user("bob", &["ReadOnlyAccess"], &[])],
            groups: vec![GroupPermissions {
                name: "ReadOnlyAccess".into(),
                arn: "arn:aws:iam::123456789012:group/ReadOnlyAccess".into(),
                attached_policies: vec![managed("ViewOnlyAccess")],
                inline_policies: vec![],
            }],
            ..Default::default()
        };
        let (_, moves) = super::plan(&authorization, &args(), |_, n| Ok(n)).expect("plan");
        assert_eq!(moves[0].group, "ReadOnlyAccess-2");
    }

    #[test]
    fn a_chosen_name_with_other_permissions_is_refused() {
        let authorization = Authorization {
            users: vec![user("bob", &["ReadOnlyAccess"], &[])],
            groups: vec![GroupPermissions {
                name: "ops".into(),
                arn: "arn:aws:iam::123456789012:group/ops".into(),
                attached_policies: vec![managed("ViewOnlyAccess")],
                inline_policies: vec![],
            }],
            ..Default::default()
        };
        let err =
            super::plan(&authorization, &args(), |_, _| Ok("ops".into())).expect_err("refused");
        assert!(err.to_string().contains("exists with other permissions"));
    }
}
