// SPDX-License-Identifier: GPL-2.0
/* An IPC driver whose registration happens in a helper of another file: no PW003. */
#include <linux/fs.h>
#include <linux/poll.h>
#include "ipcx.h"

static __poll_t ipcx_poll(struct file *file, poll_table *wait)
{
	struct ipcx_chan *ch = file->private_data;

	ipcx_wait_register(ch, file, wait);
	if (ipcx_rx_pending(ch))
		return EPOLLIN | EPOLLRDNORM;
	return 0;
}

static const struct file_operations ipcx_fops = {
	.poll = ipcx_poll,
};
