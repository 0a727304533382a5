//! IAM's wildcards: `*` matches any run of characters (`:` and `/` included), `?` exactly one.

/// Does `pattern` match `text`, comparing characters with `same`? Iterative with one
/// backtrack point, so a pattern of many stars stays linear-ish, never exponential.
fn matches<T: Copy>(
    pattern: &[T],
    text: &[T],
    star: T,
    one: T,
    same: impl Fn(T, T) -> bool,
) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut backtrack: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && same(pattern[p], star) {
            backtrack = Some((p, t));
            p += 1;
        } else if p < pattern.len() && (same(pattern[p], one) || same(pattern[p], text[t])) {
            p += 1;
            t += 1;
        } else if let Some((star_at, matched_to)) = backtrack {
            p = star_at + 1;
            t = matched_to + 1;
            backtrack = Some((star_at, t));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| same(c, star))
}

/// Action names: ASCII, compared without regard to case.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    matches(pattern.as_bytes(), action.as_bytes(), b'*', b'?', |a, b| {
        a.eq_ignore_ascii_case(&b)
    })
}

/// ARNs: case-sensitive, `?` one character (not one byte).
pub fn resource_matches(pattern: &str, resource: &str) -> bool {
    if pattern.is_ascii() && resource.is_ascii() {
        return matches(
            pattern.as_bytes(),
            resource.as_bytes(),
            b'*',
            b'?',
            |a, b| a == b,
        );
    }
    let pattern: Vec<char> = pattern.chars().collect();
    let resource: Vec<char> = resource.chars().collect();
    matches(&pattern, &resource, '*', '?', |a, b| a == b)
}

/// Could `pattern` match some ARN that starts with `prefix` (a name the caller chooses)?
/// Walks the pattern's states over the prefix; whatever state is left, some ending fits it.
pub fn may_name_under(pattern: &str, prefix: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let close = |states: &mut Vec<usize>| {
        let mut at = 0;
        while at < states.len() {
            let p = states[at];
            if pattern.get(p) == Some(&'*') && !states.contains(&(p + 1)) {
                states.push(p + 1);
            }
            at += 1;
        }
    };
    let mut states = vec![0];
    close(&mut states);
    for c in prefix.chars() {
        let mut next = Vec::new();
        for &p in &states {
            match pattern.get(p) {
                Some('*') => next.push(p),
                Some(&q) if q == '?' || q == c => next.push(p + 1),
                _ => {}
            }
        }
        next.sort_unstable();
        next.dedup();
        close(&mut next);
        if next.is_empty() {
            return false;
        }
        states = next;
    }
    true
}

/// Does `pattern` match every ARN that starts with `prefix`, whatever name follows?
pub fn covers_all_under(pattern: &str, prefix: &str) -> bool {
    pattern.ends_with('*') && resource_matches(pattern, prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_match_case_insensitively_with_both_wildcards() {
        assert!(action_matches("*", "s3:GetObject"));
        assert!(action_matches("s3:get*", "S3:GetObject"));
        assert!(action_matches("iam:?etUser", "iam:GetUser"));
        assert!(action_matches("*:*", "iam:GetUser"));
        assert!(action_matches("iam:*User*", "iam:ListUserTags"));
        assert!(!action_matches("iam:?etUser", "iam:GettUser"));
        assert!(!action_matches("s3:Get*", "s3:PutObject"));
        assert!(!action_matches("s3", "s3:GetObject"));
        assert!(!action_matches("", "s3:GetObject"));
    }

    #[test]
    fn resources_match_case_sensitively_across_separators() {
        assert!(resource_matches("*", "arn:aws:s3:::bucket/key"));
        assert!(resource_matches(
            "arn:aws:s3:::bucket*",
            "arn:aws:s3:::bucket/a/b"
        ));
        assert!(resource_matches(
            "arn:aws:iam::*:user/*",
            "arn:aws:iam::123456789012:user/a"
        ));
        assert!(!resource_matches(
            "arn:aws:iam::*:user/*",
            "arn:aws:iam::123456789012:User/a"
        ));
        assert!(resource_matches("arn:aws:s3:::b?", "arn:aws:s3:::bé"));
        assert!(!resource_matches("arn:aws:s3:::b?", "arn:aws:s3:::b"));
        assert!(resource_matches("a*b*c*d", "aXXbYYcZZd"));
        assert!(!resource_matches("a*b*c*d", "aXXbYYcZZ"));
    }

    #[test]
    fn many_stars_stay_fast() {
        let pattern = "*a".repeat(40);
        let text = "a".repeat(39) + "b";
        assert!(!resource_matches(&pattern, &text));
    }

    #[test]
    fn names_a_caller_chooses() {
        let roles = "arn:aws:iam::111122223333:role/";
        assert!(may_name_under("*", roles));
        assert!(may_name_under("arn:aws:iam::*:role/app-*", roles));
        assert!(may_name_under(
            "arn:aws:iam::111122223333:role/fixed",
            roles
        ));
        assert!(!may_name_under("arn:aws:iam::111122223333:user/*", roles));
        assert!(!may_name_under("arn:aws:s3:::bucket", roles));
        assert!(covers_all_under("*", roles));
        assert!(covers_all_under("arn:aws:iam::*:role/*", roles));
        assert!(!covers_all_under("arn:aws:iam::*:role/app-*", roles));
    }
}
