//! The app driven by keys, as a learner uses it: assertions on what is on
//! screen and, above all, on what is on disk.

mod common;

use common::{check, fixed_now, learner, learner_with, ui};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use keiko::i18n::Lang;
use keiko::tui::app::{App, Effect, Msg, Screen};
use keiko::tui::keymap::ScreenKind;
use keiko::tui::screens::text_box::Caret;
use keiko_core::model::workbook::Change;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

#[test]
fn first_run_asks_for_a_name_and_a_role() {
    let mut h = learner(Lang::JA, None);
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Welcome));
    h.keys("田中 Tab Down Enter");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Overview));
    let wb = h.on_disk();
    assert_eq!(wb.profile.name, "田中");
    assert_eq!(wb.profile.role.as_deref(), Some("SV"));
}

#[test]
fn an_empty_name_becomes_the_login_name() {
    let mut h = learner(Lang::EN, None);
    h.keys("Enter Enter");
    assert_eq!(h.on_disk().profile.name, "op-a");
    assert_eq!(h.on_disk().profile.role.as_deref(), Some("OP"));
}

#[test]
fn check_a_statement_and_write_a_note_then_undo_it() {
    let mut h = learner(Lang::JA, Some("OP"));
    h.keys("Enter Space");
    assert!(h.on_disk().is_checked("SM-5.1.1"));
    // The level is complete: the status line says so and offers the next level.
    assert!(h.app.status.as_ref().unwrap().text.contains("Tab で次のレベルへ"));
    h.keys("e 顧客の声を記録した Esc");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Competency));
    assert_eq!(h.on_disk().note("SM-5.1.1"), "顧客の声を記録した");
    h.keys("u");
    assert_eq!(h.on_disk().note("SM-5.1.1"), "");
    assert!(h.on_disk().is_checked("SM-5.1.1"), "undo takes back only the last change");
    let last = h.on_disk().history.last().unwrap().clone();
    assert_eq!((last.what, last.undo), (keiko_core::model::workbook::Verb::Note, true));
    h.keys("u");
    assert!(!h.on_disk().is_checked("SM-5.1.1"));
    h.keys("u");
    assert_eq!(h.app.status.as_ref().unwrap().text, "元に戻す変更はありません。");
}

#[test]
fn opening_a_competency_lands_on_the_first_unachieved_level_and_unchecked_statement() {
    let mut h = learner_with(ui(Lang::EN, false), Some("SV"), |store| {
        check(store, &["SM-6.1.1", "SM-6.1.2", "SM-6.2.1"]);
    });
    h.keys("Down Enter");
    let Some(Screen::Competency(c)) = h.app.screens.last() else { panic!("not on the competency screen") };
    assert_eq!((c.competency, c.level, c.selected), (1, 1, 1), "SM-6, level 2, its second statement");
}

#[test]
fn reaching_the_target_is_announced() {
    let mut h = learner_with(ui(Lang::EN, false), Some("OP"), |store| check(store, &["SM-5.1.1", "SM-5.2.1"]));
    h.keys("Enter");
    h.keys("Space");
    assert_eq!(h.app.status.as_ref().unwrap().text, "You reached your target, Level 2. Well done!");
}

#[test]
fn checking_keeps_the_selection_so_the_note_goes_to_the_ticked_statement() {
    let mut h = learner(Lang::EN, Some("OP"));
    h.keys("Down Down Enter Space e evidence Esc");
    assert!(h.on_disk().is_checked("SM-7.1.1"));
    assert_eq!(h.on_disk().note("SM-7.1.1"), "evidence");
    // A mis-tick is taken back with a second Space on the same statement.
    h.keys("Space");
    assert!(!h.on_disk().is_checked("SM-7.1.1"));
    assert!(!h.on_disk().is_checked("SM-7.1.2"));
}

#[test]
fn unchecking_a_signed_off_statement_warns_that_the_sign_off_goes_stale() {
    let mut h = learner_with(ui(Lang::EN, false), Some("OP"), |store| {
        check(store, &["SM-5.1.1"]);
        let signoff = Change::sign_off(&keiko_core::model::framework::Framework::bundled(), "SM-5", 1, "");
        store.apply(&signoff, &common::stamp("coach-b"), false).unwrap();
    });
    h.keys("Enter BackTab Space");
    assert!(h.app.status.as_ref().unwrap().text.contains("signed off"), "{:?}", h.app.status);
    assert!(h.on_disk().level_state("SM-5", 1).unwrap().signoff.is_some(), "the sign-off itself stays");
}

#[test]
fn levels_are_walked_with_tab_and_shift_tab() {
    let mut h = learner(Lang::EN, Some("OP"));
    h.keys("Enter Tab Tab");
    let level = |h: &common::Harness| match h.app.screens.last() {
        Some(Screen::Competency(c)) => c.level,
        _ => usize::MAX,
    };
    assert_eq!(level(&h), 2);
    h.keys("Tab Tab");
    assert_eq!(level(&h), 3, "stops at the last level");
    h.keys("BackTab Left h");
    assert_eq!(level(&h), 0);
    h.keys("l Right");
    assert_eq!(level(&h), 2);
    h.keys("Esc");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Overview));
}

#[test]
fn g_goes_to_the_next_statement_to_practise() {
    let mut h = learner_with(ui(Lang::EN, false), Some("OP"), |store| {
        check(store, &["SM-5.1.1", "SM-5.2.1", "SM-5.2.2", "SM-6.1.1"]);
    });
    h.keys("g");
    let Some(Screen::Competency(c)) = h.app.screens.last() else { panic!("g did not open a competency") };
    assert_eq!((c.competency, c.level, c.selected), (1, 0, 1), "SM-6.1.2");
    assert_eq!(h.app.screens.len(), 2, "g replaces rather than stacks screens");
    h.keys("g");
    assert_eq!(h.app.screens.len(), 2);
}

