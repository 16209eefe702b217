"""Reliability (calibration) plots of a validation report (matplotlib, an optional extra).

One panel per binary event: for each predictor, the observed frequency of the event in each
bin of predicted probability (Wilson 95% interval) against the bin's mean prediction; a
perfectly calibrated predictor lies on the diagonal.
"""

from __future__ import annotations

from pathlib import Path

from foedus.errors import FoedusError

__all__ = ["plot_reliability"]


def plot_reliability(report, corpus: str, *, split: str = "era", path: str | Path | None = None,
                     predictors=None):
    """Draw the reliability diagrams of one corpus and split; save to ``path`` if given.

    Returns the matplotlib figure.
    """
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover
        raise FoedusError("reliability plots need matplotlib: pip install 'foedus[history]'"
                          ) from None
    table = report.reliability
    table = table[(table.corpus == corpus) & (table.split == split)]
    if table.empty:
        raise FoedusError(f"no reliability table for corpus {corpus} and split {split}")
    events = list(dict.fromkeys(table.event))
    chosen = list(predictors or dict.fromkeys(table.predictor))
    fig, axes = plt.subplots(1, len(events), figsize=(5 * len(events), 4.6), squeeze=False)
    for ax, event in zip(axes[0], events):
        ax.plot([0, 1], [0, 1], color="0.6", lw=1, ls="--", label="perfect calibration")
        for name in chosen:
            rows = table[(table.event == event) & (table.predictor == name)]
            if rows.empty:
                continue
            err = [rows.observed - rows.observed_low, rows.observed_high - rows.observed]
            ax.errorbar(rows.mean_predicted, rows.observed, yerr=err, marker="o", ms=3,
                        lw=1, capsize=2, label=name)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xlabel("mean predicted probability (bin)")
        ax.set_ylabel("observed frequency (Wilson 95%)")
        ax.set_title(f"{corpus}: {event} ({split})", fontsize=10)
        ax.legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=110)
    return fig
