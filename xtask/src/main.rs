//! iam-harden's development tasks. One so far: seed a local IAM server with a sample account,
//! through the SDK, for the demo and the benchmarks (the tests seed with the same code).
//!
//!   cargo xtask seed ENDPOINT weak          the demo's account with typical weaknesses
//!   cargo xtask seed ENDPOINT hardened      all the local server can show green
//!   cargo xtask seed ENDPOINT users N       N users for the benchmark
//!   cargo xtask seed ENDPOINT policies N    N users with policies for the evaluator's benchmark
//!   cargo xtask seed ENDPOINT escalation N  N users and roles with escalation paths
//!   cargo xtask seed ENDPOINT org M N       an organization of M member accounts,
//!                                           each with N users and an Auditor role
//!
//! Only for local servers: it refuses any endpoint that is not on loopback.

#[path = "../../tests/support/seed.rs"]
mod seed;

use anyhow::{Result, bail};

const USAGE: &str = "usage: cargo xtask seed ENDPOINT weak | hardened | users N | policies N | escalation N | org M N";

/// Requests in flight while seeding many users; the local server is single-process.
const SEED_CONCURRENCY: usize = 8;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (endpoint, scenario) = match args.as_slice() {
        [task, endpoint, scenario, ..] if task == "seed" => (endpoint.as_str(), scenario.as_str()),
        _ => bail!("{USAGE}"),
    };
    if !(endpoint.starts_with("http://127.0.0.1:") || endpoint.starts_with("http://localhost:")) {
        bail!("seed writes sample identities and only talks to a local server, not {endpoint}");
    }
    let iam = aws_sdk_iam::Client::new(&seed::local_config(
        endpoint,
        seed::test_credentials("seed"),
    ));
    match (scenario, args.get(3)) {
        ("weak", _) => seed::weak_account(&iam).await,
        ("hardened", _) => seed::hardened_account(&iam).await,
        ("users", Some(n)) => seed::many_users(&iam, n.parse()?, SEED_CONCURRENCY).await,
        ("policies", Some(n)) => {
            seed::many_users_with_policies(&iam, n.parse()?, SEED_CONCURRENCY).await
        }
        ("escalation", Some(n)) => {
            seed::escalation_account(&iam, n.parse()?, SEED_CONCURRENCY).await
        }
        ("org", Some(m)) => {
            let users: usize = args.get(4).map(|n| n.parse()).transpose()?.unwrap_or(0);
            organization(endpoint, m.parse()?, users).await
        }
        _ => bail!("{USAGE}"),
    }
}

/// `members` accounts, each with `users` users and the role a sweep reads it through. The
/// users' policy is the account's own (a server without AWS's managed policies, as an
/// organization of a thousand accounts needs, has no ReadOnlyAccess).
async fn organization(endpoint: &str, members: usize, users: usize) -> Result<()> {
    use futures_util::StreamExt;
    let ids = seed::organization(endpoint, members).await?;
    let seeded: Vec<Result<()>> = futures_util::stream::iter(&ids)
        .map(|id| async move {
            let iam = seed::member_iam(endpoint, id).await?;
            seed::audit_role(&iam, "Auditor", "123456789012").await?;
            let arn = seed::create_policy(
                &iam,
                "read-only",
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:Get*","Resource":"*"}]}"#,
            )
            .await?;
            seed::many_users_with(&iam, users, 1, &arn).await
        })
        .buffer_unordered(SEED_CONCURRENCY)
        .collect()
        .await;
    seeded.into_iter().collect::<Result<Vec<()>>>()?;
    println!("{} member accounts", ids.len());
    Ok(())
}
