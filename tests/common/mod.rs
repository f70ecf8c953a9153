//! Shared test set-up: an app on a workbook in a temporary directory, keys
//! typed as a user would, and screens rendered to text.
#![allow(dead_code)]

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use keiko::glyphs::Glyphs;
use keiko::i18n::Lang;
use keiko::tui::app::{App, Effect, Msg, Ui};
use keiko_core::clock::{Time, time_from_unix};
use keiko_core::model::framework::Framework;
use keiko_core::model::workbook::{Change, Stamp, Workbook};
use keiko_core::store::{MemoryStore, Storage, Store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The system config every spawned keiko is given unless a test names its
/// own: none (this path never exists), so a team in the host's own
/// `/etc/keiko/config.toml` never reaches a test.
pub const NO_SYSTEM_CONFIG: &str = "/nonexistent/keiko-tests/system-config.toml";

/// 2026-11-28 09:00:00 UTC, so snapshots show the same times everywhere.
pub fn fixed_now() -> Time {
    time_from_unix(1_795_856_400)
}

pub struct Harness {
    pub app: App,
    pub dir: tempfile::TempDir,
    /// The workbook kept in memory, unless the harness is on a real file.
    memory: Option<MemoryStore>,
}

impl Harness {
    pub fn path(&self) -> PathBuf {
        self.dir.path().join("workbook.toml")
    }

    /// The app's storage, as a second session would open it: the same memory, or the file.
    pub fn store(&self) -> Box<dyn Storage> {
        match &self.memory {
            Some(memory) => Box::new(memory.clone()),
            None => Box::new(Store::new(self.path(), &Framework::bundled())),
        }
    }

    /// The workbook as it is stored now.
    pub fn on_disk(&self) -> Workbook {
        self.store().read().unwrap().expect("the workbook exists")
    }

    /// Types keys: named keys (`Enter`, `Esc`, `Space`, `Tab`, `BackTab`,
    /// `Up`, `Down`, `Left`, `Right`, `PgUp`, `PgDn`, `Home`, `End`,
    /// `Backspace`, `C-c`, `C-l`) or, for any other word, its characters.
    pub fn keys(&mut self, keys: &str) -> Effect {
        let mut last = Effect::None;
        for word in keys.split(' ').filter(|w| !w.is_empty()) {
            for key in parse_keys(word) {
                last = self.app.update(Msg::Key(key));
            }
        }
        last
    }

    pub fn render(&self, width: u16, height: u16) -> String {
        render(&self.app, width, height)
    }
}

pub fn parse_keys(word: &str) -> Vec<KeyEvent> {
    let named = |code| vec![KeyEvent::new(code, KeyModifiers::NONE)];
    match word {
        "Enter" => named(KeyCode::Enter),
        "Esc" => named(KeyCode::Esc),
        "Space" => named(KeyCode::Char(' ')),
        "Tab" => named(KeyCode::Tab),
        "BackTab" => vec![KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)],
        "Up" => named(KeyCode::Up),
        "Down" => named(KeyCode::Down),
        "Left" => named(KeyCode::Left),
        "Right" => named(KeyCode::Right),
        "PgUp" => named(KeyCode::PageUp),
        "PgDn" => named(KeyCode::PageDown),
        "Home" => named(KeyCode::Home),
        "End" => named(KeyCode::End),
        "Backspace" => named(KeyCode::Backspace),
        "C-c" => vec![KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)],
        "C-l" => vec![KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL)],
        text => text.chars().map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)).collect(),
    }
}

pub fn ui(lang: Lang, ascii: bool) -> Ui {
    Ui { lang, glyphs: Glyphs::get(ascii), color: true }
}

/// A learner's app on a new workbook; with a role, the profile is set first.
pub fn learner(lang: Lang, role: Option<&str>) -> Harness {
    learner_with(ui(lang, false), role, |_| {})
}

/// A learner's app whose workbook (kept in memory) was first changed by `setup`.
pub fn learner_with(ui: Ui, role: Option<&str>, setup: impl FnOnce(&dyn Storage)) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let memory = MemoryStore::new(dir.path().join("workbook.toml"), &Framework::bundled());
    harness(dir, memory.clone(), Some(memory), ui, role, setup)
}

/// The same on a real file, for what only a file can show (a broken file, a symbolic link).
pub fn learner_on_disk(ui: Ui, role: Option<&str>, setup: impl FnOnce(&dyn Storage)) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("workbook.toml"), &Framework::bundled());
    harness(dir, store, None, ui, role, setup)
}

fn harness(
    dir: tempfile::TempDir,
    store: impl Storage + 'static,
    memory: Option<MemoryStore>,
    ui: Ui,
    role: Option<&str>,
    setup: impl FnOnce(&dyn Storage),
) -> Harness {
    keiko_core::clock::display_in_utc();
    let framework = Framework::bundled();
    if let Some(role) = role {
        let change = Change::Profile { name: Some("オペレーターA".into()), role: Some(role.into()) };
        (&store as &dyn Storage).apply(&change, &stamp("op-a"), false).unwrap();
    }
    setup(&store);
    let workbook = store.read().unwrap().unwrap_or_else(|| Workbook::new(&framework));
    let app = App::learner(ui, framework, store, workbook, "op-a".into()).with_clock(fixed_now);
    Harness { app, dir, memory }
}

