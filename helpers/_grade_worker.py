"""The learner's side of ``python -m helpers.grade``: run a notebook's code, then call its functions.

Started by the grader in a temporary folder, as ``python -I -m helpers._grade_worker REQUEST EVENTS``. It
reports each step as a JSON line in EVENTS, so the grader knows how far it got even if this process is
killed. It never judges anything: the grader compares the returned values, in its own process.
"""

from __future__ import annotations

import json
import signal
import sys
import time
import traceback


class _TimeUp(BaseException):
    """Raised by the alarm when a cell or a call runs past its share of the time limit."""


def _on_alarm(signum, frame):
    raise _TimeUp()


class _CappedSink:
    """A stdout/stderr replacement that drops printed output: the grader reports results, not prints."""

    def __init__(self):
        self.count = 0

    def write(self, text):
        self.count += len(text)
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        return False


def _error_line(exc: BaseException) -> int | None:
    if isinstance(exc, SyntaxError):
        return exc.lineno
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if (
            frame.filename.startswith("<ipython-input")
            or "ipykernel" in frame.filename
            or frame.filename.startswith("<cell")
        ):
            line = frame.lineno
    return line


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if isinstance(exc, SyntaxError):
        text = exc.msg or text
    return text[:300]


def main(request_path: str, events_path: str) -> None:
    with open(request_path, encoding="utf-8") as fh:
        request = json.load(fh)
    events = open(events_path, "a", encoding="utf-8", buffering=1)

    def emit(**event):
        events.write(json.dumps(event) + "\n")
        events.flush()

    sink = _CappedSink()
    sys.stdout = sys.stderr = sink
    sys.argv = ["submission.ipynb"]  # learner code has no business with the grader's paths

    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    from helpers import _codec

    config = Config()
    config.HistoryManager.enabled = False
    shell = InteractiveShell.instance(config=config)
    signal.signal(signal.SIGALRM, _on_alarm)

    start = time.monotonic()
    exec_deadline = start + float(request["exec_seconds"])
    total_deadline = start + float(request["total_seconds"])
    stopped = False
    for cell in request["cells"]:
        index = cell["index"]
        if stopped or time.monotonic() >= exec_deadline:
            emit(event="cell", index=index, status="skipped")
            stopped = True
            continue
        emit(event="cell_start", index=index)
        signal.setitimer(signal.ITIMER_REAL, max(exec_deadline - time.monotonic(), 0.001))
        try:
            result = shell.run_cell(cell["source"], store_history=False, silent=False)
            error = result.error_before_exec or result.error_in_exec
        except _TimeUp as exc:  # fired inside IPython's own machinery rather than in the cell
            error = exc
        except BaseException as exc:
            error = exc
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if error is None:
            emit(event="cell", index=index, status="ok")
        elif isinstance(error, _TimeUp):
            emit(event="cell", index=index, status="timeout")
            stopped = True
        elif isinstance(error, SyntaxError):
            emit(
                event="cell",
                index=index,
                status="syntax_error",
                line=_error_line(error),
                error=_describe(error),
            )
        elif isinstance(error, SystemExit):
            emit(event="cell", index=index, status="exit", error=f"SystemExit({error.code!r})")
        else:
            emit(
                event="cell",
                index=index,
                status="error",
                error_type=type(error).__name__,
                error=_describe(error),
                line=_error_line(error),
            )

    namespace = shell.user_ns
    calls = request["calls"]
    for i, call in enumerate(calls):
        key, name = call["key"], call["function"]
        function = namespace.get(name)
        if function is None:
            emit(event="call", key=key, status="missing")
            continue
        if not callable(function):
            emit(
                event="call",
                key=key,
                status="not_callable",
                error=f"is a {type(function).__name__}, not a function",
            )
            continue
        share = (total_deadline - time.monotonic()) / (len(calls) - i)
        if share <= 0.001:
            emit(
                event="call", key=key, status="timeout", error="no time left within the notebook's time limit"
            )
            continue
        emit(event="call_start", key=key)
        args = _codec.decode(call["args"])
        kwargs = _codec.decode(call["kwargs"])
        signal.setitimer(signal.ITIMER_REAL, share)
        try:
            value = function(*args, **kwargs)
            signal.setitimer(signal.ITIMER_REAL, 0)
            emit(event="call", key=key, status="returned", value=_codec.encode(value))
        except _TimeUp:
            emit(
                event="call",
                key=key,
                status="timeout",
                error=f"its share of the time limit was {share:.1f} s",
            )
        except BaseException as exc:
            signal.setitimer(signal.ITIMER_REAL, 0)
            emit(event="call", key=key, status="raised", error_type=type(exc).__name__, error=_describe(exc))
    emit(event="done", printed_chars=sink.count)
    events.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
