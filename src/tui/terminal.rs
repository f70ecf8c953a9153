//! The edge: the terminal, input, signals and file watching. Everything here
//! turns into `Msg`s for the app; the app never sees the terminal.
//!
//! Threads block (poll on the tty, signal pipe, inotify) and send events to
//! the main loop, which blocks on its channel: while nobody types, keiko
//! neither wakes up nor writes a byte.

use crate::i18n::{Words, msg};
use std::collections::HashSet;
use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};

use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event as TermEvent};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::layout::Rect;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP, SIGWINCH};
use signal_hook::iterator::Signals;

use super::app::{App, Effect, Msg, Unsaved};
use super::backend::{Ansi16, Term};
use keiko_core::team::{Team, TeamChanges, TeamReader};
use keiko_core::text::terminal_safe;

/// Mouse reporting for clicks and the wheel only (no motion events), in SGR form.
const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";
const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1000l";

/// How long a terminating signal waits for the main loop to notice it
/// before keiko ends anyway (the loop is then stuck, e.g. writing to a
/// terminal that does not read). Longer than the store's lock wait, so a
/// change in progress can finish; once saving has begun nothing cuts it short
/// but a second signal.
const SIGNAL_GRACE: Duration = Duration::from_secs(10);

/// Set while a file-change event waits in the channel.
static FILE_CHANGE_PENDING: AtomicBool = AtomicBool::new(false);
/// Set once the main loop has ended and keiko is saving on its way out.
static ENDING: AtomicBool = AtomicBool::new(false);

enum Event {
    Term(TermEvent),
    Resized,
    FileChanged,
    /// Coach review: the team reader found changed files.
    TeamChanged(Box<TeamChanges>),
    Signal(i32),
    /// `SIGTSTP`: stop like any full-screen program.
    Suspend,
    /// `SIGCONT`: the terminal may have been used by others meanwhile.
    Resumed,
    /// The terminal is gone (SSH dropped, window closed).
    HangUp,
}

/// How the app ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Quit,
    /// The user quit, but typed text could not be saved in the workbook
    /// (it went to a rescue file).
    QuitUnsaved,
    /// Ended by a signal (`SIGHUP`, `SIGTERM`…), after saving.
    Signal(i32),
    /// The terminal went away, after saving.
    HangUp,
}

impl Outcome {
    /// The process exit code: 0, 1 when text was not saved, or 128 + signal as shells expect.
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Quit => 0,
            Outcome::QuitUnsaved => 1,
            Outcome::Signal(sig) => 128u8.saturating_add(sig as u8),
            Outcome::HangUp => 128 + SIGHUP as u8,
        }
    }
}

/// Whether keiko runs in a terminal it can draw on and read keys from.
pub fn has_terminal() -> bool {
    io::stdout().is_terminal() && io::stdin().is_terminal()
}

