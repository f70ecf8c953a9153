//! The full-screen app: pure state and screens, with the terminal at the edge.

pub mod action;
pub mod app;
pub mod backend;
pub mod keymap;
pub mod model;
pub mod screens;
pub mod terminal;
pub mod theme;

use crate::cli::Context;
use crate::i18n::{Words, msg};
use app::{App, Screen, Ui};
use keiko_core::model::workbook::Workbook;
use screens::team::{TeamScreen, TeamView};
use terminal::{Outcome, Watch};

/// Draw settings from the context and the environment (`NO_COLOR`).
pub fn ui_of(ctx: &Context) -> Ui {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    Ui { lang: ctx.lang, glyphs: ctx.glyphs, color: !no_color }
}

/// `keiko` with no command: the learner's app on their workbook.
pub fn launch_learner(ctx: Context, workbook: Workbook) -> Result<Outcome, String> {
    let ui = ui_of(&ctx);
    if !terminal::has_terminal() {
        return Err(ui.s().t(msg::NeedsTerminal).into());
    }
    let path = ctx.store.path().to_path_buf();
    // The directory must exist to be watched; it is where the first change
    // goes anyway. A path through `..` is left to the store to judge.
    let through_parent = path.components().any(|c| c == std::path::Component::ParentDir);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists() && !through_parent) {
        use std::os::unix::fs::DirBuilderExt;
        let _ = std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir);
    }
    // In a team, the coaches' records of the learner and the team file change what is shown.
    let dirs = match &ctx.team {
        Some(team) => vec![team.dir.learner_dir(&ctx.user), team.dir.verdict_dir(&ctx.user), team.dir.root.clone()],
        None => Vec::new(),
    };
    let team_role = ctx.team.as_ref().and_then(|t| t.roster_entry(&ctx.user)?.role.clone());
    let mut app = App::learner(ui, ctx.framework, ctx.store, workbook, ctx.user).with_keys(ctx.keys);
    app.team_role = team_role;
    terminal::run(app, Watch { files: vec![path], dirs, lists: Vec::new(), poll_for_missing: true })
}

/// `keiko review PATH...`: the coach's team overview.
pub fn launch_review(ctx: Context, coach: String, team: keiko_core::team::Team) -> Result<Outcome, String> {
    let ui = ui_of(&ctx);
    let watch = Watch::of_review(&team);
    let mut app = App::empty(ui, ctx.framework, coach, true).with_keys(ctx.keys);
    app.team = Some(TeamView::new(team));
    app.screens.push(Screen::Team(TeamScreen::default()));
    terminal::run(app, watch)
}
