typedef struct poll_table_struct poll_table;
static __poll_t x_poll(struct file *file, poll_table *wait)
{
	__poll_t mask = 0, req = wait ? wait->_key : ~(__poll_t)0;
	poll_wait(file, &x->wq, wait);
	if (req & (EPOLLIN | EPOLLRDNORM))
		mask |= x->rx ? EPOLLIN : 0;
	else if (req & EPOLLOUT) { poll_wait(file, &x->txq, wait); }
	else
		mask = x->err ? EPOLLERR : mask;
	return mask;
}
static unsigned int __maybe_unused y_poll(struct file *f, struct poll_table_struct *p) { return (unsigned int)POLLIN; }
int (*tbl[])(void) = { [0] = a, [1] = b };
struct s { int a : 3; union { int b; char c[4]; }; } v = { .a = 1, { .b = 2 } };
