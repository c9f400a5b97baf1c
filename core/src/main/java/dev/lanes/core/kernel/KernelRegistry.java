package dev.lanes.core.kernel;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The kernels a spec can name, by name. The built-in ones: {@code kernels.BuiltInKernels}. */
public record KernelRegistry(Map<String, Kernel> byName) {

    public KernelRegistry {
        byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    public Optional<Kernel> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<String> names() {
        return byName.keySet();
    }

    public Collection<Kernel> all() {
        return byName.values();
    }
}
