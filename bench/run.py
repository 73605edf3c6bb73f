#!/usr/bin/python3
"""bench/run.py: the batch benchmark, side by side with R and pandas.

    bench/run [--sizes 4k,40k,400k,4M] [--repeats N] [--peer-budget S]
              [--peers R,pandas] [--no-install] [--build DIR] [--out FILE]

One command does everything, in this order:
  1. installs the peers' Debian packages when missing (r-base-core,
     r-cran-forecast, python3-pandas, python3-statsmodels; through sudo when
     not root), unless --no-install;
  2. builds indicate (Release, no tests) into bench/build, or uses --build;
     compiles bench/gen.c, bench/ingest.c and bench/dtoa_speed.c;
  3. generates the synthetic histories (bench/gen.c: deterministic, 4
     series an area, 20 financial years) at each size, as long CSV and JSON
     Lines, into bench/data/ (git-ignored; reused when present);
  4. at each size, interleaving the runs so that the machine's noise falls
     on all of them alike: `indicate batch` on the CSV and the JSON Lines
     with --jobs 1 and --jobs 2 (only 2 at 4M; fewer repeats above 40k),
     writing the trends table to /dev/null, twice: computing everything,
     and computing the peers' work (--skip significance,tests,spc);
     `indicate batch` writing the full JSON Lines result (two smaller
     sizes); and the peers bench/peers/trend_holt.R and trend_holt.py on the
     CSV, at the sizes where they are predicted to finish within
     --peer-budget seconds; every run starts warm (the peers' libraries
     loaded just before, a run of indicate up to 40k series run once
     first, under /usr/bin/time -v for its peak memory, then timed started
     directly), since this machine's page cache forgets files within
     seconds;
  5. measures the start-up (a run of one area), reading alone on one core
     (bench/ingest.c) and number formatting (bench/dtoa_speed.c);
  6. checks that indicate and R computed the same figures at the smallest
     size;
  7. profiles one run with perf (when installed);
  8. keeps every measurement in bench/data/results.json and writes
     bench/RESULTS.md (or --out): the targets and what was measured against
     them, medians of the wall times, series per second, MB/s of input, peak
     resident memory (/usr/bin/time -v's maximum resident set size), the
     ratios against each peer, the scaling across sizes and --jobs 1 against
     2, the machine, and this command. --report-only writes the report again
     from results.json.
"""
import argparse
import json
import os
import platform
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
SIZES = {"4k": 4000, "40k": 40000, "400k": 400000, "4M": 4000000}
PACKAGES = ["r-base-core", "r-cran-forecast", "python3-pandas", "python3-statsmodels"]


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def out(cmd):
    try:
        return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


# ---- set-up ---------------------------------------------------------------------

def install_peers():
    missing = [p for p in PACKAGES
               if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode != 0]
    if not missing:
        return
    log("installing " + " ".join(missing))
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    sh(sudo + ["apt-get", "update"])
    sh(sudo + ["apt-get", "install", "-y", "--no-install-recommends"] + missing)


def build(build_dir):
    if build_dir is None:
        build_dir = os.path.join(BENCH, "build")
        # Warnings are the test suite's business, not the benchmark's.
        sh(["cmake", "-S", ROOT, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release",
            "-DIND_BUILD_TESTS=OFF", "-DIND_WERROR=OFF"], stdout=subprocess.DEVNULL)
        sh(["cmake", "--build", build_dir, "-j", str(os.cpu_count() or 2)],
           stdout=subprocess.DEVNULL)
    lib = os.path.join(build_dir, "core", "libindicate.a")
    inc = ["-I", os.path.join(ROOT, "include")]
    libs = ["-lgsl", "-lgslcblas", "-lgmp", "-lcjson", "-lcsv", "-lm", "-ldl", "-lpthread"]
    tools = os.path.join(DATA, "bin")
    os.makedirs(tools, exist_ok=True)
    sh(["cc", "-O2", "-o", os.path.join(tools, "gen"), os.path.join(BENCH, "gen.c"), "-lm"])
    # ingest reads as the command does, with its slab allocator for cJSON.
    extra = {"ingest": ["-I", os.path.join(ROOT, "cli"), os.path.join(ROOT, "cli", "json_alloc.c")],
             "dtoa_speed": []}
    for name in ("ingest", "dtoa_speed"):
        sh(["cc", "-O2", "-D_XOPEN_SOURCE=700"] + inc + ["-o", os.path.join(tools, name),
            os.path.join(BENCH, name + ".c")] + extra[name] + [lib] + libs)
    return os.path.join(build_dir, "indicate"), tools


