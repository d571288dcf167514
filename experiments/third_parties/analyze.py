#!/usr/bin/env python3
"""third_parties: the ultimatum's outcome over Beijing's pressure and Moscow's aid ceiling.

Per point: P(success) (demand met in full) with its Wilson interval, prisoners freed beyond that
point's own counterfactual (the baseline sweep's point of the same index: same parameters, no
ultimatum, same streams), Moscow's aid paid and the transit lost.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import experiment_kit as kit  # noqa: E402

B, M = "beijing_pressure", "moscow_aid_cap_max_meur"


def main():
    results, quick = kit.arguments()
    points = kit.read_points(results, "patrons")
    baseline = kit.read_points(results, "baseline").set_index("point")
    n = kit.read_manifest(results, "patrons")["replicates"]
    table = points[["point", B, M]].copy()
    success = points["u1_share_complied_threat"] + points["u1_share_complied_after_imposition"]
    table["p_success"] = success
    bounds = [kit.wilson(round(s * n), n) for s in success]
    table["p_success_low"] = [b[0] for b in bounds]
    table["p_success_high"] = [b[1] for b in bounds]
    table["p_imposed"] = points["u1_imposed"] / n
    table["freed_vs_baseline"] = baseline.loc[points["point"], "final_stock_mean"].to_numpy() - points["final_stock_mean"]
    table["aid_paid_meur"] = points["aid_paid_meur_mean"]
    table["transit_lost_teu"] = points["transit_lost_teu_mean"]
    table["replicates"] = n
    kit.write_table(table, results)

    # Beijing's stake with its default rule: the spread of each outcome across the stakes at
    # each aid ceiling (zero when the stake moves nothing).
    stake = kit.read_points(results, "stake")
    stake["p_success"] = stake["u1_share_complied_threat"] + stake["u1_share_complied_after_imposition"]
    spread = stake.groupby(M).agg(p_success_min=("p_success", "min"), p_success_max=("p_success", "max"),
                                  final_stock_min=("final_stock_mean", "min"),
                                  final_stock_max=("final_stock_mean", "max")).reset_index()
    kit.write_table(spread, results, "stake_spread.csv")

    fig, axes = kit.plt.subplots(1, 2, figsize=(11, 4.4))
    for ax, column, label in [(axes[0], "p_success", "P(demand met in full)"),
                              (axes[1], "freed_vs_baseline", "prisoners freed beyond no ultimatum")]:
        for cap, rows in table.groupby(M):
            err = None
            if column == "p_success":
                err = [rows["p_success"] - rows["p_success_low"], rows["p_success_high"] - rows["p_success"]]
            ax.errorbar(rows[B], rows[column], yerr=err, marker="o", capsize=2, label=f"Moscow's ceiling {cap:g} MEUR/week")
        ax.set_xlabel("Beijing's pressure (its rule)")
        ax.tick_params(axis="x", labelsize=7, rotation=15)
        ax.set_ylabel(label)
        ax.grid(True, alpha=0.3)
    axes[0].legend(fontsize=7)
    fig.suptitle(f"The patrons and the ultimatum (20 points x {n} replicates, 95% Wilson intervals)", fontsize=10)
    kit.save_figure(fig, results, "third_parties.png")


if __name__ == "__main__":
    main()
