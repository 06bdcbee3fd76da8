extension ClientAssets {
    /// The client script: views, plots on canvas, the API calls (docs/view.md). `window.simsView` exposes state
    /// and timings for the browser tests.
    public static let script = #"""
"use strict";
const $ = (id) => document.getElementById(id);
const palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000", "#8c564b", "#7f7f7f", "#bcbd22", "#17becf"];
const state = { catalog: null, tab: null, spectra: { ids: [], lower: null, upper: null, full: null, data: null, log: false, hoverX: null },
  image: { set: null, info: null, data: null, roi: null, tool: null, drawing: null, window: null },
  depth: { id: null, data: null }, mva: { id: null, data: null, selected: new Set() } };
const sv = window.simsView = { state, timings: {}, ready: false };
const now = () => performance.now();

async function api(path, params) {
  const url = path + (params ? "?" + new URLSearchParams(params).toString() : "");
  const t0 = now();
  const r = await fetch(url);
  const body = await r.json();
  sv.timings[path] = now() - t0;
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}
// /api/spectra?format=binary (docs/view.md, "Binary answers"): a JSON header, then little-endian arrays that are
// viewed in place as typed arrays (no parsing). Per-pixel columns arrive as positions in column units; m/z is
// lower + position × (upper − lower) / columns, computed as the server computes the column centres.
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
async function apiSpectra(params) {
  if (!littleEndian) throw new Error("this page reads little-endian arrays; the browser's platform is big-endian");
  const t0 = now();
  const r = await fetch("/api/spectra?" + new URLSearchParams(Object.assign({ format: "binary" }, params)).toString());
  if (!r.ok) { const body = await r.json(); throw new Error(body.error || r.statusText); }
  const buffer = await r.arrayBuffer();
  const headerLength = new DataView(buffer).getUint32(0, true);
  const d = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, headerLength)));
  let offset = (4 + headerLength + 7) & ~7;
  const take = (Type, count) => {
    offset = Math.ceil(offset / Type.BYTES_PER_ELEMENT) * Type.BYTES_PER_ELEMENT;
    const array = new Type(buffer, offset, count); offset += Type.BYTES_PER_ELEMENT * count; return array;
  };
  const step = (d.upper - d.lower) / d.columns;
  for (const s of d.series) {
    if (s.raw) { s.mass = take(Float64Array, s.count); s.max = take(Float64Array, s.count); continue; }
    const position = take(Float32Array, s.count); s.max = take(Float32Array, s.count); s.min = take(Float32Array, s.count);
    s.mass = new Float64Array(s.count);
    for (let i = 0; i < s.count; i++) s.mass[i] = d.lower + position[i] * step;
  }
  sv.timings["/api/spectra"] = now() - t0; sv.spectraBytes = buffer.byteLength;
  return d;
}
function status(text) { $("status").textContent = text; }
function fmt(v, digits) {
  if (v === null || v === undefined || Number.isNaN(v)) return "–";
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(3);
  return Number(v.toPrecision(digits || 6)).toString();
}

// Draws a label typeset by the server (JSONText.typesetFields: runs of [text, "" | "sub" | "sup"], from the
// figures' and reports' own typesetting) on a canvas; sub- and superscripts at 70 % size. Returns its width.
function drawRuns(g, runs, x, y, align) {
  const font = g.font, size = parseFloat(/([\d.]+)px/.exec(font)[1]), small = font.replace(/[\d.]+px/, (size * 0.7).toFixed(1) + "px");
  const widths = runWidths(g, runs);
  const total = widths.reduce((a, b) => a + b, 0), align0 = g.textAlign;
  let cx = align === "center" ? x - total / 2 : align === "right" ? x - total : x;
  g.textAlign = "left";
  runs.forEach(([text, shift], k) => {
    g.font = shift ? small : font;
    g.fillText(text, cx, y + (shift === "sub" ? size * 0.3 : shift === "sup" ? -size * 0.35 : 0)); cx += widths[k];
  });
  g.font = font; g.textAlign = align0;
  return total;
}
function runWidths(g, runs) {
  const font = g.font, size = parseFloat(/([\d.]+)px/.exec(font)[1]), small = font.replace(/[\d.]+px/, (size * 0.7).toFixed(1) + "px");
  const widths = runs.map(([text, shift]) => { g.font = shift ? small : font; return g.measureText(text).width; });
  g.font = font;
  return widths;
}
function measureRuns(g, runs) { return runWidths(g, runs).reduce((a, b) => a + b, 0); }

// ---------- axes ----------
function niceTicks(lo, hi, count) {
  const span = hi - lo; if (!(span > 0)) return [lo];
  const raw = span / count, mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) || 10 * mag;
  const out = []; for (let k = Math.ceil(lo / step); k * step <= hi + step * 1e-9; k++) out.push(k === 0 ? 0 : Number((k * step).toPrecision(12)));
  return out;
}
class Axes {
  constructor(canvas, opts) { this.canvas = canvas; this.ctx = canvas.getContext("2d"); this.opts = opts || {}; this.m = { l: 66, r: 14, t: 12, b: 36 }; }
  resize() {
    const c = this.canvas, w = c.clientWidth || c.width, h = c.height;
    if (c.width !== w) c.width = w;
    this.w = c.width - this.m.l - this.m.r; this.h = h - this.m.t - this.m.b;
  }
  setX(lo, hi) { this.x0 = lo; this.x1 = hi; }
  setY(lo, hi, log) { this.log = !!log; if (log) { lo = Math.max(lo, 0.5); hi = Math.max(hi, lo * 10); } this.y0 = lo; this.y1 = hi; }
  px(x) { return this.m.l + (x - this.x0) / (this.x1 - this.x0) * this.w; }
  py(y) {
    if (this.log) { const v = Math.max(y, this.y0 * 0.5); return this.m.t + this.h - (Math.log10(v) - Math.log10(this.y0)) / (Math.log10(this.y1) - Math.log10(this.y0)) * this.h; }
    return this.m.t + this.h - (y - this.y0) / (this.y1 - this.y0) * this.h;
  }
  xAt(px) { return this.x0 + (px - this.m.l) / this.w * (this.x1 - this.x0); }
  frame(xTitle, yTitle) {
    const g = this.ctx, c = this.canvas;
    g.clearRect(0, 0, c.width, c.height); g.fillStyle = "#fff"; g.fillRect(0, 0, c.width, c.height);
    g.strokeStyle = "#e4e6ee"; g.fillStyle = "#334"; g.font = "11px DejaVu Sans, sans-serif"; g.lineWidth = 1;
    g.textAlign = "center"; g.textBaseline = "top";
    for (const t of niceTicks(this.x0, this.x1, Math.max(2, this.w / 90))) {
      const x = this.px(t); g.beginPath(); g.moveTo(x, this.m.t); g.lineTo(x, this.m.t + this.h); g.stroke(); g.fillText(fmt(t), x, this.m.t + this.h + 4);
    }
    g.textAlign = "right"; g.textBaseline = "middle";
    const yt = this.log ? (() => { const o = []; for (let e = Math.floor(Math.log10(this.y0)); e <= Math.ceil(Math.log10(this.y1)); e++) o.push(Math.pow(10, e)); return o.filter((v) => v >= this.y0 && v <= this.y1); })()
      : niceTicks(this.y0, this.y1, Math.max(2, this.h / 50));
    for (const t of yt) { const y = this.py(t); g.beginPath(); g.moveTo(this.m.l, y); g.lineTo(this.m.l + this.w, y); g.stroke(); g.fillText(fmt(t, 3), this.m.l - 4, y); }
    g.strokeStyle = "#889"; g.strokeRect(this.m.l, this.m.t, this.w, this.h);
    g.textAlign = "center"; g.textBaseline = "bottom"; g.fillText(xTitle, this.m.l + this.w / 2, c.height - 1);
    g.save(); g.translate(12, this.m.t + this.h / 2); g.rotate(-Math.PI / 2); g.textBaseline = "middle"; g.fillText(yTitle, 0, 0); g.restore();
  }
  clip() { const g = this.ctx; g.save(); g.beginPath(); g.rect(this.m.l, this.m.t, this.w, this.h); g.clip(); }
}

