//! The walk-through: one competency, level by level, statements as checkboxes,
//! the selected statement's note, and the level's review by a coach.

use crate::i18n::{Words, msg};
use keiko_core::model::workbook::VerdictKind;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{self, Theme, bar_spans, fit_ellipsis, safe, when, wrapped};
use crate::i18n::Localized;
use crate::tui::keymap::{Action, ScreenKind};
use crate::tui::model::{Model, Status, StatusKind, list_move};
use crate::tui::screens::confirm::{Confirm, Then};
use crate::tui::screens::editor::{Editor, NoteTarget};
use crate::tui::screens::prompt::Prompt;
use crate::tui::screens::{Screen, Transition};
use keiko_core::model::framework::{Competency, Framework, Level, StatementRef};
use keiko_core::model::progress;
use keiko_core::model::workbook::{Change, Workbook};
use keiko_core::text::{fit, width};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompetencyScreen {
    pub competency: usize,
    /// Index into the competency's levels.
    pub level: usize,
    /// Index into the level's statements.
    pub selected: usize,
}

/// Columns left of a statement's text: marker and checkbox.
const TEXT_LEFT: usize = 6;

impl CompetencyScreen {
    /// Opens a competency on its first level not yet achieved, at that
    /// level's first unchecked statement.
    /// A coach lands on the first level waiting for review, if any.
    pub fn open(framework: &Framework, wb: &Workbook, competency: usize, coach: bool) -> CompetencyScreen {
        let c = &framework.competencies[competency];
        let p = progress::competency(c, wb, wb.profile.role.as_deref());
        let requested = |l: &&Level| wb.level_state(&c.id, l.level).is_some_and(|s| s.review_requested.is_some());
        let waiting = if coach { c.levels.iter().find(requested).map(|l| l.level) } else { None };
        let landing = waiting.unwrap_or(p.first_unachieved());
        let level = c.levels.iter().position(|l| l.level == landing).unwrap_or(0);
        let selected = c.levels.get(level).map_or(0, |l| first_unchecked(l, wb));
        CompetencyScreen { competency, level, selected }
    }

    pub fn at(at: StatementRef) -> CompetencyScreen {
        CompetencyScreen { competency: at.competency, level: at.level, selected: at.statement }
    }