#[test]
fn g_says_so_when_everything_up_to_the_target_is_done() {
    let all = ["SM-5.1.1", "SM-5.2.1", "SM-5.2.2", "SM-6.1.1", "SM-6.1.2", "SM-7.1.1", "SM-7.1.2", "SM-7.2.1"];
    let mut h = learner_with(ui(Lang::EN, false), Some("OP"), |store| {
        check(store, &all);
        check(store, &["SM-8.1.1", "SM-8.1.2", "SM-9.1.1"]);
    });
    h.keys("g");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Overview));
    assert_eq!(
        h.app.status.as_ref().unwrap().text,
        "Everything up to your targets is checked. The home screen says what could come next."
    );
    // The home screen marks the moment and suggests a review of the levels not signed off.
    let screen = h.render(80, 24);
    assert!(screen.contains("11/11  100% ✓"), "{screen}");
    assert!(screen.contains("✓ Every target reached!"), "{screen}");
    assert!(screen.contains("Next: ask a coach to review the 7 levels not signed off yet (v)."), "{screen}");
}

#[test]
fn the_last_check_to_the_targets_marks_the_moment_on_the_home_screen() {
    let mut h = learner_with(ui(Lang::JA, false), Some("OP"), |store| {
        check(store, &["SM-5.1.1", "SM-5.2.1", "SM-5.2.2", "SM-6.1.1", "SM-6.1.2", "SM-7.1.1", "SM-7.1.2"]);
        check(store, &["SM-7.2.1", "SM-8.1.1", "SM-8.1.2"]);
        for level in [1, 2] {
            let f = keiko_core::model::framework::Framework::bundled();
            store.apply(&Change::sign_off(&f, "SM-5", level, ""), &common::stamp("coach"), false).unwrap();
        }
    });
    assert!(!h.render(80, 24).contains("すべての目標に到達しました"), "not yet: SM-9 is open");
    h.keys("g Space Esc");
    let screen = h.render(80, 24);
    assert!(screen.contains("すべての目標に到達しました！"), "{screen}");
    assert!(screen.contains("まだ承認されていないレベル 5 件のレビューを依頼しましょう"), "{screen}");
}

#[test]
fn a_full_level_above_an_unfinished_one_says_the_level_below_comes_first() {
    let mut h = learner_with(ui(Lang::EN, false), Some("OP"), |store| check(store, &["SM-5.2.1", "SM-5.2.2"]));
    let screen = h.render(80, 24);
    assert!(screen.contains("Level 2 ██████████  2/2") && screen.contains("(the level below comes first)"), "{screen}");
    h.keys("Enter Tab");
    let screen = h.render(80, 24);
    assert!(screen.contains("2/2  (the level below comes first)"), "{screen}");
    // Once level 1 is done, the tick shows and the words go.
    h.keys("BackTab Space");
    assert!(!h.render(80, 24).contains("comes first"));
}

#[test]
fn search_filters_by_japanese_or_english_and_jumps() {
    let mut h = learner(Lang::JA, Some("OP"));
    h.keys("/ 分析");
    let Some(Screen::Search(s)) = h.app.screens.last() else { panic!("search did not open") };
    assert_eq!(s.results.len(), 3);
    h.keys("Backspace Backspace");
    h.keys("harassment Space rules");
    let Some(Screen::Search(s)) = h.app.screens.last() else { panic!() };
    let ids: Vec<&str> = s.results.iter().map(|&at| h.app.framework.statement(at).id.as_str()).collect();
    assert_eq!(ids, ["SM-7.1.2", "SM-7.2.1", "SM-7.3.2", "SM-7.4.1"]);
    h.keys("Down Enter");
    let Some(Screen::Competency(c)) = h.app.screens.last() else { panic!("Enter did not jump") };
    assert_eq!((c.competency, c.level, c.selected), (2, 1, 0));
    h.keys("Space");
    assert!(h.on_disk().is_checked("SM-7.2.1"));
}

#[test]
fn q_is_text_in_the_editor_and_quits_elsewhere() {
    let mut h = learner(Lang::EN, Some("OP"));
    h.keys("Enter e");
    assert_eq!(h.keys("q"), Effect::Draw);
    h.keys("Esc");
    assert_eq!(h.on_disk().note("SM-5.1.1"), "q");
    assert_eq!(h.keys("q"), Effect::Quit);
}

#[test]
fn ctrl_c_in_the_editor_saves_the_note_and_quits() {
    let mut h = learner(Lang::EN, Some("OP"));
    h.keys("Enter e unsaved Space words");
    assert_eq!(h.keys("C-c"), Effect::Quit);
    assert_eq!(h.on_disk().note("SM-5.1.1"), "unsaved words");
}

#[test]
fn a_multi_line_paste_goes_into_the_note() {
    let mut h = learner(Lang::JA, Some("OP"));
    h.keys("Enter e");
    h.app.update(Msg::Paste("一行目\r\n二行目\r三行目".into()));
    h.keys("Esc");
    assert_eq!(h.on_disk().note("SM-5.1.1"), "一行目\n二行目\n三行目");
}

#[test]
fn the_reflection_is_written_from_the_competency_screen() {
    let mut h = learner(Lang::EN, Some("OP"));
    h.keys("Enter R Spot Space churn Space early. Esc");
    assert_eq!(h.on_disk().reflection("SM-5"), "Spot churn early.");
}

#[test]
fn r_changes_the_role_and_progress_follows() {
    let mut h = learner(Lang::EN, Some("OP"));
    h.keys("r Down Enter");
    assert_eq!(h.on_disk().profile.role.as_deref(), Some("SV"));
    assert!(h.render(80, 24).contains("0/21"), "{}", h.render(80, 24));
    h.keys("u");
    assert_eq!(h.on_disk().profile.role.as_deref(), Some("OP"));
}

