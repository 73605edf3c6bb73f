#!/usr/bin/python3
"""make_funnel_reference.py: reference funnel-plot limits for
tests/unit/test_compare.c, computed independently of indicate with scipy.

    /usr/bin/python3 make_funnel_reference.py > funnel_reference.csv

Spiegelhalter (2005), "Funnel plots for comparing institutional performance",
Statistics in Medicine 24:1185-1202, appendix A.1.1: for a proportion with
target theta and denominator n, r_p is the p-quantile of Binomial(n, theta)
(scipy's ppf: the smallest r with cdf(r) >= p),
    alpha = (cdf(r_p) - p) / (cdf(r_p) - cdf(r_p - 1))
and the limit is (r_p - alpha) / n, held within [0, 1] (the interpolation
goes below 0 when r_p is 0). For a rate with events per unit lambda and
population n, the same with Poisson(n * lambda), the limit per unit, held
at 0 or above.
p is 0.001, 0.025, 0.975 and 0.999 (the 99.8% and 95% limits). The values
are written with 17 significant digits.
"""
import sys

from scipy.stats import binom, poisson

PROBS = (0.001, 0.025, 0.975, 0.999)
PROPORTION_CASES = [
    (1, 0.3), (7, 0.05), (20, 0.5), (31, 0.33), (100, 0.144), (250, 0.9),
    (1000, 0.02), (2326, 0.330), (5000, 0.75), (12345, 0.0123), (100000, 0.5),
]
RATE_CASES = [  # (population, events per person)
    (50, 0.01), (1000, 0.002), (20000, 0.013), (150000, 0.0045), (600000, 0.00071),
]


def limit(dist, p, scale):
    r = dist.ppf(p)
    at, below = dist.cdf(r), dist.cdf(r - 1)
    alpha = (at - p) / (at - below) if at > below else 0.0
    return (r - alpha) / scale


def clamp(x, hi):
    return min(max(x, 0.0), hi)


def main():
    out = sys.stdout
    out.write("kind,n,target,p,limit\n")
    for n, theta in PROPORTION_CASES:
        for p in PROBS:
            out.write("proportion,%d,%.17g,%.17g,%.17g\n"
                      % (n, theta, p, clamp(limit(binom(n, theta), p, n), 1.0)))
    for n, lam in RATE_CASES:
        for p in PROBS:
            out.write("rate,%d,%.17g,%.17g,%.17g\n"
                      % (n, lam, p, clamp(limit(poisson(n * lam), p, n), float("inf"))))


if __name__ == "__main__":
    main()
