"""helpers.datasets: the shipped real data against the published papers, and the loaders' validation.

Expected values are typed from the papers or the authors' repositories, never from the loaders' output.
"""

import csv
import hashlib
import io
from importlib import resources

import numpy as np
import pytest

from helpers import datasets
from helpers.datasets import _table, epoch, gadre, porian, pythia, ruan
from helpers.scaling import fit_power_law

CACHED = (porian._isoflop_points, porian._compute_optimal, gadre._runs, pythia.pythia_evals,
          ruan.ruan_base_models, epoch.epoch_models)
LOADERS = (
    lambda: datasets.porian_isoflops(),
    lambda: datasets.porian_optimal(),
    lambda: datasets.gadre_runs(),
    lambda: datasets.pythia_evals(),
    lambda: datasets.ruan_base_models(),
    lambda: datasets.epoch_models(),
)

# ------------------------------------------------------------------------------------------- shipping

# SHA-256 of each shipped file, from the file inventories of the staged copies (which record the source
# commits in their PROVENANCE.md): the data and licences are shipped byte for byte.
SHIPPED = {
    "porian2024_isoflop": {
        "LICENSE": "04a7e7d2ecb9b43ea66be676412642764601fd549d0a2aeae2e6d319b8c4df49",
        "isoflop_points.csv": "e07a16f9de8959c51430cfd93438b41722990e995fd48ca6034d36eaa16ab83f",
        "optimal_pairs.csv": "ca63123e32b8b2e40e2fb5414ba3438ae5e31eb936c5c1add99fb61a4ee10d20",
    },
    "gadre2024_overtraining": {
        "LICENSE.txt": "f6f22e7ddf73c6acc94c82555d60f33f26df2aea3be34d65c2f10c9d9c95e3ff",
        "runs.csv": "826c6decb0542507f25553063f9783239d36112372484b130079412c976f8080",
    },
    "pythia_evals": {
        "LICENSE": "bc4cdd164a78077e0a47964605fa0708084691121f73672afaa0c3b59c766f65",
        "pythia_evals_long.csv": "3bcce50025e61d8192ccbda788e1b38b1e2ecc888a5295a1885dced6ea3c236b",
    },
    "ruan2024_observational": {
        "LICENSE": "c71d239df91726fc519c6eb72d318ec65820627232b2f796219e87dcf35d0ab4",
        "base_llm_benchmark_eval.csv": "511996815735a4c46251dc585dcc525e370d148201f86561e6f927f9df2d0db8",
        "base_llm_emergent_capability_eval.csv": "a156beee73c39b7833c3c53535c473939105512d85e90b0143be7325e516ef7c",
    },
    "epoch_notable_ai_models": {
        "CC-BY-4.0.txt": "9e5f1b3c610b9c2da5c313bf81d577a7d1acec686bdb0384edefa6df0f90cd94",
        "notable_ai_models_2025-02-24_subset.csv": "1189e8658e41d76418fe30b7e7fa6344f5d36c766eeffc8f9847adeb087c5951",
    },
}
LICENCES = {"LICENSE", "LICENSE.txt", "CC-BY-4.0.txt"}
# What each provenance note must name: the paper (arXiv id), the repository and the commit.
PROVENANCE = {
    "porian2024_isoflop": ("2406.19146", "formll/resolving-scaling-law-discrepancies",
                           "0dc60d91b8a525858a3067fc9e4a46ff5374cc6f"),
    "gadre2024_overtraining": ("2403.08540", "mlfoundations/scaling", "a003c4913793ac2ae7ef87b28ecb562955d026d5"),
    "pythia_evals": ("2304.01373", "EleutherAI/pythia", "a19eecb807ec2c79a39ebf18108816e6ffffc1d5"),
    "ruan2024_observational": ("2405.10938", "ryoungj/ObsScaling", "4d6e1e43fd2635d04654aa77d1df9d5266ea0382"),
    "epoch_notable_ai_models": ("epoch.ai/data/notable-ai-models", "Creative Commons Attribution",
                                "7141f9bc8c2864d965ef82e031ecad44559780c7"),
}


