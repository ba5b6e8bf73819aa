use crate::helpers::*;
use diesel::connection::SimpleConnection;
use thidua::db::{revert_all_migrations, run_migrations, DatabaseTarget};

fn names(dir: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn both_backends_have_the_same_migrations() {
    let pg = names("migrations/postgres");
    assert!(!pg.is_empty());
    assert_eq!(pg, names("migrations/sqlite"));
    for m in &pg {
        for backend in ["postgres", "sqlite"] {
            for f in ["up.sql", "down.sql"] {
                assert!(
                    std::path::Path::new(&format!("migrations/{backend}/{m}/{f}")).exists(),
                    "{backend}/{m}/{f}"
                );
            }
        }
    }
}

#[test]
fn migrations_go_up_down_and_up_again() {
    let db = fresh_database();
    let pool = thidua::db::build_pool(
        &DatabaseTarget::parse(&db.url).unwrap(),
        1,
        std::time::Duration::from_secs(10),
    )
    .unwrap();
    let mut conn = pool.get().unwrap();
    run_migrations(&mut conn).unwrap();
    revert_all_migrations(&mut conn).unwrap();
    assert!(
        conn.batch_execute("SELECT count(*) FROM units").is_err(),
        "tables dropped"
    );
    let applied = run_migrations(&mut conn).unwrap();
    assert!(!applied.is_empty());
    conn.batch_execute("SELECT count(*) FROM units").unwrap();
    assert!(
        run_migrations(&mut conn).unwrap().is_empty(),
        "nothing left to apply"
    );
}
