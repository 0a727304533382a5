//! The fault suite's harness: the fault-injecting proxy (`tests/fault/proxy.py`) in front of
//! a local IAM server, and named groups of cases that check the invariants no fault may
//! break (no panic, no green from a malformed reply, output that stays valid and escaped).
//! Each group writes a one-line tally to `target/fault-suite/`, which `scripts/test` prints.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::{LocalIam, Run, binary, repo_root, seed, status};

/// The proxy in front of one local IAM server, killed on drop.
pub struct Proxy {
    child: Child,
    pub endpoint: String,
}

impl Proxy {
    pub fn start(upstream: &str) -> Self {
        let mut child = Command::new(repo_root().join(".venv/bin/python"))
            .arg(repo_root().join("tests/fault/proxy.py"))
            .args(["--upstream", upstream])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the fault proxy (scripts/local-iam install)");
        let mut line = Vec::new();
        let mut stdout = child.stdout.take().expect("proxy stdout");
        let mut byte = [0u8; 1];
        while stdout.read(&mut byte).expect("read proxy stdout") == 1 && byte[0] != b'\n' {
            line.push(byte[0]);
        }
        let line = String::from_utf8(line).expect("utf-8");
        let port = line
            .strip_prefix("listening ")
            .unwrap_or_else(|| panic!("proxy said {line:?}"));
        Proxy {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        }
    }

    pub fn control(&self, method: &str, path: &str, body: &str) -> String {
        let address = self.endpoint.trim_start_matches("http://");
        let mut stream = TcpStream::connect(address).expect("connect to the proxy");
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .expect("send");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("read");
        assert!(answer.starts_with("HTTP/1.1 200"), "{path}: {answer}");
        answer
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default()
    }

    /// Replace the fault rules; the request log starts again.
    pub fn rules(&self, rules: &Value) {
        self.control("POST", "/__fault/rules", &rules.to_string());
    }

    /// Every request since the last `rules`: action, fault, signing key id.
    pub fn log(&self) -> Vec<Value> {
        serde_json::from_str(&self.control("GET", "/__fault/log", "")).expect("log JSON")
    }

    pub fn actions(&self) -> Vec<String> {
        self.log()
            .iter()
            .filter_map(|e| e["action"].as_str().map(str::to_string))
            .collect()
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = binary();
        super::with_test_credentials(&mut command)
            .args(["--endpoint-url", &self.endpoint])
            .args(args);
        command
    }

