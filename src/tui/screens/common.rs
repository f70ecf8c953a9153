//! Pieces every screen draws with: the page frame (header, status line,
//! key hints), styles, bars and safe text.

use crate::i18n::Words;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use crate::progress::Fraction;
use crate::text::{fit, screen_safe, width, wrap};
use crate::tui::keymap::{Action, ScreenKind};
use crate::tui::model::{Model, StatusKind, Ui};

/// Text from a file (framework, workbook) made safe for the screen: no
/// control or bidi characters, tabs as spaces, and characters that draw
/// nothing (a zero-width space) shown as `<U+200B>`. One line.
pub fn safe(text: &str) -> String {
    screen_safe(&text.replace('\t', "    "), false)
}

/// Multi-line text made safe and wrapped to `columns`.
pub fn wrapped(text: &str, columns: usize) -> Vec<String> {
    text.trim_end_matches('\n')
        .split('\n')
        .flat_map(|line| {
            let line = safe(line.trim_end_matches('\r'));
            if line.is_empty() { vec![String::new()] } else { wrap(&line, columns) }
        })
        .collect()
}

/// The styles live in one table, `tui::theme`.
pub use crate::tui::theme::Theme;

/// A bordered block; plain ASCII borders in `--ascii` mode.
pub fn block<'a>(ui: &Ui, title: impl Into<Line<'a>>) -> Block<'a> {
    let block = Block::new().borders(Borders::ALL).border_style(Theme::of(ui).border()).title(title);
    if ui.glyphs.ascii {
        block.border_set(ratatui::symbols::border::Set {
            top_left: "+",
            top_right: "+",
            bottom_left: "+",
            bottom_right: "+",
            vertical_left: "|",
            vertical_right: "|",
            horizontal_top: "-",
            horizontal_bottom: "-",
        })
    } else {
        block.border_type(BorderType::Plain)
    }
}

/// A progress bar with its fraction: `██████░░░░  3/5`.
pub fn bar_spans(ui: &Ui, fraction: Fraction, cells: usize) -> Vec<Span<'static>> {
    let theme = Theme::of(ui);
    let filled = fraction.filled(cells).min(cells);
    vec![
        Span::styled(ui.glyphs.bar_full.repeat(filled), theme.bar()),
        Span::styled(ui.glyphs.bar_empty.repeat(cells - filled), theme.bar_empty()),
    ]
}

/// The parts of a full page.
pub struct Page {
    pub header: Rect,
    pub body: Rect,
}

