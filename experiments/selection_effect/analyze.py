#!/usr/bin/env python3
"""selection_effect: pooled success at the threat stage and after imposition over the prior.

Per point of the prior sweep, points.csv gives the replicates in which the first ultimatum was
issued (u1_threatened) and in which its threat was executed (u1_imposed), and the shares of the
outcomes. Pooled over the points:
  success at the threat stage   = sum complied_threat / sum threatened
  success after imposition      = sum complied_after_imposition / sum imposed
  success overall               = sum (complied_threat + complied_after_imposition) / sum threatened
  imposition rate               = sum imposed / sum threatened
Intervals: a cluster bootstrap over the points (2,000 resamples of the points with replacement,
numpy's PCG64 seeded 1; percentile intervals), since replicates within a point share parameters.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import experiment_kit as kit  # noqa: E402

# The literature's range (DOMAIN.md, "The ultimatum, a first-class protocol").
LITERATURE = [
    ("success_overall", "Hufbauer, Schott and Elliott (3rd ed.): sanctions episodes that succeed", 0.34),
    ("success_overall", "Pape (1997), re-reading the same cases", 0.05),
    ("success_at_threat_stage", "Drezner (2003), US trade coercion: threats alone", 0.56),
    ("success_after_imposition", "Drezner (2003), US trade coercion: once imposed", 0.33),
]


def counts(points, n):
    return {
        "threatened": points["u1_threatened"].to_numpy(float),
        "imposed": points["u1_imposed"].to_numpy(float),
        "threat_success": np.rint(points["u1_share_complied_threat"].to_numpy(float) * n),
        "imposed_success": np.rint(points["u1_share_complied_after_imposition"].to_numpy(float) * n),
    }


def rates(c, index=None):
    take = (lambda a: a) if index is None else (lambda a: a[index])
    threatened, imposed = take(c["threatened"]).sum(), take(c["imposed"]).sum()
    ts, cs = take(c["threat_success"]).sum(), take(c["imposed_success"]).sum()
    return {
        "success_at_threat_stage": ts / threatened if threatened else np.nan,
        "success_after_imposition": cs / imposed if imposed else np.nan,
        "success_overall": (ts + cs) / threatened if threatened else np.nan,
        "imposition_rate": imposed / threatened if threatened else np.nan,
    }


def pooled(points, n, label):
    c = counts(points, n)
    point_estimate = rates(c)
    rows = []
    for k, v in point_estimate.items():
        low, high = kit.cluster_bootstrap(lambda index: rates(c, index)[k], len(points))
        rows.append({"measure": k, "source": label, "value": v, "ci95_low": low, "ci95_high": high,
                     "points": len(points), "threatened": int(c["threatened"].sum()), "imposed": int(c["imposed"].sum())})
    return rows


def main():
    results, quick = kit.arguments()
    rows = []
    per_point = {}
    for step, label in [("prior", "model, broad prior"), ("robustness", "model, second draw of the prior")]:
        points = kit.read_points(results, step)
        n = kit.read_manifest(results, step)["replicates"]
        per_point[step] = (points, n)
        rows += pooled(points, n, label)
    for measure, source, value in LITERATURE:
        rows.append({"measure": measure, "source": source, "value": value})
    table = kit.pd.DataFrame(rows)
    kit.write_table(table, results)

    # Figure 1: pooled rates with intervals, the literature's figures beside them.
    measures = ["success_at_threat_stage", "success_after_imposition", "success_overall", "imposition_rate"]
    fig, ax = kit.figure(8, 4.8)
    for offset, (label, colour) in zip([-0.15, 0.15], [("model, broad prior", "tab:blue"),
                                                       ("model, second draw of the prior", "tab:cyan")]):
        model = table[table["source"] == label].set_index("measure").loc[measures]
        x = np.arange(len(measures)) + offset
        ax.errorbar(x, model["value"], yerr=[model["value"] - model["ci95_low"], model["ci95_high"] - model["value"]],
                    fmt="o", capsize=4, color=colour, label=label)
    markers = iter(["s", "D", "^", "v"])
    for measure, source, value in LITERATURE:
        ax.plot(measures.index(measure) + 0.3, value, next(markers), color="tab:red", label=source)
    ax.set_xticks(range(len(measures)))
    ax.set_xticklabels([m.replace("_", " ") for m in measures], fontsize=8)
    ax.set_ylabel("share of episodes (first ultimatum)")
    ax.set_ylim(0, 1)
    ax.set_title("The selection effect: model (95% cluster-bootstrap intervals) and literature")
    ax.legend(fontsize=7, loc="upper right")
    kit.save_figure(fig, results, "selection_effect.png")

    # Figure 2: per point, threat-stage success against Minsk's belief in Brussels' resolve.
    points, n = per_point["prior"]
    share = points["u1_share_complied_threat"] * n / points["u1_threatened"].where(points["u1_threatened"] > 0)
    fig, ax = kit.figure()
    scatter = ax.scatter(points["minsk_belief_resolved"], share, c=points["capitulation_cost"], cmap="viridis", s=14)
    fig.colorbar(scatter, ax=ax, label="capitulation cost (MEUR-equivalent)")
    ax.set_xlabel("Minsk's prior belief that Brussels is resolved")
    ax.set_ylabel("success at the threat stage (share of the point's replicates)")
    ax.set_title(f"Each point of the prior ({len(points)} points x {n} replicates)")
    kit.save_figure(fig, results, "threat_stage_by_belief.png")


if __name__ == "__main__":
    main()