// Draws decimated series (raw points or per-column min/max) on axes. Per-pixel columns are drawn on the pixel
// grid (x at the centre of the column's pixel, y at pixel-row centres): the same picture at pixel level, and
// rectilinear 1-px strokes rasterise ~3× faster than antialiased fractional ones (135 spectra at the whole mass
// range: 18–44 ms instead of 59–222 ms, drawing plus rasterising, in headless Chromium at load 12).
function drawSeries(ax, s, color) {
  const g = ax.ctx; g.strokeStyle = color; g.lineWidth = 1; g.beginPath();
  const m = s.mass, hi = s.max, lo = s.min || s.max, snap = !s.raw;
  let started = false;
  for (let i = 0; i < m.length; i++) {
    if (hi[i] === null || hi[i] !== hi[i]) continue;   // null (JSON) or NaN (binary): no value
    let x = ax.px(m[i]), top = ax.py(hi[i]);
    if (snap) { x = Math.floor(x) + 0.5; top = Math.round(top) + 0.5; }
    if (!started) { g.moveTo(x, top); started = true; } else g.lineTo(x, top);
    if (snap && lo[i] !== hi[i]) { g.lineTo(x, Math.round(ax.py(lo[i])) + 0.5); g.lineTo(x, top); }
  }
  g.stroke();
}
// Pan/zoom on the x axis of a plot: wheel zooms around the cursor, drag pans, double click resets.
function attachZoom(canvas, ax, get, set, reset, onShiftSelect) {
  let drag = null;
  canvas.addEventListener("wheel", (e) => {
    e.preventDefault();
    const [lo, hi] = get(); const x = ax.xAt(e.offsetX * canvas.width / canvas.clientWidth);
    const f = Math.pow(1.0015, e.deltaY);
    set(x - (x - lo) * f, x + (hi - x) * f);
  }, { passive: false });
  canvas.addEventListener("mousedown", (e) => { drag = { x: e.offsetX, range: get(), shift: e.shiftKey && onShiftSelect, moved: false }; });
  window.addEventListener("mouseup", (e) => {
    if (drag && drag.shift && drag.moved) {
      const k = canvas.width / canvas.clientWidth; const a = ax.xAt(drag.x * k), b = ax.xAt(drag.last * k);
      onShiftSelect(Math.min(a, b), Math.max(a, b));
    }
    if (drag && !drag.moved && canvas.onPlotClick) canvas.onPlotClick(e);
    drag = null;
  });
  canvas.addEventListener("mousemove", (e) => {
    if (!drag) return;
    if (Math.abs(e.offsetX - drag.x) > 2) drag.moved = true;
    drag.last = e.offsetX;
    if (drag.shift) { canvas.selectionPx = [drag.x, e.offsetX]; canvas.redraw && canvas.redraw(); return; }
    if (!drag.moved) return;
    const [lo, hi] = drag.range; const dx = (e.offsetX - drag.x) * canvas.width / canvas.clientWidth / ax.w * (hi - lo);
    set(lo - dx, hi - dx);
  });
  canvas.addEventListener("dblclick", () => reset());
}

// ---------- exports ----------
function exportParams(view) {
  if (view === "spectra") return { ids: state.spectra.ids.join(","), lower: state.spectra.lower, upper: state.spectra.upper, log: state.spectra.log ? 1 : 0 };
  if (view === "image") return imageParams({ cmap: $("image-cmap").value, contrast: $("image-contrast").value });
  if (view === "depth") { const p = { id: state.depth.id, ions: selectedDepthIons().join(",") }; if (depthAxis() === "depth") p.rate = $("depth-rate").value; return p; }
  if (view === "interval") return { index: state.spectra.interval };
  return {};
}
function setupExports() {
  for (const box of document.querySelectorAll(".export")) {
    const view = box.dataset.view;
    if (view === "mva") continue;
    box.innerHTML = "export ";
    for (const format of ["svg", "png", "pdf", "csv"]) {
      const b = document.createElement("button"); b.textContent = format.toUpperCase(); b.id = "export-" + view + "-" + format;
      b.onclick = () => exportFigure(view, format); box.appendChild(b);
    }
  }
}
async function exportFigure(view, format) {
  const params = Object.assign({ view, format }, exportParams(view));
  const r = await fetch("/api/export?" + new URLSearchParams(params));
  if (!r.ok) { const b = await r.json(); status("export failed: " + b.error); sv.lastExport = { ok: false, error: b.error }; return; }
  const blob = await r.blob();
  sv.lastExport = { ok: true, type: r.headers.get("content-type"), bytes: blob.size, view, format };
  const a = document.createElement("a"); a.href = URL.createObjectURL(blob); a.download = view + "." + format; document.body.appendChild(a); a.click(); a.remove();
  status("exported " + view + "." + format + " (" + blob.size + " bytes)");
}

