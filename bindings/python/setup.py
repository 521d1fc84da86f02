"""Wheel build hooks: bundle libprotocolcore.so into the package and tag the wheel for the platform it was built for.

The library is taken from PROTOCOLCORE_LIB, else ../../artifacts/native/libprotocolcore.so (what
`dotnet publish src/Native -c Release -r linux-x64 -o artifacts/native` writes). Its machine is read from its ELF
header, so a library of another architecture cannot end up in a wheel tagged linux_x86_64.
"""

from __future__ import annotations

import os
import shutil
import struct
from pathlib import Path

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py
from wheel.bdist_wheel import bdist_wheel

HERE = Path(__file__).resolve().parent
LIBRARY = "libprotocolcore.so"
# e_machine values of the ELF header -> wheel platform tags (the only RID published today is linux-x64).
PLATFORMS = {0x3E: "linux_x86_64", 0xB7: "linux_aarch64"}


def library_source() -> Path:
    configured = os.environ.get("PROTOCOLCORE_LIB")
    return Path(configured) if configured else HERE.parents[1] / "artifacts" / "native" / LIBRARY


def platform_tag(library: Path) -> str:
    """The wheel platform tag for a 64-bit little-endian ELF shared library; SystemExit with the reason otherwise."""
    if not library.is_file():
        raise SystemExit(f"{library} not found: publish it first (dotnet publish src/Native -c Release -r linux-x64 "
                         f"-o artifacts/native) or set PROTOCOLCORE_LIB")
    with library.open("rb") as f:
        header = f.read(20)
    if len(header) < 20 or header[:4] != b"\x7fELF" or header[4] != 2 or header[5] != 1:
        raise SystemExit(f"{library} is not a 64-bit little-endian ELF library")
    machine = struct.unpack_from("<H", header, 18)[0]
    if machine not in PLATFORMS:
        raise SystemExit(f"{library}: ELF machine {machine:#x} has no wheel platform tag here")
    return PLATFORMS[machine]


class BuildPyWithLibrary(build_py):
    """build_py, plus the native library copied next to the package's modules (where _native.library_path looks)."""

    def run(self) -> None:
        super().run()
        source = library_source()
        platform_tag(source)
        target = Path(self.build_lib) / "protocolcore" / LIBRARY
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        os.chmod(target, 0o755)


class BinaryDistribution(Distribution):
    """Says the package is not pure, so its modules and the library install into platlib at the wheel's root."""

    def has_ext_modules(self) -> bool:
        return True


class PlatformWheel(bdist_wheel):
    """A platform wheel that works on any CPython 3 (ctypes: no extension module, no Python ABI): py3-none-<platform>."""

    def finalize_options(self) -> None:
        super().finalize_options()
        self.root_is_pure = False

    def get_tag(self) -> tuple[str, str, str]:
        return "py3", "none", platform_tag(library_source())


setup(distclass=BinaryDistribution, cmdclass={"build_py": BuildPyWithLibrary, "bdist_wheel": PlatformWheel})
