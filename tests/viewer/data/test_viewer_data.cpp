// The viewer's data layer: CSV reading, axis ticks, histograms, the kept-replicate order, the map
// projection and corridor states, runs and where two runs part. No GPU needed.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>

#include "engine/model/scenario_loader.hpp"
#include "engine/replay/replay_file.hpp"
#include "tests/support/cli_process.hpp"
#include "viewer/data/axis.hpp"
#include "viewer/data/csv_table.hpp"
#include "viewer/data/ensemble_data.hpp"
#include "viewer/data/geo.hpp"
#include "viewer/data/run_data.hpp"

using namespace leverage;
using namespace leverage::viewer;

TEST_CASE("CsvTable reads quoted fields, doubled quotes and CRLF", "[viewer]") {
  const auto table = CsvTable::parse("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n,2.5,\n", "t.csv");
  REQUIRE(table.rows() == 2);
  CHECK(table.header() == std::vector<std::string>{"a", "b", "c"});
  CHECK(table.cell(0, 1) == "x, y");
  CHECK(table.cell(0, 2) == "say \"hi\"");
  CHECK(std::isnan(table.number(1, 0)));  // empty field: missing
  CHECK(table.number(1, 1) == 2.5);
  CHECK(table.column("c") == std::optional<std::size_t>(2));
  CHECK_FALSE(table.column("d").has_value());
  CHECK(table.is_numeric(0));        // "1" and an empty field
  CHECK_FALSE(table.is_numeric(1));  // "x, y"
}

TEST_CASE("CsvTable names the file and row of a malformed CSV", "[viewer]") {
  CHECK_THROWS_WITH(CsvTable::parse("a,b\n1,2,3\n", "bad.csv"), Catch::Contains("bad.csv: row 2 has 3 fields"));
  CHECK_THROWS_WITH(CsvTable::parse("a\n\"open\n", "q.csv"), Catch::Contains("never closed"));
  CHECK(std::isnan(parse_number("12abc")));
}

TEST_CASE("Axis ticks are 1, 2 or 5 times a power of ten", "[viewer]") {
  // 0..100 in about 5 steps: raw step 20 = 2 x 10 -> 0, 20, ..., 100.
  CHECK(nice_ticks(0, 100, 5) == std::vector<double>{0, 20, 40, 60, 80, 100});
  // 0..1393 in about 4 steps: raw 348.25 = 3.48 x 100 -> 5 x 100 -> 0, 500, 1000.
  CHECK(nice_ticks(0, 1393, 4) == std::vector<double>{0, 500, 1000});
  // -0.3..0.3 in 3: raw 0.2 = 2 x 0.1 -> -0.2, 0, 0.2.
  CHECK(nice_ticks(-0.3, 0.3, 3) == std::vector<double>{-0.2, 0, 0.2});
  CHECK(tick_label(25000, 5000) == "25k");
  CHECK(tick_label(0.25, 0.05) == "0.25");  // a step of 0.05 needs two decimals
  CHECK(tick_label(1500, 500) == "1500");
}

TEST_CASE("Axis ranges are padded and never empty", "[viewer]") {
  AxisRange r = empty_range();
  include(r, std::vector<double>{2, std::nan(""), 12});
  // Non-negative from zero: [0, 12 + 5% of 10] = [0, 12.5].
  const AxisRange zero = finish_range(r, true);
  CHECK(zero.low == 0);
  CHECK(zero.high == Approx(12.5));
  const AxisRange free = finish_range(r, false);  // [2 - 0.5, 12 + 0.5]
  CHECK(free.low == Approx(1.5));
  const AxisRange constant = finish_range(AxisRange{5, 5}, false);  // +-10% of 5
  CHECK(constant.low == Approx(4.5));
  CHECK(constant.high == Approx(5.5));
  CHECK(finish_range(empty_range(), true).high == 1);
}

