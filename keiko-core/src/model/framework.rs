//! The competency framework: roles, competencies, levels and behaviour statements.
//! Loaded from TOML (the bundled file or `--framework PATH`) and validated.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use crate::lang::Lang;
use crate::os::files::{ReadFileError, read_regular_file};
use crate::text::line_col;

/// The framework compiled into the binary, so keiko runs with no files beside it.
pub const BUNDLED: &str = include_str!("../../../content/framework.toml");

/// Text in the UI's languages, by language tag: `{ ja = "…", en = "…" }`,
/// and any other language's tag beside them. A custom framework may lack
/// some; `get` then falls back to Japanese, English, then any.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Translations(BTreeMap<Lang, String>);

impl Translations {
    /// The text in `lang`, else Japanese, else English, else any (blank text counts as none).
    pub fn get(&self, lang: Lang) -> &str {
        let text = |lang: &Lang| self.0.get(lang).map(String::as_str).filter(|s| !s.trim().is_empty());
        [lang, Lang::JA, Lang::EN].iter().find_map(text).or_else(|| self.0.keys().find_map(text)).unwrap_or("")
    }

    /// The text in `lang` itself, if the file has it.
    pub fn text(&self, lang: Lang) -> Option<&str> {
        self.0.get(&lang).map(String::as_str)
    }

    /// Every language's text.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.0.values().map(String::as_str)
    }

    fn is_blank(&self) -> bool {
        self.get(Lang::JA).trim().is_empty()
    }
}

impl<'de> Deserialize<'de> for Translations {
    /// A table of texts by language tag; another key is an unknown field.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let texts = BTreeMap::<String, String>::deserialize(deserializer)?;
        let mut map = BTreeMap::new();
        for (key, text) in texts {
            let lang = Lang::new(&key).ok_or_else(|| {
                serde::de::Error::custom(format!("unknown field `{key}`, expected a language tag such as `ja` or `en`"))
            })?;
            map.insert(lang, text);
        }
        Ok(Translations(map))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub code: String,
    pub name: Translations,
}

/// Its text's keys are languages (`Translations`), so any other key is refused there.
#[derive(Debug, Clone, Deserialize)]
pub struct Statement {
    pub id: String,
    #[serde(flatten)]
    pub text: Translations,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub level: u8,
    #[serde(default)]
    pub statements: Vec<Statement>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Competency {
    pub id: String,
    pub name: Translations,
    /// Target level per role code.
    #[serde(default)]
    pub targets: BTreeMap<String, u8>,
    #[serde(default)]
    pub levels: Vec<Level>,
}

impl Competency {
    /// The level a role grade asks for; without a role, the whole competency.
    pub fn target(&self, role: Option<&str>) -> u8 {
        role.and_then(|r| self.targets.get(r).copied()).unwrap_or(self.top_level())
    }

    pub fn top_level(&self) -> u8 {
        self.levels.iter().map(|l| l.level).max().unwrap_or(0)
    }

    pub fn statements(&self) -> impl Iterator<Item = (&Level, &Statement)> {
        self.levels.iter().flat_map(|l| l.statements.iter().map(move |s| (l, s)))
    }

