"""SciPy reference for SIMSKit's Gaussian smoothing (SIMSAnalysis/Imaging/GaussianFilter.swift).

Run from the repository root:  python3 Tests/Reference/imaging_reference.py
Writes Tests/Reference/imaging_reference.json: a deterministic 7x5 (width x height) image and
scipy.ndimage.gaussian_filter(image, sigma, mode="reflect", truncate=4.0) for two sigmas.
"""
import json
import os

import numpy as np
import scipy
from scipy.ndimage import gaussian_filter

height, width = 5, 7
image = np.array([[(x * 3 + y * 5) % 11 + (20 if (x, y) == (3, 2) else 0) for x in range(width)] for y in range(height)], dtype=float)
out = {"generator": "scipy " + scipy.__version__ + ", numpy " + np.__version__, "width": width, "height": height,
       "image": image.ravel().tolist(), "smoothed": {}}
for sigma in (0.8, 1.5):
    out["smoothed"][str(sigma)] = gaussian_filter(image, sigma, mode="reflect", truncate=4.0).ravel().tolist()
with open(os.path.join(os.path.dirname(__file__), "imaging_reference.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
