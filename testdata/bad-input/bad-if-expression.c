#if 1 +
int a;
#elif (2
int b;
#endif
#if @
#endif
