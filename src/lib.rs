//! keiko (稽古): a terminal coaching workbook for contact-center staff.
//!
//! No unsafe code: OS calls go through `rustix`, the password and group
//! databases through `nix`, signals through `signal-hook`.
#![forbid(unsafe_code)]

pub mod cli; // the subcommands: status, export, framework check/show, path, completions, man
pub mod clock; // time as stored (UTC) and as shown (local)
pub mod config; // the settings file: language, ASCII, key bindings
pub mod files; // reading files safely; operating-system errors as values
pub mod framework; // roles, competencies, levels, statements; load + validate
pub mod glyphs; // the symbols drawn: Unicode, or ASCII for --ascii
pub mod i18n; // every UI string, from i18n/TAG/keiko.ftl (Fluent)
pub mod identity; // logins and groups from the operating system (a leaf)
pub mod lang; // the language keiko speaks: a tag (a leaf)
pub mod languages; // the languages keiko has words for, and which one to speak
pub mod matrix; // the skills matrix: levels per competency, coverage, who holds a level
pub mod progress; // pure progress rules: achieved level, progress to target, next to practise
pub mod store; // the only code that touches a workbook file: path, lock, read, atomic write
pub mod team; // a coach's view of many workbooks: scan, parallel read, summaries
pub mod team_dir; // team mode: layout, team file, the trust rule, merging coaches' records
pub mod team_fs; // what root does to a team's files, through descriptors; the learners' read ACL
pub mod team_store; // a learner's workbook in a team, for the learner or a coach
#[cfg(feature = "testing")]
#[doc(hidden)]
pub mod testing; // bytes to messages and generated workbooks, for tests, fuzzing and benchmarks (feature `testing`)
pub mod text; // terminal-safe text, display width, wrapping
pub mod tui; // the full-screen app: state, key map, screens, terminal edge
pub mod weekly; // progress over time: week by week from the history, in the local zone
pub mod workbook; // the learner's state and the changes that can be made to it
