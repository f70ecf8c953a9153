//! The bad-input catalogue (README, "When something is wrong"): each kind of
//! bad input not already covered by cli.rs, store.rs, pty.rs or snapshots.rs.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::ui;
use keiko::i18n::{Lang, Localized};
use keiko::tui::keymap::ScreenKind;
use keiko_core::model::framework::Framework;
use keiko_core::model::workbook::Change;
use keiko_core::store::{Store, StoreError};

fn keiko(args: &[&str], home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_keiko"));
    cmd.args(args)
        .env_clear()
        .env("KEIKO_SYSTEM_CONFIG", common::NO_SYSTEM_CONFIG)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("LANG", "C.UTF-8");
    cmd
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn a_broken_framework_file_given_with_framework_stops_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("center.toml");
    fs::write(&path, "id = \"c\"\nversion = \"1\"\n[[roles]\ncode = 1\n").unwrap();
    let o = keiko(&["--framework", path.to_str().unwrap(), "status"], dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(&format!("{}:3:9: ", path.display())), "{}", stderr(&o));
}

/// A key keiko does not know may be a newer keiko's (issue 18): it is kept,
/// with its value, through every rewrite, never dropped; a typo too.
fn a_typo_in_a_hand_edited_workbook_is_kept_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    let text = "schema = 1\n\n[statements.\"SM-5.1.1\"]\ncheckd = true\n";
    fs::write(&path, text).unwrap();
    let wb = Store::new(&path, &Framework::bundled()).read().unwrap().unwrap();
    assert!(!wb.is_checked("SM-5.1.1"), "the typo is not taken for the key");
    let o = keiko(&["--file", path.to_str().unwrap(), "--role", "OP", "status"], dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let written = fs::read_to_string(&path).unwrap();
    assert!(written.contains("[statements.\"SM-5.1.1\"]\nchecked = false\ncheckd = true\n"), "{written}");
    assert!(written.contains("role = \"OP\""), "{written}");
}

fn non_utf8_bytes_in_a_note_are_refused_with_their_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    let mut bytes = b"schema = 1\n\n[statements.\"SM-5.1.1\"]\nnote = \"caf".to_vec();
    bytes.extend_from_slice(b"\xe9 latin-1\"\n");
    fs::write(&path, &bytes).unwrap();
    let err = Store::new(&path, &Framework::bundled()).read().unwrap_err();
    assert!(matches!(err, StoreError::Corrupt { line: 4, col: 12, .. }), "{err:?}");
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

fn a_one_megabyte_note_is_saved_shown_and_exported() {
    let big: String = "顧客の声を記録した。".repeat(1024 * 1024 / 30 + 1) + "\nEND";
    assert!(big.len() >= 1024 * 1024);
    let mut h = common::learner_on_disk(ui(Lang::EN, false), Some("OP"), |_| {});
    h.keys("Enter e");
    h.app.update(keiko::tui::app::Msg::Paste(big.clone()));
    h.keys("Esc");
    assert_eq!(h.on_disk().note("SM-5.1.1"), big);
    let started = std::time::Instant::now();
    let screen = h.render(80, 24);
    assert!(screen.contains("(e shows all)"), "{screen}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "drawing a 1 MB note took {:?}", started.elapsed());
    let o =
        keiko(&["--file", h.path().to_str().unwrap(), "export", "--format", "json"], h.dir.path()).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["competencies"][0]["levels"][0]["statements"][0]["note"], big.as_str());
}

fn a_symlinked_workbook_opens_read_only_in_the_app() {
    let mut h = common::learner_on_disk(ui(Lang::EN, false), Some("OP"), |_| {});
    let real = h.dir.path().join("real.toml");
    fs::rename(h.path(), &real).unwrap();
    std::os::unix::fs::symlink(&real, h.path()).unwrap();
    let framework = Framework::bundled();
    let store = Store::new(h.path(), &framework);
    let workbook = store.read_or_new().unwrap();
    h.app = keiko::tui::app::App::learner(ui(Lang::EN, false), framework, store.clone(), workbook, "op-a".into());
    let before = fs::read(&real).unwrap();
    h.keys("Enter Space");
    assert!(h.app.status.as_ref().unwrap().text.contains("symbolic link"), "{:?}", h.app.status);
    h.keys("e");
    assert_eq!(h.app.top_kind(), Some(ScreenKind::Competency), "no editor to type into and lose");
    assert_eq!(fs::read(&real).unwrap(), before);
}

