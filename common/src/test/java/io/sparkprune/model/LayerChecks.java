package io.sparkprune.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the fast layers' tests share: labels for their small networks, their gradient, and the float tolerance they compare with. */
public final class LayerChecks {
    private LayerChecks() {
    }

    /** One-hot labels of {@code n} examples over three classes, example i in class i mod 3. */
    public static INDArray threeClassLabels(int n) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        return y;
    }

    /** Same length and every element within 1e-4 of the expected array's largest magnitude (at least 1e-3). */
    public static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(expected.length(), actual.length(), what + ": length");
        double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-4 * scale, what + ": max |difference| " + diff + " vs scale " + scale);
    }

    /** The gradient of every parameter of {@code net} on {@code batch} (a copy: the next pass reuses the view). */
    public static INDArray gradient(MultiLayerNetwork net, DataSet batch) {
        net.setInput(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        return net.gradient().gradient().dup();
    }
}
