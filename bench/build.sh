# Sourced by the bench scripts: sets DOSSIER (the binary to time) and REV (what it was built
# from). Needs ROOT, TMP and say() from the caller.
#   BENCH_BIN   a dossier binary built already (bench/all builds once for all three scripts);
#               BENCH_BIN_REV names its revision
#   BENCH_REV   a commit to build: exported with `git archive` and built in TMP with its own
#               target directory (a full build), so edits in the work tree do not leak in
#   (neither)   the work tree, with `cargo build --release`
if [[ -n ${BENCH_BIN:-} ]]; then
    DOSSIER=$BENCH_BIN
    REV=${BENCH_BIN_REV:-unknown}
    say "using dossier $REV at $DOSSIER"
elif [[ -n ${BENCH_REV:-} ]]; then
    REV=$(git -C "$ROOT" rev-parse --short "$BENCH_REV^{commit}")
    say "building dossier $REV (release) in $TMP/src"
    mkdir -p "$TMP/src"
    git -C "$ROOT" archive "$REV" | tar -x -C "$TMP/src"
    (cd "$TMP/src" && CARGO_TARGET_DIR=$TMP/target cargo build --release --quiet)
    DOSSIER=$TMP/target/release/dossier
else
    REV=$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)
    say "building dossier $REV (release)"
    (cd "$ROOT" && cargo build --release --quiet)
    DOSSIER=$ROOT/target/release/dossier
fi
