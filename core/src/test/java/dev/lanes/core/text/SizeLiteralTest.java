package dev.lanes.core.text;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SizeLiteralTest {

    @Test
    void theForms() {
        assertThat(SizeLiteral.parse("1000")).isEqualTo(1000);
        assertThat(SizeLiteral.parse("10_000_000")).isEqualTo(10_000_000);
        assertThat(SizeLiteral.parse("1e6")).isEqualTo(1_000_000);
        assertThat(SizeLiteral.parse("2.5e3")).isEqualTo(2500);
        assertThat(SizeLiteral.parse("1M")).isEqualTo(1_000_000);
        assertThat(SizeLiteral.parse("1.5k")).isEqualTo(1500);
        assertThat(SizeLiteral.parse("64Ki")).isEqualTo(65536);
        assertThat(SizeLiteral.parse("2Gi")).isEqualTo(2L << 30);
        assertThat(SizeLiteral.parse(" 3G ")).isEqualTo(3_000_000_000L);
        assertThat(SizeLiteral.parse("-5")).isEqualTo(-5);
    }

    @Test
    void whatIsNotASize() {
        for (String bad : new String[] {"", "M", "1.5", "1e-3", "ten", "1_", "_1", "1__0x", "1MB", "0x10"}) {
            assertThatThrownBy(() -> SizeLiteral.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> SizeLiteral.parse("1e30")).hasMessageContaining("too large");
    }

    @Property
    void formatThenParseIsTheIdentity(@ForAll @LongRange(min = 0, max = 1L << 50) long n) {
        assertThat(SizeLiteral.parse(SizeLiteral.format(n))).isEqualTo(n);
    }
}
