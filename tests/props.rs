//! Property tests (the in-`cargo test` versions of the fuzz targets): no
//! input makes keiko panic, the workbook on disk always stays readable, and
//! the coach's quick read of a workbook agrees with the full one.

mod common;

use std::path::Path;

use keiko::i18n::Lang;
use keiko::tui::app::App;
use keiko_core::clock::{Time, time_from_unix};
use keiko_core::model::framework::{BUNDLED, Framework};
use keiko_core::model::workbook::{
    Comment, CompetencyState, FrameworkRef, HistoryEntry, LevelState, Profile, Stamp, StatementState, Target, Trust,
    Verb, Verdict, Workbook,
};
use keiko_core::store::{self, MemoryStore, Storage, Store};
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
            let change = keiko_core::model::workbook::Change::Profile { name: Some("A".into()), role: Some(role.into()) };
            (&store as &dyn Storage).apply(&change, &common::stamp("a"), false).unwrap();
        }
        let workbook = store.read().unwrap().unwrap_or_else(|| keiko_core::model::workbook::Workbook::new(&framework));
        let mut app = App::learner(common::ui(Lang::JA, false), framework, store.clone(), workbook, "a".into());
        keiko::testing::run_script(&mut app, &script);
        app.flush();
        prop_assert!(store.read().is_ok());
    }

    /// The same for a coach reviewing a team.
    #[test]
    fn any_key_sequence_leaves_the_review_sound(script in prop::collection::vec(any::<u8>(), 0..160)) {
        let dir = common::team_dir();
        let mut app = common::coach(Lang::EN, dir.path());
        keiko::testing::run_script(&mut app, &script);
        app.flush();
        for file in ["aoki.toml", "baba.toml", "chen.toml"] {
            prop_assert!(Store::new(dir.path().join(file), &Framework::bundled()).read().is_ok());
        }
    }
}

/// Text as a learner or coach might write it, full of lines that look like
/// the workbook's own TOML: a history table, its keys, string delimiters,
/// tables, escapes, quotes and line breaks of every kind.
fn hostile_text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "[[history]]",
        "[history]",
        "[x]",
        "[[competencies]]",
        "at = 2026-11-28T09:12:00Z",
        "by = \"tanaka\"",
        "what = \"check\"",
        "target = \"SM-5.1.1\"",
        "undo = true",
        "schema = 2",
        "\"\"\"",
        "'''",
        "\"",
        "'",
        "\\",
        "\\n",
        "\n",
        "\r\n",
        "\r",
        "\t",
        " ",
        "=",
        "#",
        "田中",
        "\u{1b}[2J",
        "\u{202e}",
    ]);
    let piece = prop_oneof![6 => piece.prop_map(String::from), 1 => any::<String>()];
    prop::collection::vec(piece, 0..10).prop_map(|pieces| pieces.concat())
}

/// Any time a workbook can hold: keiko's own (UTC, whole seconds) and the
/// forms a hand-edited file may have (an offset, fractions, a date alone).
fn time() -> impl Strategy<Value = Time> {
    use toml::value::{Date, Offset, Time as Clock};
    let date = (0u16..=9999, 1u8..=12, 1u8..=28).prop_map(|(year, month, day)| Date { year, month, day });
    let clock = (0u8..24, 0u8..60, 0u8..60, prop::option::of(0u32..1_000_000_000))
        .prop_map(|(hour, minute, second, nanosecond)| Clock { hour, minute, second: Some(second), nanosecond });
    let offset = prop_oneof![Just(Offset::Z), (-1439i16..=1439).prop_map(|minutes| Offset::Custom { minutes })];
    prop_oneof![
        4 => (-62_167_219_200i64..=253_402_207_200).prop_map(time_from_unix),
        1 => (date.clone(), clock.clone(), offset).prop_map(|(d, t, o)| Time { date: Some(d), time: Some(t), offset: Some(o) }),
        1 => (date.clone(), clock.clone()).prop_map(|(d, t)| Time { date: Some(d), time: Some(t), offset: None }),
        1 => date.prop_map(|d| Time { date: Some(d), time: None, offset: None }),
        1 => clock.prop_map(|t| Time { date: None, time: Some(t), offset: None }),
    ]
}

/// An id: mostly the framework's, sometimes anything.
fn id() -> impl Strategy<Value = String> {
    prop_oneof![3 => prop::sample::select(vec!["SM-5.1.1", "SM-5", "SM-6.2.1", "2"]).prop_map(String::from), 1 => hostile_text()]
}

