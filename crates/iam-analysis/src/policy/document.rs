//! IAM policy documents parsed whole: `Statement` as an object or a list, `Action` /
//! `NotAction` and `Resource` / `NotResource` as a string or a list, `Effect`, and `Condition`
//! kept as data. A document outside IAM's grammar is an error, never read as "nothing".

use serde::Serialize;
use serde_json::{Map, Value};

/// Whether a statement allows or denies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Effect {
    /// The statement allows.
    Allow,
    /// The statement denies.
    Deny,
}

/// One entry of `Action` / `NotAction`: `*`, or `service:name` where either part may hold
/// wildcards. Kept as written (for output) and lower-cased in two parts (for matching).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionPattern {
    /// The pattern as written (`iam:Put*`).
    pub written: String,
    /// The service prefix, lower case.
    pub service: String,
    /// The action part, possibly with wildcards.
    pub name: String,
}

impl ActionPattern {
    /// The pattern in `written`, or why it is not `service:action`.
    pub fn parse(written: &str) -> Result<Self, String> {
        let lower = written.trim().to_ascii_lowercase();
        let (service, name) = match lower.split_once(':') {
            _ if lower == "*" => ("*".to_string(), "*".to_string()),
            Some((service, name)) if !service.is_empty() && !name.is_empty() => {
                (service.to_string(), name.to_string())
            }
            _ => {
                return Err(format!(
                    "action {written:?} is neither \"*\" nor service:action"
                ));
            }
        };
        Ok(Self {
            written: written.to_string(),
            service,
            name,
        })
    }

    /// Does the pattern's name part match every action name (only stars)?
    pub fn every_name(&self) -> bool {
        self.name.bytes().all(|b| b == b'*')
    }
}

/// The actions a statement covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actions {
    /// `Action`: these patterns.
    Action(Vec<ActionPattern>),
    /// `NotAction`: all but these.
    NotAction(Vec<ActionPattern>),
}

impl Actions {
    /// The patterns, and whether they name what is excluded (`NotAction`).
    pub fn patterns(&self) -> (&[ActionPattern], bool) {
        match self {
            Actions::Action(list) => (list, false),
            Actions::NotAction(list) => (list, true),
        }
    }
}

/// The resources a statement covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resources {
    /// `Resource`: these ARN patterns.
    Resource(Vec<String>),
    /// `NotResource`: all but these.
    NotResource(Vec<String>),
}

/// One condition: operator (`StringEquals`, `BoolIfExists`, ...), key and values, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Condition {
    /// The operator (`StringEquals`, `ArnLike`, ...), with its `IfExists` suffix if any.
    pub operator: String,
    /// The condition key (`aws:MultiFactorAuthPresent`).
    pub key: String,
    /// The values the key is compared with.
    pub values: Vec<String>,
}

/// One statement of a policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// `Sid`, or `#N` (1-based) for a statement without one.
    pub label: String,
    /// Allow or Deny.
    pub effect: Effect,
    /// What it covers.
    pub actions: Actions,
    /// Which resources.
    pub resources: Resources,
    /// Its conditions (all must hold).
    pub conditions: Vec<Condition>,
    /// Who a resource policy (a role's trust policy) speaks of: `None` in identity policies.
    pub principals: Option<Principals>,
}

/// `Principal` / `NotPrincipal`: `"*"`, or kinds (`AWS`, `Service`, `Federated`,
/// `CanonicalUser`) each with one or more values, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principals {
    /// Whether the operator is negated (`StringNotEquals`, `ArnNotLike`, ...).
    pub negated: bool,
    /// (kind, value); `"Principal": "*"` is `("*", "*")`.
    pub entries: Vec<(String, String)>,
}

impl Principals {
    /// Does it name every AWS principal: `"*"` or `{"AWS": "*"}`?
    pub fn names_everyone(&self) -> bool {
        self.entries
            .iter()
            .any(|(kind, value)| (kind == "*" || kind == "AWS") && value == "*")
    }
}

