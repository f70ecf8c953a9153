//! Every UI string, in Japanese and English. Framework text (competencies,
//! statements) comes from the framework file, not from here.

use crate::tui::action::Action;

pub use keiko_core::lang::Lang;

/// Something keiko tells the user, in either language: the core's errors
/// and findings get their words here, where every word of the interface lives.
pub trait Localized {
    fn message(&self, lang: Lang) -> String;
}

/// The interface's words in a language (a trait: `Lang` is the core's).
pub trait Words: Copy {
    fn strings(self) -> &'static Strings;
    /// A few words for the hint bar.
    fn action_hint(self, action: Action) -> &'static str;
    /// What could come next once every target is reached (issue 10).
    fn finish_next(self, finish: &keiko_core::model::progress::Finish) -> String;
    /// What a key does, for the help screen.
    fn action_help(self, action: Action) -> &'static str;
    /// A history entry's verb.
    fn history_verb(self, what: &keiko_core::model::workbook::Verb) -> std::borrow::Cow<'_, str>;
    /// What an undo made so again.
    fn undone(self, change: &keiko_core::model::workbook::Change, target: &str, role: &str) -> String;
    /// Why nothing was undone.
    fn not_undone(self, target: &str) -> String;
    /// A team sort order's name.
    fn sort_label(self, sort: keiko_core::team::SortBy) -> &'static str;
}

