package io.sparkprune.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a dataset file's bytes and turns every short read or I/O failure into a
 * {@link DataFormatException} naming the file, what was being read and how far it got.
 */
final class RecordInput implements AutoCloseable {
    private final InputStream in;
    private final DataFile file;
    private long offset;

    RecordInput(InputStream in, DataFile file) {
        this.in = in;
        this.file = file;
    }

    /** A big-endian 32-bit integer (IDX header fields). */
    int readInt(String what) {
        byte[] b = new byte[4];
        readFully(b, 0, 4, what);
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    /** Exactly {@code length} bytes into {@code target} at {@code at}, or a "truncated" error. */
    void readFully(byte[] target, int at, int length, String what) {
        int done = 0;
        try {
            while (done < length) {
                int n = in.read(target, at + done, length - done);
                if (n < 0) {
                    throw new EOFException();
                }
                done += n;
            }
            offset += length;
        } catch (EOFException e) {
            throw truncated(what, offset + done, offset + length);
        } catch (IOException e) {
            throw DataFormatException.inFile(file, "cannot read " + what + " at byte " + (offset + done) + ": "
                    + e.getMessage() + " (a corrupt gzip stream or an unreadable file: fetch it again)");
        }
    }

    /** Fails when bytes follow the last record: the header undercounts, or two files were concatenated. */
    void expectEnd(String declared) {
        try {
            if (in.read() >= 0) {
                throw DataFormatException.inFile(file, "size mismatch: more bytes than " + declared
                        + " (header and content disagree: the file is corrupt or not this dataset)");
            }
        } catch (IOException e) {
            throw DataFormatException.inFile(file, "cannot read past byte " + offset + ": " + e.getMessage());
        }
    }

    DataFormatException truncated(String what, long got, long needed) {
        return DataFormatException.inFile(file, "truncated: ends after " + got + " bytes while reading " + what
                + ", which needs " + needed + " (an interrupted download or copy: fetch the file again)");
    }

    DataFile file() {
        return file;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // Nothing was lost: everything needed has been read.
        }
    }
}
