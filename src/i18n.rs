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
        if value.to_ascii_lowercase().starts_with("ja") { Lang::Ja } else { Lang::En }
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
            Action::Toggle => ("チェック", "check"),
            Action::NextLevel | Action::PrevLevel => ("レベル", "level"),
            Action::EditNote => ("メモ", "note"),
            Action::EditReflection => ("振り返り", "reflection"),
            Action::RequestReview => ("レビュー依頼", "ask review"),
            Action::SaveClose => ("保存して閉じる", "save and close"),
            Action::Close => ("閉じる", "close"),
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
            Action::Quit => ("終了する (入力中のメモは保存されます)", "quit (a note being written is saved)"),
            Action::Help => ("この画面のキー操作", "the keys of this screen"),
            Action::Undo => ("最後の変更を元に戻す (チェックやメモ)", "undo the last change (a check or a note)"),
            Action::Search => ("全コンピテンシーの行動を検索", "search statements in every competency"),
            Action::NextToPractise => {
                ("次に練習する行動へ (目標までで最初の未チェック)", "go to the next statement to practise")
            }
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
            Action::Toggle => ("行動のチェックを付ける/外す", "check or uncheck the statement"),
            Action::NextLevel => ("次のレベル", "next level"),
            Action::PrevLevel => ("前のレベル", "previous level"),
            Action::EditNote => ("この行動のメモ (根拠) を書く", "write this statement's note (your evidence)"),
            Action::EditReflection => ("このコンピテンシーの振り返りを書く", "write this competency's reflection"),
            Action::RequestReview => {
                ("このレベルのレビューを依頼/取り下げ", "ask a coach to review this level, or withdraw")
            }
            Action::SaveClose => ("保存して閉じる", "save and close"),
            Action::Close => ("閉じる", "close"),
            Action::Confirm => ("決定", "confirm"),
            Action::Cancel => ("取り消す", "cancel"),
            Action::NextField => ("次の項目へ", "next field"),
            Action::SignOff => ("このレベルを承認 (コメント任意)", "sign off this level (comment optional)"),
            Action::ReturnLevel => {
                ("このレベルを差し戻す (コメント必須)", "return this level as not yet (comment required)")
            }
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
            "check" => ("チェック", "checked"),
            "uncheck" => ("チェックを外す", "unchecked"),
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

    /// The status line after `u`: the state the undo left, not the change it
    /// took back ("SM-5.1.1 is checked again"). `change` is the change the
    /// undo made; `target` names what it changed and `role` the role grade
    /// it set, both made safe for the screen.
    pub fn undone(self, change: &crate::workbook::Change, target: &str, role: &str) -> String {
        use crate::workbook::Change;
        let ja = self == Lang::Ja;
        let state = match change {
            Change::Check { checked: true, .. } if ja => format!("{target} をチェック済みに戻しました。"),
            Change::Check { checked: true, .. } => format!("{target} is checked again."),
            Change::Check { checked: false, .. } if ja => format!("{target} を未チェックに戻しました。"),
            Change::Check { checked: false, .. } => format!("{target} is unchecked again."),
            Change::Note { text, .. } if text.is_empty() && ja => format!("{target} のメモを空に戻しました。"),
            Change::Note { text, .. } if text.is_empty() => format!("the note on {target} is empty again."),
            Change::Note { .. } if ja => format!("{target} のメモを前の内容に戻しました。"),
            Change::Note { .. } => format!("the note on {target} is as it was before."),
            Change::Reflection { text, .. } if text.is_empty() && ja => {
                format!("{target} の振り返りを空に戻しました。")
            }
            Change::Reflection { text, .. } if text.is_empty() => format!("the reflection on {target} is empty again."),
            Change::Reflection { .. } if ja => format!("{target} の振り返りを前の内容に戻しました。"),
            Change::Reflection { .. } => format!("the reflection on {target} is as it was before."),
            Change::Profile { role: None, .. } if ja => "役割を未設定に戻しました。".to_string(),
            Change::Profile { role: None, .. } => "you have no role grade again.".to_string(),
            Change::Profile { .. } if ja => format!("役割を {role} に戻しました。"),
            Change::Profile { .. } => format!("your role grade is {role} again."),
            Change::RequestReview { requested: true, .. } if ja => format!("{target} をレビュー依頼中に戻しました。"),
            Change::RequestReview { requested: true, .. } => format!("{target} is waiting for review again."),
            Change::RequestReview { .. } if ja => format!("{target} のレビュー依頼を取り下げた状態に戻しました。"),
            Change::RequestReview { .. } => format!("{target} is not waiting for review, as before."),
            _ if ja => format!("{target} を元に戻しました。"),
            _ => format!("{target} is as it was before."),
        };
        if ja { format!("元に戻しました: {state}") } else { format!("Undone: {state}") }
    }

    /// The status line when `u` cannot undo: `target` changed again since.
    pub fn not_undone(self, target: &str) -> String {
        match self {
            Lang::Ja => format!("{target} はその後ほかで変更されたため、元に戻しませんでした。"),
            Lang::En => format!("Not undone: {target} was changed elsewhere since."),
        }
    }

    /// How the team overview is sorted, in words.
    pub fn sort_label(self, sort: crate::team::SortBy) -> &'static str {
        use crate::team::SortBy;
        let (ja, en) = match sort {
            SortBy::Name => ("名前", "name"),
            SortBy::Progress => ("進捗の少ない順", "least progress"),
            SortBy::LastActivity => ("最近の更新順", "latest activity"),
            SortBy::Requests => ("依頼の多い順", "most requests"),
        };
        self.pick(ja, en)
    }

    /// A store error in words for this language. Japanese names what went
    /// wrong in Japanese; technical details (a TOML parser's message) stay as they are.
    pub fn store_error(self, error: &crate::store::StoreError) -> String {
        use crate::store::StoreError;
        if self == Lang::En {
            return error.to_string();
        }
        match error {
            StoreError::Io { path, action, message } => {
                let action = match *action {
                    "read the workbook" => "ワークブックを読めません",
                    "write the workbook" => "ワークブックに書き込めません",
                    "open the lock file" => "ロックファイルを開けません",
                    "lock the workbook" => "ワークブックをロックできません",
                    "create the workbook's directory" => "ワークブックのディレクトリを作れません",
                    _ => "操作できません",
                };
                let message = match message.as_str() {
                    "permission denied" => "権限がありません".to_string(),
                    "no such file or directory" => "ファイルまたはディレクトリがありません".to_string(),
                    "read-only file system" => "読み取り専用のファイルシステムです".to_string(),
                    "no space left on device" => "ディスクに空きがありません".to_string(),
                    other => {
                        match other.strip_prefix("the directory ").and_then(|d| d.strip_suffix(" is not writable")) {
                            Some(dir) => format!("ディレクトリ {dir} に書き込めません"),
                            None => other.to_string(),
                        }
                    }
                };
                format!("{}: {action}: {message}", path.display())
            }
            StoreError::Corrupt { path, line, col, message } => format!(
                "{}:{line}:{col}: {message}\nこのファイルは変更していません。残したまま新しく始めるには、別名に移してください:\n    {}",
                path.display(),
                error.to_string().lines().last().unwrap_or("").trim()
            ),
            StoreError::NewerSchema { path, found } => format!(
                "{}: このワークブックは新しい keiko の形式 (バージョン {found}) です。変更していません。新しい keiko で開いてください。",
                path.display()
            ),
            StoreError::Symlink { path } => format!(
                "{}: シンボリックリンクです。keiko はリンク越しには書き込みません。--file で実体のパス ({}) を指定してください。",
                path.display(),
                std::fs::canonicalize(path).map_or_else(|_| "リンク先".to_string(), |p| p.display().to_string())
            ),
            StoreError::NotAFile { path } => format!("{}: 通常のファイルではありません", path.display()),
        }
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
    pub stale_because: &'static str,
    pub reflection_placeholder: &'static str,
    pub you: &'static str,
    pub mark_note: &'static str,
    pub mark_attention: &'static str,
    pub mark_done: &'static str,
    pub missing_workbook: &'static str,
    pub warn_unknown_role: &'static str,
    pub unchecked_signed_off: &'static str,
    pub kept_other_version: &'static str,
    pub conflict_kept: &'static str,
    pub read_only_edit: &'static str,
    pub news_signoff: &'static str,
    pub news_returned: &'static str,
    pub news_comment: &'static str,
    pub team_title: &'static str,
    pub coach: &'static str,
    pub learners: &'static str,
    pub learners_title: &'static str,
    pub at_target_count: &'static str,
    pub waiting: &'static str,
    pub sort_by: &'static str,
    pub filter: &'static str,
    pub filter_prompt: &'static str,
    pub filter_hint: &'static str,
    pub last_activity: &'static str,
    pub no_learners: &'static str,
    pub no_match: &'static str,
    pub not_read: &'static str,
    pub skipped_files: &'static str,
    pub read_only: &'static str,
    pub read_only_short: &'static str,
    pub waiting_title: &'static str,
    pub no_requests: &'static str,
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
    version: "バージョン",
    progress_to_target: "目標まで",
    above_target: "目標以上",
    target: "目標",
    achieved: "達成",
    competency: "コンピテンシー",
    level: "レベル",
    statement: "行動",
    checked: "チェック",
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
    stale_because: "承認後に {id} のチェックが外されました {when}",
    reflection_placeholder: "このコンピテンシーの振り返り: できるようになったこと、難しかったこと、次に伸ばしたいこと。Esc で保存して閉じます。",
    you: "自分",
    mark_note: "メモあり",
    mark_attention: "差し戻し・要再確認",
    mark_done: "目標到達",
    missing_workbook: "{path} はまだありません。最初の変更で作られます。",
    warn_unknown_role: "ワークブックの役割 '{role}' はこのフレームワークにありません。--role で {roles} から選んでください",
    unchecked_signed_off: "このレベルはコーチの承認済みです。チェックを外したので承認は「要再確認」と表示されます (u で元に戻せます)。",
    kept_other_version: "--- 別のセッションで書かれた内容 ---",
    conflict_kept: "保存しました。別のセッションでの変更も消さずに下に残しました。",
    read_only_edit: "このワークブックは書き込めません",
    news_signoff: "{by} さんが {what} を承認しました。",
    news_returned: "{by} さんが {what} を差し戻しました。",
    news_comment: "{by} さんが {what} にコメントしました。",
    team_title: "チームのレビュー",
    coach: "コーチ",
    learners: "人",
    learners_title: "学習者",
    at_target_count: "目標到達",
    waiting: "レビュー待ち",
    sort_by: "並び",
    filter: "絞り込み",
    filter_prompt: "名前で絞り込み",
    filter_hint: "入力すると絞り込みます。Enter 確定  Esc 解除",
    last_activity: "最終更新",
    no_learners: "ワークブックが見つかりません。",
    no_match: "一致する学習者はいません。",
    not_read: "読めなかったファイル",
    skipped_files: "他の {n} 個のファイル (.toml 以外) は読みませんでした。",
    read_only: "読み取り専用",
    read_only_short: "[読取専用]",
    waiting_title: "レビュー待ち (古い順)",
    no_requests: "レビュー待ちはありません。",
    progress: "進捗",
    next_up: "次の練習",
    note_placeholder: "できたことの根拠を書きましょう (いつ、どんな場面で、何をしたか)。Enter で改行、Esc で保存して閉じます。",
    comment_placeholder: "学習者へのコメントを書きましょう。Esc で保存して閉じます (空なら何も保存しません)。",
    marks: "印",
    all_done: "目標までの行動はすべてチェック済みです。",
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
    level_complete_last: "{level}の行動をすべてチェックしました。",
    level_complete_next: "{level}の行動をすべてチェックしました。Tab で次のレベルへ。",
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
    welcome_intro: "コンピテンシーをレベルごとに見ていき、根拠を示せる行動にチェックを付けていきます。変更はすぐに保存されます。まず表示名と役割を教えてください。",
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
    stale_because: "{id} was unchecked after the sign-off {when}",
    reflection_placeholder: "Your reflection on this competency: what you can do now, what was hard, what to grow next. Esc saves and closes.",
    you: "you",
    mark_note: "note",
    mark_attention: "returned or stale",
    mark_done: "at target",
    missing_workbook: "{path} does not exist yet; it is created with your first change.",
    warn_unknown_role: "the workbook's role '{role}' is not in this framework; choose one of {roles} with --role",
    unchecked_signed_off: "A coach signed off this level; with this unchecked the sign-off shows as stale (u takes it back).",
    kept_other_version: "--- written in another session ---",
    conflict_kept: "Saved. The same note was changed in another session; that text is kept below yours.",
    read_only_edit: "This workbook cannot be written",
    news_signoff: "{by} signed off {what}.",
    news_returned: "{by} returned {what} as not yet.",
    news_comment: "{by} commented on {what}.",
    team_title: "Team review",
    coach: "Coach",
    learners: "learners",
    learners_title: "Learners",
    at_target_count: "at target",
    waiting: "waiting",
    sort_by: "Sort",
    filter: "Filter",
    filter_prompt: "Filter by name",
    filter_hint: "Type to filter. Enter keep  Esc clear",
    last_activity: "Updated",
    no_learners: "No workbooks found.",
    no_match: "No learner matches.",
    not_read: "Files not read",
    skipped_files: "{n} other files (not .toml) were skipped.",
    read_only: "Read-only",
    read_only_short: "[read-only]",
    waiting_title: "Waiting for review (oldest first)",
    no_requests: "Nothing is waiting for review.",
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
        move |key| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| v.to_string())
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
