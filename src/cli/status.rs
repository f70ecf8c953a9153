//! `keiko status [--json]`: the learner's summary.

use crate::i18n::{Words, msg};
use serde::Serialize;

use super::Context;
use crate::i18n::Lang;
use keiko_core::model::framework::Competency;
use keiko_core::model::progress::{self, Fraction};
use keiko_core::model::workbook::Workbook;
use keiko_core::text::{fit, json_safe, terminal_safe, width};

const BAR_WIDTH: usize = 20;
const COMPETENCY_BAR_WIDTH: usize = 10;

pub fn render_text(ctx: &Context, workbook: &Workbook) -> String {
    let s = ctx.lang;
    let g = ctx.glyphs;
    let overall = progress::overall(&ctx.framework, workbook);
    let role = workbook.profile.role.as_deref();
    let mut out = String::new();
    // Text from the workbook and the framework stays on its line.
    let t = |text: &str| terminal_safe(text, false);
    out += &format!("{}  {}  {}\n", s.t(msg::AppTitle), t(ctx.display_name(workbook)), t(&ctx.role_label(workbook)));
    out += &format!(
        "{}  {}  {}  {}%\n",
        s.t(msg::ProgressToTarget),
        g.bar(overall.to_target, BAR_WIDTH),
        fraction(overall.to_target),
        overall.to_target.percent()
    );
    if overall.above_target.done > 0 {
        out += &format!("{}  {}\n", s.t(msg::AboveTarget), fraction(overall.above_target));
    }
    if let Some(finish) = progress::finish(&ctx.framework, workbook) {
        out += &format!("{} {}\n{}\n", g.done, s.t(msg::AllTargetsReached), ctx.lang.finish_next(&finish));
    }
    out += "\n";
    let id_width = ctx.framework.competencies.iter().map(|c| width(&t(&c.id))).max().unwrap_or(0);
    for c in &ctx.framework.competencies {
        let p = progress::competency(c, workbook, role);
        let mark = if p.at_target() { g.done } else { " " };
        out += &format!(
            "{}  {}  {}  {:>5}  {} {}\n",
            fit(&t(&c.id), id_width),
            level_of_target(ctx.lang, p.achieved, p.target),
            g.bar(p.to_target, COMPETENCY_BAR_WIDTH),
            fraction(p.to_target),
            mark,
            t(c.name.get(ctx.lang))
        );
    }
    out
}

/// "達成 1/目標 2" / "level 1 of 2", always the same width.
fn level_of_target(lang: Lang, achieved: u8, target: u8) -> String {
    lang.t(msg::LevelOfTarget { achieved, target })
}

fn fraction(f: Fraction) -> String {
    format!("{}/{}", f.done, f.total)
}

#[derive(Serialize)]
pub struct Report<'a> {
    pub profile: ProfileJson<'a>,
    pub framework: FrameworkJson<'a>,
    pub progress: ProgressJson,
    pub competencies: Vec<CompetencyStatus<'a>>,
}

#[derive(Serialize)]
pub struct ProfileJson<'a> {
    pub name: &'a str,
    pub role: Option<&'a str>,
}

#[derive(Serialize)]
pub struct FrameworkJson<'a> {
    pub id: &'a str,
    pub version: &'a str,
}

#[derive(Serialize)]
pub struct ProgressJson {
    pub checked: usize,
    pub total: usize,
    pub percent: usize,
    pub above_target: CountJson,
    pub competencies_at_target: usize,
    pub competencies: usize,
}

#[derive(Serialize)]
pub struct CountJson {
    pub checked: usize,
    pub total: usize,
}

impl From<Fraction> for CountJson {
    fn from(f: Fraction) -> CountJson {
        CountJson { checked: f.done, total: f.total }
    }
}

#[derive(Serialize)]
pub struct CompetencyStatus<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub target: u8,
    pub achieved: u8,
    pub checked: usize,
    pub total: usize,
}

/// A competency's progress in the JSON of `status` (and, with more, of `export`).
pub fn competency_status<'a>(ctx: &'a Context, workbook: &Workbook, c: &'a Competency) -> CompetencyStatus<'a> {
    let p = progress::competency(c, workbook, workbook.profile.role.as_deref());
    CompetencyStatus {
        id: &c.id,
        name: c.name.get(ctx.lang),
        target: p.target,
        achieved: p.achieved,
        checked: p.to_target.done,
        total: p.to_target.total,
    }
}

pub fn progress_json(ctx: &Context, workbook: &Workbook) -> ProgressJson {
    let overall = progress::overall(&ctx.framework, workbook);
    ProgressJson {
        checked: overall.to_target.done,
        total: overall.to_target.total,
        percent: overall.to_target.percent(),
        above_target: overall.above_target.into(),
        competencies_at_target: overall.at_target.done,
        competencies: overall.at_target.total,
    }
}

pub fn render_json(ctx: &Context, workbook: &Workbook) -> String {
    let role = workbook.profile.role.as_deref();
    let status = Report {
        profile: ProfileJson { name: &workbook.profile.name, role },
        framework: FrameworkJson { id: &ctx.framework.id, version: &ctx.framework.version },
        progress: progress_json(ctx, workbook),
        competencies: ctx.framework.competencies.iter().map(|c| competency_status(ctx, workbook, c)).collect(),
    };
    json_safe(&serde_json::to_string_pretty(&status).expect("status serializes")) + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use keiko_core::clock::time_from_unix;
    use keiko_core::model::framework::Framework;
    use keiko_core::model::workbook::{Change, Stamp};

    fn context(lang: Lang) -> Context {
        let framework = Framework::bundled();
        let dir = std::env::temp_dir().join("keiko-status-unit-test-never-written.toml");
        Context {
            lang,
            glyphs: crate::glyphs::Glyphs::get(false),
            store: Box::new(keiko_core::store::Store::new(dir, &framework)),
            team: None,
            framework,
            user: "op-a".into(),
            keys: Default::default(),
        }
    }

    #[test]
    fn status_marks_every_target_reached_and_says_what_comes_next() {
        let ctx = context(Lang::EN);
        let mut wb = Workbook::new(&ctx.framework);
        wb.profile.role = Some("OP".into());
        let stamp = Stamp::new("op-a", time_from_unix(0));
        let ids = ["SM-5.1.1", "SM-5.2.1", "SM-5.2.2", "SM-6.1.1", "SM-6.1.2", "SM-7.1.1", "SM-7.1.2", "SM-7.2.1"];
        for id in ids.iter().chain(&["SM-8.1.1", "SM-8.1.2"]) {
            wb.apply(&Change::Check { id: id.to_string(), checked: true }, &stamp, false);
        }
        assert!(!render_text(&ctx, &wb).contains("Every target reached"), "SM-9 is still open");
        wb.apply(&Change::Check { id: "SM-9.1.1".into(), checked: true }, &stamp, false);
        let text = render_text(&ctx, &wb);
        assert!(text.contains("✓ Every target reached!\nNext: ask a coach to review the 7 levels"), "{text}");
        let ja = render_text(&context(Lang::JA), &wb);
        assert!(ja.contains("✓ すべての目標に到達しました！"), "{ja}");
    }
}
