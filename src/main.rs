//! `bearing`: parse the command line, run it, map errors to exit codes.
//! 0 success, 1 a user or file error (message on stderr), 2 usage.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = bearing::cli::Cli::parse();
    match bearing::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let msg = bearing::cli::error_text(&e);
            // Not eprintln!: a closed terminal (SIGHUP) must not panic here.
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "bearing: {msg}");
            ExitCode::from(1)
        }
    }
}
