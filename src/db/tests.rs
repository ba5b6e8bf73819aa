//! The database URL forms and SQLite open errors.

use super::*;

#[test]
fn database_urls_pick_the_backend_by_scheme() {
    assert!(DatabaseTarget::parse("postgres://u@h/db")
        .unwrap()
        .is_postgres());
    assert!(DatabaseTarget::parse("postgresql://u@h/db")
        .unwrap()
        .is_postgres());
    assert_eq!(
        DatabaseTarget::parse("sqlite://data/x.db").unwrap(),
        DatabaseTarget::Sqlite(PathBuf::from("data/x.db"))
    );
    assert_eq!(
        DatabaseTarget::parse("sqlite:///var/x.db").unwrap(),
        DatabaseTarget::Sqlite(PathBuf::from("/var/x.db"))
    );
    assert!(DatabaseTarget::parse("mysql://x").is_err());
    assert!(DatabaseTarget::parse("").is_err());
}

#[test]
fn anything_but_a_sqlite_or_postgres_url_is_refused() {
    for url in [
        "not a url",
        "data/thidua.db",
        "/var/lib/thidua/thidua.db",
        "sqlite:data/thidua.db",
        "sqlite://",
        "sqlite::memory:",
        "sqlite://:memory:",
        "sqlite://file:x.db?mode=memory",
        "sqlite://x.db?mode=ro",
        "postgre://u@h/db",
        "http://localhost/db",
    ] {
        let e = DatabaseTarget::parse(url).unwrap_err();
        assert!(
            e.contains("sqlite://PATH"),
            "{url}: the message shows the forms: {e}"
        );
    }
    assert_eq!(
        DatabaseTarget::parse(" sqlite://my data/thidua.db ").unwrap(),
        DatabaseTarget::Sqlite(PathBuf::from("my data/thidua.db"))
    );
}

#[test]
fn an_unopenable_sqlite_file_is_named_with_its_cause() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("a-folder.db");
    std::fs::create_dir(&folder).unwrap();
    let e = open_sqlite(&folder).err().unwrap().to_string();
    assert!(e.contains(&folder.display().to_string()), "{e}");
    assert!(e.contains("THIDUA_DATABASE_URL"), "{e}");
    assert!(e.contains("it is a folder"), "{e}");
    let missing = dir.path().join("nowhere").join("thidua.db");
    let e = open_sqlite(&missing).err().unwrap().to_string();
    assert!(e.contains(&missing.display().to_string()), "{e}");
    assert!(e.contains("does not exist"), "{e}");
    // Said once, not "Unable to open the database file: Unable to open …".
    assert_eq!(e.matches("open the database file").count(), 1, "{e}");
}
