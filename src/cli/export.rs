//! `keiko export --format md|csv|json`: the workbook for a 1:1 coaching
//! sheet, a spreadsheet, or a script.

use crate::i18n::{Words, msg};
use std::borrow::Cow;

use serde::Serialize;

use super::Context;
use super::status::{CompetencyStatus, FrameworkJson, ProfileJson, ProgressJson, progress_json};
use crate::i18n::Localized;
use keiko_core::clock::{Time, local_date, local_datetime};
use keiko_core::model::framework::Competency;
use keiko_core::model::progress::{self, Staleness};
use keiko_core::model::workbook::{Comment, Trust, Verdict, VerdictKind, Workbook};
use keiko_core::text::{json_safe, terminal_safe};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Csv,
    Json,
}

pub fn render(ctx: &Context, workbook: &Workbook, format: Format) -> String {
    match format {
        Format::Md => markdown(ctx, workbook),
        Format::Csv => csv(ctx, workbook),
        Format::Json => json(ctx, workbook),
    }
}

/// Text from a workbook or framework for Markdown, rendered as the text it
/// is and never as markup that reaches out of the sheet:
/// - `<`, `>` and `&` as entities: no raw HTML, no `<http://…>` autolink;
/// - `\`, `[` and `]` escaped: no link, image or link reference definition
///   (each needs a `[` or `]` of its own);
/// - the `:` of `://` and the `.` of `www.` escaped, which is where a GFM
///   renderer starts a link of a bare address (`http\://`, `www\.`);
/// - controls shown as `^[` (its `[` escaped too) or `<U+202E>` (which
///   renders as text: `U+202E` is no tag name).
///
/// Line breaks stay only in a paragraph (`keep_lines`).
pub fn md_text(text: &str, keep_lines: bool) -> String {
    let html = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let shown = terminal_safe(&html, keep_lines);
    let mut out = String::with_capacity(shown.len() + 8);
    for (i, c) in shown.char_indices() {
        let escape = match c {
            '\\' | '[' | ']' => true,
            ':' => shown[i + 1..].starts_with("//"),
            '.' => out.len() >= 3 && out.as_bytes()[out.len() - 3..].eq_ignore_ascii_case(b"www"),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A table cell: one line, pipes escaped.
pub fn cell(text: &str) -> String {
    md_text(text.trim_end(), true).replace('|', "\\|").replace("\r\n", "<br>").replace('\n', "<br>")
}

/// A CSV cell: no control characters but tabs and line breaks (the field is
/// quoted), and no text a spreadsheet would run as a formula.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    if text.chars().any(keiko_core::text::is_unsafe_char) {
        Cow::Owned(spreadsheet_safe(&terminal_safe(text, true)).into_owned())
    } else {
        spreadsheet_safe(text)
    }
}

fn markdown(ctx: &Context, workbook: &Workbook) -> String {
    let s = ctx.lang;
    let lang = ctx.lang;
    let role = workbook.profile.role.as_deref();
    let overall = progress::overall(&ctx.framework, workbook);
    let t = |text: &str| md_text(text, false);
    let mut out =
        format!("# {} {} — {}\n\n", s.t(msg::AppTitle), s.t(msg::CoachingSheet), t(ctx.display_name(workbook)));
    out += &format!("- {}: {}\n", s.t(msg::Role), t(&ctx.role_label(workbook)));
    out += &format!("- {}: {} {}\n", s.t(msg::Framework), t(&ctx.framework.id), t(&ctx.framework.version));
    out += &format!(
        "- {}: {}/{} ({}%)\n",
        s.t(msg::ProgressToTarget),
        overall.to_target.done,
        overall.to_target.total,
        overall.to_target.percent()
    );
    if overall.above_target.done > 0 {
        out += &format!("- {}: {}/{}\n", s.t(msg::AboveTarget), overall.above_target.done, overall.above_target.total);
    }
    out += &format!("- {}: {}\n", s.t(msg::Date), local_date(&keiko_core::clock::now()));
    for c in &ctx.framework.competencies {
        let p = progress::competency(c, workbook, role);
        out += &format!("\n## {} {}\n\n", t(&c.id), t(c.name.get(lang)));
        out += &format!(
            "{} {} / {} {}\n",
            s.t(msg::Target),
            lang.level(p.target),
            s.t(msg::Achieved),
            if p.achieved == 0 { "—".to_string() } else { lang.level(p.achieved) }
        );
        for level in &c.levels {
            let lp = p.level(level.level).expect("progress has every level");
            let target_mark = if level.level == p.target { format!(" ({})", s.t(msg::Target)) } else { String::new() };
            out += &format!(
                "\n### {}{} — {}/{}\n\n",
                lang.level(level.level),
                target_mark,
                lp.checked.done,
                lp.checked.total
            );
            if let Some(state) = workbook.level_state(&c.id, level.level) {
                if let Some(v) = &state.signoff {
                    let stale = progress::stale_signoff(c, workbook, level.level)
                        .map_or(String::new(), |_| format!(" ({})", s.t(msg::Stale)));
                    out += &verdict_line(s.t(msg::SignedOff), v, &stale, lang);
                }
                if let Some(v) = &state.returned {
                    out += &verdict_line(s.t(msg::Returned), v, "", lang);
                }
                for (kind, v) in &state.unverified {
                    let label = match kind {
                        VerdictKind::SignOff => s.t(msg::SignedOff),
                        VerdictKind::Return => s.t(msg::Returned),
                    };
                    out += &verdict_line(label, v, "", lang);
                }
                if let Some(r) = &state.review_requested {
                    out += &format!("> {} — {}\n\n", s.t(msg::ReviewRequested), local_datetime(&r.at));
                }
            }
            out += &format!(
                "| | ID | {} | {} | {} |\n|---|---|---|---|---|\n",
                s.t(msg::Statement),
                s.t(msg::Date),
                s.t(msg::Note)
            );
            for st in &level.statements {
                let state = workbook.statements.get(&st.id);
                let checked = state.is_some_and(|s| s.checked);
                let date = state.and_then(|s| s.checked_at.as_ref()).map(local_date).unwrap_or_default();
                out += &format!(
                    "| {} | {} | {} | {} | {} |\n",
                    if checked { "[x]" } else { "[ ]" },
                    cell(&st.id),
                    cell(st.text.get(lang)),
                    date,
                    cell(workbook.note(&st.id))
                );
            }
        }
        let reflection = workbook.reflection(&c.id);
        if !reflection.trim().is_empty() {
            out += &format!("\n**{}**\n\n{}\n", s.t(msg::Reflection), quote(reflection));
        }
        let comments = workbook.comments(&c.id);
        if !comments.is_empty() {
            out += &format!("\n**{}**\n\n", s.t(msg::Comments));
            for comment in comments {
                out += &format!("- {} ({}): {}\n", t(&comment.by), local_datetime(&comment.at), cell(&comment.text));
            }
        }
    }
    out
}

/// A coach's verdict: who (display name and login), when, whether it can
/// be trusted (verified, no team, or unverified and why), and the comment.
fn verdict_line(label: &str, v: &Verdict, suffix: &str, lang: keiko_core::lang::Lang) -> String {
    let comment = if v.comment.is_empty() { String::new() } else { format!(": {}", cell(&v.comment)) };
    let login =
        if v.login.is_empty() || v.login == v.by { String::new() } else { format!(" ({})", md_text(&v.login, false)) };
    let trust = md_text(&v.trust.message(lang), false);
    format!("> {label}{suffix} — {}{login}, {} [{trust}]{comment}\n\n", md_text(&v.by, false), local_datetime(&v.at))
}

/// A paragraph of the learner's as a block quote.
fn quote(text: &str) -> String {
    md_text(text.trim_end(), true).lines().map(|l| format!("> {l}")).collect::<Vec<_>>().join("\n")
}

fn csv(ctx: &Context, workbook: &Workbook) -> String {
    let role = workbook.profile.role.as_deref();
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "competency_id",
        "competency",
        "target",
        "level",
        "statement_id",
        "statement",
        "checked",
        "checked_at",
        "note",
    ];
    writer.write_record(header).expect("writing to memory");
    for c in &ctx.framework.competencies {
        let target = c.target(role).to_string();
        for (level, st) in c.statements() {
            let state = workbook.statements.get(&st.id);
            let checked_at = state.and_then(|s| s.checked_at).map(|t| t.to_string()).unwrap_or_default();
            writer
                .write_record([
                    &*csv_cell(&c.id),
                    &csv_cell(c.name.get(ctx.lang)),
                    &target,
                    &level.level.to_string(),
                    &csv_cell(&st.id),
                    &csv_cell(st.text.get(ctx.lang)),
                    if state.is_some_and(|s| s.checked) { "true" } else { "false" },
                    &checked_at,
                    &csv_cell(workbook.note(&st.id)),
                ])
                .expect("writing to memory");
        }
    }
    String::from_utf8(writer.into_inner().expect("writing to memory")).expect("CSV of UTF-8 text is UTF-8")
}

