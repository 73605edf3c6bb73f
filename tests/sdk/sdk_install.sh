#!/usr/bin/env bash
# sdk_install.sh: the SDK as an analyst meets it. Installs the build tree to
# a fresh prefix, builds the example plug-in of docs/examples/plugin out of
# tree twice (the one-line cc build with pkg-config, and CMake with
# find_package(indicate)), and loads each result with sdk_driver, which
# checks the computed figures.
#
#   sdk_install.sh BUILD_DIR SOURCE_DIR SDK_DRIVER [CMAKE [CC]]
set -euo pipefail

build=$1
source=$2
driver=$3
cmake=${4:-cmake}
cc=${5:-cc}
example="$source/docs/examples/plugin"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/indicate-sdk.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

fail() {
    echo "sdk_install: $*" >&2
    exit 1
}

# Prints a step's log only when it fails, so a passing run stays short.
run() {
    local log=$1
    shift
    if ! "$@" >"$log" 2>&1; then
        cat "$log" >&2
        fail "failed: $*"
    fi
}

prefix="$tmp/prefix"
run "$tmp/install.log" "$cmake" --install "$build" --prefix "$prefix"

# CMAKE_INSTALL_LIBDIR may be lib, lib64 or lib/<multiarch>.
pc=$(find "$prefix" -name indicate.pc -path '*/pkgconfig/*' -print -quit)
[ -n "$pc" ] || fail "no indicate.pc under $prefix"
pcdir=$(dirname "$pc")
[ -f "$prefix/include/indicate/plugin.h" ] || fail "plugin.h not installed"
for p in cp asp unpaid_work; do
    [ -n "$(find "$prefix" -path "*/indicate/plugins/$p.so" -print -quit)" ] ||
        fail "bundled plug-in $p.so not installed"
done

# The .pc file must lead to this prefix, wherever the prefix is: a prefix
# fixed when the build was configured would send the build elsewhere.
includedir=$(PKG_CONFIG_PATH="$pcdir" pkg-config --variable=includedir indicate)
real_include=$(cd "$includedir" 2>/dev/null && pwd -P || true)
case "$real_include" in
"$(cd "$prefix" && pwd -P)"/*) ;;
*) fail "$pc gives includedir=$includedir, outside the install prefix" \
        "$prefix: the prefix in indicate.pc must be relative to \${pcfiledir}" ;;
esac

# 1. The one-line build of the guide, warnings as errors so that the SDK
#    header stays clean for plug-in authors.
mkdir "$tmp/cc"
cflags=$(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags indicate)
(cd "$tmp/cc" &&
    "$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror -shared -fPIC $cflags \
        -o example.so "$example/example.c") || fail "cc build of the example failed"

# 2. CMake with find_package(indicate); the package must come from the
#    fresh prefix, not from anywhere else on the machine.
run "$tmp/configure.log" "$cmake" -S "$example" -B "$tmp/cmake" \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_C_FLAGS="-Wall -Wextra -Werror"
grep -q "^indicate_DIR:PATH=$prefix/" "$tmp/cmake/CMakeCache.txt" ||
    fail "find_package(indicate) did not use $prefix"
run "$tmp/build.log" "$cmake" --build "$tmp/cmake"
[ -f "$tmp/cmake/example.so" ] || fail "CMake build made no example.so"

# Only the entry point is exported by indicate_add_plugin's build.
exported=$(nm -D --defined-only "$tmp/cmake/example.so" | awk '$2 == "T" { print $3 }')
[ "$exported" = "indicate_plugin_entry" ] ||
    fail "example.so exports more than indicate_plugin_entry: $exported"

"$driver" "$tmp/cc/example.so"
"$driver" "$tmp/cmake/example.so"

# 3. The installed command: it finds its bundled plug-ins relative to itself
#    (not the build tree), and runs the out-of-tree plug-in on a dataset.
indicate="$prefix/bin/indicate"
[ -x "$indicate" ] || fail "indicate not installed in $prefix/bin"
env -u INDICATE_PLUGIN_PATH "$indicate" list >"$tmp/list.txt" 2>&1 || fail "installed indicate list failed"
for p in cp asp unpaid_work; do
    grep -q "^$p 1.0.0 (ABI 1.0" "$tmp/list.txt" || fail "installed indicate list lacks $p"
done
grep -q "$prefix/" "$tmp/list.txt" || fail "installed indicate list does not load plug-ins from $prefix"
cat >"$tmp/example.json" <<'JSON'
{"area": "Example", "series": [
  {"id": "asp.referrals", "unit": "count", "periods": ["2023-24"], "values": [1450]},
  {"id": "population.adults", "unit": "people", "periods": ["2023-24"], "values": [276000]}]}
JSON
env -u INDICATE_PLUGIN_PATH "$indicate" run "$tmp/example.json" --plugin "$tmp/cc/example.so" \
    --indicator asp.referrals_per_1000 --format json -o "$tmp/run.json" ||
    fail "installed indicate run with the example plug-in failed"
# 1,450 / 276,000 * 1,000 = 5.2536... per 1,000, shown to one decimal
grep -q '"display": "5.3 per 1,000"' "$tmp/run.json" ||
    fail "the example plug-in's rate is not 5.3 per 1,000: $(cat "$tmp/run.json")"
echo "sdk_install: ok"