    pub fn statement_count(&self) -> usize {
        self.levels.iter().map(|l| l.statements.len()).sum()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub id: String,
    pub version: String,
    /// Where the framework's content comes from.
    #[serde(default)]
    pub source: Option<String>,
    /// A note on the translation, when one language is not the original.
    #[serde(default)]
    pub translation: Option<String>,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub competencies: Vec<Competency>,
    #[serde(skip)]
    index: HashMap<String, StatementRef>,
}

/// Where a statement sits: indexes into `competencies` and their `levels`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatementRef {
    pub competency: usize,
    pub level: usize,
    pub statement: usize,
}

/// The largest framework file keiko reads: parsing costs about as much
/// memory as a workbook's (see `store::MAX_WORKBOOK_BYTES`), and 2 MiB holds
/// some 10,000 statements (the bundled framework is 12 KB).
pub const MAX_FRAMEWORK_BYTES: u64 = 2 * 1024 * 1024;

/// Why a framework file could not be used. The words, in either language,
/// are `Localized::message` (in i18n).
#[derive(Debug, Clone, PartialEq)]
pub enum FrameworkError {
    /// The file could not be read.
    Io { path: String, cause: ReadFileError },
    /// TOML syntax or type error at a position (1-based line and column):
    /// the parser's own words, or `None` for text that is not UTF-8.
    Syntax { path: String, line: usize, col: usize, parser: Option<String> },
    /// The file parsed but breaks the framework's rules.
    Invalid { path: String, problems: Vec<Rule> },
}

/// A rule of the framework's shape that a file breaks, naming what breaks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    EmptyFrameworkId,
    NoRoles,
    InvalidRoleCode(String),
    DuplicateRoleCode(String),
    NoCompetencies,
    InvalidCompetencyId(String),
    DuplicateCompetencyId(String),
    EmptyCompetencyName(String),
    NoLevels(String),
    LevelOutOfOrder { competency: String, found: u8, expected: usize },
    EmptyLevel { competency: String, level: u8 },
    InvalidStatementId { competency: String, statement: String },
    DuplicateStatementId(String),
    EmptyStatement(String),
    UnknownRoleInTargets { competency: String, role: String },
    TargetOutsideLevels { competency: String, role: String, target: u8, top: u8 },
    MissingTarget { competency: String, role: String },
}

impl Framework {
    /// The framework compiled into keiko.
    pub fn bundled() -> Framework {
        Framework::parse(BUNDLED, "content/framework.toml").expect("the bundled framework is valid (checked by tests)")
    }

