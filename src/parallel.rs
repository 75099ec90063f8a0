//! Runs one function over many items on several threads, results in the items' order.

use crate::error::{Error, Result};

/// `f` over `items` on all cores. Items differ in cost by a lot (a unit with 1,000 tasks, one
/// with 3), so each thread takes the next item as it finishes one.
///
/// ```
/// let squares = dossier::parallel::on_all_cores(&[1, 2, 3], |n| Ok::<_, ()>(n * n)).unwrap();
/// assert_eq!(squares.into_iter().map(Result::unwrap).collect::<Vec<_>>(), [1, 4, 9]);
/// ```
pub fn on_all_cores<T: Sync, R: Send, E: Send>(
    items: &[T],
    f: impl Fn(&T) -> std::result::Result<R, E> + Sync,
) -> Result<Vec<std::result::Result<R, E>>> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    on_threads(items, cores, f)
}

/// `f` over `items` on `threads` threads (at most one per item).
///
/// ```
/// let lengths =
///     dossier::parallel::on_threads(&["甲", "乙丙"], 8, |s| Ok::<_, ()>(s.chars().count())).unwrap();
/// assert_eq!(lengths.into_iter().map(Result::unwrap).collect::<Vec<_>>(), [1, 2]);
/// ```
pub fn on_threads<T: Sync, R: Send, E: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> std::result::Result<R, E> + Sync,
) -> Result<Vec<std::result::Result<R, E>>> {
    let threads = threads.clamp(1, items.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, std::result::Result<R, E>)> = Vec::with_capacity(items.len());
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        for h in handles {
            if let Ok(mine) = h.join() {
                done.extend(mine);
            }
        }
    });
    if done.len() != items.len() {
        return Err(Error::at("", "内部错误：工作线程意外中止"));
    }
    done.sort_by_key(|(i, _)| *i);
    Ok(done.into_iter().map(|(_, r)| r).collect())
}
