// SPDX-License-Identifier: GPL-2.0
/* A PCM runtime and a compress runtime both have a member `state`; their structs are defined in the
 * tree's include/sound/, not in the driver's directory. The compress ioctl's write of its runtime's
 * state is not a write of the PCM runtime's: only the PCM's remove moves it, to the disconnected
 * state the poll gives up on, so the skip is terminal (a note). */
#include <linux/fs.h>
#include <linux/platform_device.h>
#include <linux/poll.h>
#include <sound/xpcm.h>

static __poll_t xpcm_poll(struct file *file, poll_table *wait)
{
	struct xpcm_substream *substream = file->private_data;
	struct xpcm_runtime *runtime = substream->runtime;

	if (runtime->state == XPCM_STATE_DISCONNECTED)
		return EPOLLERR;
	poll_wait(file, &runtime->sleep, wait); /* expect: PW002 note */
	return runtime->avail ? EPOLLIN : 0;
}

static const struct file_operations xpcm_fops = {
	.owner	= THIS_MODULE,
	.poll	= xpcm_poll,
};

static void xpcm_remove(struct platform_device *pdev)
{
	struct xpcm_substream *substream = platform_get_drvdata(pdev);

	substream->runtime->state = XPCM_STATE_DISCONNECTED;
	wake_up(&substream->runtime->sleep);
}

static struct platform_driver xpcm_driver = {
	.remove = xpcm_remove,
};
