#!/usr/bin/env python3
"""Issue 10: thidua under concurrent load against the bare baseline (../shared/baseline).

Builds both (release), seeds (thidua: `thidua seed demo` + bench/seed_reports.sql +
bench/seed_nominations.sql at 100k nominations / 500k events and 1M / 5M; the same data
copied into SQLite; the baseline seeds itself), starts both servers side by side and runs
every case in pairs baseline–thidua–thidua–baseline with `wrk -t2 -c64 --latency`:

  list_first / list_100th / list_filtered (round_id+status)  as admin and as unit_head
                                       vs GET /page first page / 100th page
  one          GET /nominations/{id}, random ids        vs GET /one/{id} (random ids)
  live         GET /health/live                         vs GET /plain
  create       POST /nominations (unit_officer, drafts) vs POST /items
  step         POST /nominations/{id}/return (DIC, a different submitted nomination
               per request, If-Match its version)      vs POST /items
  mixed        reads and creates mixed (peak RSS)      vs /page, /one, POST /items mixed
  login        bursts of 64 concurrent logins (argon2): logins/s, statuses, peak RSS

Every wrk run's non-2xx answers and socket errors fail its case. Statements per request
come from /metrics' `thidua_db_statements_total` (a few sequential requests; the cost
of a scrape subtracted); "n/a" while the service has no such counter.
Prints one table, writes it to bench/results/latest.md and latest.json, and exits 1 when
a target is missed (or a case failed), 2 when the setup failed.

Seeded databases are kept (PostgreSQL: templates thidua_load_100k / thidua_load_1m,
baseline_100k / baseline_1m; SQLite files in --cache-dir) and reused while the seed
scripts are unchanged (each run's copy gets pending migrations at start) (--reseed forces); each run works on a fresh copy.

    python3 bench/load.py [--backends pg,sqlite] [--sizes 100k,1m] [--duration 10s]
                          [--cases list,one,live,create,step,mixed,login] [--quick]
                          [--no-build] [--thidua-bin PATH] [--baseline-bin PATH] [--reseed]
                          [--baseline-src DIR] [--keep-run] [--note TEXT]
Build dirs: CARGO_TARGET_DIR (thidua, default /root/.cache/thidua-target) and
BASELINE_TARGET_DIR (default /root/.cache/baseline-target). Server logs and the wrk
scripts of the last run are in --cache-dir/run/.
Seeding on the 2-core machine: 100k ~1.5 min (PostgreSQL) + 0.5 min (SQLite copy);
1M ~23 min (PostgreSQL: 17 min of seed_nominations.sql, 5 of the retention run) + 5 min.
Standard library only, plus wrk and psql.
"""
import argparse
import csv
import datetime
import hashlib
import http.client
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PASSWORD = "mat-khau-bench-2026"
JWT_SECRET = "load-bench-secret-0123456789-0123456789-0123456789"
SIZES = {"100k": (100_000, 500_000), "1m": (1_000_000, 5_000_000)}
LIMIT = 50
PAGES = 100
STMT_METRIC = "thidua_db_statements_total"

# case -> (ratio target vs baseline, statements/request target)
TARGETS = {
    "list": (0.6, 3), "one": (0.5, 4), "live": (0.8, None), "create": (0.4, None), "step": (0.3, 10),
    "mixed": (None, None),
}
P99_FACTOR = 3.0
RSS_MIXED_MB = 100
RSS_LOGIN_MB = 250
P50_GROWTH_1M = 1.15
ALL_CASES = ["list", "one", "live", "create", "step", "mixed", "login"]


def log(*a):
    print(*a, file=sys.stderr, flush=True)


class SetupError(Exception):
    pass


def sh(cmd, **kw):
    kw.setdefault("check", True)
    return subprocess.run(cmd, **kw)


def psql(url, sql, *extra, check=True):
    r = subprocess.run(["psql", url, "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", *extra],
                       input=sql, capture_output=True, text=True)
    if check and r.returncode != 0:
        raise SetupError(f"psql {url}: {r.stderr.strip()[:2000]}")
    return r.stdout


def scalar(url, sql):
    return psql(url, sql).strip()


# --- HTTP ------------------------------------------------------------------------------

def hreq(port, method, path, token=None, body=None, headers=None, timeout=60):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    h = {}
    if token:
        h["Authorization"] = "Bearer " + token
    data = None
    if body is not None:
        data = json.dumps(body).encode() if not isinstance(body, (bytes, str)) else body
        h["Content-Type"] = "application/json"
    h.update(headers or {})
    try:
        c.request(method, path, body=data, headers=h)
        r = c.getresponse()
        return r.status, r.read(), dict(r.getheaders())
    finally:
        c.close()


def get_json(port, path, token=None):
    st, body, _ = hreq(port, "GET", path, token)
    if st != 200:
        raise SetupError(f"GET {path}: {st} {body[:300]!r}")
    return json.loads(body)


def wait_ready(port, path, proc, seconds=120):
    t = time.time()
    while time.time() - t < seconds:
        if proc.poll() is not None:
            raise SetupError(f"server on :{port} exited with {proc.returncode}")
        try:
            if hreq(port, "GET", path, timeout=2)[0] == 200:
                return time.time() - t
        except OSError:
            pass
        time.sleep(0.05)
    raise SetupError(f"server on :{port} not ready after {seconds} s")


# --- /proc -----------------------------------------------------------------------------

