//! Progress as pure functions of a framework and a workbook.
//!
//! A level is achieved when all its statements are checked and every lower
//! level is achieved. Progress to target counts checked statements in levels
//! 1..=target; work above the target is counted apart, never lost.

use crate::clock::Time;
use crate::model::framework::{Competency, Framework, Statement, StatementRef};
use crate::model::workbook::Workbook;
use crate::model::workbook::{Target, Verb};

/// `done` out of `total`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fraction {
    pub done: usize,
    pub total: usize,
}

impl Fraction {
    /// Whole percent, rounded down so 99.9% never shows as 100%.
    pub fn percent(self) -> usize {
        (self.done * 100).checked_div(self.total).unwrap_or(100)
    }

    /// Share of `width` cells to fill, rounded down for the same reason.
    pub fn filled(self, width: usize) -> usize {
        (self.done * width).checked_div(self.total).unwrap_or(width)
    }

    pub fn is_complete(self) -> bool {
        self.done == self.total
    }

    fn add(self, other: Fraction) -> Fraction {
        Fraction { done: self.done + other.done, total: self.total + other.total }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelProgress {
    pub level: u8,
    pub checked: Fraction,
    /// All of this level and every lower level is checked.
    pub achieved: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompetencyProgress {
    pub target: u8,
    /// The highest achieved level, 0 when level 1 is not achieved.
    pub achieved: u8,
    pub to_target: Fraction,
    pub above_target: Fraction,
    pub levels: Vec<LevelProgress>,
}

impl CompetencyProgress {
    pub fn at_target(&self) -> bool {
        self.achieved >= self.target
    }

    pub fn level(&self, level: u8) -> Option<&LevelProgress> {
        self.levels.iter().find(|l| l.level == level)
    }

    /// The first level not yet achieved (the top level when all are).
    pub fn first_unachieved(&self) -> u8 {
        self.levels.iter().find(|l| !l.achieved).or(self.levels.last()).map_or(1, |l| l.level)
    }
}

pub fn competency(c: &Competency, workbook: &Workbook, role: Option<&str>) -> CompetencyProgress {
    let target = c.target(role);
    let mut levels = Vec::with_capacity(c.levels.len());
    let mut lower_achieved = true;
    let mut achieved = 0;
    let mut to_target = Fraction::default();
    let mut above_target = Fraction::default();
    for level in &c.levels {
        let checked = Fraction {
            done: level.statements.iter().filter(|s| workbook.is_checked(&s.id)).count(),
            total: level.statements.len(),
        };
        let level_achieved = lower_achieved && checked.is_complete();
        if level_achieved {
            achieved = level.level;
        }
        lower_achieved = level_achieved;
        if level.level <= target {
            to_target = to_target.add(checked);
        } else {
            above_target = above_target.add(checked);
        }
        levels.push(LevelProgress { level: level.level, checked, achieved: level_achieved });
    }
    CompetencyProgress { target, achieved, to_target, above_target, levels }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overall {
    pub to_target: Fraction,
    pub above_target: Fraction,
    /// Competencies whose achieved level reaches the target, out of all.
    pub at_target: Fraction,
}

impl Overall {
    pub fn at_target(&self) -> bool {
        self.at_target.is_complete()
    }
}

/// Progress of the whole workbook toward its role's targets.
pub fn overall(framework: &Framework, workbook: &Workbook) -> Overall {
    let role = workbook.profile.role.as_deref();
    let mut result =
        Overall { to_target: Fraction::default(), above_target: Fraction::default(), at_target: Fraction::default() };
    for c in &framework.competencies {
        let p = competency(c, workbook, role);
        result.to_target = result.to_target.add(p.to_target);
        result.above_target = result.above_target.add(p.above_target);
        result.at_target = result.at_target.add(Fraction { done: usize::from(p.at_target()), total: 1 });
    }
    result
}

/// The next statement to practise: the first unchecked statement at or below
/// the role's target, going through the competencies in order.
pub fn next_to_practise(framework: &Framework, workbook: &Workbook) -> Option<StatementRef> {
    toward_target(framework, workbook.profile.role.as_deref())
        .find(|s| !workbook.is_checked(&s.id))
        .and_then(|s| framework.locate(&s.id))
}

/// The statements in levels up to each competency's target for `role`, in
/// framework order: what progress to target counts.
pub fn toward_target<'f>(framework: &'f Framework, role: Option<&str>) -> impl Iterator<Item = &'f Statement> {
    framework.competencies.iter().flat_map(move |c| {
        let target = c.target(role);
        c.statements().filter(move |(level, _)| level.level <= target).map(|(_, s)| s)
    })
}

/// What could come next once every target is reached: levels up to the
/// targets a coach has not signed off yet (to ask a review of), and the
/// statements above the targets still open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finish {
    /// (competency id, level) of each level at or below its target without a sign-off.
    pub not_signed_off: Vec<(String, u8)>,
    /// Statements above the targets, checked out of all.
    pub above_target: Fraction,
}

/// `Some` when every competency has reached its target.
pub fn finish(framework: &Framework, workbook: &Workbook) -> Option<Finish> {
    let overall = overall(framework, workbook);
    if !overall.at_target() {
        return None;
    }
    let role = workbook.profile.role.as_deref();
    let not_signed_off = framework
        .competencies
        .iter()
        .flat_map(|c| {
            let target = c.target(role);
            c.levels.iter().filter(move |l| l.level <= target).map(move |l| (c, l.level))
        })
        .filter(|(c, level)| workbook.level_state(&c.id, *level).is_none_or(|s| s.signoff.is_none()))
        .map(|(c, level)| (c.id.clone(), level))
        .collect();
    Some(Finish { not_signed_off, above_target: overall.above_target })
}

/// A level whose statements are all checked but that is not achieved, because a lower level is not.
pub fn waits_for_lower(p: &LevelProgress) -> bool {
    p.checked.is_complete() && p.checked.total > 0 && !p.achieved
}

/// Why a coach's sign-off no longer matches the learner's checks: a
/// statement checked when it was signed off is unchecked now.
#[derive(Debug, Clone, PartialEq)]
pub struct Staleness {
    pub statement: String,
    /// When it was unchecked, if the history still says.
    pub at: Option<Time>,
}

/// The sign-off of `level` is stale when a statement the learner had checked
/// at the time is unchecked now. (A sign-off written by hand, without that
/// record, covers every statement of the level.)
pub fn stale_signoff(c: &Competency, workbook: &Workbook, level: u8) -> Option<Staleness> {
    let signoff = workbook.level_state(&c.id, level)?.signoff.as_ref()?;
    let statements = &c.levels.iter().find(|l| l.level == level)?.statements;
    let all: Vec<String>;
    let seen = match &signoff.checked {
        Some(ids) => ids,
        None => {
            all = statements.iter().map(|s| s.id.clone()).collect();
            &all
        }
    };
    let unchecked = seen.iter().find(|id| !workbook.is_checked(id))?;
    let at = workbook
        .history
        .iter()
        .rev()
        .find(|h| h.what == Verb::Uncheck && matches!(&h.target, Target::Statement(id) if id == unchecked))
        .map(|h| h.at);
    Some(Staleness { statement: unchecked.clone(), at })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::time_from_unix;
    use crate::model::workbook::{Change, Stamp};

    fn check(wb: &mut Workbook, ids: &[&str]) {
        let stamp = Stamp::new("t", time_from_unix(0));
        for id in ids {
            wb.apply(&Change::Check { id: id.to_string(), checked: true }, &stamp, false);
        }
    }

    fn setup(role: &str) -> (Framework, Workbook) {
        let f = Framework::bundled();
        let mut wb = Workbook::new(&f);
        wb.profile.role = Some(role.into());
        (f, wb)
    }

    #[test]
    fn an_empty_workbook_has_achieved_nothing() {
        let (f, wb) = setup("OP");
        let p = competency(f.competency("SM-5").unwrap(), &wb, Some("OP"));
        assert_eq!(p.achieved, 0);
        assert_eq!(p.target, 2);
        assert_eq!(p.to_target, Fraction { done: 0, total: 3 });
        assert_eq!(p.above_target, Fraction { done: 0, total: 4 });
        assert_eq!(p.first_unachieved(), 1);
    }

    #[test]
    fn a_level_with_a_gap_below_is_not_achieved() {
        let (f, mut wb) = setup("OP");
        check(&mut wb, &["SM-5.2.1", "SM-5.2.2"]);
        let p = competency(f.competency("SM-5").unwrap(), &wb, Some("OP"));
        assert_eq!(p.achieved, 0);
        assert!(!p.level(2).unwrap().achieved);
        assert!(p.level(2).unwrap().checked.is_complete());
        // Progress still counts the checked statements.
        assert_eq!(p.to_target, Fraction { done: 2, total: 3 });
        check(&mut wb, &["SM-5.1.1"]);
        let p = competency(f.competency("SM-5").unwrap(), &wb, Some("OP"));
        assert_eq!(p.achieved, 2);
        assert!(p.at_target());
    }

    #[test]
    fn work_above_the_target_is_counted_apart() {
        let (f, mut wb) = setup("OP");
        check(&mut wb, &["SM-6.1.1", "SM-6.3.1", "SM-6.4.5"]);
        let p = competency(f.competency("SM-6").unwrap(), &wb, Some("OP"));
        assert_eq!(p.target, 1);
        assert_eq!(p.to_target, Fraction { done: 1, total: 2 });
        assert_eq!(p.above_target, Fraction { done: 2, total: 10 });
    }

    #[test]
    fn overall_progress_sums_the_competencies_for_the_role() {
        let (f, mut wb) = setup("OP");
        // OP targets: SM-5 2 (3 statements), SM-6 1 (2), SM-7 2 (3), SM-8 1 (2), SM-9 1 (1).
        assert_eq!(overall(&f, &wb).to_target, Fraction { done: 0, total: 11 });
        check(&mut wb, &["SM-9.1.1", "SM-5.1.1"]);
        let o = overall(&f, &wb);
        assert_eq!(o.to_target, Fraction { done: 2, total: 11 });
        assert_eq!(o.at_target, Fraction { done: 1, total: 5 });
        wb.profile.role = Some("OMP".into());
        assert_eq!(overall(&f, &wb).to_target, Fraction { done: 2, total: 38 });
    }

    #[test]
    fn next_to_practise_skips_done_work_and_levels_above_target() {
        let (f, mut wb) = setup("OP");
        let next = |wb: &Workbook| next_to_practise(&f, wb).map(|at| f.statement(at).id.clone());
        assert_eq!(next(&wb).as_deref(), Some("SM-5.1.1"));
        check(&mut wb, &["SM-5.1.1", "SM-5.2.1", "SM-5.2.2"]);
        assert_eq!(next(&wb).as_deref(), Some("SM-6.1.1"));
        check(&mut wb, &["SM-6.1.1", "SM-6.1.2", "SM-7.1.1", "SM-7.1.2", "SM-7.2.1"]);
        check(&mut wb, &["SM-8.1.1", "SM-8.1.2", "SM-9.1.1"]);
        assert_eq!(next(&wb), None);
    }

    #[test]
    fn reaching_every_target_lists_what_could_come_next() {
        let (f, mut wb) = setup("OP");
        assert_eq!(finish(&f, &wb), None);
        check(&mut wb, &["SM-5.1.1", "SM-5.2.1", "SM-5.2.2", "SM-6.1.1", "SM-6.1.2", "SM-7.1.1", "SM-7.1.2"]);
        check(&mut wb, &["SM-7.2.1", "SM-8.1.1", "SM-8.1.2"]);
        assert_eq!(finish(&f, &wb), None, "SM-9 is not reached yet");
        check(&mut wb, &["SM-9.1.1"]);
        let done = finish(&f, &wb).unwrap();
        // OP targets: SM-5 2, SM-6 1, SM-7 2, SM-8 1, SM-9 1: seven levels, none signed off.
        assert_eq!(done.not_signed_off.len(), 7);
        assert_eq!(done.not_signed_off[0], ("SM-5".to_string(), 1));
        assert_eq!(done.above_target.done, 0);
        let coach = Stamp::new("coach", time_from_unix(10));
        wb.apply(&Change::sign_off(&f, "SM-5", 1, ""), &coach, false);
        assert_eq!(finish(&f, &wb).unwrap().not_signed_off.len(), 6);
    }

    #[test]
    fn a_full_level_above_a_gap_waits_for_the_level_below() {
        let (f, mut wb) = setup("OP");
        check(&mut wb, &["SM-5.2.1", "SM-5.2.2"]);
        let p = competency(f.competency("SM-5").unwrap(), &wb, Some("OP"));
        assert!(waits_for_lower(p.level(2).unwrap()));
        assert!(!waits_for_lower(p.level(1).unwrap()));
    }

    #[test]
    fn a_sign_off_goes_stale_when_a_statement_is_unchecked_later() {
        let (f, mut wb) = setup("OP");
        let c = f.competency("SM-5").unwrap();
        check(&mut wb, &["SM-5.1.1"]);
        let later = Stamp::new("coach", time_from_unix(10));
        wb.apply(&Change::sign_off(&f, "SM-5", 1, ""), &later, false);
        assert_eq!(stale_signoff(c, &wb, 1), None);
        let uncheck = Stamp::new("t", time_from_unix(20));
        wb.apply(&Change::Check { id: "SM-5.1.1".into(), checked: false }, &uncheck, false);
        let stale = stale_signoff(c, &wb, 1).unwrap();
        assert_eq!(stale.statement, "SM-5.1.1");
        assert_eq!(stale.at, Some(time_from_unix(20)));
        // Checking it again makes the sign-off current again; the sign-off itself was never removed.
        check(&mut wb, &["SM-5.1.1"]);
        assert_eq!(stale_signoff(c, &wb, 1), None);
        assert!(wb.level_state("SM-5", 1).unwrap().signoff.is_some());
    }

    #[test]
    fn a_sign_off_of_an_unfinished_level_is_not_stale_until_something_seen_is_unchecked() {
        let (f, mut wb) = setup("OP");
        let c = f.competency("SM-5").unwrap();
        check(&mut wb, &["SM-5.2.1"]);
        let coach = Stamp::new("coach", time_from_unix(10));
        wb.apply(&Change::sign_off(&f, "SM-5", 2, "half way"), &coach, false);
        assert_eq!(stale_signoff(c, &wb, 2), None, "SM-5.2.2 was never checked");
        wb.apply(&Change::Check { id: "SM-5.2.1".into(), checked: false }, &coach, false);
        assert_eq!(stale_signoff(c, &wb, 2).unwrap().statement, "SM-5.2.1");
    }

    #[test]
    fn percent_and_bars_round_down() {
        let f = Fraction { done: 15, total: 16 };
        assert_eq!(f.percent(), 93);
        assert_eq!(Fraction { done: 199, total: 200 }.percent(), 99);
        assert_eq!(f.filled(10), 9);
        assert_eq!(Fraction::default().percent(), 100);
    }
}
