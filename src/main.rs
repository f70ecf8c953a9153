//! The binary: parses the arguments, works out the settings and the
//! workbook or team to open, runs `team` administration, and hands off to
//! `cli::` for subcommands and `tui::` for the app.
#![forbid(unsafe_code)]

use keiko::i18n::{Words, msg};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use keiko::cli::{self, Context, Options, export, framework_cmd, manual, review, status, team_cmd};
use keiko::i18n::Lang;
use keiko_core::text::terminal_safe;

/// 稽古 keiko: a terminal coaching workbook for contact-center staff.
///
/// Without a command, opens the full-screen workbook.
#[derive(Parser)]
#[command(name = "keiko", version, about, long_about = None)]
#[command(after_help = "A command takes only the options that apply to it (`keiko help COMMAND` lists them), \
                        before or after its name.")]
struct Args {
    #[command(flatten)]
    file: FileOption,
    #[command(flatten)]
    framework: FrameworkOptions,
    #[command(flatten)]
    profile: ProfileOptions,
    #[command(flatten)]
    ascii: AsciiOption,
    #[command(subcommand)]
    command: Option<Command>,
}

/// The man page's DESCRIPTION (`--help` stays short).
const MAN_DESCRIPTION: &str = "Without a command, keiko opens the full-screen workbook on your own workbook file: \
                               tick the statements you can show evidence for, write notes, and watch your progress \
                               toward your role's target. Every change is saved to disk the moment it is made. \
                               Press ? in the app for the keys of the current screen.";

#[derive(clap::Args, Clone)]
struct FileOption {
    /// The workbook file [default: $KEIKO_FILE, else the data directory's workbook.toml]
    #[arg(long, value_name = "PATH")]
    file: Option<PathBuf>,
}

#[derive(clap::Args, Clone)]
struct FrameworkOptions {
    /// Use this competency framework instead of the bundled one
    #[arg(long, value_name = "PATH")]
    framework: Option<PathBuf>,
    /// Language of the interface and framework text [default: $KEIKO_LANG, else the locale]
    #[arg(long, value_parser = cli::lang_parser())]
    lang: Option<Lang>,
}

#[derive(clap::Args, Clone)]
struct ProfileOptions {
    /// Set your role grade and keep it in the workbook (OP, SV, OMP, CAP)
    #[arg(long, value_name = "ROLE")]
    role: Option<String>,
    /// Set your display name and keep it in the workbook
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// Set how your name is read (furigana, e.g. "なかむら はると"); a coach's team is sorted by it
    #[arg(long, value_name = "TEXT")]
    reading: Option<String>,
}

#[derive(clap::Args, Clone)]
struct AsciiOption {
    /// Draw with ASCII only (also KEIKO_ASCII=1), for terminals that draw boxes double-width
    #[arg(long)]
    ascii: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Your progress: role, progress to target, each competency's level
    Status {
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        file: FileOption,
        #[command(flatten)]
        framework: FrameworkOptions,
        #[command(flatten)]
        profile: ProfileOptions,
        #[command(flatten)]
        ascii: AsciiOption,
    },
    /// Export the workbook as Markdown (coaching sheet), CSV (spreadsheet) or JSON
    Export {
        #[arg(long, value_enum)]
        format: export::Format,
        /// Write to FILE instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[command(flatten)]
        file: FileOption,
        #[command(flatten)]
        framework: FrameworkOptions,
        #[command(flatten)]
        profile: ProfileOptions,
    },
    /// Check or show a competency framework
    Framework {
        #[command(subcommand)]
        action: FrameworkAction,
    },
    /// Print the path of the workbook in use
    Path {
        #[command(flatten)]
        file: FileOption,
    },
    /// Review learners' workbooks: a team overview, sign-offs and comments
    Review {
        /// Your name in sign-offs and comments [default: your login name]
        #[arg(long, value_name = "NAME", conflicts_with = "export")]
        coach: Option<String>,
        /// Print the team overview as CSV or Markdown, or write an Excel report (xlsx, needs -o), instead of opening the app
        #[arg(long, value_enum, value_name = "FORMAT")]
        export: Option<review::Export>,
        /// With --export: write to FILE instead of standard output
        #[arg(short, long, value_name = "FILE", requires = "export")]
        output: Option<PathBuf>,
        /// Workbook files, or directories holding them (every *.toml inside)
        /// [default: the team the config names]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        framework: FrameworkOptions,
        /// Draw with ASCII only (also KEIKO_ASCII=1), for terminals that draw boxes double-width
        #[arg(long, conflicts_with = "export")]
        ascii: bool,
    },
    /// Print a completion script for a shell (bash, zsh, fish)
    Completions {
        /// The shell the script is for
        #[arg(value_enum)]
        shell: manual::Shell,
    },
    /// Print keiko's man page (roff)
    Man,
    /// The config file: where it is, and a commented file of every default
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Set up and audit a team directory on a shared host (init and add run as root)
    Team {
        #[command(subcommand)]
        action: TeamAction,
    },
}

