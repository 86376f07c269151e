package io.sparkprune.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    private static RunConfig load(Path file, String... sets) {
        return ConfigLoader.runConfig(ConfigLoader.load(file, List.of(sets)));
    }

    private static String errorOf(Path file, String... sets) {
        return assertThrows(ConfigException.class, () -> load(file, sets)).getMessage();
    }

    @Test
    void fileOverridesDefaultsAndSetOverridesFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("run.conf");
        Files.writeString(f, "train { epochs = 5, lr = 0.01 }\nregularizer { type = ssl, lambda = 0.1 }\n");
        RunConfig c = load(f, "train.lr=0.002", "regularizer.group=filter+channel");
        assertEquals(5, c.train().epochs());
        assertEquals(0.002, c.train().lr());
        assertEquals(RegularizerType.SSL, c.regularizer().type());
        assertEquals(RegularizerGroup.FILTER_CHANNEL, c.regularizer().group());
        assertEquals(64, c.train().batchSize(), "untouched keys keep their defaults");
    }

    @Test
    void unknownKeyIsRejectedWithItsName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("run.conf");
        Files.writeString(f, "train.learning-rate = 0.1\n");
        assertTrue(errorOf(f).contains("'train.learning-rate': unknown key"));
        assertTrue(errorOf(null, "modle.arch=lenet5").contains("'modle.arch'"));
    }

    @Test
    void outOfRangeValuesNameTheKey() {
        assertTrue(errorOf(null, "train.lr=-1").contains("'train.lr'"));
        assertTrue(errorOf(null, "train.batch-size=0").contains("'train.batch-size'"));
        assertTrue(errorOf(null, "regularizer.lambda=-0.5").contains("'regularizer.lambda'"));
        assertTrue(errorOf(null, "model.width=0").contains("'model.width'"));
        assertTrue(errorOf(null, "data.train-limit=-3").contains("'data.train-limit'"));
        assertTrue(errorOf(null, "spark.task-threads=0").contains("'spark.task-threads'"));
        String empty = errorOf(null, "data.dir=\"  \"");
        assertTrue(empty.contains("'data.dir'") && empty.contains("must not be empty"), empty);
    }

    @Test
    void wrongTypesAndUnknownEnumValuesNameTheKey() {
        assertTrue(errorOf(null, "train.epochs=many").contains("train.epochs"));
        String msg = errorOf(null, "regularizer.type=l3");
        assertTrue(msg.contains("'regularizer.type'") && msg.contains("l1l2"), msg);
        String schedule = errorOf(null, "train.lr-schedule=cosine");
        assertTrue(schedule.contains("'train.lr-schedule'") && schedule.contains("linear"), schedule);
        String conv = errorOf(null, "model.convolution=cudnn");
        assertTrue(conv.contains("'model.convolution'") && conv.contains("fast") && conv.contains("dl4j"), conv);
    }

    @Test
    void groupMustSuitTheType() {
        String msg = errorOf(null, "regularizer.type=l1", "regularizer.group=channel");
        assertTrue(msg.contains("'regularizer.group'"), msg);
        assertEquals(RegularizerGroup.ELEMENT,
                load(null, "regularizer.type=l1l2", "regularizer.group=element", "regularizer.lambda=0.1")
                        .regularizer().group());
    }

    @Test
    void missingFileAndBadSyntaxAreClearErrors(@TempDir Path dir) throws Exception {
        assertTrue(errorOf(dir.resolve("nope.conf")).contains("config file not found"));
        Path bad = dir.resolve("bad.conf");
        Files.writeString(bad, "train { epochs = \n");
        assertTrue(errorOf(bad).contains("cannot parse config file"));
    }

    @Test
    void sweepGridKeysMustNameRunKeys(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("sweep.conf");
        Files.writeString(ok, "sweep.grid { regularizer.lambda = [0, 1e-3], train.seed = [1, 2] }\n");
        ConfigLoader.load(ok, List.of());
        Path bad = dir.resolve("bad-sweep.conf");
        Files.writeString(bad, "sweep.grid.train.speed = [1, 2]\n");
        assertTrue(errorOf(bad).contains("'sweep.grid.train.speed'"));
    }

    @Test
    void flatMapRoundTripsAndWithValuesRevalidates() {
        RunConfig c = load(null, "regularizer.type=hoyer-square", "train.seed=9");
        assertEquals(c, ConfigLoader.withValues(c, Map.of()));
        assertEquals(c, ConfigLoader.withValues(load(null), c.toFlatMap()));
        assertThrows(ConfigException.class, () -> ConfigLoader.withValues(c, Map.of("train.lr", 5.0)));
    }

    @Test
    void aPenaltyTypeAtLambdaZeroIsLabelledNone() {
        for (String type : List.of("l1", "l2", "l1l2", "ssl", "hoyer-square")) {
            RunConfig c = load(null, "regularizer.type=" + type, "regularizer.lambda=0", "regularizer.dense=true");
            assertEquals(load(null, "regularizer.type=none"), c, type + " at lambda 0 is the run without a penalty");
            assertEquals("none", c.toFlatMap().get("regularizer.type"), "its label says what ran");
        }
        RunConfig l1l2 = load(null, "regularizer.type=l1l2", "regularizer.lambda=0.01");
        assertEquals(RegularizerType.L1L2, l1l2.regularizer().type());
        assertTrue(errorOf(null, "regularizer.type=l1", "regularizer.group=channel").contains("'regularizer.group'"),
                "a grouping the type lacks is an error even at lambda 0");
    }

    @Test
    void setTakesPathsAsWritten() {
        // HOCON reads an unquoted "//" as a comment: /some/path//mnist would silently become /some/path
        for (String dir : List.of("/some/path//mnist", "/some/path/mnist/", "hdfs://nn:8020/data//mnist",
                "hdfs:///datasets/mnist/", "data/mnist#1", "s3a://bucket/a b")) {
            assertEquals(dir, load(null, "data.dir=" + dir).data().dir(), dir);
        }
        assertEquals("/quoted//dir", load(null, "data.dir=\"/quoted//dir\"").data().dir());
        assertEquals(3, load(null, "train.epochs=3").train().epochs(), "other keys are still HOCON values");
    }

    @Test
    void aPathCutByAHoconCommentInAFileIsAnError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("run.conf");
        Files.writeString(f, "data {\n  dir = /some/path//mnist\n}\n");
        String msg = errorOf(f);
        assertTrue(msg.contains("'data.dir'") && msg.contains("line 2") && msg.contains("\"/some/path//mnist\""), msg);
        Files.writeString(f, "data.dir = data/mnist#2\n");
        assertTrue(errorOf(f).contains("'data.dir'"));

        Files.writeString(f, "data.dir = \"/some/path//mnist\"\n");
        assertEquals("/some/path//mnist", load(f).data().dir(), "quoted, it is read whole");
        Files.writeString(f, "data.dir = /some/path/mnist  # where the data lives\n");
        assertEquals("/some/path/mnist", load(f).data().dir(), "a comment set apart is a comment");
    }
}
