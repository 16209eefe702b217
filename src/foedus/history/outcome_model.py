"""Dispute outcomes from projected capabilities: which capability measure predicts who prevails.

For every MID of the outcome corpus (``docs/history-corpus.md`` section 3) each side's
strength is the sum of its originators' capabilities (one measure of
:mod:`foedus.interests.capability`) projected to the theatre - the territory of the
designated side-B originator (the target) - by Bueno de Mesquita's (1981) loss-of-strength
gradient ``C' = C ** log10(d / r + 10 - e)``: side B's target fights at home (``d = 0``),
every other participant at its distance to the target (CShapes minimum distance where it
exists, else capital to capital). Who prevails follows the ratio-form contest success
function of the crisis model (Tullock 1980; Hirshleifer 1989) with Davidson's (1970) tie
term, so that a stalemate is most likely between equals:

    u   = a + m (log S_A - log S_B) + b (N_A - N_B)
    P_A = e^{u/2} / (e^{u/2} + e^{-u/2} + nu),   P_B = e^{-u/2} / (...),   P_0 = nu / (...)
    log nu = g + h N_A N_B

``m`` is the decisiveness, ``a`` side A's advantage (MID's side A moved first), ``nu`` the
draw propensity, ``N`` a side's nuclear possession (any originator with a stockpile; 0 before
1945) with ``b`` its effect on who prevails and ``h`` the effect of mutual possession on a
stalemate, ``r`` the projection rate in km/day.

Besides the four measures of :mod:`foedus.interests.capability`, the model takes
``components``: each originator's capability is a weighted mean of its six NMC component
shares, ``C = sum_k w_k s_k / sum_k w_k`` over the components it has
(:func:`foedus.interests.capability.weighted_components`), the weights ``w = softmax(0, z)``
estimated with the other parameters. Equal weights are CINC, so the model nests the CINC
model; this is the component-level use of the NMC data that Carroll & Kenkel (2019) ask for,
kept inside the contest function so that the result is again one capability number per
state. :class:`ComponentBaseline` is their flexible comparison: a logit or gradient boosting
on the components of each side directly. All are estimated by maximum likelihood on
each split's training cases (``r`` in [50, 20,000] km/day; the military capital stock's
depreciation rate chosen on the training cases from :data:`DEPRECIATION_GRID`); the test
cases are never seen. :func:`outcome_predictors` returns the predictors that
:func:`foedus.history.validate.validate` scores beside the baselines.

References
----------
Boulding, K. E. (1962). Conflict and Defense: A General Theory. Harper.
Bueno de Mesquita, B. (1981). The War Trap. Yale University Press.
Davidson, R. R. (1970). On extending the Bradley-Terry model to accommodate ties in paired
comparison experiments. Journal of the American Statistical Association 65(329), 317-328.
https://doi.org/10.1080/01621459.1970.10481082
Hirshleifer, J. (1989). Conflict and rent-seeking success functions. Public Choice 63(2),
101-112. https://doi.org/10.1007/BF00153394
Carroll, R. J., & Kenkel, B. (2019). Prediction, proxies, and power. American Journal of
Political Science 63(3), 577-593. https://doi.org/10.1111/ajps.12442
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import minimize

from foedus.errors import FoedusError
from foedus.interests.capability import (
    DEFAULT_DEPRECIATION,
    MEASURES,
    NMC_COMPONENTS,
    loss_of_strength,
    shipped_components,
    shipped_panel,
    weighted_components,
)

__all__ = ["COMPONENT_COLUMNS", "DEPRECIATION_GRID", "OUTCOME_MEASURES", "CincRatioPredictor",
           "ComponentBaseline", "OutcomeBatch", "OutcomeFit", "OutcomePredictor",
           "build_outcome_batch", "capability_task", "choose_measure", "component_features",
           "component_weights", "fit_outcome", "outcome_predictors", "outcome_probabilities",
           "pooled_scores", "theatre_distance"]

#: Depreciation rates of the military capital stock tried on each training era.
DEPRECIATION_GRID = (0.05, 0.10, 0.15, 0.20, 0.30)
#: Bounds of the projection rate (km/day) and of the decisiveness.
R_BOUNDS = (50.0, 20000.0)
#: Parameter order: a, m, g, b, h, log r.
PARAMETERS = ("side_a_advantage", "decisiveness", "log_draw", "nuclear_advantage",
              "mutual_nuclear_draw", "log_km_per_day")
FLOOR = 1e-9
#: The measures the outcome model takes: the four of :mod:`foedus.interests.capability` and
#: ``components`` (the NMC component shares with estimated weights).
#: A measure whose numbers were estimated on these outcomes (``outcome_weighted``:
#: ``nmc_weighted``, this model's ``components`` estimate on 1816-1945) is left out: scoring
#: it here would score it on its own training cases.
PANEL_MEASURES = tuple(m.name for m in MEASURES.values() if not m.outcome_weighted)
OUTCOME_MEASURES = (*PANEL_MEASURES, "components")
#: The batch columns of the NMC component shares, in :data:`NMC_COMPONENTS` order.
COMPONENT_COLUMNS = tuple(f"share_{c}" for c in NMC_COMPONENTS)


@dataclass(eq=False)
class OutcomeBatch:
    """The originators of a set of disputes with their capabilities and distances.

    ``rows`` is a participant-level table (``case`` = position of the dispute in the batch,
    ``side`` 0 = A / 1 = B, ``distance_km`` to the theatre, one column per measure and per
    milstock depreciation rate ``milstock@<delta>``, ``nuclear``); ``dispnum`` the disputes in
    batch order. ``take(positions)`` keeps disputes (a split's cases) without rebuilding.
    """

    dispnum: np.ndarray
    rows: pd.DataFrame
    _cache: dict = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return int(self.dispnum.size)

    def take(self, positions) -> OutcomeBatch:
        positions = np.asarray(positions, dtype=int)
        new = np.full(self.dispnum.size, -1)
        new[positions] = np.arange(positions.size)
        rows = self.rows[np.isin(self.rows["case"].to_numpy(), positions)].copy()
        rows["case"] = new[rows["case"].to_numpy()]
        return OutcomeBatch(self.dispnum[positions], rows.reset_index(drop=True))

    def complete(self, column: str) -> np.ndarray:
        """Per dispute: every originator has a value of ``column`` (``components``: at
        least one component share)."""
        if column == "components":
            missing = self.rows[list(COMPONENT_COLUMNS)].isna().all(axis=1).to_numpy()
        else:
            missing = self.rows[column].isna().to_numpy()
        bad = np.bincount(self.rows["case"].to_numpy(), weights=missing, minlength=len(self))
        return bad == 0

    def component_matrix(self) -> np.ndarray:
        """``(rows, 6)`` component shares of every originator (NaN where missing)."""
        key = ("components",)
        if key not in self._cache:
            self._cache[key] = self.rows[list(COMPONENT_COLUMNS)].to_numpy(float)
        return self._cache[key]

    def arrays(self, column: str):
        """``case, side, distance, capability, nuclear`` arrays for one measure column."""
        key = ("arrays", column)
        if key not in self._cache:
            r = self.rows
            self._cache[key] = (r["case"].to_numpy(np.int64), r["side"].to_numpy(np.int64),
                                r["distance_km"].to_numpy(float),
                                np.nan_to_num(r[column].to_numpy(float)),
                                np.nan_to_num(r["nuclear"].to_numpy(float)))
        return self._cache[key]


def build_outcome_batch(outcome: pd.DataFrame, originators: pd.DataFrame, distance,
                        panel_for=shipped_panel,
                        depreciations: Sequence[float] = DEPRECIATION_GRID,
                        components=shipped_components) -> OutcomeBatch:
    """The batch of the disputes in ``outcome`` (rows in its order).

    Parameters
    ----------
    outcome : DataFrame
        The outcome corpus (``dispnum, year, onset_date, target``).
    originators : DataFrame
        ``dispnum, ccode, side`` ("A"/"B") of every dispute's originators.
    distance : callable
        ``(a, b, years, dates) -> km`` between a participant and the target.
    panel_for : callable
        ``depreciation -> capability panel`` (default: the shipped data); one
        ``milstock@<delta>`` column per rate of ``depreciations``.
    components : callable
        ``() -> component shares`` (``ccode, year, share_<component>``; default: the shipped
        NMC, :func:`foedus.interests.capability.shipped_components`).
    """
    index = {int(k): i for i, k in enumerate(outcome["dispnum"].to_numpy())}
    o = originators[originators["dispnum"].isin(index)].copy()
    o["case"] = o["dispnum"].map(index).astype(np.int64)
    info = outcome.set_index("dispnum")
    o["year"] = o["dispnum"].map(info["year"]).astype(np.int64)
    o["target"] = o["dispnum"].map(info["target"]).astype(np.int64)
    dates = o["dispnum"].map(info["onset_date"]).to_numpy()
    o["side"] = (o["side"] == "B").astype(np.int64)
    a, b = o["ccode"].to_numpy(np.int64), o["target"].to_numpy(np.int64)
    km = np.asarray(distance(a, b, o["year"].to_numpy(np.int64), dates), dtype=float)
    o["distance_km"] = np.where(a == b, 0.0, km)
    base = panel_for(DEFAULT_DEPRECIATION)
    merged = o.merge(base[["ccode", "year", *PANEL_MEASURES, "nuclear"]], on=["ccode", "year"],
                     how="left")
    for delta in depreciations:
        stock = panel_for(delta)[["ccode", "year", "milstock"]]
        merged = merged.merge(stock.rename(columns={"milstock": f"milstock@{delta:g}"}),
                              on=["ccode", "year"], how="left")
    merged = merged.merge(components()[["ccode", "year", *COMPONENT_COLUMNS]],
                          on=["ccode", "year"], how="left")
    merged["nuclear"] = merged["nuclear"].fillna(0.0)
    keep = ["case", "dispnum", "ccode", "side", "distance_km", *PANEL_MEASURES, "nuclear",
            *[f"milstock@{d:g}" for d in depreciations], *COMPONENT_COLUMNS]
    rows = merged[keep].sort_values(["case", "side", "ccode"]).reset_index(drop=True)
    return OutcomeBatch(outcome["dispnum"].to_numpy(np.int64), rows)


def outcome_probabilities(theta: np.ndarray, batch: OutcomeBatch, column: str, *,
                          use_distance: bool = True, use_nuclear: bool = True) -> np.ndarray:
    """``(n, 3)`` probabilities of A prevails, B prevails, stalemate under ``theta``.

    ``theta`` is :data:`PARAMETERS`; for ``column="components"`` it continues with the five
    log-weights ``z`` of the components after the first (weights ``softmax(0, z)``).

    Examples
    --------
    >>> rows = pd.DataFrame({"case": [0, 0], "dispnum": [1, 1], "ccode": [2, 20],
    ...                      "side": [0, 1], "distance_km": [0.0, 0.0], "cinc": [0.3, 0.1],
    ...                      "nuclear": [0.0, 0.0]})
    >>> batch = OutcomeBatch(np.array([1]), rows)
    >>> theta = np.array([0, 1, 0, 0, 0, np.log(800)])
    >>> p = outcome_probabilities(theta, batch, "cinc", use_distance=False)
    >>> [round(float(x), 3) for x in p[0]]   # odds sqrt(3) : 1/sqrt(3) : 1
    [0.523, 0.174, 0.302]
    """
    theta = np.asarray(theta, dtype=float)
    a, m, g, b, h, log_r = theta[:len(PARAMETERS)]
    if column == "components":
        case, side, km, _, nuclear = batch.arrays("nuclear")
        capability = np.nan_to_num(weighted_components(batch.component_matrix(),
                                                       component_weights(theta)))
    else:
        if theta.size != len(PARAMETERS):
            raise FoedusError(f"outcome model: measure {column!r} takes {len(PARAMETERS)} "
                              f"parameters, got {theta.size}")
        case, side, km, capability, nuclear = batch.arrays(column)
    n = len(batch)
    projected = loss_of_strength(capability, km, np.exp(log_r)) if use_distance else capability
    strength = _side_sums(case, side, projected, n)
    nuclear_side = np.zeros((2, n))
    if use_nuclear:
        for s in (0, 1):
            np.maximum.at(nuclear_side[s], case[side == s], nuclear[side == s])
    log_ratio = np.log(np.maximum(strength[0], FLOOR)) - np.log(np.maximum(strength[1], FLOOR))
    u = a + m * log_ratio + b * (nuclear_side[0] - nuclear_side[1])
    log_nu = g + h * nuclear_side[0] * nuclear_side[1]
    logits = np.column_stack([u / 2, -u / 2, log_nu])
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def _side_sums(case: np.ndarray, side: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Per dispute, ``values`` summed over each side's originators: ``(2, n)`` for one value
    per row, ``(2, n, K)`` for ``(rows, K)``."""
    values = np.asarray(values, dtype=float)
    columns = values.reshape(values.shape[0], -1)
    out = np.stack([np.column_stack([np.bincount(case[side == s], weights=col[side == s],
                                                 minlength=n) for col in columns.T])
                    for s in (0, 1)])
    return out.reshape((2, n) + values.shape[1:])


def component_weights(theta: np.ndarray) -> np.ndarray:
    """The component weights ``softmax(0, z)`` of a ``components`` parameter vector (equal
    weights, CINC, at ``z = 0``).

    Examples
    --------
    >>> component_weights(np.zeros(11)).round(4).tolist()
    [0.1667, 0.1667, 0.1667, 0.1667, 0.1667, 0.1667]
    """
    z = np.concatenate([[0.0], np.asarray(theta, dtype=float)[len(PARAMETERS):]])
    if z.size != len(NMC_COMPONENTS):
        raise FoedusError(f"outcome model: the components measure needs {len(PARAMETERS)} + "
                          f"{len(NMC_COMPONENTS) - 1} parameters, got {len(theta)}")
    e = np.exp(z - z.max())
    return e / e.sum()


@dataclass(frozen=True)
class OutcomeFit:
    """Maximum-likelihood estimates on a training set."""

    measure: str
    column: str
    theta: np.ndarray
    log_likelihood: float
    n: int
    depreciation: float | None = None

    def to_dict(self) -> dict:
        out = {"measure": self.measure, "n": self.n, "log_likelihood": self.log_likelihood,
               **dict(zip(PARAMETERS, np.round(self.theta[:len(PARAMETERS)], 6).tolist(),
                          strict=True))}
        if self.measure == "components":
            out.update({f"weight_{c}": round(float(w), 6) for c, w in
                        zip(NMC_COMPONENTS, component_weights(self.theta), strict=True)})
        out["km_per_day"] = float(np.exp(self.theta[len(PARAMETERS) - 1]))
        if self.depreciation is not None:
            out["depreciation"] = self.depreciation
        return out


def _negative_log_likelihood(free, fixed, mask, batch, column, y, options):
    theta = fixed.copy()
    theta[mask] = free
    p = outcome_probabilities(theta, batch, column, **options)
    return -float(np.log(np.clip(p[np.arange(y.size), y], 1e-300, None)).sum())


def _nuclear_variation(batch: OutcomeBatch) -> tuple[bool, bool]:
    """Whether the cases have a side with nuclear weapons against one without, and disputes
    with both sides nuclear and disputes without (what identifies ``b`` and ``h``)."""
    case, side, _, _, nuclear = batch.arrays("nuclear")
    sides = np.zeros((2, len(batch)))
    for s in (0, 1):
        np.maximum.at(sides[s], case[side == s], nuclear[side == s])
    differ = sides[0] != sides[1]
    both = (sides[0] * sides[1]) > 0
    return bool(differ.any() and (~differ).any()), bool(both.any() and (~both).any())


def fit_outcome(batch: OutcomeBatch, y: np.ndarray, measure: str, *, seed: int = 0,
                use_distance: bool = True, use_nuclear: bool = True,
                depreciations: Sequence[float] = DEPRECIATION_GRID, starts: int = 3
                ) -> OutcomeFit:
    """Maximum-likelihood fit of the outcome model for one measure on ``(batch, y)``.

    ``y`` indexes (A prevails, B prevails, stalemate). Several seeded starts; for the
    military capital stock, the best depreciation rate of ``depreciations``.
    """
    if measure not in OUTCOME_MEASURES:
        raise FoedusError(f"outcome model: unknown capability measure {measure!r} (choose "
                          f"{', '.join(OUTCOME_MEASURES)})")
    y = np.asarray(y, dtype=np.int64)
    if y.size == 0:
        raise FoedusError("outcome model: the training set has no disputes")
    columns = [(f"milstock@{d:g}", d) for d in depreciations] if measure == "milstock" \
        else [(measure, None)]
    freq = np.bincount(y, minlength=3) + 0.5
    g0 = np.log(freq[2] / np.sqrt(freq[0] * freq[1]))
    a0 = np.log(freq[0] / freq[1])
    fixed = np.array([a0, 1.0, g0, 0.0, 0.0, np.log(800.0)])
    either, both = _nuclear_variation(batch)
    # a term without variation in the training cases is not identified: held at 0
    mask = np.array([True, True, True, use_nuclear and either, use_nuclear and both,
                     use_distance])
    bounds = [(-10, 10), (0.0, 10.0), (-10, 10), (-10, 10), (-10, 10),
              (np.log(R_BOUNDS[0]), np.log(R_BOUNDS[1]))]
    if measure == "components":
        # log-weights of components 2-6 against the first, started at CINC's equal weights
        extra = len(NMC_COMPONENTS) - 1
        fixed = np.concatenate([fixed, np.zeros(extra)])
        mask = np.concatenate([mask, np.ones(extra, dtype=bool)])
        bounds += [(-10.0, 10.0)] * extra
    bounds = [bd for bd, k in zip(bounds, mask, strict=True) if k]
    options = {"use_distance": use_distance, "use_nuclear": use_nuclear}
    rng = np.random.default_rng(seed)
    best: OutcomeFit | None = None
    for column, delta in columns:
        needed = COMPONENT_COLUMNS if column == "components" else (column,)
        missing = [c for c in needed if c not in batch.rows]
        if missing:
            raise FoedusError(f"outcome model: the batch has no column {column}")
        for start in range(starts):
            x0 = fixed[mask].copy()
            if start:
                x0 = x0 + rng.normal(0.0, 0.5, x0.size)
                x0 = np.clip(x0, [lo for lo, _ in bounds], [hi for _, hi in bounds])
            result = minimize(_negative_log_likelihood, x0,
                              args=(fixed, mask, batch, column, y, options),
                              method="L-BFGS-B", bounds=bounds)
            theta = fixed.copy()
            theta[mask] = result.x
            fit = OutcomeFit(measure, column, theta, -float(result.fun), int(y.size), delta)
            if best is None or fit.log_likelihood > best.log_likelihood:
                best = fit
    return best


@dataclass(frozen=True)
class OutcomePredictor:
    """The outcome model under one capability measure, fitted on each split's training
    cases (a :class:`~foedus.history.validate.Predictor`)."""

    measure: str
    use_distance: bool = True
    use_nuclear: bool = True
    kind: str = "model"

    @property
    def name(self) -> str:
        extras = ("" if self.use_distance else "-nodistance") + \
            ("" if self.use_nuclear else "-nonuclear")
        return f"outcome-{self.measure}{extras}"

    def fit(self, train, seed: int) -> OutcomeFit:
        return fit_outcome(train.payload, train.frame["y"].to_numpy(), self.measure, seed=seed,
                           use_distance=self.use_distance, use_nuclear=self.use_nuclear)

    def predict(self, state: OutcomeFit, test) -> np.ndarray:
        return outcome_probabilities(state.theta, test.payload, state.column,
                                     use_distance=self.use_distance,
                                     use_nuclear=self.use_nuclear)


def outcome_predictors(measures: Sequence[str] | None = None, *, ablations: bool = True
                       ) -> list[OutcomePredictor]:
    """One predictor per measure (and, with ``ablations``, every measure without the
    loss-of-strength gradient and without the nuclear term).

    Examples
    --------
    >>> [p.name for p in outcome_predictors(["cinc"])]   # default: every OUTCOME_MEASURES
    ['outcome-cinc', 'outcome-cinc-nodistance', 'outcome-cinc-nonuclear']
    """
    chosen = list(measures or OUTCOME_MEASURES)
    out = [OutcomePredictor(m) for m in chosen]
    if ablations:
        out += [OutcomePredictor(m, use_distance=False) for m in chosen]
        out += [OutcomePredictor(m, use_nuclear=False) for m in chosen]
    return out


def theatre_distance(a, b, years, dates) -> np.ndarray:
    """Km from ``a`` to ``b``: CShapes minimum distance in the year where it exists (1886-2019),
    else the great-circle distance between capitals on the date (``foedus.history.panels``)."""
    from foedus.history import panels

    km = panels.mindist(a, b, years)
    capital = panels.capital_distance(a, b, dates)
    return np.where(np.isnan(km), capital, km)


#: The column of the CINC ratio A / (A + B) in the outcome task (Carroll & Kenkel's benchmark).
CINC_RATIO_COLUMN = "capability_ratio_a"


@dataclass(frozen=True)
class CincRatioPredictor:
    """Carroll & Kenkel's (2019) benchmark: a multinomial logit of the outcome on the CINC
    capability ratio of side A's originators alone (``capability_ratio_a`` = A / (A + B)),
    fitted on each split's training cases (the logit baseline of
    :mod:`foedus.history.baselines` on one covariate)."""

    name: str = "cinc_ratio"
    kind: str = "baseline"

    def fit(self, train, seed: int):
        from foedus.history.baselines import make_baseline

        model = make_baseline("logit", n_classes=train.n_classes, random_state=seed)
        return model.fit(train.frame[[CINC_RATIO_COLUMN]], train.frame["y"].to_numpy(),
                         groups=train.frame["cluster"].to_numpy())

    def predict(self, state, test) -> np.ndarray:
        return state.predict_proba(test.frame[[CINC_RATIO_COLUMN]])


def component_features(batch: OutcomeBatch, *, levels: bool) -> pd.DataFrame:
    """Per dispute, the six NMC component shares summed over each side's originators, as
    side A's proportion ``A_k / (A_k + B_k)`` (``prop_<component>``, the form of the CINC
    ratio; 0.5 where neither side has any) and, with ``levels``, the sums themselves
    (``a_<component>``, ``b_<component>``; a missing share counts 0).

    Examples
    --------
    >>> rows = pd.DataFrame({"case": [0, 0], "side": [0, 1],
    ...                      **{c: [0.3, 0.1] for c in COMPONENT_COLUMNS}})
    >>> f = component_features(OutcomeBatch(np.array([7]), rows), levels=False)
    >>> round(float(f["prop_irst"].iloc[0]), 4)
    0.75
    """
    case = batch.rows["case"].to_numpy(np.int64)
    side = batch.rows["side"].to_numpy(np.int64)
    sums = _side_sums(case, side, np.nan_to_num(batch.component_matrix()), len(batch))
    total = sums[0] + sums[1]
    with np.errstate(invalid="ignore", divide="ignore"):
        prop = np.where(total > 0, sums[0] / total, 0.5)
    out = {f"prop_{c}": prop[:, k] for k, c in enumerate(NMC_COMPONENTS)}
    if levels:
        out.update({f"a_{c}": sums[0, :, k] for k, c in enumerate(NMC_COMPONENTS)})
        out.update({f"b_{c}": sums[1, :, k] for k, c in enumerate(NMC_COMPONENTS)})
    return pd.DataFrame(out)


@dataclass(frozen=True)
class ComponentBaseline:
    """Carroll & Kenkel's (2019) comparison in the form this corpus allows: the outcome
    predicted from the six NMC components of each side directly, without a contest function,
    by the baselines of :mod:`foedus.history.baselines` fitted on each split's training
    cases - ``logit`` on side A's proportion of each of the six components, ``boosted``
    (gradient boosting) on the proportions and the two sides' component sums. Their DOE
    score is a cross-validated ensemble of many learners on dyad components; this is its
    two-learner, originator-sum analogue, reported beside the measures, not a candidate for
    the default."""

    learner: str = "logit"
    kind: str = "baseline"

    @property
    def name(self) -> str:
        return f"components_{self.learner}"

    def fit(self, train, seed: int):
        from foedus.history.baselines import make_baseline

        features = component_features(train.payload, levels=self.learner == "boosted")
        model = make_baseline(self.learner, n_classes=train.n_classes, random_state=seed)
        return model.fit(features, train.frame["y"].to_numpy(),
                         groups=train.frame["cluster"].to_numpy())

    def predict(self, state, test) -> np.ndarray:
        return state.predict_proba(component_features(test.payload,
                                                      levels=self.learner == "boosted"))


def pooled_scores(predictions: pd.DataFrame,
                  classes: Sequence[str] = ("A", "B", "stalemate")) -> pd.DataFrame:
    """Scores of the per-case out-of-sample predictions, pooled per split family.

    The leave-one-decade-out splits (``decade-1810s`` ...) are pooled into one ``decade``
    row per predictor (every dispute predicted once, by a fit on every other decade); each
    era split keeps its own row. Columns: ``split, predictor, n, log_loss, brier`` (three
    classes) and ``a_log_loss, a_brier, a_auc`` (the event "side A prevails").

    Parameters
    ----------
    predictions : DataFrame
        :attr:`foedus.history.validate.ValidationReport.predictions` of the outcome task.

    Examples
    --------
    >>> pred = pd.DataFrame({"split": ["decade-1900s", "decade-1910s"],
    ...                      "predictor": ["m", "m"], "y": [0, 2], "p_A": [0.5, 0.2],
    ...                      "p_B": [0.25, 0.3], "p_stalemate": [0.25, 0.5]})
    >>> t = pooled_scores(pred)
    >>> t[["split", "n"]].values.tolist(), round(float(t.log_loss[0]), 4)   # -log(0.5)
    ([['decade', 2]], 0.6931)
    """
    from foedus.history.scoring import score_binary, score_multiclass

    frame = predictions.assign(family=predictions["split"].where(
        ~predictions["split"].str.startswith("decade-"), "decade"))
    rows = []
    for (family, predictor), group in frame.groupby(["family", "predictor"], sort=False):
        y = group["y"].to_numpy(np.int64)
        probs = group[[f"p_{c}" for c in classes]].to_numpy(float)
        multi = score_multiclass(y, probs)
        event = score_binary((y == 0).astype(int), probs[:, 0])
        rows.append({"split": family, "predictor": predictor, "n": multi["n"],
                     "log_loss": multi["log_loss"], "brier": multi["brier"],
                     "a_log_loss": event["log_loss"], "a_brier": event["brier"],
                     "a_auc": event["auc"]})
    return pd.DataFrame(rows)


def choose_measure(pooled: pd.DataFrame, *, split: str = "decade") -> pd.DataFrame:
    """The measures ranked by the rule that chooses the default capability measure.

    The rule (written in ``docs/validation-history.md`` section "Capability" before the
    leave-one-decade-out scores were computed): the full outcome model of each measure
    (gradient and nuclear term) is ranked by its **pooled out-of-sample log loss** on the
    three classes over the leave-one-decade-out split (:func:`pooled_scores`: every dispute
    predicted once, by a model fitted on every other decade). Differences below 1e-4 nats
    are ties, and a tie goes to CINC, the incumbent.

    Examples
    --------
    >>> pooled = pd.DataFrame({"split": ["decade", "decade", "era"],
    ...                        "predictor": ["outcome-cinc", "outcome-milex", "outcome-milex"],
    ...                        "n": [40, 40, 9], "log_loss": [0.62504, 0.62501, 0.1]})
    >>> choose_measure(pooled)["measure"].tolist()     # a tie: CINC stays
    ['cinc', 'milex']
    """
    rows = pooled[pooled["split"] == split]
    out = []
    for measure_name in OUTCOME_MEASURES:
        group = rows[rows["predictor"] == f"outcome-{measure_name}"]
        if len(group):
            out.append({"measure": measure_name, "log_loss": float(group["log_loss"].iloc[0]),
                        "n": int(group["n"].iloc[0])})
    if not out:
        raise FoedusError(f"capability: no outcome-model scores on the {split} split")
    frame = pd.DataFrame(out)
    best = frame["log_loss"].min()
    frame["tied_best"] = (frame["log_loss"] - best) < 1e-4
    frame["challenger"] = frame["measure"] != "cinc"
    frame = frame.sort_values(["log_loss"], kind="mergesort")
    frame = pd.concat([frame[frame["tied_best"]].sort_values("challenger", kind="mergesort"),
                       frame[~frame["tied_best"]]])
    return frame.drop(columns=["tied_best", "challenger"]).reset_index(drop=True)


def capability_task(covariates: Sequence[str] | None = None, *, common: bool = True):
    """The outcome corpus as a scoring task with an :class:`OutcomeBatch` payload.

    ``covariates`` are the baselines' (default: the literature's,
    :data:`foedus.history.tasks.OUTCOME_COVARIATES`; Carroll & Kenkel's CINC ratio alone is
    :class:`CincRatioPredictor`); with ``common`` only the disputes where every originator
    has every measure (and the CINC ratio exists) are kept, so that all measures and
    baselines are scored on the same cases (the count dropped is in the task description).
    """
    from foedus.history import outcome as outcome_corpus
    from foedus.history.participants import originators
    from foedus.history.tasks import OUTCOME_COVARIATES, outcome_task
    from foedus.history.validate import ScoringTask

    frame = outcome_corpus()
    task = outcome_task(frame, tuple(covariates or OUTCOME_COVARIATES))
    kept = frame[frame["outcome_class"].isin(("A", "B", "stalemate"))].reset_index(drop=True)
    if len(kept) != len(task):
        raise FoedusError("outcome model: the scoring task and the corpus disagree on the "
                          "disputes with an outcome class")
    batch = build_outcome_batch(kept, originators(), theatre_distance)
    task = ScoringTask(task.corpus, task.frame, task.classes, task.events, task.covariates,
                       task.description, batch)
    if not common:
        return task
    complete = np.ones(len(task), dtype=bool)
    for column in (*PANEL_MEASURES, *[c for c in batch.rows if c.startswith("milstock@")],
                   "components"):
        complete &= batch.complete(column)
    complete &= task.frame[CINC_RATIO_COLUMN].notna().to_numpy()
    sub = task.subset(complete)
    return ScoringTask(sub.corpus, sub.frame, sub.classes, sub.events, sub.covariates,
                       f"{task.description}; {int((~complete).sum())} of {len(task)} disputes "
                       "without every capability measure for every originator dropped",
                       sub.payload)
