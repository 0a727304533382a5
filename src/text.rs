//! Strings from the server (names, policy documents, report cells, error messages) and from
//! config files are data. Before they reach a terminal, a table, Markdown, XML or a fix plan,
//! every character that could move the cursor, recolour the screen, end a line or reorder
//! text is shown as a visible escape (`\x1b`, `\u{202e}`), so no value can forge output.

use std::borrow::Cow;

pub use iam_analysis::text::printable;

/// Text of a report that holds data from outside the tool (names from AWS replies, waiver
/// reasons from a config file, anything of a shard report): kept as it came, for the
/// structured formats (`raw`, serde), and shown to people only through its `Display`,
/// which escapes it. Renderers take it, never a bare `&str`.
#[derive(
    Debug,
    Clone,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(transparent)]
pub struct Data(String);

impl Data {
    /// The text as it came, for JSON, SARIF, XML writers and comparisons.
    pub fn raw(&self) -> &str {
        &self.0
    }
}

impl From<String> for Data {
    fn from(text: String) -> Self {
        Self(text)
    }
}

impl From<&str> for Data {
    fn from(text: &str) -> Self {
        Self(text.to_string())
    }
}

impl std::fmt::Display for Data {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(&printable(&self.0))
    }
}

impl Shown for Data {
    fn shown(&self) -> Cow<'_, str> {
        printable(&self.0)
    }
}

/// Text that came from outside the tool (AWS replies, config files, shard reports, the change
/// log): shown only through its `Display`, which escapes it.
#[derive(Debug, Clone, Copy)]
pub struct Untrusted<'a>(pub &'a str);

impl std::fmt::Display for Untrusted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(&printable(self.0))
    }
}

/// What may appear inside a `said!` line: the tool's own text as it is, data escaped.
/// Deliberately not implemented for `String` or a borrowed `&str`: data must come wrapped in
/// `Untrusted`.
pub trait Shown {
    fn shown(&self) -> Cow<'_, str>;
}

impl Shown for Untrusted<'_> {
    fn shown(&self) -> Cow<'_, str> {
        printable(self.0)
    }
}

impl Shown for Said {
    fn shown(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }
}

impl Shown for &'static str {
    fn shown(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

macro_rules! shown_by_display {
    ($($t:ty),*) => {
        $(impl Shown for $t {
            fn shown(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        })*
    };
}

shown_by_display!(usize, u8, u32, u64, i64);

/// Text for a person, made by the tool: its own words as written (line breaks included), and
/// any data in it escaped. Made by `said!` or from a literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said(String);

impl Said {
    /// The tool's own text, built without any data (numbers, padding, fixed words).
    pub fn own(text: String) -> Self {
        Self(text)
    }

    /// One line of data on its own, escaped.
    pub fn data(text: &str) -> Self {
        Self(printable(text).into_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&'static str> for Said {
    fn from(text: &'static str) -> Self {
        Self(text.to_string())
    }
}

impl AsRef<str> for Said {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// `said!("User {} has {} keys", Untrusted(&name), count)`: a `Said` line whose every
/// argument is `Shown` (the tool's `&'static str`, numbers, or `Untrusted` data). Arguments
/// go by position: a name captured inside the braces would skip the check.
#[macro_export]
macro_rules! said {
    ($fmt:literal $(, $arg:expr)* $(,)?) => {
        $crate::text::Said::own(format!($fmt $(, $crate::text::Shown::shown(&$arg))*))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed_unchanged() {
        assert!(matches!(printable("alice-Ω ✔"), Cow::Borrowed("alice-Ω ✔")));
    }

    #[test]
    fn escapes_and_line_breaks_become_visible() {
        assert_eq!(
            printable("a\x1b[31mb\u{7}\nc\rd\te\u{85}"),
            r"a\x1b[31mb\x07\x0ac\x0dd\x09e\x85"
        );
        assert_eq!(printable("x\u{202e}y\u{2028}"), r"x\u{202e}y\u{2028}");
    }

    #[test]
    fn said_keeps_the_tools_line_breaks_and_escapes_data() {
        let name = "evil\nname\x1b[2J".to_string();
        let line = said!("Guide:\n  1. {} for {}", "step", Untrusted(&name));
        assert_eq!(line.as_str(), "Guide:\n  1. step for evil\\x0aname\\x1b[2J");
        assert_eq!(format!("[{:<6}]", Untrusted("a\tb")), "[a\\x09b]");
    }
}
