# keiko の言葉 (日本語)。keiko の最初の言語で、Rust の型 (msg::…) はこのファイルから作られます。
# Every word keiko shows, in Japanese: keiko's first language. The Rust
# types of the messages (msg::AppTitle, msg::TooSmall { w, h }, …) are made
# from this file by build.rs, so a message or argument that is not here does
# not compile. Every other language has the same messages with the same
# arguments (tests/i18n.rs).

## The screens, the status line and the command line.

app-title = 稽古 keiko
app-subtitle = コンピテンシー・ワークブック
no-name = (名前未設定)
no-role = (役割未設定)
role = 役割
name = 名前
framework = フレームワーク
version = バージョン
progress-to-target = 目標まで
above-target = 目標以上
target = 目標
achieved = 達成
competency = コンピテンシー
level = レベル
statement = 行動
date = 日付
note = メモ
reflection = 振り返り
comments = コーチのコメント
coaching-sheet = コーチングシート
warning = 注意
unknown-ids = このフレームワークにない項目がワークブックにあります(ファイルにはそのまま残します)
signed-off = 承認済み
returned = 差し戻し
review-requested = レビュー依頼中
stale = 要再確認
stale-because = 承認後に { $id } のチェックが外されました { $when }
reflection-placeholder = このコンピテンシーの振り返り: できるようになったこと、難しかったこと、次に伸ばしたいこと。Esc で保存して閉じます。
mark-note = メモあり
mark-attention = 差し戻し・要再確認
mark-done = 目標到達
missing-workbook = { $path } はまだありません。最初の変更で作られます。
warn-unknown-role = ワークブックの役割 '{ $role }' はこのフレームワークにありません。--role で { $roles } から選んでください
unchecked-signed-off = このレベルはコーチの承認済みです。チェックを外したので承認は「要再確認」と表示されます (u で元に戻せます)。
kept-other-version = --- 別のセッションで書かれた内容 ---
conflict-kept = 保存しました。別のセッションでの変更も消さずに下に残しました。
typed-note = { $id } のメモ
typed-reflection = { $id } の振り返り
typed-comment = { $id } へのコメント
typed-signoff-comment = { $what } の承認コメント (承認はしていません)
typed-return-comment = { $what } の差し戻しコメント (差し戻してはいません)
not-confirmed = 確定する前に keiko が終了しました
rescued-to = { $what }はワークブックに保存できませんでした ({ $error })。{ $path } に書き出しました。
rescued-here = { $what }はワークブックに保存できませんでした ({ $error })。内容は次のとおりです:
saved-on-exit = { $what }はワークブック { $path } に保存しました。
rescue-header = # keiko がワークブックに保存できなかったテキストです。必要な部分をコピーしてください。
needs-terminal = 全画面のアプリには端末が必要です。端末なしで概要を見るには `keiko status` を使ってください (ssh では `ssh -t`)
cannot-use-terminal = 端末を使えません
internal-error = 内部エラーで keiko が止まりました (上に表示)
unknown-role = 不明な役割 '{ $code }' です。次から選んでください: { $codes }
option-not-for-command = オプション '{ $flag }' は 'keiko { $name }' では使えません
cannot-write-output = 出力に書き込めません: { $error }
cannot-write-file = { $path }: 書き込めません: { $error }
export-is-workbook = { $path }: ワークブックそのものです。別のファイルに書き出してください
no-home-directory = ワークブックを置くホームディレクトリが見つかりません。KEIKO_FILE を設定するか --file を使ってください
read-only-edit = このワークブックは書き込めません
news-signoff = { $by } さんが { $what } を承認しました。
news-returned = { $by } さんが { $what } を差し戻しました。
news-comment = { $by } さんが { $what } にコメントしました。
team-title = チームのレビュー
coach = コーチ
learners-title = 学習者
at-target-count = 目標到達
waiting = レビュー待ち
sort-by = 並び
filter = 絞り込み
filter-prompt = 名前で絞り込み
filter-hint = 入力すると絞り込みます。Enter 確定  Esc 解除
last-activity = 最終更新
no-learners = ワークブックが見つかりません。
no-match = 一致する学習者はいません。
not-read = 読めなかったファイル
skipped-files = 他の { $n } 個のファイル (.toml 以外) は読みませんでした。
read-only = 読み取り専用
read-only-short = [読取専用]
waiting-title = レビュー待ち (古い順)
no-requests = レビュー待ちはありません。
progress = 進捗
next-up = 次の練習
note-placeholder = できたことの根拠を書きましょう (いつ、どんな場面で、何をしたか)。Enter で改行、Esc で保存して閉じます。
comment-placeholder = 学習者へのコメントを書きましょう。Esc で保存して閉じます (空なら何も保存しません)。
marks = 状態
all-done = 目標までの行動はすべてチェック済みです。次の一歩はホーム画面に出ています。
choose-role = 役割を選んでください
comment-by = コーチ
comment-needed = 差し戻す理由を書いてください (必須)。Enter 確定  Esc 取消
comment-optional = コメント (任意)。Enter 確定  Esc 取消
comment-required = 差し戻しにはコメントが必要です。
display-name = 表示名
display-name-hint = 空欄のままなら「{ $user }」になります。
edit-note = メモを編集
edit-reflection = 振り返りを編集
help-title = キー操作
history-empty = まだ変更はありません。
history-title = 変更履歴 (新しい順)
level-complete-last = { $level }の行動をすべてチェックしました。
level-complete-next = { $level }の行動をすべてチェックしました。Tab で次のレベルへ。
more = 続きあり
more-in-editor = (続きは e で表示)
no-note = メモはありません。
no-note-hint = メモはまだありません。e で根拠を書きましょう。
no-results = 一致する行動はありません。
nothing-to-undo = 元に戻す変更はありません。
results = 件
return-prompt = 差し戻し
returned-now = { $level }を差し戻しました。
review-requested-now = { $level }のレビューを依頼しました。
review-withdrawn = { $level }のレビュー依頼を取り下げました。
role-changed = 役割を変更しました
saved = 保存しました。
search-title = 検索
signed-off-now = { $level }を承認しました。
signoff-prompt = 承認
target-reached = 目標の{ $level }に到達しました。おめでとうございます！
too-small = 端末が小さすぎます。{ $w }x{ $h } 以上に広げてください。
undone = 元に戻しました
welcome-done = ようこそ！Enter でコンピテンシーを開きましょう。
welcome-intro = コンピテンシーをレベルごとに見ていき、根拠を示せる行動にチェックを付けていきます。変更はすぐに保存されます。まず表示名と役割を教えてください。
welcome-title = 稽古 keiko へようこそ
write-comment = コメントを書く
clock-out-of-range = システム時計が 9999-12-30 より後(または西暦0年より前)を指しています。変更の時刻を記録できないため開始しません。時計を合わせてからやり直してください。
cli-role-changed = 役割を変更しました: { $from } → { $to }
cli-name-changed = 名前を変更しました: { $from } → { $to }
export-written = { $path } に書き出しました
no-directory-through-parent = ディレクトリ { $dir } がありません (.. を通るパスのディレクトリは作りません)
cannot-create-directory = ディレクトリ { $dir } を作れません: { $error }
dumb-terminal = この端末 (TERM=dumb) では全画面のアプリを表示できません。概要は `keiko status` で見られます
dumb-terminal-review = この端末 (TERM=dumb) では全画面のアプリを表示できません。チームの一覧は `keiko review --export md PATH...` で見られます
team-export-summary = 学習者 { $learners } 人、目標到達 { $at_target } 人、レビュー待ち { $waiting } 件
team-export-column-name = 名前
team-export-column-role = 役割
team-export-column-file = ファイル
team-export-column-checked = チェック済み
team-export-column-total = 目標までの行動数
team-export-column-percent = 進捗 (%)
team-export-column-signoffs = 承認
team-export-column-open-requests = レビュー依頼
team-export-column-last-activity = 最終更新 (UTC)
all-targets-reached = すべての目標に到達しました！
finish-ask-review = 次は: まだ承認されていないレベル { $n } 件のレビューを依頼しましょう (v)。
finish-above-target = 次は: 目標より上のレベルに挑戦しましょう (残り { $n } 件)。
finish-everything = 目標より上もすべてチェック済みで、承認も済んでいます。
lower-level-first = 下のレベルが先
confirm-title = 確認
confirm-review-unchecked = { $level }にはまだチェックしていない行動が { $n } 件あります: { $ids }。それでもレビューを依頼しますか？
confirm-signoff-unchecked = { $level }はチェック済みの行動がなく、レビュー依頼もありません (未チェック { $n } 件: { $ids })。それでも承認しますか？
history-count = { $n } 件
help-scroll = { $keys } でスクロール
problems-more = 続きあり ({ $key } ですべて表示)
sort-reading = 読み順
sort-reading-mixed = 読み順（読みなしは文字コード順）
sort-code-point = 名前の文字コード順
cli-reading-changed = 読みを変更しました: { $from } → { $to }
no-reading = (読み未設定)
name-prompt = 表示名
name-hint = Enter で保存、Esc で取り消し
name-required = 表示名が空です。名前を入力してください。
name-saved = 表示名を { $name } にしました。

