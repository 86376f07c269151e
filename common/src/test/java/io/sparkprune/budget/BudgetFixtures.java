package io.sparkprune.budget;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.data.DataSplits;
import io.sparkprune.data.LabeledImages;
import io.sparkprune.data.PatternImages;
import io.sparkprune.model.Networks;
import io.sparkprune.train.LocalTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;
import java.util.Random;

/** A small LeNet-5 trained briefly on pattern images, with train, validation and test splits. */
public final class BudgetFixtures {
    public static final DataSplits DATA = new DataSplits(PatternImages.mnistShaped(600, 1),
            PatternImages.mnistShaped(200, 3), PatternImages.mnistShaped(200, 2));

    private BudgetFixtures() {
    }

    public static RunConfig config(String... sets) {
        List<String> all = new java.util.ArrayList<>(List.of("model.width=0.25", "regularizer.type=l1l2",
                "regularizer.lambda=0.01", "train.lr=0.003", "train.batch-size=32", "data.validation=200"));
        all.addAll(List.of(sets));
        return ConfigLoader.runConfig(ConfigLoader.load(null, all));
    }

    /** Trained for one epoch: accurate, with some filters the penalty has weakened and some it has not. */
    public static MultiLayerNetwork trained() {
        RunConfig cfg = config();
        MultiLayerNetwork net = Networks.create(cfg);
        LocalTrainer.fit(net, DATA.train(), 1, cfg.train().batchSize(), cfg.train().seed());
        return net;
    }

    /** Noise pixels with random labels, in the shape of {@code like}. */
    public static LabeledImages garbage(LabeledImages like, long seed) {
        Random r = new Random(seed);
        byte[] pixels = new byte[like.count() * like.pixelsPerImage()];
        byte[] labels = new byte[like.count()];
        r.nextBytes(pixels);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) r.nextInt(like.numClasses());
        }
        return LabeledImages.of(pixels, labels, like.channels(), like.height(), like.width());
    }
}
