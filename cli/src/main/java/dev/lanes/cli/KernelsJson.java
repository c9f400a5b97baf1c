package dev.lanes.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lanes.core.exec.Backend;
import dev.lanes.core.kernel.Kernel;
import dev.lanes.core.kernel.ParamSpec;

import java.util.List;

/** {@code lanes kernels --format json}: the kernels as tools read them, {@value #SCHEMA} first. */
final class KernelsJson {
    static final String SCHEMA = "lanes.kernels/1";
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private record Document(String schema, List<KernelEntry> kernels) {
    }

    /** @param defaultValue {@code null} for a required parameter */
    private record Param(String name, String type, boolean required, Object defaultValue, String description) {
    }

    private record KernelEntry(String name, String summary, List<String> backends, List<String> inputs, List<Param> params) {
    }

    private KernelsJson() {
    }

    static String write(List<Kernel> kernels) throws JsonProcessingException {
        List<KernelEntry> entries = kernels.stream().map(k -> new KernelEntry(k.name(), k.summary(),
            k.backends().stream().sorted().map(Backend::label).toList(), k.inputs(),
            k.params().stream().map(KernelsJson::param).toList())).toList();
        return MAPPER.writeValueAsString(new Document(SCHEMA, entries)) + System.lineSeparator();
    }

    private static Param param(ParamSpec p) {
        return new Param(p.name(), p.type().describe(), p.isRequired(), p.isRequired() ? null : p.defaultValue(),
            p.description());
    }
}
