//! A snapshot from a file instead of AWS: the JSON that `aws iam
//! get-account-authorization-details` prints, read into the account model and validated by
//! it (`iam_analysis::model::details`). What the file cannot hold (the account summary, the
//! credential report, ...) is an error saying so, never a guess.

use iam_analysis::model::details::Details;

use super::authorization::identity_center_role_names;
use super::read::{FetchError, Fetched, Source};
use super::{Authorization, CallerIdentity, Snapshot};
use crate::aws::FailureKind;

/// The file's snapshot, or why the file cannot be one.
pub fn snapshot(text: &str) -> Result<Snapshot, String> {
    let details = Details::from_json(text)?;
    let identity = CallerIdentity {
        // No caller: the account's root ARN stands for the account (and its partition).
        arn: format!("arn:{}:iam::{}:root", details.partition, details.account),
        account: details.account,
    };
    let auth = details.authorization;
    // Members of groups the file lacks: every check that needs the groups says so.
    let judged: Fetched<Authorization> = match auth.missing_groups() {
        Some(problem) => Err(FetchError::absent(
            Source::FullAuthorization,
            FailureKind::NotInFile,
            problem,
        )),
        None => Ok(auth.clone()),
    };
    let identity_center_roles = identity_center_role_names(
        auth.roles
            .iter()
            .map(|r| (r.path.as_str(), r.name.as_str())),
    );
    Ok(Snapshot {
        identity: Ok(identity),
        summary: not_in_file(Source::AccountSummary),
        password_policy: not_in_file(Source::PasswordPolicy),
        aliases: not_in_file(Source::AccountAliases),
        authorization: judged.clone(),
        attached_aws_policies: Ok(details.aws_managed),
        full_authorization: judged,
        identity_center_roles: Ok(identity_center_roles),
        credential_report: not_in_file(Source::CredentialReport),
        virtual_mfa_devices: not_in_file(Source::VirtualMfaDevices),
        server_certificates: not_in_file(Source::ServerCertificates),
        security_contact: not_in_file(Source::SecurityContact),
        access_analyzers: not_in_file(Source::AccessAnalyzers),
    })
}

/// What a check that needs `source` shows: the file cannot hold it.
fn not_in_file<T>(source: Source) -> Fetched<T> {
    Err(FetchError::absent(
        source,
        FailureKind::NotInFile,
        format!(
            "{source:?} is not in an authorization details file: audit the account itself for it"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Documents as IAM sends them (URL-encoded strings) or as the AWS CLI prints them
    /// (objects); only the default version counts; an AWS managed policy in use but absent
    /// from the file is kept without a document, so that the check names it.
    #[test]
    fn documents_in_either_form_and_what_the_file_lacks() {
        let text = r#"{
            "UserDetailList": [{"UserName": "dev", "Arn": "arn:aws:iam::111122223333:user/dev",
                "UserPolicyList": [{"PolicyName": "own", "PolicyDocument": "%7B%22Statement%22%3A%5B%5D%7D"}],
                "AttachedManagedPolicies": [{"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}],
                "PermissionsBoundary": {"PermissionsBoundaryType": "PermissionsBoundaryPolicy", "PermissionsBoundaryArn": "arn:aws:iam::111122223333:policy/cap"}}],
            "Policies": [{"PolicyName": "cap", "Arn": "arn:aws:iam::111122223333:policy/cap", "AttachmentCount": 0,
                "PolicyVersionList": [
                    {"Document": {"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}, "IsDefaultVersion": false},
                    {"Document": {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}, "IsDefaultVersion": true}]}]
        }"#;
        let snapshot = snapshot(text).expect("one account's details");
        let identity = snapshot.identity.as_ref().expect("identity");
        assert_eq!(identity.account, "111122223333");
        let auth = snapshot.full_authorization.as_ref().expect("authorization");
        assert_eq!(
            auth.users[0].inline_policies[0].document,
            r#"{"Statement":[]}"#
        );
        assert_eq!(
            auth.users[0].permissions_boundary.as_deref(),
            Some("arn:aws:iam::111122223333:policy/cap")
        );
        assert_eq!(
            auth.policies[0].document.as_deref(),
            Some(r#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#)
        );
        let aws = snapshot
            .attached_aws_policies
            .as_ref()
            .expect("aws managed");
        assert_eq!(aws.len(), 1);
        assert_eq!(aws[0].arn, "arn:aws:iam::aws:policy/ReadOnlyAccess");
        assert_eq!(aws[0].document, None);
        let summary = snapshot.summary.as_ref().expect_err("not in the file");
        assert_eq!(summary.kind, FailureKind::NotInFile);
        assert_eq!(
            summary.reason(),
            "AccountSummary is not in an authorization details file: audit the account itself for it"
        );
    }
}
