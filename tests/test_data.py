"""helpers.data: Wei et al. 2022 Table 1 rows compared with the paper."""

import pytest

from helpers import compute, data

# Wei et al. 2022 (TMLR, arXiv 2206.07682), Table 1, typed from the paper: ability -> (train FLOPs, params, model).
PUBLISHED_WEI_TABLE_1 = {
    "Addition/subtraction (3 digit)": (2.3e22, 13e9, "GPT-3"),
    "Addition/subtraction (4-5 digit)": (3.1e23, 175e9, "GPT-3"),
    "MMLU benchmark (57 topic avg.)": (3.1e23, 175e9, "GPT-3"),
    "Truthfulness (TruthfulQA)": (5.0e23, 280e9, "Gopher"),
    "Word in Context (WiC) benchmark": (2.5e24, 540e9, "PaLM"),
    "Instruction following (finetuning)": (1.3e23, 68e9, "FLAN"),
    "Scratchpad: 8-digit addition (finetuning)": (8.9e19, 40e6, "LaMDA"),
    "Chain-of-thought: math word problems": (1.3e23, 68e9, "LaMDA"),
    "Self-consistency decoding": (1.3e23, 68e9, "LaMDA"),
}


@pytest.mark.parametrize("row", data.WEI_2022_TABLE_1, ids=lambda r: r.ability)
def test_wei_rows_match_the_paper(row):
    assert (row.train_flop, row.params, row.model) == PUBLISHED_WEI_TABLE_1[row.ability]
    assert "Wei et al. 2022" in row.source and "Table 1" in row.source
    assert row.prompting in ("few-shot", "augmented")


def test_every_published_row_is_there_once():
    assert sorted(r.ability for r in data.WEI_2022_TABLE_1) == sorted(PUBLISHED_WEI_TABLE_1)


def test_gpt3_rows_are_consistent_with_6nd():
    # GPT-3 models were trained on 300B tokens (Brown et al. 2020); 6 N D gives Wei's FLOP column.
    for row in data.WEI_2022_TABLE_1:
        if row.model == "GPT-3":
            assert compute.training_flops(row.params, 300e9) == pytest.approx(row.train_flop, rel=0.03)
