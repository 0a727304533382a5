//! Account states for the demo, the tests and the benchmark, written through the SDK.
//! Shared by the integration tests (`mod support`) and the xtask (`cargo xtask seed`).

use anyhow::{Context, Result};
use aws_sdk_iam::Client;
use aws_sdk_iam::config::{BehaviorVersion, Credentials, Region, SharedCredentialsProvider};

/// The SDK configuration for the local server: its endpoint, a region, these credentials.
pub fn local_config(endpoint: &str, credentials: Credentials) -> aws_config::SdkConfig {
    aws_config::SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .build()
}

/// The local server's test credentials, named after who uses them.
pub fn test_credentials(source: &'static str) -> Credentials {
    Credentials::new("testing", "testing", None, None, source)
}

pub const ADMIN_POLICY_ARN: &str = "arn:aws:iam::aws:policy/AdministratorAccess";
pub const READ_ONLY_POLICY_ARN: &str = "arn:aws:iam::aws:policy/ReadOnlyAccess";

const INLINE_DOCUMENT: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}"#;

/// The demo's sample account with typical weaknesses: no password policy, no group, one
/// user with a directly attached policy and one with an inline policy.
pub async fn weak_account(iam: &Client) -> Result<()> {
    create_user(iam, "alice").await?;
    attach_user_policy(iam, "alice", ADMIN_POLICY_ARN).await?;
    iam.create_login_profile()
        .user_name("alice")
        .password("Demo-Passw0rd-only-for-moto!")
        .send()
        .await
        .context("CreateLoginProfile")?;
    create_user(iam, "deploy-bot").await?;
    put_user_policy(iam, "deploy-bot", "list-buckets").await?;
    Ok(())
}

/// Everything the local server can represent of a hardened account: a baseline password
/// policy, an admin group carrying a policy, a user who gets permissions only from it.
pub async fn hardened_account(iam: &Client) -> Result<()> {
    baseline_password_policy(iam).await?;
    create_group(iam, "Administrators").await?;
    attach_group_policy(iam, "Administrators", ADMIN_POLICY_ARN).await?;
    create_user(iam, "alice").await?;
    add_to_group(iam, "alice", "Administrators").await?;
    iam.create_account_alias()
        .account_alias("acme-hardened")
        .send()
        .await
        .context("CreateAccountAlias")?;
    Ok(())
}

pub async fn baseline_password_policy(iam: &Client) -> Result<()> {
    iam.update_account_password_policy()
        .minimum_password_length(14)
        .require_uppercase_characters(true)
        .require_lowercase_characters(true)
        .require_numbers(true)
        .require_symbols(true)
        .allow_users_to_change_password(true)
        .password_reuse_prevention(24)
        .send()
        .await
        .context("UpdateAccountPasswordPolicy")?;
    Ok(())
}

/// `users` users for the benchmark: all in a group that carries a policy; every 4th with a
/// directly attached policy, every 3rd with a console password, every 5th with an access key.
pub async fn many_users(iam: &Client, users: usize, concurrency: usize) -> Result<()> {
    many_users_with(iam, users, concurrency, READ_ONLY_POLICY_ARN).await
}

/// `many_users` with `policy` where it attaches a managed policy.
pub async fn many_users_with(
    iam: &Client,
    users: usize,
    concurrency: usize,
    policy: &str,
) -> Result<()> {
    create_group(iam, "developers").await?;
    attach_group_policy(iam, "developers", policy).await?;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..users {
        if tasks.len() == concurrency {
            tasks.join_next().await.expect("a running task")??;
        }
        let (iam, policy) = (iam.clone(), policy.to_string());
        tasks.spawn(async move { one_bench_user(&iam, i, &policy).await });
    }
    while let Some(result) = tasks.join_next().await {
        result??;
    }
    Ok(())
}

