static const char *s = "no end;
int x;
char c = 'a;
