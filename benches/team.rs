//! A heavy team (`keiko_core::testing::heavy_workbook`: years of use, history at
//! its limit, ~48 KB each) of 1,000: opening it with no cache (every file
//! read), warm (nothing changed: the cache answers), and the reader noticing
//! one learner's change. The whole-process figures for 10,000 are in the
//! README ("Speed").

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use keiko_core::model::framework::Framework;
use keiko_core::team::{Team, TeamReader};
use keiko_core::testing::write_heavy_team;

const N: usize = 1000;

fn heavy_team(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let framework = Framework::bundled();
    let paths = write_heavy_team(&framework, dir.path(), N, false).unwrap();
    // Dated back: files changed as the cache is written are not trusted.
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for path in &paths {
        std::fs::File::options().write(true).open(path).unwrap().set_modified(old).unwrap();
    }
    let roots = vec![dir.path().to_path_buf()];
    let mut group = c.benchmark_group("heavy team of 1,000");
    group.sample_size(10);
    group.bench_function("cold open (no cache): every file read", |b| {
        b.iter(|| {
            let cache = tempfile::tempdir().unwrap();
            let team = Team::open_cached(&framework, roots.clone(), None, cache.path());
            assert_eq!(team.files_read, N);
            black_box(team);
        });
    });
    let cache = tempfile::tempdir().unwrap();
    Team::open_cached(&framework, roots.clone(), None, cache.path());
    group.bench_function("warm open (nothing changed)", |b| {
        b.iter(|| {
            let team = Team::open_cached(&framework, roots.clone(), None, cache.path());
            assert_eq!(team.files_read, 0);
            black_box(team);
        });
    });
    let team = Team::open(&framework, roots.clone());
    let mut reader = TeamReader::of(&team, framework.clone());
    let mut n = 0;
    let text = keiko_core::store::to_toml(&keiko_core::testing::heavy_workbook(&framework, N));
    group.bench_function("one learner's change found among 1,000 (the write included)", |b| {
        b.iter(|| {
            n += 1;
            std::fs::write(&paths[n % N], &text).unwrap();
            let changes = reader.changes().expect("a change");
            assert_eq!(changes.fresh.len(), 1);
            black_box(changes);
        });
    });
    group.finish();
}

criterion_group!(benches, heavy_team);
criterion_main!(benches);
