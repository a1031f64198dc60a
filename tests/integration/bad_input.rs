//! The bad-input suite (book/src/guarantees.md, "The bad-input suite"): one case per hostile
//! input, each run in a sandbox of its own. A sandbox is a temporary folder holding `sandbox/src`
//! (two good documents of our sample corpus, each with one harmless `warning[unknown-key]` so that
//! the lint's report names them, plus the hostile piece) and a canary file beside `sandbox`.
//!
//! For every command of a case the runner asserts the exit code, that the output names the
//! hostile file, that the other documents were processed (the lint names them; a refusal counts
//! every document; a site has their pages), that nothing outside the output changed (paths,
//! sizes and modification times of the whole temporary folder, canary included) and that no
//! command panicked or ran past [`TIMEOUT`].
//!
//! Special files (FIFOs, links, unreadable or huge files) are made at run time: the setup of a
//! case is its fixture.

use crate::common::normwerk;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, SystemTime};

/// No command of the suite may take longer: a hang is a failure, never a stuck CI job.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The good documents of every sandbox, by file id.
const GOOD: [&str; 2] = [
    "scs-0001-v1-document-lifecycle",
    "scs-0002-v1-contribution-workflow",
];

/// A command of a case, run in the sandbox (`sandbox/` is the working directory).
#[derive(Debug, Clone, Copy)]
enum Cmd {
    /// `normwerk lint src`.
    Lint,
    /// `normwerk lint src/<file>`: a file named on the command line.
    LintFile(&'static str),
    /// `normwerk build --source src --out <out> --no-history`.
    Build,
    /// `normwerk build --source src --out <out>` (the lifecycle from git).
    BuildHistory,
    /// `normwerk index --source src --no-history` (to standard output).
    Index,
    /// `normwerk index --source src` (the lifecycle from git).
    IndexHistory,
    /// `normwerk query --source src`.
    Query,
    /// `normwerk history --source src`.
    History,
}

/// One hostile input: what `setup` puts into the sandbox, and for each command the exit code
/// and a text that names the hostile file (for a site that is built: the path of its page under
/// the output folder, which must exist; empty when the case has nothing to name).
struct Case {
    setup: fn(&Sandbox),
    runs: &'static [(Cmd, i32, &'static str)],
    /// Documents the lint and a refusal count (`N documents checked`).
    docs: usize,
    /// The output folder, relative to the sandbox (or absolute).
    out: &'static str,
    /// Assertions of the case's own, after the commands.
    check: fn(&Sandbox),
    /// Why the case cannot run here, if it cannot (printed: a skip is visible).
    skip: fn() -> Option<&'static str>,
}

const BASE: Case = Case {
    setup: |_| {},
    runs: &[],
    docs: 3,
    out: "out",
    check: |_| {},
    skip: || None,
};

/// A temporary folder with `canary.txt` and `sandbox/src`.
struct Sandbox {
    tmp: tempfile::TempDir,
    root: PathBuf,
    src: PathBuf,
}

impl Sandbox {
    fn new() -> Sandbox {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("canary.txt"), "canary\n").unwrap();
        let root = tmp.path().join("sandbox");
        let src = root.join("src");
        std::fs::create_dir_all(&src).unwrap();
        for id in GOOD {
            let text = std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("standards-src/{id}.md")),
            )
            .unwrap();
            // One harmless warning, so that the lint's report names the document.
            let text = text.replacen("---\n", "---\nx-note: 1\n", 1);
            std::fs::write(src.join(format!("{id}.md")), text).unwrap();
        }
        Sandbox { tmp, root, src }
    }

    /// Writes a file of the source folder.
    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) {
        let path = self.src.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// A symbolic link in the source folder.
    fn symlink(&self, name: &str, target: impl AsRef<Path>) {
        std::os::unix::fs::symlink(target, self.src.join(name)).unwrap();
    }

    /// Runs `normwerk` in the sandbox with `args`, within [`TIMEOUT`].
    fn normwerk(&self, args: &[&str]) -> Output {
        let out = normwerk()
            .current_dir(&self.root)
            .args(args)
            .timeout(TIMEOUT)
            .output()
            .unwrap_or_else(|e| panic!("normwerk {args:?} did not finish: {e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("panicked"),
            "normwerk {args:?} panicked:\n{stderr}"
        );
        // A timeout kills the process: no exit code.
        assert!(
            out.status.code().is_some(),
            "normwerk {args:?} was killed after {TIMEOUT:?} (a hang?)\n{stderr}"
        );
        out
    }

    /// Every path under the temporary folder (links not followed) with its type, size and
    /// modification time.
    fn listing(&self) -> Listing {
        let mut all = BTreeMap::new();
        let mut stack = vec![self.tmp.path().to_owned()];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap() {
                let path = e.unwrap().path();
                let meta = std::fs::symlink_metadata(&path).unwrap();
                let kind = format!("{:?}", meta.file_type());
                all.insert(path.clone(), (kind, meta.len(), meta.modified().unwrap()));
                if meta.is_dir() {
                    stack.push(path);
                }
            }
        }
        all
    }

    fn page(&self, out: &Path, rel: &str) -> String {
        std::fs::read_to_string(out.join(rel))
            .unwrap_or_else(|e| panic!("{}: {e}", out.join(rel).display()))
    }
}

/// Paths with type, size and modification time.
type Listing = BTreeMap<PathBuf, (String, u64, SystemTime)>;