impl Words for Lang {
    fn strings(self) -> &'static Strings {
        match self {
            Lang::Ja => &JA,
            Lang::En => &EN,
        }
    }

    fn action_hint(self, action: Action) -> &'static str {
        let (ja, en) = match action {
            Action::Quit => ("終了", "quit"),
            Action::Suspend => ("中断", "suspend"),
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
            Action::Rename => ("名前", "name"),
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
            Action::Problems => ("読めないファイル", "unread files"),
            Action::Matrix => ("スキル表", "matrix"),
            Action::ColumnLeft | Action::ColumnRight => ("列", "column"),
            Action::LevelUp | Action::LevelDown => ("レベルN", "level N"),
            Action::SortColumn => ("列で並べ替え", "sort"),
            Action::Holders => ("保有者", "who holds"),
            Action::Chart | Action::TeamChart => ("グラフ", "chart"),
        };
        self.pick(ja, en)
    }

    /// A sentence for the help screen.
    fn action_help(self, action: Action) -> &'static str {
        let (ja, en) = match action {
            Action::Quit => ("終了する (入力中のメモは保存されます)", "quit (a note being written is saved)"),
            Action::Suspend => {
                ("keiko を一時停止してシェルに戻る (fg で再開)", "suspend keiko and return to the shell (fg resumes)")
            }
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
            Action::Rename => ("表示名を変える", "change your display name"),
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
            Action::Problems => ("読めなかったファイルをすべて理由と表示", "list every file not read, and why"),
            Action::Matrix => {
                ("スキル表: 全員の各コンピテンシーのレベル", "skills matrix: every learner's level in every competency")
            }
            Action::ColumnLeft => ("左の列を選ぶ", "select the column to the left"),
            Action::ColumnRight => ("右の列を選ぶ", "select the column to the right"),
            Action::LevelUp => ("集計するレベル N を上げる", "raise the level N that coverage counts"),
            Action::LevelDown => ("集計するレベル N を下げる", "lower the level N that coverage counts"),
            Action::SortColumn => {
                ("選んだ列で並べ替え (もう一度で逆順)", "sort by the selected column (again: the other way round)")
            }
            Action::Holders => (
                "選んだコンピテンシーをレベル N 以上で持つ人 (名前の列では学習者を開く)",
                "who holds the selected competency at level N or above (on the name column: open the learner)",
            ),
            Action::Chart => {
                ("目標に向けた進み具合を週ごとのグラフで見る", "chart progress toward the target, week by week")
            }
            Action::TeamChart => {
                ("目標に達した学習者の数を週ごとのグラフで見る", "chart learners at target, week by week")
            }
        };
        self.pick(ja, en)
    }

    /// A history verb (`check`, `sign-off`, …) in words.
    /// A verb this keiko does not know (a newer keiko's) is its name in the file.
    fn history_verb(self, what: &keiko_core::model::workbook::Verb) -> std::borrow::Cow<'_, str> {
        use keiko_core::model::workbook::Verb;
        let (ja, en) = match what {
            Verb::Check => ("チェック", "checked"),
            Verb::Uncheck => ("チェックを外す", "unchecked"),
            Verb::Note => ("メモ", "note"),
            Verb::Reflection => ("振り返り", "reflection"),
            Verb::Profile => ("名前・役割の変更", "name or role changed"),
            Verb::Name => ("表示名の変更", "display name changed"),
            Verb::RequestReview => ("レビュー依頼", "review requested"),
            Verb::WithdrawRequest => ("依頼取り下げ", "request withdrawn"),
            Verb::SignOff => ("承認", "signed off"),
            Verb::Return => ("差し戻し", "returned"),
            Verb::Comment => ("コメント", "comment"),
            Verb::Other(name) => return std::borrow::Cow::Borrowed(name),
        };
        std::borrow::Cow::Borrowed(self.pick(ja, en))
    }

    /// The status line after `u`: the state the undo left, not the change it
    /// took back ("SM-5.1.1 is checked again"). `change` is the change the
    /// undo made; `target` names what it changed and `role` the role grade
    /// it set, both made safe for the screen.
    fn undone(self, change: &keiko_core::model::workbook::Change, target: &str, role: &str) -> String {
        use keiko_core::model::workbook::Change;
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
            Change::Profile { name: Some(name), role: None, .. } if ja => format!("表示名を {name} に戻しました。"),
            Change::Profile { name: Some(name), role: None, .. } => format!("your display name is {name} again."),
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
    fn not_undone(self, target: &str) -> String {
        match self {
            Lang::Ja => format!("{target} はその後ほかで変更されたため、元に戻しませんでした。"),
            Lang::En => format!("Not undone: {target} was changed elsewhere since."),
        }
    }

    /// How the team overview is sorted, in words.
    fn sort_label(self, sort: keiko_core::team::SortBy) -> &'static str {
        use keiko_core::team::SortBy;
        let (ja, en) = match sort {
            SortBy::Name => ("名前", "name"),
            SortBy::Progress => ("進捗の少ない順", "least progress"),
            SortBy::LastActivity => ("最近の更新順", "latest activity"),
            SortBy::Requests => ("依頼の多い順", "most requests"),
        };
        self.pick(ja, en)
    }

    fn finish_next(self, finish: &keiko_core::model::progress::Finish) -> String {
        let s = self.strings();
        if !finish.not_signed_off.is_empty() {
            s.finish_ask_review.replace("{n}", &finish.not_signed_off.len().to_string())
        } else if !finish.above_target.is_complete() {
            let left = finish.above_target.total - finish.above_target.done;
            s.finish_above_target.replace("{n}", &left.to_string())
        } else {
            s.finish_everything.to_string()
        }
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
    pub date: &'static str,
    pub note: &'static str,
    pub reflection: &'static str,
    pub comments: &'static str,
    pub coaching_sheet: &'static str,
    pub warning: &'static str,
    pub unknown_ids: &'static str,
    pub signed_off: &'static str,
    pub returned: &'static str,
    pub review_requested: &'static str,
    pub stale: &'static str,
    pub stale_because: &'static str,
    pub reflection_placeholder: &'static str,
    pub mark_note: &'static str,
    pub mark_attention: &'static str,
    pub mark_done: &'static str,
    pub missing_workbook: &'static str,
    pub warn_unknown_role: &'static str,
    pub unchecked_signed_off: &'static str,
    pub kept_other_version: &'static str,
    pub conflict_kept: &'static str,
    // Text typed but not saved when keiko ends.
    pub typed_note: &'static str,
    pub typed_reflection: &'static str,
    pub typed_comment: &'static str,
    pub typed_signoff_comment: &'static str,
    pub typed_return_comment: &'static str,
    pub not_confirmed: &'static str,
    pub rescued_to: &'static str,
    pub rescued_here: &'static str,
    pub saved_on_exit: &'static str,
    pub rescue_header: &'static str,
    pub needs_terminal: &'static str,
    pub cannot_use_terminal: &'static str,
    pub internal_error: &'static str,
    // The command line's own errors.
    pub unknown_role: &'static str,
    pub option_not_for_command: &'static str,
    pub cannot_write_output: &'static str,
    pub cannot_write_file: &'static str,
    pub export_is_workbook: &'static str,
    pub no_home_directory: &'static str,
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
    // The command line (issue 8).
    pub clock_out_of_range: &'static str,
    // The command line (issue 10).
    pub cli_role_changed: &'static str,
    pub cli_name_changed: &'static str,
    pub export_written: &'static str,
    pub no_directory_through_parent: &'static str,
    pub cannot_create_directory: &'static str,
    pub dumb_terminal: &'static str,
    pub dumb_terminal_review: &'static str,
    pub team_export_summary: &'static str,
    /// The Markdown team overview's columns: name, role, file, checked,
    /// total, percent, sign-offs, open requests, last activity.
    pub team_export_columns: [&'static str; 9],
    // Issue 10: the finish, confirmations, words.
    pub all_targets_reached: &'static str,
    pub finish_ask_review: &'static str,
    pub finish_above_target: &'static str,
    pub finish_everything: &'static str,
    pub lower_level_first: &'static str,
    pub confirm_title: &'static str,
    pub confirm_review_unchecked: &'static str,
    pub confirm_signoff_unchecked: &'static str,
    pub history_count: &'static str,
    pub help_scroll: &'static str,
    // Issue 10 (coach): every unread file, the name order, `--reading`.
    pub problems_more: &'static str,
    pub sort_reading: &'static str,
    pub sort_reading_mixed: &'static str,
    pub sort_code_point: &'static str,
    pub cli_reading_changed: &'static str,
    pub no_reading: &'static str,
    // Issue 10 (i10a): the display name set in the app.
    pub name_prompt: &'static str,
    pub name_hint: &'static str,
    pub name_required: &'static str,
    pub name_saved: &'static str,
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
    date: "日付",
    note: "メモ",
    reflection: "振り返り",
    comments: "コーチのコメント",
    coaching_sheet: "コーチングシート",
    warning: "注意",
    unknown_ids: "このフレームワークにない項目がワークブックにあります(ファイルにはそのまま残します)",
    signed_off: "承認済み",
    returned: "差し戻し",
    review_requested: "レビュー依頼中",
    stale: "要再確認",
    stale_because: "承認後に {id} のチェックが外されました {when}",
    reflection_placeholder: "このコンピテンシーの振り返り: できるようになったこと、難しかったこと、次に伸ばしたいこと。Esc で保存して閉じます。",
    mark_note: "メモあり",
    mark_attention: "差し戻し・要再確認",
    mark_done: "目標到達",
    missing_workbook: "{path} はまだありません。最初の変更で作られます。",
    warn_unknown_role: "ワークブックの役割 '{role}' はこのフレームワークにありません。--role で {roles} から選んでください",
    unchecked_signed_off: "このレベルはコーチの承認済みです。チェックを外したので承認は「要再確認」と表示されます (u で元に戻せます)。",
    kept_other_version: "--- 別のセッションで書かれた内容 ---",
    conflict_kept: "保存しました。別のセッションでの変更も消さずに下に残しました。",
    typed_note: "{id} のメモ",
    typed_reflection: "{id} の振り返り",
    typed_comment: "{id} へのコメント",
    typed_signoff_comment: "{what} の承認コメント (承認はしていません)",
    typed_return_comment: "{what} の差し戻しコメント (差し戻してはいません)",
    not_confirmed: "確定する前に keiko が終了しました",
    rescued_to: "{what}はワークブックに保存できませんでした ({error})。{path} に書き出しました。",
    rescued_here: "{what}はワークブックに保存できませんでした ({error})。内容は次のとおりです:",
    saved_on_exit: "{what}はワークブック {path} に保存しました。",
    rescue_header: "# keiko がワークブックに保存できなかったテキストです。必要な部分をコピーしてください。",
    needs_terminal: "全画面のアプリには端末が必要です。端末なしで概要を見るには `keiko status` を使ってください (ssh では `ssh -t`)",
    cannot_use_terminal: "端末を使えません",
    internal_error: "内部エラーで keiko が止まりました (上に表示)",
    unknown_role: "不明な役割 '{code}' です。次から選んでください: {codes}",
    option_not_for_command: "オプション '{flag}' は 'keiko {name}' では使えません",
    cannot_write_output: "出力に書き込めません: {error}",
    cannot_write_file: "{path}: 書き込めません: {error}",
    export_is_workbook: "{path}: ワークブックそのものです。別のファイルに書き出してください",
    no_home_directory: "ワークブックを置くホームディレクトリが見つかりません。KEIKO_FILE を設定するか --file を使ってください",
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
    marks: "状態",
    all_done: "目標までの行動はすべてチェック済みです。次の一歩はホーム画面に出ています。",
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
    clock_out_of_range: "システム時計が 9999-12-30 より後(または西暦0年より前)を指しています。変更の時刻を記録できないため開始しません。時計を合わせてからやり直してください。",
    cli_role_changed: "役割を変更しました: {from} → {to}",
    cli_name_changed: "名前を変更しました: {from} → {to}",
    export_written: "{path} に書き出しました",
    no_directory_through_parent: "ディレクトリ {dir} がありません (.. を通るパスのディレクトリは作りません)",
    cannot_create_directory: "ディレクトリ {dir} を作れません: {error}",
    dumb_terminal: "この端末 (TERM=dumb) では全画面のアプリを表示できません。概要は `keiko status` で見られます",
    dumb_terminal_review: "この端末 (TERM=dumb) では全画面のアプリを表示できません。チームの一覧は `keiko review --export md PATH...` で見られます",
    team_export_summary: "学習者 {learners} 人、目標到達 {at_target} 人、レビュー待ち {waiting} 件",
    team_export_columns: [
        "名前",
        "役割",
        "ファイル",
        "チェック済み",
        "目標までの行動数",
        "進捗 (%)",
        "承認",
        "レビュー依頼",
        "最終更新 (UTC)",
    ],
    // Issue 10: the finish, confirmations, words.
    all_targets_reached: "すべての目標に到達しました！",
    finish_ask_review: "次は: まだ承認されていないレベル {n} 件のレビューを依頼しましょう (v)。",
    finish_above_target: "次は: 目標より上のレベルに挑戦しましょう (残り {n} 件)。",
    finish_everything: "目標より上もすべてチェック済みで、承認も済んでいます。",
    lower_level_first: "下のレベルが先",
    confirm_title: "確認",
    confirm_review_unchecked: "{level}にはまだチェックしていない行動が {n} 件あります: {ids}。それでもレビューを依頼しますか？",
    confirm_signoff_unchecked: "{level}はチェック済みの行動がなく、レビュー依頼もありません (未チェック {n} 件: {ids})。それでも承認しますか？",
    history_count: "{n} 件",
    help_scroll: "{keys} でスクロール",
    // Issue 10 (coach): every unread file, the name order, `--reading`.
    problems_more: "続きあり ({key} ですべて表示)",
    sort_reading: "読み順",
    sort_reading_mixed: "読み順（読みなしは文字コード順）",
    sort_code_point: "名前の文字コード順",
    cli_reading_changed: "読みを変更しました: {from} → {to}",
    no_reading: "(読み未設定)",
    // Issue 10 (i10a): the display name set in the app.
    name_prompt: "表示名",
    name_hint: "Enter で保存、Esc で取り消し",
    name_required: "表示名が空です。名前を入力してください。",
    name_saved: "表示名を {name} にしました。",
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
    date: "Date",
    note: "Note",
    reflection: "Reflection",
    comments: "Coach comments",
    coaching_sheet: "Coaching sheet",
    warning: "warning",
    unknown_ids: "the workbook has entries this framework does not know (kept in the file as they are)",
    signed_off: "signed off",
    returned: "returned",
    review_requested: "review requested",
    stale: "stale",
    stale_because: "{id} was unchecked after the sign-off {when}",
    reflection_placeholder: "Your reflection on this competency: what you can do now, what was hard, what to grow next. Esc saves and closes.",
    mark_note: "note",
    mark_attention: "returned or stale",
    mark_done: "at target",
    missing_workbook: "{path} does not exist yet; it is created with your first change.",
    warn_unknown_role: "the workbook's role '{role}' is not in this framework; choose one of {roles} with --role",
    unchecked_signed_off: "A coach signed off this level; with this unchecked the sign-off shows as stale (u takes it back).",
    kept_other_version: "--- written in another session ---",
    conflict_kept: "Saved. The same note was changed in another session; that text is kept below yours.",
    typed_note: "the note on {id}",
    typed_reflection: "the reflection on {id}",
    typed_comment: "the comment on {id}",
    typed_signoff_comment: "the comment for signing off {what} (not signed off)",
    typed_return_comment: "the comment for returning {what} (not returned)",
    not_confirmed: "keiko ended before it was confirmed",
    rescued_to: "{what} could not be saved in the workbook ({error}); it was written to {path}",
    rescued_here: "{what} could not be saved in the workbook ({error}); here it is:",
    saved_on_exit: "{what} was saved in the workbook {path}",
    rescue_header: "# Text keiko could not save in the workbook. Copy what you need from here.",
    needs_terminal: "the full-screen app needs a terminal; for a summary without one, use `keiko status` (over ssh: `ssh -t`)",
    cannot_use_terminal: "cannot use the terminal",
    internal_error: "keiko stopped after an internal error (reported above)",
    unknown_role: "unknown role '{code}': choose one of {codes}",
    option_not_for_command: "the argument '{flag}' does not apply to 'keiko {name}'",
    cannot_write_output: "cannot write output: {error}",
    cannot_write_file: "{path}: cannot write: {error}",
    export_is_workbook: "{path}: is the workbook itself; export to another file",
    no_home_directory: "cannot find a home directory for the workbook; set KEIKO_FILE or use --file",
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
    all_done: "Everything up to your targets is checked. The home screen says what could come next.",
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
    clock_out_of_range: "the system clock reads a time after 9999-12-30 (or before year 0), which keiko cannot record as the time of a change; set the clock and try again",
    cli_role_changed: "role changed: {from} → {to}",
    cli_name_changed: "name changed: {from} → {to}",
    export_written: "wrote {path}",
    no_directory_through_parent: "the directory {dir} does not exist (keiko creates no directory on a path through `..`)",
    cannot_create_directory: "cannot create the directory {dir}: {error}",
    dumb_terminal: "this terminal (TERM=dumb) cannot draw the full-screen app; for a summary, use `keiko status`",
    dumb_terminal_review: "this terminal (TERM=dumb) cannot draw the full-screen app; for the team overview, use `keiko review --export md PATH...`",
    team_export_summary: "{learners} learners, {at_target} at target, {waiting} reviews waiting",
    team_export_columns: [
        "name",
        "role",
        "file",
        "checked",
        "total",
        "percent",
        "signoffs",
        "open requests",
        "last activity (UTC)",
    ],
    // Issue 10: the finish, confirmations, words.
    all_targets_reached: "Every target reached!",
    finish_ask_review: "Next: ask a coach to review the {n} levels not signed off yet (v).",
    finish_above_target: "Next: work above your targets ({n} statements left).",
    finish_everything: "Everything is checked and signed off, above your targets too.",
    lower_level_first: "the level below comes first",
    confirm_title: "Confirm",
    confirm_review_unchecked: "{level} still has {n} unchecked statements: {ids}. Ask for review anyway?",
    confirm_signoff_unchecked: "{level} has nothing checked and no review request ({n} unchecked: {ids}). Sign it off anyway?",
    history_count: "{n} changes",
    help_scroll: "{keys} to scroll",
    // Issue 10 (coach): every unread file, the name order, `--reading`.
    problems_more: "more ({key} shows all)",
    sort_reading: "reading",
    sort_reading_mixed: "reading (the rest by code point)",
    sort_code_point: "name (by code point)",
    cli_reading_changed: "reading changed: {from} → {to}",
    no_reading: "(no reading yet)",
    // Issue 10 (i10a): the display name set in the app.
    name_prompt: "Display name",
    name_hint: "Enter saves, Esc cancels",
    name_required: "The display name is empty: type a name.",
    name_saved: "Your display name is now {name}.",
};

/// An operating-system error in words. Japanese for the kinds keiko meets;
/// any other keeps the system's own (English) words.
pub fn os_error(error: &keiko_core::os::files::OsError, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let ja = match error.kind {
        K::PermissionDenied => Some("権限がありません"),
        K::NotFound => Some("ファイルまたはディレクトリがありません"),
        K::ReadOnlyFilesystem => Some("読み取り専用のファイルシステムです"),
        K::StorageFull => Some("ディスクに空きがありません"),
        K::QuotaExceeded => Some("ディスクの割り当てを超えました"),
        K::AlreadyExists => Some("すでにあります"),
        K::IsADirectory => Some("ディレクトリです"),
        K::NotADirectory => Some("ディレクトリではありません"),
        K::ResourceBusy => Some("使用中です"),
        K::InvalidFilename => Some("ファイル名が長すぎるか正しくありません"),
        K::Interrupted => Some("中断されました"),
        _ => None,
    };
    match (lang, ja) {
        (Lang::Ja, Some(words)) => words.to_string(),
        (Lang::Ja, None) => format!("OS のエラー: {}", error.system_words()),
        (Lang::En, _) => error.system_words(),
    }
}

impl Localized for keiko_core::store::StoreError {
    fn message(&self, lang: Lang) -> String {
        use keiko_core::store::{Cause, Corruption, MAX_WORKBOOK_BYTES, Op, StoreError, shell_quote};
        let path = self.path().display();
        match self {
            StoreError::Io { op, cause, .. } => {
                let doing = match op {
                    Op::ReadWorkbook => lang.pick("ワークブックを読めません", "cannot read the workbook"),
                    Op::WriteWorkbook => lang.pick("ワークブックに書き込めません", "cannot write the workbook"),
                    Op::OpenLockFile => lang.pick("ロックファイルを開けません", "cannot open the lock file"),
                    Op::LockWorkbook => lang.pick("ワークブックをロックできません", "cannot lock the workbook"),
                    Op::CreateDirectory => {
                        lang.pick("ワークブックのディレクトリを作れません", "cannot create the workbook's directory")
                    }
                };
                let why = match cause {
                    Cause::Os(e) => os_error(e, lang),
                    Cause::DirectoryNotWritable(dir) => {
                        let dir = dir.display();
                        lang.pick(format!("ディレクトリ {dir} に書き込めません"), format!("the directory {dir} is not writable"))
                    }
                    Cause::DirectoryMissing(dir) => {
                        let dir = dir.display();
                        lang.pick(format!("ディレクトリ {dir} がありません"), format!("the directory {dir} does not exist"))
                    }
                    Cause::LockIsSymlink => lang
                        .pick(
                            "ロックファイルがシンボリックリンクです。keiko はリンクをたどりません",
                            "the lock file is a symbolic link; keiko does not follow it",
                        )
                        .to_string(),
                    Cause::LockNotAFile => lang
                        .pick("ロックファイルが通常のファイルではありません", "the lock file is not a regular file")
                        .to_string(),
                    Cause::MountPoint => lang
                        .pick(
                            "このファイルはマウントポイントです。keiko はファイルを置き換えて保存しますが、\
                             マウントポイントは置き換えられないため、この場所では書き換えられません",
                            "the file is a mount point: keiko saves by replacing the file, which a mount point \
                             does not allow, so it cannot be rewritten in place",
                        )
                        .to_string(),
                    Cause::LockKeepsChanging => lang
                        .pick(
                            "待っている間にロックファイルかワークブックが何度も置き換えられました",
                            "the lock file or the workbook was replaced again and again while keiko waited",
                        )
                        .to_string(),
                    Cause::LockNotOurs { owner } => lang.pick(
                        format!("ロックファイルの所有者が {owner} です。書き手本人のものでなければなりません"),
                        format!("the lock file is owned by {owner}; only its writer's own lock counts"),
                    ),
                    Cause::LockHeld { wait, holder } => {
                        let (n, ja_unit, en_unit) = if wait.subsec_millis() == 0 && wait.as_secs() > 0 {
                            (wait.as_secs() as u128, "秒", " seconds")
                        } else {
                            (wait.as_millis(), "ミリ秒", " ms")
                        };
                        match holder {
                            Some(holder) => {
                                let who = lock_holder(holder);
                                lang.pick(
                                    format!("{who} が{n}{ja_unit}を超えてロックを保持しています"),
                                    format!("the lock has been held by {who} for over {n}{en_unit}"),
                                )
                            }
                            None => lang.pick(
                                format!("別のプログラムが{n}{ja_unit}を超えてロックを保持しています"),
                                format!("another program has held the lock for over {n}{en_unit}"),
                            ),
                        }
                    }
                };
                format!("{path}: {doing}: {why}")
            }
            StoreError::Corrupt { line, col, what, .. } => {
                let what = match what {
                    // The TOML reader's words are English only: in Japanese they go in brackets after ours.
                    Corruption::Toml(words) => lang.pick(format!("TOML の書き方に誤りがあります ({words})"), words.clone()),
                    Corruption::UnknownSchema(n) => {
                        lang.pick(format!("不明な形式のバージョン {n} です"), format!("unknown workbook format version {n}"))
                    }
                    Corruption::NotUtf8 { offset } => lang.pick(
                        format!("UTF-8 のテキストではありません (オフセット {offset} に不正なバイト)。ワークブックですか?"),
                        format!("not UTF-8 text (invalid byte at offset {offset}); is this a workbook?"),
                    ),
                };
                let quoted = shell_quote(&path.to_string());
                let aside = shell_quote(&format!("{path}.broken"));
                let advice = lang.pick(
                    "このファイルは変更していません。残したまま新しく始めるには、別名に移してください:",
                    "keiko has not changed this file. To keep it and start a new workbook, move it aside:",
                );
                format!("{path}:{line}:{col}: {what}\n{advice}\n    mv {quoted} {aside}")
            }
            StoreError::NewerSchema { found, by, .. } => {
                let this = keiko_core::store::KEIKO_VERSION;
                match by {
                    Some(by) => {
                        // The version is the file's text: made safe for the terminal.
                        let by = keiko_core::text::terminal_safe(by, false);
                        lang.pick(
                            format!(
                                "{path}: keiko {by} (形式 {found}) で書かれたワークブックです。この keiko は {this} です。keiko を新しくしてください (ファイルは変更していません)"
                            ),
                            format!(
                                "{path}: written by keiko {by} (schema {found}); this is keiko {this}: upgrade keiko (the file was left unchanged)"
                            ),
                        )
                    }
                    None => lang.pick(
                        format!(
                            "{path}: 新しい keiko (形式 {found}) で書かれたワークブックです。この keiko は {this} です。keiko を新しくしてください (ファイルは変更していません)"
                        ),
                        format!(
                            "{path}: written by a newer keiko (schema {found}); this is keiko {this}: upgrade keiko (the file was left unchanged)"
                        ),
                    ),
                }
            }
            StoreError::Symlink { target, .. } => {
                let target = target.as_ref().map(|t| t.display().to_string());
                lang.pick(
                    format!(
                        "{path}: シンボリックリンクです。keiko はリンク越しには書き込みません。--file で実体のパス ({}) を指定してください。",
                        target.clone().unwrap_or_else(|| "リンク先".into())
                    ),
                    format!(
                        "{path}: is a symbolic link; keiko never writes through a link. Use --file with the real path ({}).",
                        target.unwrap_or_else(|| "its target".into())
                    ),
                )
            }
            StoreError::NotAFile { .. } => {
                lang.pick(format!("{path}: 通常のファイルではありません"), format!("{path}: is not a regular file"))
            }
            StoreError::TooLarge { size, .. } => lang.pick(
                format!(
                    "{path}: ファイルが {size} バイトあり、ワークブックの上限 ({MAX_WORKBOOK_BYTES} バイト) を超えています。読み込まず、変更もしていません。"
                ),
                format!(
                    "{path}: the file is {size} bytes, more than a workbook can be ({MAX_WORKBOOK_BYTES} bytes); \
                     keiko has not read or changed it"
                ),
            ),
            StoreError::WouldBeTooLarge { size, .. } => lang.pick(
                format!(
                    "{path}: 保存できません。ワークブックが {size} バイトになり、上限 ({MAX_WORKBOOK_BYTES} バイト) を超えます。ファイルは元のままです。"
                ),
                format!(
                    "{path}: cannot save: the workbook would grow to {size} bytes, more than a workbook can be \
                     ({MAX_WORKBOOK_BYTES} bytes); it was left as it was"
                ),
            ),
            StoreError::NotYours { why, .. } => {
                let why = why.message(lang);
                lang.pick(
                    format!(
                        "{path}: このファイルの上には書き足しません ({why})。管理者に `sudo keiko team check --fix` を頼んでください。"
                    ),
                    format!(
                        "{path}: keiko will not build on this file ({why}); ask your administrator to run \
                         `sudo keiko team check --fix`"
                    ),
                )
            }
            StoreError::NotDurable { cause, .. } => {
                let why = os_error(cause, lang);
                lang.pick(
                    format!(
                        "{path}: 変更は保存しましたが、ディレクトリを同期できませんでした ({why})。今停電すると変更が失われることがあります。"
                    ),
                    format!(
                        "{path}: the change is saved, but its directory could not be synced ({why}); \
                         a power failure now could undo it"
                    ),
                )
            }
        }
    }
}

impl Localized for keiko_core::team::Unusable {
    /// One line, without the path (the list of files names it).
    fn message(&self, lang: Lang) -> String {
        use keiko_core::team::Unusable;
        match self {
            Unusable::NotAWorkbook => lang
                .pick("keiko のワークブックではありません (schema がありません)", "not a keiko workbook (no schema)")
                .into(),
            Unusable::Missing => lang.pick("ファイルがありません", "no such file").into(),
            Unusable::Os(e) => os_error(e, lang),
            Unusable::Store(e) => {
                if let keiko_core::store::StoreError::Io { cause: keiko_core::store::Cause::Os(os), .. } = &**e {
                    return os_error(os, lang);
                }
                // The store's words, first line, without the leading path.
                let full = e.message(lang);
                let first = full.lines().next().unwrap_or("");
                let prefix = format!("{}:", e.path().display());
                first.strip_prefix(&prefix).unwrap_or(first).trim_start().to_string()
            }
        }
    }
}

/// Who holds a lock, in the same words in both languages: `tanaka (keiko,
/// pid 1234)`, or as much of it as keiko could tell. The command's name is
/// whatever the process set: it never reaches the terminal as it is.
fn lock_holder(holder: &keiko_core::store::LockHolder) -> String {
    let pid = format!("pid {}", holder.pid);
    let inside = match &holder.command {
        Some(command) => format!("{}, {pid}", keiko_core::text::terminal_safe(command, false)),
        None => pid,
    };
    match &holder.login {
        Some(login) => format!("{} ({inside})", keiko_core::text::terminal_safe(login, false)),
        None => inside,
    }
}

impl Localized for keiko_core::team::access::TeamError {
    fn message(&self, lang: Lang) -> String {
        use keiko_core::team::access::TeamError;
        match self {
            TeamError::Unreadable { path, error } => lang.pick(
                format!("チームファイル {} を読めません: {}", path.display(), read_file_error(error, lang)),
                format!("cannot read the team file {}: {}", path.display(), read_file_error(error, lang)),
            ),
            TeamError::Invalid { path, reason } => lang.pick(
                format!("チームファイル {} が正しくありません: {reason}", path.display()),
                format!("the team file {} is not valid: {reason}", path.display()),
            ),
            // `team add` takes a plain login only: an account without a name
            // in the password database, or with another kind of name, needs
            // the administrator to give it one first.
            TeamError::NotInTeam { team, login } => match keiko_core::os::identity::unnamed_uid(login) {
                Some(uid) => lang.pick(
                    format!(
                        "このアカウント (uid {uid}) にはパスワードデータベース上の名前がないため、keiko はチーム {} に置けません。\
                         管理者に、このアカウントにログイン名を付けてもらってください",
                        team.display()
                    ),
                    format!(
                        "this account (uid {uid}) has no name in the password database, so keiko cannot place it in the team {}: \
                         ask your administrator to give the account a login name",
                        team.display()
                    ),
                ),
                None if !keiko_core::team::dir::is_plain_login(login) => lang.pick(
                    format!(
                        "ログイン名 {login} は英数字と . _ - だけの名前ではないため、keiko はチーム {} に置けません。\
                         管理者に、そのような名前のアカウントを頼んでください",
                        team.display()
                    ),
                    format!(
                        "the login {login} is not a plain name (letters, digits, '.', '_', '-'), so keiko cannot place it in the team {}: \
                         ask your administrator for an account with such a name",
                        team.display()
                    ),
                ),
                None => lang.pick(
                    format!(
                        "{login} さんの場所はチーム {} にまだありません。管理者に `sudo keiko team add {login}` を頼んでください",
                        team.display()
                    ),
                    format!(
                        "{login} has no place in the team {} yet: ask your administrator to run `sudo keiko team add {login}`",
                        team.display()
                    ),
                ),
            },
            TeamError::Layout { path, found } => {
                let dir = keiko_core::store::shell_quote(&path.parent().unwrap_or(path).display().to_string());
                lang.pick(
                    format!(
                        "チームファイル {} は古い配置 (レイアウト {found}) のままです。この keiko はレイアウト {} だけを使います。管理者に `sudo keiko team migrate {dir}` を頼んでください",
                        path.display(),
                        keiko_core::team::dir::LAYOUT
                    ),
                    format!(
                        "the team file {} is of layout {found}; this keiko uses layout {} only: ask your administrator to run `sudo keiko team migrate {dir}`",
                        path.display(),
                        keiko_core::team::dir::LAYOUT
                    ),
                )
            }
        }
    }
}

/// Team mode's words that are not errors of a type.
pub mod team_words {
    use super::Lang;

    /// In the team's summary line: coaches' records that could not be used
    /// (opening the learner names each, with why).
    pub fn records_not_read(lang: Lang) -> &'static str {
        lang.pick("読めないコーチの記録", "coach records not read")
    }

    /// On a level: how many sign-offs or returns nobody vouches for.
    pub fn unverified_count(lang: Lang, n: usize) -> String {
        lang.pick(format!("未確認 {n} 件"), format!("{n} unverified"))
    }

    /// In the team table: a learner on the roster without a workbook yet.
    pub fn not_started(lang: Lang) -> &'static str {
        lang.pick("未開始", "not started")
    }

    pub fn no_team(lang: Lang) -> String {
        lang.pick(
            "見るワークブックかディレクトリ (PATH) を指定してください。チームを使うには管理者が `sudo keiko team init` を実行します".into(),
            "name the workbooks or directories to review (PATH); for a team, an administrator runs `sudo keiko team init`".into(),
        )
    }

    /// A coach added to the team's group after logging in: the session does not have the group yet.
    pub fn log_in_again(lang: Lang, group: &str) -> String {
        lang.pick(
            format!("コーチのグループ {group} に加わったばかりです。ログアウトしてもう一度ログインすると、学習者のワークブックを読めます (今すぐなら `newgrp {group}`)"),
            format!("you were just added to the coaches' group {group}: log out and in again to read the learners' workbooks (or, for now, `newgrp {group}`)"),
        )
    }

    pub fn role_set_by_team(lang: Lang, role: &str) -> String {
        lang.pick(
            format!("役割はチームが {role} に決めています (変えるにはコーチか管理者へ)"),
            format!("your role is set by your team ({role}); ask your coach or administrator to change it"),
        )
    }
}

