#!/usr/bin/env bash
# One MNIST-rows epoch (60,000 samples of 28 time steps of 28 random pixels, random labels) of
# LSTM(128) → Dense(10) and GRU(128) → Dense(10), Adam, batch 128: ours through Fit (train-epoch
# --model lstm|gru, the fused sequence on the fast CPU device) and PyTorch 1.13's nn.LSTM / nn.GRU
# (batch_first) + Linear on the same work, in the same run. Prints seconds per epoch and ours / PyTorch.
# PyTorch at its best, as compare-training.sh: 2 threads, one OpenBLAS thread under them, and OpenBLAS
# on this processor's own kernel (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for its command alone;
# the core name it runs is printed).
# Usage: tests/Learn.Dnn.Benchmarks/compare-recurrent.sh [--samples N] [--rounds R]   (--samples 6400: a quick run)
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
$PYTHON -c "import torch" 2>/dev/null || { echo "compare-recurrent: needs Debian's python3-torch (apt-get install python3-torch libopenblas0-pthread)"; exit 1; }
dotnet build -c Release tests/Learn.Dnn.Benchmarks -v quiet -nologo 2>&1 | grep -E " error |rror\(s\)" || true
OURS="dotnet tests/Learn.Dnn.Benchmarks/bin/Release/net10.0/Learn.Dnn.Benchmarks.dll train-epoch fit adam 128"

torch_epoch() {   # lstm|gru -> seconds,core
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE \
    $PYTHON - "$1" 128 "$SAMPLES" <<'PY'
import ctypes, sys, time
import torch
cell, batch, samples = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
torch.set_num_threads(2)
torch.manual_seed(7)
x = torch.rand(samples, 28, 28)
y = torch.randint(0, 10, (samples,))
class RowReader(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = (torch.nn.LSTM if cell == "lstm" else torch.nn.GRU)(28, 128, batch_first=True)
        self.dense = torch.nn.Linear(128, 10)
    def forward(self, x):
        out, _ = self.rnn(x)
        return self.dense(out[:, -1])     # the last step's h, as Keras' return_sequences=False
model = RowReader()
opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
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
loads=""
for round in $(seq "$ROUNDS"); do
  for cell in lstm gru; do
    s=$($OURS --samples "$SAMPLES" --model $cell | cut -d, -f5)
    prev=${best[ours,$cell]:-999999}; best[ours,$cell]=$(awk -v a="$s" -v b="$prev" 'BEGIN{print (a<b)?a:b}')
    out=$(torch_epoch $cell); s=${out%%,*}; core=${out#*,}
    prev=${best[torch,$cell]:-999999}; best[torch,$cell]=$(awk -v a="$s" -v b="$prev" 'BEGIN{print (a<b)?a:b}')
  done
  loads="$loads $(cut -d' ' -f1 /proc/loadavg)"
  echo "round $round of $ROUNDS done" >&2
done

echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'); $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC'); load average after each round:$loads"
echo "PyTorch $($PYTHON -c 'import torch; print(torch.__version__)'), OpenBLAS core: $core; $SAMPLES samples of [28, 28], batch 128, Adam; best of $ROUNDS rounds"
echo
echo "| model | ours, Fit (s per epoch) | PyTorch (s per epoch) | ours / PyTorch |"
echo "|---|---:|---:|---:|"
for cell in lstm gru; do
  awk -v c=$cell -v o=${best[ours,$cell]} -v t=${best[torch,$cell]} \
    'BEGIN{printf "| %s(128) → Dense(10) | %.2f | %.2f | %.2f |\n", toupper(c), o, t, o/t}'
done