    /// Reads and validates a framework file: a regular file (not a FIFO or a
    /// device such as `/dev/zero`) of at most `MAX_FRAMEWORK_BYTES`.
    pub fn load(path: &Path) -> Result<Framework, FrameworkError> {
        let shown = path.display().to_string();
        let bytes = read_regular_file(path, MAX_FRAMEWORK_BYTES)
            .map_err(|cause| FrameworkError::Io { path: shown.clone(), cause })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let (line, col) = line_col(&String::from_utf8_lossy(e.as_bytes()), e.utf8_error().valid_up_to());
            FrameworkError::Syntax { path: shown.clone(), line, col, parser: None }
        })?;
        Framework::parse(&text, &shown)
    }

    /// Parses and validates framework TOML; `path` only names the source in errors.
    pub fn parse(text: &str, path: &str) -> Result<Framework, FrameworkError> {
        let mut framework: Framework = toml::from_str(text).map_err(|e| {
            let (line, col) = e.span().map(|span| line_col(text, span.start)).unwrap_or((1, 1));
            FrameworkError::Syntax { path: path.to_string(), line, col, parser: Some(e.message().trim().to_string()) }
        })?;
        let problems = framework.problems();
        if !problems.is_empty() {
            return Err(FrameworkError::Invalid { path: path.to_string(), problems });
        }
        framework.index = framework.build_index();
        Ok(framework)
    }

    /// Every rule the framework breaks, each naming the id.
    fn problems(&self) -> Vec<Rule> {
        let mut problems = Vec::new();
        if self.id.trim().is_empty() {
            problems.push(Rule::EmptyFrameworkId);
        }
        if self.roles.is_empty() {
            problems.push(Rule::NoRoles);
        }
        let mut role_codes = HashSet::new();
        for role in &self.roles {
            if !is_valid_id(&role.code) {
                problems.push(Rule::InvalidRoleCode(role.code.clone()));
            } else if !role_codes.insert(role.code.as_str()) {
                problems.push(Rule::DuplicateRoleCode(role.code.clone()));
            }
        }
        if self.competencies.is_empty() {
            problems.push(Rule::NoCompetencies);
        }
        let mut competency_ids = HashSet::new();
        let mut statement_ids = HashSet::new();
        for c in &self.competencies {
            let id = &c.id;
            if !is_valid_id(id) {
                problems.push(Rule::InvalidCompetencyId(id.clone()));
            } else if !competency_ids.insert(id.as_str()) {
                problems.push(Rule::DuplicateCompetencyId(id.clone()));
            }
            if c.name.is_blank() {
                problems.push(Rule::EmptyCompetencyName(id.clone()));
            }
            if c.levels.is_empty() {
                problems.push(Rule::NoLevels(id.clone()));
            }
            for (i, level) in c.levels.iter().enumerate() {
                let expected = i + 1;
                if usize::from(level.level) != expected {
                    problems.push(Rule::LevelOutOfOrder { competency: id.clone(), found: level.level, expected });
                }
                if level.statements.is_empty() {
                    problems.push(Rule::EmptyLevel { competency: id.clone(), level: level.level });
                }
                for s in &level.statements {
                    if !is_valid_id(&s.id) {
                        problems.push(Rule::InvalidStatementId { competency: id.clone(), statement: s.id.clone() });
                    } else if !statement_ids.insert(s.id.as_str()) {
                        problems.push(Rule::DuplicateStatementId(s.id.clone()));
                    }
                    if s.text.is_blank() {
                        problems.push(Rule::EmptyStatement(s.id.clone()));
                    }
                }
            }
            let top = c.top_level();
            for (role, &target) in &c.targets {
                if !role_codes.contains(role.as_str()) {
                    problems.push(Rule::UnknownRoleInTargets { competency: id.clone(), role: role.clone() });
                } else if target == 0 || target > top {
                    problems.push(Rule::TargetOutsideLevels {
                        competency: id.clone(),
                        role: role.clone(),
                        target,
                        top,
                    });
                }
            }
            for role in &self.roles {
                if !c.targets.contains_key(&role.code) {
                    problems.push(Rule::MissingTarget { competency: id.clone(), role: role.code.clone() });
                }
            }
        }
        problems
    }

    fn build_index(&self) -> HashMap<String, StatementRef> {
        let mut index = HashMap::new();
        for (ci, c) in self.competencies.iter().enumerate() {
            for (li, l) in c.levels.iter().enumerate() {
                for (si, s) in l.statements.iter().enumerate() {
                    index.insert(s.id.clone(), StatementRef { competency: ci, level: li, statement: si });
                }
            }
        }
        index
    }

    pub fn locate(&self, statement_id: &str) -> Option<StatementRef> {
        self.index.get(statement_id).copied()
    }

    pub fn statement(&self, at: StatementRef) -> &Statement {
        &self.competencies[at.competency].levels[at.level].statements[at.statement]
    }

    pub fn competency(&self, id: &str) -> Option<&Competency> {
        self.competencies.iter().find(|c| c.id == id)
    }

    pub fn role(&self, code: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.code == code)
    }

    /// Finds a role by code, ignoring case (`op` → `OP`).
    pub fn find_role(&self, code: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.code.eq_ignore_ascii_case(code.trim()))
    }

    pub fn role_codes(&self) -> String {
        let codes: Vec<&str> = self.roles.iter().map(|r| r.code.as_str()).collect();
        codes.join(", ")
    }

    pub fn statement_count(&self) -> usize {
        self.competencies.iter().map(|c| c.statement_count()).sum()
    }
}

/// A generated framework of `competencies` × 4 levels × `per_level`
/// statements, for tests and benchmarks at scale. Ids follow the bundled
/// scheme (`G-1.2.3`); every role targets level 2.
pub fn synthetic_toml(competencies: usize, per_level: usize) -> String {
    let mut out = String::from("id = \"synthetic\"\nversion = \"1\"\n");
    for code in ["OP", "SV", "OMP", "CAP"] {
        out += &format!("[[roles]]\ncode = \"{code}\"\nname = {{ ja = \"{code}\", en = \"{code}\" }}\n");
    }
    for c in 1..=competencies {
        out += &format!(
            "[[competencies]]\nid = \"G-{c}\"\nname = {{ ja = \"能力{c}\", en = \"Competency {c}\" }}\n\
             targets = {{ OP = 2, SV = 2, OMP = 2, CAP = 2 }}\n"
        );
        for level in 1..=4 {
            out += &format!("[[competencies.levels]]\nlevel = {level}\n");
            for n in 1..=per_level {
                out += &format!(
                    "[[competencies.levels.statements]]\nid = \"G-{c}.{level}.{n}\"\n\
                     ja = \"顧客からの不満内容について分析し、報告できる（{c}-{level}-{n}）\"\n\
                     en = \"Can analyse and report on customer dissatisfaction ({c}-{level}-{n}).\"\n"
                );
            }
        }
    }
    out
}

