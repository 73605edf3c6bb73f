#!/usr/bin/python3
"""make_stats_reference.py: reference values from Python for the tests of
change and the charts (tests/unit/test_stats_reference.c):

  newcombe.csv  Newcombe's hybrid score interval for a difference of two
                proportions, statsmodels' confint_proportions_2indep
                (method="newcomb", compare="diff")
  sen.csv       Sen's slope and its interval, scipy.stats.theilslopes
                (method="joint")
  spc.csv       XmR charts worked out here, independently of the C code,
                from the Making Data Count definitions (see spc_chart)

Run from the repository root (Debian: python3-scipy, python3-statsmodels):

  /usr/bin/python3 tests/reference/make_stats_reference.py tests/reference

Deterministic: the generator is seeded. Series are written in one field,
values separated by ";".
"""
import csv
import math
import random
import sys

from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep

OUT = sys.argv[1] if len(sys.argv) > 1 else "."
rng = random.Random(20240601)


def num(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "nan"
    if isinstance(x, float) and math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return repr(float(x)) if not isinstance(x, int) else str(x)


def joined(xs):
    return ";".join(num(x) for x in xs)


def write(name, header, rows):
    with open(f"{OUT}/{name}", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


# ---- Newcombe ------------------------------------------------------------

def newcombe_case(k0, n0, k1, n1, level):
    lo, hi = confint_proportions_2indep(k1, n1, k0, n0, method="newcomb",
                                        compare="diff", alpha=1 - level)
    return [num(k0), num(n0), num(k1), num(n1), num(level), num(k1 / n1 - k0 / n0),
            num(float(lo)), num(float(hi))]


rows = [
    newcombe_case(775, 1895, 768, 2326, 0.95),   # NL referral to investigation
    newcombe_case(775, 1895, 768, 2326, 0.998),
    newcombe_case(0, 10, 0, 12, 0.95),
    newcombe_case(10, 10, 12, 12, 0.95),
    newcombe_case(0, 10, 10, 10, 0.95),
    newcombe_case(1, 1, 0, 1, 0.95),
    newcombe_case(1, 2, 2, 3, 0.9),
    newcombe_case(51, 86, 37, 53, 0.95),
    newcombe_case(145, 190, 123, 174, 0.95),
]
for _ in range(70):
    n0 = rng.choice([rng.randint(1, 30), rng.randint(30, 5000)])
    n1 = rng.choice([rng.randint(1, 30), rng.randint(30, 5000)])
    rows.append(newcombe_case(rng.randint(0, n0), n0, rng.randint(0, n1), n1,
                              rng.choice([0.8, 0.9, 0.95, 0.99, 0.998])))
write("newcombe.csv", ["k0", "n0", "k1", "n1", "level", "estimate", "lower", "upper"], rows)


# ---- Sen's slope -----------------------------------------------------------

def sen_case(x, y, level):
    r = stats.theilslopes(y, x, alpha=level, method="joint")
    return [joined(x), joined(y), num(level), num(float(r[0])), num(float(r[1])),
            num(float(r[2])), num(float(r[3]))]


rows = [
    sen_case(list(range(7)), [1030, 1150, 1617, 1482, 1714, 1895, 2326], 0.95),
    sen_case(list(range(7)), [1030, 1150, 1617, 1482, 1714, 1895, 2326], 0.998),
    sen_case([0, 1, 2], [3.0, 5.0, 4.0], 0.95),              # length 3
    sen_case([0, 1, 2, 3, 4, 5], [5, 5, 6, 7, 7, 8], 0.95),  # ties
    sen_case([0, 2, 3, 5, 6], [4, 6, 8, 9, 12], 0.95),       # gaps
    sen_case([0, 1, 2, 3], [7, 7, 7, 7], 0.95),              # constant
]
for _ in range(40):
    n = rng.randint(3, 30)
    slope = rng.uniform(-5, 5)
    x = sorted(rng.sample(range(n + 3), n))
    y = [round(100 + slope * t + rng.gauss(0, 8), rng.choice([0, 2])) for t in x]
    rows.append(sen_case(x, y, rng.choice([0.8, 0.9, 0.95, 0.99, 0.998])))
write("sen.csv", ["x", "y", "level", "slope", "intercept", "lower", "upper"], rows)


# ---- XmR charts ----------------------------------------------------------
# Written from the Making Data Count definitions: limits are the mean +/-
# 2.66 mean moving ranges, after leaving out moving ranges of 3.267 mean
# moving ranges or more (when screening); rules, in precedence: outside
# the limits (1), seven points in a row each above or each below the one
# before (2), two of three in a row beyond two thirds of the way to the
# same limit (3), seven in a row on one side of the mean (4). Limits and
# rules restart at each rebase. None marks a missing value.

RULE_NAMES = {0: "", 1: "outside", 2: "trend", 3: "two_of_three", 4: "shift"}


def segment(ys, screen):
    vals = [v for v in ys if v is not None]
    if len(vals) < 2:
        return None
    mean = math.fsum(vals) / len(vals)
    mrs = [abs(b - a) for a, b in zip(ys, ys[1:]) if a is not None and b is not None]
    if not mrs:
        return None
    amr = math.fsum(mrs) / len(mrs)
    if screen and amr > 0:
        kept = [r for r in mrs if r < 3.267 * amr]
        amr = math.fsum(kept) / len(kept)
    return mean, amr


def flags(ys, mean, amr):
    n = len(ys)
    lo, hi = mean - 2.66 * amr, mean + 2.66 * amr
    nlo, nhi = mean - 2.66 * amr * 2 / 3, mean + 2.66 * amr * 2 / 3
    rules = [set() for _ in ys]
    for t, v in enumerate(ys):
        if v is not None and (v > hi or v < lo):
            rules[t].add(1)
    for d in (1, -1):                       # runs of rises or falls
        start = 0
        for t in range(n):
            ok = t > 0 and ys[t] is not None and ys[t - 1] is not None and \
                (ys[t] - ys[t - 1]) * d > 0
            if not ok:
                start = t
            if t - start + 1 >= 7:
                for k in range(start, t + 1):
                    rules[k].add(2)
    for t in range(n - 2):                  # two of three
        for d in (1, -1):
            near = [k for k in range(t, t + 3) if ys[k] is not None and
                    ((d > 0 and ys[k] > nhi) or (d < 0 and ys[k] < nlo))]
            if len(near) >= 2:
                for k in near:
                    rules[k].add(3)
    start, side = 0, 0                      # shifts
    for t in range(n):
        s = 0 if ys[t] is None else (ys[t] > mean) - (ys[t] < mean)
        if s == 0 or s != side:
            start = t
        side = s
        if s != 0 and t - start + 1 >= 7:
            for k in range(start, t + 1):
                rules[k].add(4)
    return rules


def trend_side(ys, t, rules):
    prev_trend = t > 0 and 2 in rules[t - 1]
    if not prev_trend:
        return -1 if t + 1 < len(ys) and ys[t + 1] is not None and ys[t + 1] < ys[t] else 1
    return -1 if ys[t] < ys[t - 1] else 1


def spc_chart(ys, rebase, screen, polarity, target):
    cuts = [0] + rebase + [len(ys)]
    means, lowers, uppers, rule_out, type_out = [], [], [], [], []
    last_limits = None
    for a, b in zip(cuts, cuts[1:]):
        part = ys[a:b]
        seg = segment(part, screen)
        if seg is None:
            means.append(None), lowers.append(None), uppers.append(None)
            rule_out += [0] * len(part)
            type_out += ["common_cause"] * len(part)
            last_limits = None
            continue
        mean, amr = seg
        lo, hi = mean - 2.66 * amr, mean + 2.66 * amr
        means.append(mean), lowers.append(lo), uppers.append(hi)
        last_limits = (lo, hi)
        rules = flags(part, mean, amr)
        for t, rs in enumerate(rules):
            rule = min(rs) if rs else 0
            rule_out.append(rule)
            if rule == 0:
                type_out.append("common_cause")
                continue
            side = trend_side(part, t, rules) if rule == 2 else \
                (1 if part[t] > mean else -1)
            if polarity == 0:
                type_out.append("neutral")
            else:
                type_out.append("improvement" if side == polarity else "concern")
    latest = max(t for t, v in enumerate(ys) if v is not None)
    assurance = ""
    if polarity != 0 and target is not None and last_limits is not None:
        lo, hi = last_limits
        if target > hi:
            assurance = "consistently_failing" if polarity > 0 else "consistently_passing"
        elif target < lo:
            assurance = "consistently_passing" if polarity > 0 else "consistently_failing"
        else:
            assurance = "hit_and_miss"
    return means, lowers, uppers, rule_out, type_out, type_out[latest], assurance


def spc_case(ys, rebase=(), screen=1, polarity=0, target=None):
    rebase = list(rebase)
    m, lo, hi, rules, types, variation, assurance = spc_chart(ys, rebase, screen, polarity,
                                                              target)
    return [joined(ys), ";".join(str(r) for r in rebase), str(screen), str(polarity),
            num(target), joined(m), joined(lo), joined(hi),
            ";".join(str(r) for r in rules), ";".join(types), variation, assurance]


months_rising = [50, 52, 49, 51, 53, 50, 48, 52, 51, 49, 50, 52, 47, 48, 50, 53, 55, 57, 60,
                 62, 51, 50, 49, 52]
eight_above = [30, 28, 31, 29, 27, 30, 32, 29, 28, 31, 34, 35, 33, 36, 34, 35, 33, 34, 30, 29]
rows = [
    spc_case(months_rising, polarity=1),
    spc_case(months_rising, polarity=-1),
    spc_case(months_rising, polarity=0),
    spc_case(eight_above, polarity=1, target=25),
    spc_case(eight_above, polarity=-1, target=25),
    spc_case(eight_above, polarity=1, target=45),
    spc_case(eight_above, polarity=1, target=31),
    spc_case([10, 11, 10, 12, 11, 30, 11, 10, 12, 11, 10, 11], polarity=-1),  # outlier
    spc_case([10, 11, 10, 12, 11, 30, 11, 10, 12, 11, 10, 11], screen=0, polarity=-1),
    spc_case([20, 21, 19, 20, 22, 21, 20, 30, 31, 29, 30, 32, 31, 30], rebase=[7], polarity=1),
    spc_case([5, 5, 5, 5, 5, 5, 5, 5], polarity=1, target=5),                # constant
    spc_case([3, 4]),                                                        # two values
    spc_case([10, 12, 11, None, 13, 12, 11, 12, 10, 11, 12, 11], polarity=1),
    spc_case([100, 101, 99, 100, 102, 108, 109, 100, 99, 101, 100, 98], polarity=1),
    spc_case([1030, 1150, 1617, 1482, 1714, 1895, 2326]),
]
for _ in range(30):
    n = rng.randint(8, 40)
    base = rng.uniform(10, 1000)
    sd = base * rng.uniform(0.02, 0.2)
    ys = [round(base + rng.gauss(0, sd), 1) for _ in range(n)]
    if rng.random() < 0.4:                  # a shift part way
        at = rng.randint(2, n - 2)
        ys = ys[:at] + [round(v + 2.5 * sd, 1) for v in ys[at:]]
    if rng.random() < 0.3:                  # a climb
        at = rng.randint(0, max(0, n - 9))
        for k in range(8):
            if at + k < n:
                ys[at + k] = round(base + sd * (k - 3), 1)
    rebase = sorted(rng.sample(range(3, n - 2), 1)) if rng.random() < 0.3 else []
    target = round(base + rng.gauss(0, 3 * sd), 1) if rng.random() < 0.5 else None
    rows.append(spc_case(ys, rebase, rng.choice([0, 1]), rng.choice([-1, 0, 1]), target))
write("spc.csv", ["y", "rebase", "screen", "polarity", "target", "mean", "lower", "upper",
                  "rule", "type", "variation", "assurance"], rows)
