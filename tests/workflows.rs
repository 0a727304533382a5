//! The repository's own GitHub workflows and composite action, through the linters security
//! reviewers run on them: actionlint (with ShellCheck on every `run:` script), zizmor
//! (offline, low severity and up) and the GitHub workflow and action JSON schemas
//! (check-jsonschema's vendored copies); the Dockerfile through hadolint, the action's shell
//! scripts through ShellCheck; and the release cargo-dist would make (`dist plan`, offline).
//! All pinned in scripts/requirements-test.txt and installed into .venv by scripts/test.

mod support;

use std::path::PathBuf;
use std::process::Command;

use support::repo_root;

fn tool(name: &str) -> Command {
    let path = repo_root().join(".venv/bin").join(name);
    assert!(
        path.exists(),
        "{} is missing: run scripts/local-iam install-test (scripts/test does)",
        path.display()
    );
    let mut command = Command::new(path);
    command.current_dir(repo_root());
    command
}

fn workflows() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo_root().join(".github/workflows"))
        .expect("workflows")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    files
}

fn passes(mut command: Command) {
    let output = command.output().expect("run the linter");
    assert!(
        output.status.success(),
        "{command:?}\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn actionlint_reports_nothing() {
    let mut command = tool("actionlint");
    // The pinned ShellCheck, not whichever one is on PATH (or none).
    command
        .arg("-shellcheck")
        .arg(repo_root().join(".venv/bin/shellcheck"));
    command.args(workflows());
    passes(command);
}

#[test]
fn zizmor_reports_nothing_at_low_severity_or_above() {
    let mut command = tool("zizmor");
    command.args(["--offline", "--min-severity", "low", "."]);
    passes(command);
}

#[test]
fn the_action_and_workflows_match_githubs_schemas() {
    let mut action = tool("check-jsonschema");
    action.args(["--builtin-schema", "vendor.github-actions", "action.yml"]);
    passes(action);
    let mut workflows_check = tool("check-jsonschema");
    workflows_check
        .args(["--builtin-schema", "vendor.github-workflows"])
        .args(workflows());
    passes(workflows_check);
}

#[test]
fn hadolint_reports_nothing_on_the_dockerfile() {
    let mut command = tool("hadolint");
    command.arg("Dockerfile");
    passes(command);
}

#[test]
fn shellcheck_reports_nothing_on_the_actions_scripts() {
    let mut command = tool("shellcheck");
    command.args(["scripts/action-install", "scripts/action-audit"]);
    passes(command);
}

/// Every action a workflow or action.yml uses is pinned to a full commit, its version in a
/// comment (`uses: owner/name@<40 hex> # v1.2.3`); only the repository's own may go unpinned.
#[test]
fn every_action_is_pinned_by_commit_with_its_version() {
    let mut files = workflows();
    files.push(repo_root().join("action.yml"));
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        for (number, line) in text.lines().enumerate() {
            let Some((_, rest)) = line.split_once("uses: ") else {
                continue;
            };
            if rest.starts_with("./") || rest.starts_with("$/") {
                continue;
            }
            let pinned = rest.split_once('@').is_some_and(|(_, after)| {
                let (commit, comment) = after.split_at(after.len().min(40));
                commit.len() == 40
                    && commit.bytes().all(|b| b.is_ascii_hexdigit())
                    && comment
                        .strip_prefix(" # ")
                        .is_some_and(|v| !v.trim().is_empty())
            });
            assert!(
                pinned,
                "{}:{}: {line:?} is not `owner/name@<commit> # <version>`",
                file.display(),
                number + 1
            );
        }
    }
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo_root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// What a release of this version would contain, planned by cargo-dist offline: for each
/// target its archive (what the Action and `cargo binstall` download) with a .sha256, the
/// installers and sha256.sum (what the Action verifies against), with attestations; and the
/// dist that plans it is the one the release workflow installs.
#[test]
fn dist_plans_the_release_offline() {
    let mut command = tool("dist");
    command.args(["plan", "--output-format=json"]);
    let output = command.output().expect("run dist plan");
    assert!(
        output.status.success(),
        "dist plan\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let plan: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON plan");
    assert_eq!(
        plan["announcement_tag"],
        format!("v{}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(plan["github_attestations"], true);
    let artifacts = plan["artifacts"].as_object().expect("artifacts");
    for target in [
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        let suffix = if target.contains("windows") {
            "zip"
        } else {
            "tar.xz"
        };
        let archive = format!("iam-harden-{target}.{suffix}");
        let artifact = artifacts
            .get(&archive)
            .unwrap_or_else(|| panic!("no {archive} in {:?}", artifacts.keys()));
        assert_eq!(artifact["checksum"], format!("{archive}.sha256"));
        // Completions and man pages ship in every archive.
        let assets: Vec<&str> = artifact["assets"]
            .as_array()
            .expect("assets")
            .iter()
            .filter_map(|a| a["name"].as_str())
            .collect();
        assert!(
            assets.contains(&"completions") && assets.contains(&"man"),
            "{archive}: {assets:?}"
        );
        assert!(
            artifacts.contains_key(&format!("{archive}.sha256")),
            "{archive}"
        );
    }
    for name in [
        "iam-harden-installer.sh",
        "iam-harden-installer.ps1",
        "sha256.sum",
    ] {
        assert!(artifacts.contains_key(name), "no {name}");
    }

    // One dist version: the one planning here, the config's and the release workflow's.
    let version = plan["dist_version"].as_str().expect("dist_version");
    let config: toml::Table = toml::from_str(&read("dist-workspace.toml")).expect("TOML");
    let dist = config["dist"].as_table().expect("[dist]");
    assert_eq!(dist["cargo-dist-version"].as_str(), Some(version));
    let release = read(".github/workflows/release.yml");
    assert!(
        release.contains(&format!("cargo-dist/releases/download/v{version}/")),
        "release.yml installs dist {version}"
    );
    // The commits dist would write are the ones release.yml uses.
    for (action, commit) in dist["github-action-commits"]
        .as_table()
        .expect("github-action-commits")
    {
        let pin = format!("{action}@{}", commit.as_str().expect("commit"));
        assert!(release.contains(&pin), "release.yml uses {pin}");
    }
}
