//! The IAM policy evaluator: documents parsed whole, wildcards and `NotAction` expanded
//! against a vendored catalogue of actions, and questions answered per principal (a user with
//! its groups' policies, a role, or a single policy). Pure: it reads the snapshot, calls
//! nothing.

pub mod catalogue;
pub mod condition;
pub mod document;
pub mod evaluate;
mod glob;

use std::collections::BTreeMap;

pub use document::Document;
pub use evaluate::{Admin, AdminLevel, NOT_EVALUATED, Policy, PolicyRef, PolicySet};
pub(crate) use glob::resource_matches;

use crate::model::{Authorization, CustomerPolicy, InlinePolicy};

/// Every policy of an account parsed once: the managed ones by ARN (customer managed, and the
/// AWS managed ones in use), the inline ones by owner. A document that could not be read or
/// parsed is kept as its reason, so every verdict that needs it is an error naming it.
#[derive(Debug, Default)]
pub struct Library {
    managed: BTreeMap<String, Result<Policy, String>>,
    inline: BTreeMap<String, Vec<Result<Policy, String>>>,
}

impl Library {
    /// The policies of `auth` and the AWS managed documents in use, each parsed once.
    pub fn new(auth: &Authorization, aws_managed: &[CustomerPolicy]) -> Self {
        let mut library = Self::default();
        for policy in auth.policies.iter().chain(aws_managed) {
            let parsed = match &policy.document {
                Some(text) => parse(PolicyRef::Managed(policy.arn.clone()), text),
                None => Err("its default version's document was not returned".into()),
            };
            library.managed.insert(policy.arn.clone(), parsed);
        }
        let owners = auth
            .users
            .iter()
            .map(|u| (&u.arn, &u.inline_policies))
            .chain(auth.groups.iter().map(|g| (&g.arn, &g.inline_policies)))
            .chain(auth.roles.iter().map(|r| (&r.arn, &r.inline_policies)));
        for (owner, policies) in owners {
            let parsed = policies.iter().map(|p| parse_inline(owner, p)).collect();
            library.inline.insert(owner.clone(), parsed);
        }
        library
    }

    /// A managed policy by ARN: an error when its document was not read or does not parse.
    pub fn managed(&self, arn: &str) -> Result<&Policy, String> {
        match self.managed.get(arn) {
            Some(Ok(policy)) => Ok(policy),
            Some(Err(reason)) => Err(format!("policy {arn}: {reason}")),
            None => Err(format!("policy {arn}: its document was not read")),
        }
    }

    /// The inline policies of a user, group or role, each parsed or its reason.
    pub fn inline(&self, owner_arn: &str) -> &[Result<Policy, String>] {
        self.inline.get(owner_arn).map_or(&[], Vec::as_slice)
    }

    /// The policies that decide for a user: its own, its groups', and its boundary. Every
    /// document that cannot be evaluated is named in the error.
    pub fn user<'p>(
        &'p self,
        auth: &Authorization,
        user: &crate::model::UserPermissions,
    ) -> Result<PolicySet<'p>, Vec<String>> {
        let groups = auth.groups.iter().filter(|g| user.groups.contains(&g.name));
        let managed = user
            .attached_policies
            .iter()
            .chain(groups.clone().flat_map(|g| &g.attached_policies))
            .map(|p| p.arn.as_str());
        let owners = std::iter::once(user.arn.as_str()).chain(groups.map(|g| g.arn.as_str()));
        self.set(managed, owners, user.permissions_boundary.as_deref())
    }

    /// The policy set of `role`: its attached and inline policies under its boundary.
    pub fn role<'p>(
        &'p self,
        role: &crate::model::RolePermissions,
    ) -> Result<PolicySet<'p>, Vec<String>> {
        let managed = role.attached_policies.iter().map(|p| p.arn.as_str());
        self.set(
            managed,
            std::iter::once(role.arn.as_str()),
            role.permissions_boundary.as_deref(),
        )
    }

    fn set<'p, 'a>(
        &'p self,
        managed: impl Iterator<Item = &'a str>,
        inline_owners: impl Iterator<Item = &'a str>,
        boundary: Option<&str>,
    ) -> Result<PolicySet<'p>, Vec<String>> {
        let mut set = PolicySet::default();
        let mut problems = Vec::new();
        let mut keep = |result: Result<&'p Policy, String>, into: &mut Vec<&'p Policy>| match result
        {
            Ok(policy) if !into.iter().any(|p| std::ptr::eq(*p, policy)) => into.push(policy),
            Ok(_) => {}
            Err(problem) => problems.push(problem),
        };
        for arn in managed {
            keep(self.managed(arn), &mut set.identity);
        }
        for owner in inline_owners {
            for policy in self.inline(owner) {
                keep(policy.as_ref().map_err(Clone::clone), &mut set.identity);
            }
        }
        if let Some(arn) = boundary {
            let mut capped = Vec::new();
            keep(self.managed(arn), &mut capped);
            set.boundary = capped.pop();
        }
        if problems.is_empty() {
            Ok(set)
        } else {
            Err(problems)
        }
    }
}

fn parse(source: PolicyRef, text: &str) -> Result<Policy, String> {
    Ok(Policy::new(source, Document::identity(text)?))
}

fn parse_inline(owner: &str, policy: &InlinePolicy) -> Result<Policy, String> {
    let source = PolicyRef::Inline {
        owner: owner.to_string(),
        name: policy.name.clone(),
    };
    parse(source, &policy.document)
        .map_err(|e| format!("inline policy {} of {owner}: {e}", policy.name))
}

#[cfg(test)]
mod tests;
