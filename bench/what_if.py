#!/usr/bin/python3
"""bench/what_if.py: what the proposed changes to the engine would gain,
measured side by side with the engine as it is.

    bench/what-if [--sizes 4k,40k] [--repeats 3] [--out FILE]

Copies the working tree three times into a temporary directory (the
repository is never touched), applies proposal 1 to the second copy and
proposals 1 and 2 to the third, builds all three (Release), and runs
`indicate batch` on the data of bench/run at each size, interleaving the
builds: the full JSON Lines result with --jobs 2, as is against proposal 1;
the trends table with --jobs 1 and 2, as is against proposals 1 and 2 (the
trends table does not read what proposal 2 leaves out; the full result
does). Writes bench/WHAT-IF.md.

The proposals (docs and the maintainers decide; this only measures):
  1. core/format.c: ind_format_shortest returns ind_dtoa_shortest (the same
     strings, tests/unit/test_dtoa.c): the full JSON and CSV results.
  2. core/analyse.c: the peers' work only: the change significance tests,
     trend tests and XmR chart left out, as an analysis option for batch
     runs that need only trends and projections would leave them out.
Each edit must find the text it replaces; when the engine has moved on, the
script says which and stops.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
DATA = os.path.join(BENCH, "data")
SIZES = {"4k": 4000, "40k": 40000, "400k": 400000}

NUMBER_EDITS = 2  # the first two edits are proposal 1
EDITS = [
    ("core/format.c", "fast shortest",
     "int ind_format_shortest(double x, char *buf, size_t size)\n{\n",
     "int ind_format_shortest(double x, char *buf, size_t size)\n{\n"
     "    return ind_dtoa_shortest(x, buf, size);\n}\n\n"
     "int ind_format_shortest_by_trial(double x, char *buf, size_t size);\n"
     "int ind_format_shortest_by_trial(double x, char *buf, size_t size)\n{\n"),
    ("core/format.c", "include", '#include "indicate/format.h"\n',
     '#include "indicate/dtoa.h"\n#include "indicate/format.h"\n'),
    ("core/analyse.c", "no significance tests",
     "test_change(cx, m, t - lag, t, across, sg);",
     "(void)across;\n            (void)sg;"),
    ("core/analyse.c", "no trend tests",
     "    if ((rc = analyse_tests(cx, m)) != IND_OK)\n        return rc;\n", ""),
    ("core/analyse.c", "no XmR chart",
     "    ind_spc_request rq = { NULL, 0, NAN, cx->no_screen };\n"
     "    return spc_compute(cx->arena, m, &rq, cx->err);\n",
     "    return IND_OK;\n"),
]


def log(msg):
    print("what-if: " + msg, file=sys.stderr, flush=True)


def copy_tree(dst):
    ignore = shutil.ignore_patterns(".git", "build", "build-*", "data")
    shutil.copytree(ROOT, dst, ignore=ignore, symlinks=True)


def apply_edits(tree, edits):
    for path, what, old, new in edits:
        full = os.path.join(tree, path)
        text = open(full).read()
        if text.count(old) != 1:
            sys.exit("what-if: %s: the text for \"%s\" is not there once; the engine has "
                     "changed since this script was written" % (path, what))
        open(full, "w").write(text.replace(old, new))


def build(tree):
    b = os.path.join(tree, "build")
    subprocess.run(["cmake", "-S", tree, "-B", b, "-DCMAKE_BUILD_TYPE=Release",
                    "-DIND_BUILD_TESTS=OFF", "-DIND_WERROR=OFF"], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", b, "-j", str(os.cpu_count() or 2)], check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(b, "indicate")


def timed(cmd):
    p = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("%s failed: %s" % (" ".join(cmd), p.stderr[-1000:]))
    wall, rss = p.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sizes", default="4k,40k")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--out", default=os.path.join(BENCH, "WHAT-IF.md"))
    a = p.parse_args()
    work = tempfile.mkdtemp(prefix="indicate-what-if-")
    try:
        trees = {"as is": os.path.join(work, "as-is"),
                 "numbers": os.path.join(work, "numbers"),
                 "peers' work": os.path.join(work, "peers")}
        for t in trees.values():
            copy_tree(t)
        apply_edits(trees["numbers"], EDITS[:NUMBER_EDITS])
        apply_edits(trees["peers' work"], EDITS)
        binaries = {k: build(t) for k, t in trees.items()}
        samples = {}
        for size in a.sizes.split(","):
            jsonl = os.path.join(DATA, "s%s.jsonl" % size)
            if not os.path.exists(jsonl):
                sys.exit("what-if: %s is missing: run bench/run first" % jsonl)
            runs = [("trends", 1, "peers' work"), ("trends", 2, "peers' work"),
                    ("jsonl", 2, "numbers")]
            for r in range(a.repeats):
                for fmt, jobs, proposed in runs:
                    for name in ("as is", proposed):
                        s = timed([binaries[name], "batch", jsonl, "-f", fmt, "-j", str(jobs),
                                   "-q", "-o", "/dev/null"])
                        label = "as is" if name == "as is" else "proposed"
                        samples.setdefault((size, fmt, jobs, label), []).append(s)
                        log("%s %s jobs %d %s: %.3f s" % (size, fmt, jobs, name, s[0]))
        write(a, samples)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write(a, samples):
    L = ["# What the proposed engine changes would gain\n",
         "Written by `bench/what-if %s` on %s. Not the engine in this tree: copies with the "
         "changes listed in `bench/what_if.py`. Proposal 1 (the full JSON Lines rows): "
         "ind_format_shortest in format.c returns ind_dtoa_shortest. Proposals 1 and 2 "
         "(the trends rows): also the change significance tests, trend tests and XmR chart "
         "left out, as an analysis option for the peers' work would. Median of %d "
         "interleaved runs on the JSON Lines of bench/run, output to /dev/null.\n" % (
             " ".join(sys.argv[1:]), time.strftime("%Y-%m-%d %H:%M"), a.repeats),
         "| series | output | jobs | as is (s) | proposed (s) | as is ÷ proposed |",
         "|-------:|--------|-----:|----------:|-------------:|-----------------:|"]
    for key in sorted({k[:3] for k in samples}, key=lambda k: (SIZES[k[0]], k[1] != "trends", k[2])):
        old = statistics.median(s for s, _ in samples[key + ("as is",)])
        new = statistics.median(s for s, _ in samples[key + ("proposed",)])
        L.append("| %s | %s | %d | %.3f | %.3f | %.1f× |" % (
            "{:,}".format(SIZES[key[0]]), key[1], key[2], old, new, old / new))
    L.append("")
    with open(a.out, "w") as f:
        f.write("\n".join(L))
    log("wrote " + a.out)


if __name__ == "__main__":
    main()
