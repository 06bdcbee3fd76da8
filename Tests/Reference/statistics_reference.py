#!/usr/bin/env python3
"""Reference values for SIMSAnalysis/Statistics from SciPy.

Run: python3 Tests/Reference/statistics_reference.py > Tests/Reference/statistics_reference.txt
The printed values are pasted into Tests/SIMSAnalysisTests/StatisticsTests.swift (with this file named
as their origin). Versions used are printed in the first line.
"""
import numpy as np, scipy
from scipy import special, stats

print(f"# numpy {np.__version__} scipy {scipy.__version__}")
for a, b, x in [(0.5, 0.5, 0.3), (2.5, 0.5, 0.9), (10, 3, 0.2), (50, 0.5, 0.99), (0.1, 7, 0.01), (3.65, 0.5, 0.42)]:
    print(f"betainc a={a} b={b} x={x} -> {special.betainc(a, b, x)!r}")
for t, df in [(2.1, 3), (0.5, 1), (4.2, 7.3), (1.96, 1000), (10, 2), (-1.3, 5)]:
    print(f"t.sf t={t} df={df} -> {stats.t.sf(t, df)!r}")
for p, df in [(0.975, 1), (0.975, 2), (0.975, 4), (0.975, 9), (0.975, 29), (0.975, 3.7), (0.995, 12), (0.6, 6)]:
    print(f"t.ppf p={p} df={df} -> {stats.t.ppf(p, df)!r}")
for p in [1e-10, 0.025, 0.3, 0.975, 1 - 1e-12]:
    print(f"norm.ppf p={p!r} -> {stats.norm.ppf(p)!r}")
for z in [-8, -1.5, 0, 2.3]:
    print(f"norm.cdf z={z} -> {stats.norm.cdf(z)!r}")
a = [1.2, 2.3, 1.9, 2.8, 2.2]
b = [3.1, 2.9, 3.8, 2.5, 3.3, 3.6]
r = stats.ttest_ind(a, b, equal_var=False)
print(f"welch a={a} b={b} -> t={r.statistic!r} p={r.pvalue!r} df={r.df!r}")
r = stats.mannwhitneyu(a, b)
print(f"mwu exact a b -> U={r.statistic!r} p={r.pvalue!r}")
c = [1, 2, 2, 3, 4, 4, 4, 5, 6, 7]
d = [3, 4, 5, 5, 6, 7, 8, 8, 9, 9, 10, 11]
r = stats.mannwhitneyu(c, d)
print(f"mwu asymptotic c={c} d={d} -> U={r.statistic!r} p={r.pvalue!r}")
e = [0.11, 0.35, 0.29, 0.52, 0.47, 0.21, 0.66, 0.73, 0.14, 0.38]
f = [0.41, 0.95, 0.83, 0.61, 0.77, 0.55, 0.99, 0.88, 0.69, 0.58, 0.92]
r = stats.mannwhitneyu(e, f)
print(f"mwu asymptotic no ties e={e} f={f} -> U={r.statistic!r} p={r.pvalue!r}")
nu = len(a) + len(b) - 2
sp = np.sqrt(((len(a) - 1) * np.var(a, ddof=1) + (len(b) - 1) * np.var(b, ddof=1)) / nu)
J = special.gamma(nu / 2) / (np.sqrt(nu / 2) * special.gamma((nu - 1) / 2))
print(f"hedges g a b -> {J * (np.mean(a) - np.mean(b)) / sp!r}")
x = np.array([4.1, 5.3, 2.2, 8.7, 6.1, 5.5, 3.9])
print(f"summary x={list(x)} -> mean={x.mean()!r} sd={x.std(ddof=1)!r} median={np.median(x)!r} "
      f"q1={np.percentile(x, 25)!r} q3={np.percentile(x, 75)!r} "
      f"tci={stats.t.interval(0.95, len(x) - 1, loc=x.mean(), scale=stats.sem(x))!r}")
g = [0.5, 2.5, 7.5, 11.5]
h = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0]
r = stats.mannwhitneyu(g, h)
print(f"mwu exact unbalanced g={g} h={h} -> U={r.statistic!r} p={r.pvalue!r}")
# Clopper–Pearson interval of a Poisson ratio a/b (binomial conditional on a + b)
for a, b in [(1218, 100), (5, 3), (40000, 4100)]:
    lo = stats.beta.ppf(0.025, a, b + 1); hi = stats.beta.ppf(0.975, a + 1, b)
    print(f"ratio CI a={a} b={b} -> low={lo / (1 - lo)!r} high={hi / (1 - hi)!r}")
# Welch with both groups of zero variance (a reference peak normalized by itself: every value 1.0). SciPy's
# _unequal_var_ttest_denom sets an undefined df (0/0) to 1; t is 0/0 = nan (equal means) or ±inf (unequal).
import warnings
warnings.simplefilter("ignore")
for a, b in [([1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0]), ([1.0, 1.0, 1.0], [2.0, 2.0, 2.0])]:
    r = stats.ttest_ind(a, b, equal_var=False)
    print(f"welch zero variance a={a} b={b} -> t={r.statistic!r} p={r.pvalue!r} df={r.df!r}")
