//! Team mode end to end with real accounts: throwaway learners and a coach
//! made as root, a team laid out by the built binary's `team init` and
//! `team add`, and keiko run as each of them (in pseudo-terminals too).
//! Without root every test is reported as ignored, with the reason.

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
            // Whatever a test left running as the account (a lock holder, a keiko) ends first.
            let _ = Command::new("pkill").args(["-KILL", "-u", user]).status();
            sys("userdel", &[user]);
        }
        if keiko_core::os::identity::group_id(&self.group).is_some() {
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
    /// Needs root: the test binary runs these tests only as root.
    fn new(tag: &str) -> Site {
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
        site
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
        self.team().join("learners").join(login).join("workbook.toml")
    }

    fn records(&self, learner: &str) -> PathBuf {
        self.team().join("verdicts").join(learner)
    }

    fn coach_file(&self, learner: &str) -> PathBuf {
        self.records(learner).join(format!("{}.toml", self.coach()))
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
    let (uid, gid) = keiko_core::os::identity::user_ids(login).expect("the account exists");
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
    (keiko_core::os::identity::login_of(meta.uid()).unwrap_or_default(), meta.mode() & 0o7777)
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

fn a_learners_own_sign_off_is_shown_unverified_and_counted_nowhere() {
    let site = Site::new("s");
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

/// A coach's record of learner A with a sign-off of SM-5 Level 1, as if by the coach.
fn forged_record(site: &Site) -> String {
    let (a, coach) = (site.learner_a(), site.coach());
    format!(
        "schema = 1\nlearner = \"{a}\"\n\n[framework]\nid = \"cmbok-sm\"\nversion = \"2026.1\"\n\n[profile]\n\n\
         [competencies.SM-5.levels.1.signoff]\nby = \"{coach}\"\nlogin = \"{coach}\"\nat = 2026-11-30T12:00:00Z\n\
         comment = \"forged\"\n"
    )
}

/// `sh -c SCRIPT` as `login`, with `forged` on its stdin: whether it succeeded, and its stderr.
fn attempt(site: &Site, login: &str, script: &str, args: &[&str], stdin: &str) -> (bool, String) {
    let mut sh_args = vec!["-c", script, "sh"];
    sh_args.extend_from_slice(args);
    let mut child = site.as_user(login, "sh", &sh_args).stdin(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let _ = std::io::Write::write_all(&mut child.stdin.take().unwrap(), stdin.as_bytes());
    let output = child.wait_with_output().unwrap();
    (output.status.success(), stderr(&output))
}

/// The coach writes a comment on A's SM-5 in the review app; waits for `expect` on screen.
fn coach_comments_on_a(site: &Site, expect: &str) {
    coach_writes_on_a(site, "a note from the coach", expect)
}

/// The coach writes `comment` on A's SM-5 in the review app; waits for `expect` on screen.
fn coach_writes_on_a(site: &Site, comment: &str, expect: &str) {
    let mut review = site.pty_as(site.coach(), &["review"], &[]);
    review.wait_for("Baba Bo");
    review.send(ENTER);
    review.wait_for("SM-5");
    review.send(ENTER);
    review.wait_for("c comment");
    review.send("c");
    review.send(comment);
    review.send(common::pty::ESC);
    review.wait_for(expect);
}

fn a_learner_can_neither_plant_nor_remove_nor_rename_a_coachs_record() {
    // The first layout's forgery: delete the coach's file from one's own
    // directory, plant one's own, and let the coach's next write adopt it.
    // Now the records live where only root and each coach can write.
    let site = Site::new("f");
    let a = site.learner_a();
    learner_checks_first_statement(&site, a);
    coach_comments_on_a(&site, "a note from the coach");
    let path = site.coach_file(a);
    let before = std::fs::read(&path).unwrap();
    let (p, dir) = (path.to_str().unwrap(), site.records(a));
    let d = dir.to_str().unwrap();
    let forged = forged_record(&site);
    for (what, script, args) in [
        ("overwrite", "cat > \"$1\"", vec![p]),
        ("remove", "rm -f \"$1\"", vec![p]),
        ("rename away", "mv \"$1\" \"$1.kept\"", vec![p]),
        ("plant", "cat > \"$1/new.toml\"", vec![d]),
        ("plant a temp file", "cat > \"$1/.x.toml.abc.tmp\"", vec![d]),
        ("link", "ln -s /etc/passwd \"$1/y.toml\"", vec![d]),
    ] {
        let (ok, err) = attempt(&site, a, script, &args, &forged);
        assert!(!ok, "the learner could {what}");
        assert!(err.contains("Permission denied") || err.contains("Operation not permitted"), "{what}: {err}");
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "the coach's record is as the coach left it");
    assert_eq!(owner_and_mode(&path), (site.coach().to_string(), 0o640));
    // And the learner reads it: the ACL gives them that much.
    let (ok, err) = attempt(&site, a, "cat \"$1\" > /dev/null", &[p], "");
    assert!(ok, "{err}");
    // Another learner does not.
    let (ok, _) = attempt(&site, site.learner_b(), "cat \"$1\" > /dev/null", &[p], "");
    assert!(!ok, "learner B read A's record");
}

fn a_coach_never_builds_on_a_record_that_is_not_their_own() {
    // Root's mistake (a copied file) or a leftover of the first layout: a
    // file under the coach's name that the learner owns. The sticky bit
    // alone would refuse the rename over it; without it (as `team check`
    // would name), keiko itself refuses to carry it forward.
    let site = Site::new("l");
    let a = site.learner_a();
    learner_checks_first_statement(&site, a);
    let dir = site.records(a);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o2770)).unwrap();
    let path = site.coach_file(a);
    std::fs::write(&path, forged_record(&site)).unwrap();
    assert!(sys("chown", &[a, path.to_str().unwrap()]));
    assert!(sys("chmod", &["0640", path.to_str().unwrap()]));

    let export = site.export_json(a);
    let level = sm5_level1(&export);
    assert_eq!(level["signoff"], serde_json::Value::Null, "{level}");
    let reason = level["unverified"][0]["reason"].as_str().unwrap();
    assert!(reason.contains(&format!("owned by {a}")), "{reason}");

    coach_comments_on_a(&site, "keiko will not");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("forged") && !text.contains("a note from the coach"), "{text}");
    assert_eq!(owner_and_mode(&path).0, a, "still the learner's, never the coach's");
    assert_eq!(site.signoffs_of(a), "0");
}

fn a_record_dated_in_the_future_is_unverified_and_never_built_on() {
    let site = Site::new("o");
    let (a, coach) = (site.learner_a(), site.coach());
    learner_checks_first_statement(&site, a);
    let future = forged_record(&site).replace("2026-11-30T12:00:00Z", "2099-01-01T00:00:00Z")
        + &format!(
            "\n[[history]]\nat = 2099-01-01T00:00:00Z\nby = \"{coach}\"\nwhat = \"sign-off\"\ntarget = \"SM-5 L1\"\n"
        );
    // Written by the coach's own account, as a hand edit would be.
    let (ok, err) = attempt(&site, coach, "umask 027; cat > \"$1\"", &[site.coach_file(a).to_str().unwrap()], &future);
    assert!(ok, "{err}");
    let export = site.export_json(a);
    let level = sm5_level1(&export);
    assert_eq!(level["signoff"], serde_json::Value::Null, "{level}");
    let reason = level["unverified"][0]["reason"].as_str().unwrap();
    assert!(reason.contains("later than this host's clock"), "{reason}");
    coach_comments_on_a(&site, "keiko will not");
    assert_eq!(site.signoffs_of(a), "0");
}

fn another_learner_cannot_list_read_change_rename_or_delete_a_learners_files() {
    let site = Site::new("p");
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

fn history_records_the_real_login_whatever_user_and_logname_say() {
    let site = Site::new("i");
    let a = site.learner_a();
    let mut cmd = site.as_user(a, &site.program, &["--name", "Aoki Ai 2", "status"]);
    let output = cmd.env("USER", "someone-else").env("LOGNAME", "someone-else").output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let workbook = keiko_core::store::Store::new(site.workbook(a), &keiko_core::model::framework::Framework::bundled())
        .read()
        .unwrap()
        .expect("the change made the workbook");
    assert_eq!(workbook.profile.name, "Aoki Ai 2");
    let by: Vec<&str> = workbook.history.iter().map(|h| h.by.as_str()).collect();
    assert_eq!(by, [a]);
}

fn without_a_terminal_team_mode_suggests_ssh_t() {
    let site = Site::new("t");
    let output = site.keiko_as(site.learner_a(), &[]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(stderr(&output).contains("ssh -t"), "{}", stderr(&output));
}

fn a_coachs_sign_off_is_verified_in_the_learners_app_live_and_counted() {
    let site = Site::new("v");
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
    assert_eq!(owner_and_mode(&coach_file), (coach.to_string(), 0o640));
    let lock = site.team().join("locks").join(coach).join(format!("{a}.lock"));
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

/// `/etc/keiko`, the real place of the system config, exists (as a mount
/// point for a private copy); removed when dropped if the test made it.
struct EtcKeiko {
    made: bool,
}

impl EtcKeiko {
    fn ensure() -> EtcKeiko {
        EtcKeiko { made: std::fs::create_dir("/etc/keiko").is_ok() }
    }
}

impl Drop for EtcKeiko {
    fn drop(&mut self) {
        if self.made {
            let _ = std::fs::remove_dir("/etc/keiko");
        }
    }
}

fn ssh_host_keiko_finds_the_learners_team_workbook_with_only_the_system_config() {
    let site = Site::new("e");
    // The system config at its real place, in a mount namespace of the
    // test's own: the host's `/etc/keiko` (a team host's) is never touched.
    let _etc = EtcKeiko::ensure();
    let etc = site.tmp.path().join("etc-keiko");
    std::fs::create_dir(&etc).unwrap();
    std::fs::set_permissions(&etc, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::write(etc.join("config.toml"), format!("team = \"{}\"\n", site.team().display())).unwrap();
    std::fs::set_permissions(etc.join("config.toml"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let a = site.learner_a();
    // What `ssh host keiko` gives: no KEIKO_* variable (empty is none), no config of the user's own.
    let mut cmd = CommandBuilder::new("unshare");
    cmd.args(["-m", "sh", "-c", "mount --bind \"$0\" /etc/keiko && exec \"$@\"", etc.to_str().unwrap(), "setpriv"]);
    cmd.args(setpriv_args(a));
    // The loosest umask: the workbook is still closed to other learners.
    cmd.args(["sh", "-c", "umask 000; exec \"$0\" \"$@\""]);
    cmd.arg(&site.program);
    cmd.env_clear();
    cmd.env("KEIKO_SYSTEM_CONFIG", "");
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
    let workbook = keiko_core::store::Store::new(site.workbook(a), &keiko_core::model::framework::Framework::bundled())
        .read()
        .unwrap()
        .unwrap();
    assert!(workbook.is_checked("SM-5.1.1"));
}

fn a_learners_workbook_linked_to_another_learners_is_never_read_for_them() {
    // A symbolic link from A's workbook to B's: the coach would see (and sign
    // off) B's evidence as A's, and B's checks would leak into the coach's record.
    let site = Site::new("y");
    let (a, b) = (site.learner_a(), site.learner_b());
    learner_checks_first_statement(&site, b);
    let target = site.workbook(b);
    let (ok, err) =
        attempt(&site, a, "ln -s \"$1\" \"$2\"", &[target.to_str().unwrap(), site.workbook(a).to_str().unwrap()], "");
    assert!(ok, "{err}");
    let output = site.keiko_as(site.coach(), &["review", "--export", "csv"]);
    let csv = stdout(&output);
    let row = csv.lines().find(|l| l.contains("Aoki Ai") || l.contains(a)).unwrap_or_default();
    assert!(!row.contains("1/"), "A's row shows B's progress: {row}\n{csv}");
    let error = stderr(&output);
    assert!(error.contains("symbolic link") || csv.contains("symbolic link"), "{error}\n{csv}");
}

fn a_coach_cannot_plant_a_workbook_for_a_learner_who_has_not_started() {
    let site = Site::new("w");
    let a = site.learner_a();
    let path = site.workbook(a);
    assert!(!path.exists());
    let (ok, err) = attempt(&site, site.coach(), "cat > \"$1\"", &[path.to_str().unwrap()], "schema = 1\n");
    assert!(!ok && err.contains("Permission denied"), "{err}");
    assert!(!path.exists());
}

fn a_lock_held_by_someone_who_can_only_read_the_file_stops_no_writer() {
    // flock(1) on a read-only descriptor: the coach on the learner's
    // workbook, the learner on the coach's record. Each writer's lock lives
    // where only they can open it.
    let site = Site::new("k");
    let (a, coach) = (site.learner_a(), site.coach());
    learner_checks_first_statement(&site, a);
    coach_comments_on_a(&site, "a note from the coach");
    let hold = |login: &str, path: &Path| {
        site.as_user(login, "flock", &["--shared", "--no-fork", path.to_str().unwrap(), "sleep", "30"]).spawn().unwrap()
    };
    let mut holders = vec![hold(coach, &site.workbook(a)), hold(a, &site.coach_file(a))];
    std::thread::sleep(std::time::Duration::from_millis(300));
    let started = std::time::Instant::now();
    let output = site.keiko_as(a, &["--name", "Aoki Ai 3", "status"]);
    assert!(output.status.success(), "{}", stderr(&output));
    coach_comments_on_a(&site, "a note from the coach");
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "a writer waited on someone else's lock");
    // And the locks themselves: another account can neither open nor plant them.
    let lock = site.team().join("learners").join(a).join("workbook.toml.lock");
    let (ok, _) = attempt(&site, coach, "exec 3< \"$1\"", &[lock.to_str().unwrap()], "");
    assert!(!ok, "the coach opened the learner's lock");
    let coach_locks = site.team().join("locks").join(coach);
    let (ok, _) = attempt(&site, a, "touch \"$1/x.lock\"", &[coach_locks.to_str().unwrap()], "");
    assert!(!ok, "the learner planted a lock for the coach");
    for holder in &mut holders {
        let _ = holder.kill();
        let _ = holder.wait();
    }
}

/// A record of A by the coach, as keiko writes one now: a sign-off of SM-5 Level 1 saying `comment`.
fn record_now(site: &Site, comment: &str) -> String {
    let (a, coach) = (site.learner_a(), site.coach());
    let at = keiko_core::clock::now();
    format!(
        "schema = 1\nlearner = \"{a}\"\n\n[framework]\nid = \"cmbok-sm\"\nversion = \"2026.1\"\n\n\
         [competencies.SM-5.levels.1.signoff]\nby = \"{coach}\"\nlogin = \"{coach}\"\nat = {at}\n\
         comment = \"{comment}\"\n\n[[history]]\nat = {at}\nby = \"{coach}\"\nwhat = \"sign-off\"\n\
         target = \"SM-5 L1\"\n"
    )
}

fn a_team_file_made_writable_or_invalid_turns_every_verdict_unverified_in_open_apps_live() {
    let site = Site::new("j");
    let (a, coach) = (site.learner_a(), site.coach());
    learner_checks_first_statement(&site, a);
    let record = site.coach_file(a);
    let (ok, err) = attempt(
        &site,
        coach,
        "umask 027; cat > \"$1\"",
        &[record.to_str().unwrap()],
        &record_now(&site, "Clear evidence"),
    );
    assert!(ok, "{err}");
    let mut learner = site.pty_as(a, &[], &[]);
    learner.wait_for("To target");
    learner.send(ENTER);
    learner.wait_for("Level 2 (Target)");
    learner.send(common::pty::BACKTAB);
    learner.wait_for("[verified]");

    let team_file = site.team().join("team.toml");
    std::fs::set_permissions(&team_file, std::fs::Permissions::from_mode(0o666)).unwrap();
    learner.wait_for_within("team file can be written by others", LIVE);
    assert!(!learner.contents().contains("[verified]"), "{}", learner.contents());
    assert_eq!(site.signoffs_of(a), "0", "a coach's new review counts nothing either");

    std::fs::set_permissions(&team_file, std::fs::Permissions::from_mode(0o644)).unwrap();
    learner.wait_for_within("[verified]", LIVE);

    // A hand edit that breaks the file: the last good coaches stay, and vouch for nothing.
    let text = std::fs::read_to_string(&team_file).unwrap();
    std::fs::write(&team_file, format!("{text}\n[[oops\n")).unwrap();
    learner.wait_for_within("team file cannot be read", LIVE);
    assert!(!learner.contents().contains("[verified]"), "{}", learner.contents());

    // A coach taken out by a hand edit: theirs turn unverified too.
    std::fs::write(&team_file, text.replace(&format!("\"{coach}\""), "")).unwrap();
    learner.wait_for_within(&format!("{coach} is not a coach"), LIVE);
    learner.send("q");
    assert!(learner.wait_exit(5).success());
}

/// A coach logged in before `team init` made them a member of the team's
/// group: their session lacks the group, and keiko says to log in again
/// instead of "permission denied" on every learner.
fn a_coach_added_to_the_group_after_logging_in_is_told_to_log_in_again() {
    let site = Site::new("g");
    let coach = site.coach();
    let (uid, gid) = keiko_core::os::identity::user_ids(coach).unwrap();
    // The session as it was at login: the coach's own group only.
    let before = |args: &[&str]| {
        let ids = [uid.to_string(), gid.to_string()];
        Command::new("setpriv")
            .args(["--reuid", &ids[0], "--regid", &ids[1], "--clear-groups", "--"])
            .arg(&site.program)
            .args(args)
            .env_clear()
            .envs(site.env(coach))
            .current_dir("/")
            .output()
            .unwrap()
    };
    let output = before(&["review", "--export", "csv"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let group = &site.accounts.group;
    assert!(
        stderr(&output).contains(&format!("you were just added to the coaches' group {group}: log out and in again")),
        "{}",
        stderr(&output)
    );
    // Logged in again (the group database's groups): the team is read.
    let output = site.as_user(coach, &site.program, &["review", "--export", "csv"]).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("Aoki Ai"), "{}", stdout(&output));
}

fn main() -> std::process::ExitCode {
    common::run_tests(
        tests![],
        tests![
            a_coach_added_to_the_group_after_logging_in_is_told_to_log_in_again,
            a_learner_racing_the_coachs_write_with_an_inotify_watcher_forges_nothing,
            hard_links_are_never_counted_and_cost_the_readers_little,
            a_learners_own_sign_off_is_shown_unverified_and_counted_nowhere,
            a_learner_can_neither_plant_nor_remove_nor_rename_a_coachs_record,
            a_coach_never_builds_on_a_record_that_is_not_their_own,
            a_record_dated_in_the_future_is_unverified_and_never_built_on,
            another_learner_cannot_list_read_change_rename_or_delete_a_learners_files,
            history_records_the_real_login_whatever_user_and_logname_say,
            without_a_terminal_team_mode_suggests_ssh_t,
            a_coachs_sign_off_is_verified_in_the_learners_app_live_and_counted,
            ssh_host_keiko_finds_the_learners_team_workbook_with_only_the_system_config,
            a_learners_workbook_linked_to_another_learners_is_never_read_for_them,
            a_coach_cannot_plant_a_workbook_for_a_learner_who_has_not_started,
            a_lock_held_by_someone_who_can_only_read_the_file_stops_no_writer,
            a_team_file_made_writable_or_invalid_turns_every_verdict_unverified_in_open_apps_live
        ],
        WHY,
    )
}

/// The first layout's forgery, scripted as the attacker ran it: a watcher
/// (inotify) that strikes the moment the coach's keiko creates its temp
/// file, and a loop that keeps trying to remove the record and plant one of
/// the learner's own, while the coach writes.
fn a_learner_racing_the_coachs_write_with_an_inotify_watcher_forges_nothing() {
    use notify::Watcher;
    let site = Site::new("r");
    let (a, coach) = (site.learner_a(), site.coach());
    learner_checks_first_statement(&site, a);
    coach_comments_on_a(&site, "a note from the coach");
    let dir = site.records(a);
    let record = site.coach_file(a);
    let forged = site.tmp.path().join("forged.toml");
    std::fs::write(&forged, forged_record(&site)).unwrap();
    std::fs::set_permissions(&forged, std::fs::Permissions::from_mode(0o644)).unwrap();

    let loop_script = "end=$(( $(date +%s) + 6 )); while [ $(date +%s) -lt $end ]; do \
         for t in \"$1\"/.*.tmp; do unlink \"$t\" 2>/dev/null && echo \"removed $t\"; done; \
         unlink \"$2\" 2>/dev/null && echo removed; \
         cat \"$3\" > \"$2\" 2>/dev/null && echo planted; done; true";
    let (d, r, f) = (dir.to_str().unwrap(), record.to_str().unwrap(), forged.to_str().unwrap());
    let attacker = site.as_user(a, "sh", &["-c", loop_script, "sh", d, r, f]).stdout(Stdio::piped()).spawn().unwrap();

    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && event.kind.is_create()
        {
            for path in event.paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "tmp")) {
                let _ = tx.send(path);
            }
        }
    })
    .unwrap();
    watcher.watch(&dir, notify::RecursiveMode::NonRecursive).unwrap();
    let strikes = std::thread::scope(|scope| {
        let on = &site;
        let striker = scope.spawn(move || {
            let mut results = Vec::new();
            while let Ok(temp) = rx.recv_timeout(std::time::Duration::from_secs(8)) {
                let script = "unlink \"$1\" && cat > \"$2\"";
                results.push(attempt(on, a, script, &[temp.to_str().unwrap(), r], &forged_record(on)));
            }
            results
        });
        for n in 1..=3 {
            coach_writes_on_a(&site, &format!("round {n} of the coach"), "Saved.");
        }
        drop(watcher);
        striker.join().unwrap()
    });
    let output = attacker.wait_with_output().unwrap();
    assert_eq!(stdout(&output), "", "the loop won a step");
    assert!(!strikes.is_empty(), "the watcher saw the coach's temp files");
    assert!(strikes.iter().all(|(ok, _)| !ok), "a strike succeeded: {strikes:?}");
    let text = std::fs::read_to_string(&record).unwrap();
    assert!(text.contains("round 3 of the coach") && !text.contains("forged"), "{text}");
    assert_eq!(owner_and_mode(&record), (coach.to_string(), 0o640));
    assert_eq!(site.signoffs_of(a), "0");
}

/// Hard links: the coach's own record linked under many names in the
/// records directory, and the learner's workbook linked in their own.
/// Neither is ever counted, and the readers' cost stays bounded.
fn hard_links_are_never_counted_and_cost_the_readers_little() {
    let site = Site::new("h");
    let (a, coach) = (site.learner_a(), site.coach());
    learner_checks_first_statement(&site, a);
    let record = site.coach_file(a);
    let (ok, err) =
        attempt(&site, coach, "umask 027; cat > \"$1\"", &[record.to_str().unwrap()], &record_now(&site, "linked"));
    assert!(ok, "{err}");
    let script = "i=0; while [ $i -lt 60 ]; do i=$((i+1)); ln \"$1\" \"$2/l$i.toml\" || exit 1; done";
    let (ok, err) = attempt(&site, coach, script, &[record.to_str().unwrap(), site.records(a).to_str().unwrap()], "");
    assert!(ok, "{err}");
    let export = site.export_json(a);
    let level = sm5_level1(&export);
    assert_eq!(level["signoff"], serde_json::Value::Null, "{level}");
    let reasons: Vec<&str> =
        level["unverified"].as_array().unwrap().iter().filter_map(|u| u["reason"].as_str()).collect();
    assert!(reasons.iter().any(|r| r.contains("61 names")), "{reasons:?}");
    assert!(reasons.len() <= 1 + keiko_core::team::access::MAX_UNLISTED_RECORDS, "{} records read", reasons.len());

    // The learner's workbook with a second name: read for nobody.
    let workbook = site.workbook(a);
    let (ok, err) = attempt(&site, a, "ln \"$1\" \"$1.bak\"", &[workbook.to_str().unwrap()], "");
    assert!(ok, "{err}");
    let output = site.keiko_as(coach, &["review", "--export", "csv"]);
    let csv = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{csv}");
    let row = csv.lines().find(|l| l.contains(a)).unwrap_or_default();
    assert!(row.contains("not_read") && row.contains("2 names"), "{csv}");
}
