/// The browser client of `sims view`, embedded in the binary so an installed `sims` needs no resource bundle
/// and the page needs no network: one HTML page, one style sheet and one script (plain JavaScript, canvas
/// and SVG; no framework). The script is in ``ClientAssets/script`` (ClientAssets+Script.swift).
public enum ClientAssets {
    /// The page.
    public static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>sims view</title>
<link rel="stylesheet" href="/app.css">
</head>
<body>
<header>
  <strong>sims view</strong>
  <span id="root"></span>
  <nav id="tabs">
    <button data-tab="spectra" id="tab-spectra">Spectra</button>
    <button data-tab="images" id="tab-images">Images</button>
    <button data-tab="depth" id="tab-depth">Depth profiles</button>
    <button data-tab="mva" id="tab-mva">PCA / MVA</button>
  </nav>
  <span id="status"></span>
</header>
<main>
<section id="view-spectra" class="view">
  <aside>
    <div class="group"><label>polarity <select id="spectra-polarity"></select></label></div>
    <div class="group"><label><input type="checkbox" id="spectra-log"> log intensity</label></div>
    <div class="group">m/z <input id="spectra-lower" size="7"> – <input id="spectra-upper" size="7"> <button id="spectra-go">go</button> <button id="spectra-reset">whole range</button></div>
    <div class="group" id="spectra-samples"></div>
    <div class="group export" data-view="spectra"></div>
  </aside>
  <div class="work">
    <canvas id="spectra-canvas" class="plot" width="1000" height="420"></canvas>
    <div class="hint">wheel: zoom · drag: pan · double-click: whole range · click a band: its numbers</div>
    <div id="spectra-hover" class="panel"></div>
    <div id="interval-panel" class="panel"></div>
  </div>
</section>
<section id="view-images" class="view">
  <aside>
    <div class="group"><label>measurement <select id="image-set"></select></label></div>
    <div class="group"><label>ion <select id="image-ion"></select></label></div>
    <div class="group"><label>ratio to <select id="image-ratio"></select></label></div>
    <div class="group"><label>colour map <select id="image-cmap"><option>viridis</option><option>inferno</option><option>magma</option><option>cividis</option><option>gray</option></select></label></div>
    <div class="group"><label>contrast <select id="image-contrast"><option value="linear">linear</option><option value="log">log</option><option value="percentile">99th percentile</option></select></label></div>
    <div class="group overlays">overlay R <select id="overlay-r" class="overlay"></select> G <select id="overlay-g" class="overlay"></select> B <select id="overlay-b" class="overlay"></select></div>
    <div class="group">ROI <button id="roi-rect" class="tool">rectangle</button> <button id="roi-poly" class="tool">polygon</button> <button id="roi-clear">clear</button></div>
    <div class="group" id="window-group">m/z window <input id="window-lower" size="7"> – <input id="window-upper" size="7"> <button id="window-go">image</button></div>
    <div class="group export" data-view="image"></div>
  </aside>
  <div class="work">
    <div id="image-loading" class="panel" style="display:none"><b id="image-loading-title"></b><br><progress id="image-loading-bar" max="1" value="0" style="width:420px"></progress> <span id="image-loading-text"></span><div class="hint">the other views keep working meanwhile</div></div>
    <div class="row">
      <canvas id="image-canvas" width="512" height="512"></canvas>
      <div>
        <canvas id="image-bar" width="60" height="512"></canvas>
      </div>
      <div id="roi-panel" class="panel"></div>
    </div>
    <div id="image-info" class="hint"></div>
    <div id="mean-block">
      <div class="hint">mean spectrum: shift-drag selects an m/z window and shows its image · wheel: zoom · drag: pan</div>
      <canvas id="mean-canvas" class="plot" width="1000" height="220"></canvas>
      <canvas id="roi-spectrum" class="plot" width="1000" height="180"></canvas>
    </div>
  </div>
</section>
<section id="view-depth" class="view">
  <aside>
    <div class="group"><label>profile <select id="depth-profile"></select></label></div>
    <div class="group"><label><input type="radio" name="depth-axis" value="time" checked> time (s)</label>
      <label><input type="radio" name="depth-axis" value="depth" id="depth-axis-depth"> depth (nm) at <input id="depth-rate" size="5" value="0.1"> nm/s</label></div>
    <div class="group"><label><input type="checkbox" id="depth-log" checked> log intensity</label></div>
    <div class="group" id="depth-ions"></div>
    <div class="group export" data-view="depth"></div>
  </aside>
  <div class="work">
    <canvas id="depth-canvas" class="plot" width="1000" height="460"></canvas>
    <div id="depth-hover" class="panel"></div>
  </div>
</section>
<section id="view-mva" class="view">
  <aside>
    <div class="group"><label>result <select id="mva-result"></select></label></div>
    <div class="group">x <select id="mva-x"></select> y <select id="mva-y"></select></div>
    <div class="group"><label>component <select id="mva-component"></select></label></div>
    <div class="group export" data-view="mva"></div>
  </aside>
  <div class="work">
    <div class="row">
      <canvas id="mva-scores" class="plot" width="480" height="420"></canvas>
      <canvas id="mva-loadings" class="plot" width="560" height="420"></canvas>
    </div>
    <div class="hint">drag on the scores: select spots · click a loading bar or pick a component: its image</div>
    <div id="mva-selection" class="panel"></div>
    <div id="mva-image" class="panel"></div>
  </div>
</section>
</main>
<script src="/app.js"></script>
</body>
</html>
"""#

    /// The style sheet.
    public static let style = #"""
* { box-sizing: border-box; }
body { margin: 0; font: 13px/1.35 "DejaVu Sans", system-ui, sans-serif; color: #1d2330; background: #f6f7f9; }
header { display: flex; gap: 14px; align-items: center; padding: 8px 14px; background: #1d2330; color: #fff; }
header #root { color: #aab; font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 35vw; }
nav button { background: none; color: #ccd; border: 0; padding: 6px 10px; cursor: pointer; font: inherit; }
nav button.active { color: #fff; border-bottom: 2px solid #6cf; }
nav button:disabled { color: #556; cursor: default; }
#status { margin-left: auto; color: #9bd; font-size: 12px; }
.view { display: none; padding: 10px; gap: 12px; }
.view.active { display: flex; }
aside { width: 260px; flex: none; }
aside select { max-width: 240px; }
aside select.overlay { max-width: 50px; }
.group.overlays { white-space: nowrap; }
.work { flex: 1; min-width: 0; }
.group { margin-bottom: 10px; }
.group label { display: inline-block; margin-bottom: 3px; }
#spectra-samples { max-height: 46vh; overflow: auto; }
#spectra-samples label { display: block; white-space: nowrap; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
canvas.plot { width: 100%; background: #fff; border: 1px solid #dde; display: block; }
#image-canvas { background: #111; border: 1px solid #dde; cursor: crosshair; image-rendering: pixelated; width: 512px; height: 512px; }
#image-bar { width: 60px; height: 512px; }
.row { display: flex; gap: 12px; align-items: flex-start; flex-wrap: wrap; }
.panel { background: #fff; border: 1px solid #dde; padding: 8px; margin-top: 8px; min-height: 20px; }
.panel:empty { display: none; }
.panel table { border-collapse: collapse; }
.panel td, .panel th { padding: 1px 8px; text-align: right; }
.panel th:first-child, .panel td:first-child { text-align: left; }
.hint { color: #667; font-size: 12px; margin: 4px 0; }
button.tool.active { background: #6cf; }
.export button { margin-right: 4px; }
#roi-panel { min-width: 260px; margin-top: 0; max-height: 512px; overflow: auto; }
"""#
}
