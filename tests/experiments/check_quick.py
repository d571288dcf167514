#!/usr/bin/env python3
"""Runs `leverage experiment FOLDER --quick` into a scratch folder and checks what it wrote:
summary.csv reads with pandas' defaults and has rows, the manifest records the quick run, and every
PNG the analysis wrote is a real picture (not blank: many distinct colours, pixel spread).
Usage: check_quick.py LEVERAGE FOLDER SCRATCH"""
import glob
import json
import os
import shutil
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.image  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402


def main():
    leverage, folder, scratch = sys.argv[1:4]
    shutil.rmtree(scratch, ignore_errors=True)
    run = subprocess.run([leverage, "experiment", folder, "--quick", "--out", scratch, "--quiet", "--threads", "2"],
                         capture_output=True, text=True)
    sys.stdout.write(run.stdout)
    sys.stderr.write(run.stderr)
    if run.returncode != 0:
        sys.exit(f"leverage experiment {folder} --quick exited {run.returncode}")
    summary = pd.read_csv(os.path.join(scratch, "summary.csv"))
    if summary.empty:
        sys.exit("summary.csv has no rows")
    with open(os.path.join(scratch, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    if manifest.get("quick") is not True:
        sys.exit("manifest.json does not record the quick run")
    pictures = sorted(glob.glob(os.path.join(scratch, "*.png")))
    if not pictures:
        sys.exit("the analysis wrote no figure")
    for path in pictures:
        image = matplotlib.image.imread(path)[:, :, :3]
        colours = len(np.unique((image * 255).astype(np.uint8).reshape(-1, 3), axis=0))
        if colours < 20 or image.std() < 0.02:
            sys.exit(f"{path}: looks blank ({colours} colours, spread {image.std():.3f})")
        print(f"{os.path.basename(path)}: {image.shape[1]}x{image.shape[0]}, {colours} colours")
    print(f"{folder}: {len(summary)} summary rows, {len(pictures)} figures")


if __name__ == "__main__":
    main()