/// What a document is: which elements its statements must and must not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Attached to a user, group or role, or a boundary: a Resource, no Principal.
    Identity,
    /// A role's trust policy: a Principal, no Resource (the role itself).
    Trust,
}

/// A policy document, parsed whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Its statements, in order.
    pub statements: Vec<Statement>,
}

impl Document {
    /// An identity policy (attached to a user, group or role, or used as a boundary).
    pub fn identity(text: &str) -> Result<Self, String> {
        Self::parse(text, Kind::Identity)
    }

    /// A role's trust policy (`AssumeRolePolicyDocument`).
    pub fn trust(text: &str) -> Result<Self, String> {
        Self::parse(text, Kind::Trust)
    }

    fn parse(text: &str, kind: Kind) -> Result<Self, String> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| format!("not a JSON policy document: {e}"))?;
        let Value::Object(policy) = value else {
            return Err("the policy document is not a JSON object".into());
        };
        match policy.get("Version").map(Value::as_str) {
            None | Some(Some("2012-10-17" | "2008-10-17")) => {}
            Some(other) => return Err(format!("unknown policy Version {other:?}")),
        }
        let statements = match policy.get("Statement") {
            Some(Value::Array(list)) => list.iter().collect(),
            Some(single @ Value::Object(_)) => vec![single],
            Some(_) => return Err("Statement is neither an object nor a list".into()),
            None => return Err("the document has no Statement".into()),
        };
        let statements = statements
            .into_iter()
            .enumerate()
            .map(|(i, statement)| {
                Statement::parse(i, statement, kind)
                    .map_err(|e| format!("statement {}: {e}", i + 1))
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { statements })
    }
}

impl Statement {
    fn parse(index: usize, value: &Value, kind: Kind) -> Result<Self, String> {
        let Value::Object(statement) = value else {
            return Err("not a JSON object".into());
        };
        let label = match statement.get("Sid") {
            Some(Value::String(sid)) if !sid.is_empty() => sid.clone(),
            None | Some(Value::String(_)) => format!("#{}", index + 1),
            Some(_) => return Err("Sid is not a string".into()),
        };
        let effect = match statement.get("Effect").and_then(Value::as_str) {
            Some("Allow") => Effect::Allow,
            Some("Deny") => Effect::Deny,
            Some(other) => return Err(format!("Effect {other:?} is neither Allow nor Deny")),
            None => return Err("no Effect".into()),
        };
        let patterns = |list: Vec<String>| {
            list.iter()
                .map(|a| ActionPattern::parse(a))
                .collect::<Result<Vec<_>, _>>()
        };
        let actions = match either(statement, "Action", "NotAction")? {
            (true, list) => Actions::Action(patterns(list)?),
            (false, list) => Actions::NotAction(patterns(list)?),
        };
        let (resources, principals) = match kind {
            Kind::Identity => {
                if statement.contains_key("Principal") || statement.contains_key("NotPrincipal") {
                    return Err("a Principal in an identity policy".into());
                }
                let resources = match either(statement, "Resource", "NotResource")? {
                    (true, list) => Resources::Resource(list),
                    (false, list) => Resources::NotResource(list),
                };
                (resources, None)
            }
            // A trust policy's resource is the role itself.
            Kind::Trust => (
                Resources::Resource(vec!["*".into()]),
                Some(principals(statement)?),
            ),
        };
        Ok(Self {
            label,
            effect,
            actions,
            resources,
            conditions: conditions(statement.get("Condition"))?,
            principals,
        })
    }
}

