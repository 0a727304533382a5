"""Open an HTML report in a real browser (Debian's headless Chromium, driven through its
chromedriver by Selenium) and say what a person would see, as JSON on stdout:

    check_report.py FILE SCREENSHOT [FILTER]

{"title", "text" (the visible text), "console" (browser log entries of level WARNING or
worse), "requests" (every URL the page asked for that is not the file itself), "scripts",
"images", "render_ms", "contrast" (the lowest contrast ratio of any status word against
its background, WCAG's formula), "keyboard" (Tab reaches a disclosure and Enter opens it),
and with FILTER: "shown" (rows left visible after typing it into the
filter box), "status" (the live count the page says), "filter_ms", "drilled" (the account
section the first visible row's link leads to is on screen), "sorted" (the orange counts of
the rows, top to bottom, after clearing the filter and pressing the sort button)}.
"""

import json
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

path, screenshot = sys.argv[1], sys.argv[2]
wanted = sys.argv[3] if len(sys.argv) > 3 else None

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
    options.add_argument(flag)
options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    url = "file://" + path
    started = time.perf_counter()
    driver.get(url)
    render_ms = (time.perf_counter() - started) * 1000
    result = {
        "title": driver.title,
        "text": driver.find_element(By.TAG_NAME, "body").text,
        "scripts": len(driver.find_elements(By.TAG_NAME, "script")),
        "images": len(driver.find_elements(By.TAG_NAME, "img")),
        "render_ms": round(render_ms, 1),
    }
    result["contrast"] = driver.execute_script("""
        function lum(color) {
          const [r, g, b] = color.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(v => {
            v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        }
        let lowest = 21;
        for (const el of document.querySelectorAll('.status, .pass, .fail, .error, .waived')) {
          const fg = lum(getComputedStyle(el).color);
          const bg = lum(getComputedStyle(document.body).backgroundColor);
          const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
          lowest = Math.min(lowest, ratio);
        }
        return Math.round(lowest * 100) / 100;
    """)
    from selenium.webdriver.common.keys import Keys
    first = driver.find_elements(By.CSS_SELECTOR, "details.check")
    if first and wanted is None:
        body = driver.find_element(By.TAG_NAME, "body")
        focused = None
        for _ in range(20):
            body.send_keys(Keys.TAB) if focused is None else driver.switch_to.active_element.send_keys(Keys.TAB)
            focused = driver.switch_to.active_element
            if focused.tag_name.lower() == "summary":
                break
        opened = False
        if focused is not None and focused.tag_name.lower() == "summary":
            focused.send_keys(Keys.ENTER)
            opened = driver.execute_script("return arguments[0].parentElement.open;", focused)
        result["keyboard"] = bool(opened)
    if wanted is not None:
        box = driver.find_element(By.ID, "filter")
        started = time.perf_counter()
        box.send_keys(wanted)
        result["filter_ms"] = round((time.perf_counter() - started) * 1000, 1)
        rows = driver.find_elements(By.CSS_SELECTOR, "tbody tr[data-account]")
        visible = [r for r in rows if r.is_displayed()]
        result["shown"] = len(visible)
        result["status"] = driver.find_element(By.ID, "shown").text
        if visible:
            link = visible[0].find_element(By.CSS_SELECTOR, "th a")
            target = link.get_attribute("href").split("#", 1)[1]
            link.click()
            time.sleep(0.2)
            section = driver.find_element(By.ID, target)
            result["drilled"] = driver.execute_script(
                "const r = arguments[0].getBoundingClientRect(); return r.top > -1 && r.top < window.innerHeight && location.hash === '#' + arguments[0].id;",
                section,
            )
        box.clear()
        box.send_keys(" ")
        driver.find_element(By.ID, "sort").click()
        result["sorted"] = driver.execute_script(
            "return Array.from(document.querySelectorAll('tbody tr[data-account]')).map(r => Number(r.dataset.orange));"
        )
    driver.save_screenshot(screenshot)
    result["console"] = [
        entry["message"] for entry in driver.get_log("browser") if entry["level"] in ("WARNING", "SEVERE")
    ]
    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            requested = message["params"]["request"]["url"]
            if requested.split("#", 1)[0] != url:
                requests.append(requested)
    result["requests"] = requests
finally:
    driver.quit()
print(json.dumps(result))