#[derive(Serialize)]
struct Export<'a> {
    profile: ProfileJson<'a>,
    framework: FrameworkJson<'a>,
    progress: ProgressJson,
    competencies: Vec<CompetencyJson<'a>>,
    /// Ids in the workbook the framework does not know (kept in the file).
    unknown_ids: Vec<String>,
    /// Team mode: coaches' records that could not be used, and why.
    unread_records: Vec<UnreadJson<'a>>,
}

#[derive(Serialize)]
struct UnreadJson<'a> {
    coach: &'a str,
    reason: String,
}

#[derive(Serialize)]
struct CompetencyJson<'a> {
    #[serde(flatten)]
    status: CompetencyStatus<'a>,
    levels: Vec<LevelJson<'a>>,
    reflection: &'a str,
    comments: Vec<CommentJson<'a>>,
}

#[derive(Serialize)]
struct LevelJson<'a> {
    level: u8,
    achieved: bool,
    checked: usize,
    total: usize,
    review_requested: bool,
    signoff: Option<SignoffJson<'a>>,
    returned: Option<VerdictJson<'a>>,
    /// Sign-offs and returns nobody vouches for (team mode): never counted.
    unverified: Vec<UnverifiedJson<'a>>,
    statements: Vec<StatementJson<'a>>,
}

