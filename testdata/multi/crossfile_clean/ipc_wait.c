// SPDX-License-Identifier: GPL-2.0
/* Registration helpers of the IPC driver. */
#include <linux/fs.h>
#include <linux/poll.h>
#include "ipcx.h"

static void ipcx_wait_one(struct file *file, wait_queue_head_t *q, poll_table *pt)
{
	poll_wait(file, q, pt);
}

void ipcx_wait_register(struct ipcx_chan *ch, struct file *file, poll_table *pt)
{
	ipcx_wait_one(file, &ch->rx_wq, pt);
	ipcx_wait_one(file, &ch->state_wq, pt);
}

int ipcx_rx_pending(struct ipcx_chan *ch)
{
	return ch->rx_head != ch->rx_tail;
}
