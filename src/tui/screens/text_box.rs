//! The note editor's text: lines, the caret and soft wrapping.
//!
//! A key costs what it changes, not the length of the note: each line
//! keeps the starts of its rows as far as they were needed; an edit keeps
//! those before it, and the rest are wrapped again only as far as the
//! screen shows. Drawing walks only the rows on screen.
//!
//! Rows are one cell narrower than the area, so the caret at the end of a
//! line always has a cell of its own on that line's last row: the terminal's
//! cursor (where an IME composes) is then exactly at the caret in every case.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;

use keiko_core::text::{is_invisible_char, is_unsafe_char, screen_safe};

/// A tab is drawn as this many spaces.
const TAB: &str = "    ";

/// A row of one line: which line, and which of its rows.
type Row = (usize, usize);

/// How a grapheme is drawn, and how many cells it takes: itself, or a
/// visible stand-in for what must not reach a terminal (controls, bidi
/// overrides: `^[`, `<U+202E>`), draws nothing (a zero-width space, a soft
/// hyphen: `<U+00AD>`) or would take no cell (a lone combining mark), so
/// that every caret position has a cell of its own.
fn shown(g: &str) -> (Cow<'_, str>, usize) {
    if g == "\t" {
        return (Cow::Borrowed(TAB), TAB.len());
    }
    if g.chars().any(|c| is_unsafe_char(c) || is_invisible_char(c)) {
        let safe = screen_safe(g, false);
        let cells = keiko_core::text::width(&safe);
        return (Cow::Owned(safe), cells);
    }
    match usize::from(g.cell_width()) {
        0 => {
            let code: String = g.chars().map(|c| format!("<U+{:04X}>", c as u32)).collect();
            let cells = code.len();
            (Cow::Owned(code), cells)
        }
        cells => (Cow::Borrowed(g), cells),
    }
}

fn cells(g: &str) -> usize {
    shown(g).1
}

/// Japanese closing punctuation, which a row must not start with (a small
/// kinsoku set: commas, stops, closing brackets, the long vowel mark).
fn closes(g: &str) -> bool {
    matches!(
        g,
        "、" | "。"
            | "，"
            | "．"
            | "・"
            | "："
            | "；"
            | "？"
            | "！"
            | "ー"
            | "…"
            | "‥"
            | "」"
            | "』"
            | "）"
            | "】"
            | "〕"
            | "〉"
            | "》"
            | "］"
            | "｝"
            | "｡"
            | "､"
            | "｣"
    )
}

/// Whether a row may end between `before` and `after`: after a space, and
/// between Japanese characters.
fn may_break(before: &str, after: &str) -> bool {
    let space = |g: &str| g.chars().all(char::is_whitespace);
    if space(after) || closes(after) {
        return false;
    }
    space(before) || cells(before) == 2 || cells(after) == 2
}

/// Where the row that starts at `start` ends: at the last place it may
/// break before it overflows `width` cells, else at the grapheme that
/// overflows. Looks no further than one grapheme past the row.
fn row_end(line: &str, start: usize, width: usize) -> usize {
    let mut used = 0;
    let mut last_break = None;
    // With no place to break (a long Latin word before `。`), the row ends
    // before the last grapheme that may start one: the word's last letter
    // goes down with the stop.
    let mut last_opener = None;
    let mut before: Option<&str> = None;
    for (i, g) in line[start..].grapheme_indices(true) {
        let at = start + i;
        if before.is_some_and(|b| may_break(b, g)) {
            last_break = Some(at);
        }
        if at > start && !closes(g) {
            last_opener = Some(at);
        }
        let w = cells(g);
        if used + w > width && at > start {
            return last_break.or(last_opener).unwrap_or(at);
        }
        used += w;
        before = Some(g);
    }
    line.len()
}

/// A line's rows, as far as they were needed: where each starts (the first
/// at 0), and whether they reach the line's end.
#[derive(Debug, Clone)]
struct Rows {
    starts: Vec<usize>,
    complete: bool,
}

impl Default for Rows {
    fn default() -> Rows {
        Rows { starts: vec![0], complete: false }
    }
}

