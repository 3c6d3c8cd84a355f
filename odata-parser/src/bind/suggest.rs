//! "Did you mean …?": the closest candidate name by edit distance, ignoring case.

/// Levenshtein distance between `a` and `b`, ASCII case-insensitive, with adjacent
/// transpositions counting one edit. Stops early past `limit` (returns `limit + 1`).
fn distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<char> = b.chars().map(|c| c.to_ascii_lowercase()).collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let w = b.len() + 1;
    let mut prev2 = vec![0usize; w];
    let mut prev: Vec<usize> = (0..w).collect();
    let mut cur = vec![0usize; w];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate closest to `name`: a case-insensitive match first, else the nearest within
/// about a third of the name's length (at least 1, at most 3 edits). Ties go to the first.
pub(crate) fn closest<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let limit = (name.chars().count() / 3).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c == name {
            continue;
        }
        if c.eq_ignore_ascii_case(name) {
            return Some(c);
        }
        let d = distance(name, c, limit);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// `did you mean 'X'?`, if there is a close candidate.
pub(crate) fn did_you_mean<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<String> {
    closest(name, candidates).map(|c| format!("did you mean '{c}'?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_closest_name() {
        let names = ["Subject", "Sender", "IsRead", "ReceivedDateTime"];
        assert_eq!(closest("Subjct", names), Some("Subject"));
        assert_eq!(closest("subject", names), Some("Subject"));
        assert_eq!(closest("IsRaed", names), Some("IsRead"));
        assert_eq!(closest("RecievedDateTime", names), Some("ReceivedDateTime"));
        assert_eq!(closest("Banana", names), None);
        assert_eq!(closest("Subject", names), None);
        assert_eq!(distance("abc", "abc", 3), 0);
        assert_eq!(distance("ab", "ba", 3), 1);
    }
}
