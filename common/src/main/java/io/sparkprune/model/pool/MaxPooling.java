package io.sparkprune.model.pool;

import java.nio.FloatBuffer;

/**
 * Max pooling without padding over NCHW float planes, as libnd4j's {@code maxpool2d} /
 * {@code maxpool2d_bp} compute it: each window's maximum, and in the backward pass its gradient added
 * to the first maximal element in row-major window order (ReLU outputs tie at 0 often).
 */
record MaxPooling(int planes, int inH, int inW, int kH, int kW, int strideH, int strideW) {

    int outH() {
        return (inH - kH) / strideH + 1;
    }

    int outW() {
        return (inW - kW) / strideW + 1;
    }

    /** y[plane, oy, ox] = max of x over the window; buffers in C order. */
    void forward(FloatBuffer x, FloatBuffer y) {
        int outH = outH();
        int outW = outW();
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int plane = p * inH * inW;
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    y.put(o++, x.get(argMax(x, plane + oy * strideH * inW + ox * strideW)));
                }
            }
        }
    }

    /** dx (zeroed by the caller) += each output gradient at its window's first maximum. */
    void backward(FloatBuffer x, FloatBuffer dy, FloatBuffer dx) {
        int outH = outH();
        int outW = outW();
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int plane = p * inH * inW;
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int at = argMax(x, plane + oy * strideH * inW + ox * strideW);
                    dx.put(at, dx.get(at) + dy.get(o++));
                }
            }
        }
    }

    /** Index of the window's first largest element; the window's top-left element is at {@code corner}. */
    private int argMax(FloatBuffer x, int corner) {
        int best = corner;
        float max = -Float.MAX_VALUE;
        for (int ky = 0; ky < kH; ky++) {
            int row = corner + ky * inW;
            for (int kx = 0; kx < kW; kx++) {
                float v = x.get(row + kx);
                if (v > max) {
                    max = v;
                    best = row + kx;
                }
            }
        }
        return best;
    }
}
