package dev.lanes.core.spec;

import dev.lanes.core.kernels.BuiltInKernels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** YAML syntax errors at the place of the problem, in words that say what to change. */
class YamlErrorsTest {
    private final SpecLoader loader = new SpecLoader(BuiltInKernels.registry(), 4, 1L << 34);

    private String refusal(String yaml) {
        SpecException e = catchThrowableOfType(SpecException.class, () -> loader.parse("spec.yaml", yaml, List.of(), false));
        assertThat(e).as(yaml).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n");
        return e.getMessage();
    }

    @Test
    void aTabIsReportedOnItsOwnLine() {
        assertThat(refusal("name: x\nstages:\n\t- id: a\n"))
            .isEqualTo("spec.yaml:3:1: malformed YAML: a tab: tabs are not allowed for indentation in YAML; indent with spaces");
    }

    @Test
    void aColonInsideAValueGetsAHint() {
        assertThat(refusal("stages:\n  - id: a\n    kernel: generate: now\n"))
            .startsWith("spec.yaml:3:21: malformed YAML: mapping values are not allowed here: a ':' in the middle of a value");
    }

    @Test
    void aKeyWithoutASpaceAfterItsColonGetsAHint() {
        assertThat(refusal("stages:\n  - id: a\n    kernel:generate\n    params: { length: 10 }\n"))
            .contains("malformed YAML: expected 'key: value' here: a key needs a colon and a space after it")
            .startsWith("spec.yaml:4:");
    }
}
