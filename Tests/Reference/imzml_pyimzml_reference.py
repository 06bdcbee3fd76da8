"""Reference values for SIMSKit's imzML reader, produced by pyimzML (alexandrovteam/pyimzML).

Run from the repository root:  python3 Tests/Reference/imzml_pyimzml_reference.py
Writes Tests/Reference/imzml_pyimzml_reference.json. Inputs are read in place from ../shared/data/imzml.
For every file: coordinates, spectrum lengths, a few (m/z, intensity) spot values of spectra, and peak
images (getionimage with reduce_func=sum, i.e. the sum of intensities with m/z in [mz - tol, mz + tol]).
Numbers are written with repr() (shortest round-trip) so the Swift test can compare exactly.
"""
import json
import os

import numpy as np
import pyimzml
from pyimzml.ImzMLParser import ImzMLParser, getionimage

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data", "imzml")
CASES = {
    "Example_Continuous": [(151.9, 0.25), (300.0, 5.0)],
    "Example_Processed": [(151.9, 0.25), (300.0, 5.0)],
    "iontof_sparse": [(100.0, 0.5), (302.0, 2.5), (300.0, 60.0)],
}

def sum_in_order(values):
    """Left-to-right float64 sum starting at 0.0, the order SIMSKit uses."""
    total = 0.0
    for v in values:
        total += float(v)
    return total


out = {"generator": "pyimzML " + getattr(pyimzml, "__version__", "?") + ", numpy " + np.__version__, "files": {}}
for name, peaks in CASES.items():
    p = ImzMLParser(os.path.join(ROOT, name + ".imzML"))
    entry = {"coordinates": [list(map(int, c[:2])) for c in p.coordinates], "lengths": [], "spots": [], "images": []}
    for k in range(len(p.coordinates)):
        mzs, ints = p.getspectrum(k)
        entry["lengths"].append(int(len(mzs)))
        for i in sorted(set([0, len(mzs) // 2, len(mzs) - 1, int(np.argmax(ints))])):
            if len(mzs):
                entry["spots"].append({"spectrum": k, "index": int(i), "mz": float(mzs[i]), "intensity": float(ints[i])})
    for mz, tol in peaks:
        im = getionimage(p, mz, tol, reduce_func=sum)  # shape (max y, max x), im[y-1, x-1]
        # values64: the definition, computed independently with a boolean mask — intensities whose m/z lies in
        # [mz - tol, mz + tol], summed left to right in float64 (SIMSKit's order), so the Swift test compares
        # exactly. pyimzML's builtin sum over float32 accumulates in float32 (agreement ~1e-6), and its
        # _bisect_spectrum returns index 0 when the window lies below all m/z values of a spectrum, so it then
        # reports the first intensity instead of 0 (pyimzml_agrees = False marks such images).
        im64 = np.zeros_like(im)
        for i, (x, y, _) in enumerate(p.coordinates):
            mzs, ints = p.getspectrum(i)
            inside = (mzs >= mz - tol) & (mzs <= mz + tol)
            im64[y - 1, x - 1] = sum_in_order(ints[inside])
        agrees = bool(np.allclose(im, im64, rtol=1e-6, atol=0))
        entry["images"].append({"mz": mz, "tol": tol, "height": int(im.shape[0]), "width": int(im.shape[1]),
                                "values": [float(v) for v in im.ravel()],
                                "values64": [float(v) for v in im64.ravel()],
                                "pyimzml_agrees": agrees})
    out["files"][name] = entry

with open(os.path.join(os.path.dirname(__file__), "imzml_pyimzml_reference.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
