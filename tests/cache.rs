//! The coach's summary cache: only files whose identity changed are read
//! again, and a cache that does not fit (broken, another framework, a file
//! replaced in place) never gives a wrong summary.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use keiko_core::model::framework::Framework;
use keiko_core::store::{Store, parse, parse_for_summary, to_toml};
use keiko_core::team::{Summary, Team};
use keiko_core::testing::{full_workbook, heavy_workbook, typical_workbook, write_heavy_team};

/// Files changed within a second of the cache being written are read again
/// (their change may be newer than the cache): the tests date theirs back.
fn date_back(path: &Path, seconds: u64) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(seconds)).unwrap();
}

fn heavy_team(dir: &Path, n: usize) -> Vec<PathBuf> {
    let paths = write_heavy_team(&Framework::bundled(), dir, n, false).unwrap();
    for path in &paths {
        date_back(path, 3600);
    }
    paths
}

/// What each learner's summary is, read without a cache.
fn summaries(team: &Team) -> Vec<(PathBuf, Summary)> {
    team.members.iter().map(|m| (m.path.clone(), m.summary.clone())).collect()
}

fn open(framework: &Framework, dir: &Path, cache: &Path) -> Team {
    Team::open_cached(framework, vec![dir.to_path_buf()], None, cache)
}

#[test]
fn the_summary_read_gives_the_summary_of_the_whole_workbook() {
    let framework = Framework::bundled();
    let path = Path::new("w.toml");
    let mut workbooks: Vec<_> = (0..40).map(|seed| heavy_workbook(&framework, seed)).collect();
    workbooks.extend((0..40).map(|seed| typical_workbook(&framework, seed)));
    workbooks.push(full_workbook(&framework, "A", "OP", true));
    workbooks.push(keiko_core::model::workbook::Workbook::new(&framework));
    for workbook in workbooks {
        let text = to_toml(&workbook);
        let whole = Summary::of(&framework, path, &parse(&text, path).unwrap());
        let quick = Summary::of(&framework, path, &parse_for_summary(&text, path).unwrap());
        assert_eq!(quick, whole);
        assert!(whole.last_activity.is_some() || workbook.history.is_empty());
        // Spaced otherwise than keiko writes (`at=…`): read as TOML, the same summary.
        let spaced = text.replace(" = ", "=");
        assert_eq!(Summary::of(&framework, path, &parse_for_summary(&spaced, path).unwrap()), whole);
        // A hand-edited layout (a table after the history) is parsed in full.
        let moved = format!("{}\n[profile]\nname = \"moved\"\n", text.replace("[profile]\n", "[unused_profile]\n"));
        assert_eq!(parse_for_summary(&moved, path).is_ok(), parse(&moved, path).is_ok());
    }
}

#[test]
fn an_error_before_the_history_is_found_by_the_summary_read_too() {
    let framework = Framework::bundled();
    let path = Path::new("w.toml");
    let text = to_toml(&heavy_workbook(&framework, 1)).replacen("checked = true", "checked = yes", 1);
    let (quick, whole) = (parse_for_summary(&text, path).unwrap_err(), parse(&text, path).unwrap_err());
    assert_eq!(quick, whole, "the same error, at the same place");
}

#[test]
fn only_changed_files_are_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let framework = Framework::bundled();
    let paths = heavy_team(dir.path(), 6);
    let cold = open(&framework, dir.path(), cache.path());
    assert_eq!(cold.files_read, 6, "no cache yet: every file is read");
    assert_eq!(summaries(&cold), summaries(&Team::open(&framework, vec![dir.path().to_path_buf()])));
    // As another run of keiko would load it.
    let warm = open(&Framework::bundled(), dir.path(), cache.path());
    assert_eq!(warm.members.len(), 6);
    assert_eq!(warm.files_read, 0, "nothing changed: nothing is read");
    assert_eq!(summaries(&warm), summaries(&cold));

    // One learner checks a box.
    let store = Store::new(&paths[2], &framework);
    let stamp = keiko_core::model::workbook::Stamp::new("op", keiko_core::clock::now());
    let checked = !store.read().unwrap().unwrap().is_checked("SM-9.4.1");
    store.apply(&keiko_core::model::workbook::Change::Check { id: "SM-9.4.1".into(), checked }, &stamp, false).unwrap();
    date_back(&paths[2], 1800);
    let after = open(&framework, dir.path(), cache.path());
    assert_eq!(after.files_read, 1, "only the changed file is read");
    assert_eq!(summaries(&after), summaries(&Team::open(&framework, vec![dir.path().to_path_buf()])));
    assert_ne!(summaries(&after), summaries(&cold));
}

#[test]
fn a_file_changed_as_the_cache_is_written_is_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let framework = Framework::bundled();
    let paths = heavy_team(dir.path(), 3);
    // Changed just now: in the same tick of the clock as the cache, it may change again unseen.
    std::fs::write(&paths[0], to_toml(&heavy_workbook(&framework, 7))).unwrap();
    assert_eq!(open(&framework, dir.path(), cache.path()).files_read, 3);
    assert_eq!(open(&framework, dir.path(), cache.path()).files_read, 1, "the recent file is not trusted");
}

