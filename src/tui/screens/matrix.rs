//! `m` in the team overview: the skills matrix. Learners down, competencies
//! across; each cell the achieved and target level with a mark (`-` below,
//! `=` at, `+` above target: ASCII, so it reads the same with `--ascii`,
//! under `NO_COLOR` and on East Asian terminals); under the titles, how many
//! hold each competency at level N or above.

use crate::i18n::{Words, msg};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{self, Theme, safe};
use crate::i18n::matrix_words as words;
use crate::tui::keymap::{Action, ScreenKind};
use crate::tui::model::{Model, TeamView, scroll_list, scrolled};
use crate::tui::screens::holders::Holders;
use crate::tui::screens::{Screen, Transition};
use keiko_core::team::matrix::{self, Column, Mark};
use keiko_core::text::{fit, width};

#[derive(Debug)]
pub struct Matrix {
    pub selected: usize,
    pub offset: usize,
    /// The selected column: 0 the names, then each competency.
    pub column: usize,
    /// The first competency column shown when they do not all fit.
    pub first_column: usize,
    /// The level N the coverage line and the holders list count from.
    pub level: u8,
    pub sort: Column,
    pub reverse: bool,
}

impl Default for Matrix {
    fn default() -> Matrix {
        Matrix { selected: 0, offset: 0, column: 0, first_column: 0, level: 1, sort: Column::Name, reverse: false }
    }
}

/// Rows above the first learner: two header rows, the border, the titles, the coverage line.
const TOP: u16 = 5;

/// Learner rows visible: the page less the header, the frame, the titles and coverage, status and hints.
fn visible_rows(app: &Model) -> usize {
    usize::from(app.size.1.saturating_sub(TOP + 1 + 2))
}

/// The columns of the table at `columns` wide: the name's width, a cell's
/// width, and how many competency cells fit beside the fixed name column.
fn layout(app: &Model, columns: usize) -> (usize, usize, usize) {
    let competencies = &app.framework.competencies;
    let id_width = competencies.iter().map(|c| width(&safe(&c.id))).max().unwrap_or(4);
    let cell = (id_width + 1).clamp(6, 10);
    let room = columns.saturating_sub(2);
    // All the columns when they fit; else a name column of 16, and the competencies scroll.
    let all = room.saturating_sub(cell * competencies.len());
    let name = if all >= 10 { all.min(24) } else { 16.min(room) };
    let cells = (room - name) / cell;
    (name, cell, cells.min(competencies.len()))
}

/// The learners shown (the team table's, its filter applied) in the matrix's order.
fn rows(state: &TeamView, screen: &Matrix) -> Vec<usize> {
    let mut rows = state.shown.clone();
    matrix::sort(&state.team.members, &mut rows, screen.sort, screen.reverse);
    rows
}

/// The highest level of any competency: N goes no higher.
fn top_level(app: &Model) -> u8 {
    app.framework.competencies.iter().map(|c| c.top_level()).max().unwrap_or(1).max(1)
}

