//! A coach's view of many workbooks: finding them, reading them (in
//! parallel, and only again when they changed), and summarising each.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::clock::{Time, unix_seconds};
use crate::files::OsError;
use crate::framework::Framework;
use crate::progress::{self, Fraction};
use crate::store::{self, Fingerprint, Store, StoreError};
use crate::workbook::{VerdictKind, Workbook};

/// One learner's workbook as the coach sees it: its summary. The whole
/// workbook is read when the coach opens it (thousands would not fit).
#[derive(Debug, Clone)]
pub struct Member {
    pub path: PathBuf,
    /// In team mode: the learner's login.
    pub login: Option<String>,
    fingerprint: Option<Fingerprint>,
    pub summary: Summary,
    /// Why keiko may not write this file, if it may not (review is then read-only).
    pub read_only: Option<StoreError>,
}

/// What the team overview shows of a learner, computed once per read (and
/// kept in the summary cache: whatever it holds must serialize).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    pub name: String,
    /// What the team is sorted by name with: `name_key(name, reading)`.
    pub name_key: String,
    /// Whether the learner gave a reading of their name.
    pub has_reading: bool,
    pub role: Option<String>,
    pub progress: Fraction,
    pub at_target: bool,
    /// Achieved and target level of each competency, in framework order.
    pub levels: Vec<(u8, u8)>,
    /// Levels signed off (and not stale).
    pub signoffs: usize,
    /// Per competency, in framework order: the highest levels signed off (for the skills matrix).
    pub signed: Vec<Signed>,
    /// Levels waiting for review, oldest first: (competency index, level, since).
    #[serde(with = "cached_time::requests")]
    pub requests: Vec<(usize, u8, Time)>,
    /// Levels a coach returned as "not yet" (and not signed off since).
    pub returned: usize,
    /// Sign-offs that no longer match the learner's checks.
    pub stale: usize,
    /// Sign-offs and returns nobody vouches for (team mode): shown, not counted.
    pub unverified: usize,
    /// Coaches' records of the learner that could not be used (team mode).
    #[serde(default)]
    pub unread_records: usize,
    /// On the team's roster but no workbook yet.
    pub not_started: bool,
    #[serde(with = "cached_time::optional")]
    pub last_activity: Option<Time>,
    /// Since when the learner is at every target (`weekly::at_target_since`).
    #[serde(with = "cached_time::optional")]
    pub at_target_since: Option<Time>,
    /// Changes per local week, the newest weeks with any (`weekly::activity`).
    pub activity: Vec<(i64, u16)>,
}

impl Summary {
    pub fn of(framework: &Framework, path: &Path, workbook: &Workbook) -> Summary {
        let role = workbook.profile.role.clone().filter(|r| framework.role(r).is_some());
        let overall = progress::overall(framework, workbook);
        let mut levels = Vec::new();
        let mut signed = Vec::new();
        let mut signoffs = 0;
        let mut requests = Vec::new();
        let (mut returned, mut stale, mut unverified) = (0, 0, 0);
        for (ci, c) in framework.competencies.iter().enumerate() {
            let p = progress::competency(c, workbook, role.as_deref());
            levels.push((p.achieved, p.target));
            let mut highest = Signed::default();
            for level in &c.levels {
                let Some(state) = workbook.level_state(&c.id, level.level) else { continue };
                unverified += state.unverified.len();
                if state.unverified.iter().any(|(kind, _)| *kind == VerdictKind::SignOff) {
                    highest.unverified = highest.unverified.max(level.level);
                }
                if let Some(signoff) = &state.signoff {
                    let is_stale = progress::stale_signoff(c, workbook, level.level).is_some();
                    if is_stale {
                        stale += 1;
                    } else {
                        signoffs += 1;
                    }
                    // Only a sign-off someone vouches for counts (verified, or no team).
                    let kind = match (signoff.trust.counts(), is_stale) {
                        (false, _) => &mut highest.unverified,
                        (true, true) => &mut highest.stale,
                        (true, false) => &mut highest.valid,
                    };
                    *kind = (*kind).max(level.level);
                }
                if state.returned.is_some() {
                    returned += 1;
                }
                if let Some(request) = &state.review_requested {
                    requests.push((ci, level.level, request.at));
                }
            }
            signed.push(highest);
        }
        requests.sort_by_key(|(_, _, at)| unix_seconds(at).unwrap_or(i64::MAX));
        let name = if workbook.profile.name.trim().is_empty() {
            // A workbook without a name is known by its file.
            path.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned())
        } else {
            workbook.profile.name.clone()
        };
        Summary {
            name_key: name_key(&name, &workbook.profile.reading),
            has_reading: !workbook.profile.reading.trim().is_empty(),
            name,
            role,
            progress: overall.to_target,
            at_target: overall.at_target(),
            levels,
            signoffs,
            signed,
            requests,
            returned,
            stale,
            unverified,
            unread_records: workbook.unread_records.len(),
            not_started: false,
            last_activity: workbook.last_activity().copied(),
            at_target_since: crate::weekly::at_target_since_with(framework, workbook, &overall),
            activity: crate::weekly::activity(workbook, &crate::clock::display_zone()),
        }
    }
}

/// Times in the summary cache as text (`2026-11-28T09:12:00Z`): toml's own
/// form is a map around that text, three times the bytes to parse.
mod cached_time {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::clock::Time;

    fn parse<E: serde::de::Error>(text: &str) -> Result<Time, E> {
        crate::clock::parse_utc_second(text).map_or_else(|| text.parse().map_err(E::custom), Ok)
    }

