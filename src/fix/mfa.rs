//! `fix user-mfa --user NAME`: virtual MFA enrolment as the console does it, in the
//! terminal. The QR code is drawn from an `otpauth://` URI built from the seed (IAM's own
//! QRCodePNG is not trusted), the two codes are checked against the seed locally so that a
//! typo is caught before AWS sees it, and a device left unassigned by any failure is deleted.

use std::io::{IsTerminal, Write};

use anyhow::{Context, Result, anyhow, bail};
use clap::Args;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;

use super::plan::{Action, CallPlan, Secret};
use super::{FixEnv, present};
use crate::api::Call;
use crate::aws::call_failed;
use crate::exit::{ERROR, GREEN, ORANGE};
use crate::output::stderr_line;
use crate::snapshot::{fetch_aliases, fetch_identity};
use crate::text::{Untrusted, printable};

const FIX: &str = "user-mfa";
const ISSUER: &str = "Amazon Web Services";
#[derive(Debug, Args)]
pub struct UserMfaFixArgs {
    /// The user to enrol.
    #[arg(long, value_name = "NAME")]
    pub user: String,
}

/// Wrong pairs of codes tolerated before giving up (and deleting the device).
const ATTEMPTS: usize = 3;
/// How far back a first code may be: people read the second code up to a minute later.
const STEPS_BACK: u64 = 4;
const STEP_SECONDS: u64 = 30;

/// The URI authenticator apps read: `otpauth://totp/Issuer:user@account?secret=...`.
pub fn otpauth_uri(seed: &str, user: &str, account: &str) -> String {
    let label = format!("{ISSUER}:{user}@{account}");
    format!(
        "otpauth://totp/{}?secret={seed}&issuer={}&algorithm=SHA1&digits=6&period={STEP_SECONDS}",
        utf8_percent_encode(&label, NON_ALPHANUMERIC),
        utf8_percent_encode(ISSUER, NON_ALPHANUMERIC)
    )
}

/// The TOTP generator for a base32 seed (RFC 6238: SHA-1, 6 digits, 30 s).
pub fn totp(seed: &str) -> Result<totp_rs::Totp> {
    let secret = totp_rs::Secret::try_from_base32(seed)
        .map_err(|e| anyhow!("the device's seed is not base32: {e}"))?;
    totp_rs::Builder::new()
        .with_secret(secret)
        .build()
        .map_err(|e| anyhow!("the device's seed is unusable: {e}"))
}

/// Are `first` and `second` two consecutive codes of `generator`, the first from the last
/// couple of minutes up to `unix_time`? Returns the first code's time step.
pub fn consecutive(
    generator: &totp_rs::Totp,
    first: &str,
    second: &str,
    unix_time: u64,
) -> Option<u64> {
    let now = unix_time / STEP_SECONDS;
    (now.saturating_sub(STEPS_BACK)..=now).find(|step| {
        generator.generate(step * STEP_SECONDS).to_string() == first
            && generator.generate((step + 1) * STEP_SECONDS).to_string() == second
    })
}

fn six_digits(code: &str) -> Result<(), String> {
    if code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err("an MFA code is 6 digits".into())
    }
}

