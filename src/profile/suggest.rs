//! "Did you mean": the nearest valid name to a misspelt key, value or variable.
//!
//! A candidate is suggested when it equals the input ignoring ASCII case and `-`/`_`
//! (`EU` → `eu`, `report-only` → `report_only`); or when it is the one candidate whose words
//! include the input's (`zero_retention` → `zero_data_retention`) or whose initials it is (`zdr`
//! → `zero_data_retention`); or else when it is the one candidate within a
//! small edit distance (adjacent transpositions count as one edit): one edit for names of up to
//! four characters, otherwise a third of the input's length, at most three.

/// The candidate nearest to `input`, if one is near enough to be what its author meant.
pub(crate) fn nearest<'c>(
    input: &str,
    candidates: impl IntoIterator<Item = &'c str> + Clone,
) -> Option<&'c str> {
    let fold = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c == '-' {
                    '_'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    };
    let folded = fold(input);
    if let Some(c) = candidates.clone().into_iter().find(|c| fold(c) == folded) {
        return Some(c);
    }
    // The one candidate whose words include the input's (`zero_retention`), or whose initials
    // it is (`zdr`, `mam`).
    let words: Vec<&str> = folded.split('_').filter(|w| !w.is_empty()).collect();
    let by_words = |c: &&str| {
        let theirs = fold(c);
        let theirs: Vec<&str> = theirs.split('_').collect();
        let initials: String = theirs.iter().filter_map(|w| w.chars().next()).collect();
        (theirs.len() > 1 && initials == folded)
            || (words.len() > 1 && words.iter().all(|w| theirs.contains(w)))
    };
    let mut matches = candidates.clone().into_iter().filter(by_words);
    if let (Some(c), None) = (matches.next(), matches.next()) {
        return Some(c);
    }
    let len = folded.chars().count();
    let limit = if len <= 4 { 1 } else { (len / 3).min(3) };
    let mut best: Option<(usize, &str)> = None;
    let mut tie = false;
    for c in candidates {
        let d = distance(&folded, &fold(c));
        match best {
            _ if d > limit => {}
            Some((b, _)) if d > b => {}
            Some((b, _)) if d == b => tie = true,
            _ => {
                best = Some((d, c));
                tie = false;
            }
        }
    }
    best.filter(|_| !tie).map(|(_, c)| c)
}

/// The optimal-string-alignment distance between `a` and `b`, by characters.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows: two back (for transpositions), one back, and the current one.
    let mut two_back = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(two_back[j - 2] + 1);
            }
        }
        std::mem::swap(&mut two_back, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// `; did you mean `x`?` when there is a suggestion, else nothing.
pub(crate) fn hint(suggestion: Option<&str>) -> String {
    suggestion
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_case_folds_typos_and_transpositions() {
        let regions = ["us", "eu", "au", "ca"];
        assert_eq!(nearest("EU", regions), Some("eu"));
        assert_eq!(nearest("moon", regions), None);
        let keys = [
            "retention",
            "region",
            "provider",
            "on_store",
            "on_unknown_endpoint",
        ];
        assert_eq!(nearest("retension", keys), Some("retention"));
        assert_eq!(nearest("provdier", keys), Some("provider"));
        assert_eq!(nearest("on-store", keys), Some("on_store"));
        assert_eq!(nearest("regoin", keys), Some("region"));
        assert_eq!(nearest("zzz", keys), None);
        let modes = [
            "standard",
            "modified_abuse_monitoring",
            "zero_data_retention",
        ];
        assert_eq!(nearest("zdr", modes), Some("zero_data_retention"));
        assert_eq!(nearest("MAM", modes), Some("modified_abuse_monitoring"));
        assert_eq!(
            nearest("abuse_monitoring", modes),
            Some("modified_abuse_monitoring")
        );
        assert_eq!(nearest("zero", modes), None);
        // Two candidates equally near: no guess.
        assert_eq!(nearest("ab", ["ac", "ad"]), None);
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("abc", "abc"), 0);
        assert_eq!(distance("abc", "acb"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
