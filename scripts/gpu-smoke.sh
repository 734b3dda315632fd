#!/usr/bin/env bash
# GPU smoke check (docs/gpu.md): a JVM allocates device memory in 256 MiB steps through libcudart,
# and leakscope's vram_process, read through NVML, must rise by each step.
# Exit codes: 0 pass, 1 fail, 77 skipped (no NVIDIA driver here).
#
# With Maven here it builds what it needs. On a machine without Maven, set GPU_SMOKE_CLASSPATH to
# the classpath printed by `scripts/gpu-smoke.sh --print-classpath` on the build machine, with the
# same files copied along.
set -euo pipefail
cd "$(dirname "$0")/.."
cuda_lib="${CUDA_LIB:-/usr/local/cuda/lib64}"
for d in /usr/local/cuda-13.0/targets/x86_64-linux/lib /usr/local/cuda/targets/x86_64-linux/lib "$cuda_lib"; do
  [ -d "$d" ] && export LD_LIBRARY_PATH="$d${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
done

classpath() {
  mvn -B -q -DskipTests install > /dev/null
  mvn -B -q -pl core dependency:build-classpath -Dmdep.outputFile=target/gpu-smoke.classpath > /dev/null
  echo "core/target/test-classes:core/target/classes:native/target/classes:$(cat core/target/gpu-smoke.classpath)"
}

if [ "${1:-}" = "--print-classpath" ]; then
  classpath
  exit 0
fi
cp="${GPU_SMOKE_CLASSPATH:-$(classpath)}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
echo "== $("$java" -version 2>&1 | sed -n 1p); $(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null || echo 'nvidia-smi not found')"
exec "$java" -cp "$cp" dev.leakscope.gpu.GpuSmoke
