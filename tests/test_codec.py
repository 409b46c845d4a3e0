"""The codec: only plain data crosses between the grader and a learner's process, never an object."""

import numpy as np
import pytest

from helpers.grading import codec


@pytest.mark.parametrize(
    "value",
    [
        1.5,
        -3,
        True,
        None,
        "text",
        (1, 2.0),
        [1, [2, 3]],
        {"a": (1,)},
        1 + 2j,
        2**70,
        np.arange(6.0).reshape(2, 3),
    ],
)
def test_codec_round_trips_plain_data(value):
    out = codec.loads(codec.dumps(value))
    if isinstance(value, np.ndarray):
        np.testing.assert_array_equal(out, value)
    else:
        assert out == value and type(out) is type(value)


def test_codec_never_carries_objects():
    out = codec.loads(codec.dumps(open))
    assert isinstance(out, codec.Unrepresentable) and out.type_name == "builtin_function_or_method"
    deep = []
    for _ in range(50):
        deep = [deep]
    assert "Unrepresentable" in repr(codec.loads(codec.dumps(deep)))