impl Rows {
    /// Wraps on from the last row known until `enough` or the line's end.
    fn extend(&mut self, line: &str, width: usize, enough: impl Fn(&Rows) -> bool) {
        while !self.complete && !enough(self) {
            let end = row_end(line, *self.starts.last().expect("a first row"), width);
            if end >= line.len() {
                self.complete = true;
            } else {
                self.starts.push(end);
            }
        }
    }

    /// Forgets the rows a change at byte `at` may have moved.
    fn changed_at(&mut self, at: usize) {
        self.starts.truncate(unchanged_rows(&self.starts, at) + 1);
        self.complete = false;
    }
}

/// How many of a line's rows (`starts`) a change at byte `at` leaves as
/// they were, less one: the index of the row to rewrap from. A row's end
/// depends on its text and on the grapheme that overflows it, which may be
/// as far on as the start of the row after next (two rows can end for the
/// same overflowing grapheme: one at a break, the next at that grapheme).
/// So the rows three before the one holding the byte before `at` are safe.
fn unchanged_rows(starts: &[usize], at: usize) -> usize {
    starts.partition_point(|&s| s < at.max(1)).saturating_sub(4)
}

/// Where the caret is: a line, and a byte offset in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caret {
    pub line: usize,
    pub at: usize,
}

pub struct TextBox {
    lines: Vec<String>,
    caret: Caret,
    /// The column Up and Down aim for, kept while passing shorter rows.
    goal: Option<usize>,
    /// Cells per row; `usize::MAX` until first drawn (nothing wraps).
    width: Cell<usize>,
    /// Each line's rows at `width`, as far as they were needed.
    rows: RefCell<Vec<Rows>>,
    /// The first row on screen.
    top: Cell<Row>,
    /// Rows on screen when last drawn.
    height: Cell<usize>,
}

impl TextBox {
    /// The text, with the caret at its end.
    pub fn new(text: &str) -> TextBox {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let caret = Caret { line: lines.len() - 1, at: lines[lines.len() - 1].len() };
        TextBox {
            rows: RefCell::new(vec![Rows::default(); lines.len()]),
            lines,
            caret,
            goal: None,
            width: Cell::new(usize::MAX),
            top: Cell::new((0, 0)),
            height: Cell::new(10),
        }
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    pub fn is_empty(&self) -> bool {
        self.lines.len() == 1 && self.lines[0].is_empty()
    }

    /// Whether the text is `other`, without copying it.
    pub fn is(&self, other: &str) -> bool {
        let len = self.lines.iter().map(String::len).sum::<usize>() + self.lines.len() - 1;
        if len != other.len() {
            return false;
        }
        let mut rest = other;
        for (i, line) in self.lines.iter().enumerate() {
            if i > 0 {
                let Some(r) = rest.strip_prefix('\n') else { return false };
                rest = r;
            }
            let Some(r) = rest.strip_prefix(line.as_str()) else { return false };
            rest = r;
        }
        true
    }

    pub fn caret(&self) -> Caret {
        self.caret
    }

    /// Forgets how lines wrap (after a resize); the next draw wraps again.
    pub fn relayout(&mut self) {
        self.rows.get_mut().iter_mut().for_each(|r| *r = Rows::default());
    }

    /// Sets the row width; a new width forgets every line's rows.
    fn set_width(&self, width: usize) {
        if self.width.get() != width {
            self.width.set(width);
            self.rows.borrow_mut().iter_mut().for_each(|r| *r = Rows::default());
        }
    }

    /// Line `line`'s rows, wrapped on until `enough`.
    fn rows_until(&self, line: usize, enough: impl Fn(&Rows) -> bool) -> std::cell::Ref<'_, Rows> {
        self.rows.borrow_mut()[line].extend(&self.lines[line], self.width.get(), enough);
        std::cell::Ref::map(self.rows.borrow(), |rows| &rows[line])
    }

    /// Where row `row` of a line starts, if the line has that many rows.
    fn row_start(&self, line: usize, row: usize) -> Option<usize> {
        self.rows_until(line, |r| r.starts.len() > row).starts.get(row).copied()
    }

    /// A line's last row (its rows wrapped to the end).
    fn last_row(&self, line: usize) -> usize {
        self.rows_until(line, |_| false).starts.len() - 1
    }

