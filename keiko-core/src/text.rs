//! Text helpers: positions in a file, terminal-safe text, display width and
//! wrapping.

use unicode_width::UnicodeWidthStr;

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// True for characters that must never reach a terminal as they are:
/// C0 and C1 controls, DEL, and the bidirectional overrides and isolates that
/// can make text read differently from what it is.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// True for characters that draw nothing and that no name needs: the
/// zero-width space, the word joiner and invisible operators, the byte order
/// mark, the soft hyphen, fillers that draw as blanks, tags and the like
/// (the bidirectional marks are `is_unsafe_char`'s). Not the joiners
/// (U+200C, U+200D) nor the variation selectors, which emoji, scripts and
/// kanji variants need.
pub fn is_invisible_char(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFFB}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// What text looks like, to tell names that would look the same on screen:
/// NFKC (full- and half-width forms as their usual ones), then Unicode's
/// confusable skeleton (UTS #39: default-ignorable characters such as the
/// zero-width space dropped, look-alikes such as Cyrillic І and Latin I
/// mapped to one prototype), without invisible or control characters and
/// without spaces of any kind. Two texts with the same key are hard to
/// tell apart; different keys do not promise the opposite.
pub fn look_key(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let blank = |c: char| c.is_whitespace() || c == '\u{2800}';
    let seen: String = text.chars().filter(|&c| !is_invisible_char(c) && !is_unsafe_char(c)).nfkc().collect();
    unicode_security::skeleton(&seen).filter(|&c| !blank(c) && !is_invisible_char(c) && !is_unsafe_char(c)).collect()
}

