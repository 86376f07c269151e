package io.sparkprune.peer;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.Shuffling;
import org.nd4j.linalg.dataset.DataSet;

import java.util.Iterator;

/**
 * A DJL network in training, set up like sparkprune's DL4J networks: Xavier init as DL4J draws it
 * (normal, variance 2 / (fanIn + fanOut)), zero biases, Adam with DL4J's defaults (beta 0.9 /
 * 0.999, epsilon 1e-8), softmax cross-entropy. An epoch reads the same shuffled minibatches
 * {@link io.sparkprune.train.LocalTrainer} feeds DL4J, so data assembly costs both sides alike.
 */
final class DjlTraining implements AutoCloseable {
    private final Model model;
    private final Trainer trainer;

    DjlTraining(SequentialBlock block, Shape batchInput, float learningRate, long seed) {
        Engine.getEngine(PeerEngine.PYTORCH).setRandomSeed((int) seed);
        model = Model.newInstance("peer", PeerEngine.PYTORCH);
        model.setBlock(block);
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                        XavierInitializer.FactorType.AVG, 1f), Parameter.Type.WEIGHT)
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate))
                        .optBeta1(0.9f).optBeta2(0.999f).optEpsilon(1e-8f).build());
        trainer = model.newTrainer(config);
        trainer.initialize(batchInput);
    }

    /** Every parameter element, batch-norm running statistics included (DL4J counts them too). */
    long parameterCount() {
        return model.getBlock().getParameters().values().stream()
                .mapToLong(p -> p.getArray().size()).sum();
    }

    /** Sum of the first layer's weights: lets a test see training move them. */
    float firstWeightSum() {
        return model.getBlock().getParameters().valueAt(0).getArray().sum().getFloat();
    }

    void epoch(LabeledImages images, int batchSize, long seed) {
        Iterator<DataSet> batches = Shuffling.shuffled(images, seed).minibatchIterator(batchSize);
        while (batches.hasNext()) {
            DataSet b = batches.next();
            NDManager manager = trainer.getManager().newSubManager();
            NDArray x = manager.create(b.getFeatures().data().asFloat(), new Shape(b.getFeatures().shape()));
            NDArray y = manager.create(b.getLabels().argMax(1).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)
                    .data().asFloat());
            try (Batch batch = new Batch(manager, new NDList(x), new NDList(y), (int) b.numExamples(),
                    Batchifier.STACK, Batchifier.STACK, 0, 0)) {
                EasyTrain.trainBatch(trainer, batch);
                trainer.step();
            }
        }
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }
}
