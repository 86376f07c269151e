package io.sparkprune.data;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import io.sparkprune.config.ConfigKeys;
import io.sparkprune.config.ConfigLoader;
import io.sparkprune.config.DataConfig;
import io.sparkprune.config.DatasetName;
import org.apache.hadoop.conf.Configuration;

/**
 * Fills in what a network needs to know of an image folder before any training starts: its class
 * names (the sorted train/ folder names) and image geometry (the first training image's), unless
 * the config sets them. Commands call this once on the driver, so every point, task and record
 * of a run sees the same explicit values; other datasets pass through unchanged.
 */
public final class ImageFolderShape {
    private ImageFolderShape() {
    }

    /** {@code data} with its image folder's classes and geometry filled in. */
    public static DataConfig resolve(DataConfig data, Configuration conf) {
        if (data.name() != DatasetName.IMAGE_FOLDER
                || (!data.classes().isEmpty() && data.height() > 0 && data.width() > 0 && data.channels() > 0)) {
            return data;
        }
        ImageFolderReader.Shape found = ImageFolderReader.shape(data.dir(), conf);
        return data.withShape(data.height() > 0 ? data.height() : found.height(),
                data.width() > 0 ? data.width() : found.width(),
                data.channels() > 0 ? data.channels() : found.channels(),
                data.classes().isEmpty() ? found.classes() : data.classes());
    }

    /** A merged config (see {@link ConfigLoader#load}) with its image folder's classes and geometry filled in. */
    public static Config resolve(Config merged, Configuration conf) {
        DataConfig data = ConfigLoader.runConfig(merged).data();
        DataConfig resolved = resolve(data, conf);
        if (resolved == data) {
            return merged;
        }
        return merged.withValue(ConfigKeys.DATA_HEIGHT.name(), ConfigValueFactory.fromAnyRef(resolved.height()))
                .withValue(ConfigKeys.DATA_WIDTH.name(), ConfigValueFactory.fromAnyRef(resolved.width()))
                .withValue(ConfigKeys.DATA_CHANNELS.name(), ConfigValueFactory.fromAnyRef(resolved.channels()))
                .withValue(ConfigKeys.DATA_CLASSES.name(), ConfigValueFactory.fromIterable(resolved.classes()));
    }
}
