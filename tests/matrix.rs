//! The skills matrix: coverage counts and the "who holds >= N" list checked
//! against the progress rules on generated teams, and the screen's keys.

mod common;

use keiko::clock::time_from_unix;
use keiko::framework::Framework;
use keiko::matrix::{Column, SignOff, coverage, holders, sort};
use keiko::progress;
use keiko::store::Store;
use keiko::team::Team;
use keiko::workbook::{Change, Stamp};

/// A team of generated learners on disk, some with sign-offs (some made
/// stale by an uncheck), read as a coach would.
fn generated_team(framework: &Framework, dir: &std::path::Path, n: usize) -> Team {
    for seed in 0..n {
        let mut workbook = keiko::testing::typical_workbook(framework, seed * 3 + 1);
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
    let mut seen = [0; 3];
    for (ci, c) in framework.competencies.iter().enumerate() {
        for level in 1..=c.top_level() + 1 {
            // The rules, straight from each workbook.
            let expected: Vec<usize> = rows
                .iter()
                .copied()
                .filter(|&m| {
                    let w = &team.members[m].workbook;
                    progress::competency(c, w, w.profile.role.as_deref()).achieved >= level
                })
                .collect();
            assert_eq!(coverage(&team.members, &rows, ci, level), expected.len(), "{} >= {level}", c.id);
            let found = holders(&team.members, &rows, ci, level);
            let mut members: Vec<usize> = found.iter().map(|h| h.member).collect();
            members.sort();
            assert_eq!(members, expected, "{} >= {level}", c.id);
            for h in &found {
                let w = &team.members[h.member].workbook;
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

/// The coach's app on `common::team_dir` (青木 花子, 馬場 太郎, Chen Wei), in the matrix.
fn matrix_app(lang: keiko::i18n::Lang) -> (tempfile::TempDir, keiko::tui::app::App) {
    let dir = common::team_dir();
    let mut app = common::coach(lang, dir.path());
    common::type_keys(&mut app, "m");
    (dir, app)
}

#[test]
fn m_opens_the_matrix_and_plus_minus_change_the_coverage() {
    let (_dir, mut app) = matrix_app(keiko::i18n::Lang::En);
    let screen = common::render(&app, 80, 24);
    println!("{screen}");
    assert!(screen.contains("Skills matrix"), "{screen}");
}
