//! `keiko team init`, `keiko team add` and `keiko team check`: the audit on
//! made-up facts (runs anywhere), and the commands end to end as root with
//! throwaway accounts (reported as ignored without root).

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use keiko::cli::team_cmd::{Facts, Finding, Kind, Node, Problem, Seen, audit};

// ---------------------------------------------------------------- the audit on injected facts

const ROOT: &str = "/srv/keiko/team";
const GID: u32 = 500;
const TANAKA: u32 = 1001;
const OP_A: u32 = 1002;
const OP_B: u32 = 1003;

fn node(uid: u32, gid: u32, mode: u32, kind: Kind) -> Node {
    Node { uid, gid, mode, kind, links: 1 }
}

fn file(uid: u32, mode: u32) -> Node {
    node(uid, GID, mode, Kind::File)
}

fn dir(uid: u32, gid: u32, mode: u32) -> Node {
    node(uid, gid, mode, Kind::Dir)
}

const TEAM: &str = "layout = 2\ngroup = \"keiko-team\"\ncoaches = [\"tanaka\"]\n\n[[learner]]\nlogin = \"op-a\"\n";
const FIX: &str = "sudo keiko team check --fix '/srv/keiko/team'";

fn entries(list: &[(&str, Node)]) -> Seen<Vec<(String, Node)>> {
    Seen::Found(list.iter().map(|(n, node)| (n.to_string(), *node)).collect())
}

/// A team as `init` and `add` leave it, with op-a's workbook and tanaka's record of op-a in it.
fn healthy() -> Facts {
    let listings = BTreeMap::from([
        (
            String::new(),
            entries(&[
                ("learners", dir(0, GID, 0o751)),
                ("locks", dir(0, GID, 0o751)),
                ("quarantine", dir(0, 0, 0o700)),
                ("team.toml", node(0, 0, 0o644, Kind::File)),
                ("verdicts", dir(0, GID, 0o751)),
            ]),
        ),
        ("learners".to_string(), entries(&[("op-a", dir(OP_A, GID, 0o2750))])),
        ("verdicts".to_string(), entries(&[("op-a", dir(0, GID, 0o3770))])),
        ("locks".to_string(), entries(&[("tanaka", dir(TANAKA, GID, 0o700))])),
        (
            "learners/op-a".to_string(),
            entries(&[
                (".workbook.toml.a1B2c3.tmp", file(OP_A, 0o600)),
                ("workbook.toml", file(OP_A, 0o640)),
                ("workbook.toml.lock", file(OP_A, 0o600)),
            ]),
        ),
        (
            "verdicts/op-a".to_string(),
            entries(&[(".tanaka.toml.x9Y8z7.tmp", file(TANAKA, 0o600)), ("tanaka.toml", file(TANAKA, 0o640))]),
        ),
    ]);
    Facts {
        root: ROOT.into(),
        root_node: Seen::Found(dir(0, GID, 0o751)),
        team_file: Seen::Found(node(0, 0, 0o644, Kind::File)),
        team_text: Seen::Found(TEAM.into()),
        listings,
        learner_reads: BTreeMap::from([
            ("verdicts/op-a".to_string(), true),
            ("verdicts/op-a/tanaka.toml".to_string(), true),
        ]),
        group_gid: Some(GID),
        group_members: vec!["tanaka".into()],
        users: BTreeMap::from([
            ("tanaka".to_string(), (TANAKA, TANAKA)),
            ("op-a".to_string(), (OP_A, OP_A)),
            ("op-b".to_string(), (OP_B, OP_B)),
        ]),
        logins: BTreeMap::from([
            (0, "root".to_string()),
            (TANAKA, "tanaka".to_string()),
            (OP_A, "op-a".to_string()),
            (OP_B, "op-b".to_string()),
        ]),
        groups: BTreeMap::from([(0, "root".to_string()), (GID, "keiko-team".to_string())]),
    }
}

fn listing<'a>(facts: &'a mut Facts, rel: &str) -> &'a mut Vec<(String, Node)> {
    match facts.listings.get_mut(rel) {
        Some(Seen::Found(files)) => files,
        _ => unreachable!(),
    }
}

fn set(files: &mut [(String, Node)], name: &str, to: Node) {
    files.iter_mut().find(|(n, _)| n == name).unwrap().1 = to;
}

fn fixes(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.fix.as_str()).collect()
}

fn a_team_as_init_and_add_leave_it_has_no_problems() {
    assert_eq!(audit(&healthy()), vec![]);
}

fn a_workbook_others_can_read_or_write_is_fixed_through_descriptors_never_a_printed_chmod() {
    // The learner can swap their workbook for a link between the check and a printed `chmod`.
    for mode in [0o666, 0o644, 0o660, 0o600] {
        let mut facts = healthy();
        set(listing(&mut facts, "learners/op-a"), "workbook.toml", file(OP_A, mode));
        let findings = audit(&facts);
        assert_eq!(fixes(&findings), [FIX], "mode {mode:o}");
        assert!(matches!(findings[0].problem, Problem::Mode { found, want: 0o640, .. } if found == mode));
    }
}