async fn one_bench_user(iam: &Client, i: usize, policy: &str) -> Result<()> {
    let name = format!("user-{i:05}");
    create_user(iam, &name).await?;
    add_to_group(iam, &name, "developers").await?;
    if i.is_multiple_of(4) {
        attach_user_policy(iam, &name, policy).await?;
    }
    if i.is_multiple_of(3) {
        iam.create_login_profile()
            .user_name(&name)
            .password("Bench-Passw0rd-only-for-moto!")
            .send()
            .await
            .context("CreateLoginProfile")?;
    }
    if i.is_multiple_of(5) {
        iam.create_access_key()
            .user_name(&name)
            .send()
            .await
            .context("CreateAccessKey")?;
    }
    Ok(())
}

/// `many_users`, plus policies for the evaluator to judge: a full-admin customer policy on
/// the users' group (every user holds it), an everything-but-IAM policy on every 7th user
/// and an inline policy of its own on every 10th (so holders' policy sets differ).
pub async fn many_users_with_policies(
    iam: &Client,
    users: usize,
    concurrency: usize,
) -> Result<()> {
    many_users(iam, users, concurrency).await?;
    let mut arns = Vec::new();
    for (name, document) in [
        (
            "break-glass",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
        ),
        (
            "all-but-iam",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}]}"#,
        ),
    ] {
        arns.push(create_policy(iam, name, document).await?);
    }
    attach_group_policy(iam, "developers", &arns[0]).await?;
    let mut tasks = tokio::task::JoinSet::new();
    for i in (0..users).filter(|i| i.is_multiple_of(7) || i.is_multiple_of(10)) {
        if tasks.len() == concurrency {
            tasks.join_next().await.expect("a running task")??;
        }
        let (iam, all_but_iam) = (iam.clone(), arns[1].clone());
        tasks.spawn(async move {
            let name = format!("user-{i:05}");
            if i.is_multiple_of(7) {
                attach_user_policy(&iam, &name, &all_but_iam).await?;
            }
            if i.is_multiple_of(10) {
                iam.put_user_policy()
                    .user_name(&name)
                    .policy_name("own-bucket")
                    .policy_document(format!(
                        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":["s3:Get*","s3:Put*"],"Resource":"arn:aws:s3:::{name}/*"}}]}}"#
                    ))
                    .send()
                    .await
                    .with_context(|| format!("PutUserPolicy {name}"))?;
            }
            anyhow::Ok(())
        });
    }
    while let Some(result) = tasks.join_next().await {
        result??;
    }
    Ok(())
}

/// `principals` users and roles for the privilege-escalation benchmark: half are
/// `many_users`' users, half roles (a third trusting the account, a third Lambda, a third
/// EC2, each with a policy of its own), and among them paths of several families beside
/// their negatives: every 100th user may assume any role (two hops to an administrator
/// through every 50th role, a deployer that passes an admin role to Lambda), every 250th
/// creates other users' keys (one hop), writes its own policy only with MFA (conditional),
/// writes policies but is denied by a group, or rewrites policies nobody holds (none).
pub async fn escalation_account(iam: &Client, principals: usize, concurrency: usize) -> Result<()> {
    let users = principals / 2;
    let roles = principals - users;
    many_users(iam, users, concurrency).await?;
    create_group(iam, "admins").await?;
    attach_group_policy(iam, "admins", ADMIN_POLICY_ARN).await?;
    create_user(iam, "boss").await?;
    add_to_group(iam, "boss", "admins").await?;
    create_group(iam, "guardrails").await?;
    put_group_document(iam, "guardrails", "no-iam", r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#).await?;
    let trust = |principal: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{principal},"Action":"sts:AssumeRole"}}]}}"#
        )
    };
    iam.create_role()
        .role_name("lambda-admin")
        .assume_role_policy_document(trust(r#"{"Service":"lambda.amazonaws.com"}"#))
        .send()
        .await
        .context("CreateRole")?;
    attach_role_policy(iam, "lambda-admin", ADMIN_POLICY_ARN).await?;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..roles {
        if tasks.len() == concurrency {
            tasks.join_next().await.expect("a running task")??;
        }
        let iam = iam.clone();
        let principal = match i % 3 {
            0 => r#"{"AWS":"arn:aws:iam::123456789012:root"}"#,
            1 => r#"{"Service":"lambda.amazonaws.com"}"#,
            _ => r#"{"Service":"ec2.amazonaws.com"}"#,
        };
        let trust = trust(principal);
        tasks.spawn(async move {
            let name = format!("role-{i:05}");
            iam.create_role()
                .role_name(&name)
                .assume_role_policy_document(trust)
                .send()
                .await
                .with_context(|| format!("CreateRole {name}"))?;
            let document = if i.is_multiple_of(50) {
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/lambda-admin"},{"Effect":"Allow","Action":["lambda:CreateFunction","lambda:InvokeFunction"],"Resource":"*"}]}"#.to_string()
            } else {
                format!(
                    r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":["s3:Get*","s3:Put*"],"Resource":"arn:aws:s3:::{name}/*"}}]}}"#
                )
            };
            put_role_document(&iam, &name, "own", &document).await?;
            anyhow::Ok(())
        });
    }
    for i in (0..users).filter(|i| i % 100 == 1 || (2..=5).contains(&(i % 250))) {
        if tasks.len() == concurrency {
            tasks.join_next().await.expect("a running task")??;
        }
        let iam = iam.clone();
        tasks.spawn(async move {
            let name = format!("user-{i:05}");
            let document = match (i % 100, i % 250) {
                (1, _) => r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::*:role/role-*"}]}"#,
                (_, 2) => r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"*"}]}"#,
                (_, 3) => r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PutUserPolicy","Resource":"arn:aws:iam::*:user/${aws:username}","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#,
                (_, 4) => r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PutUserPolicy","Resource":"*"}]}"#,
                _ => r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"arn:aws:iam::*:policy/nothing-*"}]}"#,
            };
            iam.put_user_policy()
                .user_name(&name)
                .policy_name("escalation")
                .policy_document(document)
                .send()
                .await
                .with_context(|| format!("PutUserPolicy {name}"))?;
            if i % 250 == 4 {
                add_to_group(&iam, &name, "guardrails").await?;
            }
            anyhow::Ok(())
        });
    }
    while let Some(result) = tasks.join_next().await {
        result??;
    }
    Ok(())
}

/// A customer managed policy; its ARN.
pub async fn create_policy(iam: &Client, name: &str, document: &str) -> Result<String> {
    let policy = iam
        .create_policy()
        .policy_name(name)
        .policy_document(document)
        .send()
        .await
        .with_context(|| format!("CreatePolicy {name}"))?;
    let arn = policy.policy().and_then(|p| p.arn());
    Ok(arn.context("CreatePolicy answered no ARN")?.to_string())
}

pub async fn create_user(iam: &Client, name: &str) -> Result<()> {
    iam.create_user()
        .user_name(name)
        .send()
        .await
        .with_context(|| format!("CreateUser {name}"))?;
    Ok(())
}

pub async fn create_group(iam: &Client, name: &str) -> Result<()> {
    iam.create_group()
        .group_name(name)
        .send()
        .await
        .with_context(|| format!("CreateGroup {name}"))?;
    Ok(())
}

pub async fn add_to_group(iam: &Client, user: &str, group: &str) -> Result<()> {
    iam.add_user_to_group()
        .user_name(user)
        .group_name(group)
        .send()
        .await
        .with_context(|| format!("AddUserToGroup {user} {group}"))?;
    Ok(())
}

pub async fn attach_user_policy(iam: &Client, user: &str, arn: &str) -> Result<()> {
    iam.attach_user_policy()
        .user_name(user)
        .policy_arn(arn)
        .send()
        .await
        .with_context(|| format!("AttachUserPolicy {user} {arn}"))?;
    Ok(())
}

pub async fn put_user_policy(iam: &Client, user: &str, name: &str) -> Result<()> {
    put_user_document(iam, user, name, INLINE_DOCUMENT).await
}

/// An inline policy `name` of `user` with this document.
pub async fn put_user_document(iam: &Client, user: &str, name: &str, document: &str) -> Result<()> {
    iam.put_user_policy()
        .user_name(user)
        .policy_name(name)
        .policy_document(document)
        .send()
        .await
        .with_context(|| format!("PutUserPolicy {user} {name}"))?;
    Ok(())
}

/// An inline policy `name` of `group` with this document.
pub async fn put_group_document(
    iam: &Client,
    group: &str,
    name: &str,
    document: &str,
) -> Result<()> {
    iam.put_group_policy()
        .group_name(group)
        .policy_name(name)
        .policy_document(document)
        .send()
        .await
        .with_context(|| format!("PutGroupPolicy {group} {name}"))?;
    Ok(())
}

/// An inline policy `name` of `role` with this document.
pub async fn put_role_document(iam: &Client, role: &str, name: &str, document: &str) -> Result<()> {
    iam.put_role_policy()
        .role_name(role)
        .policy_name(name)
        .policy_document(document)
        .send()
        .await
        .with_context(|| format!("PutRolePolicy {role} {name}"))?;
    Ok(())
}

pub async fn attach_group_policy(iam: &Client, group: &str, arn: &str) -> Result<()> {
    iam.attach_group_policy()
        .group_name(group)
        .policy_arn(arn)
        .send()
        .await
        .with_context(|| format!("AttachGroupPolicy {group} {arn}"))?;
    Ok(())
}

pub async fn attach_role_policy(iam: &Client, role: &str, arn: &str) -> Result<()> {
    iam.attach_role_policy()
        .role_name(role)
        .policy_arn(arn)
        .send()
        .await
        .with_context(|| format!("AttachRolePolicy {role} {arn}"))?;
    Ok(())
}

/// An organization with `members` new member accounts, created from the management account
/// of the local server; the member ids, in creation order.
pub async fn organization(endpoint: &str, members: usize) -> Result<Vec<String>> {
    let orgs =
        aws_sdk_organizations::Client::new(&local_config(endpoint, test_credentials("seed")));
    orgs.create_organization()
        .feature_set(aws_sdk_organizations::types::OrganizationFeatureSet::All)
        .send()
        .await
        .context("CreateOrganization")?;
    let mut ids = Vec::new();
    for i in 0..members {
        let created = orgs
            .create_account()
            .email(format!("member-{i}@example.com"))
            .account_name(format!("member-{i}"))
            .send()
            .await
            .context("CreateAccount")?;
        let id = created
            .create_account_status()
            .and_then(|s| s.account_id())
            .context("CreateAccount answered no account id")?;
        ids.push(id.to_string());
    }
    Ok(ids)
}

/// An IAM client acting in member `account`, through a role assumed there (the local server
/// hands out credentials of that account).
pub async fn member_iam(endpoint: &str, account: &str) -> Result<Client> {
    let sts = aws_sdk_sts::Client::new(&local_config(endpoint, test_credentials("seed")));
    let assumed = sts
        .assume_role()
        .role_arn(format!(
            "arn:aws:iam::{account}:role/OrganizationAccountAccessRole"
        ))
        .role_session_name("seed")
        .send()
        .await
        .context("AssumeRole")?;
    let c = assumed.credentials().context("no credentials")?;
    Ok(Client::new(&local_config(
        endpoint,
        Credentials::new(
            c.access_key_id(),
            c.secret_access_key(),
            Some(c.session_token().to_string()),
            None,
            "seed",
        ),
    )))
}

/// A role `name` that the management account may assume, allowed everything: what a sweep
/// reads a member account through.
pub async fn audit_role(iam: &Client, name: &str, management: &str) -> Result<()> {
    let trust = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{management}:root"}},"Action":"sts:AssumeRole"}}]}}"#
    );
    iam.create_role()
        .role_name(name)
        .assume_role_policy_document(trust)
        .send()
        .await
        .context("CreateRole")?;
    iam.put_role_policy()
        .role_name(name)
        .policy_name("audit")
        .policy_document(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
        )
        .send()
        .await
        .context("PutRolePolicy")?;
    Ok(())
}
