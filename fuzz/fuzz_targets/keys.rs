//! Any sequence of keys, pastes, resizes and mouse events, on the learner's
//! app (first byte even) or a coach's review (odd): never a panic, and the
//! workbooks on disk always parse afterwards.
#![no_main]

use libfuzzer_sys::fuzz_target;

use keiko::framework::Framework;
use keiko::glyphs::Glyphs;
use keiko::i18n::Lang;
use keiko::store::{MemoryStore, Storage, Store};
use keiko::tui::app::{App, Screen, Ui};
use keiko::workbook::{Change, Stamp};

fn scratch() -> tempfile::TempDir {
    tempfile::tempdir_in("/dev/shm").or_else(|_| tempfile::tempdir()).unwrap()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, script)) = data.split_first() else { return };
    let dir = scratch();
    let framework = Framework::bundled();
    let ui = Ui { lang: if mode & 2 == 0 { Lang::Ja } else { Lang::En }, glyphs: Glyphs::get(mode & 4 != 0), color: true };
    let stamp = Stamp { by: "fuzz".into(), at: keiko::clock::now() };
    let store = Store::new(dir.path().join("w.toml"), &framework);
    let profile = Change::Profile { name: Some("A".into()), role: Some("OP".into()) };
    store.apply(&profile, &stamp, false).unwrap();
    store.apply(&Change::RequestReview { competency: "SM-5".into(), level: 1, requested: true }, &stamp, false).unwrap();
    // The learner's workbook is kept in memory: a key costs no fsync.
    let memory = MemoryStore::new("w.toml", &framework);
    let mut app = if mode & 1 == 0 {
        let storage: &dyn Storage = &memory;
        storage.apply(&profile, &stamp, false).unwrap();
        storage.apply(&Change::RequestReview { competency: "SM-5".into(), level: 1, requested: true }, &stamp, false).unwrap();
        let workbook = memory.read().unwrap().unwrap();
        App::learner(ui, framework, memory.clone(), workbook, "fuzz".into())
    } else {
        let team = keiko::team::Team::open(&framework, vec![dir.path().to_path_buf()]);
        let mut app = App::empty(ui, framework, "coach".into(), true);
        app.team = Some(keiko::tui::screens::team::TeamState::new(team));
        app.screens.push(Screen::Team(Default::default()));
        app
    };
    keiko::testing::run_script(&mut app, script);
    app.flush();
    assert!(memory.read().is_ok(), "the stored workbook must always parse");
    assert!(store.read().is_ok(), "the workbook on disk must always parse");
});
