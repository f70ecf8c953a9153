//! Reading files safely, and errors from the operating system kept as
//! values. A leaf: it knows nothing of workbooks or frameworks.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// An error from the operating system: what kind it is, and its number,
/// which gives the system's own words for kinds keiko has none for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OsError {
    pub kind: io::ErrorKind,
    pub code: Option<i32>,
}

impl OsError {
    pub fn of(code: i32) -> OsError {
        OsError::from(&io::Error::from_raw_os_error(code))
    }

    /// The system's own words, without the "(os error 13)" tail.
    pub fn system_words(&self) -> String {
        let text = match self.code {
            Some(code) => io::Error::from_raw_os_error(code).to_string(),
            None => self.kind.to_string(),
        };
        match text.find(" (os error") {
            Some(i) => text[..i].to_lowercase(),
            None => text,
        }
    }
}

impl From<&io::Error> for OsError {
    fn from(e: &io::Error) -> OsError {
        OsError { kind: e.kind(), code: e.raw_os_error() }
    }
}

impl From<io::Error> for OsError {
    fn from(e: io::Error) -> OsError {
        OsError::from(&e)
    }
}

/// Why `read_regular_file` read nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadFileError {
    Os(OsError),
    /// A directory, FIFO, device or socket.
    NotAFile,
    /// Larger than the limit: the size found (at least limit + 1).
    TooLarge(u64),
}

impl From<io::Error> for ReadFileError {
    fn from(e: io::Error) -> Self {
        ReadFileError::Os(OsError::from(&e))
    }
}

/// Opens `path` for reading without blocking (a FIFO would wait for a writer)
/// and without making a terminal ours; follows symbolic links.
pub fn open_for_reading(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC).open(path)
}

/// Reads a regular file of at most `limit` bytes. The type and size are those
/// of the opened file, not of the path (which may change in between), and no
/// more than `limit` bytes are read even if the file grows meanwhile: a FIFO,
/// a device such as `/dev/zero` or a huge file costs nothing.
pub fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadFileError> {
    read_opened(&open_for_reading(path)?, limit)
}

/// `read_regular_file` on a file already open.
pub fn read_opened(file: &File, limit: u64) -> Result<Vec<u8>, ReadFileError> {
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadFileError::NotAFile);
    }
    if meta.len() > limit {
        return Err(ReadFileError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadFileError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_systems_words_lose_the_error_number() {
        assert_eq!(OsError::of(libc::EACCES).system_words(), "permission denied");
        assert_eq!(OsError::of(libc::EROFS).kind, io::ErrorKind::ReadOnlyFilesystem);
    }
}