fn an_unwritable_workbook_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    Store::new(&path, &Framework::bundled())
        .apply(&Change::Check { id: "SM-5.1.1".into(), checked: true }, &common::stamp("a"), false)
        .unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let before = fs::read(&path).unwrap();
    let nobody = common::Nobody::new();
    let o = nobody.command().args(["--file", path.to_str().unwrap(), "--role", "SV", "status"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot write the workbook: permission denied"), "{}", stderr(&o));
    assert_eq!(fs::read(&path).unwrap(), before);
}

fn a_directory_as_the_workbook_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let o = keiko(&["--file", dir.path().to_str().unwrap(), "status"], dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is not a regular file"), "{}", stderr(&o));
}

fn without_a_terminal_the_app_says_what_to_use_instead() {
    let dir = tempfile::tempdir().unwrap();
    let o = keiko(&["--role", "OP"], dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("needs a terminal"), "{}", stderr(&o));
    assert!(stderr(&o).contains("keiko status"), "{}", stderr(&o));
}

fn a_lock_held_by_a_stuck_process_gives_up_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    let store = Store::new(&path, &Framework::bundled());
    store.apply(&Change::Check { id: "SM-5.1.1".into(), checked: true }, &common::stamp("a"), false).unwrap();
    let lock = fs::File::open(dir.path().join("w.toml.lock")).unwrap();
    lock.lock().unwrap();
    let before = fs::read(&path).unwrap();
    let store = store.with_lock_wait(Duration::from_millis(200));
    let err =
        store.apply(&Change::Check { id: "SM-5.2.1".into(), checked: true }, &common::stamp("a"), false).unwrap_err();
    // The holder is this very process, through another descriptor.
    let who = format!("pid {}) for over 200 ms", std::process::id());
    assert!(
        err.message(Lang::EN).contains("the lock has been held by ") && err.message(Lang::EN).contains(&who),
        "{err:?}"
    );
    assert_eq!(fs::read(&path).unwrap(), before);
}

/// Issue 17: giving up on a lock names who holds it, from `/proc/locks`:
/// the login of the holder's real uid, its command and its pid.
fn a_lock_held_by_another_process_is_named_by_its_login_command_and_pid() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    let store = Store::new(&path, &Framework::bundled());
    store.apply(&Change::Check { id: "SM-5.1.1".into(), checked: true }, &common::stamp("a"), false).unwrap();
    // flock(1) takes the lock, then runs a shell that says so and waits for its input to close.
    let mut flock = Command::new("flock")
        .arg(dir.path().join("w.toml.lock"))
        .args(["sh", "-c", "echo locked; exec cat"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut said = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(flock.stdout.take().unwrap()), &mut said).unwrap();
    assert_eq!(said, "locked\n");
    let before = fs::read(&path).unwrap();
    let err = store
        .with_lock_wait(Duration::from_millis(100))
        .apply(&Change::Check { id: "SM-5.2.1".into(), checked: true }, &common::stamp("a"), false)
        .unwrap_err();
    drop(flock.stdin.take());
    assert!(flock.wait().unwrap().success());
    // SAFETY: getuid has no preconditions.
    let login = keiko_core::os::identity::login_of(unsafe { libc::getuid() }).unwrap();
    let holder = format!("held by {login} (flock, pid {}) for over 100 ms", flock.id());
    assert!(err.message(Lang::EN).ends_with(&holder), "{err:?}");
    let ja = keiko::i18n::Localized::message(&err, Lang::JA);
    assert!(ja.contains(&format!("{login} (flock, pid {}) が100ミリ秒を超えて", flock.id())), "{ja}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

/// Waits at most `limit` for `cmd`; a keiko still running then is blocked.
fn output_within(cmd: &mut Command, limit: Duration) -> Output {
    let mut child = cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            child.kill().unwrap();
            panic!("keiko was still waiting after {limit:?}: {:?}", child.wait_with_output().unwrap());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn mkfifo(path: &Path, mode: u32) {
    let c_path = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), mode) }, 0);
}

fn special_files_as_framework_or_lock_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("center.toml");
    mkfifo(&fifo, 0o644);
    for framework in [fifo.to_str().unwrap(), "/dev/zero"] {
        let o = output_within(&mut keiko(&["--framework", framework, "status"], dir.path()), Duration::from_secs(20));
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stderr(&o).contains(&format!("{framework}: cannot read framework: not a regular file")),
            "{}",
            stderr(&o)
        );
    }
    // A FIFO as the lock file, which another user (who may only read it)
    // would open and wait on forever.
    let team = tempfile::tempdir().unwrap();
    fs::set_permissions(team.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let path = team.path().join("w.toml");
    fs::write(&path, common::EXAMPLE_WORKBOOK).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o666)).unwrap();
    mkfifo(&team.path().join("w.toml.lock"), 0o644);
    let nobody = common::Nobody::new();
    let mut cmd = nobody.command();
    cmd.args(["--file", path.to_str().unwrap(), "--role", "SV", "status"]);
    let o = output_within(&mut cmd, Duration::from_secs(20));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("the lock file is not a regular file"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&path).unwrap(), common::EXAMPLE_WORKBOOK);
}

