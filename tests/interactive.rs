//! Fixes driven through a pseudo-terminal, answering their prompts as a person would.

mod support;

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};
use support::{LocalIam, binary_for_terminal, seed};

const DOWN: &str = "\x1b[B";
const TIMEOUT_MS: u64 = 30_000;

fn spawn(server: &LocalIam, args: &[&str]) -> PtySession {
    let mut command = binary_for_terminal();
    command
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
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
        answer(&mut p, "y");
    }
    p.exp_string("Write this password policy?")
        .expect("confirmation");
    answer(&mut p, "y");
    p.exp_string("password-policy is green")
        .expect("verified green");
    p.exp_eof().expect("exits");
    assert_eq!(exit_code(&p), 0);

    let policy = server
        .iam()
        .get_account_password_policy()
        .send()
        .await
        .expect("policy");
    let policy = policy.password_policy().expect("present");
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
    answer(&mut p, "n");
    p.exp_string("Nothing was changed").expect("declined");
    p.exp_eof().expect("exits");
    assert_eq!(exit_code(&p), 1);
    let policy = server.iam().get_account_password_policy().send().await;
    assert!(policy.is_err(), "still no policy");
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
    answer(&mut p, "y");
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
    let iam = server.iam();
    iam.get_login_profile()
        .user_name("dana")
        .send()
        .await
        .expect("console access");
    let group = iam
        .get_group()
        .group_name("Administrators")
        .send()
        .await
        .expect("admin group");
    assert!(group.users().iter().any(|u| u.user_name() == "dana"));
}
