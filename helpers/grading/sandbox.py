"""Where learner code runs: one bubblewrap sandbox per notebook, with limits, or (only when asked) a plain
process.

In the sandbox (``bwrap``, Debian package ``bubblewrap``) the learner's process sees:

- the Python environment and a copy of the ``helpers`` package with its data, read-only; the copy is taken
  when grading starts, so a change made later cannot reach anyone, and it leaves out ``helpers/checks``
  (the expected values);
- a private scratch directory, ``/home/learner`` (its HOME and working directory), holding only its own copy
  of its notebook, and a private ``/tmp``: small memory file systems that vanish with it;
- nothing else: not the submissions folder, not other learners' files, not the grader's home, no network
  (its own empty network namespace), no other process (its own PID namespace: when the worker ends, the
  kernel ends every process it started, however detached).

Limits: memory per process (``MEMORY_LIMIT_BYTES``), size of any file it writes (``MAX_FILE_BYTES``), size of
each writable file system (``SCRATCH_BYTES``), number of processes (``MAX_PROCESSES``), and time (the
grader's timeout, then ``KILL_GRACE``). The process limit is the kernel's RLIMIT_NPROC, which counts the
processes of one user: unprivileged, the sandbox gets its own user namespace and the count is per sandbox;
run as root, learner code gets a user id of its own (never root) so that the count is again per sandbox.

Without the sandbox (``--no-sandbox``, or a learner grading their own notebook where bwrap is missing), the
process runs with the grader's rights; ``TamperGuard`` then restores the ``helpers`` package and
site-packages start-up files after each notebook. It runs in both modes, as a tripwire.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import site
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import helpers
from helpers.grading.protocol import GRADING_ENV

MEMORY_LIMIT_BYTES = 3 * 1024**3  # address space of each learner process
MAX_FILE_BYTES = 256_000_000  # any one file a learner process writes, the events file included
SCRATCH_BYTES = 256_000_000  # each writable file system in the sandbox: /home/learner, /tmp, /dev/shm
MAX_PROCESSES = 8  # processes and threads of the learner's user at once, the worker included
KILL_GRACE = 1.0  # seconds after the time limit before a process that ignores its alarms is killed

HELPERS_DIR = Path(helpers.__file__).resolve().parent
#: Inside the sandbox: the learner's scratch directory and the read-only copy of the package.
SCRATCH = "/home/learner"
LIBRARY = "/grader/lib"

INSTALL_HINT = (
    "Grading a class runs every notebook in its own bubblewrap sandbox, so that no learner's code can read "
    "or change anyone else's files. Install it with `sudo apt-get install bubblewrap` (Debian, Ubuntu), "
    "`sudo dnf install bubblewrap` (Fedora) or `sudo pacman -S bubblewrap` (Arch). It needs Linux with user "
    "namespaces, so it cannot run on macOS or Windows, and in a container only if the container allows "
    "namespaces (Docker: --security-opt seccomp=unconfined). Or pass --no-sandbox to grade without it: "
    "learner code then runs with your rights, and the report says so."
)


NO_SANDBOX_NOTE = (
    "WARNING: graded without a sandbox (--no-sandbox): the notebook's code ran with the grader's rights"
)


class SandboxUnavailable(RuntimeError):
    """bubblewrap is missing or cannot create its namespaces here; the message says how to install it."""

    def __init__(self, reason: str):
        super().__init__(f"{reason}. {INSTALL_HINT}")
        self.reason = reason


# ---------------------------------------------------------------------------------------------- tampering


def _site_dirs() -> list[str]:
    dirs = [*site.getsitepackages(), sysconfig.get_paths()["purelib"]]
    return list(dict.fromkeys(p for p in dirs if Path(p).is_dir()))


def guarded_files() -> list[Path]:
    """The files a learner's process could change to affect later grading: the helpers package, and the
    files Python runs at start-up from site-packages (.pth files, sitecustomize, editable finders)."""
    files = [p for p in HELPERS_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    for d in map(Path, _site_dirs()):
        files += [
            p for p in d.iterdir() if p.suffix == ".pth" or p.name in ("sitecustomize.py", "usercustomize.py")
        ]
        files += list(d.glob("__editable__*finder.py"))
    return files


class TamperGuard:
    """Remembers the guarded files; after each learner process, restores any change and says what it was."""

    def __init__(self):
        self._lock = threading.Lock()
        self.snapshot = {p: p.read_bytes() for p in guarded_files()}

    def restore(self) -> list[str]:
        changed = []
        with self._lock:
            current = set(guarded_files())
            for path, data in self.snapshot.items():
                try:
                    same = path.read_bytes() == data
                except OSError:
                    same = False
                if not same:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(data)
                    changed.append(str(path))
            for path in current - set(self.snapshot):
                path.unlink(missing_ok=True)
                changed.append(str(path))
        return changed


# ---------------------------------------------------------------------------------------------- launching

# Runs first in the learner's process (python -I -S: no .pth file or sitecustomize runs): close every
# inherited descriptor but the two it needs, drop root if it is root, set the limits, then start the worker
# from the read-only copy of helpers.
_LAUNCH = """\
import json, os, resource, signal, sys
c = json.loads(sys.argv.pop(1))
keep = sorted((c["request_fd"], c["events_fd"]))
os.closerange(3, keep[0]); os.closerange(keep[0] + 1, keep[1]); os.closerange(keep[1] + 1, 1 << 16)
if c["uid"]:
    os.setgroups([]); os.setresgid(c["uid"], c["uid"], c["uid"]); os.setresuid(c["uid"], c["uid"], c["uid"])
