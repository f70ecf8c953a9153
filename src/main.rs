//! Argument parsing only: hands off to `cli::` for subcommands and `tui::` for the app.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use keiko::cli::{self, Context, Options, export, framework_cmd, review, status};
use keiko::i18n::Lang;
use keiko::text::terminal_safe;

/// 稽古 keiko: a terminal coaching workbook for contact-center staff.
///
/// Without a command, opens the full-screen workbook.
#[derive(Parser)]
#[command(name = "keiko", version, about, long_about = None)]
struct Args {
    /// The workbook file [default: $KEIKO_FILE, else the data directory's workbook.toml]
    #[arg(long, global = true, value_name = "PATH")]
    file: Option<PathBuf>,
    /// Use this competency framework instead of the bundled one
    #[arg(long, global = true, value_name = "PATH")]
    framework: Option<PathBuf>,
    /// Language of the interface and framework text [default: $KEIKO_LANG, else the locale]
    #[arg(long, global = true, value_enum)]
    lang: Option<Lang>,
    /// Set your role grade and keep it in the workbook (OP, SV, OMP, CAP)
    #[arg(long, global = true, value_name = "ROLE")]
    role: Option<String>,
    /// Set your display name and keep it in the workbook
    #[arg(long, global = true, value_name = "NAME")]
    name: Option<String>,
    /// Draw with ASCII only (also KEIKO_ASCII=1), for terminals that draw boxes double-width
    #[arg(long, global = true)]
    ascii: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Your progress: role, progress to target, each competency's level
    Status {
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },
    /// Export the workbook as Markdown (coaching sheet), CSV (spreadsheet) or JSON
    Export {
        #[arg(long, value_enum)]
        format: export::Format,
        /// Write to FILE instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Check or show a competency framework
    Framework {
        #[command(subcommand)]
        action: FrameworkAction,
    },
    /// Print the path of the workbook in use
    Path,
    /// Review learners' workbooks: a team overview, sign-offs and comments
    Review {
        /// Your name in sign-offs and comments [default: your login name]
        #[arg(long, value_name = "NAME")]
        coach: Option<String>,
        /// Print the team overview as CSV or Markdown instead of opening the app
        #[arg(long, value_enum, value_name = "FORMAT")]
        export: Option<review::TeamFormat>,
        /// Workbook files, or directories holding them (every *.toml inside)
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

#[derive(Subcommand)]
enum FrameworkAction {
    /// Validate a framework file; exit 0 when valid, 1 when not
    Check { file: PathBuf },
    /// Print the active framework
    Show {
        /// Print JSON for scripts
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    let options = Options {
        file: args.file,
        framework: args.framework,
        lang: args.lang,
        role: args.role,
        name: args.name,
        ascii: args.ascii,
    };
    match run(args.command, &options) {
        Ok(code) => code,
        Err(message) => {
            cli::warn(&message);
            ExitCode::FAILURE
        }
    }
}

fn run(command: Option<Command>, options: &Options) -> Result<ExitCode, String> {
    let printed = match command {
        None => {
            let ctx = Context::new(options)?;
            let workbook = ctx.open_workbook(options)?;
            let (lang, path) = (ctx.lang, ctx.store.path().to_path_buf());
            let outcome = keiko::tui::launch_learner(ctx, workbook)?;
            // Told at the end, and only if still true: the first change creates the file.
            cli::note_if_missing(lang, &path);
            return Ok(ExitCode::from(outcome.exit_code()));
        }
        Some(Command::Status { json }) => {
            let ctx = Context::new(options)?;
            let workbook = ctx.open_workbook(options)?;
            cli::note_if_missing(ctx.lang, ctx.store.path());
            if json {
                cli::print(&status::render_json(&ctx, &workbook))
            } else {
                cli::print(&status::render_text(&ctx, &workbook))
            }
        }
        Some(Command::Export { format, output }) => {
            let ctx = Context::new(options)?;
            let workbook = ctx.open_workbook(options)?;
            cli::note_if_missing(ctx.lang, ctx.store.path());
            let text = export::render(&ctx, &workbook, format);
            match output {
                Some(path) => export::write_file(&path, &text, format, ctx.store.path()),
                None => cli::print(&text),
            }
        }
        Some(Command::Framework { action: FrameworkAction::Check { file } }) => {
            cli::print(&framework_cmd::check(&file)?)
        }
        Some(Command::Framework { action: FrameworkAction::Show { json } }) => {
            let framework = cli::load_framework(options.framework.as_ref())?;
            let lang = cli::language(options.lang);
            if json {
                cli::print(&framework_cmd::render_json(&framework, lang))
            } else {
                cli::print(&framework_cmd::render_text(&framework, lang))
            }
        }
        Some(Command::Path) => cli::print(&format!("{}\n", cli::workbook_path(options)?.display())),
        Some(Command::Review { coach, export, paths }) => {
            let ctx = Context::new(options)?;
            let team = keiko::team::Team::open(&ctx.framework, paths.clone());
            if let Some(format) = export {
                for problem in &team.problems {
                    let path = terminal_safe(&problem.path.display().to_string(), false);
                    cli::warn(&format!("{path}: {}", terminal_safe(&problem.reason, false)));
                }
                cli::print(&review::render(&ctx.framework, &team, format))
            } else {
                let coach = coach.unwrap_or_else(cli::login_name);
                let outcome = keiko::tui::launch_review(ctx, coach, team, &paths)?;
                return Ok(ExitCode::from(outcome.exit_code()));
            }
        }
    };
    printed.map(|()| ExitCode::SUCCESS)
}