/// `listing` without the output folder `out` and without the modification time of the folder
/// holding it (which creating `out` changes).
fn outside(mut listing: Listing, out: &Path) -> Listing {
    listing.retain(|p, _| !p.starts_with(out));
    if let Some(entry) = out.parent().and_then(|p| listing.get_mut(p)) {
        entry.2 = SystemTime::UNIX_EPOCH;
    }
    listing
}

/// What differs between two listings, one line per path.
fn changes(before: &Listing, after: &Listing) -> Vec<String> {
    let mut out = Vec::new();
    for (p, a) in after {
        match before.get(p) {
            None => out.push(format!("created {}", p.display())),
            Some(b) if b != a => out.push(format!("changed {}: {b:?} -> {a:?}", p.display())),
            _ => {}
        }
    }
    for p in before.keys().filter(|p| !after.contains_key(*p)) {
        out.push(format!("removed {}", p.display()));
    }
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs a case: setup, each command with its assertions, the case's own check.
fn run(name: &str, case: &Case) {
    if let Some(why) = (case.skip)() {
        println!("note: bad-input case {name} skipped: {why}");
        eprintln!("note: bad-input case {name} skipped: {why}");
        return;
    }
    let sb = Sandbox::new();
    (case.setup)(&sb);
    let out = sb.root.join(case.out);
    let out_arg = out.to_str().unwrap().to_owned();
    let before = sb.listing();
    let out_existed = std::fs::symlink_metadata(&out).is_ok();
    let mut built = false;
    for &(cmd, code, names) in case.runs {
        let args: Vec<&str> = match cmd {
            Cmd::Lint => vec!["lint", "src"],
            Cmd::LintFile(_) => vec!["lint"],
            Cmd::Build => vec![
                "build",
                "--source",
                "src",
                "--out",
                &out_arg,
                "--no-history",
            ],
            Cmd::BuildHistory => vec!["build", "--source", "src", "--out", &out_arg],
            Cmd::Index => vec!["index", "--source", "src", "--no-history"],
            Cmd::IndexHistory => vec!["index", "--source", "src"],
            Cmd::Query => vec!["query", "--source", "src"],
            Cmd::History => vec!["history", "--source", "src"],
        };
        let file;
        let mut args = args;
        if let Cmd::LintFile(f) = cmd {
            file = format!("src/{f}");
            args.push(&file);
        }
        let output = sb.normwerk(&args);
        let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
        let both = format!("{stdout}{stderr}");
        let context =
            format!("case {name}: normwerk {args:?}\n--- stdout\n{stdout}\n--- stderr\n{stderr}");
        assert_eq!(output.status.code(), Some(code), "{context}");
        let is_build = matches!(cmd, Cmd::Build | Cmd::BuildHistory);
        if is_build && code == 0 {
            built = true;
            // The good documents' pages, and the hostile one's when it has one.
            for id in GOOD {
                let page = out.join(format!("standards/{id}/index.html"));
                assert!(page.is_file(), "{} missing; {context}", page.display());
            }
            if !names.is_empty() {
                assert!(out.join(names).is_file(), "{names} missing; {context}");
            }
        } else {
            assert!(both.contains(names), "`{names}` not named; {context}");
        }
        match (cmd, code) {
            (Cmd::Lint, _) => {
                for id in GOOD {
                    assert!(
                        stdout.contains(&format!("src/{id}.md:2:1")),
                        "{id} not linted; {context}"
                    );
                }
                let summary = format!("{} documents checked", case.docs);
                assert!(stdout.contains(&summary), "no `{summary}`; {context}");
            }
            (Cmd::Build | Cmd::Index | Cmd::Query | Cmd::BuildHistory | Cmd::IndexHistory, 1) => {
                // A refusal: the lint's findings, every document counted, nothing written.
                let summary = format!("{} documents checked", case.docs);
                assert!(stderr.contains(&summary), "no `{summary}`; {context}");
                assert!(
                    stderr.contains("cannot be published as they are, so nothing was written"),
                    "{context}"
                );
                assert!(stdout.is_empty(), "{context}");
            }
            (Cmd::Index | Cmd::IndexHistory, 0) => {
                for id in GOOD {
                    assert!(stdout.contains(&format!("\"{id}.md\"")), "{id}; {context}");
                }
            }
            _ => {}
        }
        if !built && !out_existed {
            assert!(!out.exists(), "{} was written; {context}", out.display());
        }
        let (before, after) = if built {
            (outside(before.clone(), &out), outside(sb.listing(), &out))
        } else {
            (before.clone(), sb.listing())
        };
        let changed = changes(&before, &after);
        assert!(
            changed.is_empty(),
            "something outside the output changed: {changed:#?}; {context}"
        );
    }
    (case.check)(&sb);
}

/// A document of the sandbox: frontmatter with `x-note` (a warning that names it), `title`,
/// `extra` frontmatter lines, and `body` after an introduction heading.
fn doc(title: &str, extra: &str, body: &str) -> String {
    format!(
        "---\nx-note: 1\ntitle: {title}\ntype: Procedural\nstatus: Draft\ntrack: Global\n{extra}---\n\n## Introduction\n\n{body}\n"
    )
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo {}", path.display());
}

/// One `#[test]` per case of the table, named after it.
macro_rules! suite {
    ($($(#[$attr:meta])* $name:ident: $case:expr;)*) => {
        $(
            #[test]
            $(#[$attr])*
            fn $name() {
                run(stringify!($name), &$case);
            }
        )*
    };
}

use Cmd::*;

/// The lint refuses a file (exit 1), `build`, `index` and `query` refuse the corpus (exit 1).
macro_rules! refused {
    ($lint:expr, $names:expr) => {
        &[
            (Lint, 1, $lint),
            (Build, 1, $names),
            (Index, 1, $names),
            (Query, 1, $names),
        ]
    };
}

suite! {
    // Encodings and line ends.
    not_utf8: Case {
        setup: |s| s.write("scs-0003-v1-latin1.md", b"---\nx-note: 1\ntitle: Gr\xfc\xdfe\n---\n"),
        runs: refused!("src/scs-0003-v1-latin1.md:3:10", "scs-0003-v1-latin1.md"),
        docs: 2,
        ..BASE
    };
    utf16: Case {
        setup: |s| {
            let mut bytes = vec![0xff, 0xfe];
            bytes.extend(doc("UTF-16", "", "Text").encode_utf16().flat_map(u16::to_le_bytes));
            s.write("scs-0003-v1-utf16.md", bytes);
        },
        runs: refused!("src/scs-0003-v1-utf16.md:1:1", "scs-0003-v1-utf16.md"),
        docs: 2,
        ..BASE
    };
    byte_order_mark: Case {
        setup: |s| s.write("scs-0003-v1-bom.md", format!("\u{feff}{}", doc("BOM", "", "Text"))),
        runs: &[
            (Lint, 0, "src/scs-0003-v1-bom.md:2:1"),
            (Build, 0, "standards/scs-0003-v1-bom/index.html"),
            (Index, 0, "scs-0003-v1-bom.md"),
        ],
        ..BASE
    };
    crlf_line_ends: Case {
        setup: |s| s.write("scs-0003-v1-crlf.md", doc("CRLF", "", "Text").replace('\n', "\r\n")),
        runs: &[
            (Lint, 0, "src/scs-0003-v1-crlf.md:2:1"),
            (Build, 0, "standards/scs-0003-v1-crlf/index.html"),
        ],
        ..BASE
    };
    cr_line_ends: Case {
        // Old Mac line ends: one long line, so no `---` line opens a frontmatter.
        setup: |s| s.write("scs-0003-v1-cr.md", doc("CR", "", "Text").replace('\n', "\r")),
        runs: refused!("src/scs-0003-v1-cr.md:1:1", "scs-0003-v1-cr.md"),
        ..BASE
    };
    binary: Case {
        setup: |s| s.write("scs-0003-v1-binary.md", (0..=255u8).cycle().take(4096).collect::<Vec<_>>()),
        runs: refused!("src/scs-0003-v1-binary.md:", "scs-0003-v1-binary.md"),
        docs: 2,
        ..BASE
    };

    // Frontmatter.
    empty_file: Case {
        setup: |s| s.write("scs-0003-v1-empty.md", ""),
        runs: refused!("src/scs-0003-v1-empty.md\n", "scs-0003-v1-empty.md"),
        ..BASE
    };
    frontmatter_only: Case {
        setup: |s| s.write("scs-0003-v1-fm-only.md", "---\nx-note: 1\ntitle: Only\ntype: Procedural\nstatus: Draft\ntrack: Global\n---\n"),
        runs: &[
            (Lint, 0, "src/scs-0003-v1-fm-only.md:2:1"),
            (Build, 0, "standards/scs-0003-v1-fm-only/index.html"),
        ],
        ..BASE
    };
    no_closing_dashes: Case {
        setup: |s| s.write("scs-0003-v1-open.md", "---\nx-note: 1\ntitle: Open\ntype: Procedural\n\nBody\n"),
        runs: refused!("src/scs-0003-v1-open.md:1:1", "scs-0003-v1-open.md"),
        ..BASE
    };
    no_frontmatter: Case {
        setup: |s| s.write("scs-0003-v1-none.md", "# Just a title\n"),
        runs: refused!("src/scs-0003-v1-none.md:1:1", "scs-0003-v1-none.md"),
        ..BASE
    };
    frontmatter_not_a_mapping: Case {
        setup: |s| s.write("scs-0003-v1-list.md", "---\n- a\n- b\n---\nBody\n"),
        runs: refused!("src/scs-0003-v1-list.md:2:1", "scs-0003-v1-list.md"),
        ..BASE
    };
    tabs: Case {
        setup: |s| s.write("scs-0003-v1-tabs.md", "---\nx-note: 1\ntitle:\tTabs\ntype: Procedural\n\tstatus: Draft\ntrack: Global\n---\nBody\n"),
        runs: refused!("src/scs-0003-v1-tabs.md:3:", "scs-0003-v1-tabs.md"),
        ..BASE
    };
    duplicate_keys: Case {
        setup: |s| s.write("scs-0003-v1-dup.md", doc("One", "title: Two\n", "Text")),
        runs: refused!("src/scs-0003-v1-dup.md:7:1", "scs-0003-v1-dup.md"),
        ..BASE
    };
    aliases: Case {
        setup: |s| s.write("scs-0003-v1-alias.md", "---\nx-note: 1\ntitle: &t Aliased\ndescription: *t\ntype: Procedural\nstatus: Draft\ntrack: Global\n---\n\n## Introduction\n\nText\n"),
        runs: &[
            (Lint, 0, "src/scs-0003-v1-alias.md:2:1"),
            (Build, 0, "standards/scs-0003-v1-alias/index.html"),
        ],
        ..BASE
    };
    alias_bomb: Case {
        setup: |s| {
            let mut yaml = String::from("---\nx-note: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
            for i in 1..9 {
                let p = i - 1;
                yaml.push_str(&format!("a{i}: &a{i} [{}]\n", vec![format!("*a{p}"); 10].join(", ")));
            }
            yaml.push_str("title: Bomb\ntype: Procedural\nstatus: Draft\ntrack: Global\n---\n");
            s.write("scs-0003-v1-bomb.md", yaml);
        },
        runs: refused!("aliases expand to too many values", "scs-0003-v1-bomb.md"),
        ..BASE
    };
    deep_nesting_in_frontmatter: Case {
        setup: |s| s.write("scs-0003-v1-deep.md", doc("Deep", &format!("description: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)), "Text")),
        runs: refused!("src/scs-0003-v1-deep.md:7:", "scs-0003-v1-deep.md"),
        ..BASE
    };
    deep_nesting_in_body: Case {
        setup: |s| s.write("scs-0003-v1-deep.md", doc("Deep", "", &format!("{}x\n\n{}y", "> ".repeat(10_000), "- ".repeat(10_000)))),
        runs: &[
            (Lint, 0, "src/scs-0003-v1-deep.md:2:1"),
            (Build, 0, "standards/scs-0003-v1-deep/index.html"),
        ],
        ..BASE
    };
    five_megabyte_line: Case {
        setup: |s| s.write("scs-0003-v1-long-line.md", doc("Long line", "", &"word ".repeat(1_000_000))),
        runs: &[
            (Lint, 0, "src/scs-0003-v1-long-line.md:2:1"),
            (Build, 0, "standards/scs-0003-v1-long-line/index.html"),
        ],
        ..BASE
    };
    fifty_megabyte_document: Case {
        // Sparse: 50 MB on paper, no disk; refused by its size before a byte is read.
        setup: |s| {
            let f = std::fs::File::create(s.src.join("scs-0003-v1-huge.md")).unwrap();
            f.set_len(50 << 20).unwrap();
        },
        runs: refused!("it has 52428800 bytes, more than the limit", "scs-0003-v1-huge.md"),
        docs: 2,
        ..BASE
    };

    // Files that cannot be read.
    folder_named_x_md: Case {
        setup: |s| std::fs::create_dir(s.src.join("scs-0003-v1-folder.md")).unwrap(),
        runs: refused!("it is a folder, not a regular file", "scs-0003-v1-folder.md"),
        docs: 2,
        ..BASE
    };
    folder_named_dot_md: Case {
        // A hidden name, like `.git`: not a document, passed over; named, it is said so.
        setup: |s| std::fs::create_dir(s.src.join(".md")).unwrap(),
        runs: &[
            (Lint, 0, ""),
            // Named, it is said so, and a path that holds no document is an error.
            (LintFile(".md"), 2, "src/.md was not linted"),
            (Build, 0, ""),
        ],
        docs: 2,
        check: |s| assert!(!s.root.join("out/.md").exists()),
        ..BASE
    };
    symlink_loop: Case {
        setup: |s| s.symlink("scs-0003-v1-loop.md", "scs-0003-v1-loop.md"),
        runs: refused!("it is a link that leads in a loop", "scs-0003-v1-loop.md"),
        docs: 2,
        ..BASE
    };
    dangling_symlink: Case {
        setup: |s| s.symlink("scs-0003-v1-dangling.md", "nowhere.md"),
        runs: refused!("it is a symbolic link to nowhere.md, which does not exist", "scs-0003-v1-dangling.md"),
        docs: 2,
        ..BASE
    };
    fifo: Case {
        setup: |s| mkfifo(&s.src.join("scs-0003-v1-pipe.md")),
        runs: refused!("it is a named pipe (FIFO), not a regular file", "scs-0003-v1-pipe.md"),
        docs: 2,
        ..BASE
    };
    fifo_named_on_the_command_line: Case {
        setup: |s| mkfifo(&s.src.join("scs-0003-v1-pipe.md")),
        runs: &[(LintFile("scs-0003-v1-pipe.md"), 1, "src/scs-0003-v1-pipe.md\n")],
        check: |s| {
            let out = s.normwerk(&["lint", "src/scs-0003-v1-pipe.md", "--format", "concise"]);
            assert!(text(&out.stdout).contains("src/scs-0003-v1-pipe.md: error[unreadable]: cannot read: it is a named pipe"));
        },
        ..BASE
    };
    permission_denied: Case {
        setup: |s| {
            use std::os::unix::fs::PermissionsExt as _;
            let path = s.src.join("scs-0003-v1-secret.md");
            std::fs::write(&path, doc("Secret", "", "Text")).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
        },
        runs: refused!("src/scs-0003-v1-secret.md", "scs-0003-v1-secret.md"),
        docs: 2,
        skip: || root_reads_everything().then_some("running as root, where mode 000 does not deny reading"),
        ..BASE
    };
    document_symlink_outside: Case {
        setup: |s| {
            std::fs::write(s.root.join("secret.md"), doc("Secret", "", "TOP-SECRET")).unwrap();
            s.symlink("scs-0003-v1-leak.md", "../secret.md");
        },
        runs: refused!("it is a symbolic link that leads outside", "scs-0003-v1-leak.md"),
        docs: 2,
        ..BASE
    };
    document_symlink_to_etc_passwd: Case {
        setup: |s| s.symlink("scs-0003-v1-passwd.md", "/etc/passwd"),
        runs: refused!("(to /etc/passwd)", "scs-0003-v1-passwd.md"),
        docs: 2,
        ..BASE
    };

    // File names.
    name_with_spaces: Case {
        setup: |s| s.write("scs-0003-v1-with space.md", doc("Spaces", "", "[self](<scs-0003-v1-with space.md>)")),
        runs: &[
            (Lint, 1, "src/scs-0003-v1-with space.md\n"),
            (Build, 0, "standards/scs-0003-v1-with space/index.html"),
        ],
        ..BASE
    };
    name_non_ascii: Case {
        setup: |s| s.write("scs-0003-v1-grüße.md", doc("Grüße", "", "Text")),
        runs: &[
            (Lint, 1, "src/scs-0003-v1-grüße.md\n"),
            (Build, 0, "standards/scs-0003-v1-grüße/index.html"),
            (Index, 0, "scs-0003-v1-grüße.md"),
        ],
        ..BASE
    };
    name_with_ampersand: Case {
        setup: |s| s.write("scs-0003-v1-a&b.md", doc("Amp", "", "[self](scs-0003-v1-a&b.md)")),
        runs: &[
            (Lint, 1, "src/scs-0003-v1-a&b.md\n"),
            (Build, 0, "standards/scs-0003-v1-a&b/index.html"),
        ],
        check: |s| {
            let html = s.page(&s.root.join("out"), "index.html");
            assert!(html.contains("href=\"standards/scs-0003-v1-a&amp;b/index.html\""), "{html}");
        },
        ..BASE
    };
    name_with_quotes_and_angle_brackets: Case {
        setup: |s| s.write("scs-0003-v1-q\"u'o<t>.md", doc("Quotes", "", "Text")),
        runs: &[
            (Lint, 1, "src/scs-0003-v1-q\"u'o<t>.md\n"),
            (Build, 0, "standards/scs-0003-v1-q\"u'o<t>/index.html"),
        ],
        check: |s| {
            let html = s.page(&s.root.join("out"), "index.html");
            assert!(html.contains("href=\"standards/scs-0003-v1-q&quot;u&#39;o&lt;t&gt;/index.html\""), "{html}");
        },
        ..BASE
    };
    attachment_named_with_ampersand_quotes_brackets: Case {
        setup: |s| {
            s.write("img/a&b \"q\" <x>.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
            s.write("scs-0003-v1-pic.md", doc("Picture", "", "![pic](img/a%26b%20%22q%22%20%3Cx%3E.svg)"));
        },
        runs: &[
            (Lint, 0, "src/scs-0003-v1-pic.md:2:1"),
            (Build, 0, "standards/scs-0003-v1-pic/img/a&b \"q\" <x>.svg"),
        ],
        ..BASE
    };
    case_only_duplicates: Case {
        setup: |s| {
            s.write("scs-0003-v1-twin.md", doc("Twin", "", "Text"));
            s.write("scs-0003-v1-Twin.md", doc("Twin", "", "Text"));
        },
        runs: refused!("`scs-0003-v1-twin.md` has the same number and version as `scs-0003-v1-Twin.md`", "scs-0003-v1-Twin.md"),
        docs: 4,
        ..BASE
    };

    // Links.
    link_dotdot_outside: Case {
        setup: |s| {
            std::fs::write(s.root.join("secret.txt"), "TOP-SECRET").unwrap();
            s.write("scs-0003-v1-out.md", doc("Out", "", "[x](../secret.txt)"));
        },
        runs: refused!("src/scs-0003-v1-out.md:11:1", "scs-0003-v1-out.md"),
        ..BASE
    };
    image_symlink_to_etc_passwd: Case {
        setup: |s| {
            s.symlink("leak.png", "/etc/passwd");
            s.write("scs-0003-v1-leak.md", doc("Leak", "", "![x](leak.png)"));
        },
        runs: refused!("src/scs-0003-v1-leak.md:11:1", "scs-0003-v1-leak.md"),
        ..BASE
    };
    folder_symlink_to_etc: Case {
        setup: |s| {
            s.symlink("etc", "/etc");
            s.write("scs-0003-v1-etc.md", doc("Etc", "", "![x](etc/shadow)"));
        },
        runs: refused!("src/scs-0003-v1-etc.md:11:1", "scs-0003-v1-etc.md"),
        ..BASE
    };
    link_into_git_folder: Case {
        setup: |s| {
            s.write(".git/config", "[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n");
            s.write("scs-0003-v1-git.md", doc("Git", "", "[x](.git/config)"));
        },
        runs: refused!("src/scs-0003-v1-git.md:11:1", "scs-0003-v1-git.md"),
        ..BASE
    };
    linked_html_and_svg_with_script: Case {
        setup: |s| {
            s.write("print.html", "<script>alert(1)</script>");
            s.write("flow.svg", "<svg onload=\"alert(1)\"/>");
            s.write("scs-0003-v1-act.md", doc("Act", "", "[p](print.html) ![f](flow.svg)"));
        },
        runs: refused!("src/scs-0003-v1-act.md:11:1", "scs-0003-v1-act.md"),
        ..BASE
    };
    linked_file_in_place_of_the_index: Case {
        setup: |s| {
            s.write("api/v1/index.json", "{\"fake\": true}");
            s.write("x/y/scs-0003-v1-deep.md", doc("Deep", "", "[i](../../api/v1/index.json)"));
        },
        runs: &[(Lint, 0, "src/x/y/scs-0003-v1-deep.md")],
        // Not a lint finding (the lint does not know the site's pages): the build refuses.
        check: |s| {
            let out = s.normwerk(&["build", "--source", "src", "--out", "out", "--no-history"]);
            assert_eq!(out.status.code(), Some(1));
            let stderr = text(&out.stderr);
            assert!(
                stderr.contains("src/x/y/scs-0003-v1-deep.md: `../../api/v1/index.json` would be published at api/v1/index.json"),
                "{stderr}"
            );
            assert!(!s.root.join("out").exists(), "nothing written");
        },
        ..BASE
    };
    source_folder_linked_out_of_the_repository: Case {
        // A pull request commits `docs -> /` and a CI job runs `--source docs`.
        setup: |s| {
            git(s, &["init", "-q", "."]);
            std::os::unix::fs::symlink("/", s.root.join("docs")).unwrap();
        },
        check: |s| {
            for cmd in [&["lint", "docs"][..], &["build", "--source", "docs", "--out", "out"], &["index", "--source", "docs"]] {
                let out = s.normwerk(cmd);
                assert_eq!(out.status.code(), Some(2), "{cmd:?}");
                let stderr = text(&out.stderr);
                assert!(stderr.contains("source folder docs lies in the git work tree"), "{stderr}");
            }
            assert!(!s.root.join("out").exists());
        },
        ..BASE
    };
    output_folder_linked_out_of_the_repository: Case {
        // A pull request commits `public -> elsewhere` and a CI job builds into `public`.
        setup: |s| {
            git(s, &["init", "-q", "."]);
            let elsewhere = s.tmp.path().join("elsewhere");
            std::fs::create_dir(&elsewhere).unwrap();
            std::os::unix::fs::symlink(&elsewhere, s.root.join("public")).unwrap();
        },
        check: |s| {
            let build = s.normwerk(&["build", "--source", "src", "--out", "public", "--no-history"]);
            assert_eq!(build.status.code(), Some(2));
            assert!(text(&build.stderr).contains("it is a symbolic link"), "{}", text(&build.stderr));
            let index = s.normwerk(&["index", "--source", "src", "--no-history", "--out", "public/index.json"]);
            assert_eq!(index.status.code(), Some(2));
            assert!(text(&index.stderr).contains("leads out of it"), "{}", text(&index.stderr));
            let elsewhere = s.tmp.path().join("elsewhere");
            assert_eq!(std::fs::read_dir(elsewhere).unwrap().count(), 0, "nothing written there");
        },
        ..BASE
    };
    javascript_and_data_links: Case {
        setup: |s| s.write("scs-0003-v1-js.md", doc("JS", "", "[a](javascript:alert(1)) [b](data:text/html;base64,PHNjcmlwdD4=) <a href=\"javascript:alert(2)\">c</a> ![d](data:image/svg+xml,<svg/onload=alert(3)>)")),
        runs: &[
            (Lint, 0, "src/scs-0003-v1-js.md:2:1"),
            (Build, 0, "standards/scs-0003-v1-js/index.html"),
        ],
        check: |s| {
            let html = s.page(&s.root.join("out"), "standards/scs-0003-v1-js/index.html");
            assert!(!html.contains("javascript:") && !html.contains("alert(") && !html.contains("data:text") && !html.contains("data:image"), "{html}");
        },
        ..BASE
    };

    // Content that must stay text.
    raw_html: Case {
        setup: |s| s.write("scs-0003-v1-html.md", doc("HTML", "", "<script>alert(1)</script>\n<iframe src=\"https://evil.example\"></iframe>\n<svg onload=\"alert(2)\"><circle r=\"1\"/></svg>\n<style>body{display:none}</style>\n<img src=\"https://example.org/x.png\" onerror=\"alert(3)\">")),
        runs: &[
            (Lint, 0, "src/scs-0003-v1-html.md:2:1"),
            (Build, 0, "standards/scs-0003-v1-html/index.html"),
        ],
        check: |s| {
            let html = s.page(&s.root.join("out"), "standards/scs-0003-v1-html/index.html");
            for bad in ["alert(", "<iframe", "onload", "onerror", "display:none", "evil.example"] {
                assert!(!html.contains(bad), "{bad} in {html}");
            }
        },
        ..BASE
    };
    template_syntax: Case {
        setup: |s| s.write("scs-0003-v1-tpl.md", doc("\"{{ 7 * 7 }} {% if true %}yes{% endif %}\"", "", "{{ 6 * 7 }} {% if true %}shown{% endif %} {# comment #}")),
        runs: &[
            (Lint, 0, "src/scs-0003-v1-tpl.md:2:1"),
            (Build, 0, "standards/scs-0003-v1-tpl/index.html"),
        ],
        check: |s| {
            let html = s.page(&s.root.join("out"), "standards/scs-0003-v1-tpl/index.html");
            for kept in ["{{ 7 * 7 }} {% if true %}yes{% endif %}", "{{ 6 * 7 }} {% if true %}shown{% endif %} {# comment #}"] {
                assert!(html.contains(kept), "{kept} not kept in {html}");
            }
            assert!(!html.contains(">49") && !html.contains(">42"), "{html}");
        },
        ..BASE
    };
    ten_thousand_char_title: Case {
        setup: |s| s.write("scs-0003-v1-long-title.md", doc(&"T".repeat(10_000), "", "Text")),
        runs: &[
            (Lint, 0, "src/scs-0003-v1-long-title.md:2:1"),
            (Build, 0, "standards/scs-0003-v1-long-title/index.html"),
            (Index, 0, "scs-0003-v1-long-title.md"),
        ],
        ..BASE
    };
    impossible_date: Case {
        // Not a blocker: the lint says so at its line; the date is not used.
        setup: |s| s.write("scs-0003-v1-date.md", doc("Dated", "stabilized_at: 2025-02-30\n", "Text")),
        runs: &[
            (Lint, 1, "src/scs-0003-v1-date.md:7:16"),
            (Build, 0, "standards/scs-0003-v1-date/index.html"),
            (Index, 0, "scs-0003-v1-date.md"),
        ],
        ..BASE
    };
    wrong_types: Case {
        setup: |s| s.write("scs-0003-v1-types.md", "---\nx-note: 1\ntitle: [a]\ntype: Procedural\nstatus: Draft\ntrack: 5\n---\n\nText\n"),
        runs: refused!("src/scs-0003-v1-types.md:3:8", "src/scs-0003-v1-types.md:6:8"),
        ..BASE
    };
    missing_title_and_unknown_status: Case {
        setup: |s| s.write("scs-0003-v1-bare.md", "---\nx-note: 1\ntype: Procedural\nstatus: Finished\ntrack: Global\n---\n\nText\n"),
        runs: refused!("src/scs-0003-v1-bare.md:4:9", "scs-0003-v1-bare.md"),
        ..BASE
    };

    // The output folder.
    out_is_a_file: Case {
        setup: |s| std::fs::write(s.root.join("out"), "a file").unwrap(),
        runs: &[(Build, 2, "it exists and is not a folder")],
        out: "out",
        docs: 2,
        ..BASE
    };
    out_inside_source: Case {
        runs: &[(Build, 2, "it is inside the source folder")],
        out: "src/site",
        docs: 2,
        ..BASE
    };
    out_around_source: Case {
        runs: &[(Build, 2, "it contains the source folder")],
        out: ".",
        docs: 2,
        ..BASE
    };
    out_is_the_source: Case {
        runs: &[(Build, 2, "it is the source folder")],
        out: "src",
        docs: 2,
        ..BASE
    };
    out_is_root: Case {
        runs: &[(Build, 2, "refusing to write the site to /: ")],
        out: "/",
        docs: 2,
        ..BASE
    };
    out_is_foreign: Case {
        setup: |s| s.write("../foreign/keep.txt", "mine"),
        runs: &[(Build, 2, "no .normwerk-site marker")],
        out: "foreign",
        docs: 2,
        ..BASE
    };

    // git.
    corrupt_git_object: Case {
        setup: |s| {
            git_repo(s);
            let oid = git(s, &["rev-parse", "HEAD:src/scs-0001-v1-document-lifecycle.md"]);
            let object = s.root.join(".git/objects").join(&oid[..2]).join(&oid[2..]);
            let mut perms = std::fs::metadata(&object).unwrap().permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            std::fs::set_permissions(&object, perms).unwrap();
            std::fs::write(&object, "not zlib").unwrap();
        },
        runs: &[
            (History, 2, "(src/scs-0001-v1-document-lifecycle.md in commit "),
            (BuildHistory, 2, "(src/scs-0001-v1-document-lifecycle.md in commit "),
            (IndexHistory, 2, "(src/scs-0001-v1-document-lifecycle.md in commit "),
            (Lint, 0, ""),
            (Build, 0, ""),
        ],
        docs: 2,
        check: |s| {
            let out = s.normwerk(&["history", "--source", "src"]);
            let stderr = text(&out.stderr);
            let oid = git(s, &["rev-parse", "HEAD:src/scs-0001-v1-document-lifecycle.md"]);
            assert!(stderr.contains(&format!("git object {oid} ")), "{stderr}");
        },
        ..BASE
    };
    shallow_clone: Case {
        setup: make_shallow_clone,
        runs: &[
            (BuildHistory, 0, ""),
            (IndexHistory, 0, ""),
        ],
        docs: 2,
        check: |s| {
            for cmd in ["build", "index"] {
                let out = match cmd {
                    "build" => s.normwerk(&["build", "--source", "src", "--out", "out"]),
                    _ => s.normwerk(&["index", "--source", "src"]),
                };
                let stderr = text(&out.stderr);
                assert!(stderr.contains("normwerk: warning: the repository is a shallow clone"), "{stderr}");
            }
        },
        ..BASE
    };

    index_out_onto_a_source_document: Case {
        docs: 2,
        check: |s| {
            let doc = s.src.join("scs-0001-v1-document-lifecycle.md");
            let before = std::fs::read(&doc).unwrap();
            let out = s.normwerk(&["index", "--source", "src", "--no-history", "--out", "src/scs-0001-v1-document-lifecycle.md"]);
            assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
            assert!(text(&out.stderr).contains("refusing to write src/scs-0001-v1-document-lifecycle.md"));
            assert_eq!(std::fs::read(&doc).unwrap(), before, "the document was overwritten");
        },
        ..BASE
    };

    // Builds killed or run at once (book/src/design/output.md).
    killed_build: Case {
        runs: &[(Build, 0, "")],
        docs: 2,
        check: |s| {
            let out = s.root.join("out");
            // What a build killed while staging leaves: a marked staging folder whose lock is
            // free; and a folder of the same shape that normwerk did not make (no marker).
            s.write("../.out.new-999999-0badf00d/.normwerk-site", "built by normwerk\n");
            s.write("../.out.new-999999-0badf00d/standards/half.html", "<p>half");
            s.write("../.out.new-mine/keep.txt", "mine");
            // And a real one: killed at some point of its run.
            let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("normwerk"))
                .current_dir(&s.root)
                .args(["build", "--source", "src", "--out", "out", "--no-history"])
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(Duration::from_millis(15));
            let _ = child.kill();
            let _ = child.wait();
            let rebuilt = s.normwerk(&["build", "--source", "src", "--out", "out", "--no-history"]);
            assert_eq!(rebuilt.status.code(), Some(0), "{}", text(&rebuilt.stderr));
            for id in GOOD {
                assert!(out.join(format!("standards/{id}/index.html")).is_file());
            }
            let mut beside: Vec<String> = std::fs::read_dir(&s.root)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            beside.sort();
            assert_eq!(beside, [".out.new-mine", "out", "src"], "leftovers of killed builds");
            assert!(s.root.join(".out.new-mine/keep.txt").is_file());
        },
        ..BASE
    };
    concurrent_builds: Case {
        docs: 2,
        check: |s| {
            let before = s.listing();
            let out = s.root.join("out");
            let builds: Vec<_> = (0..4)
                .map(|_| {
                    std::process::Command::new(assert_cmd::cargo::cargo_bin("normwerk"))
                        .current_dir(&s.root)
                        .args(["build", "--source", "src", "--out", "out", "--no-history"])
                        .stdout(std::process::Stdio::piped())
                        .stderr(std::process::Stdio::piped())
                        .spawn()
                        .unwrap()
                })
                .collect();
            let deadline = std::time::Instant::now() + TIMEOUT;
            for mut b in builds {
                let status = loop {
                    if let Some(status) = b.try_wait().unwrap() {
                        break status;
                    }
                    if std::time::Instant::now() > deadline {
                        let _ = b.kill();
                        panic!("a concurrent build hangs");
                    }
                    std::thread::sleep(Duration::from_millis(10));
                };
                let output = b.wait_with_output().unwrap();
                assert!(status.success(), "{}", text(&output.stderr));
            }
            for id in GOOD {
                assert!(out.join(format!("standards/{id}/index.html")).is_file());
            }
            assert!(out.join(".normwerk-site").is_file());
            let changed = changes(&outside(before, &out), &outside(s.listing(), &out));
            assert!(changed.is_empty(), "written beside the output: {changed:#?}");
        },
        ..BASE
    };

    // Bugs the suite found (fixed since): each asserts the behaviour the book promises.
    raw_html_image_to_a_missing_file: Case {
        setup: |s| s.write("scs-0003-v1-img.md", doc("Img", "", "<img src=\"gone.png\">")),
        runs: &[(Lint, 1, "src/scs-0003-v1-img.md:11:")],
        ..BASE
    };
    shallow_clone_warned_once: Case {
        setup: make_shallow_clone,
        docs: 2,
        check: |s| {
            let out = s.normwerk(&["index", "--source", "src"]);
            let stderr = text(&out.stderr);
            assert_eq!(stderr.matches("shallow clone").count(), 1, "{stderr}");
        },
        ..BASE
    };
    history_of_a_shallow_clone_warns: Case {
        setup: make_shallow_clone,
        runs: &[(History, 0, "this is a shallow clone")],
        docs: 2,
        check: |s| {
            let out = s.normwerk(&["history", "--source", "src"]);
            let stdout = text(&out.stdout);
            assert!(!stdout.contains("entered-without-draft"), "{stdout}");
        },
        ..BASE
    };
}

/// Whether this process reads a file of mode 000 (root does).
fn root_reads_everything() -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    let tmp = tempfile::NamedTempFile::new().unwrap();
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::read(tmp.path()).is_ok()
}

/// A repository around the sandbox's source folder with one commit, then a second one.
fn git_repo(s: &Sandbox) {
    git(s, &["init", "-q", "."]);
    git(s, &["add", "src"]);
    git(s, &["commit", "-qm", "Add the documents"]);
    std::fs::OpenOptions::new()
        .append(true)
        .open(s.src.join("scs-0002-v1-contribution-workflow.md"))
        .and_then(|mut f| std::io::Write::write_all(&mut f, b"\nMore.\n"))
        .unwrap();
    git(s, &["commit", "-qam", "Extend the workflow"]);
}

/// Runs git in the sandbox; returns its standard output, trimmed.
fn git(s: &Sandbox, args: &[&str]) -> String {
    git_in(&s.root, args)
}

fn git_in(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=normwerk",
            "-c",
            "user.email=dev@normwerk.invalid",
        ])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "protocol.file.allow=always",
        ])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
    text(&out.stdout).trim().to_owned()
}

/// The sandbox becomes a clone of depth 1 of a repository with two commits.
fn make_shallow_clone(s: &Sandbox) {
    let upstream = s.tmp.path().join("upstream");
    std::fs::rename(&s.root, &upstream).unwrap();
    let up = Sandbox {
        tmp: tempfile::tempdir().unwrap(),
        root: upstream.clone(),
        src: upstream.join("src"),
    };
    git_repo(&up);
    let url = format!("file://{}", upstream.display());
    git_in(
        s.tmp.path(),
        &["clone", "-q", "--depth", "1", &url, "sandbox"],
    );
}
