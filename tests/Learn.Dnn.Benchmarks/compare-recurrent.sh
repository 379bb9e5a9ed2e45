#!/usr/bin/env bash
# One MNIST-rows epoch (60,000 samples of 28 time steps of 28 random pixels, random labels) of
# LSTM(128) → Dense(10) and GRU(128) → Dense(10), Adam, batch 128: ours through Fit (train-epoch
# --model lstm|gru, the fused sequence on the fast CPU device) and PyTorch 1.13's nn.LSTM / nn.GRU
# (batch_first) + Linear on the same work, in the same run. Prints seconds per epoch and ours / PyTorch.
# PyTorch at its best (peer.sh): 2 threads, one OpenBLAS thread under them, OpenBLAS on this
# processor's own kernel, whose name is printed.
# Usage: tests/Learn.Dnn.Benchmarks/compare-recurrent.sh [--samples N] [--rounds R]   (--samples 6400: a quick run)
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/Learn.Dnn.Benchmarks/peer.sh
parse_options "$@"
require_torch compare-recurrent
build_ours
OURS="dotnet tests/Learn.Dnn.Benchmarks/bin/Release/net10.0/Learn.Dnn.Benchmarks.dll train-epoch fit adam 128"

torch_epoch() {   # lstm|gru -> seconds,core
  torch_run "$1" 128 "$SAMPLES" <<'PY'
import sys
import torch
import peer_epoch
cell, batch, samples = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
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
peer_epoch.run(model, opt, torch.nn.CrossEntropyLoss(), x, y, batch, samples)
PY
}

core="?"
for round in $(seq "$ROUNDS"); do
  for cell in lstm gru; do
    keep_best "ours,$cell" "$($OURS --samples "$SAMPLES" --model $cell | cut -d, -f5)"
    out=$(torch_epoch $cell); core=${out#*,}
    keep_best "torch,$cell" "${out%%,*}"
  done
  echo "round $round of $ROUNDS done" >&2
done

machine_line
echo "PyTorch $($PYTHON -c 'import torch; print(torch.__version__)'), OpenBLAS core: $core; $SAMPLES samples of [28, 28], batch 128, Adam; best of $ROUNDS rounds"
echo
echo "| model | ours, Fit (s per epoch) | PyTorch (s per epoch) | ours / PyTorch |"
echo "|---|---:|---:|---:|"
for cell in lstm gru; do
  awk -v c=$cell -v o=${best[ours,$cell]} -v t=${best[torch,$cell]} \
    'BEGIN{printf "| %s(128) → Dense(10) | %.2f | %.2f | %.2f |\n", toupper(c), o, t, o/t}'
done