#[test]
fn a_review_request_is_made_and_withdrawn_with_v() {
    let mut h = learner(Lang::EN, Some("OP"));
    h.keys("Enter Space v");
    assert!(h.on_disk().level_state("SM-5", 1).unwrap().review_requested.is_some());
    h.keys("v");
    assert!(h.on_disk().level_state("SM-5", 1).is_none_or(|l| l.review_requested.is_none()));
}

#[test]
fn asking_for_review_of_a_level_with_unchecked_statements_asks_first() {
    let mut h = learner(Lang::EN, Some("OP"));
    h.keys("Enter Tab v");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Confirm));
    let screen = h.render(120, 24);
    assert!(screen.contains("Level 2 still has 2 unchecked statements: SM-5.2.1, SM-5.2.2."), "{screen}");
    assert!(screen.contains("y confirm  n cancel"), "{screen}");
    // n, or Esc, asks nothing.
    h.keys("n");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Competency));
    h.keys("v Esc");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Competency));
    assert!(h.on_disk().level_state("SM-5", 2).is_none());
    // y, or Enter, asks.
    h.keys("v y");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Competency));
    assert!(h.on_disk().level_state("SM-5", 2).unwrap().review_requested.is_some());
    h.keys("v");
    h.keys("v Enter");
    assert!(h.on_disk().level_state("SM-5", 2).unwrap().review_requested.is_some());
    // Withdrawing never asks.
    h.keys("v");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Competency));
    assert!(h.on_disk().level_state("SM-5", 2).is_none_or(|l| l.review_requested.is_none()));
}

#[test]
fn a_coach_signing_off_a_level_with_nothing_checked_and_no_request_is_asked_first() {
    let dir = common::team_dir();
    let mut app = common::coach(Lang::JA, dir.path());
    // Chen Wei has checked nothing and asked for nothing.
    common::type_keys(&mut app, "Enter Enter s");
    assert_eq!(app.top_kind(), Some(ScreenKind::Confirm));
    let screen = common::render(&app, 80, 24);
    assert!(screen.contains("チェック済みの行動がなく、レビュー依頼もありません"), "{screen}");
    assert!(screen.contains("SM-5.1.1)。それでも承認しますか？"), "{screen}");
    common::type_keys(&mut app, "n");
    assert_eq!(app.top_kind(), Some(ScreenKind::Competency));
    common::type_keys(&mut app, "s y");
    assert_eq!(app.top_kind(), Some(ScreenKind::Prompt), "yes goes on to the comment");
    common::type_keys(&mut app, "Enter");
    assert_eq!(app.top_kind(), Some(ScreenKind::Competency));
    let chen = keiko_core::store::Store::new(
        dir.path().join("chen.toml"),
        &keiko_core::model::framework::Framework::bundled(),
    );
    let wb = keiko_core::store::Storage::read(&chen).unwrap().unwrap();
    assert!(wb.level_state("SM-5", 1).unwrap().signoff.is_some());
}

#[test]
fn a_coach_signing_off_a_requested_level_is_not_asked() {
    let dir = common::team_dir();
    let mut app = common::coach(Lang::EN, dir.path());
    // Aoki asked for review of SM-5 level 1.
    common::type_keys(&mut app, "Down Enter Enter s");
    assert_eq!(app.top_kind(), Some(ScreenKind::Prompt));
}

#[test]
fn every_unreadable_file_is_a_key_away_from_the_team_screen() {
    let dir = common::team_dir();
    common::add_unreadable_files(dir.path());
    for (lang, more, reason) in [
        (Lang::JA, "続きあり (p ですべて表示)", "keiko のワークブックではありません (schema がありません)"),
        (Lang::EN, "more (p shows all)", "not a keiko workbook (no schema)"),
    ] {
        let mut app = common::coach(lang, dir.path());
        let team = common::render(&app, 80, 24);
        assert!(team.contains(more), "{team}");
        assert!(!team.contains("zz-last.toml"), "the last file is not in the box: {team}");
        common::type_keys(&mut app, "p");
        assert_eq!(app.top_kind(), Some(ScreenKind::Problems));
        let list = common::render(&app, 80, 24);
        // Full paths, each with its reason, the last one too.
        let last = dir.path().join("zz-last.toml");
        assert!(list.contains(&format!("> {}", dir.path().join("broken.toml").display())), "{list}");
        assert!(list.contains(&last.display().to_string()), "{list}");
        assert!(list.contains(reason), "{list}");
        if lang == Lang::JA {
            // Each reason (the lines under its path) is in Japanese.
            let inner: Vec<&str> = list.lines().filter_map(|l| l.strip_prefix("│")?.strip_suffix("│")).collect();
            let mut reasons: Vec<String> = Vec::new();
            for line in inner {
                match line.strip_prefix("    ") {
                    Some(reason) if !reason.trim().is_empty() => reasons.last_mut().unwrap().push_str(reason),
                    _ if line.contains(".toml") => reasons.push(String::new()),
                    _ => {}
                }
            }
            assert_eq!(reasons.len(), 6, "{list}");
            for reason in reasons {
                assert!(!reason.is_ascii(), "an English reason: {reason}");
            }
        }
        // A short screen scrolls to it.
        app.update(keiko::tui::app::Msg::Resize(80, 12));
        assert!(!common::render(&app, 80, 12).contains("zz-last.toml"));
        common::type_keys(&mut app, "End");
        assert!(common::render(&app, 80, 12).contains(&format!("> {}", last.display())));
        common::type_keys(&mut app, "Esc");
        assert_eq!(app.top_kind(), Some(ScreenKind::Team));
    }
}

