/*
** no_entry.c: a shared object with an exported function but no
** indicate_plugin_entry: refused as not a plug-in.
*/
#include <indicate/plugin.h>

IND_PLUGIN_EXPORT int not_a_plugin_entry(void);

IND_PLUGIN_EXPORT int not_a_plugin_entry(void)
{
    return 42;
}
