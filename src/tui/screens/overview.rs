//! Home: overall progress toward the role's target and a table of competencies.

use crate::i18n::{Words, msg};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{self, Theme, bar_spans, safe};
use crate::i18n::Localized;
use crate::tui::keymap::{Action, ScreenKind};
use crate::tui::model::{Model, scroll_list, scrolled};
use crate::tui::screens::chart::Chart;
use crate::tui::screens::competency::CompetencyScreen;
use crate::tui::screens::prompt::Prompt;
use crate::tui::screens::role_picker::RolePicker;
use crate::tui::screens::{Screen, Transition};
use keiko_core::model::framework::Competency;
use keiko_core::model::progress::{self, CompetencyProgress};
use keiko_core::model::workbook::Workbook;
use keiko_core::text::{fit, width};

#[derive(Debug, Default)]
pub struct Overview {
    pub selected: usize,
    /// The first competency shown, when they do not all fit.
    pub offset: usize,
}

/// Rows above the table's first competency: header, progress, border, column titles.
const TABLE_TOP: u16 = 4;

impl Overview {
    pub fn action(&mut self, app: &mut Model, action: Action) -> Transition {
        let count = app.framework.competencies.len();
        let page = table_rows(app);
        if scroll_list(action, &mut self.selected, &mut self.offset, count, page) {
            return Transition::Stay;
        }
        match action {
            Action::Open => match app.workbook() {
                Some(wb) => {
                    let screen = CompetencyScreen::open(&app.framework, wb, self.selected, app.coach);
                    Transition::Push(Screen::Competency(screen))
                }
                None => Transition::Stay,
            },
            Action::Rename if !app.coach => {
                let name = app.workbook().map(|wb| wb.profile.name.clone()).unwrap_or_default();
                Transition::Push(Screen::Prompt(Prompt::name(&name)))
            }
            Action::ChangeRole if !app.coach => match &app.team_role {
                // The team set it: the learner cannot change it.
                Some(role) => {
                    let text = crate::i18n::team_words::role_set_by_team(app.ui.lang, &safe(role));
                    app.set_status(crate::tui::model::StatusKind::Info, text);
                    Transition::Stay
                }
                None => Transition::Push(Screen::RolePicker(RolePicker::new(app))),
            },
            Action::Chart => Transition::Push(Screen::Chart(Chart::learner())),
            Action::Back => Transition::Pop,
            _ => Transition::Stay,
        }
    }

    pub fn click(&mut self, app: &mut Model, row: u16) -> Transition {
        let offset = scrolled(self.offset, self.selected, table_rows(app));
        let index = row.checked_sub(TABLE_TOP).map(|r| usize::from(r) + offset);
        match index {
            Some(i) if i < app.framework.competencies.len() => {
                if i == self.selected {
                    return self.action(app, Action::Open);
                }
                self.selected = i;
                Transition::Stay
            }
            _ => Transition::Stay,
        }
    }
}

/// Competency rows the table shows at the current terminal size.
fn table_rows(app: &Model) -> usize {
    let body = app.size.1.saturating_sub(2 + 2);
    let table = (app.framework.competencies.len() as u16 + 3).min(body);
    usize::from(table.saturating_sub(3)).max(1)
}

/// What the markers column shows for a competency.
pub fn markers(app: &Model, c: &Competency, wb: &Workbook) -> (String, bool) {
    let g = app.ui.glyphs;
    let has_note =
        !wb.reflection(&c.id).trim().is_empty() || c.statements().any(|(_, s)| !wb.note(&s.id).trim().is_empty());
    let mut signed = false;
    let mut requested = false;
    let mut attention = false;
    for level in &c.levels {
        if let Some(state) = wb.level_state(&c.id, level.level) {
            signed |= state.signoff.is_some();
            requested |= state.review_requested.is_some();
            attention |= state.returned.is_some();
        }
        attention |= progress::stale_signoff(c, wb, level.level).is_some();
    }
    let mut out = String::new();
    for (on, glyph) in [(has_note, g.note), (signed, g.signoff), (requested, g.request), (attention, g.attention)] {
        out += if on { glyph } else { " " };
    }
    (out, attention)
}

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, state: &Overview) {
    let page = common::page(frame, area, app, ScreenKind::Overview, 2);
    let Some(wb) = app.workbook() else { return };
    draw_header(frame, page.header, app, wb);
    let table_rows = app.framework.competencies.len() as u16 + 3;
    let [table, detail] = Layout::vertical([Constraint::Length(table_rows), Constraint::Min(0)]).areas(page.body);
    draw_table(frame, table, app, wb, state);
    if let Some(c) = app.framework.competencies.get(state.selected) {
        draw_detail(frame, detail, app, wb, c);
    }
}

