//! The skills matrix: coverage counts and the "who holds >= N" list checked
//! against the progress rules on generated teams, and the screen's keys.

mod common;

use keiko_core::clock::time_from_unix;
use keiko_core::model::framework::Framework;
use keiko_core::model::progress;
use keiko_core::model::workbook::{Change, Stamp};
use keiko_core::store::Store;
use keiko_core::team::Team;
use keiko_core::team::matrix::{Column, SignOff, coverage, holders, sort};

/// A team of generated learners on disk, some with sign-offs (some made
/// stale by an uncheck), read as a coach would.
fn generated_team(framework: &Framework, dir: &std::path::Path, n: usize) -> Team {
    for seed in 0..n {
        let mut workbook = keiko_core::testing::typical_workbook(framework, seed * 3 + 1);
        let coach = Stamp::new("coach", time_from_unix(1_796_000_000));
        for (ci, c) in framework.competencies.iter().enumerate() {
            let achieved = progress::competency(c, &workbook, workbook.profile.role.as_deref()).achieved;
            if achieved > 0 && (seed + ci) % 2 == 0 {
                workbook.apply(&Change::sign_off(framework, &c.id, achieved, ""), &coach, false);
                if achieved >= 2 && seed % 3 == 0 {
                    // Unchecking a statement of the level signed off makes the sign-off stale
                    // while the level below is still held.
                    let id = c.levels[usize::from(achieved) - 1].statements[0].id.clone();
                    workbook.apply(&Change::Check { id, checked: false }, &coach, false);
                }
            }
        }
        let store = Store::new(dir.join(format!("l{seed:03}.toml")), framework);
        store.update(|w| *w = workbook).unwrap();
    }
    Team::open(framework, vec![dir.to_path_buf()])
}

#[test]
fn coverage_and_holders_follow_the_progress_rules() {
    let framework = Framework::bundled();
    let dir = tempfile::tempdir().unwrap();
    let team = generated_team(&framework, dir.path(), 24);
    assert_eq!(team.members.len(), 24);
    let rows: Vec<usize> = (0..team.members.len()).collect();
    // The rules, straight from each whole workbook (the team keeps summaries only).
    let workbooks: Vec<_> = team.members.iter().map(|m| team.workbook_of(&framework, m).unwrap()).collect();
    let mut seen = [0; 3];
    for (ci, c) in framework.competencies.iter().enumerate() {
        for level in 1..=c.top_level() + 1 {
            // The rules, straight from each workbook.
            let expected: Vec<usize> = rows
                .iter()
                .copied()
                .filter(|&m| {
                    let w = &workbooks[m];
                    progress::competency(c, w, w.profile.role.as_deref()).achieved >= level
                })
                .collect();
            assert_eq!(coverage(&team.members, &rows, ci, level), expected.len(), "{} >= {level}", c.id);
            let found = holders(&team.members, &rows, ci, level);
            let mut members: Vec<usize> = found.iter().map(|h| h.member).collect();
            members.sort();
            assert_eq!(members, expected, "{} >= {level}", c.id);
            for h in &found {
                let w = &workbooks[h.member];
                let signed = |l: u8| w.level_state(&c.id, l).and_then(|s| s.signoff.as_ref()).is_some();
                let valid =
                    (level..=c.top_level()).filter(|&l| signed(l) && progress::stale_signoff(c, w, l).is_none()).max();
                match h.signoff {
                    SignOff::Signed(l) => {
                        assert_eq!(Some(l), valid);
                        seen[0] += 1;
                    }
                    SignOff::Stale(l) => {
                        assert_eq!(valid, None);
                        assert!(l >= level && progress::stale_signoff(c, w, l).is_some());
                        seen[1] += 1;
                    }
                    SignOff::NotSignedOff => {
                        assert_eq!(valid, None);
                        assert!((level..=c.top_level()).all(|l| !signed(l)));
                        seen[2] += 1;
                    }
                    SignOff::Unverified(_) => panic!("no team: nothing is unverified"),
                }
            }
            // Signed off first, then the highest level.
            let rank = |s: SignOff| match s {
                SignOff::Signed(_) => 0,
                SignOff::Stale(_) => 1,
                SignOff::Unverified(_) => 2,
                SignOff::NotSignedOff => 3,
            };
            assert!(
                found.windows(2).all(|p| (rank(p[0].signoff), p[1].achieved) <= (rank(p[1].signoff), p[0].achieved))
            );
        }
    }
    assert!(seen.iter().all(|&n| n > 0), "each state met: {seen:?}");
}

