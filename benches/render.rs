//! Rendering each screen into a 120x40 TestBackend (target: ≤ 200 µs each),
//! and a key typed into a 1 MB note (handled and drawn, as the terminal does).

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use keiko::glyphs::Glyphs;
use keiko::i18n::Lang;
use keiko::tui::app::{App, Msg, Screen, Ui};
use keiko_core::model::framework::Framework;
use keiko_core::store::{Store, to_toml};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn ui() -> Ui {
    Ui { lang: Lang::JA, glyphs: Glyphs::get(false), color: true }
}

fn press(app: &mut App, keys: &[KeyCode]) {
    for &code in keys {
        app.update(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

/// A learner's app on a full workbook, after `keys`.
fn learner(dir: &tempfile::TempDir, keys: &[KeyCode]) -> App {
    let framework = Framework::bundled();
    let path = dir.path().join("w.toml");
    std::fs::write(&path, to_toml(&keiko_core::testing::full_workbook(&framework, "オペレーターA", "SV", false)))
        .unwrap();
    let store = Store::new(path, &framework);
    let workbook = store.read_or_new().unwrap();
    let mut app = App::learner(ui(), framework, store, workbook, "op-a".into());
    app.update(Msg::Resize(120, 40));
    press(&mut app, keys);
    app
}

/// A coach's team overview of 50 full workbooks.
fn team(dir: &tempfile::TempDir) -> App {
    let framework = Framework::bundled();
    for i in 0..50 {
        let workbook = keiko_core::testing::typical_workbook(&framework, i);
        std::fs::write(dir.path().join(format!("l{i:02}.toml")), to_toml(&workbook)).unwrap();
    }
    let team = keiko_core::team::Team::open(&framework, vec![dir.path().to_path_buf()]);
    let mut app = App::empty(ui(), framework, "coach".into(), true);
    app.team = Some(keiko::tui::screens::team::TeamView::new(team));
    app.screens.push(Screen::Team(Default::default()));
    app.update(Msg::Resize(120, 40));
    app
}

fn render(c: &mut Criterion) {
    use KeyCode::*;
    let dir = tempfile::tempdir().unwrap();
    let team_dir = tempfile::tempdir().unwrap();
    let screens = [
        ("overview", learner(&dir, &[])),
        ("competency", learner(&dir, &[Enter])),
        ("note editor", learner(&dir, &[Enter, Char('e')])),
        ("team overview, 50 learners", team(&team_dir)),
    ];
    for (name, app) in screens {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        c.bench_function(&format!("render {name} 120x40"), |b| {
            b.iter(|| {
                terminal.draw(|frame| app.draw(frame)).unwrap();
            });
        });
    }
}

/// A note of about 1 MB: lines of Japanese and English, as a long log of
/// evidence would be.
fn megabyte_note() -> String {
    let line = "先週の解約希望3件で理由を聴き取り、記録してSVに報告した。The SV agreed and asked for a summary.\n";
    line.repeat(1_000_000 / line.len() + 1)
}

/// A key into a 1 MB note must cost about what it costs in a short one.
fn type_into_a_long_note(c: &mut Criterion) {
    use KeyCode::*;
    // Lines of text; the same on one line; and Japanese with no space to break at, the worst case.
    let notes = [
        ("1 MB note", megabyte_note()),
        ("1 MB note on one line", megabyte_note().replace('\n', " ")),
        ("1 MB note of Japanese without a break", "顧客の声を聴き取り記録した".repeat(1_000_000 / 39)),
    ];
    for (name, note) in notes {
        let dir = tempfile::tempdir().unwrap();
        let mut app = learner(&dir, &[Enter, Home]);
        let Some(Screen::Competency(at)) = app.screens.last() else { panic!("not on a competency") };
        let level = &app.framework.competencies[at.competency].levels[at.level];
        let id = level.statements[at.selected].id.clone();
        app.change(keiko_core::model::workbook::Change::Note { id, text: note }).unwrap();
        press(&mut app, &[Char('e')]);
        assert!(matches!(app.screens.last(), Some(Screen::Editor(_))), "the editor is open");
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        terminal.draw(|frame| app.draw(frame)).unwrap();
        // Typing then deleting keeps the note the same length throughout.
        let mut keys = [Char('a'), Backspace].into_iter().cycle();
        c.bench_function(&format!("a key into a {name}, handled and drawn 120x40"), |b| {
            b.iter(|| {
                press(&mut app, &[keys.next().unwrap()]);
                terminal.draw(|frame| app.draw(frame)).unwrap();
            });
        });
    }
}

criterion_group!(benches, render, type_into_a_long_note);
criterion_main!(benches);
