//! Exact 0/1 knapsack over integer efforts, maximizing the summed score.
//!
//! Items come in ranking order. Among selections with the same best total the
//! one that includes the higher-ranked items wins, so the result never depends
//! on how floating-point sums happen to round.

/// Above this many table cells (items × capacity) the exact table would cost
/// too much memory; the caller falls back to rank order.
pub const MAX_CELLS: usize = 64 * 1024 * 1024;

/// Totals closer than this (relative) count as equal, so a tie goes to the
/// higher-ranked item instead of to rounding noise.
const TIE: f64 = 1e-9;

fn better_or_equal(a: f64, b: f64) -> bool {
    a >= b - TIE * a.abs().max(b.abs()).max(1.0)
}

/// Indices (into `items`, ascending) of the best selection of `(effort,
/// score)` pairs whose efforts sum to at most `capacity`; `None` when the
/// table would exceed [`MAX_CELLS`].
pub fn best(items: &[(u32, f64)], capacity: u32) -> Option<Vec<usize>> {
    let total: u64 = items.iter().map(|(e, _)| u64::from(*e)).sum();
    // Nothing beyond the sum of all efforts can ever be used.
    let cap = u64::from(capacity).min(total) as usize;
    let width = cap + 1;
    if items.len().saturating_mul(width) > MAX_CELLS {
        return None;
    }
    // best[c]: best total from the items after the current one with capacity
    // c. Going from the last item to the first lets the reconstruction walk
    // forward and prefer the higher-ranked item whenever taking it is optimal.
    let mut value = vec![0.0f64; width];
    let mut take = vec![false; items.len() * width];
    for (i, &(effort, score)) in items.iter().enumerate().rev() {
        let e = effort as usize;
        if e > cap {
            continue;
        }
        for c in (e..width).rev() {
            let with = score + value[c - e];
            if better_or_equal(with, value[c]) {
                take[i * width + c] = true;
                value[c] = value[c].max(with);
            }
        }
    }
    let mut chosen = Vec::new();
    let mut c = cap;
    for (i, &(effort, _)) in items.iter().enumerate() {
        if take[i * width + c] {
            chosen.push(i);
            c -= effort as usize;
        }
    }
    Some(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_beats_greedy() {
        // Greedy by score takes the 6 first and then nothing fits; the best
        // is the two 5s.
        let items = [(6, 6.0), (5, 5.0), (5, 5.0)];
        assert_eq!(best(&items, 10), Some(vec![1, 2]));
    }

    #[test]
    fn ties_go_to_higher_ranked() {
        let items = [(2, 1.0), (2, 1.0), (2, 1.0)];
        assert_eq!(best(&items, 4), Some(vec![0, 1]));
        // One item worth the same as two others: the first (higher-ranked) wins.
        let items = [(2, 2.0), (1, 1.0), (1, 1.0)];
        assert_eq!(best(&items, 2), Some(vec![0]));
    }

    #[test]
    fn nothing_fits() {
        assert_eq!(best(&[(5, 1.0)], 4), Some(vec![]));
        assert_eq!(best(&[], 4), Some(vec![]));
    }

    #[test]
    fn huge_tables_are_refused() {
        let items: Vec<_> = (0..100_000).map(|_| (1000, 1.0)).collect();
        assert_eq!(best(&items, u32::MAX), None);
    }
}
