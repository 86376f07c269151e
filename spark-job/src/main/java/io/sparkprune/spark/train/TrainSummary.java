package io.sparkprune.spark.train;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RunConfig;
import io.sparkprune.results.CurvePoint;
import org.nd4j.shade.jackson.annotation.JsonIgnoreProperties;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.DeserializationFeature;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.sparkprune.results.ResultColumns.ACCURACY_AFTER_FINETUNE;
import static io.sparkprune.results.ResultColumns.ACCURACY_AFTER_PRUNE;
import static io.sparkprune.results.ResultColumns.ACCURACY_BEFORE_PRUNE;
import static io.sparkprune.results.ResultColumns.FILTERS_AFTER;
import static io.sparkprune.results.ResultColumns.FILTERS_BEFORE;
import static io.sparkprune.results.ResultColumns.FLOPS_AFTER;
import static io.sparkprune.results.ResultColumns.FLOPS_BEFORE;
import static io.sparkprune.results.ResultColumns.PARAMS_AFTER;
import static io.sparkprune.results.ResultColumns.PARAMS_BEFORE;
import static io.sparkprune.results.ResultColumns.TRAIN_SECONDS;
import static io.sparkprune.results.ResultColumns.VAL_ACCURACY_AFTER_FINETUNE;
import static io.sparkprune.results.ResultColumns.VAL_ACCURACY_AFTER_PRUNE;
import static io.sparkprune.results.ResultColumns.VAL_ACCURACY_BEFORE_PRUNE;

/**
 * The record of one train run: {@code OUT/summary.json}, with the results columns' names for its
 * metrics. Per-layer filter maps are keyed by layer name. Where they came from (versions, master,
 * command line) is in {@code OUT/run.json} beside it.
 *
 * @param curve the trained model pruned at {@code prune.threshold}
 * @param data  what the run read (image counts, pixel scaling); null in a summary written before
 *              versions recorded it
 */
