"""A small solid-colour PNG made with the standard library, to stand in for a photo in demo data and tests."""

from __future__ import annotations

import struct
import zlib


def solid_png(width: int = 64, height: int = 48, rgb: tuple[int, int, int] = (180, 190, 200)) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * width
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))
