//! Coach review in real pseudo-terminals: the whole request → sign-off loop
//! between two running processes, and hostile text that must never reach
//! the coach's terminal as control sequences.

mod common;

use common::pty::{ENTER, Pty};
use keiko_core::model::framework::Framework;
use keiko_core::model::workbook::Change;
use keiko_core::store::Store;

fn a_learner_asks_for_review_a_coach_signs_off_and_the_learner_sees_it() {
    let home = tempfile::tempdir().unwrap();
    let team = home.path().join("team");
    std::fs::create_dir(&team).unwrap();
    let file = team.join("aoki.toml");
    let en = [("LANG", "en_US.UTF-8"), ("KEIKO_FILE", file.to_str().unwrap())];

    let mut learner = Pty::spawn(&["--role", "OP", "--name", "Aoki"], home.path(), &en, 100, 30);
    learner.wait_for("To target");
    learner.send(ENTER);
    learner.wait_for("Understands in what situations customers defect.");
    learner.send(" ");
    learner.send("v");
    learner.wait_for("Review of Level 1 requested.");

    let mut coach = Pty::spawn(&["review", "--coach", "tanaka", team.to_str().unwrap()], home.path(), &en, 100, 30);
    coach.wait_for("waiting 1");
    coach.send("w");
    coach.wait_for("Waiting for review");
    coach.send(ENTER);
    coach.wait_for("review requested");
    coach.send("s");
    coach.wait_for("Sign off SM-5 Level 1");
    coach.send("Clear evidence, well done");
    coach.send(ENTER);
    coach.wait_for("Level 1 signed off.");

    // The learner's running app picks up the sign-off and its comment by itself.
    learner.wait_for("tanaka signed off SM-5 Level 1.");
    learner.wait_for("Clear evidence, well done");
    assert!(learner.contents().contains("signed off tanaka"), "{}", learner.contents());

    coach.send("q");
    learner.send("q");
    assert!(coach.wait_exit(5).success());
    assert!(learner.wait_exit(5).success());
    let wb = Store::new(&file, &Framework::bundled()).read().unwrap().unwrap();
    let signoff = wb.level_state("SM-5", 1).unwrap().signoff.clone().unwrap();
    assert_eq!((signoff.by.as_str(), signoff.comment.as_str()), ("tanaka", "Clear evidence, well done"));
}

/// Pieces of hostile text and the raw bytes each would send a terminal.
const HOSTILE: &[(&str, &[u8])] = &[
    ("T\u{1b}]0;PWNED\u{7}", b"T\x1b]0;PWNED"),
    ("X\u{1b}[2JY", b"X\x1b[2JY"),
    ("C1\u{9b}31m", b"C1\xc2\x9b"),
    ("bidi\u{202e}txt", "bidi\u{202e}".as_bytes()),
];

fn hostile_text(prefix: &str) -> String {
    HOSTILE.iter().map(|(text, _)| format!("{prefix}{text}")).collect::<Vec<_>>().join(" ")
}

fn assert_clean(output: &[u8], what: &str) {
    for (_, raw) in HOSTILE {
        assert!(
            !output.windows(raw.len()).any(|w| w == *raw),
            "{what}: raw {:?} reached the terminal",
            String::from_utf8_lossy(raw)
        );
    }
    assert!(!output.windows(9).any(|w| w == b"evil\x1b[31m"), "{what}: a file name's escape reached the terminal");
}

