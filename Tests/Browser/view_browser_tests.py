#!/usr/bin/env python3
"""Browser tests of `sims view`: a real headless Chromium (Debian's `chromium` + `chromium-driver`) driven by
Selenium, against the release `sims` binary, over the demo output and the real exports in ../shared/data.

Run by .ci/run after `swift test` (it creates the venv with Selenium). Needs no display and no network:
Selenium is pointed at /usr/bin/chromedriver, so Selenium Manager never downloads a driver.

    python Tests/Browser/view_browser_tests.py [--sims .build/release/sims] [--demo DIR] [--screenshots docs/images]

Prints one line per check, the measured timings as JSON, and a final line `N passed, N failed`; exits 1 on any
failure.
"""
import argparse
import glob
import json
import re
import os
import subprocess
import sys
import tempfile
import time
import traceback

os.environ["SE_OFFLINE"] = "true"  # never let Selenium Manager reach the network
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.options import Options  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.actions.wheel_input import ScrollOrigin  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(REPO), "shared", "data")

results = []
timings = {}


STRICT_TIMINGS = False
# Limits of the always-asserted timings are the goals × this factor: max(1, 1-minute load average ÷ cores) when the
# run starts (a loaded, shared machine gets a proportionally generous limit), or SIMS_VIEW_TIMING_FACTOR when set.
TIMING_FACTOR = float(os.environ.get("SIMS_VIEW_TIMING_FACTOR") or max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1)))


def budget(name, condition, detail=""):
    """A timing goal: a check with --strict-timings, otherwise reported only (CI machines are shared and noisy)."""
    if STRICT_TIMINGS:
        return check(name, condition, detail)
    print(("TIME ok   " if condition else "TIME over ") + name + (f" ({detail})" if detail else ""), flush=True)
    return condition


def check(name, condition, detail=""):
    results.append((name, bool(condition)))
    print(("PASS " if condition else "FAIL ") + name + (f" ({detail})" if detail else ""), flush=True)
    return condition


