# Sourced by the leverage-mpi test scripts: their arguments, a scratch directory removed on exit,
# and the environment for mpirun here. Containers run tests as root; one thread per rank keeps 3
# ranks polite on 2 cores; shared memory and self transports only (no network probing).
# Arguments: LEVERAGE LEVERAGE_MPI MPIEXEC SOURCE_DIR
set -euo pipefail
leverage=$1 leverage_mpi=$2 mpiexec=$3 source_dir=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_NUM_THREADS=1
export OMPI_MCA_btl=self,vader OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_hwloc_base_binding_policy=none
mpi=("$mpiexec" --allow-run-as-root --oversubscribe --bind-to none)
