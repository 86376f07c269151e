package io.sparkprune.model.conv;

/**
 * Shapes of one 2-D convolution over an NCHW minibatch. {@code padTop}/{@code padLeft} are the
 * top-left zero padding; output positions that reach past the bottom/right edge read zeros, which
 * also covers the asymmetric padding of DL4J's {@code Same} mode.
 */
record ConvGeometry(int batch, int channels, int inH, int inW, int kH, int kW, int strideH, int strideW,
                    int padTop, int padLeft, int outH, int outW) {

    /** Values per patch: the rows of one image's column matrix, in the weights' [c, kh, kw] order. */
    int patchSize() {
        return channels * kH * kW;
    }

    long inputLength() {
        return (long) batch * channels * inH * inW;
    }
}