    fn competency<'a>(&self, app: &'a Model) -> &'a Competency {
        &app.framework.competencies[self.competency]
    }

    fn level<'a>(&self, app: &'a Model) -> &'a Level {
        &self.competency(app).levels[self.level]
    }

    pub fn action(&mut self, app: &mut Model, action: Action) -> Transition {
        let count = self.level(app).statements.len();
        if let Some(selected) = list_move(action, self.selected, count, 5) {
            self.selected = selected;
            return Transition::Stay;
        }
        match action {
            Action::Back => Transition::Pop,
            Action::NextLevel => {
                self.go_to_level(app, self.level + 1);
                Transition::Stay
            }
            Action::PrevLevel => {
                self.go_to_level(app, self.level.wrapping_sub(1));
                Transition::Stay
            }
            Action::Toggle if !app.coach => self.toggle(app),
            Action::EditNote => {
                let id = self.level(app).statements[self.selected].id.clone();
                let text = app.workbook().map_or("", |wb| wb.note(&id)).to_string();
                edit_or_view(app, NoteTarget::Statement(id), &text)
            }
            Action::EditReflection => {
                let id = self.competency(app).id.clone();
                let text = app.workbook().map_or("", |wb| wb.reflection(&id)).to_string();
                edit_or_view(app, NoteTarget::Reflection(id), &text)
            }
            Action::RequestReview if !app.coach => self.request_review(app),
            Action::SignOff if app.coach => self.prompt(app, VerdictKind::SignOff),
            Action::ReturnLevel if app.coach => self.prompt(app, VerdictKind::Return),
            Action::Comment if app.coach => {
                let id = self.competency(app).id.clone();
                Transition::Push(Screen::Editor(Box::new(Editor::new(NoteTarget::Comment(id), ""))))
            }
            _ => Transition::Stay,
        }
    }

    fn go_to_level(&mut self, app: &Model, level: usize) {
        let c = self.competency(app);
        if level < c.levels.len() {
            self.level = level;
            self.selected = app.workbook().map_or(0, |wb| first_unchecked(&c.levels[level], wb));
        }
    }

    /// Checks or unchecks the selected statement, with a word when that
    /// completes a level, reaches the target or leaves a sign-off stale.
    fn toggle(&self, app: &Model) -> Transition {
        let c = self.competency(app);
        let level = &c.levels[self.level];
        let id = level.statements[self.selected].id.clone();
        let Some(wb) = app.workbook() else { return Transition::Stay };
        let checked = !wb.is_checked(&id);
        let change = Change::Check { id, checked };
        let Some(after_wb) = app.after(&change) else { return Transition::Stay };
        let role = wb.profile.role.as_deref();
        let (before, after) = (progress::competency(c, wb, role), progress::competency(c, &after_wb, role));
        let s = app.s();
        let lang = app.ui.lang;
        let saved = if checked && !before.at_target() && after.at_target() {
            Some((StatusKind::Success, s.t(msg::TargetReached { level: &lang.level(after.target) })))
        } else if checked
            && after.levels[self.level].checked.is_complete()
            && !before.levels[self.level].checked.is_complete()
        {
            let level = lang.level(level.level);
            let text = if self.level + 1 < c.levels.len() {
                s.t(msg::LevelCompleteNext { level })
            } else {
                s.t(msg::LevelCompleteLast { level })
            };
            Some((StatusKind::Success, text))
        } else if !checked && progress::stale_signoff(c, &after_wb, level.level).is_some() {
            Some((StatusKind::Info, s.t(msg::UncheckedSignedOff).to_string()))
        } else {
            None
        };
        let saved = saved.map(|(kind, text)| Status { kind, text });
        Transition::Apply { change, saved, then: Box::new(Transition::Stay) }
    }

    fn request_review(&self, app: &Model) -> Transition {
        let c = self.competency(app);
        let (competency, level) = (c.id.clone(), self.level(app).level);
        let requested = !review_requested(app, &competency, level);
        let s = app.s();
        // Asking for review of a level not fully checked: ask first, naming what is unchecked.
        let unchecked = self.unchecked(app);
        if requested && !unchecked.is_empty() {
            let then = Then::RequestReview { competency, level };
            let (n, ids, level) = (unchecked.len(), named(&unchecked), s.level(level));
            return confirm(s.t(msg::ConfirmReviewUnchecked { level, n, ids }), then);
        }
        let level_name = s.level(level);
        let text = if requested {
            s.t(msg::ReviewRequestedNow { level: level_name })
        } else {
            s.t(msg::ReviewWithdrawn { level: level_name })
        };
        let saved = Status { kind: StatusKind::Success, text };
        let change = Change::RequestReview { competency, level, requested };
        Transition::Apply { change, saved: Some(saved), then: Box::new(Transition::Stay) }
    }

    /// A sign-off or return asks for a comment, unless the workbook cannot
    /// be written: then it says why at once, before anything is typed.
    fn prompt(&self, app: &mut Model, verdict: VerdictKind) -> Transition {
        if let Some(reason) = app.read_only.as_ref().map(|e| e.message(app.ui.lang)) {
            app.set_status(StatusKind::Error, format!("{}: {reason}", app.s().t(msg::ReadOnly)));
            return Transition::Stay;
        }
        let (competency, level) = (self.competency(app).id.clone(), self.level(app).level);
        // Signing off a level with nothing checked and no request: ask first.
        let unchecked = self.unchecked(app);
        let requested = review_requested(app, &competency, level);
        if verdict == VerdictKind::SignOff && !requested && unchecked.len() == self.level(app).statements.len() {
            let then = Then::SignOff { competency, level };
            let (n, ids, level) = (unchecked.len(), named(&unchecked), app.ui.lang.level(level));
            return confirm(app.s().t(msg::ConfirmSignoffUnchecked { level, n, ids }), then);
        }
        Transition::Push(Screen::Prompt(Prompt::new(verdict, competency, level)))
    }

    /// The ids of the level's statements not checked.
    fn unchecked(&self, app: &Model) -> Vec<String> {
        let Some(wb) = app.workbook() else { return Vec::new() };
        self.level(app).statements.iter().filter(|s| !wb.is_checked(&s.id)).map(|s| safe(&s.id)).collect()
    }

    pub fn click(&mut self, app: &mut Model, row: u16) -> Transition {
        let (columns, rows) = app.size;
        let area = Rect::new(0, 0, columns, rows);
        let list = list_area(app, self, area);
        if row < list.y || row >= list.y + list.height {
            return Transition::Stay;
        }
        let layout = statement_layout(app, self, list.width as usize, list.height as usize);
        if let Some(item) = layout.items.iter().find(|i| (i.top..i.top + i.height).contains(&(row - list.y))) {
            self.selected = item.index;
        }
        Transition::Stay
    }
}

