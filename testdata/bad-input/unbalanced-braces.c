static __poll_t foo_poll(struct file *file, poll_table *wait)
{
	if (x) {
		poll_wait(file, &q, wait);
	return 0;
}

}
}
int y;
