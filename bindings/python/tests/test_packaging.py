"""The package as installed from the wheel (PROTOCOLCORE_TEST_INSTALLED=1, as eng/native-tests.sh runs the suite):
imported from site-packages, its bundled library loaded, the wheel's tags and typing marker in place."""

from __future__ import annotations

import os
import re
import unittest
from importlib import metadata
from pathlib import Path

import support

import protocolcore
from protocolcore import _native


@unittest.skipUnless(support.INSTALLED, "run against the installed wheel (PROTOCOLCORE_TEST_INSTALLED=1)")
class InstalledWheelTests(unittest.TestCase):
    def test_the_package_is_imported_from_the_installed_wheel_not_the_sources(self) -> None:
        package = Path(protocolcore.__file__).resolve().parent
        self.assertFalse(package.is_relative_to(support.BINDING_ROOT), package)
        self.assertEqual("site-packages", package.parent.name)

    def test_the_bundled_library_is_the_one_loaded(self) -> None:
        self.assertNotIn("PROTOCOLCORE_LIB", os.environ)
        package = Path(protocolcore.__file__).resolve().parent
        self.assertEqual(package / "libprotocolcore.so", _native.library_path())
        self.assertGreaterEqual(protocolcore.live_handles(), 0)  # loads it
        mapped = Path("/proc/self/maps").read_text()
        self.assertIn(str(package / "libprotocolcore.so"), mapped)

    def test_the_wheel_is_a_platform_wheel_for_any_python3(self) -> None:
        dist = metadata.distribution("protocolcore")
        self.assertEqual(protocolcore.__version__, dist.version)
        wheel = dist.read_text("WHEEL") or ""
        self.assertIn("Root-Is-Purelib: false", wheel)
        self.assertEqual(["py3-none-linux_x86_64"], re.findall(r"^Tag: (.+)$", wheel, re.M))
        files = {str(f) for f in dist.files or ()}
        self.assertIn("protocolcore/libprotocolcore.so", files)
        self.assertIn("protocolcore/py.typed", files)
        self.assertIn("protocolcore/aio.py", files)
        self.assertEqual(">=3.11", dist.metadata["Requires-Python"])


class PublicNamesTests(unittest.TestCase):
    def test_every_public_name_exists_and_is_documented(self) -> None:
        for name in protocolcore.__all__:
            with self.subTest(name=name):
                value = getattr(protocolcore, name)
                if callable(value) and not isinstance(value, int):
                    self.assertTrue((value.__doc__ or "").strip(), f"{name} has no docstring")

    def test_public_methods_of_the_session_classes_are_documented(self) -> None:
        for cls in (protocolcore.Session, protocolcore.AsyncSession, protocolcore.Turn, protocolcore.AsyncTurn,
                    protocolcore.Event, protocolcore.Codec, protocolcore.TurnResult):
            for name, member in vars(cls).items():
                if name.startswith("_") or not (callable(member) or isinstance(member, property)):
                    continue
                with self.subTest(member=f"{cls.__name__}.{name}"):
                    self.assertTrue((member.__doc__ or "").strip(), f"{cls.__name__}.{name} has no docstring")

    def test_event_kinds_mirror_the_header(self) -> None:
        header = (support.REPO_ROOT / "src" / "Native" / "include" / "protocolcore.h").read_text()
        kinds = dict((name, int(value)) for name, value in re.findall(r"PC_EVENT_([A-Z0-9_]+) = (\d+)", header))
        self.assertGreater(len(kinds), 60)
        self.assertEqual(kinds, {kind.name: kind.value for kind in protocolcore.EventKind})
        statuses = dict((name, int(value)) for name, value in re.findall(r"PC_(E_[A-Z_]+) = (-\d+)", header))
        for name, value in statuses.items():
            with self.subTest(status=name):
                error = protocolcore.errors.error_for(value, "m")
                self.assertEqual(value, error.status)
                self.assertIsNot(protocolcore.ProtocolCoreError, type(error))


if __name__ == "__main__":
    unittest.main()
