//! Team mode end to end with real accounts: throwaway learners and a coach
//! made as root, a team laid out by the built binary's `team init` and
//! `team add`, and keiko run as each of them (in pseudo-terminals too).
//! Without root every test says it was skipped, and why.

mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::pty::{ENTER, Pty};
use portable_pty::CommandBuilder;

use common::sys;

/// Two learners, a coach and the team's group, removed when dropped, even after a panic.
struct Accounts {
    users: Vec<String>,
    group: String,
}

impl Drop for Accounts {
    fn drop(&mut self) {
        for user in &self.users {
            sys("userdel", &[user]);
        }
        if keiko::identity::group_id(&self.group).is_some() {
            sys("groupdel", &[&self.group]);
        }
    }
}

/// A team on a throwaway host: its accounts, directory and system config.
struct Site {
    accounts: Accounts,
    tmp: tempfile::TempDir,
    program: PathBuf,
}

/// How soon a running app shows another account's change ("live": within a
/// second, with room for a loaded machine).
const LIVE: std::time::Duration = std::time::Duration::from_secs(3);

const WHY: &str = "creates throwaway accounts and runs keiko as them";

impl Site {
    /// `None` (having said so) without root.
    fn new(tag: &str) -> Option<Site> {
        if !keiko::identity::is_root() {
            eprintln!("skipped: needs root ({WHY})");
            return None;
        }
        let pid = std::process::id();
        let mut accounts = Accounts { users: Vec::new(), group: format!("keiko-mg-{pid}-{tag}") };
        for who in ["a", "b", "c"] {
            let login = format!("keiko-m-{pid}-{tag}{who}");
            assert!(sys("useradd", &["--no-create-home", "--shell", "/usr/sbin/nologin", &login]), "useradd {login}");
            accounts.users.push(login);
        }
        // Under /tmp, and passable by everyone: the accounts must reach the team in it.
        let tmp = tempfile::Builder::new().prefix("keiko-team-mode-").tempdir_in("/tmp").unwrap();
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let site = Site { accounts, tmp, program: common::Nobody::new().program };
        let team = site.team();
        let (a, b, c) = (site.learner_a(), site.learner_b(), site.coach());
        let group = site.accounts.group.clone();
        site.root(&["team", "init", team.to_str().unwrap(), "--coaches", c, "--group", &group, "--name", "T"]);
        site.root(&["team", "add", a, "--name", "Aoki Ai", "--role", "OP"]);
        site.root(&["team", "add", b, "--name", "Baba Bo", "--role", "OP"]);
        Some(site)
    }

    fn learner_a(&self) -> &str {
        &self.accounts.users[0]
    }

    fn learner_b(&self) -> &str {
        &self.accounts.users[1]
    }

    fn coach(&self) -> &str {
        &self.accounts.users[2]
    }

    fn team(&self) -> PathBuf {
        self.tmp.path().join("team")
    }

    fn system_config(&self) -> PathBuf {
        self.tmp.path().join("system-config.toml")
    }

    fn workbook(&self, login: &str) -> PathBuf {
        self.team().join(login).join("workbook.toml")
    }

    fn coach_file(&self, learner: &str) -> PathBuf {
        self.team().join(learner).join(format!("coach-{}.toml", self.coach()))
    }

    /// keiko as root (the administrator); it must succeed.
    fn root(&self, args: &[&str]) -> String {
        let output = Command::new(&self.program)
            .args(args)
            .env("KEIKO_SYSTEM_CONFIG", self.system_config())
            .env("KEIKO_LANG", "en")
            .output()
            .unwrap();
        assert!(output.status.success(), "keiko {args:?}: {}{}", stdout(&output), stderr(&output));
        stdout(&output)
    }

    /// The environment a user's keiko gets: the system config and little else.
    fn env(&self, login: &str) -> Vec<(String, String)> {
        let home = self.tmp.path().join(format!("home-{login}"));
        vec![
            ("PATH".into(), std::env::var("PATH").unwrap_or_default()),
            ("HOME".into(), home.display().to_string()),
            ("LANG".into(), "en_US.UTF-8".into()),
            ("TZ".into(), "UTC".into()),
            ("TERM".into(), "xterm-256color".into()),
            // What keiko could not save goes here, not into the host's /tmp.
            ("TMPDIR".into(), self.tmp.path().display().to_string()),
            ("KEIKO_SYSTEM_CONFIG".into(), self.system_config().display().to_string()),
        ]
    }

