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

// ---- issue 9 items 13, 14: the first run, settings, the README's first command.

use crate::helpers::{empty_database, fresh_database, spawn_app_on};
use std::io::{Read, Write as _};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

const ADMIN_PASSWORD: &str = "mật-khẩu-quản-trị-2026";

fn init(db: &str, args: &[&str]) -> std::process::Output {
    thidua(db)
        .arg("init")
        .args(args)
        .env("THIDUA_PASSWORD", ADMIN_PASSWORD)
        .output()
        .unwrap()
}

const VPUBND: [&str; 6] = [
    "--unit-code",
    "VPUBND",
    "--unit-name",
    "Văn phòng UBND tỉnh",
    "--admin-username",
    "admin",
];

#[test]
fn a_database_url_that_is_not_one_exits_2_naming_the_variable_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for url in [
        "not a url",
        "data/thidua.db",
        "sqlite:data/thidua.db",
        "sqlite::memory:",
        "sqlite://:memory:",
        "mysql://thidua@localhost/thidua",
    ] {
        let out = thidua(url)
            .current_dir(dir.path())
            .arg("migrate")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{url}: {}", stderr(&out));
        assert!(stderr(&out).contains("THIDUA_DATABASE_URL"), "{url}");
        assert!(stderr(&out).contains("sqlite://PATH"), "{}", stderr(&out));
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn an_unopenable_sqlite_file_is_named_with_its_cause() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("thidua.db");
    std::fs::create_dir(&folder).unwrap();
    let out = thidua(&format!("sqlite://{}", folder.display()))
        .arg("migrate")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let e = stderr(&out);
    assert!(e.contains(&folder.display().to_string()), "{e}");
    assert!(
        e.contains("THIDUA_DATABASE_URL") && e.contains("it is a folder"),
        "{e}"
    );
    assert_eq!(e.matches("unable to open").count(), 1, "{e}");
}

