//! The escalation primitives as data: one row per way a principal gains permissions it does
//! not hold, each with its pathfinding.cloud id (DataDog/pathfinding.cloud at 84dd65c) where
//! the catalogue has one. The search reads what each row needs from here; a unit test
//! expands every action against the action catalogue, so a name AWS does not know fails the
//! build's tests instead of silently never matching.

/// Where a primitive's action is aimed, and what it yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Write an admin document as a new default version of a customer policy P holds.
    NewPolicyVersion,
    /// Make a stored non-default version of a policy P holds the default.
    SetDefaultVersion,
    /// Attach an admin managed policy (`iam:PolicyARN`) to P itself, or to one of P's groups.
    AttachToSelf(Entity),
    /// Write an admin inline policy into P itself, or into one of P's groups.
    PutToSelf(Entity),
    /// Join a group whose policies make P an administrator.
    JoinGroup,
    /// Remove P's permissions boundary (or set a permissive one).
    LiftBoundary(Entity),
    /// Remove a policy that denies P something, from P itself (User, Role) or from one of
    /// P's groups (Group: detach or delete it there, or leave the group).
    ShedDeny(Entity),
    /// Become user Q: a new access key (the delete frees a slot when Q holds two).
    AccessKey,
    /// Become user Q at the console: a password of P's choosing.
    LoginProfile {
        /// Whether Q has a password already (UpdateLoginProfile) or not (CreateLoginProfile).
        existing: bool,
    },
    /// Become role Q through its trust policy.
    AssumeRole,
    /// Rewrite role Q's trust policy to name P, then assume Q.
    RewriteTrust,
    /// Make another principal Q an administrator (attach, put, new version) and then become
    /// Q by one of the hops above (pathfinding's iam-014 to iam-021).
    ModifyThenBecome(Entity),
    /// Create a principal, give it an admin policy, become it.
    CreatePrincipal(Entity),
    /// Pass role Q to a service that runs code P controls.
    Launch {
        /// The service the role is passed to.
        service: &'static str,
        /// The ARN prefix of the resource P creates (a name P chooses).
        creates: &'static str,
        /// Something that must already exist, which the snapshot cannot see.
        assumes: Option<&'static str>,
    },
    /// Run code as the role of a resource that already exists (a function, an instance):
    /// which exist is outside the IAM snapshot, so these are notes, never findings.
    Existing {
        /// The kind of resource, in words (`Lambda functions`, `stacks`).
        resource: &'static str,
    },
}

impl Family {
    /// Does it change what the principal itself holds (or make one it then becomes), rather
    /// than take it to another existing principal?
    pub fn changes_oneself(self) -> bool {
        !matches!(
            self,
            Family::AccessKey
                | Family::LoginProfile { .. }
                | Family::AssumeRole
                | Family::RewriteTrust
                | Family::Launch { .. }
                | Family::Existing { .. }
        )
    }
}

/// The kind of principal a primitive acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Entity {
    /// An IAM user.
    User,
    /// An IAM group.
    Group,
    /// An IAM role.
    Role,
}