    /// `program args…` run as `login`, with that account's groups (a coach's
    /// membership of the team's group is what lets them read the team).
    fn as_user(&self, login: &str, program: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> Command {
        let mut cmd = Command::new("setpriv");
        cmd.args(setpriv_args(login)).arg(program).args(args).env_clear().envs(self.env(login)).current_dir("/");
        cmd
    }

    fn keiko_as(&self, login: &str, args: &[&str]) -> Output {
        self.as_user(login, &self.program, args).stdin(Stdio::null()).output().unwrap()
    }

    /// keiko as `login` in a pseudo-terminal, with `env` over the usual
    /// environment, under the strict umask some hosts give (077): the modes
    /// a team needs must not depend on it.
    fn pty_as(&self, login: &str, args: &[&str], env: &[(&str, &str)]) -> UserPty {
        let mut cmd = CommandBuilder::new("setpriv");
        cmd.args(setpriv_args(login));
        cmd.args(["sh", "-c", "umask 077; exec \"$0\" \"$@\""]);
        cmd.arg(&self.program);
        cmd.args(args);
        cmd.env_clear();
        for (k, v) in self.env(login) {
            cmd.env(k, v);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd("/");
        UserPty(Pty::spawn_command(cmd, 100, 30))
    }

    /// The learner's `keiko export --format json`, run as the learner.
    fn export_json(&self, login: &str) -> serde_json::Value {
        let output = self.keiko_as(login, &["export", "--format", "json"]);
        assert!(output.status.success(), "{}", stderr(&output));
        serde_json::from_slice(&output.stdout).unwrap()
    }

    /// The coach's `keiko review --export csv` (no PATH: the team): each
    /// learner's login and sign-off count.
    fn coach_signoffs(&self) -> Vec<(String, String)> {
        let output = self.keiko_as(self.coach(), &["review", "--export", "csv"]);
        assert!(output.status.success(), "{}", stderr(&output));
        let text = stdout(&output);
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let column = |name: &str| header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("{name}: {text}"));
        let (login, signoffs) = (column("login"), column("signoffs"));
        lines
            .map(|line| {
                let cells: Vec<&str> = line.split(',').collect();
                (cells[login].to_string(), cells[signoffs].to_string())
            })
            .collect()
    }

    fn signoffs_of(&self, learner: &str) -> String {
        let all = self.coach_signoffs();
        all.iter().find(|(l, _)| l == learner).unwrap_or_else(|| panic!("{learner} not in {all:?}")).1.clone()
    }
}

/// keiko in a terminal as another account, killed when dropped (after a
/// failed test too): an account with a process left cannot be removed.
struct UserPty(Pty);

impl std::ops::Deref for UserPty {
    type Target = Pty;
    fn deref(&self) -> &Pty {
        &self.0
    }
}

impl std::ops::DerefMut for UserPty {
    fn deref_mut(&mut self) -> &mut Pty {
        &mut self.0
    }
}

impl Drop for UserPty {
    fn drop(&mut self) {
        if self.0.child.try_wait().ok().flatten().is_none() {
            let _ = self.0.child.kill();
            let _ = self.0.child.wait();
        }
    }
}

fn setpriv_args(login: &str) -> Vec<String> {
    let (uid, gid) = keiko::identity::user_ids(login).expect("the account exists");
    ["--reuid".into(), uid.to_string(), "--regid".into(), gid.to_string(), "--init-groups".into(), "--".into()].into()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// SM-5 Level 1 of a `keiko export --format json`.
fn sm5_level1(export: &serde_json::Value) -> &serde_json::Value {
    let sm5 = export["competencies"].as_array().unwrap().iter().find(|c| c["id"] == "SM-5").unwrap();
    sm5["levels"].as_array().unwrap().iter().find(|l| l["level"] == 1).unwrap()
}

fn owner_and_mode(path: &Path) -> (String, u32) {
    let meta = std::fs::symlink_metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (keiko::identity::login_of(meta.uid()).unwrap_or_default(), meta.mode() & 0o7777)
}

/// The learner checks SM-5.1.1 in their app: their workbook now exists.
fn learner_checks_first_statement(site: &Site, learner: &str) {
    let mut app = site.pty_as(learner, &[], &[]);
    app.wait_for("To target");
    app.send(ENTER);
    app.wait_for("Understands in what situations customers defect.");
    app.send(" ");
    app.send("q");
    assert!(app.wait_exit(5).success(), "{}", app.contents());
}

#[test]
fn a_learners_own_sign_off_is_shown_unverified_and_counted_nowhere() {
    let Some(site) = Site::new("s") else { return };
    let a = site.learner_a();
    learner_checks_first_statement(&site, a);

    // The attacker's way: review their own workbook as a plain file, and sign off.
    let workbook = site.workbook(a);
    let mut review = site.pty_as(a, &["review", "--coach", "田中", workbook.to_str().unwrap()], &[]);
    review.wait_for("workbook");
    review.send(ENTER);
    review.wait_for("SM-5");
    review.send(ENTER);
    review.wait_for("Level 1");
    review.send(common::pty::BACKTAB);
    review.wait_for("Understands in what situations customers defect.");
    review.send("s");
    review.wait_for("Sign off SM-5 Level 1");
    review.send("self-made");
    review.send(ENTER);
    review.wait_for("Level 1 signed off.");
    review.send("q");
    assert!(review.wait_exit(5).success());
    let text = std::fs::read_to_string(&workbook).unwrap();
    assert!(text.contains("self-made"), "the attempt reached the learner's own file: {text}");

    let export = site.export_json(a);
    let level = sm5_level1(&export);
    assert_eq!(level["signoff"], serde_json::Value::Null, "{level}");
    let unverified = level["unverified"].as_array().unwrap();
    assert_eq!(unverified.len(), 1, "{level}");
    assert_eq!(unverified[0]["what"], "sign-off");
    assert_eq!(unverified[0]["comment"], "self-made");
    let reason = unverified[0]["reason"].as_str().unwrap();
    assert!(reason.contains("written in the learner's own file"), "{reason}");
    assert_eq!(site.signoffs_of(a), "0");
}

/// Learner A writes a coach file with a sign-off of SM-5 Level 1, as if the
/// coach had: the learner's own file, mode 0644.
fn forge_coach_file(site: &Site, path: &Path) {
    let (a, coach) = (site.learner_a(), site.coach());
    let forged = format!(
        "schema = 1\nlearner = \"{a}\"\n\n[framework]\nid = \"cmbok-sm\"\nversion = \"2026.1\"\n\n[profile]\n\n\
         [competencies.SM-5.levels.1.signoff]\nby = \"{coach}\"\nlogin = \"{coach}\"\nat = 2026-11-30T12:00:00Z\n\
         comment = \"forged\"\n"
    );
    let mut write = site
        .as_user(a, "sh", &["-c", "umask 022; cat > \"$1\"", "sh", path.to_str().unwrap()])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut write.stdin.take().unwrap(), forged.as_bytes()).unwrap();
    assert!(write.wait().unwrap().success());
}

#[test]
fn a_coach_file_the_learner_wrote_is_unverified_and_not_counted() {
    let Some(site) = Site::new("f") else { return };
    let (a, coach) = (site.learner_a(), site.coach());
    learner_checks_first_statement(&site, a);
    let path = site.coach_file(a);
    forge_coach_file(&site, &path);
    assert_eq!(owner_and_mode(&path), (a.to_string(), 0o644), "the learner's own copy");

    let export = site.export_json(a);
    let level = sm5_level1(&export);
    assert_eq!(level["signoff"], serde_json::Value::Null, "{level}");
    let unverified = level["unverified"].as_array().unwrap();
    assert_eq!(unverified.len(), 1, "{level}");
    assert_eq!(unverified[0]["comment"], "forged");
    let reason = unverified[0]["reason"].as_str().unwrap();
    assert!(reason.contains(&format!("owned by {a}")), "{reason}");
    assert_eq!(site.signoffs_of(a), "0");

    // The coach then writes for the learner: the forged sign-off must not
    // become the coach's by being written back into a file the coach owns.
    let mut review = site.pty_as(coach, &["review"], &[]);
    review.wait_for("Baba Bo");
    review.send(ENTER);
    review.wait_for("SM-5");
    review.send(ENTER);
    review.wait_for("c comment");
    review.send("c");
    review.send("a note from the coach");
    review.send(common::pty::ESC);
    // The sticky directory keeps the coach from replacing the learner's file.
    review.wait_for("permission denied");
    drop(review);
    assert_eq!(owner_and_mode(&path), (a.to_string(), 0o644));
    let export = site.export_json(a);
    assert_eq!(sm5_level1(&export)["signoff"], serde_json::Value::Null, "{export}");
    assert_eq!(site.signoffs_of(a), "0");
}

#[test]
fn another_learner_cannot_list_read_change_rename_or_delete_a_learners_files() {
    let Some(site) = Site::new("p") else { return };
    let (a, b) = (site.learner_a(), site.learner_b());
    learner_checks_first_statement(&site, a);
    let workbook = site.workbook(a);
    let before = std::fs::read(&workbook).unwrap();

    let denied = |output: Output, what: &str| {
        assert!(!output.status.success(), "{what} succeeded: {}", stdout(&output));
        assert!(stderr(&output).contains("Permission denied"), "{what}: {}", stderr(&output));
    };
    let path = workbook.to_str().unwrap();
    denied(site.as_user(b, "cat", &[path]).output().unwrap(), "cat");
    denied(site.as_user(b, "ls", &[site.team().to_str().unwrap()]).output().unwrap(), "ls TEAM");
    let moved = format!("{path}.moved");
    denied(site.as_user(b, "mv", &[path, &moved]).output().unwrap(), "mv");
    denied(site.as_user(b, "rm", &["-f", path]).output().unwrap(), "rm");
    let output = site.keiko_as(b, &["--file", path, "status"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(stderr(&output).contains("permission denied"), "{}", stderr(&output));
    let output = site.keiko_as(b, &["--file", path, "--name", "taken over", "status"]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));

    assert_eq!(std::fs::read(&workbook).unwrap(), before, "A's workbook is as A left it");
    assert!(!Path::new(&moved).exists());
}

#[test]
fn history_records_the_real_login_whatever_user_and_logname_say() {
    let Some(site) = Site::new("i") else { return };
    let a = site.learner_a();
    let mut cmd = site.as_user(a, &site.program, &["--name", "Aoki Ai 2", "status"]);
    let output = cmd.env("USER", "someone-else").env("LOGNAME", "someone-else").output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let workbook = keiko::store::Store::new(site.workbook(a), &keiko::framework::Framework::bundled())
        .read()
        .unwrap()
        .expect("the change made the workbook");
    assert_eq!(workbook.profile.name, "Aoki Ai 2");
    let by: Vec<&str> = workbook.history.iter().map(|h| h.by.as_str()).collect();
    assert_eq!(by, [a]);
}

#[test]
fn without_a_terminal_team_mode_suggests_ssh_t() {
    let Some(site) = Site::new("t") else { return };
    let output = site.keiko_as(site.learner_a(), &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(stderr(&output).contains("ssh -t"), "{}", stderr(&output));
}

#[test]
fn a_coachs_sign_off_is_verified_in_the_learners_app_live_and_counted() {
    let Some(site) = Site::new("v") else { return };
    let (a, coach) = (site.learner_a(), site.coach());

    // The learner's app, open all along: checks a statement and asks for review.
    let mut learner = site.pty_as(a, &[], &[]);
    learner.wait_for("To target");
    learner.send(ENTER);
    learner.wait_for("Understands in what situations customers defect.");
    learner.send(" ");
    learner.send("v");
    learner.wait_for("Review of Level 1 requested.");

    // The coach's review with no PATH opens the team.
    let mut review = site.pty_as(coach, &["review"], &[]);
    review.wait_for("Baba Bo");
    review.wait_for("waiting 1");
    review.send(ENTER);
    review.wait_for("SM-5");
    review.send(ENTER);
    review.wait_for("review requested");
    review.send("s");
    review.wait_for("Sign off SM-5 Level 1");
    review.send("Clear evidence");
    review.send(ENTER);
    review.wait_for("Level 1 signed off.");
    // The learner's running app picks it up by itself, live.
    learner.wait_for_within(&format!("{coach} signed off SM-5 Level 1."), LIVE);
    review.send("q");
    assert!(review.wait_exit(5).success());

    let coach_file = site.coach_file(a);
    assert_eq!(owner_and_mode(&coach_file), (coach.to_string(), 0o644));
    let lock = coach_file.with_extension("toml.lock");
    assert_eq!(owner_and_mode(&lock), (coach.to_string(), 0o600));

    learner.wait_for("Clear evidence");
    learner.send("q");
    assert!(learner.wait_exit(5).success());

    // A new app, with nothing but the system config, shows it verified.
    let mut again = site.pty_as(a, &[], &[]);
    again.wait_for("To target");
    again.send(ENTER);
    again.wait_for("Level 2 (Target)");
    again.send(common::pty::BACKTAB);
    again.wait_for("Clear evidence");
    let screen = again.contents();
    let line = screen.lines().find(|l| l.contains("Clear evidence")).unwrap_or_else(|| panic!("{screen}"));
    assert!(line.contains(&format!("signed off {coach}")), "{screen}");
    assert!(line.contains("[verified]"), "{screen}");
    again.send("q");
    assert!(again.wait_exit(5).success());

    let export = site.export_json(a);
    let signoff = &sm5_level1(&export)["signoff"];
    assert_eq!((&signoff["login"], &signoff["verified"]), (&coach.into(), &true.into()), "{signoff}");
    assert_eq!(site.signoffs_of(a), "1");
    assert_eq!(site.signoffs_of(site.learner_b()), "0");
}

/// The real system config, written for one test and removed when dropped
/// (with `/etc/keiko` when the test made it).
struct RealSystemConfig {
    made_dir: bool,
}

const REAL_SYSTEM_CONFIG: &str = "/etc/keiko/config.toml";

impl RealSystemConfig {
    /// `None` (having said so) when the host already has one: it is not ours to change.
    fn write(team: &Path) -> Option<RealSystemConfig> {
        let path = Path::new(REAL_SYSTEM_CONFIG);
        if std::fs::symlink_metadata(path).is_ok() {
            eprintln!("skipped: {REAL_SYSTEM_CONFIG} exists on this host and is not the test's to change");
            return None;
        }
        let dir = path.parent().unwrap();
        let made_dir = std::fs::create_dir(dir).is_ok();
        let guard = RealSystemConfig { made_dir };
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::write(path, format!("team = \"{}\"\n", team.display())).unwrap();
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644)).unwrap();
        Some(guard)
    }
}

impl Drop for RealSystemConfig {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(REAL_SYSTEM_CONFIG);
        if self.made_dir {
            let _ = std::fs::remove_dir(Path::new(REAL_SYSTEM_CONFIG).parent().unwrap());
        }
    }
}

