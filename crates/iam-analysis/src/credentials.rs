//! The IAM credential report as data: per-user facts (password and key use, MFA) for the
//! whole account, parsed from its CSV by column name. It can be up to four hours old; the
//! report says when it was generated.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::text::printable;

/// The row AWS writes for the root user.
pub const ROOT_ROW: &str = "<root_account>";

/// The report: when IAM generated it and a row per user (and one for root).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialReport {
    /// When IAM generated the report (it may be up to four hours old).
    pub generated_at: OffsetDateTime,
    /// Every row, root's among them.
    pub rows: Vec<CredentialRow>,
}

impl CredentialReport {
    /// The root user's row.
    pub fn root(&self) -> Option<&CredentialRow> {
        self.rows.iter().find(|r| r.user == ROOT_ROW)
    }

    /// The IAM users' rows (every row but root's).
    pub fn users(&self) -> impl Iterator<Item = &CredentialRow> {
        self.rows.iter().filter(|r| r.user != ROOT_ROW)
    }
}

/// One access key slot of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KeyUse {
    /// Whether the key is active.
    pub active: bool,
    /// When the key was created or last rotated.
    pub last_rotated: Option<OffsetDateTime>,
    /// When the key was last used.
    pub last_used: Option<OffsetDateTime>,
}

/// One user's line. Dates that AWS reports as `N/A`, `no_information` or `not_supported`
/// are `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialRow {
    /// The user's name (`<root_account>` for root).
    pub user: String,
    /// The user's ARN.
    pub arn: String,
    /// When the user was created (`None` for root).
    pub user_creation_time: Option<OffsetDateTime>,
    /// `None` for `not_supported` (the root row).
    pub password_enabled: Option<bool>,
    /// When the password was last used to sign in.
    pub password_last_used: Option<OffsetDateTime>,
    /// When the password was last changed.
    pub password_last_changed: Option<OffsetDateTime>,
    /// Whether an MFA device is active.
    pub mfa_active: bool,
    /// The two access key slots.
    pub access_keys: [KeyUse; 2],
}

