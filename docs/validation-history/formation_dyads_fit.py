"""Fit the formation model's registered parameters on the dyad-year corpus of one era and
print the fit (free parameters, estimates, intervals, the held parameters and why).

    python docs/validation-history/formation_dyads_fit.py 1816-1945   # about 2 min
    python docs/validation-history/formation_dyads_fit.py 1946-2014   # about 9 min

The same fit the scorer makes with ``foedus validate history --model formation --corpus
formation-dyads --split era --refit`` (seed 20241215), printed in full; see
docs/validation-history.md, "The formation model on the dyad-year corpus".
"""
import sys, time
import numpy as np
from foedus.history.tasks import build_task
from foedus.history.pipeline import _with_batch, model_interface
from foedus.history.adapters import FittedPredictor
lo, hi = (int(x) for x in sys.argv[1].split("-"))
task = build_task("formation-dyads")
model, build = model_interface("formation-dyads")
task = _with_batch(task, build)
years = task.frame["year"].to_numpy()
train = task.subset((years >= lo) & (years <= hi))
t = time.time()
res = FittedPredictor(model).fit(train, seed=20241215)
print("seconds", round(time.time() - t, 1))
print(res.table().to_string() if hasattr(res, "table") else res)
