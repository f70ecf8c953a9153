//! Who is who, as the operating system says: logins and groups from the
//! password and group databases. Never `$USER` or `$LOGNAME`, which anyone
//! can set. A leaf: it knows nothing of workbooks.

use std::ffi::{CStr, CString};

/// The login of this process's real user id; `uid N` when the password
/// database has no entry for it (a container's spare uid).
pub fn real_login() -> String {
    // SAFETY: getuid has no preconditions.
    let uid = unsafe { libc::getuid() };
    login_of(uid).unwrap_or_else(|| format!("uid {uid}"))
}

/// The uid of an account without a name: what `real_login` gives such an
/// account (`uid N`). A login never holds a space, so nothing else looks so.
pub fn unnamed_uid(login: &str) -> Option<u32> {
    login.strip_prefix("uid ")?.parse().ok()
}

/// Whether this process runs as root.
pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// What the kernel decides `access(2)` by: this process's real user and
/// group ids, its supplementary groups and its effective capabilities (a
/// root without `CAP_DAC_OVERRIDE` is refused what root may do), as text.
pub fn credentials() -> String {
    // SAFETY: getgroups with size 0 only counts; then it fills at most `groups.len()` entries.
    let groups = unsafe {
        let count = libc::getgroups(0, std::ptr::null_mut());
        let mut groups = vec![0; usize::try_from(count).unwrap_or(0)];
        let filled = libc::getgroups(count.max(0), groups.as_mut_ptr());
        groups.truncate(usize::try_from(filled).unwrap_or(0));
        groups
    };
    // SAFETY: getuid and getgid have no preconditions.
    let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let capabilities = status.lines().find(|l| l.starts_with("CapEff:")).unwrap_or_default();
    format!("{uid} {gid} {groups:?} {capabilities}")
}

/// The login the password database gives `uid`.
pub fn login_of(uid: u32) -> Option<String> {
    with_passwd(|buffer, entry, found| {
        // SAFETY: every pointer refers to live, correctly sized storage.
        unsafe { libc::getpwuid_r(uid, entry, buffer.as_mut_ptr(), buffer.len(), found) }
    })
    .map(|(name, _, _)| name)
}

/// The uid and primary gid of `login`.
pub fn user_ids(login: &str) -> Option<(u32, u32)> {
    let name = CString::new(login).ok()?;
    with_passwd(|buffer, entry, found| {
        // SAFETY: as above; `name` outlives the call.
        unsafe { libc::getpwnam_r(name.as_ptr(), entry, buffer.as_mut_ptr(), buffer.len(), found) }
    })
    .map(|(_, uid, gid)| (uid, gid))
}

/// Calls a `getpw*_r` function with storage for its answer; the name, uid
/// and gid of the entry found.
fn with_passwd(
    call: impl FnOnce(&mut [libc::c_char], &mut libc::passwd, &mut *mut libc::passwd) -> libc::c_int,
) -> Option<(String, u32, u32)> {
    let mut buffer = vec![0 as libc::c_char; 16 * 1024];
    // SAFETY: a zeroed passwd is a valid value of a plain C struct.
    let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    let rc = call(&mut buffer, &mut entry, &mut found);
    if rc != 0 || found.is_null() || entry.pw_name.is_null() {
        return None;
    }
    // SAFETY: on success pw_name points to a NUL-terminated string in `buffer`.
    let name = unsafe { CStr::from_ptr(entry.pw_name) }.to_string_lossy().into_owned();
    Some((name, entry.pw_uid, entry.pw_gid)).filter(|(n, _, _)| !n.is_empty())
}

/// Where login accounts' uids and gids start (`UID_MIN` and `GID_MIN` of
/// `/etc/login.defs`, else 1000): below are the system's own.
pub fn login_range_start() -> (u32, u32) {
    let defs = std::fs::read_to_string("/etc/login.defs").unwrap_or_default();
    let value = |key: &str| {
        defs.lines()
            .filter_map(|l| {
                l.split_whitespace().collect::<Vec<_>>().get(..2).map(|kv| (kv[0].to_string(), kv[1].to_string()))
            })
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(1000)
    };
    (value("UID_MIN"), value("GID_MIN"))
}

/// The gid of group `name`.
pub fn group_id(name: &str) -> Option<u32> {
    let name = CString::new(name).ok()?;
    let mut buffer = vec![0 as libc::c_char; 64 * 1024];
    // SAFETY: as for the password database.
    let mut entry: libc::group = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::group = std::ptr::null_mut();
    // SAFETY: every pointer refers to live, correctly sized storage.
    let rc = unsafe { libc::getgrnam_r(name.as_ptr(), &mut entry, buffer.as_mut_ptr(), buffer.len(), &mut found) };
    (rc == 0 && !found.is_null()).then_some(entry.gr_gid)
}

/// The name of group `gid`.
pub fn group_name(gid: u32) -> Option<String> {
    let mut buffer = vec![0 as libc::c_char; 64 * 1024];
    // SAFETY: as for the password database.
    let mut entry: libc::group = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::group = std::ptr::null_mut();
    // SAFETY: every pointer refers to live, correctly sized storage.
    let rc = unsafe { libc::getgrgid_r(gid, &mut entry, buffer.as_mut_ptr(), buffer.len(), &mut found) };
    if rc != 0 || found.is_null() || entry.gr_name.is_null() {
        return None;
    }
    // SAFETY: on success gr_name points to a NUL-terminated string in `buffer`.
    Some(unsafe { CStr::from_ptr(entry.gr_name) }.to_string_lossy().into_owned())
}

/// The members of group `name` listed in the group database (not those for
/// whom it is the primary group).
pub fn group_members(name: &str) -> Vec<String> {
    let Ok(name) = CString::new(name) else { return Vec::new() };
    let mut buffer = vec![0 as libc::c_char; 64 * 1024];
    // SAFETY: as for the password database.
    let mut entry: libc::group = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::group = std::ptr::null_mut();
    // SAFETY: every pointer refers to live, correctly sized storage.
    let rc = unsafe { libc::getgrnam_r(name.as_ptr(), &mut entry, buffer.as_mut_ptr(), buffer.len(), &mut found) };
    if rc != 0 || found.is_null() || entry.gr_mem.is_null() {
        return Vec::new();
    }
    let mut members = Vec::new();
    // SAFETY: gr_mem is a NULL-terminated array of NUL-terminated strings in `buffer`.
    unsafe {
        let mut member = entry.gr_mem;
        while !(*member).is_null() {
            members.push(CStr::from_ptr(*member).to_string_lossy().into_owned());
            member = member.add(1);
        }
    }
    members
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_is_uid_zero_and_has_a_group() {
        assert_eq!(login_of(0).as_deref(), Some("root"));
        assert_eq!(user_ids("root"), Some((0, 0)));
        assert_eq!(group_name(0).as_deref(), Some("root"));
        assert_eq!(group_id("root"), Some(0));
        assert_eq!(user_ids("no-such-login-here"), None);
    }

    #[test]
    fn the_login_is_the_real_uids() {
        // SAFETY: getuid has no preconditions.
        let uid = unsafe { libc::getuid() };
        assert_eq!(real_login(), login_of(uid).unwrap_or_else(|| format!("uid {uid}")));
    }

    #[test]
    fn only_the_made_up_login_of_an_unnamed_account_has_a_uid() {
        assert_eq!(unnamed_uid("uid 12345"), Some(12345));
        for login in ["root", "uid", "uid12345", "uid -1", "uid 12345x", "xuid 1"] {
            assert_eq!(unnamed_uid(login), None, "{login}");
        }
    }
}
