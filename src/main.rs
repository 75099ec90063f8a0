//! `dossier`: the command line (`dossier::cli`).

fn main() -> std::process::ExitCode {
    dossier::cli::main()
}
