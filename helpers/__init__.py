"""The importable code of "Scaling Laws, Executed".

One module per concept; chapters and exercises import from here instead of copying code between cells:

- ``helpers.scaling``: Kaplan et al. 2020 laws and power-law fitting (chapter 1)
- ``helpers.units``: FLOP, FLOP/s and PF-days
- ``helpers.compute``: FLOP counts (6ND, 2N per token); accelerators, MFU, hours, dollars, energy, serving (chapter 3)
- ``helpers.testtime``: pass@k, coverage, majority voting, best-of-n and their FLOP (chapter 4)
- ``helpers.emergence``: exact match vs edit distance, binomial intervals, threshold scales (chapter 5)
- ``helpers.data``: published tables, each row with its source (Chinchilla Tables 1 and 3; Wei et al. 2022 Table 1)
- ``helpers.datasets``: real measurements shipped with licence and provenance, loaded and validated (Porian,
  Gadre, Pythia, Ruan, Epoch AI; chapters 1, 2, 5, 6, 7)
- ``helpers.energy``: energy (MWh) and carbon (tCO2e) of training runs, published footprints (chapter 6)
- ``helpers.data_wall``: tokens needed as compute grows, the year the text stock runs out, Monte Carlo (chapter 6)
- ``helpers.forecast``: trend fits, crossing-time distributions, scenarios, Brier scores, a forecast log (chapter 7)
- ``helpers.experiment``: a synthetic language with a known entropy, tiny numpy models, your own sweep (chapter 8)
- ``helpers.plotting``: the house style and ``show(fig, alt=...)``
- ``helpers.widgets``: ``explorer``, sliders that work with or without a kernel
- ``helpers.progress``: ``progress(iterable)``, a bar where it helps and silence while the site builds
- ``helpers.grading``: ``check(task_id, answer)`` for exercises; ``python -m helpers.grade`` for whole notebooks
- ``helpers.launch``: Binder, Colab and JupyterHub links derived from ``_config.yml`` (the Exercises page)
"""

__version__ = "0.1.0"
