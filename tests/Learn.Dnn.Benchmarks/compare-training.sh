#!/usr/bin/env bash
# One MNIST-sized epoch (60,000 samples, random pixels and labels) of the MLP 784-300-100-10, with
# SGD and with Adam, at batch 64 and 128: ours through Fit and through a hand-written loop, and
# PyTorch 1.13 on the same work, in the same run. Prints seconds per epoch and ours / PyTorch.
# PyTorch at its best (peer.sh): 2 threads, one OpenBLAS thread under them, OpenBLAS on this
# processor's own kernel, whose name is printed.
# Usage: tests/Learn.Dnn.Benchmarks/compare-training.sh [--samples N] [--rounds R]
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/Learn.Dnn.Benchmarks/peer.sh
parse_options "$@"
require_torch compare-training
build_ours
OURS="dotnet tests/Learn.Dnn.Benchmarks/bin/Release/net10.0/Learn.Dnn.Benchmarks.dll train-epoch"

torch_epoch() {   # optimizer batch -> seconds,core
  torch_run "$1" "$2" "$SAMPLES" <<'PY'
import sys
import torch
import peer_epoch
optimizer_name, batch, samples = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
x = torch.rand(samples, 784)
y = torch.randint(0, 10, (samples,))
model = torch.nn.Sequential(torch.nn.Linear(784, 300), torch.nn.ReLU(), torch.nn.Linear(300, 100), torch.nn.ReLU(), torch.nn.Linear(100, 10))
opt = torch.optim.SGD(model.parameters(), lr=0.01) if optimizer_name == "sgd" else torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
peer_epoch.run(model, opt, torch.nn.CrossEntropyLoss(), x, y, batch, samples)
PY
}

core="?"
for round in $(seq "$ROUNDS"); do
  for opt in sgd adam; do
    for batch in 64 128; do
      for way in fit loop; do
        line=$($OURS $way $opt $batch --samples "$SAMPLES")
        keep_best "$way,$opt,$batch" "$(echo "$line" | cut -d, -f5)"
        best["alloc,$way,$opt,$batch"]=$(echo "$line" | cut -d, -f6)
      done
      out=$(torch_epoch $opt $batch); core=${out#*,}
      keep_best "torch,$opt,$batch" "${out%%,*}"
    done
  done
  echo "round $round of $ROUNDS done" >&2
done

machine_line
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
