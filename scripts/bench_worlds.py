"""Generated accounts for `scripts/bench escalation`, written as `aws iam
get-account-authorization-details` prints them (all pages merged), so that iam-harden and
Cloudsplaining read the same file offline.

    python3 scripts/bench_worlds.py real-shaped OUT.json
    python3 scripts/bench_worlds.py dense OUT.json [ROLES]

real-shaped: 6,000 users, 4,000 roles, 300 groups and 1,450 customer policies (some with
stored versions) of the kinds real accounts hold: service access scoped to resources, with
conditions; role assumption by ARN and by pattern; PassRole with a service to run it;
self-service on one's own user; guardrail Denies; IAM writes scoped to a prefix; boundaries;
AWS managed policies where used; about twenty holders of IAMFullAccess or equivalent; trusts
naming services, the account, and other principals (dense).

dense: ROLES roles (default 10,000) that all trust the account, each allowed sts:AssumeRole
on "*", one of them an administrator.

Deterministic (a fixed seed): the same file every run.
"""

import json
import random
import sys

ACCOUNT = "123456789012"
ARN = f"arn:aws:iam::{ACCOUNT}"
DATE = "2024-01-15T10:00:00Z"

AWS_MANAGED = {
    "AdministratorAccess": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
    "IAMFullAccess": [
        {"Effect": "Allow", "Action": ["iam:*", "organizations:Describe*", "organizations:List*"], "Resource": "*"}
    ],
    "ReadOnlyAccess": [
        {"Effect": "Allow", "Action": ["iam:Get*", "iam:List*", "s3:Get*", "s3:List*", "ec2:Describe*",
                                       "lambda:Get*", "lambda:List*", "logs:Describe*", "logs:Get*",
                                       "cloudformation:Describe*", "cloudformation:List*", "sts:GetCallerIdentity"],
         "Resource": "*"}
    ],
    "PowerUserAccess": [
        {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"], "Resource": "*"},
        {"Effect": "Allow", "Action": ["iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole",
                                       "iam:ListRoles", "organizations:DescribeOrganization",
                                       "account:ListRegions"], "Resource": "*"},
    ],
    "AmazonS3FullAccess": [{"Effect": "Allow", "Action": ["s3:*", "s3-object-lambda:*"], "Resource": "*"}],
    "AWSLambda_FullAccess": [
        {"Effect": "Allow", "Action": ["cloudformation:DescribeStacks", "lambda:*", "logs:DescribeLogGroups",
                                       "iam:ListRoles", "iam:GetRole"], "Resource": "*"},
        {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*",
         "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}},
    ],
    "AWSLambdaBasicExecutionRole": [
        {"Effect": "Allow", "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
         "Resource": "*"}
    ],
    "AmazonSSMManagedInstanceCore": [
        {"Effect": "Allow", "Action": ["ssm:DescribeAssociation", "ssm:GetDocument", "ssm:UpdateInstanceInformation",
                                       "ssmmessages:CreateControlChannel", "ec2messages:GetMessages"],
         "Resource": "*"}
    ],
}

SERVICES = ["s3", "dynamodb", "sqs", "sns", "logs", "kms", "secretsmanager", "ssm", "ecr", "kinesis"]
RUNNERS = [
    ("lambda.amazonaws.com", ["lambda:CreateFunction", "lambda:InvokeFunction"]),
    ("ecs-tasks.amazonaws.com", ["ecs:RegisterTaskDefinition", "ecs:RunTask"]),
    ("glue.amazonaws.com", ["glue:CreateJob", "glue:StartJobRun"]),
    ("ec2.amazonaws.com", ["ec2:RunInstances"]),
]


def document(statements):
    return {"Version": "2012-10-17", "Statement": statements}


def aws_arn(name):
    return f"arn:aws:iam::aws:policy/{name}"


class World:
    def __init__(self, seed):
        self.rand = random.Random(seed)
        self.users, self.groups, self.roles, self.policies = [], [], [], []
        self.aws_used = set()
        self.ids = 0

    def id(self, prefix):
        self.ids += 1
        return f"{prefix}{self.ids:017X}"

    def policy(self, name, statements, versions=()):
        arn = f"{ARN}:policy/{name}"
        listed = [{"Document": document(s), "VersionId": f"v{i + 1}", "IsDefaultVersion": False, "CreateDate": DATE}
                  for i, s in enumerate(versions)]
        listed.append({"Document": document(statements), "VersionId": f"v{len(listed) + 1}",
                       "IsDefaultVersion": True, "CreateDate": DATE})
        self.policies.append({
            "PolicyName": name, "PolicyId": self.id("ANPA"), "Arn": arn, "Path": "/",
            "DefaultVersionId": listed[-1]["VersionId"], "AttachmentCount": 0, "PermissionsBoundaryUsageCount": 0,
            "IsAttachable": True, "CreateDate": DATE, "UpdateDate": DATE, "PolicyVersionList": listed,
        })
        return arn

    def attached(self, arns):
        out = []
        for arn in arns:
            name = arn.rsplit("/", 1)[-1]
            if arn.startswith("arn:aws:iam::aws:"):
                self.aws_used.add(name)
            out.append({"PolicyName": name, "PolicyArn": arn})
        return out

    def user(self, name, groups=(), attached=(), inline=(), boundary=None):
        self.users.append({
            "Path": "/", "UserName": name, "UserId": self.id("AIDA"), "Arn": f"{ARN}:user/{name}",
            "CreateDate": DATE, "GroupList": list(groups), "AttachedManagedPolicies": self.attached(attached),
            "UserPolicyList": [{"PolicyName": n, "PolicyDocument": document(s)} for n, s in inline],
            "Tags": [], **self.boundary(boundary),
        })

    def group(self, name, attached=(), inline=()):
        self.groups.append({
            "Path": "/", "GroupName": name, "GroupId": self.id("AGPA"), "Arn": f"{ARN}:group/{name}",
            "CreateDate": DATE, "AttachedManagedPolicies": self.attached(attached),
            "GroupPolicyList": [{"PolicyName": n, "PolicyDocument": document(s)} for n, s in inline],
        })

    def role(self, name, trust, attached=(), inline=(), boundary=None):
        self.roles.append({
            "Path": "/", "RoleName": name, "RoleId": self.id("AROA"), "Arn": f"{ARN}:role/{name}",
            "CreateDate": DATE, "AssumeRolePolicyDocument": document(trust), "InstanceProfileList": [],
            "AttachedManagedPolicies": self.attached(attached),
            "RolePolicyList": [{"PolicyName": n, "PolicyDocument": document(s)} for n, s in inline],
            "Tags": [], "RoleLastUsed": {}, **self.boundary(boundary),
        })

    def boundary(self, arn):
        if arn is None:
            return {}
        if arn.startswith("arn:aws:iam::aws:"):
            self.aws_used.add(arn.rsplit("/", 1)[-1])
        return {"PermissionsBoundary": {"PermissionsBoundaryType": "PermissionsBoundaryPolicy",
                                        "PermissionsBoundaryArn": arn}}

    def dump(self, path):
        for name in sorted(self.aws_used):
            self.policies.append({
                "PolicyName": name, "PolicyId": self.id("ANPA"), "Arn": aws_arn(name), "Path": "/",
                "DefaultVersionId": "v1", "AttachmentCount": 1, "PermissionsBoundaryUsageCount": 0,
                "IsAttachable": True, "CreateDate": DATE, "UpdateDate": DATE,
                "PolicyVersionList": [{"Document": document(AWS_MANAGED[name]), "VersionId": "v1",
                                       "IsDefaultVersion": True, "CreateDate": DATE}],
            })
        with open(path, "w", encoding="utf-8") as out:
            json.dump({"UserDetailList": self.users, "GroupDetailList": self.groups, "RoleDetailList": self.roles,
                       "Policies": self.policies}, out)


def real_shaped(path):
    w = World(31)
    r = w.rand
    users = [f"user-{i:04}" for i in range(6000)]
    roles = [f"{r.choice(['app', 'svc', 'ci', 'data', 'ops'])}-{i:04}" for i in range(4000)]
    role_arns = [f"{ARN}:role/{n}" for n in roles]
    runners = {}

    # Boundaries: service work allowed, IAM and boundary edits denied (as AWS's examples do).
    boundaries = [w.policy(f"boundary-{i}", [
        {"Effect": "Allow", "Action": [f"{s}:*" for s in r.sample(SERVICES, 5)] + ["sts:AssumeRole", "iam:PassRole"],
         "Resource": "*"},
        {"Sid": "NoBoundaryEdits", "Effect": "Deny",
         "Action": ["iam:DeleteUserPermissionsBoundary", "iam:DeleteRolePermissionsBoundary",
                    "iam:PutUserPermissionsBoundary", "iam:PutRolePermissionsBoundary"], "Resource": "*"},
    ]) for i in range(10)]

    pool = []
    for i in range(1440):
        kind = r.random()
        name = f"team-{i:04}"
        if kind < 0.55:
            service = r.choice(SERVICES)
            statement = {"Effect": "Allow", "Action": [f"{service}:Get*", f"{service}:List*", f"{service}:Put*"],
                         "Resource": f"arn:aws:{service}:*:{ACCOUNT}:{name}-*"}
            if r.random() < 0.3:
                statement["Condition"] = {"StringEquals": {"aws:RequestedRegion": r.choice(["eu-west-1", "us-east-1"])}}
            statements = [statement]
        elif kind < 0.68:
            targets = r.sample(role_arns, r.randint(1, 4))
            if r.random() < 0.3:
                targets.append(f"{ARN}:role/{r.choice(['app', 'svc', 'data'])}-1*")
            statements = [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": targets}]
            if r.random() < 0.2:
                statements[0]["Condition"] = {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
        elif kind < 0.78:
            service, actions = r.choice(RUNNERS)
            statements = [
                {"Effect": "Allow", "Action": "iam:PassRole", "Resource": f"{ARN}:role/{r.choice(['app', 'svc'])}-{r.randint(0, 39)}*",
                 "Condition": {"StringEquals": {"iam:PassedToService": service}}},
                {"Effect": "Allow", "Action": actions, "Resource": "*"},
            ]
        elif kind < 0.86:
            statements = [{"Effect": "Allow", "Action": ["iam:ChangePassword", "iam:CreateAccessKey", "iam:DeleteAccessKey",
                                                         "iam:ListAccessKeys", "iam:CreateVirtualMFADevice",
                                                         "iam:EnableMFADevice"],
                           "Resource": [f"{ARN}:user/${{aws:username}}", f"{ARN}:mfa/${{aws:username}}"]}]
        elif kind < 0.94:
            statements = [
                {"Effect": "Allow", "Action": [f"{r.choice(SERVICES)}:*", "iam:Get*", "iam:List*"], "Resource": "*"},
                {"Effect": "Deny", "Action": ["iam:*", "organizations:*"], "Resource": "*",
                 "Condition": {"StringNotEquals": {"aws:RequestedRegion": "us-east-1"}}},
                {"Effect": "Deny", "Action": f"{r.choice(SERVICES)}:Delete*", "Resource": "*"},
            ]
        else:
            prefix = r.choice(["app", "svc", "data"])
            statements = [{"Effect": "Allow", "Action": ["iam:AttachRolePolicy", "iam:PutRolePolicy", "iam:GetRole",
                                                         "iam:CreatePolicyVersion"],
                           "Resource": [f"{ARN}:role/{prefix}-*", f"{ARN}:policy/team-{r.randint(0, 9)}*"]}]
        versions = []
        if r.random() < 0.12:
            versions = [[{"Effect": "Allow", "Action": f"{r.choice(SERVICES)}:*", "Resource": "*"}]
                        for _ in range(r.randint(1, 3))]
        pool.append(w.policy(name, statements, versions))

    managed_mix = [aws_arn("ReadOnlyAccess")] * 6 + [aws_arn("PowerUserAccess"), aws_arn("AmazonS3FullAccess"),
                                                     aws_arn("AWSLambda_FullAccess")]
    groups = [f"group-{i:03}" for i in range(300)]
    for i, name in enumerate(groups):
        attached = r.sample(pool, r.randint(1, 4))
        if r.random() < 0.15:
            attached.append(r.choice(managed_mix))
        inline = []
        if r.random() < 0.3:
            inline = [("inline", [{"Effect": "Allow", "Action": f"{r.choice(SERVICES)}:Get*", "Resource": "*"}])]
        if i == 0:
            attached = [aws_arn("IAMFullAccess")]  # ten members: ten holders of IAMFullAccess
        w.group(name, attached, inline)

    for i, name in enumerate(users):
        # A few big groups, many small ones, as teams are.
        member_of = sorted({groups[min(int(r.paretovariate(1.2)) - 1, 299)] for _ in range(r.randint(1, 3))})
        member_of = [g for g in member_of if g != "group-000"] or ["group-001"]
        if i < 10:
            member_of.append("group-000")
        attached = r.sample(pool, 1) if r.random() < 0.1 else []
        if i in (10, 11, 12, 13, 14):
            attached.append(aws_arn("IAMFullAccess"))
        inline = [("own", [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::home/{name}/*"}])] \
            if r.random() < 0.05 else []
        boundary = r.choice(boundaries) if r.random() < 0.15 else None
        w.user(name, member_of, attached, inline, boundary)

    for i, name in enumerate(roles):
        kind = r.random()
        if kind < 0.4:
            service = r.choice([s for s, _ in RUNNERS])
            trust = [{"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole"}]
        elif kind < 0.7:
            statement = {"Effect": "Allow", "Principal": {"AWS": f"{ARN}:root"}, "Action": "sts:AssumeRole"}
            if r.random() < 0.3:
                statement["Condition"] = {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
            trust = [statement]
        else:
            named = [f"{ARN}:role/{n}" for n in r.sample(roles, r.randint(1, 4))] + \
                    [f"{ARN}:user/{n}" for n in r.sample(users, r.randint(0, 3))]
            trust = [{"Effect": "Allow", "Principal": {"AWS": named}, "Action": "sts:AssumeRole"}]
        attached = r.sample(pool, r.randint(1, 3))
        if r.random() < 0.3:
            attached.append(aws_arn(r.choice(["AWSLambdaBasicExecutionRole", "AmazonSSMManagedInstanceCore"])))
        if r.random() < 0.02:
            attached = [aws_arn("AdministratorAccess")]
        if i < 5:
            attached.append(aws_arn("IAMFullAccess"))
        boundary = r.choice(boundaries) if r.random() < 0.15 else None
        w.role(name, trust, attached, [], boundary)
    w.dump(path)
    return len(w.users), len(w.roles), len(w.groups), len(w.policies) - len(w.aws_used)


def dense(path, count):
    w = World(7)
    assume_any = w.policy("assume-any", [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}])
    trust = [{"Effect": "Allow", "Principal": {"AWS": f"{ARN}:root"}, "Action": "sts:AssumeRole"}]
    for i in range(count):
        attached = [assume_any] + ([aws_arn("AdministratorAccess")] if i == 0 else [])
        w.role(f"role-{i:05}", trust, attached)
    w.dump(path)
    return 0, count, 0, 1


if __name__ == "__main__":
    kind, out = sys.argv[1], sys.argv[2]
    if kind == "real-shaped":
        counts = real_shaped(out)
    elif kind == "dense":
        counts = dense(out, int(sys.argv[3]) if len(sys.argv) > 3 else 10000)
    else:
        sys.exit(__doc__)
    print("users %d, roles %d, groups %d, customer policies %d" % counts)