/// Text made safe to print: controls and bidi overrides become visible
/// escapes (`^[`, `<U+202E>`). Keeps line breaks (`\n`, `\r\n`) and tabs
/// when `keep_lines`; a lone `\r`, which would overwrite the line, never.
pub fn terminal_safe(text: &str, keep_lines: bool) -> String {
    if !text.chars().any(is_unsafe_char) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' if keep_lines => out.push(c),
            '\r' if keep_lines && chars.peek() == Some(&'\n') => out.push(c),
            c if (c as u32) < 0x20 => {
                out.push('^');
                out.push(char::from(b'@' + c as u8));
            }
            c if is_unsafe_char(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// `terminal_safe` for the screen, where characters that draw nothing
/// (`is_invisible_char`: a zero-width space) show as `<U+200B>` too, so that
/// two texts drawn alike are alike.
pub fn screen_safe(text: &str, keep_lines: bool) -> String {
    let text = terminal_safe(text, keep_lines);
    if !text.chars().any(is_invisible_char) {
        return text;
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_invisible_char(c) {
            shown.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            shown.push(c);
        }
    }
    shown
}

/// Serialized JSON made safe to print: every character `is_unsafe_char`
/// names becomes a `\uXXXX` escape, so the JSON still means the same.
/// (serde_json escapes C0 controls itself, but not DEL, C1 controls or bidi
/// overrides.) Only the JSON's own line breaks stay: inside strings serde_json
/// has already escaped them.
pub fn json_safe(json: &str) -> String {
    let unsafe_char = |c: char| c != '\n' && is_unsafe_char(c);
    if !json.chars().any(unsafe_char) {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_char(c) {
            // Every unsafe character is in the Basic Multilingual Plane: one escape each.
            out.push_str(&format!("\\u{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Text folded for search: NFKC (half-width katakana and full-width ASCII
/// become their usual forms: ｸﾚｰﾑ is クレーム, ＡＢＣ is ABC), then lower case.
pub fn fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfkc().collect::<String>().to_lowercase()
}

/// Byte ranges of `text` where any of `terms` (already `fold`ed) occurs,
/// compared folded, sorted and merged. Text is folded one grapheme cluster at
/// a time (ｸﾞ is one cluster: グ), so every match maps back to whole clusters.
pub fn folded_matches(text: &str, terms: &[String]) -> Vec<std::ops::Range<usize>> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut folded = String::new();
    // For each folded cluster: where it starts in `folded`, and its range in `text`.
    let mut map: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    for (at, cluster) in text.grapheme_indices(true) {
        map.push((folded.len(), at..at + cluster.len()));
        folded.push_str(&fold(cluster));
    }
    // The cluster holding folded byte `i`.
    let cluster = |i: usize| map.partition_point(|(start, _)| *start <= i).saturating_sub(1);
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for term in terms.iter().filter(|t| !t.is_empty()) {
        for (i, _) in folded.match_indices(term.as_str()) {
            let first = &map[cluster(i)].1;
            let last = &map[cluster(i + term.len() - 1)].1;
            ranges.push(first.start..last.end);
        }
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Display width in terminal columns (kanji are two).
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Pads `text` with spaces to `columns` display columns, or cuts it at a
/// character boundary when it is wider.
pub fn fit(text: &str, columns: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > columns {
            break;
        }
        out.push(c);
        used += w;
    }
    out.extend(std::iter::repeat_n(' ', columns - used));
    out
}

/// Wraps text to lines of at most `columns` display columns, breaking between
/// Japanese characters and at spaces in Latin text (no gap at the end of a
/// mixed line, unlike ratatui's own `Wrap`). Existing newlines are kept.
pub fn wrap(text: &str, columns: usize) -> Vec<String> {
    let columns = columns.max(1);
    let options = textwrap::Options::new(columns)
        .word_separator(textwrap::WordSeparator::UnicodeBreakProperties)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .break_words(true);
    textwrap::wrap(text, options).into_iter().map(|line| line.into_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "一行目\n二行目のx";
        let offset = text.find('x').unwrap();
        assert_eq!(line_col(text, offset), (2, 5));
        assert_eq!(line_col(text, 0), (1, 1));
    }

    #[test]
    fn escape_sequences_become_visible_text() {
        let hostile = "a\u{1b}]0;owned\u{7}b\u{1b}[2Jc\u{9b}d\u{202e}e\nf";
        let safe = terminal_safe(hostile, true);
        assert_eq!(safe, "a^[]0;owned^Gb^[[2Jc<U+009B>d<U+202E>e\nf");
        assert!(!safe.chars().any(|c| is_unsafe_char(c) && c != '\n'));
        assert_eq!(terminal_safe("x\ny", false), "x^Jy");
        assert_eq!(terminal_safe("a\r\nb\rc", true), "a\r\nb^Mc");
        assert_eq!(terminal_safe("a\u{200B}b", false), "a\u{200B}b");
        assert_eq!(
            screen_safe("a\u{200B}b\u{00AD}c\u{1b}\u{202E}\u{200D}", false),
            "a<U+200B>b<U+00AD>c^[<U+202E>\u{200D}"
        );
    }

    #[test]
    fn names_that_would_look_the_same_have_one_key() {
        let same = [
            ("Ivan", "\u{0406}van"),                        // Cyrillic І
            ("Ivan", "lvan"),                               // I and l
            ("Olga", "\u{041E}lga"),                        // Cyrillic О
            ("伊藤 さくら", "伊藤\u{200B} さくら"),         // a zero-width space
            ("伊藤 さくら", "伊藤\u{2060}さくら"),          // a word joiner for the space
            ("伊藤 さくら", "伊藤\u{3000}さくら"),          // an ideographic space
            ("伊藤 さくら", "伊藤 さくら "),                // a trailing space
            ("伊藤 さくら", "伊藤\u{3164}さくら"),          // a Hangul filler, a wide blank
            ("伊藤 さくら", "\u{FEFF}伊藤 さ\u{00AD}くら"), // a byte order mark, a soft hyphen
            ("伊藤 さくら", "伊藤 \u{202E}さくら"),         // a bidi override
            ("Chen Wei", "Ｃｈｅｎ Ｗｅｉ"),                // full-width forms
            ("サクラ", "ｻｸﾗ"),                              // half-width katakana
        ];
        for (a, b) in same {
            assert_eq!(look_key(a), look_key(b), "{a:?} / {b:?}");
        }
        for (a, b) in [("Ivan", "Ivana"), ("伊藤 さくら", "伊藤 さくや"), ("Chen", "chen"), ("佐藤", "左藤")]
        {
            assert_ne!(look_key(a), look_key(b), "{a:?} / {b:?}");
        }
        for c in ['\u{200B}', '\u{2060}', '\u{FEFF}', '\u{00AD}', '\u{3164}', '\u{E0041}'] {
            assert!(is_invisible_char(c), "{c:?}");
        }
        for c in ['\u{200C}', '\u{200D}', '\u{FE0F}', '\u{E0100}', ' ', 'a', 'あ'] {
            assert!(!is_invisible_char(c), "{c:?}");
        }
    }

    #[test]
    fn json_keeps_its_meaning_without_unsafe_characters() {
        let value = serde_json::json!({ "note": "a\u{1b}]0;t\u{7}b\u{7f}c\u{9b}d\u{202e}e\nf" });
        let json = json_safe(&serde_json::to_string_pretty(&value).unwrap());
        assert!(!json.chars().any(|c| is_unsafe_char(c) && c != '\n'), "{json}");
        assert!(json.contains(r"\u001b]0;t\u0007b\u007Fc\u009Bd\u202Ee\nf"), "{json}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&json).unwrap(), value);
    }

    #[test]
    fn fit_pads_and_cuts_by_display_width() {
        assert_eq!(fit("顧客", 6), "顧客  ");
        assert_eq!(fit("顧客の離反", 5), "顧客 ");
        assert_eq!(width(&fit("顧客の離反", 5)), 5);
    }

    #[test]
    fn japanese_wraps_at_the_display_width() {
        let lines = wrap(
            "企業や製品、コンタクトセンターに対する顧客からの不満が発生した場合に、その理由を正しく聴き取り、記録し、報告できる",
            20,
        );
        assert!(lines.len() > 1);
        for line in &lines {
            assert!(width(line) <= 20, "{line:?} is {} wide", width(line));
        }
        assert_eq!(
            lines.concat(),
            "企業や製品、コンタクトセンターに対する顧客からの不満が発生した場合に、その理由を正しく聴き取り、記録し、報告できる"
        );
    }

    #[test]
    fn mixed_text_fills_lines_without_a_gap() {
        // ratatui's Wrap would break after "SV" and leave the rest of the line empty.
        let lines = wrap("報告先はSV and then 顧客からの不満内容について分析し報告できる", 16);
        assert!(width(&lines[0]) >= 14, "{lines:?}");
    }

    #[test]
    fn search_folds_width_and_case() {
        assert_eq!(fold("ｸﾚｰﾑ"), fold("クレーム"));
        assert_eq!(fold("ＡＢＣ"), "abc");
        assert_eq!(fold("ｶﾞｲﾄﾞ"), "ガイド");
        // A match maps back to the text as written, whole clusters.
        let text = "顧客のｸﾚｰﾑとＡＢＣ";
        let ranges = folded_matches(text, &[fold("クレーム"), fold("abc")]);
        let found: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, ["ｸﾚｰﾑ", "ＡＢＣ"]);
        let text = "ｶﾞｲﾄﾞ";
        let ranges = folded_matches(text, &[fold("ガ")]);
        assert_eq!(&text[ranges[0].clone()], "ｶﾞ");
        assert!(folded_matches("abc", &[fold("x")]).is_empty());
    }
}
