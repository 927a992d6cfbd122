/* Pilote pour la carte élégante (c) François */
static __poll_t dev_poll(struct file *file, poll_table *wait)
{
	poll_wait(file, &dev_wq, wait);
	return 0;
}
