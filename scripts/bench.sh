#!/usr/bin/env bash
# Runs every measurement and prints one table: criterion benchmarks (generation,
# batch, diagnosis, frames), the end-to-end pseudo-terminal measurements (startup,
# keystroke latency, memory), and a plain Python hashlib baseline for batch.
# Ratios are taken within this one run, since absolute times drift on shared machines.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "Building (release)…" >&2
cargo build --release --locked 2>/dev/null

bench() { # bench NAME -> "name ns" lines
  cargo bench --locked --bench "$1" -- --output-format bencher 2>/dev/null |
    awk '/^test /{gsub(",","",$5); print $2, $5}'
}
declare -A NS
while read -r name ns; do NS[$name]=$ns; done < <(bench generate; bench diagnose; bench frames)

ms() { awk -v n="$1" 'BEGIN{printf "%.3f ms", n/1e6}'; }
rate() { awk -v n="$1" -v k="$2" 'BEGIN{printf "%.2f M/s", k*1e3/n}'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.0f%%", 100*a/b}'; }

bare=${NS[generation/bare_md5_85_bytes]}
cores=$(nproc)
b1=${NS[batch_1m_accounts/1_threads]}
bn=${NS[batch_1m_accounts/${cores}_threads]:-$b1}

# Python baseline: the same algorithm, one account per line, plain hashlib.
python_s=$(python3 - <<'PY'
import hashlib, time
app, cert, exp = "C5D15F8FD394285DA5227B533302A518", "fe1a0437bf217bdd34cd65053fb0fe1d", "1546271999"
accounts = ["user%07d" % i for i in range(1_000_000)]
t = time.perf_counter()
out = []
for a in accounts:
    out.append("1:" + app + ":" + exp + ":" + hashlib.md5((a + app + cert + exp).encode()).hexdigest())
print(time.perf_counter() - t)
PY
)
python_ns=$(awk -v s="$python_s" 'BEGIN{printf "%d", s*1e9}')

latency=$(cargo test --release --locked --test latency -- --ignored --nocapture --test-threads 1 2>/dev/null | grep '^|' || true)

cat <<TABLE
Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $cores cores

| measurement | result | goal | ratio |
|---|---|---|---|
| bare MD5, 85 bytes | ${bare} ns | | 100% |
| token sign (no allocation) | ${NS[generation/sign]} ns | ≥ 85% of bare MD5 | $(pct "$bare" "${NS[generation/sign]}") |
| batch's token into a buffer | ${NS[generation/batch_token_into_buffer]} ns | ≥ 85% of bare MD5 | $(pct "$bare" "${NS[generation/batch_token_into_buffer]}") |
| token as a String | ${NS[generation/token_string]} ns | | $(pct "$bare" "${NS[generation/token_string]}") |
| batch 1M accounts, 1 thread | $(ms "$b1") ($(rate "$b1" 1000000)) | ≥ 70% of bare MD5 | $(awk -v b="$bare" -v t="$b1" 'BEGIN{printf "%.0f%%", 100*b*1e6/t}') |
| batch 1M accounts, $cores threads | $(ms "$bn") ($(rate "$bn" 1000000)) | ≥ 70% of $cores × bare MD5 | $(awk -v b="$bare" -v t="$bn" -v c="$cores" 'BEGIN{printf "%.0f%%", 100*b*1e6/(t*c)}') |
| Python hashlib, 1M accounts | $(ms "$python_ns") | batch ≥ 6× faster | $(awk -v p="$python_ns" -v t="$bn" 'BEGIN{printf "%.1f×", p/t}') |
| batch into a pipe (command path, progress hidden), CPU time, file / stdin | $(ms "${NS[batch_1m_accounts_cpu_time/command_path_file]}") / $(ms "${NS[batch_1m_accounts_cpu_time/command_path_stdin]}"), bare pipeline $(ms "${NS[batch_1m_accounts_cpu_time/bare]}") | ≤ 5% slower than bare | $(pct "${NS[batch_1m_accounts_cpu_time/command_path_file]}" "${NS[batch_1m_accounts_cpu_time/bare]}") / $(pct "${NS[batch_1m_accounts_cpu_time/command_path_stdin]}" "${NS[batch_1m_accounts_cpu_time/bare]}") |
| default mistake search (1 core) | $(ms "${NS[diagnose/default_search]}") | ≤ 300 ms | |
| default search + 1M candidate accounts | $(ms "${NS[diagnose/default_search_plus_1m_accounts]}") | candidates ≥ 80% of bare MD5 per core | $(awk -v b="$bare" -v t="${NS[diagnose/default_search_plus_1m_accounts]}" -v d="${NS[diagnose/default_search]}" -v c="$cores" 'BEGIN{printf "%.0f%%", 100*b*1e6/((t-d)*c)}') |
| keystroke: update + render, 100x30 | $(ms "${NS[keystroke/update_and_render_100x30]}") | ≤ 0.5 ms | |
| keystroke: update + render, 200x60 | $(ms "${NS[keystroke/update_and_render_200x60]}") | | |
| clock tick (no token recomputed) | ${NS[keystroke/clock_tick]} ns | | |
TABLE
echo
echo "| end to end, in a pseudo-terminal | result |"
echo "|---|---|"
echo "$latency"