fn hostile_text_never_reaches_the_coachs_terminal_as_control_sequences() {
    let home = tempfile::tempdir().unwrap();
    let team = home.path().join("team");
    std::fs::create_dir(&team).unwrap();
    let framework = Framework::bundled();
    let store = Store::new(team.join("mallory.toml"), &framework);
    let who = common::stamp("mallory");
    let changes = [
        Change::Profile { name: Some(hostile_text("name")), role: Some("OP".into()) },
        Change::Check { id: "SM-5.1.1".into(), checked: true },
        Change::Note { id: "SM-5.1.1".into(), text: hostile_text("note") },
        Change::Reflection { competency: "SM-5".into(), text: hostile_text("refl") },
        Change::Comment { competency: "SM-5".into(), text: hostile_text("comment") },
        Change::RequestReview { competency: "SM-5".into(), level: 1, requested: true },
    ];
    for change in &changes {
        store.apply(change, &who, false).unwrap();
    }
    std::fs::write(team.join("evil\u{1b}[31m.toml"), "schema = 1\n[profile\n").unwrap();
    let en = [("LANG", "en_US.UTF-8")];

    // The team overview, the learner's overview and level, and the note viewer.
    let mut coach = Pty::spawn(&["review", team.to_str().unwrap()], home.path(), &en, 120, 40);
    coach.wait_for("Files not read");
    coach.send(ENTER);
    coach.wait_for("To target");
    coach.send(ENTER);
    coach.wait_for("Understands in what situations customers defect.");
    coach.send("e");
    coach.wait_for("notebidi");
    coach.send("\x1b");
    coach.send("H");
    coach.wait_for("History");
    coach.send("q");
    coach.wait_exit(5);
    assert_clean(&coach.output.lock().unwrap(), "review");
    // A BEL would be in the raw bytes (a terminal emulator never shows it).
    assert!(!coach.output.lock().unwrap().contains(&0x07), "a BEL reached the terminal");

    // Exports and error messages printed to a terminal.
    let file = team.join("mallory.toml");
    for args in [
        vec!["review", "--export", "md", team.to_str().unwrap()],
        vec!["review", "--export", "csv", team.to_str().unwrap()],
        vec!["--file", file.to_str().unwrap(), "export", "--format", "md"],
        vec!["--file", file.to_str().unwrap(), "export", "--format", "json"],
        vec!["--file", file.to_str().unwrap(), "status"],
    ] {
        let mut run = Pty::spawn(&args, home.path(), &en, 120, 40);
        run.wait_exit(5);
        run.settle(std::time::Duration::from_millis(100));
        assert_clean(&run.output.lock().unwrap(), &args.join(" "));
        let output = run.output.lock().unwrap();
        assert!(output.windows(5).any(|w| w == b"PWNED"), "the text itself is shown, made harmless");
    }
    let evil = team.join("evil\u{1b}[31m.toml");
    let mut error = Pty::spawn(&["--file", evil.to_str().unwrap(), "status"], home.path(), &en, 120, 40);
    error.wait_exit(5);
    error.settle(std::time::Duration::from_millis(100));
    assert_clean(&error.output.lock().unwrap(), "error message");
    assert!(error.contents().contains("evil^[[31m.toml"), "{}", error.contents());
}

fn an_idle_review_writes_nothing_and_uses_no_cpu() {
    let dir = common::team_dir();
    std::fs::write(dir.path().join("Cargo.toml"), "[package]\n").unwrap();
    let home = tempfile::tempdir().unwrap();
    let mut coach =
        Pty::spawn(&["review", dir.path().to_str().unwrap()], home.path(), &[("LANG", "en_US.UTF-8")], 100, 30);
    coach.wait_for("Files not read (2)");
    // After a sign-off (a write the watcher sees, and reloads that follow).
    coach.send("\x1b[B");
    coach.send(ENTER);
    coach.send(ENTER);
    coach.send("s");
    coach.send("ok");
    coach.send(ENTER);
    coach.wait_for("Level 1 signed off.");
    coach.assert_idle_then_quit();
}

/// A learner's change reaches the coach's open team screen by itself (the
/// team reader runs on its own thread), and a new learner's file appears.
fn the_team_screen_shows_a_learners_change_live() {
    let dir = common::team_dir();
    let home = tempfile::tempdir().unwrap();
    let en = [("LANG", "en_US.UTF-8")];
    let mut coach = Pty::spawn(&["review", dir.path().to_str().unwrap()], home.path(), &en, 100, 30);
    coach.wait_for("waiting 1");
    let aoki = Store::new(dir.path().join("aoki.toml"), &Framework::bundled());
    let withdraw = Change::RequestReview { competency: "SM-5".into(), level: 1, requested: false };
    aoki.apply(&withdraw, &common::stamp("aoki"), false).unwrap();
    coach.wait_for("waiting 0");
    let dean = Store::new(dir.path().join("dean.toml"), &Framework::bundled());
    dean.apply(&Change::Profile { name: Some("Dean".into()), role: Some("OP".into()) }, &common::stamp("dean"), false)
        .unwrap();
    coach.wait_for("Dean");
    coach.send("q");
    assert!(coach.wait_exit(5).success());
}

