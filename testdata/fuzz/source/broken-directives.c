#if
#elif (
#else x
#endif
#endif
#if 1/0 ||
#define
#define (
#undef
# 12 "x.c"
#if
