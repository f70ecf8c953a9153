//! The edge: the terminal, input, signals and file watching. Everything here
//! turns into `Msg`s for the app; the app never sees the terminal.
//!
//! Threads block (poll on the tty, signal pipe, inotify) and send events to
//! the main loop, which blocks on its channel: while nobody types, keiko
//! neither wakes up nor writes a byte.

use std::collections::HashSet;
use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event as TermEvent};
use crossterm::{cursor, execute};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH};

use super::app::{App, Effect, Msg};
use super::backend::Term;
use super::screens;

/// Mouse reporting for clicks and the wheel only (no motion events), in SGR form.
const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";
const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1000l";

/// Set while a file-change event waits in the channel.
static FILE_CHANGE_PENDING: AtomicBool = AtomicBool::new(false);

enum Event {
    Term(TermEvent),
    Resized,
    FileChanged,
    Signal(i32),
    /// The terminal is gone (SSH dropped, window closed).
    HangUp,
}

/// How the app ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Quit,
    /// Ended by a signal (`SIGHUP`, `SIGTERM`…), after saving.
    Signal(i32),
    /// The terminal went away, after saving.
    HangUp,
}

impl Outcome {
    /// The process exit code: 0, or 128 + signal as shells expect.
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Quit => 0,
            Outcome::Signal(sig) => 128u8.saturating_add(sig as u8),
            Outcome::HangUp => 128 + SIGHUP as u8,
        }
    }
}

/// Runs the app until the user quits, the terminal hangs up or a signal
/// ends it. Anything typed but unsaved is saved first in every case.
/// `watch` lists the workbook files whose changes on disk should reload.
pub fn run(mut app: App, watch: Watch) -> Result<Outcome, String> {
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err("the full-screen app needs a terminal; for a summary without one, use `keiko status`".into());
    }
    let (tx, rx) = mpsc::channel();
    spawn_signals(tx.clone())?;
    let mut terminal = super::backend::try_init().map_err(|e| format!("cannot set up the terminal: {e}"))?;
    install_panic_hook();
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let _ = io::stdout().write_all(MOUSE_ON.as_bytes()).and_then(|()| io::stdout().flush());
    let size = terminal.size().map_err(|e| format!("cannot read the terminal size: {e}"))?;
    app.update(Msg::Resize(size.width, size.height));
    spawn_input(tx.clone());
    // Kept alive while the app runs; dropping it stops watching.
    let _watcher = watch_files(&watch, tx);

    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| event_loop(&mut terminal, &mut app, &rx)));
    // Whatever ended the loop, what was typed is saved (again, harmlessly, if it already was).
    app.flush();
    restore();
    let rescued = rescue(&app.unsaved, watch.files.first());
    match (result, rescued) {
        (Ok(outcome), None) => Ok(outcome),
        (Ok(_), Some(message)) => Err(message),
        // The panic hook restored the terminal and printed the message.
        (Err(_), message) => Err(message.unwrap_or_else(|| {
            "keiko stopped after an internal error (reported above); what you typed was saved".into()
        })),
    }
}

/// Text that could not be saved goes to a file beside the workbook (or in
/// the temporary directory), or as a last resort to the error output.
/// Returns the message for the user, if there was anything to rescue.
fn rescue(unsaved: &[super::app::Unsaved], workbook: Option<&PathBuf>) -> Option<String> {
    if unsaved.is_empty() {
        return None;
    }
    let mut text = String::new();
    for u in unsaved {
        text += &format!("# {:?}\n# not saved: {}\n{}\n\n", u.target, u.error, u.text);
    }
    let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%S").to_string();
    let name = format!("keiko-unsaved-{stamp}.txt");
    let beside = workbook.and_then(|w| w.parent()).map(|d| d.join(&name));
    let candidates = beside.into_iter().chain([std::env::temp_dir().join(&name)]);
    for path in candidates {
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()));
        if written.is_ok() {
            return Some(format!(
                "your note could not be saved ({}); it was written to {}",
                unsaved[0].error,
                path.display()
            ));
        }
    }
    Some(format!("your note could not be saved ({}); here it is:\n{text}", unsaved[0].error))
}

