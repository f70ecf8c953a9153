//! Colours, in one table: each kind of thing keiko draws, its ANSI colour
//! (one of the 16, by its ANSI name) and its attributes.
//!
//! The terminal's own colours are the background: dark (most terminals) or
//! light (Tera Term's default is black text on white). So no foreground is
//! one that fades on white (yellow, cyan, white, the bright greens) unless
//! the look sets its background too; the selection is the terminal's own
//! colours reversed. Under `NO_COLOR` only the attributes remain, and every
//! state still reads apart by its glyph (✓ ⚑ ⚐ ! ?) or its attribute.

use ratatui::style::{Color, Modifier, Style};

use crate::tui::model::Ui;

/// The 16 ANSI colours, by their ANSI names (SGR 30–37 and 90–97), and the
/// terminal's default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ansi {
    Default,
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    White,
    BrightBlack,
    BrightRed,
    BrightGreen,
    BrightYellow,
    BrightBlue,
    BrightMagenta,
    BrightCyan,
    BrightWhite,
}

impl Ansi {
    /// ratatui's name for it (ratatui calls ANSI white `Gray` and bright white `White`).
    pub fn color(self) -> Color {
        match self {
            Ansi::Default => Color::Reset,
            Ansi::Black => Color::Black,
            Ansi::Red => Color::Red,
            Ansi::Green => Color::Green,
            Ansi::Yellow => Color::Yellow,
            Ansi::Blue => Color::Blue,
            Ansi::Magenta => Color::Magenta,
            Ansi::Cyan => Color::Cyan,
            Ansi::White => Color::Gray,
            Ansi::BrightBlack => Color::DarkGray,
            Ansi::BrightRed => Color::LightRed,
            Ansi::BrightGreen => Color::LightGreen,
            Ansi::BrightYellow => Color::LightYellow,
            Ansi::BrightBlue => Color::LightBlue,
            Ansi::BrightMagenta => Color::LightMagenta,
            Ansi::BrightCyan => Color::LightCyan,
            Ansi::BrightWhite => Color::White,
        }
    }
}

/// Foregrounds too faint to read on a white background.
pub const FADES_ON_WHITE: [Ansi; 7] =
    [Ansi::Yellow, Ansi::BrightYellow, Ansi::Cyan, Ansi::BrightCyan, Ansi::White, Ansi::BrightWhite, Ansi::BrightGreen];

/// What is drawn in its own way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Screen and dialog titles.
    Title,
    /// A key in the hint bar and on the help screen.
    Key,
    /// Secondary text: column heads, times, borders, the empty part of a bar.
    Dim,
    /// Checked, at target, signed off, saved.
    Good,
    /// Needs a look: review requested, a stale sign-off, a search match, files not read.
    Warn,
    /// Returned as "not yet", and errors.
    Error,
    /// The selected row (with its `>` marker).
    Selected,
    /// The filled part of a progress bar.
    Bar,
}

/// A part's look: foreground, background, and attributes (kept under `NO_COLOR`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    pub fg: Ansi,
    pub bg: Ansi,
    pub modifier: Modifier,
    /// The attributes used instead of the colours under `NO_COLOR`.
    pub plain: Modifier,
}

const fn look(fg: Ansi, modifier: Modifier, plain: Modifier) -> Look {
    Look { fg, bg: Ansi::Default, modifier, plain }
}

/// The table.
pub const THEME: [(Part, Look); 8] = [
    (Part::Title, look(Ansi::Blue, Modifier::BOLD, Modifier::BOLD)),
    (Part::Key, look(Ansi::Blue, Modifier::BOLD, Modifier::BOLD)),
    (Part::Dim, look(Ansi::BrightBlack, Modifier::empty(), Modifier::DIM)),
    (Part::Good, look(Ansi::Green, Modifier::empty(), Modifier::empty())),
    (Part::Warn, look(Ansi::Magenta, Modifier::BOLD, Modifier::BOLD)),
    (Part::Error, look(Ansi::Red, Modifier::BOLD, Modifier::BOLD)),
    (Part::Selected, look(Ansi::Default, Modifier::REVERSED, Modifier::REVERSED)),
    (Part::Bar, look(Ansi::Green, Modifier::empty(), Modifier::empty())),
];

/// A part's look in the table.
pub fn look_of(part: Part) -> Look {
    THEME.iter().find(|(r, _)| *r == part).map_or(look(Ansi::Default, Modifier::empty(), Modifier::empty()), |e| e.1)
}