/// The skills matrix and its list of who holds a level.
pub mod matrix_words {
    use super::Lang;
    use keiko_core::team::matrix::SignOff;

    pub fn title(lang: Lang) -> &'static str {
        lang.pick("スキル表", "Skills matrix")
    }

    /// The coverage line's label: how many of `total` hold level `n` or above.
    pub fn coverage(lang: Lang, n: u8, total: usize) -> String {
        lang.pick(format!("Lv{n}以上 ({total}人中)"), format!("level {n}+ (of {total})"))
    }

    /// The header's word for the level counted, and the keys that change it.
    pub fn counting(lang: Lang, n: u8) -> String {
        lang.pick(format!("集計: レベル{n}以上"), format!("counting: level {n} or above"))
    }

    /// The order: the name column (A to Z, or back), or a competency's (highest first, or lowest).
    pub fn order(lang: Lang, column: &str, name: bool, reverse: bool) -> String {
        let way = match (name, reverse) {
            (true, false) => lang.pick("読み順", "A to Z"),
            (true, true) => lang.pick("読みの逆順", "Z to A"),
            (false, false) => lang.pick("高い順", "highest first"),
            (false, true) => lang.pick("低い順", "lowest first"),
        };
        format!("{column} ({way})")
    }

    /// Competency columns shown when they do not all fit: `first`-`last` of `total`.
    pub fn columns(lang: Lang, first: usize, last: usize, total: usize) -> String {
        lang.pick(format!("列 {first}-{last}/{total}"), format!("columns {first}-{last}/{total}"))
    }

    /// The holders list's count: `n` of `total` hold the level or above.
    pub fn holders(lang: Lang, n: usize, total: usize, level: u8) -> String {
        lang.pick(
            format!("{total}人中 {n}人がレベル{level}以上"),
            format!("{n} of {total} hold level {level} or above"),
        )
    }

    pub fn nobody(lang: Lang) -> &'static str {
        lang.pick("このレベル以上の人はまだいません。", "Nobody holds this level yet.")
    }

    /// Column titles of the holders list.
    pub fn login(lang: Lang) -> &'static str {
        lang.pick("ログイン", "Login")
    }

    pub fn level(lang: Lang) -> &'static str {
        lang.pick("レベル", "Level")
    }

    pub fn signoff(lang: Lang) -> &'static str {
        lang.pick("承認", "Sign-off")
    }

    /// What the marks of the matrix's cells mean.
    pub fn legend(lang: Lang) -> &'static str {
        lang.pick("- 目標未満  = 目標どおり  + 目標超え", "- below target  = at target  + above target")
    }

    /// A holder's sign-off of the level asked about.
    pub fn signoff_state(lang: Lang, state: SignOff) -> String {
        match state {
            SignOff::Signed(l) => lang.pick(format!("承認済み (Lv{l})"), format!("signed off (level {l})")),
            SignOff::Stale(l) => lang.pick(format!("要再確認の承認 (Lv{l})"), format!("stale sign-off (level {l})")),
            SignOff::Unverified(l) => {
                lang.pick(format!("未確認の承認 (Lv{l})"), format!("unverified sign-off (level {l})"))
            }
            SignOff::NotSignedOff => lang.pick("未承認", "not signed off").into(),
        }
    }
}

