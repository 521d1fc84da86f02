"""The README's Python example: the same text as examples/tool_loop.py, at most 20 lines, and it runs the scripted
tool loop against `protocolcore serve`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unittest

import support
from support import EmulatorProcess
from test_session import SCRIPTED_CALLS, SCRIPTED_TURNS

EXAMPLE = support.BINDING_ROOT / "examples" / "tool_loop.py"


class ReadmeExampleTests(unittest.TestCase):
    def test_the_readme_python_section_opens_with_the_install_command_and_the_example(self) -> None:
        readme = (support.REPO_ROOT / "README.md").read_text()
        section = readme[readme.index("\n## Python\n"):]
        section = section[:section.index("\n## ", 1)]
        blocks = re.findall(r"```(\w+)\n(.*?)```", section, re.S)
        self.assertEqual("sh", blocks[0][0])
        self.assertTrue(blocks[0][1].startswith("pip install protocolcore-"), blocks[0][1])
        self.assertEqual("python", blocks[1][0])
        self.assertEqual(EXAMPLE.read_text(), blocks[1][1])
        self.assertLessEqual(len(blocks[1][1].splitlines()), 20)

    def test_the_example_runs_the_scripted_tool_loop(self) -> None:
        server = EmulatorProcess()
        try:
            env = dict(os.environ)
            env.pop("OPENAI_API_KEY", None)
            if not support.INSTALLED:
                env["PYTHONPATH"] = str(support.BINDING_ROOT)
            # sys.executable: in CI the venv's python, which has the installed wheel.
            done = subprocess.run([sys.executable, str(EXAMPLE), server.base_url], env=env, capture_output=True,
                                  text=True, timeout=300)
        finally:
            server.stop()
        self.assertEqual(0, done.returncode, done.stderr)
        self.assertIn("Fixed", done.stdout)  # the final message, streamed through on_text
        self.assertIn(f"\n{SCRIPTED_TURNS} turns, {SCRIPTED_CALLS} tool calls, Usage(input_tokens=", done.stdout)


if __name__ == "__main__":
    unittest.main()
