package io.sparkprune.config;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything one training run needs, validated when built. Immutable and serializable, so
 * it can travel to executors as it is.
 */
public record RunConfig(DataConfig data, ModelConfig model, TrainConfig train, RegularizerConfig regularizer,
                        PruneConfig prune, SparkSettings spark) implements Serializable {

    /** Every key with its value as written in configs, in a stable order (for records and provenance). */
    public Map<String, Object> toFlatMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data.name", data.name().configName());
        m.put("data.dir", data.dir());
        m.put("data.train-limit", data.trainLimit());
        m.put("data.test-limit", data.testLimit());
        m.put("data.height", data.height());
        m.put("data.width", data.width());
        m.put("data.channels", data.channels());
        m.put("data.classes", data.classes());
        m.put("data.augment", data.augment().configName());
        m.put("data.normalize", data.normalize().configName());
        m.put("model.arch", model.arch().configName());
        m.put("model.width", model.width());
        m.put("model.convolution", model.convolution().configName());
        m.put("train.epochs", train.epochs());
        m.put("train.batch-size", train.batchSize());
        m.put("train.lr", train.lr());
        m.put("train.lr-schedule", train.lrSchedule().configName());
        m.put("train.seed", train.seed());
        m.put("regularizer.type", regularizer.type().configName());
        m.put("regularizer.lambda", regularizer.lambda());
        m.put("regularizer.group", regularizer.group().configName());
        m.put("regularizer.dense", regularizer.dense());
        m.put("prune.rule", prune.rule().configName());
        m.put("prune.threshold", prune.threshold());
        m.put("prune.finetune-epochs", prune.finetuneEpochs());
        m.put("spark.mode", spark.mode().configName());
        m.put("spark.averaging-frequency", spark.averagingFrequency());
        m.put("spark.task-threads", spark.taskThreads());
        return m;
    }
}