#[derive(Subcommand)]
enum TeamAction {
    /// Create the team directory, its team file, the coaches' group, and the system config naming it
    Init {
        /// The team directory (e.g. /srv/keiko/team)
        dir: PathBuf,
        /// The coaches' logins, comma-separated
        #[arg(long, value_name = "LOGIN,...", value_delimiter = ',', required = true)]
        coaches: Vec<String>,
        /// The team's name, shown in the coach's title
        #[arg(long, value_name = "TEAMNAME")]
        name: Option<String>,
        /// The team's group [default: the team file's, else keiko- and the directory's name]
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
        /// Use --group even if it is a system group or has members other than the coaches
        #[arg(long)]
        force: bool,
        /// Language of the messages [default: $KEIKO_LANG, else the locale]
        #[arg(long, value_parser = cli::lang_parser())]
        lang: Option<Lang>,
    },
    /// Give a learner their directory in the team and put them on the roster
    Add {
        /// The learner's login
        login: String,
        /// The learner's display name on the roster
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// The name's reading (furigana), for sorting
        #[arg(long, value_name = "READING")]
        reading: Option<String>,
        /// The learner's role grade, set by the team (OP, SV, OMP, CAP)
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,
        /// The team directory [default: the system config's team]
        #[arg(long, value_name = "DIR")]
        team: Option<PathBuf>,
        #[command(flatten)]
        framework: FrameworkOptions,
    },
    /// Audit owners, groups, modes and ACLs; print each problem with the command that fixes it (exit 1 when any)
    Check {
        /// The team directory [default: the system config's team]
        dir: Option<PathBuf>,
        /// Apply the fixes (as root), through file descriptors: what does not belong goes to the team's quarantine/
        #[arg(long)]
        fix: bool,
        /// Language of the messages [default: $KEIKO_LANG, else the locale]
        #[arg(long, value_parser = cli::lang_parser())]
        lang: Option<Lang>,
    },
    /// Move a team of the first layout (coaches' files in the learners' directories) to the current one
    Migrate {
        /// The team directory [default: the system config's team]
        dir: Option<PathBuf>,
        /// Language of the messages [default: $KEIKO_LANG, else the locale]
        #[arg(long, value_parser = cli::lang_parser())]
        lang: Option<Lang>,
    },
}

#[derive(Subcommand)]
enum ConfigAction {
    /// Print the config file's path (whether or not it exists)
    Path,
    /// Print a config file of every default setting and key, commented
    Default,
}

#[derive(Subcommand)]
enum FrameworkAction {
    /// Validate a framework file; exit 0 when valid, 1 when not
    Check {
        /// The framework file to check
        file: PathBuf,
    },
    /// Print the active framework
    Show {
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        framework: FrameworkOptions,
    },
}

impl FileOption {
    fn set(&self, o: &mut Options) {
        o.file = self.file.clone();
    }
}

impl FrameworkOptions {
    fn set(&self, o: &mut Options) {
        o.framework = self.framework.clone();
        o.lang = self.lang;
    }
}

impl ProfileOptions {
    fn set(&self, o: &mut Options) {
        o.role = self.role.clone();
        o.name = self.name.clone();
        o.reading = self.reading.clone();
    }
}

const FILE: &str = "--file";
const FRAMEWORK: &str = "--framework";
const LANG: &str = "--lang";

const ROLE: &str = "--role";
const NAME: &str = "--name";
const READING: &str = "--reading";
const ASCII: &str = "--ascii";

