use std::process::Command;

fn thidua(db: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_thidua"));
    c.env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("THIDUA_DATABASE_URL", db)
        .env("THIDUA_LOG", "error");
    c
}

#[test]
fn openapi_prints_the_document() {
    let out = thidua("sqlite:///nonexistent/never-created.db")
        .arg("openapi")
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        thidua::openapi::document_json()
    );
}

#[test]
fn wrong_flags_and_invalid_configuration_fail_with_a_message() {
    let out = thidua("sqlite://x.db")
        .arg("serve")
        .arg("--bogus")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--bogus"));
    let out = thidua("mysql://nowhere").arg("migrate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("THIDUA_DATABASE_URL"));
    let out = thidua("sqlite://x.db")
        .env("THIDUA_BIND", "not-an-address")
        .arg("migrate")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("THIDUA_BIND"));
    let out = thidua("sqlite://x.db")
        .args([
            "user",
            "create",
            "--username",
            "abc",
            "--role",
            "emperor",
            "--unit",
            "STTTT",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown role 'emperor'"));
}

#[test]
fn migrate_seed_and_user_create_work_on_a_fresh_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("cli.db").display());
    let out = thidua(&db).arg("migrate").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = thidua(&db)
        .args(["seed", "demo"])
        .env("THIDUA_DEMO_PASSWORD", "mật-khẩu-demo-2022")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    for role in [
        "admin",
        "dic_officer",
        "home_affairs_officer",
        "chair",
        "unit_officer",
        "unit_head",
        "auditor",
    ] {
        assert!(text.contains(role), "{text}");
    }
    // A second seed refuses: the database holds data.
    let out = thidua(&db).args(["seed", "demo"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("already holds data"));
    // The password comes from the environment, never from an argument.
    let out = thidua(&db)
        .args([
            "user",
            "create",
            "--username",
            "lethihoa",
            "--role",
            "dic_officer",
            "--unit",
            "STTTT",
            "--full-name",
            "Lê Thị Hoa",
        ])
        .env("THIDUA_PASSWORD", "một-mật-khẩu-dài")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = thidua(&db)
        .args([
            "user",
            "create",
            "--username",
            "lethihoa",
            "--role",
            "auditor",
            "--unit",
            "STTTT",
        ])
        .env("THIDUA_PASSWORD", "một-mật-khẩu-dài")
        .output()
        .unwrap();
    assert!(!out.status.success(), "duplicate username");
    let out = thidua(&db)
        .args([
            "user",
            "create",
            "--username",
            "nohome",
            "--role",
            "auditor",
            "--unit",
            "NOWHERE",
        ])
        .env("THIDUA_PASSWORD", "một-mật-khẩu-dài")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("NOWHERE"));
    // Without THIDUA_PASSWORD and without a terminal it refuses rather than hang.
    let out = thidua(&db)
        .args([
            "user",
            "create",
            "--username",
            "nopass",
            "--role",
            "auditor",
            "--unit",
            "STTTT",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("THIDUA_PASSWORD"));
}
