"""Helpers shared by the reference replays: the reference's gaussian and clipped_zoom, and the job loop."""
import numpy as np
from scipy import ndimage


def gaussian(x, sigma):
    """skimage 0.13's gaussian: scipy's gaussian_filter, mode nearest, truncate 4, channel axis untouched."""
    return ndimage.gaussian_filter(x, sigma=(sigma, sigma) + (0,) * (x.ndim - 2), mode='nearest', truncate=4.0)


def clipped_zoom(img, z):
    h = img.shape[0]
    ch = int(np.ceil(h / z))
    top = (h - ch) // 2
    img = ndimage.zoom(img[top:top + ch, top:top + ch], (z, z, 1), order=1)
    trim = (img.shape[0] - h) // 2
    return img[trim:trim + h, trim:trim + h]


def run_jobs(jobs_file, handlers):
    """Each line: name preset severity in.npy draws.txt out.npy; handlers[name](x, preset, severity, draws)."""
    for line in open(jobs_file):
        name, preset, severity, src, draws_file, out = line.split()
        draws = iter(float(v) for v in open(draws_file).read().split())
        y = handlers[name](np.load(src), preset, int(severity), draws)
        np.save(out, np.uint8(y))