/// Whether the learner has asked for a review of this level.
fn review_requested(app: &Model, competency: &str, level: u8) -> bool {
    app.workbook().and_then(|wb| wb.level_state(competency, level)).is_some_and(|l| l.review_requested.is_some())
}

/// A question before going on with `then`.
fn confirm(question: String, then: Then) -> Transition {
    Transition::Push(Screen::Confirm(Confirm { question, then }))
}

/// The learner edits their own notes; a coach reads them, never changes them.
/// A workbook keiko cannot write opens nothing to type into.
fn edit_or_view(app: &mut Model, target: NoteTarget, text: &str) -> Transition {
    if !app.coach
        && let Some(reason) = app.read_only.as_ref().map(|e| e.message(app.ui.lang))
    {
        app.set_status(StatusKind::Error, format!("{}: {reason}", app.s().t(msg::ReadOnlyEdit)));
        return Transition::Stay;
    }
    let editor = if app.coach { Editor::viewer(target, text) } else { Editor::new(target, text) };
    Transition::Push(Screen::Editor(Box::new(editor)))
}

/// Statement ids for a question: the first few, then the mark of text cut short.
fn named(ids: &[String]) -> String {
    const SHOWN: usize = 4;
    let mut text = ids.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    if ids.len() > SHOWN {
        text += &format!(", {}", common::ELLIPSIS);
    }
    text
}

fn first_unchecked(level: &Level, wb: &Workbook) -> usize {
    level.statements.iter().position(|s| !wb.is_checked(&s.id)).unwrap_or(0)
}

/// The screen's regions: header rows, the statement list, the note panel.
/// The list is as tall as the competency's longest level needs (so it does
/// not jump between levels); the note panel gets the rest, at least 4 rows.
fn regions(app: &Model, state: &CompetencyScreen, area: Rect) -> [Rect; 3] {
    let text_width = text_width(area.width.saturating_sub(2) as usize);
    let needed = state
        .competency(app)
        .levels
        .iter()
        .map(|l| l.statements.iter().map(|s| wrapped(s.text.get(app.ui.lang), text_width).len()).sum::<usize>())
        .max()
        .unwrap_or(1) as u16
        + 2;
    let body = area.height.saturating_sub(3 + 1 + common::status_rows(app, area.width));
    let list = needed.min(body.saturating_sub(4)).max(3.min(body));
    let [header, list, notes, _status_and_hints] =
        Layout::vertical([Constraint::Length(3), Constraint::Length(list), Constraint::Min(0), Constraint::Length(2)])
            .areas(area);
    [header, list, notes]
}

/// Columns for a statement's text in a list `columns` wide.
fn text_width(columns: usize) -> usize {
    columns.saturating_sub(TEXT_LEFT + 2).max(4)
}

/// Where the statements are drawn (inside the list's border).
fn list_area(app: &Model, state: &CompetencyScreen, area: Rect) -> Rect {
    let [_, list, _] = regions(app, state, area);
    Rect { x: list.x + 1, y: list.y + 1, width: list.width.saturating_sub(2), height: list.height.saturating_sub(2) }
}

struct Item {
    index: usize,
    top: u16,
    height: u16,
    lines: Vec<String>,
}

struct StatementLayout {
    items: Vec<Item>,
    /// Statements above the first one drawn, and below the last.
    hidden_above: bool,
    hidden_below: bool,
}

