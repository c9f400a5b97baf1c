package dev.lanes.gpu;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM arrays the device holds a whole copy of, by identity: the outputs of device
 * kernels, which the next device stage reads without a copy. An entry knows which range
 * the device wrote since the host last had it ({@code dirty}), so only that comes back and
 * nothing the host wrote outside it is overwritten.
 */
final class Residency {

    static final class Entry {
        final HostArray host;
        final DeviceBuffer buffer;
        /**
         * Made by a kernel that writes the array without reading it, and never copied in, so
         * only what kernels wrote is the host's array: kept for the rest of one execution only.
         */
        final boolean workspace;
        private int dirtyFrom = Integer.MAX_VALUE;
        private int dirtyTo = Integer.MIN_VALUE;

        Entry(HostArray host, DeviceBuffer buffer, boolean workspace) {
            this.host = host;
            this.buffer = buffer;
            this.workspace = workspace;
        }

        void written(int from, int to) {
            dirtyFrom = Math.min(dirtyFrom, from);
            dirtyTo = Math.max(dirtyTo, to);
        }

        boolean dirty() {
            return dirtyFrom < dirtyTo;
        }

        int dirtyFrom() {
            return dirtyFrom;
        }

        int dirtyTo() {
            return dirtyTo;
        }

        void clean() {
            dirtyFrom = Integer.MAX_VALUE;
            dirtyTo = Integer.MIN_VALUE;
        }
    }

    private final Map<Object, Entry> entries = new IdentityHashMap<>();

    Entry find(Object array) {
        return entries.get(array);
    }

    Entry add(HostArray host, DeviceBuffer buffer) {
        return add(host, buffer, false);
    }

    Entry add(HostArray host, DeviceBuffer buffer, boolean workspace) {
        Entry e = new Entry(host, buffer, workspace);
        entries.put(host.array(), e);
        return e;
    }

    /** Forgets the workspace entries (an execution ended) and hands back their buffers. */
    List<DeviceBuffer> dropWorkspace() {
        List<DeviceBuffer> buffers = new ArrayList<>();
        entries.values().removeIf(e -> e.workspace && buffers.add(e.buffer));
        return buffers;
    }

    /** Forgets every entry and hands back their buffers. */
    List<DeviceBuffer> clear() {
        List<DeviceBuffer> buffers = new ArrayList<>();
        for (Entry e : entries.values()) {
            buffers.add(e.buffer);
        }
        entries.clear();
        return buffers;
    }

    /** The arrays held, in no particular order (a copy: callers may change the residency meanwhile). */
    List<Object> arrays() {
        return new ArrayList<>(entries.keySet());
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }
}