pub async fn run(env: &FixEnv, args: &UserMfaFixArgs) -> Result<u8> {
    let iam = &env.clients.iam;
    iam.get_user()
        .user_name(&args.user)
        .send()
        .await
        .map_err(|e| call_failed(Call::GetUser, &e).context(format!("user {}", args.user)))?;
    let devices = iam
        .list_mfa_devices()
        .user_name(&args.user)
        .send()
        .await
        .map_err(|e| call_failed(Call::ListMFADevices, &e))?;
    if let Some(device) = devices.mfa_devices().first() {
        env.say(crate::said!(
            "User {} already has an MFA device ({}): nothing to change.",
            Untrusted(&args.user),
            Untrusted(device.serial_number())
        ));
        return Ok(GREEN);
    }

    let plan = CallPlan {
        summary: vec![format!(
            "Enrol a virtual MFA device for {}: scan a QR code, type two consecutive codes.",
            args.user
        )],
        calls: vec![
            Action::CreateVirtualMFADevice {
                virtual_mfa_device_name: args.user.clone(),
            },
            Action::EnableMFADevice {
                user_name: args.user.clone(),
                serial_number: "(the new device)".into(),
                authentication_code1: Secret::new(String::new()),
                authentication_code2: Secret::new(String::new()),
            },
        ],
        before: None,
    };
    present(env, FIX, &plan);
    if env.dry_run {
        env.say("Dry run: nothing was changed.");
        return Ok(ORANGE);
    }
    if !env.confirm(crate::said!(
        "Enrol an MFA device for {} now?",
        Untrusted(&args.user)
    ))? {
        env.say("Nothing was changed.");
        return Ok(ORANGE);
    }

    let (aliases, identity) = tokio::join!(fetch_aliases(iam), fetch_identity(&env.clients.sts));
    let account = aliases
        .ok()
        .and_then(|a| a.into_iter().next())
        .or(identity.ok().map(|i| i.account))
        .unwrap_or_else(|| "aws".into());

    // From here a device exists: Ctrl-C, SIGTERM or SIGHUP must not kill the process before
    // it is cleaned up. With handlers installed, the prompt returns an error instead, and the
    // cleanup runs.
    let _handled = super::SignalsHandledHere::enter();
    let (serial, seed) = match env.apply_recorded(FIX, &plan.calls[0]).await? {
        super::plan::Produced::VirtualMfa { serial, seed } => (serial, seed),
        _ => bail!("CreateVirtualMFADevice returned no device"),
    };
    match enrol(env, &args.user, &account, &serial, &seed).await {
        Ok(code) => Ok(code),
        Err(err) => {
            // Nothing may be left behind: the device is not assigned yet.
            let cleanup = env
                .apply_recorded(
                    FIX,
                    &Action::DeleteVirtualMFADevice {
                        serial_number: serial.clone(),
                    },
                )
                .await;
            let interrupted = super::is_interrupted(&err);
            if interrupted {
                crate::output::say_interrupted();
            } else {
                stderr_line(printable(&format!("error: {err:#}")));
            }
            match cleanup {
                Ok(_) => stderr_line(printable(&format!(
                    "The unassigned device {serial} was deleted; nothing was changed."
                ))),
                Err(e) => stderr_line(printable(&format!(
                    "Could not delete the unassigned device {serial}: {e}"
                ))),
            }
            Ok(if interrupted {
                crate::exit::INTERRUPTED
            } else {
                ERROR
            })
        }
    }
}