fn verdict() -> impl Strategy<Value = Verdict> {
    (hostile_text(), hostile_text(), time(), hostile_text(), prop::option::of(prop::collection::vec(id(), 0..3)))
        .prop_map(|(by, login, at, comment, checked)| Verdict {
            by,
            login,
            at,
            comment,
            checked,
            trust: Trust::default(),
        })
}

fn history_entry() -> impl Strategy<Value = HistoryEntry> {
    let verbs = vec![
        Verb::Check,
        Verb::Uncheck,
        Verb::Note,
        Verb::Reflection,
        Verb::Profile,
        Verb::Name,
        Verb::RequestReview,
        Verb::WithdrawRequest,
        Verb::SignOff,
        Verb::Return,
        Verb::Comment,
        // A newer keiko's verb: kept and written back.
        Verb::Other("due-date".into()),
    ];
    (time(), hostile_text(), prop::sample::select(verbs), id(), any::<u8>(), any::<bool>()).prop_map(
        |(at, by, what, id, level, undo)| {
            let target = match what {
                Verb::Check | Verb::Uncheck | Verb::Note => Target::Statement(id),
                Verb::Reflection | Verb::Comment => Target::Competency(id),
                Verb::Profile | Verb::Name => Target::Profile,
                Verb::Other(_) => Target::Other(id),
                _ => Target::Level { competency: id, level },
            };
            HistoryEntry { at, by, what, target, undo }
        },
    )
}

/// Any workbook keiko could write: every text field a learner's or a
/// coach's words, every list of any length.
fn any_workbook() -> impl Strategy<Value = Workbook> {
    let profile = (hostile_text(), prop::option::of(hostile_text()), hostile_text())
        .prop_map(|(name, role, reading)| Profile { name, role, reading });
    let statement = (any::<bool>(), prop::option::of(time()), hostile_text())
        .prop_map(|(checked, checked_at, note)| StatementState { checked, checked_at, note });
    let level = (prop::option::of((hostile_text(), time())), prop::option::of(verdict()), prop::option::of(verdict()))
        .prop_map(|(request, signoff, returned)| LevelState {
            review_requested: request.map(|(by, at)| Stamp::new(by, at)),
            signoff,
            returned,
            unverified: Vec::new(),
        });
    let comment = (hostile_text(), hostile_text(), time(), hostile_text()).prop_map(|(by, login, at, text)| Comment {
        by,
        login,
        at,
        text,
        trust: Trust::default(),
    });
    let competency =
        (hostile_text(), prop::collection::btree_map(id(), level, 0..3), prop::collection::vec(comment, 0..3))
            .prop_map(|(reflection, levels, comments)| CompetencyState { reflection, levels, comments });
    (
        (hostile_text(), hostile_text()),
        profile,
        prop::collection::btree_map(id(), statement, 0..4),
        prop::collection::btree_map(id(), competency, 0..3),
        prop::collection::vec(history_entry(), 0..6),
        hostile_text(),
    )
        .prop_map(|((id, version), profile, statements, competencies, history, learner)| Workbook {
            schema: keiko_core::model::workbook::SCHEMA,
            framework: FrameworkRef { id, version },
            profile,
            statements,
            competencies,
            history,
            learner,
            unread_records: Vec::new(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// The coach's quick read of a workbook (the part before the history as
    /// TOML, the history line by line) gives what the full read gives, for
    /// every workbook keiko can write: a note holding `[[history]]` or
    /// `at = …` lines never makes a sound workbook look broken. It leaves out
    /// only who made each change in the history (no summary shows it).
    #[test]
    fn the_summary_read_equals_the_full_read(workbook in any_workbook()) {
        let path = Path::new("w.toml");
        let text = store::to_toml(&workbook);
        let whole = store::parse(&text, path).map_err(|e| TestCaseError::fail(format!("{e:?}\n{text:?}")))?;
        prop_assert_eq!(&whole, &workbook, "keiko reads back what it wrote");
        let mut quick = store::parse_for_summary(&text, path).map_err(|e| TestCaseError::fail(format!("{e:?}\n{text:?}")))?;
        prop_assert_eq!(quick.history.len(), whole.history.len());
        for (entry, full) in quick.history.iter_mut().zip(&whole.history) {
            prop_assert!(entry.by.is_empty() || entry.by == full.by, "{:?}", entry);
            entry.by.clone_from(&full.by);
        }
        prop_assert_eq!(quick, whole, "{}", text);
    }
}
