#!/usr/bin/env python3
"""Independent NumPy reference for the spectra workflow's peak areas.

For each spectrum file given (IONTOF export: '#' header lines, a title line, then Channel, m/z, Intensity)
and each interval of Tests/Reference/hea_negative_peaks.csv, computes — exactly as the paper's spectra
script does — TIC = sum(intensity), raw area = numpy.trapz(intensity[sel], mz[sel]),
normalized area = numpy.trapz(intensity[sel] / TIC, mz[sel]) with sel = (lower <= mz) & (mz <= upper).

Run: python3 Tests/Reference/hea_spectra_reference.py ../shared/data/hea-catalyst-spectra \
        > Tests/Reference/hea_spectra_reference.csv
(no arguments after the folder: the default file set used by the Swift test.)
"""
import csv, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = [f"N_{s}_Bi3_{r}.txt" for s in ("Ru-Ir", "Ru-Pd", "Ru-Pt") for r in range(1, 6)] + ["N_HEA19_Bi3_1.txt"]

def trapezoid(y, x):
    f = getattr(np, "trapezoid", None) or np.trapz
    return float(f(y, x))

def main():
    folder = sys.argv[1]
    files = sys.argv[2:] or FILES
    peaks = []
    with open(os.path.join(HERE, "hea_negative_peaks.csv")) as handle:
        rows = [line for line in handle if not line.startswith("#")]
    for row in csv.DictReader(rows):
        peaks.append((row["assignment"], float(row["lower"]), float(row["upper"])))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["file", "peak_row", "assignment", "raw_area", "tic", "tic_normalized_area", "counts"])
    for name in files:
        with open(os.path.join(folder, name)) as handle:
            lines = [line for line in handle if not line.startswith("#") and line.strip()]
        titles = lines[0].rstrip("\r\n").split("\t")
        data = np.loadtxt(lines[1:], delimiter="\t", ndmin=2)
        mz = data[:, titles.index("m/z")]
        intensity = data[:, titles.index("Intensity")]
        tic = intensity.sum()
        for row, (assignment, lower, upper) in enumerate(peaks, start=1):
            sel = (mz >= lower) & (mz <= upper)
            raw = trapezoid(intensity[sel], mz[sel]) if sel.sum() > 1 else 0.0
            norm = trapezoid(intensity[sel] / tic, mz[sel]) if sel.sum() > 1 else 0.0
            out.writerow([name, row, assignment, repr(raw), repr(float(tic)), repr(norm), repr(float(intensity[sel].sum()))])

if __name__ == "__main__":
    main()
