//! Every screen as a user sees it, in Japanese and English, at 80x24 (and
//! the overview at 120x40 and in ASCII), and no panic at any size.

mod common;

use common::{Harness, check, learner_with, render, stamp, ui};
use keiko::i18n::Lang;
use keiko::tui::app::{App, Msg, Ui};
use keiko_core::model::framework::Framework;
use keiko_core::model::workbook::Change;
use keiko_core::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
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
    ("confirm_review", "Down Enter v"),
    ("chart", "p"),
];

fn lang_name(lang: Lang) -> String {
    lang.to_string()
}

#[test]
fn every_screen_at_80x24() {
    for lang in [Lang::JA, Lang::EN] {
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
    for lang in [Lang::JA, Lang::EN] {
        let h = in_progress(ui(lang, false));
        insta::assert_snapshot!(format!("overview_{}_120x40", lang_name(lang)), h.render(120, 40));
        let wide = h.render(200, 60);
        // The levels stay next to the names, however wide the terminal.
        let heading = wide.lines().nth(3).unwrap();
        let target = heading.find(if lang == Lang::JA { "目標" } else { "Target" }).unwrap();
        assert!(keiko_core::text::width(&heading[..target]) < 70, "{wide}");
        // The next statement wraps over spare rows instead of being cut.
        if lang == Lang::EN {
            let narrow = in_progress(ui(lang, true)).render(80, 24);
            assert!(narrow.contains("are dissatisfied\n          with.\n"), "{narrow}");
        }
        insta::assert_snapshot!(format!("overview_{}_200x60", lang_name(lang)), wide);
        let h = in_progress(ui(lang, true));
        insta::assert_snapshot!(format!("overview_ascii_{}_80x24", lang_name(lang)), h.render(80, 24));
        let mut h = in_progress(ui(lang, true));
        h.keys("Enter Up");
        insta::assert_snapshot!(format!("competency_ascii_{}_80x24", lang_name(lang)), h.render(80, 24));
    }
}

/// A learner who has reached every target, SM-5 signed off, a little done above.
fn finished(ui: Ui) -> Harness {
    let mut h = learner_with(ui, Some("OP"), |store| {
        check(store, &["SM-5.1.1", "SM-5.2.1", "SM-5.2.2", "SM-6.1.1", "SM-6.1.2", "SM-7.1.1", "SM-7.1.2"]);
        check(store, &["SM-7.2.1", "SM-8.1.1", "SM-8.1.2", "SM-9.1.1", "SM-6.2.1"]);
        for level in [1, 2] {
            store.apply(&Change::sign_off(&Framework::bundled(), "SM-5", level, ""), &stamp("coach-b"), false).unwrap();
        }
    });
    h.app.update(Msg::Resize(80, 24));
    h
}

#[test]
fn the_finish_on_the_overview() {
    for lang in [Lang::JA, Lang::EN] {
        let h = finished(ui(lang, false));
        insta::assert_snapshot!(format!("finished_{}_80x24", lang_name(lang)), h.render(80, 24));
        insta::assert_snapshot!(format!("finished_{}_120x40", lang_name(lang)), h.render(120, 40));
        let h = finished(ui(lang, true));
        insta::assert_snapshot!(format!("finished_ascii_{}_80x24", lang_name(lang)), h.render(80, 24));
    }
}

#[test]
fn a_terminal_too_small_says_so() {
    let h = in_progress(ui(Lang::JA, false));
    insta::assert_snapshot!("too_small_ja_30x8", h.render(30, 8));
}

/// The keys that reach each screen of the coach's review from the team
/// overview. 青木 花子 (second by name) waits for a review of SM-5 level 1.
const COACH_SCREENS: &[(&str, &str)] = &[
    ("team", ""),
    ("team_help", "?"),
    ("waiting", "w"),
    ("filter", "/ 青"),
    ("learner_overview", "Down Enter"),
    ("learner_competency", "Down Enter Enter"),
    ("learner_history", "Down Enter H"),
    ("signoff_prompt", "Down Enter Enter s"),
    ("team_chart", "t"),
    ("learner_chart", "Down Enter p"),
    ("return_prompt", "Down Enter Enter x"),
    ("comment_editor", "Down Enter Enter c"),
    ("note_viewer", "Down Enter Enter e"),
    ("signoff_confirm", "Enter Enter s"),
    ("matrix", "m"),
    ("matrix_holders", "m Right Enter"),
];

/// Every screen of both apps by name: the learner's (with the first run's
/// welcome) and the coach's review.
fn screen_names() -> Vec<&'static str> {
    let learner = SCREENS.iter().map(|(name, _)| *name);
    let coach = COACH_SCREENS.iter().map(|(name, _)| *name);
    learner.chain(["welcome", "welcome_filled"]).chain(coach).collect()
}

