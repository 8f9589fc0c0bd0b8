#!/usr/bin/env python3
"""The desk page in a real browser: Chromium, headless, driven through WebDriver.

Starts `byline serve` on a free loopback port with the demonstration memory (in a
temporary data folder), signs in with a reader's token, pastes the seed report, runs the
desk and checks what an editor sees: "Seoul" highlighted as a fixed name (and undone and
redone by a click), three summary sentences with scores, and a translation-memory match
with its percentage. Saves a screenshot of the page.

    python3 Tests/Browser/desk_page.py --byline .build/debug/byline --screenshot artifacts/desk-page.png

Needs `chromium` and `chromium-driver` (Debian) and `selenium` (PyPI). Exits 0 when every
check holds, 1 with the reason otherwise; the service stops with the script.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as conditions
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_e10f10481b35292a.txt"


def fail(message):
    print(f"desk page: {message}", file=sys.stderr)
    sys.exit(1)


def run(byline, *arguments, environment):
    done = subprocess.run([byline, *arguments], env=environment, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        fail(f"byline {' '.join(arguments)} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def start_service(byline, database, environment):
    service = subprocess.Popen(
        [byline, "serve", "--db", database, "--port", "0", "--workers", "2", "--stop-at-end-of-input"],
        env=environment, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = service.stderr.readline()
        if not line:
            break
        found = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
        if found:
            return service, found.group(1)
    service.kill()
    fail("the service did not start")


def browser():
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,3400",
                     "--disable-gpu", "--no-first-run", "--disable-extensions"]:
        options.add_argument(argument)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        options.binary_location = chromium
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    return webdriver.Chrome(service=Service(driver_path), options=options)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--byline", default=str(ROOT / ".build" / "debug" / "byline"))
    parser.add_argument("--screenshot", default=str(ROOT / "artifacts" / "desk-page.png"))
    arguments = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="byline-page-")
    environment = dict(os.environ, XDG_DATA_HOME=folder, NO_COLOR="1")
    environment.pop("BYLINE_TM", None)
    service = None
    driver = None
    try:
        # The desk's first run makes the default memory with the demonstration memory.
        run(arguments.byline, "desk", str(SEED), environment=environment)
        database = os.path.join(folder, "byline", "tm.sqlite")
        token = run(arguments.byline, "serve", "token", "create", "page-test", "--role", "reader", "--db", database,
                    environment=environment).strip()
        service, address = start_service(arguments.byline, database, environment)

        driver = browser()
        wait = WebDriverWait(driver, 60)
        driver.get(address + "/")
        if "Byline desk" not in driver.title:
            fail(f"the page's title is {driver.title!r}")

        # Sign in once; the token stays in this tab's session storage only.
        driver.find_element(By.ID, "token").send_keys(token)
        driver.find_element(By.CSS_SELECTOR, "#sign-in button[type=submit]").click()
        wait.until(lambda d: d.find_element(By.ID, "run").is_enabled())
        kept = driver.execute_script("return [sessionStorage.getItem('byline-token'), localStorage.length]")
        if kept[0] != token or kept[1] != 0:
            fail(f"the token should be in session storage only: {kept}")

        report = SEED.read_text(encoding="utf-8")
        area = driver.find_element(By.ID, "report")
        area.click()
        # Pasted, as an editor does: the text goes in through the clipboard event path.
        driver.execute_script(
            "const area = arguments[0]; area.focus(); area.value = arguments[1];"
            "area.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));", area, report)
        if driver.find_element(By.ID, "report").get_attribute("value") != report:
            fail("the report did not arrive in the text area whole")
        driver.find_element(By.ID, "run").click()

        wait.until(conditions.visibility_of_element_located((By.ID, "results")))
        marks = driver.find_elements(By.CSS_SELECTOR, "#text mark.fix")
        seoul = [mark for mark in marks if mark.text == "Seoul"]
        if not seoul:
            fail(f"no highlighted Seoul; marks: {[mark.text for mark in marks]}; status: {driver.find_element(By.ID, 'status').text}")
        title = seoul[0].get_attribute("title")
        if "Seol" not in title:
            fail(f"the fix's reason does not name the text as written: {title!r}")
        seoul[0].click()
        undone = driver.find_elements(By.CSS_SELECTOR, "#text mark.fix.undone")
        if not undone or undone[0].text != "Seol":
            fail("one click did not undo the fix")
        undone[0].click()
        if driver.find_elements(By.CSS_SELECTOR, "#text mark.fix.undone"):
            fail("a second click did not redo the fix")

        picks = driver.find_elements(By.CSS_SELECTOR, "#summary > li")
        if len(picks) != 3:
            fail(f"{len(picks)} summary sentences, not 3")
        scores = driver.find_elements(By.CSS_SELECTOR, "#summary .scores")
        if len(scores) != 3 or not all("score" in score.text for score in scores):
            fail("a summary sentence lacks its scores")
        suggestions = driver.find_elements(By.CSS_SELECTOR, "#summary .suggestion")
        if not suggestions:
            fail("no translation-memory match on the page")
        percent = suggestions[0].find_element(By.CSS_SELECTOR, ".percent").text
        if not re.fullmatch(r"\d+(\.\d)? %", percent):
            fail(f"the match's percentage reads {percent!r}")

        Path(arguments.screenshot).parent.mkdir(parents=True, exist_ok=True)
        if not driver.save_screenshot(arguments.screenshot):
            fail(f"cannot save the screenshot to {arguments.screenshot}")
        print(f"desk page: Seoul highlighted, 3 summary sentences, {len(suggestions)} matches "
              f"(first {percent}); screenshot {arguments.screenshot}")
    finally:
        if driver is not None:
            driver.quit()
        if service is not None:
            service.stdin.close()
            try:
                service.wait(timeout=30)
            except subprocess.TimeoutExpired:
                service.kill()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