/// The chart of progress over time, and the team table's activity column.
pub mod chart_words {
    use super::Lang;

    pub fn learner_title(lang: Lang) -> &'static str {
        lang.pick("進み具合の推移", "Progress over time")
    }

    pub fn team_title(lang: Lang) -> &'static str {
        lang.pick("目標に達した学習者の推移", "Learners at target over time")
    }

    /// What the bars count, under the title.
    pub fn learner_measure(lang: Lang) -> &'static str {
        lang.pick(
            "各週の終わりに目標に向けてチェック済みの行動",
            "statements checked toward the target at the end of each week",
        )
    }

    pub fn team_measure(lang: Lang) -> &'static str {
        lang.pick("各週の終わりに全目標に達していた学習者", "learners at every target at the end of each week")
    }

    /// The label of the target line.
    pub fn target(lang: Lang, n: usize) -> String {
        lang.pick(format!("目標 {n}"), format!("target {n}"))
    }

    /// Instead of an empty chart.
    pub fn nothing_yet(lang: Lang) -> &'static str {
        lang.pick("まだ記録がありません", "Nothing yet")
    }

    pub fn nothing_yet_learner(lang: Lang) -> &'static str {
        lang.pick(
            "行動をチェックすると、ここに週ごとの進み具合が表示されます。",
            "Check statements, and your progress shows here week by week.",
        )
    }

    pub fn nothing_yet_team(lang: Lang) -> &'static str {
        lang.pick(
            "学習者が記録を始めると、ここに週ごとの推移が表示されます。",
            "Once learners start, the weeks show here.",
        )
    }

    /// The team table's column of changes per week.
    pub fn activity_heading(lang: Lang) -> &'static str {
        lang.pick("12週", "12 wks")
    }
}

/// The Excel report (`review --export xlsx`): sheet names, headers, labels.
/// `review --export csv|md`'s words that are not column names.
pub mod review_export_words {
    use super::Lang;

    /// After the Markdown overview's summary line: the files not read, listed below the table.
    pub fn not_read(lang: Lang, n: usize) -> String {
        lang.pick(format!("、読めなかったファイル {n} 件 (表の下)"), format!(", {n} files not read (below the table)"))
    }
}

pub mod xlsx_words {
    use super::Lang;

    /// The four sheets: summary, matrix, statements, progress.
    pub fn sheets(lang: Lang) -> [&'static str; 4] {
        lang.pick(["概要", "スキル表", "行動", "推移"], ["Summary", "Matrix", "Statements", "Progress"])
    }

    /// The summary's labels: team, framework, date, learners, at target,
    /// reviews waiting, returned, stale sign-offs, files not read.
    pub fn summary(lang: Lang) -> [&'static str; 9] {
        lang.pick(
            [
                "チーム",
                "フレームワーク",
                "日付",
                "学習者",
                "目標到達",
                "レビュー待ち",
                "差し戻し",
                "要再確認のサインオフ",
                "読めなかったファイル",
            ],
            [
                "Team",
                "Framework",
                "Date",
                "Learners",
                "At target",
                "Reviews waiting",
                "Returned",
                "Stale sign-offs",
                "Files not read",
            ],
        )
    }

    /// Beside the summary's "files not read" label, over its list: why, and
    /// the learner the file is for (the path's label is the list's).
    pub fn not_read_columns(lang: Lang) -> [&'static str; 3] {
        lang.pick(["理由", "学習者", "ログイン"], ["Why", "Learner", "Login"])
    }

    /// The legend of the matrix's marks: below, at and above target (the app's matrix marks).
    pub fn marks(lang: Lang) -> [&'static str; 3] {
        lang.pick(["- 目標未満", "= 目標どおり", "+ 目標以上"], ["- below target", "= at target", "+ above target"])
    }

    /// Headers: competency, its name (the summary's legend).
    pub fn competency(lang: Lang) -> [&'static str; 2] {
        lang.pick(["能力", "名前"], ["Competency", "Name"])
    }