/// Runs the app until the user quits, the terminal hangs up or a signal
/// ends it. Anything typed but unsaved is saved first in every case, or
/// written to a rescue file; keiko says which on the error output.
/// `watch` lists the workbook files whose changes on disk should reload.
pub fn run(mut app: App, watch: Watch) -> Result<Outcome, String> {
    if !has_terminal() {
        return Err(app.s().t(msg::NeedsTerminal).into());
    }
    let (tx, rx) = mpsc::channel();
    let failed = |e: io::Error| {
        format!(
            "{}: {}",
            app.s().t(msg::CannotUseTerminal),
            crate::i18n::os_error(&keiko_core::os::files::OsError::from(&e), app.ui.lang)
        )
    };
    // Caught from here on: a signal that comes before its thread runs waits for it.
    let signals = signals().map_err(failed)?;
    let mut terminal = enter().map_err(failed)?;
    install_panic_hook();
    let size = terminal.size().map_err(failed)?;
    app.update(Msg::Resize(size.width, size.height));

    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // The first frame before the threads and the file watcher (each
        // start takes time, more on a busy machine): keys typed meanwhile
        // wait in the terminal.
        if draw(&mut terminal, &app).is_err() {
            return Outcome::HangUp;
        }
        spawn_signals(signals, tx.clone());
        spawn_input(tx.clone());
        let team_reader = spawn_team_reader(&app, tx.clone());
        // Kept alive while the app runs; dropping it stops watching.
        let mut watching = watch_files(&watch, tx);
        event_loop(&mut terminal, &mut app, &rx, team_reader.as_ref(), watching.as_mut())
    }));
    ENDING.store(true, Ordering::Release);
    // The terminal first, so the user has their shell back while keiko saves.
    // ratatui's Drop would write to the terminal again, and on a dead one
    // its failure panics: it is never dropped.
    restore();
    std::mem::forget(terminal);
    let saved = save_on_the_way_out(&mut app);
    match result {
        Ok(Outcome::Quit) if saved.is_err() => Ok(Outcome::QuitUnsaved),
        Ok(outcome) => Ok(outcome),
        // The panic hook printed the message.
        Err(_) => Err(app.s().t(msg::InternalError).into()),
    }
}

/// Saves what was typed, keeping a rescue file until it is safely in the
/// workbook: the text is written to the rescue file first (a few
/// milliseconds, no lock), then saved (which may wait for another keiko's
/// lock), and the rescue file is removed only once that worked. Reports the
/// outcome on the error output. Err when some text is not in the workbook.
fn save_on_the_way_out(app: &mut App) -> Result<(), ()> {
    let s = app.s();
    let dirs = rescue_dirs(app);
    let pending = app.pending_texts();
    let preserved = if pending.is_empty() { None } else { write_rescue(&pending, &dirs, s.t(msg::RescueHeader)) };
    app.flush();
    let workbook = app.doc.as_ref().map(|d| d.store.path().display().to_string()).unwrap_or_default();
    if app.unsaved.is_empty() {
        if let Some(path) = preserved {
            let _ = std::fs::remove_file(path);
        }
        for typed in &pending {
            say(&s.t(msg::SavedOnExit { what: &typed.what, path: &workbook }));
        }
        return Ok(());
    }
    let unsaved = std::mem::take(&mut app.unsaved);
    match preserved.or_else(|| write_rescue(&unsaved, &dirs, s.t(msg::RescueHeader))) {
        Some(path) => {
            for typed in &unsaved {
                let path = path.display().to_string();
                say(&s.t(msg::RescuedTo { what: &typed.what, error: &typed.error, path }));
            }
        }
        None => {
            for typed in &unsaved {
                say(&s.t(msg::RescuedHere { what: &typed.what, error: &typed.error }));
                say_raw(&typed.text);
            }
        }
    }
    Err(())
}

/// Where a rescue file goes: beside the learner's workbook, or in a coach's
/// own data directory (never among the learners' files), else the temporary directory.
fn rescue_dirs(app: &App) -> Vec<PathBuf> {
    let own = if app.coach {
        directories::ProjectDirs::from("", "", "keiko").map(|d| d.data_dir().to_path_buf())
    } else {
        app.doc.as_ref().map(|d| match d.store.path().parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        })
    };
    own.into_iter().chain([std::env::temp_dir()]).collect()
}

