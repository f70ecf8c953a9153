//! Coach review, home: one row per learner, with progress, each
//! competency's level, sign-offs, open review requests and last activity.

use super::chart::sparkline;
use crate::i18n::{Lang, Words, msg};
use keiko_core::model::weekly::{ACTIVITY_WEEKS, Week, recent_activity};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{self, Theme, safe};
use crate::i18n::Localized;
use crate::tui::keymap::{Action, ScreenKind};
use crate::tui::model::{Model, StatusKind, scroll_list, scrolled};
use crate::tui::screens::matrix::Matrix;
use crate::tui::screens::problems::Problems;
use crate::tui::screens::prompt::Prompt;
use crate::tui::screens::requests::Requests;
use crate::tui::screens::{Screen, Transition};
use keiko_core::clock::local_short;
use keiko_core::team::{SortBy, Team, TeamChanges};
use keiko_core::text::fit;

pub use crate::tui::model::TeamView;

#[derive(Debug, Default)]
pub struct TeamScreen {
    pub selected: usize,
    pub offset: usize,
}

pub use super::common::STALE;

/// Rows above the first learner: two header rows, the border, the column titles.
const TABLE_TOP: u16 = 4;

/// Rows of the problems panel under the table, in a page body `body` rows
/// high: on a short screen only its title with the count, so learners
/// keep the room.
fn problem_rows(team: &Team, body: u16) -> u16 {
    let lines = team.problems.len() + usize::from(team.skipped > 0);
    match lines {
        0 => 0,
        _ if body < 12 => 1,
        _ => (lines as u16 + 1).min(5),
    }
}

/// Learner rows visible at the current terminal size.
fn visible_rows(app: &Model) -> usize {
    let problems = app.team.as_ref().map_or(0, |t| problem_rows(&t.team, app.size.1.saturating_sub(4)));
    usize::from(app.size.1.saturating_sub(TABLE_TOP + 1 + 2 + problems))
}

impl TeamScreen {
    pub fn action(&mut self, app: &mut Model, action: Action) -> Transition {
        let page = visible_rows(app);
        let Some(state) = app.team.as_mut() else { return Transition::Stay };
        let count = state.shown.len();
        if scroll_list(action, &mut self.selected, &mut self.offset, count, page) {
            return Transition::Stay;
        }
        match action {
            Action::Open => match state.shown.get(self.selected).copied() {
                Some(member) => Transition::open_member(app, member, Vec::new()),
                None => Transition::Stay,
            },
            Action::Sort => {
                state.sort = state.sort.next();
                state.resort();
                self.selected = 0;
                self.offset = 0;
                let label = sort_label(app.ui.s(), app.ui.lang, state);
                app.set_status(StatusKind::Info, format!("{}: {label}", app.s().t(msg::SortBy)));
                Transition::Stay
            }
            Action::Filter => {
                self.selected = 0;
                self.offset = 0;
                Transition::Push(Screen::Prompt(Prompt::filter(&state.filter)))
            }
            Action::Requests => Transition::Push(Screen::Requests(Requests::default())),
            Action::Problems => Transition::Push(Screen::Problems(Problems::default())),
            Action::Matrix => Transition::Push(Screen::Matrix(Matrix::default())),
            Action::TeamChart => Transition::Push(Screen::Chart(super::chart::Chart::team())),
            Action::Back if !state.filter.is_empty() => {
                state.filter.clear();
                state.resort();
                Transition::Stay
            }
            _ => Transition::Stay,
        }
    }

    pub fn click(&mut self, app: &mut Model, row: u16) -> Transition {
        let count = app.team.as_ref().map_or(0, |t| t.shown.len());
        let offset = scrolled(self.offset, self.selected, visible_rows(app));
        match row.checked_sub(TABLE_TOP).map(|r| usize::from(r) + offset) {
            Some(i) if i < count && i == self.selected => self.action(app, Action::Open),
            Some(i) if i < count => {
                self.selected = i;
                Transition::Stay
            }
            _ => Transition::Stay,
        }
    }
}

/// The order's name. By name, it says what the names are ordered by: the
/// readings learners gave, and code points (not the Japanese reading
/// order) for names without one.
fn sort_label(s: Lang, lang: Lang, state: &TeamView) -> &'static str {
    match state.sort {
        SortBy::Name => match state.team.readings() {
            0 => s.t(msg::SortCodePoint),
            n if n == state.team.members.len() => s.t(msg::SortReading),
            _ => s.t(msg::SortReadingMixed),
        },
        sort => lang.sort_label(sort),
    }
}

