#!/usr/bin/python3
"""make_lgbf.py: the constructed benchmarking fixture of tests/cli/test_batch_compare.sh.

    /usr/bin/python3 make_lgbf.py   (writes lgbf.jsonl and lgbf-areas.csv here)

32 councils and Scotland. Council i (1..32) has, in 2023-24, 100*i child
protection referrals of which i*i went to investigation, i*i//2 to case
conference and i*i//4 to registration: its referral-to-investigation
conversion is exactly i/100. Earlier years (2021-22, 2022-23) hold other
numbers so the areas have a history. Councils 1-8 are family group A, 9-16
B, 17-24 C, 25-32 D (lgbf-areas.csv). Scotland (code S92000003, flagged
"aggregate") holds 50,000 of 60,000: not the sum of the councils, so a
pooled value that wrongly included it would show.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def council(i):
    years = ["2021-22", "2022-23", "2023-24"]
    ref = [90 * i + 7, 95 * i + 3, 100 * i]
    inv = [i * i // 2 + 1, i * i // 2 + 2, i * i]
    conf = [v // 2 for v in inv]
    reg = [v // 4 for v in inv]
    return {
        "area": "Council %02d" % i,
        "code": "S120000%02d" % i,
        "series": [
            {"id": "cp.referrals", "periods": years, "values": ref},
            {"id": "cp.investigations", "periods": years, "values": inv},
            {"id": "cp.case_conferences", "periods": years, "values": conf},
            {"id": "cp.registrations", "periods": years, "values": reg},
        ],
    }


def scotland():
    years = ["2021-22", "2022-23", "2023-24"]
    return {
        "area": "Scotland",
        "code": "S92000003",
        "aggregate": True,
        "series": [
            {"id": "cp.referrals", "periods": years, "values": [58000, 59000, 60000]},
            {"id": "cp.investigations", "periods": years, "values": [48000, 49000, 50000]},
            {"id": "cp.case_conferences", "periods": years, "values": [20000, 21000, 22000]},
            {"id": "cp.registrations", "periods": years, "values": [9000, 9500, 10000]},
        ],
    }


def main():
    with open(os.path.join(HERE, "lgbf.jsonl"), "w") as f:
        for i in range(1, 33):
            f.write(json.dumps(council(i), separators=(",", ":")) + "\n")
        f.write(json.dumps(scotland(), separators=(",", ":")) + "\n")
    with open(os.path.join(HERE, "lgbf-areas.csv"), "w") as f:
        f.write("area,family_group\n")
        for i in range(1, 33):
            f.write("Council %02d,%s\n" % (i, "ABCD"[(i - 1) // 8]))


if __name__ == "__main__":
    main()
