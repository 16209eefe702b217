"""History: corpora of two centuries of alliance decisions, out-of-sample scores, baselines
and likelihood estimation of the models' parameters (issue 9).

Modules: ``scoring`` (log loss, Brier, AUC, reliability, cluster bootstrap), ``splits``
(eras, leave-one-decade-out), ``baselines`` (base rate, logit, gradient boosting), ``fit``
(posterior mode, Laplace intervals, identification, parameter files), ``validate`` (every
model against the baselines on every corpus and split).
"""
