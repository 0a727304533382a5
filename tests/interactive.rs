//! Fixes driven through a pseudo-terminal, answering their prompts as a person would.

mod support;

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};
use support::{LocalIam, assert_console_admin, binary_for_terminal, seed, with_test_credentials};

const DOWN: &str = "\x1b[B";
const TIMEOUT_MS: u64 = 30_000;

fn spawn(server: &LocalIam, args: &[&str]) -> PtySession {
    let mut command = binary_for_terminal();
    with_test_credentials(&mut command)
        .env("TERM", "xterm-256color")
        .args(["--endpoint-url", &server.endpoint])
        .args(args);
    spawn_command(command, Some(TIMEOUT_MS)).expect("spawn in a pseudo-terminal")
}

/// Type once the prompt is reading: the prompt library switches the terminal to raw mode
/// after drawing, and keys that arrive before that switch are discarded.
fn answer(session: &mut PtySession, keys: &str) {
    std::thread::sleep(std::time::Duration::from_millis(500));
    session.send(keys).expect("type");
    session.flush().expect("flush");
}

fn exit_code(session: &PtySession) -> i32 {
    match session.process().wait().expect("wait") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("did not exit normally: {other:?}"),
    }
}

#[tokio::test]
async fn password_policy_values_can_be_adjusted_at_the_prompt() {
    let server = LocalIam::start();
    let mut p = spawn(&server, &["fix", "password-policy"]);
    p.exp_string("Adjust the values").expect("choice prompt");
    answer(&mut p, DOWN);
    answer(&mut p, "\r");
    p.exp_string("Minimum length").expect("length prompt");
    answer(&mut p, "16\r");
    p.exp_string("Passwords to remember").expect("reuse prompt");
    answer(&mut p, "\r");
    for question in [
        "uppercase",
        "lowercase",
        "number",
        "symbol",
        "change their own password",
    ] {
        p.exp_string(question).expect(question);
        answer(&mut p, "y\r");
    }
    p.exp_string("Write this password policy?")
        .expect("confirmation");
    answer(&mut p, "y\r");
    p.exp_string("password-policy is green")
        .expect("verified green");
    p.exp_eof().expect("exits");
    assert_eq!(exit_code(&p), 0);

    let policy = support::password_policy(&server.iam())
        .await
        .expect("present");
    assert_eq!(policy.minimum_password_length(), Some(16));
    assert_eq!(policy.password_reuse_prevention(), Some(24));
}

#[tokio::test]
async fn declining_at_the_prompt_changes_nothing() {
    let server = LocalIam::start();
    let mut p = spawn(&server, &["fix", "password-policy"]);
    p.exp_string("Adjust the values").expect("choice prompt");
    answer(&mut p, "\r");
    p.exp_string("Write this password policy?")
        .expect("confirmation");
    answer(&mut p, "n\r");
    p.exp_string("Nothing was changed").expect("declined");
    p.exp_eof().expect("exits");
    assert_eq!(exit_code(&p), 1);
    assert!(
        support::password_policy(&server.iam()).await.is_none(),
        "still no policy"
    );
}

#[tokio::test]
async fn individual_user_is_named_at_the_prompt_and_its_password_shown_once() {
    let server = LocalIam::start();
    seed::baseline_password_policy(&server.iam())
        .await
        .expect("policy");
    let mut p = spawn(&server, &["fix", "individual-users"]);
    p.exp_string("Name of the IAM user for daily work")
        .expect("name prompt");
    answer(&mut p, "bad name\r");
    p.exp_string("is not allowed")
        .expect("rejected at the prompt");
    // The prompt asks again after a validation error.
    answer(&mut p, "dana\r");
    p.exp_string("Create user dana?").expect("confirmation");
    answer(&mut p, "y\r");
    p.exp_string("Password:").expect("password shown");
    let (_, password) = p.exp_regex(r"\S{20,}").expect("the password");
    p.exp_string("individual-users is green").expect("verified");
    p.exp_eof().expect("exits");
    assert_eq!(exit_code(&p), 0);

    assert!(
        password.chars().any(|c| c.is_ascii_uppercase()),
        "{password}"
    );
    assert!(password.chars().any(|c| c.is_ascii_lowercase()));
    assert!(password.chars().any(|c| c.is_ascii_digit()));
    assert!(password.chars().any(|c| c.is_ascii_punctuation()));
    assert_console_admin(&server.iam(), "dana").await;
}

/// The pseudo-terminal's text as UTF-8 (the expect library reads it one byte a char).
fn utf8(text: &str) -> String {
    let bytes: Vec<u8> = text.chars().map(|c| c as u8).collect();
    String::from_utf8(bytes).expect("UTF-8 output")
}

/// Two consecutive codes of `seed` ending with the current one.
fn consecutive_codes(seed: &str) -> (String, String) {
    let generator = totp_rs::Builder::new()
        .with_secret(totp_rs::Secret::try_from_base32(seed).expect("base32 seed"))
        .build()
        .expect("totp");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let step = now / 30;
    (
        generator.generate((step - 1) * 30).to_string(),
        generator.generate(step * 30).to_string(),
    )
}

