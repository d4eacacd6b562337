"""okrtui serve in a real browser: headless Chromium through chromedriver and selenium.

The browser loads the page, the TUI paints its dashboard, keys typed into the page open
an objective and check in, and the check-in reaches the workspace file. What the page's
terminal receives is read by wrapping the page's WebSocket before its scripts run; the
test waits for conditions (text received, the port open, the file changed), never for a
fixed time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from okrtui.domain.records.periods import Period
from okrtui.services import Services

OKRTUI = Path(sys.executable).with_name("okrtui")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

try:
    import selenium  # noqa: F401
    import textual_serve  # noqa: F401
    missing = ""
except ImportError as exc:  # the test extra installs both
    missing = f"{exc.name} is not installed (pip install -e '.[test]')"
if not missing and (CHROMIUM is None or DRIVER is None):
    missing = ("chromium and chromium-driver are not installed and could not be "
               "(.ci/run installs them with apt-get as root)")
pytestmark = pytest.mark.skipif(bool(missing), reason=missing)

# Record what the page's terminal receives, as text, before the page's own scripts run.
CAPTURE = """
(() => {
  const Native = window.WebSocket;
  window.__okrtuiReceived = "";
  function Capturing(url, protocols) {
    const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    const decoder = new TextDecoder();
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") {
        window.__okrtuiReceived += decoder.decode(new Uint8Array(event.data), {stream: true});
      }
    });
    return socket;
  }
  Capturing.prototype = Native.prototype;
  Object.assign(Capturing, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  window.WebSocket = Capturing;
})();
"""
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[@-_]")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition: Callable[[], object], what: str, timeout: float = 60,
               seen: Callable[[], str] | None = None) -> object:
    """Poll `condition` until it is truthy; fail naming `what` (and the tail of what was
    `seen`) after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            tail = f"; the page had received: {seen()[-1500:]!r}" if seen else ""
            raise AssertionError(f"timed out waiting for {what}{tail}")
        time.sleep(0.05)


@contextlib.contextmanager
def served(db: Path, *extra: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`okrtui serve` on a free loopback port, as alice; stopped with SIGTERM after."""
    port = free_port()
    server = subprocess.Popen(
        [str(OKRTUI), "serve", "--db", str(db), "--user", "alice", "--port", str(port),
         *extra], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True)
    try:
        def listening() -> bool:
            if server.poll() is not None:
                raise AssertionError(f"okrtui serve ended: {server.stderr.read()}")
            with socket.socket() as probe:
                return probe.connect_ex(("127.0.0.1", port)) == 0

        wait_until(listening, "okrtui serve to listen")
        yield f"http://127.0.0.1:{port}/", server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    """Headless Chromium, as root, with no network of its own and a fresh profile."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1280,800",
                 f"--user-data-dir={tempfile.mkdtemp(dir=tmp_path)}"):
        options.add_argument(flag)
    # Every request the browser starts (sent or failed), to see which hosts a page asks.
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CAPTURE})
    try:
        yield driver
    finally:
        driver.quit()


def received(driver: object) -> str:
    """What the page's terminal has received so far, without the escape sequences."""
    raw = driver.execute_script("return window.__okrtuiReceived || ''")  # type: ignore[attr-defined]
    return _ESCAPES.sub("", raw)


# What a page or a style sheet asks for: links, scripts, images, and url(...) in CSS.
_REFERENCES = re.compile(r"""(?:href|src)\s*=\s*["']([^"']+)["']|url\(\s*["']?([^"')]+)""")
_CSS_COMMENTS = re.compile(r"/\*.*?\*/", re.DOTALL)


def references(text: str) -> list[str]:
    """The URLs that `text` (HTML or CSS, comments aside) makes a browser request."""
    return [a or b for a, b in _REFERENCES.findall(_CSS_COMMENTS.sub("", text))]


def requested(driver: object) -> list[str]:
    """Every URL the browser has started a request for, from its performance log."""
    urls = []
    for entry in driver.get_log("performance"):  # type: ignore[attr-defined]
        message = json.loads(entry["message"])["message"]
        if message["method"] in ("Network.requestWillBeSent",
                                 "Network.webSocketCreated"):
            params = message["params"]
            urls.append(params["request"]["url"] if "request" in params else params["url"])
    return urls


