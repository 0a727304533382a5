//! The process's memory, counted: a cap a run may set (`--max-memory`), and out of memory
//! (the cap, or the system refusing) as one line on stderr and exit 2, never a crash.
//!
//! The allocator cannot return an error to the code that asked, and Rust's own answer to a
//! failed allocation is to abort (SIGABRT, a core, no word for the user). So the answer is
//! given here, with no allocation of its own: a fixed line written straight to stderr, then
//! the process ends with the error exit code. Nothing is left half-written: reports are
//! written whole or not at all, and a fix journals each change before it makes it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counted and capped.
pub struct Counted;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);

/// Cap what the process may hold at `mib` MiB from now on.
pub fn cap(mib: u64) {
    let bytes = usize::try_from(mib.saturating_mul(1 << 20)).unwrap_or(usize::MAX);
    LIMIT.store(bytes, Ordering::Relaxed);
}

impl Counted {
    /// Count `size` more bytes, or end the run when that passes the cap.
    fn take(size: usize) {
        let before = IN_USE.fetch_add(size, Ordering::Relaxed);
        if before.saturating_add(size) > LIMIT.load(Ordering::Relaxed) {
            out_of_memory(true);
        }
    }

    fn give_back(size: usize) {
        IN_USE.fetch_sub(size, Ordering::Relaxed);
    }
}

// SAFETY: every call is passed to the system allocator unchanged; only counted around it.
unsafe impl GlobalAlloc for Counted {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        Self::take(layout.size());
        // SAFETY: the caller's layout, as `GlobalAlloc::alloc` requires.
        let block = unsafe { System.alloc(layout) };
        if block.is_null() {
            out_of_memory(false);
        }
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        Self::take(layout.size());
        // SAFETY: as in `alloc`.
        let block = unsafe { System.alloc_zeroed(layout) };
        if block.is_null() {
            out_of_memory(false);
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: a block this allocator handed out, with its layout.
        unsafe { System.dealloc(block, layout) };
        Self::give_back(layout.size());
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            Self::take(new_size - layout.size());
        }
        // SAFETY: a block this allocator handed out, with its layout.
        let moved = unsafe { System.realloc(block, layout, new_size) };
        if moved.is_null() {
            out_of_memory(false);
        }
        if new_size < layout.size() {
            Self::give_back(layout.size() - new_size);
        }
        moved
    }
}

/// One line on stderr and exit 2, allocating nothing (the allocator is where this runs).
fn out_of_memory(capped: bool) -> ! {
    let line: &[u8] = match capped {
        true => {
            b"iam-harden: error: out of memory: the run needed more than --max-memory allows; \
              raise it, or judge fewer checks or a smaller input\n"
        }
        false => {
            b"iam-harden: error: out of memory: the system refused more; free memory or raise \
              the process's limit\n"
        }
    };
    // SAFETY: writing a static buffer to fd 2, then ending the process without unwinding
    // or running destructors (which could allocate).
    unsafe {
        libc::write(2, line.as_ptr().cast(), line.len());
        libc::_exit(i32::from(crate::exit::ERROR));
    }
}
