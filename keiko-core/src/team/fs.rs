//! What root does to a team's files, through directory descriptors: every
//! step from the team directory down is an `openat` with `O_NOFOLLOW`, so a
//! link planted anywhere a learner can write is never followed, and each
//! change (`fchown`, `fchmod`, an ACL) is made on the very file looked at.
//!
//! Also the POSIX ACL that lets one learner read the coaches' records of
//! them: the kernel's `system.posix_acl_*` extended attributes, in their
//! documented binary form (`linux/posix_acl_xattr.h`). libacl would do the
//! same through a C library every build would then need.

use std::io;
use std::os::fd::{AsFd, OwnedFd};
use std::path::Path;

use rustix::fs::{AtFlags, Mode, OFlags, XattrFlags};

/// Opens a directory without following a link at its last component.
pub fn open_dir(path: &Path) -> io::Result<OwnedFd> {
    Ok(rustix::fs::open(path, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC, Mode::empty())?)
}

/// Opens `name` in `dir` as a directory, never through a link.
pub fn open_dir_at(dir: impl AsFd, name: &str) -> io::Result<OwnedFd> {
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    Ok(rustix::fs::openat(dir, name, flags, Mode::empty())?)
}

/// Opens `name` in `dir` to read it, never through a link, never blocking on a FIFO.
pub fn open_file_at(dir: impl AsFd, name: &str) -> io::Result<OwnedFd> {
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
    Ok(rustix::fs::openat(dir, name, flags, Mode::empty())?)
}

/// What `ensure_dir_at` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirState {
    Created,
    Fixed,
    AlreadySo,
}

/// Makes `name` in `dir` a directory owned `uid:gid` with `mode`: created,
/// put right, or found so. Refuses anything that is not a directory (a
/// link included) rather than follow or replace it.
pub fn ensure_dir_at(dir: impl AsFd, name: &str, uid: u32, gid: u32, mode: u32) -> io::Result<(OwnedFd, DirState)> {
    let dir = dir.as_fd();
    let created = match rustix::fs::mkdirat(dir, name, Mode::from_raw_mode(0o700)) {
        Ok(()) => true,
        Err(rustix::io::Errno::EXIST) => false,
        Err(e) => return Err(e.into()),
    };
    let fd = open_dir_at(dir, name)?;
    let stat = rustix::fs::fstat(&fd)?;
    let mut fixed = false;
    if stat.st_uid != uid || stat.st_gid != gid {
        rustix::fs::fchown(&fd, Some(uid_of(uid)), Some(gid_of(gid)))?;
        fixed = true;
    }
    // After chown, which clears the setgid bit.
    if fixed || stat.st_mode & 0o7777 != mode {
        rustix::fs::fchmod(&fd, Mode::from_raw_mode(mode))?;
        fixed = true;
    }
    let state = match (created, fixed) {
        (true, _) => DirState::Created,
        (false, true) => DirState::Fixed,
        (false, false) => DirState::AlreadySo,
    };
    Ok((fd, state))
}

fn uid_of(uid: u32) -> rustix::fs::Uid {
    rustix::fs::Uid::from_raw(uid)
}

fn gid_of(gid: u32) -> rustix::fs::Gid {
    rustix::fs::Gid::from_raw(gid)
}

/// Gives `file` (already open) an owner, group and mode, on the descriptor.
pub fn set_owner_and_mode(file: impl AsFd, uid: u32, gid: Option<u32>, mode: u32) -> io::Result<()> {
    rustix::fs::fchown(&file, Some(uid_of(uid)), gid.map(gid_of))?;
    rustix::fs::fchmod(&file, Mode::from_raw_mode(mode))?;
    Ok(())
}

