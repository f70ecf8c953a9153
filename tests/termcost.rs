//! What keiko sends a terminal, on the built binary in a real
//! pseudo-terminal with a full workbook: which colour sequences (a test),
//! and how many bytes and how fast at 100x30 (a measurement, not part of CI:
//! timings depend on the machine):
//!
//!     cargo test --release --test termcost -- --ignored --nocapture

mod common;

use std::time::{Duration, Instant};

use common::pty::{DOWN, ENTER, ESC, Pty, UP};
use keiko::framework::Framework;

/// A home for keiko with a full workbook, at level 2 of SM-5 unfinished.
fn full_workbook_home() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data/keiko");
    std::fs::create_dir_all(&data).unwrap();
    let mut workbook = keiko::testing::full_workbook(&Framework::bundled(), "Operator A", "SV", false);
    workbook.statements.remove("SM-5.2.1");
    workbook.statements.remove("SM-5.2.2");
    std::fs::write(data.join("workbook.toml"), keiko::store::to_toml(&workbook)).unwrap();
    home
}

/// The parameters of every SGR sequence (`ESC [ … m`) in `bytes`, each as numbers.
fn sgr_sequences(bytes: &[u8]) -> Vec<Vec<u16>> {
    let text = String::from_utf8_lossy(bytes);
    text.split("\x1b[")
        .skip(1)
        .filter_map(|rest| {
            let params: String = rest.chars().take_while(|c| c.is_ascii_digit() || *c == ';').collect();
            rest[params.len()..].starts_with('m').then(|| params.split(';').filter_map(|p| p.parse().ok()).collect())
        })
        .collect()
}

#[test]
fn colours_go_out_as_the_16_ansi_colours_and_none_under_no_color() {
    for no_color in [false, true] {
        let home = full_workbook_home();
        let env: &[(&str, &str)] =
            if no_color { &[("LANG", "en_US.UTF-8"), ("NO_COLOR", "1")] } else { &[("LANG", "en_US.UTF-8")] };
        let mut keiko = Pty::spawn(&[], home.path(), env, 100, 30);
        keiko.wait_until("a complete overview", |s| s.contains("q quit") && s.contains("Next up"));
        // The overview, a competency, its help, the note editor, the history.
        for (keys, shown) in [
            (DOWN, "> SM-6"),
            (ENTER, "Level"),
            ("?", "Keys"),
            (ESC, "Space check"),
            ("e", "Esc save"),
            (ESC, "Space check"),
            ("H", "History"),
        ] {
            keiko.send(keys);
            keiko.wait_for(shown);
        }
        keiko.settle(Duration::from_millis(150));
        let output = keiko.output.lock().unwrap().clone();
        keiko.send("q");
        keiko.wait_exit(5);
        let sequences = sgr_sequences(&output);
        assert!(sequences.iter().any(|p| p.contains(&7)), "the selection is reversed (no_color {no_color})");
        for params in &sequences {
            // A bare `ESC [ m` resets everything, the selection's reverse video too.
            assert!(!params.is_empty(), "a bare SGR reset (no_color {no_color})");
            // 38 and 48 start the 256-colour and RGB forms.
            let colour = |p: &&u16| matches!(p, 30..=49 | 90..=97 | 100..=107);
            if no_color {
                assert!(!params.iter().any(|p| colour(&p)), "a colour under NO_COLOR: {params:?}");
            } else {
                assert!(!params.contains(&38) && !params.contains(&48), "not one of the 16 colours: {params:?}");
            }
        }
        if !no_color {
            assert!(sequences.iter().flatten().any(|p| (30..=37).contains(p)), "colours are sent");
        }
    }
}

/// Output bytes caused by `keys`, counted once the screen has settled.
fn cost(keiko: &mut Pty, keys: &str) -> usize {
    keiko.settle(Duration::from_millis(150));
    let before = keiko.output.lock().unwrap().len();
    keiko.send(keys);
    keiko.settle(Duration::from_millis(150));
    keiko.output.lock().unwrap().len() - before
}

#[test]
#[ignore = "a measurement: cargo test --release --test termcost -- --ignored --nocapture"]
fn terminal_cost_at_100x30() {
    // Level 2 of SM-5 is unfinished, so the competency opens on a level with a choice of statements.
    let home = full_workbook_home();
    let start = Instant::now();
    let mut keiko = Pty::spawn(&[], home.path(), &[("LANG", "en_US.UTF-8")], 100, 30);
    keiko.wait_until("a complete overview", |s| s.contains("q quit") && s.contains("Next up"));
    let first_frame = start.elapsed();
    let startup_bytes = keiko.output.lock().unwrap().len();

    let overview_down = cost(&mut keiko, DOWN);
    let overview_up = cost(&mut keiko, UP);
    keiko.send(ENTER);
    keiko.wait_for(">Level 2<");
    let competency_down = cost(&mut keiko, DOWN);
    let competency_up = cost(&mut keiko, UP);
    let toggle = cost(&mut keiko, " ");
    let untoggle = cost(&mut keiko, " ");

    let before = keiko.output.lock().unwrap().len();
    std::thread::sleep(Duration::from_secs(2));
    let idle = keiko.output.lock().unwrap().len() - before;

    println!("first complete overview frame: {:.1} ms ({startup_bytes} bytes)", first_frame.as_secs_f64() * 1000.0);
    println!("overview: Down {overview_down} bytes, Up {overview_up} bytes");
    println!("competency: Down {competency_down} bytes, Up {competency_up} bytes");
    println!("checkbox toggle: {toggle} bytes, and back {untoggle} bytes");
    println!("idle for 2 s: {idle} bytes");
    keiko.send("q");
    keiko.wait_exit(5);
    assert_eq!(idle, 0, "keiko wrote while idle");
}
