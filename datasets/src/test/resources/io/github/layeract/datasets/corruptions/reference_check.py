"""Reference outputs of the deterministic corruptions, computed with numpy/scipy the way Hendrycks' scripts do
(make_cifar_c.py / make_imagenet_c.py). skimage's gaussian is scipy's gaussian_filter (mode nearest, truncate 4),
OpenCV's filter2D/GaussianBlur borders are scipy's 'mirror' mode, skimage 0.13's HSV conversion is written out
in numpy. Usage: python3 reference_check.py IN.npy PRESET OUT_DIR; writes OUT_DIR/<name>_<severity>.npy."""
import sys
import numpy as np
from scipy import ndimage
from reference_common import clipped_zoom, gaussian

CIFAR = dict(
    gaussian_blur=[.4, .6, .7, .8, 1],
    contrast=[.75, .5, .4, .3, .15],
    brightness=[.05, .1, .15, .2, .3],
    saturate=[(.3, 0), (.1, 0), (1.5, 0), (2, .1), (2.5, .2)],
    defocus_blur=[(.3, .4), (.4, .5), (.5, .6), (1, .2), (1.5, .1)],
    zoom_blur=[np.arange(1, 1.06, .01), np.arange(1, 1.11, .01), np.arange(1, 1.16, .01),
               np.arange(1, 1.21, .01), np.arange(1, 1.26, .01)])
IMAGENET = dict(
    gaussian_blur=[1, 2, 3, 4, 6],
    contrast=[.4, .3, .2, .1, .05],
    brightness=[.1, .2, .3, .4, .5],
    saturate=[(.3, 0), (.1, 0), (2, 0), (5, .1), (20, .2)],
    defocus_blur=[(3, .1), (4, .5), (6, .5), (8, .5), (10, .5)],
    zoom_blur=[np.arange(1, 1.11, .01), np.arange(1, 1.16, .01), np.arange(1, 1.21, .02),
               np.arange(1, 1.26, .02), np.arange(1, 1.31, .03)])


def rgb2hsv(arr):
    out = np.empty_like(arr)
    v = arr.max(-1)
    delta = arr.ptp(-1) if hasattr(arr, 'ptp') else np.ptp(arr, -1)
    with np.errstate(invalid='ignore', divide='ignore'):
        s = delta / v
        s[delta == 0.] = 0.
        idx = arr[:, :, 0] == v
        out[idx, 0] = (arr[idx, 1] - arr[idx, 2]) / delta[idx]
        idx = arr[:, :, 1] == v
        out[idx, 0] = 2. + (arr[idx, 2] - arr[idx, 0]) / delta[idx]
        idx = arr[:, :, 2] == v
        out[idx, 0] = 4. + (arr[idx, 0] - arr[idx, 1]) / delta[idx]
    h = (out[:, :, 0] / 6.) % 1.
    h[delta == 0.] = 0.
    out[:, :, 0] = h
    out[:, :, 1] = s
    out[:, :, 2] = v
    out[np.isnan(out)] = 0
    return out


def hsv2rgb(arr):
    hi = np.floor(arr[:, :, 0] * 6)
    f = arr[:, :, 0] * 6 - hi
    p = arr[:, :, 2] * (1 - arr[:, :, 1])
    q = arr[:, :, 2] * (1 - f * arr[:, :, 1])
    t = arr[:, :, 2] * (1 - (1 - f) * arr[:, :, 1])
    v = arr[:, :, 2]
    hi = np.dstack([hi, hi, hi]).astype(np.uint8) % 6
    return np.choose(hi, [np.dstack((v, t, p)), np.dstack((q, v, p)), np.dstack((p, v, t)),
                          np.dstack((p, q, v)), np.dstack((t, p, v)), np.dstack((v, p, q))])


def cv_gaussian_kernel(n, sigma):
    x = np.arange(n) - (n - 1) * 0.5
    k = np.exp(-0.5 / (sigma * sigma) * x * x).astype(np.float32)
    return (k * (1.0 / k.astype(np.float64).sum())).astype(np.float32)


def disk(radius, alias_blur):
    if radius <= 8:
        grid = np.arange(-8, 8 + 1)
        ksize = 3
    else:
        grid = np.arange(-radius, radius + 1)
        ksize = 5
    xx, yy = np.meshgrid(grid, grid)
    mask = np.array((xx ** 2 + yy ** 2) <= radius ** 2, dtype=np.float32)
    mask /= np.sum(mask)
    g = cv_gaussian_kernel(ksize, alias_blur)
    mask = ndimage.correlate1d(mask, g, axis=1, mode='mirror', output=np.float32)
    return ndimage.correlate1d(mask, g, axis=0, mode='mirror', output=np.float32)


def corrupt(name, x8, c):
    x = x8 / 255.
    if name == 'gaussian_blur':
        return np.clip(gaussian(x, c), 0, 1) * 255
    if name == 'contrast':
        m = np.mean(x, axis=(0, 1), keepdims=True)
        return np.clip((x - m) * c + m, 0, 1) * 255
    if name == 'brightness':
        hsv = rgb2hsv(x)
        hsv[:, :, 2] = np.clip(hsv[:, :, 2] + c, 0, 1)
        return np.clip(hsv2rgb(hsv), 0, 1) * 255
    if name == 'saturate':
        hsv = rgb2hsv(x)
        hsv[:, :, 1] = np.clip(hsv[:, :, 1] * c[0] + c[1], 0, 1)
        return np.clip(hsv2rgb(hsv), 0, 1) * 255
    if name == 'defocus_blur':
        k = disk(c[0], c[1])
        chans = [ndimage.correlate(x[:, :, d], k, mode='mirror') for d in range(3)]
        return np.clip(np.array(chans).transpose((1, 2, 0)), 0, 1) * 255
    if name == 'zoom_blur':
        xf = x.astype(np.float32)
        out = np.zeros_like(xf)
        for z in c:
            out += clipped_zoom(xf, z)
        return np.clip((xf + out) / (len(c) + 1), 0, 1) * 255
    raise ValueError(name)


def main():
    images = np.load(sys.argv[1])
    table = CIFAR if sys.argv[2] == 'cifar' else IMAGENET
    for name, rows in table.items():
        for s, c in enumerate(rows, start=1):
            out = np.stack([np.uint8(corrupt(name, img, c)) for img in images])
            np.save('%s/%s_%d.npy' % (sys.argv[3], name, s), out)


if __name__ == '__main__':
    main()
