#!/usr/bin/env python3
"""make_verdicts.py: reference verdicts for tests/unit/test_claims_verify.c.

An implementation of the rules of docs/claims-format.md ("How a claim is
judged") written apart from the C code, in Python's exact Fractions, run
on claims built at random around the figures each rule produces (the
correct rounding, the other neighbour, the later-base and symmetric
readings, the absolute change, the part, parts short of a total) and some
plain wrong ones. The stored verdicts.tsv is what the C test reads; CI
does not need Python.

    python3 make_verdicts.py > verdicts.tsv

Columns (tab-separated): kind, stated, direction, decimals (given, or
empty), in1, in2, in3 (the inputs in the order of the kind: from/to,
part/whole, count/population/per, a/b, numerator/denominator), parts (a
sum's, joined with " + "), verdict, readings (";"-joined, a rounding one as
rounding:<slip>), correct (the correct figure at the stated precision as a
plain decimal, "-" before a negative one; a change's magnitude unless its
stated figure has a sign; empty when undefined).
"""
import random
from fractions import Fraction as Q
from math import floor

random.seed(20240611)


def rha(x, d):
    """x rounded half away from zero to d places, in units of 10^-d."""
    q = abs(x) * 10 ** d
    n = floor(q)
    if q - n >= Q(1, 2):
        n += 1
    return n if x >= 0 else -n


def plain(units, d):
    """units / 10^d as a decimal with d places."""
    neg = units < 0
    s = str(abs(units)).rjust(d + 1, "0")
    text = s if d == 0 else s[:-d] + "." + s[-d:]
    return ("-" if neg and units != 0 else "") + text


def match(x, s, d):
    """('exact'|'neighbour'|None, slip)."""
    S = s * 10 ** d
    assert S.denominator == 1
    S = int(S)
    R = rha(x, d)
    if S == R:
        return "exact", None
    xs = x * 10 ** d
    if xs.denominator == 1:
        return None, None
    lo = floor(xs)
    other = lo + 1 if R == lo else lo
    if S != other:
        return None, None
    if abs(other) < abs(xs):
        return "neighbour", "truncated"
    for k in (1, 2, 3):
        y = x
        for j in range(k, -1, -1):
            y = Q(rha(y, d + j), 10 ** (d + j))
        if y * 10 ** d == S:
            return "neighbour", "double_rounding"
    return "neighbour", "rounded_up"


def fits(v, s, d):
    return match(v, s, d)[0] == "exact"


def judge(kind, stated, sign, direction, d, ins, parts):
    """stated: the Fraction written (magnitude); sign: -1, +1 or 0 as
    written; direction: +1, -1 or 0 (none)."""
    S = stated * (-1 if sign < 0 else 1)
    if kind == "percent_change":
        f, t = ins
        if f == 0:
            if t != 0:
                return "undefined", [], None
            value = Q(0)
        else:
            value = (t - f) / f * 100
    elif kind == "share":
        p, w = ins
        if w == 0:
            return "undefined", [], None
        value = p / w * 100
    elif kind == "rate":
        c, pop, per = ins
        if pop == 0:
            return "undefined", [], None
        value = c / pop * per
    elif kind == "ratio":
        n, m = ins
        if m == 0:
            return "undefined", [], None
        value = n / m
    elif kind == "difference":
        value = ins[0] - ins[1]
    else:
        value = sum(parts)
    change = kind == "percent_change"
    target, want = (abs(value), stated) if change else (value, S)
    claimed = -1 if sign < 0 else 1 if sign > 0 else direction
    shown = rha(value, d)
    contra = change and ((claimed > 0 and shown < 0) or (claimed < 0 and shown > 0))
    signed = sign != 0 or not change
    correct = plain(rha(value, d) if signed else abs(rha(value, d)), d)
    m, slip = match(target, want, d)
    if m == "exact":
        return ("direction" if contra else "ok"), (["direction"] if contra else []), correct
    readings = []
    if m == "neighbour":
        readings.append("rounding:" + slip)
    if change:
        f, t = ins
        delta = abs(t - f)
        if t != 0 and fits(delta / t * 100, want, d):
            readings.append("base_later")
        if f + t != 0 and fits(delta / ((f + t) / 2) * 100, want, d):
            readings.append("percent_difference")
        if fits(delta, want, d):
            readings.append("absolute_as_percent")
    if kind == "share" and fits(ins[0], want, d):
        readings.append("absolute_as_percent")
    magnitude = len(readings)
    if contra:
        readings.append("direction")
    if kind == "sum" and m is None:
        readings.append("sum_parts")
        magnitude = len(readings)
    verdict = readings[0].split(":")[0] if magnitude else "mismatch"
    return verdict, readings, correct


