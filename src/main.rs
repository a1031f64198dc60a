use clap::Parser;
use std::process::ExitCode;

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