## Hints in the bar at the bottom: a few words per action.

hint-quit = 終了
hint-suspend = 中断
hint-help = ヘルプ
hint-undo = 元に戻す
hint-search = 検索
hint-next-to-practise = 次の練習
hint-history = 履歴
hint-redraw = 再描画
hint-move = 移動
hint-page = ページ
hint-first-last = 先頭/末尾
hint-open = 開く
hint-back = 戻る
hint-change-role = 役割
hint-rename = 名前
hint-toggle = チェック
hint-level = レベル
hint-edit-note = メモ
hint-edit-reflection = 振り返り
hint-request-review = レビュー依頼
hint-save-close = 保存して閉じる
hint-close = 閉じる
hint-confirm = 決定
hint-cancel = 取消
hint-next-field = 次の項目
hint-sign-off = 承認
hint-return-level = 差し戻し
hint-comment = コメント
hint-sort = 並べ替え
hint-requests = レビュー待ち
hint-filter = 絞り込み
hint-problems = 読めないファイル
hint-matrix = スキル表
hint-column = 列
hint-level-n = レベルN
hint-sort-column = 列で並べ替え
hint-holders = 保有者
hint-chart = グラフ

## The help screen: a sentence per action.

help-quit = 終了する (入力中のメモは保存されます)
help-suspend = keiko を一時停止してシェルに戻る (fg で再開)
help-help = この画面のキー操作
help-undo = 最後の変更を元に戻す (チェックやメモ)
help-search = 全コンピテンシーの行動を検索
help-next-to-practise = 次に練習する行動へ (目標までで最初の未チェック)
help-history = 変更履歴を見る
help-redraw = 画面を描き直す
help-up = 上へ
help-down = 下へ
help-page-up = 前のページ
help-page-down = 次のページ
help-home = 先頭へ
help-end = 末尾へ
help-open = 開く
help-back = 戻る
help-change-role = 役割を変える
help-rename = 表示名を変える
help-toggle = 行動のチェックを付ける/外す
help-next-level = 次のレベル
help-prev-level = 前のレベル
help-edit-note = この行動のメモ (根拠) を書く
help-edit-reflection = このコンピテンシーの振り返りを書く
help-request-review = このレベルのレビューを依頼/取り下げ
help-save-close = 保存して閉じる
help-close = 閉じる
help-confirm = 決定
help-cancel = 取り消す
help-next-field = 次の項目へ
help-sign-off = このレベルを承認 (コメント任意)
help-return-level = このレベルを差し戻す (コメント必須)
help-comment = このコンピテンシーにコメント
help-sort = 並べ替えを切り替える
help-requests = レビュー待ちの一覧
help-filter = 名前で絞り込む
help-problems = 読めなかったファイルをすべて理由と表示
help-matrix = スキル表: 全員の各コンピテンシーのレベル
help-column-left = 左の列を選ぶ
help-column-right = 右の列を選ぶ
help-level-up = 集計するレベル N を上げる
help-level-down = 集計するレベル N を下げる
help-sort-column = 選んだ列で並べ替え (もう一度で逆順)
help-holders = 選んだコンピテンシーをレベル N 以上で持つ人 (名前の列では学習者を開く)
help-chart = 目標に向けた進み具合を週ごとのグラフで見る
help-team-chart = 目標に達した学習者の数を週ごとのグラフで見る