fn a_workbook_owned_by_someone_else_is_never_given_to_the_learner() {
    // A coach's (or anyone's) writing: chowning it to op-a would make it op-a's evidence.
    let mut facts = healthy();
    set(listing(&mut facts, "learners/op-a"), "workbook.toml", node(TANAKA, 0, 0o640, Kind::File));
    let findings = audit(&facts);
    assert_eq!(fixes(&findings), [FIX]);
    assert!(matches!(&findings[0].problem, Problem::Owner { want, .. } if want == "op-a"));
}

fn loosened_directories_root_owns_are_fixed_by_chown_h_and_chmod() {
    let mut facts = healthy();
    facts.root_node = Seen::Found(dir(0, 0, 0o755));
    set(listing(&mut facts, "learners"), "op-a", dir(OP_A, 0, 0o775));
    assert_eq!(
        fixes(&audit(&facts)),
        [
            "chown -h root:keiko-team '/srv/keiko/team'",
            "chmod 0751 '/srv/keiko/team'",
            "chown -h op-a:keiko-team '/srv/keiko/team/learners/op-a'",
            "chmod 2750 '/srv/keiko/team/learners/op-a'",
        ]
    );
}

fn a_team_file_others_can_write_or_not_roots_is_named() {
    let mut facts = healthy();
    facts.team_file = Seen::Found(node(0, GID, 0o664, Kind::File));
    assert_eq!(fixes(&audit(&facts)), ["chmod 0644 '/srv/keiko/team/team.toml'"]);
    facts.team_file = Seen::Found(node(OP_A, OP_A, 0o644, Kind::File));
    let findings = audit(&facts);
    assert_eq!(fixes(&findings), ["chown -h root:root '/srv/keiko/team/team.toml'"]);
    assert!(matches!(&findings[0].problem, Problem::Owner { found, .. } if found == "op-a:1002"));
}

fn a_team_of_the_first_layout_says_to_migrate_it() {
    let mut facts = healthy();
    facts.team_text = Seen::Found("coaches = [\"tanaka\"]\n".into());
    assert_eq!(fixes(&audit(&facts)), ["sudo keiko team migrate '/srv/keiko/team'"]);
}

fn a_coach_outside_the_group_and_a_missing_group_are_named() {
    let mut facts = healthy();
    facts.group_members.clear();
    assert_eq!(fixes(&audit(&facts)), ["gpasswd -a tanaka keiko-team"]);
    facts.group_gid = None;
    let all = audit(&facts);
    assert_eq!(all[0].fix, "groupadd keiko-team", "the group first: every chown needs it");
}

fn a_roster_learner_without_a_directory_or_account_is_named() {
    let mut facts = healthy();
    facts.team_text = Seen::Found(format!("{TEAM}\n[[learner]]\nlogin = \"op-b\"\n\n[[learner]]\nlogin = \"gone\"\n"));
    assert_eq!(
        fixes(&audit(&facts)),
        [
            "sudo keiko team add op-b --team '/srv/keiko/team'",
            "sudo keiko team add op-b --team '/srv/keiko/team'",
            "useradd --create-home gone"
        ]
    );
}

fn a_coach_record_nobody_vouches_for_is_quarantined_never_chowned() {
    let mut facts = healthy();
    // Someone else's file under tanaka's name: giving it to tanaka would vouch for it.
    set(listing(&mut facts, "verdicts/op-a"), "tanaka.toml", file(OP_B, 0o640));
    let findings = audit(&facts);
    assert_eq!(fixes(&findings), [FIX]);
    assert!(matches!(&findings[0].problem, Problem::Unverifiable { owner, listed: true, .. } if owner == "op-b"));

    // A former coach's own record is kept: it counts again if they are listed again.
    let mut facts = healthy();
    listing(&mut facts, "verdicts/op-a").push(("op-b.toml".into(), file(OP_B, 0o640)));
    let findings = audit(&facts);
    assert!(matches!(&findings[0].problem, Problem::Unverifiable { coach, listed: false, .. } if coach == "op-b"));
    assert_eq!(fixes(&findings), ["sudoedit '/srv/keiko/team/team.toml'"]);

    let mut facts = healthy();
    set(listing(&mut facts, "verdicts/op-a"), "tanaka.toml", file(TANAKA, 0o664));
    assert_eq!(fixes(&audit(&facts)), [FIX]);
    let mut facts = healthy();
    set(listing(&mut facts, "verdicts/op-a"), "tanaka.toml", Node { links: 2, ..file(TANAKA, 0o640) });
    assert!(matches!(&audit(&facts)[0].problem, Problem::Linked(_)));
    let mut facts = healthy();
    facts.learner_reads.insert("verdicts/op-a/tanaka.toml".into(), false);
    assert!(matches!(&audit(&facts)[0].problem, Problem::LearnerCannotRead { .. }));
}

