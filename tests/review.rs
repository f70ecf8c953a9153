//! Coach review: the team overview, the read-only learner view, sign-offs,
//! returns, comments and review requests, stored safely beside the learner.

mod common;

use std::path::Path;
use std::process::Command;

use common::{coach, team_dir, type_keys};
use keiko::i18n::Lang;
use keiko::tui::app::{Effect, Msg, Screen};
use keiko::tui::keymap::ScreenKind;
use keiko_core::model::framework::Framework;
use keiko_core::model::workbook::{Change, Stamp};
use keiko_core::store::Store;

fn read(dir: &Path, file: &str) -> keiko_core::model::workbook::Workbook {
    Store::new(dir.join(file), &Framework::bundled()).read().unwrap().unwrap()
}

#[test]
fn the_team_overview_lists_learners_and_files_it_could_not_read() {
    let dir = team_dir();
    let app = coach(Lang::EN, dir.path());
    let screen = common::render(&app, 100, 24);
    assert!(screen.contains("3 learners  at target 0  waiting 1"), "{screen}");
    assert!(screen.contains("Chen Wei"), "{screen}");
    assert!(screen.contains("  broken.toml: 2:9: "), "{screen}");
}

#[test]
fn a_coach_signs_off_a_level_with_a_comment() {
    let dir = team_dir();
    let mut app = coach(Lang::EN, dir.path());
    // Sorted by name: Chen Wei, 青木 花子, 馬場 太郎.
    type_keys(&mut app, "Down Enter Enter s Clear Space evidence Enter");
    let wb = read(dir.path(), "aoki.toml");
    let signoff = wb.level_state("SM-5", 1).unwrap().signoff.clone().unwrap();
    assert_eq!((signoff.by.as_str(), signoff.comment.as_str()), ("tanaka", "Clear evidence"));
    assert!(wb.level_state("SM-5", 1).unwrap().review_requested.is_none(), "the sign-off answers the request");
    assert_eq!(wb.history.last().unwrap().what, keiko_core::model::workbook::Verb::SignOff);
}

#[test]
fn returning_a_level_needs_a_comment() {
    let dir = team_dir();
    let mut app = coach(Lang::EN, dir.path());
    type_keys(&mut app, "Down Enter Enter x Enter");
    assert_eq!(app.top_kind(), Some(ScreenKind::Prompt));
    assert_eq!(app.status.as_ref().unwrap().text, "Returning a level needs a comment.");
    type_keys(&mut app, "Add Space a Space real Space case Enter");
    let returned = read(dir.path(), "aoki.toml").level_state("SM-5", 1).unwrap().returned.clone().unwrap();
    assert_eq!(returned.comment, "Add a real case");
    // Esc cancels without writing anything.
    let before = std::fs::read(dir.path().join("aoki.toml")).unwrap();
    type_keys(&mut app, "s");
    assert_eq!(app.top_kind(), Some(ScreenKind::Prompt));
    type_keys(&mut app, "Esc");
    assert_eq!(app.top_kind(), Some(ScreenKind::Competency));
    assert_eq!(std::fs::read(dir.path().join("aoki.toml")).unwrap(), before);
}

#[test]
fn a_coach_comments_in_the_note_editor() {
    let dir = team_dir();
    let mut app = coach(Lang::EN, dir.path());
    type_keys(&mut app, "Down Enter Enter c Try Space the Space next Space level. Esc");
    let wb = read(dir.path(), "aoki.toml");
    let comments = wb.comments("SM-5");
    assert_eq!(comments.len(), 1);
    assert_eq!((comments[0].by.as_str(), comments[0].text.as_str()), ("tanaka", "Try the next level."));
}

#[test]
fn a_coach_never_ticks_a_learners_box_or_edits_their_note() {
    let dir = team_dir();
    let mut app = coach(Lang::EN, dir.path());
    let before = std::fs::read(dir.path().join("chen.toml")).unwrap();
    type_keys(&mut app, "Enter Enter");
    // On Chen's first level, where a learner's keys would change the file.
    assert_eq!(app.top_kind(), Some(ScreenKind::Competency));
    assert!(app.doc.as_ref().unwrap().store.path().ends_with("chen.toml"));
    type_keys(&mut app, "Space");
    assert!(!app.workbook().unwrap().is_checked("SM-5.1.1"));
    // A coach's `e` and `R` open the learner's note and reflection to read.
    type_keys(&mut app, "e");
    assert_eq!(app.top_kind(), Some(ScreenKind::Viewer));
    type_keys(&mut app, "typing Esc R");
    assert_eq!(app.top_kind(), Some(ScreenKind::Viewer));
    type_keys(&mut app, "more Esc u");
    assert_eq!(app.top_kind(), Some(ScreenKind::Competency));
    assert_eq!(std::fs::read(dir.path().join("chen.toml")).unwrap(), before);
}