/// Writes typed text to `keiko-unsaved-<time>.txt` (private, fsync'd) in
/// the first directory that takes it. Returns its path.
fn write_rescue(texts: &[Unsaved], dirs: &[PathBuf], header: &str) -> Option<PathBuf> {
    let mut content = format!("{header}\n\n");
    for typed in texts {
        content += &format!("# {}\n{}\n\n", typed.what, typed.text);
    }
    // From the clock module, which never panics (a clock past year 9999 would).
    let stamp: String = keiko_core::clock::now().to_string().chars().filter(char::is_ascii_digit).take(14).collect();
    for dir in dirs {
        if app_dir_missing(dir) {
            continue;
        }
        for n in 0..100 {
            let suffix = if n == 0 { String::new() } else { format!("-{n}") };
            let path = dir.join(format!("keiko-unsaved-{stamp}{suffix}.txt"));
            let file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .custom_flags(libc::O_NOFOLLOW)
                .open(&path);
            match file {
                Ok(mut file) => {
                    if file.write_all(content.as_bytes()).and_then(|()| file.sync_all()).is_ok() {
                        return Some(path);
                    }
                    let _ = std::fs::remove_file(&path);
                    break;
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(_) => break,
            }
        }
    }
    None
}

/// A coach's data directory may not exist yet: create it (private) rather than skip it.
fn app_dir_missing(dir: &std::path::Path) -> bool {
    use std::os::unix::fs::DirBuilderExt;
    !dir.is_dir() && std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).is_err()
}

/// One line on the error output. A closed or dead error output is ignored:
/// by then only the files matter.
fn say(message: &str) {
    let _ = writeln!(io::stderr(), "keiko: {}", terminal_safe(message, false));
}

/// Typed text as a last resort, line breaks kept.
fn say_raw(text: &str) {
    let _ = writeln!(io::stderr(), "{}", terminal_safe(text, true));
}

fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    rx: &Receiver<Event>,
    team_reader: Option<&Sender<()>>,
    mut watching: Option<&mut Watching>,
) -> Outcome {
    while let Ok(event) = rx.recv() {
        let effect = match event {
            Event::Term(TermEvent::Key(key)) => app.update(Msg::Key(key)),
            Event::Term(TermEvent::Paste(text)) => app.update(Msg::Paste(text)),
            Event::Term(TermEvent::Mouse(mouse)) => app.update(Msg::Mouse(mouse)),
            Event::Term(TermEvent::Resize(w, h)) => app.update(Msg::Resize(w, h)),
            Event::Term(_) => Effect::None,
            Event::Resized => match crossterm::terminal::size() {
                Ok((w, h)) => app.update(Msg::Resize(w, h)),
                Err(_) => Effect::None,
            },
            Event::FileChanged => {
                FILE_CHANGE_PENDING.store(false, Ordering::Release);
                if let Some(reader) = team_reader {
                    let _ = reader.send(());
                }
                app.update(Msg::FileChanged)
            }
            Event::TeamChanged(changes) => {
                let effect = app.update(Msg::TeamChanged(changes));
                // A learner added (or a directory made) is watched from now on.
                if let (Some(watching), Some(team)) = (watching.as_deref_mut(), app.team.as_ref()) {
                    watching.update(&Watch::of_review(&team.team));
                }
                effect
            }
            Event::Suspend => Effect::Suspend,
            Event::Resumed => Effect::Redraw,
            Event::Signal(sig) => return Outcome::Signal(sig),
            Event::HangUp => return Outcome::HangUp,
        };
        let drawn = match effect {
            Effect::None => Ok(()),
            Effect::Draw => draw(terminal, app),
            Effect::Redraw => redraw(terminal, app),
            Effect::Suspend => suspend().and_then(|()| redraw(terminal, app)),
            Effect::Quit => return Outcome::Quit,
        };
        if drawn.is_err() {
            // Writing to the terminal failed: it is gone.
            return Outcome::HangUp;
        }
    }
    Outcome::HangUp
}

fn draw(terminal: &mut Term, app: &App) -> io::Result<()> {
    terminal.draw(|frame| app.draw(frame)).map(|_| ())
}

/// Clears the screen and draws every cell again (`Ctrl-L`, after a resume).
/// `Terminal::clear` would ask the terminal where its cursor is, and the
/// input thread would take the answer: `resize` clears without asking.
fn redraw(terminal: &mut Term, app: &App) -> io::Result<()> {
    let size = terminal.size()?;
    terminal.resize(Rect::new(0, 0, size.width, size.height))?;
    draw(terminal, app)
}

