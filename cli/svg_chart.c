/*
** svg_chart.c: one measure's line chart as inline SVG (svg_chart.h).
**
** Layout: a title line, the plot (categories evenly spaced, the value axis
** from round ticks), the period labels and axis titles, then a legend that
** wraps. Everything outside the plot's value range is clipped to the plot,
** so a lower process limit below zero does not pull a count's axis below
** zero. Coordinates are written with one decimal: the file is the same for
** the same result.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "indicate/format.h"
#include "svg_chart.h"

#define WIDTH 880.0
#define LEFT 78.0
#define RIGHT 110.0
#define TOP 46.0
#define PLOT_H 230.0
#define LEGEND_ROW 20.0

#define C_SERIES "#0072B2"      /* blue */
#define C_JUDGED "#009E73"      /* bluish green */
#define C_TREND "#444444"
#define C_PROJ "#0072B2"
#define C_BAND "#56B4E9"        /* sky blue */
#define C_TARGET "#222222"
#define C_LIMIT "#8c8c8c"
#define C_IMPROVE "#0072B2"
#define C_CONCERN "#E69F00"     /* orange */
#define C_NEUTRAL "#CC79A7"     /* reddish purple */
#define C_BREAK "#6a3d9a"
#define C_GRID "#e3e3e3"
#define C_TEXT "#1a1a1a"

void svg_escape(FILE *fp, const char *s)
{
    if (s == NULL)
        return;
    for (; *s != '\0'; s++) {
        switch (*s) {
        case '&': fputs("&amp;", fp); break;
        case '<': fputs("&lt;", fp); break;
        case '>': fputs("&gt;", fp); break;
        case '"': fputs("&quot;", fp); break;
        case '\'': fputs("&#39;", fp); break;
        default: fputc(*s, fp); break;
        }
    }
}

const char *svg_level_colour(ind_level level)
{
    switch (level) {
    case IND_LEVEL_COMPLETE: return "#0072B2";
    case IND_LEVEL_MET: return "#009E73";
    case IND_LEVEL_NEAR: return "#E69F00";
    case IND_LEVEL_MISSED: return "#D55E00";
    case IND_LEVEL_PENDING: return "#767676";
    default: return "#a6a6a6";
    }
}

void svg_level_shape(FILE *fp, ind_level level, double x, double y, double r)
{
    const char *fill = svg_level_colour(level);
    switch (level) {
    case IND_LEVEL_COMPLETE:
        fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
                    "stroke=\"#1a1a1a\" stroke-width=\"1\"/>",
                x - r, y - r, 2 * r, 2 * r, fill);
        break;
    case IND_LEVEL_MET:
        fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" stroke=\"#1a1a1a\" "
                    "stroke-width=\"1\"/>",
                x, y, r, fill);
        break;
    case IND_LEVEL_NEAR:
        fprintf(fp, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\" stroke=\"#1a1a1a\" "
                    "stroke-width=\"1\"/>",
                x, y - r * 1.15, x + r * 1.15, y + r * 0.85, x - r * 1.15, y + r * 0.85, fill);
        break;
    case IND_LEVEL_MISSED:
        fprintf(fp, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\" "
                    "stroke=\"#1a1a1a\" stroke-width=\"1\"/>",
                x, y - r * 1.2, x + r * 1.2, y, x, y + r * 1.2, x - r * 1.2, y, fill);
        break;
    case IND_LEVEL_PENDING:
        fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#ffffff\" stroke=\"%s\" "
                    "stroke-width=\"2\"/>",
                x, y, r - 1, fill);
        break;
    default:
        fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#ffffff\" "
                    "stroke=\"%s\" stroke-width=\"2\"/>",
                x - r + 1, y - r + 1, 2 * r - 2, 2 * r - 2, fill);
        break;
    }
}

/* ---- the value axis ------------------------------------------------------------ */