/// One way to gain rights: its family, the actions it takes, its pathfinding.cloud id.
#[derive(Debug)]
pub struct Primitive {
    /// The pathfinding.cloud id; `None` where that catalogue lists no such path.
    pub id: Option<&'static str>,
    /// What it does.
    pub family: Family,
    /// Every step needed, each a list of alternatives (any one will do).
    pub actions: &'static [&'static [&'static str]],
}

const fn row(
    id: Option<&'static str>,
    family: Family,
    actions: &'static [&'static [&'static str]],
) -> Primitive {
    Primitive {
        id,
        family,
        actions,
    }
}

const fn launch(
    service: &'static str,
    creates: &'static str,
    assumes: Option<&'static str>,
) -> Family {
    Family::Launch {
        service,
        creates,
        assumes,
    }
}

use Entity::{Group, Role, User};
use Family::*;

/// Every primitive, in the order paths are tried.
pub static PRIMITIVES: &[Primitive] = &[
    row(
        Some("iam-001"),
        NewPolicyVersion,
        &[&["iam:CreatePolicyVersion"]],
    ),
    row(None, SetDefaultVersion, &[&["iam:SetDefaultPolicyVersion"]]),
    row(
        Some("iam-008"),
        AttachToSelf(User),
        &[&["iam:AttachUserPolicy"]],
    ),
    row(
        Some("iam-010"),
        AttachToSelf(Group),
        &[&["iam:AttachGroupPolicy"]],
    ),
    row(
        Some("iam-009"),
        AttachToSelf(Role),
        &[&["iam:AttachRolePolicy"]],
    ),
    row(Some("iam-007"), PutToSelf(User), &[&["iam:PutUserPolicy"]]),
    row(
        Some("iam-011"),
        PutToSelf(Group),
        &[&["iam:PutGroupPolicy"]],
    ),
    row(Some("iam-005"), PutToSelf(Role), &[&["iam:PutRolePolicy"]]),
    row(Some("iam-013"), JoinGroup, &[&["iam:AddUserToGroup"]]),
    row(
        None,
        LiftBoundary(User),
        &[&[
            "iam:DeleteUserPermissionsBoundary",
            "iam:PutUserPermissionsBoundary",
        ]],
    ),
    row(
        None,
        LiftBoundary(Role),
        &[&[
            "iam:DeleteRolePermissionsBoundary",
            "iam:PutRolePermissionsBoundary",
        ]],
    ),
    row(
        None,
        ShedDeny(User),
        &[&["iam:DetachUserPolicy", "iam:DeleteUserPolicy"]],
    ),
    row(
        None,
        ShedDeny(Group),
        &[&[
            "iam:DetachGroupPolicy",
            "iam:DeleteGroupPolicy",
            "iam:RemoveUserFromGroup",
        ]],
    ),
    row(
        None,
        ShedDeny(Role),
        &[&["iam:DetachRolePolicy", "iam:DeleteRolePolicy"]],
    ),
    row(Some("iam-002"), AccessKey, &[&["iam:CreateAccessKey"]]),
    row(
        Some("iam-003"),
        AccessKey,
        &[&["iam:CreateAccessKey"], &["iam:DeleteAccessKey"]],
    ),
    row(
        Some("iam-004"),
        LoginProfile { existing: false },
        &[&["iam:CreateLoginProfile"]],
    ),
    row(
        Some("iam-006"),
        LoginProfile { existing: true },
        &[&["iam:UpdateLoginProfile"]],
    ),
    row(Some("sts-001"), AssumeRole, &[&["sts:AssumeRole"]]),
    row(
        Some("iam-012"),
        RewriteTrust,
        &[&["iam:UpdateAssumeRolePolicy"], &["sts:AssumeRole"]],
    ),
    row(
        Some("iam-014"),
        ModifyThenBecome(Role),
        &[&["iam:AttachRolePolicy"], &["sts:AssumeRole"]],
    ),
    row(
        Some("iam-017"),
        ModifyThenBecome(Role),
        &[&["iam:PutRolePolicy"], &["sts:AssumeRole"]],
    ),
    row(
        Some("iam-015"),
        ModifyThenBecome(User),
        &[&["iam:AttachUserPolicy"], &["iam:CreateAccessKey"]],
    ),
    row(
        Some("iam-018"),
        ModifyThenBecome(User),
        &[&["iam:PutUserPolicy"], &["iam:CreateAccessKey"]],
    ),
    // Another's boundary lifted: a capped administrator made a whole one, then become.
    row(
        None,
        ModifyThenBecome(Role),
        &[&["iam:DeleteRolePermissionsBoundary"], &["sts:AssumeRole"]],
    ),
    row(
        None,
        ModifyThenBecome(User),
        &[
            &["iam:DeleteUserPermissionsBoundary"],
            &["iam:CreateAccessKey"],
        ],
    ),
    row(
        None,
        CreatePrincipal(Role),
        &[
            &["iam:CreateRole"],
            &["iam:AttachRolePolicy", "iam:PutRolePolicy"],
            &["sts:AssumeRole"],
        ],
    ),
    row(
        None,
        CreatePrincipal(User),
        &[
            &["iam:CreateUser"],
            &["iam:AttachUserPolicy", "iam:PutUserPolicy"],
            &["iam:CreateAccessKey"],
        ],
    ),
    row(
        Some("lambda-001"),
        launch("lambda.amazonaws.com", "arn:aws:lambda:", None),
        &[
            &["iam:PassRole"],
            &["lambda:CreateFunction"],
            &["lambda:InvokeFunction"],
        ],
    ),
    row(
        Some("lambda-006"),
        launch("lambda.amazonaws.com", "arn:aws:lambda:", None),
        &[
            &["iam:PassRole"],
            &["lambda:CreateFunction"],
            &["lambda:AddPermission"],
        ],
    ),
    row(
        Some("lambda-002"),
        launch(
            "lambda.amazonaws.com",
            "arn:aws:lambda:",
            Some("an event source (stream or queue) to map"),
        ),
        &[
            &["iam:PassRole"],
            &["lambda:CreateFunction"],
            &["lambda:CreateEventSourceMapping"],
        ],
    ),
    row(
        Some("ec2-001"),
        launch("ec2.amazonaws.com", "arn:aws:ec2:", None),
        &[&["iam:PassRole"], &["ec2:RunInstances"]],
    ),
    row(
        Some("ec2-003"),
        launch("ec2.amazonaws.com", "arn:aws:ec2:", None),
        &[&["iam:PassRole"], &["ec2:RequestSpotInstances"]],
    ),
    row(
        Some("cloudformation-001"),
        launch(
            "cloudformation.amazonaws.com",
            "arn:aws:cloudformation:",
            None,
        ),
        &[&["iam:PassRole"], &["cloudformation:CreateStack"]],
    ),
    row(
        Some("cloudformation-003"),
        launch(
            "cloudformation.amazonaws.com",
            "arn:aws:cloudformation:",
            None,
        ),
        &[
            &["iam:PassRole"],
            &["cloudformation:CreateStackSet"],
            &["cloudformation:CreateStackInstances"],
        ],
    ),
    // A change set of type CREATE makes a new stack with the passed role, as CreateStack
    // does (no pathfinding.cloud id: its cloudformation-005 is the existing stack's role).
    row(
        None,
        launch(
            "cloudformation.amazonaws.com",
            "arn:aws:cloudformation:",
            None,
        ),
        &[
            &["iam:PassRole"],
            &["cloudformation:CreateChangeSet"],
            &["cloudformation:ExecuteChangeSet"],
        ],
    ),
    row(
        Some("glue-001"),
        launch("glue.amazonaws.com", "arn:aws:glue:", None),
        &[&["iam:PassRole"], &["glue:CreateDevEndpoint"]],
    ),
    row(
        Some("glue-003"),
        launch("glue.amazonaws.com", "arn:aws:glue:", None),
        &[
            &["iam:PassRole"],
            &["glue:CreateJob"],
            &["glue:StartJobRun"],
        ],
    ),
    row(
        Some("glue-004"),
        launch("glue.amazonaws.com", "arn:aws:glue:", None),
        &[
            &["iam:PassRole"],
            &["glue:CreateJob"],
            &["glue:CreateTrigger"],
        ],
    ),
    row(
        Some("glue-007"),
        launch("glue.amazonaws.com", "arn:aws:glue:", None),
        &[
            &["iam:PassRole"],
            &["glue:CreateSession"],
            &["glue:RunStatement"],
        ],
    ),
    row(
        Some("codebuild-001"),
        launch("codebuild.amazonaws.com", "arn:aws:codebuild:", None),
        &[
            &["iam:PassRole"],
            &["codebuild:CreateProject"],
            &["codebuild:StartBuild"],
        ],
    ),
    row(
        Some("codebuild-004"),
        launch("codebuild.amazonaws.com", "arn:aws:codebuild:", None),
        &[
            &["iam:PassRole"],
            &["codebuild:CreateProject"],
            &["codebuild:StartBuildBatch"],
        ],
    ),
    row(
        Some("sagemaker-001"),
        launch("sagemaker.amazonaws.com", "arn:aws:sagemaker:", None),
        &[&["iam:PassRole"], &["sagemaker:CreateNotebookInstance"]],
    ),
    row(
        Some("sagemaker-002"),
        launch("sagemaker.amazonaws.com", "arn:aws:sagemaker:", None),
        &[&["iam:PassRole"], &["sagemaker:CreateTrainingJob"]],
    ),
    row(
        Some("sagemaker-003"),
        launch("sagemaker.amazonaws.com", "arn:aws:sagemaker:", None),
        &[&["iam:PassRole"], &["sagemaker:CreateProcessingJob"]],
    ),
    row(
        Some("ecs-002"),
        launch("ecs-tasks.amazonaws.com", "arn:aws:ecs:", None),
        &[
            &["iam:PassRole"],
            &["ecs:CreateCluster"],
            &["ecs:RegisterTaskDefinition"],
            &["ecs:RunTask"],
        ],
    ),
    row(
        Some("ecs-001"),
        launch("ecs-tasks.amazonaws.com", "arn:aws:ecs:", None),
        &[
            &["iam:PassRole"],
            &["ecs:CreateCluster"],
            &["ecs:RegisterTaskDefinition"],
            &["ecs:CreateService"],
        ],
    ),
    row(
        Some("ecs-004"),
        launch(
            "ecs-tasks.amazonaws.com",
            "arn:aws:ecs:",
            Some("an ECS cluster"),
        ),
        &[
            &["iam:PassRole"],
            &["ecs:RegisterTaskDefinition"],
            &["ecs:RunTask"],
        ],
    ),
    row(
        Some("ecs-003"),
        launch(
            "ecs-tasks.amazonaws.com",
            "arn:aws:ecs:",
            Some("an ECS cluster"),
        ),
        &[
            &["iam:PassRole"],
            &["ecs:RegisterTaskDefinition"],
            &["ecs:CreateService"],
        ],
    ),
    row(
        Some("ecs-005"),
        launch(
            "ecs-tasks.amazonaws.com",
            "arn:aws:ecs:",
            Some("an ECS cluster with a container instance"),
        ),
        &[
            &["iam:PassRole"],
            &["ecs:RegisterTaskDefinition"],
            &["ecs:StartTask"],
        ],
    ),
    // A role passed to a job or stack set that exists: conditional on it existing.
    row(
        Some("glue-005"),
        launch("glue.amazonaws.com", "arn:aws:glue:", Some("a Glue job")),
        &[
            &["iam:PassRole"],
            &["glue:UpdateJob"],
            &["glue:StartJobRun"],
        ],
    ),
    row(
        Some("glue-006"),
        launch("glue.amazonaws.com", "arn:aws:glue:", Some("a Glue job")),
        &[
            &["iam:PassRole"],
            &["glue:UpdateJob"],
            &["glue:CreateTrigger"],
        ],
    ),
    row(
        Some("cloudformation-004"),
        launch(
            "cloudformation.amazonaws.com",
            "arn:aws:cloudformation:",
            Some("a stack set"),
        ),
        &[&["iam:PassRole"], &["cloudformation:UpdateStackSet"]],
    ),
    row(
        Some("datapipeline-001"),
        launch("datapipeline.amazonaws.com", "arn:aws:datapipeline:", None),
        &[
            &["iam:PassRole"],
            &["datapipeline:CreatePipeline"],
            &["datapipeline:PutPipelineDefinition"],
            &["datapipeline:ActivatePipeline"],
        ],
    ),
    row(
        Some("apprunner-001"),
        launch("tasks.apprunner.amazonaws.com", "arn:aws:apprunner:", None),
        &[&["iam:PassRole"], &["apprunner:CreateService"]],
    ),
    row(
        Some("bedrock-001"),
        launch(
            "bedrock-agentcore.amazonaws.com",
            "arn:aws:bedrock-agentcore:",
            None,
        ),
        &[
            &["iam:PassRole"],
            &["bedrock-agentcore:CreateCodeInterpreter"],
            &["bedrock-agentcore:StartCodeInterpreterSession"],
            &["bedrock-agentcore:InvokeCodeInterpreter"],
        ],
    ),
    row(
        Some("lambda-003"),
        Existing {
            resource: "Lambda functions",
        },
        &[&["lambda:UpdateFunctionCode"]],
    ),
    row(
        Some("cloudformation-002"),
        Existing { resource: "stacks" },
        &[&["cloudformation:UpdateStack"]],
    ),
    row(
        Some("cloudformation-005"),
        Existing { resource: "stacks" },
        &[
            &["cloudformation:CreateChangeSet"],
            &["cloudformation:ExecuteChangeSet"],
        ],
    ),
    row(
        Some("codebuild-002"),
        Existing {
            resource: "CodeBuild projects",
        },
        &[&["codebuild:StartBuild"]],
    ),
    row(
        Some("glue-002"),
        Existing {
            resource: "Glue development endpoints",
        },
        &[&["glue:UpdateDevEndpoint"]],
    ),
    row(
        Some("ec2-002"),
        Existing {
            resource: "EC2 instances",
        },
        &[
            &["ec2:ModifyInstanceAttribute"],
            &["ec2:StopInstances"],
            &["ec2:StartInstances"],
        ],
    ),
    row(
        Some("ssm-001"),
        Existing {
            resource: "SSM-managed instances",
        },
        &[&["ssm:StartSession"]],
    ),
    row(
        Some("ssm-002"),
        Existing {
            resource: "SSM-managed instances",
        },
        &[&["ssm:SendCommand"]],
    ),
    row(
        Some("ec2instanceconnect-003"),
        Existing {
            resource: "EC2 instances",
        },
        &[&["ec2-instance-connect:SendSSHPublicKey"]],
    ),
    row(
        Some("sagemaker-004"),
        Existing {
            resource: "SageMaker notebook instances",
        },
        &[&["sagemaker:CreatePresignedNotebookInstanceUrl"]],
    ),
    row(
        Some("codebuild-003"),
        Existing {
            resource: "batch-enabled CodeBuild projects",
        },
        &[&["codebuild:StartBuildBatch"]],
    ),
    row(
        Some("ec2-004"),
        Existing {
            resource: "EC2 launch templates",
        },
        &[
            &["ec2:CreateLaunchTemplateVersion"],
            &["ec2:ModifyLaunchTemplate"],
        ],
    ),
    row(
        Some("sagemaker-005"),
        Existing {
            resource: "SageMaker notebook instances",
        },
        &[
            &["sagemaker:CreateNotebookInstanceLifecycleConfig"],
            &["sagemaker:StopNotebookInstance"],
            &["sagemaker:UpdateNotebookInstance"],
            &["sagemaker:StartNotebookInstance"],
        ],
    ),
    row(
        Some("bedrock-002"),
        Existing {
            resource: "Bedrock AgentCore code interpreters",
        },
        &[
            &["bedrock-agentcore:StartCodeInterpreterSession"],
            &["bedrock-agentcore:InvokeCodeInterpreter"],
        ],
    ),
    row(
        Some("apprunner-002"),
        Existing {
            resource: "App Runner services",
        },
        &[&["apprunner:UpdateService"]],
    ),
];

/// The actions that create a role's instance profile, for EC2 when the role has none.
pub const INSTANCE_PROFILE: &[&str] =
    &["iam:CreateInstanceProfile", "iam:AddRoleToInstanceProfile"];

/// Every action any row names (the capability index asks each once per principal).
pub fn actions() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = PRIMITIVES
        .iter()
        .flat_map(|p| p.actions.iter().copied().flatten().copied())
        .chain(INSTANCE_PROFILE.iter().copied())
        .collect();
    all.sort_unstable();
    all.dedup();
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::catalogue::catalogue;

    /// Every action of the table is one the catalogue knows, spelled as AWS spells it: a
    /// typo here would never match a policy, and the check would pass without a word.
    #[test]
    fn every_action_is_in_the_catalogue() {
        let services = catalogue().services();
        for action in actions() {
            let (prefix, name) = action.split_once(':').expect("service:action");
            let service = services
                .iter()
                .find(|s| s.prefix == prefix)
                .unwrap_or_else(|| panic!("{action}: service {prefix} is not in the catalogue"));
            assert!(
                service.actions.contains(&name),
                "{action}: not an action of {prefix} in the catalogue"
            );
        }
    }

    /// A principal's possible primitives are a bit mask of 128.
    #[test]
    fn the_table_fits_a_mask() {
        assert!(PRIMITIVES.len() <= 128, "{} rows", PRIMITIVES.len());
    }

    #[test]
    fn ids_are_pathfinding_ids_and_each_names_one_row() {
        let mut ids: Vec<&str> = PRIMITIVES.iter().filter_map(|p| p.id).collect();
        for id in &ids {
            let (service, number) = id.rsplit_once('-').expect("service-NNN");
            assert!(!service.is_empty() && number.len() == 3, "{id}");
            assert!(number.bytes().all(|b| b.is_ascii_digit()), "{id}");
        }
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count, "an id names two rows");
    }
}