/// Parse the report's CSV by column name (AWS may add columns).
pub fn parse(content: &[u8], generated_at: OffsetDateTime) -> Result<CredentialReport, String> {
    let mut reader = csv::Reader::from_reader(content);
    let headers = reader
        .headers()
        .map_err(|e| format!("unreadable credential report: {e}"))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("the credential report has no {name} column"))
    };
    let user = column("user")?;
    let arn = column("arn")?;
    let creation = column("user_creation_time")?;
    let password_enabled = column("password_enabled")?;
    let password_last_used = column("password_last_used")?;
    let password_last_changed = column("password_last_changed")?;
    let mfa_active = column("mfa_active")?;
    let mut key_columns = Vec::new();
    for n in 1..=2 {
        key_columns.push((
            column(&format!("access_key_{n}_active"))?,
            column(&format!("access_key_{n}_last_rotated"))?,
            column(&format!("access_key_{n}_last_used_date"))?,
        ));
    }
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let record = record.map_err(|e| format!("credential report line {line}: {e}"))?;
        let name = record.get(user).unwrap_or("");
        // Only the documented values are read; anything else names its row and column, so
        // a cell nobody can interpret never passes as "never used".
        let cell = |i: usize| -> Result<&str, String> {
            record.get(i).ok_or_else(|| {
                format!("credential report line {line} (user {name}) has too few columns")
            })
        };
        let bad = |i: usize, value: &str, expected: &str| {
            format!(
                "credential report line {line} (user {}), column {}: {:?} is not {expected}",
                printable(name),
                &headers[i],
                printable(value)
            )
        };
        let date = |i: usize| -> Result<Option<OffsetDateTime>, String> {
            match cell(i)? {
                "N/A" | "no_information" | "not_supported" => Ok(None),
                text => OffsetDateTime::parse(text, &Rfc3339)
                    .map(Some)
                    .map_err(|_| {
                        bad(
                            i,
                            text,
                            "a date (RFC 3339, N/A, no_information or not_supported)",
                        )
                    }),
            }
        };
        let flag = |i: usize| -> Result<bool, String> {
            match cell(i)? {
                "true" => Ok(true),
                "false" => Ok(false),
                text => Err(bad(i, text, "true or false")),
            }
        };
        let key = |(active, rotated, used): (usize, usize, usize)| -> Result<KeyUse, String> {
            Ok(KeyUse {
                active: flag(active)?,
                last_rotated: date(rotated)?,
                last_used: date(used)?,
            })
        };
        if name.is_empty() {
            return Err(format!("credential report line {line} has no user"));
        }
        let root = name == ROOT_ROW;
        let row = CredentialRow {
            user: name.to_string(),
            arn: cell(arn)?.to_string(),
            user_creation_time: date(creation)?,
            password_enabled: match cell(password_enabled)? {
                // AWS documents not_supported for the root row only.
                "not_supported" if root => None,
                _ => Some(flag(password_enabled)?),
            },
            password_last_used: date(password_last_used)?,
            password_last_changed: date(password_last_changed)?,
            mfa_active: flag(mfa_active)?,
            access_keys: [key(key_columns[0])?, key(key_columns[1])?],
        };
        // Cells that must go together: a user has a creation time, an active key a date.
        if !root && row.user_creation_time.is_none() {
            return Err(bad(creation, cell(creation)?, "a date for an IAM user"));
        }
        for (slot, key) in row.access_keys.iter().enumerate() {
            if key.active && key.last_rotated.is_none() {
                let column = key_columns[slot].1;
                return Err(bad(column, cell(column)?, "a date for an active key"));
            }
        }
        rows.push(row);
    }
    Ok(CredentialReport { generated_at, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";

    #[test]
    fn parses_the_root_row_and_users() {
        let csv = format!(
            "{HEADER}\n\
             <root_account>,arn:aws:iam::111122223333:root,2019-01-01T00:00:00+00:00,not_supported,2026-11-20T08:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n\
             alice,arn:aws:iam::111122223333:user/alice,2024-01-01T00:00:00+00:00,true,no_information,2024-01-02T00:00:00+00:00,N/A,false,true,2024-01-03T00:00:00+00:00,N/A,N/A,N/A,true,2025-06-01T12:30:00+00:00,2026-11-01T00:00:00+00:00,us-east-1,s3,false,N/A,false,N/A\n"
        );
        let report = parse(csv.as_bytes(), OffsetDateTime::UNIX_EPOCH).expect("parsed");
        let root = report.root().expect("root row");
        assert_eq!(root.password_enabled, None, "not_supported");
        assert!(root.password_last_used.is_some());
        assert!(root.mfa_active);
        let alice = report.users().next().expect("alice");
        assert_eq!(alice.password_enabled, Some(true));
        assert_eq!(alice.password_last_used, None, "no_information");
        assert!(alice.access_keys[0].active && alice.access_keys[1].active);
        assert_eq!(alice.access_keys[0].last_used, None);
        assert_eq!(
            alice.access_keys[1].last_rotated.map(|d| d.to_string()),
            Some("2025-06-01 12:30:00.0 +00:00:00".to_string())
        );
    }

    #[test]
    fn a_cell_outside_the_documented_values_names_its_row_and_column() {
        let row = |used: &str| {
            format!(
                "{HEADER}\nalice,arn:aws:iam::111122223333:user/alice,2024-01-01T00:00:00+00:00,true,{used},N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
            )
        };
        for good in ["N/A", "no_information", "2026-01-01T00:00:00+00:00"] {
            parse(row(good).as_bytes(), OffsetDateTime::UNIX_EPOCH).expect(good);
        }
        for bad in ["yesterday", "2026-01-01", "", "n/a"] {
            let err = parse(row(bad).as_bytes(), OffsetDateTime::UNIX_EPOCH).expect_err(bad);
            assert!(
                err.contains("line 2 (user alice), column password_last_used"),
                "{err}"
            );
        }
        let flag = format!(
            "{HEADER}\nalice,arn,N/A,maybe,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n"
        );
        let err = parse(flag.as_bytes(), OffsetDateTime::UNIX_EPOCH).expect_err("flag");
        assert!(err.contains("column password_enabled"), "{err}");
    }

    #[test]
    fn cells_that_must_go_together_are_checked() {
        // not_supported is for the root row only; an active key has a date; a user was created.
        for (row, column) in [
            (
                "alice,arn,2024-01-01T00:00:00+00:00,not_supported,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
                "password_enabled",
            ),
            (
                "alice,arn,2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
                "access_key_1_last_rotated",
            ),
            (
                "alice,arn,N/A,false,N/A,N/A,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A",
                "user_creation_time",
            ),
        ] {
            let err = parse(
                format!("{HEADER}\n{row}\n").as_bytes(),
                OffsetDateTime::UNIX_EPOCH,
            )
            .expect_err(column);
            assert!(err.contains(&format!("column {column}")), "{err}");
        }
    }

    #[test]
    fn a_missing_column_is_an_error() {
        let err = parse(b"user,arn\nalice,x\n", OffsetDateTime::UNIX_EPOCH).expect_err("bad");
        assert!(err.contains("user_creation_time"), "{err}");
    }
}
