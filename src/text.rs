//! Strings from the server (names, policy documents, report cells, error messages) and from
//! config files are data. Before they reach a terminal, a table, Markdown, XML or a fix plan,
//! every character that could move the cursor, recolour the screen, end a line or reorder
//! text is shown as a visible escape (`\x1b`, `\u{202e}`), so no value can forge output.

use std::borrow::Cow;

/// Characters that reorder or break text without being control characters.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}'
    )
}

fn needs_escape(c: char) -> bool {
    c.is_control() || is_invisible_format(c)
}

/// `text` with control and bidirectional-format characters escaped; borrowed when clean.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !needs_escape(c) {
            out.push(c);
        } else if (c as u32) < 0x100 {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
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
}
