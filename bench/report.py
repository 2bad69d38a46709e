#!/usr/bin/env python3
"""Turn the raw measurements of bench/run.sh into the Markdown results table.

    python3 bench/report.py --results DIR --stamp STAMP --ns "1000 10000" --env ENVFILE

reads, for every N, DIR/STAMP-nN.json (hyperfine --export-json) and DIR/STAMP-nN-rss.tsv
(one line a tool: name, median peak RSS in KiB, median wall seconds, index.html count,
news pages, files, lowest and highest peak RSS; written by run.sh from /usr/bin/time -v), writes DIR/STAMP.md and prints it.
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

TOOL_ORDER = {"hugo": 0, "blocpress": 1, "floor": 2}
TARGET_N = 10_000  # the targets are stated for N = 10,000


def fmt_n(n: int) -> str:
    return f"{n:,}"


def load(results: Path, stamp: str, n: int) -> list[dict]:
    hf = json.loads((results / f"{stamp}-n{n}.json").read_text())
    rss = {}
    for line in (results / f"{stamp}-n{n}-rss.tsv").read_text().splitlines():
        tool, kib, wall, html, news, files, kib_min, kib_max = line.split("\t")
        rss[tool] = dict(kib=int(kib), wall=float(wall), html=int(html), news=int(news), files=int(files),
                         kib_min=int(kib_min), kib_max=int(kib_max))
    rows = []
    for r in hf["results"]:
        tool = r["command"]
        rows.append(dict(n=n, tool=tool, mean=r["mean"], sd=r.get("stddev") or 0.0, user=r["user"],
                         system=r["system"], runs=len(r["times"]), **rss[tool]))
    rows.sort(key=lambda r: TOOL_ORDER.get(r["tool"], 9))
    return rows


def ratio(x: float, base: float | None) -> str:
    if not base:
        return "—"
    q = x / base
    return f"{q:.2f}" if q >= 0.095 else f"{q:.2g}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", type=Path, required=True)
    ap.add_argument("--stamp", required=True)
    ap.add_argument("--ns", required=True, help="space-separated N values, in order")
    ap.add_argument("--env", type=Path, required=True, help="'key: value' lines describing the machine")
    args = ap.parse_args()
    ns = [int(x) for x in args.ns.split()]

    all_rows = {n: load(args.results, args.stamp, n) for n in ns}

    out = [f"# blocpress speed benchmark — {args.stamp}", ""]
    out += ["Clean builds on tmpfs; wall time from hyperfine (mean ± σ over the runs shown), peak",
            "RSS the median of separate runs under `/usr/bin/time -v`. Ratios are tool ÷ Hugo, so 0.33 is",
            "three times faster (or smaller). *floor* only reads the N news files and writes N pages:",
            "no generator can beat it. See `bench/README.md`.", ""]
    head = ("| N | tool | mean wall time (s) ± σ | peak RSS (MiB) | time ÷ Hugo | RSS ÷ Hugo "
            "| s per 1,000 news | CPU user+sys (s) | runs | index.html |")
    out += [head, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n in ns:
        hugo = next((r for r in all_rows[n] if r["tool"] == "hugo"), None)
        for r in all_rows[n]:
            out.append(
                f"| {fmt_n(n)} | {r['tool']} | {r['mean']:.3f} ± {r['sd']:.3f} | {r['kib'] / 1024:.0f} "
                f"| {ratio(r['mean'], hugo and hugo['mean'])} | {ratio(r['kib'], hugo and hugo['kib'])} "
                f"| {r['mean'] / n * 1000:.3f} | {r['user'] + r['system']:.2f} | {r['runs']} | {fmt_n(r['html'])} |")

    # the targets
    out += ["", "## Targets (issue “Speed”)", ""]
    if TARGET_N in all_rows:
        rows = {r["tool"]: r for r in all_rows[TARGET_N]}
        h, b, f = rows.get("hugo"), rows.get("blocpress"), rows.get("floor")
        if h and b:
            t_ok = b["mean"] <= h["mean"] / 3
            m_ok = b["kib"] <= h["kib"] / 3
            out.append(f"- N = {fmt_n(TARGET_N)}, wall time ≤ ⅓ of Hugo ({h['mean'] / 3:.2f} s): blocpress "
                       f"{b['mean']:.2f} s — {'**met**' if t_ok else '**not met**'} ({b['mean'] / h['mean']:.2f}× Hugo)")
            out.append(f"- N = {fmt_n(TARGET_N)}, peak memory ≤ ⅓ of Hugo ({h['kib'] / 3 / 1024:.0f} MiB): blocpress "
                       f"{b['kib'] / 1024:.0f} MiB — {'**met**' if m_ok else '**not met**'} "
                       f"({b['kib'] / h['kib']:.2f}× Hugo)")
        else:
            out.append("- blocpress was not measured (SKIP_BLOCPRESS=1): no verdict.")
        if f and h:
            out.append(f"- I/O floor at N = {fmt_n(TARGET_N)}: {f['mean']:.3f} s "
                       f"({f['mean'] / h['mean'] * 100:.1f} % of Hugo's time)")
    else:
        out.append(f"- N = {fmt_n(TARGET_N)} was not part of this run (NS={args.ns!r}): no verdict.")

    # linearity: seconds per 1,000 news items across N
    if len(ns) > 1:
        out += ["", "## Growth", "",
                "Seconds per 1,000 news items at each N (constant = linear growth; the last column",
                "is the largest N's cost per item divided by the smallest N's):", ""]
        tools = sorted({r["tool"] for rows in all_rows.values() for r in rows}, key=lambda t: TOOL_ORDER.get(t, 9))
        out.append("| tool | " + " | ".join(f"N = {fmt_n(n)}" for n in ns) + " | largest ÷ smallest |")
        out.append("|---|" + "---:|" * (len(ns) + 1))
        for t in tools:
            per = []
            for n in ns:
                r = next((r for r in all_rows[n] if r["tool"] == t), None)
                per.append(r["mean"] / n * 1000 if r else None)
            cells = [f"{p:.3f}" if p is not None else "—" for p in per]
            grow = f"{per[-1] / per[0]:.2f}" if per[0] and per[-1] else "—"
            out.append(f"| {t} | " + " | ".join(cells) + f" | {grow} |")

    out += ["", "## Output", "",
            "| N | tool | index.html | news pages | files | peak RSS, lowest–highest (MiB) "
            "| wall time under `time -v`, median (s) |",
            "|---:|---|---:|---:|---:|---:|---:|"]
    for n in ns:
        for r in all_rows[n]:
            out.append(f"| {fmt_n(n)} | {r['tool']} | {fmt_n(r['html'])} | {fmt_n(r['news'])} "
                       f"| {fmt_n(r['files'])} | {r['kib_min'] / 1024:.0f}–{r['kib_max'] / 1024:.0f} "
                       f"| {r['wall']:.2f} |")

    out += ["", "## Environment", ""]
    for line in args.env.read_text().splitlines():
        if line.strip():
            key, _, val = line.partition(": ")
            out.append(f"- **{key}**: {val}")
    out += ["", "Raw hyperfine data: " + ", ".join(f"`{args.stamp}-n{n}.json`" for n in ns) + "."]
    text = "\n".join(out) + "\n"

    md = args.results / f"{args.stamp}.md"
    md.write_text(text, encoding="utf-8")
    print(text, end="")
    print(f"\nwritten: {md}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
