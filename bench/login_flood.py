"""80 concurrent failed logins (distinct usernames and client addresses, through one
trusted proxy hop) for DURATION seconds against a running thidua, while timing
/health/ready and another user's GET /api/v1/me. Prints counts, latencies, peak RSS."""
import http.client, json, sys, threading, time, statistics

HOST, PORT = "127.0.0.1", int(sys.argv[1])
PID = int(sys.argv[2])
PASSWORD = sys.argv[3]
DURATION = float(sys.argv[4]) if len(sys.argv) > 4 else 10.0
CONC = 80

def req(method, path, body=None, headers=None):
    c = http.client.HTTPConnection(HOST, PORT, timeout=60)
    h = {"Content-Type": "application/json"}
    h.update(headers or {})
    t = time.perf_counter()
    c.request(method, path, body=json.dumps(body) if body is not None else None, headers=h)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, time.perf_counter() - t, data

st, _, data = req("POST", "/api/v1/auth/token", {"username": "auditor", "password": PASSWORD},
                  {"X-Forwarded-For": "192.0.2.200"})
assert st == 200, (st, data)
token = json.loads(data)["access_token"]

stop = time.time() + DURATION
counts, lock = {}, threading.Lock()
login_lat = []

def flood(i):
    n = 0
    while time.time() < stop:
        n += 1
        st, dt, _ = req("POST", "/api/v1/auth/token",
                        {"username": f"ke-tan-cong-{i}-{n}", "password": "đoán-mò"},
                        {"X-Forwarded-For": f"10.{i}.{n // 250}.{n % 250}"})
        with lock:
            counts[st] = counts.get(st, 0) + 1
            login_lat.append(dt)

def probe(path, headers, out):
    while time.time() < stop:
        st, dt, _ = req("GET", path, None, headers)
        out.append((st, dt))
        time.sleep(0.05)

def rss():
    with open(f"/proc/{PID}/status") as f:
        for line in f:
            if line.startswith("VmHWM"):
                return line.split()[1]

health, me = [], []
threads = [threading.Thread(target=flood, args=(i,)) for i in range(CONC)]
threads += [threading.Thread(target=probe, args=("/health/ready", {}, health)),
            threading.Thread(target=probe, args=("/api/v1/me", {"Authorization": f"Bearer {token}"}, me))]
for t in threads: t.start()
for t in threads: t.join()

def summary(name, rows):
    lat = sorted(dt for _, dt in rows)
    sts = {}
    for s, _ in rows: sts[s] = sts.get(s, 0) + 1
    q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000
    print(f"{name}: n={len(lat)} statuses={sts} p50={q(0.5):.1f} ms p95={q(0.95):.1f} ms max={lat[-1]*1000:.1f} ms")

print(f"logins: {sorted(counts.items())} p50={statistics.median(login_lat)*1000:.0f} ms max={max(login_lat)*1000:.0f} ms")
summary("/health/ready", health)
summary("GET /me (another user)", me)
print(f"peak RSS (VmHWM): {rss()} kB")
