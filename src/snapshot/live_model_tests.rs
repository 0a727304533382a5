//! Offline equals live, at the model: a world on the local IAM server is read through the
//! SDK (the live read) and dumped as `aws iam get-account-authorization-details` writes it
//! (botocore's paginator, `tests/support/dump_authorization_details.py`), and the two models
//! are compared field by field. Documents are compared as JSON (the CLI decodes them into
//! objects, IAM sends them URL-encoded); lists as sets (neither source promises an order).

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use aws_sdk_iam::types::Tag;
use iam_analysis::model::details::Details;
use serde_json::Value;

use super::authorization::fetch_attached_aws_policies;
use super::fetch_authorization;

const ACCOUNT: &str = "123456789012";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The pinned local IAM server (`scripts/local-iam install-test`), ended when dropped.
struct Server {
    child: Child,
    endpoint: String,
}

impl Server {
    fn start() -> Self {
        let binary = repo().join(".venv/bin/moto_server");
        assert!(
            binary.exists(),
            "{} is missing: run scripts/local-iam install-test",
            binary.display()
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(binary)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start moto_server");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "moto_server did not listen"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Self {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        }
    }

    fn iam(&self) -> aws_sdk_iam::Client {
        let config = aws_sdk_iam::Config::builder()
            .behavior_version(aws_sdk_iam::config::BehaviorVersion::latest())
            .region(aws_sdk_iam::config::Region::new("us-east-1"))
            .endpoint_url(&self.endpoint)
            .credentials_provider(aws_sdk_iam::config::Credentials::new(
                "testing", "testing", None, None, "tests",
            ))
            .build();
        aws_sdk_iam::Client::from_conf(config)
    }

    fn dump(&self, out: &Path) {
        let status = Command::new(repo().join(".venv/bin/python"))
            .arg(repo().join("tests/support/dump_authorization_details.py"))
            .arg(&self.endpoint)
            .arg(out)
            .status()
            .expect("run the dump");
        assert!(status.success(), "the dump failed");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn tag(key: &str, value: &str) -> Tag {
    Tag::builder().key(key).value(value).build().expect("a tag")
}

/// Users in groups with tags, inline and attached policies and a boundary; a role with a
/// path, tags, a trust, an instance profile and a boundary; a customer managed policy with a
/// stored non-default version; an AWS managed policy in use.
async fn seed(iam: &aws_sdk_iam::Client) {
    let policy = |name: &str| format!("arn:aws:iam::{ACCOUNT}:policy/{name}");
    let doc = |action: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"S","Effect":"Allow","Action":"{action}","Resource":"*"}}]}}"#
        )
    };
    iam.create_policy()
        .policy_name("deploy")
        .policy_document(doc("s3:*"))
        .send()
        .await
        .expect("policy");
    iam.create_policy_version()
        .policy_arn(policy("deploy"))
        .policy_document(doc("iam:*"))
        .send()
        .await
        .expect("version");
    iam.create_policy()
        .policy_name("cap")
        .policy_document(doc("*"))
        .send()
        .await
        .expect("boundary policy");
    iam.create_group()
        .group_name("dev")
        .send()
        .await
        .expect("group");
    iam.create_group()
        .group_name("empty")
        .send()
        .await
        .expect("group");
    iam.put_group_policy()
        .group_name("dev")
        .policy_name("dev-inline")
        .policy_document(doc("ec2:Describe*"))
        .send()
        .await
        .expect("group inline");
    iam.attach_group_policy()
        .group_name("dev")
        .policy_arn("arn:aws:iam::aws:policy/ReadOnlyAccess")
        .send()
        .await
        .expect("aws managed");
    iam.create_user()
        .user_name("alice")
        .tags(tag("team", "platform"))
        .permissions_boundary(policy("cap"))
        .send()
        .await
        .expect("user");
    iam.create_user()
        .user_name("bob")
        .send()
        .await
        .expect("user");
    iam.add_user_to_group()
        .user_name("alice")
        .group_name("dev")
        .send()
        .await
        .expect("member");
    iam.put_user_policy()
        .user_name("alice")
        .policy_name("own")
        .policy_document(doc("sts:AssumeRole"))
        .send()
        .await
        .expect("user inline");
    iam.attach_user_policy()
        .user_name("alice")
        .policy_arn(policy("deploy"))
        .send()
        .await
        .expect("attach");
    let trust = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:user/alice"}},"Action":"sts:AssumeRole"}}]}}"#
    );
    iam.create_role()
        .role_name("deployer")
        .path("/ci/")
        .assume_role_policy_document(trust)
        .tags(tag("env", "prod"))
        .permissions_boundary(policy("cap"))
        .send()
        .await
        .expect("role");
    iam.put_role_policy()
        .role_name("deployer")
        .policy_name("role-inline")
        .policy_document(doc("lambda:*"))
        .send()
        .await
        .expect("role inline");
    iam.attach_role_policy()
        .role_name("deployer")
        .policy_arn(policy("deploy"))
        .send()
        .await
        .expect("attach");
    iam.create_instance_profile()
        .instance_profile_name("deployer")
        .send()
        .await
        .expect("profile");
    iam.add_role_to_instance_profile()
        .instance_profile_name("deployer")
        .role_name("deployer")
        .send()
        .await
        .expect("profile role");
}