/// The selected competency's levels at a glance, and what to practise next.
fn draw_detail(frame: &mut Frame, area: Rect, app: &Model, wb: &Workbook, c: &Competency) {
    let s = app.s();
    let lang = app.ui.lang;
    let theme = Theme::of(&app.ui);
    let p = progress::competency(c, wb, wb.profile.role.as_deref());
    let columns = area.width as usize;
    let mut lines = vec![Line::styled(
        common::fit_ellipsis(&format!(" {} {}", safe(&c.id), safe(c.name.get(lang))), columns),
        theme.title(),
    )];
    // A coach's record that cannot be used is named with why, whichever
    // competency is selected: what it holds is shown nowhere else.
    for unread in &wb.unread_records {
        for line in common::wrapped(&format!("! {}", unread.message(lang)), columns.saturating_sub(2).max(8)) {
            lines.push(Line::styled(format!(" {line}"), theme.error()));
        }
    }
    let label_width = c.levels.iter().map(|l| width(&lang.level(l.level))).max().unwrap_or(0);
    for lp in &p.levels {
        let mut spans = vec![Span::raw(format!("  {} ", fit(&lang.level(lp.level), label_width)))];
        spans.extend(bar_spans(&app.ui, lp.checked, 10));
        spans.push(Span::raw(format!(" {:>2}/{:<2}", lp.checked.done, lp.checked.total)));
        // Blanks unstyled: a look that cannot be seen costs a style change to send.
        spans.push(if lp.achieved { Span::styled(app.ui.glyphs.done, theme.good()) } else { Span::raw(" ") });
        spans.push(if lp.level == p.target {
            Span::styled(format!(" ({}) ", s.t(msg::Target)), theme.title())
        } else {
            Span::raw(" ".repeat(width(s.t(msg::Target)) + 4))
        });
        spans.extend(super::competency::review_spans(app, wb, c, lp.level));
        // A full bar with no tick says why.
        if progress::waits_for_lower(lp) {
            spans.push(Span::styled(format!("({})", s.t(msg::LowerLevelFirst)), theme.dim()));
        }
        lines.push(Line::from(spans));
    }
    let next = progress::next_to_practise(&app.framework, wb)
        .filter(|at| app.framework.competencies[at.competency].id == c.id)
        .map(|at| app.framework.statement(at));
    // The next statement wraps over the rows there are, under its label.
    if let Some(statement) = next {
        let label = format!(" {}: ", s.t(msg::NextUp));
        let text = format!("{} {}", safe(&statement.id), safe(statement.text.get(lang)));
        let indent = width(&label);
        for (i, line) in common::wrapped(&text, columns.saturating_sub(indent + 1).max(8)).into_iter().enumerate() {
            let head = if i == 0 { label.clone() } else { " ".repeat(indent) };
            lines.push(Line::styled(format!("{head}{line}"), theme.dim()));
        }
    }
    // Every target reached: mark the moment, and say what could come next.
    if let Some(finish) = progress::finish(&app.framework, wb) {
        let reached = format!(" {} {}", app.ui.glyphs.done, s.t(msg::AllTargetsReached));
        lines.push(Line::styled(common::fit_ellipsis(&reached, columns), theme.good().add_modifier(Modifier::BOLD)));
        for line in common::wrapped(&lang.finish_next(&finish), columns.saturating_sub(2)) {
            lines.push(Line::raw(format!(" {line}")));
        }
    }
    let rows = area.height as usize;
    // Spare rows show the statements of the level being worked on, and of
    // the levels above it while each fits whole: what the learner would
    // open the competency to see.
    let working = p.levels.iter().find(|l| !l.achieved).or(p.levels.last()).map_or(0, |l| l.level);
    for level in c.levels.iter().filter(|l| l.level >= working) {
        let mut block = vec![Line::raw(""), Line::styled(format!(" {}", lang.level(level.level)), theme.title())];
        for statement in &level.statements {
            let mark = if wb.is_checked(&statement.id) { "[x]" } else { "[ ]" };
            let text = format!("{} {}", safe(&statement.id), safe(statement.text.get(lang)));
            for (i, line) in common::wrapped(&text, columns.saturating_sub(7).max(8)).into_iter().enumerate() {
                let head = if i == 0 { format!("  {mark} ") } else { " ".repeat(6) };
                block.push(Line::raw(format!("{head}{line}")));
            }
        }
        if lines.len() + block.len() > rows {
            break;
        }
        lines.extend(block);
    }
    if lines.len() > rows {
        lines.truncate(rows);
        if let Some(last) = lines.last_mut() {
            let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            *last = Line::styled(common::cut_short(&text, columns), last.style);
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_header(frame: &mut Frame, area: Rect, app: &Model, wb: &Workbook) {
    let s = app.s();
    let theme = Theme::of(&app.ui);
    let columns = area.width as usize;
    let name = if wb.profile.name.is_empty() { s.t(msg::NoName).to_string() } else { wb.profile.name.clone() };
    let role = role_label(app, wb);
    let mut title = vec![Span::styled(format!(" {}", s.t(msg::AppTitle)), theme.title())];
    // The subtitle gives way first, then the name is shortened; the role always shows.
    let subtitle = format!("  {}", s.t(msg::AppSubtitle));
    if width(s.t(msg::AppTitle)) + width(&subtitle) + width(&name) + width(&role) + 6 <= columns {
        title.push(Span::raw(subtitle));
    }
    let used: usize = title.iter().map(|s| width(&s.content)).sum();
    let name_room = columns.saturating_sub(used + width(&role) + 5).max(4);
    let name = if width(&name) > name_room { common::fit_ellipsis(&name, name_room) } else { name };
    let who = format!("{}  {role}", safe(&name));
    let mut lines = vec![common::header_line(app, title, format!("{who} "), columns)];

    let overall = progress::overall(&app.framework, wb);
    let label = format!(" {} ", s.t(msg::ProgressToTarget));
    let figures =
        format!(" {}/{}  {:>3}%", overall.to_target.done, overall.to_target.total, overall.to_target.percent());
    let extra = if overall.above_target.done > 0 {
        format!("  {} +{}", s.t(msg::AboveTarget), overall.above_target.done)
    } else {
        String::new()
    };
    // Work above the target gives way before the bar does.
    let reached = if overall.at_target() { 2 } else { 0 };
    let bar_room =
        |extra: &str| columns.saturating_sub(width(&label) + width(&figures) + reached + width(extra) + 1).min(50);
    let extra = if bar_room(&extra) < 10 { String::new() } else { extra };
    let bar_cells = bar_room(&extra);
    let mut spans = vec![Span::raw(label)];
    spans.extend(bar_spans(&app.ui, overall.to_target, bar_cells));
    spans.push(Span::styled(figures, theme.title()));
    if overall.at_target() {
        spans.push(Span::styled(format!(" {}", app.ui.glyphs.done), theme.good()));
    }
    spans.push(Span::styled(extra, theme.dim()));
    lines.push(Line::from(spans));
    frame.render_widget(Paragraph::new(lines), area);
}

/// "OP オペレーター", or "(no role yet)".
pub fn role_label(app: &Model, wb: &Workbook) -> String {
    match wb.profile.role.as_deref().and_then(|r| app.framework.role(r)) {
        Some(role) => format!("{} {}", role.code, safe(role.name.get(app.ui.lang))),
        None => app.s().t(msg::NoRole).to_string(),
    }
}

/// Column widths of the table for an inner width: wide enough for their titles.
struct Columns {
    id: usize,
    name: usize,
    target: usize,
    achieved: usize,
    bar: usize,
    /// Narrow: one "achieved/target" column instead of two, this wide.
    level: Option<usize>,
}

const FRACTION_W: usize = 6;

/// Names narrower than this read as nothing: the table turns narrow first.
const NAME_MIN: usize = 12;

/// The name column is as wide as the longest name, up to this: on a wide
/// terminal the levels stay next to the names they belong to.
const NAME_MAX: usize = 64;

fn columns(app: &Model, inner: usize) -> Columns {
    let s = app.s();
    let id = app.framework.competencies.iter().map(|c| width(&safe(&c.id))).max().unwrap_or(4).min(12);
    let target = width(s.t(msg::Target)).max(3);
    let achieved = width(s.t(msg::Achieved)).max(3);
    let bar = if inner >= 70 { 10 } else { 5 };
    let marks = width(s.t(msg::Marks)).max(4);
    let fixed = 2 + id + 1 + 1 + target + 1 + achieved + 1 + bar + FRACTION_W + 1 + marks;
    let longest = app.framework.competencies.iter().map(|c| width(&safe(c.name.get(app.ui.lang)))).max().unwrap_or(0);
    let heading = width(s.t(msg::Competency));
    let wanted = longest.max(heading).clamp(NAME_MIN, NAME_MAX);
    if inner >= fixed + NAME_MIN {
        return Columns { id, name: (inner - fixed).min(wanted), target, achieved, bar, level: None };
    }
    let level = width(s.t(msg::Level)).max(4);
    let fixed = 2 + id + 1 + 1 + level + 1 + bar + FRACTION_W + 1 + marks;
    Columns { id, name: inner.saturating_sub(fixed).max(4), target, achieved, bar, level: Some(level) }
}

fn draw_table(frame: &mut Frame, area: Rect, app: &Model, wb: &Workbook, state: &Overview) {
    let s = app.s();
    let theme = Theme::of(&app.ui);
    let block = common::block(&app.ui, format!(" {} ", s.t(msg::Competency)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let cols = columns(app, inner.width as usize);
    let role = wb.profile.role.as_deref();

    let levels = match cols.level {
        Some(level) => fit(s.t(msg::Level), level),
        None => format!("{} {}", fit(s.t(msg::Target), cols.target), fit(s.t(msg::Achieved), cols.achieved)),
    };
    let heading = format!(
        "  {} {} {levels} {} {}",
        fit("ID", cols.id),
        fit(s.t(msg::Competency), cols.name),
        fit(s.t(msg::Progress), cols.bar + FRACTION_W),
        s.t(msg::Marks)
    );
    let mut lines = vec![Line::styled(fit(&heading, inner.width as usize), theme.dim())];
    let rows = inner.height.saturating_sub(1) as usize;
    // The selection shows even when the terminal shrank since it moved.
    let offset = scrolled(state.offset, state.selected, rows);
    for (i, c) in app.framework.competencies.iter().enumerate().skip(offset).take(rows) {
        let p = progress::competency(c, wb, role);
        lines.push(row(app, c, wb, &p, &cols, i == state.selected, inner.width as usize));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn row(
    app: &Model,
    c: &Competency,
    wb: &Workbook,
    p: &CompetencyProgress,
    cols: &Columns,
    selected: bool,
    inner: usize,
) -> Line<'static> {
    let theme = Theme::of(&app.ui);
    let g = app.ui.glyphs;
    let done = if p.at_target() { g.done } else { " " };
    let (marks, attention) = markers(app, c, wb);
    // The selected row is one look from end to end but for its bar, which
    // reads the same selected or not: a move redraws it in few runs of cells.
    let look = |style: Style| if selected { theme.selected().add_modifier(Modifier::BOLD) } else { style };
    let mut spans = vec![
        Span::styled(common::marker(selected), look(Style::new())),
        Span::styled(common::fit_ellipsis(&safe(&c.id), cols.id), look(theme.title())),
        Span::styled(" ", look(Style::new())),
        Span::styled(common::fit_ellipsis(&safe(c.name.get(app.ui.lang)), cols.name), look(Style::new())),
        Span::styled(" ", look(Style::new())),
    ];
    let achieved_style = look(if p.at_target() { theme.good() } else { theme.dim() });
    match cols.level {
        Some(level) => {
            spans.push(Span::styled(fit(&format!("{}/{}{done}", p.achieved, p.target), level), achieved_style));
        }
        None => {
            spans.push(Span::styled(fit(&format!("{:>2}", p.target), cols.target), look(Style::new())));
            spans.push(Span::styled(" ", look(Style::new())));
            spans.push(Span::styled(fit(&format!("{:>2}{done}", p.achieved), cols.achieved), achieved_style));
        }
    }
    spans.push(Span::styled(" ", look(Style::new())));
    spans.extend(bar_spans(&app.ui, p.to_target, cols.bar));
    let fraction = fit(&format!(" {:>2}/{}", p.to_target.done, p.to_target.total), FRACTION_W);
    spans.push(Span::styled(fraction + " ", look(Style::new())));
    spans.push(Span::styled(marks, look(if attention { theme.warn() } else { theme.title() })));
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    spans.push(Span::styled(" ".repeat(inner.saturating_sub(used)), look(Style::new())));
    Line::from(spans)
}
