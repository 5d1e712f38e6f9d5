# SPDX-License-Identifier: GPL-3.0-or-later
"""Where the synthetic cohort's outcome signal gets lost (issue 6; docs/SYNTHETIC_COHORT.md).

usage: signal_probe.py TRUTH.csv MAP.txt [--store DIR [--measures-out M.csv]] FEATURES.csv ...

TRUTH.csv   the cohort's truth.csv (`segsurv synth`, or OUT/synthetic/<cohort>/truth.csv of `experiment run`)
MAP.txt     pseudonym -> original PatientID, as printed by H2's Shell (`pseudonym | original_patient_id`)
--store DIR the data directory's file store: also measure the pre-processed crops (halved to 2 mm,
            what the small U-Net sees) with a few hand-made image measures
--measures-out  write those measures per pseudonym, e.g. for `segsurv stats cv --features M.csv`
FEATURES    bottleneck features from `segsurv extract` (one file per modality)

For each feature file, and for all files together: the share of features that never vary, and the
cross-validated (6-fold) correlation between a ridge regression on the features and each truth
attribute, on all features, on each channel's mean over the bottleneck cells and on the central
cells only; then the ridge-logistic 2OS AUC on all features. With --store the same for the
hand-made measures, the 2OS AUC of a logistic regression on them and that of their predicted structural
score (a reference only: that regression learns from truth.csv). Needs numpy,
scipy and scikit-learn (Debian: python3-sklearn). Analysis only: SegSurv never reads truth.csv.
"""
import csv
import gzip
import os
import struct
import sys

import numpy as np
from scipy import ndimage
from sklearn.linear_model import LogisticRegression, RidgeCV
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

MEASURES = ["shell_dense", "shell_hu", "blobs", "surface_per_volume", "pet_p5_over_max", "pet_core_over_max", "ct_core_hu",
            "ct_sd"]
ATTRIBUTES = ["structural_score", "surroundings", "spiculation", "irregularity", "necrosis", "vessel_contact", "satellite", "volume_cm3",
              "uptake_suv"]


def ridge_r(x, y):
    x = x[:, x.std(0) > 1e-9]
    p = cross_val_predict(make_pipeline(StandardScaler(), RidgeCV(alphas=np.logspace(-2, 6, 30))), x, y,
                          cv=KFold(6, shuffle=True, random_state=1))
    return np.corrcoef(p, y)[0, 1], p


def attribute(rows, name):
    v = np.array([float(r[name]) for r in rows])
    return np.log(v) if name in ("volume_cm3", "uptake_suv") else v


def os2(rows):
    o = np.array([r["os_2y"] for r in rows])
    q = o != "NA"
    return q, (o[q] == "1").astype(int)


def features(paths):
    blocks, ids = [], None
    for path in paths:
        with open(path) as f:
            rows = list(csv.reader(f))
        d = {r[0]: np.array(r[1:], float) for r in rows[1:]}
        ids = ids or sorted(d)
        blocks.append(np.array([d[i] for i in ids]))
    return ids, blocks


def per_modality_views(x, rows):
    """Views of one modality's small-network bottleneck (64 channels x 3 x 6 x 6, channel-major)."""
    n = len(rows)
    views = {"all": x}
    if x.shape[1] == 64 * 108:
        a = x.reshape(n, 64, 3, 6, 6)
        views["channel means"] = a.mean((2, 3, 4))
        views["central 2x2x1 cells"] = a[:, :, 1, 2:4, 2:4].reshape(n, -1)
        alive = (a.std(0) > 1e-9).sum(0)
        print("  channels that vary, per cell of the middle slab (rows y, columns x):")
        for line in alive[1]:
            print("   ", " ".join(f"{c:2d}" for c in line))
    return views


def read_cases(store):
    cases = []
    for d, _, files in os.walk(store):
        for f in files:
            p = os.path.join(d, f)
            with open(p, "rb") as fh:
                if fh.read(2) != b"\x1f\x8b":
                    continue
            try:
                b = gzip.open(p).read()
            except OSError:
                continue
            if b[:8] != b"SEGSCASE":
                continue
            h = struct.unpack("<i", b[12:16])[0]
            hdr = dict(line.split("=", 1) for line in b[16:16 + h].decode().split("\n") if "=" in line)
            nx, ny, nz = map(int, hdr["size"].split())
            n, o = nx * ny * nz, 16 + h
            ct = np.frombuffer(b, "<f4", n, o).reshape(nz, ny, nx)
            o += 4 * n
            pet = None
            if hdr["pet"] == "true":
                pet = np.frombuffer(b, "<f4", n, o).reshape(nz, ny, nx)
                o += 4 * n
            mask = np.frombuffer(b, "u1", n, o).reshape(nz, ny, nx)
            cases.append((float(hdr["suvMax"]), float(hdr["tumourVolumeCm3"]), ct, pet, mask))
    return cases


