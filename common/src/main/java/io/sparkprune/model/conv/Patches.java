package io.sparkprune.model.conv;

import java.nio.FloatBuffer;

/**
 * im2col and its adjoint col2im between an NCHW image batch and the patch matrix
 * [b*oh*ow, c*kh*kw] (row-major, one row per output position). ND4J 1.0.0-M2's native im2col
 * writes this layout through a permuted view, element by element, and was over half of LeNet-5's
 * training time. Here the loops run over Java arrays in memory order and the native buffers are
 * moved in bulk, a block of rows at a time so that the scratch array stays small and in cache.
 */
final class Patches {
    /** Floats per block moved between Java and native memory. */
    private static final int BLOCK_FLOATS = 1 << 16;

    private Patches() {
    }

    /** Fills {@code col} (rows x patchSize floats) with the patches of {@code image} (NCHW, contiguous). */
    static void im2col(FloatBuffer image, ConvGeometry g, FloatBuffer col) {
        float[] x = new float[(int) g.inputLength()];
        image.get(0, x);
        int k = g.patchSize();
        int rowsPerBlock = Math.max(1, BLOCK_FLOATS / k);
        float[] block = new float[rowsPerBlock * k];
        for (long first = 0; first < g.rows(); first += rowsPerBlock) {
            int n = (int) Math.min(rowsPerBlock, g.rows() - first);
            for (int r = 0; r < n; r++) {
                patch(x, g, first + r, block, r * k);
            }
            col.put((int) (first * k), block, 0, n * k);
        }
    }

    /**
     * Sums the patch gradients {@code colGrad} back onto the image: {@code imageGrad} (NCHW, contiguous)
     * is overwritten with the gradient with respect to the input.
     */
    static void col2im(FloatBuffer colGrad, ConvGeometry g, FloatBuffer imageGrad) {
        float[] dx = new float[(int) g.inputLength()];
        int k = g.patchSize();
        int rowsPerBlock = Math.max(1, BLOCK_FLOATS / k);
        float[] block = new float[rowsPerBlock * k];
        for (long first = 0; first < g.rows(); first += rowsPerBlock) {
            int n = (int) Math.min(rowsPerBlock, g.rows() - first);
            colGrad.get((int) (first * k), block, 0, n * k);
            for (int r = 0; r < n; r++) {
                addPatch(block, r * k, g, first + r, dx);
            }
        }
        imageGrad.put(0, dx);
    }

    /** Writes the patch under output position {@code row} = (b, oy, ox) to {@code out} at {@code at}. */
    private static void patch(float[] x, ConvGeometry g, long row, float[] out, int at) {
        int ox = (int) (row % g.outW());
        int oy = (int) (row / g.outW() % g.outH());
        int b = (int) (row / ((long) g.outW() * g.outH()));
        int x0 = ox * g.strideW() - g.padLeft();
        boolean colsInside = x0 >= 0 && x0 + g.kW() <= g.inW();
        int idx = at;
        for (int c = 0; c < g.channels(); c++) {
            int plane = (b * g.channels() + c) * g.inH();
            for (int ky = 0; ky < g.kH(); ky++) {
                int iy = oy * g.strideH() - g.padTop() + ky;
                if (iy < 0 || iy >= g.inH()) {
                    java.util.Arrays.fill(out, idx, idx + g.kW(), 0f);
                    idx += g.kW();
                    continue;
                }
                int rowStart = (plane + iy) * g.inW();
                if (colsInside) {
                    System.arraycopy(x, rowStart + x0, out, idx, g.kW());
                    idx += g.kW();
                    continue;
                }
                for (int kx = 0; kx < g.kW(); kx++) {
                    int ix = x0 + kx;
                    out[idx++] = ix >= 0 && ix < g.inW() ? x[rowStart + ix] : 0f;
                }
            }
        }
    }

    /** Adds the patch gradient at {@code in[at..]} of output position {@code row} onto {@code dx}. */
    private static void addPatch(float[] in, int at, ConvGeometry g, long row, float[] dx) {
        int ox = (int) (row % g.outW());
        int oy = (int) (row / g.outW() % g.outH());
        int b = (int) (row / ((long) g.outW() * g.outH()));
        int x0 = ox * g.strideW() - g.padLeft();
        boolean colsInside = x0 >= 0 && x0 + g.kW() <= g.inW();
        int idx = at;
        for (int c = 0; c < g.channels(); c++) {
            int plane = (b * g.channels() + c) * g.inH();
            for (int ky = 0; ky < g.kH(); ky++) {
                int iy = oy * g.strideH() - g.padTop() + ky;
                if (iy < 0 || iy >= g.inH()) {
                    idx += g.kW();
                    continue;
                }
                int rowStart = (plane + iy) * g.inW();
                if (colsInside) {
                    for (int kx = 0, to = rowStart + x0; kx < g.kW(); kx++) {
                        dx[to + kx] += in[idx + kx];
                    }
                    idx += g.kW();
                    continue;
                }
                for (int kx = 0; kx < g.kW(); kx++) {
                    int ix = x0 + kx;
                    if (ix >= 0 && ix < g.inW()) {
                        dx[rowStart + ix] += in[idx];
                    }
                    idx++;
                }
            }
        }
    }
}
