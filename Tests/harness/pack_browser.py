#!/usr/bin/env python3
"""The meeting pack in a real browser: `agenda --format html --output FILE` opened in headless Chromium.

Usage: pack_browser.py SOP_BINARY [--keep DIR]

Plays Playbooks/plan-history.sop (four months of plans) into a scratch database, adds what the pack
must show on top of it (a decision that supersedes another, an open proposal whose options are
scenarios, an action whose title is hostile markup), writes November's pack, and then checks:

- the HTML alone: no src or href that leaves the page, no script, stylesheet link, @import or
  url() other than the page's own patterns;
- Chromium's DOM (--dump-dom): every section in meeting order, every kind of chart with role="img"
  and an aria-label, the superseded decision in <del>, the hostile title as text (no <img>, no
  script ran to retitle the page);
- the network: Chromium runs with every host name unresolvable and a netlog; no request may come
  from the page (its requests carry the file:// isolation key; the browser's own update and account
  pings carry none and are not the page's). A probe page with an image and a stylesheet from the
  network is run first, so the check is shown to catch them;
- a 1280x800 screenshot and a print to PDF both succeed (a PNG of that size, a PDF of several pages).

Installs Chromium from Debian's packages when it is missing (as root, or through sudo); fails with a
clear message when it can do neither. Chromium as root needs --no-sandbox. --keep DIR keeps the
pack, the screenshot and the PDF (docs/meeting-pack.png is made this way).
"""

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser

from harness_support import HarnessFailure, Sop, fail, main, say

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SECTIONS = ["changes", "stage-performance", "product-families", "financial", "risks",
            "decisions", "reviews", "constraints", "long-term", "actions"]
CHARTS = ["stage-timeline", "accuracy-trend", "family-balance", "forecast-actual", "revenue-budget", "scenario-comparison"]
HOSTILE = 'Brief <script>document.title="PWNED"</script> "><img src=x onerror=alert(2)> the works council'
# The meeting is over and the pack is rewritten for the record: a fixed clock, so the figures never
# depend on the day the check runs.
NOW = "2026-11-20T16:00:00Z"
# Quiet the browser's own background traffic as far as flags go; what is left is told apart below.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-extensions", "--disable-default-apps", "--no-pings",
                  "--host-resolver-rules=MAP * ~NOTFOUND"]


def chromium():
    """The Chromium binary, installed from Debian's packages when missing."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    if os.geteuid() == 0:
        prefix = []
    elif shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        prefix = ["sudo", "-n"]
    else:
        fail("chromium is not installed and this user can neither install it (not root) nor use sudo without a password: "
             "run `sudo apt-get install -y chromium` once, then re-run")
    say("Installing chromium (apt-get install -y chromium) ...")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for step in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        done = subprocess.run(prefix + step, capture_output=True, text=True, env=env)
        if done.returncode != 0:
            fail(f"`{' '.join(prefix + step)}` failed ({done.returncode}): {done.stderr.strip()[-400:]}")
    found = shutil.which("chromium")
    if not found:
        fail("apt-get installed chromium but no `chromium` is on PATH")
    return found


def browse(browser, url, *flags, timeout=180):
    """Runs headless Chromium once on `url`; returns its stdout (the DOM for --dump-dom)."""
    argv = [browser] + CHROMIUM_FLAGS + list(flags) + [url]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        fail(f"chromium did not finish within {timeout} s: {' '.join(argv)}")
    if done.returncode != 0:
        fail(f"chromium exited {done.returncode} on {url}: {done.stderr.strip()[-600:]}")
    return done.stdout


def page_requests(netlog):
    """The URLs the page itself asked for: requests whose isolation key is the file:// page's.
    The browser's own pings (component updates, accounts) have initiator 'not an origin'."""
    try:
        with open(netlog) as f:
            log = json.load(f)
    except (OSError, ValueError) as error:
        fail(f"the netlog {netlog} is not readable JSON ({error})")
    names = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    found = []
    for event in log.get("events", []):
        params = event.get("params") or {}
        if names.get(event.get("type")) != "URL_REQUEST_START_JOB" or "url" not in params:
            continue
        if params.get("initiator") != "not an origin" or "file://" in params.get("network_isolation_key", ""):
            found.append(params["url"])
    return found