/// Raw mode, the alternate screen, bracketed paste and mouse reporting.
fn enter() -> io::Result<Term> {
    setup()?;
    Terminal::new(Ansi16::new(io::stdout()))
}

fn setup() -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    out.write_all(MOUSE_ON.as_bytes())?;
    out.flush()
}

/// Puts the terminal back as it was. Errors are ignored: on a hung-up
/// terminal there is nothing left to restore.
fn restore() {
    let mut out = io::stdout();
    let _ = out.write_all(MOUSE_OFF.as_bytes());
    let _ = execute!(out, DisableBracketedPaste, cursor::Show, LeaveAlternateScreen);
    let _ = crossterm::terminal::disable_raw_mode();
}

/// Gives the terminal back and stops the process until the shell's `fg`
/// continues it; then takes the terminal again (the caller redraws).
fn suspend() -> io::Result<()> {
    restore();
    signal_hook::low_level::raise(SIGSTOP)?;
    setup()
}

/// A panic restores the terminal before its message is printed. Nothing
/// in here may panic again (that would abort): every write ignores errors.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Signals become events. A terminating signal gives the main loop time to
/// save; if the loop does not get to it (stuck writing to a terminal that
/// does not read), or a second terminating signal comes, keiko ends anyway:
/// the saving path writes typed text to a rescue file before anything slow.
fn spawn_signals(mut signals: Signals, tx: Sender<Event>) {
    std::thread::spawn(move || {
        let mut terminating = false;
        for sig in signals.forever() {
            let event = match sig {
                SIGWINCH => Event::Resized,
                SIGTSTP => Event::Suspend,
                SIGCONT => Event::Resumed,
                _ if terminating => {
                    restore();
                    std::process::exit(128 + sig);
                }
                _ => {
                    terminating = true;
                    std::thread::spawn(move || {
                        std::thread::sleep(SIGNAL_GRACE);
                        if !ENDING.load(Ordering::Acquire) {
                            restore();
                            std::process::exit(128 + sig);
                        }
                    });
                    Event::Signal(sig)
                }
            };
            let _ = tx.send(event);
        }
    });
}

/// The signals keiko handles, caught from now on.
fn signals() -> io::Result<Signals> {
    Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT, SIGWINCH, SIGTSTP, SIGCONT])
}

/// Coach review: a thread that reads the team's files again when one
/// changes, so that a slow or large file never holds up the screen. A burst
/// of changes is one scan. Returns where to tell it that files changed.
fn spawn_team_reader(app: &App, tx: Sender<Event>) -> Option<Sender<()>> {
    let mut reader = TeamReader::of(&app.team.as_ref()?.team, app.framework.clone());
    let (poke, pokes) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        while pokes.recv().is_ok() {
            while pokes.try_recv().is_ok() {}
            if let Some(changes) = reader.changes()
                && tx.send(Event::TeamChanged(Box::new(changes))).is_err()
            {
                return;
            }
        }
    });
    Some(poke)
}

/// Reads the terminal with crossterm, in a thread of its own.
fn spawn_input(tx: Sender<Event>) {
    let hangup_tx = tx.clone();
    std::thread::spawn(move || {
        loop {
            let event = match event::read() {
                Ok(event) => Event::Term(event),
                Err(_) => Event::HangUp,
            };
            let hung_up = matches!(event, Event::HangUp);
            if tx.send(event).is_err() || hung_up {
                return;
            }
        }
    });
    spawn_hangup_watch(hangup_tx);
}

/// crossterm's reader spins forever on a hung-up tty (it retries reads that
/// return EOF or EIO), so a second thread waits for the hang-up itself:
/// `poll` with no events asked for wakes only for POLLHUP or POLLERR, never
/// for input. The main loop then saves and exits, ending the spinning reader.
fn spawn_hangup_watch(tx: Sender<Event>) {
    std::thread::spawn(move || {
        let Some(tty) = TtyFd::open() else { return };
        loop {
            use rustix::event::{PollFd, PollFlags, poll};
            let mut fds = [PollFd::new(&tty, PollFlags::empty())];
            let polled = poll(&mut fds, None);
            if polled == Err(rustix::io::Errno::INTR) {
                continue;
            }
            let hung_up = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
            if polled.is_err() || fds[0].revents().intersects(hung_up) {
                let _ = tx.send(Event::HangUp);
                return;
            }
        }
    });
}

