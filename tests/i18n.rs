//! The words are data (`i18n/TAG/keiko.ftl`): every language has every
//! message, with the same arguments, and each formats without an error, a
//! missing argument or a bidi mark; counts follow CLDR's plural rules; and a
//! third language needs no Rust: the pseudo-language `xx` that build.rs makes
//! from the English file (with the tests' `testing` feature) is found like
//! any file dropped into `i18n/`, chosen by `--lang`, `KEIKO_LANG`, the
//! locale or the config file, and shows keiko's screens and messages.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::{FluentArgs, FluentValue};
use fluent_syntax::ast;
use keiko::i18n::{Lang, Words, msg};

fn xx() -> Lang {
    keiko::i18n::find("xx").expect("the pseudo-language xx is there with the testing feature")
}

/// Every message of a file and the arguments it takes.
fn messages_of(tag: &str, text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = fluent_syntax::parser::parse(text)
        .unwrap_or_else(|(_, errors)| panic!("i18n/{tag}/keiko.ftl does not parse: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        if let ast::Entry::Message(message) = entry {
            let pattern = message.value.as_ref().unwrap_or_else(|| panic!("{tag}: {} has no text", message.id.name));
            let mut vars = BTreeSet::new();
            pattern_vars(pattern, &mut vars);
            assert!(out.insert(message.id.name.to_string(), vars).is_none(), "{tag}: {} twice", message.id.name);
        }
    }
    out
}

fn pattern_vars(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(expression: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            variants.iter().for_each(|v| pattern_vars(&v.value, vars));
        }
        ast::Expression::Inline(inline) => inline_vars(inline, vars),
    }
}

