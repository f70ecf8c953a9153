//! The config file as a user meets it: `keiko config path|default`, errors
//! named at their LINE:COL with keiko going on with its defaults, and which
//! of flag, environment and file wins.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use keiko::config::{self, Config};

struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox { dir: tempfile::tempdir().unwrap() }
    }

    fn config_home(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    fn config_file(&self) -> PathBuf {
        self.config_home().join("keiko").join("config.toml")
    }

    fn write_config(&self, text: &str) {
        std::fs::create_dir_all(self.config_file().parent().unwrap()).unwrap();
        std::fs::write(self.config_file(), text).unwrap();
    }

    /// keiko with a clean environment of its own, English locale.
    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_keiko"));
        cmd.args(args)
            .env_clear()
            .env("KEIKO_SYSTEM_CONFIG", "/nonexistent/keiko-tests/system-config.toml")
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", self.dir.path().join("home"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", self.config_home())
            .env("USER", "op-a")
            .env("TZ", "UTC")
            .env("LANG", "C.UTF-8");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `keiko status` speaks Japanese ("目標まで") or English ("To target").
fn status_is_japanese(o: &Output) -> bool {
    assert!(o.status.success(), "{}", stderr(o));
    let out = stdout(o);
    assert!(out.contains("目標まで") != out.contains("To target"), "{out}");
    out.contains("目標まで")
}

#[test]
fn config_path_names_the_file_in_the_config_directory_whether_or_not_it_exists() {
    let sandbox = Sandbox::new();
    let o = sandbox.run(&["config", "path"], &[]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), format!("{}\n", sandbox.config_file().display()));
    assert!(!sandbox.config_file().exists());
    // Without XDG_CONFIG_HOME: under the home directory.
    let o = sandbox.run(&["config", "path"], &[("XDG_CONFIG_HOME", "")]);
    assert_eq!(stdout(&o), format!("{}\n", sandbox.dir.path().join("home/.config/keiko/config.toml").display()));
}

#[test]
fn the_default_config_saved_as_the_config_file_changes_nothing() {
    let sandbox = Sandbox::new();
    let o = sandbox.run(&["config", "default"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for section in ["[keys.overview]", "[keys.editor]", "[keys.coach-competency]", "[keys.team]"] {
        assert!(text.contains(section), "{section} missing");
    }
    assert!(text.contains("quit = [\"q\", \"Ctrl-c\"]"), "{text}");
    assert!(text.lines().any(|l| l.starts_with('#')), "commented");
    let read = config::parse(&text, Path::new("config.toml")).unwrap();
    assert_eq!(read, Config { ascii: Some(false), ..Config::default() });
    // And keiko runs with it quietly.
    sandbox.write_config(&text);
    let o = sandbox.run(&["status"], &[]);
    assert!(o.status.success());
    assert!(!stderr(&o).contains("config"), "{}", stderr(&o));
}

#[test]
fn a_clashing_binding_is_reported_at_its_position_and_the_defaults_are_used() {
    let sandbox = Sandbox::new();
    sandbox.write_config("lang = \"ja\"\n\n[keys.overview]\nopen = \"q\"\n");
    let o = sandbox.run(&["status"], &[]);
    let err = stderr(&o);
    let file = sandbox.config_file().display().to_string();
    assert!(err.contains(&format!("{file}:4:8: on screen overview, q is bound to both open and quit")), "{err}");
    assert!(err.contains("keiko uses its default settings"), "{err}");
    // Told once, and the file's `lang = "ja"` was not used: the defaults were.
    assert_eq!(err.matches(":4:8:").count(), 1, "{err}");
    assert!(!status_is_japanese(&o));
}

#[test]
fn an_unknown_action_is_reported_at_its_position_in_the_users_language() {
    let sandbox = Sandbox::new();
    sandbox.write_config("[keys.overview]\nopne = \"o\"\n");
    let o = sandbox.run(&["status"], &[("KEIKO_LANG", "ja")]);
    let err = stderr(&o);
    let file = sandbox.config_file().display().to_string();
    assert!(err.contains(&format!("{file}:2:1: 画面 overview に操作 'opne' はありません")), "{err}");
    assert!(err.contains("既定の設定で動きます"), "{err}");
    assert!(status_is_japanese(&o));
}

#[test]
fn flag_beats_environment_beats_file_beats_locale() {
    let sandbox = Sandbox::new();
    sandbox.write_config("lang = \"ja\"\nascii = true\n");
    // The file beats the locale.
    let o = sandbox.run(&["status"], &[("LANG", "en_US.UTF-8")]);
    assert!(status_is_japanese(&o));
    assert!(stdout(&o).contains("-----") && !stdout(&o).contains("░"), "ASCII bars: {}", stdout(&o));
    // The environment beats the file.
    let o = sandbox.run(&["status"], &[("KEIKO_LANG", "en"), ("KEIKO_ASCII", "0")]);
    assert!(!status_is_japanese(&o));
    assert!(stdout(&o).contains("░"), "Unicode bars: {}", stdout(&o));
    // The flag beats the environment.
    let o = sandbox.run(&["status", "--lang", "ja", "--ascii"], &[("KEIKO_LANG", "en"), ("KEIKO_ASCII", "0")]);
    assert!(status_is_japanese(&o));
    assert!(!stdout(&o).contains("░"), "ASCII bars: {}", stdout(&o));
    // Without the file: the locale.
    std::fs::remove_file(sandbox.config_file()).unwrap();
    assert!(!status_is_japanese(&sandbox.run(&["status"], &[])));
}
