//! `privilege-escalation` against the local IAM server, one test per family of primitives:
//! true paths (one hop and several, through groups, trust chains and PassRole) beside the
//! negatives naive tools flag (a Deny in another policy, a resource scope that reaches no
//! administrator, a boundary that blocks, a condition the snapshot decides), and a condition
//! it cannot decide reported as conditional.

mod support;

use aws_sdk_iam::Client;
use serde_json::Value;
use support::{LocalIam, check, seed};

const ACCOUNT: &str = "123456789012";
const ADMIN: &str = "arn:aws:iam::aws:policy/AdministratorAccess";

fn allow(action: &str, resource: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":{action},"Resource":{resource}}}]}}"#
    )
}

fn trust(principal: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{principal},"Action":"sts:AssumeRole"}}]}}"#
    )
}

async fn user(iam: &Client, name: &str, inline: Option<&str>) {
    seed::create_user(iam, name).await.expect("user");
    if let Some(document) = inline {
        seed::put_user_document(iam, name, "own", document)
            .await
            .expect("inline policy");
    }
}

/// A user whose own inline policy allows `action` on `resource` (both JSON).
async fn user_allowed(iam: &Client, name: &str, action: &str, resource: &str) {
    user(iam, name, Some(&allow(action, resource))).await;
}

/// A chain: `user` may assume role deployer (which trusts the account), and deployer may
/// pass role lambda-admin (AdministratorAccess) to a Lambda function it creates and invokes.
async fn lambda_chain(iam: &Client, user: &str) {
    let role_arn = |name: &str| format!("\"arn:aws:iam::{ACCOUNT}:role/{name}\"");
    let account = trust(&format!(r#"{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}}"#));
    let lambda = trust(r#"{"Service":"lambda.amazonaws.com"}"#);
    role(iam, "lambda-admin", &lambda, None, Some(ADMIN)).await;
    let deployer = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"iam:PassRole","Resource":{}}},{{"Effect":"Allow","Action":["lambda:CreateFunction","lambda:InvokeFunction"],"Resource":"*"}}]}}"#,
        role_arn("lambda-admin")
    );
    role(iam, "deployer", &account, Some(&deployer), None).await;
    user_allowed(iam, user, r#""sts:AssumeRole""#, &role_arn("deployer")).await;
}

async fn role(iam: &Client, name: &str, trust: &str, inline: Option<&str>, attached: Option<&str>) {
    iam.create_role()
        .role_name(name)
        .assume_role_policy_document(trust)
        .send()
        .await
        .expect("role");
    if let Some(document) = inline {
        seed::put_role_document(iam, name, "own", document)
            .await
            .expect("role policy");
    }
    if let Some(arn) = attached {
        seed::attach_role_policy(iam, name, arn)
            .await
            .expect("attach");
    }
}

async fn group(
    iam: &Client,
    name: &str,
    members: &[&str],
    inline: Option<&str>,
    attached: Option<&str>,
) {
    seed::create_group(iam, name).await.expect("group");
    for member in members {
        seed::add_to_group(iam, member, name).await.expect("member");
    }
    if let Some(document) = inline {
        seed::put_group_document(iam, name, "own", document)
            .await
            .expect("group policy");
    }
    if let Some(arn) = attached {
        seed::attach_group_policy(iam, name, arn)
            .await
            .expect("attach");
    }
}

/// The check's findings by principal name: (certainty, the path in words).
fn escalations(report: &Value) -> Vec<(String, String, String)> {
    let check = check(report, "privilege-escalation");
    check["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let path: Vec<String> = f["facts"]["path"]
                .as_array()
                .expect("path")
                .iter()
                .map(|h| h["step"].as_str().expect("step").to_string())
                .collect();
            (
                f["resource"]["name"].as_str().expect("name").to_string(),
                f["facts"]["certainty"]
                    .as_str()
                    .expect("certainty")
                    .to_string(),
                path.join("; "),
            )
        })
        .collect()
}

fn finding<'r>(report: &'r Value, name: &str) -> &'r Value {
    check(report, "privilege-escalation")["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["resource"]["name"] == name)
        .unwrap_or_else(|| panic!("no finding for {name}"))
}

