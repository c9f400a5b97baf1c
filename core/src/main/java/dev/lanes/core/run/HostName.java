package dev.lanes.core.run;

import java.io.IOException;
import java.net.InetAddress;

/** This machine's host name, as a member or a shard reports where it ran. */
final class HostName {
    private HostName() {
    }

    static String local() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
