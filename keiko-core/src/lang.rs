//! The language keiko speaks: a leaf that every other module may use.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    /// `--lang`, else `KEIKO_LANG`, else the locale (`LC_ALL`, `LC_MESSAGES`,
    /// `LANG`, first one set): `ja*` gives Japanese, anything else English.
    pub fn detect(flag: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = flag {
            return lang;
        }
        if let Some(value) = env("KEIKO_LANG").filter(|v| !v.is_empty()) {
            return Lang::from_locale(&value);
        }
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|var| env(var).filter(|v| !v.is_empty()))
            .map_or(Lang::En, |v| Lang::from_locale(&v))
    }

    fn from_locale(value: &str) -> Lang {
        if value.to_ascii_lowercase().starts_with("ja") { Lang::Ja } else { Lang::En }
    }

    /// "レベル2" / "Level 2".
    pub fn level(self, n: u8) -> String {
        match self {
            Lang::Ja => format!("レベル{n}"),
            Lang::En => format!("Level {n}"),
        }
    }

    /// One of two texts, by language.
    pub fn pick<T>(self, ja: T, en: T) -> T {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.pick("ja", "en"))
    }
}
