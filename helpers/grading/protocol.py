"""What the grader and the worker (the learner's process) say to each other, named once for both sides.

The grader writes one JSON request (the notebook's code cells, the calls to make, and the seconds allowed
for the cells and in all) to a file the worker reads from an inherited descriptor. The worker answers with
one JSON event per line on another descriptor, so the grader knows how far it got even if the process is
killed. The notebook's time starts with the first event; the grader stops the process if it is still
running ``KILL_GRACE`` seconds after the worker's own deadline:

    {"event": "start"}
    {"event": "cell_start", "index": 3}
    {"event": "cell", "index": 3, "status": "ok" | "error" | ..., "error_type": ..., "error": ..., "line": ...}
    {"event": "call_start", "key": "1.2/0"}
    {"event": "call", "key": "1.2/0", "status": "returned", "value": <codec.encode(value)>}
    {"event": "done"}

Only plain data crosses (see ``codec``), and the grader judges the values in its own process.
"""

from __future__ import annotations

from enum import StrEnum

#: Set in the learner's process while it is graded: ``check`` then stays silent, because the grader judges
#: every task itself.
GRADING_ENV = "HELPERS_GRADING"


class Event(StrEnum):
    START = "start"
    CELL_START = "cell_start"
    CELL = "cell"
    CALL_START = "call_start"
    CALL = "call"
    DONE = "done"


class CellStatus(StrEnum):
    """How running one code cell ended."""

    OK = "ok"
    ERROR = "error"  # raised an exception (error_type, error, line)
    SYNTAX_ERROR = "syntax_error"
    TIMEOUT = "timeout"  # still running when the share of the time limit for cells ran out
    EXIT = "exit"  # called sys.exit
    SKIPPED = "skipped"  # not run: an earlier cell used up the time limit


class CallStatus(StrEnum):
    """How one call of a learner's function ended (the ``status`` of an ``Outcome``)."""

    RETURNED = "returned"
    RAISED = "raised"
    TIMEOUT = "timeout"
    MISSING = "missing"  # the notebook defines no such name
    NOT_CALLABLE = "not_callable"
    NOT_RUN = "not_run"  # the process stopped before this call was made or finished
    CALLED_REFERENCE = "called_reference"  # called a book function the task asks the learner to write


def call_key(task_id: str, case_index: int) -> str:
    """The key naming one call in requests and events: task id and case number, e.g. "1.2/0"."""
    return f"{task_id}/{case_index}"


def one_line(text: str, limit: int = 300) -> str:
    """``text`` on one line, cut to ``limit`` characters: how every message crosses and is shown."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
