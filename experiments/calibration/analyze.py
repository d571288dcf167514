#!/usr/bin/env python3
"""calibration: rejection against the calibration targets (approximate Bayesian computation with
interval targets, as in history matching), the posterior of the fitted parameters, and what the
accepted worlds predict for an EU transit ultimatum.

A point of the prior (its parameters, 40 replicates in each of the two sweeps, the same streams
point by point) is accepted when every target holds (docs/CALIBRATION.md gives the sources):
  T1  the release before the summit: in the world without an ultimatum, the median first release
      is in week 1 (the week of the SCO summit, 4 July 2024)          first_release_week_q50 <= 1
  T2  the stock stays near 1,400 through the year                     1,200 <= final_stock_mean <= 1,600
  T3  none of the five named prisoners is freed in the year           named_released_mean <= 0.25
  T4  the base rate: with the ultimatum, the demand is met in 5% (Pape 1997) to 34% (Hufbauer,
      Schott and Elliott) of the threatened worlds                    0.05 <= success <= 0.34
The prediction: over the accepted points, the pooled and per-point success of the ultimatum, at
the threat stage and after imposition, and the prisoners freed beyond the world without it.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import experiment_kit as kit  # noqa: E402

TARGETS = [
    ("T1 release in the summit week", "history", "first_release_week_q50", None, 1.0),
    ("T2 stock near 1,400 after a year", "history", "final_stock_mean", 1200.0, 1600.0),
    ("T3 no named prisoner freed", "history", "named_released_mean", None, 0.25),
    ("T4 success in 5-34% of threatened worlds", "ultimatum", "success_overall", 0.05, 0.34),
]


def main():
    results, quick = kit.arguments()
    history = kit.read_points(results, "history")
    ultimatum = kit.read_points(results, "ultimatum")
    manifest = kit.read_manifest(results, "ultimatum")
    n = manifest["replicates"]
    names = [p["name"] for p in manifest["parameters"]]
    ranges = {p["name"]: (p["min"], p["max"]) for p in manifest["parameters"]}
    integers = {p["name"]: p.get("integer", False) for p in manifest["parameters"]}

    threatened = ultimatum["u1_threatened"].to_numpy(float)
    complied = np.rint(ultimatum["u1_share_complied_threat"].to_numpy(float) * n)
    after = np.rint(ultimatum["u1_share_complied_after_imposition"].to_numpy(float) * n)
    imposed = ultimatum["u1_imposed"].to_numpy(float)
    ultimatum = ultimatum.assign(success_overall=np.where(threatened > 0, (complied + after) / np.maximum(threatened, 1), np.nan))
    frames = {"history": history, "ultimatum": ultimatum}

    accepted = np.ones(len(history), bool)
    rows = []
    for label, step, column, low, high in TARGETS:
        values = frames[step][column].to_numpy(float)
        holds = np.isfinite(values) & (values >= (low if low is not None else -np.inf)) & (values <= (high if high is not None else np.inf))
        accepted &= holds
        rows.append({"part": "target", "name": label, "value": holds.mean(), "low": low, "high": high,
                     "note": f"share of the {len(values)} prior points meeting it"})
    rows.append({"part": "acceptance", "name": "all targets", "value": accepted.mean(),
                 "note": f"{accepted.sum()} of {len(accepted)} points accepted"})

    # The posterior of each fitted parameter: median and 90% interval of the accepted points,
    # beside the prior's range.
    for name in names:
        values = history.loc[accepted, name].to_numpy(float)
        if len(values):
            q5, q50, q95 = np.percentile(values, [5, 50, 95])
            rows.append({"part": "posterior", "name": name, "value": q50, "low": q5, "high": q95,
                         "note": f"prior uniform on [{ranges[name][0]:g}, {ranges[name][1]:g}]"})

    # The prediction for the EU transit ultimatum, over the accepted points.
    freed = history["final_stock_mean"].to_numpy(float) - ultimatum["final_stock_mean"].to_numpy(float)
    if accepted.any():
        a = np.flatnonzero(accepted)

        def ratio(top, bottom):
            return lambda index: top[a[index]].sum() / bottom[a[index]].sum() if bottom[a[index]].sum() else np.nan

        pooled = {
            "success overall (pooled)": ratio(complied + after, threatened),
            "success at the threat stage (pooled)": ratio(complied, threatened),
            "success after imposition (pooled)": ratio(after, imposed),
            "imposition rate (pooled)": ratio(imposed, threatened),
        }
        everything = np.arange(len(a))
        for name, statistic in pooled.items():
            low, high = kit.cluster_bootstrap(statistic, len(a))
            rows.append({"part": "prediction", "name": name, "value": statistic(everything), "low": low, "high": high,
                         "note": f"95% cluster-bootstrap interval; {int(threatened[a].sum())} threatened worlds in "
                                 f"{len(a)} accepted points"})
        q5, q50, q95 = np.percentile(freed[accepted], [5, 50, 95])
        rows.append({"part": "prediction", "name": "prisoners freed beyond no ultimatum (per point)", "value": q50,
                     "low": q5, "high": q95, "note": "median and 90% interval over the accepted points"})
        q5, q50, q95 = np.percentile(ultimatum.loc[accepted, "success_overall"], [5, 50, 95])
        rows.append({"part": "prediction", "name": "success overall (per point)", "value": q50, "low": q5, "high": q95,
                     "note": "median and 90% interval over the accepted points"})
    table = kit.pd.DataFrame(rows)
    kit.write_table(table, results)
    kit.write_table(history.loc[accepted, ["point"] + names], results, "posterior_points.csv")

    # Figure 1: prior (the whole hypercube) against posterior (the accepted points), per parameter.
    fig, axes = kit.plt.subplots(2, 4, figsize=(12, 5.5))
    for ax, name in zip(axes.flat, names):
        lo, hi = ranges[name]
        bins = np.linspace(lo, hi, 11)
        if integers[name]:  # rounded values: one bin per integer (or per step of integers)
            step = max(1, round((hi - lo) / 10))
            bins = np.arange(lo - 0.5, hi + step, step)
        ax.hist(history[name], bins=bins, color="lightgrey", label="prior (all points)")
        ax.hist(history.loc[accepted, name], bins=bins, color="tab:blue", label="posterior (accepted)")
        ax.set_title(name, fontsize=8)
        ax.tick_params(labelsize=7)
        ax.set_ylabel("points", fontsize=7)
    axes.flat[0].legend(fontsize=6)
    fig.suptitle(f"Calibration: {accepted.sum()} of {len(accepted)} prior points meet all four targets", fontsize=10)
    kit.save_figure(fig, results, "posterior.png")

    # Figure 2: the prediction, per accepted point, against the base-rate target.
    fig, ax = kit.figure()
    ax.scatter(ultimatum["success_overall"], freed, s=8, color="lightgrey", label="prior points")
    ax.scatter(ultimatum.loc[accepted, "success_overall"], freed[accepted], s=14, color="tab:blue",
               label="accepted points")
    ax.axvspan(0.05, 0.34, color="tab:green", alpha=0.1, label="target T4 (5-34%)")
    ax.set_xlabel("P(demand met in full | ultimatum issued), per point")
    ax.set_ylabel("prisoners freed beyond no ultimatum (persons)")
    ax.set_title("What the calibrated model predicts for the EU transit ultimatum")
    ax.legend(fontsize=7)
    kit.save_figure(fig, results, "prediction.png")


if __name__ == "__main__":
    main()
