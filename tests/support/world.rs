//! Worlds of IAM as `aws iam get-account-authorization-details` prints them: a builder for
//! the cases written by hand, and a generator of random worlds (users, groups, roles, managed
//! and inline policies with `NotAction`, `NotResource`, wildcards, conditions, Denies,
//! boundaries, trusts and stored versions), small enough to shrink, for the invariants.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

/// The local server's account, so that a world it holds names the same ARNs.
pub const ACCOUNT: &str = super::ACCOUNT_ID;
pub const ADMIN_ARN: &str = "arn:aws:iam::aws:policy/AdministratorAccess";

pub fn arn(kind: &str, name: &str) -> String {
    format!("arn:aws:iam::{ACCOUNT}:{kind}/{name}")
}

/// A world as `aws iam get-account-authorization-details` prints it.
#[derive(Clone, Default)]
pub struct World {
    pub users: Vec<Value>,
    pub groups: Vec<Value>,
    pub roles: Vec<Value>,
    pub policies: Vec<Value>,
    extra: Vec<(&'static str, Value)>,
}

pub fn statement(effect: &str, action: Value, resource: &str) -> Value {
    json!({"Effect": effect, "Action": action, "Resource": resource})
}

pub fn document(statements: Vec<Value>) -> Value {
    json!({"Version": "2012-10-17", "Statement": statements})
}

pub fn administrator_access() -> Value {
    json!({
        "PolicyName": "AdministratorAccess", "Arn": ADMIN_ARN, "AttachmentCount": 1,
        "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true,
            "Document": document(vec![statement("Allow", json!("*"), "*")])}]
    })
}

impl World {
    pub fn user(mut self, name: &str, edit: impl FnOnce(&mut Value)) -> Self {
        let mut user = json!({"UserName": name, "UserId": format!("AIDA{}", name.to_uppercase()),
            "Arn": arn("user", name), "Path": "/", "GroupList": [], "AttachedManagedPolicies": [],
            "UserPolicyList": [], "Tags": []});
        edit(&mut user);
        self.users.push(user);
        self
    }

    pub fn group(mut self, name: &str, edit: impl FnOnce(&mut Value)) -> Self {
        let mut group = json!({"GroupName": name, "GroupId": format!("AGPA{}", name.to_uppercase()),
            "Arn": arn("group", name), "Path": "/", "AttachedManagedPolicies": [], "GroupPolicyList": []});
        edit(&mut group);
        self.groups.push(group);
        self
    }

    pub fn role(mut self, name: &str, trust: Value, edit: impl FnOnce(&mut Value)) -> Self {
        let mut role = json!({"RoleName": name, "RoleId": format!("AROA{}", name.to_uppercase()),
            "Arn": arn("role", name), "Path": "/", "AssumeRolePolicyDocument": trust,
            "AttachedManagedPolicies": [], "RolePolicyList": [], "InstanceProfileList": [], "Tags": []});
        edit(&mut role);
        self.roles.push(role);
        self
    }

    pub fn policy(mut self, policy: Value) -> Self {
        self.policies.push(policy);
        self
    }

    pub fn with(mut self, key: &'static str, value: Value) -> Self {
        self.extra.push((key, value));
        self
    }

    pub fn json(&self) -> Value {
        let mut dump = json!({
            "UserDetailList": self.users, "GroupDetailList": self.groups,
            "RoleDetailList": self.roles, "Policies": self.policies,
        });
        for (key, value) in &self.extra {
            dump[*key] = value.clone();
        }
        dump
    }

    pub fn write(&self, dir: &Path, name: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(
            &path,
            serde_json::to_string_pretty(&self.json()).expect("json"),
        )
        .expect("write the world");
        path
    }
}

pub fn attach(principal: &mut Value, policy_arn: &str) {
    let name = policy_arn.rsplit('/').next().unwrap_or(policy_arn);
    principal["AttachedManagedPolicies"]
        .as_array_mut()
        .expect("list")
        .push(json!({"PolicyName": name, "PolicyArn": policy_arn}));
}

pub fn inline(principal: &mut Value, key: &str, name: &str, policy: Value) {
    principal[key]
        .as_array_mut()
        .expect("list")
        .push(json!({"PolicyName": name, "PolicyDocument": policy}));
}