/// Takes in changes to the team's files, read off the screen's thread.
/// Returns whether anything changed.
pub fn apply_changes(app: &mut Model, changes: TeamChanges) -> bool {
    let Some(state) = app.team.as_mut() else { return false };
    let open_path = state.open.and_then(|i| state.team.members.get(i)).map(|m| m.path.clone());
    if !state.team.apply(changes) {
        return false;
    }
    state.resort();
    // Member indexes may have moved: find the open one again by its file.
    state.open = open_path.and_then(|p| state.team.members.iter().position(|m| m.path == p));
    true
}

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, screen: &TeamScreen) {
    let s = app.s();
    let theme = Theme::of(&app.ui);
    let Some(state) = &app.team else { return };
    let team = &state.team;
    let page = common::page(frame, area, app, ScreenKind::Team, 2);
    let columns = area.width as usize;

    // The team's name from its team file, as it is now (the file is followed live).
    let name = team.mode.as_ref().map(|mode| mode.state().file.name.clone()).filter(|n| !n.trim().is_empty());
    let mut title = vec![
        Span::styled(format!(" {}", s.t(msg::AppTitle)), theme.title()),
        Span::raw(format!("  {}", s.t(msg::TeamTitle))),
    ];
    if let Some(name) = name {
        title.push(Span::styled(format!("  {}", safe(&name)), theme.title()));
    }
    let mut header = vec![common::header_line(app, title, format!("{}: {} ", s.t(msg::Coach), app.actor), columns)];
    let g = app.ui.glyphs;
    // Filtered, the count says how many of the team match.
    let total = team.members.len();
    let shown = if state.filter.is_empty() { total.to_string() } else { format!("{} / {total}", state.shown.len()) };
    let mut summary = format!(
        " {}  {} {}  {} {}",
        s.t(msg::LearnersCount { shown, total }),
        s.t(msg::AtTargetCount),
        team.at_target(),
        s.t(msg::Waiting),
        team.open_requests(),
    );
    // The words for the marks of the table, where there is something to act on.
    let unread = crate::i18n::team_words::records_not_read(app.ui.lang);
    for (count, word, mark) in [
        (team.returned(), s.t(msg::Returned), g.attention),
        (team.stale(), s.t(msg::Stale), STALE),
        (team.unread_records(), unread, "!"),
    ] {
        if count > 0 {
            summary += &format!("  {word} {mark}{count}");
        }
    }
    // The filter the coach typed before the order, which may be long and is cut first.
    if !state.filter.is_empty() {
        summary += &format!("  {}: {}", s.t(msg::Filter), safe(&state.filter));
    }
    summary += &format!("  {}: {}", s.t(msg::SortBy), sort_label(s, app.ui.lang, state));
    header.push(Line::raw(fit(&summary, columns)));
    frame.render_widget(Paragraph::new(header), page.header);

    let problem_rows = problem_rows(team, page.body.height);
    let [table, problems] = Layout::vertical([Constraint::Min(3), Constraint::Length(problem_rows)]).areas(page.body);
    draw_table(frame, table, app, state, screen);
    draw_problems(frame, problems, app, team);
}

