//! The floor keiko's terminal cost is measured against (`tests/termcost.rs`):
//! the smallest ratatui app that draws a list and a gauge, with the terminal
//! set up as keiko sets it up (raw mode, alternate screen, bracketed paste,
//! mouse reporting) and ratatui's own crossterm backend. Down and Up move
//! the selection, `q` quits.

use std::io::{self, Write};

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyCode};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Gauge, List, ListState};

fn main() -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    out.write_all(b"\x1b[?1000h\x1b[?1006h")?;
    let mut terminal = Terminal::new(CrosstermBackend::new(out))?;
    let items: Vec<String> = (1..=20).map(|i| format!("Item {i:>2}: a line of text as long as a list row")).collect();
    let mut state = ListState::default().with_selected(Some(0));
    loop {
        terminal.draw(|frame| {
            let [list, gauge] = Layout::vertical([Constraint::Min(0), Constraint::Length(3)]).areas(frame.area());
            let widget = List::new(items.iter().map(String::as_str))
                .block(Block::bordered().title(" Floor "))
                .highlight_symbol("> ")
                .highlight_style(Style::new().add_modifier(Modifier::REVERSED));
            frame.render_stateful_widget(widget, list, &mut state);
            frame.render_widget(Gauge::default().block(Block::bordered()).label("Progress 40%").ratio(0.4), gauge);
        })?;
        if let Event::Key(key) = event::read()? {
            match key.code {
                KeyCode::Down => state.select_next(),
                KeyCode::Up => state.select_previous(),
                KeyCode::Char('q') => break,
                _ => {}
            }
        }
    }
    let mut out = io::stdout();
    out.write_all(b"\x1b[?1006l\x1b[?1000l")?;
    execute!(out, DisableBracketedPaste, crossterm::cursor::Show, LeaveAlternateScreen)?;
    crossterm::terminal::disable_raw_mode()
}
