#!/usr/bin/env bash
# One MNIST-sized epoch (60,000 samples, random pixels and labels) of chapter 7's two seed CNNs and LeNet-5:
# ours through Fit (cnn-epoch, CnnEpoch.cs) and PyTorch 1.13 on the same architecture (NCHW, the
# same optimizer and batch size), in the same run. Prints seconds per epoch and ours / PyTorch.
#   seed 001: Conv2D 4@5×5 relu → MaxPool 2 → Conv2D 16@5×5 relu → MaxPool 2 → Flatten → Dense 100 relu
#             → Dropout 0.4 → Dense 10 softmax; Adagrad 0.01; batch 100
#   seed 003: Conv2D 32@3×3 relu → MaxPool 2 → Conv2D 64@3×3 relu → MaxPool 2 → Conv2D 128@3×3 relu
#             → Flatten → Dense 10 softmax; RMSprop (Keras' defaults); batch 64
#   lenet:    Conv2D 6@5×5 "same" tanh → AvgPool 2 → Conv2D 16@5×5 tanh → AvgPool 2 → Flatten → Dense 120 tanh
#             → Dense 84 tanh → Dense 10 softmax; Adam (Keras' defaults); batch 128
# PyTorch at its best (peer.sh): 2 threads, one OpenBLAS thread under them, OpenBLAS on this
# processor's own kernel, whose name is printed.
# Usage: tests/Learn.Dnn.Benchmarks/compare-cnn.sh [--samples N] [--rounds R]   (a quick look: --samples 3200)
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/Learn.Dnn.Benchmarks/peer.sh
parse_options "$@"
require_torch compare-cnn
build_ours
OURS="dotnet tests/Learn.Dnn.Benchmarks/bin/Release/net10.0/Learn.Dnn.Benchmarks.dll cnn-epoch"

torch_epoch() {   # net -> seconds,core
  torch_run "$1" "$SAMPLES" <<'PY'
import sys
import torch
from torch import nn
import peer_epoch
net, samples = sys.argv[1], int(sys.argv[2])
x = torch.rand(samples, 1, 28, 28)
y = torch.randint(0, 10, (samples,))
if net == "001":
    batch = 100
    model = nn.Sequential(nn.Conv2d(1, 4, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(4, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(256, 100), nn.ReLU(), nn.Dropout(0.4), nn.Linear(100, 10))
    opt = torch.optim.Adagrad(model.parameters(), lr=0.01, initial_accumulator_value=0.1, eps=1e-7)
elif net == "lenet":
    batch = 128
    model = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.Tanh(), nn.AvgPool2d(2), nn.Conv2d(6, 16, 5), nn.Tanh(), nn.AvgPool2d(2),
                          nn.Flatten(), nn.Linear(400, 120), nn.Tanh(), nn.Linear(120, 84), nn.Tanh(), nn.Linear(84, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
else:
    batch = 64
    model = nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(64, 128, 3), nn.ReLU(), nn.Flatten(), nn.Linear(1152, 10))
    opt = torch.optim.RMSprop(model.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)
# CrossEntropyLoss: log-softmax + NLL fused, the softmax layer of ours
peer_epoch.run(model, opt, nn.CrossEntropyLoss(), x, y, batch, samples, warm_up_steps=30)
PY
}

core="?"
for round in $(seq "$ROUNDS"); do
  for net in 001 003 lenet; do
    line=$($OURS $net --samples "$SAMPLES")
    keep_best "ours,$net" "$(echo "$line" | cut -d, -f4)"; best["alloc,$net"]=$(echo "$line" | cut -d, -f5)
    out=$(torch_epoch $net); core=${out#*,}
    keep_best "torch,$net" "${out%%,*}"
  done
  echo "round $round of $ROUNDS done" >&2
done

machine_line
echo "PyTorch $($PYTHON -c 'import torch; print(torch.__version__)'), OpenBLAS core: $core; $SAMPLES samples; best of $ROUNDS rounds"
echo
echo "| net | batch | ours, Fit (s) | PyTorch (s) | ours / PyTorch | managed bytes per step (ours) |"
echo "|---|---:|---:|---:|---:|---:|"
for net in 001 003 lenet; do
  case $net in 001) batch=100; name="seed 001";; 003) batch=64; name="seed 003";; *) batch=128; name="LeNet-5";; esac
  awk -v n="$name" -v b=$batch -v o=${best[ours,$net]} -v t=${best[torch,$net]} -v a=${best[alloc,$net]} \
    'BEGIN{printf "| %s | %d | %.2f | %.2f | %.2f | %d |\n", n, b, o, t, o/t, a}'
done
