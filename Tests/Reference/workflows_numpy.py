"""Vectorized NumPy/SciPy versions of three SIMSKit workflows, figures off, for `sims bench workflows`.

Each mode does what the `sims` command does with `--no-plots`, written the way a NumPy user would write it
(whole arrays, no per-point Python loops): read every export, integrate / normalize, compute the statistics,
write the CSV tables (and, for images, the per-pixel ratio and count images as raw float32 files, since
NumPy has no TIFF writer). The benchmark runs it as a child process and measures its CPU time (user + sys)
and wall time, exactly like the `sims` process next to it.

    python3 workflows_numpy.py spectra ROOT PEAKS.csv OUT     # ROOT/<sample>/<spot>.txt spectra
    python3 workflows_numpy.py images ROOT OUT                # ROOT/<sample>/<measurement> (<id>) - <ion>.txt
    python3 workflows_numpy.py pca ROOT PEAKS.csv OUT

spectra: per spot the TIC and, for every interval of the peak list, the trapezoidal area (cumulative
trapezoid + searchsorted), the TIC-normalized area and the counts; per sample and peak n, mean, sd, median,
quartiles, min, max, t and bootstrap (2000 resamples) 95 % intervals; Welch and Mann-Whitney tests and Hedges'
g of every sample pair with Benjamini-Hochberg adjustment (scipy.stats, vectorized over peaks).
images: per measurement and ion the per-pixel ratio to the total (zero-total pixels excluded), its mean,
the ratio of sums; the ratio and count images written.
pca: TIC-normalized areas, max scaling, PCA by SVD; scores, loadings and explained variance written.
"""
import glob
import os
import re
import sys

import numpy as np


def read_export(path):
    """Header ('#' lines) and title skipped; the numeric body parsed in one call."""
    with open(path, "rb") as handle:
        data = handle.read()
    position = 0
    title = None
    while True:
        end = data.index(b"\n", position)
        line = data[position:end].strip()
        position = end + 1
        if line and not line.startswith(b"#"):
            title = line.decode()
            break
    values = np.array(data[position:].split(), dtype=float)
    return title, values


def read_spectrum(path):
    title, values = read_export(path)
    titles = [t.strip().lower() for t in title.split("\t")]
    table = values.reshape(-1, len(titles))
    return table[:, titles.index("m/z")], table[:, titles.index("intensity")]


def read_peaks(path):
    rows = [line.rstrip("\n").split(",") for line in open(path) if line.strip() and not line.startswith("#")]
    rows = rows[1:]
    return [r[0] for r in rows], np.array([float(r[1]) for r in rows]), np.array([float(r[2]) for r in rows])


def study(root, pattern="*.txt"):
    spots = []
    for sample in sorted(os.listdir(root)):
        for path in sorted(glob.glob(os.path.join(root, sample, pattern))):
            spots.append((sample, os.path.basename(path)[:-4], path))
    return spots


def integrate(root, peaks):
    names, lower, upper = read_peaks(peaks)
    spots = study(root)
    raw, tic, counts = [], [], []
    for _, _, path in spots:
        m, y = read_spectrum(path)
        c = np.concatenate(([0.0], np.cumsum(np.diff(m) * (y[1:] + y[:-1]) * 0.5)))
        cy = np.concatenate(([0.0], np.cumsum(y)))
        lo = np.searchsorted(m, lower, "left")
        hi = np.searchsorted(m, upper, "right")
        last = np.maximum(hi - 1, lo)
        raw.append(c[np.minimum(last, len(m) - 1)] - c[np.minimum(lo, len(m) - 1)])
        counts.append(cy[hi] - cy[lo])
        tic.append(y.sum())
    raw, counts, tic = np.array(raw), np.array(counts), np.array(tic)
    return spots, names, raw, raw / tic[:, None], counts, tic


