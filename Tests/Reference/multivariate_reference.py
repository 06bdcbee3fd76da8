#!/usr/bin/env python3
"""Independent reference results for SIMSMultivariate (run by hand; CI only reads the committed JSON).

    pip install numpy scipy scikit-learn
    python3 Tests/Reference/multivariate_reference.py

Writes Tests/Reference/multivariate/*.json: inputs plus the expected outputs of
  * scikit-learn PCA (svd_solver="full") after max / auto / Pareto scaling, a variance target, a wide matrix;
  * a NumPy Poisson-scaled PCA (Keenan & Kotula 2004) with back-transformed loadings;
  * NumPy eigh / svd of random matrices;
  * scikit-learn KMeans and GaussianMixture (full covariance, BIC over k);
  * scikit-learn NMF (multiplicative updates, Frobenius and Kullback-Leibler, custom init, fixed iterations);
  * a NumPy/SciPy MCR-ALS (scipy.optimize.nnls, optional closure) and SIMPLISMA;
  * a NumPy/SciPy MAF (scipy.linalg.eigh generalized problem, Switzer & Green 1984).
Sign convention applied here exactly as in SIMSKit: in each component the largest |loading| is positive.
"""
import json
import os

import numpy as np
import scipy
import scipy.linalg
import sklearn
from scipy.optimize import nnls
from sklearn.cluster import KMeans
from sklearn.decomposition import NMF, PCA
from sklearn.mixture import GaussianMixture

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "multivariate")
os.makedirs(OUT, exist_ok=True)
VERSIONS = {"numpy": np.__version__, "scipy": scipy.__version__, "scikit-learn": sklearn.__version__}


def dump(name, payload):
    payload["versions"] = VERSIONS
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(payload, f, indent=None, separators=(",", ":"))
        f.write("\n")


def tolist(a):
    return np.asarray(a, dtype=float).tolist()


def flip(loadings, scores=None):
    """Largest-|loading| positive per column (loadings: variables x components)."""
    loadings = loadings.copy()
    scores = None if scores is None else scores.copy()
    for c in range(loadings.shape[1]):
        j = int(np.argmax(np.abs(loadings[:, c])))
        if loadings[j, c] < 0:
            loadings[:, c] *= -1
            if scores is not None:
                scores[:, c] *= -1
    return loadings, scores


# ---------------------------------------------------------------- PCA
rng = np.random.default_rng(20230825)
n, p = 40, 12
# Three "samples" with different mean spectra plus multiplicative noise: a realistic peak-area table.
base = rng.uniform(0.2, 5.0, size=(3, p))
rows = [base[i % 3] * rng.lognormal(0.0, 0.15, size=p) for i in range(n)]
areas = np.array(rows)


def pca_case(name, scaled, n_components):
    model = PCA(n_components=n_components, svd_solver="full")
    scores = model.fit_transform(scaled)
    loadings, scores = flip(model.components_.T, scores)
    return {
        "name": name,
        "scaled": tolist(scaled),
        "components": int(model.n_components_),
        "loadings": tolist(loadings),
        "scores": tolist(scores),
        "explained_variance": tolist(model.explained_variance_),
        "explained_variance_ratio": tolist(model.explained_variance_ratio_),
    }


mean = areas.mean(0)
std = areas.std(0, ddof=1)
cases = [
    pca_case("max", areas / np.abs(areas).max(0), 4),
    pca_case("auto", (areas - mean) / std, 5),
    pca_case("pareto", (areas - mean) / np.sqrt(std), 3),
    pca_case("variance95", areas / np.abs(areas).max(0), 0.95),
]
wide = rng.normal(size=(8, 30)) @ np.diag(np.linspace(3, 0.1, 30))
cases.append(pca_case("wide", wide, 5))

