package io.sparkprune.model.conv;

import java.util.Arrays;

/**
 * Caffe's im2col for one image: the matrix [c*kh*kw, oh*ow] whose row (c, ky, kx) holds the input
 * pixel under that kernel tap for every output position, so that weights [out, c*kh*kw] times it
 * is the image's output in NCHW order, with no transposition. Its rows are runs of input pixels,
 * copied in bulk; one image's matrix stays in cache between the copy and the gemm that reads it.
 * (The [positions, taps] layout of the whole batch that this replaced was memory-bound at LeNet's
 * first layer: 25 floats written per input pixel, 14.7 MB per batch of 256.)
 */
final class ImageColumns {
    private ImageColumns() {
    }

    /** Writes image {@code image}'s columns to {@code col} (at least patchSize * oh * ow floats). */
    static void fill(float[] batch, int image, ConvGeometry g, float[] col) {
        walk(col, batch, image, g, true);
    }

    /** The adjoint of {@link #fill}: adds the column gradients {@code col} onto image {@code image} of {@code batchGrad}. */
    static void addBack(float[] col, ConvGeometry g, float[] batchGrad, int image) {
        walk(col, batchGrad, image, g, false);
    }

    /** Output positions per image: the columns of the matrix. */
    static int positions(ConvGeometry g) {
        return g.outH() * g.outW();
    }

    /** One loop nest for both directions, so they cannot disagree about which pixel a tap reads. */
    private static void walk(float[] col, float[] img, int image, ConvGeometry g, boolean toColumns) {
        int positions = positions(g);
        int strideW = g.strideW();
        int outW = g.outW();
        int inW = g.inW();
        for (int c = 0; c < g.channels(); c++) {
            int plane = (image * g.channels() + c) * g.inH() * inW;
            for (int ky = 0; ky < g.kH(); ky++) {
                for (int kx = 0; kx < g.kW(); kx++) {
                    int row = ((c * g.kH() + ky) * g.kW() + kx) * positions;
                    int firstX = kx - g.padLeft(); // input column read at ox = 0
                    boolean runInside = strideW == 1 && firstX >= 0 && firstX + outW <= inW;
                    for (int oy = 0; oy < g.outH(); oy++) {
                        int iy = oy * g.strideH() - g.padTop() + ky;
                        int dst = row + oy * outW;
                        if (iy < 0 || iy >= g.inH()) {
                            if (toColumns) {
                                Arrays.fill(col, dst, dst + outW, 0f); // padding rows read zeros
                            }
                            continue;
                        }
                        int src = plane + iy * inW + firstX;
                        if (runInside && toColumns) {
                            System.arraycopy(img, src, col, dst, outW);
                        } else if (runInside) {
                            for (int ox = 0; ox < outW; ox++) {
                                img[src + ox] += col[dst + ox];
                            }
                        } else {
                            for (int ox = 0; ox < outW; ox++) {
                                int ix = firstX + ox * strideW;
                                boolean inside = ix >= 0 && ix < inW;
                                if (toColumns) {
                                    col[dst + ox] = inside ? img[src + ox * strideW] : 0f;
                                } else if (inside) {
                                    img[src + ox * strideW] += col[dst + ox];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
