#!/usr/bin/env python3
"""Reference for SIMSKit's NonNegativeLeastSquares: scipy.optimize.nnls on small random problems (some with active
constraints, one rank-deficient-free tall case like the per-voxel unmixing: 8 ions × 4 components).
Writes nnls_reference.json beside this script. Run: python3 nnls_reference.py"""
import json
import os

import numpy as np
from scipy.optimize import nnls

rng = np.random.default_rng(20261207)
cases = []
for rows, cols in [(8, 4), (8, 4), (6, 3), (10, 5), (5, 5), (12, 2)]:
    A = rng.uniform(0, 1, (rows, cols))
    b = A @ rng.normal(0.6, 0.6, cols) + rng.normal(0, 0.1, rows)  # some true coefficients negative: constraints active
    x, _ = nnls(A, b)
    cases.append(dict(rows=rows, cols=cols, design=A.ravel().tolist(), rhs=b.tolist(), solution=x.tolist()))
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "nnls_reference.json"), "w") as f:
    json.dump(dict(generator="scipy.optimize.nnls", scipy=__import__("scipy").__version__, cases=cases), f, indent=1)