impl Command {
    /// The command's name, the options it takes, and those given after its name.
    fn options(&self) -> (&'static str, &'static [&'static str], Options) {
        let mut o = Options::default();
        let (name, takes): (_, &[_]) = match self {
            Command::Status { file, framework, profile, ascii, .. } => {
                file.set(&mut o);
                framework.set(&mut o);
                profile.set(&mut o);
                o.ascii = ascii.ascii;
                ("status", &[FILE, FRAMEWORK, LANG, ROLE, NAME, READING, ASCII])
            }
            Command::Export { file, framework, profile, .. } => {
                file.set(&mut o);
                framework.set(&mut o);
                profile.set(&mut o);
                ("export", &[FILE, FRAMEWORK, LANG, ROLE, NAME, READING])
            }
            Command::Framework { action: FrameworkAction::Check { .. } } => ("framework check", &[]),
            Command::Framework { action: FrameworkAction::Show { framework, .. } } => {
                framework.set(&mut o);
                ("framework show", &[FRAMEWORK, LANG])
            }
            Command::Path { file } => {
                file.set(&mut o);
                ("path", &[FILE])
            }
            Command::Completions { .. } => ("completions", &[]),
            Command::Man => ("man", &[]),
            Command::Config { action: ConfigAction::Path } => ("config path", &[]),
            Command::Config { action: ConfigAction::Default } => ("config default", &[]),
            Command::Team { action: TeamAction::Init { lang, .. } } => {
                o.lang = *lang;
                ("team init", &[LANG])
            }
            Command::Team { action: TeamAction::Add { framework, .. } } => {
                framework.set(&mut o);
                ("team add", &[FRAMEWORK, LANG])
            }
            Command::Team { action: TeamAction::Check { lang, .. } } => {
                o.lang = *lang;
                ("team check", &[LANG])
            }
            Command::Team { action: TeamAction::Migrate { lang, .. } } => {
                o.lang = *lang;
                ("team migrate", &[LANG])
            }
            Command::Review { framework, ascii, export, .. } => {
                framework.set(&mut o);
                o.ascii = *ascii;
                // The printed overview draws nothing.
                if export.is_some() {
                    ("review --export", &[FRAMEWORK, LANG])
                } else {
                    ("review", &[FRAMEWORK, LANG, ASCII])
                }
            }
        };
        (name, takes, o)
    }
}

/// The options given (before the command's name, when there is one).
fn given(o: &Options) -> impl Iterator<Item = &'static str> {
    let set = [
        (FILE, o.file.is_some()),
        (FRAMEWORK, o.framework.is_some()),
        (LANG, o.lang.is_some()),
        (ROLE, o.role.is_some()),
        (NAME, o.name.is_some()),
        (READING, o.reading.is_some()),
        (ASCII, o.ascii),
    ];
    set.into_iter().filter(|(_, given)| *given).map(|(flag, _)| flag)
}

