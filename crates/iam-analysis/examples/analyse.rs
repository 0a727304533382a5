//! Who can become an administrator in an authorization-details file, offline: the library
//! used alone, as `scripts/bench escalation` times it beside the tool.
//!
//! `cargo run --release -p iam-analysis --example analyse -- FILE`

use std::time::Instant;

use iam_analysis::model::details::Details;
use iam_analysis::privesc::cut::least_privilege_cut;
use iam_analysis::privesc::{Certainty, Input};

fn main() -> Result<(), String> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: analyse AUTHORIZATION-DETAILS.json")?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let started = Instant::now();
    let details = Details::from_json(&text)?;
    let read = started.elapsed();
    let input = Input {
        auth: &details.authorization,
        aws_managed: &details.aws_managed,
        report: None,
        now: time::OffsetDateTime::now_utc(),
    };
    let started = Instant::now();
    let analysis = input
        .analyse(|analyser| analyser.run())
        .map_err(|problems| problems.join("; "))?;
    let analysed = started.elapsed();
    let fixes = least_privilege_cut(&analysis.escalations, &input);
    let definite = analysis
        .escalations
        .iter()
        .filter(|e| e.certainty == Certainty::Definite)
        .count();
    println!(
        "read {} ms, analysis {} ms, with its least-privilege cut ({} fixes) {} ms: {} principals, {} administrators, {} can become one ({definite} definite)",
        read.as_millis(),
        analysed.as_millis(),
        fixes.len(),
        started.elapsed().as_millis(),
        analysis.principals,
        analysis.administrators,
        analysis.escalations.len(),
    );
    Ok(())
}
