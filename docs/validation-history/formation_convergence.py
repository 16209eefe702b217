"""How often the formation model's membership predictions stop unconverged.

    python docs/validation-history/formation_convergence.py   # about 5 min

Counts, for 16 judgement draws (seed 20241215) on each era of the membership corpus, the
(alliance game, draw) solves of the damped path that the predictions use
(``foedus.history.families._formation_predict``: tolerance 1e-6, 300 iterations per stage)
whose ``QREResult.converged`` is false. See docs/validation-history.md, "What is and is not
settled". Nothing is fitted or written.
"""

import time

import numpy as np

from foedus.history.pipeline import _with_batch, model_interface
from foedus.history.tasks import build_task
from foedus.models.formation import qre
from foedus.models.formation.params import sample_parameters

task = build_task("formation-members")
years = task.frame["year"].to_numpy()
model, build = model_interface("formation-members")
solve = qre.solve_qre
counts: list[tuple[int, int]] = []


def counted(*args, **kwargs):
    solution = solve(*args, **kwargs)
    converged = np.asarray(solution.converged)
    counts.append((converged.size, int((~converged).sum())))
    return solution


qre.solve_qre = counted
for lo, hi in ((1816, 1945), (1946, 2014)):
    era = _with_batch(task.subset((years >= lo) & (years <= hi)), build)
    theta = sample_parameters(16, np.random.default_rng(20241215)).values.T
    counts.clear()
    started = time.time()
    model.predict_proba(theta, era.payload)
    total, bad = sum(c[0] for c in counts), sum(c[1] for c in counts)
    print(f"{lo}-{hi}: {bad} of {total} (game, draw) solves not converged ({bad / total:.2%}); "
          f"{time.time() - started:.0f} s")
