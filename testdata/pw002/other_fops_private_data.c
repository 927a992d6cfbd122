// SPDX-License-Identifier: GPL-2.0
/* Two file types of one directory keep different objects in file->private_data. The revision file
 * sets its own at open and never again (a note); the access file's write replaces the access file's
 * private data, which is not the revision file's, and must not make the revision poll a warning.
 * The access file's own poll, in contrast, is skipped until its write attaches a buffer (a warning). */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/slab.h>

struct ns_info {
	long revision;
	wait_queue_head_t wait;
};

struct ns_rev {
	struct ns_info *ns;
	long last_read;
};

struct access_buf {
	wait_queue_head_t wait;
	int ready;
};

static int rev_open(struct inode *inode, struct file *file)
{
	struct ns_rev *rev = kzalloc(sizeof(*rev), GFP_KERNEL);

	if (!rev)
		return -ENOMEM;
	rev->ns = inode->i_private;
	file->private_data = rev;
	return 0;
}

static __poll_t rev_poll(struct file *file, poll_table *pt)
{
	struct ns_rev *rev = file->private_data;
	__poll_t mask = 0;

	if (rev) {
		poll_wait(file, &rev->ns->wait, pt); /* expect: PW002 note */
		if (rev->last_read < rev->ns->revision)
			mask |= EPOLLIN | EPOLLRDNORM;
	}
	return mask;
}

static ssize_t access_write(struct file *file, const char __user *ubuf, size_t count, loff_t *pos)
{
	struct access_buf *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return -ENOMEM;
	init_waitqueue_head(&t->wait);
	file->private_data = t;
	return count;
}

static __poll_t access_poll(struct file *file, poll_table *pt)
{
	struct access_buf *t = file->private_data;

	if (!t)
		return 0;
	poll_wait(file, &t->wait, pt); /* expect: PW002 warning */
	return t->ready ? EPOLLIN : 0;
}

static const struct file_operations rev_fops = {
	.owner	= THIS_MODULE,
	.open	= rev_open,
	.poll	= rev_poll,
};

static const struct file_operations access_fops = {
	.owner	= THIS_MODULE,
	.write	= access_write,
	.poll	= access_poll,
};