    /// The matrix's first columns: name, login, role.
    pub fn matrix(lang: Lang) -> [&'static str; 3] {
        lang.pick(["名前", "ログイン", "役割"], ["Name", "Login", "Role"])
    }

    /// A competency's two matrix columns: `SM-5 achieved`, `SM-5 target`.
    pub fn levels(lang: Lang, id: &str) -> [String; 2] {
        lang.pick([format!("{id} 達成"), format!("{id} 目標")], [format!("{id} achieved"), format!("{id} target")])
    }

    /// The statements sheet's columns.
    pub fn statements(lang: Lang) -> [&'static str; 9] {
        lang.pick(
            ["学習者", "ログイン", "能力", "レベル", "行動 ID", "行動", "チェック", "チェック日時 (UTC)", "メモ"],
            [
                "Learner",
                "Login",
                "Competency",
                "Level",
                "Statement ID",
                "Statement",
                "Checked",
                "Checked at (UTC)",
                "Note",
            ],
        )
    }

    /// The progress sheet's columns: week (its Monday), learners at target, learners.
    pub fn progress(lang: Lang) -> [&'static str; 3] {
        lang.pick(["週 (月曜)", "目標到達の学習者", "学習者"], ["Week of", "Learners at target", "Learners"])
    }

    pub fn chart_title(lang: Lang) -> &'static str {
        lang.pick("目標到達の学習者 (週ごと)", "Learners at target, week by week")
    }

    /// `-o` missing: a workbook file is never written to the terminal.
    pub fn needs_output(lang: Lang) -> &'static str {
        lang.pick(
            "--export xlsx には -o FILE.xlsx が必要です (Excel ファイルは端末に出力しません)",
            "--export xlsx needs -o FILE.xlsx (an Excel file is not printed to the terminal)",
        )
    }

    /// More learner × statement rows than one Excel sheet holds.
    pub fn too_many_rows(lang: Lang, rows: usize, limit: u32) -> String {
        lang.pick(
            format!("行動シートが {rows} 行になり、Excel の上限 {limit} 行を超えます。PATH で学習者を絞ってください"),
            format!(
                "the statements sheet would have {rows} rows, more than Excel's {limit}; name fewer learners (PATH)"
            ),
        )
    }

    pub fn cannot_make(lang: Lang, error: &str) -> String {
        lang.pick(
            format!("Excel ファイルを作れませんでした: {error}"),
            format!("could not make the Excel file: {error}"),
        )
    }
}

impl Localized for keiko_core::model::workbook::Trust {
    /// How a coach's record is labelled: verified, no team, or why not.
    fn message(&self, lang: Lang) -> String {
        use keiko_core::model::workbook::Trust;
        match self {
            Trust::Verified => lang.pick("確認済み", "verified").into(),
            Trust::NoTeam => lang.pick("未確認 (チームなし)", "not verified (no team)").into(),
            Trust::Unverified(why) => {
                lang.pick(format!("未確認: {}", why.message(lang)), format!("unverified: {}", why.message(lang)))
            }
        }
    }
}

impl Localized for keiko_core::model::workbook::Unverified {
    fn message(&self, lang: Lang) -> String {
        use keiko_core::model::workbook::Unverified;
        match self {
            Unverified::InLearnersFile => {
                lang.pick("学習者本人のファイルに書かれています", "written in the learner's own file").into()
            }
            Unverified::TeamFileOwner { owner } => lang.pick(
                format!("チームファイルの所有者が {owner} です (root かチームディレクトリの所有者であること)"),
                format!("the team file is owned by {owner} (must be root or the team directory's owner)"),
            ),
            Unverified::TeamFileWritable => lang
                .pick(
                    "チームファイルを所有者以外も書き換えられます",
                    "the team file can be written by others than its owner",
                )
                .into(),
            Unverified::NotARegularFile => lang
                .pick("コーチのファイルが通常のファイルではありません", "the coach's file is not a regular file")
                .into(),
            Unverified::OwnerIsNotNamed { owner, named } => lang.pick(
                format!("{named} のファイルのはずが、所有者は {owner} です"),
                format!("the file is {named}'s by name but owned by {owner}"),
            ),
            Unverified::FileWritable => lang
                .pick("コーチのファイルを本人以外も書き換えられます", "the coach's file can be written by others")
                .into(),
            Unverified::NotACoach { login } => lang.pick(
                format!("{login} はチームファイルのコーチにいません"),
                format!("{login} is not a coach in the team file"),
            ),
            Unverified::ForAnotherLearner { named } => lang.pick(
                format!("別の学習者 ({named}) 宛てのファイルです"),
                format!("the file is for another learner ({named})"),
            ),
            Unverified::Linked { links } => lang.pick(
                format!("ファイルに名前が {links} つあります (ハードリンク)"),
                format!("the file has {links} names (hard links)"),
            ),
            Unverified::OwnLevels => lang
                .pick(
                    "コーチ本人のレベルへの判定です (自分では承認できません)",
                    "a coach's verdict on their own levels",
                )
                .into(),
            Unverified::TeamFileInvalid { reason } => {
                let reason = keiko_core::text::terminal_safe(reason, false);
                lang.pick(
                    format!("チームファイルが読めないか正しくありません ({reason})。直るまでどの確認も数えません"),
                    format!(
                        "the team file cannot be read or is not valid ({reason}); nothing counts until it is put right"
                    ),
                )
            }
            Unverified::FromTheFuture => lang
                .pick("この端末の時計より先の日時が書かれています", "it holds a time later than this host's clock")
                .into(),
        }
    }
}

impl Localized for keiko_core::model::workbook::UnreadRecord {
    /// "tanaka's record cannot be used (…): its sign-offs, returns and comments are not shown".
    fn message(&self, lang: Lang) -> String {
        use keiko_core::model::workbook::Unreadable;
        let coach = keiko_core::text::terminal_safe(&self.coach, false);
        let why = match &self.why {
            Unreadable::Broken { line, col, words } => {
                let words = keiko_core::text::terminal_safe(words, false);
                lang.pick(format!("{line}:{col}: 壊れています ({words})"), format!("{line}:{col}: broken ({words})"))
            }
            Unreadable::NotUtf8 => lang.pick("UTF-8 のテキストではありません", "not UTF-8 text").into(),
            Unreadable::NewerSchema { found, by } => {
                let this = keiko_core::store::KEIKO_VERSION;
                let by = match by {
                    Some(by) => format!("keiko {}", keiko_core::text::terminal_safe(by, false)),
                    None => lang.pick("新しい keiko", "a newer keiko").to_string(),
                };
                lang.pick(
                    format!(
                        "{by} (形式 {found}) で書かれています。この keiko は {this} です。keiko を新しくしてください"
                    ),
                    format!("written by {by} (schema {found}); this is keiko {this}: upgrade keiko"),
                )
            }
            Unreadable::TooLarge { size } => {
                lang.pick(format!("{size} バイトあり、上限を超えています"), format!("{size} bytes, over the limit"))
            }
            Unreadable::NotAFile => lang
                .pick("シンボリックリンクか通常のファイルではありません", "a symbolic link or not a regular file")
                .into(),
            Unreadable::Os(e) => os_error(e, lang),
        };
        lang.pick(
            format!("{coach} の記録を読めません ({why})。その承認・差し戻し・コメントは表示していません"),
            format!("{coach}'s record cannot be used ({why}): its sign-offs, returns and comments are not shown"),
        )
    }
}

impl Localized for keiko_core::clock::ClockOutOfRange {
    fn message(&self, lang: Lang) -> String {
        lang.strings().clock_out_of_range.to_string()
    }
}

/// Why a file could not be read, in words (a framework file, a review PATH).
pub fn read_file_error(error: &keiko_core::os::files::ReadFileError, lang: Lang) -> String {
    use keiko_core::os::files::ReadFileError;
    match error {
        ReadFileError::Os(e) => os_error(e, lang),
        ReadFileError::NotAFile => lang.pick("通常のファイルではありません", "not a regular file").into(),
        ReadFileError::TooLarge(size) => {
            let cap = keiko_core::model::framework::MAX_FRAMEWORK_BYTES;
            lang.pick(
                format!("ファイルが {size} バイトあり、上限 ({cap} バイト) を超えています"),
                format!("the file is {size} bytes, more than a framework can be ({cap} bytes)"),
            )
        }
    }
}

impl Localized for keiko_core::model::framework::Rule {
    /// One problem, naming the id it is about.
    fn message(&self, lang: Lang) -> String {
        use keiko_core::model::framework::Rule;
        match self {
            Rule::EmptyFrameworkId => lang.pick("フレームワークの id が空です", "the framework has an empty id").into(),
            Rule::NoRoles => lang.pick("役割が定義されていません", "the framework defines no roles").into(),
            Rule::InvalidRoleCode(code) => {
                lang.pick(format!("役割 {code:?}: 役割コードが正しくありません"), format!("role {code:?}: invalid role code"))
            }
            Rule::DuplicateRoleCode(code) => {
                lang.pick(format!("役割 {code}: 役割コードが重複しています"), format!("role {code}: duplicate role code"))
            }
            Rule::NoCompetencies => {
                lang.pick("コンピテンシーがありません", "the framework has no competencies").into()
            }
            Rule::InvalidCompetencyId(id) => {
                lang.pick(format!("コンピテンシー {id:?}: id が正しくありません"), format!("competency {id:?}: invalid id"))
            }
            Rule::DuplicateCompetencyId(id) => {
                lang.pick(format!("{id}: コンピテンシーの id が重複しています"), format!("{id}: duplicate competency id"))
            }
            Rule::EmptyCompetencyName(id) => {
                lang.pick(format!("{id}: コンピテンシーの名前が空です"), format!("{id}: the competency has an empty name"))
            }
            Rule::NoLevels(id) => {
                lang.pick(format!("{id}: コンピテンシーにレベルがありません"), format!("{id}: the competency has no levels"))
            }
            Rule::LevelOutOfOrder { competency, found, expected } => lang.pick(
                format!(
                    "{competency}: レベル {found} の順番が正しくありません (レベルは 1, 2, 3, … の順に番号を付けます。ここは {expected} のはずです)"
                ),
                format!(
                    "{competency}: level {found} is out of order (levels must be numbered 1, 2, 3, … in order; expected {expected})"
                ),
            ),
            Rule::EmptyLevel { competency, level } => lang.pick(
                format!("{competency}: レベル {level} に行動がありません"),
                format!("{competency}: level {level} has no statements"),
            ),
            Rule::InvalidStatementId { competency, statement } => lang.pick(
                format!("{competency}: 行動 {statement:?}: id が正しくありません"),
                format!("{competency}: statement {statement:?}: invalid id"),
            ),
            Rule::DuplicateStatementId(id) => {
                lang.pick(format!("{id}: 行動の id が重複しています"), format!("{id}: duplicate statement id"))
            }
            Rule::EmptyStatement(id) => lang.pick(format!("{id}: 行動の文が空です"), format!("{id}: empty statement")),
            Rule::UnknownRoleInTargets { competency, role } => lang.pick(
                format!("{competency}: 目標が不明な役割 {role} を指しています"),
                format!("{competency}: target names unknown role {role}"),
            ),
            Rule::TargetOutsideLevels { competency, role, target, top } => lang.pick(
                format!("{competency}: {role} の目標レベル {target} がコンピテンシーのレベル 1–{top} の外です"),
                format!("{competency}: target level {target} for {role} is outside the competency's levels 1–{top}"),
            ),
            Rule::MissingTarget { competency, role } => lang.pick(
                format!("{competency}: 役割 {role} の目標レベルがありません"),
                format!("{competency}: no target level for role {role}"),
            ),
        }
    }
}

