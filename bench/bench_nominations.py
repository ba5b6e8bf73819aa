#!/usr/bin/env python3
"""Benchmark of issue 4's nominations reads on PostgreSQL.

Targets: a list page of nominations (any filter, first or 100th page) under 20 ms at
the median, one nomination with its history under 10 ms, the movement dashboard under
100 ms, with 100,000 nominations and 500,000 history events.

Seeds a fresh database (`thidua seed demo`, bench/seed_reports.sql for the 1,000 extra
units, then bench/seed_nominations.sql: 100,000 nominations in 8 rounds of 4 movements,
500,000 workflow events, dossier files, submissions, decisions, outcomes), starts the
release build, and measures sequential requests, one at a time:
  - GET /api/v1/nominations?limit=50 with each filter, first page and 100th page (the
    cursor followed 99 times, then the 100th page requested repeatedly), as admin
    (sees every submitted nomination: the visibility filter covers all movements) and
    as unit_head of H-THAPMUOI (their unit's ~100 nominations only);
  - GET /api/v1/nominations/{id}, .../{id}/history, and the pair, over 200 nominations;
  - GET /api/v1/movements/{id}/dashboard (reported as missing if the route answers 404).
Then EXPLAIN ANALYZEs each list query via psql, as diesel sends it (a prepared
statement, `... WHERE <visibility> AND <filters> AND id > $cursor ORDER BY id LIMIT 51`),
with a custom plan (the first executions) and a generic plan (what PostgreSQL may switch
to after 5 executions of diesel's cached statement), and names the indexes used.
The cases run in a fixed order, admin's before unit_head's: requests that differ only
in values share one cached statement per pooled connection, so a generic plan adopted
during one caller's requests also serves the next caller's (as in production).

    python3 bench/bench_nominations.py [--url postgres://postgres@127.0.0.1:5432/postgres] [-n 30]
        [--ddl "CREATE INDEX ..."]...   measure again after running these statements
                                        ("{db}" stands for the bench database's name)
        [--keep] [--reuse]              keep the database afterwards / reuse a kept one
Standard library only; reuses bench/bench.py's helpers.
"""
import argparse
import base64
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import PASSWORD, ROOT, baselines, measure, request, sh  # noqa: E402

LIST_TARGET_MS = 20
ONE_TARGET_MS = 10
DASHBOARD_TARGET_MS = 100
PAGES = 100
LIMIT = 50

# What this benchmark led to is in the code now: the PostgreSQL migration 000004 (a
# trigram index for q=, finer statistics on nominee_search) and the connection settings
# of src/db/mod.rs (plan_cache_mode = force_custom_plan, random_page_cost = 1.1).
# --ddl measures further candidates against the same data.

TABLES = ["nominations", "workflow_events", "nomination_documents", "nomination_outcomes", "submissions",
          "submission_nominations", "decisions", "decision_nominations", "award_rounds", "round_quotas", "movements",
          "units", "users"]


def psql(db_url, sql, *extra):
    return subprocess.run(["psql", db_url, "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", *extra],
                          input=sql, check=True, capture_output=True, text=True).stdout


def scalar(db_url, sql):
    return psql(db_url, sql).strip()


def decode_cursor(c):
    return base64.urlsafe_b64decode(c + "=" * (-len(c) % 4)).decode()


# --- the list query as diesel builds it (src/db/repo/nominations.rs `list`) -------------

FILTER_COLUMNS = ["round_id", "unit_id", "status", "award_form", "nominee_kind"]


def like_pattern(q):
    """src/domain/search.rs contains_pattern (the bench's queries are ASCII already)."""
    folded = " ".join(q.lower().split())
    return "%" + "".join("\\" + c if c in "%_\\" else c for c in folded) + "%"


