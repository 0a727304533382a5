//! A real local IAM server (moto) per test, and the built binary run against it.
#![allow(dead_code)] // each test crate uses its own part of the harness

pub mod fault;
pub mod seed;
pub mod world;

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use aws_sdk_iam::config::Credentials;

pub const ACCOUNT_ID: &str = "123456789012";
const STARTUP_LIMIT: Duration = Duration::from_secs(30);

/// A moto server on a free loopback port, with state of its own, stopped on drop.
pub struct LocalIam {
    child: Child,
    pub endpoint: String,
}

impl LocalIam {
    pub fn start() -> Self {
        Self::start_with(&[])
    }

    /// Start with extra environment, e.g. `INITIAL_NO_AUTH_ACTION_COUNT`.
    pub fn start_with(env: &[(&str, &str)]) -> Self {
        let server = repo_root().join(".venv/bin/moto_server");
        assert!(
            server.exists(),
            "{} is missing: run scripts/local-iam install (scripts/test does)",
            server.display()
        );
        let port = free_port();
        let child = Command::new(&server)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start moto_server");
        let mut server = LocalIam {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        };
        server.wait_ready(port);
        server
    }

    fn wait_ready(&mut self, port: u16) {
        let started = Instant::now();
        while started.elapsed() < STARTUP_LIMIT {
            if let Some(status) = self.child.try_wait().expect("poll moto_server") {
                panic!("moto_server exited during startup: {status}");
            }
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("moto_server did not listen on port {port} within {STARTUP_LIMIT:?}");
    }

    /// An IAM client with the tests' credentials, for seeding state.
    pub fn iam(&self) -> aws_sdk_iam::Client {
        iam_client(&self.endpoint, "testing", "testing")
    }

    /// Run the built binary against this server with the tests' credentials.
    pub fn audit(&self, args: &[&str]) -> Run {
        self.audit_as("testing", "testing", args)
    }

    /// Run any subcommand against this server: `server.cli(&["fix", "groups", "--yes"])`.
    pub fn cli(&self, args: &[&str]) -> Run {
        let mut command = binary();
        with_test_credentials(&mut command)
            .args(["--endpoint-url", &self.endpoint])
            .args(args);
        Run::of(command)
    }

    pub fn audit_as(&self, key_id: &str, secret: &str, args: &[&str]) -> Run {
        self.audit_with_session(key_id, secret, None, args)
    }

    pub fn audit_with_session(
        &self,
        key_id: &str,
        secret: &str,
        session_token: Option<&str>,
        args: &[&str],
    ) -> Run {
        let mut command = binary();
        command
            .env("AWS_ACCESS_KEY_ID", key_id)
            .env("AWS_SECRET_ACCESS_KEY", secret)
            .args(["--endpoint-url", &self.endpoint, "audit"])
            .args(args);
        if let Some(token) = session_token {
            command.env("AWS_SESSION_TOKEN", token);
        }
        Run::of(command)
    }

    /// Run the binary with the given working directory (for `iam-harden.toml` discovery).
    pub fn cli_in(&self, dir: &std::path::Path, args: &[&str]) -> Run {
        let mut command = binary();
        with_test_credentials(&mut command)
            .current_dir(dir)
            .args(["--endpoint-url", &self.endpoint])
            .args(args);
        Run::of(command)
    }

    /// POST to moto's own control API (`/moto-api/...`) over plain HTTP/1.1.
    pub fn control(&self, path: &str, body: &str) {
        use std::io::{Read, Write};
        let address = self.endpoint.trim_start_matches("http://");
        let mut stream = TcpStream::connect(address).expect("connect to moto");
        write!(
            stream,
            "POST {path} HTTP/1.1\r\nHost: {address}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .expect("send control request");
        let mut answer = String::new();
        stream
            .read_to_string(&mut answer)
            .expect("read control answer");
        assert!(answer.starts_with("HTTP/1.1 200"), "POST {path}: {answer}");
    }
}

impl Drop for LocalIam {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Temporary credentials of a role that holds exactly `policy`, in an account left with no
/// IAM users, with the server's signature checks and policy evaluation turned on from then
/// on. Returns (access key id, secret, session token).
pub async fn role_with_policy(server: &LocalIam, policy: &str) -> (String, String, String) {
    let iam = server.iam();
    let trust = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{ACCOUNT_ID}:root"}},"Action":"sts:AssumeRole"}}]}}"#
    );
    iam.create_role()
        .role_name("auditor")
        .assume_role_policy_document(trust)
        .send()
        .await
        .expect("CreateRole");
    iam.put_role_policy()
        .role_name("auditor")
        .policy_name("under-test")
        .policy_document(policy)
        .send()
        .await
        .expect("PutRolePolicy");
    // A user only to assume the role; deleted again so that the account has no users.
    seed::create_user(&iam, "assumer").await.expect("user");
    let key = iam
        .create_access_key()
        .user_name("assumer")
        .send()
        .await
        .expect("CreateAccessKey");
    let key = key.access_key().expect("key");
    let sts_config = seed::local_config(
        &server.endpoint,
        Credentials::new(
            key.access_key_id(),
            key.secret_access_key(),
            None,
            None,
            "tests",
        ),
    );
    let assumed = aws_sdk_sts::Client::new(&sts_config)
        .assume_role()
        .role_arn(format!("arn:aws:iam::{ACCOUNT_ID}:role/auditor"))
        .role_session_name("iam-harden-test")
        .send()
        .await
        .expect("AssumeRole");
    let credentials = assumed.credentials().expect("credentials");
    iam.delete_access_key()
        .user_name("assumer")
        .access_key_id(key.access_key_id())
        .send()
        .await
        .expect("DeleteAccessKey");
    iam.delete_user()
        .user_name("assumer")
        .send()
        .await
        .expect("DeleteUser");
    server.control("/moto-api/reset-auth", "0");
    (
        credentials.access_key_id().to_string(),
        credentials.secret_access_key().to_string(),
        credentials.session_token().to_string(),
    )
}

/// Everything a fix could change, as text: users, groups, policies, attachments, the
/// password policy and the alias. Equal before and after means nothing changed.
pub async fn account_state(iam: &aws_sdk_iam::Client) -> String {
    let details = iam
        .get_account_authorization_details()
        .send()
        .await
        .expect("GetAccountAuthorizationDetails");
    let mut users: Vec<String> = details
        .user_detail_list()
        .iter()
        .map(|u| {
            format!(
                "{:?} {:?} {:?} {:?}",
                u.user_name(),
                u.attached_managed_policies(),
                u.user_policy_list(),
                u.group_list()
            )
        })
        .collect();
    users.sort();
    let mut groups: Vec<String> = details
        .group_detail_list()
        .iter()
        .map(|g| {
            format!(
                "{:?} {:?} {:?}",
                g.group_name(),
                g.attached_managed_policies(),
                g.group_policy_list()
            )
        })
        .collect();
    groups.sort();
    let policy = iam
        .get_account_password_policy()
        .send()
        .await
        .ok()
        .map(|p| format!("{:?}", p.password_policy()));
    let aliases = iam
        .list_account_aliases()
        .send()
        .await
        .expect("ListAccountAliases");
    format!(
        "users {users:?}\ngroups {groups:?}\npolicy {policy:?}\naliases {:?}",
        aliases.account_aliases()
    )
}

/// Per user: every managed policy ARN and inline document that applies to them, directly
/// or through a group.
pub async fn effective_permissions(
    iam: &aws_sdk_iam::Client,
) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let details = iam
        .get_account_authorization_details()
        .send()
        .await
        .expect("GetAccountAuthorizationDetails");
    let group_grants = |name: &str| -> Vec<String> {
        details
            .group_detail_list()
            .iter()
            .filter(|g| g.group_name() == Some(name))
            .flat_map(|g| {
                g.attached_managed_policies()
                    .iter()
                    .map(|p| p.policy_arn().unwrap_or_default().to_string())
                    .chain(
                        g.group_policy_list()
                            .iter()
                            .map(|p| normalise(p.policy_document().unwrap_or_default())),
                    )
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    details
        .user_detail_list()
        .iter()
        .map(|u| {
            let mut grants: std::collections::BTreeSet<String> = u
                .attached_managed_policies()
                .iter()
                .map(|p| p.policy_arn().unwrap_or_default().to_string())
                .chain(
                    u.user_policy_list()
                        .iter()
                        .map(|p| normalise(p.policy_document().unwrap_or_default())),
                )
                .collect();
            for group in u.group_list() {
                grants.extend(group_grants(group));
            }
            (u.user_name().unwrap_or_default().to_string(), grants)
        })
        .collect()
}

/// A policy document as canonical JSON, whatever its encoding on the wire.
fn normalise(document: &str) -> String {
    let decoded = percent_encoding::percent_decode_str(document)
        .decode_utf8_lossy()
        .into_owned();
    serde_json::from_str::<serde_json::Value>(&decoded)
        .map(|v| v.to_string())
        .unwrap_or(decoded)
}

/// An inline policy that lets its holder create access keys for any user.
pub const ANY_KEYS: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"*"}]}"#;

pub fn iam_client(endpoint: &str, key_id: &str, secret: &str) -> aws_sdk_iam::Client {
    aws_sdk_iam::Client::new(&seed::local_config(
        endpoint,
        Credentials::new(key_id, secret, None, None, "tests"),
    ))
}

/// A Security Hub client on the local server, to read back what the tool imported.
pub fn security_hub_client(endpoint: &str) -> aws_sdk_securityhub::Client {
    aws_sdk_securityhub::Client::new(&seed::local_config(
        endpoint,
        seed::test_credentials("tests"),
    ))
}

/// The state directory of this test process's runs (their default change log).
pub fn test_state_home() -> PathBuf {
    std::env::temp_dir().join(format!("iam-harden-tests-state-{}", std::process::id()))
}

/// A fresh, empty directory for one test's files.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("iam-harden-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Validate a report file against the vendored schema (`junit` or `sarif`); the
/// validator's reason on failure.
pub fn validate_report(kind: &str, path: &std::path::Path) -> Result<(), String> {
    let root = repo_root();
    let output = Command::new(root.join(".venv/bin/python"))
        .arg(root.join("tests/schemas/validate.py"))
        .arg(kind)
        .arg(path)
        .output()
        .expect("run the schema validator (scripts/local-iam install-test)");
    if output.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&output.stderr).into_owned())
    }
}

