//! The GitHub Action's two steps, run as GitHub runs them (inputs as INPUT_* variables, the
//! step outputs and job summary as files): the install step (scripts/action-install) against
//! a fake release served from loopback by `python -m http.server`, and the audit step
//! (scripts/action-audit) with the config file's `fail-on`.

mod support;

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};
use support::{LocalIam, Run, action_audit_step, github_outputs, repo_root, seed, temp_dir};

/// The action's own version: what it installs when the version input is empty.
const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The archive the install step picks on RUNNER_OS=Linux, RUNNER_ARCH=X64.
const ARCHIVE_DIR: &str = "iam-harden-x86_64-unknown-linux-musl";
const ARCHIVE: &str = "iam-harden-x86_64-unknown-linux-musl.tar.xz";

/// `python -m http.server` over a directory on a free loopback port, stopped on drop.
struct ReleaseServer {
    child: Child,
    url: String,
}

impl ReleaseServer {
    fn serve(dir: &Path) -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("bind a free port")
            .port();
        let child = Command::new(repo_root().join(".venv/bin/python"))
            .args(["-m", "http.server", "--bind", "127.0.0.1", "--directory"])
            .arg(dir)
            .arg(port.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start python -m http.server (scripts/local-iam install)");
        let mut server = ReleaseServer {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = server.child.try_wait().expect("poll http.server") {
                panic!("http.server exited during startup: {status}");
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "http.server did not listen on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }
}

impl Drop for ReleaseServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A stand-in for the release binary: small, and recognisable once installed.
fn stand_in_binary(version: &str) -> String {
    format!("#!/bin/sh\necho 'iam-harden {version} (stand-in)'\n")
}

fn write_executable(path: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, text).expect("write");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

fn sha256_hex(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("read the archive");
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `dir/releases/vVERSION/` as cargo-dist lays a release out: the Linux x86_64 archive
/// (the stand-in in `iam-harden-TARGET/`, tar.xz) and sha256.sum, whose line for the
/// archive carries `checksum` when given, else the archive's real SHA-256. Returns
/// `dir/releases`, the directory to serve.
fn fake_release(dir: &Path, checksum: Option<&str>) -> PathBuf {
    let releases = dir.join("releases");
    let release = releases.join(format!("v{VERSION}"));
    let staging = dir.join("staging");
    std::fs::create_dir_all(&release).expect("release dir");
    std::fs::create_dir_all(staging.join(ARCHIVE_DIR)).expect("staging dir");
    write_executable(
        &staging.join(ARCHIVE_DIR).join("iam-harden"),
        &stand_in_binary(VERSION),
    );
    let packed = Command::new("tar")
        .arg("-cJf")
        .arg(release.join(ARCHIVE))
        .arg("-C")
        .arg(&staging)
        .arg(ARCHIVE_DIR)
        .status()
        .expect("run tar");
    assert!(packed.success(), "tar -cJf");
    let checksum = checksum
        .map(str::to_string)
        .unwrap_or_else(|| sha256_hex(&release.join(ARCHIVE)));
    std::fs::write(
        release.join("sha256.sum"),
        format!(
            "{} *iam-harden-installer.sh\n{checksum} *{ARCHIVE}\n",
            "0".repeat(64)
        ),
    )
    .expect("sha256.sum");
    releases
}

/// scripts/action-install on a Linux x86_64 runner, with `releases` as the release server
/// and `path_prefix` (a directory of stand-in commands) ahead of PATH.
fn install(
    dir: &Path,
    releases_url: &str,
    inputs: &[(&str, &str)],
    path_prefix: Option<&Path>,
) -> Run {
    let runner_temp = dir.join("runner-temp");
    std::fs::create_dir_all(&runner_temp).expect("runner temp");
    let mut command = Command::new("bash");
    command
        .arg(repo_root().join("scripts/action-install"))
        .current_dir(dir)
        .env("GITHUB_ACTION_PATH", repo_root())
        .env("GITHUB_OUTPUT", dir.join("github-output"))
        .env("RUNNER_TEMP", &runner_temp)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("IAM_HARDEN_RELEASES_URL", releases_url)
        .env("INPUT_VERSION", "")
        .env("INPUT_BUILD_FROM_SOURCE", "false")
        .envs(inputs.iter().copied())
        .stdin(Stdio::null());
    if let Some(prefix) = path_prefix {
        let path = std::env::var("PATH").unwrap_or_default();
        command.env("PATH", format!("{}:{path}", prefix.display()));
    }
    Run::of(command)
}

fn installed(dir: &Path) -> PathBuf {
    dir.join("runner-temp/iam-harden/bin/iam-harden")
}

#[test]
fn the_release_binary_installs_when_its_checksum_matches() {
    let dir = temp_dir("action-install");
    let server = ReleaseServer::serve(&fake_release(&dir, None));
    let run = install(&dir, &server.url, &[], None);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains(&format!("{ARCHIVE} of v{VERSION}, sha256")),
        "{}",
        run.stderr
    );
    support::assert_contains(&run.stderr, "verified");
    assert!(
        run.stderr.contains("(stand-in)"),
        "the step runs the binary: {}",
        run.stderr
    );
    let binary = installed(&dir);
    assert_eq!(
        std::fs::read_to_string(&binary).expect("installed binary"),
        stand_in_binary(VERSION),
        "the archive's binary, unpacked"
    );
    let outputs = github_outputs(&dir.join("github-output"));
    assert_eq!(outputs["path"], binary.display().to_string());
    assert_eq!(outputs["version"], VERSION);

    // A pinned version is the same release; a "v" in front of it is allowed.
    let pinned = install(
        &dir,
        &server.url,
        &[("INPUT_VERSION", format!("v{VERSION}").as_str())],
        None,
    );
    assert_eq!(pinned.code, 0, "{}", pinned.stderr);
    drop(server);
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[test]
fn a_checksum_mismatch_refuses_to_install() {
    let dir = temp_dir("action-install-mismatch");
    let wrong = "ab".repeat(32);
    let server = ReleaseServer::serve(&fake_release(&dir, Some(wrong.as_str())));
    // A cargo that fails the test if the step fell back to building from source.
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("bin");
    write_executable(
        &bin.join("cargo"),
        "#!/bin/sh\necho 'cargo called' >&2\nexit 99\n",
    );
    let run = install(&dir, &server.url, &[], Some(bin.as_path()));
    assert_eq!(run.code, 1, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "checksum mismatch for {ARCHIVE} of release v{VERSION}"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&wrong),
        "names the expected hash: {}",
        run.stderr
    );
    support::assert_contains(&run.stderr, "not installing it");
    assert!(!run.stderr.contains("cargo called"), "{}", run.stderr);
    assert!(!installed(&dir).exists(), "nothing installed");
    let outputs = std::fs::read_to_string(dir.join("github-output")).unwrap_or_default();
    assert!(!outputs.contains("path="), "no path output: {outputs}");
    drop(server);
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

/// No release of the action's own version (an unreleased commit): the step builds the
/// action's source with `cargo install --locked`; a cargo stand-in records the call. Another
/// version without a release is an error, since the source is not that version.
#[test]
fn without_a_release_the_own_version_builds_from_source() {
    let dir = temp_dir("action-install-source");
    let empty = dir.join("no-releases");
    std::fs::create_dir_all(&empty).expect("empty release dir");
    let server = ReleaseServer::serve(&empty);
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("bin");
    let calls = dir.join("cargo-calls");
    write_executable(
        &bin.join("cargo"),
        &format!(
            "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '{calls}'\n\
             # cargo install --locked --path SRC --root ROOT\n\
             mkdir -p \"$6/bin\"\nprintf '%s' \"$STAND_IN\" > \"$6/bin/iam-harden\"\n\
             chmod +x \"$6/bin/iam-harden\"\n",
            calls = calls.display()
        ),
    );
    let stand_in = stand_in_binary(VERSION);
    let run = install(
        &dir,
        &server.url,
        &[("STAND_IN", stand_in.as_str())],
        Some(bin.as_path()),
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains(&format!("no release v{VERSION} at {}", server.url)),
        "{}",
        run.stderr
    );
    let root = dir.join("runner-temp/iam-harden");
    assert_eq!(
        std::fs::read_to_string(&calls).expect("cargo was called"),
        format!(
            "install --locked --path {} --root {}\n",
            repo_root().display(),
            root.display()
        )
    );
    let outputs = github_outputs(&dir.join("github-output"));
    assert_eq!(outputs["path"], installed(&dir).display().to_string());
    assert_eq!(outputs["version"], VERSION);

    // Asked for: built even though the release server is never asked.
    std::fs::remove_file(&calls).expect("reset");
    let asked = install(
        &dir,
        "http://127.0.0.1:9/nothing-listens-here",
        &[
            ("STAND_IN", stand_in.as_str()),
            ("INPUT_BUILD_FROM_SOURCE", "true"),
        ],
        Some(bin.as_path()),
    );
    assert_eq!(asked.code, 0, "{}", asked.stderr);
    assert!(calls.exists(), "cargo install ran");

    // Another version without a release: refused, nothing built.
    std::fs::remove_file(&calls).expect("reset");
    let other = install(
        &dir,
        &server.url,
        &[("STAND_IN", stand_in.as_str()), ("INPUT_VERSION", "99.0.0")],
        Some(bin.as_path()),
    );
    assert_eq!(other.code, 1, "{}", other.stderr);
    support::assert_contains(&other.stderr, "no release binary of v99.0.0");
    assert!(!calls.exists(), "cargo was not called");
    drop(server);
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

/// The audit step with an empty fail-on input passes no --fail-on, so the config file's
/// `fail-on` decides; a fail-on input overrides it.
#[tokio::test]
async fn an_empty_fail_on_input_leaves_the_config_files_fail_on() {
    let server = LocalIam::start();
    seed::weak_account(&server.iam()).await.expect("seed");
    let dir = temp_dir("action-fail-on");
    std::fs::write(dir.join("iam-harden.toml"), "fail-on = \"none\"\n").expect("config");
    let run_step = |fail_on: &str| {
        let mut command = action_audit_step(&dir, &server.endpoint);
        command
            .env("INPUT_FORMAT", "json")
            .env("INPUT_FAIL_ON", fail_on)
            .env("INPUT_CONFIG", "iam-harden.toml")
            .env("INPUT_ALL", "false")
            .env("INPUT_CHECKS", "")
            .env("INPUT_OUTPUT", "")
            .stdin(Stdio::null());
        Run::of(command)
    };

    let from_config = run_step("");
    assert_eq!(
        from_config.code, 0,
        "the config's fail-on = \"none\" applies: {}",
        from_config.stderr
    );
    let report = from_config.json();
    assert!(
        report["summary"]["fail"].as_u64().unwrap_or(0) > 0,
        "orange items, yet exit 0: {report}"
    );
    assert_eq!(github_outputs(&dir.join("github-output"))["exit-code"], "0");

    let from_input = run_step("low");
    assert_eq!(from_input.code, 1, "the input wins: {}", from_input.stderr);
    assert_eq!(github_outputs(&dir.join("github-output"))["exit-code"], "1");
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

/// The sweep, quiet, summary and args inputs reach the audit as their flags.
#[tokio::test]
async fn the_audit_step_passes_sweep_quiet_summary_and_args_inputs() {
    let server = LocalIam::start();
    seed::weak_account(&server.iam()).await.expect("seed");
    let dir = temp_dir("action-inputs");
    let run_step = |inputs: &[(&str, &str)]| {
        let mut command = action_audit_step(&dir, &server.endpoint);
        command
            .env("INPUT_FORMAT", "table")
            .env("INPUT_OUTPUT", "")
            .envs(inputs.iter().copied())
            .stdin(Stdio::null());
        Run::of(command)
    };
    let sweep = run_step(&[
        ("INPUT_ACCOUNTS", support::ACCOUNT_ID),
        ("INPUT_ROLE_NAME", "iam-harden-audit"),
        ("INPUT_QUIET", "true"),
        ("INPUT_SUMMARY", "false"),
        ("INPUT_ARGS", "--timeout\n30\n"),
    ]);
    assert_eq!(sweep.code, 1, "{}\n{}", sweep.stdout, sweep.stderr);
    assert!(
        sweep.stdout.contains("across accounts") && sweep.stdout.contains(support::ACCOUNT_ID),
        "a sweep of the listed account: {}",
        sweep.stdout
    );
    assert!(
        !dir.join("step-summary.md").exists(),
        "summary: false leaves the job summary alone"
    );
    let bad = run_step(&[("INPUT_QUIET", "yes")]);
    assert_eq!(bad.code, 2);
    support::assert_contains(&bad.stderr, "quiet must be true or false");
}