def vm(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024.0  # MB
    except OSError:
        pass
    return None


def reset_peak(pid):
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
    except OSError as e:
        log(f"clear_refs: {e}")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")


def wait_idle(pid, quiet=0.05, seconds=120):
    """Waits until the process uses < `quiet` CPU seconds per second (start-up work done)."""
    t = time.time()
    last = cpu_seconds(pid)
    while time.time() - t < seconds:
        time.sleep(1)
        now = cpu_seconds(pid)
        if now - last < quiet:
            return
        last = now


# --- servers ---------------------------------------------------------------------------

class Server:
    def __init__(self, name, cmd, env, port, ready_path, logfile):
        self.name, self.port = name, port
        self.logfile = logfile
        self.log = open(logfile, "ab")
        self.proc = subprocess.Popen(cmd, env=env, stdout=self.log, stderr=self.log)
        self.startup_s = wait_ready(port, ready_path, self.proc, seconds=900)
        wait_idle(self.proc.pid)

    @property
    def pid(self):
        return self.proc.pid

    def log_lines(self):
        self.log.flush()
        with open(self.logfile, "rb") as f:
            return sum(1 for _ in f)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


# --- wrk -------------------------------------------------------------------------------

def to_ms(v):
    m = re.match(r"^([0-9.]+)(us|ms|s|m)$", v)
    if not m:
        return None
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[m.group(2)]


def wrk(args, url, script=None, headers=()):
    cmd = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}", "--latency",
           "--timeout", "5s"]
    for h in headers:
        cmd += ["-H", h]
    if script:
        cmd += ["-s", script]
    cmd.append(url)
    dur = parse_seconds(args.duration)
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=dur + 120)
    out = r.stdout + r.stderr
    res = {"rps": None, "p50": None, "p99": None, "requests": 0, "non2xx": 0, "socket_errors": 0, "raw": out}
    m = re.search(r"^Requests/sec:\s+([0-9.]+)", out, re.M)
    if m:
        res["rps"] = float(m.group(1))
    m = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    if m:
        res["p50"] = to_ms(m.group(1))
    m = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    if m:
        res["p99"] = to_ms(m.group(1))
    m = re.search(r"(\d+) requests in", out)
    if m:
        res["requests"] = int(m.group(1))
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if m:
        res["non2xx"] = int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        res["socket_errors"] = sum(int(x) for x in m.groups())
    m = re.search(r"^EXHAUSTED (\d+)", out, re.M)
    res["exhausted"] = int(m.group(1)) if m else 0
    if r.returncode != 0 or res["rps"] is None:
        res["error"] = f"wrk exit {r.returncode}: {out[-500:]}"
    return res


def parse_seconds(d):
    m = re.match(r"^(\d+(?:\.\d+)?)(s|m)?$", str(d))
    if not m:
        raise SystemExit(f"bad duration {d}")
    return float(m.group(1)) * (60 if m.group(2) == "m" else 1)


def lua_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def lua_list(items):
    return "{" + ",".join(lua_str(x) for x in items) + "}"


LUA_THREADS = """
local counter = 0
local threads = {}
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end
function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
end
"""


def script_random_get(path_fmt, ids, headers):
    """GET path_fmt % a random id from `ids`."""
    return LUA_THREADS + f"""
local ids = {lua_list(ids)}
local headers = {{{",".join(f'[{lua_str(k)}]={lua_str(v)}' for k, v in headers.items())}}}
function request()
  return wrk.format("GET", string.format({lua_str(path_fmt)}, ids[math.random(1, #ids)]), headers)
end
"""


def script_baseline_one(rows):
    return LUA_THREADS + f"""
local rows = {rows}
function request()
  return wrk.format("GET", string.format("/one/item-%08d", math.random(0, rows - 1)))
end
"""


def script_baseline_items(tag):
    return LUA_THREADS + f"""
local n = 0
local headers = {{["Content-Type"] = "application/json"}}
function request()
  n = n + 1
  return wrk.format("POST", "/items", headers,
    string.format('{{"unit_code": "DV%03d", "name": "Hồ sơ khen thưởng {tag} %d-%d"}}', n % 97, tid, n))
end
"""


SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng"]
GIVEN = ["Hoa", "Lan", "Mai", "Hùng", "Dũng", "Tuấn", "Hải", "Nam", "Sơn", "Thảo"]


def create_body_lua():
    """Lua returning a NewNomination body for (tag, tid, n): unique nominee per request."""
    return f"""
local surnames = {lua_list(SURNAMES)}
local given = {lua_list(GIVEN)}
local function body(round_id, tag, tid, n)
  local name = string.format("%s Văn Thử %s %s %d %d", surnames[1 + n % #surnames], given[1 + math.floor(n / 8) % #given], tag, tid, n)
  return string.format('{{"round_id": "%s", "award_form": "provincial_merit", "nominee_kind": "individual", '
    .. '"individual": {{"full_name": "%s", "gender": "male", "birth_year": %d, "position": "Chuyên viên", '
    .. '"workplace": "UBND Huyện Tháp Mười"}}, "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ năm 2025.", '
    .. '"clean_record": true}}', round_id, name, 1960 + n % 40)
end
"""


def script_create(token, round_id, tag):
    return LUA_THREADS + create_body_lua() + f"""
local n = 0
local headers = {{["Authorization"] = "Bearer {token}", ["Content-Type"] = "application/json"}}
function request()
  n = n + 1
  return wrk.format("POST", "/api/v1/nominations", headers, body({lua_str(round_id)}, {lua_str(tag)}, tid, n))
end
"""


def script_step(tokens, items, threads):
    """POST /nominations/{id}/return on items[(tid-1) + threads*k] (each request its own
    nomination), as DIC (submitted) or Home Affairs (consolidated): tokens = (dic, ha)."""
    ids = [i for i, _, _ in items]
    versions = [str(v) for _, v, _ in items]
    who = ["1" if st == "submitted" else "2" for _, _, st in items]
    return LUA_THREADS + f"""
local ids = {lua_list(ids)}
local versions = {{{",".join(versions)}}}
local who = {{{",".join(who)}}}
local tokens = {{"Bearer {tokens[0]}", "Bearer {tokens[1]}"}}
local k = 0
local exhausted = 0
local nthreads = {threads}
local body = '{{"reason": "Đề nghị bổ sung biên bản họp Hội đồng thi đua (thử tải)"}}'
function request()
  local i = (tid - 1) + nthreads * k + 1
  k = k + 1
  if i > #ids then
    exhausted = exhausted + 1
    if exhausted == 1 then wrk.thread:stop() end
    i = (i - 1) % #ids + 1
  end
  local headers = {{["Authorization"] = tokens[who[i]], ["Content-Type"] = "application/json",
                   ["If-Match"] = '"' .. versions[i] .. '"'}}
  return wrk.format("POST", "/api/v1/nominations/" .. ids[i] .. "/return", headers, body)
end
function done(summary, latency, requests)
  local e = 0
  for _, t in ipairs(threads) do e = e + (t:get("exhausted") or 0) end
  if e > 0 then io.write(string.format("EXHAUSTED %d\\n", e)) end
end
"""


def script_mixed(reader_token, writer_token, list_paths, ids, round_id, tag):
    """8 in 10 reads (list pages and one nomination, admin), 2 in 10 creates (unit officer)."""
    return LUA_THREADS + create_body_lua() + f"""
local paths = {lua_list(list_paths)}
local ids = {lua_list(ids)}
local n = 0
local rh = {{["Authorization"] = "Bearer {reader_token}"}}
local wh = {{["Authorization"] = "Bearer {writer_token}", ["Content-Type"] = "application/json"}}
function request()
  n = n + 1
  local r = n % 10
  if r < 4 then
    return wrk.format("GET", paths[math.random(1, #paths)], rh)
  elseif r < 8 then
    return wrk.format("GET", "/api/v1/nominations/" .. ids[math.random(1, #ids)], rh)
  end
  return wrk.format("POST", "/api/v1/nominations", wh, body({lua_str(round_id)}, {lua_str(tag)}, tid, n))
end
"""