    pub fn cli(&self, args: &[&str]) -> Run {
        Run::of(self.command(args))
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A named group of cases, its tally, and every broken invariant (reported together).
pub struct Suite {
    name: &'static str,
    cases: usize,
    panics: usize,
    false_greens: usize,
    invalid_outputs: usize,
    failures: Vec<String>,
}

/// What a case must show beyond the invariants every case keeps.
pub type Expect<'a> = Box<dyn Fn(&Run) -> Result<(), String> + 'a>;

impl Suite {
    pub fn new(name: &'static str) -> Self {
        Suite {
            name,
            cases: 0,
            panics: 0,
            false_greens: 0,
            invalid_outputs: 0,
            failures: Vec::new(),
        }
    }

    pub fn case(&mut self, name: &str, run: &Run, expect: Expect<'_>) {
        self.cases += 1;
        let mut fail = |kind: &str, why: String| {
            self.failures.push(format!(
                "{name}: {kind}: {why}\n--- exit {}\n--- stdout\n{}\n--- stderr\n{}",
                run.code, run.stdout, run.stderr
            ))
        };
        if run.code == 101 || run.stderr.contains("panicked at") {
            self.panics += 1;
            fail("panic", String::new());
            return;
        }
        if let Err(why) = valid_output(run) {
            self.invalid_outputs += 1;
            fail("invalid output", why);
        }
        if let Err(why) = expect(run) {
            if why.starts_with("green") {
                self.false_greens += 1;
            }
            fail("unexpected result", why);
        }
    }

    pub fn finish(self) {
        let line = format!(
            "fault suite {}: {} cases; {} panicked, {} green from a malformed reply, {} invalid outputs",
            self.name, self.cases, self.panics, self.false_greens, self.invalid_outputs
        );
        let dir = repo_root().join("target/fault-suite");
        std::fs::create_dir_all(&dir).expect("tally dir");
        std::fs::write(dir.join(format!("{}.txt", self.name)), format!("{line}\n")).expect("tally");
        eprintln!("{line}");
        assert!(
            self.failures.is_empty(),
            "{line}\n\n{}",
            self.failures.join("\n\n")
        );
    }
}

/// Output a fault can never break: JSON stays JSON, nothing raw that drives a terminal.
pub fn valid_output(run: &Run) -> Result<(), String> {
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        if let Some(c) = text
            .chars()
            .find(|c| c.is_control() && *c != '\n' && *c != '\t')
        {
            return Err(format!("{stream} carries a raw control character {c:?}"));
        }
    }
    let out = run.stdout.trim();
    if out.starts_with('{') && serde_json::from_str::<Value>(out).is_err() {
        // `fix --format json` prints JSON Lines.
        for line in out.lines() {
            serde_json::from_str::<Value>(line)
                .map_err(|e| format!("stdout line is not JSON ({e}): {line}"))?;
        }
    }
    Ok(())
}

/// The check `id` decided nothing: `error`, and the run exits 2.
pub fn check_errors<'a>(id: &'a str, because: &'a str) -> Expect<'a> {
    Box::new(move |run: &Run| {
        let report: Value =
            serde_json::from_str(&run.stdout).map_err(|e| format!("no JSON report ({e})"))?;
        let verdict = status(&report, id);
        let reason = super::check(&report, id)["reason"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        if verdict == "pass" {
            return Err(format!("green: {id} passed on a malformed reply: {reason}"));
        }
        if verdict != "error" || run.code != 2 {
            return Err(format!(
                "{id} is {verdict} with exit {}: {reason}",
                run.code
            ));
        }
        if !reason.contains(because) {
            return Err(format!("{id}'s reason lacks {because:?}: {reason}"));
        }
        Ok(())
    })
}

/// The run stopped with exit 2 and one line on stderr that says `because`, stdout empty.
pub fn one_line_error(because: &str) -> Expect<'_> {
    Box::new(move |run: &Run| {
        let lines: Vec<&str> = run.stderr.lines().collect();
        if run.code != 2 || lines.len() != 1 || !run.stdout.is_empty() {
            return Err(format!(
                "expected exit 2 and one stderr line, got exit {} and {} lines",
                run.code,
                lines.len()
            ));
        }
        if !lines[0].starts_with("iam-harden: error: ") || !lines[0].contains(because) {
            return Err(format!("the line lacks {because:?}"));
        }
        Ok(())
    })
}

pub fn replace(action: &str, pattern: &str, with: &str) -> Value {
    json!([{ "action": action, "fault": "replace", "pattern": pattern, "with": with }])
}

pub fn answer(action: &str, status: u16, body: &str) -> Value {
    json!([{ "action": action, "fault": "status", "status": status, "body": body }])
}

pub fn iam_error(code: &str) -> String {
    format!(
        r#"<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Receiver</Type><Code>{code}</Code><Message>injected {code}</Message></Error><RequestId>f1</RequestId></ErrorResponse>"#
    )
}

pub async fn weak_server() -> LocalIam {
    let server = LocalIam::start();
    seed::weak_account(&server.iam()).await.expect("seed");
    server
}

/// The write calls the proxy saw since its rules were last set.
pub fn written(proxy: &Proxy) -> Vec<String> {
    proxy
        .actions()
        .into_iter()
        .filter(|a| !a.starts_with("Get") && !a.starts_with("List"))
        .collect()
}

/// Run `args` with `action` slowed down, and send SIGINT once that call is in flight.
pub fn interrupt_during(proxy: &Proxy, args: &[&str], action: &str) -> Run {
    signal_during(proxy.command(args), proxy, action, "INT")
}

/// Run `command` with `action` slowed down (through `proxy`), and send `signal` (`INT`,
/// `TERM`, `HUP`) once that call is in flight.
pub fn signal_during(mut command: Command, proxy: &Proxy, action: &str, signal: &str) -> Run {
    proxy.rules(&json!([{ "action": action, "fault": "delay", "seconds": 2 }]));
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the fix");
    let started = Instant::now();
    while !proxy.actions().iter().any(|a| a == action) {
        assert!(started.elapsed() < Duration::from_secs(20), "no {action}");
        std::thread::sleep(Duration::from_millis(50));
    }
    let sent = Command::new("kill")
        .args([format!("-{signal}"), child.id().to_string()])
        .status()
        .expect("kill");
    assert!(sent.success());
    let output = child.wait_with_output().expect("wait");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        elapsed: started.elapsed(),
    }
}
