//! `w` in the team overview: every level waiting for review, oldest first;
//! `Enter` opens straight into that level.

use crate::i18n::{Words, msg};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{self, Theme, safe, when};
use crate::tui::keymap::{Action, ScreenKind};
use crate::tui::model::TeamView;
use crate::tui::model::{Model, scroll_list, scrolled};
use crate::tui::screens::competency::CompetencyScreen;
use crate::tui::screens::{Screen, Transition};
use keiko_core::clock::{Time, unix_seconds};

#[derive(Debug, Default)]
pub struct Requests {
    pub selected: usize,
    pub offset: usize,
}

/// One waiting review: member index, competency index, level, since when.
pub type Waiting = (usize, usize, u8, Time);

/// Every open request of the team, the longest waiting first.
pub fn waiting(state: &TeamView) -> Vec<Waiting> {
    let mut all: Vec<Waiting> = state
        .team
        .members
        .iter()
        .enumerate()
        .flat_map(|(m, member)| member.summary.requests.iter().map(move |&(c, level, at)| (m, c, level, at)))
        .collect();
    all.sort_by_key(|(_, _, _, at)| unix_seconds(at).unwrap_or(i64::MAX));
    all
}

fn visible_rows(app: &Model) -> usize {
    usize::from(app.size.1).saturating_sub(5)
}

impl Requests {
    pub fn action(&mut self, app: &mut Model, action: Action) -> Transition {
        let Some(state) = app.team.as_ref() else { return Transition::Stay };
        let all = waiting(state);
        let page = visible_rows(app);
        if scroll_list(action, &mut self.selected, &mut self.offset, all.len(), page) {
            return Transition::Stay;
        }
        match action {
            Action::Open => match all.get(self.selected) {
                Some(&(member, competency, level, _)) => {
                    let c = &app.framework.competencies[competency];
                    let level_index = c.levels.iter().position(|l| l.level == level).unwrap_or(0);
                    let screen = CompetencyScreen { competency, level: level_index, selected: 0 };
                    Transition::open_member(app, member, vec![Screen::Competency(screen)])
                }
                None => Transition::Stay,
            },
            Action::Back => Transition::Pop,
            _ => Transition::Stay,
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, screen: &Requests) {
    let s = app.s();
    let theme = Theme::of(&app.ui);
    let Some(state) = &app.team else { return };
    let page = common::page(frame, area, app, ScreenKind::Requests, 1);
    let all = waiting(state);
    let title = vec![Span::styled(format!(" {}", s.t(msg::WaitingTitle)), theme.title())];
    frame.render_widget(
        Paragraph::new(common::header_line(app, title, format!("{} ", all.len()), area.width as usize)),
        page.header,
    );
    let block = common::block(&app.ui, "");
    let inner = block.inner(page.body);
    frame.render_widget(block, page.body);
    if all.is_empty() {
        frame.render_widget(Paragraph::new(Line::styled(format!(" {}", s.t(msg::NoRequests)), theme.dim())), inner);
        return;
    }
    let columns = inner.width as usize;
    // Narrow: a shorter time and name, so the level waiting still shows.
    let narrow = columns < 60;
    let lines: Vec<Line> = all
        .iter()
        .enumerate()
        .skip(scrolled(screen.offset, screen.selected, inner.height as usize))
        .take(inner.height as usize)
        .map(|(i, &(member, competency, level, at))| {
            let c = &app.framework.competencies[competency];
            let text = format!(
                "{}{}  {}  {} {} {}",
                common::marker(i == screen.selected),
                if narrow { keiko_core::clock::local_short(&at) } else { when(&at) },
                common::learner_name(state, member, if narrow { 10 } else { 16 }),
                safe(&c.id),
                app.ui.lang.level(level),
                safe(c.name.get(app.ui.lang))
            );
            let line = Line::raw(common::fit_ellipsis(&text, columns));
            if i == screen.selected { line.patch_style(theme.selected()) } else { line }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