    /// The bytes of a row: start and end.
    fn row_span(&self, (line, row): Row) -> (usize, usize) {
        let start = self.row_start(line, row).expect("a row that exists");
        (start, self.row_start(line, row + 1).unwrap_or(self.lines[line].len()))
    }

    /// The row a position is drawn on: a position where a row starts is on that row.
    fn row_of(&self, line: usize, at: usize) -> Row {
        let rows = self.rows_until(line, |r| r.starts.last().is_some_and(|&s| s > at));
        (line, rows.starts.partition_point(|&s| s <= at) - 1)
    }

    fn next_row(&self, (line, row): Row) -> Option<Row> {
        if self.row_start(line, row + 1).is_some() {
            Some((line, row + 1))
        } else if line + 1 < self.lines.len() {
            Some((line + 1, 0))
        } else {
            None
        }
    }

    fn prev_row(&self, (line, row): Row) -> Option<Row> {
        if row > 0 {
            Some((line, row - 1))
        } else if line > 0 {
            Some((line - 1, self.last_row(line - 1)))
        } else {
            None
        }
    }

    /// The caret's column on its row.
    fn caret_column(&self) -> usize {
        let (start, _) = self.row_span(self.row_of(self.caret.line, self.caret.at));
        self.lines[self.caret.line][start..self.caret.at].graphemes(true).map(cells).sum()
    }

    /// Inserts text at the caret; line breaks split the line.
    pub fn insert(&mut self, text: &str) {
        self.goal = None;
        let Caret { line, at } = self.caret;
        self.rows.get_mut()[line].changed_at(at);
        if !text.contains('\n') {
            self.lines[line].insert_str(at, text);
            self.caret.at += text.len();
            return;
        }
        let tail = self.lines[line].split_off(at);
        let mut parts = text.split('\n');
        self.lines[line].push_str(parts.next().unwrap_or(""));
        let mut new: Vec<String> = parts.map(str::to_string).collect();
        let last = new.last_mut().expect("text has a line break");
        let caret_at = last.len();
        last.push_str(&tail);
        let added = new.len();
        self.lines.splice(line + 1..line + 1, new);
        self.rows.get_mut().splice(line + 1..line + 1, std::iter::repeat_n(Rows::default(), added));
        self.caret = Caret { line: line + added, at: caret_at };
    }

    /// Backspace: deletes the character before the caret, or joins the line
    /// with the one above.
    pub fn delete_back(&mut self) {
        self.goal = None;
        let Caret { line, at } = self.caret;
        if at > 0 {
            let start = self.prev_boundary();
            self.lines[line].replace_range(start..at, "");
            self.rows.get_mut()[line].changed_at(start);
            self.caret.at = start;
        } else if line > 0 {
            self.caret = Caret { line: line - 1, at: self.lines[line - 1].len() };
            self.join(line - 1);
        }
    }

    /// Delete: deletes the character at the caret, or joins the next line.
    pub fn delete_forward(&mut self) {
        self.goal = None;
        let Caret { line, at } = self.caret;
        if at < self.lines[line].len() {
            let end = self.next_boundary();
            self.lines[line].replace_range(at..end, "");
            self.rows.get_mut()[line].changed_at(at);
        } else if line + 1 < self.lines.len() {
            self.join(line);
        }
    }

    /// Joins line `line + 1` onto line `line`.
    fn join(&mut self, line: usize) {
        let at = self.lines[line].len();
        let next = self.lines.remove(line + 1);
        self.lines[line].push_str(&next);
        let rows = self.rows.get_mut();
        rows.remove(line + 1);
        rows[line].changed_at(at);
    }

    fn prev_boundary(&self) -> usize {
        let Caret { line, at } = self.caret;
        self.lines[line][..at].grapheme_indices(true).next_back().map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        let Caret { line, at } = self.caret;
        at + self.lines[line][at..].graphemes(true).next().map_or(0, str::len)
    }

    pub fn left(&mut self) {
        self.goal = None;
        if self.caret.at > 0 {
            self.caret.at = self.prev_boundary();
        } else if self.caret.line > 0 {
            self.caret.line -= 1;
            self.caret.at = self.lines[self.caret.line].len();
        }
    }

