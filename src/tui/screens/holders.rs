//! Enter on a competency of the skills matrix: who holds it at level N or
//! above, with their login and whether a coach signed the level off — who
//! can take this call. Signed off first; Enter opens the learner there.

use crate::i18n::{Words, msg};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{self, Theme, safe};
use crate::i18n::matrix_words as words;
use crate::tui::keymap::{Action, ScreenKind};
use crate::tui::model::{Model, TeamView, scroll_list, scrolled};
use crate::tui::screens::competency::CompetencyScreen;
use crate::tui::screens::{Screen, Transition};
use keiko_core::team::matrix::{self, Holder, SignOff};
use keiko_core::text::fit;

#[derive(Debug)]
pub struct Holders {
    /// The competency's index in the framework.
    pub competency: usize,
    /// Level N: the list holds those at N or above.
    pub level: u8,
    pub selected: usize,
    pub offset: usize,
}

impl Holders {
    pub fn new(competency: usize, level: u8) -> Holders {
        Holders { competency, level, selected: 0, offset: 0 }
    }

    fn list(&self, state: &TeamView) -> Vec<Holder> {
        matrix::holders(&state.team.members, &state.shown, self.competency, self.level)
    }

    pub fn action(&mut self, app: &mut Model, action: Action) -> Transition {
        let Some(state) = app.team.as_ref() else { return Transition::Stay };
        let list = self.list(state);
        let page = usize::from(app.size.1).saturating_sub(8);
        if scroll_list(action, &mut self.selected, &mut self.offset, list.len(), page) {
            return Transition::Stay;
        }
        match action {
            Action::Open => match list.get(self.selected) {
                Some(holder) => {
                    // Straight to the competency, at the level asked about.
                    let c = &app.framework.competencies[self.competency];
                    let level = c.levels.iter().position(|l| l.level == self.level).unwrap_or(0);
                    let screen = CompetencyScreen { competency: self.competency, level, selected: 0 };
                    Transition::open_member(app, holder.member, vec![Screen::Competency(screen)])
                }
                None => Transition::Stay,
            },
            Action::Back => Transition::Pop,
            _ => Transition::Stay,
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, screen: &Holders) {
    let s = app.s();
    let lang = app.ui.lang;
    let theme = Theme::of(&app.ui);
    let g = app.ui.glyphs;
    let Some(state) = &app.team else { return };
    let Some(c) = app.framework.competencies.get(screen.competency) else { return };
    let page = common::page(frame, area, app, ScreenKind::Holders, 2);
    let columns = area.width as usize;
    let list = screen.list(state);

    let title = vec![
        Span::styled(format!(" {}", safe(&c.id)), theme.title()),
        Span::raw(format!("  {}", safe(c.name.get(lang)))),
    ];
    let header = vec![
        common::header_line(app, title, format!("{}: {} ", s.t(msg::Coach), app.actor), columns),
        Line::raw(fit(&format!(" {}", words::holders(lang, list.len(), state.shown.len(), screen.level)), columns)),
    ];
    frame.render_widget(Paragraph::new(header), page.header);

    let block = common::block(&app.ui, format!(" {} ", words::title(lang)));
    let inner = block.inner(page.body);
    frame.render_widget(block, page.body);
    let width = inner.width as usize;
    // Name, login, level, then the sign-off in what is left.
    let name_width = (width / 3).clamp(8, 24);
    // Narrow, the login gives way to the sign-off.
    let login_width = if width >= 60 { 14 } else { 0 };
    let level_width = 8;
    let columns_of = |name: &str, login: &str, level: &str| {
        let login = if login_width > 0 { format!("{} ", fit(login, login_width - 1)) } else { String::new() };
        format!("{} {login}{}", fit(name, name_width), fit(level, level_width - 1))
    };
    // The sign-off's title over its words, after the mark's column.
    let heading = columns_of(s.t(msg::Name), words::login(lang), words::level(lang)) + "  " + words::signoff(lang);
    let mut lines = vec![Line::styled(fit(&format!("  {heading}"), width), theme.dim())];
    if list.is_empty() {
        lines.push(Line::styled(format!(" {}", words::nobody(lang)), theme.dim()));
    }
    let rows = usize::from(inner.height).saturating_sub(1);
    let offset = scrolled(screen.offset, screen.selected, rows);
    for (i, holder) in list.iter().enumerate().skip(offset).take(rows) {
        let member = &state.team.members[holder.member];
        let name = common::learner_name(state, holder.member, name_width);
        let login = safe(member.login.as_deref().unwrap_or("-"));
        let row = common::marker(i == screen.selected).to_string()
            + &columns_of(&name, &login, &format!("{}", holder.achieved));
        let (mark, style) = match holder.signoff {
            SignOff::Signed(_) => (g.signoff, theme.good()),
            SignOff::Stale(_) => (common::STALE, theme.warn()),
            SignOff::Unverified(_) => (" ", theme.dim()),
            SignOff::NotSignedOff => (" ", Style::new()),
        };
        let state_text = format!("{mark} {}", words::signoff_state(lang, holder.signoff));
        let line = Line::from(vec![Span::raw(row), Span::styled(state_text, style)]);
        lines.push(if i == screen.selected { line.patch_style(theme.selected()) } else { line });
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
