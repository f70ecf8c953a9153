//! `keiko framework check FILE` and `keiko framework show [--json]`.

use crate::i18n::{Words, msg};
use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::i18n::{Lang, Localized};
use keiko_core::model::framework::{Framework, FrameworkError};
use keiko_core::text::{json_safe, terminal_safe};

/// Validates a framework file: `Ok` with a one-line summary, or every problem, one per line.
pub fn check(path: &Path, lang: Lang) -> Result<String, String> {
    let framework = Framework::load(path).map_err(|e| error_message(&e, lang))?;
    Ok(format!(
        "{}: ok: framework {} {}, {} roles, {} competencies, {} statements\n",
        one_line(&path.display().to_string()),
        one_line(&framework.id),
        one_line(&framework.version),
        framework.roles.len(),
        framework.competencies.len(),
        framework.statement_count()
    ))
}

/// A framework error to print: one line per problem, and no text from the
/// file (an id, the path) can start a line of its own.
pub fn error_message(error: &FrameworkError, lang: Lang) -> String {
    match error {
        FrameworkError::Invalid { path, problems } => {
            let path = one_line(path);
            problems.iter().map(|p| format!("{path}: {}", one_line(&p.message(lang)))).collect::<Vec<_>>().join("\n")
        }
        other => one_line(&other.message(lang)),
    }
}

/// Text from the file on one line, with no control characters.
fn one_line(text: &str) -> String {
    terminal_safe(text, false)
}

pub fn render_text(framework: &Framework, lang: Lang) -> String {
    let s = lang;
    let t = one_line;
    let mut out =
        format!("{} {} {} {}\n", s.t(msg::Framework), t(&framework.id), s.t(msg::Version), t(&framework.version));
    for note in [&framework.source, &framework.translation].into_iter().flatten() {
        out += &format!("  {}\n", t(note));
    }
    out += &format!("\n{}:\n", s.t(msg::Role));
    for role in &framework.roles {
        out += &format!("  {:<4} {}\n", t(&role.code), t(role.name.get(lang)));
    }
    for c in &framework.competencies {
        let targets: Vec<String> = framework
            .roles
            .iter()
            .filter_map(|r| c.targets.get(&r.code).map(|level| format!("{}:{level}", t(&r.code))))
            .collect();
        out += &format!("\n{} {}  ({} {})\n", t(&c.id), t(c.name.get(lang)), s.t(msg::Target), targets.join(" "));
        for level in &c.levels {
            out += &format!("  {}\n", lang.level(level.level));
            for st in &level.statements {
                out += &format!("    {}  {}\n", t(&st.id), t(st.text.get(lang)));
            }
        }
    }
    out
}

#[derive(Serialize)]
struct FrameworkJson<'a> {
    id: &'a str,
    version: &'a str,
    roles: Vec<RoleJson<'a>>,
    competencies: Vec<CompetencyJson<'a>>,
}

#[derive(Serialize)]
struct RoleJson<'a> {
    code: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct CompetencyJson<'a> {
    id: &'a str,
    name: &'a str,
    targets: BTreeMap<&'a str, u8>,
    levels: Vec<LevelJson<'a>>,
}

#[derive(Serialize)]
struct LevelJson<'a> {
    level: u8,
    statements: Vec<StatementJson<'a>>,
}

#[derive(Serialize)]
struct StatementJson<'a> {
    id: &'a str,
    text: &'a str,
}

pub fn render_json(framework: &Framework, lang: Lang) -> String {
    let json = FrameworkJson {
        id: &framework.id,
        version: &framework.version,
        roles: framework.roles.iter().map(|r| RoleJson { code: &r.code, name: r.name.get(lang) }).collect(),
        competencies: framework
            .competencies
            .iter()
            .map(|c| CompetencyJson {
                id: &c.id,
                name: c.name.get(lang),
                targets: c.targets.iter().map(|(k, v)| (k.as_str(), *v)).collect(),
                levels: c
                    .levels
                    .iter()
                    .map(|l| LevelJson {
                        level: l.level,
                        statements: l
                            .statements
                            .iter()
                            .map(|s| StatementJson { id: &s.id, text: s.text.get(lang) })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    };
    json_safe(&serde_json::to_string_pretty(&json).expect("framework serializes")) + "\n"
}
