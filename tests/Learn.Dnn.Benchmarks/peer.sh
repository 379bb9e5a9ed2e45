# Sourced by compare-training.sh, compare-cnn.sh and compare-recurrent.sh: the options they share,
# PyTorch set up at its best, and the best-of-rounds bookkeeping.
# PyTorch at its best: 2 threads (torch.set_num_threads in peer_epoch.py), one OpenBLAS thread under
# them so they do not fight over the cores, and OpenBLAS on this processor's own kernel: this
# workplace sets OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE for old builds, which make it run an older,
# slower kernel, so both are unset for PyTorch's command alone (never in tests or CI), and the core
# name OpenBLAS runs is printed.
PYTHON=/usr/bin/python3
BENCHMARKS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SAMPLES=60000 ROUNDS=2

# parse_options "$@": --samples N (default 60,000, an MNIST epoch) and --rounds R (default 2).
parse_options() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --samples) SAMPLES=$2; shift 2 ;;
      --rounds) ROUNDS=$2; shift 2 ;;
      *) echo "unknown argument $1"; exit 2 ;;
    esac
  done
}

# require_torch NAME: stop with the install line when Debian's python3-torch is missing.
require_torch() {
  $PYTHON -c "import torch" 2>/dev/null || { echo "$1: needs Debian's python3-torch (apt-get install python3-torch libopenblas0-pthread)"; exit 1; }
}

build_ours() {
  dotnet build -c Release "$BENCHMARKS" -v quiet -nologo 2>&1 | grep -E " error |rror\(s\)" || true
}

# torch_run ARGS... < script.py: PyTorch at its best; the script prints "seconds,core" (peer_epoch.py).
torch_run() {
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE PYTHONPATH="$BENCHMARKS" \
    $PYTHON - "$@"
}

# keep_best KEY SECONDS: best[KEY] = the smaller of what it held and SECONDS.
declare -A best
keep_best() {
  local previous=${best[$1]:-999999}
  best[$1]=$(awk -v a="$2" -v b="$previous" 'BEGIN{print (a<b)?a:b}')
}

# machine_line: the CPU, the date and the load, printed above every table.
machine_line() {
  echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'); $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
