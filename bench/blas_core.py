#!/usr/bin/env python3
"""Which BLAS kernels a baseline really runs, and whether they are fit to be a baseline.

numpy_core(): the core numpy's bundled OpenBLAS chose at run time (its get_corename).
verdict(core): "valid", or "INVALID: ..." when the core is one of OpenBLAS's generic or old
ones on a CPU that has AVX2 or AVX-512: such a baseline runs several times below what the
machine does (Debian's OpenBLAS 0.3.21 picked Prescott on an Intel Xeon it did not know), and
a goal "met" against it means nothing.
best_coretype(): the OPENBLAS_CORETYPE that suits this CPU, to try when the detection fails.
Run as a script: prints numpy's core and its verdict.
"""
import ctypes
import glob
import os

# OpenBLAS cores that run SSE-era or generic kernels
GENERIC = {"prescott", "core2", "penryn", "dunnington", "nehalem", "atom", "katmai", "coppermine", "northwood",
           "banias", "generic", "opteron", "barcelona", "bobcat", "athlon", "unknown"}


def cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def best_coretype():
    flags = cpu_flags()
    if "avx512f" in flags:
        return "SkylakeX"
    if "avx2" in flags:
        return "Haswell"
    return None


def verdict(core):
    flags = cpu_flags()
    vector = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else None
    if core is None:
        return "INVALID: the BLAS core is unknown"
    if vector and core.strip().lower() in GENERIC:
        return f"INVALID: OpenBLAS runs its {core} kernels on a CPU with {vector}"
    return "valid"


def numpy_core():
    import numpy
    here = os.path.dirname(numpy.__file__)
    for lib in glob.glob(os.path.join(here, "..", "numpy.libs", "*openblas*.so*")) + \
            glob.glob(os.path.join(here, ".libs", "*openblas*.so*")):
        so = ctypes.CDLL(lib)
        for name in ("scipy_openblas_get_corename64_", "scipy_openblas_get_corename", "openblas_get_corename"):
            f = getattr(so, name, None)
            if f is not None:
                f.restype = ctypes.c_char_p
                return f().decode()
    return None


if __name__ == "__main__":
    core = numpy_core()
    print(f"numpy's OpenBLAS core: {core} ({verdict(core)})")
