//! Every UI string, in Japanese and English. Framework text (competencies,
//! statements) comes from the framework file, not from here.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
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
        if value.to_ascii_lowercase().starts_with("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Ja => &JA,
            Lang::En => &EN,
        }
    }

    /// "レベル2" / "Level 2".
    pub fn level(self, n: u8) -> String {
        match self {
            Lang::Ja => format!("レベル{n}"),
            Lang::En => format!("Level {n}"),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        })
    }
}

/// One field per string; a string missing in one language fails to compile.
pub struct Strings {
    pub app_title: &'static str,
    pub app_subtitle: &'static str,
    pub no_name: &'static str,
    pub no_role: &'static str,
    pub role: &'static str,
    pub name: &'static str,
    pub framework: &'static str,
    pub version: &'static str,
    pub progress_to_target: &'static str,
    pub above_target: &'static str,
    pub target: &'static str,
    pub achieved: &'static str,
    pub competency: &'static str,
    pub level: &'static str,
    pub statement: &'static str,
    pub checked: &'static str,
    pub date: &'static str,
    pub note: &'static str,
    pub reflection: &'static str,
    pub comments: &'static str,
    pub coaching_sheet: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub warning: &'static str,
    pub unknown_ids: &'static str,
    pub signed_off: &'static str,
    pub returned: &'static str,
    pub review_requested: &'static str,
    pub stale: &'static str,
}

pub static JA: Strings = Strings {
    app_title: "稽古 keiko",
    app_subtitle: "コンピテンシー・ワークブック",
    no_name: "(名前未設定)",
    no_role: "(役割未設定)",
    role: "役割",
    name: "名前",
    framework: "フレームワーク",
    version: "版",
    progress_to_target: "目標まで",
    above_target: "目標以上",
    target: "目標",
    achieved: "達成",
    competency: "コンピテンシー",
    level: "レベル",
    statement: "行動",
    checked: "確認",
    date: "日付",
    note: "メモ",
    reflection: "振り返り",
    comments: "コーチのコメント",
    coaching_sheet: "コーチングシート",
    yes: "はい",
    no: "いいえ",
    warning: "注意",
    unknown_ids: "このフレームワークにない項目がワークブックにあります(ファイルにはそのまま残します)",
    signed_off: "承認済み",
    returned: "差し戻し",
    review_requested: "レビュー依頼中",
    stale: "要再確認",
};

pub static EN: Strings = Strings {
    app_title: "keiko 稽古",
    app_subtitle: "Competency workbook",
    no_name: "(no name yet)",
    no_role: "(no role yet)",
    role: "Role",
    name: "Name",
    framework: "Framework",
    version: "version",
    progress_to_target: "To target",
    above_target: "Above target",
    target: "Target",
    achieved: "Achieved",
    competency: "Competency",
    level: "Level",
    statement: "Statement",
    checked: "Checked",
    date: "Date",
    note: "Note",
    reflection: "Reflection",
    comments: "Coach comments",
    coaching_sheet: "Coaching sheet",
    yes: "yes",
    no: "no",
    warning: "warning",
    unknown_ids: "the workbook has entries this framework does not know (kept in the file as they are)",
    signed_off: "signed off",
    returned: "returned",
    review_requested: "review requested",
    stale: "stale",
};

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |key| {
            pairs
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_flag_wins_over_everything() {
        let env = env_of(&[("KEIKO_LANG", "ja"), ("LANG", "ja_JP.UTF-8")]);
        assert_eq!(Lang::detect(Some(Lang::En), env), Lang::En);
    }

    #[test]
    fn keiko_lang_wins_over_the_locale() {
        let env = env_of(&[("KEIKO_LANG", "en"), ("LANG", "ja_JP.UTF-8")]);
        assert_eq!(Lang::detect(None, env), Lang::En);
    }

    #[test]
    fn locale_variables_are_read_in_posix_order() {
        let env = env_of(&[("LC_ALL", "ja_JP.UTF-8"), ("LANG", "en_US.UTF-8")]);
        assert_eq!(Lang::detect(None, env), Lang::Ja);
        let env = env_of(&[("LC_MESSAGES", "C"), ("LANG", "ja_JP.UTF-8")]);
        assert_eq!(Lang::detect(None, env), Lang::En);
        let env = env_of(&[("LANG", "ja_JP.UTF-8")]);
        assert_eq!(Lang::detect(None, env), Lang::Ja);
        assert_eq!(Lang::detect(None, env_of(&[])), Lang::En);
    }
}
