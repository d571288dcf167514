#!/usr/bin/env python3
"""Prints the medians (and the spread over repetitions) of a leverage_bench JSON output as a table.

    build/bench/leverage_bench --benchmark_repetitions=5 \
        --benchmark_out=bench.json --benchmark_out_format=json
    python3 bench/summarize.py bench.json

Times are CPU time (the rate counters of Google Benchmark are per CPU second too), so a loaded
machine shows up less than in wall time; the real-time median is printed alongside.
"""
import json
import sys
from collections import defaultdict


def fmt(value, unit=""):
    if value is None:
        return ""
    if abs(value) >= 1e6:
        return f"{value / 1e6:.3f}M{unit}"
    if abs(value) >= 1e4:
        return f"{value / 1e3:.1f}k{unit}"
    if abs(value) >= 100:
        return f"{value:.0f}{unit}"
    return f"{value:.3g}{unit}"


def main(path):
    with open(path) as f:
        data = json.load(f)
    ctx = data["context"]
    print(f"# {ctx.get('date')}  host {ctx.get('host_name')}  {ctx.get('num_cpus')} CPUs @ {ctx.get('mhz_per_cpu')} MHz"
          f"  load {ctx.get('load_avg')}")
    for key in ("scenario", "sizeof(WorldState)", "sizeof(ActorState)", "mid-run state"):
        if key in ctx:
            print(f"# {key}: {ctx[key]}")
    runs = defaultdict(list)
    medians, stddevs = {}, {}
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                medians[b["run_name"]] = b
            elif b.get("aggregate_name") == "stddev":
                stddevs[b["run_name"]] = b
        else:
            runs[b["run_name"]].append(b)
    scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}
    print()
    print("| benchmark | reps | CPU time median (min..max, or ±stddev) | real time median | key counters (median) |")
    print("|---|---|---|---|---|")
    for name, m in medians.items():
        s = scale[m["time_unit"]]
        cpu = [r["cpu_time"] * s for r in runs[name]]
        if cpu:
            spread = f"{fmt(min(cpu))}..{fmt(max(cpu))}"
        else:  # --benchmark_report_aggregates_only: no individual runs in the file
            spread = f"±{fmt(stddevs[name]['cpu_time'] * s)}" if name in stddevs else "?"
        counters = []
        for key, value in m.items():
            if key in ("items_per_second", "replicates_per_s"):
                counters.append(f"{key}={fmt(value)}")
            elif key.startswith("s_per_"):
                counters.append(f"ns_per_{key[6:]}={value * 1e9:.1f}")
            elif key in ("allocs_per_week", "alloc_bytes_per_week", "alternatives", "projections",
                         "projections_per_week"):
                counters.append(f"{key}={value:.4g}")
        print(f"| {name} | {m.get('repetitions', len(cpu))} | {fmt(m['cpu_time'] * s, ' ns')} ({spread}) "
              f"| {fmt(m['real_time'] * s, ' ns')} | {' '.join(counters)} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench.json")
