#!/usr/bin/env bash
# One MNIST-sized epoch (60,000 samples, random pixels and labels) of the MLP 784-300-100-10, with
# SGD and with Adam, at batch 64 and 128: ours through Fit and through a hand-written loop, and
# PyTorch 1.13 on the same work, in the same run. Prints seconds per epoch and ours / PyTorch.
# PyTorch at its best: 2 threads, one OpenBLAS thread under them, and OpenBLAS on this processor's
# own kernel (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for its command alone; the core name it
# runs is printed).
# Usage: tests/Learn.Dnn.Benchmarks/compare-training.sh [--samples N] [--rounds R]
set -euo pipefail
cd "$(dirname "$0")/../.."
SAMPLES=60000 ROUNDS=2
while [ $# -gt 0 ]; do
  case "$1" in
    --samples) SAMPLES=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    *) echo "unknown argument $1"; exit 2 ;;
  esac
done
PYTHON=/usr/bin/python3
$PYTHON -c "import torch" 2>/dev/null || { echo "compare-training: needs Debian's python3-torch (apt-get install python3-torch libopenblas0-pthread)"; exit 1; }
dotnet build -c Release tests/Learn.Dnn.Benchmarks -v quiet -nologo 2>&1 | grep -E " error |rror\(s\)" || true
OURS="dotnet tests/Learn.Dnn.Benchmarks/bin/Release/net10.0/Learn.Dnn.Benchmarks.dll train-epoch"

torch_epoch() {   # optimizer batch -> seconds
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE \
    $PYTHON - "$1" "$2" "$SAMPLES" <<'PY'
import ctypes, sys, time
import torch
optimizer_name, batch, samples = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
torch.set_num_threads(2)
torch.manual_seed(7)
x = torch.rand(samples, 784)
y = torch.randint(0, 10, (samples,))
model = torch.nn.Sequential(torch.nn.Linear(784, 300), torch.nn.ReLU(), torch.nn.Linear(300, 100), torch.nn.ReLU(), torch.nn.Linear(100, 10))
opt = torch.optim.SGD(model.parameters(), lr=0.01) if optimizer_name == "sgd" else torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
loss_fn = torch.nn.CrossEntropyLoss()
def epoch(n):
    order = torch.randperm(n)
    for start in range(0, n, batch):
        rows = order[start:start + batch]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x[rows]), y[rows])
        loss.backward()
        opt.step()
        loss.item()                       # as Fit reads the loss every step
epoch(min(samples, 20 * batch))           # warm-up, as ours
t = time.perf_counter(); epoch(samples); seconds = time.perf_counter() - t
core = "?"
for line in open("/proc/self/maps"):
    if "openblas" in line.lower() and "/" in line:
        lib = ctypes.CDLL(line.split()[-1]); lib.openblas_get_corename.restype = ctypes.c_char_p
        core = lib.openblas_get_corename().decode(); break
print(f"{seconds:.3f},{core}")
PY
}

declare -A best
core="?"
for round in $(seq "$ROUNDS"); do
  for opt in sgd adam; do
    for batch in 64 128; do
      for way in fit loop; do
        line=$($OURS $way $opt $batch --samples "$SAMPLES")
        s=$(echo "$line" | cut -d, -f5); a=$(echo "$line" | cut -d, -f6)
        key="$way,$opt,$batch"; prev=${best[$key]:-999999}
        best[$key]=$(awk -v a="$s" -v b="$prev" 'BEGIN{print (a<b)?a:b}'); best["alloc,$key"]=$a
      done
      out=$(torch_epoch $opt $batch); s=${out%%,*}; core=${out#*,}
      key="torch,$opt,$batch"; prev=${best[$key]:-999999}
      best[$key]=$(awk -v a="$s" -v b="$prev" 'BEGIN{print (a<b)?a:b}')
    done
  done
  echo "round $round of $ROUNDS done" >&2
done

echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'); $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "PyTorch $($PYTHON -c 'import torch; print(torch.__version__)'), OpenBLAS core: $core; $SAMPLES samples; best of $ROUNDS rounds"
echo
echo "| optimizer | batch | ours, Fit (s) | ours, loop (s) | PyTorch (s) | Fit / PyTorch | loop / PyTorch | managed bytes per step (Fit) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for opt in sgd adam; do
  for batch in 64 128; do
    f=${best[fit,$opt,$batch]}; l=${best[loop,$opt,$batch]}; t=${best[torch,$opt,$batch]}
    awk -v o=$opt -v b=$batch -v f=$f -v l=$l -v t=$t -v a=${best[alloc,fit,$opt,$batch]} \
      'BEGIN{printf "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %d |\n", o, b, f, l, t, f/t, l/t, a}'
  done
done
