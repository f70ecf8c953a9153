//! Generated workbooks and teams for property tests, fuzz targets and
//! benchmarks. Not part of keiko-core's interface: built only with the
//! `testing` feature, which the tests, benches and fuzz/ turn on.

/// A full workbook: every statement checked with a note, a reflection per
/// competency, a coach's sign-off and comment on each, and the history those
/// changes made. With `long_history`, the history is filled to its limit, as
/// years of use would.
pub fn full_workbook(
    framework: &crate::model::framework::Framework,
    name: &str,
    role: &str,
    long_history: bool,
) -> crate::model::workbook::Workbook {
    use crate::model::workbook::{Change, HISTORY_LIMIT, Stamp, Workbook};
    let mut workbook = Workbook::new(framework);
    let at = crate::clock::time_from_unix(1_795_856_400);
    let learner = Stamp::new(name, at);
    let coach = Stamp::new("coach", at);
    workbook.apply(&Change::Profile { name: Some(name.into()), role: Some(role.into()) }, &learner, false);
    for c in &framework.competencies {
        for (_, s) in c.statements() {
            workbook.apply(&Change::Check { id: s.id.clone(), checked: true }, &learner, false);
            let note = format!("{}: 先週の解約希望3件で理由を聴き取り、記録してSVに報告した。", s.id);
            workbook.apply(&Change::Note { id: s.id.clone(), text: note }, &learner, false);
        }
        let reflection = "離反の兆候を早めに拾えるようになった。次は分析を深めたい。".to_string();
        workbook.apply(&Change::Reflection { competency: c.id.clone(), text: reflection }, &learner, false);
        workbook.apply(&Change::sign_off(framework, &c.id, 1, "根拠が明確です"), &coach, false);
        workbook.apply(&Change::Comment { competency: c.id.clone(), text: "次のレベルへ".into() }, &coach, false);
    }
    let mut checked = false;
    while long_history && workbook.history.len() < HISTORY_LIMIT {
        let id = framework.competencies[0].levels[0].statements[0].id.clone();
        workbook.apply(&Change::Check { id, checked }, &learner, false);
        checked = !checked;
    }
    workbook
}

/// A workbook part-way through, different for each `seed`: some statements
/// checked, some with notes, a request, and the history those changes make.
pub fn typical_workbook(
    framework: &crate::model::framework::Framework,
    seed: usize,
) -> crate::model::workbook::Workbook {
    use crate::model::workbook::{Change, Stamp, Workbook};
    let mut workbook = Workbook::new(framework);
    let name = format!("learner {seed:04}");
    let learner = Stamp::new(name.clone(), crate::clock::time_from_unix(1_795_000_000 + seed as i64 * 3600));
    let role = ["OP", "SV", "OMP", "CAP"][seed % 4];
    workbook.apply(&Change::Profile { name: Some(name), role: Some(role.into()) }, &learner, false);
    let ids: Vec<String> =
        framework.competencies.iter().flat_map(|c| c.statements()).map(|(_, s)| s.id.clone()).collect();
    for (i, id) in ids.iter().enumerate().take(seed * 7 % (ids.len() + 1)) {
        workbook.apply(&Change::Check { id: id.clone(), checked: true }, &learner, false);
        if i.is_multiple_of(2) {
            let note = format!("{id}: 先週の解約希望3件で理由を聴き取り、記録してSVに報告した。");
            workbook.apply(&Change::Note { id: id.clone(), text: note }, &learner, false);
        }
    }
    if seed.is_multiple_of(3) {
        let competency = framework.competencies[seed % framework.competencies.len()].id.clone();
        workbook.apply(&Change::RequestReview { competency, level: 1, requested: true }, &learner, false);
    }
    workbook
}

