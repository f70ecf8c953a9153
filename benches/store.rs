//! Durability and loading: check a box until it is on disk (≤ 3 ms), load
//! the bundled framework and a full workbook (≤ 1 ms), a 2,000-statement
//! framework and its full workbook (≤ 20 ms), a team of 1,000 (≤ 250 ms).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use keiko_core::clock::now;
use keiko_core::model::framework::{Framework, synthetic_toml};
use keiko_core::model::workbook::{Change, Stamp};
use keiko_core::store::{Store, to_toml};
use keiko_core::team::Team;
use keiko_core::testing::full_workbook;

fn check_a_box(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let framework = Framework::bundled();
    let path = dir.path().join("w.toml");
    // At its history limit from the start: every check then rewrites a workbook of steady size.
    std::fs::write(&path, to_toml(&full_workbook(&framework, "A", "OP", true))).unwrap();
    let store = Store::new(&path, &framework);
    let stamp = Stamp::new("bench", now());
    let mut checked = false;
    c.bench_function(
        "check a box (full workbook, history at its limit): lock, read, apply, atomic write, fsync",
        |b| {
            b.iter(|| {
                checked = !checked;
                store.apply(&Change::Check { id: "SM-9.4.1".into(), checked }, &stamp, false).unwrap();
            });
        },
    );
}

fn load(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let bundled = Framework::bundled();
    for (name, long_history) in [("full workbook", false), ("full workbook, history at its limit", true)] {
        let path = dir.path().join(format!("{long_history}.toml"));
        std::fs::write(&path, to_toml(&full_workbook(&bundled, "A", "OP", long_history))).unwrap();
        c.bench_function(&format!("load bundled framework + {name}"), |b| {
            b.iter(|| {
                let framework = Framework::bundled();
                black_box(Store::new(&path, &framework).read().unwrap());
            });
        });
    }

    let text = synthetic_toml(100, 5);
    let big = Framework::parse(&text, "synthetic").unwrap();
    assert_eq!(big.statement_count(), 2000);
    let framework_path = dir.path().join("big-framework.toml");
    std::fs::write(&framework_path, &text).unwrap();
    let big_path = dir.path().join("big.toml");
    std::fs::write(&big_path, to_toml(&full_workbook(&big, "A", "OP", false))).unwrap();
    c.bench_function("load 2,000-statement framework + full workbook", |b| {
        b.iter(|| {
            let framework = Framework::load(&framework_path).unwrap();
            black_box(Store::new(&big_path, &framework).read().unwrap());
        });
    });
}

fn team(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let framework = Framework::bundled();
    for i in 0..1000 {
        let workbook = keiko_core::testing::typical_workbook(&framework, i);
        std::fs::write(dir.path().join(format!("l{i:04}.toml")), to_toml(&workbook)).unwrap();
    }
    let mut group = c.benchmark_group("team");
    group.sample_size(10);
    group.bench_function("open 1,000 workbooks: scan, parse, progress", |b| {
        b.iter(|| {
            let team = Team::open(&framework, vec![dir.path().to_path_buf()]);
            assert_eq!(team.members.len(), 1000);
            black_box(team);
        });
    });
    group.finish();
}

criterion_group!(benches, check_a_box, load, team);
criterion_main!(benches);
