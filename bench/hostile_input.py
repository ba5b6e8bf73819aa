#!/usr/bin/env python3
# Usage: python3 bench/hostile_input.py http://127.0.0.1:8080 openapi/openapi.json (demo data loaded,
# THIDUA_DEMO_PASSWORD as below, a high THIDUA_LOGIN_MAX_FAILURES_PER_ADDRESS).
"""Hostile bytes against every operation of the OpenAPI document: path parameters,
query parameters, JSON string fields and headers, on a running server. Prints every
500 (and any non-problem error answer), and a count per status."""
import json, sys, urllib.request, urllib.error, collections, random, itertools
BASE = sys.argv[1]
doc = json.load(open(sys.argv[2]))
PW = "mật-khẩu-demo-2022"

def call(method, path, body=None, headers=None, token=None, raw=None):
    h = dict(headers or {})
    data = None
    if raw is not None:
        data = raw; h.setdefault("Content-Type", "application/json")
    elif body is not None:
        data = json.dumps(body).encode(); h["Content-Type"] = "application/json"
    if token: h["Authorization"] = "Bearer " + token
    req = urllib.request.Request(BASE + path, data=data, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("content-type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("content-type", ""), e.read()
    except Exception as e:
        return -1, "", str(e).encode()

tokens = {}
for u in ["admin", "dic_officer", "unit_officer", "chair", "home_affairs_officer"]:
    s, _, b = call("POST", "/api/v1/auth/token", {"username": u, "password": PW})
    tokens[u] = json.loads(b)["access_token"]

HOSTILE_URL = ["%00", "a%00b", "%C2%85", "%7F", "%FF", "%ED%A0%80", "%F0%9F%92%A9", "%25", "..%2F..%2Fetc", "%E2%80%AE", "'%20OR%201=1--", "%5C", "%0D%0A", "x" * 5000]
HOSTILE_JSON = ["\u0000", "a\u0000b", "\u0085", "\u007f", "\ud83d\ude00", "\u202e", "'; DROP TABLE users;--", "\\", "x" * 100000, "", " ", "\ufeff", "\uffff", "𝔘"]
RAW_BODIES = [b'{"a":"\\ud800"}', b'{"a":"\\udc00\\ud800"}', b'[' * 10000, b'{"a":1e400}', b'{"a":-1e400}', b'\xff\xfe', b'{"a":"\xed\xa0\x80"}', b'null', b'[]', b'"x"', b'{"limit":99999999999999999999}', b'{' + b'"a":1,' * 50000 + b'"b":2}']

stats = collections.Counter()
bad = []
def judge(what, st, ct, body):
    stats[st] += 1
    if st >= 500 or st == -1 or (st >= 400 and "problem+json" not in ct):
        bad.append((what, st, ct, body[:200]))

def sample(schema, depth=0):
    if not isinstance(schema, dict) or depth > 6: return "x"
    if "$ref" in schema:
        name = schema["$ref"].split("/")[-1]
        return sample(doc["components"]["schemas"][name], depth + 1)
    if "example" in schema: return schema["example"]
    for k in ("oneOf", "anyOf", "allOf"):
        if k in schema: return sample(schema[k][0], depth + 1)
    t = schema.get("type")
    if isinstance(t, list): t = [x for x in t if x != "null"][0]
    if t == "object" or "properties" in schema:
        return {k: sample(v, depth + 1) for k, v in schema.get("properties", {}).items()}
    if t == "array": return [sample(schema.get("items", {}), depth + 1)]
    if t == "integer": return 1
    if t == "number": return 1.5
    if t == "boolean": return True
    return "x"

def strings(v, path=()):
    if isinstance(v, dict):
        for k, x in v.items(): yield from strings(x, path + (k,))
    elif isinstance(v, list):
        for i, x in enumerate(v): yield from strings(x, path + (i,))
    elif isinstance(v, str): yield path

def put(v, path, val):
    v = json.loads(json.dumps(v))
    cur = v
    for p in path[:-1]: cur = cur[p]
    cur[path[-1]] = val
    return v

random.seed(7)
for path, item in doc["paths"].items():
    for method, op in item.items():
        if method not in ("get", "post", "patch", "put", "delete"): continue
        if path.startswith("/api/v1/auth") and method != "get": continue
        params = op.get("parameters", [])
        for tok_user in ["admin", "unit_officer"]:
            tok = tokens[tok_user]
            # path parameters
            for h in HOSTILE_URL:
                p = path
                for prm in params:
                    if prm["in"] == "path": p = p.replace("{" + prm["name"] + "}", h)
                if p == path and "{" in path: continue
                st, ct, b = call(method.upper(), p, token=tok, body={} if method in ("post", "patch", "put") else None, headers={"If-Match": "*"})
                judge(f"{method} {p[:120]}", st, ct, b)
            # query parameters
            base = path
            for prm in params:
                if prm["in"] == "path": base = base.replace("{" + prm["name"] + "}", "01936f4e-0000-7000-8000-000000000000")
            for prm in params:
                if prm["in"] != "query": continue
                for h in HOSTILE_URL[:10]:
                    st, ct, b = call(method.upper(), f"{base}?{prm['name']}={h}", token=tok, headers={"If-Match": "*"}, body={} if method in ("post", "patch", "put") else None)
                    judge(f"{method} {base}?{prm['name']}={h[:20]}", st, ct, b)
            # JSON bodies
            rb = op.get("requestBody", {}).get("content", {}).get("application/json")
            if rb:
                body = sample(rb["schema"])
                for sp in list(strings(body))[:12]:
                    for h in HOSTILE_JSON:
                        st, ct, b = call(method.upper(), base, put(body, sp, h), token=tok, headers={"If-Match": "*"})
                        judge(f"{method} {base} {'.'.join(map(str, sp))}={h[:10]!r}", st, ct, b)
                for raw in RAW_BODIES:
                    st, ct, b = call(method.upper(), base, token=tok, raw=raw, headers={"If-Match": "*"})
                    judge(f"{method} {base} raw {raw[:20]!r}", st, ct, b)
            # headers
            for hv in ["\t", "x\ty", "\x7f", "é".encode().decode("latin-1"), "a" * 300]:
                for hn in ["Idempotency-Key", "If-Match", "Accept-Language", "Authorization"]:
                    hd = {hn: hv, "If-Match": "*"} if hn != "If-Match" else {hn: hv}
                    try:
                        st, ct, b = call(method.upper(), base, token=None if hn == "Authorization" else tok, headers=hd, body={} if method in ("post", "patch", "put") else None)
                    except Exception as e:
                        continue
                    judge(f"{method} {base} header {hn}={hv[:5]!r}", st, ct, b)

print("statuses:", dict(sorted(stats.items())))
print("requests:", sum(stats.values()))
print("bad answers:", len(bad))

cats = collections.Counter()
for what, st, ct, body in bad:
    kind = "header DEL" if "header" in what and "\\x7f" in what else what.split(" ")[0] + " " + ("header" if "header" in what else "raw" if " raw " in what else "other")
    cats[(kind, st, ct)] += 1
for k, n in cats.most_common(): print(n, k)
others = [x for x in bad if not ("header" in x[0] and "\\x7f" in x[0])]
for x in others[:40]: print(x)