size_t svg_ticks(double lo, double hi, int want, double *start, double *step)
{
    if (!(lo < hi) || !isfinite(lo) || !isfinite(hi) || want < 1)
        return 0;
    double raw = (hi - lo) / want;
    double mag = pow(10, floor(log10(raw)));
    static const double nice[] = { 1, 2, 2.5, 5, 10 };
    double s = mag * 10;
    for (size_t i = 0; i < sizeof nice / sizeof nice[0]; i++)
        if (nice[i] * mag >= raw * (1 - 1e-9)) {
            s = nice[i] * mag;
            break;
        }
    /* A hair of tolerance so that 0.3 / 0.1 does not make an extra tick. */
    double first = floor(lo / s + 1e-9) * s;
    double last = ceil(hi / s - 1e-9) * s;
    *start = first;
    *step = s;
    return (size_t)llround((last - first) / s) + 1;
}

/* Decimal places that write every multiple of step exactly. */
static int tick_decimals(double step)
{
    int d = 0;
    while (d < 6 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-6)
        d++;
    return d;
}

static void tick_label(const svg_chart *c, double v, int decimals, char *buf, size_t size)
{
    char num[IND_FORMAT_MAX];
    if (fabs(v) < 1e-12)
        v = 0;
    if (ind_format_double(c->percent ? v * 100 : v, decimals, 1, num, sizeof num) < 0)
        num[0] = '\0';
    snprintf(buf, size, "%s%s%s", c->prefix != NULL ? c->prefix : "", num,
             c->percent ? "%" : "");
}

typedef struct frame {
    double lo, hi;           /* the value axis */
    double plot_w;
    size_t ticks;
    double tick0, tick_step;
} frame;

static void widen(double *lo, double *hi, double v)
{
    if (!isfinite(v))
        return;
    if (v < *lo)
        *lo = v;
    if (v > *hi)
        *hi = v;
}

static void widen_all(double *lo, double *hi, const double *v, size_t n)
{
    for (size_t i = 0; v != NULL && i < n; i++)
        widen(lo, hi, v[i]);
}

/* The range the axis must show: every value, bound, line and target. The
** process limits count only towards the top: a lower limit below zero is
** clipped rather than allowed to move a count's zero. */
static int value_range(const svg_chart *c, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    widen_all(lo, hi, c->value, c->n_observed);
    if (!(*lo <= *hi))
        return -1;
    widen_all(lo, hi, c->lower, c->n_observed);
    widen_all(lo, hi, c->upper, c->n_observed);
    widen_all(lo, hi, c->target, c->n_observed);
    widen_all(lo, hi, c->judged, c->n_observed);
    if (c->has_trend) {
        widen(lo, hi, c->trend_y0);
        widen(lo, hi, c->trend_y1);
    }
    size_t h = c->n - c->n_observed;
    if (c->has_projection) {
        widen_all(lo, hi, c->proj_value, h);
        widen_all(lo, hi, c->proj_lower, h);
        widen_all(lo, hi, c->proj_upper, h);
    }
    double data_lo = *lo;
    for (size_t s = 0; s < c->n_limits; s++) {
        double top = c->limits[s].upper;
        if (isfinite(top) && top > *hi)
            *hi = top;
    }
    if (c->zero_based && data_lo >= 0)
        *lo = 0;
    if (c->percent && *hi > 1 && data_lo <= 1)
        *hi = 1;
    if (*hi <= *lo)
        *hi = *lo + (*lo != 0 ? fabs(*lo) * 0.1 : 1);
    return 0;
}

static int make_frame(const svg_chart *c, frame *f)
{
    double lo, hi;
    if (c->n == 0 || value_range(c, &lo, &hi) != 0)
        return -1;
    f->ticks = svg_ticks(lo, hi, 5, &f->tick0, &f->tick_step);
    if (f->ticks < 2)
        return -1;
    f->lo = f->tick0;
    f->hi = f->tick0 + f->tick_step * (double)(f->ticks - 1);
    f->plot_w = WIDTH - LEFT - RIGHT;
    return 0;
}

