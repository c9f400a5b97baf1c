package dev.lanes.core.run;

import java.io.IOException;
import java.net.InetAddress;

/** This machine's host name, as a member or a shard reports where it ran. */
final class HostName {
    private HostName() {
    }

    /** Looked up once, when first asked: the lookup can wait on a resolver, and the name does not change. */
    private static final class Holder {
        static final String NAME = lookup();
    }

    static String local() {
        return Holder.NAME;
    }

    private static String lookup() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
