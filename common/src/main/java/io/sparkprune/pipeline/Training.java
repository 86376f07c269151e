package io.sparkprune.pipeline;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** How a pipeline trains: in this JVM or with parameter averaging on a cluster. */
@FunctionalInterface
public interface Training {
    /** Trains epochs {@code firstEpoch} to {@code lastEpoch} (1-based, inclusive); returns the trained network. */
    MultiLayerNetwork train(MultiLayerNetwork net, int firstEpoch, int lastEpoch);
}
