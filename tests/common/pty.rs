//! The built binary in a pseudo-terminal, read through a terminal emulator.

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Pty {
    pub child: Box<dyn Child + Send + Sync>,
    writer: Option<Box<dyn Write + Send>>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte keiko wrote to the terminal.
    pub output: Arc<Mutex<Vec<u8>>>,
    master: Option<Box<dyn MasterPty + Send>>,
    /// Tells the reader thread to stop and close its copy of the master.
    stop_reading: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Pty {
    /// Starts keiko with `args` at `cols`x`rows`, with its data under `home`.
    pub fn spawn(args: &[&str], home: &Path, env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_keiko"));
        cmd.args(args);
        cmd.env_clear();
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        cmd.env("HOME", home);
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("USER", "op-a");
        cmd.env("TZ", "UTC");
        cmd.env("KEIKO_SYSTEM_CONFIG", super::NO_SYSTEM_CONFIG);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(home);
        Pty::spawn_command(cmd, cols, rows)
    }

    /// Runs any command in a new pseudo-terminal.
    pub fn spawn_command(mut cmd: CommandBuilder, cols: u16, rows: u16) -> Pty {
        if cmd.get_env("KEIKO_SYSTEM_CONFIG").is_none() {
            cmd.env("KEIKO_SYSTEM_CONFIG", super::NO_SYSTEM_CONFIG);
        }
        let pair = native_pty_system()
            .openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        let child = pair.slave.spawn_command(cmd).expect("the command starts");
        drop(pair.slave);
        let writer = pair.master.take_writer().unwrap();
        // Our own copy of the master, read with a timeout, so that a hang-up
        // can close every copy of it.
        let fd = pair.master.as_raw_fd().expect("a master descriptor");
        // SAFETY: dup of a descriptor we own; the copy is owned by the File.
        let mut reader = unsafe { std::fs::File::from_raw_fd(libc::dup(fd)) };
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows.try_into().unwrap(), cols.try_into().unwrap(), 0)));
        let output = Arc::new(Mutex::new(Vec::new()));
        let stop_reading = Arc::new(AtomicBool::new(false));
        let (screen_in, output_in, stop) = (Arc::clone(&screen), Arc::clone(&output), Arc::clone(&stop_reading));
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !stop.load(Ordering::Acquire) {
                let mut pfd = libc::pollfd { fd: reader.as_raw_fd(), events: libc::POLLIN, revents: 0 };
                // SAFETY: one valid pollfd for the duration of the call.
                if unsafe { libc::poll(&mut pfd, 1, 50) } <= 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(n) if n > 0 => {
                        screen_in.lock().unwrap().process(&buf[..n]);
                        output_in.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                    _ => break,
                }
            }
        });
        Pty {
            child,
            writer: Some(writer),
            screen,
            output,
            master: Some(pair.master),
            stop_reading,
            reader: Some(reader),
        }
    }

    /// Closes the terminal, as a dropped SSH connection does: every copy of
    /// the master side is closed, so keiko's terminal is dead.
    pub fn hang_up(&mut self) {
        self.stop_reading.store(true, Ordering::Release);
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        self.writer = None;
        self.master = None;
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn cursor(&self) -> (u16, u16) {
        self.screen.lock().unwrap().screen().cursor_position()
    }

    /// Waits until the screen shows `text`; panics with the screen after `seconds`.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(text, |s| s.contains(text));
    }

    pub fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) {
        self.wait_until_within(what, Duration::from_secs(15), ready)
    }

    /// Waits until the screen shows `text`; panics with the screen after `limit`.
    pub fn wait_for_within(&self, text: &str, limit: Duration) {
        self.wait_until_within(text, limit, |s| s.contains(text));
    }

    pub fn wait_until_within(&self, what: &str, limit: Duration, ready: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + limit;
        loop {
            let contents = self.contents();
            if ready(&contents) {
                return;
            }
            if Instant::now() > deadline {
                panic!("timed out after {limit:?} waiting for {what:?}; the screen shows:\n{contents}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until nothing has been written for `quiet`: the frame is complete.
    /// Gives up after 5 s of constant output (the caller's checks then fail).
    pub fn settle(&self, quiet: Duration) {
        let mut last = self.output.lock().unwrap().len();
        let mut since = Instant::now();
        let deadline = Instant::now() + Duration::from_secs(5);
        while since.elapsed() < quiet && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
            let now = self.output.lock().unwrap().len();
            if now != last {
                last = now;
                since = Instant::now();
            }
        }
    }

    pub fn send(&mut self, bytes: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(bytes.as_bytes()).unwrap();
        writer.flush().unwrap();
        // Keys sent at once can merge (Esc then a letter reads as Alt+letter).
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Waits for the process to end; panics after `seconds`.
    pub fn wait_exit(&mut self, seconds: u64) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("keiko did not exit within {seconds}s; the screen shows:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn signal(&self, signal: i32) {
        let pid = self.child.process_id().expect("a running child") as i32;
        // SAFETY: sending a signal to our own child process.
        unsafe { libc::kill(pid, signal) };
    }
}

pub const ENTER: &str = "\r";
pub const ESC: &str = "\x1b";
pub const TAB: &str = "\t";
pub const BACKTAB: &str = "\x1b[Z";
pub const DOWN: &str = "\x1b[B";
pub const UP: &str = "\x1b[A";

impl Pty {
    /// CPU time the process has used so far, in clock ticks (user + system).
    pub fn cpu_ticks(&self) -> u64 {
        let pid = self.child.process_id().expect("a running child");
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("the process is alive");
        // Fields after the command name (which may hold spaces) start after the last ')'.
        let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..].split(' ').collect();
        fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
    }

    /// Checks that two idle seconds cost no output and (almost) no CPU, then quits.
    pub fn assert_idle_then_quit(&mut self) {
        let (bytes, ticks) = self.idle_cost(2);
        self.send("q");
        self.wait_exit(5);
        assert_eq!(bytes, 0, "wrote while idle");
        assert!(ticks <= 2, "used {ticks} clock ticks of CPU while idle");
    }

    /// Bytes written and CPU ticks used while nothing happens for `seconds`.
    pub fn idle_cost(&self, seconds: u64) -> (usize, u64) {
        self.settle(Duration::from_millis(200));
        let (bytes, ticks) = (self.output.lock().unwrap().len(), self.cpu_ticks());
        std::thread::sleep(Duration::from_secs(seconds));
        (self.output.lock().unwrap().len() - bytes, self.cpu_ticks() - ticks)
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        self.stop_reading.store(true, Ordering::Release);
    }
}

impl Pty {
    /// Bytes written to the terminal from `from` on.
    pub fn output_since(&self, from: usize) -> Vec<u8> {
        self.output.lock().unwrap()[from..].to_vec()
    }

    pub fn output_len(&self) -> usize {
        self.output.lock().unwrap().len()
    }

    /// The process state letter from `/proc` (`S` sleeping, `T` stopped…).
    pub fn state(&self) -> char {
        let pid = self.child.process_id().expect("a running child");
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("the process is alive");
        stat[stat.rfind(')').unwrap() + 2..].chars().next().unwrap()
    }

    /// Waits until `ready` holds of the process, for at most 10 s.
    pub fn wait_state(&self, what: &str, ready: impl Fn(char) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !ready(self.state()) {
            assert!(Instant::now() < deadline, "timed out waiting for the process to be {what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Whether `needle` occurs in `haystack` (raw terminal bytes).
pub fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