## History: what each change was.

verb-check = チェック
verb-uncheck = チェックを外す
verb-note = メモ
verb-reflection = 振り返り
verb-profile = 名前・役割の変更
verb-name = 表示名の変更
verb-request-review = レビュー依頼
verb-withdraw-request = 依頼取り下げ
verb-sign-off = 承認
verb-return = 差し戻し
verb-comment = コメント

## After u: the state the undo left ($target names what it changed).

undone-line = 元に戻しました: { $state }
undone-checked = { $target } をチェック済みに戻しました。
undone-unchecked = { $target } を未チェックに戻しました。
undone-note-empty = { $target } のメモを空に戻しました。
undone-note = { $target } のメモを前の内容に戻しました。
undone-reflection-empty = { $target } の振り返りを空に戻しました。
undone-reflection = { $target } の振り返りを前の内容に戻しました。
undone-name = 表示名を { $name } に戻しました。
undone-no-role = 役割を未設定に戻しました。
undone-role = 役割を { $role } に戻しました。
undone-requested = { $target } をレビュー依頼中に戻しました。
undone-withdrawn = { $target } のレビュー依頼を取り下げた状態に戻しました。
undone-other = { $target } を元に戻しました。
not-undone = { $target } はその後ほかで変更されたため、元に戻しませんでした。

