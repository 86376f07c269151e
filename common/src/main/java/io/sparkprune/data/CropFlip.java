package io.sparkprune.data;

/**
 * The standard CIFAR augmentation ({@code data.augment = crop-flip}): pad the image with
 * {@value #PAD} zero pixels on every side, crop a window of the original size at a random offset,
 * and mirror it left-right half of the time. Written straight into the float features, so it costs
 * one pass over the pixels, the same as scaling alone.
 */
final class CropFlip {
    static final int PAD = 4;
    private static final int OFFSETS = 2 * PAD + 1;

    private CropFlip() {
    }

    /**
     * Augments the C-H-W image at {@code src[at..]} as {@code bits} decide and writes its scaled
     * values to {@code dst[to..]}. Padding pixels are black (byte 0), scaled like any other pixel.
     */
    static void apply(long bits, byte[] src, int at, int channels, int height, int width, PixelScaling scaling,
                      float[] dst, int to) {
        int dy = (int) Long.remainderUnsigned(bits, OFFSETS) - PAD;
        int dx = (int) Long.remainderUnsigned(bits >>> 16, OFFSETS) - PAD;
        boolean flip = (bits >>> 63) != 0;
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            float black = scaling.scale(0, c);
            int srcPlane = at + c * plane;
            int d = to + c * plane;
            for (int y = 0; y < height; y++) {
                int sy = y + dy;
                boolean rowInside = sy >= 0 && sy < height;
                for (int x = 0; x < width; x++, d++) {
                    int sx = (flip ? width - 1 - x : x) + dx;
                    dst[d] = rowInside && sx >= 0 && sx < width
                            ? scaling.scale(src[srcPlane + sy * width + sx] & 0xFF, c) : black;
                }
            }
        }
    }
}
