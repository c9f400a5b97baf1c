package dev.lanes.core.exec;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The members a distributed stage's blocks go to, as the distributed module connects them
 * (Hazelcast's executor); core knows only this. A member answers a request with its
 * {@link RangeReply} encoded by {@link RangeCodec}, so its size is what travelled.
 */
public interface Cluster {

    /** One member: where it listens and which process it is. */
    record Member(String address, long pid, String host) {
        public String label() {
            return address + " (pid " + pid + ")";
        }
    }

    /** The members work goes to, in a fixed order. */
    List<Member> members();

    /** Sends a request to a member; completes with its encoded reply, or exceptionally when it fails or leaves. */
    CompletableFuture<byte[]> submit(int member, byte[] request);

    /** How long a request may take before the stage fails: a member that hangs must not hang the run. */
    long timeoutMillis();

    /** How long joining the cluster took, before the run (in no sample); 0 where nothing was joined. */
    default long formationNanos() {
        return 0;
    }
}
