//! `iam-harden checks` and `iam-harden explain ID`: the checks table, for people and tools;
//! README's check table is `checks --all --format markdown`.

use anyhow::{Result, bail};
use serde_json::json;

use crate::checks::{CHECKS, Check};
use crate::output::stdout_line;
use crate::render::Format;

/// The checks a listing shows: the console's five, and with `all` the extended ones.
fn selected(all: bool) -> impl Iterator<Item = &'static Check> {
    CHECKS.iter().filter(move |c| all || !c.extended)
}

fn list_or_dash(items: &[&str]) -> String {
    match items {
        [] => "–".to_string(),
        items => items.join(", "),
    }
}

pub fn list(format: Format, all: bool) -> Result<u8> {
    match format {
        Format::Markdown => stdout_line(markdown(selected(all)).trim_end()),
        Format::Json => {
            let checks: Vec<_> = selected(all)
                .map(|c| {
                    json!({
                        "id": c.id,
                        "title": c.title,
                        "extended": c.extended,
                        "severity": c.severity.as_str(),
                        "cis": c.cis,
                        "security_hub": c.security_hub,
                        "green_when": c.green_when,
                        "fix": c.fix,
                    })
                })
                .collect();
            stdout_line(serde_json::to_string_pretty(&checks)?);
        }
        Format::Table => {
            let width = CHECKS.iter().map(|c| c.id.len()).max().unwrap_or(0);
            for c in selected(all) {
                stdout_line(format!(
                    "{:width$}  {:8}  CIS {:<9} {:<22} {}",
                    c.id,
                    c.severity.as_str(),
                    list_or_dash(c.cis),
                    list_or_dash(c.security_hub),
                    c.title
                ));
            }
        }
        other => bail!("checks prints --format table, json or markdown, not {other:?}"),
    }
    Ok(crate::exit::GREEN)
}

/// The Markdown table README carries.
pub fn markdown<'a>(checks: impl Iterator<Item = &'a Check>) -> String {
    let cell = |text: &str| text.replace('|', "\\|").replace('*', "\\*");
    let mut table = String::from(
        "| id | title | runs in | severity | CIS v5.0.0 | Security Hub | green when | fix |\n\
         |---|---|---|---|---|---|---|---|\n",
    );
    for check in checks {
        table.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} | {} | {} |\n",
            check.id,
            cell(check.title),
            if check.extended { "`--all`" } else { "audit" },
            check.severity.as_str(),
            list_or_dash(check.cis),
            list_or_dash(check.security_hub),
            cell(check.green_when),
            check.fix.map_or("–".to_string(), |f| format!("`{f}`")),
        ));
    }
    table
}

/// What green means, why it matters, where the data comes from, how to fix it.
/// The checks `id` names: a check id, a CIS recommendation (`1.4`, `CIS 1.4`) or a Security
/// Hub control (`IAM.9`, any case); a typo gets the nearest id as a suggestion.
pub fn resolve(id: &str) -> Result<Vec<&'static Check>> {
    let wanted = id.trim();
    if let Some(check) = crate::checks::by_id(wanted) {
        return Ok(vec![check]);
    }
    let cis = wanted
        .trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .trim_start();
    let by_control: Vec<&'static Check> = CHECKS
        .iter()
        .filter(|c| {
            c.cis.contains(&cis)
                || c.security_hub
                    .iter()
                    .any(|s| s.eq_ignore_ascii_case(wanted))
        })
        .collect();
    if !by_control.is_empty() {
        return Ok(by_control);
    }
    let candidates = CHECKS
        .iter()
        .map(|c| c.id)
        .chain(CHECKS.iter().flat_map(|c| c.security_hub.iter().copied()));
    let nearest = candidates
        .map(|known| {
            (
                strsim::levenshtein(&wanted.to_ascii_lowercase(), &known.to_ascii_lowercase()),
                known,
            )
        })
        .min()
        .filter(|(distance, _)| *distance <= 3);
    match nearest {
        Some((_, known)) => bail!(
            "no check, CIS recommendation or Security Hub control is called {}: did you mean {known}? \
             (`iam-harden checks --all` lists them)",
            crate::text::Untrusted(wanted)
        ),
        None => bail!(
            "no check, CIS recommendation or Security Hub control is called {} \
             (`iam-harden checks --all` lists them)",
            crate::text::Untrusted(wanted)
        ),
    }
}

pub fn explain(id: &str) -> Result<u8> {
    for (n, check) in resolve(id)?.into_iter().enumerate() {
        if n > 0 {
            stdout_line("");
        }
        describe(check);
    }
    Ok(crate::exit::GREEN)
}

