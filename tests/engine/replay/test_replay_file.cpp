// Replay files (engine/replay/replay_file.hpp): round trips, detection of a tampered log and of an
// edited scenario, and the bounded field wrappers (engine/replay/archive_fields.hpp).
#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <sstream>

#include "engine/model/scenario_loader.hpp"
#include "engine/replay/archive_fields.hpp"
#include "engine/replay/replay_file.hpp"
#include "tests/engine/replay/replay_test_support.hpp"
#include "tests/support/lab.hpp"

using namespace leverage;
using namespace leverage::replay;

TEST_CASE("a recorded run of the default scenario round-trips and verifies") {
  const auto scenario = load_scenario(test::source_path("scenarios/belarus_2024.json"));
  const test::RecordedRun run = test::record_run(*scenario, ReplicateKey{7, 0, 0}, scenario->weeks);
  const ReplayData back = decode_replay(encode_replay(run.replay, "belarus.lvr"), "belarus.lvr");

  // The file holds exactly what the run did: one entry per week (52), one action per actor (5),
  // equal to the RunRecord's actions, and the state's outcome numbers bit for bit (a text archive
  // writes doubles with 17 significant digits, enough to round-trip any double).
  REQUIRE(back.weeks == scenario->weeks);
  REQUIRE(back.log.size() == static_cast<std::size_t>(scenario->weeks));
  for (std::size_t w = 0; w < back.log.size(); ++w) {
    CHECK(back.log[w].week == static_cast<int>(w + 1));
    REQUIRE(back.log[w].actions.size() == scenario->actors.size());
    for (std::size_t i = 0; i < scenario->actors.size(); ++i) CHECK(back.log[w].actions[i] == run.record.actions[w].action[i]);
  }
  CHECK(back.master_seed == 7);
  CHECK(back.config_hash == scenario->config_hash);
  CHECK(back.scenario_json == scenario->effective.dump());
  CHECK(back.outcome.final_stock == run.final_state.prisoners);
  CHECK(back.outcome.gross_releases == run.final_state.gross_releases);
  CHECK(back.outcome.transit_lost_teu == run.final_state.transit_lost_total);
  for (std::size_t i = 0; i < scenario->actors.size(); ++i)
    CHECK(back.outcome.discounted_payoffs[i] == run.final_state.actors[i].payoff);

  const Verified verified = verify_replay(back, "belarus.lvr");
  CHECK(verified.final_state.prisoners == run.final_state.prisoners);
  CHECK(verified.final_state.actors[0].payoff == run.final_state.actors[0].payoff);
}

TEST_CASE("a recorded run of the lab scenario round-trips: scripted holds log the hold index") {
  const auto lab = test::lab();
  const test::RecordedRun run = test::record_run(*lab, ReplicateKey{3, 1, 4}, lab->weeks);
  const ReplayData back = decode_replay(encode_replay(run.replay, "lab.lvr"), "lab.lvr");
  // The lab's actors play the scripted rule without trembles, which holds every week
  // (tests/support/lab.hpp), so the whole log is each actor's hold index; with every actor holding
  // nothing is demanded, so no ultimatum is issued.
  REQUIRE(back.log.size() == 20);
  for (const WeekActions& entry : back.log)
    for (std::size_t i = 0; i < lab->actors.size(); ++i) CHECK(entry.actions[i] == hold_index(lab->actors[i]));
  CHECK(back.outcome.ultimatums.empty());
  CHECK((back.point == 1 && back.replicate == 4));
  CHECK_NOTHROW(verify_replay(back, "lab.lvr"));
}

