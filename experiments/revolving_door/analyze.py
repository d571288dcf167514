#!/usr/bin/env python3
"""revolving_door: gross releases, re-arrests and the net change in the stock per design.

apparent success: the demand counted as met (u1 complied at the threat stage or after imposition);
re-arrest share: re-arrests / gross releases (mean over replicates of each, so a ratio of means);
net freed: initial stock - final stock; beyond the baseline: the baseline's mean final stock minus
the design's, on the same replicate streams; Brussels' cost: its revenue lost against the baseline
(rewards per release are paid out of it) plus its action costs, MEUR over the horizon.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import experiment_kit as kit  # noqa: E402


def main():
    results, quick = kit.arguments()
    points = kit.read_points(results, "doors")
    baseline = kit.read_points(results, "baseline").iloc[0]
    n = kit.read_manifest(results, "doors")["replicates"]
    table = points[["point", "demand", "reward", "rearrest_hazard"]].copy()
    table["gross_releases"] = points["gross_releases_mean"]
    table["gross_ci95_low"] = points["gross_releases_ci95_low"]
    table["gross_ci95_high"] = points["gross_releases_ci95_high"]
    table["rearrests"] = points["rearrests_mean"]
    table["rearrests_ci95_low"] = points["rearrests_ci95_low"]
    table["rearrests_ci95_high"] = points["rearrests_ci95_high"]
    table["net_freed"] = -points["net_change_in_stock_mean"]
    table["freed_vs_baseline"] = baseline["final_stock_mean"] - points["final_stock_mean"]
    table["rearrest_share"] = points["rearrests_mean"] / points["gross_releases_mean"]
    success = points["u1_share_complied_threat"] + points["u1_share_complied_after_imposition"]
    table["p_apparent_success"] = success
    bounds = [kit.wilson(round(s * n), n) for s in success]
    table["p_success_low"] = [b[0] for b in bounds]
    table["p_success_high"] = [b[1] for b in bounds]
    # Rewards per release are paid out of Brussels' revenue (engine/model/dynamics.cpp).
    table["brussels_cost_meur"] = (baseline["brussels_revenue_meur_mean"] - points["brussels_revenue_meur_mean"]
                                   + points["brussels_action_cost_meur_mean"])
    table["replicates"] = n
    kit.write_table(table, results)

    # Figure: gross releases split into kept free and re-arrested, per design, at the default hazard.
    hazards = sorted(table["rearrest_hazard"].unique())
    fig, axes = kit.plt.subplots(1, len(hazards), figsize=(11, 4.5), sharey=True)
    for ax, hazard in zip(axes, hazards):
        rows = table[table["rearrest_hazard"] == hazard]
        labels = [f"{d}\n{r}" for d, r in zip(rows["demand"], rows["reward"])]
        x = range(len(rows))
        kept = rows["gross_releases"] - rows["rearrests"]
        ax.bar(x, kept, color="tab:green", label="released and still free")
        ax.bar(x, rows["rearrests"], bottom=kept, color="tab:red", label="released, then re-arrested",
               yerr=[rows["rearrests"] - rows["rearrests_ci95_low"], rows["rearrests_ci95_high"] - rows["rearrests"]],
               capsize=2)
        ax.set_xticks(list(x))
        ax.set_xticklabels(labels, rotation=60, ha="right", fontsize=6)
        ax.set_title(f"weekly re-arrest hazard {hazard}", fontsize=9)
        ax.grid(True, axis="y", alpha=0.3)
    axes[0].set_ylabel("persons over 52 weeks (mean, 95% interval of re-arrests)")
    axes[0].legend(fontsize=7)
    kit.save_figure(fig, results, "revolving_door.png")


if __name__ == "__main__":
    main()
