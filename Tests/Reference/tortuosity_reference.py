#!/usr/bin/env python3
"""Independent reference for SIMSKit's tortuosity / effective-diffusivity solver.

Builds the finite-volume diffusion system on the same voxels with scipy.sparse and solves it directly with
scipy.sparse.linalg.spsolve (no iteration), using the TauFactor convention:
  * conductance between face neighbours i, j: harmonic mean 2*Di*Dj/(Di+Dj) (0 if either is 0)
  * Dirichlet c=1 on the outer face of the first layer along the axis and c=0 on the outer face of the last
    layer, i.e. half a voxel from the layer's centres: extra conductance 2*Di for voxels in those layers
  * no flux on the side faces
  * only conducting voxels face-connected to both faces are unknowns (scipy.sparse.csgraph.connected_components)
  D_eff = J*L/A (J: mean of inlet and outlet flux, L: voxels along the axis, A: full cross-section in voxels)
  tau = eps / D_eff for a single phase with D = 1 (Cooper et al., SoftwareX 5 (2016) 203).

Writes tortuosity_reference.json beside this script. Run: python3 tortuosity_reference.py
"""
import json
import os

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from scipy.sparse.linalg import spsolve


def solve(labels, diffusivity, axis):
    """labels: int array shaped (depth, height, width); diffusivity: per-label list; axis: 'x'|'y'|'z'."""
    D = np.asarray(diffusivity, float)[labels]
    shape = labels.shape
    n = labels.size
    ax = {"x": 2, "y": 1, "z": 0}[axis]
    ids = np.arange(n).reshape(shape)
    rows, cols, vals = [], [], []
    for a in range(3):
        if shape[a] < 2:
            continue
        lo = [slice(None)] * 3
        hi = [slice(None)] * 3
        lo[a] = slice(0, -1)
        hi[a] = slice(1, None)
        d1, d2 = D[tuple(lo)], D[tuple(hi)]
        g = np.where((d1 > 0) & (d2 > 0), 2 * d1 * d2 / np.where(d1 + d2 > 0, d1 + d2, 1), 0.0)
        m = g > 0
        rows.append(ids[tuple(lo)][m]); cols.append(ids[tuple(hi)][m]); vals.append(g[m])
    rows = np.concatenate(rows); cols = np.concatenate(cols); vals = np.concatenate(vals)
    G = sp.coo_matrix((vals, (rows, cols)), shape=(n, n)).tocsr()
    G = G + G.T
    conducting = D.ravel() > 0
    # components among conducting voxels
    ncomp, comp = connected_components(G, directed=False)
    pos = np.indices(shape)[ax].ravel()
    L = shape[ax]
    inlet = conducting & (pos == 0)
    outlet = conducting & (pos == L - 1)
    keep_comp = np.intersect1d(np.unique(comp[inlet]), np.unique(comp[outlet]))
    active = conducting & np.isin(comp, keep_comp)
    eps = conducting.mean()
    if not active.any():
        return dict(effective=0.0, epsilon=eps, unknowns=0)
    idx = np.flatnonzero(active)
    A = G[idx][:, idx]
    Dv = D.ravel()[idx]
    bin_ = inlet[idx].astype(float) * 2 * Dv
    bout = outlet[idx].astype(float) * 2 * Dv
    diag = np.asarray(A.sum(axis=1)).ravel() + bin_ + bout
    M = sp.diags(diag) - A
    c = spsolve(M.tocsc(), bin_)
    jin = np.sum(bin_ * (1 - c))
    jout = np.sum(bout * c)
    area = n / L
    deff = 0.5 * (jin + jout) * L / area
    return dict(effective=float(deff), epsilon=float(eps), unknowns=int(active.sum()),
                inlet=float(jin), outlet=float(jout))


def case(name, labels, diffusivity, axis):
    r = solve(labels, diffusivity, axis)
    d, h, w = labels.shape
    out = dict(name=name, width=w, height=h, depth=d, axis=axis, diffusivities=list(map(float, diffusivity)),
               labels="".join(str(int(v)) for v in labels.ravel()), effective=r["effective"],
               epsilon=r["epsilon"], unknowns=r["unknowns"])
    binary = sorted(set(diffusivity)) == [0.0, 1.0]
    out["tau"] = (r["epsilon"] / r["effective"]) if binary and r["effective"] > 0 else None
    return out


def main():
    rng = np.random.default_rng(20231207)
    cases = []
    # 1. random 2-D medium: label 1 conducts (porosity ~0.68), 48 x 40
    random2d = (rng.random((1, 40, 48)) < 0.68).astype(int)
    cases.append(case("random2d-x", random2d, [0, 1], "x"))
    cases.append(case("random2d-y", random2d, [0, 1], "y"))
    # 2. checkerboard-like binary medium: 4x4 checker blocks (touching only at corners) joined by one-pixel lines every 8 rows and columns
    yy, xx = np.indices((36, 44))
    checker = ((((xx // 4) + (yy // 4)) % 2 == 0) | (yy % 8 == 2) | (xx % 8 == 5)).astype(int)[None]
    cases.append(case("checker2d-x", checker, [0, 1], "x"))
    cases.append(case("checker2d-y", checker, [0, 1], "y"))
    # 3. checkerboard two-phase conductivity (3x3 blocks, D = 1 and 0.1)
    yy, xx = np.indices((30, 33))
    checker2 = (((xx // 3) + (yy // 3)) % 2).astype(int)[None]
    cases.append(case("checker-conductivity-x", checker2, [1.0, 0.1], "x"))
    # 4. random 3-D medium 14 x 12 x 10, label 1 conducts (~0.5)
    random3d = (rng.random((10, 12, 14)) < 0.5).astype(int)
    cases.append(case("random3d-z", random3d, [0, 1], "z"))
    cases.append(case("random3d-x", random3d, [0, 1], "x"))
    # 5. three-phase random 2-D conductivity (D = 0, 0.3, 1)
    three = rng.integers(0, 3, size=(1, 32, 30))
    cases.append(case("three-phase-y", three, [0.0, 0.3, 1.0], "y"))
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tortuosity_reference.json")
    with open(path, "w") as f:
        json.dump(dict(generator="tortuosity_reference.py (numpy %s, scipy %s)" % (np.__version__, __import__("scipy").__version__),
                       cases=cases), f, indent=1)
        f.write("\n")
    for c in cases:
        print(c["name"], c["effective"], c["tau"], c["unknowns"])


if __name__ == "__main__":
    main()
