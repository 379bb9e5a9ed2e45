#!/usr/bin/env bash
# Compares FastGemm with OpenBLAS (through NumPy's float32 matmul) on the same shapes, same run.
# Prints the BLAS NumPy loaded (and fails on the reference BLAS), then a markdown table.
# Usage: tests/Learn.Dnn.Benchmarks/compare-gemm.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/../.."                                  # repository root
PYTHON=/usr/bin/python3                                     # Debian's python, which sees python3-numpy
QUICK=${1:-}

# 1. NumPy and OpenBLAS. Debian's python3-numpy alone links the netlib reference BLAS (~2 GFLOP/s);
#    libopenblas0-pthread switches the BLAS alternative to OpenBLAS. Wait if apt/dpkg is busy.
missing=()
$PYTHON -c "import numpy" 2>/dev/null || missing+=(python3-numpy)
dpkg -s libopenblas0-pthread >/dev/null 2>&1 || missing+=(libopenblas0-pthread)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (waiting for the dpkg lock if needed)"
  apt-get -o DPkg::Lock::Timeout=900 update
  apt-get -o DPkg::Lock::Timeout=900 install -y "${missing[@]}"
fi

# 2. Two threads for OpenBLAS, as for us; idle OpenBLAS threads must not spin on the cores we share.
export OPENBLAS_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE

# 3. Build ours (Release).
dotnet build -c Release tests/Learn.Dnn.Benchmarks -v quiet -nologo 2>&1 | grep -E " error |rror\(s\)" || true

# 4. Alternate rounds: ours (gemm-table --csv, FastGemm on every shape) then OpenBLAS on the same
#    shapes, timed the same way (warm-up, best of 15 runs of >= 5 ms). Each side keeps its best
#    round, so a burst of load from other processes hurts neither side more than the other.
#    OpenBLAS on this processor's own kernel: this workplace sets OPENBLAS_CORETYPE (Haswell) and
#    OPENBLAS_L2_SIZE for old builds, which make it run an older, slower kernel. They are unset for
#    this command alone (never in tests or CI), and the core name OpenBLAS runs is printed.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $PYTHON - "$QUICK" <<'PY'
import csv, io, os, subprocess, sys, time
import numpy as np

quick = sys.argv[1] == "--quick"
rounds = 1 if quick else 2
ours_command = ["dotnet", "tests/Learn.Dnn.Benchmarks/bin/Release/net10.0/Learn.Dnn.Benchmarks.dll", "gemm-table", "--csv"] + (["--quick"] if quick else [])

np.ones((64, 64), np.float32) @ np.ones((64, 64), np.float32)      # load the BLAS
blas = sorted({line.split()[-1] for line in open("/proc/self/maps") if "blas" in line.lower() and "/" in line})
print("BLAS libraries mapped into NumPy's process:", *blas, sep="\n  ")
if not any("openblas" in path for path in blas):
    sys.exit("compare-gemm: NumPy is not using OpenBLAS (reference BLAS?); the comparison would be meaningless.")
import ctypes
openblas = ctypes.CDLL(next(path for path in blas if "openblas" in path))
openblas.openblas_get_corename.restype = ctypes.c_char_p
print("OpenBLAS core:", openblas.openblas_get_corename().decode(),
      " OPENBLAS_CORETYPE =", os.environ.get("OPENBLAS_CORETYPE"), " OPENBLAS_NUM_THREADS =", os.environ.get("OPENBLAS_NUM_THREADS"),
      " OMP_WAIT_POLICY =", os.environ.get("OMP_WAIT_POLICY"))

def measure(m, n, k, transpose_a, transpose_b):
    rng = np.random.default_rng(42)
    a = rng.uniform(-1, 1, (k, m) if transpose_a else (m, k)).astype(np.float32)
    b = rng.uniform(-1, 1, (n, k) if transpose_b else (k, n)).astype(np.float32)
    op_a, op_b = (a.T if transpose_a else a), (b.T if transpose_b else b)  # views: sgemm gets the transpose flag
    c = np.empty((m, n), np.float32)
    once = lambda: np.matmul(op_a, op_b, out=c)
    warm_until = time.perf_counter() + (0.15 if quick else 0.25)       # same warm-up as ours
    while time.perf_counter() < warm_until:
        once()
    min_seconds, repeats = (0.002 if quick else 0.005), 1
    start = time.perf_counter(); once()
    while (time.perf_counter() - start) * repeats < min_seconds and repeats < 1 << 20:
        repeats *= 2
    best = float("inf")
    for _ in range(5 if quick else 15):
        start = time.perf_counter()
        for _ in range(repeats):
            once()
        best = min(best, (time.perf_counter() - start) / repeats)
    return 2.0 * m * n * k / best / 1e9

ours, theirs, rows = {}, {}, []
for round in range(rounds):
    output = subprocess.run(ours_command, check=True, capture_output=True, text=True).stdout
    rows = list(csv.DictReader(io.StringIO(output)))
    for r in rows:
        key = r["name"]
        ours[key] = max(ours.get(key, 0.0), float(r["gflops"]))
        shape = (int(r["m"]), int(r["n"]), int(r["k"]), r["transposeA"] == "True", r["transposeB"] == "True")
        theirs[key] = max(theirs.get(key, 0.0), measure(*shape))
    print(f"round {round + 1} of {rounds} done", file=sys.stderr)

print()
print("| shape (m×n×k) | ours (FastGemm) GFLOP/s | OpenBLAS (NumPy) GFLOP/s | ours / OpenBLAS |")
print("|---|---:|---:|---:|")
for r in rows:
    key = r["name"]
    print(f"| {key} ({r['m']}×{r['n']}×{r['k']}) | {ours[key]:.1f} | {theirs[key]:.1f} | {ours[key] / theirs[key]:.2f} |")
PY
