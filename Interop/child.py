"""A child process of an interop script: its stdout lines read by a thread, typed to on stdin,
stopped by PID with `/quit` first. Shared by Interop/pathcut.py and Interop/homes.py."""

import queue
import re
import subprocess
import threading
import time


class Child:
    """A process whose stdout lines are read by a thread into a queue."""

    def __init__(self, name, argv, log=None, quiet=False):
        """`log` takes stderr; with `quiet`, stdout goes there too and no line is read."""
        self.name = name
        self.lines = queue.Queue()
        self.seen = []
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL if quiet else subprocess.PIPE,
                                     stdout=log if quiet else subprocess.PIPE,
                                     stderr=log or subprocess.STDOUT, text=True, bufsize=1)
        if not quiet:
            threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def wait_for(self, pattern, timeout):
        """Returns the first new line matching `pattern` within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        regex = re.compile(pattern)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"{self.name}: no line matching {pattern!r} in {timeout} s")
            try:
                line = self.lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                raise RuntimeError(f"{self.name} exited (status {self.proc.wait()}) before {pattern!r}")
            self.seen.append(line)
            print(f"  {self.name}| {line}", flush=True)
            match = regex.search(line)
            if match:
                return match

    def type(self, text):
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()

    def stop(self):
        if self.proc.poll() is not None:
            return
        try:
            if self.proc.stdin:
                self.type("/quit")
            else:
                self.proc.terminate()
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
