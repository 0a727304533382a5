//! Conditions the snapshot can decide: the clock (`aws:CurrentTime`, `aws:EpochTime`), who
//! is asking (`aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalType`,
//! `aws:username`), and what every request of an attack carries: it is made now, over TLS, by
//! the caller itself (`aws:TokenIssueTime` is the clock, `aws:SecureTransport` true,
//! `aws:ViaAWSService` false), and an IAM call goes to IAM's one region (`aws:RequestedRegion`,
//! set by the evaluator for IAM actions only: other services' regions are the caller's
//! choice). Everything else depends on the request (MFA, source IP, tags, ...) and stays
//! open; so does an operator this module does not know: never true by default.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::document::Condition;
use super::glob::resource_matches;

/// What is known about a request before it is made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// The run's clock.
    pub now: Option<OffsetDateTime>,
    /// The principal making the request, for the `aws:Principal*` keys.
    pub principal: Option<Principal>,
    /// Request keys the question fixes (lower case): `iam:PassedToService` of a launch,
    /// `iam:PolicyARN` of an attach; `None` when the request will not carry the key (the
    /// attacker sets no `iam:PermissionsBoundary`).
    pub request: Vec<(&'static str, Option<String>)>,
}

impl Context {
    /// The same context, for a request that carries (or, with `None`, lacks) `key`.
    pub fn with(&self, key: &'static str, value: Option<&str>) -> Self {
        let mut context = self.clone();
        context.request.retain(|(k, _)| *k != key);
        context.request.push((key, value.map(str::to_string)));
        context
    }
}

/// The request key of a session's issue time (lower case, as contexts hold keys).
const TOKEN_ISSUE_TIME: &str = "aws:tokenissuetime";

/// The region IAM's calls are made in, by partition: IAM has one endpoint per partition,
/// so `aws:RequestedRegion` of an IAM call is known. `None` for a partition not listed.
pub fn iam_region(partition: &str) -> Option<&'static str> {
    match partition {
        "aws" => Some("us-east-1"),
        "aws-cn" => Some("cn-north-1"),
        "aws-us-gov" => Some("us-gov-west-1"),
        _ => None,
    }
}

/// The principal a question is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// The principal's ARN.
    pub arn: String,
    /// The principal's account.
    pub account: String,
    /// `User`, or `AssumedRole` for a role's sessions.
    pub kind: &'static str,
    /// The user name (`aws:username` exists only for users).
    pub user_name: Option<String>,
    /// `aws:userid` (a user's unique id; a role session's depends on the session).
    pub user_id: Option<String>,
    /// `aws:PrincipalTag/KEY`.
    pub tags: Vec<(String, String)>,
}

impl Principal {
    /// A user named `name` with ARN `arn`.
    pub fn user(arn: &str, name: &str) -> Self {
        Self {
            arn: arn.to_string(),
            account: account_of(arn),
            kind: "User",
            user_name: Some(name.to_string()),
            user_id: None,
            tags: Vec::new(),
        }
    }

    /// With the principal's unique id and tags, which conditions and policy variables read.
    pub fn known(mut self, id: &str, tags: &[(String, String)]) -> Self {
        if self.kind == "User" && !id.is_empty() {
            self.user_id = Some(id.to_string());
        }
        self.tags = tags.to_vec();
        self
    }

    /// The value of a policy variable (`aws:username`, `aws:userid`, `aws:PrincipalTag/k`,
    /// `aws:PrincipalArn`...), `None` when this principal has none.
    pub fn variable(&self, name: &str) -> Option<String> {
        match principal_value(&name.to_ascii_lowercase(), Some(self)) {
            Some(Value::Text(text)) => Some(text),
            _ => None,
        }
    }

    /// A role's sessions: `aws:PrincipalArn` is the role's ARN.
    pub fn role(arn: &str) -> Self {
        Self {
            arn: arn.to_string(),
            account: account_of(arn),
            kind: "AssumedRole",
            user_name: None,
            user_id: None,
            tags: Vec::new(),
        }
    }
}

fn account_of(arn: &str) -> String {
    arn.split(':').nth(4).unwrap_or_default().to_string()
}

/// The condition keys decided from the principal (so a verdict that uses one is the
/// principal's own, not its policy set's).
pub fn is_principal_key(key: &str) -> bool {
    [
        "aws:principalarn",
        "aws:principalaccount",
        "aws:principaltype",
        "aws:username",
        "aws:userid",
    ]
    .contains(&key.to_ascii_lowercase().as_str())
        || key.to_ascii_lowercase().starts_with("aws:principaltag/")
}

