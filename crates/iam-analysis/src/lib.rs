//! The analysis behind [iam-harden](https://github.com/iam-harden/iam-harden): an account's
//! identities as plain data, the IAM policy evaluator, and who can become an administrator.
//! It reads no account itself: the binary fills the [`model`] from the AWS SDK or from a file
//! of `get-account-authorization-details`, and everything here is a pure function of it.
//!
//! - [`model`]: users, groups, roles and managed policies shaped like
//!   `GetAccountAuthorizationDetails`, their validation, and that call's JSON format
//!   ([`model::details`]).
//! - [`credentials`]: the credential report (keys, passwords, MFA per user).
//! - [`policy`]: documents parsed whole, a vendored catalogue of actions, and per principal
//!   whether an action is allowed, allowed under conditions, or denied, under its boundary.
//! - [`privesc`]: one search back from the administrators over the evaluator's answers: who
//!   can become one, by which steps, and the least-privilege change that cuts the paths.
//! - [`checks`]: the checks that are pure functions of the model (full admin by evaluation,
//!   open trusts, the support role, CloudShell, privilege escalation), each returning a
//!   [`verdict::Outcome`] with a [`verdict::Finding`] per offending resource.
//!
//! ```
//! use iam_analysis::model::details::Details;
//! use iam_analysis::privesc::Input;
//!
//! let text = r#"{"UserDetailList": [{"UserName": "dev",
//!     "Arn": "arn:aws:iam::111122223333:user/dev",
//!     "UserPolicyList": [{"PolicyName": "self-service",
//!       "PolicyDocument": {"Statement": [{"Effect": "Allow",
//!         "Action": "iam:PutUserPolicy", "Resource": "*"}]}}]}]}"#;
//! let details = Details::from_json(text).expect("one account");
//! let input = Input {
//!     auth: &details.authorization,
//!     aws_managed: &details.aws_managed,
//!     report: None,
//!     now: time::OffsetDateTime::UNIX_EPOCH,
//! };
//! let analysis = input.analyse(|analyser| analyser.run()).expect("documents parse");
//! // dev may write itself an inline policy granting everything.
//! assert_eq!(analysis.escalations.len(), 1);
//! assert_eq!(analysis.escalations[0].arn, "arn:aws:iam::111122223333:user/dev");
//! assert_eq!(analysis.escalations[0].path.len(), 1);
//! ```

pub mod checks;
pub mod credentials;
pub mod model;
pub mod policy;
pub mod privesc;
pub mod text;
pub mod verdict;