fn stray_files_links_and_directories_not_on_the_roster_go_to_the_quarantine() {
    let mut facts = healthy();
    let files = listing(&mut facts, "learners/op-a");
    files.push((".bashrc".into(), file(OP_A, 0o600)));
    files.push(("evil".into(), node(OP_A, GID, 0o777, Kind::Symlink)));
    files.push(("coach-tanaka.toml".into(), file(OP_A, 0o644)));
    listing(&mut facts, "learners").push(("op-b".into(), dir(OP_B, GID, 0o2750)));
    listing(&mut facts, "learners").push(("old-user".into(), dir(4242, GID, 0o2750)));
    listing(&mut facts, "").push(("backup.tar".into(), file(0, 0o600)));
    let findings = audit(&facts);
    assert_eq!(
        fixes(&findings),
        [FIX, FIX, FIX, FIX, FIX, "sudo keiko team add op-b --team '/srv/keiko/team'"],
        "{findings:#?}"
    );
    // No printed fix moves anything into a home, or names a file a learner can swap.
    for finding in &findings {
        assert!(!finding.fix.contains("/root") && !finding.fix.starts_with("mv "), "{}", finding.fix);
    }
}

fn what_could_not_be_looked_into_is_a_problem_not_a_pass() {
    let mut facts = healthy();
    let denied = keiko_core::os::files::OsError::of(libc::EACCES);
    facts.listings.insert("learners/op-a".into(), Seen::Failed(denied));
    let findings = audit(&facts);
    assert_eq!(fixes(&findings), [FIX]);
    assert!(
        matches!(&findings[0].problem, Problem::CannotLook { path, .. } if path == Path::new("/srv/keiko/team/learners/op-a"))
    );

    facts.root_node = Seen::Failed(denied);
    assert_eq!(audit(&facts).len(), 1);
}

fn a_missing_team_says_to_init_it() {
    let mut facts = healthy();
    facts.root_node = Seen::Missing;
    assert_eq!(fixes(&audit(&facts)), ["sudo keiko team init '/srv/keiko/team' --coaches LOGIN"]);
}

// ---------------------------------------------------------------- as root, on the built binary

use common::sys;

/// Throwaway accounts and a group, removed when dropped, even after a panic.
struct Accounts {
    users: Vec<String>,
    group: String,
}

impl Accounts {
    fn new(tag: &str, users: &[&str]) -> Accounts {
        let pid = std::process::id();
        let mut accounts = Accounts { users: Vec::new(), group: format!("keiko-tg-{pid}-{tag}") };
        for user in users {
            let login = format!("keiko-t-{pid}-{tag}{user}");
            assert!(sys("useradd", &["--no-create-home", "--shell", "/usr/sbin/nologin", &login]), "useradd {login}");
            accounts.users.push(login);
        }
        accounts
    }

    fn user(&self, i: usize) -> &str {
        &self.users[i]
    }

    fn ids(&self, i: usize) -> (u32, u32) {
        keiko_core::os::identity::user_ids(self.user(i)).unwrap()
    }

    fn gid(&self) -> u32 {
        keiko_core::os::identity::group_id(&self.group).expect("the team's group exists")
    }
}

impl Drop for Accounts {
    fn drop(&mut self) {
        for user in &self.users {
            sys("userdel", &[user]);
        }
        if keiko_core::os::identity::group_id(&self.group).is_some() {
            sys("groupdel", &[&self.group]);
        }
    }
}

const WHY: &str = "creates throwaway accounts and changes owners";

struct Host {
    tmp: tempfile::TempDir,
}

impl Host {
    fn new() -> Host {
        Host { tmp: tempfile::tempdir().unwrap() }
    }

    fn team(&self) -> PathBuf {
        self.tmp.path().join("srv/keiko/team")
    }

    fn system_config(&self) -> PathBuf {
        self.tmp.path().join("etc/keiko/config.toml")
    }

    fn keiko(&self, args: &[&str]) -> Output {
        self.command(self.program()).args(args).output().unwrap()
    }

    fn program(&self) -> PathBuf {
        PathBuf::from(env!("CARGO_BIN_EXE_keiko"))
    }

    fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = Command::new(program);
        cmd.env("KEIKO_SYSTEM_CONFIG", self.system_config())
            .env("KEIKO_LANG", "en")
            .env("HOME", self.tmp.path())
            .env("XDG_CONFIG_HOME", self.tmp.path().join("config"));
        cmd
    }

    /// `team check` on the configured team: its exit code and output.
    fn check(&self) -> (i32, String) {
        let output = self.keiko(&["team", "check"]);
        (output.status.code().unwrap(), stdout(&output))
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn ok(output: Output) -> String {
    assert!(output.status.success(), "failed: {}{}", stdout(&output), stderr(&output));
    stdout(&output)
}

fn owner_group_mode(path: &Path) -> (u32, u32, u32) {
    let meta = std::fs::symlink_metadata(path).unwrap();
    (meta.uid(), meta.gid(), meta.mode() & 0o7777)
}

/// Loosens something, sees `team check` name it with its fix, runs the fix
/// as printed, and sees `team check` pass again.
fn loosen_and_fix(host: &Host, loosen: impl FnOnce(), expected_fix: &str) {
    assert_eq!(host.check().0, 0, "passes before");
    loosen();
    let (code, out) = host.check();
    assert_eq!(code, 1, "{out}");
    let line = out.lines().find(|l| l.contains(expected_fix)).unwrap_or_else(|| panic!("no {expected_fix} in {out}"));
    let fix = line.split_once("→ fix: ").unwrap().1;
    assert_eq!(fix, expected_fix);
    // The printed `sudo keiko` is this build's keiko, with the host's system config.
    let fix = fix.replace("sudo keiko", &host.program().display().to_string());
    let mut run = host.command("sh");
    assert!(run.arg("-c").arg(&fix).output().unwrap().status.success(), "{fix}");
    let (code, out) = host.check();
    assert_eq!(code, 0, "the printed fix fixes it: {out}");
    assert!(out.contains("no problems"), "{out}");
}

fn init_and_add_lay_out_the_team_twice_the_same_and_check_finds_and_fixes_loosened_modes() {
    let accounts = Accounts::new("a", &["c", "d", "o"]);
    let (coach, coach2, op) = (accounts.user(0), accounts.user(1), accounts.user(2));
    let host = Host::new();
    let team = host.team();
    let team_arg = team.to_str().unwrap();

    let out =
        ok(host.keiko(&["team", "init", team_arg, "--coaches", coach, "--group", &accounts.group, "--name", "東京1"]));
    assert!(out.contains(&format!("created group {}", accounts.group)), "{out}");
    assert!(out.contains(&format!("added coach {coach} to group {}", accounts.group)), "{out}");
    let gid = accounts.gid();
    assert!(keiko_core::os::identity::group_members(&accounts.group).contains(&coach.to_string()));
    assert_eq!(owner_group_mode(&team), (0, gid, 0o751));
    assert_eq!(owner_group_mode(&team.join("team.toml")), (0, 0, 0o644));
    assert_eq!(owner_group_mode(host.system_config().parent().unwrap()).2, 0o755);
    let config = std::fs::read_to_string(host.system_config()).unwrap();
    assert_eq!(config.trim(), format!("team = \"{team_arg}\""));

    let out = ok(host.keiko(&["team", "add", op, "--name", "伊藤 さくら", "--role", "op"]));
    assert!(out.contains(&format!("added {op} to the roster")), "{out}");
    let (uid, _) = accounts.ids(2);
    assert_eq!(owner_group_mode(&team.join("learners").join(op)), (uid, gid, 0o2750));
    assert_eq!(owner_group_mode(&team.join("verdicts").join(op)), (0, gid, 0o3770));
    let records = keiko_core::team::fs::open_dir(&team.join("verdicts").join(op)).unwrap();
    assert_eq!(
        keiko_core::team::fs::reader_may_read(&records, uid),
        Some(true),
        "the learner reads the coaches' records"
    );
    let (coach_uid, _) = accounts.ids(0);
    assert_eq!(keiko_core::team::fs::reader_may_read(&records, coach_uid), Some(false));
    assert_eq!(owner_group_mode(&team.join("locks").join(coach)), (coach_uid, gid, 0o700));
    assert_eq!(owner_group_mode(&team.join("quarantine")), (0, 0, 0o700));
    let team_file =
        keiko_core::team::dir::TeamFile::parse(&std::fs::read_to_string(team.join("team.toml")).unwrap()).unwrap();
    assert_eq!(team_file.name, "東京1");
    assert_eq!(team_file.group, accounts.group);
    let entry = team_file.learner(op).unwrap();
    assert_eq!((entry.name.as_str(), entry.role.as_deref()), ("伊藤 さくら", Some("OP")));

    // Twice: nothing changes, and it says so.
    let before = std::fs::symlink_metadata(team.join("team.toml")).unwrap();
    let again = ok(host.keiko(&["team", "init", team_arg, "--coaches", coach, "--group", &accounts.group]));
    assert!(again.contains("nothing changed"), "{again}");
    assert!(again.contains(&format!("coach {coach} is already in group")), "{again}");
    let again = ok(host.keiko(&["team", "add", op, "--name", "伊藤 さくら", "--role", "OP"]));
    assert!(again.contains("nothing changed"), "{again}");
    let after = std::fs::symlink_metadata(team.join("team.toml")).unwrap();
    assert_eq!(
        (before.ino(), before.mtime_nsec()),
        (after.ino(), after.mtime_nsec()),
        "the team file was not rewritten"
    );

    // init again with another coach: added, the roster kept.
    let out = ok(host.keiko(&["team", "init", team_arg, "--coaches", coach2, "--group", &accounts.group]));
    assert!(out.contains("wrote team file"), "{out}");
    let team_file =
        keiko_core::team::dir::TeamFile::parse(&std::fs::read_to_string(team.join("team.toml")).unwrap()).unwrap();
    assert_eq!(team_file.coaches, [coach, coach2]);
    assert!(team_file.learner(op).is_some(), "the roster is kept");

    // The learner's workbook as keiko writes it in the team.
    let workbook = team.join("learners").join(op).join("workbook.toml");
    std::fs::write(&workbook, "").unwrap();
    std::os::unix::fs::chown(&workbook, Some(uid), Some(gid)).unwrap();
    std::fs::set_permissions(&workbook, std::fs::Permissions::from_mode(0o640)).unwrap();

    let (code, out) = host.check();
    assert_eq!((code, out.trim()), (0, format!("{team_arg}: no problems").as_str()));

    let quoted = |p: &Path| format!("'{}'", p.display());
    let chmod = |path: PathBuf, mode: u32| {
        move || std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    loosen_and_fix(&host, chmod(workbook.clone(), 0o666), &format!("sudo keiko team check --fix {}", quoted(&team)));
    assert_eq!(owner_group_mode(&workbook), (uid, gid, 0o640), "--fix put it right on the file itself");
    let own = team.join("learners").join(op);
    loosen_and_fix(&host, chmod(own.clone(), 0o775), &format!("chmod 2750 {}", quoted(&own)));
    loosen_and_fix(
        &host,
        chmod(team.join("team.toml"), 0o664),
        &format!("chmod 0644 {}", quoted(&team.join("team.toml"))),
    );
    let group = accounts.group.clone();
    loosen_and_fix(
        &host,
        || sys("gpasswd", &["-d", coach2, &group]).then_some(()).unwrap(),
        &format!("gpasswd -a {coach2} {group}"),
    );
}

fn init_refuses_logins_without_an_account_or_unsafe_as_a_name_and_changes_nothing() {
    let accounts = Accounts::new("b", &[]);
    let host = Host::new();
    let missing = format!("keiko-t-{}-none", std::process::id());
    let coaches = format!("{missing},../etc");
    let output =
        host.keiko(&["team", "init", host.team().to_str().unwrap(), "--coaches", &coaches, "--group", &accounts.group]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains(&format!("no such account on this host: {missing}")), "{err}");
    assert!(err.contains("not usable as a login") && err.contains("../etc"), "{err}");
    assert!(!host.team().exists() && !host.system_config().exists());
    assert_eq!(keiko_core::os::identity::group_id(&accounts.group), None, "no group made");
}

fn init_and_add_as_another_user_say_they_need_root_and_change_nothing() {
    let accounts = Accounts::new("n", &["u"]);
    let (uid, gid) = accounts.ids(0);
    let host = Host::new();
    // The throwaway user must reach the temp directory (not the team in it).
    std::fs::set_permissions(host.tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let program = common::Nobody::new().program;
    let as_user = |args: &[&str]| {
        use std::os::unix::process::CommandExt;
        host.command(&program).args(args).uid(uid).gid(gid).current_dir("/").output().unwrap()
    };
    let team = host.team();
    let output = as_user(&["team", "init", team.to_str().unwrap(), "--coaches", "root", "--group", &accounts.group]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains(&format!("run it as root: sudo keiko team init {}", team.display())), "{err}");
    assert!(!team.exists() && !host.system_config().exists());
    assert_eq!(keiko_core::os::identity::group_id(&accounts.group), None, "no group made");

    let output = as_user(&["team", "add", accounts.user(0), "--team", team.to_str().unwrap(), "--role", "XX"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("run it as root: sudo keiko team add"), "{}", stderr(&output));

    // check runs as anyone, but says what it could not look into instead of passing it.
    assert!(
        ok(host.keiko(&["team", "init", team.to_str().unwrap(), "--coaches", "root", "--group", &accounts.group]))
            .contains("created")
    );
    ok(host.keiko(&["team", "add", accounts.user(0)]));
    // The team directory lets a learner pass through, not list it.
    let output = as_user(&["team", "check"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(stdout(&output).contains("could not look into"), "{}", stdout(&output));
}

fn every_team_message_speaks_both_languages() {
    use keiko::cli::team_cmd::{AdminError, Done};
    use keiko::i18n::{Lang, Localized};
    let p = || PathBuf::from("/srv/keiko/team/op-a");
    let os = keiko_core::os::files::OsError::of(libc::EACCES);
    let l = || "op-a".to_string();
    let g = || "keiko-coaches".to_string();
    let mut messages: Vec<Box<dyn Localized>> = vec![
        Box::new(AdminError::NeedsRoot { command: "keiko team init /srv".into() }),
        Box::new(AdminError::BadLogins { not_plain: vec!["../x".into()], missing: vec![l()] }),
        Box::new(AdminError::BadGroupName("a b".into())),
        Box::new(AdminError::NoTeam { config: p() }),
        Box::new(AdminError::GroupMissing(g())),
        Box::new(AdminError::NotADirectory(p())),
        Box::new(AdminError::Io { path: p(), error: os }),
        Box::new(AdminError::Invalid { path: p(), error: "expected `=`".into() }),
        Box::new(AdminError::Failed { what: "groupadd g".into(), error: "exit 9".into() }),
    ];
    for done in [
        Done::GroupCreated(g()),
        Done::GroupExists(g()),
        Done::CoachAdded { login: l(), group: g() },
        Done::CoachInGroup { login: l(), group: g() },
        Done::DirCreated(p()),
        Done::DirFixed(p()),
        Done::DirOk(p()),
        Done::TeamFileWritten(p()),
        Done::TeamFileOk(p()),
        Done::SystemConfigWritten(p()),
        Done::SystemConfigOk(p()),
        Done::RosterAdded(l()),
        Done::RosterUpdated(l()),
        Done::RosterOk(l()),
    ] {
        messages.push(Box::new(done));
    }
    for problem in [
        Problem::CannotLook { path: p(), error: os },
        Problem::TeamDirMissing(p()),
        Problem::NotADirectory(p()),
        Problem::TeamFileMissing(p()),
        Problem::TeamFileInvalid { path: p(), error: "x".into() },
        Problem::GroupMissing(g()),
        Problem::Owner { path: p(), found: "a:b".into(), want: "c:d".into() },
        Problem::Mode { path: p(), found: 0o666, want: 0o640 },
        Problem::NotPlain(l()),
        Problem::NoAccount(l()),
        Problem::NotInGroup { login: l(), group: g() },
        Problem::LearnerDirMissing { login: l(), path: p() },
        Problem::NotOnRoster(p()),
        Problem::Symlink(p()),
        Problem::Stray(p()),
        Problem::Unverifiable { path: p(), coach: l(), owner: l(), listed: true },
        Problem::Unverifiable { path: p(), coach: l(), owner: l(), listed: false },
    ] {
        messages.push(Box::new(problem));
    }
    let japanese = |text: &str| {
        text.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c))
    };
    for message in &messages {
        let (ja, en) = (message.message(Lang::JA), message.message(Lang::EN));
        assert!(japanese(&ja), "no Japanese: {ja}");
        assert!(!japanese(&en), "Japanese in English: {en}");
    }
}

/// A record of `learner` by `coach`, as keiko writes one: a sign-off of SM-5 Level 1 an hour ago.
fn record_text(learner: &str, coach: &str, comment: &str) -> String {
    record_text_at(learner, coach, comment, 3600)
}

/// As `record_text`, made `ago` seconds ago.
fn record_text_at(learner: &str, coach: &str, comment: &str, ago: i64) -> String {
    let at =
        keiko_core::clock::time_from_unix(keiko_core::clock::unix_seconds(&keiko_core::clock::now()).unwrap() - ago);
    format!(
        "schema = 1\nlearner = \"{learner}\"\n\n[framework]\nid = \"cmbok-sm\"\nversion = \"2026.1\"\n\n\
         [competencies.SM-5.levels.1.signoff]\nby = \"{coach}\"\nlogin = \"{coach}\"\nat = {at}\n\
         comment = \"{comment}\"\n\n[[history]]\nat = {at}\nby = \"{coach}\"\nwhat = \"sign-off\"\n\
         target = \"SM-5 L1\"\n"
    )
}

fn put(path: &Path, text: &str, owner: &str, mode: u32) {
    std::fs::write(path, text).unwrap();
    assert!(sys("chown", &[owner, path.to_str().unwrap()]));
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn migrate_moves_a_first_layout_team_keeping_only_records_that_pass_the_rule() {
    let accounts = Accounts::new("m", &["c", "o", "p"]);
    let (coach, op, op2) = (accounts.user(0), accounts.user(1), accounts.user(2));
    assert!(sys("groupadd", &[&accounts.group]));
    assert!(sys("gpasswd", &["-a", coach, &accounts.group]));
    let gid = accounts.gid();
    let host = Host::new();
    let team = host.team();
    // The first layout, by hand: coaches' files in the learner's own directory.
    std::fs::create_dir_all(team.join(op)).unwrap();
    std::os::unix::fs::chown(&team, Some(0), Some(gid)).unwrap();
    std::fs::set_permissions(&team, std::fs::Permissions::from_mode(0o751)).unwrap();
    std::fs::write(
        team.join("team.toml"),
        format!(
            "group = \"{}\"\ncoaches = [\"{coach}\"]\n\n[[learner]]\nlogin = \"{op}\"\n\n[[learner]]\nlogin = \"{op2}\"\n",
            accounts.group
        ),
    )
    .unwrap();
    std::fs::create_dir_all(host.system_config().parent().unwrap()).unwrap();
    std::fs::write(host.system_config(), format!("team = {:?}\n", team.to_str().unwrap())).unwrap();
    let own = team.join(op);
    assert!(sys("chown", &[&format!("{op}:{}", accounts.group), own.to_str().unwrap()]));
    std::fs::set_permissions(&own, std::fs::Permissions::from_mode(0o3770)).unwrap();
    let genuine = record_text_at(op, coach, "genuine", 0);
    put(&own.join(format!("coach-{coach}.toml")), &genuine, coach, 0o644);
    put(&own.join(format!("coach-{coach}.toml.lock")), "", coach, 0o600);
    put(&own.join("coach-someone.toml"), &record_text(op, "someone", "forged"), op, 0o666);
    put(&own.join(".bashrc"), "echo pwned\n", op, 0o644);
    std::os::unix::fs::symlink("/etc/shadow", own.join("evil")).unwrap();
    let shadow = owner_group_mode(Path::new("/etc/shadow"));
    // The second learner kept an old file of the coach's aside and renamed it back: the coach's,
    // by the kernel's word, but its inode changed an hour after its newest entry.
    let own2 = team.join(op2);
    std::fs::create_dir_all(&own2).unwrap();
    assert!(sys("chown", &[&format!("{op2}:{}", accounts.group), own2.to_str().unwrap()]));
    put(&own2.join(format!("coach-{coach}.toml")), &record_text(op2, coach, "withdrawn since"), coach, 0o644);

    let out = host.keiko(&["team", "check"]);
    assert!(stdout(&out).contains("team migrate"), "{}", stdout(&out));
    // What a first-layout team's users get: a clear word, not a wrong layout.
    let out = ok(host.keiko(&["team", "migrate"]));
    assert!(out.contains("no problems"), "{out}");
    let record = team.join("verdicts").join(op).join(format!("{coach}.toml"));
    assert_eq!(std::fs::read_to_string(&record).unwrap(), genuine);
    let (coach_uid, _) = accounts.ids(0);
    assert_eq!(owner_group_mode(&record), (coach_uid, gid, 0o640));
    let (op_uid, _) = accounts.ids(1);
    let fd = keiko_core::team::fs::open_dir(&team.join("verdicts").join(op)).unwrap();
    assert_eq!(keiko_core::team::fs::reader_may_read(&fd, op_uid), Some(true));
    assert_eq!(owner_group_mode(&team.join("learners").join(op)), (op_uid, gid, 0o2750));
    let quarantined: Vec<String> = std::fs::read_dir(team.join("quarantine"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(quarantined.len(), 4, "{quarantined:?}");
    for name in ["coach-someone.toml", "bashrc", "evil", &format!("{op2}-coach-{coach}.toml")] {
        assert!(quarantined.iter().any(|q| q.ends_with(name)), "{name} not in {quarantined:?}");
    }
    assert_eq!(owner_group_mode(Path::new("/etc/shadow")), shadow, "nothing outside the team changed");
    // The coach's record is verified in its new place; the forged one is read nowhere.
    let records = keiko_core::team::access::LiveTeam::open(&team).unwrap().records(op);
    assert_eq!(records.len(), 1);
    assert_eq!((records[0].coach.as_str(), &records[0].trust), (coach, &keiko_core::model::workbook::Trust::Verified));
    assert!(
        keiko_core::team::access::LiveTeam::open(&team).unwrap().records(op2).is_empty(),
        "the restored file is not carried over"
    );
    let out = ok(host.keiko(&["team", "migrate"]));
    assert!(out.contains("no problems"), "again: nothing to do: {out}");
}

fn every_printed_fix_of_a_tampered_team_is_safe_for_root_to_run() {
    // Each fix runs in a mount namespace of its own with a tmpfs over root's
    // home: a fix that moved or wrote anything there would show.
    let accounts = Accounts::new("x", &["c", "o"]);
    let (coach, op) = (accounts.user(0), accounts.user(1));
    let host = Host::new();
    let team = host.team();
    let team_arg = team.to_str().unwrap();
    ok(host.keiko(&["team", "init", team_arg, "--coaches", coach, "--group", &accounts.group]));
    ok(host.keiko(&["team", "add", op]));
    let own = team.join("learners").join(op);
    let outside = host.tmp.path().join("root-only.txt");
    std::fs::write(&outside, "secret").unwrap();
    std::fs::set_permissions(&outside, std::fs::Permissions::from_mode(0o600)).unwrap();
    // What the learner can do with their own account, and root's slips.
    put(&own.join(".bashrc"), "echo pwned\n", op, 0o644);
    put(&own.join("workbook.toml"), "", op, 0o666);
    let link = own.join("workbook.toml.lock");
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    assert!(sys("chown", &["-h", op, link.to_str().unwrap()]));
    put(&team.join("verdicts").join(op).join(format!("{coach}.toml")), &record_text(op, coach, "x"), op, 0o640);
    std::fs::set_permissions(&team, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(team.join("stray.txt"), "").unwrap();

    let (code, out) = host.check();
    assert_eq!(code, 1, "{out}");
    let fixes: Vec<String> = out.lines().filter_map(|l| l.split_once("→ fix: ")).map(|(_, f)| f.to_string()).collect();
    assert!(fixes.len() >= 5, "{out}");
    // Between the check and the fixes, the learner swaps their workbook for a link to a root-only file.
    std::fs::remove_file(own.join("workbook.toml")).unwrap();
    std::os::unix::fs::symlink(&outside, own.join("workbook.toml")).unwrap();
    let program = host.program().display().to_string();
    for fix in &fixes {
        assert!(
            !fix.contains("/root") && !fix.starts_with("mv ") && !fix.starts_with("chown ")
                || fix.starts_with("chown -h"),
            "{fix}"
        );
        let fix = fix.replace("sudo keiko", &program);
        let script = format!("mount -t tmpfs tmpfs /root && {fix} >/dev/null; ls -A /root");
        let output = host.command("unshare").args(["-m", "sh", "-c", &script]).output().unwrap();
        assert!(output.status.success(), "{fix}: {}", stderr(&output));
        assert_eq!(stdout(&output), "", "{fix} left something in root's home");
    }
    assert_eq!(owner_group_mode(&outside), (0, 0, 0o600), "the file outside the team kept its owner and mode");
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "secret");
    let (code, out) = host.check();
    assert_eq!(code, 0, "{out}");
}

fn system_groups_shared_groups_system_accounts_and_coaches_as_learners_are_refused_naming_why() {
    let accounts = Accounts::new("g", &["c", "o", "x"]);
    let (coach, op, other) = (accounts.user(0), accounts.user(1), accounts.user(2));
    let host = Host::new();
    let team = host.team();
    let team_arg = team.to_str().unwrap();
    let refused = |output: Output, words: &str| {
        assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
        assert!(stderr(&output).contains(words), "{words}: {}", stderr(&output));
    };
    // A system group: its members (and the system) would read every learner.
    let system_group = keiko_core::os::identity::group_name(4).expect("gid 4 (adm) exists on Debian");
    refused(host.keiko(&["team", "init", team_arg, "--coaches", coach, "--group", &system_group]), "is a system group");
    assert!(!team.exists(), "nothing made");
    let members = keiko_core::os::identity::group_members(&system_group);
    assert!(!members.contains(&coach.to_string()), "the coach was not added to {system_group}");
    // A group with someone who is not a coach in it.
    assert!(sys("groupadd", &[&accounts.group]));
    assert!(sys("gpasswd", &["-a", other, &accounts.group]));
    refused(host.keiko(&["team", "init", team_arg, "--coaches", coach, "--group", &accounts.group]), other);
    assert!(!team.exists(), "nothing made");
    ok(host.keiko(&["team", "init", team_arg, "--coaches", coach, "--group", &accounts.group, "--force"]));
    // team check names who does not belong in the group, and the fix.
    let (code, out) = host.check();
    assert_eq!(code, 1);
    assert!(out.contains(&format!("gpasswd -d {other} {}", accounts.group)), "{out}");
    assert!(sys("gpasswd", &["-d", other, &accounts.group]));
    // System accounts and coaches are no learners; learners are no coaches.
    refused(host.keiko(&["team", "add", "daemon"]), "is a system account");
    refused(host.keiko(&["team", "add", "root"]), "is a system account");
    refused(host.keiko(&["team", "add", coach]), "cannot be both a coach and a learner");
    ok(host.keiko(&["team", "add", op]));
    refused(host.keiko(&["team", "init", team_arg, "--coaches", op]), "cannot be both a coach and a learner");
    let team_file =
        keiko_core::team::dir::TeamFile::parse(&std::fs::read_to_string(team.join("team.toml")).unwrap()).unwrap();
    assert_eq!(team_file.coaches, [coach]);
    assert_eq!(team_file.learners.iter().map(|l| l.login.as_str()).collect::<Vec<_>>(), [op]);
    assert_eq!(host.check().0, 0, "{}", host.check().1);
}

fn main() -> std::process::ExitCode {
    common::run_tests(
        tests![
            a_team_as_init_and_add_leave_it_has_no_problems,
            a_workbook_others_can_read_or_write_is_fixed_through_descriptors_never_a_printed_chmod,
            a_workbook_owned_by_someone_else_is_never_given_to_the_learner,
            loosened_directories_root_owns_are_fixed_by_chown_h_and_chmod,
            a_team_file_others_can_write_or_not_roots_is_named,
            a_team_of_the_first_layout_says_to_migrate_it,
            a_coach_outside_the_group_and_a_missing_group_are_named,
            a_roster_learner_without_a_directory_or_account_is_named,
            a_coach_record_nobody_vouches_for_is_quarantined_never_chowned,
            stray_files_links_and_directories_not_on_the_roster_go_to_the_quarantine,
            what_could_not_be_looked_into_is_a_problem_not_a_pass,
            a_missing_team_says_to_init_it,
            every_team_message_speaks_both_languages
        ],
        tests![
            init_and_add_lay_out_the_team_twice_the_same_and_check_finds_and_fixes_loosened_modes,
            init_refuses_logins_without_an_account_or_unsafe_as_a_name_and_changes_nothing,
            init_and_add_as_another_user_say_they_need_root_and_change_nothing,
            migrate_moves_a_first_layout_team_keeping_only_records_that_pass_the_rule,
            every_printed_fix_of_a_tampered_team_is_safe_for_root_to_run,
            system_groups_shared_groups_system_accounts_and_coaches_as_learners_are_refused_naming_why
        ],
        WHY,
    )
}