static double px(const svg_chart *c, const frame *f, double i)
{
    return LEFT + (i + 0.5) * f->plot_w / (double)c->n;
}

static double py(const frame *f, double v)
{
    return TOP + PLOT_H - (v - f->lo) / (f->hi - f->lo) * PLOT_H;
}

/* ---- the plot -------------------------------------------------------------------- */

static void grid(FILE *fp, const svg_chart *c, const frame *f)
{
    int dec = tick_decimals(c->percent ? f->tick_step * 100 : f->tick_step);
    fputs("<g class=\"axis y\" font-size=\"12\" fill=\"" C_TEXT "\">", fp);
    for (size_t k = 0; k < f->ticks; k++) {
        double v = f->tick0 + f->tick_step * (double)k;
        double y = py(f, v);
        char label[64];
        tick_label(c, v, dec, label, sizeof label);
        fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
                LEFT, y, LEFT + f->plot_w, y, k == 0 ? "#666666" : C_GRID);
        fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", LEFT - 6, y + 4);
        svg_escape(fp, label);
        fputs("</text>", fp);
    }
    fputs("</g>", fp);
}

static void x_axis(FILE *fp, const svg_chart *c, const frame *f)
{
    /* Thin the labels when they would collide: about 64 px each. */
    size_t every = (size_t)ceil(64.0 * (double)c->n / f->plot_w);
    if (every < 1)
        every = 1;
    double base = TOP + PLOT_H;
    fputs("<g class=\"axis x\" font-size=\"12\" fill=\"" C_TEXT "\">", fp);
    for (size_t i = 0; i < c->n; i++) {
        double x = px(c, f, (double)i);
        fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#666666\"/>",
                x, base, x, base + 4);
        if ((c->n - 1 - i) % every != 0)
            continue;
        fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\"%s>", x, base + 18,
                i >= c->n_observed ? " font-style=\"italic\"" : "");
        svg_escape(fp, c->label[i]);
        fputs("</text>", fp);
    }
    fputs("</g>", fp);
    fprintf(fp, "<text class=\"axis-title\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
                "font-size=\"12\" fill=\"" C_TEXT "\">",
            LEFT + f->plot_w / 2, base + 38);
    svg_escape(fp, c->x_label);
    fputs("</text>", fp);
    fprintf(fp, "<text class=\"axis-title\" transform=\"translate(16 %.1f) rotate(-90)\" "
                "text-anchor=\"middle\" font-size=\"12\" fill=\"" C_TEXT "\">",
            TOP + PLOT_H / 2);
    svg_escape(fp, c->y_label);
    fputs("</text>", fp);
}

static void limits(FILE *fp, const svg_chart *c, const frame *f)
{
    for (size_t s = 0; s < c->n_limits; s++) {
        const svg_limits *l = &c->limits[s];
        double x0 = px(c, f, (double)l->first - 0.4), x1 = px(c, f, (double)l->last + 0.4);
        const double ys[3] = { l->mean, l->lower, l->upper };
        for (int k = 0; k < 3; k++) {
            if (!isfinite(ys[k]))
                continue;
            fprintf(fp, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                        "stroke=\"" C_LIMIT "\" stroke-width=\"%s\"%s/>",
                    k == 0 ? "spc-mean" : "spc-limit", x0, py(f, ys[k]), x1, py(f, ys[k]),
                    k == 0 ? "1" : "1.2", k == 0 ? "" : " stroke-dasharray=\"2 3\"");
        }
    }
}

