#!/usr/bin/python3
# ruff: noqa  (third-party style tool kept as copied)
# Copied from shared/tools/slowfs.py (the project's reliability toolkit; see shared/RELIABILITY.md)
# so CI, which clones only this repository, can run the R6 test. Needs python3-fusepy, libfuse2.
# Local addition: SLOWFS_FSYNC_MS=N adds N ms to every fsync only (a share whose commits
# are slow while reads stay quick: the GUI stall test of issue 14 item 7).
"""Passthrough FUSE fs adding latency to every op (simulates a network share). Optional: SLOWFS_FAIL_FSYNC_EVERY=N -> EIO on every Nth fsync."""
import os, sys, time, errno, threading
from fusepy import FUSE, FuseOSError, Operations
LAT = float(os.environ.get("SLOWFS_LATENCY_MS", "2"))/1000.0
FAIL_EVERY = int(os.environ.get("SLOWFS_FAIL_FSYNC_EVERY", "0")); _n=[0]; _lk=threading.Lock()
FSYNC_EXTRA = float(os.environ.get("SLOWFS_FSYNC_MS", "0"))/1000.0
class Slow(Operations):
    def __init__(self, root): self.root=root
    def _p(self, p): return os.path.join(self.root, p.lstrip("/"))
    def _d(self): time.sleep(LAT)
    def access(self, p, m):
        if not os.access(self._p(p), m): raise FuseOSError(errno.EACCES)
    def getattr(self, p, fh=None):
        st=os.lstat(self._p(p)); return {k: getattr(st,k) for k in ('st_atime','st_ctime','st_gid','st_mode','st_mtime','st_nlink','st_size','st_uid')}
    def readdir(self, p, fh): return ['.','..']+os.listdir(self._p(p))
    def unlink(self, p): self._d(); os.unlink(self._p(p))
    def rename(self, a, b): self._d(); os.rename(self._p(a), self._p(b))
    def truncate(self, p, length, fh=None): self._d(); os.truncate(self._p(p), length)
    def open(self, p, flags): self._d(); return os.open(self._p(p), flags)
    def create(self, p, mode, fi=None): self._d(); return os.open(self._p(p), os.O_RDWR|os.O_CREAT, mode)
    def read(self, p, size, off, fh): self._d(); return os.pread(fh, size, off)
    def write(self, p, data, off, fh): self._d(); return os.pwrite(fh, data, off)
    def flush(self, p, fh): return 0
    def release(self, p, fh): return os.close(fh)
    def fsync(self, p, datasync, fh):
        self._d()
        if FSYNC_EXTRA: time.sleep(FSYNC_EXTRA)
        if FAIL_EVERY:
            with _lk:
                _n[0]+=1
                if _n[0] % FAIL_EVERY == 0: raise FuseOSError(errno.EIO)
        return os.fsync(fh)
    def chmod(self, p, m): return os.chmod(self._p(p), m)
    def chown(self, p, u, g): return os.chown(self._p(p), u, g)
    def utimens(self, p, times=None): return os.utime(self._p(p), times)
if __name__=="__main__":
    FUSE(Slow(sys.argv[1]), sys.argv[2], foreground=True, nothreads=False)
