//! The command line, run as a user runs it: the built binary, its output and exit code.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox { dir: tempfile::tempdir().unwrap() }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// keiko with a clean environment: its own home and data directory, English.
    fn command(&self, args: &[&str]) -> Command {
        self.command_for(Command::new(env!("CARGO_BIN_EXE_keiko")), args)
    }

    fn command_for(&self, mut cmd: Command, args: &[&str]) -> Command {
        cmd.args(args)
            .env_clear()
            .env("KEIKO_SYSTEM_CONFIG", common::NO_SYSTEM_CONFIG)
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env("USER", "op-a")
            .env("TZ", "UTC")
            .env("LANG", "C.UTF-8")
            // The host's own /etc/keiko/config.toml must not put the tests in a team.
            .env("KEIKO_SYSTEM_CONFIG", self.path("system-config.toml"));
        cmd
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    fn workbook(&self) -> PathBuf {
        self.path("data/keiko/workbook.toml")
    }

    /// A workbook with a profile and a few checks, written as a user could by hand.
    fn with_workbook(&self) -> PathBuf {
        let path = self.path("w.toml");
        fs::write(&path, common::EXAMPLE_WORKBOOK).unwrap();
        path
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A user error: one clear message, exit 1, no panic or backtrace.
fn assert_user_error(o: &Output, expected: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "stderr: {err}");
    assert!(err.contains(expected), "expected {expected:?} in {err:?}");
    assert!(!err.contains("panicked") && !err.contains("backtrace"), "{err}");
}

#[test]
fn path_prints_the_data_directory_default_then_overrides() {
    let sb = Sandbox::new();
    assert_eq!(stdout(&sb.run(&["path"])).trim(), sb.workbook().to_str().unwrap());
    let o = sb.command(&["path"]).env("KEIKO_FILE", "/srv/team/a.toml").output().unwrap();
    assert_eq!(stdout(&o).trim(), "/srv/team/a.toml");
    let o = sb.command(&["path", "--file", "mine.toml"]).env("KEIKO_FILE", "/srv/team/a.toml").output().unwrap();
    assert_eq!(stdout(&o).trim(), "mine.toml");
}

#[test]
fn role_and_name_are_kept_in_the_workbook() {
    let sb = Sandbox::new();
    let o = sb.run(&["--role", "sv", "--name", "田中", "status"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = fs::read_to_string(sb.workbook()).unwrap();
    assert!(text.contains("role = \"SV\""), "{text}");
    assert!(text.contains("name = \"田中\""), "{text}");
    // Later runs remember them.
    let o = sb.run(&["status"]);
    assert!(stdout(&o).contains("田中  SV Supervisor"), "{}", stdout(&o));
}

#[test]
fn a_flag_that_changes_the_stored_profile_says_so_in_one_line() {
    let sb = Sandbox::new();
    let o = sb.run(&["--role", "sv", "--name", "田中", "status"]);
    let err = stderr(&o);
    assert!(err.contains("keiko: role changed: (no role yet) → SV\n"), "{err}");
    assert!(err.contains("keiko: name changed: (no name yet) → 田中\n"), "{err}");
    let o = sb.run(&["--lang", "ja", "--role", "op", "status"]);
    assert_eq!(stderr(&o), "keiko: 役割を変更しました: SV → OP\n");
    // The same values again change nothing, and nothing is said.
    let o = sb.run(&["--role", "OP", "--name", "田中", "status"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("田中  OP Operator"), "{}", stdout(&o));
    assert_eq!(stderr(&o), "");
}

#[test]
fn reading_is_kept_in_the_workbook_and_said_in_one_line() {
    let sb = Sandbox::new();
    let o = sb.run(&["--lang", "ja", "--reading", "なかむら はると", "status"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "keiko: 読みを変更しました: (読み未設定) → なかむら はると\n");
    let text = fs::read_to_string(sb.workbook()).unwrap();
    assert!(text.contains("reading = \"なかむら はると\""), "{text}");
    // After the command's name too; the same value again says nothing.
    let o = sb.run(&["status", "--reading", "なかむら はると"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    let o = sb.run(&["export", "--format", "json", "--reading", ""]);
    assert_eq!(stderr(&o), "keiko: reading changed: なかむら はると → (no reading yet)\n");
    let text = fs::read_to_string(sb.workbook()).unwrap();
    assert!(!text.contains("reading"), "an empty reading is not written: {text}");
}

#[test]
fn status_shows_progress_to_the_role_target() {
    let sb = Sandbox::new();
    let file = sb.with_workbook();
    let o = sb.run(&["--file", file.to_str().unwrap(), "status"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("オペレーターA  OP Operator"), "{out}");
    // OP needs 11 statements; 3 are checked.
    assert!(out.contains("To target  █████░░░░░░░░░░░░░░░  3/11  27%"), "{out}");
    assert!(out.contains("SM-5  level 1 of 2  ██████░░░░    2/3    Customer defection"), "{out}");
    assert!(out.contains("SM-9  level 1 of 1  ██████████    1/1  ✓ Goods-dominant logic"), "{out}");
    let ja = stdout(&sb.run(&["--file", file.to_str().unwrap(), "--lang", "ja", "status"]));
    assert!(ja.contains("目標まで"), "{ja}");
    assert!(ja.contains("SM-5  達成1/目標2"), "{ja}");
    let ascii = stdout(&sb.run(&["--file", file.to_str().unwrap(), "--ascii", "status"]));
    assert!(ascii.contains("To target  #####---------------  3/11  27%"), "{ascii}");
}

#[test]
fn status_json_has_the_summary_fields() {
    let sb = Sandbox::new();
    let file = sb.with_workbook();
    let o = sb.run(&["--file", file.to_str().unwrap(), "status", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["profile"]["role"], "OP");
    assert_eq!(v["progress"]["checked"], 3);
    assert_eq!(v["progress"]["total"], 11);
    assert_eq!(v["progress"]["competencies_at_target"], 1);
    assert_eq!(v["competencies"][0]["id"], "SM-5");
    assert_eq!(v["competencies"][0]["achieved"], 1);
    assert_eq!(v["competencies"][0]["target"], 2);
}

#[test]
fn export_json_holds_every_documented_field() {
    let sb = Sandbox::new();
    let file = sb.with_workbook();
    let o = sb.run(&["--file", file.to_str().unwrap(), "--lang", "ja", "export", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["profile"]["name"], "オペレーターA");
    assert_eq!(v["framework"]["id"], "cmbok-sm");
    assert_eq!(v["framework"]["version"], "2026.1");
    assert_eq!(v["progress"]["checked"], 3);
    assert_eq!(v["progress"]["total"], 11);
    let sm5 = &v["competencies"][0];
    assert_eq!(sm5["name"], "顧客の離反");
    assert_eq!(sm5["target"], 2);
    assert_eq!(sm5["achieved"], 1);
    assert_eq!(sm5["reflection"], "離反の兆候を早めに拾いたい。");
    let first = &sm5["levels"][0]["statements"][0];
    assert_eq!(first["id"], "SM-5.1.1");
    assert_eq!(first["text"], "顧客の離反はどのような時に発生するか理解している");
    assert_eq!(first["checked"], true);
    assert_eq!(first["checked_at"], "2026-11-20T09:12:00Z");
    assert_eq!(first["note"], "先週の解約希望3件で理由を記録し、SVに報告した。\n");
    assert_eq!(sm5["levels"][1]["statements"][1]["checked_at"], serde_json::Value::Null);
    assert_eq!(sm5["levels"][0]["signoff"], serde_json::Value::Null);
    assert_eq!(sm5["levels"][0]["review_requested"], false);
    assert_eq!(sm5["comments"], serde_json::json!([]));
}

#[test]
fn export_csv_has_one_row_per_statement() {
    let sb = Sandbox::new();
    let file = sb.with_workbook();
    let o = sb.run(&["--file", file.to_str().unwrap(), "export", "--format", "csv"]);
    let out = stdout(&o);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "competency_id",
            "competency",
            "target",
            "level",
            "statement_id",
            "statement",
            "checked",
            "checked_at",
            "note"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 38);
    assert_eq!(&rows[0][4], "SM-5.1.1");
    assert_eq!(&rows[0][6], "true");
    assert_eq!(&rows[0][8], "先週の解約希望3件で理由を記録し、SVに報告した。\n");
    assert_eq!(&rows[2][6], "false");
}

#[test]
fn export_to_a_file_writes_it_and_csv_files_open_in_excel() {
    let sb = Sandbox::new();
    let file = sb.with_workbook();
    let out = sb.path("sheet.csv");
    let o = sb.run(&["--file", file.to_str().unwrap(), "export", "--format", "csv", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = fs::read(&out).unwrap();
    assert!(bytes.starts_with("\u{feff}competency_id,".as_bytes()));
}

#[test]
fn export_to_a_file_replaces_it_whole_and_keeps_its_mode_and_group() {
    use std::os::unix::fs::MetadataExt;
    let sb = Sandbox::new();
    let file = sb.with_workbook();
    let file = file.to_str().unwrap();
    let printed = stdout(&sb.run(&["--file", file, "export", "--format", "md"]));
    assert!(printed.contains("SM-5"), "{printed}");
    // A sheet shared with the team, and a hard link to it: a file rewritten
    // in place would change under the link too; one renamed over leaves it.
    let out = sb.path("out/sheet.md");
    fs::create_dir(sb.path("out")).unwrap();
    fs::write(&out, "last week's sheet\n").unwrap();
    fs::hard_link(&out, sb.path("last-week.md")).unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o640)).unwrap();
    // As root (CI), a group other than our own shows that the group is kept.
    let group = if unsafe { libc::geteuid() } == 0 { 1 } else { fs::metadata(&out).unwrap().gid() };
    std::os::unix::fs::chown(&out, None, Some(group)).unwrap();
    let o = sb.run(&["--file", file, "export", "--format", "md", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&out).unwrap(), printed);
    assert_eq!(fs::read_to_string(sb.path("last-week.md")).unwrap(), "last week's sheet\n");
    let meta = fs::metadata(&out).unwrap();
    assert_eq!(meta.mode() & 0o777, 0o640);
    assert_eq!(meta.gid(), group);
    // Nothing else is left beside it (no temporary file).
    let names: Vec<_> = fs::read_dir(sb.path("out")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["sheet.md"]);
    // A new export is private, as the workbook is.
    let new = sb.path("out/new.json");
    let o = sb.run(&["--file", file, "export", "--format", "json", "-o", new.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(fs::metadata(&new).unwrap().mode() & 0o777, 0o600);
    assert!(fs::read_to_string(&new).unwrap().ends_with("}\n"));
}

#[test]
fn export_to_a_file_says_where_it_wrote() {
    let sb = Sandbox::new();
    let file = sb.with_workbook();
    let out = sb.path("sheet.md");
    let o = sb.run(&["--file", file.to_str().unwrap(), "export", "--format", "md", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert_eq!(stderr(&o), format!("keiko: wrote {}\n", out.display()));
    let args = ["--file", file.to_str().unwrap(), "--lang", "ja", "export", "--format", "md", "-o", "sheet.md"];
    let o = sb.command(&args).current_dir(sb.dir.path()).output().unwrap();
    assert_eq!(stderr(&o), "keiko: sheet.md に書き出しました\n");
}

/// One rule for every file keiko writes: a missing directory is created
/// (private, as the data directory), except on a path through `..`.
#[test]
fn status_and_export_create_a_missing_directory_alike_but_never_through_dot_dot() {
    use std::os::unix::fs::MetadataExt;
    let sb = Sandbox::new();
    let file = sb.with_workbook();
    let workbook = sb.path("new/team/w.toml");
    let o = sb.run(&["--file", workbook.to_str().unwrap(), "--role", "op", "status"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(workbook.exists());
    let out = sb.path("sheets/2026/sheet.md");
    let o = sb.run(&["--file", file.to_str().unwrap(), "export", "--format", "md", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(fs::read_to_string(&out).unwrap().contains("SM-5"));
    for dir in [sb.path("new/team"), sb.path("sheets/2026")] {
        assert_eq!(fs::metadata(&dir).unwrap().mode() & 0o777, 0o700, "{}", dir.display());
    }
    // Through `..`, neither creates anything: `made/../x` would make `made`.
    let dotted = sb.path("made/../missing/w.toml");
    let o = sb.run(&["--file", dotted.to_str().unwrap(), "--role", "op", "status"]);
    assert_user_error(&o, "does not exist");
    let dotted_out = sb.path("made/../missing/sheet.md");
    let o = sb.run(&["--file", file.to_str().unwrap(), "export", "--format", "md", "-o", dotted_out.to_str().unwrap()]);
    assert_user_error(&o, "does not exist (keiko creates no directory on a path through `..`)");
    assert!(!sb.path("made").exists() && !sb.path("missing").exists());
    // Nor is a file in a missing directory taken for anything but the workbook it names.
    let new = sb.path("later/w.toml");
    let o = sb.run(&["--file", new.to_str().unwrap(), "export", "--format", "md", "-o", new.to_str().unwrap()]);
    assert_user_error(&o, "is the workbook itself");
    assert!(!sb.path("later").exists());
}

#[test]
fn export_to_a_file_never_overwrites_the_workbook() {
    let sb = Sandbox::new();
    let file = sb.with_workbook();
    let before = fs::read(&file).unwrap();
    let link = sb.path("link.toml");
    std::os::unix::fs::symlink(&file, &link).unwrap();
    let lock = sb.path("w.toml.lock");
    let dotted =
        format!("{}/../{}/w.toml", sb.path("").display(), sb.dir.path().file_name().unwrap().to_str().unwrap());
    for out in [file.to_str().unwrap(), link.to_str().unwrap(), lock.to_str().unwrap(), &dotted] {
        let o = sb.run(&["--file", file.to_str().unwrap(), "export", "--format", "csv", "-o", out]);
        assert_user_error(&o, "is the workbook itself");
        assert_eq!(fs::read(&file).unwrap(), before, "{out}");
    }
    // Nor the workbook `--file` names before its first change creates it.
    let new = sb.path("new.toml");
    let o = sb.run(&["--file", new.to_str().unwrap(), "export", "--format", "md", "-o", new.to_str().unwrap()]);
    assert_user_error(&o, "is the workbook itself");
    assert!(!new.exists());
}

#[test]
fn export_markdown_is_a_coaching_sheet() {
    let sb = Sandbox::new();
    let file = sb.with_workbook();
    let o = sb.run(&["--file", file.to_str().unwrap(), "--lang", "ja", "export", "--format", "md"]);
    let md = stdout(&o);
    assert!(md.starts_with("# 稽古 keiko コーチングシート — オペレーターA\n"), "{md}");
    assert!(md.contains("- 役割: OP オペレーター"), "{md}");
    assert!(md.contains("## SM-5 顧客の離反"), "{md}");
    assert!(md.contains("### レベル2 (目標) — 1/2"), "{md}");
    assert!(
        md.contains("| [x] | SM-5.1.1 | 顧客の離反はどのような時に発生するか理解している | 2026-11-20 | 先週の解約希望3件で理由を記録し、SVに報告した。 |"),
        "{md}"
    );
    assert!(md.contains("> 離反の兆候を早めに拾いたい。"), "{md}");
}

#[test]
fn framework_check_accepts_the_bundled_file() {
    let sb = Sandbox::new();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/framework.toml");
    let o = sb.run(&["framework", "check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("5 competencies, 38 statements"));
}

#[test]
fn framework_check_reports_syntax_errors_at_line_and_column() {
    let sb = Sandbox::new();
    let path = sb.path("f.toml");
    fs::write(&path, "id = \"x\"\nversion = \"1\"\n[[roles]\ncode = \"OP\"\n").unwrap();
    let o = sb.run(&["framework", "check", path.to_str().unwrap()]);
    assert_user_error(&o, &format!("{}:3:9: unclosed array table", path.display()));
}

#[test]
fn framework_check_reports_type_errors_at_line_and_column() {
    let sb = Sandbox::new();
    let path = sb.path("f.toml");
    fs::write(&path, "id = \"x\"\nversion = 1\n").unwrap();
    let o = sb.run(&["framework", "check", path.to_str().unwrap()]);
    assert_user_error(&o, &format!("{}:2:11: invalid type: integer `1`, expected a string", path.display()));
}

#[test]
fn framework_check_reports_each_semantic_error_naming_the_id() {
    let sb = Sandbox::new();
    let path = sb.path("f.toml");
    let broken = keiko_core::model::framework::BUNDLED
        .replace(
            "targets = { OP = 1, SV = 2, OMP = 4, CAP = 2 }",
            "targets = { OP = 1, SV = 2, OMP = 5, CAP = 2, XX = 1 }",
        )
        .replace("id = \"SM-7.2.1\"", "id = \"SM-7.1.1\"");
    fs::write(&path, broken).unwrap();
    let o = sb.run(&["framework", "check", path.to_str().unwrap()]);
    let shown = path.display();
    assert_user_error(&o, &format!("{shown}: SM-6: target level 5 for OMP is outside the competency's levels 1–4"));
    assert_user_error(&o, &format!("{shown}: SM-6: target names unknown role XX"));
    assert_user_error(&o, &format!("{shown}: SM-7.1.1: duplicate statement id"));
    // The same problems in Japanese, the language of the locale.
    let ja = sb.command(&["framework", "check", path.to_str().unwrap()]).env("LANG", "ja_JP.UTF-8").output().unwrap();
    assert_user_error(&ja, &format!("{shown}: SM-6: OMP の目標レベル 5 がコンピテンシーのレベル 1–4 の外です"));
    assert_user_error(&ja, &format!("{shown}: SM-7.1.1: 行動の id が重複しています"));
    let missing =
        sb.command(&["--framework", "/nonexistent.toml", "status"]).env("LANG", "ja_JP.UTF-8").output().unwrap();
    assert_user_error(
        &missing,
        "/nonexistent.toml: フレームワークを読めません: ファイルまたはディレクトリがありません",
    );
}

#[test]
fn framework_show_json_lists_roles_competencies_and_statements() {
    let sb = Sandbox::new();
    let o = sb.run(&["framework", "show", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["id"], "cmbok-sm");
    assert_eq!(v["roles"][0], serde_json::json!({"code": "OP", "name": "Operator"}));
    assert_eq!(v["competencies"][1]["targets"], serde_json::json!({"OP": 1, "SV": 2, "OMP": 4, "CAP": 2}));
    assert_eq!(v["competencies"][0]["levels"][0]["statements"][0]["id"], "SM-5.1.1");
    let ja = sb.run(&["--lang", "ja", "framework", "show", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&ja)).unwrap();
    assert_eq!(v["competencies"][0]["name"], "顧客の離反");
}

#[test]
fn another_framework_can_be_used() {
    let sb = Sandbox::new();
    let path = sb.path("center.toml");
    fs::write(&path, keiko_core::model::framework::synthetic_toml(2, 1)).unwrap();
    let o = sb.run(&["--framework", path.to_str().unwrap(), "--role", "OP", "status"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("G-2  level 0 of 2"), "{}", stdout(&o));
}

#[test]
fn bad_input_gets_one_clear_line() {
    let sb = Sandbox::new();
    assert_user_error(&sb.run(&["--role", "boss", "status"]), "unknown role 'boss': choose one of OP, SV, OMP, CAP");
    assert_user_error(
        &sb.run(&["--framework", "/nonexistent/f.toml", "status"]),
        "/nonexistent/f.toml: cannot read framework: no such file or directory",
    );
    let o = sb.run(&["export", "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid value 'xml' for '--format <FORMAT>'"), "{}", stderr(&o));
    assert!(!sb.workbook().exists(), "bad input must not create a workbook");
}

/// keiko's own words follow the language, the command line's errors too
/// (clap's parser messages stay English).
#[test]
fn the_command_lines_own_errors_are_in_the_users_language() {
    let sb = Sandbox::new();
    assert_user_error(
        &sb.run(&["--lang", "ja", "--role", "boss", "status"]),
        "不明な役割 'boss' です。次から選んでください: OP, SV, OMP, CAP",
    );
    let o = sb.run(&["--lang", "ja", "--role", "OP", "review", "--export", "csv", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("オプション '--role' は 'keiko review --export' では使えません"), "{}", stderr(&o));
    sb.run(&["--role", "OP", "status"]);
    let workbook = sb.workbook();
    let o = sb.run(&["--lang", "ja", "export", "--format", "md", "-o", workbook.to_str().unwrap()]);
    assert_user_error(&o, "ワークブックそのものです。別のファイルに書き出してください");
    // A file where a directory should be.
    let out = sb.path("home/not-a-dir/out.md");
    fs::create_dir_all(sb.path("home")).unwrap();
    fs::write(sb.path("home/not-a-dir"), "").unwrap();
    let o = sb.run(&["--lang", "en", "export", "--format", "md", "-o", out.to_str().unwrap()]);
    assert_user_error(&o, "not-a-dir/out.md: cannot write:");
    let dotted = sb.path("made/../missing/out.md");
    let o = sb.run(&["--lang", "ja", "export", "--format", "md", "-o", dotted.to_str().unwrap()]);
    assert_user_error(&o, "missing がありません (.. を通るパスのディレクトリは作りません)");
}

#[test]
fn an_unwritable_directory_is_reported() {
    let sb = Sandbox::new();
    let dir = sb.path("locked");
    fs::create_dir(&dir).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).unwrap();
    let file = dir.join("w.toml");
    let o = as_nobody(&sb, &["--file", file.to_str().unwrap(), "--role", "OP", "status"]);
    assert_user_error(&o, "is not writable");
}

#[test]
fn a_corrupt_workbook_is_left_as_it_was_with_advice() {
    let sb = Sandbox::new();
    let file = sb.path("w.toml");
    let broken = "schema = 1\n[profile]\nname = \"A\nrole = \"OP\"\n";
    fs::write(&file, broken).unwrap();
    let o = sb.run(&["--file", file.to_str().unwrap(), "--role", "SV", "status"]);
    let shown = file.display();
    assert_user_error(&o, &format!("{shown}:3:10: invalid basic string"));
    assert_user_error(&o, &format!("mv '{shown}' '{shown}.broken'"));
    assert_eq!(fs::read_to_string(&file).unwrap(), broken);
}

#[test]
fn an_unreadable_workbook_is_reported() {
    let sb = Sandbox::new();
    let file = sb.path("w.toml");
    fs::write(&file, "schema = 1\n").unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o000)).unwrap();
    let o = as_nobody(&sb, &["--file", file.to_str().unwrap(), "status"]);
    assert_user_error(&o, &format!("{}: cannot read the workbook: permission denied", file.display()));
}

#[test]
fn unknown_ids_in_the_workbook_are_a_warning_not_an_error() {
    let sb = Sandbox::new();
    let file = sb.path("w.toml");
    fs::write(&file, "schema = 1\n[statements.\"SM-99.1.1\"]\nchecked = true\n").unwrap();
    let o = sb.run(&["--file", file.to_str().unwrap(), "status"]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("kept in the file as they are): SM-99.1.1"), "{}", stderr(&o));
}

/// Issue 18: a newer keiko's fields (top-level, in a statement, a level, a
/// history entry) and its history verbs survive the binary's change elsewhere.
#[test]
fn fields_a_newer_keiko_wrote_survive_a_change_by_the_binary() {
    let sb = Sandbox::new();
    let file = sb.path("w.toml");
    let newer =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/newer-fields.toml")).unwrap();
    fs::write(&file, &newer).unwrap();
    let o = sb.run(&["--file", file.to_str().unwrap(), "--name", "X", "status"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = fs::read_to_string(&file).unwrap();
    let table: toml::Table = text.parse().unwrap();
    assert_eq!(table["profile"]["name"].as_str(), Some("X"), "{text}");
    assert_eq!(table["timezone"].as_str(), Some("Asia/Tokyo"), "{text}");
    assert!(table["statements"]["SM-5.1.1"]["evidence"].is_array(), "{text}");
    assert!(table["competencies"]["SM-5"]["levels"]["1"]["due"].is_datetime(), "{text}");
    assert_eq!(table["history"][0]["device"].as_str(), Some("phone"), "{text}");
    assert_eq!(table["history"][2]["what"].as_str(), Some("due-date"), "{text}");
    assert!(table["history"][2]["due"].is_datetime(), "{text}");
    assert_eq!(table["history"][3]["what"].as_str(), Some("name"), "{text}");
}

#[test]
fn a_newer_major_schema_is_refused_by_the_binary_and_left_untouched() {
    let sb = Sandbox::new();
    let file = sb.path("w.toml");
    let text = "schema = 3\nkeiko = \"0.9.0\"\n\n[statements]\nshape = \"new\"\n";
    fs::write(&file, text).unwrap();
    for lang in ["en", "ja"] {
        let o = sb.run(&["--file", file.to_str().unwrap(), "--lang", lang, "--name", "X", "status"]);
        let this = env!("CARGO_PKG_VERSION");
        let expected = match lang {
            "en" => format!("written by keiko 0.9.0 (schema 3); this is keiko {this}: upgrade keiko"),
            _ => format!(
                "keiko 0.9.0 (形式 3) で書かれたワークブックです。この keiko は {this} です。keiko を新しくしてください"
            ),
        };
        assert_user_error(&o, &expected);
        assert!(!stderr(&o).contains(".broken"), "{}", stderr(&o));
        assert_eq!(fs::read_to_string(&file).unwrap(), text);
    }
}

/// Runs keiko as an unprivileged user, so permission checks apply even when
/// the tests run as root. The sandbox is opened up so that user can reach it.
fn as_nobody(sb: &Sandbox, args: &[&str]) -> Output {
    fs::set_permissions(sb.dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let nobody = common::Nobody::new();
    // A process another test starts at the moment the copy is written holds
    // it open for writing until it execs: then try again.
    for _ in 0..50 {
        match sb.command_for(nobody.command(), args).output() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                std::thread::sleep(std::time::Duration::from_millis(20))
            }
            result => return result.unwrap(),
        }
    }
    panic!("the copy of keiko stayed busy")
}

/// A framework whose ids carry line breaks and an escape sequence.
fn framework_with_hostile_ids(sb: &Sandbox) -> PathBuf {
    let path = sb.path("hostile-framework.toml");
    let text = keiko_core::model::framework::BUNDLED
        .replacen("id = \"cmbok-sm\"", "id = \"cmbok\\nkeiko: everything is fine\\u001b[2J\"", 1)
        .replacen("version = \"2026.1\"", "version = \"1\\r\\n2\"", 1);
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn framework_check_keeps_text_from_the_file_on_its_line() {
    let sb = Sandbox::new();
    let path = framework_with_hostile_ids(&sb);
    let o = sb.run(&["framework", "check", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("framework cmbok^Jkeiko: everything is fine^[[2J 1^M^J2,"), "{out}");
    // An error naming a role whose code holds a line break: one line per problem.
    let broken = sb.path("broken-framework.toml");
    let text = keiko_core::model::framework::BUNDLED.replacen(
        "targets = { OP = 2,",
        "targets = { \"OP\\nkeiko: fake line\" = 1, OP = 2,",
        1,
    );
    fs::write(&broken, text).unwrap();
    let o = sb.run(&["framework", "check", broken.to_str().unwrap()]);
    assert_user_error(&o, "SM-5: target names unknown role OP^Jkeiko: fake line");
    assert!(stderr(&o).lines().all(|l| l.starts_with("keiko: ")), "{}", stderr(&o));
}

/// Every kind of text that must not reach a terminal as it is.
const HOSTILE_TOML: &str = r#"T\u001b]0;PWNED\u0007 X\u001b[2JY C1\u009b31m bidi\u202etxt nel\u0085 del\u007f bell\u0007 cr\rend <b>&amp;</b>"#;

/// A workbook with hostile text in every field a learner or coach can write.
fn hostile_workbook(sb: &Sandbox) -> PathBuf {
    let h = HOSTILE_TOML;
    let text = format!(
        r#"schema = 1

[profile]
name = "name {h}"
role = "OP"

[statements."SM-5.1.1"]
checked = true
checked_at = 2026-11-20T09:12:00Z
note = "note {h}\nsecond line\twith a tab"

[competencies.SM-5]
reflection = "refl {h}\nsecond line"

[competencies.SM-5.levels.1.signoff]
by = "coach {h}"
at = 2026-11-28T10:00:00Z
comment = "signoff {h}"

[[competencies.SM-5.comments]]
by = "coach {h}"
at = 2026-11-28T10:01:00Z
text = "comment {h}"
"#
    );
    let path = sb.path("team/mallory.toml");
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    path
}

/// Markdown with every character a `\\` escapes replaced by `_`: what a
/// renderer reads as markup.
fn unescaped_markdown(md: &str) -> String {
    let mut chars = md.chars();
    let mut plain = String::new();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
            plain.push('_');
        } else {
            plain.push(c);
        }
    }
    plain
}

/// Names, notes, reflections, sign-offs, comments and file names that hold
/// links, images, autolinks, reference definitions or HTML render in a
/// Markdown export as the text written: nothing to click, nothing loaded.
#[test]
fn markdown_exports_keep_no_live_links_images_or_html() {
    let sb = Sandbox::new();
    let link = "[click](http://evil.example) ![px](https://evil.example/p.png) <http://evil.example> \
                <img src=x onerror=alert(1)> www.evil.example";
    let text = format!(
        r#"schema = 1

[profile]
name = "name {link}"
role = "OP"

[statements."SM-5.1.1"]
checked = true
note = """
note {link}
[ref]: http://evil.example
"""

[competencies.SM-5]
reflection = """
[ref]: http://evil.example
refl {link}"""

[competencies.SM-5.levels.1.signoff]
by = "coach {link}"
at = 2026-11-28T10:00:00Z
comment = "signoff {link}"

[[competencies.SM-5.comments]]
by = "coach {link}"
at = 2026-11-28T10:01:00Z
text = "comment {link}"
"#
    );
    let team = sb.path("team");
    fs::create_dir(&team).unwrap();
    let file = team.join("[f](x).toml");
    fs::write(&file, text).unwrap();
    let sheet = sb.run(&["--file", file.to_str().unwrap(), "export", "--format", "md"]);
    let overview = sb.run(&["review", "--export", "md", team.to_str().unwrap()]);
    for o in [&sheet, &overview] {
        assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
        let md = stdout(o);
        assert!(md.contains("click") && md.contains("evil.example"), "the text is all there: {md}");
        let plain = unescaped_markdown(&md);
        for markup in ["](", "![", "<http", "<img", "://", "www.", "[ref]:"] {
            assert!(!plain.contains(markup), "{markup} is live in:\n{md}");
        }
    }
    let md = stdout(&sheet);
    for part in ["name", "note", "refl", "coach", "signoff", "comment"] {
        assert!(md.contains(&format!(r"{part} \[click\](http\://evil.example)")), "{part}: {md}");
    }
    assert!(stdout(&overview).contains(r"\[f\](x).toml"), "{}", stdout(&overview));
}

/// No control character, bidi override or DEL: only line breaks and tabs.
fn assert_no_control_characters(text: &str, what: &str) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let allowed = c == '\n' || c == '\t' || (c == '\r' && chars.peek() == Some(&'\n'));
        assert!(allowed || !keiko_core::text::is_unsafe_char(c), "{what}: {c:?} got out in:\n{text}");
    }
}

#[test]
fn text_from_files_never_carries_control_characters_into_any_output() {
    let sb = Sandbox::new();
    let file = hostile_workbook(&sb);
    let team = file.parent().unwrap().to_path_buf();
    fs::write(team.join("evil\u{1b}[31m.toml"), "schema = 1\n[profile\n").unwrap();
    let framework = framework_with_hostile_ids(&sb);
    let f = file.to_str().unwrap();
    let md_file = sb.path("sheet.md");
    let csv_file = sb.path("sheet.csv");
    let runs: [&[&str]; 12] = [
        &["--file", f, "status"],
        &["--file", f, "status", "--json"],
        &["--file", f, "export", "--format", "md"],
        &["--file", f, "export", "--format", "csv"],
        &["--file", f, "export", "--format", "json"],
        &["--file", f, "export", "--format", "md", "-o", md_file.to_str().unwrap()],
        &["--file", f, "export", "--format", "csv", "-o", csv_file.to_str().unwrap()],
        &["review", "--export", "md", team.to_str().unwrap()],
        &["review", "--export", "csv", team.to_str().unwrap()],
        &["--framework", framework.to_str().unwrap(), "framework", "show"],
        &["--framework", framework.to_str().unwrap(), "framework", "show", "--json"],
        &["--framework", framework.to_str().unwrap(), "--file", f, "status"],
    ];
    let mut outputs = Vec::new();
    for args in runs {
        let o = sb.run(args);
        // The team holds a broken file: its review is written whole, and fails.
        let code = if args[0] == "review" { 1 } else { 0 };
        assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
        let what = args.join(" ");
        assert_no_control_characters(&stdout(&o), &what);
        assert_no_control_characters(&stderr(&o), &format!("{what} (stderr)"));
        outputs.push(stdout(&o));
    }
    let md = fs::read_to_string(&md_file).unwrap();
    let csv = fs::read_to_string(&csv_file).unwrap();
    assert_no_control_characters(&md, "export -o sheet.md");
    assert_no_control_characters(&csv, "export -o sheet.csv");

    // The text itself is all there, made harmless.
    let status = &outputs[0];
    assert!(status.contains("name T^[]0;PWNED^G X^[[2JY C1<U+009B>31m bidi<U+202E>txt nel<U+0085>"), "{status}");
    assert!(status.contains("<U+007F> bell^G cr^Mend <b>&amp;</b>"), "{status}");
    // Markdown: no HTML from a note, no line break out of a table cell or heading.
    let md_out = &outputs[2];
    assert_eq!(md_out, &md);
    assert!(!md.contains("<b>"), "{md}");
    // Brackets are escaped too (`^\\[`): they render as `^[`, and make no link.
    assert!(md.contains(r"name T^\[\]0;PWNED^G X^\[\[2JY"), "{md}");
    assert!(md.contains("cr^Mend &lt;b&gt;&amp;amp;&lt;/b&gt;"), "{md}");
    assert!(md.contains(r"| note T^\[\]0;PWNED^G"), "{md}");
    assert!(md.contains("&lt;/b&gt;<br>second line\twith a tab |"), "{md}");
    assert!(md.contains(r"> refl T^\[\]0;PWNED^G") && md.contains("\n> second line"), "{md}");
    // CSV: line breaks and tabs stay inside the quoted field.
    let mut reader = csv::Reader::from_reader(outputs[3].as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert!(row[8].starts_with("note T^[]0;PWNED^G X^[[2JY C1<U+009B>31m"), "{:?}", &row[8]);
    assert!(row[8].ends_with("</b>\nsecond line\twith a tab"), "{:?}", &row[8]);
    assert!(csv.starts_with('\u{feff}'));
    // JSON: the same text, escaped (`\u001b`, `\u009B`), so nothing is lost.
    let json = &outputs[4];
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let note = v["competencies"][0]["levels"][0]["statements"][0]["note"].as_str().unwrap();
    assert!(note.starts_with("note T\u{1b}]0;PWNED\u{7} X\u{1b}[2JY C1\u{9b}31m bidi\u{202e}txt nel\u{85} del\u{7f}"));
    assert!(json.contains(r"C1\u009B31m bidi\u202Etxt nel\u0085 del\u007F"), "{json}");
    let v: serde_json::Value = serde_json::from_str(&outputs[1]).unwrap();
    assert!(v["profile"]["name"].as_str().unwrap().contains("bidi\u{202e}txt"));
    // The team overview: the learner's name and the broken file's name.
    let review_md = &outputs[7];
    assert!(review_md.contains(r"| name T^\[\]0;PWNED^G"), "{review_md}");
    assert!(review_md.contains("/evil^[[31m.toml`: 2:9: "), "{review_md}");
    assert!(outputs[8].contains("name T^[]0;PWNED^G"));
    // A framework's text stays on its line.
    let show = &outputs[9];
    assert!(show.starts_with("Framework cmbok^Jkeiko: everything is fine^[[2J version 1^M^J2\n"), "{show}");
}

/// The write end of a pipe whose reader has gone: every write fails with EPIPE.
fn closed_pipe() -> std::io::PipeWriter {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    writer
}

/// A directory of many broken workbooks: a warning each on stderr.
fn many_broken_files(sb: &Sandbox) -> PathBuf {
    let dir = sb.path("team");
    fs::create_dir(&dir).unwrap();
    for i in 0..200 {
        fs::write(dir.join(format!("broken-{i:03}.toml")), "schema = 1\n[profile\n").unwrap();
    }
    dir
}

#[test]
fn a_closed_stderr_never_makes_keiko_panic() {
    use std::os::unix::process::ExitStatusExt;
    let sb = Sandbox::new();
    let unknown = sb.path("unknown.toml");
    fs::write(&unknown, "schema = 1\n[statements.\"SM-99.1.1\"]\nchecked = true\n").unwrap();
    let missing = sb.path("missing.toml");
    let team = many_broken_files(&sb);
    let cases: [(&[&str], i32); 4] = [
        // The "does not exist yet" note.
        (&["--file", missing.to_str().unwrap(), "status"], 0),
        // The unknown-id warning.
        (&["--file", unknown.to_str().unwrap(), "status"], 0),
        // A warning per broken file (each also a row; the export is incomplete: 1).
        (&["review", "--export", "csv", team.to_str().unwrap()], 1),
        // An error.
        (&["--role", "boss", "status"], 1),
    ];
    for (args, code) in cases {
        let o = sb.command(args).stderr(closed_pipe()).output().unwrap();
        assert_eq!(o.status.code(), Some(code), "{args:?}: {:?}", o.status);
        assert_eq!(o.status.signal(), None, "{args:?}");
        if args[0] == "review" || code == 0 {
            assert!(!o.stdout.is_empty(), "{args:?}: the output is still printed");
        }
    }
}

/// `keiko … | head -1`: when the reader goes away, keiko ends as git and cat
/// do, by SIGPIPE (a shell shows status 141), without a word or a panic.
#[test]
fn a_closed_stdout_ends_keiko_by_sigpipe_quietly() {
    use std::os::unix::process::ExitStatusExt;
    let sb = Sandbox::new();
    let file = sb.with_workbook();
    let team = many_broken_files(&sb);
    let export = ["--file", file.to_str().unwrap(), "export", "--format", "csv"];
    let o = sb.command(&export).stdout(closed_pipe()).output().unwrap();
    assert_eq!(o.status.signal(), Some(libc::SIGPIPE), "{:?}", o.status);
    assert_eq!(stderr(&o), "");
    // `2>&1 | head -1`: both streams into the same closed pipe.
    let pipe = closed_pipe();
    let o = sb
        .command(&["review", "--export", "csv", team.to_str().unwrap()])
        .stderr(pipe.try_clone().unwrap())
        .stdout(pipe)
        .output()
        .unwrap();
    assert_eq!(o.status.signal(), Some(libc::SIGPIPE), "{:?}", o.status);
}

#[test]
fn a_missing_workbook_is_noted_only_while_it_is_missing() {
    let sb = Sandbox::new();
    let note = "does not exist yet; it is created with your first change";
    let o = sb.run(&["status"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("{} {note}", sb.workbook().display())), "{}", stderr(&o));
    assert!(!sb.workbook().exists());
    let o = sb.run(&["export", "--format", "json"]);
    assert!(stderr(&o).contains(note), "{}", stderr(&o));
    // The first change creates it: no note then, or later.
    let o = sb.run(&["--name", "A", "status"]);
    assert!(sb.workbook().exists());
    assert!(!stderr(&o).contains(note), "{}", stderr(&o));
    assert!(!stderr(&sb.run(&["status"])).contains(note));
}

/// The app says so when it ends, and only if the file is still missing then.
#[test]
fn the_app_notes_a_missing_workbook_only_if_it_is_still_missing_at_the_end() {
    use common::pty::{ENTER, Pty};
    let note = "does not exist yet";
    let en = [("LANG", "en_US.UTF-8")];
    let home = tempfile::tempdir().unwrap();
    let workbook = home.path().join("data/keiko/workbook.toml");
    // First run: the welcome screen's name and role create the workbook.
    let mut keiko = Pty::spawn(&[], home.path(), &en, 80, 24);
    keiko.wait_for("Welcome to keiko");
    keiko.send(ENTER);
    keiko.send(ENTER);
    keiko.wait_for("To target");
    assert!(workbook.exists());
    keiko.send("q");
    assert!(keiko.wait_exit(5).success());
    keiko.settle(std::time::Duration::from_millis(100));
    assert!(!keiko.contents().contains(note), "{}", keiko.contents());
    // Quitting before any change: the note is still true, and said once.
    let fresh = tempfile::tempdir().unwrap();
    let mut keiko = Pty::spawn(&[], fresh.path(), &en, 80, 24);
    keiko.wait_for("Welcome to keiko");
    keiko.send("\x03");
    assert!(keiko.wait_exit(5).success());
    keiko.settle(std::time::Duration::from_millis(100));
    assert_eq!(keiko.contents().matches(note).count(), 1, "{}", keiko.contents());
}

#[test]
fn a_review_path_that_cannot_be_read_fails_after_the_output() {
    let sb = Sandbox::new();
    let o = sb.run(&["review", "--export", "csv", "/nonexistent"]);
    assert_user_error(&o, "/nonexistent: no such file or directory");
    assert!(stdout(&o).starts_with("name,login,status,role,file,"), "{}", stdout(&o));
    // A named workbook that cannot be used, beside one that can.
    let good = sb.with_workbook();
    let broken = sb.path("broken.toml");
    fs::write(&broken, "schema = 1\n[profile\n").unwrap();
    let o = sb.run(&["review", "--export", "md", good.to_str().unwrap(), broken.to_str().unwrap()]);
    assert_user_error(&o, "broken.toml: 2:9: ");
    assert!(stdout(&o).contains("オペレーターA"), "{}", stdout(&o));
    // A directory nobody may list.
    let closed = sb.path("closed");
    fs::create_dir(&closed).unwrap();
    fs::set_permissions(&closed, fs::Permissions::from_mode(0o000)).unwrap();
    let o = as_nobody(&sb, &["review", "--export", "csv", closed.to_str().unwrap()]);
    assert_user_error(&o, "closed: permission denied");
    // Broken files found in a directory fail the export too (issue 17: any of
    // them may be a learner), each a row with its reason, after the rest.
    let team = many_broken_files(&sb);
    let o = sb.run(&["review", "--export", "csv", team.to_str().unwrap(), good.to_str().unwrap()]);
    assert_user_error(&o, "broken-199.toml: 2:9: ");
    let csv = stdout(&o);
    assert_eq!(csv.lines().count(), 1 + 1 + 200, "{csv}");
    assert!(csv.lines().nth(1).unwrap().starts_with("オペレーターA,,in_progress,"), "{csv}");
    assert!(csv.lines().last().unwrap().starts_with("broken-199,,not_read,,"), "{csv}");
    assert!(csv.lines().last().unwrap().contains(",\"2:9: unclosed table, expected `]`\""), "{csv}");
}

#[test]
fn each_command_takes_only_the_options_that_apply_to_it() {
    let sb = Sandbox::new();
    let file = sb.with_workbook();
    let team = sb.path("team");
    fs::create_dir(&team).unwrap();
    let team_file = team.join("a.toml");
    fs::copy(&file, &team_file).unwrap();
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/framework.toml");
    let (file, team, bundled) = (file.to_str().unwrap(), team.to_str().unwrap(), bundled.to_str().unwrap());
    let options: [&[&str]; 7] = [
        &["--file", file],
        &["--framework", bundled],
        &["--lang", "ja"],
        &["--role", "SV"],
        &["--name", "X"],
        &["--reading", "えっくす"],
        &["--ascii"],
    ];
    // Each command and the options it takes.
    let commands: [(&[&str], &[&str]); 9] = [
        (&["status"], &["--file", "--framework", "--lang", "--role", "--name", "--reading", "--ascii"]),
        (&["export", "--format", "json"], &["--file", "--framework", "--lang", "--role", "--name", "--reading"]),
        (&["framework", "check", bundled], &[]),
        (&["framework", "show"], &["--framework", "--lang"]),
        (&["path"], &["--file"]),
        // Without a terminal the app refuses to start (exit 1), after the options are taken.
        (&["review", team], &["--framework", "--lang", "--ascii"]),
        (&["review", "--export", "csv", team], &["--framework", "--lang"]),
        (&["completions", "bash"], &[]),
        (&["man"], &[]),
    ];
    for (command, takes) in commands {
        for option in options {
            for before in [true, false] {
                let args: Vec<&str> = if before { [option, command].concat() } else { [command, option].concat() };
                let o = sb.run(&args);
                if takes.contains(&option[0]) {
                    assert_ne!(o.status.code(), Some(2), "{args:?} is refused: {}", stderr(&o));
                } else {
                    assert_eq!(o.status.code(), Some(2), "{args:?} is accepted: {}", stderr(&o));
                    assert!(stderr(&o).contains(option[0]), "{args:?}: {}", stderr(&o));
                    assert!(stdout(&o).is_empty(), "{args:?}");
                }
            }
        }
    }
    // The coach's name is for the app, not for the printed overview.
    let o = sb.run(&["review", "--coach", "tanaka", "--export", "csv", team]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // A refused option changes nothing: the role is not written.
    let o = sb.run(&["--role", "CAP", "--name", "X", "review", "--export", "csv", team]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("'--role' does not apply to 'keiko review --export'"), "{}", stderr(&o));
    assert!(!fs::read_to_string(sb.workbook()).unwrap().contains("CAP"));
    assert!(fs::read_to_string(team_file).unwrap().contains("role = \"OP\""));
}

/// The commands `keiko --help` lists (without `help`).
fn commands_in_help(sb: &Sandbox) -> Vec<String> {
    let help = stdout(&sb.run(&["--help"]));
    let listed = help.split("Commands:\n").nth(1).unwrap().split("\n\n").next().unwrap();
    let names: Vec<String> = listed.lines().filter_map(|l| l.split_whitespace().next()).map(String::from).collect();
    assert!(names.len() >= 7, "{help}");
    names.into_iter().filter(|n| n != "help").collect()
}

#[test]
fn completions_for_bash_complete_keikos_commands_and_options() {
    let sb = Sandbox::new();
    let o = sb.run(&["completions", "bash"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let script = stdout(&o);
    for command in commands_in_help(&sb) {
        assert!(script.contains(&format!("keiko,{command})")), "{command} missing from the script");
    }
    let path = sb.path("keiko.bash");
    fs::write(&path, &script).unwrap();
    let check = Command::new("bash").arg("-n").arg(&path).output().unwrap();
    assert!(check.status.success(), "bash -n: {}", stderr(&check));
    // What a user sees pressing Tab: `keiko re` → review, `--format` → its values.
    let complete = |words: &str, current: usize| {
        let test = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD={current}; \
             _keiko keiko \"${{COMP_WORDS[$COMP_CWORD]}}\" \"${{COMP_WORDS[$COMP_CWORD-1]}}\"; \
             echo \"${{COMPREPLY[*]}}\"",
            path.display()
        );
        let o = Command::new("bash").arg("-c").arg(test).output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o).trim().to_string()
    };
    assert_eq!(complete("keiko re", 1), "review");
    assert_eq!(complete("keiko export --format ''", 3), "md csv json");
    assert!(complete("keiko completions ''", 2).ends_with("bash zsh fish"));
}

#[test]
fn completions_for_zsh_and_fish_are_scripts_for_keiko() {
    let sb = Sandbox::new();
    let zsh = sb.run(&["completions", "zsh"]);
    assert!(zsh.status.success() && stdout(&zsh).starts_with("#compdef keiko"), "{}", stderr(&zsh));
    let fish = sb.run(&["completions", "fish"]);
    assert!(fish.status.success() && stdout(&fish).contains("complete -c keiko"), "{}", stderr(&fish));
    for script in [stdout(&zsh), stdout(&fish)] {
        assert!(script.contains("review") && script.contains("format") && script.contains("json"), "{script}");
    }
    let o = sb.run(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn man_prints_one_roff_page_with_every_command() {
    let sb = Sandbox::new();
    let o = sb.run(&["man"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.lines().any(|l| l.starts_with(".TH keiko 1 ")), "{page}");
    for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS"] {
        assert!(page.contains(&format!("\n.SH {section}\n")), "no {section} in {page}");
    }
    // Every command is described in this page, not in pages keiko does not install.
    for command in commands_in_help(&sb) {
        assert!(page.contains(&format!(".SS \"keiko {command}")), "{command} missing from the page");
    }
    assert!(page.contains(".SS \"keiko framework check\""));
    assert!(!page.contains("keiko\\-status(1)"), "{page}");
    assert!(page.contains("\\-\\-format"), "{page}");
}

#[test]
fn the_readme_usage_block_lists_every_command() {
    let sb = Sandbox::new();
    let readme = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let usage = readme.split("## Using keiko\n\n```text\n").nth(1).unwrap().split("```").next().unwrap();
    for command in commands_in_help(&sb) {
        assert!(usage.lines().any(|l| l.starts_with(&format!("  {command} "))), "{command} missing from {usage}");
    }
}

/// A locale that is not UTF-8 cannot show blocks and box lines: keiko draws
/// in ASCII by itself, unless the user said otherwise.
#[test]
fn a_locale_that_is_not_utf8_draws_in_ascii_unless_told_otherwise() {
    let sb = Sandbox::new();
    let file = sb.with_workbook();
    let status = |env: &[(&str, &str)]| {
        let mut cmd = sb.command(&["--file", file.to_str().unwrap(), "status"]);
        cmd.env_remove("LANG");
        for (k, v) in env {
            cmd.env(k, v);
        }
        stdout(&cmd.output().unwrap())
    };
    let (blocks, ascii) = ("To target  █████░░░", "To target  #####---");
    for locale in ["C.UTF-8", "en_US.utf8", "en_IE.UTF-8@euro"] {
        assert!(status(&[("LANG", locale)]).contains(blocks), "{locale}");
    }
    for locale in ["C", "POSIX", "en_US.ISO-8859-1", "en_US"] {
        assert!(status(&[("LANG", locale)]).contains(ascii), "{locale}");
    }
    assert!(status(&[]).contains(ascii), "no locale is the C locale");
    let euc = status(&[("LANG", "ja_JP.eucJP")]);
    assert!(euc.contains("目標まで  #####-----"), "{euc}");
    // LC_ALL, then LC_CTYPE, come before LANG.
    assert!(status(&[("LANG", "C.UTF-8"), ("LC_CTYPE", "C")]).contains(ascii));
    assert!(status(&[("LANG", "C"), ("LC_ALL", "en_US.UTF-8")]).contains(blocks));
    // An explicit choice wins: KEIKO_ASCII=0, the config file's ascii = false.
    assert!(status(&[("LANG", "C"), ("KEIKO_ASCII", "0")]).contains(blocks));
    let config = sb.path("config/keiko/config.toml");
    fs::create_dir_all(config.parent().unwrap()).unwrap();
    fs::write(&config, "ascii = false\n").unwrap();
    assert!(status(&[("LANG", "C"), ("XDG_CONFIG_HOME", sb.path("config").to_str().unwrap())]).contains(blocks));
}

#[test]
fn a_terminal_that_cannot_draw_is_sent_to_keiko_status() {
    use common::pty::Pty;
    let home = tempfile::tempdir().unwrap();
    for (lang, expected) in [
        ("en_US.UTF-8", "this terminal (TERM=dumb) cannot draw the full-screen app; for a summary, use `keiko status`"),
        ("ja_JP.UTF-8", "この端末 (TERM=dumb) では全画面のアプリを表示できません。概要は `keiko status` で見られます"),
    ] {
        let mut keiko = Pty::spawn(&["--role", "OP"], home.path(), &[("LANG", lang), ("TERM", "dumb")], 80, 24);
        assert_eq!(keiko.wait_exit(5).exit_code(), 1);
        keiko.wait_for(expected);
        assert!(!home.path().join("data").exists(), "refused before the flags change anything");
    }
    let team = tempfile::tempdir().unwrap();
    let args = ["review", team.path().to_str().unwrap()];
    let mut keiko = Pty::spawn(&args, home.path(), &[("LANG", "en_US.UTF-8"), ("TERM", "dumb")], 80, 24);
    assert_eq!(keiko.wait_exit(5).exit_code(), 1);
    keiko.wait_for("use `keiko review --export md PATH...`");
}

#[test]
fn the_workbook_is_found_by_file_then_user_config_then_system_config_then_data_dir() {
    let sb = Sandbox::new();
    let login = keiko_core::os::identity::real_login();
    let path_of = |o: &Output| stdout(o).trim_end().to_string();
    assert_eq!(
        path_of(&sb.run(&["path"])),
        sb.workbook().display().to_string(),
        "no team anywhere: the data directory"
    );

    fs::write(sb.path("system-config.toml"), format!("team = \"{}\"\n", sb.path("system-team").display())).unwrap();
    let team_workbook = sb.path("system-team").join("learners").join(&login).join("workbook.toml");
    assert_eq!(path_of(&sb.run(&["path"])), team_workbook.display().to_string(), "the system config's team");

    let config = sb.path("home/.config/keiko/config.toml");
    fs::create_dir_all(config.parent().unwrap()).unwrap();
    fs::write(&config, format!("team = \"{}\"\n", sb.path("my-team").display())).unwrap();
    let mine = sb.path("my-team").join("learners").join(&login).join("workbook.toml");
    assert_eq!(path_of(&sb.run(&["path"])), mine.display().to_string(), "the user's own config over the system's");

    let file = sb.path("own.toml");
    assert_eq!(path_of(&sb.run(&["path", "--file", file.to_str().unwrap()])), file.display().to_string());
    let o = sb.command(&["path"]).env("KEIKO_FILE", &file).output().unwrap();
    assert_eq!(path_of(&o), file.display().to_string(), "KEIKO_FILE over every config");

    // A system config keiko cannot understand is an error, not a guess.
    fs::remove_file(&config).unwrap();
    fs::write(sb.path("system-config.toml"), "team = 3\n").unwrap();
    let o = sb.run(&["status"]);
    assert_user_error(&o, "system-config.toml");
}