/// What a condition block says for a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Every condition holds.
    Holds,
    /// Some condition fails.
    Fails,
    /// Depends on the request: the snapshot cannot say.
    Open,
}

/// A key's value in this context, if the context knows it.
enum Value {
    Text(String),
    Time(OffsetDateTime),
    /// The request will not carry the key.
    Absent,
}

fn lookup(key: &str, context: &Context) -> Option<Value> {
    let key = key.to_ascii_lowercase();
    if let Some((_, value)) = context.request.iter().find(|(k, _)| *k == key) {
        return Some(match value {
            None => Value::Absent,
            Some(text) if key == TOKEN_ISSUE_TIME => {
                parse_time(text).map_or_else(|| Value::Text(text.clone()), Value::Time)
            }
            Some(text) => Value::Text(text.clone()),
        });
    }
    match key.as_str() {
        // A session made for the attack is issued when the attack runs.
        "aws:currenttime" | "aws:epochtime" | "aws:tokenissuetime" => context.now.map(Value::Time),
        // The SDK and the CLI call over TLS; the attacker calls itself, not through a service.
        "aws:securetransport" => Some(Value::Text("true".into())),
        "aws:viaawsservice" => Some(Value::Text("false".into())),
        key => principal_value(key, context.principal.as_ref()),
    }
}

/// A key (lower case) that describes who asks, if the principal is known.
fn principal_value(key: &str, principal: Option<&Principal>) -> Option<Value> {
    if let Some(tag) = key.strip_prefix("aws:principaltag/") {
        let principal = principal?;
        return Some(
            principal
                .tags
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(tag))
                .map_or(Value::Absent, |(_, v)| Value::Text(v.clone())),
        );
    }
    match key {
        "aws:userid" => principal.and_then(|p| p.user_id.clone()).map(Value::Text),
        "aws:principalarn" => principal.map(|p| Value::Text(p.arn.clone())),
        "aws:principalaccount" => principal.map(|p| Value::Text(p.account.clone())),
        "aws:principaltype" => principal.map(|p| Value::Text(p.kind.to_string())),
        "aws:username" => principal.and_then(|p| p.user_name.clone()).map(Value::Text),
        _ => None,
    }
}

