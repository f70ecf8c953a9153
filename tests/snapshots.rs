//! Every screen as a user sees it, in Japanese and English, at 80x24 (and
//! the overview at 120x40 and in ASCII), and no panic at any size.

mod common;

use common::{Harness, check, learner_with, render, stamp, ui};
use keiko::framework::Framework;
use keiko::i18n::Lang;
use keiko::tui::app::{App, Msg, Ui};
use keiko::workbook::Change;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthChar;

/// A learner part-way through: checks, a note, a reflection, a coach's
/// sign-off and comment, and a review request.
fn in_progress(ui: Ui) -> Harness {
    let mut h = learner_with(ui, Some("OP"), |store| {
        check(store, &["SM-5.1.1", "SM-5.2.1", "SM-6.1.1", "SM-6.1.2", "SM-9.1.1", "SM-6.3.1"]);
        let coach = stamp("coach-b");
        let learner = stamp("op-a");
        let changes = [
            (
                Change::Note {
                    id: "SM-5.2.1".into(),
                    text: "先週の解約希望3件で理由を聴き取り、記録してSVに報告した。\nThe SV agreed.".into(),
                },
                &learner,
            ),
            (
                Change::Reflection {
                    competency: "SM-5".into(), text: "離反の兆候を早めに拾いたい。".into()
                },
                &learner,
            ),
            (Change::sign_off(&Framework::bundled(), "SM-5", 1, "根拠が明確です"), &coach),
            (
                Change::Comment {
                    competency: "SM-5".into(), text: "次はレベル2の分析に挑戦しましょう。".into()
                },
                &coach,
            ),
            (Change::RequestReview { competency: "SM-5".into(), level: 2, requested: true }, &learner),
        ];
        for (change, who) in changes {
            store.apply(&change, who, false).unwrap();
        }
    });
    h.app.update(Msg::Resize(80, 24));
    h
}

/// The keys that reach each screen from the overview.
const SCREENS: &[(&str, &str)] = &[
    ("overview", ""),
    ("competency", "Enter Up"),
    ("editor", "Enter Up e"),
    ("help", "Enter ?"),
    ("search", "/ 顧客"),
    ("history", "H"),
    ("role_picker", "r"),
];

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    }
}

#[test]
fn every_screen_at_80x24() {
    for lang in [Lang::Ja, Lang::En] {
        for (name, keys) in SCREENS {
            let mut h = in_progress(ui(lang, false));
            h.keys(keys);
            insta::assert_snapshot!(format!("{name}_{}_80x24", lang_name(lang)), h.render(80, 24));
        }
        let mut first_run = learner_with(ui(lang, false), None, |_| {});
        insta::assert_snapshot!(format!("welcome_{}_80x24", lang_name(lang)), first_run.render(80, 24));
        first_run.keys("オペレーターA Tab Down");
        insta::assert_snapshot!(format!("welcome_filled_{}_80x24", lang_name(lang)), first_run.render(80, 24));
    }
}

#[test]
fn the_overview_at_120x40_and_in_ascii() {
    for lang in [Lang::Ja, Lang::En] {
        let h = in_progress(ui(lang, false));
        insta::assert_snapshot!(format!("overview_{}_120x40", lang_name(lang)), h.render(120, 40));
        let h = in_progress(ui(lang, true));
        insta::assert_snapshot!(format!("overview_ascii_{}_80x24", lang_name(lang)), h.render(80, 24));
        let mut h = in_progress(ui(lang, true));
        h.keys("Enter Up");
        insta::assert_snapshot!(format!("competency_ascii_{}_80x24", lang_name(lang)), h.render(80, 24));
    }
}

#[test]
fn a_terminal_too_small_says_so() {
    let h = in_progress(ui(Lang::Ja, false));
    insta::assert_snapshot!("too_small_ja_30x8", h.render(30, 8));
}