impl Localized for keiko_core::model::framework::FrameworkError {
    /// One line per problem, each starting with the file's path.
    fn message(&self, lang: Lang) -> String {
        use keiko_core::model::framework::FrameworkError;
        match self {
            FrameworkError::Io { path, cause } => {
                let why = read_file_error(cause, lang);
                lang.pick(
                    format!("{path}: フレームワークを読めません: {why}"),
                    format!("{path}: cannot read framework: {why}"),
                )
            }
            FrameworkError::Syntax { path, line, col, parser } => {
                let what = parser
                    .clone()
                    .unwrap_or_else(|| lang.pick("UTF-8 のテキストではありません", "not UTF-8 text").into());
                format!("{path}:{line}:{col}: {what}")
            }
            FrameworkError::Invalid { path, problems } => {
                problems.iter().map(|p| format!("{path}: {}", p.message(lang))).collect::<Vec<_>>().join("\n")
            }
        }
    }
}

// The config file's errors (keys and settings from `config.toml`).

impl Localized for crate::config::ConfigError {
    /// `PATH:LINE:COL: what is wrong` (just `PATH: …` when the file cannot be read).
    fn message(&self, lang: Lang) -> String {
        use crate::config::{Expected, Mistake};
        let names = |actions: &[Action]| actions.iter().map(|a| a.name()).collect::<Vec<_>>().join(", ");
        let what = match &self.problem {
            Mistake::Unreadable(keiko_core::os::files::ReadFileError::TooLarge(size)) => lang.pick(
                format!("設定ファイルが {size} バイトあり、大きすぎます"),
                format!("the config file is {size} bytes, too large to be one"),
            ),
            Mistake::Unreadable(cause) => {
                let why = read_file_error(cause, lang);
                lang.pick(format!("設定ファイルを読めません: {why}"), format!("cannot read the config file: {why}"))
            }
            Mistake::NotUtf8 => lang.pick("UTF-8 のテキストではありません", "not UTF-8 text").into(),
            Mistake::Syntax(parser) => parser.trim().to_string(),
            Mistake::UnknownSetting(key) => lang.pick(
                format!("不明な設定 '{key}' (使える設定: lang, ascii, keys)"),
                format!("unknown setting '{key}' (the settings are lang, ascii, keys)"),
            ),
            Mistake::BadLang => lang.pick("lang は \"ja\" か \"en\" です", "lang is \"ja\" or \"en\"").into(),
            Mistake::WrongType { key, expected } => {
                let (ja, en) = match expected {
                    Expected::Lang => ("\"ja\" か \"en\"", "\"ja\" or \"en\""),
                    Expected::Bool => ("true か false", "true or false"),
                    Expected::Table => ("テーブル", "a table"),
                    Expected::Keys => ("キーの文字列かその配列", "a key as a string, or an array of them"),
                    Expected::Path => ("ディレクトリのパス (文字列)", "a directory path (a string)"),
                };
                lang.pick(format!("{key} には{ja}を書きます"), format!("{key} must be {en}"))
            }
            Mistake::UnknownScreen(name) => {
                let all = crate::tui::keymap::Section::ALL.map(|s| s.name()).join(", ");
                lang.pick(
                    format!("不明な画面 '{name}' (使える画面: {all})"),
                    format!("unknown screen '{name}' (the screens are {all})"),
                )
            }
            Mistake::UnknownAction { screen, action, known } => {
                let (screen, known) = (screen.name(), names(known));
                lang.pick(
                    format!("画面 {screen} に操作 '{action}' はありません (使える操作: {known})"),
                    format!("unknown action '{action}' on screen {screen} (its actions are {known})"),
                )
            }
            Mistake::UnknownKey(key) => lang.pick(
                format!("不明なキー '{key}' (例: q, Enter, F5, Ctrl-l, Alt-Enter, Shift-Tab)"),
                format!("unknown key '{key}' (for example q, Enter, F5, Ctrl-l, Alt-Enter, Shift-Tab)"),
            ),
            Mistake::Clash { screen, key, first, second } => {
                let (screen, first, second) = (screen.name(), first.name(), second.name());
                lang.pick(
                    format!("画面 {screen} でキー {key} が {first} と {second} の両方に割り当てられています"),
                    format!("on screen {screen}, {key} is bound to both {first} and {second}"),
                )
            }
        };
        let path = keiko_core::text::terminal_safe(&self.path.display().to_string(), false);
        let what = keiko_core::text::terminal_safe(&what, false);
        if self.line == 0 { format!("{path}: {what}") } else { format!("{path}:{}:{}: {what}", self.line, self.col) }
    }
}

/// `keiko config path` without a home directory to put it in.
pub fn no_config_dir(lang: Lang) -> &'static str {
    lang.pick(
        "設定ファイルの置き場所がありません (ホームディレクトリが見つかりません)",
        "there is no place for a config file: no home directory was found",
    )
}

/// Said once after a config file's errors.
pub fn config_ignored(lang: Lang) -> &'static str {
    lang.pick(
        "設定ファイルにエラーがあるため、keiko は既定の設定で動きます",
        "keiko uses its default settings, as the config file has errors",
    )
}

// ---- `keiko team init/add/check` (src/cli/team_cmd.rs) ----

fn shown(path: &std::path::Path) -> String {
    keiko_core::text::terminal_safe(&path.display().to_string(), false)
}

impl Localized for crate::cli::team_cmd::Done {
    fn message(&self, lang: Lang) -> String {
        use crate::cli::team_cmd::Done;
        match self {
            Done::GroupCreated(g) => lang.pick(format!("グループ {g} を作成しました"), format!("created group {g}")),
            Done::GroupExists(g) => {
                lang.pick(format!("グループ {g} はすでにあります"), format!("group {g} already exists"))
            }
            Done::CoachAdded { login, group } => lang.pick(
                format!("コーチ {login} をグループ {group} に追加しました"),
                format!("added coach {login} to group {group}"),
            ),
            Done::CoachInGroup { login, group } => lang.pick(
                format!("コーチ {login} はすでにグループ {group} にいます"),
                format!("coach {login} is already in group {group}"),
            ),
            Done::DirCreated(p) => lang.pick(
                format!("{} を作成しました (所有者・グループ・モードを設定)", shown(p)),
                format!("created {} (owner, group and mode set)", shown(p)),
            ),
            Done::DirFixed(p) => lang.pick(
                format!("{} の所有者・グループ・モードを直しました", shown(p)),
                format!("fixed the owner, group or mode of {}", shown(p)),
            ),
            Done::DirOk(p) => lang.pick(
                format!("{} はすでに正しい所有者・グループ・モードです", shown(p)),
                format!("{} already has the right owner, group and mode", shown(p)),
            ),
            Done::TeamFileWritten(p) => {
                lang.pick(format!("チームファイル {} を書きました", shown(p)), format!("wrote team file {}", shown(p)))
            }
            Done::TeamFileOk(p) => lang.pick(
                format!("チームファイル {} はすでにこのとおりです", shown(p)),
                format!("team file {} is already so", shown(p)),
            ),
            Done::SystemConfigWritten(p) => lang.pick(
                format!("システム設定 {} にチームを書きました", shown(p)),
                format!("wrote the team into system config {}", shown(p)),
            ),
            Done::SystemConfigOk(p) => lang.pick(
                format!("システム設定 {} はすでにこのチームを指しています", shown(p)),
                format!("system config {} already names this team", shown(p)),
            ),
            Done::RosterAdded(l) => lang.pick(format!("{l} を名簿に追加しました"), format!("added {l} to the roster")),
            Done::RosterUpdated(l) => {
                lang.pick(format!("名簿の {l} を更新しました"), format!("updated {l} on the roster"))
            }
            Done::RosterOk(l) => {
                lang.pick(format!("{l} はすでに名簿にこのとおりあります"), format!("{l} is already on the roster so"))
            }
        }
    }
}