/// The tty crossterm reads: stdin when it is a terminal, else `/dev/tty`.
enum TtyFd {
    Stdin,
    DevTty(std::fs::File),
}

impl TtyFd {
    fn open() -> Option<TtyFd> {
        if io::stdin().is_terminal() {
            Some(TtyFd::Stdin)
        } else {
            std::fs::File::open("/dev/tty").ok().map(TtyFd::DevTty)
        }
    }
}

impl std::os::fd::AsFd for TtyFd {
    fn as_fd(&self) -> std::os::fd::BorrowedFd<'_> {
        match self {
            TtyFd::Stdin => rustix::stdio::stdin(),
            TtyFd::DevTty(file) => file.as_fd(),
        }
    }
}

/// What to watch for changes on disk.
#[derive(Debug, Clone, Default)]
pub struct Watch {
    /// Workbook files: a change to one of them reloads it.
    pub files: Vec<PathBuf>,
    /// Directories where a new or changed `*.toml` file matters (a team directory).
    pub dirs: Vec<PathBuf>,
    /// Directories where any entry added, removed or renamed matters: a
    /// team's `learners/` and `verdicts/`, where a new learner's directories appear.
    pub lists: Vec<PathBuf>,
    /// Whether a directory that is not there makes keiko look once a second
    /// (the learner's app: nothing would tell it when the directory comes).
    /// Without, it is watched once a later update finds it (coach review,
    /// where `lists` tell when a learner's directories come).
    pub poll_for_missing: bool,
}

impl Watch {
    /// What coach review watches: each workbook and each file that could not
    /// be used, the directories named, and in team mode the trees of the
    /// learners' directories and each learner's two (their workbook's, and
    /// the coaches' records of them). Worked out again whenever the team
    /// changes, so that a learner added while the coach looks is watched too.
    pub fn of_review(team: &Team) -> Watch {
        let files = team.members.iter().map(|m| m.path.clone()).chain(team.problems.iter().map(|p| p.path.clone()));
        let mut dirs: Vec<PathBuf> = team.roots().iter().filter(|r| r.is_dir()).cloned().collect();
        let mut lists = Vec::new();
        if let Some(mode) = &team.mode {
            lists = vec![mode.dir.learners(), mode.dir.verdicts()];
            dirs.extend(lists.iter().cloned());
            let logins = team.members.iter().filter_map(|m| m.login.as_deref());
            dirs.extend(logins.flat_map(|login| [mode.dir.learner_dir(login), mode.dir.verdict_dir(login)]));
        }
        Watch { files: files.collect(), dirs, lists, poll_for_missing: false }
    }

    /// Every directory to watch: the named ones, and each file's (a rename
    /// over a file is an event of its directory).
    fn all_dirs(&self) -> HashSet<PathBuf> {
        let parents = self.files.iter().map(|f| match f.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        });
        parents.chain(self.dirs.iter().cloned()).collect()
    }
}

/// Which events matter: shared with the watcher's thread, and changed as
/// the team does.
#[derive(Default)]
struct Interest {
    /// The names of the files watched.
    names: HashSet<OsString>,
    /// Whether any `*.toml` file in a watched directory matters.
    any_toml: bool,
    /// `Watch::lists`.
    lists: HashSet<PathBuf>,
    /// The directories watched: one removed or renamed has lost its watch.
    watched: HashSet<PathBuf>,
}

