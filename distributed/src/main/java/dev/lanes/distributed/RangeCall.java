package dev.lanes.distributed;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import dev.lanes.core.run.RangeHost;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * What Hazelcast's executor carries to a member: an encoded range request, answered by the
 * member's {@link RangeHost} with the encoded reply. Only bytes travel inside it, so the
 * engine deserializes this class and byte arrays, nothing a peer chose.
 */
final class RangeCall implements Callable<byte[]>, Serializable, HazelcastInstanceAware {
    @Serial
    private static final long serialVersionUID = 1L;
    /** Where a member keeps its host, in the instance's user context. */
    static final String HOST = "lanes.rangeHost";

    private final byte[] request;
    private transient HazelcastInstance instance;

    RangeCall(byte[] request) {
        this.request = request;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public byte[] call() {
        Object host = instance.getUserContext().get(HOST);
        if (!(host instanceof RangeHost rangeHost)) {
            throw new IllegalStateException("this cluster member is not a lanes member (it has no range host)");
        }
        return rangeHost.handle(request);
    }
}