/// Ids are used as TOML keys and shown on screen: printable, no spaces.
fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| !c.is_whitespace() && !c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Framework, FrameworkError> {
        Framework::parse(text, "f.toml")
    }

    const SMALL: &str = r#"
id = "t"
version = "1"
[[roles]]
code = "OP"
name = { ja = "オペレーター", en = "Operator" }
[[competencies]]
id = "C-1"
name = { ja = "一", en = "One" }
targets = { OP = 1 }
[[competencies.levels]]
level = 1
[[competencies.levels.statements]]
id = "C-1.1.1"
ja = "できる"
"#;

    #[test]
    fn a_small_framework_parses_and_indexes_its_statements() {
        let f = parse(SMALL).unwrap();
        let at = f.locate("C-1.1.1").unwrap();
        assert_eq!(f.statement(at).text.get(Lang::JA), "できる");
        // No English: the Japanese is shown instead of nothing.
        assert_eq!(f.statement(at).text.get(Lang::EN), "できる");
        assert!(f.locate("C-1.1.2").is_none());
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let err = parse("id = \"t\"\nversion = \n").unwrap_err();
        match err {
            FrameworkError::Syntax { line, col, .. } => assert_eq!((line, col), (2, 11)),
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn type_errors_carry_line_and_column() {
        let text = SMALL.replace("level = 1", "level = \"one\"");
        let err = parse(&text).unwrap_err();
        let FrameworkError::Syntax { line, parser: Some(words), .. } = err else {
            panic!("expected a positioned error");
        };
        assert_eq!(line, 12);
        assert!(words.contains("expected u8"), "{words}");
    }

    #[test]
    fn semantic_errors_each_name_the_id() {
        let text = SMALL
            .replace("targets = { OP = 1 }", "targets = { OP = 3, XX = 1 }")
            .replace("ja = \"できる\"", "ja = \"  \"")
            + r#"
[[competencies]]
id = "C-1"
name = { ja = "二" }
targets = { OP = 1 }
"#;
        let FrameworkError::Invalid { problems, .. } = parse(&text).unwrap_err() else {
            panic!("expected semantic errors");
        };
        let has = |rule: Rule| assert!(problems.contains(&rule), "{rule:?} in {problems:?}");
        has(Rule::TargetOutsideLevels { competency: "C-1".into(), role: "OP".into(), target: 3, top: 1 });
        has(Rule::EmptyStatement("C-1.1.1".into()));
        has(Rule::UnknownRoleInTargets { competency: "C-1".into(), role: "XX".into() });
        has(Rule::DuplicateCompetencyId("C-1".into()));
        has(Rule::NoLevels("C-1".into()));
    }

    #[test]
    fn duplicate_statement_ids_are_reported() {
        let text = SMALL.to_string()
            + r#"
[[competencies.levels.statements]]
id = "C-1.1.1"
ja = "もう一度"
"#;
        let FrameworkError::Invalid { path, problems } = parse(&text).unwrap_err() else { panic!("invalid") };
        assert_eq!((path.as_str(), &problems[..]), ("f.toml", &[Rule::DuplicateStatementId("C-1.1.1".into())][..]));
    }

    #[test]
    fn a_synthetic_framework_is_valid() {
        let f = parse(&synthetic_toml(3, 5)).unwrap();
        assert_eq!(f.statement_count(), 60);
        assert!(f.locate("G-3.4.5").is_some());
    }

    #[test]
    fn target_of_a_role_and_without_a_role() {
        let f = parse(SMALL).unwrap();
        let c = &f.competencies[0];
        assert_eq!(c.target(Some("OP")), 1);
        assert_eq!(c.target(None), 1);
        assert_eq!(f.find_role("op").unwrap().code, "OP");
    }
}