TEST_CASE("a tampered action log is detected at the week and actor where it was changed") {
  const auto scenario = load_scenario(test::source_path("scenarios/belarus_2024.json"));
  const test::RecordedRun run = test::record_run(*scenario, ReplicateKey{1, 0, 0}, scenario->weeks);
  const std::size_t minsk = static_cast<std::size_t>(scenario->actor_index("minsk"));
  const std::size_t n = scenario->actors.size();
  // Week 10: swap Minsk's action for another feasible one. Weeks 1-9 are untouched, so both
  // re-simulations reach week 10 in the recorded state, where Minsk's rule, drawing from the same
  // stream, chooses the recorded action again: the runs part at (10, minsk). Actors before Minsk in
  // scenario order are unchanged in week 10 and agree.
  const int week = 10;
  const DecisionRecord& decision = run.record.decisions[static_cast<std::size_t>(week - 1) * n + minsk];
  const std::uint32_t logged = run.replay.log[week - 1].actions[minsk];
  std::uint32_t other = logged;
  for (std::uint32_t k = 0; k < decision.menu_size; ++k)
    if (k != logged && (decision.feasible >> k & 1u)) other = k;
  REQUIRE(other != logged);  // the default scenario's Minsk always has hold and another action open
  ReplayData tampered = run.replay;
  tampered.log[week - 1].actions[minsk] = other;
  // Re-encoding recomputes the checksum, so the file is well formed: only re-simulation catches it.
  const ReplayData back = decode_replay(encode_replay(tampered, "t.lvr"), "t.lvr");
  try {
    verify_replay(back, "t.lvr");
    FAIL("the tampered log was accepted");
  } catch (const ReplayError& e) {
    INFO(e.what());
    CHECK(e.week == week);
    CHECK(e.actor == "minsk");
    CHECK(std::string(e.what()).find("week 10, minsk") != std::string::npos);
  }

  // An action index past the menu is refused before any simulation, naming the week and actor.
  ReplayData off_menu = run.replay;
  off_menu.log[2].actions[minsk] = static_cast<std::uint32_t>(scenario->actors[minsk].menu.size());
  try {
    load_replay_scenario(decode_replay(encode_replay(off_menu, "m.lvr"), "m.lvr"), "m.lvr");
    FAIL("an action off the menu was accepted");
  } catch (const ReplayError& e) {
    CHECK(e.week == 3);
    CHECK(e.actor == "minsk");
  }
}

TEST_CASE("a replay whose embedded scenario was edited is refused or reported") {
  const auto lab = test::lab();
  const test::RecordedRun run = test::record_run(*lab, ReplicateKey{1, 0, 0}, lab->weeks);
  auto document = nlohmann::json::parse(run.replay.scenario_json);
  document["prisoners"]["initial_stock"] = document["prisoners"]["initial_stock"].get<double>() + 100;
  ReplayData edited = run.replay;
  edited.scenario_json = document.dump();

  // Edited, hash left as recorded: the embedded text no longer hashes to the recorded hash.
  const ReplayData back = decode_replay(encode_replay(edited, "e.lvr"), "e.lvr");
  try {
    verify_replay(back, "e.lvr");
    FAIL("an edited scenario was accepted");
  } catch (const ReplayError& e) {
    CHECK(std::string(e.what()).find("the scenario was edited") != std::string::npos);
  }

  // Edited with the hash updated too: the file is consistent and everyone still holds (scripted),
  // but the run starts from 1100 prisoners instead of 1000; with 10 arrests a week and completions
  // at 1% of the stock a week (tests/support/lab.cpp) the final stock cannot be the recorded one,
  // so the re-simulation reports an outcome difference.
  edited.config_hash = load_scenario_document(document, "x")->config_hash;
  const ReplayData rehashed = decode_replay(encode_replay(edited, "h.lvr"), "h.lvr");
  try {
    verify_replay(rehashed, "h.lvr");
    FAIL("an edited scenario with a matching hash verified against the old outcome");
  } catch (const ReplayError& e) {
    CHECK(std::string(e.what()).find("outcome differs") != std::string::npos);
  }

  // An embedded scenario that is not valid is named "FILE#scenario".
  edited.scenario_json = "{\"schema_version\": 1";
  try {
    verify_replay(decode_replay(encode_replay(edited, "s.lvr"), "s.lvr"), "s.lvr");
    FAIL("a broken scenario was accepted");
  } catch (const ReplayError& e) {
    CHECK(std::string(e.what()).find("s.lvr#scenario") != std::string::npos);
  }
}

