static __poll_t d_poll(struct file *f, poll_table *w)
{
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	if (w->_key & EPOLLIN) {
	poll_wait(f, &q, w);
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	}
	return ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((EPOLLIN))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))));
}