/// Wraps the level's statements and picks the ones to draw so the selected
/// one is fully visible.
fn statement_layout(app: &Model, state: &CompetencyScreen, columns: usize, rows: usize) -> StatementLayout {
    let text_width = text_width(columns);
    let wrapped_items: Vec<Vec<String>> =
        state.level(app).statements.iter().map(|s| wrapped(s.text.get(app.ui.lang), text_width)).collect();
    let height = |i: usize| wrapped_items[i].len();
    let selected = state.selected.min(wrapped_items.len().saturating_sub(1));
    let mut first = 0;
    while first < selected && (first..=selected).map(height).sum::<usize>() > rows {
        first += 1;
    }
    let mut items = Vec::new();
    let mut top = 0;
    for (index, lines) in wrapped_items.iter().enumerate().skip(first) {
        if top >= rows {
            break;
        }
        items.push(Item { index, top: top as u16, height: lines.len() as u16, lines: lines.clone() });
        top += lines.len();
    }
    let last_shown = items.last().map_or(0, |i| i.index);
    let hidden_below = last_shown + 1 < wrapped_items.len() || top > rows;
    StatementLayout { items, hidden_above: first > 0, hidden_below }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, state: &CompetencyScreen) {
    let Some(wb) = app.workbook() else { return };
    let kind = ScreenKind::Competency;
    common::page(frame, area, app, kind, 0);
    let [header, list, notes] = regions(app, state, area);
    let c = state.competency(app);
    let p = progress::competency(c, wb, wb.profile.role.as_deref());
    draw_header(frame, header, app, wb, state, c, &p);
    draw_statements(frame, list, app, wb, state);
    draw_notes(frame, notes, app, wb, state);
}

fn draw_header(
    frame: &mut Frame,
    area: Rect,
    app: &Model,
    wb: &Workbook,
    state: &CompetencyScreen,
    c: &Competency,
    p: &progress::CompetencyProgress,
) {
    let s = app.s();
    let lang = app.ui.lang;
    let theme = Theme::of(&app.ui);
    let g = app.ui.glyphs;
    let columns = area.width as usize;
    let role = safe(wb.profile.role.as_deref().unwrap_or("-"));
    let mut target = format!("{} {} ({role}) ", s.t(msg::Target), lang.level(p.target));
    // A coach sees whose workbook this is on every page of it.
    if app.coach {
        let name =
            if wb.profile.name.trim().is_empty() { s.t(msg::NoName).to_string() } else { safe(&wb.profile.name) };
        target = format!("{name}  {target}");
    }
    // A long name gives way to the target level, which must always show.
    let title = format!(" {} {}", safe(&c.id), safe(c.name.get(lang)));
    let room = columns.saturating_sub(width(&target) + 1);
    let title = if width(&title) > room { fit_ellipsis(&title, room) } else { title };
    let title = vec![Span::styled(title, theme.title())];
    let mut lines = vec![common::header_line(app, title, target, columns)];

    // Level tabs: achieved levels ticked, the target marked.
    let full: Vec<String> = c
        .levels
        .iter()
        .map(|l| {
            let done =
                if p.level(l.level).is_some_and(|lp| lp.achieved) { format!(" {}", g.done) } else { String::new() };
            let target = if l.level == p.target { format!(" ({})", s.t(msg::Target)) } else { String::new() };
            format!("{}{done}{target}", lang.level(l.level))
        })
        .collect();
    let compact = full.iter().map(|t| t.replace(s.t(msg::Level), "").replace("Level ", "L")).collect::<Vec<_>>();
    let labels = if full.iter().map(|t| width(t) + 3).sum::<usize>() < columns { full } else { compact };
    let mut tabs = vec![Span::raw(" ")];
    for (i, label) in labels.iter().enumerate() {
        let style = if i == state.level { theme.selected().add_modifier(Modifier::BOLD) } else { Style::new() };
        let text = if i == state.level { format!(">{label}<") } else { format!(" {label} ") };
        tabs.push(Span::styled(text, style));
        tabs.push(Span::raw(" "));
    }
    lines.push(Line::from(tabs));

    // The level's own progress, and its review by a coach.
    let level = &c.levels[state.level];
    let lp = p.level(level.level).expect("progress has every level");
    let mut spans = vec![Span::raw(format!(" {} ", lang.level(level.level)))];
    spans.extend(bar_spans(&app.ui, lp.checked, 12));
    spans.push(Span::raw(format!(" {}/{}  ", lp.checked.done, lp.checked.total)));
    // A full level with no tick: the level below is not done yet.
    if progress::waits_for_lower(lp) {
        spans.push(Span::styled(format!("({})  ", s.t(msg::LowerLevelFirst)), theme.dim()));
    }
    spans.extend(review_spans(app, wb, c, level.level));
    lines.push(Line::from(spans));
    frame.render_widget(Paragraph::new(lines), area);
}

