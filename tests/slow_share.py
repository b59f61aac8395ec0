"""A FUSE mount of ``tests/integration/tools/slowfs.py``: a share with slow or failing
fsyncs, for the reliability tests (R6) and the GUI's autosave stall test."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

SLOWFS = Path(__file__).parent / "integration" / "tools" / "slowfs.py"


def fuse_unavailable() -> str | None:
    """Why FUSE cannot be used here, or None when it can."""
    if not Path("/dev/fuse").exists():
        return "no /dev/fuse on this machine"
    if not Path("/usr/bin/python3").exists():
        return "no system /usr/bin/python3 for slowfs.py"
    probe = subprocess.run(["/usr/bin/python3", "-c", "import fusepy"], capture_output=True,
                           check=False)
    if probe.returncode != 0:
        return "python3-fusepy is not installed (apt-get install python3-fusepy libfuse2 fuse)"
    if shutil.which("fusermount") is None:
        return "fusermount is not installed (apt-get install fuse)"
    return None


@contextmanager
def slow_share(tmp_path: Path, why: str, **env: str) -> Iterator[tuple[Path, Path]]:
    """(mount point, backing folder) of a slowfs mount with the given ``SLOWFS_*``
    settings; the test is skipped (naming ``why``) when FUSE is not available."""
    reason = fuse_unavailable()
    if reason:
        pytest.skip(f"{why} needs FUSE: {reason}")
    back, mnt = tmp_path / "back", tmp_path / "mnt"
    back.mkdir()
    mnt.mkdir()
    proc = subprocess.Popen(["/usr/bin/python3", str(SLOWFS), str(back), str(mnt)],
                            env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    end = time.monotonic() + 10
    while str(mnt) not in Path("/proc/mounts").read_text():
        if proc.poll() is not None or time.monotonic() > end:
            proc.kill()
            err = proc.stderr.read().decode(errors="replace")[-300:] if proc.stderr else ""
            proc.wait(5)
            pytest.skip(f"{why} needs FUSE: the mount did not come up ({err.strip()})")
        time.sleep(0.05)  # polling for the mount, not a timing measurement
    try:
        yield mnt, back
    finally:
        subprocess.run(["fusermount", "-u", str(mnt)], check=False, capture_output=True)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        if proc.stderr:
            proc.stderr.close()