/// The options a command runs with. Those typed before its name
/// (`keiko --file F status`) go to it when it takes them, and are refused
/// as clap refuses them after the name when it does not (exit 2).
fn options_for(before: Options, command: &Command) -> Options {
    let (name, takes, after) = command.options();
    if let Some(flag) = given(&before).find(|flag| !takes.contains(flag)) {
        let lang = keiko::i18n::detect(before.lang.or(after.lang), |k| std::env::var(k).ok());
        let message = lang.t(msg::OptionNotForCommand { flag, name });
        Args::command().error(clap::error::ErrorKind::ArgumentConflict, message).exit();
    }
    // Given twice: the later one counts, as for any repeated option.
    Options {
        file: after.file.or(before.file),
        framework: after.framework.or(before.framework),
        lang: after.lang.or(before.lang),
        role: after.role.or(before.role),
        name: after.name.or(before.name),
        reading: after.reading.or(before.reading),
        ascii: after.ascii || before.ascii,
        config: before.config,
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let before = Options {
        file: args.file.file,
        framework: args.framework.framework,
        lang: args.framework.lang,
        role: args.profile.role,
        name: args.profile.name,
        reading: args.profile.reading,
        ascii: args.ascii.ascii,
        config: Default::default(),
    };
    let mut options = match &args.command {
        Some(command) => options_for(before, command),
        None => before,
    };
    // Commands that print no settings of their own do not read (nor complain about) the file.
    if !matches!(args.command, Some(Command::Completions { .. } | Command::Man | Command::Config { .. })) {
        cli::load_config(&mut options);
    }
    match run(args.command, &options) {
        Ok(code) => code,
        Err(message) => {
            cli::warn(&message);
            ExitCode::FAILURE
        }
    }
}

/// `keiko team init/add/check`.
fn run_team(action: TeamAction, options: &Options, lang: Lang) -> Result<ExitCode, String> {
    use keiko::i18n::Localized;
    let mut done = Vec::new();
    // Each step is printed as it is done: a failure halfway still shows what was done.
    let mut report = |step: &team_cmd::Done| {
        let _ = cli::print(&format!("{}\n", step.message(lang)), lang);
        done.push(step.clone());
    };
    let result = match action {
        TeamAction::Init { dir, coaches, name, group, force, .. } => {
            team_cmd::init(&team_cmd::Init { dir, coaches, name, group, force }, &mut report)
        }
        TeamAction::Add { login, name, reading, role, team, .. } => {
            // Said before anything else is checked.
            team_cmd::needs_root().map_err(|e| e.message(lang))?;
            let role = match &role {
                Some(code) => {
                    let framework = cli::load_framework(options.framework.as_ref(), lang)?;
                    Some(cli::resolve_role(&framework, code, lang)?)
                }
                None => None,
            };
            team_cmd::add(&team_cmd::Add { login, name, reading, team }, role, &mut report)
        }
        TeamAction::Check { dir, fix, .. } => {
            if fix {
                let mut fixed = |step: &keiko::cli::team_fix::Fixed| {
                    let _ = cli::print(&format!("{}\n", step.message(lang)), lang);
                };
                keiko::cli::team_fix::fix(dir.as_deref(), &mut fixed).map_err(|e| e.message(lang))?;
            }
            let (root, findings) = team_cmd::check(dir.as_deref()).map_err(|e| e.message(lang))?;
            cli::print(&keiko::i18n::team_check_report(&root, &findings, lang), lang)?;
            return Ok(if findings.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE });
        }
        TeamAction::Migrate { dir, .. } => {
            let mut fixed = |step: &keiko::cli::team_fix::Fixed| {
                let _ = cli::print(&format!("{}\n", step.message(lang)), lang);
            };
            let root = keiko::cli::team_fix::migrate(dir.as_deref(), &mut fixed).map_err(|e| e.message(lang))?;
            let (root, findings) = team_cmd::check(Some(&root)).map_err(|e| e.message(lang))?;
            cli::print(&keiko::i18n::team_check_report(&root, &findings, lang), lang)?;
            return Ok(if findings.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE });
        }
    };
    result.map_err(|e| e.message(lang))?;
    cli::print(&format!("{}\n", keiko::i18n::team_summary(&done, lang)), lang)?;
    Ok(ExitCode::SUCCESS)
}

/// Tells (on stderr) where an export was written.
fn written(path: &std::path::Path, lang: Lang) {
    let shown = terminal_safe(&path.display().to_string(), false);
    cli::warn(&lang.t(msg::ExportWritten { path: &shown }));
}