#[test]
fn history_lists_changes_newest_first() {
    let mut h = learner(Lang::EN, Some("OP"));
    h.keys("Enter Space e x Esc H");
    let screen = h.render(80, 24);
    let note = screen.find("note SM-5.1.1").expect("the note is listed");
    let check = screen.find("checked SM-5.1.1").expect("the check is listed");
    assert!(note < check, "{screen}");
}

#[test]
fn changes_on_disk_appear_without_losing_what_is_being_typed() {
    let mut h = learner(Lang::EN, Some("OP"));
    h.keys("Enter e half-written");
    // A coach signs off and comments from another process.
    let coach = h.store();
    coach
        .apply(
            &Change::Comment { competency: "SM-5".into(), text: "Good start".into() },
            &common::stamp("coach-b"),
            false,
        )
        .unwrap();
    h.app.update(Msg::FileChanged);
    assert_eq!(h.app.workbook().unwrap().comments("SM-5").len(), 1);
    h.keys("Esc");
    let wb = h.on_disk();
    assert_eq!(wb.note("SM-5.1.1"), "half-written");
    assert_eq!(wb.comments("SM-5")[0].text, "Good start");
    assert!(h.render(80, 24).contains("Coach coach-b"), "{}", h.render(80, 24));
}

#[test]
fn a_failed_save_keeps_the_editor_open_with_the_text() {
    let mut h = common::learner_on_disk(common::ui(Lang::EN, false), Some("OP"), |_| {});
    h.keys("Enter e precious");
    // The workbook becomes unreadable behind keiko's back.
    std::fs::write(h.path(), "schema = 1\n[broken\n").unwrap();
    h.keys("Esc");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Editor));
    let status = h.app.status.clone().unwrap().text;
    assert!(status.contains("keiko has not changed this file"), "{status}");
    assert_eq!(std::fs::read_to_string(h.path()).unwrap(), "schema = 1\n[broken\n");
}

#[test]
fn the_history_clock_is_the_apps() {
    let mut h = learner(Lang::EN, Some("OP"));
    h.keys("Enter Space");
    assert_eq!(h.on_disk().statements["SM-5.1.1"].checked_at, Some(fixed_now()));
}

#[test]
fn a_mouse_click_selects_and_a_second_click_opens() {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut h = learner(Lang::EN, Some("OP"));
    let click = |row| {
        Msg::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 10,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Rows: header, progress, border, column titles, then SM-5 at row 4.
    h.app.update(click(6));
    let Some(Screen::Overview(o)) = h.app.screens.last() else { panic!() };
    assert_eq!(o.selected, 2);
    h.app.update(click(6));
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Competency));
    h.app.update(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 0,
        row: 0,
        modifiers: KeyModifiers::NONE,
    }));
    let Some(Screen::Competency(c)) = h.app.screens.last() else { panic!() };
    assert_eq!(c.selected, 1);
}

/// The app drawn at `w`x`h`: the screen and the terminal's cursor, if shown.
fn drawn(app: &mut App, w: u16, h: u16) -> (Buffer, Option<Position>) {
    app.update(Msg::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    let backend = terminal.backend();
    (backend.buffer().clone(), backend.cursor_visible().then(|| backend.cursor_position()))
}

/// The screen as text, one line per row.
fn screen_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| (0..area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>().trim_end().to_string() + "\n")
        .collect()
}

/// Inside the note editor's box.
fn editor_box(buffer: &Buffer) -> Rect {
    let area = buffer.area;
    let rows: Vec<u16> = (0..area.height).collect();
    let top = rows.iter().find(|&&y| buffer[(0, y)].symbol() == "┌").expect("the editor's box");
    let bottom = rows.iter().find(|&&y| buffer[(0, y)].symbol() == "└").expect("the editor's box");
    Rect { x: 1, y: top + 1, width: area.width - 2, height: bottom - top - 1 }
}

/// Where the caret must be drawn, read off the screen alone: the text's
/// graphemes are found in reading order (a line starts a new row), and the
/// caret is on the grapheme after it, or just after its line's last one.
/// None when the text might not fit in the box: then the editor may have
/// scrolled, and reading order from the top no longer says where a line is.
fn caret_cell(buffer: &Buffer, inner: Rect, text: &str, caret: Caret) -> Option<Position> {
    use unicode_segmentation::UnicodeSegmentation;
    // Wrapping at spaces leaves a row at least half full on average, so a
    // line of width w takes at most 1 + 2w/W rows, plus one for a caret
    // after a full row.
    let columns = usize::from(inner.width);
    let most_rows: usize =
        text.split('\n').map(|line| 1 + 2 * unicode_width::UnicodeWidthStr::width(line).div_ceil(columns)).sum();
    if most_rows + 1 > usize::from(inner.height) {
        return None;
    }
    let cells: Vec<Position> = inner.positions().filter(|&p| buffer[p].symbol() != " ").collect();
    let mut next = cells.iter().peekable();
    let mut row = inner.y;
    let mut expected = None;
    for (l, line) in text.split('\n').enumerate() {
        let mut last: Option<(Position, usize)> = None;
        for (at, g) in line.grapheme_indices(true) {
            let &cell = next.next()?;
            assert!(cell.y >= row, "{g:?} is drawn above its line's row");
            if last.is_none() {
                assert_eq!((cell.x, cell.y), (inner.x, row), "the line {line:?} starts a row");
            }
            assert_eq!(buffer[cell].symbol(), g, "the text is drawn in order");
            if (l, at) == (caret.line, caret.at) {
                expected = Some(cell);
            }
            last = Some((cell, unicode_width::UnicodeWidthStr::width(g)));
        }
        if (l, line.len()) == (caret.line, caret.at) {
            expected = Some(match last {
                Some((cell, w)) => Position::new(cell.x + w as u16, cell.y),
                None => Position::new(inner.x, row),
            });
        }
        row = last.map_or(row, |(cell, _)| cell.y) + 1;
        // `bottom` is the first row below the box: a line starting there is scrolled, not drawn here.
        if row >= inner.bottom() {
            return None;
        }
    }
    expected
}