#[test]
fn ssh_host_keiko_finds_the_learners_team_workbook_with_only_the_system_config() {
    let Some(site) = Site::new("e") else { return };
    let Some(_config) = RealSystemConfig::write(&site.team()) else { return };
    let a = site.learner_a();
    // What `ssh host keiko` gives: no KEIKO_* variable, no config of the user's own.
    let mut cmd = CommandBuilder::new("setpriv");
    cmd.args(setpriv_args(a));
    // The loosest umask: the workbook is still closed to other learners.
    cmd.args(["sh", "-c", "umask 000; exec \"$0\" \"$@\""]);
    cmd.arg(&site.program);
    cmd.env_clear();
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "en_US.UTF-8");
    cmd.env("HOME", site.tmp.path().join("home"));
    cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
    cmd.cwd("/");
    let mut app = UserPty(Pty::spawn_command(cmd, 100, 30));
    app.wait_for("To target");
    app.wait_for("Aoki Ai");
    app.send(ENTER);
    app.wait_for("Understands in what situations customers defect.");
    app.send(" ");
    app.send("q");
    assert!(app.wait_exit(5).success(), "{}", app.contents());
    assert_eq!(owner_and_mode(&site.workbook(a)), (a.to_string(), 0o640));
    assert_eq!(owner_and_mode(&site.workbook(a).with_extension("toml.lock")), (a.to_string(), 0o600));
    let workbook =
        keiko::store::Store::new(site.workbook(a), &keiko::framework::Framework::bundled()).read().unwrap().unwrap();
    assert!(workbook.is_checked("SM-5.1.1"));
}

