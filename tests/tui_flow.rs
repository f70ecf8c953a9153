//! The app driven by keys, as a learner uses it: assertions on what is on
//! screen and, above all, on what is on disk.

mod common;

use common::{check, fixed_now, learner, learner_with, ui};
use keiko::i18n::Lang;
use keiko::tui::app::{Effect, Msg, Screen};
use keiko::tui::keymap::ScreenKind;
use keiko::workbook::Change;

#[test]
fn first_run_asks_for_a_name_and_a_role() {
    let mut h = learner(Lang::Ja, None);
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Welcome));
    h.keys("田中 Tab Down Enter");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Overview));
    let wb = h.on_disk();
    assert_eq!(wb.profile.name, "田中");
    assert_eq!(wb.profile.role.as_deref(), Some("SV"));
}

#[test]
fn an_empty_name_becomes_the_login_name() {
    let mut h = learner(Lang::En, None);
    h.keys("Enter Enter");
    assert_eq!(h.on_disk().profile.name, "op-a");
    assert_eq!(h.on_disk().profile.role.as_deref(), Some("OP"));
}

#[test]
fn check_a_statement_and_write_a_note_then_undo_it() {
    let mut h = learner(Lang::Ja, Some("OP"));
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
    assert_eq!((last.what, last.undo), (keiko::workbook::Verb::Note, true));
    h.keys("u");
    assert!(!h.on_disk().is_checked("SM-5.1.1"));
    h.keys("u");
    assert_eq!(h.app.status.as_ref().unwrap().text, "元に戻す変更はありません。");
}

#[test]
fn opening_a_competency_lands_on_the_first_unachieved_level_and_unchecked_statement() {
    let mut h = learner_with(ui(Lang::En, false), Some("SV"), |store| {
        check(store, &["SM-6.1.1", "SM-6.1.2", "SM-6.2.1"]);
    });
    h.keys("Down Enter");
    let Some(Screen::Competency(c)) = h.app.screens.last() else { panic!("not on the competency screen") };
    assert_eq!((c.competency, c.level, c.selected), (1, 1, 1), "SM-6, level 2, its second statement");
}

#[test]
fn reaching_the_target_is_announced() {
    let mut h = learner_with(ui(Lang::En, false), Some("OP"), |store| check(store, &["SM-5.1.1", "SM-5.2.1"]));
    h.keys("Enter");
    h.keys("Space");
    assert_eq!(h.app.status.as_ref().unwrap().text, "You reached your target, Level 2. Well done!");
}

#[test]
fn checking_keeps_the_selection_so_the_note_goes_to_the_ticked_statement() {
    let mut h = learner(Lang::En, Some("OP"));
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
    let mut h = learner_with(ui(Lang::En, false), Some("OP"), |store| {
        check(store, &["SM-5.1.1"]);
        let signoff = Change::sign_off(&keiko::framework::Framework::bundled(), "SM-5", 1, "");
        store.apply(&signoff, &common::stamp("coach-b"), false).unwrap();
    });
    h.keys("Enter BackTab Space");
    assert!(h.app.status.as_ref().unwrap().text.contains("signed off"), "{:?}", h.app.status);
    assert!(h.on_disk().level_state("SM-5", 1).unwrap().signoff.is_some(), "the sign-off itself stays");
}

#[test]
fn levels_are_walked_with_tab_and_shift_tab() {
    let mut h = learner(Lang::En, Some("OP"));
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
    let mut h = learner_with(ui(Lang::En, false), Some("OP"), |store| {
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
    let mut h = learner_with(ui(Lang::En, false), Some("OP"), |store| {
        check(store, &all);
        check(store, &["SM-8.1.1", "SM-8.1.2", "SM-9.1.1"]);
    });
    h.keys("g");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Overview));
    assert_eq!(h.app.status.as_ref().unwrap().text, "Everything up to your targets is checked.");
}

#[test]
fn search_filters_by_japanese_or_english_and_jumps() {
    let mut h = learner(Lang::Ja, Some("OP"));
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
    let mut h = learner(Lang::En, Some("OP"));
    h.keys("Enter e");
    assert_eq!(h.keys("q"), Effect::Draw);
    h.keys("Esc");
    assert_eq!(h.on_disk().note("SM-5.1.1"), "q");
    assert_eq!(h.keys("q"), Effect::Quit);
}

#[test]
fn ctrl_c_in_the_editor_saves_the_note_and_quits() {
    let mut h = learner(Lang::En, Some("OP"));
    h.keys("Enter e unsaved Space words");
    assert_eq!(h.keys("C-c"), Effect::Quit);
    assert_eq!(h.on_disk().note("SM-5.1.1"), "unsaved words");
}

#[test]
fn a_multi_line_paste_goes_into_the_note() {
    let mut h = learner(Lang::Ja, Some("OP"));
    h.keys("Enter e");
    h.app.update(Msg::Paste("一行目\r\n二行目\r三行目".into()));
    h.keys("Esc");
    assert_eq!(h.on_disk().note("SM-5.1.1"), "一行目\n二行目\n三行目");
}

#[test]
fn the_reflection_is_written_from_the_competency_screen() {
    let mut h = learner(Lang::En, Some("OP"));
    h.keys("Enter R Spot Space churn Space early. Esc");
    assert_eq!(h.on_disk().reflection("SM-5"), "Spot churn early.");
}

#[test]
fn r_changes_the_role_and_progress_follows() {
    let mut h = learner(Lang::En, Some("OP"));
    h.keys("r Down Enter");
    assert_eq!(h.on_disk().profile.role.as_deref(), Some("SV"));
    assert!(h.render(80, 24).contains("0/21"), "{}", h.render(80, 24));
    h.keys("u");
    assert_eq!(h.on_disk().profile.role.as_deref(), Some("OP"));
}

#[test]
fn a_review_request_is_made_and_withdrawn_with_v() {
    let mut h = learner(Lang::En, Some("OP"));
    h.keys("Enter v");
    assert!(h.on_disk().level_state("SM-5", 1).unwrap().review_requested.is_some());
    h.keys("v");
    assert!(h.on_disk().level_state("SM-5", 1).is_none());
}

#[test]
fn history_lists_changes_newest_first() {
    let mut h = learner(Lang::En, Some("OP"));
    h.keys("Enter Space e x Esc H");
    let screen = h.render(80, 24);
    let note = screen.find("note SM-5.1.1").expect("the note is listed");
    let check = screen.find("checked SM-5.1.1").expect("the check is listed");
    assert!(note < check, "{screen}");
}

#[test]
fn changes_on_disk_appear_without_losing_what_is_being_typed() {
    let mut h = learner(Lang::En, Some("OP"));
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
    let mut h = learner(Lang::En, Some("OP"));
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
    let mut h = learner(Lang::En, Some("OP"));
    h.keys("Enter Space");
    assert_eq!(h.on_disk().statements["SM-5.1.1"].checked_at, Some(fixed_now()));
}

#[test]
fn a_mouse_click_selects_and_a_second_click_opens() {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mut h = learner(Lang::En, Some("OP"));
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
