package io.sparkprune.io;

import io.sparkprune.prunable.PruningException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.InputStream;

/** Reads a user-named model file (any Hadoop FS) with one clear error when it is not a DL4J model. */
public final class ModelFiles {
    private ModelFiles() {
    }

    public static MultiLayerNetwork read(String location, Configuration conf) {
        Path path = new Path(location);
        try {
            FileSystem fs = path.getFileSystem(conf);
            if (!fs.isFile(path)) {
                throw new PruningException("model file not found: " + location
                        + " (give the model.zip a train run wrote, e.g. out/lenet5-mnist/model.zip)");
            }
            try (InputStream in = fs.open(path)) {
                return ModelSerializer.restoreMultiLayerNetwork(in, false);
            }
        } catch (PruningException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new PruningException(location + " is not a DL4J MultiLayerNetwork model zip (" + e.getMessage()
                    + "); give a model.zip written by 'sparkprune train'", e);
        }
    }
}
