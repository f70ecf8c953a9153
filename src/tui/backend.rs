//! The terminal backend: crossterm's, except for how a cell's look is sent.
//!
//! crossterm sends every colour in the 256-colour form (`38;5;6` for cyan),
//! also the 16 named ones, which a terminal limited to 16 colours may show
//! wrong or not at all. Here each change of look is one SGR sequence from a
//! reset: the attributes, then `30`–`37`/`90`–`97` for the foreground and
//! `40`–`47`/`100`–`107` for the background, which every ANSI terminal
//! knows. Under `NO_COLOR` the screens set no colours, so only attributes
//! are sent (never crossterm's bare `CSI m`, which would cancel them).

use std::io::{self, Stdout, Write};

use crossterm::cursor::MoveTo;
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

/// The app's terminal.
pub type Term = Terminal<Ansi16<Stdout>>;

/// crossterm's backend, drawing with the 16 named colours.
pub struct Ansi16<W: Write> {
    inner: CrosstermBackend<W>,
}

impl<W: Write> Ansi16<W> {
    pub fn new(writer: W) -> Ansi16<W> {
        Ansi16 { inner: CrosstermBackend::new(writer) }
    }
}

/// A cell's look: foreground, background, attributes.
type Look = (Color, Color, Modifier);

const PLAIN: Look = (Color::Reset, Color::Reset, Modifier::empty());

/// The SGR sequence that sets `look` from whatever was set before.
fn sgr((fg, bg, modifier): Look) -> String {
    const ATTRIBUTES: [(Modifier, u8); 9] = [
        (Modifier::BOLD, 1),
        (Modifier::DIM, 2),
        (Modifier::ITALIC, 3),
        (Modifier::UNDERLINED, 4),
        (Modifier::SLOW_BLINK, 5),
        (Modifier::RAPID_BLINK, 6),
        (Modifier::REVERSED, 7),
        (Modifier::HIDDEN, 8),
        (Modifier::CROSSED_OUT, 9),
    ];
    let mut params = vec!["0".to_string()];
    params.extend(ATTRIBUTES.iter().filter(|(m, _)| modifier.contains(*m)).map(|(_, code)| code.to_string()));
    params.extend(color(fg, 30));
    params.extend(color(bg, 40));
    format!("\x1b[{}m", params.join(";"))
}

/// A colour's SGR parameter, `base` 30 for the foreground, 40 for the background.
fn color(color: Color, base: u8) -> Option<String> {
    let named = |n: u8| Some(if n < 8 { base + n } else { base + 60 + n - 8 }.to_string());
    match color {
        Color::Reset => None,
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Indexed(n) if n < 16 => named(n),
        // The screens use none of these (a test checks); sent as asked all the same.
        Color::Indexed(n) => Some(format!("{};5;{n}", base + 8)),
        Color::Rgb(r, g, b) => Some(format!("{};2;{r};{g};{b}", base + 8)),
    }
}

impl<W: Write> Backend for Ansi16<W> {
    type Error = io::Error;

    /// Like crossterm's: a cursor move where the cells do not follow the
    /// cursor (forward on the same row, else to the cell), the
    /// look when it changes, then the symbol. A frame starts and ends plain.
    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut look = PLAIN;
        // Where the terminal's cursor is after the last symbol written.
        let mut cursor: Option<(u16, u16)> = None;
        for (x, y, cell) in content {
            match cursor {
                Some((cx, cy)) if cy == y && cx == x => {}
                // Further along the same row: a short "forward" instead of a full move.
                Some((cx, cy)) if cy == y && cx < x => write!(self.inner, "\x1b[{}C", x - cx)?,
                _ => crossterm::queue!(self.inner, MoveTo(x, y))?,
            }
            // A wide character moves the cursor two cells.
            let width = unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1) as u16;
            cursor = Some((x.saturating_add(width), y));
            let wanted = (cell.fg, cell.bg, cell.modifier);
            if wanted != look {
                self.inner.write_all(sgr(wanted).as_bytes())?;
                look = wanted;
            }
            self.inner.write_all(cell.symbol().as_bytes())?;
        }
        if look != PLAIN {
            self.inner.write_all(b"\x1b[0m")?;
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    /// A writer the test can read after the backend wrote to it.
    #[derive(Clone, Default)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// The bytes a frame of one row of `x` cells in these styles costs.
    fn drawn(styles: &[Style]) -> String {
        let mut buffer = Buffer::empty(Rect::new(0, 0, styles.len() as u16, 1));
        for (x, style) in styles.iter().enumerate() {
            buffer[(x as u16, 0)].set_symbol("x").set_style(*style);
        }
        let out = Shared::default();
        let mut backend = Ansi16::new(out.clone());
        let cells = buffer.content.iter().enumerate().map(|(x, c)| (x as u16, 0, c));
        backend.draw(cells).unwrap();
        String::from_utf8(out.0.borrow().clone()).unwrap()
    }

    #[test]
    fn named_colours_go_out_in_their_16_colour_form() {
        let out = drawn(&[
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new().fg(Color::DarkGray),
            Style::new().fg(Color::LightRed).bg(Color::Blue),
            Style::new(),
        ]);
        assert_eq!(out, "\x1b[1;1H\x1b[0;1;36mx\x1b[0;90mx\x1b[0;91;44mx\x1b[0mx");
    }

    #[test]
    fn attributes_alone_need_no_colour_and_a_plain_frame_no_sequence() {
        let reversed = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        assert_eq!(drawn(&[reversed, reversed]), "\x1b[1;1H\x1b[0;1;7mxx\x1b[0m");
        assert_eq!(drawn(&[Style::new()]), "\x1b[1;1Hx");
    }
}
