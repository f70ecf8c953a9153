//! Support for property tests, fuzz targets and benchmarks: turning bytes
//! into the messages a user can send, and generated workbooks. Not part of
//! keiko's interface: built only with the `testing` feature, which the tests,
//! benches and fuzz/ turn on.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use crate::tui::app::{App, Msg};

/// Every key the screens react to, and some text (ASCII and Japanese).
const KEYS: &[KeyCode] = &[
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Char(' '),
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::PageUp,
    KeyCode::PageDown,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::Backspace,
    KeyCode::Delete,
    KeyCode::Char('q'),
    KeyCode::Char('?'),
    KeyCode::Char('u'),
    KeyCode::Char('/'),
    KeyCode::Char('g'),
    KeyCode::Char('H'),
    KeyCode::Char('r'),
    KeyCode::Char('e'),
    KeyCode::Char('R'),
    KeyCode::Char('v'),
    KeyCode::Char('s'),
    KeyCode::Char('x'),
    KeyCode::Char('c'),
    KeyCode::Char('o'),
    KeyCode::Char('w'),
    KeyCode::Char('j'),
    KeyCode::Char('k'),
    KeyCode::Char('l'),
    KeyCode::Char('h'),
    KeyCode::Char('a'),
    KeyCode::Char('顧'),
    KeyCode::Char('客'),
    KeyCode::Char('\u{1b}'),
];

/// The message one byte stands for: mostly keys, sometimes Ctrl keys, a
/// resize, a paste, a mouse event or a file change.
pub fn message_for(byte: u8, next: u8) -> Msg {
    let key = |code| Msg::Key(KeyEvent::new(code, KeyModifiers::NONE));
    match byte {
        0..=199 => key(KEYS[byte as usize % KEYS.len()]),
        200..=209 => {
            Msg::Key(KeyEvent::new(KeyCode::Char(['c', 'l', 'w', 'u', 'k'][byte as usize % 5]), KeyModifiers::CONTROL))
        }
        210..=224 => Msg::Resize(u16::from(next % 201), u16::from(next / 4 % 61)),
        225..=234 => Msg::Paste(
            ["一行目\r\n二行目", "\u{1b}[2J", "", "x\ty", "長い貼り付け ".repeat(50).as_str()][byte as usize % 5]
                .to_string(),
        ),
        235..=244 => Msg::Mouse(MouseEvent {
            kind: [MouseEventKind::ScrollDown, MouseEventKind::ScrollUp, MouseEventKind::Down(MouseButton::Left)]
                [byte as usize % 3],
            column: u16::from(next % 120),
            row: u16::from(next % 40),
            modifiers: KeyModifiers::NONE,
        }),
        _ => Msg::FileChanged,
    }
}

/// Sends the messages `bytes` stand for, drawing after each one at the app's
/// size as the terminal would. Quitting does not stop the script: the app
/// must stay sound whatever comes after.
pub fn run_script(app: &mut App, bytes: &[u8]) {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(1, 1)).expect("a test terminal");
    for (i, &byte) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        app.update(message_for(byte, next));
        let (w, h) = app.size;
        terminal.resize(ratatui::layout::Rect::new(0, 0, w, h)).expect("a test terminal resizes");
        let mut frame = terminal.get_frame();
        app.draw(&mut frame);
    }
}

/// A full workbook: every statement checked with a note, a reflection per
/// competency, a coach's sign-off and comment on each, and the history those
/// changes made. With `long_history`, the history is filled to its limit, as
/// years of use would.
pub fn full_workbook(
    framework: &crate::framework::Framework,
    name: &str,
    role: &str,
    long_history: bool,
) -> crate::workbook::Workbook {
    use crate::workbook::{Change, HISTORY_LIMIT, Stamp, Workbook};
    let mut workbook = Workbook::new(framework);
    let at = crate::clock::time_from_unix(1_795_856_400);
    let learner = Stamp::new(name, at);
    let coach = Stamp::new("coach", at);
    workbook.apply(&Change::Profile { name: Some(name.into()), role: Some(role.into()) }, &learner, false);
    for c in &framework.competencies {
        for (_, s) in c.statements() {
            workbook.apply(&Change::Check { id: s.id.clone(), checked: true }, &learner, false);
            let note = format!("{}: 先週の解約希望3件で理由を聴き取り、記録してSVに報告した。", s.id);
            workbook.apply(&Change::Note { id: s.id.clone(), text: note }, &learner, false);
        }
        let reflection = "離反の兆候を早めに拾えるようになった。次は分析を深めたい。".to_string();
        workbook.apply(&Change::Reflection { competency: c.id.clone(), text: reflection }, &learner, false);
        workbook.apply(&Change::sign_off(framework, &c.id, 1, "根拠が明確です"), &coach, false);
        workbook.apply(&Change::Comment { competency: c.id.clone(), text: "次のレベルへ".into() }, &coach, false);
    }
    let mut checked = false;
    while long_history && workbook.history.len() < HISTORY_LIMIT {
        let id = framework.competencies[0].levels[0].statements[0].id.clone();
        workbook.apply(&Change::Check { id, checked }, &learner, false);
        checked = !checked;
    }
    workbook
}