/// A workbook after years of use, different for each `seed`: about 60% of
/// the statements checked with a note, a reflection on some competencies,
/// a sign-off or two, sometimes a request, and the history at its limit
/// (500 entries over two years): about 48 KB, most of it history.
pub fn heavy_workbook(framework: &crate::model::framework::Framework, seed: usize) -> crate::model::workbook::Workbook {
    use crate::model::workbook::{Change, HISTORY_LIMIT, Stamp, Workbook};
    let mut workbook = Workbook::new(framework);
    let login = format!("op{seed:05}");
    let start = 1_730_000_000 + (seed as i64 % 97) * 86_400;
    // Two years of activity, an entry every day and a half or so.
    let stamp = |n: usize| Stamp::new(login.clone(), crate::clock::time_from_unix(start + n as i64 * 125_000));
    let mut n = 0;
    let role = ["OP", "SV", "OMP", "CAP"][seed % 4];
    let name = format!("learner {seed:05}");
    workbook.apply(&Change::Profile { name: Some(name), role: Some(role.into()) }, &stamp(n), false);
    let ids: Vec<String> =
        framework.competencies.iter().flat_map(|c| c.statements()).map(|(_, s)| s.id.clone()).collect();
    for (i, id) in ids.iter().enumerate() {
        // About 60%, a different set for each seed.
        if (i * 7 + seed) % 5 >= 3 {
            continue;
        }
        n += 1;
        workbook.apply(&Change::Check { id: id.clone(), checked: true }, &stamp(n), false);
        n += 1;
        let note = format!("{id}: 先週の解約希望3件で理由を聴き取り、記録してSVに報告した。");
        workbook.apply(&Change::Note { id: id.clone(), text: note }, &stamp(n), false);
    }
    for (ci, c) in framework.competencies.iter().enumerate() {
        if (ci + seed).is_multiple_of(2) {
            n += 1;
            let text = "離反の兆候を早めに拾えるようになった。次は分析を深めたい。".to_string();
            workbook.apply(&Change::Reflection { competency: c.id.clone(), text }, &stamp(n), false);
        }
    }
    let coach = Stamp::new("coach", crate::clock::time_from_unix(start));
    let c = &framework.competencies[seed % framework.competencies.len()];
    workbook.apply(&Change::sign_off(framework, &c.id, 1, "根拠が明確です"), &coach, false);
    // Back and forth on one statement until the history is full, as years of use make it.
    let id = ids[seed % ids.len()].clone();
    let mut checked = !workbook.is_checked(&id);
    while workbook.history.len() < HISTORY_LIMIT - 1 {
        n += 1;
        workbook.apply(&Change::Check { id: id.clone(), checked }, &stamp(n), false);
        checked = !checked;
    }
    if !workbook.is_checked(&id) {
        n += 1;
        workbook.apply(&Change::Check { id: id.clone(), checked: true }, &stamp(n), false);
    }
    if seed.is_multiple_of(3) {
        let competency = framework.competencies[(seed / 3) % framework.competencies.len()].id.clone();
        n += 1;
        workbook.apply(&Change::RequestReview { competency, level: 1, requested: true }, &stamp(n), false);
    }
    workbook
}

/// Writes `n` heavy workbooks (`heavy_workbook`) into `dir`: as
/// `learner-00000.toml`… or, with `team`, as a team directory
/// (`dir/team.toml`, `dir/learners/LOGIN/workbook.toml`). Returns the paths written.
pub fn write_heavy_team(
    framework: &crate::model::framework::Framework,
    dir: &std::path::Path,
    n: usize,
    team: bool,
) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut paths = Vec::with_capacity(n);
    let mut file = crate::team::dir::TeamFile {
        group: crate::team::dir::DEFAULT_GROUP.into(),
        coaches: vec!["tanaka".into()],
        ..Default::default()
    };
    for seed in 0..n {
        let text = crate::store::to_toml(&heavy_workbook(framework, seed));
        let path = if team {
            let login = format!("op{seed:05}");
            file.learners.push(crate::team::dir::RosterEntry { login: login.clone(), ..Default::default() });
            let learner = crate::team::dir::TeamDir::new(dir).learner_dir(&login);
            std::fs::create_dir_all(&learner)?;
            std::fs::create_dir_all(crate::team::dir::TeamDir::new(dir).verdict_dir(&login))?;
            learner.join("workbook.toml")
        } else {
            dir.join(format!("learner-{seed:05}.toml"))
        };
        std::fs::write(&path, text)?;
        paths.push(path);
    }
    if team {
        std::fs::write(dir.join(crate::team::dir::TEAM_FILE), file.to_toml())?;
    }
    Ok(paths)
}
