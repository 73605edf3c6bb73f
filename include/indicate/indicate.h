/*
** indicate.h: the umbrella header of libindicate.
**
** libindicate turns council social-work counts into the figures committee
** papers report: changes, conversion rates with intervals, trends and
** projections, statuses against targets. Indicators come from plug-ins
** (plugin.h); everything generic is here.
**
**   period.h      period labels and ordinals
**   series.h      a run of values over periods
**   dataset.h     one area's series, targets and projects; building datasets
**   reader.h      datasets from JSON, JSON Lines and CSV (io_json.h, io_csv.h)
**   change.h      changes between periods, runs, compound growth
**   ratio.h       proportions, rates, funnels with intervals
**   signif.h      significance of a change between two periods
**   trend.h       least-squares trend and prediction intervals
**   trendtest.h   Mann-Kendall, Sen's slope, chi-square test for trend
**   project.h     linear, log-linear and damped Holt projections
**   spc.h         XmR charts, special causes, icons
**   format.h      presentation rounding and thousands separators
**   present.h     a measure's figures as reports write them
**   registry.h    loading plug-ins (the host side of plugin.h)
**   analyse.h     one dataset through every indicator: the result model
**   target.h      targets, tolerances, project milestones and status levels
**   scorecard.h   statuses of every measure and the summary table
**   vocab.h       status words (IMPROVe's Blue/Green/Amber/Red, ...)
**   commentary.h  one plain-English sentence per measure and period
**   figure.h      figures as written in reports ("38.29%", "3,034")
**   claims.h      claims a report makes; verify.h checks them exactly;
**                 claims_io.h reads claims files; claims_text.h finds them
**   batch.h       many areas streamed through a pool of threads, in order
**   compare.h     benchmarking across areas: ranks, quartiles, pooled values,
**                 family groups, funnel limits
**   dtoa.h        the shortest round-trip form of a double, fast
**   arena.h       region allocation
**   error.h       status codes and the error buffer
**
** Conventions: functions return an int status (status.h) and describe a
** failure in the caller's ind_error; they never print or exit and keep no
** global state. GSL's default error handler aborts the process: a program
** using libindicate calls gsl_set_error_handler_off() once at start (the
** library checks every GSL status itself and never relies on the handler).
*/
#ifndef INDICATE_H
#define INDICATE_H

#define IND_VERSION_MAJOR 0
#define IND_VERSION_MINOR 1
#define IND_VERSION_PATCH 0
#define IND_VERSION "0.1.0"

#include "analyse.h"
#include "arena.h"
#include "batch.h"
#include "change.h"
#include "claims.h"
#include "claims_io.h"
#include "claims_text.h"
#include "commentary.h"
#include "compare.h"
#include "dataset.h"
#include "dtoa.h"
#include "error.h"
#include "figure.h"
#include "format.h"
#include "io_csv.h"
#include "io_json.h"
#include "period.h"
#include "plugin.h"
#include "present.h"
#include "project.h"
#include "ratio.h"
#include "reader.h"
#include "registry.h"
#include "scorecard.h"
#include "series.h"
#include "signif.h"
#include "spc.h"
#include "status.h"
#include "target.h"
#include "trend.h"
#include "trendtest.h"
#include "verify.h"
#include "vocab.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The library's version string, e.g. "0.1.0" (may differ from IND_VERSION
** when a program was built against other headers). */
const char *ind_version(void);

#ifdef __cplusplus
}
#endif
#endif
