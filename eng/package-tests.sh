#!/usr/bin/env bash
# Packs every packable project into artifacts/packages and proves the packages, not the project references:
#  1. each package carries what a NuGet user expects (README, licence, XML docs, symbols package, no build-only
#     dependency such as the generator);
#  2. a fresh project outside the repository (tests/PackageConsumer, copied to a temporary folder) restores
#     ProtocolCore and ProtocolCore.Emulator from that folder as a local feed and runs the scripted tool loop;
#  3. the command line installs as a dotnet tool from the same feed and runs the demo.
# Restores go to a private packages folder, so a stale copy of the same version in ~/.nuget/packages never answers.
# Usage: eng/package-tests.sh [--no-build]   (--no-build: the solution was just built in Release, as ./test.sh does)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
feed="$root/artifacts/packages"
build_flag=()
[[ "${1:-}" == "--no-build" ]] && build_flag=(--no-build)

rm -rf "$feed"
dotnet pack ProtocolCore.sln -c Release --nologo -v quiet "${build_flag[@]}" >/dev/null
version="$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' Directory.Build.props)"

python3 - "$feed" "$version" <<'PY'
import sys, zipfile, re, pathlib
feed, version = pathlib.Path(sys.argv[1]), sys.argv[2]
expected = {"ProtocolCore": "library", "ProtocolCore.Emulator": "library", "ProtocolCore.Cli": "tool",
            "ProtocolCore.Extensions.Hosting": "library"}
# The dependencies a package may have (ids in its nuspec): the core stays BCL + ObjectPool; the integrations add only
# the abstractions they integrate with.
allowed_dependencies = {
    "ProtocolCore": {"Microsoft.Extensions.ObjectPool"},
    "ProtocolCore.Extensions.Hosting": {"ProtocolCore", "Microsoft.Extensions.DependencyInjection.Abstractions",
                                        "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Options",
                                        "Microsoft.Extensions.Http"},
}
extra = {p.name for p in feed.glob("*.nupkg")} - {f"{n}.{version}.nupkg" for n in expected}
# Packages added later (integrations) are checked like libraries when they appear.
for name in sorted(extra):
    m = re.fullmatch(r"(.+)\." + re.escape(version) + r"\.nupkg", name)
    if m:
        expected[m.group(1)] = "library"
failures = []
for package, kind in expected.items():
    path = feed / f"{package}.{version}.nupkg"
    if not path.exists():
        failures.append(f"{path.name}: missing")
        continue
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        nuspec = z.read(next(n for n in names if n.endswith(".nuspec"))).decode()
        def need(condition, what):
            if not condition:
                failures.append(f"{path.name}: {what}")
        need("README.md" in names, "no README.md")
        need("<readme>README.md</readme>" in nuspec, "nuspec names no readme")
        need('<license type="expression">MIT</license>' in nuspec, "no licence expression")
        need("<description>" in nuspec and "<tags>" in nuspec, "no description or tags")
        need("ProtocolCore.Generators" not in nuspec, "depends on the generator (a build-time tool)")
        if package in allowed_dependencies:
            dependencies = set(re.findall(r'<dependency id="([^"]+)"', nuspec))
            need(dependencies <= allowed_dependencies[package], f"unexpected dependencies {sorted(dependencies - allowed_dependencies[package])}")
        if kind == "library":
            dlls = [n for n in names if n.startswith("lib/net10.0/") and n.endswith(".dll")]
            need(len(dlls) == 1, f"expected one assembly in lib/net10.0, found {dlls}")
            for dll in dlls:
                need(dll[:-4] + ".xml" in names, f"{dll}: no XML documentation beside it")
            need((feed / f"{package}.{version}.snupkg").exists(), "no .snupkg symbols package")
        else:
            need("<packageType name=\"DotnetTool\" />" in nuspec, "not a dotnet tool package")
            need(any(n.endswith("/DotnetToolSettings.xml") for n in names), "no DotnetToolSettings.xml")
if failures:
    print("package-tests: " + "\n  ".join(["packages are incomplete:"] + failures), file=sys.stderr)
    sys.exit(1)
print(f"package-tests: {len(expected)} packages {version} complete: " + ", ".join(sorted(expected)))
PY

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export NUGET_PACKAGES="$work/nuget-packages"
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML

mkdir "$work/consumer"
cp tests/PackageConsumer/PackageConsumer.csproj tests/PackageConsumer/Program.cs "$work/consumer/"
cp "$work/nuget.config" "$work/consumer/"
(cd "$work/consumer" && dotnet run -c Release --nologo -v quiet -p:ProtocolCoreVersion="$version")

dotnet tool install ProtocolCore.Cli --version "$version" --tool-path "$work/tools" --configfile "$work/nuget.config" >/dev/null
out="$("$work/tools/protocolcore" demo --zero-cost --rounds 1 --warmup 0.2)"
if ! grep -Eq '^turns / tool calls +19 / 24 +19 / 24$' <<<"$out"; then
    echo "package-tests: the installed protocolcore tool's demo did not run the 19 turns / 24 calls:" >&2
    echo "$out" >&2
    exit 1
fi
echo "package-tests: dotnet tool install ProtocolCore.Cli $version ran 'protocolcore demo' (19 turns / 24 tool calls each way)"
