#include <linux/poll.h>
#ifdef CONFIG_FOO
static int foo;
#if defined(BAR)
int bar;
#endif
int tail;
