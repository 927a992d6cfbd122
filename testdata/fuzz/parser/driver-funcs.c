static int foo_open(struct inode *inode, struct file *file)
{
	struct foo_dev *dev = container_of(inode->i_cdev, struct foo_dev, cdev);
	unsigned long flags;

	spin_lock_irqsave(&dev->lock, flags);
	list_for_each_entry(ctx, &dev->clients, node) {
		if (ctx->id == current->pid) { ret = -EBUSY; break; }
	}
	spin_unlock_irqrestore(&dev->lock, flags);
	file->private_data = dev;
	return ret ?: nonseekable_open(inode, file);
}

static ssize_t foo_read(struct file *f, char __user *buf, size_t n, loff_t *off)
{
	DEFINE_WAIT(w);
	int (*cb)(int, void *) = f->cb;
	char tmp[16] = { [0] = 'a', [1 ... 3] = 'b' };
	while (!READ_ONCE(dev->ready)) {
		if (wait_event_interruptible(dev->wq, dev->ready))
			return -ERESTARTSYS;
	}
	return copy_to_user(buf, tmp, min_t(size_t, n, sizeof(tmp))) ? -EFAULT : n;
}
