//! Property tests (the in-`cargo test` versions of the fuzz targets): no
//! input makes keiko panic, and the workbook on disk always stays readable.

mod common;

use std::path::Path;

use keiko::framework::{BUNDLED, Framework};
use keiko::i18n::Lang;
use keiko::store::{self, MemoryStore, Storage, Store};
use keiko::tui::app::App;
use proptest::prelude::*;

/// Text that is mostly the bundled framework with pieces cut, repeated or replaced.
fn mutated(base: &'static str) -> impl Strategy<Value = String> {
    let len = base.len();
    (
        0..len,
        0..len,
        prop::sample::select(vec!["", "\"", "[[", "]", "=", "\n", "level = 9", "id = \"SM-5\"", "💥", "\u{0}"]),
    )
        .prop_map(move |(a, b, insert)| {
            let (start, end) = (a.min(b), a.max(b));
            let cut = |i: usize| (0..=i).rev().find(|&i| base.is_char_boundary(i)).unwrap_or(0);
            format!("{}{insert}{}", &base[..cut(start)], &base[cut(end)..])
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn framework_parsing_never_panics(text in prop_oneof![any::<String>(), mutated(BUNDLED)]) {
        let _ = Framework::parse(&text, "fuzz.toml");
    }

    #[test]
    fn workbook_parsing_never_panics(text in prop_oneof![any::<String>(), mutated(common::EXAMPLE_WORKBOOK)]) {
        if let Ok(workbook) = store::parse(&text, Path::new("fuzz.toml")) {
            // Whatever parses, keiko can write back and read again unchanged.
            let again = store::parse(&store::to_toml(&workbook), Path::new("fuzz.toml")).unwrap();
            prop_assert_eq!(again, workbook);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Random keys, pastes, resizes and mouse events on every screen of the
    /// learner's app: no panic, and the stored workbook always parses. The
    /// workbook is kept in memory (as the TOML a file would hold), so a key
    /// costs no fsync and many more sequences run.
    #[test]
    fn any_key_sequence_leaves_the_learner_app_sound(role in prop::option::of(Just("OP")), script in prop::collection::vec(any::<u8>(), 0..160)) {
        let framework = Framework::bundled();
        let store = MemoryStore::new("w.toml", &framework);
        if let Some(role) = role {
            let change = keiko::workbook::Change::Profile { name: Some("A".into()), role: Some(role.into()) };
            (&store as &dyn Storage).apply(&change, &common::stamp("a"), false).unwrap();
        }
        let workbook = store.read().unwrap().unwrap_or_else(|| keiko::workbook::Workbook::new(&framework));
        let mut app = App::learner(common::ui(Lang::Ja, false), framework, store.clone(), workbook, "a".into());
        keiko::testing::run_script(&mut app, &script);
        app.flush();
        prop_assert!(store.read().is_ok());
    }

    /// The same for a coach reviewing a team.
    #[test]
    fn any_key_sequence_leaves_the_review_sound(script in prop::collection::vec(any::<u8>(), 0..160)) {
        let dir = common::team_dir();
        let mut app = common::coach(Lang::En, dir.path());
        keiko::testing::run_script(&mut app, &script);
        app.flush();
        for file in ["aoki.toml", "baba.toml", "chen.toml"] {
            prop_assert!(Store::new(dir.path().join(file), &Framework::bundled()).read().is_ok());
        }
    }
}