fn audit(server: &LocalIam) -> Value {
    let run = server.audit(&["--checks", "privilege-escalation", "--format", "json"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    run.json()
}

fn expect(report: &Value, expected: &[(&str, &str, &str)]) {
    let mut found = escalations(report);
    found.sort();
    let mut expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    expected.sort();
    assert_eq!(
        found,
        expected,
        "{:#}",
        check(report, "privilege-escalation")
    );
}

/// Policy versions, attaching and writing policies, joining groups: the self-escalations,
/// and what stops them.
#[tokio::test]
async fn a_principal_that_rewrites_its_own_permissions() {
    let server = LocalIam::start();
    let iam = server.iam();
    let policy_arn = |name: &str| format!("arn:aws:iam::{ACCOUNT}:policy/{name}");
    // A policy that lets its holder write a new version of itself.
    let own = policy_arn("versioner-policy");
    let versioner = support::seed::create_policy(
        &iam,
        "versioner-policy",
        &allow(r#""iam:CreatePolicyVersion""#, &format!("\"{own}\"")),
    )
    .await
    .expect("policy");
    user(&iam, "versioner", None).await;
    support::seed::attach_user_policy(&iam, "versioner", &versioner)
        .await
        .expect("attach");
    // The same right on a policy nobody holds: no path.
    let elsewhere = support::seed::create_policy(
        &iam,
        "scoped-policy",
        &allow(
            r#""iam:CreatePolicyVersion""#,
            &format!("\"{}\"", policy_arn("unused")),
        ),
    )
    .await
    .expect("policy");
    user(&iam, "scoped", None).await;
    support::seed::attach_user_policy(&iam, "scoped", &elsewhere)
        .await
        .expect("attach");
    // A stored version that grants everything, one SetDefaultPolicyVersion away.
    let stale = support::seed::create_policy(&iam, "stale-policy", &allow(r#""*""#, r#""*""#))
        .await
        .expect("policy");
    iam.create_policy_version()
        .policy_arn(&stale)
        .policy_document(allow(
            r#""iam:SetDefaultPolicyVersion""#,
            &format!("\"{stale}\""),
        ))
        .set_as_default(true)
        .send()
        .await
        .expect("version");
    user(&iam, "stale", None).await;
    support::seed::attach_user_policy(&iam, "stale", &stale)
        .await
        .expect("attach");
    // Attaching to itself: any policy, or only ReadOnlyAccess (decided from iam:PolicyARN).
    user_allowed(
        &iam,
        "attacher",
        r#""iam:AttachUserPolicy""#,
        r#""arn:aws:iam::*:user/${aws:username}""#,
    )
    .await;
    user(
        &iam,
        "read-only-attacher",
        Some(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:AttachUserPolicy","Resource":"*","Condition":{"ArnEquals":{"iam:PolicyARN":"arn:aws:iam::aws:policy/ReadOnlyAccess"}}}]}"#),
    )
    .await;
    // Writing its own inline policy, but only with MFA: conditional.
    user(
        &iam,
        "mfa-writer",
        Some(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PutUserPolicy","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#),
    )
    .await;
    // Allowed by one group, denied by another: no path.
    user(&iam, "denied", None).await;
    group(
        &iam,
        "writers",
        &["denied"],
        Some(&allow(r#""iam:PutUserPolicy""#, r#""*""#)),
        None,
    )
    .await;
    group(
        &iam,
        "guardrails",
        &["denied"],
        Some(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#),
        None,
    )
    .await;
    // Joining the administrators' group; its members are administrators, not findings.
    user(&iam, "boss", None).await;
    group(&iam, "admins", &["boss"], None, Some(ADMIN)).await;
    user_allowed(
        &iam,
        "joiner",
        r#""iam:AddUserToGroup""#,
        &format!("\"arn:aws:iam::{ACCOUNT}:group/admins\""),
    )
    .await;
    let report = audit(&server);
    expect(
        &report,
        &[
            ("attacher", "definite", "iam:AttachUserPolicy on attacher"),
            ("joiner", "definite", "iam:AddUserToGroup on admins"),
            (
                "mfa-writer",
                "conditional",
                "iam:PutUserPolicy on mfa-writer",
            ),
            (
                "stale",
                "definite",
                "iam:SetDefaultPolicyVersion on stale-policy",
            ),
            (
                "versioner",
                "definite",
                "iam:CreatePolicyVersion on versioner-policy",
            ),
        ],
    );
    let check = check(&report, "privilege-escalation");
    assert_eq!(check["status"], "fail");
    let mfa = finding(&report, "mfa-writer");
    assert_eq!(
        mfa["facts"]["conditions"][0]["key"],
        "aws:MultiFactorAuthPresent"
    );
    assert_eq!(
        mfa["message"],
        "user mfa-writer can become an administrator in 1 step: iam:PutUserPolicy on mfa-writer (only if aws:MultiFactorAuthPresent)"
    );
    // Why not, for the user whose group denies what another group allows: the Deny is named.
    let run = server.cli(&["explain", "--principal", "denied"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "  iam:PutUserPolicy on denied: iam:PutUserPolicy: denied by arn:aws:iam::123456789012:group/guardrails inline own statement #1"
        ),
        "{}",
        run.stdout
    );
    let joiner = finding(&report, "joiner");
    assert_eq!(joiner["resource"]["type"], "AwsIamUser");
    assert_eq!(joiner["facts"]["path"][0]["pathfinding"], "iam-013");
    assert_eq!(
        joiner["facts"]["path"][0]["via"][0],
        serde_json::json!({"owner": format!("arn:aws:iam::{ACCOUNT}:user/joiner"), "inline": "own"})
    );
}

/// Roles: trusts that name the account (an Allow of one's own needed) or the principal (no
/// Allow needed, a Deny still blocks), chains of roles, PassRole to a service, and what
/// decides against them: the service a PassRole names, a trust's MFA condition (open).
#[tokio::test]
async fn paths_through_trusts_chains_and_passed_roles() {
    let server = LocalIam::start();
    let iam = server.iam();
    let role_arn = |name: &str| format!("\"arn:aws:iam::{ACCOUNT}:role/{name}\"");
    let account = trust(&format!(r#"{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}}"#));
    role(&iam, "admin-role", &account, None, Some(ADMIN)).await;
    user(
        &iam,
        "assumer",
        Some(&allow(r#""sts:AssumeRole""#, &role_arn("admin-role"))),
    )
    .await;
    // The trust names the account: without an Allow of its own, no way in.
    user(&iam, "outsider", None).await;
    // The trust names the user itself: no Allow needed; a Deny of its own still blocks.
    user(&iam, "named", None).await;
    user(
        &iam,
        "named-denied",
        Some(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"sts:AssumeRole","Resource":"*"}]}"#),
    )
    .await;
    let named = trust(&format!(
        r#"{{"AWS":["arn:aws:iam::{ACCOUNT}:user/named","arn:aws:iam::{ACCOUNT}:user/named-denied"]}}"#
    ));
    role(&iam, "named-admin", &named, None, Some(ADMIN)).await;
    // A chain: user chain → role deployer → PassRole to Lambda → role lambda-admin.
    lambda_chain(&iam, "chain").await;
    // PassRole only to EC2: the Lambda launch is decided against it.
    let ec2_only = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}},{"Effect":"Allow","Action":["lambda:CreateFunction","lambda:InvokeFunction"],"Resource":"*"}]}"#.to_string();
    user(&iam, "ec2-passer", Some(&ec2_only)).await;
    // An admin role for EC2 with an instance profile, and one without.
    let ec2 = trust(r#"{"Service":"ec2.amazonaws.com"}"#);
    role(&iam, "ec2-admin", &ec2, None, Some(ADMIN)).await;
    iam.create_instance_profile()
        .instance_profile_name("ec2-admin")
        .send()
        .await
        .expect("profile");
    iam.add_role_to_instance_profile()
        .instance_profile_name("ec2-admin")
        .role_name("ec2-admin")
        .send()
        .await
        .expect("profile role");
    role(&iam, "ec2-bare", &ec2, None, Some(ADMIN)).await;
    let launcher = |role: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"iam:PassRole","Resource":{}}},{{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}}]}}"#,
            role_arn(role)
        )
    };
    user(&iam, "launcher", Some(&launcher("ec2-admin"))).await;
    user(&iam, "bare-launcher", Some(&launcher("ec2-bare"))).await;
    // A trust that wants MFA: open, so conditional.
    let mfa = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}},"Action":"sts:AssumeRole","Condition":{{"Bool":{{"aws:MultiFactorAuthPresent":"true"}}}}}}]}}"#
    );
    role(&iam, "mfa-admin", &mfa, None, Some(ADMIN)).await;
    user(
        &iam,
        "mfa-assumer",
        Some(&allow(r#""sts:AssumeRole""#, &role_arn("mfa-admin"))),
    )
    .await;
    let report = audit(&server);
    expect(
        &report,
        &[
            ("assumer", "definite", "sts:AssumeRole → admin-role"),
            (
                "chain",
                "definite",
                "sts:AssumeRole → deployer; iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction → lambda-admin",
            ),
            (
                "deployer",
                "definite",
                "iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction → lambda-admin",
            ),
            (
                "launcher",
                "definite",
                "iam:PassRole+ec2:RunInstances → ec2-admin",
            ),
            ("mfa-assumer", "conditional", "sts:AssumeRole → mfa-admin"),
            ("named", "definite", "sts:AssumeRole → named-admin"),
        ],
    );
    let chain = finding(&report, "chain");
    assert_eq!(
        chain["message"],
        "user chain can become an administrator in 2 steps: sts:AssumeRole → deployer; \
         iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction → lambda-admin"
    );
    assert_eq!(chain["facts"]["path"][1]["pathfinding"], "lambda-001");
    assert_eq!(
        chain["facts"]["admin"],
        format!("arn:aws:iam::{ACCOUNT}:role/lambda-admin")
    );
    let deployer = finding(&report, "deployer");
    assert_eq!(deployer["resource"]["type"], "AwsIamRole");
    // One statement of the deployer's cuts both shortest paths through it, and run again
    // without it, both lose every path.
    let fix = &chain["facts"]["fix"][0];
    assert_eq!(
        fix["policy"],
        format!("arn:aws:iam::{ACCOUNT}:role/deployer inline own")
    );
    assert_eq!(fix["cuts_shortest_path_of"], 2);
    assert_eq!(fix["loses_every_path"], 2);
    assert!(
        fix["change"]
            .as_str()
            .expect("change")
            .starts_with("scope iam:PassRole")
    );
    assert_eq!(deployer["facts"]["fix"], chain["facts"]["fix"]);
    let conditions = &finding(&report, "mfa-assumer")["facts"]["conditions"];
    assert_eq!(conditions[0]["policy"], "trust policy of role mfa-admin");
    assert_eq!(conditions[0]["key"], "aws:MultiFactorAuthPresent");

    // Why not: each way a principal could try, and what blocks it.
    let run = server.cli(&["explain", "--principal", "named-denied"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[..2],
        [
            format!("user named-denied (arn:aws:iam::{ACCOUNT}:user/named-denied)").as_str(),
            "Cannot become an administrator."
        ]
    );
    assert!(
        lines.contains(&format!(
            "  sts:AssumeRole on named-admin: sts:AssumeRole: denied by arn:aws:iam::{ACCOUNT}:user/named-denied inline own statement #1"
        ).as_str()),
        "{}",
        run.stdout
    );
    let run = server.cli(&["explain", "--principal", "ec2-passer"]);
    assert!(
        run.stdout.contains(
            "  iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction on lambda-admin: iam:PassRole: no policy allows it"
        ),
        "{}",
        run.stdout
    );
    let run = server.cli(&[
        "explain",
        "--principal",
        &format!("arn:aws:iam::{ACCOUNT}:user/chain"),
        "--format",
        "json",
    ]);
    let explained: Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(
        explained["escalation"]["path"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(explained["escalation"]["certainty"], "definite");
    let unknown = server.cli(&["explain", "--principal", "nobody"]);
    assert_eq!(unknown.code, 2);
    support::assert_contains(&unknown.stderr, "no user or role \"nobody\"");
}

/// Other users' keys and passwords, a permissions boundary that blocks and one that lets
/// itself be lifted, and principals of one's own making.
#[tokio::test]
async fn credentials_boundaries_and_new_principals() {
    let server = LocalIam::start();
    let iam = server.iam();
    user(&iam, "boss", None).await;
    group(&iam, "admins", &["boss"], None, Some(ADMIN)).await;
    user(
        &iam,
        "keymaker",
        Some(&allow(r#""iam:CreateAccessKey""#, r#""*""#)),
    )
    .await;
    // Keys of its own only: the policy variable is put in, so no other user is reached.
    user_allowed(
        &iam,
        "self-service",
        r#"["iam:CreateAccessKey","iam:CreateLoginProfile"]"#,
        r#""arn:aws:iam::*:user/${aws:username}""#,
    )
    .await;
    // A role capped by a boundary that allows writing its policy but not what it would write;
    // another whose boundary lets it remove the boundary first.
    let boundary = support::seed::create_policy(
        &iam,
        "writes-only",
        &allow(r#"["iam:PutRolePolicy","s3:GetObject"]"#, r#""*""#),
    )
    .await
    .expect("boundary");
    let liftable = support::seed::create_policy(
        &iam,
        "liftable",
        &allow(
            r#"["iam:PutRolePolicy","iam:DeleteRolePermissionsBoundary"]"#,
            r#""*""#,
        ),
    )
    .await
    .expect("boundary");
    let account = trust(&format!(r#"{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}}"#));
    for (name, cap) in [("capped", &boundary), ("lifter", &liftable)] {
        iam.create_role()
            .role_name(name)
            .assume_role_policy_document(&account)
            .permissions_boundary(cap)
            .send()
            .await
            .expect("role");
        iam.put_role_policy()
            .role_name(name)
            .policy_name("own")
            .policy_document(allow(
                r#"["iam:PutRolePolicy","iam:DeleteRolePermissionsBoundary"]"#,
                &format!("\"arn:aws:iam::{ACCOUNT}:role/{name}\""),
            ))
            .send()
            .await
            .expect("policy");
    }
    // Creating a role and giving it AdministratorAccess; the same with a boundary required.
    user_allowed(
        &iam,
        "creator",
        r#"["iam:CreateRole","iam:AttachRolePolicy"]"#,
        r#""*""#,
    )
    .await;
    user(
        &iam,
        "bounded-creator",
        Some(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:CreateRole","iam:AttachRolePolicy"],"Resource":"*","Condition":{"StringEquals":{"iam:PermissionsBoundary":"arn:aws:iam::123456789012:policy/writes-only"}}}]}"#),
    )
    .await;
    let report = audit(&server);
    expect(
        &report,
        &[
            (
                "creator",
                "definite",
                "iam:CreateRole+iam:AttachRolePolicy+sts:AssumeRole → (new)",
            ),
            ("keymaker", "definite", "iam:CreateAccessKey → boss"),
            (
                "lifter",
                "definite",
                "iam:DeleteRolePermissionsBoundary on lifter; iam:PutRolePolicy on lifter",
            ),
        ],
    );
    assert_eq!(
        finding(&report, "keymaker")["facts"]["path"][0]["pathfinding"],
        "iam-002"
    );
    let fix = &finding(&report, "lifter")["facts"]["fix"];
    assert_eq!(fix.as_array().expect("fix").len(), 1, "{fix:#}");
}

/// Every format a consumer reads: the JSON report and SARIF against their schemas, SARIF
/// through Microsoft's SARIF Multitool with GitHub's rules (a code flow per path, one step
/// per hop; warning when conditional), ASFF through botocore's validator (Types
/// `TTPs/Privilege Escalation`, every principal of the path in Resources), OCSF.
#[tokio::test]
async fn paths_reach_every_format_and_pass_their_consumers() {
    let server = LocalIam::start();
    let iam = server.iam();
    lambda_chain(&iam, "ci-bot").await;
    user(
        &iam,
        "mfa-writer",
        Some(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PutUserPolicy","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#),
    )
    .await;
    let dir = support::temp_dir("escalation-formats");
    let path = |ext: &str| dir.join(format!("report.{ext}"));
    let outputs: Vec<String> = ["json", "sarif", "asff", "ocsf"]
        .iter()
        .map(|f| format!("{f}={}", path(f).display()))
        .collect();
    let mut args = vec!["--checks", "privilege-escalation"];
    for output in &outputs {
        args.extend(["--output", output.as_str()]);
    }
    let run = server.audit(&args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for kind in ["report", "sarif", "asff", "ocsf"] {
        let file = if kind == "report" {
            path("json")
        } else {
            path(kind)
        };
        support::validate_report(kind, &file).unwrap_or_else(|e| panic!("{kind}: {e}"));
    }
    let diagnostics: Vec<String> = support::sarif_multitool_diagnostics(&path("sarif"))
        .into_iter()
        .filter(|d| !d.contains("GHAzDO1019") && !d.contains("GHAzDO1020"))
        .collect();
    assert!(diagnostics.is_empty(), "{}", diagnostics.join("\n"));

    let read = |ext: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(path(ext)).expect("read")).expect("json")
    };
    let sarif = read("sarif");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let result = |name: &str| {
        results
            .iter()
            .find(|r| r["locations"][0]["logicalLocations"][0]["name"] == name)
            .unwrap_or_else(|| panic!("no result for {name}"))
    };
    let chain = result("ci-bot");
    assert_eq!(chain["level"], "error");
    let steps = chain["codeFlows"][0]["threadFlows"][0]["locations"]
        .as_array()
        .expect("steps");
    let words: Vec<&str> = steps
        .iter()
        .map(|s| s["location"]["message"]["text"].as_str().expect("text"))
        .collect();
    assert_eq!(
        words,
        [
            "sts:AssumeRole → deployer",
            "iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction → lambda-admin"
        ]
    );
    assert_eq!(
        steps[1]["location"]["physicalLocation"]["artifactLocation"]["uri"],
        format!("aws/{ACCOUNT}/iam/role/deployer")
    );
    assert_eq!(result("deployer")["level"], "error");
    assert_eq!(result("mfa-writer")["level"], "warning");

    let asff = read("asff");
    let finding = asff
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["ProductFields"]["iam-harden/ResourceName"] == "ci-bot")
        .expect("ci-bot's finding");
    assert!(
        finding["Types"]
            .as_array()
            .expect("types")
            .contains(&serde_json::json!("TTPs/Privilege Escalation"))
    );
    let resources: Vec<&str> = finding["Resources"]
        .as_array()
        .expect("resources")
        .iter()
        .map(|r| r["Id"].as_str().expect("id"))
        .collect();
    assert_eq!(
        resources,
        [
            format!("arn:aws:iam::{ACCOUNT}:user/ci-bot"),
            format!("arn:aws:iam::{ACCOUNT}:role/deployer"),
            format!("arn:aws:iam::{ACCOUNT}:role/lambda-admin"),
        ]
    );
    assert_eq!(finding["ProductFields"]["iam-harden/Certainty"], "definite");
    assert_eq!(
        finding["ProductFields"]["iam-harden/Path"],
        "sts:AssumeRole → deployer; iam:PassRole+lambda:CreateFunction+lambda:InvokeFunction → lambda-admin"
    );
}

/// The rest of the families: passwords of other users (set one where none exists, change
/// the one that does), rewriting a role's trust, changing another principal and then
/// becoming it (pathfinding's iam-014), and launches through CloudFormation and CodeBuild;
/// with a CodeBuild launch that lacks StartBuild (no path).
#[tokio::test]
async fn passwords_trusts_changed_principals_and_other_launches() {
    let server = LocalIam::start();
    let iam = server.iam();
    let role_arn = |name: &str| format!("\"arn:aws:iam::{ACCOUNT}:role/{name}\"");
    let user_arn = |name: &str| format!("\"arn:aws:iam::{ACCOUNT}:user/{name}\"");
    // Two administrators: one without a console password, one with.
    user(&iam, "quiet-admin", None).await;
    user(&iam, "console-admin", None).await;
    iam.create_login_profile()
        .user_name("console-admin")
        .password("Only-for-the-local-server-1!")
        .send()
        .await
        .expect("password");
    group(
        &iam,
        "admins",
        &["quiet-admin", "console-admin"],
        None,
        Some(ADMIN),
    )
    .await;
    for (name, action, target) in [
        ("password-setter", "iam:CreateLoginProfile", "quiet-admin"),
        (
            "password-changer",
            "iam:UpdateLoginProfile",
            "console-admin",
        ),
        // Setting a password where one exists does nothing: no path.
        ("wrong-setter", "iam:CreateLoginProfile", "console-admin"),
    ] {
        user_allowed(&iam, name, &format!("{action:?}"), &user_arn(target)).await;
    }
    // A role nobody may assume, holding AdministratorAccess, whose trust one user rewrites.
    let nobody = trust(r#"{"Service":"ec2.amazonaws.com"}"#);
    role(&iam, "locked-admin", &nobody, None, Some(ADMIN)).await;
    user_allowed(
        &iam,
        "trust-writer",
        r#""iam:UpdateAssumeRolePolicy""#,
        &role_arn("locked-admin"),
    )
    .await;
    // A plain role the account may assume; one user may both assume it and attach to it.
    let account = trust(&format!(r#"{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}}"#));
    role(&iam, "plain", &account, None, None).await;
    user_allowed(
        &iam,
        "changer",
        r#"["iam:AttachRolePolicy","sts:AssumeRole"]"#,
        &role_arn("plain"),
    )
    .await;
    // Launches: CloudFormation with an admin role; CodeBuild with and without StartBuild.
    role(
        &iam,
        "cfn-admin",
        &trust(r#"{"Service":"cloudformation.amazonaws.com"}"#),
        None,
        Some(ADMIN),
    )
    .await;
    role(
        &iam,
        "build-admin",
        &trust(r#"{"Service":"codebuild.amazonaws.com"}"#),
        None,
        Some(ADMIN),
    )
    .await;
    let launch = |role: &str, actions: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"iam:PassRole","Resource":{}}},{{"Effect":"Allow","Action":{actions},"Resource":"*"}}]}}"#,
            role_arn(role)
        )
    };
    user(
        &iam,
        "stacker",
        Some(&launch("cfn-admin", r#""cloudformation:CreateStack""#)),
    )
    .await;
    user(
        &iam,
        "builder",
        Some(&launch(
            "build-admin",
            r#"["codebuild:CreateProject","codebuild:StartBuild"]"#,
        )),
    )
    .await;
    user(
        &iam,
        "half-builder",
        Some(&launch("build-admin", r#""codebuild:CreateProject""#)),
    )
    .await;
    let report = audit(&server);
    expect(
        &report,
        &[
            (
                "builder",
                "definite",
                "iam:PassRole+codebuild:CreateProject+codebuild:StartBuild → build-admin",
            ),
            (
                "changer",
                "definite",
                "iam:AttachRolePolicy on plain; sts:AssumeRole → plain",
            ),
            (
                "password-changer",
                "definite",
                "iam:UpdateLoginProfile → console-admin",
            ),
            (
                "password-setter",
                "definite",
                "iam:CreateLoginProfile → quiet-admin",
            ),
            (
                "stacker",
                "definite",
                "iam:PassRole+cloudformation:CreateStack → cfn-admin",
            ),
            (
                "trust-writer",
                "definite",
                "iam:UpdateAssumeRolePolicy+sts:AssumeRole → locked-admin",
            ),
        ],
    );
    for (name, id) in [
        ("changer", "iam-014"),
        ("password-changer", "iam-006"),
        ("password-setter", "iam-004"),
        ("trust-writer", "iam-012"),
        ("builder", "codebuild-001"),
        ("stacker", "cloudformation-001"),
    ] {
        assert_eq!(
            finding(&report, name)["facts"]["path"][0]["pathfinding"],
            id,
            "{name}"
        );
    }
}

/// A failing check keeps its notes: a user that may change the code of Lambda functions the
/// snapshot does not list is noted beside the findings of the users that escalate, not
/// dropped when the report orders the findings.
#[tokio::test]
async fn notes_on_existing_resources_survive_a_failing_check() {
    let server = LocalIam::start();
    let iam = server.iam();
    seed::hardened_account(&iam).await.expect("seed");
    user_allowed(&iam, "keymaker", r#""iam:CreateAccessKey""#, r#""*""#).await;
    user_allowed(&iam, "updater", r#""lambda:UpdateFunctionCode""#, r#""*""#).await;
    let run = server.audit(&["--checks", "privilege-escalation", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report = run.json();
    let item = check(&report, "privilege-escalation");
    assert_eq!(item["status"], "fail");
    let details: Vec<&str> = item["details"]
        .as_array()
        .expect("details")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        details.iter().any(|d| d.contains("keymaker")),
        "the escalating user first: {details:?}"
    );
    assert!(
        details
            .iter()
            .any(|d| d.starts_with("note: ") && d.contains("updater")),
        "the note on the updater: {details:?}"
    );
}

/// What every request of an attack carries decides its conditions: TLS, the caller's own
/// call, IAM's one region, and (for a role) a session issued now. A key-making right behind
/// `aws:SecureTransport` is a definite path; behind another region or `aws:ViaAWSService`
/// none; a role's behind `aws:TokenIssueTime` after 2020 definite, a user's open (it may call
/// with long-term keys, which carry no token time).
#[tokio::test]
async fn conditions_every_attack_request_decides() {
    let server = LocalIam::start();
    let iam = server.iam();
    seed::hardened_account(&iam).await.expect("seed");
    let keys_if = |operator: &str, key: &str, value: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"*","Condition":{{"{operator}":{{"{key}":"{value}"}}}}}}]}}"#
        )
    };
    let cases = [
        ("over-tls", keys_if("Bool", "aws:SecureTransport", "true")),
        (
            "in-europe",
            keys_if("StringEquals", "aws:RequestedRegion", "eu-west-1"),
        ),
        ("via-service", keys_if("Bool", "aws:ViaAWSService", "true")),
        (
            "user-session",
            keys_if("DateGreaterThan", "aws:TokenIssueTime", "2020-01-01"),
        ),
    ];
    for (name, document) in &cases {
        user(&iam, name, Some(document)).await;
    }
    let account = trust(&format!(r#"{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}}"#));
    let session = keys_if("DateGreaterThan", "aws:TokenIssueTime", "2020-01-01");
    role(&iam, "role-session", &account, Some(&session), None).await;
    let report = audit(&server);
    let found = escalations(&report);
    let certainty = |name: &str| {
        found
            .iter()
            .find(|(n, ..)| n == name)
            .map(|(_, c, _)| c.as_str())
    };
    assert_eq!(certainty("over-tls"), Some("definite"), "{found:?}");
    assert_eq!(certainty("in-europe"), None, "{found:?}");
    assert_eq!(certainty("via-service"), None, "{found:?}");
    assert_eq!(certainty("user-session"), Some("conditional"), "{found:?}");
    assert_eq!(certainty("role-session"), Some("definite"), "{found:?}");
}

/// Launch sets beyond a stack and a job: a CloudFormation change set that creates a stack
/// with the passed role, and a Glue interactive session (pathfinding.cloud glue-007); each
/// needs all its actions (without RunStatement, no path).
#[tokio::test]
async fn change_sets_and_glue_sessions_launch_a_passed_role() {
    let server = LocalIam::start();
    let iam = server.iam();
    let role_arn = |name: &str| format!("\"arn:aws:iam::{ACCOUNT}:role/{name}\"");
    for (role_name, service) in [
        ("stack-admin", "cloudformation.amazonaws.com"),
        ("glue-admin", "glue.amazonaws.com"),
    ] {
        let trusted = trust(&format!(r#"{{"Service":"{service}"}}"#));
        role(&iam, role_name, &trusted, None, Some(ADMIN)).await;
    }
    let launch = |role: &str, actions: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"iam:PassRole","Resource":{}}},{{"Effect":"Allow","Action":{actions},"Resource":"*"}}]}}"#,
            role_arn(role)
        )
    };
    let cases = [
        (
            "change-setter",
            launch(
                "stack-admin",
                r#"["cloudformation:CreateChangeSet","cloudformation:ExecuteChangeSet"]"#,
            ),
        ),
        (
            "session-runner",
            launch(
                "glue-admin",
                r#"["glue:CreateSession","glue:RunStatement"]"#,
            ),
        ),
        (
            "session-only",
            launch("glue-admin", r#""glue:CreateSession""#),
        ),
        // A role passed to a Glue job that must exist already (glue-005): conditional.
        (
            "job-updater",
            launch("glue-admin", r#"["glue:UpdateJob","glue:StartJobRun"]"#),
        ),
    ];
    for (name, document) in &cases {
        user(&iam, name, Some(document)).await;
    }
    let report = audit(&server);
    expect(
        &report,
        &[
            (
                "change-setter",
                "definite",
                "iam:PassRole+cloudformation:CreateChangeSet+cloudformation:ExecuteChangeSet → stack-admin",
            ),
            (
                "session-runner",
                "definite",
                "iam:PassRole+glue:CreateSession+glue:RunStatement → glue-admin",
            ),
            (
                "job-updater",
                "conditional",
                "iam:PassRole+glue:UpdateJob+glue:StartJobRun → glue-admin",
            ),
        ],
    );
    let session = finding(&report, "session-runner");
    assert_eq!(session["facts"]["path"][0]["pathfinding"], "glue-007");
    let job = &finding(&report, "job-updater")["facts"];
    assert_eq!(job["path"][0]["pathfinding"], "glue-005");
    assert_eq!(job["conditions"][0]["values"][0], "a Glue job");
}

/// Changes to itself that are no escalation alone but enable the next hop (issue: the
/// fixpoint of a principal's changes): joining a group that may assume an admin role or
/// write its own policies, a stored version made default that may assume one, a Deny shed
/// (detached from itself, or its group left) before a write, another's boundary lifted
/// before assuming it; each beside the negative that cannot take the first step. Each
/// intermediate change is a step of its own, with what it gains.
#[tokio::test]
async fn changes_that_first_gain_a_capability_then_move_on() {
    let server = LocalIam::start();
    let iam = server.iam();
    let arn = |kind: &str, name: &str| format!("\"arn:aws:iam::{ACCOUNT}:{kind}/{name}\"");
    let account = trust(&format!(r#"{{"AWS":"arn:aws:iam::{ACCOUNT}:root"}}"#));
    role(&iam, "admin-role", &account, None, Some(ADMIN)).await;
    // Joining a group: one that may assume the admin role, one that may write the joiner's
    // own policies, one that may only read.
    let assume_admin = allow(r#""sts:AssumeRole""#, &arn("role", "admin-role"));
    group(&iam, "assumers", &[], Some(&assume_admin), None).await;
    let own_writes = allow(r#""iam:PutUserPolicy""#, &arn("user", "${aws:username}"));
    group(&iam, "self-service", &[], Some(&own_writes), None).await;
    group(
        &iam,
        "readers",
        &[],
        Some(&allow(r#""s3:GetObject""#, r#""*""#)),
        None,
    )
    .await;
    for (name, joins) in [
        ("joiner", "assumers"),
        ("self-joiner", "self-service"),
        ("reader-joiner", "readers"),
    ] {
        user_allowed(&iam, name, r#""iam:AddUserToGroup""#, &arn("group", joins)).await;
    }
    // A stored version that may assume the admin role, one SetDefaultPolicyVersion away;
    // and the same policy held by a user that may not switch versions.
    let deploy = seed::create_policy(&iam, "deploy", &allow(r#""s3:GetObject""#, r#""*""#))
        .await
        .expect("policy");
    iam.create_policy_version()
        .policy_arn(&deploy)
        .policy_document(&assume_admin)
        .set_as_default(false)
        .send()
        .await
        .expect("version");
    for name in ["versioner", "version-holder"] {
        user(&iam, name, None).await;
        seed::attach_user_policy(&iam, name, &deploy)
            .await
            .expect("attach");
    }
    let switch = allow(r#""iam:SetDefaultPolicyVersion""#, &format!("\"{deploy}\""));
    seed::put_user_document(&iam, "versioner", "switch", &switch)
        .await
        .expect("inline");
    // IAMFullAccess blocked only by a Deny: shed by detaching it, by leaving the group that
    // holds it, or not at all (its Deny also covers detaching and leaving).
    let full = "arn:aws:iam::aws:policy/IAMFullAccess";
    let writes = r#""iam:Put*","iam:Attach*","iam:Create*","iam:SetDefaultPolicyVersion","iam:UpdateAssumeRolePolicy","iam:UpdateLoginProfile","iam:AddUserToGroup","iam:DeleteGroupPolicy","iam:Delete*Boundary""#;
    let deny = |more: &str| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Deny","Action":[{writes}{more}],"Resource":"*"}}]}}"#
        )
    };
    let detachable = seed::create_policy(&iam, "no-writes", &deny(""))
        .await
        .expect("policy");
    let fixed = seed::create_policy(
        &iam,
        "no-writes-ever",
        &deny(r#","iam:Detach*","iam:DeleteUserPolicy","iam:RemoveUserFromGroup""#),
    )
    .await
    .expect("policy");
    for (name, denied_by) in [("shedder", &detachable), ("stuck", &fixed)] {
        user(&iam, name, None).await;
        for policy in [full, denied_by.as_str()] {
            seed::attach_user_policy(&iam, name, policy)
                .await
                .expect("attach");
        }
    }
    user(&iam, "leaver", None).await;
    seed::attach_user_policy(&iam, "leaver", full)
        .await
        .expect("attach");
    group(
        &iam,
        "restricted",
        &["leaver"],
        Some(&deny(r#","iam:Detach*""#)),
        None,
    )
    .await;
    // Another's boundary: a capped administrator role whose trust names two users, one of
    // which may delete its boundary.
    let s3_only = seed::create_policy(&iam, "s3-only", &allow(r#""s3:*""#, r#""*""#))
        .await
        .expect("policy");
    let named = trust(&format!(
        r#"{{"AWS":[{},{}]}}"#,
        arn("user", "lifter"),
        arn("user", "trusted-only")
    ));
    user_allowed(
        &iam,
        "lifter",
        r#""iam:DeleteRolePermissionsBoundary""#,
        &arn("role", "capped-admin"),
    )
    .await;
    user(&iam, "trusted-only", None).await;
    iam.create_role()
        .role_name("capped-admin")
        .assume_role_policy_document(&named)
        .permissions_boundary(&s3_only)
        .send()
        .await
        .expect("role");
    seed::attach_role_policy(&iam, "capped-admin", ADMIN)
        .await
        .expect("attach");

    let report = audit(&server);
    expect(
        &report,
        &[
            (
                "joiner",
                "definite",
                "iam:AddUserToGroup on assumers; sts:AssumeRole → admin-role",
            ),
            (
                "self-joiner",
                "definite",
                "iam:AddUserToGroup on self-service; iam:PutUserPolicy on self-joiner",
            ),
            (
                "versioner",
                "definite",
                "iam:SetDefaultPolicyVersion on deploy; sts:AssumeRole → admin-role",
            ),
            (
                "shedder",
                "definite",
                "iam:DetachUserPolicy on shedder; iam:AttachUserPolicy on shedder",
            ),
            (
                "leaver",
                "definite",
                "iam:RemoveUserFromGroup on restricted; iam:AttachUserPolicy on leaver",
            ),
            (
                "lifter",
                "definite",
                "iam:DeleteRolePermissionsBoundary on capped-admin; sts:AssumeRole → capped-admin",
            ),
        ],
    );
    // Each change says what it gains; the last step is the principal's own.
    let gains = |name: &str| finding(&report, name)["facts"]["path"][0]["gains"].clone();
    assert_eq!(gains("joiner"), serde_json::json!(["sts:AssumeRole"]));
    assert_eq!(
        gains("self-joiner"),
        serde_json::json!(["iam:PutUserPolicy"])
    );
    assert_eq!(gains("versioner"), serde_json::json!(["sts:AssumeRole"]));
    let shed = gains("shedder");
    assert!(
        shed.as_array()
            .expect("gains")
            .contains(&serde_json::json!("iam:AttachUserPolicy no longer denied")),
        "{shed}"
    );
    let last = &finding(&report, "joiner")["facts"]["path"][1];
    assert_eq!(last["from"], format!("arn:aws:iam::{ACCOUNT}:user/joiner"));
    assert!(last.get("gains").is_none(), "{last}");
    // explain --principal shows the gain at its step.
    let run = server.cli(&["explain", "--principal", "joiner"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    support::assert_contains(&run.stdout, "1. iam:AddUserToGroup on assumers");
    support::assert_contains(&run.stdout, "gains sts:AssumeRole");
}

/// Service-linked roles (path `/aws-service-role/`) only their AWS service can assume, and
/// IAM refuses changes to their trust and policies: never the start of a finding, never a
/// hop (a user allowed to rewrite one's trust gains nothing), and the check's note says how
/// many were left out; the same policy on an ordinary role is a finding.
#[tokio::test]
async fn service_linked_roles_are_neither_findings_nor_hops() {
    let server = LocalIam::start();
    let iam = server.iam();
    let linked = iam
        .create_service_linked_role()
        .aws_service_name("elasticbeanstalk.amazonaws.com")
        .send()
        .await
        .expect("service-linked role");
    let linked = linked.role().expect("role");
    let (linked_name, linked_arn) = (linked.role_name().to_string(), linked.arn().to_string());
    let writes_roles = allow(r#""iam:PutRolePolicy""#, r#""*""#);
    seed::put_role_document(&iam, &linked_name, "own", &writes_roles)
        .await
        .expect("inline");
    seed::attach_role_policy(&iam, &linked_name, ADMIN)
        .await
        .expect("attach");
    let ec2 = trust(r#"{"Service":"ec2.amazonaws.com"}"#);
    role(&iam, "writer-role", &ec2, Some(&writes_roles), None).await;
    let rewrite = r#"["iam:UpdateAssumeRolePolicy","sts:AssumeRole"]"#;
    user_allowed(
        &iam,
        "linked-rewriter",
        rewrite,
        &format!("\"{linked_arn}\""),
    )
    .await;
    let report = audit(&server);
    expect(
        &report,
        &[(
            "writer-role",
            "definite",
            "iam:PutRolePolicy on writer-role",
        )],
    );
    let details = check(&report, "privilege-escalation")["details"].to_string();
    support::assert_contains(
        &details,
        "note: 1 service-linked role (path /aws-service-role/) not judged",
    );
}
