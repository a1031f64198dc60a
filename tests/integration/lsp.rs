//! `normwerk lsp` driven as an editor drives it: the binary spawned, JSON-RPC over its stdin
//! and stdout, on a copy of the sample corpus.

use crate::common::copy_sample_corpus;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(20);

/// An editor's end of the connection.
struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Messages read while waiting for another.
    seen: Vec<Value>,
}

impl Client {
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_normwerk"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                let value: Value = serde_json::from_slice(&body).expect("a JSON message");
                if tx.send(value).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            incoming,
            next_id: 1,
            seen: Vec::new(),
        }
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        let stdin = self.stdin.as_mut().expect("stdin is open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("the server reads");
        stdin.flush().expect("the server reads");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its response.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m["id"] == json!(id) && m.get("method").is_none())
    }

    /// Waits for a message that `want` accepts (those seen before count first, and are used up).
    fn wait(&mut self, want: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.seen.iter().position(&want) {
            return self.seen.remove(i);
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok(m) if want(&m) => return m,
                Ok(m) => self.seen.push(m),
                Err(RecvTimeoutError::Timeout) => panic!("no such message; seen {:#?}", self.seen),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server went away; seen {:#?}", self.seen)
                }
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let m = self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// The next diagnostics published for `uri`: the one on `line` (0-based).
    fn finding_on_line(&mut self, uri: &str, line: u32) -> Value {
        let found = self.diagnostics(uri);
        found
            .iter()
            .find(|d| d["range"]["start"]["line"] == line)
            .cloned()
            .unwrap_or_else(|| panic!("no finding on line {line}: {found:#?}"))
    }

    fn initialize(&mut self, root: &Path) -> Value {
        let response = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "capabilities": {},
            }),
        );
        self.notify("initialized", json!({}));
        response
    }

    /// Asks the server to shut down and exit; its exit status.
    fn shut_down(mut self) -> std::process::ExitStatus {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null, "{response}");
        self.notify("exit", Value::Null);
        wait_exit(&mut self.child)
    }
}

fn wait_exit(child: &mut Child) -> std::process::ExitStatus {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(status) = child.try_wait().expect("the server's status") {
            return status;
        }
        assert!(Instant::now() < deadline, "the server did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The address of `path`; of a file not written yet, by its folder's real path.
fn uri(path: &Path) -> String {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| {
        let folder = std::fs::canonicalize(path.parent().unwrap()).expect("the folder exists");
        folder.join(path.file_name().unwrap())
    });
    format!("file://{}", path.display())
}

fn sample() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_sample_corpus(dir.path());
    let root = dir.path().to_owned();
    (dir, root)
}

/// A server on a copy of the sample, initialized.
fn started() -> (tempfile::TempDir, PathBuf, Client) {
    let (dir, root) = sample();
    let mut client = Client::start(&root);
    client.initialize(&root);
    (dir, root, client)
}

const V2: &str = "scs-0110-v2-instance-metadata-labels.md";

fn open(client: &mut Client, root: &Path, name: &str, text: &str) -> String {
    let u = uri(&root.join(name));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u, "languageId": "markdown", "version": 1, "text": text}}),
    );
    u
}

/// Opens the sample's `V2` as it is on disk: its text and address, once its (empty) findings
/// are published.
fn open_v2(client: &mut Client, root: &Path) -> (String, String) {
    let text = std::fs::read_to_string(root.join(V2)).unwrap();
    let u = open(client, root, V2, &text);
    assert_eq!(client.diagnostics(&u), Vec::<Value>::new());
    (text, u)
}

fn change(client: &mut Client, u: &str, version: i32, text: &str) {
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": version}, "contentChanges": [{"text": text}]}),
    );
}

fn at(u: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": u}, "position": {"line": line, "character": character}})
}