/// One screen of `screen_names`, reached as a user would.
fn screen(lang: Lang, ascii: bool, name: &str) -> App {
    if let Some((_, keys)) = SCREENS.iter().find(|(n, _)| *n == name) {
        let mut h = in_progress(ui(lang, ascii));
        h.keys(keys);
        return h.app;
    }
    if name.starts_with("welcome") {
        let mut h = learner_with(ui(lang, ascii), None, |_| {});
        if name == "welcome_filled" {
            h.keys("オペレーターA Tab Down");
        }
        return h.app;
    }
    let (_, keys) = COACH_SCREENS.iter().find(|(n, _)| *n == name).expect("a screen of that name");
    let dir = common::team_dir();
    let mut app = common::coach(lang, dir.path());
    app.ui = ui(lang, ascii);
    common::type_keys(&mut app, keys);
    app
}

/// Every screen of both apps, for the size and glyph checks.
fn every_screen(lang: Lang, ascii: bool) -> Vec<(String, App)> {
    screen_names().into_iter().map(|name| (name.to_string(), screen(lang, ascii, name))).collect()
}

#[test]
fn every_screen_of_both_apps_at_40x10() {
    for lang in [Lang::JA, Lang::EN] {
        for (name, app) in every_screen(lang, false) {
            insta::assert_snapshot!(format!("{name}_{}_40x10", lang_name(lang)), render(&app, 40, 10));
        }
    }
}

/// Something drawn over the second half of a full-width character would
/// not show: a terminal draws the character over it.
fn assert_no_wide_character_is_overdrawn(buffer: &ratatui::buffer::Buffer, what: &str) {
    let width = usize::from(buffer.area.width);
    for (y, row) in buffer.content.chunks(width.max(1)).enumerate() {
        for (x, pair) in row.windows(2).enumerate() {
            let (symbol, next) = (pair[0].symbol(), pair[1].symbol());
            // Only a character of more than one byte can be wide.
            if symbol.len() > 1 && next != " " && unicode_width::UnicodeWidthStr::width(symbol) > 1 {
                panic!("{what}: {symbol:?} at {x},{y} would be drawn over {next:?}");
            }
        }
    }
}

/// The sizes every screen is drawn at, up to 200x60: every size at most 50
/// columns wide or 12 rows high (where room runs out first), and every third
/// width and height beyond.
fn sizes() -> impl Iterator<Item = (u16, u16)> {
    (1..=200u16)
        .flat_map(|w| (1..=60u16).map(move |h| (w, h)))
        .filter(|&(w, h)| w <= 50 || h <= 12 || (w % 3 == 0 && h % 3 == 0) || w == 200 || h == 60)
}