/// Exactly one of `positive` / `negative`, as a string or a non-empty list of strings:
/// (true, list) for the positive key.
fn either(
    statement: &Map<String, Value>,
    positive: &str,
    negative: &str,
) -> Result<(bool, Vec<String>), String> {
    let (is_positive, value) = match (statement.get(positive), statement.get(negative)) {
        (Some(v), None) => (true, v),
        (None, Some(v)) => (false, v),
        (Some(_), Some(_)) => return Err(format!("both {positive} and {negative}")),
        (None, None) => return Err(format!("neither {positive} nor {negative}")),
    };
    let key = if is_positive { positive } else { negative };
    let text = |v: &Value| v.as_str().map(str::to_string);
    let list = match value {
        Value::Array(list) => list.iter().map(text).collect(),
        other => text(other).map(|s| vec![s]),
    }
    .ok_or_else(|| format!("{key} is not a string or a list of strings"))?;
    if list.is_empty() {
        return Err(format!("{key} is an empty list"));
    }
    Ok((is_positive, list))
}

/// Exactly one of `Principal` / `NotPrincipal`: `"*"`, or an object of kinds, each a string
/// or a non-empty list of strings.
fn principals(statement: &Map<String, Value>) -> Result<Principals, String> {
    let (negated, value) = match (statement.get("Principal"), statement.get("NotPrincipal")) {
        (Some(v), None) => (false, v),
        (None, Some(v)) => (true, v),
        (Some(_), Some(_)) => return Err("both Principal and NotPrincipal".into()),
        (None, None) => return Err("neither Principal nor NotPrincipal".into()),
    };
    let entries = match value {
        Value::String(star) if star == "*" => vec![("*".to_string(), "*".to_string())],
        Value::Object(kinds) if !kinds.is_empty() => {
            let mut entries = Vec::new();
            for (kind, values) in kinds {
                let values = match values {
                    Value::String(one) => vec![one.clone()],
                    Value::Array(list) if !list.is_empty() => list
                        .iter()
                        .map(|v| v.as_str().map(str::to_string))
                        .collect::<Option<Vec<_>>>()
                        .ok_or_else(|| format!("Principal {kind} is not a list of strings"))?,
                    _ => {
                        return Err(format!(
                            "Principal {kind} is not a string or a list of strings"
                        ));
                    }
                };
                entries.extend(values.into_iter().map(|v| (kind.clone(), v)));
            }
            entries
        }
        _ => return Err("Principal is neither \"*\" nor an object of principals".into()),
    };
    Ok(Principals { negated, entries })
}

/// A string or a list of strings (condition values may also be booleans or numbers).
fn strings(value: &Value) -> Option<Vec<String>> {
    let one = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    match value {
        Value::Array(list) => list.iter().map(one).collect(),
        other => one(other).map(|s| vec![s]),
    }
}