## How the team overview is sorted.

sort-name = 名前
sort-progress = 進捗の少ない順
sort-last-activity = 最近の更新順
sort-requests = 依頼の多い順

## A level of a competency; a learner's achieved level out of the target (keiko status).

level-n = レベル{ $n }
level-of-target = 達成{ $achieved }/目標{ $target }
learners-count = { $shown } { $total ->
   *[other] 人
}

## An operating system's error: $kind is permission-denied, not-found, read-only-filesystem, storage-full,
# quota-exceeded, already-exists, is-a-directory, not-a-directory, resource-busy, invalid-filename,
# interrupted or other; $system is the system's own (English) words.

os-error = { $kind ->
    [permission-denied] 権限がありません
    [not-found] ファイルまたはディレクトリがありません
    [read-only-filesystem] 読み取り専用のファイルシステムです
    [storage-full] ディスクに空きがありません
    [quota-exceeded] ディスクの割り当てを超えました
    [already-exists] すでにあります
    [is-a-directory] ディレクトリです
    [not-a-directory] ディレクトリではありません
    [resource-busy] 使用中です
    [invalid-filename] ファイル名が長すぎるか正しくありません
    [interrupted] 中断されました
   *[other] OS のエラー: { $system }
}

## The workbook's store: what keiko was doing, and why it failed.

store-read-workbook = ワークブックを読めません
store-write-workbook = ワークブックに書き込めません
store-open-lock-file = ロックファイルを開けません
store-lock-workbook = ワークブックをロックできません
store-create-directory = ワークブックのディレクトリを作れません
store-directory-not-writable = ディレクトリ { $dir } に書き込めません
store-directory-missing = ディレクトリ { $dir } がありません
store-lock-is-symlink = ロックファイルがシンボリックリンクです。keiko はリンクをたどりません
store-lock-not-a-file = ロックファイルが通常のファイルではありません
store-mount-point = このファイルはマウントポイントです。keiko はファイルを置き換えて保存しますが、マウントポイントは置き換えられないため、この場所では書き換えられません
store-lock-keeps-changing = 待っている間にロックファイルかワークブックが何度も置き換えられました
store-lock-not-ours = ロックファイルの所有者が { $owner } です。書き手本人のものでなければなりません
store-lock-held-by = { $holder } が{ $wait }を超えてロックを保持しています
store-lock-held = 別のプログラムが{ $wait }を超えてロックを保持しています
seconds = { $n }秒
milliseconds = { $n }ミリ秒
store-toml-syntax = TOML の書き方に誤りがあります ({ $words })
store-unknown-schema = 不明な形式のバージョン { $version } です
store-not-utf8 = UTF-8 のテキストではありません (オフセット { $offset } に不正なバイト)。ワークブックですか?
store-corrupt-advice = このファイルは変更していません。残したまま新しく始めるには、別名に移してください:
store-newer-schema-by = { $path }: keiko { $by } (形式 { $found }) で書かれたワークブックです。この keiko は { $current } です。keiko を新しくしてください (ファイルは変更していません)
store-newer-schema = { $path }: 新しい keiko (形式 { $found }) で書かれたワークブックです。この keiko は { $current } です。keiko を新しくしてください (ファイルは変更していません)
store-symlink = { $path }: シンボリックリンクです。keiko はリンク越しには書き込みません。--file で実体のパス ({ $target }) を指定してください。
store-symlink-target = リンク先
store-not-a-file = { $path }: 通常のファイルではありません
store-too-large = { $path }: ファイルが { $size } バイトあり、ワークブックの上限 ({ $limit } バイト) を超えています。読み込まず、変更もしていません。
store-would-be-too-large = { $path }: 保存できません。ワークブックが { $size } バイトになり、上限 ({ $limit } バイト) を超えます。ファイルは元のままです。
store-not-yours = { $path }: このファイルの上には書き足しません ({ $why })。管理者に `sudo keiko team check --fix` を頼んでください。
store-not-durable = { $path }: 変更は保存しましたが、ディレクトリを同期できませんでした ({ $why })。今停電すると変更が失われることがあります。

