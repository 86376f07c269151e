package io.sparkprune.data;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

/**
 * Decodes one JPEG or PNG file with the JDK's ImageIO, strictly: a decoder warning (a JPEG that
 * ends early still decodes, grey below the cut) is an error, so a truncated file never trains.
 */
final class ImageDecoder {
    static {
        ImageIO.setUseCache(false); // decode in memory, no temp files
    }

    private ImageDecoder() {
    }

    /** The decoded image; {@code where} names the file in errors. */
    static BufferedImage decode(byte[] bytes, String where) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw DataFormatException.inFile(where, "not an image: neither JPEG nor PNG data (" + bytes.length
                        + " bytes); remove it or replace it with the real image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> {
                    throw DataFormatException.inFile(where, "corrupt image: " + warning
                            + " (truncated or damaged file; copy it again or remove it)");
                });
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataFormatException d) {
                throw d;
            }
            throw DataFormatException.inFile(where, "corrupt image: " + e.getMessage()
                    + " (truncated or damaged file; copy it again or remove it)");
        }
    }

    /** 1 for grey images (with or without alpha), 3 for colour. */
    static int channelsOf(BufferedImage image) {
        return image.getColorModel().getNumColorComponents() == 1 ? 1 : 3;
    }

    /**
     * The image's pixels in channel-height-width order into {@code dst[at..]}, colour turned grey
     * (luma) or grey repeated into R, G, B to give {@code channels}.
     */
    static void toChannels(BufferedImage src, int channels, byte[] dst, int at) {
        int height = src.getHeight();
        int width = src.getWidth();
        int plane = height * width;
        boolean grey = channelsOf(src) == 1 && src.getRaster().getSampleModel().getSampleSize(0) == 8;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = at + y * width + x;
                if (grey) {
                    // The raster's own value: getRGB would pass a grey JPEG through a gamma conversion.
                    byte v = (byte) src.getRaster().getSample(x, y, 0);
                    for (int c = 0; c < channels; c++) {
                        dst[p + c * plane] = v;
                    }
                    continue;
                }
                int rgb = src.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (channels == 1) {
                    dst[p] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                } else {
                    dst[p] = (byte) r;
                    dst[p + plane] = (byte) g;
                    dst[p + 2 * plane] = (byte) b;
                }
            }
        }
    }
}
