#!/usr/bin/env python3
"""Load benchmark for thidua's reporting reads and writes on PostgreSQL.

Seeds a fresh database (the demo data plus 1,000 units x 5 years of plans and
reports: 5,000 reports, 50,000 results), starts the release build, and measures,
sequentially, one request at a time:
  - GET /health/live                         baseline: no database
  - GET /api/v1/units/{id}                   baseline: token check + one row by key
  - GET /api/v1/movements/{id}/report-status?year=2024   (1,041 units)
  - POST /api/v1/consolidated-reports {year: 2024}        (roll-up snapshot)
and prints a table of latencies (ms). Standard library only.

    python3 bench/bench.py [--url postgres://postgres@127.0.0.1:5432/postgres] [-n 50]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "mat-khau-bench-2026"


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def request(method, url, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, r.read()


def measure(name, n, fn):
    fn()  # warm up
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {
        "name": name,
        "n": n,
        "p50": statistics.median(times),
        "p95": times[max(0, int(len(times) * 0.95) - 1)],
        "max": times[-1],
        "mean": statistics.fmean(times),
    }


def baselines(api, token, unit, n):
    """The two minimal requests every benchmark prints beside its own, in the same run:
    no database at all, and a token check plus one row by key."""
    return [
        measure("GET /health/live (baseline, no database)", n, lambda: request("GET", api + "/health/live")),
        measure("GET /api/v1/units/{id} (baseline, one row)", n, lambda: request("GET", f"{api}/api/v1/units/{unit}", token)),
    ]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default=os.environ.get("BENCH_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
                    help="a PostgreSQL database to connect to while creating the bench database")
    ap.add_argument("--db", default="thidua_bench")
    ap.add_argument("-n", type=int, default=50, help="requests per measurement")
    ap.add_argument("--port", type=int, default=18190)
    args = ap.parse_args()

    base = args.url.rsplit("/", 1)[0]
    db_url = f"{base}/{args.db}"
    sh(["psql", args.url, "-q", "-c", f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)'])
    sh(["psql", args.url, "-q", "-c", f'CREATE DATABASE "{args.db}"'])

    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    sh(["cargo", "build", "--release", "--locked", "--bin", "thidua"], cwd=ROOT)
    binary = os.path.join(target, "release", "thidua")
    env = dict(os.environ, THIDUA_DATABASE_URL=db_url, THIDUA_DEMO_PASSWORD=PASSWORD,
               THIDUA_BIND=f"127.0.0.1:{args.port}", THIDUA_LOG="warn",
               THIDUA_JWT_SECRET="bench-secret-0123456789-0123456789-0123456789")
    sh([binary, "seed", "demo"], env=env, stdout=subprocess.DEVNULL)
    t = time.perf_counter()
    out = sh(["psql", db_url, "-q", "-t", "-A", "-f", os.path.join(ROOT, "bench", "seed_reports.sql")],
             capture_output=True, text=True).stdout.strip().splitlines()
    print(f"seeded in {time.perf_counter() - t:.1f} s: units|reports|results = {out[-1]}")

    server = subprocess.Popen([binary, "serve", "--no-migrate"], env=env)
    try:
        api = f"http://127.0.0.1:{args.port}"
        for _ in range(100):
            try:
                request("GET", api + "/health/ready")
                break
            except Exception:
                time.sleep(0.1)
        _, body = request("POST", api + "/api/v1/auth/token", body={"username": "dic_officer", "password": PASSWORD})
        token = json.loads(body)["access_token"]
        _, body = request("GET", api + "/api/v1/movements", token)
        movement = json.loads(body)["items"][0]["id"]
        _, body = request("GET", api + "/api/v1/units?q=thap%20muoi", token)
        unit = json.loads(body)["items"][0]["id"]
        _, body = request("GET", f"{api}/api/v1/movements/{movement}/report-status?year=2024", token)
        status = json.loads(body)
        print(f"report status 2024: {status['totals']}")

        rows = baselines(api, token, unit, args.n) + [
            measure("GET /movements/{id}/report-status?year=2024", args.n,
                    lambda: request("GET", f"{api}/api/v1/movements/{movement}/report-status?year=2024", token)),
            measure("POST /consolidated-reports (year 2024)", args.n,
                    lambda: request("POST", api + "/api/v1/consolidated-reports", token, {"movement_id": movement, "year": 2024})),
        ]
        print()
        print(f"PostgreSQL, {status['totals']['expected']} member units, 5 years of reports; sequential requests, latency in ms")
        print(f"{'operation':<52} {'n':>4} {'p50':>8} {'p95':>8} {'max':>8} {'mean':>8}")
        for r in rows:
            print(f"{r['name']:<52} {r['n']:>4} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['max']:>8.1f} {r['mean']:>8.1f}")
        slow = [r for r in rows[2:] if r["p95"] >= 200]
        print()
        print("target (< 200 ms): " + ("MET" if not slow else "NOT MET for " + ", ".join(r["name"] for r in slow)))
    finally:
        server.terminate()
        server.wait(timeout=10)
        sh(["psql", args.url, "-q", "-c", f'DROP DATABASE IF EXISTS "{args.db}" WITH (FORCE)'])


if __name__ == "__main__":
    sys.exit(main())
