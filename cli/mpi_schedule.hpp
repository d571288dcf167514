#pragma once
#include <mpi.h>

#include <cstdint>
#include <functional>
#include <vector>

#include "engine/sweep/sweep.hpp"

// Dynamic load balancing for `leverage-mpi sweep` (docs/SCALING.md). The points still to run are cut
// into work units (work_units: runs of whole points, large first and none larger than
// block_points, then the last points split into a part per rank by replicates). Every rank, rank 0
// included, takes the next unit from a counter in an MPI window on rank 0 (MPI_Fetch_and_op under
// MPI_Win_lock_all, passive target: taking work needs nothing from rank 0, which computes like the
// others), runs it with OpenMP threads, and sends the result to rank 0 (MPI_Isend: a rank never
// waits for rank 0 to receive): rows of points.csv for whole points, replicate rows for a part.
// Rank 0 receives between its own units, makes a point's row once all its parts are in, and writes
// every block of the partial area (PartialSweep) as soon as all its points are there, so a killed
// job keeps every complete block and `--resume` (of leverage-mpi or of leverage sweep) goes on.
namespace leverage::mpi {

// A 64-bit counter in an MPI window on rank 0 of `comm`, starting at 0. Construction and
// destruction are collective.
class SharedCounter {
 public:
  explicit SharedCounter(MPI_Comm comm);
  ~SharedCounter();
  SharedCounter(const SharedCounter&) = delete;
  SharedCounter& operator=(const SharedCounter&) = delete;
  std::uint64_t take();               // atomically: returns the value and adds 1
  void exhaust(std::uint64_t end);    // sets it to `end`: every later take() returns at least `end`

 private:
  MPI_Win window_ = MPI_WIN_NULL;
  std::int64_t* value_ = nullptr;
};

// What one rank did: the manifest's run.per_rank.
struct RankWork {
  std::uint64_t units = 0, points = 0, parts = 0;  // points run whole, parts of points
  std::uint64_t replicates = 0;                    // in both
  double busy_seconds = 0;                         // computing its units
};

// Runs the points `todo` (in point order; the same on every rank) over the ranks of MPI_COMM_WORLD
// in the work units `units` (work_units over todo, the same on every rank). Rank 0 passes the
// partial area it opened, the others nullptr; on rank 0 `arrived` is called with the number of
// todo points whose rows are in. Collective. Every rank returns only after all ranks have stopped
// taking units and rank 0 holds every message sent; an exception on any rank (rethrown on that
// rank) makes the others stop after their current unit.
RankWork run_dynamic(const Experiment& experiment, const std::vector<std::size_t>& todo,
                     const std::vector<WorkUnit>& units, int threads, bool independent_points,
                     const PartialSweep* partial, const std::function<void(std::uint64_t)>& arrived);

}  // namespace leverage::mpi