#[test]
fn the_waiting_list_opens_straight_into_the_level() {
    let dir = team_dir();
    let mut app = coach(Lang::EN, dir.path());
    type_keys(&mut app, "w");
    let screen = common::render(&app, 80, 24);
    assert!(screen.contains("青木 花子"), "{screen}");
    type_keys(&mut app, "Enter");
    let Some(Screen::Competency(c)) = app.screens.last() else { panic!("not in the level") };
    assert_eq!((c.competency, c.level), (0, 0));
    type_keys(&mut app, "s Enter");
    assert!(read(dir.path(), "aoki.toml").level_state("SM-5", 1).unwrap().signoff.is_some());
    type_keys(&mut app, "Esc Esc");
    assert_eq!(app.top_kind(), Some(ScreenKind::Team));
    assert!(common::render(&app, 80, 24).contains("waiting 0"), "{}", common::render(&app, 80, 24));
}

#[test]
fn sorting_and_filtering_the_team() {
    let dir = team_dir();
    let mut app = coach(Lang::EN, dir.path());
    let order = |app: &keiko::tui::app::App| -> Vec<String> {
        let state = app.team.as_ref().unwrap();
        state.shown.iter().map(|&i| state.team.members[i].summary.name.clone()).collect()
    };
    assert_eq!(order(&app), ["Chen Wei", "青木 花子", "馬場 太郎"]);
    type_keys(&mut app, "o");
    assert_eq!(order(&app), ["Chen Wei", "馬場 太郎", "青木 花子"], "least progress first");
    type_keys(&mut app, "o o");
    assert_eq!(order(&app)[0], "青木 花子", "most requests first");
    type_keys(&mut app, "/ 馬場 Enter");
    assert_eq!(order(&app), ["馬場 太郎"]);
    type_keys(&mut app, "Esc");
    assert_eq!(order(&app).len(), 3, "Esc clears the filter");
}

#[test]
fn a_stale_sign_off_is_shown_never_deleted() {
    let dir = team_dir();
    let framework = Framework::bundled();
    let store = Store::new(dir.path().join("aoki.toml"), &framework);
    let coach_stamp = Stamp::new("tanaka", keiko_core::clock::time_from_unix(1_800_000_000));
    store.apply(&Change::sign_off(&framework, "SM-6", 1, ""), &coach_stamp, false).unwrap();
    let later = Stamp::new("aoki", keiko_core::clock::time_from_unix(1_800_000_100));
    store.apply(&Change::Check { id: "SM-6.1.2".into(), checked: false }, &later, false).unwrap();
    let mut app = coach(Lang::EN, dir.path());
    type_keys(&mut app, "Down Enter Down Enter");
    let screen = common::render(&app, 80, 24);
    assert!(screen.contains("! signed off tanaka (stale: SM-6.1.2"), "{screen}");
    assert!(read(dir.path(), "aoki.toml").level_state("SM-6", 1).unwrap().signoff.is_some());
}

#[test]
fn a_read_only_workbook_can_be_reviewed_but_not_changed() {
    let dir = team_dir();
    let file = dir.path().join("aoki.toml");
    let before = std::fs::read(&file).unwrap();
    // Make the file unwritable in a way root cannot ignore: a symbolic link.
    std::fs::rename(&file, dir.path().join("real-aoki.data")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("real-aoki.data"), &file).unwrap();
    let mut app = coach(Lang::EN, dir.path());
    type_keys(&mut app, "Down Enter");
    assert!(app.status.as_ref().unwrap().text.starts_with("Read-only: "), "{:?}", app.status);
    type_keys(&mut app, "Enter");
    // On the level, where a sign-off would be made.
    assert_eq!(app.top_kind(), Some(ScreenKind::Competency));
    type_keys(&mut app, "s");
    assert_eq!(app.top_kind(), Some(ScreenKind::Competency), "no comment to type for a sign-off that cannot be saved");
    assert!(app.status.as_ref().unwrap().text.contains("symbolic link"), "{:?}", app.status);
    type_keys(&mut app, "Enter");
    assert_eq!(std::fs::read(dir.path().join("real-aoki.data")).unwrap(), before);
    assert!(std::fs::symlink_metadata(&file).unwrap().file_type().is_symlink());
}

#[test]
fn export_prints_the_overview_without_the_app() {
    let dir = team_dir();
    let out = Command::new(env!("CARGO_BIN_EXE_keiko"))
        .env("KEIKO_SYSTEM_CONFIG", common::NO_SYSTEM_CONFIG)
        .args(["review", "--export", "csv", dir.path().to_str().unwrap()])
        .env("TZ", "UTC")
        // The summary cache, away from the user's own (hidden: not a file of the team).
        .env("XDG_CACHE_HOME", dir.path().join(".cache"))
        .output()
        .unwrap();
    // The broken file is a row with its reason, and fails the export.
    assert_eq!(out.status.code(), Some(1));
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    // Achieved and target as two numbers each: a spreadsheet reads `1/2` as a date.
    assert_eq!(
        lines[0],
        "name,login,status,role,file,checked,total,percent,SM-5_achieved,SM-5_target,SM-6_achieved,SM-6_target,\
         SM-7_achieved,SM-7_target,SM-8_achieved,SM-8_target,SM-9_achieved,SM-9_target,signoffs,open_requests,\
         last_activity,problem"
    );
    assert!(lines[2].starts_with("青木 花子,,in_progress,OP,"), "{csv}");
    assert!(lines[2].contains(",3,11,27,1,2,1,1,0,2,0,1,0,1,0,1,"), "{csv}");
    assert!(lines[4].starts_with("broken,,not_read,,"), "{csv}");
    assert!(lines[4].ends_with(",\"2:9: unclosed table, expected `]`\""), "{csv}");
    assert!(!csv.starts_with('\u{feff}'), "standard output gets no byte-order mark");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("broken.toml: 2:9: "), "{stderr}");
}

