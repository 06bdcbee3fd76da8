#!/usr/bin/env python3
"""Prototype (NumPy/SciPy, not used by the package): segmentation of the simulated 3-D cathode by closure-calibrated
linear unmixing, measured against the reference map, next to a replica of `PhaseSegmentation` (threshold method).

Input: stacks written by the Swift measurement suite (one binary of Float64 counts per ion plus the total, the
reference labels, shape and true fractions):

    SIMS_MEASURE_SEEDS=11,3,7,21,42 [SIMS_MEASURE_SCANS=20] [SIMS_MEASURE_RASTER=64] SIMS_MEASURE_EXPORT=DIR \
        swift test --filter AccuracyMeasurement/export
    python3 unmixing_prototype.py DIR METHOD SIGMA      # METHOD: threshold | unmix | unmix-oracle | unmix-deblur

Prints one line per seed (found / true % for NCM, SE + CEI, carbon, pore; τ(SE) found / true per axis) and a
summary. τ is solved by `tortuosity_reference.solve` (scipy.sparse direct solve, the package's discretisation).

Unmixing (docs/microstructure.md, "Unmixing prototype"):
1. Smoothed counts (Gaussian σ, reflect, truncate 3) of the eight ion images; provisional labels by the
   threshold method's fraction scores (CEI named).
2. Signatures of NCM, SE, carbon: median smoothed count of every ion over the provisional pixels of the phase.
3. CEI direction (its counts of every ion relative to its SO3-): least squares of every ion on the phases' specific
   markers (NiO2-, PS2-, C2-, SO3-) with the errors-in-variables correction X'X - diag(noise): the noise variance of a
   smoothed Poisson image is sum(g^2) x counts, known from the data (method of moments, Fuller 1987, Measurement Error
   Models, ch. 1).
4. CEI scale L (its SO3- level when pure, never observed): closure, a_NCM + a_SE + a_C + a_CEI = t (local yield), by
   a method-of-moments regression of (t - u) on c over the solid voxels, u and c the linear least-squares amounts of
   the known phases and of the CEI at unit scale, t the normalized convolution (scale 3 px) of u over CEI-poor
   voxels; the noise terms sum Var(c) and sum Cov(c, u) are subtracted, computed from the smoothed-Poisson variances
   (G^2 * counts) and the linear weights.
5. Per voxel non-negative least squares (ions weighted by 1/sqrt(level)) with the four signatures; SE and CEI
   amounts added; highest amount wins; pores and islands as in the threshold method.
`unmix-oracle` takes the CEI signature from the simulator's yields instead (steps 3–4 replaced);
`unmix-deblur` subtracts (σ²/2)∇²(G_0.7 * a) from each merged amount map before the argmax (first-order deblurring).
"""
import json
import os
import sys

import numpy as np
from scipy import ndimage as ndi
from scipy.optimize import nnls

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tortuosity_reference import solve  # noqa: E402

IONS = ["O-", "S-", "Cl-", "C_2-", "PO_3-", "SO_3-", "PS_2-", "NiO_2-"]
RULES = [("NCM", ["NiO_2-", "O-"]), ("SE", ["S-", "Cl-", "PS_2-"]), ("carbon", ["C_2-"]), ("CEI", ["SO_3-", "PO_3-"])]
MERGE = {"NCM": 0, "SE": 1, "carbon": 2, "CEI": 1, "pore": 3}
SPECIFIC = ["NiO_2-", "PS_2-", "C_2-", "SO_3-"]  # NCM, SE, carbon, CEI
YIELDS = {"NCM": {"O-": 3e-3, "NiO_2-": 3e-4}, "SE": {"S-": 4e-3, "Cl-": 2.5e-3, "PS_2-": 6e-4, "PO_3-": 3e-5, "O-": 2e-4},
          "CEI": {"O-": 1.5e-3, "S-": 1e-3, "Cl-": 2e-3, "SO_3-": 6e-4, "PO_3-": 4e-4}}


def load(directory, seed):
    meta = json.load(open(f"{directory}/seed{seed}.json"))
    shape = (meta["depth"], meta["height"], meta["width"])
    counts = np.fromfile(f"{directory}/seed{seed}_counts.f64").reshape((len(meta["ions"]),) + shape)
    channels = {ion: counts[i] for i, ion in enumerate(meta["ions"])}
    truth = np.fromfile(f"{directory}/seed{seed}_truth.u8", dtype=np.uint8).reshape(shape)
    return channels, truth, meta["fractions"]