## Files a team review could not use, and the team file.

unusable-not-a-workbook = keiko のワークブックではありません (schema がありません)
unusable-missing = ファイルがありません
team-file-unreadable = チームファイル { $path } を読めません: { $why }
team-file-invalid = チームファイル { $path } が正しくありません: { $reason }
team-unnamed-account = このアカウント (uid { $uid }) にはパスワードデータベース上の名前がないため、keiko はチーム { $team } に置けません。管理者に、このアカウントにログイン名を付けてもらってください
team-login-not-plain = ログイン名 { $login } は英数字と . _ - だけの名前ではないため、keiko はチーム { $team } に置けません。管理者に、そのような名前のアカウントを頼んでください
team-not-in-team = { $login } さんの場所はチーム { $team } にまだありません。管理者に `sudo keiko team add { $login }` を頼んでください
team-old-layout = チームファイル { $path } は古い配置 (レイアウト { $found }) のままです。この keiko はレイアウト { $layout } だけを使います。管理者に `sudo keiko team migrate { $dir }` を頼んでください
team-records-not-read = 読めないコーチの記録
team-unverified-count = 未確認 { $n } 件
team-not-started = 未開始
team-no-team = 見るワークブックかディレクトリ (PATH) を指定してください。チームを使うには管理者が `sudo keiko team init` を実行します
team-role-set-by-team = 役割はチームが { $role } に決めています (変えるにはコーチか管理者へ)
team-log-in-again = コーチのグループ { $group } に加わったばかりです。ログアウトしてもう一度ログインすると、学習者のワークブックを読めます (今すぐなら `newgrp { $group }`)

## The skills matrix and its list of who holds a level.

matrix-title = スキル表
matrix-coverage = Lv{ $n }以上 ({ $total }人中)
matrix-counting = 集計: レベル{ $n }以上
matrix-a-to-z = 読み順
matrix-z-to-a = 読みの逆順
matrix-highest-first = 高い順
matrix-lowest-first = 低い順
matrix-columns = 列 { $first }-{ $last }/{ $total }
matrix-holders = { $total }人中 { $n }人がレベル{ $level }以上
matrix-nobody = このレベル以上の人はまだいません。
matrix-login = ログイン
matrix-level = レベル
matrix-signoff = 承認
matrix-legend = - 目標未満  = 目標どおり  + 目標超え
matrix-signed-off = 承認済み (Lv{ $level })
matrix-stale = 要再確認の承認 (Lv{ $level })
matrix-unverified = 未確認の承認 (Lv{ $level })
matrix-not-signed-off = 未承認

## The chart of progress over time, and the team table's activity column.

chart-learner-title = 進み具合の推移
chart-team-title = 目標に達した学習者の推移
chart-learner-measure = 各週の終わりに目標に向けてチェック済みの行動
chart-team-measure = 各週の終わりに全目標に達していた学習者
chart-target = 目標 { $n }
chart-nothing-yet = まだ記録がありません
chart-nothing-yet-learner = 行動をチェックすると、ここに週ごとの進み具合が表示されます。
chart-nothing-yet-team = 学習者が記録を始めると、ここに週ごとの推移が表示されます。
chart-activity-heading = 12週