def foreign(urls: list[str], served_at: str) -> list[str]:
    """Those of `urls` that go over the network to a host other than the one at
    `served_at` (data:, blob: and the browser's own chrome: pages go nowhere)."""
    own = urlsplit(served_at).netloc
    return [url for url in urls if urlsplit(url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(url).netloc != own]


def test_the_served_page_asks_no_other_host(db_path: Path, make_services) -> None:  # type: ignore[no-untyped-def]
    make_services("alice").add_objective("Anything", "2026-Q4")
    with served(db_path) as (url, _server):
        page = urllib.request.urlopen(url, timeout=30).read().decode()
        asked = [urljoin(url, ref) for ref in references(page)]
        assert any(ref.endswith(".css") for ref in asked)  # the style sheets are read too
        for sheet in [ref for ref in asked if ref.endswith(".css")]:
            css = urllib.request.urlopen(sheet, timeout=30).read().decode()
            asked += [urljoin(sheet, ref) for ref in references(css)]
        assert foreign(asked, url) == []
        assert any("fonts/RobotoMono" in ref for ref in asked)  # its font, from itself
        for ref in asked:  # and the server has each one
            assert urllib.request.urlopen(ref, timeout=30).status == 200


def test_a_check_in_made_in_the_browser_reaches_the_file(browser: object, db_path: Path,
                                                         make_services) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    services: Services = make_services("alice")
    quarter = Period.parse(f"{dt.date.today().year}-Q{(dt.date.today().month - 1) // 3 + 1}")
    objective = services.add_objective("Expand our customer base", quarter.name)
    kr = services.add_key_result(objective.id, "Acquire 50 new customers", target=50,
                                 unit="customers")
    with served(db_path) as (url, _server):
        browser.get(url)  # type: ignore[attr-defined]
        wait_until(lambda: "Expand our customer base" in received(browser),
                   "the dashboard in the browser")
        keyboard = wait_until(lambda: browser.find_elements(  # type: ignore[attr-defined]
            By.CSS_SELECTOR, ".xterm-helper-textarea"), "the terminal's keyboard")[0]
        keyboard.send_keys("\n")  # open the objective
        wait_until(lambda: "0/50 customers" in received(browser), "the objective screen")
        keyboard.send_keys("c")  # check in on the key result under the cursor
        # The value field, focused and drawn (its placeholder): typing goes there now.
        wait_until(lambda: "the value today" in received(browser), "the check-in form")
        keyboard.send_keys("35")
        wait_until(lambda: "70%" in received(browser), "the form's preview of the score",
                   seen=lambda: received(browser))
        keyboard.send_keys("\n")  # save

        def checked_in() -> bool:
            latest = Services.open(db_path, "probe").workspace().latest_checkin(kr.id)
            return latest is not None and latest.value == 35

        wait_until(checked_in, "the check-in in the workspace file")
        latest = Services.open(db_path, "probe").workspace().latest_checkin(kr.id)
        assert latest.author == "alice"  # as the user who started the server
        wait_until(lambda: "35/50 customers" in received(browser), "the saved value shown")
        # The page, its font and its socket came from the server, and nothing else was
        # asked of any host (Google Fonts, say), whether or not the request could succeed.
        wait_until(lambda: browser.execute_script(  # type: ignore[attr-defined]
            "return document.fonts.status") == "loaded", "the page's fonts")
        urls = requested(browser)
        assert foreign(urls, url) == []
        assert any("fonts/RobotoMono" in u for u in urls)
        assert any(u.startswith("ws:") for u in urls)
        entries = browser.execute_script(  # type: ignore[attr-defined]
            "return performance.getEntriesByType('resource').map(e => e.name)")
        assert foreign(entries, url) == []


def test_a_host_beyond_loopback_needs_public_and_says_there_is_no_login(
        db_path: Path, make_services) -> None:  # type: ignore[no-untyped-def]
    make_services("alice").add_objective("Anything", "2026-Q4")
    refused = subprocess.run([str(OKRTUI), "serve", "--db", str(db_path), "--user", "alice",
                              "--host", "0.0.0.0"], capture_output=True, text=True,
                             timeout=60, check=False, stdin=subprocess.DEVNULL)
    assert refused.returncode == 2 and refused.stdout == ""
    assert "no login" in refused.stderr and "--public" in refused.stderr
    assert len(refused.stderr.splitlines()) == 1
    with served(db_path, "--host", "0.0.0.0", "--public") as (_url, server):
        os.killpg(server.pid, signal.SIGTERM)
        _, err = server.communicate(timeout=30)
    assert "warning: serving on 0.0.0.0: there is no login: anyone who reaches it acts " \
           "as alice" in err
    assert "SSH tunnel" in err and "reverse proxy" in err
