//! Any sequence of keys, pastes, resizes and mouse events, on the learner's
//! app (first byte even) or a coach's review (odd): never a panic, and the
//! workbooks on disk always parse afterwards.
#![no_main]

use libfuzzer_sys::fuzz_target;

use keiko_core::model::framework::Framework;
use keiko::glyphs::Glyphs;
use keiko::i18n::Lang;
use keiko_core::store::{MemoryStore, Storage, Store};
use keiko::tui::app::{App, Screen, Ui};
use keiko_core::model::workbook::{Change, Stamp};

fn scratch() -> tempfile::TempDir {
    tempfile::tempdir_in("/dev/shm").or_else(|_| tempfile::tempdir()).unwrap()
}

/// The bundled framework, parsed once.
fn framework() -> Framework {
    static FRAMEWORK: std::sync::OnceLock<Framework> = std::sync::OnceLock::new();
    FRAMEWORK.get_or_init(Framework::bundled).clone()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, script)) = data.split_first() else { return };
    let framework = framework();
    let ui = Ui { lang: if mode & 2 == 0 { Lang::JA } else { Lang::EN }, glyphs: Glyphs::get(mode & 4 != 0), color: true };
    let stamp = Stamp::new("fuzz", keiko_core::clock::now());
    let changes = [
        Change::Profile { name: Some("A".into()), role: Some("OP".into()) },
        Change::RequestReview { competency: "SM-5".into(), level: 1, requested: true },
    ];
    if mode & 1 == 0 {
        // The learner's workbook is kept in memory: a key costs no file system.
        let memory = MemoryStore::new("w.toml", &framework);
        let storage: &dyn Storage = &memory;
        for change in &changes {
            storage.apply(change, &stamp, false).unwrap();
        }
        let workbook = memory.read().unwrap().unwrap();
        let mut app = App::learner(ui, framework, memory.clone(), workbook, "fuzz".into());
        keiko::testing::run_script(&mut app, script);
        app.flush();
        assert!(memory.read().is_ok(), "the stored workbook must always parse");
    } else {
        // A coach reviews files on disk, as the team reader finds them.
        let dir = scratch();
        let store = Store::new(dir.path().join("w.toml"), &framework);
        for change in &changes {
            store.apply(change, &stamp, false).unwrap();
        }
        let team = keiko_core::team::Team::open(&framework, vec![dir.path().to_path_buf()]);
        let mut app = App::empty(ui, framework, "coach".into(), true);
        app.team = Some(keiko::tui::screens::team::TeamView::new(team));
        app.screens.push(Screen::Team(Default::default()));
        keiko::testing::run_script(&mut app, script);
        app.flush();
        assert!(store.read().is_ok(), "the workbook on disk must always parse");
    }
});