fn inline_vars(inline: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            arguments.positional.iter().for_each(|a| inline_vars(a, vars));
            arguments.named.iter().for_each(|a| inline_vars(&a.value, vars));
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

#[test]
fn japanese_comes_first_then_english() {
    let tags: Vec<&str> = keiko::i18n::tags().collect();
    assert_eq!(&tags[..2], ["ja", "en"]);
    assert_eq!(keiko::i18n::available().take(2).collect::<Vec<_>>(), [Lang::JA, Lang::EN]);
}

/// The same message ids and the same argument names in every language
/// (`ja` and `en` above all), and the types of `msg` are the Japanese file's.
#[test]
fn every_language_has_the_same_messages_and_arguments() {
    let files = keiko::i18n::files();
    let (_, ja_text) = files.iter().find(|(tag, _)| *tag == "ja").unwrap();
    let ja = messages_of("ja", ja_text);
    let typed: BTreeMap<String, BTreeSet<String>> = keiko::i18n::messages()
        .iter()
        .map(|(id, args)| (id.to_string(), args.iter().map(|a| a.to_string()).collect()))
        .collect();
    assert_eq!(ja, typed, "the msg types are not the Japanese file's");
    assert!(files.iter().any(|(tag, _)| *tag == "en"));
    let mut problems = Vec::new();
    for (tag, text) in files {
        let other = messages_of(tag, text);
        for (id, vars) in &ja {
            match other.get(id) {
                None => problems.push(format!("{tag}: {id} is missing")),
                Some(v) if v != vars => problems.push(format!("{tag}: {id} takes {v:?}, ja takes {vars:?}")),
                Some(_) => {}
            }
        }
        for id in other.keys().filter(|id| !ja.contains_key(*id)) {
            problems.push(format!("{tag}: {id} is not in ja"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every message of every language, with every argument it takes as a
/// number (0, 1, 2, 5: each plural form) and as text: no Fluent error, no
/// empty text, and no U+2068/U+2069 (bidi isolation is off).
#[test]
fn every_message_of_every_language_formats_with_its_arguments() {
    let values: [FluentValue; 5] = [0.into(), 1.into(), 2.into(), 5.into(), "x".into()];
    let mut count = BTreeMap::new();
    for lang in keiko::i18n::available() {
        for (id, names) in keiko::i18n::messages() {
            for value in &values {
                let mut args = FluentArgs::new();
                for name in *names {
                    args.set(*name, value.clone());
                }
                let text = keiko::i18n::try_format(lang, id, &args).unwrap_or_else(|e| panic!("{e}"));
                assert!(!text.trim().is_empty(), "{lang} {id}: empty");
                assert!(!text.contains(['\u{2068}', '\u{2069}']), "{lang} {id}: a bidi isolation mark: {text:?}");
                if names.is_empty() {
                    break;
                }
            }
            *count.entry(lang.to_string()).or_insert(0) += 1;
        }
        // A message it does not have is an error, not a blank.
        assert!(keiko::i18n::try_format(lang, "no-such-message", &FluentArgs::new()).is_err());
    }
    let ja = count["ja"];
    assert!(ja > 400, "{count:?}");
    assert!(count.values().all(|&n| n == ja), "{count:?}");
}

#[test]
fn english_counts_follow_cldr_plural_rules() {
    let en = Lang::EN;
    assert_eq!(en.t(msg::LearnersCount { shown: "1", total: 1 }), "1 learner");
    assert_eq!(en.t(msg::LearnersCount { shown: "2", total: 2 }), "2 learners");
    assert_eq!(en.t(msg::LearnersCount { shown: "0", total: 0 }), "0 learners");
    assert_eq!(en.t(msg::HistoryCount { n: 1 }), "1 change");
    assert_eq!(en.t(msg::HistoryCount { n: 12 }), "12 changes");
    assert_eq!(en.t(msg::SkippedFiles { n: 1 }), "1 other file (not .toml) was skipped.");
    assert_eq!(
        en.t(msg::TeamExportSummary { learners: 1, at_target: 0, waiting: 1 }),
        "1 learner, 0 at target, 1 review waiting"
    );
    assert_eq!(en.t(msg::Seconds { n: 1 }), "1 second");
    assert_eq!(en.t(msg::Seconds { n: 5 }), "5 seconds");
    // Japanese has one form.
    assert_eq!(Lang::JA.t(msg::LearnersCount { shown: "1", total: 1 }), "1 人");
    assert_eq!(Lang::JA.t(msg::HistoryCount { n: 1 }), "1 件");
}

/// A message's arguments are Fluent variables; a number is shown as its
/// digits, without grouping, however large.
#[test]
fn arguments_are_shown_as_given() {
    let path = "/t/\u{202e}w.toml";
    assert_eq!(Lang::EN.t(msg::ExportWritten { path }), format!("wrote {path}"));
    assert_eq!(Lang::EN.t(msg::TooSmall { w: 60, h: 16 }), "The terminal is too small. Make it at least 60x16.");
    assert_eq!(Lang::EN.t(msg::UnreadTooLarge { size: 123_456_789_u64 }), "123456789 bytes, over the limit");
    assert_eq!(Lang::EN.t(msg::UnreadTooLarge { size: u64::MAX }), "18446744073709551615 bytes, over the limit");
}

fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |key| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string())
}

/// The locale's language if keiko speaks it, Japanese for `ja*`, else English.
#[test]
fn the_locale_chooses_any_language_keiko_speaks() {
    use keiko::i18n::detect;
    assert_eq!(detect(None, env_of(&[("LANG", "xx_YY.UTF-8")])), xx());
    assert_eq!(detect(None, env_of(&[("LC_ALL", "xx")])), xx());
    assert_eq!(detect(None, env_of(&[("KEIKO_LANG", "xx"), ("LANG", "ja_JP.UTF-8")])), xx());
    assert_eq!(detect(None, env_of(&[("LANG", "ja_JP.UTF-8")])), Lang::JA);
    assert_eq!(detect(None, env_of(&[("LANG", "japanese")])), Lang::JA);
    assert_eq!(detect(None, env_of(&[("LANG", "fr_FR.UTF-8")])), Lang::EN);
    assert_eq!(detect(None, env_of(&[("LANG", "C")])), Lang::EN);
    assert_eq!(detect(Some(xx()), env_of(&[("LANG", "ja_JP.UTF-8")])), xx());
    assert_eq!(keiko::i18n::find("XX"), Some(xx()));
    assert_eq!(keiko::i18n::find("fr"), None);
}

#[test]
fn the_config_file_accepts_any_language_keiko_speaks() {
    let path = std::path::Path::new("config.toml");
    assert_eq!(keiko::config::parse("lang = \"xx\"\n", path).unwrap().lang, Some(xx()));
    assert_eq!(keiko::config::parse("lang = \"ja\"\n", path).unwrap().lang, Some(Lang::JA));
    let errors = keiko::config::parse("lang = \"fr\"\n", path).unwrap_err();
    let words = keiko::i18n::Localized::message(&errors[0], Lang::EN);
    assert_eq!(words, format!("config.toml:1:8: lang is one of {}", keiko::i18n::listed()));
    assert!(words.contains("\"ja\", \"en\", \"xx\""), "{words}");
}

/// The bundled framework with an `xx` text beside every `en` one, as a
/// translator would add it.
fn framework_with_xx() -> keiko_core::model::framework::Framework {
    let inline = regex_lite_replace(keiko_core::model::framework::BUNDLED);
    keiko_core::model::framework::Framework::parse(&inline, "framework-xx.toml").unwrap()
}

/// `en = "T" }` → `en = "T", xx = "«T»" }`; a line `en = "T"` gains `xx = "«T»"` below.
fn regex_lite_replace(toml: &str) -> String {
    let mut out = String::new();
    for line in toml.lines() {
        if let Some(text) = line.strip_prefix("en = \"").and_then(|rest| rest.strip_suffix('"')) {
            out += &format!("{line}\nxx = \"«{text}»\"\n");
        } else if let Some(at) = line.find(", en = \"") {
            let rest = &line[at + 8..];
            let end = rest.find('"').unwrap();
            let text = &rest[..end];
            out += &format!("{}, en = \"{text}\", xx = \"«{text}»\"{}\n", &line[..at], &rest[end + 1..]);
        } else {
            out += line;
            out.push('\n');
        }
    }
    out
}

#[test]
fn framework_text_falls_back_from_the_language_to_japanese_english_then_any() {
    let framework = framework_with_xx();
    let statement = framework.statement(framework.locate("SM-5.1.1").unwrap());
    assert_eq!(statement.text.get(xx()), "«Understands in what situations customers defect.»");
    assert_eq!(statement.text.get(Lang::EN), "Understands in what situations customers defect.");
    let only = keiko_core::model::framework::Framework::parse(
        &keiko_core::model::framework::BUNDLED
            .replace("ja = \"顧客の離反はどのような時に発生するか理解している\"\n", ""),
        "f.toml",
    )
    .unwrap();
    let statement = only.statement(only.locate("SM-5.1.1").unwrap());
    assert_eq!(statement.text.get(Lang::JA), "Understands in what situations customers defect.");
    let role = &framework.roles[0];
    assert_eq!(role.name.get(Lang::new("pt").unwrap()), "オペレーター");
    let any = keiko_core::model::framework::Framework::parse(
        &keiko_core::model::framework::BUNDLED
            .replace(r#"name = { ja = "オペレーター", en = "Operator" }"#, r#"name = { xx = "Öp" }"#),
        "f.toml",
    )
    .unwrap();
    assert_eq!(any.roles[0].name.get(Lang::EN), "Öp");
}

/// keiko's screens in the third language: its words and the framework's.
#[test]
fn the_screens_speak_a_third_language() {
    let lang = xx();
    let framework = framework_with_xx();
    let dir = tempfile::tempdir().unwrap();
    // A new workbook: the welcome screen.
    let store = keiko_core::store::Store::new(dir.path().join("new.toml"), &framework);
    let workbook = keiko_core::model::workbook::Workbook::new(&framework);
    let mut app =
        keiko::tui::app::App::learner(common::ui(lang, false), framework.clone(), store, workbook, "a".into());
    app.update(keiko::tui::app::Msg::Resize(100, 30));
    let welcome = common::render(&app, 100, 30);
    assert!(welcome.contains(lang.t(msg::WelcomeTitle)), "{welcome}");
    assert!(!welcome.contains(Lang::EN.t(msg::WelcomeTitle)), "{welcome}");
    // A learner with a role: the overview, its words and the framework's.
    let store = keiko_core::store::Store::new(dir.path().join("w.toml"), &framework);
    let profile = keiko_core::model::workbook::Change::Profile { name: Some("A".into()), role: Some("OP".into()) };
    store.apply(&profile, &common::stamp("op-a"), false).unwrap();
    let workbook = store.read().unwrap().unwrap();
    let mut app =
        keiko::tui::app::App::learner(common::ui(lang, false), framework.clone(), store, workbook, "a".into());
    app.update(keiko::tui::app::Msg::Resize(100, 30));
    let overview = common::render(&app, 100, 30);
    assert!(overview.contains(lang.t(msg::ProgressToTarget)), "{overview}");
    let name: String = framework.competencies[0].name.get(lang).chars().take(8).collect();
    assert!(name.starts_with('«') && overview.contains(&name), "{name}\n{overview}");
    assert!(!overview.contains(Lang::EN.t(msg::ProgressToTarget)), "{overview}");
    // The help screen: every action's words.
    common::type_keys(&mut app, "?");
    let help = common::render(&app, 100, 30);
    assert!(
        help.contains(lang.t(msg::HelpTitle)) && help.contains(lang.action_help(keiko::tui::action::Action::Quit)),
        "{help}"
    );
}

/// `--lang xx` from the command line; an unknown language is refused with the list.
#[test]
fn the_command_line_takes_any_language_and_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("w.toml");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_keiko"))
            .args(args)
            .env("KEIKO_FILE", &file)
            .env_remove("KEIKO_LANG")
            .env("XDG_CONFIG_HOME", dir.path())
            .output()
            .unwrap()
    };
    let out = run(&["--lang", "xx", "status"]);
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(text.contains(xx().t(msg::AppTitle)), "{text}");
    let out = run(&["--lang", "fr", "status"]);
    assert!(!out.status.success());
    let error = String::from_utf8_lossy(&out.stderr);
    assert!(error.contains("'fr'") && error.contains("[possible values: ja, en, xx]"), "{error}");
    let help = String::from_utf8_lossy(&run(&["--help"]).stdout).to_string();
    assert!(help.contains("[possible values: ja, en, xx]"), "{help}");
}