// ---------- spectra ----------
const spectraAx = new Axes($("spectra-canvas"));
function sampleColor(sample) {
  const samples = [...new Set(state.catalog.spectra.map((s) => s.sample))];
  return palette[samples.indexOf(sample) % palette.length];
}
function spectraPolarities() {
  const counts = {}; for (const s of state.catalog.spectra) { const p = s.polarity || "unknown"; counts[p] = (counts[p] || 0) + 1; }
  return Object.entries(counts).sort((a, b) => b[1] - a[1]);
}
function fillSamples() {
  const c = state.catalog, box = $("spectra-samples"), pol = $("spectra-polarity").value;
  const shown = c.spectra.filter((s) => pol === "all" || (s.polarity || "unknown") === pol);
  const samples = [...new Set(shown.map((s) => s.sample))];
  box.innerHTML = "";
  for (const sample of samples) {
    const l = document.createElement("label");
    const n = shown.filter((s) => s.sample === sample).length;
    l.innerHTML = `<input type="checkbox" checked data-sample="${sample}"> <span class="swatch" style="background:${sampleColor(sample)}"></span>${sample} (${n})`;
    box.appendChild(l);
  }
}
function initSpectra() {
  const box = $("spectra-samples"), pol = $("spectra-polarity");
  pol.innerHTML = "";
  const polarities = spectraPolarities();
  for (const [p, n] of polarities) pol.add(new Option(`${p} (${n})`, p));
  if (polarities.length > 1) pol.add(new Option(`all (${state.catalog.spectra.length})`, "all"));
  pol.onchange = () => { fillSamples(); selectSpectra(); loadSpectra(); };
  fillSamples();
  box.onchange = () => { selectSpectra(); loadSpectra(); };
  selectSpectra();
  $("spectra-log").onchange = (e) => { state.spectra.log = e.target.checked; drawSpectra(); };
  $("spectra-go").onclick = () => setSpectraWindow(parseFloat($("spectra-lower").value), parseFloat($("spectra-upper").value));
  $("spectra-reset").onclick = () => setSpectraWindow(null, null);
  const canvas = $("spectra-canvas");
  attachZoom(canvas, spectraAx, () => [state.spectra.lower, state.spectra.upper], setSpectraWindow, () => setSpectraWindow(null, null));
  canvas.addEventListener("mousemove", (e) => { state.spectra.hoverX = e.offsetX * canvas.width / canvas.clientWidth; redrawSpectraSoon(); hoverSpectra(); });
  canvas.addEventListener("mouseleave", () => { state.spectra.hoverX = null; redrawSpectraSoon(); });
  canvas.onPlotClick = (e) => {
    const m = spectraAx.xAt(e.offsetX * canvas.width / canvas.clientWidth);
    const band = shownIntervals().find((b) => m >= b.lower && m <= b.upper);
    if (band) showInterval(band.index);
  };
}
// The intervals of the shown polarity (lists whose path names no polarity apply to all spectra).
function shownIntervals() {
  const pol = $("spectra-polarity").value;
  return state.catalog.intervals.filter((b) => !b.polarity || pol === "all" || b.polarity === pol);
}
function selectSpectra() {
  const on = new Set([...document.querySelectorAll("#spectra-samples input:checked")].map((i) => i.dataset.sample));
  const pol = $("spectra-polarity").value;
  state.spectra.ids = state.catalog.spectra.filter((s) => on.has(s.sample) && (pol === "all" || (s.polarity || "unknown") === pol)).map((s) => String(s.id));
}
let spectraPending = null, spectraBusy = false;
function setSpectraWindow(lo, hi) {
  const s = state.spectra;
  if (lo === null || hi === null || !(hi > lo)) { lo = s.full ? s.full[0] : null; hi = s.full ? s.full[1] : null; }
  s.lower = lo; s.upper = hi; s.zoomStart = s.zoomStart || now();
  // Ask the server first, then show the last drawn picture stretched to the new window while the answer is on
  // its way (a bitmap copy, ~1 ms; redrawing 135 spectra at the whole mass range takes ~50 ms, and a full
  // provisional redraw delayed the final one by that much).
  loadSpectra();
  drawSpectraProvisional();
}
// The plot area of the last full drawing and its window, for provisional redraws.
let spectraSnapshot = null;
function snapshotSpectra() {
  const ax = spectraAx, s = state.spectra;
  if (!spectraSnapshot) spectraSnapshot = { canvas: document.createElement("canvas") };
  const snap = spectraSnapshot, c = snap.canvas;
  if (c.width !== ax.w || c.height !== ax.h) { c.width = ax.w; c.height = ax.h; }
  const g = c.getContext("2d"); g.clearRect(0, 0, ax.w, ax.h);
  g.drawImage(ax.canvas, ax.m.l, ax.m.t, ax.w, ax.h, 0, 0, ax.w, ax.h);
  Object.assign(snap, { lower: s.lower, upper: s.upper, y0: ax.y0, y1: ax.y1, log: ax.log, data: s.data });
}
function drawSpectraProvisional() {
  const s = state.spectra, ax = spectraAx, snap = spectraSnapshot;
  if (!snap || snap.data !== s.data || s.lower === null) { drawSpectra(); return; }
  ax.resize(); if (snap.canvas.width !== ax.w) { drawSpectra(); return; }
  $("spectra-lower").value = fmt(s.lower); $("spectra-upper").value = fmt(s.upper);
  ax.setX(s.lower, s.upper); ax.setY(snap.y0, snap.y1, snap.log);
  ax.frame("m/z (u)", "intensity (counts)"); ax.clip();
  const x0 = ax.px(snap.lower), x1 = ax.px(snap.upper);
  ax.ctx.drawImage(snap.canvas, x0, ax.m.t, x1 - x0, ax.h);
  ax.ctx.restore();
}
// The hover cursor redraws at most once per frame (mousemove fires far more often than the screen refreshes).
let spectraFrame = 0;
function redrawSpectraSoon() { if (!spectraFrame) spectraFrame = requestAnimationFrame(() => { spectraFrame = 0; drawSpectraCursor(); }); }
// The hover cursor over the last drawing: the plot area is put back from the snapshot (a bitmap copy) and the
// line drawn on it, instead of redrawing every spectrum. While a zoom's answer is pending nothing is drawn (the
// final drawing includes the cursor).
function drawSpectraCursor() {
  const s = state.spectra, ax = spectraAx, snap = spectraSnapshot;
  if (spectraBusy) return;
  if (!snap || snap.data !== s.data || snap.lower !== s.lower || snap.upper !== s.upper || snap.canvas.width !== ax.w) { drawSpectra(); return; }
  const g = ax.ctx;
  g.drawImage(snap.canvas, ax.m.l, ax.m.t);
  if (s.hoverX !== null && s.hoverX >= ax.m.l && s.hoverX <= ax.m.l + ax.w) { g.strokeStyle = "#c00"; g.beginPath(); g.moveTo(s.hoverX, ax.m.t); g.lineTo(s.hoverX, ax.m.t + ax.h); g.stroke(); }
}
async function loadSpectra() {
  const s = state.spectra;
  spectraPending = { ids: s.ids.join(","), columns: Math.round(spectraAx.w || 1000) };
  if (s.lower !== null) { spectraPending.lower = s.lower; spectraPending.upper = s.upper; }
  if (spectraBusy) return;
  spectraBusy = true;
  // Where a zoom's time goes (read by the browser tests): server round trips, and the final draw.
  const parts = { requests: 0, fetch: 0 };
  try {
    while (spectraPending) {
      const params = spectraPending; spectraPending = null;
      if (!params.ids) { s.data = { series: [] }; break; }
      const t = now();
      const data = await apiSpectra(params);
      parts.requests += 1; parts.fetch += now() - t;
      s.data = data; s.full = [data.fullLower, data.fullUpper];
      if (s.lower === null) { s.lower = data.lower; s.upper = data.upper; }
    }
  } catch (e) { status(e.message); }
  spectraBusy = false;
  const t0 = now(); drawSpectra();
  sv.timings.spectraDraw = now() - t0;
  if (s.zoomStart) {
    sv.timings.zoomRedraw = now() - s.zoomStart; s.zoomStart = null;
    sv.timings.zoomParts = { requests: parts.requests, fetch: parts.fetch, draw: sv.timings.spectraDraw };
  }
  sv.spectraDrawn = (sv.spectraDrawn || 0) + 1;
  if (!sv.firstPaint) { sv.firstPaint = now(); }
}
function drawSpectra() {
  const s = state.spectra, ax = spectraAx, d = s.data;
  ax.resize();
  if (!d || s.lower === null) return;
  $("spectra-lower").value = fmt(s.lower); $("spectra-upper").value = fmt(s.upper);
  ax.setX(s.lower, s.upper);
  let top = 1;
  for (const series of d.series) for (let i = 0; i < series.mass.length; i++) { const m = series.mass[i]; if (m >= s.lower && m <= s.upper && series.max[i] > top) top = series.max[i]; }
  ax.setY(s.log ? 1 : 0, top * 1.05, s.log);
  ax.frame("m/z (u)", "intensity (counts)");
  ax.clip();
  const g = ax.ctx;
  for (const b of shownIntervals()) {
    if (b.upper < s.lower || b.lower > s.upper) continue;
    const x0 = ax.px(b.lower), x1 = ax.px(b.upper);
    g.fillStyle = b.index === s.interval ? "rgba(255,170,0,0.35)" : "rgba(120,140,255,0.16)";
    g.fillRect(x0, ax.m.t, Math.max(1, x1 - x0), ax.h);
    if (x1 - x0 > 30) { g.fillStyle = "#445"; g.textAlign = "center"; g.textBaseline = "top"; drawRuns(g, b.runs || [[b.label, ""]], (x0 + x1) / 2, ax.m.t + 6, "center"); }
  }
  g.globalAlpha = d.series.length > 20 ? 0.55 : 0.9;
  for (const series of d.series) drawSeries(ax, series, series.id.startsWith("i") ? "#333" : sampleColor(series.sample));
  g.globalAlpha = 1;
  snapshotSpectra();
  if (s.hoverX !== null) { g.strokeStyle = "#c00"; g.beginPath(); g.moveTo(s.hoverX, ax.m.t); g.lineTo(s.hoverX, ax.m.t + ax.h); g.stroke(); }
  g.restore();
}
let assignTimer = null;
function hoverSpectra() {
  const s = state.spectra, d = s.data; if (!d || s.hoverX === null) return;
  const m = spectraAx.xAt(s.hoverX);
  const rows = [];
  for (const series of d.series) {
    let best = -1, dist = Infinity;
    for (let i = 0; i < series.mass.length; i++) { const q = Math.abs(series.mass[i] - m); if (q < dist) { dist = q; best = i; } }
    if (best >= 0) rows.push([series.name, series.mass[best], series.max[best]]);
  }
  rows.sort((a, b) => b[2] - a[2]);
  const pixel = (s.upper - s.lower) / spectraAx.w;
  $("spectra-hover").innerHTML = `<b>m/z ${fmt(m, 7)}</b> (±${fmt(pixel / 2, 2)} u per pixel) · ` +
    rows.slice(0, 4).map((r) => `${r[0]}: ${fmt(r[2])} counts`).join(" · ") + `<div id="assign">…</div>`;
  sv.hover = { mass: m, rows }; sv.hovers = (sv.hovers || 0) + 1;
  clearTimeout(assignTimer);
  assignTimer = setTimeout(async () => {
    const pol = $("spectra-polarity").value, p = { mz: m, width: Math.max(pixel * 4, m * 2e-4) };
    if (pol === "negative" || pol === "positive") p.polarity = pol;
    const a = await api("/api/assign", p);
    const el = $("assign"); if (!el) return;
    el.innerHTML = a.candidates.length ? "candidates: " + a.candidates.map((c) => `${c.markup || c.label} (${fmt(c.mass, 7)} u, ${c.ppm} ppm)`).join(", ") : "no library candidate within the tolerance";
    sv.assign = a;
  }, 120);
}
async function showInterval(index) {
  state.spectra.interval = index; drawSpectra();
  const d = await api("/api/interval", { index });
  sv.interval = d;
  const groups = d.groups, all = groups.flatMap((g) => g.values).filter((v) => v !== null);
  const lo = Math.min(...all), hi = Math.max(...all), W = 560, H = 240, L = 70, B = 40;
  const y = (v) => 10 + (H - 10 - B) * (1 - (v - lo) / ((hi - lo) || 1));
  const bw = (W - L - 10) / groups.length;
  let svg = `<svg width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg" font-size="10" font-family="DejaVu Sans">`;
  for (const t of niceTicks(lo, hi, 5)) svg += `<line x1="${L}" x2="${W - 10}" y1="${y(t)}" y2="${y(t)}" stroke="#e4e6ee"/><text x="${L - 4}" y="${y(t) + 3}" text-anchor="end">${fmt(t, 3)}</text>`;
  groups.forEach((g, k) => {
    const cx = L + bw * (k + 0.5), c = sampleColor(g.sample), w = Math.min(40, bw * 0.5);
    svg += `<rect x="${cx - w / 2}" y="${y(g.q3)}" width="${w}" height="${Math.max(1, y(g.q1) - y(g.q3))}" fill="${c}" fill-opacity="0.25" stroke="${c}"/>`;
    svg += `<line x1="${cx - w / 2}" x2="${cx + w / 2}" y1="${y(g.median)}" y2="${y(g.median)}" stroke="${c}" stroke-width="2"/>`;
    svg += `<line x1="${cx}" x2="${cx}" y1="${y(g.max)}" y2="${y(g.q3)}" stroke="${c}"/><line x1="${cx}" x2="${cx}" y1="${y(g.q1)}" y2="${y(g.min)}" stroke="${c}"/>`;
    g.values.forEach((v, i) => { svg += `<circle cx="${cx + ((i * 37) % 11 - 5) * w / 14}" cy="${y(v)}" r="2.5" fill="${c}"><title>${g.spots[i]}: ${fmt(v)}</title></circle>`; });
    svg += `<text x="${cx}" y="${H - B + 14}" text-anchor="middle">${g.sample.length > 16 ? g.sample.slice(0, 15) + "…" : g.sample}</text>`;
  });
  svg += `<text x="12" y="${(H - B) / 2}" transform="rotate(-90 12 ${(H - B) / 2})" text-anchor="middle">${d.quantity}</text></svg>`;
  let table = `<table><tr><th>sample</th><th>n</th><th>mean</th><th>sd</th><th>median</th><th>min</th><th>max</th></tr>`;
  for (const g of groups) table += `<tr><td>${g.sample}</td><td>${g.n}</td><td>${fmt(g.mean, 4)}</td><td>${fmt(g.sd, 3)}</td><td>${fmt(g.median, 4)}</td><td>${fmt(g.min, 4)}</td><td>${fmt(g.max, 4)}</td></tr>`;
  table += "</table>";
  $("interval-panel").innerHTML = `<b>${d.markup || d.label}</b> ${fmt(d.lower, 7)}–${fmt(d.upper, 7)} u <span class="export" id="interval-export"></span><div class="row">${svg}${table}</div>`;
  const box = $("interval-export");
  for (const format of ["svg", "png", "pdf", "csv"]) { const b = document.createElement("button"); b.textContent = format.toUpperCase(); b.id = "export-interval-" + format; b.onclick = () => exportFigure("interval", format); box.appendChild(b); }
}

