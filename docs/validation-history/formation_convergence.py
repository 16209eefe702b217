"""How often the formation model's membership predictions stop unconverged.

    python docs/validation-history/formation_convergence.py   # about 5 min

Predicts each era of the membership corpus with 16 judgement draws (seed 20241215) on the
path the scorer uses (``foedus.history.families._formation_predict``: the damped QRE path,
tolerance 1e-6, 300 iterations per stage) and prints the ``UnconvergedWarning`` it raises
(the count of (alliance game, draw) solves stopped at their cap), as ``foedus validate
history`` does. See docs/validation-history.md, "What is and is not settled". Nothing is
fitted or written.
"""

import time
import warnings

import numpy as np

from foedus.errors import UnconvergedWarning
from foedus.history.pipeline import _with_batch, model_interface
from foedus.history.tasks import build_task
from foedus.models.formation.params import sample_parameters

task = build_task("formation-members")
years = task.frame["year"].to_numpy()
model, build = model_interface("formation-members")
for lo, hi in ((1816, 1945), (1946, 2014)):
    era = _with_batch(task.subset((years >= lo) & (years <= hi)), build)
    theta = sample_parameters(16, np.random.default_rng(20241215)).values.T
    started = time.time()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UnconvergedWarning)
        model.predict_proba(theta, era.payload)
    found = [str(w.message) for w in caught if issubclass(w.category, UnconvergedWarning)]
    print(f"{lo}-{hi} ({time.time() - started:.0f} s): "
          f"{'; '.join(found) or 'every equilibrium solve converged'}")