/// A coach as shown: the display name, and the login when it says more.
fn who(name: &str, login: &str) -> String {
    if login.is_empty() || login == name { safe(name) } else { format!("{} ({})", safe(name), safe(login)) }
}

/// "signed off 田中 (tanaka) 11-30 [verified]: ": who, when, and whether it can be trusted.
fn verdict_label(app: &Model, what: &str, v: &keiko_core::model::workbook::Verdict) -> String {
    let trust = v.trust.message(app.ui.lang);
    format!(" {what} {} {} [{}]: ", who(&v.by, &v.login), when(&v.at), safe(&trust))
}

/// The level's review state in a few words: requested, signed off (maybe stale), returned.
pub fn review_spans(app: &Model, wb: &Workbook, c: &Competency, level: u8) -> Vec<Span<'static>> {
    let s = app.s();
    let g = app.ui.glyphs;
    let theme = Theme::of(&app.ui);
    let Some(state) = wb.level_state(&c.id, level) else {
        return Vec::new();
    };
    let mut spans = Vec::new();
    if let Some(v) = &state.signoff {
        match progress::stale_signoff(c, wb, level) {
            Some(stale) => spans.push(Span::styled(
                format!(
                    "{} {} {} ({}: {})  ",
                    g.attention,
                    s.t(msg::SignedOff),
                    safe(&v.by),
                    s.t(msg::Stale),
                    safe(&stale.statement)
                ),
                theme.warn(),
            )),
            None => spans.push(Span::styled(
                format!("{} {} {} {}  ", g.signoff, s.t(msg::SignedOff), safe(&v.by), when(&v.at)),
                theme.good(),
            )),
        }
    }
    if let Some(v) = &state.returned {
        spans.push(Span::styled(format!("{} {} {}  ", g.attention, s.t(msg::Returned), safe(&v.by)), theme.warn()));
    }
    if state.review_requested.is_some() {
        spans.push(Span::styled(format!("{} {}  ", g.request, s.t(msg::ReviewRequested)), theme.title()));
    }
    // Verdicts nobody vouches for: seen, and never mistaken for the real thing.
    if !state.unverified.is_empty() {
        let text = crate::i18n::team_words::unverified_count(app.ui.lang, state.unverified.len());
        spans.push(Span::styled(format!("{} {text}", g.attention), theme.warn()));
    }
    spans
}

