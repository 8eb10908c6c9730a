"""The run report as one self-contained HTML page: inline CSS and inline SVG charts, no script, no URL.

A privacy officer opens it offline from a file share. Its Content-Security-Policy forbids every external
load and every script, so the page cannot call out even if a value in it tried to. Every text in it is
escaped and comes from the report dictionary (counts, entity types, reason codes, hashes, ids, input paths).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any, Final

_CSP: Final = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
_PALETTE: Final = {
    "type": "#3b6ea5",
    "speaker": "#6a4c93",
    "date": "#2a9d8f",
    "reason": "#d1495b",
}
_CSS: Final = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2433; margin: 24px;
       background: #f6f7f9; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 0 0 8px; }
.sub { color: #5b6475; margin-bottom: 16px; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 10px; color: #fff; font-weight: 600; }
.ok { background: #2a9d6f; } .failed { background: #c0392b; } .nothing { background: #7a8597; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 16px 0; }
.card, section { background: #fff; border: 1px solid #e1e4ea; border-radius: 8px; padding: 12px 16px; }
.card .n { font-size: 24px; font-weight: 650; } .card .l { color: #5b6475; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 16px; }
section { margin-bottom: 16px; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 4px 8px; }
tr:nth-child(even) td { background: #f3f5f8; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
code { font-size: 12px; word-break: break-all; }
svg text { font: 12px system-ui, sans-serif; fill: #1d2433; } svg .muted { fill: #7a8597; }
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _fmt(n: float) -> str:
    return f"{n:,.0f}" if float(n).is_integer() else f"{n:,.2f}"


def _empty_chart(chart_id: str, message: str) -> str:
    return (
        f'<svg class="chart empty" id="{chart_id}" width="500" height="60" viewBox="0 0 500 60" role="img" '
        f'aria-label="{_e(message)}"><text x="10" y="35" class="muted">{_e(message)}</text></svg>'
    )


def bar_chart(chart_id: str, items: Sequence[tuple[str, float]], color: str, empty: str) -> str:
    """Horizontal bars, largest first: one row per label, the value printed at the end of its bar."""
    if not items:
        return _empty_chart(chart_id, empty)
    items = sorted(items, key=lambda kv: (-kv[1], kv[0]))
    label_w, bar_w, row_h, width = 190, 260, 24, 520
    height = row_h * len(items) + 10
    top = max(v for _, v in items) or 1
    rows = []
    for i, (label, value) in enumerate(items):
        y = 5 + i * row_h
        w = max(2.0, bar_w * value / top)
        shown = label if len(label) <= 26 else label[:25] + "…"
        rows.append(
            f'<g class="bar"><title>{_e(label)}: {_fmt(value)}</title>'
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{_e(shown)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 8}" rx="3" fill="{color}"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 16}">{_fmt(value)}</text></g>'
        )
    return (
        f'<svg class="chart" id="{chart_id}" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img">{"".join(rows)}</svg>'
    )


def column_chart(chart_id: str, items: Sequence[tuple[str, float]], color: str, empty: str) -> str:
    """Vertical bars in the given (date) order, with a value axis and thinned date labels."""
    if not items:
        return _empty_chart(chart_id, empty)
    width, height, left, bottom, top_pad = 520, 240, 44, 58, 10
    plot_w, plot_h = width - left - 10, height - bottom - top_pad
    top = max(v for _, v in items) or 1
    step = plot_w / len(items)
    every = max(1, round(len(items) / 12))  # at most about a dozen date labels, whatever the span
    parts = [
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - 10}" y2="{top_pad + plot_h}" stroke="#9aa3b2"/>',
        f'<text x="{left - 6}" y="{top_pad + 10}" text-anchor="end" class="muted">{_fmt(top)}</text>',
        f'<text x="{left - 6}" y="{top_pad + plot_h}" text-anchor="end" class="muted">0</text>',
    ]
    for i, (label, value) in enumerate(items):
        h = plot_h * value / top
        x = left + i * step
        parts.append(
            f'<g class="bar"><title>{_e(label)}: {_fmt(value)}</title><rect x="{x + step * 0.1:.1f}" '
            f'y="{top_pad + plot_h - h:.1f}" width="{max(1.0, step * 0.8):.1f}" height="{h:.1f}" fill="{color}"/>'
            "</g>"
        )
        if i % every == 0:
            cx, cy = x + step / 2, top_pad + plot_h + 12
            parts.append(
                f'<text x="{cx:.1f}" y="{cy}" text-anchor="end" transform="rotate(-40 {cx:.1f} {cy})">'
                f"{_e(label)}</text>"
            )
    return (
        f'<svg class="chart" id="{chart_id}" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img">{"".join(parts)}</svg>'
    )


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]], numeric: Sequence[int] = ()) -> str:
    head = "".join(f'<th class="{"n" if i in numeric else ""}">{_e(h)}</th>' for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f'<td class="{"n" if i in numeric else ""}">{_e(c)}</td>' for i, c in enumerate(r)) + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(data: dict[str, Any]) -> str:
    """The report page for one run's report dictionary (`JobReport.to_dict()`)."""
    totals = data["totals"]
    inputs = data["inputs"]
    if data["exit_code"] != 0:
        status, label = "failed", "some inputs failed"
    elif inputs["seen"] == inputs["unchanged"]:
        status, label = "nothing", "nothing new"
    else:
        status, label = "ok", "ok"
    cards = [
        (inputs["processed"], "inputs processed"),
        (inputs["unchanged"], "inputs unchanged"),
        (inputs["failed"], "inputs failed"),
        (totals["rows_read"], "rows read"),
        (totals["rows_written"], "rows written"),
        (totals["rows_quarantined"], "rows quarantined"),
        (totals["findings"], "PII findings"),
        (data["seconds"], "seconds"),
    ]
    over_time = list(data["findings_by_date"].items())
    charts = [
        ("Findings by entity type", bar_chart(
            "chart-findings-by-type", list(data["findings_by_entity"].items()), _PALETTE["type"], "no findings")),
        ("Findings by speaker", bar_chart(
            "chart-findings-by-speaker", list(data["findings_by_speaker"].items()), _PALETTE["speaker"],
            "no findings")),
        ("Findings over time (by message date, UTC)", column_chart(
            "chart-findings-over-time", over_time, _PALETTE["date"], "no messages written")),
        ("Rows quarantined by reason", bar_chart(
            "chart-quarantine-by-reason", list(totals["quarantined_by_reason"].items()), _PALETTE["reason"],
            "no rows quarantined")),
    ]
    outcome_rows = [
        (o["source"], o["action"], len(o.get("outputs", [])), o.get("note") or o.get("duplicate_of") or "")
        for o in data["outcomes"]
    ]
    file_rows = [
        (f["source"], f["status"], f["rows_read"], f["rows_written"], f["rows_quarantined"], f.get("error") or "")
        for f in data["files"]
    ]
    provenance = [
        ("run id", data["run_id"]),
        ("started / finished (UTC)", f"{data['started_at']} / {data['finished_at']}"),
        ("policy SHA-256", data.get("chat_anonymizer.policy_sha256", "")),
        ("model", data.get("chat_anonymizer.model", "")),
        ("hash key id", data.get("chat_anonymizer.hash_key_id", "") or "none"),
        ("encryption key ids", data.get("chat_anonymizer.encryption_key_ids", "") or "none"),
        *((f"version of {name}", v) for name, v in data["versions"].items()),
        ("fields not written (not in the policy)", ", ".join(data["dropped_fields"]) or "none"),
    ]
    deleted = data["retention"]["deleted"]
    keep = data["retention"]["keep_days"]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>chat-anonymizer job report {_e(data['run_id'])}</title>",
        f"<style>{_CSS}</style></head><body>",
        f'<h1>Anonymization job report <span class="badge {status}" id="status">{_e(label)}</span></h1>',
        f'<div class="sub">run {_e(data["run_id"])} · {_e(data["started_at"])} · exit code '
        f"{_e(data['exit_code'])}</div>",
        '<div class="cards">'
        + "".join(f'<div class="card"><div class="n">{_fmt(n)}</div><div class="l">{_e(t)}</div></div>'
                  for n, t in cards)
        + "</div>",
        '<div class="charts">'
        + "".join(f"<section><h2>{_e(title)}</h2>{svg}</section>" for title, svg in charts)
        + "</div>",
        "<section><h2>Inputs handled in this run</h2>"
        + (_table(["input", "action", "output files", "note"], outcome_rows, numeric=[2]) if outcome_rows
           else "<p>Nothing new: every input was already processed.</p>")
        + "</section>",
        "<section><h2>Rows per input</h2>"
        + (_table(["input", "status", "read", "written", "quarantined", "error"], file_rows, numeric=[2, 3, 4])
           if file_rows else "<p>No input was read.</p>")
        + "</section>",
        "<section><h2>Retention</h2>"
        + (f"<p>Keeping {keep} days.</p>" if keep else "<p>No retention configured: nothing is deleted.</p>")
        + ("<ul>" + "".join(f"<li><code>{_e(d)}</code></li>" for d in deleted) + "</ul>" if deleted else "")
        + "</section>",
        "<section><h2>Provenance</h2>"
        + _table(["", ""], [(k, v) for k, v in provenance])
        + "</section>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"
