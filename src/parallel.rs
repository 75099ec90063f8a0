//! Runs one function over many items on several threads, results in the items' order. A panic
//! on a worker thread goes on as a panic on the caller's: a bug is reported as one (exit 3),
//! never as a failed input.

/// `f` over `items` on all cores. Items differ in cost by a lot (a unit with 1,000 tasks, one
/// with 3), so each thread takes the next item as it finishes one.
///
/// ```
/// let squares = dossier::parallel::on_all_cores(&[1, 2, 3], |n| Ok::<_, ()>(n * n));
/// assert_eq!(squares.into_iter().map(Result::unwrap).collect::<Vec<_>>(), [1, 4, 9]);
/// ```
pub fn on_all_cores<T: Sync, R: Send, E: Send>(
    items: &[T],
    f: impl Fn(&T) -> Result<R, E> + Sync,
) -> Vec<Result<R, E>> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    on_threads(items, cores, f)
}

/// `f` over `items` on `threads` threads (at most one per item).
///
/// ```
/// let lengths = dossier::parallel::on_threads(&["甲", "乙丙"], 8, |s| Ok::<_, ()>(s.chars().count()));
/// assert_eq!(lengths.into_iter().map(Result::unwrap).collect::<Vec<_>>(), [1, 2]);
/// let panicked = std::panic::catch_unwind(|| {
///     dossier::parallel::on_threads(&[1, 2], 2, |n| if *n == 2 { panic!("a bug") } else { Ok::<_, ()>(*n) })
/// });
/// assert!(panicked.is_err(), "a worker's panic reaches the caller");
/// ```
pub fn on_threads<T: Sync, R: Send, E: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> Result<R, E> + Sync,
) -> Vec<Result<R, E>> {
    let threads = threads.clamp(1, items.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, Result<R, E>)> = Vec::with_capacity(items.len());
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    crate::fault::point("worker");
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
            done.extend(
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}
