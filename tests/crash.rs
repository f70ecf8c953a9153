//! Kill -9 at random moments, 200 times: every change the store reported as
//! saved is on disk, and the workbook always parses. (It takes seconds, so it
//! runs with every `cargo test`.)
//!
//! This proves atomicity (never a torn file), not durability: a killed
//! process leaves its writes in the page cache, so they survive even without
//! an fsync. That the store fsyncs the file and its directory before saying
//! "saved" is shown by reading the code, not by this test; proving it would
//! take cutting the power (a VM or a fault-injecting block device).

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use keiko_core::model::framework::Framework;
use keiko_core::model::workbook::{Change, Stamp};
use keiko_core::store::Store;

#[test]
fn kill_9_two_hundred_times_loses_nothing_reported_saved() {
    crash_loop(200);
}

/// A small deterministic random source, so a failing round can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn crash_loop(rounds: u64) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("w.toml");
    let store = Store::new(&file, &Framework::bundled());
    let mut random = Lcg(42);
    let mut saved: Vec<(String, String)> = Vec::new();
    for round in 0..rounds {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["crash_worker", "--exact", "--ignored", "--nocapture", "--quiet"])
            .env("KEIKO_CRASH_FILE", &file)
            .env("KEIKO_CRASH_ROUND", round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        // Every other round, wait for the first save, so that a busy machine
        // (slow to start the child) still sees many saves; the others may be
        // killed before the first one.
        let mut first = String::new();
        if round % 2 == 0 {
            let _ = stdout.read_line(&mut first);
        }
        // Kill at a random moment: often mid-write.
        std::thread::sleep(Duration::from_micros(random.next() % 40_000));
        // SAFETY: signalling our own child.
        unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
        child.wait().unwrap();
        // Everything the child printed before it died was reported saved.
        for line in std::iter::once(first).chain(stdout.lines().map_while(Result::ok)) {
            if let Some(rest) = line.strip_prefix("saved ") {
                let (id, text) = rest.split_once(' ').unwrap();
                saved.push((id.to_string(), text.to_string()));
            }
        }
        let workbook = match store.read() {
            Ok(Some(workbook)) => workbook,
            Ok(None) => {
                assert!(saved.is_empty(), "round {round}: the workbook vanished");
                continue;
            }
            Err(e) => panic!("round {round:?}: the workbook does not parse after kill -9: {e:?}"),
        };
        for (id, text) in &saved {
            assert_eq!(workbook.note(id), text, "round {round}: {id} was reported saved but is not on disk");
        }
    }
    // Half the rounds waited for a save: the kills did land among writes.
    assert!(saved.len() as u64 >= rounds / 2, "the worker got too few changes in ({} saved)", saved.len());
}

/// The child: notes a new entry in a tight loop, reporting each one once the
/// store has returned (it is durable on disk then).
#[test]
#[ignore = "the child process of the crash loop"]
fn crash_worker() {
    let (Ok(file), Ok(round)) = (std::env::var("KEIKO_CRASH_FILE"), std::env::var("KEIKO_CRASH_ROUND")) else {
        return;
    };
    let store = Store::new(&file, &Framework::bundled());
    let stamp = Stamp::new("crash", keiko_core::clock::now());
    let mut out = std::io::stdout().lock();
    for i in 0.. {
        let id = format!("crash-{round}-{i}");
        let text = format!("note-{round}-{i}");
        store.apply(&Change::Note { id: id.clone(), text: text.clone() }, &stamp, false).unwrap();
        writeln!(out, "saved {id} {text}").unwrap();
        out.flush().unwrap();
    }
}
