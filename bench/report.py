"""Show benchmark results: a console table, and the results block in docs/benchmarks.md."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

START = "<!-- bench:results:start -->"
END = "<!-- bench:results:end -->"
TITLES = {
    "startup": "Start-up",
    "ready": "Ready to use",
    "render": "Render",
    "long_note": "Long note",
}


def verdict(bench: Mapping[str, Any]) -> str:
    if bench["target"] is None:
        return "a figure"
    return "met" if bench["met"] else "MISSED"


def target_text(bench: Mapping[str, Any], prefix: str) -> str:
    return "none" if bench["target"] is None else f"{prefix}{bench['target']:g}"


def console_table(results: Mapping[str, Any]) -> str:
    """A plain-text table: one row per command, then the ratio and its target."""
    header = f"{'':14}{'command':38}{'median':>9}{'min':>9}{'max':>9}{'CPU':>9}{'peak RSS':>12}"
    lines = [header, "-" * len(header)]
    for key, bench in results["benchmarks"].items():
        for index, side in enumerate(("app", "bare")):
            row = bench[side]
            title = TITLES.get(key, key) if index == 0 else ""
            lines.append(
                f"{title:14}{row['label']:38}{row['median_s']:>8.3f}s{row['min_s']:>8.3f}s"
                f"{row['max_s']:>8.3f}s{row['median_cpu_s']:>8.3f}s{row['peak_rss_mib']:>8.1f} MiB"
            )
        lines.append(
            f"{'':14}ratio app / bare: CPU time {bench['cpu_ratio']:.2f}, "
            f"wall {bench['ratio']:.2f}   "
            f"target {target_text(bench, '<= ')}   {verdict(bench)}"
        )
        lines.append("")
    return "\n".join(lines).rstrip()


def misses(results: Mapping[str, Any]) -> list[str]:
    """One loud line per missed target (empty when every target is met)."""
    return [
        f"TARGET MISSED: {TITLES.get(key, key).lower()} ratio {bench['cpu_ratio']:.2f} (CPU time) "
        f"is above {bench['target']:g}"
        for key, bench in results["benchmarks"].items()
        if not bench["met"]
    ]


def markdown_block(results: Mapping[str, Any]) -> str:
    """The generated results section of docs/benchmarks.md, between the markers."""
    machine = results["machine"]
    lines = [
        START,
        f"Measured {machine['date']} with `make bench` "
        f"({results['runs']} timed runs per command after one warm-up run).",
        "",
        "| Benchmark | Command | Median | Min | Max | CPU (median) | Peak RSS |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for key, bench in results["benchmarks"].items():
        for side in ("app", "bare"):
            row = bench[side]
            lines.append(
                f"| {TITLES.get(key, key)} | {row['label']} | {row['median_s']:.3f} s "
                f"| {row['min_s']:.3f} s | {row['max_s']:.3f} s | {row['median_cpu_s']:.3f} s "
                f"| {row['peak_rss_mib']:.1f} MiB |"
            )
    lines += [
        "",
        "| Ratio (app / bare, medians) | CPU time | Wall time | Target | Verdict |",
        "|---|---:|---:|---:|---|",
    ]
    for key, bench in results["benchmarks"].items():
        lines.append(
            f"| {TITLES.get(key, key)} | {bench['cpu_ratio']:.2f} | {bench['ratio']:.2f} "
            f"| {target_text(bench, '≤ ')} "
            f"| {verdict(bench)} |"
        )
    ram = f"{machine['ram_gib']} GiB" if machine.get("ram_gib") else "unknown"
    lines += [
        "",
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {ram} RAM; "
        f"{machine['os']} (kernel {machine['kernel']}); Python {machine['python']}, "
        f"PySide6 {machine['pyside6']}, reportlab {machine['reportlab']}, "
        f"pypdf {machine['pypdf']}.",
        END,
    ]
    return "\n".join(lines)


def update_docs(doc: Path, results: Mapping[str, Any]) -> None:
    """Replace the results block in ``doc`` (append it if its markers are missing)."""
    replace_block(doc, START, END, markdown_block(results))


def replace_block(doc: Path, start: str, end: str, block: str) -> None:
    """Replace the block from ``start`` to ``end`` in ``doc`` (append it if missing)."""
    text = doc.read_text(encoding="utf-8") if doc.exists() else ""
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _match: block, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    doc.write_text(text, encoding="utf-8")
