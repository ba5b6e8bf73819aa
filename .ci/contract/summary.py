#!/usr/bin/env python3
"""Reads what .ci/run's contract checkers wrote, prints counts per rule, and decides.

    summary.py redocly REPORT.json              fail on any error or warning
    summary.py spectral REPORT.json --max-errors N [--no-warnings]
    summary.py generator-log LOG                fail on any warning in openapi-python-client's output
    summary.py refused JUNIT.xml --max N        schema-valid requests the server refused

Exit 0: within the target; 1: over it; 2: the report is missing or unreadable (the tool
itself failed). Standard library only: it runs on the system python3.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import xml.etree.ElementTree as ET

SPECTRAL_SEVERITY = {0: "error", 1: "warning", 2: "info", 3: "hint"}


def load_json(path: str):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        print(f"cannot read {path}: {e}")
        sys.exit(2)


def print_counts(counts: collections.Counter) -> None:
    for (severity, rule), n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1])):
        print(f"  {n:6d}  {severity:<7}  {rule}")


def redocly(args: argparse.Namespace) -> int:
    report = load_json(args.report)
    problems = report.get("problems", [])
    counts = collections.Counter((p.get("severity", "?"), p.get("ruleId", "?")) for p in problems)
    totals = report.get("totals", {})
    print(
        f"redocly {report.get('version', '?')}: {totals.get('errors', 0)} errors, {totals.get('warnings', 0)} warnings"
    )
    print_counts(counts)
    for p in problems[: args.show]:
        where = (p.get("location") or [{}])[0]
        print(f"  {p.get('severity')} {p.get('ruleId')} at {where.get('pointer', '?')}: {p.get('message')}")
    bad = sum(n for (severity, _), n in counts.items() if severity in ("error", "warn"))
    return 1 if bad else 0


def spectral(args: argparse.Namespace) -> int:
    results = load_json(args.report)
    if not isinstance(results, list):
        print(f"{args.report}: not a spectral JSON report")
        return 2
    counts = collections.Counter((SPECTRAL_SEVERITY.get(r.get("severity"), "?"), r.get("code", "?")) for r in results)
    errors = sum(n for (s, _), n in counts.items() if s == "error")
    warnings = sum(n for (s, _), n in counts.items() if s == "warning")
    print(f"spectral: {errors} errors, {warnings} warnings, {len(results) - errors - warnings} info/hints")
    print_counts(counts)
    shown = [r for r in results if r.get("severity") in (0, 1)][: args.show]
    for r in shown:
        path = "/".join(str(p) for p in r.get("path", []))
        print(f"  {SPECTRAL_SEVERITY.get(r.get('severity'))} {r.get('code')} at {path}: {r.get('message')}")
    over = errors >= args.max_errors or (args.no_warnings and warnings > 0)
    if over:
        target = f"fewer than {args.max_errors} errors" + (" and no warnings" if args.no_warnings else "")
        print(f"over the target ({target})")
    return 1 if over else 0


def generator_log(args: argparse.Namespace) -> int:
    try:
        with open(args.log, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError as e:
        print(f"cannot read {args.log}: {e}")
        return 2
    # openapi-python-client prints "Warning(s) encountered while generating" and then one
    # "WARNING parsing <op> within <tag>." line per defect, followed by its reason.
    warned = [i for i, line in enumerate(lines) if re.match(r"\s*(WARNING|Warning)", line)]
    items = [i for i in warned if lines[i].lstrip().startswith("WARNING")]
    if not warned:
        print("no warnings")
        return 0
    print(f"{len(items)} warning(s):")
    for i in items:
        reason = next((line.strip() for line in lines[i + 1 : i + 4] if line.strip()), "")
        reason = re.sub(r"<[^>]* object at 0x[0-9a-f]+>", "…", reason)
        print(f"  {lines[i].strip()} {reason}")
    return 1


def refused(args: argparse.Namespace) -> int:
    try:
        root = ET.parse(args.junit).getroot()
    except (OSError, ET.ParseError) as e:
        print(f"cannot read {args.junit}: {e}")
        return 2
    found = []
    other: collections.Counter = collections.Counter()
    for case in root.iter("testcase"):
        for failure in list(case.findall("failure")) + list(case.findall("error")):
            # One element per operation; its text numbers the distinct failing test cases
            # ("1. Test Case ID: …"), each listing its checks ("- ST202 Schema-valid
            # request rejected") and then the answer ("[422] Unprocessable Content:").
            for test_case in re.split(r"(?m)^\d+\. Test Case ID: ", failure.text or ""):
                checks = re.findall(r"(?m)^- (.+)$", test_case)
                if not checks:
                    continue
                if any("Schema-valid request rejected" in c for c in checks):
                    found.append((case.get("name", "?"), answer(test_case)))
                for c in checks:
                    if "Schema-valid request rejected" not in c:
                        other[c.strip()] += 1
    print(f"{len(found)} schema-valid request(s) refused (target: fewer than {args.max})")
    for name, (status, code, detail) in sorted(found):
        print(f"  {name}: {status} {code}: {detail}")
    if other:
        print("other checks that failed in the strict pass (not counted here; the lenient passes judge them):")
        for title, n in other.most_common():
            print(f"  {n:4d}  {title}")
    return 1 if len(found) >= args.max else 0


def answer(test_case: str) -> tuple[str, str, str]:
    """The status, problem code and detail of the answer a test case shows."""
    status = re.search(r"(?m)^\[(\d{3})\]", test_case)
    body = re.search(r"`(\{.*?\})`", test_case, re.DOTALL)
    code = detail = ""
    if body:
        try:
            problem = json.loads(body.group(1))
            code = str(problem.get("code", ""))
            detail = str(problem.get("detail") or problem.get("title") or "")
            errors = problem.get("errors")
            if errors:
                detail += f" {json.dumps(errors, ensure_ascii=False)}"
        except ValueError:
            detail = body.group(1)[:200]
    return (status.group(1) if status else "?", code, detail[:300])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    p = sub.add_parser("redocly")
    p.add_argument("report")
    p.add_argument("--show", type=int, default=30)
    p.set_defaults(run=redocly)
    p = sub.add_parser("spectral")
    p.add_argument("report")
    p.add_argument("--max-errors", type=int, default=1)
    p.add_argument("--no-warnings", action="store_true")
    p.add_argument("--show", type=int, default=0)
    p.set_defaults(run=spectral)
    p = sub.add_parser("generator-log")
    p.add_argument("log")
    p.set_defaults(run=generator_log)
    p = sub.add_parser("refused")
    p.add_argument("junit")
    p.add_argument("--max", type=int, default=10)
    p.set_defaults(run=refused)
    args = parser.parse_args()
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