/// A trust that admits one principal of the account.
pub fn trust(principal: &str) -> Value {
    document(vec![
        json!({"Effect": "Allow", "Principal": {"AWS": principal}, "Action": "sts:AssumeRole"}),
    ])
}

/// Actions the generator draws from: escalation primitives, broad grants and harmless reads.
/// Every one is in the catalogue (a typo would match nothing and prove nothing).
pub const ACTIONS: &[&str] = &[
    "*",
    "iam:*",
    "s3:*",
    "ec2:*",
    "sts:AssumeRole",
    "iam:PassRole",
    "iam:CreatePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:AttachUserPolicy",
    "iam:AttachRolePolicy",
    "iam:AttachGroupPolicy",
    "iam:PutUserPolicy",
    "iam:PutRolePolicy",
    "iam:PutGroupPolicy",
    "iam:AddUserToGroup",
    "iam:CreateAccessKey",
    "iam:UpdateLoginProfile",
    "iam:UpdateAssumeRolePolicy",
    "iam:DeleteRolePermissionsBoundary",
    "iam:DetachUserPolicy",
    "lambda:CreateFunction",
    "lambda:InvokeFunction",
    "ec2:RunInstances",
    "s3:GetObject",
    "iam:Get*",
    "iam:List*",
    // Changes that shed a Deny before the next hop (the fixpoint of a principal's changes).
    "iam:RemoveUserFromGroup",
    "iam:DetachGroupPolicy",
    "iam:DeleteUserPolicy",
];

/// Conditions a statement may carry: open for the analysis (MFA, source address).
const CONDITIONS: &[(&str, &str, &str)] = &[
    ("Bool", "aws:MultiFactorAuthPresent", "true"),
    ("IpAddress", "aws:SourceIp", "10.0.0.0/8"),
];

/// What a statement names; indexes wrap around the world's lists, so that any index is valid
/// in any world (a shrunk world keeps its references meaningful).
#[derive(Debug, Clone)]
pub enum Target {
    Any,
    User(usize),
    Role(usize),
    Group(usize),
    Policy(usize),
}

#[derive(Debug, Clone)]
pub struct Stmt {
    pub allow: bool,
    pub not_action: bool,
    pub actions: Vec<usize>,
    pub target: Target,
    pub not_resource: bool,
    pub condition: Option<usize>,
}

#[derive(Debug, Clone)]
pub enum Holds {
    AdministratorAccess,
    Customer(usize),
}

#[derive(Debug, Clone, Default)]
pub struct Principal {
    pub attached: Vec<Holds>,
    pub inline: Vec<Vec<Stmt>>,
    pub boundary: Option<usize>,
}

#[derive(Debug, Clone)]
pub enum Trusted {
    Account,
    User(usize),
    Role(usize),
    Service,
}

#[derive(Debug, Clone)]
pub struct GenUser {
    pub principal: Principal,
    pub groups: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct GenRole {
    pub principal: Principal,
    pub trust: Vec<Trusted>,
}

#[derive(Debug, Clone)]
pub struct GenPolicy {
    pub statements: Vec<Stmt>,
    /// A stored version that is not the default.
    pub stored: Option<Vec<Stmt>>,
}

/// A random account, shaped like real ones at small scale.
#[derive(Debug, Clone)]
pub struct Model {
    pub users: Vec<GenUser>,
    pub groups: Vec<Principal>,
    pub roles: Vec<GenRole>,
    pub policies: Vec<GenPolicy>,
}

/// Whose policies a change edits.
#[derive(Debug, Clone, Copy)]
pub enum Who {
    User(usize),
    Group(usize),
    Role(usize),
}

/// A change that only adds rights: no check may get greener for it.
#[derive(Debug, Clone)]
pub enum Widen {
    Allow(Who, Stmt),
    Join(usize, usize),
    Trust(usize, Trusted),
    Attach(Who, Holds),
}

/// A change that only takes rights away: no principal may be named worse for it.
#[derive(Debug, Clone)]
pub enum Narrow {
    Deny(Who, Stmt),
    /// A boundary on a user or role that has none.
    Boundary(Who, usize),
}

fn pick<T>(list: &[T], index: usize) -> Option<(usize, &T)> {
    (!list.is_empty()).then(|| (index % list.len(), &list[index % list.len()]))
}

impl Model {
    pub fn user_name(i: usize) -> String {
        format!("u{i}")
    }

