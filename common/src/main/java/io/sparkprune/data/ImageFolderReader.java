package io.sparkprune.data;

import io.sparkprune.config.DataConfig;
import org.apache.hadoop.conf.Configuration;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Reads one split of an image folder ({@code data.name = image-folder}) into compact
 * {@link LabeledImages}: labels are the positions of the class folder names in
 * {@code data.classes} (the sorted train/ folder names when empty), every image is decoded once
 * and must have the geometry of {@code data.height x data.width} (the first image's when 0);
 * grey and colour images are converted to {@code data.channels} (the first image's when 0).
 */
public final class ImageFolderReader {
    private ImageFolderReader() {
    }

    public static LabeledImages read(DataConfig cfg, Split split, Configuration conf) {
        ImageSplit listing = ImageFolderSource.list(cfg.dir(), split, conf);
        List<String> classes = cfg.classes().isEmpty()
                ? (split == Split.TRAIN ? listing.classNames() : ImageFolderSource.list(cfg.dir(), Split.TRAIN, conf).classNames())
                : cfg.classes();
        checkClasses(listing, split, classes, cfg.dir());
        return decode(listing.entries(), classes, cfg.height(), cfg.width(), cfg.channels(),
                "data.height x data.width (the first training image's unless set)");
    }

    /** The sorted class names and the first image's geometry of an image folder's train split. */
    static Shape shape(String location, Configuration conf) {
        ImageSplit train = ImageFolderSource.list(location, Split.TRAIN, conf);
        List<String> classes = train.classNames();
        ImageEntry first = train.entries().get(0);
        BufferedImage image = ImageDecoder.decode(first.bytes(), first.where());
        return new Shape(classes, image.getHeight(), image.getWidth(), ImageDecoder.channelsOf(image));
    }

    record Shape(List<String> classes, int height, int width, int channels) {
    }

    private static void checkClasses(ImageSplit listing, Split split, List<String> classes, String location) {
        List<String> found = listing.classNames();
        for (String name : found) {
            if (!classes.contains(name)) {
                throw DataFormatException.inFile(location, "class folder '" + name + "' in "
                        + ImageSplit.folderName(split) + "/ is not one of the classes " + classes
                        + " (data.classes, or the train/ folders); rename or remove it");
            }
        }
        if (split == Split.TRAIN && found.size() != classes.size()) {
            throw DataFormatException.inFile(location, "train/ has class folders " + found + " but data.classes lists "
                    + classes + "; every class needs training images");
        }
    }

    /**
     * Decodes every entry (in parallel: ImageIO readers are per call) and checks each against the
     * geometry ({@code geometryName} x width when given, else the first image's); the error reported
     * is that of the first bad file in listing order.
     */
    static LabeledImages decode(List<ImageEntry> entries, List<String> classes, int height, int width,
                                int channels, String geometryName) {
        BufferedImage first = ImageDecoder.decode(entries.get(0).bytes(), entries.get(0).where());
        int h = height > 0 ? height : first.getHeight();
        int w = width > 0 ? width : first.getWidth();
        int c = channels > 0 ? channels : ImageDecoder.channelsOf(first);
        String geometrySource = height > 0 ? geometryName : "the first image, " + entries.get(0).where();
        int ppi = c * h * w;
        if ((long) entries.size() * ppi > Integer.MAX_VALUE - 16) {
            throw new DataFormatException(entries.size() + " images of " + c + "x" + h + "x" + w
                    + " are more than one array can hold");
        }
        byte[] pixels = new byte[entries.size() * ppi];
        byte[] labels = new byte[entries.size()];
        RuntimeException[] errors = new RuntimeException[entries.size()];
        IntStream.range(0, entries.size()).parallel().forEach(i -> {
            ImageEntry e = entries.get(i);
            try {
                BufferedImage image = i == 0 ? first : ImageDecoder.decode(e.bytes(), e.where());
                if (image.getHeight() != h || image.getWidth() != w) {
                    throw DataFormatException.inFile(e.where(), "mixed sizes: image is " + image.getHeight() + "x"
                            + image.getWidth() + " (height x width), but " + geometrySource + " is " + h + "x" + w
                            + "; resize the images to one size");
                }
                ImageDecoder.toChannels(image, c, pixels, i * ppi);
                labels[i] = (byte) classes.indexOf(e.className());
            } catch (RuntimeException ex) {
                errors[i] = ex;
            }
        });
        for (RuntimeException ex : errors) {
            if (ex != null) {
                throw ex;
            }
        }
        return LabeledImages.wrap(pixels, labels, classes.size(), c, h, w);
    }
}
