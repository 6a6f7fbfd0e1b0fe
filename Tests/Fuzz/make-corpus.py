#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpus into Tests/Fuzz/corpus/TARGET/ (committed; run again only to renew it).

Usage: make-corpus.py DCN_REPORT_BINARY
Seeds are small valid files of each kind, plus the edge cases the readers must refuse, so that libFuzzer
starts from inputs that reach deep into each parser. Run folders come from three tiny real runs
(synthetic points, 4 × 4 images with galleries, a table with feature means), packed as the
FuzzRunFolder target reads them (FuzzSupport/FolderImage.swift).
"""
import gzip
import io
import os
import struct
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")


def put(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def npy(array, **kw):
    buffer = io.BytesIO()
    np.save(buffer, array, **kw)
    return buffer.getvalue()


def idx(array):
    codes = {np.dtype(np.uint8): 0x08, np.dtype(">i4"): 0x0C, np.dtype(">f4"): 0x0D}
    header = struct.pack(">BBBB", 0, 0, codes[array.dtype], array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.tobytes()


def csv(text, selector):
    return bytes([selector]) + text.encode()


def with_huge_layer(model):
    """A model file whose first layer is 2^62 x 2^62: each size fits, their product overflows."""
    length = int.from_bytes(model[12:16], "little")
    header = model[16:16 + length].decode()
    start = header.index("[", header.index('"layers"') + 10)
    end = header.index("]", start) + 1
    header = (header[:start] + "[4611686018427387904,4611686018427387904]" + header[end:]).encode()
    return model[:12] + len(header).to_bytes(4, "little") + header + model[16 + length:]


def pack(folder):
    image = b""
    for root, _, files in sorted(os.walk(folder)):
        for name in sorted(files):
            path = os.path.join(root, name)
            relative = os.path.relpath(path, folder)
            if relative.endswith((".json", ".npy")):
                image += b"==> " + relative.encode() + b"\n" + open(path, "rb").read()
    return image


def main():
    binary = sys.argv[1]
    rng = np.random.default_rng(0)
    floats = rng.normal(size=(6, 3)).astype(np.float32)

    put("FuzzNPY", "float32-c", npy(floats))
    put("FuzzNPY", "float64-fortran", npy(np.asfortranarray(floats.astype(np.float64))))
    put("FuzzNPY", "uint8-images", npy((rng.random((4, 3, 3)) * 255).astype(np.uint8)))
    put("FuzzNPY", "int64-labels", npy(np.array([0, 1, 2, 1, 0], dtype=np.int64)))
    put("FuzzNPY", "int32-big-endian", npy(np.array([[1, 2], [3, 4]], dtype=">i4")))
    put("FuzzNPY", "bool-refused", npy(np.array([True, False])))
    put("FuzzNPY", "version-2", npy(floats, allow_pickle=False)[:6] + b"\x02\x00" + npy(floats)[8:])

    put("FuzzIDX", "images-uint8", idx((rng.random((3, 4, 4)) * 255).astype(np.uint8)))
    put("FuzzIDX", "labels-uint8", idx(np.array([0, 1, 2, 3], dtype=np.uint8)))
    put("FuzzIDX", "images-float", idx(rng.random((2, 3, 3)).astype(">f4")))
    put("FuzzIDX", "images-int32", idx(np.arange(8, dtype=">i4").reshape(2, 2, 2)))

    tables = {
        "header-last": ("a,b,label\n1,2,0\n3,4,1\n5.5,-6e2,0\n", 1),
        "no-header": ("1,2,3\n4,5,6\n", 0),
        "named": ("x;y;label\n1;2;a\n3;4;b\n", 3),
        "quoted-crlf": ('"p","q"\r\n1,2\r\n3,4\r\n', 0),
        "index": ("label,x,y\n0,1,2\n1,3,4\n", 2),
        "nan": ("a,b\n1,nan\n2,3\n", 0),
    }
    for name, (text, selector) in tables.items():
        put("FuzzCSV", name, csv(text, selector))

    put("FuzzGzip", "csv", gzip.compress(b"a,b,label\n1,2,0\n3,4,1\n", mtime=0))
    put("FuzzGzip", "idx", gzip.compress(idx((rng.random((2, 3, 3)) * 255).astype(np.uint8)), mtime=0))
    put("FuzzGzip", "two-members", gzip.compress(b"1,2,0\n", mtime=0) + gzip.compress(b"3,4,1\n", mtime=0))

    configs = {
        "scalars": "lambda: 0.05\nbatch-size: 256\nepochs: 10\n",
        "list": "hidden: [500, 500, 2000]\nlatent-dim: 10\n",
        "booleans": "batch-norm: true\nno-refill: off\n",
        "nested-refused": "lambda:\n  value: 1\n",
        "anchors": "base: &b 1\nlambda: *b\n",
        "sequence-refused": "- lambda\n- 1\n",
    }
    for name, text in configs.items():
        put("FuzzConfig", name, text.encode())

    with tempfile.TemporaryDirectory() as work:
        x = os.path.join(work, "images.npy")
        y = os.path.join(work, "labels.npy")
        t = os.path.join(work, "table.npy")
        np.save(x, (rng.random((24, 4, 4)) * 255).astype(np.uint8))
        np.save(y, np.repeat(np.arange(3), 8))
        np.save(t, rng.normal(size=(24, 5)) * [1, 10, 100, 0.1, 1])
        small = ["--hidden", "6", "--pretrain-epochs", "1", "--epochs", "2", "--quiet", "--force"]
        runs = {
            "synthetic": ["--points-per-cluster", "8", "--latent-dim", "2",
                          "--save-pretrained", os.path.join(work, "pretrained.ckpt")],
            "images": ["--dataset", x, "--labels", y],
            "table": ["--dataset", t, "--labels", y],
        }
        for name, flags in runs.items():
            out = os.path.join(work, name)
            subprocess.run([binary, "train", "--out", out] + flags + small, check=True, stdout=subprocess.DEVNULL)
            put("FuzzRunFolder", name, pack(os.path.join(out, "run")))
            put("FuzzModel", name, open(os.path.join(out, "run", "model.dcn"), "rb").read())
        put("FuzzModel", "regression-huge-layer", with_huge_layer(open(os.path.join(work, "synthetic", "run", "model.dcn"), "rb").read()))
        put("FuzzCheckpoint", "synthetic", open(os.path.join(work, "pretrained.ckpt"), "rb").read())


if __name__ == "__main__":
    main()
