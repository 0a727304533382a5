//! The docs' example outputs are the binary's own: every fenced block in README.md and docs/
//! that starts with `$ iam-harden ...` follows a `<!-- example: NAME -->` line naming how the
//! sample account is set up, and its body is what that command prints (stdout and stderr, as
//! a terminal-less run shows them) against the local IAM server. A block that differs fails
//! the test; `DOCS_UPDATE=1 cargo test --test docs` writes the binary's output into the docs
//! (review the diff). A block without its `example` line fails too, so no example goes
//! unchecked.

mod support;

use std::path::{Path, PathBuf};

use support::{LocalIam, binary, repo_root, seed, temp_dir, with_test_credentials};

/// One example block: where it is, how its account is set up, its command and its body.
struct Example {
    file: PathBuf,
    name: String,
    args: Vec<String>,
    /// Byte range of the body (the lines after the `$` line, up to the closing fence).
    body: std::ops::Range<usize>,
}

fn markdown_files() -> Vec<PathBuf> {
    let root = repo_root();
    let mut files = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .expect("docs/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

fn examples(file: &Path) -> Vec<Example> {
    let text = std::fs::read_to_string(file).expect("read");
    let mut found = Vec::new();
    let mut offset = 0;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let next = lines.get(i + 1).copied().unwrap_or_default();
        if line.starts_with("```") && next.starts_with("$ iam-harden") {
            let name = i
                .checked_sub(1)
                .and_then(|p| lines[p].trim().strip_prefix("<!-- example: "))
                .and_then(|rest| rest.strip_suffix(" -->"))
                .unwrap_or_else(|| {
                    panic!(
                        "{}:{}: an example without `<!-- example: NAME -->` above it",
                        file.display(),
                        i + 1
                    )
                })
                .to_string();
            let args = next
                .trim()
                .trim_start_matches("$ iam-harden")
                .split_whitespace()
                .map(str::to_string)
                .collect();
            let start = offset + line.len() + next.len();
            let mut end = start;
            let mut j = i + 2;
            while j < lines.len() && !lines[j].starts_with("```") {
                end += lines[j].len();
                j += 1;
            }
            found.push(Example {
                file: file.to_path_buf(),
                name,
                args,
                body: start..end,
            });
            for skipped in &lines[i..j] {
                offset += skipped.len();
            }
            i = j;
            continue;
        }
        offset += line.len();
        i += 1;
    }
    found
}

/// Set up the sample account (and the working directory's files) an example names.
async fn set_up(server: &LocalIam, name: &str, dir: &Path) {
    server.control("/moto-api/reset", "");
    let iam = server.iam();
    match name {
        "weak" => seed::weak_account(&iam).await.expect("seed"),
        "empty" => {}
        "config-error" => {
            seed::weak_account(&iam).await.expect("seed");
            std::fs::write(
                dir.join("iam-harden.toml"),
                "fail-on = \"medium\"\n\n[password-policy]\nmin-length = 200\n",
            )
            .expect("config");
        }
        other => panic!("no set-up called {other:?}: add it to tests/docs.rs"),
    }
}

/// The command as a person without a terminal sees it: stdout and stderr in one stream.
fn output(server: &LocalIam, dir: &Path, args: &[String]) -> String {
    let (mut reader, writer) = std::io::pipe().expect("pipe");
    let mut command = binary();
    with_test_credentials(&mut command)
        .current_dir(dir)
        .args(["--endpoint-url", &server.endpoint])
        .args(args)
        .stdout(writer.try_clone().expect("pipe"))
        .stderr(writer);
    let mut child = command.spawn().expect("run");
    // The parent's ends of the pipe went into `command`: drop it so the reader sees EOF.
    drop(command);
    let mut text = String::new();
    std::io::Read::read_to_string(&mut reader, &mut text).expect("read");
    child.wait().expect("wait");
    text
}

#[tokio::test]
async fn every_example_output_is_the_binarys() {
    let update = std::env::var_os("DOCS_UPDATE").is_some_and(|v| v == "1");
    let server = LocalIam::start();
    let mut stale = Vec::new();
    let mut checked = 0;
    for file in markdown_files() {
        let mut text = std::fs::read_to_string(&file).expect("read");
        // From the end, so that earlier ranges stay valid while rewriting.
        for example in examples(&file).into_iter().rev() {
            let dir = temp_dir(&format!("docs-{checked}"));
            set_up(&server, &example.name, &dir).await;
            let printed = output(&server, &dir, &example.args);
            checked += 1;
            if text[example.body.clone()] != printed {
                stale.push(format!(
                    "{} (iam-harden {}):\n--- the docs\n{}--- the binary\n{}",
                    example.file.display(),
                    example.args.join(" "),
                    &text[example.body.clone()],
                    printed
                ));
                text.replace_range(example.body.clone(), &printed);
            }
        }
        if update {
            std::fs::write(&file, &text).expect("update");
        }
    }
    assert!(checked >= 8, "only {checked} examples found");
    assert!(
        update || stale.is_empty(),
        "{} examples differ from the binary's output (DOCS_UPDATE=1 writes it):\n\n{}",
        stale.len(),
        stale.join("\n")
    );
}