/// Any file that could not be used (a PATH the coach named that cannot be
/// read, a learner's workbook that is broken or unreadable) fails `review
/// --export`, as `cat` does, after the whole export is written: each is in
/// it with the reason, and a script sees that the export is not complete.
fn review_exit(team: &keiko_core::team::Team) -> ExitCode {
    if team.problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

fn run(command: Option<Command>, options: &Options) -> Result<ExitCode, String> {
    let lang = cli::language(options);
    let printed = match command {
        None => {
            let ctx = Context::new(options)?;
            // Refuse before the flags change anything on disk.
            if !keiko::tui::terminal::has_terminal() {
                return Err(ctx.lang.t(msg::NeedsTerminal).into());
            }
            if cli::dumb_terminal() {
                return Err(ctx.lang.t(msg::DumbTerminal).into());
            }
            let workbook = ctx.open_workbook(options)?;
            let (lang, path) = (ctx.lang, ctx.store.path().to_path_buf());
            let outcome = keiko::tui::launch_learner(ctx, workbook)?;
            // Told at the end, and only if still true: the first change creates the file.
            cli::note_if_missing(lang, &path);
            return Ok(ExitCode::from(outcome.exit_code()));
        }
        Some(Command::Status { json, .. }) => {
            let ctx = Context::new(options)?;
            let workbook = ctx.open_workbook(options)?;
            cli::note_if_missing(ctx.lang, ctx.store.path());
            if json {
                cli::print(&status::render_json(&ctx, &workbook), lang)
            } else {
                cli::print(&status::render_text(&ctx, &workbook), lang)
            }
        }
        Some(Command::Export { format, output, .. }) => {
            let ctx = Context::new(options)?;
            let workbook = ctx.open_workbook(options)?;
            cli::note_if_missing(ctx.lang, ctx.store.path());
            let text = export::render(&ctx, &workbook, format);
            match output {
                Some(path) => {
                    export::write_file(&path, &text, format == export::Format::Csv, Some(ctx.store.path()), lang)?;
                    written(&path, lang);
                    Ok(())
                }
                None => cli::print(&text, lang),
            }
        }
        Some(Command::Framework { action: FrameworkAction::Check { file } }) => {
            cli::print(&framework_cmd::check(&file, lang)?, lang)
        }
        Some(Command::Framework { action: FrameworkAction::Show { json, .. } }) => {
            let lang = cli::language(options);
            let framework = cli::load_framework(options.framework.as_ref(), lang)?;
            if json {
                cli::print(&framework_cmd::render_json(&framework, lang), lang)
            } else {
                cli::print(&framework_cmd::render_text(&framework, lang), lang)
            }
        }
        Some(Command::Path { .. }) => cli::print(&format!("{}\n", cli::own_workbook_path(options)?.display()), lang),
        Some(Command::Completions { shell }) => cli::print(&manual::completions(Args::command(), shell), lang),
        Some(Command::Man) => cli::print(&manual::man_page(Args::command().long_about(MAN_DESCRIPTION)), lang),
        Some(Command::Config { action: ConfigAction::Path }) => match keiko::config::path() {
            Some(path) => cli::print(&format!("{}\n", path.display()), lang),
            None => Err(keiko::i18n::no_config_dir(lang).into()),
        },
        Some(Command::Config { action: ConfigAction::Default }) => cli::print(&keiko::config::default_file(), lang),
        Some(Command::Team { action }) => return run_team(action, options, lang),
        Some(Command::Review { coach, export, output, paths, .. }) => {
            if export == Some(review::Export::Xlsx) && output.is_none() {
                let message = keiko::i18n::xlsx_words::needs_output(lang);
                Args::command().error(clap::error::ErrorKind::MissingRequiredArgument, message).exit();
            }
            let ctx = Context::for_review(options)?;
            let mode = if paths.is_empty() {
                // No PATH: the whole team the config names.
                let Some(root) = cli::team_dir(options)? else {
                    return Err(cli::no_team_message(ctx.lang));
                };
                let team = keiko_core::team::access::LiveTeam::open(&root)
                    .map_err(|e| keiko::i18n::Localized::message(&e, ctx.lang))?;
                let (login, group) = (cli::login_name(), team.state().file.group.clone());
                if team.state().file.coaches.contains(&login)
                    && keiko_core::os::identity::joined_group_since_login(&login, &group)
                {
                    return Err(keiko::i18n::team_words::log_in_again(ctx.lang, &group));
                }
                Some(team)
            } else {
                None
            };
            let team = match (keiko_core::team::default_cache_dir(), mode) {
                (Some(cache), mode) => keiko_core::team::Team::open_cached(&ctx.framework, paths.clone(), mode, &cache),
                (None, Some(team)) => keiko_core::team::Team::open_team(&ctx.framework, team),
                (None, None) => keiko_core::team::Team::open(&ctx.framework, paths.clone()),
            };
            let paths = if paths.is_empty() { team.mode.iter().map(|t| t.dir.root.clone()).collect() } else { paths };
            let Some(format) = export else {
                if cli::dumb_terminal() {
                    return Err(ctx.lang.t(msg::DumbTerminalReview).into());
                }
                let coach = coach.unwrap_or_else(cli::login_name);
                let outcome = keiko::tui::launch_review(ctx, coach, team)?;
                return Ok(ExitCode::from(outcome.exit_code()));
            };
            for problem in &team.problems {
                let path = terminal_safe(&problem.path.display().to_string(), false);
                cli::warn(&format!(
                    "{path}: {}",
                    terminal_safe(&keiko::i18n::Localized::message(&problem.reason, ctx.lang), false)
                ));
            }
            let format = match format {
                review::Export::Csv => review::TeamFormat::Csv,
                review::Export::Md => review::TeamFormat::Md,
                review::Export::Xlsx => {
                    let path = output.unwrap_or_default();
                    let title = cli::xlsx::title(&team, &paths);
                    cli::xlsx::write(&ctx.framework, &team, &title, ctx.lang, &path)?;
                    written(&path, lang);
                    return Ok(review_exit(&team));
                }
            };
            let text = review::render(&ctx.framework, &team, format, ctx.lang);
            match output {
                // A CSV file for Excel starts with a byte-order mark, as `export -o`'s does.
                Some(path) => {
                    export::write_file(&path, &text, format == review::TeamFormat::Csv, None, lang)?;
                    written(&path, lang);
                }
                None => cli::print(&text, lang)?,
            }
            return Ok(review_exit(&team));
        }
    };
    printed.map(|()| ExitCode::SUCCESS)
}
