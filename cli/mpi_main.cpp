// `leverage-mpi sweep`: a sweep spread over MPI ranks (docs/SCALING.md). Built only with
// LEVERAGE_MPI, as its own executable, so `leverage` itself never links MPI.
//
// Rank 0 reads the experiment file and broadcasts its bytes; every rank parses the same bytes.
// Rank 0 opens the partial area DIR/.partial/all of `leverage sweep` (PartialSweep: a new one, or
// with --resume the one left by a killed run of either tool) and broadcasts the points still to
// run. The ranks take work units of them dynamically (cli/mpi_schedule.hpp), with OpenMP threads
// inside each rank; rank 0 receives the rows, writes the blocks, and at the end joins them into
// DIR/points.csv and DIR/manifest.json: the bytes of `leverage sweep`, except the manifest's `run`.
// Only rank 0 writes. Errors are reported by rank 0 only; every rank exits with the same code.
#include <mpi.h>

#include <omp.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unistd.h>

#include "cli/mpi_schedule.hpp"
#include "engine/config/json_reader.hpp"
#include "engine/sweep/sweep.hpp"
#include "engine/util/atomic_file.hpp"
#include "engine/util/progress.hpp"
#include "engine/version.hpp"

namespace {

struct Args {
  std::string experiment, out;
  int threads = 0;
  bool resume = false, independent_points = false, quiet = false;
};

constexpr std::size_t kHostBytes = 256;

// Runs `body` on every rank; returns the largest exit code any rank returned (0: all succeeded).
// A failing rank keeps its message; rank 0 prints its own, or says another rank failed.
template <typename F>
int collective(int rank, F&& body) {
  int code = 0;
  std::string message;
  try {
    body();
  } catch (const leverage::config::ConfigError& e) {
    code = 2, message = e.what();
  } catch (const leverage::IoError& e) {
    code = 1, message = std::string("leverage-mpi: ") + e.what();
  } catch (const std::exception& e) {
    code = 3, message = std::string("leverage-mpi: internal error: ") + e.what();
  }
  int worst = 0;
  MPI_Allreduce(&code, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  if (worst != 0 && rank == 0)
    std::cerr << (code != 0 ? message : std::string("leverage-mpi: failed on another rank")) << "\n";
  return worst;
}

std::string host_name() {
  char name[kHostBytes] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
}

// Broadcasts rank 0's vector to every rank.
void broadcast(std::vector<std::uint64_t>& values) {
  unsigned long long size = values.size();
  MPI_Bcast(&size, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
  values.resize(size);
  for (std::size_t at = 0; at < size;) {  // in pieces: an MPI count is an int
    const int piece = static_cast<int>(std::min<std::size_t>(size - at, 1u << 28));
    MPI_Bcast(values.data() + at, piece, MPI_UINT64_T, 0, MPI_COMM_WORLD);
    at += static_cast<std::size_t>(piece);
  }
}

int sweep(const Args& args, int rank, int ranks) {
  const auto start = std::chrono::steady_clock::now();
  // Rank 0 reads; the others receive the same bytes (no rank but 0 needs the file itself).
  std::string text;
  int code = collective(rank, [&] {
    if (rank == 0) text = leverage::read_experiment_file(args.experiment);
  });
  if (code != 0) return code;
  unsigned long long size = text.size();
  MPI_Bcast(&size, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
  text.resize(size);
  if (size > 0) MPI_Bcast(text.data(), static_cast<int>(size), MPI_CHAR, 0, MPI_COMM_WORLD);

  leverage::Experiment experiment;
  code = collective(rank, [&] { experiment = leverage::load_experiment(args.experiment, text); });
  if (code != 0) return code;

  leverage::SweepOptions options;
  options.out =
      args.out.empty() ? std::filesystem::path("out") / (experiment.name + "-sweep") : std::filesystem::path(args.out);
  options.resume = args.resume;
  options.independent_points = args.independent_points;
  const int threads = args.threads > 0 ? args.threads : omp_get_max_threads();
  // Rank 0 opens the partial area and lists the points of the blocks not yet on disk.
  std::optional<leverage::PartialSweep> partial;
  std::vector<std::uint64_t> todo;
  std::uint64_t blocks_resumed = 0;
  code = collective(rank, [&] {
    if (rank != 0) return;
    partial.emplace(experiment, options);
    for (std::uint64_t b = 0; b < partial->blocks(); ++b) {
      if (partial->done(b)) {
        ++blocks_resumed;
        continue;
      }
      for (const std::size_t point : partial->block(b)) todo.push_back(point);
    }
  });
  if (code != 0) return code;
  broadcast(todo);
  const std::vector<std::size_t> points(todo.begin(), todo.end());
  const auto units = leverage::work_units(points.size(), experiment.replicates, static_cast<std::size_t>(ranks),
                                          experiment.block_points);

  const std::uint64_t resumed_points = experiment.points.size() - points.size();
  leverage::Progress progress("sweep " + experiment.name, experiment.points.size(), args.quiet || rank != 0);
  progress.update(resumed_points);
  const std::function<void(std::uint64_t)> arrived = [&](std::uint64_t n) { progress.update(resumed_points + n); };
  leverage::mpi::RankWork work;
  code = collective(rank, [&] {
    work = leverage::mpi::run_dynamic(experiment, points, units, threads, args.independent_points,
                                      partial ? &*partial : nullptr, arrived);
  });
  progress.finish();
  if (code != 0) return code;

  // What every rank did, for the manifest's `run`: threads, host, units, points, parts, replicates,
  // busy seconds (counts as doubles: exact below 2^53).
  constexpr int kFigures = 6;
  const double mine[kFigures] = {static_cast<double>(threads),    static_cast<double>(work.units),
                                 static_cast<double>(work.points), static_cast<double>(work.parts),
                                 static_cast<double>(work.replicates), work.busy_seconds};
  std::vector<double> all(rank == 0 ? kFigures * ranks : 0);
  MPI_Gather(mine, kFigures, MPI_DOUBLE, all.data(), kFigures, MPI_DOUBLE, 0, MPI_COMM_WORLD);
  char host[kHostBytes] = {};
  std::snprintf(host, sizeof host, "%s", host_name().c_str());
  std::vector<char> hosts(rank == 0 ? kHostBytes * ranks : 0);
  MPI_Gather(host, kHostBytes, MPI_CHAR, hosts.data(), kHostBytes, MPI_CHAR, 0, MPI_COMM_WORLD);
  code = collective(rank, [&] {
    if (rank != 0) return;
    nlohmann::ordered_json per_rank = nlohmann::ordered_json::array();
    nlohmann::ordered_json threads_per_rank = nlohmann::ordered_json::array();
    std::string host_list;
    double busy_sum = 0;
    for (int r = 0; r < ranks; ++r) {
      const double* w = &all[kFigures * static_cast<std::size_t>(r)];
      const std::string name(&hosts[kHostBytes * static_cast<std::size_t>(r)]);
      per_rank.push_back({{"rank", r},
                          {"host", name},
                          {"threads", static_cast<int>(w[0])},
                          {"units", static_cast<std::uint64_t>(w[1])},
                          {"points", static_cast<std::uint64_t>(w[2])},
                          {"point_parts", static_cast<std::uint64_t>(w[3])},
                          {"replicates", static_cast<std::uint64_t>(w[4])},
                          {"busy_seconds", w[5]}});
      threads_per_rank.push_back(static_cast<int>(w[0]));
      host_list.append(r == 0 ? "" : ",").append(name);
      busy_sum += w[5];
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto files = partial->finish({{"wall_seconds", wall},
                                        {"rank_seconds_sum", busy_sum},
                                        {"ranks", ranks},
                                        {"threads_per_rank", threads_per_rank},
                                        {"hosts", host_list},
                                        {"launcher_host", host_name()},
                                        {"balancing", "dynamic"},
                                        {"units", units.size()},
                                        {"blocks_resumed", blocks_resumed},
                                        {"per_rank", per_rank}});
    if (!args.quiet) {
      std::cout << "leverage-mpi sweep: " << experiment.name << ", " << experiment.points.size() << " points x "
                << experiment.replicates << " replicates, " << ranks << " ranks x " << threads << " threads, " << wall
                << " s\n";
    }
    // Printed even when quiet, like leverage sweep: the resume test reads it.
    if (args.resume)
      std::cout << "resumed: " << blocks_resumed << " of " << partial->blocks() << " blocks already done\n";
    if (!args.quiet) {
      std::cout << "outputs:";
      for (const auto& file : files) std::cout << " " << file.string();
      std::cout << "\n";
    }
  });
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);

  CLI::App app{"leverage-mpi: parameter sweeps spread over MPI ranks (docs/SCALING.md)"};
  app.set_version_flag("--version", std::string(leverage::kVersion) + " (" + leverage::kGitCommit + ")");
  app.require_subcommand(1);
  Args args;
  CLI::App* command = app.add_subcommand("sweep", "Run a sweep (docs/SWEEPS.md) with its points shared out over the ranks as they free up");
  command->add_option("experiment", args.experiment, "Experiment file (JSON), read by rank 0")->required();
  command->add_option("--threads,-t", args.threads, "OpenMP threads per rank (default: OMP_NUM_THREADS or the cores)")
      ->check(CLI::Range(1, 1024));
  command->add_option("--out", args.out, "Output directory (default: out/<experiment>-sweep), written by rank 0");
  command->add_flag("--resume", args.resume,
                    "Continue an interrupted run (of leverage-mpi or leverage sweep) from the blocks under DIR/.partial/");
  command->add_flag("--independent-points", args.independent_points,
                    "Independent random streams per point (default: common random numbers)");
  command->add_flag("--quiet,-q", args.quiet, "No progress and no summary");
  int code = 0;
  try {
    app.parse(argc, argv);  // the same argv on every rank: the same outcome
    code = sweep(args, rank, ranks);
  } catch (const CLI::ParseError& e) {
    // Only rank 0 prints usage or errors; every rank exits alike.
    if (rank == 0) {
      code = app.exit(e) == 0 ? 0 : 2;
    } else {
      code = e.get_exit_code() == 0 ? 0 : 2;
    }
  }
  MPI_Finalize();
  return code;
}
