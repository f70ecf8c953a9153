//! keiko (稽古): a terminal coaching workbook for contact-center staff. This
//! crate is what a person sees and types: the command line, the full-screen
//! app, settings and words. The data and its rules are `keiko_core`'s.
//!
//! No unsafe code: OS calls go through `rustix`, the password and group
//! databases through `nix`, signals through `signal-hook`.
#![forbid(unsafe_code)]

pub mod cli; // the subcommands: status, export, framework check/show, path, completions, man
pub mod config; // the settings file: language, ASCII, key bindings
pub mod glyphs; // the symbols drawn: Unicode, or ASCII for --ascii
pub mod i18n; // every UI string, from i18n/TAG/keiko.ftl (Fluent)
pub mod languages; // the languages keiko has words for, and which one to speak
#[cfg(feature = "testing")]
#[doc(hidden)]
pub mod testing; // bytes to messages, for tests, fuzzing and benchmarks (feature `testing`)
pub mod tui; // the full-screen app: state, key map, screens, terminal edge