/// The open editor's text and caret.
fn editor_state(app: &App) -> (String, Caret) {
    let Some(Screen::Editor(editor)) = app.screens.last() else { panic!("the editor is not open") };
    (editor.text(), editor.caret())
}

/// Asserts the terminal's cursor is exactly at the caret, as read off the screen.
fn assert_cursor_at_caret(app: &mut App, w: u16, h: u16, what: &str) {
    let (buffer, cursor) = drawn(app, w, h);
    let inner = editor_box(&buffer);
    let cursor = cursor.unwrap_or_else(|| panic!("{what}: no cursor at {w}x{h}"));
    assert!(inner.contains(cursor), "{what}: the cursor {cursor:?} is outside the box {inner:?} at {w}x{h}");
    let (text, caret) = editor_state(app);
    if text.is_empty() {
        assert_eq!(cursor, inner.as_position(), "{what}: an empty note");
        return;
    }
    if let Some(expected) = caret_cell(&buffer, inner, &text, caret) {
        assert_eq!(cursor, expected, "{what}: {text:?} with the caret at {caret:?}, at {w}x{h}");
    }
}

#[test]
fn the_cursor_is_at_the_caret_when_a_line_fills_the_editor() {
    // At 80x24 the box is 78 columns inside: 78 half-width or 39 full-width characters.
    for (fill, name) in [("a".repeat(78), "78 x a"), ("漢".repeat(39), "39 x 漢")] {
        let mut h = learner(Lang::JA, Some("OP"));
        h.keys("Enter e");
        h.keys(&fill);
        assert_cursor_at_caret(&mut h.app, 80, 24, name);
        h.keys("Home");
        assert_cursor_at_caret(&mut h.app, 80, 24, &format!("{name}, Home"));
        h.keys("End");
        assert_cursor_at_caret(&mut h.app, 80, 24, &format!("{name}, Home, End"));
        let (buffer, cursor) = drawn(&mut h.app, 80, 24);
        let cursor = cursor.unwrap();
        let last = fill.chars().last().unwrap().to_string();
        let left = Position::new(cursor.x - unicode_width::UnicodeWidthStr::width(last.as_str()) as u16, cursor.y);
        assert_eq!(buffer[left].symbol(), last, "{name}: the last character is just left of the cursor");
        assert_eq!(buffer[cursor].symbol(), " ", "{name}: the cursor is after the text");
        h.keys("Backspace");
        assert_cursor_at_caret(&mut h.app, 80, 24, &format!("{name}, Backspace"));
        h.keys("x");
        assert_cursor_at_caret(&mut h.app, 80, 24, &format!("{name}, Backspace, x"));
    }
}

#[test]
fn the_cursor_follows_the_caret_through_a_long_note() {
    let mut h = learner(Lang::EN, Some("OP"));
    h.keys("Enter e");
    let text: Vec<String> = (1..=60).map(|i| format!("line {i:02} of a note too long for one screen")).collect();
    h.app.update(Msg::Paste(text.join("\n")));
    let row_text = |buffer: &Buffer, y: u16| -> String {
        (1..buffer.area.width - 1).map(|x| buffer[(x, y)].symbol()).collect::<String>().trim_end().to_string()
    };
    let end = text[0].len();
    for (keys, line, column) in
        [("", 60, end), ("Up Up Up", 57, end), ("Home", 57, 0), ("C-Home", 1, 0), ("Down Right Right", 2, 2)]
    {
        let mut keys = keys.to_string();
        if keys == "C-Home" {
            h.app.update(Msg::Key(KeyEvent::new(KeyCode::Home, KeyModifiers::CONTROL)));
            keys.clear();
        }
        h.keys(&keys);
        let (buffer, cursor) = drawn(&mut h.app, 80, 24);
        let cursor = cursor.expect("a cursor");
        assert_eq!(row_text(&buffer, cursor.y), text[line - 1], "after {keys:?}");
        assert_eq!(usize::from(cursor.x), 1 + column, "after {keys:?}");
    }
}

#[test]
fn a_coachs_note_viewer_shows_no_cursor_and_scrolls() {
    let dir = common::team_dir();
    let note = (1..=40).map(|i| format!("evidence line {i}")).collect::<Vec<_>>().join("\n");
    let store = keiko_core::store::Store::new(
        dir.path().join("aoki.toml"),
        &keiko_core::model::framework::Framework::bundled(),
    );
    store.apply(&Change::Note { id: "SM-5.1.1".into(), text: note }, &common::stamp("aoki"), false).unwrap();
    let mut app = common::coach(Lang::EN, dir.path());
    common::type_keys(&mut app, "Down Enter Enter e");
    assert_eq!(app.top_kind(), Some(ScreenKind::Viewer));
    let (buffer, cursor) = drawn(&mut app, 80, 24);
    assert_eq!(cursor, None, "reading only: no cursor to type at");
    let screen = screen_text(&buffer);
    assert!(screen.contains("evidence line 1\n") || screen.contains("evidence line 1 "), "{screen}");
    // A page on, the last row of the first page is the first of the next.
    common::type_keys(&mut app, "PgDn");
    let screen = screen_text(&drawn(&mut app, 80, 24).0);
    assert!(!screen.contains("evidence line 1 ") && screen.contains("│evidence line 18 "), "{screen}");
    common::type_keys(&mut app, "End");
    let screen = screen_text(&drawn(&mut app, 80, 24).0);
    assert!(screen.contains("│evidence line 23 ") && screen.contains("│evidence line 40 "), "{screen}");
    assert!(screen.contains("Esc close") && !screen.contains("save"), "the viewer saves nothing: {screen}");
}