/// A GitHub step's outputs file as GitHub reads it: `name=value` lines and
/// `name<<DELIMITER` ... `DELIMITER` blocks; the last value of each name.
pub fn github_outputs(path: &std::path::Path) -> std::collections::BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).expect("read the step outputs file");
    let mut outputs = std::collections::BTreeMap::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let (equals, heredoc) = (line.find('='), line.find("<<"));
        match (equals, heredoc) {
            (_, Some(at)) if equals.is_none_or(|e| at < e) => {
                let (name, delimiter) = (&line[..at], &line[at + 2..]);
                let mut value = Vec::new();
                loop {
                    let next = lines
                        .next()
                        .unwrap_or_else(|| panic!("{name}<<{delimiter} is never closed:\n{text}"));
                    if next == delimiter {
                        break;
                    }
                    value.push(next);
                }
                outputs.insert(name.to_string(), value.join("\n"));
            }
            (Some(at), _) => {
                outputs.insert(line[..at].to_string(), line[at + 1..].to_string());
            }
            _ => panic!("not an output line: {line:?}\n{text}"),
        }
    }
    outputs
}

/// The action's audit step (`scripts/action-audit`) as GitHub runs it, in `dir`: its step
/// output and job summary files there, the local server at `endpoint` with test credentials
/// and no AWS config files. The caller adds the step's `INPUT_*` variables.
pub fn action_audit_step(dir: &std::path::Path, endpoint: &str) -> Command {
    let mut command = Command::new("bash");
    command
        .arg(repo_root().join("scripts/action-audit"))
        .current_dir(dir)
        .env("IAM_HARDEN", env!("CARGO_BIN_EXE_iam-harden"))
        .env("GITHUB_OUTPUT", dir.join("github-output"))
        .env("GITHUB_STEP_SUMMARY", dir.join("step-summary.md"))
        .env("RUNNER_TEMP", dir)
        .env("INPUT_ENDPOINT_URL", endpoint)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", "/nonexistent/config")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
    command
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("bind a free port")
        .port()
}

