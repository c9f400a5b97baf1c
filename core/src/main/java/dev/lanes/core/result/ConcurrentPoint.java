package dev.lanes.core.result;

import java.util.List;

/**
 * One sweep point of a concurrent run as it was measured: its ready sets in order, each set's
 * stages started together on their shares of the thread budget. The stages' serial
 * measurements are the run's points as usual; these are the extra ones.
 *
 * @param point  the sweep values (empty without a sweep)
 * @param budget the threads the stages of a set shared
 * @param sets   in the order they ran; a set of one stage ran alone and was not measured again
 */
public record ConcurrentPoint(List<PointParam> point, int budget, List<ReadySet> sets) {

    public ConcurrentPoint {
        point = List.copyOf(point);
        sets = List.copyOf(sets);
    }

    /**
     * @param wallNanos each iteration from the first member's start to the last member's end; empty for a set of one
     * @param gcSamples iterations during which a garbage collection ran (it ran during every member's sample)
     * @param note      why the set is not what the plan said (a member failed or was cancelled), or {@code null}
     */
    public record ReadySet(List<Member> members, List<Long> wallNanos, List<Integer> gcSamples, String note) {
        public ReadySet {
            members = List.copyOf(members);
            wallNanos = List.copyOf(wallNanos);
            gcSamples = List.copyOf(gcSamples);
        }

        public boolean together() {
            return !wallNanos.isEmpty();
        }
    }

    /**
     * @param waitsFor     the measured stages it waits for, directly or not (the edges of the critical path)
     * @param samplesNanos its time in every iteration of its set, from its own start to its own end; empty
     *                     for a set of one
     * @param check        its output of the last iteration against the reference; {@code null} when off or alone
     */
    public record Member(String stage, List<String> waitsFor, String backend, String inner, int threads,
                         List<Long> samplesNanos, Verification check) {
        public Member {
            waitsFor = List.copyOf(waitsFor);
            samplesNanos = List.copyOf(samplesNanos);
        }
    }
}