#[derive(Serialize)]
struct StatementJson<'a> {
    id: &'a str,
    text: &'a str,
    checked: bool,
    checked_at: Option<String>,
    note: &'a str,
}

#[derive(Serialize)]
struct SignoffJson<'a> {
    #[serde(flatten)]
    verdict: VerdictJson<'a>,
    stale: bool,
}

#[derive(Serialize)]
struct VerdictJson<'a> {
    /// The coach's display name.
    by: &'a str,
    /// The coach's login ("" in workbooks from before logins were kept).
    login: &'a str,
    at: String,
    comment: &'a str,
    /// In a team, the kernel vouches that the coach wrote it; false outside a team.
    verified: bool,
}

#[derive(Serialize)]
struct UnverifiedJson<'a> {
    /// "sign-off" or "return".
    what: &'static str,
    #[serde(flatten)]
    verdict: VerdictJson<'a>,
    /// Why it is not trusted, in the user's language.
    reason: String,
}

#[derive(Serialize)]
struct CommentJson<'a> {
    by: &'a str,
    login: &'a str,
    at: String,
    text: &'a str,
    verified: bool,
}

fn verdict_json(v: &Verdict) -> VerdictJson<'_> {
    VerdictJson {
        by: &v.by,
        login: &v.login,
        at: rfc3339(&v.at),
        comment: &v.comment,
        verified: v.trust == Trust::Verified,
    }
}

fn rfc3339(t: &Time) -> String {
    t.to_string()
}

