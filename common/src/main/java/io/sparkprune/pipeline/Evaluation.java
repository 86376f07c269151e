package io.sparkprune.pipeline;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** How a pipeline measures test accuracy: in this JVM or on the executors. */
@FunctionalInterface
public interface Evaluation {
    double accuracy(MultiLayerNetwork net);
}
