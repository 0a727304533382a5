//! Console passwords for new users, from the operating system's random source.

use anyhow::{Context, Result};

use super::plan::Secret;
use crate::snapshot::PasswordPolicy;

/// Never shorter than this, whatever the policy says.
pub const MIN_GENERATED_LENGTH: usize = 20;

const UPPER: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
const LOWER: &[u8] = b"abcdefghijkmnopqrstuvwxyz";
const DIGITS: &[u8] = b"23456789";
/// Symbols IAM accepts that need no quoting in a shell, a CSV cell or a URL form.
const SYMBOLS: &[u8] = b"!@#$%^*()_+-=[]{}";

/// A password with every character class, long enough for the policy (and at least 20).
pub fn generate(policy: Option<&PasswordPolicy>) -> Result<Secret> {
    let length = policy
        .map_or(0, |p| p.minimum_password_length as usize)
        .max(MIN_GENERATED_LENGTH);
    let classes = [UPPER, LOWER, DIGITS, SYMBOLS];
    let all: Vec<u8> = classes.concat();
    let mut chars: Vec<u8> = Vec::with_capacity(length);
    // One of each class first, the rest from all of them, then shuffle the positions.
    for class in classes {
        chars.push(class[uniform(class.len())?]);
    }
    while chars.len() < length {
        chars.push(all[uniform(all.len())?]);
    }
    for i in (1..chars.len()).rev() {
        chars.swap(i, uniform(i + 1)?);
    }
    Ok(Secret::new(
        String::from_utf8(chars).context("ASCII password")?,
    ))
}

/// An unbiased index below `n` (rejection sampling over the OS random source).
fn uniform(n: usize) -> Result<usize> {
    let n = n as u32;
    let zone = u32::MAX - (u32::MAX % n);
    loop {
        let mut bytes = [0u8; 4];
        getrandom::fill(&mut bytes)
            .map_err(|e| anyhow::anyhow!("the OS random source failed: {e}"))?;
        let v = u32::from_le_bytes(bytes);
        if v < zone {
            return Ok((v % n) as usize);
        }
    }
}

/// Does `password` satisfy `policy`? Checked before it is sent, since AWS would reject it.
pub fn satisfies(password: &str, policy: &PasswordPolicy) -> bool {
    password.len() >= policy.minimum_password_length as usize
        && (!policy.require_uppercase_characters
            || password.chars().any(|c| c.is_ascii_uppercase()))
        && (!policy.require_lowercase_characters
            || password.chars().any(|c| c.is_ascii_lowercase()))
        && (!policy.require_numbers || password.chars().any(|c| c.is_ascii_digit()))
        && (!policy.require_symbols || password.chars().any(|c| c.is_ascii_punctuation()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::baseline_policy as strict;

    #[test]
    fn generated_passwords_satisfy_strict_policies() {
        for length in [6, 14, 20, 32, 128] {
            let policy = strict(length);
            for _ in 0..50 {
                let password = generate(Some(&policy)).expect("random");
                assert!(satisfies(password.expose(), &policy), "{length}");
                assert_eq!(password.expose().len(), (length as usize).max(20));
            }
        }
    }

    #[test]
    fn no_policy_still_gets_every_class() {
        let password = generate(None).expect("random");
        assert!(satisfies(password.expose(), &strict(20)));
    }

    #[test]
    fn passwords_differ() {
        let a = generate(None).expect("random");
        let b = generate(None).expect("random");
        assert_ne!(a.expose(), b.expose());
    }

    #[test]
    fn csv_and_shell_safe() {
        for _ in 0..100 {
            let p = generate(None).expect("random");
            assert!(!p.expose().contains([',', '"', '\'', '\\', '&', ' ']));
        }
    }
}