def generate(tools, size, n):
    paths = {}
    for fmt in ("csv", "jsonl"):
        path = os.path.join(DATA, "s%s.%s" % (size, fmt))
        if not os.path.exists(path):
            log("generating %s" % path)
            sh([os.path.join(tools, "gen"), str(n), fmt, path + ".tmp"])
            os.rename(path + ".tmp", path)
        paths[fmt] = path
    return paths


# ---- measuring --------------------------------------------------------------------

def peak_kb(cmd):
    """Peak resident kB of one run, from /usr/bin/time -v."""
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), p.returncode, p.stderr[-2000:]))
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))


def wall(cmd):
    """Wall seconds of one run started directly, as a user would start it,
    from a monotonic clock around starting and reaping it."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, _ = os.wait4(p.pid, 0)
        seconds = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            err.seek(0)
            raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd), p.returncode,
                               err.read()[-2000:].decode(errors="replace")))
    return seconds


def timed(cmd):
    """Wall seconds and peak resident kB of one run under /usr/bin/time -v;
    the wall time from a monotonic clock around it, since /usr/bin/time
    rounds to 10 ms. For runs of a second or more, where the wrapper's own
    cost (see bench_size) is lost."""
    t0 = time.perf_counter()
    rss = peak_kb(cmd)
    return time.perf_counter() - t0, rss


class Runs:
    def __init__(self):
        self.samples = {}

    def add(self, key, seconds, rss):
        self.samples.setdefault(key, []).append((seconds, rss))

    def median(self, key):
        return statistics.median(s for s, _ in self.samples[key])

    def rss(self, key):
        return max(r for _, r in self.samples[key])

    def n(self, key):
        return len(self.samples.get(key, []))

    def has(self, key):
        return key in self.samples


def loadavg():
    try:
        return open("/proc/loadavg").read().split()[0]
    except OSError:
        return "?"


# What `indicate batch` leaves out to do the peers' work and no more: the
# change significance tests, the trend tests and the XmR chart.
PEER_WORK = ["--skip", "significance,tests,spc"]
WARM_UP_TO = 40000  # series: runs of a few seconds at most
WARM_PEER = {
    "R": ["Rscript", "-e", "suppressPackageStartupMessages(library(forecast))"],
    "pandas": ["/usr/bin/python3", "-c", "import numpy, pandas, statsmodels.api; "
               "from statsmodels.tsa.exponential_smoothing.ets import ETSModel"],
}


def bench_size(runs, indicate, size, n, paths, repeats, peers, full_output, jobs_list):
    cmds = {}
    for fmt in ("csv", "jsonl"):
        for jobs in jobs_list:
            trends = [indicate, "batch", paths[fmt], "-f", "trends", "-j", str(jobs), "-q",
                      "-o", "/dev/null"]
            cmds[(size, "indicate", fmt, jobs)] = trends
            cmds[(size, "indicate-peer", fmt, jobs)] = trends + PEER_WORK
    if full_output:
        cmds[(size, "indicate-full", "jsonl", 2)] = [
            indicate, "batch", paths["jsonl"], "-f", "jsonl", "-j", "2", "-q",
            "-o", os.path.join(DATA, "full-%s.jsonl" % size)]
    for peer in peers:
        script = os.path.join(BENCH, "peers", "trend_holt." + ("R" if peer == "R" else "py"))
        runner = ["Rscript"] if peer == "R" else ["/usr/bin/python3"]
        cmds[(size, peer, "csv", 1)] = runner + [
            script, paths["csv"], os.path.join(DATA, "%s-%s.csv" % (peer, size))]
    for r in range(repeats):
        for key, cmd in cmds.items():
            if key[1] in ("R", "pandas") and r >= max(1, min(repeats, 3)):
                continue  # minutes each: three runs are enough for a median
            # This machine takes files back from the page cache within
            # seconds, so a short run would pay for reading its program and
            # libraries from disk. Each run starts warm: the peers load their
            # libraries first (R and forecast, pandas and statsmodels: a
            # second or so, untimed); a run of indicate at WARM_UP_TO series
            # or fewer is run once untimed first (the larger ones last many
            # seconds, where a cold start weighs nothing).
            #
            # The warm-up run of indicate gives the peak memory, under
            # /usr/bin/time -v, and the timed run is started directly: the
            # wrapper adds about 1 ms to a 4k run with --jobs 1 but 5 ms to
            # one with --jobs 2 (25 interleaved pairs), which would be
            # charged to the threads. Peak memory can't come from the timed
            # run itself: wait4's figure for a child of this process counts
            # what the child had before exec, this interpreter's 13 MB.
            if key[1] in WARM_PEER:
                subprocess.run(WARM_PEER[key[1]], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
                seconds, rss = timed(cmd)
            elif n <= WARM_UP_TO:
                rss = peak_kb(cmd)
                seconds = wall(cmd)
            else:
                seconds, rss = timed(cmd)
            runs.add(key, seconds, rss)
            log("%s %s %s jobs %d: %.3f s, %d kB (load %s)" % (size, key[1], key[2], key[3],
                                                              seconds, rss, loadavg()))
    if full_output:
        os.remove(os.path.join(DATA, "full-%s.jsonl" % size))


def startup(indicate, tools, repeats=11):
    """Median wall seconds of a run that reads one area: starting the
    process, loading the plug-ins and opening the output, which one thread
    does whatever --jobs, timed as the runs it bounds are: after a warm-up,
    started directly."""
    path = os.path.join(DATA, "one-area.jsonl")
    sh([os.path.join(tools, "gen"), "4", "jsonl", path])
    cmd = [indicate, "batch", path, "-f", "trends", "-j", "1", "-q", "-o", "/dev/null"] + PEER_WORK
    wall(cmd)  # warm
    secs = [wall(cmd) for _ in range(repeats)]
    os.remove(path)
    log("start-up: %.4f s" % statistics.median(secs))
    return statistics.median(secs)


def ingest(tools, paths, repeats):
    """MB/s of each reader on one core, the modes interleaved in every
    repeat, as the batch runs are: this machine's speed drifts by up to a
    factor of two over minutes (libcsv alone read 269 and 513 MB/s in one
    run of this harness when each mode's repeats ran together)."""
    modes = (("reader", "csv"), ("libcsv", "csv"), ("reader", "jsonl"),
             ("cjson", "jsonl"), ("cjson-slab", "jsonl"))
    mbs = {m: [] for m in modes}
    for _ in range(repeats):
        for mode, fmt in modes:
            line = out([os.path.join(tools, "ingest"), mode, paths[fmt]])
            mbs[(mode, fmt)].append(float(line.split()[-1]))
    res = {}
    for m in modes:
        res[m] = (statistics.median(mbs[m]), mbs[m])
        log("ingest %s %s: %.1f MB/s" % (m[0], m[1], res[m][0]))
    return res


def dtoa(tools):
    line = out([os.path.join(tools, "dtoa_speed"), "2000000"])
    m = re.search(r"format_shortest_ns (\S+) dtoa_shortest_ns (\S+) numbers (\d+) differ (\d+)", line)
    return float(m.group(1)), float(m.group(2)), int(m.group(4))


def agreement(indicate, paths, size):
    """Largest differences between indicate's trends and R's figures."""
    r_path = os.path.join(DATA, "R-%s.csv" % size)
    if not os.path.exists(r_path):
        return None
    ours = os.path.join(DATA, "trends-%s.csv" % size)
    sh([indicate, "batch", paths["csv"], "-f", "trends", "-q", "-o", ours])
    import csv
    mine = {}
    with open(ours) as f:
        for row in csv.DictReader(f):
            mine[(row["area"], row["measure"])] = row
    worst = {"slope": 0.0, "projection": 0.0, "interval": 0.0}
    holt = []
    count = clamped = 0
    rel = lambda a, b: abs(float(a) - float(b)) / max(abs(float(b)), 1e-300)
    with open(r_path) as f:
        for row in csv.DictReader(f):
            m = mine[(row["area"], row["series"])]
            worst["slope"] = max(worst["slope"], rel(m["slope"], row["slope"]))
            worst["projection"] = max(worst["projection"], rel(m["trend_value"], row["projection"]))
            # indicate holds a count's bounds at 0; R does not.
            for ours_b, theirs in (("trend_lower", "lower"), ("trend_upper", "upper")):
                if float(row[theirs]) < 0:
                    clamped += 1
                else:
                    worst["interval"] = max(worst["interval"], rel(m[ours_b], row[theirs]))
            holt.append(rel(m["projection_value"], row["holt"]))
            count += 1
    os.remove(ours)
    holt.sort()
    return {"series": count, "worst": worst, "clamped": clamped,
            "holt_median": statistics.median(holt),
            "holt_p90": holt[int(0.9 * (len(holt) - 1))], "holt_max": holt[-1]}


# ---- profile -----------------------------------------------------------------------

PROFILED = [
    ("ind_analyse", "the analysis of each area, in all"),
    ("ind_signif_rate_ratio", "significance tests of the changes (counts)"),
    ("ind_holt_fit_series", "damped Holt fits"),
    ("analyse_tests", "Mann-Kendall and Sen trend tests"),
    ("analyse_trend", "straight-line trend and prediction interval"),
    ("ind_reader_next", "reading and checking the input"),
    ("trends_write_area", "writing the trends table"),
]


def profile(indicate, path):
    """Inclusive shares of the main parts of one --jobs 1 run, from perf."""
    if shutil.which("perf") is None:
        return None
    data = os.path.join(DATA, "perf.data")
    p = subprocess.run(["perf", "record", "--call-graph", "dwarf,16384", "-o", data, indicate,
                        "batch", path, "-f", "trends", "-j", "1", "-q", "-o", "/dev/null"],
                       capture_output=True, text=True)
    if p.returncode != 0:
        return None
    rep = out(["perf", "report", "-i", data, "--children", "--stdio", "--percent-limit", "0.01"])
    os.remove(data)
    shares = {}
    for line in rep.splitlines():
        m = re.match(r"\s+([\d.]+)%\s+[\d.]+%\s+\S+\s+\S+\s+\[\.\]\s+(\S+)", line)
        if m and m.group(2) not in shares:
            shares[m.group(2)] = float(m.group(1))
    return {name: shares.get(name) for name, _ in PROFILED}


# ---- reporting ------------------------------------------------------------------------

def machine():
    model = "?"
    mem = 0
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem = int(open("/proc/meminfo").read().split()[1]) / 1048576
    except OSError:
        pass
    distro = "?"
    try:
        for line in open("/etc/os-release"):
            if line.startswith("PRETTY_NAME="):
                distro = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    cc = out(["cc", "--version"])
    return {
        "cpu": model, "cores": os.cpu_count(), "memory": "%.0f GiB" % mem,
        "os": "%s, Linux %s" % (distro, platform.release()),
        "cc": cc.splitlines()[0] if cc != "?" else "?",
        "R": out(["Rscript", "-e", "cat(R.version.string, ', forecast', "
                  "as.character(packageVersion('forecast')))"]),
        "python": out(["/usr/bin/python3", "-c", "import sys, pandas, statsmodels; "
                       "print('Python', sys.version.split()[0], ', pandas', pandas.__version__, "
                       "', statsmodels', statsmodels.__version__)"]),
        "indicate": out([os.path.join(ROOT, "bench", "build", "indicate"), "--version"]),
        "commit": out(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"]) +
        # bench/RESULTS.md is this script's own output, not a change to
        # what it measures.
        (" with uncommitted changes" if out(["git", "-C", ROOT, "status", "--porcelain",
                                             "--untracked-files=no", "--", ".",
                                             ":!bench/RESULTS.md"]) not in ("", "?") else ""),
    }


def fmt_s(x):
    return "%.3f" % x if x < 10 else "%.1f" % x


INPUT_BYTES = {}  # "4k csv" -> bytes, from results.json


def mb(size, fmt):
    key = "%s %s" % (size, fmt)
    if key not in INPUT_BYTES:
        INPUT_BYTES[key] = os.path.getsize(os.path.join(DATA, "s%s.%s" % (size, fmt)))
    return INPUT_BYTES[key] / 1e6


def side_by_side(L, runs, size):
    n = SIZES[size]
    rkey, pkey = (size, "R", "csv", 1), (size, "pandas", "csv", 1)
    L.append("### %s series\n" % "{:,}".format(n))
    L.append("Input %.1f MB of CSV, %.1f MB of JSON Lines. Median wall time of %d runs "
             "(peers: %s).\n" % (mb(size, "csv"), mb(size, "jsonl"),
                                 runs.n((size, "indicate", "csv", 1)),
                                 ", ".join("%s %d" % (p, runs.n((size, p, "csv", 1)))
                                           for p in ("R", "pandas")
                                           if runs.has((size, p, "csv", 1)))))
    L.append("| run | wall (s) | series/s | MB/s of input | peak memory (MB) | R ÷ this | pandas ÷ this |")
    L.append("|-----|---------:|---------:|--------------:|-----------------:|---------:|--------------:|")
    for key, label in rows_for(size, runs):
        t = runs.median(key)
        peer = key[1] in ("R", "pandas")
        ratio_r = "%.0f×" % (runs.median(rkey) / t) if runs.has(rkey) and not peer else "–"
        ratio_p = "%.0f×" % (runs.median(pkey) / t) if runs.has(pkey) and not peer else "–"
        L.append("| %s | %s | %.0f | %.1f | %.1f | %s | %s |" % (
            label, fmt_s(t), n / t, mb(size, key[2]) / t, runs.rss(key) / 1024, ratio_r, ratio_p))
    L.append("")


def targets(L, runs, res):
    """The issue's targets against what was measured."""
    s0 = res["sizes"][0]
    row = []
    for peer, goal in (("R", 200), ("pandas", 500)):
        key = (s0, peer, "csv", 1)
        if not runs.has(key):
            continue
        for kind, work in (("indicate-peer", "the same work"),
                           ("indicate", "everything (more than the peers' work; for information)")):
            mine = [(runs.median(k), k) for k in runs.samples if k[0] == s0 and k[1] == kind]
            if not mine:
                continue
            best = min(mine)
            ratio = runs.median(key) / best[0]
            # The target is the same work; everything indicate computes is
            # more than the peers do, shown for information only.
            row.append(("%d× faster than %s at %s, %s" % (goal, peer, s0, work),
                        "%.0f× (indicate %s, --jobs %d)" % (ratio, best[1][2], best[1][3]),
                        ratio >= goal if kind == "indicate-peer" else None))
    ing = res.get("ingest")
    if ing:
        row.append(("reading JSON Lines ≥ 150 MB/s on one core", "%.0f MB/s" % ing["reader jsonl"][0],
                    ing["reader jsonl"][0] >= 150))
        row.append(("reading CSV ≥ 300 MB/s on one core", "%.0f MB/s" % ing["reader csv"][0],
                    ing["reader csv"][0] >= 300))
    speedups = []
    for size in res["sizes"]:
        for kind in ("indicate", "indicate-peer"):
            for fmt in ("csv", "jsonl"):
                a, b = (size, kind, fmt, 1), (size, kind, fmt, 2)
                if runs.has(a) and runs.has(b):
                    speedups.append((runs.median(a) / runs.median(b), size, fmt, KINDS[kind]))
    if speedups:
        lo, hi = min(speedups), max(speedups)
        row.append(("--jobs 2 ≥ 1.7× --jobs 1", "%.2f× to %.2f× (lowest: %s %s, %s)" % (
            lo[0], hi[0], lo[1], lo[2], lo[3]), lo[0] >= 1.7))
    for fmt in ("jsonl", "csv"):
        sizes = [z for z in res["sizes"] if SIZES[z] >= 40000 and runs.has((z, "indicate", fmt, 2))]
        if len(sizes) >= 2:
            # The median of the runs' peaks: one run's peak at --jobs 2
            # varies by a megabyte with thread timing.
            rss = [statistics.median(r for _, r in runs.samples[(z, "indicate", fmt, 2)]) / 1024
                   for z in sizes]
            growth = max(rss) / min(rss) - 1
            row.append(("peak memory flat (within 10%%) from 40k to 4M, %s, --jobs 2 "
                        "(median of the runs' peaks)" % fmt,
                        " → ".join("%.1f MB" % r for r in rss) + " (%+.0f%%)" % (100 * growth),
                        growth <= 0.10))
    L.append("## Targets\n")
    L.append("| target | measured | met |")
    L.append("|--------|----------|-----|")
    for what, got, ok in row:
        L.append("| %s | %s | %s |" % (what, got, "–" if ok is None else "yes" if ok else "**no**"))
    L.append("")


def write_report(path, res):
    INPUT_BYTES.update(res.get("bytes", {}))
    runs = Runs()
    for key, samples in res["runs"]:
        for s, r in samples:
            runs.add(tuple(key), s, r)
    info = res["machine"]
    L = ["# Batch benchmark\n"]
    L.append("Written by `bench/run` on %s (%.0f minutes). Reproduce with:\n" %
             (res["started"], res["elapsed"] / 60))
    L.append("```sh\nbench/run %s\n```\n" % " ".join(res["args"]))
    L.append("## Machine\n")
    for k in ("cpu", "cores", "memory", "os", "cc", "R", "python", "indicate", "commit"):
        L.append("- %s: %s" % (k, info.get(k, "?")))
    L.append("- the machine is shared with other work: every figure is the median of several "
             "runs interleaved with the runs it is compared with; the log of `bench/run` gives "
             "the load average at each run. Its page cache gives files back within seconds, so "
             "every run starts warm: the peers' libraries are loaded just before each of their "
             "runs, and a run of indicate at up to {:,} series is run once just before, "
             "under `/usr/bin/time -v` for its peak memory, then timed as a user starts it, "
             "with no wrapper (the wrapper's own process added about 5 ms to a 4k run on two "
             "threads and 1 ms on one). Larger runs and the peers' are timed around "
             "`/usr/bin/time -v`.\n".format(WARM_UP_TO))
    L.append(WORK)
    targets(L, runs, res)
    L.append("## Side by side with the peers\n")
    for size in res["sizes"]:
        if any(runs.has((size, p, "csv", 1)) for p in ("R", "pandas")):
            side_by_side(L, runs, size)
    L.append("## Scaling across sizes\n")
    L.append("`indicate batch -f trends -o /dev/null`; median wall time; peak memory is the "
             "largest of the runs. At 4M only --jobs 2 was run.\n")
    L.append("| series | work | input | jobs | wall (s) | series/s | MB/s | peak memory (MB) | jobs 1 ÷ jobs 2 |")
    L.append("|-------:|------|-------|-----:|---------:|---------:|-----:|-----------------:|----------------:|")
    for size in res["sizes"]:
        n = SIZES[size]
        for kind in ("indicate", "indicate-peer"):
            for fmt in ("csv", "jsonl"):
                for jobs in (1, 2):
                    key = (size, kind, fmt, jobs)
                    if not runs.has(key):
                        continue
                    t = runs.median(key)
                    other = (size, kind, fmt, 1)
                    speedup = ("%.2f" % (runs.median(other) / t)
                               if jobs == 2 and runs.has(other) else "")
                    L.append("| %s | %s | %s | %d | %s | %.0f | %.1f | %.1f | %s |" % (
                        "{:,}".format(n), KINDS[kind], fmt, jobs, fmt_s(t), n / t,
                        mb(size, fmt) / t, runs.rss(key) / 1024, speedup))
    L.append("")
    start = res.get("startup")
    if start is not None:
        L.append("A run that reads one area takes %.1f ms (median of 11): starting the process, "
                 "loading the plug-ins and opening the output, which one thread does whatever "
                 "--jobs. So --jobs 2 can make a run of T seconds at most T / (S + (T - S) / 2) "
                 "times faster, S being that start-up:\n" % (start * 1000))
        for size in res["sizes"][:2]:
            for fmt in ("csv", "jsonl"):
                a, b = (size, "indicate-peer", fmt, 1), (size, "indicate-peer", fmt, 2)
                if runs.has(a) and runs.has(b):
                    t1 = runs.median(a)
                    L.append("- %s, the peers' work, %s: at most %.2f×, measured %.2f×" % (
                        size, fmt, t1 / (start + (t1 - start) / 2), t1 / runs.median(b)))
        L.append("")
    L.append(MEMORY_NOTE)
    prof = res.get("profile")
    if prof:
        L.append("## Where the time goes\n")
        L.append("`perf record --call-graph dwarf` of `indicate batch` on the %s JSON Lines, "
                 "--jobs 1, trends; the share of samples inside each part:\n" % res["sizes"][0])
        L.append("| part | share |")
        L.append("|------|------:|")
        for name, what in PROFILED:
            if prof.get(name) is not None:
                L.append("| %s (`%s`) | %.1f%% |" % (what, name, prof[name]))
        L.append("")
    ing = res.get("ingest")
    if ing:
        L.append("## Reading on one core\n")
        L.append("`bench/ingest.c` on the %s files: the reader builds and frees every area "
                 "(what batch pays to read, with the command's slab allocator for cJSON's "
                 "nodes, cli/json_alloc.c); the bare parsers only parse. Median of %d runs.\n" %
                 (ing["size"], len(ing["reader csv"][1])))
        L.append("| input | reader (MB/s) | bare parser (MB/s) |")
        L.append("|-------|--------------:|-------------------:|")
        L.append("| CSV | %.0f | %.0f (libcsv) |" % (ing["reader csv"][0], ing["libcsv csv"][0]))
        slab = ing.get("cjson-slab jsonl")
        L.append("| JSON Lines | %.0f | %.0f (cJSON parse + delete, malloc)%s |" % (
            ing["reader jsonl"][0], ing["cjson jsonl"][0],
            "; %.0f (with the slab allocator)" % slab[0] if slab else ""))
        L.append("")
    if res.get("dtoa"):
        L.append("## Writing numbers\n")
        L.append("`bench/dtoa_speed.c`, 2 million figures of the kinds a result holds: "
                 "`ind_format_shortest` (format.c, used by the full JSON and CSV results) "
                 "%.0f ns a number; `ind_dtoa_shortest` (dtoa.c, used by the trends table, "
                 "compare and diff) %.0f ns; %d strings different.\n" % tuple(res["dtoa"]))
    agree = res.get("agree")
    if agree:
        w = agree["worst"]
        L.append("## Same work, same numbers\n")
        L.append("At %s series, indicate's trends table against R's output, as relative "
                 "differences: slope at most %.1e, straight-line projection at most %.1e, "
                 "prediction interval bounds at most %.1e (%d bounds that R puts below zero "
                 "are held at 0 by indicate, as counts cannot be negative, and left out). "
                 "Damped Holt point forecasts: median %.1e, 90th percentile %.1e, largest "
                 "%.1e: both fit ETS(A,Ad,N) by maximum likelihood within the same bounds, "
                 "but from different starting points and with different optimisers, and "
                 "indicate solves the initial level and trend exactly for each (alpha, "
                 "beta, phi) where forecast::ets searches them with the rest; where the "
                 "likelihood is flat the two stop at different parameters.\n" % (
                     "{:,}".format(agree["series"]), w["slope"], w["projection"], w["interval"],
                     agree.get("clamped", 0), agree["holt_median"], agree["holt_p90"],
                     agree["holt_max"]))
    L.append("## Raw samples\n")
    L.append("Wall seconds / peak kB of every run, in the order run.\n")
    L.append("```")
    for key, samples in runs.samples.items():
        L.append("%s %s %s jobs=%d: %s" % (key[0], key[1], key[2], key[3],
                                          " ".join("%.3f/%d" % s for s in samples)))
    L.append("```\n")
    with open(path, "w") as f:
        f.write("\n".join(L))


KINDS = {"indicate": "everything", "indicate-peer": "the peers' work"}


def rows_for(size, runs):
    rows = []
    for kind in ("indicate-peer", "indicate"):
        for fmt in ("csv", "jsonl"):
            for jobs in (1, 2):
                rows.append(((size, kind, fmt, jobs),
                             "indicate batch, %s, %s, --jobs %d, trends" % (
                                 KINDS[kind], fmt, jobs)))
    rows.append(((size, "indicate-full", "jsonl", 2), "indicate batch, jsonl, --jobs 2, full result"))
    rows.append(((size, "R", "csv", 1), "R (base + forecast), CSV"))
    rows.append(((size, "pandas", "csv", 1), "Python (pandas + statsmodels), CSV"))
    return [r for r in rows if runs.has(r[0])]


MEMORY_NOTE = """Memory: `indicate batch` holds a window of areas (4 per job plus 4), not
the input. An area here (4 series of 20 years) takes some 45 kB of results
while it is held, so how full the window is when the peak is taken, which
depends on how the threads happen to be scheduled, moves the peak by a few
hundred kB from run to run. The CSV reader (core/io_csv.c) must refuse an
area whose rows are not together: while the areas come in sorted order, as
in these files (bench/gen.c writes them sorted by area, as an export sorted
by area is), that needs no memory; CSV whose areas are out of order costs
about 20 bytes an area from the first one out of order (20 MB for a
million), and so does CSV from a pipe.
"""

WORK = """## What each side computes

Every series is 20 financial years of counts (`bench/gen.c`: 4 series an
area, cp.referrals, asp.referrals, upw.hours_imposed,
upw.bike_workshop_hours, each read by a count indicator of the bundled
plug-ins, so each series is one measure).

- **R** (`bench/peers/trend_holt.R`, base + forecast): reads the CSV, and per
  series fits `lm(value ~ t)` and predicts the next period with its 95%
  prediction interval, and fits `forecast::holt(damped = TRUE)` (ETS(A,Ad,N)
  by maximum likelihood) for a one-step forecast; writes one CSV row per
  series.
- **Python** (`bench/peers/trend_holt.py`, pandas + statsmodels): the same
  with `OLS` + `get_prediction` and `ETSModel(error="add", trend="add",
  damped_trend=True)`.
- **indicate** (`indicate batch -f trends`): reads the CSV or JSON Lines,
  runs the plug-ins, and per measure computes everything `indicate run`
  computes: per period the value, interval and flags, the change and its
  significance test against the previous period, runs of rises and falls,
  growth since the first value, compound growth, the straight-line trend
  with its 95% prediction interval, Mann-Kendall and Sen trend tests, the
  damped Holt projection (ETS(A,Ad,N) by maximum likelihood, auto method)
  with its interval, and an XmR chart; it writes the trends table (one row
  per series: last value, trend, prediction interval, damped Holt forecast
  and interval). So indicate does at least the peers' work, and more.
- **indicate, the peers' work** (`indicate batch -f trends --skip
  significance,tests,spc`): the same without the change significance tests,
  the trend tests and the XmR chart, which the peers do not compute: the
  straight-line trend with its prediction interval and the damped Holt fit
  remain, with the changes, runs and growth. The targets' "same work" is
  this run.
"""


def main():
    p = argparse.ArgumentParser(description="indicate batch benchmark")
    p.add_argument("--sizes", default="4k,40k,400k,4M")
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--peer-budget", type=float, default=300)
    p.add_argument("--peers", default="R,pandas", help="peers to run (empty for none)")
    p.add_argument("--no-install", action="store_true")
    p.add_argument("--build")
    p.add_argument("--out", default=os.path.join(BENCH, "RESULTS.md"))
    p.add_argument("--report-only", action="store_true",
                   help="write the report again from bench/data/results.json")
    a = p.parse_args()
    saved = os.path.join(DATA, "results.json")
    if a.report_only:
        with open(saved) as f:
            write_report(a.out, json.load(f))
        log("wrote " + a.out)
        return
    started = time.strftime("%Y-%m-%d %H:%M")
    t_start = time.time()
    sizes = [(s, SIZES[s]) for s in a.sizes.split(",")]
    if not a.no_install:
        install_peers()
    indicate, tools = build(a.build)
    free = shutil.disk_usage(BENCH).free
    if any(n >= 4000000 for _, n in sizes) and free < 12e9:
        sys.exit("bench: the 4M size needs about 12 GB free under bench/ (%.1f GB free)" %
                 (free / 1e9))
    runs = Runs()
    predicted = {}  # peer -> seconds per series at the last size run
    ingest_res = None
    for size, n in sizes:
        paths = generate(tools, size, n)
        peers = [pe for pe in ("R", "pandas") if pe in a.peers.split(",") and
                 (pe not in predicted or predicted[pe] * n <= a.peer_budget)]
        # Minutes a run at the large sizes: fewer repeats, and at 4M only
        # --jobs 2 (--jobs 1 against 2 is measured at the other sizes).
        # At 4k a run of indicate takes a twentieth of a second, where the
        # machine's hiccups weigh most: three times the runs for its median.
        repeats = (3 * a.repeats if n <= 4000 else a.repeats if n <= 40000
                   else max(1, min(a.repeats, 3)) if n <= 400000 else 1)
        jobs_list = (1, 2) if n <= 400000 else (2,)
        bench_size(runs, indicate, size, n, paths, repeats, peers, n <= 40000, jobs_list)
        for pe in peers:
            predicted[pe] = runs.median((size, pe, "csv", 1)) / n
        if n == 400000 or (ingest_res is None and (size, n) == sizes[-1]):
            ingest_res = ingest(tools, paths, 7)
            ingest_res["size"] = size
    first = generate(tools, sizes[0][0], sizes[0][1])
    for size, _ in sizes:
        for fmt in ("csv", "jsonl"):
            mb(size, fmt)  # the input sizes, kept with the results
    res = {
        "bytes": dict(INPUT_BYTES),
        "args": sys.argv[1:], "started": started, "sizes": [s for s, _ in sizes],
        "runs": [[list(k), v] for k, v in runs.samples.items()],
        "ingest": {("%s %s" % k if isinstance(k, tuple) else k): v
                   for k, v in (ingest_res or {}).items()} or None,
        "dtoa": list(dtoa(tools)),
        "agree": agreement(indicate, first, sizes[0][0]),
        "startup": startup(indicate, tools),
        "profile": profile(indicate, first["jsonl"]),
        "machine": machine(),
    }
    res["elapsed"] = time.time() - t_start
    with open(saved, "w") as f:
        json.dump(res, f, indent=1)
    write_report(a.out, res)
    log("wrote " + a.out)


if __name__ == "__main__":
    main()
