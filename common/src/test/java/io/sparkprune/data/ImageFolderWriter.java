package io.sparkprune.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/** Writes images as an image folder (split/class/NNNN.png|jpg) and packs folders into tar archives. */
public final class ImageFolderWriter {
    private ImageFolderWriter() {
    }

    /** Image i of {@code images} as {@code root/split/classes[label]/iiii.format} ("png" is lossless). */
    public static void write(Path root, Split split, LabeledImages images, List<String> classes, String format)
            throws IOException {
        for (int i = 0; i < images.count(); i++) {
            Path file = root.resolve(ImageSplit.folderName(split)).resolve(classes.get(images.label(i)))
                    .resolve(String.format("%04d.%s", i, format));
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(toImage(images, i), format, file.toFile())) {
                throw new IOException("no ImageIO writer for " + format);
            }
        }
    }

    /** Image {@code i} as a BufferedImage (grey for one channel, RGB for three). */
    public static BufferedImage toImage(LabeledImages images, int i) {
        int h = images.height();
        int w = images.width();
        boolean grey = images.channels() == 1;
        BufferedImage img = new BufferedImage(w, h, grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (grey) {
                    img.getRaster().setSample(x, y, 0, images.pixel(i, 0, y, x));
                } else {
                    img.setRGB(x, y, images.pixel(i, 0, y, x) << 16 | images.pixel(i, 1, y, x) << 8
                            | images.pixel(i, 2, y, x));
                }
            }
        }
        return img;
    }

    /** Packs the files under {@code folder} (paths relative to it) into a tar, gzip-compressed when asked. */
    public static void tar(Path folder, Path archive, boolean gzip) throws IOException {
        try (OutputStream file = Files.newOutputStream(archive);
             OutputStream raw = gzip ? new GZIPOutputStream(file) : file;
             TarArchiveOutputStream tar = new TarArchiveOutputStream(raw);
             Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted().toList()) {
                if (p.equals(folder)) {
                    continue;
                }
                String name = folder.relativize(p).toString().replace('\\', '/') + (Files.isDirectory(p) ? "/" : "");
                TarArchiveEntry entry = new TarArchiveEntry(p.toFile(), name);
                tar.putArchiveEntry(entry);
                if (Files.isRegularFile(p)) {
                    Files.copy(p, tar);
                }
                tar.closeArchiveEntry();
            }
        }
    }
}