    pub mod optional {
        use super::*;

        pub fn serialize<S: Serializer>(time: &Option<Time>, out: S) -> Result<S::Ok, S::Error> {
            time.as_ref().map(Time::to_string).serialize(out)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Option<Time>, D::Error> {
            // Borrowed from the cache's bytes: keiko writes times without escapes.
            Option::<&str>::deserialize(input)?.map(parse).transpose()
        }
    }

    pub mod requests {
        use super::*;

        pub fn serialize<S: Serializer>(requests: &[(usize, u8, Time)], out: S) -> Result<S::Ok, S::Error> {
            out.collect_seq(requests.iter().map(|(c, level, at)| (c, level, at.to_string())))
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Vec<(usize, u8, Time)>, D::Error> {
            let requests = Vec::<(usize, u8, &str)>::deserialize(input)?;
            requests.into_iter().map(|(c, level, at)| Ok((c, level, parse(at)?))).collect()
        }
    }
}

/// The highest level of one competency with a sign-off of each kind (0: none).
/// (Cached as `[valid, stale, unverified]`.)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(from = "[u8; 3]", into = "[u8; 3]")]
pub struct Signed {
    /// Signed off by a coach someone vouches for (verified, or no team), and not stale.
    pub valid: u8,
    /// Signed off, but the learner has unchecked a statement since.
    pub stale: u8,
    /// Signed off by nobody anyone vouches for (team mode): never counted.
    pub unverified: u8,
}

impl From<[u8; 3]> for Signed {
    fn from([valid, stale, unverified]: [u8; 3]) -> Signed {
        Signed { valid, stale, unverified }
    }
}

impl From<Signed> for [u8; 3] {
    fn from(s: Signed) -> [u8; 3] {
        [s.valid, s.stale, s.unverified]
    }
}

/// Why a file is not shown as a learner. The words, in either language,
/// are `Localized::message` (in i18n); they never repeat the path.
#[derive(Debug, Clone, PartialEq)]
pub enum Unusable {
    /// A TOML file without a `schema`: something else's file.
    NotAWorkbook,
    /// Gone between the scan and the read.
    Missing,
    /// A directory the coach named that cannot be listed, or a path that cannot be looked at.
    Os(OsError),
    /// The store's reason: broken, too large, not a regular file…
    Store(Box<StoreError>),
}

/// A file that was looked at but is not shown as a learner, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub path: PathBuf,
    pub reason: Unusable,
    /// The file as it was when found wanting: it is read again only once it changes.
    fingerprint: Option<Fingerprint>,
}

/// The team: the learners found, and the files that could not be used.
pub struct Team {
    /// The paths the coach named, re-scanned on refresh to find new workbooks.
    roots: Vec<PathBuf>,
    pub members: Vec<Member>,
    pub problems: Vec<Problem>,
    /// Files in the named directories that are not `*.toml`, skipped.
    pub skipped: usize,
    /// Team mode: the team directory (then `roots` is just its root).
    pub mode: Option<Arc<crate::team_store::Team>>,
    /// How many files opening the team read (the others came from the cache).
    pub files_read: usize,
    /// Bumped by every change taken in (`apply`, `update_member`).
    version: u64,
}

/// What identifies a learner's files as last read: the workbook's own, or
/// in team mode the learner directory's (workbook and coaches' files).
fn fingerprint_of(mode: Option<&crate::team_store::Team>, path: &Path) -> Option<Fingerprint> {
    match (mode, login_of_path(path)) {
        (Some(team), Some(login)) => team.fingerprint(login),
        _ => store::fingerprint(path),
    }
}

/// The learner a team-mode path (`TEAM/LOGIN/workbook.toml`) is for.
fn login_of_path(path: &Path) -> Option<&str> {
    path.parent()?.file_name()?.to_str()
}

/// Team mode's candidates: every learner directory, and every learner on
/// the roster (who may not have started).
fn team_candidates(team: &crate::team_store::Team) -> (Vec<PathBuf>, Vec<Problem>, usize) {
    let root = team.dir.learners();
    let root = &root;
    let mut logins: Vec<String> = team.state().file.learners.iter().map(|l| l.login.clone()).collect();
    let mut problems = Vec::new();
    match std::fs::read_dir(root) {
        Ok(entries) => logins.extend(
            entries
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .filter_map(|e| e.file_name().to_str().map(str::to_string)),
        ),
        Err(e) => problems.push(Problem::new(root, Unusable::Os(OsError::from(&e)))),
    }
    logins.retain(|l| crate::team_dir::is_plain_login(l));
    logins.sort();
    logins.dedup();
    (logins.iter().map(|l| team.dir.workbook(l)).collect(), problems, 0)
}

/// Candidate workbook files under `roots`: named files as they are, and the
/// `*.toml` files directly in named directories (hidden files and keiko's
/// lock and temporary files left out).
fn candidates(roots: &[PathBuf]) -> (Vec<PathBuf>, Vec<Problem>, usize) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut skipped = 0;
    for root in roots {
        match std::fs::metadata(root) {
            Ok(meta) if meta.is_dir() => match std::fs::read_dir(root) {
                Ok(entries) => {
                    let mut found: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                    // Names in one directory: as bytes, in the order paths sort in, but faster.
                    found.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
                    for path in found {
                        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                        if name.starts_with('.') || name.ends_with(".toml.lock") {
                            continue;
                        }
                        if name.ends_with(".toml") {
                            files.push(path);
                        } else {
                            skipped += 1;
                        }
                    }
                }
                Err(e) => problems.push(Problem::new(root, Unusable::Os(OsError::from(&e)))),
            },
            Ok(_) => files.push(root.clone()),
            Err(e) => problems.push(Problem::new(root, Unusable::Os(OsError::from(&e)))),
        }
    }
    files.dedup();
    (files, problems, skipped)
}