static void band(FILE *fp, const svg_chart *c, const frame *f)
{
    if (!c->has_projection || c->proj_lower == NULL || c->proj_upper == NULL)
        return;
    size_t h = c->n - c->n_observed;
    double x0 = px(c, f, (double)c->proj_from), y0 = py(f, c->value[c->proj_from]);
    fprintf(fp, "<path class=\"prediction-band\" fill=\"" C_BAND "\" fill-opacity=\"0.3\" "
                "stroke=\"none\" d=\"M%.1f %.1f",
            x0, y0);
    for (size_t k = 0; k < h; k++)
        fprintf(fp, "L%.1f %.1f", px(c, f, (double)(c->n_observed + k)), py(f, c->proj_upper[k]));
    for (size_t k = h; k-- > 0;)
        fprintf(fp, "L%.1f %.1f", px(c, f, (double)(c->n_observed + k)), py(f, c->proj_lower[k]));
    fputs("Z\"/>", fp);
}

static void whiskers(FILE *fp, const svg_chart *c, const frame *f)
{
    if (c->lower == NULL || c->upper == NULL)
        return;
    fputs("<g class=\"intervals\" stroke=\"" C_SERIES "\" stroke-opacity=\"0.55\" "
          "stroke-width=\"1.5\">", fp);
    for (size_t i = 0; i < c->n_observed; i++) {
        if (!isfinite(c->lower[i]) || !isfinite(c->upper[i]))
            continue;
        double x = px(c, f, (double)i), a = py(f, c->lower[i]), b = py(f, c->upper[i]);
        fprintf(fp, "<path d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fH%.1f\"/>", x, a, b,
                x - 4, a, x + 4, x - 4, b, x + 4);
    }
    fputs("</g>", fp);
}

static void target_line(FILE *fp, const svg_chart *c, const frame *f)
{
    if (c->target == NULL)
        return;
    double half = f->plot_w / (double)c->n / 2;
    fputs("<g class=\"target\" stroke=\"" C_TARGET "\" stroke-width=\"2\" "
          "stroke-dasharray=\"9 3 2 3\">", fp);
    for (size_t i = 0; i < c->n_observed; i++) {
        if (!isfinite(c->target[i]))
            continue;
        double x = px(c, f, (double)i), y = py(f, c->target[i]);
        fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", x - half, y,
                x + half, y);
    }
    fputs("</g>", fp);
}

/* The target's value beside the plot, level with its last step (outside
** the clipped plot, so that it is never cut). */
static void target_value(FILE *fp, const svg_chart *c, const frame *f)
{
    size_t last = c->n_observed;
    for (size_t i = 0; c->target != NULL && i < c->n_observed; i++)
        if (isfinite(c->target[i]) && c->target[i] >= f->lo && c->target[i] <= f->hi)
            last = i;
    if (last == c->n_observed)
        return;
    char label[80];
    int dec = tick_decimals(c->percent ? c->target[last] * 100 : c->target[last]);
    tick_label(c, c->target[last], dec > 3 ? 3 : dec, label, sizeof label);
    fprintf(fp, "<text class=\"target-label\" x=\"%.1f\" y=\"%.1f\" font-size=\"12\" "
                "fill=\"" C_TARGET "\">Target ",
            LEFT + f->plot_w + 6, py(f, c->target[last]) + 4);
    svg_escape(fp, label);
    fputs("</text>", fp);
}

static void trend(FILE *fp, const svg_chart *c, const frame *f)
{
    if (!c->has_trend)
        return;
    fprintf(fp, "<line class=\"trend\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                "stroke=\"" C_TREND "\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>",
            px(c, f, c->trend_x0), py(f, c->trend_y0), px(c, f, c->trend_x1),
            py(f, c->trend_y1));
}

/* A line through v[0..n) broken at missing values, with a marker on each. */
static void series(FILE *fp, const svg_chart *c, const frame *f, const double *v,
                   const char *cls, const char *colour, int square)
{
    fprintf(fp, "<g class=\"%s\"><path fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" d=\"",
            cls, colour);
    int open = 0;
    for (size_t i = 0; i < c->n_observed; i++) {
        if (!isfinite(v[i])) {
            open = 0;
            continue;
        }
        fprintf(fp, "%s%.1f %.1f", open ? "L" : "M", px(c, f, (double)i), py(f, v[i]));
        open = 1;
    }
    fputs("\"/>", fp);
    for (size_t i = 0; i < c->n_observed; i++) {
        if (!isfinite(v[i]))
            continue;
        double x = px(c, f, (double)i), y = py(f, v[i]);
        if (square)
            fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%s\"/>",
                    x - 4, y - 4, colour);
        else
            fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>", x, y, colour);
    }
    fputs("</g>", fp);
}