public record TrainSummary(RunConfig config, CurvePoint curve, Map<String, Integer> filtersBefore,
                           Map<String, Integer> filtersAfter, List<EpochReport> epochs, DataSummary data) {
    public static final String FILE = "summary.json";

    public double accuracyBeforePrune() {
        return curve.accuracyBeforePrune();
    }

    public double accuracyAfterPrune() {
        return curve.accuracyAfterPrune();
    }

    public long paramsBefore() {
        return curve.paramsBefore();
    }

    public long paramsAfter() {
        return curve.paramsAfter();
    }

    public double trainSeconds() {
        return epochs.stream().mapToDouble(EpochReport::seconds).sum();
    }

    /** Training throughput over all epochs of this run (0 when it trained none). */
    public double samplesPerSecond() {
        double seconds = trainSeconds();
        return seconds == 0 ? 0 : epochs.stream().mapToDouble(e -> e.samplesPerSecond() * e.seconds()).sum() / seconds;
    }

    /** One line a user reads first. */
    public String headline() {
        return String.format("accuracy %.4f -> %.4f pruned%s; conv filters %s -> %s; params %,d -> %,d (%.1fx); FLOPs %,d -> %,d (%.1fx)",
                curve.accuracyBeforePrune(), curve.accuracyAfterPrune(), curve.accuracyAfterFinetune() == null ? ""
                        : String.format(" -> %.4f fine-tuned", curve.accuracyAfterFinetune()),
                curve.filtersBefore(), curve.filtersAfter(), curve.paramsBefore(), curve.paramsAfter(),
                ratio(curve.paramsBefore(), curve.paramsAfter()), curve.flopsBefore(), curve.flopsAfter(),
                ratio(curve.flopsBefore(), curve.flopsAfter()));
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config", config.toFlatMap());
        if (data != null) {
            m.put("data", dataJson(data));
        }
        m.put(ACCURACY_BEFORE_PRUNE, curve.accuracyBeforePrune());
        m.put(ACCURACY_AFTER_PRUNE, curve.accuracyAfterPrune());
        m.put(ACCURACY_AFTER_FINETUNE, curve.accuracyAfterFinetune());
        if (curve.valAccuracyBeforePrune() != null) {
            m.put(VAL_ACCURACY_BEFORE_PRUNE, curve.valAccuracyBeforePrune());
            m.put(VAL_ACCURACY_AFTER_PRUNE, curve.valAccuracyAfterPrune());
            m.put(VAL_ACCURACY_AFTER_FINETUNE, curve.valAccuracyAfterFinetune());
        }
        m.put(FILTERS_BEFORE, filtersBefore);
        m.put(FILTERS_AFTER, filtersAfter);
        m.put(PARAMS_BEFORE, curve.paramsBefore());
        m.put(PARAMS_AFTER, curve.paramsAfter());
        m.put(FLOPS_BEFORE, curve.flopsBefore());
        m.put(FLOPS_AFTER, curve.flopsAfter());
        m.put(TRAIN_SECONDS, trainSeconds());
        m.put("samples_per_second", samplesPerSecond());
        m.put("epochs", epochs.stream().map(TrainSummary::epochJson).toList());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary is plain maps and numbers", e);
        }
    }

    /**
     * A summary.json as written by {@link #toJson} (by this or an older version; fields it does not
     * know are skipped). The config is the built-in defaults with the recorded values over them.
     */
    public static TrainSummary fromJson(String json) {
        Stored s;
        try {
            s = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json, Stored.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a train summary (" + FILE + "): " + e.getOriginalMessage(), e);
        }
        if (s.config == null) {
            throw new IllegalArgumentException(FILE + " records no config");
        }
        RunConfig cfg = ConfigLoader.withValues(ConfigLoader.runConfig(ConfigLoader.defaults()), s.config);
        Map<String, Integer> before = s.filtersBefore == null ? Map.of() : s.filtersBefore;
        Map<String, Integer> after = s.filtersAfter == null ? Map.of() : s.filtersAfter;
        CurvePoint curve = new CurvePoint(cfg.prune().threshold(), CurvePoint.GRID, s.accuracyBeforePrune,
                s.accuracyAfterPrune, CurvePoint.join(before), CurvePoint.join(after), s.paramsBefore, s.paramsAfter,
                s.flopsBefore, s.flopsAfter, s.accuracyAfterFinetune, s.valAccuracyBeforePrune, s.valAccuracyAfterPrune,
                s.valAccuracyAfterFinetune);
        List<EpochReport> epochs = s.epochs == null ? List.of() : s.epochs.stream().map(e -> new EpochReport(e.epoch,
                cfg.train().epochs(), e.loss, e.regularization, e.testAccuracy, e.seconds, e.samplesPerSecond)).toList();
        DataSummary data = s.data == null ? null
                : new DataSummary(s.data.trainImages, s.data.validationImages, s.data.testImages, s.data.pixelMean,
                        s.data.pixelStd);
        return new TrainSummary(cfg, curve, before, after, epochs, data);
    }

    private static double ratio(long before, long after) {
        return after == 0 ? Double.POSITIVE_INFINITY : (double) before / after;
    }

    /** summary.json's shape, for Jackson. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private static final class Stored {
        @JsonProperty("config") Map<String, Object> config;
        @JsonProperty("data") DataJson data;
        @JsonProperty(ACCURACY_BEFORE_PRUNE) double accuracyBeforePrune;
        @JsonProperty(ACCURACY_AFTER_PRUNE) double accuracyAfterPrune;
        @JsonProperty(ACCURACY_AFTER_FINETUNE) Double accuracyAfterFinetune;
        @JsonProperty(VAL_ACCURACY_BEFORE_PRUNE) Double valAccuracyBeforePrune;
        @JsonProperty(VAL_ACCURACY_AFTER_PRUNE) Double valAccuracyAfterPrune;
        @JsonProperty(VAL_ACCURACY_AFTER_FINETUNE) Double valAccuracyAfterFinetune;
        @JsonProperty(FILTERS_BEFORE) LinkedHashMap<String, Integer> filtersBefore;
        @JsonProperty(FILTERS_AFTER) LinkedHashMap<String, Integer> filtersAfter;
        @JsonProperty(PARAMS_BEFORE) long paramsBefore;
        @JsonProperty(PARAMS_AFTER) long paramsAfter;
        @JsonProperty(FLOPS_BEFORE) long flopsBefore;
        @JsonProperty(FLOPS_AFTER) long flopsAfter;
        @JsonProperty("epochs") List<EpochJson> epochs;
    }

    private static Map<String, Object> dataJson(DataSummary d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("train_images", d.trainImages());
        m.put("validation_images", d.validationImages());
        m.put("test_images", d.testImages());
        m.put("pixel_mean", d.pixelMean());
        m.put("pixel_std", d.pixelStd());
        return m;
    }

    /** The data block as {@link #dataJson} writes it, for Jackson. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private static final class DataJson {
        @JsonProperty("train_images") int trainImages;
        @JsonProperty("validation_images") int validationImages;
        @JsonProperty("test_images") int testImages;
        @JsonProperty("pixel_mean") List<Double> pixelMean = List.of();
        @JsonProperty("pixel_std") List<Double> pixelStd = List.of();
    }

    private static Map<String, Object> epochJson(EpochReport e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", e.epoch());
        m.put("loss", e.loss());
        m.put("regularization", e.regularization());
        m.put("test_accuracy", e.testAccuracy());
        m.put("seconds", e.seconds());
        m.put("samples_per_second", e.samplesPerSecond());
        return m;
    }

    /** One epoch as {@link #epochJson} writes it, for Jackson. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private static final class EpochJson {
        @JsonProperty("epoch") int epoch;
        @JsonProperty("loss") double loss;
        @JsonProperty("regularization") double regularization;
        @JsonProperty("test_accuracy") double testAccuracy;
        @JsonProperty("seconds") double seconds;
        @JsonProperty("samples_per_second") double samplesPerSecond;
    }
}
