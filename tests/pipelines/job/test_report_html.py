"""The HTML run report: self-contained (no URL, no script), and rendered by a real headless Chromium with its charts.

The browser checks need Debian's chromium (`apt-get install -y chromium`); without it they skip, saying so.
The screenshot is kept as a test artifact in tests/artifacts/ (git-ignored) and its path printed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from job_helpers import CANARY_EMAIL, messages, run, write_export

from anonymizer import Anonymizer
from pipelines.job import JobResult

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
CHARTS = ("chart-findings-by-type", "chart-findings-by-speaker", "chart-findings-over-time",
          "chart-quarantine-by-reason")


def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("chromium is not installed (Debian: apt-get install -y chromium); the HTML report is not browser-checked")


@pytest.fixture()
def report(dirs: dict[str, Path], anon: Anonymizer) -> JobResult:
    days = ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-05"]
    write_export(dirs["exports"] / "a.jsonl", [*messages("a", 24, days=days, undated=2), "{broken", '"a string"'])
    write_export(dirs["exports"] / "b.jsonl", messages("b", 6, days=["2026-03-04"]))
    return run(dirs, anon)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_the_html_report_is_self_contained_and_holds_no_pii(report: JobResult) -> None:
    page = (report.report_dir / "report.html").read_text()
    parser = _Collector()
    parser.feed(page)
    tags = {tag for tag, _ in parser.tags}
    assert "script" not in tags and "link" not in tags and "img" not in tags and "iframe" not in tags
    assert not re.search(r"(?:https?:)?//[a-z0-9]", page, re.IGNORECASE)  # no URL of any kind
    assert not any(attrs.get("src") or attrs.get("href") for _, attrs in parser.tags)
    csp = [a for t, a in parser.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")
    assert [a.get("id") for t, a in parser.tags if t == "svg"] == list(CHARTS)
    assert CANARY_EMAIL not in page and "Quarantotti" not in page


def run_chromium(browser: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
            f"--user-data-dir={tmp_path / 'chromium-profile'}", "--enable-logging=stderr", "--v=0", *args,
        ],
        capture_output=True, text=True, timeout=120,
    )


def console_problems(stderr: str) -> list[str]:
    """Console errors, uncaught exceptions, CSP refusals and failed loads Chromium logged for the page."""
    return [
        line for line in stderr.splitlines()
        if "Uncaught" in line or "Refused to" in line or "net::ERR" in line
        or ("CONSOLE" in line and ("Error" in line or "error" in line))
    ]


def test_the_html_report_renders_its_charts_in_headless_chromium(report: JobResult, tmp_path: Path) -> None:
    browser = chromium()
    url = (report.report_dir / "report.html").resolve().as_uri()

    dom = run_chromium(browser, tmp_path, "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert console_problems(dom.stderr) == []
    rendered = dom.stdout
    for chart in CHARTS:
        start = rendered.index(f'id="{chart}"')
        chart_svg = rendered[start : rendered.index("</svg>", start)]
        assert chart_svg.count("<rect") >= 1, chart  # every chart has data in this run
    over_time = rendered[rendered.index('id="chart-findings-over-time"'):]
    over_time = over_time[: over_time.index("</svg>")]
    assert over_time.count("<rect") == 6 and "2026-03-05" in over_time and "unknown" in over_time
    assert 'id="status">ok<' in rendered

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    screenshot = ARTIFACTS / "job-report.png"
    screenshot.unlink(missing_ok=True)
    shot = run_chromium(browser, tmp_path, f"--screenshot={screenshot}", "--window-size=1200,1600", url)
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert console_problems(shot.stderr) == []
    data = screenshot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000  # a blank page compresses to a few KB
    print(f"HTML report screenshot: {screenshot}")
