//! What IAM, STS and Organizations accept as names and ids. The command line, the fixes and
//! the reply checks all ask here, so that a rule is written once.

use anyhow::{Result, bail};

/// Characters IAM allows in user, group and role names.
const NAME_CHARACTERS: &str = "+=,.@_-";

/// Which IAM entity a name is for: users allow 64 characters, groups 128.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    User,
    Group,
}

impl Entity {
    fn label(self) -> &'static str {
        match self {
            Entity::User => "user",
            Entity::Group => "group",
        }
    }

    fn max_len(self) -> usize {
        match self {
            Entity::User => 64,
            Entity::Group => 128,
        }
    }
}

/// An IAM user or group name: 1-64 (users) or 1-128 (groups) letters, digits and `+=,.@_-`.
pub fn validate_name(entity: Entity, name: &str) -> Result<()> {
    let (kind, max) = (entity.label(), entity.max_len());
    if name.is_empty() || name.len() > max {
        bail!("invalid {kind} name {name:?}: it must be 1 to {max} characters long");
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || NAME_CHARACTERS.contains(*c)))
    {
        bail!(
            "invalid {kind} name {name:?}: {bad:?} is not allowed (letters, digits and + = , . @ _ -)"
        );
    }
    Ok(())
}

/// A managed policy ARN, checked for shape before any call.
pub fn validate_policy_arn(arn: &str) -> Result<()> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let ok = parts.len() == 6
        && parts[0] == "arn"
        && parts[1].starts_with("aws")
        && parts[2] == "iam"
        && parts[5].starts_with("policy/")
        && parts[5].len() > "policy/".len();
    if !ok {
        bail!("invalid policy ARN {arn:?}: expected arn:aws:iam::ACCOUNT:policy/NAME");
    }
    Ok(())
}

/// An account alias: what the sign-in URL is built from, so also checked on IAM's replies.
pub fn validate_alias(alias: &str) -> Result<()> {
    let problem = if !(3..=63).contains(&alias.len()) {
        Some("must be 3 to 63 characters long")
    } else if !alias
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        Some("may contain only lowercase letters, digits and hyphens")
    } else if alias.starts_with('-') || alias.ends_with('-') {
        Some("must not start or end with a hyphen")
    } else if alias.contains("--") {
        Some("must not contain two hyphens in a row")
    } else if alias.chars().all(|c| c.is_ascii_digit()) {
        Some("must not be all digits (it would look like an account id)")
    } else {
        None
    };
    match problem {
        Some(why) => bail!("invalid account alias {alias:?}: it {why}"),
        None => Ok(()),
    }
}

/// `--role-name`: an IAM role name, 1-64 of letters, digits and `+=,.@_-` (no path).
pub fn parse_role_name(text: &str) -> Result<String, String> {
    let valid = (1..=64).contains(&text.len())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || NAME_CHARACTERS.contains(c));
    match valid {
        true => Ok(text.to_string()),
        false => Err("a role name is 1-64 letters, digits and +=,.@_- (no path)".into()),
    }
}

/// `--role-session-name`: an STS session name, 2-64 of letters, digits and `+=,.@-`.
pub fn parse_session_name(text: &str) -> Result<String, String> {
    let valid = (2..=64).contains(&text.len())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@-".contains(c));
    match valid {
        true => Ok(text.to_string()),
        false => Err("a session name is 2-64 letters, digits and +=,.@-".into()),
    }
}

/// `--profile`: a profile name of the AWS config files. An empty one is the classic
/// `--profile "$UNSET"` bug: refused, so the run never falls back to other credentials.
pub fn parse_profile_name(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        return Err(
            "the profile name is empty (an unset variable?): name a profile, or \
                    leave --profile out to use the default credentials"
                .into(),
        );
    }
    match text.chars().any(|c| c.is_control() || c.is_whitespace()) {
        true => Err("a profile name has no spaces or control characters".into()),
        false => Ok(text.to_string()),
    }
}

/// An AWS account id: exactly 12 digits.
pub fn is_account_id(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_iam_rules() {
        assert!(validate_name(Entity::User, "alice.smith@example.com").is_ok());
        assert!(validate_name(Entity::User, "a+b=c,d_e-f").is_ok());
        assert!(validate_name(Entity::User, "").is_err());
        assert!(validate_name(Entity::User, &"x".repeat(65)).is_err());
        assert!(validate_name(Entity::Group, &"x".repeat(128)).is_ok());
        let err = validate_name(Entity::User, "bad name")
            .expect_err("space")
            .to_string();
        assert!(err.contains("' ' is not allowed"), "{err}");
        assert!(validate_name(Entity::Group, "ops/admins").is_err());
    }

    #[test]
    fn policy_arns_are_checked_for_shape() {
        assert!(validate_policy_arn("arn:aws:iam::aws:policy/AdministratorAccess").is_ok());
        assert!(validate_policy_arn("arn:aws:iam::123456789012:policy/team/deploy").is_ok());
        assert!(validate_policy_arn("arn:aws-cn:iam::aws:policy/ReadOnlyAccess").is_ok());
        for bad in [
            "AdministratorAccess",
            "arn:aws:s3:::bucket",
            "arn:aws:iam::aws:role/x",
            "arn:aws:iam::aws:policy/",
        ] {
            assert!(validate_policy_arn(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn valid_aliases() {
        for alias in [
            "acme",
            "acme-prod-1",
            "a1b",
            "x".repeat(63).as_str(),
            "123-dev",
        ] {
            assert!(validate_alias(alias).is_ok(), "{alias}");
        }
    }

    #[test]
    fn invalid_aliases_say_why() {
        let cases = [
            ("ab", "3 to 63"),
            (&"x".repeat(64), "3 to 63"),
            ("Bad_Alias!", "lowercase letters, digits and hyphens"),
            ("Acme", "lowercase letters"),
            ("-acme", "start or end"),
            ("acme-", "start or end"),
            ("ac--me", "two hyphens"),
            ("123456789012", "all digits"),
        ];
        for (alias, why) in cases {
            let err = validate_alias(alias).expect_err(alias).to_string();
            assert!(err.contains(why), "{alias}: {err}");
        }
    }
}
