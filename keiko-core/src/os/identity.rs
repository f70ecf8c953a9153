//! Who is who, as the operating system says: logins and groups from the
//! password and group databases (through `nix`, whose `getpw*_r` and
//! `getgr*_r` wrappers size their buffers), ids from the kernel (through
//! `rustix`). Never `$USER` or `$LOGNAME`, which anyone can set. A leaf: it
//! knows nothing of workbooks.

use nix::unistd::{Gid, Group, Uid, User};

/// The login of this process's real user id; `uid N` when the password
/// database has no entry for it (a container's spare uid).
pub fn real_login() -> String {
    let uid = rustix::process::getuid().as_raw();
    login_of(uid).unwrap_or_else(|| format!("uid {uid}"))
}

/// The uid of an account without a name: what `real_login` gives such an
/// account (`uid N`). A login never holds a space, so nothing else looks so.
pub fn unnamed_uid(login: &str) -> Option<u32> {
    login.strip_prefix("uid ")?.parse().ok()
}

/// Whether this process runs as root.
pub fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

/// What the kernel decides `access(2)` by: this process's real user and
/// group ids, its supplementary groups and its effective capabilities (a
/// root without `CAP_DAC_OVERRIDE` is refused what root may do), as text.
pub fn credentials() -> String {
    let groups: Vec<u32> = rustix::process::getgroups().unwrap_or_default().iter().map(|g| g.as_raw()).collect();
    let (uid, gid) = (rustix::process::getuid().as_raw(), rustix::process::getgid().as_raw());
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let capabilities = status.lines().find(|l| l.starts_with("CapEff:")).unwrap_or_default();
    format!("{uid} {gid} {groups:?} {capabilities}")
}

/// The login the password database gives `uid`.
pub fn login_of(uid: u32) -> Option<String> {
    User::from_uid(Uid::from_raw(uid)).ok().flatten().map(|user| user.name).filter(|name| !name.is_empty())
}

/// The uid and primary gid of `login`.
pub fn user_ids(login: &str) -> Option<(u32, u32)> {
    let user = User::from_name(login).ok().flatten().filter(|user| !user.name.is_empty())?;
    Some((user.uid.as_raw(), user.gid.as_raw()))
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
    Group::from_name(name).ok().flatten().map(|group| group.gid.as_raw())
}

/// The name of group `gid`.
pub fn group_name(gid: u32) -> Option<String> {
    Group::from_gid(Gid::from_raw(gid)).ok().flatten().map(|group| group.name)
}

/// The members of group `name` listed in the group database (not those for
/// whom it is the primary group).
pub fn group_members(name: &str) -> Vec<String> {
    Group::from_name(name).ok().flatten().map(|group| group.mem).unwrap_or_default()
}

/// Whether this process has group `gid` now: its effective group or one of
/// its supplementary groups. A login added to a group gets it only at its
/// next login; until then the group database says "member" and this says no.
pub fn has_group_now(gid: u32) -> bool {
    let gid = rustix::process::Gid::from_raw(gid);
    rustix::process::getegid() == gid || rustix::process::getgroups().is_ok_and(|groups| groups.contains(&gid))
}

/// Whether `login` was made a member of group `name` after this session
/// began: the group database lists them (or it is their primary group), but
/// this process does not have the group yet.
pub fn joined_group_since_login(login: &str, name: &str) -> bool {
    let Some(gid) = group_id(name) else { return false };
    let member = group_members(name).iter().any(|m| m == login) || user_ids(login).is_some_and(|(_, g)| g == gid);
    member && !has_group_now(gid)
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
    fn a_process_has_its_own_group_and_no_stranger_one() {
        assert!(has_group_now(rustix::process::getegid().as_raw()));
        assert!(!joined_group_since_login("root", "root"), "root has its group");
    }

    #[test]
    fn the_login_is_the_real_uids() {
        let uid = rustix::process::getuid().as_raw();
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
