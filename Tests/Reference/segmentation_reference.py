#!/usr/bin/env python3
"""Independent reference for SIMSKit's segmentation building blocks.

* Otsu / multi-Otsu thresholds: skimage.filters.threshold_otsu / threshold_multiotsu (nbins=256) on
  floating-point samples from mixtures of normal distributions.
* Gaussian smoothing: scipy.ndimage.gaussian_filter(mode="reflect", truncate=3.0) on a 2-D image and a 3-D
  stack (sigma z differs from sigma x, y).

Writes segmentation_reference.json beside this script. Run: python3 segmentation_reference.py
"""
import json
import os

import numpy as np
import scipy
import skimage
from scipy.ndimage import gaussian_filter
from skimage.filters import threshold_multiotsu, threshold_otsu


def main():
    rng = np.random.default_rng(42)
    otsu = []
    mixtures = {
        2: [(10.0, 2.0, 300), (25.0, 4.0, 200)],
        3: [(1.0, 0.3, 250), (4.0, 0.6, 150), (9.0, 1.0, 200)],
        4: [(0.0, 0.5, 150), (3.0, 0.5, 150), (6.5, 0.7, 100), (11.0, 1.0, 120)],
    }
    for classes, parts in mixtures.items():
        values = np.concatenate([rng.normal(m, s, n) for m, s, n in parts])
        rng.shuffle(values)
        thresholds = [float(threshold_otsu(values))] if classes == 2 else [float(t) for t in threshold_multiotsu(values, classes=classes)]
        otsu.append(dict(classes=classes, values=[float(v) for v in values], thresholds=thresholds))
    image = rng.random((11, 13)) * 100
    smoothed = gaussian_filter(image, sigma=1.3, mode="reflect", truncate=3.0)
    stack = rng.random((5, 6, 7)) * 10
    smoothed_stack = gaussian_filter(stack, sigma=(0.8, 1.0, 1.0), mode="reflect", truncate=3.0)
    out = dict(
        generator="segmentation_reference.py (numpy %s, scipy %s, scikit-image %s)" % (np.__version__, scipy.__version__, skimage.__version__),
        otsu=otsu,
        gaussian=[
            dict(width=13, height=11, depth=1, sigma=1.3, sigmaZ=0.0, values=image.ravel().tolist(), smoothed=smoothed.ravel().tolist()),
            dict(width=7, height=6, depth=5, sigma=1.0, sigmaZ=0.8, values=stack.ravel().tolist(), smoothed=smoothed_stack.ravel().tolist()),
        ],
    )
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "segmentation_reference.json")
    with open(path, "w") as f:
        json.dump(out, f)
        f.write("\n")
    for o in otsu:
        print(o["classes"], o["thresholds"])


if __name__ == "__main__":
    main()