def _clear():
    for loader in CACHED:
        loader.cache_clear()


@pytest.fixture
def fresh():
    """Empty every loader cache before and after, so a test's doctored file never reaches another test."""
    _clear()
    yield
    _clear()


def _package_file(folder, name):
    return resources.files("helpers.datasets") / folder / name


def test_every_file_a_loader_reads_is_shipped_with_its_licence_and_provenance(fresh, monkeypatch):
    read = set()
    real = _table.read_text

    def spy(folder, name):
        read.add((folder, name))
        return real(folder, name)

    monkeypatch.setattr(_table, "read_text", spy)
    for load in LOADERS:
        load()
    declared = {(folder, name) for folder, files in SHIPPED.items() for name in files if name not in LICENCES}
    assert read == declared
    for folder, name in read:
        assert _package_file(folder, name).is_file()
        licences = [n for n in SHIPPED[folder] if n in LICENCES]
        assert len(licences) == 1 and _package_file(folder, licences[0]).is_file()
        assert _package_file(folder, "PROVENANCE.md").is_file()


@pytest.mark.parametrize("folder", sorted(SHIPPED))
def test_shipped_files_are_byte_identical_to_the_sources(folder):
    for name, digest in SHIPPED[folder].items():
        assert hashlib.sha256(_package_file(folder, name).read_bytes()).hexdigest() == digest, name


@pytest.mark.parametrize("folder", sorted(PROVENANCE))
def test_provenance_note_names_paper_repository_and_commit(folder):
    note = _package_file(folder, "PROVENANCE.md").read_text(encoding="utf-8")
    for needed in PROVENANCE[folder]:
        assert needed in note, (folder, needed)


def test_nothing_unlicensed_is_shipped():
    names = [p.name for p in _iter_files(resources.files("helpers.datasets"))]
    assert not [n for n in names if "svg_extracted" in n or "chinchilla" in n.lower()]
    shipped = {name for files in SHIPPED.values() for name in files} | {"PROVENANCE.md"}
    assert {n for n in names if not n.endswith(".py") and not n.endswith(".pyc")} <= shipped


def _iter_files(root):
    for entry in root.iterdir():
        if entry.is_dir():
            yield from _iter_files(entry)
        else:
            yield entry


def test_loaders_cache_and_return_read_only_columns():
    for load in LOADERS:
        first, second = load(), load()
        assert len(first) == len(second)
        for value in vars(first).values():
            if isinstance(value, np.ndarray):
                assert not value.flags.writeable
    assert datasets.gadre_runs() is datasets.gadre_runs()
    runs = datasets.gadre_runs("C4")
    with pytest.raises(ValueError, match="read-only"):
        runs.loss[0] = 0.0
    assert not runs.where(runs.tokens_per_param > 20).params.flags.writeable


