#!/usr/bin/env python3
"""Rewrites scenario JSON files in the project's layout: objects and arrays that fit on one line
(up to 110 characters with their indentation) stay on one line, others are expanded, 2 spaces."""
import json
import sys


def render(value, indent=0, width=110):
    flat = json.dumps(value, ensure_ascii=False)
    if len(flat) + indent <= width or not isinstance(value, (dict, list)) or not value:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {render(v, indent + 2, width)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"
    items = [pad + render(v, indent + 2, width) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"


if __name__ == "__main__":
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        with open(path, "w", encoding="utf-8") as f:
            f.write(render(document) + "\n")
