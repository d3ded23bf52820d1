"""The console in a real browser: headless Chromium (Debian) driven by Selenium through Debian's
chromedriver, against a real server process over HTTPS. Log in, read the clients overview, filter the
findings, open one, triage it, open the client's report (about 20 s).

CREDSCAN_SCREENSHOTS=DIR saves a screenshot of each step there (docs/server-*.png come from this test:
`CREDSCAN_SCREENSHOTS=docs python -m pytest tests/server/test_console.py`).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.server_fixtures import PASSWORD, finding_event, finding_record
from tests.support.server_process import ServerProcess

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not CHROMIUM or not CHROMEDRIVER, reason="needs Debian's chromium and chromium-driver packages"
)
SEVERITY_MIX = ["critical", "high", "high", "medium", "low", "critical", "high", "medium"]


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--window-size=1280,900",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ):
        options.add_argument(flag)  # fmt: skip
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(dir=tmp_path)}")
    options.accept_insecure_certs = True  # the server's self-signed certificate (agents pin it instead)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER or ""), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def populate(server: ServerProcess) -> None:
    server.cli("user", "add", "alice", "--role", "technician", "--password-stdin", stdin=PASSWORD + "\n")
    for client, share in (("Acme Dental", "acme"), ("Globex Logistics", "globex"), ("Initech", "initech")):
        server.cli("client", "add", client)
        token = server.cli("enroll-token", "--client", client).stdout.strip()
        status, body = server.call("POST", "/api/v1/enroll", body={"token": token, "name": f"{share}-fs01"})
        assert status == 200
        credential = json.loads(body)["credential"]
        events = []
        for n, severity in enumerate(SEVERITY_MIX[: 3 + len(share)]):
            category = "password-export" if n % 4 == 0 else "plaintext-password"
            record = finding_record(
                f"/srv/{share}/IT/Passwords-{n}.xlsx", severity=severity, category=category
            )
            events.append(finding_event("finding.new", record, host=f"{share}-fs01"))
        status, _ = server.call("POST", "/api/v1/events", credential, events)
        assert status == 200


def wait(driver: Any, css: str) -> Any:
    """The element once the page that has it is loaded (a click returns before the navigation ends)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 30).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css))
    )


def shot(driver: Any, name: str) -> None:
    folder = os.environ.get("CREDSCAN_SCREENSHOTS")
    if folder:
        driver.save_screenshot(str(Path(folder) / f"server-{name}.png"))


def test_login_filter_triage_report(tmp_path: Path, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    with ServerProcess(tmp_path / "srv") as server:
        populate(server)
        browser.get(server.url + "/")
        assert browser.current_url.endswith("/login")
        browser.find_element(By.NAME, "name").send_keys("alice")
        browser.find_element(By.NAME, "password").send_keys("not the password")
        browser.find_element(By.CSS_SELECTOR, "form.login button").click()
        assert "Wrong user name or password" in wait(browser, "p.error").text
        browser.find_element(By.NAME, "name").send_keys("alice")
        browser.find_element(By.NAME, "password").send_keys(PASSWORD)
        shot(browser, "login")
        browser.find_element(By.CSS_SELECTOR, "form.login button").click()

        wait(browser, "#clients")
        rows = browser.find_elements(By.CSS_SELECTOR, "#clients tbody tr")
        assert [r.find_element(By.TAG_NAME, "td").text for r in rows] == [
            "Acme Dental",
            "Globex Logistics",
            "Initech",
        ]
        assert "alice (technician)" in browser.find_element(By.TAG_NAME, "header").text
        cookie = browser.get_cookie("__Host-credscan-session")
        assert cookie and cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "Strict"
        shot(browser, "clients")

        browser.find_element(By.LINK_TEXT, "Findings").click()
        wait(browser, "#filters")
        Select(browser.find_element(By.NAME, "client")).select_by_visible_text("Globex Logistics")
        Select(browser.find_element(By.NAME, "severity")).select_by_visible_text("critical")
        browser.find_element(By.CSS_SELECTOR, "#filters button").click()
        wait(browser, "#findings tbody tr td.path a")
        assert "client=" in browser.current_url and "severity=critical" in browser.current_url
        cells = browser.find_elements(By.CSS_SELECTOR, "#findings tbody tr td:first-child")
        assert cells and {c.text for c in cells} == {"Globex Logistics"}
        severities = {
            c.text for c in browser.find_elements(By.CSS_SELECTOR, "#findings tbody tr td:nth-child(2)")
        }
        assert severities == {"critical"}
        shot(browser, "findings")

        browser.find_element(By.CSS_SELECTOR, "#findings tbody tr td.path a").click()
        wait(browser, "#triage")
        browser.find_element(By.NAME, "reason").send_keys("test data on the lab share")
        browser.find_element(By.CSS_SELECTOR, "#triage button[value=false-positive]").click()
        status = wait(browser, "#triage button[value=reopen]") and browser.find_element(By.ID, "status").text
        assert status.startswith("false-positive by alice") and "test data on the lab share" in status
        history = browser.find_elements(By.CSS_SELECTOR, "#history tbody tr")
        assert [r.find_elements(By.TAG_NAME, "td")[1].text for r in history] == ["new", "false-positive"]
        shot(browser, "finding")

        browser.get(server.url + "/")
        wait(browser, "#clients tbody tr:nth-child(2) a[href$='/report']").click()
        wait(browser, "table")
        assert "Globex Logistics" in browser.page_source
        assert "Passwords-" in browser.page_source
        shot(browser, "report")