## keiko review --export md: after the summary line, the files not read (listed below the table).

review-export-not-read = 、読めなかったファイル { $n } 件 (表の下)

## The Excel report (keiko review --export xlsx).

xlsx-sheet-summary = 概要
xlsx-sheet-matrix = スキル表
xlsx-sheet-statements = 行動
xlsx-sheet-progress = 推移
xlsx-summary-team = チーム
xlsx-summary-framework = フレームワーク
xlsx-summary-date = 日付
xlsx-summary-learners = 学習者
xlsx-summary-at-target = 目標到達
xlsx-summary-reviews-waiting = レビュー待ち
xlsx-summary-returned = 差し戻し
xlsx-summary-stale = 要再確認のサインオフ
xlsx-summary-not-read = 読めなかったファイル
xlsx-not-read-why = 理由
xlsx-not-read-learner = 学習者
xlsx-not-read-login = ログイン
xlsx-mark-below = - 目標未満
xlsx-mark-at = = 目標どおり
xlsx-mark-above = + 目標以上
xlsx-competency = 能力
xlsx-competency-name = 名前
xlsx-matrix-name = 名前
xlsx-matrix-login = ログイン
xlsx-matrix-role = 役割
xlsx-achieved = { $id } 達成
xlsx-target = { $id } 目標
xlsx-statements-learner = 学習者
xlsx-statements-login = ログイン
xlsx-statements-competency = 能力
xlsx-statements-level = レベル
xlsx-statements-statement-id = 行動 ID
xlsx-statements-statement = 行動
xlsx-statements-checked = チェック
xlsx-statements-checked-at = チェック日時 (UTC)
xlsx-statements-note = メモ
xlsx-progress-week = 週 (月曜)
xlsx-progress-at-target = 目標到達の学習者
xlsx-progress-learners = 学習者
xlsx-chart-title = 目標到達の学習者 (週ごと)
xlsx-needs-output = --export xlsx には -o FILE.xlsx が必要です (Excel ファイルは端末に出力しません)
xlsx-too-many-rows = 行動シートが { $rows } 行になり、Excel の上限 { $limit } 行を超えます。PATH で学習者を絞ってください
xlsx-cannot-make = Excel ファイルを作れませんでした: { $error }

## How a coach's record is labelled: verified, no team, or why not.

trust-verified = 確認済み
trust-no-team = 未確認 (チームなし)
trust-unverified = 未確認: { $why }
unverified-in-learners-file = 学習者本人のファイルに書かれています
unverified-team-file-owner = チームファイルの所有者が { $owner } です (root かチームディレクトリの所有者であること)
unverified-team-file-writable = チームファイルを所有者以外も書き換えられます
unverified-not-a-regular-file = コーチのファイルが通常のファイルではありません
unverified-owner-is-not-named = { $named } のファイルのはずが、所有者は { $owner } です
unverified-file-writable = コーチのファイルを本人以外も書き換えられます
unverified-not-a-coach = { $login } はチームファイルのコーチにいません
unverified-for-another-learner = 別の学習者 ({ $named }) 宛てのファイルです
unverified-linked = ファイルに名前が { $links } つあります (ハードリンク)
unverified-own-levels = コーチ本人のレベルへの判定です (自分では承認できません)
unverified-team-file-invalid = チームファイルが読めないか正しくありません ({ $reason })。直るまでどの確認も数えません
unverified-from-the-future = この端末の時計より先の日時が書かれています

## A coach's record that could not be read.

unread-broken = { $line }:{ $col }: 壊れています ({ $words })
unread-newer-keiko = 新しい keiko
unread-newer-schema = { $by } (形式 { $found }) で書かれています。この keiko は { $current } です。keiko を新しくしてください
unread-too-large = { $size } バイトあり、上限を超えています
unread-not-a-file = シンボリックリンクか通常のファイルではありません
unread-record = { $coach } の記録を読めません ({ $why })。その承認・差し戻し・コメントは表示していません

## Why a file could not be read (a framework file, a review PATH, the config file).

