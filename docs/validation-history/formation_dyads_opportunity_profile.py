"""In-sample profile of the registered dyad-year opportunity term (docs/validation-history.md,
"An opportunity term in the dyad-year likelihood"): at fixed game parameters (the centre of
the registered priors, and two values of treaty reliability), the onset probability
omega * P_game with omega chosen by maximum likelihood on each era's dyad-years, against the
era's base rate. Runs on main, where the term is not part of the model: P_game is the
dyad interface's prediction and omega is applied here.

    python docs/validation-history/formation_dyads_opportunity_profile.py   # about 2 min
"""

import numpy as np
from scipy.optimize import minimize_scalar

from foedus.history.pipeline import _with_batch, model_interface
from foedus.history.scoring import auc, log_loss
from foedus.history.tasks import build_task
from foedus.models.formation.params import FORMATION_PARAMETERS, central_parameters

task = build_task("formation-dyads")
model, build = model_interface("formation-dyads")
task = _with_batch(task, build)
years = task.frame["year"].to_numpy()
for lo, hi in ((1816, 1945), (1946, 2014)):
    train = task.subset((years >= lo) & (years <= hi))
    y = train.frame["y"].to_numpy()
    base = -log_loss(y, np.full(y.size, y.mean())) * y.size
    centre = central_parameters().values[0]
    for label, reliability in (("centre", None), ("reliability 0.8", 0.8),
                               ("reliability 0.1", 0.1)):
        theta = centre.copy()
        if reliability is not None:
            theta[FORMATION_PARAMETERS.index("treaty_reliability")] = reliability
        game = model.predict_proba(theta[:, None], train.payload)[0, :, 1]

        def negative_ll(log_w, game=game, y=y):
            return log_loss(y, np.exp(log_w) * game) * y.size

        best = minimize_scalar(negative_ll, bounds=(-15, 0), method="bounded")
        print(f"{lo}-{hi} {label:16s} omega {np.exp(best.x):.3f}  LL {-best.fun:9.1f}  "
              f"base-rate LL {base:9.1f}  AUC {auc(y, game):.3f}")
