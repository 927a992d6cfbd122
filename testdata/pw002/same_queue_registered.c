// SPDX-License-Identifier: GPL-2.0
/* A device file with a read and a write subdevice, in the style of drivers/comedi/comedi_fops.c:
 * the poll method registers the read subdevice's queue, then the write subdevice's unless it is the
 * read one (`s != s_read`). That skip loses nothing: it is taken only when the write subdevice is the
 * read one, whose queue, under the same test of s->async, the first block has registered: a note,
 * although an ioctl picks the read subdevice. The async parts are made at probe, so the tests of
 * s->async are invariant. */
#include <linux/fs.h>
#include <linux/platform_device.h>
#include <linux/poll.h>
#include <linux/slab.h>

struct foo_async {
	wait_queue_head_t wait_head;
	unsigned int avail;
	unsigned int room;
};

struct foo_sub {
	struct foo_async *async;
};

struct foo_dev {
	struct foo_sub subs[2];
};

struct foo_file {
	struct foo_sub *read_sub;
	struct foo_sub *write_sub;
};

static struct foo_dev foo_the_dev;

static int foo_open(struct inode *inode, struct file *file)
{
	struct foo_file *ff = kzalloc(sizeof(*ff), GFP_KERNEL);

	if (!ff)
		return -ENOMEM;
	ff->read_sub = &foo_the_dev.subs[0];
	ff->write_sub = &foo_the_dev.subs[iminor(inode) & 1];
	file->private_data = ff;
	return 0;
}

static __poll_t foo_poll(struct file *file, poll_table *wait)
{
	struct foo_file *ff = file->private_data;
	struct foo_sub *s, *s_read;
	__poll_t mask = 0;

	s = ff->read_sub;
	s_read = s;
	if (s->async) {
		poll_wait(file, &s->async->wait_head, wait); /* expect: PW002 note */
		if (s->async->avail)
			mask |= EPOLLIN | EPOLLRDNORM;
	}

	s = ff->write_sub;
	if (s->async) {
		if (s != s_read)
			poll_wait(file, &s->async->wait_head, wait); /* expect: PW002 note */
		if (s->async->room)
			mask |= EPOLLOUT | EPOLLWRNORM;
	}
	return mask;
}

static long foo_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct foo_file *ff = file->private_data;

	if (arg > 1)
		return -EINVAL;
	ff->read_sub = &foo_the_dev.subs[arg];
	return 0;
}

static const struct file_operations foo_fops = {
	.owner		= THIS_MODULE,
	.open		= foo_open,
	.poll		= foo_poll,
	.unlocked_ioctl	= foo_ioctl,
};

static int foo_probe(struct platform_device *pdev)
{
	int i;

	for (i = 0; i < 2; i++) {
		foo_the_dev.subs[i].async = devm_kzalloc(&pdev->dev, sizeof(struct foo_async), GFP_KERNEL);
		if (!foo_the_dev.subs[i].async)
			return -ENOMEM;
		init_waitqueue_head(&foo_the_dev.subs[i].async->wait_head);
	}
	return 0;
}

static struct platform_driver foo_driver = {
	.probe	= foo_probe,
};