for limit, value in c["limits"]:
    resource.setrlimit(getattr(resource, limit), (value, value))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
sys.path[:0] = c["path"]
from helpers.grading import worker
worker.main(c["request_fd"], c["events_fd"])
"""


def _env(home: str) -> dict[str, str]:
    return {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "IPYTHONDIR": f"{home}/.ipython",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": f"{home}/.config/matplotlib",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "LANG": "C.UTF-8",
        GRADING_ENV: "1",
    }


def _python_dirs() -> list[str]:
    """The folders the interpreter and its packages live in, outermost first, none inside another."""
    candidates = [
        sys.prefix,
        sys.base_prefix,
        str(Path(os.path.realpath(sys.executable)).parent.parent),
        *_site_dirs(),
    ]
    dirs: list[str] = []
    for path in sorted({os.path.realpath(p) for p in candidates} | {os.path.abspath(p) for p in candidates}):
        if not any(path == d or path.startswith(d + "/") for d in [*dirs, "/usr"]):
            dirs.append(path)
    return dirs


def _bwrap_args(as_root: bool) -> list[str]:
    """The bwrap options that build the sandbox's file system and namespaces (without the notebook)."""
    args = ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"]
    args += ["--hostname", "grading", "--die-with-parent", "--new-session"]
    if as_root:  # the launcher uses these two to become an ordinary user, which drops them with the rest
        args += ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    else:
        args += ["--unshare-user", "--disable-userns", "--cap-drop", "ALL"]
    args += ["--ro-bind", "/usr", "/usr"]
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
    args += ["--perms", "0755", "--dir", "/etc"]  # only what the dynamic linker and the clock read
    for etc in ("/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime"):
        args += ["--ro-bind-try", etc, etc]
    args += ["--proc", "/proc", "--dev", "/dev"]
    for path, perms in (("/dev/shm", "1777"), ("/tmp", "1777"), (SCRATCH, "0777")):
        args += ["--perms", perms, "--size", str(SCRATCH_BYTES), "--tmpfs", path]
    made = {"/", "/usr", "/etc", "/tmp", "/home"}
    for path in [*_python_dirs(), LIBRARY]:
        for parent in map(str, reversed(Path(path).parents)):
            if parent not in made:  # readable by the sandbox's user id, whoever owns the real folder
                args += ["--perms", "0755", "--dir", parent]
                made.add(parent)
        if path != LIBRARY:
            args += ["--ro-bind", path, path]
    return args