#[derive(Debug, Clone)]
enum Edit {
    Type(&'static str),
    Key(&'static str),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        6 => proptest::sample::select(vec!["a", "b", "漢", "あ", "、", "　", "e\u{301}", "xyz"]).prop_map(Edit::Type),
        6 => proptest::sample::select(vec![
            "Enter", "Backspace", "Left", "Right", "Up", "Down", "Home", "End", "Delete"
        ])
        .prop_map(Edit::Key),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever is typed, at any size, the terminal's cursor (where an IME
    /// composes) is exactly at the caret: on wrapped rows, after wide
    /// characters, at a line's end and after Backspace.
    #[test]
    fn the_cursor_is_always_at_the_caret(
        edits in proptest::collection::vec(edit(), 1..50),
        w in 40u16..=90,
        h in 12u16..=30,
    ) {
        let mut harness = learner(Lang::JA, Some("OP"));
        harness.keys("Enter e");
        for edit in &edits {
            match edit {
                Edit::Type(text) => {
                    for c in text.chars() {
                        harness.app.update(Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
                    }
                }
                Edit::Key(key) => {
                    harness.keys(key);
                }
            }
            assert_cursor_at_caret(&mut harness.app, w, h, &format!("after {edit:?}"));
        }
    }
}

#[test]
fn undo_says_what_is_so_again_for_every_change() {
    let status = |h: &common::Harness| h.app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    // Issue 8: uncheck SM-5.1.1, press u: the box is checked again, and the message says so.
    for (lang, expected) in [
        (Lang::EN, "Undone: SM-5.1.1 is checked again."),
        (Lang::JA, "元に戻しました: SM-5.1.1 をチェック済みに戻しました。"),
    ] {
        let mut h = learner_with(ui(lang, false), Some("OP"), |store| check(store, &["SM-5.1.1"]));
        h.keys("Enter BackTab Space");
        assert!(!h.on_disk().is_checked("SM-5.1.1"), "unchecked first");
        h.keys("u");
        assert!(h.on_disk().is_checked("SM-5.1.1"));
        assert_eq!(status(&h), expected);
    }
    let cases = [
        (
            "Enter Space u",
            "Undone: SM-5.1.1 is unchecked again.",
            "元に戻しました: SM-5.1.1 を未チェックに戻しました。",
        ),
        (
            "Enter e x Esc u",
            "Undone: the note on SM-5.1.1 is empty again.",
            "元に戻しました: SM-5.1.1 のメモを空に戻しました。",
        ),
        (
            "Enter e x Esc e y Esc u",
            "Undone: the note on SM-5.1.1 is as it was before.",
            "元に戻しました: SM-5.1.1 のメモを前の内容に戻しました。",
        ),
        (
            "Enter R x Esc u",
            "Undone: the reflection on SM-5 is empty again.",
            "元に戻しました: SM-5 の振り返りを空に戻しました。",
        ),
        (
            "Enter R x Esc R y Esc u",
            "Undone: the reflection on SM-5 is as it was before.",
            "元に戻しました: SM-5 の振り返りを前の内容に戻しました。",
        ),
        (
            "r Down Enter u",
            "Undone: your role grade is OP Operator again.",
            "元に戻しました: 役割を OP オペレーター に戻しました。",
        ),
        (
            "Enter v y u",
            "Undone: SM-5 Level 1 is not waiting for review, as before.",
            "元に戻しました: SM-5 レベル1 のレビュー依頼を取り下げた状態に戻しました。",
        ),
        (
            "Enter v y v u",
            "Undone: SM-5 Level 1 is waiting for review again.",
            "元に戻しました: SM-5 レベル1 をレビュー依頼中に戻しました。",
        ),
    ];
    for (keys, en, ja) in cases {
        for (lang, expected) in [(Lang::EN, en), (Lang::JA, ja)] {
            let mut h = learner(lang, Some("OP"));
            h.keys(keys);
            assert_eq!(status(&h), expected, "{keys}");
            let last = h.on_disk().history.last().cloned().expect("the undo is in the history");
            assert!(last.undo, "{keys}: the undo is recorded");
        }
    }
    // Changed again elsewhere since: nothing is undone, and the message says why.
    for (lang, expected) in [
        (Lang::EN, "Not undone: SM-5.1.1 was changed elsewhere since."),
        (Lang::JA, "SM-5.1.1 はその後ほかで変更されたため、元に戻しませんでした。"),
    ] {
        let mut h = learner(lang, Some("OP"));
        h.keys("Enter Space");
        h.store()
            .apply(&Change::Check { id: "SM-5.1.1".into(), checked: false }, &common::stamp("op-a"), false)
            .unwrap();
        h.keys("u");
        assert_eq!(status(&h), expected);
        assert!(!h.on_disk().is_checked("SM-5.1.1"));
    }
}

// Keys from the config file (issue 9, item 5).

/// The app with the key bindings a config file sets.
fn with_config(h: &mut common::Harness, text: &str) {
    let config = keiko::config::parse(text, std::path::Path::new("config.toml")).unwrap();
    h.app.keys = config.keys;
}

fn press(h: &mut common::Harness, code: KeyCode, mods: KeyModifiers) -> Effect {
    h.app.update(Msg::Key(KeyEvent::new(code, mods)))
}

#[test]
fn a_config_file_rebinding_open_to_o_opens_with_o_and_no_longer_with_enter() {
    let mut h = learner(Lang::EN, Some("OP"));
    with_config(&mut h, "[keys.overview]\nopen = \"o\"\n");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Overview));
    h.keys("Enter");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Overview), "Enter no longer opens");
    h.keys("o");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Competency));
}

