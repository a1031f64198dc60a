"""Latency of `normwerk lsp`: an editor's edit (textDocument/didChange, the whole text) of one
document, timed from sending it to receiving the publishDiagnostics for that document. Usage:
lsp_latency.py BINARY SOURCE-FOLDER DOCUMENT RUNS. Prints the best and the median in ms."""

import json
import os
import subprocess
import sys
import time


def main():
    binary, source, document, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    source = os.path.realpath(source)
    server = subprocess.Popen(
        [binary, "lsp", "--source", source],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )

    def send(message):
        body = json.dumps(message).encode()
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        server.stdin.flush()

    def receive():
        length = None
        while True:
            line = server.stdout.readline()
            if not line:
                raise SystemExit("the server went away")
            line = line.strip()
            if not line:
                break
            if line.startswith(b"Content-Length:"):
                length = int(line.split(b":")[1])
        return json.loads(server.stdout.read(length))

    def wait(want):
        while True:
            message = receive()
            if want(message):
                return message

    uri = "file://" + os.path.join(source, document)
    started = time.perf_counter()
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"processId": None, "rootUri": "file://" + source, "capabilities": {}}})
    wait(lambda m: m.get("id") == 1)
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    text = open(os.path.join(source, document), encoding="utf-8").read()
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
    published = lambda m: (m.get("method") == "textDocument/publishDiagnostics"
                           and m["params"]["uri"] == uri)
    wait(published)
    ready = (time.perf_counter() - started) * 1000
    times = []
    for i in range(runs):
        # Alternately a wrong status (a finding appears) and the text as it was (it clears).
        edited = text.replace("status: ", "status: Final", 1) if i % 2 == 0 else text
        t0 = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": i + 2}, "contentChanges": [{"text": edited}]}})
        wait(published)
        times.append((time.perf_counter() - t0) * 1000)
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
    wait(lambda m: m.get("id") == 2)
    send({"jsonrpc": "2.0", "method": "exit", "params": None})
    server.wait(timeout=10)
    times.sort()
    print("start and first diagnostics %8.1f ms, edit to diagnostics: best %6.1f ms  median %6.1f ms"
          % (ready, times[0], times[len(times) // 2]))


main()