impl Matrix {
    pub fn action(&mut self, app: &mut Model, action: Action) -> Transition {
        let page = visible_rows(app);
        let Some(state) = app.team.as_ref() else { return Transition::Stay };
        let count = state.shown.len();
        if scroll_list(action, &mut self.selected, &mut self.offset, count, page) {
            return Transition::Stay;
        }
        let competencies = app.framework.competencies.len();
        match action {
            Action::ColumnLeft => self.column = self.column.saturating_sub(1),
            Action::ColumnRight => self.column = (self.column + 1).min(competencies),
            Action::LevelUp => self.level = (self.level + 1).min(top_level(app)),
            Action::LevelDown => self.level = self.level.saturating_sub(1).max(1),
            Action::SortColumn => {
                let column = match self.column {
                    0 => Column::Name,
                    c => Column::Competency(c - 1),
                };
                self.reverse = self.sort == column && !self.reverse;
                self.sort = column;
                self.selected = 0;
                self.offset = 0;
            }
            Action::Holders => match self.column {
                // On the names: the learner.
                0 => {
                    let member = rows(state, self).get(self.selected).copied();
                    return member.map_or(Transition::Stay, |m| Transition::open_member(app, m, Vec::new()));
                }
                c => return Transition::Push(Screen::Holders(Holders::new(c - 1, self.level))),
            },
            Action::Back => return Transition::Pop,
            _ => {}
        }
        // The selected competency stays in view.
        let (_, _, cells) = layout(app, usize::from(app.size.0.saturating_sub(2)));
        if self.column > 0 {
            self.first_column = scrolled(self.first_column, self.column - 1, cells.max(1));
        }
        Transition::Stay
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, screen: &Matrix) {
    let s = app.s();
    let lang = app.ui.lang;
    let theme = Theme::of(&app.ui);
    let Some(state) = &app.team else { return };
    let page = common::page(frame, area, app, ScreenKind::Matrix, 2);
    let columns = area.width as usize;
    let competencies = &app.framework.competencies;

    let title = vec![
        Span::styled(format!(" {}", s.t(msg::AppTitle)), theme.title()),
        Span::raw(format!("  {}", words::title(lang))),
    ];
    let mut header = vec![common::header_line(app, title, format!("{}: {} ", s.t(msg::Coach), app.actor), columns)];
    let sorted = match screen.sort {
        Column::Name => s.t(msg::Name).to_string(),
        Column::Competency(c) => safe(&competencies[c].id),
    };
    let (shown, total) = (state.shown.len(), state.shown.len());
    let mut summary = format!(" {}  {}", s.t(msg::LearnersCount { shown, total }), words::counting(lang, screen.level));
    let block = common::block(&app.ui, format!(" {} ", words::title(lang)));
    let inner = block.inner(page.body);
    let (name_width, cell, cells) = layout(app, inner.width as usize);
    let first = if screen.column > 0 { scrolled(screen.first_column, screen.column - 1, cells.max(1)) } else { 0 };
    let first = first.min(competencies.len().saturating_sub(cells));
    if cells < competencies.len() {
        summary += &format!("  {}", words::columns(lang, first + 1, first + cells, competencies.len()));
    }
    let order = words::order(lang, &sorted, screen.sort == Column::Name, screen.reverse);
    summary += &format!("  {}: {order}", s.t(msg::SortBy));
    header.push(Line::raw(fit(&summary, columns)));
    frame.render_widget(Paragraph::new(header), page.header);
    frame.render_widget(block, page.body);
    if inner.height < 2 {
        return;
    }

    let buffer = frame.buffer_mut();
    let shown = first..first + cells;
    let cell_x = |i: usize| inner.x + (2 + name_width + (i - first) * cell) as u16;
    // Titles: the selected column in reverse video (kept under NO_COLOR).
    let title_style = |column: usize| if screen.column == column { theme.selected() } else { theme.dim() };
    buffer.set_stringn(inner.x + 2, inner.y, fit(s.t(msg::Name), name_width - 1), name_width - 1, title_style(0));
    // Coverage: how many hold each competency at N or above.
    let label = words::coverage(lang, screen.level, state.shown.len());
    buffer.set_stringn(inner.x + 2, inner.y + 1, fit(&label, name_width - 1), name_width - 1, theme.dim());
    for (i, c) in competencies.iter().enumerate().take(shown.end).skip(shown.start) {
        let x = cell_x(i);
        buffer.set_stringn(x, inner.y, fit(&safe(&c.id), cell - 1), cell - 1, title_style(i + 1));
        let n = matrix::coverage(&state.team.members, &state.shown, i, screen.level);
        let style = if screen.column == i + 1 { theme.selected() } else { Style::new().add_modifier(Modifier::BOLD) };
        buffer.set_stringn(x, inner.y + 1, format!("{n:>w$}", w = cell - 2), cell - 1, style);
    }
    // More columns to either side.
    if first > 0 {
        buffer.set_stringn(cell_x(first) - 1, inner.y, "<", 1, theme.dim());
    }
    if shown.end < competencies.len() {
        buffer.set_stringn(inner.x + inner.width - 1, inner.y, ">", 1, theme.dim());
    }

    let rows_area = Rect { y: inner.y + 2, height: inner.height - 2, ..inner };
    let order = rows(state, screen);
    if order.is_empty() {
        let text = if state.team.members.is_empty() { s.t(msg::NoLearners) } else { s.t(msg::NoMatch) };
        buffer.set_stringn(rows_area.x, rows_area.y, format!(" {text}"), inner.width as usize, theme.dim());
    }
    let visible = usize::from(rows_area.height);
    let offset = scrolled(screen.offset, screen.selected, visible);
    for (row, (position, &member)) in order.iter().enumerate().skip(offset).take(visible).enumerate() {
        let y = rows_area.y + row as u16;
        let selected = position == screen.selected;
        if selected {
            buffer.set_style(Rect { y, height: 1, ..rows_area }, theme.selected().add_modifier(Modifier::BOLD));
        }
        let name = common::learner_name(state, member, name_width - 1);
        buffer.set_stringn(rows_area.x, y, format!("{}{name}", common::marker(selected)), name_width + 1, Style::new());
        let levels = &state.team.members[member].summary.levels;
        for (i, &(achieved, target)) in levels.iter().enumerate().take(shown.end).skip(shown.start) {
            let m = Mark::of(achieved, target);
            let style = match m {
                Mark::Below => theme.warn(),
                Mark::At => theme.good(),
                Mark::Above => theme.good().add_modifier(Modifier::BOLD),
            };
            let text = format!("{achieved}/{target}{}", m.glyph());
            buffer.set_stringn(cell_x(i), y, &text, cell - 1, style);
        }
    }
}