#[test]
fn sorting_by_a_competency_puts_the_highest_first_and_reverses() {
    let framework = Framework::bundled();
    let dir = tempfile::tempdir().unwrap();
    let team = generated_team(&framework, dir.path(), 12);
    let level = |m: &usize| team.members[*m].summary.levels[1].0;
    let mut rows: Vec<usize> = (0..team.members.len()).collect();
    sort(&team.members, &mut rows, Column::Competency(1), false);
    let levels: Vec<u8> = rows.iter().map(level).collect();
    assert!(levels.windows(2).all(|p| p[0] >= p[1]), "{levels:?}");
    assert!(levels.first() > levels.last(), "the generated team differs: {levels:?}");
    sort(&team.members, &mut rows, Column::Competency(1), true);
    let reversed: Vec<u8> = rows.iter().map(level).collect();
    assert!(reversed.windows(2).all(|p| p[0] <= p[1]), "{reversed:?}");
    sort(&team.members, &mut rows, Column::Name, false);
    let keys: Vec<&str> = rows.iter().map(|&m| team.members[m].summary.name_key.as_str()).collect();
    assert!(keys.is_sorted(), "{keys:?}");
}

/// The row of the screen that starts with `start` (after the frame's `│`).
fn row<'a>(screen: &'a str, start: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.trim_start_matches('│').trim_start_matches(['>', ' ']).starts_with(start))
        .unwrap_or_else(|| panic!("no row {start:?} in\n{screen}"))
}

