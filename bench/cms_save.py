#!/usr/bin/env python3
"""How long a save from the browser editor takes: the whole-site check with the change, then
the journaled write (issue 21).

    python3 bench/cms_save.py --blocpress target/release/blocpress --site DIR [--runs 10]

starts `blocpress serve` on DIR (a site, e.g. one written by bench/gen_site.py), then, RUNS
times, opens a member's figures file through the /admin/ API (getEntry), changes one figure
and saves it (persistEntry), and prints the minimum, median and maximum of the save's wall
time, plus the same for a refused save (a figure for an unknown metric: the check runs twice,
with and without the change). Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def api(base: str, action: str, params: dict, cookie: str) -> tuple[int, dict]:
    body = json.dumps({"action": action, "params": params}).encode()
    request = urllib.request.Request(
        base + "/admin/api/v1",
        data=body,
        headers={
            "Content-Type": "application/json",
            "Origin": base,
            "Cookie": f"blocpress-cms={cookie}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=600) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--blocpress", required=True)
    parser.add_argument("--site", required=True)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    site = Path(args.site)
    figures = sorted(site.glob("content/associations/*/20*-h1.yaml"))[-1]
    rel = figures.relative_to(site).as_posix()
    server = subprocess.Popen(
        [args.blocpress, "serve", "--root", str(site), "--port", "0", "--lang", "en"],
        stderr=subprocess.PIPE,
        text=True,
    )
    base = None
    for line in server.stderr:
        found = re.search(r" (http://127\.0\.0\.1:\d+)/", line)
        if found and "Ctrl-C" in line:
            base = found.group(1)
            break
    if base is None:
        print("serve did not start", file=sys.stderr)
        return 1
    cookie = "a" * 32
    try:
        timings = {"saved": [], "refused": []}
        for run in range(args.runs):
            for kind in timings:
                status, entry = api(base, "getEntry", {"branch": "main", "path": rel}, cookie)
                assert status == 200, entry
                text = entry["data"]
                if kind == "saved":
                    raw = re.sub(r"(metrics:\n  \w+: )(\d+)", lambda m: m.group(1) + str(int(m.group(2)) + 1), text, count=1)
                else:
                    raw = text.replace("metrics:\n", "metrics:\n  not_a_metric: 1\n", 1)
                started = time.perf_counter()
                status, answer = api(base, "persistEntry", {"branch": "main", "dataFiles": [{"path": rel, "raw": raw}], "assets": [], "options": {}}, cookie)
                timings[kind].append(time.perf_counter() - started)
                expected = 200 if kind == "saved" else 422
                assert status == expected, (status, answer)
                time.sleep(1)  # let serve's rebuild of the change finish
        files = sum(1 for _ in (site / "content").rglob("*") if _.is_file())
        print(f"site: {site} ({files} content files); file saved: {rel}; runs: {args.runs}")
        for kind, values in timings.items():
            ms = sorted(v * 1000 for v in values)
            print(f"{kind:8} min {ms[0]:7.0f} ms   median {statistics.median(ms):7.0f} ms   max {ms[-1]:7.0f} ms")
    finally:
        server.terminate()
        server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
