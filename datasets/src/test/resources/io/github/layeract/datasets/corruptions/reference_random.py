"""glass_blur and fog as in Hendrycks' scripts, but fed the random numbers the Java run drew (recorded, one per
line), so the rest of the algorithm can be compared byte for byte. Usage: python3 reference_random.py JOBS, where
each line of JOBS is: name preset severity in.npy draws.txt out.npy"""
import sys
import numpy as np
from reference_common import gaussian, run_jobs

GLASS = dict(cifar=[(.05, 1, 1), (.25, 1, 1), (.4, 1, 1), (.25, 1, 2), (.4, 1, 2)],
             imagenet=[(.7, 1, 2), (.9, 2, 1), (1, 2, 3), (1.1, 3, 2), (1.5, 4, 2)])
FOG = dict(cifar=[(.2, 3), (.5, 3), (.75, 2.5), (1, 2), (1.5, 1.75)],
           imagenet=[(1.5, 2), (2., 2), (2.5, 1.7), (2.5, 1.5), (3., 1.4)])


def glass_blur(x, c, draws):
    h, w = x.shape[:2]
    x = np.uint8(gaussian(np.array(x) / 255., c[0]) * 255)
    for _ in range(c[2]):
        for hh in range(h - c[1], c[1], -1):
            for ww in range(w - c[1], c[1], -1):
                dx, dy = int(next(draws)), int(next(draws))
                hp, wp = hh + dy, ww + dx
                x[hh, ww], x[hp, wp] = x[hp, wp], x[hh, ww]
    return np.clip(gaussian(x / 255., c[0]), 0, 1) * 255


def plasma_fractal(mapsize, decay, draws):
    maparray = np.empty((mapsize, mapsize), dtype=np.float64)
    maparray[0, 0] = 0
    stepsize = mapsize
    wibble = 100.

    def wibbledmean(array):
        u = np.array([next(draws) for _ in range(array.size)]).reshape(array.shape)
        return array / 4 + wibble * u

    while stepsize >= 2:
        corners = maparray[0:mapsize:stepsize, 0:mapsize:stepsize]
        acc = corners + np.roll(corners, shift=-1, axis=0)
        acc += np.roll(acc, shift=-1, axis=1)
        maparray[stepsize // 2:mapsize:stepsize, stepsize // 2:mapsize:stepsize] = wibbledmean(acc)
        dr = maparray[stepsize // 2:mapsize:stepsize, stepsize // 2:mapsize:stepsize]
        ul = maparray[0:mapsize:stepsize, 0:mapsize:stepsize]
        lt = (dr + np.roll(dr, 1, axis=0)) + (ul + np.roll(ul, -1, axis=1))
        maparray[0:mapsize:stepsize, stepsize // 2:mapsize:stepsize] = wibbledmean(lt)
        tt = (dr + np.roll(dr, 1, axis=1)) + (ul + np.roll(ul, -1, axis=0))
        maparray[stepsize // 2:mapsize:stepsize, 0:mapsize:stepsize] = wibbledmean(tt)
        stepsize //= 2
        wibble /= decay
    maparray -= maparray.min()
    return maparray / maparray.max()


def fog(x, c, draws):
    h, w = x.shape[:2]
    size = 1
    while size < max(h, w):
        size *= 2
    x = np.array(x) / 255.
    max_val = x.max()
    x += c[0] * plasma_fractal(size, c[1], draws)[:h, :w][..., np.newaxis]
    return np.clip(x * max_val / (max_val + c[0]), 0, 1) * 255


if __name__ == '__main__':
    run_jobs(sys.argv[1], dict(glass_blur=lambda x, p, s, d: glass_blur(x, GLASS[p][s - 1], d),
                               fog=lambda x, p, s, d: fog(x, FOG[p][s - 1], d)))
