static const char *name = "cafÃ";
int x = 1;
/* â‚ */