static void projection(FILE *fp, const svg_chart *c, const frame *f)
{
    if (!c->has_projection)
        return;
    size_t h = c->n - c->n_observed;
    fprintf(fp, "<g class=\"projection\"><path fill=\"none\" stroke=\"" C_PROJ "\" "
                "stroke-width=\"2\" stroke-dasharray=\"3 3\" d=\"M%.1f %.1f",
            px(c, f, (double)c->proj_from), py(f, c->value[c->proj_from]));
    for (size_t k = 0; k < h; k++)
        fprintf(fp, "L%.1f %.1f", px(c, f, (double)(c->n_observed + k)), py(f, c->proj_value[k]));
    fputs("\"/>", fp);
    for (size_t k = 0; k < h; k++)
        fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#ffffff\" stroke=\"" C_PROJ
                    "\" stroke-width=\"2\"/>",
                px(c, f, (double)(c->n_observed + k)), py(f, c->proj_value[k]));
    fputs("</g>", fp);
}

static void special_mark(FILE *fp, int kind, double x, double y)
{
    switch (kind) {
    case SVG_SPECIAL_IMPROVEMENT:
        fprintf(fp, "<circle class=\"special improvement\" cx=\"%.1f\" cy=\"%.1f\" r=\"8\" "
                    "fill=\"none\" stroke=\"" C_IMPROVE "\" stroke-width=\"2.5\"/>",
                x, y);
        break;
    case SVG_SPECIAL_CONCERN:
        fprintf(fp, "<rect class=\"special concern\" x=\"%.1f\" y=\"%.1f\" width=\"16\" "
                    "height=\"16\" fill=\"none\" stroke=\"" C_CONCERN "\" stroke-width=\"2.5\"/>",
                x - 8, y - 8);
        break;
    default:
        fprintf(fp, "<circle class=\"special neutral\" cx=\"%.1f\" cy=\"%.1f\" r=\"8\" "
                    "fill=\"none\" stroke=\"" C_NEUTRAL "\" stroke-width=\"2.5\" "
                    "stroke-dasharray=\"3 2\"/>",
                x, y);
        break;
    }
}

static void specials(FILE *fp, const svg_chart *c, const frame *f)
{
    for (size_t i = 0; c->special != NULL && i < c->n_observed; i++)
        if (c->special[i] != SVG_SPECIAL_NONE && isfinite(c->value[i]))
            special_mark(fp, c->special[i], px(c, f, (double)i), py(f, c->value[i]));
}

static void breaks(FILE *fp, const svg_chart *c, const frame *f)
{
    for (size_t i = 1; c->break_at != NULL && i < c->n_observed; i++) {
        if (!c->break_at[i])
            continue;
        double x = px(c, f, (double)i - 0.5);
        fprintf(fp, "<g class=\"break\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                    "stroke=\"" C_BREAK "\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>"
                    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" "
                    "fill=\"" C_BREAK "\">break</text></g>",
                x, TOP, x, TOP + PLOT_H, x, TOP - 4);
    }
}

static void status_mark(FILE *fp, const svg_chart *c, const frame *f)
{
    const double *v = c->status_on_judged && c->judged != NULL ? c->judged : c->value;
    if (c->status_word == NULL || c->status_at >= c->n_observed || !isfinite(v[c->status_at]))
        return;
    double x = px(c, f, (double)c->status_at), y = py(f, v[c->status_at]);
    fputs("<g class=\"status-mark\">", fp);
    svg_level_shape(fp, c->status_level, x, y, 8);
    fprintf(fp, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"13\" font-weight=\"bold\" "
                "fill=\"" C_TEXT "\" stroke=\"#ffffff\" stroke-width=\"3\" "
                "paint-order=\"stroke\">",
            x + 12, y - 10);
    svg_escape(fp, c->status_word);
    fputs("</text></g>", fp);
}