/// Runs keiko to its end and returns its output and peak memory (bytes).
fn peak_memory(cmd: &mut Command) -> (Output, u64) {
    let child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let pid = child.id() as libc::pid_t;
    let out = std::thread::spawn(move || {
        let mut child = child;
        let (mut out, mut err) = (Vec::new(), Vec::new());
        std::io::Read::read_to_end(child.stdout.as_mut().unwrap(), &mut out).unwrap();
        std::io::Read::read_to_end(child.stderr.as_mut().unwrap(), &mut err).unwrap();
        (out, err)
    });
    let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
    assert_eq!(unsafe { libc::wait4(pid, &mut status, 0, &mut usage) }, pid);
    let (stdout, stderr) = out.join().unwrap();
    let status = std::os::unix::process::ExitStatusExt::from_raw(status);
    (Output { status, stdout, stderr }, usage.ru_maxrss as u64 * 1024)
}

fn the_largest_workbook_keiko_reads_costs_under_200_mb_to_open() {
    // The costliest shapes per byte: many tiny values (under a key keiko
    // does not know, read in full and kept) and many empty tables.
    let limit = keiko_core::store::MAX_WORKBOOK_BYTES as usize;
    let head = "schema = 1\n\n[competencies.SM-5.levels]\n";
    let mut tables = String::from(head);
    for i in 0.. {
        let table = format!("{i:x}={{}}\n");
        if tables.len() + table.len() > limit {
            break;
        }
        tables += &table;
    }
    let values = format!("schema = 1\nzz = [{}]\n", "1,".repeat((limit - 20) / 2));
    for text in [tables, values] {
        assert!(text.len() <= limit && text.len() > limit - 100, "{}", text.len());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.toml");
        fs::write(&path, &text).unwrap();
        let (o, peak) = peak_memory(&mut keiko(&["--file", path.to_str().unwrap(), "status"], dir.path()));
        assert!(o.status.success(), "{}", stderr(&o));
        eprintln!("opening a {} byte workbook took {} MB", text.len(), peak >> 20);
        assert!(peak < 200 << 20, "opening a {} byte workbook took {} MB", text.len(), peak >> 20);
    }
}

fn a_failed_directory_sync_after_the_rename_still_reports_the_change_as_made() {
    // A directory the user may write into but not open: the rename succeeds,
    // the directory sync that follows cannot open the directory.
    let dir = tempfile::tempdir().unwrap();
    let drop_box = dir.path().join("drop");
    fs::create_dir(&drop_box).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&drop_box, fs::Permissions::from_mode(0o733)).unwrap();
    let path = drop_box.join("w.toml");
    let nobody = common::Nobody::new();
    let o = nobody.command().args(["--file", path.to_str().unwrap(), "--role", "SV", "status"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("cannot write the workbook"), "{}", stderr(&o));
    assert!(stderr(&o).contains("the change is saved, but its directory could not be synced"), "{}", stderr(&o));
    let store = Store::new(&path, &Framework::bundled());
    assert_eq!(store.read().unwrap().unwrap().profile.role.as_deref(), Some("SV"));

    // The app says the same on its status line after a change.
    let mut cmd = portable_pty::CommandBuilder::new("setpriv");
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
    cmd.arg(&nobody.program);
    cmd.args(["--file", path.to_str().unwrap(), "--lang", "en"]);
    cmd.env("TERM", "xterm");
    cmd.env("HOME", "/");
    cmd.cwd("/");
    let mut app = common::pty::Pty::spawn_command(cmd, 100, 30);
    app.wait_for("To target");
    app.send("\r");
    app.wait_for("Level 1");
    app.send(" ");
    app.wait_for("could not be synced");
    app.send("q");
    assert!(app.wait_exit(5).success());
    assert!(store.read().unwrap().unwrap().is_checked("SM-5.1.1"), "the check is saved");
}

/// Runs `mount ARGS TARGET`; false (with a note) where the test may not mount.
fn mount(args: &[&str], target: &Path) -> bool {
    match Command::new("mount").args(args).arg(target).output() {
        Ok(o) if o.status.success() => true,
        other => {
            eprintln!("note: skipped: mount {args:?} failed: {other:?}");
            false
        }
    }
}

/// Unmounts a test's mount when dropped.
struct Unmount<'a>(&'a Path);

impl Drop for Unmount<'_> {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0).status();
    }
}

