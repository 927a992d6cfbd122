#define X 1 /* no end
int y;
