//! `p` (and `t` on the team screen): progress week by week, as bars, with
//! the target as a line across. Drawn by hand with the bar glyph and `─`
//! (or `#` and `-` with `--ascii`): no braille or partial blocks, which
//! East Asian terminals may draw double-width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{self, Theme, safe};
use crate::i18n::chart_words;
use crate::tui::keymap::{Action, ScreenKind};
use crate::tui::model::Model;
use crate::tui::screens::Transition;
use keiko_core::model::weekly::{self, Point};
use keiko_core::text::{fit, width};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The workbook on screen: the learner's own, or the one a coach opened.
    Learner,
    /// Coach review: the whole team.
    Team,
}

#[derive(Debug)]
pub struct Chart {
    pub mode: Mode,
}

/// Columns per week, at least: a bar two wide and a gap.
const SLOT: usize = 3;
/// A week's label, `MM-DD`, and a gap.
const LABEL: usize = 6;

impl Chart {
    pub fn learner() -> Chart {
        Chart { mode: Mode::Learner }
    }

    pub fn team() -> Chart {
        Chart { mode: Mode::Team }
    }

    pub fn action(&mut self, _app: &mut Model, action: Action) -> Transition {
        match action {
            Action::Back => Transition::Pop,
            _ => Transition::Stay,
        }
    }

