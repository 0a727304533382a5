//! IAM policy documents, parsed properly: `Statement` as an object or a list, `Action` and
//! `Resource` as a string or a list, and `NotAction` / `NotResource` read as what they are
//! (not "everything"). No substring matching.

use serde_json::Value;

/// Does any `Allow` statement grant `Action: "*"` (or `"*:*"`) on `Resource: "*"`?
/// Conditions do not matter here: CIS 1.15 and Security Hub IAM.1 flag the grant itself.
pub fn allows_full_admin(document: &str) -> Result<bool, String> {
    let policy: Value =
        serde_json::from_str(document).map_err(|e| format!("not a JSON policy document: {e}"))?;
    let statements = match policy.get("Statement") {
        Some(Value::Array(list)) => list.iter().collect::<Vec<_>>(),
        Some(single @ Value::Object(_)) => vec![single],
        Some(_) => return Err("Statement is neither an object nor a list".into()),
        None => Vec::new(),
    };
    Ok(statements.into_iter().any(|statement| {
        statement.get("Effect").and_then(Value::as_str) == Some("Allow")
            && any_is(statement.get("Action"), &["*", "*:*"])
            && any_is(statement.get("Resource"), &["*"])
    }))
}

/// A string-or-list field that contains one of `wanted`.
fn any_is(field: Option<&Value>, wanted: &[&str]) -> bool {
    match field {
        Some(Value::String(s)) => wanted.contains(&s.as_str()),
        Some(Value::Array(list)) => list
            .iter()
            .any(|v| v.as_str().is_some_and(|s| wanted.contains(&s))),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn admin(doc: &str) -> bool {
        allows_full_admin(doc).expect("valid document")
    }

    #[test]
    fn full_admin_in_its_usual_shapes() {
        assert!(admin(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#
        ));
        assert!(admin(
            r#"{"Statement":{"Effect":"Allow","Action":["s3:*","*"],"Resource":["*"]}}"#
        ));
        assert!(admin(
            r#"{"Statement":[{"Effect":"Allow","Action":"*:*","Resource":"*"}]}"#
        ));
        assert!(admin(
            r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#
        ));
    }

    #[test]
    fn look_admin_but_are_not() {
        // NotAction grants everything except the listed actions: not the "*" grant.
        assert!(!admin(
            r#"{"Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}"#
        ));
        // A specific resource.
        assert!(!admin(
            r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::bucket/*"}]}"#
        ));
        // A Deny.
        assert!(!admin(
            r#"{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}"#
        ));
        // A service wildcard only.
        assert!(!admin(
            r#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#
        ));
        // NotResource.
        assert!(!admin(
            r#"{"Statement":[{"Effect":"Allow","Action":"*","NotResource":"arn:aws:s3:::x"}]}"#
        ));
        // A string that merely contains the pattern.
        assert!(!admin(
            r#"{"Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*","Sid":"\"Action\": \"*\""}]}"#
        ));
    }

    #[test]
    fn garbage_is_an_error() {
        assert!(allows_full_admin("not json").is_err());
        assert!(allows_full_admin(r#"{"Statement": 3}"#).is_err());
    }
}