# Poisson scaling (Keenan & Kotula 2004), uncentred SVD, back-transformed loadings.
counts = rng.poisson(lam=np.outer(rng.uniform(20, 60, n), rng.uniform(0.5, 4.0, p))).astype(float)
g = counts.mean(1)
h = counts.mean(0)
scaled = counts / np.sqrt(np.outer(g, h))
U, S, Vt = np.linalg.svd(scaled, full_matrices=False)
k = 3
loadings, scores = flip(Vt[:k].T, U[:, :k] * S[:k])
poisson = {
    "counts": tolist(counts),
    "scaled": tolist(scaled),
    "components": k,
    "loadings": tolist(loadings),
    "scores": tolist(scores),
    "explained_variance_ratio": tolist((S ** 2 / np.sum(S ** 2))[:k]),
    "back_transformed_loadings": tolist(np.sqrt(h)[:, None] * loadings),
}
dump("pca", {"areas": tolist(areas), "cases": cases, "poisson": poisson})

# ---------------------------------------------------------------- eigen / SVD
a = rng.normal(size=(9, 9))
sym = a + a.T
w = np.linalg.eigvalsh(sym)[::-1]
m = rng.normal(size=(14, 6))
sv = np.linalg.svd(m, compute_uv=False)
dump("linalg", {"symmetric": tolist(sym), "eigenvalues": tolist(w), "matrix": tolist(m), "singular_values": tolist(sv)})

# ---------------------------------------------------------------- k-means and Gaussian mixture
centres = np.array([[0.0, 0.0], [6.0, 1.0], [2.0, 7.0]])
blobs = np.vstack([c + rng.normal(scale=0.8, size=(50, 2)) for c in centres])
km = KMeans(n_clusters=3, n_init=10, random_state=0).fit(blobs)
order = np.lexsort((km.cluster_centers_[:, 1], km.cluster_centers_[:, 0]))

covs = [np.array([[1.0, 0.6], [0.6, 0.8]]), np.array([[0.5, -0.3], [-0.3, 1.2]]), np.array([[0.3, 0.0], [0.0, 0.3]])]
gm_points = np.vstack([rng.multivariate_normal(c, cv, size=sz) for c, cv, sz in zip(centres, covs, [80, 60, 40])])
gmm = GaussianMixture(n_components=3, covariance_type="full", tol=1e-12, max_iter=2000, n_init=5, random_state=0).fit(gm_points)
gorder = np.lexsort((gmm.means_[:, 1], gmm.means_[:, 0]))
bics = []
for kk in range(1, 6):
    model = GaussianMixture(n_components=kk, covariance_type="full", tol=1e-12, max_iter=2000, n_init=5, random_state=0).fit(gm_points)
    bics.append(model.bic(gm_points))
dump("clustering", {
    "blobs": tolist(blobs),
    "kmeans_inertia": float(km.inertia_),
    "kmeans_centers": tolist(km.cluster_centers_[order]),
    "gmm_points": tolist(gm_points),
    "gmm_mean_log_likelihood": float(gmm.score(gm_points)),
    "gmm_weights": tolist(gmm.weights_[gorder]),
    "gmm_means": tolist(gmm.means_[gorder]),
    "gmm_covariances": tolist(gmm.covariances_[gorder]),
    "bic": tolist(bics),
    "bic_best_k": int(np.argmin(bics) + 1),
})

# ---------------------------------------------------------------- NMF (multiplicative updates)
Wtrue = rng.uniform(0, 1, size=(30, 4))
Htrue = rng.uniform(0, 1, size=(4, 20))
X = Wtrue @ Htrue + rng.uniform(0, 0.05, size=(30, 20))
W0 = rng.uniform(0.1, 1, size=(30, 4))
H0 = rng.uniform(0.1, 1, size=(4, 20))
nmf_out = {"x": tolist(X), "w0": tolist(W0), "h0": tolist(H0), "iterations": 200}
for loss, key in (("frobenius", "frobenius"), ("kullback-leibler", "kl")):
    model = NMF(n_components=4, init="custom", solver="mu", beta_loss=loss, max_iter=200, tol=0.0)
    Wf = model.fit_transform(X, W=W0.copy(), H=H0.copy())
    nmf_out[key] = {"w": tolist(Wf), "h": tolist(model.components_), "reconstruction_err": float(model.reconstruction_err_)}
dump("nmf", nmf_out)