/// Every screen the learner can reach, for the size and glyph checks.
fn every_screen(lang: Lang, ascii: bool) -> Vec<(String, App)> {
    let mut apps: Vec<(String, App)> = SCREENS
        .iter()
        .map(|(name, keys)| {
            let mut h = in_progress(ui(lang, ascii));
            h.keys(keys);
            (name.to_string(), h.app)
        })
        .collect();
    apps.push(("welcome".into(), learner_with(ui(lang, ascii), None, |_| {}).app));
    apps
}

#[test]
fn no_screen_panics_at_any_size() {
    let names: Vec<String> = every_screen(Lang::Ja, false).into_iter().map(|(name, _)| name).collect();
    // Screens in parallel, each on one terminal resized to every size: drawing
    // into its frame is what the app does (the diff to a backend is skipped for speed).
    std::thread::scope(|scope| {
        for name in &names {
            scope.spawn(move || {
                let (_, mut app) = every_screen(Lang::Ja, false).into_iter().find(|(n, _)| n == name).unwrap();
                let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
                for width in 1..=200 {
                    for height in 1..=60 {
                        app.update(Msg::Resize(width, height));
                        terminal.resize(Rect::new(0, 0, width, height)).unwrap();
                        let mut frame = terminal.get_frame();
                        let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            keiko::tui::screens::draw(&mut frame, &app)
                        }));
                        assert!(drawn.is_ok(), "{name} panicked at {width}x{height}");
                    }
                }
            });
        }
    });
}

#[test]
fn unicode_mode_draws_no_ambiguous_width_symbol_but_boxes_and_bars() {
    for lang in [Lang::Ja, Lang::En] {
        for (name, app) in every_screen(lang, false) {
            for c in render(&app, 80, 24).chars() {
                let ambiguous = c.width() != c.width_cjk();
                let allowed = ('\u{2500}'..='\u{257F}').contains(&c) || c == '█';
                assert!(!ambiguous || allowed, "{name} draws ambiguous-width {c:?} (U+{:04X})", c as u32);
            }
        }
    }
}

#[test]
fn ascii_mode_draws_no_box_or_block_or_ambiguous_character() {
    for lang in [Lang::Ja, Lang::En] {
        for (name, app) in every_screen(lang, true) {
            for c in render(&app, 80, 24).chars() {
                assert!(c.width() == c.width_cjk(), "{name} draws ambiguous-width {c:?} in ASCII mode");
                assert!(!('\u{2500}'..='\u{259F}').contains(&c), "{name} draws {c:?} in ASCII mode");
            }
        }
    }
}

#[test]
fn the_coach_screens_in_both_languages_and_sizes() {
    let dir = common::team_dir();
    for lang in [Lang::Ja, Lang::En] {
        for (w, h) in [(80, 24), (120, 40)] {
            let size = format!("{w}x{h}");
            let mut app = common::coach(lang, dir.path());
            app.update(Msg::Resize(w, h));
            insta::assert_snapshot!(format!("team_{}_{size}", lang_name(lang)), render(&app, w, h));
            // 青木 花子: her overview, then the level waiting for review.
            common::type_keys(&mut app, "Down Enter");
            insta::assert_snapshot!(format!("learner_overview_{}_{size}", lang_name(lang)), render(&app, w, h));
            common::type_keys(&mut app, "Enter");
            insta::assert_snapshot!(format!("learner_competency_{}_{size}", lang_name(lang)), render(&app, w, h));
        }
        let mut app = common::coach(lang, dir.path());
        common::type_keys(&mut app, "w");
        insta::assert_snapshot!(format!("waiting_{}_80x24", lang_name(lang)), render(&app, 80, 24));
        let mut app = common::coach(lang, dir.path());
        common::type_keys(&mut app, "Down Enter Enter s");
        insta::assert_snapshot!(format!("signoff_prompt_{}_80x24", lang_name(lang)), render(&app, 80, 24));
    }
}