/// Reads one candidate: a learner, or the reason it is not one.
impl Problem {
    fn new(path: &Path, reason: Unusable) -> Problem {
        Problem { path: path.to_path_buf(), reason, fingerprint: store::fingerprint(path) }
    }
}

/// Reads one candidate: a learner, or the reason it is not one. A summary
/// `cached` for the file as it is now is taken as it is: the file is not
/// read (then the flag returned is true).
fn read_member(
    framework: &Framework,
    mode: Option<&crate::team_store::Team>,
    path: PathBuf,
    cached: Option<cache::Cached>,
    dirs: &mut HashMap<PathBuf, Option<OsError>>,
) -> (Result<Member, Problem>, bool) {
    if let (Some(team), Some(login)) = (mode, login_of_path(&path)) {
        let login = login.to_string();
        return read_team_member(framework, team, &login, path, cached);
    }
    let store = Store::new(&path, framework);
    let known_writable = cached.as_ref().filter(|c| c.writable).map(|c| c.fingerprint);
    let (now, writable) = store.identity_and_writable(dirs, known_writable);
    let (summary, fingerprint, from_cache) = match cached {
        Some(cached) if now == Some(cached.fingerprint) => (cached.summary, now, true),
        _ => match store.read_for_summary() {
            // A file changed between the two looks has no fingerprint: the
            // writability found is not for what was read, and the next look reads it again.
            Ok(Some((workbook, read))) => (Summary::of(framework, &path, &workbook), now.filter(|&f| f == read), false),
            Ok(None) => return (Err(Problem::new(&path, Unusable::Missing)), false),
            Err(e) => {
                let reason = unusable(&path, e);
                return (Err(Problem::new(&path, reason)), false);
            }
        },
    };
    let read_only = writable.err();
    (Ok(Member { path, login: None, fingerprint, summary, read_only }), from_cache)
}

/// A learner of a team: their workbook with every coach's record merged,
/// or, when there is none yet, a learner who has not started.
fn read_team_member(
    framework: &Framework,
    team: &crate::team_store::Team,
    login: &str,
    path: PathBuf,
    cached: Option<cache::Cached>,
) -> (Result<Member, Problem>, bool) {
    let listing = team.listing(login);
    let fingerprint = listing.as_ref().map(|l| l.fingerprint);
    let member = |path, summary| Member { path, login: Some(login.to_string()), fingerprint, summary, read_only: None };
    if let Some(cached) = cached.filter(|c| Some(c.fingerprint) == fingerprint) {
        return (Ok(member(path, cached.summary)), true);
    }
    let (workbook, started) = match team.merged_for_summary(login, framework, listing) {
        Ok(Some(workbook)) => (workbook, true),
        Ok(None) => (team.with_roster(login, Workbook::new(framework)), false),
        Err(e) => return (Err(Problem { reason: unusable(&path, e), path, fingerprint }), false),
    };
    let mut summary = Summary::of(framework, &path, &workbook);
    summary.not_started = !started;
    (Ok(member(path, summary)), false)
}

/// Why a file cannot be shown: a TOML file that is not a workbook is told
/// apart from a broken workbook.
fn unusable(path: &Path, error: StoreError) -> Unusable {
    if matches!(error, StoreError::Corrupt { .. }) {
        // Read again only as much as a workbook may be: a broken file costs no more than a good one.
        let is_other_toml = store::read_regular_file(path, store::MAX_WORKBOOK_BYTES)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .and_then(|text| text.parse::<toml::Table>().ok())
            .is_some_and(|table| !table.contains_key("schema"));
        if is_other_toml {
            return Unusable::NotAWorkbook;
        }
    }
    Unusable::Store(Box::new(error))
}

/// Reads files on all cores, each with what the cache holds for it (taken
/// as it is when the file has not changed since); in the order given.
/// Each result says whether its summary came from the cache.
fn read_all(
    framework: &Framework,
    mode: Option<&crate::team_store::Team>,
    files: Vec<(PathBuf, Option<cache::Cached>)>,
) -> Vec<(Result<Member, Problem>, bool)> {
    use rayon::prelude::*;
    files
        .into_par_iter()
        .map_init(HashMap::new, |dirs, (path, cached)| read_member(framework, mode, path, cached, dirs))
        .collect()
}

impl Team {
    /// The paths the team was opened with (in team mode, the team's directory).
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// Which version of the team this is: it changes with every change
    /// `apply` or `update_member` takes in, so what is worked out from the
    /// members can be kept until then.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// How many learners gave a reading of their name.
    pub fn readings(&self) -> usize {
        self.members.iter().filter(|m| m.summary.has_reading).count()
    }

    /// Finds and reads every workbook under `roots`. Never writes anything.
    pub fn open(framework: &Framework, roots: Vec<PathBuf>) -> Team {
        Team::read(framework, roots, None, None)
    }

    /// As `open` (or `open_team` with `mode`), with the summary cache in
    /// `cache_dir`: only files changed since it was written are read.
    pub fn open_cached(
        framework: &Framework,
        roots: Vec<PathBuf>,
        mode: Option<crate::team_store::Team>,
        cache_dir: &Path,
    ) -> Team {
        let roots = match &mode {
            Some(team) => vec![team.dir.root.clone()],
            None => roots,
        };
        Team::read(framework, roots, mode.map(Arc::new), Some(cache_dir))
    }