# ---------------------------------------------------------------- MCR-ALS and SIMPLISMA (NumPy/SciPy)
def simplisma(D, k, offset=5.0):
    n_, p_ = D.shape
    mu = D.mean(0)
    sigma = D.std(0)
    alpha = offset / 100.0 * mu.max()
    lam = np.sqrt(mu ** 2 + (sigma + alpha) ** 2)
    Dn = D / lam
    R = Dn.T @ Dn / n_
    pure = []
    for _ in range(k):
        weights = np.array([np.linalg.det(R[np.ix_(pure + [j], pure + [j])]) for j in range(p_)])
        purity = weights * sigma / (mu + alpha)
        pure.append(int(np.argmax(purity)))
    return pure


def mcr_als(D, C0, iterations, closure):
    C = C0.copy()
    for _ in range(iterations):
        S = np.array([nnls(C, D[:, j])[0] for j in range(D.shape[1])])
        C = np.array([nnls(S, D[i])[0] for i in range(D.shape[0])])
        if closure:
            sums = C.sum(1, keepdims=True)
            C = np.where(sums > 0, C / np.where(sums > 0, sums, 1), C)
    S = np.array([nnls(C, D[:, j])[0] for j in range(D.shape[1])])
    resid = D - C @ S.T
    return C, S, 100.0 * np.sqrt(np.sum(resid ** 2) / np.sum(D ** 2))


masses = np.arange(40)
pure_spectra = np.array([np.exp(-0.5 * ((masses - c) / 1.5) ** 2) for c in (8, 20, 31)])
pure_spectra[0, 35] = 0.4
pure_spectra[1, 2] = 0.3
pure_spectra = pure_spectra.T  # 40 x 3
conc = rng.dirichlet([1.0, 1.0, 1.0], size=25)  # closure: rows sum to 1
Dm = conc @ pure_spectra.T + rng.normal(scale=0.002, size=(25, 40))
Dm = np.clip(Dm, 0, None)
pure = simplisma(Dm, 3)
C0 = Dm[:, pure]
C, S, lof = mcr_als(Dm, C0, 50, closure=False)
Cc, Sc, lofc = mcr_als(Dm, C0, 50, closure=True)
dump("mcr", {
    "d": tolist(Dm), "pure_spectra": tolist(pure_spectra), "concentrations": tolist(conc),
    "simplisma_offset": 5.0, "simplisma_pure_variables": pure, "iterations": 50,
    "plain": {"c": tolist(C), "s": tolist(S), "lack_of_fit_percent": float(lof)},
    "closure": {"c": tolist(Cc), "s": tolist(Sc), "lack_of_fit_percent": float(lofc)},
})

# ---------------------------------------------------------------- MAF (Switzer & Green 1984)
width, height, channels = 24, 20, 5
yy, xx = np.mgrid[0:height, 0:width]
smooth = np.stack([np.sin(xx / 5.0) + np.cos(yy / 4.0), np.exp(-((xx - 12) ** 2 + (yy - 9) ** 2) / 40.0)], -1).reshape(-1, 2)
mixing = rng.uniform(0.2, 1.0, size=(2, channels))
noise = rng.normal(scale=0.3, size=(width * height, channels))
pixels = smooth @ mixing + noise  # row-major, x fastest


def maf(Xp, w, h_):
    Xc = Xp - Xp.mean(0)
    cov = Xc.T @ Xc / Xc.shape[0]
    img = Xc.reshape(h_, w, -1)
    diffs = np.concatenate([(img[:, 1:, :] - img[:, :-1, :]).reshape(-1, Xp.shape[1]),
                            (img[1:, :, :] - img[:-1, :, :]).reshape(-1, Xp.shape[1])])
    dcov = diffs.T @ diffs / diffs.shape[0]
    vals, vecs = scipy.linalg.eigh(dcov, cov)  # ascending: most autocorrelated first
    vecs, _ = flip(vecs)
    return vals, vecs, Xc @ vecs


vals, vecs, factor_scores = maf(pixels, width, height)
dump("maf", {"width": width, "height": height, "pixels": tolist(pixels), "eigenvalues": tolist(vals),
             "autocorrelation": tolist(1 - vals / 2), "vectors": tolist(vecs), "scores": tolist(factor_scores)})
print("wrote", sorted(os.listdir(OUT)))
