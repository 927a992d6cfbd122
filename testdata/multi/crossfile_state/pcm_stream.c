// SPDX-License-Identifier: GPL-2.0
/* The stream core: it only registers once the DMA buffer exists. */
#include <linux/fs.h>
#include <linux/poll.h>
#include "pcmx.h"

__poll_t pcmx_stream_poll(struct pcmx_stream *st, struct file *file, poll_table *wait)
{
	if (!st->dma_buf)
		return 0;
	poll_wait(file, &st->period_wq, wait); /* expect: PW002 warning */
	return st->avail >= st->period ? EPOLLIN | EPOLLRDNORM : 0;
}