    /// Reads a whole team directory (team mode): every learner on the
    /// roster or with a directory, with the coaches' records merged.
    pub fn open_team(framework: &Framework, team: crate::team_store::Team) -> Team {
        Team::read(framework, vec![team.dir.root.clone()], Some(Arc::new(team)), None)
    }

    fn read(
        framework: &Framework,
        roots: Vec<PathBuf>,
        mode: Option<Arc<crate::team_store::Team>>,
        cache_dir: Option<&Path>,
    ) -> Team {
        let cache_file = cache_dir.map(|dir| cache::file(dir, &roots));
        // Listing the files and reading the cache do not wait for each other.
        // One look at the team file for the whole scan.
        let snapshot = mode.as_ref().map(|team| team.snapshot());
        let ((files, mut problems, skipped), mut cached) = rayon::join(
            || match &snapshot {
                Some(team) => team_candidates(team),
                None => candidates(&roots),
            },
            || cache_file.as_deref().map(|file| cache::load(file, framework)),
        );
        let with_cached: Vec<_> = files
            .into_iter()
            .map(|path| {
                let entry = cached.as_mut().and_then(|c| c.take(&path));
                (path, entry)
            })
            .collect();
        let was_writable: Vec<Option<bool>> = with_cached.iter().map(|(_, c)| c.as_ref().map(|c| c.writable)).collect();
        // Entries left are for files no longer there: the cache must change.
        let mut cache_holds_it_all = cached.is_some_and(|c| c.all_taken());
        let results = read_all(framework, snapshot.as_ref(), with_cached);
        let mut members = Vec::with_capacity(results.len());
        let mut files_read = 0;
        for ((result, from_cache), was_writable) in results.into_iter().zip(was_writable) {
            files_read += usize::from(!from_cache);
            cache_holds_it_all &= match result.as_ref().ok().filter(|m| m.fingerprint.is_some()) {
                Some(member) => from_cache && was_writable == Some(member.read_only.is_none()),
                // Not kept in the cache (a problem, a learner not started): a change only if it was.
                None => was_writable.is_none(),
            };
            match result {
                Ok(member) => members.push(member),
                Err(problem) => problems.push(problem),
            }
        }
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        let team = Team { roots, members, problems, skipped, mode, files_read, version: 0 };
        if let Some(file) = cache_file
            && !cache_holds_it_all
        {
            // Only when it would say something else: a warm open writes nothing.
            cache::save(&file, framework, &team.members);
        }
        team
    }

    /// Picks up changes on disk, here and now: re-reads only files whose
    /// fingerprint changed, and finds workbooks added or removed. Returns
    /// whether anything changed. The app does this off its thread, with a
    /// `TeamReader`.
    pub fn refresh(&mut self, framework: &Framework) -> bool {
        let mut reader = TeamReader::of(self, framework.clone());
        reader.changes().is_some_and(|changes| self.apply(changes))
    }

    /// Takes in what a `TeamReader` found. Returns whether anything changed.
    pub fn apply(&mut self, changes: TeamChanges) -> bool {
        let TeamChanges { fresh, gone, problems, skipped } = changes;
        let mut changed = skipped != self.skipped || problems != self.problems;
        let before = self.members.len();
        let dropped: std::collections::HashSet<&PathBuf> =
            gone.iter().chain(problems.iter().map(|p| &p.path)).collect();
        self.members.retain(|m| !dropped.contains(&m.path));
        changed |= self.members.len() != before;
        for member in fresh {
            match self.members.iter_mut().find(|m| m.path == member.path) {
                Some(old) => {
                    changed |= old.summary != member.summary || old.read_only != member.read_only;
                    *old = member;
                }
                None => {
                    changed = true;
                    self.members.push(member);
                }
            }
        }
        self.members.sort_by(|a, b| a.path.cmp(&b.path));
        self.problems = problems;
        self.skipped = skipped;
        self.version += u64::from(changed);
        changed
    }

    /// Replaces a member's workbook after the coach changed it.
    pub fn update_member(&mut self, framework: &Framework, path: &Path, workbook: &Workbook) {
        if let Some(member) = self.members.iter_mut().find(|m| m.path == path) {
            member.fingerprint = fingerprint_of(self.mode.as_deref(), path);
            member.summary = Summary::of(framework, path, workbook);
            self.version += 1;
        }
    }

    /// A learner's whole workbook, read now: the team keeps summaries only.
    pub fn workbook_of(&self, framework: &Framework, member: &Member) -> Result<Workbook, StoreError> {
        Ok(match (&self.mode, &member.login) {
            (Some(team), Some(login)) => match team.merged(login, framework)? {
                Some(workbook) => workbook,
                None => team.with_roster(login, Workbook::new(framework)),
            },
            _ => Store::new(&member.path, framework).read()?.unwrap_or_else(|| Workbook::new(framework)),
        })
    }

