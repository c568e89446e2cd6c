"""motion_blur and snow as Hendrycks' scripts run them, with ImageMagick 6 (convert-im6.q16 instead of Wand),
OpenCV, numpy and scipy, fed the random numbers the Java run drew (recorded, one per line).
Usage: python3 reference_magick.py JOBS, each line: name preset severity in.npy draws.txt out.npy"""
import os
import subprocess
import sys
import tempfile
import cv2
import numpy as np
from reference_common import clipped_zoom, run_jobs

MOTION = dict(cifar=[(6, 1), (6, 1.5), (6, 2), (8, 2), (9, 2.5)],
              imagenet=[(10, 3), (15, 5), (15, 8), (15, 12), (20, 15)])
SNOW = dict(
    cifar=[(0.1, 0.2, 1, 0.6, 8, 3, 0.95), (0.1, 0.2, 1, 0.5, 10, 4, 0.9), (0.15, 0.3, 1.75, 0.55, 10, 4, 0.9),
           (0.25, 0.3, 2.25, 0.6, 12, 6, 0.85), (0.3, 0.3, 1.25, 0.65, 14, 12, 0.8)],
    imagenet=[(0.1, 0.3, 3, 0.5, 10, 4, 0.8), (0.2, 0.3, 2, 0.5, 12, 4, 0.7), (0.55, 0.3, 4, 0.9, 12, 8, 0.7),
              (0.55, 0.3, 4.5, 0.85, 12, 8, 0.65), (0.55, 0.3, 2.5, 0.85, 12, 12, 0.55)])


def magick_motion_blur(png_bytes, radius, sigma, angle):
    with tempfile.TemporaryDirectory() as d:
        src, dst = os.path.join(d, 'in.png'), os.path.join(d, 'out.png')
        open(src, 'wb').write(png_bytes)
        subprocess.run(['convert-im6.q16', src, '-motion-blur', '%rx%r%+.17g' % (radius, sigma, angle), dst],
                       check=True)
        return open(dst, 'rb').read()


def motion_blur(x, c, draws):
    png = cv2.imencode('.png', np.ascontiguousarray(x[..., ::-1]))[1].tobytes()
    out = magick_motion_blur(png, c[0], c[1], next(draws))
    y = cv2.imdecode(np.frombuffer(out, np.uint8), cv2.IMREAD_UNCHANGED)
    return np.clip(y[..., [2, 1, 0]], 0, 255)


def snow(x, c, draws):
    h, w = x.shape[:2]
    x = np.array(x, dtype=np.float32) / 255.
    layer = c[0] + c[1] * np.array([next(draws) for _ in range(h * w)]).reshape(h, w)
    layer = clipped_zoom(layer[..., np.newaxis], c[2])
    layer[layer < c[3]] = 0
    layer8 = (np.clip(layer.squeeze(), 0, 1) * 255).astype(np.uint8)
    png = cv2.imencode('.png', layer8)[1].tobytes()
    out = magick_motion_blur(png, c[4], c[5], next(draws))
    layer = cv2.imdecode(np.frombuffer(out, np.uint8), cv2.IMREAD_UNCHANGED) / 255.
    layer = layer[..., np.newaxis]
    x = c[6] * x + (1 - c[6]) * np.maximum(x, cv2.cvtColor(x, cv2.COLOR_RGB2GRAY).reshape(h, w, 1) * 1.5 + 0.5)
    return np.clip(x + layer + np.rot90(layer, k=2), 0, 1) * 255


if __name__ == '__main__':
    run_jobs(sys.argv[1], dict(motion_blur=lambda x, p, s, d: motion_blur(x, MOTION[p][s - 1], d),
                               snow=lambda x, p, s, d: snow(x, SNOW[p][s - 1], d)))