/// A date as conditions write it: RFC 3339, a date alone (midnight UTC), or epoch seconds.
fn parse_time(text: &str) -> Option<OffsetDateTime> {
    if let Ok(at) = OffsetDateTime::parse(text, &Rfc3339) {
        return Some(at);
    }
    if let Ok(seconds) = text.parse::<i64>() {
        return OffsetDateTime::from_unix_timestamp(seconds).ok();
    }
    let mut parts = text.splitn(3, '-').map(str::parse::<i32>);
    let (Some(Ok(year)), Some(Ok(month)), Some(Ok(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
    time::Date::from_calendar_date(year, month, u8::try_from(day).ok()?)
        .ok()
        .map(|d| d.midnight().assume_utc())
}

/// Decide one condition (one operator, one key, its values) in `context`.
pub fn decide(condition: &Condition, context: &Context) -> Verdict {
    // A single-valued key: ForAnyValue / ForAllValues ask the same of its one value.
    let operator = condition
        .operator
        .strip_prefix("ForAnyValue:")
        .or_else(|| condition.operator.strip_prefix("ForAllValues:"))
        .unwrap_or(&condition.operator);
    // The keys decided here are always present: ...IfExists is the operator itself.
    let operator = operator.strip_suffix("IfExists").unwrap_or(operator);
    // A user may call with its long-term keys (no token) or a session it makes now: decided
    // only when both give the same answer. A role's session always has the key.
    let token_key = condition.key.eq_ignore_ascii_case(TOKEN_ISSUE_TIME);
    let is_user = context.principal.as_ref().is_none_or(|p| p.kind == "User");
    if token_key && is_user && !context.request.iter().any(|(k, _)| *k == TOKEN_ISSUE_TIME) {
        let without = decide(condition, &context.with(TOKEN_ISSUE_TIME, None));
        let now = context.now.map(|now| {
            let at = now.format(&Rfc3339).unwrap_or_default();
            decide(condition, &context.with(TOKEN_ISSUE_TIME, Some(&at)))
        });
        return match now {
            Some(with) if with == without => with,
            _ => Verdict::Open,
        };
    }
    let Some(value) = lookup(&condition.key, context) else {
        return Verdict::Open;
    };
    if let Value::Absent = value {
        // A key the request lacks: Null true holds, ...IfExists holds, ForAllValues holds
        // (vacuously), a negated operator holds; every other comparison fails.
        let negated = operator.contains("Not");
        let holds = match operator {
            "Null" => condition.values.iter().all(|v| v == "true"),
            _ => {
                condition.operator.ends_with("IfExists")
                    || condition.operator.starts_with("ForAllValues:")
                    || negated
            }
        };
        return if holds {
            Verdict::Holds
        } else {
            Verdict::Fails
        };
    }
    if operator == "Null" {
        // "true" asks that the key be absent; the keys decided here are present.
        return match condition.values.iter().all(|v| v == "false") {
            true => Verdict::Holds,
            false => Verdict::Fails,
        };
    }
    let (base, negated) = match operator {
        "StringNotEquals" => ("StringEquals", true),
        "StringNotEqualsIgnoreCase" => ("StringEqualsIgnoreCase", true),
        "StringNotLike" => ("StringLike", true),
        "ArnNotEquals" | "ArnNotLike" => ("ArnLike", true),
        "ArnEquals" => ("ArnLike", false),
        "DateNotEquals" => ("DateEquals", true),
        "NumericNotEquals" => ("NumericEquals", true),
        other => (other, false),
    };
    let one = |wanted: &str| -> Option<bool> {
        match (&value, base) {
            (Value::Text(v), "StringEquals") => Some(v == wanted),
            (Value::Text(v), "Bool") => Some(v.eq_ignore_ascii_case(wanted)),
            (Value::Text(v), "StringEqualsIgnoreCase") => Some(v.eq_ignore_ascii_case(wanted)),
            (Value::Text(v), "StringLike" | "ArnLike") => Some(resource_matches(wanted, v)),
            (Value::Time(now), _) => {
                let at = parse_time(wanted)?;
                let (now, at) = match base.starts_with("Numeric") {
                    // aws:EpochTime compared as whole seconds.
                    true => (now.unix_timestamp(), at.unix_timestamp()),
                    false => (
                        now.unix_timestamp_nanos() as i64,
                        at.unix_timestamp_nanos() as i64,
                    ),
                };
                match base
                    .trim_start_matches("Date")
                    .trim_start_matches("Numeric")
                {
                    "Equals" => Some(now == at),
                    "LessThan" => Some(now < at),
                    "LessThanEquals" => Some(now <= at),
                    "GreaterThan" => Some(now > at),
                    "GreaterThanEquals" => Some(now >= at),
                    _ => None,
                }
            }
            _ => None,
        }
    };
    let mut any = false;
    for wanted in &condition.values {
        match one(wanted) {
            Some(hit) => any |= hit,
            // An operator or a value this module cannot compare: open, never a guess.
            None => return Verdict::Open,
        }
    }
    match any != negated {
        true => Verdict::Holds,
        false => Verdict::Fails,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn condition(operator: &str, key: &str, values: &[&str]) -> Condition {
        Condition {
            operator: operator.into(),
            key: key.into(),
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    /// A user's request now: the context the principal keys and the clock decide in.
    fn ci_bot() -> Context {
        Context {
            now: Some(OffsetDateTime::parse("2026-12-06T12:00:00Z", &Rfc3339).expect("time")),
            principal: Some(Principal::user(
                "arn:aws:iam::111122223333:user/ci-bot",
                "ci-bot",
            )),
            ..Context::default()
        }
    }

    fn assert_decides(context: &Context, cases: &[(&str, &str, &[&str], Verdict)]) {
        for (operator, key, values, expected) in cases {
            assert_eq!(
                decide(&condition(operator, key, values), context),
                *expected,
                "{operator} {key} {values:?}"
            );
        }
    }

    #[test]
    fn the_clock_is_decided() {
        use Verdict::*;
        assert_decides(
            &ci_bot(),
            &[
                (
                    "DateLessThan",
                    "aws:CurrentTime",
                    &["2027-01-01T00:00:00Z"][..],
                    Holds,
                ),
                (
                    "DateLessThan",
                    "aws:CurrentTime",
                    &["2020-01-01"][..],
                    Fails,
                ),
                (
                    "DateGreaterThanEquals",
                    "aws:currenttime",
                    &["2026-12-06T12:00:00Z"][..],
                    Holds,
                ),
                (
                    "DateNotEquals",
                    "aws:CurrentTime",
                    &["2026-12-06T12:00:00Z"][..],
                    Fails,
                ),
                (
                    "NumericLessThan",
                    "aws:EpochTime",
                    &["1893456000"][..],
                    Holds,
                ),
                (
                    "ForAnyValue:DateGreaterThan",
                    "aws:CurrentTime",
                    &["2030-01-01", "2026-01-01"][..],
                    Holds,
                ),
            ],
        );
    }

    #[test]
    fn the_principal_is_decided_the_rest_is_open() {
        use Verdict::*;
        assert_decides(
            &ci_bot(),
            &[
                (
                    "StringEquals",
                    "aws:PrincipalArn",
                    &["arn:aws:iam::111122223333:user/ci-bot"][..],
                    Holds,
                ),
                (
                    "ArnLike",
                    "aws:PrincipalArn",
                    &["arn:aws:iam::*:user/ci-*"][..],
                    Holds,
                ),
                (
                    "ArnNotLike",
                    "aws:PrincipalArn",
                    &["arn:aws:iam::*:role/*"][..],
                    Holds,
                ),
                (
                    "StringEqualsIgnoreCase",
                    "aws:username",
                    &["CI-BOT"][..],
                    Holds,
                ),
                (
                    "StringNotEquals",
                    "aws:PrincipalAccount",
                    &["111122223333"][..],
                    Fails,
                ),
                (
                    "StringEqualsIfExists",
                    "aws:PrincipalType",
                    &["AssumedRole"][..],
                    Fails,
                ),
                ("Null", "aws:username", &["true"][..], Fails),
                ("Null", "aws:username", &["false"][..], Holds),
                ("Bool", "aws:MultiFactorAuthPresent", &["true"][..], Open),
                ("IpAddress", "aws:SourceIp", &["10.0.0.0/8"][..], Open),
                (
                    "StringEquals",
                    "aws:RequestedRegion",
                    &["eu-west-1"][..],
                    Open,
                ),
                ("DateLessThan", "aws:CurrentTime", &["next week"][..], Open),
                ("SomeNewOperator", "aws:PrincipalArn", &["x"][..], Open),
            ],
        );
    }

    #[test]
    fn without_a_clock_or_a_principal_nothing_is_decided() {
        use Verdict::*;
        let nothing = Context::default();
        assert_eq!(
            decide(
                &condition("DateLessThan", "aws:CurrentTime", &["2020-01-01"]),
                &nothing
            ),
            Open
        );
        assert_eq!(
            decide(
                &condition("StringEquals", "aws:PrincipalArn", &["x"]),
                &nothing
            ),
            Open
        );
        // A role's sessions have no user name.
        let role = Context {
            now: None,
            principal: Some(Principal::role("arn:aws:iam::111122223333:role/deploy")),
            ..Context::default()
        };
        assert_eq!(
            decide(
                &condition("StringEquals", "aws:username", &["deploy"]),
                &role
            ),
            Open
        );
        assert_eq!(
            decide(
                &condition("StringEquals", "aws:PrincipalType", &["AssumedRole"]),
                &role
            ),
            Holds
        );
    }

    /// What every request of an attack carries: TLS, the caller's own call, a session issued
    /// now (a role's always; a user's only if it makes one, so a condition the two ways
    /// answer differently stays open).
    #[test]
    fn what_every_attack_request_carries_is_decided() {
        use Verdict::*;
        assert_decides(
            &ci_bot(),
            &[
                ("Bool", "aws:SecureTransport", &["true"][..], Holds),
                ("Bool", "aws:SecureTransport", &["false"][..], Fails),
                ("Bool", "aws:ViaAWSService", &["true"][..], Fails),
                ("Bool", "aws:ViaAWSService", &["false"][..], Holds),
                (
                    "DateGreaterThan",
                    "aws:TokenIssueTime",
                    &["2020-01-01"][..],
                    Open,
                ),
                ("Null", "aws:TokenIssueTime", &["true"][..], Open),
                (
                    "DateGreaterThanIfExists",
                    "aws:TokenIssueTime",
                    &["2020-01-01"][..],
                    Holds,
                ),
                (
                    "DateLessThan",
                    "aws:TokenIssueTime",
                    &["2020-01-01"][..],
                    Fails,
                ),
            ],
        );
        let role = Context {
            principal: Some(Principal::role("arn:aws:iam::111122223333:role/deploy")),
            ..ci_bot()
        };
        assert_decides(
            &role,
            &[
                (
                    "DateGreaterThan",
                    "aws:TokenIssueTime",
                    &["2020-01-01"][..],
                    Holds,
                ),
                ("Null", "aws:TokenIssueTime", &["true"][..], Fails),
            ],
        );
    }
}
