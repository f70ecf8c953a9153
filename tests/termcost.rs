//! What keiko costs a terminal, measured on the built binary in a real
//! pseudo-terminal at 100x30 with a full workbook. A measurement, not part
//! of CI (timings depend on the machine):
//!
//!     cargo test --release --test termcost -- --ignored --nocapture

mod common;

use std::time::{Duration, Instant};

use common::pty::{DOWN, ENTER, Pty, UP};
use keiko::framework::Framework;

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
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data/keiko");
    std::fs::create_dir_all(&data).unwrap();
    let mut workbook = keiko::testing::full_workbook(&Framework::bundled(), "Operator A", "SV", false);
    // Leave level 2 of SM-5 unfinished, so the competency opens on a level with a choice of statements.
    workbook.statements.remove("SM-5.2.1");
    workbook.statements.remove("SM-5.2.2");
    std::fs::write(data.join("workbook.toml"), keiko::store::to_toml(&workbook)).unwrap();

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