    fn target_arn(&self, target: &Target) -> String {
        let named = |kind: &str, prefix: &str, len: usize, i: usize| match len {
            0 => "*".to_string(),
            n => arn(kind, &format!("{prefix}{}", i % n)),
        };
        match target {
            Target::Any => "*".into(),
            Target::User(i) => named("user", "u", self.users.len(), *i),
            Target::Role(i) => named("role", "r", self.roles.len(), *i),
            Target::Group(i) => named("group", "g", self.groups.len(), *i),
            Target::Policy(i) => named("policy", "p", self.policies.len(), *i),
        }
    }

    fn statement(&self, stmt: &Stmt) -> Value {
        let actions: Vec<&str> = stmt
            .actions
            .iter()
            .map(|i| ACTIONS[i % ACTIONS.len()])
            .collect();
        let resource = self.target_arn(&stmt.target);
        let mut out = json!({"Effect": if stmt.allow { "Allow" } else { "Deny" }});
        out[if stmt.not_action {
            "NotAction"
        } else {
            "Action"
        }] = json!(actions);
        match (stmt.not_resource, resource.as_str()) {
            (true, arn) if arn != "*" => out["NotResource"] = json!(arn),
            _ => out["Resource"] = json!(resource),
        }
        if let Some(c) = stmt.condition {
            let (operator, key, value) = CONDITIONS[c % CONDITIONS.len()];
            out["Condition"] = json!({ operator: { key: value } });
        }
        out
    }

    fn document(&self, statements: &[Stmt]) -> Value {
        document(statements.iter().map(|s| self.statement(s)).collect())
    }

    fn holds_arn(&self, holds: &Holds) -> Option<String> {
        match holds {
            Holds::AdministratorAccess => Some(ADMIN_ARN.into()),
            Holds::Customer(i) => {
                pick(&self.policies, *i).map(|(i, _)| arn("policy", &format!("p{i}")))
            }
        }
    }

    fn principal(&self, value: &mut Value, principal: &Principal, inline_key: &str) {
        let mut attached: Vec<String> = principal
            .attached
            .iter()
            .filter_map(|h| self.holds_arn(h))
            .collect();
        attached.sort();
        attached.dedup();
        for policy in attached {
            attach(value, &policy);
        }
        for (n, statements) in principal.inline.iter().enumerate() {
            inline(
                value,
                inline_key,
                &format!("inline{n}"),
                self.document(statements),
            );
        }
        if let Some((i, _)) = principal.boundary.and_then(|b| pick(&self.policies, b)) {
            value["PermissionsBoundary"] = json!({
                "PermissionsBoundaryType": "PermissionsBoundaryPolicy",
                "PermissionsBoundaryArn": arn("policy", &format!("p{i}")),
            });
        }
    }

