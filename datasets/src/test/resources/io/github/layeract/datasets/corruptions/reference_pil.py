"""pixelate and jpeg_compression with Pillow, as Hendrycks' scripts call it (no numpy needed: raw RGB bytes in
and out). Usage: python3 reference_pil.py IN.rgb HEIGHT WIDTH PRESET OUT_DIR; writes OUT_DIR/<name>_<s>.rgb."""
import sys
from io import BytesIO
from PIL import Image

PIXELATE = dict(cifar=[.95, .9, .85, .75, .65], imagenet=[.6, .5, .4, .3, .25])
JPEG = dict(cifar=[80, 65, 58, 50, 40], imagenet=[25, 18, 15, 10, 7])


def main():
    src, h, w, preset, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
    img = Image.frombytes('RGB', (w, h), open(src, 'rb').read())
    for s, c in enumerate(PIXELATE[preset], start=1):
        y = img.resize((int(w * c), int(h * c)), Image.BOX).resize((w, h), Image.BOX)
        open('%s/pixelate_%d.rgb' % (out, s), 'wb').write(y.tobytes())
    for s, q in enumerate(JPEG[preset], start=1):
        buf = BytesIO()
        img.save(buf, 'JPEG', quality=q)
        y = Image.open(buf).convert('RGB')
        open('%s/jpeg_compression_%d.rgb' % (out, s), 'wb').write(y.tobytes())


if __name__ == '__main__':
    main()
