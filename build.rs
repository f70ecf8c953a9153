//! The languages keiko speaks are data: every `i18n/TAG/keiko.ftl` found
//! here is embedded in the binary (nothing is read beside it at run time),
//! Japanese first, then English, then the rest by tag. Adding a language is
//! dropping in a file and rebuilding; no Rust changes.
//!
//! From the Japanese file this also writes one Rust type per message
//! (`msg::TooSmall { w, h }` for `too-small`), so a message id or an
//! argument the file does not have fails to compile. `tests/i18n.rs` checks
//! that every language has the same messages with the same arguments.
//!
//! With the `testing` feature (the tests'), a pseudo-language `xx` made
//! from the English file is found the same way, as if dropped in: it proves
//! a third language needs no Rust.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

use fluent_syntax::ast;

const FILE: &str = "keiko.ftl";

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    // A directory: cargo looks at everything under it, so a new language is seen.
    println!("cargo::rerun-if-changed=i18n");

    let mut languages = find(&root.join("i18n"));
    if env::var_os("CARGO_FEATURE_TESTING").is_some() {
        let en = languages.iter().find(|(tag, _)| tag == "en").map(|(_, path)| path.clone());
        let en = en.unwrap_or_else(|| fail("i18n/en/keiko.ftl is missing"));
        let pseudo = out.join("pseudo");
        let dir = pseudo.join("xx");
        fs::create_dir_all(&dir).unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())));
        fs::write(dir.join(FILE), pseudo_localize(&read(&en)))
            .unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())));
        languages.extend(find(&pseudo));
    }
    // Japanese first, then English, then the others by tag.
    languages.sort_by_key(|(tag, _)| (tag != "ja", tag != "en", tag.clone()));
    if languages.first().is_none_or(|(tag, _)| tag != "ja") {
        fail("i18n/ja/keiko.ftl is missing: Japanese is keiko's first language");
    }

    let mut files = String::from("// Written by build.rs from i18n/*/keiko.ftl: do not edit.\n\n");
    files += "/// Every language's tag and messages, Japanese first.\nstatic FILES: &[(&str, &str)] = &[\n";
    for (tag, path) in &languages {
        let text = read(path);
        check_syntax(path, &text);
        writeln!(files, "    ({tag:?}, include_str!({:?})),", path.display().to_string()).unwrap();
    }
    files += "];\n";
    fs::write(out.join("languages.rs"), files).unwrap_or_else(|e| fail(&format!("{}: {e}", out.display())));
    let code = String::from("// Written by build.rs from i18n/ja/keiko.ftl: do not edit.\n\n")
        + &message_types(&read(&languages[0].1));
    fs::write(out.join("words.rs"), code).unwrap_or_else(|e| fail(&format!("{}: {e}", out.display())));
}

fn fail(why: &str) -> ! {
    panic!("keiko's languages: {why}")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())))
}

/// `(tag, path)` for every `DIR/TAG/keiko.ftl`.
fn find(dir: &Path) -> Vec<(String, PathBuf)> {
    let entries = fs::read_dir(dir).unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())));
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())));
        let path = entry.path().join(FILE);
        if !path.is_file() {
            continue;
        }
        let tag = entry.file_name().into_string().unwrap_or_else(|_| fail("a folder name that is not UTF-8"));
        // The rule of `Lang::new` (src/lang.rs): a language tag such as `ja`, `en` or `pt-BR`.
        let mut parts = tag.split('-');
        let language = parts.next().unwrap_or_default();
        let valid = tag.len() <= 15
            && (2..=3).contains(&language.len())
            && language.chars().all(|c| c.is_ascii_alphabetic())
            && parts.all(|part| (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric()));
        if !valid {
            fail(&format!("{}: the folder's name is not a language tag (such as ja, en or pt-BR)", path.display()));
        }
        found.push((tag, path));
    }
    found
}

/// A file that does not parse fails the build, naming the line.
fn check_syntax(path: &Path, text: &str) {
    let junk = match fluent_syntax::parser::parse(text) {
        Ok(_) => return,
        Err((_, errors)) => errors,
    };
    let lines: Vec<String> = junk
        .iter()
        .map(|e| {
            let line = text[..e.pos.start.min(text.len())].matches('\n').count() + 1;
            format!("{}:{line}: {:?}", path.display(), e.kind)
        })
        .collect();
    fail(&format!("the file does not parse:\n{}", lines.join("\n")));
}

