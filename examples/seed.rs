//! Seed a local IAM server with a sample account, through the SDK (the project's own code).
//!
//!   cargo run --example seed -- ENDPOINT weak          the demo's account with typical weaknesses
//!   cargo run --example seed -- ENDPOINT hardened      all the local server can show green
//!   cargo run --example seed -- ENDPOINT users N       N users for the benchmark
//!
//! Only for local servers: it refuses any endpoint that is not on loopback.

#[path = "../tests/support/seed.rs"]
mod seed;

use anyhow::{Result, bail};
use aws_sdk_iam::config::{BehaviorVersion, Credentials, Region};

const USAGE: &str = "usage: seed ENDPOINT weak | hardened | users N";

/// Requests in flight while seeding many users; the local server is single-process.
const SEED_CONCURRENCY: usize = 8;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (endpoint, scenario) = match args.as_slice() {
        [endpoint, scenario, ..] => (endpoint.as_str(), scenario.as_str()),
        _ => bail!("{USAGE}"),
    };
    if !(endpoint.starts_with("http://127.0.0.1:") || endpoint.starts_with("http://localhost:")) {
        bail!("seed writes sample identities and only talks to a local server, not {endpoint}");
    }
    let config = aws_sdk_iam::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(Credentials::new("testing", "testing", None, None, "seed"))
        .build();
    let iam = aws_sdk_iam::Client::from_conf(config);
    match (scenario, args.get(2)) {
        ("weak", _) => seed::weak_account(&iam).await,
        ("hardened", _) => seed::hardened_account(&iam).await,
        ("users", Some(n)) => seed::many_users(&iam, n.parse()?, SEED_CONCURRENCY).await,
        _ => bail!("{USAGE}"),
    }
}
