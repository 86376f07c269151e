package io.sparkprune.sweep;

import io.sparkprune.config.ConfigException;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.RegularizerType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepGridTest {

    private static SweepGrid grid(Path dir, String text, String... sets) throws Exception {
        Path f = dir.resolve("sweep.conf");
        Files.writeString(f, text);
        return SweepGrid.from(ConfigLoader.load(f, List.of(sets)));
    }

    @Test
    void cartesianProductWithThresholdsApart(@TempDir Path dir) throws Exception {
        SweepGrid g = grid(dir, """
                sweep.grid {
                  regularizer.type = [none, l1, l1l2]
                  regularizer.lambda = [0.001, 0.01]
                  prune.threshold = [0.1, 0.01, 0.05]
                }
                """);
        List<GridPoint> points = g.points();
        assertEquals(5, points.size(), "3 x 2, the baseline once");
        assertEquals(List.of(0.01, 0.05, 0.1), g.thresholds());
        Set<String> ids = new HashSet<>();
        points.forEach(p -> ids.add(p.id()));
        assertEquals(5, ids.size(), "ids are unique");
        assertEquals(RegularizerType.L1L2, points.get(4).config().regularizer().type());
        assertEquals(0.01, points.get(4).config().regularizer().lambda());
    }

    @Test
    void idsAndFingerprintAreStableAndSensitive(@TempDir Path dir) throws Exception {
        String text = "sweep.grid { train.seed = [1, 2] }\n";
        SweepGrid a = grid(dir, text);
        SweepGrid b = grid(dir, text);
        assertEquals(a.fingerprint(), b.fingerprint());
        assertEquals(a.points().get(1).id(), b.points().get(1).id());
        assertNotEquals(a.fingerprint(), grid(dir, text, "train.epochs=7").fingerprint());
        assertNotEquals(a.fingerprint(), grid(dir, "sweep.grid { train.seed = [1, 3] }\n").fingerprint());
        // a key written out at its default value is the same sweep (as is a key added later with its default)
        SweepGrid explicitDefault = grid(dir, text, "train.lr-schedule=constant");
        assertEquals(a.fingerprint(), explicitDefault.fingerprint());
        assertEquals(a.points().get(1).id(), explicitDefault.points().get(1).id());
        assertNotEquals(a.fingerprint(), grid(dir, text, "train.lr-schedule=linear").fingerprint());
    }

    /**
     * A grid-parallel point trains in one JVM and never averages parameters: its averaging frequency is
     * no part of its id or the sweep's fingerprint (so that the key's default can change under published
     * grid-parallel sweeps); a data-parallel point's is.
     */
    @Test
    void theAveragingFrequencyIdentifiesDataParallelPointsOnly(@TempDir Path dir) throws Exception {
        String text = "sweep.grid { regularizer.lambda = [0.001, 0.01] }\n";
        for (String mode : List.of("grid-parallel", "data-parallel")) {
            SweepGrid plain = grid(dir, text, "spark.mode=" + mode);
            SweepGrid every3 = grid(dir, text, "spark.mode=" + mode, "spark.averaging-frequency=3");
            List<String> ids = plain.points().stream().map(GridPoint::id).toList();
            List<String> ids3 = every3.points().stream().map(GridPoint::id).toList();
            if (mode.equals("grid-parallel")) {
                assertEquals(ids, ids3, mode);
                assertEquals(plain.fingerprint(), every3.fingerprint(), mode);
            } else {
                assertTrue(ids.stream().noneMatch(ids3::contains), mode + ": " + ids + " " + ids3);
                assertNotEquals(plain.fingerprint(), every3.fingerprint(), mode);
            }
        }
    }

    /**
     * The schedule is the sweep's, not a point's: the points of a halving sweep keep the full grid's ids
     * (and carry the schedule in their config), the fingerprint tells the two sweeps apart, and a
     * schedule key as a grid axis or in a listed point is refused.
     */
    @Test
    void theScheduleChangesTheFingerprintButNoPointId(@TempDir Path dir) throws Exception {
        String text = "sweep.grid { regularizer.lambda = [0.001, 0.01] }\n";
        SweepGrid full = grid(dir, text);
        SweepGrid halving = grid(dir, text, "sweep.schedule=halving", "sweep.halving.eta=2");
        assertEquals(full.points().stream().map(GridPoint::id).toList(),
                halving.points().stream().map(GridPoint::id).toList());
        assertNotEquals(full.fingerprint(), halving.fingerprint());
        assertEquals(io.sparkprune.config.SweepSchedule.HALVING, halving.points().get(1).config().sweep().schedule());
        assertEquals(2, halving.points().get(1).config().sweep().halvingEta());
        String axis = assertThrows(ConfigException.class,
                () -> grid(dir, text + "sweep.grid.sweep.schedule = [full, halving]\n")).getMessage();
        assertTrue(axis.contains("sweep.grid.sweep.schedule") && axis.contains("whole sweep"), axis);
        String listed = assertThrows(ConfigException.class,
                () -> grid(dir, "sweep.points = [{sweep.halving.eta = 2}]\n")).getMessage();
        assertTrue(listed.contains("sweep.halving.eta") && listed.contains("whole sweep"), listed);
    }

    @Test
    void invalidPointIsRejectedUpFront(@TempDir Path dir) {
        String msg = assertThrows(ConfigException.class,
                () -> grid(dir, "sweep.grid { train.lr = [0.001, -1] }\n")).getMessage();
        assertTrue(msg.contains("'train.lr'"), msg);
        assertThrows(ConfigException.class, () -> grid(dir, "sweep.grid { train.seed = 3 }\n"));
        assertThrows(ConfigException.class, () -> grid(dir, "sweep.grid { prune.threshold = [-1] }\n"));
    }

    @Test
    void duplicateValuesAreRejected(@TempDir Path dir) {
        String msg = assertThrows(ConfigException.class,
                () -> grid(dir, "sweep.grid { train.lr = [0.001, 0.002, 0.001] }\n")).getMessage();
        assertTrue(msg.contains("same run"), msg);
        assertThrows(ConfigException.class, () -> grid(dir, "sweep.grid { train.epochs = [1, 1.0] }\n"));
        msg = assertThrows(ConfigException.class,
                () -> grid(dir, "sweep.grid { prune.threshold = [0.1, 0.1] }\n")).getMessage();
        assertTrue(msg.contains("'sweep.grid.prune.threshold'"), msg);
    }

    @Test
    void theBaselineCrossedWithLambdasIsTrainedOnce(@TempDir Path dir) throws Exception {
        SweepGrid g = grid(dir, "sweep.grid { regularizer.type = [none, l1l2], regularizer.lambda = [0.1, 1.0] }\n");
        assertEquals(3, g.points().size());
        assertEquals(1, g.collapsedPoints());
        GridPoint none = g.points().get(0);
        assertEquals("none", none.config().regularizer().type().configName());
        assertEquals(0.0, none.config().regularizer().lambda(), "none reads no lambda");
        assertEquals(List.of(0, 1, 2), g.points().stream().map(GridPoint::index).toList(), "indices stay dense");
    }

    @Test
    void listedPointsAreCrossedWithTheAxes(@TempDir Path dir) throws Exception {
        String text = """
                sweep.points = [
                  {regularizer.type = none}
                  {regularizer.type = l1, regularizer.lambda = 0.001}
                  {regularizer.type = l1l2, regularizer.lambda = 0.01}
                ]
                sweep.grid { train.seed = [1, 2], prune.threshold = [0, 0.05] }
                """;
        SweepGrid g = grid(dir, text);
        List<GridPoint> points = g.points();
        assertEquals(6, points.size(), "3 listed points x 2 seeds");
        assertEquals(List.of(0.0, 0.05), g.thresholds());
        assertEquals(RegularizerType.L1, points.get(2).config().regularizer().type());
        assertEquals(0.001, points.get(2).config().regularizer().lambda());
        assertEquals(1L, points.get(2).config().train().seed());
        assertEquals(2L, points.get(3).config().train().seed());
        assertEquals(0, g.collapsedPoints());
        // the same run as a cartesian grid point has the same id, so results can be joined
        GridPoint l1 = grid(dir, "sweep.grid { regularizer.type = [l1], regularizer.lambda = [0.001], train.seed = [1] }\n").points().get(0);
        assertEquals(l1.id(), points.get(2).id());
        assertNotEquals(grid(dir, "sweep.grid { train.seed = [1, 2] }\n").fingerprint(), g.fingerprint());
        assertEquals(g.fingerprint(), grid(dir, text).fingerprint());
    }

    @Test
    void badListedPointsAreRejected(@TempDir Path dir) {
        String msg = assertThrows(ConfigException.class,
                () -> grid(dir, "sweep.points = [{regularizer.lambda = 0.1}]\nsweep.grid.regularizer.lambda = [1]\n"))
                .getMessage();
        assertTrue(msg.contains("also a sweep.grid axis"), msg);
        msg = assertThrows(ConfigException.class, () -> grid(dir, "sweep.points = [{}]\n")).getMessage();
        assertTrue(msg.contains("non-empty object"), msg);
        msg = assertThrows(ConfigException.class, () -> grid(dir, "sweep.points = {train.seed = 1}\n")).getMessage();
        assertTrue(msg.contains("list of objects"), msg);
        msg = assertThrows(ConfigException.class, () -> grid(dir, "sweep.points = [{train.seed = [1, 2]}]\n"))
                .getMessage();
        assertTrue(msg.contains("single value"), msg);
        msg = assertThrows(ConfigException.class, () -> grid(dir, "sweep.points = [{train.sead = 1}]\n")).getMessage();
        assertTrue(msg.contains("train.sead"), msg);
        msg = assertThrows(ConfigException.class,
                () -> grid(dir, "sweep.points = [{train.seed = 1}, {train.seed = 1}]\n")).getMessage();
        assertTrue(msg.contains("same run"), msg);
    }

    @Test
    void aGridPointAskingForAPenaltyAtLambdaZeroIsNamed(@TempDir Path dir) throws Exception {
        String msg = assertThrows(ConfigException.class, () -> grid(dir,
                "sweep.grid { regularizer.type = [none, ssl], regularizer.lambda = [0, 0.1] }\n")).getMessage();
        assertTrue(msg.contains("regularizer.lambda=0") && msg.contains("'ssl'") && msg.contains("lambda > 0"), msg);
        msg = assertThrows(ConfigException.class, () -> grid(dir, "regularizer.type = l1\n"
                + "sweep.grid.regularizer.lambda = [0, 0.1]\n")).getMessage();
        assertTrue(msg.contains("'l1'"), msg);
        msg = assertThrows(ConfigException.class, () -> grid(dir,
                "sweep.points = [{regularizer.type = hoyer-square}]\n")).getMessage();
        assertTrue(msg.contains("'hoyer-square'"), msg);
        // a base whose type reads none at lambda 0 is the baseline, and a grid over other keys keeps it so
        GridPoint seed = grid(dir, "sweep.grid.train.seed = [1, 2]\n").points().get(1);
        assertEquals(RegularizerType.NONE, seed.config().regularizer().type());
        // a penalty type set in the base is crossed with the grid's lambdas, not read as none first
        List<GridPoint> ssl = grid(dir, "regularizer.type = ssl\nsweep.grid.regularizer.lambda = [0.01, 0.1]\n").points();
        assertEquals(List.of(RegularizerType.SSL, RegularizerType.SSL),
                ssl.stream().map(p -> p.config().regularizer().type()).toList());
    }

    @Test
    void replicatesRepeatEverySettingWithDerivedSeedsAfterTheFirstRound(@TempDir Path dir) throws Exception {
        String text = """
                sweep.grid {
                  regularizer.type = [none, l1l2]
                  regularizer.lambda = [0.01, 0.1]
                }
                """;
        SweepGrid once = grid(dir, text);
        SweepGrid thrice = grid(dir, text + "sweep.replicates = 3\n");
        List<GridPoint> settings = once.points();
        List<GridPoint> points = thrice.points();
        assertEquals(3 * settings.size(), points.size());
        for (int i = 0; i < points.size(); i++) {
            GridPoint p = points.get(i);
            GridPoint setting = settings.get(i % settings.size());
            assertEquals(i, p.index());
            assertEquals(i / settings.size(), p.replicate(), "every setting once before any repeats");
            assertEquals(setting.id(), p.settingId());
            assertEquals(setting.values(), p.values());
            assertEquals(SweepGrid.replicateSeed(42, p.replicate()), p.config().train().seed());
            assertEquals(setting.config().regularizer(), p.config().regularizer());
        }
        assertEquals(settings.stream().map(GridPoint::id).toList(),
                points.subList(0, settings.size()).stream().map(GridPoint::id).toList(),
                "replicate 0 is the point as it was: a sweep gains replicates without retraining it");
        assertEquals(points.size(), points.stream().map(GridPoint::id).distinct().count());
        assertNotEquals(once.fingerprint(), thrice.fingerprint());
        assertEquals(once.fingerprint(), grid(dir, text + "sweep.replicates = 1\n").fingerprint());
        assertTrue(SweepGrid.replicateSeed(42, 1) >= 0 && SweepGrid.replicateSeed(42, 1) != SweepGrid.replicateSeed(43, 1));
    }

    @Test
    void aReplicateCountOutOfRangeIsRefused(@TempDir Path dir) {
        for (String bad : List.of("0", "1.5", "\"three\"", "101")) {
            String msg = assertThrows(ConfigException.class,
                    () -> grid(dir, "sweep.replicates = " + bad + "\n")).getMessage();
            assertTrue(msg.contains("sweep.replicates"), msg);
        }
    }
}