class Viewer:
    """`sims view PATH --no-open` as a subprocess; the URL is the first line of its stdout."""

    def __init__(self, sims, path):
        self.process = subprocess.Popen([sims, "view", path, "--no-open"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.url = self.process.stdout.readline().strip()
        if not self.url.startswith("http://127.0.0.1:"):
            err = self.process.stderr.read() if self.process.poll() is not None else ""
            raise RuntimeError(f"sims view {path} printed {self.url!r}: {err}")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def make_driver(downloads):
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1050",
                     "--force-device-scale-factor=1", "--no-first-run", "--disable-extensions", "--disable-background-networking"]:
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(60)
    return driver


def js(driver, script, *args):
    return driver.execute_script(script, *args)


def wait_for(driver, expression, timeout=60):
    """Waits until the JavaScript `expression` is truthy; returns its value."""
    end = time.time() + timeout
    while time.time() < end:
        value = js(driver, "return " + expression)
        if value:
            return value
        time.sleep(0.05)
    raise TimeoutError(expression)


def open_view(driver, url):
    driver.get(url)
    wait_for(driver, "window.simsView && (window.simsView.ready || window.simsView.error)")
    error = js(driver, "return window.simsView.error")
    if error:
        raise RuntimeError(error)


def screenshot(driver, args, name):
    if args.screenshots:
        os.makedirs(args.screenshots, exist_ok=True)
        driver.save_screenshot(os.path.join(args.screenshots, f"view-{name}.png"))


def export(driver, downloads, view, format):
    before = set(os.listdir(downloads))
    js(driver, "window.simsView.lastExport = null")
    driver.find_element(By.ID, f"export-{view}-{format}").click()
    info = wait_for(driver, "window.simsView.lastExport")
    end = time.time() + 20
    new = []
    while time.time() < end:
        new = [f for f in set(os.listdir(downloads)) - before if f.endswith("." + format)]
        if new:
            break
        time.sleep(0.1)
    size = os.path.getsize(os.path.join(downloads, new[0])) if new else 0
    export.last_path = os.path.join(downloads, new[0]) if new else None
    return info, size


def type_window(driver, lower, upper):
    """Types an m/z window into the spectra view's fields, presses go and waits for the redraw."""
    for field, value in (("spectra-lower", lower), ("spectra-upper", upper)):
        element = driver.find_element(By.ID, field)
        element.clear()
        element.send_keys(f"{value:.5f}")
    drawn = js(driver, "return window.simsView.spectraDrawn")
    driver.find_element(By.ID, "spectra-go").click()
    wait_for(driver, f"window.simsView.spectraDrawn > {drawn}")


def median(values):
    values = sorted(values)
    return values[len(values) // 2] if values else None


def spectra_checks(driver, args, downloads, url, label, measure_zoom=False):
    open_view(driver, url)
    first = js(driver, "return window.simsView.firstPaintMs")
    timings[f"{label}.first_paint_ms"] = round(first, 1)
    n = js(driver, "return window.simsView.state.spectra.data.series.length")
    check(f"{label}: spectra overlay drawn ({n} spectra)", n > 0)
    canvas = driver.find_element(By.ID, "spectra-canvas")
    # The page fetches decimated spectra as the binary answer (docs/view.md): typed arrays, not JSON.
    first_bytes = js(driver, "return window.simsView.spectraBytes")
    typed = js(driver, "const s = window.simsView.state.spectra.data.series[0]; return s.max instanceof Float32Array || s.max instanceof Float64Array")
    check(f"{label}: spectra arrive as a binary answer ({first_bytes} bytes for {n} spectra)", typed and first_bytes > 0)
    full = js(driver, "return [window.simsView.state.spectra.lower, window.simsView.state.spectra.upper]")
    # The strongest peak above 5 u of the whole-range overlay: the peak to zoom onto later.
    peak = js(driver, """const s = window.simsView.state.spectra.data.series; let best = [0, 0];
        for (const x of s) for (let i = 0; i < x.mass.length; i++) if (x.max[i] > best[1] && x.mass[i] > 5) best = [x.mass[i], x.max[i]];
        return best[0];""")
    # Zoom with the mouse wheel around the canvas centre: each step is one redraw from the server's decimation.
    # The pointer is moved there first and the hover it starts (the readout, the cursor line and the assignment
    # request, for which the server builds the fragment library) is waited for, so that no zoom's time includes
    # it: a wheel event moves the pointer to its position, and before this the first one started the hover.
    ActionChains(driver).move_to_element_with_offset(canvas, 40, 0).perform()
    wait_for(driver, "window.simsView.hover && window.simsView.assign", 30)
    driver.execute_async_script("const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()))")
    hovers = js(driver, "return window.simsView.hovers || 0")
    zooms, parts = [], []
    for _ in range(12):
        drawn = js(driver, "return window.simsView.spectraDrawn")
        ActionChains(driver).scroll_from_origin(ScrollOrigin.from_element(canvas, 40, 0), 0, -400).perform()
        wait_for(driver, f"window.simsView.spectraDrawn > {drawn} && !window.simsView.state.spectra.zoomStart")
        zooms.append(js(driver, "return window.simsView.timings.zoomRedraw"))
        parts.append(js(driver, "return window.simsView.timings.zoomParts"))
    window = js(driver, "return [window.simsView.state.spectra.lower, window.simsView.state.spectra.upper]")
    check(f"{label}: wheel zoom narrows the window", window[1] - window[0] < (full[1] - full[0]) / 50, f"{full} -> {window}")
    hovers_during = js(driver, "return window.simsView.hovers || 0") - hovers
    check(f"{label}: no hover started during the zooms (the times measure zooming)", hovers_during == 0, f"{hovers_during} pointer moves")
    timings[f"{label}.zoom_redraw_ms_median"] = round(median(zooms), 1)
    timings[f"{label}.zoom_redraw_ms_max"] = round(max(zooms), 1)
    slowest = max(range(len(zooms)), key=lambda k: zooms[k])
    timings[f"{label}.zoom_slowest"] = {"index": slowest, "ms": round(zooms[slowest], 1),
                                        **{k: round(v, 1) for k, v in (parts[slowest] or {}).items()}}
    timings[f"{label}.zoom_all_ms"] = [round(z, 1) for z in zooms]
    timings[f"{label}.spectra_answer_bytes_whole_range"] = first_bytes
    print(f"TIME {label}: zoom redraw median {median(zooms):.1f} ms, max {max(zooms):.1f} ms "
          f"(slowest: zoom {slowest}, {json.dumps(timings[f'{label}.zoom_slowest'])}); all {timings[f'{label}.zoom_all_ms']}", flush=True)
    if measure_zoom:
        budget(f"{label}: zoom redraw median ≤ 100 ms", median(zooms) <= 100, f"{median(zooms):.1f} ms over {len(zooms)} zooms")
        # The slowest zoom (the first, widest windows): the 100 ms goal is NOT met on the 2-core CI machine
        # (session 8, quiet: 105-139 ms in 6 of 7 runs; zooms 0 and 1 draw 135 spectra x ~1200 columns as stroked
        # paths, 70-94 ms of drawing), so it is reported as a budget (a check with --strict-timings) until the
        # drawing is made cheaper; a slowest zoom over twice the goal (x load factor) fails always, so the
        # 150-255 ms of earlier sessions cannot come back unnoticed.
        budget(f"{label}: slowest zoom redraw ≤ 100 ms (goal; known unmet for the widest windows)", max(zooms) <= 100,
               f"{max(zooms):.1f} ms")
        limit = 200 * (1 if STRICT_TIMINGS else TIMING_FACTOR)
        check(f"{label}: slowest zoom redraw ≤ {limit:.0f} ms (2 × goal × load factor {1 if STRICT_TIMINGS else TIMING_FACTOR:.2f})",
              max(zooms) <= limit, f"{max(zooms):.1f} ms")
    # Zoom to one peak: ±0.3 u around it, typed into the window fields.
    if not peak:
        peak = js(driver, "const s = window.simsView.state.spectra.data.series[0]; return s.mass[s.max.indexOf(Math.max(...s.max))]")
    type_window(driver, peak - 0.3, peak + 0.3)
    raw = js(driver, "return window.simsView.state.spectra.data.series[0].raw")
    check(f"{label}: zoomed to one peak at m/z {peak:.3f}: the points themselves", raw)
    # Hover: m/z, counts and assignment candidates (of this position: the readouts of the first hover are cleared).
    js(driver, "window.simsView.hover = null; window.simsView.assign = null")
    ActionChains(driver).move_to_element(canvas).move_by_offset(5, 0).perform()
    hover = wait_for(driver, "window.simsView.hover")
    assign = wait_for(driver, "window.simsView.assign", 20)
    check(f"{label}: hover shows m/z and counts", abs(hover["mass"] - peak) < 0.3 and len(hover["rows"]) > 0, f"m/z {hover['mass']:.4f}")
    check(f"{label}: hover shows assignment candidates", "candidates" in assign, f"{len(assign['candidates'])} candidates")
    screenshot(driver, args, f"{label}-spectra")
    info, size = export(driver, downloads, "spectra", "svg")
    check(f"{label}: export spectra SVG", info["ok"] and size > 1000 and "svg" in info["type"], f"{size} bytes")
    info, size = export(driver, downloads, "spectra", "pdf")
    with open(export.last_path, "rb") as f:
        head = f.read(5)
    check(f"{label}: export spectra PDF", info["ok"] and head == b"%PDF-" and size > 1000, f"{size} bytes")
    info, size = export(driver, downloads, "spectra", "csv")
    check(f"{label}: export spectra CSV", info["ok"] and size > 50, f"{size} bytes")


def interval_checks(driver, args, downloads, label):
    intervals = js(driver, "return window.simsView.state.catalog.intervals.length")
    if not check(f"{label}: interval list loaded", intervals > 0, f"{intervals} intervals"):
        return
    # Zoom onto the first interval and click its band.
    band = js(driver, "const all = shownIntervals(); const b = all.find(b => b.lower > 5) || all[0]; return [b.lower, b.upper, b.index];")
    type_window(driver, band[0] - (band[1] - band[0]), band[1] + (band[1] - band[0]))
    canvas = driver.find_element(By.ID, "spectra-canvas")
    ActionChains(driver).move_to_element(canvas).click().perform()  # the band spans the middle third
    interval = wait_for(driver, "window.simsView.interval")
    groups = interval["groups"]
    check(f"{label}: clicking a band shows its box plot and numbers", interval["index"] == band[2] and len(groups) > 0 and all(g["n"] > 0 for g in groups),
          f"{interval['label']}: {len(groups)} samples")
    screenshot(driver, args, f"{label}-interval")
    info, size = export(driver, downloads, "interval", "png")
    check(f"{label}: export box plot PNG", info["ok"] and size > 1000, f"{size} bytes")


def image_checks(driver, args, downloads, url, label, set_name=None, roi_budget=None, typeset_names=False):
    open_view(driver, url)
    driver.find_element(By.ID, "tab-images").click()
    if set_name:
        select = Select(driver.find_element(By.ID, "image-set"))
        option = next(o for o in select.options if o.text.startswith(set_name))
        if select.first_selected_option.get_attribute("value") != option.get_attribute("value"):
            drawn = js(driver, "return window.simsView.imageDrawn || 0")
            select.select_by_value(option.get_attribute("value"))
            wait_for(driver, f"window.simsView.imageDrawn > {drawn} && window.simsView.state.image.info.name.startsWith('{set_name}')")
    info = js(driver, "return window.simsView.state.image.info")
    check(f"{label}: ion image drawn ({info['name']}, {info['width']}×{info['height']})", js(driver, "return window.simsView.imageDrawn > 0"))
    # Ratio to total.
    drawn = js(driver, "return window.simsView.imageDrawn")
    Select(driver.find_element(By.ID, "image-ratio")).select_by_value("total")
    wait_for(driver, f"window.simsView.imageDrawn > {drawn}")
    ratios = js(driver, "return window.simsView.state.image.data.values.filter(v => v !== null)")
    check(f"{label}: per-pixel ratio to total within [0, 1]", len(ratios) > 0 and all(0 <= v <= 1 + 1e-9 for v in ratios))
    Select(driver.find_element(By.ID, "image-contrast")).select_by_value("percentile")
    # Rectangle ROI by dragging on the image.
    driver.find_element(By.ID, "roi-rect").click()
    canvas = driver.find_element(By.ID, "image-canvas")
    size = canvas.size
    shown = js(driver, "return window.simsView.roiShown || 0")
    ActionChains(driver).move_to_element_with_offset(canvas, -size["width"] // 4, -size["height"] // 4).click_and_hold() \
        .move_by_offset(size["width"] // 5, size["height"] // 6).move_by_offset(size["width"] // 5, size["height"] // 6).release().perform()
    wait_for(driver, f"window.simsView.roiShown > {shown}")
    roi = js(driver, "return window.simsView.roi")
    roi_ms = js(driver, "return window.simsView.timings.roi")
    text = driver.find_element(By.ID, "roi-panel").text
    check(f"{label}: rectangle ROI numbers", roi["pixels"] > 0 and roi["counts"] >= 0 and "ratio" in roi and "pixels" in text,
          f"{roi['pixels']} pixels, {roi['counts']:.0f} counts, ratio {roi['ratio']:.4g}, {roi_ms:.0f} ms")
    timings[f"{label}.roi_ms"] = round(roi_ms, 1)
    if typeset_names:
        # Ion names typeset (IONTOF's Li_2O- as Li₂O⁻): Unicode sub- and superscripts in the ion lists (an <option>
        # holds no markup; the values stay the data's names), <sub>/<sup> in the ROI panel's table.
        options = js(driver, "return [...document.querySelectorAll('#image-ion option, #overlay-r option')].map((o) => [o.value, o.text])")
        notation = re.compile(r"_\d|\^\d|[A-Za-z0-9][+-]+$")
        iontof = [(v, t) for v, t in options if notation.search(v)]
        left = [t for v, t in iontof if notation.search(t) or not re.search("[₀-₉⁰-⁹⁺⁻]", t)]
        cells = js(driver, "return [...document.querySelectorAll('#roi-ions td:first-child')].map((td) => td.innerHTML)")
        plain = [c for c in cells if notation.search(c) or not re.search("<su[bp]>", c)]
        check(f"{label}: ion names typeset in the image ion lists and the ROI table", iontof and not left and cells and not plain,
              f"{len(iontof)} options, e.g. {iontof[0] if iontof else None}; {len(cells)} ROI rows, e.g. {cells[:1]}; untypeset {left[:2]} {plain[:2]}")
    if roi_budget:
        # Repeat to measure (the first call may include the server's one-time load).
        again = []
        for _ in range(5):
            shown = js(driver, "return window.simsView.roiShown")
            js(driver, "document.getElementById('image-ratio').dispatchEvent(new Event('change'))")
            wait_for(driver, f"window.simsView.roiShown > {shown}")
            again.append(js(driver, "return window.simsView.timings.roi"))
        timings[f"{label}.roi_ms_median"] = round(median(again), 1)
        budget(f"{label}: ROI numbers on {info['width']}×{info['height']} in ≤ {roi_budget} ms", median(again) <= roi_budget, f"median {median(again):.1f} ms")
    screenshot(driver, args, f"{label}-image-roi")
    # Polygon ROI: three clicks and a double click.
    driver.find_element(By.ID, "roi-poly").click()
    shown = js(driver, "return window.simsView.roiShown")
    actions = ActionChains(driver).move_to_element_with_offset(canvas, 0, -size["height"] // 3).click()
    actions.move_to_element_with_offset(canvas, size["width"] // 3, size["height"] // 4).click()
    actions.move_to_element_with_offset(canvas, -size["width"] // 3, size["height"] // 4).click().double_click().perform()
    wait_for(driver, f"window.simsView.roiShown > {shown}")
    polygon = js(driver, "return window.simsView.roi")
    check(f"{label}: polygon ROI numbers", polygon["pixels"] > 0, f"{polygon['pixels']} pixels")
    # Overlay of up to three ions.
    ions = js(driver, "return window.simsView.state.image.info.ions")
    if len(ions) > 2:
        drawn = js(driver, "return window.simsView.imageDrawn")
        Select(driver.find_element(By.ID, "overlay-r")).select_by_index(2)
        Select(driver.find_element(By.ID, "overlay-g")).select_by_index(3)
        wait_for(driver, f"window.simsView.imageDrawn > {drawn} && window.simsView.state.image.overlay && window.simsView.state.image.overlay[1]")
        caption = driver.find_element(By.ID, "image-info").text
        bar = js(driver, "return document.getElementById('image-bar').style.visibility")
        check(f"{label}: RGB overlay drawn, captioned by its ions, without the single-ion colour bar",
              caption.startswith("overlay R: ") and " · G: " in caption and bar == "hidden", caption)
        screenshot(driver, args, f"{label}-overlay")
        Select(driver.find_element(By.ID, "overlay-r")).select_by_index(0)
        Select(driver.find_element(By.ID, "overlay-g")).select_by_index(0)
        wait_for(driver, "!window.simsView.state.image.overlay")
    info_export, size_png = export(driver, downloads, "image", "png")
    check(f"{label}: export image PNG", info_export["ok"] and size_png > 1000, f"{size_png} bytes")
    info_export, size_csv = export(driver, downloads, "image", "csv")
    with open(export.last_path) as f:
        rows = sum(1 for _ in f) - 1
    check(f"{label}: export image CSV (one row per pixel)", info_export["ok"] and rows == info["width"] * info["height"], f"{rows} rows, {size_csv} bytes")


def retrospective_checks(driver, args, label, limit=None):
    info = js(driver, "return window.simsView.state.image.info")
    if not check(f"{label}: imzML indexed for m/z windows", info["retrospective"], f"{info.get('points')} points in {info.get('indexSeconds')} s"):
        return
    timings[f"{label}.index_s"] = info["indexSeconds"]
    canvas = driver.find_element(By.ID, "mean-canvas")
    wait_for(driver, "window.simsView.state.image.mean")
    count = js(driver, "return window.simsView.windowImages || 0")
    # Shift-drag over the middle of the mean spectrum selects a window and images it.
    ActionChains(driver).key_down("\ue008").move_to_element_with_offset(canvas, -20, 0).click_and_hold() \
        .move_by_offset(20, 0).move_by_offset(20, 0).release().key_up("\ue008").perform()
    wait_for(driver, f"window.simsView.windowImages > {count}")
    window = js(driver, "return window.simsView.state.image.window")
    values = js(driver, "return window.simsView.state.image.data.values")
    ms = js(driver, "return window.simsView.timings.windowImage")
    check(f"{label}: m/z window {window[0]:.3f}–{window[1]:.3f} imaged", len(values) == info["width"] * info["height"], f"{ms:.0f} ms")
    timings[f"{label}.window_image_ms"] = round(ms, 1)
    if limit:
        budget(f"{label}: m/z-window image in ≤ {limit} ms", ms <= limit, f"{ms:.0f} ms")
    screenshot(driver, args, f"{label}-retrospective")


def depth_checks(driver, args, downloads, url, label):
    open_view(driver, url)
    driver.find_element(By.ID, "tab-depth").click()
    wait_for(driver, "window.simsView.depthDrawn > 0")
    data = js(driver, "return {n: window.simsView.state.depth.data.columns.length, f: window.simsView.state.depth.data.columns.reduce((a, c) => a + c.interfaces.length, 0)}")
    check(f"{label}: depth profile drawn with interfaces marked", data["n"] > 1 and data["f"] > 0, f"{data['n']} columns, {data['f']} interfaces")
    # Ion names are typeset (IONTOF's ^206PbI_3- as ²⁰⁶PbI₃⁻) by the server's typesetting of figures and reports.
    typeset = js(driver, "return [...document.querySelectorAll('#depth-ions label')].filter((l) => l.querySelector('sub, sup')).map((l) => l.innerHTML.replace(/^.*<\\/span>/, ''))")
    check(f"{label}: ion names typeset in the depth legend", len(typeset) > 0, f"{len(typeset)} typeset, e.g. {typeset[:2]}")
    # By default only the strongest ions (summed counts) are drawn; the rest are one click away.
    ions = "return [...document.querySelectorAll('#depth-ions input[data-ion]')]"
    shown = js(driver, ions + ".filter((i) => i.checked).map((i) => i.dataset.ion)")
    sums = js(driver, """const d = window.simsView.state.depth.data; const s = {};
        for (const c of d.columns) if (!c.total) s[c.name] = c.values.reduce((a, v) => a + (v > 0 ? v : 0), 0); return s;""")
    strongest = sorted(sums, key=lambda name: -sums[name])[:8]
    check(f"{label}: depth view shows the {len(strongest)} strongest of {len(sums)} ions by default",
          sorted(shown) == sorted(strongest), f"shown {shown}")
    drawn = js(driver, "return window.simsView.depthDrawn")
    driver.find_element(By.ID, "depth-all").click()
    wait_for(driver, f"window.simsView.depthDrawn > {drawn}")
    every = js(driver, ions + ".filter((i) => i.checked).length")
    driver.find_element(By.ID, "depth-strongest").click()
    again = js(driver, ions + ".filter((i) => i.checked).length")
    check(f"{label}: depth 'all' shows every ion, 'strongest' goes back", every == len(sums) and again == len(strongest), f"{every} / {again}")
    drawn = js(driver, "return window.simsView.depthDrawn")
    driver.find_element(By.ID, "depth-axis-depth").click()
    wait_for(driver, f"window.simsView.depthDrawn > {drawn}")
    ActionChains(driver).move_to_element(driver.find_element(By.ID, "depth-canvas")).perform()
    hover = driver.find_element(By.ID, "depth-hover").text
    check(f"{label}: depth axis switch", "depth" in hover and "nm" in hover, hover[:60])
    # Interface labels: each drawn one in a row where it overlaps no other, inside the plot.
    placed = js(driver, "return window.simsView.depthLabels")
    area = js(driver, "const a = depthAx; return [a.m.l, a.m.l + a.w]")
    drawn_labels = [p for p in placed if p["row"] >= 0]
    overlaps = [(a, b) for i, a in enumerate(drawn_labels) for b in drawn_labels[i + 1:]
                if a["row"] == b["row"] and a["x0"] < b["x1"] and b["x0"] < a["x1"]]
    outside = [p for p in drawn_labels if p["x0"] < area[0] - 1 or p["x1"] > area[1] + 1]
    check(f"{label}: interface labels do not overlap", drawn_labels and not overlaps and not outside,
          f"{len(drawn_labels)} of {len(placed)} labels drawn, {len(overlaps)} overlapping, {len(outside)} outside")
    screenshot(driver, args, f"{label}-depth")
    info, size = export(driver, downloads, "depth", "svg")
    check(f"{label}: export depth SVG", info["ok"] and size > 1000, f"{size} bytes")
    info, size = export(driver, downloads, "depth", "csv")
    check(f"{label}: export depth CSV", info["ok"] and size > 100, f"{size} bytes")


def mva_checks(driver, args, url, label):
    open_view(driver, url)
    driver.find_element(By.ID, "tab-mva").click()
    select = Select(driver.find_element(By.ID, "mva-result"))
    names = [o.text for o in select.options]
    pca = next((o for o in select.options if o.text.endswith("pca")), None)
    if pca:
        select.select_by_value(pca.get_attribute("value"))
        wait_for(driver, "window.simsView.state.mva.data && window.simsView.state.mva.data.scores.length")
        canvas = driver.find_element(By.ID, "mva-scores")
        size = canvas.size
        ActionChains(driver).move_to_element_with_offset(canvas, -size["width"] // 2 + 70, -size["height"] // 2 + 15).click_and_hold() \
            .move_by_offset(size["width"] // 2, size["height"] // 2).move_by_offset(size["width"] // 3, size["height"] // 3).release().perform()
        selected = wait_for(driver, "window.simsView.mvaSelected && window.simsView.mvaSelected.length && window.simsView.mvaSelected", 10)
        check(f"{label}: PCA scores selection highlights spots", len(selected) > 0, f"{len(selected)} spots")
        # The largest loadings are listed with typeset names (runs, not IONTOF's SO_4-).
        top = wait_for(driver, "window.simsView.loadingLabels && window.simsView.loadingLabels.length && window.simsView.loadingLabels")
        names = js(driver, "return window.simsView.state.mva.data.loadings.map((l) => l.name)")
        untypeset = [t for t in top if re.search(r"_\d|\^\d", t)]
        check(f"{label}: largest loadings listed with typeset names", len(top) == min(6, len(names)) and not untypeset
              and any(re.search(r"_\d|\^\d", n) for n in names), f"{top[:3]}; untypeset {untypeset[:2]}")
        screenshot(driver, args, f"{label}-pca")
    mva = next((o for o in select.options if "mva" in o.text), None)
    if mva:
        select.select_by_value(mva.get_attribute("value"))
        wait_for(driver, "window.simsView.state.mva.data && window.simsView.state.mva.data.images.length")
        Select(driver.find_element(By.ID, "mva-component")).select_by_index(1)
        loaded = wait_for(driver, "document.getElementById('mva-component-image') && document.getElementById('mva-component-image').naturalWidth", 10)
        check(f"{label}: clicking a component shows its image", loaded > 0, f"{loaded} px wide")
        screenshot(driver, args, f"{label}-mva")
    check(f"{label}: multivariate results listed", pca or mva, ", ".join(names))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sims", default=os.path.join(REPO, ".build", "release", "sims"))
    parser.add_argument("--demo", help="an existing `sims demo` output (default: run `sims demo` into a temporary folder)")
    parser.add_argument("--screenshots", help="save a screenshot of each view into this folder")
    parser.add_argument("--timings", help="write the measured timings as JSON to this file")
    parser.add_argument("--strict-timings", action="store_true", help="count the timing goals as checks (default: report them)")
    parser.add_argument("--sections", default="demo,hea,imzml,depth", help="comma-separated subset of demo,hea,imzml,depth")
    args = parser.parse_args()
    global STRICT_TIMINGS
    STRICT_TIMINGS = args.strict_timings
    print(f"timing factor {TIMING_FACTOR:.2f} (load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores)", flush=True)
    timings["timing_factor"] = round(TIMING_FACTOR, 2)
    timings["load_average_start"] = round(os.getloadavg()[0], 2)
    work = tempfile.mkdtemp(prefix="sims-view-browser-")
    downloads = os.path.join(work, "downloads")
    os.makedirs(downloads)
    wanted = set(args.sections.split(","))
    demo = args.demo
    if not demo and "demo" in wanted:
        demo = os.path.join(work, "demo")
        t0 = time.time()
        run = subprocess.run([args.sims, "demo", "--out", demo], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        print(f"sims demo took {time.time() - t0:.1f} s", flush=True)
        if run.returncode != 0:  # a failed demo step: say which, then test the views of what it wrote
            findings = [line for line in run.stderr.splitlines() if line.startswith(("error", "warning"))]
            print("\n".join(findings[-20:]), flush=True)
        check("sims demo exits 0 (every step completed)", run.returncode == 0, f"exit status {run.returncode}")
    driver = make_driver(downloads)
    sections = [
        ("demo", lambda: run_demo(driver, args, downloads, demo)),
        ("hea", lambda: run_with(args, os.path.join(SHARED, "hea-catalyst-spectra"), lambda url: spectra_checks(driver, args, downloads, url, "hea", measure_zoom=True))),
        ("imzml", lambda: run_with(args, os.path.join(SHARED, "imzml"), lambda url: (image_checks(driver, args, downloads, url, "imzml", set_name="Example_Continuous"), retrospective_checks(driver, args, "imzml")))),
        ("depth", lambda: run_with(args, os.path.join(SHARED, "perovskite-depth-profiles", "FACSPI-PbI2-treatment"), lambda url: depth_checks(driver, args, downloads, url, "depth"))),
    ]
    try:
        for name, body in sections:
            if name not in wanted:
                continue
            try:
                body()
            except Exception as error:  # a crash in one section fails it and the others still run
                traceback.print_exc()
                check(f"{name}: section ran to the end", False, f"{type(error).__name__}: {error}")
    finally:
        driver.quit()
    passed = sum(1 for _, ok in results if ok)
    failed = len(results) - passed
    timings["load_average_end"] = round(os.getloadavg()[0], 2)
    print("timings " + json.dumps(timings, sort_keys=True), flush=True)
    if args.timings:
        with open(args.timings, "w") as f:
            json.dump(timings, f, indent=2, sort_keys=True)
    print(f"{passed} passed, {failed} failed", flush=True)
    sys.exit(1 if failed else 0)


def run_with(args, path, body):
    with Viewer(args.sims, path) as viewer:
        body(viewer.url)


def run_demo(driver, args, downloads, demo):
    with Viewer(args.sims, demo) as viewer:
        spectra_checks(driver, args, downloads, viewer.url, "demo")
        first = timings["demo.first_paint_ms"]
        budget("demo: first meaningful paint ≤ 1 s", first <= 1000, f"{first:.0f} ms")
        interval_checks(driver, args, downloads, "demo")
        image_checks(driver, args, downloads, viewer.url, "demo", set_name="cathode_neg", roi_budget=200, typeset_names=True)
        mva_checks(driver, args, viewer.url, "demo")
        info = js(driver, "return window.simsView.state.catalog")
        check("demo: depth profiles found in the demo output", len(info["depth"]) > 0, f"{len(info['depth'])} profiles")


if __name__ == "__main__":
    main()