/// The binary with an environment that cannot reach real AWS or instance metadata: no AWS
/// variables from the developer's shell, no config files, metadata disabled; no terminal.
pub fn binary() -> Command {
    let mut command = binary_for_terminal();
    command.stdin(Stdio::null());
    command
}

/// The credentials every test signs with (the local server checks them only with auth on).
/// The binary with no credentials and an endpoint nothing listens on: any call to AWS
/// would fail the run (for `--from-authorization-details` and the commands that read files).
pub fn offline_binary() -> Command {
    let mut command = binary();
    command
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
    command
}

pub fn with_test_credentials(command: &mut Command) -> &mut Command {
    command
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
}

/// An organization of `members` new member accounts, each with the role `role` that the
/// `management` account may assume for a sweep: each member's id and an IAM client acting
/// in it, in creation order.
pub async fn audited_organization(
    endpoint: &str,
    members: usize,
    role: &str,
    management: &str,
) -> anyhow::Result<Vec<(String, aws_sdk_iam::Client)>> {
    let mut audited = Vec::new();
    for member in seed::organization(endpoint, members).await? {
        let iam = seed::member_iam(endpoint, &member).await?;
        seed::audit_role(&iam, role, management).await?;
        audited.push((member, iam));
    }
    Ok(audited)
}

