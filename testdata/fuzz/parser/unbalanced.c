static void h(void) {
	if (a) {
		foo(();
}
}}}
int q = ((;
struct { int ;
static __poll_t p(struct file *f, poll_table *w) {
	poll_wait(f, &q, w