def text(q, d):
    """A non-negative Fraction with d decimals written, as a report would."""
    return plain(rha(q, d), d)


def candidates(value, d, extra):
    """Stated magnitudes to try: the rounding, both neighbours, steps from
    more decimals, the extra readings, a unit either side."""
    x = abs(value)
    xs = x * 10 ** d
    out = [Q(rha(x, d), 10 ** d), Q(floor(xs), 10 ** d), Q(floor(xs) + 1, 10 ** d),
           Q(rha(x, d) + 2, 10 ** d)]
    out += [abs(e) for e in extra]
    return out


def count(lo=0, hi=3000):
    return random.randint(lo, hi)


rows = []


def emit(kind, stated_q, sign, direction, d, d_given, ins_text, parts_text, ins, parts):
    stated = Q(rha(stated_q, d), 10 ** d)
    unit = "%" if kind in ("percent_change", "share") else ""
    stext = ("-" if sign < 0 else "+" if sign > 0 else "") + text(stated, d) + unit
    verdict, readings, correct = judge(kind, stated, sign, direction, d, ins, parts)
    dword = {1: "increase", -1: "decrease", 0: ""}[direction]
    rows.append([kind, stext, dword, str(d) if d_given else "", *ins_text, parts_text,
                 verdict, ";".join(readings), correct or ""])


for _ in range(160):
    f, t = count(1), count()
    if random.random() < 0.1:
        t = f + random.randint(-3, 3)
        t = max(t, 0)
    d = random.choice([0, 0, 1, 1, 2])
    value = (t - f) * Q(100) / f
    delta = abs(t - f)
    extra = [delta / Q(t) * 100 if t else Q(0), delta / (Q(f + t) / 2) * 100, Q(delta)]
    for s in random.sample(candidates(value, d, extra), 3):
        direction = random.choice([0, 1, -1, 1 if value >= 0 else -1, 1 if value >= 0 else -1])
        sign = -1 if (random.random() < 0.1 and value < 0) else 0
        if sign:
            direction = 0
        emit("percent_change", s, sign, direction, d, False, [str(f), str(t), ""], "",
             [Q(f), Q(t)], [])

for _ in range(80):
    w = count(1, 800)
    p = random.randint(0, w)
    d = random.choice([0, 0, 1, 2])
    value = Q(p * 100, w)
    for s in random.sample(candidates(value, d, [Q(p)]), 3):
        emit("share", s, 0, 0, d, False, [str(p), str(w), ""], "", [Q(p), Q(w)], [])

for _ in range(40):
    n = random.randint(2, 6)
    parts = [count(0, 500) for _ in range(n)]
    total = sum(parts)
    for s in (total, total + random.choice([-2, -1, 1, 2, 20])):
        if s < 0:
            continue
        emit("sum", Q(s), 0, 0, 0, False, ["", "", ""], " + ".join(map(str, parts)), [],
             [Q(v) for v in parts])

for _ in range(30):
    c, pop = count(0, 400), count(1000, 90000)
    per = random.choice([1000, 10000, 100000])
    d = random.choice([1, 2])
    value = Q(c * per, pop)
    for s in random.sample(candidates(value, d, []), 2):
        emit("rate", s, 0, 0, d, True, [str(c), str(pop), str(per)], "",
             [Q(c), Q(pop), Q(per)], [])

for _ in range(20):
    n, m = count(0, 90), count(1, 90)
    d = random.choice([1, 2])
    value = Q(n, m)
    for s in random.sample(candidates(value, d, []), 2):
        emit("ratio", s, 0, 0, d, False, [str(n), str(m), ""], "", [Q(n), Q(m)], [])

for _ in range(20):
    a, b = count(), count()
    value = Q(a - b)
    s = random.choice([abs(value), abs(value) + 1])
    sign = -1 if value < 0 and random.random() < 0.7 else 0
    emit("difference", s, sign, 0, 0, False, [str(a), str(b), ""], "", [Q(a), Q(b)], [])

# The edges: changes from zero, to zero, none at all; shares of nothing.
emit("percent_change", Q(5), 0, 1, 0, False, ["0", "5", ""], "", [Q(0), Q(5)], [])
emit("percent_change", Q(0), 0, 0, 0, False, ["0", "0", ""], "", [Q(0), Q(0)], [])
emit("percent_change", Q(100), 0, -1, 0, False, ["40", "0", ""], "", [Q(40), Q(0)], [])
emit("share", Q(0), 0, 0, 0, False, ["0", "0", ""], "", [Q(0), Q(0)], [])

print("kind\tstated\tdirection\tdecimals\tin1\tin2\tin3\tparts\tverdict\treadings\tcorrect")
for r in rows:
    print("\t".join(r))
