//! keiko-core: the learner's data and its rules, the files that hold them,
//! and a team's directory and trust rule. No terminal, no command line, no
//! words: those are the `keiko` crate's.
//!
//! No unsafe code, and no module can allow it: OS calls go through
//! `rustix`, the password and group databases through `nix`.
#![forbid(unsafe_code)]

pub mod clock; // time as stored (UTC) and as shown (local)
pub mod lang; // the language keiko speaks (a leaf)
pub mod model; // the framework, a learner's workbook, and the rules read off them
pub mod os; // reading files safely, logins and groups: the operating system as values
pub mod store; // a workbook file: its format, path, lock, read and atomic write
pub mod team; // team mode: the layout, the trust rule, many workbooks read at once
#[cfg(feature = "testing")]
#[doc(hidden)]
pub mod testing; // generated workbooks and teams for tests, fuzzing and benchmarks (feature `testing`)
pub mod text; // terminal-safe text, display width, wrapping
