//! The repository's own GitHub workflows and composite action, through the linters security
//! reviewers run on them: actionlint, zizmor (offline, low severity and up) and the GitHub
//! workflow and action JSON schemas (check-jsonschema's vendored copies). All pinned in
//! scripts/requirements-test.txt and installed into .venv by scripts/test.

mod support;

use std::path::PathBuf;
use std::process::Command;

use support::repo_root;

fn tool(name: &str) -> Command {
    let path = repo_root().join(".venv/bin").join(name);
    assert!(
        path.exists(),
        "{} is missing: run scripts/local-iam install (scripts/test does)",
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