    /// Who a file that could not be used stands for, as far as its place
    /// tells (it was not read): in team mode, the learner whose workbook it
    /// is, by the roster's name (else the login), and their login; else the
    /// workbook file's name without `.toml` (nothing for a directory).
    pub fn unread_learner<'a>(&'a self, problem: &'a Problem) -> (Cow<'a, str>, Option<&'a str>) {
        if let (Some(team), Some(login)) = (&self.mode, login_of_path(&problem.path))
            && team.dir.workbook(login) == problem.path
        {
            let name = team.roster_entry(login).map(|e| e.name).filter(|n| !n.trim().is_empty());
            return (name.map_or(Cow::Borrowed(login), Cow::Owned), Some(login));
        }
        let name = match problem.path.extension() {
            Some(ext) if ext == "toml" => problem.path.file_stem().map(|s| s.to_string_lossy()),
            _ => None,
        };
        (name.unwrap_or_default(), None)
    }

    pub fn at_target(&self) -> usize {
        self.members.iter().filter(|m| m.summary.at_target).count()
    }

    pub fn open_requests(&self) -> usize {
        self.members.iter().map(|m| m.summary.requests.len()).sum()
    }

    /// Levels returned as "not yet", over all learners.
    pub fn returned(&self) -> usize {
        self.members.iter().map(|m| m.summary.returned).sum()
    }

    /// Sign-offs gone stale, over all learners.
    pub fn stale(&self) -> usize {
        self.members.iter().map(|m| m.summary.stale).sum()
    }

    /// Coaches' records that could not be used, over all learners.
    pub fn unread_records(&self) -> usize {
        self.members.iter().map(|m| m.summary.unread_records).sum()
    }
}

/// What changed in a team's files since they were last read: learners
/// read anew (new or changed files), files gone, and every file that
/// cannot be used, as they are now.
#[derive(Debug, Clone)]
pub struct TeamChanges {
    pub fresh: Vec<Member>,
    pub gone: Vec<PathBuf>,
    pub problems: Vec<Problem>,
    pub skipped: usize,
}

/// Reads a team's files again when they change, away from the screen's
/// thread: it keeps the identity of every file as last read, and reads
/// only the files whose identity changed.
pub struct TeamReader {
    framework: Framework,
    roots: Vec<PathBuf>,
    mode: Option<Arc<crate::team_store::Team>>,
    /// Every file read, learner or problem, as it was when read.
    seen: HashMap<PathBuf, Option<Fingerprint>>,
    /// The problems of files not changed since.
    problems: Vec<Problem>,
    skipped: usize,
}

impl TeamReader {
    /// A reader that knows the team as it is now.
    pub fn of(team: &Team, framework: Framework) -> TeamReader {
        let seen = team
            .members
            .iter()
            .map(|m| (m.path.clone(), m.fingerprint))
            .chain(team.problems.iter().map(|p| (p.path.clone(), p.fingerprint)))
            .collect();
        TeamReader {
            framework,
            roots: team.roots.clone(),
            mode: team.mode.clone(),
            seen,
            problems: team.problems.clone(),
            skipped: team.skipped,
        }
    }

    /// Scans the team again; `None` when nothing changed.
    pub fn changes(&mut self) -> Option<TeamChanges> {
        let snapshot = self.mode.as_ref().map(|team| team.snapshot());
        let (files, mut problems, skipped) = match &snapshot {
            Some(team) => team_candidates(team),
            None => candidates(&self.roots),
        };
        let mut to_read = Vec::new();
        for path in &files {
            let now = fingerprint_of(snapshot.as_ref(), path);
            let unchanged = now.is_some() && self.seen.get(path) == Some(&now);
            if !unchanged {
                to_read.push(path.clone());
            } else if let Some(problem) = self.problems.iter().find(|p| &p.path == path) {
                problems.push(problem.clone());
            }
        }
        // Sets, not lists: a team may hold thousands of files.
        let present: std::collections::HashSet<&PathBuf> = files.iter().collect();
        let gone: Vec<PathBuf> = self.seen.keys().filter(|p| !present.contains(p)).cloned().collect();
        for path in &gone {
            self.seen.remove(path);
        }
        let mut fresh = Vec::new();
        let to_read: Vec<_> = to_read.into_iter().map(|path| (path, None)).collect();
        for (result, _) in read_all(&self.framework, snapshot.as_ref(), to_read) {
            match result {
                Ok(member) => {
                    self.seen.insert(member.path.clone(), member.fingerprint);
                    fresh.push(member);
                }
                Err(problem) => {
                    self.seen.insert(problem.path.clone(), problem.fingerprint);
                    problems.push(problem);
                }
            }
        }
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        let nothing = fresh.is_empty() && gone.is_empty() && problems == self.problems && skipped == self.skipped;
        self.problems = problems.clone();
        self.skipped = skipped;
        (!nothing).then_some(TeamChanges { fresh, gone, problems, skipped })
    }
}

/// How the team overview is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Name,
    /// Least progress first: who needs help.
    Progress,
    /// Most recent first.
    LastActivity,
    /// Most open requests first.
    Requests,
}

impl SortBy {
    pub fn next(self) -> SortBy {
        match self {
            SortBy::Name => SortBy::Progress,
            SortBy::Progress => SortBy::LastActivity,
            SortBy::LastActivity => SortBy::Requests,
            SortBy::Requests => SortBy::Name,
        }
    }
}

