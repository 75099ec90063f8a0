# Sourced by the bench scripts: measure() times one command. Needs TMP, RESULTS and say()
# from the caller.

HZ=$(getconf CLK_TCK)
# CPU time (jiffies) all CPUs spent busy since boot, from /proc/stat.
busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }

# measure JOB SCALE TOOL RUN CMD...: runs CMD once, appends "job scale tool run wall cpu
# rss_kb other" to the results, where other is the CPU time the rest of the machine used
# meanwhile (other processes competing for the 2 cores make the wall time unreliable; the
# summary flags it). The command's stdout is kept in $TMP/stdout.
measure() {
    local job=$1 scale=$2 tool=$3 run=$4
    shift 4
    local t0 t1 busy0 busy1
    busy0=$(busy)
    t0=$(date +%s%N)
    /usr/bin/time -o "$TMP/time" -f '%U %S %M' "$@" >"$TMP/stdout" 2>"$TMP/stderr" || {
        say "$tool $job failed:"
        tail -20 "$TMP/stderr" >&2
        exit 1
    }
    t1=$(date +%s%N)
    busy1=$(busy)
    read -r user sys rss <"$TMP/time"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$job" "$scale" "$tool" "$run" \
        "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')" \
        "$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" \
        "$rss" \
        "$(awk -v a="$busy0" -v b="$busy1" -v u="$user" -v s="$sys" -v hz="$HZ" \
            'BEGIN { o = (b - a) / hz - u - s; printf "%.2f", o < 0 ? 0 : o }')" >>"$RESULTS"
}
