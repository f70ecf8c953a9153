//! `/`: type to filter statements across all competencies, in Japanese or
//! English, and jump to one.

use crate::i18n::{Words, msg};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{self, Theme, safe, wrapped};
use crate::tui::keymap::{Action, ScreenKind};
use crate::tui::model::{Model, scroll_list, scrolled};
use crate::tui::screens::Transition;
use crate::tui::screens::competency::CompetencyScreen;
use keiko_core::model::framework::{Framework, StatementRef};
use keiko_core::model::workbook::Workbook;
use keiko_core::text::{fold, folded_matches, width};

pub struct Search {
    pub query: String,
    pub results: Vec<StatementRef>,
    pub selected: usize,
    pub offset: usize,
}

/// Rows of the results list at the current terminal size.
fn visible_rows(app: &Model) -> usize {
    usize::from(app.size.1).saturating_sub(2 + 2 + 2 + preview_rows(app.size.1) as usize)
}

/// Rows under the list for the selected statement in full: fewer on a
/// short screen, where the list needs them.
fn preview_rows(height: u16) -> u16 {
    if height < 16 { 2 } else { 4 }
}

impl Search {
    pub fn new(app: &Model) -> Search {
        let mut search = Search { query: String::new(), results: Vec::new(), selected: 0, offset: 0 };
        search.refresh(app);
        search
    }

    fn refresh(&mut self, app: &Model) {
        self.results = app.workbook().map_or_else(Vec::new, |wb| matches(&app.framework, wb, &self.query));
        self.selected = 0;
        self.offset = 0;
    }

    pub fn key(&mut self, app: &mut Model, key: KeyEvent) -> Transition {
        match key.code {
            KeyCode::Char(c) if !super::common::is_command(&key) => self.query.push(c),
            KeyCode::Backspace => {
                self.query.pop();
            }
            _ => return Transition::Stay,
        }
        self.refresh(app);
        Transition::Stay
    }

    pub fn paste(&mut self, app: &mut Model, text: &str) -> Transition {
        self.query.push_str(&text.replace(['\r', '\n'], " "));
        self.refresh(app);
        Transition::Stay
    }

    pub fn action(&mut self, app: &mut Model, action: Action) -> Transition {
        let page = visible_rows(app);
        if scroll_list(action, &mut self.selected, &mut self.offset, self.results.len(), page) {
            return Transition::Stay;
        }
        match action {
            Action::Open => match self.results.get(self.selected) {
                Some(&at) => Transition::OpenCompetency(CompetencyScreen::at(at)),
                None => Transition::Stay,
            },
            Action::Back => Transition::Pop,
            _ => Transition::Stay,
        }
    }
}

/// The query's words, folded for comparing (see `text::fold`).
pub fn terms(query: &str) -> Vec<String> {
    query.split_whitespace().map(fold).collect()
}

/// Statements whose id, Japanese or English text, or note contains every
/// word of the query, compared after NFKC and case folding (ｸﾚｰﾑ finds
/// クレーム, ＡＢＣ finds abc). An empty query matches all.
pub fn matches(framework: &Framework, wb: &Workbook, query: &str) -> Vec<StatementRef> {
    let terms = terms(query);
    framework
        .competencies
        .iter()
        .flat_map(|c| c.statements())
        .filter(|(_, s)| {
            // The statement in every language the framework has it in.
            let texts = s.text.texts().collect::<Vec<_>>().join(" ");
            let haystack = fold(&format!("{} {texts} {}", s.id, wb.note(&s.id)));
            terms.iter().all(|t| haystack.contains(t.as_str()))
        })
        .filter_map(|(_, s)| framework.locate(&s.id))
        .collect()
}

/// How a match is marked: bold and underlined (in colour also yellow), so it
/// shows under NO_COLOR and in the reversed selected row.
fn highlight(theme: &Theme) -> Style {
    theme.warn().add_modifier(Modifier::UNDERLINED)
}

/// The part of a note around its first match, on one line (line breaks as
/// spaces), starting a few characters before it; None when the note has no match.
fn note_excerpt(note: &str, terms: &[String]) -> Option<String> {
    let note = safe(&note.replace(['\r', '\n'], " "));
    let first = folded_matches(&note, terms).first()?.start;
    // Up to 6 characters of what comes before, so the match is read in context.
    let start = note[..first].char_indices().rev().nth(5).map_or(0, |(i, _)| i);
    let cut = if start > 0 { common::ELLIPSIS } else { "" };
    Some(format!("{cut}{}", note[start..].trim_start()))
}