class Tags(HTMLParser):
    """Every element and its attributes, as a browser's tokenizer sees them (text stays text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def check_html(html):
    """The file alone: nothing in it names a place off the page."""
    parser = Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        if tag in ("script", "link", "img", "iframe", "object", "embed", "base"):
            fail(f"the pack has a <{tag}> element")
        for name in ("src", "href", "xlink:href", "action", "srcset", "poster", "data", "background"):
            value = attrs.get(name)
            if value is not None and not value.startswith("#"):
                fail(f"the pack has <{tag} {name}={value!r}>: a reference off the page")
    for banned in ("<script", "<link", "@import", "@font-face", "<iframe", "<object", "<embed", "<img", "http:", "https:"):
        if banned in html.lower():
            fail(f"the pack holds {banned!r}")
    for target in re.findall(r"url\(\s*([^)]*)\)", html):
        if not target.strip("'\" ").startswith("#"):
            fail(f"the pack's CSS has url({target}): only the page's own patterns may be named")


def check_dom(dom):
    """What Chromium built from the file."""
    places = []
    for section in SECTIONS:
        at = dom.find(f'<section id="{section}">')
        if at < 0:
            fail(f"the DOM has no section {section!r}")
        places.append(at)
    if places != sorted(places):
        fail(f"the sections are not in meeting order: {list(zip(SECTIONS, places))}")
    for chart in CHARTS:
        if f'data-chart="{chart}"' not in dom:
            fail(f"the DOM has no {chart} chart")
    charts = re.findall(r"<svg [^>]*class=\"chart\"[^>]*>", dom)
    unlabelled = [c for c in charts if 'role="img"' not in c or 'aria-label="' not in c]
    if unlabelled:
        fail(f"{len(unlabelled)} of {len(charts)} charts have no role=img and aria-label: {unlabelled[0][:200]}")
    if re.search(r"<del class=\"superseded\">D-4 ", dom) is None:
        fail("the superseded decision D-4 is not struck through (<del>)")
    if 'class="short-month"' not in dom:
        fail("no short month is hatched, though Lounge runs short on the submitted plan")
    if "<img" in dom or "PWNED" in dom.split("</title>")[0]:
        fail("the hostile action title became markup (an <img>, or a script that retitled the page)")
    if "&lt;script&gt;document.title=\"PWNED\"&lt;/script&gt; \"&gt;&lt;img src=x onerror=alert(2)&gt;" not in dom:
        fail("the hostile action title is not shown as the text typed")
    return len(charts)


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path} is not a PNG")
    return struct.unpack(">II", head[16:24])


def run():
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        fail("usage: pack_browser.py SOP_BINARY [--keep DIR]")
    sop = Sop(args[0])
    keep = args[args.index("--keep") + 1] if "--keep" in args and args.index("--keep") + 1 < len(args) else None
    browser = chromium()
    version = subprocess.run([browser, "--version"], capture_output=True, text=True).stdout.strip()
    say(f"browser: {version}")
    work = tempfile.mkdtemp(prefix="sop-pack-browser-")
    try:
        # The detector first: a page that does reach out must be caught, or the real check proves nothing.
        probe = os.path.join(work, "probe.html")
        with open(probe, "w") as f:
            f.write('<!DOCTYPE html><html><body><img src="http://pack-probe.invalid/x.png">'
                    '<link rel="stylesheet" href="https://pack-probe.invalid/a.css"></body></html>')
        browse(browser, "file://" + probe, "--log-net-log=" + os.path.join(work, "probe.netlog"), "--dump-dom")
        caught = page_requests(os.path.join(work, "probe.netlog"))
        if not any("pack-probe.invalid" in url for url in caught):
            fail(f"the netlog check missed a probe page's network requests (saw {caught}): it cannot be trusted")
        say(f"netlog check catches a page's requests: {len(caught)} seen on the probe page")

        db = os.path.join(work, "plans.db")
        played = sop.run(db, "play", os.path.join(ROOT, "Playbooks", "plan-history.sop"), actor=None, now="2026-08-03T08:00:00Z", timeout=600)
        if played.code != 0:
            fail(f"playing plan-history.sop failed: {played}")
        # The works council says no: back to the submitted supply plan, so Lounge runs short and the
        # pack has shortages to draw.
        sop.ok(db, "decide", "Run December on the submitted plan, without Saturday overtime", "--option", "baseline",
               "--supersedes", "D-4", "--rationale", "The works council declined Saturday shifts", actor="sam", now=NOW)
        sop.ok(db, "propose", "Extend Saturday overtime into January", "--stage", "supply-review",
               "--scenarios", "overtime,baseline", actor="maria", now=NOW)
        sop.ok(db, "action", "add", HOSTILE, "--owner", "omar", "--due", "2026-11-27", actor="maria", now=NOW)
        pack = os.path.join(work, "pack.html")
        started = time.monotonic()
        written = sop.ok(db, "--cycle", "2026-11", "agenda", "--format", "html", "--output", pack, actor=None, now=NOW)
        say(f"{written.out.strip()} ({time.monotonic() - started:.2f} s)")
        with open(pack, encoding="utf-8") as f:
            html = f.read()
        check_html(html)
        say("the HTML names nothing off the page")

        netlog = os.path.join(work, "pack.netlog")
        dom = browse(browser, "file://" + pack, "--log-net-log=" + netlog, "--dump-dom")
        charts = check_dom(dom)
        say(f"the DOM has all {len(SECTIONS)} sections in order and {charts} labelled charts of {len(CHARTS)} kinds")
        requests = page_requests(netlog)
        if requests:
            fail(f"the pack made network requests: {requests}")
        say("the page made no network request")

        shot = os.path.join(work, "meeting-pack.png")
        browse(browser, "file://" + pack, "--screenshot=" + shot, "--window-size=1280,800")
        if not os.path.exists(shot) or png_size(shot) != (1280, 800):
            fail(f"the screenshot is missing or not 1280x800: {shot}")
        pdf = os.path.join(work, "meeting-pack.pdf")
        browse(browser, "file://" + pack, "--print-to-pdf=" + pdf, "--no-pdf-header-footer")
        with open(pdf, "rb") as f:
            data = f.read()
        pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
        if not data.startswith(b"%PDF") or pages < 2:
            fail(f"the PDF is not a PDF of several pages ({len(data)} bytes, {pages} pages)")
        say(f"screenshot 1280x800 ({os.path.getsize(shot)} bytes) and PDF ({pages} pages, {len(data)} bytes) made")
        if keep:
            os.makedirs(keep, exist_ok=True)
            for path in (pack, shot, pdf):
                shutil.copy(path, keep)
            say(f"kept the pack, screenshot and PDF in {keep}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(run)