#[test]
fn alt_and_shift_bindings_from_the_config_file_work() {
    let mut h = learner(Lang::EN, Some("OP"));
    with_config(&mut h, "[keys.overview]\nopen = \"Alt-Enter\"\n[keys.competency]\nnext-level = \"Shift-Right\"\n");
    press(&mut h, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Overview));
    press(&mut h, KeyCode::Enter, KeyModifiers::ALT);
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Competency));
    let level = |h: &common::Harness| match h.app.screens.last() {
        Some(Screen::Competency(c)) => c.level,
        _ => panic!("not on a competency"),
    };
    let first = level(&h);
    press(&mut h, KeyCode::Right, KeyModifiers::NONE);
    assert_eq!(level(&h), first, "Right alone no longer moves");
    press(&mut h, KeyCode::Right, KeyModifiers::SHIFT);
    assert_eq!(level(&h), first + 1);
}

#[test]
fn the_help_screen_and_the_hint_bar_show_a_rebound_key() {
    let mut h = learner(Lang::EN, Some("OP"));
    let before = h.render(80, 24);
    assert!(before.lines().last().unwrap().contains("Enter open"), "{before}");
    with_config(&mut h, "[keys.overview]\nopen = [\"o\", \"Alt-Enter\"]\n");
    let hints = h.render(80, 24);
    assert!(hints.lines().last().unwrap().contains("o open"), "{hints}");
    h.keys("?");
    let help = h.render(80, 24);
    let line = help.lines().find(|l| l.contains("o/Alt-Enter")).unwrap_or_else(|| panic!("{help}"));
    assert!(line.contains("open"), "{line}");
}

#[test]
fn on_a_text_screen_the_table_decides_which_keys_are_commands() {
    let mut h = learner(Lang::EN, Some("OP"));
    with_config(&mut h, "[keys.editor]\nsave-close = \"Ctrl-s\"\n");
    h.keys("Enter e words Esc");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Editor), "Esc no longer closes the editor");
    press(&mut h, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Competency));
    assert_eq!(h.on_disk().note("SM-5.1.1"), "words");
}

#[test]
fn ctrl_z_suspends_through_the_table_and_can_be_rebound() {
    let mut h = learner(Lang::EN, Some("OP"));
    h.keys("Enter e");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Editor));
    assert_eq!(press(&mut h, KeyCode::Char('z'), KeyModifiers::CONTROL), Effect::Suspend, "also while typing");
    h.keys("Esc Esc");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Overview));
    with_config(&mut h, "[keys.overview]\nsuspend = \"F12\"\n");
    assert_eq!(press(&mut h, KeyCode::Char('z'), KeyModifiers::CONTROL), Effect::Draw);
    assert_eq!(press(&mut h, KeyCode::F(12), KeyModifiers::NONE), Effect::Suspend);
}

/// The cells drawn underlined (a search match), row by row, as text.
fn underlined(app: &App, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| &buffer[(x, y)])
                .filter(|c| c.modifier.contains(ratatui::style::Modifier::UNDERLINED))
                .map(|c| c.symbol())
                .collect::<String>()
        })
        .filter(|row| !row.trim().is_empty())
        .collect()
}

#[test]
fn search_folds_half_width_katakana_and_full_width_letters_and_marks_the_match() {
    let mut h = learner_with(ui(Lang::JA, false), Some("OP"), |store| {
        let note = Change::Note {
            id: "SM-5.1.1".into(), text: "先週、ＡＢＣ社のお客様の\n件で記録した".into()
        };
        store.apply(&note, &common::stamp("op-a"), false).unwrap();
    });
    // Half-width katakana finds the framework's クレーム, and the match is marked.
    h.keys("/ ｸﾚｰﾑ");
    let Some(Screen::Search(s)) = h.app.screens.last() else { panic!("search did not open") };
    assert!(s.results.len() >= 3, "{} results", s.results.len());
    assert!(underlined(&h.app, 80, 24).iter().any(|row| row.contains("クレーム")), "{}", h.render(80, 24));
    // Lower-case ASCII finds full-width letters in a note; the row shows the
    // note's matching part (the statement's text has none), its line break as a space.
    h.keys("Backspace Backspace Backspace Backspace abc");
    let Some(Screen::Search(s)) = h.app.screens.last() else { panic!() };
    let ids: Vec<&str> = s.results.iter().map(|&at| h.app.framework.statement(at).id.as_str()).collect();
    assert_eq!(ids, ["SM-5.1.1"]);
    let screen = h.render(80, 24);
    assert!(screen.contains("SM-5.1.1  ✎ 先週、ＡＢＣ社のお客様の 件で記録した"), "{screen}");
    assert!(screen.contains("メモ: 先週、ＡＢＣ社"), "the preview shows the note too:\n{screen}");
    let marked = underlined(&h.app, 80, 24);
    assert_eq!(marked, ["ＡＢＣ", "ＡＢＣ"], "{screen}");
}