    pub fn right(&mut self) {
        self.goal = None;
        if self.caret.at < self.lines[self.caret.line].len() {
            self.caret.at = self.next_boundary();
        } else if self.caret.line + 1 < self.lines.len() {
            self.caret = Caret { line: self.caret.line + 1, at: 0 };
        }
    }

    pub fn line_start(&mut self) {
        self.goal = None;
        self.caret.at = 0;
    }

    pub fn line_end(&mut self) {
        self.goal = None;
        self.caret.at = self.lines[self.caret.line].len();
    }

    pub fn text_start(&mut self) {
        self.goal = None;
        self.caret = Caret { line: 0, at: 0 };
    }

    pub fn text_end(&mut self) {
        self.goal = None;
        let line = self.lines.len() - 1;
        self.caret = Caret { line, at: self.lines[line].len() };
    }

    /// Up or Down by `rows` rows on screen, keeping to the column aimed for.
    pub fn move_rows(&mut self, rows: isize) {
        let goal = self.goal.unwrap_or_else(|| self.caret_column());
        let mut row = self.row_of(self.caret.line, self.caret.at);
        for _ in 0..rows.unsigned_abs() {
            let next = if rows > 0 { self.next_row(row) } else { self.prev_row(row) };
            match next {
                Some(next) => row = next,
                None => break,
            }
        }
        self.caret = Caret { line: row.0, at: self.at_column(row, goal) };
        self.goal = Some(goal);
    }

    /// Rows on screen, for paging.
    pub fn page(&self) -> usize {
        self.height.get().saturating_sub(1).max(1)
    }

    /// The position on a row nearest to a column. A row that is not its
    /// line's last ends before its last character: the position after it is
    /// the next row's start.
    fn at_column(&self, row: Row, column: usize) -> usize {
        let (start, end) = self.row_span(row);
        let last_row = end == self.lines[row.0].len();
        let mut x = 0;
        let mut last = start;
        for (i, g) in self.lines[row.0][start..end].grapheme_indices(true) {
            let w = cells(g);
            if x + w > column {
                return start + i;
            }
            x += w;
            last = start + i;
        }
        if last_row { end } else { last }
    }

    /// Scrolls the view by `rows` without moving the caret (the read-only
    /// viewer), never past the text's last row at the bottom.
    pub fn scroll(&mut self, rows: isize) {
        let mut top = self.clamped(self.top.get());
        for _ in 0..rows.unsigned_abs() {
            let next = if rows > 0 {
                let height = self.height.get();
                if self.rows_from(top, height + 1) <= height { None } else { self.next_row(top) }
            } else {
                self.prev_row(top)
            };
            match next {
                Some(next) => top = next,
                None => break,
            }
        }
        self.top.set(top);
    }

    /// The view to the text's first or last page.
    pub fn scroll_to(&mut self, end: bool) {
        let mut top = (0, 0);
        if end {
            let line = self.lines.len() - 1;
            top = (line, self.last_row(line));
            for _ in 1..self.height.get() {
                match self.prev_row(top) {
                    Some(prev) => top = prev,
                    None => break,
                }
            }
        }
        self.top.set(top);
    }

    /// How many rows there are from `row` on, counting no further than `limit`.
    fn rows_from(&self, row: Row, limit: usize) -> usize {
        let mut row = row;
        for n in 1..limit {
            match self.next_row(row) {
                Some(next) => row = next,
                None => return n,
            }
        }
        limit
    }

    /// A row that exists: the same, or the last of its line after the text shrank.
    fn clamped(&self, (line, row): Row) -> Row {
        let line = line.min(self.lines.len() - 1);
        match self.row_start(line, row) {
            Some(_) => (line, row),
            None => (line, self.last_row(line)),
        }
    }

    /// Scrolls so the caret's row is on screen: as little as needed.
    fn follow_caret(&self, height: usize) {
        let caret = self.row_of(self.caret.line, self.caret.at);
        let mut top = self.clamped(self.top.get());
        if caret < top {
            top = caret;
        } else {
            let mut row = top;
            let mut shown = false;
            for _ in 0..height {
                if row == caret {
                    shown = true;
                    break;
                }
                match self.next_row(row) {
                    Some(next) => row = next,
                    None => break,
                }
            }
            if !shown {
                top = caret;
                for _ in 1..height {
                    match self.prev_row(top) {
                        Some(prev) => top = prev,
                        None => break,
                    }
                }
            }
        }
        self.top.set(top);
    }

