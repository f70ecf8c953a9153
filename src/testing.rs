//! Support for property tests, fuzz targets and benchmarks: turning bytes
//! into the messages a user can send. Not part of keiko's interface: built
//! only with the `testing` feature, which the tests, benches and fuzz/ turn
//! on. Generated workbooks are in `keiko_core::testing`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use crate::tui::app::{App, Msg};

/// Every key the screens react to, and some text (ASCII and Japanese).
const KEYS: &[KeyCode] = &[
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Char(' '),
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::PageUp,
    KeyCode::PageDown,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::Backspace,
    KeyCode::Delete,
    KeyCode::Char('q'),
    KeyCode::Char('?'),
    KeyCode::Char('u'),
    KeyCode::Char('/'),
    KeyCode::Char('g'),
    KeyCode::Char('H'),
    KeyCode::Char('r'),
    KeyCode::Char('e'),
    KeyCode::Char('R'),
    KeyCode::Char('v'),
    KeyCode::Char('s'),
    KeyCode::Char('x'),
    KeyCode::Char('c'),
    KeyCode::Char('o'),
    KeyCode::Char('w'),
    KeyCode::Char('j'),
    KeyCode::Char('k'),
    KeyCode::Char('l'),
    KeyCode::Char('h'),
    KeyCode::Char('a'),
    KeyCode::Char('顧'),
    KeyCode::Char('客'),
    KeyCode::Char('\u{1b}'),
];

/// The message one byte stands for: mostly keys, sometimes Ctrl keys, a
/// resize, a paste, a mouse event or a file change.
pub fn message_for(byte: u8, next: u8) -> Msg {
    let key = |code| Msg::Key(KeyEvent::new(code, KeyModifiers::NONE));
    match byte {
        0..=199 => key(KEYS[byte as usize % KEYS.len()]),
        200..=209 => {
            Msg::Key(KeyEvent::new(KeyCode::Char(['c', 'l', 'w', 'u', 'k'][byte as usize % 5]), KeyModifiers::CONTROL))
        }
        210..=224 => Msg::Resize(u16::from(next % 201), u16::from(next / 4 % 61)),
        225..=234 => Msg::Paste(
            ["一行目\r\n二行目", "\u{1b}[2J", "", "x\ty", "長い貼り付け ".repeat(50).as_str()][byte as usize % 5]
                .to_string(),
        ),
        235..=244 => Msg::Mouse(MouseEvent {
            kind: [MouseEventKind::ScrollDown, MouseEventKind::ScrollUp, MouseEventKind::Down(MouseButton::Left)]
                [byte as usize % 3],
            column: u16::from(next % 120),
            row: u16::from(next % 40),
            modifiers: KeyModifiers::NONE,
        }),
        _ => Msg::FileChanged,
    }
}

/// Sends the messages `bytes` stand for, drawing after each one at the app's
/// size as the terminal would. Quitting does not stop the script: the app
/// must stay sound whatever comes after.
pub fn run_script(app: &mut App, bytes: &[u8]) {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(1, 1)).expect("a test terminal");
    for (i, &byte) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        app.update(message_for(byte, next));
        let (w, h) = app.size;
        terminal.resize(ratatui::layout::Rect::new(0, 0, w, h)).expect("a test terminal resizes");
        let mut frame = terminal.get_frame();
        app.draw(&mut frame);
    }
}
