"""The PyTorch side of the compare-*.sh benchmarks: one epoch timed as ours is (see peer.sh)."""
import ctypes
import time

import torch

torch.set_num_threads(2)   # as ours: two cores
torch.manual_seed(7)


def openblas_core():
    """The kernel OpenBLAS chose for this processor (openblas_get_corename), or "?"."""
    for line in open("/proc/self/maps"):
        if "openblas" in line.lower() and "/" in line:
            lib = ctypes.CDLL(line.split()[-1])
            lib.openblas_get_corename.restype = ctypes.c_char_p
            return lib.openblas_get_corename().decode()
    return "?"


def run(model, opt, loss_fn, x, y, batch, samples, warm_up_steps=20):
    """Times one epoch of `samples` after a warm-up of `warm_up_steps` batches; prints "seconds,core"."""
    model.train()

    def epoch(n):
        order = torch.randperm(n)
        for start in range(0, n, batch):
            rows = order[start:start + batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[rows]), y[rows])
            loss.backward()
            opt.step()
            loss.item()                   # as Fit reads the loss every step

    epoch(min(samples, warm_up_steps * batch))   # warm-up, as ours
    start = time.perf_counter()
    epoch(samples)
    print(f"{time.perf_counter() - start:.3f},{openblas_core()}")
