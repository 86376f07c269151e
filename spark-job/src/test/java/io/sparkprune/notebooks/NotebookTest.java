package io.sparkprune.notebooks;

import io.sparkprune.config.ConfigLoader;
import io.sparkprune.io.RunDirectory;
import io.sparkprune.model.Networks;
import io.sparkprune.spark.sweep.SweepJob;
import io.sparkprune.spark.train.TrainJobFixtures;
import io.sparkprune.sweep.SweepGrid;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every paragraph of every notebook against a real SparkSession: %spark paragraphs through
 * the Scala 2.12 REPL, %spark.sql paragraphs through spark.sql, which must return rows. Only the
 * paragraph titled "Parameters" is replaced, by paths to inputs this test makes with the library.
 */
class NotebookTest {
    private static final Path NOTEBOOKS = Path.of("..", "notebooks");
    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static Map<String, String> parameters;

    @BeforeAll
    static void inputs() throws Exception {
        spark = SparkSession.builder().master("local[2]").appName("notebook-test")
                .config("spark.ui.enabled", "false").getOrCreate();
        Path data = Files.createDirectories(dir.resolve("mnist"));
        TrainJobFixtures.writeIdx(data);

        Path sweepConf = dir.resolve("sweep.conf");
        Files.writeString(sweepConf, "data.dir = \"" + data + "\"\nspark.mode = grid-parallel\ntrain.epochs = 1\n"
                + "regularizer.lambda = 0.01\nsweep.grid {\n  regularizer.type = [none, l1l2]\n"
                + "  prune.threshold = [0, 0.05]\n}\n");
        SweepGrid grid = SweepGrid.from(ConfigLoader.load(sweepConf, List.of()));
        Path sweepOut = dir.resolve("sweep");
        new SweepJob(JavaSparkContext.fromSparkContext(spark.sparkContext()), grid,
                RunDirectory.open(sweepOut.toString(), new Configuration())).run(false);

        Path model = dir.resolve("model");
        RunDirectory.open(model.toString(), new Configuration())
                .writeModel("model.zip", Networks.create(grid.points().get(0).config()));

        parameters = Map.of(
                "01-explore-sweep.zpln", "val sweepDir = \"" + sweepOut + "\"",
                "02-train-and-prune.zpln", "val dataDir = \"" + data + "\"\nval trainLimit = 600\nval testLimit = 200\nval epochs = 1",
                "03-filter-stats.zpln", "val modelPath = \"" + model.resolve("model.zip") + "\"");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"01-explore-sweep.zpln", "02-train-and-prune.zpln", "03-filter-stats.zpln"})
    void everyParagraphRunsAndEveryQueryReturnsRows(String file) throws Exception {
        ZeppelinNote note = ZeppelinNote.read(NOTEBOOKS.resolve(file));
        assertEquals("Parameters", note.paragraphs().get(0).title(), file + ": first paragraph holds the parameters");
        int queries = 0;
        try (ScalaParagraphs repl = new ScalaParagraphs()) {
            repl.run("binding spark", "val spark = org.apache.spark.sql.SparkSession.active");
            for (ZeppelinNote.Paragraph p : note.paragraphs()) {
                String what = file + " / " + p.title();
                switch (p.interpreter()) {
                    case "%spark" -> repl.run(what, p.title().equals("Parameters") ? parameters.get(file) : p.code());
                    case "%spark.sql" -> {
                        long rows = spark.sql(p.code()).count();
                        assertTrue(rows > 0, what + ": the query returned no rows");
                        queries++;
                    }
                    default -> throw new AssertionError(what + ": unexpected interpreter " + p.interpreter());
                }
            }
        }
        assertFalse(queries == 0, file + " has no %spark.sql paragraph");
    }
}
