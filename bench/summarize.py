#!/usr/bin/env python3
"""Summarizes leverage_bench JSON outputs (docs/PERFORMANCE.md) as a Markdown table.

    build/bench/leverage_bench --benchmark_repetitions=5 --benchmark_display_aggregates_only=true \\
        --benchmark_out=run1.json --benchmark_out_format=json
    python3 bench/summarize.py run1.json [run2.json ...]

Each file is one invocation; its `median` aggregates are the medians over its repetitions. With
several files (invocations at different times on a shared, noisy machine) every number printed is
the median over the files of those per-file medians, and the CPU-time column also gives their range.
Times are CPU time; Google Benchmark's rate counters (items_per_second, replicates_per_s, the
s_per_* counters) are per CPU second too.
"""
import json
import statistics
import sys

SCALE = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}
COUNTERS = ("items_per_second", "replicates_per_s", "s_per_decision", "s_per_step", "s_per_alternative",
            "allocs_per_week", "alloc_bytes_per_week", "projections_per_week", "alternatives", "projections")


def fmt(value):
    if abs(value) >= 1e6:
        return f"{value / 1e6:.3f}M"
    if abs(value) >= 1e4:
        return f"{value / 1e3:.1f}k"
    if abs(value) >= 100:
        return f"{value:.0f}"
    return f"{value:.3g}"


def load(path):
    with open(path) as f:
        data = json.load(f)
    medians = {}
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") == "median":
            record = {"cpu_ns": b["cpu_time"] * SCALE[b["time_unit"]],
                      "real_ns": b["real_time"] * SCALE[b["time_unit"]],
                      "reps": b.get("repetitions")}
            record.update({k: b[k] for k in COUNTERS if k in b})
            medians[b["run_name"]] = record
    return data["context"], medians


def main(paths):
    runs = [load(p) for p in paths]
    for context, _ in runs:
        print(f"# {context.get('date')}  {context.get('num_cpus')} CPUs @ {context.get('mhz_per_cpu')} MHz  "
              f"load {[round(x, 2) for x in context.get('load_avg', [])]}")
    for key in ("scenario", "sizeof(WorldState)", "sizeof(ActorState)", "mid-run state"):
        if key in runs[0][0]:
            print(f"# {key}: {runs[0][0][key]}")
    print()
    head = f"median of {len(runs)} run medians (range)" if len(runs) > 1 else "median of the repetitions"
    print(f"| benchmark | CPU time, {head} | real time | per item | counters |")
    print("|---|---|---|---|---|")
    for name in runs[0][1]:
        records = [medians[name] for _, medians in runs if name in medians]
        med = lambda key: statistics.median(r[key] for r in records if key in r)
        cpu = [r["cpu_ns"] for r in records]
        per_item = []
        for key in ("s_per_decision", "s_per_step", "s_per_alternative"):
            if key in records[0]:
                per_item.append(f"{med(key) * 1e9:.0f} ns per {key[6:]}")
        if "replicates_per_s" in records[0]:
            per_item.append(f"{fmt(med('items_per_second'))} weeks/s, {fmt(med('replicates_per_s'))} replicates/s")
        counters = [f"{k}={med(k):.4g}" for k in ("allocs_per_week", "alloc_bytes_per_week", "projections_per_week",
                                                  "alternatives", "projections") if k in records[0]]
        spread = f" ({fmt(min(cpu))}..{fmt(max(cpu))})" if len(cpu) > 1 else ""
        print(f"| {name} | {fmt(med('cpu_ns'))} ns{spread} | {fmt(med('real_ns'))} ns | {'; '.join(per_item)} "
              f"| {' '.join(counters)} |")


if __name__ == "__main__":
    main(sys.argv[1:] or ["bench.json"])