/// Draws the status line and key hints at the bottom of `area`, and splits
/// the rest into a header of `header_rows` and the body.
pub fn page(frame: &mut Frame, area: Rect, app: &Model, kind: ScreenKind, header_rows: u16) -> Page {
    let [header, body, status, hints] = Layout::vertical([
        Constraint::Length(header_rows),
        Constraint::Min(1),
        Constraint::Length(status_rows(app, area.width)),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_status(frame, status, app);
    draw_hints(frame, hints, app, kind);
    Page { header, body }
}

/// The status line takes two rows when its message needs them.
pub fn status_rows(app: &Model, columns: u16) -> u16 {
    match &app.status {
        Some(status) if wrapped(&status.text, columns as usize).len() > 1 => 2,
        _ => 1,
    }
}

pub fn draw_status(frame: &mut Frame, area: Rect, app: &Model) {
    let theme = Theme::of(&app.ui);
    let Some(status) = &app.status else { return };
    let style = match status.kind {
        StatusKind::Info => Style::new(),
        StatusKind::Success => theme.good(),
        StatusKind::Error => theme.error(),
    };
    let mut lines = wrapped(&status.text, area.width as usize);
    if lines.len() > area.height as usize {
        lines.truncate(area.height as usize);
        if let Some(last) = lines.last_mut() {
            *last = fit_ellipsis(last, area.width as usize);
        }
    }
    let lines: Vec<Line> = lines.into_iter().map(|l| Line::styled(l, style)).collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// The key-hint bar, generated from the key table in force.
/// `?` help and `q` quit always make it onto the bar; the screen's own keys
/// fill the room before them.
pub fn draw_hints(frame: &mut Frame, area: Rect, app: &Model, kind: ScreenKind) {
    let theme = Theme::of(&app.ui);
    let hints = app.keys.hints(kind, app.coach);
    let cost = |(key, action): &(String, Action)| width(key) + 1 + width(app.ui.lang.action_hint(*action)) + 2;
    let is_essential = |action: &Action| matches!(action, Action::Help | Action::Quit);
    // The gap after the last hint may fall off the edge.
    let columns = area.width as usize + 2;
    let mut room = columns.saturating_sub(hints.iter().filter(|h| is_essential(&h.1)).map(cost).sum());
    let mut shown = Vec::new();
    for hint in &hints {
        if is_essential(&hint.1) {
            shown.push(hint);
        } else if cost(hint) <= room {
            room -= cost(hint);
            shown.push(hint);
        } else {
            room = 0;
        }
    }
    let mut spans = Vec::new();
    for (key, action) in shown {
        spans.push(Span::styled(key.clone(), theme.key()));
        spans.push(Span::raw(format!(" {}  ", app.ui.lang.action_hint(*action))));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The first line of every page: title on the left, `right` on the right.
pub fn header_line(app: &Model, left: Vec<Span<'static>>, right: String, columns: usize) -> Line<'static> {
    let used: usize = left.iter().map(|s| width(&s.content)).sum();
    let right = safe(&right);
    let room = columns.saturating_sub(used + 1);
    let right = if width(&right) > room { fit_ellipsis(&right, room) } else { right };
    let gap = columns.saturating_sub(used + width(&right));
    let mut spans = left;
    spans.push(Span::raw(" ".repeat(gap)));
    spans.push(Span::styled(right, Theme::of(&app.ui).dim()));
    Line::from(spans)
}

/// A centred dialog box of at most `width` × `height`, cleared first.
pub fn dialog(frame: &mut Frame, area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    let rect = Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h };
    clear(frame, rect);
    rect
}

/// Clears `rect` for something drawn over the screen. A full-width
/// character just left of it has its right half under `rect`: a terminal
/// would draw it over what goes in the first column (a dialog's border), so
/// it gives way to a blank.
pub fn clear(frame: &mut Frame, rect: Rect) {
    frame.render_widget(Clear, rect);
    if rect.x == 0 {
        return;
    }
    let buffer = frame.buffer_mut();
    for y in rect.top()..rect.bottom() {
        let cell = &mut buffer[(rect.x - 1, y)];
        if width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// The one mark of text cut short, on every screen: two ASCII dots, as `…`
/// is ambiguous-width (one cell or two, by terminal; see the README).
pub const ELLIPSIS: &str = "..";

/// Like `fit`, but a cut text ends in `..` so it does not read as whole.
/// Every screen cuts text with this (or `cut_short`), so the mark is one.
pub fn fit_ellipsis(text: &str, columns: usize) -> String {
    let mark = width(ELLIPSIS);
    if width(text) <= columns || columns <= mark {
        return fit(text, columns);
    }
    let cut = fit(text, columns - mark);
    fit(&format!("{}{ELLIPSIS}", cut.trim_end()), columns)
}

/// `text` whose end was dropped (the first lines of many): it ends in the
/// mark, within `columns`, even when what is left would fit.
pub fn cut_short(text: &str, columns: usize) -> String {
    fit_ellipsis(&format!("{}{ELLIPSIS}", text.trim_end()), columns).trim_end().to_string()
}

/// The mark of a stale sign-off in the team table and the matrix's holders
/// (`!`, the attention mark, is a returned level): ASCII, one column, readable without colour.
pub const STALE: &str = "?";

/// The `> ` marker of a selected row (kept under NO_COLOR, where reverse video may not show).
pub fn marker(selected: bool) -> &'static str {
    if selected { "> " } else { "  " }
}

/// A key with Ctrl or Alt held is a command, never text to insert.
pub fn is_command(key: &crossterm::event::KeyEvent) -> bool {
    key.modifiers.intersects(crossterm::event::KeyModifiers::CONTROL | crossterm::event::KeyModifiers::ALT)
}

/// A short local date and time.
pub fn when(time: &crate::clock::Time) -> String {
    crate::clock::local_datetime(time)
}

/// A learner's name in a column `width` wide, with their login beside it
/// when their name would look like another's there (two 伊藤 さくら, Ivan
/// and Іvan with a Cyrillic І: `look_alike`).
pub fn learner_name(state: &crate::tui::model::TeamState, member: usize, width: usize) -> String {
    let m = &state.team.members[member];
    match &m.login {
        Some(login) if state.look_alike(width, look_alike)[member] => with_login(&m.summary.name, login, width),
        _ => fit_ellipsis(&safe(&m.summary.name), width),
    }
}

/// A name with its login beside it, in `width` columns: the login keeps its room.
fn with_login(name: &str, login: &str, width: usize) -> String {
    let login = format!(" ({})", safe(login));
    let room = width.saturating_sub(crate::text::width(&login));
    let name = fit_ellipsis(&safe(name), room);
    fit_ellipsis(&format!("{}{login}", name.trim_end()), width)
}

/// For each member of `team`, whether their name drawn `width` columns wide
/// would look like another's, so that the login goes beside it: the names
/// as drawn (cut to the column) look the same (`text::look_key`: NFKC,
/// confusables, invisible characters and spaces), or the names themselves
/// do (they differ only in characters drawn as `<U+200B>`, say), or the name
/// looks like another's drawn with its login (a name that ends in ` (ito-s)`).
/// Without a login (plain workbooks), there is nothing to put beside a name.
/// The keys of names worked out before are in `keys`, and the new ones go there.
pub fn look_alike(team: &crate::team::Team, width: usize, keys: &mut crate::tui::model::LookKeys) -> Vec<bool> {
    use crate::text::look_key;
    use std::collections::{HashMap, HashSet};
    let members = &team.members;
    let key_of = |known: &mut HashMap<String, String>, name: &str, work_out: &dyn Fn(&str) -> String| {
        if let Some(key) = known.get(name) {
            return key.clone();
        }
        let key = work_out(name);
        known.insert(name.to_string(), key.clone());
        key
    };
    let drawn_keys = keys.drawn.entry(width).or_default();
    let drawn: Vec<String> = members
        .iter()
        .map(|m| key_of(drawn_keys, &m.summary.name, &|name| look_key(&fit_ellipsis(&safe(name), width))))
        .collect();
    let named: Vec<String> = members.iter().map(|m| key_of(&mut keys.named, &m.summary.name, &look_key)).collect();
    fn count(keys: &[String]) -> HashMap<&str, usize> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for key in keys {
            *counts.entry(key.as_str()).or_default() += 1;
        }
        counts
    }
    let (drawn_count, named_count) = (count(&drawn), count(&named));
    let mut alike: Vec<bool> = (0..members.len())
        .map(|i| {
            members[i].login.is_some() && (drawn_count[drawn[i].as_str()] > 1 || named_count[named[i].as_str()] > 1)
        })
        .collect();
    // Names drawn with a login may in turn look like another's name: until none does.
    let mut with_logins: HashSet<String> = HashSet::new();
    let mut added: Vec<usize> = (0..members.len()).filter(|&i| alike[i]).collect();
    while !added.is_empty() {
        for i in added.drain(..) {
            if let Some(login) = &members[i].login {
                with_logins.insert(look_key(&with_login(&members[i].summary.name, login, width)));
            }
        }
        for i in 0..members.len() {
            if !alike[i] && members[i].login.is_some() && with_logins.contains(&drawn[i]) {
                alike[i] = true;
                added.push(i);
            }
        }
    }
    alike
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_text_ends_in_the_one_mark_within_its_columns() {
        assert_eq!(fit_ellipsis("顧客の離反", 10), "顧客の離反");
        assert_eq!(fit_ellipsis("顧客の離反", 9), "顧客の.. ");
        assert_eq!(fit_ellipsis("Customer defection", 10), "Customer..");
        assert_eq!(width(&fit_ellipsis("顧客の離反", 7)), 7);
        // Too narrow for the mark: only cut.
        assert_eq!(fit_ellipsis("abc", 2), "ab");
        assert_eq!(cut_short("first lines", 20), "first lines..");
        assert_eq!(cut_short("顧客の離反", 10), "顧客の離..");
        assert!(width(&cut_short("顧客の離反", 10)) <= 10);
    }
}