#[test]
fn a_corrupt_cache_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let framework = Framework::bundled();
    heavy_team(dir.path(), 4);
    let cold = open(&framework, dir.path(), cache.path());
    let file = std::fs::read_dir(cache.path()).unwrap().next().unwrap().unwrap().path();
    let text = std::fs::read_to_string(&file).unwrap();
    for broken in [text.replace("learner 00001", "learner 0000\""), text[..text.len() / 2].to_string(), "x".into()] {
        std::fs::write(&file, broken).unwrap();
        date_back(&file, 0);
        let team = open(&framework, dir.path(), cache.path());
        assert_eq!(team.files_read, 4);
        assert_eq!(summaries(&team), summaries(&cold));
    }
    assert_eq!(
        std::fs::metadata(&file).map(|m| std::os::unix::fs::PermissionsExt::mode(&m.permissions()) & 0o777).unwrap(),
        0o600
    );
}

#[test]
fn a_cache_for_another_framework_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let framework = Framework::bundled();
    heavy_team(dir.path(), 4);
    open(&framework, dir.path(), cache.path());
    // Same id and version, one competency fewer: its summaries differ.
    let mut other = Framework::bundled();
    other.competencies.pop();
    let team = open(&other, dir.path(), cache.path());
    assert_eq!(team.files_read, 4);
    assert_eq!(summaries(&team), summaries(&Team::open(&other, vec![dir.path().to_path_buf()])));
    assert_eq!(team.members[0].summary.levels.len(), other.competencies.len());
}

#[test]
fn a_file_replaced_by_one_of_the_same_size_and_time_is_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let framework = Framework::bundled();
    let paths = heavy_team(dir.path(), 3);
    open(&framework, dir.path(), cache.path());
    let before = std::fs::metadata(&paths[1]).unwrap();
    let text = std::fs::read_to_string(&paths[1]).unwrap().replace("learner 00001", "learner 00009");
    let other = dir.path().join(".replacement");
    std::fs::write(&other, &text).unwrap();
    std::fs::File::options().write(true).open(&other).unwrap().set_modified(before.modified().unwrap()).unwrap();
    std::fs::rename(&other, &paths[1]).unwrap();
    let after = std::fs::metadata(&paths[1]).unwrap();
    assert_eq!((after.len(), after.modified().unwrap()), (before.len(), before.modified().unwrap()));
    let team = open(&framework, dir.path(), cache.path());
    let names: Vec<&str> = team.members.iter().map(|m| m.summary.name.as_str()).collect();
    assert_eq!(names, ["learner 00000", "learner 00009", "learner 00002"]);
    assert_eq!(team.files_read, 1);
}

#[test]
fn in_team_mode_a_learner_is_read_again_when_anything_in_their_directory_changed() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let framework = Framework::bundled();
    let paths = write_heavy_team(&framework, dir.path(), 3, true).unwrap();
    for path in paths.iter().chain([&dir.path().join("team.toml")]) {
        date_back(path, 3600);
    }
    let open = || {
        let team = keiko_core::team::access::LiveTeam::open(dir.path()).unwrap();
        Team::open_cached(&framework, Vec::new(), Some(team), cache.path())
    };
    assert_eq!(open().files_read, 3);
    let warm = open();
    assert_eq!((warm.members.len(), warm.files_read), (3, 0));
    // A coach's record of the learner changes the learner's identity.
    let coach = keiko_core::team::dir::TeamDir::new(dir.path()).coach_file("op00001", "tanaka");
    std::fs::write(&coach, "schema = 1\nlearner = \"op00001\"\n").unwrap();
    date_back(&coach, 1800);
    let after = open();
    assert_eq!(after.files_read, 1);
    assert_eq!(summaries(&after), summaries(&warm));
}

#[test]
fn in_team_mode_the_summary_read_gives_the_summary_of_the_whole_merged_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let framework = Framework::bundled();
    let paths = write_heavy_team(&framework, dir.path(), 6, true).unwrap();
    let store = keiko_core::team::access::LiveTeam::open(dir.path()).unwrap();
    let team = Team::open_team(&framework, keiko_core::team::access::LiveTeam::open(dir.path()).unwrap());
    assert_eq!(team.members.len(), paths.len());
    for member in &team.members {
        let login = member.login.as_deref().unwrap();
        let whole = store.merged(login, &framework).unwrap().unwrap();
        assert!(whole.history.len() > 100, "a heavy workbook, its history read in full");
        assert_eq!(member.summary, Summary::of(&framework, &member.path, &whole), "{login}");
    }
}

#[test]
fn a_warm_open_rewrites_no_cache_though_a_file_is_not_a_workbook() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let framework = Framework::bundled();
    heavy_team(dir.path(), 3);
    std::fs::write(dir.path().join("broken.toml"), "[").unwrap();
    date_back(&dir.path().join("broken.toml"), 3600);
    // Writability is trusted only from a file changed (ctime) a second before the cache.
    std::thread::sleep(Duration::from_millis(1100));
    let cold = open(&framework, dir.path(), cache.path());
    assert_eq!((cold.members.len(), cold.problems.len()), (3, 1));
    let written = || {
        let file = std::fs::read_dir(cache.path()).unwrap().next().unwrap().unwrap().path();
        std::fs::metadata(file).unwrap().ino()
    };
    let before = written();
    let warm = open(&framework, dir.path(), cache.path());
    assert_eq!((warm.files_read, warm.problems.len()), (1, 1), "only the broken file is looked at again");
    assert_eq!(written(), before, "a warm open writes no cache (it is replaced whole when it is)");
}