#[test]
fn no_screen_panics_at_any_size() {
    let names: Vec<(Lang, &str)> =
        [Lang::JA, Lang::EN].into_iter().flat_map(|lang| screen_names().into_iter().map(move |n| (lang, n))).collect();
    // Two threads (the machine is shared), each with one terminal resized to
    // every size: drawing into its frame is what the app does (the diff to a
    // backend is skipped for speed).
    let (first, second) = names.split_at(names.len() / 2);
    std::thread::scope(|scope| {
        for half in [first, second] {
            scope.spawn(move || {
                for (lang, name) in half {
                    let mut app = screen(*lang, false, name);
                    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
                    for (width, height) in sizes() {
                        {
                            app.update(Msg::Resize(width, height));
                            terminal.resize(Rect::new(0, 0, width, height)).unwrap();
                            terminal.current_buffer_mut().reset();
                            let mut frame = terminal.get_frame();
                            let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| app.draw(&mut frame)));
                            assert!(drawn.is_ok(), "{name} ({lang}) panicked at {width}x{height}");
                            let what = format!("{name} ({lang}) at {width}x{height}");
                            assert_no_wide_character_is_overdrawn(terminal.current_buffer_mut(), &what);
                        }
                    }
                }
            });
        }
    });
}

#[test]
fn unicode_mode_draws_no_ambiguous_width_symbol_but_boxes_and_bars() {
    for lang in [Lang::JA, Lang::EN] {
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
    for lang in [Lang::JA, Lang::EN] {
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
    for lang in [Lang::JA, Lang::EN] {
        for (w, h) in [(80, 24), (120, 40)] {
            let size = format!("{w}x{h}");
            let mut app = common::coach(lang, dir.path());
            app.update(Msg::Resize(w, h));
            insta::assert_snapshot!(format!("team_{}_{size}", lang_name(lang)), render(&app, w, h));
            // 青木 花子: her overview, then the level waiting for review.
            common::type_keys(&mut app, "Down Enter");
            insta::assert_snapshot!(format!("learner_overview_{}_{size}", lang_name(lang)), render(&app, w, h));
            common::type_keys(&mut app, "Enter");
            let screen = render(&app, w, h);
            // The coach always sees whose workbook this is.
            assert!(screen.lines().next().unwrap().contains("青木 花子"), "{screen}");
            insta::assert_snapshot!(format!("learner_competency_{}_{size}", lang_name(lang)), screen);
        }
        let mut app = common::coach(lang, dir.path());
        common::type_keys(&mut app, "w");
        insta::assert_snapshot!(format!("waiting_{}_80x24", lang_name(lang)), render(&app, 80, 24));
        let mut app = common::coach(lang, dir.path());
        common::type_keys(&mut app, "Down Enter Enter s");
        insta::assert_snapshot!(format!("signoff_prompt_{}_80x24", lang_name(lang)), render(&app, 80, 24));
    }
}

#[test]
fn the_unread_files_in_both_languages() {
    let dir = common::team_dir();
    common::add_unreadable_files(dir.path());
    // The team's directory is a new one each run: shown as /TEAM.
    let redacted = |text: String| text.replace(&dir.path().display().to_string(), "/TEAM");
    for lang in [Lang::JA, Lang::EN] {
        let mut app = common::coach(lang, dir.path());
        insta::assert_snapshot!(format!("team_unread_{}_80x24", lang_name(lang)), render(&app, 80, 24));
        common::type_keys(&mut app, "p Down");
        insta::assert_snapshot!(format!("problems_{}_80x24", lang_name(lang)), redacted(render(&app, 80, 24)));
        // Small, it still draws (the size checks of every other screen).
        render(&app, 40, 10);
    }
}

#[test]
fn the_skills_matrix_in_both_languages_sizes_and_ascii() {
    let dir = common::team_dir();
    for lang in [Lang::JA, Lang::EN] {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut app = common::coach(lang, dir.path());
            app.update(Msg::Resize(w, h));
            // Level 2 counted, sorted by SM-5.
            common::type_keys(&mut app, "m + Right o");
            insta::assert_snapshot!(format!("matrix_{}_{w}x{h}", lang_name(lang)), render(&app, w, h));
            common::type_keys(&mut app, "- Enter");
            insta::assert_snapshot!(format!("matrix_holders_{}_{w}x{h}", lang_name(lang)), render(&app, w, h));
        }
        let mut app = common::coach(lang, dir.path());
        app.ui = ui(lang, true);
        common::type_keys(&mut app, "m");
        let screen = render(&app, 80, 24);
        assert!(!screen.contains('│') && screen.contains("0/2-"), "{screen}");
        insta::assert_snapshot!(format!("matrix_{}_ascii_80x24", lang_name(lang)), screen);
    }
}

/// A framework of 30 competencies does not fit across 80 columns: the
/// names stay, the competencies scroll sideways with the selected column.
#[test]
fn a_matrix_of_30_competencies_scrolls_sideways() {
    let framework = Framework::parse(&keiko_core::model::framework::synthetic_toml(30, 1), "synthetic").unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (file, name, checks) in [("aoki.toml", "青木 花子", 3), ("baba.toml", "馬場 太郎", 1)] {
        let store = keiko_core::store::Store::new(dir.path().join(file), &framework);
        let me = stamp("t");
        store.apply(&Change::Profile { name: Some(name.into()), role: Some("OP".into()) }, &me, false).unwrap();
        for c in 1..=30 {
            for level in 1..=checks {
                let id = format!("G-{c}.{level}.1");
                store.apply(&Change::Check { id, checked: true }, &me, false).unwrap();
            }
        }
    }
    let team = keiko_core::team::Team::open(&framework, vec![dir.path().to_path_buf()]);
    let mut app = App::empty(ui(Lang::EN, false), framework, "tanaka".into(), true).with_clock(common::fixed_now);
    app.team = Some(keiko::tui::screens::team::TeamView::new(team));
    app.screens.push(keiko::tui::app::Screen::Team(Default::default()));
    app.update(Msg::Resize(80, 24));
    common::type_keys(&mut app, "m");
    let first = render(&app, 80, 24);
    assert!(first.contains("G-1 ") && !first.contains("G-30"), "{first}");
    common::type_keys(&mut app, &"Right ".repeat(30));
    let last = render(&app, 80, 24);
    assert!(last.contains("G-30") && !last.contains("G-1 "), "{last}");
    assert!(last.contains("青木 花子") && last.contains("馬場 太郎"), "the names stay: {last}");
    insta::assert_snapshot!("matrix_30_competencies_en_80x24", last);
}

/// Tera Term's default is black text on white: every screen, both apps,
/// stays readable there. A cell on the terminal's own background (no
/// background colour, not reversed) has no foreground that fades on white.
#[test]
fn every_screen_reads_on_a_white_background() {
    use ratatui::style::Color;
    let fades = [Color::Yellow, Color::LightYellow, Color::Cyan, Color::LightCyan, Color::Gray, Color::White];
    for lang in [Lang::JA, Lang::EN] {
        for (name, app) in every_screen(lang, false) {
            for (w, h) in [(80, 24), (120, 40)] {
                let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                terminal.draw(|frame| app.draw(frame)).unwrap();
                for cell in &terminal.backend().buffer().content {
                    let on_white = cell.bg == Color::Reset && !cell.modifier.contains(Modifier::REVERSED);
                    if on_white && !cell.symbol().trim().is_empty() {
                        assert!(!fades.contains(&cell.fg), "{name} {w}x{h}: {:?} in {:?}", cell.symbol(), cell.fg);
                    }
                }
            }
        }
    }
}

fn drawn(app: &App) -> ratatui::buffer::Buffer {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    terminal.backend().buffer().clone()
}

/// The cells of the progress bars (runs of at least 5 bar glyphs) on the
/// selected row: the one whose `>` marker is drawn in reverse video.
fn selected_bar_cells(buffer: &ratatui::buffer::Buffer, glyphs: [&str; 2]) -> Vec<(u16, u16)> {
    let area = buffer.area;
    let selected = (0..area.height)
        .find(|&y| {
            (0..area.width)
                .any(|x| buffer[(x, y)].symbol() == ">" && buffer[(x, y)].modifier.contains(Modifier::REVERSED))
        })
        .expect("a selected row");
    let mut cells = Vec::new();
    let mut run = Vec::new();
    for x in 0..=area.width {
        if x < area.width && glyphs.contains(&buffer[(x, selected)].symbol()) {
            run.push((x, selected));
        } else {
            if run.len() >= 5 {
                cells.append(&mut run);
            }
            run.clear();
        }
    }
    cells
}

#[test]
fn a_progress_bar_reads_the_same_on_the_selected_row() {
    let dir = common::team_dir();
    let style = |cell: &ratatui::buffer::Cell| (cell.symbol().to_string(), cell.fg, cell.bg, cell.modifier);
    for color in [true, false] {
        for ascii in [false, true] {
            let ui = Ui { color, ..ui(Lang::JA, ascii) };
            let glyphs = [ui.glyphs.bar_full, ui.glyphs.bar_empty];
            // Each row drawn selected and not: the overview with SM-9 (a full bar)
            // and SM-5 (part filled) selected, and a learner of the team.
            let mut pairs = Vec::new();
            for (select, other) in [("End", "Home"), ("Home", "End")] {
                let mut selected = in_progress(ui);
                selected.keys(select);
                let mut not = in_progress(ui);
                not.keys(other);
                pairs.push((format!("overview, {select}"), selected.app, not.app));
            }
            let mut selected = common::coach(Lang::JA, dir.path());
            selected.ui = ui;
            common::type_keys(&mut selected, "Down");
            let mut not = common::coach(Lang::JA, dir.path());
            not.ui = ui;
            pairs.push(("team".to_string(), selected, not));
            for (name, selected, not) in pairs {
                let what = format!("{name}, colour {color}, ascii {ascii}");
                let (selected, not) = (drawn(&selected), drawn(&not));
                let bar = selected_bar_cells(&selected, glyphs);
                assert!(!bar.is_empty(), "{what}: the selected row has a bar");
                for at in bar {
                    assert_eq!(style(&selected[at]), style(&not[at]), "{what}: the bar cell at {at:?}");
                }
            }
        }
    }
}

/// The screen `name` of `every_screen`, drawn at `w`x`h`.
fn screen_at(lang: Lang, name: &str, keys: &str, w: u16, h: u16) -> String {
    let mut app = screen(lang, false, name);
    app.update(Msg::Resize(w, h));
    common::type_keys(&mut app, keys);
    render(&app, w, h)
}

#[test]
fn every_screen_is_usable_at_the_smallest_size() {
    for lang in [Lang::JA, Lang::EN] {
        let at = |name: &str, keys: &str| screen_at(lang, name, keys, 40, 10);
        // The first run: the name field and every role to choose from.
        let welcome = at("welcome", "");
        let label = if lang == Lang::JA { "表示名:" } else { "Display name:" };
        assert!(welcome.contains(label), "{welcome}");
        for role in ["> OP ", "  SV ", "  OMP ", "  CAP "] {
            assert!(welcome.contains(role), "{role:?}: {welcome}");
        }
        assert!(welcome.contains("Enter"), "the confirm key is on the hint bar: {welcome}");
        assert!(at("welcome", "Tab End").contains("> CAP "), "the selection moves");
        // The overview: the progress bar and each row's marks.
        let overview = at("overview", "");
        assert!(overview.lines().nth(1).unwrap().contains('█'), "{overview}");
        assert!(overview.contains("✎⚑⚐"), "{overview}");
        // The note editor: room for the text.
        let editor = at("editor", "");
        assert!(editor.contains("The SV agreed."), "{editor}");
        // Search: more than one result.
        let search = at("search", "");
        assert!(search.contains("SM-5.1.1") && search.contains("SM-5.2.1"), "{search}");
        // History: what changed, not only when and who.
        let history = at("history", "");
        let verb = if lang == Lang::JA { "コメント SM" } else { "comment SM" };
        assert!(history.contains(verb), "{history}");
        // The team: learners by name, more than one.
        let team = at("team", "");
        assert!(team.contains("Chen Wei") && team.contains("青木 花子"), "{team}");
        assert!(at("team", "End").contains("> 馬場 太郎"), "the list scrolls");
        // The levels waiting for review: who and which level.
        let waiting = at("waiting", "");
        assert!(waiting.contains("青木 花子") && waiting.contains("SM-5"), "{waiting}");
    }
}

#[test]
fn a_long_competency_name_gives_way_to_the_target_level() {
    // SM-9's name is the longest; its target for an operator is level 1.
    for (lang, target) in [(Lang::JA, "目標 レベル1 (OP)"), (Lang::EN, "Target Level 1 (OP)")] {
        for width in [40, 60, 80, 100] {
            let screen = screen_at(lang, "overview", "End Enter", width, 24);
            let header = screen.lines().next().unwrap();
            assert!(header.starts_with(" SM-9 ") && header.ends_with(target), "{width}: {header:?}");
        }
    }
}

#[test]
fn screens_use_only_the_16_named_colours() {
    use ratatui::style::Color;
    for lang in [Lang::JA, Lang::EN] {
        for (name, app) in every_screen(lang, false) {
            let buffer = drawn(&app);
            for cell in &buffer.content {
                for colour in [cell.fg, cell.bg] {
                    assert!(!matches!(colour, Color::Indexed(_) | Color::Rgb(..)), "{name}: {colour:?}");
                }
            }
        }
    }
}

const WEEK: i64 = 7 * 86_400;

/// When something was done: `weeks` weeks before the tests' clock.
fn weeks_ago(by: &str, weeks: i64) -> keiko_core::model::workbook::Stamp {
    let now = keiko_core::clock::unix_seconds(&common::fixed_now()).unwrap();
    keiko_core::model::workbook::Stamp::new(by, keiko_core::clock::time_from_unix(now - weeks * WEEK))
}

/// The statements an OP checks to reach every target.
const OP_TARGETS: [&str; 11] = [
    "SM-5.1.1", "SM-5.2.1", "SM-5.2.2", "SM-6.1.1", "SM-6.1.2", "SM-7.1.1", "SM-7.1.2", "SM-7.2.1", "SM-8.1.1",
    "SM-8.1.2", "SM-9.1.1",
];

/// A check (or an uncheck) some weeks ago.
type Step = (i64, &'static str, bool);

/// Checks and unchecks spread over the last weeks.
fn over_weeks(store: &dyn keiko_core::store::Storage, by: &str, steps: &[Step]) {
    for &(weeks, id, checked) in steps {
        store.apply(&Change::Check { id: id.into(), checked }, &weeks_ago(by, weeks), false).unwrap();
    }
}

const LEARNER_STEPS: [Step; 9] = [
    (9, "SM-5.1.1", true),
    (8, "SM-5.2.1", true),
    (8, "SM-6.1.1", true),
    (6, "SM-6.1.2", true),
    (5, "SM-5.2.1", false),
    (4, "SM-5.2.1", true),
    (4, "SM-7.1.1", true),
    (2, "SM-7.1.2", true),
    (0, "SM-9.1.1", true),
];

fn charted(ui: Ui) -> Harness {
    let mut h = learner_with(ui, Some("OP"), |store| over_weeks(store, "op-a", &LEARNER_STEPS));
    h.keys("p");
    h
}

#[test]
fn the_progress_chart_week_by_week() {
    for lang in [Lang::JA, Lang::EN] {
        let l = lang_name(lang);
        let h = charted(ui(lang, false));
        let screen = h.render(80, 24);
        // The target line is labelled, and the newest week ends at the current progress.
        assert!(screen.contains(if lang == Lang::JA { "目標 11" } else { "target 11" }), "{screen}");
        assert!(screen.contains("7/11"), "{screen}");
        insta::assert_snapshot!(format!("chart_learner_{l}_80x24"), screen);
        insta::assert_snapshot!(format!("chart_learner_{l}_120x40"), h.render(120, 40));
        let ascii = charted(ui(lang, true)).render(80, 24);
        let drawn: String = ascii
            .chars()
            .filter(|c| !('\u{3000}'..='\u{9fff}').contains(c) && !('\u{ff00}'..='\u{ffef}').contains(c))
            .collect();
        assert!(drawn.is_ascii(), "--ascii draws only ASCII besides Japanese words: {ascii}");
        insta::assert_snapshot!(format!("chart_learner_ascii_{l}_80x24"), ascii);
        let mut empty = learner_with(ui(lang, false), Some("OP"), |_| {});
        empty.keys("p");
        let screen = empty.render(80, 24);
        assert!(screen.contains(if lang == Lang::JA { "まだ記録がありません" } else { "Nothing yet" }), "{screen}");
        insta::assert_snapshot!(format!("chart_nothing_yet_{l}_80x24"), screen);
    }
}

/// A team whose learners worked over the last weeks: Aoki reached every
/// target three weeks ago, Baba this week, Chen not yet.
fn team_over_weeks() -> tempfile::TempDir {
    keiko_core::clock::display_in_utc();
    let dir = tempfile::tempdir().unwrap();
    let framework = Framework::bundled();
    let spread = |ids: &[&'static str], from: i64| -> Vec<Step> {
        ids.iter().enumerate().map(|(i, id)| ((from - i as i64).max(0), *id, true)).collect()
    };
    let learners: [(&str, &str, Vec<Step>); 3] = [
        ("aoki", "青木 花子", spread(&OP_TARGETS, 13)),
        ("baba", "馬場 太郎", spread(&OP_TARGETS, 10)),
        ("chen", "Chen Wei", spread(&OP_TARGETS[..4], 5)),
    ];
    for (login, name, steps) in learners {
        let store = Store::new(dir.path().join(format!("{login}.toml")), &framework);
        let profile = Change::Profile { name: Some(name.into()), role: Some("OP".into()) };
        store.apply(&profile, &weeks_ago(login, 14), false).unwrap();
        over_weeks(&store, login, &steps);
    }
    dir
}

#[test]
fn the_team_chart_and_the_activity_column() {
    let dir = team_over_weeks();
    for lang in [Lang::JA, Lang::EN] {
        let l = lang_name(lang);
        for (w, h) in [(80, 24), (120, 40)] {
            let mut app = common::coach(lang, dir.path());
            app.update(Msg::Resize(w, h));
            let table = render(&app, w, h);
            // The column of weeks shows only where there is room for it.
            let heading = if lang == Lang::JA { "12週" } else { "12 wks" };
            assert_eq!(table.contains(heading), w >= 100, "{table}");
            insta::assert_snapshot!(format!("team_activity_{l}_{w}x{h}"), table);
            common::type_keys(&mut app, "t");
            let chart = render(&app, w, h);
            assert!(chart.contains(if lang == Lang::JA { "目標 3" } else { "target 3" }), "{chart}");
            assert!(chart.contains("2/3"), "{chart}");
            insta::assert_snapshot!(format!("chart_team_{l}_{w}x{h}"), chart);
        }
        let mut app = common::coach(lang, dir.path());
        app.ui = ui(lang, true);
        app.update(Msg::Resize(120, 40));
        let table = render(&app, 120, 40);
        insta::assert_snapshot!(format!("team_activity_ascii_{l}_120x40"), table);
        common::type_keys(&mut app, "t");
        insta::assert_snapshot!(format!("chart_team_ascii_{l}_120x40"), render(&app, 120, 40));
    }
}