TEST_CASE("Histogram bins equal widths and counts missing values", "[viewer]") {
  // 0..3 in 3 bins of width 1: 0 -> bin 0, 1 -> bin 1, 2 and 3 (the top edge) -> bin 2.
  const Histogram h = make_histogram({0, 1, 2, 3, std::nan("")}, 3);
  CHECK(h.counts == std::vector<std::uint64_t>{1, 1, 2});
  CHECK(h.missing == 1);
  CHECK(h.max_count() == 2);
  const Histogram flat = make_histogram({4, 4}, 5);  // a constant column: everything in one bin
  CHECK(flat.counts[0] == 2);
}

TEST_CASE("Kept replicates sort by an outcome, missing values last", "[viewer]") {
  EnsembleData e;
  e.outcomes = CsvTable::parse("replicate,gross_releases\n0,30\n1,\n2,10\n3,30\n", "o.csv");
  for (std::uint64_t r = 0; r < 4; ++r) e.kept.push_back({r, "x.lvr", static_cast<std::size_t>(r)});
  // Ascending: 10 (rep 2), 30 (rep 0), 30 (rep 3, tie by index), then the missing one (rep 1).
  CHECK(sort_kept(e, 1, false) == std::vector<std::size_t>{2, 0, 3, 1});
  CHECK(sort_kept(e, 1, true) == std::vector<std::size_t>{0, 3, 2, 1});
}

TEST_CASE("The map projection keeps Europe's proportions and compresses the east", "[viewer]") {
  const MapProjection projection;  // 2E..118E, 38.5N..58.5N
  // Unscaled x: (min(lon, 40) + max(lon - 40, 0) / 6) cos 52, so the width is (53 - 2) cos 52 =
  // 51 x 0.615661 = 31.399 and the height 20. In a 400 x 220 rectangle the scale is
  // min(400 / 31.399, 220 / 20) = 11 px per unit, and the map is centred: left margin
  // (400 - 51 cos52 x 11) / 2 = 27.31, top margin 0.
  const double cos52 = std::cos(52.0 * std::numbers::pi / 180.0);
  const double left = (400 - 51 * cos52 * 11) / 2;
  const MapRect rect{0, 0, 400, 220};
  const MapPoint at40 = projection.project({40, 49}, rect);
  CHECK(at40.x == Approx(left + (40 - 2) * cos52 * 11));
  CHECK(at40.y == Approx(104.5));  // (58.5 - 49) x 11
  // 82E is 42 degrees past 40E, compressed 6:1 to 7: x_of = 47 cos 52.
  const MapPoint at82 = projection.project({82, 58.5}, rect);
  CHECK(at82.x == Approx(left + (47 - 2) * cos52 * 11));
  CHECK(at82.y == Approx(0));
  // West to east: Brussels, Warsaw, Minsk, Moscow, Beijing.
  double previous = -1;
  for (const char* id : {"brussels", "warsaw", "minsk", "moscow", "beijing"}) {
    const double x = projection.project(capital_place(id)->at, rect).x;
    CHECK(x > previous);
    previous = x;
  }
  CHECK(capital_place("vilnius") == nullptr);
}

TEST_CASE("Corridor links take their state and flow from the week", "[viewer]") {
  WorldState s;
  s.transit_teu = 4000;
  s.bilateral_teu = 1000;
  s.crossing_teu[0] = 3600;
  CHECK(link_status(s, 0) == LinkStatus::normal);
  s.inspection_hours[0] = 24;
  CHECK(link_status(s, 0) == LinkStatus::inspected);
  s.closed[0] = true;
  CHECK(link_status(s, 0) == LinkStatus::closed);
  s.suspension = true;  // a suspension stops every EU crossing, closed or not
  CHECK(link_status(s, 0) == LinkStatus::suspended);
  CHECK(link_status(s, 1) == LinkStatus::suspended);
  CHECK(link_status(s, -1) == LinkStatus::normal);  // the trunk carries bilateral cargo
  CHECK(link_teu(s, -1) == 5000);
  CHECK(link_teu(s, 0) == 3600);
  // Width: 3 px empty; at a quarter of the full flow, 3 + (11 - 3) sqrt(1/4) = 7 px.
  CHECK(link_width(0, 5000, 11) == 3);
  CHECK(link_width(1250, 5000, 11) == Approx(7));
  CHECK(link_width(9000, 5000, 11) == 11);
}