impl Interest {
    fn matters(&self, path: &std::path::Path) -> bool {
        let Some(name) = path.file_name() else { return false };
        let text = name.to_string_lossy();
        self.names.contains(name)
            || (self.any_toml && text.ends_with(".toml") && !text.starts_with('.'))
            || path.parent().is_some_and(|dir| self.lists.contains(dir))
    }
}

/// The file watcher while the app runs, and what it watches. Dropping it stops watching.
struct Watching {
    watcher: Box<dyn notify::Watcher>,
    interest: Arc<Mutex<Interest>>,
    /// Watched directories removed or renamed since: their watch is gone.
    lost: Arc<Mutex<HashSet<PathBuf>>>,
    /// Whether keiko also looks once a second (some directory could not be watched).
    polling: bool,
    tx: Sender<Event>,
}

/// Watches the directories of the files (a rename over a file is an event
/// of its directory) and reports changes to the files, to any `*.toml`
/// in the watched team directories, and to the entries of `Watch::lists`.
fn watch_files(watch: &Watch, tx: Sender<Event>) -> Option<Watching> {
    if watch.files.is_empty() && watch.dirs.is_empty() {
        return None;
    }
    let interest = Arc::new(Mutex::new(Interest::default()));
    let lost = Arc::new(Mutex::new(HashSet::new()));
    let notify_tx = tx.clone();
    let (seen_by, lost_to) = (Arc::clone(&interest), Arc::clone(&lost));
    let watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        let Ok(event) = result else { return };
        // Opening and reading a file (keiko's own reloads among them) is not a
        // change: reacting to it would make every reload cause another.
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return;
        }
        let interest = seen_by.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if matches!(
            event.kind,
            notify::EventKind::Remove(_) | notify::EventKind::Modify(notify::event::ModifyKind::Name(_))
        ) {
            let gone = event.paths.iter().filter(|p| interest.watched.contains(*p)).cloned();
            lost_to.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).extend(gone);
        }
        // A burst of events is one reload: at most one is waiting at a time.
        if event.paths.iter().any(|p| interest.matters(p)) && !FILE_CHANGE_PENDING.swap(true, Ordering::AcqRel) {
            let _ = notify_tx.send(Event::FileChanged);
        }
    });
    match watcher {
        Ok(watcher) => {
            let mut watching = Watching { watcher: Box::new(watcher), interest, lost, polling: false, tx };
            // The files were read before the first frame, the watch began
            // after it: one look finds a change made in between.
            watching.update(watch);
            Some(watching)
        }
        Err(_) => {
            poll_files(tx);
            None
        }
    }
}

