//! The archives verified together, as volumes of one set: those that carry a Bag-Count must
//! agree on how many volumes there are, each volume given once, none missing. A volume left
//! over from an earlier run of `bundle` (`Bag-Count: 3 of 3` beside a new `of 2`) is named.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::findings::{Findings, Problem};
use crate::error::Result;

/// A counted archive: its place in `results`, its volume number and the total it gives.
type Counted = (usize, u64, Option<u64>);

/// Adds to each archive's findings what is wrong with the set the counted archives of `results`
/// make. One archive alone is a set of its own: a volume verified by itself passes.
pub(super) fn check_set(results: &mut [(PathBuf, Result<Findings>)]) {
    let counted: Vec<Counted> = results
        .iter()
        .enumerate()
        .filter_map(|(i, (_, r))| {
            let count = r.as_ref().ok()?.volume?;
            Some((i, count.index, count.total))
        })
        .collect();
    if counted.len() < 2 {
        return;
    }
    let Some(total) = set_total(&counted) else {
        return;
    };
    // Each volume number of the set, and the archive that first gave it.
    let mut given: BTreeMap<u64, usize> = BTreeMap::new();
    for &(i, index, of) in &counted {
        let what = match (of, given.get(&index)) {
            (Some(of), _) if of != total => format!(
                "bag-info.txt 记为第 {index} 卷、共 {of} 卷，同时校验的其他分卷记共 {total} 卷：它可能是以前打包留下的旧分卷"
            ),
            _ if index > total => format!("记为第 {index} 卷，这一套只有 {total} 卷"),
            (_, Some(&first)) => format!("与 {} 同为第 {index} 卷", path_of(results, first)),
            (_, None) => {
                given.insert(index, i);
                continue;
            }
        };
        push(results, i, what);
    }
    let absent = total - given.len() as u64;
    if let (true, Some(&first)) = (absent > 0, given.values().next()) {
        let what = format!(
            "同一套共 {total} 卷，这里没有可读的第 {} 卷",
            missing(&given, total)
        );
        push(results, first, what);
    }
}

/// The first few volume numbers of `1..=total` not `given`, as a list: a forged total of
/// billions is not counted through.
fn missing(given: &BTreeMap<u64, usize>, total: u64) -> String {
    const SHOWN: usize = 10;
    let absent = total - given.len() as u64;
    let mut shown: Vec<String> = (1..=total)
        .filter(|n| !given.contains_key(n))
        .take(SHOWN)
        .map(|n| n.to_string())
        .collect();
    if absent > SHOWN as u64 {
        shown.push(format!("……（共缺 {absent} 卷）"));
    }
    shown.join("、")
}

/// How many volumes the set has: the total most counted archives give (the first given's,
/// when as many give another); `None` when none knows it.
fn set_total(counted: &[Counted]) -> Option<u64> {
    let mut votes: HashMap<u64, usize> = HashMap::new();
    for &(_, _, of) in counted {
        if let Some(of) = of {
            *votes.entry(of).or_insert(0) += 1;
        }
    }
    let most = *votes.values().max()?;
    counted
        .iter()
        .filter_map(|&(_, _, of)| of)
        .find(|of| votes.get(of) == Some(&most))
}

fn path_of(results: &[(PathBuf, Result<Findings>)], i: usize) -> String {
    results
        .get(i)
        .map_or(String::new(), |(p, _)| crate::error::shown(p))
}

/// Adds the set problem `what` to the findings of archive `i`.
fn push(results: &mut [(PathBuf, Result<Findings>)], i: usize, what: String) {
    if let Some((_, Ok(f))) = results.get_mut(i) {
        f.problems.push(Problem::Volumes(what));
    }
}
