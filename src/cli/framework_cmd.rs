//! `keiko framework check FILE` and `keiko framework show [--json]`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::framework::Framework;
use crate::i18n::Lang;

/// Validates a framework file: `Ok` with a one-line summary, or every problem, one per line.
pub fn check(path: &Path) -> Result<String, String> {
    let framework = Framework::load(path).map_err(|e| e.to_string())?;
    Ok(format!(
        "{}: ok: framework {} {}, {} roles, {} competencies, {} statements\n",
        path.display(),
        framework.id,
        framework.version,
        framework.roles.len(),
        framework.competencies.len(),
        framework.statement_count()
    ))
}

pub fn render_text(framework: &Framework, lang: Lang) -> String {
    let s = lang.strings();
    let mut out = format!("{} {} {} {}\n", s.framework, framework.id, s.version, framework.version);
    for note in [&framework.source, &framework.translation].into_iter().flatten() {
        out += &format!("  {note}\n");
    }
    out += &format!("\n{}:\n", s.role);
    for role in &framework.roles {
        out += &format!("  {:<4} {}\n", role.code, role.name.get(lang));
    }
    for c in &framework.competencies {
        let targets: Vec<String> =
            framework.roles.iter().filter_map(|r| c.targets.get(&r.code).map(|t| format!("{}:{t}", r.code))).collect();
        out += &format!("\n{} {}  ({} {})\n", c.id, c.name.get(lang), s.target, targets.join(" "));
        for level in &c.levels {
            out += &format!("  {}\n", lang.level(level.level));
            for st in &level.statements {
                out += &format!("    {}  {}\n", st.id, st.text.get(lang));
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
    serde_json::to_string_pretty(&json).expect("framework serializes") + "\n"
}