impl Localized for crate::cli::team_cmd::AdminError {
    fn message(&self, lang: Lang) -> String {
        use crate::cli::team_cmd::AdminError;
        match self {
            AdminError::NeedsRoot { command } => lang.pick(
                format!("このコマンドは所有者とグループを変更するため root 権限が必要です。root で実行してください: sudo {command}"),
                format!("this command changes owners and groups: run it as root: sudo {command}"),
            ),
            AdminError::BadLogins { not_plain, missing } => {
                let list = |logins: &[String]| {
                    logins.iter().map(|l| keiko_core::text::terminal_safe(l, false)).collect::<Vec<_>>().join(", ")
                };
                let mut parts = Vec::new();
                if !missing.is_empty() {
                    let (ja, en) = (format!("このホストにアカウントがありません: {}", list(missing)), format!("no such account on this host: {}", list(missing)));
                    parts.push(lang.pick(ja, en));
                }
                if !not_plain.is_empty() {
                    let (ja, en) = (
                        format!("ログイン名として使えません (英数字と . _ - のみ): {}", list(not_plain)),
                        format!("not usable as a login (letters, digits, . _ - only): {}", list(not_plain)),
                    );
                    parts.push(lang.pick(ja, en));
                }
                parts.join("\n")
            }
            AdminError::BadGroupName(g) => {
                let g = keiko_core::text::terminal_safe(g, false);
                lang.pick(format!("グループ名として使えません: {g}"), format!("not usable as a group name: {g}"))
            }
            AdminError::NoTeam { config } => lang.pick(
                format!(
                    "チームが設定されていません ({} に team がありません)。先に sudo keiko team init DIR --coaches LOGIN を実行するか、--team DIR を指定してください",
                    shown(config)
                ),
                format!(
                    "no team is set up ({} names none): run sudo keiko team init DIR --coaches LOGIN first, or give --team DIR",
                    shown(config)
                ),
            ),
            AdminError::GroupMissing(g) => lang.pick(
                format!("グループ {g} がありません。sudo keiko team init で作成してください"),
                format!("group {g} does not exist: sudo keiko team init creates it"),
            ),
            AdminError::NotADirectory(p) => lang.pick(
                format!("{} はディレクトリではありません。変更していません", shown(p)),
                format!("{} is not a directory: nothing changed there", shown(p)),
            ),
            AdminError::Io { path, error } => format!("{}: {}", shown(path), os_error(error, lang)),
            AdminError::Invalid { path, error } => {
                let error = keiko_core::text::terminal_safe(error, false);
                lang.pick(
                    format!("{} に誤りがあるため変更しません: {error}", shown(path)),
                    format!("{} has errors, so it is left as it is: {error}", shown(path)),
                )
            }
            AdminError::Layout { path, found } => {
                keiko_core::team::access::TeamError::Layout { path: path.clone(), found: *found }.message(lang)
            }
            AdminError::SystemGroup { group, gid } => lang.pick(
                format!("{group} (gid {gid}) はシステムのグループです。チーム専用のグループを使ってください (--group を外すと keiko-DIR 名を作ります。どうしても使うなら --force)"),
                format!("{group} (gid {gid}) is a system group: give the team a group of its own (without --group keiko makes keiko-DIRNAME; --force to use it anyway)"),
            ),
            AdminError::GroupHasOthers { group, others } => {
                let others = others.iter().map(|l| keiko_core::text::terminal_safe(l, false)).collect::<Vec<_>>().join(", ");
                lang.pick(
                    format!("グループ {group} にはこのチームのコーチ以外のメンバーがいます ({others})。全員が学習者のノートを読めるようになります。別のグループを使うか、--force を付けてください"),
                    format!("group {group} has members who are not this team's coaches ({others}): they would all read every learner's notes; use another group, or --force"),
                )
            }
            AdminError::SystemAccount { login, uid } => lang.pick(
                format!("{login} (uid {uid}) はシステムのアカウントです。学習者にはできません"),
                format!("{login} (uid {uid}) is a system account, not a learner's"),
            ),
            AdminError::BothCoachAndLearner(logins) => {
                let logins = logins.iter().map(|l| keiko_core::text::terminal_safe(l, false)).collect::<Vec<_>>().join(", ");
                lang.pick(
                    format!("{logins} はコーチと学習者の両方にはなれません (自分のレベルを自分で承認できてしまいます)"),
                    format!("{logins} cannot be both a coach and a learner (they would sign off their own levels)"),
                )
            }
            AdminError::Failed { what, error } => {
                let (what, error) = (keiko_core::text::terminal_safe(what, false), keiko_core::text::terminal_safe(error, false));
                lang.pick(format!("{what} に失敗しました: {error}"), format!("{what} failed: {error}"))
            }
        }
    }
}

impl Localized for crate::cli::team_cmd::Problem {
    fn message(&self, lang: Lang) -> String {
        use crate::cli::team_cmd::Problem;
        match self {
            Problem::CannotLook { path, error } => {
                let error = os_error(error, lang);
                lang.pick(
                    format!("{} を調べられません ({error})。確認できていません", shown(path)),
                    format!("could not look into {} ({error}): not checked", shown(path)),
                )
            }
            Problem::TeamDirMissing(p) => lang.pick(
                format!("チームディレクトリ {} がありません", shown(p)),
                format!("team directory {} is missing", shown(p)),
            ),
            Problem::NotADirectory(p) => lang
                .pick(format!("{} はディレクトリではありません", shown(p)), format!("{} is not a directory", shown(p))),
            Problem::TeamFileMissing(p) => lang.pick(
                format!("チームファイル {} がありません", shown(p)),
                format!("team file {} is missing", shown(p)),
            ),
            Problem::TeamFileInvalid { path, error } => {
                let error = keiko_core::text::terminal_safe(error, false);
                lang.pick(
                    format!("{} に誤りがあります: {error}", shown(path)),
                    format!("{} has errors: {error}", shown(path)),
                )
            }
            Problem::GroupMissing(g) => {
                lang.pick(format!("グループ {g} がありません"), format!("group {g} does not exist"))
            }
            Problem::Owner { path, found, want } => lang.pick(
                format!("{} の所有者が {found} です ({want} であること)", shown(path)),
                format!("{} is owned by {found} (should be {want})", shown(path)),
            ),
            Problem::Mode { path, found, want } => lang.pick(
                format!("{} のモードが {found:04o} です ({want:04o} であること)", shown(path)),
                format!("{} has mode {found:04o} (should be {want:04o})", shown(path)),
            ),
            Problem::NotPlain(l) => {
                let l = keiko_core::text::terminal_safe(l, false);
                lang.pick(
                    format!("チームファイルの '{l}' はログイン名として使えません"),
                    format!("'{l}' in the team file is not usable as a login"),
                )
            }
            Problem::NoAccount(l) => lang.pick(
                format!("{l} はチームファイルにありますが、このホストにアカウントがありません"),
                format!("{l} is in the team file but has no account on this host"),
            ),
            Problem::NotInGroup { login, group } => lang.pick(
                format!("コーチ {login} がグループ {group} に入っていません"),
                format!("coach {login} is not in group {group}"),
            ),
            Problem::LearnerDirMissing { login, path } => lang.pick(
                format!("名簿の {login} のディレクトリ {} がありません", shown(path)),
                format!("{login} is on the roster but has no directory {}", shown(path)),
            ),
            Problem::NotOnRoster(p) => lang.pick(
                format!("{} は名簿にない学習者のディレクトリです", shown(p)),
                format!("{} is a directory of nobody on the roster", shown(p)),
            ),
            Problem::Symlink(p) => {
                lang.pick(format!("{} はシンボリックリンクです", shown(p)), format!("{} is a symbolic link", shown(p)))
            }
            Problem::Stray(p) => lang.pick(
                format!("{} はチームに置くものではありません", shown(p)),
                format!("{} does not belong in the team", shown(p)),
            ),
            Problem::Unverifiable { path, coach, owner, listed: false } => lang.pick(
                format!(
                    "{} は確認できません: {coach} はチームファイルのコーチにいません (所有者 {owner})",
                    shown(path)
                ),
                format!("{} cannot be verified: {coach} is not a coach in the team file (owner {owner})", shown(path)),
            ),
            Problem::OldLayout(p) => lang.pick(
                format!("チーム {} は古い配置のままです (コーチの記録が学習者のディレクトリにあり、学習者が差し替えられます)", shown(p)),
                format!("the team {} is still in the first layout (coaches' records in the learners' own directories, where the learners can swap them)", shown(p)),
            ),
            Problem::Linked(p) => lang.pick(
                format!("{} に名前が複数あります (ハードリンク)", shown(p)),
                format!("{} has more than one name (a hard link)", shown(p)),
            ),
            Problem::NotACoachInGroup { login, group } => lang.pick(
                format!("{login} はコーチではないのにグループ {group} にいます (全学習者のノートを読めます)"),
                format!("{login} is in group {group} but is not a coach (and can read every learner's notes)"),
            ),
            Problem::BothCoachAndLearner(login) => lang.pick(
                format!("{login} がコーチと学習者の両方になっています"),
                format!("{login} is both a coach and a learner"),
            ),
            Problem::Missing(p) => lang.pick(format!("{} がありません", shown(p)), format!("{} is missing", shown(p))),
            Problem::LearnerCannotRead { login, path } => lang.pick(
                format!("{login} さんが {} を読めません (ACL)", shown(path)),
                format!("{login} cannot read {} (its ACL)", shown(path)),
            ),
            Problem::Unverifiable { path, coach, owner, listed: true } => lang.pick(
                format!("{} は確認できません: {coach} のファイルのはずが、所有者は {owner} です", shown(path)),
                format!("{} cannot be verified: it is {coach}'s by name but owned by {owner}", shown(path)),
            ),
        }
    }
}

impl Localized for crate::cli::team_fix::Fixed {
    fn message(&self, lang: Lang) -> String {
        use crate::cli::team_fix::{Fixed, Why};
        match self {
            Fixed::Dir(done) => done.message(lang),
            Fixed::Quarantined { path, to, why } => {
                let why = match why {
                    Why::NotAFile => lang.pick("通常のファイルではありません", "not a regular file").to_string(),
                    Why::Stray => {
                        lang.pick("keiko が置くものではありません", "not something keiko puts there").to_string()
                    }
                    Why::NotTheWriters { owner } => lang.pick(
                        format!("書き手ではなく {owner} のものです"),
                        format!("owned by {owner}, not its writer"),
                    ),
                    Why::Linked => lang.pick("名前が複数あります", "it has more than one name").to_string(),
                    Why::LeftOver => lang
                        .pick("止まった keiko の一時ファイルです", "a temp file of a keiko that was killed")
                        .to_string(),
                    Why::Fails(why) => why.message(lang),
                    Why::NotOnRoster => lang.pick("名簿にありません", "not on the roster").to_string(),
                    Why::ChangedSinceWritten => lang
                        .pick(
                            "keiko が最後に書いた後で変わっています (移動・復元・手での変更)",
                            "it changed after keiko last wrote it (moved, restored or edited by hand)",
                        )
                        .to_string(),
                };
                lang.pick(
                    format!("{} を隔離しました → {} ({why})", shown(path), shown(to)),
                    format!("quarantined {} → {} ({why})", shown(path), shown(to)),
                )
            }
            Fixed::Mode { path, mode } => lang.pick(
                format!("{} のモードを {mode:04o} にしました", shown(path)),
                format!("set {} to mode {mode:04o}", shown(path)),
            ),
            Fixed::Readable(path) => lang.pick(
                format!("{} を学習者が読めるようにしました (ACL)", shown(path)),
                format!("made {} readable by its learner (ACL)", shown(path)),
            ),
            Fixed::Moved { from, to } => lang.pick(
                format!("{} を確認し、{} に書き直しました", shown(from), shown(to)),
                format!("checked {} and wrote it anew as {}", shown(from), shown(to)),
            ),
            Fixed::LearnerMoved { from, to } => lang.pick(
                format!("{} を {} に移しました", shown(from), shown(to)),
                format!("moved {} to {}", shown(from), shown(to)),
            ),
            Fixed::Removed(path) => {
                lang.pick(format!("{} を削除しました", shown(path)), format!("removed {}", shown(path)))
            }
            Fixed::Layout(path) => lang.pick(
                format!("{} に新しい配置 (レイアウト {}) を記しました", shown(path), keiko_core::team::dir::LAYOUT),
                format!("{} now names layout {}", shown(path), keiko_core::team::dir::LAYOUT),
            ),
        }
    }
}