/// The account's password policy as IAM answers it now; `None` when it has none
/// (NoSuchEntity). Any other answer fails the test.
pub async fn password_policy(
    iam: &aws_sdk_iam::Client,
) -> Option<aws_sdk_iam::types::PasswordPolicy> {
    match iam.get_account_password_policy().send().await {
        Ok(out) => out.password_policy().cloned(),
        Err(err)
            if err
                .as_service_error()
                .is_some_and(|e| e.is_no_such_entity_exception()) =>
        {
            None
        }
        Err(err) => panic!("GetAccountPasswordPolicy: {err:?}"),
    }
}

/// Check ids of a JSON report, in report order.
pub fn check_ids(report: &serde_json::Value) -> Vec<&str> {
    report["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|c| c["id"].as_str().expect("id"))
        .collect()
}

/// Verified directly: `user` has console access and is in the Administrators group.
pub async fn assert_console_admin(iam: &aws_sdk_iam::Client, user: &str) {
    iam.get_login_profile()
        .user_name(user)
        .send()
        .await
        .expect("console access");
    let group = iam
        .get_group()
        .group_name("Administrators")
        .send()
        .await
        .expect("admin group");
    assert!(
        group.users().iter().any(|u| u.user_name() == user),
        "{user} is in Administrators"
    );
}

/// As `binary`, but leaving standard streams alone, for a pseudo-terminal to take them.
pub fn binary_for_terminal() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_iam-harden"));
    for (key, _) in std::env::vars_os() {
        let name = key.to_string_lossy();
        if name.starts_with("AWS_") || name.starts_with("IAM_HARDEN_") || key == "NO_COLOR" {
            command.env_remove(key);
        }
    }
    command
        .env("AWS_EC2_METADATA_DISABLED", "true")
        // Fixes append to a change log: never the developer's own.
        .env("XDG_STATE_HOME", test_state_home())
        .env("AWS_CONFIG_FILE", "/nonexistent/iam-harden-tests/config")
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            "/nonexistent/iam-harden-tests/credentials",
        );
    command
}

/// A finished run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl Run {
    pub fn of(mut command: Command) -> Self {
        let started = Instant::now();
        let Output {
            status,
            stdout,
            stderr,
        } = command.output().expect("run iam-harden");
        Run {
            code: status.code().expect("exited, not killed"),
            stdout: String::from_utf8(stdout).expect("utf-8 stdout"),
            stderr: String::from_utf8(stderr).expect("utf-8 stderr"),
            elapsed: started.elapsed(),
        }
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

/// The status of one check in a JSON report.
pub fn status<'a>(report: &'a serde_json::Value, id: &str) -> &'a str {
    check(report, id)["status"].as_str().expect("status string")
}

pub fn check<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["checks"]
        .as_array()
        .expect("checks array")
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check {id} in {report}"))
}

/// Microsoft's SARIF Multitool (`scripts/sarif-multitool`) over a SARIF file with GitHub's,
/// Azure DevOps' and the SARIF spec's rules: every error or warning it reports, one line each.
pub fn sarif_multitool_diagnostics(path: &std::path::Path) -> Vec<String> {
    let output = Command::new(repo_root().join("scripts/sarif-multitool"))
        .args([
            "validate",
            "--rule-kind",
            "Gh;Ado;Sarif",
            "--level",
            "Error;Warning",
        ])
        .arg(path)
        .output()
        .expect("run the SARIF Multitool (scripts/sarif-multitool install)");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        text.contains("Analysis completed successfully"),
        "the Multitool did not finish:\n{text}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    text.lines()
        .filter(|l| l.contains(": error ") || l.contains(": warning "))
        .map(str::to_string)
        .collect()
}

/// Assert that `text` holds `needle`, showing the whole text when it does not.
#[track_caller]
pub fn assert_contains(text: &str, needle: &str) {
    assert!(text.contains(needle), "{needle:?} is not in:\n{text}");
}
