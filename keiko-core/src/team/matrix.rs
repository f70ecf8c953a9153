//! The skills matrix: every learner's level in every competency, how many
//! hold each competency at a level or above, and who they are — the answer
//! to "who can take this call". Pure: computed from the team's summaries.

use std::cmp::Ordering;

use crate::team::{Member, Summary, by_name};

/// Where a learner stands against their target in one competency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Below,
    At,
    Above,
}

impl Mark {
    pub fn of(achieved: u8, target: u8) -> Mark {
        match achieved.cmp(&target) {
            Ordering::Less => Mark::Below,
            Ordering::Equal => Mark::At,
            Ordering::Greater => Mark::Above,
        }
    }

    /// The mark a cell carries besides its colour, in the app and the Excel
    /// report alike: ASCII (the Unicode triangles and circles are ambiguous width).
    pub fn glyph(self) -> &'static str {
        match self {
            Mark::Below => "-",
            Mark::At => "=",
            Mark::Above => "+",
        }
    }
}

/// The sign-off behind a learner's level, as a caller of the holders list
/// needs to know it: whether a coach vouched for the level asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SignOff {
    /// Signed off at this level or above (the highest such level).
    Signed(u8),
    /// Signed off, but the learner unchecked a statement since.
    Stale(u8),
    /// Signed off by nobody anyone vouches for (team mode).
    Unverified(u8),
    NotSignedOff,
}

impl SignOff {
    /// The sign-off state of `level` of competency `competency`: a valid
    /// sign-off at the level or above first, then a stale one, then an unverified one.
    pub fn of(summary: &Summary, competency: usize, level: u8) -> SignOff {
        let Some(signed) = summary.signed.get(competency) else { return SignOff::NotSignedOff };
        if signed.valid >= level && signed.valid > 0 {
            SignOff::Signed(signed.valid)
        } else if signed.stale >= level && signed.stale > 0 {
            SignOff::Stale(signed.stale)
        } else if signed.unverified >= level && signed.unverified > 0 {
            SignOff::Unverified(signed.unverified)
        } else {
            SignOff::NotSignedOff
        }
    }

    /// Trusted first: signed off, stale, unverified, not signed off.
    fn rank(self) -> u8 {
        match self {
            SignOff::Signed(_) => 0,
            SignOff::Stale(_) => 1,
            SignOff::Unverified(_) => 2,
            SignOff::NotSignedOff => 3,
        }
    }
}

/// The achieved level of member `m` in competency `competency` (0 if unknown).
fn achieved(m: &Member, competency: usize) -> u8 {
    m.summary.levels.get(competency).map_or(0, |&(achieved, _)| achieved)
}

/// How many of `rows` (member indexes) hold competency `competency` at `level` or above.
pub fn coverage(members: &[Member], rows: &[usize], competency: usize, level: u8) -> usize {
    rows.iter().filter(|&&m| achieved(&members[m], competency) >= level).count()
}

/// One learner who holds a competency at the level asked or above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub member: usize,
    pub achieved: u8,
    pub signoff: SignOff,
}

/// Who of `rows` holds competency `competency` at `level` or above: those a
/// coach signed off first, then the highest level, then by name.
pub fn holders(members: &[Member], rows: &[usize], competency: usize, level: u8) -> Vec<Holder> {
    let mut found: Vec<Holder> = rows
        .iter()
        .filter(|&&m| achieved(&members[m], competency) >= level)
        .map(|&m| Holder {
            member: m,
            achieved: achieved(&members[m], competency),
            signoff: SignOff::of(&members[m].summary, competency, level),
        })
        .collect();
    found.sort_by(|a, b| {
        a.signoff
            .rank()
            .cmp(&b.signoff.rank())
            .then(b.achieved.cmp(&a.achieved))
            .then_with(|| by_name(&members[a.member].summary, &members[b.member].summary))
    });
    found
}

/// What the matrix is sorted by: the name column, or a competency's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Name,
    Competency(usize),
}

/// Sorts `rows` (member indexes): by name (its reading, `team::name_key`)
/// A to Z, or by a competency's level, highest first, then by how far
/// above target, then by name. `reverse` turns the column's order round.
pub fn sort(members: &[Member], rows: &mut [usize], column: Column, reverse: bool) {
    rows.sort_by(|&a, &b| {
        let (x, y) = (&members[a].summary, &members[b].summary);
        let ordering = match column {
            Column::Name => by_name(x, y),
            Column::Competency(c) => {
                let level = |s: &Summary| s.levels.get(c).map_or((0, 0), |&(a, t)| (a, i16::from(a) - i16::from(t)));
                level(y).cmp(&level(x)).then_with(|| by_name(x, y))
            }
        };
        if reverse { ordering.reverse() } else { ordering }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::framework::Framework;
    use crate::model::workbook::{Change, Stamp, VerdictKind, Workbook};

    #[test]
    fn marks_tell_below_at_and_above() {
        assert_eq!(Mark::of(1, 2), Mark::Below);
        assert_eq!(Mark::of(2, 2), Mark::At);
        assert_eq!(Mark::of(3, 2), Mark::Above);
    }

    /// An unverified sign-off (team mode: in the learner's own file) is
    /// shown as such, never as signed off.
    #[test]
    fn an_unverified_signoff_does_not_count() {
        let framework = Framework::bundled();
        let mut workbook = Workbook::new(&framework);
        let stamp = Stamp::new("t", crate::clock::time_from_unix(0));
        let c = &framework.competencies[0];
        for (_, s) in c.statements().filter(|(l, _)| l.level == 1) {
            workbook.apply(&Change::Check { id: s.id.clone(), checked: true }, &stamp, false);
        }
        workbook.apply(&Change::sign_off(&framework, &c.id, 1, ""), &stamp, false);
        let path = std::path::Path::new("a.toml");
        let summary = Summary::of(&framework, path, &workbook);
        assert_eq!(SignOff::of(&summary, 0, 1), SignOff::Signed(1));
        assert_eq!(SignOff::of(&summary, 0, 2), SignOff::NotSignedOff);
        assert_eq!(SignOff::of(&summary, 1, 1), SignOff::NotSignedOff);
        // As team mode's merge leaves it: the sign-off moved to `unverified`.
        let state = workbook.competencies.get_mut(&c.id).unwrap().levels.get_mut("1").unwrap();
        let verdict = state.signoff.take().unwrap();
        state.unverified.push((VerdictKind::SignOff, verdict));
        let summary = Summary::of(&framework, path, &workbook);
        assert_eq!(SignOff::of(&summary, 0, 1), SignOff::Unverified(1));
    }
}
