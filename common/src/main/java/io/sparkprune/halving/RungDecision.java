package io.sparkprune.halving;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one rung of successive halving decided: each alive setting's verdict, the floor models had to
 * reach to compete and the selection floor of the tie-break ({@link HalvingRanking}).
 */
public record RungDecision(int rung, int epochs, double floor, double selectionFloor, List<SettingVerdict> verdicts) {
    public static final String HEADER = "rung,epochs,floor,selection_floor,regularizer_type,setting_id,"
            + "first_point_index,front,replicates_at_selection_floor,mean_params_at_selection_floor,"
            + "best_val_accuracy,rank,settings_of_type,kept_of_type,decision";

    public RungDecision {
        verdicts = List.copyOf(verdicts);
    }

    /** The settings that go on to the next rung. */
    public Set<String> keptSettings() {
        return verdicts.stream().filter(SettingVerdict::kept).map(SettingVerdict::setting).collect(Collectors.toSet());
    }

    public Optional<SettingVerdict> of(String setting) {
        return verdicts.stream().filter(v -> v.setting().equals(setting)).findFirst();
    }

    /** The decision as a CSV table (every value plain: ids are hex, types are config names). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (SettingVerdict v : verdicts) {
            sb.append(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%s,%s,%d,%s,%d,%s,%.6f,%d,%d,%d,%s%n", rung, epochs,
                    floor, selectionFloor, v.regularizer(), v.setting(), v.firstPointIndex(),
                    v.front() == SettingVerdict.NO_FRONT ? "" : Integer.toString(v.front()),
                    v.replicatesAtSelectionFloor(), v.replicatesAtSelectionFloor() == 0 ? ""
                            : String.format(Locale.ROOT, "%.1f", v.meanParamsAtSelectionFloor()),
                    v.bestValAccuracy(), v.rank(), v.settingsOfType(), v.keptOfType(), v.kept() ? "continue" : "stop"));
        }
        return sb.toString();
    }
}
