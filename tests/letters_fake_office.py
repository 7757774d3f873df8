"""A stand-in for docgen's LibreOffice worker that fails on purpose (tests only).

    python letters_fake_office.py MODE PIDFILE --profile URL

It starts a child process in its own process group (as LibreOffice would be),
writes both process ids to PIDFILE, then misbehaves as MODE says:
``crash`` writes half a PDF and dies on the first request, ``hang`` never
answers a request, ``never-ready`` never says it is ready, ``garbage`` answers
with something that is not a reply.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def main() -> None:
    mode, pidfile = sys.argv[1], sys.argv[2]
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"])
    with open(pidfile, "a", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()}\n{child.pid}\n")
    if mode == "never-ready":
        time.sleep(300)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        if mode == "crash":
            with open(request["out"], "wb") as partial:
                partial.write(b"%PDF-1.7\n1 0 obj")
            os._exit(1)
        if mode == "hang":
            time.sleep(300)
        if mode == "garbage":
            print("Segmentation fault", flush=True)


if __name__ == "__main__":
    main()