TEST_CASE("non-finite numbers are refused when writing") {
  const auto lab = test::lab();
  test::RecordedRun run = test::record_run(*lab, ReplicateKey{1, 0, 0}, 3);
  run.replay.outcome.discounted_payoffs[1] = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(encode_replay(run.replay, "n.lvr"), ReplayError);
  run.replay.outcome.discounted_payoffs[1] = 0;
  run.replay.outcome.final_stock = std::numeric_limits<double>::infinity();
  CHECK_THROWS_AS(encode_replay(run.replay, "n.lvr"), ReplayError);
}

TEST_CASE("the header: magic, format version, length and checksum are checked") {
  const auto lab = test::lab();
  const test::RecordedRun run = test::record_run(*lab, ReplicateKey{1, 0, 0}, 4);
  const std::string bytes = encode_replay(run.replay, "f.lvr");
  const auto message = [](const std::string& text) {
    try {
      decode_replay(text, "f.lvr");
    } catch (const ReplayError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(message("") == "f.lvr: truncated: the file ends inside the magic bytes");
  CHECK(message("{\"weeks\": 3}") == "f.lvr: not a replay file (it does not start with the magic bytes \"LVRPLAY\")");
  std::string future = bytes;
  future.replace(future.find("format 1"), 8, "format 2");
  CHECK(message(future) == "f.lvr: format version 2 is not supported (this build reads 1)");
  // Dropping the last byte: the header announces one byte more than the file has.
  const std::string truncated = bytes.substr(0, bytes.size() - 1);
  CHECK(message(truncated).find("f.lvr: truncated: the header announces") == 0);
  std::string flipped = bytes;
  flipped[flipped.size() - 3] ^= 0x01;
  CHECK(message(flipped) == "f.lvr: checksum mismatch: the payload is corrupted");
  CHECK(message(bytes) == "accepted");
}

namespace {

// An allocator that records the largest request, to watch what load_sequence reserves.
std::size_t largest_request = 0;
template <class T>
struct WatchingAllocator {
  using value_type = T;
  WatchingAllocator() = default;
  template <class U>
  WatchingAllocator(const WatchingAllocator<U>&) {}
  T* allocate(std::size_t count) {
    largest_request = std::max(largest_request, count);
    return std::allocator<T>().allocate(count);
  }
  void deallocate(T* p, std::size_t count) { std::allocator<T>().deallocate(p, count); }
  bool operator==(const WatchingAllocator&) const { return true; }
  bool operator!=(const WatchingAllocator&) const { return false; }
};

std::string archive_of_count(std::uint64_t count, int elements) {
  std::ostringstream out;
  {
    boost::archive::text_oarchive archive(out, boost::archive::no_header);
    archive << count;
    for (int k = 0; k < elements; ++k) {
      const std::uint32_t value = static_cast<std::uint32_t>(k);
      archive << value;
    }
  }
  return out.str();
}

}  // namespace

TEST_CASE("the sequence wrapper checks the count against its cap before reserving") {
  using Watched = std::vector<std::uint32_t, WatchingAllocator<std::uint32_t>>;
  const std::size_t cap = 8;
  for (const std::uint64_t count : {std::uint64_t{9}, std::uint64_t{99999999999}, ~std::uint64_t{0}}) {
    largest_request = 0;
    std::istringstream in(archive_of_count(count, 3));
    boost::archive::text_iarchive archive(in, boost::archive::no_header);
    Watched values;
    CHECK_THROWS_AS(load_sequence(archive, values, cap, "values"), ArchiveFieldError);
    CHECK(largest_request == 0);  // nothing was reserved for a count over the cap
  }
  // A count within the cap reserves exactly that many elements, never more than the cap.
  largest_request = 0;
  std::istringstream in(archive_of_count(3, 3));
  boost::archive::text_iarchive archive(in, boost::archive::no_header);
  Watched values;
  load_sequence(archive, values, cap, "values");
  CHECK(values.size() == 3);
  CHECK(values[2] == 2);
  CHECK(largest_request == 3);

  // The text wrapper does the same for a byte count.
  std::istringstream text_in(archive_of_count(99999999999, 0));
  boost::archive::text_iarchive text_archive(text_in, boost::archive::no_header);
  std::string text;
  CHECK_THROWS_AS(load_text(text_archive, text, 64, "text"), ArchiveFieldError);
  CHECK(text.capacity() < 64);
}