fn competency_json<'a>(ctx: &'a Context, workbook: &'a Workbook, c: &'a Competency) -> CompetencyJson<'a> {
    let p = progress::competency(c, workbook, workbook.profile.role.as_deref());
    let levels = c
        .levels
        .iter()
        .map(|level| {
            let lp = p.level(level.level).expect("progress has every level");
            let state = workbook.level_state(&c.id, level.level);
            let stale: Option<Staleness> = progress::stale_signoff(c, workbook, level.level);
            LevelJson {
                level: level.level,
                achieved: lp.achieved,
                checked: lp.checked.done,
                total: lp.checked.total,
                review_requested: state.is_some_and(|s| s.review_requested.is_some()),
                signoff: state
                    .and_then(|s| s.signoff.as_ref())
                    .map(|v| SignoffJson { verdict: verdict_json(v), stale: stale.is_some() }),
                returned: state.and_then(|s| s.returned.as_ref()).map(verdict_json),
                unverified: state
                    .map(|s| s.unverified.as_slice())
                    .unwrap_or_default()
                    .iter()
                    .map(|(kind, v)| UnverifiedJson {
                        what: match kind {
                            VerdictKind::SignOff => "sign-off",
                            VerdictKind::Return => "return",
                        },
                        verdict: verdict_json(v),
                        reason: match &v.trust {
                            Trust::Unverified(why) => why.message(ctx.lang),
                            other => other.message(ctx.lang),
                        },
                    })
                    .collect(),
                statements: level
                    .statements
                    .iter()
                    .map(|st| {
                        let state = workbook.statements.get(&st.id);
                        StatementJson {
                            id: &st.id,
                            text: st.text.get(ctx.lang),
                            checked: state.is_some_and(|s| s.checked),
                            checked_at: state.and_then(|s| s.checked_at.as_ref()).map(rfc3339),
                            note: workbook.note(&st.id),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    CompetencyJson {
        status: super::status::competency_status(ctx, workbook, c),
        levels,
        reflection: workbook.reflection(&c.id),
        comments: workbook.comments(&c.id).iter().map(comment_json).collect(),
    }
}

fn comment_json(c: &Comment) -> CommentJson<'_> {
    CommentJson { by: &c.by, login: &c.login, at: rfc3339(&c.at), text: &c.text, verified: c.trust == Trust::Verified }
}

fn json(ctx: &Context, workbook: &Workbook) -> String {
    let export = Export {
        profile: ProfileJson { name: &workbook.profile.name, role: workbook.profile.role.as_deref() },
        framework: FrameworkJson { id: &ctx.framework.id, version: &ctx.framework.version },
        progress: progress_json(ctx, workbook),
        competencies: ctx.framework.competencies.iter().map(|c| competency_json(ctx, workbook, c)).collect(),
        unknown_ids: workbook.unknown_ids(&ctx.framework),
        unread_records: workbook
            .unread_records
            .iter()
            .map(|u| UnreadJson { coach: &u.coach, reason: u.message(ctx.lang) })
            .collect(),
    };
    json_safe(&serde_json::to_string_pretty(&export).expect("export serializes")) + "\n"
}

/// Writes an export to a file. A CSV file (`bom`) starts with a UTF-8
/// byte-order mark so that Excel opens Japanese text correctly.
///
/// The file is written as the workbook is (atomically, fsync'd, an existing
/// file's mode and group kept; a new one private, as the workbook), and never
/// over the learner's `workbook` or its lock file, existing or not.
pub fn write_file(
    path: &std::path::Path,
    text: &str,
    bom: bool,
    workbook: Option<&std::path::Path>,
    lang: keiko_core::lang::Lang,
) -> Result<(), String> {
    let shown = path.display().to_string();
    if let Some(workbook) = workbook {
        let mut lock = workbook.as_os_str().to_os_string();
        lock.push(".lock");
        let lock = std::path::PathBuf::from(lock);
        let target = real_path(path);
        // In a directory not there yet, neither file is: compare the paths as given.
        let same = |other: &std::path::Path| match target {
            Some(_) => target == real_path(other),
            None => std::path::absolute(path).ok() == std::path::absolute(other).ok(),
        };
        if same(workbook) || same(&lock) {
            return Err(lang.t(msg::ExportIsWorkbook { path: &shown }));
        }
    }
    let bom = if bom { "\u{feff}" } else { "" };
    // As `cli::print` does: whatever a renderer missed, no control character gets out.
    let text = terminal_safe(text, true);
    write_bytes(path, format!("{bom}{text}").as_bytes(), lang)
}

/// Writes a file keiko made (an export, the Excel report) as `write_file`
/// does: its directory made if missing, then atomically, private when new.
pub fn write_bytes(path: &std::path::Path, bytes: &[u8], lang: keiko_core::lang::Lang) -> Result<(), String> {
    let shown = path.display().to_string();
    let cannot = |e: &std::io::Error| {
        let error = crate::i18n::os_error(&keiko_core::os::files::OsError::from(e), lang);
        lang.t(msg::CannotWriteFile { path: &shown, error: &error })
    };
    create_directory(path, lang).map_err(|message| format!("{shown}: {message}"))?;
    match keiko_core::store::write_file_atomically(path, bytes, 0o600) {
        Err(e) => Err(cannot(&e)),
        // Renamed into place, the export is complete: a failed directory sync
        // after that is no reason to call it failed.
        Ok(_directory_synced) => Ok(()),
    }
}

/// Creates the missing directory of a file keiko writes, as the store does
/// for the workbook: private (`0700`), and never on a path through `..`
/// (`sub/../x.md` would make `sub`, which the user never asked for).
pub fn create_directory(path: &std::path::Path, lang: keiko_core::lang::Lang) -> Result<(), String> {
    use std::os::unix::fs::DirBuilderExt;
    let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) else {
        return Ok(());
    };
    let shown = dir.display().to_string();
    if dir.components().any(|c| c == std::path::Component::ParentDir) {
        return Err(lang.t(msg::NoDirectoryThroughParent { dir: &shown }));
    }
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir).map_err(|e| {
        let error = crate::i18n::os_error(&keiko_core::os::files::OsError::from(&e), lang);
        lang.t(msg::CannotCreateDirectory { dir: &shown, error: &error })
    })
}

/// The file `path` names with every symbolic link and `..` resolved; for a
/// file not there yet, its real directory and its name.
fn real_path(path: &std::path::Path) -> Option<std::path::PathBuf> {
    std::fs::canonicalize(path).ok().or_else(|| {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
        Some(std::fs::canonicalize(dir).ok()?.join(path.file_name()?))
    })
}

/// What a CSV cell may not start with: a spreadsheet runs `=`, `+`, `-` or
/// `@` as a formula, and may drop leading tabs, line breaks and spaces (the
/// non-breaking and the ideographic one too) on the way to one; a Japanese
/// IME types the full-width signs, which Excel takes for the ASCII ones.
const FORMULA_STARTS: [char; 14] =
    ['=', '+', '-', '@', '\t', '\r', '\n', ' ', '\u{a0}', '\u{3000}', '＝', '＋', '－', '＠'];

/// Text a spreadsheet could read as a formula (`FORMULA_STARTS`) gets a
/// leading `'`, as spreadsheets themselves do.
pub fn spreadsheet_safe(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) { Cow::Owned(format!("'{text}")) } else { Cow::Borrowed(text) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where `md` has markup that could reach out of the sheet: a `[`, `]`
    /// or `<` not escaped by a `\\` (a link, an image, a reference, an
    /// autolink, HTML), or a bare address a GFM renderer would link. A
    /// control shown as `<U+202E>` is no tag (`+` cannot follow a tag's
    /// name) and no autolink (no `:`).
    fn live_markup(md: &str) -> Option<String> {
        let shown = md.replace("<U+", "U+");
        let mut chars = shown.chars();
        let mut plain = String::new();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                    plain.push('_');
                }
                '[' | ']' | '<' => return Some(format!("{c} in {md:?}")),
                c => plain.push(c),
            }
        }
        let lower = plain.to_lowercase();
        ["://", "www."].iter().find(|a| lower.contains(*a)).map(|a| format!("{a} in {md:?}"))
    }

    #[test]
    fn markdown_text_makes_no_link_image_autolink_or_html() {
        let hostile = [
            "[click](http://evil.example)",
            "![pixel](http://evil.example/p.png)",
            "<http://evil.example>",
            "<img src=x onerror=alert(1)>",
            "[ref]\n\n[ref]: http://evil.example",
            "see https://evil.example/login or WWW.evil.example",
            // A backslash of the learner's own cannot escape the escape.
            "\\[x\\](http://evil.example)",
            // Controls become `^[` (ESC), `^]` (GS) and `^\\` (FS): brackets and a backslash.
            "\u{1b}x\u{1d}(http://evil.example)",
            "\u{1c}[x](y)",
            "[x]\u{202e}(y)",
        ];
        for text in hostile {
            for keep_lines in [true, false] {
                let md = md_text(text, keep_lines);
                assert_eq!(live_markup(&md), None, "{text:?}");
            }
            // The cell's own line breaks aside.
            assert_eq!(live_markup(&cell(text).replace("<br>", " ")), None, "{text:?}");
        }
        // What is escaped still reads the same once rendered.
        assert_eq!(
            md_text("[x](http://e.example) a\\b www.e.example", false),
            "\\[x\\](http\\://e.example) a\\\\b www\\.e.example"
        );
        assert_eq!(md_text("\u{1b}[2J <b>", false), "^\\[\\[2J &lt;b&gt;");
        assert_eq!(cell("a|b\nc"), "a\\|b<br>c");
    }

    #[test]
    fn every_start_a_spreadsheet_could_read_as_a_formula_gets_a_quote() {
        // Each written out, not taken from FORMULA_STARTS: the list is what is tested.
        let starts = ['=', '+', '-', '@', '\t', '\r', '\n', ' ', '\u{a0}', '\u{3000}', '＝', '＋', '－', '＠'];
        for start in starts {
            let text = format!("{start}SUM(A1:A9)");
            assert_eq!(spreadsheet_safe(&text), format!("'{text}"), "{start:?}");
            // Through the CSV cell as well: quoted, or (a lone `\r`) shown as `^M`.
            let cell = csv_cell(&text);
            assert!(!cell.starts_with(starts) && cell.ends_with(&text[start.len_utf8()..]), "{start:?}: {cell}");
        }
        for plain in ["青木 花子", "SM-5", "1/2", "'quoted", "", "a=b", "x-1"] {
            assert_eq!(spreadsheet_safe(plain), plain);
        }
        // A control at the start is shown (`^[`), which no spreadsheet runs.
        assert_eq!(csv_cell("\u{1b}=1"), "^[=1");
    }
}