def test_where_refuses_a_mask_of_the_wrong_shape():
    runs = datasets.gadre_runs()
    with pytest.raises(ValueError, match="one entry per row"):
        runs.where(np.ones(3, dtype=bool))
    with pytest.raises(ValueError, match="boolean"):
        runs.where(np.arange(len(runs)))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: datasets.porian_isoflops("RW"), "dataset must be one of"),
        (lambda: datasets.porian_optimal(config="Chinchilla"), "config must be a label"),
        (lambda: datasets.porian_optimal("OpenWebText2", "Cosine decay (attention FLOPs)"), "no runs"),
        (lambda: datasets.gadre_runs("Pile"), "dataset must be one of"),
        (lambda: datasets.gadre_runs().task_accuracy("gsm8k"), "task must be one of"),
        (lambda: datasets.pythia_task("hellaswag"), "task must be one of"),
        (lambda: datasets.pythia_task("piqa", "ppl"), "'ppl' exists only"),
        (lambda: datasets.pythia_task("piqa", shots=3), "shots must be 0 or 5"),
        (lambda: datasets.ruan_benchmark("MMLU-Pro"), "benchmark must be one of"),
        (lambda: datasets.epoch_training_compute("Poetry"), "domain must be one of"),
    ],
)
def test_selectors_reject_unknown_arguments(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# ------------------------------------------------------------------------------- corrupted files


def _doctor(folder, name, edit):
    """The file's text after ``edit(header, rows)`` changed its parsed rows in place."""
    rows = list(csv.reader(io.StringIO(_table.read_text(folder, name))))
    header, body = rows[0], rows[1:]
    edit(header, body)
    out = io.StringIO()
    csv.writer(out).writerows([header, *body])
    return out.getvalue()


def drop(column):
    def edit(header, body):
        i = header.index(column)
        del header[i]
        for row in body:
            del row[i]

    return edit


def put(column, value, row=2):
    def edit(header, body):
        body[row][header.index(column)] = value

    return edit


# (file, loader, edit, message the ValueError must contain)
CORRUPTIONS = [
    ("porian2024_isoflop", "isoflop_points.csv", datasets.porian_isoflops, drop("loss"), r"\['loss'\]"),
    ("porian2024_isoflop", "isoflop_points.csv", datasets.porian_isoflops, put("loss", "nan"), "'loss'.*finite"),
    ("porian2024_isoflop", "isoflop_points.csv", datasets.porian_isoflops, put("loss", "31.5"), "nats/token"),
    ("porian2024_isoflop", "isoflop_points.csv", datasets.porian_isoflops, put("n_params", "2e6"), "6 N"),
    ("porian2024_isoflop", "isoflop_points.csv", datasets.porian_isoflops, put("decay", "const"), "'decay'"),
    ("porian2024_isoflop", "optimal_pairs.csv", datasets.porian_optimal, drop("n_star"), r"\['n_star'\]"),
    ("porian2024_isoflop", "optimal_pairs.csv", datasets.porian_optimal, put("loss_star", ""), "'loss_star'"),
    ("porian2024_isoflop", "optimal_pairs.csv", datasets.porian_optimal, put("n_star", "-3"), "parameters"),
    ("gadre2024_overtraining", "runs.csv", datasets.gadre_runs, drop("tokens"), r"\['tokens'\]"),
    ("gadre2024_overtraining", "runs.csv", datasets.gadre_runs, put("loss_c4_val", "NaN"), "'loss_c4_val'"),
    ("gadre2024_overtraining", "runs.csv", datasets.gadre_runs, put("acc_piqa", "1.2"), "'acc_piqa'.*fraction"),
    ("gadre2024_overtraining", "runs.csv", datasets.gadre_runs, put("train_dataset", "pile"), "train_dataset"),
    ("gadre2024_overtraining", "runs.csv", datasets.gadre_runs, put("err_avg_46", "0.1"), "err_avg_46"),
    ("gadre2024_overtraining", "runs.csv", datasets.gadre_runs, drop("acc_piqa"), "46"),
    ("pythia_evals", "pythia_evals_long.csv", datasets.pythia_evals, drop("value"), r"\['value'\]"),
    ("pythia_evals", "pythia_evals_long.csv", datasets.pythia_evals, put("value", "", 500), "'value'"),
    ("pythia_evals", "pythia_evals_long.csv", datasets.pythia_evals, put("value", "1.3", 500), "fraction"),
    ("pythia_evals", "pythia_evals_long.csv", datasets.pythia_evals, put("task", "hellaswag", 500), "'task'"),
    ("pythia_evals", "pythia_evals_long.csv", datasets.pythia_evals, put("tokens_seen", "5", 500), "2097152"),
    ("ruan2024_observational", "base_llm_benchmark_eval.csv", datasets.ruan_base_models, drop("MMLU"),
     r"\['MMLU'\]"),
    ("ruan2024_observational", "base_llm_benchmark_eval.csv", datasets.ruan_base_models,
     put("Model Size (B)", ""), "'Model Size \\(B\\)'"),
    ("ruan2024_observational", "base_llm_benchmark_eval.csv", datasets.ruan_base_models, put("MMLU", "67"),
     "fraction"),
    ("ruan2024_observational", "base_llm_benchmark_eval.csv", datasets.ruan_base_models,
     put("FLOPs (1E21)", "99"), "6 x size"),
    ("ruan2024_observational", "base_llm_emergent_capability_eval.csv", datasets.ruan_base_models,
     put("arithmetic_2da_2_acc", "inf"), "arithmetic_2da_2_acc"),
    ("epoch_notable_ai_models", "notable_ai_models_2025-02-24_subset.csv", datasets.epoch_models,
     drop("Training compute (FLOP)"), r"\['Training compute \(FLOP\)'\]"),
    ("epoch_notable_ai_models", "notable_ai_models_2025-02-24_subset.csv", datasets.epoch_models,
     put("Training compute (FLOP)", "-1e20"), "FLOP"),
    ("epoch_notable_ai_models", "notable_ai_models_2025-02-24_subset.csv", datasets.epoch_models,
     put("Publication date", "2024-13-01"), "YYYY-MM-DD"),
    ("epoch_notable_ai_models", "notable_ai_models_2025-02-24_subset.csv", datasets.epoch_models,
     put("Confidence", "Sure"), "'Confidence'"),
    ("epoch_notable_ai_models", "notable_ai_models_2025-02-24_subset.csv", datasets.epoch_models,
     put("Domain", "Language,Cooking"), "'Domain'"),
]


@pytest.mark.parametrize(("folder", "name", "load", "edit", "message"), CORRUPTIONS,
                         ids=[f"{c[1]}-{i}" for i, c in enumerate(CORRUPTIONS)])
def test_loader_rejects_a_corrupted_file(fresh, monkeypatch, folder, name, load, edit, message):
    doctored = _doctor(folder, name, edit)
    real = _table.read_text
    monkeypatch.setattr(_table, "read_text", lambda f, n: doctored if (f, n) == (folder, name) else real(f, n))
    with pytest.raises(ValueError, match=message) as error:
        load()
    assert f"helpers/datasets/{folder}/{name}" in str(error.value)


# ------------------------------------------------------------------------------------ Porian et al.

# Porian et al. 2024, Table 1: exponent a of N* ~ C^a per step, (OpenWebText2, RefinedWeb). Read in a secondary
# quote of the table (status S); the authors' own weighted fits in their repository give the same values.
PORIAN_TABLE_1 = {
    "Reproducing Kaplan et al.": (0.864, 0.835),
    "Counting last layer FLOPs": (0.699, 0.706),
    "Correcting warmup": (0.603, 0.602),
    "Cosine decay": (0.574, 0.571),
    "Optimizer tuning (no decay)": (0.518, 0.497),
}


@pytest.mark.parametrize("step", list(PORIAN_TABLE_1))
@pytest.mark.parametrize("column", [0, 1], ids=["OpenWebText2", "RefinedWeb"])
def test_porian_exponents_match_table_1(step, column):
    dataset = ("OpenWebText2", "RefinedWeb")[column]
    optimal = datasets.porian_optimal(dataset, step)
    # An unweighted log-log fit lands within 0.01 of the table ...
    assert fit_power_law(optimal.flops, optimal.params).k == pytest.approx(PORIAN_TABLE_1[step][column], abs=0.01)
    # ... and the authors' weighting (1 / std^2 of ln N*) reproduces it to its three decimals.
    slope = np.polyfit(np.log(optimal.flops), np.log(optimal.params), 1, w=1 / optimal.params_log_std)[0]
    assert slope == pytest.approx(PORIAN_TABLE_1[step][column], abs=6e-4)


def test_porian_reproduction_is_kaplan_like_and_corrections_reach_chinchilla():
    kaplan = datasets.porian_optimal("RefinedWeb", datasets.PORIAN_STEPS[0])
    tuned = datasets.porian_optimal("RefinedWeb", datasets.PORIAN_STEPS[-1])
    assert fit_power_law(kaplan.flops, kaplan.params).k == pytest.approx(0.83, abs=0.01)
    assert fit_power_law(tuned.flops, tuned.params).k == pytest.approx(0.50, abs=0.01)
    # Budgets of the paper's grid: 1.25e16 doubling to 2.56e19 FLOP (12 budgets).
    np.testing.assert_allclose(np.unique(datasets.porian_isoflops("RefinedWeb", "Cosine decay").flops),
                               1.25e16 * 2.0 ** np.arange(12), rtol=1e-6)


def test_porian_points_lie_on_their_isoflop_lines():
    points = datasets.porian_isoflops("OpenWebText2", "Correcting warmup")
    assert set(points.dataset) == {"OpenWebText2"} and set(points.config) == {"Correcting warmup"}
    np.testing.assert_allclose(6 * points.params * points.tokens, points.flops, rtol=1e-4)
    assert datasets.PORIAN_CONFIGS["Correcting warmup"].param_count == "standard"


# ------------------------------------------------------------------------------------- Gadre et al.

# Gadre et al. 2024 / mlfoundations/scaling README: "104 models between 11M and 6.9B parameters on three datasets
# (C4, RedPajama, and RefinedWeb) ... 8 next-token loss evaluations ... 46 downstream tasks".
# scaling/constants.py (authors' repository): NAME_PARAMS, MODEL_FRINDLIES and the 17-task SUBSET.
GADRE_PARAMS = {10569312: "0.011B", 78914048: "0.079B", 153677376: "0.154B", 411616256: "0.411B",
                1439795200: "1.4B", 6889410560: "6.9B"}
GADRE_SUBSET = ["bigbench_operators", "pubmed_qa_labeled", "hellaswag_zeroshot", "boolq", "arc_easy", "coqa",
                "bigbench_dyck_languages", "lambada_openai", "bigbench_novel_concepts", "winograd",
                "bigbench_cs_algorithms", "commonsense_qa", "bigbench_qa_wikidata", "hellaswag", "copa",
                "squad", "piqa"]


def test_gadre_testbed_matches_the_paper():
    runs = datasets.gadre_runs()
    assert len(runs) == 104
    assert set(runs.dataset) == {"C4", "RedPajama", "RefinedWeb"}
    assert len(datasets.GADRE_HELDOUT_SETS) == 8 and runs.heldout_loss.shape == (104, 8)
    assert len(runs.tasks) == 46 and runs.accuracy.shape == (104, 46)
    assert set(runs.params.astype(int)) == set(GADRE_PARAMS)
    for params, label in GADRE_PARAMS.items():  # the labels are truncated, not rounded (411.6M is "0.411B")
        assert params / 1e9 == pytest.approx(float(label[:-1]), abs=10.0 ** -(len(label) - label.index(".") - 2))
    assert sum(len(datasets.gadre_runs(d)) for d in ("C4", "RedPajama", "RefinedWeb")) == 104


def test_gadre_headline_runs_exist():
    runs = datasets.gadre_runs()
    # Abstract: "a 1.4B parameter, 900B token run (i.e., 32x over-trained) and a 6.9B parameter, 138B token run".
    over = runs.where((runs.params == 1439795200) & (runs.tokens_per_param == 640))
    assert len(over) >= 1 and over.tokens == pytest.approx(np.full(len(over), 900e9), rel=0.03)
    big = runs.where(runs.params == 6889410560)
    assert len(big) >= 1 and big.tokens == pytest.approx(np.full(len(big), 138e9), rel=0.01)
    # README: "the 411M parameter model trained on RefinedWeb for approximately 32x compute-optimal (i.e., with
    # a token multiplier of 640)", rw_original-d=1024_l=24_h=8-32.0.
    (i,) = np.flatnonzero(runs.name == "rw_original-d=1024_l=24_h=8-32.0")
    assert (runs.dataset[i], runs.tokens_per_param[i]) == ("RefinedWeb", 640)
    assert runs.params[i] / 1e6 == pytest.approx(411, abs=1)


def test_gadre_subset_error_is_the_papers_17_task_average():
    runs = datasets.gadre_runs()
    accuracy = np.column_stack([runs.task_accuracy(t) for t in GADRE_SUBSET])
    np.testing.assert_allclose(runs.err_avg_subset17, (1 - accuracy).mean(axis=1), atol=2e-6)
    np.testing.assert_allclose(runs.loss, runs.heldout_loss[:, 0])
    np.testing.assert_allclose(runs.flops, 6 * runs.params * runs.tokens)


# ----------------------------------------------------------------------------------------- Pythia

# Biderman et al. 2023, zero-shot results of the final checkpoints (appendix tables), as listed by Papers with
# Code's "results from the paper" (status S): (task, metric, model, value, decimals as published).
PYTHIA_PUBLISHED = [
    ("lambada_openai", "acc", "pythia-12b", 0.7046, 4),
    ("lambada_openai", "ppl", "pythia-12b", 3.92, 2),
    ("lambada_openai", "acc", "pythia-6.9b", 0.6728, 4),
    ("lambada_openai", "ppl", "pythia-6.9b", 4.45, 2),
    ("piqa", "acc", "pythia-12b", 0.760, 3),
    ("piqa", "acc", "pythia-6.9b", 0.752, 3),
    ("winogrande", "acc", "pythia-12b", 0.639, 3),
    ("arc_easy", "acc", "pythia-12b", 0.702, 3),
    ("arc_challenge", "acc", "pythia-12b", 0.318, 3),
]
# EleutherAI/pythia README, model table: non-embedding parameters per size.
PYTHIA_NON_EMBEDDING = [18_915_328, 85_056_000, 302_311_424, 805_736_448, 1_208_602_624, 2_517_652_480,
                        6_444_163_072, 11_327_027_200]


@pytest.mark.parametrize(("task", "metric", "model", "published", "decimals"), PYTHIA_PUBLISHED)
def test_pythia_final_scores_match_the_paper(task, metric, model, published, decimals):
    grid = datasets.pythia_task(task, metric)
    final = grid.value[list(grid.model).index(model), -1]
    assert grid.step[-1] == 143_000
    assert final == pytest.approx(published, abs=0.5 * 10.0**-decimals)


def test_pythia_grid_is_sizes_by_checkpoints():
    grid = datasets.pythia_task("lambada_openai", "ppl", deduped=True)
    assert grid.value.shape == (8, 27) and np.isfinite(grid.value).all()
    assert list(grid.params_nonembedding) == PYTHIA_NON_EMBEDDING
    assert all(name.endswith("-deduped") for name in grid.model)
    # README: checkpoints at step 0, log-spaced 1 ... 512, then every 1,000 steps to 143,000.
    released = {0, *(2**k for k in range(10)), *range(1000, 143_001, 1000)}
    assert set(grid.step) <= released and grid.step[0] == 0
    # README: 2,097,152 tokens per step; 299,892,736,000 tokens in all.
    assert datasets.TOKENS_PER_STEP == 2_097_152 and grid.tokens_seen[-1] == 299_892_736_000
    five = datasets.pythia_task("arc_easy", shots=5)
    assert five.value.shape == (8, 15) and five.step[0] == 3000


def test_pythia_long_table_keeps_opt_and_bloom_finals():
    evals = datasets.pythia_evals()
    others = evals.where(evals.family != "pythia")
    assert set(others.family) == {"opt", "bloom"} and np.isnan(others.step).all()
    assert np.isnan(evals.where(evals.task == "mmlu_macro_avg_57subj").stderr).all()


# --------------------------------------------------------------------------------------- Ruan et al.

# Touvron et al. 2023 (Llama 2): "trained on 2 trillion tokens" for every size; Table 3, MMLU (5-shot):
# 7B 45.3, 13B 54.8, 70B 68.9. Ruan's scores use the Open LLM Leaderboard protocol, so they agree to ~0.02.
LLAMA2 = {"meta-llama/Llama-2-7b-hf": (7e9, 0.453), "meta-llama/Llama-2-13b-hf": (13e9, 0.548),
          "meta-llama/Llama-2-70b-hf": (70e9, 0.689)}


def test_ruan_llama2_rows_match_the_llama2_paper():
    models = datasets.ruan_base_models()
    for name, (params, mmlu) in LLAMA2.items():
        (i,) = np.flatnonzero(models.model == name)
        assert models.params[i] == pytest.approx(params)
        assert models.tokens[i] == pytest.approx(2e12)
        assert models.flops[i] == pytest.approx(6 * params * 2e12)
        assert models.score("MMLU")[i] == pytest.approx(mmlu, abs=0.02)


def test_ruan_llama31_compute_is_close_to_the_reported_budget():
    # Dubey et al. 2024: Llama 3.1 405B "pre-trained using 3.8x10^25 FLOPs" on 15.6T tokens; Ruan uses 15T.
    models = datasets.ruan_base_models()
    (i,) = np.flatnonzero(models.model == "meta-llama/Meta-Llama-3.1-405B-FP8")
    assert models.flops[i] == pytest.approx(3.8e25, rel=0.05)


def test_ruan_btlm_tokens_are_corrected_from_its_paper():
    # Dey et al. 2023, abstract: "BTLM-3B-8K was trained on 627B tokens". The authors' file says 627 T.
    raw = _table.Table(ruan.FOLDER, "base_llm_benchmark_eval.csv", ("Model", "Pretraining Data Size (T)"))
    (j,) = np.flatnonzero(raw.text("Model") == "cerebras/btlm-3b-8k-base")
    assert float(raw.text("Pretraining Data Size (T)")[j]) == 627.0
    models = datasets.ruan_base_models()
    (i,) = np.flatnonzero(models.model == "cerebras/btlm-3b-8k-base")
    assert models.tokens[i] == pytest.approx(627e9)
    assert models.flops[i] == pytest.approx(6 * 3e9 * 627e9)


def test_ruan_emergent_scores_are_joined_to_the_right_models():
    with resources.as_file(resources.files("helpers.datasets") / ruan.FOLDER /
                           "base_llm_emergent_capability_eval.csv") as path, open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    models = datasets.ruan_base_models()
    for row in rows[::10]:
        (i,) = np.flatnonzero(models.model == row["Model"])
        expected = float(row["arithmetic_3ds_2_acc"])
        assert models.score("arithmetic_3ds_2_acc")[i] == pytest.approx(expected)
    chosen = datasets.ruan_benchmark("arithmetic_3ds_2_acc")
    assert np.isfinite(chosen.flops).all() and np.isfinite(chosen.score("arithmetic_3ds_2_acc")).all()
    assert len(chosen) < len(rows)  # some evaluated models have undisclosed data sizes


# -------------------------------------------------------------------------------------------- Epoch AI


def test_epoch_gpt3_and_llama31_match_their_papers():
    models = datasets.epoch_models()
    (gpt3,) = np.flatnonzero(models.name == "GPT-3 175B (davinci)")
    # Brown et al. 2020, Table D.1: 3.14e23 FLOP for 175B parameters; arXiv v1 posted 2020-05-28.
    assert models.flops[gpt3] == pytest.approx(3.14e23, rel=1e-9)
    assert models.params[gpt3] == pytest.approx(175e9)
    assert models.date[gpt3] == np.datetime64("2020-05-28")
    assert models.year[gpt3] == pytest.approx(2020 + 148 / 366)
    (llama,) = np.flatnonzero(models.name == "Llama 3.1-405B")
    # Dubey et al. 2024: 405B parameters, 3.8e25 FLOP.
    assert (models.flops[llama], models.params[llama]) == pytest.approx((3.8e25, 405e9))


def test_epoch_training_compute_is_sorted_and_filtered():
    language = datasets.epoch_training_compute("Language")
    assert np.all(np.diff(language.date.astype(int)) >= 0)
    assert np.isfinite(language.flops).all()
    assert all("Language" in d.split(",") for d in language.domain)
    frontier = datasets.epoch_training_compute("Language", frontier_only=True)
    assert frontier.frontier.all() and 0 < len(frontier) < len(language)
    assert "GPT-3 175B (davinci)" in frontier.name
    assert len(datasets.epoch_models()) == 895  # the snapshot's row count, as documented
