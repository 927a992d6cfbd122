// SPDX-License-Identifier: GPL-2.0
/* A socket front-end whose poll method is declared for a protocol that was never wired up: nothing
 * calls it, no ops table holds it, nothing exports it. Its state skip is a note that says so, and the
 * simulator does not confirm a scenario no open file can reach. The live method next to it, in an
 * ops table, keeps its warning. */
#include <linux/fs.h>
#include <linux/net.h>
#include <linux/poll.h>

struct front_map {
	int inflight;
	int ready;
	wait_queue_head_t inflight_wait;
};

__poll_t front_poll(struct file *file, struct socket *sock, poll_table *wait)
{
	struct front_map *map = sock->sk->sk_send_head;

	if (map->inflight)
		return 0;
	poll_wait(file, &map->inflight_wait, wait); /* expect: PW002 note */
	return map->ready ? EPOLLIN : 0;
}

static __poll_t live_poll(struct file *file, poll_table *wait)
{
	struct front_map *map = file->private_data;

	if (map->inflight)
		return 0;
	poll_wait(file, &map->inflight_wait, wait); /* expect: PW002 warning */
	return map->ready ? EPOLLIN : 0;
}

static long live_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct front_map *map = file->private_data;

	map->inflight = !map->inflight;
	return 0;
}

static const struct file_operations live_fops = {
	.poll		= live_poll,
	.unlocked_ioctl	= live_ioctl,
};