#[test]
fn a_port_in_use_names_the_address_and_thidua_bind_before_anything_runs() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("thidua.db");
    // `thidua --demo`, as the README writes it: serve with the demo data.
    let out = thidua(&format!("sqlite://{}", db.display()))
        .env("THIDUA_BIND", &addr)
        .env("THIDUA_LOG", "info")
        .arg("--demo")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let e = stderr(&out);
    assert!(e.contains(&addr) && e.contains("THIDUA_BIND"), "{e}");
    assert!(
        !e.contains("migrations applied") && !e.contains("listening"),
        "{e}"
    );
    assert!(!db.exists(), "nothing was migrated");
    assert!(String::from_utf8_lossy(&out.stdout).is_empty());
    // A subcommand after the top-level flag is a usage error.
    let out = thidua(&format!("sqlite://{}", db.display()))
        .args(["--demo", "migrate"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

/// GET `path` on `addr`: the status line and body, or None while nobody answers.
fn http_get(addr: &str, path: &str) -> Option<String> {
    let mut s = std::net::TcpStream::connect(addr).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut text = String::new();
    s.read_to_string(&mut text).ok()?;
    Some(text)
}

#[test]
fn the_readmes_first_command_serves_the_demo_on_sqlite() {
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = free.local_addr().unwrap().to_string();
    drop(free);
    let dir = tempfile::tempdir().unwrap();
    let mut child = thidua("sqlite://data/thidua.db")
        .current_dir(dir.path())
        .env("THIDUA_BIND", &addr)
        .env("THIDUA_DEMO_PASSWORD", "mật-khẩu-demo-2022")
        .arg("--demo")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Waits for the server (bounded: a server that never answers fails the test).
    let mut ready = None;
    for _ in 0..1200 {
        if let Some(r) = http_get(&addr, "/health/ready") {
            ready = Some(r);
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let movements = http_get(&addr, "/api/v1/public/movements");
    child.kill().unwrap();
    let out = child.wait_with_output().unwrap();
    let ready = ready.unwrap_or_else(|| panic!("never answered: {}", stderr(&out)));
    assert!(ready.starts_with("HTTP/1.1 200"), "{ready}");
    assert!(
        movements.is_some_and(|m| m.contains("CDS-2021-2025")),
        "the demo movement is served"
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Demo data loaded"), "{text}");
    assert!(
        text.contains("Open for nominations: round TK-2022-2025 until"),
        "{text}"
    );
    assert!(dir.path().join("data/thidua.db").exists());
}

#[actix_web::test]
async fn init_creates_the_first_unit_and_its_admin_on_an_empty_database() {
    let db = empty_database();
    let url = db.url.clone();
    let out = thidua(&url).arg("migrate").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    // What an operator tried first: no unit to put an admin in, and a pointer to init.
    let out = thidua(&url)
        .args([
            "user",
            "create",
            "--username",
            "admin",
            "--role",
            "admin",
            "--unit",
            "VPUBND",
        ])
        .env("THIDUA_PASSWORD", ADMIN_PASSWORD)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("VPUBND") && stderr(&out).contains("thidua init"),
        "{}",
        stderr(&out)
    );

    // The password never comes from an argument; without a terminal it must be set.
    let out = thidua(&url).arg("init").args(VPUBND).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("THIDUA_PASSWORD"), "{}", stderr(&out));
    // The API's rules, named by the command's flags; nothing is stored.
    let out = thidua(&url)
        .args([
            "init",
            "--unit-code",
            "VP UBND",
            "--unit-name",
            " ",
            "--admin-username",
            "Quản Trị",
        ])
        .env("THIDUA_PASSWORD", "short")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let e = stderr(&out);
    for flag in ["--admin-username", "password"] {
        assert!(e.contains(flag), "{flag}: {e}");
    }
    let out = init(
        &url,
        &[
            "--unit-code",
            "VP UBND",
            "--unit-name",
            " ",
            "--admin-username",
            "admin",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let e = stderr(&out);
    for flag in ["--unit-code", "--unit-name"] {
        assert!(e.contains(flag), "{flag}: {e}");
    }
    let mut args = VPUBND.to_vec();
    args.extend(["--unit-kind", "palace"]);
    let out = init(&url, &args);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("department"), "{}", stderr(&out));

    let mut args = VPUBND.to_vec();
    args.extend(["--admin-full-name", "Lê Minh Quản"]);
    let out = init(&url, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("created unit VPUBND"));

    // Once only: the database has an admin now.
    let out = init(
        &url,
        &[
            "--unit-code",
            "STTTT",
            "--unit-name",
            "Sở Thông tin và Truyền thông",
            "--admin-username",
            "admin2",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("has an admin already (admin)"),
        "{}",
        stderr(&out)
    );

    // The admin signs in and works: the unit, its kind, the audit trail of the first run.
    let app = spawn_app_on(db).await;
    let r = app.login("admin", ADMIN_PASSWORD).await;
    r.assert(200);
    let token = r.body["access_token"].as_str().unwrap().to_string();
    let me = app.get("/api/v1/me", Some(&token)).await;
    me.assert(200);
    assert_eq!(me.body["full_name"], "Lê Minh Quản", "{}", me.text);
    let units = app.get("/api/v1/units", Some(&token)).await;
    units.assert(200);
    let items = units.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", units.text);
    assert_eq!(items[0]["code"], "VPUBND");
    assert_eq!(items[0]["name"], "Văn phòng UBND tỉnh");
    assert_eq!(items[0]["kind"], "department");
    let audit = app
        .get("/api/v1/audit-events?limit=200", Some(&token))
        .await;
    audit.assert(200);
    let by_cli: Vec<&str> = audit.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["actor_username"] == "cli")
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for action in ["unit.create", "user.create", "service.init"] {
        assert!(by_cli.contains(&action), "{action}: {by_cli:?}");
    }
    let r = app
        .post(
            "/api/v1/units",
            Some(&token),
            serde_json::json!({"code": "STTTT", "name": "Sở Thông tin và Truyền thông", "kind": "department"}),
        )
        .await;
    r.assert(201);
}

#[test]
fn init_refuses_a_database_that_has_an_admin() {
    let db = fresh_database();
    let out = init(&db.url, &VPUBND);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("has an admin already"),
        "{}",
        stderr(&out)
    );
}
