#!/usr/bin/env python3
"""Slow and many clients against a running thidua (issue 9 item 11).

Usage: python3 bench/slow_clients.py HOST PORT TOKEN [N]

1. slow bodies: N connections send a POST head (Content-Length 100000) with a valid
   token, then one byte every 2 s; counts the ones still open over time and what
   they were answered.
2. slow heads: N connections send half a request head and stop.
3. the connection cap: N stalled heads held open, then one normal request: how long it
   waits for a slot.
"""
import asyncio, sys, time

HOST, PORT, TOKEN = sys.argv[1], int(sys.argv[2]), sys.argv[3]
N = int(sys.argv[4]) if len(sys.argv) > 4 else 200


async def slow_body(results):
    try:
        r, w = await asyncio.open_connection(HOST, PORT)
    except OSError as e:
        results.append(("connect failed", 0.0)); return
    t0 = time.monotonic()
    w.write((f"POST /api/v1/nominations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\n"
             "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{").encode())
    await w.drain()
    status = "open"
    try:
        while True:
            try:
                line = await asyncio.wait_for(r.readline(), 2)
                if not line:
                    status = "closed"; break
                if line.startswith(b"HTTP/1.1"):
                    status = line.decode().strip()
                    rest = await asyncio.wait_for(r.read(), 5)
                    if b"problem+json" in rest: status += " problem+json"
                    break
            except asyncio.TimeoutError:
                w.write(b" "); await w.drain()
            if time.monotonic() - t0 > 120: break
    except (ConnectionError, OSError):
        status = "reset"
    results.append((status, time.monotonic() - t0))
    w.close()


async def slow_head(results):
    try:
        r, w = await asyncio.open_connection(HOST, PORT)
    except OSError:
        results.append(("connect failed", 0.0)); return
    t0 = time.monotonic()
    w.write(b"GET /health/live HTTP/1.1\r\nHost: x\r\n")
    await w.drain()
    try:
        data = await asyncio.wait_for(r.read(), 60)
        status = data.split(b"\r\n")[0].decode() or "closed"
    except asyncio.TimeoutError:
        status = "open"
    except (ConnectionError, OSError):
        status = "reset"
    results.append((status, time.monotonic() - t0))
    w.close()


async def one_request():
    t0 = time.monotonic()
    r, w = await asyncio.open_connection(HOST, PORT)
    w.write(b"GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    await w.drain()
    data = await r.read()
    w.close()
    return data.split(b"\r\n")[0].decode(), time.monotonic() - t0


def summary(name, results):
    by = {}
    for s, t in results:
        by.setdefault(s, []).append(t)
    print(f"{name}: {len(results)} connections")
    for s, ts in sorted(by.items()):
        ts.sort()
        print(f"  {len(ts):4d} × {s:45s} after {ts[0]:.1f}–{ts[-1]:.1f} s (median {ts[len(ts)//2]:.1f} s)")


async def main():
    res = []
    tasks = [asyncio.create_task(slow_body(res)) for _ in range(N)]
    for mark in (15, 30):
        await asyncio.sleep(mark - (0 if mark == 15 else 15))
        print(f"slow bodies: {N - len(res)} of {N} still open after {mark} s")
    await asyncio.gather(*tasks)
    summary("slow bodies", res)

    res = []
    await asyncio.gather(*[slow_head(res) for _ in range(N)])
    summary("slow heads", res)

    res = []
    held = [asyncio.create_task(slow_head(res)) for _ in range(N)]
    await asyncio.sleep(1)
    status, waited = await one_request()
    print(f"cap: with {N} stalled heads open, a new request got '{status}' after {waited:.2f} s")
    await asyncio.gather(*held)

asyncio.run(main())
