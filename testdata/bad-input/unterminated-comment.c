static __poll_t foo_poll(struct file *file, poll_table *wait)
{
	/* registers the queue
	poll_wait(file, &q, wait);
	return 0;
}
