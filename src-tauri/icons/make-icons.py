#!/usr/bin/env python3
"""Draws Boardpack's app icons (a stack of papers on NHS blue) as small RGBA PNGs.

Tauri needs icon files to build; this keeps them reproducible without an image editor.
Run from anywhere: python3 src-tauri/icons/make-icons.py
"""

import os
import struct
import zlib

BLUE = (0, 94, 184, 255)  # NHS blue
WHITE = (255, 255, 255, 255)
PALE = (198, 222, 245, 255)
CLEAR = (0, 0, 0, 0)


def pixel(x: float, y: float) -> tuple:
    """Colour at (x, y) in a 1×1 square: rounded blue tile, three papers fanned on it."""
    r = 0.18  # corner radius
    cx = min(max(x, r), 1 - r)
    cy = min(max(y, r), 1 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return CLEAR
    # The front paper (with text lines) first, then the ones behind, offset up and right.
    for dx, dy, colour in ((0.0, 0.0, WHITE), (0.05, -0.05, PALE), (0.10, -0.10, WHITE)):
        left, top, right, bottom = 0.22 + dx, 0.30 + dy, 0.68 + dx, 0.82 + dy
        if left <= x <= right and top <= y <= bottom:
            if colour is WHITE:
                for line in range(4):
                    ly = 0.42 + line * 0.09
                    width = 0.34 if line < 3 else 0.22
                    if ly <= y <= ly + 0.035 and 0.28 <= x <= 0.28 + width:
                        return BLUE
            return colour
    return BLUE


def png(size: int) -> bytes:
    rows = []
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            row.extend(pixel((i + 0.5) / size, (j + 0.5) / size))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def main() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    for name, size in (("32x32.png", 32), ("128x128.png", 128), ("128x128@2x.png", 256), ("icon.png", 512)):
        with open(os.path.join(here, name), "wb") as f:
            f.write(png(size))


if __name__ == "__main__":
    main()