fn draw_statements(frame: &mut Frame, area: Rect, app: &Model, wb: &Workbook, state: &CompetencyScreen) {
    let theme = Theme::of(&app.ui);
    let g = app.ui.glyphs;
    let level = state.level(app);
    let block = common::block(&app.ui, "");
    let inner = block.inner(area);
    let layout = statement_layout(app, state, inner.width as usize, inner.height as usize);
    let more = app.s().t(msg::More);
    let block = block
        .title_top(Line::from(if layout.hidden_above { format!(" {more} ") } else { String::new() }).right_aligned())
        .title_bottom(
            Line::from(if layout.hidden_below { format!(" {more} ") } else { String::new() }).right_aligned(),
        );
    frame.render_widget(block, area);
    let columns = inner.width as usize;
    let mut lines = Vec::new();
    for item in &layout.items {
        let statement = &level.statements[item.index];
        let selected = item.index == state.selected;
        let checked = wb.is_checked(&statement.id);
        let has_note = !wb.note(&statement.id).trim().is_empty();
        for (n, text) in item.lines.iter().enumerate() {
            let left = if n == 0 {
                format!("{}{} ", common::marker(selected), if checked { "[x]" } else { "[ ]" })
            } else {
                " ".repeat(TEXT_LEFT)
            };
            let mark = if n == 0 && has_note { g.note } else { " " };
            let body = fit(text, columns.saturating_sub(TEXT_LEFT + 2));
            let mut spans = vec![
                Span::styled(left, if checked { theme.good() } else { Style::new() }),
                Span::raw(body),
                Span::raw(" "),
                Span::styled(mark.to_string(), theme.title()),
            ];
            if selected {
                spans = spans.into_iter().map(|s| s.patch_style(theme.selected())).collect();
            }
            lines.push(Line::from(spans));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The panel under the list: the selected statement's note, then the
/// competency's reflection and the coach's latest comment when there are any.
fn draw_notes(frame: &mut Frame, area: Rect, app: &Model, wb: &Workbook, state: &CompetencyScreen) {
    let s = app.s();
    let theme = Theme::of(&app.ui);
    let c = state.competency(app);
    let Some(statement) = state.level(app).statements.get(state.selected) else {
        return;
    };
    let columns = area.width.saturating_sub(1) as usize;
    let horizontal = if app.ui.glyphs.ascii { "-" } else { "─" };
    let rule = fit(
        &format!("{0}{0} {1} ({2}) {3}", horizontal, s.t(msg::Note), safe(&statement.id), horizontal.repeat(columns)),
        columns,
    );
    let room = (area.height as usize).saturating_sub(1);

    // Labelled extras, two lines at most each: the coach's word on this
    // level first, then the reflection and the latest comment.
    let mut extras: Vec<Line> = Vec::new();
    let level = state.level(app).level;
    if let Some(review) = wb.level_state(&c.id, level) {
        if let Some(v) = &review.returned {
            let label = verdict_label(app, s.t(msg::Returned), v);
            extras.extend(labelled(&label, &v.comment, columns, theme.warn()));
        }
        if let Some(v) = &review.signoff {
            let label = verdict_label(app, s.t(msg::SignedOff), v);
            extras.extend(labelled(&label, &v.comment, columns, theme.good()));
            if let Some(stale) = progress::stale_signoff(c, wb, level) {
                let when = stale.at.as_ref().map(when).unwrap_or_default();
                let text = s.t(msg::StaleBecause { id: &safe(&stale.statement), when: &when });
                extras.push(Line::styled(fit_ellipsis(&format!(" {text}"), columns), theme.warn()));
            }
        }
        for (kind, v) in &review.unverified {
            let what = match kind {
                keiko_core::model::workbook::VerdictKind::SignOff => s.t(msg::SignedOff),
                keiko_core::model::workbook::VerdictKind::Return => s.t(msg::Returned),
            };
            extras.extend(labelled(&verdict_label(app, what, v), &v.comment, columns, theme.warn()));
        }
    }
    let reflection = wb.reflection(&c.id);
    if !reflection.trim().is_empty() {
        extras.extend(labelled(&format!(" {}: ", s.t(msg::Reflection)), reflection, columns, theme.title()));
    }
    if let Some(comment) = wb.comments(&c.id).last() {
        let trust = match &comment.trust {
            keiko_core::model::workbook::Trust::Unverified(_) => format!(" [{}]", comment.trust.message(app.ui.lang)),
            _ => String::new(),
        };
        let label =
            format!(" {} {}{trust} {}: ", s.t(msg::CommentBy), who(&comment.by, &comment.login), when(&comment.at));
        extras.extend(labelled(&label, &comment.text, columns, theme.title()));
    }
    extras.truncate(room.saturating_sub(1));

    let note_room = room - extras.len();
    let note = wb.note(&statement.id);
    let mut body: Vec<Line> = if note.trim().is_empty() {
        let hint = if app.coach { s.t(msg::NoNote) } else { s.t(msg::NoNoteHint) };
        vec![Line::styled(format!(" {hint}"), theme.dim())]
    } else {
        // Only as much as can show: a 1 MB note is not wrapped whole on every frame.
        let shown: String = note.chars().take((note_room + 1) * columns.max(1)).collect();
        wrapped(&shown, columns.saturating_sub(1)).into_iter().map(|l| Line::raw(format!(" {l}"))).collect()
    };
    if body.len() > note_room {
        body.truncate(note_room.saturating_sub(1));
        body.push(Line::styled(
            format!(" {}", if app.coach { s.t(msg::More) } else { s.t(msg::MoreInEditor) }),
            theme.dim(),
        ));
    }
    let mut lines = vec![Line::styled(format!(" {rule}"), theme.dim())];
    lines.extend(body);
    lines.extend(extras);
    frame.render_widget(Paragraph::new(lines), area);
}

/// `label` then `text` wrapped beside it, at most two lines.
fn labelled(label: &str, text: &str, columns: usize, label_style: Style) -> Vec<Line<'static>> {
    let indent = width(label);
    let mut text = wrapped(text, columns.saturating_sub(indent + 1).max(4));
    text.truncate(2);
    text.into_iter()
        .enumerate()
        .map(|(i, line)| {
            let head =
                if i == 0 { Span::styled(label.to_string(), label_style) } else { Span::raw(" ".repeat(indent)) };
            Line::from(vec![head, Span::raw(line)])
        })
        .collect()
}
