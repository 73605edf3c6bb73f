#!/usr/bin/python3
"""make_reference.py: reference values from Python for the numerics checks in
tests/unit/test_reference.c. Writes, into the directory given as the first
argument (default: the directory holding this script):

  byar.csv      Byar's approximation, with the normal quantile from scipy
  rate.csv      rates: exact Poisson bounds from scipy's chi-square quantile
                below 10 events, Byar's from 10, scaled by multiplier/population
  change.csv    change between two values: exact rational arithmetic
  cagr.csv      compound annual growth rate to 40 significant digits
  rounding.csv  presentation rounding, half away from zero, from exact
                fractions and decimals; shortest round-trip strings from
                Python's own float formatting

Run: /usr/bin/python3 tests/reference/make_reference.py tests/reference
Floats are written with repr(), which reads back exactly.
"""

import csv
import decimal
import math
import os
import random
import sys
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from scipy.stats import chi2, norm

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
LEVELS = (0.95, 0.998)
EDOMAIN = 10  # status.h


def num(v):
    """A float as text that reads back exactly; NaN as 'nan'."""
    v = float(v)
    return "nan" if math.isnan(v) else repr(v)


def write(name, header, rows):
    path = os.path.join(OUT, name)
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"{path}: {len(rows)} rows")


# ---- Byar's approximation ----

def byar(x, level):
    """Breslow & Day (1987) eq. 2.17, as PHEindicatormethods writes it; a
    lower bound that the cube takes below zero is held at zero."""
    z = norm.ppf(1 - (1 - level) / 2)
    lower = x * (1 - 1 / (9 * x) - z / (3 * math.sqrt(x))) ** 3
    upper = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * math.sqrt(x + 1))) ** 3
    return max(lower, 0.0), upper


def make_byar():
    rows = []
    xs = [0.5, 1, 2, 2.5, 5, 9, 10, 11, 20, 50, 100, 1000, 12345, 1e6, 1e9]
    for x in xs:
        for level in LEVELS + ((0.9, 0.99) if x in (9, 10) else ()):
            lo, hi = byar(x, level)
            rows.append([num(x), num(level), num(lo), num(hi)])
    write("byar.csv", ["x", "level", "lower", "upper"], rows)


# ---- rates ----

def exact_poisson(x, level):
    a = 1 - level
    lower = 0.0 if x == 0 else chi2.ppf(a / 2, 2 * x) / 2
    upper = chi2.ppf(1 - a / 2, 2 * x + 2) / 2
    return lower, upper


def make_rate():
    rows = []
    events = [0, 1, 5, 9, 10, 11, 50, 1000, 123456]
    places = [(1000, 1000), (54321, 100000), (2.5e6, 1000), (320, 100)]
    for e in events:
        for pop, mult in places:
            for level in LEVELS:
                lo, hi = exact_poisson(e, level) if e < 10 else byar(e, level)
                scale = mult / pop
                rows.append([num(e), num(pop), num(mult), num(level),
                             num(e * scale), num(lo * scale), num(hi * scale)])
    write("rate.csv", ["events", "population", "multiplier", "level", "value",
                       "lower", "upper"], rows)


# ---- change between two values ----

def change(a, b):
    """status (0 ok, 1 missing, 2 undefined), absolute, percent."""
    if math.isnan(a) or math.isnan(b):
        return 1, math.nan, math.nan
    diff = Fraction(b) - Fraction(a)
    if a == 0:
        return 2, float(diff), math.nan
    return 0, float(diff), float(diff / abs(Fraction(a)) * 100)


def make_change():
    pairs = [(768, 801), (801, 768), (100, 100), (0, 5), (0, 0), (0, -3),
             (5, 0), (math.nan, 3), (3, math.nan), (math.nan, math.nan),
             (-50, -25), (-50, -75), (-4, 6), (2326, 3314), (92624, 90001),
             (0.1, 0.3), (1e9, 1e9 + 1), (1e-9, 3e-9), (-0.5, 0.5),
             (1234567.5, 1234567.25), (3, 2.9999999999), (179, 254),
             (254, 179), (1, 1e15), (7.25, -7.25)]
    rows = []
    for a, b in pairs:
        st, ab, pc = change(a, b)
        rows.append([num(a), num(b), st, num(ab), num(pc)])
    write("change.csv", ["from", "to", "status", "absolute", "percent"], rows)


# ---- compound annual growth rate ----