    /// Draws the rows on screen into `area`. With `caret`, the view follows
    /// the caret and its cell is returned, for the terminal's cursor.
    pub fn draw(&self, area: Rect, buf: &mut Buffer, style: Style, caret: bool) -> Option<Position> {
        if area.is_empty() {
            return None;
        }
        self.set_width(usize::from(area.width - 1).max(1));
        let height = usize::from(area.height);
        self.height.set(height);
        if caret {
            self.follow_caret(height);
        } else {
            self.top.set(self.clamped(self.top.get()));
        }
        let caret_row = self.row_of(self.caret.line, self.caret.at);
        let mut cursor = None;
        let mut row = Some(self.top.get());
        for y in 0..area.height {
            let Some(at) = row else { break };
            let x = self.draw_row(Rect { y: area.y + y, height: 1, ..area }, buf, style, at);
            if at == caret_row {
                // A grapheme wider than the whole row is cut; the caret stays inside.
                cursor = Some(Position::new(area.x + x.min(usize::from(area.width) - 1) as u16, area.y + y));
            }
            row = self.next_row(at);
        }
        cursor.filter(|_| caret)
    }

    /// Draws one row; returns the caret's column on it (meaningful on the caret's row).
    fn draw_row(&self, area: Rect, buf: &mut Buffer, style: Style, row: Row) -> usize {
        let (start, end) = self.row_span(row);
        let mut x = 0;
        let mut caret = None;
        for (i, g) in self.lines[row.0][start..end].grapheme_indices(true) {
            // The caret on a grapheme (or inside one, after a combining mark was typed) is on its first cell.
            if caret.is_none() && self.caret.line == row.0 && self.caret.at < start + i + g.len() {
                caret = Some(x);
            }
            let (symbol, w) = shown(g);
            let room = usize::from(area.width).saturating_sub(x);
            if w <= room && matches!(symbol, Cow::Borrowed(s) if s == g) {
                // One grapheme, one cell (and the cell it covers): what `set_stringn` does, without segmenting again.
                let at = (area.x + x as u16, area.y);
                buf[at].set_symbol(g).set_style(style);
                for i in 1..w as u16 {
                    buf[(at.0 + i, at.1)].reset();
                }
            } else if room > 0 {
                buf.set_stringn(area.x + x as u16, area.y, symbol, room, style);
            }
            x += w;
        }
        caret.unwrap_or(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every line's rows as a fresh wrap makes them.
    fn fresh(b: &TextBox) -> Vec<Vec<usize>> {
        let width = b.width.get();
        b.lines
            .iter()
            .map(|l| {
                let mut rows = Rows::default();
                rows.extend(l, width, |_| false);
                rows.starts
            })
            .collect()
    }

    /// Every line's rows as kept (wrapped on to the line's end).
    fn kept(b: &TextBox) -> Vec<Vec<usize>> {
        (0..b.lines.len()).map(|l| b.rows_until(l, |_| false).starts.clone()).collect()
    }

    fn rows_text(b: &TextBox) -> Vec<String> {
        let mut out = Vec::new();
        for (l, starts) in kept(b).iter().enumerate() {
            for (r, &s) in starts.iter().enumerate() {
                out.push(b.lines[l][s..starts.get(r + 1).copied().unwrap_or(b.lines[l].len())].to_string());
            }
        }
        out
    }

    #[test]
    fn words_wrap_at_spaces_and_japanese_between_characters() {
        let b = TextBox::new("the quick brown fox\n顧客の離反はどのような時に発生するか");
        b.set_width(10);
        assert_eq!(rows_text(&b), ["the quick ", "brown fox", "顧客の離反", "はどのよう", "な時に発生", "するか"]);
    }

    #[test]
    fn a_row_never_starts_with_closing_punctuation() {
        let b = TextBox::new("顧客の離反は、どう");
        b.set_width(12);
        assert_eq!(rows_text(&b), ["顧客の離反", "は、どう"]);
    }

    #[test]
    fn a_stop_after_a_word_with_no_break_takes_the_last_letter_down() {
        let b = TextBox::new("abcdefghij。次");
        b.set_width(10);
        assert_eq!(rows_text(&b), ["abcdefghi", "j。次"]);
    }

    #[test]
    fn the_small_kinsoku_set_holds_for_every_closing_mark() {
        for mark in ["。", "、", "・", "：", "；", "」", "』", "）", "】", "ー", "！", "？"] {
            // From 6 cells, a row holds a character and two marks after it.
            for width in 6..14 {
                let b = TextBox::new(&format!("顧客の離反は{mark}{mark}どうabcdefghijklmn{mark}か"));
                b.set_width(width);
                let rows = rows_text(&b);
                assert!(rows.iter().skip(1).all(|r| !r.starts_with(mark)), "{mark} at {width}: {rows:?}");
                assert_eq!(rows.concat(), format!("顧客の離反は{mark}{mark}どうabcdefghijklmn{mark}か"));
            }
        }
    }

    #[test]
    fn controls_and_lone_marks_are_drawn_as_visible_escapes() {
        assert_eq!(shown("\u{1b}"), (Cow::Borrowed("^["), 2));
        assert_eq!(shown("\u{202e}"), (Cow::Borrowed("<U+202E>"), 8));
        assert_eq!(shown("\u{301}"), (Cow::Borrowed("<U+0301>"), 8));
        assert_eq!(shown("\t"), (Cow::Borrowed("    "), 4));
        assert_eq!(shown("e\u{301}"), (Cow::Borrowed("e\u{301}"), 1));
    }

    #[derive(Debug, Clone)]
    enum Op {
        Insert(String),
        Enter,
        Back,
        Delete,
        Left,
        Right,
        Up,
        Down,
        Home,
        End,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => proptest::sample::select(vec!["a", "b", " ", "漢", "あ", "、", "」。", "\t", "e\u{301}", "xy z", "\n二行\nc"])
                .prop_map(|s| Op::Insert(s.to_string())),
            1 => Just(Op::Enter),
            2 => Just(Op::Back),
            1 => Just(Op::Delete),
            1 => Just(Op::Left),
            1 => Just(Op::Right),
            1 => Just(Op::Up),
            1 => Just(Op::Down),
            1 => Just(Op::Home),
            1 => Just(Op::End),
        ]
    }

    #[test]
    fn typing_into_a_long_line_wraps_only_the_rows_near_the_caret() {
        let mut b = TextBox::new(&"漢".repeat(100_000));
        b.set_width(79);
        let area = Rect::new(0, 0, 80, 20);
        let mut buf = Buffer::empty(area);
        b.draw(area, &mut buf, Style::new(), true);
        b.text_start();
        b.draw(area, &mut buf, Style::new(), true);
        b.insert("a");
        b.draw(area, &mut buf, Style::new(), true);
        let rows = b.rows.borrow()[0].starts.len();
        assert!(rows <= 2 * 20, "{rows} rows wrapped for a screen of 20");
    }

    proptest! {
        /// What an edit keeps of the old rows is what wrapping afresh gives.
        #[test]
        fn kept_rows_are_the_rows_of_a_fresh_wrap(
            start in "[ab 漢、\n]{0,40}",
            ops in proptest::collection::vec(op(), 0..60),
            width in 1usize..12,
        ) {
            let mut b = TextBox::new(&start);
            b.set_width(width);
            kept(&b);
            for op in ops {
                match &op {
                    Op::Insert(s) => b.insert(s),
                    Op::Enter => b.insert("\n"),
                    Op::Back => b.delete_back(),
                    Op::Delete => b.delete_forward(),
                    Op::Left => b.left(),
                    Op::Right => b.right(),
                    Op::Up => b.move_rows(-1),
                    Op::Down => b.move_rows(1),
                    Op::Home => b.line_start(),
                    Op::End => b.line_end(),
                }
                prop_assert_eq!(kept(&b), fresh(&b), "after {:?}: {:?}", op, b.lines);
                let Caret { line, at } = b.caret();
                prop_assert!(b.lines[line].is_char_boundary(at));
            }
        }
    }
}
