package io.sparkprune.spark;

import io.sparkprune.config.ConfigException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * Checks a standalone master ({@code spark://host:port[,host2:port2]}) answers before Spark
 * starts: otherwise Spark retries for a minute and fails with a stack trace. Other masters
 * (local, yarn, k8s) are left to Spark.
 */
public final class MasterReachability {
    private static final int TIMEOUT_MS = 5000;

    private MasterReachability() {
    }

    public static void check(String master) {
        if (master == null || !master.startsWith("spark://")) {
            return;
        }
        String hosts = master.substring("spark://".length());
        IOException last = null;
        for (String hostPort : hosts.split(",")) {
            URI uri = URI.create("spark://" + hostPort);
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new ConfigException("--master " + master + ": expected spark://HOST:PORT");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), TIMEOUT_MS);
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new ConfigException("--master " + master + ": cannot reach the Spark master (" + last.getMessage()
                + "); start it (deploy scripts or sbin/start-master.sh) or check the URL");
    }
}
