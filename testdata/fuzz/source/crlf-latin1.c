int a;
#if 1
int b;
#elseint c;
#endif
ï»¿int d; /* éÿ */
