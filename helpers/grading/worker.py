"""The learner's side of grading: run a notebook's code cells, then call its task functions.

Runs inside the sandbox (``sandbox.py`` starts it), as ``worker.main(request_fd, events_fd)``: it reads the
request from one inherited descriptor and writes one JSON event per step to the other (see ``protocol``).
It never judges anything: the grader compares the returned values in its own process.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
import traceback

from helpers.grading import codec
from helpers.grading.offlimits import ReferenceAnswerCalled, off_limits
from helpers.grading.protocol import CallStatus, CellStatus, Event, one_line


class _TimeUp(BaseException):
    """Raised by the alarm when a cell or a call runs past its share of the time limit."""


def _on_alarm(signum, frame):
    raise _TimeUp()


class _DiscardedOutput:
    """Replaces stdout and stderr: the grader reports results, not prints."""

    def write(self, text):
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
        if frame.filename.startswith(("<ipython-input", "<cell")) or "ipykernel" in frame.filename:
            line = frame.lineno
    return line


def _describe(exc: BaseException) -> str:
    if isinstance(exc, SyntaxError) and exc.msg:
        return one_line(exc.msg)
    return one_line(str(exc))


def _run_cells(shell, cells: list[dict], deadline: float, emit) -> None:
    stopped = False
    for cell in cells:
        index = cell["index"]
        if stopped or time.monotonic() >= deadline:
            emit(event=Event.CELL, index=index, status=CellStatus.SKIPPED)
            stopped = True
            continue
        emit(event=Event.CELL_START, index=index)
        signal.setitimer(signal.ITIMER_REAL, max(deadline - time.monotonic(), 0.001))
        try:
            result = shell.run_cell(cell["source"], store_history=False, silent=False)
            error = result.error_before_exec or result.error_in_exec
        except BaseException as exc:  # _TimeUp fired inside IPython's own machinery, or worse
            error = exc
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if error is None:
            emit(event=Event.CELL, index=index, status=CellStatus.OK)
        elif isinstance(error, _TimeUp):
            emit(event=Event.CELL, index=index, status=CellStatus.TIMEOUT)
            stopped = True
        elif isinstance(error, SyntaxError):
            status = CellStatus.SYNTAX_ERROR
            emit(
                event=Event.CELL, index=index, status=status, line=_error_line(error), error=_describe(error)
            )
        elif isinstance(error, SystemExit):
            emit(event=Event.CELL, index=index, status=CellStatus.EXIT, error=f"SystemExit({error.code!r})")
        else:
            emit(
                event=Event.CELL,
                index=index,
                status=CellStatus.ERROR,
                error_type=type(error).__name__,
                error=_describe(error),
                line=_error_line(error),
            )


def _call_functions(namespace: dict, calls: list[dict], deadline: float, emit) -> None:
    for i, call in enumerate(calls):
        key, name = call["key"], call["function"]
        function = namespace.get(name)
        if function is None:
            emit(event=Event.CALL, key=key, status=CallStatus.MISSING)
            continue
        if not callable(function):
            error = f"is a {type(function).__name__}, not a function"
            emit(event=Event.CALL, key=key, status=CallStatus.NOT_CALLABLE, error=error)
            continue
        share = (deadline - time.monotonic()) / (len(calls) - i)
        if share <= 0.001:
            error = "no time left within the notebook's time limit"
            emit(event=Event.CALL, key=key, status=CallStatus.TIMEOUT, error=error)
            continue
        emit(event=Event.CALL_START, key=key)
        args, kwargs = codec.decode(call["args"]), codec.decode(call["kwargs"])
        outcome: dict
        with off_limits(tuple(r) for r in call["off_limits"]) as called:
            signal.setitimer(signal.ITIMER_REAL, share)
            try:
                value = function(*args, **kwargs)
                signal.setitimer(signal.ITIMER_REAL, 0)
                outcome = {"status": CallStatus.RETURNED, "value": codec.encode(value)}
            except _TimeUp:
                outcome = {
                    "status": CallStatus.TIMEOUT,
                    "error": f"its share of the time limit was {share:.1f} s",
                }
            except (ReferenceAnswerCalled, BaseException) as exc:
                signal.setitimer(signal.ITIMER_REAL, 0)
                outcome = {
                    "status": CallStatus.RAISED,
                    "error_type": type(exc).__name__,
                    "error": _describe(exc),
                }
        if called:
            outcome = {"status": CallStatus.CALLED_REFERENCE, "error": called[0]}
        emit(event=Event.CALL, key=key, **outcome)


def main(request_fd: int, events_fd: int) -> None:
    with os.fdopen(request_fd, encoding="utf-8") as fh:  # closed once read: learner code cannot re-read it
        request = json.load(fh)
    events = os.fdopen(events_fd, "a", encoding="utf-8", buffering=1)

    def emit(**event):
        events.write(json.dumps(event) + "\n")
        events.flush()

    sys.stdout = sys.stderr = _DiscardedOutput()
    sys.argv = ["submission.ipynb"]  # learner code has no business with the grader's arguments

    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.enabled = False
    shell = InteractiveShell.instance(config=config)
    signal.signal(signal.SIGALRM, _on_alarm)

    start = time.monotonic()  # the notebook's time starts now, once Python and IPython are ready
    emit(event=Event.START)
    _run_cells(shell, request["cells"], start + float(request["cell_seconds"]), emit)
    _call_functions(shell.user_ns, request["calls"], start + float(request["seconds"]), emit)
    emit(event=Event.DONE)
    events.close()