not-utf8 = UTF-8 のテキストではありません
not-a-regular-file = 通常のファイルではありません
file-too-large = ファイルが { $size } バイトあり、上限 ({ $limit } バイト) を超えています

## The framework's rules a file breaks, each naming the id.

rule-empty-framework-id = フレームワークの id が空です
rule-no-roles = 役割が定義されていません
rule-invalid-role-code = 役割 { $code }: 役割コードが正しくありません
rule-duplicate-role-code = 役割 { $code }: 役割コードが重複しています
rule-no-competencies = コンピテンシーがありません
rule-invalid-competency-id = コンピテンシー { $id }: id が正しくありません
rule-duplicate-competency-id = { $id }: コンピテンシーの id が重複しています
rule-empty-competency-name = { $id }: コンピテンシーの名前が空です
rule-no-levels = { $id }: コンピテンシーにレベルがありません
rule-level-out-of-order = { $competency }: レベル { $found } の順番が正しくありません (レベルは 1, 2, 3, … の順に番号を付けます。ここは { $expected } のはずです)
rule-empty-level = { $competency }: レベル { $level } に行動がありません
rule-invalid-statement-id = { $competency }: 行動 { $statement }: id が正しくありません
rule-duplicate-statement-id = { $id }: 行動の id が重複しています
rule-empty-statement = { $id }: 行動の文が空です
rule-unknown-role-in-targets = { $competency }: 目標が不明な役割 { $role } を指しています
rule-target-outside-levels = { $competency }: { $role } の目標レベル { $target } がコンピテンシーのレベル 1–{ $top } の外です
rule-missing-target = { $competency }: 役割 { $role } の目標レベルがありません
framework-unreadable = { $path }: フレームワークを読めません: { $why }

## The config file's errors.

config-too-large = 設定ファイルが { $size } バイトあり、大きすぎます
config-unreadable = 設定ファイルを読めません: { $why }
config-unknown-setting = 不明な設定 '{ $key }' (使える設定: lang, ascii, keys)
config-bad-lang = lang は { $languages } のいずれかです
config-expected-lang = { $languages } のいずれか
config-expected-bool = true か false
config-expected-table = テーブル
config-expected-keys = キーの文字列かその配列
config-expected-path = ディレクトリのパス (文字列)
config-wrong-type = { $key } には{ $expected }を書きます
config-unknown-screen = 不明な画面 '{ $name }' (使える画面: { $screens })
config-unknown-action = 画面 { $screen } に操作 '{ $action }' はありません (使える操作: { $actions })
config-unknown-key = 不明なキー '{ $key }' (例: q, Enter, F5, Ctrl-l, Alt-Enter, Shift-Tab)
config-clash = 画面 { $screen } でキー { $key } が { $first } と { $second } の両方に割り当てられています
config-no-dir = 設定ファイルの置き場所がありません (ホームディレクトリが見つかりません)
config-ignored = 設定ファイルにエラーがあるため、keiko は既定の設定で動きます

## keiko team init, add, check and migrate: what was done.

done-group-created = グループ { $group } を作成しました
done-group-exists = グループ { $group } はすでにあります
done-coach-added = コーチ { $login } をグループ { $group } に追加しました
done-coach-in-group = コーチ { $login } はすでにグループ { $group } にいます
done-dir-created = { $path } を作成しました (所有者・グループ・モードを設定)
done-dir-fixed = { $path } の所有者・グループ・モードを直しました
done-dir-ok = { $path } はすでに正しい所有者・グループ・モードです
done-team-file-written = チームファイル { $path } を書きました
done-team-file-ok = チームファイル { $path } はすでにこのとおりです
done-system-config-written = システム設定 { $path } にチームを書きました
done-system-config-ok = システム設定 { $path } はすでにこのチームを指しています
done-roster-added = { $login } を名簿に追加しました
done-roster-updated = 名簿の { $login } を更新しました
done-roster-ok = { $login } はすでに名簿にこのとおりあります

## keiko team: why a command did not run.

