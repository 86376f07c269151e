package io.sparkprune.results;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * One regularizer's smallest model at an accuracy floor, picked separately in each replicate
 * index it trained (empty where no model of that replicate reaches the floor).
 */
public record FloorSelection(String regularizer, double floor, Map<Integer, Optional<ResultRecord>> byReplicate) {
    public FloorSelection {
        byReplicate = Map.copyOf(byReplicate);
    }

    /** The picked models, by replicate index. */
    public List<ResultRecord> picked() {
        return byReplicate.keySet().stream().sorted().map(byReplicate::get).flatMap(Optional::stream).toList();
    }

    /** How many replicates reached the floor. */
    public int reached() {
        return picked().size();
    }

    /** How many replicates the regularizer trained. */
    public int replicates() {
        return byReplicate.size();
    }

    /** The picked model of replicate {@code r}, if that replicate reached the floor. */
    public Optional<ResultRecord> of(int replicate) {
        return byReplicate.getOrDefault(replicate, Optional.empty());
    }

    /** A measure of the picked models over the replicates that reached the floor (at least one must). */
    public Estimate estimate(ToDoubleFunction<ResultRecord> measure) {
        return Estimate.of(picked().stream().mapToDouble(measure).toArray());
    }
}
