#!/usr/bin/env bash
# Builds liblayeract_tf.so (the native LayerAct kernels) into OUT_DIR; run by Maven (layeract-tf/pom.xml).
#   build.sh OUT_DIR REQUIRED     REQUIRED=true: a missing compiler or another platform fails the build
# Without g++ or off linux-x86_64 it prints one line and builds nothing: the library then uses its fused XLA
# implementation. Needs no TensorFlow headers or binaries: the C API is declared in tf_c_api.h, and the link is
# against a stub libtensorflow_framework.so.2 made of empty functions with the names declared there; at run time the
# symbols bind to the framework library TF Java has loaded.
set -euo pipefail
out="$1"
required="${2:-false}"
src="$(cd "$(dirname "$0")" && pwd)"
lib="$out/liblayeract_tf.so"

skip() {
  if [[ "$required" == "true" ]]; then
    echo "layeract-tf: native kernels required (layeract.native.required=true) but $1" >&2
    exit 1
  fi
  echo "layeract-tf: native kernels not built: $1 (the fused implementation will be used)"
  exit 0
}

[[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]] || skip "the platform is $(uname -s)-$(uname -m), not Linux-x86_64"
command -v "${CXX:-g++}" >/dev/null 2>&1 || skip "no C++ compiler (${CXX:-g++}) on PATH"
cxx="${CXX:-g++}"

# up to date: nothing to do
if [[ -f "$lib" && -z "$(find "$src" -newer "$lib" -type f -print -quit)" ]]; then
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
grep -oE '\bTF_[A-Za-z0-9_]+\(' "$src/tf_c_api.h" | tr -d '(' | sort -u | sed 's/.*/void &(void) {}/' > "$work/stub.c"
"$cxx" -x c -shared -fPIC -Wl,-soname,libtensorflow_framework.so.2 -o "$work/libtensorflow_framework.so.2" "$work/stub.c"

flags=(-std=c++17 -O2 -fPIC -ffp-contract=fast -fvisibility=hidden -Wall -Wextra -Werror)
"$cxx" "${flags[@]}" -DLAYERACT_ISA=avx -DLAYERACT_VECTOR_BYTES=32 -mavx -c "$src/layeract_isa.cc" -o "$work/avx.o" &
"$cxx" "${flags[@]}" -DLAYERACT_ISA=avx2 -DLAYERACT_VECTOR_BYTES=32 -mavx2 -mfma -c "$src/layeract_isa.cc" \
  -o "$work/avx2.o" &
"$cxx" "${flags[@]}" -DLAYERACT_ISA=avx512 -DLAYERACT_VECTOR_BYTES=64 -mavx512f -mavx2 -mfma \
  -c "$src/layeract_isa.cc" -o "$work/avx512.o" &
"$cxx" "${flags[@]}" -c "$src/layeract_ops.cc" -o "$work/ops.o" &
for job in $(jobs -p); do wait "$job"; done
"$cxx" -shared -o "$work/liblayeract_tf.so" "$work"/{ops,avx,avx2,avx512}.o -L"$work" -l:libtensorflow_framework.so.2 \
  -static-libstdc++ -static-libgcc -s -Wl,-z,defs -Wl,--as-needed

mkdir -p "$out"
mv -f "$work/liblayeract_tf.so" "$lib"
echo "layeract-tf: built native kernels $lib"
