//! Answering one request of the preview: a file of the site in memory (a folder by its
//! `index.html`, an unknown address by the site's 404 page), or the stream of build events.

use super::inject;
use super::site::Built;
use std::io::Write as _;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;
use tiny_http::{Header, Request, Response, StatusCode};

/// The answer to `request` from the site as last built: a static site answers GET and HEAD.
pub fn respond(request: Request, built: &Built) {
    if !matches!(
        request.method(),
        tiny_http::Method::Get | tiny_http::Method::Head
    ) {
        let refused = with(
            Response::from_string("only GET and HEAD\n").with_status_code(StatusCode(405)),
            "Allow",
            "GET, HEAD",
        );
        let _ = request.respond(refused);
        return;
    }
    let url = request.url().split(['?', '#']).next().unwrap_or("/");
    let path = percent_encoding::percent_decode_str(url.trim_start_matches('/'))
        .decode_utf8_lossy()
        .into_owned();
    // A folder asked for without its slash is redirected, as static hosts do: the page's
    // relative links count from the folder.
    if !path.is_empty()
        && !path.ends_with('/')
        && !built.files.contains_key(&path)
        && built.files.contains_key(&format!("{path}/index.html"))
    {
        let to = format!("{}/", url.trim_end_matches('/'));
        let moved = with(
            Response::from_string("").with_status_code(StatusCode(301)),
            "Location",
            &to,
        );
        let _ = request.respond(moved);
        return;
    }
    let (status, file, bytes) = match find(&path, built) {
        Some((file, bytes)) => (200, file, Some(bytes)),
        None => (
            404,
            "404.html".to_owned(),
            built.files.get("404.html").cloned(),
        ),
    };
    let response = match bytes {
        _ if built.files.is_empty() => html(500, inject::error_page(built)),
        Some(bytes) if file.ends_with(".html") => {
            let text = String::from_utf8_lossy(&bytes);
            html(status, inject::page(&text, &file, built))
        }
        Some(bytes) => with(
            Response::from_data(bytes.to_vec()).with_status_code(StatusCode(status)),
            "Content-Type",
            content_type(&file),
        ),
        None => html(
            404,
            "<!doctype html><title>Not found</title><p>Not found.</p>".to_owned(),
        ),
    };
    let _ = request.respond(with(response, "Cache-Control", "no-store"));
}

/// The file at `path`: itself, or a folder's `index.html`. Paths that climb out are not found.
fn find(path: &str, built: &Built) -> Option<(String, Arc<[u8]>)> {
    if path.split('/').any(|s| s == "..") {
        return None;
    }
    let candidates = if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![path.to_owned(), format!("{path}/index.html")]
    };
    candidates
        .into_iter()
        .find_map(|c| built.files.get(&c).map(|b| (c, Arc::clone(b))))
}

fn html(status: u16, text: String) -> Response<std::io::Cursor<Vec<u8>>> {
    with(
        Response::from_string(text).with_status_code(StatusCode(status)),
        "Content-Type",
        "text/html; charset=utf-8",
    )
}

/// `response` with the header `name: value` (this file's ASCII constants, which always parse;
/// one that did not would be left out rather than stop the server).
fn with<R: std::io::Read>(response: Response<R>, name: &str, value: &str) -> Response<R> {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(h) => response.with_header(h),
        Err(()) => response,
    }
}

fn content_type(file: &str) -> &'static str {
    let ext = file.rsplit('.').next().unwrap_or_default();
    match ext {
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" | "csv" | "yaml" | "yml" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        _ => "application/octet-stream",
    }
}

/// Server-sent events: the number of each new build, until the client goes or the server
/// stops. Written by hand on the raw connection, so that each event leaves at once.
pub fn events(request: Request, builds: Receiver<u64>, current: u64) {
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    if out
        .write_all(format!("{head}retry: 500\ndata: {current}\n\n").as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return;
    }
    loop {
        // A comment now and then finds a client that has gone.
        let event = match builds.recv_timeout(Duration::from_secs(15)) {
            Ok(generation) => format!("data: {generation}\n\n"),
            Err(RecvTimeoutError::Timeout) => ":\n\n".to_owned(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if out
            .write_all(event.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}
