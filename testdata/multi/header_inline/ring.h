/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RING_H
#define RING_H

struct ring_dev {
	unsigned int head, tail;
	unsigned int mode;
	wait_queue_head_t wait;
};

#define RING_MODE_STREAM 2

static inline bool ring_streaming(const struct ring_dev *rd)
{
	return rd->mode == RING_MODE_STREAM;
}

#endif
