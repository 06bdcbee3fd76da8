"""Checks that imzML files written by SIMSKit open in pyimzML with the expected values.

    mkdir -p /tmp/imzml-check
    SIMSKIT_EXPORT_IMZML=/tmp/imzml-check swift test --filter exportForExternalCheck
    python3 Tests/Reference/check_imzml_with_pyimzml.py /tmp/imzml-check

Expected values are those of ImzMLWriterTests.sampleSet() (continuous image set) and of the processed
two-pixel file in exportForExternalCheck; the script exits non-zero on any mismatch.
"""
import hashlib
import sys

import numpy as np
from pyimzml.ImzMLParser import ImzMLParser, getionimage

folder = sys.argv[1]
p = ImzMLParser(folder + "/m.imzML")
assert p.imzmldict["max count of pixels x"] == 3 and p.imzmldict["max count of pixels y"] == 2
mzs, ints = p.getspectrum(0)
assert list(mzs) == [0.0, 7.016, 18.998], mzs
li = getionimage(p, 7.016, 0.01)
assert li.ravel().tolist() == [0, 7, 14, 21, 28, 35], li
f = getionimage(p, 18.998, 0.01)
assert f.ravel().tolist() == [5, 0, 3, 9, 1, 2], f
sha1 = hashlib.sha1(open(folder + "/m.ibd", "rb").read()).hexdigest()
assert sha1 in open(folder + "/m.imzML").read(), "ibd SHA-1 differs"
q = ImzMLParser(folder + "/p.imzML")
assert q.getspectrum(1)[0].tolist() == [10.5, 20.25]
assert q.getspectrum(0)[1].tolist() == [1, 2, 3]
print("pyimzML reads SIMSKit's continuous and processed imzML: OK")