def cagr(first, last, years):
    if any(math.isnan(v) for v in (first, last, years)):
        return EDOMAIN, math.nan
    if first <= 0 or last < 0 or years <= 0:
        return EDOMAIN, math.nan
    if last == 0:
        return 0, -1.0
    with decimal.localcontext() as ctx:
        ctx.prec = 40
        ratio = Decimal(last) / Decimal(first)
        return 0, float(ratio ** (Decimal(1) / Decimal(years)) - 1)


def make_cagr():
    cases = [(100, 121, 2), (100, 100, 5), (768, 973, 9), (973, 768, 9),
             (1, 2, 1), (1, 2, 0.5), (50, 0, 3), (1000, 1000.001, 10),
             (2326, 3314, 4), (0.33, 0.371, 5), (1, 1e6, 20), (5, 4, 1.5),
             (0, 5, 3), (-1, 5, 3), (5, -1, 3), (5, 6, 0), (5, 6, -1),
             (math.nan, 5, 2), (5, math.nan, 2), (5, 6, math.nan)]
    rows = []
    for f, l, y in cases:
        st, r = cagr(f, l, y)
        rows.append([num(f), num(l), num(y), st, num(r)])
    write("cagr.csv", ["first", "last", "years", "status", "rate"], rows)


# ---- presentation rounding ----

def group(int_digits):
    """Digits with a comma every three from the right."""
    return f"{int(int_digits):,}"


def layout(negative, units, decimals, thousands):
    """A non-negative integer count of 10^-decimals as a signed decimal."""
    digits = str(units).rjust(decimals + 1, "0")
    whole, frac = digits[:len(digits) - decimals], digits[len(digits) - decimals:]
    whole = group(whole) if thousands else str(int(whole))
    text = whole + ("." + frac if decimals else "")
    return ("-" if negative and units != 0 else "") + text


def round_fraction(q, decimals, thousands):
    """q (a Fraction) rounded half away from zero."""
    scaled = abs(q) * 10 ** decimals
    units = math.floor(scaled + Fraction(1, 2))
    return layout(q < 0, units, decimals, thousands)


def round_double(x, decimals, thousands):
    """x rounded half away from zero on its shortest decimal (repr)."""
    with decimal.localcontext() as ctx:
        ctx.prec = 400  # every digit of the largest double and 15 decimals
        d = Decimal(repr(x)).quantize(Decimal(1).scaleb(-decimals),
                                      rounding=ROUND_HALF_UP)
        units = int(abs(d).scaleb(decimals))
    return layout(math.copysign(1, x) < 0, units, decimals, thousands)


def fits_exact(num_, scale, decimals):
    return abs(num_ * scale) * 10 ** decimals < 2 ** 126


def integral(x):
    return math.isfinite(x) and abs(x) < 2 ** 53 and x == math.floor(x)


def quotient(n, d, s, decimals, thousands):
    if all(integral(v) for v in (n, d, s)) and decimals <= 9 and \
            fits_exact(int(n), int(s), decimals):
        return round_fraction(Fraction(int(n) * int(s), int(d)), decimals, thousands)
    return round_double(n / d * s, decimals, thousands)


def amount(x, decimals):
    text = round_double(x, 0 if integral(x) else decimals, True)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def shortest(x):
    """The shortest '%.<p>g' form (p = 1..17) that reads back as x; fewer
    digits on a tie. Python's float formatting is its own code, not C's."""
    if x == 0:
        return "0"
    best = None
    for p in range(1, 18):
        s = "%.*g" % (p, x)
        if float(s) == x and (best is None or len(s) < len(best)):
            best = s
    return best