/// Styles. With colour: the 16 ANSI colours only. Under NO_COLOR: attributes only.
pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn of(ui: &Ui) -> Theme {
        Theme { color: ui.color }
    }

    /// A part's style: its colours and attributes, or under `NO_COLOR` its plain attributes.
    pub fn style(&self, part: Part) -> Style {
        let look = look_of(part);
        if !self.color {
            return Style::new().add_modifier(look.plain);
        }
        let style = Style::new().add_modifier(look.modifier);
        let style = if look.fg == Ansi::Default { style } else { style.fg(look.fg.color()) };
        if look.bg == Ansi::Default { style } else { style.bg(look.bg.color()) }
    }

    /// The selected row: reversed, and always with a `>` marker too.
    pub fn selected(&self) -> Style {
        self.style(Part::Selected)
    }

    pub fn title(&self) -> Style {
        self.style(Part::Title)
    }

    pub fn key(&self) -> Style {
        self.style(Part::Key)
    }

    pub fn dim(&self) -> Style {
        self.style(Part::Dim)
    }

    pub fn good(&self) -> Style {
        self.style(Part::Good)
    }

    pub fn warn(&self) -> Style {
        self.style(Part::Warn)
    }

    pub fn error(&self) -> Style {
        self.style(Part::Error)
    }

    /// The filled part of a bar. Bars are styled in full, so a selected
    /// (reversed, bold) row does not turn a full bar hollow.
    pub fn bar(&self) -> Style {
        self.style(Part::Bar).remove_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    /// The empty part of a bar.
    pub fn bar_empty(&self) -> Style {
        self.dim().remove_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn border(&self) -> Style {
        self.dim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARTS: [Part; 8] =
        [Part::Title, Part::Key, Part::Dim, Part::Good, Part::Warn, Part::Error, Part::Selected, Part::Bar];

    #[test]
    fn every_role_is_in_the_table_once() {
        for part in PARTS {
            assert_eq!(THEME.iter().filter(|(r, _)| *r == part).count(), 1, "{part:?}");
        }
        assert_eq!(THEME.len(), PARTS.len());
    }

    /// On a light background (Tera Term: black on white), no foreground
    /// fades, unless the look brings its own background.
    #[test]
    fn every_look_reads_on_a_white_background() {
        for (part, look) in THEME {
            if look.bg == Ansi::Default {
                assert!(!FADES_ON_WHITE.contains(&look.fg), "{part:?} is {:?} on white", look.fg);
            }
        }
        // The same for the styles the screens get, bars included.
        let theme = Theme { color: true };
        let fades: Vec<Color> = FADES_ON_WHITE.iter().map(|a| a.color()).collect();
        for style in [theme.title(), theme.key(), theme.dim(), theme.good(), theme.warn(), theme.error()]
            .into_iter()
            .chain([theme.selected(), theme.bar(), theme.bar_empty(), theme.border()])
        {
            let on_default = style.bg.is_none_or(|bg| bg == Color::Reset);
            assert!(!(on_default && style.fg.is_some_and(|fg| fades.contains(&fg))), "{style:?}");
        }
    }

    /// The selection is the terminal's own colours reversed: readable on any background.
    #[test]
    fn the_selection_is_reversed_default_colours() {
        let look = look_of(Part::Selected);
        assert_eq!((look.fg, look.bg), (Ansi::Default, Ansi::Default));
        assert!(look.modifier.contains(Modifier::REVERSED));
    }

    /// Under NO_COLOR, no colour at all; the states that need telling apart
    /// without a glyph keep an attribute.
    #[test]
    fn no_color_keeps_attributes_only() {
        let theme = Theme { color: false };
        for part in PARTS {
            let style = theme.style(part);
            assert_eq!((style.fg, style.bg), (None, None), "{part:?}");
        }
        for part in [Part::Title, Part::Key, Part::Dim, Part::Warn, Part::Error, Part::Selected] {
            assert!(!theme.style(part).add_modifier.is_empty(), "{part:?} has no attribute under NO_COLOR");
        }
    }

    /// Only the 16 colours: no 256-colour index, no RGB.
    #[test]
    fn colours_are_ansi_names() {
        for (_, look) in THEME {
            for colour in [look.fg.color(), look.bg.color()] {
                assert!(!matches!(colour, Color::Rgb(..) | Color::Indexed(_)), "{colour:?}");
            }
        }
    }
}
