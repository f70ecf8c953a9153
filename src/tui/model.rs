//! What the screens see and may change: how things are drawn, the
//! framework, the workbook on screen, the team, the status line. No store:
//! a screen asks for a change by returning it (`Transition::Apply`), and the
//! app (`tui::app`) is the one place that runs it against the store.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::glyphs::Glyphs;
use crate::i18n::Lang;
use crate::tui::keymap::{Action, KeyTable};
use keiko_core::clock::Time;
use keiko_core::model::framework::Framework;
use keiko_core::model::workbook::{Change, Stamp, Workbook};
use keiko_core::store::StoreError;
use keiko_core::team::{SortBy, Team, visible};

/// How things are drawn: language, symbols, colour.
#[derive(Clone, Copy)]
pub struct Ui {
    pub lang: Lang,
    pub glyphs: &'static Glyphs,
    /// False under `NO_COLOR`: attributes only, never a colour.
    pub color: bool,
}

impl Ui {
    /// The language of the interface: `app.s().t(msg::Saved)`.
    pub fn s(&self) -> Lang {
        self.lang
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Success,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub kind: StatusKind,
    pub text: String,
}

/// The team and how the coach looks at it.
pub struct TeamView {
    pub team: Team,
    pub sort: SortBy,
    pub filter: String,
    /// Indexes into `team.members`, filtered and sorted.
    pub shown: Vec<usize>,
    /// The member whose workbook is open, if any.
    pub open: Option<usize>,
    /// Which names would look like another's, per width drawn (`look_alike`).
    looks: Mutex<Looks>,
}

/// What `TeamView::look_alike` keeps: for the widths last drawn, which
/// members' names look like another's in this version of the team; and the
/// keys of the names it worked out (a change takes in a name or two).
#[derive(Default)]
struct Looks {
    alike: Vec<(u64, usize, usize, Arc<Vec<bool>>)>,
    keys: LookKeys,
}

/// Look keys (`text::look_key`) of names, kept to be used again: of each
/// name, and per width of each name as drawn in a column that wide.
#[derive(Default)]
pub struct LookKeys {
    pub named: HashMap<String, String>,
    pub drawn: HashMap<usize, HashMap<String, String>>,
}

/// How many widths `TeamView` keeps looks for (each screen draws names at one or two).
const LOOKS_KEPT: usize = 6;

impl TeamView {
    pub fn new(team: Team) -> TeamView {
        let mut state = TeamView {
            team,
            sort: SortBy::Name,
            filter: String::new(),
            shown: Vec::new(),
            open: None,
            looks: Mutex::default(),
        };
        state.resort();
        state
    }

    /// For each member, whether their name drawn `width` columns wide would
    /// look like another's, as `work_out` tells (`screens::common::look_alike`):
    /// worked out once per width and version of the team, as every row drawn
    /// asks, with the keys of names it worked out before.
    pub fn look_alike(&self, width: usize, work_out: fn(&Team, usize, &mut LookKeys) -> Vec<bool>) -> Arc<Vec<bool>> {
        let (version, members) = (self.team.version(), self.team.members.len());
        let mut looks = self.looks.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        looks.alike.retain(|&(v, m, _, _)| v == version && m == members);
        if let Some((_, _, _, alike)) = looks.alike.iter().find(|&&(_, _, w, _)| w == width) {
            return Arc::clone(alike);
        }
        // Keys of names long gone are let go now and then.
        let keys = &mut looks.keys;
        let many = 2 * members + 64;
        if keys.drawn.len() > LOOKS_KEPT {
            keys.drawn.clear();
        }
        keys.drawn.values_mut().chain([&mut keys.named]).filter(|k| k.len() > many).for_each(HashMap::clear);
        let alike = Arc::new(work_out(&self.team, width, keys));
        if looks.alike.len() == LOOKS_KEPT {
            looks.alike.remove(0);
        }
        looks.alike.push((version, members, width, Arc::clone(&alike)));
        alike
    }

    pub fn resort(&mut self) {
        self.shown = visible(&self.team.members, &self.filter, self.sort);
    }
}

/// The state every screen reads, and the little it may change itself (the
/// status line, the team's order and filter).
pub struct Model {
    pub ui: Ui,
    pub framework: Framework,
    /// Who makes changes: the learner's login name, or the coach's name.
    pub actor: String,
    /// The login of the account running keiko: what history records.
    pub login: String,
    /// Team mode: the role the team's roster sets (the learner cannot change it).
    pub team_role: Option<String>,
    /// Coach review: the learner's own checks and notes are read-only.
    pub coach: bool,
    /// The workbook on screen, as last read or saved.
    pub workbook: Option<Workbook>,
    /// Why changes to it cannot be saved, when they cannot.
    pub read_only: Option<StoreError>,
    /// Coach review: the team of learners.
    pub team: Option<TeamView>,
    /// Which key does what: the defaults, or the config file's bindings.
    pub keys: KeyTable,
    pub status: Option<Status>,
    /// Terminal size, for paging and mouse clicks.
    pub size: (u16, u16),
    pub clock: fn() -> Time,
}

impl Model {
    pub fn now(&self) -> Time {
        (self.clock)()
    }

    /// Who is acting, and when: the account, shown by the actor's name.
    pub fn stamp(&self) -> Stamp {
        Stamp::of(self.login.clone(), self.actor.clone(), self.now())
    }

    /// The language of the interface: `app.s().t(msg::Saved)`.
    pub fn s(&self) -> Lang {
        self.ui.s()
    }

    pub fn workbook(&self) -> Option<&Workbook> {
        self.workbook.as_ref()
    }

    pub fn role(&self) -> Option<&str> {
        self.workbook()?.profile.role.as_deref()
    }

    pub fn set_status(&mut self, kind: StatusKind, text: impl Into<String>) {
        self.status = Some(Status { kind, text: text.into() });
    }

    /// The workbook as `change` would leave it, worked out here and now
    /// (a screen's message about what a change achieves; the store decides).
    pub fn after(&self, change: &Change) -> Option<Workbook> {
        let mut workbook = self.workbook()?.clone();
        workbook.apply(change, &self.stamp(), false);
        Some(workbook)
    }
}

/// Moves a selection by `delta` within `len` items, clamped.
pub fn moved(selected: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    selected.saturating_add_signed(delta).min(len - 1)
}

/// Adjusts a scroll offset so that `selected` is among `visible` rows.
pub fn scrolled(offset: usize, selected: usize, visible: usize) -> usize {
    let visible = visible.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + visible {
        selected + 1 - visible
    } else {
        offset
    }
}

/// Applies a list movement to a selection and its scroll offset, keeping the
/// selection among `page` visible rows. False when `action` is not a movement.
pub fn scroll_list(action: Action, selected: &mut usize, offset: &mut usize, len: usize, page: usize) -> bool {
    match list_move(action, *selected, len, page) {
        Some(moved_to) => {
            *selected = moved_to;
            *offset = scrolled(*offset, moved_to, page);
            true
        }
        None => false,
    }
}

/// The list movement actions, applied to a selection.
pub fn list_move(action: Action, selected: usize, len: usize, page: usize) -> Option<usize> {
    let page = page.max(1) as isize;
    Some(match action {
        Action::Down => moved(selected, 1, len),
        Action::Up => moved(selected, -1, len),
        Action::PageDown => moved(selected, page, len),
        Action::PageUp => moved(selected, -page, len),
        Action::Home => 0,
        Action::End => len.saturating_sub(1),
        _ => return None,
    })
}
