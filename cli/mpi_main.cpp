// `leverage-mpi sweep`: a sweep spread over MPI ranks (docs/SCALING.md). Built only with
// LEVERAGE_MPI, as its own executable, so `leverage` itself never links MPI.
//
// Rank 0 reads the experiment file and broadcasts its bytes; every rank parses the same bytes.
// Rank r of R runs exactly shard r+1 of R (the points with index % R == r), with OpenMP threads
// inside the rank, and writes its shard files atomically under DIR/.mpi/. After a barrier rank 0
// joins them with merge_shards (the code path of `leverage merge`) into DIR/points.csv and
// DIR/manifest.json: the bytes of a single-process `leverage sweep`, except the manifest's `run`.
// Errors are reported by rank 0 only; every rank exits with the same non-zero code.
#include <mpi.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <unistd.h>

#include "engine/config/json_reader.hpp"
#include "engine/sweep/sweep.hpp"
#include "engine/util/atomic_file.hpp"
#include "engine/util/progress.hpp"
#include "engine/version.hpp"

namespace {

struct Args {
  std::string experiment, out;
  int threads = 0;
  bool independent_points = false, quiet = false;
};

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
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
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

  const std::filesystem::path out =
      args.out.empty() ? std::filesystem::path("out") / (experiment.name + "-sweep") : std::filesystem::path(args.out);
  const std::filesystem::path shard_directory = out / ".mpi";
  leverage::SweepOptions options;
  options.threads = args.threads;
  options.independent_points = args.independent_points;
  options.shard = static_cast<std::uint64_t>(rank) + 1;
  options.shards = static_cast<std::uint64_t>(ranks);
  // With one rank the sweep still writes a shard (1 of 1) and merges: one code path for every R.
  options.out = shard_directory;
  std::uint64_t mine = 0;
  for (std::size_t i = 0; i < experiment.points.size(); ++i) mine += i % options.shards == options.shard - 1;
  leverage::Progress progress("sweep " + experiment.name + " (rank 0)", mine, args.quiet || rank != 0);
  options.progress = [&](std::uint64_t done, std::uint64_t) { progress.update(done); };
  leverage::SweepResult result;
  code = collective(rank, [&] {
    if (rank == 0) {
      std::filesystem::remove_all(shard_directory);
      leverage::ensure_directory(shard_directory);
    }
    MPI_Barrier(MPI_COMM_WORLD);
    result = leverage::run_sweep(experiment, options);
  });
  progress.finish();
  if (code != 0) return code;

  // Shard files are written atomically by each rank; the barrier inside collective() orders them
  // before the merge. Every rank's threads and host go into the manifest's `run`.
  int threads = result.threads;
  std::vector<int> all_threads(rank == 0 ? ranks : 0);
  MPI_Gather(&threads, 1, MPI_INT, all_threads.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
  code = collective(rank, [&] {
    if (rank != 0) return;
    // A 1-of-1 "shard" is named points.csv by run_sweep; merge_shards wants shard names.
    if (ranks == 1) {
      std::filesystem::rename(shard_directory / "points.csv", shard_directory / "points.shard-1-of-1.csv");
      std::filesystem::rename(shard_directory / "manifest.json", shard_directory / "manifest.shard-1-of-1.json");
    }
    const auto files = leverage::merge_shards({shard_directory}, out);
    const std::filesystem::path manifest_path = out / "manifest.json";
    nlohmann::ordered_json manifest = nlohmann::ordered_json::parse(leverage::read_experiment_file(manifest_path));
    const nlohmann::ordered_json run = manifest["run"];  // merge_shards' summary of the ranks' shards
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    manifest["run"] = {{"wall_seconds", wall},
                       {"rank_seconds_sum", run.value("wall_seconds", 0.0)},
                       {"ranks", ranks},
                       {"threads_per_rank", all_threads},
                       {"hosts", run.value("host", std::string())},
                       {"launcher_host", host_name()}};
    leverage::write_file_atomic(manifest_path, manifest.dump(2) + "\n");
    std::filesystem::remove_all(shard_directory);
    if (!args.quiet) {
      std::cout << "leverage-mpi sweep: " << experiment.name << ", " << experiment.points.size() << " points x "
                << experiment.replicates << " replicates, " << ranks << " ranks x " << threads << " threads, " << wall
                << " s\noutputs:";
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
  CLI::App* command = app.add_subcommand("sweep", "Run a sweep (docs/SWEEPS.md) with its points split over the ranks");
  command->add_option("experiment", args.experiment, "Experiment file (JSON), read by rank 0")->required();
  command->add_option("--threads,-t", args.threads, "OpenMP threads per rank (default: OMP_NUM_THREADS or the cores)")
      ->check(CLI::Range(1, 1024));
  command->add_option("--out", args.out, "Output directory (default: out/<experiment>-sweep); shared by all ranks");
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
