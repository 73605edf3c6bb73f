#!/usr/bin/python3
"""trend_holt.py: the benchmark's work in Python (pandas + statsmodels), as an
analyst would write it.

    python3 trend_holt.py INPUT.csv OUTPUT.csv

INPUT is the long CSV of bench/gen (area,series,period,value). For every
series (area and series id), in input order:
  - an ordinary least-squares trend of value on the period index 0..n-1
    (statsmodels OLS), its slope, and the fitted value for the next period
    with its 95% prediction interval (get_prediction(...).summary_frame,
    obs_ci_lower/obs_ci_upper);
  - a damped Holt forecast of the next period: ETSModel(error="add",
    trend="add", damped_trend=True), ETS(A,Ad,N) fitted by maximum
    likelihood as R's forecast::holt(damped = TRUE) does, and its point
    forecast.
OUTPUT has one row per series: area, series, next_period, slope, projection,
lower, upper, holt.
"""
import sys
import warnings

import numpy as np
import pandas as pd
import statsmodels.api as sm
from statsmodels.tsa.exponential_smoothing.ets import ETSModel


def next_label(label):
    y = int(label[:4]) + 1
    return "%d-%02d" % (y, (y + 1) % 100)


def main(src, dst):
    warnings.simplefilter("ignore")  # convergence chatter, as an analyst would
    d = pd.read_csv(src, dtype={"area": str, "series": str, "period": str,
                                "value": float})
    rows = []
    for (area, series), g in d.groupby(["area", "series"], sort=False):
        g = g.sort_values("period")
        y = g["value"].to_numpy()
        t = np.arange(len(y), dtype=float)
        fit = sm.OLS(y, sm.add_constant(t)).fit()
        pred = fit.get_prediction(np.array([[1.0, float(len(y))]]))
        frame = pred.summary_frame(alpha=0.05)
        ets = ETSModel(y, error="add", trend="add", damped_trend=True).fit(disp=False)
        rows.append((area, series, next_label(g["period"].iloc[-1]), fit.params[1],
                     frame["mean"].iloc[0], frame["obs_ci_lower"].iloc[0],
                     frame["obs_ci_upper"].iloc[0], ets.forecast(1)[0]))
    pd.DataFrame(rows, columns=["area", "series", "next_period", "slope", "projection",
                                "lower", "upper", "holt"]).to_csv(dst, index=False)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: trend_holt.py INPUT.csv OUTPUT.csv")
    main(sys.argv[1], sys.argv[2])
