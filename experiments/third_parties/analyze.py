#!/usr/bin/env python3
"""third_parties: the ultimatum's outcome over Beijing's pressure and Moscow's aid ceiling.

Per point: P(success) (demand met in full) with its Wilson interval, prisoners freed beyond that
point's own counterfactual (the baseline sweep's point of the same index: same parameters, no
ultimatum, same streams), Moscow's aid paid and the transit lost. Then the Sobol indices of the
outcomes over the eight uncertain parameters of step `sobol` (S1 and ST with their bootstrap
intervals, as `leverage sensitivity` computed them) in sobol_summary.csv and sobol.png.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import experiment_kit as kit  # noqa: E402

B, M = "beijing_pressure", "moscow_aid_cap_max_meur"

# The Sobol step's parameters and outcomes (sobol.json, plan.json), as the figure names them.
PARAMETER_LABELS = {
    "beijing_p_press_minsk": "Beijing presses Minsk (P a week)",
    "beijing_p_press_brussels": "Beijing presses Brussels (P a week)",
    "moscow_aid_cap_max_meur": "Moscow's aid ceiling",
    "capitulation_cost": "Minsk's capitulation cost",
    "minsk_rationality": "Minsk's rationality",
    "brussels_p_resolved": "P(Brussels resolved)",
    "minsk_belief_resolved": "Minsk's belief Brussels is resolved",
    "suspension_export_loss": "Minsk's export loss if suspended",
}
OUTCOME_LABELS = {
    "p_success": "P(demand met in full)",
    "u1_imposed": "P(threat executed)",
    "gross_releases_mean": "gross releases",
    "net_change_in_stock_mean": "net change in the prisoner stock",
}


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
    sobol(results)


def sobol(results):
    """The Sobol indices of step `sobol`: a table of S1 and ST with their intervals, and a figure."""
    indices = kit.read_csv(results, "sobol", "sobol_indices.csv")
    record = kit.read_json(results, "sobol", "sensitivity.json")
    replicates = kit.read_manifest(results, "sobol")["replicates"]
    table = indices.rename(columns={"S1_ci_low": "S1_low", "S1_ci_high": "S1_high",
                                    "ST_ci_low": "ST_low", "ST_ci_high": "ST_high"})
    # ST - S1: the share of the variance in the parameter's interactions with the others.
    table["interactions"] = table["ST"] - table["S1"]
    table["runs"] = record["settings"]["runs"]
    table["replicates"] = replicates
    kit.write_table(table[["outcome", "parameter", "S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high",
                           "interactions", "base_samples", "runs", "replicates"]], results, "sobol_summary.csv")

    parameters = record["parameters"]
    outcomes = record["outcomes"]
    columns = 2
    rows = (len(outcomes) + columns - 1) // columns
    fig, axes = kit.plt.subplots(rows, columns, figsize=(11, 3.1 * rows + 0.6), sharey=True, squeeze=False)
    positions = list(range(len(parameters)))
    for ax, outcome in zip(axes.flat, outcomes):
        rows_of = table[table["outcome"] == outcome].set_index("parameter").reindex(parameters)
        for offset, index, colour in [(-0.18, "S1", "tab:blue"), (0.18, "ST", "tab:orange")]:
            centre = rows_of[index].clip(lower=0)  # an estimate below 0 is a share of 0 within noise
            low = (centre - rows_of[index + "_low"].clip(lower=0)).clip(lower=0)
            high = (rows_of[index + "_high"] - centre).clip(lower=0)
            ax.barh([p + offset for p in positions], centre, height=0.34, color=colour,
                    label="first order S1" if index == "S1" else "total ST",
                    xerr=[low.fillna(0), high.fillna(0)], error_kw={"capsize": 2, "elinewidth": 0.8})
        ax.set_title(OUTCOME_LABELS.get(outcome, outcome), fontsize=9)
        ax.set_xlim(0, 1)
        ax.grid(True, axis="x", alpha=0.3)
        ax.set_xlabel("share of the variance", fontsize=8)
        ax.tick_params(labelsize=8)
    for ax in axes.flat[len(outcomes):]:
        ax.set_visible(False)
    axes[0][0].set_yticks(positions)
    axes[0][0].set_yticklabels([PARAMETER_LABELS.get(p, p) for p in parameters], fontsize=8)
    axes[0][0].invert_yaxis()
    axes[0][0].legend(fontsize=7, loc="lower right")
    n = record["settings"]["base_samples"]
    fig.suptitle(f"Sobol indices over eight uncertain parameters (N = {n}, {record['settings']['runs']} points x "
                 f"{replicates} replicates; 95% bootstrap intervals)", fontsize=10)
    kit.save_figure(fig, results, "sobol.png")


if __name__ == "__main__":
    main()
