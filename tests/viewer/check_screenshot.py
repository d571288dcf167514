#!/usr/bin/python3
"""Checks leverage-viewer screenshots against the regions the viewer dumped for the same frame
(--dump-regions): the picture is not blank, and the named regions hold what they should.

    check_screenshot.py replay NORMAL.png NORMAL.json SUSPENDED.png SUSPENDED.json
    check_screenshot.py ensemble SHOT.png SHOT.json
    check_screenshot.py compare SHOT.png SHOT.json
    check_screenshot.py play MENU.png MENU.json DEBRIEF.png DEBRIEF.json

Reads the PNG with the standard library only (zlib; 8-bit RGB or RGBA, no interlace, as
stb_image_write writes them). Exits 1 with a message naming the failed check.
"""
import json
import struct
import sys
import zlib


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    pos, idat, width = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or color not in (2, 6) or interlace != 0:
                sys.exit(f"{path}: expected 8-bit RGB(A) without interlace")
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    def pixel(x, y):
        o = x * channels
        return tuple(rows[y][o:o + 3])
    return width, height, pixel


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def close(a, b, tolerance):
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def check_not_blank(path, width, height, pixel):
    colours = set()
    for y in range(0, height, 4):
        for x in range(0, width, 4):
            colours.add(pixel(x, y))
    if len(colours) < 50:
        fail(f"{path}: only {len(colours)} distinct colours (blank or nearly)")
    print(f"{path}: {width}x{height}, {len(colours)} distinct colours in a 1-in-16 sample")


def count_colour(pixel, rect, colour, tolerance):
    x0, y0, x1, y1 = (int(round(v)) for v in rect)
    hits = total = 0
    for y in range(y0 + 1, y1 - 1):
        for x in range(x0 + 1, x1 - 1):
            total += 1
            if close(pixel(x, y), colour, tolerance):
                hits += 1
    return hits, total


def colour_near(pixel, point, colour, tolerance, radius=3):
    px, py = (int(round(v)) for v in point)
    for dy in range(-radius, radius + 1):
        for dx in range(-radius, radius + 1):
            if close(pixel(px + dx, py + dy), colour, tolerance):
                return True
    return False


def load(png, regions_json):
    width, height, pixel = read_png(png)
    with open(regions_json) as f:
        dump = json.load(f)
    if (dump["width"], dump["height"]) != (width, height):
        fail(f"{png}: {width}x{height}, the regions say {dump['width']}x{dump['height']}")
    check_not_blank(png, width, height, pixel)
    return pixel, dump["regions"]


def check_replay(normal_png, normal_json, suspended_png, suspended_json):
    seen = {}
    for png, regions_json, want in ((normal_png, normal_json, "normal"), (suspended_png, suspended_json, "suspended")):
        pixel, regions = load(png, regions_json)
        corridor = regions.get("corridor_malaszewicze")
        if corridor is None:
            fail(f"{regions_json}: no corridor_malaszewicze region (is the map drawn?)")
        if corridor["status"] != want:
            fail(f"{regions_json}: the Malaszewicze link is {corridor['status']}, the test expects {want}")
        if not colour_near(pixel, corridor["point"], corridor["color"], 12):
            fail(f"{png}: no pixel of the {want} colour {corridor['color']} near {corridor['point']}")
        seen[want] = corridor["color"]
        for k in range(8):
            if f"plot_{k}" not in regions:
                fail(f"{regions_json}: plot_{k} missing")
    if close(seen["normal"], seen["suspended"], 40):
        fail(f"the corridor colour hardly differs: normal {seen['normal']}, suspended {seen['suspended']}")
    print(f"Malaszewicze link: normal {seen['normal']}, suspended {seen['suspended']}")


def check_ensemble(png, regions_json):
    pixel, regions = load(png, regions_json)
    fan = regions.get("fan_0")
    if fan is None:
        fail(f"{regions_json}: no fan chart")
    for band in ("band90_color", "band50_color"):
        hits, total = count_colour(pixel, fan["rect"], fan[band], 6)
        if hits < 200:  # a drawn band, not a few stray pixels of the same colour
            fail(f"{png}: {band} {fan[band]} covers {hits} of {total} pixels of {fan['variable']}'s chart")
        print(f"fan chart {fan['variable']}: {band} on {hits} of {total} pixels")
    if "histogram" not in regions:
        fail(f"{regions_json}: no histogram")
    hits, total = count_colour(pixel, regions["histogram"]["rect"], (86, 180, 233), 6)
    if hits == 0:
        fail(f"{png}: no histogram bars")
    print(f"histogram of {regions['histogram']['column']}: bars on {hits} of {total} pixels")


def check_play(menu_png, menu_json, debrief_png, debrief_json):
    pixel, regions = load(menu_png, menu_json)
    menu = regions.get("play_menu")
    if menu is None:
        fail(f"{menu_json}: no play_menu region (is the class play panel drawn?)")
    if "debrief_table" in regions:
        fail(f"{menu_json}: the debrief is drawn before the play is over")
    # One feasibility chip per row, each a filled square about 0.7 text lines wide (10 px at 15 px).
    for key, rows in (("feasible_color", menu["feasible"]), ("infeasible_color", menu["actions"] - menu["feasible"])):
        hits, total = count_colour(pixel, menu["rect"], menu[key], 8)
        if rows > 0 and hits < 30 * rows:
            fail(f"{menu_png}: {rows} {key} chips expected, {hits} pixels of {menu[key]} in the menu")
        if rows == 0 and hits > 0:
            fail(f"{menu_png}: no {key} chip expected, found {hits} pixels")
        print(f"play menu of {menu['actor']}: {key} on {hits} pixels for {rows} rows")
    pixel, regions = load(debrief_png, debrief_json)
    if "play_menu" in regions:
        fail(f"{debrief_json}: the menu is still drawn after the play")
    if "debrief_table" not in regions or "debrief_bars" not in regions:
        fail(f"{debrief_json}: the debrief table or its payoff bars are missing")
    bars = regions["debrief_bars"]
    for key in ("class_color", "rules_color"):
        hits, total = count_colour(pixel, bars["rect"], bars[key], 6)
        if hits < 20:
            fail(f"{debrief_png}: {key} {bars[key]} covers {hits} of {total} pixels of the payoff bars")
        print(f"debrief bars: {key} on {hits} of {total} pixels")
    for k in range(8):
        if f"plot_{k}" not in regions:
            fail(f"{debrief_json}: plot_{k} missing")


def check_compare(png, regions_json):
    pixel, regions = load(png, regions_json)
    plot = regions.get("plot_0")
    if plot is None:
        fail(f"{regions_json}: no plots")
    hits, _ = count_colour(pixel, plot["rect"], (255, 200, 60), 10)
    if hits < 30:  # a vertical line through the plot
        fail(f"{png}: no divergence marker in {plot['title']}")
    print(f"divergence marker: {hits} pixels in {plot['title']}")


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    {"replay": check_replay, "ensemble": check_ensemble, "compare": check_compare, "play": check_play}[mode](*args)
    print("ok")
