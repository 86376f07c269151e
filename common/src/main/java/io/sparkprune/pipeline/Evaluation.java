package io.sparkprune.pipeline;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.function.ToDoubleFunction;

/**
 * How a pipeline measures accuracy, in this JVM or on the executors: on the test images, and on the
 * validation images held out by {@code data.validation} (the ones selections are made on).
 */
public interface Evaluation {
    /** Accuracy on the test images. */
    double accuracy(MultiLayerNetwork net);

    /** Accuracy on the validation images, or null when the run holds none out. */
    Double validationAccuracy(MultiLayerNetwork net);

    /** An evaluation from its two measures; {@code validation} null when there are no validation images. */
    static Evaluation of(ToDoubleFunction<MultiLayerNetwork> test, ToDoubleFunction<MultiLayerNetwork> validation) {
        return new Evaluation() {
            @Override
            public double accuracy(MultiLayerNetwork net) {
                return test.applyAsDouble(net);
            }

            @Override
            public Double validationAccuracy(MultiLayerNetwork net) {
                return validation == null ? null : validation.applyAsDouble(net);
            }
        };
    }
}
