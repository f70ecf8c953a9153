//! The symbols keiko draws with: Unicode by default, ASCII with `--ascii`
//! for terminals that draw box and block characters double-width.
//!
//! Unicode mode uses no East-Asian-ambiguous symbols except box drawing
//! (drawn by ratatui's borders) and the full block of progress bars.

pub struct Glyphs {
    pub bar_full: &'static str,
    pub bar_empty: &'static str,
    /// A level achieved, a competency at target.
    pub done: &'static str,
    /// A statement or competency with a note.
    pub note: &'static str,
    /// A level a coach signed off.
    pub signoff: &'static str,
    /// A level waiting for review.
    pub request: &'static str,
    /// A sign-off no longer matching the learner's checks, or a returned level.
    pub attention: &'static str,
    pub ascii: bool,
}

pub static UNICODE: Glyphs = Glyphs {
    bar_full: "█",
    bar_empty: "░",
    done: "✓",
    note: "✎",
    signoff: "⚑",
    request: "⚐",
    attention: "!",
    ascii: false,
};

pub static ASCII: Glyphs = Glyphs {
    bar_full: "#",
    bar_empty: "-",
    done: "v",
    note: "n",
    signoff: "S",
    // Not `R`: that is the reflection key.
    request: "*",
    attention: "!",
    ascii: true,
};

impl Glyphs {
    pub fn get(ascii: bool) -> &'static Glyphs {
        if ascii { &ASCII } else { &UNICODE }
    }

    /// A progress bar `width` cells wide.
    pub fn bar(&self, fraction: keiko_core::model::progress::Fraction, width: usize) -> String {
        let filled = fraction.filled(width).min(width);
        self.bar_full.repeat(filled) + &self.bar_empty.repeat(width - filled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn all(g: &Glyphs) -> [&'static str; 7] {
        [g.bar_full, g.bar_empty, g.done, g.note, g.signoff, g.request, g.attention]
    }

    #[test]
    fn every_glyph_is_one_column_wide() {
        for g in [&UNICODE, &ASCII] {
            for s in all(g) {
                assert_eq!(s.width(), 1, "{s:?}");
            }
        }
    }

    #[test]
    fn ascii_mode_is_ascii() {
        assert!(all(&ASCII).iter().all(|s| s.is_ascii()));
    }

    #[test]
    fn unicode_mode_has_no_ambiguous_width_but_the_bar_block() {
        for s in all(&UNICODE) {
            if s == UNICODE.bar_full {
                continue;
            }
            assert_eq!(s.width(), s.width_cjk(), "{s:?} is ambiguous-width");
        }
    }
}