admin-needs-root = このコマンドは所有者とグループを変更するため root 権限が必要です。root で実行してください: sudo { $command }
admin-no-such-account = このホストにアカウントがありません: { $logins }
admin-not-plain = ログイン名として使えません (英数字と . _ - のみ): { $logins }
admin-bad-group-name = グループ名として使えません: { $group }
admin-no-team = チームが設定されていません ({ $config } に team がありません)。先に sudo keiko team init DIR --coaches LOGIN を実行するか、--team DIR を指定してください
admin-group-missing = グループ { $group } がありません。sudo keiko team init で作成してください
admin-not-a-directory = { $path } はディレクトリではありません。変更していません
admin-invalid = { $path } に誤りがあるため変更しません: { $error }
admin-system-group = { $group } (gid { $gid }) はシステムのグループです。チーム専用のグループを使ってください (--group を外すと keiko-DIR 名を作ります。どうしても使うなら --force)
admin-group-has-others = グループ { $group } にはこのチームのコーチ以外のメンバーがいます ({ $others })。全員が学習者のノートを読めるようになります。別のグループを使うか、--force を付けてください
admin-system-account = { $login } (uid { $uid }) はシステムのアカウントです。学習者にはできません
admin-both-coach-and-learner = { $logins } はコーチと学習者の両方にはなれません (自分のレベルを自分で承認できてしまいます)
admin-failed = { $what } に失敗しました: { $error }

## keiko team check: each problem found.

problem-cannot-look = { $path } を調べられません ({ $error })。確認できていません
problem-team-dir-missing = チームディレクトリ { $path } がありません
problem-not-a-directory = { $path } はディレクトリではありません
problem-team-file-missing = チームファイル { $path } がありません
problem-team-file-invalid = { $path } に誤りがあります: { $error }
problem-group-missing = グループ { $group } がありません
problem-owner = { $path } の所有者が { $found } です ({ $want } であること)
problem-mode = { $path } のモードが { $found } です ({ $want } であること)
problem-not-plain = チームファイルの '{ $login }' はログイン名として使えません
problem-no-account = { $login } はチームファイルにありますが、このホストにアカウントがありません
problem-not-in-group = コーチ { $login } がグループ { $group } に入っていません
problem-learner-dir-missing = 名簿の { $login } のディレクトリ { $path } がありません
problem-not-on-roster = { $path } は名簿にない学習者のディレクトリです
problem-symlink = { $path } はシンボリックリンクです
problem-stray = { $path } はチームに置くものではありません
problem-unverifiable-not-listed = { $path } は確認できません: { $coach } はチームファイルのコーチにいません (所有者 { $owner })
problem-old-layout = チーム { $path } は古い配置のままです (コーチの記録が学習者のディレクトリにあり、学習者が差し替えられます)
problem-linked = { $path } に名前が複数あります (ハードリンク)
problem-not-a-coach-in-group = { $login } はコーチではないのにグループ { $group } にいます (全学習者のノートを読めます)
problem-both-coach-and-learner = { $login } がコーチと学習者の両方になっています
problem-missing = { $path } がありません
problem-learner-cannot-read = { $login } さんが { $path } を読めません (ACL)
problem-unverifiable-listed = { $path } は確認できません: { $coach } のファイルのはずが、所有者は { $owner } です

## keiko team check --fix: what was put right, and why a file was set aside.

quarantine-stray = keiko が置くものではありません
quarantine-not-the-writers = 書き手ではなく { $owner } のものです
quarantine-linked = 名前が複数あります
quarantine-left-over = 止まった keiko の一時ファイルです
quarantine-not-on-roster = 名簿にありません
quarantine-changed-since-written = keiko が最後に書いた後で変わっています (移動・復元・手での変更)
fixed-quarantined = { $path } を隔離しました → { $to } ({ $why })
fixed-mode = { $path } のモードを { $mode } にしました
fixed-readable = { $path } を学習者が読めるようにしました (ACL)
fixed-moved = { $from } を確認し、{ $to } に書き直しました
fixed-learner-moved = { $from } を { $to } に移しました
fixed-removed = { $path } を削除しました
fixed-layout = { $path } に新しい配置 (レイアウト { $layout }) を記しました
check-no-problems = { $root }: 問題はありません
check-fix = { $problem }  → 対処: { $fix }
check-count = 問題が { $n } 件あります
summary-nothing-changed = 変更なし: すべてすでにこのとおりです
summary-changes = { $n } 件を変更しました