// ---------- images ----------
const colorMaps = {
  viridis: ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"],
  inferno: ["#000004", "#1b0c41", "#4a0c6b", "#781c6d", "#a52c60", "#cf4446", "#ed6925", "#fb9b06", "#f7d13d", "#fcffa4"],
  magma: ["#000004", "#180f3d", "#440f76", "#721f81", "#9e2f7f", "#cd4071", "#f1605d", "#fd9668", "#feca8d", "#fcfdbf"],
  cividis: ["#00224e", "#123570", "#3b496c", "#575d6d", "#707173", "#8a8678", "#a59c74", "#c3b369", "#e1cc55", "#fee838"],
  gray: ["#000000", "#ffffff"],
};
function lut(name) {
  const stops = colorMaps[name] || colorMaps.viridis, out = new Uint8Array(256 * 3);
  const rgb = stops.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
  for (let i = 0; i < 256; i++) {
    const t = i / 255 * (rgb.length - 1), k = Math.min(rgb.length - 2, Math.floor(t)), f = t - k;
    for (let c = 0; c < 3; c++) out[i * 3 + c] = Math.round(rgb[k][c] * (1 - f) + rgb[k + 1][c] * f);
  }
  return out;
}
function imageParams(extra) {
  const s = state.image, p = { set: s.set };
  if (s.window) { p.lower = s.window[0]; p.upper = s.window[1]; } else p.ion = $("image-ion").value;
  const r = $("image-ratio").value; if (r !== "none") p.ratio = r;
  return Object.assign(p, extra || {});
}
async function initImages() {
  const sel = $("image-set"); sel.innerHTML = "";
  for (const m of state.catalog.images) sel.add(new Option(`${m.name} (${m.kind})`, m.id));
  sel.onchange = () => openImageSet(parseInt(sel.value));
  for (const id of ["image-ion", "image-ratio"]) $(id).onchange = () => { state.image.window = null; loadImage(); };
  for (const id of ["image-cmap", "image-contrast"]) $(id).onchange = drawImage;
  for (const id of ["overlay-r", "overlay-g", "overlay-b"]) $(id).onchange = loadOverlay;
  $("roi-rect").onclick = () => setTool("rect"); $("roi-poly").onclick = () => setTool("poly");
  $("roi-clear").onclick = () => { state.image.roi = null; $("roi-panel").innerHTML = ""; drawImage(); };
  $("window-go").onclick = () => imageWindow(parseFloat($("window-lower").value), parseFloat($("window-upper").value));
  const c = $("image-canvas");
  c.addEventListener("mousedown", roiDown); c.addEventListener("mousemove", roiMove); c.addEventListener("mouseup", roiUp);
  c.addEventListener("dblclick", roiFinishPolygon);
  const mc = $("mean-canvas");
  attachZoom(mc, meanAx, () => state.image.meanRange, (a, b) => { state.image.meanRange = [a, b]; loadMean(); }, () => { state.image.meanRange = null; loadMean(); }, (a, b) => imageWindow(a, b));
  mc.redraw = drawMean;
  if (state.catalog.images.length) await openImageSet(0);
}
async function openImageSet(id) {
  const s = state.image; s.set = id; s.window = null; s.roi = null; $("roi-panel").innerHTML = "";
  status("opening image set…");
  // A large imzML is indexed in the background: poll its progress (the other views keep working meanwhile).
  let info = await api("/api/imageset", { set: id });
  while (info.loading) {
    if (s.set !== id) return;
    showImageLoading(info);
    await new Promise((resolve) => setTimeout(resolve, 300));
    info = await api("/api/imageset", { set: id });
  }
  $("image-loading").style.display = "none";
  if (s.set !== id) return;
  s.info = info;
  status(info.retrospective ? `indexed ${info.points} points in ${info.indexSeconds} s` : "");
  const ion = $("image-ion"), ratio = $("image-ratio");
  ion.innerHTML = ""; ratio.innerHTML = ""; ratio.add(new Option("none (counts)", "none"));
  // An <option> holds no markup: ion names are shown with Unicode sub- and superscripts (SO₃⁻), the server's
  // "text" form of the same typesetting; the values stay the data's names.
  const shown = new Map((info.ionLabels || []).map((l) => [l.name, l.text]));
  const option = (name) => new Option(shown.get(name) || name, name);
  for (const name of info.ions) { ion.add(option(name)); ratio.add(option(name)); }
  if (info.ions.length > 1) ion.value = info.ions[1];
  for (const id of ["overlay-r", "overlay-g", "overlay-b"]) { const o = $(id); o.innerHTML = ""; o.add(new Option("–", "")); for (const n of info.ions) o.add(option(n)); }
  $("window-group").style.display = info.retrospective ? "" : "none";
  $("mean-block").style.display = info.retrospective ? "" : "none";
  s.meanRange = null;
  await loadImage();
  if (info.retrospective) await loadMean();
}
function showImageLoading(info) {
  const fraction = info.total > 0 ? info.done / info.total : 0;
  const what = info.phase === "reading" ? `reading spectra: ${info.done} of ${info.total}` : info.phase === "sorting" ? `sorting the points by m/z: ${Math.round(100 * fraction)} %` : "opening";
  $("image-loading").style.display = "";
  $("image-loading-title").textContent = `indexing ${info.name} for m/z-window images…`;
  $("image-loading-bar").value = info.phase === "sorting" ? 0.9 + 0.1 * fraction : 0.9 * fraction;
  $("image-loading-text").textContent = `${what} · ${fmt(info.seconds, 3)} s`;
  status(`indexing ${info.name}: ${what}`);
  sv.loadingShown = (sv.loadingShown || 0) + 1;
}
async function loadImage() {
  const t0 = now();
  state.image.overlay = null;
  const d = await api("/api/image", imageParams());
  state.image.data = d; drawImage();
  sv.timings.image = now() - t0;
  if (state.image.roi) await measureRoi();
}
async function imageWindow(lo, hi) {
  if (!(hi > lo)) return;
  const t0 = now();
  state.image.window = [lo, hi];
  $("window-lower").value = fmt(lo, 7); $("window-upper").value = fmt(hi, 7);
  await loadImage(); drawMean();
  sv.timings.windowImage = now() - t0;
  sv.windowImages = (sv.windowImages || 0) + 1;
}
async function loadOverlay() {
  const names = ["overlay-r", "overlay-g", "overlay-b"].map((id) => $(id).value);
  if (!names.some((n) => n)) { state.image.overlay = null; drawImage(); return; }
  const channels = await Promise.all(names.map((n) => n ? api("/api/image", { set: state.image.set, ion: n }) : null));
  state.image.overlay = channels; drawImage();
}
function displayRange(values, contrast) {
  const finite = []; for (const v of values) if (v !== null && Number.isFinite(v) && (contrast !== "log" || v > 0)) finite.push(contrast === "log" ? Math.log10(v) : v);
  if (!finite.length) return [0, 1];
  finite.sort((a, b) => a - b);
  const hi = contrast === "percentile" ? finite[Math.floor(0.99 * (finite.length - 1))] : finite[finite.length - 1];
  const lo = contrast === "percentile" ? finite[Math.floor(0.01 * (finite.length - 1))] : finite[0];
  return [lo, hi > lo ? hi : lo + 1];
}
function drawImage() {
  const s = state.image, d = s.data; if (!d) return;
  const c = $("image-canvas"), g = c.getContext("2d");
  const W = d.width, H = d.height, scale = Math.max(1, Math.floor(512 / Math.max(W, H)));
  c.width = W * scale; c.height = H * scale; c.style.width = c.width + "px"; c.style.height = c.height + "px";
  const img = g.createImageData(W, H), px = img.data;
  $("image-bar").style.visibility = s.overlay ? "hidden" : "";   // the colour bar belongs to the single-ion image
  if (s.overlay) {
    const ranges = s.overlay.map((ch) => ch ? displayRange(ch.values, "percentile") : null);
    for (let i = 0; i < W * H; i++) {
      for (let k = 0; k < 3; k++) { const ch = s.overlay[k]; px[i * 4 + k] = ch ? Math.max(0, Math.min(255, 255 * (ch.values[i] - ranges[k][0]) / (ranges[k][1] - ranges[k][0]))) : 0; }
      px[i * 4 + 3] = 255;
    }
  } else {
    const contrast = $("image-contrast").value, table = lut($("image-cmap").value), [lo, hi] = displayRange(d.values, contrast);
    s.range = [lo, hi];
    for (let i = 0; i < W * H; i++) {
      let v = d.values[i];
      if (v === null || !Number.isFinite(v) || (contrast === "log" && v <= 0)) { px[i * 4 + 3] = 0; continue; }
      if (contrast === "log") v = Math.log10(v);
      const t = Math.max(0, Math.min(255, Math.round(255 * (v - lo) / (hi - lo))));
      px[i * 4] = table[t * 3]; px[i * 4 + 1] = table[t * 3 + 1]; px[i * 4 + 2] = table[t * 3 + 2]; px[i * 4 + 3] = 255;
    }
    drawColorBar(table, lo, hi, contrast === "log");
  }
  const tmp = document.createElement("canvas"); tmp.width = W; tmp.height = H; tmp.getContext("2d").putImageData(img, 0, 0);
  g.imageSmoothingEnabled = false; g.clearRect(0, 0, c.width, c.height); g.drawImage(tmp, 0, 0, c.width, c.height);
  const roi = s.drawing || s.roi;
  if (roi && roi.length) {
    g.strokeStyle = "#fff"; g.lineWidth = 2; g.setLineDash([5, 3]); g.beginPath();
    roi.forEach((p, i) => { if (i === 0) g.moveTo(p[0] * scale, p[1] * scale); else g.lineTo(p[0] * scale, p[1] * scale); });
    if (s.roi) g.closePath(); g.stroke(); g.setLineDash([]);
  }
  s.scale = scale;
  const shown = s.overlay ? "overlay " + s.overlay.map((ch, k) => ch ? "RGB"[k] + ": " + (ch.nameText || ch.name) : null).filter((t) => t).join(" · ") + " (each to its 99th percentile)"
    : `${d.nameText || d.name}${d.reference ? " / " + (d.referenceText || d.reference) : ""}`;
  $("image-info").textContent = `${shown} · ${W}×${H} pixels` + (Number.isFinite(d.pixelSize) && d.pixelSize ? ` · ${fmt(d.pixelSize, 3)} µm/pixel` : "");
  sv.imageDrawn = (sv.imageDrawn || 0) + 1;
}
function drawColorBar(table, lo, hi, log) {
  const c = $("image-bar"), g = c.getContext("2d"); g.clearRect(0, 0, c.width, c.height);
  for (let y = 0; y < 480; y++) { const t = Math.round(255 * (1 - y / 479)); g.fillStyle = `rgb(${table[t * 3]},${table[t * 3 + 1]},${table[t * 3 + 2]})`; g.fillRect(0, y + 16, 14, 1); }
  g.fillStyle = "#333"; g.font = "10px DejaVu Sans, sans-serif"; g.textBaseline = "middle";
  g.fillText((log ? "10^" : "") + fmt(hi, 3), 16, 16); g.fillText((log ? "10^" : "") + fmt(lo, 3), 16, 496);
}
function setTool(tool) {
  const s = state.image; s.tool = s.tool === tool ? null : tool; s.drawing = null;
  $("roi-rect").classList.toggle("active", s.tool === "rect"); $("roi-poly").classList.toggle("active", s.tool === "poly");
}
function imagePoint(e) { const s = state.image; return [e.offsetX / s.scale, e.offsetY / s.scale]; }
function roiDown(e) {
  const s = state.image; if (!s.tool) return;
  const p = imagePoint(e);
  if (s.tool === "rect") { s.drawing = [p, p, p, p]; s.rectStart = p; }
  else { s.drawing = (s.drawing || []).concat([p]); drawImage(); }
}
function roiMove(e) {
  const s = state.image; if (s.tool !== "rect" || !s.rectStart || !s.drawing) return;
  const [x0, y0] = s.rectStart, [x1, y1] = imagePoint(e);
  s.drawing = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]; drawImage();
}
function roiUp(e) {
  const s = state.image; if (s.tool !== "rect" || !s.rectStart) return;
  s.rectStart = null; s.roi = s.drawing; s.drawing = null; measureRoi();
}
function roiFinishPolygon() {
  const s = state.image; if (s.tool !== "poly" || !s.drawing || s.drawing.length < 3) return;
  s.roi = s.drawing; s.drawing = null; measureRoi();
}
async function measureRoi() {
  const s = state.image, t0 = now();
  const d = await api("/api/roi", imageParams({ polygon: s.roi.flat().map((v) => v.toFixed(2)).join(",") }));
  sv.timings.roi = now() - t0; sv.roi = d;
  drawImage();
  let html = `<b>ROI</b>: ${d.pixels} pixels<br>${d.nameMarkup}: <b id="roi-counts">${fmt(d.counts)}</b> counts`;
  if (d.name !== "total" && d.reference !== "total") html += `<br>total: ${fmt(d.total)} counts`;
  if (d.reference !== undefined) html += `<br>${d.referenceMarkup}: ${fmt(d.referenceCounts)} counts<br>ratio (sum/sum): <b id="roi-ratio">${fmt(d.ratio, 5)}</b>`;
  if (d.ions.length) { html += `<table id="roi-ions"><tr><th>ion</th><th>counts</th><th>/ total</th></tr>`; for (const i of d.ions) html += `<tr><td>${i.markup}</td><td>${fmt(i.counts)}</td><td>${fmt(i.counts / d.total, 4)}</td></tr>`; html += "</table>"; }
  $("roi-panel").innerHTML = html;
  const rc = $("roi-spectrum");
  if (d.spectrum) { const ax = new Axes(rc); ax.resize(); ax.setX(d.spectrum.mass[0], d.spectrum.mass[d.spectrum.mass.length - 1]); ax.setY(0, Math.max(1, ...d.spectrum.max) * 1.05); ax.frame("m/z (u)", "ROI counts"); ax.clip(); drawSeries(ax, d.spectrum, "#D55E00"); ax.ctx.restore(); }
  sv.roiShown = (sv.roiShown || 0) + 1;
}
const meanAx = new Axes($("mean-canvas"));
async function loadMean() {
  const s = state.image, p = { ids: "i" + s.set, columns: Math.round(meanAx.w || 900) };
  if (s.meanRange) { p.lower = s.meanRange[0]; p.upper = s.meanRange[1]; }
  s.mean = await apiSpectra(p); if (!s.meanRange) s.meanRange = [s.mean.lower, s.mean.upper];
  drawMean();
}
function drawMean() {
  const s = state.image, d = s.mean, c = $("mean-canvas"); if (!d) return;
  meanAx.resize(); meanAx.setX(s.meanRange[0], s.meanRange[1]);
  let top = 1e-9; for (const v of d.series[0].max) if (v > top) top = v;
  meanAx.setY(0, top * 1.05); meanAx.frame("m/z (u)", "mean counts / pixel"); meanAx.clip();
  const g = meanAx.ctx;
  if (s.window) { g.fillStyle = "rgba(255,170,0,0.35)"; const a = meanAx.px(s.window[0]), b = meanAx.px(s.window[1]); g.fillRect(a, meanAx.m.t, Math.max(2, b - a), meanAx.h); }
  if (c.selectionPx) { g.fillStyle = "rgba(0,120,255,0.2)"; const [a, b] = c.selectionPx.map((v) => v * c.width / c.clientWidth); g.fillRect(Math.min(a, b), meanAx.m.t, Math.abs(b - a), meanAx.h); }
  drawSeries(meanAx, d.series[0], "#333"); g.restore();
  c.selectionPx = null;
}