#[test]
fn diagnostics_follow_the_editor_and_clear_when_mended() {
    let (_dir, root) = sample();
    let mut client = Client::start(&root);
    let init = client.initialize(&root);
    assert_eq!(init["result"]["serverInfo"]["name"], "normwerk", "{init}");
    let (text, u) = open_v2(&mut client, &root);

    // A wrong status: a diagnostic at that line and column, with the rule as its code.
    let wrong = text.replace("status: Stable", "status: Final");
    change(&mut client, &u, 2, &wrong);
    let status = client.finding_on_line(&u, 3);
    assert_eq!(status["range"]["start"]["character"], 8, "{status}");
    assert_eq!(status["severity"], 1, "{status}");
    assert_eq!(status["source"], "normwerk");
    assert!(status["code"].as_str().is_some_and(|c| !c.is_empty()));
    assert!(
        status["message"].as_str().unwrap().contains("Final"),
        "{status}"
    );

    // Mended: the diagnostic clears.
    change(&mut client, &u, 3, &text);
    assert_eq!(client.diagnostics(&u), Vec::<Value>::new());

    // A heading another document links to, renamed: that document's link now dangles, and its
    // findings are published too.
    let renamed = text.replace("## Standard", "## Norm");
    change(&mut client, &u, 4, &renamed);
    let w1 = uri(&root.join("scs-0110-w1-instance-metadata-labels-testing.md"));
    let dangling = client.diagnostics(&w1);
    assert!(any_message(&dangling, "#standard"), "{dangling:#?}");
    change(&mut client, &u, 5, &text);
    assert_eq!(client.diagnostics(&w1), Vec::<Value>::new());
    assert!(client.shut_down().success());
}

#[test]
fn hover_completion_definition_symbols_and_quick_fix() {
    let (_dir, root, mut client) = started();
    let (text, u) = open_v2(&mut client, &root);

    // Hover on the `replaces` entry naming a deprecated version.
    let hover = client.request("textDocument/hover", at(&u, 7, 8));
    let shown = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(shown.contains("Deprecated"), "{hover}");
    assert!(shown.contains("scs-0110-v1"), "{hover}");
    // Hover on a key: the schema's words.
    let hover = client.request("textDocument/hover", at(&u, 2, 1));
    let shown = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(shown.contains("`type`"), "{hover}");

    // Go to definition from the same entry.
    let found = client.request("textDocument/definition", at(&u, 7, 8));
    let target = found["result"]["uri"].as_str().unwrap_or_default();
    assert!(
        target.ends_with("/scs-0110-v1-instance-metadata-labels.md"),
        "{found}"
    );

    // From a link's anchor in another document: the heading it names.
    let w1 = "scs-0110-w1-instance-metadata-labels-testing.md";
    let w1_text = std::fs::read_to_string(root.join(w1)).unwrap();
    let w1_uri = open(&mut client, &root, w1, &w1_text);
    client.diagnostics(&w1_uri);
    let found = client.request("textDocument/definition", at(&w1_uri, 12, 40));
    assert!(
        found["result"]["uri"].as_str().unwrap().ends_with(V2),
        "{found}"
    );
    assert_eq!(found["result"]["range"]["start"]["line"], 28, "{found}");

    // Completion after `status: `.
    let typing = text.replace("status: Stable", "status: ");
    change(&mut client, &u, 2, &typing);
    client.diagnostics(&u);
    let done = client.request("textDocument/completion", at(&u, 3, 8));
    let labels: Vec<&str> = done["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    for status in ["Draft", "Stable", "Deprecated", "Rejected"] {
        assert!(labels.contains(&status), "{labels:?}");
    }

    // In a flow list only the item is replaced; after a link's `#`, the target's anchors.
    let flow = text.replace(
        "replaces:\n  - scs-0110-v1-instance-metadata-labels.md",
        "replaces: [scs-01",
    );
    change(&mut client, &u, 3, &flow);
    client.diagnostics(&u);
    let done = client.request("textDocument/completion", at(&u, 6, 17));
    let first = &done["result"][0]["textEdit"]["range"];
    assert_eq!(first["start"]["character"], 11, "{done}");
    let anchored = format!("{text}\nSee [v1](scs-0110-v1-instance-metadata-labels.md#");
    change(&mut client, &u, 4, &anchored);
    client.diagnostics(&u);
    let last = anchored.lines().count() as u32 - 1;
    let column = anchored.lines().last().unwrap().len() as u32;
    let done = client.request("textDocument/completion", at(&u, last, column));
    let labels: Vec<&str> = done["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"standard"), "{labels:?}");

    // A quick fix turns a string `replaces` into a list.
    let string = text.replace(
        "replaces:\n  - scs-0110-v1-instance-metadata-labels.md",
        "replaces: scs-0110-v1-instance-metadata-labels.md",
    );
    change(&mut client, &u, 5, &string);
    let list = client.finding_on_line(&u, 6);
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": list["range"], "context": {"diagnostics": [list]}}),
    );
    let action = &actions["result"][0];
    assert_eq!(action["kind"], "quickfix", "{actions}");
    assert_eq!(action["isPreferred"], true, "{actions}");
    let edits = action["edit"]["changes"][&u].as_array().unwrap();
    let fixed = apply_edits(&string, edits);
    assert!(
        fixed.contains("replaces:\n  - scs-0110-v1-instance-metadata-labels.md"),
        "{fixed}"
    );
    change(&mut client, &u, 6, &fixed);
    assert!(
        client
            .diagnostics(&u)
            .iter()
            .all(|d| d["range"]["start"]["line"] != 6)
    );

    // Symbols: the outline, and the documents of the workspace.
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": u}}),
    );
    let top = symbols["result"].as_array().unwrap();
    let names: Vec<&str> = top.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "Introduction",
            "Terminology",
            "Motivation",
            "Standard",
            "Conformance Tests"
        ]
    );
    assert_eq!(top[3]["selectionRange"]["start"]["line"], 28, "{symbols}");
    let all = client.request("workspace/symbol", json!({"query": "snapshot"}));
    let names: Vec<&str> = all["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("scs-0111-v1 ")),
        "{names:?}"
    );
    assert!(client.shut_down().success());
}