def script_baseline_mixed(paths, rows, tag):
    return LUA_THREADS + f"""
local paths = {lua_list(paths)}
local rows = {rows}
local n = 0
local wh = {{["Content-Type"] = "application/json"}}
function request()
  n = n + 1
  local r = n % 10
  if r < 4 then
    return wrk.format("GET", paths[math.random(1, #paths)])
  elseif r < 8 then
    return wrk.format("GET", string.format("/one/item-%08d", math.random(0, rows - 1)))
  end
  return wrk.format("POST", "/items", wh,
    string.format('{{"unit_code": "DV%03d", "name": "Hồ sơ {tag} %d-%d"}}', n % 97, tid, n))
end
"""


# --- build -----------------------------------------------------------------------------

def build(args):
    if args.no_build:
        return
    t = time.time()
    env = dict(os.environ, CARGO_TARGET_DIR=args.baseline_target)
    log(f"building the baseline (CARGO_TARGET_DIR={args.baseline_target}) ...")
    sh(["cargo", "build", "--release", "--locked"], cwd=args.baseline_src, env=env)
    env = dict(os.environ, CARGO_TARGET_DIR=args.thidua_target)
    log(f"building thidua (CARGO_TARGET_DIR={args.thidua_target}) ...")
    sh(["cargo", "build", "--release", "--locked", "--bin", "thidua"], cwd=ROOT, env=env)
    log(f"built in {time.time() - t:.0f} s")


# --- seeding ---------------------------------------------------------------------------

def signature(size):
    # Migrations are not in it: each run's copy is migrated when the server starts
    # (`serve` applies pending ones), so a new index does not cost a 1M reseed.
    h = hashlib.sha256(size.encode())
    for f in ("seed_reports.sql", "seed_nominations.sql", "load.py"):
        if f == "load.py":
            continue
        h.update(open(os.path.join(HERE, f), "rb").read())
    h.update(b"anonymised-v1")
    return h.hexdigest()[:16]


def pg_url(args, db):
    return f"{args.pg.rsplit('/', 1)[0]}/{db}"


def db_exists(args, db):
    return scalar(args.pg, f"SELECT count(*) FROM pg_database WHERE datname = '{db}'") == "1"


def thidua_env(args, db_url, port=None):
    env = dict(os.environ, THIDUA_DATABASE_URL=db_url, THIDUA_DEMO_PASSWORD=PASSWORD, THIDUA_JWT_SECRET=JWT_SECRET)
    # One token at 64 connections would pass any sane per-token limit: set it out of reach,
    # so nothing is refused while the limiter still runs and its cost is measured.
    env.setdefault("THIDUA_RATE_LIMIT_PER_MINUTE", "100000000")
    env.setdefault("THIDUA_RATE_LIMIT_ANONYMOUS_PER_MINUTE", "100000000")
    for k in ("THIDUA_LOG", "THIDUA_BIND"):
        env.pop(k, None)
    if port:
        env["THIDUA_BIND"] = f"127.0.0.1:{port}"
    return env


def seed_pg(args, size, timings):
    """The seeded template database thidua_load_<size> (kept; rebuilt when stale)."""
    db = f"thidua_load_{size}"
    sig = signature(size)
    if db_exists(args, db) and not args.reseed:
        comment = scalar(args.pg, f"SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '{db}'")
        if comment == f"load.py {sig}":
            log(f"{db}: seeded database reused")
            return db
        log(f"{db}: stale ({comment!r}), seeding again")
    nominations, events = SIZES[size]
    t = time.time()
    psql(args.pg, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE);')
    psql(args.pg, f'CREATE DATABASE "{db}";')
    url = pg_url(args, db)
    env = thidua_env(args, url)
    sh([args.thidua_bin, "seed", "demo"], env=env, stdout=subprocess.DEVNULL)
    psql(url, open(os.path.join(HERE, "seed_reports.sql")).read())
    log(f"{db}: seeding {nominations:,} nominations, {events:,} events ...")
    out = psql(url, open(os.path.join(HERE, "seed_nominations.sql")).read(),
               "-v", f"nominations={nominations}", "-v", f"events_target={events}")
    log(f"{db}: nominations|events = {out.strip().splitlines()[-1]}")
    # serve anonymises old nominees on start: done once here, not in every run's copy.
    sh([args.thidua_bin, "personal-data", "anonymise"], env=env, stdout=subprocess.DEVNULL)
    psql(url, "VACUUM ANALYZE;")
    psql(args.pg, f"COMMENT ON DATABASE \"{db}\" IS 'load.py {sig}';")
    timings[f"seed pg {size}"] = time.time() - t
    log(f"{db}: seeded in {time.time() - t:.0f} s")
    return db


def pg_columns(url, table):
    rows = psql(url, "SELECT column_name, data_type FROM information_schema.columns "
                     f"WHERE table_schema = 'public' AND table_name = '{table}' ORDER BY ordinal_position;")
    return [tuple(line.split("|")) for line in rows.strip().splitlines()]


def sqlite_ts(v):
    """PostgreSQL's timestamp text as diesel writes NaiveDateTime on SQLite (%F %T%.f)."""
    if "." not in v:
        return v
    head, frac = v.split(".")
    us = int((frac + "000000")[:6])
    if us == 0:
        return head
    if us % 1000 == 0:
        return f"{head}.{us // 1000:03d}"
    return f"{head}.{us:06d}"


NULL = "\\N-load-null"


