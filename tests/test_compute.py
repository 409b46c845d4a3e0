"""helpers.compute: FLOP counts checked against published runs."""

import pytest

from helpers import compute


def test_gpt3_training_compute():
    # Brown et al. 2020, Table D.1: GPT-3 175B on 300B tokens used 3.14e23 FLOP.
    assert compute.training_flops(175e9, 300e9) == pytest.approx(3.14e23, rel=0.01)


def test_chinchilla_training_compute():
    # Hoffmann et al. 2022: Chinchilla, 70B parameters on 1.4T tokens; 6ND = 5.88e23.
    assert compute.training_flops(70e9, 1.4e12) == pytest.approx(5.88e23, rel=1e-9)


def test_inference_is_two_flop_per_parameter_per_token():
    assert compute.inference_flops(7e9, 1000) == 1.4e13


@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), "7e9", None])
def test_bad_input(bad):
    with pytest.raises(ValueError, match="parameters"):
        compute.training_flops(bad, 1e9)
    with pytest.raises(ValueError, match="tokens"):
        compute.inference_flops(1e9, bad)