pub fn stamp(by: &str) -> Stamp {
    Stamp::new(by, fixed_now())
}

pub fn check(store: &dyn Storage, ids: &[&str]) {
    for id in ids {
        store.apply(&Change::Check { id: id.to_string(), checked: true }, &stamp("op-a"), false).unwrap();
    }
}

pub fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.draw(frame)).unwrap();
    buffer_text(terminal.backend())
}

/// The screen as plain text, one line per row, wide characters once.
pub fn buffer_text(backend: &TestBackend) -> String {
    let buffer = backend.buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub mod pty;

/// A team directory with three learners part-way through, one of them
/// waiting for a review of SM-5 level 1.
pub fn team_dir() -> tempfile::TempDir {
    keiko_core::clock::display_in_utc();
    let dir = tempfile::tempdir().unwrap();
    let framework = Framework::bundled();
    let learners: [(&str, &str, &str, &[&str]); 3] = [
        ("aoki.toml", "青木 花子", "OP", &["SM-5.1.1", "SM-6.1.1", "SM-6.1.2"]),
        ("baba.toml", "馬場 太郎", "SV", &["SM-5.1.1", "SM-5.2.1", "SM-5.2.2", "SM-7.1.1"]),
        ("chen.toml", "Chen Wei", "OP", &[]),
    ];
    for (file, name, role, checks) in learners {
        let store = Store::new(dir.path().join(file), &framework);
        let me = stamp(file.trim_end_matches(".toml"));
        store.apply(&Change::Profile { name: Some(name.into()), role: Some(role.into()) }, &me, false).unwrap();
        for id in checks {
            store.apply(&Change::Check { id: id.to_string(), checked: true }, &me, false).unwrap();
        }
    }
    let aoki = Store::new(dir.path().join("aoki.toml"), &framework);
    let request = Change::RequestReview { competency: "SM-5".into(), level: 1, requested: true };
    aoki.apply(&request, &stamp("aoki"), false).unwrap();
    std::fs::write(dir.path().join("broken.toml"), "schema = 1\n[profile\n").unwrap();
    dir
}

/// Adds five files to a team directory that cannot be read as workbooks
/// (six with `team_dir`'s broken one): more than the team screen's box shows.
pub fn add_unreadable_files(dir: &std::path::Path) {
    for (file, text) in [
        ("config.toml", "answer = 42\n"),
        ("dodo.toml", "schema = 1\n[profile\n"),
        ("eto.toml", "schema = 99\n"),
        ("fuji.toml", "[profile]\nname = 1\n"),
        ("zz-last.toml", "schema = \n"),
    ] {
        std::fs::write(dir.join(file), text).unwrap();
    }
}

/// A coach's review app on a directory.
pub fn coach(lang: Lang, dir: &std::path::Path) -> App {
    let framework = Framework::bundled();
    let team = keiko_core::team::Team::open(&framework, vec![dir.to_path_buf()]);
    let mut app = App::empty(ui(lang, false), framework, "tanaka".into(), true).with_clock(fixed_now);
    app.team = Some(keiko::tui::screens::team::TeamView::new(team));
    app.screens.push(keiko::tui::app::Screen::Team(Default::default()));
    app.update(Msg::Resize(80, 24));
    app
}

/// Types keys into any app (see `Harness::keys`).
pub fn type_keys(app: &mut App, keys: &str) -> Effect {
    let mut last = Effect::None;
    for word in keys.split(' ').filter(|w| !w.is_empty()) {
        for key in parse_keys(word) {
            last = app.update(Msg::Key(key));
        }
    }
    last
}

/// A hand-written workbook: a profile, three checks, a note and a reflection.
pub const EXAMPLE_WORKBOOK: &str = r#"schema = 1

[framework]
id = "cmbok-sm"
version = "2026.1"

[profile]
name = "オペレーターA"
role = "OP"

[statements."SM-5.1.1"]
checked = true
checked_at = 2026-11-20T09:12:00Z
note = """
先週の解約希望3件で理由を記録し、SVに報告した。
"""

[statements."SM-5.2.1"]
checked = true
checked_at = 2026-11-21T10:00:00Z

[statements."SM-9.1.1"]
checked = true
checked_at = 2026-11-22T10:00:00Z

[competencies."SM-5"]
reflection = "離反の兆候を早めに拾いたい。"
"#;

/// Runs keiko as an unprivileged user (uid 65534) when the tests run as root,
/// so that permission checks apply. That user runs a copy of the binary kept
/// in a world-readable directory: the checkout may sit where it cannot reach.
pub struct Nobody {
    pub program: PathBuf,
}

/// The copy of the binary, made once per test process. A copy made while
/// other test threads fork can be held open for writing by a child that has
/// not yet exec'd, and exec then fails with "Text file busy": the copy is
/// made once, then run until it starts, before anyone uses it.
static NOBODY_PROGRAM: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

impl Nobody {
    pub fn new() -> Nobody {
        use std::os::unix::fs::PermissionsExt;
        let keiko = PathBuf::from(env!("CARGO_BIN_EXE_keiko"));
        if unsafe { libc::geteuid() } != 0 {
            return Nobody { program: keiko };
        }
        let program = NOBODY_PROGRAM.get_or_init(|| {
            // One copy per build of the binary, shared by every test process
            // and run (renamed into place whole), so none is left per run;
            // a new build's copy replaces the older builds' copies of the
            // same target directory (cargo runs one test binary at a time).
            use std::hash::{Hash, Hasher};
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(&keiko).unwrap();
            let mut target = std::collections::hash_map::DefaultHasher::new();
            keiko.hash(&mut target);
            let dir = std::env::temp_dir().join(format!("keiko-test-bin-{:016x}", target.finish()));
            let program = dir.join(format!("keiko-{}-{}", meta.len(), meta.mtime_nsec()));
            if !program.exists() {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
                for old in std::fs::read_dir(&dir).unwrap().flatten() {
                    let _ = std::fs::remove_file(old.path());
                }
                let partial = dir.join(format!("keiko.{}", std::process::id()));
                std::fs::copy(&keiko, &partial).unwrap();
                std::fs::set_permissions(&partial, std::fs::Permissions::from_mode(0o755)).unwrap();
                std::fs::rename(&partial, &program).unwrap();
            }
            for _ in 0..200 {
                match std::process::Command::new(&program).arg("--version").output() {
                    Err(e) if e.raw_os_error() == Some(libc::ETXTBSY) => {
                        std::thread::sleep(std::time::Duration::from_millis(10))
                    }
                    _ => break,
                }
            }
            program
        });
        Nobody { program: program.clone() }
    }

    /// A command for keiko that runs as the unprivileged user (when root).
    pub fn command(&self) -> std::process::Command {
        use std::os::unix::process::CommandExt;
        let mut cmd = std::process::Command::new(&self.program);
        cmd.env("KEIKO_SYSTEM_CONFIG", NO_SYSTEM_CONFIG);
        if unsafe { libc::geteuid() } == 0 {
            cmd.uid(65534).gid(65534).current_dir("/");
        }
        cmd
    }
}

/// Runs a system tool (useradd, groupadd, chown…) for the tests that need
/// real accounts; true when it succeeded. useradd, userdel and groupdel exit
/// 10 (or say "cannot lock") while another holds /etc/passwd: they are tried
/// again, as tests run in parallel.
pub fn sys(program: &str, args: &[&str]) -> bool {
    for _ in 0..100 {
        let output = std::process::Command::new(program).args(args).output().unwrap();
        if output.status.success() {
            return true;
        }
        // 10: the account files are locked (another useradd); 8: userdel finds a process of the
        // account still running (one just killed has not quite ended).
        let busy = matches!(output.status.code(), Some(10 | 8))
            || String::from_utf8_lossy(&output.stderr).contains("lock")
            || String::from_utf8_lossy(&output.stderr).contains("currently used by process");
        if !busy {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    false
}

/// A test binary of plain functions, some of which need root (they create
/// throwaway accounts): without root those are reported as ignored, with
/// the reason, never as passed. Where root is required (`KEIKO_TESTS_NEED_ROOT=1`,
/// as CI sets), running without it fails them instead.
pub fn run_tests(
    anywhere: &[(&'static str, fn())],
    as_root: &[(&'static str, fn())],
    why: &str,
) -> std::process::ExitCode {
    use libtest_mimic::{Arguments, Failed, Trial};
    let root = keiko_core::os::identity::is_root();
    let required = std::env::var("KEIKO_TESTS_NEED_ROOT").is_ok_and(|v| v == "1");
    if !root && !as_root.is_empty() {
        eprintln!("{} tests need root ({why}): {}", as_root.len(), if required { "failed" } else { "ignored" });
    }
    let trial = |(name, test): &(&'static str, fn())| {
        let test = *test;
        Trial::test(*name, move || {
            test();
            Ok::<(), Failed>(())
        })
    };
    let mut trials: Vec<Trial> = anywhere.iter().map(trial).collect();
    for test in as_root {
        trials.push(if root {
            trial(test)
        } else if required {
            Trial::test(test.0, move || Err(Failed::from("needs root (KEIKO_TESTS_NEED_ROOT=1)")))
        } else {
            trial(test).with_ignored_flag(true)
        });
    }
    libtest_mimic::run(&Arguments::from_args(), trials).exit_code()
}

/// `(name, function)` pairs for `run_tests`.
#[macro_export]
macro_rules! tests {
    ($($name:ident),* $(,)?) => { &[$((stringify!($name), $name as fn())),*] };
}