fn event_loop(terminal: &mut Term, app: &mut App, rx: &Receiver<Event>) -> Outcome {
    if draw(terminal, app).is_err() {
        app.flush();
        return Outcome::HangUp;
    }
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
                app.update(Msg::FileChanged)
            }
            Event::Signal(sig) => {
                app.flush();
                return Outcome::Signal(sig);
            }
            Event::HangUp => {
                app.flush();
                return Outcome::HangUp;
            }
        };
        let drawn = match effect {
            Effect::None => Ok(()),
            Effect::Draw => draw(terminal, app),
            Effect::Redraw => terminal.clear().and_then(|()| draw(terminal, app)),
            Effect::Quit => return Outcome::Quit,
        };
        if drawn.is_err() {
            // Writing to the terminal failed: it is gone.
            app.flush();
            return Outcome::HangUp;
        }
    }
    app.flush();
    Outcome::HangUp
}

fn draw(terminal: &mut Term, app: &App) -> io::Result<()> {
    terminal.draw(|frame| screens::draw(frame, app)).map(|_| ())
}

/// Puts the terminal back as it was. Errors are ignored: on a hung-up
/// terminal there is nothing left to restore.
fn restore() {
    let mut out = io::stdout();
    let _ = out.write_all(MOUSE_OFF.as_bytes());
    let _ = execute!(out, DisableBracketedPaste, cursor::Show);
    let _ = ratatui::try_restore();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Signals become events. After a terminating signal the main loop has a
/// moment to save; if it is stuck, the process ends anyway.
fn spawn_signals(tx: Sender<Event>) -> Result<(), String> {
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT, SIGWINCH])
        .map_err(|e| format!("cannot listen for signals: {e}"))?;
    std::thread::spawn(move || {
        for sig in signals.forever() {
            if sig == SIGWINCH {
                let _ = tx.send(Event::Resized);
                continue;
            }
            let _ = tx.send(Event::Signal(sig));
            std::thread::sleep(Duration::from_secs(1));
            restore();
            std::process::exit(128 + sig);
        }
    });
    Ok(())
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
            let mut pfd = libc::pollfd { fd: tty.raw(), events: 0, revents: 0 };
            // SAFETY: one valid pollfd for the duration of the call.
            let rc = unsafe { libc::poll(&mut pfd, 1, -1) };
            if rc < 0 && io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                continue;
            }
            if rc < 0 || pfd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
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

    fn raw(&self) -> RawFd {
        match self {
            TtyFd::Stdin => io::stdin().as_raw_fd(),
            TtyFd::DevTty(file) => file.as_raw_fd(),
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
}

/// Watches the directories of the files (a rename over a file is an event
/// of its directory) and reports changes to the files, and to any `*.toml`
/// in the watched team directories.
fn watch_files(watch: &Watch, tx: Sender<Event>) -> Option<Box<dyn notify::Watcher>> {
    use notify::{RecursiveMode, Watcher};
    if watch.files.is_empty() && watch.dirs.is_empty() {
        return None;
    }
    let names: HashSet<OsString> = watch.files.iter().filter_map(|f| f.file_name().map(|n| n.to_os_string())).collect();
    let any_toml = !watch.dirs.is_empty();
    let matters = move |path: &std::path::Path| {
        let Some(name) = path.file_name() else { return false };
        let text = name.to_string_lossy();
        names.contains(name) || (any_toml && text.ends_with(".toml") && !text.starts_with('.'))
    };
    let notify_tx = tx.clone();
    let watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        // Opening and reading a file (keiko's own reloads among them) is not a
        // change: reacting to it would make every reload cause another.
        if let Ok(event) = result
            && !matches!(event.kind, notify::EventKind::Access(_))
            && event.paths.iter().any(|p| matters(p))
        {
            // A burst of events is one reload: at most one is waiting at a time.
            if !FILE_CHANGE_PENDING.swap(true, Ordering::AcqRel) {
                let _ = notify_tx.send(Event::FileChanged);
            }
        }
    });
    let dirs: HashSet<PathBuf> = watch
        .files
        .iter()
        .map(|f| match f.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        })
        .chain(watch.dirs.iter().cloned())
        .collect();
    match watcher {
        Ok(mut watcher) => {
            let all_watched = dirs.iter().all(|d| watcher.watch(d, RecursiveMode::NonRecursive).is_ok());
            if !all_watched {
                poll_files(tx);
            }
            Some(Box::new(watcher))
        }
        Err(_) => {
            poll_files(tx);
            None
        }
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
