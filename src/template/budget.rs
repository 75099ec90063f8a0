//! The bounds on rendering with templates a user wrote: time and memory (`limits`). A
//! template is a program, and one that loops without end or doubles a string is stopped with
//! a message naming it; the process ends at once, as it would on Ctrl-C, since a thread deep
//! in the template engine cannot be stopped any other way.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, Once, OnceLock};
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::limits::{RENDER_MEMORY_BYTES, RENDER_SECONDS};

/// The process's allocator: the system's, counting what a thread rendering a template takes.
struct Metered;

#[global_allocator]
static METERED: Metered = Metered;

thread_local! {
    /// This thread's rendering, by number, while it renders.
    static RENDERING: Cell<Option<u64>> = const { Cell::new(None) };
    /// Bytes this thread has taken, less what it gave back, since its rendering began.
    static HELD: Cell<isize> = const { Cell::new(0) };
}

/// Renderings under way: number, template, start.
static WATCHED: Mutex<Vec<(u64, String, Instant)>> = Mutex::new(Vec::new());
static NEXT: AtomicU64 = AtomicU64::new(0);
static WATCHDOG: Once = Once::new();
/// How the process ends when a rendering is stopped (the command line removes what the run
/// staged first).
static EXIT: OnceLock<fn(i32) -> !> = OnceLock::new();

/// Sets how the process ends when a rendering is stopped; by default it only exits.
pub fn set_exit(exit: fn(i32) -> !) {
    let _ = EXIT.set(exit);
}

/// Runs `render`, the rendering of the template shown as `origin`, within the bounds: past
/// `RENDER_SECONDS` or `RENDER_MEMORY_BYTES` the process is ended with exit 1.
pub fn bounded<T>(origin: &str, render: impl FnOnce() -> T) -> T {
    WATCHDOG.call_once(|| {
        std::thread::spawn(watch);
    });
    let number = NEXT.fetch_add(1, Ordering::Relaxed);
    watched().push((number, origin.to_string(), Instant::now()));
    HELD.set(0);
    RENDERING.set(Some(number));
    let _watch = Watch(number);
    render()
}

/// A rendering being watched; it is done when this is dropped, even by a panic.
struct Watch(u64);

impl Drop for Watch {
    fn drop(&mut self) {
        RENDERING.set(None);
        watched().retain(|(n, _, _)| *n != self.0);
    }
}

fn watched() -> std::sync::MutexGuard<'static, Vec<(u64, String, Instant)>> {
    WATCHED.lock().unwrap_or_else(|e| e.into_inner())
}

/// The watchdog: every tenth of a second, a rendering past its time is stopped.
fn watch() {
    let limit = Duration::from_secs(RENDER_SECONDS);
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let late = watched()
            .iter()
            .find(|(_, _, since)| since.elapsed() > limit)
            .map(|(_, origin, _)| origin.clone());
        if let Some(origin) = late {
            let message = format!("模板运行超过 {RENDER_SECONDS} 秒，已停止，没有写出任何文件");
            stop(Error::at(origin, message).with_hint(
                "模板中可能有层层嵌套的循环（如多重 range）；改小循环次数，或换回内置模板",
            ));
        }
    }
}

/// Called as a rendering thread takes `n` more bytes: past the bound it is stopped before
/// it gets them.
fn take(n: usize) {
    let Ok(Some(number)) = RENDERING.try_with(Cell::get) else {
        return;
    };
    let held = HELD
        .get()
        .saturating_add(isize::try_from(n).unwrap_or(isize::MAX));
    HELD.set(held);
    if usize::try_from(held).is_ok_and(|h| h > RENDER_MEMORY_BYTES) {
        // What the stop itself takes is not counted.
        RENDERING.set(None);
        let origin = watched()
            .iter()
            .find(|(k, _, _)| *k == number)
            .map_or_else(|| "模板".to_string(), |(_, o, _)| o.clone());
        let limit = crate::text::human_size(RENDER_MEMORY_BYTES as u64);
        let message = format!("模板运行占用的内存超过 {limit}，已停止，没有写出任何文件");
        stop(Error::at(origin, message).with_hint(
            "模板中可能有不断加长的文字（如在循环里把变量接上自己）；改掉它，或换回内置模板",
        ));
    }
}

fn give(n: usize) {
    if let Ok(Some(_)) = RENDERING.try_with(Cell::get) {
        HELD.set(
            HELD.get()
                .saturating_sub(isize::try_from(n).unwrap_or(isize::MAX)),
        );
    }
}

/// Says why, then ends the process with exit 1.
fn stop(error: Error) -> ! {
    eprintln!("{error}");
    match EXIT.get() {
        Some(exit) => exit(1),
        None => std::process::exit(1),
    }
}

// SAFETY: every call is passed on to the system allocator unchanged; counting only reads
// and writes this thread's own cells.
unsafe impl GlobalAlloc for Metered {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        take(layout.size());
        // SAFETY: the caller's layout, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        take(layout.size());
        // SAFETY: the caller's layout, passed on.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        give(layout.size());
        // SAFETY: a block this allocator gave out, with its layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        match new_size.checked_sub(layout.size()) {
            Some(more) => take(more),
            None => give(layout.size() - new_size),
        }
        // SAFETY: a block this allocator gave out, with its layout and the caller's size.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}