    fn trust(&self, trusted: &[Trusted]) -> Value {
        let mut aws: Vec<String> = Vec::new();
        let mut service = false;
        for who in trusted {
            match who {
                Trusted::Account => aws.push(format!("arn:aws:iam::{ACCOUNT}:root")),
                Trusted::User(i) => {
                    if let Some((i, _)) = pick(&self.users, *i) {
                        aws.push(arn("user", &format!("u{i}")));
                    }
                }
                Trusted::Role(i) => {
                    if let Some((i, _)) = pick(&self.roles, *i) {
                        aws.push(arn("role", &format!("r{i}")));
                    }
                }
                Trusted::Service => service = true,
            }
        }
        aws.sort();
        aws.dedup();
        let mut statements = Vec::new();
        if !aws.is_empty() {
            statements.push(
                json!({"Effect": "Allow", "Principal": {"AWS": aws}, "Action": "sts:AssumeRole"}),
            );
        }
        if service || statements.is_empty() {
            statements.push(json!({"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}));
        }
        document(statements)
    }

    /// The world as the AWS CLI dumps it.
    pub fn world(&self) -> World {
        let mut world = World::default();
        let in_use = |holds: &Holds| matches!(holds, Holds::AdministratorAccess);
        let admin_in_use = self
            .users
            .iter()
            .map(|u| &u.principal)
            .chain(&self.groups)
            .chain(self.roles.iter().map(|r| &r.principal))
            .any(|p| p.attached.iter().any(in_use));
        if admin_in_use {
            world = world.policy(administrator_access());
        }
        for (i, policy) in self.policies.iter().enumerate() {
            let mut versions = vec![json!({"VersionId": "v1", "IsDefaultVersion": true,
                "Document": self.document(&policy.statements)})];
            if let Some(stored) = &policy.stored {
                versions.push(json!({"VersionId": "v2", "IsDefaultVersion": false,
                    "Document": self.document(stored)}));
            }
            world = world.policy(json!({"PolicyName": format!("p{i}"),
                "Arn": arn("policy", &format!("p{i}")), "AttachmentCount": 1,
                "PolicyVersionList": versions}));
        }
        for (i, group) in self.groups.iter().enumerate() {
            world = world.group(&format!("g{i}"), |g| {
                self.principal(g, group, "GroupPolicyList")
            });
        }
        for (i, user) in self.users.iter().enumerate() {
            let mut groups: Vec<String> = user
                .groups
                .iter()
                .filter_map(|g| pick(&self.groups, *g).map(|(g, _)| format!("g{g}")))
                .collect();
            groups.sort();
            groups.dedup();
            world = world.user(&Self::user_name(i), |u| {
                u["GroupList"] = json!(groups);
                self.principal(u, &user.principal, "UserPolicyList");
            });
        }
        for (i, role) in self.roles.iter().enumerate() {
            world = world.role(&format!("r{i}"), self.trust(&role.trust), |r| {
                self.principal(r, &role.principal, "RolePolicyList")
            });
        }
        world
    }

    fn principal_mut(&mut self, who: Who) -> Option<&mut Principal> {
        fn at<T>(list: &mut [T], i: usize) -> Option<&mut T> {
            let n = list.len();
            (n > 0).then(move || &mut list[i % n])
        }
        match who {
            Who::User(i) => at(&mut self.users, i).map(|u| &mut u.principal),
            Who::Group(i) => at(&mut self.groups, i),
            Who::Role(i) => at(&mut self.roles, i).map(|r| &mut r.principal),
        }
    }

    /// Does the policy `holds` names deny anything? Attaching it would take rights away too.
    fn holds_denies(&self, holds: &Holds) -> bool {
        match holds {
            Holds::AdministratorAccess => false,
            Holds::Customer(i) => {
                pick(&self.policies, *i).is_some_and(|(_, p)| p.statements.iter().any(|s| !s.allow))
            }
        }
    }

    /// Do a group's policies deny anything? Joining it would take rights away too.
    fn group_denies(&self, group: &Principal) -> bool {
        group.attached.iter().any(|h| self.holds_denies(h))
            || group.inline.iter().flatten().any(|s| !s.allow)
    }

    /// Could something cap user `i` (a boundary, or a Deny in its own or its groups'
    /// policies)? Then rights given to it need not make it an administrator.
    pub fn user_may_be_capped(&self, i: usize) -> bool {
        let Some((_, user)) = pick(&self.users, i) else {
            return false;
        };
        user.principal.boundary.is_some()
            || self.group_denies(&user.principal)
            || user
                .groups
                .iter()
                .filter_map(|g| pick(&self.groups, *g))
                .any(|(_, g)| self.group_denies(g))
    }

    /// The world with one more right; `None` when the change names nothing in it, or would
    /// also take rights away (a policy or group that denies something).
    pub fn widened(&self, change: &Widen) -> Option<Model> {
        let mut next = self.clone();
        match change {
            Widen::Allow(who, stmt) => {
                let stmt = Stmt {
                    allow: true,
                    ..stmt.clone()
                };
                next.principal_mut(*who)?.inline.push(vec![stmt]);
            }
            Widen::Join(user, group) => {
                let (_, joined) = pick(&self.groups, *group)?;
                if self.group_denies(joined) {
                    return None;
                }
                let n = next.users.len();
                (n > 0).then_some(())?;
                next.users[user % n].groups.push(*group);
            }
            Widen::Trust(role, who) => {
                let n = next.roles.len();
                (n > 0).then_some(())?;
                next.roles[role % n].trust.push(who.clone());
            }
            Widen::Attach(who, holds) => {
                self.holds_arn(holds)?;
                if self.holds_denies(holds) {
                    return None;
                }
                next.principal_mut(*who)?.attached.push(holds.clone());
            }
        }
        Some(next)
    }

    /// The world with one right less; `None` when the change names nothing in it, or would
    /// replace a boundary (which may widen).
    pub fn narrowed(&self, change: &Narrow) -> Option<Model> {
        let mut next = self.clone();
        match change {
            // Into a policy the principal already has (a new inline policy of a user would
            // change what the structural checks judge, not its rights).
            Narrow::Deny(who, stmt) => {
                let stmt = Stmt {
                    allow: false,
                    ..stmt.clone()
                };
                next.principal_mut(*who)?.inline.first_mut()?.push(stmt);
            }
            Narrow::Boundary(who, policy) => {
                pick(&self.policies, *policy)?;
                if matches!(who, Who::Group(_)) {
                    return None;
                }
                let principal = next.principal_mut(*who)?;
                if principal.boundary.is_some() {
                    return None;
                }
                principal.boundary = Some(*policy);
            }
        }
        Some(next)
    }
}

/// The generator's strategies (proptest).
pub mod strategy {
    use super::*;
    use proptest::prelude::*;

    pub fn target() -> impl Strategy<Value = Target> {
        prop_oneof![
            4 => Just(Target::Any),
            1 => (0..4usize).prop_map(Target::User),
            2 => (0..4usize).prop_map(Target::Role),
            1 => (0..4usize).prop_map(Target::Group),
            1 => (0..4usize).prop_map(Target::Policy),
        ]
    }

    pub fn stmt() -> impl Strategy<Value = Stmt> {
        (
            prop::bool::weighted(0.85),
            prop::bool::weighted(0.15),
            prop::collection::vec(0..ACTIONS.len(), 1..4),
            target(),
            prop::bool::weighted(0.1),
            prop::option::weighted(0.15, 0..CONDITIONS.len()),
        )
            .prop_map(
                |(allow, not_action, actions, target, not_resource, condition)| Stmt {
                    allow,
                    not_action,
                    actions,
                    target,
                    not_resource,
                    condition,
                },
            )
    }

    fn statements() -> impl Strategy<Value = Vec<Stmt>> {
        prop::collection::vec(stmt(), 1..3)
    }

    pub fn holds() -> impl Strategy<Value = Holds> {
        prop_oneof![
            1 => Just(Holds::AdministratorAccess),
            3 => (0..4usize).prop_map(Holds::Customer),
        ]
    }

    fn principal(boundaries: bool) -> impl Strategy<Value = Principal> {
        let boundary = match boundaries {
            true => prop::option::weighted(0.15, 0..4usize).boxed(),
            false => Just(None).boxed(),
        };
        (
            prop::collection::vec(holds(), 0..2),
            prop::collection::vec(statements(), 0..2),
            boundary,
        )
            .prop_map(|(attached, inline, boundary)| Principal {
                attached,
                inline,
                boundary,
            })
    }

    pub fn trusted() -> impl Strategy<Value = Trusted> {
        prop_oneof![
            2 => Just(Trusted::Account),
            3 => (0..4usize).prop_map(Trusted::User),
            2 => (0..4usize).prop_map(Trusted::Role),
            1 => Just(Trusted::Service),
        ]
    }

    /// A world; `user_boundaries: false` for worlds the local server must hold (it drops
    /// users' boundaries from its dump).
    pub fn model(user_boundaries: bool) -> impl Strategy<Value = Model> {
        let user = (
            principal(user_boundaries),
            prop::collection::vec(0..4usize, 0..2),
        )
            .prop_map(|(principal, groups)| GenUser { principal, groups });
        let role = (principal(true), prop::collection::vec(trusted(), 1..3))
            .prop_map(|(principal, trust)| GenRole { principal, trust });
        let policy = (statements(), prop::option::weighted(0.2, statements()))
            .prop_map(|(statements, stored)| GenPolicy { statements, stored });
        (
            prop::collection::vec(user, 1..4),
            prop::collection::vec(principal(false), 0..3),
            prop::collection::vec(role, 0..4),
            prop::collection::vec(policy, 0..4),
        )
            .prop_map(|(users, groups, roles, policies)| Model {
                users,
                groups,
                roles,
                policies,
            })
    }

    pub fn who() -> impl Strategy<Value = Who> {
        prop_oneof![
            (0..4usize).prop_map(Who::User),
            (0..4usize).prop_map(Who::Group),
            (0..4usize).prop_map(Who::Role),
        ]
    }

    pub fn widen() -> impl Strategy<Value = Widen> {
        prop_oneof![
            3 => (who(), stmt()).prop_map(|(w, s)| Widen::Allow(w, s)),
            1 => (0..4usize, 0..4usize).prop_map(|(u, g)| Widen::Join(u, g)),
            1 => (0..4usize, trusted()).prop_map(|(r, t)| Widen::Trust(r, t)),
            2 => (who(), holds()).prop_map(|(w, h)| Widen::Attach(w, h)),
        ]
    }

    pub fn narrow() -> impl Strategy<Value = Narrow> {
        prop_oneof![
            3 => (who(), stmt()).prop_map(|(w, s)| Narrow::Deny(w, s)),
            1 => (who(), 0..4usize).prop_map(|(w, p)| Narrow::Boundary(w, p)),
        ]
    }
}

/// Seed `model` into a local server (one whose state was reset): policies with their stored
/// versions, groups, users, roles, memberships, attachments, inline policies and role
/// boundaries (the server drops users' boundaries from its dump, so such worlds have none).
pub async fn seed(iam: &aws_sdk_iam::Client, model: &Model) -> anyhow::Result<()> {
    for (i, policy) in model.policies.iter().enumerate() {
        let name = format!("p{i}");
        iam.create_policy()
            .policy_name(&name)
            .policy_document(model.document(&policy.statements).to_string())
            .send()
            .await?;
        if let Some(stored) = &policy.stored {
            iam.create_policy_version()
                .policy_arn(arn("policy", &name))
                .policy_document(model.document(stored).to_string())
                .set_as_default(false)
                .send()
                .await?;
        }
    }
    let world = model.world().json();
    let attached = |entry: &Value| -> Vec<String> {
        entry["AttachedManagedPolicies"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p["PolicyArn"].as_str().map(str::to_string))
            .collect()
    };
    let inline_list = |entry: &Value, key: &str| -> Vec<(String, String)> {
        entry[key]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| {
                (
                    p["PolicyName"].as_str().unwrap_or_default().to_string(),
                    p["PolicyDocument"].to_string(),
                )
            })
            .collect()
    };
    let boundary = |entry: &Value| {
        entry["PermissionsBoundary"]["PermissionsBoundaryArn"]
            .as_str()
            .map(str::to_string)
    };
    for group in world["GroupDetailList"].as_array().into_iter().flatten() {
        let name = group["GroupName"].as_str().unwrap_or_default();
        iam.create_group().group_name(name).send().await?;
        for policy in attached(group) {
            iam.attach_group_policy()
                .group_name(name)
                .policy_arn(policy)
                .send()
                .await?;
        }
        for (policy, document) in inline_list(group, "GroupPolicyList") {
            iam.put_group_policy()
                .group_name(name)
                .policy_name(policy)
                .policy_document(document)
                .send()
                .await?;
        }
    }
    for user in world["UserDetailList"].as_array().into_iter().flatten() {
        let name = user["UserName"].as_str().unwrap_or_default();
        iam.create_user().user_name(name).send().await?;
        for group in user["GroupList"].as_array().into_iter().flatten() {
            iam.add_user_to_group()
                .user_name(name)
                .group_name(group.as_str().unwrap_or_default())
                .send()
                .await?;
        }
        for policy in attached(user) {
            iam.attach_user_policy()
                .user_name(name)
                .policy_arn(policy)
                .send()
                .await?;
        }
        for (policy, document) in inline_list(user, "UserPolicyList") {
            iam.put_user_policy()
                .user_name(name)
                .policy_name(policy)
                .policy_document(document)
                .send()
                .await?;
        }
    }
    for role in world["RoleDetailList"].as_array().into_iter().flatten() {
        let name = role["RoleName"].as_str().unwrap_or_default();
        iam.create_role()
            .role_name(name)
            .assume_role_policy_document(role["AssumeRolePolicyDocument"].to_string())
            .set_permissions_boundary(boundary(role))
            .send()
            .await?;
        for policy in attached(role) {
            iam.attach_role_policy()
                .role_name(name)
                .policy_arn(policy)
                .send()
                .await?;
        }
        for (policy, document) in inline_list(role, "RolePolicyList") {
            iam.put_role_policy()
                .role_name(name)
                .policy_name(policy)
                .policy_document(document)
                .send()
                .await?;
        }
    }
    Ok(())
}
