#!/usr/bin/env bash
# Checks that libprotocolcore.so exports exactly the pc_ functions that include/protocolcore.h declares.
# Usage: eng/check-native-exports.sh [path/to/libprotocolcore.so]   (default: artifacts/native/libprotocolcore.so)
set -euo pipefail
cd "$(dirname "$0")/.."
lib="${1:-artifacts/native/libprotocolcore.so}"
header="src/Native/include/protocolcore.h"
[[ -f "$lib" ]] || { echo "check-native-exports: $lib not found (publish src/Native first)" >&2; exit 1; }

# Symbols carry a version suffix (pc_x@@V1.0): keep the name only.
exported="$(nm -D --defined-only "$lib" | awk '{print $3}' | sed 's/@.*//' | grep '^pc_' | sort -u)"
# Declarations look like: PC_API <type> PC_CALL pc_name(
declared="$(grep -oE 'PC_CALL[[:space:]]+pc_[a-z0-9_]+[[:space:]]*\(' "$header" | sed -E 's/PC_CALL[[:space:]]+//; s/[[:space:]]*\(//' | sort -u)"

if [[ -z "$declared" ]]; then
    echo "check-native-exports: no pc_ declarations found in $header" >&2
    exit 1
fi

if [[ "$exported" != "$declared" ]]; then
    echo "check-native-exports: exported symbols and header declarations differ (< exported only, > declared only):" >&2
    diff <(echo "$exported") <(echo "$declared") | grep '^[<>]' >&2 || true
    exit 1
fi

echo "check-native-exports: $(echo "$exported" | wc -l) pc_ functions, exported and declared alike"
