/*
** abi.c: plug-ins refused before their descriptor is read, one per build
** variant (a -D flag picks it):
**
**   NULL_ENTRY       indicate_plugin_entry returns NULL      (not a plug-in)
**   BAD_MAGIC        magic 0xdeadbeef                        (not a plug-in)
**   ABI_MAJOR        built for ABI 2.0                       (ABI)
**   ABI_MINOR        built for ABI 1.3                       (ABI)
**   FINGERPRINT      the fingerprint of a 32-bit build       (ABI)
**   SMALL_STRUCT     struct_size smaller than ABI 1.0's      (ABI)
**   SMALL_INDICATOR  indicator_size smaller than ABI 1.0's   (ABI)
**   SMALL_OPTION     option_size smaller than ABI 1.0's      (ABI)
**
** All but SMALL_INDICATOR and SMALL_OPTION export only the fixed-width header fields, so a
** host that read past them would read outside the object (which
** AddressSanitizer reports).
*/
#include <stdint.h>

#include <indicate/plugin.h>

#if defined(SMALL_INDICATOR)

static const struct {
    const char *id;
    const char *title;
} small_indicators[1] = {{"abi.small", "Too small"}};

static const ind_plugin plugin = {
    .magic = IND_PLUGIN_MAGIC, .abi_major = IND_ABI_MAJOR,
    .abi_minor = IND_ABI_MINOR, .struct_size = sizeof(ind_plugin),
    .indicator_size = sizeof small_indicators[0],
    .option_size = sizeof(ind_option),
    .fingerprint = IND_ABI_FINGERPRINT, .name = "abi_small_indicator",
    .version = "1.0.0", .licence = "GPL-3.0-or-later",
    .description = "indicator_size too small", .n_indicators = 1,
    .indicators = (const ind_indicator *)(const void *)small_indicators};

IND_PLUGIN_EXPORT const ind_plugin *indicate_plugin_entry(void)
{
    return &plugin;
}

#elif defined(SMALL_OPTION)

static const struct {
    const char *name;
} small_options[1] = {{"level"}};

static int compute(const ind_host *host, ind_call *call, size_t n,
                   const double *const *in, double *const *out)
{
    (void)host; (void)call; (void)n; (void)in; (void)out;
    return IND_OK;
}

static const char *const inputs[] = {"abi.input", NULL};

static const ind_indicator indicators[1] = {{
    .id = "abi.small_option", .title = "Too small", .unit = "count",
    .kind = IND_OUT_COUNT, .inputs = inputs, .compute = compute}};

static const ind_plugin plugin = {
    .magic = IND_PLUGIN_MAGIC, .abi_major = IND_ABI_MAJOR,
    .abi_minor = IND_ABI_MINOR, .struct_size = sizeof(ind_plugin),
    .indicator_size = sizeof(ind_indicator),
    .option_size = sizeof small_options[0],
    .fingerprint = IND_ABI_FINGERPRINT, .name = "abi_small_option",
    .version = "1.0.0", .licence = "GPL-3.0-or-later",
    .description = "option_size too small", .n_options = 1,
    .options = (const ind_option *)(const void *)small_options,
    .n_indicators = 1, .indicators = indicators};

IND_PLUGIN_EXPORT const ind_plugin *indicate_plugin_entry(void)
{
    return &plugin;
}

#else

/* The header of ind_plugin and nothing after it. */
typedef struct header_only {
    uint32_t magic;
    uint16_t abi_major, abi_minor;
    uint32_t struct_size, indicator_size, option_size;
    uint64_t fingerprint;
} header_only;

/* sizeof void*, size_t, double, int, long and a function pointer on ILP32. */
#define FINGERPRINT_ILP32                                                   \
    ((uint64_t)4 | ((uint64_t)4 << 8) | ((uint64_t)8 << 16) |              \
     ((uint64_t)4 << 24) | ((uint64_t)4 << 32) | ((uint64_t)4 << 40) |     \
     ((uint64_t)0x1d << 56))

#if defined(BAD_MAGIC)
#define MAGIC 0xdeadbeefu
#else
#define MAGIC IND_PLUGIN_MAGIC
#endif

#if defined(ABI_MAJOR)
#define MAJOR 2
#else
#define MAJOR IND_ABI_MAJOR
#endif

#if defined(ABI_MINOR)
#define MINOR 3
#else
#define MINOR IND_ABI_MINOR
#endif

#if defined(FINGERPRINT)
#define PRINT FINGERPRINT_ILP32
#else
#define PRINT IND_ABI_FINGERPRINT
#endif

#if defined(SMALL_STRUCT)
#define STRUCT_SIZE sizeof(header_only)
#else
#define STRUCT_SIZE sizeof(ind_plugin)
#endif

static const header_only header = {
    .magic = MAGIC, .abi_major = MAJOR, .abi_minor = MINOR,
    .struct_size = STRUCT_SIZE, .indicator_size = sizeof(ind_indicator),
    .option_size = sizeof(ind_option), .fingerprint = PRINT};

IND_PLUGIN_EXPORT const ind_plugin *indicate_plugin_entry(void)
{
#if defined(NULL_ENTRY)
    (void)header;
    return NULL;
#else
    return (const ind_plugin *)(const void *)&header;
#endif
}

#endif
