package dev.lanes.gpu;

import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the device holds is tracked by array identity, with the range written since the host had it. */
class ResidencyTest {

    @Test
    void entriesAreFoundByIdentityNotByContent() {
        Residency r = new Residency();
        float[] a = new float[4];
        float[] sameContent = new float[4];
        r.add(new HostArray(a), new DeviceBuffer(new CUdeviceptr(), 256));
        assertThat(r.find(a)).isNotNull();
        assertThat(r.find(sameContent)).isNull();
    }

    @Test
    void theDirtyRangeIsTheUnionOfWritesAndCleanResetsIt() {
        Residency.Entry e = new Residency().add(new HostArray(new double[100]), new DeviceBuffer(new CUdeviceptr(), 1024));
        assertThat(e.dirty()).isFalse();
        e.written(40, 60);
        e.written(10, 20);
        assertThat(e.dirty()).isTrue();
        assertThat(e.dirtyFrom()).isEqualTo(10);
        assertThat(e.dirtyTo()).isEqualTo(60);
        e.clean();
        assertThat(e.dirty()).isFalse();
        e.written(5, 5);
        assertThat(e.dirty()).as("an empty write").isFalse();
    }

    @Test
    void clearingHandsBackEveryBuffer() {
        Residency r = new Residency();
        DeviceBuffer one = new DeviceBuffer(new CUdeviceptr(), 256);
        DeviceBuffer two = new DeviceBuffer(new CUdeviceptr(), 512);
        r.add(new HostArray(new float[1]), one);
        r.add(new HostArray(new long[1]), two);
        assertThat(r.clear()).containsExactlyInAnyOrder(one, two);
        assertThat(r.isEmpty()).isTrue();
    }
}
