package io.sparkprune.spark.train;

import io.sparkprune.config.RunConfig;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.SerializationFeature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The record of one train run: {@code OUT/summary.json}. Per-layer maps are keyed by layer name. */
public record TrainSummary(RunConfig config, double accuracyBeforePrune, double accuracyAfterPrune,
                           Double accuracyAfterFinetune, Map<String, Integer> filtersBefore,
                           Map<String, Integer> filtersAfter, long paramsBefore, long paramsAfter,
                           long flopsBefore, long flopsAfter, List<EpochReport> epochs) {

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
                accuracyBeforePrune, accuracyAfterPrune,
                accuracyAfterFinetune == null ? "" : String.format(" -> %.4f fine-tuned", accuracyAfterFinetune),
                join(filtersBefore), join(filtersAfter), paramsBefore, paramsAfter, ratio(paramsBefore, paramsAfter),
                flopsBefore, flopsAfter, ratio(flopsBefore, flopsAfter));
    }

    public String toJson(Map<String, Object> provenance) {
        return toJson(provenance, null);
    }

    /** With {@code data} (may be null): what the run read, e.g. the pixel scaling of each channel. */
    public String toJson(Map<String, Object> provenance, Map<String, Object> data) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config", config.toFlatMap());
        if (data != null) {
            m.put("data", data);
        }
        m.put("accuracy_before_prune", accuracyBeforePrune);
        m.put("accuracy_after_prune", accuracyAfterPrune);
        m.put("accuracy_after_finetune", accuracyAfterFinetune);
        m.put("filters_before", filtersBefore);
        m.put("filters_after", filtersAfter);
        m.put("params_before", paramsBefore);
        m.put("params_after", paramsAfter);
        m.put("flops_before", flopsBefore);
        m.put("flops_after", flopsAfter);
        m.put("train_seconds", trainSeconds());
        m.put("samples_per_second", samplesPerSecond());
        m.put("epochs", epochs.stream().map(TrainSummary::epochJson).toList());
        m.put("provenance", provenance);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary is plain maps and numbers", e);
        }
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

    private static String join(Map<String, Integer> filters) {
        return filters.values().stream().map(String::valueOf).collect(Collectors.joining("-"));
    }

    private static double ratio(long before, long after) {
        return after == 0 ? Double.POSITIVE_INFINITY : (double) before / after;
    }
}
