//! Lines for people and machines, written so that a reader who stops early (`| head -1`) or
//! a closed stderr never aborts the tool: Rust's `println!` panics on a closed pipe, and a
//! panic in the middle of `fix` would hide what was already applied.

use std::io::{self, Write};

/// Text for a person at a terminal `width` columns wide: each line wrapped between words by
/// display width, its continuation indented under the line's text (after its indentation and
/// a list marker such as `3. ` or `• `), or by `hanging` columns when given. A word longer
/// than the line (an ARN, a URL) stays whole on a line of its own rather than being cut, and
/// words are never split at hyphens.
pub fn wrap_for_terminal(text: &str, width: usize, hanging: Option<usize>) -> String {
    let mut out = Vec::new();
    for line in text.split('\n') {
        let continuation = " ".repeat(hanging.unwrap_or_else(|| text_column(line)));
        let options = textwrap::Options::new(width.max(20))
            .break_words(false)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .subsequent_indent(&continuation);
        out.extend(
            textwrap::wrap(line, options)
                .into_iter()
                .map(|l| l.into_owned()),
        );
    }
    out.join("\n")
}

/// Where a line's text starts: after its indentation and a list marker (`12. `, `• `, `- `).
fn text_column(line: &str) -> usize {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let marker = if digits > 0 && rest[digits..].starts_with(". ") {
        digits + 2
    } else if rest.starts_with("• ") || rest.starts_with("- ") {
        2
    } else {
        0
    };
    indent + marker
}

/// One line on stdout; a closed or failing stdout is ignored.
pub fn stdout_line(line: impl AsRef<str>) {
    let _ = writeln!(io::stdout().lock(), "{}", line.as_ref());
}

/// After a prompt was interrupted: show the cursor again (a menu hides it while it is
/// drawn), on whichever stream is a terminal.
pub fn restore_terminal() {
    use std::io::IsTerminal;
    const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
    if io::stderr().is_terminal() {
        let _ = io::stderr().lock().write_all(SHOW_CURSOR);
    } else if io::stdout().is_terminal() {
        let _ = io::stdout().lock().write_all(SHOW_CURSOR);
    }
}

/// A prompt or a run stopped by a signal: the cursor back and one line saying so.
pub fn say_interrupted() {
    restore_terminal();
    stderr_line("Interrupted.");
}

/// One line on stderr; a closed or failing stderr is ignored.
pub fn stderr_line(line: impl AsRef<str>) {
    let _ = writeln!(io::stderr().lock(), "{}", line.as_ref());
}

/// Write a file whole or not at all: `write` fills a temporary file in the same directory,
/// which is synced and then renamed over `path`. A full disk or a failed render leaves the
/// earlier file (or none) in place, never a truncated one. A symlink is followed (the file it
/// names is replaced, the link stays); a FIFO, a character device or an open descriptor
/// (`/dev/stdout`, whatever it leads to) is written through, never replaced by a regular
/// file; anything else that is not a regular file is refused.
pub fn write_file_atomically(
    path: &std::path::Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let (target, through_descriptor) = link_target(path)?;
    if let Ok(meta) = std::fs::metadata(path) {
        let kind = meta.file_type();
        // `/dev/stdout` and `/dev/fd/N` name an open descriptor: whatever it leads to (a
        // pipe, a terminal, a file the shell redirected to) is written through, appended,
        // never replaced.
        if kind.is_fifo() || kind.is_char_device() || kind.is_socket() || through_descriptor {
            let mut out = std::fs::OpenOptions::new().append(true).open(path)?;
            write(&mut out)?;
            return out.flush();
        }
        if !kind.is_file() {
            let what = match (kind.is_dir(), kind.is_block_device()) {
                (true, _) => "a directory",
                (_, true) => "a block device",
                _ => "not a regular file, FIFO or character device",
            };
            return Err(io::Error::other(format!("{} is {what}", path.display())));
        }
    }
    let path = &target;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => std::path::Path::new("."),
    };
    // As File::create makes it: 0666 less the umask.
    let mut file = tempfile::Builder::new()
        .prefix(".iam-harden-")
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(dir)?;
    {
        let mut out = io::BufWriter::new(file.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    file.as_file().sync_all()?;
    file.persist(path).map(|_| ()).map_err(|e| e.error)
}

/// The file a path names once its symlinks are followed (a dangling link names the file it
/// would create), and whether a link went through an open descriptor (`/proc/*/fd`,
/// `/dev/fd`: `/dev/stdout`), which names no file to replace.
fn link_target(path: &std::path::Path) -> io::Result<(std::path::PathBuf, bool)> {
    const MAX_LINKS: usize = 40;
    let mut path = path.to_path_buf();
    let mut through_descriptor = false;
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = std::fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) => dir.join(to),
                    None => to,
                };
                let text = path.to_string_lossy();
                through_descriptor |= text.starts_with("/dev/fd/")
                    || (text.starts_with("/proc/") && text.contains("/fd/"));
            }
            _ => return Ok((path, through_descriptor)),
        }
    }
    Err(io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

/// Where a path leads, for telling whether two spellings name one file: the canonical
/// directory joined with the file's name (the file itself may not exist yet), or the
/// canonical file when it exists (a link names its target).
pub fn canonical_target(path: &std::path::Path) -> std::path::PathBuf {
    if let Ok(existing) = std::fs::canonicalize(path) {
        return existing;
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => std::path::Path::new("."),
    };
    match (std::fs::canonicalize(dir), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}