/// Applies text edits (line and UTF-16 column positions; the sample is ASCII) to `text`.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let character = p["character"].as_u64().unwrap() as usize;
        text.split_inclusive('\n')
            .take(line)
            .map(str::len)
            .sum::<usize>()
            + character
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_owned();
    for (start, end, new) in spans {
        out.replace_range(start..end, new);
    }
    out
}

#[test]
fn bad_input_never_kills_the_server() {
    let (_dir, root, mut client) = started();
    // A document that does not parse: a diagnostic, not a crash.
    let u = open(
        &mut client,
        &root,
        V2,
        "---\ntitle: [unclosed\ntype: Standard\n---\n\n# X\n",
    );
    let found = client.diagnostics(&u);
    assert!(!found.is_empty(), "a finding for YAML that does not parse");
    // An unknown method: the protocol's error.
    let answer = client.request("normwerk/noSuchThing", json!({}));
    assert_eq!(answer["error"]["code"], -32601, "{answer}");
    // Bad parameters: the protocol's error, and the server goes on.
    let answer = client.request("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(answer["error"]["code"], -32602, "{answer}");
    // Positions past the end, in a document nobody opened, in a file outside the corpus.
    let answer = client.request("textDocument/hover", at(&u, 9999, 9999));
    assert!(answer.get("error").is_none(), "{answer}");
    let outside = uri(&root).replace("file://", "file:///nonexistent");
    let answer = client.request("textDocument/definition", at(&outside, 0, 0));
    assert_eq!(answer["result"], Value::Null, "{answer}");
    // An edit with a range beyond the text.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 500, "character": 3}, "end": {"line": 2, "character": 0}}, "text": "é"}
        ]}),
    );
    client.diagnostics(&u);
    assert!(client.shut_down().success());
}

#[test]
fn a_client_that_vanishes_ends_the_server() {
    let (_dir, _root, mut client) = started();
    drop(client.stdin.take());
    assert!(wait_exit(&mut client.child).success());
}

#[test]
fn exit_without_shutdown_is_exit_code_1() {
    let (_dir, _root, mut client) = started();
    client.notify("exit", Value::Null);
    assert_eq!(wait_exit(&mut client.child).code(), Some(1));
}

