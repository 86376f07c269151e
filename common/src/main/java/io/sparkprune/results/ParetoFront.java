package io.sparkprune.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The models no other model beats on both size (smaller) and accuracy (higher). */
public final class ParetoFront {
    private ParetoFront() {
    }

    /** The front in ascending size; ties in size keep only the most accurate. */
    public static <T> List<T> of(List<T> items, ToDoubleFunction<T> size, ToDoubleFunction<T> accuracy) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingDouble(size).thenComparing(Comparator.comparingDouble(accuracy).reversed()));
        List<T> front = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (T t : sorted) {
            if (accuracy.applyAsDouble(t) > best) {
                front.add(t);
                best = accuracy.applyAsDouble(t);
            }
        }
        return front;
    }
}
