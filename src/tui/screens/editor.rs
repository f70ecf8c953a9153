//! The note editor: a statement's evidence note, a competency's reflection,
//! or a coach's comment. `Esc` saves and closes. Read-only, it is the viewer
//! of a learner's note for a coach: `Esc` closes.

use crate::i18n::{Words, msg};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::common::{self, Theme, safe, wrapped};
use super::text_box::TextBox;
use crate::tui::keymap::{Action, ScreenKind};
use crate::tui::model::Model;
use crate::tui::screens::Transition;

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
    text: TextBox,
    original: String,
    /// A coach reading a learner's note: shown, never changed.
    pub read_only: bool,
}

impl Editor {
    pub fn new(target: NoteTarget, text: &str) -> Editor {
        Editor { target, text: TextBox::new(text), original: text.to_string(), read_only: false }
    }

    /// After a resize: lines are wrapped again for the new width.
    pub fn relayout(&mut self) {
        self.text.relayout();
    }

    /// Someone else's note, to read from the top: never changed. Text that
    /// must not reach a terminal is shown as visible escapes when drawn.
    pub fn viewer(target: NoteTarget, text: &str) -> Editor {
        let mut editor = Editor::new(target, text);
        editor.text.text_start();
        editor.read_only = true;
        editor
    }

    pub fn text(&self) -> String {
        self.text.text()
    }

    /// Where the caret is: line and byte offset.
    pub fn caret(&self) -> super::text_box::Caret {
        self.text.caret()
    }

    /// The text as it was when the editor opened (or was last saved).
    pub fn original(&self) -> &str {
        &self.original
    }

    /// Whether the text differs from the original; compares without copying.
    pub fn is_modified(&self) -> bool {
        !self.read_only && !self.text.is(&self.original)
    }

    pub fn key(&mut self, key: KeyEvent) -> Transition {
        if self.read_only {
            return Transition::Stay;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let page = self.text.page() as isize;
        let text = &mut self.text;
        match key.code {
            KeyCode::Char(c) if !common::is_command(&key) => text.insert(c.encode_utf8(&mut [0; 4])),
            KeyCode::Enter => text.insert("\n"),
            KeyCode::Tab => text.insert("    "),
            KeyCode::Backspace => text.delete_back(),
            KeyCode::Delete => text.delete_forward(),
            KeyCode::Left => text.left(),
            KeyCode::Right => text.right(),
            KeyCode::Up => text.move_rows(-1),
            KeyCode::Down => text.move_rows(1),
            KeyCode::PageUp => text.move_rows(-page),
            KeyCode::PageDown => text.move_rows(page),
            KeyCode::Home if ctrl => text.text_start(),
            KeyCode::End if ctrl => text.text_end(),
            KeyCode::Home => text.line_start(),
            KeyCode::End => text.line_end(),
            _ => {}
        }
        Transition::Stay
    }

    /// Bracketed paste: the pasted text goes in as it is, line breaks included.
    pub fn paste(&mut self, text: &str) -> Transition {
        if !self.read_only {
            self.text.insert(&text.replace("\r\n", "\n").replace('\r', "\n"));
        }
        Transition::Stay
    }

    pub fn action(&mut self, _model: &mut Model, action: Action) -> Transition {
        let page = self.text.page() as isize;
        match action {
            Action::SaveClose => {
                if !self.is_modified() {
                    return Transition::Pop;
                }
                // Not saved, the editor stays open with every character typed.
                Transition::SaveText {
                    target: self.target.clone(),
                    text: self.text(),
                    original: self.original.clone(),
                    then: Box::new(Transition::Pop),
                }
            }
            Action::Close => Transition::Pop,
            // The viewer scrolls (also with the mouse wheel).
            Action::Down if self.read_only => self.scrolled(1),
            Action::Up if self.read_only => self.scrolled(-1),
            Action::PageDown if self.read_only => self.scrolled(page),
            Action::PageUp if self.read_only => self.scrolled(-page),
            Action::Home if self.read_only => {
                self.text.scroll_to(false);
                Transition::Stay
            }
            Action::End if self.read_only => {
                self.text.scroll_to(true);
                Transition::Stay
            }
            _ => Transition::Stay,
        }
    }

    fn scrolled(&mut self, rows: isize) -> Transition {
        self.text.scroll(rows);
        Transition::Stay
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &Model, state: &Editor) {
    let s = app.s();
    let lang = app.ui.lang;
    let theme = Theme::of(&app.ui);
    let kind = if state.read_only { ScreenKind::Viewer } else { ScreenKind::Editor };
    let page = common::page(frame, area, app, kind, 0);
    let columns = area.width as usize;

    let (title, context) = match &state.target {
        NoteTarget::Statement(id) => {
            let text = app.framework.locate(id).map_or("", |at| app.framework.statement(at).text.get(lang));
            (
                format!("{} {}", if state.read_only { s.t(msg::Note) } else { s.t(msg::EditNote) }, safe(id)),
                text.to_string(),
            )
        }
        NoteTarget::Reflection(id) => {
            let name = app.framework.competency(id).map_or("", |c| c.name.get(lang));
            (format!("{} {}", s.t(msg::EditReflection), safe(id)), name.to_string())
        }
        NoteTarget::Comment(id) => {
            let name = app.framework.competency(id).map_or("", |c| c.name.get(lang));
            (format!("{} {}", s.t(msg::WriteComment), safe(id)), name.to_string())
        }
    };
    // The statement above the box: up to three lines, fewer when rows are
    // short, so the box keeps at least four rows for the text.
    let mut context_lines = wrapped(&context, columns.saturating_sub(2));
    let room = usize::from(page.body.height).saturating_sub(1 + 6);
    if context_lines.len() > room.min(3) {
        context_lines.truncate(room.min(3));
        if let Some(last) = context_lines.last_mut() {
            *last = common::cut_short(last, columns.saturating_sub(2));
        }
    }
    let [header, body] =
        Layout::vertical([Constraint::Length(1 + context_lines.len() as u16), Constraint::Min(3)]).areas(page.body);
    let mut lines = vec![Line::from(Span::styled(format!(" {title}"), theme.title()))];
    lines.extend(context_lines.into_iter().map(|l| Line::styled(format!(" {l}"), theme.dim())));
    frame.render_widget(Paragraph::new(lines), header);

    let block = common::block(&app.ui, "");
    let inner = block.inner(body);
    frame.render_widget(block, body);
    if state.text.is_empty() && !state.read_only {
        let hint = match state.target {
            NoteTarget::Comment(_) => s.t(msg::CommentPlaceholder),
            NoteTarget::Reflection(_) => s.t(msg::ReflectionPlaceholder),
            NoteTarget::Statement(_) => s.t(msg::NotePlaceholder),
        };
        let lines: Vec<Line> =
            wrapped(hint, inner.width as usize).into_iter().map(|l| Line::styled(l, theme.dim())).collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
    // The terminal's own cursor sits at the caret, so an IME composes in place.
    let caret = state.text.draw(inner, frame.buffer_mut(), Style::new(), !state.read_only);
    if let Some(caret) = caret {
        frame.set_cursor_position(caret);
    }
}