def lit(v):
    if v is None:
        return "NULL"
    if isinstance(v, list):
        return "ARRAY[" + ",".join(lit(x) for x in v) + "]::text[]"
    if isinstance(v, int):
        return str(v)
    return "'" + str(v).replace("'", "''") + "'"


def list_sql(columns, vis, params, after):
    """(PREPARE text, EXECUTE arguments) of the list query with diesel's placeholders."""
    where, types, args = [], [], []

    def bind(value, typ):
        types.append(typ)
        args.append(value)
        return f"${len(args)}"

    if vis is not None:
        unit, movements = vis
        where.append(f'(("nominations"."unit_id" = {bind(unit, "text")}) OR (("nominations"."submitted_at" IS NOT NULL) '
                     f'AND ("nominations"."movement_id" = ANY({bind(movements, "text[]")}))))')
    for col in FILTER_COLUMNS:
        if col in params:
            where.append(f'("nominations"."{col}" = {bind(params[col], "text")})')
    if "q" in params:
        pattern, escape = bind(like_pattern(params["q"]), "text"), bind("\\", "text")
        where.append(f'("nominations"."nominee_search" LIKE {pattern} ESCAPE {escape})')
    if after:
        where.append(f'("nominations"."id" > {bind(after, "text")})')
    cols = ", ".join(f'"nominations"."{c}"' for c in columns)
    sql = (f'SELECT {cols} FROM "nominations"' + (" WHERE " + " AND ".join(where) if where else "")
           + f' ORDER BY "nominations"."id" ASC LIMIT {bind(LIMIT + 1, "bigint")}')
    return f"PREPARE q({', '.join(types)}) AS {sql};", ", ".join(lit(a) for a in args)


def plan_summary(node, acc):
    t = node.get("Node Type", "")
    if "Index Name" in node:
        acc["nodes"].append(f"{t.replace(' Scan', '')}:{node['Index Name']}")
    elif t in ("Seq Scan", "Sort", "BitmapOr", "BitmapAnd"):
        acc["nodes"].append(t + (f"({node.get('Sort Method', '')})" if t == "Sort" else ""))
    acc["removed"] += node.get("Rows Removed by Filter", 0) + node.get("Rows Removed by Index Recheck", 0)
    for child in node.get("Plans", []):
        plan_summary(child, acc)
    return acc


def explain(db_url, columns, vis, params, after, mode, text=False, setup=""):
    prep, args = list_sql(columns, vis, params, after)
    fmt = "FORMAT TEXT" if text else "FORMAT JSON"
    # The service's connection settings (src/db/mod.rs), then the plan mode to show.
    out = psql(db_url, f"{setup}SET random_page_cost = 1.1;\nSET plan_cache_mode = {mode};\n{prep}\nEXPLAIN (ANALYZE, BUFFERS, {fmt}) EXECUTE q({args});\n")
    if text:
        return out
    plan = json.loads(out)[0]
    acc = plan_summary(plan["Plan"], {"nodes": [], "removed": 0})
    return {"ms": plan["Execution Time"] + plan.get("Planning Time", 0), "exec_ms": plan["Execution Time"],
            "nodes": " > ".join(acc["nodes"]) or plan["Plan"]["Node Type"], "removed": acc["removed"]}


# --- HTTP -------------------------------------------------------------------------------

def get_json(api, path, token):
    _, body = request("GET", api + path, token)
    return json.loads(body)


def list_path(params, cursor=None):
    q = dict(params, limit=LIMIT)
    if cursor:
        q["cursor"] = cursor
    return "/api/v1/nominations?" + urllib.parse.urlencode(q)


def walk(api, token, params, pages):
    """The cursor of page `pages` (following next_cursor), or of the last page there is."""
    cursor, page, rows = None, 1, 0
    while page < pages:
        body = get_json(api, list_path(params, cursor), token)
        rows += len(body["items"])
        if not body.get("next_cursor"):
            return cursor, page, rows
        cursor, page = body["next_cursor"], page + 1
    return cursor, page, rows