/// The key a learner is sorted by name with: the reading of their name
/// (furigana) when there is one, else the name itself, folded so that
/// forms read alike sort together: NFKC (half-width ｶﾅ, full-width ＡＢＣ),
/// lower case, katakana as hiragana. A name without a reading (中村, 井上)
/// so sorts by code point, which is not the Japanese reading order.
pub fn name_key(name: &str, reading: &str) -> String {
    let text = if reading.trim().is_empty() { name } else { reading.trim() };
    crate::text::fold(text)
        .chars()
        // Katakana ァ..ヶ lie 0x60 above their hiragana ぁ..ゖ.
        .map(|c| match c {
            'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Learners in name order: by `name_key` (the reading where given), then by name.
pub fn by_name(x: &Summary, y: &Summary) -> std::cmp::Ordering {
    x.name_key.cmp(&y.name_key).then_with(|| x.name.cmp(&y.name))
}

/// Indexes of the members to show, filtered by name or reading (ignoring
/// case and kana form) and sorted.
pub fn visible(members: &[Member], filter: &str, sort: SortBy) -> Vec<usize> {
    let folded = name_key(filter, "");
    let filter = filter.trim().to_lowercase();
    let matches = |s: &Summary| s.name.to_lowercase().contains(&filter) || s.name_key.contains(&folded);
    let mut shown: Vec<usize> =
        (0..members.len()).filter(|&i| filter.is_empty() || matches(&members[i].summary)).collect();
    shown.sort_by(|a, b| {
        let (x, y) = (&members[*a].summary, &members[*b].summary);
        let ordering = match sort {
            SortBy::Name => std::cmp::Ordering::Equal,
            SortBy::Progress => {
                (x.progress.done * y.progress.total.max(1)).cmp(&(y.progress.done * x.progress.total.max(1)))
            }
            SortBy::LastActivity => {
                let t = |s: &Summary| s.last_activity.as_ref().and_then(unix_seconds).unwrap_or(i64::MIN);
                t(y).cmp(&t(x))
            }
            SortBy::Requests => y.requests.len().cmp(&x.requests.len()),
        };
        ordering.then_with(|| by_name(x, y))
    });
    shown
}

/// The summary cache, as git's index is for the work tree: per team (the
/// paths reviewed), the summary of each workbook and the identity of the
/// file it was made from. Only a help to read faster: a cache that is
/// missing, broken, from another keiko or for another framework is ignored,
/// and nothing is ever written from it. JSON lines: a header, then one
/// learner a line.
mod cache {
    use std::borrow::Cow;
    use std::ffi::OsString;
    use std::path::{Path, PathBuf};

    use rayon::prelude::*;

    use super::{Member, Summary};
    use crate::framework::Framework;
    use crate::store::Fingerprint;

    #[derive(serde::Serialize, serde::Deserialize, PartialEq)]
    struct Header {
        keiko: String,
        framework: String,
        /// Whose the cache's answers on writability are (`identity::credentials`).
        user: String,
    }

    /// One line: borrowed when written, owned when read.
    #[derive(serde::Serialize, serde::Deserialize)]
    struct Entry<'a> {
        path: Cow<'a, Path>,
        fingerprint: Fingerprint,
        writable: bool,
        summary: Cow<'a, Summary>,
    }

    /// What the cache knows of one file, as it was when last read.
    pub(super) struct Cached {
        pub fingerprint: Fingerprint,
        /// Whether the file itself could be written (`access`): its mode,
        /// owner and ACLs are in its change time, so this holds while
        /// the fingerprint does, for the same user in the same groups.
        pub writable: bool,
        pub summary: Summary,
    }

    /// FNV-1a: a hash that stays the same across Rust versions (names files).
    fn fnv(bytes: &[u8]) -> u64 {
        bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }

    fn header(framework: &Framework) -> Header {
        // The framework's whole content: the same id and version edited is another
        // framework. (Not its index: a HashMap's order differs from run to run.)
        let content = format!("{:?}{:?}", framework.roles, framework.competencies);
        let content = fnv(content.as_bytes());
        Header {
            keiko: env!("CARGO_PKG_VERSION").to_string(),
            framework: format!("{} {} {content:016x}", framework.id, framework.version),
            user: crate::identity::credentials(),
        }
    }

    /// The team's cache file: named by the paths reviewed, as the system
    /// resolves them.
    pub(super) fn file(dir: &Path, roots: &[PathBuf]) -> PathBuf {
        let mut key = Vec::new();
        for root in roots {
            let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
            key.extend_from_slice(root.as_os_str().as_encoded_bytes());
            key.push(0);
        }
        dir.join(format!("team-{:016x}.jsonl", fnv(&key)))
    }

    /// What the cache holds, every entry or none. A file changed within a
    /// second of the cache being written may have changed again after it
    /// was read, in the same tick of the file system's clock ("racy git"):
    /// such entries are not trusted.
    pub(super) fn load(file: &Path, framework: &Framework) -> Entries {
        let read = || -> Option<Vec<(OsString, Option<Cached>)>> {
            let bytes = crate::files::read_regular_file(file, 1 << 30).ok()?;
            let written = std::fs::metadata(file).ok().map(|m| Fingerprint::of_metadata(&m).mtime())?;
            let nanos = |(s, ns): (i64, i64)| i128::from(s) * 1_000_000_000 + i128::from(ns);
            let mut lines = bytes.split(|&b| b == b'\n').filter(|l| !l.is_empty());
            if serde_json::from_slice::<Header>(lines.next()?).ok()? != header(framework) {
                return None;
            }
            let lines: Vec<&[u8]> = lines.collect();
            let mut entries = lines
                .into_par_iter()
                .map(|line| {
                    let Entry { path, fingerprint, writable, summary } = serde_json::from_slice(line).ok()?;
                    let (path, summary) = (path.into_owned(), summary.into_owned());
                    let racy = |time| nanos(time) + 1_000_000_000 > nanos(written);
                    // A mode changed in the same tick as the cache was written leaves ctime as it was.
                    let writable = writable && !racy(fingerprint.ctime());
                    let cached = Cached { fingerprint, writable, summary };
                    Some((path.into_os_string(), (!racy(fingerprint.mtime())).then_some(cached)))
                })
                .collect::<Option<Vec<_>>>()?;
            // Written in the order files are listed in: sorted already, but the file is not trusted to be.
            if !entries.is_sorted_by(|a, b| a.0 <= b.0) {
                entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            }
            Some(entries)
        };
        Entries { entries: read().unwrap_or_default(), next: 0, taken: 0 }
    }

    /// What `load` held, entry by entry as the files are listed.
    pub(super) struct Entries {
        entries: Vec<(OsString, Option<Cached>)>,
        /// Where the next file listed is likely to be (the cache keeps the listing's order).
        next: usize,
        pub taken: usize,
    }

    impl Entries {
        /// What the cache holds for `path`, taken out of it.
        pub(super) fn take(&mut self, path: &Path) -> Option<Cached> {
            let path = path.as_os_str();
            let found = match self.entries.get(self.next) {
                Some((p, _)) if p == path => self.next,
                _ => self.entries.binary_search_by(|(p, _)| p.as_os_str().cmp(path)).ok()?,
            };
            self.next = found + 1;
            let cached = self.entries[found].1.take();
            self.taken += usize::from(cached.is_some());
            cached
        }

        /// Whether every entry was taken: none is for a file no longer listed.
        pub(super) fn all_taken(&self) -> bool {
            self.taken == self.entries.len()
        }
    }

    /// Writes the cache anew, atomically and for the coach alone. A cache
    /// that cannot be written costs time, not correctness: errors are ignored.
    pub(super) fn save(file: &Path, framework: &Framework, members: &[Member]) {
        let mut out = serde_json::to_vec(&header(framework)).unwrap_or_default();
        for m in members {
            let Some(fingerprint) = m.fingerprint else { continue };
            out.push(b'\n');
            let writable = m.read_only.is_none();
            let entry =
                Entry { path: Cow::Borrowed(&m.path), fingerprint, writable, summary: Cow::Borrowed(&m.summary) };
            let Ok(line) = serde_json::to_vec(&entry) else { return };
            out.extend_from_slice(&line);
        }
        out.push(b'\n');
        if let Some(dir) = file.parent() {
            use std::os::unix::fs::DirBuilderExt;
            let _ = std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir);
        }
        let _ = crate::store::write_file_atomically(file, &out, 0o600);
    }
}

/// Where the summary cache lives: the user's cache directory
/// (`$XDG_CACHE_HOME/keiko` on Linux); `None` without a home directory.
pub fn default_cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "keiko").map(|dirs| dirs.cache_dir().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::time_from_unix;
    use crate::workbook::{Change, Stamp};

    fn write(dir: &Path, name: &str, role: &str, checks: &[&str]) -> PathBuf {
        let path = dir.join(name);
        let store = Store::new(&path, &Framework::bundled());
        let stamp = Stamp::new("t", time_from_unix(1_796_000_000));
        store
            .apply(
                &Change::Profile { name: Some(name.trim_end_matches(".toml").into()), role: Some(role.into()) },
                &stamp,
                false,
            )
            .unwrap();
        for id in checks {
            store.apply(&Change::Check { id: id.to_string(), checked: true }, &stamp, false).unwrap();
        }
        path
    }

    #[test]
    fn a_directory_holds_learners_and_problems() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "aoki.toml", "OP", &["SM-5.1.1"]);
        write(dir.path(), "baba.toml", "SV", &[]);
        std::fs::write(dir.path().join("broken.toml"), "schema = 1\n[profile\n").unwrap();
        std::fs::write(dir.path().join("cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "hello").unwrap();
        let team = Team::open(&Framework::bundled(), vec![dir.path().to_path_buf()]);
        let names: Vec<&str> = team.members.iter().map(|m| m.summary.name.as_str()).collect();
        assert_eq!(names, ["aoki", "baba"]);
        let reasons: Vec<(String, &Unusable)> = team
            .problems
            .iter()
            .map(|p| (p.path.file_name().unwrap().to_string_lossy().into_owned(), &p.reason))
            .collect();
        assert_eq!(reasons[0].0, "broken.toml");
        assert!(
            matches!(reasons[0].1, Unusable::Store(e) if matches!(**e, StoreError::Corrupt { line: 2, col: 9, .. })),
            "{reasons:?}"
        );
        assert_eq!(reasons[1], ("cargo.toml".to_string(), &Unusable::NotAWorkbook));
        assert_eq!(team.skipped, 1);
    }

    #[test]
    fn refresh_rereads_only_what_changed_and_finds_new_files() {
        let dir = tempfile::tempdir().unwrap();
        let framework = Framework::bundled();
        let a = write(dir.path(), "aoki.toml", "OP", &[]);
        let mut team = Team::open(&framework, vec![dir.path().to_path_buf()]);
        std::fs::write(dir.path().join("broken.toml"), "[").unwrap();
        assert!(team.refresh(&framework), "a new broken file is news");
        assert!(!team.refresh(&framework), "nothing changed");
        std::thread::sleep(std::time::Duration::from_millis(10));
        write(dir.path(), "aoki.toml", "OP", &["SM-5.1.1"]);
        write(dir.path(), "chiba.toml", "OP", &[]);
        assert!(team.refresh(&framework));
        assert_eq!(team.members.len(), 2);
        assert_eq!(team.problems.len(), 1);
        let aoki = team.members.iter().find(|m| m.path == a).unwrap();
        assert_eq!(aoki.summary.progress.done, 1);
    }

    #[test]
    fn special_and_huge_files_are_named_once_and_never_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.toml");
        let fifo_type = rustix::fs::FileType::Fifo;
        rustix::fs::mknodat(rustix::fs::CWD, &fifo, fifo_type, rustix::fs::Mode::from_raw_mode(0o600), 0).unwrap();
        let huge = std::fs::File::create(dir.path().join("huge.toml")).unwrap();
        huge.set_len(3 << 30).unwrap();
        let team = Team::open(&Framework::bundled(), vec![dir.path().to_path_buf()]);
        assert_eq!(team.problems.len(), 2);
        for problem in &team.problems {
            let shown = problem.path.display().to_string();
            for lang in [crate::lang::Lang::JA, crate::lang::Lang::EN] {
                let reason = crate::lang::Localized::message(&problem.reason, lang);
                assert!(!reason.contains(&shown), "the path is repeated: {reason}");
            }
        }
        assert!(
            matches!(&team.problems[0].reason, Unusable::Store(e) if matches!(**e, StoreError::TooLarge { size: 3221225472, .. }))
        );
        assert!(matches!(&team.problems[1].reason, Unusable::Store(e) if matches!(**e, StoreError::NotAFile { .. })));
    }

    #[test]
    fn the_reader_reads_only_files_whose_identity_changed() {
        let dir = tempfile::tempdir().unwrap();
        let framework = Framework::bundled();
        write(dir.path(), "aoki.toml", "OP", &[]);
        let b = write(dir.path(), "baba.toml", "OP", &[]);
        std::fs::write(dir.path().join("broken.toml"), "[").unwrap();
        let mut team = Team::open(&framework, vec![dir.path().to_path_buf()]);
        let mut reader = TeamReader::of(&team, framework.clone());
        assert!(reader.changes().is_none(), "nothing changed");
        std::thread::sleep(std::time::Duration::from_millis(10));
        write(dir.path(), "baba.toml", "OP", &["SM-5.1.1"]);
        let changes = reader.changes().expect("baba changed");
        let read: Vec<&Path> = changes.fresh.iter().map(|m| m.path.as_path()).collect();
        assert_eq!(read, [b.as_path()], "only the changed file is read");
        assert_eq!(changes.problems.len(), 1, "the broken file is still listed, not read again");
        assert!(team.apply(changes));
        assert_eq!(team.members.iter().find(|m| m.path == b).unwrap().summary.progress.done, 1);
        std::fs::remove_file(dir.path().join("aoki.toml")).unwrap();
        let changes = reader.changes().expect("aoki is gone");
        assert!(changes.fresh.is_empty());
        assert!(team.apply(changes));
        assert_eq!(team.members.len(), 1);
        assert!(reader.changes().is_none());
    }

    #[test]
    fn sorting_and_filtering() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "aoki.toml", "OP", &[]);
        write(dir.path(), "baba.toml", "OP", &["SM-5.1.1", "SM-5.2.1"]);
        write(dir.path(), "chiba.toml", "OP", &["SM-5.1.1"]);
        let team = Team::open(&Framework::bundled(), vec![dir.path().to_path_buf()]);
        let names = |order: Vec<usize>| -> Vec<String> {
            order.iter().map(|&i| team.members[i].summary.name.clone()).collect()
        };
        assert_eq!(names(visible(&team.members, "", SortBy::Name)), ["aoki", "baba", "chiba"]);
        assert_eq!(names(visible(&team.members, "", SortBy::Progress)), ["aoki", "chiba", "baba"]);
        assert_eq!(names(visible(&team.members, "BAB", SortBy::Name)), ["baba"]);
    }

    #[test]
    fn sorting_by_name_follows_readings_where_given_and_code_points_otherwise() {
        let dir = tempfile::tempdir().unwrap();
        let framework = Framework::bundled();
        // In code points 中 (U+4E2D) < 井 (U+4E95) < 伊 (U+4F0A); read, いとう < いのうえ < なかむら.
        let learners = [
            ("nakamura.toml", "中村 陽翔", "なかむら はると"),
            ("inoue.toml", "井上 蓮", "イノウエ レン"),
            ("ito.toml", "伊藤 結衣", "ｲﾄｳ ﾕｲ"),
            ("abe.toml", "阿部 葵", ""),
            ("zed.toml", "Zed", ""),
        ];
        for (file, name, reading) in learners {
            let store = Store::new(dir.path().join(file), &framework);
            let me = Stamp::new("me", time_from_unix(0));
            store.apply(&Change::Profile { name: Some(name.into()), role: Some("OP".into()) }, &me, false).unwrap();
            store.apply(&Change::Reading { reading: reading.into() }, &me, false).unwrap();
        }
        let team = Team::open(&framework, vec![dir.path().to_path_buf()]);
        let names = |order: Vec<usize>| -> Vec<String> {
            order.iter().map(|&i| team.members[i].summary.name.clone()).collect()
        };
        // Readings (katakana and half-width folded to hiragana) in reading order;
        // without one, by the name's code points: Latin before kana, kanji after.
        assert_eq!(
            names(visible(&team.members, "", SortBy::Name)),
            ["Zed", "伊藤 結衣", "井上 蓮", "中村 陽翔", "阿部 葵"]
        );
        assert_eq!(name_key("x", " カタカナ "), "かたかな");
        assert_eq!(names(visible(&team.members, "いのうえ", SortBy::Name)), ["井上 蓮"], "a reading is found too");
        assert_eq!(team.readings(), 3);
    }
}