/// The team export run as a coach runs it, in a time zone far from UTC.
fn team_export(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_keiko"))
        .env("KEIKO_SYSTEM_CONFIG", common::NO_SYSTEM_CONFIG)
        .arg("review")
        .args(args)
        .arg(dir)
        .env("TZ", "Asia/Tokyo")
        .env("KEIKO_LANG", "en")
        .env("XDG_CACHE_HOME", dir.join(".cache"))
        .output()
        .unwrap()
}

#[test]
fn the_markdown_overview_speaks_the_coachs_language() {
    let dir = team_dir();
    let ja = String::from_utf8(team_export(dir.path(), &["--export", "md", "--lang", "ja"]).stdout).unwrap();
    assert!(
        ja.starts_with(
            "# 稽古 keiko チームのレビュー\n\n学習者 3 人、目標到達 0 人、レビュー待ち 1 件、読めなかったファイル 1 件 (表の下)\n"
        ),
        "{ja}"
    );
    assert!(ja.contains("| 名前 | 役割 | ファイル | チェック済み |"), "{ja}");
    assert!(ja.contains("## 読めなかったファイル"), "{ja}");
    assert!(!ja.contains("learners") && !ja.contains("Not read"), "{ja}");
    let en = String::from_utf8(team_export(dir.path(), &["--export", "md"]).stdout).unwrap();
    assert!(en.contains("3 learners, 0 at target, 1 review waiting"), "{en}");
    assert!(en.contains("## Files not read"), "{en}");
    // Markdown is read by people: one `1/2` cell per competency.
    assert!(en.contains(" | 3 | 11 | 27 | 1/2 | 1/1 | 0/2 | 0/1 | 0/1 | 0 | 1 | "), "{en}");
}

/// One time basis in both formats, whatever the coach's time zone: RFC 3339 in UTC.
#[test]
fn last_activity_is_the_same_utc_time_in_csv_and_markdown() {
    let dir = team_dir();
    let utc = common::fixed_now().to_string();
    assert!(utc.ends_with('Z'), "{utc}");
    let csv = String::from_utf8(team_export(dir.path(), &["--export", "csv"]).stdout).unwrap();
    let md = String::from_utf8(team_export(dir.path(), &["--export", "md"]).stdout).unwrap();
    assert!(csv.lines().nth(2).unwrap().ends_with(&format!(",{utc},")), "{csv}");
    assert!(md.contains(&format!(" | {utc} |")), "{md}");
    assert!(md.contains("last activity (UTC)"), "{md}");
}

