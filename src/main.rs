use clap::Parser;
use std::process::ExitCode;

// glibc's allocator took a fifth of a 10,000-document build (its thread arenas also grow by a
// system call per few pages); mimalloc, as ruff and uv use, is faster for many small strings.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = normwerk::cli::Cli::parse();
    match normwerk::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("normwerk: error: {e:#}");
            ExitCode::from(normwerk::cli::EXIT_USAGE)
        }
    }
}
