package io.sparkprune.data;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Lists one split of an image folder, wherever it is: a folder on any Hadoop FileSystem (a path
 * without a scheme is local), or a {@code .tar} / {@code .tar.gz} archive file there. An archive
 * may hold the split folders at its top or inside one top folder ({@code cifar10/train/...}).
 */
final class ImageFolderSource {
    private static final int GZIP_MAGIC = 0x8b1f;

    private ImageFolderSource() {
    }

    static ImageSplit list(String location, Split split, Configuration conf) {
        Path base = new Path(location);
        try {
            FileSystem fs = base.toUri().getScheme() == null ? FileSystem.getLocal(conf) : base.getFileSystem(conf);
            Path qualified = fs.makeQualified(base);
            FileStatus status;
            try {
                status = fs.getFileStatus(qualified);
            } catch (FileNotFoundException e) {
                throw DataFormatException.inFile(qualified, "does not exist (data.dir of an image folder is a folder"
                        + " or a .tar/.tar.gz archive holding train/<class>/ and test/<class>/)");
            }
            return status.isDirectory() ? fromFolder(fs, qualified, split) : fromArchive(fs, qualified, split);
        } catch (IOException e) {
            throw new DataFormatException("cannot read image folder " + location + ": " + e.getMessage(), e);
        }
    }

    private static ImageSplit fromFolder(FileSystem fs, Path root, Split split) throws IOException {
        ImageSplit images = new ImageSplit(root.toString(), split);
        Path splitDir = new Path(root, ImageSplit.folderName(split));
        if (!fs.exists(splitDir)) {
            return images; // classNames() names the missing split
        }
        for (FileStatus child : fs.listStatus(splitDir)) {
            String name = child.getPath().getName();
            if (!child.isDirectory()) {
                images.addFile(null, name, child.getPath().toString(), null);
                continue;
            }
            if (ImageEntry.isHidden(name)) {
                continue;
            }
            images.addClassFolder(name, child.getPath().toString());
            for (FileStatus file : fs.listStatus(child.getPath())) {
                Path p = file.getPath();
                if (file.isDirectory()) {
                    throw DataFormatException.inFile(p, "a folder inside class folder '" + name + "': class folders"
                            + " hold image files only");
                }
                images.addFile(name, p.getName(), p.toString(), () -> readFile(fs, p, file.getLen()));
            }
        }
        return images;
    }

    private static byte[] readFile(FileSystem fs, Path p, long length) {
        try (InputStream in = fs.open(p)) {
            return in.readNBytes((int) Math.min(length, Integer.MAX_VALUE));
        } catch (IOException e) {
            throw DataFormatException.inFile(p, "cannot read: " + e.getMessage());
        }
    }

    private static ImageSplit fromArchive(FileSystem fs, Path archive, Split split) throws IOException {
        ImageSplit images = new ImageSplit(archive.toString(), split);
        String wanted = ImageSplit.folderName(split);
        int entries = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(fs, archive))) {
            for (TarArchiveEntry e; (e = tar.getNextTarEntry()) != null; ) {
                entries++;
                String[] parts = e.getName().replaceFirst("^\\./", "").split("/");
                int at = parts.length > 0 && parts[0].equals(wanted) ? 0 : parts.length > 1 && parts[1].equals(wanted) ? 1 : -1;
                if (at < 0 || parts.length == at + 1) {
                    continue; // another split, or the split folder itself
                }
                String where = archive + "!/" + e.getName();
                if (e.isDirectory()) {
                    if (parts.length == at + 2) {
                        images.addClassFolder(parts[at + 1], where);
                    }
                } else if (parts.length == at + 2) {
                    images.addFile(null, parts[at + 1], where, null);
                } else if (parts.length == at + 3 && e.isFile()) {
                    byte[] bytes = tar.readNBytes((int) e.getSize());
                    if (bytes.length != e.getSize()) {
                        throw DataFormatException.inFile(archive, "truncated archive: " + e.getName() + " ends after "
                                + bytes.length + " of " + e.getSize() + " bytes (an interrupted download or copy)");
                    }
                    images.addFile(parts[at + 1], parts[at + 2], where, () -> bytes);
                }
            }
        } catch (IOException e) {
            throw DataFormatException.inFile(archive, "not a readable tar archive: " + e.getMessage()
                    + " (truncated, corrupt, or not a .tar/.tar.gz file)");
        }
        if (entries == 0) {
            throw DataFormatException.inFile(archive, "not a tar archive: it holds no tar entries (give a folder,"
                    + " or a .tar/.tar.gz of train/<class>/ and test/<class>/)");
        }
        return images;
    }

    /** The archive's bytes, gunzipped when they start with the gzip magic (whatever the name says). */
    private static InputStream decompressed(FileSystem fs, Path archive) throws IOException {
        InputStream in = new BufferedInputStream(fs.open(archive), 1 << 16);
        in.mark(2);
        int magic = in.read() | (in.read() << 8);
        in.reset();
        return magic == GZIP_MAGIC ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
