//! What a person sees: the built binary in a pseudo-terminal of a fixed size (80×24 and
//! 200×50) against the local IAM server, its bytes rendered by a terminal emulator (`vt100`)
//! into the screen, compared with reviewed snapshots (`insta`, in `tests/snapshots/`). A
//! changed screen fails until its snapshot is updated on purpose
//! (`INSTA_UPDATE=always cargo test --test screens`, then review the diff).

mod support;

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};
use support::{LocalIam, binary, binary_for_terminal, seed, with_test_credentials};

const TIMEOUT_MS: u64 = 30_000;
const SIZES: [(u16, u16); 2] = [(24, 80), (50, 200)];
const DOWN: &str = "\x1b[B";

/// One run of the binary in a terminal of `rows` × `cols`, every byte it wrote kept.
struct Terminal {
    session: PtySession,
    bytes: Vec<u8>,
    rows: u16,
    cols: u16,
}

impl Terminal {
    fn start(server: Option<&LocalIam>, (rows, cols): (u16, u16), args: &[&str]) -> Self {
        Self::start_with(server, (rows, cols), args, &[])
    }

    fn start_with(
        server: Option<&LocalIam>,
        (rows, cols): (u16, u16),
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Self {
        // The terminal's size is set from inside, as a terminal emulator sets it, before the
        // tool starts and asks for it.
        let mut command = binary_for_terminal();
        command
            .env("TERM", "xterm-256color")
            .envs(env.iter().copied())
            .env_remove("COLUMNS")
            .env_remove("LINES");
        if server.is_some() {
            with_test_credentials(&mut command);
        }
        let program = command.get_program().to_owned();
        let mut shell = std::process::Command::new("bash");
        shell
            .arg("-c")
            .arg(format!("stty rows {rows} cols {cols}; exec \"$0\" \"$@\""))
            .arg(program);
        if let Some(server) = server {
            shell.args(["--endpoint-url", &server.endpoint]);
        }
        shell.args(args);
        for (key, value) in command.get_envs() {
            match value {
                Some(value) => shell.env(key, value),
                None => shell.env_remove(key),
            };
        }
        let session = spawn_command(shell, Some(TIMEOUT_MS)).expect("spawn in a terminal");
        Terminal {
            session,
            bytes: Vec::new(),
            rows,
            cols,
        }
    }

    /// The reader hands back each byte as one `char`: undo that.
    fn keep(&mut self, text: &str) {
        self.bytes.extend(text.chars().map(|c| c as u32 as u8));
    }

    fn expect(&mut self, text: &str) {
        let before = self
            .session
            .exp_string(text)
            .unwrap_or_else(|e| panic!("waiting for {text:?}: {e}\n{}", self.screen()));
        self.keep(&before);
        self.keep(text);
    }

    /// Take in what the program wrote after the awaited text (the rest of a prompt),
    /// once it has been quiet for a moment.
    fn settle(&mut self) {
        loop {
            std::thread::sleep(std::time::Duration::from_millis(300));
            let mut read = String::new();
            while let Some(c) = self.session.try_read() {
                read.push(c);
            }
            if read.is_empty() {
                return;
            }
            self.keep(&read);
        }
    }

    /// Type once the prompt is reading (keys that arrive before it switches the terminal
    /// to raw mode are lost).
    fn send(&mut self, keys: &str) {
        std::thread::sleep(std::time::Duration::from_millis(500));
        self.session.send(keys).expect("type");
        self.session.flush().expect("flush");
    }

    fn finish(&mut self) -> i32 {
        let rest = self.session.exp_eof().expect("the run ends");
        self.keep(&rest);
        match self.session.process().wait().expect("wait") {
            WaitStatus::Exited(_, code) => code,
            other => panic!("did not exit normally: {other:?}"),
        }
    }

    fn parser(&self) -> vt100::Parser {
        let size = |n: u16| std::num::NonZeroU16::new(n).expect("a terminal has a size");
        let mut parser = vt100::Parser::new(size(self.rows), size(self.cols), 0);
        parser.process(&self.bytes);
        parser
    }

    /// The screen as a person sees it now: its rows (trailing blanks trimmed), and whether
    /// the cursor is hidden.
    fn screen(&self) -> String {
        let parser = self.parser();
        let screen = parser.screen();
        let mut rows: Vec<String> = screen
            .rows(0, self.cols)
            .map(|row| row.trim_end().to_string())
            .collect();
        while rows.last().is_some_and(|r| r.is_empty()) {
            rows.pop();
        }
        let mut text = rows.join("\n");
        if screen.hide_cursor() {
            text.push_str("\n[cursor hidden]");
        }
        text
    }
}

fn snapshot(name: &str, terminal: &mut Terminal) {
    terminal.settle();
    let screen = terminal.screen();
    snapshot_screen(name, terminal, screen);
}

fn snapshot_screen(name: &str, terminal: &Terminal, screen: String) {
    insta::with_settings!({
        snapshot_suffix => format!("{}x{}", terminal.cols, terminal.rows),
        prepend_module_to_snapshot => false,
        omit_expression => true,
        // What differs from run to run: an MFA seed and its QR code.
        filters => vec![
            (r"(?m)^ *[█▀▄][█▀▄ ]*$", "[QR code row]"),
            (r"(?m)^[A-Z2-7]{16,}$", "[SEED]"),
        ],
    }, {
        insta::assert_snapshot!(name, screen);
    });
}

#[tokio::test]
async fn audit_of_a_weak_and_a_green_account() {
    let server = LocalIam::start();
    seed::weak_account(&server.iam()).await.expect("seed");
    for size in SIZES {
        let mut t = Terminal::start(Some(&server), size, &["audit"]);
        assert_eq!(t.finish(), 1);
        snapshot("audit-weak", &mut t);
    }
    server.control("/moto-api/reset", "");
    seed::hardened_account(&server.iam()).await.expect("seed");
    for size in SIZES {
        let mut t = Terminal::start(Some(&server), size, &["audit"]);
        t.finish();
        snapshot("audit-green", &mut t);
    }
}

#[tokio::test]
async fn audit_all_of_a_weak_account() {
    let server = LocalIam::start();
    seed::weak_account(&server.iam()).await.expect("seed");
    for size in SIZES {
        let mut t = Terminal::start(Some(&server), size, &["audit", "--all"]);
        // root-recent-use cannot be decided on the local server.
        assert_eq!(t.finish(), 2);
        snapshot("audit-all-weak", &mut t);
    }
}

const ROLE: &str = "iam-harden-audit";

/// A sweep of three accounts: ids and check numbers whole, the alias on the account's row,
/// at 80 columns too, and in a CI log.
#[tokio::test]
async fn audit_org_matrix() {
    let server = LocalIam::start();
    let audited = support::audited_organization(&server.endpoint, 2, ROLE, support::ACCOUNT_ID)
        .await
        .expect("organization");
    for (i, (_, iam)) in audited.iter().enumerate() {
        match i {
            0 => seed::weak_account(iam).await.expect("weak"),
            _ => seed::hardened_account(iam).await.expect("hardened"),
        }
    }
    let members: Vec<String> = audited.into_iter().map(|(id, _)| id).collect();
    for size in SIZES {
        for (name, args) in [
            ("audit-org", &["audit", "--org", "--role-name", ROLE][..]),
            (
                "audit-org-all",
                &["audit", "--org", "--role-name", ROLE, "--all"][..],
            ),
        ] {
            let mut t = Terminal::start(Some(&server), size, args);
            t.finish();
            // The member accounts' ids are new each run: named by what they hold, and the
            // rows (in id order on screen) sorted by those names.
            let mut screen = t
                .screen()
                .replace(&members[0], "MEMBER-WEAK0")
                .replace(&members[1], "MEMBER-GREEN");
            screen = sort_account_rows(&screen);
            snapshot_screen(name, &t, screen);
        }
    }
    let mut command = binary();
    with_test_credentials(&mut command)
        .args(["--endpoint-url", &server.endpoint])
        .args(["audit", "--org", "--role-name", ROLE, "--all"]);
    let output = command.output().expect("run");
    let text = String::from_utf8_lossy(&output.stdout);
    for id in members
        .iter()
        .map(String::as_str)
        .chain([support::ACCOUNT_ID])
    {
        assert!(text.contains(id), "{id} is not whole in a CI log:\n{text}");
    }
    assert!(!text.contains('\x1b'), "escapes in a CI log:\n{text}");
}

/// Each run of consecutive matrix rows (lines that start with an account) sorted.
fn sort_account_rows(screen: &str) -> String {
    let is_row = |line: &str| line.starts_with("MEMBER-") || line.starts_with(support::ACCOUNT_ID);
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for line in screen.lines().chain([""]) {
        if is_row(line) {
            run.push(line);
            continue;
        }
        run.sort();
        out.extend(run.drain(..).map(str::to_string));
        out.push(line.to_string());
    }
    out.pop();
    out.join("\n")
}

#[tokio::test]
async fn explain_a_check() {
    for size in SIZES {
        let mut t = Terminal::start(None, size, &["explain", "groups"]);
        assert_eq!(t.finish(), 0);
        snapshot("explain-groups", &mut t);
    }
}

/// The guides of the fixes that AWS allows only in the console: their own line breaks.
#[tokio::test]
async fn guided_fixes_keep_their_lines() {
    let server = LocalIam::start();
    seed::weak_account(&server.iam()).await.expect("seed");
    for size in SIZES {
        let mut t = Terminal::start(Some(&server), size, &["fix", "root-mfa"]);
        t.finish();
        snapshot("fix-root-mfa", &mut t);
        let mut t = Terminal::start(Some(&server), size, &["fix", "groups", "--dry-run"]);
        assert_eq!(t.finish(), 1);
        snapshot("fix-groups-dry-run", &mut t);
    }
}

/// Accepting the baseline: the plan, then the write confirmation, answered yes.
#[tokio::test]
async fn fix_password_policy_accepting_the_baseline() {
    let server = LocalIam::start();
    for size in SIZES {
        server.control("/moto-api/reset", "");
        let mut t = Terminal::start(Some(&server), size, &["fix", "password-policy"]);
        t.expect("Adjust the values");
        t.send("\r");
        t.expect("Write this password policy?");
        snapshot("fix-password-policy-confirm", &mut t);
        t.send("y\r");
        t.expect("password-policy is green");
        assert_eq!(t.finish(), 0);
    }
}

/// Enter alone at the write confirmation writes nothing: the default is No.
#[tokio::test]
async fn enter_alone_at_the_write_confirmation_writes_nothing() {
    let server = LocalIam::start();
    for size in SIZES {
        let mut t = Terminal::start(Some(&server), size, &["fix", "password-policy"]);
        t.expect("Adjust the values");
        t.send("\r");
        t.expect("Write this password policy?");
        t.send("\r");
        t.expect("Nothing was changed.");
        assert_eq!(t.finish(), 1);
        snapshot("fix-password-policy-enter", &mut t);
    }
    assert!(
        support::password_policy(&server.iam()).await.is_none(),
        "no policy was written"
    );
}

/// Values adjusted below the baseline are marked in the plan and named in the question.
#[tokio::test]
async fn values_below_the_baseline_are_shown_before_the_write() {
    let server = LocalIam::start();
    for size in SIZES {
        let mut t = Terminal::start(Some(&server), size, &["fix", "password-policy"]);
        t.expect("Adjust the values");
        t.send(DOWN);
        t.send("\r");
        t.expect("Minimum length");
        t.send("\x158\r");
        t.expect("Passwords to remember");
        t.send("\x15\x151\r");
        for _ in 0..5 {
            t.expect("?");
            t.send("\r");
        }
        t.expect("anyway?");
        snapshot("fix-password-policy-below-baseline", &mut t);
        t.send("n\r");
        assert_eq!(t.finish(), 1);
    }
}

/// Values adjusted above the baseline: the plan shows them, no warning, and the write.
#[tokio::test]
async fn values_above_the_baseline_are_written() {
    let server = LocalIam::start();
    let mut t = Terminal::start(Some(&server), SIZES[0], &["fix", "password-policy"]);
    t.expect("Adjust the values");
    t.send(DOWN);
    t.send("\r");
    t.expect("Minimum length");
    t.send("\x15\x1520\r");
    t.expect("Passwords to remember");
    t.send("\r");
    for _ in 0..5 {
        t.expect("?");
        t.send("\r");
    }
    t.expect("Write this password policy?");
    snapshot("fix-password-policy-above-baseline", &mut t);
    t.send("y\r");
    t.expect("password-policy is green");
    assert_eq!(t.finish(), 0);
    let policy = support::password_policy(&server.iam())
        .await
        .expect("present");
    assert_eq!(policy.minimum_password_length(), Some(20));
}

/// Ctrl-C at each kind of prompt: exit 130, nothing written, the cursor shown again.
#[tokio::test]
async fn ctrl_c_at_a_prompt_restores_the_terminal() {
    let server = LocalIam::start();
    // (name, keys to reach the prompt, the prompt)
    let prompts: [(&str, &[&str], &str); 3] = [
        ("select", &[], "Adjust the values"),
        ("input", &[DOWN, "\r"], "Minimum length"),
        ("confirm", &["\r"], "Write this password policy?"),
    ];
    for (name, keys, prompt) in prompts {
        let mut t = Terminal::start(Some(&server), SIZES[0], &["fix", "password-policy"]);
        t.expect("Adjust the values");
        for key in keys {
            t.send(key);
        }
        if !keys.is_empty() {
            t.expect(prompt);
        }
        t.send("\x03");
        assert_eq!(t.finish(), 130, "Ctrl-C at the {name} prompt");
        snapshot(&format!("fix-password-policy-ctrl-c-{name}"), &mut t);
    }
    assert!(
        support::password_policy(&server.iam()).await.is_none(),
        "no policy was written"
    );
}

/// Errors a new user meets first: one line each.
#[tokio::test]
async fn first_errors_are_one_line() {
    for size in SIZES {
        let mut t = Terminal::start(None, size, &["audit"]);
        assert_eq!(t.finish(), 2);
        snapshot("error-no-credentials", &mut t);
        let mut t = Terminal::start(None, size, &["--profile", "nonexistent", "audit"]);
        assert_eq!(t.finish(), 2);
        snapshot("error-unknown-profile", &mut t);
    }
}

/// Without a terminal (a CI log): no colour, and the account id and ARNs whole on a line.
#[tokio::test]
async fn a_ci_log_keeps_ids_whole_and_has_no_escapes() {
    let server = LocalIam::start();
    seed::weak_account(&server.iam()).await.expect("seed");
    let cases: [(&[&str], &[&str]); 3] = [
        (&["audit"], &["123456789012"]),
        (
            &["audit", "--all"],
            &["123456789012", "arn:aws:iam::aws:policy/AWSSupportAccess"],
        ),
        (
            &["fix", "groups", "--dry-run"],
            &[
                "arn:aws:iam::aws:policy/AdministratorAccess",
                "arn:aws:sts::123456789012:user/moto",
            ],
        ),
    ];
    for (args, whole) in cases {
        let mut command = binary();
        with_test_credentials(&mut command)
            .args(["--endpoint-url", &server.endpoint])
            .args(args);
        let output = command.output().expect("run");
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(
            !text.contains('\x1b'),
            "{args:?}: escapes in a log:\n{text}"
        );
        for id in whole {
            assert!(
                text.contains(id),
                "{args:?}: {id} is not whole on a line:\n{text}"
            );
        }
    }
}

/// MFA enrolment up to the first code: the QR code and its prompt on one 80×24 screen; Ctrl-C
/// at the code prompts ends with 130 and leaves no device behind.
#[tokio::test]
async fn fix_user_mfa_fits_the_screen_and_ctrl_c_leaves_nothing() {
    let server = LocalIam::start();
    seed::weak_account(&server.iam()).await.expect("seed");
    for size in SIZES {
        let mut t = Terminal::start(Some(&server), size, &["fix", "user-mfa", "--user", "alice"]);
        t.expect("now?");
        t.send("y\r");
        t.expect("First code");
        snapshot("fix-user-mfa-first-code", &mut t);
        t.send("123456\r");
        t.expect("Next code");
        t.send("\x03");
        assert_eq!(t.finish(), 130, "Ctrl-C at the next code");
        snapshot("fix-user-mfa-ctrl-c", &mut t);
    }
    let devices = server
        .iam()
        .list_virtual_mfa_devices()
        .send()
        .await
        .expect("devices");
    assert!(
        devices.virtual_mfa_devices().is_empty(),
        "no device is left"
    );
}

/// `-q`: only what is orange or undecided, and what fixes it.
#[tokio::test]
async fn quiet_shows_only_what_is_not_green() {
    let server = LocalIam::start();
    seed::weak_account(&server.iam()).await.expect("seed");
    let mut t = Terminal::start(Some(&server), SIZES[0], &["audit", "-q"]);
    assert_eq!(t.finish(), 1);
    snapshot("audit-quiet-weak", &mut t);
}

/// Flags that take a value can come from the environment, and `--help` says which.
#[tokio::test]
async fn flags_from_the_environment() {
    let server = LocalIam::start();
    seed::weak_account(&server.iam()).await.expect("seed");
    let run = |env: &[(&str, &str)], args: &[&str]| {
        let mut command = binary();
        with_test_credentials(&mut command)
            .args(["--endpoint-url", &server.endpoint])
            .args(args)
            .envs(env.iter().copied());
        command.output().expect("run")
    };
    let gate = run(&[("IAM_HARDEN_FAIL_ON", "none")], &["audit"]);
    assert_eq!(gate.status.code(), Some(0), "IAM_HARDEN_FAIL_ON=none");
    let json = run(&[("IAM_HARDEN_FORMAT", "json")], &["audit"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON on stdout");
    assert_eq!(report["schema_version"], 2);
    let help = run(&[], &["audit", "--help"]);
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("IAM_HARDEN_FAIL_ON"), "{help}");
}

/// `-v`: one line per AWS call on stderr (name, status, time, request id), and nothing of
/// what the calls carry.
#[tokio::test]
async fn verbose_logs_each_call_and_no_secret() {
    let server = LocalIam::start();
    seed::weak_account(&server.iam()).await.expect("seed");
    let dir = support::temp_dir("verbose");
    let credentials = dir.join("bob.txt");
    let mut command = binary();
    with_test_credentials(&mut command)
        .args(["--endpoint-url", &server.endpoint, "-v"])
        .args(["fix", "individual-users", "--user", "bob", "--yes"])
        .arg("--credentials-file")
        .arg(&credentials);
    let output = command.output().expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let calls: Vec<&str> = stderr.lines().filter(|l| l.starts_with("aws: ")).collect();
    assert!(
        calls
            .iter()
            .any(|l| l.starts_with("aws: CreateUser HTTP 200 in ")),
        "{stderr}"
    );
    assert!(
        calls
            .iter()
            .any(|l| l.starts_with("aws: GetCallerIdentity HTTP 200 in ")),
        "{stderr}"
    );
    let secret = std::fs::read_to_string(&credentials).unwrap_or_default();
    // The credentials file is CSV, as the IAM console writes it: the password is field 2.
    let password = secret
        .lines()
        .nth(1)
        .and_then(|row| row.split(',').nth(1))
        .expect("a password in the credentials file");
    assert!(!stderr.contains(password), "the password reached stderr");
    // Without -v (and RUST_LOG), no call is logged.
    let mut quiet = binary();
    with_test_credentials(&mut quiet).args(["--endpoint-url", &server.endpoint, "audit"]);
    let quiet = quiet.output().expect("run");
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("aws: "));
}

/// A silent endpoint: while the read waits, the terminal says what for (from 0.7 s on);
/// the run ends at --timeout with one line and the spinner cleared.
#[tokio::test]
async fn a_silent_endpoint_shows_a_spinner() {
    let server = LocalIam::start();
    let proxy = support::fault::Proxy::start(&server.endpoint);
    proxy.rules(&serde_json::json!([{ "action": "GetAccountSummary", "fault": "hang" }]));
    let mut t = Terminal::start_with(
        None,
        SIZES[0],
        &["--endpoint-url", &proxy.endpoint, "--timeout", "4", "audit"],
        &[
            ("AWS_ACCESS_KEY_ID", "testing"),
            ("AWS_SECRET_ACCESS_KEY", "testing"),
        ],
    );
    // Seen while the read still waits (it ends only at --timeout).
    t.expect("Reading the account at");
    assert_eq!(t.finish(), 2);
    let screen = t.screen();
    assert!(screen.contains("did not answer"), "{screen}");
    assert!(
        !screen.contains("Reading the account"),
        "the spinner is cleared:\n{screen}"
    );
}
