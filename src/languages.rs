//! The languages keiko has words for: every `i18n/TAG/keiko.ftl`, found and
//! embedded by build.rs (Japanese first, then English, then the rest by
//! tag), and which one to speak: `--lang`, `KEIKO_LANG`, the config file or
//! the locale. The words themselves are `i18n`'s.

use keiko_core::lang::Lang;

include!(concat!(env!("OUT_DIR"), "/languages.rs"));

/// Every language's tag and Fluent file, as embedded.
pub fn files() -> &'static [(&'static str, &'static str)] {
    FILES
}

/// The languages keiko speaks, Japanese first, then English, then the rest by tag.
pub fn available() -> impl Iterator<Item = Lang> {
    FILES.iter().filter_map(|(tag, _)| Lang::new(tag))
}

/// Their tags, for `--lang`'s possible values.
pub fn tags() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|(tag, _)| *tag)
}

/// The language of a tag keiko speaks (`ja`, `EN`, `pt_br`); `None` for any other.
pub fn find(tag: &str) -> Option<Lang> {
    let tag = tag.replace('_', "-");
    available().find(|lang| lang.as_str().eq_ignore_ascii_case(&tag))
}

/// The languages as a list for messages: `"ja", "en"`.
pub fn listed() -> String {
    tags().map(|tag| format!("{tag:?}")).collect::<Vec<_>>().join(", ")
}

/// `--lang`, else `KEIKO_LANG`, else the locale (`LC_ALL`, `LC_MESSAGES`,
/// `LANG`, first one set): a language keiko speaks (`pt_BR.UTF-8` is
/// `pt-BR`, else `pt`; `ja*` is Japanese), else English.
pub fn detect(flag: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> Lang {
    if let Some(lang) = flag {
        return lang;
    }
    if let Some(value) = env("KEIKO_LANG").filter(|v| !v.is_empty()) {
        return from_locale(&value);
    }
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|var| env(var).filter(|v| !v.is_empty()))
        .map_or(Lang::EN, |v| from_locale(&v))
}

fn from_locale(value: &str) -> Lang {
    // `ll_CC.charset@modifier`: the tag, then its first part.
    let tag = value.split(['.', '@']).next().unwrap_or_default();
    let primary = tag.split(['_', '-']).next().unwrap_or_default();
    let lower = value.to_ascii_lowercase();
    find(tag)
        .or_else(|| find(primary))
        // `japanese`, as some systems spell it.
        .or_else(|| available().find(|lang| lower.starts_with(&lang.as_str().to_ascii_lowercase())))
        .unwrap_or(Lang::EN)
}
