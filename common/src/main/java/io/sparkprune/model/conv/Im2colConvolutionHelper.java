package io.sparkprune.model.conv;

import io.sparkprune.model.conv.ConvScratch.Role;
import io.sparkprune.simd.VectorModule;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Convolution as Caffe computes it, plugged into DL4J's {@code ConvolutionLayer} through its helper
 * hook: per image, {@link ImageColumns} (im2col in Java, runs of pixels copied in bulk) and one
 * OpenBLAS gemm whose result is already that image's NCHW output. The backward pass rebuilds each
 * image's columns (cheaper than keeping the batch's) for two more gemms per image, the first giving
 * the weight and bias gradients at once (a row of ones under the columns). Every per-image loop is
 * split over the native threads this JVM may use ({@link ImageChunks}). A stride-1
 * forward pass with at most {@link FramedConvolution#MAX_FILTERS} filters (pruned layers, LeNet-5's
 * first, VGG's narrow ones) runs {@link FramedConvolution} instead, without columns, when the JVM has
 * the vector module. Float NCHW without dilation only; for anything else it returns null and DL4J's
 * built-in code runs.
 */
final class Im2colConvolutionHelper implements ConvolutionKernels {
    private boolean inputGradient = true;

    @Override
    public void inputGradient(boolean needed) {
        inputGradient = needed;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    /** Slot 0: the layer's shared buffers and the calling thread's chunk; slot i: chunk i's ({@link ImageChunks}). */
    private final List<ConvScratch> slots = new ArrayList<>(List.of(new ConvScratch()));
    private final ConvScratch scratch = slots.get(0);

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of("scratch", slots.stream().mapToLong(ConvScratch::bytes).sum());
    }

    /** The number of chunks for a loop over {@code images}, with their scratch slots created up front. */
    private int chunks(int images) {
        int chunks = ImageChunks.count(images);
        while (slots.size() < chunks) {
            slots.add(new ConvScratch());
        }
        return chunks;
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides,
                              int[] pad, AlgoMode mode, FwdAlgo fwdAlgo, ConvolutionMode convolutionMode,
                              int[] dilation, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!supported(input, weights, dilation, format)) {
            return null;
        }
        ConvGeometry g = geometry(input, weights, kernel, strides, pad, convolutionMode);
        if (!fitsBuffers(g)) {
            return null;
        }
        int outChannels = (int) weights.size(0);
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[]{g.batch(), outChannels, g.outH(), g.outW()}, 'c');
        if (useFramedKernel(outChannels, g)) {
            framedForward(input, weights, bias, g, outChannels, z);
        } else {
            blasForward(input, weights, bias, g, outChannels, z);
        }
        return z;
    }

    /** Whether this JVM was started with the vector module (the kernel class cannot load without it). */
    static boolean framedKernelAvailable() {
        return VectorModule.PRESENT;
    }

    private static boolean useFramedKernel(int outChannels, ConvGeometry g) {
        return VectorModule.PRESENT && outChannels <= FramedConvolution.MAX_FILTERS && FramedConvolution.supports(g);
    }

    private void framedForward(INDArray input, INDArray weights, INDArray bias, ConvGeometry g, int outChannels,
                               INDArray z) {
        FramedConvolution conv = new FramedConvolution(g);
        int imageOut = outChannels * ImageColumns.positions(g);
        float[] w = copy(weights, Role.WEIGHTS);
        float[] b = bias == null ? null : copy(bias, Role.BIAS);
        float[] x = copy(input, Role.INPUT);
        FloatBuffer zBuffer = NativeFloats.of(z);
        RowMajorGemm.useOneThread(); // as the OpenBLAS path does: the dense layers after it then run alike
        ImageChunks.run(g.batch(), chunks(g.batch()), (slot, from, to) -> {
            ConvScratch s = slots.get(slot);
            float[] framed = s.heap(Role.FRAME, conv.framedLength());
            float[] wide = s.heap(Role.WIDE_OUTPUT, conv.wideLength(outChannels));
            float[] out = s.heap(Role.OUTPUT, imageOut);
            conv.clearFrame(framed);
            for (int image = from; image < to; image++) {
                conv.frame(x, image, framed);
                conv.forward(w, b, outChannels, framed, wide, out);
                zBuffer.put(image * imageOut, out, 0, imageOut);
            }
        });
    }

    private void blasForward(INDArray input, INDArray weights, INDArray bias, ConvGeometry g, int outChannels,
                             INDArray z) {
        int k = g.patchSize();
        int positions = ImageColumns.positions(g);
        // [W | b] times [columns; 1...1] adds the bias inside the gemm
        float[] w = copy(weights, Role.WEIGHTS);
        float[] wb = scratch.heap(Role.WEIGHTS_AND_BIAS, outChannels * (k + 1));
        for (int f = 0; f < outChannels; f++) {
            System.arraycopy(w, f * k, wb, f * (k + 1), k);
            wb[f * (k + 1) + k] = bias == null ? 0f : bias.getFloat(f);
        }
        FloatPointer wbp = scratch.buffer(Role.WEIGHTS_AND_BIAS, (long) outChannels * (k + 1));
        wbp.put(wb, 0, outChannels * (k + 1));
        float[] x = copy(input, Role.INPUT);
        RowMajorGemm.useOneThread();
        ImageChunks.run(g.batch(), chunks(g.batch()), (slot, from, to) -> {
            ConvScratch s = slots.get(slot);
            float[] col = s.heap(Role.COLUMNS, (k + 1) * positions);
            FloatPointer colp = s.buffer(Role.COLUMNS, (long) (k + 1) * positions);
            Arrays.fill(col, k * positions, (k + 1) * positions, 1f);
            colp.position(k * positions).put(col, k * positions, positions);
            try (FloatPointer out = NativeFloats.pointer(z)) {
                for (int image = from; image < to; image++) {
                    ImageColumns.fill(x, image, g, col);
                    colp.position(0).put(col, 0, k * positions);
                    RowMajorGemm.sgemm(false, false, outChannels, positions, k + 1, wbp, k + 1, colp.position(0),
                            positions, 0f, out.position((long) image * outChannels * positions), positions);
                }
            }
        });
        RowMajorGemm.restoreThreads();
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta,
                                                     int[] kernel, int[] strides, int[] pad, INDArray biasGradView,
                                                     INDArray weightGradView, IActivation afn, AlgoMode mode,
                                                     BwdFilterAlgo bwdFilterAlgo, BwdDataAlgo bwdDataAlgo,
                                                     ConvolutionMode convolutionMode, int[] dilation,
                                                     CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!supported(input, weights, dilation, format)) {
            return null;
        }
        ConvGeometry g = geometry(input, weights, kernel, strides, pad, convolutionMode);
        if (!fitsBuffers(g)) {
            return null;
        }
        int outChannels = (int) weights.size(0);
        int k = g.patchSize();
        int positions = ImageColumns.positions(g);
        int inputLength = (int) g.inputLength();
        INDArray deltaC = NativeFloats.contiguous(delta);
        float[] x = copy(input, Role.INPUT);
        boolean withInputGrad = inputGradient;
        float[] dx = withInputGrad ? scratch.heap(Role.INPUT_GRAD, inputLength) : null;
        if (withInputGrad) {
            Arrays.fill(dx, 0, inputLength, 0f);
        }
        FloatPointer wp = scratch.buffer(Role.WEIGHTS, (long) outChannels * k);
        wp.put(copy(weights, Role.WEIGHTS), 0, outChannels * k);
        // With a bias, a row of ones under each image's columns makes the weight-gradient gemm add the
        // bias gradient (the sum of delta over positions) as an extra column: [dW | db] += delta_i * [col_i; 1]^T
        boolean withBias = biasGradView != null;
        int kb = withBias ? k + 1 : k;
        int chunks = chunks(g.batch());
        RowMajorGemm.useOneThread();
        ImageChunks.run(g.batch(), chunks, (slot, from, to) -> {
            ConvScratch s = slots.get(slot);
            float[] col = s.heap(Role.COLUMNS, kb * positions);
            FloatPointer colp = s.buffer(Role.COLUMNS, (long) kb * positions);
            if (withBias) {
                Arrays.fill(col, k * positions, kb * positions, 1f);
                colp.position(k * positions).put(col, k * positions, positions).position(0);
            }
            FloatPointer dcolp = withInputGrad ? s.buffer(Role.COLUMN_GRAD, (long) k * positions) : null;
            FloatPointer dwp = s.buffer(Role.WEIGHT_GRAD, (long) outChannels * kb);
            try (FloatPointer d = NativeFloats.pointer(deltaC)) {
                for (int image = from; image < to; image++) {
                    d.position((long) image * outChannels * positions);
                    ImageColumns.fill(x, image, g, col);
                    colp.put(col, 0, k * positions);
                    // [dW | db]_chunk += delta_i [out, positions] * [columns_i; 1]^T ; dColumns_i = W^T * delta_i
                    RowMajorGemm.sgemm(false, true, outChannels, kb, positions, d, positions, colp, positions,
                            image == from ? 0f : 1f, dwp, kb);
                    if (withInputGrad) {
                        RowMajorGemm.sgemm(true, false, k, positions, outChannels, wp, k, d, positions, 0f, dcolp,
                                positions);
                        dcolp.get(col, 0, k * positions);
                        ImageColumns.addBack(col, g, dx, image); // each image's own part of dx: chunks never overlap
                    }
                }
            }
        });
        RowMajorGemm.restoreThreads();
        int gradLength = outChannels * kb;
        float[] grads = scratch.heap(Role.GRADS, gradLength);
        slots.get(0).buffer(Role.WEIGHT_GRAD, gradLength).get(grads, 0, gradLength);
        float[] chunkGrads = chunks > 1 ? scratch.heap(Role.CHUNK_GRADS, gradLength) : null;
        for (int slot = 1; slot < chunks; slot++) { // in slot order: the same sum for the same thread count
            slots.get(slot).buffer(Role.WEIGHT_GRAD, gradLength).get(chunkGrads, 0, gradLength);
            for (int i = 0; i < gradLength; i++) {
                grads[i] += chunkGrads[i];
            }
        }
        float[] weightGrad = new float[outChannels * k]; // small: one copy straight into DL4J's gradient views
        float[] biasGrad = new float[outChannels];
        for (int f = 0; f < outChannels; f++) {
            System.arraycopy(grads, f * kb, weightGrad, f * k, k);
            if (withBias) {
                biasGrad[f] = grads[f * kb + k];
            }
        }
        weightGradView.assign(Nd4j.create(weightGrad, weightGradView.shape(), 'c'));
        if (withBias) {
            biasGradView.assign(Nd4j.create(biasGrad, biasGradView.shape(), 'c'));
        }
        INDArray inputGrad = null;
        if (withInputGrad) {
            inputGrad = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
            NativeFloats.of(inputGrad).put(0, dx, 0, inputLength);
        }

        Gradient gradient = new DefaultGradient();
        if (biasGradView != null) {
            gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        return new Pair<>(gradient, inputGrad);
    }

    @Override
    public INDArray activate(INDArray z, IActivation afn, boolean training) {
        return null; // DL4J applies the activation itself
    }

    /** {@code a}'s elements in C order, in the scratch array of {@code role} (which may be longer). */
    private float[] copy(INDArray a, Role role) {
        float[] out = scratch.heap(role, (int) a.length());
        NativeFloats.of(NativeFloats.contiguous(a)).get(0, out, 0, (int) a.length());
        return out;
    }

    /** Java buffers are int-indexed: larger problems go to DL4J's own code. */
    private static boolean fitsBuffers(ConvGeometry g) {
        return (long) (g.patchSize() + 1) * ImageColumns.positions(g) <= Integer.MAX_VALUE
                && g.inputLength() <= Integer.MAX_VALUE;
    }

    private static boolean supported(INDArray input, INDArray weights, int[] dilation, CNN2DFormat format) {
        return format == CNN2DFormat.NCHW && input.rank() == 4 && input.dataType() == DataType.FLOAT
                && weights.dataType() == DataType.FLOAT && Arrays.stream(dilation).allMatch(d -> d == 1);
    }

    static ConvGeometry geometry(INDArray input, INDArray weights, int[] kernel, int[] strides, int[] pad,
                                         ConvolutionMode mode) {
        int inH = (int) input.size(2);
        int inW = (int) input.size(3);
        int outH = mode == ConvolutionMode.Same ? ceilDiv(inH, strides[0]) : (inH + 2 * pad[0] - kernel[0]) / strides[0] + 1;
        int outW = mode == ConvolutionMode.Same ? ceilDiv(inW, strides[1]) : (inW + 2 * pad[1] - kernel[1]) / strides[1] + 1;
        return new ConvGeometry((int) input.size(0), (int) weights.size(1), inH, inW, kernel[0], kernel[1],
                strides[0], strides[1], pad[0], pad[1], outH, outW);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
