package io.sparkprune.regularization;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The [nOut, nIn, spatial] view groups the right coefficients, for every layout DL4J passes, and writes through. */
class LayerShapeTest {

    @Test
    void convFilterIsAxisZeroAndChannelAxisOne() {
        INDArray flat = Nd4j.rand(DataType.DOUBLE, 1, 4 * 3 * 2 * 2);
        INDArray shaped = flat.reshape('c', 4, 3, 2, 2);
        LayerShape shape = LayerShape.conv(4, 3, 2, 2);
        for (INDArray w : new INDArray[]{flat, shaped}) {
            INDArray v = shape.view(w);
            for (int f = 0; f < 4; f++) {
                assertEquals(shaped.get(NDArrayIndex.point(f)).norm2Number().doubleValue(),
                        v.get(NDArrayIndex.point(f)).norm2Number().doubleValue(), 1e-15);
            }
            for (int c = 0; c < 3; c++) {
                assertEquals(shaped.get(NDArrayIndex.all(), NDArrayIndex.point(c)).norm2Number().doubleValue(),
                        v.get(NDArrayIndex.all(), NDArrayIndex.point(c)).norm2Number().doubleValue(), 1e-15);
            }
        }
    }

    @Test
    void denseNeuronIsAColumnOfTheFOrderMatrix() {
        INDArray flat = Nd4j.rand(DataType.DOUBLE, 1, 5 * 3);
        INDArray shaped = flat.reshape('f', 5, 3); // [nIn, nOut] as DL4J holds dense W
        LayerShape shape = LayerShape.dense(5, 3);
        for (INDArray w : new INDArray[]{flat, shaped}) {
            INDArray v = shape.view(w);
            for (int j = 0; j < 3; j++) {
                assertEquals(shaped.getColumn(j).norm2Number().doubleValue(),
                        v.get(NDArrayIndex.point(j)).norm2Number().doubleValue(), 1e-15, "neuron " + j);
            }
            for (int i = 0; i < 5; i++) {
                assertEquals(shaped.getRow(i).norm2Number().doubleValue(),
                        v.get(NDArrayIndex.all(), NDArrayIndex.point(i)).norm2Number().doubleValue(), 1e-15,
                        "input " + i);
            }
        }
    }

    @Test
    void viewOfAFlatGradientSliceWritesThrough() {
        INDArray all = Nd4j.zeros(DataType.FLOAT, 1, 100);
        INDArray slice = all.get(NDArrayIndex.point(0), NDArrayIndex.interval(10, 10 + 24)).reshape(1, 24);
        LayerShape.conv(2, 3, 2, 2).view(slice).addi(1);
        assertEquals(24.0, all.sumNumber().doubleValue());
        assertEquals(1.0, all.getDouble(10));
        assertEquals(0.0, all.getDouble(9));
    }

    @Test
    void rejectsWeightsOfAnotherSize() {
        assertThrows(IllegalArgumentException.class, () -> LayerShape.conv(2, 3, 2, 2).view(Nd4j.zeros(1, 23)));
    }
}
