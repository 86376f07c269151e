package io.sparkprune.halving;

import io.sparkprune.config.ConfigException;
import io.sparkprune.config.ConfigKeys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rungs of successive halving: the epochs at which the points still alive are measured and
 * ranked, {@code minEpochs * eta^k} for k = 0, 1, ... while below the budget, then the budget itself
 * (the last rung, where the survivors finish as a full sweep's points do).
 */
public final class HalvingRungs {
    private HalvingRungs() {
    }

    /** Each rung's epochs, ascending, the last one {@code budget}. */
    public static List<Integer> of(int budget, int minEpochs, int eta) {
        if (minEpochs >= budget) {
            throw ConfigException.forKey(ConfigKeys.SWEEP_HALVING_MIN_EPOCHS.name(), "must be below train.epochs ("
                    + budget + ") for sweep.schedule = halving to stop anything, got " + minEpochs
                    + "; lower it, raise train.epochs, or use sweep.schedule = full");
        }
        List<Integer> rungs = new ArrayList<>();
        for (long epochs = minEpochs; epochs < budget; epochs *= eta) {
            rungs.add((int) epochs);
        }
        rungs.add(budget);
        return List.copyOf(rungs);
    }

    /** How many of a type's {@code settings} go on past one rung: ceil(settings / eta), at least one. */
    public static int kept(int settings, int eta) {
        return settings == 0 ? 0 : (settings + eta - 1) / eta;
    }

    /**
     * The epochs still to train from the start of rung {@code rung} (none of it trained yet) when
     * {@code settings} (per regularizer type) are alive, each with {@code pointsPerSetting} points:
     * every later rung's survivors counted as {@link #kept} says.
     */
    public static long epochsLeft(List<Integer> rungs, int rung, Map<String, Integer> settings, int pointsPerSetting,
                                  int eta) {
        Map<String, Integer> alive = new LinkedHashMap<>(settings);
        long epochs = 0;
        for (int k = rung; k < rungs.size(); k++) {
            int span = rungs.get(k) - (k == 0 ? 0 : rungs.get(k - 1));
            epochs += (long) span * pointsPerSetting * alive.values().stream().mapToInt(Integer::intValue).sum();
            alive.replaceAll((type, n) -> kept(n, eta));
        }
        return epochs;
    }
}
