"""The web workspace: case list with 500 cases and the dashboard; a form filled from the browser.

Run: ``DOCGEN_FORMS_DIR=../shared/forms .venv/bin/python -m bench.bench_web [--cases 500] [--runs 30]``

Starts ``docgen serve`` on a free local port over generated fictional cases, logs in and prints:
- the case list and the dashboard: the server's own time per page (its ``Server-Timing`` header) and the
  time the client waited, median and p95 after a warm-up, and the first (cold) load that reads every file;
- an I-765 for the spouse filled from the browser (Debian's chromium, headless): time from the click on
  "Fill" to the PDF downloaded by the browser (the click on its link included), warm, beside the CLI
  (``docgen fill`` as a process) and the in-process fill (``fill_form`` on the case file, as the page calls it).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from docgen.yamlio import StrictLoader

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "cases"
PASSWORD = "bench passphrase 1234"
CLASSES = ["H-1B", "L-1A", "EB-2", "O-1A", "TN", "E-2"]
STATUSES = ["preparing", "filed", "rfe received", "approved", "biometrics scheduled"]
FAMILY = ["Okafor", "Haddad", "Vasconcelos", "Sato", "Mwangi", "Quispe", "Tamm", "Novak", "Reyes", "Lindqvist"]


def make_cases(folder: Path, count: int) -> None:
    """``count`` fictional cases from the samples, each with its own id, names, class, status and dates."""
    files = sorted(SAMPLES.glob("*.yaml"))
    samples = [json.loads(json.dumps(yaml.load(p.read_text(), Loader=StrictLoader))) for p in files]
    for n in range(count):
        data = samples[n % len(samples)]
        data["case_id"] = f"BENCH-{n:04d}"
        data["beneficiary"]["family_name"] = FAMILY[n % len(FAMILY)]
        data["beneficiary"]["given_name"] = f"Person{n}"
        facts = data.setdefault("facts", {})
        facts["classification"], facts["status"] = CLASSES[n % len(CLASSES)], STATUSES[n % len(STATUSES)]
        i94 = data["beneficiary"].setdefault("i94", {})
        i94["expiry_date"] = f"{2026 + n % 3}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        (folder / f"bench-{n:04d}.yaml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


class Client:
    """A logged-in HTTP client (cookies, CSRF token)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> tuple[float, float, bytes]:
        """(server ms, client ms, body)."""
        start = time.perf_counter()
        with self.opener.open(self.base + path) as response:
            body = response.read()
            timing = response.headers.get("Server-Timing", "app;dur=0")
        client = (time.perf_counter() - start) * 1000
        return float(timing.split("app;dur=")[1].split(",")[0]), client, body

    def login(self, user: str) -> None:
        _, _, body = self.get("/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()  # type: ignore[union-attr]
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": user, "password": PASSWORD})
        request = urllib.request.Request(self.base + "/login/", data=data.encode(), headers={"Referer": self.base})
        with self.opener.open(request) as response:
            assert b"Log out" in response.read(), "login failed"


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(values):7.1f} ms   p95 {p95:7.1f} ms"


