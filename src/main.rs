//! `bearing`: parse the command line, run it, map errors to exit codes.
//! 0 success, 1 a user or file error (message on stderr), 2 usage.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

fn main() -> ExitCode {
    let cli = bearing::cli::Cli::parse();
    if let Some(msg) = bearing::cli::misplaced_plan_flag(&cli) {
        bearing::cli::Cli::command()
            .error(clap::error::ErrorKind::ArgumentConflict, msg)
            .exit();
    }
    // Git's merge driver speaks in its own exit codes (0 clean, 1 conflicts,
    // 2 not written) and needs no plan location or date.
    if let Some(bearing::cli::Command::MergeDriver(args)) = &cli.command {
        return ExitCode::from(bearing::cli::merge_driver::run(args));
    }
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