def seed_sqlite(args, size, pg_db, timings):
    """A SQLite copy of the PostgreSQL seed: `thidua migrate`, then every table's rows."""
    path = os.path.join(args.cache_dir, f"thidua_{size}.sqlite")
    sig = signature(size)
    sigfile = path + ".sig"
    if os.path.exists(path) and os.path.exists(sigfile) and open(sigfile).read() == sig and not args.reseed:
        log(f"{path}: seeded file reused")
        return path
    t = time.time()
    for p in (path, path + "-wal", path + "-shm", sigfile):
        if os.path.exists(p):
            os.remove(p)
    sh([args.thidua_bin, "migrate"], env=thidua_env(args, f"sqlite://{path}"), stdout=subprocess.DEVNULL)
    url = pg_url(args, pg_db)
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = OFF")
    # one transaction of millions of rows: no WAL while copying (it grows to the size of the data)
    con.execute("PRAGMA journal_mode = DELETE")
    con.execute("PRAGMA synchronous = OFF")
    s_tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                          "AND name NOT LIKE 'sqlite_%' AND name <> '__diesel_schema_migrations'")]
    p_tables = set(psql(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public';").split())
    total = 0
    with con:
        for table in s_tables:
            if table not in p_tables:
                log(f"sqlite copy: {table} not in PostgreSQL, left empty")
                continue
            s_cols = {r[1]: (r[2] or "").upper() for r in con.execute(f'PRAGMA table_info("{table}")')}
            cols = [(c, ty) for c, ty in pg_columns(url, table) if c in s_cols]
            missing = set(s_cols) - {c for c, _ in cols}
            if missing:
                log(f"sqlite copy: {table}: columns only in SQLite: {sorted(missing)}")
            conv = []
            for c, ty in cols:
                if ty == "boolean":
                    conv.append(lambda v: 1 if v == "t" else 0)
                elif ty in ("integer", "bigint", "smallint"):
                    conv.append(int)
                elif ty in ("double precision", "real", "numeric"):
                    conv.append(float)
                elif ty == "bytea":
                    conv.append(lambda v: bytes.fromhex(v[2:]))
                elif ty.startswith("timestamp"):
                    conv.append(sqlite_ts)
                else:
                    conv.append(str)
            con.execute(f'DELETE FROM "{table}"')
            collist = ", ".join(f'"{c}"' for c, _ in cols)
            proc = subprocess.Popen(["psql", url, "-X", "-q", "-c",
                                     f"COPY \"{table}\" ({collist}) TO STDOUT WITH (FORMAT csv, NULL '{NULL}')"],
                                    stdout=subprocess.PIPE, text=True, encoding="utf-8")
            sql = f'INSERT INTO "{table}" ({collist}) VALUES ({", ".join("?" for _ in cols)})'
            n = 0

            def rows():
                nonlocal n
                for rec in csv.reader(proc.stdout):
                    n += 1
                    yield [None if v == NULL else f(v) for f, v in zip(conv, rec)]

            con.executemany(sql, rows())
            if proc.wait() != 0:
                raise SetupError(f"COPY {table} failed")
            total += n
    con.execute("ANALYZE")
    con.execute("PRAGMA journal_mode = WAL")
    con.close()
    open(sigfile, "w").write(sig)
    timings[f"seed sqlite {size}"] = time.time() - t
    log(f"{path}: {total:,} rows copied in {time.time() - t:.0f} s")
    return path


def seed_baseline(args, backend, size):
    rows = SIZES[size][0]
    if backend == "pg":
        db = f"baseline_{size}"
        if not db_exists(args, db):
            psql(args.pg, f'CREATE DATABASE "{db}";')
        else:
            psql(pg_url(args, db), "DELETE FROM items WHERE id LIKE 'new-%';", check=False)
        return pg_url(args, db)
    path = os.path.join(args.cache_dir, f"baseline_{size}.sqlite")
    if os.path.exists(path):
        con = sqlite3.connect(path)
        try:
            con.execute("DELETE FROM items WHERE id LIKE 'new-%'")
            con.commit()
        except sqlite3.Error:
            pass
        con.close()
    _ = rows
    return path


def work_copy(args, backend, size, template):
    """A fresh copy of the seeded database for this run (creates and steps change it)."""
    if backend == "pg":
        db = f"thidua_load_{size}_run"
        psql(args.pg, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE);')
        psql(args.pg, f'CREATE DATABASE "{db}" TEMPLATE "{template}";')
        return pg_url(args, db), None
    path = os.path.join(args.cache_dir, f"thidua_{size}_run.sqlite")
    for p in (path, path + "-wal", path + "-shm"):
        if os.path.exists(p):
            os.remove(p)
    src = sqlite3.connect(template)
    dst = sqlite3.connect(path)
    src.backup(dst)
    dst.execute("PRAGMA journal_mode = WAL")
    src.close()
    dst.close()
    return f"sqlite://{path}", path


# --- statements per request ------------------------------------------------------------

def statements(port):
    st, body, _ = hreq(port, "GET", "/metrics")
    if st != 200:
        return None
    total, found = 0.0, False
    for line in body.decode().splitlines():
        if line.startswith(STMT_METRIC) and not line.startswith(STMT_METRIC + "_"):
            try:
                total += float(line.rsplit(None, 1)[1])
                found = True
            except ValueError:
                pass
        elif line.startswith(STMT_METRIC + " ") or line.startswith(STMT_METRIC + "{"):
            pass
    return total if found else None


def per_request(port, fn, n=10):
    """Counter delta per request over n sequential requests, a scrape's own cost removed."""
    a = statements(port)
    if a is None:
        return None
    b = statements(port)
    scrape = b - a
    for i in range(n):
        fn(i)
    c = statements(port)
    return max(0.0, (c - b - scrape) / n)


# --- the run ---------------------------------------------------------------------------

class Tokens:
    """One login per user, again after 10 minutes (access tokens live 15)."""

    def __init__(self, port):
        self.port, self.tok = port, {}

    def __call__(self, user):
        t, at = self.tok.get(user, (None, 0))
        if t is None or time.time() - at > 600:
            st, body, _ = hreq(self.port, "POST", "/api/v1/auth/token", body={"username": user, "password": PASSWORD})
            if st != 200:
                raise SetupError(f"login {user}: {st} {body[:300]!r}")
            t = json.loads(body)["access_token"]
            self.tok[user] = (t, time.time())
        return t


def list_path(params, cursor=None):
    q = dict(params, limit=LIMIT)
    if cursor:
        q["cursor"] = cursor
    return "/api/v1/nominations?" + urllib.parse.urlencode(q)


def walk(port, token, params, pages):
    cursor = None
    for page in range(1, pages):
        body = get_json(port, list_path(params, cursor), token)
        if not body.get("next_cursor"):
            break
        cursor = body["next_cursor"]
    return cursor


def baseline_walk(port, pages):
    after = None
    for _ in range(1, pages):
        q = {"status": "approved", "limit": LIMIT}
        if after:
            q["after"] = after
        body = get_json(port, "/page?" + urllib.parse.urlencode(q))
        if not body.get("next_cursor"):
            break
        after = body["next_cursor"]
    return after


LOGIN_USERS = [f"bench_login_{i:02d}" for i in range(64)]


def add_login_users(backend, db_url):
    """64 unit officers sharing the demo password (the demo unit_officer's row copied), so a
    burst of 64 logins is 64 different (username, address) pairs: the pair limit (5 attempts
    in flight or failed) does not refuse them."""
    sql = "".join(
        "INSERT INTO users (id, username, full_name, unit_id, roles, password_hash, active, version, created_at, "
        f"updated_at) SELECT 'bench-login-{i:02d}', '{u}', 'Người thử tải {i}', unit_id, roles, password_hash, active, "
        "1, created_at, updated_at FROM users WHERE username = 'unit_officer';\n"
        for i, u in enumerate(LOGIN_USERS))
    if backend == "pg":
        psql(db_url, "BEGIN;\n" + sql + "COMMIT;\n")
    else:
        con = sqlite3.connect(db_url[len("sqlite://"):])
        con.executescript("BEGIN;\n" + sql + "COMMIT;\n")
        con.close()


def run_backend_size(args, backend, size, pg_template, sqlite_template, results, notes):
    rows = SIZES[size][0]
    tmp = os.path.join(args.work_dir, f"{backend}-{size}")
    os.makedirs(tmp, exist_ok=True)
    template = pg_template if backend == "pg" else sqlite_template
    t = time.time()
    db_url, work_path = work_copy(args, backend, size, template)
    log(f"[{backend} {size}] working copy in {time.time() - t:.1f} s")
    add_login_users(backend, db_url)
    b_url = seed_baseline(args, backend, size)
    b_env = dict(os.environ, DATABASE_URL=b_url, BIND=f"127.0.0.1:{args.baseline_port}", SEED_ROWS=str(rows))
    t = time.time()
    baseline = Server("baseline", [args.baseline_bin], b_env, args.baseline_port, "/plain",
                      os.path.join(tmp, "baseline.log"))
    log(f"[{backend} {size}] baseline up in {time.time() - t:.1f} s (seeds itself when empty)")
    thidua = Server("thidua", [args.thidua_bin, "serve"],
                    thidua_env(args, db_url, args.thidua_port), args.thidua_port, "/health/ready",
                    os.path.join(tmp, "thidua.log"))
    log(f"[{backend} {size}] thidua up in {thidua.startup_s:.2f} s, RSS {vm(thidua.pid, 'VmRSS'):.0f} MB")
    bport, tport = args.baseline_port, args.thidua_port
    B = f"http://127.0.0.1:{bport}"
    T = f"http://127.0.0.1:{tport}"
    tokens = Tokens(tport)
    try:
        meta = prepare_ids(db_url if backend == "pg" else None, backend, work_path,
                           tport, tokens)
        b_first = "/page?status=approved&limit=50"
        b_after = baseline_walk(bport, PAGES)
        b_deep = "/page?" + urllib.parse.urlencode({"status": "approved", "after": b_after, "limit": LIMIT})
        run_tag = f"{backend}{size}{int(time.time()) % 100000}"

        def pair(case, label, base_spec, thidua_spec, stmt_fn=None, target_key=None, rss_target=None):
            """baseline–thidua–thidua–baseline; each spec: (url, script_text or None, headers) or a
            callable(run_index) giving one. Returns the result row."""
            row = {"backend": backend, "size": size, "case": case, "label": label, "flags": [],
                   "target_key": target_key}
            runs = {"b": [], "t": []}
            rss_t, rss_b = 0.0, 0.0
            loglines = thidua.log_lines()
            for k, who in enumerate("bttb"):
                spec = base_spec if who == "b" else thidua_spec
                if callable(spec):
                    spec = spec(len(runs[who]))
                url, script, headers = spec
                spath = None
                if script:
                    spath = os.path.join(tmp, f"{case}-{who}{k}.lua")
                    open(spath, "w").write(script)
                srv = baseline if who == "b" else thidua
                reset_peak(srv.pid)
                r = wrk(args, url, spath, headers)
                peak = vm(srv.pid, "VmHWM") or 0
                # requests wrk left in flight finish before the next run (or the next read of the pool)
                wait_idle(srv.pid, seconds=30)
                if who == "t":
                    rss_t = max(rss_t, peak)
                else:
                    rss_b = max(rss_b, peak)
                runs[who].append(r)
                bad = r.get("error") or r["non2xx"] or r["socket_errors"] or (r.get("exhausted") and who == "t")
                msg = (f"  {label:<34} {'baseline' if who == 'b' else 'thidua':<8} {r['rps'] or 0:>9.0f} req/s "
                       f"p50 {r['p50'] or 0:>7.2f} p99 {r['p99'] or 0:>7.2f} ms  HWM {peak:>6.1f} MB"
                       + (f"  non-2xx {r['non2xx']}" if r["non2xx"] else "")
                       + (f"  socket errors {r['socket_errors']}" if r["socket_errors"] else "")
                       + (f"  ids ran out ({r['exhausted']} threads stopped)" if r.get("exhausted") else "")
                       + (f"  {r['error']}" if r.get("error") else ""))
                log(msg)
                if bad:
                    name = "baseline" if who == "b" else "thidua"
                    if r["non2xx"]:
                        row["flags"].append(f"{name}: {r['non2xx']} non-2xx of {r['requests']}")
                    if r["socket_errors"]:
                        row["flags"].append(f"{name}: {r['socket_errors']} socket errors")
                    if r.get("exhausted"):
                        row["flags"].append(f"{name}: ids ran out")
                    if r.get("error"):
                        row["flags"].append(f"{name}: {r['error'][:200]}")
            row["log_lines"] = thidua.log_lines() - loglines

            def mean(xs):
                xs = [x for x in xs if x is not None]
                return sum(xs) / len(xs) if xs else None

            for who, key in (("b", "base"), ("t", "thidua")):
                row[f"{key}_rps"] = mean([r["rps"] for r in runs[who]])
                row[f"{key}_p50"] = mean([r["p50"] for r in runs[who]])
                row[f"{key}_p99"] = mean([r["p99"] for r in runs[who]])
            row["rss_mb"], row["base_rss_mb"] = rss_t, rss_b
            row["rss_target"] = rss_target
            row["stmts"] = None
            if stmt_fn:
                try:
                    row["stmts"] = per_request(tport, stmt_fn)
                except Exception as e:  # noqa: BLE001 — reported, not fatal
                    row["flags"].append(f"statements: {e}")
            results.append(row)
            return row

        cases = args.cases
        admin = tokens("admin")
        if "list" in cases:
            for who in ("admin", "unit_head"):
                tok = tokens(who)
                filt = {"round_id": meta["round_tk"], "status": "submitted"}
                deep = walk(tport, tok, {}, PAGES)
                specs = [("list_first", list_path({}), b_first),
                         ("list_100th", list_path({}, deep), b_deep),
                         ("list_filtered", list_path(filt), b_first)]
                for case, tpath, bpath in specs:
                    tok = tokens(who)
                    hdr = [f"Authorization: Bearer {tok}"]

                    def stmt_fn(i, tpath=tpath, tok=tok):
                        st, body, _ = hreq(tport, "GET", tpath, tok)
                        assert st == 200, (st, body[:200])
                    pair(f"{case} ({who})", f"{case} {who}", (B + bpath, None, []), (T + tpath, None, hdr),
                         stmt_fn, "list")
        if "one" in cases:
            ids = meta["visible_ids"]
            tok = tokens("admin")

            def stmt_fn(i):
                st, body, _ = hreq(tport, "GET", f"/api/v1/nominations/{ids[i]}", tok)
                assert st == 200, (st, body[:200])
            pair("one", "one by id", (B + "/one/item-00000000", script_baseline_one(rows), []),
                 (T + "/api/v1/nominations/x", script_random_get("/api/v1/nominations/%s", ids,
                                                                 {"Authorization": "Bearer " + tok}), []),
                 stmt_fn, "one")
        if "live" in cases:
            def stmt_fn(i):
                hreq(tport, "GET", "/health/live")
            pair("live", "/health/live vs /plain", (B + "/plain", None, []), (T + "/health/live", None, []),
                 stmt_fn, "live")
        if "create" in cases:
            tok = tokens("unit_officer")
            n_runs = [0]

            def tspec(i):
                n_runs[0] += 1
                return (T + "/api/v1/nominations", script_create(tok, meta["round_tk"], f"{run_tag}c{i}"), [])

            def stmt_fn(i):
                st, body, _ = hreq(tport, "POST", "/api/v1/nominations", tok, body=json.loads(
                    create_body_py(meta["round_tk"], f"{run_tag}s", 1, i)))
                assert st == 201, (st, body[:300])
            pair("create", "create draft vs POST /items", lambda i: (B + "/items", script_baseline_items(f"{run_tag}{i}"), []),
                 tspec, stmt_fn, "create")
        if "step" in cases:
            # Returns: DIC on submitted nominations, Home Affairs on consolidated ones (the same
            # step), in open rounds; the pool is read again before each run (what is left).
            reserve = meta["steppable"]()[:20]
            keep = {i for i, _, _ in reserve}

            def tspec(i):
                wait_idle(thidua.pid, seconds=30)
                # at most 30,000 (LuaJIT allows 65,536 string constants in a chunk)
                pool = [x for x in meta["steppable"]() if x[0] not in keep][:30000]
                log(f"  step: {len(pool):,} submitted or consolidated nominations left in open rounds")
                return (T + "/api/v1/nominations/x/return",
                        script_step((tokens("dic_officer"), tokens("home_affairs_officer")), pool, args.threads), [])

            def stmt_fn(i):
                nid, ver, st0 = reserve[i]
                tok = tokens("dic_officer" if st0 == "submitted" else "home_affairs_officer")
                st, body, _ = hreq(tport, "POST", f"/api/v1/nominations/{nid}/return", tok,
                                   body={"reason": "Đề nghị bổ sung (thử tải)"}, headers={"If-Match": f'"{ver}"'})
                assert st == 200, (st, body[:300])
            pair("step", "return (DIC/HA) vs POST /items",
                 lambda i: (B + "/items", script_baseline_items(f"{run_tag}s{i}"), []),
                 tspec, stmt_fn, "step")
        if "mixed" in cases:
            paths = [list_path({}), list_path({"round_id": meta["round_tk"], "status": "submitted"})]
            bpaths = [b_first, b_deep]

            def tspec(i):
                return (T + "/api/v1/nominations", script_mixed(tokens("admin"), tokens("unit_officer"), paths,
                                                                meta["visible_ids"], meta["round_tk"],
                                                                f"{run_tag}m{i}"), [])
            pair("mixed", "mixed 8 reads : 2 creates",
                 lambda i: (B + "/page", script_baseline_mixed(bpaths, rows, f"{run_tag}m{i}"), []),
                 tspec, None, "mixed", RSS_MIXED_MB)
        if "login" in cases:
            results.append(login_burst(tport, thidua, backend, size))
    finally:
        thidua.stop()
        baseline.stop()
        if not args.keep_run:  # the copies are as large as the seed (7.6 GB at 1M on PostgreSQL)
            if backend == "pg":
                psql(args.pg, f'DROP DATABASE IF EXISTS "thidua_load_{size}_run" WITH (FORCE);', check=False)
            else:
                for p in (work_path, work_path + "-wal", work_path + "-shm"):
                    if os.path.exists(p):
                        os.remove(p)


def create_body_py(round_id, tag, tid, n):
    name = f"{SURNAMES[n % len(SURNAMES)]} Văn Thử {GIVEN[(n // 8) % len(GIVEN)]} {tag} {tid} {n}"
    return json.dumps({"round_id": round_id, "award_form": "provincial_merit", "nominee_kind": "individual",
                       "individual": {"full_name": name, "gender": "male", "birth_year": 1960 + n % 40,
                                      "position": "Chuyên viên", "workplace": "UBND Huyện Tháp Mười"},
                       "achievement_summary": "Hoàn thành xuất sắc nhiệm vụ năm 2025.", "clean_record": True})


def prepare_ids(pg_run_url, backend, sqlite_path, tport, tokens):
    """Ids the cases use, read from the working database."""
    def q(sql):
        if backend == "pg":
            return [line.split("|") for line in psql(pg_run_url, sql).strip().splitlines()]
        con = sqlite3.connect(sqlite_path)
        try:
            return [[str(x) for x in r] for r in con.execute(sql)]
        finally:
            con.close()
    movement = q("SELECT id FROM movements WHERE code = 'CDS-2021-2025'")[0][0]
    round_tk = q(f"SELECT id FROM award_rounds WHERE movement_id = '{movement}' AND code = 'TK-2022-2025'")[0][0]
    visible = [r[0] for r in q("SELECT id FROM nominations WHERE submitted_at IS NOT NULL ORDER BY id LIMIT 200000")]
    # a spread sample of 2,000
    step = max(1, len(visible) // 2000)
    visible = visible[::step][:2000]
    today = datetime.date.today().isoformat()
    def steppable():
        return [(r[0], int(r[1]), r[2]) for r in q(
            "SELECT n.id, n.version, n.status FROM nominations n JOIN award_rounds r ON r.id = n.round_id "
            f"WHERE n.status IN ('submitted', 'consolidated') AND r.nomination_closes_on >= '{today}' ORDER BY n.id")]
    submitted = [(i, v) for i, v, st in steppable() if st == "submitted"][:1]
    # check one of each against the API (visibility, ETag)
    st, body, h = hreq(tport, "GET", f"/api/v1/nominations/{visible[0]}", tokens("admin"))
    if st != 200:
        raise SetupError(f"GET one nomination as admin: {st} {body[:300]!r}")
    if submitted:
        st, body, h = hreq(tport, "GET", f"/api/v1/nominations/{submitted[0][0]}", tokens("dic_officer"))
        etag = {k.lower(): v for k, v in h.items()}.get("etag")
        if st != 200 or etag.strip('W/"') != str(submitted[0][1]):
            raise SetupError(f"GET a submitted nomination as DIC: {st} ETag {etag} vs version {submitted[0][1]}")
    return {"round_tk": round_tk, "visible_ids": visible, "steppable": steppable}


def login_burst(port, server, backend, size, bursts=3, conc=64):
    """`bursts` bursts of `conc` concurrent logins (valid credentials, demo users in turn)."""
    # 64 users, each logged in once from this address beforehand: "known" pairs, outside the
    # per-address limit (as users behind one NAT); one attempt of each pair at a time.
    users = LOGIN_USERS[:conc]
    for u in users:
        st, body, _ = hreq(port, "POST", "/api/v1/auth/token", body={"username": u, "password": PASSWORD})
        if st != 200:
            raise SetupError(f"login {u}: {st} {body[:200]!r}")
    statuses, lat = {}, []
    lock = threading.Lock()
    reset_peak(server.pid)
    t0 = time.time()
    for b in range(bursts):
        barrier = threading.Barrier(conc)

        def one(i):
            barrier.wait()
            t = time.perf_counter()
            try:
                st, _, _ = hreq(port, "POST", "/api/v1/auth/token",
                                body={"username": users[i % len(users)], "password": PASSWORD})
            except OSError:
                st = "error"
            with lock:
                statuses[st] = statuses.get(st, 0) + 1
                lat.append((time.perf_counter() - t) * 1000)
        ths = [threading.Thread(target=one, args=(i,)) for i in range(conc)]
        for t in ths:
            t.start()
        for t in ths:
            t.join()
    elapsed = time.time() - t0
    peak = vm(server.pid, "VmHWM") or 0
    lat.sort()
    ok = statuses.get(200, 0)
    row = {"backend": backend, "size": size, "case": "login burst", "label": f"{bursts}x{conc} logins",
           "flags": [], "target_key": "login", "base_rps": None, "base_p50": None, "base_p99": None,
           "thidua_rps": ok / elapsed if elapsed else None, "thidua_p50": lat[len(lat) // 2],
           "thidua_p99": lat[min(len(lat) - 1, int(len(lat) * 0.99))], "rss_mb": peak, "base_rss_mb": None,
           "rss_target": RSS_LOGIN_MB, "stmts": None, "statuses": {str(k): v for k, v in statuses.items()}}
    bad = {k: v for k, v in statuses.items() if k != 200}
    if bad:
        row["flags"].append(f"login statuses {bad}")
    log(f"  login burst: {statuses} {row['thidua_rps']:.1f} logins/s p50 {row['thidua_p50']:.0f} "
        f"p99 {row['thidua_p99']:.0f} ms HWM {peak:.1f} MB")
    try:
        row["stmts"] = per_request(port, lambda i: hreq(port, "POST", "/api/v1/auth/token",
                                                        body={"username": "admin", "password": PASSWORD}), n=3)
    except Exception as e:  # noqa: BLE001
        row["flags"].append(f"statements: {e}")
    return row


# --- verdicts and the table ------------------------------------------------------------

def judge(results):
    by = {(r["backend"], r["size"], r["case"]): r for r in results}
    for r in results:
        checks = []
        key = r["target_key"]
        ratio_t, stmt_t = TARGETS.get(key, (None, None))
        r["ratio"] = (r["thidua_rps"] / r["base_rps"]) if r.get("base_rps") and r.get("thidua_rps") else None
        r["p99_ratio"] = (r["thidua_p99"] / r["base_p99"]) if r.get("base_p99") and r.get("thidua_p99") else None
        targets = []
        if ratio_t is not None:
            targets.append(f"≥{ratio_t}×")
            checks.append(r["ratio"] is not None and r["ratio"] >= ratio_t)
        if r.get("base_p99") is not None:
            targets.append(f"p99≤{P99_FACTOR:g}×")
            checks.append(r["p99_ratio"] is not None and r["p99_ratio"] <= P99_FACTOR)
        if r.get("rss_target"):
            targets.append(f"RSS<{r['rss_target']}MB")
            checks.append(r["rss_mb"] < r["rss_target"])
        if stmt_t is not None:
            targets.append(f"stmts≤{stmt_t}")
            if r["stmts"] is not None:
                checks.append(r["stmts"] <= stmt_t + 1e-9)
        if key == "list" and r["size"] == "1m":
            small = by.get((r["backend"], "100k", r["case"]))
            if small and small.get("thidua_p50") and r.get("thidua_p50"):
                r["p50_vs_100k"] = r["thidua_p50"] / small["thidua_p50"]
                targets.append(f"p50≤{P50_GROWTH_1M:g}×100k")
                checks.append(r["p50_vs_100k"] <= P50_GROWTH_1M)
        r["target"] = ", ".join(targets) or "—"
        r["pass"] = all(checks) and not r["flags"]
    return all(r["pass"] for r in results)


def fmt(v, spec, dash="—"):
    return dash if v is None else format(v, spec)


def table(results):
    head = ["backend", "size", "case", "base req/s", "thidua req/s", "ratio", "base p50", "thidua p50",
            "base p99", "thidua p99", "p99 ratio", "peak RSS MB (t/b)", "stmts/req", "target", "result"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        rss = fmt(r.get("rss_mb"), ".0f") + ("/" + fmt(r.get("base_rss_mb"), ".0f") if r.get("base_rss_mb") else "")
        res = "PASS" if r["pass"] else "MISS"
        if r["flags"]:
            res += " (" + "; ".join(r["flags"]) + ")"
        if r.get("p50_vs_100k") is not None:
            res += f" p50 {r['p50_vs_100k']:.2f}× 100k"
        lines.append("| " + " | ".join([
            r["backend"], r["size"], r["case"], fmt(r.get("base_rps"), ",.0f"), fmt(r.get("thidua_rps"), ",.0f"),
            fmt(r.get("ratio"), ".2f"), fmt(r.get("base_p50"), ".2f"), fmt(r.get("thidua_p50"), ".2f"),
            fmt(r.get("base_p99"), ".2f"), fmt(r.get("thidua_p99"), ".2f"), fmt(r.get("p99_ratio"), ".2f"),
            rss, fmt(r.get("stmts"), ".1f", "n/a"), r["target"], res]) + " |")
    return "\n".join(lines)


def machine():
    model = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": model, "memory": mem, "kernel": platform.release(),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--backends", default="pg,sqlite")
    ap.add_argument("--sizes", default="100k,1m")
    ap.add_argument("--duration", default="10s")
    ap.add_argument("--cases", default=",".join(ALL_CASES))
    ap.add_argument("--quick", action="store_true", help="5 s runs, 100k only")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--reseed", action="store_true")
    ap.add_argument("--keep-run", action="store_true", help="keep each run's working copy of the database")
    ap.add_argument("--thidua-bin")
    ap.add_argument("--baseline-src", help="the baseline's sources (default ../shared/baseline from the repository "
                                           "root, or from the directory above it for a worktree in a subfolder)")
    ap.add_argument("--baseline-bin")
    ap.add_argument("--pg", default=os.environ.get("BENCH_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    ap.add_argument("--cache-dir", default="/root/.cache/thidua-load")
    ap.add_argument("--baseline-port", type=int, default=18281)
    ap.add_argument("--thidua-port", type=int, default=18282)
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    ap.add_argument("--note", default="", help="a line for the table's header (e.g. what else ran)")
    args = ap.parse_args()
    if args.quick:
        args.duration = "5s"
        args.sizes = "100k"
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    args.sizes = [s.strip().lower() for s in args.sizes.split(",") if s.strip()]
    args.cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    for b in args.backends:
        if b not in ("pg", "sqlite"):
            ap.error(f"unknown backend {b}")
    for s in args.sizes:
        if s not in SIZES:
            ap.error(f"unknown size {s}")
    for c in args.cases:
        if c not in ALL_CASES:
            ap.error(f"unknown case {c} (cases: {','.join(ALL_CASES)})")
    parse_seconds(args.duration)
    args.thidua_target = os.environ.get("CARGO_TARGET_DIR", "/root/.cache/thidua-target")
    if not args.baseline_src:
        candidates = [os.path.join(ROOT, "..", "shared", "baseline"), os.path.join(ROOT, "..", "..", "shared", "baseline")]
        args.baseline_src = next((c for c in candidates if os.path.exists(os.path.join(c, "Cargo.toml"))), candidates[0])
    args.baseline_src = os.path.abspath(args.baseline_src)
    args.baseline_target = os.environ.get("BASELINE_TARGET_DIR", "/root/.cache/baseline-target")
    args.thidua_bin = args.thidua_bin or os.path.join(args.thidua_target, "release", "thidua")
    args.baseline_bin = args.baseline_bin or os.path.join(args.baseline_target, "release", "baseline")
    os.makedirs(args.cache_dir, exist_ok=True)
    args.work_dir = os.path.join(args.cache_dir, "run")
    shutil.rmtree(args.work_dir, ignore_errors=True)
    os.makedirs(args.work_dir)
    if not shutil.which("wrk") or not shutil.which("psql"):
        log("wrk and psql are needed")
        return 2
    t_start = time.time()
    timings, results, notes = {}, [], []
    try:
        build(args)
        for b in (args.thidua_bin, args.baseline_bin):
            if not os.access(b, os.X_OK):
                raise SetupError(f"no binary at {b}")
        for size in args.sizes:
            pg_db = seed_pg(args, size, timings)
            sq = seed_sqlite(args, size, pg_db, timings) if "sqlite" in args.backends else None
            for backend in args.backends:
                log(f"== {backend} {size} ==")
                run_backend_size(args, backend, size, pg_db, sq, results, notes)
    except SetupError as e:
        log(f"setup failed: {e}")
        if not results:
            return 2
        notes.append(f"setup failed part-way: {e}")
    ok = judge(results)
    m = machine()
    elapsed = time.time() - t_start
    header = (f"thidua vs baseline, wrk -t{args.threads} -c{args.connections} -d{args.duration} --latency, "
              f"pairs baseline–thidua–thidua–baseline; latencies in ms; {m['date']}; "
              f"{m['nproc']} × {m['cpu']}, {m['memory']}; run took {elapsed / 60:.1f} min")
    settings = ("thidua as an operator runs it: release build, `serve` (pending migrations applied to the run's copy) with defaults "
                "(THIDUA_LOG=info, workers = cores, pool 16 PostgreSQL / 8 SQLite), THIDUA_JWT_SECRET set; "
                "baseline: pool 2 × cores + 2, r2d2 ping on checkout")
    try:
        commit = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"], capture_output=True,
                                text=True).stdout.strip()
    except OSError:
        commit = "?"
    settings += f"; thidua {args.thidua_bin} (source tree at {commit})"
    if args.note:
        settings += f"; {args.note}"
    text = table(results)
    print()
    print(header)
    print(settings)
    for k, v in timings.items():
        print(f"{k}: {v:.0f} s")
    lines = [r for r in results if r.get("log_lines")]
    if lines:
        print("thidua log lines during cases: " + ", ".join(f"{r['backend']} {r['size']} {r['case']}: {r['log_lines']}"
                                                          for r in lines))
    for n in notes:
        print("note: " + n)
    print(text)
    print("\nALL TARGETS MET" if ok else "\nTARGETS MISSED: " + ", ".join(
        f"{r['backend']} {r['size']} {r['case']}" for r in results if not r["pass"]))
    os.makedirs(args.results, exist_ok=True)
    with open(os.path.join(args.results, "latest.md"), "w") as f:
        f.write(f"# Load benchmark (bench/load.py)\n\n{header}\n\n{settings}\n\n")
        for k, v in timings.items():
            f.write(f"- {k}: {v:.0f} s\n")
        for n in notes:
            f.write(f"- note: {n}\n")
        f.write("\n" + text + "\n")
    with open(os.path.join(args.results, "latest.json"), "w") as f:
        json.dump({"machine": m, "args": {k: v for k, v in vars(args).items()}, "timings": timings,
                   "notes": notes, "results": results, "all_met": ok}, f, indent=1, default=str)
    return 0 if ok and not notes else 1


if __name__ == "__main__":
    sys.exit(main())