// ---------- depth ----------
const depthAx = new Axes($("depth-canvas"));
function depthAxis() { return document.querySelector("input[name=depth-axis]:checked").value; }
function selectedDepthIons() { return [...document.querySelectorAll("#depth-ions input:checked")].map((i) => i.dataset.ion); }
function initDepth() {
  const sel = $("depth-profile"); sel.innerHTML = "";
  for (const d of state.catalog.depth) sel.add(new Option(d.name, d.id));
  sel.onchange = () => openDepth(parseInt(sel.value));
  for (const el of document.querySelectorAll("input[name=depth-axis], #depth-rate, #depth-log")) el.onchange = drawDepth;
  $("depth-ions").onchange = drawDepth;
  $("depth-canvas").addEventListener("mousemove", (e) => hoverDepth(e.offsetX * $("depth-canvas").width / $("depth-canvas").clientWidth));
  if (state.catalog.depth.length) openDepth(0);
}
// Ions drawn when a profile opens: the strongest by summed counts (a profile has up to ~150 columns; all of them
// at once are an unreadable tangle). The list is sorted strongest first; "all" and "none" are one click away.
const depthDefaultIons = 8;
function showDepthIons(count) {
  document.querySelectorAll("#depth-ions input[data-ion]").forEach((i) => { i.checked = parseInt(i.dataset.rank) < count; });
  drawDepth();
}
async function openDepth(id) {
  const d = state.depth.data = await api("/api/depth", { id }); state.depth.id = id;
  const box = $("depth-ions"); box.innerHTML = "";
  const sum = (c) => c.values.reduce((a, v) => a + (v > 0 ? v : 0), 0);
  const ions = d.columns.map((c, k) => ({ c, k, sum: c.total ? -1 : sum(c) })).sort((a, b) => b.sum - a.sum || a.k - b.k);
  const n = ions.filter((e) => !e.c.total).length;
  const tools = document.createElement("div"); tools.className = "depth-tools";
  tools.innerHTML = `<button id="depth-strongest">strongest ${Math.min(depthDefaultIons, n)}</button> <button id="depth-all">all ${n}</button> <button id="depth-none">none</button>`;
  box.appendChild(tools);
  $("depth-strongest").onclick = () => showDepthIons(depthDefaultIons);
  $("depth-all").onclick = () => showDepthIons(n);
  $("depth-none").onclick = () => showDepthIons(0);
  state.depth.colors = {};
  ions.forEach((e, rank) => {
    const c = e.c, color = palette[rank % palette.length];
    state.depth.colors[c.name] = color;
    const l = document.createElement("label"); l.style.display = "block";
    l.innerHTML = `<input type="checkbox" ${!c.total && rank < depthDefaultIons ? "checked" : ""} data-ion="${c.name}" data-rank="${c.total ? 1e9 : rank}"> <span class="swatch" style="background:${color}"></span>${c.markup || c.name}` + (c.interfaces.length ? ` <small>(${c.interfaces.length} interface${c.interfaces.length > 1 ? "s" : ""})</small>` : "");
    box.appendChild(l);
  });
  drawDepth();
}
function depthX() { const d = state.depth.data, rate = parseFloat($("depth-rate").value); return depthAxis() === "depth" && rate > 0 ? d.time.map((t) => t * rate) : d.time; }
function drawDepth() {
  const d = state.depth.data; if (!d) return;
  const ax = depthAx, x = depthX(), on = new Set(selectedDepthIons()), log = $("depth-log").checked;
  ax.resize(); ax.setX(x[0], x[x.length - 1]);
  let lo = Infinity, hi = 0;
  for (const c of d.columns) if (on.has(c.name)) for (const v of c.values) { if (v > 0 && v < lo) lo = v; if (v > hi) hi = v; }
  if (!(hi > 0)) { lo = 1; hi = 10; }
  ax.setY(log ? lo : 0, hi * 1.1, log);
  const rate = parseFloat($("depth-rate").value);
  ax.frame(depthAxis() === "depth" ? `depth (nm) at ${rate} nm/s` : "sputter time (s)", "intensity (counts)");
  ax.clip(); const g = ax.ctx;
  const labels = [];
  d.columns.forEach((c, k) => {
    if (!on.has(c.name)) return;
    const color = state.depth.colors[c.name] || palette[k % palette.length];
    drawSeries(ax, { raw: true, mass: x, max: c.values }, color);
    for (const f of c.interfaces) {
      const px = ax.px(depthAxis() === "depth" && rate > 0 ? f.time * rate : f.time);
      g.strokeStyle = color; g.setLineDash([4, 4]); g.beginPath(); g.moveTo(px, ax.m.t); g.lineTo(px, ax.m.t + ax.h); g.stroke(); g.setLineDash([]);
      labels.push({ px, color, runs: (c.runs || [[c.name, ""]]).concat([[" " + f.direction, ""]]) });
    }
  });
  sv.depthLabels = placeDepthLabels(g, ax, labels);
  g.restore();
  sv.depthDrawn = (sv.depthDrawn || 0) + 1;
}
// Interface labels beside their lines, left to right, each in the first row (14 px apart, at most 8) where it
// overlaps no other label; to the line's left where it would leave the plot; left out (the line and the hover
// readout remain) when every row is taken there. Returns what was placed, for the browser tests.
function placeDepthLabels(g, ax, labels) {
  const rows = Array.from({ length: Math.max(1, Math.min(8, Math.floor(ax.h / 14) - 1)) }, () => []), placed = [];
  labels.sort((a, b) => a.px - b.px);
  for (const l of labels) {
    const w = measureRuns(g, l.runs);
    const x0 = l.px + 3 + w <= ax.m.l + ax.w ? l.px + 3 : l.px - 3 - w, x1 = x0 + w;
    const r = rows.findIndex((row) => row.every(([a, b]) => x1 + 4 <= a || x0 >= b + 4));
    if (r < 0) { placed.push({ x0, x1, row: -1 }); continue; }
    rows[r].push([x0, x1]);
    g.fillStyle = l.color; drawRuns(g, l.runs, x0, ax.m.t + 13 + 14 * r, "left");
    placed.push({ x0, x1, row: r });
  }
  return placed;
}
function hoverDepth(px) {
  const d = state.depth.data; if (!d) return;
  const x = depthX(), v = depthAx.xAt(px);
  let i = 0; for (let k = 0; k < x.length; k++) if (Math.abs(x[k] - v) < Math.abs(x[i] - v)) i = k;
  const on = new Set(selectedDepthIons());
  $("depth-hover").innerHTML = `<b>${depthAxis() === "depth" ? "depth " + fmt(x[i]) + " nm" : "t = " + fmt(x[i]) + " s"}</b> (cycle ${i + 1}) · ` +
    d.columns.filter((c) => on.has(c.name)).slice(0, 8).map((c) => `${c.markup || c.name}: ${fmt(c.values[i])}`).join(" · ");
}

