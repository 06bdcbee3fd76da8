#!/usr/bin/env python3
"""Writes hea-library.csv: negative fragment ions one expects from Ru-based high-entropy-alloy catalysts
(metal oxide / hydroxide / chloride clusters, hydrocarbons, C_nN_m and common anions), for
`sims peaks --find SPECTRUM --library hea-library.csv`. A deliberately broad list for a first look at a
spectrum: with a wide tolerance many assignments are only plausible, not proven."""
import itertools

metals = ["Ru", "Pt", "Pd", "Ir", "Rh"]
rows = []
def add(formula, category):
    rows.append((formula + "-", category, "generated: docs/first-run/hea-library.py"))

def part(symbol, n):
    return "" if n == 0 else symbol if n == 1 else f"{symbol}_{n}"

for metal in metals:
    for a, o, h, cl in itertools.product(range(1, 4), range(0, 9), range(0, 3), range(0, 4)):
        if o == 0 and cl == 0 and h > 0:
            continue
        add(part(metal, a) + part("O", o) + part("H", h) + part("Cl", cl), "metal cluster")
for m1, m2 in itertools.combinations(metals, 2):
    for o, h in itertools.product(range(0, 7), range(0, 2)):
        add(m1 + m2 + part("O", o) + part("H", h), "mixed-metal cluster")
for c in range(1, 16):
    for h in range(0, min(2 * c + 2, 8)):
        add(part("C", c) + part("H", h), "hydrocarbon")
    for n in range(1, 3):
        add(part("C", c) + part("N", n), "CN cluster")
    for o in range(1, 3):
        add(part("C", c) + part("H", 1) + part("O", o), "oxygenated hydrocarbon")
for anion in ["O", "OH", "O_2", "F", "Cl", "Cl_2", "S", "SO_2", "SO_3", "SO_4", "HSO_4", "PO_2", "PO_3", "NO_2", "NO_3", "CN", "CNO", "Br", "I"]:
    add(anion, "anion")

with open("hea-library.csv", "w") as out:
    out.write("assignment,category,source\n")
    seen = set()
    for row in rows:
        if row[0] in seen:
            continue
        seen.add(row[0])
        out.write(",".join(row) + "\n")
print(len(seen), "ions")
