"""Fit the formation model's registered parameters on the dyad-year corpus of one era and
print the fit (free parameters, estimates, intervals, the held parameters and why).

    python docs/validation-history/formation_dyads_fit.py 1816-1945   # about 2 min
    python docs/validation-history/formation_dyads_fit.py 1946-2014   # about 9 min

The same fit the scorer makes with ``foedus validate history --model formation --corpus
formation-dyads --split era --refit`` (seed 20241215), printed in full; see
docs/validation-history.md, "The formation model on the dyad-year corpus".
"""
import sys
import time

from foedus.history.adapters import FittedPredictor
from foedus.history.pipeline import _with_batch, model_interface
from foedus.history.tasks import build_task

if len(sys.argv) != 2 or "-" not in sys.argv[1]:
    sys.exit("usage: python formation_dyads_fit.py FIRST-LAST   (e.g. 1816-1945)")
lo, hi = (int(x) for x in sys.argv[1].split("-"))
task = build_task("formation-dyads")
model, build = model_interface("formation-dyads")
task = _with_batch(task, build)
years = task.frame["year"].to_numpy()
train = task.subset((years >= lo) & (years <= hi))
started = time.time()
res = FittedPredictor(model).fit(train, seed=20241215)
print("seconds", round(time.time() - started, 1))
print(res.table().to_string() if hasattr(res, "table") else res)
