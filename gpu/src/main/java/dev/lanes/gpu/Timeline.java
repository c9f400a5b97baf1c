package dev.lanes.gpu;

import dev.lanes.core.exec.DevicePhases;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

import java.util.ArrayList;
import java.util.List;

/**
 * One execution's device work, each copy and kernel between two CUDA events on the stream,
 * so the device says how long each took. Events are created once and reused. On the CUDA
 * thread only.
 */
final class Timeline {
    enum Phase { TO_DEVICE, KERNEL, TO_HOST }

    private record Span(Phase phase, long bytes, CUevent start, CUevent stop, String what) {
    }

    private final CUstream stream;
    private final List<CUevent> events = new ArrayList<>();
    private final List<Span> spans = new ArrayList<>();
    private int usedEvents;
    private long hostCopyNanos;

    Timeline(CUstream stream) {
        this.stream = stream;
    }

    void begin() {
        spans.clear();
        usedEvents = 0;
        hostCopyNanos = 0;
    }

    /** Enqueues {@code work} between two events; returns the event after it, to wait for. */
    CUevent around(Phase phase, long bytes, String what, Runnable work) {
        CUevent start = nextEvent();
        CUevent stop = nextEvent();
        JCudaDriver.cuEventRecord(start, stream);
        work.run();
        JCudaDriver.cuEventRecord(stop, stream);
        spans.add(new Span(phase, bytes, start, stop, what));
        return stop;
    }

    void addHostCopy(long nanos) {
        hostCopyNanos += nanos;
    }

    /** The kernels enqueued so far, for an error that surfaces when the device is waited for. */
    String kernelsSoFar() {
        return String.join(", ", spans.stream().filter(s -> s.phase() == Phase.KERNEL).map(Span::what).distinct().toList());
    }

    /** Waits for the stream and adds up each phase. */
    DevicePhases finish() {
        JCudaDriver.cuStreamSynchronize(stream);
        long[] nanos = new long[Phase.values().length];
        long[] bytes = new long[Phase.values().length];
        int launches = 0;
        float[] millis = new float[1];
        for (Span s : spans) {
            JCudaDriver.cuEventElapsedTime(millis, s.start(), s.stop());
            nanos[s.phase().ordinal()] += Math.round(millis[0] * 1e6);
            bytes[s.phase().ordinal()] += s.bytes();
            if (s.phase() == Phase.KERNEL) {
                launches++;
            }
        }
        return new DevicePhases(hostCopyNanos, nanos[Phase.TO_DEVICE.ordinal()], bytes[Phase.TO_DEVICE.ordinal()],
            nanos[Phase.KERNEL.ordinal()], launches, nanos[Phase.TO_HOST.ordinal()], bytes[Phase.TO_HOST.ordinal()]);
    }

    private CUevent nextEvent() {
        if (usedEvents == events.size()) {
            CUevent e = new CUevent();
            JCudaDriver.cuEventCreate(e, CUevent_flags.CU_EVENT_DEFAULT);
            events.add(e);
        }
        return events.get(usedEvents++);
    }

    void close() {
        for (CUevent e : events) {
            JCudaDriver.cuEventDestroy(e);
        }
        events.clear();
    }
}