def halve(a):
    z, y, x = a.shape
    return a.reshape(z // 2, 2, y // 2, 2, x // 2, 2).mean((1, 3, 5))


def image_measures(ct, pet, mask):
    """Hand-made measures on the crop halved to 2 mm, CT in HU, PET in SUV (Intensity: [-500, 200], [0.01, 20])."""
    hu = halve(ct.astype(float)) * 700 - 500
    suv = halve(pet.astype(float)) * 20
    m = halve(mask.astype(float)) >= 0.5
    st = ndimage.generate_binary_structure(3, 1)
    near = ndimage.binary_dilation(m, st, iterations=1)
    shell = ndimage.binary_dilation(m, st, iterations=4) & ~near
    core = ndimage.binary_erosion(m, st, iterations=2)
    core = core if core.any() else m
    surface = (m & ~ndimage.binary_erosion(m, st)).sum()
    inside = suv[m]
    lab, k = ndimage.label((hu > -300) & ~near)
    zone = ndimage.binary_dilation(m, st, iterations=8)
    blobs = sum(1 for i in range(1, k + 1) if ((lab == i) & zone).any() and (lab == i).sum() <= 75)
    return [(hu[shell] > -400).mean(), hu[shell].mean(), blobs, surface / m.sum() ** (2 / 3),
            np.percentile(inside, 5) / inside.max(), suv[core].mean() / inside.max(), hu[core].mean(), hu[m].std()]


def main(argv):
    store, measures_out = None, None
    if "--store" in argv:
        i = argv.index("--store")
        store = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    if "--measures-out" in argv:
        i = argv.index("--measures-out")
        measures_out = argv[i + 1]
        argv = argv[:i] + argv[i + 2:]
    truth_path, map_path, feature_paths = argv[0], argv[1], argv[2:]
    with open(truth_path) as f:
        truth = {r["PatientID"]: r for r in csv.DictReader(f)}
    original = {}
    with open(map_path) as f:
        for line in f.read().splitlines()[1:]:
            p = [x.strip() for x in line.split("|")]
            if len(p) >= 2 and p[1] in truth:
                original[p[0]] = p[1]
    ids, blocks = features(feature_paths)
    rows = [truth[original[i]] for i in ids]
    q, y = os2(rows)
    for path, x in list(zip(feature_paths, blocks)) + ([("all files", np.hstack(blocks))] if len(blocks) > 1 else []):
        print(f"{path}: {x.shape[1]} features of {len(ids)} patients, {(x.std(0) < 1e-9).sum()} never vary, "
              f"{(x == 0).mean():.2f} of the values are 0")
        for label, v in per_modality_views(x, rows).items():
            print(f"  ridge-CV r ({label}, {int((v.std(0) > 1e-9).sum())} varying): "
                  + ", ".join(f"{a[:11]} {ridge_r(v, attribute(rows, a))[0]:+.2f}" for a in ATTRIBUTES))
        xq = x[q][:, x[q].std(0) > 1e-9]
        p = cross_val_predict(make_pipeline(StandardScaler(), LogisticRegression(C=0.01, max_iter=5000)), xq, y,
                              cv=StratifiedKFold(6, shuffle=True, random_state=1), method="predict_proba")[:, 1]
        single = np.array([roc_auc_score(y, xq[:, j]) for j in range(xq.shape[1])])
        single = np.maximum(single, 1 - single)
        print(f"  2OS ({q.sum()} patients, {y.sum()} alive): ridge-logistic CV AUC {roc_auc_score(y, p):.3f}; best single feature "
              f"(in-sample, optimistic) {single.max():.3f}, 95th percentile {np.percentile(single, 95):.3f}")
    tlg = np.array([float(r["tlg"]) for r in rows])
    print(f"2OS: AUC of the latent structural score {roc_auc_score(y, -attribute(rows, 'structural_score')[q]):.3f}, "
          f"of measured TLG {roc_auc_score(y, -tlg[q]):.3f}")
    if store:
        cases = read_cases(store)
        x = []
        for r in rows:
            a, b = float(r["suv_max"]), float(r["ct_volume_cm3"])
            c = min(cases, key=lambda c: abs(c[0] - a) / a + abs(c[1] - b) / b)
            x.append(image_measures(c[2], c[3], c[4]))
        x = np.array(x)
        if measures_out:
            with open(measures_out, "w", newline="") as f:
                w = csv.writer(f)
                w.writerow(["PatientID"] + MEASURES)
                for pid, v in zip(ids, x):
                    w.writerow([pid] + [repr(float(a)) for a in v])
        print(f"hand-made measures on the 2 mm crops ({len(x)} patients): ridge-CV r "
              + ", ".join(f"{a[:11]} {ridge_r(x, attribute(rows, a))[0]:+.2f}" for a in ATTRIBUTES))
        _, predicted = ridge_r(x, attribute(rows, "structural_score"))
        p = cross_val_predict(make_pipeline(StandardScaler(), LogisticRegression(C=0.1, max_iter=5000)), x[q], y,
                              cv=StratifiedKFold(6, shuffle=True, random_state=1), method="predict_proba")[:, 1]
        print(f"  2OS AUC of a logistic regression on them (CV) {roc_auc_score(y, p):.3f}; of their CV-predicted "
              f"structural score (trained on truth.csv: an upper reference) {roc_auc_score(y, -predicted[q]):.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