/// The report of `keiko team check`: one line per problem with the command
/// that fixes it, and their number; or "no problems".
pub fn team_check_report(root: &std::path::Path, findings: &[crate::cli::team_cmd::Finding], lang: Lang) -> String {
    if findings.is_empty() {
        return lang.pick(format!("{}: 問題はありません\n", shown(root)), format!("{}: no problems\n", shown(root)));
    }
    let mut out = String::new();
    for finding in findings {
        let fix = keiko_core::text::terminal_safe(&finding.fix, false);
        let problem = keiko_core::text::terminal_safe(&finding.problem.message(lang), false);
        out += &lang.pick(format!("{problem}  → 対処: {fix}\n"), format!("{problem}  → fix: {fix}\n"));
    }
    let n = findings.len();
    out + &lang.pick(format!("問題が {n} 件あります\n"), format!("problems found: {n}\n"))
}

/// The last line of `keiko team init` and `keiko team add`.
pub fn team_summary(done: &[crate::cli::team_cmd::Done], lang: Lang) -> String {
    match done.iter().filter(|d| d.changed()).count() {
        0 => lang.pick("変更なし: すべてすでにこのとおりです", "nothing changed: everything was already so").into(),
        n => lang.pick(format!("{n} 件を変更しました"), format!("{n} changes made")),
    }
}

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

    /// A lock keiko gave up on names who holds it, as far as keiko could
    /// tell; a command's name never reaches the terminal as it is.
    #[test]
    fn a_lock_held_too_long_names_its_holder() {
        use keiko_core::store::{Cause, LockHolder, Op, StoreError};
        let held = |holder: Option<LockHolder>| {
            let cause = Cause::LockHeld { wait: std::time::Duration::from_secs(5), holder };
            StoreError::Io { path: "/t/w.toml.lock".into(), op: Op::LockWorkbook, cause }
        };
        let holder = |login: Option<&str>, command: Option<&str>| {
            Some(LockHolder { pid: 1234, login: login.map(String::from), command: command.map(String::from) })
        };
        let en = held(holder(Some("tanaka"), Some("keiko"))).message(Lang::En);
        assert_eq!(
            en,
            "/t/w.toml.lock: cannot lock the workbook: the lock has been held by tanaka (keiko, pid 1234) for over 5 seconds"
        );
        let ja = held(holder(Some("tanaka"), Some("keiko"))).message(Lang::Ja);
        assert!(ja.ends_with("tanaka (keiko, pid 1234) が5秒を超えてロックを保持しています"), "{ja}");
        let en = held(holder(None, None)).message(Lang::En);
        assert!(en.ends_with("held by pid 1234 for over 5 seconds"), "{en}");
        let en = held(holder(Some("uid 4242"), None)).message(Lang::En);
        assert!(en.ends_with("held by uid 4242 (pid 1234) for over 5 seconds"), "{en}");
        let en = held(holder(Some("tanaka"), Some("ke\u{1b}[2Jiko\n"))).message(Lang::En);
        assert!(en.ends_with("held by tanaka (ke^[[2Jiko^J, pid 1234) for over 5 seconds"), "{en}");
        let en = held(None).message(Lang::En);
        assert!(en.ends_with("another program has held the lock for over 5 seconds"), "{en}");
    }

    /// An account the team has no place for is told what the administrator
    /// can do: `team add` for a plain login; for an account without a name
    /// (`uid N`) or with a name `team add` refuses, a login name first.
    #[test]
    fn an_account_without_a_plain_name_is_not_sent_to_team_add() {
        use keiko_core::team::access::TeamError;
        let not_in = |login: &str| TeamError::NotInTeam { team: "/srv/keiko/team".into(), login: login.into() };
        let en = not_in("op-a").message(Lang::En);
        assert!(en.contains("`sudo keiko team add op-a`"), "{en}");
        for login in ["uid 12345", "jane@corp.example"] {
            let (en, ja) = (not_in(login).message(Lang::En), not_in(login).message(Lang::Ja));
            assert!(!en.contains("team add") && !ja.contains("team add"), "{en} / {ja}");
            assert!(en.contains("cannot place it in the team /srv/keiko/team"), "{en}");
            assert!(ja.contains("keiko はチーム /srv/keiko/team に置けません"), "{ja}");
        }
        let en = not_in("uid 12345").message(Lang::En);
        assert!(en.starts_with("this account (uid 12345) has no name in the password database"), "{en}");
        assert!(en.ends_with("ask your administrator to give the account a login name"), "{en}");
        assert!(not_in("uid 12345").message(Lang::Ja).contains("パスワードデータベース上の名前がない"));
        let en = not_in("jane@corp.example").message(Lang::En);
        assert!(en.starts_with("the login jane@corp.example is not a plain name"), "{en}");
    }

    /// Every error keiko reports has words in both languages: Japanese
    /// that is Japanese, never the English text passed through.
    #[test]
    fn every_store_error_speaks_both_languages() {
        use keiko_core::os::files::OsError;
        use keiko_core::store::{Cause, Corruption, Op, StoreError};
        use std::path::PathBuf;
        let path = PathBuf::from("/t/w.toml");
        let io = |op, cause| StoreError::Io { path: path.clone(), op, cause };
        let mut errors = Vec::new();
        for op in [Op::ReadWorkbook, Op::WriteWorkbook, Op::OpenLockFile, Op::LockWorkbook, Op::CreateDirectory] {
            for cause in [
                Cause::Os(OsError::of(libc::EACCES)),
                Cause::Os(OsError::of(libc::EROFS)),
                Cause::Os(OsError::of(libc::ENOSPC)),
                Cause::DirectoryNotWritable("/t".into()),
                Cause::DirectoryMissing("/t/..".into()),
                Cause::LockIsSymlink,
                Cause::LockNotAFile,
                Cause::MountPoint,
                Cause::LockKeepsChanging,
                Cause::LockHeld { wait: std::time::Duration::from_secs(5), holder: None },
                Cause::LockHeld {
                    wait: std::time::Duration::from_millis(200),
                    holder: Some(keiko_core::store::LockHolder {
                        pid: 1234,
                        login: Some("tanaka".into()),
                        command: Some("keiko".into()),
                    }),
                },
                Cause::LockNotOurs { owner: "op-a".into() },
            ] {
                errors.push(io(op, cause));
            }
        }
        for what in [Corruption::UnknownSchema(0), Corruption::NotUtf8 { offset: 3 }] {
            errors.push(StoreError::Corrupt { path: path.clone(), line: 1, col: 1, what });
        }
        errors.extend([
            StoreError::NewerSchema { path: path.clone(), found: 3, by: Some("0.9.0".into()) },
            StoreError::NewerSchema { path: path.clone(), found: 3, by: None },
            StoreError::Symlink { path: path.clone(), target: None },
            StoreError::NotAFile { path: path.clone() },
            StoreError::TooLarge { path: path.clone(), size: 1 << 30 },
            StoreError::WouldBeTooLarge { path: path.clone(), size: 1 << 30 },
            StoreError::NotDurable { path: path.clone(), cause: OsError::of(libc::EIO) },
            StoreError::NotYours {
                path: path.clone(),
                why: Box::new(keiko_core::model::workbook::Unverified::FromTheFuture),
            },
        ]);
        let japanese = |text: &str| text.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c));
        for error in errors {
            let (ja, en) = (error.message(Lang::Ja), error.message(Lang::En));
            assert!(japanese(&ja), "no Japanese: {ja}");
            assert!(!japanese(&en), "Japanese in English: {en}");
            assert!(ja.starts_with("/t/w.toml") && en.starts_with("/t/w.toml"), "{ja} / {en}");
        }
    }

    #[test]
    fn a_frameworks_problems_are_named_by_the_competency_or_statement() {
        use keiko_core::model::framework::{FrameworkError, Rule};
        let problems = [
            Rule::TargetOutsideLevels { competency: "C-1".into(), role: "OP".into(), target: 3, top: 1 },
            Rule::EmptyStatement("C-1.1.1".into()),
            Rule::UnknownRoleInTargets { competency: "C-1".into(), role: "XX".into() },
            Rule::DuplicateCompetencyId("C-1".into()),
            Rule::NoLevels("C-1".into()),
        ];
        let all = problems.iter().map(|p| p.message(Lang::En)).collect::<Vec<_>>().join("\n");
        assert!(all.contains("C-1: target level 3 for OP is outside"), "{all}");
        assert!(all.contains("C-1: target names unknown role XX"), "{all}");
        assert!(all.contains("C-1.1.1: empty statement"), "{all}");
        assert!(all.contains("C-1: duplicate competency id"), "{all}");
        assert!(all.contains("C-1: the competency has no levels"), "{all}");
        let ja = problems.iter().map(|p| p.message(Lang::Ja)).collect::<Vec<_>>().join("\n");
        assert!(ja.contains("C-1.1.1: 行動の文が空です"), "{ja}");
        let one = FrameworkError::Invalid {
            path: "f.toml".into(),
            problems: vec![Rule::DuplicateStatementId("C-1.1.1".into())],
        };
        assert_eq!(one.message(Lang::En), "f.toml: C-1.1.1: duplicate statement id");
    }

    #[test]
    fn a_corrupt_workbook_is_named_with_its_position_and_how_to_move_it() {
        let err =
            keiko_core::store::parse("schema = 1\nprofile = [\n", std::path::Path::new("/tmp/w.toml")).unwrap_err();
        let text = err.message(Lang::En);
        assert!(text.starts_with("/tmp/w.toml:2:12: unclosed array"), "{text}");
        assert!(text.contains("mv '/tmp/w.toml' '/tmp/w.toml.broken'"), "{text}");
    }

    #[test]
    fn a_clock_after_9999_12_30_is_refused_with_the_date() {
        for lang in [Lang::Ja, Lang::En] {
            let refused = keiko_core::clock::ClockOutOfRange.message(lang);
            assert!(refused.contains("9999-12-30"), "{refused}");
        }
    }

    #[test]
    fn why_a_file_is_not_a_learner_never_repeats_its_path() {
        use keiko_core::team::Unusable;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.toml");
        let fifo_type = rustix::fs::FileType::Fifo;
        rustix::fs::mknodat(rustix::fs::CWD, &fifo, fifo_type, rustix::fs::Mode::from_raw_mode(0o600), 0).unwrap();
        let huge = std::fs::File::create(dir.path().join("huge.toml")).unwrap();
        huge.set_len(3 << 30).unwrap();
        let framework = keiko_core::model::framework::Framework::bundled();
        let team = keiko_core::team::Team::open(&framework, vec![dir.path().to_path_buf()]);
        assert_eq!(team.problems.len(), 2);
        for problem in &team.problems {
            assert!(matches!(problem.reason, Unusable::Store(_)), "{:?}", problem.reason);
            let shown = problem.path.display().to_string();
            for lang in [Lang::Ja, Lang::En] {
                let reason = problem.reason.message(lang);
                assert!(!reason.contains(&shown), "the path is repeated: {reason}");
            }
        }
    }
}
