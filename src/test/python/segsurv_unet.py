# SPDX-License-Identifier: GPL-3.0-or-later
"""SegSurv's 3D U-Net in PyTorch, and its weight file format, for the parity test and the benchmark.

The weight file (docs/MODEL_FORMAT.md) is read and written with json and numpy only. The network
mirrors io.segsurv.segmentation.networks.UNet3d module by module, so that its state_dict names are
the names in the weight file; the only translation is the up-sampling: SegSurv stores a 1x1x1
convolution to 8*C_out channels, weight W[8o + 4a + 2b + c, i, 0, 0, 0], which is
ConvTranspose3d(kernel 2, stride 2).weight[i, o, a, b, c].
"""
import json
import struct

import numpy as np
import torch
from torch import nn


def read_tensors(path):
    """Returns (metadata dict, dict name -> float32 numpy array) of a SegSurv weight file."""
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n).decode("utf-8"))
        data = f.read()
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        if entry["dtype"] != "F32":
            raise ValueError(f"{path}: tensor {name} has dtype {entry['dtype']}, expected F32")
        begin, end = entry["data_offsets"]
        tensors[name] = np.frombuffer(data[begin:end], dtype="<f4").reshape(entry["shape"])
    return metadata, tensors


def write_tensors(path, tensors, metadata=None):
    """Writes named float32 arrays (dict, in order) in the SegSurv weight file format."""
    header = {"__metadata__": dict(metadata or {})}
    blobs = []
    offset = 0
    for name, array in tensors.items():
        a = np.ascontiguousarray(array, dtype="<f4")
        header[name] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [offset, offset + a.nbytes]}
        blobs.append(a.tobytes())
        offset += a.nbytes
    raw = json.dumps(header).encode("utf-8")
    raw += b" " * (-len(raw) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for b in blobs:
            f.write(b)


class DoubleConv(nn.Module):
    def __init__(self, cin, cout, batch_norm):
        super().__init__()
        self.conv1 = nn.Conv3d(cin, cout, 3, padding=1, bias=not batch_norm)
        self.norm1 = nn.BatchNorm3d(cout) if batch_norm else None
        self.conv2 = nn.Conv3d(cout, cout, 3, padding=1, bias=not batch_norm)
        self.norm2 = nn.BatchNorm3d(cout) if batch_norm else None

    def forward(self, x):
        x = self.conv1(x)
        if self.norm1 is not None:
            x = self.norm1(x)
        x = torch.relu(x)
        x = self.conv2(x)
        if self.norm2 is not None:
            x = self.norm2(x)
        return torch.relu(x)


class UNet3d(nn.Module):
    """Input (N, C, D, H, W) with D = z, H = y, W = x; returns (probabilities, logits, bottleneck)."""

    def __init__(self, config):
        super().__init__()
        self.channels = list(config["channels"])
        self.levels = len(self.channels)
        cin = config["inChannels"]
        bn = config["batchNorm"]
        for level, c in enumerate(self.channels):
            setattr(self, f"enc{level}", DoubleConv(cin, c, bn))
            cin = c
        for level in range(self.levels - 2, -1, -1):
            c = self.channels[level]
            setattr(self, f"up{level}", nn.ConvTranspose3d(self.channels[level + 1], c, kernel_size=2, stride=2))
            setattr(self, f"dec{level}", DoubleConv(2 * c, c, bn))
        self.head = nn.Conv3d(self.channels[0], 1, 1)

    def forward(self, x):
        skips = []
        for level in range(self.levels):
            if level > 0:
                x = nn.functional.max_pool3d(x, 2, 2)
            x = getattr(self, f"enc{level}")(x)
            skips.append(x)
        bottleneck = x
        for level in range(self.levels - 2, -1, -1):
            up = getattr(self, f"up{level}")(x)
            x = getattr(self, f"dec{level}")(torch.cat([skips[level], up], dim=1))
        logits = self.head(x)
        return torch.sigmoid(logits), logits, bottleneck


def state_dict_from(tensors, channels):
    """Translates SegSurv tensors to a state_dict of UNet3d (the up-sampling weights are rearranged)."""
    state = {}
    for name, array in tensors.items():
        t = torch.from_numpy(np.array(array))
        prefix = name.split(".")[0]
        if prefix.startswith("up") and name.endswith(".weight"):
            cout = channels[int(prefix[2:])]
            cin = t.shape[1]
            # W[8o + 4a + 2b + c, i] -> T[i, o, a, b, c]
            t = t.reshape(cout, 2, 2, 2, cin).permute(4, 0, 1, 2, 3).contiguous()
        state[name] = t
    return state


def load_model(weights_path):
    metadata, tensors = read_tensors(weights_path)
    if metadata.get("format") != "segsurv-unet3d":
        raise ValueError(f"{weights_path} is not a SegSurv U-Net weight file")
    config = json.loads(metadata["config"])
    model = UNet3d(config)
    missing, unexpected = model.load_state_dict(state_dict_from(tensors, config["channels"]), strict=False)
    missing = [m for m in missing if not m.endswith("num_batches_tracked")]
    if missing or unexpected:
        raise ValueError(f"weights do not match the network: missing {missing}, unexpected {unexpected}")
    return config, model