/// `text` fitted to `columns` (cut ones end in `..`), its matches of `terms`
/// in `style`, and everything before `plain` bytes unmarked.
fn marked_line(text: &str, plain: usize, terms: &[String], style: Style, columns: usize) -> Line<'static> {
    let fitted = common::fit_ellipsis(text, columns);
    // The part of `fitted` that is `text` as it was (not the `..` or padding).
    let kept = fitted.bytes().zip(text.bytes()).take_while(|(a, b)| a == b).count();
    let mut spans = Vec::new();
    let mut at = 0;
    for r in folded_matches(&text[plain..], terms) {
        let (start, end) = ((r.start + plain).min(kept), (r.end + plain).min(kept));
        if start >= end || !fitted.is_char_boundary(start) || !fitted.is_char_boundary(end) {
            continue;
        }
        spans.push(Span::raw(fitted[at..start].to_string()));
        spans.push(Span::styled(fitted[start..end].to_string(), style));
        at = end;
    }
    spans.push(Span::raw(fitted[at..].to_string()));
    Line::from(spans)
}

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, state: &Search) {
    let s = app.s();
    let theme = Theme::of(&app.ui);
    let page = common::page(frame, area, app, ScreenKind::Search, 1);
    let Some(wb) = app.workbook() else { return };
    let prompt = format!(" {} / ", s.t(msg::SearchTitle));
    let query = safe(&state.query);
    let count = format!("{} {} ", state.results.len(), s.t(msg::Results));
    let line = common::header_line(
        app,
        vec![Span::styled(prompt.clone(), theme.title()), Span::raw(query.clone())],
        count,
        area.width as usize,
    );
    frame.render_widget(Paragraph::new(line), page.header);
    // The caret after the query, where an IME composes.
    let caret = (width(&prompt) + width(&query)).min(area.width.saturating_sub(1) as usize);
    frame.set_cursor_position(Position::new(page.header.x + caret as u16, page.header.y));

    let preview_rows = preview_rows(area.height);
    let [list, preview] = Layout::vertical([Constraint::Min(3), Constraint::Length(preview_rows)]).areas(page.body);
    let block = common::block(&app.ui, "");
    let inner = block.inner(list);
    frame.render_widget(block, list);
    let columns = inner.width as usize;
    let g = app.ui.glyphs;
    let terms = terms(&state.query);
    let mark_style = highlight(&theme);
    let lines: Vec<Line> = state
        .results
        .iter()
        .enumerate()
        .skip(scrolled(state.offset, state.selected, inner.height as usize))
        .take(inner.height as usize)
        .map(|(i, &at)| {
            let statement = app.framework.statement(at);
            let mark = if wb.is_checked(&statement.id) { "[x]" } else { "[ ]" };
            let note = if wb.note(&statement.id).trim().is_empty() { " " } else { g.note };
            let prefix = format!("{}{mark} {note} ", common::marker(i == state.selected));
            // The statement's text; when only the note matched, the note's matching part.
            let own = safe(statement.text.get(app.ui.lang));
            let shown_matches =
                !terms.is_empty() && !folded_matches(&format!("{} {own}", safe(&statement.id)), &terms).is_empty();
            let body = match note_excerpt(wb.note(&statement.id), &terms) {
                Some(excerpt) if !shown_matches => format!("{} {excerpt}", g.note),
                _ => own,
            };
            let text = format!("{prefix}{}  {body}", safe(&statement.id));
            let line = marked_line(&text, prefix.len(), &terms, mark_style, columns);
            if i == state.selected { line.patch_style(theme.selected()) } else { line }
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(Paragraph::new(Line::styled(format!(" {}", s.t(msg::NoResults)), theme.dim())), inner);
    } else {
        frame.render_widget(Paragraph::new(lines), inner);
    }

    // The selected statement in full, wrapped, so long ones can be read.
    if let Some(&at) = state.results.get(state.selected) {
        let c = &app.framework.competencies[at.competency];
        let statement = app.framework.statement(at);
        let head = format!(
            "{} {} / {}",
            safe(&c.id),
            safe(c.name.get(app.ui.lang)),
            app.ui.lang.level(c.levels[at.level].level)
        );
        let mut lines = vec![Line::styled(format!(" {}", common::fit_ellipsis(&head, columns)), theme.dim())];
        // A matching note takes the last row, so the statement keeps the rest.
        let excerpt = note_excerpt(wb.note(&statement.id), &terms);
        let text_rows = preview_rows as usize - 1 - usize::from(excerpt.is_some() && preview_rows > 2);
        lines.extend(
            wrapped(statement.text.get(app.ui.lang), area.width.saturating_sub(2) as usize)
                .into_iter()
                .take(text_rows)
                .map(|l| marked_line(&format!(" {l}"), 0, &terms, mark_style, area.width as usize)),
        );
        if let Some(excerpt) = excerpt.filter(|_| preview_rows > 2) {
            let text = format!(" {} {}: {excerpt}", g.note, s.t(msg::Note));
            let plain = text.len() - excerpt.len();
            lines.push(marked_line(&text, plain, &terms, mark_style, area.width as usize));
        }
        frame.render_widget(Paragraph::new(lines), preview);
    }
}
