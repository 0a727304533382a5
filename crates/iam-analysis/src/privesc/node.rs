//! A user or role as the search sees it: its policy set within its boundary and context,
//! its groups, the customer managed policies it holds, its trust and credentials.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use time::OffsetDateTime;

use super::path::Hop;
use super::primitives::Entity;
use super::reach::Reach;
use super::support::{Support, context};
use crate::credentials::CredentialRow;
use crate::model::{Authorization, RolePermissions, UserPermissions};
use crate::policy::condition::Principal;
use crate::policy::{Document, Library, PolicySet};

/// A set judged: capable by action, possible rows, administrator, reach by action.
pub(super) type Judged<'p> = (Vec<bool>, u128, Option<Support>, Rc<[Reach<'p>]>);

/// A user or role of the account, with what decides for it.
#[derive(Clone)]
pub(super) struct Node<'p> {
    pub(super) kind: Entity,
    pub(super) arn: &'p str,
    pub(super) name: &'p str,
    pub(super) id: &'p str,
    pub(super) set: PolicySet<'p>,
    /// Users: the groups it is in (indexes into `auth.groups`).
    pub(super) groups: Vec<usize>,
    /// Customer managed policies it holds (its own and its groups').
    pub(super) held: Vec<&'p str>,
    /// Roles: the trust policy; users: none.
    pub(super) trust: Option<Document>,
    pub(super) instance_profiles: bool,
    /// A service-linked role (path `/aws-service-role/`): only its AWS service assumes it,
    /// and IAM refuses changes to its trust and policies.
    pub(super) service_linked: bool,
    /// Users: what the credential report says of their keys, password and MFA; `None` when
    /// the report does not list the user (or was not read): then unknown, never "none".
    pub(super) credentials: Option<Credentials>,
    /// Which of the escalation actions it may call at all (by `primitives::actions()`).
    pub(super) capable: Vec<bool>,
    /// Which rows of `PRIMITIVES` it may take at all (bit i for row i).
    pub(super) possible: u128,
    /// An administrator already: what makes it one (conditional when conditions are open).
    pub(super) admin: Option<Support>,
    /// By action (as `capable`): the resources its Allow statements name (shared by the
    /// principals of one policy set).
    pub(super) reach: Rc<[Reach<'p>]>,
    /// Managed policies attached to it directly (not through a group).
    pub(super) direct: Vec<&'p str>,
    /// For a state a principal can change itself into: whose, from which node, by what.
    pub(super) origin: Option<Origin>,
}

/// How a changed state is reached: the principal's node index, the node it changes from
/// (the principal or an earlier state) and the hop that changes it.
#[derive(Clone)]
pub(super) struct Origin {
    pub(super) principal: usize,
    pub(super) parent: usize,
    pub(super) hop: Hop,
}

/// A user's credentials as the credential report lists them.
#[derive(Debug, Clone, Copy)]
pub(super) struct Credentials {
    /// Access keys that exist, active or not (two is IAM's limit).
    pub(super) keys: usize,
    pub(super) password: bool,
    pub(super) mfa: bool,
}

impl<'p> Node<'p> {
    /// The node with what its policy set was judged to be.
    pub(super) fn judged(&mut self, (capable, possible, admin, reach): Judged<'p>) {
        self.capable = capable;
        self.possible = possible;
        self.admin = admin;
        self.reach = reach;
    }

    /// User `user` with what decides for it; the documents that cannot be evaluated are the
    /// error.
    pub(super) fn user(
        auth: &'p Authorization,
        library: &'p Library,
        user: &'p UserPermissions,
        customer: &HashSet<&str>,
        rows: &HashMap<&str, &CredentialRow>,
        now: OffsetDateTime,
    ) -> Result<Self, Vec<String>> {
        let set = library.user(auth, user)?;
        let groups: Vec<usize> = auth
            .groups
            .iter()
            .enumerate()
            .filter(|(_, g)| user.groups.contains(&g.name))
            .map(|(i, _)| i)
            .collect();
        let held = user
            .attached_policies
            .iter()
            .chain(
                groups
                    .iter()
                    .flat_map(|&g| &auth.groups[g].attached_policies),
            )
            .map(|p| p.arn.as_str())
            .filter(|arn| customer.contains(arn))
            .collect();
        let row = rows.get(user.arn.as_str());
        let principal = Principal::user(&user.arn, &user.name).known(&user.id, &user.tags);
        Ok(Node {
            kind: Entity::User,
            arn: &user.arn,
            name: &user.name,
            id: &user.id,
            set: set.within(context(now, principal)),
            groups,
            held,
            trust: None,
            instance_profiles: false,
            service_linked: false,
            credentials: row.map(|r| Credentials {
                keys: r
                    .access_keys
                    .iter()
                    .filter(|k| k.last_rotated.is_some() || k.active)
                    .count(),
                password: r.password_enabled == Some(true),
                mfa: r.mfa_active,
            }),
            capable: Vec::new(),
            possible: 0,
            admin: None,
            reach: Rc::from([]),
            direct: user
                .attached_policies
                .iter()
                .map(|p| p.arn.as_str())
                .collect(),
            origin: None,
        })
    }

    /// Role `role` with what decides for it, its trust parsed.
    pub(super) fn role(
        library: &'p Library,
        role: &'p RolePermissions,
        customer: &HashSet<&str>,
        now: OffsetDateTime,
    ) -> Result<Self, Vec<String>> {
        let set = library.role(role)?;
        let trust = match Document::trust(&role.trust_policy) {
            Ok(trust) => trust,
            Err(e) => return Err(vec![format!("trust policy of role {}: {e}", role.name)]),
        };
        let principal = Principal::role(&role.arn).known(&role.id, &role.tags);
        Ok(Node {
            kind: Entity::Role,
            arn: &role.arn,
            name: &role.name,
            id: &role.id,
            set: set.within(context(now, principal)),
            groups: Vec::new(),
            held: role
                .attached_policies
                .iter()
                .map(|p| p.arn.as_str())
                .filter(|arn| customer.contains(arn))
                .collect(),
            trust: Some(trust),
            instance_profiles: !role.instance_profiles.is_empty(),
            service_linked: role.path.starts_with("/aws-service-role/"),
            credentials: None,
            capable: Vec::new(),
            possible: 0,
            admin: None,
            reach: Rc::from([]),
            direct: role
                .attached_policies
                .iter()
                .map(|p| p.arn.as_str())
                .collect(),
            origin: None,
        })
    }
}