#[test]
fn n_renames_the_learner_and_the_history_says_the_name_changed() {
    let mut h = learner(Lang::EN, Some("OP"));
    let before = h.on_disk().profile.name.clone();
    h.keys("N");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Prompt));
    assert!(h.render(80, 24).contains("Display name"), "{}", h.render(80, 24));
    // Prefilled with the current name: clear it, then an empty name is refused.
    for _ in before.chars() {
        h.keys("Backspace");
    }
    h.keys("Space Enter");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Prompt));
    assert_eq!(h.app.status.as_ref().unwrap().text, "The display name is empty: type a name.");
    assert_eq!(h.on_disk().profile.name, before);
    h.keys("Backspace 田中 Space 花子 Enter");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Overview));
    assert_eq!(h.on_disk().profile.name, "田中 花子");
    assert!(h.render(80, 24).contains("田中 花子"));
    let last = h.on_disk().history.last().unwrap().clone();
    assert_eq!(last.what, keiko_core::model::workbook::Verb::Name);
    h.keys("H");
    assert!(h.render(80, 24).contains("display name changed"), "{}", h.render(80, 24));
    h.keys("Esc u");
    assert_eq!(h.on_disk().profile.name, before);
    assert_eq!(h.on_disk().profile.role.as_deref(), Some("OP"));
    assert!(h.app.status.as_ref().unwrap().text.contains("display name"), "{:?}", h.app.status);
}

#[test]
fn a_role_the_team_sets_cannot_be_changed_in_the_app() {
    let mut h = learner(Lang::EN, Some("OP"));
    // Reached the overview, where `r` would open the role picker.
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Overview));
    h.keys("r");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::RolePicker), "without a team, r picks a role");
    h.keys("Esc");
    h.app.team_role = Some("SV".into());
    h.keys("r");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Overview));
    assert!(h.render(100, 24).contains("your role is set by your team (SV)"), "{}", h.render(100, 24));
}

#[test]
fn p_opens_the_progress_chart_and_esc_closes_it() {
    let mut h = learner_with(ui(Lang::EN, false), Some("OP"), |store| check(store, &["SM-5.1.1"]));
    assert!(matches!(h.app.screens.last(), Some(Screen::Overview(_))));
    h.keys("p");
    assert!(matches!(h.app.screens.last(), Some(Screen::Chart(_))), "p did not open the chart");
    h.keys("Esc");
    assert!(matches!(h.app.screens.last(), Some(Screen::Overview(_))), "Esc did not close the chart");
    assert_eq!(h.app.screens.len(), 1);
}

#[test]
fn the_coach_opens_a_learners_chart_with_p_and_the_teams_with_t() {
    use keiko::tui::screens::chart::Mode;
    let dir = common::team_dir();
    let mut app = common::coach(Lang::EN, dir.path());
    common::type_keys(&mut app, "t");
    assert!(
        matches!(app.screens.last(), Some(Screen::Chart(c)) if c.mode == Mode::Team),
        "t did not open the team chart"
    );
    common::type_keys(&mut app, "Esc");
    assert!(matches!(app.screens.last(), Some(Screen::Team(_))));
    common::type_keys(&mut app, "Down Enter");
    assert!(matches!(app.screens.last(), Some(Screen::Overview(_))));
    common::type_keys(&mut app, "p");
    assert!(
        matches!(app.screens.last(), Some(Screen::Chart(c)) if c.mode == Mode::Learner),
        "p did not open the chart"
    );
    common::type_keys(&mut app, "Esc");
    assert!(matches!(app.screens.last(), Some(Screen::Overview(_))));
}

#[test]
fn a_learner_opened_by_the_coach_is_read_as_it_is_on_disk_now() {
    let dir = common::team_dir();
    let mut app = common::coach(Lang::EN, dir.path());
    assert_eq!(app.top_kind(), Some(ScreenKind::Team));
    // Chen Wei checks a box after the coach's team screen was drawn (no reload since).
    let chen = keiko_core::store::Store::new(
        dir.path().join("chen.toml"),
        &keiko_core::model::framework::Framework::bundled(),
    );
    let stamp = keiko_core::model::workbook::Stamp::new("chen", keiko_core::clock::now());
    chen.apply(&keiko_core::model::workbook::Change::Check { id: "SM-5.1.1".into(), checked: true }, &stamp, false)
        .unwrap();
    common::type_keys(&mut app, "Enter");
    assert_eq!(app.top_kind(), Some(ScreenKind::Overview));
    assert!(
        app.workbook().unwrap().is_checked("SM-5.1.1"),
        "the team keeps summaries; the workbook is read on opening"
    );
}

#[test]
fn a_workbook_broken_inside_its_history_is_in_the_table_and_opening_it_names_the_error() {
    let dir = common::team_dir();
    let framework = keiko_core::model::framework::Framework::bundled();
    let mut workbook = keiko_core::testing::heavy_workbook(&framework, 2);
    workbook.profile.name = "Chen Wei".into();
    let text = keiko_core::store::to_toml(&workbook);
    let at = text.match_indices("what = \"check\"").nth(100).unwrap().0;
    let broken = format!("{}what = check{}", &text[..at], &text[at + "what = \"check\"".len()..]);
    let line = broken[..at].lines().count() + 1;
    std::fs::write(dir.path().join("chen.toml"), broken).unwrap();
    let mut app = common::coach(Lang::EN, dir.path());
    let screen = common::render(&app, 80, 24);
    assert!(screen.contains("Chen Wei"), "the summary read is lenient on the history: {screen}");
    common::type_keys(&mut app, "Enter");
    assert_eq!(app.top_kind(), Some(ScreenKind::Team), "not opened");
    let screen = common::render(&app, 200, 24);
    assert!(screen.contains(&format!("chen.toml:{line}:8:")), "the full read names the place: {screen}");
}

#[test]
fn the_cursor_is_at_the_caret_after_a_page_of_new_lines_in_a_small_editor() {
    // Found by the property test below: 8 new lines, then a letter, at 50x14.
    let mut h = learner(Lang::JA, Some("OP"));
    h.keys("Enter e");
    for n in 1..=8 {
        h.keys("Enter");
        assert_cursor_at_caret(&mut h.app, 50, 14, &format!("{n} x Enter"));
    }
    h.app.update(Msg::Key(KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE)));
    assert_cursor_at_caret(&mut h.app, 50, 14, "8 x Enter, a");
}
