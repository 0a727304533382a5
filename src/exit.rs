//! Exit statuses, one definition for every command (listed for users in `--help` and the
//! README): an audit's or a fix's item status, or why the tool could not decide.

/// Every item green (or waived, or below `--fail-on`).
pub const GREEN: u8 = 0;
/// An orange item at or above `--fail-on`; for a fix, the item is still orange.
pub const ORANGE: u8 = 1;
/// Could not decide: bad input, no credentials, an unreachable endpoint, a failed call.
pub const ERROR: u8 = 2;
/// Ended by Ctrl-C, as shells report a process ended by SIGINT.
pub const INTERRUPTED: u8 = 130;
/// Ended by SIGHUP (a closed terminal), as shells report it.
pub const HUNG_UP: u8 = 129;
/// Ended by SIGTERM (a CI cancel, `timeout`, `docker stop`), as shells report it.
pub const TERMINATED: u8 = 143;

/// Is `code` a stop by a signal (a person or a supervisor ended the run)?
pub const fn is_signal(code: u8) -> bool {
    matches!(code, INTERRUPTED | HUNG_UP | TERMINATED)
}
