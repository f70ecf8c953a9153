//! `keiko review --export xlsx -o FILE.xlsx`: the Excel report, read back
//! as Excel would (calamine) and as the zip it is.

mod common;

use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{stamp, team_dir};
use keiko_core::model::framework::Framework;
use keiko_core::model::workbook::Change;
use keiko_core::store::Store;

fn export(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_keiko"));
    cmd.arg("review").args(args).env("TZ", "Asia/Tokyo").env("HOME", home.path()).env("KEIKO_LANG", "en");
    cmd.env("KEIKO_SYSTEM_CONFIG", home.path().join("no-system-config.toml"));
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).unwrap()
}

/// A sheet's cells as rows, from A1.
fn cells(book: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> Vec<Vec<Data>> {
    let range = book.worksheet_range(sheet).unwrap();
    assert_eq!(range.start(), Some((0, 0)), "{sheet} starts at A1");
    range.rows().map(|r| r.to_vec()).collect()
}

fn s(text: &str) -> Data {
    Data::String(text.into())
}

fn n(x: u32) -> Data {
    Data::Float(f64::from(x))
}

#[test]
fn the_excel_report_has_a_summary_a_matrix_every_statement_and_a_progress_chart() {
    use std::os::unix::fs::PermissionsExt;
    let dir = team_dir();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("team.xlsx");
    let o = export(&["--export", "xlsx", "-o", out.to_str().unwrap(), dir.path().to_str().unwrap()], &[]);
    // Written whole; the broken file, listed in it, fails the export.
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stdout.is_empty(), "an Excel file never goes to the terminal");
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(stderr.contains(&format!("keiko: wrote {}\n", out.display())), "{stderr}");
    assert!(stderr.contains("broken.toml: 2:9: "), "{stderr}");
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600, "private when new");
    let names: Vec<_> = std::fs::read_dir(out_dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "no temporary file left: {names:?}");

    let mut book = open(&out);
    assert_eq!(book.sheet_names(), ["Summary", "Matrix", "Statements", "Progress"]);

    let summary = cells(&mut book, "Summary");
    assert_eq!(summary[0][..2], [s("Team"), s(dir.path().to_str().unwrap())]);
    assert_eq!(summary[2][0], s("Date"));
    let count = |label: &str| summary.iter().find(|r| r[0] == s(label)).map(|r| r[1].clone());
    assert_eq!(count("Learners"), Some(n(3)));
    assert_eq!(count("At target"), Some(n(0)));
    assert_eq!(count("Reviews waiting"), Some(n(1)));
    assert_eq!(count("Files not read"), Some(n(1)));
    assert!(summary.iter().any(|r| r[0] == s("- below target")), "the marks' legend");
    let broken = format!("{}/broken.toml", dir.path().display());
    let listed = summary.iter().find(|r| r[0] == s(&broken)).expect("the file not read, listed");
    assert!(matches!(&listed[1], Data::String(why) if why.starts_with("2:9: ")), "{listed:?}");
    assert_eq!(listed[2..], [s("broken"), Data::Empty]);

    let matrix = cells(&mut book, "Matrix");
    assert_eq!(matrix[0][..5], [s("Name"), s("Login"), s("Role"), s("SM-5 achieved"), s("SM-5 target")]);
    assert_eq!(matrix[0].len(), 3 + 2 * 5);
    // Sorted by name: Chen Wei, 青木 花子, 馬場 太郎. Levels are numbers, never a `1/2` date.
    assert_eq!(matrix[2][..9], [s("青木 花子"), Data::Empty, s("OP"), n(1), n(2), n(1), n(1), n(0), n(2)]);
    let sheet_xml = zip_text(&out, "xl/worksheets/sheet2.xml");
    assert!(sheet_xml.contains(r#"<pane xSplit="1" ySplit="1""#), "frozen header and names: {sheet_xml}");
    assert!(sheet_xml.contains(r#"<autoFilter ref="A1:M4"/>"#), "{sheet_xml}");
    assert!(sheet_xml.contains("<conditionalFormatting"), "{sheet_xml}");
    let styles = zip_text(&out, "xl/styles.xml");
    // Aoki is below target in SM-5 (1 of 2) and at it in SM-6 (1 of 1); nobody is above.
    for mark in ["-", "="] {
        assert!(
            styles.contains(&format!("formatCode=\"0&quot; {mark}&quot;\"")),
            "{mark} reads without colour: {styles}"
        );
    }

    let statements = cells(&mut book, "Statements");
    assert_eq!(
        statements[0],
        ["Learner", "Login", "Competency", "Level", "Statement ID", "Statement", "Checked", "Checked at (UTC)", "Note"]
            .map(s)
    );
    let framework = Framework::bundled();
    let per_learner: usize = framework.competencies.iter().map(|c| c.statements().count()).sum();
    assert_eq!(statements.len(), 1 + 3 * per_learner);
    let row = statements.iter().find(|r| r[0] == s("青木 花子") && r[4] == s("SM-5.1.1")).unwrap();
    assert_eq!(row[2..4], [s("SM-5"), n(1)]);
    assert_eq!(row[6], Data::Bool(true));
    assert_eq!(row[7], s(&common::fixed_now().to_string()));

    let progress = cells(&mut book, "Progress");
    assert_eq!(progress[0], [s("Week of"), s("Learners at target"), s("Learners")]);
    assert_eq!(progress.last().unwrap()[1..], [n(0), n(3)]);
    // Charts are not cells: look for it in the zip an .xlsx is.
    let chart = zip_text(&out, "xl/charts/chart1.xml");
    assert!(chart.contains("<c:lineChart>") && chart.contains("Learners at target, week by week"), "{chart}");
}

/// One file of the zip an .xlsx is.
fn zip_text(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let file = zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}"));
    std::io::read_to_string(file).unwrap()
}

/// Names, notes and statements as the learner wrote them, Japanese intact,
/// and text that looks like a formula stays text.
#[test]
fn text_from_workbooks_is_text_never_a_formula() {
    let dir = team_dir();
    let framework = Framework::bundled();
    let store = Store::new(dir.path().join("aoki.toml"), &framework);
    let me = stamp("aoki");
    store.apply(&Change::Profile { name: Some("=HYPERLINK(\"x\")".into()), role: None }, &me, false).unwrap();
    store.apply(&Change::Note { id: "SM-5.1.1".into(), text: "+1".into() }, &me, false).unwrap();
    store.apply(&Change::Note { id: "SM-6.1.1".into(), text: "解約理由を聴き取った。".into() }, &me, false).unwrap();
    // Longer than a cell holds (40,000 UTF-16 units): cut to fit, never a failed report.
    store.apply(&Change::Note { id: "SM-7.1.1".into(), text: "😀".repeat(20_000) }, &me, false).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("team.xlsx");
    let o =
        export(&["--export", "xlsx", "-o", out.to_str().unwrap(), "--lang", "ja", dir.path().to_str().unwrap()], &[]);
    assert_eq!(o.status.code(), Some(1), "the broken file: {}", String::from_utf8_lossy(&o.stderr));
    let mut book = open(&out);
    assert_eq!(book.sheet_names(), ["概要", "スキル表", "行動", "推移"]);
    let matrix = cells(&mut book, "スキル表");
    assert_eq!(matrix[0][..4], [s("名前"), s("ログイン"), s("役割"), s("SM-5 達成")]);
    assert!(matrix.iter().any(|r| r[0] == s("馬場 太郎")), "{matrix:?}");
    assert!(matrix.iter().any(|r| r[0] == s("=HYPERLINK(\"x\")")), "{matrix:?}");
    let statements = cells(&mut book, "行動");
    let note = |id: &str| {
        statements.iter().find(|r| r[0] == s("=HYPERLINK(\"x\")") && r[4] == s(id)).map(|r| r[8].clone()).unwrap()
    };
    assert_eq!(note("SM-5.1.1"), s("+1"));
    assert_eq!(note("SM-6.1.1"), s("解約理由を聴き取った。"));
    let Data::String(long) = note("SM-7.1.1") else { panic!("the long note is text") };
    assert!(long.starts_with("😀😀") && long.encode_utf16().count() <= 32_767, "{}", long.len());
    let statement = framework.competencies[0].levels[0].statements[0].text.get(keiko_core::lang::Lang::JA).to_string();
    assert!(!statement.is_ascii());
    assert!(statements.iter().any(|r| r[5] == s(&statement)), "the statement in Japanese");
    for sheet in ["概要", "スキル表", "行動", "推移"] {
        let formulas = book.worksheet_formula(sheet).unwrap();
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "{sheet} has a formula: {formulas:?}");
    }
}

/// Bidirectional overrides and isolates, and other controls, written by a
/// learner show in the report as the terminal shows them (`<U+202E>`,
/// `^[`): a name cannot read backwards in Excel, nor a file name.
#[test]
fn bidi_overrides_and_controls_from_workbooks_are_shown_not_applied() {
    let dir = team_dir();
    let framework = Framework::bundled();
    let store = Store::new(dir.path().join("aoki.toml"), &framework);
    let me = stamp("aoki");
    let hidden = ['\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}'];
    let more = ['\u{2069}', '\u{200e}', '\u{200f}', '\u{061c}'];
    let name: String = hidden.iter().chain(&more).map(|c| format!("{c}x")).collect();
    store.apply(&Change::Profile { name: Some(format!("{name}\u{1b}[2J")), role: None }, &me, false).unwrap();
    store
        .apply(&Change::Note { id: "SM-5.1.1".into(), text: "gpj.\u{202e}exe\nline\ttab".into() }, &me, false)
        .unwrap();
    std::fs::write(dir.path().join("evil\u{202e}lmth.toml"), "schema = 1\n[profile\n").unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("team.xlsx");
    let o = export(&["--export", "xlsx", "-o", out.to_str().unwrap(), dir.path().to_str().unwrap()], &[]);
    assert_eq!(o.status.code(), Some(1), "the broken file: {}", String::from_utf8_lossy(&o.stderr));
    let shown = "<U+202A>x<U+202B>x<U+202C>x<U+202D>x<U+202E>x<U+2066>x<U+2067>x<U+2068>x<U+2069>x<U+200E>x<U+200F>x\
                 <U+061C>x^[[2J";
    let mut book = open(&out);
    let matrix = cells(&mut book, "Matrix");
    assert!(matrix.iter().any(|r| r[0] == s(shown)), "{matrix:?}");
    let statements = cells(&mut book, "Statements");
    let row = statements.iter().find(|r| r[0] == s(shown) && r[4] == s("SM-5.1.1")).expect("the learner's rows");
    assert_eq!(row[8], s("gpj.<U+202E>exe\nline\ttab"), "line breaks and tabs stay");
    let summary = cells(&mut book, "Summary");
    let file = format!("{}/evil<U+202E>lmth.toml", dir.path().display());
    assert!(summary.iter().any(|r| r[0] == s(&file)), "{summary:?}");
    for sheet in ["Summary", "Matrix", "Statements", "Progress"] {
        for row in cells(&mut book, sheet) {
            for cell in row {
                if let Data::String(text) = cell {
                    assert!(
                        !text.chars().any(|c| c != '\n' && c != '\t' && keiko_core::text::is_unsafe_char(c)),
                        "{sheet}: {text:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn an_excel_report_needs_a_file_to_go_to() {
    let dir = team_dir();
    let o = export(&["--export", "xlsx", dir.path().to_str().unwrap()], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(stderr.contains("--export xlsx needs -o FILE.xlsx"), "{stderr}");
}

/// Team mode: the team's name heads the summary, and every learner's login is there.
#[test]
fn a_teams_report_names_the_team_and_gives_logins() {
    let team = tempfile::tempdir().unwrap();
    std::fs::write(
        team.path().join("team.toml"),
        "layout = 2\nname = \"第2センター 解約窓口\"\ncoaches = [\"tanaka\"]\n\n[[learner]]\nlogin = \"aoki\"\nname = \"青木 花子\"\n\n\
         [[learner]]\nlogin = \"ito\"\nname = \"伊藤 さくら\"\n",
    )
    .unwrap();
    let framework = Framework::bundled();
    let aoki = team.path().join("learners").join("aoki");
    std::fs::create_dir_all(&aoki).unwrap();
    let store = Store::new(aoki.join("workbook.toml"), &framework);
    let me = stamp("aoki");
    store.apply(&Change::Profile { name: Some("青木 花子".into()), role: Some("OP".into()) }, &me, false).unwrap();
    store.apply(&Change::Check { id: "SM-5.1.1".into(), checked: true }, &me, false).unwrap();
    let config = tempfile::tempdir().unwrap();
    let system = config.path().join("config.toml");
    std::fs::write(&system, format!("team = {:?}\n", team.path().to_str().unwrap())).unwrap();
    let out = config.path().join("report.xlsx");
    let o = export(
        &["--export", "xlsx", "-o", out.to_str().unwrap()],
        &[("KEIKO_SYSTEM_CONFIG", system.to_str().unwrap())],
    );
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let mut book = open(&out);
    assert_eq!(cells(&mut book, "Summary")[0], [s("Team"), s("第2センター 解約窓口")]);
    let matrix = cells(&mut book, "Matrix");
    let logins: Vec<(Data, Data)> = matrix[1..].iter().map(|r| (r[0].clone(), r[1].clone())).collect();
    assert_eq!(logins, [(s("伊藤 さくら"), s("ito")), (s("青木 花子"), s("aoki"))]);
    let statements = cells(&mut book, "Statements");
    let row = statements.iter().find(|r| r[1] == s("aoki") && r[4] == s("SM-5.1.1")).unwrap();
    assert_eq!(row[6], Data::Bool(true));
}

/// The progress sheet replays each learner's history: reaching the target
/// counts from that week on, and unchecking a statement later takes it back.
#[test]
fn progress_week_by_week_follows_the_history() {
    let framework = Framework::bundled();
    let dir = tempfile::tempdir().unwrap();
    let week = 7 * 24 * 3600;
    let t0 = 1_790_259_200; // A Thursday, 14:13 UTC: every step below lands mid-week.
    let at = |s: i64| keiko_core::model::workbook::Stamp::new("aoki", keiko_core::clock::time_from_unix(s));
    let store = Store::new(dir.path().join("aoki.toml"), &framework);
    store.apply(&Change::Profile { name: Some("青木 花子".into()), role: Some("OP".into()) }, &at(t0), false).unwrap();
    let ids: Vec<String> =
        framework.competencies.iter().flat_map(|c| c.statements()).map(|(_, s)| s.id.clone()).collect();
    for id in &ids {
        store.apply(&Change::Check { id: id.clone(), checked: true }, &at(t0 + 2 * week), false).unwrap();
    }
    let team = keiko_core::team::Team::open(&framework, vec![dir.path().to_path_buf()]);
    let now = keiko_core::clock::time_from_unix(t0 + 5 * week);
    let bytes = keiko::cli::xlsx::report(&framework, &team, "team", keiko_core::lang::Lang::EN, now).unwrap();
    let mut book: Xlsx<_> = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("Progress").unwrap();
    // As the app's team chart (`t`) counts: from the week the target was
    // reached (two weeks in) to this one, the learner is at target.
    let at_target: Vec<Data> = range.rows().skip(1).map(|r| r[1].clone()).collect();
    let reached = at_target.iter().position(|v| *v == n(1)).expect("reached the target");
    assert!(at_target[..reached].iter().all(|v| *v == n(0)), "{range:?}");
    assert_eq!(at_target[reached..].to_vec(), vec![n(1); 4], "weeks 2, 3, 4 and 5: {range:?}");
}