/* ---- the legend ------------------------------------------------------------------ */

typedef struct legend {
    FILE *fp;
    double x, y;     /* where the next entry goes */
} legend;

/* Starts an entry of about `chars` characters, wrapping when it would run
** past the right edge; returns the x of its swatch. */
static double entry(legend *g, const char *text)
{
    double w = 34 + 6.6 * (double)strlen(text) + 18;
    if (g->x + w > WIDTH - 10 && g->x > LEFT) {
        g->x = LEFT;
        g->y += LEGEND_ROW;
    }
    double x = g->x;
    fprintf(g->fp, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"" C_TEXT "\">",
            x + 34, g->y + 4);
    svg_escape(g->fp, text);
    fputs("</text>", g->fp);
    g->x += w;
    return x;
}

static void legend_line(legend *g, const char *text, const char *colour, double width,
                        const char *dash, int marker)
{
    double x = entry(g, text);
    fprintf(g->fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                   "stroke-width=\"%.1f\"%s%s%s/>",
            x, g->y, x + 28, g->y, colour, width, dash != NULL ? " stroke-dasharray=\"" : "",
            dash != NULL ? dash : "", dash != NULL ? "\"" : "");
    if (marker == 1)
        fprintf(g->fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>", x + 14, g->y,
                colour);
    else if (marker == 2)
        fprintf(g->fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%s\"/>",
                x + 10, g->y - 4, colour);
    else if (marker == 3)
        fprintf(g->fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#ffffff\" stroke=\"%s\" "
                       "stroke-width=\"2\"/>",
                x + 14, g->y, colour);
}

static int has_special(const svg_chart *c, int kind)
{
    for (size_t i = 0; c->special != NULL && i < c->n_observed; i++)
        if (c->special[i] == kind && isfinite(c->value[i]))
            return 1;
    return 0;
}

static int has_any(const double *v, size_t n)
{
    for (size_t i = 0; v != NULL && i < n; i++)
        if (isfinite(v[i]))
            return 1;
    return 0;
}

static void legend_specials(legend *g, const svg_chart *c)
{
    static const struct { int kind; const char *text; } kinds[] = {
        { SVG_SPECIAL_IMPROVEMENT, "Special cause: improvement" },
        { SVG_SPECIAL_CONCERN, "Special cause: concern" },
        { SVG_SPECIAL_NEUTRAL, "Special cause (neither better nor worse)" },
    };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        if (!has_special(c, kinds[k].kind))
            continue;
        double x = entry(g, kinds[k].text);
        special_mark(g->fp, kinds[k].kind, x + 14, g->y);
    }
}

