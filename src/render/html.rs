//! One self-contained HTML file a person opens: inline CSS and script, and a
//! Content-Security-Policy that forbids fetching anything, so it works offline and leaks
//! nothing. Every text from AWS, the config file or a shard report is escaped here (`esc`).
//! Status is never colour alone: the terminal's glyphs and words go with it.

use std::io::{self, Write};

use super::common::Render;
use crate::checks::Status;
use crate::report::{CheckResult, Report};
use crate::sweep::Sweep;
use crate::text::{Data, printable};

pub struct Html;

/// No fetch of any kind: only the inline style and script of this file run.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'";

const STYLE: &str = r#"
:root { --fg: #1b1f23; --bg: #ffffff; --muted: #4a5560; --pass: #1a7f37; --fail: #9a4a00;
  --error: #b3261e; --waived: #3550a8; --line: #d0d7de; }
body { font: 15px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 1.5rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
a:focus, summary:focus, button:focus, input:focus, th:focus { outline: 3px solid #0969da; outline-offset: 2px; }
details.check { border: 1px solid var(--line); border-radius: 6px; margin: .35rem 0; padding: .25rem .75rem; }
details.check > summary { cursor: pointer; }
.status { font-weight: 600; display: inline-block; min-width: 6.5rem; }
.pass { color: var(--pass); } .fail { color: var(--fail); } .error { color: var(--error); } .waived { color: var(--waived); }
.severity, .controls { color: var(--muted); font-size: .9rem; }
.finding { margin: .5rem 0 .5rem 1rem; }
code, pre { font: 13px/1.4 ui-monospace, monospace; } pre { white-space: pre-wrap; background: #f6f8fa; padding: .5rem; }
table.matrix { border-collapse: collapse; }
table.matrix th, table.matrix td { border: 1px solid var(--line); padding: .2rem .45rem; text-align: center; background: var(--bg); }
table.matrix thead th { position: sticky; top: 0; z-index: 2; }
table.matrix tbody th { position: sticky; left: 0; z-index: 1; text-align: left; }
.tools { margin: .75rem 0; } .tools input { font-size: 1rem; padding: .25rem; min-width: 22rem; }
@media print { .tools { display: none; } details.check > *:not(summary) { display: block; } table.matrix thead th, table.matrix tbody th { position: static; } }
"#;

/// Filter rows by account id, alias or check; sort by the number of orange items.
const SCRIPT: &str = r#"
const filter = document.getElementById('filter');
const rows = Array.from(document.querySelectorAll('tbody tr[data-account]'));
function apply() {
  const wanted = filter.value.trim().toLowerCase();
  let shown = 0;
  for (const row of rows) {
    const hit = !wanted || row.dataset.search.includes(wanted);
    row.hidden = !hit; if (hit) shown++;
  }
  document.getElementById('shown').textContent = shown + ' of ' + rows.length + ' accounts shown';
}
filter.addEventListener('input', apply);
document.getElementById('sort').addEventListener('click', () => {
  const body = rows[0] && rows[0].parentElement; if (!body) return;
  rows.sort((a, b) => Number(b.dataset.orange) - Number(a.dataset.orange) || a.dataset.account.localeCompare(b.dataset.account));
  for (const row of rows) body.appendChild(row);
});
apply();
"#;

/// Text for HTML: control characters shown escaped (as the terminal shows them), then the
/// five characters HTML gives meaning to.
fn esc(text: &str) -> String {
    printable(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Text of several lines (pretty-printed facts): each line escaped, the line breaks kept.
fn esc_lines(text: &str) -> String {
    text.lines().map(esc).collect::<Vec<_>>().join("\n")
}

fn data(text: &Data) -> String {
    esc(text.raw())
}

/// Glyph and word, as the terminal shows them, and the class that colours them.
fn mark(status: Status) -> (&'static str, &'static str, &'static str) {
    let (word, class) = match status {
        Status::Pass => ("green", "pass"),
        Status::Fail => ("orange", "fail"),
        Status::Error => ("not checked", "error"),
        Status::Waived => ("waived", "waived"),
    };
    (status.glyph(), word, class)
}

/// The controls, each linking to its documentation.
fn controls(check: &CheckResult) -> String {
    let cis = check.cis.iter().map(|id| {
        format!(
            "<a href=\"https://www.cisecurity.org/benchmark/amazon_web_services\">CIS {}</a>",
            esc(id)
        )
    });
    let hub = check.security_hub.iter().map(|id| {
        let (family, _) = id.split_once('.').unwrap_or((id, ""));
        format!(
            "<a href=\"https://docs.aws.amazon.com/securityhub/latest/userguide/{}-controls.html#{}\">{}</a>",
            esc(&family.to_ascii_lowercase()),
            esc(&id.to_ascii_lowercase().replace('.', "-")),
            esc(id)
        )
    });
    cis.chain(hub).collect::<Vec<_>>().join(" · ")
}

fn head(out: &mut dyn Write, title: &str) -> io::Result<()> {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\"><head><meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
    )?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(
        out,
        "<title>{}</title><style>{STYLE}</style></head><body>",
        esc(title)
    )
}

fn account_title(report: &Report) -> String {
    let id = report.account.id.as_deref().unwrap_or("unknown");
    match &report.account.alias {
        Some(alias) => format!("{} ({})", esc(id), data(alias)),
        None => esc(id),
    }
}

/// One account's checklist: each check a disclosure (keyboard-operable as it is) with its
/// findings, their facts and waivers, and the fix.
fn checklist(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let s = &report.summary;
    let url = report.account.sign_in_url.as_deref().unwrap_or("unknown");
    writeln!(
        out,
        "<p class=\"meta\">Sign-in URL: <a href=\"{0}\">{0}</a> · generated {1} · {2} of {3} checks green{4}{5}</p>",
        esc(url),
        esc(&report.generated_at),
        s.pass,
        s.total(),
        if s.waived > 0 {
            format!(", {} waived", s.waived)
        } else {
            String::new()
        },
        if s.error > 0 {
            format!(", {} could not be checked", s.error)
        } else {
            String::new()
        },
    )?;
    if let Some(baseline) = &report.baseline {
        writeln!(
            out,
            "<p class=\"meta\"><strong>{}</strong></p>",
            esc(&baseline.summary())
        )?;
    }
    for error in &report.account.errors {
        writeln!(out, "<p class=\"error\">✖ {}</p>", data(error))?;
    }
    for check in &report.checks {
        let (glyph, word, class) = mark(check.status);
        writeln!(
            out,
            "<details class=\"check\" id=\"{}-{}\">",
            esc(report.account.id.as_deref().unwrap_or("account")),
            check.id
        )?;
        writeln!(
            out,
            "<summary><span class=\"status {class}\">{glyph} {word}</span> <strong>{}</strong> <code>{}</code> <span class=\"severity\">{}</span> <span class=\"controls\">{}</span><br>{}</summary>",
            esc(check.title),
            check.id,
            check.severity.as_str(),
            controls(check),
            data(&check.reason)
        )?;
        for finding in &check.findings {
            let resource = &finding.finding.resource;
            let facts = serde_json::to_string_pretty(&finding.finding.facts).unwrap_or_default();
            let new = match finding.baseline {
                Some(crate::report::BaselineState::New) => "<strong>new</strong> · ",
                _ => "",
            };
            writeln!(
                out,
                "<div class=\"finding\">{new}{} <code>{}</code><br><code>{}</code>",
                esc(&finding.finding.message),
                esc(resource.kind.as_str()),
                esc(&resource.arn)
            )?;
            if let Some(waiver) = &finding.waiver {
                writeln!(
                    out,
                    "<br><span class=\"waived\">⊘ waived until {}{}: {}</span>",
                    esc(&waiver.expires),
                    if waiver.expired { " (expired)" } else { "" },
                    data(&waiver.reason)
                )?;
            }
            // An escalation path: its hops as numbered steps, each with its open conditions.
            let hops = super::common::escalation_path(&finding.finding.facts);
            if !hops.is_empty() {
                writeln!(out, "<ol class=\"path\">")?;
                for hop in hops {
                    let open: Vec<&str> = hop
                        .get("conditions")
                        .and_then(|c| c.as_array())
                        .into_iter()
                        .flatten()
                        .filter_map(|c| c.get("key").and_then(|k| k.as_str()))
                        .collect();
                    let only_if = match open.is_empty() {
                        true => String::new(),
                        false => format!(" <em>only if {}</em>", esc(&open.join(", "))),
                    };
                    writeln!(
                        out,
                        "<li>{} <code>{}</code>{only_if}</li>",
                        esc(super::common::hop_text(hop, "step")),
                        esc(super::common::hop_text(hop, "pathfinding"))
                    )?;
                }
                writeln!(out, "</ol>")?;
            }
            writeln!(out, "<pre>{}</pre></div>", esc_lines(&facts))?;
        }
        if let (Some(fix), true) = (&check.fix, matches!(check.status, Status::Fail)) {
            writeln!(out, "<p>Fix: <code>{}</code></p>", esc(fix))?;
        }
        writeln!(out, "</details>")?;
    }
    Ok(())
}

impl Render for Html {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        head(out, "IAM security status")?;
        writeln!(
            out,
            "<main><h1>IAM security status: account {}</h1>",
            account_title(report)
        )?;
        checklist(report, out)?;
        writeln!(out, "</main></body></html>")
    }

    /// The account × check matrix (sticky headers, a filter, sorting by orange items, the
    /// accounts that could not be read), then each account's checklist to drill down to.
    fn render_sweep(&self, sweep: &Sweep, out: &mut dyn Write) -> io::Result<()> {
        head(out, "IAM security status across accounts")?;
        let totals = &sweep.summary.checks;
        writeln!(
            out,
            "<main><h1>IAM security status across {} accounts</h1>",
            sweep.summary.accounts
        )?;
        writeln!(
            out,
            "<p class=\"meta\">generated {} · {} read, {} could not be read</p>",
            esc(&sweep.generated_at),
            sweep.summary.read,
            sweep.summary.unreadable
        )?;
        writeln!(
            out,
            "<div class=\"tools\"><label for=\"filter\">Filter by account id, alias or check: </label><input id=\"filter\" type=\"search\" autocomplete=\"off\"> <button id=\"sort\" type=\"button\">Sort by orange items</button> <span id=\"shown\" role=\"status\"></span></div>"
        )?;
        writeln!(
            out,
            "<table class=\"matrix\"><thead><tr><th scope=\"col\">account</th>"
        )?;
        for (n, total) in totals.iter().enumerate() {
            writeln!(
                out,
                "<th scope=\"col\" title=\"{}\">{}<br><code>{}</code></th>",
                esc(total.title),
                n + 1,
                total.id
            )?;
        }
        writeln!(out, "</tr></thead><tbody>")?;
        for report in &sweep.accounts {
            let id = report.account.id.as_deref().unwrap_or("unknown");
            let orange = report.summary.fail;
            let failing: Vec<&str> = report
                .checks
                .iter()
                .filter(|c| c.status != Status::Pass)
                .map(|c| c.id)
                .collect();
            let search = format!(
                "{} {} {}",
                id,
                report
                    .account
                    .alias
                    .as_ref()
                    .map(|a| a.raw())
                    .unwrap_or_default(),
                failing.join(" ")
            )
            .to_lowercase();
            writeln!(
                out,
                "<tr data-account=\"{}\" data-orange=\"{orange}\" data-search=\"{}\"><th scope=\"row\"><a href=\"#{}\">{}</a></th>",
                esc(id),
                esc(&search),
                esc(id),
                account_title(report)
            )?;
            for total in totals {
                match report.checks.iter().find(|c| c.id == total.id) {
                    Some(check) => {
                        let (glyph, word, class) = mark(check.status);
                        writeln!(
                            out,
                            "<td class=\"{class}\"><a href=\"#{}-{}\" title=\"{}: {word}\">{glyph}</a></td>",
                            esc(id),
                            check.id,
                            check.id
                        )?;
                    }
                    None => writeln!(out, "<td title=\"not run\">–</td>")?,
                }
            }
            writeln!(out, "</tr>")?;
        }
        for error in &sweep.errors {
            writeln!(
                out,
                "<tr data-account=\"{0}\" data-orange=\"0\" data-search=\"{0} unreadable\"><th scope=\"row\" class=\"error\">✖ {0}</th><td class=\"error\" colspan=\"{1}\">could not be read: {2}</td></tr>",
                esc(&error.account),
                totals.len().max(1),
                data(&error.error)
            )?;
        }
        writeln!(out, "</tbody></table>")?;
        for note in &sweep.notes {
            writeln!(out, "<p class=\"meta\">note: {}</p>", data(note))?;
        }
        for report in &sweep.accounts {
            let id = report.account.id.as_deref().unwrap_or("unknown");
            writeln!(
                out,
                "<section id=\"{}\"><h2>Account {}</h2>",
                esc(id),
                account_title(report)
            )?;
            checklist(report, out)?;
            writeln!(out, "</section>")?;
        }
        writeln!(out, "</main><script>{SCRIPT}</script></body></html>")
    }
}

/// `diff --format html`: what is new first, then what was resolved, per account; what could
/// not be compared named.
pub fn diff(diff: &crate::diff::Diff, out: &mut dyn Write) -> io::Result<()> {
    let s = diff.summary;
    head(out, "iam-harden diff")?;
    writeln!(
        out,
        "<main><h1>{} new since {}, {} resolved</h1>",
        s.new,
        data(&diff.old.path),
        s.resolved
    )?;
    writeln!(
        out,
        "<p class=\"meta\">{} ({}) compared with {} ({}) · {} unchanged · {} checks changed status · {} not compared</p>",
        data(&diff.old.path),
        data(&diff.old.generated_at),
        data(&diff.new.path),
        data(&diff.new.generated_at),
        s.unchanged,
        s.checks_changed,
        s.not_compared
    )?;
    for account in &diff.accounts {
        let name = match &account.alias {
            Some(alias) => format!("{} ({})", esc(&account.id), data(alias)),
            None => esc(&account.id),
        };
        writeln!(out, "<section><h2>Account {name}</h2>")?;
        let rows = account
            .new
            .iter()
            .map(|c| ("⚠ new", "fail", c))
            .chain(account.resolved.iter().map(|c| ("✔ resolved", "pass", c)));
        writeln!(
            out,
            "<table class=\"matrix\"><thead><tr><th scope=\"col\">change</th><th scope=\"col\">severity</th><th scope=\"col\">check</th><th scope=\"col\">finding</th></tr></thead><tbody>"
        )?;
        for (what, class, change) in rows {
            writeln!(
                out,
                "<tr><td class=\"{class}\">{what}</td><td>{}</td><td><code>{}</code></td><td style=\"text-align:left\">{}{}<br><code>{}</code></td></tr>",
                change.severity.as_str(),
                change.check,
                data(&change.message),
                if change.waived { " (waived)" } else { "" },
                esc(&change.resource.arn)
            )?;
        }
        writeln!(out, "</tbody></table>")?;
        for status in &account.checks_changed {
            let (_, old, _) = mark(status.old);
            let (_, new, _) = mark(status.new);
            writeln!(out, "<p><code>{}</code>: {old} → {new}</p>", status.check)?;
        }
        for skipped in &account.not_compared {
            writeln!(
                out,
                "<p class=\"meta\">not compared: <code>{}</code>: {}</p>",
                skipped.check,
                data(&skipped.why)
            )?;
        }
        writeln!(out, "</section>")?;
    }
    writeln!(out, "</main></body></html>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_data_stays_text() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(esc("a\u{1b}[31mb"), "a\\x1b[31mb");
    }
}