def _wait(proc: subprocess.Popen, events_fd: int, timeout: float) -> bool:
    """Wait for the worker to end on its own: True if it did, False once it has run ``KILL_GRACE`` seconds past
    its ``timeout``. Its time starts with its first event (Python and IPython loaded); a start that never
    comes is given ``timeout`` seconds."""
    started = False
    stop_at = time.monotonic() + 2 * timeout + KILL_GRACE
    while True:
        now = time.monotonic()
        if not started and os.fstat(events_fd).st_size > 0:
            started, stop_at = True, now + timeout + KILL_GRACE
        try:
            proc.wait(timeout=max(0.0, stop_at - now) if started else min(0.05, max(0.0, stop_at - now)))
            return True
        except subprocess.TimeoutExpired:
            if time.monotonic() >= stop_at:
                return False


def find_bwrap() -> str | None:
    return shutil.which("bwrap")


@dataclass
class WorkerRun:
    """What came back from one learner process."""

    events: list[dict]
    killed: bool
    """stopped because it was still running ``KILL_GRACE`` seconds after the time limit"""
    returncode: int


class Sandbox:
    """Runs learner notebooks, each in a fresh bubblewrap sandbox when ``isolated``, else as a plain process.

    One per grading session, used as a context manager: it holds the read-only copy of the package that
    every notebook of the session gets, and the tamper guard. Raises ``SandboxUnavailable`` when
    ``isolated`` and bubblewrap cannot run here.
    """

    def __init__(self, isolated: bool = True, *, note: str = ""):
        self.isolated = isolated
        self.note = note or ("" if isolated else NO_SANDBOX_NOTE)
        """added to every report: why and how notebooks ran without a sandbox"""
        self.guard = TamperGuard()
        self._bwrap = find_bwrap() if isolated else None
        self._as_root = os.geteuid() == 0
        self._root = Path(tempfile.mkdtemp(prefix="grading-"))
        try:
            self._library = self._root / "lib"
            self._write_library()
            if isolated:
                self._probe()
        except BaseException:
            self.close()
            raise

    @property
    def name(self) -> str:
        """How notebooks run, for reports: "bubblewrap" or "none"."""
        return "bubblewrap" if self.isolated else "none"

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        shutil.rmtree(self._root, ignore_errors=True)

    def _write_library(self) -> None:
        """The package and its data as they were when grading started, without its checks."""
        for path, data in self.guard.snapshot.items():
            if path.is_relative_to(HELPERS_DIR) and path.relative_to(HELPERS_DIR).parts[0] != "checks":
                target = self._library / "helpers" / path.relative_to(HELPERS_DIR)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        for path in [self._root, *self._library.rglob("*")]:  # readable by the sandbox's own user id
            path.chmod(0o755 if path.is_dir() else 0o644)
        self._library.chmod(0o755)

    def _bwrap_command(self, extra: list[str]) -> list[str]:
        command = [self._bwrap, *_bwrap_args(self._as_root), "--ro-bind", str(self._library), LIBRARY, *extra]
        command += ["--remount-ro", "/dev", "--remount-ro", "/", "--chdir", SCRATCH, "--clearenv"]
        for name, value in _env(SCRATCH).items():
            command += ["--setenv", name, value]
        return [*command, "--"]

    def _probe(self) -> None:
        if self._bwrap is None:
            raise SandboxUnavailable("bubblewrap (bwrap) is not installed")
        command = [*self._bwrap_command([]), sys.executable, "-I", "-S", "-c", "import os; os.getcwd()"]
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SandboxUnavailable(f"bubblewrap could not start ({exc})") from None
        if result.returncode != 0:
            reason = (result.stderr.strip().splitlines() or [f"exit status {result.returncode}"])[-1]
            raise SandboxUnavailable(f"bubblewrap cannot create its sandbox here ({reason})")

    def restore(self) -> list[str]:
        """Put back any guarded file that changed; the paths that had changed."""
        return self.guard.restore()

    def run(self, notebook: bytes, request: dict, timeout: float) -> WorkerRun:
        """Run the worker on ``request`` with the learner's notebook file in its scratch directory."""
        work = Path(tempfile.mkdtemp(prefix="notebook-", dir=self._root))
        try:
            (work / "request.json").write_text(json.dumps(request), encoding="utf-8")
            (work / "submission.ipynb").write_bytes(notebook)
            events = work / "events.jsonl"
            with (
                open(work / "request.json", "rb") as request_file,
                open(events, "wb") as events_file,
                open(work / "submission.ipynb", "rb") as notebook_file,
            ):
                fds = {"request_fd": request_file.fileno(), "events_fd": events_file.fileno()}
                killed, returncode = self._launch(fds, notebook_file.fileno(), work, timeout)
            with events.open("rb") as fh:
                raw = fh.read(MAX_FILE_BYTES)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        parsed = []
        for line in raw.splitlines():
            try:
                event = json.loads(line)
            except (ValueError, RecursionError):
                continue  # a truncated last line, or something the learner's code wrote
            if isinstance(event, dict):
                parsed.append(event)
        return WorkerRun(parsed, killed, returncode)

    def _launch(self, fds: dict, notebook_fd: int, work: Path, timeout: float) -> tuple[bool, int]:
        limits = [["RLIMIT_AS", MEMORY_LIMIT_BYTES], ["RLIMIT_FSIZE", MAX_FILE_BYTES], ["RLIMIT_CORE", 0]]
        config = {**fds, "uid": 0, "limits": limits}
        if self.isolated:
            config["path"] = [LIBRARY, *_site_dirs()]
            config["limits"] = [*limits, ["RLIMIT_NPROC", MAX_PROCESSES]]
            if self._as_root:
                config["uid"] = 2**30 + secrets.randbelow(2**30)  # its own user: RLIMIT_NPROC counts just it
            info_read, info_write = os.pipe()
            extra = ["--perms", "0666", "--file", str(notebook_fd), f"{SCRATCH}/submission.ipynb"]
            extra += ["--info-fd", str(info_write)]
            command = self._bwrap_command(extra)
            pass_fds = [*fds.values(), notebook_fd, info_write]
            cwd, env = "/", {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        else:
            scratch = work / "scratch"
            scratch.mkdir()
            shutil.copyfile(work / "submission.ipynb", scratch / "submission.ipynb")
            shutil.copytree(self._library, work / "lib")  # its own copy: writable here, so not shared
            config["path"] = [str(work / "lib"), *_site_dirs()]
            command, pass_fds, cwd, env = [], list(fds.values()), scratch, _env(str(scratch))
        command += [sys.executable, "-I", "-S", "-c", _LAUNCH, json.dumps(config)]
        proc = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=pass_fds,
            start_new_session=True,
        )
        inner = None
        if self.isolated:
            os.close(info_write)
            with os.fdopen(info_read, "rb") as fh:  # bwrap closes its end once the sandbox exists
                try:
                    inner = json.loads(fh.read() or b"{}").get("child-pid")
                except ValueError:
                    inner = None
        killed = False
        try:
            killed = not _wait(proc, fds["events_fd"], timeout)
            if killed and inner and proc.poll() is None:
                os.kill(inner, signal.SIGKILL)  # the sandbox's first process: the kernel ends all the others
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # without a sandbox: the worker and what it started
            except ProcessLookupError:
                pass
            proc.wait()
        return killed, proc.returncode
