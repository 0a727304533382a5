//! The hops into another principal: becoming a user (its keys or password), assuming a role
//! through its trust, or passing a role to a service that runs the caller's code.

use crate::policy::condition::{Verdict, decide as decide_condition};
use crate::policy::document::Effect;
use crate::policy::evaluate::{Decision, Target};
use crate::policy::{Document, PolicyRef, PolicySet};

use super::path::*;
use super::primitives::{Entity, Family, INSTANCE_PROFILE, PRIMITIVES, Primitive};

use super::graph::*;
use super::support::*;

/// One way P could try to become Q, and the hop or why it is blocked.
type Attempt = (&'static Primitive, Result<Hop, String>);

impl<'p> Analyser<'p> {
    /// The best single hop by which P becomes Q (a different user or role).
    pub(super) fn become_(&self, at: usize, q: usize) -> Result<Edge, Vec<Blocked>> {
        let other = &self.nodes[q];
        let attempts = match other.kind {
            Entity::User => self.become_user(at, q),
            Entity::Role => self.become_role(at, q),
            Entity::Group => Vec::new(),
        };
        let mut found: Vec<Edge> = Vec::new();
        let mut blocked: Vec<Blocked> = Vec::new();
        for (primitive, result) in attempts {
            match result {
                Ok(hop) => found.push(Edge { hops: vec![hop] }),
                Err(why) => blocked.push(Blocked::new(primitive, other.arn, why)),
            }
        }
        found.sort_by_key(|e| (!e.definite(), e.hops.len()));
        found.into_iter().next().ok_or(blocked)
    }

    /// P becoming user Q: a new access key, or a console password.
    fn become_user(&self, at: usize, q: usize) -> Vec<Attempt> {
        let node = &self.nodes[at];
        let other = &self.nodes[q];
        let mut attempts: Vec<Attempt> = Vec::new();
        let known = other.credentials;
        if self.capable(at, "iam:CreateAccessKey") {
            let two = known.is_some_and(|c| c.keys >= 2);
            let primitive = self
                .row(Family::AccessKey)
                .find(|p| (p.actions.len() > 1) == two)
                .expect("a row per key count");
            attempts.push((
                primitive,
                self.steps(&node.set, primitive, |_| {
                    (Target::Arn(other.arn), Vec::new())
                })
                .map(|(used, mut s)| {
                    if known.is_none() {
                        s.conditions
                            .push(unlisted(other.name, "fewer than two access keys"));
                    }
                    self.hop(at, other.arn, primitive, &used, other.arn, s)
                }),
            ));
        }
        attempts.extend(self.password_hops(at, q));
        attempts
    }

    /// P setting or changing user Q's console password (both when the report does not say
    /// whether Q has one); Q's MFA device stands in the way unless P may deactivate it.
    fn password_hops(&self, at: usize, q: usize) -> Vec<Attempt> {
        let node = &self.nodes[at];
        let other = &self.nodes[q];
        let known = other.credentials;
        let mut attempts: Vec<Attempt> = Vec::new();
        // A console password: set one (none yet) or change it; both when unknown.
        let existing: &[bool] = match known {
            Some(c) if c.password => &[true],
            Some(_) => &[false],
            None => &[false, true],
        };
        for &existing in existing {
            let primitive = self
                .row(Family::LoginProfile { existing })
                .next()
                .expect("a login row");
            if !self.could(at, primitive) {
                continue;
            }
            attempts.push((
                primitive,
                self.steps(&node.set, primitive, |_| {
                    (Target::Arn(other.arn), Vec::new())
                })
                .map(|(mut used, mut s)| {
                    if known.is_none_or(|c| c.mfa) {
                        let deactivate = self.ask(
                            &node.set,
                            "iam:DeactivateMFADevice",
                            Target::Arn(other.arn),
                            &[],
                        );
                        match (deactivate, known) {
                            (Ok(more), _) => {
                                used.push("iam:DeactivateMFADevice");
                                s = s.and(more);
                            }
                            (Err(_), Some(_)) => s.conditions.push(OpenKey {
                                policy: format!("the console sign-in of user {}", other.name),
                                statement: "its MFA device".into(),
                                effect: Effect::Allow,
                                operator: "Bool".into(),
                                key: "aws:MultiFactorAuthPresent".into(),
                                values: vec!["true".into()],
                            }),
                            (Err(_), None) => s
                                .conditions
                                .push(unlisted(other.name, "a console password and no MFA device")),
                        }
                    }
                    self.hop(at, other.arn, primitive, &used, other.arn, s)
                }),
            ));
        }
        attempts
    }

    /// P becoming role Q: assuming it, rewriting its trust first, or passing it to a service.
    fn become_role(&self, at: usize, q: usize) -> Vec<Attempt> {
        let node = &self.nodes[at];
        let other = &self.nodes[q];
        let mut attempts: Vec<Attempt> = Vec::new();
        let trust = other.trust.as_ref().expect("a role has a trust policy");
        let primitive = self.row(Family::AssumeRole).next().expect("assume row");
        attempts.push((
            primitive,
            self.assume(at, q, trust)
                .map(|s| self.hop(at, other.arn, primitive, &["sts:AssumeRole"], other.arn, s)),
        ));
        if self.capable(at, "iam:UpdateAssumeRolePolicy") {
            let primitive = self.row(Family::RewriteTrust).next().expect("rewrite row");
            let rewrite = self
                .ask(
                    &node.set,
                    "iam:UpdateAssumeRolePolicy",
                    Target::Arn(other.arn),
                    &[],
                )
                .and_then(|s| {
                    Ok(s.and(self.named(at, "sts:AssumeRole", Target::Arn(other.arn))?))
                });
            attempts.push((
                primitive,
                rewrite.map(|s| {
                    self.hop(
                        at,
                        other.arn,
                        primitive,
                        &["iam:UpdateAssumeRolePolicy", "sts:AssumeRole"],
                        other.arn,
                        s,
                    )
                }),
            ));
        }
        if self.capable(at, "iam:PassRole") {
            for service in trusted_services(trust) {
                for primitive in PRIMITIVES.iter().filter(
                    |p| matches!(p.family, Family::Launch { service: s, .. } if s == service),
                ) {
                    attempts.push((primitive, self.launch(at, q, primitive)));
                }
            }
        }
        attempts
    }

    /// P passes role Q to a service and runs code there.
    pub(super) fn launch(&self, at: usize, q: usize, primitive: &Primitive) -> Result<Hop, String> {
        let Family::Launch {
            service,
            creates,
            assumes,
        } = primitive.family
        else {
            return Err("not a launch".into());
        };
        let node = &self.nodes[at];
        let other = &self.nodes[q];
        let request = vec![("iam:passedtoservice", Some(service))];
        let (mut used, mut support) = self.steps(&node.set, primitive, |step| match step {
            0 => (Target::Arn(other.arn), request.clone()),
            _ => (Target::Chosen(creates), Vec::new()),
        })?;
        if service == "ec2.amazonaws.com" && !other.instance_profiles {
            let profiles = self.prefix(at, "instance-profile");
            for action in INSTANCE_PROFILE {
                support =
                    support.and(self.ask(&node.set, action, Target::Chosen(&profiles), &[])?);
                used.push(action);
            }
        }
        if let Some(resource) = assumes {
            support.conditions.push(OpenKey {
                policy: "resources outside the IAM snapshot".into(),
                statement: primitive.id.unwrap_or_default().into(),
                effect: Effect::Allow,
                operator: "Exists".into(),
                key: "resource".into(),
                values: vec![resource.into()],
            });
        }
        Ok(self.hop(at, other.arn, primitive, &used, other.arn, support))
    }

    /// P assumes role Q: Q's trust must admit P; a trust that names the account also needs
    /// P's own Allow, one that names P needs only the absence of P's Deny.
    pub(super) fn assume(&self, at: usize, q: usize, trust: &Document) -> Result<Support, String> {
        let node = &self.nodes[at];
        let other = &self.nodes[q];
        let account = other.arn.split(':').nth(4).unwrap_or_default();
        let mut named: Option<Support> = None;
        let mut through_account: Option<Support> = None;
        let mut denies = Vec::new();
        let trust_name = format!("trust policy of role {}", other.name);
        for statement in &trust.statements {
            if !statement_takes_assume(statement) {
                continue;
            }
            let Some(principals) = &statement.principals else {
                continue;
            };
            let mut how = None;
            for (kind, value) in &principals.entries {
                if kind != "AWS" && kind != "*" {
                    continue;
                }
                let is_account = value == account
                    || value
                        == &format!(
                            "arn:{}:iam::{account}:root",
                            node.arn.split(':').nth(1).unwrap_or("aws")
                        );
                if value == "*" || value == node.arn || (!node.id.is_empty() && value == node.id) {
                    how = Some(true);
                } else if is_account && how.is_none() {
                    how = Some(false);
                }
            }
            let how = match (principals.negated, how) {
                (false, how) => how,
                // NotPrincipal: everyone it does not name.
                (true, Some(_)) => None,
                (true, None) => Some(true),
            };
            let Some(direct) = how else { continue };
            let mut open = Vec::new();
            let mut voided = false;
            for c in &statement.conditions {
                match decide_condition(c, &node.set.context) {
                    Verdict::Holds => {}
                    Verdict::Fails => voided = true,
                    Verdict::Open => open.push(OpenKey {
                        policy: trust_name.clone(),
                        statement: statement.label.clone(),
                        effect: statement.effect,
                        operator: c.operator.clone(),
                        key: c.key.clone(),
                        values: c.values.clone(),
                    }),
                }
            }
            if voided {
                continue;
            }
            let support = Support {
                statements: vec![(
                    PolicyRef::Trust(other.arn.to_string()),
                    statement.label.clone(),
                )],
                conditions: open,
            };
            match (statement.effect, direct) {
                (Effect::Deny, _) if support.definite() => {
                    return Err(format!(
                        "denied by the {trust_name}, statement {}",
                        statement.label
                    ));
                }
                (Effect::Deny, _) => denies.extend(support.conditions),
                (Effect::Allow, true) => keep_better(&mut named, support),
                (Effect::Allow, false) => keep_better(&mut through_account, support),
            }
        }
        let assume = Target::Arn(other.arn);
        let via_named = named.map(|trusted| {
            self.named(at, "sts:AssumeRole", assume)
                .map(|own| trusted.and(own))
        });
        let via_account = through_account.map(|trusted| {
            Support::of(node.set.decide("sts:AssumeRole", assume))
                .map(|own| trusted.and(own))
                .map_err(|why| format!("the trust names the account, and sts:AssumeRole: {why}"))
        });
        let options: Vec<Result<((), Support), String>> = via_named
            .into_iter()
            .chain(via_account)
            .map(|r| r.map(|s| ((), s)))
            .collect();
        let mut result = match options.is_empty() {
            true => Err(format!("the {trust_name} does not admit it")),
            false => best(options).map(|((), s)| s),
        };
        if let Ok(support) = &mut result {
            for mut deny in denies {
                deny.effect = Effect::Deny;
                support.conditions.push(deny);
            }
        }
        result
    }

    /// An action on a role whose trust names P (after P rewrote it, or made the role): no
    /// Allow of P's is needed, only no Deny; a role's sessions stay capped by its boundary.
    pub(super) fn named(
        &self,
        at: usize,
        action: &str,
        target: Target<'_>,
    ) -> Result<Support, String> {
        let node = &self.nodes[at];
        let identity = node.set.decide(action, target);
        if let Decision::Denied { .. } = identity {
            return Support::of(identity).map_err(|w| format!("{action}: {w}"));
        }
        // The trust is the Allow: an Allow of its own that holds only under conditions adds
        // nothing (the path must not read as conditional for it); only its Denies' open
        // conditions stay.
        let mut support = Support::of(identity).unwrap_or_default();
        support.statements.clear();
        support.conditions.retain(|c| c.effect == Effect::Deny);
        if node.kind == Entity::Role
            && let Some(boundary) = node.set.boundary
        {
            let capped = PolicySet {
                identity: vec![boundary],
                boundary: None,
                context: node.set.context.clone(),
            };
            let allowed = Support::of(capped.decide(action, target))
                .map_err(|w| format!("{action}: outside its permissions boundary ({w})"))?;
            support = support.and(allowed);
        }
        Ok(support)
    }
}