/// A workbook the coach may not write is marked `[read-only]` in the team
/// table. The summary cache remembers which files were writable; a change
/// of mode changes the file's identity, so a warm cache never hides it.
fn a_workbook_made_read_only_is_marked_so_with_the_summary_cached() {
    use std::os::unix::fs::{PermissionsExt, chown};
    let program = common::Nobody::new().program;
    let home = tempfile::tempdir().unwrap();
    std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let (team, cache) = (home.path().join("team"), home.path().join("cache"));
    for dir in [&team, &cache] {
        std::fs::create_dir(dir).unwrap();
        chown(dir, Some(65534), Some(65534)).unwrap();
    }
    let framework = Framework::bundled();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for name in ["Aoki", "Baba"] {
        let path = team.join(format!("{}.toml", name.to_lowercase()));
        let change = Change::Profile { name: Some(name.into()), role: Some("OP".into()) };
        Store::new(&path, &framework).apply(&change, &common::stamp("op"), false).unwrap();
        chown(&path, Some(65534), Some(65534)).unwrap();
        // Not changed within a second of the cache: its summary is kept.
        std::fs::File::options().write(true).open(&path).unwrap().set_modified(hour_ago).unwrap();
    }
    let open_team = || {
        let mut cmd = portable_pty::CommandBuilder::new("setpriv");
        cmd.args(["--reuid", "65534", "--regid", "65534", "--clear-groups", "--"]);
        cmd.arg(&program);
        cmd.args(["review", "--coach", "tanaka", team.to_str().unwrap()]);
        cmd.env_clear();
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        for (k, v) in [("TERM", "xterm-256color"), ("LANG", "en_US.UTF-8"), ("TZ", "UTC")] {
            cmd.env(k, v);
        }
        cmd.env("HOME", home.path());
        cmd.env("XDG_CACHE_HOME", &cache);
        cmd.cwd("/");
        let mut coach = Pty::spawn_command(cmd, 80, 24);
        coach.wait_for("Baba");
        let screen = coach.contents();
        coach.send("q");
        assert!(coach.wait_exit(5).success());
        let row = |name: &str| screen.lines().find(|l| l.contains(name)).unwrap().to_string();
        (row("Aoki"), row("Baba"))
    };
    let (aoki, baba) = open_team();
    assert!(!aoki.contains("[read-only]") && !baba.contains("[read-only]"), "{aoki}\n{baba}");
    assert!(std::fs::read_dir(cache.join("keiko")).unwrap().count() > 0, "the summary cache is written");
    let (aoki, _) = open_team();
    assert!(!aoki.contains("[read-only]"), "warm, as it was: {aoki}");

    std::fs::set_permissions(team.join("aoki.toml"), std::fs::Permissions::from_mode(0o444)).unwrap();
    let (aoki, baba) = open_team();
    assert!(aoki.contains("[read-only]"), "{aoki}");
    assert!(!baba.contains("[read-only]"), "{baba}");
}

/// Issue 17: a learner added to the team while the coach's review is open
/// (their directories made, as `keiko team add` makes them) is watched from
/// then on like every other: each change of their workbook reaches the open
/// screen by itself, not only the first look at them.
fn a_learner_added_while_review_is_open_is_watched_like_the_others() {
    let home = tempfile::tempdir().unwrap();
    let team = home.path().join("team");
    for dir in ["learners/aoki", "verdicts/aoki"] {
        std::fs::create_dir_all(team.join(dir)).unwrap();
    }
    let roster = "layout = 2\ncoaches = [\"tanaka\"]\n\n[[learner]]\nlogin = \"aoki\"\nname = \"Aoki Hanako\"\n";
    std::fs::write(team.join("team.toml"), roster).unwrap();
    let system = home.path().join("system-config.toml");
    std::fs::write(&system, format!("team = {:?}\n", team.to_str().unwrap())).unwrap();
    let en = [("LANG", "en_US.UTF-8"), ("KEIKO_SYSTEM_CONFIG", system.to_str().unwrap())];

    let mut coach = Pty::spawn(&["review", "--coach", "tanaka"], home.path(), &en, 100, 30);
    coach.wait_for("Aoki Hanako");
    coach.wait_for("1 learner ");
    // The new learner's two directories: the team now lists them, not started.
    std::fs::create_dir(team.join("learners/newbie")).unwrap();
    std::fs::create_dir(team.join("verdicts/newbie")).unwrap();
    coach.wait_for("2 learners");
    // Only then their first change, and another: each reaches the screen.
    let store = Store::new(team.join("learners/newbie/workbook.toml"), &Framework::bundled());
    let newbie = common::stamp("newbie");
    let name = |name: &str| Change::Profile { name: Some(name.into()), role: Some("OP".into()) };
    store.apply(&name("Newbie Nakamura"), &newbie, false).unwrap();
    coach.wait_for("Newbie Nakamura");
    store.apply(&Change::Check { id: "SM-5.1.1".into(), checked: true }, &newbie, false).unwrap();
    store.apply(&name("Newbie Sato"), &newbie, false).unwrap();
    coach.wait_for("Newbie Sato");
    coach.send("q");
    assert!(coach.wait_exit(5).success());
}

fn main() -> std::process::ExitCode {
    common::run_tests(
        tests![
            a_learner_asks_for_review_a_coach_signs_off_and_the_learner_sees_it,
            hostile_text_never_reaches_the_coachs_terminal_as_control_sequences,
            an_idle_review_writes_nothing_and_uses_no_cpu,
            the_team_screen_shows_a_learners_change_live,
            a_learner_added_while_review_is_open_is_watched_like_the_others
        ],
        tests![a_workbook_made_read_only_is_marked_so_with_the_summary_cached],
        "runs keiko as a user permissions apply to",
    )
}
