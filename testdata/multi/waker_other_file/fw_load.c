// SPDX-License-Identifier: GPL-2.0
/* Loading the firmware on request: sets the ready flag and wakes the status queue. */
#include <linux/fs.h>
#include <linux/firmware.h>
#include "fw.h"

long fwld_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct fwld_dev *fd = file->private_data;

	if (request_firmware(&fd->fw, "fwld.bin", fd->dev))
		return -ENOENT;
	fd->fw_ready = 1;
	fd->status = 1;
	wake_up_interruptible(&fd->status_wait);
	return 0;
}
