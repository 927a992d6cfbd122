// SPDX-License-Identifier: GPL-2.0
/* A buffer file is made by an ioctl of another file type (the heap's), in the style of
 * dma_buf_export() called from udmabuf's ioctl: the exporter sets the private data of a file it has
 * just made with the buffer's own fops. That is the new file's initial value, not a change of the
 * private data of an open buffer file, so the buffer poll's test of it is a note. */
#include <linux/anon_inodes.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/slab.h>

struct xbuf {
	wait_queue_head_t poll;
	struct file *file;
	int done;
};

static __poll_t xbuf_poll(struct file *file, poll_table *pt)
{
	struct xbuf *buf = file->private_data;

	if (!buf)
		return EPOLLERR;
	poll_wait(file, &buf->poll, pt); /* expect: PW002 note */
	return buf->done ? EPOLLIN : 0;
}

static const struct file_operations xbuf_fops = {
	.owner	= THIS_MODULE,
	.poll	= xbuf_poll,
};

struct xbuf *xbuf_export(void)
{
	struct xbuf *buf = kzalloc(sizeof(*buf), GFP_KERNEL);
	struct file *file;

	if (!buf)
		return NULL;
	init_waitqueue_head(&buf->poll);
	file = alloc_file_pseudo(NULL, NULL, "xbuf", O_RDWR, &xbuf_fops);
	if (IS_ERR(file)) {
		kfree(buf);
		return NULL;
	}
	file->private_data = buf;
	buf->file = file;
	return buf;
}
EXPORT_SYMBOL_GPL(xbuf_export);

static long xheap_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct xbuf *buf = xbuf_export();

	return buf ? 0 : -ENOMEM;
}

static const struct file_operations xheap_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= xheap_ioctl,
};
