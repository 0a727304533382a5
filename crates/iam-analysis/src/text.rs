//! Names and cells from outside (IAM replies, files) shown to people: every character that
//! could move the cursor, recolour the screen, end a line or reorder text becomes a visible
//! escape, so no value can forge the text around it.
//!
//! ```
//! use iam_analysis::text::printable;
//!
//! assert_eq!(printable("ops"), "ops");
//! assert_eq!(printable("a\x1b[2Jb"), "a\\x1b[2Jb");
//! ```

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