def make_rounding():
    rows = []

    def add(fn, a, b, c, decimals, thousands, expected):
        rows.append([fn, a, b, c, decimals, thousands, expected])

    ratio_cases = [
        (768, 2326, 100, 1, 0), (179, 254, 100, 1, 0), (477, 3314, 100, 1, 0),
        (477, 3314, 100, 0, 0), (1, 8, 100, 0, 0), (-1, 8, 100, 0, 0),
        (1, -8, 100, 0, 0), (-1, -8, 100, 0, 0), (5, 8, 1, 2, 0),
        (-5, 8, 1, 2, 0), (1, 800, 1, 1, 0), (-1, 800, 1, 1, 0),
        (-1, 800, -1, 1, 0), (9995, 10000, 100, 1, 0), (1234567, 1, 1, 0, 1),
        (92624, 1, 1, 0, 1), (92624, 1, 1, 2, 1), (2 ** 62, 3, 100, 9, 1),
        (-(2 ** 63), 1, 1, 0, 1), (2 ** 63 - 1, 2 ** 63 - 1, 1, 9, 0),
        (2 ** 63 - 1, 7, 2 ** 62, 0, 1), (0, 5, 100, 3, 0), (0, -5, 100, 0, 0),
        (1, 3, 100, 9, 0), (2, 3, 100, 9, 0), (1, 2, 1, 0, 0), (-1, 2, 1, 0, 0),
        (3, 2, 1, 0, 0), (-3, 2, 1, 0, 0), (1, 200, 1, 2, 0), (999, 1000, 1, 2, 0),
    ]
    rnd = random.Random(2024)
    for _ in range(30):
        ratio_cases.append((rnd.randint(-10 ** 7, 10 ** 7), rnd.choice([-1, 1]) * rnd.randint(1, 10 ** 5),
                            rnd.choice([1, 100, 1000, 100000]), rnd.randint(0, 9),
                            rnd.randint(0, 1)))
    for n, d, s, dec, th in ratio_cases:
        add("ratio", n, d, s, dec, th, round_fraction(Fraction(n * s, d), dec, th))

    double_cases = [
        (2.675, 2, 0), (1.005, 2, 0), (0.125, 2, 0), (-0.125, 2, 0), (2.5, 0, 0),
        (-2.5, 0, 0), (0.5, 0, 0), (-0.5, 0, 0), (1.45, 1, 0), (-1.45, 1, 0),
        (-0.004, 2, 0), (-0.0, 3, 0), (0.0, 0, 0), (1e-20, 3, 0), (999.995, 2, 1),
        (1234567.891, 2, 1), (1234567.0, 0, 1), (92624.0, 0, 1), (1e21, 0, 1),
        (123456789012345678.0, 0, 0), (5e-324, 15, 0), (0.1 + 0.2, 15, 0),
        (33.01805674978504, 1, 0), (0.0005, 3, 0), (0.00049999999999999, 3, 0),
        (-999999.5, 0, 1), (9.9999999999999995, 1, 0), (1.7976931348623157e308, 0, 0),
        (0.035, 2, 0), (8.325, 2, 0), (-8.325, 2, 1), (100.0, 15, 1),
    ]
    for _ in range(30):
        x = rnd.uniform(-1, 1) * 10 ** rnd.randint(-6, 12)
        double_cases.append((x, rnd.randint(0, 8), rnd.randint(0, 1)))
    for _ in range(10):  # exact ties at the last kept place
        dec = rnd.randint(0, 4)
        x = (rnd.randint(-10 ** 6, 10 ** 6) + 0.5) / 10 ** dec
        double_cases.append((x, dec, rnd.randint(0, 1)))
    for x, dec, th in double_cases:
        add("double", num(x), "", "", dec, th, round_double(x, dec, th))

    quotient_cases = [
        (768.0, 2326.0, 100.0, 1, 0), (1.0, 8.0, 100.0, 0, 0), (-1.0, 8.0, 100.0, 0, 0),
        (768.5, 2326.0, 100.0, 1, 0), (2.0 ** 53, 3.0, 1.0, 2, 0),
        (2.0 ** 52, 3.0, 2.0 ** 52, 9, 1), (2.0 ** 52, 3.0, 2.0 ** 52, 0, 1),
        (477.0, 3314.0, 100.0, 12, 0), (1.0, 3.0, 1.0, 15, 0), (0.5, 0.25, 1.0, 0, 0),
        (-0.0, 5.0, 100.0, 1, 0), (92624.0, 1.0, 1.0, 0, 1),
    ]
    for n, d, s, dec, th in quotient_cases:
        add("quotient", num(n), num(d), num(s), dec, th, quotient(n, d, s, dec, th))

    amount_cases = [(2326.0, 2), (92624.0, 0), (1081.5, 2), (1081.504, 2),
                    (7.0001, 2), (-1234.5, 1), (0.5, 0), (-0.001, 2), (1e15, 2),
                    (1234567.125, 2), (0.0, 3), (2.675, 2)]
    for x, dec in amount_cases:
        add("amount", num(x), "", "", dec, 1, amount(x, dec))

    shortest_cases = [0.1, 3314.0, 768 / 2326, 1e-05, 100.0, 1e6, 1.2e5,
                      92624.0, 5e-324, 1.7976931348623157e308, -0.0, 0.1 + 0.2,
                      1 / 3, 2.0 ** 53, 123456.789, -2.5e-7, 0.0001, 1e16, 1e22,
                      33.01805674978504]
    for x in shortest_cases:
        add("shortest", num(x), "", "", "", "", shortest(x))

    write("rounding.csv", ["function", "a", "b", "c", "decimals", "thousands",
                           "expected"], rows)


if __name__ == "__main__":
    make_byar()
    make_rate()
    make_change()
    make_cagr()
    make_rounding()
