//! Every UI string, in Japanese and English. Framework text (competencies,
//! statements) comes from the framework file, not from here.

use std::fmt;

use crate::tui::keymap::Action;

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

impl Lang {
    /// A few words for the hint bar.
    pub fn action_hint(self, action: Action) -> &'static str {
        let (ja, en) = match action {
            Action::Quit => ("終了", "quit"),
            Action::Help => ("ヘルプ", "help"),
            Action::Undo => ("元に戻す", "undo"),
            Action::Search => ("検索", "search"),
            Action::NextToPractise => ("次の練習", "next"),
            Action::History => ("履歴", "history"),
            Action::Redraw => ("再描画", "redraw"),
            Action::Up | Action::Down => ("移動", "move"),
            Action::PageUp | Action::PageDown => ("ページ", "page"),
            Action::Home | Action::End => ("先頭/末尾", "first/last"),
            Action::Open => ("開く", "open"),
            Action::Back => ("戻る", "back"),
            Action::ChangeRole => ("役割", "role"),
            Action::Toggle => ("確認", "check"),
            Action::NextLevel | Action::PrevLevel => ("レベル", "level"),
            Action::EditNote => ("メモ", "note"),
            Action::EditReflection => ("振り返り", "reflection"),
            Action::RequestReview => ("レビュー依頼", "ask review"),
            Action::SaveClose => ("保存して閉じる", "save and close"),
            Action::Confirm => ("決定", "confirm"),
            Action::Cancel => ("取消", "cancel"),
            Action::NextField => ("次の項目", "next field"),
            Action::SignOff => ("承認", "sign off"),
            Action::ReturnLevel => ("差し戻し", "return"),
            Action::Comment => ("コメント", "comment"),
            Action::Sort => ("並べ替え", "sort"),
            Action::Requests => ("レビュー待ち", "waiting"),
            Action::Filter => ("絞り込み", "filter"),
        };
        self.pick(ja, en)
    }

    /// A sentence for the help screen.
    pub fn action_help(self, action: Action) -> &'static str {
        let (ja, en) = match action {
            Action::Quit => (
                "終了する (入力中のメモは保存されます)",
                "quit (a note being written is saved)",
            ),
            Action::Help => ("この画面のキー操作", "the keys of this screen"),
            Action::Undo => (
                "最後の変更を元に戻す (チェックやメモ)",
                "undo the last change (a check or a note)",
            ),
            Action::Search => (
                "全コンピテンシーの行動を検索",
                "search statements in every competency",
            ),
            Action::NextToPractise => (
                "次に練習する行動へ (目標までの未確認の最初)",
                "go to the next statement to practise",
            ),
            Action::History => ("変更履歴を見る", "show the change history"),
            Action::Redraw => ("画面を描き直す", "redraw the screen"),
            Action::Up => ("上へ", "move up"),
            Action::Down => ("下へ", "move down"),
            Action::PageUp => ("前のページ", "page up"),
            Action::PageDown => ("次のページ", "page down"),
            Action::Home => ("先頭へ", "go to the first"),
            Action::End => ("末尾へ", "go to the last"),
            Action::Open => ("開く", "open"),
            Action::Back => ("戻る", "go back"),
            Action::ChangeRole => ("役割を変える", "change your role grade"),
            Action::Toggle => ("行動の確認を付ける/外す", "check or uncheck the statement"),
            Action::NextLevel => ("次のレベル", "next level"),
            Action::PrevLevel => ("前のレベル", "previous level"),
            Action::EditNote => (
                "この行動のメモ (根拠) を書く",
                "write this statement's note (your evidence)",
            ),
            Action::EditReflection => (
                "このコンピテンシーの振り返りを書く",
                "write this competency's reflection",
            ),
            Action::RequestReview => (
                "このレベルのレビューを依頼/取り下げ",
                "ask a coach to review this level, or withdraw",
            ),
            Action::SaveClose => ("保存して閉じる", "save and close"),
            Action::Confirm => ("決定", "confirm"),
            Action::Cancel => ("取り消す", "cancel"),
            Action::NextField => ("次の項目へ", "next field"),
            Action::SignOff => (
                "このレベルを承認 (コメント任意)",
                "sign off this level (comment optional)",
            ),
            Action::ReturnLevel => (
                "このレベルを差し戻す (コメント必須)",
                "return this level as not yet (comment required)",
            ),
            Action::Comment => ("このコンピテンシーにコメント", "comment on this competency"),
            Action::Sort => ("並べ替えを切り替える", "change the sort order"),
            Action::Requests => ("レビュー待ちの一覧", "levels waiting for review"),
            Action::Filter => ("名前で絞り込む", "filter by name"),
        };
        self.pick(ja, en)
    }

    /// A history verb (`check`, `sign-off`, …) in words.
    pub fn history_verb(self, what: &str) -> &'static str {
        let (ja, en) = match what {
            "check" => ("確認", "checked"),
            "uncheck" => ("確認を外す", "unchecked"),
            "note" => ("メモ", "note"),
            "reflection" => ("振り返り", "reflection"),
            "profile" => ("プロフィール", "profile"),
            "request-review" => ("レビュー依頼", "review requested"),
            "withdraw-request" => ("依頼取り下げ", "request withdrawn"),
            "sign-off" => ("承認", "signed off"),
            "return" => ("差し戻し", "returned"),
            "comment" => ("コメント", "comment"),
            _ => ("変更", "change"),
        };
        self.pick(ja, en)
    }

    fn pick(self, ja: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
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
    pub progress: &'static str,
    pub next_up: &'static str,
    pub note_placeholder: &'static str,
    pub comment_placeholder: &'static str,
    pub marks: &'static str,
    pub all_done: &'static str,
    pub choose_role: &'static str,
    pub comment_by: &'static str,
    pub comment_needed: &'static str,
    pub comment_optional: &'static str,
    pub comment_required: &'static str,
    pub display_name: &'static str,
    pub display_name_hint: &'static str,
    pub edit_note: &'static str,
    pub edit_reflection: &'static str,
    pub help_title: &'static str,
    pub history_empty: &'static str,
    pub history_title: &'static str,
    pub level_complete_last: &'static str,
    pub level_complete_next: &'static str,
    pub more: &'static str,
    pub more_in_editor: &'static str,
    pub no_note: &'static str,
    pub no_note_hint: &'static str,
    pub no_results: &'static str,
    pub nothing_to_undo: &'static str,
    pub results: &'static str,
    pub return_prompt: &'static str,
    pub returned_now: &'static str,
    pub review_requested_now: &'static str,
    pub review_withdrawn: &'static str,
    pub role_changed: &'static str,
    pub saved: &'static str,
    pub search_title: &'static str,
    pub signed_off_now: &'static str,
    pub signoff_prompt: &'static str,
    pub target_reached: &'static str,
    pub too_small: &'static str,
    pub undone: &'static str,
    pub welcome_done: &'static str,
    pub welcome_intro: &'static str,
    pub welcome_title: &'static str,
    pub write_comment: &'static str,
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
    progress: "進捗",
    next_up: "次の練習",
    note_placeholder: "できたことの根拠を書きましょう (いつ、どんな場面で、何をしたか)。Enter で改行、Esc で保存して閉じます。",
    comment_placeholder: "学習者へのコメントを書きましょう。Esc で保存して閉じます (空なら何も保存しません)。",
    marks: "印",
    all_done: "目標までの行動はすべて確認済みです。",
    choose_role: "役割を選んでください",
    comment_by: "コーチ",
    comment_needed: "差し戻す理由を書いてください (必須)。Enter 確定  Esc 取消",
    comment_optional: "コメント (任意)。Enter 確定  Esc 取消",
    comment_required: "差し戻しにはコメントが必要です。",
    display_name: "表示名",
    display_name_hint: "空欄のままなら「{user}」になります。",
    edit_note: "メモを編集",
    edit_reflection: "振り返りを編集",
    help_title: "キー操作",
    history_empty: "まだ変更はありません。",
    history_title: "変更履歴 (新しい順)",
    level_complete_last: "{level}の行動をすべて確認しました。",
    level_complete_next: "{level}の行動をすべて確認しました。Tab で次のレベルへ。",
    more: "続きあり",
    more_in_editor: "(続きは e で表示)",
    no_note: "メモはありません。",
    no_note_hint: "メモはまだありません。e で根拠を書きましょう。",
    no_results: "一致する行動はありません。",
    nothing_to_undo: "元に戻す変更はありません。",
    results: "件",
    return_prompt: "差し戻し",
    returned_now: "{level}を差し戻しました。",
    review_requested_now: "{level}のレビューを依頼しました。",
    review_withdrawn: "{level}のレビュー依頼を取り下げました。",
    role_changed: "役割を変更しました",
    saved: "保存しました。",
    search_title: "検索",
    signed_off_now: "{level}を承認しました。",
    signoff_prompt: "承認",
    target_reached: "目標の{level}に到達しました。おめでとうございます！",
    too_small: "端末が小さすぎます。{w}x{h} 以上に広げてください。",
    undone: "元に戻しました",
    welcome_done: "ようこそ！Enter でコンピテンシーを開きましょう。",
    welcome_intro: "コンピテンシーをレベルごとに確認し、根拠を示せる行動にチェックを付けていきます。変更はすぐに保存されます。まず表示名と役割を教えてください。",
    welcome_title: "稽古 keiko へようこそ",
    write_comment: "コメントを書く",
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
    progress: "Progress",
    next_up: "Next up",
    note_placeholder: "Write your evidence: when, in what situation, what you did. Enter starts a new line; Esc saves and closes.",
    comment_placeholder: "Write your comment for the learner. Esc saves and closes (nothing is saved when empty).",
    marks: "Marks",
    all_done: "Everything up to your targets is checked.",
    choose_role: "Choose your role grade",
    comment_by: "Coach",
    comment_needed: "Say what is missing (required). Enter confirm  Esc cancel",
    comment_optional: "Comment (optional). Enter confirm  Esc cancel",
    comment_required: "Returning a level needs a comment.",
    display_name: "Display name",
    display_name_hint: "Leave it empty to use \"{user}\".",
    edit_note: "Edit note",
    edit_reflection: "Edit reflection",
    help_title: "Keys",
    history_empty: "No changes yet.",
    history_title: "History (newest first)",
    level_complete_last: "Every statement of {level} is checked.",
    level_complete_next: "Every statement of {level} is checked. Tab: next level.",
    more: "more",
    more_in_editor: "(e shows all)",
    no_note: "No note.",
    no_note_hint: "No note yet. Press e to write your evidence.",
    no_results: "No statement matches.",
    nothing_to_undo: "Nothing to undo.",
    results: "found",
    return_prompt: "Return as not yet:",
    returned_now: "{level} returned as not yet.",
    review_requested_now: "Review of {level} requested.",
    review_withdrawn: "Review request for {level} withdrawn.",
    role_changed: "Role changed",
    saved: "Saved.",
    search_title: "Search",
    signed_off_now: "{level} signed off.",
    signoff_prompt: "Sign off",
    target_reached: "You reached your target, {level}. Well done!",
    too_small: "The terminal is too small. Make it at least {w}x{h}.",
    undone: "Undone",
    welcome_done: "Welcome! Press Enter to open a competency.",
    welcome_intro: "Walk through each competency level by level and tick every statement you can show evidence for. Every change is saved at once. First, your name and role grade.",
    welcome_title: "Welcome to keiko 稽古",
    write_comment: "Comment on",
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