def spectra(root, peaks, out):
    from scipy import stats
    os.makedirs(out, exist_ok=True)
    spots, names, raw, normalized, counts, tic = integrate(root, peaks)
    k = len(names)
    spot_names = np.repeat([s[1] for s in spots], k)
    sample_names = np.repeat([s[0] for s in spots], k)
    peak_names = np.tile(names, len(spots))
    table = np.column_stack([sample_names, spot_names, peak_names, raw.ravel(), normalized.ravel(), counts.ravel(), np.repeat(tic, k)])
    np.savetxt(os.path.join(out, "peak_areas.csv"), table, fmt="%s", delimiter=",",
               header="sample,spot,assignment,raw_area,tic_normalized_area,counts,tic", comments="")
    samples = sorted(set(s[0] for s in spots))
    groups = {s: np.array([i for i, spot in enumerate(spots) if spot[0] == s]) for s in samples}
    rng = np.random.default_rng(20230807)
    rows = []
    for name, values in (("raw", raw), ("tic", normalized), ("counts", counts)):
        for s in samples:
            x = values[groups[s]]  # spots × peaks
            n = x.shape[0]
            mean = x.mean(axis=0)
            sd = x.std(axis=0, ddof=1) if n > 1 else np.full(k, np.nan)
            q1, median, q3 = np.percentile(x, [25, 50, 75], axis=0)
            half = stats.t.ppf(0.975, n - 1) * sd / np.sqrt(n) if n > 1 else np.full(k, np.nan)
            if n > 1:
                means = x[rng.integers(0, n, (2000, n))].mean(axis=1)  # resamples × peaks
                low, high = np.percentile(means, [2.5, 97.5], axis=0)
            else:
                low = high = np.full(k, np.nan)
            rows.append(np.column_stack([np.full(k, name), names, np.full(k, s), np.full(k, n), mean, sd, median, q1, q3,
                                         x.min(axis=0), x.max(axis=0), mean - half, mean + half, low, high]))
    np.savetxt(os.path.join(out, "summary.csv"), np.vstack(rows), fmt="%s", delimiter=",",
               header="normalization,assignment,sample,n,mean,sd,median,q1,q3,min,max,ci95_t_low,ci95_t_high,ci95_bootstrap_low,ci95_bootstrap_high",
               comments="")
    tests = []
    for i, a in enumerate(samples):
        for b in samples[i + 1:]:
            x, y = normalized[groups[a]], normalized[groups[b]]
            if len(x) < 2 or len(y) < 2:
                continue
            with np.errstate(all="ignore"):
                welch = stats.ttest_ind(x, y, axis=0, equal_var=False)
                mann = stats.mannwhitneyu(x, y, axis=0)
                nu = len(x) + len(y) - 2
                pooled = np.sqrt(((len(x) - 1) * x.var(axis=0, ddof=1) + (len(y) - 1) * y.var(axis=0, ddof=1)) / nu)
                g = (1 - 3 / (4 * nu - 1)) * (x.mean(axis=0) - y.mean(axis=0)) / pooled
            tests.append((a, b, welch.statistic, welch.pvalue, mann.statistic, mann.pvalue, g))
    welch_p = np.concatenate([t[3] for t in tests])
    mann_p = np.concatenate([t[5] for t in tests])
    adjusted = [stats.false_discovery_control(np.nan_to_num(p, nan=1.0)) for p in (welch_p, mann_p)]
    rows = np.column_stack([np.concatenate([np.full(k, t[0]) for t in tests]), np.concatenate([np.full(k, t[1]) for t in tests]),
                            np.tile(names, len(tests)), np.concatenate([t[2] for t in tests]), welch_p, adjusted[0],
                            np.concatenate([t[4] for t in tests]), mann_p, adjusted[1], np.concatenate([t[6] for t in tests])])
    np.savetxt(os.path.join(out, "tests.csv"), rows, fmt="%s", delimiter=",",
               header="first,second,assignment,welch_t,welch_p,welch_p_bh,mann_whitney_u,mann_whitney_p,mann_whitney_p_bh,hedges_g",
               comments="")


def images(root, out):
    os.makedirs(out, exist_ok=True)
    pattern = re.compile(r"^(.*) \((\d+)\) - (.*)\.txt$")
    rows = []
    for sample in sorted(os.listdir(root)):
        measurements = {}
        for path in sorted(glob.glob(os.path.join(root, sample, "*.txt"))):
            match = pattern.match(os.path.basename(path))
            measurements.setdefault(match.group(1), {})[match.group(3)] = path
        for measurement, files in sorted(measurements.items()):
            def image(path):
                _, values = read_export(path)
                xyz = values.reshape(-1, 3)
                w, h = int(xyz[:, 0].max()) + 1, int(xyz[:, 1].max()) + 1
                out_image = np.zeros((h, w))
                out_image[xyz[:, 1].astype(np.intp), xyz[:, 0].astype(np.intp)] = xyz[:, 2]
                return out_image
            total = image(files["total"])
            valid = total > 0
            folder = os.path.join(out, sample + "_" + measurement)
            os.makedirs(folder, exist_ok=True)
            for ion, path in sorted(files.items()):
                if ion == "total":
                    continue
                counts = image(path)
                ratio = np.zeros_like(counts)
                np.divide(counts, total, out=ratio, where=valid)
                counts.astype(np.float32).tofile(os.path.join(folder, ion + "_counts.f32"))
                ratio.astype(np.float32).tofile(os.path.join(folder, ion + "_ratio.f32"))
                rows.append((sample, measurement, ion, counts.sum(), "total", counts[valid].sum() / total[valid].sum(),
                             ratio[valid].mean(), ratio[valid].sum(), int(valid.sum()), int((~valid).sum())))
    np.savetxt(os.path.join(out, "image_stats.csv"), np.array(rows, dtype=object), fmt="%s", delimiter=",",
               header="sample,measurement,ion,total_counts,reference,ratio_of_sums,mean_of_ratios,sum_of_ratios,valid_pixels,excluded_pixels",
               comments="")


def pca(root, peaks, out):
    os.makedirs(out, exist_ok=True)
    spots, names, _, normalized, _, _ = integrate(root, peaks)
    maxima = normalized.max(axis=0)
    scaled = normalized / np.where(maxima > 0, maxima, 1)
    centred = scaled - scaled.mean(axis=0)
    u, s, vt = np.linalg.svd(centred, full_matrices=False)
    components = min(4, *centred.shape)
    scores = u[:, :components] * s[:components]
    explained = s ** 2 / np.sum(s ** 2)
    labels = np.array([[a, b] for a, b, _ in spots])
    np.savetxt(os.path.join(out, "scores.csv"), np.column_stack([labels, scores]), fmt="%s", delimiter=",",
               header="sample,spot," + ",".join(f"PC{i + 1}" for i in range(components)), comments="")
    np.savetxt(os.path.join(out, "loadings.csv"), np.column_stack([names, vt[:components].T]), fmt="%s", delimiter=",",
               header="assignment," + ",".join(f"PC{i + 1}" for i in range(components)), comments="")
    np.savetxt(os.path.join(out, "explained_variance.csv"), np.column_stack([np.arange(1, len(s) + 1), explained]), fmt="%s",
               delimiter=",", header="component,explained_variance_ratio", comments="")


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "spectra":
        spectra(*sys.argv[2:5])
    elif mode == "images":
        images(*sys.argv[2:4])
    elif mode == "pca":
        pca(*sys.argv[2:5])
    else:
        sys.exit(f"unknown mode {mode}")