static double legend_write(FILE *fp, const svg_chart *c, double top)
{
    legend g = { fp, LEFT, top };
    fputs("<g class=\"legend\">", fp);
    legend_line(&g, c->value_label != NULL ? c->value_label : "Figure", C_SERIES, 2.5, NULL, 1);
    if (has_any(c->lower, c->n_observed))
        legend_line(&g, c->interval_label != NULL ? c->interval_label : "Interval", C_SERIES,
                    1.5, NULL, 0);
    if (c->judged != NULL && has_any(c->judged, c->n_observed))
        legend_line(&g, c->judged_label, C_JUDGED, 2.5, NULL, 2);
    if (c->has_trend)
        legend_line(&g, "Straight-line trend", C_TREND, 1.5, "6 4", 0);
    if (c->has_projection) {
        double x = entry(&g, c->projection_label != NULL ? c->projection_label : "Projection");
        fprintf(fp, "<rect x=\"%.1f\" y=\"%.1f\" width=\"28\" height=\"12\" fill=\"" C_BAND
                    "\" fill-opacity=\"0.3\"/>",
                x, g.y - 6);
        fprintf(fp, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_PROJ
                    "\" stroke-width=\"2\" stroke-dasharray=\"3 3\"/>",
                x, g.y, x + 28, g.y);
    }
    if (c->target != NULL && has_any(c->target, c->n_observed))
        legend_line(&g, c->target_label != NULL ? c->target_label : "Target", C_TARGET, 2,
                    "9 3 2 3", 0);
    if (c->n_limits > 0) {
        legend_line(&g, "Process mean", C_LIMIT, 1, NULL, 0);
        legend_line(&g, "Process limits", C_LIMIT, 1.2, "2 3", 0);
    }
    legend_specials(&g, c);
    if (c->break_at != NULL)
        for (size_t i = 1; i < c->n_observed; i++)
            if (c->break_at[i]) {
                legend_line(&g, "Break in the series", C_BREAK, 1.5, "5 3", 0);
                break;
            }
    if (c->status_word != NULL && c->status_at < c->n_observed) {
        char text[160];
        snprintf(text, sizeof text, "Status at %s: %s", c->label[c->status_at], c->status_word);
        double x = entry(&g, text);
        svg_level_shape(fp, c->status_level, x + 14, g.y, 6);
    }
    fputs("</g>", fp);
    return g.y;
}

int svg_chart_write(FILE *fp, const svg_chart *c)
{
    frame f;
    if (make_frame(c, &f) != 0)
        return -1;
    /* The legend is laid out first: its rows decide the chart's height. */
    double legend_top = TOP + PLOT_H + 62;
    char *legend_text = NULL;
    size_t legend_size = 0;
    FILE *mem = open_memstream(&legend_text, &legend_size);
    if (mem == NULL)
        return -1;
    double height = legend_write(mem, c, legend_top) + 16;
    if (fclose(mem) != 0) {
        free(legend_text);
        return -1;
    }
    fprintf(fp, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
                "aria-labelledby=\"%s-title %s-desc\" font-family=\"Arial, Helvetica, sans-serif\">",
            WIDTH, height, WIDTH, height, c->id, c->id);
    fprintf(fp, "<title id=\"%s-title\">", c->id);
    svg_escape(fp, c->title);
    fprintf(fp, "</title><desc id=\"%s-desc\">", c->id);
    svg_escape(fp, c->desc);
    fputs("</desc>", fp);
    fprintf(fp, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>", WIDTH, height);
    fprintf(fp, "<text class=\"chart-title\" x=\"%.1f\" y=\"22\" font-size=\"15\" "
                "font-weight=\"bold\" fill=\"" C_TEXT "\">",
            LEFT - 60);
    svg_escape(fp, c->title);
    fputs("</text>", fp);
    fprintf(fp, "<defs><clipPath id=\"%s-clip\"><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                "height=\"%.1f\"/></clipPath></defs>",
            c->id, LEFT, TOP - 12, f.plot_w, PLOT_H + 12);
    grid(fp, c, &f);
    fprintf(fp, "<g clip-path=\"url(#%s-clip)\">", c->id);
    limits(fp, c, &f);
    band(fp, c, &f);
    whiskers(fp, c, &f);
    target_line(fp, c, &f);
    trend(fp, c, &f);
    series(fp, c, &f, c->value, "series", C_SERIES, 0);
    if (c->judged != NULL)
        series(fp, c, &f, c->judged, "series judged", C_JUDGED, 1);
    projection(fp, c, &f);
    specials(fp, c, &f);
    fputs("</g>", fp);
    target_value(fp, c, &f);
    breaks(fp, c, &f);
    status_mark(fp, c, &f);
    x_axis(fp, c, &f);
    fwrite(legend_text, 1, legend_size, fp);
    free(legend_text);
    fputs("</svg>", fp);
    return 0;
}