def smooth(a, s, weights=False):
    if s <= 0:
        return a.astype(float)
    r = int(3 * s + 0.5)
    x = np.arange(-r, r + 1)
    g = np.exp(-x ** 2 / (2 * s * s))
    g /= g.sum()
    if weights:
        g = g ** 2  # G² * counts: variance of the smoothed Poisson image
    out = a.astype(float)
    for axis in range(a.ndim):
        out = ndi.correlate1d(out, g, axis=axis, mode="reflect")
    return out


def quantile(a, p):
    return float(np.quantile(a, p)) if a.size else 0.0


def background(relative, s=8, exclusion=0.5, passes=3):
    w = np.ones_like(relative)
    b = np.ones_like(relative)
    for _ in range(passes):
        num, den = smooth(w * relative, s), smooth(w, s)
        b = np.where((den > 1e-9) & (num > 0), num / np.where(den > 1e-9, den, 1), 1)
        w = (relative >= exclusion * b).astype(float)
    return b


def remove_islands(labels, minimum=2):
    out = labels.copy()
    structure = ndi.generate_binary_structure(labels.ndim, 1)
    for p in np.unique(labels):
        components, n = ndi.label(labels == p, structure=structure)
        sizes = ndi.sum(np.ones_like(components), components, index=np.arange(1, n + 1))
        for k in np.flatnonzero(sizes < minimum) + 1:
            m = components == k
            ring = ndi.binary_dilation(m, structure) & ~m
            values = labels[ring]
            values = values[values != p]
            if values.size:
                out[m] = np.bincount(values).argmax()
    return out


def provisional(smoothed, total):
    """Steps 2 and 2b of PhaseSegmentation: share scores, then fraction scores."""
    shares = []
    for _, ions in RULES:
        s = 0
        for ion in ions:
            r = np.where(total > 0, smoothed[ion] / np.where(total > 0, total, 1), 0)
            s = s + r / quantile(r, 0.99) / len(ions)
        shares.append(s)
    labels = np.argmax(np.stack(shares), axis=0)
    fractions = []
    for p, (_, ions) in enumerate(RULES):
        s = 0
        for ion in ions:
            level = quantile(smoothed[ion][labels == p], 0.5)
            if level > 0:
                s = s + smoothed[ion] / level / len(ions)
        fractions.append(s)
    return np.argmax(np.stack(fractions), axis=0)


def relative_total(labels, total, phases):
    level = np.array([quantile(total[labels == p], 0.5) for p in range(phases)])
    relative = total / np.where(level[labels] > 0, level[labels], 1)
    return relative / background(relative)


def finish(labels, total, names):
    """Step 3 (pores by the relative total) and step 4 (islands), then SE + CEI merged."""
    relative = relative_total(labels, total, len(names))
    threshold = 0.5 * (min(quantile(relative, 0.01), 1) + 1)
    labels = np.where(relative <= threshold, len(names), labels)
    labels = remove_islands(labels)
    return np.array([MERGE[n] for n in names + ["pore"]])[labels]


def threshold_method(channels, sigma):
    total = smooth(channels["total"], sigma)
    smoothed = {ion: smooth(channels[ion], sigma) for ion in IONS}
    return finish(provisional(smoothed, total), total, [r[0] for r in RULES])


def cei_signature(channels, smoothed, labels, signatures, total, sigma):
    """Steps 3 and 4: the CEI's direction (errors-in-variables regression) and scale (closure, method of moments)."""
    X = np.stack([smoothed[m].ravel() for m in SPECIFIC], axis=1)
    d = np.zeros((9, 9, 9)); d[4, 4, 4] = 1
    g2 = (smooth(d, sigma) ** 2).sum()
    xtx = X.T @ X - np.diag([channels[m].sum() * g2 for m in SPECIFIC])
    direction = np.array([max(np.linalg.solve(xtx, X.T @ smoothed[ion].ravel())[3], 0) for ion in IONS])
    direction[IONS.index("SO_3-")] = 1.0
    relative = relative_total(labels, total, len(RULES))
    solid = (relative > 0.5 * (min(quantile(relative, 0.01), 1) + 1)).ravel()
    M = np.stack(signatures + [direction], axis=1)
    scale = np.sqrt(np.maximum(M[:, :3].max(axis=1), 1e-6))
    P = np.linalg.pinv(M / scale[:, None]) / scale[None, :]  # amounts = P @ smoothed counts
    Y = np.stack([smoothed[i].ravel() for i in IONS], axis=1)
    V = np.stack([smooth(channels[i], sigma, weights=True).ravel() for i in IONS], axis=1)
    B = Y @ P.T
    u, c = B[:, :3].sum(axis=1), B[:, 3]
    poor = solid & (c < quantile(c[solid], 0.5))
    w = poor.astype(float).reshape(total.shape)
    t = (smooth(w * u.reshape(total.shape), 3) / np.maximum(smooth(w, 3), 1e-9)).ravel()
    alpha, beta = P[:3].sum(axis=0), P[3]
    m = solid
    inverse = ((c[m] * (t[m] - u[m])).sum() + (V[m] * alpha * beta).sum()) / ((c[m] ** 2).sum() - (V[m] * beta ** 2).sum())
    return direction / inverse