#[test]
fn the_team_csv_written_to_a_file_opens_in_excel_and_is_replaced_whole() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = team_dir();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("team.csv");
    std::fs::write(&out, "last week\n").unwrap();
    std::fs::hard_link(&out, out_dir.path().join("last-week.csv")).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    let o = team_export(dir.path(), &["--export", "csv", "-o", out.to_str().unwrap()]);
    // Written whole, though the broken file fails it.
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stdout.is_empty());
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(stderr.contains(&format!("keiko: wrote {}\n", out.display())), "{stderr}");
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with("\u{feff}name,login,status,role,file,".as_bytes()));
    // Renamed over, not rewritten in place: the old file's other name still holds it.
    assert_eq!(std::fs::read_to_string(out_dir.path().join("last-week.csv")).unwrap(), "last week\n");
    assert_eq!(std::fs::metadata(&out).unwrap().mode() & 0o777, 0o640);
    let names: Vec<_> = std::fs::read_dir(out_dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
    // Markdown gets no mark; -o without --export is refused.
    let md = out_dir.path().join("team.md");
    team_export(dir.path(), &["--export", "md", "-o", md.to_str().unwrap(), "--lang", "ja"]);
    assert!(std::fs::read_to_string(&md).unwrap().starts_with("# 稽古 keiko"));
    let o = team_export(dir.path(), &["-o", md.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}

/// A file in the team directory, its bytes and modification time.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>, std::time::SystemTime)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let meta = std::fs::symlink_metadata(e.path()).unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap_or_default(),
                meta.modified().unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn opening_a_team_reads_every_kind_of_file_and_writes_nothing() {
    let dir = team_dir();
    std::fs::write(dir.path().join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a workbook").unwrap();
    let secret = dir.path().join("secret.toml");
    std::fs::copy(dir.path().join("chen.toml"), &secret).unwrap();
    use std::os::unix::fs::PermissionsExt;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        std::fs::set_permissions(entry.unwrap().path(), std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let before = snapshot(dir.path());
    // Run as an unprivileged user, so the unreadable file is unreadable even when tests run as root.
    let nobody = common::Nobody::new();
    let out = nobody
        .command()
        .args(["review", "--export", "md", dir.path().to_str().unwrap()])
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let md = String::from_utf8(out.stdout).unwrap();
    for name in ["青木 花子", "馬場 太郎", "Chen Wei"] {
        assert!(md.contains(name), "{name} missing:\n{md}");
    }
    assert!(md.contains("broken.toml`: 2:9: "), "{md}");
    assert!(md.contains("Cargo.toml`: not a keiko workbook (no schema)"), "{md}");
    assert!(md.contains("secret.toml`: permission denied"), "{md}");
    assert!(!md.contains("notes.txt"), "other files are skipped quietly in exports");
    assert_eq!(snapshot(dir.path()), before, "review must not write anything");
}

/// Two processes on one workbook: a learner checking 300 boxes while a coach
/// signs off 25 levels and writes 25 comments. Every change of both survives.
#[test]
fn a_learner_and_a_coach_at_the_same_time_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("w.toml");
    let spawn = |role: &str| {
        Command::new(std::env::current_exe().unwrap())
            .args(["concurrent_worker", "--exact", "--ignored", "--nocapture"])
            .env("KEIKO_TEST_WORKER", role)
            .env("KEIKO_TEST_FILE", &file)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let (mut learner, mut coach) = (spawn("learner"), spawn("coach"));
    assert!(learner.wait().unwrap().success());
    assert!(coach.wait().unwrap().success());
    let framework = worker_framework();
    let wb = Store::new(&file, &framework).read().unwrap().unwrap();
    let statements: Vec<String> =
        framework.competencies.iter().flat_map(|c| c.statements()).map(|(_, s)| s.id.clone()).collect();
    let unchecked: Vec<&String> = statements.iter().filter(|id| !wb.is_checked(id)).collect();
    assert!(unchecked.is_empty(), "lost checks: {unchecked:?}");
    for c in 1..=25 {
        let id = format!("G-{c}");
        assert!(wb.level_state(&id, 1).and_then(|l| l.signoff.as_ref()).is_some(), "lost sign-off of {id}");
        assert_eq!(wb.comments(&id).len(), 1, "lost comment on {id}");
    }
    assert_eq!(wb.history.len(), 350);
}

fn worker_framework() -> Framework {
    Framework::parse(&keiko_core::model::framework::synthetic_toml(25, 3), "synthetic").unwrap()
}

/// One side of the test above, run in its own process.
#[test]
#[ignore = "a child process of a_learner_and_a_coach_at_the_same_time_lose_nothing"]
fn concurrent_worker() {
    let (Ok(role), Ok(file)) = (std::env::var("KEIKO_TEST_WORKER"), std::env::var("KEIKO_TEST_FILE")) else {
        return;
    };
    let framework = worker_framework();
    let store = Store::new(&file, &framework);
    let stamp = |by: &str| Stamp::new(by, keiko_core::clock::now());
    if role == "learner" {
        for c in &framework.competencies {
            for (_, s) in c.statements() {
                store.apply(&Change::Check { id: s.id.clone(), checked: true }, &stamp("learner"), false).unwrap();
            }
        }
    } else {
        for c in 1..=25 {
            let competency = format!("G-{c}");
            let signoff = Change::sign_off(&framework, &competency, 1, "ok");
            store.apply(&signoff, &stamp("coach"), false).unwrap();
            store.apply(&Change::Comment { competency, text: format!("comment {c}") }, &stamp("coach"), false).unwrap();
        }
    }
}

/// The screen's thread never reads the team's files: a file change only
/// reaches the table through what the team reader (its own thread) found.
#[test]
fn team_files_are_read_off_the_screens_thread() {
    let dir = team_dir();
    let mut app = coach(Lang::EN, dir.path());
    let mut reader = keiko_core::team::TeamReader::of(&app.team.as_ref().unwrap().team, Framework::bundled());
    assert!(common::render(&app, 80, 24).contains("waiting 1"));
    let aoki = Store::new(dir.path().join("aoki.toml"), &Framework::bundled());
    let withdraw = Change::RequestReview { competency: "SM-5".into(), level: 1, requested: false };
    aoki.apply(&withdraw, &common::stamp("aoki"), false).unwrap();
    app.update(Msg::FileChanged);
    assert!(common::render(&app, 80, 24).contains("waiting 1"), "the screen's thread read the team");
    let changes = reader.changes().expect("the reader sees the change");
    assert_eq!(app.update(Msg::TeamChanged(Box::new(changes))), Effect::Draw);
    assert!(common::render(&app, 80, 24).contains("waiting 0"), "{}", common::render(&app, 80, 24));
}

/// A coach's app on `dir`, like `common::coach`, in ASCII drawing or not.
fn coach_drawing(lang: Lang, dir: &Path, ascii: bool) -> keiko::tui::app::App {
    let framework = Framework::bundled();
    let team = keiko_core::team::Team::open(&framework, vec![dir.to_path_buf()]);
    let ui = keiko::tui::model::Ui { lang, glyphs: keiko::glyphs::Glyphs::get(ascii), color: false };
    let mut app = keiko::tui::app::App::empty(ui, framework, "tanaka".into(), true).with_clock(common::fixed_now);
    app.team = Some(keiko::tui::screens::team::TeamView::new(team));
    app.screens.push(Screen::Team(Default::default()));
    app.update(Msg::Resize(80, 24));
    app
}

#[test]
fn the_team_table_marks_returned_levels_and_stale_sign_offs_apart() {
    let dir = team_dir();
    let framework = Framework::bundled();
    let coach_stamp = Stamp::new("tanaka", keiko_core::clock::time_from_unix(1_800_000_000));
    // 青木: SM-6 level 1 signed off, then unchecked (stale). 馬場: SM-5 level 1 returned.
    let aoki = Store::new(dir.path().join("aoki.toml"), &framework);
    aoki.apply(&Change::sign_off(&framework, "SM-6", 1, ""), &coach_stamp, false).unwrap();
    let later = Stamp::new("aoki", keiko_core::clock::time_from_unix(1_800_000_100));
    aoki.apply(&Change::Check { id: "SM-6.1.2".into(), checked: false }, &later, false).unwrap();
    let baba = Store::new(dir.path().join("baba.toml"), &framework);
    let back = Change::Return { competency: "SM-5".into(), level: 1, comment: "根拠を".into() };
    baba.apply(&back, &coach_stamp, false).unwrap();
    for (ascii, request) in [(false, "⚐"), (true, "*")] {
        let app = coach_drawing(Lang::JA, dir.path(), ascii);
        let screen = common::render(&app, 80, 24);
        let row = |name: &str| screen.lines().find(|l| l.contains(name)).unwrap().to_string();
        // No colour: each state is its own mark, counted, and the summary names them.
        assert!(row("青木 花子").contains(&format!("{request}1 ")) && row("青木 花子").contains(" ?1 "), "{screen}");
        assert!(row("馬場 太郎").contains(" !1 ") && !row("馬場 太郎").contains('?'), "{screen}");
        assert!(!row("Chen Wei").contains('!') && !row("Chen Wei").contains('?'), "{screen}");
        assert!(screen.contains("差し戻し !1  要再確認 ?1"), "{screen}");
    }
}

#[test]
fn a_filter_counts_its_matches_in_the_summary() {
    let dir = team_dir();
    let mut app = coach(Lang::JA, dir.path());
    assert!(common::render(&app, 80, 24).contains(" 3 人  目標到達"));
    type_keys(&mut app, "/ 馬場 Enter");
    let screen = common::render(&app, 80, 24);
    assert!(screen.contains(" 1 / 3 人  目標到達 0"), "{screen}");
    assert!(screen.contains("絞り込み: 馬場"), "{screen}");
}

#[test]
fn reasons_on_the_japanese_team_screen_are_japanese() {
    let dir = team_dir();
    std::fs::write(dir.path().join("other.toml"), "title = 1\n").unwrap();
    let app = coach(Lang::JA, dir.path());
    let screen = common::render(&app, 100, 30);
    assert!(screen.contains("broken.toml: 2:9: TOML の書き方に誤りがあります ("), "{screen}");
    assert!(screen.contains("other.toml: keiko のワークブックではありません"), "{screen}");
    // Every file line says why in Japanese.
    for line in screen.lines().filter(|l| l.contains(".toml")) {
        assert!(!line.is_ascii(), "an English reason: {line}");
    }
}

/// The team screen's help names each mark the table uses, `!` and `?` apart.
#[test]
fn the_team_help_names_the_returned_and_stale_marks_apart() {
    let dir = team_dir();
    let mut app = coach(Lang::EN, dir.path());
    type_keys(&mut app, "?");
    assert_eq!(app.top_kind(), Some(ScreenKind::Help));
    let screen = common::render(&app, 100, 30);
    assert!(screen.contains("! returned") && screen.contains("? stale"), "{screen}");
}

/// A team directory as `keiko team init`/`add` lay it out, without the
/// accounts: enough to read (ownership only decides what is trusted).
fn team_dir_with(roster: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("team.toml"), format!("layout = 2\ncoaches = [\"tanaka\"]\n{roster}")).unwrap();
    dir
}

#[test]
fn a_team_shows_roster_learners_not_started_with_logins_where_names_look_alike() {
    let dir = team_dir_with(
        "name = \"東京 1\"\n\n[[learner]]\nlogin = \"ito-s\"\nname = \"伊藤 さくら\"\n\n[[learner]]\nlogin = \"ito-k\"\nname = \"伊藤 さくら\"\n\n\
         [[learner]]\nlogin = \"aoki\"\nname = \"青木 花子\"\n",
    );
    let framework = keiko_core::model::framework::Framework::bundled();
    let team = keiko_core::team::access::LiveTeam::open(dir.path()).unwrap();
    let team = keiko_core::team::Team::open_team(&framework, team);
    assert_eq!(team.members.len(), 3, "every roster learner, none of whom has started");
    assert!(team.members.iter().all(|m| m.summary.not_started));
    let mut app = common::coach(Lang::EN, dir.path());
    app.team = Some(keiko::tui::screens::team::TeamView::new(team));
    app.update(keiko::tui::app::Msg::Resize(100, 24));
    let screen = common::render(&app, 100, 24);
    assert!(screen.lines().next().unwrap().contains("Team review  東京 1"), "the team's name in the title: {screen}");
    // Renamed in the team file while the screen is open: the next frame says so.
    let text = std::fs::read_to_string(dir.path().join("team.toml")).unwrap().replace("東京 1", "東京 第2センター");
    std::fs::write(dir.path().join("team.toml"), text).unwrap();
    let screen = common::render(&app, 100, 24);
    assert!(screen.lines().next().unwrap().contains("Team review  東京 第2センター"), "renamed: {screen}");
    assert!(screen.contains("伊藤 さくら (ito-s)") && screen.contains("伊藤 さくら (ito-k)"), "{screen}");
    assert!(
        screen.contains("青木 花子") && !screen.contains("(aoki)"),
        "a name like no other keeps its room: {screen}"
    );
    assert_eq!(screen.matches("not started").count(), 3, "{screen}");
}

/// Issue 17: names that would look the same on screen, though their bytes
/// differ (a Cyrillic І for a Latin I, a zero-width space, full-width
/// letters, a name cut to the column, a name made to look like another's
/// with its login), each show the login; invisible characters show as
/// `<U+200B>`.
#[test]
fn names_that_only_look_alike_show_their_logins_too() {
    let roster: String = [
        ("ivan-p", "Ivan"),
        ("ivan-c", "\u{0406}van"),
        ("ito-s", "伊藤 さくら"),
        ("ito-z", "伊藤\u{200B} さくら"),
        ("chen", "Chen Wei"),
        ("chen-f", "Ｃｈｅｎ Ｗｅｉ"),
        ("alex-a", "Alexandra Konstantinopolska"),
        ("alex-b", "Alexandra Konstantinopolskaya"),
        ("sato", "佐藤 蓮"),
        ("sato-k", "佐藤 蓮"),
        ("mallory", "佐藤 蓮 (sato)"),
        ("aoki", "青木 花子"),
        ("olga", "Olga"),
    ]
    .iter()
    .map(|(login, name)| format!("[[learner]]\nlogin = \"{login}\"\nname = \"{name}\"\n\n"))
    .collect();
    let dir = team_dir_with(&roster);
    let framework = keiko_core::model::framework::Framework::bundled();
    let team =
        keiko_core::team::Team::open_team(&framework, keiko_core::team::access::LiveTeam::open(dir.path()).unwrap());
    let mut app = common::coach(Lang::EN, dir.path());
    app.team = Some(keiko::tui::screens::team::TeamView::new(team));
    app.update(keiko::tui::app::Msg::Resize(100, 24));
    let screen = common::render(&app, 100, 24);
    for shown in [
        "Ivan (ivan-p)",
        "\u{0406}van (ivan-c)",
        "伊藤 さくら (ito-s)",
        "伊藤<U+20.. (ito-z)",
        "Chen Wei (chen)",
        "Ｃｈｅｎ.. (chen-f)",
        "Alexandr.. (alex-a)",
        "Alexandr.. (alex-b)",
        "佐藤 蓮 (sato) ",
        "佐藤 蓮 (sato-k)",
        // Drawn as it is, it would be sato's row.
        "佐藤 蓮.. (mallory)",
    ] {
        assert!(screen.contains(shown), "{shown}: {screen}");
    }
    assert!(!screen.contains('\u{200B}'), "a zero-width space is shown, not drawn: {screen}");
    for alone in ["aoki", "olga"] {
        assert!(!screen.contains(&format!("({alone})")), "a name like no other keeps its room: {screen}");
    }

    // A learner renamed while the coach looks: the table follows.
    let state = app.team.as_ref().unwrap();
    let mut renamed = state.team.members.iter().find(|m| m.login.as_deref() == Some("aoki")).unwrap().clone();
    renamed.summary.name = "\u{041E}lga".into();
    let changes = keiko_core::team::TeamChanges {
        fresh: vec![renamed],
        gone: Vec::new(),
        problems: state.team.problems.clone(),
        skipped: state.team.skipped,
    };
    app.update(keiko::tui::app::Msg::TeamChanged(Box::new(changes)));
    let screen = common::render(&app, 100, 24);
    assert!(screen.contains("Olga (olga)") && screen.contains("\u{041E}lga (aoki)"), "{screen}");
}

/// Issue 18: a coach's record that cannot be used (broken TOML, a newer
/// schema, too large, not UTF-8) is shown with its reason, never dropped in silence.
#[test]
fn a_coach_record_that_cannot_be_used_is_shown_with_its_reason() {
    use keiko::i18n::Localized;
    use keiko_core::model::workbook::Unreadable;
    let dir = team_dir_with("\n[[learner]]\nlogin = \"aoki\"\nname = \"青木 花子\"\n");
    std::fs::write(
        dir.path().join("team.toml"),
        "layout = 2\ncoaches = [\"kimura\", \"mori\", \"sato\", \"tanaka\"]\n\n[[learner]]\nlogin = \"aoki\"\nname = \"青木 花子\"\n",
    )
    .unwrap();
    let framework = Framework::bundled();
    let site = keiko_core::team::dir::TeamDir::new(dir.path());
    std::fs::create_dir_all(site.learner_dir("aoki")).unwrap();
    std::fs::create_dir_all(site.verdict_dir("aoki")).unwrap();
    Store::new(site.workbook("aoki"), &framework)
        .apply(&Change::Check { id: "SM-5.1.1".into(), checked: true }, &Stamp::new("aoki", common::fixed_now()), false)
        .unwrap();
    std::fs::write(site.coach_file("aoki", "tanaka"), "schema = 2\n[competencies\n").unwrap();
    std::fs::write(site.coach_file("aoki", "sato"), "schema = 3\nkeiko = \"0.9.0\"\n").unwrap();
    std::fs::write(site.coach_file("aoki", "kimura"), b"schema = 2\nlearner = \"ao\xffki\"\n").unwrap();
    let big = format!("schema = 2\nlearner = \"{}\"\n", "x".repeat(keiko_core::store::MAX_WORKBOOK_BYTES as usize));
    std::fs::write(site.coach_file("aoki", "mori"), big).unwrap();
    let team = keiko_core::team::access::LiveTeam::open(dir.path()).unwrap();
    let merged = team.merged("aoki", &framework).unwrap().unwrap();
    assert!(merged.is_checked("SM-5.1.1"), "the learner's own evidence still shows");
    let whys: Vec<(&str, &Unreadable)> = merged.unread_records.iter().map(|u| (u.coach.as_str(), &u.why)).collect();
    assert!(matches!(whys[0], ("kimura", Unreadable::NotUtf8)), "{whys:?}");
    assert!(matches!(whys[1], ("mori", Unreadable::TooLarge { .. })), "{whys:?}");
    assert!(matches!(whys[2], ("sato", Unreadable::NewerSchema { found: 3, by: Some(v) }) if v == "0.9.0"), "{whys:?}");
    assert!(matches!(whys[3], ("tanaka", Unreadable::Broken { line: 2, .. })), "{whys:?}");
    let words = merged.unread_records[2].message(Lang::EN);
    assert!(words.contains("sato's record cannot be used (written by keiko 0.9.0 (schema 3)"), "{words}");
    // The coach sees them: counted in the team's summary line, named in the learner's overview.
    let team = keiko_core::team::Team::open_team(&framework, team);
    assert_eq!(team.unread_records(), 4);
    let mut app = common::coach(Lang::EN, dir.path());
    app.team = Some(keiko::tui::screens::team::TeamView::new(team));
    app.update(Msg::Resize(120, 40));
    let screen = common::render(&app, 120, 40);
    assert!(screen.contains("coach records not read !4"), "{screen}");
    type_keys(&mut app, "Enter");
    let screen = common::render(&app, 120, 40);
    assert!(screen.contains("tanaka's record cannot be used (2:"), "{screen}");
}

/// The CSV overview's rows, each as column name → cell.
fn csv_rows(csv: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header.last().map(String::as_str), Some("problem"), "{header:?}");
    reader.records().map(|r| header.iter().cloned().zip(r.unwrap().iter().map(String::from)).collect()).collect()
}

/// The row of the CSV overview whose file ends with `file`.
fn row_of<'a>(
    rows: &'a [std::collections::HashMap<String, String>],
    file: &str,
) -> &'a std::collections::HashMap<String, String> {
    rows.iter().find(|r| r["file"].ends_with(file)).unwrap_or_else(|| panic!("no row for {file}: {rows:?}"))
}