/// The numbers of a row, in order.
fn numbers(line: &str) -> Vec<String> {
    line.split(|c: char| !c.is_ascii_digit() && c != '/' && c != '-' && c != '=' && c != '+')
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

#[test]
fn m_opens_the_matrix_and_plus_minus_change_the_coverage() {
    let dir = common::team_dir();
    let mut app = common::coach(keiko::i18n::Lang::EN, dir.path());
    let team = common::render(&app, 80, 24);
    assert!(!team.contains("Skills matrix"), "{team}");
    common::type_keys(&mut app, "m");
    let screen = common::render(&app, 80, 24);
    assert!(screen.contains("Skills matrix") && screen.contains("counting: level 1 or above"), "{screen}");
    // SM-5: 青木 holds level 1, 馬場 level 2; SM-6: 青木 level 1.
    assert_eq!(numbers(row(&screen, "level 1+ (of 3)")), ["1+", "3", "2", "1", "0", "0", "0"]);
    assert_eq!(numbers(row(&screen, "馬場 太郎")), ["2/3-", "0/2-", "0/3-", "0/2-", "0/2-"]);
    assert_eq!(numbers(row(&screen, "青木 花子")), ["1/2-", "1/1=", "0/2-", "0/1-", "0/1-"]);
    common::type_keys(&mut app, "+");
    let screen = common::render(&app, 80, 24);
    assert!(screen.contains("counting: level 2 or above"), "{screen}");
    assert_eq!(numbers(row(&screen, "level 2+ (of 3)")), ["2+", "3", "1", "0", "0", "0", "0"]);
    // N stays within the framework's levels.
    common::type_keys(&mut app, "- - - -");
    assert!(common::render(&app, 80, 24).contains("counting: level 1 or above"));
    common::type_keys(&mut app, "+ + + + + + + +");
    assert!(common::render(&app, 80, 24).contains("counting: level 4 or above"));
    // Esc: back to the team table.
    common::type_keys(&mut app, "Esc");
    let screen = common::render(&app, 80, 24);
    assert!(!screen.contains("Skills matrix") && screen.contains("Learners"), "{screen}");
}

#[test]
fn enter_on_a_competency_lists_who_holds_it_at_n_or_above() {
    let dir = common::team_dir();
    // 馬場's level 1 of SM-5 signed off.
    let framework = Framework::bundled();
    let baba = Store::new(dir.path().join("baba.toml"), &framework);
    baba.apply(&Change::sign_off(&framework, "SM-5", 1, "ok"), &common::stamp("coach"), false).unwrap();
    let mut app = common::coach(keiko::i18n::Lang::EN, dir.path());
    common::type_keys(&mut app, "m Right Enter");
    let screen = common::render(&app, 80, 24);
    assert!(screen.contains("2 of 3 hold level 1 or above"), "{screen}");
    // Signed off first; no login outside team mode.
    let baba = screen.lines().position(|l| l.contains("馬場 太郎")).expect("馬場 holds SM-5");
    let aoki = screen.lines().position(|l| l.contains("青木 花子")).expect("青木 holds SM-5");
    assert!(baba < aoki, "{screen}");
    assert!(row(&screen, "馬場 太郎").contains("signed off (level 1)"), "{screen}");
    assert!(row(&screen, "青木 花子").contains("not signed off"), "{screen}");
    assert!(!screen.contains("Chen Wei"), "{screen}");
    // At level 2: 馬場 alone, and that level not signed off.
    common::type_keys(&mut app, "Esc + Enter");
    let screen = common::render(&app, 80, 24);
    assert!(screen.contains("1 of 3 hold level 2 or above"), "{screen}");
    assert!(row(&screen, "馬場 太郎").contains("not signed off"), "{screen}");
    assert!(!screen.contains("青木 花子"), "{screen}");
    // Enter opens the learner at that competency.
    common::type_keys(&mut app, "Enter");
    let screen = common::render(&app, 80, 24);
    assert!(screen.lines().next().unwrap().contains("馬場 太郎") && screen.contains("SM-5"), "{screen}");
}

#[test]
fn o_sorts_by_the_selected_column_and_again_reverses() {
    let dir = common::team_dir();
    let mut app = common::coach(keiko::i18n::Lang::EN, dir.path());
    let order = |app: &keiko::tui::app::App| -> Vec<&'static str> {
        let screen = common::render(app, 80, 24);
        let mut found: Vec<(usize, &str)> = ["青木 花子", "馬場 太郎", "Chen Wei"]
            .into_iter()
            .filter_map(|name| screen.lines().skip(4).position(|l| l.contains(name)).map(|at| (at, name)))
            .collect();
        found.sort();
        found.into_iter().map(|(_, name)| name).collect()
    };
    common::type_keys(&mut app, "m");
    assert_eq!(order(&app), ["Chen Wei", "青木 花子", "馬場 太郎"], "by name first");
    common::type_keys(&mut app, "Right o");
    assert_eq!(order(&app), ["馬場 太郎", "青木 花子", "Chen Wei"], "SM-5, highest first");
    assert!(common::render(&app, 80, 24).contains("Sort: SM-5 (highest first)"));
    common::type_keys(&mut app, "o");
    assert_eq!(order(&app), ["Chen Wei", "青木 花子", "馬場 太郎"], "SM-5, lowest first");
    // SM-6: 青木 alone holds it.
    common::type_keys(&mut app, "l o");
    assert_eq!(order(&app)[0], "青木 花子");
    // Back on the names, reversed.
    common::type_keys(&mut app, "h h o o");
    assert_eq!(order(&app), ["馬場 太郎", "青木 花子", "Chen Wei"], "names Z to A");
    // Enter on the names opens the selected learner.
    common::type_keys(&mut app, "Enter");
    assert!(common::render(&app, 80, 24).lines().next().unwrap().contains("馬場 太郎"));
}