impl Watching {
    /// Watches what `watch` names from now on: directories not watched yet
    /// (a learner added, a directory made since) are added, those no longer
    /// named are let go. When any was added, one look follows, for what
    /// changed there before its watch began. A directory that cannot be
    /// watched makes keiko look once a second as well.
    fn update(&mut self, watch: &Watch) {
        use notify::RecursiveMode;
        let wanted = watch.all_dirs();
        // `interest` is never held while the watcher is asked anything: its
        // thread takes it for every event, and answers only after.
        let (unwanted, unwatched) = {
            let mut interest = self.interest();
            for gone in self.lost.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).drain() {
                interest.watched.remove(&gone);
            }
            interest.names = watch.files.iter().filter_map(|f| f.file_name().map(|n| n.to_os_string())).collect();
            interest.any_toml = !watch.dirs.is_empty();
            interest.lists = watch.lists.iter().cloned().collect();
            let unwanted: Vec<PathBuf> = interest.watched.iter().filter(|d| !wanted.contains(*d)).cloned().collect();
            for dir in &unwanted {
                interest.watched.remove(dir);
            }
            let unwatched: Vec<PathBuf> = wanted.into_iter().filter(|d| !interest.watched.contains(d)).collect();
            (unwanted, unwatched)
        };
        for dir in unwanted {
            let _ = self.watcher.unwatch(&dir);
        }
        let (mut added, mut failed) = (false, false);
        for dir in unwatched {
            if !dir.is_dir() {
                // In review (a learner on the roster who has not started), looked for again next time.
                failed |= watch.poll_for_missing;
                continue;
            }
            // Listed first, so that its removal, even at once, is noticed.
            self.interest().watched.insert(dir.clone());
            if self.watcher.watch(&dir, RecursiveMode::NonRecursive).is_ok() {
                added = true;
            } else {
                self.interest().watched.remove(&dir);
                failed = true;
            }
        }
        if failed && !self.polling {
            self.polling = true;
            poll_files(self.tx.clone());
        }
        if added && !FILE_CHANGE_PENDING.swap(true, Ordering::AcqRel) {
            let _ = self.tx.send(Event::FileChanged);
        }
    }

    fn interest(&self) -> std::sync::MutexGuard<'_, Interest> {
        self.interest.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Without file notifications (a full inotify table, a network file
/// system), look once a second instead; the app compares fingerprints.
fn poll_files(tx: Sender<Event>) {
    std::thread::spawn(move || {
        while tx.send(Event::FileChanged).is_ok() {
            std::thread::sleep(Duration::from_secs(1));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_matters_is_the_files_any_toml_and_the_entries_of_the_lists() {
        let interest = Interest {
            names: [OsString::from("workbook.toml")].into(),
            any_toml: true,
            lists: [PathBuf::from("/t/learners")].into(),
            watched: HashSet::new(),
        };
        for path in ["/t/learners/a/workbook.toml", "/t/verdicts/a/tanaka.toml", "/t/learners/newbie", "/t/team.toml"] {
            assert!(interest.matters(std::path::Path::new(path)), "{path}");
        }
        for path in ["/t/learners/a/.workbook.toml.x1.tmp", "/t/learners/a/notes.txt", "/t/verdicts/newbie", "/"] {
            assert!(!interest.matters(std::path::Path::new(path)), "{path}");
        }
    }

    /// A learner's directory removed and made again (its watch went with it)
    /// is watched again at the next update, and one added is watched at once.
    #[test]
    fn directories_made_after_the_start_are_watched_at_the_next_update() {
        let root = tempfile::tempdir().unwrap();
        let learners = root.path().join("learners");
        let (old, new) = (learners.join("old"), learners.join("new"));
        std::fs::create_dir_all(&old).unwrap();
        let watch = |dirs: &[&PathBuf]| Watch {
            files: Vec::new(),
            dirs: std::iter::once(&learners).chain(dirs.iter().copied()).cloned().collect(),
            lists: vec![learners.clone()],
            poll_for_missing: false,
        };
        let (tx, rx) = mpsc::channel();
        // Whether the watcher reported a change within a second; then every report waiting is taken.
        let reported = || {
            let seen = matches!(rx.recv_timeout(Duration::from_secs(1)), Ok(Event::FileChanged));
            std::thread::sleep(Duration::from_millis(100));
            FILE_CHANGE_PENDING.store(false, Ordering::Release);
            while rx.try_recv().is_ok() {}
            FILE_CHANGE_PENDING.store(false, Ordering::Release);
            seen
        };
        let mut watching = watch_files(&watch(&[&old]), tx).unwrap();
        assert!(reported(), "one look once the watch is on");
        std::fs::write(old.join("workbook.toml"), "").unwrap();
        assert!(reported());

        std::fs::remove_dir_all(&old).unwrap();
        assert!(reported(), "an entry of learners/ went");
        std::fs::create_dir(&old).unwrap();
        std::fs::create_dir(&new).unwrap();
        assert!(reported(), "entries of learners/ came");
        // Written before its directory is watched: the look that follows the new watch finds it.
        std::fs::write(new.join("workbook.toml"), "").unwrap();
        watching.update(&watch(&[&old, &new]));
        assert!(reported(), "one look for what changed before the watch began");
        for dir in [&old, &new] {
            std::fs::write(dir.join("workbook.toml"), "x").unwrap();
            assert!(reported(), "{}", dir.display());
        }
    }
}