// ---------- PCA / MVA ----------
const scoresAx = new Axes($("mva-scores")), loadAx = new Axes($("mva-loadings"));
function initMVA() {
  const sel = $("mva-result"); sel.innerHTML = "";
  for (const m of state.catalog.multivariate) sel.add(new Option(m.name, m.id));
  sel.onchange = () => openMVA(parseInt(sel.value));
  for (const id of ["mva-x", "mva-y"]) $(id).onchange = drawScores;
  $("mva-component").onchange = () => { drawLoadings(); showComponentImage(); };
  const c = $("mva-scores"); let start = null;
  c.addEventListener("mousedown", (e) => { start = [e.offsetX, e.offsetY]; });
  c.addEventListener("mouseup", (e) => { if (!start) return; selectScores(start, [e.offsetX, e.offsetY]); start = null; });
  $("mva-loadings").addEventListener("click", (e) => clickLoading(e));
  if (state.catalog.multivariate.length) openMVA(0);
}
async function openMVA(id) {
  const d = state.mva.data = await api("/api/mva", { id }); state.mva.id = id; state.mva.selected = new Set();
  for (const sid of ["mva-x", "mva-y", "mva-component"]) { const s = $(sid); s.innerHTML = ""; d.components.forEach((c, k) => s.add(new Option(c, k))); }
  if (d.components.length > 1) $("mva-y").value = 1;
  drawScores(); drawLoadings(); showComponentImage();
}
function drawScores() {
  const d = state.mva.data; if (!d) return;
  const ax = scoresAx, i = parseInt($("mva-x").value), j = parseInt($("mva-y").value);
  const xs = d.scores.map((r) => r.values[i]), ys = d.scores.map((r) => r.values[j]);
  const pad = (a) => { const lo = Math.min(...a), hi = Math.max(...a), p = (hi - lo) * 0.08 || 1; return [lo - p, hi + p]; };
  ax.resize(); const [x0, x1] = pad(xs), [y0, y1] = pad(ys); ax.setX(x0, x1); ax.setY(y0, y1, false);
  ax.frame(d.components[i], d.components[j]); ax.clip(); const g = ax.ctx;
  const groups = [...new Set(d.scores.map((r) => r.group))];
  d.scores.forEach((r, k) => {
    const sel = state.mva.selected.has(k);
    g.fillStyle = palette[groups.indexOf(r.group) % palette.length]; g.beginPath(); g.arc(ax.px(xs[k]), ax.py(ys[k]), sel ? 6 : 3.5, 0, 7); g.fill();
    if (sel) { g.strokeStyle = "#000"; g.lineWidth = 2; g.stroke(); g.lineWidth = 1; }
  });
  g.restore();
  g.font = "11px DejaVu Sans, sans-serif"; g.textAlign = "left";
  groups.forEach((name, k) => { g.fillStyle = palette[k % palette.length]; g.fillRect(ax.m.l + 8, ax.m.t + 8 + 14 * k, 9, 9); g.fillStyle = "#223"; g.fillText(name, ax.m.l + 21, ax.m.t + 13 + 14 * k); });
}
function selectScores(a, b) {
  const d = state.mva.data, ax = scoresAx, k = $("mva-scores").width / $("mva-scores").clientWidth;
  const i = parseInt($("mva-x").value), j = parseInt($("mva-y").value);
  const [x0, x1] = [Math.min(a[0], b[0]) * k, Math.max(a[0], b[0]) * k], [y0, y1] = [Math.min(a[1], b[1]) * k, Math.max(a[1], b[1]) * k];
  state.mva.selected = new Set();
  d.scores.forEach((r, n) => { const px = ax.px(r.values[i]), py = ax.py(r.values[j]); if ((x1 - x0 < 3 && Math.hypot(px - x0, py - y0) < 8) || (px >= x0 && px <= x1 && py >= y0 && py <= y1)) state.mva.selected.add(n); });
  drawScores();
  const names = [...state.mva.selected].map((n) => `${d.scores[n].name} (${d.scores[n].group})`);
  $("mva-selection").innerHTML = names.length ? `<b>${names.length} selected</b>: ` + names.join(", ") : "";
  sv.mvaSelected = names;
}
function drawLoadings() {
  const d = state.mva.data; if (!d) return;
  const ax = loadAx, c = parseInt($("mva-component").value), vals = d.loadings.map((r) => r.values[c]);
  const lo = Math.min(0, ...vals), hi = Math.max(0, ...vals);
  ax.resize(); ax.setX(-0.5, vals.length - 0.5); ax.setY(lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05, false);
  ax.frame("variable", "loading on " + d.components[c]); ax.clip(); const g = ax.ctx;
  vals.forEach((v, k) => { g.fillStyle = v >= 0 ? "#0072B2" : "#D55E00"; const x = ax.px(k - 0.4), w = Math.max(1, ax.px(k + 0.4) - x); g.fillRect(x, Math.min(ax.py(v), ax.py(0)), w, Math.abs(ax.py(v) - ax.py(0))); });
  g.restore();
  // The six largest loadings, typeset, on a white box in the top right corner (over the bars, readable).
  const top = vals.map((v, k) => [Math.abs(v), k]).sort((a, b) => b[0] - a[0]).slice(0, 6);
  const lines = top.map(([_, k]) => (d.loadings[k].runs || [[d.loadings[k].name, ""]]).concat([[`: ${fmt(vals[k], 3)}`, ""]]));
  const width = Math.max(0, ...lines.map((runs) => measureRuns(g, runs))), x0 = ax.m.l + ax.w - width - 12;
  if (lines.length) { g.fillStyle = "rgba(255,255,255,0.9)"; g.fillRect(x0 - 4, ax.m.t + 2, width + 12, 15 * lines.length + 6); }
  g.fillStyle = "#223"; g.textAlign = "left";
  lines.forEach((runs, n) => drawRuns(g, runs, x0, ax.m.t + 16 + 15 * n, "left"));
  sv.loadingLabels = lines.map((runs) => runs.map((r) => r[0]).join(""));
}
function clickLoading(e) {
  const d = state.mva.data; if (!d) return;
  const k = Math.round(loadAx.xAt(e.offsetX * $("mva-loadings").width / $("mva-loadings").clientWidth));
  if (d.loadings[k]) $("mva-selection").innerHTML = `<b>${d.loadings[k].markup || d.loadings[k].name}</b>: ` + d.components.map((c, i) => `${c} ${fmt(d.loadings[k].values[i], 3)}`).join(" · ");
}
function showComponentImage() {
  const d = state.mva.data, c = parseInt($("mva-component").value);
  const img = d.images && d.images[c];
  $("mva-image").innerHTML = img ? `<b>${d.components[c]}</b><br><img id="mva-component-image" src="/files/${img.split("/").map(encodeURIComponent).join("/")}" style="max-width:100%">` : "";
}