/// `explain --principal`: one user's or role's shortest path to administrator, and each
/// escalation it could try that is blocked, with what blocks it, so a reviewer can trust the
/// negatives. Reads what the privilege-escalation check reads.
pub async fn explain_principal(global: &crate::global::GlobalArgs, who: &str) -> Result<u8> {
    let sources = crate::checks::sources_of("privilege-escalation");
    let (snapshot, _) = crate::live::read_account(global, &sources).await?;
    let input = snapshot
        .escalation_input(time::OffsetDateTime::now_utc())
        .map_err(anyhow::Error::msg)?;
    let explanation = input
        .analyse(|analyser| analyser.explain(who))
        .map_err(|problems| anyhow::anyhow!("cannot evaluate: {}", problems.join("; ")))?;
    let explanation = match explanation {
        Ok(explanation) => explanation,
        Err(named) if named.is_empty() => {
            anyhow::bail!("no user or role {who:?} in the account (give its name or ARN)")
        }
        Err(named) => anyhow::bail!(
            "{who:?} is ambiguous: it names {}; give the ARN of one",
            named.join(" and ")
        ),
    };
    match global.format {
        crate::render::Format::Json => {
            stdout_line(serde_json::to_string_pretty(&explanation)?);
        }
        crate::render::Format::Table => {
            for line in iam_analysis::privesc::explanation_lines(&explanation) {
                stdout_line(crate::text::printable(&line));
            }
        }
        other => anyhow::bail!(
            "explain --principal prints --format table or json, not {}",
            format!("{other:?}").to_lowercase()
        ),
    }
    Ok(crate::exit::GREEN)
}

fn describe(check: &Check) {
    stdout_line(format!("{} ({})", check.title, check.id));
    stdout_line(format!("Green when: {}.", check.green_when));
    stdout_line(format!("Why: {}", check.why));
    stdout_line(format!(
        "Severity: {}; CIS AWS Foundations v5.0.0: {}; Security Hub: {}",
        check.severity.as_str(),
        list_or_dash(check.cis),
        list_or_dash(check.security_hub)
    ));
    for related in check
        .see_also
        .iter()
        .filter_map(|id| crate::checks::by_id(id))
    {
        stdout_line(format!(
            "See also: {} ({}; CIS: {}; Security Hub: {})",
            related.id,
            related.title,
            list_or_dash(related.cis),
            list_or_dash(related.security_hub)
        ));
    }
    stdout_line(format!(
        "Runs in: {}",
        if check.extended {
            "audit --all, or --checks"
        } else {
            "audit"
        }
    ));
    stdout_line("Reads:");
    for source in check.sources {
        let permissions: Vec<String> = source
            .calls()
            .iter()
            .map(|call| match call.needs_permission() {
                true => call.permission().to_string(),
                false => format!("{} (allowed to every identity)", call.permission()),
            })
            .collect();
        stdout_line(format!("  {source:?}: {}", permissions.join(", ")));
    }
    stdout_line(format!(
        "Fix: {}",
        check
            .fix
            .unwrap_or("no fix command; change the account as the reason says")
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// README's table cannot drift from the checks: it is `checks --all --format markdown`.
    #[test]
    fn readme_check_table_is_the_checks_listing() {
        let readme = include_str!("../../README.md");
        let table = markdown(selected(true));
        assert!(
            readme.contains(&table),
            "README.md's check table differs from `iam-harden checks --all --format markdown`; \
             it should read:\n\n{table}"
        );
    }

    #[test]
    fn explain_takes_check_ids_cis_and_security_hub_controls() {
        let ids = |id: &str| -> Vec<&str> { resolve(id).expect(id).iter().map(|c| c.id).collect() };
        assert_eq!(ids("root-mfa"), ["root-mfa"]);
        assert_eq!(ids("1.4"), ["root-mfa"]);
        assert_eq!(ids("CIS 1.4"), ["root-mfa"]);
        assert_eq!(ids("iam.9"), ["root-mfa"]);
        assert_eq!(ids("1.14"), ["no-user-policies"]);
        assert_eq!(ids("1.7"), ["password-length"]);
        assert_eq!(ids("IAM.16"), ["password-reuse"]);
        assert_eq!(ids("IAM.7"), ["password-strength"]);
        let typo = resolve("root-mfaa").expect_err("typo").to_string();
        assert!(typo.contains("did you mean root-mfa?"), "{typo}");
        let far = resolve("nothing-like-it").expect_err("unknown").to_string();
        assert!(!far.contains("did you mean"), "{far}");
    }
}
