#!/usr/bin/env python3
"""Diagonal and spherical Gaussian mixtures from scikit-learn, for SIMSMultivariate's GaussianMixture.

Run: python3 Tests/Reference/gmm_covariance_types_reference.py > Tests/Reference/multivariate/gmm_covariance_types.json
Uses the points of multivariate/clustering.json ("gmm_points", written by multivariate_reference.py), and
three tight, well separated groups of 6 points in 4 dimensions (PCA scores of 3 samples x 6 spots).
"""
import json, os
import numpy as np, sklearn
from sklearn.mixture import GaussianMixture

here = os.path.dirname(os.path.abspath(__file__))
points = np.array(json.load(open(os.path.join(here, "multivariate", "clustering.json")))["gmm_points"])
rng = np.random.default_rng(21)
centres = np.array([[-1.0, 0.2, 0.0, 0.1], [0.8, 0.9, -0.1, 0.0], [0.5, -1.0, 0.1, -0.1]])
groups = np.vstack([c + rng.normal(scale=0.08, size=(6, 4)) for c in centres])

out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "groups": groups.tolist()}
for kind, name in [("diag", "diagonal"), ("spherical", "spherical")]:
    model = GaussianMixture(n_components=3, covariance_type=kind, tol=1e-12, max_iter=2000, n_init=5, random_state=0).fit(points)
    order = np.lexsort((model.means_[:, 1], model.means_[:, 0]))
    out[name] = {
        "mean_log_likelihood": float(model.score(points)),
        "weights": model.weights_[order].tolist(),
        "means": model.means_[order].tolist(),
        "bic": [float(GaussianMixture(n_components=k, covariance_type=kind, tol=1e-12, max_iter=2000, n_init=5, random_state=0)
                      .fit(points).bic(points)) for k in range(1, 4)],
        "groups_bic": [float(GaussianMixture(n_components=k, covariance_type=kind, tol=1e-12, max_iter=2000, n_init=5, random_state=0)
                             .fit(groups).bic(groups)) for k in range(1, 6)],
    }
print(json.dumps(out, indent=1))
