//! `keiko completions bash|zsh|fish` and `keiko man`: generated from the
//! command-line definition, so they never disagree with `--help`.

use std::io;

/// The shells keiko writes completions for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// A completion script for `shell`, for the command `keiko`.
pub fn completions(mut cmd: clap::Command, shell: Shell) -> String {
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "keiko", &mut script);
    String::from_utf8_lossy(&script).into_owned()
}

/// The man page, one page for everything: keiko's own sections, then each
/// command's description, synopsis and options under COMMANDS. (clap_mangen
/// alone would list the commands as keiko-status(1) and so on: pages keiko
/// does not have.)
pub fn man_page(cmd: clap::Command) -> String {
    render_man_page(cmd).expect("writing to memory")
}

fn render_man_page(cmd: clap::Command) -> io::Result<String> {
    let mut cmd = cmd.disable_help_subcommand(true);
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    let mut section = Vec::new();
    man.render_name_section(&mut section)?;
    man.render_synopsis_section(&mut section)?;
    man.render_description_section(&mut section)?;
    man.render_options_section(&mut section)?;
    append(&mut page, &section, true);
    page.extend_from_slice(b".SH COMMANDS\n");
    for command in commands(&cmd) {
        page.extend_from_slice(format!(".SS \"{}\"\n", command.get_bin_name().unwrap_or_default()).as_bytes());
        let man = clap_mangen::Man::new(command.clone());
        let mut section = Vec::new();
        man.render_description_section(&mut section)?;
        section.extend_from_slice(b".PP\n");
        man.render_synopsis_section(&mut section)?;
        man.render_options_section(&mut section)?;
        // Headings of a page of its own would end COMMANDS.
        append(&mut page, &section, false);
    }
    let mut section = Vec::new();
    man.render_extra_section(&mut section)?;
    append(&mut page, &String::from_utf8_lossy(&section).replace(".SH EXTRA", ".SH NOTES").into_bytes(), true);
    let mut section = Vec::new();
    man.render_version_section(&mut section)?;
    append(&mut page, &section, true);
    Ok(String::from_utf8_lossy(&page).into_owned())
}

/// Adds roff from clap_mangen to the page, without the preamble each of its
/// renders repeats (the title's is enough), and without its headings unless
/// `headings`.
fn append(page: &mut Vec<u8>, roff: &[u8], headings: bool) {
    let preamble = [".ie \\n(.g .ds Aq \\(aq", ".el .ds Aq '"];
    for line in String::from_utf8_lossy(roff).lines() {
        if preamble.contains(&line) || (!headings && line.starts_with(".SH ")) {
            continue;
        }
        page.extend_from_slice(line.as_bytes());
        page.push(b'\n');
    }
}

/// The commands that run something (`framework check`, not `framework`), in order.
fn commands(cmd: &clap::Command) -> Vec<&clap::Command> {
    cmd.get_subcommands()
        .filter(|c| !c.is_hide_set())
        .flat_map(|c| if c.has_subcommands() { commands(c) } else { vec![c] })
        .collect()
}
