//! The note editor: a statement's evidence note, a competency's reflection,
//! or a coach's comment. `Esc` saves and closes.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::common::{self, Theme, safe, wrapped};
use crate::tui::app::{App, Transition};
use crate::tui::keymap::{Action, ScreenKind};

fn text_area(lines: Vec<String>) -> TextArea<'static> {
    let mut textarea = TextArea::new(lines);
    textarea.set_wrap_mode(WrapMode::WordOrGlyph);
    textarea.set_cursor_line_style(ratatui::style::Style::new());
    textarea
}

/// What the text being edited belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTarget {
    /// A statement's evidence note, by statement id.
    Statement(String),
    /// A competency's reflection, by competency id.
    Reflection(String),
    /// A new coach comment on a competency.
    Comment(String),
}

pub struct Editor {
    pub target: NoteTarget,
    textarea: TextArea<'static>,
    original: String,
    /// A coach reading a learner's note: shown, never changed.
    pub read_only: bool,
}

impl Editor {
    pub fn new(target: NoteTarget, text: &str) -> Editor {
        let mut textarea = text_area(text.split('\n').map(str::to_string).collect());
        textarea.move_cursor(CursorMove::Bottom);
        textarea.move_cursor(CursorMove::End);
        Editor { target, textarea, original: text.to_string(), read_only: false }
    }

    /// After a resize: a fresh text area with the same text and caret, so the
    /// view is laid out for the new size instead of keeping an old scroll.
    pub fn relayout(&mut self) {
        let (row, col) = (self.textarea.cursor().0, self.textarea.cursor().1);
        let lines = self.textarea.lines().to_vec();
        self.textarea = text_area(lines);
        self.textarea.move_cursor(CursorMove::Jump(row as u16, col as u16));
    }

    /// Someone else's note, to read: made safe for the screen and not editable.
    pub fn viewer(target: NoteTarget, text: &str) -> Editor {
        let safe_text: Vec<String> = text.split('\n').map(safe).collect();
        let mut editor = Editor::new(target, &safe_text.join("\n"));
        editor.textarea.move_cursor(CursorMove::Top);
        editor.read_only = true;
        editor
    }

    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    /// The text as it was when the editor opened (or was last saved).
    pub fn original(&self) -> &str {
        &self.original
    }

    pub fn is_modified(&self) -> bool {
        !self.read_only && self.text() != self.original
    }

    pub fn key(&mut self, key: KeyEvent) -> Transition {
        if self.read_only {
            // Reading only: arrows and paging still move through the text.
            let before = self.textarea.lines().to_vec();
            self.textarea.input(key);
            if self.textarea.lines() != before.as_slice() {
                self.textarea.undo();
            }
        } else {
            self.textarea.input(key);
        }
        Transition::Stay
    }

    /// Bracketed paste: the pasted text goes in as it is, line breaks included.
    pub fn paste(&mut self, text: &str) -> Transition {
        if !self.read_only {
            self.textarea.insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
        }
        Transition::Stay
    }

    pub fn action(&mut self, app: &mut App, action: Action) -> Transition {
        match action {
            Action::SaveClose => {
                if !self.is_modified() {
                    return Transition::Pop;
                }
                match app.save_text(&self.target, self.text(), &self.original) {
                    Ok(()) => {
                        self.original = self.text();
                        Transition::Pop
                    }
                    // Not saved: the editor stays open with every character typed.
                    Err(_) => Transition::Stay,
                }
            }
            _ => Transition::Stay,
        }
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, state: &Editor) {
    let s = app.s();
    let lang = app.ui.lang;
    let theme = Theme::of(&app.ui);
    let page = common::page(frame, area, app, ScreenKind::Editor, 0);
    let columns = area.width as usize;

    let (title, context) = match &state.target {
        NoteTarget::Statement(id) => {
            let text = app.framework.locate(id).map_or("", |at| app.framework.statement(at).text.get(lang));
            (format!("{} {}", if state.read_only { s.note } else { s.edit_note }, safe(id)), text.to_string())
        }
        NoteTarget::Reflection(id) => {
            let name = app.framework.competency(id).map_or("", |c| c.name.get(lang));
            (format!("{} {}", s.edit_reflection, safe(id)), name.to_string())
        }
        NoteTarget::Comment(id) => {
            let name = app.framework.competency(id).map_or("", |c| c.name.get(lang));
            (format!("{} {}", s.write_comment, safe(id)), name.to_string())
        }
    };
    let mut context_lines = wrapped(&context, columns.saturating_sub(2));
    context_lines.truncate(3);
    let [header, body] =
        Layout::vertical([Constraint::Length(1 + context_lines.len() as u16), Constraint::Min(3)]).areas(page.body);
    let mut lines = vec![Line::from(Span::styled(format!(" {title}"), theme.title()))];
    lines.extend(context_lines.into_iter().map(|l| Line::styled(format!(" {l}"), theme.dim())));
    frame.render_widget(Paragraph::new(lines), header);

    let block = common::block(&app.ui, "");
    let inner = block.inner(body);
    frame.render_widget(block, body);
    if state.text().is_empty() && !state.read_only {
        let hint = match state.target {
            NoteTarget::Comment(_) => s.comment_placeholder,
            NoteTarget::Reflection(_) => s.reflection_placeholder,
            NoteTarget::Statement(_) => s.note_placeholder,
        };
        let lines: Vec<Line> =
            wrapped(hint, inner.width as usize).into_iter().map(|l| Line::styled(l, theme.dim())).collect();
        frame.render_widget(Paragraph::new(lines), inner);
    } else {
        frame.render_widget(&state.textarea, inner);
    }
    if !state.read_only {
        // The terminal's own cursor sits at the caret, so an IME composes in place.
        let caret = state.textarea.screen_cursor();
        let (top, left) = state.textarea.scroll_offset();
        let x = inner.x as usize + caret.col.saturating_sub(left as usize);
        let y = inner.y as usize + caret.row.saturating_sub(top as usize);
        if x < (inner.x + inner.width) as usize && y < (inner.y + inner.height) as usize {
            frame.set_cursor_position(Position::new(x as u16, y as u16));
        }
    }
}
