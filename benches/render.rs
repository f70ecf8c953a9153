//! Rendering each screen into a 120x40 TestBackend (target: ≤ 200 µs each).

use criterion::{Criterion, criterion_group, criterion_main};
use keiko::framework::Framework;
use keiko::glyphs::Glyphs;
use keiko::i18n::Lang;
use keiko::store::Store;
use keiko::tui::app::{App, Doc, Msg, Ui};
use keiko::workbook::{Change, Stamp};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app_on(keys: &[crossterm::event::KeyCode]) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let framework = Framework::bundled();
    let store = Store::new(dir.path().join("w.toml"), &framework);
    let stamp = Stamp { by: "op-a".into(), at: keiko::clock::now() };
    store
        .apply(&Change::Profile { name: Some("オペレーターA".into()), role: Some("OP".into()) }, &stamp, false)
        .unwrap();
    for id in ["SM-5.1.1", "SM-5.2.1", "SM-6.1.1"] {
        store.apply(&Change::Check { id: id.into(), checked: true }, &stamp, false).unwrap();
        store
            .apply(
                &Change::Note {
                    id: id.into(), text: "先週の解約希望3件で理由を記録し、SVに報告した。".into()
                },
                &stamp,
                false,
            )
            .unwrap();
    }
    let workbook = store.read_or_new().unwrap();
    let ui = Ui { lang: Lang::Ja, glyphs: Glyphs::get(false), color: true };
    let mut app = App::learner(ui, framework, Doc::new(store, workbook), "op-a".into());
    app.update(Msg::Resize(120, 40));
    for &code in keys {
        app.update(Msg::Key(crossterm::event::KeyEvent::new(code, crossterm::event::KeyModifiers::NONE)));
    }
    (app, dir)
}

fn render(c: &mut Criterion) {
    use crossterm::event::KeyCode::*;
    let screens: [(&str, Vec<crossterm::event::KeyCode>); 3] =
        [("overview", vec![]), ("competency", vec![Enter]), ("editor", vec![Enter, Char('e')])];
    for (name, keys) in screens {
        let (app, _dir) = app_on(&keys);
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        c.bench_function(&format!("render {name} 120x40"), |b| {
            b.iter(|| {
                terminal.draw(|frame| keiko::tui::screens::draw(frame, &app)).unwrap();
            });
        });
    }
}

criterion_group!(benches, render);
criterion_main!(benches);