/// On the real corpus, the language server's findings after edits of many documents (a status
/// changed, a heading others may link to renamed, the frontmatter lists emptied) are those of a
/// whole lint of the corpus as edited, for every file.
#[test]
#[cfg_attr(
    real_corpus_absent,
    ignore = "needs the real SCS corpus ../shared/corpus/scs-standards.bundle (see ../shared/corpus/README.md)"
)]
fn real_corpus_edits_leave_the_findings_of_a_whole_lint() {
    use normwerk::diagnostic::Diagnostic;
    use std::collections::HashMap;
    let (_dir, clone) = crate::real_corpus::clone_real_corpus();
    let ws = normwerk::workspace::Selection::default()
        .workspace_in(&clone)
        .expect("the workspace")
        .expect("Standards/ is found");
    let mut state = normwerk::lsp::State::load(&ws).expect("the real corpus loads");
    let whole = |state: &normwerk::lsp::State| {
        let mut by_file: HashMap<String, Vec<Diagnostic>> = HashMap::new();
        for d in normwerk::lint::lint(&state.corpus, &state.config).expect("the schema") {
            by_file.entry(d.file.clone()).or_default().push(d);
        }
        by_file
    };
    assert_eq!(state.findings, whole(&state));
    let paths: Vec<PathBuf> = state
        .corpus
        .documents
        .iter()
        .map(|d| d.path.clone())
        .collect();
    for (i, path) in paths.iter().enumerate().step_by(3) {
        let text = std::fs::read_to_string(path).unwrap();
        let edited = match (i / 3) % 3 {
            0 => text.replacen("status: Stable", "status: Draft", 1),
            1 => text.replacen("\n## ", "\n## Renamed ", 1),
            _ => text.replacen("replaces:", "replaced:", 1).replacen(
                "replaced_by:",
                "replacement:",
                1,
            ),
        };
        let edited = if edited == text {
            text.replacen("\n## ", "\n## Renamed ", 1)
        } else {
            edited
        };
        state
            .set_text(path, edited)
            .expect("a document of the corpus");
        assert_eq!(
            state.findings,
            whole(&state),
            "after the edit of {}",
            path.display()
        );
        state
            .set_text(path, text)
            .expect("a document of the corpus");
        assert_eq!(
            state.findings,
            whole(&state),
            "after the undo of {}",
            path.display()
        );
    }
}

/// Links by the body's published address or percent-encoded name lead to the document they
/// name: renaming the heading they point at updates the linking document's findings; two files
/// of one name in two folders are each their own document.
#[test]
fn links_of_every_shape_and_namesakes_follow_edits() {
    let (_dir, root, mut client) = started();
    let cadence = "scs-0210-v1-cluster-upgrade-cadence.md";
    let decision = "scs-0401-v1-metrics-retention-decision.md";
    let cadence_text = std::fs::read_to_string(root.join(cadence)).unwrap();
    let decision_text = std::fs::read_to_string(root.join(decision)).unwrap();
    let c = open(&mut client, &root, cadence, &cadence_text);
    client.diagnostics(&c);
    let d = open(&mut client, &root, decision, &decision_text);
    client.diagnostics(&d);
    for link in [
        "https://docs.scs.community/standards/scs-0210-v1-cluster-upgrade-cadence/#motivation",
        "https://docs.scs.community/standards/scs-0210-v1-cluster-upgrade-cadence.html#motivation",
        "scs-0210-v1-cluster-upgrade%2Dcadence.md#motivation",
    ] {
        let linking = decision_text.replace(
            "## Related Documents\n",
            &format!("## Related Documents\n\n- [upgrades]({link})\n"),
        );
        change(&mut client, &d, 2, &linking);
        assert_eq!(client.diagnostics(&d), Vec::<Value>::new(), "{link}");
        // Hover and definition on the link lead to the heading.
        let line = linking
            .lines()
            .position(|l| l.contains("[upgrades]"))
            .unwrap() as u32;
        let found = client.request("textDocument/definition", at(&d, line, 5));
        assert!(
            found["result"]["uri"].as_str().unwrap().ends_with(cadence),
            "{link}: {found}"
        );
        assert_eq!(
            found["result"]["range"]["start"]["line"], 17,
            "{link}: {found}"
        );
        change(
            &mut client,
            &c,
            2,
            &cadence_text.replace("## Motivation", "## Motivations"),
        );
        client.diagnostics(&c);
        let found = client.diagnostics(&d);
        assert!(
            found.iter().any(|x| x["code"] == "broken-anchor"),
            "{link}: {found:#?}"
        );
        change(&mut client, &c, 3, &cadence_text);
        assert_eq!(client.diagnostics(&d), Vec::<Value>::new(), "{link}");
    }
    // An address elsewhere leads nowhere (not to this document).
    let elsewhere = decision_text.replace(
        "## Related Documents\n",
        "## Related Documents\n\n- [site](https://scs.community/)\n",
    );
    change(&mut client, &d, 4, &elsewhere);
    client.diagnostics(&d);
    let line = elsewhere
        .lines()
        .position(|l| l.contains("[site]"))
        .unwrap() as u32;
    let found = client.request("textDocument/definition", at(&d, line, 4));
    assert_eq!(found["result"], Value::Null, "{found}");
    assert!(client.shut_down().success());
}