fn draw_table(frame: &mut Frame, area: Rect, app: &Model, state: &TeamView, screen: &TeamScreen) {
    let s = app.s();
    let theme = Theme::of(&app.ui);
    let g = app.ui.glyphs;
    let block = common::block(&app.ui, format!(" {} ", s.t(msg::LearnersTitle)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let columns = inner.width as usize;

    // Fixed columns; the name takes what is left, then competency cells as
    // many as fit. Narrow, the bar and the last activity give way to the name.
    const ROLE: usize = 5;
    const FRACTION: usize = 7;
    const CELL: usize = 5;
    // A column of 3 per state: sign-offs and requests always, returned
    // levels and stale sign-offs only while someone has them, so the
    // competency cells keep their room.
    let states = [true, true, state.team.returned() > 0, state.team.stale() > 0];
    let marks = 3 * states.iter().filter(|&&shown| shown).count();
    const NAME_MIN: usize = 12;
    let wide = columns >= 2 + ROLE + 1 + 8 + FRACTION + marks + 12 + NAME_MIN;
    let (bar, when_width) = if wide { (8, 12) } else { (0, 0) };
    // Changes per week, the last twelve: on terminals of 100 columns or more.
    let spark = if area.width >= 100 { ACTIVITY_WEEKS + 1 } else { 0 };
    let competencies = &app.framework.competencies;
    // The read-only mark, while some workbook has it: after the date where
    // every competency still fits, else in the date's place.
    let any_read_only = state.team.members.iter().any(|m| m.read_only.is_some());
    let lock = keiko_core::text::width(s.t(msg::ReadOnlyShort)) + 1;
    let all_fit = |extra| {
        columns
            >= 2 + ROLE + 1 + bar + FRACTION + marks + spark + when_width + extra + NAME_MIN + CELL * competencies.len()
    };
    let lock_width = if any_read_only && (!wide || all_fit(lock)) { lock } else { 0 };
    let fixed = 2 + ROLE + 1 + bar + FRACTION + marks + spark + when_width + lock_width;
    let name_width = columns.saturating_sub(fixed + CELL * competencies.len()).clamp(8, 24);
    let cells = columns.saturating_sub(fixed + name_width) / CELL;
    let cells = cells.min(competencies.len());
    let name_width = columns.saturating_sub(fixed + CELL * cells).max(4);

    // The progress column: the bar (one cell less than `bar`) and the fraction with its leading blank.
    let progress = bar.saturating_sub(1) + FRACTION + 1;
    let mut heading = format!(
        "  {} {} {} ",
        fit(s.t(msg::Name), name_width),
        fit(s.t(msg::Role), ROLE - 1),
        common::fit_ellipsis(s.t(msg::Progress), progress - 1)
    );
    for c in competencies.iter().take(cells) {
        heading += &fit(&safe(&c.id), CELL);
    }
    let titles = [g.signoff, g.request, g.attention, STALE];
    for (title, _) in titles.iter().zip(states).filter(|(_, shown)| *shown) {
        heading += &fit(title, 3);
    }
    if spark > 0 {
        heading += &fit(crate::i18n::chart_words::activity_heading(app.ui.lang), spark);
    }
    if wide {
        heading += s.t(msg::LastActivity);
    }
    let buffer = frame.buffer_mut();
    buffer.set_stringn(inner.x, inner.y, heading.trim_end(), columns, theme.dim());

    let rows = inner.height.saturating_sub(1) as usize;
    if state.shown.is_empty() {
        let text = if state.team.members.is_empty() { s.t(msg::NoLearners) } else { s.t(msg::NoMatch) };
        buffer.set_stringn(inner.x, inner.y + 1, format!(" {text}"), columns, theme.dim());
    }
    // Cells are written at their columns with no padding: the buffer starts
    // blank each frame, and this table is the most text keiko draws.
    // The selection shows even when the terminal shrank since it moved.
    let offset = scrolled(screen.offset, screen.selected, rows);
    // One scale for the whole table, so busy weeks compare across learners.
    let this_week = Week::of(&app.now(), &keiko_core::clock::display_zone()).unwrap_or(Week(0));
    let recent = |m: usize| recent_activity(&state.team.members[m].summary.activity, this_week);
    let busiest = if spark > 0 { state.shown.iter().flat_map(|&m| recent(m)).max().unwrap_or(0) } else { 0 };
    for (row, (position, &member)) in state.shown.iter().enumerate().skip(offset).take(rows).enumerate() {
        let m = &state.team.members[member];
        let summary = &m.summary;
        let selected = position == screen.selected;
        let y = inner.y + 1 + row as u16;
        if selected {
            buffer.set_style(Rect { y, height: 1, ..inner }, theme.selected().add_modifier(Modifier::BOLD));
        }
        let mut x = Columns { x: inner.x, end: inner.x + inner.width, y };
        x.put(buffer, common::marker(selected), Style::new(), 2);
        x.put(buffer, &common::learner_name(state, member, name_width), Style::new(), name_width + 1);
        x.put(buffer, &safe(summary.role.as_deref().unwrap_or("-")), Style::new(), ROLE);
        if wide {
            let filled = summary.progress.filled(bar - 1).min(bar - 1);
            x.put(buffer, &g.bar_full.repeat(filled), theme.bar(), filled);
            x.put(buffer, &g.bar_empty.repeat(bar - 1 - filled), theme.bar_empty(), bar - 1 - filled);
        }
        x.put(buffer, &format!(" {:>2}/{}", summary.progress.done, summary.progress.total), Style::new(), FRACTION + 1);
        for &(achieved, target) in summary.levels.iter().take(cells) {
            let (done, style) = if achieved >= target { (g.done, theme.good()) } else { (" ", Style::new()) };
            x.put(buffer, &format!("{achieved}/{target}{done}"), style, CELL);
        }
        // One cell per state, each its own mark, so they read apart without colour.
        let cells = [
            (summary.signoffs, g.signoff, theme.good()),
            (summary.requests.len(), g.request, theme.warn()),
            (summary.returned, g.attention, theme.error()),
            (summary.stale, STALE, theme.warn()),
        ];
        for ((count, mark, style), _) in cells.into_iter().zip(states).filter(|(_, shown)| *shown) {
            if count > 0 {
                x.put(buffer, &format!("{mark}{count}"), style, 3);
            } else {
                x.skip(3);
            }
        }
        if spark > 0 {
            x.put(buffer, &sparkline(&recent(member), busiest, g.ascii), theme.bar(), spark);
        }
        let when = match summary.last_activity.as_ref() {
            _ if summary.not_started => crate::i18n::team_words::not_started(app.ui.lang).to_string(),
            Some(at) if wide => local_short(at),
            _ => String::new(),
        };
        let when = match (&m.read_only, lock_width) {
            (None, _) => when,
            (Some(_), 0) => s.t(msg::ReadOnlyShort).to_string(),
            (Some(_), _) => format!("{when} {}", s.t(msg::ReadOnlyShort)).trim_start().to_string(),
        };
        x.put(buffer, &when, theme.dim(), when_width + lock_width);
    }
}

/// Where the next cell of a row goes.
struct Columns {
    x: u16,
    end: u16,
    y: u16,
}

impl Columns {
    /// Writes `text` (cut to `width` columns) and moves on by `width`.
    /// Trailing blanks are not written: the cells are blank already.
    fn put(&mut self, buffer: &mut ratatui::buffer::Buffer, text: &str, style: Style, width: usize) {
        let text = text.trim_end();
        let room = usize::from(self.end.saturating_sub(self.x)).min(width);
        if room > 0 && !text.is_empty() {
            buffer.set_stringn(self.x, self.y, text, room, style);
        }
        self.skip(width);
    }

    fn skip(&mut self, width: usize) {
        self.x = self.x.saturating_add(width as u16).min(self.end);
    }
}

fn draw_problems(frame: &mut Frame, area: Rect, app: &Model, team: &Team) {
    if area.height == 0 {
        return;
    }
    let s = app.s();
    let theme = Theme::of(&app.ui);
    let columns = area.width as usize;
    let mut lines =
        vec![Line::styled(fit(&format!(" {} ({})", s.t(msg::NotRead), team.problems.len()), columns), theme.warn())];
    for problem in &team.problems {
        // The file name is enough on screen; `keiko review --export` gives full paths.
        let name = problem
            .path
            .file_name()
            .map_or_else(|| problem.path.display().to_string(), |n| n.to_string_lossy().into_owned());
        lines.push(Line::raw(fit(
            &format!("  {}: {}", safe(&name), safe(&problem.reason.message(app.ui.lang))),
            columns,
        )));
    }
    if team.skipped > 0 {
        lines.push(Line::styled(
            fit(&format!("  {}", s.t(msg::SkippedFiles { n: team.skipped })), columns),
            theme.dim(),
        ));
    }
    // What does not fit is a key away: the "more" line names it.
    let key = app.keys.bindings(ScreenKind::Team, true).iter().find(|b| b.action == Action::Problems);
    let more = match key.and_then(|b| b.keys.first()) {
        Some(key) => s.t(msg::ProblemsMore { key: &key.label() }),
        None => s.t(msg::More).to_string(),
    };
    if area.height == 1 {
        lines.truncate(1);
        lines[0].spans.push(Span::styled(format!("  {more}"), theme.dim()));
    } else if lines.len() > area.height as usize {
        lines.truncate(area.height as usize - 1);
        lines.push(Line::styled(fit(&format!("  {more}"), columns), theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
