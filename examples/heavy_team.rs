//! Writes a heavy team for measuring `keiko review` at scale: N workbooks
//! after years of use (`keiko_core::testing::heavy_workbook`: about 60% of the
//! statements checked with notes, history at its 500-entry limit, ~48 KB).
//!
//! `cargo run --release --example heavy_team -- DIR [N] [--team]`
//! writes DIR/learner-00000.toml… or, with `--team`, a team directory
//! (DIR/team.toml, DIR/learners/LOGIN/workbook.toml). N is 10,000 unless given.

use keiko_core::model::framework::Framework;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let team = args.iter().any(|a| a == "--team");
    let mut plain = args.iter().filter(|a| *a != "--team");
    let Some(dir) = plain.next() else {
        eprintln!("usage: heavy_team DIR [N] [--team]");
        std::process::exit(2);
    };
    let n = plain.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    std::fs::create_dir_all(dir)?;
    let paths = keiko_core::testing::write_heavy_team(&Framework::bundled(), dir.as_ref(), n, team)?;
    let bytes: u64 = paths.iter().filter_map(|p| std::fs::metadata(p).ok()).map(|m| m.len()).sum();
    println!("{} workbooks, {} KB on average, in {dir}", paths.len(), bytes / paths.len().max(1) as u64 / 1024);
    Ok(())
}