    /// The weeks to draw and the target line's value.
    fn series(&self, app: &Model) -> (Vec<Point>, usize) {
        let zone = keiko_core::clock::display_zone();
        let now = app.now();
        match self.mode {
            Mode::Learner => match app.workbook() {
                Some(wb) => {
                    (weekly::checked_by_week(&app.framework, wb, &zone, &now), weekly::target_total(&app.framework, wb))
                }
                None => (Vec::new(), 0),
            },
            Mode::Team => match &app.team {
                Some(state) => {
                    let members = &state.team.members;
                    let learners = members
                        .iter()
                        .map(|m| &m.summary)
                        .map(|s| (s.at_target, s.at_target_since.as_ref(), s.last_activity.is_some()));
                    (weekly::team_at_target(learners, &zone, &now), members.len())
                }
                None => (Vec::new(), 0),
            },
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, chart: &Chart) {
    let lang = app.ui.lang;
    let theme = Theme::of(&app.ui);
    let page = common::page(frame, area, app, ScreenKind::Chart, 2);
    let columns = area.width as usize;
    let (title, measure) = match chart.mode {
        Mode::Learner => (chart_words::learner_title(lang), chart_words::learner_measure(lang)),
        Mode::Team => (chart_words::team_title(lang), chart_words::team_measure(lang)),
    };
    let who = match chart.mode {
        Mode::Learner => app.workbook().map(|wb| safe(&wb.profile.name)).unwrap_or_default(),
        Mode::Team => String::new(),
    };
    let (series, target) = chart.series(app);
    let latest = series.last().map(|p| format!("  {}/{target}", p.value)).unwrap_or_default();
    let header = vec![
        common::header_line(
            app,
            vec![Span::styled(format!(" {title}"), theme.title())],
            format!("{who}{latest} ").trim_start().to_string(),
            columns,
        ),
        Line::styled(fit(&format!(" {measure}"), columns), theme.dim()),
    ];
    frame.render_widget(Paragraph::new(header), page.header);
    let block = common::block(&app.ui, "");
    let inner = block.inner(page.body);
    frame.render_widget(block, page.body);
    if series.is_empty() {
        let more = match chart.mode {
            Mode::Learner => chart_words::nothing_yet_learner(lang),
            Mode::Team => chart_words::nothing_yet_team(lang),
        };
        let mut lines = vec![Line::styled(format!(" {}", chart_words::nothing_yet(lang)), theme.title())];
        lines.extend(
            common::wrapped(more, (inner.width as usize).saturating_sub(2))
                .into_iter()
                .map(|l| Line::raw(format!(" {l}"))),
        );
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    draw_bars(frame, inner, app, &series, target);
}

/// The bars, the target line and the axes' labels in `area`.
fn draw_bars(frame: &mut Frame, area: Rect, app: &Model, series: &[Point], target: usize) {
    let theme = Theme::of(&app.ui);
    let g = app.ui.glyphs;
    let line_glyph = if g.ascii { "-" } else { "─" };
    // A row for the week labels, and at least two for the bars.
    if area.height < 3 || area.width < 12 {
        return;
    }
    let rows = usize::from(area.height - 1);
    let target_label = chart_words::target(app.ui.lang, target);
    let top = series.iter().map(|p| p.value).max().unwrap_or(0).max(target).max(1);
    let label_width = width(&target_label).max(top.to_string().len()) + 1;
    let plot_width = (area.width as usize).saturating_sub(label_width);
    // The newest week's label is wider than its bar: room for it at the right.
    let bars_width = plot_width.saturating_sub(LABEL - SLOT);
    let shown = &series[series.len().saturating_sub(bars_width / SLOT)..];
    // Few weeks get wider bars, so the chart fills the screen.
    let slot = (bars_width / shown.len().max(1)).clamp(SLOT, 2 * SLOT);
    let label_every = LABEL.div_ceil(slot);
    // Rows filled by a value: rounded, and at least one for anything above zero.
    let height = |value: usize| if value == 0 { 0 } else { ((value * rows + top / 2) / top).clamp(1, rows) };
    let target_row = (target > 0).then(|| rows - height(target));
    let buffer = frame.buffer_mut();
    let (x0, y0) = (area.x, area.y);
    let plot_x = x0 + label_width as u16;
    // Y labels: the top value, zero, and the target on its line.
    let mut label = |row: usize, text: &str, style: Style| {
        let pad = (label_width - 1).saturating_sub(width(text));
        buffer.set_stringn(x0 + pad as u16, y0 + row as u16, text, label_width - 1 - pad, style);
    };
    label(0, &top.to_string(), theme.dim());
    label(rows - 1, "0", theme.dim());
    if let Some(row) = target_row {
        label(row, &target_label, theme.warn());
        let line = line_glyph.repeat(shown.len() * slot);
        buffer.set_stringn(plot_x, y0 + row as u16, line, plot_width, theme.warn());
    }
    for (i, point) in shown.iter().enumerate() {
        let x = plot_x + (i * slot) as u16;
        let filled = height(point.value);
        for row in rows - filled..rows {
            buffer.set_stringn(x, y0 + row as u16, g.bar_full.repeat(slot - 1), slot - 1, theme.bar());
        }
        // Labels as often as they fit, the newest week's always.
        if (shown.len() - 1 - i).is_multiple_of(label_every) {
            let room = usize::from(area.x + area.width - x);
            buffer.set_stringn(x, y0 + rows as u16, point.week.label(), room, theme.dim());
        }
    }
}

/// Sparkline levels: braille dots, one column wide and not ambiguous-width
/// (the partial blocks `▁▂▃…` are), or ASCII.
const SPARK: [&str; 5] = [" ", "⣀", "⣤", "⣶", "⣿"];
const SPARK_ASCII: [&str; 8] = [" ", ".", ":", "-", "=", "+", "*", "#"];

/// `values` as one character each, scaled so `max` is the highest level;
/// any value above zero shows.
pub fn sparkline(values: &[u16], max: u16, ascii: bool) -> String {
    let levels: &[&str] = if ascii { &SPARK_ASCII } else { &SPARK };
    let top = levels.len() - 1;
    let max = usize::from(max.max(1));
    values
        .iter()
        .map(|&v| match usize::from(v) {
            0 => levels[0],
            v => levels[(v * top).div_ceil(max).clamp(1, top)],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn sparklines_are_one_column_a_week_unambiguous_and_ascii_with_ascii() {
        for level in SPARK.iter().chain(&SPARK_ASCII) {
            assert_eq!(level.width(), 1, "{level:?}");
            assert_eq!(level.width(), level.width_cjk(), "{level:?} is ambiguous-width");
        }
        assert!(SPARK_ASCII.iter().all(|l| l.is_ascii()));
        assert_eq!(sparkline(&[0, 1, 5, 10], 10, true), " .=#");
        assert_eq!(sparkline(&[0, 1, 5, 10], 10, false), " ⣀⣤⣿");
        assert_eq!(sparkline(&[0, 0], 0, false), "  ");
    }
}
