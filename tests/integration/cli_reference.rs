//! The book's command-line reference names every command and every flag the program has.

use clap::CommandFactory;

#[test]
fn every_command_and_flag_is_in_the_book() {
    let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/book/src/cli.md"))
        .expect("book/src/cli.md");
    let cli = normwerk::cli::Cli::command();
    let mut missing = Vec::new();
    for arg in cli.get_arguments().filter_map(|a| a.get_long()) {
        if !page.contains(&format!("`--{arg}")) {
            missing.push(format!("--{arg}"));
        }
    }
    for sub in cli.get_subcommands() {
        let name = sub.get_name();
        if !page.contains(&format!("| `{name}")) {
            missing.push(name.to_owned());
        }
        for arg in sub.get_arguments() {
            let Some(long) = arg.get_long() else { continue };
            if arg.is_global_set() || long == "help" {
                continue;
            }
            // A flag is named in its command's row (or, for a global one, above).
            let row = page
                .lines()
                .find(|l| l.starts_with(&format!("| `{name}")))
                .unwrap_or_default();
            if !row.contains(&format!("--{long}")) {
                missing.push(format!("{name} --{long}"));
            }
        }
    }
    assert!(missing.is_empty(), "not in book/src/cli.md: {missing:?}");
}