def count_rows(db_url, vis, params):
    where = []
    if vis is not None:
        unit, movements = vis
        where.append(f"(unit_id = {lit(unit)} OR (submitted_at IS NOT NULL AND movement_id = ANY({lit(movements)})))")
    for col in FILTER_COLUMNS:
        if col in params:
            where.append(f"{col} = {lit(params[col])}")
    if "q" in params:
        where.append(f"nominee_search LIKE {lit(like_pattern(params['q']))}")
    return int(scalar(db_url, "SELECT count(*) FROM nominations" + (" WHERE " + " AND ".join(where) if where else "")))


def run_lists(api, db_url, args, users, cases, columns, label):
    """Measure every case (first and 100th page) for every user; returns result rows."""
    rows = []
    for who, params_label, params in cases:
        token, vis = users[who]
        matching = count_rows(db_url, vis, params)
        name = f"{who:<9} {params_label}"
        r = measure(f"{name} | page 1", args.n, lambda: request("GET", api + list_path(params), token))
        r.update(case=(who, params_label, params), page=1, after=None, matching=matching)
        rows.append(r)
        cursor, page, _ = walk(api, token, params, PAGES)
        if page > 1:
            r = measure(f"{name} | page {page}{'' if page == PAGES else ' (last)'}", args.n,
                        lambda: request("GET", api + list_path(params, cursor), token))
            r.update(case=(who, params_label, params), page=page, after=decode_cursor(cursor), matching=matching)
            rows.append(r)
    print(f"\n== list pages ({label}): sequential requests, limit={LIMIT}, latency in ms; "
          f"'rows' = nominations the caller sees with that filter ==")
    print(f"{'case':<62} {'rows':>7} {'n':>4} {'p50':>7} {'p95':>7} {'max':>7}")
    for r in rows:
        flag = "" if r["p50"] < LIST_TARGET_MS else "  <-- over target"
        print(f"{r['name']:<62} {r['matching']:>7} {r['n']:>4} {r['p50']:>7.1f} {r['p95']:>7.1f} {r['max']:>7.1f}{flag}")
    return rows


