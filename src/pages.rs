//! The one guard every paginated listing goes through (IAM, Organizations, Account, Access
//! Analyzer, Security Hub): a server that answers tokens a, b, a, b, or never stops, must end
//! the listing with an error, not loop until something else gives up.

use std::collections::HashSet;
use std::time::Instant;

/// Why a listing was abandoned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// A page named a token an earlier page named: following it would loop.
    Repeated,
    /// A page said more follow but named no token.
    NoToken,
    /// More pages than the listing allows.
    TooMany(usize),
    /// The run's deadline passed with pages still to come.
    PastDeadline,
}

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stop::Repeated => {
                f.write_str("a page repeats an earlier page token: the listing would loop")
            }
            Stop::NoToken => f.write_str("a page says more follow but names no page token"),
            Stop::TooMany(cap) => write!(f, "more than {cap} pages"),
            Stop::PastDeadline => {
                f.write_str("the listing still had pages to come at the deadline (--timeout)")
            }
        }
    }
}

/// Follows one listing's page tokens: every token seen, a page cap, and a deadline.
#[derive(Debug)]
pub struct Pager {
    seen: HashSet<String>,
    pages: usize,
    max_pages: usize,
    deadline: Option<Instant>,
}

impl Pager {
    /// At most `max_pages` pages, none requested after `deadline` (`None`: the caller bounds
    /// the listing's time as a whole, as the audit's read does).
    pub fn new(max_pages: usize, deadline: Option<Instant>) -> Self {
        Self {
            seen: HashSet::new(),
            pages: 0,
            max_pages,
            deadline,
        }
    }

    /// After a page that names `token` (NextToken style: none or empty ends the listing):
    /// the token of the next page to request, `None` when the listing is complete.
    pub fn next(&mut self, token: Option<&str>) -> Result<Option<String>, Stop> {
        self.pages += 1;
        let Some(token) = token.filter(|t| !t.is_empty()) else {
            return Ok(None);
        };
        if !self.seen.insert(token.to_string()) {
            return Err(Stop::Repeated);
        }
        if self.pages >= self.max_pages {
            return Err(Stop::TooMany(self.max_pages));
        }
        if self.deadline.is_some_and(|d| Instant::now() >= d) {
            return Err(Stop::PastDeadline);
        }
        Ok(Some(token.to_string()))
    }

    /// After an IAM page (`IsTruncated` with a `Marker`): as `next`, where a truncated page
    /// must name its marker.
    pub fn next_marked(
        &mut self,
        truncated: bool,
        marker: Option<&str>,
    ) -> Result<Option<String>, Stop> {
        match (truncated, marker.filter(|m| !m.is_empty())) {
            (false, _) => self.next(None),
            (true, None) => Err(Stop::NoToken),
            (true, marker) => self.next(marker),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_listing_ends_without_a_token() {
        let mut pager = Pager::new(10, None);
        assert_eq!(pager.next(Some("a")), Ok(Some("a".into())));
        assert_eq!(pager.next(Some("")), Ok(None));
        let mut pager = Pager::new(10, None);
        assert_eq!(pager.next_marked(false, Some("ignored")), Ok(None));
        assert_eq!(
            Pager::new(10, None).next_marked(true, None),
            Err(Stop::NoToken)
        );
    }

    #[test]
    fn alternating_tokens_are_a_loop_not_only_a_repeated_one() {
        let mut pager = Pager::new(1000, None);
        assert_eq!(pager.next(Some("a")), Ok(Some("a".into())));
        assert_eq!(pager.next(Some("b")), Ok(Some("b".into())));
        assert_eq!(pager.next(Some("a")), Err(Stop::Repeated));
    }

    #[test]
    fn the_page_cap_and_the_deadline_hold() {
        let mut pager = Pager::new(3, None);
        assert!(pager.next(Some("1")).is_ok());
        assert!(pager.next(Some("2")).is_ok());
        assert_eq!(pager.next(Some("3")), Err(Stop::TooMany(3)));
        let past = Instant::now() - Duration::from_millis(1);
        assert_eq!(
            Pager::new(3, Some(past)).next(Some("1")),
            Err(Stop::PastDeadline)
        );
        let later = Instant::now() + Duration::from_secs(60);
        assert!(Pager::new(3, Some(later)).next(Some("1")).is_ok());
    }
}