// ---------- tabs and start ----------
function showTab(tab) {
  state.tab = tab;
  for (const b of document.querySelectorAll("#tabs button")) b.classList.toggle("active", b.dataset.tab === tab);
  for (const v of document.querySelectorAll(".view")) v.classList.toggle("active", v.id === "view-" + tab);
  if (tab === "spectra") { drawSpectra(); }
  if (tab === "depth") drawDepth();
  if (tab === "mva") { drawScores(); drawLoadings(); }
  if (tab === "images") drawMean();
}
async function start() {
  const c = state.catalog = await api("/api/catalog");
  $("root").textContent = c.root;
  const available = { spectra: c.spectra.length > 0, images: c.images.length > 0, depth: c.depth.length > 0, mva: c.multivariate.length > 0 };
  for (const b of document.querySelectorAll("#tabs button")) { b.disabled = !available[b.dataset.tab]; b.onclick = () => showTab(b.dataset.tab); }
  setupExports();
  const first = ["spectra", "images", "depth", "mva"].find((t) => available[t]) || "spectra";
  showTab(first);
  if (available.spectra) { initSpectra(); await loadSpectra(); }
  // First meaningful paint: time since navigation start (performance.now()) when the first view's data is drawn.
  sv.firstPaintMs = sv.firstPaint || now();
  if (available.images) await initImages();
  if (available.depth) initDepth();
  if (available.mva) initMVA();
  if (c.skipped.length) status(c.skipped.length + " files skipped");
  sv.ready = true;
}
start().catch((e) => { status("error: " + e.message); sv.error = e.message; });
"""#
}
