"""helpers.compute: FLOP counts checked against published runs."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

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


# ------------------------------------------------------------------------------------------- accelerators
# Datasheet values typed from /work/shared/research/facts.md section 5 (vendor docs and copies of them).
@pytest.mark.parametrize(
    ("name", "dense_tflops", "memory_gb", "bandwidth_tb_s", "watts"),
    [
        ("A100", 312, 80, 2.039, 400),
        ("H100", 989.4, 80, 3.35, 700),
        ("H200", 989.4, 141, 4.8, 700),
        ("MI300X", 1307.4, 192, 5.3, 750),
        ("B200", 2250, 180, 7.7, 1000),
    ],
)
def test_accelerator_datasheets(name, dense_tflops, memory_gb, bandwidth_tb_s, watts):
    spec = compute.ACCELERATORS[name]
    assert spec.peak_flops_dense == pytest.approx(dense_tflops * 1e12)
    assert spec.memory_bytes == pytest.approx(memory_gb * 1e9)
    assert spec.memory_bandwidth == pytest.approx(bandwidth_tb_s * 1e12)
    assert spec.power_watts == watts
    assert spec.source and spec.status in ("primary", "secondary")


def test_sparse_headline_is_twice_dense():
    # NVIDIA's "1,979 TFLOPS" headline for H100/H200 is the 2:4 sparse figure, not the dense one.
    for name in ("A100", "H100", "H200", "B200"):
        spec = compute.ACCELERATORS[name]
        assert spec.peak_flops_sparse == pytest.approx(2 * spec.peak_flops_dense, rel=1e-3)
    assert round(compute.ACCELERATORS["H100"].peak_flops_sparse / 1e12) == 1979
    assert compute.ACCELERATORS["MI300X"].peak_flops_sparse is None


def test_unknown_accelerator_lists_the_known_ones():
    with pytest.raises(ValueError, match="A100, H100, H200, MI300X, B200"):
        compute.gpu_hours(1e20, "V100", 0.4)
    with pytest.raises(ValueError, match="accelerator"):
        compute.get_accelerator(None)


# ------------------------------------------------------------------------------------------------ training
def test_gpt3_training_compute_is_table_d1():
    # Brown et al. 2020, Table D.1, row "GPT-3 175B": 3.64E+03 PF-days, 3.14E+23 FLOP, 174,600 M params,
    # 300 B tokens. The book's single GPT-3 number must round to both published values.
    from helpers import units

    assert (compute.GPT3_PARAMS, compute.GPT3_TOKENS) == (174_600e6, 300e9)
    assert float(f"{compute.GPT3_TRAINING_FLOP:.3g}") == 3.14e23
    assert float(f"{units.flop_to_pf_days(compute.GPT3_TRAINING_FLOP):.3g}") == 3.64e3
    assert compute.GPT3_TRAINING_FLOP == compute.training_flops(174.6e9, 300e9)


def test_gpt3_in_pf_days():
    # Brown et al. 2020, Table D.1: 3.14e23 FLOP = 3.64e3 PF-days.
    from helpers import units

    assert units.flop_to_pf_days(3.14e23) == pytest.approx(3.64e3, rel=0.01)


def test_gpt3_a100_hours_at_40_percent():
    # 3.14e23 / (312e12 FLOP/s x 0.4 x 3600 s/h) = 698,896 A100-hours, about 701k for 6ND = 3.15e23.
    assert compute.gpu_hours(3.14e23, "A100", 0.4) == pytest.approx(698_896, rel=1e-5)


def test_llama2_70b_implied_mfu():
    # Llama 2 model card: 70B on 2T tokens in 1,720,320 A100-80GB hours; 6ND at 312 TFLOP/s -> ~43% MFU.
    assert compute.LLAMA2_70B_GPU_HOURS == 1_720_320
    mfu = compute.implied_mfu(compute.training_flops(70e9, 2e12), 1_720_320, "A100")
    assert mfu == pytest.approx(0.435, abs=0.005)


def test_llama31_405b_compute():
    # Llama 3 Herd paper: 405B parameters on 15.6T tokens; 6ND = 3.8e25; 38-43% MFU.
    assert compute.training_flops(405e9, 15.6e12) == pytest.approx(3.8e25, rel=0.01)
    assert compute.LLAMA31_405B_MFU_RANGE == (0.38, 0.43)


def test_palm_table3_mfu():
    # Chowdhery et al. 2022, Table 3.
    assert compute.PALM_TABLE3_MFU == {
        "GPT-3 175B": 0.213,
        "Gopher 280B": 0.325,
        "Megatron-Turing NLG 530B": 0.302,
        "PaLM 540B": 0.462,
    }


def test_days_cost_and_energy_are_consistent():
    flops = 6 * 70e9 * 1.4e12
    hours = flops / (989.4e12 * 0.4) / 3600
    assert compute.training_days(flops, "H100", 0.4, 4096) == pytest.approx(hours / 4096 / 24)
    assert compute.training_cost(flops, "H100", 0.4, 2.5) == pytest.approx(hours * 2.5)
    assert compute.training_energy_mwh(flops, "H100", 0.4) == pytest.approx(hours * 700 / 1e6)


@given(
    flops=st.floats(1e15, 1e27),
    mfu=st.floats(0.01, 1.0),
    k=st.integers(1, 100_000),
)
def test_more_chips_fewer_days_same_hours(flops, mfu, k):
    one = compute.training_days(flops, "A100", mfu, 1)
    assert compute.training_days(flops, "A100", mfu, k) == pytest.approx(one / k)
    assert compute.gpu_hours(flops, "A100", mfu) == pytest.approx(one * 24)
    # Doubling MFU halves the hours.
    if mfu <= 0.5:
        assert compute.gpu_hours(flops, "A100", 2 * mfu) == pytest.approx(one * 12)


@pytest.mark.parametrize("mfu", [0.0, -0.1, 1.5, float("nan")])
def test_mfu_must_be_a_fraction(mfu):
    with pytest.raises(ValueError, match="mfu"):
        compute.gpu_hours(1e20, "A100", mfu)


def test_price_has_no_default_and_must_be_positive():
    with pytest.raises(TypeError):
        compute.training_cost(1e20, "A100", 0.4)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="price_per_hour"):
        compute.training_cost(1e20, "A100", 0.4, 0.0)


def test_vectorised_over_mfu():
    hours = compute.gpu_hours(1e21, "H100", np.array([0.2, 0.4]))
    assert hours.shape == (2,) and hours[0] == pytest.approx(2 * hours[1])


# ------------------------------------------------------------------------------------------------- serving
def test_weight_memory():
    # 1.8T parameters in BF16 = 3.6 TB, which needs at least 45 A100-80GB just for the weights.
    assert compute.weight_bytes(1.8e12) == 3.6e12
    assert compute.accelerators_to_hold_weights(1.8e12, "A100") == 45
    assert compute.accelerators_to_hold_weights(70e9, "H100") == 2  # 140 GB > 80 GB
    assert compute.accelerators_to_hold_weights(70e9, "H100", bytes_per_param=1) == 1


def test_decode_batch_one_is_bandwidth_bound():
    # Batch 1: read 2 x 70e9 bytes per token at 3.35e12 B/s -> 23.9 tokens/s.
    assert compute.decode_tokens_per_second(70e9, "H100", 1) == pytest.approx(3.35e12 / 140e9)


def test_decode_large_batch_is_compute_bound():
    # Past the ridge point, tokens/s = peak / (2 N), independent of the batch.
    peak_rate = 989.4e12 / (2 * 70e9)
    assert compute.decode_tokens_per_second(70e9, "H100", 10_000) == pytest.approx(peak_rate)
    assert compute.decode_tokens_per_second(70e9, "H100", 20_000) == pytest.approx(peak_rate)


@given(batch=st.integers(1, 4096))
def test_decode_rate_never_falls_with_batch(batch):
    a = compute.decode_tokens_per_second(70e9, "H100", batch)
    b = compute.decode_tokens_per_second(70e9, "H100", batch + 1)
    assert b >= a * (1 - 1e-12)
    assert a <= 989.4e12 / (2 * 70e9) * (1 + 1e-12)


def test_moe_reads_total_but_computes_active():
    # At batch 1 an MoE reads only the active experts; passing the total gives the large-batch bound.
    dense_like = compute.decode_tokens_per_second(280e9, "H100", 1, n_accelerators=8)
    all_experts = compute.decode_tokens_per_second(280e9, "H100", 1, params_read_per_step=1.8e12, n_accelerators=8)
    assert dense_like / all_experts == pytest.approx(1.8e12 / 280e9)


def test_cost_per_million_tokens():
    # $2/h for 1,000 tokens/s: 3.6M tokens per hour -> $0.556 per million.
    assert compute.cost_per_million_tokens(1000, 2.0) == pytest.approx(2.0 / 3.6)


# ------------------------------------------------------------------------------------------------ lifetime
def test_lifetime_and_break_even():
    assert compute.lifetime_cost(100.0, 2.0, 5e6) == pytest.approx(110.0)
    assert compute.lifetime_cost(100.0, 2.0, 0) == 100.0
    # A: cheap to train, dear to serve; B the other way round: equal at 1e6 x (200-100)/(3-1) tokens.
    t = compute.break_even_tokens(100.0, 3.0, 200.0, 1.0)
    assert t == pytest.approx(50e6)
    assert compute.lifetime_cost(100.0, 3.0, t) == pytest.approx(compute.lifetime_cost(200.0, 1.0, t))
    with pytest.raises(ValueError, match="no break-even"):
        compute.break_even_tokens(100.0, 1.0, 200.0, 3.0)


def test_measure_matmul_flops_is_quick_and_positive():
    import time

    start = time.perf_counter()
    rate = compute.measure_matmul_flops()
    assert time.perf_counter() - start < 2.0
    assert 1e6 < rate < 1e15  # between a megaFLOP/s and a petaFLOP/s on any CPU
    with pytest.raises(ValueError, match="dtype"):
        compute.measure_matmul_flops(dtype="int8")
    with pytest.raises(ValueError, match="size"):
        compute.measure_matmul_flops(size=0)
