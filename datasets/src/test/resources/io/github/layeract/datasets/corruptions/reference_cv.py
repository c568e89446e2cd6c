"""spatter, defocus_blur and elastic_transform (severity 1: the affine warp alone) with OpenCV, numpy and scipy as
Hendrycks' scripts call them, fed the random numbers the Java run drew (recorded, one per line).
Usage: python3 reference_cv.py JOBS, each line: name preset severity in.npy draws.txt out.npy"""
import sys
import cv2
import numpy as np
from reference_common import gaussian, run_jobs

SPATTER = dict(
    cifar=[(.62, .1, .7, .7, .5, 0), (.65, .1, .8, .7, .5, 0), (.65, .3, 1, .69, .5, 0), (.65, .1, .7, .69, .6, 1),
           (.65, .1, .5, .68, .6, 1)],
    imagenet=[(.65, .3, 4, .69, .6, 0), (.65, .3, 3, .68, .6, 0), (.65, .3, 2, .68, .5, 0), (.65, .3, 1, .65, 1.5, 1),
              (.67, .4, 1, .65, 1.5, 1)])
DEFOCUS = dict(cifar=[(.3, .4), (.4, .5), (.5, .6), (1, .2), (1.5, .1)],
               imagenet=[(3, .1), (4, .5), (6, .5), (8, .5), (10, .5)])


def spatter(x, c, draws):
    h, w = x.shape[:2]
    x = np.array(x, dtype=np.float32) / 255.
    z = np.array([next(draws) for _ in range(h * w)]).reshape(h, w)
    liquid = c[0] + c[1] * z
    liquid = gaussian(liquid, c[2])
    liquid[liquid < c[3]] = 0
    if c[5] == 0:
        liquid = (liquid * 255).astype(np.uint8)
        dist = 255 - cv2.Canny(liquid, 50, 150)
        dist = cv2.distanceTransform(dist, cv2.DIST_L2, 5)
        _, dist = cv2.threshold(dist, 20, 20, cv2.THRESH_TRUNC)
        dist = cv2.blur(dist, (3, 3)).astype(np.uint8)
        dist = cv2.equalizeHist(dist)
        ker = np.array([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]])
        dist = cv2.filter2D(dist, cv2.CV_8U, ker)
        dist = cv2.blur(dist, (3, 3)).astype(np.float32)
        m = cv2.cvtColor(liquid * dist, cv2.COLOR_GRAY2BGRA)
        m /= np.max(m, axis=(0, 1))
        m *= c[4]
        color = np.concatenate((175 / 255. * np.ones_like(m[..., :1]), 238 / 255. * np.ones_like(m[..., :1]),
                                238 / 255. * np.ones_like(m[..., :1])), axis=2)
        color = cv2.cvtColor(color, cv2.COLOR_BGR2BGRA)
        x = cv2.cvtColor(x, cv2.COLOR_BGR2BGRA)
        return cv2.cvtColor(np.clip(x + m * color, 0, 1), cv2.COLOR_BGRA2BGR) * 255
    m = np.where(liquid > c[3], 1, 0)
    m = gaussian(m.astype(np.float32), c[4])
    m[m < 0.8] = 0
    color = np.concatenate((63 / 255. * np.ones_like(x[..., :1]), 42 / 255. * np.ones_like(x[..., :1]),
                            20 / 255. * np.ones_like(x[..., :1])), axis=2)
    color *= m[..., np.newaxis]
    x *= (1 - m[..., np.newaxis])
    return np.clip(x + color, 0, 1) * 255


def disk(radius, alias_blur):
    if radius <= 8:
        grid = np.arange(-8, 8 + 1)
        ksize = (3, 3)
    else:
        grid = np.arange(-radius, radius + 1)
        ksize = (5, 5)
    xx, yy = np.meshgrid(grid, grid)
    mask = np.array((xx ** 2 + yy ** 2) <= radius ** 2, dtype=np.float32)
    mask /= np.sum(mask)
    return cv2.GaussianBlur(mask, ksize=ksize, sigmaX=alias_blur)


def defocus(x, c):
    x = np.array(x) / 255.
    kernel = disk(c[0], c[1])
    chans = [cv2.filter2D(x[:, :, d], -1, kernel) for d in range(3)]
    return np.clip(np.array(chans).transpose((1, 2, 0)), 0, 1) * 255


def elastic_affine_only(image, draws):
    image = np.array(image, dtype=np.float32) / 255.
    centre = np.float32(image.shape[:2]) // 2
    q = min(image.shape[:2]) // 3
    pts1 = np.float32([centre + q, [centre[0] + q, centre[1] - q], centre - q])
    pts2 = pts1 + np.array([next(draws) for _ in range(6)]).reshape(3, 2).astype(np.float32)
    m = cv2.getAffineTransform(pts1, pts2)
    image = cv2.warpAffine(image, m, image.shape[:2][::-1], borderMode=cv2.BORDER_REFLECT_101)
    return np.clip(image, 0, 1) * 255


if __name__ == '__main__':
    run_jobs(sys.argv[1], dict(spatter=lambda x, p, s, d: spatter(x, SPATTER[p][s - 1], d),
                               defocus_blur=lambda x, p, s, d: defocus(x, DEFOCUS[p][s - 1]),
                               elastic_transform=lambda x, p, s, d: elastic_affine_only(x, d)))
