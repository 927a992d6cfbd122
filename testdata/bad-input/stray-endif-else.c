int a;
#endif
#else
#if 0
#else
#else
#endif
#elif 1
int b;
