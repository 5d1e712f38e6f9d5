# SPDX-License-Identifier: GPL-3.0-or-later
"""Parity of SegSurv's U-Net with PyTorch (run by UNetParityTest with /usr/bin/python3).

usage: unet_parity.py WEIGHTS INPUT OUTPUT
  WEIGHTS  a SegSurv weight file (docs/MODEL_FORMAT.md), config in its metadata
  INPUT    a weight-format file with one tensor "input" (N, C, D, H, W)
  OUTPUT   written: tensors "probabilities", "logits" (N, 1, D, H, W) and "bottleneck"

Builds the same network with nn.Conv3d, nn.BatchNorm3d and nn.ConvTranspose3d (see
segsurv_unet.py for the weight mapping) and runs it in evaluation mode without gradients.
"""
import sys

import torch

from segsurv_unet import load_model, read_tensors, write_tensors


def main(weights, input_path, output):
    torch.manual_seed(0)
    _, model = load_model(weights)
    model.eval()
    _, inputs = read_tensors(input_path)
    x = torch.from_numpy(inputs["input"].copy())
    with torch.no_grad():
        probabilities, logits, bottleneck = model(x)
    write_tensors(output, {"probabilities": probabilities.numpy(), "logits": logits.numpy(),
                           "bottleneck": bottleneck.numpy()}, {"torch": torch.__version__})


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