#[test]
fn a_coach_writing_for_a_learner_never_adopts_a_coach_file_the_learner_wrote() {
    let Some(site) = Site::new("l") else { return };
    let (a, coach) = (site.learner_a(), site.coach());
    learner_checks_first_statement(&site, a);
    // A learner directory without its sticky bit (`team check` names it):
    // then not the kernel but keiko must keep the coach's write from
    // replacing the learner's file with what it says.
    let dir = site.team().join(a);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o2770)).unwrap();
    let path = site.coach_file(a);
    forge_coach_file(&site, &path);

    let mut review = site.pty_as(coach, &["review"], &[]);
    review.wait_for("Baba Bo");
    review.send(ENTER);
    review.wait_for("SM-5");
    review.send(ENTER);
    review.wait_for("c comment");
    review.send("c");
    review.send("a note from the coach");
    review.send(common::pty::ESC);
    // Refused: the file is not the coach's to write.
    review.wait_for("permission denied");
    drop(review);

    let text = std::fs::read_to_string(&path).unwrap();
    let (owner, _) = owner_and_mode(&path);
    assert!(owner == a || !text.contains("forged"), "the forged sign-off is now in {owner}'s file:\n{text}");
    let export = site.export_json(a);
    assert_eq!(sm5_level1(&export)["signoff"], serde_json::Value::Null, "{export}");
    assert_eq!(site.signoffs_of(a), "0");
}

