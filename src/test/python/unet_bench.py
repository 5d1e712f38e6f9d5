# SPDX-License-Identifier: GPL-3.0-or-later
"""The reference of UNetBench: one training step of the same U-Net in Debian's PyTorch.

usage: unet_bench.py STEPS THREADS NX NY NZ C1 C2 ...
Builds segsurv_unet.UNet3d (nn.Conv3d, nn.ConvTranspose3d) for input (1, 1, NZ, NY, NX) with the
given channels per level, and times STEPS training steps after one warm-up step: forward, the same
loss as SegSurv (mean BCE on the logits + 1 - soft Dice with smooth term 1), backward, Adam with
weight decay. THREADS 0 keeps torch's default thread count. Prints one JSON line.
"""
import json
import sys
import time

import torch

from segsurv_unet import UNet3d


def loss_fn(logits, target):
    bce = torch.nn.functional.binary_cross_entropy_with_logits(logits, target)
    p = torch.sigmoid(logits)
    dims = tuple(range(1, p.dim()))
    dice = (2 * (p * target).sum(dims) + 1) / (p.sum(dims) + target.sum(dims) + 1)
    return bce + 1 - dice.mean()


def main(steps, threads, nx, ny, nz, channels):
    if threads > 0:
        torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = UNet3d({"inChannels": 1, "channels": channels, "batchNorm": False})
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4, weight_decay=1e-5)
    x = torch.rand(1, 1, nz, ny, nx)
    zz, yy, xx = torch.meshgrid(torch.arange(nz), torch.arange(ny), torch.arange(nx), indexing="ij")
    target = (((xx - nx / 2) ** 2 + (yy - ny / 2) ** 2 + (zz - nz / 2) ** 2) < (nz / 4) ** 2).float()[None, None]
    times = []
    for i in range(steps + 1):
        t0 = time.perf_counter()
        optimizer.zero_grad()
        _, logits, _ = model(x)
        loss = loss_fn(logits, target)
        loss.backward()
        optimizer.step()
        times.append(time.perf_counter() - t0)
    model.eval()
    with torch.no_grad():
        t0 = time.perf_counter()
        model(x)
        forward = time.perf_counter() - t0
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "warmup": times[0],
                      "step_seconds": times[1:], "forward_seconds": forward}))


if __name__ == "__main__":
    if len(sys.argv) < 8:
        sys.exit(__doc__)
    args = [int(a) for a in sys.argv[1:]]
    main(args[0], args[1], args[2], args[3], args[4], args[5:])