/// Issue 17: a workbook keiko cannot use (broken, a FIFO, too large; root
/// cannot read these either) is a row with the reason in every export, the
/// export is written whole, and keiko exits 1: a learner never drops out
/// of the coach's spreadsheet unnoticed.
#[test]
fn a_learner_keiko_cannot_read_is_a_row_with_the_reason_in_every_export_and_the_export_fails() {
    let dir = team_dir();
    let fifo = std::ffi::CString::new(dir.path().join("fifo.toml").to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    std::fs::File::create(dir.path().join("huge.toml")).unwrap().set_len(3 << 20).unwrap();
    let out = tempfile::tempdir().unwrap();
    let files = ["broken.toml", "fifo.toml", "huge.toml"];

    let o = team_export(dir.path(), &["--export", "csv"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = csv_rows(&String::from_utf8(o.stdout).unwrap());
    assert_eq!(rows.len(), 3 + files.len(), "every learner and every file not read: {rows:?}");
    for name in ["青木 花子", "馬場 太郎", "Chen Wei"] {
        let row = rows.iter().find(|r| r["name"] == name).unwrap();
        assert_eq!((row["status"].as_str(), row["problem"].as_str()), ("in_progress", ""), "{row:?}");
    }
    for (file, why) in files.iter().zip(["2:9: ", "is not a regular file", "more than a workbook can be"]) {
        let row = row_of(&rows, file);
        assert_eq!(row["name"], file.trim_end_matches(".toml"), "{row:?}");
        assert_eq!((row["login"].as_str(), row["status"].as_str()), ("", "not_read"), "{row:?}");
        assert!(row["problem"].contains(why), "{file}: {row:?}");
        assert_eq!((row["checked"].as_str(), row["percent"].as_str(), row["SM-5_achieved"].as_str()), ("", "", ""));
    }

    // The same written to a file, and in Japanese: the reasons too.
    let csv = out.path().join("team.csv");
    let o = team_export(dir.path(), &["--export", "csv", "--lang", "ja", "-o", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = csv_rows(&std::fs::read_to_string(&csv).unwrap());
    assert_eq!(rows.len(), 6);
    assert!(row_of(&rows, "fifo.toml")["problem"].contains("通常のファイルではありません"), "{rows:?}");

    let o = team_export(dir.path(), &["--export", "md"]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(md.contains("3 learners, 0 at target, 1 review waiting, 3 files not read (below the table)\n"), "{md}");
    assert!(md.contains("| 青木 花子 |") && md.contains("| Chen Wei |"), "{md}");
    for file in files {
        assert!(md.contains(&format!("/{file}`: ")), "{file}: {md}");
    }

    let xlsx = out.path().join("team.xlsx");
    let o = team_export(dir.path(), &["--export", "xlsx", "-o", xlsx.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    use calamine::{Data, Reader};
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let summary = book.worksheet_range("Summary").unwrap();
    let rows: Vec<&[Data]> = summary.rows().collect();
    let list = rows.iter().rposition(|r| r[0] == Data::String("Files not read".into())).unwrap();
    assert_eq!(rows[list][1..4], ["Why", "Learner", "Login"].map(|s| Data::String(s.into())));
    let listed: Vec<String> = rows[list + 1..].iter().map(|r| r[2].to_string()).collect();
    assert_eq!(listed, ["broken", "fifo", "huge"]);
    let matrix = book.worksheet_range("Matrix").unwrap();
    assert_eq!(matrix.rows().count(), 4, "the learners read are all there");
}

/// Team mode: a learner whose workbook is broken, or whose directory the
/// coach cannot read, is a row by their roster name and login in every
/// export, and the export exits 1.
#[test]
fn in_a_team_a_learner_keiko_cannot_read_is_named_by_the_roster() {
    use std::os::unix::fs::PermissionsExt;
    let team = team_dir_with(
        "\n[[learner]]\nlogin = \"aoki\"\nname = \"青木 花子\"\n\n[[learner]]\nlogin = \"ito\"\nname = \"伊藤 さくら\"\n\n\
         [[learner]]\nlogin = \"kato\"\nname = \"加藤 蓮\"\n",
    );
    let framework = Framework::bundled();
    let learners = team.path().join("learners");
    std::fs::create_dir(&learners).unwrap();
    std::fs::set_permissions(&learners, std::fs::Permissions::from_mode(0o755)).unwrap();
    for (login, text) in [("aoki", None), ("ito", Some("schema = 1\n[profile\n")), ("kato", None)] {
        let dir = learners.join(login);
        std::fs::create_dir(&dir).unwrap();
        let workbook = dir.join("workbook.toml");
        match text {
            Some(text) => std::fs::write(&workbook, text).unwrap(),
            None => {
                let store = Store::new(&workbook, &framework);
                let me = Stamp::new(login, common::fixed_now());
                store.apply(&Change::Profile { name: None, role: Some("OP".into()) }, &me, false).unwrap();
            }
        }
        std::fs::set_permissions(&workbook, std::fs::Permissions::from_mode(0o644)).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // Closed to everyone but root, and keiko runs as an unprivileged user.
    std::fs::set_permissions(learners.join("kato"), std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(team.path().join("team.toml"), std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(team.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let config = tempfile::tempdir().unwrap();
    std::fs::set_permissions(config.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let system = config.path().join("config.toml");
    std::fs::write(&system, format!("team = {:?}\n", team.path().to_str().unwrap())).unwrap();
    std::fs::set_permissions(&system, std::fs::Permissions::from_mode(0o644)).unwrap();
    let nobody = common::Nobody::new();
    let run = |args: &[&str]| {
        let o = nobody
            .command()
            .arg("review")
            .args(args)
            .env("HOME", config.path())
            .env("XDG_CACHE_HOME", config.path().join("no-cache"))
            .env("KEIKO_LANG", "en")
            .env("KEIKO_SYSTEM_CONFIG", &system)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };

    let rows = csv_rows(&run(&["--export", "csv"]));
    let who = |r: &std::collections::HashMap<String, String>| {
        (r["name"].clone(), r["login"].clone(), r["status"].clone(), r["problem"].clone())
    };
    let who: Vec<_> = rows.iter().map(who).collect();
    assert_eq!(who.len(), 3, "{who:?}");
    assert_eq!(who[0], ("青木 花子".into(), "aoki".into(), "in_progress".into(), String::new()));
    assert_eq!(
        who[1..].iter().map(|w| (&*w.0, &*w.1, &*w.2)).collect::<Vec<_>>(),
        [("伊藤 さくら", "ito", "not_read"), ("加藤 蓮", "kato", "not_read")]
    );
    assert!(who[1].3.starts_with("2:9: "), "{who:?}");
    assert_eq!(who[2].3, "permission denied", "{who:?}");

    let md = run(&["--export", "md"]);
    assert!(md.contains("- 伊藤 さくら (ito) `"), "{md}");
    assert!(md.contains("- 加藤 蓮 (kato) `") && md.contains("/kato/workbook.toml`: permission denied"), "{md}");

    // The report goes where the unprivileged user may write.
    let out = config.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o777)).unwrap();
    let xlsx = out.join("team.xlsx");
    run(&["--export", "xlsx", "-o", xlsx.to_str().unwrap()]);
    use calamine::{Data, Reader};
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let summary = book.worksheet_range("Summary").unwrap();
    let listed: Vec<(String, String)> = summary
        .rows()
        .filter(|r| r[0].to_string().ends_with("workbook.toml"))
        .map(|r| (r[2].to_string(), r[3].to_string()))
        .collect();
    assert_eq!(listed, [("伊藤 さくら".into(), "ito".into()), ("加藤 蓮".into(), "kato".into())]);
    assert!(summary.rows().any(|r| r[1] == Data::String("permission denied".into())));
}