TEST_CASE("Every crossing of the default scenario is on the map", "[viewer]") {
  const auto scenario = load_scenario(std::string(LEVERAGE_SOURCE_DIR) + "/scenarios/belarus_2024.json");
  const auto links = corridor_links(*scenario);
  for (std::size_t k = 0; k < scenario->transit.crossings.size(); ++k) {
    const bool drawn =
        std::any_of(links.begin(), links.end(), [&](const CorridorLink& l) { return l.crossing == int(k); });
    CHECK(drawn);
  }
  const bool malaszewicze = std::any_of(links.begin(), links.end(), [](const CorridorLink& l) {
    return l.label == "Brest - Malaszewicze" && l.crossing == 0;
  });
  CHECK(malaszewicze);
}

TEST_CASE("A run's series are its states' values, and a forced action is where two runs part", "[viewer]") {
  const auto scenario = load_scenario(std::string(LEVERAGE_SOURCE_DIR) + "/scenarios/belarus_2024.json");
  const ReplicateKey key{5, 0, 0};
  const RunData free_run = simulate_run("free", scenario, key, 10);
  REQUIRE(free_run.weeks() == 10);
  const auto* stock = free_run.series("prisoners_persons");
  REQUIRE(stock != nullptr);
  CHECK(stock->size() == 11);  // weeks 0..10
  CHECK((*stock)[0] == scenario->prisoners.initial_stock);
  CHECK((*stock)[7] == free_run.state(7).prisoners);
  CHECK(free_run.series("no_such_column") == nullptr);

  // Identical runs do not part.
  CHECK_FALSE(first_divergence(free_run, simulate_run("again", scenario, key, 10)).diverge);

  // Force Minsk (actor 0) to another menu item in week 4 only. Weeks 1-3 see the same states and
  // the same streams, so every actor chooses as in the free run; week 4 is the first difference.
  const std::size_t minsk = 0;
  const std::size_t free_choice = free_run.action(4, minsk);
  const std::size_t other_choice = free_choice == 0 ? 1 : 0;
  const ForcedActions forced = [&](int week, std::size_t actor) -> std::optional<std::size_t> {
    if (week == 4 && actor == minsk) return other_choice;
    return std::nullopt;
  };
  const RunData forced_run = simulate_run("forced", scenario, key, 10, &forced);
  const Divergence d = first_divergence(free_run, forced_run);
  CHECK(d.diverge);
  CHECK(d.week == 4);
  CHECK(d.actor == "minsk");
  CHECK(d.action_a == scenario->actors[minsk].menu[free_choice].id);
  CHECK(d.action_b == scenario->actors[minsk].menu[other_choice].id);
}

TEST_CASE("A replay file opens verified, and a damaged one is refused with the file's name", "[viewer]") {
  test::TempDir dir("viewer-replay");
  const auto scenario = load_scenario(std::string(LEVERAGE_SOURCE_DIR) + "/scenarios/belarus_2024.json");
  const ReplicateKey key{3, 0, 0};
  RunRecord record;
  const WorldState end = run_replicate(*scenario, key, 12, &record);
  const auto file = dir.path / "run.lvr";
  replay::write_replay(file, replay::make_replay(*scenario, key, 12, record, end));
  const RunData run = load_replay_run(file);
  CHECK(run.weeks() == 12);
  CHECK(run.state(12).prisoners == end.prisoners);
  CHECK(run.state(99).prisoners == end.prisoners);  // clamped to the last week

  std::string bytes = test::read_file(file);
  bytes[bytes.size() / 2] ^= 0x20;  // one flipped bit in the payload: the checksum fails
  test::write_file(dir.path / "bad.lvr", bytes);
  CHECK_THROWS_AS(load_replay_run(dir.path / "bad.lvr"), LoadError);
  CHECK_THROWS_WITH(load_replay_run(dir.path / "bad.lvr"), Catch::Contains("bad.lvr"));
}