#[test]
fn an_old_coach_file_renamed_back_into_place_is_unverified() {
    // The learner owns their directory, so they can keep an old file of the
    // coach's aside and rename it back after the coach changed their mind.
    // Here root lays down the coach's file as it was an hour ago: owned by
    // the coach, 0644, its newest entry an hour before its inode changed.
    let Some(site) = Site::new("o") else { return };
    let (a, coach) = (site.learner_a(), site.coach());
    learner_checks_first_statement(&site, a);
    let hour_ago = keiko::clock::time_from_unix(keiko::clock::unix_seconds(&keiko::clock::now()).unwrap() - 3600);
    let old = format!(
        "schema = 1\nlearner = \"{a}\"\n\n[framework]\nid = \"cmbok-sm\"\nversion = \"2026.1\"\n\n\
         [competencies.SM-5.levels.1.signoff]\nby = \"{coach}\"\nlogin = \"{coach}\"\nat = {hour_ago}\n\
         comment = \"kept aside\"\n\n[[history]]\nat = {hour_ago}\nby = \"{coach}\"\nwhat = \"sign-off\"\n\
         target = \"SM-5 L1\"\n"
    );
    let path = site.coach_file(a);
    std::fs::write(&path, old).unwrap();
    assert!(sys("chown", &[coach, path.to_str().unwrap()]));
    assert!(sys("chmod", &["0644", path.to_str().unwrap()]));
    assert_eq!(owner_and_mode(&path), (coach.to_string(), 0o644), "the coach's own file, by the kernel's word");

    let export = site.export_json(a);
    let level = sm5_level1(&export);
    assert_eq!(level["signoff"], serde_json::Value::Null, "{level}");
    let reason = level["unverified"][0]["reason"].as_str().unwrap();
    assert!(reason.contains("changed after keiko last wrote it"), "{reason}");
    assert_eq!(site.signoffs_of(a), "0");
}