/// A workbook part-way through, different for each `seed`: some statements
/// checked, some with notes, a request, and the history those changes make.
pub fn typical_workbook(framework: &crate::framework::Framework, seed: usize) -> crate::workbook::Workbook {
    use crate::workbook::{Change, Stamp, Workbook};
    let mut workbook = Workbook::new(framework);
    let name = format!("learner {seed:04}");
    let learner = Stamp::new(name.clone(), crate::clock::time_from_unix(1_795_000_000 + seed as i64 * 3600));
    let role = ["OP", "SV", "OMP", "CAP"][seed % 4];
    workbook.apply(&Change::Profile { name: Some(name), role: Some(role.into()) }, &learner, false);
    let ids: Vec<String> =
        framework.competencies.iter().flat_map(|c| c.statements()).map(|(_, s)| s.id.clone()).collect();
    for (i, id) in ids.iter().enumerate().take(seed * 7 % (ids.len() + 1)) {
        workbook.apply(&Change::Check { id: id.clone(), checked: true }, &learner, false);
        if i.is_multiple_of(2) {
            let note = format!("{id}: 先週の解約希望3件で理由を聴き取り、記録してSVに報告した。");
            workbook.apply(&Change::Note { id: id.clone(), text: note }, &learner, false);
        }
    }
    if seed.is_multiple_of(3) {
        let competency = framework.competencies[seed % framework.competencies.len()].id.clone();
        workbook.apply(&Change::RequestReview { competency, level: 1, requested: true }, &learner, false);
    }
    workbook
}

/// A workbook after years of use, different for each `seed`: about 60% of
/// the statements checked with a note, a reflection on some competencies,
/// a sign-off or two, sometimes a request, and the history at its limit
/// (500 entries over two years): about 48 KB, most of it history.
pub fn heavy_workbook(framework: &crate::framework::Framework, seed: usize) -> crate::workbook::Workbook {
    use crate::workbook::{Change, HISTORY_LIMIT, Stamp, Workbook};
    let mut workbook = Workbook::new(framework);
    let login = format!("op{seed:05}");
    let start = 1_730_000_000 + (seed as i64 % 97) * 86_400;
    // Two years of activity, an entry every day and a half or so.
    let stamp = |n: usize| Stamp::new(login.clone(), crate::clock::time_from_unix(start + n as i64 * 125_000));
    let mut n = 0;
    let role = ["OP", "SV", "OMP", "CAP"][seed % 4];
    let name = format!("learner {seed:05}");
    workbook.apply(&Change::Profile { name: Some(name), role: Some(role.into()) }, &stamp(n), false);
    let ids: Vec<String> =
        framework.competencies.iter().flat_map(|c| c.statements()).map(|(_, s)| s.id.clone()).collect();
    for (i, id) in ids.iter().enumerate() {
        // About 60%, a different set for each seed.
        if (i * 7 + seed) % 5 >= 3 {
            continue;
        }
        n += 1;
        workbook.apply(&Change::Check { id: id.clone(), checked: true }, &stamp(n), false);
        n += 1;
        let note = format!("{id}: 先週の解約希望3件で理由を聴き取り、記録してSVに報告した。");
        workbook.apply(&Change::Note { id: id.clone(), text: note }, &stamp(n), false);
    }
    for (ci, c) in framework.competencies.iter().enumerate() {
        if (ci + seed).is_multiple_of(2) {
            n += 1;
            let text = "離反の兆候を早めに拾えるようになった。次は分析を深めたい。".to_string();
            workbook.apply(&Change::Reflection { competency: c.id.clone(), text }, &stamp(n), false);
        }
    }
    let coach = Stamp::new("coach", crate::clock::time_from_unix(start));
    let c = &framework.competencies[seed % framework.competencies.len()];
    workbook.apply(&Change::sign_off(framework, &c.id, 1, "根拠が明確です"), &coach, false);
    // Back and forth on one statement until the history is full, as years of use make it.
    let id = ids[seed % ids.len()].clone();
    let mut checked = !workbook.is_checked(&id);
    while workbook.history.len() < HISTORY_LIMIT - 1 {
        n += 1;
        workbook.apply(&Change::Check { id: id.clone(), checked }, &stamp(n), false);
        checked = !checked;
    }
    if !workbook.is_checked(&id) {
        n += 1;
        workbook.apply(&Change::Check { id: id.clone(), checked: true }, &stamp(n), false);
    }
    if seed.is_multiple_of(3) {
        let competency = framework.competencies[(seed / 3) % framework.competencies.len()].id.clone();
        n += 1;
        workbook.apply(&Change::RequestReview { competency, level: 1, requested: true }, &stamp(n), false);
    }
    workbook
}

/// Writes `n` heavy workbooks (`heavy_workbook`) into `dir`: as
/// `learner-00000.toml`… or, with `team`, as a team directory
/// (`dir/team.toml`, `dir/learners/LOGIN/workbook.toml`). Returns the paths written.
pub fn write_heavy_team(
    framework: &crate::framework::Framework,
    dir: &std::path::Path,
    n: usize,
    team: bool,
) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut paths = Vec::with_capacity(n);
    let mut file = crate::team_dir::TeamFile {
        group: crate::team_dir::DEFAULT_GROUP.into(),
        coaches: vec!["tanaka".into()],
        ..Default::default()
    };
    for seed in 0..n {
        let text = crate::store::to_toml(&heavy_workbook(framework, seed));
        let path = if team {
            let login = format!("op{seed:05}");
            file.learners.push(crate::team_dir::RosterEntry { login: login.clone(), ..Default::default() });
            let learner = crate::team_dir::TeamDir::new(dir).learner_dir(&login);
            std::fs::create_dir_all(&learner)?;
            std::fs::create_dir_all(crate::team_dir::TeamDir::new(dir).verdict_dir(&login))?;
            learner.join("workbook.toml")
        } else {
            dir.join(format!("learner-{seed:05}.toml"))
        };
        std::fs::write(&path, text)?;
        paths.push(path);
    }
    if team {
        std::fs::write(dir.join(crate::team_dir::TEAM_FILE), file.to_toml())?;
    }
    Ok(paths)
}
