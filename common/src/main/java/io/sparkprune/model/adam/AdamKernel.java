package io.sparkprune.model.adam;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static io.sparkprune.model.conv.DnnlArrays.pointer;

/**
 * One Adam step over float arrays in Java's vector API, one thread, with libnd4j's formulas in float:
 * m = beta1 m + (1 - beta1) g, v = beta2 v + (1 - beta2) g^2, and g is replaced by the update
 * m alpha_t / (sqrt(v) + eps), alpha_t = lr sqrt(1 - beta2^(t+1)) / (1 - beta1^(t+1)). Only call it when
 * {@link io.sparkprune.simd.VectorModule#PRESENT}.
 */
final class AdamKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private AdamKernel() {
    }

    /** g, m and v: gap-free float arrays of one length; g becomes the update, m and v the new state. */
    static void step(INDArray gradient, INDArray m, INDArray v, double lr, double beta1, double beta2,
                     double epsilon, int iteration) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float eps = epsilon == 0 ? 1e-7f : (float) epsilon; // as libnd4j: no division by sqrt(0)
        float b1t = (float) Math.pow(b1, iteration + 1);
        float b2t = (float) Math.pow(b2, iteration + 1);
        float alpha = (float) lr * (float) Math.sqrt(1f - b2t) / (1f - b1t);
        if (Float.isNaN(alpha) || Float.isInfinite(alpha) || alpha == 0) {
            alpha = eps; // libnd4j's guard
        }
        float g1 = 1f - b1;
        float g2 = 1f - b2;
        int n = (int) gradient.length();
        ByteBuffer g = bytes(gradient, n);
        ByteBuffer mb = bytes(m, n);
        ByteBuffer vb = bytes(v, n);
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            int at = 4 * i;
            FloatVector gv = FloatVector.fromByteBuffer(SPECIES, g, at, ORDER);
            FloatVector mv = FloatVector.fromByteBuffer(SPECIES, mb, at, ORDER).mul(b1).add(gv.mul(g1));
            FloatVector vv = FloatVector.fromByteBuffer(SPECIES, vb, at, ORDER).mul(b2).add(gv.mul(gv).mul(g2));
            mv.intoByteBuffer(mb, at, ORDER);
            vv.intoByteBuffer(vb, at, ORDER);
            mv.mul(alpha).div(vv.lanewise(VectorOperators.SQRT).add(eps)).intoByteBuffer(g, at, ORDER);
        }
        for (; i < n; i++) {
            int at = 4 * i;
            float gi = g.getFloat(at);
            float mi = b1 * mb.getFloat(at) + gi * g1;
            float vi = b2 * vb.getFloat(at) + gi * gi * g2;
            mb.putFloat(at, mi);
            vb.putFloat(at, vi);
            g.putFloat(at, mi * alpha / ((float) Math.sqrt(vi) + eps));
        }
    }

    private static ByteBuffer bytes(INDArray a, int n) {
        return new BytePointer(pointer(a)).capacity(4L * n).asBuffer().order(ORDER);
    }
}
