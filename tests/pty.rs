//! The built binary in a real pseudo-terminal, from an empty data directory.

mod common;

use std::time::{Duration, Instant};

use common::pty::{BACKTAB, DOWN, ENTER, ESC, Pty, TAB};
use keiko_core::model::framework::Framework;
use keiko_core::store::Store;

#[test]
fn a_learner_checks_a_statement_writes_a_note_and_finds_both_again() {
    let home = tempfile::tempdir().unwrap();
    let ja = [("LANG", "ja_JP.UTF-8")];
    let mut keiko = Pty::spawn(&[], home.path(), &ja, 80, 24);
    keiko.wait_for("稽古 keiko へようこそ");
    keiko.send("オペレーターA");
    keiko.send(TAB);
    keiko.send(ENTER); // OP
    keiko.wait_for("目標まで");
    keiko.send(ENTER); // open SM-5
    keiko.wait_for("顧客の離反はどのような時に発生するか理解している");
    keiko.send(" ");
    keiko.wait_for("[x]");
    keiko.send("e");
    keiko.wait_for("メモを編集");
    keiko.send("解約希望3件の理由を記録した");
    keiko.wait_for("解約希望3件の理由を記録した");
    // The terminal's cursor is at the caret, after 14 double-width characters and one digit.
    assert_eq!(keiko.cursor(), (3, 1 + 13 * 2 + 1));
    keiko.send(ESC);
    keiko.wait_for("保存しました");
    keiko.send("q");
    assert!(keiko.wait_exit(5).success());

    let mut again = Pty::spawn(&[], home.path(), &ja, 80, 24);
    again.wait_for("オペレーターA");
    again.send(ENTER);
    // SM-5 opens on level 2, the first not achieved; level 1 holds what was done.
    again.wait_for(">レベル2 (目標)<");
    again.send(BACKTAB);
    again.wait_for("解約希望3件の理由を記録した");
    assert!(
        again.contents().contains("> [x] 顧客の離反はどのような時に発生するか理解している"),
        "{}",
        again.contents()
    );
    again.send("q");
    assert!(again.wait_exit(5).success());
}

#[test]
fn a_hang_up_with_the_editor_open_saves_the_note() {
    let home = tempfile::tempdir().unwrap();
    let mut keiko = Pty::spawn(&["--role", "OP"], home.path(), &[("LANG", "en_US.UTF-8")], 80, 24);
    keiko.wait_for("To target");
    keiko.send(ENTER);
    keiko.send("e");
    keiko.wait_for("Edit note");
    keiko.send("typed before the line dropped");
    keiko.wait_for("typed before the line dropped");
    let sent = Instant::now();
    keiko.signal(libc::SIGHUP);
    let status = keiko.wait_exit(5);
    assert!(sent.elapsed() < Duration::from_secs(1), "took {:?} to exit", sent.elapsed());
    assert!(!status.success());
    let store = Store::new(home.path().join("data/keiko/workbook.toml"), &Framework::bundled());
    assert_eq!(store.read().unwrap().unwrap().note("SM-5.1.1"), "typed before the line dropped");
}

#[test]
fn sigterm_saves_the_open_note_too() {
    let home = tempfile::tempdir().unwrap();
    let mut keiko = Pty::spawn(&["--role", "OP", "--lang", "en"], home.path(), &[], 80, 24);
    keiko.wait_for("To target");
    keiko.send(DOWN);
    keiko.send(ENTER);
    keiko.send("R");
    keiko.wait_for("Edit reflection");
    keiko.send("reflect");
    keiko.wait_for("reflect");
    keiko.signal(libc::SIGTERM);
    keiko.wait_exit(5);
    let store = Store::new(home.path().join("data/keiko/workbook.toml"), &Framework::bundled());
    assert_eq!(store.read().unwrap().unwrap().reflection("SM-6"), "reflect");
}

#[test]
fn a_corrupt_workbook_stops_keiko_before_the_screen_opens() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.toml");
    std::fs::write(&file, "schema = 1\n[profile\n").unwrap();
    let mut keiko = Pty::spawn(&["--file", file.to_str().unwrap()], home.path(), &[], 80, 24);
    let status = keiko.wait_exit(5);
    assert!(!status.success());
    keiko.wait_for("w.toml:2:9");
    assert!(keiko.contents().contains("mv "), "{}", keiko.contents());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "schema = 1\n[profile\n");
}

#[test]
fn an_idle_app_writes_nothing_and_uses_no_cpu() {
    let home = tempfile::tempdir().unwrap();
    let mut keiko = Pty::spawn(&["--role", "OP"], home.path(), &[("LANG", "en_US.UTF-8")], 80, 24);
    keiko.wait_for("To target");
    keiko.send(ENTER);
    keiko.wait_for("Level 1");
    keiko.assert_idle_then_quit();
}

/// A terminal that dies without a SIGHUP reaching keiko (it is not keiko's
/// controlling terminal here, as after some SSH and `setsid` set-ups):
/// keiko must notice the hang-up itself, save, and exit, not spin on EOF.
#[test]
fn a_dead_terminal_without_sighup_ends_keiko_instead_of_spinning() {
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};

    let home = tempfile::tempdir().unwrap();
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize { ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0 };
    // SAFETY: openpty writes two descriptors we then own.
    let rc = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), &size) };
    assert_eq!(rc, 0);
    // The master must not leak into keiko, or the terminal never dies.
    // SAFETY: setting a flag on a descriptor we own.
    unsafe { libc::fcntl(master, libc::F_SETFD, libc::FD_CLOEXEC) };
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_keiko"));
    cmd.args(["--role", "OP", "--lang", "en"])
        .env_clear()
        .env("KEIKO_SYSTEM_CONFIG", common::NO_SYSTEM_CONFIG)
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("TERM", "xterm")
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::null());
    // A new session with no controlling terminal: the hang-up sends no signal.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    drop(slave);
    drop(cmd);
    // Read until the first frame is drawn, then hang up by closing the master.
    let mut file = std::fs::File::from(master);
    let mut seen = Vec::new();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !String::from_utf8_lossy(&seen).contains("SM-9") {
        assert!(std::time::Instant::now() < deadline, "no first frame");
        let mut buf = [0u8; 4096];
        let n = std::io::Read::read(&mut file, &mut buf).unwrap();
        seen.extend_from_slice(&buf[..n]);
    }
    // Let keiko finish its frame and go idle, so nothing but the hang-up can wake it.
    loop {
        use std::os::fd::AsRawFd;
        let mut pfd = libc::pollfd { fd: file.as_raw_fd(), events: libc::POLLIN, revents: 0 };
        // SAFETY: one valid pollfd for the duration of the call.
        if unsafe { libc::poll(&mut pfd, 1, 300) } == 0 {
            break;
        }
        let mut buf = [0u8; 4096];
        let _ = std::io::Read::read(&mut file, &mut buf);
    }
    drop(file);
    let closed = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if closed.elapsed() > Duration::from_secs(3) {
            let _ = child.kill();
            panic!("keiko kept running after its terminal died");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(closed.elapsed() < Duration::from_secs(1), "took {:?}", closed.elapsed());
    assert!(!status.success(), "a hang-up is not a normal quit");
}