fn a_read_only_file_system_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    if !mount(&["-t", "tmpfs", "-o", "size=1m", "tmpfs"], dir.path()) {
        return;
    }
    let _unmount = Unmount(dir.path());
    let path = dir.path().join("w.toml");
    fs::write(&path, common::EXAMPLE_WORKBOOK).unwrap();
    if !mount(&["-o", "remount,ro"], dir.path()) {
        return;
    }
    let o = keiko(&["--file", path.to_str().unwrap(), "--role", "SV", "status"], dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot write the workbook: read-only file system"), "{}", stderr(&o));
    let o = keiko(&["--file", path.to_str().unwrap(), "--role", "SV", "--lang", "ja", "status"], dir.path())
        .output()
        .unwrap();
    assert!(stderr(&o).contains("読み取り専用のファイルシステムです"), "{}", stderr(&o));
}

fn a_workbook_mounted_in_place_is_read_only_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.toml");
    let path = dir.path().join("w.toml");
    fs::write(&source, common::EXAMPLE_WORKBOOK).unwrap();
    fs::write(&path, "").unwrap();
    if !mount(&["--bind", source.to_str().unwrap()], &path) {
        return;
    }
    let _unmount = Unmount(&path);
    assert_eq!(fs::read_to_string(&path).unwrap(), common::EXAMPLE_WORKBOOK);
    let store = Store::new(&path, &Framework::bundled());
    // The app opens it read-only, saying why, rather than fail every change.
    let err = store.check_writable().unwrap_err();
    assert!(err.message(Lang::EN).contains("is a mount point"), "{err:?}");
    assert!(err.message(Lang::EN).contains("cannot be rewritten in place"), "{err:?}");
    let o = keiko(&["--file", path.to_str().unwrap(), "--role", "SV", "status"], dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("mount point"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("busy"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&source).unwrap(), common::EXAMPLE_WORKBOOK);
}

fn a_lock_file_that_is_a_symbolic_link_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    fs::write(&path, common::EXAMPLE_WORKBOOK).unwrap();
    let elsewhere = dir.path().join("elsewhere");
    std::os::unix::fs::symlink(&elsewhere, dir.path().join("w.toml.lock")).unwrap();
    let o = keiko(&["--file", path.to_str().unwrap(), "--role", "SV", "status"], dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("the lock file is a symbolic link"), "{}", stderr(&o));
    assert!(!elsewhere.exists(), "nothing was created through the link");
    assert_eq!(fs::read_to_string(&path).unwrap(), common::EXAMPLE_WORKBOOK);
}

fn a_file_path_through_a_missing_directory_and_dot_dot_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let o = keiko(&["--file", "sub/../x.toml", "--role", "OP", "status"], dir.path())
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("the directory sub/.. does not exist"), "{}", stderr(&o));
    assert!(!dir.path().join("sub").exists(), "sub/ was created");
    assert!(!dir.path().join("x.toml").exists());
}

fn a_file_path_ending_in_a_slash_is_refused_before_anything_is_made() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["--file", "new.toml/", "--role", "OP", "status"][..], &["--file", "new.toml/", "status"]] {
        let o = keiko(args, dir.path()).current_dir(dir.path()).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(stderr(&o).contains("new.toml/: is not a regular file"), "{}", stderr(&o));
    }
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

fn main() -> std::process::ExitCode {
    common::run_tests(
        tests![
            a_lock_held_by_another_process_is_named_by_its_login_command_and_pid,
            a_broken_framework_file_given_with_framework_stops_with_its_position,
            a_typo_in_a_hand_edited_workbook_is_kept_not_dropped,
            non_utf8_bytes_in_a_note_are_refused_with_their_position,
            a_one_megabyte_note_is_saved_shown_and_exported,
            a_symlinked_workbook_opens_read_only_in_the_app,
            an_unwritable_workbook_file_is_reported,
            a_directory_as_the_workbook_is_reported,
            without_a_terminal_the_app_says_what_to_use_instead,
            a_lock_held_by_a_stuck_process_gives_up_with_a_message,
            special_files_as_framework_or_lock_are_refused_at_once,
            the_largest_workbook_keiko_reads_costs_under_200_mb_to_open,
            a_lock_file_that_is_a_symbolic_link_is_named_as_such,
            a_file_path_through_a_missing_directory_and_dot_dot_creates_nothing,
            a_file_path_ending_in_a_slash_is_refused_before_anything_is_made
        ],
        tests![
            a_failed_directory_sync_after_the_rename_still_reports_the_change_as_made,
            a_read_only_file_system_is_named_as_such,
            a_workbook_mounted_in_place_is_read_only_with_the_reason
        ],
        "mounts file systems and runs keiko as another user",
    )
}