def run_explains(db_url, rows, columns, users, label):
    print(f"\n== EXPLAIN ANALYZE of the list queries ({label}); ms = planning + execution in psql; "
          f"'removed' = rows read and thrown away by filters ==")
    print(f"{'case':<62} {'plan':<8} {'ms':>7} {'removed':>8}  nodes")
    for r in rows:
        who, _, params = r["case"]
        vis = users[who][1]
        for mode, short in (("force_custom_plan", "custom"), ("force_generic_plan", "generic")):
            e = explain(db_url, columns, vis, params, r["after"], mode)
            r[short] = e
            print(f"{r['name'] if short == 'custom' else '':<62} {short:<8} {e['ms']:>7.2f} {e['removed']:>8}  {e['nodes']}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", default=os.environ.get("BENCH_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
                    help="a PostgreSQL database to connect to while creating the bench database")
    ap.add_argument("--db", default="thidua_bench_nominations")
    ap.add_argument("-n", type=int, default=30, help="requests per measurement")
    ap.add_argument("--port", type=int, default=18191)
    ap.add_argument("--ddl", action="append", default=[],
                    help="SQL to run (e.g. a proposed index) before measuring a second time")
    ap.add_argument("--keep", action="store_true", help="keep the bench database afterwards")
    ap.add_argument("--reuse", action="store_true", help="use the kept database as it is (no drop, no seed; --ddl changes stay applied)")
    ap.add_argument("--plans", type=int, default=3, help="print the full EXPLAIN of the N slowest list cases")
    args = ap.parse_args()

    base = args.url.rsplit("/", 1)[0]
    db_url = f"{base}/{args.db}"
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    sh(["cargo", "build", "--release", "--locked", "--bin", "thidua"], cwd=ROOT)
    binary = os.path.join(target, "release", "thidua")
    env = dict(os.environ, THIDUA_DATABASE_URL=db_url, THIDUA_DEMO_PASSWORD=PASSWORD,
               THIDUA_BIND=f"127.0.0.1:{args.port}", THIDUA_LOG="warn",
               THIDUA_JWT_SECRET="bench-secret-0123456789-0123456789-0123456789")
    if not args.reuse:
        sh(["psql", args.url, "-q", "-c", f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)'])
        sh(["psql", args.url, "-q", "-c", f'CREATE DATABASE "{args.db}"'])
        # `seed demo` migrates first.
        sh([binary, "seed", "demo"], env=env, stdout=subprocess.DEVNULL)
        t = time.perf_counter()
        sh(["psql", db_url, "-q", "-t", "-A", "-f", os.path.join(ROOT, "bench", "seed_reports.sql")],
           stdout=subprocess.DEVNULL)
        out = sh(["psql", db_url, "-q", "-t", "-A", "-f", os.path.join(ROOT, "bench", "seed_nominations.sql")],
                 stdout=subprocess.PIPE, text=True).stdout.strip().splitlines()
        print(f"seeded in {time.perf_counter() - t:.1f} s: nominations|nomination events = {out[-1]}")

    # Data size
    print("\n== data size ==")
    counts = psql(db_url, "\n".join(
        f"SELECT '{t}', count(*), pg_size_pretty(pg_total_relation_size('{t}')) FROM {t};" for t in TABLES))
    for line in counts.strip().splitlines():
        t, c, size = line.split("|")
        print(f"{t:<24} {int(c):>9,} rows  {size:>9} (with indexes)")
    print(psql(db_url, "SELECT 'nomination events: ' || count(*) FROM workflow_events WHERE resource_type = 'nomination';"
               "SELECT 'statuses: ' || string_agg(status || ' ' || c, ', ' ORDER BY c DESC) FROM "
               "(SELECT status, count(*) c FROM nominations GROUP BY 1) s;"
               "SELECT 'pg_trgm available: ' || (count(*) > 0)::text FROM pg_available_extensions WHERE name = 'pg_trgm';"
               ).strip())

    columns = psql(db_url, "SELECT column_name FROM information_schema.columns WHERE table_name = 'nominations' "
                           "ORDER BY ordinal_position;").split()
    movement = scalar(db_url, "SELECT id FROM movements WHERE code = 'CDS-2021-2025'")
    movements = scalar(db_url, "SELECT string_agg(id, ',' ORDER BY code) FROM movements").split(",")
    round_tk = scalar(db_url, f"SELECT id FROM award_rounds WHERE movement_id = '{movement}' AND code = 'TK-2022-2025'")
    admin_unit = scalar(db_url, "SELECT unit_id FROM users WHERE username = 'admin'")
    head_unit = scalar(db_url, "SELECT unit_id FROM users WHERE username = 'unit_head'")
    sample = psql(db_url, "SELECT id FROM nominations WHERE submitted_at IS NOT NULL ORDER BY md5(id) LIMIT 200;").split()

    api = f"http://127.0.0.1:{args.port}"

    def start_server():
        proc = subprocess.Popen([binary, "serve", "--no-migrate"], env=env)
        for _ in range(100):
            try:
                request("GET", api + "/health/ready")
                break
            except Exception:
                time.sleep(0.1)
        return proc

    server = start_server()
    try:

        def login(username):
            _, body = request("POST", api + "/api/v1/auth/token", body={"username": username, "password": PASSWORD})
            return json.loads(body)["access_token"]

        # who sees what (src/auth/policy.rs list_scope): admin reviews every movement
        users = {"admin": (login("admin"), (admin_unit, movements)),
                 "unit_head": (login("unit_head"), (head_unit, []))}
        cases = [
            ("admin", "no filter", {}),
            ("admin", "round_id (open round, 16,800)", {"round_id": round_tk}),
            ("admin", "unit_id (a unit, ~96)", {"unit_id": "bench-u-500"}),
            ("admin", "status=awarded (common)", {"status": "awarded"}),
            ("admin", "status=posted_for_comment (rare)", {"status": "posted_for_comment"}),
            ("admin", "status=draft (others' drafts hidden)", {"status": "draft"}),
            ("admin", "award_form=state_award", {"award_form": "state_award"}),
            ("admin", "nominee_kind=collective", {"nominee_kind": "collective"}),
            ("admin", "q=hoa (common)", {"q": "hoa"}),
            ("admin", "q=quach (rare surname)", {"q": "quach"}),
            ("admin", "q=thanh nhi (two words)", {"q": "thanh nhi"}),
            ("admin", "round+status+form+kind+q=nguyen", {"round_id": round_tk, "status": "submitted",
                                                          "award_form": "provincial_merit",
                                                          "nominee_kind": "individual", "q": "nguyen"}),
            ("admin", "round+status=posted_for_comment", {"round_id": round_tk, "status": "posted_for_comment"}),
            ("admin", "award_form=state_award+kind=collective", {"award_form": "state_award",
                                                                 "nominee_kind": "collective"}),
            ("unit_head", "no filter (own unit, ~98)", {}),
            ("unit_head", "status=awarded", {"status": "awarded"}),
            ("unit_head", "q=hoa", {"q": "hoa"}),
            ("unit_head", "round_id", {"round_id": round_tk}),
        ]
        before = "database as reused" if args.reuse else "existing indexes"
        list_rows = run_lists(api, db_url, args, users, cases, columns, before)

        events = psql(db_url, "SELECT min(c), round(avg(c), 1), max(c) FROM (SELECT count(*) c FROM workflow_events "
                              f"WHERE resource_id IN ({','.join(lit(s) for s in sample)}) GROUP BY resource_id) x;").strip()

        def run_reads(label):
            """One nomination with its history, and the dashboards; (one_rows, dash_rows)."""
            admin_token = users["admin"][0]
            it = {"one": iter(sample * 1000), "hist": iter(sample * 1000), "pair": iter(sample * 1000)}

            def pair():
                i = next(it["pair"])
                request("GET", f"{api}/api/v1/nominations/{i}", admin_token)
                request("GET", f"{api}/api/v1/nominations/{i}/history", admin_token)

            one_rows = [
                measure("GET /nominations/{id}", args.n * 3,
                        lambda: request("GET", f"{api}/api/v1/nominations/{next(it['one'])}", admin_token)),
                measure("GET /nominations/{id}/history", args.n * 3,
                        lambda: request("GET", f"{api}/api/v1/nominations/{next(it['hist'])}/history", admin_token)),
                measure("GET /nominations/{id} + /history (the pair)", args.n * 3, pair),
            ]
            print(f"\n== one nomination ({label}; admin; 200 submitted nominations in turn, "
                  f"{events.replace('|', '/')} min/avg/max events each) ==")
            print(f"{'operation':<62} {'n':>4} {'p50':>7} {'p95':>7} {'max':>7}")
            for r in one_rows:
                flag = "" if r["p50"] < ONE_TARGET_MS else "  <-- over target"
                print(f"{r['name']:<62} {r['n']:>4} {r['p50']:>7.1f} {r['p95']:>7.1f} {r['max']:>7.1f}{flag}")

            print(f"\n== dashboard ({label}; admin) ==")
            dash_rows = []
            for m in [movement] + [x for x in movements if x != movement]:
                path = f"{api}/api/v1/movements/{m}/dashboard"
                try:
                    request("GET", path, admin_token)
                except urllib.error.HTTPError as e:
                    print(f"GET /movements/{m}/dashboard: HTTP {e.code} ({e.read()[:120]!r}); not measured")
                    break
                n_m = scalar(db_url, f"SELECT count(*) FROM nominations WHERE movement_id = '{m}'")
                code = scalar(db_url, f"SELECT code FROM movements WHERE id = '{m}'")
                dash_rows.append(measure(f"GET /movements/{{id}}/dashboard ({code}, {n_m} nominations)", args.n,
                                         lambda: request("GET", path, admin_token)))
            for r in dash_rows:
                flag = "" if r["p50"] < DASHBOARD_TARGET_MS else "  <-- over target"
                print(f"{r['name']:<62} {r['n']:>4} {r['p50']:>7.1f} {r['p95']:>7.1f} {r['max']:>7.1f}{flag}")
            return one_rows, dash_rows

        base_rows = baselines(api, users["admin"][0], admin_unit, args.n)
        print("\n== baselines (same run) ==")
        for r in base_rows:
            print(f"{r['name']:<62} {r['n']:>4} {r['p50']:>7.1f} {r['p95']:>7.1f} {r['max']:>7.1f}")
        one_rows, dash_rows = run_reads(before)

        run_explains(db_url, list_rows, columns, users, before)
        slow = sorted(list_rows, key=lambda r: -max(r["p50"], r["custom"]["ms"], r["generic"]["ms"]))[:args.plans]
        for r in slow:
            who, _, params = r["case"]
            for mode in ("force_custom_plan", "force_generic_plan"):
                print(f"\n-- {r['name']} ({mode}):")
                print(explain(db_url, columns, users[who][1], params, r["after"], mode, text=True).rstrip())

        after_rows = None
        if args.ddl:
            print("\n== applying (then ANALYZE, and the server restarted: new connections, empty statement caches) ==")
            for stmt in args.ddl:
                stmt = stmt.replace("{db}", args.db).rstrip().rstrip(";") + ";"
                t = time.perf_counter()
                psql(db_url, stmt)
                print(f"{stmt}   ({time.perf_counter() - t:.1f} s)")
            psql(db_url, "ANALYZE nominations;")
            server.terminate()
            server.wait(timeout=10)
            server = start_server()
            users = {k: (login(k), v[1]) for k, v in users.items()}
            after_rows = run_lists(api, db_url, args, users, cases, columns, "after --ddl")
            after_reads = run_reads("after --ddl")
            run_explains(db_url, after_rows, columns, users, "after --ddl")

        def summary(label, lists, reads):
            one, dash = reads
            worst = max(lists, key=lambda r: r["p50"])
            print(f"[{label}] list pages: worst p50 {worst['p50']:.1f} ms ({' '.join(worst['name'].split())}); "
                  f"target < {LIST_TARGET_MS} ms: " + ("MET" if worst["p50"] < LIST_TARGET_MS else "NOT MET for "
                  + "; ".join(" ".join(r["name"].split()) for r in lists if r["p50"] >= LIST_TARGET_MS)))
            print(f"[{label}] one nomination + history: p50 {one[2]['p50']:.1f} ms; target < {ONE_TARGET_MS} ms: "
                  + ("MET" if one[2]["p50"] < ONE_TARGET_MS else "NOT MET"))
            if dash:
                w = max(dash, key=lambda r: r["p50"])
                print(f"[{label}] dashboard: worst p50 {w['p50']:.1f} ms; target < {DASHBOARD_TARGET_MS} ms: "
                      + ("MET" if w["p50"] < DASHBOARD_TARGET_MS else "NOT MET"))
            else:
                print(f"[{label}] dashboard: not measured (no such endpoint yet)")

        print("\n== summary ==")
        summary(before, list_rows, (one_rows, dash_rows))
        if args.ddl:
            summary("after --ddl", after_rows, after_reads)
    finally:
        server.terminate()
        server.wait(timeout=10)
        if not args.keep:
            sh(["psql", args.url, "-q", "-c", f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)'])


if __name__ == "__main__":
    sys.exit(main())
