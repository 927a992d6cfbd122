// SPDX-License-Identifier: GPL-2.0
/* A capture card: the poll method calls into the stream core only when a stream is attached. */
#include <linux/fs.h>
#include <linux/poll.h>
#include "pcmx.h"

static __poll_t pcmx_poll(struct file *file, poll_table *wait)
{
	struct pcmx_file *pf = file->private_data;
	__poll_t mask = 0;

	if (pf->stream)
		mask = pcmx_stream_poll(pf->stream, file, wait); /* expect: PW002 warning */
	return mask;
}

static const struct file_operations pcmx_fops = {
	.poll = pcmx_poll,
};
