#!/usr/bin/env bash
# One MNIST-sized epoch (60,000 samples, random pixels and labels) of chapter 7's two seed CNNs:
# ours through Fit (cnn-epoch, CnnEpoch.cs) and PyTorch 1.13 on the same architecture (NCHW, the
# same optimizer and batch size), in the same run. Prints seconds per epoch and ours / PyTorch.
#   seed 001: Conv2D 4@5×5 relu → MaxPool 2 → Conv2D 16@5×5 relu → MaxPool 2 → Flatten → Dense 100 relu
#             → Dropout 0.4 → Dense 10 softmax; Adagrad 0.01; batch 100
#   seed 003: Conv2D 32@3×3 relu → MaxPool 2 → Conv2D 64@3×3 relu → MaxPool 2 → Conv2D 128@3×3 relu
#             → Flatten → Dense 10 softmax; RMSprop (Keras' defaults); batch 64
# PyTorch at its best: 2 threads, one OpenBLAS thread under them, and OpenBLAS on this processor's
# own kernel (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for its command alone; the core name it
# runs is printed).
# Usage: tests/Learn.Dnn.Benchmarks/compare-cnn.sh [--samples N] [--rounds R]   (a quick look: --samples 3200)
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
$PYTHON -c "import torch" 2>/dev/null || { echo "compare-cnn: needs Debian's python3-torch (apt-get install python3-torch libopenblas0-pthread)"; exit 1; }
dotnet build -c Release tests/Learn.Dnn.Benchmarks -v quiet -nologo 2>&1 | grep -E " error |rror\(s\)" || true
OURS="dotnet tests/Learn.Dnn.Benchmarks/bin/Release/net10.0/Learn.Dnn.Benchmarks.dll cnn-epoch"

torch_epoch() {   # net -> seconds,core
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE \
    $PYTHON - "$1" "$SAMPLES" <<'PY'
import ctypes, sys, time
import torch
from torch import nn
net, samples = sys.argv[1], int(sys.argv[2])
torch.set_num_threads(2)
torch.manual_seed(7)
x = torch.rand(samples, 1, 28, 28)
y = torch.randint(0, 10, (samples,))
if net == "001":
    batch = 100
    model = nn.Sequential(nn.Conv2d(1, 4, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(4, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(256, 100), nn.ReLU(), nn.Dropout(0.4), nn.Linear(100, 10))
    opt = torch.optim.Adagrad(model.parameters(), lr=0.01, initial_accumulator_value=0.1, eps=1e-7)
else:
    batch = 64
    model = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(64, 128, 3), nn.ReLU(), nn.Flatten(), nn.Linear(1152, 10))
    opt = torch.optim.RMSprop(model.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)
loss_fn = nn.CrossEntropyLoss()           # log-softmax + NLL fused: the softmax layer of ours
model.train()
def epoch(n):
    order = torch.randperm(n)
    for start in range(0, n, batch):
        rows = order[start:start + batch]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x[rows]), y[rows])
        loss.backward()
        opt.step()
        loss.item()                       # as Fit reads the loss every step
epoch(min(samples, 30 * batch))           # warm-up, as ours
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
  for net in 001 003; do
    line=$($OURS $net --samples "$SAMPLES")
    s=$(echo "$line" | cut -d, -f4); best["alloc,$net"]=$(echo "$line" | cut -d, -f5)
    prev=${best[ours,$net]:-999999}; best[ours,$net]=$(awk -v a="$s" -v b="$prev" 'BEGIN{print (a<b)?a:b}')
    out=$(torch_epoch $net); s=${out%%,*}; core=${out#*,}
    prev=${best[torch,$net]:-999999}; best[torch,$net]=$(awk -v a="$s" -v b="$prev" 'BEGIN{print (a<b)?a:b}')
  done
  echo "round $round of $ROUNDS done" >&2
done

echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'); $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "PyTorch $($PYTHON -c 'import torch; print(torch.__version__)'), OpenBLAS core: $core; $SAMPLES samples; best of $ROUNDS rounds"
echo
echo "| net | batch | ours, Fit (s) | PyTorch (s) | ours / PyTorch | managed bytes per step (ours) |"
echo "|---|---:|---:|---:|---:|---:|"
for net in 001 003; do
  batch=$([ $net = 001 ] && echo 100 || echo 64)
  awk -v n=$net -v b=$batch -v o=${best[ours,$net]} -v t=${best[torch,$net]} -v a=${best[alloc,$net]} \
    'BEGIN{printf "| seed %s | %d | %.2f | %.2f | %.2f | %d |\n", n, b, o, t, o/t, a}'
done
