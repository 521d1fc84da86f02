import asyncio, os, sys
from collections.abc import Callable
from protocolcore import AsyncSession

async def run_tests(filter: str = "") -> str:  # a tool may be a coroutine function...
    return "Passed! 12 tests, 0 failed"

tools: dict[str, Callable[..., object]] = {"run_tests": run_tests,  # ...or a plain function; arguments come as keywords
    "read_file": lambda path: f"// {path}\npublic sealed class PriceFormatter {{ }}",
    "grep": lambda pattern, path=".": f"{path}/PriceFormatter.cs:3: {pattern}",
    "list_dir": lambda path: "src/\ntests/\nREADME.md",
    "edit_file": lambda path, old_string, new_string: f"edited {path}"}
schemas = [{"type": "function", "name": name, "parameters": {"type": "object"}} for name in tools]

async def main(base_url: str, api_key: str) -> None:
    async with AsyncSession(base_url, api_key, template={"model": "gpt-5", "tools": schemas}) as session:
        result = await session.run_tool_loop("Fix the failing test.", tools, on_text=lambda t: print(t, end=""))
    print(f"\n{len(result.turns)} turns, {result.tool_calls} tool calls, {result.final.usage}")

asyncio.run(main(sys.argv[1], os.environ.get("OPENAI_API_KEY", "sk-local")))