/// Moves `name` out of `from` into `to` under a name no other file has
/// (`prefix`, then a number): never over anything, never following a link.
pub fn quarantine(from: impl AsFd, name: &str, to: impl AsFd, prefix: &str) -> io::Result<String> {
    let (from, to) = (from.as_fd(), to.as_fd());
    for n in 0..10_000u32 {
        let target = if n == 0 { prefix.to_string() } else { format!("{prefix}.{n}") };
        match rustix::fs::renameat_with(from, name, to, &target, rustix::fs::RenameFlags::NOREPLACE) {
            Ok(()) => return Ok(target),
            Err(rustix::io::Errno::EXIST) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(io::Error::from(io::ErrorKind::AlreadyExists))
}

/// Removes the entry `name` in `dir` (a file or a link: never what a link points to).
pub fn remove_at(dir: impl AsFd, name: &str) -> io::Result<()> {
    Ok(rustix::fs::unlinkat(dir, name, AtFlags::empty())?)
}

/// The entries of an open directory, `.` and `..` left out.
pub fn list(dir: impl AsFd) -> io::Result<Vec<String>> {
    let fd = rustix::fs::openat(dir, ".", OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty())?;
    let mut names = Vec::new();
    for entry in rustix::fs::Dir::read_from(&fd)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name != "." && name != ".." {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

// ------------------------------------------------------------------ ACLs

const ACL_ACCESS: &str = "system.posix_acl_access";
const ACL_DEFAULT: &str = "system.posix_acl_default";
const VERSION: u32 = 2;
const USER_OBJ: u16 = 0x01;
const USER: u16 = 0x02;
const GROUP_OBJ: u16 = 0x04;
const MASK: u16 = 0x10;
const OTHER: u16 = 0x20;
const NO_ID: u32 = u32::MAX;
const R: u16 = 4;
const W: u16 = 2;
const X: u16 = 1;

/// One ACL in the kernel's form: entries sorted by tag, then id.
fn encode(entries: &[(u16, u16, u32)]) -> Vec<u8> {
    let mut out = VERSION.to_le_bytes().to_vec();
    for &(tag, perm, id) in entries {
        out.extend(tag.to_le_bytes());
        out.extend(perm.to_le_bytes());
        out.extend(id.to_le_bytes());
    }
    out
}

fn decode(bytes: &[u8]) -> Option<Vec<(u16, u16, u32)>> {
    let (version, entries) = bytes.split_first_chunk::<4>()?;
    if u32::from_le_bytes(*version) != VERSION || entries.len() % 8 != 0 {
        return None;
    }
    let entry = |e: &[u8]| {
        (
            u16::from_le_bytes([e[0], e[1]]),
            u16::from_le_bytes([e[2], e[3]]),
            u32::from_le_bytes([e[4], e[5], e[6], e[7]]),
        )
    };
    Some(entries.chunks(8).map(entry).collect())
}

/// Lets `reader` (a learner) list and read a coaches' records directory:
/// the directory's own ACL gives them `r-x`, its default ACL `r--` on every
/// file made in it (capped, as every ACL's mask is, by the mode the file is
/// given: keiko gives its records `0640`). The group (the coaches) keeps
/// `rwx` on the directory and reads every file; others get nothing.
pub fn grant_reader(dir: impl AsFd, reader: u32) -> io::Result<()> {
    let dir = dir.as_fd();
    let access = [
        (USER_OBJ, R | W | X, NO_ID),
        (USER, R | X, reader),
        (GROUP_OBJ, R | W | X, NO_ID),
        (MASK, R | W | X, NO_ID),
        (OTHER, 0, NO_ID),
    ];
    let default =
        [(USER_OBJ, R | W, NO_ID), (USER, R, reader), (GROUP_OBJ, R, NO_ID), (MASK, R, NO_ID), (OTHER, 0, NO_ID)];
    rustix::fs::fsetxattr(dir, ACL_ACCESS, &encode(&access), XattrFlags::empty())?;
    rustix::fs::fsetxattr(dir, ACL_DEFAULT, &encode(&default), XattrFlags::empty())?;
    Ok(())
}

/// Gives a record file (made elsewhere, then moved in) the ACL a file made
/// in its directory gets: `reader` may read it, as far as its mode allows.
pub fn grant_file_reader(file: impl AsFd, reader: u32) -> io::Result<()> {
    let access =
        [(USER_OBJ, R | W, NO_ID), (USER, R, reader), (GROUP_OBJ, R, NO_ID), (MASK, R, NO_ID), (OTHER, 0, NO_ID)];
    Ok(rustix::fs::fsetxattr(file, ACL_ACCESS, &encode(&access), XattrFlags::empty())?)
}

/// Whether `reader` may read the open file or directory by its ACL (a
/// `user:` entry for them, with `r`, within the mask). `None` when it has
/// no ACL at all or the filesystem keeps none.
pub fn reader_may_read(file: impl AsFd, reader: u32) -> Option<bool> {
    let mut buffer = [0u8; 512];
    let len = rustix::fs::fgetxattr(file, ACL_ACCESS, &mut buffer).ok()?;
    let entries = decode(&buffer[..len])?;
    let mask = entries.iter().find(|e| e.0 == MASK).map_or(R | W | X, |e| e.1);
    Some(entries.iter().any(|&(tag, perm, id)| tag == USER && id == reader && perm & mask & R != 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_acl_round_trips_in_the_kernels_form() {
        let entries =
            [(USER_OBJ, R | W, NO_ID), (USER, R, 1234), (GROUP_OBJ, R, NO_ID), (MASK, R, NO_ID), (OTHER, 0, NO_ID)];
        let bytes = encode(&entries);
        assert_eq!(bytes.len(), 4 + 8 * entries.len());
        assert_eq!(&bytes[..4], &[2, 0, 0, 0]);
        assert_eq!(&bytes[12..20], &[2, 0, 4, 0, 0xd2, 0x04, 0, 0], "user 1234, read");
        assert_eq!(decode(&bytes).unwrap(), entries);
        assert_eq!(decode(&[1, 0, 0, 0]), None, "another version is not read");
    }

    #[test]
    fn a_reader_granted_on_a_directory_reads_files_made_in_it_only_through_the_mode_given() {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let tmp = tempfile::tempdir().unwrap();
        let dir = open_dir(tmp.path()).unwrap();
        if grant_reader(&dir, 4242).is_err() {
            eprintln!("skipped: this filesystem keeps no ACLs");
            return;
        }
        assert_eq!(reader_may_read(&dir, 4242), Some(true));
        assert_eq!(reader_may_read(&dir, 4243), Some(false));
        let path = tmp.path().join("x.toml");
        let file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&path).unwrap();
        assert_eq!(reader_may_read(&file, 4242), Some(false), "created 0600: the mask hides the entry");
        file.set_permissions(std::fs::Permissions::from_mode(0o640)).unwrap();
        assert_eq!(reader_may_read(&file, 4242), Some(true), "0640: readable by the granted reader");
    }
}