/// Show the QR code, read two codes, enable the device, verify.
async fn enrol(env: &FixEnv, user: &str, account: &str, serial: &str, seed: &Secret) -> Result<u8> {
    let generator = totp(seed.expose())?;
    let mut out = std::io::stdout();
    // The seed is a secret: shown on a terminal only (checked before any call).
    if !out.is_terminal() {
        bail!("stdout is not a terminal: the MFA seed is shown only on one");
    }
    let uri = otpauth_uri(seed.expose(), user, account);
    // Half blocks, two modules a cell, and the lowest error correction: the smallest code
    // a phone reads from a screen.
    let qr = QrCode::with_error_correction_level(uri.as_bytes(), qrcode::EcLevel::L)
        .context("drawing the QR code")?
        .render::<Dense1x2>()
        .dark_color(Dense1x2::Light)
        .light_color(Dense1x2::Dark)
        .quiet_zone(true)
        .build();
    let (qr_width, qr_rows) = (
        qr.lines().map(|l| l.chars().count()).max().unwrap_or(0),
        qr.lines().count(),
    );
    // The code, its heading, the secret's two lines and the prompt must all be on screen:
    // a code whose top has scrolled away cannot be scanned.
    let size = terminal_size::terminal_size_of(&out);
    let fits =
        size.is_none_or(|(w, h)| usize::from(w.0) >= qr_width && usize::from(h.0) >= qr_rows + 4);
    if fits {
        writeln!(out, "Scan this with your authenticator app:\n{qr}")?;
    } else {
        let width = size.map_or(80, |(w, _)| usize::from(w.0));
        let message = format!(
            "The terminal is too small for the QR code ({qr_width}×{} needed): enter the \
             secret by hand, or enlarge the terminal and run again.",
            qr_rows + 4
        );
        writeln!(
            out,
            "{}",
            crate::output::wrap_for_terminal(&message, width, None)
        )?;
    }
    // On a line of its own, so that it wraps only when it is wider than the terminal.
    writeln!(out, "Secret (time-based, 6 digits, 30 seconds, SHA-1):")?;
    writeln!(out, "{}", seed.expose())?;

    let mut codes = None;
    for attempt in 1..=ATTEMPTS {
        let first: String = dialoguer::Input::new()
            .with_prompt("First code")
            .validate_with(|code: &String| six_digits(code))
            .interact_text()?;
        let second: String = dialoguer::Input::new()
            .with_prompt("Next code (wait for the app to show a new one)")
            .validate_with(|code: &String| six_digits(code))
            .interact_text()?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        if consecutive(&generator, &first, &second, now).is_some() {
            codes = Some((first, second));
            break;
        }
        stderr_line(format!(
            "Those are not two consecutive codes of this device (attempt {attempt} of {ATTEMPTS}). \
             Check the app's entry and the phone's clock."
        ));
    }
    let Some((first, second)) = codes else {
        bail!("no matching pair of codes after {ATTEMPTS} attempts");
    };
    env.apply_recorded(
        FIX,
        &Action::EnableMFADevice {
            user_name: user.into(),
            serial_number: serial.into(),
            authentication_code1: Secret::new(first),
            authentication_code2: Secret::new(second),
        },
    )
    .await?;
    let devices = env
        .clients
        .iam
        .list_mfa_devices()
        .user_name(user)
        .send()
        .await
        .map_err(|e| call_failed(Call::ListMFADevices, &e))?;
    if devices
        .mfa_devices()
        .iter()
        .any(|d| d.serial_number() == serial)
    {
        env.say(crate::said!(
            "user-mfa is green: {} has MFA device {}",
            Untrusted(user),
            Untrusted(serial)
        ));
        Ok(GREEN)
    } else {
        env.say(crate::said!(
            "EnableMFADevice succeeded, but ListMFADevices does not show {}",
            Untrusted(serial)
        ));
        Ok(ERROR)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1: the seed "12345678901234567890" in base32.
    const RFC_SEED: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn codes_match_rfc_6238() {
        let generator = totp(RFC_SEED).expect("seed");
        // The RFC's 8-digit 94287082 at T=59 is 287082 in 6 digits.
        assert_eq!(generator.generate(59).to_string(), "287082");
        assert_eq!(generator.generate(1111111109).to_string(), "081804");
    }

    #[test]
    fn consecutive_codes_are_accepted_and_typos_are_not() {
        let generator = totp(RFC_SEED).expect("seed");
        let now = 1_700_000_000;
        let step = now / STEP_SECONDS;
        let code = |s: u64| generator.generate(s * STEP_SECONDS).to_string();
        assert_eq!(
            consecutive(&generator, &code(step - 1), &code(step), now),
            Some(step - 1)
        );
        assert_eq!(
            consecutive(&generator, &code(step), &code(step + 1), now),
            Some(step)
        );
        // Swapped, repeated, too old, or mistyped.
        assert_eq!(
            consecutive(&generator, &code(step), &code(step - 1), now),
            None
        );
        assert_eq!(consecutive(&generator, &code(step), &code(step), now), None);
        assert_eq!(
            consecutive(&generator, &code(step - 10), &code(step - 9), now),
            None
        );
        let mut typo = code(step - 1).into_bytes();
        typo[0] = if typo[0] == b'9' { b'0' } else { typo[0] + 1 };
        let typo = String::from_utf8(typo).expect("digits");
        assert_eq!(consecutive(&generator, &typo, &code(step), now), None);
    }

    #[test]
    fn the_uri_names_the_issuer_user_and_account() {
        assert_eq!(
            otpauth_uri(RFC_SEED, "alice", "acme-prod"),
            "otpauth://totp/Amazon%20Web%20Services%3Aalice%40acme%2Dprod?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Amazon%20Web%20Services&algorithm=SHA1&digits=6&period=30"
        );
    }

    #[test]
    fn codes_are_six_digits() {
        assert!(six_digits("123456").is_ok());
        for bad in ["12345", "1234567", "12a456", ""] {
            assert!(six_digits(bad).is_err(), "{bad}");
        }
    }
}