/// A model as JSON with its documents parsed and every list sorted: what both sources must
/// agree on whatever their encoding and order. Pairs (a tag's key and value, a stored
/// version's id and document) keep their order.
fn normalized(value: Value, key: Option<&str>) -> Value {
    match value {
        Value::String(text) if key.is_some_and(|k| k == "document" || k == "trust_policy") => {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        }
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let v = normalized(v, Some(&k));
                    (k, v)
                })
                .collect(),
        ),
        Value::Array(items) => {
            let mut items: Vec<Value> = items
                .into_iter()
                .map(|v| match (key, v) {
                    (Some("tags"), pair) => pair,
                    (Some("other_versions"), Value::Array(pair)) => Value::Array(
                        pair.into_iter()
                            .enumerate()
                            .map(|(i, v)| normalized(v, (i == 1).then_some("document")))
                            .collect(),
                    ),
                    (_, v) => normalized(v, None),
                })
                .collect();
            items.sort_by_key(|v| v.to_string());
            Value::Array(items)
        }
        other => other,
    }
}

/// Every field where `live` and `file` differ, by its path.
fn differences(path: &str, live: &Value, file: &Value, out: &mut Vec<String>) {
    match (live, file) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))) {
                let (x, y) = (
                    a.get(key).unwrap_or(&Value::Null),
                    b.get(key).unwrap_or(&Value::Null),
                );
                differences(&format!("{path}.{key}"), x, y, out);
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                let name = x
                    .get("name")
                    .or_else(|| x.get("arn"))
                    .map_or(i.to_string(), |n| n.to_string());
                differences(&format!("{path}[{name}]"), x, y, out);
            }
        }
        _ if live != file => out.push(format!("{path}: live {live}, file {file}")),
        _ => {}
    }
}

#[tokio::test]
async fn the_live_read_and_the_dump_give_the_same_model() {
    let server = Server::start();
    let iam = server.iam();
    seed(&iam).await;
    let live = fetch_authorization(&iam, true)
        .await
        .expect("the live read");
    let live_aws = fetch_attached_aws_policies(&iam, &live)
        .await
        .expect("AWS managed documents");
    let dir = tempfile::tempdir().expect("a directory");
    let dump = dir.path().join("details.json");
    server.dump(&dump);
    let file = Details::from_json(&std::fs::read_to_string(&dump).expect("the dump"))
        .expect("the dump is one whole account");
    assert_eq!(file.account, ACCOUNT);
    // The world holds every kind of entry, so that an empty side never passes for equal.
    assert_eq!(
        (live.users.len(), live.groups.len(), live.roles.len()),
        (2, 2, 1)
    );
    assert!(
        live.policies.iter().any(|p| !p.other_versions.is_empty()),
        "a stored version"
    );
    assert_eq!(live_aws.len(), 1, "ReadOnlyAccess in use");
    let json = |v: serde_json::Result<Value>| normalized(v.expect("serializable"), None);
    let mut found = Vec::new();
    differences(
        "authorization",
        &json(serde_json::to_value(&live)),
        &json(serde_json::to_value(&file.authorization)),
        &mut found,
    );
    differences(
        "aws_managed",
        &json(serde_json::to_value(&live_aws)),
        &json(serde_json::to_value(&file.aws_managed)),
        &mut found,
    );
    assert!(
        found.is_empty(),
        "the live read and the dump differ:\n{}",
        found.join("\n")
    );
}