def oracle_signature(signatures):
    ncm, se = signatures[0], signatures[1]
    out = np.zeros(len(IONS))
    for k, ion in enumerate(IONS):
        y = YIELDS["CEI"].get(ion, 0)
        if ion == "O-":
            out[k] = ncm[k] * y / YIELDS["NCM"]["O-"]
        elif ion in YIELDS["SE"]:
            out[k] = se[k] * y / YIELDS["SE"][ion]
        elif y:
            out[k] = se[IONS.index("S-")] * y / YIELDS["SE"]["S-"]
    return out


def unmixing_method(channels, sigma, oracle=False, deblur=False):
    total = smooth(channels["total"], sigma)
    smoothed = {ion: smooth(channels[ion], sigma) for ion in IONS}
    labels = provisional(smoothed, total)
    signatures = [np.array([np.median(smoothed[i][labels == p]) for i in IONS]) for p in range(3)]
    cei = oracle_signature(signatures) if oracle else cei_signature(channels, smoothed, labels, signatures, total, sigma)
    M = np.stack(signatures + [cei], axis=1)
    scale = np.sqrt(np.maximum(M[:, :3].max(axis=1), 1e-6))
    Mw = M / scale[:, None]
    Y = np.stack([smoothed[i].ravel() for i in IONS], axis=1) / scale
    A = np.array([nnls(Mw, y)[0] for y in Y])
    merged = [A[:, 0], A[:, 1] + A[:, 3], A[:, 2]]
    merged = [m.reshape(total.shape) for m in merged]
    if deblur:
        merged = [m - 0.5 * sigma ** 2 * ndi.laplace(smooth(m, 0.7), mode="reflect") for m in merged]
    return finish(np.argmax(np.stack(merged), axis=0), total, ["NCM", "SE", "carbon"])


def main():
    directory, method, sigma = sys.argv[1], sys.argv[2], float(sys.argv[3])
    seeds = [int(s) for s in os.environ.get("SEEDS", "11,3,7,21,42").split(",")]
    fraction_errors, tau_errors = [], []
    for seed in seeds:
        channels, truth, fractions = load(directory, seed)
        if method == "threshold":
            found = threshold_method(channels, sigma)
        else:
            found = unmixing_method(channels, sigma, oracle=method == "unmix-oracle", deblur=method == "unmix-deblur")
        line = [f"seed {seed:2d}:"]
        for p in range(4):
            f = 100 * np.mean(found == p)
            fraction_errors.append((p, f - 100 * fractions[p]))
            line.append(f"{f:.1f}/{100 * fractions[p]:.1f}")
        for axis in "xyz":
            t = solve((truth == 1).astype(int), [0, 1], axis)
            f = solve((found == 1).astype(int), [0, 1], axis)
            tt, tf = t["epsilon"] / t["effective"], f["epsilon"] / f["effective"]
            tau_errors.append(100 * (tf - tt) / tt)
            line.append(f"τ{axis} {tf:.2f}/{tt:.2f} ({tau_errors[-1]:+.1f}%)")
        print(" ".join(line), flush=True)
    worst = [max(abs(e) for p, e in fraction_errors if p == q) for q in range(4)]
    tau = np.array(tau_errors)
    print(f"{method} σ {sigma}: largest |found − true| (NCM, SE+CEI, carbon, pore) "
          f"{', '.join(f'{w:.2f}' for w in worst)} % abs; τ(SE) {tau.min():+.1f} … {tau.max():+.1f} %, "
          f"within 5 %: {(np.abs(tau) < 5).sum()}/{tau.size}")


if __name__ == "__main__":
    main()
