//! The commands that describe the tool itself: completions, man page, version, checks and
//! explain. Run as the built binary; no AWS involved.

mod support;

use std::io::Write;
use std::process::{Command, Stdio};

use support::{Run, binary};

fn run(args: &[&str]) -> Run {
    let mut command = binary();
    command.args(args);
    Run::of(command)
}

#[test]
fn bash_completion_loads_and_offers_the_subcommands() {
    let script = run(&["completions", "bash"]);
    assert_eq!(script.code, 0, "{}", script.stderr);
    let mut bash = Command::new("bash")
        .arg("-n")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bash");
    bash.stdin
        .take()
        .expect("stdin")
        .write_all(script.stdout.as_bytes())
        .expect("write");
    let checked = bash.wait_with_output().expect("bash -n");
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    for subcommand in [
        "audit",
        "fix",
        "checks",
        "explain",
        "permissions",
        "completions",
    ] {
        assert!(script.stdout.contains(subcommand), "{subcommand} offered");
    }
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let other = run(&["completions", shell]);
        assert_eq!(other.code, 0, "{shell}");
        assert!(other.stdout.contains("explain"), "{shell}");
    }
}

#[test]
fn the_man_page_is_roff_and_renders() {
    let page = run(&["man"]);
    assert_eq!(page.code, 0, "{}", page.stderr);
    assert!(
        page.stdout.contains(".TH iam-harden"),
        "a roff title header"
    );
    // Where man exists, it renders the page; where it does not, the roff is all we can check.
    if Command::new("man")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        let dir = support::temp_dir("man");
        let path = dir.join("iam-harden.1");
        std::fs::write(&path, &page.stdout).expect("write");
        let rendered = Command::new("man")
            .arg("-l")
            .arg(&path)
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .output()
            .expect("man -l");
        assert!(rendered.status.success());
        assert!(String::from_utf8_lossy(&rendered.stdout).contains("audit"));
    }
}

/// Every page a page refers to (`iam-harden-audit(1)`, ...) is among those `man --dir`
/// writes.
#[test]
fn every_man_page_named_exists() {
    let dir = support::temp_dir("man-pages");
    let written = run(&["man", "--dir", dir.to_str().expect("utf-8")]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    let pages: Vec<String> = std::fs::read_dir(&dir)
        .expect("pages")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(pages.contains(&"iam-harden.1".to_string()), "{pages:?}");
    assert!(
        pages.contains(&"iam-harden-audit.1".to_string()),
        "{pages:?}"
    );
    for page in &pages {
        let text = std::fs::read_to_string(dir.join(page)).expect("page");
        // A page names others as `iam\-harden\-audit(1)`.
        let named: Vec<String> = text
            .split_whitespace()
            .filter_map(|word| word.strip_suffix("(1)"))
            .map(|name| {
                name.replace("\\fB", "")
                    .replace("\\fR", "")
                    .replace("\\-", "-")
            })
            .collect();
        if page == "iam-harden.1" {
            assert!(named.iter().any(|n| n == "iam-harden-audit"), "{named:?}");
        }
        for name in named {
            let file = format!("{name}.1");
            assert!(
                pages.contains(&file),
                "{page} names {file}, which does not exist"
            );
        }
    }
}

#[test]
fn version_names_the_commit() {
    let version = run(&["--version"]);
    assert_eq!(version.code, 0);
    let head = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(support::repo_root())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".into());
    assert_eq!(
        version.stdout.trim(),
        format!("iam-harden {} (commit {head})", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn checks_lists_and_explain_describes() {
    let five = run(&["checks", "--format", "json"]);
    let five: serde_json::Value = serde_json::from_str(&five.stdout).expect("json");
    assert_eq!(five.as_array().map(Vec::len), Some(5));
    let all = run(&["checks", "--all", "--format", "json"]);
    let all: serde_json::Value = serde_json::from_str(&all.stdout).expect("json");
    assert_eq!(all.as_array().map(Vec::len), Some(25));
    assert_eq!(all[1]["id"], "root-mfa");
    assert_eq!(all[1]["security_hub"], serde_json::json!(["IAM.9"]));
    let table = run(&["checks"]);
    assert!(table.stdout.lines().count() == 5, "{}", table.stdout);
    let refused = run(&["checks", "--format", "sarif"]);
    assert_eq!(refused.code, 2);

    let explained = run(&["explain", "root-mfa"]);
    assert_eq!(explained.code, 0, "{}", explained.stderr);
    for part in [
        "Activate MFA on your root account (root-mfa)",
        "Green when: the root user has MFA",
        "AccountSummary: iam:GetAccountSummary",
        "Fix: iam-harden fix root-mfa",
    ] {
        assert!(
            explained.stdout.contains(part),
            "{part} in {}",
            explained.stdout
        );
    }
    // The checklist's password item names the controls that judge its parts.
    let password = run(&["explain", "password-policy"]);
    assert!(
        password.stdout.contains(
            "See also: password-length (Require passwords of at least 14 characters; CIS: 1.7; Security Hub: IAM.15)"
        ) && password.stdout.contains("See also: password-strength (Require strong passwords; CIS: –; Security Hub: IAM.7)"),
        "{}",
        password.stdout
    );
    let unknown = run(&["explain", "mfa"]);
    assert_eq!(unknown.code, 2);
    assert_eq!(unknown.stderr.lines().count(), 1, "{}", unknown.stderr);
}

/// The release archives carry `share/completions/` and `share/man/` (dist-workspace.toml's
/// `include`): each file is what this binary prints now. `SHARE_UPDATE=1` rewrites them.
#[test]
fn shipped_completions_and_man_pages_are_the_binarys() {
    let update = std::env::var_os("SHARE_UPDATE").is_some_and(|v| v == "1");
    let share = support::repo_root().join("share");
    let mut expected: Vec<(std::path::PathBuf, Vec<u8>)> = Vec::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = run(&["completions", shell]);
        assert_eq!(script.code, 0, "{}", script.stderr);
        expected.push((
            share.join(format!("completions/iam-harden.{shell}")),
            script.stdout.into_bytes(),
        ));
    }
    let dir = support::temp_dir("share-man");
    assert_eq!(run(&["man", "--dir", dir.to_str().expect("utf-8")]).code, 0);
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .expect("pages")
        .map(|e| e.expect("entry").path())
        .collect();
    pages.sort();
    for page in pages {
        let name = page.file_name().expect("name").to_owned();
        expected.push((
            share.join("man").join(name),
            std::fs::read(&page).expect("page"),
        ));
    }
    let mut stale = Vec::new();
    for (path, bytes) in &expected {
        if std::fs::read(path).ok().as_deref() != Some(bytes.as_slice()) {
            stale.push(path.display().to_string());
            if update {
                std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
                std::fs::write(path, bytes).expect("write");
            }
        }
    }
    let shipped = std::fs::read_dir(share.join("man"))
        .expect("share/man")
        .count();
    assert!(
        update || (stale.is_empty() && shipped == expected.len() - 5),
        "not the binary's output (SHARE_UPDATE=1 rewrites them): {stale:?}, {shipped} man pages"
    );
}