#[test]
fn a_namesake_in_another_folder_is_its_own_document() {
    let (_dir, root) = sample();
    let name = "scs-0210-v1-cluster-upgrade-cadence.md";
    std::fs::create_dir(root.join("sub")).unwrap();
    std::fs::copy(root.join(name), root.join("sub").join(name)).unwrap();
    let mut client = Client::start(&root);
    client.initialize(&root);
    let text = std::fs::read_to_string(root.join(name)).unwrap();
    let top = open(&mut client, &root, name, &text);
    let sub = open(&mut client, &root, &format!("sub/{name}"), &text);
    let before_top = client.diagnostics(&top);
    let before_sub = client.diagnostics(&sub);
    change(
        &mut client,
        &top,
        2,
        &text.replace("status: Draft", "status: Bogus"),
    );
    let after = client.diagnostics(&top);
    assert!(any_message(&after, "Bogus"), "{before_top:#?} {after:#?}");
    assert!(!before_sub.is_empty(), "the namesake is a duplicate");
    assert!(client.shut_down().success());
}

#[test]
fn the_protocol_lifecycle_is_kept() {
    let (_dir, root) = sample();
    let mut client = Client::start(&root);
    // Before initialize: the protocol's error; an invalid initialize: invalid params.
    let early = client.request("textDocument/hover", at("file:///x.md", 0, 0));
    assert_eq!(early["error"]["code"], -32002, "{early}");
    let invalid = client.request("initialize", json!({}));
    assert_eq!(invalid["error"]["code"], -32602, "{invalid}");
    client.initialize(&root);
    // At the start, what CI would say: the findings of files nobody opened yet.
    let rejected = uri(&root.join("scs-0211-v1-node-image-provenance.md"));
    let found = client.diagnostics(&rejected);
    assert!(
        found.iter().any(|d| d["code"] == "no-successor"),
        "{found:#?}"
    );
    // Markdown files that are no documents get nothing.
    let readme = open(&mut client, &root, "README.md", "---\nstatus: \n---\n");
    let none = client.request("textDocument/completion", at(&readme, 1, 8));
    assert_eq!(none["result"], Value::Null, "{none}");
    // After shutdown: requests are refused, exit is clean.
    let response = client.request("shutdown", Value::Null);
    assert_eq!(response["result"], Value::Null);
    let late = client.request("textDocument/hover", at(&readme, 0, 0));
    assert_eq!(late["error"]["code"], -32600, "{late}");
    client.notify("exit", Value::Null);
    assert!(wait_exit(&mut client.child).success());
}

#[test]
fn exit_before_initialize_is_exit_code_1() {
    let (_dir, root) = sample();
    let mut client = Client::start(&root);
    client.notify("exit", Value::Null);
    assert_eq!(wait_exit(&mut client.child).code(), Some(1));
}