def start_server(root: Path, env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    docgen = [sys.executable, "-m", "docgen.cli"]
    subprocess.run([*docgen, "users", "add", "bench", "--role", "counsel", "--data", str(root / "data")],
                   input=PASSWORD + "\n", text=True, env=env, check=True, capture_output=True)
    server = subprocess.Popen([*docgen, "serve", "--data", str(root / "data"), "--cases", str(root / "cases"),
                               "--port", "0"], env=env, stdout=subprocess.PIPE, text=True)
    line = server.stdout.readline() if server.stdout else ""
    return server, line.split()[3].rstrip("/")


@dataclass
class BrowserFill:
    """Per warm run: click-to-PDF in the browser, the server's own time for it, and the browser's floor."""

    click_to_pdf: list[float] = field(default_factory=list)
    server: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    parts: dict[str, list[float]] = field(default_factory=dict)  # server ms per request kind, every run
    in_browser: list[float] = field(default_factory=list)
    link_ready: list[float] = field(default_factory=list)


FETCH_PDF = """async () => {
  const link = document.querySelector('.downloads a');
  const start = performance.now();
  const body = await (await fetch(link.href)).arrayBuffer();
  if (new TextDecoder().decode(body.slice(0, 5)) !== '%PDF-') { throw new Error('not a PDF'); }
  return performance.now() - start;
}"""


FILL, FILL_FORM, JOB_PAGE, PAGE_IMAGE, DOWNLOAD, OTHER = (
    "fill request (POST, fill_form, job row, file written, redirect)",
    "  of it fill_form inside the server",
    "job page",
    "page image drawn while waiting",
    "PDF download",
    "other",
)
KINDS = [FILL, FILL_FORM, JOB_PAGE, PAGE_IMAGE, DOWNLOAD, OTHER]  # the order of the breakdown


def request_kind(request: Any) -> str:
    """What a request of the fill was, for the breakdown."""
    url = request.url
    if request.method == "POST":
        return FILL
    if url.endswith(".png"):
        return PAGE_IMAGE
    if "/files/" in url:
        return DOWNLOAD
    if "/jobs/" in url:
        return JOB_PAGE
    return OTHER


def browser_fill(base: str, runs: int) -> BrowserFill:
    """Click-to-PDF times of the I-765 for the spouse, from a logged-in headless chromium.

    Beside each: the server's time for the requests of that click (``Server-Timing`` of the fill, the job page
    and any page image drawn meanwhile) and the browser's floor: the same click and download on the page
    already shown (what the browser and Playwright cost on their own, with the PDF already made).
    """
    from playwright.sync_api import sync_playwright

    out = BrowserFill()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"])
        page = browser.new_page(accept_downloads=True)
        page.goto(base + "/login/")
        page.fill("#id_username", "bench")
        page.fill("#id_password", PASSWORD)
        page.click("button:has-text('Log in')")
        server: list[float] = []
        kinds: list[tuple[str, float]] = []

        def on_response(response: Any) -> None:
            timing = dict(
                (part.split(";dur=")[0].strip(), float(part.split(";dur=")[1]))
                for part in response.headers.get("server-timing", "").split(",")
                if ";dur=" in part
            )
            if "app" in timing:
                server.append(timing["app"])
                kinds.append((request_kind(response.request), server[-1]))
            if "fill" in timing:
                kinds.append((FILL_FORM, timing["fill"]))

        page.on("response", on_response)
        for run in range(runs + 1):
            page.goto(base + "/cases/BENCH-0002/forms/")
            page.select_option("#form", "I-765")
            page.select_option("#person", "spouse")
            server.clear()
            kinds.clear()
            start = time.perf_counter()
            page.click("button:has-text('Fill')")
            with page.expect_download() as download:
                page.click(".downloads a")
            path = download.value.path()  # waits until the browser has the whole file
            took = (time.perf_counter() - start) * 1000
            spent = sum(server)
            parts = list(kinds)
            assert path.read_bytes().startswith(b"%PDF-")
            start = time.perf_counter()
            with page.expect_download() as download:
                page.click(".downloads a")
            download.value.path()
            # the browser's own clock: from the form sent (the navigation's start, the POST and its redirect
            # included) to the job page ready with its link, then the PDF fetched by the page itself
            link_ready = page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
            fetched = page.evaluate(FETCH_PDF)
            if run:  # the first is the warm-up
                out.in_browser.append(link_ready + fetched)
                out.link_ready.append(link_ready)
                out.click_to_pdf.append(took)
                out.server.append(spent)
                out.floor.append((time.perf_counter() - start) * 1000)
                for kind, ms in parts:
                    out.parts.setdefault(kind, []).append(ms)
        browser.close()
    return out


def median_ms(func: Any, runs: int) -> float:
    func()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--fill-runs", type=int, default=7)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="docgen-bench-web-"))
    (root / "cases").mkdir()
    make_cases(root / "cases", args.cases)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DOCGEN_WEB_", "DJANGO_"))}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    server, base = start_server(root, env)
    try:
        client = Client(base)
        client.login("bench")
        print(f"workspace at {base} with {args.cases} cases; {args.runs} requests per page after a warm-up")
        for label, path in (("case list", "/"), ("dashboard", "/dashboard/")):
            cold_server, _, body = client.get(path)
            assert path != "/" or body.count(b"<tr data-search") == args.cases
            servers, clients = [], []
            for _ in range(args.runs):
                server_ms, client_ms, _ = client.get(path)
                servers.append(server_ms)
                clients.append(client_ms)
            print(f"{label:<10} server {summary(servers)}   client {summary(clients)}   "
                  f"(first load {cold_server:.0f} ms)")
        from docgen.forms.fill import fill_form

        case = root / "cases" / "bench-0002.yaml"
        in_process = median_ms(lambda: fill_form("I-765", case, person="spouse"), args.fill_runs)
        target = root / "cli.pdf"
        cli = median_ms(lambda: subprocess.run(
            [sys.executable, "-m", "docgen.cli", "fill", "I-765", "--case", str(case), "--for", "spouse", "-o",
             str(target)], env=env, check=True, capture_output=True), max(3, args.fill_runs // 2))
        measured = browser_fill(base, args.fill_runs)
        browser = statistics.median(measured.click_to_pdf)
        served = statistics.median(measured.server)
        floor = statistics.median(measured.floor)
        print(f"I-765 for the spouse: browser click-to-PDF {browser:6.0f} ms ({browser / in_process:.2f}x in-process)"
              f"   in-process fill_form {in_process:6.0f} ms   CLI process {cli:6.0f} ms")
        print(f"  of the click-to-PDF: server time {served:6.0f} ms ({served / in_process:.2f}x in-process; the fill "
              f"request, the job page and any page image drawn meanwhile); the browser's own floor (the same click "
              f"and download, PDF already made) {floor:6.0f} ms")
        own = statistics.median(measured.in_browser)
        print(f"  in the browser's own clock (no Playwright): form sent to job page ready "
              f"{statistics.median(measured.link_ready):4.0f} ms, + the PDF fetched = {own:4.0f} ms "
              f"({own / in_process:.2f}x in-process)")
        for kind, values in sorted(measured.parts.items(), key=lambda item: KINDS.index(item[0])):
            print(f"    {kind:<62} median {statistics.median(values):6.0f} ms, {len(values)} in {args.fill_runs} runs")
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stdout:
            server.stdout.close()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
