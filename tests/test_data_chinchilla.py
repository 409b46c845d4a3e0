"""helpers.data: Chinchilla's Tables 1 and 3 and the over-trained models, against the published values."""

import pytest

from helpers import compute, data, scaling

# Hoffmann et al. 2022, Table 3 (typed from the paper): parameters, FLOPs, tokens.
PUBLISHED_TABLE3 = [
    (400e6, 1.92e19, 8.0e9),
    (1e9, 1.21e20, 20.2e9),
    (10e9, 1.23e22, 205.1e9),
    (67e9, 5.76e23, 1.5e12),
    (175e9, 3.85e24, 3.7e12),
    (280e9, 9.90e24, 5.9e12),
    (520e9, 3.43e25, 11.0e12),
    (1e12, 1.27e26, 21.2e12),
    (10e12, 1.30e28, 216.2e12),
]
# Hoffmann et al. 2022, Table 1: model, parameters, training tokens.
PUBLISHED_TABLE1 = {
    "LaMDA": (137e9, 168e9),
    "GPT-3": (175e9, 300e9),
    "Jurassic": (178e9, 300e9),
    "Gopher": (280e9, 300e9),
    "MT-NLG 530B": (530e9, 270e9),
    "Chinchilla": (70e9, 1.4e12),
}


def test_table3_matches_the_paper():
    assert [(r.params, r.flops, r.tokens) for r in data.CHINCHILLA_TABLE3] == PUBLISHED_TABLE3
    assert all("Table 3" in r.source for r in data.CHINCHILLA_TABLE3)


def test_table3_is_about_twenty_tokens_per_parameter_and_6nd():
    ratios = [r.tokens_per_param for r in data.CHINCHILLA_TABLE3]
    assert min(ratios) == pytest.approx(20.0, abs=0.05) and max(ratios) == pytest.approx(22.4, abs=0.05)
    for r in data.CHINCHILLA_TABLE3:
        assert compute.training_flops(r.params, r.tokens) == pytest.approx(r.flops, rel=0.05)


def test_table1_matches_the_paper():
    assert {m.name: (m.params, m.tokens) for m in data.CHINCHILLA_TABLE1} == PUBLISHED_TABLE1
    assert all("Table 1" in m.source for m in data.CHINCHILLA_TABLE1)


def test_gopher_and_chinchilla_had_about_the_same_budget():
    models = {m.name: m for m in data.CHINCHILLA_TABLE1}
    gopher = compute.training_flops(models["Gopher"].params, models["Gopher"].tokens)
    chinchilla = compute.training_flops(models["Chinchilla"].params, models["Chinchilla"].tokens)
    assert gopher == pytest.approx(5.04e23) and chinchilla == pytest.approx(5.88e23)
    # At Chinchilla's budget Besiroglu et al.'s refit puts the optimum near 73B parameters and 1.34T tokens.
    n_opt, d_opt = scaling.BESIROGLU_2024.compute_optimal(chinchilla)
    assert n_opt == pytest.approx(73e9, rel=0.02) and d_opt == pytest.approx(1.34e12, rel=0.02)


def test_overtrained_ratios_from_the_model_cards():
    ratios = {m.name: m.tokens_per_param for m in data.OVERTRAINED_MODELS}
    # facts.md section 4, from the Llama 2 paper and the Llama 3 model card: 2T and 15T tokens.
    assert ratios["Llama 3 8B"] == pytest.approx(1875)
    assert ratios["Llama 3 70B"] == pytest.approx(214, abs=0.5)
    assert ratios["Llama 2 7B"] == pytest.approx(286, abs=0.5)
    assert ratios["Llama 2 70B"] == pytest.approx(29, abs=0.5)


def test_allocation_exponents_match_table2():
    # Hoffmann et al. 2022, Table 2 (point estimates): a, b for each approach and for Kaplan et al.
    published = {"Approach 1": (0.50, 0.50), "Approach 2": (0.49, 0.51), "Approach 3": (0.46, 0.54),
                 "Kaplan": (0.73, 0.27)}
    rows = data.ALLOCATION_EXPONENTS
    assert len(rows) == 4
    for row, (key, (a, b)) in zip(rows, published.items(), strict=True):
        assert row.method.startswith(key) and (row.a, row.b) == (a, b) and row.a + row.b == pytest.approx(1.0)
