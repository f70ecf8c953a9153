//! The full-screen app: pure state and screens, with the terminal at the edge.

pub mod app;
pub mod keymap;
pub mod screens;
pub mod terminal;

use crate::cli::Context;
use crate::workbook::Workbook;
use app::{App, Doc, Ui};
use terminal::Outcome;

/// Draw settings from the context and the environment (`NO_COLOR`).
pub fn ui_of(ctx: &Context) -> Ui {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    Ui {
        lang: ctx.lang,
        glyphs: ctx.glyphs,
        color: !no_color,
    }
}

/// `keiko` with no command: the learner's app on their workbook.
pub fn launch_learner(ctx: Context, workbook: Workbook) -> Result<Outcome, String> {
    let ui = ui_of(&ctx);
    let path = ctx.store.path().to_path_buf();
    let doc = Doc::new(ctx.store, workbook);
    let app = App::learner(ui, ctx.framework, doc, ctx.user);
    terminal::run(app, vec![path])
}