async fn virtual_devices(server: &LocalIam) -> usize {
    server
        .iam()
        .list_virtual_mfa_devices()
        .send()
        .await
        .expect("ListVirtualMFADevices")
        .virtual_mfa_devices()
        .len()
}

#[tokio::test]
async fn a_user_is_enrolled_in_virtual_mfa_with_codes_computed_from_the_seed() {
    let server = LocalIam::start();
    seed::create_user(&server.iam(), "alice")
        .await
        .expect("user");
    let journal = support::temp_dir("mfa-journal").join("changes.jsonl");
    let journal_arg = journal.to_str().expect("utf-8").to_string();
    let mut p = spawn(
        &server,
        &[
            "fix",
            "user-mfa",
            "--user",
            "alice",
            "--journal",
            &journal_arg,
        ],
    );
    p.exp_string("Enrol an MFA device for alice now?")
        .expect("confirmation");
    answer(&mut p, "y\r");
    let before = utf8(&p.exp_string("Secret (time-based").expect("secret"));
    assert!(
        before.contains('█') && before.contains('▀'),
        "a QR code is drawn: {before:?}"
    );
    let (_, seed) = p.exp_regex("[A-Z2-7]{16,}").expect("the seed");
    let (first, second) = consecutive_codes(&seed);
    p.exp_string("First code").expect("first prompt");
    answer(&mut p, &format!("{first}\r"));
    p.exp_string("Next code").expect("second prompt");
    answer(&mut p, &format!("{second}\r"));
    p.exp_string("user-mfa is green").expect("verified");
    p.exp_eof().expect("exits");
    assert_eq!(exit_code(&p), 0);

    let devices = server
        .iam()
        .list_mfa_devices()
        .user_name("alice")
        .send()
        .await
        .expect("ListMFADevices");
    assert_eq!(devices.mfa_devices().len(), 1);
    // Both steps are in the change log; the seed and the codes are not.
    let log = std::fs::read_to_string(&journal).expect("change log");
    let logged: Vec<&str> = log
        .lines()
        .map(|l| {
            let entry: serde_json::Value = serde_json::from_str(l).expect("entry");
            if entry["call"] == "CreateVirtualMFADevice" {
                "CreateVirtualMFADevice"
            } else if entry["call"] == "EnableMFADevice" {
                "EnableMFADevice"
            } else {
                "other"
            }
        })
        .collect();
    assert_eq!(logged, ["CreateVirtualMFADevice", "EnableMFADevice"]);
    assert!(!log.contains(&seed) && !log.contains(&first) && !log.contains(&second));

    // A second run finds the device and changes nothing.
    let again = server.cli(&["fix", "user-mfa", "--user", "alice", "--dry-run"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    support::assert_contains(&again.stdout, "already has an MFA device");
}

#[tokio::test]
async fn wrong_codes_are_caught_locally_and_leave_no_device_behind() {
    let server = LocalIam::start();
    seed::create_user(&server.iam(), "bob").await.expect("user");
    let mut p = spawn(&server, &["fix", "user-mfa", "--user", "bob"]);
    p.exp_string("now?").expect("confirmation");
    answer(&mut p, "y\r");
    for _ in 0..3 {
        p.exp_string("First code").expect("first prompt");
        answer(&mut p, "000000\r");
        p.exp_string("Next code").expect("second prompt");
        answer(&mut p, "000001\r");
    }
    p.exp_string("was deleted").expect("cleanup");
    p.exp_eof().expect("exits");
    assert_eq!(exit_code(&p), 2);
    assert_eq!(virtual_devices(&server).await, 0);
}

#[tokio::test]
async fn enrolment_refuses_without_a_terminal() {
    let server = LocalIam::start();
    seed::create_user(&server.iam(), "carol")
        .await
        .expect("user");
    let run = server.cli(&["fix", "user-mfa", "--user", "carol", "--yes"]);
    assert_eq!(run.code, 2);
    support::assert_contains(&run.stderr, "needs a terminal");
    assert_eq!(virtual_devices(&server).await, 0);
}

#[tokio::test]
async fn ctrl_c_during_enrolment_leaves_no_device_behind() {
    let server = LocalIam::start();
    seed::create_user(&server.iam(), "dave")
        .await
        .expect("user");
    let mut p = spawn(&server, &["fix", "user-mfa", "--user", "dave"]);
    p.exp_string("now?").expect("confirmation");
    answer(&mut p, "y\r");
    p.exp_string("First code").expect("first prompt");
    answer(&mut p, "\x03");
    p.exp_string("was deleted").expect("cleanup");
    p.exp_eof().expect("exits");
    // Interrupted, as every Ctrl-C at a prompt reports it.
    assert_eq!(exit_code(&p), 130);
    assert_eq!(virtual_devices(&server).await, 0);
}
