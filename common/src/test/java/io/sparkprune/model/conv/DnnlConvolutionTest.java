package io.sparkprune.model.conv;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static io.sparkprune.model.conv.DnnlArrays.pointer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backward pass reuses the blocked copy of its input that the forward pass of the same step made, and
 * only that: any other input is reordered again, so the gradients never come from a stale copy.
 */
class DnnlConvolutionTest {
    /** VGG's 16 -> 16 3x3 block, padded: oneDNN computes it in a blocked layout, so its input is reordered. */
    private static final ConvGeometry VGG_BLOCK = new ConvGeometry(4, 16, 8, 8, 3, 3, 1, 1, 1, 1, 8, 8);
    private static final int FILTERS = 16;

    @Test
    void theBackwardPassUsesTheForwardsBlockedInputOnlyWhenItIsTheSameInput() {
        assertTrue(DnnlRuntime.available(), "oneDNN did not load");
        INDArray xa = random(1, 4, 16, 8, 8);
        INDArray xb = random(2, 4, 16, 8, 8);
        INDArray w = random(3, FILTERS, 16, 3, 3);
        INDArray dz = random(4, 4, FILTERS, 8, 8);

        // reference: a fresh primitive whose backward reorders the input itself
        DnnlConvolution fresh = new DnnlConvolution(VGG_BLOCK, FILTERS, true);
        Gradients expected = backward(fresh, xb, w, dz);
        assertEquals(0, fresh.heldInputBackwards);

        DnnlConvolution conv = new DnnlConvolution(VGG_BLOCK, FILTERS, true);
        conv.forward(pointer(xb), pointer(w), pointer(Nd4j.zeros(DataType.FLOAT, FILTERS)), pointer(output()));
        Gradients sameInput = backward(conv, xb, w, dz);
        assertEquals(1, conv.heldInputBackwards, "the forward's blocked input served the backward pass");
        sameInput.assertEquals(expected);

        conv.forward(pointer(xa), pointer(w), pointer(Nd4j.zeros(DataType.FLOAT, FILTERS)), pointer(output()));
        Gradients otherInput = backward(conv, xb, w, dz);
        assertEquals(1, conv.heldInputBackwards, "another input than the forward's is reordered again");
        otherInput.assertEquals(expected);

        Gradients again = backward(conv, xb, w, dz);
        assertEquals(1, conv.heldInputBackwards, "a second backward pass after one forward reorders again");
        again.assertEquals(expected);
    }

    private record Gradients(INDArray dw, INDArray db, INDArray dx) {
        void assertEquals(Gradients expected) {
            org.junit.jupiter.api.Assertions.assertEquals(expected.dw, dw, "weight gradient");
            org.junit.jupiter.api.Assertions.assertEquals(expected.db, db, "bias gradient");
            org.junit.jupiter.api.Assertions.assertEquals(expected.dx, dx, "input gradient");
        }
    }

    private static Gradients backward(DnnlConvolution conv, INDArray x, INDArray w, INDArray dz) {
        Gradients g = new Gradients(Nd4j.zeros(DataType.FLOAT, w.shape()), Nd4j.zeros(DataType.FLOAT, FILTERS),
                Nd4j.zeros(DataType.FLOAT, x.shape()));
        conv.backward(pointer(x), pointer(w), pointer(dz), pointer(g.dw), pointer(g.db), pointer(g.dx));
        return g;
    }

    private static INDArray output() {
        return Nd4j.zeros(DataType.FLOAT, 4, FILTERS, 8, 8);
    }

    private static INDArray random(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, shape).subi(0.5);
    }
}
