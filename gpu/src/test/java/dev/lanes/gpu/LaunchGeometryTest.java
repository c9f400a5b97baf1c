package dev.lanes.gpu;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Launch geometry is host arithmetic: every launch is valid for CUDA and covers its whole problem. */
class LaunchGeometryTest {

    @Property
    void aGridStrideLaunchHasOneBlockPer256ElementsUpTo8PerMultiprocessor(@ForAll @LongRange(min = 0, max = 1L << 40) long n,
                                                                         @ForAll @IntRange(min = 1, max = 200) int sms) {
        LaunchGeometry g = LaunchGeometry.gridStride(n, sms);
        assertThat(g.blockX()).isEqualTo(256);
        assertThat(g.gridY()).isEqualTo(1);
        assertThat(g.gridX()).isBetween(1, sms * 8);
        if (n > 0) {
            assertThat(g.gridX()).isEqualTo((int) Math.min(Math.ceilDiv(n, 256), sms * 8L));
        }
    }

    @Property
    void aWarpPerRowLaunchHasAWarpForEveryRowOrAFullDevice(@ForAll @LongRange(min = 1, max = 1L << 32) long rows,
                                                           @ForAll @IntRange(min = 1, max = 200) int sms) {
        LaunchGeometry g = LaunchGeometry.warpPerRow(rows, sms);
        long warps = (long) g.blocks() * g.blockX() / 32;
        assertThat(warps >= rows || g.gridX() == sms * 8).isTrue();
        assertThat(g.gridX()).isBetween(1, sms * 8);
    }

    @Property
    void stencilTilesCoverTheImageAndDecodeInsideIt(@ForAll @IntRange(min = 1, max = 100_000) int height,
                                                    @ForAll @IntRange(min = 1, max = 5_000) int width) {
        LaunchGeometry g = LaunchGeometry.stencil(height, width);
        int across = LaunchGeometry.tilesAcross(width);
        assertThat((long) across * 32).isGreaterThanOrEqualTo(width).isLessThan(width + 32L);
        assertThat(g.blockX() * g.blockY()).isEqualTo(256);
        int lastTile = g.gridX() - 1;
        // what the kernel computes from blockIdx.x for the last block: inside the image, and no tile row left out
        int y0 = lastTile / across * 8;
        int x0 = lastTile % across * 32;
        assertThat(y0).isLessThan(height).isGreaterThanOrEqualTo(height - 8);
        assertThat(x0).isLessThan(width).isGreaterThanOrEqualTo(width - 32);
    }

    @Property
    void aHistogramIsPrivatizedExactlyWhenItsCountersFitInSharedMemory(@ForAll @IntRange(min = 1, max = 1 << 24) int bins,
                                                                      @ForAll @LongRange(min = 1, max = 1L << 31) long n) {
        int limit = 48 * 1024;
        LaunchGeometry g = LaunchGeometry.histogram(n, bins, 132, limit);
        boolean privatized = bins <= limit / 4;
        assertThat(LaunchGeometry.privatized(bins, limit)).isEqualTo(privatized);
        assertThat(g.sharedBytes()).isEqualTo(privatized ? bins * 4 : 0);
        assertThat(g.gridX()).isBetween(1, privatized ? 132 * 4 : 132 * 8);
    }

    @Property
    void gemmSlabsCoverEveryRowOnceWithinTheGridLimit(@ForAll @IntRange(min = 1, max = 20_000_000) int m,
                                                      @ForAll @IntRange(min = 1, max = 1 << 20) int n) {
        for (int tile : new int[] {64, 128}) {
            List<LaunchGeometry.GemmSlab> slabs = LaunchGeometry.gemm(m, n, tile);
            int next = 0;
            for (LaunchGeometry.GemmSlab s : slabs) {
                assertThat(s.firstRow()).isEqualTo(next);
                assertThat((long) s.geometry().gridY() * tile).isGreaterThanOrEqualTo(s.rows());
                assertThat(s.geometry().gridY()).isLessThanOrEqualTo(LaunchGeometry.MAX_GRID_Y);
                assertThat((long) s.geometry().gridX() * tile).isGreaterThanOrEqualTo(n).isLessThan(n + (long) tile);
                next += s.rows();
            }
            assertThat(next).isEqualTo(m);
        }
    }

    @Test
    void aTallProductIsCutIntoSlabs() {
        assertThat(LaunchGeometry.gemm(65_535 * 128 + 5, 10, 128)).extracting(LaunchGeometry.GemmSlab::rows)
            .containsExactly(65_535 * 128, 5);
    }

    @Test
    void anInvalidLaunchIsRefusedBeforeItReachesTheDriver() {
        assertThatThrownBy(() -> new LaunchGeometry(0, 1, 256, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LaunchGeometry(1, 65_536, 256, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LaunchGeometry(1, 1, 64, 32, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
