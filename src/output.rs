//! Lines for people and machines, written so that a reader who stops early (`| head -1`) or
//! a closed stderr never aborts the tool: Rust's `println!` panics on a closed pipe, and a
//! panic in the middle of `fix` would hide what was already applied.

use std::io::{self, Write};

/// One line on stdout; a closed or failing stdout is ignored.
pub fn stdout_line(line: impl AsRef<str>) {
    let _ = writeln!(io::stdout().lock(), "{}", line.as_ref());
}

/// One line on stderr; a closed or failing stderr is ignored.
pub fn stderr_line(line: impl AsRef<str>) {
    let _ = writeln!(io::stderr().lock(), "{}", line.as_ref());
}