/// Changes outside the editor: a configuration that switches a rule off (the workspace is read
/// again), a file unreadable on disk whose text the editor holds, a flow list already closed.
#[test]
fn changes_outside_the_editor_and_files_it_holds_better() {
    let (_dir, root, mut client) = started();
    let rejected = uri(&root.join("scs-0211-v1-node-image-provenance.md"));
    assert!(!client.diagnostics(&rejected).is_empty());
    let config = root.join("normwerk.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("[rules]", "[rules]\nno-successor = \"off\""),
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&config), "type": 2}]}),
    );
    assert_eq!(client.diagnostics(&rejected), Vec::<Value>::new());

    // A document whose file is not UTF-8, open with valid text: judged by that text.
    let name = "scs-0213-v1-broken-bytes.md";
    let valid = std::fs::read_to_string(root.join(V2))
        .unwrap()
        .replace("status: Stable", "status: Draft")
        .replace("stabilized_at: 2024-06-30\n", "")
        .replace(
            "replaces:\n  - scs-0110-v1-instance-metadata-labels.md\n",
            "",
        )
        .replace("track: IaaS", "track: KaaS");
    let mut bytes = valid.clone().into_bytes();
    bytes.extend_from_slice(b"\xff\n");
    std::fs::write(root.join(name), bytes).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&root.join(name)), "type": 1}]}),
    );
    let broken = uri(&root.join(name));
    let found = client.diagnostics(&broken);
    assert!(
        found.iter().any(|d| d["code"] == "invalid-utf8"),
        "{found:#?}"
    );
    open(&mut client, &root, name, &valid);
    let found = client.diagnostics(&broken);
    assert!(
        found.iter().all(|d| d["code"] != "invalid-utf8"),
        "{found:#?}"
    );

    // A new document, never saved, closed: it is gone, and so are its findings.
    let unsaved = "scs-0214-v1-never-saved.md";
    let u = open(&mut client, &root, unsaved, "---\ntitle: [broken\n---\n");
    assert!(!client.diagnostics(&u).is_empty());
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": u}}));
    assert_eq!(client.diagnostics(&u), Vec::<Value>::new());

    // After a flow list's `]`, nothing to complete.
    let u = open(
        &mut client,
        &root,
        V2,
        &std::fs::read_to_string(root.join(V2)).unwrap(),
    );
    client.diagnostics(&u);
    let closed = std::fs::read_to_string(root.join(V2)).unwrap().replace(
        "replaces:\n  - scs-0110-v1-instance-metadata-labels.md",
        "replaces: [scs-0110-v1-instance-metadata-labels.md]",
    );
    change(&mut client, &u, 2, &closed);
    client.diagnostics(&u);
    let line = closed.lines().nth(6).unwrap();
    let none = client.request("textDocument/completion", at(&u, 6, line.len() as u32));
    assert_eq!(none["result"], Value::Null, "{line}: {none}");
    assert!(client.shut_down().success());
}

/// File names after `](` are those of the folder the path leads to, and nothing is offered in
/// code.
#[test]
fn link_completion_follows_folders_and_stays_out_of_code() {
    let (_dir, root, mut client) = started();
    let (text, u) = open_v2(&mut client, &root);
    let complete = |client: &mut Client, version: i32, tail: &str| {
        let edited = format!("{text}\n{tail}");
        change(client, &u, version, &edited);
        client.diagnostics(&u);
        let line = edited.lines().count() as u32 - 1;
        let column = edited.lines().last().unwrap().len() as u32;
        let done = client.request("textDocument/completion", at(&u, line, column));
        done["result"].as_array().map(|items| {
            items
                .iter()
                .map(|i| i["label"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        })
    };
    let here = complete(&mut client, 2, "See [v1](").unwrap();
    assert!(
        here.contains(&"scs-0110-v1-instance-metadata-labels.md".to_owned()),
        "{here:?}"
    );
    let elsewhere = complete(&mut client, 3, "See [v1](scopes/").unwrap();
    assert!(elsewhere.is_empty(), "{elsewhere:?}");
    assert_eq!(complete(&mut client, 4, "```md\nSee [v1]("), None);
    assert_eq!(complete(&mut client, 5, "Code: `[v1]("), None);
    assert!(client.shut_down().success());
}

/// Whether one of `diagnostics` says `part` in its message.
fn any_message(diagnostics: &[Value], part: &str) -> bool {
    diagnostics
        .iter()
        .any(|d| d["message"].as_str().is_some_and(|m| m.contains(part)))
}
