//! `normwerk serve` end to end: a free port, a page, a change shown within a second, the event
//! stream's reload, a broken edit's overlay, and a clean stop on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

struct Serving {
    child: Child,
    addr: String,
    stderr: Receiver<String>,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(source: &Path) -> Serving {
    serve_with(source, &["--no-history"])
}

fn serve_with(source: &Path, extra: &[&str]) -> Serving {
    let mut child = Command::new(env!("CARGO_BIN_EXE_normwerk"))
        .args(["serve", "--port", "0"])
        .args(extra)
        .arg("--source")
        .arg(source)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let (tx, rx) = channel();
    let stderr = child.stderr.take().unwrap();
    // Owned by the guard at once, so that a failure below still ends the process.
    let mut serving = Serving {
        child,
        addr: String::new(),
        stderr: rx,
    };
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let line = serving
            .stderr
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("serve printed its address");
        if let Some(at) = line.find("http://") {
            serving.addr = line[at + 7..].split('/').next().unwrap().to_owned();
            assert!(serving.addr.starts_with("127.0.0.1:"), "{line}");
            return serving;
        }
    }
}

/// A GET over HTTP/1.0: status and body.
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    (status, body)
}

/// Waits up to `limit` for `path` to contain `text`; the time it took.
fn shows(addr: &str, path: &str, text: &str, limit: Duration) -> Duration {
    let start = Instant::now();
    loop {
        if get(addr, path).1.contains(text) {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < limit,
            "{path} does not show {text:?} after {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn serve_shows_changes_reloads_pages_overlays_errors_and_stops_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("standards");
    crate::common::copy_sample_corpus(&source);
    let mut server = serve(&source);
    let addr = server.addr.clone();
    let page = "/standards/scs-0110-v2-instance-metadata-labels/";
    let (status, body) = get(&addr, page);
    assert_eq!(status, 200);
    assert!(body.contains("Instance metadata labels"), "{body}");
    assert!(
        body.contains("/__normwerk/events"),
        "the page has no reload script"
    );
    assert_eq!(get(&addr, "/no/such/page/").0, 404);
    assert_eq!(get(&addr, "/assets/style.css").0, 200);
    assert_eq!(get(&addr, "/standards/scs-0110").0, 301);

    // The event stream: the current build, then one per build.
    let mut events = TcpStream::connect(&addr).unwrap();
    write!(
        events,
        "GET /__normwerk/events HTTP/1.1\r\nHost: {addr}\r\n\r\n"
    )
    .unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut events = BufReader::new(events);
    let mut next_data = move || -> u64 {
        let mut line = String::new();
        loop {
            line.clear();
            assert!(events.read_line(&mut line).unwrap() > 0, "the stream ended");
            if let Some(n) = line.strip_prefix("data: ") {
                return n.trim().parse().unwrap();
            }
        }
    };
    let first = next_data();

    let file = source.join("scs-0110-v2-instance-metadata-labels.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace(
            "## Motivation",
            "## Motivation\n\nA sentence added while serving.",
        ),
    )
    .unwrap();
    let took = shows(
        &addr,
        page,
        "A sentence added while serving.",
        Duration::from_secs(5),
    );
    assert!(took < Duration::from_secs(1), "the change took {took:?}");
    assert!(next_data() > first, "no reload event");

    // A broken edit: the last site stays, with the error over it; then the fix clears it.
    std::fs::write(&file, "---\ntitle: [unclosed\n---\n").unwrap();
    shows(
        &addr,
        page,
        "the site could not be built",
        Duration::from_secs(5),
    );
    let (_, body) = get(&addr, page);
    assert!(body.contains("yaml-syntax"), "{body}");
    assert!(body.contains("A sentence added while serving."), "{body}");
    std::fs::write(&file, &text).unwrap();
    let start = Instant::now();
    while get(&addr, page).1.contains("could not be built") {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the error stays after the fix"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        !get(&addr, page)
            .1
            .contains("A sentence added while serving.")
    );

    // The terminal got the broken document's finding.
    let lines: Vec<String> = server.stderr.try_iter().collect();
    assert!(
        lines.iter().any(|l| l.contains("error[yaml-syntax]")),
        "{lines:?}"
    );

    // SIGTERM stops it cleanly.
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(5);
    let exit = loop {
        if let Some(s) = server.child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "serve did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(exit.success(), "{exit:?}");
    let rest: Vec<String> = server.stderr.iter().collect();
    assert!(rest.iter().any(|l| l == "stopped"), "{rest:?}");
}

#[test]
fn serve_binds_only_loopback_and_takes_a_free_port() {
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("standards");
    crate::common::copy_sample_corpus(&source);
    let first = serve(&source);
    let port: u16 = first.addr.rsplit(':').next().unwrap().parse().unwrap();
    // The same port asked for again: taken, so another is used and printed.
    let mut child = Command::new(env!("CARGO_BIN_EXE_normwerk"))
        .args([
            "serve",
            "--no-history",
            "--port",
            &port.to_string(),
            "--source",
        ])
        .arg(&source)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut said = Vec::new();
    let addr = loop {
        let line = lines.next().unwrap().unwrap();
        said.push(line.clone());
        if let Some(at) = line.find("http://") {
            break line[at + 7..].split('/').next().unwrap().to_owned();
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        said.iter()
            .any(|l| l.contains(&format!("port {port} is taken"))),
        "{said:?}"
    );
    assert_ne!(addr, first.addr);
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");
}

#[test]
fn serve_keeps_the_history_between_builds_of_one_commit() {
    let mut repo = crate::history::TestRepo::new();
    let name = "scs-0111-v1-volumes.md";
    let text = crate::history::doc("Draft", "", "## Introduction\n\nText.\n");
    repo.commit("v1", &[(name, Some(&text))]);
    let source = repo.standards();
    let server = serve_with(&source, &[]);
    let history = "/standards/scs-0111-v1-volumes/history/";
    assert_eq!(get(&server.addr, history).0, 200);
    // An edit in the working tree: the page changes, the history (of the commits) stays.
    std::fs::write(source.join(name), text.replace("Text.", "Text, edited.")).unwrap();
    shows(
        &server.addr,
        "/standards/scs-0111-v1-volumes/",
        "Text, edited.",
        Duration::from_secs(5),
    );
    let (status, body) = get(&server.addr, history);
    assert_eq!(status, 200);
    assert!(body.contains("added"), "{body}");
}