fn conditions(value: Option<&Value>) -> Result<Vec<Condition>, String> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let Value::Object(operators) = value else {
        return Err("Condition is not an object".into());
    };
    let mut out = Vec::new();
    for (operator, keys) in operators {
        let Value::Object(keys) = keys else {
            return Err(format!("Condition {operator} is not an object of keys"));
        };
        for (key, values) in keys {
            let values = strings(values)
                .ok_or_else(|| format!("Condition {operator} {key}: values are not strings"))?;
            out.push(Condition {
                operator: operator.clone(),
                key: key.clone(),
                values,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_of_statement_action_and_resource() {
        let single = Document::identity(
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"S3:Get*","Resource":"arn:aws:s3:::b/*"}}"#,
        )
        .expect("valid");
        assert_eq!(single.statements.len(), 1);
        let statement = &single.statements[0];
        assert_eq!(statement.label, "#1");
        let Actions::Action(patterns) = &statement.actions else {
            panic!("Action")
        };
        assert_eq!(
            (
                patterns[0].written.as_str(),
                patterns[0].service.as_str(),
                patterns[0].name.as_str()
            ),
            ("S3:Get*", "s3", "get*")
        );
        assert_eq!(
            statement.resources,
            Resources::Resource(vec!["arn:aws:s3:::b/*".into()])
        );
        let list = Document::identity(
            r#"{"Statement":[{"Sid":"Most","Effect":"Allow","NotAction":["iam:*","organizations:*"],"NotResource":["arn:aws:s3:::x"],
                "Condition":{"Bool":{"aws:MultiFactorAuthPresent":true},"IpAddress":{"aws:SourceIp":["10.0.0.0/8","192.0.2.0/24"]}}},
               {"Effect":"Deny","Action":"*","Resource":"*"}]}"#,
        )
        .expect("valid");
        let most = &list.statements[0];
        assert_eq!(most.label, "Most");
        assert!(matches!(&most.actions, Actions::NotAction(p) if p.len() == 2));
        assert_eq!(
            most.resources,
            Resources::NotResource(vec!["arn:aws:s3:::x".into()])
        );
        assert_eq!(
            most.conditions,
            [
                Condition {
                    operator: "Bool".into(),
                    key: "aws:MultiFactorAuthPresent".into(),
                    values: vec!["true".into()]
                },
                Condition {
                    operator: "IpAddress".into(),
                    key: "aws:SourceIp".into(),
                    values: vec!["10.0.0.0/8".into(), "192.0.2.0/24".into()]
                }
            ]
        );
        assert_eq!(list.statements[1].effect, Effect::Deny);
        assert_eq!(list.statements[1].label, "#2");
    }

    #[test]
    fn trust_policies_name_principals_and_no_resource() {
        let trust = Document::trust(
            r#"{"Version":"2012-10-17","Statement":[
                {"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","*"],"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"},
                {"Effect":"Allow","Principal":"*","Action":["sts:AssumeRole","sts:TagSession"],"Condition":{"StringEquals":{"sts:ExternalId":"x"}}},
                {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/a"},"Action":"sts:AssumeRole"}]}"#,
        )
        .expect("valid trust");
        let who = |i: usize| trust.statements[i].principals.clone().expect("principals");
        assert_eq!(
            who(0).entries,
            [
                (
                    "AWS".to_string(),
                    "arn:aws:iam::111122223333:root".to_string()
                ),
                ("AWS".into(), "*".into()),
                ("Service".into(), "lambda.amazonaws.com".into())
            ]
        );
        assert!(who(0).names_everyone() && who(1).names_everyone());
        assert!(who(2).negated && !who(2).names_everyone());
        assert_eq!(
            trust.statements[0].resources,
            Resources::Resource(vec!["*".into()])
        );
        for (document, error) in [
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}"#,
                "neither Principal nor NotPrincipal",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Principal":"me","Action":"sts:AssumeRole"}]}"#,
                "Principal is neither",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":[]},"Action":"sts:AssumeRole"}]}"#,
                "Principal AWS is not a string or a list",
            ),
        ] {
            let got = Document::trust(document).expect_err(document);
            assert!(got.contains(error), "{document}: {got}");
        }
    }

    #[test]
    fn documents_outside_the_grammar_are_errors() {
        for (document, error) in [
            ("not json", "not a JSON policy document"),
            ("[]", "not a JSON object"),
            (r#"{"Statement": 3}"#, "Statement is neither"),
            (
                r#"{"Version":"2020-01-01","Statement":[]}"#,
                "unknown policy Version",
            ),
            (r#"{"Version":"2012-10-17"}"#, "no Statement"),
            (
                r#"{"Statement":[{"Action":"*","Resource":"*"}]}"#,
                "statement 1: no Effect",
            ),
            (
                r#"{"Statement":[{"Effect":"allow","Action":"*","Resource":"*"}]}"#,
                "neither Allow nor Deny",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Resource":"*"}]}"#,
                "neither Action nor NotAction",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"*","NotAction":"s3:*","Resource":"*"}]}"#,
                "both Action and NotAction",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"*"}]}"#,
                "neither Resource nor NotResource",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}"#,
                "Action is an empty list",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":[3],"Resource":"*"}]}"#,
                "Action is not a string",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"s3GetObject","Resource":"*"}]}"#,
                "neither \"*\" nor service:action",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":"x"}]}"#,
                "Condition is not an object",
            ),
            (
                r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"k":{"a":1}}}}]}"#,
                "values are not strings",
            ),
        ] {
            let got = Document::identity(document).expect_err(document);
            assert!(got.contains(error), "{document}: {got}");
        }
    }
}