/// One type per message of the first language's file, with a field per argument.
fn message_types(text: &str) -> String {
    let resource = fluent_syntax::parser::parse(text).unwrap_or_else(|_| fail("the Japanese file does not parse"));
    let mut code = String::from(
        "/// One type per message; its fields are the message's arguments.\n\
         pub mod msg {\n    use super::{Arg, Lang, Message};\n\n",
    );
    let mut index = String::from("/// Every message id and its arguments, as the Japanese file has them.\n");
    index += "pub(crate) static MESSAGES: &[(&str, &[&str])] = &[\n";
    let mut ids = BTreeSet::new();
    for entry in &resource.body {
        let ast::Entry::Message(message) = entry else { continue };
        let id = message.id.name;
        if !ids.insert(id) {
            fail(&format!("i18n/ja/keiko.ftl: the message {id} is there twice"));
        }
        let Some(pattern) = &message.value else {
            fail(&format!("i18n/ja/keiko.ftl: the message {id} has no text"));
        };
        let mut vars = BTreeSet::new();
        variables(pattern, &mut vars);
        for var in &vars {
            if !var.starts_with(|c: char| c.is_ascii_lowercase())
                || !var.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                || ["as", "box", "fn", "for", "if", "in", "let", "loop", "match", "move", "ref", "type", "use"]
                    .contains(var)
            {
                fail(&format!("i18n/ja/keiko.ftl: {id}: name the argument ${var} in lower_snake_case"));
            }
        }
        let name: String = id
            .split('-')
            .map(|word| {
                let mut chars = word.chars();
                chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
            })
            .collect();
        let shown = fluent_syntax::serializer::serialize(&ast::Resource {
            body: vec![ast::Entry::Message(ast::Message { comment: None, ..message.clone() })],
        });
        for line in shown.trim_end().lines() {
            writeln!(code, "    /// {}", line.replace('\t', " ")).unwrap();
        }
        let list = vars.iter().map(|v| format!("{v:?}")).collect::<Vec<_>>().join(", ");
        writeln!(index, "    ({id:?}, &[{list}]),").unwrap();
        if vars.is_empty() {
            writeln!(code, "    pub struct {name};\n").unwrap();
            writeln!(code, "    impl Message for {name} {{\n        type Out = &'static str;").unwrap();
            writeln!(
                code,
                "        fn format(self, lang: Lang) -> &'static str {{\n            super::plain(lang, {id:?})"
            )
            .unwrap();
            code += "        }\n    }\n\n";
            continue;
        }
        let params: Vec<String> = (0..vars.len()).map(|i| format!("A{i}")).collect();
        let fields: Vec<String> = vars.iter().zip(&params).map(|(v, p)| format!("pub {v}: {p}")).collect();
        writeln!(code, "    pub struct {name}<{}> {{ {} }}\n", params.join(", "), fields.join(", ")).unwrap();
        let bounds: Vec<String> = params.iter().map(|p| format!("{p}: Arg")).collect();
        writeln!(code, "    impl<{}> Message for {name}<{}> {{", bounds.join(", "), params.join(", ")).unwrap();
        code += "        type Out = String;\n        fn format(self, lang: Lang) -> String {\n";
        writeln!(code, "            let mut args = fluent_bundle::FluentArgs::with_capacity({});", vars.len()).unwrap();
        for var in &vars {
            writeln!(code, "            args.set({var:?}, self.{var}.value());").unwrap();
        }
        writeln!(code, "            super::format(lang, {id:?}, &args)\n        }}\n    }}\n").unwrap();
    }
    code += "}\n\n";
    code + &index + "];\n"
}

/// The arguments (`$name`) a pattern uses, in its text and in its selectors and variants.
fn variables<'s>(pattern: &ast::Pattern<&'s str>, vars: &mut BTreeSet<&'s str>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, vars);
        }
    }
}

fn expression_variables<'s>(expression: &ast::Expression<&'s str>, vars: &mut BTreeSet<&'s str>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, vars);
            for variant in variants {
                variables(&variant.value, vars);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, vars),
    }
}

fn inline_variables<'s>(inline: &ast::InlineExpression<&'s str>, vars: &mut BTreeSet<&'s str>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name);
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, vars);
            }
            for named in &arguments.named {
                inline_variables(&named.value, vars);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, vars),
        _ => {}
    }
}

/// The pseudo-language: the English file with every letter of its text
/// accented and each message in «guillemets», its syntax (ids, arguments,
/// plural variants) untouched.
fn pseudo_localize(english: &str) -> String {
    let mut resource =
        fluent_syntax::parser::parse(english.to_string()).unwrap_or_else(|_| fail("i18n/en/keiko.ftl does not parse"));
    for entry in &mut resource.body {
        if let ast::Entry::Message(ast::Message { value: Some(pattern), .. }) = entry {
            accent(pattern);
            pattern.elements.insert(0, ast::PatternElement::TextElement { value: "«".to_string() });
            pattern.elements.push(ast::PatternElement::TextElement { value: "»".to_string() });
        }
    }
    fluent_syntax::serializer::serialize(&resource)
}

fn accent(pattern: &mut ast::Pattern<String>) {
    for element in &mut pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => *value = value.chars().map(accented).collect(),
            ast::PatternElement::Placeable { expression: ast::Expression::Select { variants, .. } } => {
                variants.iter_mut().for_each(|variant| accent(&mut variant.value))
            }
            ast::PatternElement::Placeable { .. } => {}
        }
    }
}

fn accented(c: char) -> char {
    const PLAIN: &str = "aceinouyACEINOUY";
    const MARKED: &str = "áçéîñöûýÁÇÉÎÑÖÛÝ";
    PLAIN.chars().position(|p| p == c).and_then(|i| MARKED.chars().nth(i)).unwrap_or(c)
}
