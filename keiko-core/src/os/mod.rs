//! The operating system as values: files read safely, errors kept, logins
//! and groups looked up.

pub mod files; // reading files safely; operating-system errors as values
pub mod identity; // logins and groups from the operating system
